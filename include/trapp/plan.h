/* plan.h - the child's coordination plan (stafettlogg) under the BTI
 * model: the child, the concern, the level and its history, the
 * stafettholder and hand-overs, consent, the services and people involved,
 * goals, steps, meetings and the audit trail; the rules every change passes
 * (the guard rails); "due", the open steps and evaluations across plans
 * (masked through plan_mask.h for a projected screen). The rules live
 * here, the SQL in db_plan.c. Every change is one transaction that also writes its audit
 * row: all or nothing. Changes return PLAN_OK, PLAN_REFUSED (a rule or a
 * value said no: the message in err says why and what to do) or PLAN_FAIL
 * (storage failed). Messages never hold personal data: plans are named by
 * id. A struct plan filled by plan_load is owned by the caller (plan_free);
 * its strings are never NULL ("" = absent). */
#ifndef TRAPP_PLAN_H
#define TRAPP_PLAN_H

#include "trapp/plan_record.h"
#include "trapp/plan_refusal.h"
#include "trapp/util.h"

#include <stddef.h>

/* PLAN_DENIED: the plan exists but the acting login is not a member. Only
 * a kommune administrator gets it; everyone else gets PLAN_REFUSED with
 * the same words as for a plan that does not exist, so ids cannot be
 * probed. */
enum { PLAN_OK = 0, PLAN_FAIL = -1, PLAN_REFUSED = -2, PLAN_DENIED = -3 };

/* The plan records, word lists and plan_free: plan_record.h. */

/* --- dates, age, who ------------------------------------------------- */

/* Today as YYYY-MM-DD in local time, or $TRAPP_TODAY when set in a build
 * with -DTRAPP_TEST_HOOKS (tests only; an invalid value is fatal). The only place "today" is read. */
void plan_today(char out[PLAN_DATE_LEN]);
/* 1 when s is YYYY-MM-DD and a real calendar date (years 1900-2199). */
int plan_date_valid(const char *s);
/* date plus days (may be negative) into out. */
void plan_date_add(const char *date, int days, char out[PLAN_DATE_LEN]);
/* Age in whole years on today from a birth date or a birth year (then
 * the age reached this year, with *approx set); -1 when born is invalid
 * or after today. */
int plan_age(const char *born, const char *today, int *approx);
struct db;

/* --- reading --------------------------------------------------------- */

/* Everything of plan id for display, ages on today, when the acting login
 * is a member (or the login a hand-over waits for). PLAN_REFUSED when
 * there is no such plan or no access (PLAN_DENIED for an administrator
 * who is not a member; see access.h). Reading this way is not logged:
 * views that show the plan to a person use plan_open. */
int plan_load(struct db *db, long id, struct plan *out, struct strbuf *err);
/* plan_load, and a row in the read log (who, when, how) in the same
 * transaction. */
int plan_open(struct db *db, long id, enum plan_access_how how, struct plan *out, struct strbuf *err);

/* The current stafettholder (last accepted), and the pending proposal;
 * NULL when none. */
const struct plan_holder *plan_holder(const struct plan *p);
const struct plan_holder *plan_proposed(const struct plan *p);

enum plan_consent_state { CONSENT_NONE, CONSENT_VALID, CONSENT_EXPIRED, CONSENT_WITHDRAWN,
			  CONSENT_REFUSED };
/* The consent situation on today. A refusal newer than every consent
 * refuses; otherwise valid when some consent is neither withdrawn nor
 * expired. *last (optional) is the record that decided it. */
enum plan_consent_state plan_consent_state(const struct plan *p, const char *today,
					   const struct plan_consent **last);
/* 1 when a valid consent on today has slug in its scope. */
int plan_consent_covers(const struct plan *p, const char *slug, const char *today);
/* Why the consent on today does not cover slug, in words for a document
 * without personal data ("samtykket ble trukket 2025-10-01"), into why. 0
 * when it does cover. */
int plan_consent_gap(const struct plan *p, const char *slug, const char *today, struct strbuf *why);
/* Open steps (planlagt, pågår) of p linked to a service the consent no
 * longer covers on today. */
int plan_step_uncovered(const struct plan *p, const struct plan_step *s, const char *today);

/* The age from which a youth consents alone in this kommune: the setting
 * "consent.youth_age.KOMMUNE" (15 or 16), else "consent.youth_age", else
 * 15. */
int plan_youth_consent_age(struct db *db, const char *kommune);
/* Set it for a kommune (15 or 16; else PLAN_REFUSED). */
int plan_set_youth_consent_age(struct db *db, const char *kommune, int age, struct strbuf *err);
/* The basis of the consent age in law, in one paragraph (bokmål). */
extern const char plan_youth_consent_basis[];

/* What needs the user: an open step's due date, a pending evaluation,
 * consent that expires within PLAN_CONSENT_WARN_DAYS or has expired, a
 * hand-over waiting to be accepted, a meeting (plan_due_meetings). */
enum plan_due_kind { DUE_STEP, DUE_EVALUATION, DUE_CONSENT, DUE_HANDOVER, DUE_MEETING };
#define PLAN_CONSENT_WARN_DAYS 30

struct plan_due {
	long plan_id;
	char *child;             /* owned */
	int step;                /* step number (meeting number for DUE_MEETING; 0 otherwise) */
	int evaluation;          /* 1: evaluation date, 0: anything else */
	enum plan_due_kind kind;
	char date[PLAN_DATE_LEN];
	char *what, *who;        /* owned */
	int overdue;             /* date before today */
};

/* Open steps (planlagt, pågår) by due date and evaluations not yet
 * written (evaluation date set, no evaluation text, step not avbrutt)
 * of every open plan the acting login is a member of, its consent that
 * has expired or expires within PLAN_CONSENT_WARN_DAYS (what: trapp's own
 * words; overdue when expired) and a hand-over waiting for the acting
 * login's acceptance (who: the proposed holder); overdue first, then by
 * date. days >= 0 keeps only dates up to today + days (overdue always
 * kept). masked: every value through plan_field_show (child, step text, owner; each masked plan is
 * loaded for its people's names); child_word: what the masked child is
 * called (NULL: initials). */
int plan_due(struct db *db, const char *today, int days, int masked, const char *child_word,
	     struct plan_due **out, size_t *n, struct strbuf *err);
void plan_due_free(struct plan_due *d, size_t n);
/* Meetings of open plans dated from today on, as DUE_MEETING rows (what:
 * "møte N", who: who attends), masked like plan_due. For the calendar. */
int plan_due_meetings(struct db *db, const char *today, int masked, const char *child_word,
		      struct plan_due **out, size_t *n, struct strbuf *err);

/* Today's reminders for the start screen: counts of overdue steps,
 * evaluations due today or earlier, consents expired or expiring within
 * PLAN_CONSENT_WARN_DAYS, and hand-overs waiting for acceptance. */
struct plan_reminders {
	size_t overdue, due_today, evaluations, consents, handovers;
};
int plan_reminders(struct db *db, const char *today, struct plan_reminders *out, struct strbuf *err);
/* "2 forfalt · 1 evaluering · 1 samtykke utløper · 1 overføring venter"
 * into sb;
 * 0 when nothing needs the user (sb then says so). */
size_t plan_reminders_text(const struct plan_reminders *r, struct strbuf *sb);

/* One line of the plan list. Strings owned. */
struct plan_summary {
	long id;
	char *child, *unit, *holder;
	int level, age, age_approx;
	char next_due[PLAN_DATE_LEN];  /* "" when nothing is due */
	int overdue;
	char *closed;            /* "" while open */
	int close_reason;
	char consent[16];        /* plan_list_find: "gyldig", "mangler", "utløpt",
				  * "trukket" or "avslått"; else "" */
};

/* Every plan the acting login is a member of, open ones first, then by id. masked: every value through
 * plan_field_show (the child as child_word or initials, the unit as free
 * text, the stafettholder as initials). One aggregate query: no plan is
 * loaded whole. */
int plan_list(struct db *db, int masked, const char *child_word, struct plan_summary **out, size_t *n,
	      struct strbuf *err);
/* limit plans (-1: all) from offset in the same order: one screen of the
 * plan list. */
int plan_list_page(struct db *db, int masked, const char *child_word, long offset, long limit,
		   struct plan_summary **out, size_t *n, struct strbuf *err);
/* The same rows streamed to fn (s lives until fn returns; non-zero stops),
 * so the first lines print before the last are read. */
int plan_list_each(struct db *db, int masked, const char *child_word, long offset, long limit,
		   int (*fn)(void *ctx, const struct plan_summary *s), void *ctx, struct strbuf *err);
/* Number of plans. */
int plan_count(struct db *db, long *n, struct strbuf *err);
void plan_list_free(struct plan_summary *s, size_t n);

/* Which plans plan_list_find lists; a zeroed filter with level -1 lists
 * them all. */
struct plan_list_filter {
	const char *text;        /* in the child's name or the unit; NULL or "": any */
	int level;               /* -1: any */
	int mine;                /* the acting login is the stafettholder */
	int awaiting;            /* a hand-over waits for the acting login's acceptance */
	int overdue;             /* an open step or an evaluation is past today */
};
/* plan_list_page narrowed by f, with each plan's consent state in
 * consent; and the number of plans f lets through. */
int plan_list_find(struct db *db, int masked, const char *child_word, const struct plan_list_filter *f,
		   long offset, long limit, struct plan_summary **out, size_t *n, struct strbuf *err);
int plan_count_find(struct db *db, const struct plan_list_filter *f, long *n, struct strbuf *err);

/* --- changes (each one transaction with its audit row) ----------------- */

/* Optimistic versions: the next change in this process is made only if
 * the item it changes still has this version (a step for plan_update_step,
 * a goal for plan_set_goal_*, else the plan), or is refused with who
 * changed it and when. 0 = no check. Used once, then cleared. */
void plan_expect_version(long version);

struct plan_new {
	const char *child, *born;      /* born: YYYY or YYYY-MM-DD */
	const char *unit;              /* kindergarten, school ...; may be NULL */
	const char *kommune;           /* catalogue the services come from */
	int level;                     /* 0-3 */
	const char *holder;            /* the name shown; NULL: the creator's
					* display name. The creating login
					* becomes the stafettholder member. */
	const char *holder_service;    /* NULL: unit */
};
int plan_new(struct db *db, const struct plan_new *in, long *id, struct strbuf *err);

/* date NULL or "" means today wherever a change takes a date. */
int plan_set_level(struct db *db, long id, int level, const char *why, const char *date,
		   struct strbuf *err);
int plan_add_concern(struct db *db, long id, const char *text, const char *date,
		     const char *noticed_by, struct strbuf *err);

struct plan_consent_input {
	enum plan_consent_by by;
	const char *date, *expires;    /* expires NULL: no expiry */
	const char *const *scope;      /* service ids in the plan's kommune */
	size_t n_scope;
	const char *guardians;         /* names of the foresatte; required when
					* they gave it (by foresatte or begge) */
};
int plan_add_consent(struct db *db, long id, const struct plan_consent_input *in, struct strbuf *err);
int plan_add_refusal(struct db *db, long id, enum plan_consent_by by, const char *date,
		     struct strbuf *err);
/* Withdraws every consent valid on date. */
int plan_withdraw(struct db *db, long id, const char *date, struct strbuf *err);

/* Refused unless a valid consent covers slug, and, below level 2, unless
 * slug is the stafettholder's own service (its id or name). */
int plan_add_service(struct db *db, long id, const char *slug, const char *role, struct strbuf *err);
int plan_add_person(struct db *db, long id, const char *name, const char *role,
		    const char *contact, struct strbuf *err);
/* A service leaves the plan: refused while open steps (planlagt, pågår)
 * are linked to it. */
int plan_remove_service(struct db *db, long id, const char *slug, struct strbuf *err);
/* A person leaves the plan (by the name as shown in the plan). */
int plan_remove_person(struct db *db, long id, const char *name, struct strbuf *err);
int plan_add_goal(struct db *db, long id, const char *text, int *no, struct strbuf *err);
int plan_set_goal_status(struct db *db, long id, int no, enum plan_goal_status status,
			 struct strbuf *err);
/* Reword goal no (goals are refined in the meetings). */
int plan_set_goal_text(struct db *db, long id, int no, const char *text, struct strbuf *err);
/* NULL / -1 = unchanged. */
struct plan_goal_change {
	int status;                    /* enum plan_goal_status or -1 */
	const char *text;              /* a new wording */
};
/* Change goal no's status, wording or both in one change (one audit row). */
int plan_update_goal(struct db *db, long id, int no, const struct plan_goal_change *ch, struct strbuf *err);

struct plan_step_input {
	const char *what, *who, *due;
	const char *evaluate;          /* NULL: no evaluation date */
	const char *service;           /* NULL: none; else a service of the plan */
};
int plan_add_step(struct db *db, long id, const struct plan_step_input *in, int *no, struct strbuf *err);

/* NULL / -1 = unchanged. */
struct plan_step_change {
	int status;                    /* enum plan_step_status or -1 */
	const char *evaluation, *due, *evaluate;
	const char *what, *who;        /* a new wording / a new person responsible */
};
int plan_update_step(struct db *db, long id, int no, const struct plan_step_change *ch,
		     struct strbuf *err);

struct plan_meeting_input {
	const char *date, *attended, *notes;
	const int *steps;              /* numbers of existing steps agreed */
	size_t n_steps;
	/* steps agreed in the meeting: made with it, in the same transaction
	 * (a refused one saves nothing of the meeting) */
	const struct plan_step_input *new_steps;
	size_t n_new_steps;
};
int plan_add_meeting(struct db *db, long id, const struct plan_meeting_input *in, int *no,
		     struct strbuf *err);

/* Propose a new stafettholder, by login (replacing an earlier proposal);
 * the baton moves only when that login runs plan_accept: it becomes the
 * stafettholder member and the previous holder keeps lesetilgang. */
int plan_handover(struct db *db, long id, const char *to, const char *service, const char *date,
		  struct strbuf *err);
int plan_accept(struct db *db, long id, const char *date, struct strbuf *err);
/* Replace the plan's needs with these need codes (see `trapp needs`);
 * n = 0 clears them. */
int plan_set_needs(struct db *db, long id, const char *const *codes, size_t n, struct strbuf *err);
/* Closing: the reason, why in words (required for CLOSE_OTHER), the
 * closing summary (the evaluation of the goals), the date. Open steps
 * (planlagt, pågår) refuse the closing, naming them, unless force is set:
 * the TUI asks, the CLI takes --force. After closing every change is
 * refused. */
struct plan_close_input {
	enum plan_close_reason reason;
	const char *why, *summary;     /* NULL or "": none */
	const char *date;
	int force;                     /* close although steps are open */
};
int plan_close_with(struct db *db, long id, const struct plan_close_input *in, struct strbuf *err);
/* plan_close_with without why, summary or force. */
int plan_close(struct db *db, long id, enum plan_close_reason reason, const char *date,
	       struct strbuf *err);
/* The numbers of p's open steps ("2, 5") into sb; how many. */
size_t plan_open_steps(const struct plan *p, struct strbuf *sb);

/* --- corrections (GDPR art. 16) and erasure (art. 17): plan_correct.c,
 * plan_erase.c ---------------------------------------------------------- */

/* What can be corrected: a concern's text, the child's name, birth date
 * and unit, a person's name, role and contact. */
enum plan_fix { FIX_CONCERN, FIX_CHILD, FIX_BORN, FIX_UNIT, FIX_PERSON_NAME, FIX_PERSON_ROLE,
		FIX_PERSON_CONTACT, FIX_COUNT };
/* "concern", "child", "born", "unit", "person-name", "person-role",
 * "person-contact". */
const char *plan_fix_code(enum plan_fix f);
/* "bekymring", "barnets navn" ... */
const char *plan_fix_label(enum plan_fix f);
/* Index of a code, or -1; the valid codes appended to valid (optional). */
int plan_fix_parse(const char *s, struct strbuf *valid);
/* The stafettholder corrects a value of an open plan: item is the
 * concern's or person's number as shown (1, 2 ...; 0 when the plan has
 * just one), why is required. The old value, the new one, who, when and
 * why go to the audit trail; the value is marked "rettet". */
int plan_correct(struct db *db, long id, enum plan_fix field, int item, const char *value, const char *why,
		 struct strbuf *err);

/* The stafettholder deletes a closed plan: every personal value goes;
 * the plan's audit rows keep only action, time and who (and their hashes,
 * so the chain still verifies); the read log stays. Refused until the
 * plan was exported or printed after closing, unless no_archive is set
 * with a reason (why). Afterwards the WAL is checkpointed and truncated
 * so no copy lingers. */
int plan_delete(struct db *db, long id, int no_archive, const char *why, struct strbuf *err);

/* One plan considered by plan_retention. */
struct plan_retention_item {
	long id;
	char closed[PLAN_DATE_LEN];
	int archived;            /* exported or printed after closing */
	int erased;              /* erased now (0 in a dry run or when refused) */
	struct plan_refusal refusal;  /* why it was not erased (code PR_NONE: it was not refused) */
};
/* Closed plans closed before date that the acting login may erase (its
 * own as stafettholder; every one for a kommune administrator), and,
 * unless dry_run, erase each as plan_delete does. */
int plan_retention(struct db *db, const char *before, int dry_run, int no_archive, const char *why,
		   struct plan_retention_item **out, size_t *n, struct strbuf *err);
void plan_retention_free(struct plan_retention_item *v, size_t n);

#endif
