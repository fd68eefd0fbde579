#!/bin/sh
# tui.sh TRAPP - end-to-end tests of the full-screen interface in tmux at a
# fixed size, asserting on what a person sees.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/tui.db"

start 100 30 -- --db "$DB"
see "opens on the Tromsø catalogue" "Tromsø"
keys q
check "q quits" wait_dead
expect_eq "exit status 0" "$(exit_status)" 0
summary
