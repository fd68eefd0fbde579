/* pg_catalog.c - the catalogue and knowledge tables on PostgreSQL: the
 * same rows and the same answers as db_catalog.c gives with SQLite. Writes
 * need the trapp_admin role (the server refuses others); reads are open to
 * every trapp_coordinator. */
#include "pg_internal.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

#define S(x) ((x) ? (x) : "")

int pg_need_put(struct db *db, const char *code, const char *label, const char *desc)
{
	const char *p[] = {S(code), S(label), S(desc)};
	return pgx_cmd(db, "INSERT INTO need(code, label, description) VALUES($1,$2,$3)"
		       " ON CONFLICT(code) DO UPDATE SET label = excluded.label,"
		       " description = excluded.description", 3, p);
}

static void prevention_codes(struct strbuf *sb, unsigned mask)
{
	for (int p = 0; p < PREV_COUNT; p++)
		if (mask & (1u << p))
			sb_printf(sb, "%s%s", sb->len ? ";" : "", level_prevention_code(p));
}

int pg_level_put(struct db *db, const char *model, const struct level *l)
{
	const char *m[] = {S(model)};
	if (pgx_cmd(db, "INSERT INTO level_model(code) VALUES($1) ON CONFLICT(code) DO NOTHING", 1, m) != 0)
		return -1;
	struct strbuf prev = {0};
	prevention_codes(&prev, l->prevention);
	char ord[24];
	const char *p[] = {S(model), S(l->code), pgx_ll(ord, l->ord), S(l->name), S(l->subtitle),
			   S(l->goal), S(l->commitments), S(l->access), S(l->description),
			   sb_str(&prev), S(l->source)};
	int rc = pgx_cmd(db,
		"INSERT INTO level(model_id, code, ord, name, subtitle, goal, commitments, access,"
		" description, prevention, source) SELECT id, $2,$3,$4,$5,$6,$7,$8,$9,$10,$11"
		" FROM level_model WHERE code = $1"
		" ON CONFLICT(model_id, code) DO UPDATE SET ord = excluded.ord, name = excluded.name,"
		" subtitle = excluded.subtitle, goal = excluded.goal, commitments = excluded.commitments,"
		" access = excluded.access, description = excluded.description,"
		" prevention = excluded.prevention, source = excluded.source", 11, p);
	sb_free(&prev);
	return rc;
}

int pg_kommune_put(struct db *db, const struct kommune *k)
{
	const char *m[] = {S(k->level_model)};
	PGresult *r = pgx(db, "SELECT id FROM level_model WHERE code = $1", 1, m);
	if (!r)
		return -1;
	int found = PQntuples(r) == 1;
	PQclear(r);
	if (!found) {
		sb_reset(&db->err);
		sb_printf(&db->err, "ukjent nivåmodell «%s» for kommunen %s", k->level_model, k->code);
		return -1;
	}
	char hist[24];
	const char *p[] = {S(k->code), S(k->name), S(k->level_model), pgx_ll(hist, k->historical),
			   S(k->source)};
	return pgx_cmd(db, "INSERT INTO kommune(code, name, model_id, historical, source)"
		       " SELECT $1, $2, id, $4, $5 FROM level_model WHERE code = $3"
		       " ON CONFLICT(code) DO UPDATE SET name = excluded.name, model_id = excluded.model_id,"
		       " historical = excluded.historical, source = excluded.source", 5, p);
}

static void kommune_from_row(const PGresult *r, int i, struct kommune *k)
{
	k->code = pgx_dup(r, i, 0);
	k->name = pgx_dup(r, i, 1);
	k->level_model = pgx_dup(r, i, 2);
	k->historical = (int)pgx_ll_at(r, i, 3);
	k->source = pgx_dup(r, i, 4);
}

static int cmp_kommune(const void *a, const void *b)
{
	const struct kommune *x = a, *y = b;
	if (x->historical != y->historical)
		return x->historical - y->historical;
	return text_collate(x->name, y->name);
}

int pg_kommune_list(struct db *db, struct kommune **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	PGresult *r = pgx(db, "SELECT k.code, k.name, m.code, k.historical, k.source FROM kommune k"
			  " JOIN level_model m ON m.id = k.model_id ORDER BY k.id", 0, NULL);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows) {
		*out = xcalloc((size_t)rows, sizeof **out);
		for (int i = 0; i < rows; i++)
			kommune_from_row(r, i, &(*out)[i]);
		*n = (size_t)rows;
		qsort(*out, *n, sizeof **out, cmp_kommune);  /* Norwegian order, as with SQLite */
	}
	PQclear(r);
	return 0;
}

long pg_service_count(struct db *db, const char *kommune)
{
	const char *p[] = {S(kommune)};
	PGresult *r = pgx(db, "SELECT count(*) FROM service WHERE kommune_id ="
			  " (SELECT id FROM kommune WHERE code = $1)", 1, p);
	if (!r)
		return -1;
	long n = (long)pgx_ll_at(r, 0, 0);
	PQclear(r);
	return n;
}

int pg_kommune_exists(struct db *db, const char *code)
{
	const char *p[] = {S(code)};
	PGresult *r = pgx(db, "SELECT 1 FROM kommune WHERE code = $1", 1, p);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	PQclear(r);
	return found;
}

int pg_removed_put(struct db *db, const char *kommune, const struct db_removed *r)
{
	const char *p[] = {S(kommune), S(r->slug), S(r->name), S(r->target), S(r->needs),
			   S(r->age_ranges), S(r->age_basis), S(r->notes), S(r->aliases), S(r->source)};
	return pgx_cmd(db,
		"INSERT INTO service_removed(kommune_id, slug, name, target, needs, age_ranges, age_basis,"
		" notes, aliases, source) SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM kommune"
		" WHERE code = $1 ON CONFLICT(kommune_id, slug) DO UPDATE SET name = excluded.name,"
		" target = excluded.target, needs = excluded.needs, age_ranges = excluded.age_ranges,"
		" age_basis = excluded.age_basis, notes = excluded.notes, aliases = excluded.aliases,"
		" source = excluded.source", 10, p);
}

int pg_removed_load(struct db *db, const char *kommune, struct db_removed **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *p[] = {S(kommune)};
	PGresult *r = pgx(db,
		"SELECT r.slug, r.name, r.target, r.needs, r.age_ranges, r.age_basis, r.notes, r.aliases,"
		" r.source FROM service_removed r JOIN kommune k ON k.id = r.kommune_id"
		" WHERE k.code = $1 ORDER BY r.id", 1, p);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		*out = xcalloc((size_t)rows, sizeof **out);
	for (int i = 0; i < rows; i++) {
		struct db_removed *d = &(*out)[i];
		char **f[] = {&d->slug, &d->name, &d->target, &d->needs, &d->age_ranges, &d->age_basis,
			      &d->notes, &d->aliases, &d->source};
		for (size_t c = 0; c < ARRAY_LEN(f); c++)
			*f[c] = pgx_dup(r, i, (int)c);
	}
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

int pg_service_notes_set(struct db *db, const char *kommune, const char *slug, const char *aliases,
			 const char *notes)
{
	const char *p[] = {S(kommune), S(slug), S(aliases), S(notes)};
	return pgx_cmd(db, "UPDATE service SET aliases = $3, notes = $4 WHERE slug = $2"
		       " AND kommune_id = (SELECT id FROM kommune WHERE code = $1)", 4, p);
}

/* Link a service to each of codes (;-separated) by sql ($1 service id,
 * $2 code, $3 kommune); a code that links nothing is unknown. */
static int link_codes(struct db *db, const char *sid, const char *codes, const char *sql,
		      const char *kind, const char *kommune)
{
	struct strvec sv = {0};
	sv_split(&sv, codes, ';');
	int rc = 0;
	for (size_t i = 0; i < sv.n && rc == 0; i++) {
		const char *p[] = {sid, sv.v[i], kommune};
		PGresult *r = pgx(db, sql, 3, p);
		if (!r) {
			rc = -1;
			break;
		}
		if (strcmp(PQcmdTuples(r), "0") == 0) {
			sb_reset(&db->err);
			sb_printf(&db->err, "ukjent %s «%s»", kind, sv.v[i]);
			rc = -1;
		}
		PQclear(r);
	}
	sv_free(&sv);
	return rc;
}

int pg_service_put(struct db *db, const char *kommune, const struct service *s)
{
	int known = pg_kommune_exists(db, kommune);
	if (known == 0) {
		sb_reset(&db->err);
		sb_printf(&db->err, "ukjent kommune «%s»", kommune);
	}
	if (known != 1)
		return -1;
	const char *p[] = {S(kommune), S(s->slug), S(s->name), S(s->description), S(s->age_text),
			   age_basis_code(s->age_basis), S(s->target_group), S(s->target),
			   S(s->level_text), S(s->responsible), S(s->category), S(s->organisation),
			   S(s->cooperation), S(s->implementation), S(s->evaluation), S(s->address),
			   S(s->opening_hours), S(s->source), S(s->aliases), S(s->notes)};
	/* xmax = 0: the row is new (nothing to clear) */
	PGresult *r = pgx(db,
		"INSERT INTO service(kommune_id, slug, name, description, age_text, age_basis,"
		" target_group, target, level_text, responsible, category, organisation, cooperation,"
		" implementation, evaluation, address, opening_hours, source, aliases, notes)"
		" SELECT id, $2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20"
		" FROM kommune WHERE code = $1"
		" ON CONFLICT(kommune_id, slug) DO UPDATE SET name = excluded.name,"
		" description = excluded.description, age_text = excluded.age_text,"
		" age_basis = excluded.age_basis, target_group = excluded.target_group,"
		" target = excluded.target, level_text = excluded.level_text,"
		" responsible = excluded.responsible, category = excluded.category,"
		" organisation = excluded.organisation, cooperation = excluded.cooperation,"
		" implementation = excluded.implementation, evaluation = excluded.evaluation,"
		" address = excluded.address, opening_hours = excluded.opening_hours,"
		" source = excluded.source, aliases = excluded.aliases, notes = excluded.notes"
		" RETURNING id, xmax = 0", 20, p);
	if (!r)
		return -1;
	char *sid = pgx_dup(r, 0, 0);
	int fresh = strcmp(pgx_val(r, 0, 1), "t") == 0;
	PQclear(r);
	const char *q[] = {sid};
	int rc = 0;
	if (!fresh)
		rc = pgx_cmd(db, "DELETE FROM service_level WHERE service_id = $1", 1, q) ||
		     pgx_cmd(db, "DELETE FROM service_age WHERE service_id = $1", 1, q) ||
		     pgx_cmd(db, "DELETE FROM service_need WHERE service_id = $1", 1, q) ? -1 : 0;
	if (rc == 0)
		rc = link_codes(db, sid, s->level_codes,
				"INSERT INTO service_level(service_id, level_id) SELECT $1, l.id FROM level l"
				" JOIN kommune k ON k.model_id = l.model_id WHERE l.code = $2 AND k.code = $3",
				"nivå", kommune);
	if (rc == 0)
		rc = link_codes(db, sid, s->need_codes,
				"INSERT INTO service_need(service_id, need_id) SELECT $1, id FROM need"
				" WHERE code = $2 AND $3::text IS NOT NULL", "behov", kommune);
	for (int i = 0; rc == 0 && i < s->ages.n; i++) {
		char lo[24], hi[24];
		const char *a[] = {sid, pgx_ll(lo, s->ages.r[i].lo), pgx_ll(hi, s->ages.r[i].hi)};
		rc = pgx_cmd(db, "INSERT INTO service_age(service_id, lo, hi) VALUES($1,$2,$3)", 3, a);
	}
	free(sid);
	return rc;
}

int pg_service_delete(struct db *db, const char *kommune, const char *slug)
{
	const char *p[] = {S(slug), S(kommune)};
	return pgx_cmd(db, "DELETE FROM service WHERE slug = $1 AND kommune_id ="
		       " (SELECT id FROM kommune WHERE code = $2)", 2, p);
}

int pg_level_models(struct db *db, struct strvec *out)
{
	PGresult *r = pgx(db, "SELECT code FROM level_model ORDER BY code COLLATE \"C\"", 0, NULL);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++)
		sv_push_owned(out, pgx_dup(r, i, 0));
	PQclear(r);
	return 0;
}

int pg_levels_load(struct db *db, const char *model, struct level **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *p[] = {S(model)};
	PGresult *r = pgx(db,
		"SELECT l.id, l.ord, l.code, l.name, l.subtitle, l.goal, l.commitments, l.access,"
		" l.description, l.source, l.prevention FROM level l"
		" JOIN level_model m ON m.id = l.model_id WHERE m.code = $1 ORDER BY l.ord", 1, p);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		*out = xcalloc((size_t)rows, sizeof **out);
	for (int i = 0; i < rows; i++) {
		struct level *l = &(*out)[i];
		l->id = (int)pgx_ll_at(r, i, 0);
		l->ord = (int)pgx_ll_at(r, i, 1);
		l->code = pgx_dup(r, i, 2);
		l->name = pgx_dup(r, i, 3);
		l->subtitle = pgx_dup(r, i, 4);
		l->goal = pgx_dup(r, i, 5);
		l->commitments = pgx_dup(r, i, 6);
		l->access = pgx_dup(r, i, 7);
		l->description = pgx_dup(r, i, 8);
		l->source = pgx_dup(r, i, 9);
		level_prevention_parse(pgx_val(r, i, 10), &l->prevention, NULL);
	}
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

int pg_needs_load(struct db *db, struct need **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	PGresult *r = pgx(db, "SELECT code, label, description FROM need ORDER BY id", 0, NULL);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		*out = xcalloc((size_t)rows, sizeof **out);
	for (int i = 0; i < rows; i++) {
		(*out)[i].code = pgx_dup(r, i, 0);
		(*out)[i].label = pgx_dup(r, i, 1);
		(*out)[i].description = pgx_dup(r, i, 2);
	}
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

static int load_codes(struct db *db, struct catalog *c, const char *sql, const char *kommune, int levels)
{
	const char *p[] = {kommune};
	PGresult *r = pgx(db, sql, 1, p);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct service *s = catalog_service_by_id(c, pgx_ll_at(r, i, 0));
		if (s)
			catalog_code_append(levels ? &s->level_codes : &s->need_codes, pgx_val(r, i, 1));
	}
	PQclear(r);
	return 0;
}

static int load_services(struct db *db, struct catalog *c, const char *kommune)
{
	const char *p[] = {kommune};
	PGresult *r = pgx(db,
		"SELECT s.id, s.slug, s.name, s.description, s.age_text, s.age_basis, s.target_group,"
		" s.target, s.level_text, s.responsible, s.category, s.organisation, s.cooperation,"
		" s.implementation, s.evaluation, s.address, s.opening_hours, s.source, s.aliases, s.notes"
		" FROM service s JOIN kommune k ON k.id = s.kommune_id WHERE k.code = $1 ORDER BY s.id", 1, p);
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		c->svc = xcalloc((size_t)rows, sizeof *c->svc);
	for (int i = 0; i < rows; i++) {
		struct service *s = &c->svc[c->n_svc++];
		s->id = (int)pgx_ll_at(r, i, 0);
		char **cols[] = {&s->slug, &s->name, &s->description, &s->age_text, NULL,
				 &s->target_group, &s->target, &s->level_text, &s->responsible,
				 &s->category, &s->organisation, &s->cooperation, &s->implementation,
				 &s->evaluation, &s->address, &s->opening_hours, &s->source,
				 &s->aliases, &s->notes};
		for (size_t k = 0; k < ARRAY_LEN(cols); k++)
			if (cols[k])
				*cols[k] = pgx_dup(r, i, (int)k + 1);
		if (age_basis_parse(pgx_val(r, i, 5), &s->age_basis) != 0)
			s->age_basis = AGE_UNKNOWN;
		s->level_codes = xstrdup("");
		s->need_codes = xstrdup("");
	}
	PQclear(r);
	r = pgx(db, "SELECT a.service_id, a.lo, a.hi FROM service_age a JOIN service s ON s.id = a.service_id"
		" JOIN kommune k ON k.id = s.kommune_id WHERE k.code = $1 ORDER BY a.service_id, a.lo", 1, p);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct service *s = catalog_service_by_id(c, pgx_ll_at(r, i, 0));
		if (s && s->ages.n < AGE_MAX_RANGES) {
			s->ages.r[s->ages.n].lo = (int)pgx_ll_at(r, i, 1);
			s->ages.r[s->ages.n].hi = (int)pgx_ll_at(r, i, 2);
			s->ages.n++;
		}
	}
	PQclear(r);
	if (load_codes(db, c,
		       "SELECT sl.service_id, l.code FROM service_level sl JOIN level l ON l.id = sl.level_id"
		       " JOIN service s ON s.id = sl.service_id JOIN kommune k ON k.id = s.kommune_id"
		       " WHERE k.code = $1 ORDER BY sl.service_id, l.ord", kommune, 1) != 0)
		return -1;
	return load_codes(db, c,
			  "SELECT sn.service_id, n.code FROM service_need sn JOIN need n ON n.id = sn.need_id"
			  " JOIN service s ON s.id = sn.service_id JOIN kommune k ON k.id = s.kommune_id"
			  " WHERE k.code = $1 ORDER BY sn.service_id, n.id", kommune, 0);
}

int pg_catalog_read(struct db *db, const char *kommune, struct catalog *out)
{
	memset(out, 0, sizeof *out);
	const char *p[] = {S(kommune)};
	PGresult *r = pgx(db, "SELECT k.code, k.name, m.code, k.historical, k.source FROM kommune k"
			  " JOIN level_model m ON m.id = k.model_id WHERE k.code = $1", 1, p);
	if (!r)
		return -1;
	int found = PQntuples(r) == 1;
	if (found)
		kommune_from_row(r, 0, &out->kommune);
	PQclear(r);
	if (!found) {
		sb_reset(&db->err);
		sb_printf(&db->err, "ukjent kommune «%s»", kommune);
		return -1;
	}
	if (pg_levels_load(db, out->kommune.level_model, &out->levels, &out->n_levels) != 0 ||
	    pg_needs_load(db, &out->needs, &out->n_needs) != 0 || load_services(db, out, kommune) != 0) {
		catalog_record_free(out);
		return -1;
	}
	return 0;  /* catalog_load (the model) finishes it */
}

/* --- knowledge tables ------------------------------------------------- */

static const char *const kt_insert[KT_COUNT] = {
	[KT_FACTOR] = "INSERT INTO factor(kommune_id, kind, ord, name, description, source)"
		      " VALUES((SELECT id FROM kommune WHERE code = $1),$2,$3,$4,$5,$6)",
	[KT_FORUM] = "INSERT INTO forum(kommune_id, ord, name, level, function, case_types, participants,"
		     " responsible, frequency, source) VALUES((SELECT id FROM kommune WHERE code = $1),"
		     "$2,$3,$4,$5,$6,$7,$8,$9,$10)",
	[KT_GRIP] = "INSERT INTO grip(kommune_id, area_ord, area, kind, ord, text, responsible, source)"
		    " VALUES((SELECT id FROM kommune WHERE code = $1),$2,$3,$4,$5,$6,$7,$8)",
	[KT_BEHAVIOUR] = "INSERT INTO behaviour_rule(kommune_id, severity, severity_text, age_min, age_max,"
			 " age_band, help, method, source) VALUES((SELECT id FROM kommune WHERE code = $1),"
			 "$2,$3,$4,$5,$6,$7,$8,$9)",
};

static const char *const kt_select[KT_COUNT] = {
	[KT_FACTOR] = "SELECT k.code, f.kind, f.ord, f.name, f.description, f.source FROM factor f"
		      " JOIN kommune k ON k.id = f.kommune_id WHERE k.code = $1"
		      " ORDER BY f.kind COLLATE \"C\" DESC, f.ord",
	[KT_FORUM] = "SELECT k.code, f.ord, f.name, f.level, f.function, f.case_types, f.participants,"
		     " f.responsible, f.frequency, f.source FROM forum f JOIN kommune k ON k.id = f.kommune_id"
		     " WHERE k.code = $1 ORDER BY f.ord",
	[KT_GRIP] = "SELECT k.code, g.area_ord, g.area, g.kind, g.ord, g.text, g.responsible, g.source"
		    " FROM grip g JOIN kommune k ON k.id = g.kommune_id WHERE k.code = $1 ORDER BY g.id",
	[KT_BEHAVIOUR] = "SELECT k.code, b.severity, b.severity_text, b.age_min, b.age_max, b.age_band,"
			 " b.help, b.method, b.source FROM behaviour_rule b"
			 " JOIN kommune k ON k.id = b.kommune_id WHERE k.code = $1 ORDER BY b.id",
};

static int ncols(enum knowledge_table t)
{
	const char *const *cols = db_ktable_columns(t);
	int n = 0;
	while (cols[n])
		n++;
	return n;
}

int pg_ktable_insert(struct db *db, enum knowledge_table t, const char *const *values)
{
	int n = ncols(t);
	const char *p[12];
	for (int i = 0; i < n; i++)
		p[i] = S(values[i]);
	return pgx_cmd(db, kt_insert[t], n, p);
}

int pg_ktable_list(struct db *db, enum knowledge_table t, const char *kommune, knowledge_row_fn fn,
		   void *ctx)
{
	const char *p[] = {S(kommune)};
	PGresult *r = pgx(db, kt_select[t], 1, p);
	if (!r)
		return -1;
	int n = ncols(t);
	for (int i = 0; i < PQntuples(r); i++) {
		const char *vals[12] = {0};
		for (int c = 0; c < n; c++)
			vals[c] = pgx_val(r, i, c);
		if (fn(ctx, vals))
			break;
	}
	PQclear(r);
	return 0;
}
