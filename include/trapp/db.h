/* db.h - storage. The only module that talks to SQLite (src/db*.c): opening
 * and migrating the database, settings, and the catalogue and knowledge
 * tables. Every function returns 0 on success or -1 with the reason in
 * db_error(); strings returned through out-parameters are owned by the
 * caller. */
#ifndef TRAPP_DB_H
#define TRAPP_DB_H

#include "trapp/catalog.h"
#include "trapp/knowledge.h"

#include <stddef.h>

#define DB_SCHEMA_VERSION 10

struct db;
struct strbuf;

/* Called inside the migration transaction after the schema reached a
 * version in (from, to]: loads the data introduced by those versions. */
typedef int (*db_seed_fn)(struct db *db, int from, int to, struct strbuf *err);

/* Resolve the database path: explicit (from --db), else $TRAPP_DB, else
 * $XDG_DATA_HOME/trapp/trapp.db, else ~/.local/share/trapp/trapp.db.
 * *is_default is set when the last two apply (the directory is created). */
char *db_default_path(const char *explicit_path, int *is_default);

/* Open (creating 0600 when missing) and migrate to DB_SCHEMA_VERSION, or to
 * target_version when > 0 (tests). A database newer than this build is
 * refused unchanged. On error returns NULL with the message in err. */
struct db *db_open(const char *path, int target_version, db_seed_fn seed, struct strbuf *err);
void db_close(struct db *db);
/* 1 when path names a PostgreSQL database rather than a file: a
 * postgresql:// or postgres:// URI, or a conninfo with "=" in it
 * ("service=trapp", "host=/run/postgresql dbname=trapp"). */
int db_is_server(const char *path);
/* PostgreSQL: create (or upgrade) trapp's schema, the roles trapp_admin
 * and trapp_coordinator, the privileges, row-level security policies and
 * server-side triggers in the database conninfo names, and load the
 * shipped catalogues through seed, in one transaction. Run by the
 * database's owner. Appends what was done to report. 0 or -1 with err. */
int db_admin_init(const char *conninfo, db_seed_fn seed, struct strbuf *report, struct strbuf *err);
/* trapp migrate: copy the open SQLite database src (catalogues, plans,
 * members, history, the audit trail and read log with their hashes) into
 * the PostgreSQL database conninfo names, which admin init prepared and
 * which holds no plans yet, inside one server transaction, run by that
 * database's owner. Returns the target still in that transaction, so the
 * caller can verify what arrived; db_migrate_finish then commits (commit
 * non-zero) or rolls everything back, and closes it. NULL with err. */
struct db *db_migrate_start(struct db *src, const char *conninfo, struct strbuf *report, struct strbuf *err);
int db_migrate_finish(struct db *dst, int commit, struct strbuf *err);
/* Warnings to show the user on every start (file readable by others,
 * opened read-only), one per line, "" when none. */
const char *db_notes(const struct db *db);
/* 1 when the file or its directory cannot be written: reads work, every
 * db_begin fails with a message saying so. */
int db_read_only(const struct db *db);
/* Allow plan writes into a file others can read (--allow-shared). */
void db_allow_shared(struct db *db, int allow);
/* While stop() returns non-zero (a signal arrived), any running query
 * stops with an error instead of running to its end, so Ctrl-C is obeyed
 * within a millisecond even during a long read. NULL: never. */
void db_set_interrupt(struct db *db, int (*stop)(void));
const char *db_error(const struct db *db);
int db_version(struct db *db);
const char *db_path(const struct db *db);
/* The group/other permission bits of the database file (0 when only the
 * owner can use it): with SQLite the file's permissions are the boundary
 * between users, whatever the plans' members say. */
int db_file_shared(const struct db *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int db_begin(struct db *db);
/* db_begin for writes of personal data (plans): refused while the file is
 * readable by group or others, unless db_allow_shared. */
int db_begin_private(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
/* Transactions this connection has committed (db_commit), and SQLite's
 * data_version, which changes when another connection commits: together
 * they tell a screen that what it loaded may be stale. */
unsigned long db_commits(const struct db *db);
long db_data_version(struct db *db);
/* The data version to remember after this connection's last commit,
 * given the one remembered before it: on PostgreSQL the server's
 * generation moves with our own writes too, and when only our last
 * transaction moved it since `seen` (its moves follow `seen` with no one
 * else's between them) its last value is returned, so a screen that
 * already holds what it wrote need not load again; otherwise `seen`
 * (load again). SQLite's data_version ignores our own commits: `seen`. */
long db_data_version_after_own(struct db *db, long seen);
/* Rows this connection has inserted, updated or deleted since it opened
 * (rolled-back changes included). With db_data_version: when neither
 * moved, nothing in the database changed. */
long long db_total_changes(struct db *db);

/* Settings (key/value). get returns NULL when unset. */
char *db_setting_get(struct db *db, const char *key);
int db_setting_set(struct db *db, const char *key, const char *value);

/* --- catalogue ----------------------------------------------------- */
int db_need_put(struct db *db, const char *code, const char *label, const char *desc);
int db_level_put(struct db *db, const char *model, const struct level *l);
int db_kommune_put(struct db *db, const struct kommune *k);
int db_kommune_list(struct db *db, struct kommune **out, size_t *n);
void db_kommune_list_free(struct kommune *k, size_t n);
/* Number of services of a kommune (an index count: nothing is loaded),
 * -1 on error. */
long db_service_count(struct db *db, const char *kommune);
/* 1 when the kommune exists, 0 when not, -1 on error. */
int db_kommune_exists(struct db *db, const char *code);
/* Insert or update a service by (kommune, slug); levels by code of the
 * kommune's model, needs by code. */
int db_service_put(struct db *db, const char *kommune, const struct service *s);
/* The curated values of a service an import removes, kept so that a later
 * import bringing it back (same name) restores them. Strings as exported:
 * needs "a;b", age_ranges "0-6;18-20", age_basis a code. */
struct db_removed {
	char *slug, *name, *target, *needs, *age_ranges, *age_basis, *notes, *aliases, *source;
};
int db_removed_put(struct db *db, const char *kommune, const struct db_removed *r);
/* Every kept service of kommune; free with db_removed_free. */
int db_removed_load(struct db *db, const char *kommune, struct db_removed **out, size_t *n);
void db_removed_free(struct db_removed *v, size_t n);

/* Set a service's aliases and notes (the seed's step to schema 5). */
int db_service_notes_set(struct db *db, const char *kommune, const char *slug, const char *aliases,
			 const char *notes);
int db_service_delete(struct db *db, const char *kommune, const char *slug);
/* Read the kommune's catalogue records (levels, needs, services), not
 * finished: catalog_load (the model) reads and finishes it. */
int db_catalog_read(struct db *db, const char *kommune, struct catalog *out);
/* Codes of every level model, sorted (appended to out). */
struct strvec;
int db_level_models(struct db *db, struct strvec *out);
/* Levels of a model (ordered). */
int db_levels_load(struct db *db, const char *model, struct level **out, size_t *n);
int db_needs_load(struct db *db, struct need **out, size_t *n);

/* --- knowledge tables (text rows per kommune) ----------------------- */
int db_ktable_insert(struct db *db, enum knowledge_table t, const char *const *values);
/* Calls fn for each row of the kommune, in document order. values has the
 * columns of db_ktable_columns(). */
int db_ktable_list(struct db *db, enum knowledge_table t, const char *kommune, knowledge_row_fn fn, void *ctx);

#endif
