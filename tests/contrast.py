#!/usr/bin/env python3
"""contrast.py [--table] - the projector theme's contrast with xterm's
default palette (WCAG 2 relative luminance and contrast ratio).

Reads the colour pairs between the PROJECTOR markers in src/ui/draw.c and,
for each, the ratio of its foreground to its background, and of the bright
foreground bold gives in xterm (boldColors) where the theme allows bold
(never on a black foreground). Every ratio must be at least 7:1 (AAA).
Prints "ok ..." lines and "N passed, N failed"; --table prints the figures
as a Markdown table for README.md and trapp(1)."""
import re
import sys

# xterm's default palette (XTerm-col.ad / xterm's charproc defaults)
PALETTE = {
    "BLACK": "000000", "RED": "cd0000", "GREEN": "00cd00", "YELLOW": "cdcd00",
    "BLUE": "0000ee", "MAGENTA": "cd00cd", "CYAN": "00cdcd", "WHITE": "e5e5e5",
}
BRIGHT = {
    "BLACK": "7f7f7f", "RED": "ff0000", "GREEN": "00ff00", "YELLOW": "ffff00",
    "BLUE": "5c5cff", "MAGENTA": "ff00ff", "CYAN": "00ffff", "WHITE": "ffffff",
}
NAMES = {k: k.lower() for k in PALETTE}


def luminance(hexrgb):
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexrgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pairs(path):
    src = open(path, encoding="utf-8").read()
    block = src.split("PROJECTOR BEGIN", 1)[1].split("PROJECTOR END", 1)[0]
    return re.findall(r"\{PP_(\w+), COLOR_(\w+), COLOR_(\w+)\}", block)


def main():
    found = pairs("src/ui/draw.c")
    rows, passed, failed = [], 0, 0
    # reverse video of the normal pair (A_REVERSE: the theme drops bold)
    found += [(f"{n}_reverse", bg, fg) for n, fg, bg in found if n == "NORMAL"]
    for name, fg, bg in found:
        normal = ratio(PALETTE[fg], PALETTE[bg])
        bold = None if fg == "BLACK" or name.endswith("reverse") else ratio(BRIGHT[fg], PALETTE[bg])
        rows.append((name.lower(), fg, bg, normal, bold))
        for what, r in (("", normal), (" bold", bold)):
            if r is None:
                continue
            if r >= 7:
                passed += 1
                print(f"ok {name.lower()}{what}: {r:.1f}:1")
            else:
                failed += 1
                print(f"FAIL {name.lower()}{what}: {r:.1f}:1 is below 7:1")
    if len(found) < 5:
        failed += 1
        print("FAIL fewer than 5 pairs between the PROJECTOR markers")
    if "--table" in sys.argv:
        print("| slot | text on background | contrast | bold (bright text) |")
        print("|---|---|---|---|")
        for name, fg, bg, normal, bold in rows:
            b = f"{bold:.1f}:1" if bold else "never bold"
            print(f"| {name} | {NAMES[fg]} on {NAMES[bg]} | {normal:.1f}:1 | {b} |")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


sys.exit(main())
