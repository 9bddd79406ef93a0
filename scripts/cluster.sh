#!/usr/bin/env bash
# A multi-node Docker swarm on this one machine, for the multi-node engine tests (see README, "Testing against a
# multi-node swarm"). Each node is a dockerd in its own network, mount and UTS namespace, with its own data root,
# exec root, socket and hostname; the nodes talk over a bridge of their own. Run as root.
#
#   cluster.sh up     --name ID [--managers M] [--workers W] [--owner PID] [--image IMAGE]...
#   cluster.sh down   --name ID
#   cluster.sh status --name ID
#   cluster.sh nodes  --name ID                   one line per node: name role ip hostname socket
#   cluster.sh stop-node  --name ID --node N [--kill]   stop one node's dockerd (SIGTERM; --kill: like a power cut)
#   cluster.sh start-node --name ID --node N            start it again on its old data: it rejoins the swarm
#   cluster.sh gc                                 tears down clusters whose --owner process has died
#
# Every name is derived from ID (1-8 of a-z0-9), so clusters with different ids run side by side:
#   netns swc-ID-N, bridge swcID, host end of a node's veth swcIDN, cgroup parent /swc-ID-N, hostname ID-N,
#   files under $SWARM_CLUSTER_ROOT/ID (default /var/lib/swarm-cluster/ID), subnet 10.x.y.0/24 picked from a
#   hash of ID (the next free one if taken). Nodes are m1..mM (managers, m1 created the swarm), w1..wW.
# `up` first removes what an earlier run of the same ID left, and runs `gc`. `down` ends processes by the pids
# it finds in the node's mount namespace and cgroup, never by name.
set -euo pipefail

readonly ROOT=${SWARM_CLUSTER_ROOT:-/var/lib/swarm-cluster}
readonly LOCK=$ROOT/.lock

log() { printf 'cluster%s: %s\n' "${ID:+ $ID}" "$*" >&2; }
fail() { printf 'cluster%s: FAILED: %s\n' "${ID:+ $ID}" "$*" >&2; exit 1; }

# Polls "$@" every half second until it succeeds or $1 seconds have passed.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

usage() { sed -n '6,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# ---- names -------------------------------------------------------------------------------------------------------

set_cluster() {
  ID=$1
  [[ $ID =~ ^[a-z0-9]{1,8}$ ]] || fail "the cluster id must be 1-8 of a-z0-9, got '$ID'"
  DIR=$ROOT/$ID
  BRIDGE=swc$ID
  RULE=(FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment "swarm-cluster $ID" -j ACCEPT)
}
netns_of() { echo "swc-$ID-$1"; }
veth_of() { echo "swc$ID$1"; }
cgroup_of() { echo "swc-$ID-$1"; }
sock_of() { echo "$DIR/$1/docker.sock"; }
node_docker() { local node=$1; shift; docker -H "unix://$(sock_of "$node")" "$@"; }
nodes_of_cluster() { [[ -f $DIR/nodes ]] && cut -d' ' -f1 "$DIR/nodes" || true; }

# ---- processes ---------------------------------------------------------------------------------------------------

# The pids of one node: every process in its mount namespace (dockerd, containerd, shims) and in its cgroups
# (the containers, which have mount namespaces of their own).
node_pids() {
  local node=$1 mntns="" dir
  [[ -f $DIR/$node/mntns ]] && mntns=$(cat "$DIR/$node/mntns")
  # never the host's own mount namespace, whatever the file says
  if [[ -n $mntns && $mntns != "$(readlink /proc/1/ns/mnt)" && $mntns != "$(readlink /proc/$$/ns/mnt)" ]]; then
    # one find, not a readlink per process: this runs on busy machines
    find /proc/[0-9]*/ns/mnt -maxdepth 0 -lname "*${mntns//[^0-9]/}*" 2>/dev/null | cut -d/ -f3
  fi
  for dir in "/sys/fs/cgroup/$(cgroup_of "$node")" /sys/fs/cgroup/*/"$(cgroup_of "$node")"; do
    [[ -d $dir ]] && find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null
  done
  true
}

dockerd_pid() {
  local node=$1 pid
  [[ -f $DIR/$node/dockerd.pid ]] || return 1
  pid=$(cat "$DIR/$node/dockerd.pid")
  [[ -n $pid && $(readlink "/proc/$pid/ns/mnt" 2>/dev/null) == "$(cat "$DIR/$node/mntns" 2>/dev/null)" ]] \
    && echo "$pid"
}

# The pids of $1 (one per line) that are still running: neither zombies nor gone.
living() {
  local pid
  for pid in $1; do
    # the state follows the command name, which is in parentheses and may hold spaces
    [[ -r /proc/$pid/stat && $(sed 's/.*) //; s/ .*//' "/proc/$pid/stat" 2>/dev/null) != Z ]] && echo "$pid"
  done
  true
}

# Ends every process of the node; with `graceful`, first lets dockerd stop its containers (up to 30 s).
kill_node() {
  local node=$1 mode=${2:-kill} pid dir
  if [[ $mode == graceful ]] && pid=$(dockerd_pid "$node"); then
    kill -TERM "$pid" 2>/dev/null || true
    wait_for 30 bash -c "! kill -0 $pid" || log "dockerd of $node ($pid) ignored SIGTERM for 30 s, killing"
  fi
  local round pids
  # a killed process can take seconds to go on a busy machine; a zombie is gone already, waiting for its reaper
  for ((round = 0; round < 40; round++)); do
    pids=$(living "$(node_pids "$node" | sort -u)")
    [[ -z $pids ]] && break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.5
  done
  [[ -z $(living "$(node_pids "$node")") ]] \
    || fail "processes of $node survived SIGKILL for 20 s: $(living "$(node_pids "$node")" | tr '\n' ' ')"
  for dir in "/sys/fs/cgroup/$(cgroup_of "$node")" /sys/fs/cgroup/*/"$(cgroup_of "$node")"; do
    [[ -d $dir ]] && find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  rm -f "$DIR/$node/dockerd.pid" "$DIR/$node/mntns" "$(sock_of "$node")"
}

# ---- one node ----------------------------------------------------------------------------------------------------

create_node_network() {
  local node=$1 ip=$2 ns veth
  ns=$(netns_of "$node")
  veth=$(veth_of "$node")
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}

# Starts the node's dockerd in its namespaces: network (ip netns), and a fresh mount and UTS namespace.
# `ip netns exec` would remount /sys and hide the cgroup mounts, hence nsenter + unshare. The exec root and
# /run/containerd are private tmpfs mounts, so that the node starts its own containerd and its runtime state
# disappears with its last process.
start_dockerd() {
  local node=$1 hostname=$ID-$1 nodedir=$DIR/$1
  mkdir -p "$nodedir/data" "$nodedir/exec" /run/containerd
  [[ -f $nodedir/daemon.json ]] || echo '{}' >"$nodedir/daemon.json"
  rm -f "$nodedir/dockerd.pid" "$(sock_of "$node")"
  setsid nsenter --net="/run/netns/$(netns_of "$node")" unshare --mount --uts --propagation private sh -c '
      hostname "$1" && mount -t tmpfs tmpfs "$2/exec" && mount -t tmpfs tmpfs /run/containerd &&
      exec dockerd --config-file "$2/daemon.json" --data-root "$2/data" --exec-root "$2/exec/docker" \
        --pidfile "$2/dockerd.pid" -H "unix://$2/docker.sock" --bridge=none --cgroup-parent "/$3" \
        --shutdown-timeout 5' \
    start-node "$hostname" "$nodedir" "$(cgroup_of "$node")" >>"$nodedir/dockerd.log" 2>&1 </dev/null &
  local launcher=$!
  # the launcher becomes dockerd (every step execs): its mount namespace names the node's processes
  # a busy machine (CI runs three test lanes) can take well over 10 s to start a dockerd on its old swarm data
  wait_for 60 test -f "$nodedir/dockerd.pid" || { kill -KILL "$launcher" 2>/dev/null || true
    fail "dockerd of $node did not start; see $nodedir/dockerd.log"; }
  readlink "/proc/$(cat "$nodedir/dockerd.pid")/ns/mnt" >"$nodedir/mntns"
  wait_for 60 node_docker "$node" info || fail "dockerd of $node did not answer within 60 s; see $nodedir/dockerd.log"
}

# ---- the cluster -------------------------------------------------------------------------------------------------

# Tears down whatever exists of cluster $ID, whether or not its files survived.
teardown() {
  local node ns
  if [[ -d $DIR ]]; then
    for node in "$DIR"/*/; do
      [[ -d $node ]] && kill_node "$(basename "$node")" kill &
    done
    wait_all "ending the nodes' processes"
  fi
  for ns in $(ip netns list | awk '{print $1}' | grep "^swc-$ID-" || true); do
    ip netns delete "$ns"
  done
  for veth in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^swc$ID[mw][0-9]*$" || true); do
    ip link delete "$veth" 2>/dev/null || true
  done
  ip link delete "$BRIDGE" 2>/dev/null || true
  while iptables -D "${RULE[@]}" 2>/dev/null; do :; done
  rm -rf "$DIR"
}

subnet_taken() {
  local prefix=$1
  # routes that contain the subnet (other than the default route), or lie inside it
  ip -4 route show match "$prefix.0/24" | grep -qv '^default' && return 0
  [[ -n $(ip -4 route show root "$prefix.0/24") ]] && return 0
  grep -qsx "SUBNET=$prefix" "$ROOT"/*/cluster.env
}

# 10.200.0.0-10.249.255.0: far above where swarm allocates overlay subnets (10.0.x.0 upwards).
pick_subnet() {
  local hash index k prefix
  hash=$(printf '%s' "$ID" | cksum | cut -d' ' -f1)
  for ((k = 0; k < 64; k++)); do
    index=$(((hash + k) % 12800))
    prefix=10.$((200 + index / 256)).$((index % 256))
    subnet_taken "$prefix" || { echo "$prefix"; return; }
  done
  fail "no free 10.2xx.y.0/24 subnet found"
}

# Reads managers, workers, subnet of an existing cluster.
load_cluster() {
  [[ -f $DIR/cluster.env ]] || fail "no cluster '$ID' (no $DIR/cluster.env)"
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
}

node_ip() {
  local node=$1 index
  index=${node:1}
  [[ $node == w* ]] && index=$((index + MANAGERS))
  echo "$SUBNET.$((10 + index))"
}

ready_nodes() { node_docker m1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true; }
all_ready() { [[ $(ready_nodes) == "$1" ]]; }

cmd_up() {
  local managers=1 workers=2 owner="" images=()
  while (($#)); do
    case $1 in
      --managers) managers=$2; shift 2 ;;
      --workers) workers=$2; shift 2 ;;
      --owner) owner=$2; shift 2 ;;
      --image) images+=("$2"); shift 2 ;;
      *) usage ;;
    esac
  done
  ((${#images[@]})) || images=(local/busybox:1)
  ((managers >= 1 && managers <= 9 && workers >= 0 && workers <= 9)) || fail "1-9 managers and 0-9 workers"
  local started=$SECONDS
  cmd_gc
  teardown
  mkdir -p "$ROOT"
  exec 9>"$LOCK"
  flock 9
  local subnet
  subnet=$(pick_subnet)
  mkdir -p "$DIR"
  local owner_start=""
  [[ -n $owner ]] && owner_start=$(process_start "$owner")
  printf 'MANAGERS=%s\nWORKERS=%s\nSUBNET=%s\nOWNER=%s\nOWNER_START=%s\n' \
    "$managers" "$workers" "$subnet" "$owner" "$owner_start" >"$DIR/cluster.env"
  ip link add "$BRIDGE" type bridge
  ip addr add "$subnet.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  flock -u 9
  # the host dockerd sets FORWARD's policy to DROP; bridged traffic passes FORWARD when br_netfilter is loaded
  iptables -I "${RULE[@]}"
  load_cluster

  local nodes=() node i
  for ((i = 1; i <= managers; i++)); do nodes+=("m$i"); done
  for ((i = 1; i <= workers; i++)); do nodes+=("w$i"); done
  for node in "${nodes[@]}"; do
    create_node_network "$node" "$(node_ip "$node")"
    mkdir -p "$DIR/$node"
    start_dockerd "$node" &
  done
  wait_all "starting dockerd"
  log "${#nodes[@]} dockerds answer ($((SECONDS - started)) s)"

  local archive=$DIR/images.tar
  docker save -o "$archive" "${images[@]}" || fail "docker save ${images[*]} from the host engine failed"
  for node in "${nodes[@]}"; do node_docker "$node" load -q -i "$archive" >/dev/null & done
  wait_all "loading ${images[*]}"
  rm -f "$archive"

  node_docker m1 swarm init --advertise-addr "$(node_ip m1)" >/dev/null
  local manager_token worker_token
  manager_token=$(node_docker m1 swarm join-token -q manager)
  worker_token=$(node_docker m1 swarm join-token -q worker)
  # managers one at a time: each join changes the raft membership
  for ((i = 2; i <= managers; i++)); do
    node_docker "m$i" swarm join --token "$manager_token" --advertise-addr "$(node_ip "m$i")" \
      "$(node_ip m1):2377" >/dev/null
  done
  for ((i = 1; i <= workers; i++)); do
    node_docker "w$i" swarm join --token "$worker_token" --advertise-addr "$(node_ip "w$i")" \
      "$(node_ip m1):2377" >/dev/null &
  done
  wait_all "joining the workers"
  wait_for 60 all_ready "${#nodes[@]}" || fail "only $(ready_nodes) of ${#nodes[@]} nodes are ready after 60 s"
  for node in "${nodes[@]}"; do
    echo "$node $([[ $node == m* ]] && echo manager || echo worker) $(node_ip "$node") $ID-$node unix://$(sock_of "$node")"
  done >"$DIR/nodes"
  log "up in $((SECONDS - started)) s: ${#nodes[@]} nodes on $subnet.0/24"
  cat "$DIR/nodes"
}

# Waits for every background job; fails naming the step if one failed.
wait_all() {
  local job failed=0
  for job in $(jobs -p); do wait "$job" || failed=1; done
  ((failed == 0)) || fail "$1"
}

# A process's start time (clock ticks since boot), so that a reused pid is not mistaken for the owner.
process_start() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null || true; }

cmd_down() {
  local started=$SECONDS
  teardown
  log "down in $((SECONDS - started)) s"
}

cmd_gc() {
  local env id owner owner_start
  for env in "$ROOT"/*/cluster.env; do
    # another test run may tear its cluster down meanwhile: a file gone since the listing is no cluster to collect
    owner=$(sed -n 's/^OWNER=//p' "$env" 2>/dev/null) || continue
    owner_start=$(sed -n 's/^OWNER_START=//p' "$env" 2>/dev/null) || continue
    [[ -n $owner ]] || continue
    [[ -n $owner_start && $(process_start "$owner") == "$owner_start" ]] && continue
    id=$(basename "$(dirname "$env")")
    log "removing cluster $id: its owner $owner has exited"
    (set_cluster "$id" && teardown)
  done
}

cmd_status() {
  load_cluster
  local node pid
  echo "cluster $ID: $MANAGERS manager(s), $WORKERS worker(s), bridge $BRIDGE, subnet $SUBNET.0/24, files $DIR"
  for node in $(nodes_of_cluster); do
    pid=$(dockerd_pid "$node" || echo "-")
    echo "  $(grep "^$node " "$DIR/nodes")  dockerd pid $pid"
  done
  local manager
  for manager in $(nodes_of_cluster | grep '^m'); do
    if node_docker "$manager" node ls 2>/dev/null; then return; fi
  done
  echo "  no manager answers"
}

cmd_nodes() {
  load_cluster
  cat "$DIR/nodes"
}

cmd_stop_node() {
  local node="" mode=graceful
  while (($#)); do
    case $1 in
      --node) node=$2; shift 2 ;;
      --kill) mode=kill; shift ;;
      *) usage ;;
    esac
  done
  load_cluster
  grep -q "^$node " "$DIR/nodes" || fail "no node '$node' in cluster $ID"
  kill_node "$node" "$mode"
  log "stopped $node ($mode)"
}

cmd_start_node() {
  local node=""
  while (($#)); do
    case $1 in
      --node) node=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  load_cluster
  grep -q "^$node " "$DIR/nodes" || fail "no node '$node' in cluster $ID"
  dockerd_pid "$node" >/dev/null && fail "$node is running"
  kill_node "$node" kill # leftovers of a crash
  start_dockerd "$node"
  log "started $node"
}

main() {
  (($#)) || usage
  local command=$1; shift
  [[ $(id -u) == 0 ]] || fail "run as root (it creates namespaces, links and iptables rules)"
  if [[ $command == gc ]]; then cmd_gc; return; fi
  [[ ${1:-} == --name && -n ${2:-} ]] || usage
  set_cluster "$2"; shift 2
  case $command in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    nodes) cmd_nodes ;;
    stop-node) cmd_stop_node "$@" ;;
    start-node) cmd_start_node "$@" ;;
    *) usage ;;
  esac
}

main "$@"
