#!/bin/sh
# fuzz.sh [FUZZER] - run the importer's libFuzzer harness for a fixed number
# of inputs over the committed seed corpus (tests/fuzz/corpus, read only:
# new inputs go to a temporary directory). A crash, a sanitizer report, a
# broken export round trip or a slow input (-timeout) fails the suite.
. tests/lib.sh
F=${1:-build/fuzz/fuzz-import}
RUNS=${FUZZ_RUNS:-20000}
if [ ! -x "$F" ]; then
	fail "fuzz harness $F not built (make fuzz-build needs clang and libclang-rt-14-dev)"
	summary; exit 1
fi
n=$(ls tests/fuzz/corpus | wc -l)
check "seed corpus has files ($n)" test "$n" -ge 10
mkdir -p "$TMP/corpus"
start=$(date +%s)
"$F" -runs="$RUNS" -seed=1 -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$TMP/" "$TMP/corpus" tests/fuzz/corpus >"$TMP/fuzz.log" 2>&1; rc=$?
secs=$(( $(date +%s) - start ))
done_line=$(grep -E '^Done [0-9]+ runs' "$TMP/fuzz.log")
if [ "$rc" = 0 ] && [ -n "$done_line" ]; then
	ok "fuzz: $done_line ($secs s, $RUNS runs asked)"
else
	fail "fuzz harness exited $rc after $secs s"
	grep -E 'ERROR|SUMMARY|round trip|==[0-9]+==' "$TMP/fuzz.log" | head -20
	ls "$TMP"/crash-* "$TMP"/timeout-* "$TMP"/leak-* 2>/dev/null | while read -r a; do
		echo "input: $(od -c "$a" | head -5)"; done
fi
echo "fuzz: $done_line in $secs s"
summary
