#!/bin/sh
# bench.sh BUILD - the live-filter benchmark as a test: prints the measured
# milliseconds per keystroke at 55 000 services. It proves the harness runs;
# it never fails on a time (a shared machine is noisy): `make bench` prints
# the figures.
. tests/lib.sh
B=${1:-build}
out=$("$B/bench-filter" "$TMP/bench.db" 2>&1); rc=$?
echo "$out" | sed 's/^/  /'
line=$(echo "$out" | tail -1)
expect_eq "filter benchmark runs" "$rc" 0
contains "55 000 services measured" "$line" "filter: 55000 services"

# The make bench harness once on small data (generator, timer, peers, the
# TUI in a pty): it must run and print every row; the times are not judged.
out=$(BENCH_DIR="$TMP/harness" sh bench/bench.sh "$B" small 2>&1); rc=$?
echo "$out" | grep '^|' | sed 's/^/  /'
expect_eq "bench harness runs" "$rc" 0
for fig in "due over 10000 steps" "plan list, first screen" "plan show" "import of 2000 rows" \
	"services of one kommune" "kommuner (" "services of one 2000-service catalogue" \
	"default database, 80×24" "plan list with 1000 plans, 80×24" "| 1000 (10000) |"; do
	contains "harness row: $fig" "$out" "$fig"
done
contains "harness: the peer is measured" "$out" "sqlite3 -tabs DB < bench/sql/due.sql"
contains "harness: idle CPU measured" "$out" "| due view |"
contains "harness: PostgreSQL beside SQLite" "$out" "### PostgreSQL beside SQLite"
contains "harness: due on PostgreSQL" "$out" "trapp --db postgresql:///trapp due --format tsv"
contains "harness: the plan screen opened in the running TUI on PostgreSQL" "$out" "| plan screen open from the plan list"
contains "harness: the plan screen from process start on PostgreSQL" "$out" "| plan screen, process start to first frame (--plan"
summary
