#!/usr/bin/env python3
"""validate.py DIR - check an HSDS 3.0 tabular data package independently
of trapp: the descriptor against the Frictionless tabular-data-package
profile (frictionless/, with python3-jsonschema) and against the official
HSDS 3.0 datapackage.json (tables, columns, order, types, formats,
constraints, foreign keys); every CSV for its header, required, unique,
enum, format and type constraints, primary and foreign keys; and every row,
and every service assembled with its attributes, schedules and locations,
against the official HSDS 3.0 JSON schemas (schema/).

Prints one "ok WHAT" or "FAIL WHAT: why" line per check."""
import csv
import json
import os
import re
import sys
import warnings
from urllib.parse import urlparse

import jsonschema

warnings.simplefilter('ignore', DeprecationWarning)  # RefResolver in jsonschema >= 4.18
HERE = os.path.dirname(os.path.abspath(__file__))
pkg_dir = sys.argv[1]
failures = 0


def say(ok, what, why=''):
    global failures
    if ok:
        print('ok ' + what)
    else:
        failures += 1
        print('FAIL ' + what + (': ' + str(why)[:300] if why else ''))


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


pkg = load(os.path.join(pkg_dir, 'datapackage.json'))
official = load(os.path.join(HERE, 'datapackage.json'))
off_res = {r['name']: r for r in official['resources']}

# 1. The Frictionless profile (draft-04 JSON schema, self-contained dictionary)
dictionary = load(os.path.join(HERE, 'frictionless', 'dictionary.json'))
profile = load(os.path.join(HERE, 'frictionless', 'tabular-data-package.json'))
ref = profile['$ref'].split('#', 1)[1]
schema = {'$schema': 'http://json-schema.org/draft-04/schema#',
          'definitions': dictionary['definitions'], '$ref': '#' + ref}
errs = sorted(jsonschema.Draft4Validator(schema).iter_errors(pkg), key=str)
say(not errs, 'datapackage.json is a valid Frictionless tabular data package',
    '; '.join('%s: %s' % (list(e.absolute_path), e.message) for e in errs[:5]))

# 2. The descriptor against the official HSDS 3.0 descriptor
names = [r['name'] for r in pkg['resources']]
say(set(names) >= {'organization', 'service', 'taxonomy', 'taxonomy_term', 'attribute'},
    'the core HSDS tables are there', names)


def field_key(f):
    c = f.get('constraints', {})
    return (f['name'], f['type'], f.get('format'), bool(c.get('required')),
            bool(c.get('unique')), tuple(c.get('enum', ())))


for r in pkg['resources']:
    o = off_res.get(r['name'])
    say(o is not None, 'resource %s is an official HSDS table' % r['name'])
    if not o:
        continue
    say(r['path'] == o['path'], '%s: official path %s' % (r['name'], o['path']), r['path'])
    got = [field_key(f) for f in r['schema']['fields']]
    want = [field_key(f) for f in o['schema']['fields']]
    bad = [(g, w) for g, w in zip(got, want) if g != w]
    say(got == want, '%s: official columns, order, types, formats and constraints' % r['name'],
        bad[:3] or 'got %d columns, want %d' % (len(got), len(want)))
    say(r['schema'].get('primaryKey') == o['schema'].get('primaryKey'), '%s: primary key' % r['name'])
    ofk = [fk for fk in o['schema'].get('foreignKeys', []) if fk['reference']['resource'] in names]
    gfk = r['schema'].get('foreignKeys', [])
    key = lambda fk: (fk['fields'], fk['reference']['resource'], fk['reference']['fields'])
    say(sorted(map(key, gfk)) == sorted(map(key, ofk)),
        '%s: the official foreign keys to tables in the package' % r['name'], (gfk, ofk))

# 3. The CSV files
UUID = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
TIME = re.compile(r'^\d{2}:\d{2}(:\d{2})?$')


def value_ok(f, v):
    fmt, t = f.get('format'), f['type']
    if t == 'number':
        try:
            float(v)
        except ValueError:
            return False
    if t == 'date' and not DATE.match(v):
        return False
    if t == 'time' and not TIME.match(v):
        return False
    if fmt == 'uuid' and not UUID.match(v):
        return False
    if fmt == 'uri':
        u = urlparse(v)
        if not (u.scheme and (u.netloc or u.path)):
            return False
    if fmt == 'email' and not EMAIL.match(v):
        return False
    return True


tables = {}
for r in pkg['resources']:
    path = os.path.join(pkg_dir, r['path'])
    with open(path, 'rb') as f:
        raw = f.read()
    say(not raw.startswith(b'\xef\xbb\xbf'), '%s: UTF-8 without BOM' % r['path'])
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        say(False, '%s: UTF-8' % r['path'], e)
        continue
    rows = list(csv.reader(text.splitlines(True)))
    fields = r['schema']['fields']
    header = rows[0] if rows else []
    official_header = [f['name'] for f in off_res.get(r['name'], r)['schema']['fields']]
    say(header == official_header, '%s: header is the official column list' % r['path'], header)
    body = rows[1:]
    say(all(len(row) == len(header) for row in body), '%s: every row has %d fields' % (r['path'], len(header)))
    recs = [dict(zip(header, row)) for row in body]
    tables[r['name']] = recs
    problems = []
    for f in fields:
        c = f.get('constraints', {})
        vals = [rec.get(f['name'], '') for rec in recs]
        for i, v in enumerate(vals):
            line = i + 2
            if v == '':
                if c.get('required'):
                    problems.append('%s:%d: %s is required' % (r['path'], line, f['name']))
                continue
            if 'enum' in c and v not in c['enum']:
                problems.append('%s:%d: %s=%r not in %s' % (r['path'], line, f['name'], v, c['enum']))
            if not value_ok(f, v):
                problems.append('%s:%d: %s=%r is not a %s %s' % (r['path'], line, f['name'], v,
                                                                 f['type'], f.get('format', '')))
        filled = [v for v in vals if v != '']
        if c.get('unique') and len(filled) != len(set(filled)):
            problems.append('%s: %s is not unique' % (r['path'], f['name']))
    say(not problems, '%s: %d rows meet the constraints' % (r['path'], len(recs)), problems[:5])

by_id = {n: {rec['id'] for rec in recs} for n, recs in tables.items()}
for r in pkg['resources']:
    for fk in r['schema'].get('foreignKeys', []):
        target = by_id.get(fk['reference']['resource'], set())
        dangling = [rec[fk['fields']] for rec in tables.get(r['name'], [])
                    if rec.get(fk['fields']) and rec[fk['fields']] not in target]
        say(not dangling, '%s.%s -> %s.id resolves' % (r['name'], fk['fields'], fk['reference']['resource']),
            dangling[:3])
svc_ids = by_id.get('service', set())
say(all(a['link_id'] in svc_ids for a in tables.get('attribute', []) if a['link_entity'] == 'service'),
    'attribute.link_id -> service.id resolves for link_entity service')

# 4. The official HSDS 3.0 JSON schemas, row by row and a service assembled
schema_dir = os.path.join(HERE, 'schema')
store = {}
for name in os.listdir(schema_dir):
    if name.endswith('.json'):
        store['file://' + os.path.join(schema_dir, name)] = load(os.path.join(schema_dir, name))


def validator(table):
    uri = 'file://' + os.path.join(schema_dir, table + '.json')
    s = store[uri]
    cls = jsonschema.validators.validator_for(s, default=jsonschema.Draft202012Validator)
    return cls(s, resolver=jsonschema.RefResolver(uri, s, store=store),
               format_checker=jsonschema.FormatChecker())


def as_json(table, rec):
    types = {f['name']: f['type'] for f in off_res[table]['schema']['fields']}
    out = {}
    for k, v in rec.items():
        if v == '':
            continue
        if types.get(k) == 'number':
            n = float(v)
            out[k] = int(n) if n.is_integer() else n
        else:
            out[k] = v
    return out


def check_json(what, v, obj_list):
    errs = []
    for obj in obj_list:
        errs.extend('%s: %s' % (list(e.absolute_path), e.message) for e in v.iter_errors(obj))
    say(not errs, what, errs[:5])


for n, recs in tables.items():
    if n in off_res:
        check_json('%s rows valid against schema/%s.json' % (n, n), validator(n),
                   [as_json(n, rec) for rec in recs])

J = {n: [as_json(n, rec) for rec in tables.get(n, [])] for n in off_res if n in tables}
terms = {t['id']: t for t in J.get('taxonomy_term', [])}
taxos = {t['id']: t for t in J.get('taxonomy', [])}
orgs = {o['id']: o for o in J.get('organization', [])}
locs = {loc['id']: dict(loc, addresses=[a for a in J.get('address', []) if a.get('location_id') == loc['id']])
        for loc in J.get('location', [])}
services = []
for s in J.get('service', []):
    s = dict(s)
    s['organization'] = orgs.get(s['organization_id'])
    s['attributes'] = []
    for a in J.get('attribute', []):
        if a['link_id'] == s['id']:
            t = dict(terms[a['taxonomy_term_id']])
            if t.get('taxonomy_id') in taxos:
                t['taxonomy_detail'] = taxos[t['taxonomy_id']]
            s['attributes'].append(dict(a, taxonomy_term=t))
    s['schedules'] = [x for x in J.get('schedule', []) if x.get('service_id') == s['id']]
    s['service_at_locations'] = [dict(x, location=locs[x['location_id']])
                                 for x in J.get('service_at_location', []) if x['service_id'] == s['id']]
    services.append(s)
check_json('%d services with organization, attributes, schedules and locations valid against '
           'schema/service.json' % len(services), validator('service'), services)

print('summary %d failures' % failures)
sys.exit(1 if failures else 0)
