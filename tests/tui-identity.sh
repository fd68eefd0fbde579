#!/bin/sh
# tui-identity.sh TRAPP - who is who on screen: the full-screen view warns
# when the database file can be read by others; a login that is not a
# member sees no plan in the list and cannot open one with --plan; a
# member's opening is in the read log. Runs as root: the logins kari and
# per (group trapptest) are made with useradd, per's screen runs under
# setpriv. The plan list's "venter på min aksept" filter shows a hand-over
# to ola for ola only.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
BIN=$TUI
export TRAPP_TODAY=2025-09-01
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
	fail "tui-identity.sh needs root, useradd and setpriv to run trapp under several logins"
	summary; exit 1
fi
getent group trapptest >/dev/null || groupadd trapptest
for u in kari ola per; do
	getent passwd $u >/dev/null || useradd -M -N -g trapptest -s /usr/sbin/nologin $u
done
chmod 711 "$TMP"
mkdir "$TMP/team"; chgrp trapptest "$TMP/team"; chmod 2770 "$TMP/team"
DB="$TMP/team/trapp.db"
as() { u=$1; shift; setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --clear-groups "$BIN" --db "$DB" "$@"; }
as kari plan new --child "Siri Skjermsen" --born 2015 >/dev/null
chmod 660 "$DB"

# kari, a member: the plan is listed; opening it is logged; the warning shows
TUI=/usr/bin/setpriv
start 110 30 -- --reuid="$(id -u kari)" --regid="$(id -g kari)" --clear-groups "$BIN" --db "$DB"
see "the shared file is named as the boundary" "med SQLite er filrettighetene grensen"
keys p
see "kari's plan list has her plan" "Siri Skjermsen"
keys Enter
see "kari opens the plan" "Stafettlogg 1 · Siri Skjermsen"
keys End
see "members on the plan screen" "kari – stafettholder"
keys q q q
wait_dead
contains "kari's opening is in the read log" "$(as kari plan access-log 1 --format csv 2>/dev/null)" ",kari,vis"

# per: nothing listed, --plan refused before the screen is taken
start 110 30 -- --reuid="$(id -u per)" --regid="$(id -g per)" --clear-groups "$BIN" --db "$DB"
see "per starts" "Innsatstrapp"
keys p
see "per's plan list is empty" "Ingen stafettlogger"
nosee "per sees no child" "Skjermsen"
keys q q
wait_dead
# a pseudo-terminal (script) so only the plan check can refuse
e=$(script -qec "setpriv --reuid=$(id -u per) --regid=$(id -g per) --clear-groups $BIN --db $DB --plan 1" /dev/null </dev/null); rc=$?
expect_eq "per: --plan 1 refused before the screen (exit 2)" "$rc" 2
contains "per: ingen tilgang" "$e" "Ingen tilgang til stafettlogg 1"
lacks "per: no child named" "$e" "Skjermsen"
lacks "per's attempt is not a read" "$(as kari plan access-log 1 --format csv 2>/dev/null)" ",per,"

# --- "venter på min aksept": a hand-over to ola shows for ola only ------------------------
# kari: plan 1 (Siri) and plan 2 (Tor), Tor handed over to ola; ola: her own
# plan 3 (Una), so she sees two plans and the filter keeps one
as kari plan new --child "Tor Overførsen" --born 2014 >/dev/null
as kari plan handover 2 --to ola --service "Demo ungdomsskole" >/dev/null
as ola plan new --child "Una Egensen" --born 2016 >/dev/null
# LOGIN: open the plan list and filter on "venter på min aksept" (f f)
awaiting() {
	start 110 30 -- --reuid="$(id -u "$1")" --regid="$(id -g "$1")" --clear-groups "$BIN" --db "$DB"
	see "$1 starts" "Innsatstrapp"
	keys p
	see "$1: the plan list" "Viser alle"
	keys f f
	wait_for "venter på min aksept"
}
awaiting ola
see "ola: the filter keeps one of her two plans" "venter på min aksept: 1 av 2"
see "ola: the plan handed over to her" "Tor Overførsen"
nosee "ola: not her own plan" "Una Egensen"
keys Enter
see "ola opens it from the filter" "Stafettlogg 2 · Tor Overførsen"
keys q q q; wait_dead
awaiting kari
see "kari: nothing awaits her" "venter på min aksept: 0 av 2"
nosee "kari: the plan she handed over is not awaiting her" "Tor Overførsen"
keys q q q; wait_dead
awaiting per
see "per: nothing awaits him" "venter på min aksept: 0 av 0"
nosee "per: no child" "Overførsen"
keys q q q; wait_dead
$TM kill-server 2>/dev/null
summary
