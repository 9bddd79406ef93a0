#!/usr/bin/env bash
# Brings up the test environment the engine tests (*IT.java) need, on a Debian 12 machine, as root:
# a Docker engine, a single-node swarm, the test image local/busybox:1 (no public registry is reachable),
# and a local registry with password authentication holding 127.0.0.1:5000/swarmtest/busybox:1.
# The multi-node tests need nothing more: iproute2, iptables and util-linux (nsenter, unshare, flock) are here.
# The ssh:// tests start their own sshd (openssh-server) on a free port; the TLS tests make certificates with openssl.
#
# Idempotent: every step first checks whether its result is already there, so it is safe to run twice
# and after an earlier run died halfway. It never stops anything it finds running.
# Prints one line per step.
set -euo pipefail

readonly TEST_IMAGE=local/busybox:1
readonly REGISTRY_ADDR=127.0.0.1:5000
readonly REGISTRY_USER=swarmtest
# a fixed, public test password: the registry only listens on 127.0.0.1 and holds nothing but test images
readonly REGISTRY_PASSWORD=swarmtest-password
readonly REGISTRY_IMAGE="$REGISTRY_ADDR/swarmtest/busybox:1"
readonly REGISTRY_DIR=/var/lib/swarm-test-registry
readonly DOCKERD_LOG=/var/log/dockerd.log
readonly DOCKERD_PID=/var/run/docker.pid

step() { printf 'engine-up: %-10s %s\n' "$1" "$2"; }
fail() { printf 'engine-up: FAILED: %s\n' "$1" >&2; exit 1; }

# Polls "$@" once a second until it succeeds or $1 seconds have passed.
wait_for() {
  local seconds=$1; shift
  local i
  for ((i = 0; i < seconds; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  return 1
}

install_packages() {
  local missing=() pkg
  for pkg in docker.io busybox-static docker-registry apache2-utils iproute2 iptables util-linux curl openssh-server openssl; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    step packages "all present"
    return
  fi
  step packages "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine_answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

# A dockerd whose pid file names a live dockerd process is starting (or wedged): wait for it instead of
# starting a second one, which would fail on the pid file anyway.
dockerd_process_alive() {
  [[ -f $DOCKERD_PID ]] || return 1
  local pid
  pid=$(cat "$DOCKERD_PID" 2>/dev/null) || return 1
  [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == dockerd ]]
}

start_engine() {
  if engine_answers; then
    step engine "running ($(docker info --format '{{.ServerVersion}}'))"
    return
  fi
  if dockerd_process_alive; then
    step engine "dockerd $(cat "$DOCKERD_PID") is starting, waiting"
  else
    rm -f "$DOCKERD_PID"
    # setsid: the engine outlives this script and the CI step's process group
    setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
    step engine "started dockerd (pid $!, log $DOCKERD_LOG)"
  fi
  wait_for 60 engine_answers || fail "the engine did not answer within 60 s; see $DOCKERD_LOG"
  step engine "answers ($(docker info --format '{{.ServerVersion}}'))"
}

init_swarm() {
  local state
  state=$(docker info --format '{{.Swarm.LocalNodeState}}')
  case $state in
    active) step swarm "active" ;;
    inactive)
      docker swarm init --advertise-addr 127.0.0.1 >/dev/null
      step swarm "initialised a single-node swarm" ;;
    *) fail "swarm state is '$state'; expected active or inactive" ;;
  esac
}

build_test_image() {
  if docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
    step image "$TEST_IMAGE present"
    return
  fi
  local rootfs cmd
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for cmd in sh sleep httpd nc ping wget nslookup ip cat echo false true env ls grep; do
    ln -s busybox "$rootfs/bin/$cmd"
  done
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' - "$TEST_IMAGE" >/dev/null
  rm -rf "$rootfs"
  step image "built $TEST_IMAGE from busybox-static"
}

registry_answers() {
  # /v2/ answers 401 when authentication is on; anything at all means the registry is up
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY_ADDR/v2/" 2>/dev/null) || return 1
  [[ $code == 200 || $code == 401 ]]
}

start_registry() {
  if registry_answers; then
    step registry "answers on $REGISTRY_ADDR"
    return
  fi
  mkdir -p "$REGISTRY_DIR/storage"
  htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" >"$REGISTRY_DIR/htpasswd" 2>/dev/null
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/storage
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
auth:
  htpasswd:
    realm: swarm-test-registry
    path: $REGISTRY_DIR/htpasswd
EOF
  setsid nohup docker-registry serve "$REGISTRY_DIR/config.yml" >>"$REGISTRY_DIR/registry.log" 2>&1 </dev/null &
  echo $! >"$REGISTRY_DIR/registry.pid"
  wait_for 30 registry_answers || fail "the registry did not answer within 30 s; see $REGISTRY_DIR/registry.log"
  step registry "started on $REGISTRY_ADDR (pid $(cat "$REGISTRY_DIR/registry.pid"), data $REGISTRY_DIR)"
}

push_test_image() {
  printf '%s' "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY_ADDR" >/dev/null 2>&1 \
    || fail "docker login $REGISTRY_ADDR failed"
  step login "docker CLI logged in to $REGISTRY_ADDR as $REGISTRY_USER"
  docker tag "$TEST_IMAGE" "$REGISTRY_IMAGE"
  docker push -q "$REGISTRY_IMAGE" >/dev/null || fail "docker push $REGISTRY_IMAGE failed"
  step push "$REGISTRY_IMAGE"
}

# The multi-node tests start their own clusters (scripts/cluster.sh); remove those of test runs that died.
remove_stale_clusters() {
  bash "$(dirname "$0")/cluster.sh" gc
  step clusters "no cluster of a dead test run left"
}

[[ $(id -u) == 0 ]] || fail "run as root (it installs packages and starts dockerd)"
install_packages
start_engine
init_swarm
build_test_image
start_registry
push_test_image
remove_stale_clusters
step done "engine, swarm, $TEST_IMAGE and $REGISTRY_IMAGE ready"
