#!/bin/sh
# keys-tui.sh TRAPP - every key that `?` shows does something, on every
# view a person reaches. The keys per view come from `trapp keys` (the
# same generator as the help overlay, checked against the overlay here);
# for each action and each of its keys, trapp starts fresh on that view,
# the key is pressed, and the screen must change (a form, a picker, a
# message, another view) or trapp must end (q on the start screen).
# Cursor movement is left to the other suites: at the top of a list it
# rightly changes nothing.
. tests/lib.sh
. tests/tmux.sh
TUI=${1:-build/trapp}
case $TUI in /*) ;; *) TUI="$PWD/$TUI" ;; esac
DB="$TMP/keys.db"
TODAY=2026-11-23
CLI() { TRAPP_TODAY=$TODAY "$TUI" --db "$DB" "$@"; }
id=$(CLI plan new --child "Ola Testesen" --born 2016-03-14 --unit "Solsikken skole")
CLI plan consent "$id" --by foreldre --date 2026-09-01 --scope forsterket-helsestasjon >/dev/null
CLI plan add-step "$id" --what "Kartlegging" --who "Kari Lærer" --due 2026-12-15 >/dev/null
CLI plan add-goal "$id" --text "Trives på skolen" >/dev/null

# tmux_key NAME: the tmux key for a name as help shows it
tmux_key() {
	case $1 in
	Enter) echo Enter ;; Esc) echo Escape ;; ←) echo Left ;; →) echo Right ;;
	↑) echo Up ;; ↓) echo Down ;; PgUp) echo PPage ;; PgDn) echo NPage ;;
	Home) echo Home ;; End) echo End ;; Backspace) echo BSpace ;; mellomrom) echo Space ;;
	Tab) echo Tab ;; Shift-Tab) echo BTab ;; F*) echo "$1" ;; 0-9) echo 7 ;;
	Ctrl-*) echo "C-$(echo "${1#Ctrl-}" | tr 'A-Z' 'a-z')" ;;
	*) echo "$1" ;;
	esac
}

# goto VIEW: start trapp and open the view; prints nothing, fails loudly
goto() {
	start 100 30 TRAPP_TODAY=$TODAY USER=tester -- --db "$DB"
	wait_for "Innsatstrapp" || { fail "start for $1"; return 1; }
	case $1 in
	Innsatstrappen) ;;
	Tiltakslisten) keys Enter; wait_for "Nivå" ;;
	Tiltaket) keys Enter; sleep 0.3; keys Enter; wait_for "Beskrivelse" ;;
	BTI-veilederen) keys v; wait_for "Side 1 av"; keys l; wait_for "Side 2 av" ;;
	Stafettloggene) keys p; wait_for "STAFETTHOLDER" ;;
	Stafettloggen) keys p; wait_for "STAFETTHOLDER"; keys Enter; wait_for "Stafettlogg $id" ;;
	Frister) keys D; wait_for "I dag" ;;
	"Valgmenyer og tekstbokser") keys b; wait_for "Behov" ;;
	Hjelp) keys '?'; wait_for "Taster" ;;
	esac
}

skip_action() {
	case $1 in
	Opp|Ned|"Side opp"|"Side ned"|"Til toppen"|"Til bunnen") return 0 ;;
	esac
	return 1
}

# same SCREEN: the screen equals SCREEN but for the message/footer lines
body() { echo "$1" | head -n 26; }
same() { [ "$(body "$(screen)")" = "$(body "$1")" ]; }

# The views a person reaches without an import file or an open form
# (forms and the import preview have their own suites).
for view in Innsatstrappen Tiltakslisten Tiltaket BTI-veilederen Stafettloggene Stafettloggen Frister \
	"Valgmenyer og tekstbokser" Hjelp; do
	"$TUI" keys | awk -v v="$view" '$0 == v {on=1; next} /^[^ ]/ {on=0} on && NF' \
		| sed 's/^  //; s/   */\t/' > "$TMP/table"
	[ -s "$TMP/table" ] || { fail "$view: no keys listed"; continue; }
	goto "$view"
	sleep 0.2
	home=$(screen)
	# the help overlay shows the same labels
	if [ "$view" != Hjelp ]; then
		keys '?'
		if wait_for "Taster"; then
			first=$(head -1 "$TMP/table" | cut -f2)
			contains "$view: ? shows the keys of this view" "$(screen)" "$first"
		else
			fail "$view: ? opens no help"; screen
		fi
		keys Escape; wait_gone "Taster"
	fi
	: > "$TMP/presses"
	while IFS="$(printf '\t')" read -r names label; do
		skip_action "$label" && continue
		echo "$names" | tr '/' '\n' | sed 's/^ *//; s/ *$//' | while IFS= read -r name; do
			[ -n "$name" ] && printf '%s\t%s\n' "$name" "$label"
		done >> "$TMP/presses"
	done < "$TMP/table"
	while IFS="$(printf '\t')" read -r name label; do
		if ! same "$home" || dead; then
			goto "$view"; sleep 0.2
		fi
		before=$(screen)
		keys "$(tmux_key "$name")"
		i=0; changed=0
		while [ $i -lt 40 ]; do
			if dead || [ "$(screen)" != "$before" ]; then changed=1; break; fi
			sleep 0.05; i=$((i + 1))
		done
		if [ $changed = 1 ]; then ok "$view: $name ($label)"
		else fail "$view: $name ($label) did nothing"; screen; fi
		# back to the view: an overlay, form or opened view closes with Esc
		dead || same "$home" || { keys Escape; sleep 0.1; }
	done < "$TMP/presses"
done
summary
