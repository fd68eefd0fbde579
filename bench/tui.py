#!/usr/bin/env python3
"""tui.py - the TUI figures of `make bench`, measured in a real pseudo-
terminal (TERM=xterm-256color, UTF-8) the way a terminal emulator sees trapp:

  tui.py COLS ROWS WAIT_TEXT KEYS MOVES IDLE_S -- trapp ARGS...

prints one line "first_frame_ms bytes_first move_bytes_median
move_bytes_max idle_cpu_s peak_rss_kb open_ms" (open_ms -1 without
$TUI_OPEN):
- first_frame_ms: from fork to the moment the output contains WAIT_TEXT
  and then stays quiet for 30 ms (the quiet time is not counted);
- KEYS (e.g. "p" to open the plan list; "" for none) are typed after the
  first frame, waiting for quiet after each, and after the last until the
  text in $TUI_AFTER (if set) has appeared;
- if $TUI_OPEN is "KEY|TEXT": KEY is typed and the time until TEXT has
  appeared and the output stayed quiet for 30 ms (not counted) is the
  open time, e.g. "\r|Barnet" opens the plan under the plan list's cursor;
- then 10 cursor moves, the keys of MOVES in turn ("jk": down, up): the
  bytes trapp writes for each;
- then IDLE_S seconds of no input: the CPU seconds trapp used meanwhile
  (utime + stime from /proc/PID/stat); then q, q to leave.
Only the standard library: no package to install."""
import os, pty, select, signal, struct, sys, time, fcntl, termios

def main():
    cols, rows, wait_text, keys, mv, idle = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4], sys.argv[5], float(sys.argv[6])
    cmd = sys.argv[sys.argv.index('--') + 1:]
    env = dict(os.environ, TERM='xterm-256color', LANG='C.UTF-8', LC_ALL='C.UTF-8')
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    buf = bytearray()

    def read_until_quiet(quiet=0.03, limit=60.0, need=None):
        """Read until need (if given) was seen and no byte came for quiet
        seconds; returns (bytes read, time of the last byte)."""
        got, last = 0, time.monotonic()
        seen = need is None
        end = time.monotonic() + limit
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], quiet)
            if not r:
                if seen:
                    break
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            buf.extend(data)
            got += len(data)
            last = time.monotonic()
            if not seen and need in buf:
                seen = True
        return got, last

    first, t_last = read_until_quiet(need=wait_text)
    first_ms = (t_last - t0) * 1000
    if wait_text not in buf:
        print('tui.py: %r never appeared' % wait_text, file=sys.stderr)
        os.kill(pid, signal.SIGKILL)
        sys.exit(1)
    after = os.environ.get('TUI_AFTER', '').encode()
    for i, k in enumerate(keys):
        os.write(fd, k.encode())
        # a view may load for a while before it draws: wait for its text
        read_until_quiet(quiet=0.1, need=after if after and i == len(keys) - 1 else None)
    open_ms = -1.0
    if os.environ.get('TUI_OPEN'):
        key, text = os.environ['TUI_OPEN'].split('|', 1)
        del buf[:]  # the text must come from this key's frame
        t1 = time.monotonic()
        os.write(fd, key.encode())
        _, t_last = read_until_quiet(need=text.encode())
        if text.encode() not in buf:
            print('tui.py: %r never appeared after %r' % (text, key), file=sys.stderr)
            os.kill(pid, signal.SIGKILL)
            sys.exit(1)
        open_ms = (t_last - t1) * 1000
    moves = []
    for i in range(10):
        os.write(fd, mv[i % len(mv)].encode())
        n, _ = read_until_quiet(quiet=0.05)
        moves.append(n)
    moves.sort()

    def cpu():
        with open('/proc/%d/stat' % pid) as f:
            v = f.read().rsplit(')', 1)[1].split()
        return (int(v[11]) + int(v[12])) / os.sysconf('SC_CLK_TCK')

    c0 = cpu()
    end = time.monotonic() + idle
    while time.monotonic() < end:  # drain whatever an idle redraw writes
        read_until_quiet(quiet=0.2, limit=max(0.0, end - time.monotonic()))
    idle_cpu = cpu() - c0
    hwm = 0
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                hwm = int(line.split()[1])
    for k in b'qqqq':
        try:
            os.write(fd, bytes([k]))
        except OSError:
            break
        time.sleep(0.05)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    if os.environ.get('TUI_DUMP'):
        open(os.environ['TUI_DUMP'], 'wb').write(bytes(buf))
    print('%.1f %d %d %d %.3f %d %.1f' % (first_ms, first, moves[len(moves) // 2], moves[-1], idle_cpu, hwm, open_ms))

main()
