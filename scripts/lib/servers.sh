# shellcheck shell=bash
# Throwaway MariaDB and Redis on loopback for tests and benchmarks (and
# Debian's chromium, which the browser tests drive).
# Source this file, call start_servers, and stop_servers from an EXIT trap.
# Exports SIYU_TEST_MYSQL_DSN and SIYU_TEST_REDIS_ADDR.

# Below Linux's ephemeral range (32768-60999), where outgoing connections
# take their local ports and could hold ours without listening on it.
: "${SIYU_TEST_MYSQL_PORT:=23306}"
: "${SIYU_TEST_REDIS_PORT:=16380}"
: "${SIYU_TEST_STARTUP_TIMEOUT:=60}"

log() { printf '[siyu] %s\n' "$*" >&2; }

# free_port prints the first port from $1 up that nothing listens on, so a
# second run (or a developer's own servers) never collides with this one.
free_port() {
	local p=$1
	while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
	echo "$p"
}

ensure_packages() {
	local missing=()
	command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 || missing+=(mariadb-server)
	command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
	# The side panel's browser tests drive Debian's chromium (chromedp).
	command -v chromium >/dev/null 2>&1 || missing+=(chromium)
	# A CJK font, so the saved screenshots show the pages' Chinese, not boxes.
	[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
	install_packages "${missing[@]}"
}

# install_packages installs the Debian packages named, if any; only root
# may, so anyone else is told what is missing.
install_packages() {
	[ $# -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		log "missing $* and not root: install them or run as root"
		return 1
	fi
	log "installing $* from Debian packages"
	apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

mariadbd_bin() { command -v mariadbd || command -v mysqld; }

start_mariadb() {
	local dir="$SIYU_TEST_TMP/mariadb-$SIYU_TEST_MYSQL_PORT"
	mkdir -p "$dir/data"
	log "starting MariaDB on 127.0.0.1:$SIYU_TEST_MYSQL_PORT ($dir)"
	mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir/data" \
		--auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 || {
		log "mariadb-install-db failed:"; tail -20 "$dir/install.log" >&2; return 1; }
	# A buffer pool and redo log sized like a real server's: the benchmarks'
	# million-order tables do not fit 256 MB, and a cold pool measures the
	# disk cache, not Siyu. Pages are taken as they are used.
	"$(mariadbd_bin)" --no-defaults --user="$(id -un)" --datadir="$dir/data" \
		--bind-address=127.0.0.1 --port="$SIYU_TEST_MYSQL_PORT" --socket="$dir/mysqld.sock" \
		--pid-file="$dir/mysqld.pid" --skip-name-resolve --log-error="$dir/error.log" \
		--innodb-buffer-pool-size=2G --innodb-log-file-size=512M --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >>"$dir/mariadbd.out" 2>&1 &
	MARIADB_PID=$!
	local i
	for ((i = 0; i < SIYU_TEST_STARTUP_TIMEOUT * 5; i++)); do
		if mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
			mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<-SQL
				CREATE USER 'siyu'@'127.0.0.1' IDENTIFIED BY 'siyu';
				GRANT ALL PRIVILEGES ON *.* TO 'siyu'@'127.0.0.1';
				CREATE DATABASE siyu CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
			SQL
			export SIYU_TEST_MYSQL_DSN="siyu:siyu@tcp(127.0.0.1:$SIYU_TEST_MYSQL_PORT)/siyu"
			return 0
		fi
		kill -0 "$MARIADB_PID" 2>/dev/null || break
		sleep 0.2
	done
	log "MariaDB did not start:"; tail -n 30 "$dir/error.log" "$dir/mariadbd.out" >&2 2>/dev/null
	kill "$MARIADB_PID" 2>/dev/null; wait "$MARIADB_PID" 2>/dev/null; MARIADB_PID=
	return 1
}

start_redis() {
	local dir="$SIYU_TEST_TMP/redis-$SIYU_TEST_REDIS_PORT"
	mkdir -p "$dir"
	log "starting Redis on 127.0.0.1:$SIYU_TEST_REDIS_PORT ($dir)"
	redis-server --bind 127.0.0.1 --port "$SIYU_TEST_REDIS_PORT" --dir "$dir" --save '' \
		--appendonly no --databases 128 --daemonize no --logfile "$dir/redis.log" >/dev/null 2>&1 &
	REDIS_PID=$!
	local i
	for ((i = 0; i < SIYU_TEST_STARTUP_TIMEOUT * 5; i++)); do
		if redis-cli -h 127.0.0.1 -p "$SIYU_TEST_REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
			export SIYU_TEST_REDIS_ADDR="127.0.0.1:$SIYU_TEST_REDIS_PORT"
			return 0
		fi
		kill -0 "$REDIS_PID" 2>/dev/null || break
		sleep 0.2
	done
	log "Redis did not start:"; tail -30 "$dir/redis.log" >&2
	kill "$REDIS_PID" 2>/dev/null; wait "$REDIS_PID" 2>/dev/null; REDIS_PID=
	return 1
}

# with_free_port runs start function $1 on the first free port from the one
# in variable $2, moving on when the server cannot bind it (three tries).
with_free_port() {
	local start=$1 var=$2 try
	for try in 1 2 3; do
		printf -v "$var" '%s' "$(free_port "${!var}")"
		"$start" && return 0
		printf -v "$var" '%s' "$((${!var} + 1))"
	done
	return 1
}

start_servers() {
	SIYU_TEST_TMP=$(mktemp -d /tmp/siyu-test.XXXXXX)
	ensure_packages &&
		with_free_port start_mariadb SIYU_TEST_MYSQL_PORT &&
		with_free_port start_redis SIYU_TEST_REDIS_PORT
}

# stop_servers stops exactly the processes this script started, by PID.
stop_servers() {
	local pid
	for pid in ${REDIS_PID:-} ${MARIADB_PID:-}; do
		kill "$pid" 2>/dev/null || continue
		for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	done
	[ -n "${SIYU_TEST_TMP:-}" ] && rm -rf "$SIYU_TEST_TMP"
	return 0
}
