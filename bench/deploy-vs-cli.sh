#!/usr/bin/env bash
# Times the plugin against `docker stack deploy` on the same 50-service stack (one replica each, local/busybox:1
# `sleep 3600`, one overlay network): create, unchanged redeploy, change of one service, removal.
#
# Needs the test engine (scripts/engine-up.sh). Installs the plugin into the local Maven repository first
# (mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip: the src/it builds are tests too), unless called
# with --no-install.
# The CLI stack is deployed and removed first, then the plugin's; each starts once the previous stack is gone, and
# each step once the previous one's tasks run (not timed). "rm until gone": from the rm command until no
# service, network, secret or config of the stack is left (docker stack rm doesn't wait, and is repeated meanwhile).
# Maven start-up is measured too: the same deploy goal with -Dswarm.deploy.skip=true does everything but the work.
set -euo pipefail

readonly SERVICES=50
readonly IMAGE=local/busybox:1
cd "$(dirname "$0")/.."
readonly PROJECT_DIR=$PWD

install=true
if [[ ${1:-} == --no-install ]]; then install=false; fi

readonly WORK_DIR=$(mktemp -d /tmp/swarm-bench.XXXXXX)
readonly CLI_STACK="benchcli$$"
readonly PLUGIN_STACK="benchplg$$"

source bench/common.sh

# Until every service of the stack runs its one replica, so that each tool's next step meets a settled engine.
wait_running() {
  local i
  for ((i = 0; i < 300; i++)); do
    [[ -z $(docker stack services --format '{{.Replicas}}' "$1" | grep -vx '1/1') ]] && return 0
    sleep 1
  done
  note "stack $1 not running after 300 s"
  return 1
}

# The same stack in a pom, for the plugin.
write_pom() {
  local i
  write_plugin_pom deploy-vs-cli "$(
    echo '          <networks><network><name>net</name><driver>overlay</driver></network></networks>'
    echo '          <services>'
    for ((i = 1; i <= SERVICES; i++)); do
      printf '            <service><name>s%02d</name><image>%s</image><command><arg>sleep</arg><arg>%s</arg></command><networks><network>net</network></networks></service>\n' \
        "$i" "$IMAGE" "$( ((i == 1)) && echo "$1" || echo 3600)"
    done
    echo '          </services>'
  )"
}

cli_deploy() { docker stack deploy --detach=true --resolve-image never -c "$WORK_DIR/stack.yml" "$CLI_STACK"; }
plugin() { (cd "$WORK_DIR" && mvn -B -q -o "$@"); }

prepare

declare -A cli plugin_time
note "docker CLI: stack $CLI_STACK"
write_compose 3600
cli[create]=$(elapsed step cli_deploy)
wait_running "$CLI_STACK"
cli[noop]=$(elapsed step cli_deploy)
wait_running "$CLI_STACK"
write_compose 3601
cli[change]=$(elapsed step cli_deploy)
wait_running "$CLI_STACK"
cli[rm]=$(elapsed step docker stack rm "$CLI_STACK")
cli[gone]=$(awk -v r="${cli[rm]}" -v g="$(elapsed step remove_until_gone "$CLI_STACK")" 'BEGIN { printf "%.2f", r + g }')

note "plugin: stack $PLUGIN_STACK"
write_pom 3600
# the fastest of three: the machine is shared, and start-up is what stays when nothing else interferes
plugin_time[startup]=$(for run in 1 2 3; do elapsed step plugin swarm:deploy -Dswarm.deploy.skip=true; echo; done | sort -n | head -1)
plugin_time[create]=$(elapsed step plugin swarm:deploy -Dswarm.detach=true)
wait_running "$PLUGIN_STACK"
plugin_time[noop]=$(elapsed step plugin swarm:deploy -Dswarm.detach=true)
wait_running "$PLUGIN_STACK"
write_pom 3601
plugin_time[change]=$(elapsed step plugin swarm:deploy -Dswarm.detach=true)
wait_running "$PLUGIN_STACK"
plugin_time[rm]=$(elapsed step plugin swarm:rm)
plugin_time[gone]=$(awk -v r="${plugin_time[rm]}" -v g="$(elapsed step remove_until_gone "$PLUGIN_STACK")" 'BEGIN { printf "%.2f", r + g }')

startup=${plugin_time[startup]}
printf '\n%s services, engine %s, docker CLI %s, %s\n' "$SERVICES" "$(docker info --format '{{.ServerVersion}}')" \
  "$(docker version --format '{{.Client.Version}}')" "$(mvn -B -v | sed -n 1p)"
printf '%-16s %9s %11s %10s %22s\n' step "cli (s)" "plugin (s)" cli/plugin "plugin - startup (s)"
for step in create noop change rm gone; do
  label=$step
  [[ $step == noop ]] && label="no-op redeploy"
  [[ $step == change ]] && label="change 1 service"
  [[ $step == gone ]] && label="rm until gone"
  awk -v l="$label" -v c="${cli[$step]}" -v p="${plugin_time[$step]}" -v s="$startup" \
    'BEGIN { printf "%-16s %9.2f %11.2f %10.2f %22.2f\n", l, c, p, c / p, p - s }'
done
printf '%-16s %9s %11.2f   (fastest of 3 mvn swarm:deploy -Dswarm.deploy.skip=true: Maven start-up, plugin loading)\n' \
  "maven start-up" "-" "$startup"
