# pg.sh - the PostgreSQL figures of `make bench`, sourced by bench/bench.sh
# at its end (its data, m, fmt, rss, row, tui): a throwaway server in a
# temporary directory (Unix socket only; as the postgres user when run as
# root), the national database moved in with `trapp migrate` (timed), then
# `trapp due` and a plan's screen on PostgreSQL beside the same on SQLite.
# The bench's own login is the plans' member, as in the SQLite file. No
# PostgreSQL installed: one line saying so, no figures.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] || ! command -v psql >/dev/null 2>&1; then
	echo
	echo "(PostgreSQL is not installed: no PostgreSQL figures; make deps installs it)"
	return 0
fi
PGD=$(mktemp -d /tmp/trapp-bench-pg-XXXXXX)
chmod 755 "$PGD"
if [ "$(id -u)" = 0 ]; then chown postgres "$PGD"; as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi
pg_bench_stop() { as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -m fast stop >/dev/null 2>&1; rm -rf "$PGD"; }
trap pg_bench_stop EXIT
as_pg "$PGBIN/initdb" -D "$PGD/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w -t 60 \
	-o "-k $PGD -c listen_addresses='' -c shared_buffers=256MB" start >/dev/null
ME=$(id -un)
PQ="psql -X -q -h $PGD -U postgres"
$PQ -d postgres -c "CREATE ROLE eier LOGIN CREATEROLE" -c "CREATE DATABASE trapp OWNER eier" >/dev/null
[ "$ME" = postgres ] || $PQ -d postgres -c "CREATE ROLE \"$ME\" LOGIN" >/dev/null
"$TRAPP" --db "postgresql:///trapp?host=$PGD&user=eier" admin init >/dev/null
$PQ -d trapp -c "GRANT trapp_coordinator TO \"$ME\"" >/dev/null
t0=$(date +%s.%N)
"$TRAPP" migrate --from "$NAT" --to "postgresql:///trapp?host=$PGD&user=eier" >/dev/null
t1=$(date +%s.%N)
$PQ -d trapp -c "VACUUM ANALYZE" >/dev/null
U="postgresql:///trapp?host=$PGD&user=$ME"
echo
echo "### PostgreSQL beside SQLite"
echo
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }'), a throwaway server on a Unix socket (shared_buffers 256 MB, otherwise the defaults: fsync and synchronous commit on), the national database moved in with \`trapp migrate\` in $(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }') s. The peer column is the same command on the SQLite file. Each run of \`plan show\` and the plan screen also writes its read-log row (a committed transaction)."
echo
echo "| figure | PostgreSQL ms | peak RSS | SQLite ms | ratio | target | command | peer |"
echo "|---|---|---|---|---|---|---|---|"
t=$(m -- "$TRAPP" --db "$U" due --format tsv)
s=$(m -- "$TRAPP" --db "$NAT" due --format tsv)
row "due over $ST steps" "$t" "$s" "≤ 2× SQLite" "trapp --db postgresql:///trapp due --format tsv" "trapp --db DB due --format tsv"
t=$(m -- "$TRAPP" --db "$U" plan show "$PLAN")
s=$(m -- "$TRAPP" --db "$NAT" plan show "$PLAN")
row "plan show (one of $P plans)" "$t" "$s" "≤ 50 ms" "trapp --db postgresql:///trapp plan show $PLAN" "trapp --db DB plan show $PLAN"
t=$(m -- sh -c "'$TRAPP' --db '$U' plan list | head -n 50")
s=$(m -- sh -c "'$TRAPP' --db '$NAT' plan list | head -n 50")
row "plan list, first screen (50 lines)" "$t" "$s" "(no target)" "trapp --db postgresql:///trapp plan list | head -n 50" "trapp --db DB plan list | head -n 50"
t=$(m -- "$TRAPP" --db "$U" services --kommune tromso --format tsv)
s=$(m -- "$TRAPP" --db "$NAT" services --kommune tromso --format tsv)
row "catalogue load (services of tromso)" "$t" "$s" "(no target)" "trapp --db postgresql:///trapp services --kommune tromso --format tsv" "trapp --db DB services --kommune tromso --format tsv"
# the plan screen in a pty: first frame with the plan on it
for db in "$U" "$NAT"; do
	: >"$DIR/tui-pg.out"
	i=0
	while [ $i -lt "$RUNS" ]; do
		tui 80 24 "Stafettlogg $PLAN" "" jk 0 -- "$TRAPP" --db "$db" --plan "$PLAN" >>"$DIR/tui-pg.out"
		i=$((i + 1))
	done
	sort -n "$DIR/tui-pg.out" | awk '{ t[NR] = $1 } END { printf "%.1f (%.1f–%.1f)\n", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, t[1], t[NR] }' >"$DIR/tui-pg.$([ "$db" = "$U" ] && echo pg || echo lite)"
done
# a plan opened from the plan list in the running TUI (Enter on the first
# row until the plan's "Barnet" has been drawn): what a coordinator waits
for db in "$U" "$NAT"; do
	: >"$DIR/open-pg.out"
	i=0
	while [ $i -lt "$RUNS" ]; do
		TUI_AFTER=Stafettlogger TUI_OPEN="$(printf '\r')|Barnet" \
			tui 80 24 "trapp" p jk 0 -- "$TRAPP" --db "$db" | awk '{ print $7 }' >>"$DIR/open-pg.out"
		i=$((i + 1))
	done
	sort -n "$DIR/open-pg.out" | awk '{ t[NR] = $1 } END { printf "%.1f (%.1f–%.1f)\n", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2, t[1], t[NR] }' >"$DIR/open-pg.$([ "$db" = "$U" ] && echo pg || echo lite)"
done
echo "| plan screen open from the plan list (Enter, 80×24, TUI running) | $(cat "$DIR/open-pg.pg") | – | $(cat "$DIR/open-pg.lite") | $(cat "$DIR/open-pg.pg" "$DIR/open-pg.lite" | awk '{ m[NR] = $1 } END { if (m[2] > 0) printf "%.2f×", m[1] / m[2]; else print "–" }') | ≤ 50 ms | \`trapp --db postgresql:///trapp\`, keys p, Enter | \`trapp --db DB\`, keys p, Enter |"
echo "| plan screen, process start to first frame (--plan $PLAN, 80×24) | $(cat "$DIR/tui-pg.pg") | – | $(cat "$DIR/tui-pg.lite") | $(cat "$DIR/tui-pg.pg" "$DIR/tui-pg.lite" | awk '{ m[NR] = $1 } END { if (m[2] > 0) printf "%.2f×", m[1] / m[2]; else print "–" }') | (no target) | \`trapp --db postgresql:///trapp --plan $PLAN\` | \`trapp --db DB --plan $PLAN\` |"
echo
echo "The CPU figures of the PostgreSQL column are trapp's own (the client): the server's work is in the wall clock only, so compare the wall-clock medians. The 50 ms target is the plan screen opening in the running TUI (Enter in the plan list until the plan is drawn: its 16 parts in one round trip and its read-log row). The process-start row adds what every command pays before its first query: loading trapp's shared libraries (75, of which the PDF stack pango/cairo brings 39 and libpq 24; the dynamic loader alone took about 50 ms of a 57 ms \`trapp --version\` on the measuring machine), connecting and the catalogue; the start screen under the plan is loaded only when it shows. \`plan show\` is the plan alone as a command."
pg_bench_stop
trap - EXIT
