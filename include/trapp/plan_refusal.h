/* plan_refusal.h - why the plan model said no, as a code with its
 * parameters rather than a sentence: each front end phrases it for its
 * user (the CLI names commands, the full-screen view names keys and the
 * next step). A change that returns PLAN_REFUSED either leaves err empty
 * and sets plan_refusal() (a coded refusal), or writes a plain message into
 * err with plan_refusal()->code == PR_NONE. */
#ifndef TRAPP_PLAN_REFUSAL_H
#define TRAPP_PLAN_REFUSAL_H

#include "trapp/plan_record.h"

enum plan_refusal_code {
	PR_NONE,             /* the message is in err */
	PR_STALE,            /* item changed by who at at: version have, the caller had expect */
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
};

struct plan_refusal {
	enum plan_refusal_code code;
	long plan;
	int no;              /* goal or step number */
	int level;
	int consent_state;   /* enum plan_consent_state */
	long have, expect;   /* PR_STALE: the item's version, the caller's */
	char item[48];       /* PR_STALE: "plan", "steg 2", "mål 1" */
	char who[100], at[40];  /* PR_STALE: the last change ("" = unknown) */
	char date[PLAN_DATE_LEN];  /* PR_NO_CONSENT: refused, withdrawn or expired on */
	char slug[200];      /* a service id */
	char kommune[100];
	char covered[1000];  /* PR_NO_CONSENT: ids the valid consents cover, "a,b" */
};

/* The reason for the last refusal of the plan model in this process. */
const struct plan_refusal *plan_refusal(void);

#endif
