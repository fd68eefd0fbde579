#!/bin/sh
# cli-plan.sh TRAPP - a plan's whole life from the command line: a
# fictional 9-year-old, consent, two services, two steps with owners and
# dates, a meeting, a hand-over that is accepted, exports (content and
# 0600 mode), trapp due, and the guard rails (a service outside consent,
# level 1, a closed plan), with errors on one line that never name the
# child and leave the database unchanged.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/plan.db"
export TRAPP_TODAY=2025-09-01 USER=testbruker
t() { "$T" --db "$DB" "$@"; }
PPT=pedagogisk-psykologisk-tjeneste-ppt
RT=ressursteam-i-skole

# err NAME WANT ARGS...: exits 2 with one line holding WANT, no child name
err() {
	name=$1; want=$2; shift 2
	e=$(t "$@" 2>&1 >/dev/null); rc=$?
	expect_eq "$name: exit 2" "$rc" 2
	expect_eq "$name: one line" "$(printf '%s\n' "$e" | wc -l)" 1
	contains "$name: says why" "$e" "$want"
	lacks "$name: no child name" "$e" "Testesen"
}

me=$(id -un)
t whoami --set testbruker >/dev/null
id=$(t plan new --child "Ola Testesen" --born 2016-03-14 --unit "Solsikken skole"); rc=$?
expect_eq "plan new exits 0" "$rc" 0
expect_eq "plan new prints the id alone" "$id" 1
out=$(t plan list)
contains "list shows the child" "$out" "Ola Testesen"
contains "list shows the level and holder" "$out" "9        1     testbruker"
out=$(t plan show 1)
contains "show: age 9" "$out" "Alder:          9 år"
contains "show: starts at level 1" "$out" "Nivå 1 – innsats i egen tjeneste"
audit=$(t plan show 1 --audit | tr '\n' ' ' | tr -s ' ')
contains "the creation row names the kommune by its name" "$audit" \
	"stafettlogg opprettet på nivå 1 i kommunen Tromsø; stafettholder testbruker [$me] (Solsikken skole)"

# guard rails before consent and at level 1
err "service without consent" "Stafettlogg 1 har ikke samtykke" plan add-service 1 $PPT
err "unknown service in consent" "trapp services --kommune tromso --search" \
	plan consent 1 --by foreldre --date 2025-08-30 --scope ppt
err "youth cannot consent at 9" "samtykket må gis av foresatte" \
	plan consent 1 --by ungdom --date 2025-08-30 --scope $PPT
out=$(t plan consent 1 --by foreldre --date 2025-08-30 --scope $PPT,$RT); rc=$?
expect_eq "consent exits 0" "$rc" 0
err "level 1 keeps to the holder's service" "hev nivået til 2" plan add-service 1 $PPT
err "level needs a reason" "trenger --why" plan level 1 2
t plan level 1 2 --why "Trenger PPT og ressursteam" >/dev/null
check "raised to level 2" t plan show 1 >/dev/null
out=$(t plan add-service 1 $PPT --role "utredning av lesevansker"); rc=$?
expect_eq "first service added" "$rc" 0
t plan add-service 1 $RT >/dev/null; rc=$?
expect_eq "second service added" "$rc" 0

# the refusal of a service outside consent, and nothing written
sum_before=$(sha256sum "$DB" | cut -d' ' -f1)
err "service outside consent" "Samtykket i stafettlogg 1 gjelder bare" plan add-service 1 logopedtjenesten
e=$(t plan add-service 1 logopedtjenesten 2>&1)
contains "outside consent: says what to record" "$e" "registrer nytt samtykke med «trapp plan consent 1 --by foresatte|ungdom|begge --date ÅÅÅÅ-MM-DD --scope $PPT,$RT,logopedtjenesten»"
err "service twice" "allerede med i stafettlogg 1" plan add-service 1 $PPT
err "bad due date" "Ugyldig frist «2025-09-31»" plan add-step 1 --what x --who y --due 2025-09-31
err "step needs --due" "trenger --due" plan add-step 1 --what x --who y
err "bad plan id" "Ugyldig stafettlogg-id «en»" plan show en
err "no such plan" "Finner ingen stafettlogg med id 9" plan show 9
err "unknown subcommand" "Ukjent plan-kommando «slett»" plan slett 1
err "bad close reason" "mal-nadd, samtykke-trukket" plan close 1 --reason lei
err "bad step status" "planlagt, pågår, fullført, avbrutt" plan step 1 1 --status ferdig
err "accept without proposal" "ingen foreslått overføring" plan accept 1
err "bad export format" "gyldige: txt, md, html, pdf" plan export 1 --format docx
expect_eq "refusals left the database unchanged" "$(sha256sum "$DB" | cut -d' ' -f1)" "$sum_before"

# goals, steps, people, concern, meeting
expect_eq "goal 1" "$(t plan add-goal 1 --text 'Ola trives og leser bedre')" 1
t plan goal 1 1 --text "Ola trives på skolen og leser bedre" >/dev/null; rc=$?
expect_eq "a goal can be reworded" "$rc" 0
contains "the new wording shows" "$(t plan show 1)" "Ola trives på skolen og leser bedre"
contains "the audit keeps the old wording" "$(t plan show 1 --audit)" "mål 1: «Ola trives og leser bedre» →"
err=$(t plan goal 1 1 2>&1); rc=$?
expect_eq "plan goal without --status or --text exits 2" "$rc" 2
contains "says what it needs" "$err" "trenger --status eller --text"
t plan goal 1 1 --text "Ola trives og leser bedre" >/dev/null
# services and people leave the plan, with the audit; open steps hold a service
t plan add-person 1 --name "Testperson Midlertidig" --role besteforelder >/dev/null
out=$(t plan remove-person 1 --name "Testperson Midlertidig"); rc=$?
expect_eq "remove-person exits 0" "$rc" 0
lacks "the person is gone" "$(t plan show 1)" "Testperson Midlertidig"
contains "the audit keeps who left" "$(t plan show 1 --audit)" "person fjernet: Testperson Midlertidig"
err=$(t plan remove-person 1 --name "Finnes Ikke" 2>&1); rc=$?
expect_eq "removing an unknown person exits 2" "$rc" 2
lacks "the refusal does not repeat the name" "$err" "Finnes Ikke"
err=$(t plan remove-service 1 ukjent-tjeneste 2>&1); rc=$?
expect_eq "removing a service not in the plan exits 2" "$rc" 2
contains "names the service id" "$err" "«ukjent-tjeneste»"
# the plan's needs: codes from `trapp needs`, kept in need order
out=$(t plan needs 1 --set skole,atferd); rc=$?
expect_eq "plan needs exits 0" "$rc" 0
contains "plan needs confirms" "$out" "Behov for stafettlogg 1"
contains "plan show lists the needs in need order" "$(t plan show 1)" "Behov:          Barnehage og skole, Atferdsvansker"
err=$(t plan needs 1 --set skole,hobby 2>&1); rc=$?
expect_eq "an unknown need exits 2" "$rc" 2
contains "an unknown need is named with the valid ones" "$err" "Ukjent behov «hobby»; gyldige: omsorg"
contains "a refused change keeps the needs" "$(t plan show 1)" "Behov:          Barnehage og skole, Atferdsvansker"
s1=$(t plan add-step 1 --what "Kartlegging av lesing" --who "Kari Lærer" --due 2025-09-15 \
	--evaluate 2025-10-15 --service $PPT)
s2=$(t plan add-step 1 --what "Samtale med helsesykepleier" --who "Per Helsesykepleier" --due 2025-08-28)
expect_eq "step numbers" "$s1 $s2" "1 2"
out=$(t plan step 1 2 --who "Per Helsesøster"); rc=$?
expect_eq "a step can get a new person responsible" "$rc" 0
contains "the new owner shows" "$(t plan show 1)" "Per Helsesøster"
contains "the audit says who had it before" "$(t plan show 1 --audit)" "ansvarlig Per Helsesykepleier →"
t plan step 1 2 --who "Per Helsesykepleier" >/dev/null
err=$(t plan remove-service 1 $PPT 2>&1); rc=$?
expect_eq "a service with open steps cannot leave (exit 2)" "$rc" 2
contains "the refusal names the open steps and what to do" "$err" "har åpne steg i stafettlogg 1 (1): sett dem til fullført eller avbrutt først"
t plan add-person 1 --name "Anne Testesen" --role mor --contact "tlf 400 00 000" >/dev/null
t plan concern 1 --text "Ola er urolig i timene" --date 2025-08-20 --by "Kari Lærer" >/dev/null
m=$(t plan meeting 1 --date 2025-09-01 --notes "Oppstartsmøte. Avtalt steg 1 og 2." \
	--attended "Anne Testesen, Kari Lærer, PPT" --steps 1,2)
expect_eq "meeting 1" "$m" 1
err "meeting with unknown step" "har ikke steg 7" plan meeting 1 --date 2025-09-01 --notes x --attended "mor" \
	--steps 7
# minutes say who was there: a meeting with nobody present is refused, and nothing is saved
err "meeting with nobody present" "Ingen er ført opp som til stede på møtet: skriv hvem som var med, for eksempel --attended \"mor, kontaktlærer, PPT\"" \
	plan meeting 1 --date 2025-09-02 --notes "Ingen møtte"
err "meeting with only commas present" "Ingen er ført opp som til stede" plan meeting 1 --date 2025-09-02 \
	--notes "Ingen møtte" --attended " , "
lacks "a refused meeting is not saved" "$(t plan show 1)" "Ingen møtte"

# hand-over: the baton stays until the named login accepts (the other
# login's side is in cli-identity.sh)
t plan handover 1 --to lise --service "Solsikken skole, 4. trinn" >/dev/null
out=$(t plan show 1)
contains "before acceptance the old holder keeps it" "$out" "Nå:             testbruker (Solsikken skole)"
contains "the proposal is shown" "$out" "lise (Solsikken skole, 4. trinn), foreslått 2025-09-01"
err "only the named login accepts" "venter på lise: bare den brukeren kan akseptere" plan accept 1
err "a hand-over names a login" "ikke et gyldig brukernavn" plan handover 1 --to "Lise Lærer" --service x

# due: overdue first, then by date
want='DATO        PLAN  BARN              HVA                 STEG                                  ANSVARLIG
2025-08-28  1     Ola Testesen      FORFALT frist       2: Samtale med helsesykepleier        Per Helsesykepleier
2025-09-15  1     Ola Testesen      frist               1: Kartlegging av lesing              Kari Lærer
2025-10-15  1     Ola Testesen      evaluering          1: Kartlegging av lesing              Kari Lærer'
expect_eq "trapp due shows exactly the open steps and evaluations" "$(t due)" "$want"
out=$(t due --days 7)
expect_eq "--days 7: overdue only" "$(echo "$out" | wc -l)" 2
out=$(t due --format csv)
contains "due csv" "$out" "2025-08-28,1,1,Ola Testesen,frist,2,Samtale med helsesykepleier,Per Helsesykepleier"
out=$(t due --mask)
lacks "due --mask hides the name" "$out" "Testesen"
contains "due --mask shows initials" "$out" "O.T."

# exports: the whole plan, 0600, no clobber
for f in txt md html; do
	out=$(t plan export 1 --format $f -o "$TMP/plan.$f"); rc=$?
	expect_eq "export $f exits 0" "$rc" 0
	expect_eq "export $f is 0600" "$(stat -c %a "$TMP/plan.$f")" 600
	doc=$(cat "$TMP/plan.$f")
	for want in "Ola Testesen" "2016-03-14" "Pedagogisk psykologisk tjeneste (PPT)" "Ressursteam i skole" \
		    "Kartlegging av lesing" "Kari Lærer" "2025-09-15" "Samtale med helsesykepleier" \
		    "Per Helsesykepleier" "2025-08-28" "Oppstartsmøte" "lise" \
		    "Trenger PPT og ressursteam" "Ola er urolig i timene"; do
		contains "export $f has $want" "$doc" "$want"
	done
	lacks "export $f has no audit trail unless asked" "$doc" "Endringslogg"
done
contains "html has print CSS for A4" "$(cat "$TMP/plan.html")" "@page { size: A4"
lacks "html has no tables" "$(cat "$TMP/plan.html")" "<table"
contains "md has headings" "$(cat "$TMP/plan.md")" "## Neste steg"
err "export refuses to overwrite" "finnes allerede" plan export 1 --format txt -o "$TMP/plan.txt"
t plan export 1 --format txt --audit --force -o "$TMP/plan.txt" >/dev/null; rc=$?
expect_eq "--force overwrites" "$rc" 0
doc=$(cat "$TMP/plan.txt")
contains "--audit adds the trail" "$doc" "Endringslogg"
contains "the trail names the login" "$doc" "$me: tjeneste lagt til: Ressursteam i skole"
out=$(t plan access-log 1)
contains "read log heading" "$out" "Lesingslogg for stafettlogg 1"
out=$(t plan access-log 1 --format csv)
contains "read log as csv" "$out" "at,who,how"
contains "read log: plan show" "$out" ",$me,vis"
contains "read log: export" "$out" ",$me,eksport"
contains "read log: printed (html)" "$out" ",$me,utskrift"
contains "trapp check: the chains are whole" "$(t check)" "endringsloggen: "
expect_eq "still 0600 after --force" "$(stat -c %a "$TMP/plan.txt")" 600
out=$(t plan export 1 --format html --mask --audit)
lacks "masked export hides the child" "$out" "Testesen"
lacks "masked export hides the birth date" "$out" "2016-03-14"
lacks "masked export hides contacts" "$out" "400 00 000"
contains "masked export keeps the content" "$out" "Kartlegging av lesing"
# show is the export plus one line of versions (for --if-version)
expect_eq "stdout export = show" "$(t plan export 1)" "$(t plan show 1 | sed '$d' | sed '$d')"
contains "show ends with the versions" "$(t plan show 1 | tail -1)" "Versjoner (for --if-version): stafettlogg "
out=$("$T" --db "$DB" --child-word Barnet plan show 1 --mask)
contains "--child-word: the masked child is the chosen word" "$out" "Barn:           Barnet"
lacks "--child-word: no initials for the child" "$out" "O.T."
contains "--child-word: the plan list too" "$("$T" --db "$DB" --child-word Barnet plan list --mask)" "Barnet"
contains "--child-word: the due list too" "$("$T" --db "$DB" --child-word Barnet due --mask)" "Barnet"

# steps move on; a done step leaves due
t plan step 1 2 --status pågår >/dev/null
t plan step 1 2 --status fullført --evaluation "Samtalene hjelper" >/dev/null
out=$(t due)
lacks "done step left due" "$out" "Samtale med helsesykepleier"
err "no change" "Ingen endring for steg 2" plan step 1 2 --status fullfort

# closing: read-only afterwards
err "closing with open steps is refused" "1 åpne tiltak (steg 1): sett dem til fullført eller avbrutt først, eller avslutt likevel med --force" \
	plan close 1 --reason mal-nadd
out=$(t plan close 1 --reason mal-nadd --force --summary "Lesingen er bedre; målet er nådd"); rc=$?
expect_eq "close --force exits 0" "$rc" 0
sum_before=$(sha256sum "$DB" | cut -d' ' -f1)
err "closed: no new step" "ble avsluttet 2025-09-01 (mål nådd)" plan add-step 1 --what x --who y --due 2025-09-20
err "closed: no level change" "kan ikke endres" plan level 1 3 --why mer
err "closed: no consent" "kan ikke endres" plan consent 1 --by foreldre --date 2025-09-01 --scope $PPT
err "closed: no hand-over" "kan ikke endres" plan handover 1 --to x --service y
expect_eq "closed plan unchanged" "$(sha256sum "$DB" | cut -d' ' -f1)" "$sum_before"
out=$(t plan list)
contains "list shows closed" "$out" "avsluttet 2025-09-01: mål nådd"
expect_eq "nothing due after closing" "$(t due)" "Ingen åpne frister, evalueringer, samtykker som utløper eller overføringer."

# withdrawal and refusal on a second plan
id=$(t plan new --child "Kari Testesen" --born 2012 --level 2 --kommune tromso)
expect_eq "second plan" "$id" 2
err "a child born 2012 cannot consent alone" "er kanskje bare 12" \
	plan consent 2 --by ungdom --date 2025-08-01 --scope $PPT --expires 2025-12-31
t plan consent 2 --by foreldre --date 2025-08-01 --scope $PPT >/dev/null
out=$(t plan withdraw 2 --date 2025-08-15)
contains "withdraw suggests closing" "$out" "--reason samtykke-trukket"
err "withdrawn consent" "ble trukket 2025-08-15" plan add-service 2 $PPT
t plan refuse 2 --by foreldre --date 2025-08-20 >/dev/null
err "refused consent" "Samtykke ble nektet 2025-08-20" plan add-service 2 $PPT
TRAPP_TODAY=2025-02-30 t plan list >/dev/null 2>&1; rc=$?
expect_eq "an invalid TRAPP_TODAY is fatal" "$rc" 1

out=$("$T" --help)
contains "--help documents plan new" "$out" "plan new --child NAVN --born"
contains "--help documents due" "$out" "due [--days N]"
summary
