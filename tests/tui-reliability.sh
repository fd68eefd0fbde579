#!/bin/sh
# tui-reliability.sh TRAPP - the full-screen view under stress: two
# editors of one step or goal (the second sees both values side by side
# and keeps one: hers with Ctrl-S, the stored one with Esc), SIGHUP
# and SIGTERM in the middle of a form (terminal restored, database
# consistent, nothing half-saved), a 10 000-character paste into a form
# field (the time is a figure, not a criterion), and the database readable
# by others (the warning on the status line).
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/r.db"
TODAY=2026-11-23
CLI() { TRAPP_TODAY=$TODAY "$TUI" --db "$DB" "$@"; }
CLI plan new --child "Ola Testesen" --born 2016 >/dev/null
CLI plan add-step 1 --what "Samtale med helsesykepleier" --who Lise --due 2026-12-01 >/dev/null

# --- two editors of one step ----------------------------------------------------------------
start 100 32 TRAPP_TODAY=$TODAY USER=per -- --db "$DB" --plan 1
see "the plan opens" "Stafettlogg 1"
keys s
see "s opens the step form" "Endre steg"
typed "1"; keys Tab Tab
typed "Per: ingen effekt"
# meanwhile Kari saves an evaluation of the same step from the command line
USER=kari CLI plan step 1 1 --evaluation "Kari: virket" >/dev/null
keys C-s
see "the second editor is told who changed the step (the login)" "endret av $(id -un)"
see "and sees the other value" "Kari: virket"
check "and still has her own text in the form" wait_for "Per: ingen effekt"
expect_eq "nothing of Per's is saved yet" "$(sqlite3 "$DB" 'SELECT evaluation FROM plan_step')" "Kari: virket"
keys C-s
check "Ctrl-S again keeps Per's value" wait_gone "Endre steg"
expect_eq "Per's evaluation is saved" "$(sqlite3 "$DB" 'SELECT evaluation FROM plan_step')" "Per: ingen effekt"
row=$(sqlite3 -separator '|' "$DB" "SELECT who, old_value, new_value FROM plan_audit ORDER BY id DESC LIMIT 1")
contains "the audit row holds Kari's text as the old value" "$row" "$(id -un)|evaluering: Kari: virket"
contains "and Per's as the new" "$row" "evaluering: Per: ingen effekt"
keys q q
wait_dead

# --- two editors of one goal: the second sees both and keeps hers ----------------------------
CLI plan add-goal 1 --text "Trives på skolen" >/dev/null
start 100 32 TRAPP_TODAY=$TODAY USER=per -- --db "$DB" --plan 1
see "goal: the plan opens" "Stafettlogg 1"
keys M
see "M opens the goal form" "Endre mål"
keys Tab Tab
typed "Per: trives og leser mer"
wait_for "Per: trives og leser mer"
USER=kari CLI plan goal 1 1 --text "Kari: trives i SFO" >/dev/null
keys C-s
see "goal: the second editor is told who changed it (the login)" "endret av $(id -un)"
see "goal: the stored value is shown" "Kari: trives i SFO"
see "goal: beside her own" "Per: trives og leser mer"
see "goal: under the two column heads" "Lagret nå"
expect_eq "goal: nothing of Per's is saved yet" "$(sqlite3 "$DB" 'SELECT text FROM plan_goal')" "Kari: trives i SFO"
keys C-s
check "goal: Ctrl-S keeps Per's text" wait_gone "Endre mål"
expect_eq "goal: Per's text is stored" "$(sqlite3 "$DB" 'SELECT text FROM plan_goal')" "Per: trives og leser mer"
row=$(sqlite3 -separator '|' "$DB" "SELECT who, item, old_value, new_value FROM plan_audit ORDER BY id DESC LIMIT 1")
expect_eq "goal: the audit row holds Kari's text as old, Per's as new" "$row" \
	"$(id -un)|mål 1|tekst: Kari: trives i SFO|tekst: Per: trives og leser mer"
keys q q
wait_dead

# --- two editors of one step at 80x24: the second keeps the stored value -----------------------
start 80 24 TRAPP_TODAY=$TODAY USER=per -- --db "$DB" --plan 1
see "keep theirs: the plan opens" "Stafettlogg 1"
keys s
see "keep theirs: the step form" "Endre steg"
typed "1"; keys Tab Tab
typed "Per: ny vurdering"
wait_for "Per: ny vurdering"
USER=kari CLI plan step 1 1 --evaluation "Kari: fortsatt bra" >/dev/null
audits=$(sqlite3 "$DB" 'SELECT count(*) FROM plan_audit')
keys C-s
see "keep theirs: at 80x24 the stored value is shown" "Kari: fortsatt bra"
see "keep theirs: beside the user's" "Per: ny vurdering"
see "keep theirs: the keys are named" "Esc: behold det lagrede"
keys Escape
check "keep theirs: Esc closes the form" wait_gone "Lagret nå"
see "keep theirs: the status line says whose value stayed" "du beholdt det $(id -un) lagret"
expect_eq "keep theirs: Kari's evaluation stays" "$(sqlite3 "$DB" 'SELECT evaluation FROM plan_step')" "Kari: fortsatt bra"
expect_eq "keep theirs: nothing new in the audit trail" "$(sqlite3 "$DB" 'SELECT count(*) FROM plan_audit')" "$audits"
keys q q
wait_dead

# --- a paste of 10 000 characters into a form field --------------------------------------------
start 100 32 TRAPP_TODAY=$TODAY USER=per -- --db "$DB" --plan 1
see "the plan opens again" "Stafettlogg 1"
keys s
see "the step form again" "Endre steg"
typed "1"; keys Tab Tab
long=$(printf '%010000d' 0 | tr 0 y)
t0=$(date +%s%N)
typed "${long}END"
wait_for "yyyEND" 60; t1=$(date +%s%N)
echo "figure: a 10 003-character paste shown after $(( (t1 - t0) / 1000000 )) ms"
check "the end of the pasted text is shown in the field" wait_for "yyyEND"
keys C-s
check "the long evaluation saves" wait_gone "Endre steg"
expect_eq "all 10 003 characters are stored" "$(sqlite3 "$DB" 'SELECT length(evaluation) FROM plan_step')" 10003
keys q q
wait_dead

# --- SIGTERM and SIGHUP in the middle of a form -------------------------------------------------
before=$(sqlite3 "$DB" 'SELECT evaluation, version FROM plan_step; SELECT count(*) FROM plan_audit')
for sig in TERM HUP; do
	start 100 32 TRAPP_TODAY=$TODAY USER=per -- --db "$DB" --plan 1
	see "SIG$sig: the plan opens" "Stafettlogg 1"
	keys s
	see "SIG$sig: the form is open" "Endre steg"
	typed "1"; keys Tab Tab
	typed "halvskrevet"
	wait_for "halvskrevet"
	kill -$sig "$(trapp_pid)"
	check "SIG$sig mid-form ends trapp" wait_dead
	check "SIG$sig mid-form leaves the full-screen mode" wait_gone "Endre steg"
	check "SIG$sig: the database passes trapp check" sh -c '"$0" --db "$1" check >/dev/null' "$TUI" "$DB"
	expect_eq "SIG$sig: nothing half-saved" "$(sqlite3 "$DB" 'SELECT evaluation, version FROM plan_step; SELECT count(*) FROM plan_audit')" "$before"
done

# --- control characters in the data are drawn as text ---------------------------------------
sqlite3 "$DB" "UPDATE plan SET child = 'Ola' || char(27) || ']0;HACKED' || char(7) || char(27) || '[2J' || char(8238) || 'X'"
start 100 32 TRAPP_TODAY=$TODAY -- --db "$DB" --plan 1
see "the child's name shows its escapes as text" 'Ola\e]0;HACKED\x07\e[2J\u202EX'
keys q q
wait_dead
sqlite3 "$DB" "UPDATE plan SET child = 'Ola Testesen'"

# --- a database others can read --------------------------------------------------------------
chmod 644 "$DB"
start 100 32 TRAPP_TODAY=$TODAY -- --db "$DB"
see "the warning with the fix is on the status line" "chmod 600"
keys q
wait_dead
chmod 600 "$DB"
summary
