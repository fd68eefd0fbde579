/* plan_refusal.c - the last coded refusal of the plan model (see
 * plan_refusal.h): set by the rules in plan_change.c, access.c and the
 * other change files, read by the front ends, which phrase it; and the
 * group each code belongs to, by which the front ends route it. Holds no
 * words for the user. */
#include "trapp/plan_refusal.h"
#include "plan_internal.h"

#include <string.h>

static struct plan_refusal last;

const struct plan_refusal *plan_refusal(void) { return &last; }

enum plan_refusal_group plan_refusal_group(enum plan_refusal_code code)
{
	switch (code) {
	case PR_NONE: case PR_CODE_COUNT:
		return PRG_NONE;
	case PR_STALE: case PR_NO_GOAL: case PR_NO_STEP: case PR_NO_PERSON: case PR_NO_PROPOSAL:
	case PR_GOAL_SAME_TEXT: case PR_GOAL_SAME_STATUS: case PR_GOAL_NO_CHANGE: case PR_STEP_NO_CHANGE:
	case PR_ALREADY_HOLDER: case PR_ACCEPT_BEFORE: case PR_CLOSE_BEFORE: case PR_CLOSE_WHY:
	case PR_OPEN_STEPS: case PR_FIX_NONE: case PR_FIX_WHICH: case PR_FIX_NO_ITEM: case PR_FIX_SAME:
	case PR_ERASE_OPEN: case PR_ERASE_NO_ARCHIVE: case PR_SCRUB:
		return PRG_PLAN;
	case PR_ADMIN_ONLY: case PR_LAST_ADMIN: case PR_NO_PLAN: case PR_NO_ACCESS: case PR_ADMIN_NOT_MEMBER:
	case PR_READ_ONLY: case PR_LOG_ONLY: case PR_ACCEPT_OTHER: case PR_HOLDER_ONLY: case PR_BAD_ROLE:
	case PR_ACTOR_SERVICE: case PR_MEMBER_IS_HOLDER: case PR_ALREADY_MEMBER: case PR_NOT_MEMBER:
	case PR_REMOVE_HOLDER: case PR_BAD_LOGIN:
		return PRG_ACCESS;
	case PR_TEXT_MISSING: case PR_TEXT_UTF8: case PR_TEXT_CONTROL: case PR_TEXT_LONG: case PR_BAD_DATE:
	case PR_FUTURE_DATE: case PR_DUE_MISSING: case PR_ATTENDED_MISSING: case PR_BAD_BORN: case PR_BAD_CHOICE:
	case PR_BAD_NEED: case PR_BAD_LEVEL: case PR_CLOSED: case PR_BAD_CONSENT_AGE:
		return PRG_VALUE;
	case PR_NO_SERVICE: case PR_STEP_SERVICE: case PR_UNKNOWN_SERVICE: case PR_SERVICE_MISSING:
	case PR_CONSENT_EMPTY: case PR_NO_CONSENT: case PR_LEVEL_BELOW_2: case PR_UNKNOWN_KOMMUNE:
	case PR_SAME_LEVEL: case PR_LEVEL_NO_CONSENT: case PR_YOUTH_AGE: case PR_YOUTH_GUARDIANS:
	case PR_EXPIRES_BEFORE: case PR_NOTHING_TO_WITHDRAW: case PR_ALREADY_SERVICE:
	case PR_SERVICE_OPEN_STEPS: case PR_STEP_NO_CONSENT:
		return PRG_CONSENT;
	}
	return PRG_NONE;  /* a value outside the enum */
}

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
