#!/bin/sh
# cli-conventions.sh TRAPP - what people expect of a command-line tool:
# piped output is never cut (tables are cut to the column only on a
# terminal), --format json for every listing (checked with Python's json),
# -V, help for every command, the settings file, --no-color/--no-mouse,
# and bash completion (completions/trapp, installed by make install).
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

# --- version and help -------------------------------------------------------
expect_eq "-V" "$("$T" -V)" "$("$T" --version)"
contains "-V names trapp" "$("$T" -V)" "trapp 0."
for c in services service levels needs kommuner suggest forums grips factors plan due import export keys whoami help; do
	out=$("$T" help $c); rc=$?
	expect_eq "help $c exits 0" "$rc" 0
	contains "help $c shows its usage" "$out" "  $c"
	contains "help $c gives the exit codes" "$out" "Avslutningskoder: 0 ok, 1 feil, 2"
	[ $c = help ] && continue
	out2=$("$T" $c --help); rc=$?
	expect_eq "$c --help exits 0" "$rc" 0
	expect_eq "$c --help = help $c" "$out2" "$out"
done
out=$("$T" plan export 3 --help)
contains "plan export --help: the plan commands" "$out" "plan list|show ID|export ID [--format txt|md|html|pdf]"
out=$("$T" help); contains "help alone: the whole usage" "$out" "Kommandoer:"
out=$("$T" help nope 2>&1); rc=$?
expect_eq "help for an unknown command: exit 2" "$rc" 2
contains "  says so" "$out" "Ukjent kommando «nope» for help"

# --- the settings file -------------------------------------------------------
mkdir -p "$HOME/.config/trapp"
CONF="$HOME/.config/trapp/config"
printf '# mine innstillinger\nkommune = senja\ntheme = mono\nmouse = no\nchild_word = Eleven\n' > "$CONF"
expect_eq "config: default kommune" "$(t levels | head -1)" "Senja – senja3"
expect_eq "config: --kommune still wins" "$(t levels --kommune elverum | head -1)" "Elverum – elverum7"
out=$(t plan export 1 --mask)
contains "config: child_word names the masked child" "$out" "Barn:           Eleven"
lacks "  and no initials" "$out" "Å.T."
out=$(t --child-word Barnet plan export 1 --mask)
contains "--child-word wins over the file" "$out" "Barn:           Barnet"
XDG_CONFIG_HOME="$TMP/xdg" t levels | head -1 > "$TMP/xdg.out"
expect_eq "XDG_CONFIG_HOME is where the file is looked for" "$(cat "$TMP/xdg.out")" "Tromsø – prevention3"
mkdir -p "$TMP/xdg/trapp"; printf 'kommune=elverum\n' > "$TMP/xdg/trapp/config"
expect_eq "  and read from" "$(XDG_CONFIG_HOME="$TMP/xdg" t levels | head -1)" "Elverum – elverum7"
bad_conf() {  # NAME CONTENT WANT
	printf "$2" > "$CONF"
	out=$(t levels 2>&1); rc=$?
	expect_eq "config $1: exit 2" "$rc" 2
	contains "config $1: file:line and why" "$out" "$3"
}
bad_conf "unknown key" 'kommune = senja\ncolour = mono\n' "$CONF:2: ukjent innstilling «colour»; gyldige: kommune, theme, mouse, child_word"
bad_conf "bad theme" 'theme = rosa\n' "$CONF:1: ugyldig theme «rosa»; gyldige: color, mono"
bad_conf "bad mouse" '\n\nmouse = kanskje\n' "$CONF:3: ugyldig mouse «kanskje»; gyldige: yes, no"
bad_conf "a section" '[trapp]\nkommune = senja\n' "ukjent seksjon «[trapp]»"
bad_conf "not key = value" 'kommune senja\n' "$CONF:1: ugyldig linje"
printf 'kommune = bodø\n' > "$CONF"
out=$(t levels 2>&1); rc=$?
expect_eq "config: an unknown kommune is refused like --kommune" "$rc" 2
contains "  naming it" "$out" "bodø"
rm -f "$CONF"

# --- --no-color and --no-mouse (the escape sequences the TUI sends) --------
tui_log() {  # ARGS...: what the TUI writes to a terminal before q quits it
	printf 'q' | TERM=xterm script -qec "$T --db $DB $*" "$TMP/tui.log" >/dev/null 2>&1
	cat "$TMP/tui.log"
}
if command -v script >/dev/null 2>&1; then
	ESC=$(printf '\033')
	log=$(tui_log)
	contains "TUI: colours by default" "$log" "${ESC}[42m"
	contains "TUI: mouse reporting by default" "$log" "1000h"
	log=$(tui_log --no-color)
	lacks "--no-color: no colour" "$log" "${ESC}[42m"
	log=$(tui_log --no-mouse)
	lacks "--no-mouse: no mouse reporting" "$log" "1000h"
	printf 'theme = mono\nmouse = no\n' > "$CONF"
	log=$(tui_log)
	lacks "theme = mono: no colour" "$log" "${ESC}[42m"
	lacks "mouse = no: no mouse reporting" "$log" "1000h"
	rm -f "$CONF"
fi
# --- bash completion ---------------------------------------------------------
mkdir -p "$TMP/bin"
case $T in /*) ln -s "$T" "$TMP/bin/trapp" ;; *) ln -s "$(pwd)/$T" "$TMP/bin/trapp" ;; esac
out=$(bash -c 'source completions/trapp; complete -p trapp')
expect_eq "completion is registered" "$out" "complete -F _trapp trapp"
comp() {  # WORDS...: what bash would offer for the last word
	PATH="$TMP/bin:$PATH" TRAPP_DB="$DB" bash -c 'source completions/trapp
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _trapp; echo "${COMPREPLY[*]}"' _ "$@"
}
expect_eq "complete: a command" "$(comp trapp lev)" "levels"
expect_eq "complete: global options" "$(comp trapp --no-)" "--no-color --no-mouse"
expect_eq "complete: kommune codes" "$(comp trapp --kommune tr)" "tromso tromso-2011"
expect_eq "complete: need codes" "$(comp trapp services --need ps)" "psykisk"
expect_eq "complete: the kommune's level codes" "$(comp trapp --kommune senja services --level '')" "rod gul gronn"
expect_eq "complete: level codes after --kommune" "$(comp trapp services --kommune elverum --level trinn1)" "trinn1"
expect_eq "complete: plan ids" "$(comp trapp plan show '')" "1"
expect_eq "complete: plan subcommands" "$(comp trapp plan ex)" "export"
expect_eq "complete: export formats" "$(comp trapp plan export 1 --format '')" "txt md html pdf"
expect_eq "complete: listing formats" "$(comp trapp levels --format j)" "json"
expect_eq "complete: a command's options" "$(comp trapp levels --)" "--kommune --format --help"
expect_eq "complete: service ids" "$(comp trapp service smiso)" "smiso-troms"
expect_eq "complete: help topics" "$(comp trapp help pl)" "plan"
BUILD_DIR=$(dirname "$T")
make --no-print-directory -s -o "$T" install BUILD="$BUILD_DIR" DESTDIR="$TMP/inst" PREFIX=/usr >/dev/null 2>&1
check "make install puts the completion in bash-completion's directory" \
	test -f "$TMP/inst/usr/share/bash-completion/completions/trapp"
check "  beside the binary and the man page" test -x "$TMP/inst/usr/bin/trapp" -a -f "$TMP/inst/usr/share/man/man1/trapp.1"
summary
