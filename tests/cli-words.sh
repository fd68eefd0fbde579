#!/bin/sh
# cli-words.sh TRAPP - the words a BTI coordinator uses, the same on every
# screen, CLI output, export and the man page (issue 15, item 13): the
# texts the binary can show (strings(1) of the binary), a plan exported in
# every text format, and man/trapp.1 hold none of the old words; the new
# ones are there.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/words.db"
t() { TRAPP_TODAY=2026-11-23 "$T" --db "$DB" "$@"; }

# the old words, each a phrase a person could read (not identifiers)
OLD='Overlever stafettpinnen|meldt av|Meldt av|sin plan|Med logg|Lukk planen|Ny plan \(|Nytt tiltak|Endre tiltak|Tiltak og neste steg|Tiltak nr|1 – egen tjeneste|Stafettlogg – plan|Kilde 00[0-9]_'

texts=$(LC_ALL=C strings -e S -n 6 "$T")
bad=$(printf '%s\n' "$texts" | grep -E "$OLD" | head -5)
expect_eq "the binary's screens hold none of the old words" "$bad" ""
for want in "Overfør stafettpinnen" "Lagt merke til av" "Med endringslogg" "Lukk stafettloggen" \
	    "Nytt steg" "kommunes plan" "Nivå 1 – innsats i egen tjeneste"; do
	contains "the binary says «$want»" "$texts" "$want"
done

bad=$(grep -E "$OLD" man/trapp.1 | head -5)
expect_eq "the man page holds none of the old words" "$bad" ""

id=$(t plan new --child "Ola Testesen" --born 2016 --unit "Solsikken skole" --holder "Lise Lærer")
t plan concern "$id" --text "Uro i timene" --date 2026-11-20 --by kontaktlærer >/dev/null
t plan consent "$id" --by foresatte --guardians "Mona Testesen, Ole Testesen" --date 2026-11-21 \
	--scope pedagogisk-psykologisk-tjeneste-ppt >/dev/null
expect_eq "consent --by foresatte is accepted" "$?" 0
t plan needs "$id" --set skole >/dev/null
t plan add-step "$id" --what "Kartlegging" --who "Lise Lærer" --due 2026-12-01 >/dev/null
t plan meeting "$id" --date 2026-11-23 --notes "Oppstart" --attended "Lise Lærer" --steps 1 >/dev/null
for fmt in txt md html; do
	doc=$(t plan export "$id" --format "$fmt" --audit)
	bad=$(printf '%s\n' "$doc" | grep -E "$OLD|fra foreldre|Kommune: *tromso" | head -3)
	expect_eq "export $fmt: none of the old words" "$bad" ""
	contains "export $fmt: lagt merke til av" "$doc" "lagt merke til av kontaktlærer"
	contains "export $fmt: foresatte, with names" "$doc" "samtykke fra foresatte (Mona Testesen, Ole Testesen)"
	contains "export $fmt: the heading says stafettlogg" "$doc" "Stafettlogg $id"
	contains "export $fmt: the steps are neste steg" "$doc" "Neste steg"
	contains "export $fmt: one label per level" "$doc" "Nivå 1 – innsats i egen tjeneste"
	contains "export $fmt: the kommune by name" "$doc" "Tromsø"
	contains "export $fmt: needs by label" "$doc" "Barnehage og skole"
done
# the PDF for the archive says the same (pdftotext, an independent reader)
if command -v pdftotext >/dev/null; then
	t plan export "$id" --format pdf --audit -o "$TMP/w.pdf" >/dev/null
	doc=$(pdftotext -layout "$TMP/w.pdf" - | tr -s ' \n' '  ')
	for want in "Stafettlogg $id" "lagt merke til av kontaktlærer" "samtykke fra foresatte (Mona Testesen, Ole Testesen)" \
		    "Neste steg" "Nivå 1 – innsats i egen tjeneste"; do
		contains "export pdf: «$want»" "$doc" "$want"
	done
	bad=$(printf '%s\n' "$doc" | grep -E "$OLD" | head -3)
	expect_eq "export pdf: none of the old words" "$bad" ""
else
	fail "pdftotext (poppler-utils) is needed to read the PDF export"
fi

# the CLI's own messages and the calendar name the stafettlogg
contains "plan level says Stafettlogg N" "$(t plan level "$id" 2 --why "PPT trengs" 2>&1)" "Stafettlogg $id: Nivå 2 – "
contains "plan needs says stafettlogg N" "$(t plan needs "$id" --set skole)" "Behov for stafettlogg $id"
ics=$(t due --format ics --days 365)
contains "due --format ics: a step is a steg in stafettlogg N" "$ics" "Frist steg 1 – stafettlogg $id"
lacks "due --format ics: no «plan N»" "$ics" "– plan $id"
lacks "due --format ics: no «tiltak» for a step" "$ics" "Frist tiltak"

# the man page uses the same words (roff escapes read as the characters)
MAN=$(sed -e 's/\\(en/–/g; s/\\(lq/“/g; s/\\(rq/”/g; s/\\-/-/g; s/\\f[BRI]//g' man/trapp.1 | tr '\n' ' ')
for want in "Overfør stafettpinnen" "Stafettlogg 7" "lagt merke til av" "foresatte" "Nivå 1 – innsats i egen tjeneste" \
	    "Neste steg" "Med endringslogg" "Tromsø kommunes plan" "Selektivt og indikert" \
	    "Trygg oppvekst 2024–2030, Tromsø kommune: vedlegg 1" "Frist steg 2 – stafettlogg 7"; do
	contains "the man page says «$want»" "$MAN" "$want"
done

out=$(t service --kommune tromso audiator)
lacks "trapp service: no internal source file name" "$out" "001_e45f497a65452c8b.txt"
contains "trapp service: the source by title and section" "$out" "Trygg oppvekst 2024–2030, Tromsø kommune: vedlegg 1"
# the level blurbs are whole sentences from Trygg oppvekst (section 4)
contains "the universal level's blurb is a whole sentence" "$texts" "Satsingsområdene gjelder alle barn og unge i kommunen og har fokus på helsefremmende tiltak som fremmer trivsel (universelt forebyggingsnivå)."
bad=$(printf '%s\n' "$texts" | grep -E '(^|,)(alle barn og unge i kommunen og har|oppdage og initiere hjelp|barn og unge med høy risiko eller klare)' | head -2)
expect_eq "no blurb starts mid-sentence" "$bad" ""
# error texts begin with a capital letter (a leading «command», --option or
# file name stays as typed): one bad call per kind of error
bad=""
for args in "plan show en" "plan slett" "plan" "plan show 99" "services --age x" "services --format x" \
	    "service nope" "import" "import /nonexistent.csv --kommune tromso" "suggest" "plan export 1 --format x" \
	    "plan goal 1 1" "nope" "--plan x" "help a b" "plan add-step 1 --what x --who y --due 2025-09-31"; do
	# shellcheck disable=SC2086
	e=$(t $args 2>&1 >/dev/null | grep '^trapp: ' | grep -v '^trapp: advarsel')
	[ -n "$e" ] || { bad="$bad [$args: no message]"; continue; }
	printf '%s\n' "$e" | grep -qv '^trapp: [A-ZÆØÅ«-]' && bad="$bad [$args: $e]"
done
expect_eq "every error text begins with a capital letter" "$bad" ""
summary
