#!/bin/sh
# tui-pg-forms.sh TRAPP - the plan screen's forms that write, on a
# PostgreSQL server (tests/pg.sh), as two logins see them in two
# terminals: Kari saves a goal, a step and a meeting (each on her screen
# and on the server); Ola (an aktør) changes the step Kari has open in a
# form, and Kari's save shows the conflict screen naming Ola before
# anything is written; Kari hands the baton to Per, Per accepts it in his
# own trapp and Kari's screen follows; Kari, now a reader, is refused in
# bokmål; Per, a coordinator, is told he cannot change the kommune's
# consent age, which Kari as trapp_admin can.
. tests/lib.sh
. tests/tmux.sh
. tests/pg.sh
export TRAPP_TODAY=2025-09-01
pg_ready "${1:-build/trapp}"
$PSQL -d trapp -c "GRANT trapp_admin TO kari" >/dev/null
as() { login=$1; shift; "$TUI" --db "$(pg_uri "$login")" "$@"; }
q1() { psql_as kari "$1"; }
as kari plan new --child "Siri Skjermsen" --born 2015 --unit "Åsen skole" >/dev/null
as kari plan consent 1 --by foresatte --date 2025-08-01 --scope barneverntjenesten --guardians "Mona Skjermsen" >/dev/null
as kari plan level 1 2 --why "Trenger barneverntjenesten" >/dev/null
as kari plan add-service 1 barneverntjenesten >/dev/null
as kari plan member 1 ola --role aktør --service barneverntjenesten >/dev/null

# a second terminal (session u) for the other login
start_u() {
	$TM kill-session -t u 2>/dev/null
	rm -f "$TMP/status-u"
	$TM new-session -d -s u -x 100 -y 30 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TZ=UTC \
		-e HOME="$HOME" -e STATUS_FILE="$TMP/status-u" \
		env TERM=tmux-256color TRAPP_TODAY=2025-09-01 sh -c '"$0" "$@"; echo $? > "$STATUS_FILE"' "$TUI" "$@"
}
screen_u() { $TM capture-pane -p -t u; }
keys_u() { $TM send-keys -t u "$@"; }
see_u() {
	i=0
	while [ $i -lt 100 ]; do screen_u | grep -qF -- "$2" && { ok "$1"; return; }; sleep 0.05; i=$((i + 1)); done
	fail "$1: «$2» not on the second screen:"; screen_u
}
# on_screen TEXT: page down from the top until TEXT shows (a plan is longer
# than the screen)
on_screen() {
	keys Home; n=0
	while [ $n -lt 8 ]; do wait_for "$1" 1 && return 0; keys NPage; n=$((n + 1)); done
	return 1
}

start 100 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri kari)" --plan 1
see "kari has the plan open" "Stafettlogg 1 · Siri Skjermsen"

# --- a goal, a step, a meeting ----------------------------------------------------------
keys m
see "the goal form" "Nytt mål"
typed "Siri trives på skolen"
keys Enter
check "goal saved: the form closes" wait_gone "Nytt mål"
expect_eq "the goal is on the server" "$(q1 "SELECT text FROM plan_goal WHERE plan_id = 1")" "Siri trives på skolen"
check "the goal is on kari's screen" on_screen "1. Siri trives på skolen"

keys t
see "the step form" "Ansvarlig"
typed "Samtale med helsesykepleier"
keys Tab
typed "helsesykepleier"
keys Tab
typed "2025-09-15"
keys C-s
check "step saved: the form closes" wait_gone "Evalueres"
expect_eq "the step is on the server" \
	"$(q1 "SELECT what || ';' || who || ';' || due FROM plan_step WHERE plan_id = 1")" \
	"Samtale med helsesykepleier;helsesykepleier;2025-09-15"
check "the step is on kari's screen" on_screen "Steg 1: Samtale med helsesykepleier"

keys T
see "the meeting view" "Møtet i dag 2025-09-01"
keys Enter
see "who is present: the plan's people" "kari (stafettholder)"
keys Space Enter
keys Tab
typed "Vi snakket om skolen"
keys Tab
typed "Ringe skolen; kari; 2025-09-20"
keys Enter
see "the agreed step is in the meeting" "1. Ringe skolen – kari – frist 2025-09-20"
keys C-s
see "meeting saved" "Møte 1 er lagret: 1 til stede, 1 avtalt steg."
expect_eq "the meeting is on the server" "$(q1 "SELECT notes FROM plan_meeting WHERE plan_id = 1")" "Vi snakket om skolen"
expect_eq "its step too" "$(q1 "SELECT count(*) FROM plan_step WHERE plan_id = 1")" 2
check "the meeting is on kari's screen" on_screen "Notater: Vi snakket om skolen"

# --- another login changes the step kari has open ---------------------------------------
keys s
see "the step-change form" "Endre steg"
typed "1"
keys Tab Tab Tab
typed "2025-11-01"
as ola plan step 1 1 --due 2025-09-30 >/dev/null
expect_eq "ola's change is on the server" "$(q1 "SELECT due FROM plan_step WHERE plan_id = 1 AND no = 1")" 2025-09-30
keys C-s
see "kari's save shows the conflict, naming the step as the plan screen does" "Steg 1 er endret av ola"
see "... what is stored now" "2025-09-30"
see "... and what she typed" "2025-11-01"
expect_eq "nothing written yet" "$(q1 "SELECT due FROM plan_step WHERE plan_id = 1 AND no = 1")" 2025-09-30
keys C-s
check "Ctrl-S saves hers: the form closes" wait_gone "Lagret nå"
expect_eq "kari's date is on the server" "$(q1 "SELECT due FROM plan_step WHERE plan_id = 1 AND no = 1")" 2025-11-01
check "both changes are in the history" on_screen "ola: steg 1: frist 2025-09-15 → 2025-09-30"

# --- the baton to per, accepted in per's own trapp --------------------------------------
keys h
see "the hand-over form" "Overfør stafettpinnen"
typed "per"
keys Tab
typed "Skolen"
keys C-s
check "hand-over proposed: the form closes" wait_gone "Overfør stafettpinnen"
check "kari's screen shows the proposal" on_screen "Overføring: per (Skolen)"
start_u --db "$(pg_uri per)"
see_u "per starts" "Innsatstrapp"
keys_u p
see_u "per's plan list" "Stafettlogger"
keys_u f f
see_u "per: the plan waits for his acceptance" "Viser venter på min aksept: 1 av 1"
keys_u Enter
see_u "per opens the plan" "Stafettlogg 1 · Siri Skjermsen"
keys_u a
see_u "the accept form" "Ny stafettholder godtar"
keys_u Enter
see_u "per is the holder on his screen" "Nå: per (Skolen)"
expect_eq "per is the holder on the server" \
	"$(q1 "SELECT login FROM plan_member WHERE plan_id = 1 AND role = 'stafettholder'")" per
check "kari's screen follows without a key" on_screen "Nå: per (Skolen)"
keys m
see "kari opens the goal form" "Nytt mål"
typed "Et mål til"
keys Enter
see "kari, now a reader, is refused in bokmål" "kan ikke endre den"
keys Escape
keys j 2>/dev/null
keys q q q
wait_dead

# --- the kommune's consent age: the administrator's ---------------------------------------
keys_u q q
see_u "per back on the start screen" "Innsatstrapp"
keys_u v
see_u "per: the BTI guide" "Hva er BTI?"
keys_u a
see_u "per asked to change the consent age" "Endre den til 16 år?"
keys_u j
see_u "per is told only the administrator can" "Bare en kommuneadministrator kan endre samtykkealderen"
expect_eq "the consent age is unchanged" \
	"$(q1 "SELECT count(*) FROM setting WHERE key LIKE 'consent.youth_age%'")" 0
start 100 30 TRAPP_TODAY=2025-09-01 -- --db "$(pg_uri kari)"
see "kari starts" "Innsatstrapp"
keys v
see "kari: the BTI guide" "Hva er BTI?"
keys a
see "kari asked" "Endre den til 16 år?"
keys j
see "kari, trapp_admin, changes it" "Samtykkealderen i Tromsø er nå 16 år"
summary
