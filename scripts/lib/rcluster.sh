# shellcheck shell=bash
# A throwaway Redis Cluster on loopback for tests and drills: six Debian
# redis-server processes, three primaries with a replica each.
# Source this file, call start_redis_cluster, and stop_redis_cluster from
# an EXIT trap. Exports SIYU_TEST_REDIS_CLUSTER_ADDRS (host:port, comma
# separated). Data lives under $SIYU_TEST_TMP (a temporary folder of its
# own when unset, removed by stop_redis_cluster).

# Below Linux's ephemeral range, like servers.sh's ports; each node's
# cluster bus listens on its port + 10000 (27100 up), still below it.
: "${SIYU_TEST_REDIS_CLUSTER_PORT:=17100}"
: "${SIYU_TEST_STARTUP_TIMEOUT:=60}"
# How long a primary may be silent before its replica takes over: short,
# so a drill's failover takes seconds (production keeps 15000).
: "${SIYU_TEST_REDIS_CLUSTER_NODE_TIMEOUT:=2000}"

declare -gA REDIS_CLUSTER_PID=() # port → PID of the node this script started
REDIS_CLUSTER_PORTS=()
REDIS_CLUSTER_TMP=

rcluster_log() { printf '[siyu] %s\n' "$*" >&2; }

# rcluster_port_free reports whether nothing listens on $1 nor on its
# cluster bus port.
rcluster_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$(($1 + 10000))") 2>/dev/null
}

rcluster_cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }

# redis_cluster_node_start starts (or restarts, keeping its nodes.conf, so
# it rejoins as a replica) the node on port $1; redis_cluster_node_up
# waits until it answers.
redis_cluster_node_start() {
	local port=$1 dir="$SIYU_TEST_TMP/rcluster-$1"
	mkdir -p "$dir"
	# Diskless sync without delay: a replica is in sync within moments of
	# the cluster's creation, not after Redis's default 5 seconds.
	redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
		--cluster-enabled yes --cluster-config-file "$dir/nodes.conf" \
		--cluster-node-timeout "$SIYU_TEST_REDIS_CLUSTER_NODE_TIMEOUT" --cluster-replica-validity-factor 0 \
		--repl-diskless-sync yes --repl-diskless-sync-delay 0 \
		--daemonize no --logfile "$dir/redis.log" >/dev/null 2>&1 &
	REDIS_CLUSTER_PID[$port]=$!
}

redis_cluster_node_up() {
	local port=$1 i
	for ((i = 0; i < SIYU_TEST_STARTUP_TIMEOUT * 20; i++)); do
		rcluster_cli "$port" ping 2>/dev/null | grep -q PONG && return 0
		kill -0 "${REDIS_CLUSTER_PID[$port]:-0}" 2>/dev/null || break
		sleep 0.05
	done
	rcluster_log "Redis cluster node $port did not start:"; tail -20 "$SIYU_TEST_TMP/rcluster-$port/redis.log" >&2
	return 1
}

# rcluster_pick_ports fills REDIS_CLUSTER_PORTS with six free ports from
# SIYU_TEST_REDIS_CLUSTER_PORT up.
rcluster_pick_ports() {
	local p=$SIYU_TEST_REDIS_CLUSTER_PORT
	REDIS_CLUSTER_PORTS=()
	while [ ${#REDIS_CLUSTER_PORTS[@]} -lt 6 ]; do
		rcluster_port_free "$p" && REDIS_CLUSTER_PORTS+=("$p")
		p=$((p + 1))
	done
}

# redis_cluster_ready reports whether every node sees the whole cluster
# healthy and every replica has its primary's data.
redis_cluster_ready() {
	local port info
	for port in "${REDIS_CLUSTER_PORTS[@]}"; do
		info=$(rcluster_cli "$port" cluster info 2>/dev/null) || return 1
		grep -q '^cluster_state:ok' <<<"$info" || return 1
		grep -q '^cluster_slots_ok:16384' <<<"$info" || return 1
		grep -q '^cluster_known_nodes:6' <<<"$info" || return 1
		info=$(rcluster_cli "$port" info replication 2>/dev/null) || return 1
		if grep -q '^role:slave' <<<"$info"; then
			grep -q '^master_link_status:up' <<<"$info" || return 1
			grep -q '^master_sync_in_progress:0' <<<"$info" || return 1
		else
			grep -q '^connected_slaves:1' <<<"$info" || return 1
		fi
	done
}

# redis_cluster_wait waits until redis_cluster_ready.
redis_cluster_wait() {
	local i
	for ((i = 0; i < SIYU_TEST_STARTUP_TIMEOUT * 10; i++)); do
		redis_cluster_ready && return 0
		sleep 0.1
	done
	rcluster_log "Redis cluster did not become ready:"
	rcluster_cli "${REDIS_CLUSTER_PORTS[0]}" cluster nodes >&2
	return 1
}

start_redis_cluster() {
	command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || {
		rcluster_log "redis-server and redis-cli are needed (Debian packages redis-server, redis-tools)"; return 1; }
	if [ -z "${SIYU_TEST_TMP:-}" ]; then
		SIYU_TEST_TMP=$(mktemp -d /tmp/siyu-rcluster.XXXXXX)
		REDIS_CLUSTER_TMP=$SIYU_TEST_TMP
	fi
	rcluster_pick_ports
	rcluster_log "starting a Redis Cluster on 127.0.0.1:${REDIS_CLUSTER_PORTS[*]} ($SIYU_TEST_TMP/rcluster-*)"
	local port addrs=()
	for port in "${REDIS_CLUSTER_PORTS[@]}"; do
		redis_cluster_node_start "$port"
		addrs+=("127.0.0.1:$port")
	done
	for port in "${REDIS_CLUSTER_PORTS[@]}"; do
		redis_cluster_node_up "$port" || return 1
	done
	# The first three become primaries, each of the last three a replica.
	redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes \
		>"$SIYU_TEST_TMP/rcluster-create.log" 2>&1 || {
		rcluster_log "redis-cli --cluster create failed:"; tail -20 "$SIYU_TEST_TMP/rcluster-create.log" >&2; return 1; }
	redis_cluster_wait || return 1
	SIYU_TEST_REDIS_CLUSTER_ADDRS=$(IFS=,; echo "${addrs[*]}")
	export SIYU_TEST_REDIS_CLUSTER_ADDRS
}

# redis_cluster_primaries prints the ports of the nodes now primary.
redis_cluster_primaries() {
	local port
	for port in "${REDIS_CLUSTER_PORTS[@]}"; do
		if rcluster_cli "$port" role 2>/dev/null | head -1 | grep -qx master; then echo "$port"; fi
	done
	return 0
}

# redis_cluster_kill_primary SIGKILLs the primary on port $1 (the first
# primary when no port is given) and sets REDIS_CLUSTER_KILLED to its port
# (call it directly, not in $(...), so this shell forgets the PID). Its
# replica takes over after the node timeout; redis_cluster_node_start and
# redis_cluster_node_up bring it back as a replica, and
# redis_cluster_wait waits for the cluster to heal.
redis_cluster_kill_primary() {
	local port=${1:-$(redis_cluster_primaries | head -1)}
	[ -n "$port" ] && [ -n "${REDIS_CLUSTER_PID[$port]:-}" ] || { rcluster_log "no primary of ours on port ${1:-?}"; return 1; }
	{ kill -9 "${REDIS_CLUSTER_PID[$port]}" && wait "${REDIS_CLUSTER_PID[$port]}"; } 2>/dev/null || true
	unset "REDIS_CLUSTER_PID[$port]"
	REDIS_CLUSTER_KILLED=$port
}

# stop_redis_cluster stops exactly the nodes this script started, by PID.
stop_redis_cluster() {
	local pid
	for pid in "${REDIS_CLUSTER_PID[@]}"; do
		kill "$pid" 2>/dev/null || continue
		for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	done
	REDIS_CLUSTER_PID=()
	[ -n "$REDIS_CLUSTER_TMP" ] && rm -rf "$REDIS_CLUSTER_TMP"
	return 0
}
