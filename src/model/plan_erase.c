/* plan_erase.c - erasing a closed plan (GDPR art. 17) and the retention
 * run over plans closed before a date. The personal content goes in one
 * transaction (db_plan_erase), the audit row of the erasure itself holds
 * no personal data, and then the WAL is checkpointed and truncated and any
 * full-text index optimised (db_scrub), with secure_delete on, so no copy
 * lingers in the database file or its -wal. */
#include "trapp/plan.h"
#include "trapp/access.h"
#include "trapp/db.h"
#include "trapp/db_access.h"
#include "trapp/db_plan.h"
#include "trapp/ident.h"
#include "plan_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The audit action of closing (plan_change.c): an archive export counts
 * from that moment. */
#define CLOSE_ACTION "avsluttet"

struct erase_arg {
	int no_archive;
	const char *why;
	int *archived;           /* out, optional */
};

static int do_erase(struct change *c, const void *arg)
{
	const struct erase_arg *in = arg;
	struct plan *p = c->p;
	if (!p->closed[0])
		return planc_refuse(c->err, PR_ERASE_OPEN, p->id);
	int archived = db_audit_after(c->db, p->id, PLAN_ARCHIVE_ACTION, CLOSE_ACTION);
	if (archived < 0)
		return planc_stored(c, -1);
	if (in->archived)
		*in->archived = archived;
	char *why = "";
	if (!archived && !in->no_archive)
		return planc_refuse(c->err, PR_ERASE_NO_ARCHIVE, p->id);
	if (in->no_archive && !archived) {
		int rc = planc_text(c, in->why, PRF_ERASE_WHY, &why);
		if (rc != PLAN_OK)
			return rc;
	}
	if (archived)
		sb_printf(&c->what, "plan slettet (avsluttet %s, skrevet ut for arkivet)", p->closed);
	else
		sb_printf(&c->what, "plan slettet uten arkivutskrift (avsluttet %s); begrunnelse: %s", p->closed, why);
	return planc_stored(c, db_plan_erase(c->db, p->id, c->today));
}

/* After the erasing transaction: no copy left in the WAL or an index.
 * A failure is PLAN_FAIL with the code PR_SCRUB (the plan is erased). */
static int scrub(struct db *db, long id, struct strbuf *err)
{
	if (db_scrub(db) == 0)
		return PLAN_OK;
	struct plan_refusal *r = planc_refusal(err, PR_SCRUB);
	r->plan = id;
	PLANC_SET(r->detail, db_error(db));
	return PLAN_FAIL;
}

int plan_delete(struct db *db, long id, int no_archive, const char *why, struct strbuf *err)
{
	struct erase_arg a = {no_archive, why, NULL};
	int rc = planc_change(db, id, NEED_HOLDER_CLOSED, "slettet", do_erase, &a, err);
	return rc == PLAN_OK ? scrub(db, id, err) : rc;
}

int plan_retention(struct db *db, const char *before, int dry_run, int no_archive, const char *why,
		   struct plan_retention_item **out, size_t *n, struct strbuf *err)
{
	*out = NULL;
	*n = 0;
	planc_refusal_clear();
	if (!plan_date_valid(before)) {
		struct plan_refusal *r = planc_refusal(err, PR_BAD_DATE);
		r->field = PRF_CLOSED_BEFORE;
		PLANC_SET(r->value, before);
		return PLAN_REFUSED;
	}
	int admin = access_is_admin(db, ident_login());
	long *ids;
	size_t n_ids;
	if (admin < 0 || db_plans_closed_before(db, before, &ids, &n_ids) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	int rc = PLAN_OK, erased = 0;
	for (size_t i = 0; i < n_ids && rc != PLAN_FAIL; i++) {
		struct plan p;
		if (db_plan_load(db, ids[i], &p) != 0) {
			sb_puts(err, db_error(db));
			rc = PLAN_FAIL;
			plan_free(&p);
			break;
		}
		int mine = plan_role_of(&p, ident_login()) == ROLE_HOLDER;
		if (!mine && !admin) {
			plan_free(&p);
			continue;  /* not the login's to erase: not even listed */
		}
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		struct plan_retention_item *it = &(*out)[(*n)++];
		memset(it, 0, sizeof *it);
		it->id = ids[i];
		snprintf(it->closed, sizeof it->closed, "%s", p.closed);
		int a = db_audit_after(db, ids[i], PLAN_ARCHIVE_ACTION, CLOSE_ACTION);
		it->archived = a > 0;
		plan_free(&p);
		if (dry_run)
			continue;
		struct strbuf e = {0};
		struct erase_arg ea = {no_archive, why, NULL};
		int one = planc_change(db, ids[i], NEED_RETENTION, "slettet", do_erase, &ea, &e);
		if (one == PLAN_OK)
			it->erased = 1, erased++;
		else if (one == PLAN_FAIL)
			rc = PLAN_FAIL, sb_puts(err, sb_str(&e));
		else
			it->refusal = *plan_refusal();
		sb_free(&e);
	}
	free(ids);
	if (rc == PLAN_OK && erased)
		rc = scrub(db, 0, err);
	return rc;
}

void plan_retention_free(struct plan_retention_item *v, size_t n)
{
	(void)n;  /* the items own nothing */
	free(v);
}
