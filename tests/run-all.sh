#!/bin/sh
# run-all.sh BUILD... - run the unit suite, every tests/cli*.sh and every
# tests/tui*.sh against each build directory, then tests/fuzz.sh (the
# importer's fuzz harness, its own ASan build) once, and print one summary
# line: "N passed, N failed". The tmux suites run on every build, so the
# screens are exercised under the sanitizers too; the benchmark only on the
# first (optimised) build.
set -u
total_pass=0; total_fail=0
run_suite() {  # NAME COMMAND...
	name=$1; shift
	echo "== $name"
	out=$("$@" 2>&1); rc=$?
	echo "$out" | grep -v '^ok '
	line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
	p=$(echo "$line" | cut -d' ' -f1); f=$(echo "$line" | cut -d' ' -f3)
	[ -z "$line" ] && { p=0; f=1; echo "FAIL: $name gave no summary (exit $rc)"; }
	[ "$rc" != 0 ] && [ "${f:-0}" = 0 ] && { f=1; echo "FAIL: $name exited $rc"; }
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
}
first=$1
for b in "$@"; do
	run_suite "unit ($b)" "$b/test-unit"
	for s in tests/cli*.sh tests/tui*.sh; do run_suite "$s ($b)" sh "$s" "$b/trapp"; done
	[ "$b" = "$first" ] && run_suite "tests/bench.sh ($b)" sh tests/bench.sh "$b"
	# every key on every view: long, and the same code on both builds
	[ "$b" = "$first" ] && run_suite "tests/keys-tui.sh ($b)" sh tests/keys-tui.sh "$b/trapp"
done
run_suite "tests/layers.sh" sh tests/layers.sh
run_suite "tests/contrast.py" python3 tests/contrast.py
run_suite "tests/fuzz.sh" sh tests/fuzz.sh build/fuzz/fuzz-import
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
