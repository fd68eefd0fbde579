#!/bin/sh
# tui-pg.sh TRAPP - the full-screen view on a PostgreSQL server
# (tests/pg.sh): Kari's plan list and plan screen come from the server,
# opening the plan is in the server's read log; Per's screen lists no
# plan and --plan for Kari's plan is refused. The plan list's search
# (trapp_fold), its level filter and consent column come from the server.
. tests/lib.sh
. tests/tmux.sh
. tests/pg.sh
export TRAPP_TODAY=2025-09-01
pg_ready "${1:-build/trapp}"
as() { login=$1; shift; "$TUI" --db "$(pg_uri "$login")" "$@"; }
as kari plan new --child "Siri Skjermsen" --born 2015 >/dev/null
as kari plan add-step 1 --what "Samtale med helsesykepleier" --who helsesykepleier --due 2025-09-15 >/dev/null
as kari plan new --child "Mia Prøvesen" --born 2019 --unit "Solsikken barnehage" --level 0 >/dev/null
as kari plan consent 2 --by foresatte --date 2025-08-01 --scope ressursteam-i-skole --guardians "Mona Prøvesen" >/dev/null
as kari plan member 1 ola --role lesetilgang >/dev/null
# kari's statements go to the server log from here: how many times her
# screens load a plan (one statement of a plan's load, by its text)
$PSQL -c "ALTER ROLE kari SET log_statement = 'all'" >/dev/null
loads() { tail -n +"$LOG0" "$PGDIR/server.log" | grep -c "FROM plan_correction WHERE plan_id"; }
LOG0=$(($(wc -l <"$PGDIR/server.log") + 1))

start 110 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri kari)"
see "kari: the staircase from the server" "Innsatstrapp"
keys p
see "kari's plan list has her plan" "Siri Skjermsen"
see "both plans from the server" "Viser alle: 2 av 2"
contains "consent state computed by the server: missing" "$(screen | grep "Siri Skjermsen")" "mangler"
contains "consent state computed by the server: valid" "$(screen | grep "Mia Prøvesen")" "gyldig"
keys /
typed "PRØVE"
see "search on the server: the child's name, any case (trapp_fold)" "1 av 2"
see "the match" "Mia Prøvesen"
nosee "the other plan is gone" "Siri Skjermsen"
keys C-u
keys BSpace BSpace BSpace BSpace BSpace
typed "solsik"
see "search on the server: the unit" "1 av 2"
keys Escape
see "Esc shows both again" "Viser alle: 2 av 2"
keys n
see "n: level 0 only, filtered by the server" "1 av 2"
nosee "no level 1 plan" "Siri Skjermsen"
keys x
see "x shows all again" "Viser alle: 2 av 2"
keys Home
keys Enter
see "kari opens the plan" "Stafettlogg 1 · Siri Skjermsen"
keys End
see "the step is on the plan screen" "Samtale med helsesykepleier"
# the screen's own read-log row does not load the plan again; another
# login's read does (the holder's read log shows it)
sleep 2
as ola plan show 1 >/dev/null
i=0  # End again after the reload: the new line is below the old end
while [ $i -lt 60 ] && ! screen | grep -qF "ola: vis"; do keys End; sleep 0.5; i=$((i + 1)); done
see "kari's screen shows ola's read (the generation moved for it)" "ola: vis"
expect_eq "the plan loaded once to open, once for ola's read" "$(loads)" 2
keys q q q
wait_dead
expect_eq "the opening is in the server's read log" \
	"$(psql_as kari "SELECT who || ':' || how FROM plan_access ORDER BY id" | tr "\n" " ")" "kari:vis ola:vis "

start 110 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri per)"
see "per starts" "Innsatstrapp"
keys p
see "per's plan list is empty" "Ingen stafettlogger"
nosee "per sees no child" "Skjermsen"
keys q q
wait_dead
e=$(script -qec "$TUI --db '$(pg_uri per)' --plan 1" /dev/null </dev/null); rc=$?
expect_eq "per: --plan 1 refused (exit 2)" "$rc" 2
contains "per: ingen tilgang" "$e" "Ingen tilgang til stafettlogg 1"
lacks "per: no child named" "$e" "Skjermsen"
expect_eq "per's attempt is not in the read log" "$(psql_as kari "SELECT count(*) FROM plan_access WHERE who = 'per'")" 0
summary
