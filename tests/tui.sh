#!/bin/sh
# tui.sh TRAPP - end-to-end tests of the service browser in tmux at a fixed
# size (LANG=C.UTF-8, TZ=UTC, temporary HOME and database), asserting on
# what a person sees.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/tui.db"
CLI() { "$TUI" --db "$DB" "$@"; }

# --- the staircase with counts ---------------------------------------------
start 100 30 -- --db "$DB"
see "staircase: Tromsø" "trapp · Tromsø › Innsatstrapp"
see "step Universelt with its count" "32 tiltak"
s=$(screen)
contains "step Selektivt" "$s" "Selektivt"
contains "Selektivt count" "$s" "64 tiltak"
contains "Indikert count" "$s" "46 tiltak"
contains "bottom step selected" "$s" "▶ Universelt"
expect_eq "no text cursor on the staircase" "$(cursor_row)" hidden
# the lowest step is drawn lowest
yu=$(screen | grep -n "Universelt.*32 tiltak" | cut -d: -f1)
yi=$(screen | grep -n "Indikert.*46 tiltak" | cut -d: -f1)
check "Indikert drawn above Universelt ($yi < $yu)" test "$yi" -lt "$yu"

# --- the done-when path: selektivt, age 14, need rus --------------------------
keys Up
see "Up climbs to Selektivt" "▶ Selektivt"
keys Enter
see "Enter opens the step" "64 av 124 tiltak"
see "the list shows its level" "trapp · Tromsø › Selektivt"
typed 14
see "typing a number filters by age" "Filter: alder 14 · nivå: Selektivt"
expect_eq "the text cursor is on the input line" "$(cursor_row)" 30
keys Enter
keys b
see "b opens the need picker" "Behov (ett av de valgte)"
s=$(screen)
for n in omsorg vold rus psykisk parorende utvikling skole atferd levekar fritid foreldre \
	 migrasjon helse gravid arbeid koordinering; do
	contains "need picker lists $n" "$s" "$n"
done
keys Space
see "space selects omsorg" "[x] omsorg"
keys x
see "x in the picker clears the choice" "[ ] omsorg"
keys Down Down
keys Space
see "space selects rus" "[x] rus"
keys Enter
wait_gone "Behov (ett av de valgte)"
see "filter line shows the need" "behov: Rus"
want=$(CLI services --kommune tromso --level selektivt --age 14 --need rus --format csv | tail -n +2 | cut -d, -f2 | sort)
nwant=$(echo "$want" | wc -l)
see "count equals the CLI ($nwant)" "$nwant av 124 tiltak"
got=$(screen | sed -n '4,27p' | cut -c2-39 | sed 's/ *$//' | grep -v '^$' | sort)
expect_eq "the list shows exactly what the CLI prints" "$got" "$want"

# --- detail -----------------------------------------------------------------
keys End Enter
see "detail shows the description label" "Beskrivelse"
s=$(screen)
contains "detail shows the raw age text" "$s" "Alder (tekst)"
contains "detail shows parsed ranges beside it" "$s" "Aldersspenn"
contains "detail shows levels" "$s" "Nivå"
contains "detail shows needs" "$s" "Behov"
contains "detail shows the source by its title and section" "$s" "Trygg oppvekst 2024–2030, Tromsø kommune: vedlegg 1"
keys q
see "q goes back to the list" "av 124 tiltak"

# --- help overlay from the list -------------------------------------------------
keys '?'
see "? opens help" "Taster – Tiltaksliste"
s=$(screen)
for label in "Vis tastene" "Tilbake" "Side ned" "Åpne valgt" "Søk i navn" "Filtrer på alder" \
	     "Velg behov" "Velg nivå" "Velg målgruppetype" "Filtrer på ansvarlig" "Fjern alle filtre" "Bytt kommune"; do
	contains "help lists «$label»" "$s" "$label"
done
keys q
wait_gone "Taster –"
ok "q closes help"

# --- clear filters, text search narrows live -------------------------------------
keys x
see "x clears every filter" "Ingen filter"
keys /
typed "k"
see "search is incremental (1 letter)" "søk «k»"
n1=$(screen | head -1 | grep -o '[0-9]* av 124' | cut -d' ' -f1)
typed "lubb"
see "search narrows (5 letters)" "søk «klubb»"
n2=$(screen | head -1 | grep -o '[0-9]* av 124' | cut -d' ' -f1)
check "each keystroke narrows the list ($n1 -> $n2)" test "$n2" -lt "$n1"
see "finds Fritidsklubb" "Fritidsklubb junior"
keys Escape
see "Esc undoes the search" "Ingen filter"
keys /
typed "ØKONOMISK STØTTE TIL FRITID"
see "search ignores case with æøå" "søk «økonomisk støtte til fritid»"
rows=$(screen | sed -n 4,5p | grep -c "Økonomisk støtte til fritidsaktivitet")
expect_eq "the two services with every word ranked first" "$rows" 2
keys Enter x
see "x clears the search" "Ingen filter"
# ranked live: the team whose name starts with the word, the word underlined
keys /
typed "psykolog"
see "ranked search typed" "søk «psykolog»"
contains "Psykologteamet ranked first" "$(screen | sed -n 4p)" "Psykologteamet"
contains "the matched word is underlined" "$($TM capture-pane -e -p -t t | sed -n 4p)" "4mPsykologteamet"
keys Escape
see "Esc undoes the ranked search" "Ingen filter"

# --- kommune switch -------------------------------------------------------------
keys q
see "back on the staircase" "Innsatstrapp"
keys K
see "K opens the kommune picker" "Kommune"
s=$(screen)
contains "picker lists Elverum" "$s" "Elverum (elverum)"
contains "picker lists the 2011 catalogue" "$s" "Tromsø 2011 (historisk)"
keys Up Up
keys Enter
see "switched to Elverum" "trapp · Elverum › Innsatstrapp"
s=$(screen)
for i in 1 2 3 4 5 6 7; do contains "Elverum shows trinn $i" "$s" "Trinn $i:"; done
contains "trinn 4 count" "$s" "23 tiltak"
keys Up Up
see "trinn 4 selected shows its goal" "Mål:"
keys Enter
see "trinn 4 list" "Elverum › Meningsfull og inkluderende hverdag"
see "trinn 4 list count" "23 av 128 tiltak"
see "Støttekontakt on trinn 4" "Støttekontakt"
keys /
typed "avlastning (helse)"
see "a source spelling (alias) finds the service" "2 av 128 tiltak"
s=$(screen)
check "the service spelled so comes first (the health Avlastning, 0-25)" \
	sh -c 'echo "$1" | grep -A1 "^ NAVN" | tail -1 | grep -q "Avlastning  *0-25"' _ "$s"
keys Enter Enter
see "its detail lists the other spellings" "Også skrevet"
s=$(screen)
contains "the alias itself" "$s" "Avlastning (helse)"
contains "an inferred target is marked" "$s" "familie (utledet)"
contains "with the reason" "$s" "Målgruppe utledet"
keys q
see "back to the list" "2 av 128 tiltak"
keys x
keys q

# --- remembered for the next start ---------------------------------------------------
typed 9
keys Enter
see "age 9 set" "alder 9"
keys q
check "quits from the staircase" wait_dead
expect_eq "exit status 0" "$(exit_status)" 0
start 100 30 -- --db "$DB"
see "restart remembers the kommune" "trapp · Elverum"
see "restart remembers the filters" "Filter: alder 9"
keys x

# --- resize ----------------------------------------------------------------------------
resize 120 40
see "120x40 draws the staircase" "Trinn 7:"
check "120x40 uses the width" sh -c "$TM capture-pane -p -t t | head -1 | grep -q 'Innsatstrapp'"
resize 80 24
see "80x24 shows the bottom step" "▶ Trinn 1:"
see "80x24 shows the top step" "Trinn 7:"
see "80x24 shows the step description" "Mål:"
resize 40 10
see "40x10 says the window is too small" "Vinduet er for lite (40×10)"
resize 80 24
see "back to 80x24 redraws" "Trinn 4:"
keys q
wait_dead

# --- colours and NO_COLOR ------------------------------------------------------------------
start 100 30 -- --db "$DB"
wait_for "Innsatstrapp"
col=$($TM capture-pane -e -p -t t | grep -c "$(printf '\033')\[[0-9;]*4[1-7]m" )
check "colours by meaning when allowed ($col lines)" test "$col" -gt 0
keys q; wait_dead
start 100 30 NO_COLOR=1 -- --db "$DB"
wait_for "Innsatstrapp"
col=$($TM capture-pane -e -p -t t | grep -c "$(printf '\033')\[[0-9;]*4[1-7]m" )
expect_eq "NO_COLOR: no background colours" "$col" 0
rev=$($TM capture-pane -e -p -t t | grep -c "$(printf '\033')\[[0-9;]*7m")
check "NO_COLOR keeps reverse video for the steps ($rev)" test "$rev" -gt 0
keys q; wait_dead
start 100 30 NO_COLOR= -- --db "$DB"
wait_for "Innsatstrapp"
col=$($TM capture-pane -e -p -t t | grep -c "$(printf '\033')\[[0-9;]*4[1-7]m" )
check "an empty NO_COLOR keeps colours" test "$col" -gt 0
keys q; wait_dead

# --- terminal types -------------------------------------------------------------------------
for term in xterm-256color screen linux vt100; do
	start 80 24 TERM=$term -- --db "$DB"
	see "TERM=$term draws" "Innsatstrapp"
	keys q
	check "TERM=$term quits" wait_dead
done
start 80 24 LANG=C LC_ALL=C -- --db "$DB"
see "under LANG=C æ, ø and å still show" "trapp · Elverum"
see "under LANG=C: Trinn text with å" "Hjelp til å leve godt hjemme"
keys q
wait_dead
start 80 24 TERM=dumb -- --db "$DB"
wait_dead
out=$($TM capture-pane -p -J -S -50 -t t)
contains "TERM=dumb is refused with a message" "$out" "Terminalen «dumb» kan ikke flytte markøren"
expect_eq "TERM=dumb exits 1" "$(exit_status)" 1

# --- the mouse ---------------------------------------------------------------------------------
start 100 30 -- --db "$DB"
see "Elverum remembered" "trapp · Elverum"
row=$(screen | grep -n "Trinn 6:" | cut -d: -f1)
click "$row" 60
see "a click selects a step" "▶ Trinn 6:"
click "$row" 60
see "a click on the selected step opens it" "8 av 128 tiltak"
fourth=$(screen | sed -n '7p' | cut -c2-39 | sed 's/ *$//')
click 10 20 65
keys Enter
see "the wheel scrolls and Enter opens the service under the cursor ($fourth)" "$fourth"
keys q q q
wait_dead

# --- signals restore the terminal ----------------------------------------------------------------
for sig in TERM HUP INT; do
	start 80 24 -- --db "$DB"
	wait_for "Innsatstrapp"
	pid=$(trapp_pid)
	kill -$sig "$pid"
	check "SIG$sig ends trapp" wait_dead
	check "SIG$sig leaves the full-screen mode" wait_gone "Innsatstrapp"
done
summary
