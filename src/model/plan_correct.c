/* plan_correct.c - correcting a value (GDPR art. 16): a concern's text,
 * the child's name, birth date and unit, a person's name, role and
 * contact. The stafettholder corrects an open plan with a reason; the
 * audit row keeps the old value, the new one and why (who and when are on
 * every audit row), and a mark without values lets screens say "rettet". */
#include "trapp/plan.h"
#include "trapp/db_access.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code, *label, *column;
} fixes[FIX_COUNT] = {
	[FIX_CONCERN] = {"concern", "bekymring", "concern"},
	[FIX_CHILD] = {"child", "barnets navn", "child"},
	[FIX_BORN] = {"born", "fødselsdato", "born"},
	[FIX_UNIT] = {"unit", "enhet", "unit"},
	[FIX_PERSON_NAME] = {"person-name", "personens navn", "name"},
	[FIX_PERSON_ROLE] = {"person-role", "personens rolle", "role"},
	[FIX_PERSON_CONTACT] = {"person-contact", "personens kontaktinfo", "contact"},
};

const char *plan_fix_code(enum plan_fix f) { return f < FIX_COUNT ? fixes[f].code : "?"; }
const char *plan_fix_label(enum plan_fix f) { return f < FIX_COUNT ? fixes[f].label : "?"; }

int plan_fix_parse(const char *s, struct strbuf *valid)
{
	for (int i = 0; i < FIX_COUNT; i++) {
		if (valid)
			sb_printf(valid, "%s%s", i ? ", " : "", fixes[i].code);
		if (str_eq(s, fixes[i].code))
			return i;
	}
	return -1;
}

struct fix_arg {
	enum plan_fix field;
	int item;
	const char *value, *why;
};

/* The item'th (1-based; 0 = the only one) of n things of field fix, or
 * a refusal. */
static int pick(struct change *c, int item, size_t n, enum plan_fix fix, size_t *out)
{
	enum plan_refusal_code code = !n ? PR_FIX_NONE : item == 0 && n > 1 ? PR_FIX_WHICH
				    : item < 0 || (size_t)item > n ? PR_FIX_NO_ITEM : PR_NONE;
	if (code == PR_NONE) {
		*out = item ? (size_t)item - 1 : 0;
		return PLAN_OK;
	}
	struct plan_refusal *r = planc_refusal(c->err, code);
	r->plan = c->p->id;
	r->fix = (int)fix;
	r->no = item;
	r->count = (int)n;
	return PLAN_REFUSED;
}

static int do_fix(struct change *c, const void *arg)
{
	const struct fix_arg *in = arg;
	struct plan *p = c->p;
	char *value, *why;
	int rc = planc_text(c, in->why, PRF_FIX_WHY, &why);
	if (rc != PLAN_OK)
		return rc;
	if (in->field == FIX_UNIT || in->field == FIX_PERSON_CONTACT)
		rc = planc_opt_text(c, in->value, PRF_FIX_VALUE, &value);
	else
		rc = planc_text(c, in->value, PRF_FIX_VALUE, &value);
	if (rc != PLAN_OK)
		return rc;
	int approx;
	if (in->field == FIX_BORN &&
	    ((strlen(value) != 4 && strlen(value) != 10) || plan_age(value, c->today, &approx) < 0))
		return planc_refuse(c->err, PR_BAD_BORN, p->id);
	const char *old = NULL, *label = fixes[in->field].label;
	long row = 0;
	size_t k = 0;
	int item = 0;
	switch (in->field) {
	case FIX_CHILD: old = p->child; break;
	case FIX_BORN: old = p->born; break;
	case FIX_UNIT: old = p->unit; break;
	case FIX_CONCERN:
		if ((rc = pick(c, in->item, p->n_concerns, in->field, &k)) != PLAN_OK)
			return rc;
		old = p->concerns[k].text, row = p->concerns[k].id, item = (int)k + 1;
		break;
	default:
		if ((rc = pick(c, in->item, p->n_people, in->field, &k)) != PLAN_OK)
			return rc;
		const struct plan_person *pp = &p->people[k];
		old = in->field == FIX_PERSON_NAME ? pp->name : in->field == FIX_PERSON_ROLE ? pp->role : pp->contact;
		row = pp->id, item = (int)k + 1;
	}
	if (strcmp(old, value) == 0) {
		planc_refuse(c->err, PR_FIX_SAME, p->id);
		planc_refusal_last()->fix = (int)in->field;
		return PLAN_REFUSED;
	}
	sb_printf(&c->what, "rettet %s", label);
	if (item)
		sb_printf(&c->what, " %d", item);
	sb_printf(&c->what, ": «%s» → «%s»; begrunnelse: %s", old, value, why);
	if (in->field == FIX_CHILD || in->field == FIX_BORN || in->field == FIX_UNIT)
		rc = planc_stored(c, db_plan_field_set(c->db, p->id, fixes[in->field].column, value));
	else if (in->field == FIX_CONCERN)
		rc = planc_stored(c, db_plan_concern_text_set(c->db, p->id, row, value));
	else
		rc = planc_stored(c, db_plan_person_field_set(c->db, p->id, row, fixes[in->field].column, value));
	if (rc == PLAN_OK)
		rc = planc_stored(c, db_correction_add(c->db, p->id, fixes[in->field].code, row));
	return rc;
}

int plan_correct(struct db *db, long id, enum plan_fix field, int item, const char *value, const char *why,
		 struct strbuf *err)
{
	if ((int)field < 0 || field >= FIX_COUNT) {
		struct strbuf v = {0};
		plan_fix_parse("", &v);
		struct plan_refusal *r = planc_refusal(err, PR_BAD_CHOICE);
		r->plan = id;
		r->field = PRF_FIX;
		PLANC_SET(r->list, sb_str(&v));
		sb_free(&v);
		return PLAN_REFUSED;
	}
	struct fix_arg a = {field, item, value, why};
	return planc_change(db, id, NEED_HOLDER, "rettet", do_fix, &a, err);
}
