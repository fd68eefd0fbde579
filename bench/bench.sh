#!/bin/sh
# bench.sh BUILD [small] - the tables of `make bench` (docs/PERFORMANCE.md):
# generates the synthetic national database (bench/gen.c, seed 1; kept in
# BUILD/bench/ between runs), then times each figure RUNS times (default 5,
# after one warm-up) next to its peer on the same data in the same run: the
# sqlite3 shell with the equivalent SQL (bench/sql/), `sqlite3 .import` for
# the import, `fzf --filter` for the search when fzf is installed; on a
# throwaway PostgreSQL server the same plan figures (bench/pg.sh). Prints
# Markdown: wall-clock median (min-max) and median CPU time in ms, peak
# RSS, the ratio of the wall-clock medians, target, command.
# "small" (tests/bench.sh) runs once on small data to prove the harness
# works; it never judges a time. Nothing here fails on a time.
set -eu
B=${1:-build}
SIZE=${2:-full}
ROOT=$(pwd)
TRAPP=$ROOT/$B/trapp
GEN=$ROOT/$B/bench-gen
TIME=$ROOT/$B/bench-timeit
SQL=$ROOT/bench/sql
DIR=${BENCH_DIR:-$ROOT/$B/bench}
mkdir -p "$DIR"
export TRAPP_TODAY=2026-06-01 TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
TODAY="'$TRAPP_TODAY'"
if [ "$SIZE" = small ]; then
	RUNS=${RUNS:-1}; K=20; S=1000; P=1000; ST=10000; ROWS=2000; IDLE=1
	SVC_SIZES="1000 2000"; PLAN_SIZES="100 1000"
else
	RUNS=${RUNS:-5}; K=357; S=55000; P=100000; ST=1000000; ROWS=100000; IDLE=10
	SVC_SIZES="5000 20000 55000"; PLAN_SIZES="1000 10000 30000 100000"
fi
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }

# --- data ----------------------------------------------------------------
# gen_db FILE KOMMUNER SERVICES PLANS STEPS: generated once, migrated by a
# first trapp run so no timed run migrates.
gen_db() {
	if [ ! -s "$1" ]; then
		echo "generating $1 ..." >&2
		"$GEN" db "$1" "$2" "$3" "$4" "$5" 1
	fi
	"$TRAPP" --db "$1" needs >/dev/null
}
NAT=$DIR/national-$K-$S-$P-$ST.db
gen_db "$NAT" "$K" "$S" "$P" "$ST"
CSV=$DIR/import-$ROWS.csv
[ -s "$CSV" ] || "$GEN" csv "$CSV" "$ROWS" 1
DEF=$DIR/default.db
[ -s "$DEF" ] || "$TRAPP" --db "$DEF" needs >/dev/null
KOM=$(sqlite3 "$NAT" "SELECT k.code FROM kommune k JOIN service s ON s.kommune_id = k.id
	WHERE k.source = 'syntetisk' GROUP BY k.id ORDER BY abs(count(*) - 150), k.id LIMIT 1")
PLAN=$(sqlite3 "$NAT" "SELECT max(id) * 7 / 9 FROM plan")
NOW=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- measuring -----------------------------------------------------------
# m ARGS...: "median min max rss_kb" of bench-timeit over RUNS runs
m() { "$TIME" -n "$RUNS" "$@"; }
fmt() { echo "$1" | awk '{ printf "%.1f (%.1f–%.1f) cpu %.1f", $1, $2, $3, $5 }'; }
rss() { echo "$1" | awk '{ printf "%.1f MB", $4 / 1024 }'; }
# ratio TRAPP PEER: of the wall-clock medians, then of the CPU medians
ratio() { echo "$1 $2" | awk '{ if ($6 > 0 && $10 > 0) printf "%.2f× (cpu %.2f×)", $1 / $6, $5 / $10; else if ($6 > 0) printf "%.2f×", $1 / $6; else print "–" }'; }
# row FIGURE TRAPP_RESULT PEER_RESULT TARGET COMMAND PEER_COMMAND
row() {
	set -- "$1" "$2" "$3" "$4" "$(echo "$5" | sed 's/|/\\|/g')" "$(echo "$6" | sed 's/|/\\|/g')"
	if [ -n "$3" ]; then
		echo "| $1 | $(fmt "$2") | $(rss "$2") | $(fmt "$3") | $(ratio "$2" "$3") | $4 | \`$5\` | \`$6\` |"
	else
		echo "| $1 | $(fmt "$2") | $(rss "$2") | – | – | $4 | \`$5\` | $6 |"
	fi
}
# peer SQLFILE DB [-cmd ".param set :k \"'v'\""]...
peer() {
	f=$1; db=$2; shift 2
	m -i "$SQL/$f" -- sqlite3 -tabs -cmd ".param set :today \"$TODAY\"" "$@" "$db"
}

echo "# trapp make bench ($SIZE), $NOW"
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg) at the start; $RUNS runs per figure after one warm-up: wall-clock median (min–max) and median CPU (user + system) in ms."
echo "National database: $K kommuner, $S services, $P plans, $ST steps ($(du -m "$NAT" | cut -f1) MB, seed 1, TRAPP_TODAY=$TRAPP_TODAY). DB=$NAT"
echo
echo "| figure | trapp ms | trapp peak RSS | peer ms | ratio | target | trapp command | peer command |"
echo "|---|---|---|---|---|---|---|---|"

# plans
t=$(m -- "$TRAPP" --db "$NAT" due --format tsv)
p=$(peer due.sql "$NAT")
row "due over $ST steps" "$t" "$p" "≤ 50 ms" "trapp due --format tsv" "sqlite3 -tabs DB < bench/sql/due.sql"
t=$(m -- sh -c "'$TRAPP' --db '$NAT' plan list | head -n 50")
p=$(m -- sh -c "sqlite3 -tabs '$NAT' < '$SQL/plan-list.sql' | head -n 50")
row "plan list, first screen (50 lines), $P plans" "$t" "$p" "≤ 50 ms" "trapp plan list | head -n 50" "sqlite3 -tabs DB < bench/sql/plan-list.sql | head -n 50"
t=$(m -- "$TRAPP" --db "$NAT" plan list --format tsv)
p=$(peer plan-list.sql "$NAT")
row "plan list, all $P plans" "$t" "$p" "(no target)" "trapp plan list --format tsv" "sqlite3 -tabs DB < bench/sql/plan-list.sql"
t=$(m -- "$TRAPP" --db "$NAT" plan show "$PLAN")
p=$(peer plan-show.sql "$NAT" -cmd ".param set :id $PLAN")
row "plan show (one of $P plans)" "$t" "$p" "≤ 10 ms" "trapp plan show $PLAN" "sqlite3 -tabs -cmd '.param set :id $PLAN' DB < bench/sql/plan-show.sql"

# import
t=$(m -s "rm -f '$DIR/import.db'*; cp '$DEF' '$DIR/import.db'" -- \
	"$TRAPP" --db "$DIR/import.db" import "$CSV" --kommune benk --level-model prevention3 --name Benk)
p=$(m -s "rm -f '$DIR/plain.db'" -- sqlite3 -cmd ".mode csv" "$DIR/plain.db" ".import '$CSV' service")
row "import of $ROWS rows, full validation" "$t" "$p" "≤ 2× peer" "trapp import FILE --kommune benk --level-model prevention3" "sqlite3 -cmd '.mode csv' NEW.db \".import FILE service\""
t=$(m -s "cp '$DIR/import.db' '$DIR/import2.db'; rm -f '$DIR/import2.db-wal' '$DIR/import2.db-shm'" -- \
	"$TRAPP" --db "$DIR/import2.db" import "$CSV" --kommune benk)
row "re-import of the same $ROWS rows (no change)" "$t" "" "(no target)" "trapp import FILE --kommune benk" "–"

# catalogue queries
t=$(m -- "$TRAPP" --db "$NAT" services --kommune "$KOM" --format tsv)
p=$(peer services.sql "$NAT" -cmd ".param set :kommune \"'$KOM'\"")
row "services of one kommune ($KOM), national db" "$t" "$p" "≤ 1.2× peer" "trapp services --kommune $KOM --format tsv" "sqlite3 -tabs -cmd \".param set :kommune '$KOM'\" DB < bench/sql/services.sql"
t=$(m -- "$TRAPP" --db "$NAT" kommuner --format tsv)
p=$(peer kommuner.sql "$NAT")
row "kommuner ($K + 4 catalogues)" "$t" "$p" "≤ 1.2× peer" "trapp kommuner --format tsv" "sqlite3 -tabs DB < bench/sql/kommuner.sql"

# one big catalogue: services and search
for n in $SVC_SIZES; do
	gen_db "$DIR/one-$n.db" 1 "$n" 0 0
done
BIG=$DIR/one-$(echo "$SVC_SIZES" | awk '{ print $NF }').db
NBIG=$(echo "$SVC_SIZES" | awk '{ print $NF }')
t=$(m -- "$TRAPP" --db "$BIG" services --kommune bench-1 --format tsv)
p=$(peer services.sql "$BIG" -cmd ".param set :kommune \"'bench-1'\"")
row "services of one $NBIG-service catalogue" "$t" "$p" "≤ 1.2× peer" "trapp services --kommune bench-1 --format tsv" "sqlite3 -tabs -cmd \".param set :kommune 'bench-1'\" DB < bench/sql/services.sql"
t=$(m -- "$TRAPP" --db "$BIG" services --kommune bench-1 --search barn --format tsv)
p=$(peer search.sql "$BIG" -cmd ".param set :kommune \"'bench-1'\"" -cmd ".param set :word \"'barn'\"")
row "search «barn» in $NBIG services (one process)" "$t" "$p" "(no target)" "trapp services --kommune bench-1 --search barn --format tsv" "sqlite3 … < bench/sql/search.sql"
if command -v fzf >/dev/null; then
	sqlite3 "$BIG" "SELECT replace(replace(name || ' ' || description || ' ' || target_group, char(10), ' '), char(13), ' ') FROM service" >"$DIR/names-$NBIG.txt"
	f=$(m -i "$DIR/names-$NBIG.txt" -- fzf --filter barn)
	row "fzf --filter «barn» over the same $NBIG texts" "$f" "" "(peer)" "fzf --filter barn < texts" "–"
fi
echo
echo "Live filter (bench/filter.c, the TUI's code path; owned by the search issue):"
echo '```'
if [ -x "$ROOT/$B/bench-filter" ]; then "$ROOT/$B/bench-filter" "$DIR/filter.db" 2>&1 | tail -3; else echo "($B/bench-filter not built: make $B/bench-filter)"; fi
echo '```'

# TUI in a pseudo-terminal (bench/tui.py): first frame, bytes per move, idle CPU
tui() { python3 "$ROOT/bench/tui.py" "$@"; }
# tui_row LABEL COLS ROWS WAIT KEYS MOVES DB [ARGS]: first frame median of RUNS
tui_row() {
	label=$1; c=$2; r=$3; w=$4; k=$5; mv=$6; db=$7; shift 7
	: >"$DIR/tui.out"
	i=0
	while [ $i -lt "$RUNS" ]; do
		tui "$c" "$r" "$w" "$k" "$mv" 0 -- "$TRAPP" --db "$db" "$@" >>"$DIR/tui.out"
		i=$((i + 1))
	done
	sort -n "$DIR/tui.out" | awk -v label="$label" -v cmd="trapp --db DB $*" -v keys="$k" -v mv="$mv" '
		{ t[NR] = $1; b = $3; bm = $4; r = $6 > r ? $6 : r }
		END { med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		      printf "| %s | %.1f (%.1f–%.1f) | %.1f MB | %d B median, %d B max per key (%s) | `%s`, keys «%s» |\n",
			label, med, t[1], t[NR], r / 1024, b, bm, mv, cmd, keys }'
}
echo
echo "| TUI (pty, xterm-256color) | first frame ms | peak RSS | bytes written per key after the first frame | command |"
echo "|---|---|---|---|---|"
tui_row "default database, 80×24" 80 24 "Innsatstrapp" "" kj "$DEF"
tui_row "default database, 200×60" 200 60 "Innsatstrapp" "" kj "$DEF"
tui_row "national database with $P plans, 80×24" 80 24 "Innsatstrapp" "" kj "$NAT"
tui_row "plan list with $P plans, 80×24" 80 24 "Innsatstrapp" p jk "$NAT"
tui_row "plan list with $P plans, 200×60" 200 60 "Innsatstrapp" p jk "$NAT"
tui_row "service list, filter keystrokes, $NBIG services, 80×24" 80 24 "Innsatstrapp" "/" barnehage "$BIG" --kommune bench-1
tui_row "service list, filter keystrokes, $NBIG services, 200×60" 200 60 "Innsatstrapp" "/" barnehage "$BIG" --kommune bench-1
echo
echo "| idle TUI, $IDLE s without input, national database with $P plans | CPU seconds (target < 0.05 per 10 s) |"
echo "|---|---|"
for scr in "staircase::" "plan list:p:STAFETTHOLDER" "due view:D:ANSVARLIG"; do
	name=${scr%%:*}; rest=${scr#*:}; keys=${rest%%:*}; after=${rest#*:}
	c=$(TUI_AFTER=$after tui 80 24 "trapp" "$keys" jk "$IDLE" -- "$TRAPP" --db "$NAT" | awk '{ print $5 }')
	echo "| $name | $c |"
done
for scr in "one plan:--plan $PLAN"; do
	name=${scr%%:*}; args=${scr#*:}
	# shellcheck disable=SC2086
	c=$(tui 80 24 "trapp" "" jk "$IDLE" -- "$TRAPP" --db "$NAT" $args | awk '{ print $5 }')
	echo "| $name | $c |"
done

# growth
echo
echo "### Growth"
echo
echo "| services in one catalogue | services --format tsv ms | peak RSS | sqlite3 ms | ratio | TUI first frame ms |"
echo "|---|---|---|---|---|---|"
for n in 124 $SVC_SIZES; do
	if [ "$n" = 124 ]; then db=$DEF; kom=tromso; else db=$DIR/one-$n.db; kom=bench-1; fi
	t=$(m -- "$TRAPP" --db "$db" services --kommune "$kom" --format tsv)
	p=$(peer services.sql "$db" -cmd ".param set :kommune \"'$kom'\"")
	f=$(tui 80 24 "Innsatstrapp" "" kj 0 -- "$TRAPP" --db "$db" --kommune "$kom" | awk '{ print $1 }')
	echo "| $n | $(fmt "$t") | $(rss "$t") | $(fmt "$p") | $(ratio "$t" "$p") | $f |"
done
echo
echo "| plans (steps) | due ms | due peak RSS | due sqlite3 ms | plan list first screen ms | plan list all ms | all: sqlite3 ms | plan show ms |"
echo "|---|---|---|---|---|---|---|---|"
for n in $PLAN_SIZES; do
	if [ "$n" = "$P" ]; then db=$NAT; else db=$DIR/plans-$n.db; gen_db "$db" 0 0 "$n" $((n * 10)); fi
	id=$(sqlite3 "$db" "SELECT max(id) * 7 / 9 FROM plan")
	d=$(m -- "$TRAPP" --db "$db" due --format tsv)
	dp=$(peer due.sql "$db")
	f=$(m -- sh -c "'$TRAPP' --db '$db' plan list | head -n 50")
	a=$(m -- "$TRAPP" --db "$db" plan list --format tsv)
	ap=$(peer plan-list.sql "$db")
	s=$(m -- "$TRAPP" --db "$db" plan show "$id")
	echo "| $n ($((n * 10))) | $(fmt "$d") | $(rss "$d") | $(fmt "$dp") | $(fmt "$f") | $(fmt "$a") | $(fmt "$ap") | $(fmt "$s") |"
done
. "$ROOT/bench/pg.sh"
echo
echo "Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
