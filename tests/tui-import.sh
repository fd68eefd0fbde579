#!/bin/sh
# tui-import.sh TRAPP - importing a service list from the full-screen view:
# the form, the preview (added / removed / changed), confirm and cancel, and
# a file with errors refused with every line named and nothing written.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/import.db"
CLI() { "$TUI" --db "$DB" "$@"; }
MARCH="$PWD/tests/fixtures/tromso-2024-03.tsv"
JUNE="$PWD/tests/fixtures/tromso-2024-06.tsv"
import_form() {  # FILE KOMMUNE [MODEL]
	keys I
	see "I opens the import form" "Importer tiltaksliste"
	typed "$1"; keys Tab
	typed "$2"; keys Tab
	[ -n "${3:-}" ] && typed "$3"
	keys C-s
}

start 100 30 -- --db "$DB"
see "starts" "Innsatstrapp"
import_form "$MARCH" tromso-test prevention3
see "the preview of a new kommune" "ny kommune tromso-test (tromso-test): 123 nye, 0 fjernet"
s=$(screen)
contains "added rows are listed" "$s" "+ Audiator [audiator] (linje 2)"
contains "the preview asks before writing" "$s" "Enter / j: importer"
keys q
see "q cancels" "Innsatstrapp"
expect_eq "cancel wrote nothing" "$(CLI kommuner --format csv | grep -c '^tromso-test,')" 0

import_form "$MARCH" tromso-test prevention3
see "preview again" "123 nye"
keys Enter
see "Enter imports and switches to the kommune" "Importert til tromso-test: 123 nye, 0 fjernet, 0 endret"
see "the new kommune's staircase" "trapp · tromso-test › Innsatstrapp"
expect_eq "123 services stored" "$(CLI services --kommune tromso-test --format csv | tail -n +2 | wc -l)" 123

import_form "$JUNE" tromso-test
see "the June revision's preview" "1 nye, 0 fjernet, 66 endret"
keys End
see "warnings are shown, not blocking" "Advarsler (9)"
keys Home
found=0
for i in $(seq 1 40); do
	screen | grep -q "+ Smiso Troms \[smiso-troms\]" && { found=1; break; }
	keys PgDn; sleep 0.1
done
expect_eq "Smiso Troms listed as added" "$found" 1
keys Home
found=0
for i in $(seq 1 40); do
	screen | grep -q -- "~ Flyktningtjenesten \[flyktingtjenesten\] (linje 40) (nytt navn)" && { found=1; break; }
	keys PgDn; sleep 0.1
done
expect_eq "a renamed row is listed as a renamed change keeping its id" "$found" 1
keys q
expect_eq "cancelled: Smiso not stored" "$(CLI services --kommune tromso-test --search Smiso --format csv | tail -n +2 | wc -l)" 0

# a file with three bad rows: every problem named, nothing written
printf 'Tiltak;Alder;Nivå\nOk;0 - 6 år;Universelt\n;0 - 6 år;Universelt\nFeil;1 år;Lilla\nAnnen feil;2 år;Blå\n' > "$TMP/bad.csv"
sum=$(sqlite3 "$DB" .dump | sha256sum)
import_form "$TMP/bad.csv" tromso-test
see "a bad file is refused" "Import avvist"
s=$(screen)
contains "says nothing is imported" "$s" "Filen har 3 feil; ingenting importeres"
contains "line 3 named" "$s" "bad.csv:3: Tiltak: navn mangler"
contains "line 4 named" "$s" "bad.csv:4: Nivå:"
contains "line 5 named" "$s" "bad.csv:5: Nivå:"
keys q
expect_eq "the database is unchanged" "$(sqlite3 "$DB" .dump | sha256sum)" "$sum"

# wide characters: a name with CJK text is cut and padded by display width,
# so the age column stays aligned under its heading
printf 'Tiltak\tAlder\tNivå\tAnsvar\nSpråkkafé 日本語 og 中文 for ungdom med en veldig lang tittel\t13 - 19 år\tUniversel\tBjørnstjerne\nÅpen møteplass\t13 - 19 år\tUniversel\tØst\n' > "$TMP/wide.tsv"
"$TUI" --db "$DB" import "$TMP/wide.tsv" --kommune bredde --level-model prevention3 >/dev/null 2>&1
expect_eq "imported the wide-character list" "$?" 0
keys K
see "kommune picker" "bredde (bredde)"
keys Home Enter
see "switched" "trapp · bredde"
keys Enter
see "the list" "2 av 2 tiltak"
python3 - "$($TM capture-pane -p -t t)" <<'PY' > "$TMP/cols.txt"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
for line in sys.argv[1].split('\n'):
    for key in ('ALDER', '13 - 19 år'):
        i = line.find(key)
        if i >= 0:
            print(key, width(line[:i]))
PY
cols=$(cut -d' ' -f2- "$TMP/cols.txt" | awk '{print $NF}' | sort -u | wc -l)
expect_eq "age column aligned under ALDER for wide and narrow names ($(tr '\n' ' ' < "$TMP/cols.txt"))" "$cols" 1
see "the long wide name is cut with …" "…"
keys q

import_form "$TMP/nope.csv" tromso-test
see "a missing file is named in the form" "nope.csv"
keys Escape
see "Esc on the filled import form asks first" "har endringer som ikke er lagret"
keys j
wait_gone "har endringer som ikke"
keys q
wait_dead
expect_eq "exit status 0 (no sanitizer report)" "$(exit_status)" 0
summary
