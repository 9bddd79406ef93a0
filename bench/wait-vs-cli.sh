#!/usr/bin/env bash
# Times a waited deploy of the same 50-service stack (one replica each, local/busybox:1 `sleep 3600`, one overlay
# network, no update_config: the engine's 5 s monitor) side by side:
#   docker stack deploy --detach=false   waits for one service after the other, 5 s of stability each
#   mvn swarm:deploy                     waits for all services at once (swarm.detach=false is the default)
# and prints both times and their ratio. The CLI run takes over four minutes, so it runs once.
# For scale, it also times the engine alone: `docker stack deploy --detach=true`, then `docker stack services` every
# 0.5 s until every service runs its replica. No waiting tool can beat that time plus the 5 s monitor window; on a
# loaded machine it dominates the plugin's time.
#
# Needs the test engine (scripts/engine-up.sh). Installs the plugin into the local Maven repository first
# (mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip), unless called with --no-install.
# Each stack starts from nothing and is removed afterwards (and on exit, whatever happened).
set -euo pipefail

readonly SERVICES=50
readonly IMAGE=local/busybox:1
cd "$(dirname "$0")/.."
readonly PROJECT_DIR=$PWD

install=true
if [[ ${1:-} == --no-install ]]; then install=false; fi

readonly WORK_DIR=$(mktemp -d /tmp/swarm-wait-bench.XXXXXX)
readonly CLI_STACK="waitcli$$"
readonly PLUGIN_STACK="waitplg$$"

source bench/common.sh

prepare

write_compose
write_compose_pom wait-vs-cli
note "plugin: mvn swarm:deploy of stack $PLUGIN_STACK (waits by default)"
plugin=$(elapsed plugin bash -c "cd '$WORK_DIR' && mvn -B -o swarm:deploy")
converge_line=$(grep -o 'Stack [^ ]* converged in [0-9.]* s' "$WORK_DIR/plugin.log" || echo "(no converged line)")
remove_until_gone "$PLUGIN_STACK"

# Until every service of the stack runs its one replica.
until_running() {
  local i
  for ((i = 0; i < 600; i++)); do
    [[ $(docker stack services --format '{{.Replicas}}' "$1" | grep -cx '1/1') == "$SERVICES" ]] && return 0
    sleep 0.5
  done
  return 1
}
engine_alone() {
  docker stack deploy --detach=true --resolve-image never -c "$WORK_DIR/stack.yml" "$CLI_STACK" && until_running "$CLI_STACK"
}
note "engine alone: docker stack deploy --detach=true of stack $CLI_STACK, until every task runs"
engine=$(elapsed engine engine_alone)
remove_until_gone "$CLI_STACK"

note "docker CLI: docker stack deploy --detach=false of stack $CLI_STACK (about 4-5 minutes)"
cli=$(elapsed cli docker stack deploy --detach=false --resolve-image never -c "$WORK_DIR/stack.yml" "$CLI_STACK")
remove_until_gone "$CLI_STACK"

printf '\n%s services, engine %s, docker CLI %s, %s, load average %s\n' "$SERVICES" \
  "$(docker info --format '{{.ServerVersion}}')" "$(docker version --format '{{.Client.Version}}')" \
  "$(mvn -B -v -Dstyle.color=never 2>/dev/null | sed -n 1p | sed 's/\x1b\[[0-9;]*m//g')" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-48s %8s s   (no waiting tool can be faster than this plus 5 s)\n' "engine alone: every task running" "$engine"
printf '%-48s %8s s\n' "docker stack deploy --detach=false" "$cli"
printf '%-48s %8s s   (%s, Maven start-up included)\n' "mvn swarm:deploy (waits until converged)" "$plugin" "$converge_line"
awk -v c="$cli" -v p="$plugin" 'BEGIN { printf "%-48s %8.1f x\n", "ratio (CLI / plugin)", c / p }'
