#!/bin/sh
# cli-pg-erase.sh TRAPP - erasure on a real PostgreSQL server (tests/pg.sh):
# `trapp plan delete` removes the child's name from every row a login can
# read, but the old row versions keep it in the table files until the
# tables are rewritten. A coordinator may not vacuum (PostgreSQL before 17
# has no MAINTAIN privilege: the server skips the table), so the database
# owner runs tools/pg-erase-vacuum.sql as docs/DEPLOY.md says; after it the
# name is in no file of any plan table.
. tests/lib.sh
. tests/pg.sh
T=${1:-build/trapp}
case $T in /*) ;; *) T="$PWD/$T" ;; esac
export TRAPP_TODAY=2025-09-01
as() { login=$1; shift; "$T" --db "$(pg_uri "$login")" "$@"; }
"$T" --db "$(pg_uri eier)" admin init >/dev/null || fail "admin init"
$PSQL -d trapp -c "GRANT trapp_coordinator TO ola" >/dev/null
NAME=Qzxvyna   # a name no other text holds, to find in the files
id=$(as ola plan new --child "$NAME Fiktivsen" --born 2016-03-14 --unit "Fjordtun skole")
as ola plan concern "$id" --text "$NAME gråter i friminuttene" --date 2025-08-20 --by kontaktlærer >/dev/null
as ola plan add-person "$id" --name "Mor $NAME" --role mor >/dev/null
as ola plan add-step "$id" --what "Samtale med $NAME" --who helsesykepleier --due 2025-09-20 >/dev/null
as ola plan close "$id" --reason flyttet --force >/dev/null 2>&1
out=$(as ola plan delete "$id" --no-archive --why "test" 2>&1); rc=$?
expect_eq "the plan is deleted" "$rc" 0
expect_eq "no row the server gives holds the name" \
	"$($PSQL -d trapp -At -c "SELECT count(*) FROM plan p, plan_audit a WHERE p.child LIKE '%$NAME%'
		OR a.what LIKE '%$NAME%' OR a.old_value LIKE '%$NAME%' OR a.new_value LIKE '%$NAME%'")" 0

# the coordinator cannot vacuum: the server says so and skips the table
ver=$($PSQL -At -c "SHOW server_version_num")
e=$(psql_as ola "VACUUM plan" 2>&1)
if [ "$ver" -lt 170000 ]; then
	contains "a coordinator's VACUUM is skipped (no MAINTAIN before PostgreSQL 17)" "$e" "only table or database owner"
fi

# the owner's maintenance, exactly the file docs/DEPLOY.md schedules
out=$(psql -X -q -v ON_ERROR_STOP=1 "$(pg_uri eier)" -f tools/pg-erase-vacuum.sql 2>&1); rc=$?
expect_eq "tools/pg-erase-vacuum.sql runs as the database owner" "$rc:$out" "0:"
$PSQL -c "CHECKPOINT" >/dev/null
files=$($PSQL -d trapp -At -c "SELECT pg_relation_filepath(c.oid) FROM pg_class c
	JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'
	AND c.relname LIKE 'plan%'")
check "the plan tables' files are found ($(echo "$files" | wc -l))" test "$(echo "$files" | wc -l)" -ge 17
found=""
for f in $files; do
	for seg in "$PGDIR/data/$f" "$PGDIR/data/$f".[0-9]*; do
		[ -e "$seg" ] && grep -q "$NAME" "$seg" && found="$found $f"
	done
done
expect_eq "after the owner's VACUUM FULL the name is in no plan table's file" "$found" ""
summary
