/* pg_plan.c - the plan tables on PostgreSQL (db_plan.h): loading a whole
 * plan and one small write per change, the same rows as db_plan.c writes
 * with SQLite. Row-level security in the server limits every statement to
 * the plans the login may see, so a query here never needs to name the
 * login to be safe; the list and due queries still name it, as with
 * SQLite, so that both backends answer alike. */
#include "pg_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAXP 16

/* Run sql with arguments by a format: 'l' long, 'i' int, 's' text (NULL
 * is ""), 'o' optional text ("" or NULL is SQL NULL). */
static PGresult *pgv_v(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	const char *p[MAXP];
	char nums[MAXP][24];
	int n = 0;
	for (; fmt[n] && n < MAXP; n++) {
		switch (fmt[n]) {
		case 'l': p[n] = pgx_ll(nums[n], va_arg(ap, long)); break;
		case 'i': p[n] = pgx_ll(nums[n], va_arg(ap, int)); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			p[n] = s ? s : "";
			break;
		}
		default: {
			const char *s = va_arg(ap, const char *);
			p[n] = str_empty(s) ? NULL : s;
		}
		}
	}
	return pgx(db, sql, n, p);
}

PGresult *pg_q(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	PGresult *r = pgv_v(db, sql, fmt, ap);
	va_end(ap);
	return r;
}

int pg_run(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	PGresult *r = pgv_v(db, sql, fmt, ap);
	va_end(ap);
	if (!r)
		return -1;
	PQclear(r);
	return 0;
}

/* A write that must touch exactly one row (a row the login cannot see
 * counts as missing). */
int pg_run_one(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	PGresult *r = pgv_v(db, sql, fmt, ap);
	va_end(ap);
	if (!r)
		return -1;
	int one = strcmp(PQcmdTuples(r), "1") == 0;
	PQclear(r);
	if (!one) {
		sb_reset(&db->err);
		sb_printf(&db->err, "Databasefeil: fant ikke raden som skulle endres [SQL: %.200s]", sql);
		return -1;
	}
	return 0;
}

/* --- loading --------------------------------------------------------- */

#define PUSH(arr, n) \
	((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)), memset(&(arr)[n], 0, sizeof *(arr)), &(arr)[(n)++])

static char *col(struct plan *p, const PGresult *r, int i, int c) { return plan_keep(p, pgx_dup(r, i, c)); }
static long num(const PGresult *r, int i, int c) { return (long)pgx_ll_at(r, i, c); }
static int null(const PGresult *r, int i, int c) { return PQgetisnull(r, i, c); }

static int vocab(const PGresult *r, int i, int c, enum plan_vocab v)
{
	int k = plan_parse(v, pgx_val(r, i, c));
	return k < 0 ? 0 : k;
}

static void row_plan(struct plan *p, const PGresult *r, int i)
{
	p->child = col(p, r, i, 0);
	p->born = col(p, r, i, 1);
	p->unit = col(p, r, i, 2);
	p->kommune = col(p, r, i, 3);
	p->level = (int)num(r, i, 4);
	p->created = col(p, r, i, 5);
	p->closed = col(p, r, i, 6);
	p->close_reason = null(r, i, 7) ? -1 : vocab(r, i, 7, VOCAB_CLOSE);
	p->erased = col(p, r, i, 8);
	p->version = num(r, i, 9);
	p->close_why = col(p, r, i, 10);
	p->close_summary = col(p, r, i, 11);
}

static void row_level(struct plan *p, const PGresult *r, int i)
{
	struct plan_level_change *c = PUSH(p->levels, p->n_levels);
	c->date = col(p, r, i, 0);
	c->from = null(r, i, 1) ? -1 : (int)num(r, i, 1);
	c->to = (int)num(r, i, 2);
	c->why = col(p, r, i, 3);
}

static void row_concern(struct plan *p, const PGresult *r, int i)
{
	struct plan_concern *c = PUSH(p->concerns, p->n_concerns);
	c->date = col(p, r, i, 0);
	c->text = col(p, r, i, 1);
	c->noticed_by = col(p, r, i, 2);
	c->id = num(r, i, 3);
}

static void row_holder(struct plan *p, const PGresult *r, int i)
{
	struct plan_holder *h = PUSH(p->holders, p->n_holders);
	h->id = num(r, i, 0);
	h->name = col(p, r, i, 1);
	h->service = col(p, r, i, 2);
	h->proposed = col(p, r, i, 3);
	h->accepted = col(p, r, i, 4);
	h->state = (enum plan_handover)vocab(r, i, 5, VOCAB_HANDOVER);
	h->login = col(p, r, i, 6);
}

static void row_consent(struct plan *p, const PGresult *r, int i)
{
	struct plan_consent *c = PUSH(p->consents, p->n_consents);
	c->id = num(r, i, 0);
	c->refused = strcmp(pgx_val(r, i, 1), "nekting") == 0;
	c->by = (enum plan_consent_by)vocab(r, i, 2, VOCAB_CONSENT_BY);
	c->date = col(p, r, i, 3);
	c->expires = col(p, r, i, 4);
	c->withdrawn = col(p, r, i, 5);
	c->guardians = col(p, r, i, 6);
}

static void row_scope(struct plan *p, const PGresult *r, int i)
{
	long id = num(r, i, 0);
	for (size_t k = 0; k < p->n_consents; k++)
		if (p->consents[k].id == id) {
			sv_push(&p->consents[k].scope, pgx_val(r, i, 1));
			sv_push(&p->consents[k].scope_names, pgx_val(r, i, 2));
		}
}

static void row_service(struct plan *p, const PGresult *r, int i)
{
	struct plan_service *s = PUSH(p->services, p->n_services);
	s->slug = col(p, r, i, 0);
	s->name = col(p, r, i, 1);
	s->role = col(p, r, i, 2);
	s->added = col(p, r, i, 3);
}

static void row_person(struct plan *p, const PGresult *r, int i)
{
	struct plan_person *pp = PUSH(p->people, p->n_people);
	pp->name = col(p, r, i, 0);
	pp->role = col(p, r, i, 1);
	pp->contact = col(p, r, i, 2);
	pp->added = col(p, r, i, 3);
	pp->id = num(r, i, 4);
}

static void row_goal(struct plan *p, const PGresult *r, int i)
{
	struct plan_goal *g = PUSH(p->goals, p->n_goals);
	g->no = (int)num(r, i, 0);
	g->text = col(p, r, i, 1);
	g->status = (enum plan_goal_status)vocab(r, i, 2, VOCAB_GOAL);
	g->created = col(p, r, i, 3);
	g->version = num(r, i, 4);
}

static void row_step(struct plan *p, const PGresult *r, int i)
{
	struct plan_step *s = PUSH(p->steps, p->n_steps);
	s->no = (int)num(r, i, 0);
	s->what = col(p, r, i, 1);
	s->who = col(p, r, i, 2);
	s->service_slug = col(p, r, i, 3);
	s->service_name = col(p, r, i, 4);
	s->due = col(p, r, i, 5);
	s->evaluate = col(p, r, i, 6);
	s->status = (enum plan_step_status)vocab(r, i, 7, VOCAB_STEP);
	s->evaluation = col(p, r, i, 8);
	s->created = col(p, r, i, 9);
	s->version = num(r, i, 10);
}

static void row_meeting(struct plan *p, const PGresult *r, int i)
{
	struct plan_meeting *m = PUSH(p->meetings, p->n_meetings);
	m->id = num(r, i, 0);
	m->no = (int)num(r, i, 1);
	m->date = col(p, r, i, 2);
	m->attended = col(p, r, i, 3);
	m->notes = col(p, r, i, 4);
}

static void row_meeting_step(struct plan *p, const PGresult *r, int i)
{
	long id = num(r, i, 0);
	for (size_t k = 0; k < p->n_meetings; k++) {
		struct plan_meeting *m = &p->meetings[k];
		if (m->id == id) {
			m->steps = xrealloc(m->steps, (m->n_steps + 1) * sizeof *m->steps);
			m->steps[m->n_steps++] = (int)num(r, i, 1);
		}
	}
}

static void row_audit(struct plan *p, const PGresult *r, int i)
{
	struct plan_audit *a = PUSH(p->audit, p->n_audit);
	a->at = col(p, r, i, 0);
	a->who = col(p, r, i, 1);
	a->what = col(p, r, i, 2);
	a->action = col(p, r, i, 3);
	a->row = pgx_ll_at(r, i, 4);
	a->content_hash = col(p, r, i, 5);
	a->hash = col(p, r, i, 6);
	a->item = col(p, r, i, 7);
	a->old_value = col(p, r, i, 8);
	a->new_value = col(p, r, i, 9);
}

static void row_member(struct plan *p, const PGresult *r, int i)
{
	struct plan_member *m = PUSH(p->members, p->n_members);
	m->login = col(p, r, i, 0);
	m->name = col(p, r, i, 1);
	m->role = (enum plan_role)vocab(r, i, 2, VOCAB_ROLE);
	m->service = col(p, r, i, 3);
	m->added = col(p, r, i, 4);
}

static void row_correction(struct plan *p, const PGresult *r, int i)
{
	const char *f = pgx_val(r, i, 0);
	long row = num(r, i, 1);
	plan_mark_corrected(p, f, row);
}

static void row_need(struct plan *p, const PGresult *r, int i) { sv_push(&p->needs, pgx_val(r, i, 0)); }

/* One query per part of the plan, each with the plan id as $1 (the
 * consent scopes after the consents, the meetings' steps after the
 * meetings: their rows attach to those). */
static const struct {
	const char *sql;
	void (*row)(struct plan *, const PGresult *, int);
} parts[] = {
	{"SELECT child, born, unit, kommune, level, created, closed, close_reason, erased, version,"
	 " close_why, close_summary FROM plan WHERE id = $1", row_plan},
	{"SELECT date, from_level, to_level, why FROM plan_level WHERE plan_id = $1 ORDER BY id", row_level},
	{"SELECT date, text, noticed_by, id FROM plan_concern WHERE plan_id = $1 ORDER BY date, id",
	 row_concern},
	{"SELECT id, name, service, proposed, accepted, state, login FROM plan_holder WHERE plan_id = $1"
	 " ORDER BY id", row_holder},
	{"SELECT id, kind, given_by, date, expires, withdrawn, guardians FROM plan_consent WHERE plan_id = $1"
	 " ORDER BY date, id", row_consent},
	{"SELECT s.consent_id, s.slug, s.name FROM plan_consent_scope s JOIN plan_consent c"
	 " ON c.id = s.consent_id WHERE c.plan_id = $1 ORDER BY s.id", row_scope},
	{"SELECT slug, name, role, added FROM plan_service WHERE plan_id = $1 ORDER BY id", row_service},
	{"SELECT name, role, contact, added, id FROM plan_person WHERE plan_id = $1 ORDER BY id", row_person},
	{"SELECT no, text, status, created, version FROM plan_goal WHERE plan_id = $1 ORDER BY no", row_goal},
	{"SELECT no, what, who, service_slug, service_name, due, evaluate, status, evaluation, created,"
	 " version FROM plan_step WHERE plan_id = $1 ORDER BY no", row_step},
	{"SELECT id, no, date, attended, notes FROM plan_meeting WHERE plan_id = $1 ORDER BY no", row_meeting},
	{"SELECT ms.meeting_id, s.no FROM plan_meeting_step ms JOIN plan_step s ON s.id = ms.step_id"
	 " JOIN plan_meeting m ON m.id = ms.meeting_id WHERE m.plan_id = $1 ORDER BY s.no", row_meeting_step},
	{"SELECT at, who, what, action, id, content_hash, hash, item, old_value, new_value FROM plan_audit"
	 " WHERE plan_id = $1 ORDER BY id", row_audit},
	{"SELECT m.login, coalesce(u.name, ''), m.role, m.service, m.added FROM plan_member m"
	 " LEFT JOIN app_user u ON u.login = m.login WHERE m.plan_id = $1 ORDER BY m.id", row_member},
	{"SELECT field, row_id FROM plan_correction WHERE plan_id = $1 ORDER BY id", row_correction},
	{"SELECT pn.need FROM plan_need pn JOIN need n ON n.code = pn.need WHERE pn.plan_id = $1"
	 " ORDER BY n.id", row_need},
};

/* All parts in one round trip (pgx_batch): a plan screen opening on a
 * busy server waited for 16 turns of the server process, one per part. */
int pg_plan_load(struct db *db, long id, struct plan *out)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	out->close_reason = -1;
	out->role = -1;
	const char *sqls[ARRAY_LEN(parts)];
	PGresult *res[ARRAY_LEN(parts)];
	for (size_t k = 0; k < ARRAY_LEN(parts); k++)
		sqls[k] = parts[k].sql;
	char num_id[24];
	const char *params[] = {pgx_ll(num_id, id)};
	if (pgx_batch(db, ARRAY_LEN(parts), sqls, 1, params, res) != 0)
		return -1;
	int rc = PQntuples(res[0]) == 0 ? 1 : 0;  /* no such plan, or one the login may not see */
	for (size_t k = 0; k < ARRAY_LEN(parts); k++) {
		int rows = rc == 0 ? PQntuples(res[k]) : 0;
		for (int i = 0; i < rows; i++)
			parts[k].row(out, res[k], i);
		PQclear(res[k]);
	}
	return rc;
}

static int ids_of(PGresult *r, long **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (!r)
		return -1;
	int rows = PQntuples(r);
	if (rows)
		*ids = xcalloc((size_t)rows, sizeof **ids);
	for (int i = 0; i < rows; i++)
		(*ids)[i] = num(r, i, 0);
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

int pg_plan_ids(struct db *db, int open_only, long **ids, size_t *n)
{
	return ids_of(pg_q(db, "SELECT id FROM plan WHERE $1 = 0 OR closed IS NULL"
			   " ORDER BY closed IS NOT NULL, id", "i", open_only), ids, n);
}

int pg_plan_rows(struct db *db, const char *login, long offset, long limit, db_plan_row_fn fn, void *ctx)
{
	PGresult *r = pg_q(db,
		"SELECT p.id, p.child, p.born, p.unit, p.level, p.closed,"
		" (SELECT h.name FROM plan_holder h WHERE h.plan_id = p.id AND h.state = 'akseptert'"
		"  ORDER BY h.id DESC LIMIT 1),"
		" (SELECT min(s.due) FROM plan_step s WHERE s.plan_id = p.id"
		"  AND s.status IN ('planlagt', 'pagar')),"
		" (SELECT min(s.evaluate) FROM plan_step s WHERE s.plan_id = p.id"
		"  AND s.evaluate IS NOT NULL AND s.evaluation = '' AND s.status <> 'avbrutt'),"
		" p.close_reason"
		" FROM plan p WHERE p.erased IS NULL AND p.id IN (SELECT plan_id FROM plan_member WHERE login = $3"
		"  UNION SELECT plan_id FROM plan_holder WHERE login = $3 AND state = 'foreslatt')"
		" ORDER BY p.closed IS NOT NULL, p.id LIMIT CASE WHEN $1::bigint < 0 THEN NULL ELSE $1::bigint END"
		" OFFSET $2", "lls", limit, offset, login);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		const char *due = pgx_val(r, i, 7), *ev = pgx_val(r, i, 8);
		struct db_plan_row row = {
			.id = num(r, i, 0), .child = pgx_val(r, i, 1), .born = pgx_val(r, i, 2),
			.unit = pgx_val(r, i, 3), .level = (int)num(r, i, 4), .closed = pgx_val(r, i, 5),
			.close_reason = null(r, i, 9) ? -1 : vocab(r, i, 9, VOCAB_CLOSE),
			.holder = pgx_val(r, i, 6),
			.next_due = !*due || (*ev && strcmp(ev, due) < 0) ? ev : due,
			.consent = "",  /* as SQLite's db_plan_rows: only db_plan_find computes it */
		};
		if (fn(ctx, &row))
			break;
	}
	PQclear(r);
	return 0;
}

int pg_plan_count(struct db *db, const char *login, long *n)
{
	PGresult *r = pg_q(db, "SELECT count(*) FROM plan p WHERE p.erased IS NULL AND p.id IN"
			   " (SELECT plan_id FROM plan_member WHERE login = $1 UNION"
			   "  SELECT plan_id FROM plan_holder WHERE login = $1 AND state = 'foreslatt')", "s", login);
	*n = 0;
	if (!r)
		return -1;
	*n = num(r, 0, 0);
	PQclear(r);
	return 0;
}

/* The plans of login narrowed by db_plan_where, as db.c's FIND_WHERE:
 * $3 login, $4 text (NULL: any), $5 level, $6 mine, $7 awaiting, $8
 * overdue, $9 today. */
#define FIND_WHERE                                                                                       \
	" FROM plan p WHERE p.erased IS NULL AND p.id IN (SELECT plan_id FROM plan_member WHERE login = $3"   \
	"  UNION SELECT plan_id FROM plan_holder WHERE login = $3 AND state = 'foreslatt')"                   \
	" AND ($4::text IS NULL OR strpos(trapp_fold(p.child), trapp_fold($4::text)) > 0"                    \
	"  OR strpos(trapp_fold(p.unit), trapp_fold($4::text)) > 0)"                                          \
	" AND ($5::int < 0 OR p.level = $5::int)"                                                             \
	" AND ($6::int = 0 OR p.id IN (SELECT plan_id FROM plan_member WHERE login = $3"                      \
	"  AND role = 'stafettholder'))"                                                                      \
	" AND ($7::int = 0 OR p.id IN (SELECT plan_id FROM plan_holder WHERE login = $3"                      \
	"  AND state = 'foreslatt'))"                                                                         \
	" AND ($8::int = 0 OR (p.closed IS NULL AND EXISTS (SELECT 1 FROM plan_step s WHERE s.plan_id = p.id" \
	"  AND ((s.status IN ('planlagt', 'pagar') AND s.due < $9::text) OR (s.evaluate IS NOT NULL"          \
	"  AND s.evaluation = '' AND s.status <> 'avbrutt' AND s.evaluate < $9::text)))))"

int pg_plan_find(struct db *db, const char *login, const struct db_plan_where *w, long offset, long limit,
		 db_plan_row_fn fn, void *ctx)
{
	/* the consent state: the latest record given by today decides, a
	 * refusal refuses, else any consent neither withdrawn nor expired
	 * is valid (plan_consent_state) */
	PGresult *r = pg_q(db,
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
		"    AND v.date <= $9::text AND (v.withdrawn IS NULL OR v.withdrawn > $9::text)"
		"    AND (v.expires IS NULL OR v.expires >= $9::text)) THEN 'gyldig'"
		"   WHEN l.withdrawn IS NOT NULL AND l.withdrawn <= $9::text THEN 'trukket' ELSE 'utløpt' END"
		"  FROM (SELECT 1) o LEFT JOIN LATERAL (SELECT c.id, c.kind, c.withdrawn FROM plan_consent c"
		"  WHERE c.plan_id = p.id AND c.date <= $9::text ORDER BY c.id DESC LIMIT 1) l ON true)"
		FIND_WHERE
		" ORDER BY p.closed IS NOT NULL, p.id LIMIT CASE WHEN $1::bigint < 0 THEN NULL ELSE $1::bigint END"
		" OFFSET $2", "llsoiiiis", limit, offset, login, w->text, w->level, w->mine, w->awaiting,
		w->overdue, w->today ? w->today : "");
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		const char *due = pgx_val(r, i, 7), *ev = pgx_val(r, i, 8);
		struct db_plan_row row = {
			.id = num(r, i, 0), .child = pgx_val(r, i, 1), .born = pgx_val(r, i, 2),
			.unit = pgx_val(r, i, 3), .level = (int)num(r, i, 4), .closed = pgx_val(r, i, 5),
			.close_reason = null(r, i, 9) ? -1 : vocab(r, i, 9, VOCAB_CLOSE),
			.holder = pgx_val(r, i, 6),
			.next_due = !*due || (*ev && strcmp(ev, due) < 0) ? ev : due,
			.consent = pgx_val(r, i, 10),
		};
		if (fn(ctx, &row))
			break;
	}
	PQclear(r);
	return 0;
}

int pg_plan_find_count(struct db *db, const char *login, const struct db_plan_where *w, long *n)
{
	*n = 0;
	PGresult *r = pg_q(db, "SELECT count(*)" FIND_WHERE " AND $1::bigint = $1::bigint AND $2::bigint = $2::bigint",
			   "llsoiiiis", 0L, 0L, login, w->text, w->level, w->mine, w->awaiting, w->overdue,
			   w->today ? w->today : "");
	if (!r)
		return -1;
	*n = num(r, 0, 0);
	PQclear(r);
	return 0;
}

/* One scan of the open plans' steps (plan_open, then plan_step by its
 * (plan_id, no) index), each step read once for both of its rows: the
 * planner cannot tell how many plans the login has (the row-level
 * security makes a second filter on each table), and with SQLite's
 * "IN (SELECT id FROM mine)" it probed plan_step for every plan the login
 * ever had, twice. Same rows as db.c's. */
int pg_plan_due_rows(struct db *db, const char *login, const char *until, db_due_row_fn fn, void *ctx)
{
	PGresult *r = pg_q(db,
		"WITH st AS MATERIALIZED (SELECT p.id, p.child, s.no, s.due, s.evaluate, s.evaluation, s.status,"
		" s.what, s.who FROM plan p JOIN plan_step s ON s.plan_id = p.id WHERE p.closed IS NULL"
		" AND (EXISTS (SELECT FROM plan_member m WHERE m.plan_id = p.id AND m.login = $2)"
		"  OR EXISTS (SELECT FROM plan_holder h WHERE h.plan_id = p.id AND h.login = $2"
		"  AND h.state = 'foreslatt'))"
		" AND (s.status IN ('planlagt', 'pagar') OR (s.evaluate IS NOT NULL AND s.evaluation = ''"
		"  AND s.status <> 'avbrutt'))) "
		"SELECT id, child, no, 0, due, what, who FROM st WHERE status IN ('planlagt', 'pagar')"
		" AND ($1::text IS NULL OR due <= $1::text)"
		" UNION ALL "
		"SELECT id, child, no, 1, evaluate, what, who FROM st WHERE evaluate IS NOT NULL"
		" AND evaluation = '' AND status <> 'avbrutt' AND ($1::text IS NULL OR evaluate <= $1::text)",
		"os", until, login);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct db_due_row row = {num(r, i, 0), pgx_val(r, i, 1), (int)num(r, i, 2), (int)num(r, i, 3),
					 pgx_val(r, i, 4), pgx_val(r, i, 5), pgx_val(r, i, 6)};
		if (fn(ctx, &row))
			break;
	}
	PQclear(r);
	return 0;
}

int pg_service_name(struct db *db, const char *kommune, const char *slug, char **name)
{
	*name = NULL;
	PGresult *r = pg_q(db, "SELECT s.name FROM service s JOIN kommune k ON k.id = s.kommune_id"
			   " WHERE k.code = $1 AND s.slug = $2", "ss", kommune, slug);
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found)
		*name = pgx_dup(r, 0, 0);
	PQclear(r);
	return found ? 0 : 1;
}

/* --- writing --------------------------------------------------------- */

/* The id of the row an INSERT ... RETURNING id gave. */
static int returned_id(PGresult *r, long *id)
{
	if (!r)
		return -1;
	*id = PQntuples(r) ? num(r, 0, 0) : 0;
	PQclear(r);
	return 0;
}

int pg_plan_insert(struct db *db, const struct plan *p, long *id)
{
	/* no RETURNING: the new plan has no members yet, and RETURNING
	 * would have to pass the read policy */
	if (pg_run(db, "INSERT INTO plan(child, born, unit, kommune, level, created) VALUES($1,$2,$3,$4,$5,$6)",
		   "ssssis", p->child, p->born, p->unit, p->kommune, p->level, p->created) != 0)
		return -1;
	return returned_id(pg_q(db, "SELECT currval(pg_get_serial_sequence('plan', 'id'))", ""), id);
}

int pg_plan_level(struct db *db, long id, const struct plan_level_change *c)
{
	if (pg_run_one(db, "UPDATE plan SET level = $2 WHERE id = $1", "li", id, c->to) != 0)
		return -1;
	char from[24];
	const char *f = c->from < 0 ? NULL : pgx_ll(from, c->from);
	return pg_run(db, "INSERT INTO plan_level(plan_id, date, from_level, to_level, why)"
		      " VALUES($1,$2,$3,$4,$5)", "lsois", id, c->date, f, c->to, c->why);
}

int pg_plan_concern_add(struct db *db, long id, const struct plan_concern *c)
{
	return pg_run(db, "INSERT INTO plan_concern(plan_id, date, text, noticed_by) VALUES($1,$2,$3,$4)",
		      "lsss", id, c->date, c->text, c->noticed_by);
}

int pg_plan_consent_add(struct db *db, long id, const struct plan_consent *c)
{
	long cid;
	if (returned_id(pg_q(db, "INSERT INTO plan_consent(plan_id, kind, given_by, date, expires, guardians)"
			     " VALUES($1,$2,$3,$4,$5,$6) RETURNING id", "lsssos", id,
			     c->refused ? "nekting" : "samtykke", plan_code(VOCAB_CONSENT_BY, (int)c->by),
			     c->date, c->expires, c->guardians), &cid) != 0)
		return -1;
	for (size_t i = 0; i < c->scope.n; i++)
		if (pg_run(db, "INSERT INTO plan_consent_scope(consent_id, slug, name) VALUES($1,$2,$3)", "lss",
			   cid, c->scope.v[i], c->scope_names.v[i]) != 0)
			return -1;
	return 0;
}

int pg_plan_consent_withdraw(struct db *db, long consent_id, const char *date)
{
	return pg_run_one(db, "UPDATE plan_consent SET withdrawn = $2 WHERE id = $1 AND kind = 'samtykke'",
			  "ls", consent_id, date);
}

int pg_plan_service_add(struct db *db, long id, const struct plan_service *s)
{
	return pg_run(db, "INSERT INTO plan_service(plan_id, slug, name, role, added) VALUES($1,$2,$3,$4,$5)",
		      "lssss", id, s->slug, s->name, s->role, s->added);
}

int pg_plan_person_add(struct db *db, long id, const struct plan_person *pp)
{
	return pg_run(db, "INSERT INTO plan_person(plan_id, name, role, contact, added) VALUES($1,$2,$3,$4,$5)",
		      "lssss", id, pp->name, pp->role, pp->contact, pp->added);
}

int pg_plan_goal_add(struct db *db, long id, const struct plan_goal *g)
{
	return pg_run(db, "INSERT INTO plan_goal(plan_id, no, text, status, created) VALUES($1,$2,$3,$4,$5)",
		      "lisss", id, g->no, g->text, plan_code(VOCAB_GOAL, (int)g->status), g->created);
}

int pg_plan_goal_text(struct db *db, long id, int no, const char *text)
{
	return pg_run_one(db, "UPDATE plan_goal SET text = $3 WHERE plan_id = $1 AND no = $2", "lis",
			  id, no, text);
}

int pg_plan_goal_status(struct db *db, long id, int no, enum plan_goal_status status)
{
	return pg_run_one(db, "UPDATE plan_goal SET status = $3 WHERE plan_id = $1 AND no = $2", "lis",
			  id, no, plan_code(VOCAB_GOAL, (int)status));
}

int pg_plan_step_add(struct db *db, long id, const struct plan_step *s)
{
	return pg_run(db, "INSERT INTO plan_step(plan_id, no, what, who, service_slug, service_name, due,"
		      " evaluate, status, evaluation, created) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
		      "lisssssosss", id, s->no, s->what, s->who, s->service_slug, s->service_name, s->due,
		      s->evaluate, plan_code(VOCAB_STEP, (int)s->status), s->evaluation, s->created);
}

int pg_plan_step_update(struct db *db, long id, const struct plan_step *s)
{
	return pg_run_one(db, "UPDATE plan_step SET status = $3, due = $4, evaluate = $5, evaluation = $6,"
			  " what = $7, who = $8 WHERE plan_id = $1 AND no = $2", "lissosss",
			  id, s->no, plan_code(VOCAB_STEP, (int)s->status), s->due, s->evaluate, s->evaluation,
			  s->what, s->who);
}

int pg_plan_meeting_add(struct db *db, long id, const struct plan_meeting *m)
{
	long mid;
	if (returned_id(pg_q(db, "INSERT INTO plan_meeting(plan_id, no, date, attended, notes)"
			     " VALUES($1,$2,$3,$4,$5) RETURNING id", "lisss", id, m->no, m->date, m->attended,
			     m->notes), &mid) != 0)
		return -1;
	for (size_t i = 0; i < m->n_steps; i++)
		if (pg_run_one(db, "INSERT INTO plan_meeting_step(meeting_id, step_id)"
			       " SELECT $1, id FROM plan_step WHERE plan_id = $2 AND no = $3", "lli",
			       mid, id, m->steps[i]) != 0)
			return -1;
	return 0;
}

int pg_plan_holder_add(struct db *db, long id, const struct plan_holder *h)
{
	return pg_run(db, "INSERT INTO plan_holder(plan_id, name, service, proposed, accepted, state, login)"
		      " VALUES($1,$2,$3,$4,$5,$6,$7)", "lsssoso", id, h->name, h->service, h->proposed,
		      h->accepted, plan_code(VOCAB_HANDOVER, (int)h->state), h->login);
}

int pg_plan_holder_set(struct db *db, long holder_id, enum plan_handover state, const char *accepted)
{
	return pg_run_one(db, "UPDATE plan_holder SET state = $2, accepted = $3 WHERE id = $1", "lso",
			  holder_id, plan_code(VOCAB_HANDOVER, (int)state), accepted);
}

int pg_plan_service_remove(struct db *db, long id, const char *slug)
{
	return pg_run_one(db, "DELETE FROM plan_service WHERE plan_id = $1 AND slug = $2", "ls", id, slug);
}

int pg_plan_person_remove(struct db *db, long id, const char *name)
{
	return pg_run_one(db, "DELETE FROM plan_person WHERE id = (SELECT min(id) FROM plan_person"
			  " WHERE plan_id = $1 AND name = $2)", "ls", id, name);
}

int pg_plan_needs_set(struct db *db, long id, const struct strvec *codes)
{
	if (pg_run(db, "DELETE FROM plan_need WHERE plan_id = $1", "l", id) != 0)
		return -1;
	for (size_t i = 0; i < codes->n; i++)
		if (pg_run(db, "INSERT INTO plan_need(plan_id, need) VALUES($1, $2)", "ls", id, codes->v[i]) != 0)
			return -1;
	return 0;
}

int pg_plan_close(struct db *db, long id, const char *date, enum plan_close_reason reason, const char *why,
		  const char *summary)
{
	return pg_run_one(db, "UPDATE plan SET closed = $2, close_reason = $3, close_why = $4,"
			  " close_summary = $5 WHERE id = $1", "lssss", id, date,
			  plan_code(VOCAB_CLOSE, (int)reason), why, summary);
}

int pg_plan_reminder_ids(struct db *db, const char *login, const char *until, long **ids, size_t *n)
{
	return ids_of(pg_q(db,
		"SELECT p.id FROM plan p WHERE p.closed IS NULL AND ((EXISTS (SELECT FROM plan_member m"
		" WHERE m.plan_id = p.id AND m.login = $2) AND EXISTS (SELECT 1 FROM plan_consent c"
		" WHERE c.plan_id = p.id AND c.kind = 'samtykke' AND c.withdrawn IS NULL"
		" AND c.expires IS NOT NULL AND c.expires <= $1)) OR EXISTS (SELECT 1 FROM plan_holder h"
		" WHERE h.plan_id = p.id AND h.state = 'foreslatt' AND h.login = $2)) ORDER BY p.id",
		"ss", until, login), ids, n);
}

int pg_plan_meeting_ids(struct db *db, const char *login, const char *from, long **ids, size_t *n)
{
	return ids_of(pg_q(db,
		"SELECT DISTINCT p.id FROM plan p JOIN plan_meeting m ON m.plan_id = p.id"
		" WHERE p.closed IS NULL AND m.date >= $1"
		" AND p.id IN (SELECT plan_id FROM plan_member WHERE login = $2) ORDER BY p.id",
		"ss", from, login), ids, n);
}

int pg_plan_audit_add(struct db *db, long id, const struct plan_audit *a)
{
	/* the server's trigger sets the id, time, login and both hashes */
	return pg_run(db, "INSERT INTO plan_audit(id, plan_id, at, who, what, action, item, old_value,"
		      " new_value) VALUES(0, $1, '', '', $2, $3, $4, $5, $6)", "lsssss", id, a->what, a->action,
		      a->item ? a->item : "plan", a->old_value, a->new_value);
}

int pg_plan_touch(struct db *db, long id)
{
	return pg_run_one(db, "UPDATE plan SET version = version + 1 WHERE id = $1", "l", id);
}

int pg_plan_last_change(struct db *db, long id, const char *item, char **who, char **at)
{
	*who = *at = NULL;
	PGresult *r = pg_q(db, "SELECT who, at FROM plan_audit WHERE plan_id = $1"
			   " AND ($2 = '' OR item = $2) ORDER BY id DESC LIMIT 1", "ls", id, item ? item : "");
	if (!r)
		return -1;
	int found = PQntuples(r) > 0;
	if (found) {
		*who = pgx_dup(r, 0, 0);
		*at = pgx_dup(r, 0, 1);
	}
	PQclear(r);
	return found ? 0 : 1;
}
