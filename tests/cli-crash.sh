#!/bin/sh
# cli-crash.sh BINARY - nothing lost: SIGKILL at random moments during
# scripted writes (plan changes and catalogue imports), then integrity,
# foreign keys and every acknowledged write checked after each kill; and 8
# concurrent writers, with no error shown and no write lost. Durations and
# counts are load generators, never pass/fail criteria (no timed
# assertion). Figures go to docs/RELIABILITY.md.
. tests/lib.sh
T=${1:-build/trapp}
case $T in /*) ;; *) T=$PWD/$T ;; esac
export TRAPP_TODAY=2025-09-01 USER=testbruker
F=$PWD/tests/fixtures
DB="$TMP/crash.db"
t() { "$T" --db "$DB" "$@"; }
# Under ASan (build/asan) every start is slower: a shorter run there, for
# the sanitizers; the figures come from the normal build.
case $T in *asan*) CONC_SECS=3; KILLS=10 ;; *) CONC_SECS=10; KILLS=50 ;; esac
KILLS=${TRAPP_KILLS:-$KILLS}

t plan new --child "Ola Testesen" --born 2015 >/dev/null
check "a plan to write into" test "$(t plan list --format csv | wc -l)" = 2

# writer N ACKFILE: a scripted stream of writes; each one trapp acknowledged
# (exit 0) is appended to ACKFILE as "kind value" after it returned.
writer() {
	n=$1; ack=$2; i=0
	while :; do
		i=$((i + 1))
		case $((i % 7)) in
		0) if "$T" --db "$DB" import "$F/tromso-2024-0$((i % 2 * 3 + 3)).tsv" --kommune tromso-test \
				--level-model prevention3 >/dev/null 2>&1; then echo "import $i" >> "$ack"; fi ;;
		1|2) if "$T" --db "$DB" plan add-step 1 --what "k$n-$i" --who Lise --due 2025-10-01 \
				>/dev/null 2>&1; then echo "step k$n-$i" >> "$ack"; fi ;;
		*) if "$T" --db "$DB" plan concern 1 --text "k$n-$i" --date 2025-09-01 --by Lise \
				>/dev/null 2>&1; then echo "concern k$n-$i" >> "$ack"; fi ;;
		esac
	done
}

# lost ACKFILE: acknowledged plan writes that are not in the database. The
# reader waits for a lock (a killed writer's recovery may hold one for a
# moment on a loaded machine): without the wait it read nothing and every
# acknowledged write looked lost.
lost() {
	sqlite3 -cmd ".timeout 30000" "$DB" "SELECT 'concern ' || text FROM plan_concern UNION ALL
		SELECT 'step ' || what FROM plan_step" | sort > "$TMP/have"
	grep -v '^import' "$1" | sort | comm -23 - "$TMP/have"
}

# --- SIGKILL at random moments -------------------------------------------------
ACK="$TMP/ack"; : > "$ACK"
bad_check=0; bad_lost=0; kills=0; seed=$$
i=0
while [ $kills -lt "$KILLS" ] && [ $i -lt $((KILLS * 3)) ]; do
	i=$((i + 1))
	before=$(wc -l < "$ACK")
	writer 0 "$ACK" & wpid=$!
	# the stream goes on between the kills: wait (polling, up to 2 min on a
	# loaded machine) for one more acknowledged write before the next kill
	k=0
	while [ "$(wc -l < "$ACK")" -le "$before" ] && [ $k -lt 12000 ]; do sleep 0.01; k=$((k + 1)); done
	# a random moment: 20-420 ms further into the stream, then the trapp running
	# at that moment (a child of the writer) is killed, by its pid
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	sleep "0.$(printf %03d $(( 20 + seed % 400 )))"
	child=; k=0
	while [ -z "$child" ] && [ $k -lt 400 ]; do  # the first moment a trapp runs
		child=$(pgrep -r R,S,D -P "$wpid" | head -1); k=$((k + 1))  # not a zombie
	done
	if [ -n "$child" ]; then kill -9 "$child" 2>/dev/null && kills=$((kills + 1)); fi
	kill -9 "$wpid" 2>/dev/null; wait "$wpid" 2>/dev/null
	# gone, or a zombie (PID 1 here may reap late): either way it runs no more
	[ -n "$child" ] && while [ -n "$(pgrep -r R,S,D -P 1 -x trapp | grep -x "$child")" ]; do sleep 0.01; done
	if ! "$T" --db "$DB" check >"$TMP/check" 2>&1; then
		bad_check=$((bad_check + 1)); cat "$TMP/check"
	fi
	l=$(lost "$ACK")
	[ -n "$l" ] && { bad_lost=$((bad_lost + 1)); echo "lost after kill $i: $l"; }
done
acks=$(wc -l < "$ACK")
echo "figure: $kills SIGKILLs during $acks acknowledged writes (plan changes and imports)"
check "at least $KILLS SIGKILLs hit a running trapp" test "$kills" -ge "$KILLS"
expect_eq "integrity and foreign keys hold after every kill" "$bad_check" 0
expect_eq "no acknowledged write lost after any kill" "$bad_lost" 0
check "the writes went on between the kills" test "$acks" -ge "$KILLS"
leftover=$(find "$TMP" -name '.trapp-tmp-*' | wc -l)
expect_eq "no temporary copies left behind" "$leftover" 0

# --- killed exports leave no copy of the plan -----------------------------------------
mkdir -p "$TMP/exp"
i=0; seed=$$
while [ $i -lt 20 ]; do
	i=$((i + 1))
	"$T" --db "$DB" plan export 1 -o "$TMP/exp/plan.txt" --force >/dev/null 2>&1 & epid=$!
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	sleep "0.0$(printf %02d $(( seed % 60 )))"
	kill -9 "$epid" 2>/dev/null; wait "$epid" 2>/dev/null
done
expect_eq "20 killed exports leave no hidden copy" "$(find "$TMP/exp" -name '.*' -type f)" ""
if [ -f "$TMP/exp/plan.txt" ]; then
	contains "an export that finished is whole" "$(tail -1 "$TMP/exp/plan.txt")" "Inneholder taushetsbelagte"
else
	ok "no export finished before its kill"
fi

# --- 8 concurrent writers ---------------------------------------------------------------
: > "$TMP/errs"
w=0
while [ $w -lt 8 ]; do
	w=$((w + 1))
	(
		end=$(( $(date +%s) + CONC_SECS )); j=0
		while [ "$(date +%s)" -lt "$end" ]; do
			j=$((j + 1))
			if "$T" --db "$DB" plan concern 1 --text "c$w-$j" --date 2025-09-01 --by "skriver $w" \
				>/dev/null 2>"$TMP/err-$w"; then
				echo "concern c$w-$j" >> "$TMP/cack-$w"
			fi
			[ -s "$TMP/err-$w" ] && cat "$TMP/err-$w" >> "$TMP/errs"
		done
	) &
done
wait
cat "$TMP"/cack-* > "$TMP/cack"
n=$(wc -l < "$TMP/cack")
echo "figure: 8 writers x ${CONC_SECS} s: $n acknowledged writes"
expect_eq "no error shown by any of 8 concurrent writers" "$(cat "$TMP/errs")" ""
expect_eq "no concurrent write lost" "$(lost "$TMP/cack")" ""
check "integrity after the concurrent writers" sh -c '"$0" --db "$1" check >/dev/null' "$T" "$DB"

# --- backup under 8 writers holds every write acknowledged before it -----------------------
: > "$TMP/bstart"
w=0
while [ $w -lt 8 ]; do
	w=$((w + 1))
	( j=0; while [ ! -e "$TMP/bstop" ]; do j=$((j + 1))
		"$T" --db "$DB" plan concern 1 --text "b$w-$j" --date 2025-09-01 --by x >/dev/null 2>&1 &&
			echo "concern b$w-$j" >> "$TMP/back-$w"; done ) &
done
sleep 1
cat "$TMP"/back-* 2>/dev/null | sort > "$TMP/before-backup"
t backup "$TMP/copy.db" >/dev/null; rc=$?
touch "$TMP/bstop"; wait
expect_eq "backup under 8 writers succeeds" "$rc" 0
check "the copy passes trapp check" sh -c '"$0" --db "$1" check >/dev/null' "$T" "$TMP/copy.db"
sqlite3 "$TMP/copy.db" "SELECT 'concern ' || text FROM plan_concern" | sort > "$TMP/incopy"
expect_eq "the copy holds every write acknowledged before the backup began" \
	"$(comm -23 "$TMP/before-backup" "$TMP/incopy")" ""
expect_eq "the copy is 0600" "$(stat -c %a "$TMP/copy.db")" 600
summary
