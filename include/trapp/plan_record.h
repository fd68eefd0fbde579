/* plan_record.h - the records of a child's coordination plan (stafettlogg)
 * as storage keeps them and the model reads them: the closed word lists,
 * the plan and its parts, and the strings a plan owns. A layer of its own
 * (src/record/) between base and store, so storage needs no model code.
 * A struct plan is owned by the caller (plan_free); its strings are never
 * NULL ("" = absent). */
#ifndef TRAPP_PLAN_RECORD_H
#define TRAPP_PLAN_RECORD_H

#include "trapp/util.h"

#include <stddef.h>

#define PLAN_LEVEL_MAX 3
#define PLAN_DATE_LEN 11  /* "YYYY-MM-DD" and NUL */

/* Closed word lists: stored as the ASCII code, shown as the label, parsed
 * from either (ignoring case and accents: "pågår" = "pagar"). */
enum plan_vocab { VOCAB_STEP, VOCAB_GOAL, VOCAB_CLOSE, VOCAB_CONSENT_BY, VOCAB_HANDOVER, VOCAB_ROLE,
		  VOCAB_ACCESS, VOCAB_COUNT };
enum plan_step_status { STEP_PLANNED, STEP_ONGOING, STEP_DONE, STEP_CANCELLED };
enum plan_goal_status { GOAL_ACTIVE, GOAL_MET, GOAL_PARTLY_MET, GOAL_NOT_MET, GOAL_DROPPED };
enum plan_close_reason { CLOSE_GOALS_MET, CLOSE_CONSENT_WITHDRAWN, CLOSE_TO_IP,
			 CLOSE_TO_CHILD_COORDINATOR, CLOSE_MOVED, CLOSE_TO_CHILD_WELFARE,
			 CLOSE_OTHER /* "annet": needs the why */ };
/* Who gave consent: the foresatte (code "foreldre", shown "foresatte"),
 * the youth from the kommune's consent age, or both together. */
enum plan_consent_by { CONSENT_BY_PARENTS, CONSENT_BY_YOUTH, CONSENT_BY_BOTH };
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
	char *guardians;           /* names of the foresatte who gave it ("" = not recorded) */
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
	char *close_why;         /* the reason in words (required for "annet") */
	char *close_summary;     /* the closing summary: evaluation of the goals */
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

/* Marks what a correction row names as corrected: the plan's own field
 * ("child", "born", "unit"), or the concern or person with that row id
 * ("concern", "person-name", "person-role", "person-contact"). Both
 * storage backends call it for each stored correction. */
void plan_mark_corrected(struct plan *p, const char *field, long row);

#endif
