#!/bin/sh
# tui-leak.sh TRAPP - nothing leaks in the meeting room. A plan gets more
# than 40 planted secrets of every kind (names of the child and of every
# person in any case and inflection, birth date, dates, phone numbers,
# e-mail addresses, fødselsnummer, street addresses and postcodes) in
# every name and free-text field; then every view reachable in
# presentation mode is walked at 80x24 and at 200x60 (plan list, plan,
# meeting view, due, history, help, every form, the export form, the
# question before leaving presentation), and every export is made with
# --mask (txt, md, html, pdf). No secret may show: compared
# case-insensitively, on the joined lines and with all whitespace removed
# (so a wrapped secret is found).
# Then the screen and the export of the same plan must agree, section by
# section. All names are fictional.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
export LC_ALL=C.UTF-8
DB="$TMP/leak.db"
TODAY=2026-11-23
CLI() { TRAPP_TODAY=$TODAY "$TUI" --db "$DB" "$@"; }
quiet() { CLI "$@" >/dev/null || fail "setup: $*"; }

# --- the plan and its secrets ------------------------------------------------------------------
quiet whoami --set "Randi Fjellheim"
id=$(CLI plan new --child "Sunniva Maren Tindeland-Åsvik" --born 2015-06-09 \
	--unit "Demo skole, Kirkegata 3" --holder "Ingrid Solbakk" --holder-service "Demo skole")
expect_eq "the plan is made" "$id" 1
PPT=pedagogisk-psykologisk-tjeneste-ppt
RT=ressursteam-i-skole
quiet plan concern 1 --date 2026-11-02 --by "Guro Lindqvist" \
	--text "Sunnivas mor Mona sier at SUNNIVA er redd for Henrik; fnr 15061512345, født 09.06.2015."
quiet plan concern 1 --date 2026-11-03 --by "kontaktlærer Guro" \
	--text "Tindeland-Åsviks far ringte fra 912 34 567 og skrev fra henrik.brattli@example.invalid"
# consent first: level 2 needs it
quiet plan consent 1 --by foreldre --date 2026-11-03 --scope "$PPT,$RT"
quiet plan level 1 2 --why "Guros vurdering 15.01.2026: trenger PPT (mona.kvitfjell@example.invalid)" --date 2026-11-04
quiet plan add-service 1 "$PPT" --role "Kontakt Yusuf på 0047 41 23 45 67"
quiet plan add-service 1 "$RT" --role "Møter hos Lindqvist"
quiet plan add-person 1 --name "Mona Kvitfjell" --role mor --contact "mona.kvitfjell@example.invalid"
quiet plan add-person 1 --name "Henrik Brattli" --role far --contact "+47 48 12 34 56"
quiet plan add-person 1 --name "Guro Lindqvist" --role kontaktlærer --contact "22334455"
quiet plan add-person 1 --name "Yusuf Haddad-Berg" --role helsesykepleier --contact "Storgata 14B, 9008 Tromsø"
quiet plan add-person 1 --name "Kari-Anne Fossli" --role "tante til Sunniva" --contact "kari-anne@example.invalid"
quiet plan add-goal 1 --text "Sunniva-Maren leser høyt for Mona hver dag; sjekk 150615 12345 i Visma"
quiet plan add-goal 1 --text "Maren og tante Kari-Anne møtes i Fjellveien 7, 9011 Tromsø"
quiet plan add-step 1 --what "Samtale med Mona Kvitfjell og henrik i Storgata 14B" --who "Yusuf Haddad-Berg" \
	--due 2026-11-10 --evaluate 2026-12-15 --service "$RT"
quiet plan add-step 1 --what "Haddad-Bergs oppfølging av SUNNIVAS søvn, ring 99887766" --who "Guro" \
	--due 2026-12-01
quiet plan step 1 2 --evaluation "Yusufs samtale 3. mars 2026 gikk bra; Kari-Annes nummer er +4791234567"
quiet plan meeting 1 --date 2026-11-20 --attended "Mona, Henrik Brattli, guro lindqvist, Sunniva" \
	--notes "Brattlis adresse er Fjellveien 7, 9011 Tromsø; Fosslis e-post kari-anne@example.invalid" --steps 1,2
# a hand-over names the login of the new holder (shown as the login
# until that login sets a display name): a secret like a name
quiet plan handover 1 --to tmyrvold --service "Demo ungdomsskole" --date 2026-11-21
# a second plan, so the plan list and the due view show more than one child
quiet plan new --child "Ola Testesen" --born 2017 --holder "Ingrid Solbakk"

SECRETS="Sunniva
Maren
Tindeland
Åsvik
Mona
Kvitfjell
Henrik
Brattli
Guro
Lindqvist
Yusuf
Haddad
Kari-Anne
Fossli
Ingrid
Solbakk
tmyrvold
Randi
Fjellheim
Testesen
2015-06-09
09.06.2015
15.01.2026
3. mars 2026
15061512345
150615 12345
912 34 567
91234567
48 12 34 56
+4791234567
0047 41 23 45 67
22334455
99887766
mona.kvitfjell@example.invalid
henrik.brattli@example.invalid
kari-anne@example.invalid
example.invalid
Storgata 14B
Kirkegata 3
Fjellveien 7
9008 Tromsø
9011 Tromsø"
expect_eq "at least 40 secrets planted" "$(echo "$SECRETS" | wc -l | awk '$1 >= 40 {print "yes"}')" yes

# leaks FILE: the secrets in FILE, case-insensitively, on the joined
# lines, and with all whitespace (and box lines) removed; one a line
leaks() {
	tr -d ' \t\n│─┌┐└┘' < "$1" > "$TMP/flat"
	tr '\n' ' ' < "$1" > "$TMP/flat.joined"
	echo "$SECRETS" | while IFS= read -r s; do
		bare=$(printf '%s' "$s" | tr -d ' ')
		if grep -qiF -- "$s" "$TMP/flat.joined" || grep -qiF -- "$bare" "$TMP/flat"; then
			echo "«$s»"
		fi
	done
}
# noleak NAME FILE: no secret in FILE
noleak() {
	found=$(leaks "$2" | tr '\n' ' ')
	if [ -z "$found" ]; then ok "$1"; else fail "$1: leaked $found"; fi
}

# --- the views in presentation mode --------------------------------------------------------------
SNAP="$TMP/screens"
snap() { screen >> "$SNAP"; echo "=====" >> "$SNAP"; }
# changed: wait (up to 2 s) until the screen differs from $prev
changed() {
	n=0
	while [ $n -lt 40 ]; do
		[ "$(screen)" != "$prev" ] && return 0
		sleep 0.05; n=$((n + 1))
	done
	return 1
}
# pages: snap, then PgDn and snap until the view stops moving
pages() {
	snap
	p=0
	while [ $p -lt 40 ]; do
		prev=$(screen)
		keys PgDn
		changed || break
		snap; p=$((p + 1))
	done
	keys Home
}
# form KEY TITLE: open a form, snap it, close it
form() {
	keys "$1"
	if wait_for "$2" 3; then snap; else fail "$3: form «$2» did not open"; screen; fi
	keys Escape
	wait_gone "$2"
}

walk() {  # W H
	: > "$SNAP"
	start "$1" "$2" TRAPP_TODAY=$TODAY -- --db "$DB" --present
	see "$1x$2: presenting" "PRESENTASJON"
	snap
	keys p
	see "$1x$2: the plan list" "NESTE FRIST"
	snap
	keys '?'
	see "$1x$2: the plan list's help" "Taster"
	pages
	keys q
	form N "Ny stafettlogg" "$1x$2"
	keys Enter
	see "$1x$2: the plan" "Stafettlogg 1"
	pages
	keys '?'
	see "$1x$2: the plan's help" "Taster – Stafettloggen"
	pages
	keys q
	wait_gone "Taster – Stafettloggen"
	for f in "b|Bekymring / undring" "m|Nytt mål" "M|Endre mål" "t|Nytt steg" "s|Endre steg" \
		 "o|Ny person" "x|En tjeneste går ut" "X|En person går ut" "T|Møtet i dag" "c|Samtykke" \
		 "R|Avslag på samtykke" "W|Samtykket trekkes" "n|Endre BTI-nivå" "h|Overfør stafettpinnen" \
		 "a|Ny stafettholder godtar" "L|Lukk stafettloggen" "e|Eksporter stafettloggen (maskert)"; do
		form "${f%%|*}" "${f#*|}" "$1x$2"
	done
	keys V
	see "$1x$2: the meeting view" "· møte"
	pages
	keys Enter
	see "$1x$2: who is present, picked from a list" "Til stede"
	snap
	keys Escape
	wait_gone "Søk:"
	keys Escape
	wait_gone "· møte"
	keys D
	see "$1x$2: the due view" "Frister"
	snap
	keys '?'
	see "$1x$2: the due view's help" "Taster"
	pages
	keys q q
	see "$1x$2: back on the plan" "Stafettlogg 1"
	keys P
	see "$1x$2: asked before leaving" "Presentasjonen er satt på pause"
	snap
	keys Escape
	see "$1x$2: still presenting" "Presentasjonsmodus fortsetter"
	# the export form writes a masked file
	keys e
	see "$1x$2: export form" "Eksporter stafettloggen (maskert)"
	keys Tab C-u
	typed "$TMP/tui-$1.html"
	keys C-s
	see "$1x$2: masked export written" "(maskert)"
	snap
	keys q q q
	wait_dead
	check "$1x$2: the screens were captured" test "$(grep -c '^=====$' "$SNAP")" -gt 25
	noleak "$1x$2: no secret on any screen in presentation mode" "$SNAP"
	noleak "$1x$2: no secret in the export written while presenting" "$TMP/tui-$1.html"
}
walk 80 24
walk 200 60

# the child as a word the user chose
start 100 30 TRAPP_TODAY=$TODAY -- --db "$DB" --present --child-word Barnet --plan 1
see "--child-word: the meeting view calls the child Barnet" "Stafettlogg 1 · Barnet · møte"
# the meeting panel takes the bottom rows: look in the plan view, a page at
# a time; the sentence may wrap, so the screen is read as one line
keys V
wait_gone "· møte"
flat() { screen | tr '\n' ' ' | tr -s ' '; }
n=0
while [ $n -lt 8 ] && ! flat | grep -qF "Barnets mor [mor] sier at Barnet er redd for [far]"; do
	keys NPage; sleep 0.3; n=$((n + 1))
done
contains "--child-word: also inside text" "$(flat)" "Barnets mor [mor] sier at Barnet er redd for [far]"
keys P
see "--child-word: asked before leaving" "Presentasjonen er satt på pause"
keys Escape q q q
wait_dead

# --- every export with --mask ----------------------------------------------------------------------
for f in txt md html; do
	CLI plan export 1 --mask --audit --format $f > "$TMP/export.$f"
	noleak "plan export --mask --audit --format $f" "$TMP/export.$f"
done
# the PDF, read back as text (pdftotext, poppler-utils, as tests/cli-pdf.sh)
CLI plan export 1 --mask --audit --format pdf -o "$TMP/export.pdf" >/dev/null
pdftotext "$TMP/export.pdf" "$TMP/export.pdf.txt"
check "the masked PDF has text" grep -q "S.T." "$TMP/export.pdf.txt"
noleak "plan export --mask --audit --format pdf" "$TMP/export.pdf.txt"
CLI plan show 1 --mask --audit > "$TMP/show.txt"
noleak "plan show --mask --audit" "$TMP/show.txt"
for f in table csv tsv; do
	CLI plan list --mask --format $f > "$TMP/list.$f"
	noleak "plan list --mask --format $f" "$TMP/list.$f"
	CLI due --mask --format $f > "$TMP/due.$f"
	noleak "due --mask --format $f" "$TMP/due.$f"
done
# the test can fail: unmasked, the secrets are there
CLI plan export 1 --audit --format html > "$TMP/clear.html"
for s in "Sunniva Maren Tindeland-Åsvik" "15061512345" "mona.kvitfjell@example.invalid" "Storgata 14B" \
	 "Randi Fjellheim" "tmyrvold"; do
	check "unmasked, the export holds «$s»" grep -qF "$s" "$TMP/clear.html"
done

n=$(leaks "$TMP/clear.html" | wc -l)
check "the leak check finds the secrets in an unmasked export ($n)" test "$n" -ge 40

# masked text still reads as a sentence: one marker per secret
t=$(cat "$TMP/export.html")
contains "the child as one set of initials" "$t" "S.T.s mor [mor] sier at S.T. er redd for [far]; fnr [fødselsnummer], født [dato]."
contains "a phone number and an e-mail as markers" "$t" "S.T.s far ringte fra [telefon] og skrev fra [e-post]"
contains "addresses as markers" "$t" "[far] adresse er [adresse]; [tante til S.T.] e-post [e-post]"
contains "a person as initials with the role" "$t" "M.K., mor"
contains "the age instead of the birth date" "$t" "11 år"
lacks "no run of initials" "$t" "S.M.T."

# --- the screen and the export agree, section by section -----------------------------------------
# unmasked and masked: the whole plan on one tall screen, against plan export --audit
agree() {  # NAME ARGS...
	name=$1; shift
	start 200 200 TRAPP_TODAY=$TODAY -- --db "$DB" "$@" --plan 1
	[ "$name" = masked ] && { see "masked: the meeting view first" "· møte"; keys V; }
	see "$name: the plan is on screen" "Endringslogg"
	screen > "$TMP/agree-screen"
	keys q q
	wait_dead
	python3 - "$TMP/agree-screen" "$TMP/agree-export" > "$TMP/agree.out" <<'PY'
import re, sys
screen = open(sys.argv[1], encoding="utf-8").read().split("\n")
export = open(sys.argv[2], encoding="utf-8").read().split("\n")
def squash(lines):
    return re.sub(r"\s+", "", "".join(lines))
# the export: a heading line underlined with dashes
ex, cur = {}, None
for i, line in enumerate(export):
    if i + 1 < len(export) and re.fullmatch(r"-+", export[i + 1]) and line.strip():
        cur = line.strip(); ex[cur] = []
    elif cur and not re.fullmatch(r"-+", line) and not line.startswith("Skrevet ut"):
        ex[cur].append(line)
# the screen: a heading at column 1, its lines indented below it
sc, cur = {}, None
for line in screen[1:]:
    if re.match(r"^ \S", line) and line.strip() in ex:
        cur = line.strip(); sc[cur] = []
    elif cur is not None:
        if re.match(r"^ \S", line):
            cur = None
        else:
            sc[cur].append(line)
ok = fail = 0
for title, lines in ex.items():
    if squash(sc.get(title, [])) == squash(lines):
        ok += 1; print(f"ok {title}")
    else:
        fail += 1; print(f"FAIL {title}: screen «{squash(sc.get(title, []))}» export «{squash(lines)}»")
print(f"{ok} {fail}")
PY
	cat "$TMP/agree.out" | sed '$d' | while IFS= read -r l; do echo "   $l"; done
	last=$(tail -1 "$TMP/agree.out")
	check "$name: at least 10 sections compared" test "${last% *}" -ge 10
	expect_eq "$name: the screen and the export agree in every section" "${last#* }" 0
}
CLI plan export 1 --audit > "$TMP/agree-export"
agree unmasked
CLI plan export 1 --audit --mask > "$TMP/agree-export"
agree masked --present
summary
