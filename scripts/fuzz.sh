#!/usr/bin/env bash
# Coverage-guided fuzzing with Jazzer of the three fuzz tests, each for a while (the build runs a fixed number of
# random inputs through the same targets instead: *FuzzTest#boundedRun):
#   ComposeBytesFuzzTest        any bytes, or byte edits of a real stack file -> StackLoader + StackValidator
#   ComposeMutationFuzzTest     structured mutations of real stack files (types, keys, nesting, anchors, alias bombs)
#   PomMappingFuzzTest          random pom configuration -> PomStackMapper, StackLoader, ContentSources, StackValidator
# Seeds: docker/cli's conformance example (../shared), src/test/resources/{compose,differential,corpus}.
# Prints the executions and the findings of each; a finding's input is saved as crash-<sha1> in the project's
# directory (Jazzer's choice), its stack trace is in target/fuzz/<test>.log. Exits 1 when anything was found.
#
# Usage: bash scripts/fuzz.sh [seconds per target]   (300 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

readonly SECONDS_PER_TARGET=${1:-300}
readonly TARGETS=(
  ComposeBytesFuzzTest#anyBytesGetAProblemReport
  ComposeMutationFuzzTest#mutatedStackFilesGetAProblemReport
  PomMappingFuzzTest#anyPomConfigurationGetsAProblemReport
)
mkdir -p target/fuzz

found=0
for target in "${TARGETS[@]}"; do
  log=target/fuzz/${target%%#*}.log
  printf 'fuzz: %s for %s s (log: %s)\n' "$target" "$SECONDS_PER_TARGET" "$log" >&2
  # jazzer.internal.arg.N are libFuzzer's arguments (0 is its program name); they come after, and so override,
  # the @FuzzTest's own maxDuration and maxExecutions
  mvn -B -o -Pfuzz test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$SECONDS_PER_TARGET" \
    -Djazzer.internal.arg.2=-runs=-1 >"$log" 2>&1 || true
  executions=$(grep -o '^Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
  if [[ -z $executions ]]; then # a finding stops libFuzzer before its summary; its last status line counts
    executions=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  fi
  findings=$(grep -c '^== Java Exception' "$log" || true)
  printf '%-62s %10s executions %3s findings\n' "$target" "${executions:-?}" "$findings"
  if ((findings > 0)) || ! grep -q 'BUILD SUCCESS' "$log"; then
    found=1
    grep -A12 '^== Java Exception' "$log" | head -30 || tail -30 "$log"
  fi
done
ls crash-* 2>/dev/null | sed 's/^/saved input: /' || true
exit $found
