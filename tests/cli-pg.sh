#!/bin/sh
# cli-pg.sh TRAPP - the PostgreSQL backend's catalogue side on a real
# server (tests/pg.sh): admin init by the database owner, the catalogue
# commands and the staircase screen through a postgresql:// URI, imports
# only for trapp_admin (through trapp and through psql), settings kept per
# login by row-level security, and the messages for a database that is not
# ready.
. tests/lib.sh
. tests/tmux.sh
. tests/pg.sh
T=${1:-build/trapp}
case $T in /*) ;; *) T="$PWD/$T" ;; esac
TUI=$T
as() { login=$1; shift; "$T" --db "$(pg_uri "$login")" "$@"; }

# --- before admin init ---------------------------------------------------------
e=$(as kari services 2>&1); rc=$?
expect_eq "not ready: exit 1" "$rc" 1
contains "not ready: says who must run admin init" "$e" "databasens eier må kjøre «trapp --db"
contains "not ready: names admin init" "$e" "admin init»"
e=$("$T" --db "postgresql:///nosuch?host=$PGDIR&user=kari" services 2>&1); rc=$?
expect_eq "no such database: exit 1" "$rc" 1
contains "no such database: says so" "$e" "Kan ikke koble til PostgreSQL-databasen postgresql:///nosuch"
e=$("$T" --db "postgresql://kari:hemmelig@/trapp?host=$PGDIR" services 2>&1)
lacks "a password in the URI is never shown" "$e" "hemmelig"

# --- admin init: first to schema 2 (a server from before the coordinator's day),
# then the upgrade to the current schema ----------------------------------------
out=$(export TRAPP_TEST_PG_SCHEMA=2; as eier admin init 2>&1); rc=$?
expect_eq "admin init to schema 2 exits 0" "$rc" 0
contains "admin init says what it did" "$out" "er klargjort for trapp (skjemaversjon 2 fra 0)"
e=$(as eier services 2>&1); rc=$?
expect_eq "an older server schema: exit 1" "$rc" 1
contains "an older server schema: the owner runs admin init" "$e" "admin init»"
$PSQL -d trapp -c "INSERT INTO plan(child, born, kommune, level, created, closed, close_reason)
	VALUES('Eldre Fiktivsen', '2015', 'tromso', 1, '2025-01-02', '2025-02-03', 'flyttet')" >/dev/null
out=$(as eier admin init 2>&1); rc=$?
expect_eq "admin init upgrades schema 2: exit 0" "$rc" 0
contains "admin init: schema 6 from 2" "$out" "(skjemaversjon 6 fra 2)"
expect_eq "upgrade: the plan kept, the new columns empty" \
	"$($PSQL -d trapp -At -c "SELECT child || '|' || close_reason || '|' || close_why || '|' || close_summary FROM plan")" \
	"Eldre Fiktivsen|flyttet||"
$PSQL -d trapp -c "DELETE FROM plan" >/dev/null
out=$(as eier admin init 2>&1); rc=$?
expect_eq "admin init again exits 0" "$rc" 0
contains "admin init again: already done" "$out" "er allerede klargjort"
e=$("$T" --db "$TMP/x.db" admin init 2>&1); rc=$?
expect_eq "admin init on a file: exit 1" "$rc" 1
contains "admin init on a file: says a file needs none" "$e" "klargjøres av seg selv"
$PSQL -c "GRANT trapp_admin TO kari; GRANT trapp_coordinator TO ola, per" >/dev/null

# --- the catalogue through trapp ---------------------------------------------------
out=$(as ola services --kommune tromso 2>&1); rc=$?
expect_eq "services on PostgreSQL exits 0" "$rc" 0
contains "services: a Tromsø service" "$out" "Helsestasjon"
n_pg=$(as ola services --kommune tromso --format tsv | wc -l)
n_lite=$("$T" --db "$TMP/lite.db" services --kommune tromso --format tsv | wc -l)
expect_eq "the same services as with SQLite" "$n_pg" "$n_lite"
expect_eq "the same services, same order and content" \
	"$(as ola services --kommune senja --format csv | sha256sum)" \
	"$("$T" --db "$TMP/lite.db" services --kommune senja --format csv | sha256sum)"
for c in levels needs kommuner factors forums grips; do
	expect_eq "$c: same output as SQLite" "$(as per $c --format csv 2>&1 | sha256sum)" \
		"$("$T" --db "$TMP/lite.db" $c --format csv 2>&1 | sha256sum)"
done
out=$(as per service --kommune tromso helsestasjon-for-ungdom 2>&1)
expect_eq "one service, same as SQLite" "$out" \
	"$("$T" --db "$TMP/lite.db" service --kommune tromso helsestasjon-for-ungdom 2>&1)"

# --- catalogue writes need trapp_admin ------------------------------------------------
F=tests/fixtures
as per import $F/tromso-2024-03.tsv --kommune tromso-test --level-model prevention3 >/dev/null 2>"$TMP/e"; rc=$?
e=$(grep -v "^tests/" "$TMP/e")
expect_eq "a coordinator's import is refused: exit 1" "$rc" 1
contains "refused: only an administrator" "$e" "Bare en kommuneadministrator kan endre katalogen"
expect_eq "refused: nothing written" "$(psql_as kari "SELECT count(*) FROM kommune WHERE code = 'tromso-test'")" 0
out=$(as kari import $F/tromso-2024-03.tsv --kommune tromso-test --level-model prevention3 2>/dev/null); rc=$?
expect_eq "the administrator's import exits 0" "$rc" 0
out=$(as ola services --kommune tromso-test --format tsv | wc -l)
check "the imported services are there for everyone" test "$out" -gt 10
out=$(as kari import $F/tromso-2024-06.tsv --kommune tromso-test 2>&1); rc=$?
expect_eq "the June import exits 0" "$rc" 0
out=$(as kari import $F/tromso-2024-06.tsv --kommune tromso-test 2>&1)
contains "importing June again changes nothing" "$out" "Ingen endringer."
# the same through psql: the server refuses, whatever the program
e=$(psql_as per "INSERT INTO need(code, label) VALUES('x', 'y')" 2>&1); rc=$?
check "psql as a coordinator cannot write the catalogue" test "$rc" -ne 0
contains "psql: permission denied" "$e" "permission denied"
e=$(psql_as per "DELETE FROM service" 2>&1); rc=$?
check "psql as a coordinator cannot delete services" test "$rc" -ne 0

# --- settings are the login's own -------------------------------------------------------
psql_as ola "INSERT INTO setting(key, value) VALUES('kommune', 'senja')" >/dev/null
expect_eq "ola's remembered kommune is used" "$(as ola services --format csv | sha256sum)" \
	"$("$T" --db "$TMP/lite.db" services --kommune senja --format csv | sha256sum)"
expect_eq "per keeps the default kommune" "$(as per services --format csv | sha256sum)" \
	"$("$T" --db "$TMP/lite.db" services --kommune tromso --format csv | sha256sum)"
expect_eq "per does not see ola's settings" "$(psql_as per "SELECT count(*) FROM setting")" 0
e=$(psql_as per "INSERT INTO setting(login, key, value) VALUES('ola', 'kommune', 'x')" 2>&1); rc=$?
check "per cannot write ola's settings" test "$rc" -ne 0
e=$(psql_as per "INSERT INTO setting(login, key, value) VALUES('', 'consent.youth_age', '12')" 2>&1); rc=$?
check "a coordinator cannot write a kommune-wide setting" test "$rc" -ne 0
psql_as kari "INSERT INTO setting(login, key, value) VALUES('', 'consent.youth_age', '15')" >/dev/null
expect_eq "the administrator's kommune-wide setting is read by all" \
	"$(psql_as per "SELECT value FROM setting WHERE key = 'consent.youth_age'")" 15

# --- file commands say what to use instead --------------------------------------------------
for c in backup restore; do
	e=$(as kari $c "$TMP/copy.db" 2>&1); rc=$?
	expect_eq "$c on PostgreSQL: exit 1" "$rc" 1
	contains "$c on PostgreSQL: points to pg_dump" "$e" "pg_dump"
done

# --- a service name and TRAPP_DB, as docs/DEPLOY.md sets them up ---------------------------
printf '[trapp]\nhost=%s\ndbname=trapp\n' "$PGDIR" >"$TMP/pg_service.conf"
out=$(PGSERVICEFILE="$TMP/pg_service.conf" PGUSER=ola TRAPP_DB=service=trapp "$T" services --format csv 2>&1); rc=$?
expect_eq "TRAPP_DB=service=trapp: exit 0" "$rc" 0
expect_eq "TRAPP_DB=service=trapp: ola's services, as through the URI" "$(echo "$out" | sha256sum)" \
	"$(as ola services --format csv | sha256sum)"
out=$(PGSERVICEFILE="$TMP/pg_service.conf" PGUSER=ola "$T" --db service=trapp needs 2>&1); rc=$?
expect_eq "--db service=trapp: exit 0" "$rc" 0
e=$(PGSERVICEFILE="$TMP/pg_service.conf" PGUSER=ola "$T" --db service=nosuch needs 2>&1); rc=$?
expect_eq "--db service=nosuch: exit 1" "$rc" 1
contains "--db service=nosuch: names the service" "$e" "service=nosuch"

# --- the staircase screen on PostgreSQL ---------------------------------------------------
start 100 30 -- --db "$(pg_uri ola)" --kommune tromso
see "staircase on PostgreSQL" "trapp · Tromsø › Innsatstrapp"
see "step counts from the server" "tiltak"
keys q
summary
