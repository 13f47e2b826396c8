# shellcheck shell=bash
# A throwaway three-node MariaDB Galera cluster on loopback (Debian's
# mariadb-server and galera-4) for the tests that prove Siyu on a
# multi-primary cluster, and for the drills that stop and restart a node.
#
# Source this file, call start_galera, and stop_galera from an EXIT trap.
# Exports SIYU_TEST_GALERA_DSNS (the three nodes' DSNs, comma-separated)
# and SIYU_TEST_GALERA_DIR (the cluster's folder, which a drill passes back
# to the node commands below).
#
# A drill outside this shell (a Go test) stops and restarts one node with
#   bash scripts/lib/galera.sh stop|kill|start|wait N      (N = 1, 2 or 3)
# with SIYU_TEST_GALERA_DIR in its environment; the same is available here
# as galera_stop_node, galera_kill_node, galera_start_node, galera_wait_synced.
#
# Startup takes about two nodes' start and no state transfer: see
# galera_view.

_galera_lib=$(dirname "${BASH_SOURCE[0]}")
# log, free_port, mariadbd_bin, SIYU_TEST_STARTUP_TIMEOUT.
# shellcheck source=servers.sh
source "$_galera_lib/servers.sh"

# Each node i (0, 1, 2) listens for SQL on base+i, for Galera's group
# traffic on base+10+i, for incremental state transfer on base+20+i and
# for a full one (rsync) on base+30+i. Below the ephemeral range, away
# from servers.sh's ports.
: "${SIYU_TEST_GALERA_PORT:=24306}"
GALERA_NODES=3

galera_provider() { echo /usr/lib/galera/libgalera_smm.so; }

# galera_user is who runs the nodes. Not root: a joiner's state transfer
# runs an rsync daemon as the node's user, and one started by root drops
# to "nobody", who may not write the data folder.
galera_user() {
	if [ "$(id -u)" = 0 ]; then echo mysql; else id -un; fi
}

# ensure_galera_packages installs galera-4 and the full state transfer's
# rsync when missing (as ensure_packages does for the servers).
ensure_galera_packages() {
	local missing=()
	command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
	command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
	[ -e "$(galera_provider)" ] || missing+=(galera-4)
	command -v rsync >/dev/null 2>&1 || missing+=(rsync)
	command -v ss >/dev/null 2>&1 || command -v lsof >/dev/null 2>&1 || missing+=(iproute2)
	install_packages "${missing[@]}"
}

# galera_ports_free reports whether all twelve ports from base $1 are free.
galera_ports_free() {
	local base=$1 off i
	for off in 0 10 20 30; do
		for ((i = 0; i < GALERA_NODES; i++)); do
			[ "$(free_port $((base + off + i)))" = $((base + off + i)) ] || return 1
		done
	done
}

galera_node_dir() { echo "$SIYU_TEST_GALERA_DIR/node$1"; }

# galera_write_node writes node $1's command line to its folder, so a
# restart (from this shell or a drill) starts it exactly as before.
galera_write_node() {
	local n=$1 base=$2 dir i peers=()
	dir=$(galera_node_dir "$n")
	for ((i = 0; i < GALERA_NODES; i++)); do peers+=("127.0.0.1:$((base + 10 + i))"); done
	local sql=$((base + n - 1)) gcomm=$((base + 10 + n - 1)) ist=$((base + 20 + n - 1)) sst=$((base + 30 + n - 1))
	# One applier thread: with four, a child row committed on one node
	# right after its parent on another was applied on the third before
	# the parent, failed its foreign key and stopped that node as
	# inconsistent (even with wsrep_slave_FK_checks off); Siyu's foreign
	# keys name the parent's (corp_id, id) key, whose dependency parallel
	# applying does not seem to see (README, "Galera"). Small pools: three
	# nodes share a 2-core CI machine. Flushing the log
	# once a second is safe here because a committed write set is on the
	# other two nodes. With SIYU_TEST_GALERA_QUICK=1 (a drill's own
	# cluster) shorter failure timeouts let a drill see a killed node leave
	# within seconds; otherwise longer ones than the defaults (5 s and 15 s)
	# keep a node that a loaded 2-core machine starves for a few seconds
	# in the cluster, where it would otherwise refuse statements (1047)
	# until it rejoined.
	local opts="gmcast.listen_addr=tcp://127.0.0.1:$gcomm;ist.recv_addr=127.0.0.1:$ist;gcache.size=64M"
	if [ "${SIYU_TEST_GALERA_QUICK:-0}" = 1 ]; then
		opts+=";evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S"
		opts+=";evs.install_timeout=PT6S;pc.announce_timeout=PT1S"
	else
		opts+=";evs.suspect_timeout=PT15S;evs.inactive_timeout=PT30S;evs.install_timeout=PT30S"
	fi
	cat >"$dir/start.sh" <<-EOF
		exec "$(mariadbd_bin)" --no-defaults --user="$(galera_user)" --datadir="$dir/data" \\
			--bind-address=127.0.0.1 --port=$sql --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \\
			--skip-name-resolve --log-error="$dir/error.log" --max-connections=400 \\
			--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \\
			--innodb-buffer-pool-size=256M --innodb-log-file-size=64M --innodb-flush-log-at-trx-commit=0 \\
			--innodb-doublewrite=0 --skip-log-bin --binlog-format=ROW --default-storage-engine=InnoDB \\
			--innodb-autoinc-lock-mode=2 --wsrep-on=ON --wsrep-provider="$(galera_provider)" \\
			--wsrep-cluster-name=siyu-test --wsrep-cluster-address="gcomm://$(IFS=,; echo "${peers[*]}")" \\
			--wsrep-node-name=node$n --wsrep-node-address=127.0.0.1:$gcomm --wsrep-node-incoming-address=127.0.0.1:$sql \\
			--wsrep-provider-options="$opts" --wsrep-slave-threads=1 --wsrep-retry-autocommit=4 \\
			--wsrep-sst-method=rsync --wsrep-sst-receive-address=127.0.0.1:$sst "\$@"
	EOF
	echo "127.0.0.1:$sql" >"$dir/addr"
}

galera_sql() { mariadb --no-defaults --socket="$(galera_node_dir "$1")/mysqld.sock" -uroot -N -B "${@:2}"; }

# galera_status prints node $1's wsrep_local_state_comment and
# wsrep_cluster_size, or fails when it does not answer.
galera_status() {
	galera_sql "$1" -e "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME SEPARATOR ' ') FROM information_schema.GLOBAL_STATUS
		WHERE VARIABLE_NAME IN ('WSREP_CLUSTER_SIZE', 'WSREP_LOCAL_STATE_COMMENT')" 2>/dev/null
}

# galera_wait_synced waits until node $1 is Synced in a cluster of $2
# nodes (default all).
galera_wait_synced() {
	local n=$1 size=${2:-$GALERA_NODES} i pid
	pid=$(cat "$(galera_node_dir "$n")/pid" 2>/dev/null)
	for ((i = 0; i < ${GALERA_WAIT:-$SIYU_TEST_STARTUP_TIMEOUT} * 10; i++)); do
		[ "$(galera_status "$n")" = "$size Synced" ] && return 0
		[ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && break
		sleep 0.1
	done
	log "Galera node $n is not Synced in a cluster of $size: $(galera_status "$n")"
	tail -n 40 "$(galera_node_dir "$n")/error.log" >&2 2>/dev/null
	return 1
}

# galera_recover_position sets, after a crash (grastate.dat's seqno is
# -1), the position InnoDB recovered, so the node rejoins by incremental
# transfer rather than copying every file; what galera_recovery does for
# Debian's service.
galera_recover_position() {
	local dir pos
	dir=$(galera_node_dir "$1")
	grep -q '^seqno: *-1' "$dir/data/grastate.dat" 2>/dev/null || return 0
	bash "$dir/start.sh" --wsrep-recover --log-error="$dir/recover.log" >/dev/null 2>&1
	pos=$(sed -n 's/.*WSREP: Recovered position: *//p' "$dir/recover.log" | tail -1)
	[ -n "$pos" ] && echo "--wsrep-start-position=$pos"
}

# galera_start_node starts node $1 (any extra arguments go to mariadbd,
# e.g. --wsrep-new-cluster) and records its PID; it does not wait.
galera_start_node() {
	local n=$1 dir extra
	dir=$(galera_node_dir "$n")
	extra=$(galera_recover_position "$n")
	# start.sh execs mariadbd, so $! is the node's own PID.
	# shellcheck disable=SC2086
	bash "$dir/start.sh" $extra "${@:2}" </dev/null >>"$dir/mariadbd.out" 2>&1 &
	echo $! >"$dir/pid"
}

# galera_stop_node stops node $1 cleanly (it leaves the cluster) by PID.
galera_stop_node() { galera_signal_node "$1" TERM; }

# galera_kill_node kills node $1 with SIGKILL: the others notice it gone
# after evs.suspect_timeout and go on as two.
galera_kill_node() { galera_signal_node "$1" KILL; }

galera_signal_node() {
	local dir pid
	dir=$(galera_node_dir "$1")
	pid=$(cat "$dir/pid" 2>/dev/null) || return 0
	kill -"$2" "$pid" 2>/dev/null || { rm -f "$dir/pid"; return 0; }
	for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$dir/pid"
}

# galera_init initialises node 1's data folder.
galera_init() {
	local dir n
	dir=$(galera_node_dir 1)
	for ((n = 1; n <= GALERA_NODES; n++)); do mkdir -p "$(galera_node_dir "$n")"; done
	mariadb-install-db --no-defaults --user="$(galera_user)" --datadir="$dir/data" \
		--auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 || {
		log "mariadb-install-db failed:"; tail -20 "$dir/install.log" >&2; return 1; }
	chown -R "$(galera_user)" "$SIYU_TEST_GALERA_DIR"
}

# galera_seed runs node 1 as a cluster of its own, which gives its data
# a Galera state and Siyu's user and database, stops it, and copies the
# data to the other nodes.
galera_seed() {
	local n
	galera_start_node 1 --wsrep-new-cluster --wsrep-cluster-address=gcomm://
	galera_wait_synced 1 1 || return 1
	galera_sql 1 <<-SQL || return 1
		CREATE USER 'siyu'@'127.0.0.1' IDENTIFIED BY 'siyu';
		GRANT ALL PRIVILEGES ON *.* TO 'siyu'@'127.0.0.1';
		CREATE DATABASE siyu CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	SQL
	galera_stop_node 1
	for ((n = 2; n <= GALERA_NODES; n++)); do cp -a "$(galera_node_dir 1)/data" "$(galera_node_dir "$n")/"; done
}

# galera_view writes to every node the primary view of all three that a
# cluster saves while it runs (gvwstate.dat), as if it had just stopped
# all at once: Galera's primary component recovery then forms the
# cluster as soon as the three meet, and as they hold the same state
# nobody needs a transfer. (Bootstrapping node 1 and joining the others
# to it costs each joiner an rsync state transfer script, 15 to 30 s.)
galera_view() {
	local n ids=() view
	for ((n = 1; n <= GALERA_NODES; n++)); do ids+=("$(cat /proc/sys/kernel/random/uuid)"); done
	view=$(printf '#vwbeg\nview_id: 3 %s 1\nbootstrap: 0\n' "${ids[0]}"; printf 'member: %s 0\n' "${ids[@]}"; echo '#vwend')
	for ((n = 1; n <= GALERA_NODES; n++)); do
		printf 'my_uuid: %s\n%s\n' "${ids[n - 1]}" "$view" >"$(galera_node_dir "$n")/data/gvwstate.dat"
		chown "$(galera_user)" "$(galera_node_dir "$n")/data/gvwstate.dat"
	done
}

# galera_boot starts the cluster on ports from base $1.
galera_boot() {
	local base=$1 n
	for ((n = 1; n <= GALERA_NODES; n++)); do galera_write_node "$n" "$base"; done
	galera_seed && galera_view || return 1
	for ((n = 1; n <= GALERA_NODES; n++)); do galera_start_node "$n"; done
	for ((n = 1; n <= GALERA_NODES; n++)); do galera_wait_synced "$n" || return 1; done
}

# start_galera starts the three nodes and exports their DSNs.
start_galera() {
	local base=$SIYU_TEST_GALERA_PORT try dsns=() n
	ensure_galera_packages || return 1
	if [ -z "${SIYU_TEST_TMP:-}" ]; then
		SIYU_TEST_TMP=$(mktemp -d /tmp/siyu-test.XXXXXX)
		GALERA_OWN_TMP=$SIYU_TEST_TMP
	fi
	# The nodes' user must reach their folders inside the test folder.
	mkdir -p "$SIYU_TEST_TMP"
	[ "$(galera_user)" = "$(id -un)" ] || chmod o+x "$SIYU_TEST_TMP"
	for try in 1 2 3; do
		while ! galera_ports_free "$base"; do base=$((base + 100)); done
		export SIYU_TEST_GALERA_DIR="$SIYU_TEST_TMP/galera-$base"
		log "starting a 3-node Galera cluster on 127.0.0.1:$base-$((base + 2)) ($SIYU_TEST_GALERA_DIR)"
		if galera_init && galera_boot "$base"; then
			for ((n = 1; n <= GALERA_NODES; n++)); do
				dsns+=("siyu:siyu@tcp($(cat "$(galera_node_dir "$n")/addr"))/siyu")
			done
			export SIYU_TEST_GALERA_DSNS
			SIYU_TEST_GALERA_DSNS=$(IFS=,; echo "${dsns[*]}")
			return 0
		fi
		galera_stop_all
		base=$((base + 100))
	done
	return 1
}

galera_stop_all() {
	local n
	[ -d "${SIYU_TEST_GALERA_DIR:-}" ] || return 0
	for ((n = GALERA_NODES; n >= 1; n--)); do galera_stop_node "$n"; done
}

# stop_galera stops exactly the nodes start_galera started, by PID, and
# removes their folders.
stop_galera() {
	galera_stop_all
	[ -n "${SIYU_TEST_GALERA_DIR:-}" ] && rm -rf "$SIYU_TEST_GALERA_DIR"
	[ -n "${GALERA_OWN_TMP:-}" ] && rm -rf "$GALERA_OWN_TMP"
	return 0
}

# stop_own_galeras stops, by PID, the nodes of the clusters tests started
# for themselves (testkit.StartGalera) inside $SIYU_TEST_TMP, should a
# test's process have died before its cleanup ran.
stop_own_galeras() {
	local d
	for d in "${SIYU_TEST_TMP:-/nonexistent}"/own-galera-*/galera-*; do
		if [ -d "$d" ]; then SIYU_TEST_GALERA_DIR=$d galera_stop_all; fi
	done
	return 0
}

# Run as a command: bash scripts/lib/galera.sh stop|kill|start|wait N.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	[ -d "${SIYU_TEST_GALERA_DIR:-}" ] || { log "SIYU_TEST_GALERA_DIR is not a cluster's folder"; exit 2; }
	case "${1:-}:${2:-}" in
	stop:[1-3]) galera_stop_node "$2" ;;
	kill:[1-3]) galera_kill_node "$2" ;;
	start:[1-3]) galera_start_node "$2" && galera_wait_synced "$2" ;;
	wait:[1-3]) galera_wait_synced "$2" ;;
	*) log "usage: galera.sh stop|kill|start|wait 1|2|3"; exit 2 ;;
	esac
fi
