#!/bin/sh
# tui-pg-outage.sh TRAPP - the full-screen view when the PostgreSQL server
# (tests/pg.sh) goes away and comes back: stopped at once (pg_ctl -m
# immediate) while Kari has a plan open and a goal typed, saving says in
# bokmål that nothing was changed (no SQL, no libpq English), the plan
# stays on the screen, what was saved before is still there, trapp does
# not exit; with the server started again the same save goes through
# without a restart of trapp. A server restarted while trapp sat idle is
# not noticed at all. The plan list opened while the server is down says
# the plans could not be read (not "no plans yet") and fills by itself
# when the server is back. Refusals at the start (no such login, database or
# server) and a server's own refusal (a statement timeout set by
# the database's owner) are bokmål, without SQL or libpq English.
. tests/lib.sh
. tests/tmux.sh
. tests/pg.sh
export TRAPP_TODAY=2025-09-01
pg_ready "${1:-build/trapp}"
as() { login=$1; shift; "$TUI" --db "$(pg_uri "$login")" "$@"; }
pg_down() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; }
pg_up() {
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
		-o "-k $PGDIR -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1
}
# on_screen TEXT: page down from the top until TEXT shows (a plan is longer
# than the screen)
on_screen() {
	keys Home; n=0
	while [ $n -lt 8 ]; do wait_for "$1" 1 && return 0; keys NPage; n=$((n + 1)); done
	return 1
}
goals() { psql_as kari "SELECT string_agg(text, '|' ORDER BY no) FROM plan_goal WHERE plan_id = 1"; }
as kari plan new --child "Siri Skjermsen" --born 2015 --unit "Åsen skole" >/dev/null
as kari plan add-goal 1 --text "Siri trives på skolen" >/dev/null

start 100 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri kari)" --plan 1
see "kari has the plan open" "Stafettlogg 1 · Siri Skjermsen"
keys m
see "the goal form" "Nytt mål"
typed "Siri har en venn i klassen"
pg_down
keys Enter
# the first try finds the connection broken ("ble brutt"), or, when the
# once-a-second check found it first, the server not answering
see "server gone: saving says that nothing was changed" "ingenting er endret"
s=$(screen)
case $s in *"ble brutt:"*|*"svarer ikke:"*) ok "server gone: ... and why" ;;
	*) fail "server gone: neither «ble brutt» nor «svarer ikke»:"; echo "$s" ;; esac
s=$(screen)
lacks "server gone: no SQL on the screen" "$s" "SQL"
lacks "server gone: no libpq English on the screen" "$s" "server closed"
contains "server gone: the database is named as typed, not capitalised" "$s" "postgresql:///trapp"
contains "server gone: the typed goal is still in the form" "$s" "Siri har en venn i klassen"
keys Enter
see "still gone: a second try says the server does not answer" "svarer ikke:"
check "trapp is still running" sh -c '! '"$TM"' display -p -t t "#{pane_dead}" | grep -q 1'
keys Escape
see "Esc asks before throwing the typed goal away" "Forkaste dem?"
keys n
see "back in the form" "Nytt mål"
contains "the plan behind the form still shows" "$(screen | head -1)" "Siri Skjermsen"
pg_up
keys Enter
check "server back: the same save goes through without restarting trapp (the form closes)" wait_gone "Nytt mål"
expect_eq "both goals are on the server" "$(goals)" "Siri trives på skolen|Siri har en venn i klassen"
check "the plan shows the new goal" on_screen "2. Siri har en venn i klassen"
check "... and the one saved before the outage" on_screen "1. Siri trives på skolen"

# a restart while trapp sits idle: the next save just works
pg_down
pg_up
keys m
see "the goal form again" "Nytt mål"
typed "Siri leser høyt for klassen"
keys Enter
check "after an idle restart: saved at the first try (the form closes)" wait_gone "Nytt mål"
nosee "after an idle restart: no error" "forbindelsen"
expect_eq "the third goal is on the server" "$(goals)" \
	"Siri trives på skolen|Siri har en venn i klassen|Siri leser høyt for klassen"
keys q q
wait_dead
expect_eq "trapp ends normally (exit 0)" "$(exit_status)" 0

# the plan list opened while the server is down: not "no plans yet";
# it fills by itself when the server is back
start 100 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri kari)"
see "kari starts" "Innsatstrapp"
pg_down
see "server gone while idle: trapp says so by itself" "Databasen svarer ikke nå"
keys p
see "server gone: the list says the plans could not be read" "Stafettloggene kunne ikke leses nå"
nosee "server gone: not «no plans yet»" "Ingen stafettlogger ennå"
pg_up
see "server back: the list fills without a key" "Siri Skjermsen"
see "server back: trapp says so" "Databasen svarer igjen"
keys q q
wait_dead

# the database's owner limits how long a statement may run: bokmål, no SQL
$PSQL -d trapp -c "ALTER ROLE per SET statement_timeout = '1ms'" >/dev/null
e=$(script -qec "$TUI --db '$(pg_uri per)'" /dev/null </dev/null); rc=$?
$PSQL -d trapp -c "ALTER ROLE per RESET statement_timeout" >/dev/null
expect_eq "statement timeout: trapp does not start (exit 1)" "$rc" 1
contains "statement timeout: said in bokmål" "$e" "databaseserveren avbrøt"
lacks "statement timeout: no SQL" "$e" "SQL"
lacks "statement timeout: no server English" "$e" "canceling statement"

# starting trapp against a login the server does not have, a database it
# does not have, and a server that is not running: bokmål, what to do
e=$(script -qec "$TUI --db 'postgresql:///trapp?host=$PGDIR&user=siv'" /dev/null </dev/null); rc=$?
expect_eq "unknown login: exit 1" "$rc" 1
contains "unknown login: says so, with what to do" "$e" "serveren har ingen innlogging «siv»"
lacks "unknown login: no libpq English" "$e" "does not exist"
e=$(script -qec "$TUI --db 'postgresql:///trap?host=$PGDIR&user=kari'" /dev/null </dev/null)
contains "unknown database: says so" "$e" "serveren har ingen database «trap»"
pg_down
e=$(script -qec "$TUI --db '$(pg_uri kari)'" /dev/null </dev/null); rc=$?
expect_eq "no server: exit 1" "$rc" 1
contains "no server: asks whether it is started" "$e" "er serveren startet"
lacks "no server: no libpq English" "$e" "Is the server running"
summary
