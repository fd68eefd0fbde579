#!/bin/sh
# cli-pdf.sh TRAPP - `plan export --format pdf` as the archive reads it:
# A4, every font embedded, the plan's title, the date and "Side N av M" on
# every page, the text (pdftotext, poppler-utils) the same as the txt
# export's, no label/value row cut by a page break and no heading left at
# the foot of a page, page 1 rendered (pdftoppm) and not blank, æøå and
# emoji as text, and --mask applied.
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/pdf.db"
export TRAPP_TODAY=2025-09-01 USER=testbruker
t() { "$T" --db "$DB" "$@"; }
PPT=pedagogisk-psykologisk-tjeneste-ppt
RT=ressursteam-i-skole

t plan new --child "Åse Ærlig-Øvreås" --born 2016-03-14 --unit "Solsikken skole 🌻" >/dev/null
t plan consent 1 --by foreldre --date 2025-08-30 --scope $PPT,$RT >/dev/null
t plan level 1 2 --why "Trenger PPT og ressursteam" >/dev/null
t plan add-service 1 $PPT --role "utredning av lesevansker" >/dev/null
t plan add-person 1 --name "Bjørn Testesen" --role far --contact "tlf 400 00 000" >/dev/null
t plan concern 1 --text "Åse gruer seg til skolen 😟 og sover dårlig" --date 2025-08-20 --by "Kari Lærer" >/dev/null
t plan add-goal 1 --text "Åse trives på skolen 🙂 og leser med glede" >/dev/null
i=1
while [ $i -le 18 ]; do
	t plan add-step 1 --what "Steg $i: lesekartlegging og øving hjemme og på skolen, med ærlig tilbakemelding til Åse" \
		--who "Kari Nordmann" --due 2025-10-1$((i % 10)) --service $PPT >/dev/null
	i=$((i + 1))
done
# a meeting note longer than a page: the only kind of row that may be split
long=$(i=1; while [ $i -le 90 ]; do printf 'Linje %d i referatet: vi snakket om lesing, søvn og trivsel.\n' $i; i=$((i + 1)); done)
t plan meeting 1 --date 2025-09-01 --notes "$long" --attended "Bjørn Testesen, Kari Lærer, PPT" --steps 1,2 >/dev/null

t plan export 1 --format pdf -o "$TMP/plan.pdf"; rc=$?
expect_eq "export --format pdf exits 0" "$rc" 0
expect_eq "the PDF is readable by its owner only" "$(stat -c %a "$TMP/plan.pdf")" 600
t plan export 1 --format txt > "$TMP/plan.txt"
info=$(pdfinfo "$TMP/plan.pdf")
contains "A4" "$info" "Page size:       595.276 x 841.89 pts (A4)"
contains "title in the document properties" "$info" "Title:           Stafettlogg 1"
pages=$(echo "$info" | sed -n 's/^Pages: *//p')
check "several pages ($pages)" test "${pages:-0}" -ge 3
fonts=$(pdffonts "$TMP/plan.pdf" | tail -n +3)
check "fonts are listed" test -n "$fonts"
expect_eq "every font embedded" "$(echo "$fonts" | awk '$(NF-4) != "yes"' | wc -l)" 0
contains "emoji from an outline font" "$fonts" "Symbola"

# title, date and page number on every page
p=1
while [ $p -le "${pages:-0}" ]; do
	pg=$(pdftotext -f $p -l $p "$TMP/plan.pdf" -)
	case $pg in *"Stafettlogg 1"*"2025-09-01"*"Side $p av $pages"*) ok "page $p: title, date, Side $p av $pages" ;;
	*) fail "page $p: title, date or page number missing" ;; esac
	p=$((p + 1))
done

# The text of the page bodies (the running head and foot cropped away) is
# the txt export's, but for layout: compared without white space, the
# txt underlines and the list bullets.
body() {  # body PDF: the text of every page's body in drawing order
	pdftotext -raw -r 72 -x 0 -y 56 -W 596 -H 734 "$1" -
}
norm_txt() { grep -v -E '^[=-]+$' | sed 's/^ *- //' | tr -d ' \n\t\f'; }
norm_pdf() { sed 's/^• *//' | tr -d ' \n\t\f'; }
body "$TMP/plan.pdf" > "$TMP/body.txt"
a=$(norm_txt < "$TMP/plan.txt"); b=$(norm_pdf < "$TMP/body.txt")
if [ "$a" = "$b" ]; then ok "PDF text = txt export (${#a} characters)"; else
	fail "PDF text differs from the txt export"
	printf '%s\n' "$a" | fold -w 60 > "$TMP/a"; printf '%s\n' "$b" | fold -w 60 > "$TMP/b"
	diff "$TMP/a" "$TMP/b" | head -10
fi
all=$(cat "$TMP/body.txt")
contains "æøå as text" "$all" "Åse Ærlig-Øvreås"
contains "emoji as text" "$all" "Solsikken skole 🌻"
contains "emoji in a list item" "$all" "gruer seg til skolen 😟"

# No row cut: on every page a label is followed by its value on that page,
# and no page ends with a heading.
py=$(command -v python3)
"$py" - "$TMP/plan.pdf" "$pages" > "$TMP/rows.out" <<'PY'
import subprocess, sys
pdf, pages = sys.argv[1], int(sys.argv[2])
labels = ('Navn:', 'Født:', 'Alder:', 'Enhet:', 'Ansvarlig:', 'Tjeneste:', 'Frist:', 'Status:',
          'Til stede:', 'Notater:', 'Avtalte steg:')
headings = ('Barnet', 'Stafettholder', 'Bekymring', 'Samtykke', 'Tjenester', 'Personer', 'Mål',
            'Neste steg', 'Møter', 'Nivåhistorikk')
bad = []
for p in range(1, pages + 1):
    out = subprocess.run(['pdftotext', '-raw', '-r', '72', '-x', '0', '-y', '56', '-W', '596', '-H', '734',
                          '-f', str(p), '-l', str(p), pdf, '-'], capture_output=True, text=True).stdout
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    for i, l in enumerate(lines):
        if l in labels and (i + 1 == len(lines) or lines[i + 1] in labels):
            bad.append('page %d: %s without its value' % (p, l))
    if lines and (lines[-1] in headings or lines[-1].startswith('Steg ') or lines[-1].startswith('Møte ')):
        bad.append('page %d ends with the heading %s' % (p, lines[-1]))
print('bad', len(bad), '; '.join(bad[:3]))
PY
expect_eq "no row cut from its label, no heading at a page foot" "$(cat "$TMP/rows.out")" "bad 0 "

# page 1 rendered and not blank (a grey map: enough dark pixels)
pdftoppm -r 40 -f 1 -l 1 -gray "$TMP/plan.pdf" "$TMP/page" 2>/dev/null
pgm=$(ls "$TMP"/page*.pgm 2>/dev/null | head -1)
dark=$("$py" - "$pgm" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(maxsplit=4)          # P5 width height maxval pixels
w, h = int(parts[1]), int(parts[2])
pix = parts[4][-w * h:]
print(sum(1 for b in pix if b < 128))
PY
)
check "page 1 renders with ink on it ($dark dark pixels)" test "${dark:-0}" -gt 2000

# --mask: the same masking as every export
t plan export 1 --format pdf --mask -o "$TMP/masked.pdf" >/dev/null
t plan export 1 --format txt --mask > "$TMP/masked.txt"
m=$(body "$TMP/masked.pdf")
lacks "masked: no child name" "$m" "Ærlig-Øvreås"
lacks "masked: no contact" "$m" "400 00 000"
contains "masked: says so" "$m" "Maskert"
a=$(norm_txt < "$TMP/masked.txt"); b=$(printf '%s\n' "$m" | norm_pdf)
expect_eq "masked PDF text = masked txt export" "$b" "$a"

# piped, and refusals
expect_eq "PDF through a pipe" "$(t plan export 1 --format pdf | head -c 5)" "%PDF-"
t plan export 1 --format pdf -o "$TMP/plan.pdf" 2>/dev/null; rc=$?
expect_eq "an existing file is refused" "$rc" 2
summary
