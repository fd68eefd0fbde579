/* db_internal.h - what the storage files share: the connection struct and
 * small statement helpers that record the failing SQL in the error. Only
 * included by src/db*.c. */
#ifndef TRAPP_DB_INTERNAL_H
#define TRAPP_DB_INTERNAL_H

#include "trapp/db.h"
#include "trapp/util.h"

#include <sqlite3.h>
#include <stdio.h>

struct db {
	sqlite3 *h;
	char *path;
	struct strbuf err;
	unsigned long commits;   /* transactions this connection committed */
};

/* Prepare sql; on failure sets the error (with the SQL) and returns NULL. */
sqlite3_stmt *dbi_prep(struct db *db, const char *sql);
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
