# pg.sh - a throwaway PostgreSQL cluster for a test suite, sourced after
# tests/lib.sh (and tests/tmux.sh, when used). initdb in a new directory
# (as the unprivileged postgres user when run as root: initdb refuses
# root), a server listening only on a Unix socket in that directory (no
# TCP port to collide with), stopped by the EXIT trap whatever happens.
# Then the database trapp, owned by the login eier, made ready by
# `trapp admin init`, and three logins: kari (kommune administrator,
# trapp_admin), ola and per (coordinators, trapp_coordinator). Sets
#   PGDIR, PSQL (psql as the superuser), pg_uri LOGIN (a --db value).
# No PostgreSQL installed is a failure, not a skip: `make deps` installs it.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || ! command -v psql >/dev/null 2>&1; then
	fail "PostgreSQL is not installed (run make deps: postgresql, postgresql-client, libpq-dev)"
	summary
	exit 1
fi
PGDIR=$(mktemp -d /tmp/trapp-pg-XXXXXX)
chmod 755 "$PGDIR"
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
	chown postgres "$PGDIR"
	as_pg() { runuser -u postgres -- "$@"; }
else
	as_pg() { "$@"; }
fi
pg_restart_crashed() {  # the server killed at once, then started again
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
		-o "-k $PGDIR -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1
}
pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"; }
trap 'pg_stop; [ -n "${TM:-}" ] && $TM kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
# fsync off: a test cluster thrown away at the end (no power loss is
# tested; a killed server still finds every commit in the OS cache)
if ! as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
	>"$PGDIR/initdb.log" 2>&1 ||
   ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
	-o "-k $PGDIR -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1; then
	fail "the test cluster did not start:"
	cat "$PGDIR/initdb.log" "$PGDIR/server.log" 2>/dev/null | tail -20
	summary
	exit 1
fi
PSQL="psql -X -q -v ON_ERROR_STOP=1 -h $PGDIR -U postgres -d postgres"
pg_uri() { echo "postgresql:///trapp?host=$PGDIR&user=$1"; }
# psql_as LOGIN SQL: one statement as LOGIN in the trapp database, unaligned
psql_as() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$(pg_uri "$1")" -c "$2"; }
$PSQL -c "CREATE ROLE eier LOGIN CREATEROLE" &&
$PSQL -c "CREATE DATABASE trapp OWNER eier" &&
$PSQL -c "CREATE ROLE kari LOGIN; CREATE ROLE ola LOGIN; CREATE ROLE per LOGIN" ||
	{ fail "creating the test logins"; summary; exit 1; }
# pg_ready TRAPP: for a suite of trapp's screens or commands on this
# server: TUI is TRAPP with an absolute path, the database is made ready
# by its owner (admin init), and kari, ola and per are coordinators.
pg_ready() {
	TUI=$1
	case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
	"$TUI" --db "$(pg_uri eier)" admin init >/dev/null &&
		$PSQL -d trapp -c "GRANT trapp_coordinator TO kari, ola, per" >/dev/null ||
		{ fail "admin init and the coordinators' grant"; summary; exit 1; }
}
