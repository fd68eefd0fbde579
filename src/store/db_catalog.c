/* db_catalog.c - the catalogue tables: needs, level models and levels,
 * kommuner, services with their levels, age ranges and needs; loading one
 * kommune's catalogue into memory; and the knowledge tables (risk factors,
 * forums, strategic grips, Senja's table 8). */
#include "pg_internal.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

int db_need_put(struct db *db, const char *code, const char *label, const char *desc)
{
	if (db->pg)
		return pg_need_put(db, code, label, desc);
	sqlite3_stmt *st = dbi_prep(db, "INSERT INTO need(code, label, description) VALUES(?1,?2,?3)"
				    " ON CONFLICT(code) DO UPDATE SET label = excluded.label,"
				    " description = excluded.description");
	if (!st)
		return -1;
	dbi_text(st, 1, code);
	dbi_text(st, 2, label);
	dbi_text(st, 3, desc);
	return dbi_exec_stmt(db, st);
}

static long long model_id(struct db *db, const char *model, int create)
{
	long long id = dbi_id(db, "SELECT id FROM level_model WHERE code = ?1", model);
	if (id != -1 || !create)
		return id;
	sqlite3_stmt *st = dbi_prep(db, "INSERT INTO level_model(code) VALUES(?1)");
	if (!st)
		return -2;
	dbi_text(st, 1, model);
	if (dbi_exec_stmt(db, st) != 0)
		return -2;
	return sqlite3_last_insert_rowid(db->h);
}

static void prevention_codes(struct strbuf *sb, unsigned mask)
{
	for (int p = 0; p < PREV_COUNT; p++)
		if (mask & (1u << p))
			sb_printf(sb, "%s%s", sb->len ? ";" : "", level_prevention_code(p));
}

int db_level_put(struct db *db, const char *model, const struct level *l)
{
	if (db->pg)
		return pg_level_put(db, model, l);
	long long mid = model_id(db, model, 1);
	if (mid < 0)
		return -1;
	sqlite3_stmt *st = dbi_prep(db,
		"INSERT INTO level(model_id, code, ord, name, subtitle, goal, commitments, access,"
		" description, prevention, source) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"
		" ON CONFLICT(model_id, code) DO UPDATE SET ord = excluded.ord, name = excluded.name,"
		" subtitle = excluded.subtitle, goal = excluded.goal, commitments = excluded.commitments,"
		" access = excluded.access, description = excluded.description,"
		" prevention = excluded.prevention, source = excluded.source");
	if (!st)
		return -1;
	struct strbuf prev = {0};
	prevention_codes(&prev, l->prevention);
	sqlite3_bind_int64(st, 1, mid);
	dbi_text(st, 2, l->code);
	sqlite3_bind_int(st, 3, l->ord);
	dbi_text(st, 4, l->name);
	dbi_text(st, 5, l->subtitle);
	dbi_text(st, 6, l->goal);
	dbi_text(st, 7, l->commitments);
	dbi_text(st, 8, l->access);
	dbi_text(st, 9, l->description);
	dbi_text(st, 10, sb_str(&prev));
	dbi_text(st, 11, l->source);
	sb_free(&prev);
	return dbi_exec_stmt(db, st);
}

int db_kommune_put(struct db *db, const struct kommune *k)
{
	if (db->pg)
		return pg_kommune_put(db, k);
	long long mid = model_id(db, k->level_model, 0);
	if (mid == -1) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Ukjent nivåmodell «%s» for kommunen %s", k->level_model, k->code);
		return -1;
	}
	if (mid < 0)
		return -1;
	sqlite3_stmt *st = dbi_prep(db, "INSERT INTO kommune(code, name, model_id, historical, source)"
				    " VALUES(?1,?2,?3,?4,?5) ON CONFLICT(code) DO UPDATE SET"
				    " name = excluded.name, model_id = excluded.model_id,"
				    " historical = excluded.historical, source = excluded.source");
	if (!st)
		return -1;
	dbi_text(st, 1, k->code);
	dbi_text(st, 2, k->name);
	sqlite3_bind_int64(st, 3, mid);
	sqlite3_bind_int(st, 4, k->historical);
	dbi_text(st, 5, k->source);
	return dbi_exec_stmt(db, st);
}

static const char KOMMUNE_SELECT[] =
	"SELECT k.code, k.name, m.code, k.historical, k.source FROM kommune k"
	" JOIN level_model m ON m.id = k.model_id";

static void kommune_from_row(sqlite3_stmt *st, struct kommune *k)
{
	k->code = dbi_col(st, 0);
	k->name = dbi_col(st, 1);
	k->level_model = dbi_col(st, 2);
	k->historical = sqlite3_column_int(st, 3);
	k->source = dbi_col(st, 4);
}

static int cmp_kommune(const void *a, const void *b)
{
	const struct kommune *x = a, *y = b;
	if (x->historical != y->historical)
		return x->historical - y->historical;
	return text_collate(x->name, y->name);
}

int db_kommune_list(struct db *db, struct kommune **out, size_t *n)
{
	if (db->pg)
		return pg_kommune_list(db, out, n);
	char sql[256];
	snprintf(sql, sizeof sql, "%s ORDER BY k.historical, k.name", KOMMUNE_SELECT);
	sqlite3_stmt *st = dbi_prep(db, sql);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		kommune_from_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dbi_fail(db, sql);
	/* current catalogues first, then by name in Norwegian order (SQLite's
	 * ORDER BY is byte order: "bodø" after "Tromsø") */
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_kommune);
	return 0;
}

void db_kommune_list_free(struct kommune *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(k[i].code);
		free(k[i].name);
		free(k[i].level_model);
		free(k[i].source);
	}
	free(k);
}

long db_service_count(struct db *db, const char *kommune)
{
	if (db->pg)
		return pg_service_count(db, kommune);
	static const char sql[] = "SELECT count(*) FROM service WHERE kommune_id ="
				  " (SELECT id FROM kommune WHERE code = ?1)";
	sqlite3_stmt *st = dbi_cached(db, sql);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	if (n < 0)
		dbi_fail(db, sql);
	dbi_done(db, st);
	return n;
}

int db_kommune_exists(struct db *db, const char *code)
{
	if (db->pg)
		return pg_kommune_exists(db, code);
	long long id = dbi_id(db, "SELECT id FROM kommune WHERE code = ?1", code);
	return id >= 0 ? 1 : id == -1 ? 0 : -1;
}

/* Insert the rows of a link table for one service: each code's id by
 * sql_id (?1 code, ?2 kommune), then sql_insert (?1 service, ?2 id). The
 * statements are kept prepared (dbi_cached): an import runs them for every
 * row. */
static int link_codes(struct db *db, long long sid, const char *codes, const char *sql_id,
		      const char *sql_insert, const char *kind, const char *kommune)
{
	struct strvec sv = {0};
	sv_split(&sv, codes, ';');
	int rc = 0;
	for (size_t i = 0; i < sv.n && rc == 0; i++) {
		sqlite3_stmt *st = dbi_cached(db, sql_id);
		if (!st) {
			rc = -1;
			break;
		}
		dbi_text(st, 1, sv.v[i]);
		dbi_text(st, 2, kommune);
		long long id = -1;
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		dbi_done(db, st);
		if (id < 0) {
			sb_reset(&db->err);
			sb_printf(&db->err, "Ukjent %s «%s»", kind, sv.v[i]);
			rc = -1;
			break;
		}
		st = dbi_cached(db, sql_insert);
		if (!st) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_int64(st, 2, id);
		rc = dbi_step_done(db, st);
	}
	sv_free(&sv);
	return rc;
}

static int delete_links(struct db *db, long long sid)
{
	static const char *const sqls[] = {
		"DELETE FROM service_level WHERE service_id = ?1",
		"DELETE FROM service_age WHERE service_id = ?1",
		"DELETE FROM service_need WHERE service_id = ?1",
	};
	for (size_t i = 0; i < ARRAY_LEN(sqls); i++) {
		sqlite3_stmt *st = dbi_cached(db, sqls[i]);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, sid);
		if (dbi_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

/* Aliases and notes (schema 5); a database opened at an older version on
 * purpose (tests of the migrations) has no such columns. */
static int put_notes(struct db *db, long long sid, const struct service *s)
{
	if (db->schema < 5)
		return 0;
	sqlite3_stmt *st = dbi_cached(db, "UPDATE service SET aliases = ?2, notes = ?3 WHERE id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	dbi_text(st, 2, s->aliases);
	dbi_text(st, 3, s->notes);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : dbi_fail(db, "UPDATE service SET aliases");
	dbi_done(db, st);
	return rc;
}

int db_removed_put(struct db *db, const char *kommune, const struct db_removed *r)
{
	if (db->pg)
		return pg_removed_put(db, kommune, r);
	sqlite3_stmt *st = dbi_prep(db,
		"INSERT INTO service_removed(kommune_id, slug, name, target, needs, age_ranges, age_basis,"
		" notes, aliases, source) SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 FROM kommune"
		" WHERE code = ?1 ON CONFLICT(kommune_id, slug) DO UPDATE SET name = excluded.name,"
		" target = excluded.target, needs = excluded.needs, age_ranges = excluded.age_ranges,"
		" age_basis = excluded.age_basis, notes = excluded.notes, aliases = excluded.aliases,"
		" source = excluded.source");
	if (!st)
		return -1;
	const char *v[] = {kommune, r->slug, r->name, r->target, r->needs, r->age_ranges,
			   r->age_basis, r->notes, r->aliases, r->source};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		dbi_text(st, (int)i + 1, v[i]);
	return dbi_exec_stmt(db, st);
}

int db_removed_load(struct db *db, const char *kommune, struct db_removed **out, size_t *n)
{
	if (db->pg)
		return pg_removed_load(db, kommune, out, n);
	static const char sql[] =
		"SELECT r.slug, r.name, r.target, r.needs, r.age_ranges, r.age_basis, r.notes, r.aliases,"
		" r.source FROM service_removed r JOIN kommune k ON k.id = r.kommune_id"
		" WHERE k.code = ?1 ORDER BY r.id";
	*out = NULL;
	*n = 0;
	if (db->schema < 8)  /* service_removed came with schema 8 */
		return 0;
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct db_removed *r = &(*out)[(*n)++];
		char **f[] = {&r->slug, &r->name, &r->target, &r->needs, &r->age_ranges, &r->age_basis,
			      &r->notes, &r->aliases, &r->source};
		for (size_t i = 0; i < ARRAY_LEN(f); i++)
			*f[i] = dbi_col(st, (int)i);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

void db_removed_free(struct db_removed *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char **f[] = {&v[i].slug, &v[i].name, &v[i].target, &v[i].needs, &v[i].age_ranges,
			      &v[i].age_basis, &v[i].notes, &v[i].aliases, &v[i].source};
		for (size_t k = 0; k < ARRAY_LEN(f); k++)
			free(*f[k]);
	}
	free(v);
}

int db_service_notes_set(struct db *db, const char *kommune, const char *slug, const char *aliases,
			 const char *notes)
{
	if (db->pg)
		return pg_service_notes_set(db, kommune, slug, aliases, notes);
	sqlite3_stmt *st = dbi_prep(db, "UPDATE service SET aliases = ?3, notes = ?4 WHERE slug = ?2"
				    " AND kommune_id = (SELECT id FROM kommune WHERE code = ?1)");
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	dbi_text(st, 2, slug);
	dbi_text(st, 3, aliases);
	dbi_text(st, 4, notes);
	return dbi_exec_stmt(db, st);
}

/* The kommune's row id, remembered for the next call (an import puts
 * every row in the same kommune); -1 when unknown, -2 on error. */
static long long kommune_id(struct db *db, const char *kommune)
{
	if (db->kom_code && strcmp(db->kom_code, kommune) == 0)
		return db->kom_id;
	long long id = dbi_id(db, "SELECT id FROM kommune WHERE code = ?1", kommune);
	if (id >= 0) {
		free(db->kom_code);
		db->kom_code = xstrdup(kommune);
		db->kom_id = id;
	}
	return id;
}

int db_service_put(struct db *db, const char *kommune, const struct service *s)
{
	if (db->pg)
		return pg_service_put(db, kommune, s);
	long long kid = kommune_id(db, kommune);
	if (kid == -1) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Ukjent kommune «%s»", kommune);
	}
	if (kid < 0)
		return -1;
	sqlite3_stmt *st = dbi_cached(db,
		"INSERT INTO service(kommune_id, slug, name, description, age_text, age_basis,"
		" target_group, target, level_text, responsible, category, organisation, cooperation,"
		" implementation, evaluation, address, opening_hours, source)"
		" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)"
		" ON CONFLICT(kommune_id, slug) DO UPDATE SET name = excluded.name,"
		" description = excluded.description, age_text = excluded.age_text,"
		" age_basis = excluded.age_basis, target_group = excluded.target_group,"
		" target = excluded.target, level_text = excluded.level_text,"
		" responsible = excluded.responsible, category = excluded.category,"
		" organisation = excluded.organisation, cooperation = excluded.cooperation,"
		" implementation = excluded.implementation, evaluation = excluded.evaluation,"
		" address = excluded.address, opening_hours = excluded.opening_hours,"
		" source = excluded.source RETURNING id");
	if (!st)
		return -1;
	const char *text[] = {s->slug, s->name, s->description, s->age_text,
			      age_basis_code(s->age_basis), s->target_group, s->target,
			      s->level_text, s->responsible, s->category, s->organisation,
			      s->cooperation, s->implementation, s->evaluation, s->address,
			      s->opening_hours, s->source};
	sqlite3_bind_int64(st, 1, kid);
	for (size_t i = 0; i < ARRAY_LEN(text); i++)
		sqlite3_bind_text(st, (int)i + 2, text[i] ? text[i] : "", -1, SQLITE_STATIC);
	/* an update leaves the last insert row id alone: a new row has no
	 * links to clear (a coincidentally equal id only costs the deletes) */
	long long last = sqlite3_last_insert_rowid(db->h);
	long long sid = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		sid = sqlite3_column_int64(st, 0);
	else
		dbi_fail(db, sqlite3_sql(st));
	/* RETURNING: the row is written when the statement finishes */
	while (sid >= 0 && sqlite3_step(st) == SQLITE_ROW)
		;
	dbi_done(db, st);
	if (sid < 0)
		return -1;
	if ((sqlite3_last_insert_rowid(db->h) == last && delete_links(db, sid) != 0) ||
	    put_notes(db, sid, s) != 0)
		return -1;
	if (link_codes(db, sid, s->level_codes,
		       "SELECT l.id FROM level l JOIN kommune k ON k.model_id = l.model_id"
		       " WHERE l.code = ?1 AND k.code = ?2",
		       "INSERT INTO service_level(service_id, level_id) VALUES(?1,?2)",
		       "nivå", kommune) != 0)
		return -1;
	if (link_codes(db, sid, s->need_codes,
		       "SELECT id FROM need WHERE code = ?1 AND ?2 IS NOT NULL",
		       "INSERT INTO service_need(service_id, need_id) VALUES(?1,?2)",
		       "behov", kommune) != 0)
		return -1;
	for (int i = 0; i < s->ages.n; i++) {
		st = dbi_cached(db, "INSERT INTO service_age(service_id, lo, hi) VALUES(?1,?2,?3)");
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_int(st, 2, s->ages.r[i].lo);
		sqlite3_bind_int(st, 3, s->ages.r[i].hi);
		if (dbi_step_done(db, st) != 0)
			return -1;
	}
	return 0;
}

int db_service_delete(struct db *db, const char *kommune, const char *slug)
{
	if (db->pg)
		return pg_service_delete(db, kommune, slug);
	sqlite3_stmt *st = dbi_prep(db, "DELETE FROM service WHERE slug = ?1 AND kommune_id ="
				    " (SELECT id FROM kommune WHERE code = ?2)");
	if (!st)
		return -1;
	dbi_text(st, 1, slug);
	dbi_text(st, 2, kommune);
	return dbi_exec_stmt(db, st);
}

int db_level_models(struct db *db, struct strvec *out)
{
	if (db->pg)
		return pg_level_models(db, out);
	static const char sql[] = "SELECT code FROM level_model ORDER BY code";
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sv_push_owned(out, dbi_col(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

int db_levels_load(struct db *db, const char *model, struct level **out, size_t *n)
{
	if (db->pg)
		return pg_levels_load(db, model, out, n);
	static const char sql[] =
		"SELECT l.id, l.ord, l.code, l.name, l.subtitle, l.goal, l.commitments, l.access,"
		" l.description, l.source, l.prevention FROM level l"
		" JOIN level_model m ON m.id = l.model_id WHERE m.code = ?1 ORDER BY l.ord";
	sqlite3_stmt *st = dbi_prep(db, sql);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	dbi_text(st, 1, model);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct level *l = &(*out)[(*n)++];
		l->id = sqlite3_column_int(st, 0);
		l->ord = sqlite3_column_int(st, 1);
		l->code = dbi_col(st, 2);
		l->name = dbi_col(st, 3);
		l->subtitle = dbi_col(st, 4);
		l->goal = dbi_col(st, 5);
		l->commitments = dbi_col(st, 6);
		l->access = dbi_col(st, 7);
		l->description = dbi_col(st, 8);
		l->source = dbi_col(st, 9);
		char *prev = dbi_col(st, 10);
		level_prevention_parse(prev, &l->prevention, NULL);
		free(prev);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

int db_needs_load(struct db *db, struct need **out, size_t *n)
{
	if (db->pg)
		return pg_needs_load(db, out, n);
	static const char sql[] = "SELECT code, label, description FROM need ORDER BY id";
	sqlite3_stmt *st = dbi_prep(db, sql);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct need *nd = &(*out)[(*n)++];
		nd->code = dbi_col(st, 0);
		nd->label = dbi_col(st, 1);
		nd->description = dbi_col(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

/* Attach codes from a two-column (service id, code) query. */
static int load_codes(struct db *db, struct catalog *c, const char *sql, const char *kommune,
		      int levels)
{
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct service *s = catalog_service_by_id(c, sqlite3_column_int64(st, 0));
		const char *code = (const char *)sqlite3_column_text(st, 1);
		if (s && code)
			catalog_code_append(levels ? &s->level_codes : &s->need_codes, code);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

static int load_services(struct db *db, struct catalog *c, const char *kommune)
{
#define SERVICE_COLS \
		"SELECT s.id, s.slug, s.name, s.description, s.age_text, s.age_basis, s.target_group," \
		" s.target, s.level_text, s.responsible, s.category, s.organisation, s.cooperation," \
		" s.implementation, s.evaluation, s.address, s.opening_hours, s.source, "
#define SERVICE_FROM " FROM service s JOIN kommune k ON k.id = s.kommune_id WHERE k.code = ?1 ORDER BY s.id"
	/* before schema 5 (migration tests) there are no aliases and notes */
	const char *sql = db->schema >= 5 ? SERVICE_COLS "s.aliases, s.notes" SERVICE_FROM
					      : SERVICE_COLS "'', ''" SERVICE_FROM;
#undef SERVICE_COLS
#undef SERVICE_FROM
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (c->n_svc == cap) {
			cap = cap ? cap * 2 : 256;
			c->svc = xrealloc(c->svc, cap * sizeof *c->svc);
		}
		struct service *s = &c->svc[c->n_svc++];
		memset(s, 0, sizeof *s);
		s->id = sqlite3_column_int(st, 0);
		char **cols[] = {&s->slug, &s->name, &s->description, &s->age_text, NULL,
				 &s->target_group, &s->target, &s->level_text, &s->responsible,
				 &s->category, &s->organisation, &s->cooperation, &s->implementation,
				 &s->evaluation, &s->address, &s->opening_hours, &s->source,
				 &s->aliases, &s->notes};
		for (size_t i = 0; i < ARRAY_LEN(cols); i++)
			if (cols[i])
				*cols[i] = dbi_col(st, (int)i + 1);
		char *basis = dbi_col(st, 5);
		if (age_basis_parse(basis, &s->age_basis) != 0)
			s->age_basis = AGE_UNKNOWN;
		free(basis);
		s->level_codes = xstrdup("");
		s->need_codes = xstrdup("");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dbi_fail(db, sql);

	static const char ages[] =
		"SELECT a.service_id, a.lo, a.hi FROM service_age a JOIN service s ON s.id = a.service_id"
		" JOIN kommune k ON k.id = s.kommune_id WHERE k.code = ?1 ORDER BY a.service_id, a.lo";
	st = dbi_prep(db, ages);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct service *s = catalog_service_by_id(c, sqlite3_column_int64(st, 0));
		if (s && s->ages.n < AGE_MAX_RANGES) {
			s->ages.r[s->ages.n].lo = sqlite3_column_int(st, 1);
			s->ages.r[s->ages.n].hi = sqlite3_column_int(st, 2);
			s->ages.n++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dbi_fail(db, ages);
	if (load_codes(db, c,
		       "SELECT sl.service_id, l.code FROM service_level sl JOIN level l ON l.id = sl.level_id"
		       " JOIN service s ON s.id = sl.service_id JOIN kommune k ON k.id = s.kommune_id"
		       " WHERE k.code = ?1 ORDER BY sl.service_id, l.ord", kommune, 1) != 0)
		return -1;
	return load_codes(db, c,
			  "SELECT sn.service_id, n.code FROM service_need sn JOIN need n ON n.id = sn.need_id"
			  " JOIN service s ON s.id = sn.service_id JOIN kommune k ON k.id = s.kommune_id"
			  " WHERE k.code = ?1 ORDER BY sn.service_id, n.id", kommune, 0);
}

int db_catalog_read(struct db *db, const char *kommune, struct catalog *out)
{
	if (db->pg)
		return pg_catalog_read(db, kommune, out);
	memset(out, 0, sizeof *out);
	char sql[256];
	snprintf(sql, sizeof sql, "%s WHERE k.code = ?1", KOMMUNE_SELECT);
	sqlite3_stmt *st = dbi_prep(db, sql);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		kommune_from_row(st, &out->kommune);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Ukjent kommune «%s»", kommune);
		return -1;
	}
	if (db_levels_load(db, out->kommune.level_model, &out->levels, &out->n_levels) != 0 ||
	    db_needs_load(db, &out->needs, &out->n_needs) != 0 ||
	    load_services(db, out, kommune) != 0) {
		catalog_record_free(out);
		return -1;
	}
	return 0;
}

/* --- knowledge tables ------------------------------------------------ */

struct ktable {
	const char *const cols[12];
	const char *insert, *select;
};

static const struct ktable ktables[KT_COUNT] = {
	[KT_FACTOR] = {{"kommune", "kind", "ord", "name", "description", "source", NULL},
		"INSERT INTO factor(kommune_id, kind, ord, name, description, source)"
		" VALUES((SELECT id FROM kommune WHERE code = ?1),?2,?3,?4,?5,?6)",
		"SELECT k.code, f.kind, f.ord, f.name, f.description, f.source FROM factor f"
		" JOIN kommune k ON k.id = f.kommune_id WHERE k.code = ?1 ORDER BY f.kind DESC, f.ord"},
	[KT_FORUM] = {{"kommune", "ord", "name", "level", "function", "case_types", "participants",
		       "responsible", "frequency", "source", NULL},
		"INSERT INTO forum(kommune_id, ord, name, level, function, case_types, participants,"
		" responsible, frequency, source) VALUES((SELECT id FROM kommune WHERE code = ?1),"
		"?2,?3,?4,?5,?6,?7,?8,?9,?10)",
		"SELECT k.code, f.ord, f.name, f.level, f.function, f.case_types, f.participants,"
		" f.responsible, f.frequency, f.source FROM forum f JOIN kommune k ON k.id = f.kommune_id"
		" WHERE k.code = ?1 ORDER BY f.ord"},
	[KT_GRIP] = {{"kommune", "area_ord", "area", "kind", "ord", "text", "responsible", "source", NULL},
		"INSERT INTO grip(kommune_id, area_ord, area, kind, ord, text, responsible, source)"
		" VALUES((SELECT id FROM kommune WHERE code = ?1),?2,?3,?4,?5,?6,?7,?8)",
		"SELECT k.code, g.area_ord, g.area, g.kind, g.ord, g.text, g.responsible, g.source"
		" FROM grip g JOIN kommune k ON k.id = g.kommune_id WHERE k.code = ?1 ORDER BY g.id"},
	[KT_BEHAVIOUR] = {{"kommune", "severity", "severity_text", "age_min", "age_max", "age_band",
			   "help", "method", "source", NULL},
		"INSERT INTO behaviour_rule(kommune_id, severity, severity_text, age_min, age_max,"
		" age_band, help, method, source) VALUES((SELECT id FROM kommune WHERE code = ?1),"
		"?2,?3,?4,?5,?6,?7,?8,?9)",
		"SELECT k.code, b.severity, b.severity_text, b.age_min, b.age_max, b.age_band, b.help,"
		" b.method, b.source FROM behaviour_rule b JOIN kommune k ON k.id = b.kommune_id"
		" WHERE k.code = ?1 ORDER BY b.id"},
};

const char *const *db_ktable_columns(enum knowledge_table t) { return ktables[t].cols; }

const char *knowledge_get(enum knowledge_table t, const char *const *values, const char *column)
{
	for (size_t i = 0; ktables[t].cols[i]; i++)
		if (strcmp(ktables[t].cols[i], column) == 0)
			return values[i] ? values[i] : "";
	return "";
}

int db_ktable_insert(struct db *db, enum knowledge_table t, const char *const *values)
{
	if (db->pg)
		return pg_ktable_insert(db, t, values);
	sqlite3_stmt *st = dbi_prep(db, ktables[t].insert);
	if (!st)
		return -1;
	for (int i = 0; ktables[t].cols[i]; i++)
		dbi_text(st, i + 1, values[i]);
	return dbi_exec_stmt(db, st);
}

int db_ktable_list(struct db *db, enum knowledge_table t, const char *kommune, knowledge_row_fn fn, void *ctx)
{
	if (db->pg)
		return pg_ktable_list(db, t, kommune, fn, ctx);
	sqlite3_stmt *st = dbi_prep(db, ktables[t].select);
	if (!st)
		return -1;
	dbi_text(st, 1, kommune);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *vals[12] = {0};
		for (int i = 0; ktables[t].cols[i]; i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			vals[i] = v ? (const char *)v : "";
		}
		stop = fn(ctx, vals);
	}
	sqlite3_finalize(st);
	if (stop)
		return 0;
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, ktables[t].select);
}
