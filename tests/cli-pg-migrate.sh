#!/bin/sh
# cli-pg-migrate.sh TRAPP - trapp migrate from a coordinator's SQLite file
# into PostgreSQL on a real server (tests/pg.sh): everything arrives (the
# plans, members, history, the audit trail and read log with their
# original logins, times and hashes, an imported catalogue), the chains
# verify on arrival, and it is all or nothing: a tampered audit row, a
# target that already holds plans, or a login that does not own the
# database leave the target unchanged and the file untouched.
. tests/lib.sh
. tests/pg.sh
T=${1:-build/trapp}
case $T in /*) ;; *) T="$PWD/$T" ;; esac
export TRAPP_TODAY=2025-09-01
DB="$TMP/kari.db"
me=$(id -un)
t() { "$T" --db "$DB" "$@"; }
PPT=pedagogisk-psykologisk-tjeneste-ppt
owner() { echo "postgresql:///$1?host=$PGDIR&user=eier"; }
count() { $PSQL -d "$1" -At -c "SELECT count(*) FROM $2"; }

# --- a coordinator's file: two plans with history, an imported kommune --------------------
t plan new --child "Mia Flyttesen" --born 2016-03-14 --unit "Fjordtun skole" >/dev/null
t plan concern 1 --text "Mia er mye borte" --date 2025-08-20 --by kontaktlærer >/dev/null
t plan concern 1 --text "$(printf 'To linjer:\nmed\ttab og \\N og \\ skråstrek')" --date 2025-08-21 --by helsesykepleier >/dev/null
t plan consent 1 --by foreldre --date 2025-08-30 --scope $PPT >/dev/null
t plan level 1 2 --why "PPT trengs" >/dev/null
t plan add-service 1 $PPT >/dev/null
t plan add-step 1 --what "Kartlegging" --who PPT --due 2025-09-20 >/dev/null
t plan meeting 1 --date 2025-09-05 --notes "Oppstart" --attended "mor, PPT" --steps 1 >/dev/null
t plan correct 1 --field unit --value "Fjordtun barneskole" --why "skrivefeil" >/dev/null
t plan new --child "Jon Flyttesen" --born 2014 >/dev/null
t plan consent 2 --by foresatte --date 2025-08-30 --scope $PPT --guardians "Mona Flyttesen" >/dev/null
t plan close 2 --reason annet --why "Familien flyttet til Sverige" --summary "Mål 1 nådd" >/dev/null
t plan show 1 >/dev/null
t plan export 2 --format txt -o "$TMP/x.txt" >/dev/null
t import tests/fixtures/tromso-2024-03.tsv --kommune testby --level-model prevention3 >/dev/null 2>&1
sum=$(sha256sum < "$DB")
"$T" --db "$(owner trapp)" admin init >/dev/null
$PSQL -d trapp -c "CREATE ROLE \"$me\" LOGIN; GRANT trapp_coordinator TO \"$me\", kari" >/dev/null

# --- refused: not the owner; a target with plans; a tampered file ---------------------------------
e=$("$T" migrate --from "$DB" --to "$(pg_uri kari)" 2>&1); rc=$?
expect_eq "a coordinator cannot migrate: exit 1" "$rc" 1
contains "says the owner must" "$e" "må kjøres av eieren"
expect_eq "nothing arrived" "$(count trapp plan)" 0
e=$("$T" migrate --from "$(owner trapp)" --to "$DB" 2>&1); rc=$?
expect_eq "the wrong way round: exit 2" "$rc" 2
cp "$DB" "$TMP/tampered.db"
sqlite3 "$TMP/tampered.db" "DROP TRIGGER plan_audit_no_update; UPDATE plan_audit SET who = 'per' WHERE id = 2"
e=$("$T" migrate --from "$TMP/tampered.db" --to "$(owner trapp)" 2>&1); rc=$?
expect_eq "a tampered audit trail is refused: exit 1" "$rc" 1
contains "names the broken row" "$e" "Endringsloggen er brutt ved rad 2"
contains "says nothing moved" "$e" "ingenting er flyttet"
for tb in plan plan_step plan_audit plan_access plan_member; do
	expect_eq "tampered: no $tb rows arrived" "$(count trapp $tb)" 0
done
expect_eq "tampered: the imported kommune did not arrive either" \
	"$($PSQL -d trapp -At -c "SELECT count(*) FROM kommune WHERE code = 'testby'")" 0

# --- the real move -----------------------------------------------------------------------------------
out=$("$T" migrate --from "$DB" --to "$(owner trapp)" 2>&1); rc=$?
expect_eq "migrate exits 0" "$rc" 0
contains "says the chains are whole" "$out" "hashkjedene er hele"
expect_eq "the file is unchanged" "$(sha256sum < "$DB")" "$sum"
for tb in plan plan_level plan_concern plan_holder plan_consent plan_consent_scope plan_service plan_step \
	  plan_meeting plan_meeting_step plan_member plan_correction plan_audit plan_access; do
	expect_eq "$tb: every row arrived" "$(count trapp $tb)" "$(sqlite3 "$DB" "SELECT count(*) FROM $tb")"
done
expect_eq "audit rows keep their logins, times and hashes" \
	"$($PSQL -d trapp -At -c "SELECT string_agg(id || who || at || hash, ',' ORDER BY id) FROM plan_audit")" \
	"$(sqlite3 "$DB" "SELECT group_concat(id || who || at || hash, ',') FROM (SELECT * FROM plan_audit ORDER BY id)")"
expect_eq "text with line breaks, tabs and backslashes arrives as it was" \
	"$($PSQL -d trapp -At -c "SELECT md5(string_agg(text, '|' ORDER BY id)) FROM plan_concern")" \
	"$(sqlite3 "$DB" "SELECT group_concat(text, '|') FROM (SELECT text FROM plan_concern ORDER BY id)" | head -c -1 | md5sum | cut -d' ' -f1)"
expect_eq "the imported catalogue arrived" "$("$T" --db "$(pg_uri kari)" services --kommune testby --format csv | sha256sum)" \
	"$(t services --kommune testby --format csv | sha256sum)"
# the file's login sees its plans on the server, as in the file
expect_eq "plan show is the same on the server" "$("$T" --db "$(pg_uri "$me")" plan show 1 | grep -v '^Tilgang\|vis\b')" \
	"$(t plan show 1 | grep -v '^Tilgang\|vis\b')"
expect_eq "schema 10's columns arrive: the consent's foresatte, annet with its why and summary" \
	"$($PSQL -d trapp -At -c "SELECT c.guardians || '|' || p.close_reason || '|' || p.close_why || '|' || p.close_summary
		FROM plan p JOIN plan_consent c ON c.plan_id = p.id WHERE p.id = 2")" \
	"Mona Flyttesen|annet|Familien flyttet til Sverige|Mål 1 nådd"
expect_eq "the plan list is the same" "$("$T" --db "$(pg_uri "$me")" plan list)" "$(t plan list)"
lacks "kari (not a member) sees none of them" "$("$T" --db "$(pg_uri kari)" plan list)" "Flyttesen"
# the file's administrator is an ordinary login on the server (trapp_admin decides there)
expect_eq "the file had its login as administrator" "$(sqlite3 "$DB" "SELECT admin FROM app_user WHERE login = '$me'")" 1
out=$("$T" --db "$(pg_uri "$me")" whoami --set "Flytte Testesen" 2>&1); rc=$?
expect_eq "the moved login sets its name on the server: exit 0" "$rc:$out" "0:Flytte Testesen ($me)"
# new rows continue the chain and the ids
id=$("$T" --db "$(pg_uri "$me")" plan new --child "Ny Etterflytt" --born 2015); rc=$?
expect_eq "a new plan after the move gets the next id" "$id:$rc" "3:0"
$PSQL -d trapp -c "GRANT trapp_admin TO \"$me\"" >/dev/null
out=$("$T" --db "$(pg_uri "$me")" check 2>&1); rc=$?
expect_eq "the chain verifies after new rows" "$rc" 0
e=$("$T" migrate --from "$DB" --to "$(owner trapp)" 2>&1); rc=$?
expect_eq "a second move into a database with plans is refused" "$rc" 1
contains "says it has plans" "$e" "har allerede 3 planer"
summary
