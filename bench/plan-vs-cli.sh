#!/usr/bin/env bash
# Times a no-op redeploy of a 400-service stack: `docker stack deploy` against the plugin's own time, Maven
# start-up excluded. Both stacks are deployed once first (not timed), then redeployed unchanged $RUNS times each;
# the table shows the median of those runs.
#
# The plugin's own time: Maven logs with millisecond timestamps (MAVEN_OPTS -Dorg.slf4j.simpleLogger.showDateTime);
# it is the time from Maven's "--- swarm-maven-plugin:...:deploy" line, logged before the plugin's classes are
# loaded, to "BUILD SUCCESS". So it includes loading the plugin, reading the compose file, converting, the stack
# lock, planning, writing the report, all in a JVM whose code is still cold, as every real build has it; it excludes
# starting Maven and reading the pom. The plugin's own plan and apply phases (target/swarm/<stack>-deploy.json,
# timingsMillis) are shown beside it.
#
# A second row times the same redeploy in a JVM that has already run it once (`mvn swarm:deploy swarm:deploy`, the
# second execution): the plugin's classes loaded and partly compiled, as in a reactor build or under the Maven
# daemon (mvnd). It shows how much of the first row is the cold JVM rather than the plugin's work.
#
# The CLI's no-op redeploy updates all 400 services (it doesn't compare); the plugin's writes nothing.
# Services have 0 replicas by default (REPLICAS=1 to change that): what a no-op redeploy reads and compares doesn't
# depend on running tasks, and 800 containers would load the shared machine for minutes. Each service still has its
# virtual IP on the stack's overlay network, whose subnet is a /20 to hold them all.
#
# Needs the test engine (scripts/engine-up.sh). Installs the plugin into the local Maven repository first, unless
# called with --no-install. PLUGIN_VERSION=<version> --no-install times another installed version of the plugin
# instead (an older build, to compare before and after a change).
set -euo pipefail

readonly SERVICES=${SERVICES:-400}
readonly REPLICAS=${REPLICAS:-0}
readonly RUNS=${RUNS:-3}
readonly IMAGE=local/busybox:1
cd "$(dirname "$0")/.."
readonly PROJECT_DIR=$PWD

install=true
if [[ ${1:-} == --no-install ]]; then install=false; fi

readonly WORK_DIR=$(mktemp -d /tmp/swarm-bench.XXXXXX)
readonly CLI_STACK="planbcli$$"
readonly PLUGIN_STACK="planbplg$$"

source bench/common.sh

# $SERVICES services with $REPLICAS replicas on one overlay network of subnet $1 (each stack needs its own).
write_stack() {
  local i
  {
    printf 'version: "3.8"\nservices:\n'
    for ((i = 1; i <= SERVICES; i++)); do
      printf '  s%03d:\n    image: %s\n    command: ["sleep", "3600"]\n    networks: [net]\n' "$i" "$IMAGE"
      printf '    deploy:\n      replicas: %s\n' "$REPLICAS"
    done
    printf 'networks:\n  net:\n    driver: overlay\n    ipam:\n      config:\n        - subnet: %s\n' "$1"
  } >"$WORK_DIR/stack.yml"
}

cli_deploy() { docker stack deploy --detach=true --resolve-image never -c "$WORK_DIR/stack.yml" "$CLI_STACK"; }

# Runs the plugin's deploy $1 times (default 1) in one Maven run, with timestamps; prints the own time of the last
# one in seconds (see the header).
plugin_deploy() {
  local goals
  goals=$(printf 'swarm:deploy %.0s' $(seq "${1:-1}"))
  local log=$WORK_DIR/plugin.log
  if ! (cd "$WORK_DIR" && MAVEN_OPTS="${MAVEN_OPTS:-} -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS" mvn -B -o $goals -Dswarm.detach=true) >"$log" 2>&1
  then
    tail -50 "$log" >&2
    note "failed: mvn swarm:deploy"
    exit 1
  fi
  awk '/--- swarm-maven-plugin:.*:deploy/ { start = $1 } /BUILD SUCCESS/ { end = $1 }
    function seconds(t,  p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
    END { printf "%.2f\n", seconds(end) - seconds(start) }' "$log"
}

# The plugin's plan and apply phases of its last deploy, from its report.
plugin_phases() {
  sed -n 's/.*"timingsMillis" *: *{\([^}]*\)}.*/\1/p' <(tr -d '\n' <"$WORK_DIR/target/swarm/$PLUGIN_STACK-deploy.json")
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

prepare

note "docker CLI: stack $CLI_STACK, $SERVICES services"
write_stack 10.231.0.0/20
elapsed step cli_deploy >/dev/null
cli_noop=$(for ((run = 0; run < RUNS; run++)); do elapsed step cli_deploy; echo; done | median)
remove_until_gone "$CLI_STACK"

note "plugin: stack $PLUGIN_STACK, $SERVICES services"
write_stack 10.231.16.0/20
write_compose_pom plan-vs-cli
plugin_deploy >/dev/null
plugin_noop=$(for ((run = 0; run < RUNS; run++)); do
  plugin_deploy
  note "run $((run + 1)): $(plugin_phases)"
done | median)
grep -q '0 change(s)' "$WORK_DIR/plugin.log" || note "the plugin's redeploy was not a no-op: see its plan"
plugin_warm=$(for ((run = 0; run < RUNS; run++)); do plugin_deploy 2; done | median)

printf '\n%s services (%s replicas each), plugin %s, engine %s, docker CLI %s, %s\n' "$SERVICES" "$REPLICAS" \
  "$(plugin_version)" "$(docker info --format '{{.ServerVersion}}')" "$(docker version --format '{{.Client.Version}}')" \
  "$(mvn -B -v | sed -n 1p | sed "s/\x1b\[[0-9;]*m//g")"
printf '%-16s %9s %22s %10s\n' step "cli (s)" "plugin's own time (s)" plugin/cli
awk -v c="$cli_noop" -v p="$plugin_noop" -v w="$plugin_warm" \
  'BEGIN { printf "%-16s %9.2f %22.2f %10.2f\n", "no-op redeploy", c, p, p / c
           printf "%-16s %9.2f %22.2f %10.2f\n", "  in a warm JVM", c, w, w / c }'
printf '(median of %s runs each; the plugin'"'"'s plan and apply phases per run are above)\n' "$RUNS"
