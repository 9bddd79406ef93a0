#!/usr/bin/env bash
# Endurance: $ROUNDS consecutive `mvn swarm:deploy` runs (rotation on, waiting for convergence) alternating two
# versions of a stack whose secret, config and two services all change, recording release history as the goal does
# by default. After every round it counts the stack's objects on the engine with the docker CLI (services, networks,
# secrets, configs; the history's revisions against swarm.history.max; containers against the swarm's task history
# limit) and stops at the first leak; it prints the counts and the timings. The kept revisions use both versions, so
# two secret and two config versions stay. EnduranceIT asserts the same for 10 rounds in the build.
#
# Usage: bash bench/endurance.sh [--no-install] [rounds]   (100 rounds by default)
# Needs the test engine (scripts/engine-up.sh). Installs the plugin into the local Maven repository first
# (mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip), unless called with --no-install.
# The stack starts from nothing and is removed afterwards (and on exit, whatever happened).
set -euo pipefail

readonly SERVICES=2
readonly HISTORY_MAX=10 # swarm.history.max's default
cd "$(dirname "$0")/.."
readonly PROJECT_DIR=$PWD

install=true
if [[ ${1:-} == --no-install ]]; then install=false; shift; fi
readonly ROUNDS=${1:-100}

readonly WORK_DIR=$(mktemp -d /tmp/swarm-endurance-bench.XXXXXX)
readonly PLUGIN_STACK="endurance$$"
readonly CLI_STACK=$PLUGIN_STACK # the docker CLI deploys nothing here; common.sh's cleanup removes both names

source bench/common.sh

# Version $1 of the stack: both services, the secret and the config carry it (the stack file is EnduranceIT's).
write_version() {
  printf 'token-%s\n' "$1" >"$WORK_DIR/token.txt"
  printf 'version=%s\n' "$1" >"$WORK_DIR/settings.conf"
  cp "$PROJECT_DIR/src/test/resources/endurance/stack.yml" "$WORK_DIR/stack.yml"
}

count() {
  docker "$1" ls -q --filter "label=${2:-com.docker.stack.namespace}=$PLUGIN_STACK" | wc -l
}

containers() {
  docker ps -aq --filter "label=com.docker.stack.namespace=$PLUGIN_STACK" | wc -l
}

prepare
write_compose_pom endurance
history_limit=$(docker info --format '{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}')
note "$ROUNDS deploys of stack $PLUGIN_STACK, alternating versions a and b; task history limit $history_limit"

printf '%5s %7s %9s %8s %8s %7s %9s %8s %10s\n' round version services networks secrets configs revisions containers seconds
times=()
for ((round = 1; round <= ROUNDS; round++)); do
  version=$( ((round % 2)) && echo a || echo b)
  write_version "$version"
  seconds=$(elapsed "round$round" bash -c "cd '$WORK_DIR' && mvn -B -o swarm:deploy -Dswarm.timeout=180s -DENDURANCE_VERSION=$version")
  times+=("$seconds")
  services=$(count service) networks=$(count network) secrets=$(count secret) configs=$(count config)
  revisions=$(count config dev.swarmstack.history.stack)
  printf '%5d %7s %9d %8d %8d %7d %9d %8d %10s\n' "$round" "$version" "$services" "$networks" "$secrets" "$configs" \
    "$revisions" "$(containers)" "$seconds"
  versions=$((round < 2 ? round : 2))
  kept=$((round < HISTORY_MAX ? round : HISTORY_MAX))
  if ((services != SERVICES || networks != 1 || secrets != versions || configs != versions || revisions != kept)); then
    note "leak after round $round: expected $SERVICES services, 1 network, $versions secrets, $versions configs, $kept revisions"
    exit 1
  fi
done

# The engine reaps old tasks (and their containers) in the background: give it a minute to get within the limit.
for ((i = 0; i < 60; i++)); do
  (($(containers) <= history_limit * SERVICES)) && break
  sleep 1
done
left=$(containers)

printf '\nengine %s, load average %s\n' "$(docker info --format '{{.ServerVersion}}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${times[@]}" | sort -n | awk -v rounds="$ROUNDS" '
  { t[NR] = $1; sum += $1 }
  END { printf "%d deploys: mean %.2f s, median %.2f s, slowest %.2f s (Maven start-up included)\n",
        rounds, sum / NR, t[int((NR + 1) / 2)], t[NR] }'
printf 'containers of the stack at the end: %d (task history limit %d x %d services)\n' "$left" "$history_limit" "$SERVICES"
if ((left > history_limit * SERVICES)); then
  note "containers beyond the task history limit"
  exit 1
fi
echo "no leak: every round left the current version's objects, those of the kept revisions and at most $HISTORY_MAX revisions"
