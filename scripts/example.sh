#!/usr/bin/env bash
# The README's first quick-start command: a local single-node swarm with the example stack deployed on it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/engine-up.sh
echo "example: installing the plugin into the local Maven repository"
mvn -B -q install -DskipTests -DskipEngineTests -Dinvoker.skip
echo "example: deploying examples/shop"
mvn -B -f examples/shop/pom.xml swarm:deploy swarm:services
