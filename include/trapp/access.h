/* access.h - who is who (src/model/access.c): the acting login and its
 * display name, the kommune administrator role (manages users and the
 * catalogues, sees no plan content unless a member), plan members and
 * their roles, and the read log. The rules:
 *   - every plan command and view needs membership (any role reads);
 *   - stafettholder and aktør change the plan's work (concerns, goals,
 *     steps, meetings, needs); only the stafettholder changes level,
 *     consent, services, people, members, hands over, closes, corrects
 *     and deletes;
 *   - the stafettholder and a leder see the read log;
 *   - only the login a hand-over names accepts it; until then that login
 *     may read the plan.
 * A non-member is told "ingen tilgang" in the same words whether or not
 * the plan exists (PLAN_REFUSED), except a kommune administrator, who
 * gets PLAN_DENIED for a plan that exists (CLI exit 3). */
#ifndef TRAPP_ACCESS_H
#define TRAPP_ACCESS_H

#include "trapp/plan.h"
#include "trapp/plan_refusal.h"

struct db;

/* The group/other permission bits of the database file (0: only its
 * owner): with SQLite the file is the boundary between users. */
int access_file_shared(struct db *db);
/* The login's display name, else the login. Caller frees. */
char *access_display_name(struct db *db, const char *login);
/* 1 when login is a kommune administrator, 0 when not, -1 on error. */
int access_is_admin(struct db *db, const char *login);
/* Set the acting login's own display name (never another's). */
int access_set_name(struct db *db, const char *name, struct strbuf *err);
/* A kommune administrator grants or takes back the role (not the last). */
int access_set_admin(struct db *db, const char *login, int admin, struct strbuf *err);
/* Refused (PR_ADMIN_ONLY with task, plan_refusal.h) unless the acting
 * login is a kommune administrator. */
int access_need_admin(struct db *db, enum plan_admin_task task, struct strbuf *err);

struct access_user {
	char *login, *name;
	int admin;
};
/* Every known login (administrators only). */
int access_users(struct db *db, struct access_user **out, size_t *n, struct strbuf *err);
void access_users_free(struct access_user *u, size_t n);

/* The login's role in p, ROLE_READER for the login a pending hand-over
 * names, else -1. */
int plan_role_of(const struct plan *p, const char *login);
const struct plan_member *plan_member_find(const struct plan *p, const char *login);

/* The stafettholder adds a member (an aktør names one of the plan's
 * services), changes a member's role (add again), or removes one (not
 * the stafettholder: hand over instead). Audited. */
int plan_add_member(struct db *db, long id, const char *login, enum plan_role role, const char *service,
		    struct strbuf *err);
int plan_remove_member(struct db *db, long id, const char *login, struct strbuf *err);

/* The read log of a plan, oldest first (stafettholder and leder). */
struct plan_access_entry {
	char *at, *who;
	enum plan_access_how how;
};
int plan_access_log(struct db *db, long id, struct plan_access_entry **out, size_t *n, struct strbuf *err);
/* The same for a plan the caller has just loaded (its role decides), without
 * loading it again. */
int plan_access_log_of(struct db *db, const struct plan *p, struct plan_access_entry **out, size_t *n,
		       struct strbuf *err);
void plan_access_log_free(struct plan_access_entry *e, size_t n);

#endif
