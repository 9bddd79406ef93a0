# What the bench scripts share; sourced after they set SERVICES, IMAGE, PROJECT_DIR, WORK_DIR, CLI_STACK,
# PLUGIN_STACK and install.

note() { printf 'bench: %s\n' "$*" >&2; }

# Every object the stack still has (services, networks, secrets, configs).
leftovers() {
  local kind
  for kind in service network secret config; do
    docker "$kind" ls -q --filter "label=com.docker.stack.namespace=$1"
  done
}

# `docker stack rm`, repeated until nothing of the stack is left: the CLI doesn't wait for tasks, and a network is
# refused while tasks still use it.
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

# The release history the plugin records for a stack: configs outside the stack's namespace, which stack rm leaves.
remove_history() {
  local revisions
  revisions=$(docker config ls -q --filter "label=dev.swarmstack.history.stack=$1")
  [[ -z $revisions ]] || docker config rm $revisions >/dev/null
}

cleanup() {
  remove_until_gone "$CLI_STACK" || true
  remove_until_gone "$PLUGIN_STACK" || true
  remove_history "$PLUGIN_STACK" || true
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

# Seconds (with milliseconds) that "${@:2}" takes; its output goes to $WORK_DIR/$1.log; a failure ends the script.
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

# The stack as a compose file: $SERVICES one-replica services on one overlay network; the first sleeps $1 seconds
# (default 3600), the others 3600.
write_compose() {
  local i
  {
    printf 'version: "3.8"\nservices:\n'
    for ((i = 1; i <= SERVICES; i++)); do
      printf '  s%02d:\n    image: %s\n    command: ["sleep", "%s"]\n    networks: [net]\n' \
        "$i" "$IMAGE" "$( ((i == 1)) && echo "${1:-3600}" || echo 3600)"
    done
    printf 'networks:\n  net:\n    driver: overlay\n'
  } >"$WORK_DIR/stack.yml"
}

# The plugin's version, as the project's pom gives it, unless PLUGIN_VERSION names another installed one.
plugin_version() {
  if [[ -n ${PLUGIN_VERSION:-} ]]; then
    echo "$PLUGIN_VERSION"
    return
  fi
  sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$PROJECT_DIR/pom.xml" | head -1
}

# Installs the plugin (unless --no-install) and checks that the engine is a swarm manager.
prepare() {
  if $install; then
    note "installing the plugin (mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip)"
    (cd "$PROJECT_DIR" && mvn -q -B install -DskipTests -DskipEngineTests -Dinvoker.skip)
  fi
  docker info --format '{{.Swarm.ControlAvailable}}' | grep -qx true || { note "no swarm manager: run scripts/engine-up.sh"; exit 1; }
}

# A pom in $WORK_DIR that runs the plugin on stack $PLUGIN_STACK; $1 is its artifactId, $2 the rest of the plugin's
# <configuration> (XML).
write_plugin_pom() {
  local version
  version=$(plugin_version)
  cat >"$WORK_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.swarmstack.bench</groupId>
  <artifactId>$1</artifactId>
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
$2
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

# A pom that deploys $WORK_DIR/stack.yml (read through <composeFiles>) as $PLUGIN_STACK; $1 is its artifactId.
write_compose_pom() {
  write_plugin_pom "$1" '          <composeFiles><composeFile>stack.yml</composeFile></composeFiles>'
}
