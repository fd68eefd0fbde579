#!/bin/sh
# tui-plan.sh TRAPP - the child's plan in the full-screen interface, as a
# stafettholder uses it: create a plan, consent, services from the browser,
# steps, a meeting, hand-over, export, "due"; then presentation mode
# (nothing of "Nordmann" on screen or in an export), demo mode (the real
# database untouched, nothing left behind) and the BTI guide's tour.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/plan.db"
TODAY=2026-11-23
CLI() { TRAPP_TODAY=$TODAY "$TUI" --db "$DB" "$@"; }
# seek NAME TEXT: scroll the plan from the top until TEXT shows
seek() {
	keys Home
	page=0  # not i: wait_for uses i
	while [ $page -lt 12 ]; do
		if wait_for "$2" 1; then ok "$1"; return; fi
		keys PgDn; page=$((page + 1))
	done
	fail "$1: «$2» not found in the plan"; screen
}
# block NAME HEAD LINE...: the block HEAD (a step, a meeting) shows with
# each LINE among its next rows
block() {
	name=$1 head=$2; shift 2
	seek "$name" "$head"
	for want in "$@"; do
		contains "$name: $want" "$(screen | grep -A6 -F "$head")" "$want"
	done
}
# fill the open form: one value per field (Tab between), then Ctrl-S saves
fill() {
	for v in "$@"; do
		[ "$v" = "-" ] || typed "$v"
		keys Tab
	done
	keys C-s
}

start 100 32 TRAPP_TODAY=$TODAY USER=tester -- --db "$DB"
see "starts" "Innsatstrapp"

# --- a new plan for a fictional 9-year-old -----------------------------------------
keys p
see "p opens the plan list" "Ingen stafettlogger ennå"
keys N
see "N opens the new-plan form" "Ny stafettlogg"
fill "Ola Testesen" "2017-03-04" "Demo skole" - "Lise Lærer" "Demo skole"
see "the plan opens after saving" "Stafettlogg 1 · Ola Testesen"
see "the child's name" "Navn: Ola Testesen"
see "the birth date" "Født: 2017-03-04"
see "age from the birth date" "Alder: 9 år"
see "starts at level 1" "Nivå 1 – innsats i egen tjeneste"
see "stafettholder" "Nå: Lise Lærer (Demo skole)"
keys '?'
see "the plan's help" "Taster – Stafettloggen"
see "more keys than rows is shown" "↓ flere taster"
keys End
see "the help scrolls to the last key" "Møtevisning av/på"
keys q
wait_gone "Taster – Stafettloggen"

# a form refuses a bad date in place and keeps the text
keys b
see "b opens the concern form" "Bekymring / undring"
typed "Uro i klassen"
keys Tab C-u
typed "2026-13-45"
keys Tab
typed "kontaktlærer"
keys C-s
see "a bad date is refused in the form" "Ugyldig dato «2026-13-45»"
s=$(screen)
contains "the form stays open" "$s" "Bekymring / undring"
contains "the message is under the date field" "$(echo "$s" | grep -A1 'Dato ')" "Ugyldig dato «2026-13-45»"
keys C-u
typed "2026-11-20"
keys C-s
see "the concern is saved" "- 2026-11-20, lagt merke til av kontaktlærer: Uro i klassen"

# --- consent for two services --------------------------------------------------------
keys c
see "c opens the consent form" "Samtykke"
keys Tab
typed "2026-11-21"
keys Tab Enter
see "the services are picked from a list" "Samtykket gjelder"
keys /
typed "pedagogisk psykologisk"
keys Enter Space
keys / C-u
typed "ressursteam i skole"
keys Enter
see "the list narrows to it" "Ressursteam i skole"
keys Space Enter
wait_gone "Samtykket gjelder"
keys C-s
seek "consent recorded" "2026-11-21: samtykke fra foresatte"
see "consent scope by name" "for Pedagogisk psykologisk tjeneste (PPT)"

# --- two services through the browser ---------------------------------------------------
keys +
see "+ opens the catalogue" "av 124 tiltak"
keys /
typed "ressursteam i skole"
keys Enter
see "found in the browser" "søk «ressursteam i skole»"
contains "the service with every word ranked first" "$(screen | sed -n 4p)" "Ressursteam i skole"
keys +
see "below level 2 the app offers to raise the level" "er på nivå 1: heve til nivå 2?"
typed "Trenger skolens ressursteam og PPT"
keys C-s
see "raised and added" "er hevet til nivå 2, og tjenesten er lagt til"
keys x /
typed "pedagogisk psykologisk"
keys Enter
see "PPT found" "Pedagogisk psykologisk tjeneste (PPT)"
keys +
see "second service added" "er lagt til stafettlogg 1"
keys x /
typed "U16"
keys Enter +
see "a service outside the consent is refused" "samtykke"
s=$(screen)
contains "the refusal says what to record, with the key (not a command)" "$s" "registrer nytt samtykke med c i stafettloggen"
lacks "the screen's refusal names no CLI command" "$s" "trapp plan consent"
keys q
see "back on the plan" "Stafettlogg 1 · Ola Testesen"
see "services listed" "Ressursteam i skole"
s=$(screen)
contains "PPT listed" "$s" "Pedagogisk psykologisk tjeneste (PPT)"
contains "U16 not listed" "$(screen | sed -n '/Tjenester/,/Personer/p')" "Ressursteam"
lacks "U16 not in the plan" "$(screen | sed -n '/Tjenester/,/Personer/p')" "U16"
see "level history shows the reason" "Nivå 2 – enkel tverrfaglig samhandling"

# --- two steps with owners and dates ---------------------------------------------------------
keys t
see "t opens the step form" "Nytt steg"
fill "Kartlegging i ressursteamet" "kontaktlærer" "2026-12-01" "2027-01-15" "ressursteam-i-skole"
keys t
fill "Samtale med foreldrene" "Lise Lærer" "2026-11-10" - -
block "step 1 listed" "Steg 1: Kartlegging i ressursteamet" "Ansvarlig: kontaktlærer" "Frist: 2026-12-01"
block "step 2 listed" "Steg 2: Samtale med foreldrene" "Ansvarlig: Lise Lærer" "Frist: 2026-11-10 (! forfalt)"

# goals: add one, then reword it and set its status in one form
keys m
fill "Ola leser med glede"
seek "goal 1 listed" "- 1. Ola leser med glede (aktiv)"
keys M
see "M opens the goal form" "Endre mål"
fill "1" - "Ola leser med glede hver dag"
seek "goal 1 reworded" "- 1. Ola leser med glede hver dag (aktiv)"

# a service with open steps cannot leave the plan
keys x
see "x opens the remove-service form" "En tjeneste går ut av stafettloggen"
typed "ressursteam-i-skole"
keys C-s
see "refused while its steps are open" "har åpne steg i stafettlogg 1 (1)"
keys Escape
see "Esc on a form with text asks first" "Sikker?"
keys j
wait_gone "En tjeneste går ut av stafettloggen"

# a step's status, evaluation and a new due date in one form
keys s
see "s opens the step form" "Endre steg"
fill "2" - - "2026-11-30" - - -
block "step 2 moved to the new date" "Steg 2: Samtale med foreldrene" "Ansvarlig: Lise Lærer" "Frist: 2026-11-30"
keys s
fill "2" - - "2026-11-10" - - "Kari Kontaktlærer"
block "and back, with a new person responsible" "Steg 2: Samtale med foreldrene" "Ansvarlig: Kari Kontaktlærer" "Frist: 2026-11-10"
# the form changes only what is changed: a step done elsewhere stays done
# when only its evaluation is written (it used to go back to planlagt)
CLI plan step 1 2 --status fullført >/dev/null
# the screen reloads on its next poll (once a second): wait for it, up to 20 s
k=0; while [ $k -lt 100 ] && ! screen | grep -A6 -F "Steg 2: Samtale med foreldrene" | grep -qF "Status: fullført"; do
	sleep 0.2; k=$((k + 1)); done
block "the screen follows a change made elsewhere" "Steg 2: Samtale med foreldrene" "Status: fullført"
keys s
see "the step form opens with the status unchanged" "◀ uendret ▶"
fill "2" - "Foreldrene var fornøyde" - - - -
block "the evaluation is saved" "Steg 2: Samtale med foreldrene" "Foreldrene var fornøyde"
expect_eq "the status stays fullført" "$(sqlite3 "$DB" 'SELECT status FROM plan_step WHERE no = 2')" "fullfort"
CLI plan step 1 2 --status planlagt >/dev/null  # open again for the due list below

# --- the plan's needs, and suggestions from age and needs ------------------------------
keys B
see "B opens the plan's need picker" "Stafettloggens behov"
keys Down Down Down Down Down Down Down Space Enter
see "needs saved" "Stafettloggens behov er lagret (1)"
seek "needs shown on the plan by label" "Behov: Atferdsvansker"
keys f
see "f: Senja's table 8 methods for a 9-year-old" "Atferdsvansker, 9 år: hjelp og metode"
s=$(screen)
contains "table 8: PMTO for 6-12 alvorlig" "$s" "PMTO"
keys Enter
see "f: the catalogue filtered by age and the plan's needs" "Filter: alder 9 · behov: Atferdsvansker"
keys q
see "back on the plan" "Stafettlogg 1 · Ola Testesen"

# --- a meeting ---------------------------------------------------------------------------------
keys T
see "T records a meeting in the meeting view" "Møtet i dag 2026-11-23"
keys Enter
see "who is present is picked from the plan's people and services" "Lise Lærer (stafettholder)"
see "the services are in the list" "Pedagogisk psykologisk tjeneste (PPT)"
keys Space Enter
wait_gone "Søk:"
keys Tab
typed "Oppstartsmøte"
keys Tab
typed "Oppfølging hjemme ; foreldrene ; 2027-02-01"
keys Enter
see "the agreed step is in the meeting at once" "1. Oppfølging hjemme – foreldrene – frist 2027-02-01"
# a resize right after the save (as a late KEY_RESIZE under load): the
# plan still opens at the meeting, laid out for the new size
keys C-s; resize 80 24
see "saved as one meeting" "Møte 1 er lagret: 1 til stede, 1 avtalt steg."
see "meeting listed" "Møte 1, 2026-11-23"
see "meeting listed: who was present" "Til stede: Lise Lærer (stafettholder)"
see "meeting listed: the notes" "Notater: Oppstartsmøte"
see "meeting listed: the step agreed" "Avtalt: steg 3 Oppfølging hjemme – ansvarlig"
resize 100 32

# --- hand-over and acceptance ----------------------------------------------------------------------
keys h
see "the hand-over form asks for a login" "Til (brukernavn)"
fill "kari" "Demo ungdomsskole" "2026-11-23"
keys Home
see "proposed holder shown, baton stays" "Overføring: kari (Demo ungdomsskole), foreslått 2026-11-23"
s=$(screen)
contains "old holder keeps the baton until accepted" "$s" "Nå: Lise Lærer"
keys a
fill "2026-11-23"
see "only the named login accepts (this one is not kari)" "bare den brukeren kan akseptere"
keys Escape
see "the baton stays" "Nå: Lise Lærer"

# --- due view ------------------------------------------------------------------------------------------
keys D
see "D opens the due view" "Frister"
s=$(screen)
contains "overdue step first, with a mark and a word" "$(echo "$s" | sed -n 4p)" "2026-11-10 ! forfalt"
contains "then step 1" "$(echo "$s" | sed -n 5p)" "2026-12-01"
contains "then the evaluation" "$(echo "$s" | sed -n 6p)" "2027-01-15"
keys q

# --- export from the TUI -----------------------------------------------------------------------------
keys e
see "e opens the export form" "Eksporter stafettloggen"
keys Tab C-u
typed "$TMP/plan1.html"
keys C-s
see "export written" "Stafettloggen er skrevet til"
check "export file exists" test -f "$TMP/plan1.html"
expect_eq "export is 0600" "$(stat -c %a "$TMP/plan1.html")" 600
html=$(cat "$TMP/plan1.html")
for want in "Ola Testesen" "Uro i klassen" "Kartlegging i ressursteamet" "Samtale med foreldrene" \
	    "Oppstartsmøte" "kari" "Pedagogisk psykologisk tjeneste (PPT)" "Ressursteam i skole"; do
	contains "export holds «$want»" "$html" "$want"
done
# the CLI reads the same database while the screen is open
due=$(CLI due)
contains "trapp due: overdue step" "$due" "2026-11-10"
contains "trapp due: step 1" "$due" "Kartlegging i ressursteamet"
contains "trapp due: evaluation" "$due" "2027-01-15"

# --- a correction, and the read log -------------------------------------------------------------
keys r
see "r opens the correction form" "Rett en opplysning"
fill - - "Uro i timene" "feil gjengitt"
see "the correction is confirmed" "Rettet. Den gamle verdien"
seek "the concern shows it was corrected" "Uro i timene (rettet)"
keys End
see "the history keeps the old value" "rettet bekymring 1: «Uro i klassen»"
see "the stafettholder sees the read log" "Lesingslogg (hvem har sett planen)"
log=$(CLI plan access-log 1 --format csv)
contains "opening the plan on screen is logged" "$log" ",vis"
contains "the export from the screen is logged" "$log" ",utskrift"
keys V
see "meeting view" "Nytt steg"
keys Escape
log=$(CLI plan access-log 1 --format csv)
contains "the meeting view is logged" "$log" ",møtevisning"

# --- closing: read-only, and printed for the archive ---------------------------------
keys L
see "L opens the close form" "Lukk stafettloggen"
fill - "2026-11-23"
see "closing with open steps asks first" "Lukke likevel?"
keys C-s
see "closing says to print for the archive" "Skriv den ut for arkivet"
see "the plan says it is closed" "Avsluttet: 2026-11-23"
keys t
see "a closed plan refuses changes" "Stafettloggen er lukket og kan ikke endres"
keys e Tab C-u
typed "$TMP/archive.txt"
keys Up Left
see "the file name follows the format" "archive.pdf"
keys C-s
see "a closed plan can still be exported" "Stafettloggen er skrevet til"
check "archive copy written" test -f "$TMP/archive.pdf"
keys q q q
check "quits" wait_dead
expect_eq "exit status 0 (no sanitizer report)" "$(exit_status)" 0


# --- browsing for a plan uses the plan's own catalogue ------------------------------
start 100 32 TRAPP_TODAY=$TODAY -- --db "$DB" --kommune elverum --plan 1
see "plan 1 opened while Elverum is on screen" "trapp · Elverum › Stafettlogg 1"
keys +
see "+ switches to the plan's catalogue (Tromsø)" "trapp · Tromsø › Tiltak"
keys q q q
wait_dead

# --- an unknown plan is refused before the screen is taken ------------------------
start 100 32 TRAPP_TODAY=$TODAY -- --db "$DB" --plan 999
check "--plan 999 ends" wait_dead
out=$($TM capture-pane -p -J -S -50 -t t)
contains "--plan 999 says there is no such plan" "$out" "Finner ingen stafettlogg med id 999"
expect_eq "--plan 999 exits 2" "$(exit_status)" 2

# --- presentation mode: "Nordmann" never on screen nor in an export ------------------------------
id=$(CLI plan new --child "Kari Nordmann" --born 2012-05-17 --unit "Demo ungdomsskole")
CLI plan concern "$id" --text "Kari Nordmann har høyt fravær" --date 2026-11-01 --by kontaktlærer >/dev/null
CLI plan add-person "$id" --name "Per Nordmann" --role far --contact "per.nordmann@example.invalid" >/dev/null
CLI plan add-step "$id" --what "Samtale med Kari" --who "helsesykepleier" --due 2026-12-05 >/dev/null
start 100 32 TRAPP_TODAY=$TODAY USER=tester -- --db "$DB" --present --plan "$id"
see "--present --plan opens the meeting view" "møte"
see "presentation marker" "PRESENTASJON"
nosee "meeting view: no Nordmann" "Nordmann"
see "content stays readable" "høyt fravær"
keys BTab
typed "Kartlegging; PPT; 2026-12-10"
keys Enter
see "an agreed step shows in the meeting at once" "1. Kartlegging – PPT – frist 2026-12-10"
entry_row=$(screen | grep -n "Nytt steg" | cut -d: -f1)
expect_eq "the text cursor waits on the step line" "$(cursor_row)" "$entry_row"
for size in "80 24" "160 50"; do
	resize $size
	see "meeting view at ${size% *}x${size#* }: marker" "PRESENTASJON"
	see "meeting view at ${size% *}x${size#* }: the step line" "Nytt steg"
	see "meeting view at ${size% *}x${size#* }: the agreed step" "1. Kartlegging"
	nosee "meeting view at ${size% *}x${size#* }: no Nordmann" "Nordmann"
done
resize 80 24
see "meeting view at 80x24 again" "Nytt steg"
keys BTab
typed "Kort møte med Per Nordmann"
nosee "typed notes are masked on the projected screen" "Nordmann"
keys BTab Enter
see "who was present is picked from the plan's people" "Søk:"
keys Space Enter
wait_gone "Søk:"
nosee "the one present is masked too" "Nordmann"
keys C-s
see "the meeting is saved" "Møte 1 er lagret"
# the plan opens at the saved meeting, at 80x24, without scrolling (the
# scroll target comes from the plan loaded after the save)
see "saving the meeting shows it under Møter at once" "Møte 1, 2026-11-23"
see "the meeting's step was made with it, on screen at once" "Avtalt: steg 2 Kartlegging – ansvarlig PPT"
nosee "the saved notes are masked too" "Nordmann"
# a resize before the user moves keeps the meeting in view
resize 100 32
n=0; while [ $n -lt 100 ] && [ -z "$(screen | sed -n 31,32p | tr -d ' ')" ]; do sleep 0.05; n=$((n + 1)); done
see "after a resize the saved meeting is still on screen" "Møte 1, 2026-11-23"
see "and its step" "Avtalt: steg 2 Kartlegging"
keys Home
see "full plan view" "Personer"
nosee "plan view masked" "Nordmann"
nosee "no contact details" "example.invalid"
nosee "no birth date" "2012-05-17"
see "age shown instead" "14 år"
keys e Tab C-u
typed "$TMP/masked.html"
keys C-s
see "masked export written" "Stafettloggen er skrevet til"
check "masked export exists" test -f "$TMP/masked.html"
check "masked export has no Nordmann" sh -c "! grep -q Nordmann '$TMP/masked.html'"
check "masked export keeps the content" grep -q "Samtale med K.N." "$TMP/masked.html"
keys q
see "q from the plan opened with --plan goes to the staircase" "Innsatstrapp"
keys p
see "plan list" "Stafettlogger"
nosee "plan list masked" "Nordmann"
keys D
see "due view" "Frister"
nosee "due view masked" "Nordmann"
keys q P
see "P while presenting asks first" "Presentasjonen er satt på pause"
nosee "the question shows nothing of the plan" "Nordmann"
lacks "nor the initials" "$(screen)" "K.N."
typed "ja"
keys Enter
see "another word is not a yes" "Skriv ordet VIS"
keys Escape
see "Esc keeps presenting" "Presentasjonsmodus fortsetter"
nosee "still masked after Esc" "Nordmann"
keys P
see "asked again" "Presentasjonen er satt på pause"
typed "vis"
keys Enter
see "P turns presentation off" "Presentasjonsmodus er av"
see "names back when off" "Kari Nordmann"
keys q q
wait_dead

# --- demo mode ---------------------------------------------------------------------------------------------
sum_before=$(sha256sum "$DB" | cut -d' ' -f1)
mkdir -p "$TMP/demotmp"
start 100 32 TMPDIR="$TMP/demotmp" -- --db "$DB" --demo
see "demo starts" "DEMO"
check "the demo database lives in the temporary directory" test -n "$(ls -A "$TMP/demotmp")"
keys p
see "demo plans" "Emil Eksempelsen"
s=$(screen)
for lvl in 0 1 2 3; do contains "a demo child at level $lvl" "$s" " $lvl    "; done
keys q v
see "the guide opens" "Hva er BTI?"
n=1
while ! screen | grep -q "Side 10 av 10"; do
	keys Right; n=$((n + 1)); [ $n -gt 20 ] && break
	wait_for "Side $n av" 2 >/dev/null
done
see "the tour reaches the last page" "Side 10 av 10"
see "the last page: forums of the kommune" "Møtefora"
while ! screen | grep -q "Side 1 av 10"; do
	keys Left; n=$((n - 1)); [ $n -lt 0 ] && break
	wait_for "Side $n av" 2 >/dev/null
done
see "and back to the first" "Side 1 av 10"
for lvl in 0 1 2 3; do
	keys Right
	see "page for level $lvl" "Nivå $lvl"
	keys d
	see "d opens the demo case at level $lvl" "Stafettlogg"
	s=$(screen)
	case $lvl in 0) want="Emil";; 1) want="Ida";; 2) want="Sara";; 3) want="Jonas";; esac
	contains "level $lvl case is $want" "$s" "$want"
	contains "level $lvl case is at level $lvl" "$s" "Nivå $lvl –"
	# names read as names: the stafettholder's service in one pair of brackets
	case $lvl in
	0) see "level 0: the stafettholder and her service, read naturally" \
		"Nå: Lise Lærer (Kontaktlærer, Demo barneskole), siden" ;;
	3) see "level 3: the hand-over names the new stafettholder and service" \
		"Overføring: Viggo Videregående (Demo videregående skole), foreslått" ;;
	esac
	nosee "level $lvl: no name in double brackets" ") ("
	if [ $lvl = 3 ]; then  # the export says it the same way
		keys e
		see "level 3: the export form" "Eksporter stafettloggen"
		keys Right Right C-s
		see "level 3: exported as text" "Stafettloggen er skrevet til"
		txt=$(cat "$HOME/stafettlogg-4.txt")
		contains "the export: the stafettholder" "$txt" "Nå:             Siri Sosiallærer (Sosiallærere i ungdomsskolen), siden"
		contains "the export: the parents" "$txt" "- Janne og Jon Jobbøvelse, foresatte"
		lacks "the export: no double brackets" "$txt" ") ("
		lacks "the export: no name marked (demo)" "$txt" "(demo)"
	fi
	keys q
done
keys q q
check "demo quits" wait_dead
expect_eq "demo exit status 0" "$(exit_status)" 0
expect_eq "the real database is byte-for-byte unchanged" "$(sha256sum "$DB" | cut -d' ' -f1)" "$sum_before"
expect_eq "no demo files left" "$(ls -A "$TMP/demotmp")" ""
summary
