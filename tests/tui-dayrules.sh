#!/bin/sh
# tui-dayrules.sh TRAPP - the coordinator's day in the full-screen
# interface, at 100x30 and 80x24, asserting what a person sees: the start
# screen's one line of today's reminders and its key to the due view (with
# consent and hand-overs in it); raising a plan to level 2 without consent
# opens the consent form with the reason; a withdrawn consent marks the
# service and its open step; closing asks about open steps and keeps the
# reason and summary; the guide's consent page with the kommune's age and
# its basis; local time in the plan's history; and demo training: each
# demo case has needs (f suggests from them) and consent. Fictional names.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/day.db"
TODAY=2026-11-23
CLI() { TRAPP_TODAY=$TODAY "$TUI" --db "$DB" "$@"; }
PPT=pedagogisk-psykologisk-tjeneste-ppt
RT=ressursteam-i-skole
# seek NAME TEXT: scroll the plan from the top until TEXT shows
seek() {
	keys Home
	page=0
	while [ $page -lt 12 ]; do
		if wait_for "$2" 1; then ok "$1"; return; fi
		keys PgDn; page=$((page + 1))
	done
	fail "$1: «$2» not found in the plan"; screen
}
# next_page: → in the guide, and wait until the page number moved
next_page() {
	cur=$(screen | sed -n 's/.*Side \([0-9]*\) av.*/\1/p' | head -1)
	keys Right
	wait_for "Side $((cur + 1)) av" 2
}
fill() {
	for v in "$@"; do
		[ "$v" = "-" ] || typed "$v"
		keys Tab
	done
	keys C-s
}

# plan 1: level 1, no consent. plan 2: consent withdrawn after a service
# and its step joined. plan 3: consent expiring, a hand-over waiting, a
# step overdue.
CLI plan new --child "Ola Testesen" --born 2017-03-04 --unit "Demo skole" >/dev/null
CLI plan new --child "Kari Testesen" --born 2015 >/dev/null
CLI plan consent 2 --by foresatte --date 2026-11-01 --scope $PPT,$RT --guardians "Mona Testesen" >/dev/null
CLI plan level 2 2 --why "Trenger PPT" >/dev/null
CLI plan add-service 2 $PPT >/dev/null
CLI plan add-step 2 --what "Utredning hos PPT" --who PPT --due 2026-12-10 --service $PPT >/dev/null
CLI plan withdraw 2 --date 2026-11-20 >/dev/null
CLI plan new --child "Per Testesen" --born 2013 >/dev/null
CLI plan consent 3 --by foresatte --date 2026-10-01 --expires 2026-12-10 --scope $RT >/dev/null
CLI plan add-step 3 --what "Kartlegging" --who "Lise Lærer" --due 2026-11-20 >/dev/null
CLI plan handover 3 --to viggo --service "Videregående skole" >/dev/null  # waits for viggo, not us

# --- the start screen's reminders and the due view ------------------------------
start 100 30 TRAPP_TODAY=$TODAY -- --db "$DB"
see "start screen" "Innsatstrapp"
see "today's reminders in one line" "D frister: 1 forfalt · 1 samtykke utløper"
nosee "a hand-over for another login is not ours" "overføring venter"
keys D
see "D opens the due view" "Frister"
see "due: the overdue step" "2026-11-20 ! forfalt 3 Per Testesen"
see "due: consent expiring" "samtykke   samtykket utløper"
keys q
resize 80 24
see "80x24: the line still shows its key" "D frister: 1 forfalt · 1 samtykke utløper"
resize 100 30

# --- level 2 without consent opens the consent form ------------------------------
keys p
see "plan list" "Ola Testesen"
keys Enter
see "plan 1 open" "Stafettlogg 1 · Ola Testesen"
keys n
see "level form" "Endre BTI-nivå"
fill - "Trenger PPT" -
see "refused: the consent form opens" "Samtykke"
see "refused: the reason" "Nivå 2 krever gyldig samtykke (planen har ikke registrert samtykke)"
see "the form asks for the foresatte's names" "Foresatte (navn)"
# the services are picked from the list (the plan's, then the catalogue)
keys Tab Tab Enter
see "the services are picked from a list" "Samtykket gjelder"
nosee "the title names no empty filter" "(katalogen: )"
keys /
typed "pedagogisk psykologisk"
keys Enter Space
keys / C-u
typed "ressursteam i skole"
keys Enter
see "the list narrows to it" "Ressursteam i skole"
keys Space Enter
wait_gone "Samtykket gjelder"
keys Tab Tab
typed "Mona Testesen, Ole Testesen"
keys C-s
seek "consent recorded with names" "samtykke fra foresatte (Mona Testesen, Ole Testesen)"
keys n
see "level form again" "Endre BTI-nivå"
fill - "Trenger PPT" -
seek "raised to level 2 after consent" "Nivå 2 – enkel tverrfaglig samhandling"
keys q
see "back to the list" "Per Testesen"

# --- a withdrawn consent marks the service and its open step -----------------------
keys Down
keys Enter
see "plan 2 open" "Stafettlogg 2 · Kari Testesen"
seek "the service is marked" "! ikke dekket av samtykket"
seek "the open step is marked" "! dekker ikke tjenesten"

# --- closing asks about open steps, keeps reason and summary ------------------------
keys L
see "closing form" "Lukk stafettloggen"
see "closing: summary field" "Oppsummering"
keys Right Right Right Right Right
see "closing: the new reason" "overført til barneverntjenesten"
fill - - - "Barnevernet følger opp"
see "closing asks about the open step" "Stafettloggen har 1 åpne steg (1). Lukke likevel?"
keys C-s
see "closed after the second save" "Stafettloggen er lukket"
seek "closed: reason" "overført til barneverntjenesten"
seek "closed: summary" "Oppsummering: Barnevernet følger opp"
keys q q
see "back at the start" "Innsatstrapp"

# --- the guide's consent page -----------------------------------------------------
keys v
see "the guide opens" "BTI-veileder"
page=0
while [ $page -lt 12 ] && ! screen | grep -q "samtykker ungdom selv fra"; do next_page; page=$((page + 1)); done
see "consent page: the kommune's age" "I Tromsø samtykker ungdom selv fra 15 år"
see "consent page: how it is changed" "med a her eller med «trapp consent-age --set 15|16»"
see "consent page: the key on the page's line" "a: endre samtykkealderen"
keys PgDn
see "consent page: the basis" "§ 4-3"
# a changes it, after asking; n keeps it
keys a
see "a asks first" "Samtykkealderen i Tromsø er 15 år. Endre den til 16 år?"
keys n
wait_gone "Endre den til"
expect_eq "n keeps 15" "$(CLI consent-age | head -1)" "Tromsø: ungdom samtykker selv fra 15 år."
keys a
see "asked again" "Endre den til 16 år?"
keys j
see "j changes it" "Samtykkealderen i Tromsø er nå 16 år"
keys PgUp
see "the page shows the kommune's new age" "I Tromsø samtykker ungdom selv fra 16 år"
expect_eq "the CLI reads the age set on screen" "$(CLI consent-age | head -1)" "Tromsø: ungdom samtykker selv fra 16 år."
keys q
# and back to 15 at 80x24, the other way round
resize 80 24
keys v
see "the guide again" "BTI-veileder"
page=0
while [ $page -lt 12 ] && ! screen | grep -q "samtykker ungdom selv fra"; do next_page; page=$((page + 1)); done
see "80x24: the kommune's new age" "I Tromsø samtykker ungdom selv fra 16 år"
keys a
see "80x24: a asks" "Endre den til 15 år?"
keys j
see "80x24: changed back" "Samtykkealderen i Tromsø er nå 15 år"
keys PgUp
see "80x24: the page follows" "I Tromsø samtykker ungdom selv fra 15 år"
keys q q
wait_dead

# --- local time in the plan's history ----------------------------------------------
stored=$(sqlite3 "$DB" "SELECT at FROM plan_audit WHERE plan_id = 1 ORDER BY id LIMIT 1")
local=$(TZ=Europe/Oslo date -d "$stored" '+%Y-%m-%d %H:%M')
start 100 30 TRAPP_TODAY=$TODAY TZ=Europe/Oslo -- --db "$DB" --plan 1
see "plan 1 with TZ=Europe/Oslo" "Stafettlogg 1 · Ola Testesen"
seek "history in local time" "$local"
nosee "no UTC Z on screen" "${stored%%Z}Z"
keys q q
wait_dead

# --- a hand-over that waits for this login (kari's plan, handed to us) -----------------
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null && command -v setpriv >/dev/null; then
	getent group trapptest >/dev/null || groupadd trapptest
	getent passwd kari >/dev/null || useradd -M -N -g trapptest -s /usr/sbin/nologin kari
	chmod 711 "$TMP"
	SHARE="$TMP/team"; mkdir "$SHARE"; chgrp trapptest "$SHARE"; chmod 2770 "$SHARE"
	kari() { HOME="$TMP" TRAPP_TODAY=$TODAY setpriv --reuid="$(id -u kari)" --regid="$(id -g kari)" \
		--clear-groups "$TUI" --db "$SHARE/t.db" "$@"; }
	kari plan new --child "Siv Testesen" --born 2012 >/dev/null 2>&1
	kari plan handover 1 --to "$(id -un)" --service "Videregående skole" >/dev/null 2>&1
	start 100 30 TRAPP_TODAY=$TODAY -- --db "$SHARE/t.db"
	see "the hand-over waiting for us, at start" "D frister: 1 overføring venter"
	keys D
	see "the due view names it" "overføring til $(id -un) – stafettpinnen venter på aksept"
	keys q q
	wait_dead
else
	fail "the hand-over part needs root, useradd and setpriv to run trapp as another login"
fi

# --- demo training: needs and consent in every case --------------------------------
start 80 24 -- --demo
see "demo starts" "DEMO"
see "demo: reminders at start" "D frister:"
keys v
see "demo guide" "BTI-veileder"
for lvl in 0 1 2 3; do
	page=0
	# the level's page: its title on the third row
	while [ $page -lt 12 ] && ! screen | sed -n 3p | grep -q "Nivå $lvl –"; do
		next_page; page=$((page + 1))
	done
	keys d
	see "demo case at level $lvl opens" "Stafettlogg "
	seek "demo case $lvl has consent" "Status: gyldig"
	keys f
	see "demo case $lvl: f suggests from its needs" "og stafettloggens behov"
	# q closes what f opened (the list, and for behaviour needs the
	# methods box), then the plan
	back=0
	while [ $back -lt 5 ] && ! wait_for "BTI-veileder" 1; do keys q; back=$((back + 1)); done
	see "back in the guide ($lvl)" "BTI-veileder"
done
keys q q
wait_dead

summary
