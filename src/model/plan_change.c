/* plan_change.c - every change to a plan and its guard rails from BTI:
 * consent must cover a service before it joins (and be neither missing,
 * expired, withdrawn nor refused), below level 2 only the stafettholder's
 * own service takes part, the baton moves only when a hand-over is
 * accepted, dates are real ISO dates, a closed plan never changes. Each
 * change runs in one BEGIN IMMEDIATE transaction together with its audit
 * row (who, when in UTC, what); a refusal or a failure rolls back. */
#include "trapp/plan.h"
#include "trapp/db.h"
#include "trapp/db_plan.h"
#include "trapp/db_access.h"
#include "trapp/ident.h"
#include "trapp/text.h"
#include "trapp/access.h"
#include "trapp/audit.h"
#include "plan_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* A refusal about field of the plan being changed (plan 0: a new one). */
static struct plan_refusal *refused_field(struct change *c, enum plan_refusal_code code, enum plan_refusal_field field)
{
	struct plan_refusal *r = planc_refusal(c->err, code);
	r->plan = c->p->id;
	r->field = field;
	return r;
}

static int storage(struct db *db, struct strbuf *err)
{
	sb_reset(err);
	sb_puts(err, db_error(db));
	return PLAN_FAIL;
}

static long next_expect;

void plan_expect_version(long version) { next_expect = version > 0 ? version : 0; }

/* Refuse when the item's version moved since the caller read it, naming
 * who changed it and when (from the audit trail). */
static int version_ok(struct change *c, enum plan_item kind, int no, long have)
{
	if (!c->expect || c->expect == have)
		return PLAN_OK;
	char *who = NULL, *at = NULL;
	/* the audit rows name the item as the change wrote it in c->item */
	if (db_plan_last_change(c->db, c->p->id, kind == PRI_PLAN ? "" : c->item, &who, &at) < 0)
		return storage(c->db, c->err);
	struct plan_refusal *r = planc_refusal(c->err, PR_STALE);
	r->plan = c->p->id;
	r->have = have;
	r->expect = c->expect;
	r->item = kind;
	r->no = no;
	snprintf(r->who, sizeof r->who, "%s", who ? who : "");
	snprintf(r->at, sizeof r->at, "%s", at ? at : "");
	free(who);
	free(at);
	return PLAN_REFUSED;
}

/* A coded refusal about the plan being changed, with no other parameter. */
static int refused_in(struct change *c, enum plan_refusal_code code)
{
	planc_refusal(c->err, code)->plan = c->p->id;
	return PLAN_REFUSED;
}

/* A refusal about two dates of field (date, and the one it is compared with). */
static int dates_refused(struct change *c, enum plan_refusal_code code, enum plan_refusal_field field, const char *date,
			 const char *date2)
{
	struct plan_refusal *r = refused_field(c, code, field);
	PLANC_SET(r->date, date);
	PLANC_SET(r->date2, date2);
	return PLAN_REFUSED;
}

/* A choice field outside its word list v (the valid ones go with it). */
static int bad_choice(struct change *c, enum plan_refusal_field field, enum plan_vocab v)
{
	struct plan_refusal *r = refused_field(c, PR_BAD_CHOICE, field);
	struct strbuf sb = {0};
	plan_choices(&sb, v);
	PLANC_SET(r->list, sb_str(&sb));
	sb_free(&sb);
	return PLAN_REFUSED;
}

/* The consent state st and the date of the record last that decided it. */
static void consent_when(struct plan_refusal *r, enum plan_consent_state st, const struct plan_consent *last)
{
	r->consent_state = (int)st;
	PLANC_SET(r->date, !last ? "" : st == CONSENT_REFUSED ? last->date : st == CONSENT_WITHDRAWN ? last->withdrawn
			   : st == CONSENT_EXPIRED ? last->expires : "");
}

/* Store the write's result: 0 -> PLAN_OK, else the storage error. */
static int stored(struct change *c, int rc) { return rc == 0 ? PLAN_OK : storage(c->db, c->err); }

/* Longest texts accepted, in characters: a name or other one-line field,
 * and a free text (evaluation, minutes). */
#define NAME_MAX_CHARS 200
#define TEXT_MAX_CHARS 20000

/* A copy of s[0..n) kept by the plan (freed with it). */
static const char *xstrndup_kept(struct change *c, const char *s, size_t n)
{
	return plan_keep(c->p, xstrndup(s, n));
}

static size_t char_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A text, trimmed and kept by the plan: valid UTF-8, no control
 * characters (line breaks and tabs only where one_line is 0), not longer
 * than the limit. The value is never echoed: it may be personal data. */
static int checked_text(struct change *c, const char *in, enum plan_refusal_field field, int one_line, char **out)
{
	char *s = str_trim(xstrdup(in ? in : ""));
	size_t len = strlen(s);
	int rc = PLAN_OK;
	if (!*s)
		refused_field(c, PR_TEXT_MISSING, field), rc = PLAN_REFUSED;
	else if (!utf8_valid(s, len))
		refused_field(c, PR_TEXT_UTF8, field), rc = PLAN_REFUSED;
	else if (text_control_at(s, len, one_line ? 0 : TEXT_KEEP_LINES) < len) {
		size_t at = text_control_at(s, len, one_line ? 0 : TEXT_KEEP_LINES);
		uint32_t cp;
		utf8_decode(s + at, len - at, &cp);
		struct plan_refusal *r = refused_field(c, PR_TEXT_CONTROL, field);
		r->codepoint = (unsigned)cp;
		r->count = (int)char_count(xstrndup_kept(c, s, at));
		r->one_line = one_line;
		rc = PLAN_REFUSED;
	} else if (char_count(s) > (one_line ? NAME_MAX_CHARS : TEXT_MAX_CHARS)) {
		struct plan_refusal *r = refused_field(c, PR_TEXT_LONG, field);
		r->count = (int)char_count(s);
		r->limit = one_line ? NAME_MAX_CHARS : TEXT_MAX_CHARS;
		rc = PLAN_REFUSED;
	}
	if (rc != PLAN_OK) {
		free(s);
		return rc;
	}
	*out = plan_keep(c->p, s);
	return PLAN_OK;
}

/* A free text: line breaks allowed. */
static int text_arg(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	return checked_text(c, in, field, 0, out);
}

/* A name or another one-line field. */
static int name_arg(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	return checked_text(c, in, field, 1, out);
}

/* An optional one-line text: NULL or blank gives "". */
static int opt_text(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	if (!in || !*in || strspn(in, " \t\r\n") == strlen(in)) {
		*out = "";
		return PLAN_OK;
	}
	return name_arg(c, in, field, out);
}

/* A date: NULL or "" is today; else a real YYYY-MM-DD. */
static int date_arg(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	if (str_empty(in)) {
		*out = plan_keep(c->p, xstrdup(c->today));
		return PLAN_OK;
	}
	if (!plan_date_valid(in)) {
		PLANC_SET(refused_field(c, PR_BAD_DATE, field)->value, in);
		return PLAN_REFUSED;
	}
	*out = plan_keep(c->p, xstrdup(in));
	return PLAN_OK;
}

/* A date that has happened (consent, refusal, withdrawal). */
static int past_date_arg(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	int rc = date_arg(c, in, field, out);
	if (rc == PLAN_OK && strcmp(*out, c->today) > 0)
		return dates_refused(c, PR_FUTURE_DATE, field, *out, c->today);
	return rc;
}

/* Write the audit row and commit, or roll back on any failure. */
static int finish(struct change *c, long id, int rc)
{
	if (rc == PLAN_OK) {
		while (c->old.len && c->old.buf[c->old.len - 1] == '\n')
			c->old.buf[--c->old.len] = '\0';
		while (c->new.len && c->new.buf[c->new.len - 1] == '\n')
			c->new.buf[--c->new.len] = '\0';
		/* one audit row: the item, and its old and new value (an
		 * addition has no old value, a removal no new one) */
		const char *what = sb_str(&c->what);
		rc = stored(c, audit_append(c->db, id, c->action, what, c->item[0] ? c->item : "plan",
					    sb_str(&c->old), c->new.len ? sb_str(&c->new) : what));
	}
	if (rc == PLAN_OK && db_commit(c->db) != 0)
		rc = storage(c->db, c->err);
	if (rc != PLAN_OK)
		db_rollback(c->db);
	return rc;
}

/* Load plan id inside a write transaction, refuse a missing plan, one
 * the acting login may not change this way (access_check), a closed one
 * (unless need is NEED_HOLDER_CLOSED) or a stale version (the plan's, or
 * with item_level the item's, which fn checks), raise the plan's version,
 * apply fn, audit under action, commit. */
static int change_at(struct db *db, long id, int need, const char *action, change_fn fn, const void *arg,
		     int item_level, struct strbuf *err)
{
	struct plan p;
	memset(&p, 0, sizeof p);
	struct change c = {.db = db, .p = &p, .err = err, .action = action, .expect = next_expect};
	next_expect = 0;
	planc_refusal_clear();
	plan_today(c.today);
	if (db_begin_private(db) != 0)
		return storage(db, err);
	int rc = db_plan_load(db, id, &p);
	if (rc < 0)
		rc = storage(db, err);
	else
		rc = access_check(db, id, rc == 1 ? NULL : &p, need, err);
	if (rc != PLAN_OK)
		;
	else if (p.closed[0] && need != NEED_HOLDER_CLOSED && need != NEED_RETENTION) {
		struct plan_refusal *r = planc_refusal(err, PR_CLOSED);
		r->plan = id;
		r->close_reason = p.close_reason;
		PLANC_SET(r->date, p.closed);
		rc = PLAN_REFUSED;
	} else if (!item_level && (rc = version_ok(&c, PRI_PLAN, 0, p.version)) != PLAN_OK)
		;
	else if (!p.closed[0] && db_plan_touch(db, id) != 0)  /* a closed plan is only erased */
		rc = storage(db, err);
	else {
		p.age = plan_age(p.born, c.today, &p.age_approx);
		rc = fn(&c, arg);
	}
	rc = finish(&c, id, rc);
	plan_free(&p);
	sb_free(&c.what);
	sb_free(&c.old);
	sb_free(&c.new);
	return rc;
}

static int change(struct db *db, long id, int need, const char *action, change_fn fn, const void *arg,
		  struct strbuf *err)
{
	return change_at(db, id, need, action, fn, arg, 0, err);
}

/* The kommune's name as people say it ("Tromsø", not "tromso" or a
 * kommune number), for the creation row of the audit trail and the
 * refusals that name the kommune's own rules; the code when the name
 * cannot be read. Caller frees. Audit rows written before this keep the
 * code: the stored text is under the audit hash. */
static char *kommune_name(struct db *db, const char *code)
{
	struct kommune *k = NULL;
	size_t n = 0;
	char *name = NULL;
	if (db_kommune_list(db, &k, &n) == 0)
		for (size_t i = 0; i < n && !name; i++)
			if (strcmp(k[i].code, code) == 0 && *k[i].name)
				name = xstrdup(k[i].name);
	db_kommune_list_free(k, n);
	return name ? name : xstrdup(code);
}

/* --- new plan ---------------------------------------------------------- */

int plan_new(struct db *db, const struct plan_new *in, long *id, struct strbuf *err)
{
	struct plan p;
	memset(&p, 0, sizeof p);
	struct change c = {.db = db, .p = &p, .err = err};
	next_expect = 0;
	planc_refusal_clear();
	plan_today(c.today);
	int approx, rc = name_arg(&c, in->child, PRF_CHILD, &p.child);
	if (rc == PLAN_OK && plan_age(in->born, c.today, &approx) < 0)
		refused_field(&c, PR_BAD_BORN, PRF_BORN), rc = PLAN_REFUSED;
	if (rc == PLAN_OK && (in->level < 0 || in->level > PLAN_LEVEL_MAX))
		refused_field(&c, PR_BAD_LEVEL, PRF_NONE)->level = in->level, rc = PLAN_REFUSED;
	if (rc == PLAN_OK)
		rc = opt_text(&c, in->unit, PRF_UNIT, &p.unit);
	char *holder = NULL, *holder_service = NULL;
	if (rc == PLAN_OK && in->holder)
		rc = name_arg(&c, in->holder, PRF_HOLDER, &holder);
	if (rc == PLAN_OK)
		rc = opt_text(&c, in->holder_service, PRF_HOLDER_SERVICE, &holder_service);
	if (rc == PLAN_OK) {
		int k = db_kommune_exists(db, in->kommune ? in->kommune : "");
		if (k < 0)
			rc = storage(db, err);
		else if (!k) {
			PLANC_SET(planc_refusal(err, PR_UNKNOWN_KOMMUNE)->kommune, in->kommune);
			rc = PLAN_REFUSED;
		}
	}
	if (rc != PLAN_OK) {
		plan_free(&p);
		return rc;
	}
	p.born = plan_keep(&p, xstrdup(in->born));
	p.kommune = plan_keep(&p, xstrdup(in->kommune));
	p.level = in->level;
	p.created = c.today;
	const char *login = ident_login();
	if (!holder)
		holder = plan_keep(&p, access_display_name(db, login));
	if (!*holder_service)
		holder_service = p.unit;
	const char *kommune = plan_keep(&p, kommune_name(db, p.kommune));  /* read before the transaction */
	if (db_begin_private(db) != 0) {
		plan_free(&p);
		return storage(db, err);
	}
	struct plan_level_change lc = {c.today, -1, p.level, "stafettlogg opprettet"};
	struct plan_holder h = {0, holder, holder_service, (char *)login, c.today, c.today, HANDOVER_ACCEPTED};
	c.action = "ny";
	rc = stored(&c, db_plan_insert(db, &p, id));
	if (rc == PLAN_OK)
		rc = stored(&c, db_plan_level(db, *id, &lc));
	if (rc == PLAN_OK)
		rc = stored(&c, db_plan_holder_add(db, *id, &h));
	if (rc == PLAN_OK)
		rc = stored(&c, db_member_add(db, *id, login, plan_code(VOCAB_ROLE, ROLE_HOLDER), "", c.today));
	sb_printf(&c.what, "stafettlogg opprettet på nivå %d i kommunen %s; stafettholder %s [%s]%s%s%s",
		  p.level, kommune, holder, login, *holder_service ? " (" : "", holder_service,
		  *holder_service ? ")" : "");
	rc = finish(&c, *id, rc);
	plan_free(&p);
	sb_free(&c.what);
	return rc;
}

/* --- level, concern ---------------------------------------------------- */

struct level_arg {
	int level;
	const char *why, *date;
};

static int do_level(struct change *c, const void *arg)
{
	const struct level_arg *in = arg;
	struct plan *p = c->p;
	struct plan_level_change lc = {NULL, p->level, in->level, NULL};
	if (in->level < 0 || in->level > PLAN_LEVEL_MAX || in->level == p->level) {
		refused_field(c, in->level == p->level ? PR_SAME_LEVEL : PR_BAD_LEVEL, PRF_NONE)->level = in->level;
		return PLAN_REFUSED;
	}
	int rc = text_arg(c, in->why, PRF_LEVEL_WHY, &lc.why);
	if (rc == PLAN_OK)
		rc = date_arg(c, in->date, PRF_DATE, &lc.date);
	if (rc != PLAN_OK)
		return rc;
	const struct plan_consent *last;
	/* consent as recorded today: a raise entered after the fact counts
	 * the consent the plan has now */
	enum plan_consent_state st = plan_consent_state(p, c->today, &last);
	if (in->level >= 2 && in->level > p->level && st != CONSENT_VALID) {
		struct plan_refusal *r = refused_field(c, PR_LEVEL_NO_CONSENT, PRF_NONE);
		r->level = in->level;
		consent_when(r, st, last);
		return PLAN_REFUSED;
	}
	sb_printf(&c->what, "nivå %d → %d (%s): %s", lc.from, lc.to, lc.date, lc.why);
	snprintf(c->item, sizeof c->item, "nivå");
	sb_printf(&c->old, "%d", lc.from);
	sb_printf(&c->new, "%d", lc.to);
	return stored(c, db_plan_level(c->db, p->id, &lc));
}

int plan_set_level(struct db *db, long id, int level, const char *why, const char *date,
		   struct strbuf *err)
{
	struct level_arg a = {level, why, date};
	return change(db, id, NEED_HOLDER, "niva", do_level, &a, err);
}

struct concern_arg {
	const char *text, *date, *by;
};

static int do_concern(struct change *c, const void *arg)
{
	const struct concern_arg *in = arg;
	struct plan_concern pc;
	int rc = text_arg(c, in->text, PRF_CONCERN, &pc.text);
	if (rc == PLAN_OK)
		rc = name_arg(c, in->by, PRF_NOTICED_BY, &pc.noticed_by);
	if (rc == PLAN_OK)
		rc = date_arg(c, in->date, PRF_DATE, &pc.date);
	if (rc != PLAN_OK)
		return rc;
	sb_printf(&c->what, "bekymring %s (%s): %s", pc.date, pc.noticed_by, pc.text);
	return stored(c, db_plan_concern_add(c->db, c->p->id, &pc));
}

int plan_add_concern(struct db *db, long id, const char *text, const char *date,
		     const char *noticed_by, struct strbuf *err)
{
	struct concern_arg a = {text, date, noticed_by};
	return change(db, id, NEED_WRITE, "bekymring", do_concern, &a, err);
}

/* --- consent ------------------------------------------------------------ */

/* Name of a catalogue service in the plan's kommune, or a refusal that
 * says how to find ids. */
static int service_arg(struct change *c, const char *slug, char **name)
{
	char *found;
	int rc = db_service_name(c->db, c->p->kommune, slug, &found);
	if (rc < 0)
		return storage(c->db, c->err);
	if (rc == 1) {
		struct plan_refusal *r = planc_refusal(c->err, PR_UNKNOWN_SERVICE);
		snprintf(r->slug, sizeof r->slug, "%s", slug);
		snprintf(r->kommune, sizeof r->kommune, "%s", c->p->kommune);
		return PLAN_REFUSED;
	}
	*name = plan_keep(c->p, found);
	return PLAN_OK;
}

static int by_arg(struct change *c, enum plan_consent_by by)
{
	if ((int)by < 0 || (int)by >= plan_vocab_count(VOCAB_CONSENT_BY))
		return bad_choice(c, PRF_CONSENT_BY, VOCAB_CONSENT_BY);
	if (by == CONSENT_BY_PARENTS)
		return PLAN_OK;
	int limit = plan_youth_consent_age(c->db, c->p->kommune);
	/* a birth year alone may overstate the age by one */
	int age = c->p->age - c->p->age_approx;
	if (age < limit) {
		struct plan_refusal *r = refused_field(c, PR_YOUTH_AGE, PRF_CONSENT_BY);
		r->limit = limit;
		r->age = age;
		r->approx = c->p->age_approx;
		char *kommune = kommune_name(c->db, c->p->kommune);  /* the kommune's own rule, by its name */
		PLANC_SET(r->kommune, kommune);
		free(kommune);
		return PLAN_REFUSED;
	}
	return PLAN_OK;
}

static int do_consent(struct change *c, const void *arg)
{
	const struct plan_consent_input *in = arg;
	struct plan_consent pc = {0};
	pc.by = in->by;
	pc.expires = "";
	pc.withdrawn = "";
	int rc = opt_text(c, in->guardians, PRF_GUARDIANS, &pc.guardians);
	if (rc == PLAN_OK && *pc.guardians && in->by == CONSENT_BY_YOUTH)
		refused_field(c, PR_YOUTH_GUARDIANS, PRF_GUARDIANS), rc = PLAN_REFUSED;
	if (rc == PLAN_OK)
		rc = by_arg(c, in->by);
	if (rc == PLAN_OK)
		rc = past_date_arg(c, in->date, PRF_CONSENT_DATE, &pc.date);
	if (rc == PLAN_OK && !str_empty(in->expires)) {
		rc = date_arg(c, in->expires, PRF_EXPIRES, &pc.expires);
		if (rc == PLAN_OK && strcmp(pc.expires, pc.date) < 0)
			rc = dates_refused(c, PR_EXPIRES_BEFORE, PRF_EXPIRES, pc.expires, pc.date);
	}
	for (size_t i = 0; rc == PLAN_OK && i < in->n_scope; i++) {
		char *name;
		int dup = 0;
		for (size_t k = 0; k < pc.scope.n; k++)
			dup |= str_eq(pc.scope.v[k], in->scope[i]);
		if (dup)
			continue;
		rc = service_arg(c, in->scope[i], &name);
		if (rc == PLAN_OK) {
			sv_push(&pc.scope, in->scope[i]);
			sv_push(&pc.scope_names, name);
		}
	}
	if (rc == PLAN_OK && !pc.scope.n) {
		planc_refusal(c->err, PR_CONSENT_EMPTY)->plan = c->p->id;
		rc = PLAN_REFUSED;
	}
	if (rc == PLAN_OK) {
		char *scope = sv_join(&pc.scope, ", ");
		sb_printf(&c->what, "samtykke fra %s%s%s%s %s for %s%s%s", plan_label(VOCAB_CONSENT_BY, (int)pc.by),
			  *pc.guardians ? " (" : "", pc.guardians, *pc.guardians ? ")" : "",
			  pc.date, scope, *pc.expires ? ", utløper " : "", pc.expires);
		free(scope);
		rc = stored(c, db_plan_consent_add(c->db, c->p->id, &pc));
	}
	sv_free(&pc.scope);
	sv_free(&pc.scope_names);
	return rc;
}

int plan_add_consent(struct db *db, long id, const struct plan_consent_input *in, struct strbuf *err)
{
	return change(db, id, NEED_HOLDER, "samtykke", do_consent, in, err);
}

struct refusal_arg {
	enum plan_consent_by by;
	const char *date;
};

static int do_refusal(struct change *c, const void *arg)
{
	const struct refusal_arg *in = arg;
	struct plan_consent pc = {0};
	pc.refused = 1;
	pc.by = in->by;
	pc.expires = pc.withdrawn = pc.guardians = "";
	int rc = (int)in->by == CONSENT_BY_PARENTS ? PLAN_OK : by_arg(c, in->by);
	if (rc == PLAN_OK)
		rc = past_date_arg(c, in->date, PRF_REFUSAL_DATE, &pc.date);
	if (rc != PLAN_OK)
		return rc;
	sb_printf(&c->what, "samtykke nektet av %s %s", plan_label(VOCAB_CONSENT_BY, (int)pc.by), pc.date);
	return stored(c, db_plan_consent_add(c->db, c->p->id, &pc));
}

int plan_add_refusal(struct db *db, long id, enum plan_consent_by by, const char *date,
		     struct strbuf *err)
{
	struct refusal_arg a = {by, date};
	return change(db, id, NEED_HOLDER, "nekting", do_refusal, &a, err);
}

static int do_withdraw(struct change *c, const void *arg)
{
	char *date;
	int rc = past_date_arg(c, arg, PRF_WITHDRAW_DATE, &date);
	size_t n = 0;
	for (size_t i = 0; rc == PLAN_OK && i < c->p->n_consents; i++) {
		const struct plan_consent *pc = &c->p->consents[i];
		if (pc->refused || pc->withdrawn[0] || (pc->expires[0] && strcmp(pc->expires, date) < 0) ||
		    strcmp(pc->date, date) > 0)
			continue;
		rc = stored(c, db_plan_consent_withdraw(c->db, pc->id, date));
		n++;
	}
	if (rc == PLAN_OK && !n)
		rc = dates_refused(c, PR_NOTHING_TO_WITHDRAW, PRF_WITHDRAW_DATE, date, "");
	if (rc == PLAN_OK) {
		sb_printf(&c->what, "samtykket trukket %s", date);
		snprintf(c->item, sizeof c->item, "samtykke");
		sb_puts(&c->old, "gyldig");
		sb_printf(&c->new, "trukket %s", date);
	}
	return rc;
}

int plan_withdraw(struct db *db, long id, const char *date, struct strbuf *err)
{
	return change(db, id, NEED_HOLDER, "samtykke-trukket", do_withdraw, date, err);
}

/* --- services and people ------------------------------------------------ */

/* Why consent does not let slug join, or PLAN_OK. */
static int consent_allows(struct change *c, const char *slug)
{
	const struct plan_consent *last;
	const struct plan *p = c->p;
	enum plan_consent_state st = plan_consent_state(p, c->today, &last);
	if (st == CONSENT_VALID && plan_consent_covers(p, slug, c->today))
		return PLAN_OK;
	struct strvec scope = {0};  /* what the valid consents cover now */
	for (size_t i = 0; i < p->n_consents; i++)
		for (size_t k = 0; k < p->consents[i].scope.n; k++) {
			const char *s = p->consents[i].scope.v[k];
			int dup = 0;
			for (size_t j = 0; j < scope.n; j++)
				dup |= strcmp(scope.v[j], s) == 0;
			if (!dup && plan_consent_covers(p, s, c->today))
				sv_push(&scope, s);
		}
	char *covered = sv_join(&scope, ",");
	struct plan_refusal *r = planc_refusal(c->err, PR_NO_CONSENT);
	r->plan = p->id;
	consent_when(r, st, last);
	snprintf(r->slug, sizeof r->slug, "%s", slug);
	snprintf(r->covered, sizeof r->covered, "%s", covered);
	free(covered);
	sv_free(&scope);
	return PLAN_REFUSED;
}

/* 1 when the service is the stafettholder's own (by id or name). */
static int own_service(const struct plan *p, const char *slug, const char *name)
{
	const struct plan_holder *h = plan_holder(p);
	if (!h || !h->service[0])
		return 0;
	char *key = text_slug(h->service), *name_key = text_slug(name);
	int own = strcmp(key, slug) == 0 || strcmp(key, name_key) == 0;
	free(key);
	free(name_key);
	return own;
}

struct service_arg {
	const char *slug, *role;
};

static int do_service(struct change *c, const void *arg)
{
	const struct service_arg *in = arg;
	struct plan *p = c->p;
	struct plan_service s = {0};
	if (str_empty(in->slug))
		return refused_in(c, PR_SERVICE_MISSING);
	for (size_t i = 0; i < p->n_services; i++)
		if (strcmp(p->services[i].slug, in->slug) == 0) {
			PLANC_SET(refused_field(c, PR_ALREADY_SERVICE, PRF_NONE)->slug, in->slug);
			return PLAN_REFUSED;
		}
	s.slug = (char *)in->slug;
	int rc = service_arg(c, in->slug, &s.name);
	if (rc == PLAN_OK)
		rc = consent_allows(c, in->slug);
	if (rc == PLAN_OK && p->level < 2 && !own_service(p, s.slug, s.name)) {
		struct plan_refusal *r = planc_refusal(c->err, PR_LEVEL_BELOW_2);
		r->plan = p->id;
		r->level = p->level;
		snprintf(r->slug, sizeof r->slug, "%s", in->slug);
		rc = PLAN_REFUSED;
	}
	if (rc == PLAN_OK)
		rc = opt_text(c, in->role, PRF_SERVICE_ROLE, &s.role);
	if (rc != PLAN_OK)
		return rc;
	s.added = c->today;
	sb_printf(&c->what, "tjeneste lagt til: %s (%s)%s%s", s.name, s.slug, *s.role ? ", rolle: " : "", s.role);
	return stored(c, db_plan_service_add(c->db, p->id, &s));
}

int plan_add_service(struct db *db, long id, const char *slug, const char *role, struct strbuf *err)
{
	struct service_arg a = {slug, role};
	return change(db, id, NEED_HOLDER, "tjeneste-inn", do_service, &a, err);
}

struct person_arg {
	const char *name, *role, *contact;
};

static int do_person(struct change *c, const void *arg)
{
	const struct person_arg *in = arg;
	struct plan_person pp;
	int rc = name_arg(c, in->name, PRF_PERSON_NAME, &pp.name);
	if (rc == PLAN_OK)
		rc = name_arg(c, in->role, PRF_PERSON_ROLE, &pp.role);
	if (rc == PLAN_OK)
		rc = opt_text(c, in->contact, PRF_CONTACT, &pp.contact);
	if (rc != PLAN_OK)
		return rc;
	pp.added = c->today;
	sb_printf(&c->what, "person lagt til: %s (%s)", pp.name, pp.role);
	return stored(c, db_plan_person_add(c->db, c->p->id, &pp));
}

static int do_remove_service(struct change *c, const void *arg)
{
	const char *slug = arg;
	const struct plan *p = c->p;
	const struct plan_service *found = NULL;
	for (size_t i = 0; i < p->n_services && !found; i++)
		if (strcmp(p->services[i].slug, slug) == 0)
			found = &p->services[i];
	if (!found) {
		struct plan_refusal *r = planc_refusal(c->err, PR_NO_SERVICE);
		r->plan = p->id;
		snprintf(r->slug, sizeof r->slug, "%s", slug);
		return PLAN_REFUSED;
	}
	struct strbuf open_steps = {0};
	for (size_t i = 0; i < p->n_steps; i++)
		if (strcmp(p->steps[i].service_slug, slug) == 0 &&
		    (p->steps[i].status == STEP_PLANNED || p->steps[i].status == STEP_ONGOING))
			sb_printf(&open_steps, "%s%d", open_steps.len ? ", " : "", p->steps[i].no);
	if (open_steps.len) {
		struct plan_refusal *r = refused_field(c, PR_SERVICE_OPEN_STEPS, PRF_NONE);
		PLANC_SET(r->slug, slug);
		PLANC_SET(r->list, sb_str(&open_steps));
		sb_free(&open_steps);
		return PLAN_REFUSED;
	}
	sb_printf(&c->what, "tjeneste fjernet: %s (%s)", found->name, slug);
	snprintf(c->item, sizeof c->item, "tjeneste %.30s", slug);
	sb_printf(&c->old, "%s (%s)%s%s", found->name, slug, *found->role ? ", rolle: " : "", found->role);
	sb_puts(&c->new, "(fjernet)");
	return stored(c, db_plan_service_remove(c->db, p->id, slug));
}

int plan_remove_service(struct db *db, long id, const char *slug, struct strbuf *err)
{
	return change(db, id, NEED_HOLDER, "tjeneste-ut", do_remove_service, slug ? slug : "", err);
}

static int do_remove_person(struct change *c, const void *arg)
{
	const char *name = arg;
	const struct plan *p = c->p;
	for (size_t i = 0; i < p->n_people; i++)
		if (strcmp(p->people[i].name, name) == 0) {
			sb_printf(&c->what, "person fjernet: %s (%s)", name, p->people[i].role);
			snprintf(c->item, sizeof c->item, "person");
			sb_printf(&c->old, "%s (%s)%s%s", name, p->people[i].role,
				  *p->people[i].contact ? ", " : "", p->people[i].contact);
			sb_puts(&c->new, "(fjernet)");
			return stored(c, db_plan_person_remove(c->db, p->id, name));
		}
	/* the name may be personal data: not repeated in the message */
	planc_refusal(c->err, PR_NO_PERSON)->plan = p->id;
	return PLAN_REFUSED;
}

int plan_remove_person(struct db *db, long id, const char *name, struct strbuf *err)
{
	return change(db, id, NEED_HOLDER, "person-ut", do_remove_person, name ? name : "", err);
}

int plan_add_person(struct db *db, long id, const char *name, const char *role,
		    const char *contact, struct strbuf *err)
{
	struct person_arg a = {name, role, contact};
	return change(db, id, NEED_HOLDER, "person-inn", do_person, &a, err);
}

/* --- goals --------------------------------------------------------------- */

struct goal_arg {
	const char *text;
	int no, status;
	int *out_no;
};

static int do_goal(struct change *c, const void *arg)
{
	const struct goal_arg *in = arg;
	struct plan *p = c->p;
	struct plan_goal g = {0};
	int rc = text_arg(c, in->text, PRF_GOAL, &g.text);
	if (rc != PLAN_OK)
		return rc;
	g.no = p->n_goals ? p->goals[p->n_goals - 1].no + 1 : 1;
	g.status = GOAL_ACTIVE;
	g.created = c->today;
	sb_printf(&c->what, "mål %d lagt til: %s", g.no, g.text);
	if (in->out_no)
		*in->out_no = g.no;
	return stored(c, db_plan_goal_add(c->db, p->id, &g));
}

int plan_add_goal(struct db *db, long id, const char *text, int *no, struct strbuf *err)
{
	struct goal_arg a = {text, 0, 0, no};
	return change(db, id, NEED_WRITE, "mal-nytt", do_goal, &a, err);
}

struct needs_arg {
	const char *const *codes;
	size_t n;
};

static int do_needs(struct change *c, const void *arg)
{
	const struct needs_arg *in = arg;
	struct need *all;
	size_t n_all;
	if (db_needs_load(c->db, &all, &n_all) != 0)
		return storage(c->db, c->err);
	struct strvec codes = {0};
	int rc = PLAN_OK;
	/* in need order, each once; an unknown code names the valid ones */
	for (size_t k = 0; k < in->n && rc == PLAN_OK; k++) {
		int found = 0;
		for (size_t i = 0; i < n_all; i++)
			found |= strcmp(all[i].code, in->codes[k]) == 0;
		if (!found) {
			struct strbuf valid = {0};
			for (size_t i = 0; i < n_all; i++)
				sb_printf(&valid, "%s%s", i ? ", " : "", all[i].code);
			struct plan_refusal *r = refused_field(c, PR_BAD_NEED, PRF_NONE);
			PLANC_SET(r->value, in->codes[k]);
			PLANC_SET(r->list, sb_str(&valid));
			rc = PLAN_REFUSED;
			sb_free(&valid);
		}
	}
	for (size_t i = 0; i < n_all && rc == PLAN_OK; i++)
		for (size_t k = 0; k < in->n; k++)
			if (strcmp(all[i].code, in->codes[k]) == 0) {
				sv_push(&codes, all[i].code);
				break;
			}
	if (rc == PLAN_OK) {
		char *list = sv_join(&codes, ", ");
		sb_printf(&c->what, "behov: %s", codes.n ? list : "ingen");
		char *before = sv_join(&c->p->needs, ", ");
		snprintf(c->item, sizeof c->item, "behov");
		sb_puts(&c->old, c->p->needs.n ? before : "ingen");
		sb_puts(&c->new, codes.n ? list : "ingen");
		free(before);
		free(list);
		rc = stored(c, db_plan_needs_set(c->db, c->p->id, &codes));
	}
	sv_free(&codes);
	for (size_t i = 0; i < n_all; i++) {
		free(all[i].code);
		free(all[i].label);
		free(all[i].description);
	}
	free(all);
	return rc;
}

int plan_set_needs(struct db *db, long id, const char *const *codes, size_t n, struct strbuf *err)
{
	struct needs_arg a = {codes, n};
	return change(db, id, NEED_WRITE, "behov", do_needs, &a, err);
}

struct goal_change_arg {
	int no;
	const struct plan_goal_change *ch;
};

/* One change to a goal: its status, its wording or both, in one audit
 * row that holds the old and the new value of what changed. */
static int do_goal_change(struct change *c, const void *arg)
{
	const struct goal_change_arg *a = arg;
	const struct plan_goal_change *ch = a->ch;
	const struct plan *p = c->p;
	const struct plan_goal *g = NULL;
	for (size_t i = 0; i < p->n_goals && !g; i++)
		if (p->goals[i].no == a->no)
			g = &p->goals[i];
	if (!g) {
		struct plan_refusal *r = planc_refusal(c->err, PR_NO_GOAL);
		r->plan = p->id;
		r->no = a->no;
		return PLAN_REFUSED;
	}
	snprintf(c->item, sizeof c->item, "mål %d", g->no);
	int rc = version_ok(c, PRI_GOAL, g->no, g->version);
	if (rc != PLAN_OK)
		return rc;
	if (ch->status >= plan_vocab_count(VOCAB_GOAL))
		return bad_choice(c, PRF_GOAL_STATUS, VOCAB_GOAL);
	char *text = NULL;
	if (ch->text && (rc = text_arg(c, ch->text, PRF_GOAL, &text)) != PLAN_OK)
		return rc;
	int new_status = ch->status >= 0 && ch->status != (int)g->status;
	int new_text = text && strcmp(g->text, text) != 0;
	if (!new_status && !new_text) {
		struct plan_refusal *r = refused_field(c, text && ch->status < 0 ? PR_GOAL_SAME_TEXT
						      : ch->status >= 0 && !text ? PR_GOAL_SAME_STATUS
						      : PR_GOAL_NO_CHANGE, PRF_NONE);
		r->no = g->no;
		r->status = ch->status;
		return PLAN_REFUSED;
	}
	c->action = new_status && new_text ? "mal" : new_text ? "mal-tekst" : "mal-status";
	sb_printf(&c->what, "mål %d:", g->no);
	if (new_status) {
		sb_printf(&c->what, " %s → %s;", plan_label(VOCAB_GOAL, (int)g->status),
			  plan_label(VOCAB_GOAL, ch->status));
		sb_printf(&c->old, "status: %s\n", plan_label(VOCAB_GOAL, (int)g->status));
		sb_printf(&c->new, "status: %s\n", plan_label(VOCAB_GOAL, ch->status));
		if (db_plan_goal_status(c->db, p->id, g->no, (enum plan_goal_status)ch->status) != 0)
			return storage(c->db, c->err);
	}
	if (new_text) {
		sb_printf(&c->what, " «%s» → «%s»;", g->text, text);
		sb_printf(&c->old, "tekst: %s\n", g->text);
		sb_printf(&c->new, "tekst: %s\n", text);
		if (db_plan_goal_text(c->db, p->id, g->no, text) != 0)
			return storage(c->db, c->err);
	}
	c->what.buf[--c->what.len] = '\0';  /* the last ';' */
	return PLAN_OK;
}

int plan_update_goal(struct db *db, long id, int no, const struct plan_goal_change *ch, struct strbuf *err)
{
	struct goal_change_arg a = {no, ch};
	return change_at(db, id, NEED_WRITE, "mal", do_goal_change, &a, 1, err);
}

int plan_set_goal_text(struct db *db, long id, int no, const char *text, struct strbuf *err)
{
	struct plan_goal_change ch = {-1, text ? text : ""};
	return plan_update_goal(db, id, no, &ch, err);
}

int plan_set_goal_status(struct db *db, long id, int no, enum plan_goal_status status,
			 struct strbuf *err)
{
	if ((int)status < 0) {
		struct plan_refusal *r = planc_refusal(err, PR_BAD_CHOICE);
		r->plan = id;
		r->field = PRF_GOAL_STATUS;
		struct strbuf v = {0};
		plan_choices(&v, VOCAB_GOAL);
		PLANC_SET(r->list, sb_str(&v));
		sb_free(&v);
		return PLAN_REFUSED;
	}
	struct plan_goal_change ch = {(int)status, NULL};
	return plan_update_goal(db, id, no, &ch, err);
}

/* --- steps ----------------------------------------------------------------- */

static const struct plan_step *find_step(const struct plan *p, int no)
{
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].no == no)
			return &p->steps[i];
	return NULL;
}

static int no_step(struct change *c, int no)
{
	struct plan_refusal *r = planc_refusal(c->err, PR_NO_STEP);
	r->plan = c->p->id;
	r->no = no;
	return PLAN_REFUSED;
}

struct step_arg {
	const struct plan_step_input *in;
	int *out_no;
};

/* Check and insert step no from in (its audit text is appended to what). */
static int insert_step(struct change *c, const struct plan_step_input *in, int no, struct strbuf *what)
{
	struct plan *p = c->p;
	struct plan_step s = {0};
	s.service_slug = s.service_name = s.evaluate = s.evaluation = "";
	int rc = text_arg(c, in->what, PRF_STEP_WHAT, &s.what);
	if (rc == PLAN_OK)
		rc = name_arg(c, in->who, PRF_STEP_WHO, &s.who);
	if (rc == PLAN_OK && str_empty(in->due))
		refused_field(c, PR_DUE_MISSING, PRF_DUE), rc = PLAN_REFUSED;
	if (rc == PLAN_OK)
		rc = date_arg(c, in->due, PRF_DUE, &s.due);
	if (rc == PLAN_OK && !str_empty(in->evaluate))
		rc = date_arg(c, in->evaluate, PRF_EVALUATE, &s.evaluate);
	if (rc == PLAN_OK && !str_empty(in->service)) {
		for (size_t i = 0; i < p->n_services && !*s.service_slug; i++)
			if (strcmp(p->services[i].slug, in->service) == 0) {
				s.service_slug = p->services[i].slug;
				s.service_name = p->services[i].name;
			}
		if (!*s.service_slug) {
			struct plan_refusal *r = planc_refusal(c->err, PR_STEP_SERVICE);
			r->plan = p->id;
			snprintf(r->slug, sizeof r->slug, "%s", in->service);
			rc = PLAN_REFUSED;
		}
		if (rc == PLAN_OK && !plan_consent_covers(p, s.service_slug, c->today)) {
			const struct plan_consent *last;
			enum plan_consent_state st = plan_consent_state(p, c->today, &last);
			struct plan_refusal *r = refused_field(c, PR_STEP_NO_CONSENT, PRF_NONE);
			PLANC_SET(r->slug, s.service_slug);
			consent_when(r, st, last);
			rc = PLAN_REFUSED;
		}
	}
	if (rc != PLAN_OK)
		return rc;
	s.no = no;
	s.status = STEP_PLANNED;
	s.created = c->today;
	sb_printf(what, "steg %d lagt til: %s (ansvarlig: %s, frist %s", s.no, s.what, s.who, s.due);
	if (*s.evaluate)
		sb_printf(what, ", evaluering %s", s.evaluate);
	if (*s.service_slug)
		sb_printf(what, ", tjeneste %s", s.service_slug);
	sb_putc(what, ')');
	return stored(c, db_plan_step_add(c->db, p->id, &s));
}

/* The number the next new step gets. */
static int next_step_no(const struct plan *p) { return p->n_steps ? p->steps[p->n_steps - 1].no + 1 : 1; }

static int do_step(struct change *c, const void *arg)
{
	const struct step_arg *a = arg;
	int no = next_step_no(c->p);
	if (a->out_no)
		*a->out_no = no;
	return insert_step(c, a->in, no, &c->what);
}

int plan_add_step(struct db *db, long id, const struct plan_step_input *in, int *no, struct strbuf *err)
{
	struct step_arg a = {in, no};
	return change(db, id, NEED_WRITE, "steg-nytt", do_step, &a, err);
}

struct step_change_arg {
	int no;
	const struct plan_step_change *ch;
};

static int do_step_change(struct change *c, const void *arg)
{
	const struct step_change_arg *a = arg;
	const struct plan_step_change *ch = a->ch;
	const struct plan_step *old = find_step(c->p, a->no);
	if (!old)
		return no_step(c, a->no);
	struct plan_step s = *old;
	snprintf(c->item, sizeof c->item, "steg %d", s.no);
	int rc = version_ok(c, PRI_STEP, s.no, old->version);
	if (rc != PLAN_OK)
		return rc;
	sb_printf(&c->what, "steg %d:", s.no);
	size_t start = c->what.len;
	if (ch->status >= 0) {
		if (ch->status >= plan_vocab_count(VOCAB_STEP))
			return bad_choice(c, PRF_STEP_STATUS, VOCAB_STEP);
		s.status = (enum plan_step_status)ch->status;
		if (s.status != old->status) {
			sb_printf(&c->what, " status %s → %s;", plan_label(VOCAB_STEP, (int)old->status),
				  plan_label(VOCAB_STEP, ch->status));
			sb_printf(&c->old, "status: %s\n", plan_label(VOCAB_STEP, (int)old->status));
			sb_printf(&c->new, "status: %s\n", plan_label(VOCAB_STEP, ch->status));
		}
	}
	if (ch->due && (rc = date_arg(c, ch->due, PRF_DUE, &s.due)) == PLAN_OK && strcmp(s.due, old->due)) {
		sb_printf(&c->what, " frist %s → %s;", old->due, s.due);
		sb_printf(&c->old, "frist: %s\n", old->due);
		sb_printf(&c->new, "frist: %s\n", s.due);
	}
	if (rc == PLAN_OK && ch->evaluate &&
	    (rc = date_arg(c, ch->evaluate, PRF_EVALUATE, &s.evaluate)) == PLAN_OK &&
	    strcmp(s.evaluate, old->evaluate)) {
		sb_printf(&c->what, " evalueringsdato %s → %s;", *old->evaluate ? old->evaluate : "ingen", s.evaluate);
		sb_printf(&c->old, "evalueringsdato: %s\n", old->evaluate);
		sb_printf(&c->new, "evalueringsdato: %s\n", s.evaluate);
	}
	if (rc == PLAN_OK && ch->evaluation &&
	    (rc = text_arg(c, ch->evaluation, PRF_EVALUATION, &s.evaluation)) == PLAN_OK &&
	    strcmp(s.evaluation, old->evaluation)) {
		sb_printf(&c->what, " evaluering: %s;", s.evaluation);
		sb_printf(&c->old, "evaluering: %s\n", old->evaluation);
		sb_printf(&c->new, "evaluering: %s\n", s.evaluation);
	}
	if (rc == PLAN_OK && ch->what && (rc = text_arg(c, ch->what, PRF_STEP_WHAT, &s.what)) == PLAN_OK &&
	    strcmp(s.what, old->what)) {
		sb_printf(&c->what, " «%s» → «%s»;", old->what, s.what);
		sb_printf(&c->old, "steg: %s\n", old->what);
		sb_printf(&c->new, "steg: %s\n", s.what);
	}
	if (rc == PLAN_OK && ch->who && (rc = name_arg(c, ch->who, PRF_STEP_WHO, &s.who)) == PLAN_OK &&
	    strcmp(s.who, old->who)) {
		sb_printf(&c->what, " ansvarlig %s → %s;", old->who, s.who);
		sb_printf(&c->old, "ansvarlig: %s\n", old->who);
		sb_printf(&c->new, "ansvarlig: %s\n", s.who);
	}
	if (rc != PLAN_OK)
		return rc;
	if (c->what.len == start) {
		refused_field(c, PR_STEP_NO_CHANGE, PRF_NONE)->no = s.no;
		return PLAN_REFUSED;
	}
	c->what.buf[--c->what.len] = '\0';  /* the last ';' */
	return stored(c, db_plan_step_update(c->db, c->p->id, &s));
}

int plan_update_step(struct db *db, long id, int no, const struct plan_step_change *ch,
		     struct strbuf *err)
{
	struct step_change_arg a = {no, ch};
	return change_at(db, id, NEED_WRITE, "steg", do_step_change, &a, 1, err);
}

/* --- meetings ---------------------------------------------------------- */

struct meeting_arg {
	const struct plan_meeting_input *in;
	int *out_no;
};

static int do_meeting(struct change *c, const void *arg)
{
	const struct meeting_arg *a = arg;
	const struct plan_meeting_input *in = a->in;
	struct plan *p = c->p;
	struct plan_meeting m = {0};
	int rc = date_arg(c, in->date, PRF_MEETING_DATE, &m.date);
	if (rc == PLAN_OK)
		rc = text_arg(c, in->notes, PRF_NOTES, &m.notes);
	if (rc == PLAN_OK)
		rc = opt_text(c, in->attended, PRF_ATTENDED, &m.attended);
	/* minutes say who was there: "" or ", ," names nobody */
	if (rc == PLAN_OK && strspn(m.attended, " ,;") == strlen(m.attended))
		refused_field(c, PR_ATTENDED_MISSING, PRF_ATTENDED), rc = PLAN_REFUSED;
	int *steps = xcalloc(in->n_steps + in->n_new_steps + 1, sizeof *steps);
	for (size_t i = 0; rc == PLAN_OK && i < in->n_steps; i++) {
		int dup = 0;
		for (size_t k = 0; k < m.n_steps; k++)
			dup |= steps[k] == in->steps[i];
		if (!find_step(p, in->steps[i]))
			rc = no_step(c, in->steps[i]);
		else if (!dup)
			steps[m.n_steps++] = in->steps[i];
	}
	/* the steps agreed in the meeting are made with it: one transaction */
	struct strbuf made = {0};
	int no = next_step_no(p);
	for (size_t i = 0; rc == PLAN_OK && i < in->n_new_steps; i++, no++) {
		sb_puts(&made, "; ");
		rc = insert_step(c, &in->new_steps[i], no, &made);
		if (rc == PLAN_OK)
			steps[m.n_steps++] = no;
		else if (rc == PLAN_REFUSED)
			planc_refusal_last()->meeting_step = (int)i + 1;
	}
	if (rc == PLAN_OK) {
		m.steps = steps;
		m.no = p->n_meetings ? p->meetings[p->n_meetings - 1].no + 1 : 1;
		sb_printf(&c->what, "møte %d %s: %s", m.no, m.date, m.notes);
		if (*m.attended)
			sb_printf(&c->what, " (til stede: %s)", m.attended);
		for (size_t i = 0; i < m.n_steps; i++)
			sb_printf(&c->what, "%s%d", i ? ", " : " (avtalte steg: ", steps[i]);
		if (m.n_steps)
			sb_putc(&c->what, ')');
		sb_add(&c->what, made.buf, made.len);
		if (a->out_no)
			*a->out_no = m.no;
		rc = stored(c, db_plan_meeting_add(c->db, p->id, &m));
	}
	sb_free(&made);
	free(steps);
	return rc;
}

int plan_add_meeting(struct db *db, long id, const struct plan_meeting_input *in, int *no,
		     struct strbuf *err)
{
	struct meeting_arg a = {in, no};
	return change(db, id, NEED_WRITE, "mote", do_meeting, &a, err);
}

/* --- hand-over ---------------------------------------------------------- */

struct handover_arg {
	const char *to, *service, *date;
};

static int do_handover(struct change *c, const void *arg)
{
	const struct handover_arg *in = arg;
	struct plan *p = c->p;
	struct plan_holder h = {0};
	h.accepted = "";
	h.state = HANDOVER_PROPOSED;
	int rc = text_arg(c, in->to, PRF_HANDOVER_TO, &h.login);
	if (rc == PLAN_OK && !ident_login_valid(h.login))
		refused_field(c, PR_BAD_LOGIN, PRF_HANDOVER_TO), rc = PLAN_REFUSED;
	if (rc == PLAN_OK)
		rc = name_arg(c, in->service, PRF_HANDOVER_SERVICE, &h.service);
	if (rc == PLAN_OK)
		rc = date_arg(c, in->date, PRF_DATE, &h.proposed);
	if (rc != PLAN_OK)
		return rc;
	h.name = plan_keep(p, access_display_name(c->db, h.login));
	const struct plan_holder *cur = plan_holder(p), *pending = plan_proposed(p);
	if (plan_role_of(p, h.login) == ROLE_HOLDER) {
		PLANC_SET(refused_field(c, PR_ALREADY_HOLDER, PRF_HANDOVER_TO)->login, h.login);
		return PLAN_REFUSED;
	}
	if (rc == PLAN_OK && pending) {
		rc = stored(c, db_plan_holder_set(c->db, pending->id, HANDOVER_REPLACED, NULL));
		sb_printf(&c->what, "forslaget om %s erstattes; ", pending->name);
	}
	if (rc != PLAN_OK)
		return rc;
	sb_printf(&c->what, "stafettpinnen foreslått overført %s til %s [%s] (%s); %s beholder den til "
		  "overføringen er akseptert", h.proposed, h.name, h.login, h.service, cur ? cur->name : "ingen");
	snprintf(c->item, sizeof c->item, "forslag til stafettholder");
	if (pending)
		sb_printf(&c->old, "%s [%s] (%s)", pending->name, pending->login ? pending->login : "",
			  pending->service);
	sb_printf(&c->new, "%s [%s] (%s)", h.name, h.login, h.service);
	return stored(c, db_plan_holder_add(c->db, p->id, &h));
}

int plan_handover(struct db *db, long id, const char *to, const char *service, const char *date,
		  struct strbuf *err)
{
	struct handover_arg a = {to, service, date};
	return change(db, id, NEED_HOLDER, "overforing", do_handover, &a, err);
}

static int do_accept(struct change *c, const void *arg)
{
	struct plan *p = c->p;
	const struct plan_holder *pending = plan_proposed(p), *cur = plan_holder(p);
	if (!pending)
		return refused_in(c, PR_NO_PROPOSAL);
	char *date;
	int rc = date_arg(c, arg, PRF_DATE, &date);
	if (rc == PLAN_OK && strcmp(date, pending->proposed) < 0)
		rc = dates_refused(c, PR_ACCEPT_BEFORE, PRF_DATE, date, pending->proposed);
	if (rc != PLAN_OK)
		return rc;
	sb_printf(&c->what, "%s [%s] aksepterte stafettpinnen %s (%s) etter %s", pending->name,
		  pending->login, date, pending->service, cur ? cur->name : "ingen");
	snprintf(c->item, sizeof c->item, "stafettholder");
	sb_printf(&c->old, "%s (%s)", cur ? cur->name : "ingen", cur ? cur->service : "");
	sb_printf(&c->new, "%s (%s)", pending->name, pending->service);
	/* the baton moves: the old holder keeps reading, the new one holds;
	 * the proposal is marked accepted last, since on PostgreSQL a login
	 * who is not yet a member sees the plan only through it */
	for (size_t i = 0; rc == PLAN_OK && i < p->n_members; i++)
		if (p->members[i].role == ROLE_HOLDER)
			rc = stored(c, db_member_set(c->db, p->id, p->members[i].login,
						     plan_code(VOCAB_ROLE, ROLE_READER), ""));
	if (rc == PLAN_OK && plan_member_find(p, pending->login))
		rc = stored(c, db_member_set(c->db, p->id, pending->login, plan_code(VOCAB_ROLE, ROLE_HOLDER), ""));
	else if (rc == PLAN_OK)
		rc = stored(c, db_member_add(c->db, p->id, pending->login, plan_code(VOCAB_ROLE, ROLE_HOLDER), "",
					     date));
	if (rc == PLAN_OK)
		rc = stored(c, db_plan_holder_set(c->db, pending->id, HANDOVER_ACCEPTED, date));
	return rc;
}

int plan_accept(struct db *db, long id, const char *date, struct strbuf *err)
{
	return change(db, id, NEED_ACCEPT, "akseptert", do_accept, date, err);
}

/* --- closing ------------------------------------------------------------- */

size_t plan_open_steps(const struct plan *p, struct strbuf *sb)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].status == STEP_PLANNED || p->steps[i].status == STEP_ONGOING)
			sb_printf(sb, "%s%d", n++ ? ", " : "", p->steps[i].no);
	return n;
}

static int do_close(struct change *c, const void *arg)
{
	const struct plan_close_input *in = arg;
	if ((int)in->reason < 0 || (int)in->reason >= plan_vocab_count(VOCAB_CLOSE))
		return bad_choice(c, PRF_CLOSE_REASON, VOCAB_CLOSE);
	char *date, *why = "", *summary = "";
	int rc = date_arg(c, in->date, PRF_DATE, &date);
	if (rc == PLAN_OK && strcmp(date, c->p->created) < 0)
		rc = dates_refused(c, PR_CLOSE_BEFORE, PRF_DATE, date, c->p->created);
	if (rc == PLAN_OK && in->reason == CLOSE_OTHER && str_empty(in->why))
		refused_field(c, PR_CLOSE_WHY, PRF_CLOSE_WHY), rc = PLAN_REFUSED;
	if (rc == PLAN_OK && !str_empty(in->why))
		rc = text_arg(c, in->why, PRF_CLOSE_WHY, &why);
	if (rc == PLAN_OK && !str_empty(in->summary))
		rc = text_arg(c, in->summary, PRF_SUMMARY, &summary);
	struct strbuf open = {0};
	size_t n_open = plan_open_steps(c->p, &open);
	if (rc == PLAN_OK && n_open && !in->force) {
		struct plan_refusal *r = refused_field(c, PR_OPEN_STEPS, PRF_NONE);
		r->count = (int)n_open;
		PLANC_SET(r->list, sb_str(&open));
		rc = PLAN_REFUSED;
	}
	sb_free(&open);
	if (rc != PLAN_OK)
		return rc;
	sb_printf(&c->what, "plan avsluttet %s: %s", date, plan_label(VOCAB_CLOSE, (int)in->reason));
	if (*why)
		sb_printf(&c->what, " (%s)", why);
	if (n_open)
		sb_printf(&c->what, "; %zu tiltak var fortsatt åpne", n_open);
	if (*summary)
		sb_printf(&c->what, "; oppsummering: %s", summary);
	sb_puts(&c->old, "åpen");
	sb_printf(&c->new, "avsluttet %s: %s", date, plan_label(VOCAB_CLOSE, (int)in->reason));
	return stored(c, db_plan_close(c->db, c->p->id, date, in->reason, why, summary));
}

int plan_close_with(struct db *db, long id, const struct plan_close_input *in, struct strbuf *err)
{
	return change(db, id, NEED_HOLDER, "avsluttet", do_close, in, err);
}

int plan_close(struct db *db, long id, enum plan_close_reason reason, const char *date,
	       struct strbuf *err)
{
	struct plan_close_input in = {reason, NULL, NULL, date, 0};
	return plan_close_with(db, id, &in, err);
}

/* --- for the other change files (plan_internal.h) ------------------------- */

int planc_change(struct db *db, long id, int need, const char *action, change_fn fn, const void *arg,
		 struct strbuf *err)
{
	return change(db, id, need, action, fn, arg, err);
}

int planc_stored(struct change *c, int rc) { return stored(c, rc); }
int planc_text(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	return text_arg(c, in, field, out);
}
int planc_opt_text(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	return opt_text(c, in, field, out);
}
int planc_date(struct change *c, const char *in, enum plan_refusal_field field, char **out)
{
	return date_arg(c, in, field, out);
}
