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
summary
