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

#include "trapp/util.h"

#include <stddef.h>

/* PLAN_DENIED: the plan exists but the acting login is not a member. Only
 * a kommune administrator gets it; everyone else gets PLAN_REFUSED with
 * the same words as for a plan that does not exist, so ids cannot be
 * probed. */
enum { PLAN_OK = 0, PLAN_FAIL = -1, PLAN_REFUSED = -2, PLAN_DENIED = -3 };

#define PLAN_LEVEL_MAX 3
#define PLAN_DATE_LEN 11  /* "YYYY-MM-DD" and NUL */

/* Closed word lists: stored as the ASCII code, shown as the label, parsed
 * from either (ignoring case and accents: "pågår" = "pagar"). */
enum plan_vocab { VOCAB_STEP, VOCAB_GOAL, VOCAB_CLOSE, VOCAB_CONSENT_BY, VOCAB_HANDOVER, VOCAB_ROLE,
		  VOCAB_ACCESS, VOCAB_COUNT };
enum plan_step_status { STEP_PLANNED, STEP_ONGOING, STEP_DONE, STEP_CANCELLED };
enum plan_goal_status { GOAL_ACTIVE, GOAL_MET, GOAL_PARTLY_MET, GOAL_NOT_MET, GOAL_DROPPED };
enum plan_close_reason { CLOSE_GOALS_MET, CLOSE_CONSENT_WITHDRAWN, CLOSE_TO_IP,
			 CLOSE_TO_CHILD_COORDINATOR, CLOSE_MOVED };
enum plan_consent_by { CONSENT_BY_PARENTS, CONSENT_BY_YOUTH };
enum plan_handover { HANDOVER_PROPOSED, HANDOVER_ACCEPTED, HANDOVER_REPLACED };
/* A member's role in one plan (VOCAB_ROLE). */
enum plan_role { ROLE_HOLDER, ROLE_ACTOR, ROLE_LEADER, ROLE_READER };
/* How a plan was read (VOCAB_ACCESS): vis, eksport, møtevisning, utskrift. */
enum plan_access_how { ACCESS_VIEW, ACCESS_EXPORT, ACCESS_MEETING, ACCESS_PRINT };
/* The audit action of an export or print of a closed plan: the archive
 * copy plan_delete asks for (plan_open writes it). */
#define PLAN_ARCHIVE_ACTION "arkivutskrift"

int plan_vocab_count(enum plan_vocab v);
const char *plan_code(enum plan_vocab v, int i);   /* "pagar" */
const char *plan_label(enum plan_vocab v, int i);  /* "pågår" */
/* Index of the code or label s, or -1. */
int plan_parse(enum plan_vocab v, const char *s);
/* "planlagt, pågår, fullført, avbrutt" (labels) appended to sb. */
void plan_choices(struct strbuf *sb, enum plan_vocab v);
/* "Nivå 2 – enkel tverrfaglig samhandling". */
const char *plan_level_label(int level);

struct plan_concern {
	long id;
	char *date, *text, *noticed_by;
	int corrected;           /* the text was corrected (plan_correct) */
};

struct plan_level_change {
	char *date;
	int from, to;            /* from = -1: the level the plan started at */
	char *why;
};

/* One stafettholder, or a proposed one (the baton stays with the last
 * accepted holder until a proposal is accepted). */
struct plan_holder {
	long id;
	char *name, *service;
	char *login;             /* "" for hand-overs recorded before logins */
	char *proposed, *accepted;  /* accepted "" while proposed or replaced */
	enum plan_handover state;
};

/* A consent (refused = 0) or a recorded refusal (refused = 1). */
struct plan_consent {
	long id;
	int refused;
	enum plan_consent_by by;
	char *date, *expires, *withdrawn;  /* "" = no expiry / not withdrawn */
	struct strvec scope;       /* service ids (slugs in the plan's kommune) */
	struct strvec scope_names; /* their names when consent was recorded */
};

/* A catalogue service taking part, by (plan's kommune, slug); the name is
 * kept so the plan reads well if the catalogue drops the service. */
struct plan_service {
	char *slug, *name, *role, *added;
};

/* A person taking part: parents, the child, named professionals. */
struct plan_person {
	long id;
	char *name, *role, *contact, *added;
	unsigned corrected;      /* PLAN_FIX_NAME | PLAN_FIX_ROLE | PLAN_FIX_CONTACT */
};

/* A login that may open the plan, with its role; service (a slug of the
 * plan's services) is set for an aktør only. name: the login's display
 * name ("" when not set). */
struct plan_member {
	char *login, *name, *service, *added;
	enum plan_role role;
};

/* What was corrected (struct plan's corrected, a person's corrected). */
enum { PLAN_FIX_CHILD = 1, PLAN_FIX_BORN = 2, PLAN_FIX_UNIT = 4,
       PLAN_FIX_NAME = 1, PLAN_FIX_ROLE = 2, PLAN_FIX_CONTACT = 4 };

struct plan_goal {
	int no;                  /* 1, 2 ... within the plan */
	long version;            /* raised on each change (optimistic check) */
	char *text, *created;
	enum plan_goal_status status;
};

struct plan_step {
	int no;                  /* 1, 2 ... within the plan */
	long version;            /* raised on each change (optimistic check) */
	char *what, *who;
	char *service_slug, *service_name;  /* "" = no linked service */
	char *due, *evaluate;    /* evaluate "" = no evaluation date */
	char *evaluation, *created;
	enum plan_step_status status;
};

struct plan_meeting {
	long id;
	int no;                  /* 1, 2 ... within the plan */
	char *date, *attended, *notes;
	int *steps;              /* numbers of the steps agreed */
	size_t n_steps;
};

/* One audit row. The chain: content_hash = SHA-256(what US item US
 * old_value US new_value) (US: the unit separator 0x1f); hash =
 * SHA-256(previous row's hash | id | plan | at | who | action |
 * content_hash) (see audit.h). Erasure replaces what with "slettet" and
 * keeps both hashes. */
struct plan_audit {
	char *at;                /* UTC, "2025-09-01T10:00:00Z" */
	char *who, *what;
	char *action;            /* a non-personal code: "ny", "niva", "steg" ... */
	long long row;           /* row id (0: the next one) */
	char *content_hash, *hash;
	char *item;              /* "plan", "steg 2", "mål 1" ... (NULL: "plan") */
	char *old_value, *new_value;  /* the item before and after ("" = none) */
};

struct plan {
	long id;
	long version;            /* raised by every change to the plan */
	char *child, *born, *unit, *kommune, *created;
	char *closed;            /* "" while open */
	int close_reason;        /* enum plan_close_reason; -1 while open */
	char *erased;            /* "" unless the plan was deleted (plan_delete) */
	unsigned corrected;      /* PLAN_FIX_CHILD | PLAN_FIX_BORN | PLAN_FIX_UNIT */
	int role;                /* the acting login's enum plan_role; -1 none */
	int level;
	int age, age_approx;     /* on plan_load's today; approx: born is a year */
	struct plan_concern *concerns;   size_t n_concerns;
	struct plan_level_change *levels; size_t n_levels;
	struct plan_holder *holders;     size_t n_holders;
	struct plan_consent *consents;   size_t n_consents;
	struct plan_service *services;   size_t n_services;
	struct plan_person *people;      size_t n_people;
	struct plan_goal *goals;         size_t n_goals;
	struct plan_step *steps;         size_t n_steps;
	struct plan_meeting *meetings;   size_t n_meetings;
	struct plan_audit *audit;        size_t n_audit;
	struct plan_member *members;     size_t n_members;
	struct strvec needs;     /* need codes the plan is about, in need order */
	struct strvec strings;   /* owns the strings above (see plan_keep) */
};

/* Take ownership of s (freed by plan_free); returns s. */
char *plan_keep(struct plan *p, char *s);
void plan_free(struct plan *p);

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

/* An open step's due date or a pending evaluation. */
struct plan_due {
	long plan_id;
	char *child;             /* owned */
	int step;                /* step number */
	int evaluation;          /* 1: evaluation date, 0: due date */
	char date[PLAN_DATE_LEN];
	char *what, *who;        /* owned */
	int overdue;             /* date before today */
};

/* Open steps (planlagt, pågår) by due date and evaluations not yet
 * written (evaluation date set, no evaluation text, step not avbrutt)
 * of every open plan the acting login is a member of; overdue first, then
 * by date. days >= 0 keeps only dates up to today + days (overdue always
 * kept). masked: every value
 * through plan_field_show (child, step text, owner; each masked plan is
 * loaded for its people's names); child_word: what the masked child is
 * called (NULL: initials). */
int plan_due(struct db *db, const char *today, int days, int masked, const char *child_word,
	     struct plan_due **out, size_t *n, struct strbuf *err);
void plan_due_free(struct plan_due *d, size_t n);

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
/* After closing every change is refused. */
int plan_close(struct db *db, long id, enum plan_close_reason reason, const char *date,
	       struct strbuf *err);

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
	char *refusal;           /* why it was not erased, or NULL; owned */
};
/* Closed plans closed before date that the acting login may erase (its
 * own as stafettholder; every one for a kommune administrator), and,
 * unless dry_run, erase each as plan_delete does. */
int plan_retention(struct db *db, const char *before, int dry_run, int no_archive, const char *why,
		   struct plan_retention_item **out, size_t *n, struct strbuf *err);
void plan_retention_free(struct plan_retention_item *v, size_t n);

#endif
