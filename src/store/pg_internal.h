/* pg_internal.h - the PostgreSQL backend's shared helpers and the pg_*
 * implementations the public storage functions dispatch to (one line at
 * the top of each: `if (db->pg) return pg_...`). Only src/store/pg*.c and
 * the dispatching db*.c include it; nothing above src/store sees libpq. */
#ifndef TRAPP_PG_INTERNAL_H
#define TRAPP_PG_INTERNAL_H

#include "db_internal.h"
#include "trapp/db_access.h"
#include "trapp/db_plan.h"

#include <libpq-fe.h>

#define PGX_CACHE 160  /* statements prepared per connection */

struct pg_state {
	const char *key[PGX_CACHE];   /* the SQL constant each was made from */
	char *text[PGX_CACHE];        /* its copy: a reused buffer address is not a hit */
	int nparams[PGX_CACHE];
	int ready[PGX_CACHE];         /* prepared on the server (from the second use) */
	long long changes;            /* rows written by this connection */
	long own_first, own_last;     /* the generation values our last commit took,
	                                 one after the other (0: none, or others' between) */
	int (*stop)(void);            /* db_set_interrupt */
	int in_tx;                    /* between pg_begin and its commit or rollback */
};

/* 1 when s names a PostgreSQL database: a postgresql:// or postgres://
 * URI, or a conninfo holding "=" ("service=trapp", "host=/tmp dbname=x"). */
int pg_is_conninfo(const char *s);

/* Run sql with n text parameters (NULL = SQL NULL), prepared once per
 * connection (sql must be a constant). Returns the result (PQclear it),
 * or NULL with the reason in db_error(). */
PGresult *pgx(struct db *db, const char *sql, int n, const char *const *params);
/* count statements sharing the same n parameters, sent in one round
 * trip (libpq's pipeline mode) and prepared as pgx prepares them; out[k]
 * is statement k's result (PQclear each). 0, or -1 with the reason in
 * db_error() and every out[k] NULL. */
int pgx_batch(struct db *db, size_t count, const char *const *sqls, int n, const char *const *params,
	      PGresult **out);
/* pgx for a command: 0 or -1. */
int pgx_cmd(struct db *db, const char *sql, int n, const char *const *params);
/* Parameterless SQL, possibly several statements (schema, BEGIN). */
int pgx_exec(struct db *db, const char *sql);
/* A long long / int as a parameter string in buf (24 bytes). */
const char *pgx_ll(char *buf, long long v);
/* Column text of row i (never NULL) / copy of it / as a number. */
const char *pgx_val(const PGresult *r, int row, int col);
char *pgx_dup(const PGresult *r, int row, int col);
long long pgx_ll_at(const PGresult *r, int row, int col);
/* Record an error (bokmål) from a failed result or the connection. -1. */
int pgx_fail(struct db *db, const PGresult *r);

/* The message for a command that works on a SQLite file only (backup,
 * restore, check, salvage): what to use with PostgreSQL instead. -1. */
int pg_not_a_file(struct strbuf *err, const char *command);

/* --- db.c ------------------------------------------------------------- */
struct db *pg_open(const char *conninfo, int target_version, db_seed_fn seed, struct strbuf *err);
void pg_close(struct db *db);
int pg_begin(struct db *db);
int pg_commit(struct db *db);
void pg_rollback(struct db *db);
long pg_data_version(struct db *db);
long pg_data_version_after_own(struct db *db, long seen);
char *pg_setting_get(struct db *db, const char *key);
int pg_setting_set(struct db *db, const char *key, const char *value);
int pg_admin_init(const char *conninfo, db_seed_fn seed, struct strbuf *report, struct strbuf *err);

/* --- db_catalog.c ------------------------------------------------------ */
int pg_need_put(struct db *db, const char *code, const char *label, const char *desc);
int pg_level_put(struct db *db, const char *model, const struct level *l);
int pg_kommune_put(struct db *db, const struct kommune *k);
int pg_kommune_list(struct db *db, struct kommune **out, size_t *n);
long pg_service_count(struct db *db, const char *kommune);
int pg_kommune_exists(struct db *db, const char *code);
int pg_service_put(struct db *db, const char *kommune, const struct service *s);
int pg_removed_put(struct db *db, const char *kommune, const struct db_removed *r);
int pg_removed_load(struct db *db, const char *kommune, struct db_removed **out, size_t *n);
int pg_service_notes_set(struct db *db, const char *kommune, const char *slug, const char *aliases,
			 const char *notes);
int pg_service_delete(struct db *db, const char *kommune, const char *slug);
int pg_catalog_read(struct db *db, const char *kommune, struct catalog *out);
int pg_level_models(struct db *db, struct strvec *out);
int pg_levels_load(struct db *db, const char *model, struct level **out, size_t *n);
int pg_needs_load(struct db *db, struct need **out, size_t *n);
int pg_ktable_insert(struct db *db, enum knowledge_table t, const char *const *values);
int pg_ktable_list(struct db *db, enum knowledge_table t, const char *kommune, knowledge_row_fn fn,
		   void *ctx);

/* --- pg_plan.c and pg_access.c: the db_plan.h and db_access.h functions --- */
/* Run sql with arguments by a format: 'l' long, 'i' int, 's' text (NULL
 * is ""), 'o' optional text ("" or NULL is SQL NULL); the result, or
 * NULL with the error set. pg_run: a write; pg_run_one: a write that must
 * touch exactly one row. */
PGresult *pg_q(struct db *db, const char *sql, const char *fmt, ...);
int pg_run(struct db *db, const char *sql, const char *fmt, ...);
int pg_run_one(struct db *db, const char *sql, const char *fmt, ...);
int pg_plan_load(struct db *db, long id, struct plan *out);
int pg_plan_ids(struct db *db, int open_only, long **ids, size_t *n);
int pg_plan_rows(struct db *db, const char *login, long offset, long limit, db_plan_row_fn fn, void *ctx);
int pg_plan_count(struct db *db, const char *login, long *n);
int pg_plan_due_rows(struct db *db, const char *login, const char *until, db_due_row_fn fn, void *ctx);
int pg_service_name(struct db *db, const char *kommune, const char *slug, char **name);
int pg_plan_insert(struct db *db, const struct plan *p, long *id);
int pg_plan_level(struct db *db, long id, const struct plan_level_change *c);
int pg_plan_concern_add(struct db *db, long id, const struct plan_concern *c);
int pg_plan_consent_add(struct db *db, long id, const struct plan_consent *c);
int pg_plan_consent_withdraw(struct db *db, long consent_id, const char *date);
int pg_plan_service_add(struct db *db, long id, const struct plan_service *s);
int pg_plan_person_add(struct db *db, long id, const struct plan_person *pp);
int pg_plan_goal_add(struct db *db, long id, const struct plan_goal *g);
int pg_plan_goal_text(struct db *db, long id, int no, const char *text);
int pg_plan_goal_status(struct db *db, long id, int no, enum plan_goal_status status);
int pg_plan_step_add(struct db *db, long id, const struct plan_step *s);
int pg_plan_step_update(struct db *db, long id, const struct plan_step *s);
int pg_plan_meeting_add(struct db *db, long id, const struct plan_meeting *m);
int pg_plan_holder_add(struct db *db, long id, const struct plan_holder *h);
int pg_plan_holder_set(struct db *db, long holder_id, enum plan_handover state, const char *accepted);
int pg_plan_service_remove(struct db *db, long id, const char *slug);
int pg_plan_person_remove(struct db *db, long id, const char *name);
int pg_plan_needs_set(struct db *db, long id, const struct strvec *codes);
int pg_plan_close(struct db *db, long id, const char *date, enum plan_close_reason reason, const char *why,
		  const char *summary);
int pg_plan_reminder_ids(struct db *db, const char *login, const char *until, long **ids, size_t *n);
int pg_plan_meeting_ids(struct db *db, const char *login, const char *from, long **ids, size_t *n);
int pg_plan_find(struct db *db, const char *login, const struct db_plan_where *w, long offset, long limit,
		 db_plan_row_fn fn, void *ctx);
int pg_plan_find_count(struct db *db, const char *login, const struct db_plan_where *w, long *n);
int pg_plan_audit_add(struct db *db, long id, const struct plan_audit *a);
int pg_plan_touch(struct db *db, long id);
int pg_plan_last_change(struct db *db, long id, const char *item, char **who, char **at);
int pg_user_get(struct db *db, const char *login, char **name, int *admin);
int pg_user_set_name(struct db *db, const char *login, const char *name);
int pg_user_set_admin(struct db *db, const char *login, int admin);
int pg_user_list(struct db *db, db_user_fn fn, void *ctx);
int pg_admin_count(struct db *db);
int pg_member_add(struct db *db, long plan, const char *login, const char *role, const char *service,
		  const char *added);
int pg_member_set(struct db *db, long plan, const char *login, const char *role, const char *service);
int pg_member_remove(struct db *db, long plan, const char *login);
int pg_member_plans(struct db *db, const char *login, int open_only, long **ids, size_t *n);
int pg_chain_last(struct db *db, enum db_chain c, long long *id, char **hash);
int pg_chain_walk(struct db *db, enum db_chain c, long plan, db_chain_fn fn, void *ctx);
int pg_access_add(struct db *db, long long id, long plan, const char *at, const char *who,
		  const char *how, const char *hash);
int pg_audit_after(struct db *db, long plan, const char *action, const char *after_action);
int pg_plan_field_set(struct db *db, long plan, const char *field, const char *value);
int pg_plan_concern_text_set(struct db *db, long plan, long concern, const char *text);
int pg_plan_person_field_set(struct db *db, long plan, long person, const char *field, const char *value);
int pg_correction_add(struct db *db, long plan, const char *field, long row);
int pg_plan_erase(struct db *db, long plan, const char *date);
int pg_scrub(struct db *db);
int pg_plans_closed_before(struct db *db, const char *date, long **ids, size_t *n);

/* --- the schema (pg_schema.c) -------------------------------------------- */
/* pg_migrations[i] takes the PostgreSQL schema from version i to i+1. */
extern const char *const pg_migrations[];
extern const int pg_schema_version;

#endif
