/* plan_internal.h - what the plan change files of src/model share (not a
 * public header): one change in its transaction (plan_change.c), and the
 * value helpers every change uses. */
#ifndef TRAPP_PLAN_INTERNAL_H
#define TRAPP_PLAN_INTERNAL_H

#include "trapp/plan.h"

#include <stdio.h>

struct db;

struct change {
	struct db *db;
	struct plan *p;
	char today[PLAN_DATE_LEN];
	struct strbuf what;      /* the audit text */
	const char *action;      /* the audit row's non-personal action code */
	char item[48];           /* what changed: "plan", "steg 2" ... */
	struct strbuf old, new;  /* its value before and after ("" = none) */
	long expect;             /* optimistic version, 0 = none */
	struct strbuf *err;
};

typedef int (*change_fn)(struct change *c, const void *arg);

/* What a change needs of the acting login (access_check). */
enum plan_need {
	NEED_READ,               /* any member, or the login a hand-over waits for */
	NEED_WRITE,              /* stafettholder or aktør */
	NEED_HOLDER,             /* the stafettholder */
	NEED_HOLDER_CLOSED,      /* the stafettholder, also on a closed plan */
	NEED_ACCEPT,             /* the login the pending hand-over names */
	NEED_LOG,                /* stafettholder or leder: the read log */
	NEED_RETENTION,          /* the stafettholder or a kommune administrator,
				  * also on a closed plan */
};

/* Load plan id in a write transaction, check access and that it is open
 * (NEED_HOLDER_CLOSED: also closed), run fn, write the audit row under
 * action, commit; roll back on any refusal or failure. */
int planc_change(struct db *db, long id, int need, const char *action, change_fn fn, const void *arg,
		 struct strbuf *err);
/* A coded refusal (plan_refusal.h): err emptied, the code set; fill in the
 * parameters of the returned record and return PLAN_REFUSED. The model
 * writes no sentence for the user: every refusal goes this way. */
#include "trapp/plan_refusal.h"
struct plan_refusal *planc_refusal(struct strbuf *err, enum plan_refusal_code code);
/* The code alone (with the plan, 0 = none): PLAN_REFUSED. */
int planc_refuse(struct strbuf *err, enum plan_refusal_code code, long plan);
/* The last refusal, to add a parameter after the fact. */
struct plan_refusal *planc_refusal_last(void);
/* No code pending (a success, or a storage error in err). */
void planc_refusal_clear(void);
/* Copy a string parameter into a refusal's buffer (NULL = ""). */
#define PLANC_SET(dst, s) snprintf((dst), sizeof(dst), "%s", (s) ? (s) : "")
/* 0 -> PLAN_OK, else the storage error into c->err. */
int planc_stored(struct change *c, int rc);
/* Required text / optional text / date (NULL or "": today), trimmed and
 * kept by the plan; the value is never echoed in a message. */
int planc_text(struct change *c, const char *in, enum plan_refusal_field field, char **out);
int planc_opt_text(struct change *c, const char *in, enum plan_refusal_field field, char **out);
int planc_date(struct change *c, const char *in, enum plan_refusal_field field, char **out);

/* PLAN_OK when the acting login may do need to plan id (p NULL: there is
 * no such plan; an erased plan counts as none). Otherwise the refusal in
 * err: PLAN_REFUSED with the same words for "no such plan" and "not a
 * member" unless the login is a kommune administrator (then PLAN_DENIED
 * for a plan that exists). */
int access_check(struct db *db, long id, const struct plan *p, int need, struct strbuf *err);

#endif
