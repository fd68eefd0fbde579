/* plan_refusal.h - why the plan model said no, as a code with its
 * parameters rather than a sentence: each front end phrases it for its
 * user (the CLI names commands, the full-screen view names keys and the
 * next step). The model holds no words for the user. A call that returns
 * anything but PLAN_OK with err empty has its reason in plan_refusal();
 * a storage failure leaves the storage error in err (code PR_NONE). */
#ifndef TRAPP_PLAN_REFUSAL_H
#define TRAPP_PLAN_REFUSAL_H

#include "trapp/plan_record.h"

enum plan_refusal_code {
	PR_NONE,             /* the message is in err (a storage error) */
	PR_STALE,            /* item (no) changed by who at at: version have, the caller had expect */
	PR_NO_GOAL,          /* plan has no goal no */
	PR_NO_STEP,          /* plan has no step no */
	PR_NO_PERSON,        /* plan has no person by that name (never echoed) */
	PR_NO_SERVICE,       /* plan has no service slug (removing one) */
	PR_STEP_SERVICE,     /* a step names slug, which is not in the plan */
	PR_UNKNOWN_SERVICE,  /* no service slug in the catalogue of kommune */
	PR_SERVICE_MISSING,  /* no service id given */
	PR_CONSENT_EMPTY,    /* a consent that covers no service */
	PR_NO_CONSENT,       /* consent (state, date) does not cover slug; covered: what it covers */
	PR_LEVEL_BELOW_2,    /* plan at level: only the holder's own service, not slug */
	PR_UNKNOWN_KOMMUNE,  /* no kommune kommune */
	PR_NO_PROPOSAL,      /* plan has no proposed hand-over to accept */
	/* who may (access.c) */
	PR_ADMIN_ONLY,       /* only a kommune administrator may do task; the acting login is me */
	PR_LAST_ADMIN,       /* login is the only administrator: the role stays */
	PR_NO_PLAN,          /* no plan plan (said to an administrator) */
	PR_NO_ACCESS,        /* no plan plan, or the acting login is no member of it */
	PR_ADMIN_NOT_MEMBER, /* plan exists; the administrator is no member (PLAN_DENIED) */
	PR_READ_ONLY,        /* the acting login has role in plan and may not change it */
	PR_LOG_ONLY,         /* only holder and leader read plan's read log; the login has role */
	PR_ACCEPT_OTHER,     /* plan's hand-over waits for login; the acting login is me */
	PR_HOLDER_ONLY,      /* only plan's stafettholder may do it; the login has role */
	PR_BAD_ROLE,         /* a member's role must be aktør, leder or lesetilgang */
	PR_ACTOR_SERVICE,    /* an aktør needs one of plan's services */
	PR_MEMBER_IS_HOLDER, /* login holds plan: the role changes by hand-over only */
	PR_ALREADY_MEMBER,   /* login already has role (and that service) in plan */
	PR_NOT_MEMBER,       /* login is no member of plan */
	PR_REMOVE_HOLDER,    /* plan's stafettholder cannot be removed */
	PR_BAD_LOGIN,        /* field is not a valid login (the value is not echoed: it may be a name) */
	/* values (any change) */
	PR_TEXT_MISSING,     /* field is empty */
	PR_TEXT_UTF8,        /* field is not valid UTF-8 */
	PR_TEXT_CONTROL,     /* field has control character codepoint after count characters */
	PR_TEXT_LONG,        /* field has count characters; at most limit */
	PR_BAD_DATE,         /* field value is no real YYYY-MM-DD */
	PR_FUTURE_DATE,      /* field date is after today (date2) */
	PR_DUE_MISSING,      /* a step needs a due date */
	PR_ATTENDED_MISSING, /* a meeting needs who was present */
	PR_BAD_BORN,         /* a birth date or year that is no real past date (not echoed) */
	PR_BAD_CHOICE,       /* field is none of list (a status, a reason, a role ...) */
	PR_BAD_NEED,         /* no need value; valid: list */
	PR_BAD_LEVEL,        /* no level level: 0 to 3 */
	PR_CLOSED,           /* plan was closed on date for close_reason and does not change */
	/* the rules of BTI (plan_change.c) */
	PR_SAME_LEVEL,       /* plan is already at level */
	PR_LEVEL_NO_CONSENT, /* plan may not rise to level without valid consent (state, date) */
	PR_YOUTH_AGE,        /* youth consent from limit in kommune; plan's child is age (approx) */
	PR_YOUTH_GUARDIANS,  /* a youth alone consents, but guardians are named */
	PR_EXPIRES_BEFORE,   /* consent expiry date before its date date2 */
	PR_NOTHING_TO_WITHDRAW, /* plan has no valid consent on date */
	PR_ALREADY_SERVICE,  /* slug is already in plan */
	PR_SERVICE_OPEN_STEPS, /* slug has open steps list in plan */
	PR_GOAL_SAME_TEXT,   /* goal no in plan has that text already */
	PR_GOAL_SAME_STATUS, /* goal no in plan has status already */
	PR_GOAL_NO_CHANGE,   /* nothing to change in goal no */
	PR_STEP_NO_CONSENT,  /* new steps for slug stopped: consent (state, date) does not cover it */
	PR_STEP_NO_CHANGE,   /* nothing to change in step no */
	PR_ALREADY_HOLDER,   /* login already holds plan */
	PR_ACCEPT_BEFORE,    /* accepted on date, before it was proposed on date2 */
	PR_CLOSE_BEFORE,     /* closed on date, before plan was created on date2 */
	PR_CLOSE_WHY,        /* the reason "annet" needs a why */
	PR_OPEN_STEPS,       /* plan has count open steps (list): finish them or force */
	/* correcting and erasing (plan_correct.c, plan_erase.c), settings */
	PR_FIX_NONE,         /* plan has nothing of fix to correct */
	PR_FIX_WHICH,        /* plan has count of fix: say which */
	PR_FIX_NO_ITEM,      /* plan has no fix number no (it has count) */
	PR_FIX_SAME,         /* fix in plan has that value already */
	PR_ERASE_OPEN,       /* plan is open: close it first */
	PR_ERASE_NO_ARCHIVE, /* plan was not printed for the archive after closing */
	PR_SCRUB,            /* plan erased, but the database was not cleaned: detail (PLAN_FAIL) */
	PR_BAD_CONSENT_AGE,  /* the youth consent age age is not 15 or 16 */
	PR_CODE_COUNT
};

/* Which value a refusal is about (the CLI names its option, the
 * full-screen view its form field). */
enum plan_refusal_field {
	PRF_NONE,
	PRF_CHILD, PRF_BORN, PRF_UNIT, PRF_HOLDER, PRF_HOLDER_SERVICE, PRF_LEVEL_WHY, PRF_DATE,
	PRF_CONCERN, PRF_NOTICED_BY, PRF_GUARDIANS, PRF_CONSENT_BY, PRF_CONSENT_DATE, PRF_EXPIRES,
	PRF_REFUSAL_DATE, PRF_WITHDRAW_DATE, PRF_SERVICE_ROLE, PRF_PERSON_NAME, PRF_PERSON_ROLE,
	PRF_CONTACT, PRF_GOAL, PRF_GOAL_STATUS, PRF_STEP_WHAT, PRF_STEP_WHO, PRF_DUE, PRF_EVALUATE,
	PRF_EVALUATION, PRF_STEP_STATUS, PRF_MEETING_DATE, PRF_NOTES, PRF_ATTENDED, PRF_HANDOVER_TO,
	PRF_HANDOVER_SERVICE, PRF_CLOSE_REASON, PRF_CLOSE_WHY, PRF_SUMMARY, PRF_FIX, PRF_FIX_VALUE,
	PRF_FIX_WHY, PRF_ERASE_WHY, PRF_CLOSED_BEFORE, PRF_DISPLAY_NAME, PRF_LOGIN, PRF_ROLE,
	PRF_COUNT
};

/* PR_STALE: what moved. */
enum plan_item { PRI_PLAN, PRI_GOAL, PRI_STEP };

/* PR_ADMIN_ONLY: what only an administrator may do. */
enum plan_admin_task { PRT_CATALOGUE, PRT_ADMIN_ROLE, PRT_USERS, PRT_CONSENT_AGE };

struct plan_refusal {
	enum plan_refusal_code code;
	enum plan_refusal_field field;
	enum plan_item item;     /* PR_STALE, with no */
	enum plan_admin_task task;
	long plan;
	int no;                  /* goal, step or item number */
	int count;               /* how many; PR_TEXT_CONTROL: characters before it */
	int limit;               /* PR_TEXT_LONG: most characters; PR_YOUTH_AGE: the kommune's age */
	int level;
	int age, approx;         /* PR_YOUTH_AGE: the child's age (approx: from a birth year);
				  * PR_BAD_CONSENT_AGE: the age given */
	int consent_state;       /* enum plan_consent_state */
	int role;                /* enum plan_role: the acting login's, or the one named */
	int status;              /* PR_GOAL_SAME_STATUS: enum plan_goal_status */
	int close_reason;        /* PR_CLOSED: enum plan_close_reason */
	int fix;                 /* PR_FIX_*: enum plan_fix */
	int one_line;            /* PR_TEXT_CONTROL: no line breaks allowed */
	int meeting_step;        /* refused in the meeting's nth agreed step (0: not a meeting) */
	unsigned codepoint;      /* PR_TEXT_CONTROL */
	long have, expect;       /* PR_STALE: the item's version, the caller's */
	char who[100], at[40];   /* PR_STALE: the last change ("" = unknown) */
	char date[PLAN_DATE_LEN], date2[PLAN_DATE_LEN];
	char login[100], me[100];  /* a login named; the acting login */
	char value[200];         /* a value echoed (a date, a code; never personal data) */
	char slug[200];          /* a service id */
	char kommune[100];
	char covered[1000];      /* PR_NO_CONSENT: ids the valid consents cover, "a,b" */
	char list[1000];         /* valid choices, open steps: "a, b" */
	char detail[300];        /* PR_SCRUB: the storage error */
};

/* The reason for the last refusal of the plan model in this process. */
const struct plan_refusal *plan_refusal(void);

/* The group a code belongs to: a phrasebook (the CLI's, the full-screen
 * view's) words each group in a function of its own and routes a code by
 * this, so the routing list is here once. Its switch has no default: a
 * new code without a group does not build. */
enum plan_refusal_group {
	PRG_NONE,     /* PR_NONE (and PR_CODE_COUNT): no words, the message is in err */
	PRG_PLAN,     /* the plan's own items: goals, steps, hand-over, closing, correcting, erasing */
	PRG_ACCESS,   /* who may do what (access.c) */
	PRG_VALUE,    /* a value given (any change) */
	PRG_CONSENT,  /* consent, services and levels */
};
enum plan_refusal_group plan_refusal_group(enum plan_refusal_code code);

#endif
