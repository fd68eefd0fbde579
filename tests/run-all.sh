#!/bin/sh
# run-all.sh BUILD... - run the unit, CLI and tmux suites against each build
# directory and print one summary line: "N passed, N failed".
set -u
total_pass=0; total_fail=0
for b in "$@"; do
	for suite in unit cli tui; do
		case $suite in
		unit) cmd="$b/test-unit" ;;
		cli)  cmd="sh tests/cli.sh $b/trapp" ;;
		tui)  cmd="sh tests/tui.sh $b/trapp" ;;
		esac
		[ "$suite" = tui ] && [ "$b" != "$1" ] && continue  # tmux suite: normal build only
		echo "== $suite ($b)"
		out=$($cmd 2>&1); rc=$?
		echo "$out" | grep -v '^ok ' 
		line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
		p=$(echo "$line" | cut -d' ' -f1); f=$(echo "$line" | cut -d' ' -f3)
		[ -z "$line" ] && { p=0; f=1; echo "FAIL: $suite ($b) gave no summary (exit $rc)"; }
		[ "$rc" != 0 ] && [ "${f:-0}" = 0 ] && { f=1; echo "FAIL: $suite ($b) exited $rc"; }
		total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
	done
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
