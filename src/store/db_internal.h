/* db_internal.h - what the storage files share: the connection struct and
 * small statement helpers that record the failing SQL in the error. Only
 * included by src/db*.c. */
#ifndef TRAPP_DB_INTERNAL_H
#define TRAPP_DB_INTERNAL_H

#include "trapp/db.h"
#include "trapp/util.h"

#include <sqlite3.h>
#include <stdio.h>

#define DBI_CACHE 128  /* statements kept prepared per connection (about 60 are used) */

struct db {
	sqlite3 *h;
	char *path;
	struct strbuf err;
	struct strbuf notes;     /* warnings for the user, one per line */
	int read_only;           /* opened SQLITE_OPEN_READONLY */
	int exposed;             /* the file is readable by group or others */
	int allow_shared;        /* write plans into it anyway (--allow-shared) */
	sqlite3_stmt *cache[DBI_CACHE];
	const char *cache_key[DBI_CACHE];  /* the SQL constant each was made from */
	char *kom_code;        /* the last kommune looked up by code ... */
	long long kom_id;      /* ... and its row id (forgotten on rollback) */
	unsigned long commits;   /* transactions this connection committed */
	int schema;              /* the schema version, kept by db_open and migrate */
	/* The PostgreSQL backend (src/store/pg*.c): the connection when
	 * db_open was given a conninfo or URI, else NULL (SQLite, h set). */
	struct pg_conn *pg;
	struct pg_state *pgs;    /* its statement cache and counters */
};

/* Prepare sql; on failure sets the error (with the SQL) and returns NULL. */
sqlite3_stmt *dbi_prep(struct db *db, const char *sql);
/* The statement for sql, prepared once per connection and kept (reset,
 * bindings cleared): for statements run often (per plan, per imported
 * row). sql must be a string constant: the cache knows it by its address. Never finalise it; hand it back with dbi_done once its rows are
 * read. Not for a statement whose rows are still being read by a caller
 * up the stack (the same SQL twice at once). NULL with the error set. */
sqlite3_stmt *dbi_cached(struct db *db, const char *sql);
/* Finished with st: a cached statement is reset, any other finalised. */
void dbi_done(struct db *db, sqlite3_stmt *st);
/* Step st once (a write) and dbi_done it. 0 or -1. */
int dbi_step_done(struct db *db, sqlite3_stmt *st);
/* Record the connection's current error for sql; returns -1. */
int dbi_fail(struct db *db, const char *sql);
/* Bind a text (NULL binds ""). */
void dbi_text(sqlite3_stmt *st, int i, const char *s);
/* Step a statement expected to finish (INSERT/UPDATE/DELETE); finalises
 * it. 0 or -1. */
int dbi_exec_stmt(struct db *db, sqlite3_stmt *st);
/* Execute fixed SQL without parameters (schema, pragmas). */
int dbi_exec(struct db *db, const char *sql);
/* Column text, never NULL; copy. */
char *dbi_col(sqlite3_stmt *st, int i);
/* Row id of the row matching a single-text-parameter query, or -1 when
 * absent, -2 on error. */
long long dbi_id(struct db *db, const char *sql, const char *param);

#endif
