#!/bin/sh
# idle.sh DB KEYS WAITTEXT - CPU seconds an idle trapp uses over 10 s on
# the screen KEYS lead to (waits until WAITTEXT shows). A figure for
# README and make bench, never a test: it reads /proc, not a clock.
DB=$1; KEYS=$2; WAIT=$3; BIN=${BIN:-build/trapp}
T="tmux -L idle-$$ -f /dev/null"
$T new-session -d -s t -x 100 -y 30 -e TERM=tmux-256color -e LANG=C.UTF-8 "$BIN --db $DB"
sleep 1
for k in $KEYS; do $T send-keys -t t "$k"; done
i=0; while ! $T capture-pane -p -t t | grep -q "$WAIT"; do sleep 0.2; i=$((i+1)); [ $i -gt 600 ] && break; done
sleep 1
pid=$(pgrep -n -f "$BIN --db $DB")
tick=$(getconf CLK_TCK)
a=$(awk '{print $14+$15}' /proc/$pid/stat); sleep 10; b=$(awk '{print $14+$15}' /proc/$pid/stat)
echo "idle 10 s after '$KEYS': $(echo "scale=3; ($b-$a)/$tick" | bc) CPU-s"
$T kill-server
