# tmux.sh - driving the real binary in a private tmux server: start at a
# fixed size, type, wait until the screen shows something (polling, no
# fixed sleeps), and read the screen as a person sees it.
# remain-on-exit is set for the whole server, so a pane that dies at once
# (TERM=dumb) stays readable.
printf 'set -g remain-on-exit on\n' > "$TMP/tmux.conf"
TM="tmux -L trapp-test-$$ -f $TMP/tmux.conf"
trap 'tmux -L trapp-test-$$ kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

# start W H VAR=VALUE... -- ARGS...: start trapp in session t. Variables go
# through env(1): tmux sets TERM itself, so -e cannot change it.
start() {
	w=$1; h=$2; shift 2
	envs="TERM=tmux-256color"
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	[ "${1:-}" = "--" ] && shift
	$TM kill-session -t t 2>/dev/null
	rm -f "$TMP/status"
	# tmux's own #{pane_dead_status} is sometimes empty: a wrapper shell
	# records the exit status instead.
	# shellcheck disable=SC2086
	$TM new-session -d -s t -x "$w" -y "$h" -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TZ=UTC \
		-e HOME="$HOME" -e STATUS_FILE="$TMP/status" \
		env $envs sh -c '"$0" "$@"; echo $? > "$STATUS_FILE"' "$TUI" "$@"
}
screen() { $TM capture-pane -p -t t; }
keys() { $TM send-keys -t t "$@"; }
typed() { $TM send-keys -t t -l "$1"; }
dead() { [ "$($TM display -p -t t '#{pane_dead}')" = 1 ]; }
exit_status() { wait_dead; cat "$TMP/status" 2>/dev/null; }
# the pid of trapp itself (the pane runs a wrapper shell around it)
trapp_pid() { pgrep -P "$($TM display -p -t t '#{pane_pid}')" | head -1; }
resize() { $TM resize-window -t t -x "$1" -y "$2"; }

# wait_for TEXT [SECONDS]: poll until the screen contains TEXT
wait_for() {
	i=0; lim=$(( ${2:-5} * 20 ))
	while [ $i -lt $lim ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
# wait_gone TEXT: poll until TEXT is no longer on screen
wait_gone() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
wait_dead() {
	i=0
	while [ $i -lt 100 ]; do dead && return 0; sleep 0.05; i=$((i + 1)); done
	return 1
}
# see NAME TEXT: assert TEXT shows up
see() { if wait_for "$2"; then ok "$1"; else fail "$1: «$2» not on screen:"; screen; fi; }
nosee() { if screen | grep -qF -- "$2"; then fail "$1: «$2» on screen"; screen; else ok "$1"; fi; }

# click ROW COL [BUTTON]: an X10 mouse press and release at 1-based ROW, COL
# (button 0 = left, 64 = wheel up, 65 = wheel down; wheels have no release)
mouse_byte() { printf "\\$(printf %o $((32 + $1)))"; }
click() {
	b=${3:-0}
	ev=$(printf '\033[M%b%b%b' "$(mouse_byte "$b")" "$(mouse_byte "$2")" "$(mouse_byte "$1")")
	[ "$b" -lt 64 ] && ev="$ev$(printf '\033[M%b%b%b' "$(mouse_byte 3)" "$(mouse_byte "$2")" "$(mouse_byte "$1")")"
	$TM send-keys -t t -l "$ev"
}

# cursor_row: the 1-based row of the visible text cursor, or "hidden"
cursor_row() {
	set -- $($TM display -p -t t '#{cursor_flag} #{cursor_y}')
	if [ "$1" = 1 ]; then echo $(($2 + 1)); else echo hidden; fi
}
