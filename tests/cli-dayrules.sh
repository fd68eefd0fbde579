#!/bin/sh
# cli-dayrules.sh TRAPP - the BTI rules of a coordinator's day from the
# command line: level 2 needs recorded consent (refused with the command
# that records it); a withdrawal marks the services and open steps the
# consent no longer covers and stops new steps for them until renewed
# (plan show, exports, masked too); the kommune's youth consent age and
# its basis; consent by foresatte with names; closing reasons, the why of
# "annet", the summary and the open-steps refusal (--force); consent
# expiry and waiting hand-overs in trapp due; trapp due --format ics read
# back by an independent parser (Python's icalendar, not libical) and
# masked; audit times in local time. Names are fictional.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/day.db"
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

t plan new --child "Ola Testesen" --born 2016-03-14 --unit "Solsikken skole" >/dev/null
t plan add-step 1 --what "Kartlegging av lesing" --who "Kari Lærer" --due 2025-09-15 >/dev/null

# --- 2: level 2 and 3 need valid recorded consent --------------------------
err "level 2 without consent" "krever gyldig, registrert samtykke, og stafettloggen har ikke registrert samtykke" \
	plan level 1 2 --why "Trenger PPT"
contains "level 2 refusal names the command" "$e" "trapp plan consent 1 --by foresatte|ungdom|begge"
expect_eq "still level 1" "$(t plan list --format csv | sed -n 2p | cut -d, -f4)" 1

# --- 3: consent by foresatte with names; the youth consent age ---------------
err "youth and names" "velg «begge»" plan consent 1 --by ungdom --date 2025-08-30 --scope $PPT \
	--guardians "Mona Testesen"
out=$(t plan consent 1 --by foresatte --date 2025-08-30 --scope $PPT,$RT --guardians "Mona Testesen, Ole Testesen"); rc=$?
expect_eq "consent by foresatte: exit 0" "$rc" 0
out=$(t plan show 1)
contains "show: foresatte with names" "$out" "samtykke fra foresatte (Mona Testesen, Ole Testesen)"
out=$(t plan level 1 2 --why "Trenger PPT"); rc=$?
expect_eq "level 2 after consent: exit 0" "$rc" 0
t plan add-service 1 $PPT --role utredning >/dev/null
t plan add-step 1 --what "Utredning hos PPT" --who PPT --due 2025-09-20 --service $PPT >/dev/null
out=$(t plan show 1)
contains "covered service says so" "$out" "samtykke: dekket"
lacks "nothing uncovered yet" "$out" "ikke dekket"

out=$(t consent-age)
contains "consent age: 15 by default" "$out" "Tromsø: ungdom samtykker selv fra 15 år."
contains "consent age: basis for health" "$out" "pasient- og brukerrettighetsloven § 4-3"
contains "consent age: basis in child welfare" "$out" "barnevernsloven"
e=$(t consent-age --set 17 2>&1); rc=$?
expect_eq "consent age 17: exit 2" "$rc" 2
contains "consent age 17: says why" "$e" "kommunen velger 15 eller 16 år"
out=$(t consent-age --set 16); rc=$?
expect_eq "consent age 16: exit 0" "$rc" 0
contains "consent age 16 stored" "$(t consent-age)" "fra 16 år."
contains "other kommune keeps 15" "$(t consent-age --kommune senja)" "Senja: ungdom samtykker selv fra 15 år."
t plan new --child "Tina Testesen" --born 2010-03-01 >/dev/null   # 15 on 2025-09-01
err "15-year-old with age 16" "Ungdom samtykker selv fra 16 år i kommunen Tromsø" \
	plan consent 2 --by ungdom --date 2025-08-30 --scope $PPT
t consent-age --set 15 >/dev/null
out=$(t plan consent 2 --by begge --date 2025-08-30 --scope $PPT --guardians "Mona Testesen"); rc=$?
expect_eq "15-year-old and foresatte together: exit 0" "$rc" 0
contains "shown as both" "$(t plan show 2)" "samtykke fra foresatte og ungdom (Mona Testesen)"

# --- 1: withdrawal marks uncovered services and their open steps -------------
t plan withdraw 1 --date 2025-09-01 >/dev/null
out=$(t plan show 1)
contains "withdrawn: service marked" "$out" "! ikke dekket av samtykket (samtykket ble"
contains "withdrawn: open step marked" "$out" "! dekker ikke tjenesten – nye tiltak for den er stanset"
err "withdrawn: no new step for the service" "Nye tiltak for «$PPT» i stafettlogg 1 er stanset til samtykket er fornyet" \
	plan add-step 1 --what "Ny test" --who PPT --due 2025-09-25 --service $PPT
contains "withdrawn: the way forward" "$e" "Registrer nytt samtykke med «trapp plan consent 1"
out=$(t plan export 1 --format md)
contains "markdown export marks the service" "$out" "! ikke dekket av samtykket"
out=$(t plan export 1 --format html)
contains "html export marks the step" "$out" "! dekker ikke tjenesten"
out=$(t plan show 1 --mask)
contains "masked view marks too" "$out" "! ikke dekket av samtykket"
lacks "masked view: no guardian name" "$out" "Mona"
err "withdrawn: level 3 refused" "samtykket ble trukket 2025-09-01" plan level 1 3 --why "Mer hjelp"
t plan consent 1 --by foresatte --date 2025-09-01 --scope $PPT,$RT --guardians "Mona Testesen" >/dev/null
out=$(t plan show 1)
lacks "renewed: nothing uncovered" "$out" "ikke dekket"
out=$(t plan add-step 1 --what "Ny test" --who PPT --due 2025-09-25 --service $PPT); rc=$?
expect_eq "renewed: new step for the service" "$rc" 0

# --- 12: consent expiry and hand-overs in due ----------------------------------
t plan new --child "Siri Testesen" --born 2014 >/dev/null
t plan consent 3 --by foresatte --date 2025-06-01 --expires 2025-08-25 --scope $RT >/dev/null
t plan new --child "Per Testesen" --born 2013 >/dev/null
t plan consent 4 --by foresatte --date 2025-08-01 --expires 2025-09-20 --scope $RT >/dev/null
t plan handover 4 --to viggo --service "Videregående skole" >/dev/null   # waits for viggo, not us
out=$(t due)
contains "due: expired consent, overdue" "$out" "2025-08-25  3     Siri Testesen     FORFALT samtykke    samtykket har gått ut"
contains "due: consent expiring within 30 days" "$out" "2025-09-20  4     Per Testesen      samtykke            samtykket utløper"
lacks "due: a hand-over for another login is not ours" "$out" "overføring"
out=$(t due --format csv)
contains "due csv: kind samtykke" "$out" "2025-08-25,1,3,Siri Testesen,samtykke,0,"
out=$(t due --mask)
lacks "due masked: no child name" "$out" "Testesen"
lacks "due masked: no new holder's name" "$out" "Viggo"

# --- 12: the calendar --------------------------------------------------------------
t plan meeting 4 --date 2025-09-12 --notes "Oppfølgingsmøte" --attended "Per Testesen, Kari Lærer" >/dev/null
out=$(t due --format ics -o "$TMP/frister.ics"); rc=$?
expect_eq "ics: exit 0" "$rc" 0
contains "ics: says it is masked" "$out" "barnet vises med initialer og plannummer"
expect_eq "ics: file mode 0600" "$(stat -c %a "$TMP/frister.ics")" 600
ics=$(cat "$TMP/frister.ics")
lacks "ics: no child name" "$ics" "Testesen"
lacks "ics: no new holder's name" "$ics" "Viggo"
expect_eq "ics: CRLF line ends" "$(tr -cd '\r' < "$TMP/frister.ics" | wc -c)" "$(wc -l < "$TMP/frister.ics")"
# the same people and words as the masked due view, nothing more
masked=$(t due --mask --format csv)
contains "ics: the person responsible as the masked view shows it" "$masked" "Kari Lærer"
e=$(t due --format ics -o "$TMP/frister.ics" 2>&1); rc=$?
expect_eq "ics: an existing file is kept without --force" "$rc" 2
# an independent parser: Python's icalendar (Debian python3-icalendar)
parsed=$(/usr/bin/python3 - "$TMP/frister.ics" <<'EOF'
import sys, icalendar, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert cal.get('VERSION') == '2.0', cal.get('VERSION')
assert cal.get('PRODID'), 'PRODID'
events = cal.walk('VEVENT')
uids = set()
for ev in events:
    for key in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'):
        assert ev.get(key) is not None, key
    start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')
    assert type(start) is datetime.date and end - start == datetime.timedelta(days=1), (start, end)
    uids.add(str(ev['UID']))
    print(start.isoformat(), ev['CATEGORIES'].to_ical().decode(), str(ev['SUMMARY']))
assert len(uids) == len(events), 'unique UIDs'
print('events', len(events))
EOF
); rc=$?
expect_eq "ics: parsed by python3-icalendar" "$rc" 0
contains "ics: a step's due date" "$parsed" "2025-09-15 frist Frist steg 1 – stafettlogg 1 (O.T.)"
contains "ics: expired consent" "$parsed" "2025-08-25 samtykke Samtykke – stafettlogg 3 (S.T.)"
contains "ics: consent expiring" "$parsed" "2025-09-20 samtykke Samtykke – stafettlogg 4 (P.T.)"
contains "ics: the meeting" "$parsed" "2025-09-12 møte Møte 1 – stafettlogg 4 (P.T.)"
e=$(t due --format csv -o "$TMP/x" 2>&1); rc=$?
expect_eq "-o without ics: exit 2" "$rc" 2

# --- 12: a hand-over waits for the login it names ---------------------------------
# real logins, as tests/cli-identity.sh: kari hands her plan over to ola
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null && command -v setpriv >/dev/null; then
	getent group trapptest >/dev/null || groupadd trapptest
	for u in kari ola; do
		getent passwd $u >/dev/null || useradd -M -N -g trapptest -s /usr/sbin/nologin $u
	done
	chmod 711 "$TMP"
	SHARE="$TMP/team"; mkdir "$SHARE"; chgrp trapptest "$SHARE"; chmod 2770 "$SHARE"
	as() {
		u=$1; shift
		setpriv --reuid="$(id -u "$u")" --regid="$(id -g "$u")" --clear-groups "$T" --db "$SHARE/t.db" "$@"
	}
	as kari plan new --child "Siv Testesen" --born 2012 >/dev/null 2>&1
	chmod 660 "$SHARE/t.db"
	as kari plan handover 1 --to ola --service "Videregående skole" >/dev/null 2>&1
	out=$(as ola due 2>/dev/null)
	contains "ola's due: the hand-over waiting for ola" "$out" "overføring          til ola – stafettpinnen venter på aksept"
	out=$(as kari due 2>/dev/null)
	lacks "kari's due: her proposal is not hers to accept" "$out" "venter på aksept"
	out=$(as ola due --format csv 2>/dev/null)
	contains "due csv: kind overføring" "$out" ",1,Siv Testesen,overføring,0,stafettpinnen venter på aksept,ola"
	ics=$(as ola due --format ics 2>/dev/null)
	contains "ics: the hand-over for ola" "$ics" "SUMMARY:Overføring venter på aksept – stafettlogg 1 (S.T.)"
	lacks "ics: no child name" "$ics" "Siv Testesen"
	e=$(as ola consent-age --set 16 2>&1 >/dev/null); rc=$?
	expect_eq "consent age: only the kommune administrator sets it (exit 2)" "$rc" 2
	contains "consent age: says who may" "$e" "Bare kommuneadministratoren kan endre samtykkealderen"
else
	fail "the hand-over part needs root, useradd and setpriv to run trapp under two logins"
fi

# --- 4: closing ------------------------------------------------------------------
err "annet needs a why" "Årsaken «annet» trenger en begrunnelse" plan close 2 --reason annet
err "open steps refuse the closing" "åpne tiltak (steg 1, 2, 3): sett dem til fullført eller avbrutt først, eller avslutt likevel med --force" \
	plan close 1 --reason overfort-barnevern
out=$(t plan close 1 --reason overfort-barnevern --force --summary "Mål 1 delvis nådd; barnevernet følger opp."); rc=$?
expect_eq "close with --force: exit 0" "$rc" 0
out=$(t plan show 1)
contains "closed: reason shown" "$out" "overført til barneverntjenesten"
contains "closed: summary shown" "$out" "Oppsummering:   Mål 1 delvis nådd; barnevernet følger opp."
lacks "closed: no consent marks on a closed plan" "$out" "ikke dekket"
out=$(t plan close 2 --reason annet --why "Familien flyttet til utlandet"); rc=$?
expect_eq "annet with a why: exit 0" "$rc" 0
contains "closed: annet with its why" "$(t plan show 2)" "annet (med begrunnelse): Familien flyttet"
contains "export carries the summary" "$(t plan export 1 --format md)" "Mål 1 delvis nådd"
contains "list: new reason" "$(t plan list)" "avsluttet 2025-09-01: overført til barneverntjenesten"

# --- 10: times shown in local time, stored in UTC ------------------------------------
utc=$(TZ=UTC t plan show 1 --audit | sed -n '/^Endringslogg/,$p' | sed -n 3p | cut -c3-18)
oslo=$(TZ=Europe/Oslo t plan show 1 --audit | sed -n '/^Endringslogg/,$p' | sed -n 3p | cut -c3-18)
want=$(TZ=Europe/Oslo date -d "$utc UTC" '+%Y-%m-%d %H:%M')
expect_eq "audit time in Europe/Oslo" "$oslo" "$want"
lacks "no UTC Z in the audit" "$(t plan show 1 --audit)" ":00Z"
stored=$(sqlite3 "$DB" "SELECT at FROM plan_audit WHERE plan_id = 1 ORDER BY id LIMIT 1")
expect_eq "stored in UTC" "$(date -u -d "$stored" '+%Y-%m-%d %H:%M')" "$utc"

summary
