/* db_plan.h - the storage half of plans (src/db_plan.c): reading a whole
 * plan and writing one change at a time. No rules here: plan.c checks
 * them and wraps each change with its audit row in one transaction.
 * Every function returns 0, or -1 with the reason in db_error(). */
#ifndef TRAPP_DB_PLAN_H
#define TRAPP_DB_PLAN_H

#include "trapp/db.h"
#include "trapp/plan_record.h"

/* Fill out (zeroed first) with plan id and everything under it.
 * Returns 0, 1 when there is no such plan, -1 on error. */
int db_plan_load(struct db *db, long id, struct plan *out);
/* Ids of every plan (open_only: only open ones), open first, then by id. */
int db_plan_ids(struct db *db, int open_only, long **ids, size_t *n);
/* One line of the plan list as stored; the strings live until fn returns
 * ("" when absent). next_due: the earliest open step's due date or
 * pending evaluation date. */
struct db_plan_row {
	long id;
	const char *child, *born, *unit, *closed, *holder, *next_due;
	int level, close_reason;  /* close_reason -1 while open */
	const char *consent;      /* "gyldig", "mangler", "utløpt", "trukket", "avslått" */
};
/* Return non-zero to stop. */
typedef int (*db_plan_row_fn)(void *ctx, const struct db_plan_row *r);
/* The plans login is a member of (or the proposed holder of), not
 * erased: limit rows from offset (limit -1: all), open first, then by id;
 * one query, no plan loaded. */
int db_plan_rows(struct db *db, const char *login, long offset, long limit, db_plan_row_fn fn, void *ctx);
int db_plan_count(struct db *db, const char *login, long *n);
/* Which plans db_plan_find lists (every field 0/NULL: all of them). */
struct db_plan_where {
	const char *text;        /* in the child's name or the unit (case and accents folded) */
	int level;               /* -1: any */
	int mine;                /* the login is the stafettholder */
	int awaiting;            /* a hand-over waits for the login's acceptance */
	int overdue;             /* an open step or an evaluation is past today */
	const char *today;       /* overdue and consent state */
};
/* db_plan_rows narrowed by w, and how many plans match. */
int db_plan_find(struct db *db, const char *login, const struct db_plan_where *w, long offset, long limit,
		 db_plan_row_fn fn, void *ctx);
int db_plan_find_count(struct db *db, const char *login, const struct db_plan_where *w, long *n);

/* An open step's due date (evaluation 0) or a pending evaluation
 * (evaluation 1) of an open plan. */
struct db_due_row {
	long plan_id;
	const char *child;
	int step, evaluation;
	const char *date, *what, *who;
};
typedef int (*db_due_row_fn)(void *ctx, const struct db_due_row *r);
/* Every such item of login's plans (as db_plan_rows) dated up to until
 * (NULL: all), in no particular order. */
int db_plan_due_rows(struct db *db, const char *login, const char *until, db_due_row_fn fn, void *ctx);

/* Name of a catalogue service: 0, 1 when absent, -1 on error. *name is
 * owned by the caller. */
int db_service_name(struct db *db, const char *kommune, const char *slug, char **name);

/* The plan row: child, born, unit, kommune, level, created. */
int db_plan_insert(struct db *db, const struct plan *p, long *id);
/* Set the level and append the history row (from -1: initial). */
int db_plan_level(struct db *db, long id, const struct plan_level_change *c);
int db_plan_concern_add(struct db *db, long id, const struct plan_concern *c);
int db_plan_consent_add(struct db *db, long id, const struct plan_consent *c);
int db_plan_consent_withdraw(struct db *db, long consent_id, const char *date);
int db_plan_service_add(struct db *db, long id, const struct plan_service *s);
int db_plan_person_add(struct db *db, long id, const struct plan_person *pp);
/* Remove a service (by slug) / a person (by exact name) from the plan. */
int db_plan_service_remove(struct db *db, long id, const char *slug);
int db_plan_person_remove(struct db *db, long id, const char *name);
int db_plan_goal_add(struct db *db, long id, const struct plan_goal *g);
int db_plan_goal_text(struct db *db, long id, int no, const char *text);
int db_plan_goal_status(struct db *db, long id, int no, enum plan_goal_status status);
int db_plan_step_add(struct db *db, long id, const struct plan_step *s);
/* Write status, due, evaluate, evaluation, what and who of step s->no. */
int db_plan_step_update(struct db *db, long id, const struct plan_step *s);
/* The meeting and the links to its agreed steps (by number). */
int db_plan_meeting_add(struct db *db, long id, const struct plan_meeting *m);
int db_plan_holder_add(struct db *db, long id, const struct plan_holder *h);
int db_plan_holder_set(struct db *db, long holder_id, enum plan_handover state, const char *accepted);
/* Replace the plan's need codes. */
int db_plan_needs_set(struct db *db, long id, const struct strvec *codes);
int db_plan_close(struct db *db, long id, const char *date, enum plan_close_reason reason,
		  const char *why, const char *summary);
/* Open plans of login (a member) with a consent (not withdrawn) that
 * expires up to until, or with a hand-over waiting for login to accept
 * it: the plans today's reminders load. */
int db_plan_reminder_ids(struct db *db, const char *login, const char *until, long **ids, size_t *n);
/* Open plans of login with a meeting dated from on. */
int db_plan_meeting_ids(struct db *db, const char *login, const char *from, long **ids, size_t *n);
/* Append to the audit trail (append-only: the table refuses updates and
 * deletes). */
int db_plan_audit_add(struct db *db, long id, const struct plan_audit *a);
/* Raise the plan's version (every change does, first). */
int db_plan_touch(struct db *db, long id);
/* Who made the last audited change to item ("steg 2"; "" = anything in
 * the plan) and when: 0, 1 when none, -1 on error. Caller frees. */
int db_plan_last_change(struct db *db, long id, const char *item, char **who, char **at);

#endif
