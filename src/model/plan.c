/* plan.c - reading plans and the rules that read them: dates and "today",
 * age from a birth date or year, loading a plan, who holds the baton, what
 * the consent allows on a given day, the "due" list across plans, the
 * plan list (both masked through plan_mask.h when asked). The changes and their
 * guard rails are in plan_change.c; SQL is in db_plan.c; the plan records
 * and their word lists in src/record/plan_record.c. */
#include "trapp/plan.h"
#include "trapp/plan_mask.h"
#include "trapp/db.h"
#include "trapp/db_plan.h"
#include "trapp/text.h"
#include "trapp/access.h"
#include "trapp/audit.h"
#include "trapp/db_access.h"
#include "trapp/ident.h"
#include "plan_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- dates ------------------------------------------------------------ */

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static int ymd(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, y) ||
	    digits(s + 5, 2, m) || digits(s + 8, 2, d))
		return -1;
	if (*y < 1900 || *y > 2199 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

int plan_date_valid(const char *s)
{
	int y, m, d;
	return ymd(s, &y, &m, &d) == 0;
}

/* Days since 1970-01-01 and back (proleptic Gregorian, no time zone). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void plan_date_add(const char *date, int days, char out[PLAN_DATE_LEN])
{
	int y, m, d;
	if (ymd(date, &y, &m, &d) != 0) {
		out[0] = '\0';
		return;
	}
	civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
	snprintf(out, PLAN_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

void plan_today(char out[PLAN_DATE_LEN])
{
#ifdef TRAPP_TEST_HOOKS
	/* Test builds only (make: TEST_HOOKS=1): a release binary ignores it,
	 * so nobody can back-date or forward-date consent and plans. */
	const char *env = getenv("TRAPP_TODAY");
	if (!str_empty(env)) {
		if (!plan_date_valid(env))
			die("TRAPP_TODAY=«%s» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)", env);
		memcpy(out, env, PLAN_DATE_LEN);
		return;
	}
#endif
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, PLAN_DATE_LEN, "%Y-%m-%d", &tm);
}

int plan_age(const char *born, const char *today, int *approx)
{
	int ty, tm, td, by, bm = 1, bd = 1;
	*approx = 0;
	if (ymd(today, &ty, &tm, &td) != 0 || !born)
		return -1;
	if (strlen(born) == 4) {
		if (digits(born, 4, &by) != 0 || by < 1900)
			return -1;
		*approx = 1;
	} else if (ymd(born, &by, &bm, &bd) != 0) {
		return -1;
	}
	int age = ty - by - (!*approx && (tm < bm || (tm == bm && td < bd)));
	return age < 0 || (!*approx && strcmp(born, today) > 0) ? -1 : age;
}

/* --- reading ----------------------------------------------------------- */

int plan_load(struct db *db, long id, struct plan *out, struct strbuf *err)
{
	int rc = db_plan_load(db, id, out);
	if (rc < 0) {
		sb_puts(err, db_error(db));
		plan_free(out);
		return PLAN_FAIL;
	}
	rc = access_check(db, id, rc == 1 ? NULL : out, NEED_READ, err);
	if (rc != PLAN_OK) {
		plan_free(out);
		return rc;
	}
	out->role = plan_role_of(out, ident_login());
	char today[PLAN_DATE_LEN];
	plan_today(today);
	out->age = plan_age(out->born, today, &out->age_approx);
	return PLAN_OK;
}

int plan_open(struct db *db, long id, enum plan_access_how how, struct plan *out, struct strbuf *err)
{
	/* a file no one can write (an archive copy, a read-only mount) can
	 * still be read; the start-up note says the reading is not logged */
	if (db_read_only(db))
		return plan_load(db, id, out, err);
	if (db_begin(db) != 0) {
		memset(out, 0, sizeof *out);
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	int rc = plan_load(db, id, out, err);
	/* an export or print of a closed plan is its archive copy: said in the
	 * audit trail, whose order (not the clock) plan_delete checks */
	int archive = rc == PLAN_OK && *out->closed && (how == ACCESS_EXPORT || how == ACCESS_PRINT);
	if (rc == PLAN_OK && (audit_access_append(db, id, how) != 0 ||
			      (archive && audit_append(db, id, PLAN_ARCHIVE_ACTION,
						       how == ACCESS_PRINT ? "arkivutskrift (utskrift)"
									   : "arkivutskrift (eksport)",
						       "plan", "", "") != 0) ||
			      db_commit(db) != 0)) {
		sb_puts(err, db_error(db));
		plan_free(out);
		rc = PLAN_FAIL;
	}
	if (rc != PLAN_OK)
		db_rollback(db);
	return rc;
}

const struct plan_holder *plan_holder(const struct plan *p)
{
	for (size_t i = p->n_holders; i-- > 0;)
		if (p->holders[i].state == HANDOVER_ACCEPTED)
			return &p->holders[i];
	return NULL;
}

const struct plan_holder *plan_proposed(const struct plan *p)
{
	for (size_t i = 0; i < p->n_holders; i++)
		if (p->holders[i].state == HANDOVER_PROPOSED)
			return &p->holders[i];
	return NULL;
}

static int withdrawn_on(const struct plan_consent *c, const char *today)
{
	return c->withdrawn[0] && strcmp(c->withdrawn, today) <= 0;
}

static int expired_on(const struct plan_consent *c, const char *today)
{
	return c->expires[0] && strcmp(c->expires, today) < 0;
}

static int valid_on(const struct plan_consent *c, const char *today)
{
	return !c->refused && strcmp(c->date, today) <= 0 && !withdrawn_on(c, today) &&
	       !expired_on(c, today);
}

/* Index after the last refusal given on or before today: consents before
 * it no longer count. */
static size_t after_refusal(const struct plan *p, const char *today)
{
	size_t from = 0;
	for (size_t i = 0; i < p->n_consents; i++)
		if (p->consents[i].refused && strcmp(p->consents[i].date, today) <= 0)
			from = i + 1;
	return from;
}

enum plan_consent_state plan_consent_state(const struct plan *p, const char *today,
					   const struct plan_consent **last)
{
	const struct plan_consent *latest = NULL, *valid = NULL;
	for (size_t i = 0; i < p->n_consents; i++) {
		const struct plan_consent *c = &p->consents[i];
		if (strcmp(c->date, today) > 0)
			continue;  /* not given yet on that day */
		latest = c;
		if (valid_on(c, today))
			valid = c;
	}
	enum plan_consent_state st;
	if (!latest)
		st = CONSENT_NONE;
	else if (latest->refused)
		st = CONSENT_REFUSED;
	else if (valid)
		st = CONSENT_VALID, latest = valid;
	else
		st = withdrawn_on(latest, today) ? CONSENT_WITHDRAWN : CONSENT_EXPIRED;
	if (last)
		*last = latest;
	return st;
}

int plan_consent_covers(const struct plan *p, const char *slug, const char *today)
{
	if (plan_consent_state(p, today, NULL) != CONSENT_VALID)
		return 0;
	for (size_t i = after_refusal(p, today); i < p->n_consents; i++) {
		const struct plan_consent *c = &p->consents[i];
		for (size_t k = 0; valid_on(c, today) && k < c->scope.n; k++)
			if (strcmp(c->scope.v[k], slug) == 0)
				return 1;
	}
	return 0;
}

int plan_consent_gap(const struct plan *p, const char *slug, const char *today, struct strbuf *why)
{
	if (plan_consent_covers(p, slug, today))
		return 0;
	const struct plan_consent *last;
	enum plan_consent_state st = plan_consent_state(p, today, &last);
	switch (st) {
	case CONSENT_NONE: sb_puts(why, "planen har ikke registrert samtykke"); break;
	case CONSENT_REFUSED: sb_printf(why, "samtykke ble nektet %s", last->date); break;
	case CONSENT_WITHDRAWN: sb_printf(why, "samtykket ble trukket %s", last->withdrawn); break;
	case CONSENT_EXPIRED: sb_printf(why, "samtykket gikk ut %s", last->expires); break;
	case CONSENT_VALID: sb_printf(why, "samtykket gjelder ikke «%s»", slug); break;
	}
	return 1;
}

int plan_step_uncovered(const struct plan *p, const struct plan_step *s, const char *today)
{
	return (s->status == STEP_PLANNED || s->status == STEP_ONGOING) && *s->service_slug &&
	       !plan_consent_covers(p, s->service_slug, today);
}

/* --- youth consent age -------------------------------------------------- */

#define YOUTH_CONSENT_AGE 15

const char plan_youth_consent_basis[] =
	"Kommunen bestemmer fra hvilken alder ungdom samtykker selv til stafettloggen (15 eller "
	"16 år). Grunnlaget: for helsehjelp samtykker ungdom alene fra 16 år "
	"(pasient- og brukerrettighetsloven § 4-3), og i barnevernet er et barn fra 15 år part i "
	"saken (barnevernsloven). Under den alderen gir foresatte samtykket; foresatte og "
	"ungdom kan også samtykke sammen.";

static char *age_key(const char *kommune)
{
	return xasprintf("consent.youth_age.%s", kommune ? kommune : "");
}

int plan_youth_consent_age(struct db *db, const char *kommune)
{
	char *key = age_key(kommune);
	char *v = db_setting_get(db, key);
	free(key);
	if (str_empty(v)) {
		free(v);
		v = db_setting_get(db, "consent.youth_age");
	}
	long age = YOUTH_CONSENT_AGE;
	if (!v || parse_int(v, 12, 18, &age) != 0)
		age = YOUTH_CONSENT_AGE;
	free(v);
	return (int)age;
}

int plan_set_youth_consent_age(struct db *db, const char *kommune, int age, struct strbuf *err)
{
	planc_refusal_clear();
	/* a kommune's policy: its administrator sets it, as catalogue imports */
	int admin = access_is_admin(db, ident_login());
	if (admin != 1) {
		if (admin < 0)
			sb_puts(err, db_error(db));
		else
			planc_refusal(err, PR_ADMIN_ONLY)->task = PRT_CONSENT_AGE;
		return admin < 0 ? PLAN_FAIL : PLAN_REFUSED;
	}
	if (age != 15 && age != 16) {
		planc_refusal(err, PR_BAD_CONSENT_AGE)->age = age;
		return PLAN_REFUSED;
	}
	int k = db_kommune_exists(db, kommune ? kommune : "");
	if (k <= 0) {
		if (k < 0)
			sb_puts(err, db_error(db));
		else
			PLANC_SET(planc_refusal(err, PR_UNKNOWN_KOMMUNE)->kommune, kommune);
		return k < 0 ? PLAN_FAIL : PLAN_REFUSED;
	}
	char *key = age_key(kommune), val[8];
	snprintf(val, sizeof val, "%d", age);
	int rc = db_setting_set(db, key, val);
	free(key);
	if (rc != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	return PLAN_OK;
}

/* --- due --------------------------------------------------------------- */

static int due_cmp(const void *a, const void *b)
{
	const struct plan_due *x = a, *y = b;
	if (x->overdue != y->overdue)
		return y->overdue - x->overdue;
	int c = strcmp(x->date, y->date);
	if (c)
		return c;
	if (x->plan_id != y->plan_id)
		return x->plan_id < y->plan_id ? -1 : 1;
	if (x->step != y->step)
		return x->step - y->step;
	return x->evaluation - y->evaluation;
}

void plan_due_free(struct plan_due *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].child);
		free(d[i].what);
		free(d[i].who);
	}
	free(d);
}

struct due_ctx {
	const char *today;
	int masked;
	const char *child_word;
	struct plan_due *items;
	size_t n, cap;
};

static int due_collect(void *ctx, const struct db_due_row *r)
{
	struct due_ctx *c = ctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	struct plan_due *d = &c->items[c->n++];
	d->plan_id = r->plan_id;
	d->child = xstrdup(r->child);  /* masked after the query (mask_due) */
	d->step = r->step;
	d->evaluation = r->evaluation;
	d->kind = r->evaluation ? DUE_EVALUATION : DUE_STEP;
	snprintf(d->date, sizeof d->date, "%.10s", r->date);
	d->what = xstrdup(r->what);
	d->who = xstrdup(r->who);
	d->overdue = strcmp(d->date, c->today) < 0;
	return 0;
}

/* One query over the open plans' steps (no plan is loaded whole), sorted
 * here: the order is the same as when each plan was read on its own. */
/* Masked rows: each plan is loaded, so its people's names are found in
 * the step texts and owners too, and every value goes through
 * plan_field_show. After the query, so no statement is open meanwhile. */
static int mask_due(struct db *db, struct plan_due *items, size_t n, const char *child_word,
		    struct strbuf *err)
{
	for (size_t i = 0; i < n; i++) {
		int done = 0;  /* an earlier row of this plan was masked with it */
		for (size_t k = 0; k < i && !done; k++)
			done = items[k].plan_id == items[i].plan_id;
		if (done)
			continue;
		struct plan p;
		int rc = plan_load(db, items[i].plan_id, &p, err);
		if (rc != PLAN_OK)
			return rc;
		struct plan_masker *m = plan_masker_new(&p, child_word);
		for (size_t k = i; k < n; k++) {
			if (items[k].plan_id != items[i].plan_id)
				continue;
			char *child = plan_field_show(m, PF_CHILD, items[k].child);
			char *what = plan_field_show(m, PF_TEXT, items[k].what);
			char *who = plan_field_show(m, PF_TEXT, items[k].who);
			free(items[k].child);
			free(items[k].what);
			free(items[k].who);
			items[k].child = child;
			items[k].what = what;
			items[k].who = who;
		}
		plan_masker_free(m);
		plan_free(&p);
	}
	return PLAN_OK;
}

static struct plan_due *due_push(struct due_ctx *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	struct plan_due *d = &c->items[c->n++];
	memset(d, 0, sizeof *d);
	return d;
}

/* A row of p in trapp's own words (what), masked like the step rows. */
static void due_add(struct due_ctx *c, const struct plan *p, struct plan_masker *m, enum plan_due_kind kind,
		    int no, const char *date, const char *what, const char *who)
{
	struct plan_due *d = due_push(c);
	d->plan_id = p->id;
	d->kind = kind;
	d->step = no;
	snprintf(d->date, sizeof d->date, "%.10s", date);
	d->child = m ? plan_field_show(m, PF_CHILD, p->child) : xstrdup(p->child);
	d->what = m && kind == DUE_MEETING ? plan_field_show(m, PF_TEXT, what) : xstrdup(what);
	d->who = m ? plan_field_show(m, kind == DUE_HANDOVER ? PF_PERSON : PF_TEXT, who) : xstrdup(who);
	d->overdue = kind != DUE_HANDOVER && kind != DUE_MEETING && strcmp(d->date, c->today) < 0;
}

/* The consent row of p: expired, or every valid consent ends within
 * the warning days (the latest expiry is the date). */
static void due_consent(struct due_ctx *c, const struct plan *p, struct plan_masker *m, const char *until)
{
	const struct plan_consent *last;
	enum plan_consent_state st = plan_consent_state(p, c->today, &last);
	if (st == CONSENT_EXPIRED) {
		due_add(c, p, m, DUE_CONSENT, 0, last->expires, "samtykket har gått ut – nytt samtykke trengs", "");
		return;
	}
	if (st != CONSENT_VALID)
		return;
	const char *end = NULL;
	for (size_t i = 0; i < p->n_consents; i++) {
		const struct plan_consent *k = &p->consents[i];
		if (k->refused || strcmp(k->date, c->today) > 0 || (k->withdrawn[0] && strcmp(k->withdrawn, c->today) <= 0) ||
		    (k->expires[0] && strcmp(k->expires, c->today) < 0))
			continue;
		if (!k->expires[0])
			return;  /* a valid consent without expiry */
		if (!end || strcmp(k->expires, end) > 0)
			end = k->expires;
	}
	if (end && strcmp(end, until) <= 0)
		due_add(c, p, m, DUE_CONSENT, 0, end, "samtykket utløper – forny det i tide", "");
}

/* Load each plan of ids the login may read (others are skipped) and call
 * fn with it and its masker (NULL unless masked). */
typedef void (*each_plan_fn)(struct due_ctx *c, const struct plan *p, struct plan_masker *m, const void *arg);
static int each_plan(struct db *db, struct due_ctx *c, const long *ids, size_t n, each_plan_fn fn,
		     const void *arg, struct strbuf *err)
{
	for (size_t i = 0; i < n; i++) {
		struct plan p;
		struct strbuf e = {0};
		int lr = plan_load(db, ids[i], &p, &e);
		sb_free(&e);
		if (lr == PLAN_REFUSED || lr == PLAN_DENIED)
			continue;  /* not this user's plan */
		if (lr != PLAN_OK) {
			sb_puts(err, db_error(db));
			return PLAN_FAIL;
		}
		struct plan_masker *m = c->masked ? plan_masker_new(&p, c->child_word) : NULL;
		fn(c, &p, m, arg);
		plan_masker_free(m);
		plan_free(&p);
	}
	return PLAN_OK;
}

static void reminders_of(struct due_ctx *c, const struct plan *p, struct plan_masker *m, const void *arg)
{
	const char *until = arg;
	if (p->role >= 0)  /* a member (not only the login a hand-over waits for) */
		due_consent(c, p, m, until);
	/* a hand-over waits for the user when it names the user's login */
	const struct plan_holder *h = plan_proposed(p);
	if (h && strcmp(h->login, ident_login()) == 0)
		due_add(c, p, m, DUE_HANDOVER, 0, h->proposed, "stafettpinnen venter på aksept", h->name);
}

/* Consent expiring or expired and hand-overs waiting, of the plans the
 * storage names (each loaded, so the rules decide). */
static int due_reminders(struct db *db, struct due_ctx *c, struct strbuf *err)
{
	char until[PLAN_DATE_LEN];
	plan_date_add(c->today, PLAN_CONSENT_WARN_DAYS, until);
	long *ids;
	size_t n;
	if (db_plan_reminder_ids(db, ident_login(), until, &ids, &n) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	int rc = each_plan(db, c, ids, n, reminders_of, until, err);
	free(ids);
	return rc;
}

int plan_due(struct db *db, const char *today, int days, int masked, const char *child_word,
	     struct plan_due **out, size_t *n, struct strbuf *err)
{
	char until[PLAN_DATE_LEN];
	if (days >= 0)
		plan_date_add(today, days, until);
	struct due_ctx c = {today, masked, child_word, NULL, 0, 0};
	if (db_plan_due_rows(db, ident_login(), days >= 0 ? until : NULL, due_collect, &c) != 0) {
		sb_puts(err, db_error(db));
		plan_due_free(c.items, c.n);
		return PLAN_FAIL;
	}
	int rc = masked ? mask_due(db, c.items, c.n, child_word, err) : PLAN_OK;
	if (rc == PLAN_OK)
		rc = due_reminders(db, &c, err);
	if (rc != PLAN_OK) {
		plan_due_free(c.items, c.n);
		return rc;
	}
	if (c.n)
		qsort(c.items, c.n, sizeof *c.items, due_cmp);
	*out = c.items;
	*n = c.n;
	return PLAN_OK;
}

static void meetings_of(struct due_ctx *c, const struct plan *p, struct plan_masker *m, const void *arg)
{
	const char *today = arg;
	for (size_t k = 0; k < p->n_meetings; k++) {
		const struct plan_meeting *mt = &p->meetings[k];
		if (strcmp(mt->date, today) < 0)
			continue;
		char *what = xasprintf("møte %d i stafettloggen", mt->no);
		due_add(c, p, m, DUE_MEETING, mt->no, mt->date, what, mt->attended);
		free(what);
	}
}

int plan_due_meetings(struct db *db, const char *today, int masked, const char *child_word,
		      struct plan_due **out, size_t *n, struct strbuf *err)
{
	struct due_ctx c = {today, masked, child_word, NULL, 0, 0};
	long *ids;
	size_t n_ids;
	if (db_plan_meeting_ids(db, ident_login(), today, &ids, &n_ids) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	int rc = each_plan(db, &c, ids, n_ids, meetings_of, today, err);
	free(ids);
	if (rc != PLAN_OK) {
		plan_due_free(c.items, c.n);
		return rc;
	}
	if (c.n)
		qsort(c.items, c.n, sizeof *c.items, due_cmp);
	*out = c.items;
	*n = c.n;
	return PLAN_OK;
}

int plan_reminders(struct db *db, const char *today, struct plan_reminders *out, struct strbuf *err)
{
	memset(out, 0, sizeof *out);
	struct plan_due *d;
	size_t n;
	int rc = plan_due(db, today, 0, 0, NULL, &d, &n, err);
	if (rc != PLAN_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		switch (d[i].kind) {
		case DUE_STEP: d[i].overdue ? out->overdue++ : out->due_today++; break;
		case DUE_EVALUATION: out->evaluations++; break;
		case DUE_CONSENT: out->consents++; break;
		case DUE_HANDOVER: out->handovers++; break;
		case DUE_MEETING: break;
		}
	plan_due_free(d, n);
	return PLAN_OK;
}

size_t plan_reminders_text(const struct plan_reminders *r, struct strbuf *sb)
{
	size_t total = r->overdue + r->due_today + r->evaluations + r->consents + r->handovers;
	if (!total) {
		sb_puts(sb, "Ingenting forfaller i dag");
		return 0;
	}
	/* short: the start screen has one line of 78 columns at 80x24 */
	const char *sep = "";
	if (r->overdue)
		sb_printf(sb, "%s%zu forfalt", sep, r->overdue), sep = " · ";
	if (r->due_today)
		sb_printf(sb, "%s%zu frist%s i dag", sep, r->due_today, r->due_today == 1 ? "" : "er"), sep = " · ";
	if (r->evaluations)
		sb_printf(sb, "%s%zu evaluering%s", sep, r->evaluations, r->evaluations == 1 ? "" : "er"), sep = " · ";
	if (r->consents)
		sb_printf(sb, "%s%zu samtykke%s utløper", sep, r->consents, r->consents == 1 ? "" : "r"), sep = " · ";
	if (r->handovers)
		sb_printf(sb, "%s%zu overføring%s venter", sep, r->handovers, r->handovers == 1 ? "" : "er");
	return total;
}

/* --- list -------------------------------------------------------------- */

struct list_ctx {
	char today[PLAN_DATE_LEN];
	int masked;
	const char *child_word;
	int (*fn)(void *ctx, const struct plan_summary *s);
	void *ctx;
};

static int list_row(void *ctx, const struct db_plan_row *r)
{
	struct list_ctx *c = ctx;
	struct plan_summary s = {0};
	s.id = r->id;
	s.child = (char *)r->child;
	s.unit = (char *)r->unit;
	s.holder = (char *)r->holder;
	struct plan_masker *m = NULL;
	if (c->masked) {
		/* the row's own names: the child and the stafettholder */
		struct plan_holder h = {.name = (char *)r->holder};
		struct plan p = {.child = (char *)r->child, .holders = &h, .n_holders = 1};
		m = plan_masker_new(&p, c->child_word);
		s.child = plan_field_show(m, PF_CHILD, r->child);
		s.unit = plan_field_show(m, PF_TEXT, r->unit);
		s.holder = plan_field_show(m, PF_PERSON, r->holder);
	}
	s.level = r->level;
	s.age = plan_age(r->born, c->today, &s.age_approx);
	s.closed = (char *)r->closed;
	s.close_reason = r->close_reason;
	snprintf(s.next_due, sizeof s.next_due, "%.10s", r->next_due);
	s.overdue = s.next_due[0] && strcmp(s.next_due, c->today) < 0;
	snprintf(s.consent, sizeof s.consent, "%s", r->consent ? r->consent : "");
	int stop = c->fn(c->ctx, &s);
	if (m) {
		free(s.child);
		free(s.unit);
		free(s.holder);
		plan_masker_free(m);
	}
	return stop;
}

int plan_list_each(struct db *db, int masked, const char *child_word, long offset, long limit,
		   int (*fn)(void *ctx, const struct plan_summary *s), void *ctx, struct strbuf *err)
{
	struct list_ctx c = {.masked = masked, .child_word = child_word, .fn = fn, .ctx = ctx};
	plan_today(c.today);
	if (db_plan_rows(db, ident_login(), offset, limit, list_row, &c) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	return PLAN_OK;
}

int plan_count(struct db *db, long *n, struct strbuf *err)
{
	if (db_plan_count(db, ident_login(), n) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	return PLAN_OK;
}

struct collect {
	struct plan_summary *v;
	size_t n, cap;
};

static int list_collect(void *ctx, const struct plan_summary *s)
{
	struct collect *c = ctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	struct plan_summary *d = &c->v[c->n++];
	*d = *s;
	d->child = xstrdup(s->child);
	d->unit = xstrdup(s->unit);
	d->holder = xstrdup(s->holder);
	d->closed = xstrdup(s->closed);
	return 0;
}

int plan_list_page(struct db *db, int masked, const char *child_word, long offset, long limit,
		   struct plan_summary **out, size_t *n, struct strbuf *err)
{
	struct collect c = {0};
	int rc = plan_list_each(db, masked, child_word, offset, limit, list_collect, &c, err);
	if (rc != PLAN_OK) {
		plan_list_free(c.v, c.n);
		return rc;
	}
	*out = c.v;
	*n = c.n;
	return PLAN_OK;
}

int plan_list(struct db *db, int masked, const char *child_word, struct plan_summary **out, size_t *n,
	      struct strbuf *err)
{
	return plan_list_page(db, masked, child_word, 0, -1, out, n, err);
}

static void find_where(struct db_plan_where *w, const struct plan_list_filter *f, const char *today)
{
	*w = (struct db_plan_where){f->text, f->level, f->mine, f->awaiting, f->overdue, today};
}

int plan_list_find(struct db *db, int masked, const char *child_word, const struct plan_list_filter *f,
		   long offset, long limit, struct plan_summary **out, size_t *n, struct strbuf *err)
{
	struct collect col = {0};
	struct list_ctx c = {.masked = masked, .child_word = child_word, .fn = list_collect, .ctx = &col};
	plan_today(c.today);
	struct db_plan_where w;
	find_where(&w, f, c.today);
	if (db_plan_find(db, ident_login(), &w, offset, limit, list_row, &c) != 0) {
		plan_list_free(col.v, col.n);
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	*out = col.v;
	*n = col.n;
	return PLAN_OK;
}

int plan_count_find(struct db *db, const struct plan_list_filter *f, long *n, struct strbuf *err)
{
	char today[PLAN_DATE_LEN];
	plan_today(today);
	struct db_plan_where w;
	find_where(&w, f, today);
	if (db_plan_find_count(db, ident_login(), &w, n) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	return PLAN_OK;
}

void plan_list_free(struct plan_summary *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].child);
		free(s[i].unit);
		free(s[i].holder);
		free(s[i].closed);
	}
	free(s);
}
