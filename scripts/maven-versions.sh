#!/usr/bin/env bash
# Builds the plugin on several Maven versions: the goal tests (maven-plugin-testing-harness), two invoker projects
# (real builds that use the plugin, run by that same Maven) and `mvn site` with its goal pages, then prints a table.
#
#   bash scripts/maven-versions.sh                      # 3.6.3, 3.9.16 and 4.0.0-rc-6
#   bash scripts/maven-versions.sh 3.9.16 4.0.0-rc-6    # only these
#
# Each Maven is the distribution artifact org.apache.maven:apache-maven:<version>:tar.gz:bin, fetched by the Maven
# on the PATH from the repository its settings point to, so no download address is written here, and unpacked
# under $TMPDIR/swarm-maven-versions (kept for the next run, as are the logs, <version>.log): each run starts with
# `clean`, so target/ can't hold them. Needs no engine.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  versions=(3.6.3 3.9.16 4.0.0-rc-6)
fi
goal_tests='GoalsTest,EngineGoalsTest'
invoker_projects='validate-fails-with-all-errors,generate-pom-only'
store=${TMPDIR:-/tmp}/swarm-maven-versions
mkdir -p "$store"

fetch_maven() {
  local version=$1
  if [ ! -x "$store/apache-maven-$version/bin/mvn" ]; then
    mvn -B -q dependency:copy -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" \
      -DoutputDirectory="$store" >&2
    tar -xzf "$store/apache-maven-$version-bin.tar.gz" -C "$store"
  fi
  echo "$store/apache-maven-$version"
}

# "passed/total" from the surefire or invoker XML reports under $1
count_tests() {
  python3 - "$1" <<'EOF'
import glob, sys, xml.etree.ElementTree as ET
total = failed = 0
for f in glob.glob(sys.argv[1] + '/TEST-*.xml'):
    r = ET.parse(f).getroot()
    total += int(r.get('tests', 0))
    failed += int(r.get('failures', 0)) + int(r.get('errors', 0))
for f in glob.glob(sys.argv[1] + '/BUILD-*.xml'):
    total += 1
    failed += ET.parse(f).getroot().get('result') != 'success'
print(f"{total - failed}/{total}" if total else "not run")
EOF
}

rows=()
for version in "${versions[@]}"; do
  home=$(fetch_maven "$version")
  echo "== Maven $version: clean verify site" >&2
  start=$(date +%s)
  # one build per version: test failures are recorded, not fatal, so the site is still tried
  set +e
  "$home/bin/mvn" -B clean verify site \
    -Dtest="$goal_tests" -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
    -DskipEngineTests -Dinvoker.test="$invoker_projects" \
    > "$store/$version.log" 2>&1
  build=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  goals=$(count_tests target/surefire-reports)
  invoker=$(count_tests target/invoker-reports)
  if [ $build -eq 0 ] && [ -f target/site/plugin-info.html ] && [ -f target/site/deploy-mojo.html ]; then
    site="ok ($(ls target/site/*-mojo.html | wc -l) goal pages)"
  else
    site="failed (see $store/$version.log)"
  fi
  rows+=("| $version | $goals | $invoker | $site | ${seconds} s |")
done

echo
echo "| Maven | goal tests passed | invoker projects passed | mvn site | time |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
