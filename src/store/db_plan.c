/* db_plan.c - the plan tables: loading one whole plan (child, level
 * history, stafettholders, concerns, consents with their scope, services,
 * people, goals, steps, meetings with their agreed steps, audit trail) and
 * one small write per change. No rules: plan.c decides, this file stores. */
#include "pg_internal.h"
#include "trapp/db_plan.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Every statement here is kept prepared (dbi_cached): a plan is read by
 * 14 queries and a change writes a few rows, so preparing each of them
 * anew would cost more than running it. Bind arguments by a format: 'l' long, 'i' int, 's' text (NULL binds
 * ""), 'o' optional text ("" or NULL binds SQL NULL). */
static sqlite3_stmt *prep_v(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = dbi_cached(db, sql);
	if (!st)
		return NULL;
	for (int i = 0; fmt[i]; i++) {
		int col = i + 1;
		switch (fmt[i]) {
		case 'l': sqlite3_bind_int64(st, col, va_arg(ap, long)); break;
		case 'i': sqlite3_bind_int(st, col, va_arg(ap, int)); break;
		case 's': dbi_text(st, col, va_arg(ap, const char *)); break;
		default: {
			const char *s = va_arg(ap, const char *);
			if (str_empty(s))
				sqlite3_bind_null(st, col);
			else
				dbi_text(st, col, s);
		}
		}
	}
	return st;
}

static sqlite3_stmt *prep(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = prep_v(db, sql, fmt, ap);
	va_end(ap);
	return st;
}

/* Run one write with bound arguments. */
static int run(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = prep_v(db, sql, fmt, ap);
	va_end(ap);
	return st ? dbi_step_done(db, st) : -1;
}

/* Run a write that must touch exactly one row. */
static int run_one(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = prep_v(db, sql, fmt, ap);
	va_end(ap);
	if (!st || dbi_step_done(db, st) != 0)
		return -1;
	if (sqlite3_changes(db->h) != 1) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Databasefeil: fant ikke raden som skulle endres [SQL: %.200s]", sql);
		return -1;
	}
	return 0;
}

/* --- loading --------------------------------------------------------- */

#define PUSH(arr, n) \
	((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)), memset(&(arr)[n], 0, sizeof *(arr)), &(arr)[(n)++])

static char *col(struct plan *p, sqlite3_stmt *st, int i) { return plan_keep(p, dbi_col(st, i)); }

static int vocab(sqlite3_stmt *st, int i, enum plan_vocab v)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	int k = plan_parse(v, t ? (const char *)t : "");
	return k < 0 ? 0 : k;
}

static void row_plan(struct plan *p, sqlite3_stmt *st)
{
	p->child = col(p, st, 0);
	p->born = col(p, st, 1);
	p->unit = col(p, st, 2);
	p->kommune = col(p, st, 3);
	p->level = sqlite3_column_int(st, 4);
	p->created = col(p, st, 5);
	p->closed = col(p, st, 6);
	p->close_reason = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : vocab(st, 7, VOCAB_CLOSE);
	p->erased = col(p, st, 8);
	p->version = (long)sqlite3_column_int64(st, 9);
	p->close_why = col(p, st, 10);
	p->close_summary = col(p, st, 11);
}

static void row_level(struct plan *p, sqlite3_stmt *st)
{
	struct plan_level_change *c = PUSH(p->levels, p->n_levels);
	c->date = col(p, st, 0);
	c->from = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 1);
	c->to = sqlite3_column_int(st, 2);
	c->why = col(p, st, 3);
}

static void row_concern(struct plan *p, sqlite3_stmt *st)
{
	struct plan_concern *c = PUSH(p->concerns, p->n_concerns);
	c->date = col(p, st, 0);
	c->text = col(p, st, 1);
	c->noticed_by = col(p, st, 2);
	c->id = (long)sqlite3_column_int64(st, 3);
}

static void row_holder(struct plan *p, sqlite3_stmt *st)
{
	struct plan_holder *h = PUSH(p->holders, p->n_holders);
	h->id = (long)sqlite3_column_int64(st, 0);
	h->name = col(p, st, 1);
	h->service = col(p, st, 2);
	h->proposed = col(p, st, 3);
	h->accepted = col(p, st, 4);
	h->state = (enum plan_handover)vocab(st, 5, VOCAB_HANDOVER);
	h->login = col(p, st, 6);
}

static void row_consent(struct plan *p, sqlite3_stmt *st)
{
	struct plan_consent *c = PUSH(p->consents, p->n_consents);
	c->id = (long)sqlite3_column_int64(st, 0);
	const unsigned char *kind = sqlite3_column_text(st, 1);
	c->refused = kind && strcmp((const char *)kind, "nekting") == 0;
	c->by = (enum plan_consent_by)vocab(st, 2, VOCAB_CONSENT_BY);
	c->date = col(p, st, 3);
	c->expires = col(p, st, 4);
	c->withdrawn = col(p, st, 5);
	c->guardians = col(p, st, 6);
}

static void row_scope(struct plan *p, sqlite3_stmt *st)
{
	long id = (long)sqlite3_column_int64(st, 0);
	for (size_t i = 0; i < p->n_consents; i++)
		if (p->consents[i].id == id) {
			sv_push_owned(&p->consents[i].scope, dbi_col(st, 1));
			sv_push_owned(&p->consents[i].scope_names, dbi_col(st, 2));
		}
}

static void row_service(struct plan *p, sqlite3_stmt *st)
{
	struct plan_service *s = PUSH(p->services, p->n_services);
	s->slug = col(p, st, 0);
	s->name = col(p, st, 1);
	s->role = col(p, st, 2);
	s->added = col(p, st, 3);
}

static void row_person(struct plan *p, sqlite3_stmt *st)
{
	struct plan_person *pp = PUSH(p->people, p->n_people);
	pp->name = col(p, st, 0);
	pp->role = col(p, st, 1);
	pp->contact = col(p, st, 2);
	pp->added = col(p, st, 3);
	pp->id = (long)sqlite3_column_int64(st, 4);
}

static void row_goal(struct plan *p, sqlite3_stmt *st)
{
	struct plan_goal *g = PUSH(p->goals, p->n_goals);
	g->no = sqlite3_column_int(st, 0);
	g->text = col(p, st, 1);
	g->status = (enum plan_goal_status)vocab(st, 2, VOCAB_GOAL);
	g->created = col(p, st, 3);
	g->version = (long)sqlite3_column_int64(st, 4);
}

static void row_step(struct plan *p, sqlite3_stmt *st)
{
	struct plan_step *s = PUSH(p->steps, p->n_steps);
	s->no = sqlite3_column_int(st, 0);
	s->what = col(p, st, 1);
	s->who = col(p, st, 2);
	s->service_slug = col(p, st, 3);
	s->service_name = col(p, st, 4);
	s->due = col(p, st, 5);
	s->evaluate = col(p, st, 6);
	s->status = (enum plan_step_status)vocab(st, 7, VOCAB_STEP);
	s->evaluation = col(p, st, 8);
	s->created = col(p, st, 9);
	s->version = (long)sqlite3_column_int64(st, 10);
}

static void row_meeting(struct plan *p, sqlite3_stmt *st)
{
	struct plan_meeting *m = PUSH(p->meetings, p->n_meetings);
	m->id = (long)sqlite3_column_int64(st, 0);
	m->no = sqlite3_column_int(st, 1);
	m->date = col(p, st, 2);
	m->attended = col(p, st, 3);
	m->notes = col(p, st, 4);
}

static void row_meeting_step(struct plan *p, sqlite3_stmt *st)
{
	long id = (long)sqlite3_column_int64(st, 0);
	for (size_t i = 0; i < p->n_meetings; i++) {
		struct plan_meeting *m = &p->meetings[i];
		if (m->id == id) {
			m->steps = xrealloc(m->steps, (m->n_steps + 1) * sizeof *m->steps);
			m->steps[m->n_steps++] = sqlite3_column_int(st, 1);
		}
	}
}

static void row_audit(struct plan *p, sqlite3_stmt *st)
{
	struct plan_audit *a = PUSH(p->audit, p->n_audit);
	a->at = col(p, st, 0);
	a->who = col(p, st, 1);
	a->what = col(p, st, 2);
	a->action = col(p, st, 3);
	a->row = sqlite3_column_int64(st, 4);
	a->content_hash = col(p, st, 5);
	a->hash = col(p, st, 6);
	a->item = col(p, st, 7);
	a->old_value = col(p, st, 8);
	a->new_value = col(p, st, 9);
}

static void row_member(struct plan *p, sqlite3_stmt *st)
{
	struct plan_member *m = PUSH(p->members, p->n_members);
	m->login = col(p, st, 0);
	m->name = col(p, st, 1);
	m->role = (enum plan_role)vocab(st, 2, VOCAB_ROLE);
	m->service = col(p, st, 3);
	m->added = col(p, st, 4);
}

/* A corrected value: the plan's own fields, or a concern's or person's. */
static void row_correction(struct plan *p, sqlite3_stmt *st)
{
	const char *f = (const char *)sqlite3_column_text(st, 0);
	long row = (long)sqlite3_column_int64(st, 1);
	if (!f)
		return;
	plan_mark_corrected(p, f, row);
}

static void row_need(struct plan *p, sqlite3_stmt *st)
{
	const unsigned char *t = sqlite3_column_text(st, 0);
	sv_push(&p->needs, t ? (const char *)t : "");
}

/* One query per part of the plan, each with the plan id as ?1. */
static const struct {
	const char *sql;
	void (*row)(struct plan *, sqlite3_stmt *);
} parts[] = {
	{"SELECT child, born, unit, kommune, level, created, closed, close_reason, erased, version,"
	 " close_why, close_summary FROM plan"
	 " WHERE id = ?1", row_plan},
	{"SELECT date, from_level, to_level, why FROM plan_level WHERE plan_id = ?1 ORDER BY id",
	 row_level},
	{"SELECT date, text, noticed_by, id FROM plan_concern WHERE plan_id = ?1 ORDER BY date, id",
	 row_concern},
	{"SELECT id, name, service, proposed, accepted, state, login FROM plan_holder WHERE plan_id = ?1"
	 " ORDER BY id", row_holder},
	{"SELECT id, kind, given_by, date, expires, withdrawn, guardians FROM plan_consent WHERE plan_id = ?1"
	 " ORDER BY date, id", row_consent},
	{"SELECT s.consent_id, s.slug, s.name FROM plan_consent_scope s JOIN plan_consent c"
	 " ON c.id = s.consent_id WHERE c.plan_id = ?1 ORDER BY s.id", row_scope},
	{"SELECT slug, name, role, added FROM plan_service WHERE plan_id = ?1 ORDER BY id", row_service},
	{"SELECT name, role, contact, added, id FROM plan_person WHERE plan_id = ?1 ORDER BY id", row_person},
	{"SELECT no, text, status, created, version FROM plan_goal WHERE plan_id = ?1 ORDER BY no",
	 row_goal},
	{"SELECT no, what, who, service_slug, service_name, due, evaluate, status, evaluation, created,"
	 " version FROM plan_step WHERE plan_id = ?1 ORDER BY no", row_step},
	{"SELECT id, no, date, attended, notes FROM plan_meeting WHERE plan_id = ?1 ORDER BY no",
	 row_meeting},
	{"SELECT ms.meeting_id, s.no FROM plan_meeting_step ms JOIN plan_step s ON s.id = ms.step_id"
	 " JOIN plan_meeting m ON m.id = ms.meeting_id WHERE m.plan_id = ?1 ORDER BY s.no",
	 row_meeting_step},
	{"SELECT at, who, what, action, id, content_hash, hash, item, old_value, new_value FROM plan_audit"
	 " WHERE plan_id = ?1 ORDER BY id", row_audit},
	{"SELECT m.login, coalesce(u.name, ''), m.role, m.service, m.added FROM plan_member m"
	 " LEFT JOIN app_user u ON u.login = m.login WHERE m.plan_id = ?1 ORDER BY m.id", row_member},
	{"SELECT field, row_id FROM plan_correction WHERE plan_id = ?1 ORDER BY id", row_correction},
	{"SELECT pn.need FROM plan_need pn JOIN need n ON n.code = pn.need WHERE pn.plan_id = ?1"
	 " ORDER BY n.id", row_need},
};

int db_plan_load(struct db *db, long id, struct plan *out)
{
	if (db->pg)
		return pg_plan_load(db, id, out);
	memset(out, 0, sizeof *out);
	out->id = id;
	out->close_reason = -1;
	out->role = -1;
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		sqlite3_stmt *st = prep(db, parts[i].sql, "l", id);
		if (!st)
			return -1;
		int rc, rows = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			parts[i].row(out, st);
			rows++;
		}
		dbi_done(db, st);
		if (rc != SQLITE_DONE)
			return dbi_fail(db, parts[i].sql);
		if (i == 0 && rows == 0)
			return 1;
	}
	return 0;
}

int db_plan_ids(struct db *db, int open_only, long **ids, size_t *n)
{
	if (db->pg)
		return pg_plan_ids(db, open_only, ids, n);
	static const char sql[] = "SELECT id FROM plan WHERE ?1 = 0 OR closed IS NULL"
				  " ORDER BY closed IS NOT NULL, id";
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(db, sql, "i", open_only);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = (long)sqlite3_column_int64(st, 0);
	}
	dbi_done(db, st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

/* The ids a query with two text parameters returns. */
static int id_list(struct db *db, const char *sql, const char *arg, const char *arg2, long **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = prep(db, sql, "ss", arg, arg2);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = (long)sqlite3_column_int64(st, 0);
	}
	dbi_done(db, st);
	return rc == SQLITE_DONE ? 0 : dbi_fail(db, sql);
}

/* Step st (a db_plan_rows query, bound) and call fn for each row. */
static int list_rows(struct db *db, sqlite3_stmt *st, db_plan_row_fn fn, void *ctx)
{
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t[8];
		for (int i = 0; i < 8; i++) {
			const unsigned char *v = sqlite3_column_text(st, i + 1);
			t[i] = v ? (const char *)v : "";
		}
		const char *due = t[6], *ev = t[7];
		struct db_plan_row r = {
			.id = (long)sqlite3_column_int64(st, 0), .child = t[0], .born = t[1],
			.unit = t[2], .level = atoi(t[3]), .closed = t[4],
			.close_reason = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : vocab(st, 9, VOCAB_CLOSE),
			.holder = t[5],
			/* the earlier of the next due date and the next evaluation */
			.next_due = !*due || (*ev && strcmp(ev, due) < 0) ? ev : due,
		};
		const unsigned char *cs = sqlite3_column_count(st) > 10 ? sqlite3_column_text(st, 10) : NULL;
		r.consent = cs ? (const char *)cs : "";
		stop = fn(ctx, &r);
	}
	const char *sql = sqlite3_sql(st);
	int ok = stop || rc == SQLITE_DONE;
	if (!ok)
		dbi_fail(db, sql);
	dbi_done(db, st);
	return ok ? 0 : -1;
}

int db_plan_rows(struct db *db, const char *login, long offset, long limit, db_plan_row_fn fn, void *ctx)
{
	if (db->pg)
		return pg_plan_rows(db, login, offset, limit, fn, ctx);
	/* one pass in the plan_list_order index; the holder and the two
	 * dates are index lookups per plan (plan_holder_plan, plan_step's
	 * (plan_id, no)) */
	static const char sql[] =
		"SELECT p.id, p.child, p.born, p.unit, p.level, p.closed,"
		" (SELECT h.name FROM plan_holder h WHERE h.plan_id = p.id AND h.state = 'akseptert'"
		"  ORDER BY h.id DESC LIMIT 1),"
		" (SELECT min(s.due) FROM plan_step s WHERE s.plan_id = p.id"
		"  AND s.status IN ('planlagt', 'pagar')),"
		" (SELECT min(s.evaluate) FROM plan_step s WHERE s.plan_id = p.id"
		"  AND s.evaluate IS NOT NULL AND s.evaluation = '' AND s.status <> 'avbrutt'),"
		" p.close_reason"
		" FROM plan p WHERE p.erased IS NULL AND p.id IN (SELECT plan_id FROM plan_member WHERE login = ?3"
		"  UNION SELECT plan_id FROM plan_holder WHERE login = ?3 AND state = 'foreslatt')"
		" ORDER BY p.closed IS NOT NULL, p.id LIMIT ?1 OFFSET ?2";
	sqlite3_stmt *st = prep(db, sql, "lls", limit, offset, login);
	return st ? list_rows(db, st, fn, ctx) : -1;
}

/* The plans of login narrowed by db_plan_where: ?3 login, ?4 text, ?5
 * level, ?6 mine, ?7 awaiting, ?8 overdue, ?9 today. */
#define FIND_WHERE                                                                                     \
	" FROM plan p WHERE p.erased IS NULL AND p.id IN (SELECT plan_id FROM plan_member WHERE login = ?3" \
	"  UNION SELECT plan_id FROM plan_holder WHERE login = ?3 AND state = 'foreslatt')"                 \
	" AND (?4 IS NULL OR instr(trapp_fold(p.child), trapp_fold(?4)) > 0"                               \
	"  OR instr(trapp_fold(p.unit), trapp_fold(?4)) > 0)"                                                \
	" AND (?5 < 0 OR p.level = ?5)"                                                                     \
	" AND (?6 = 0 OR p.id IN (SELECT plan_id FROM plan_member WHERE login = ?3"                         \
	"  AND role = 'stafettholder'))"                                                                    \
	" AND (?7 = 0 OR p.id IN (SELECT plan_id FROM plan_holder WHERE login = ?3 AND state = 'foreslatt'))" \
	" AND (?8 = 0 OR (p.closed IS NULL AND EXISTS (SELECT 1 FROM plan_step s WHERE s.plan_id = p.id"    \
	"  AND ((s.status IN ('planlagt', 'pagar') AND s.due < ?9) OR (s.evaluate IS NOT NULL"               \
	"  AND s.evaluation = '' AND s.status <> 'avbrutt' AND s.evaluate < ?9)))))"

static sqlite3_stmt *find_prep(struct db *db, const char *sql, const char *login, const struct db_plan_where *w,
			       long offset, long limit)
{
	return prep(db, sql, "llsoiiiis", limit, offset, login, w->text && *w->text ? w->text : NULL, w->level,
		    w->mine, w->awaiting, w->overdue, w->today ? w->today : "");
}

int db_plan_find(struct db *db, const char *login, const struct db_plan_where *w, long offset, long limit,
		 db_plan_row_fn fn, void *ctx)
{
	if (db->pg)
		return pg_plan_find(db, login, w, offset, limit, fn, ctx);
	/* as db_plan_rows, with the consent state on ?9 (plan_consent_state
	 * in SQL: the latest record given by today decides, a refusal
	 * refuses, else any consent neither withdrawn nor expired is valid) */
	static const char sql[] =
		"SELECT p.id, p.child, p.born, p.unit, p.level, p.closed,"
		" (SELECT h.name FROM plan_holder h WHERE h.plan_id = p.id AND h.state = 'akseptert'"
		"  ORDER BY h.id DESC LIMIT 1),"
		" (SELECT min(s.due) FROM plan_step s WHERE s.plan_id = p.id"
		"  AND s.status IN ('planlagt', 'pagar')),"
		" (SELECT min(s.evaluate) FROM plan_step s WHERE s.plan_id = p.id"
		"  AND s.evaluate IS NOT NULL AND s.evaluation = '' AND s.status <> 'avbrutt'),"
		" p.close_reason,"
		" (SELECT CASE WHEN l.id IS NULL THEN 'mangler' WHEN l.kind = 'nekting' THEN 'avslått'"
		"   WHEN EXISTS (SELECT 1 FROM plan_consent v WHERE v.plan_id = p.id AND v.kind = 'samtykke'"
		"    AND v.date <= ?9 AND (v.withdrawn IS NULL OR v.withdrawn > ?9)"
		"    AND (v.expires IS NULL OR v.expires >= ?9)) THEN 'gyldig'"
		"   WHEN l.withdrawn IS NOT NULL AND l.withdrawn <= ?9 THEN 'trukket' ELSE 'utløpt' END"
		"  FROM (SELECT 1) LEFT JOIN (SELECT * FROM plan_consent c WHERE c.plan_id = p.id AND c.date <= ?9"
		"  ORDER BY c.id DESC LIMIT 1) l)"
		FIND_WHERE
		" ORDER BY p.closed IS NOT NULL, p.id LIMIT ?1 OFFSET ?2";
	sqlite3_stmt *st = find_prep(db, sql, login, w, offset, limit);
	return st ? list_rows(db, st, fn, ctx) : -1;
}

int db_plan_find_count(struct db *db, const char *login, const struct db_plan_where *w, long *n)
{
	if (db->pg)
		return pg_plan_find_count(db, login, w, n);
	static const char sql[] = "SELECT count(*)" FIND_WHERE " AND ?1 = ?1 AND ?2 = ?2";
	sqlite3_stmt *st = find_prep(db, sql, login, w, 0, 0);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	dbi_done(db, st);
	return rc == SQLITE_ROW ? 0 : dbi_fail(db, sql);
}

int db_plan_count(struct db *db, const char *login, long *n)
{
	if (db->pg)
		return pg_plan_count(db, login, n);
	static const char sql[] = "SELECT count(*) FROM plan p WHERE p.erased IS NULL AND p.id IN"
				  " (SELECT plan_id FROM plan_member WHERE login = ?1 UNION"
				  "  SELECT plan_id FROM plan_holder WHERE login = ?1 AND state = 'foreslatt')";
	sqlite3_stmt *st = prep(db, sql, "s", login);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	dbi_done(db, st);
	return rc == SQLITE_ROW ? 0 : dbi_fail(db, sql);
}

int db_plan_due_rows(struct db *db, const char *login, const char *until, db_due_row_fn fn, void *ctx)
{
	if (db->pg)
		return pg_plan_due_rows(db, login, until, fn, ctx);
	/* open plans (the plan_open index), their steps by plan_step's
	 * (plan_id, no) index; an evaluation is due while it has a date and
	 * no text, unless the step was cancelled */
	static const char sql[] =
		"WITH mine(id) AS (SELECT plan_id FROM plan_member WHERE login = ?2"
		" UNION SELECT plan_id FROM plan_holder WHERE login = ?2 AND state = 'foreslatt') "
		"SELECT p.id, p.child, s.no, 0, s.due, s.what, s.who FROM plan p"
		" JOIN plan_step s ON s.plan_id = p.id WHERE p.closed IS NULL AND p.id IN (SELECT id FROM mine)"
		" AND s.status IN ('planlagt', 'pagar') AND (?1 IS NULL OR s.due <= ?1)"
		" UNION ALL "
		"SELECT p.id, p.child, s.no, 1, s.evaluate, s.what, s.who FROM plan p"
		" JOIN plan_step s ON s.plan_id = p.id WHERE p.closed IS NULL AND p.id IN (SELECT id FROM mine)"
		" AND s.evaluate IS NOT NULL AND s.evaluation = '' AND s.status <> 'avbrutt'"
		" AND (?1 IS NULL OR s.evaluate <= ?1)";
	sqlite3_stmt *st = prep(db, sql, "os", until, login);
	if (!st)
		return -1;
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t[6];
		for (int i = 0; i < 6; i++) {
			const unsigned char *v = sqlite3_column_text(st, i + 1);
			t[i] = v ? (const char *)v : "";
		}
		struct db_due_row r = {(long)sqlite3_column_int64(st, 0), t[0], atoi(t[1]), atoi(t[2]),
				       t[3], t[4], t[5]};
		stop = fn(ctx, &r);
	}
	int ok = stop || rc == SQLITE_DONE;
	if (!ok)
		dbi_fail(db, sql);
	dbi_done(db, st);
	return ok ? 0 : -1;
}

int db_service_name(struct db *db, const char *kommune, const char *slug, char **name)
{
	if (db->pg)
		return pg_service_name(db, kommune, slug, name);
	static const char sql[] = "SELECT s.name FROM service s JOIN kommune k ON k.id = s.kommune_id"
				  " WHERE k.code = ?1 AND s.slug = ?2";
	*name = NULL;
	sqlite3_stmt *st = prep(db, sql, "ss", kommune, slug);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*name = dbi_col(st, 0);
	dbi_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dbi_fail(db, sql);
	return rc == SQLITE_ROW ? 0 : 1;
}

/* --- writing --------------------------------------------------------- */

int db_plan_insert(struct db *db, const struct plan *p, long *id)
{
	if (db->pg)
		return pg_plan_insert(db, p, id);
	if (run(db, "INSERT INTO plan(child, born, unit, kommune, level, created)"
		    " VALUES(?1,?2,?3,?4,?5,?6)", "ssssis",
		p->child, p->born, p->unit, p->kommune, p->level, p->created) != 0)
		return -1;
	*id = (long)sqlite3_last_insert_rowid(db->h);
	return 0;
}

int db_plan_level(struct db *db, long id, const struct plan_level_change *c)
{
	if (db->pg)
		return pg_plan_level(db, id, c);
	if (run_one(db, "UPDATE plan SET level = ?2 WHERE id = ?1", "li", id, c->to) != 0)
		return -1;
	sqlite3_stmt *st = prep(db, "INSERT INTO plan_level(plan_id, date, from_level, to_level, why)"
				" VALUES(?1,?2,?3,?4,?5)", "lsiis", id, c->date, c->from, c->to, c->why);
	if (!st)
		return -1;
	if (c->from < 0)
		sqlite3_bind_null(st, 3);
	return dbi_step_done(db, st);
}

int db_plan_concern_add(struct db *db, long id, const struct plan_concern *c)
{
	if (db->pg)
		return pg_plan_concern_add(db, id, c);
	return run(db, "INSERT INTO plan_concern(plan_id, date, text, noticed_by) VALUES(?1,?2,?3,?4)",
		   "lsss", id, c->date, c->text, c->noticed_by);
}

int db_plan_consent_add(struct db *db, long id, const struct plan_consent *c)
{
	if (db->pg)
		return pg_plan_consent_add(db, id, c);
	if (run(db, "INSERT INTO plan_consent(plan_id, kind, given_by, date, expires, guardians)"
		" VALUES(?1,?2,?3,?4,?5,?6)", "lsssos", id, c->refused ? "nekting" : "samtykke",
		plan_code(VOCAB_CONSENT_BY, (int)c->by), c->date, c->expires,
		c->guardians ? c->guardians : "") != 0)
		return -1;
	long cid = (long)sqlite3_last_insert_rowid(db->h);
	for (size_t i = 0; i < c->scope.n; i++)
		if (run(db, "INSERT INTO plan_consent_scope(consent_id, slug, name) VALUES(?1,?2,?3)", "lss",
			cid, c->scope.v[i], c->scope_names.v[i]) != 0)
			return -1;
	return 0;
}

int db_plan_consent_withdraw(struct db *db, long consent_id, const char *date)
{
	if (db->pg)
		return pg_plan_consent_withdraw(db, consent_id, date);
	return run_one(db, "UPDATE plan_consent SET withdrawn = ?2 WHERE id = ?1 AND kind = 'samtykke'",
		       "ls", consent_id, date);
}

int db_plan_service_add(struct db *db, long id, const struct plan_service *s)
{
	if (db->pg)
		return pg_plan_service_add(db, id, s);
	return run(db, "INSERT INTO plan_service(plan_id, slug, name, role, added) VALUES(?1,?2,?3,?4,?5)",
		   "lssss", id, s->slug, s->name, s->role, s->added);
}

int db_plan_person_add(struct db *db, long id, const struct plan_person *pp)
{
	if (db->pg)
		return pg_plan_person_add(db, id, pp);
	return run(db, "INSERT INTO plan_person(plan_id, name, role, contact, added) VALUES(?1,?2,?3,?4,?5)",
		   "lssss", id, pp->name, pp->role, pp->contact, pp->added);
}

int db_plan_goal_add(struct db *db, long id, const struct plan_goal *g)
{
	if (db->pg)
		return pg_plan_goal_add(db, id, g);
	return run(db, "INSERT INTO plan_goal(plan_id, no, text, status, created) VALUES(?1,?2,?3,?4,?5)",
		   "lisss", id, g->no, g->text, plan_code(VOCAB_GOAL, (int)g->status), g->created);
}

int db_plan_goal_text(struct db *db, long id, int no, const char *text)
{
	if (db->pg)
		return pg_plan_goal_text(db, id, no, text);
	return run_one(db, "UPDATE plan_goal SET text = ?3 WHERE plan_id = ?1 AND no = ?2", "lis", id, no, text);
}

int db_plan_goal_status(struct db *db, long id, int no, enum plan_goal_status status)
{
	if (db->pg)
		return pg_plan_goal_status(db, id, no, status);
	return run_one(db, "UPDATE plan_goal SET status = ?3 WHERE plan_id = ?1 AND no = ?2", "lis",
		       id, no, plan_code(VOCAB_GOAL, (int)status));
}

int db_plan_step_add(struct db *db, long id, const struct plan_step *s)
{
	if (db->pg)
		return pg_plan_step_add(db, id, s);
	return run(db, "INSERT INTO plan_step(plan_id, no, what, who, service_slug, service_name, due,"
		       " evaluate, status, evaluation, created) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
		   "lisssssosss", id, s->no, s->what, s->who, s->service_slug, s->service_name, s->due,
		   s->evaluate, plan_code(VOCAB_STEP, (int)s->status), s->evaluation, s->created);
}

int db_plan_step_update(struct db *db, long id, const struct plan_step *s)
{
	if (db->pg)
		return pg_plan_step_update(db, id, s);
	return run_one(db, "UPDATE plan_step SET status = ?3, due = ?4, evaluate = ?5, evaluation = ?6,"
			   " what = ?7, who = ?8 WHERE plan_id = ?1 AND no = ?2", "lissosss",
		       id, s->no, plan_code(VOCAB_STEP, (int)s->status), s->due, s->evaluate, s->evaluation,
		       s->what, s->who);
}

int db_plan_meeting_add(struct db *db, long id, const struct plan_meeting *m)
{
	if (db->pg)
		return pg_plan_meeting_add(db, id, m);
	if (run(db, "INSERT INTO plan_meeting(plan_id, no, date, attended, notes) VALUES(?1,?2,?3,?4,?5)",
		"lisss", id, m->no, m->date, m->attended, m->notes) != 0)
		return -1;
	long mid = (long)sqlite3_last_insert_rowid(db->h);
	for (size_t i = 0; i < m->n_steps; i++)
		if (run_one(db, "INSERT INTO plan_meeting_step(meeting_id, step_id)"
				" SELECT ?1, id FROM plan_step WHERE plan_id = ?2 AND no = ?3", "lli",
			    mid, id, m->steps[i]) != 0)
			return -1;
	return 0;
}

int db_plan_holder_add(struct db *db, long id, const struct plan_holder *h)
{
	if (db->pg)
		return pg_plan_holder_add(db, id, h);
	return run(db, "INSERT INTO plan_holder(plan_id, name, service, proposed, accepted, state, login)"
		       " VALUES(?1,?2,?3,?4,?5,?6,?7)", "lsssoso",
		   id, h->name, h->service, h->proposed, h->accepted, plan_code(VOCAB_HANDOVER, (int)h->state),
		   h->login);
}

int db_plan_holder_set(struct db *db, long holder_id, enum plan_handover state, const char *accepted)
{
	if (db->pg)
		return pg_plan_holder_set(db, holder_id, state, accepted);
	return run_one(db, "UPDATE plan_holder SET state = ?2, accepted = ?3 WHERE id = ?1", "lso",
		       holder_id, plan_code(VOCAB_HANDOVER, (int)state), accepted);
}

int db_plan_service_remove(struct db *db, long id, const char *slug)
{
	if (db->pg)
		return pg_plan_service_remove(db, id, slug);
	return run_one(db, "DELETE FROM plan_service WHERE plan_id = ?1 AND slug = ?2", "ls", id, slug);
}

int db_plan_person_remove(struct db *db, long id, const char *name)
{
	if (db->pg)
		return pg_plan_person_remove(db, id, name);
	return run_one(db, "DELETE FROM plan_person WHERE id = (SELECT min(id) FROM plan_person"
			   " WHERE plan_id = ?1 AND name = ?2)", "ls", id, name);
}

int db_plan_needs_set(struct db *db, long id, const struct strvec *codes)
{
	if (db->pg)
		return pg_plan_needs_set(db, id, codes);
	if (run(db, "DELETE FROM plan_need WHERE plan_id = ?1", "l", id) != 0)
		return -1;
	for (size_t i = 0; i < codes->n; i++)
		if (run(db, "INSERT INTO plan_need(plan_id, need) VALUES(?1, ?2)", "ls", id, codes->v[i]) != 0)
			return -1;
	return 0;
}

int db_plan_close(struct db *db, long id, const char *date, enum plan_close_reason reason,
		  const char *why, const char *summary)
{
	if (db->pg)
		return pg_plan_close(db, id, date, reason, why, summary);
	return run_one(db, "UPDATE plan SET closed = ?2, close_reason = ?3, close_why = ?4,"
		       " close_summary = ?5 WHERE id = ?1", "lssss", id, date,
		       plan_code(VOCAB_CLOSE, (int)reason), why ? why : "", summary ? summary : "");
}

int db_plan_reminder_ids(struct db *db, const char *login, const char *until, long **ids, size_t *n)
{
	if (db->pg)
		return pg_plan_reminder_ids(db, login, until, ids, n);
	/* open plans of the login with a consent that is not withdrawn and
	 * has an expiry up to until, or with a hand-over waiting for this
	 * login to accept it */
	static const char sql[] =
		"SELECT p.id FROM plan p WHERE p.closed IS NULL AND ((p.id IN (SELECT plan_id FROM plan_member"
		" WHERE login = ?2) AND EXISTS (SELECT 1 FROM plan_consent c"
		" WHERE c.plan_id = p.id AND c.kind = 'samtykke' AND c.withdrawn IS NULL"
		" AND c.expires IS NOT NULL AND c.expires <= ?1)) OR EXISTS (SELECT 1 FROM plan_holder h"
		" WHERE h.plan_id = p.id AND h.state = 'foreslatt' AND h.login = ?2)) ORDER BY p.id";
	return id_list(db, sql, until, login, ids, n);
}

int db_plan_meeting_ids(struct db *db, const char *login, const char *from, long **ids, size_t *n)
{
	if (db->pg)
		return pg_plan_meeting_ids(db, login, from, ids, n);
	static const char sql[] =
		"SELECT DISTINCT p.id FROM plan p JOIN plan_meeting m ON m.plan_id = p.id"
		" WHERE p.closed IS NULL AND m.date >= ?1"
		" AND p.id IN (SELECT plan_id FROM plan_member WHERE login = ?2) ORDER BY p.id";
	return id_list(db, sql, from, login, ids, n);
}

int db_plan_audit_add(struct db *db, long id, const struct plan_audit *a)
{
	if (db->pg)
		return pg_plan_audit_add(db, id, a);
	sqlite3_stmt *st = prep(db, "INSERT INTO plan_audit(id, plan_id, at, who, what, action, content_hash,"
				" hash, item, old_value, new_value) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
				"llsssssssss", 0L, id, a->at, a->who, a->what, a->action, a->content_hash, a->hash,
				a->item ? a->item : "plan", a->old_value ? a->old_value : "",
				a->new_value ? a->new_value : "");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a->row);
	return dbi_step_done(db, st);
}

int db_plan_touch(struct db *db, long id)
{
	if (db->pg)
		return pg_plan_touch(db, id);
	return run_one(db, "UPDATE plan SET version = version + 1 WHERE id = ?1", "l", id);
}

int db_plan_last_change(struct db *db, long id, const char *item, char **who, char **at)
{
	if (db->pg)
		return pg_plan_last_change(db, id, item, who, at);
	static const char sql[] = "SELECT who, at FROM plan_audit WHERE plan_id = ?1"
				  " AND (?2 = '' OR item = ?2) ORDER BY id DESC LIMIT 1";
	*who = *at = NULL;
	sqlite3_stmt *st = prep(db, sql, "ls", id, item ? item : "");
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*who = dbi_col(st, 0);
		*at = dbi_col(st, 1);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		dbi_fail(db, sql);
	dbi_done(db, st);  /* a cached statement: reset, not finalised */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	return rc == SQLITE_ROW ? 0 : 1;
}
