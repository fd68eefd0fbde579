/* session.h - what a front end (the commands, the full-screen view)
 * opens and talks to: the database (the user's own or a throwaway demo),
 * the kommune and its catalogue, settings, the kommuner, the knowledge
 * tables, and a generation counter that moves whenever the data may have
 * changed (a commit through this session, or one by another process). The
 * front ends never include the storage headers: model calls take
 * session->db as an opaque handle. Errors come back in err, in bokmål,
 * without personal data. */
#ifndef TRAPP_SESSION_H
#define TRAPP_SESSION_H

#include "trapp/catalog.h"
#include "trapp/knowledge.h"

#include <stddef.h>

struct db;
struct strbuf;

/* Return codes: the same numbers as the exit status a command gives. */
enum { SESSION_OK = 0, SESSION_FAIL = 1, SESSION_BAD_VALUE = 2 };

struct session_opts {
	const char *db_path;   /* --db; NULL: $TRAPP_DB or the default path */
	const char *kommune;   /* --kommune; NULL: the remembered one, else tromso */
	int demo;              /* a throwaway demo database (removed on close) */
	int catalog;           /* resolve the kommune and load its catalogue */
	int allow_shared;      /* write plans into a file others can read */
};

struct session {
	struct db *db;         /* opaque: pass to the model (plan_*, import_*) */
	char *kommune;         /* the kommune in use (code), or NULL */
	struct catalog cat;    /* its catalogue, when loaded */
	int has_catalog;
	int demo;
	/* generation bookkeeping (session_generation) */
	unsigned long gen, seen_commits;
	long seen_data_version;
	int unreachable;       /* the last data version could not be read */
	int reach_news;        /* -1 lost, 1 back, 0 (session_reach_news) */
};

/* Open the database (creating and migrating it), and with o->catalog the
 * kommune and its catalogue. SESSION_OK, or SESSION_FAIL / SESSION_BAD_VALUE
 * (an unknown kommune: err names the valid ones) with s closed. */
int session_open(struct session *s, const struct session_opts *o, struct strbuf *err);
/* Close everything (a demo database is removed). Safe on a failed open. */
void session_close(struct session *s);

/* The kommune code to use: explicit, else the remembered default, else
 * "tromso"; checked to exist. Caller frees *code. SESSION_BAD_VALUE names
 * the valid choices. */
int session_kommune(struct session *s, const char *explicit_code, char **code, struct strbuf *err);
/* Load another kommune's catalogue in place of the current one (the old
 * one is kept on failure). remember: store it as the default. */
int session_use_kommune(struct session *s, const char *code, int remember, struct strbuf *err);
/* Load a kommune's catalogue into out (the caller frees it with
 * catalog_free), without changing the session's own. */
int session_load_catalog(struct session *s, const char *code, struct catalog *out, struct strbuf *err);

/* A number that changes whenever the data may have changed since the last
 * call: a commit through this session or by another process. Cheap (one
 * PRAGMA); screens compare it with the generation they loaded at. */
unsigned long session_generation(struct session *s);
/* Once per change: -1 when session_generation could no longer read the
 * database (a server that went away: the screens keep what they show),
 * 1 when it answers again (the screens have loaded again), else 0. For
 * telling the user. */
int session_reach_news(struct session *s);
/* The caller has just loaded what this session's own last commit wrote
 * (a plan opened, with its read-log row): that commit does not make the
 * screens load again. Other processes' changes are still seen. */
void session_absorb_own_commits(struct session *s);

/* Settings: get returns NULL when unset (caller frees); put writes n pairs
 * in one transaction. */
char *session_setting(struct session *s, const char *key);
int session_settings_put(struct session *s, const char *const *keys, const char *const *values,
			 size_t n, struct strbuf *err);

/* Every kommune (code, name, model ...), sorted as stored. */
int session_kommuner(struct session *s, struct kommune **out, size_t *n, struct strbuf *err);
void session_kommuner_free(struct kommune *k, size_t n);
/* While stop() returns non-zero (a signal came), a running query stops
 * with an error instead of running to its end (db_set_interrupt). */
void session_set_interrupt(struct session *s, int (*stop)(void));
/* Number of services of a kommune without loading its catalogue; -1 on
 * error (session_error says why). */
long session_service_count(struct session *s, const char *kommune);

/* Walk a knowledge table's rows of one kommune (NULL: of every kommune,
 * in kommune order). Read values with knowledge_get(). */
int session_knowledge(struct session *s, enum knowledge_table t, const char *kommune, knowledge_row_fn fn,
		      void *ctx, struct strbuf *err);

/* Warnings to show on every start, one per line ("" when none): the file
 * is readable by others (with the chmod that fixes it), or opened
 * read-only. */
const char *session_notes(const struct session *s);

/* trapp backup / restore / check (src/store/db_backup.c). backup and
 * restore work on the open session; check and salvage on the file the
 * options name, without opening it as a session (a damaged file must not
 * be migrated). check returns the number of problems, -1 when the file
 * cannot be read. */
int session_backup(struct session *s, const char *dest, struct strbuf *err);
int session_restore(struct session *s, const char *src, char **saved_to, struct strbuf *err);
int session_check(const struct session_opts *o, struct strbuf *report, struct strbuf *err);
int session_salvage(const struct session_opts *o, const char *out, struct strbuf *report,
		    struct strbuf *err);

/* trapp admin init: prepare the PostgreSQL database o->db_path names
 * (schema, roles, policies, the shipped catalogues). 0 or -1 with err. */
int session_admin_init(const struct session_opts *o, struct strbuf *report, struct strbuf *err);

/* trapp migrate: copy the SQLite file from into the PostgreSQL database
 * to (see db_migrate_start), verify the audit chains on arrival, and
 * commit only then: all or nothing. Appends what was copied to report.
 * SESSION_OK, SESSION_FAIL or SESSION_BAD_VALUE (wrong kinds of --from or
 * --to), with err. */
int session_migrate(const char *from, const char *to, struct strbuf *report, struct strbuf *err);

/* The storage path (for messages and the demo). */
const char *session_path(const struct session *s);
/* The last storage error, for a caller that just got -1 from a model
 * function that reports through the storage layer. */
const char *session_error(const struct session *s);
/* A need list for commands that print every need (caller frees with
 * session_needs_free). */
int session_needs(struct session *s, struct need **out, size_t *n, struct strbuf *err);
void session_needs_free(struct need *nd, size_t n);

#endif
