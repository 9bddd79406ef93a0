#!/usr/bin/env bash
# The project's test command: prepares the engine environment, then runs every test (unit and engine).
# Extra arguments go to Maven, e.g. `bash scripts/test.sh -Dit.test=DockerSwarmEngineIT`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/engine-up.sh
exec mvn -B verify "$@"
