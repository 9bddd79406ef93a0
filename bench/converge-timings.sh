#!/usr/bin/env bash
# Times what the engine tests assert only as behaviour, because they run beside each other and other builds on a
# shared machine, where a stopwatch says nothing:
#   no-op redeploy   `mvn swarm:deploy` of an unchanged stack (ConvergeIT): tasks that ran before the redeploy have
#                    served their 5 s monitor window, so it converges at its first look
#   unsatisfiable    a placement constraint no node satisfies (UnsatisfiablePlacementIT): the deploy fails with the
#                    scheduler's reason after its 5 s grace, not after the wait's timeout (120 s here)
# and prints the figures; it asserts nothing. $SERVICES one-replica services, local/busybox:1 `sleep 3600`.
#
# Needs the test engine (scripts/engine-up.sh). Installs the plugin into the local Maven repository first
# (mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip), unless called with --no-install.
# The stack starts from nothing and is removed afterwards (and on exit, whatever happened).
set -euo pipefail

readonly SERVICES=5
readonly IMAGE=local/busybox:1
cd "$(dirname "$0")/.."
readonly PROJECT_DIR=$PWD

install=true
if [[ ${1:-} == --no-install ]]; then install=false; fi

readonly WORK_DIR=$(mktemp -d /tmp/swarm-converge-bench.XXXXXX)
readonly PLUGIN_STACK="convbench$$"
readonly CLI_STACK=$PLUGIN_STACK # the docker CLI deploys nothing here; common.sh's cleanup removes both names

source bench/common.sh

# Seconds (with milliseconds) until "${@:2}" fails, as it should; its output goes to $WORK_DIR/$1.log.
failed_after() {
  local name=$1 start end
  shift
  start=$(date +%s.%N)
  if "$@" >"$WORK_DIR/$name.log" 2>&1; then
    note "succeeded, but should have failed: $*"
    exit 1
  fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

converged_in() {
  grep -o 'Stack [^ ]* converged in [0-9.]* s' "$WORK_DIR/$1.log" || echo "(no converged line)"
}

prepare
write_compose
write_compose_pom converge-timings
deploy() { (cd "$WORK_DIR" && mvn -B -o swarm:deploy -Dswarm.timeout=120s "$@"); }

note "mvn swarm:deploy of stack $PLUGIN_STACK, then again unchanged"
first=$(elapsed first deploy)
again=$(elapsed again deploy)
remove_until_gone "$PLUGIN_STACK"

note "mvn swarm:deploy of a stack whose one service no node can take"
printf 'version: "3.8"\nservices:\n  nowhere:\n    image: %s\n    command: ["sleep", "3600"]\n    deploy:\n      placement:\n        constraints: [node.labels.swarmstack-bench-never == true]\n' \
  "$IMAGE" >"$WORK_DIR/stack.yml"
unsatisfiable=$(failed_after unsatisfiable deploy)
reason=$(grep -o 'no suitable node[^)]*)' "$WORK_DIR/unsatisfiable.log" | head -1 || echo "(no scheduler reason)")
remove_until_gone "$PLUGIN_STACK"

printf '\nengine %s, %s, load average %s\n' "$(docker info --format '{{.ServerVersion}}')" \
  "$(mvn -B -v -Dstyle.color=never 2>/dev/null | sed -n 1p | sed 's/\x1b\[[0-9;]*m//g')" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s s   (%s)\n' "first deploy, $SERVICES services" "$first" "$(converged_in first)"
printf '%-44s %8s s   (%s)\n' "no-op redeploy" "$again" "$(converged_in again)"
printf '%-44s %8s s   (%s; the wait allows 120 s)\n' "unsatisfiable placement, until it fails" "$unsatisfiable" "$reason"
echo "(Maven start-up included in every figure)"
