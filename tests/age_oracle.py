#!/usr/bin/env python3
"""age_oracle.py - an independent implementation of the age rules, used by
the CLI tests to check `trapp services --age N`: prints the ids of the
services in a trapp service CSV whose age holds N."""
import csv, re, sys

def ranges(age, cur_ranges, basis):
    if cur_ranges:                      # curated ranges (empty age text)
        return [tuple(map(int, r.split('-'))) for r in cur_ranges.split(';')], basis
    t = re.sub(r'<[^>]*>', '', age).lower().strip()
    if not t:
        return None, 'unknown'          # alder ikke oppgitt: matches all
    out = []
    for part in t.split(','):
        m = re.findall(r'(\d+)\s*[-–]\s*(\d+)(?:\s*\((\d+)\))?', part)
        if m:
            for a, b, c in m:
                out.append((int(a), max(int(b), int(c or 0))))
            continue
        if (m := re.search(r'(?:over|fra)\s+(\d+)', part)) or (m := re.search(r'(\d+)\s*\+', part)):
            out.append((int(m.group(1)), 120)); continue
        if m := re.search(r'under\s+(\d+)', part):
            out.append((0, int(m.group(1)) - 1)); continue
        if 'gravid' in part or 'barsel' in part:
            out.append((0, 0)); continue
        if 'alle' in part or 'famili' in part:
            out.append((0, 120)); continue
    return out, 'stated'

age = int(sys.argv[2])
for row in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    rs, basis = ranges(row['age'], row['age_ranges'], row['age_basis'])
    # a service for staff or adults without ages of its own never comes up
    # for a child (data/FORMAT.md, "Staff and adult services")
    if (not rs or basis == 'inferred') and row.get('target') in ('ansatte', 'voksne') and age < 18:
        continue
    if rs is None or any(a <= age <= b for a, b in rs):
        print(row['id'])
