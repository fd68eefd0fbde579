#!/bin/sh
# tui-pg.sh TRAPP - the full-screen view on a PostgreSQL server
# (tests/pg.sh): Kari's plan list and plan screen come from the server,
# opening the plan is in the server's read log; Per's screen lists no
# plan and --plan for Kari's plan is refused. The plan list's search
# (trapp_fold), its level filter and consent column come from the server.
. tests/lib.sh
. tests/tmux.sh
. tests/pg.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
export TRAPP_TODAY=2025-09-01
"$TUI" --db "postgresql:///trapp?host=$PGDIR&user=eier" admin init >/dev/null
$PSQL -d trapp -c "GRANT trapp_coordinator TO kari, per" >/dev/null
as() { login=$1; shift; "$TUI" --db "$(pg_uri "$login")" "$@"; }
as kari plan new --child "Siri Skjermsen" --born 2015 >/dev/null
as kari plan add-step 1 --what "Samtale med helsesykepleier" --who helsesykepleier --due 2025-09-15 >/dev/null
as kari plan new --child "Mia Prøvesen" --born 2019 --unit "Solsikken barnehage" --level 0 >/dev/null
as kari plan consent 2 --by foresatte --date 2025-08-01 --scope ressursteam-i-skole --guardians "Mona Prøvesen" >/dev/null

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
keys q q q
wait_dead
expect_eq "the opening is in the server's read log" \
	"$(psql_as kari "SELECT who || ':' || how FROM plan_access ORDER BY id")" "kari:vis"

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
