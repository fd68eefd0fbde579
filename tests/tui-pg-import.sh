#!/bin/sh
# tui-pg-import.sh TRAPP - importing a service list from the full-screen
# view on a PostgreSQL server (tests/pg.sh): Kari, kommune administrator
# (trapp_admin), previews and imports, and the staircase counts what the
# server now holds; Ola, a coordinator, gets the same preview and is
# refused in bokmål with nothing written (the server's privileges, not
# only trapp's check).
. tests/lib.sh
. tests/tmux.sh
. tests/pg.sh
export TRAPP_TODAY=2025-09-01
pg_ready "${1:-build/trapp}"
$PSQL -d trapp -c "GRANT trapp_admin TO kari" >/dev/null
count() { psql_as kari "SELECT count(*) FROM service s JOIN kommune k ON k.id = s.kommune_id WHERE k.code = 'tromso'"; }
before=$(count)
# the shipped Tromsø list without its second data row
CSV="$TMP/tromso.csv"
sed 3d data/services-tromso.csv > "$CSV"
gone=$(sed -n 3p data/services-tromso.csv | cut -d, -f1)
import_form() {
	keys I
	see "I opens the import form" "Importer tiltaksliste"
	typed "$CSV"
	keys C-s
}

start 100 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri ola)"
see "ola starts" "Innsatstrapp"
import_form
see "ola: the preview" "0 nye, 1 fjernet, 0 endret"
keys j
see "ola is refused in bokmål" "Bare en kommuneadministrator kan endre katalogen"
s=$(screen)
lacks "ola: no SQL" "$s" "SQL"
lacks "ola: no server English" "$s" "permission denied"
expect_eq "ola: nothing written" "$(count)" "$before"
keys q q
wait_dead

start 100 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri kari)"
see "kari starts" "Innsatstrapp"
import_form
see "kari: the preview" "0 nye, 1 fjernet, 0 endret"
contains "the removed service is named" "$(screen)" "[$gone]"
keys j
see "kari imports" "Importert til tromso: 0 nye, 1 fjernet, 0 endret."
expect_eq "the server holds one service less" "$(count)" "$((before - 1))"
expect_eq "the removed one is gone" \
	"$(psql_as kari "SELECT count(*) FROM service s JOIN kommune k ON k.id = s.kommune_id WHERE k.code = 'tromso' AND s.slug = '$gone'")" 0
keys q
wait_dead
expect_eq "kari's trapp ends normally" "$(exit_status)" 0
summary
