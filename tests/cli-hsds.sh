#!/bin/sh
# cli-hsds.sh TRAPP - `export services --format hsds` for every compiled-in
# kommune, checked by an independent validator (tests/hsds/validate.py with
# Debian's python3-jsonschema) against the official Open Referral HSDS 3.0
# datapackage.json and JSON schemas and the Frictionless tabular data
# package profile (copies in tests/hsds/, see tests/hsds/README.md); plus
# the content a coordinator would look for, and stable ids.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/hsds.db"
t() { "$T" --db "$DB" "$@"; }

# Debian's python3-jsonschema lives in /usr/bin/python3's dist-packages;
# a python3 earlier on PATH may not see it.
PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import jsonschema' 2>/dev/null; then PY=$p; break; fi
done
check "a python3 with jsonschema (python3-jsonschema) is installed" test -n "$PY"
[ -n "$PY" ] || { summary; exit 1; }

validate() {  # validate NAME DIR: one test per validator line
	"$PY" tests/hsds/validate.py "$2" > "$TMP/val.out" 2>&1
	echo "rc=$?" >> "$TMP/val.out"
	while read -r line; do
		case $line in
		ok\ *) ok "$1: ${line#ok }" ;;
		FAIL\ *) fail "$1: ${line#FAIL }" ;;
		rc=0|summary*) ;;
		*) fail "$1: $line" ;;
		esac
	done < "$TMP/val.out"
}

for k in tromso elverum senja tromso-2011; do
	t export services --kommune $k --format hsds -o "$TMP/$k"; rc=$?
	expect_eq "$k: export exits 0" "$rc" 0
	validate "$k" "$TMP/$k"
done

# What is in the package (Tromsø 2024 and the 2011 catalogue with addresses)
count() { "$PY" -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$1"; }
expect_eq "tromso: 124 services" "$(count "$TMP/tromso/services.csv")" 124
expect_eq "tromso: one organization" "$(count "$TMP/tromso/organizations.csv")" 1
expect_eq "tromso: no addresses in the 2024 catalogue" "$(count "$TMP/tromso/addresses.csv")" 0
expect_eq "tromso-2011: 6 distinct addresses as locations" "$(count "$TMP/tromso-2011/locations.csv")" 6
expect_eq "tromso-2011: 6 services at a location" "$(count "$TMP/tromso-2011/service_at_location.csv")" 6
expect_eq "tromso-2011: 4 addresses with postcode and town" "$(count "$TMP/tromso-2011/addresses.csv")" 4
expect_eq "tromso-2011: 5 opening hours as schedules" "$(count "$TMP/tromso-2011/schedules.csv")" 5
contains "address split into street, town, fylke, postcode, country" "$(cat "$TMP/tromso-2011/addresses.csv")" \
	",Grønnegata 103,,Tromsø,,Troms,9008,NO,physical"
contains "opening hours kept as the catalogue words them" "$(cat "$TMP/tromso-2011/schedules.csv")" \
	"hver tirsdag klokken 17-19"
st=$("$PY" -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
print(len(rows), sum(r['status'] == 'inactive' for r in rows))" "$TMP/tromso-2011/services.csv")
expect_eq "the historical Tromsø 2011 services are all status inactive" "$st" "19 19"
st=$("$PY" -c "
import csv, sys
print(sorted({r['status'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))}))" "$TMP/tromso/services.csv")
expect_eq "current Tromsø services are active" "$st" "['active']"
elig=$("$PY" - "$TMP/tromso/services.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
print('double', sum('..' in r['eligibility_description'] for r in rows))
s = [r for r in rows if r['name'] == 'Smiso Troms'][0]
print('smiso', s['minimum_age'], s['maximum_age'] or '-', s['eligibility_description'][-12:])
PY
)
contains "eligibility has no double full stop (was 101 of 124)" "$elig" "double 0"
contains "Smiso Troms 16+ (no maximum), age text in eligibility" "$elig" "smiso 16 -  Alder: 16 +"

t export services --kommune tromso --format hsds -o "$TMP/again"
check "re-export gives the same ids and files" diff -r "$TMP/tromso" "$TMP/again"

# The validator can fail: a package with a dropped column, a status outside
# the enum and an empty foreignKeys list is rejected.
cp -r "$TMP/tromso" "$TMP/bad"
sed -i '1s/,alternate_name//; 2s/,active,/,open,/' "$TMP/bad/services.csv"
"$PY" -c '
import json, sys
p = sys.argv[1] + "/datapackage.json"; d = json.load(open(p))
d["resources"][0]["schema"]["foreignKeys"] = []
json.dump(d, open(p, "w"))' "$TMP/bad"
out=$("$PY" tests/hsds/validate.py "$TMP/bad" 2>&1); rc=$?
expect_eq "validator rejects a broken package" "$rc" 1
contains "  the empty foreignKeys" "$out" "FAIL datapackage.json is a valid Frictionless tabular data package"
contains "  the missing column" "$out" "FAIL services.csv: header is the official column list"

# Usage errors
out=$(t export services --kommune tromso --format hsds 2>&1); rc=$?
expect_eq "hsds without -o is a usage error" "$rc" 2
contains "  says -o MAPPE" "$out" "-o MAPPE"
summary
