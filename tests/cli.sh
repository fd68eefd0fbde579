#!/bin/sh
# cli.sh TRAPP - the scriptable commands: output, formats, exit codes, and
# that bad values leave the database untouched.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/cli.db"
t() { "$T" --db "$DB" "$@"; }

out=$(t kommuner --format csv); rc=$?
expect_eq "kommuner exits 0" "$rc" 0
for k in tromso elverum senja tromso-2011; do contains "kommuner lists $k" "$out" "$k,"; done
contains "tromso has 124 services" "$out" "tromso,Tromsø,prevention3,124,"
check "database created 0600" test "$(stat -c %a "$DB")" = 600

# --age 14: exactly the services an independent reading of the rules picks
t services --kommune tromso --age 14 --format csv > "$TMP/age14.csv"
t services --kommune tromso --format csv > "$TMP/all.csv"
python3 - "$TMP/all.csv" > "$TMP/all-ranges.csv" <<'PY'
import csv, sys
r = csv.DictReader(open(sys.argv[1], encoding='utf-8'))
w = csv.writer(sys.stdout)
w.writerow(['id', 'age', 'age_ranges', 'age_basis', 'target'])
for row in r:
    # the oracle gets the raw age text; curated ranges only when it is empty
    w.writerow([row['id'], row['age'], row['age_ranges'] if not row['age'] else '', row['age_basis'],
                row['target']])
PY
want=$(python3 tests/age_oracle.py "$TMP/all-ranges.csv" 14 | sort)
got=$(tail -n +2 "$TMP/age14.csv" | cut -d, -f1 | sort)
expect_eq "--age 14 lists exactly the services whose age text holds 14" "$got" "$want"
n14=$(echo "$got" | wc -l)
check "--age 14 is a real subset ($n14 of 124)" test "$n14" -gt 30 -a "$n14" -lt 124
for a in 0 6 17 18 40; do
	want=$(python3 tests/age_oracle.py "$TMP/all-ranges.csv" $a | sort)
	got=$(t services --age $a --format csv | tail -n +2 | cut -d, -f1 | sort)
	expect_eq "--age $a matches the oracle" "$got" "$want"
done

head=$(head -1 "$TMP/age14.csv")
expect_eq "csv header" "$head" "id,name,levels,age,age_ranges,age_basis,target,needs,responsible,historical"
out=$(t services --format tsv --search "Smiso Troms")
contains "tsv header" "$out" "$(printf 'id\tname\tlevels')"
contains "tsv row" "$out" "$(printf 'smiso-troms\tSmiso Troms\t')"

# ranked: the two services with every word first, then those with some
out=$(t services --search "ØKONOMISK STØTTE TIL FRITID" --format csv | tail -n +2 | cut -d, -f1 | head -2 | sort | tr '\n' ' ')
expect_eq "search is case-insensitive with æøå" "$out" "okonomisk-stotte-til-fritidsaktiviteter okonomisk-stotte-til-fritidsaktiviteter-2 "
out=$(t services --need rus --need vold --age 15 --level selektivt --format csv | tail -n +2)
echo "$out" | while IFS= read -r line; do
	case $line in *selektivt*) ;; *) echo "FAIL level filter: $line" ;; esac
done
check "repeated --need means any" test "$(t services --need rus --need vold --format csv | wc -l)" -gt "$(t services --need rus --format csv | wc -l)"
n=$(t services --level selektivt --format csv | tail -n +2 | wc -l)
expect_eq "64 selektivt services in Tromsø (46 + 15 + 3 in appendix 1)" "$n" 64
out=$(t services --age 30 --format csv)
lacks "Ansatte services never match an age" "$out" ",Ansatte,"
out=$(t services --kommune senja --level gul --format csv | tail -n +2 | wc -l)
check "native code gul works on Senja ($out)" test "$out" -gt 0
out=$(t services --kommune elverum --level trinn4 --format csv)
contains "trinn4 lists Støttekontakt" "$out" "stottekontakt,Støttekontakt,trinn4;trinn5"
contains "trinn4 lists Besøkshjem" "$out" "besokshjem,"
contains "trinn4 lists the child welfare Støttekontakt apart" "$out" "stottekontakt-barnevern,Støttekontakt,trinn4,"
n=$(echo "$out" | tail -n +2 | wc -l)
expect_eq "Elverum trinn 4 has the document's 23 services (Støttekontakt and Avlastning under barnevern and under helse)" "$n" 23
n=$(t services --kommune elverum --level universelt --format csv | tail -n +2 | wc -l)
expect_eq "universelt on Elverum = trinn 1 (28)" "$n" 28
out=$(t services --age 14)
contains "table marks unknown age" "$out" "alder ikke oppgitt"
contains "table counts" "$out" "tiltak"

out=$(t levels --kommune elverum)
for i in 1 2 3 4 5 6 7; do contains "elverum trinn $i" "$out" "trinn$i"; done
contains "trinn title" "$out" "Attraktivt og inkluderende lokalsamfunn"
n=$(t levels --kommune tromso --format csv | tail -n +2 | wc -l)
expect_eq "Tromsø has 3 steps" "$n" 3
n=$(t needs --format csv | tail -n +2 | wc -l)
expect_eq "16 needs" "$n" 16

out=$(t suggest --age 14 --need atferd --severity alvorlig)
contains "suggest names MST" "$out" "MST"
out=$(t suggest --age 3 --need atferd --severity alvorlig)
contains "0-5 alvorlig: De utrolige årene" "$out" "De utrolige årene"
out=$(t suggest --age 8 --need atferd --severity disiplin --format csv)
contains "6-12 disiplin: PALS" "$out" "PALS"
# table 8: the documented help for every severity x age band cell
for cell in "alvorlig 3 De utrolige årene" "alvorlig 8 PMTO" "alvorlig 14 MST" \
	    "moderat 3 DUÅ/TIBIR (kurs og foreldreveiledning)" "moderat 8 TIBIR/DUÅ (kurs, konsultasjon" \
	    "moderat 15 Foreldreveiledning (TIBIR/DUÅ)" "disiplin 4 Hjem-skole samarbeid" \
	    "disiplin 10 PALS(TIBIR)" "disiplin 16 Universalprogrammet (DUÅ)"; do
	sev=${cell%% *}; rest=${cell#* }; age=${rest%% *}; want=${rest#* }
	out=$(t suggest --age "$age" --need atferd --severity "$sev" --format csv)
	contains "table 8: $sev, age $age -> $want" "$out" "$want"
	expect_eq "table 8: $sev, age $age is one cell" "$(echo "$out" | tail -n +2 | wc -l)" 1
done
# one service, every field (Senja keeps its organisation and evaluation fields)
out=$(t service --kommune senja barn-foreldre-informeres-om-gratisprinsipp-i-skole)
contains "service shows the organisation field" "$out" "Organisering     Foreldre skal få tydelig informasjon"
contains "service shows the source by its title and section" "$out" "Plan for forebygging av omsorgssvikt og atferdsproblemer, Senja kommune: Tabell 6"
lacks "not the internal file name" "$out" "002_0623eadc016e3d83.txt"
contains "labels aligned by display width" "$out" "Målgruppetype    foreldre"
out=$(t service --kommune elverum stottekontakt)
contains "Elverum service shows the trinn goals" "$out" "Trinn 4: Barn og unge i Elverum"
t service --kommune elverum nope >/dev/null 2>&1; expect_eq "unknown service exits 2" "$?" 2
# make install puts the binary and the man page under DESTDIR/PREFIX
make -s install BUILD="$(dirname "$T")" DESTDIR="$TMP/inst" PREFIX=/usr >/dev/null 2>&1
check "make install: binary" test -x "$TMP/inst/usr/bin/trapp"
check "make install: man page" test -f "$TMP/inst/usr/share/man/man1/trapp.1"
out=$("$TMP/inst/usr/bin/trapp" --db "$TMP/inst.db" kommuner)
contains "the installed binary has the catalogues built in" "$out" "Elverum"
out=$(t forums --kommune senja)
for f in "Ressursteam" "Utvidet ressursteam" "Samordningsteam" "Tverrfaglig oppfølgingsteam"; do
	contains "senja forum $f" "$out" "$f"; done
n=$(t forums --kommune tromso --format csv | tail -n +2 | wc -l)
expect_eq "tromso 5.2.4 has 4 forums" "$n" 4
out=$(t factors --kommune tromso --format csv)
expect_eq "7 risk factors" "$(echo "$out" | grep -c ',risiko,')" 7
expect_eq "6 protective factors" "$(echo "$out" | grep -c ',beskyttelse,')" 6
out=$(t grips --kommune tromso)
contains "grips show area 1" "$out" "1. "
n=$(t grips --kommune tromso --format csv | tail -n +2 | wc -l)
check "grips listed ($n)" test "$n" -ge 40

# bad values: exit 2, one line naming the value, database untouched
sum_before=$(sha256sum "$DB" | cut -d' ' -f1)
for args in "services --age -3" "services --age abc" "services --age 121" "services --need hobby" \
	    "services --level lilla" "services --kommune oslo" "services --target katt" \
	    "services --format xml" "levels --kommune oslo" "suggest --age 14 --need atferd --severity streng" \
	    "services --bogus"; do
	err=$(t $args 2>&1 >/dev/null); rc=$?
	expect_eq "'$args' exits 2" "$rc" 2
	expect_eq "'$args' prints one line" "$(echo "$err" | wc -l)" 1
done
err=$(t services --need hobby 2>&1)
contains "bad need names the value" "$err" "«hobby»"
contains "bad need lists the choices" "$err" "omsorg, vold, rus"
err=$(t services --age abc 2>&1)
contains "bad age names the value" "$err" "«abc»"
err=$(t services --kommune oslo 2>&1)
contains "bad kommune lists valid ones" "$err" "elverum, senja, tromso, tromso-2011"
expect_eq "database untouched by bad values" "$(sha256sum "$DB" | cut -d' ' -f1)" "$sum_before"

# no terminal: refuse to draw
err=$("$T" --db "$DB" 2>&1 </dev/null | cat); rc=$?
"$T" --db "$DB" </dev/null >/dev/null 2>&1; rc=$?
expect_eq "TUI without a terminal exits 2" "$rc" 2
contains "TUI without a terminal says so" "$err" "terminal"

# database path resolution: $TRAPP_DB, XDG_DATA_HOME, HOME
TRAPP_DB="$TMP/env.db" "$T" needs >/dev/null
check "TRAPP_DB honoured" test -f "$TMP/env.db"
XDG_DATA_HOME="$TMP/xdg" "$T" needs >/dev/null
check "XDG_DATA_HOME/trapp/trapp.db" test -f "$TMP/xdg/trapp/trapp.db"
expect_eq "XDG directory is 0700" "$(stat -c %a "$TMP/xdg/trapp")" 700
"$T" needs >/dev/null
check "default ~/.local/share/trapp/trapp.db" test -f "$HOME/.local/share/trapp/trapp.db"

# the man page's key table is the action table's own output
man_keys=$(sed -n '/keys-begin/,/keys-end/p' man/trapp.1 | sed '1d;$d')
expect_eq "man page KEYS match the action table" "$man_keys" "$("$T" keys --format roff)"
out=$("$T" keys); contains "keys lists the search key" "$out" "Søk i navn"
"$T" keys --format xml >/dev/null 2>&1; expect_eq "keys with a bad format exits 2" "$?" 2
me=$(id -un)
out=$(USER=testbruker t whoami)
expect_eq "whoami is the OS login, never \$USER (the creator administers)" "$out" "$me, kommuneadministrator"
expect_eq "whoami --set sets the login's display name" "$(t whoami --set 'Lise Lærer')" "Lise Lærer ($me), kommuneadministrator"
expect_eq "\$USER changes nothing" "$(USER=testbruker t whoami)" "Lise Lærer ($me), kommuneadministrator"
id=$(t plan new --child "Ola Testesen" --born 2017)
contains "plan changes are recorded under that name" "$(t plan show "$id" --audit)" "Lise Lærer"
# --- catalogue fidelity (issue 19): staff/adult rows, pointer rows, marks ------------
out=$(t services --kommune senja --age 3 --format csv)
printf '%s\n' "$out" > "$TMP/senja3.csv"
check "senja --age 3: no adult or staff service without ages of its own, no pointer row" python3 -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
bad = [r['id'] for r in rows if r['target'] in ('voksne', 'ansatte') and (r['age_basis'] == 'inferred' or not (r['age_ranges'] or r['age']))]
bad += [r['id'] for r in rows if 'egen tabell' in r['name'].lower() or r['name'].lower().startswith('se ')]
sys.exit(1 if bad or len(rows) < 20 else 0)" "$TMP/senja3.csv"
lacks "senja --age 3: no Rusbehandling voksne" "$out" "rusbehandling-voksne"
lacks "senja --age 3: no Psykisk helse voksne" "$out" "psykisk-helse-voksne"
lacks "senja: the pointer row 'Se Tidlig inn plattform' is gone" "$(t services --kommune senja)" "Se Tidlig inn"
contains "a staff service reaching 1-6 year olds still comes up for a 3-year-old" "$out" "foreldresamarbeid-kompetanseheving"
out=$(t services --kommune tromso --age 10 --format csv)
lacks "OMNI (for staff, no age) does not come up for a 10-year-old" "$out" "omni,"
contains "OMNI comes up without an age filter" "$(t services --kommune tromso --format csv)" "omni,"
out=$(t service --kommune tromso omni)
contains "the detail says why OMNI does not match a child's age" "$out" "Barnets alder    nei – en tjeneste for ansatte"
out=$(t services --kommune tromso --need rus --format csv)
lacks "--need rus: not Livskrisehjelpen (only its responsible unit says rus)" "$out" "livskrisehjelpen"
lacks "--need rus: not Lanterna" "$out" "lanterna-oppfolgingstjeneste"
out=$(t service --kommune senja rusbehandling-voksne)
contains "Senja level marked as inferred" "$out" "Rød (utledet)"
contains "with the reason" "$out" "Nivå utledet     fargene (grønn/gul/rød) i tabell 2–7 gikk tapt"
out=$(t service --kommune tromso konfliktradet)
contains "an inferred age has its reason" "$out" "Alder utledet    «unge i konflikt med loven»"
out=$(t service --kommune elverum barneergoterapeut)
contains "Elverum: the other spellings are shown" "$out" "Også skrevet     Barneergoterapi"
contains "a search for a source spelling finds the service" \
	"$(t services --kommune elverum --search 'Avlastning (helse)' --format csv)" "avlastning,Avlastning,trinn4;trinn6"
out=$(t service --kommune elverum stottekontakt-barnevern)
contains "child welfare Støttekontakt: its own heading" "$out" "Kategori         VEDTAKSBASERTE TILTAK I BARNEVERN"
lacks "child welfare Støttekontakt: not the health heading's 0-25" "$out" "0-25"
out=$(t services --kommune tromso-2011)
n=$(echo "$out" | grep -c "(historisk) ")
expect_eq "every Tromsø 2011 row is marked historisk" "$n" 19
contains "the count says the catalogue is historical" "$out" "19 tiltak i en historisk katalog"
n=$(t services --kommune tromso-2011 --format csv | tail -n +2 | grep -c ',1$')
expect_eq "csv: historical = 1 on every Tromsø 2011 row" "$n" 19
lacks "Tromsø 2024 rows are not historisk" "$(t services --kommune tromso)" "(historisk)"
n=$(t export services --kommune tromso-2011 | tail -n +2 | grep -c ',1$')
expect_eq "export: historical = 1 on every Tromsø 2011 row" "$n" 19
contains "trapp service says historisk" "$(t service --kommune tromso-2011 minelli)" "Historisk        ja"
out=$("$T" --help); contains "--help documents services" "$out" "services [--kommune K]"
out=$("$T" --version); contains "--version" "$out" "trapp "
summary
