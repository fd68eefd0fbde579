#!/bin/sh
# cli-reliability.sh BINARY - nothing lost, nothing injected: opening
# races and foreign files, read-only and shared files, write errors, the
# test-only date hook, two editors of one item, hostile input, every
# escape class through every command and export, backup/restore/check.
. tests/lib.sh
T=${1:-build/trapp}
case $T in /*) ;; *) T=$PWD/$T ;; esac
export TRAPP_TODAY=2025-09-01 USER=testbruker
DB="$TMP/r.db"
t() { "$T" --db "$DB" "$@"; }
NB="setpriv --reuid=65534 --regid=65534 --clear-groups"

# --- first open and schema upgrade races (item 4) -------------------------------------
N="$TMP/new.db"; : > "$TMP/race-err"
w=0; while [ $w -lt 8 ]; do w=$((w + 1))
	( j=0; while [ $j -lt 5 ]; do j=$((j + 1))
		"$T" --db "$N" plan new --child "Barn $w-$j" --born 2015 >/dev/null 2>>"$TMP/race-err"; done ) &
done; wait
expect_eq "8 parallel plan new on a new file: no error" "$(cat "$TMP/race-err")" ""
expect_eq "8 parallel plan new on a new file: 40 plans" "$(sqlite3 "$N" 'SELECT count(*) FROM plan')" 40
fails=0; r=0
while [ $r -lt 5 ]; do r=$((r + 1))
	O="$TMP/old$r.db"
	# a file at schema 3, as shipped before, made by the real migrations
	# 1-3 (TRAPP_TEST_SCHEMA: test builds only)
	TRAPP_TEST_SCHEMA=3 "$T" --db "$O" needs >/dev/null
	[ "$(sqlite3 "$O" 'PRAGMA user_version')" = 3 ] || fails=$((fails + 1))
	: > "$TMP/up-err"
	for k in 1 2 3 4; do "$T" --db "$O" plan list >/dev/null 2>>"$TMP/up-err" & done; wait
	[ -s "$TMP/up-err" ] && { fails=$((fails + 1)); cat "$TMP/up-err"; }
	[ "$(sqlite3 "$O" 'PRAGMA user_version')" = "$(sqlite3 "$N" 'PRAGMA user_version')" ] || fails=$((fails + 1))
done
expect_eq "4 simultaneous upgrades from schema 3, 5 times: no error, all upgraded" "$fails" 0

# --- only an empty new file becomes a trapp database (item 7) --------------------------------
F="$TMP/other.db"
sqlite3 "$F" "CREATE TABLE notes(x); INSERT INTO notes VALUES('mine')"
sum=$(md5sum < "$F")
out=$("$T" --db "$F" services 2>&1); rc=$?
expect_eq "another SQLite database is refused" "$rc" 1
contains "it says it is another database, unchanged" "$out" "er en annen SQLite-database"
expect_eq "and it is byte-for-byte unchanged" "$(md5sum < "$F")" "$sum"
expect_eq "and not switched to WAL" "$(sqlite3 "$F" 'PRAGMA journal_mode')" "delete"
printf 'not a database at all, just text\n' > "$TMP/text.db"
out=$("$T" --db "$TMP/text.db" needs 2>&1); rc=$?
expect_eq "a text file is refused" "$rc" 1
contains "a text file: not a trapp database" "$out" "ikke en trapp-database"
out=$("$T" --db "" needs 2>&1); rc=$?
expect_eq '--db "" is refused' "$rc" 1
contains '--db "" says the name is empty' "$out" "Databasefilen er tom"

# --- read-only directory and file (item 8): as an ordinary user ---------------------------
t plan new --child "Ola Testesen" --born 2015 >/dev/null
RO="$TMP/ro"; mkdir -p "$RO"; chmod 755 "$TMP"; chown 65534 "$RO"
# the plan is the ordinary user's own (a login sees only its plans)
$NB "$T" --db "$RO/t.db" plan new --child "Kari Testesen" --born 2016 >/dev/null
chown -R 65534 "$RO"; chmod 500 "$RO"
out=$($NB "$T" --db "$RO/t.db" plan list 2>"$TMP/e"); rc=$?
expect_eq "read-only directory: plan list works" "$rc" 0
contains "read-only directory: the plan is listed" "$out" "Kari Testesen"
contains "read-only directory: says writes are impossible" "$(cat "$TMP/e")" "åpnet bare for lesing"
lacks "read-only directory: no raw SQLite English" "$(cat "$TMP/e")" "attempt to write"
out=$($NB "$T" --db "$RO/t.db" plan concern 1 --text x --by y --date 2025-09-01 2>&1); rc=$?
expect_eq "read-only directory: a write fails" "$rc" 1
contains "read-only directory: the write says what to do" "$out" "Gi deg skrivetilgang"
lacks "read-only directory: no SQL in the message" "$out" "SQL:"
chmod 700 "$RO"; chmod 400 "$RO/t.db"
out=$($NB "$T" --db "$RO/t.db" plan show 1 2>"$TMP/e"); rc=$?
expect_eq "read-only file: plan show works" "$rc" 0
contains "read-only file: says so, with the chmod" "$(cat "$TMP/e")" "chmod u+w $RO/t.db"
out=$($NB "$T" --db "$RO/new.db" needs 2>&1); rc=$?
chmod 500 "$RO"
out=$($NB "$T" --db "$RO/new2.db" needs 2>&1); rc=$?
expect_eq "a new file in a read-only directory: refused" "$rc" 1
contains "a new file in a read-only directory: says which directory" "$out" "mappen $RO er skrivebeskyttet"
chmod 700 "$RO"

# --- a database others can read (item 9) ----------------------------------------------------
chmod 644 "$DB"
out=$(t plan list 2>&1 >/dev/null)
contains "readable by others: warned with the exact fix" "$out" "chmod 600 $DB"
out=$(t plan concern 1 --text x --by y --date 2025-09-01 2>&1); rc=$?
expect_eq "readable by others: plan changes refused" "$rc" 1
expect_eq "readable by others: nothing written" "$(sqlite3 "$DB" 'SELECT count(*) FROM plan_concern')" 0
out=$(t --allow-shared plan concern 1 --text x --by y --date 2025-09-01 2>&1); rc=$?
expect_eq "--allow-shared writes anyway" "$rc" 0
chmod 600 "$DB"
expect_eq "0600: no warning" "$(t plan list 2>&1 >/dev/null)" ""

# --- the date hook is in test builds only (item 10) -----------------------------------------
R=$PWD/build/release/trapp
if [ -x "$R" ]; then
	"$R" --db "$TMP/rel.db" plan new --child "Per Testesen" --born 2015 >/dev/null
	created=$(sqlite3 "$TMP/rel.db" 'SELECT created FROM plan')
	expect_eq "the release build ignores TRAPP_TODAY" "$created" "$(date +%Y-%m-%d)"
	lacks "the release build says nothing of test hooks" "$("$R" --version)" "testbygg"
else
	fail "build/release/trapp missing: run make release (make check builds it)"
fi
contains "this test build says it is one" "$("$T" --version)" "testbygg"

# --- write errors (item 5) -----------------------------------------------------------------------
bad=""
for c in "needs" "services" "levels" "kommuner" "plan list" "plan show 1" "plan export 1" "due" \
	 "forums" "grips" "factors" "keys" "export services" "whoami" "check" "--help" "--version"; do
	# shellcheck disable=SC2086
	"$T" --db "$DB" $c > /dev/full 2>"$TMP/e"; rc=$?
	[ "$rc" = 1 ] && grep -q "Kunne ikke skrive" "$TMP/e" || bad="$bad [$c: $rc]"
done
expect_eq "every command > /dev/full exits 1 with a message" "$bad" ""

# --- two editors of one step (item 2) ------------------------------------------------------------
t plan add-step 1 --what "Samtale med helsesykepleier" --who Lise --due 2025-10-01 >/dev/null
v=$(t plan show 1 | tail -1 | sed 's/.*steg 1: \([0-9]*\).*/\1/')
USER=kari t plan step 1 1 --evaluation "Kari: virket" --if-version "$v" >/dev/null; rc=$?
expect_eq "the first editor saves" "$rc" 0
out=$(USER=per t plan step 1 1 --evaluation "Per: ingen effekt" --if-version "$v" 2>&1); rc=$?
expect_eq "the second editor, from the same read, is refused" "$rc" 2
contains "the second is told who changed it (the login)" "$out" "endret av $(id -un)"
contains "and which version to use" "$out" "--if-version $((v + 1))"
contains "Kari's text is kept" "$(t plan show 1)" "Kari: virket"
USER=per t plan step 1 1 --evaluation "Per: ingen effekt" --if-version $((v + 1)) >/dev/null
row=$(sqlite3 -separator '|' "$DB" "SELECT item, old_value, new_value FROM plan_audit ORDER BY id DESC LIMIT 1")
expect_eq "the audit row holds the old and the new value" "$row" "steg 1|evaluering: Kari: virket|evaluering: Per: ingen effekt"
out=$(t plan level 1 2 --why "mer hjelp" --if-version 1 2>&1); rc=$?
expect_eq "a stale plan version is refused" "$rc" 2
out=$(t plan goal 1 1 --status nadd --if-version 1 2>&1); rc=$?
expect_eq "a goal that does not exist is still refused first" "$rc" 2
t plan add-goal 1 --text "Trives på skolen" >/dev/null
t plan goal 1 1 --text "Trives på skolen og i SFO" --if-version 1 >/dev/null
out=$(t plan goal 1 1 --status nadd --if-version 1 2>&1); rc=$?
expect_eq "a stale goal version is refused" "$rc" 2
contains "and names the goal" "$out" "Mål 1 i stafettlogg 1 er endret av $(id -un)"
out=$(t plan step 1 1 --status pagar --if-version x 2>&1); rc=$?
expect_eq "--if-version takes a number" "$rc" 2

# --- hostile input (items 3, 11) ---------------------------------------------------------------
ESC=$(printf '\033'); BEL=$(printf '\007'); C1=$(printf '\302\233'); RLO=$(printf '\342\200\256')
for bad_name in "Ola${ESC}]0;HACKED${BEL}" "Ola${ESC}[2J" "Ola${ESC}[6n" "Ola${C1}2J" "Ola${RLO}nesetseT" \
		"$(printf 'Ola\nNordmann')" "$(printf 'Ola\rKari')"; do
	out=$(t plan new --child "$bad_name" --born 2015 2>&1); rc=$?
	[ "$rc" = 2 ] || fail "a name with a control character is refused (got $rc)"
done
ok "names with ESC, BEL, C1, bidi override, line break or CR are refused (exit 2)"
contains "the refusal names the field and the character" "$out" "Barnets navn eller pseudonym inneholder et kontrolltegn (U+000D)"
out=$(t plan new --child "$(printf '%0300d' 0)" --born 2015 2>&1); rc=$?
expect_eq "a 300-character name is refused" "$rc" 2
contains "with its length and the limit" "$out" "300 tegn; høyst 200"
out=$(t plan concern 1 --text "$(printf 'Linje 1\nLinje 2\tmed tab')" --by Lise --date 2025-09-01 2>&1); rc=$?
expect_eq "free text keeps line breaks and tabs" "$rc" 0
out=$(t plan concern 1 --text "a${ESC}[2Jb" --by Lise --date 2025-09-01 2>&1); rc=$?
expect_eq "free text refuses ESC" "$rc" 2
out=$(t plan new --child Ola --born 2015 --unit "$(printf 'skole\377')" 2>&1); rc=$?
expect_eq "invalid UTF-8 is refused" "$rc" 2
out=$(t whoami --set "Kari${ESC}[2J" 2>&1); rc=$?
expect_eq "whoami --set refuses control characters" "$rc" 2
# a Latin-1 terminal: non-ASCII arguments are converted, not refused
mkdir -p "$TMP/locale"
if localedef -i nb_NO -f ISO-8859-1 "$TMP/locale/nb_NO.ISO-8859-1" 2>/dev/null; then
	LOCPATH="$TMP/locale" LANG=nb_NO.ISO-8859-1 LC_ALL=nb_NO.ISO-8859-1 \
		"$T" --db "$TMP/l1.db" plan new --child "$(printf 'Bj\370rn \306rlig')" --born 2015 >/dev/null; rc=$?
	expect_eq "a Latin-1 name from a Latin-1 locale is accepted" "$rc" 0
	expect_eq "and stored as UTF-8" "$(sqlite3 "$TMP/l1.db" 'SELECT child FROM plan')" "Bjørn Ærlig"
else
	fail "localedef could not build nb_NO.ISO-8859-1 (package locales)"
fi
# a CSV with 100 000 columns: a bounded number of warnings
awk 'BEGIN { printf "Tiltak\tHva er dette?\tAlder\tMålgruppe\tNivå\tAnsvar"; for (i = 0; i < 100000; i++) printf "\tx%d", i; print ""; print "Audiator\tLyd\t13 - 20 år\tUngdom\tUniverselt\tFritid" }' > "$TMP/wide.tsv"
t import "$TMP/wide.tsv" --kommune tromso-wide --level-model prevention3 --dry-run >/dev/null 2>"$TMP/e"
n=$(wc -l < "$TMP/e")
check "a CSV with 100 000 columns gives at most 25 warning lines (got $n)" test "$n" -le 25
contains "and says how many were left out" "$(cat "$TMP/e")" "flere"

# --- output sanitising: every escape class through every command and export -------------------
# plan data written by another tool (the input checks refuse it), catalogue
# data through an import, a user name through $USER
H="$TMP/h.db"
"$T" --db "$H" plan new --child "Ola Testesen" --born 2015 --unit "Solsikken skole" >/dev/null
"$T" --db "$H" plan add-step 1 --what "Kartlegging" --who "Lise" --due 2025-09-10 --evaluate 2025-09-05 >/dev/null
"$T" --db "$H" plan add-person 1 --name "Kari Testesen" --role mor >/dev/null
"$T" --db "$H" plan add-goal 1 --text "Trives" >/dev/null
HOSTILE="X${ESC}]0;HACKED${BEL}${ESC}[2J${ESC}[6n${C1}6n${RLO}$(printf '\177\010\033P1\033\\')Y"
sqlite3 "$H" "UPDATE plan SET child = 'Ola' || char(27) || ']0;HACKED' || char(7) || char(27) || '[2J' || char(27) || '[6n' || char(155) || '6n' || char(8238) || char(127) || 'Y';
	UPDATE plan_step SET what = 'K' || char(27) || '[2J' || char(155) || 'x', who = 'L' || char(27) || ']0;T' || char(7);
	UPDATE plan_person SET name = 'Kari' || char(27) || '[6n', contact = char(8238) || 'tel';
	UPDATE plan_goal SET text = 'Mål' || char(27) || '[31m' || char(13) || 'rødt';
	INSERT INTO plan_audit(plan_id, at, who, what) VALUES(1, '2025-09-01T10:00:00Z', 'x' || char(27) || '[2J', 'y' || char(7))"
printf 'Tiltak\tHva er dette?\tAlder\tMålgruppe\tNivå\tAnsvar\nAudiator%s\tLyd%s og lys\t13 - 20 år\tUngdom%s\tUniverselt\tFritid%s\n' \
	"$HOSTILE" "$HOSTILE" "$HOSTILE" "$HOSTILE" > "$TMP/hostile.tsv"
printf 'Tiltak\tHva er dette?\tAlder\tMålgruppe\tNivå\tAnsvar\nAudiator\tLyd\t13 - 20 år\tUngdom\tVerdi%s\tFritid\n' \
	"$HOSTILE" > "$TMP/hostile-bad.tsv"
# raw FILE: the escape bytes of each class that reach FILE
raw() { LC_ALL=C grep -c -e "$ESC" -e "$BEL" -e "$C1" -e "$RLO" -e "$(printf '\177')" -e "$(printf '\010')" "$1"; }
h() { USER="u${ESC}[2J" "$T" --db "$H" "$@"; }
raws=""
run() {  # run NAME ARGS...: stdout and stderr of a command must hold no escape byte
	name=$1; shift
	h "$@" >"$TMP/o" 2>&1
	n=$(raw "$TMP/o"); [ "$n" = 0 ] || raws="$raws [$name: $n]"
}
run "import preview" import "$TMP/hostile.tsv" --kommune tromso-h --level-model prevention3 --dry-run
run "import" import "$TMP/hostile.tsv" --kommune tromso-h --level-model prevention3
run "import errors" import "$TMP/hostile-bad.tsv" --kommune tromso-h2 --level-model prevention3
run "services" services --kommune tromso-h
run "services csv" services --kommune tromso-h --format csv
run "services tsv" services --kommune tromso-h --format tsv
run "service" service audiatorxhacked --kommune tromso-h
slug=$(sqlite3 "$H" "SELECT slug FROM service s JOIN kommune k ON k.id = s.kommune_id WHERE k.code = 'tromso-h'")
run "service by id" service "$slug" --kommune tromso-h
run "levels" levels --kommune tromso-h
run "export services" export services --kommune tromso-h
run "plan list" plan list
run "plan list csv" plan list --format csv
run "plan show" plan show 1
run "plan show --audit" plan show 1 --audit
run "plan export txt" plan export 1
run "plan export md" plan export 1 --format md
run "plan export html" plan export 1 --format html
run "plan export --mask" plan export 1 --mask
run "due" due
run "due csv" due --format csv
run "whoami" whoami
run "plan step (the stored name in a message)" plan step 1 9 --status pagar
for f in txt md html; do
	h plan export 1 --format $f -o "$TMP/plan.$f" >/dev/null 2>&1
	n=$(raw "$TMP/plan.$f"); [ "$n" = 0 ] || raws="$raws [file $f: $n]"
done
expect_eq "no escape byte of any class reaches any command's output or export file" "$raws" ""
out=$(h plan show 1)
contains "the escapes are shown as text" "$out" 'Ola\e]0;HACKED\x07\e[2J\e[6n\u009B6n\u202E\x7FY'
contains "HTML shows them as text too" "$(cat "$TMP/plan.html")" 'Ola\e]0;HACKED\x07'
contains "the import preview shows the service escaped" "$(h import "$TMP/hostile.tsv" --kommune tromso-h3 --level-model prevention3 --dry-run 2>&1)" ']0;HACKED\x07'

# --- backup, restore, check ------------------------------------------------------------------------
t backup "$TMP/b.db" >/dev/null; rc=$?
expect_eq "backup succeeds" "$rc" 0
expect_eq "the backup is 0600" "$(stat -c %a "$TMP/b.db")" 600
out=$(t backup "$TMP/b.db" 2>&1); rc=$?
expect_eq "backup never overwrites" "$rc" 1
out=$("$T" --db "$TMP/b.db" check); rc=$?
expect_eq "check of a good copy: exit 0" "$rc" 0
contains "check reports integrity" "$out" "ok   integritet"
contains "check reports foreign keys" "$out" "ok   fremmednøkler"
contains "check reports the schema version" "$out" "ok   skjemaversjon"
t plan concern 1 --text "etter kopien" --by Lise --date 2025-09-01 >/dev/null
out=$(t restore "$TMP/b.db"); rc=$?
expect_eq "restore succeeds" "$rc" 0
lacks "restore brought the copy back" "$(t plan show 1)" "etter kopien"
saved=$(ls "$DB".before-restore-* | head -1)
check "restore kept what was there before" test -n "$saved"
expect_eq "and that is 0600" "$(stat -c %a "$saved")" 600
contains "the saved file holds the later change" "$(sqlite3 "$saved" 'SELECT text FROM plan_concern')" "etter kopien"
chmod 644 "$TMP/b.db"
out=$("$T" --db "$TMP/b.db" check); rc=$?
expect_eq "check: a file others can read is a problem" "$rc" 1
contains "check gives the chmod" "$out" "chmod 600 $TMP/b.db"
chmod 600 "$TMP/b.db"
# a damaged page: check finds it, restore refuses it, salvage saves the rest
cp "$TMP/b.db" "$TMP/bad.db"
page=$(sqlite3 "$TMP/bad.db" "SELECT pageno FROM dbstat WHERE name = 'service' ORDER BY pageno LIMIT 1 OFFSET 3")
dd if=/dev/urandom of="$TMP/bad.db" bs=4096 seek="$page" count=1 conv=notrunc 2>/dev/null
out=$("$T" --db "$TMP/bad.db" check 2>&1); rc=$?
expect_eq "check of a damaged file: exit 1" "$rc" 1
contains "check names the damage" "$out" "FEIL integritet"
out=$(t restore "$TMP/bad.db" 2>&1); rc=$?
expect_eq "restore refuses a damaged copy" "$rc" 1
contains "restore says nothing changed" "$out" "databasen er ikke endret"
out=$("$T" --db "$TMP/bad.db" check --salvage "$TMP/saved.db" 2>&1)
contains "salvage says what it used" "$out" "sqlite3_recover"
out=$("$T" --db "$TMP/saved.db" check); rc=$?; [ $rc = 0 ] || echo "$out"
expect_eq "the salvaged file passes check" "$rc" 0
expect_eq "the salvaged file keeps the plan" "$(sqlite3 "$TMP/saved.db" 'SELECT child FROM plan WHERE id = 1')" "Ola Testesen"
summary
