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

note() { printf 'bench: %s\n' "$*" >&2; }

leftovers() {
  local kind
  for kind in service network secret config; do
    docker "$kind" ls -q --filter "label=com.docker.stack.namespace=$1"
  done
}

# `docker stack rm` doesn't wait, and a network is refused while tasks still use it: repeat until nothing is left.
remove_until_gone() {
  local i
  for ((i = 0; i < 120; i++)); do
    [[ -z $(leftovers "$1") ]] && return 0
    docker stack rm "$1" >/dev/null 2>&1 || true
    sleep 1
  done
  note "stack $1 still not gone after 120 s"
  return 1
}

cleanup() {
  remove_until_gone "$CLI_STACK" || true
  remove_until_gone "$PLUGIN_STACK" || true
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

# Seconds (with milliseconds) that "$@" takes; its output goes to $WORK_DIR/<name>.log; a failure ends the script.
elapsed() {
  local name=$1 start end
  shift
  start=$(date +%s.%N)
  if ! "$@" >"$WORK_DIR/$name.log" 2>&1; then
    tail -50 "$WORK_DIR/$name.log" >&2
    note "failed: $*"
    exit 1
  fi
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

write_compose() {
  local i
  {
    printf 'version: "3.8"\nservices:\n'
    for ((i = 1; i <= SERVICES; i++)); do
      printf '  s%02d:\n    image: %s\n    command: ["sleep", "3600"]\n    networks: [net]\n' "$i" "$IMAGE"
    done
    printf 'networks:\n  net:\n    driver: overlay\n'
  } >"$WORK_DIR/stack.yml"
}

# The same stack, for the plugin: the compose file read through <composeFiles>.
write_pom() {
  local version
  version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$PROJECT_DIR/pom.xml" | head -1)
  cat >"$WORK_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.swarmstack.bench</groupId>
  <artifactId>wait-vs-cli</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.swarmstack</groupId>
        <artifactId>swarm-maven-plugin</artifactId>
        <version>$version</version>
        <configuration>
          <stackName>$PLUGIN_STACK</stackName>
          <resolveImage>never</resolveImage>
          <composeFiles><composeFile>stack.yml</composeFile></composeFiles>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

if $install; then
  note "installing the plugin (mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip)"
  mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip
fi
docker info --format '{{.Swarm.ControlAvailable}}' | grep -qx true || { note "no swarm manager: run scripts/engine-up.sh"; exit 1; }

write_compose
write_pom
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
