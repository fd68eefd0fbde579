#!/bin/sh
# cli-conventions.sh TRAPP - what people expect of a command-line tool:
# piped output is never cut (tables are cut to the column only on a
# terminal), --format json for every listing (checked with Python's json),
# -V, help for every command, the config file, and bash completion.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/conv.db"
export TRAPP_TODAY=2025-09-01 USER=testbruker
t() { "$T" --db "$DB" "$@"; }
t needs >/dev/null

# --- piped output is whole; a terminal gets the table cut to its columns --
out=$(t levels --kommune elverum | grep trinn7)
contains "levels | grep: the whole name" "$out" "Boliger og institusjon - spesialiserte plasser – Botilbud med forsterkede tiltak"
lacks "levels | grep: nothing cut" "$out" "…"
out=$(t services --kommune elverum | cat)
lacks "services | cat: nothing cut" "$out" "…"
if command -v script >/dev/null 2>&1; then
	out=$(script -qec "$T --db $DB levels --kommune elverum" /dev/null | tr -d '\r' | grep trinn7)
	contains "on a terminal the table is cut to its column" "$out" "spesialiserte plas…"
else
	fail "script (bsdutils) is needed for the terminal check"
fi

# --- --format json for every listing command -------------------------------
t plan new --child "Åse Testesen" --born 2016-03-14 >/dev/null
t plan add-step 1 --what "Kartlegging «lesing» \\ \"sitat\"" --who "Kari" --due 2025-08-30 >/dev/null
jcheck() {  # NAME KEY WANT ARGS...: valid JSON array of objects; KEY of the first = WANT
	name=$1; key=$2; want=$3; shift 3
	t "$@" --format json > "$TMP/out.json"; rc=$?
	expect_eq "$name --format json exits 0" "$rc" 0
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(d, list) and all(isinstance(x, dict) for x in d)
print(len(d), d[0].get(sys.argv[2], "?") if d else "-")' "$TMP/out.json" "$key" 2>&1)
	contains "$name: a JSON array of objects" "$got" "$want"
}
jcheck "services" name "124 Aktivitetsguide" services --kommune tromso
jcheck "levels" code "3 indikert" levels --kommune tromso
jcheck "needs" code "omsorg" needs
jcheck "kommuner" code "4 elverum" kommuner
jcheck "forums" name "Drøftings- og utviklingsforum" forums --kommune tromso
jcheck "grips" area "Inkluderende barnehage og skole" grips --kommune tromso
jcheck "factors" kind "risiko" factors --kommune tromso
jcheck "suggest" severity "alvorlig" suggest --age 4 --need atferd
jcheck "plan list" child "1 Åse Testesen" plan list
jcheck "due" what "1 Kartlegging «lesing» \\ \"sitat\"" due
jcheck "forums without rows" name "0 -" forums --kommune elverum
out=$(t levels --format xml 2>&1); rc=$?
expect_eq "unknown format: exit 2" "$rc" 2
contains "  names json" "$out" "gyldige: table, csv, tsv, json"
summary
