/* plan_refusal.c - the last coded refusal of the plan model (see
 * plan_refusal.h): set by the rules in plan_change.c, access.c and the
 * other change files, read by the front ends, which phrase it. Holds no
 * words for the user. */
#include "trapp/plan_refusal.h"
#include "plan_internal.h"

#include <string.h>

static struct plan_refusal last;

const struct plan_refusal *plan_refusal(void) { return &last; }

struct plan_refusal *planc_refusal_last(void) { return &last; }

struct plan_refusal *planc_refusal(struct strbuf *err, enum plan_refusal_code code)
{
	memset(&last, 0, sizeof last);
	last.code = code;
	if (err)
		sb_reset(err);
	return &last;
}

int planc_refuse(struct strbuf *err, enum plan_refusal_code code, long plan)
{
	planc_refusal(err, code)->plan = plan;
	return PLAN_REFUSED;
}

void planc_refusal_clear(void) { memset(&last, 0, sizeof last); }
