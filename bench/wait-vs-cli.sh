#!/usr/bin/env bash
# Waited deploy of a 50-service stack, side by side in one run: the plugin's swarm:deploy (all services watched at
# once, stability windows concurrent) against `docker stack deploy --detach=false` (one service after another,
# 5 s of stability each). Prints both times and the ratio. Each tool gets its own stack; both are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVICES=${SERVICES:-50}
WORK=$(mktemp -d)
PLUGIN_STACK=benchplugin$$
CLI_STACK=benchcli$$
VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)

cleanup() {
  docker stack rm "$PLUGIN_STACK" "$CLI_STACK" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

bash scripts/engine-up.sh >/dev/null
echo "bench: installing the plugin ($VERSION) into the local Maven repository"
mvn -B -q install -DskipTests -DskipEngineTests -Dinvoker.skip

{
  echo 'version: "3.8"'
  echo 'services:'
  for i in $(seq -w 1 "$SERVICES"); do
    printf '  s%s:\n    image: local/busybox:1\n    command: ["sleep", "3600"]\n' "$i"
  done
} > "$WORK/stack.yml"

cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.swarmstack.bench</groupId>
  <artifactId>wait-vs-cli</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
</project>
POM

now() { date +%s.%N; }

echo "bench: plugin: swarm:deploy of $SERVICES services, waiting for the whole stack to converge"
start=$(now)
mvn -B -q -f "$WORK/pom.xml" "dev.swarmstack:swarm-maven-plugin:$VERSION:deploy" \
  -Dswarm.stack="$PLUGIN_STACK" -Dswarm.composeFiles="$WORK/stack.yml" -Dswarm.resolveImage=never
plugin=$(echo "$(now) - $start" | bc)
converge_ms=$(sed -n 's/.*"converge" : \([0-9]*\).*/\1/p' "$WORK/target/swarm/$PLUGIN_STACK-deploy.json")

echo "bench: CLI: docker stack deploy --detach=false of $SERVICES services"
start=$(now)
docker stack deploy --detach=false --resolve-image never -c "$WORK/stack.yml" "$CLI_STACK" >/dev/null
cli=$(echo "$(now) - $start" | bc)

printf 'plugin swarm:deploy (waited, incl. Maven start): %6.1f s (of which waiting for convergence: %.1f s)\n' \
  "$plugin" "$(echo "$converge_ms / 1000" | bc -l)"
printf 'docker stack deploy --detach=false:             %6.1f s\n' "$cli"
printf 'ratio (CLI / plugin):                            %6.1fx\n' "$(echo "$cli / $plugin" | bc -l)"
