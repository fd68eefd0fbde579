#!/bin/sh
# tui-day.sh TRAPP - a coordinator's day in the full-screen interface
# (issue 15): nothing lost by a stray key (Esc on a changed form asks,
# Ctrl-C asks when something is unsaved, the too-small screen quits on no
# ordinary key), at 80x24 and 100x30.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/day.db"
TODAY=2026-11-23
CLI() { TRAPP_TODAY=$TODAY "$TUI" --db "$DB" "$@"; }
id=$(CLI plan new --child "Ola Testesen" --born 2016-03-14 --unit "Solsikken skole" --holder "Lise Lærer")
CLI plan consent "$id" --by foreldre --date 2026-09-01 --scope forsterket-helsestasjon >/dev/null
CLI plan add-person "$id" --name "Kari Testesen" --role mor >/dev/null
CLI plan add-service "$id" forsterket-helsestasjon >/dev/null 2>&1 || true
CLI plan level "$id" 2 --why "Helsestasjonen er med" >/dev/null
CLI plan add-service "$id" forsterket-helsestasjon >/dev/null
CLI plan add-step "$id" --what "Kartlegging" --who "Lise Lærer" --due 2026-12-15 >/dev/null

# intr: Ctrl-C as the terminal sends it (SIGINT), to trapp alone: tmux's
# C-c also reaches the wrapper shell, which then records no exit status
intr() { kill -INT "$(trapp_pid)"; }
open_plan() {  # open_plan W H: trapp on the plan
	start "$1" "$2" TRAPP_TODAY=$TODAY USER=tester -- --db "$DB" --plan "$id"
	wait_for "Ola Testesen" || { fail "plan $id opens at $1x$2"; screen; }
}

# --- Esc on a changed form asks; on an unchanged one it closes --------------------
for size in "80 24" "100 30"; do
	set -- $size
	open_plan "$1" "$2"
	keys m
	see "$1x$2: m opens the goal form" "Nytt mål"
	keys Escape
	wait_gone "Nytt mål"; nosee "$1x$2: Esc on an empty form closes it without asking" "Forkaste"
	keys m; wait_for "Nytt mål"
	typed "Trives i friminuttene"
	keys Escape
	see "$1x$2: Esc on a changed form asks" "har endringer som ikke er lagret"
	see "$1x$2: the question says how to answer" "j: forkast endringene"
	keys n
	wait_gone "Forkaste"
	see "$1x$2: n keeps the form and its text" "Trives i friminuttene"
	keys Escape; wait_for "Forkaste"
	keys j
	wait_gone "Nytt mål"; see "$1x$2: j discards" "Skjemaet er forkastet"
	nosee "$1x$2: nothing saved" "Trives i friminuttene"

	# --- Ctrl-C asks only with something unsaved ------------------------------------
	keys m; wait_for "Nytt mål"; typed "Leker med andre"
	intr
	see "$1x$2: Ctrl-C with a changed form asks" "Avslutte trapp"
	keys n
	wait_gone "Avslutte trapp"
	see "$1x$2: n goes back to the form" "Leker med andre"
	check "$1x$2: trapp still runs" test "$(dead && echo dead)" != dead
	keys C-s
	wait_gone "Nytt mål"
	contains "$1x$2: the goal is saved" "$(CLI plan show "$id")" "Leker med andre"
	intr
	wait_dead
	expect_eq "$1x$2: Ctrl-C with nothing unsaved quits at once" "$(exit_status)" 130
done

# a second Ctrl-C while asking quits
open_plan 100 30
keys m; wait_for "Nytt mål"; typed "x"
intr; wait_for "Avslutte trapp"
intr
wait_dead
expect_eq "a second Ctrl-C quits" "$(exit_status)" 130

# --- the too-small screen: q and Esc do nothing, the form survives ----------------
open_plan 100 30
keys m; wait_for "Nytt mål"; typed "Mestrer lesing"
resize 50 12
see "too small says so" "Vinduet er for lite"
nosee "too small offers no q to quit" "q avslutter"
see "too small says how to quit" "Ctrl-C avslutter"
keys q; keys Escape; keys x
sleep 0.3
check "q on the too-small screen does not quit" test "$(dead && echo dead)" != dead
resize 100 30
see "the form is back, text intact" "Mestrer lesing"
nosee "the keys typed while too small went nowhere" "Mestrer lesingx"
intr
see "Ctrl-C asks here too" "Avslutte trapp"
keys j
wait_dead
expect_eq "j quits" "$(exit_status)" 0

# the terminal's own Ctrl-C (tmux C-c) takes the same path
open_plan 100 30
keys m; wait_for "Nytt mål"; typed "z"
keys C-c
see "Ctrl-C from the keyboard asks" "Avslutte trapp"
keys j
check "and j ends trapp" wait_dead

# SIGTERM still ends at once, form or not (tests/tui-reliability.sh has more)
open_plan 100 30
keys m; wait_for "Nytt mål"; typed "y"
kill -TERM "$(trapp_pid)"
wait_dead
expect_eq "SIGTERM quits without asking" "$(exit_status)" 143

summary
