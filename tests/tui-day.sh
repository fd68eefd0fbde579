#!/bin/sh
# tui-day.sh TRAPP - a coordinator's day in the full-screen interface
# (issue 15): a meeting recorded in the meeting view from start to end
# and its minutes; nothing lost by a stray key (Esc on a changed form
# asks, Ctrl-C asks when something is unsaved, the too-small screen quits
# on no ordinary key), at 80x24 and 100x30; and the words of item 13 on
# every screen a coordinator passes (the same words cli-words checks in
# the CLI, the exports and the man page).
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
# scroll_to NAME TEXT: page down the plan from the top until TEXT shows
scroll_to() {
	keys Home
	page=0
	while [ $page -lt 12 ]; do
		if wait_for "$2" 1; then ok "$1"; return; fi
		keys PgDn; page=$((page + 1))
	done
	fail "$1: «$2» not found in the plan"; screen
}
open_plan() {  # open_plan W H: trapp on the plan
	start "$1" "$2" TRAPP_TODAY=$TODAY USER=tester -- --db "$DB" --plan "$id"
	wait_for "Ola Testesen" || { fail "plan $id opens at $1x$2"; screen; }
}

# --- a meeting, from start to end, in the meeting view --------------------------------
meeting=0
for size in "80 24" "100 30"; do
	set -- $size
	meeting=$((meeting + 1))
	open_plan "$1" "$2"
	keys V
	see "$1x$2: V opens the meeting view with today's meeting" "Møtet i dag $TODAY"
	keys Enter
	see "$1x$2: who is present is a list of the plan's people" "Kari Testesen (mor)"
	see "$1x$2: the stafettholder is in it" "Lise Lærer (stafettholder)"
	see "$1x$2: and the plan's services" "Forsterket helsestasjon"
	keys /
	typed "kari"
	see "$1x$2: / searches the list" "Søk: kari"
	nosee "$1x$2: the search narrows the list" "Forsterket helsestasjon"
	keys Enter Space
	keys Escape
	wait_gone "Søk:"
	see "$1x$2: the chosen person is present" "Til stede    Kari Testesen (mor)"
	keys Enter
	wait_for "Søk:"
	keys End Space Enter
	wait_gone "Søk:"
	see "$1x$2: a service is present too" "Kari Testesen (mor), Forsterket helsestasjon"
	keys Tab
	typed "Ola har det bedre i friminuttene. Mor ønsker PPT."
	keys Tab
	typed "Henvise til PPT ; Lise Lærer ; 2026-12-10"
	keys Enter
	see "$1x$2: the agreed step is on screen at once" "1. Henvise til PPT – Lise Lærer – frist 2026-12-10"
	typed "Samtale med Ola ; Kari Testesen ; 2026-13-01"
	keys Enter
	see "$1x$2: a wrong date is said at once" "Fristen «2026-13-01» er ikke en dato"
	keys C-u
	typed "Samtale med Ola ; Kari Testesen ; 2026-12-12"
	keys Enter
	see "$1x$2: the second step too" "2. Samtale med Ola – Kari Testesen – frist 2026-12-12"
	see "$1x$2: the first is still there" "1. Henvise til PPT"
	lacks "$1x$2: nothing is saved before Ctrl-S" "$(CLI plan show "$id")" "Møte $meeting,"
	# leaving asks: the meeting is not saved yet
	keys Escape
	see "$1x$2: Esc with a meeting half recorded asks" "Møtet er ikke lagret"
	keys n
	wait_gone "Møtet er ikke lagret"
	keys C-s
	see "$1x$2: saved as one meeting" "Møte $meeting er lagret: 2 til stede, 2 avtalte steg."
	see "$1x$2: the plan opens at the meeting" "Møte $meeting, $TODAY"
	see "$1x$2: with who was present" "Til stede: Kari Testesen (mor), Forsterket helsestasjon"
	see "$1x$2: the notes" "Notater: Ola har det bedre i friminuttene."
	see "$1x$2: and the agreed steps" "Avtalt: steg"
	see "$1x$2: the agreed step's text" "Henvise til PPT – ansvarlig Lise Lærer"
	keys q
	wait_dead
done
show=$(CLI plan show "$id" --audit)
contains "the steps agreed are steps of the plan" "$show" "Steg 3: Samtale med Ola"
n_meet=$(printf '%s\n' "$show" | grep -c "møte [0-9] $TODAY: Ola har")
expect_eq "each meeting is one change in the log (one transaction)" "$n_meet" 2
minutes=$(CLI plan export "$id" --meeting 1 --format txt)
contains "minutes: a title of its own" "$minutes" "Referat fra møte 1"
contains "minutes: who was present" "$minutes" "Til stede:      Kari Testesen (mor), Forsterket helsestasjon"
contains "minutes: the notes" "$minutes" "Ola har det bedre i friminuttene."
contains "minutes: the steps agreed" "$minutes" "Steg 2: Henvise til PPT"
lacks "minutes: not the whole log" "$minutes" "Nivåhistorikk"
masked=$(CLI plan export "$id" --meeting 1 --format md --mask)
lacks "masked minutes: no child's name" "$masked" "Ola Testesen"
lacks "masked minutes: no present person's name" "$masked" "Kari Testesen"
CLI plan export "$id" --meeting 9 >/dev/null 2>"$TMP/err"
expect_eq "minutes of a meeting that does not exist: exit 2" "$?" 2
contains "and says which" "$(cat "$TMP/err")" "har ikke møte 9"
CLI plan meeting "$id" --date "$TODAY" --notes "Kort" --attended "Lise Lærer" \
	--agree "Ring skolen ; Lise ; 2026-02-30" >/dev/null 2>"$TMP/err"
expect_eq "a refused agreed step refuses the meeting (exit 2)" "$?" 2
contains "the refusal names the step" "$(cat "$TMP/err")" "avtalt steg nr. 1"
lacks "and nothing of it is saved" "$(CLI plan show "$id")" "Ring skolen"

# --- a meeting with nobody marked present is not saved: the panel says so ----------
open_plan 80 24
keys V
see "V opens the meeting view" "Møtet i dag $TODAY"
keys Tab
typed "Kort møte uten deltakere"
keys C-s
see "nobody present: Ctrl-S says what is missing and where, on one line at 80 columns" \
	"Ingen er markert til stede: velg hvem som var med i «Til stede» (Enter)."
keys Enter
see "the focus is on Til stede: Enter lists the people" "Lise Lærer (stafettholder)"
keys Escape
wait_gone "Søk:"
keys Escape
see "the meeting is still held, not saved" "Møtet er ikke lagret"
keys j
wait_gone "Møtet er ikke lagret"
keys q
wait_dead
lacks "nothing of it is saved" "$(CLI plan show "$id")" "Kort møte uten deltakere"

# --- consent: the services are picked from a list, no ids typed -------------------
open_plan 100 30
keys c
see "c opens the consent form" "Samtykke"
keys Tab Tab
see "the services field offers a list" "Enter: velg"
nosee "no ids to type" "id-er skilt med komma"
keys Enter
see "the plan's services first" "Forsterket helsestasjon (med i stafettloggen)"
see "then the catalogue: all of it, as no filter is on" "Samtykket gjelder (hele katalogen for Tromsø)"
keys Space
keys /
typed "pedagogisk psykolog"
see "/ narrows the catalogue as it is typed" "Pedagogisk psykologisk tjeneste (PPT)"
nosee "the plan's service is not among the hits" "Forsterket helsestasjon (med i stafettloggen)"
keys Enter Space Enter
wait_gone "Samtykket gjelder"
see "the field shows the names chosen" "Forsterket helsestasjon, Pedagogisk psykologisk"
keys C-s
wait_gone "Utløper"
show=$(CLI plan show "$id")
contains "the consent covers the services picked" "$show" "for Forsterket helsestasjon"
contains "the catalogue one too" "$show" "Pedagogisk psykologisk tjeneste (PPT)"
keys q
wait_dead

# --- the export form: the extension follows the format, overwriting asks, names not codes
CLI plan needs "$id" --set skole,psykisk >/dev/null
open_plan 100 30
keys e
see "e opens the export form" "Eksporter stafettloggen"
see "HTML by default" "stafettlogg-$id.html"
keys Right
see "md: the file name becomes .md" "stafettlogg-$id.md"
keys Right
see "txt: .txt" "stafettlogg-$id.txt"
see "the audit choice says what it is" "Med endringslogg"
keys Tab Tab Tab Right
see "the minutes of a meeting can be chosen" "referat fra møte 2"
keys C-s
see "written" "Referatet er skrevet til"
txt=$(cat "$HOME/stafettlogg-$id.txt")
contains "the TUI minutes are the minutes" "$txt" "Referat fra møte 2"
keys e
wait_for "Eksporter stafettloggen"
keys Right Right C-s
see "exporting onto an existing file asks" "Skrive over den?"
nosee "no CLI flag in the TUI" "--force"
keys n
see "n keeps the file" "Filen er ikke endret"
check "the minutes are still there" grep -q "Referat fra møte 2" "$HOME/stafettlogg-$id.txt"
keys C-s
see "asked again after a no" "Skrive over den?"
keys j
see "j writes over" "Stafettloggen er skrevet til"
txt=$(cat "$HOME/stafettlogg-$id.txt")
contains "now the whole log" "$txt" "Stafettlogg"
kline=$(printf '%s\n' "$txt" | grep "Kommune:")
contains "the kommune by name" "$kline" "Tromsø"
lacks "not the kommune's code" "$kline" "tromso"
bline=$(printf '%s\n' "$txt" | grep "Behov:")
contains "the needs by label" "$bline" "Barnehage og skole"
lacks "not the need codes" "$bline" "skole,"
keys q
wait_dead
CLI plan export "$id" --format md -o "$TMP/cli.md" >/dev/null
contains "the CLI export names the kommune too" "$(cat "$TMP/cli.md")" "Tromsø"

# --- the plan list: search by name or unit, filter by level and which, consent shown
b=$(CLI plan new --child "Mia Prøvesen" --born 2019 --unit "Bjerkaker barnehage" --level 0)
CLI plan add-step "$b" --what "Samtale" --who "Lise" --due 2026-11-01 >/dev/null
c=$(CLI plan new --child "Jonas Eksempel" --born 2012 --unit "Solsikken skole" --level 3)
CLI plan consent "$c" --by foreldre --date 2026-09-01 --scope forsterket-helsestasjon >/dev/null
CLI plan withdraw "$c" --date 2026-10-01 >/dev/null
for size in "80 24" "100 30"; do
	set -- $size
	start "$1" "$2" TRAPP_TODAY=$TODAY -- --db "$DB"
	wait_for "Innsatstrapp"
	keys p
	see "$1x$2: the list has a consent column" "SAMTYKKE"
	see "$1x$2: all three" "Viser alle: 3 av 3"
	contains "$1x$2: consent valid" "$(screen | grep "Ola Testesen")" "gyldig"
	contains "$1x$2: consent missing" "$(screen | grep "Mia Prøvesen")" "mangler"
	contains "$1x$2: consent withdrawn" "$(screen | grep "Jonas Eksempel")" "trukket"
	keys /
	typed "solsik"
	see "$1x$2: / searches the unit as it is typed" "2 av 3"
	nosee "$1x$2: the kindergarten plan is gone" "Mia Prøvesen"
	keys C-u
	keys BSpace BSpace BSpace BSpace BSpace BSpace
	typed "PRØVE"
	see "$1x$2: and the child's name, any case" "1 av 3"
	see "$1x$2: the match" "Mia Prøvesen"
	keys Escape
	see "$1x$2: Esc ends and empties the search" "Viser alle: 3 av 3"
	keys n n n n
	see "$1x$2: n steps through the levels" "nivå 3"
	see "$1x$2: level 3 only" "Jonas Eksempel"
	nosee "$1x$2: no level 1 plan" "Ola Testesen"
	keys x f f f
	see "$1x$2: f: overdue" "med forfalte frister: 1 av 3"
	see "$1x$2: the overdue plan" "Mia Prøvesen"
	keys x f
	see "$1x$2: f: mine" "mine (jeg er stafettholder): 3 av 3"
	keys f
	see "$1x$2: f: awaiting my acceptance" "venter på min aksept: 0 av 3"
	see "$1x$2: an empty result says how to see all" "x viser alle"
	keys x
	see "$1x$2: x shows all again" "Viser alle: 3 av 3"
	keys q q
	wait_dead
done

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

# --- the words a BTI coordinator uses, on each screen (item 13) ------------------------
CLI plan concern "$id" --text "Uro i timene" --date 2026-11-20 --by kontaktlærer >/dev/null
CLI plan consent "$id" --by foresatte --guardians "Kari Testesen" --date 2026-11-21 \
	--scope forsterket-helsestasjon >/dev/null
for size in "80 24" "100 30"; do
	set -- $size
	start "$1" "$2" TRAPP_TODAY=$TODAY USER=tester -- --db "$DB" --kommune tromso
	see "$1x$2: the staircase" "Innsatstrapp"
	see "$1x$2: the level blurb is a whole sentence from the source" "Satsingsområdene gjelder alle barn"
	nosee "$1x$2: no blurb starts mid-sentence" "  alle barn og unge i kommunen og har"
	keys /
	typed "forsterket helsestasjon"
	keys Enter
	wait_gone "▏"
	keys Home Enter
	wait_for "NAVN"
	if [ "$1" -ge 100 ]; then
		see "$1x$2: two levels spelled out where there is room" "Selektivt og indikert"
	else
		see "$1x$2: two levels shortened in a narrow column" "Sel+Ind"
	fi
	keys Enter
	see "$1x$2: the service shows its levels in full" "Selektivt og indikert"
	see "$1x$2: the source by title and section" "Trygg oppvekst 2024–2030, Tromsø kommune: vedlegg 1"
	nosee "$1x$2: no internal file name" "001_e45f"
	keys q q x
	keys v
	see "$1x$2: the guide" "BTI-veileder"
	keys End  # the last page, the meeting forums, ends with its source
	keys PgDn PgDn PgDn PgDn PgDn PgDn
	see "$1x$2: the factors' source is the kommune's plan" "Tromsø kommunes plan"
	keys q q
	wait_dead
	open_plan "$1" "$2"
	see "$1x$2: the plan is a stafettlogg" "Stafettlogg $id · Ola Testesen"
	see "$1x$2: one label per level" "Nivå 2 – "
	see "$1x$2: the concern was lagt merke til av" "lagt merke til av kontaktlærer"
	scroll_to "$1x$2: consent from foresatte, named" "samtykke fra foresatte (Kari Testesen)"
	scroll_to "$1x$2: the steps are Neste steg" "Neste steg"
	keys '?'
	wait_for "Taster"
	keys End
	see "$1x$2: ? says Overfør stafettpinnen" "Overfør stafettpinnen"
	nosee "$1x$2: never Overlever" "Overlever"
	keys Escape
	keys q q
	wait_dead
done

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
