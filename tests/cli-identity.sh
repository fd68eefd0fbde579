#!/bin/sh
# cli-identity.sh TRAPP - who is who, with real logins on one database:
# Kari creates a plan and makes Ola an aktør; Per sees nothing of it
# through any command; a hand-over to Ola is accepted by Ola only; every
# show and export is in the read log; a corrected concern keeps its
# history; deleting the closed plan leaves no trace of the child's name in
# the database file or its -wal; an edited audit row makes `trapp check`
# fail. Runs as root: creates the logins kari, ola and per (group
# trapptest) with useradd and runs trapp as them with setpriv. The
# database lives in a setgid 2770 directory, mode 0660, as a team would
# share it (and trapp warns that the file is then the boundary).
. tests/lib.sh
T=${1:-build/trapp}
export TRAPP_TODAY=2025-09-01
CHILD="Sindre Fiktivsen"
PPT=pedagogisk-psykologisk-tjeneste-ppt
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
	fail "cli-identity.sh needs root, useradd and setpriv to run trapp under several logins"
	summary; exit 1
fi
getent group trapptest >/dev/null || groupadd trapptest
for u in kari ola per; do
	getent passwd $u >/dev/null || useradd -M -N -g trapptest -s /usr/sbin/nologin $u
done
chmod 711 "$TMP"
SHARE="$TMP/team"
mkdir "$SHARE"; chgrp trapptest "$SHARE"; chmod 2770 "$SHARE"
DB="$SHARE/trapp.db"
# as LOGIN ARGS...: trapp as that login (its own uid, the team's group only)
as() {
	u=$1; shift
	setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --clear-groups "$T" --db "$DB" "$@"
}
# same NAME A B: two refusals that must not tell a missing plan from a foreign one
ERR="$TMP/err"

# --- Kari creates the database and a plan; Ola becomes aktør ---------------------------
id=$(as kari plan new --child "$CHILD" --born 2016-03-14 --unit "Fjordtun skole"); rc=$?
expect_eq "kari creates plan 1" "$id:$rc" "1:0"
expect_eq "kari's file is 0600 at first" "$(stat -c %a "$DB")" 600
chmod 660 "$DB"
out=$(as kari whoami 2>"$ERR")
expect_eq "kari is the login (and administers: she created the file)" "$out" "kari, kommuneadministrator"
contains "a group-readable file is named as the boundary" "$(cat "$ERR")" "filrettighetene grensen"
as kari plan concern 1 --text "Sindre gråter ofte i friminuttene" --date 2025-08-20 --by kontaktlærer >/dev/null 2>&1
as kari plan consent 1 --by foreldre --date 2025-08-30 --scope $PPT >/dev/null 2>&1
as kari plan level 1 2 --why "PPT trengs" >/dev/null 2>&1
as kari plan add-service 1 $PPT >/dev/null 2>&1
as kari plan add-person 1 --name "Mor Fiktivsen" --role mor --contact "400 00 000" >/dev/null 2>&1
out=$(as kari plan member 1 ola --role aktør --service $PPT 2>/dev/null); rc=$?
expect_eq "kari makes ola aktør" "$rc" 0
err=$(as kari plan member 1 per --role aktør 2>&1 >/dev/null); rc=$?
expect_eq "an aktør needs one of the plan's services" "$rc" 2
contains "an aktør needs one of the plan's services: says so" "$err" "En aktør hører til"

# --- Per sees nothing of it, and cannot tell it from a plan that does not exist ----------
out=$(as per plan list 2>/dev/null)
contains "per's list is empty" "$out" "Ingen stafettlogger ennå"
lacks "per's list has no child" "$out" "Fiktivsen"
expect_eq "per's due list is empty" "$(as per due 2>/dev/null)" "Ingen åpne frister, evalueringer, samtykker som utløper eller overføringer."
for cmd in "plan show 1" "plan export 1 --format html" "plan access-log 1" "plan members 1" \
	   "plan add-step 1 --what x --who y --due 2025-09-10" "plan accept 1" "plan close 1 --reason flyttet" \
	   "plan correct 1 --field child --value X --why y" "plan delete 1 --no-archive --why y"; do
	# shellcheck disable=SC2086
	e1=$(as per $cmd 2>&1 >/dev/null); r1=$?
	# shellcheck disable=SC2086
	e2=$(as per $(echo "$cmd" | sed 's/ 1/ 99/') 2>&1 >/dev/null); r2=$?
	expect_eq "per: $cmd refused (exit 2)" "$r1" 2
	contains "per: $cmd says ingen tilgang" "$e1" "Ingen tilgang til stafettlogg 1"
	expect_eq "per: $cmd looks like a missing plan" "$(echo "$e1" | grep -v advarsel | sed 's/stafettlogg 1/stafettlogg N/')" \
		"$(echo "$e2" | grep -v advarsel | sed 's/stafettlogg 99/stafettlogg N/')"
	expect_eq "per: $cmd same exit as a missing plan" "$r1" "$r2"
	lacks "per: $cmd shows no child" "$e1" "Fiktivsen"
done
# the administrator is told "ingen tilgang" apart from "not found" (exit 3)
id2=$(as ola plan new --child "Lise Annensen" --born 2015 2>/dev/null)
expect_eq "ola creates plan 2" "$id2" 2
e=$(as kari plan show 2 2>&1 >/dev/null); rc=$?
expect_eq "kari (administrator, not a member) gets exit 3" "$rc" 3
contains "kari: ingen tilgang" "$e" "Ingen tilgang til stafettlogg 2"
lacks "kari sees no content of ola's plan" "$e" "Lise"
as kari plan show 99 >/dev/null 2>&1; rc=$?
expect_eq "kari: a missing plan is exit 2" "$rc" 2
lacks "kari's list has only her plan" "$(as kari plan list 2>/dev/null)" "Lise Annensen"
# whoami --set names only one's own login
as per whoami --set "Per Sjef" >/dev/null 2>&1
expect_eq "per named himself" "$(as per whoami 2>/dev/null)" "Per Sjef (per)"
expect_eq "kari's name is untouched" "$(as kari whoami 2>/dev/null)" "kari, kommuneadministrator"
err=$(as per users 2>&1 >/dev/null); rc=$?
expect_eq "only an administrator lists users" "$rc" 2
as per user per --admin ja >/dev/null 2>&1; rc=$?
expect_eq "per cannot make himself administrator" "$rc" 2
as kari user kari --admin nei >/dev/null 2>&1; rc=$?
expect_eq "the last administrator cannot step down" "$rc" 2
as kari users >/dev/null 2>&1; rc=$?
expect_eq "kari lists users" "$rc" 0

# --- Ola, aktør: reads and writes steps, not members --------------------------------------
out=$(as ola plan show 1 2>/dev/null); rc=$?
expect_eq "ola reads plan 1" "$rc" 0
contains "ola sees the child" "$out" "$CHILD"
as ola plan add-step 1 --what "Kartlegging" --who PPT --due 2025-09-20 >/dev/null 2>&1; rc=$?
expect_eq "ola adds a step" "$rc" 0
e=$(as ola plan member 1 per --role lesetilgang 2>&1 >/dev/null); rc=$?
expect_eq "an aktør cannot add members" "$rc" 2
contains "only the stafettholder manages members" "$e" "Bare stafettholderen i stafettlogg 1"

# --- hand-over to Ola: only Ola accepts ------------------------------------------------------
as kari plan handover 1 --to ola --service "PPT" >/dev/null 2>&1; rc=$?
expect_eq "kari proposes ola" "$rc" 0
e=$(as kari plan accept 1 2>&1 >/dev/null); rc=$?
expect_eq "kari cannot accept for ola" "$rc" 2
contains "kari is told who must accept" "$e" "venter på ola: bare den brukeren kan akseptere"
as per plan accept 1 >/dev/null 2>&1; rc=$?
expect_eq "per cannot accept" "$rc" 2
out=$(as ola plan accept 1 2>/dev/null); rc=$?
expect_eq "ola accepts" "$rc" 0
out=$(as ola plan members 1 2>/dev/null)
contains "ola is stafettholder" "$(echo "$out" | grep '^ola')" "stafettholder"
contains "kari keeps lesetilgang" "$(echo "$out" | grep '^kari')" "lesetilgang"
e=$(as kari plan add-step 1 --what x --who y --due 2025-09-10 2>&1 >/dev/null); rc=$?
expect_eq "kari (lesetilgang) cannot change the plan" "$rc" 2
contains "kari is told her role" "$e" "Du har lesetilgang i stafettlogg 1"

# --- the read log: every view and export by anyone -------------------------------------------
as kari plan export 1 --format txt -o "$SHARE/k.txt" >/dev/null 2>&1
out=$(as ola plan access-log 1 --format csv 2>/dev/null); rc=$?
expect_eq "the stafettholder reads the log" "$rc" 0
contains "ola's show is logged" "$out" ",ola,vis"
contains "kari's export is logged" "$out" ",kari,eksport"
lacks "per's refused attempts read nothing" "$out" ",per,"
as kari plan access-log 1 >/dev/null 2>&1; rc=$?
expect_eq "lesetilgang does not see the read log" "$rc" 2

# --- a corrected concern shows its history -----------------------------------------------------
as ola plan correct 1 --field concern --value "Sindre er ofte alene i friminuttene" \
	--why "feil gjengitt" >/dev/null 2>&1; rc=$?
expect_eq "ola corrects the concern" "$rc" 0
out=$(as ola plan show 1 --audit 2>/dev/null | tr '\n' ' ' | tr -s ' ')
contains "the plan shows the new text, marked rettet" "$out" "Sindre er ofte alene i friminuttene (rettet)"
contains "the history keeps the old value" "$out" "«Sindre gråter ofte i friminuttene»"
contains "the history keeps why" "$out" "begrunnelse: feil gjengitt"
contains "the history says who" "$out" "ola: rettet bekymring"

# --- delete: no trace of the name in the file or its -wal -----------------------------------
# an export just before closing (often in the same second) is no archive copy
as ola plan export 1 --format txt >/dev/null 2>&1
as ola plan close 1 --reason flyttet --force >/dev/null 2>&1  # steps are open
e=$(as ola plan delete 1 2>&1 >/dev/null); rc=$?
expect_eq "delete needs an archive export first" "$rc" 2
contains "delete says how to archive" "$e" "--no-archive --why"
as ola plan export 1 --format html -o "$SHARE/arkiv.html" >/dev/null 2>&1
# another connection keeps the database (and its -wal) open meanwhile
mkfifo "$TMP/fifo"
sqlite3 "$DB" <"$TMP/fifo" >"$TMP/held" 2>&1 &
holder=$!
exec 3>"$TMP/fifo"
echo "SELECT 'open', count(*) FROM plan;" >&3
i=0; while ! grep -q open "$TMP/held" 2>/dev/null && [ $i -lt 200 ]; do i=$((i + 1)); sleep 0.05; done
out=$(as ola plan delete 1 2>/dev/null); rc=$?
expect_eq "ola deletes the closed plan" "$rc" 0
check "the -wal is still there (another connection holds it)" test -e "$DB-wal"
for f in "$DB" "$DB-wal"; do
	for word in "Fiktivsen" "Sindre" "400 00 000" "Fjordtun"; do
		expect_eq "no «$word» left in $(basename "$f")" "$(grep -c -a "$word" "$f")" 0
	done
done
exec 3>&-
wait $holder
as ola plan show 1 >/dev/null 2>&1; rc=$?
expect_eq "the deleted plan is gone" "$rc" 2
out=$(as ola check 2>/dev/null); rc=$?
expect_eq "the chain still verifies after the erasure" "$rc" 0
contains "check counts the rows" "$out" "hashkjeden er hel"
n=$(sqlite3 "$DB" "SELECT count(*) FROM plan_audit WHERE plan_id = 1 AND what = 'slettet'")
check "the plan's audit rows keep action, time and who ($n)" test "$n" -gt 5
expect_eq "the erasure's own row holds no name" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM plan_audit WHERE what LIKE '%Fiktivsen%' OR what LIKE '%Sindre%'")" 0

# --- retention: closed plans past the period, erased by the holder or an administrator -----
as ola plan close 2 --reason flyttet --force >/dev/null 2>&1
out=$(as per retention --closed-before 2025-09-02 --dry-run 2>/dev/null)
contains "per may erase nothing" "$out" "Ingen avsluttede stafettlogger"
out=$(as kari retention --closed-before 2025-09-02 --dry-run 2>/dev/null); rc=$?
expect_eq "the administrator's dry run exits 0" "$rc" 0
contains "the dry run lists plan 2, not yet archived" "$(echo "$out" | grep '^2 ')" "mangler arkivutskrift"
lacks "the dry run names no child" "$out" "Annensen"
as kari retention --closed-before 2025-09-02 >/dev/null 2>&1; rc=$?
expect_eq "without an archive print the plan is kept (exit 2)" "$rc" 2
check "plan 2 still there" sh -c "grep -q -a Annensen '$DB'"
out=$(as kari retention --closed-before 2025-09-02 --no-archive --why "slettefristen er nådd" 2>/dev/null); rc=$?
expect_eq "retention erases plan 2" "$rc" 0
contains "retention says slettet" "$(echo "$out" | grep '^2 ')" "slettet"
expect_eq "no «Annensen» left in the file" "$(grep -c -a Annensen "$DB")" 0
as ola check >/dev/null 2>&1; rc=$?
expect_eq "the chain verifies after retention" "$rc" 0

# --- the catalogues are the administrator's ------------------------------------------------------
e=$(as per import tests/fixtures/tromso-2024-03.tsv --kommune testby --level-model prevention3 2>&1 >/dev/null); rc=$?
check "per cannot import a catalogue (exit $rc)" test "$rc" != 0
contains "per is told who may" "$e" "Bare en kommuneadministrator kan endre katalogen"
as kari import tests/fixtures/tromso-2024-03.tsv --kommune testby --level-model prevention3 >/dev/null 2>&1; rc=$?
expect_eq "kari (administrator) imports" "$rc" 0

# --- an edited audit row is found ----------------------------------------------------------------
sqlite3 "$DB" "DROP TRIGGER plan_audit_no_update; UPDATE plan_audit SET who = 'per' WHERE id = 3"
e=$(as kari check 2>&1); rc=$?
expect_eq "trapp check fails on an edited row" "$rc" 1
contains "check names the first broken row" "$e" "endringsloggen er brutt ved rad 3"
sqlite3 "$DB" "UPDATE plan_audit SET who = 'kari' WHERE id = 3"
as kari check >/dev/null 2>&1; rc=$?
expect_eq "restored: whole again" "$rc" 0
sqlite3 "$DB" "DELETE FROM plan_access WHERE id = 2" 2>/dev/null ||
	sqlite3 "$DB" "DROP TRIGGER plan_access_no_delete; DELETE FROM plan_access WHERE id = 2"
e=$(as kari check 2>&1); rc=$?
expect_eq "a removed read-log row is found" "$rc" 1
contains "check names the row after the gap" "$e" "lesingsloggen er brutt ved rad 3"
# content dropped from a plan that was not deleted is found too (the
# trigger lets an erasure through; the chain knows the plan is alive)
id3=$(as kari plan new --child "Tore Tredjesen" --born 2014 2>/dev/null)
row=$(sqlite3 "$DB" "SELECT max(id) FROM plan_audit WHERE plan_id = $id3")
sqlite3 "$DB" "UPDATE plan_audit SET what = 'slettet', erased = 1 WHERE id = $row"
e=$(as kari check 2>&1); rc=$?
expect_eq "dropped content of a live plan fails the check" "$rc" 1
contains "check says the plan was not deleted" "$e" "planen er ikke slettet"
summary
