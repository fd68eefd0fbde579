/* db_backup.h - copies and health of the database file (src/store/
 * db_backup.c): an online backup that is consistent while others write,
 * restoring from a checked copy, the check (integrity, foreign keys, file
 * permissions, schema version) and salvaging what can still be read from
 * a damaged file. Reports are bokmål lines for the user. */
#ifndef TRAPP_DB_BACKUP_H
#define TRAPP_DB_BACKUP_H

struct db;
struct strbuf;

/* Copy the open database to dest (a new file, 0600) with SQLite's online
 * backup API: one read transaction, so the copy is one consistent moment
 * even while other processes write (what they committed before it is in
 * the copy, WAL included). dest must not exist. 0 or -1 with err. */
int db_backup_to(struct db *db, const char *dest, struct strbuf *err);

/* Check the file at path without changing it: permissions (0600, not
 * readable by others), schema version, PRAGMA integrity_check and
 * foreign_key_check, and what it holds. Appends the report; returns the
 * number of problems found (0 = healthy), or -1 when the file cannot be
 * opened at all (err). *version: the file's schema version (-1 unknown;
 * version may be NULL). */
int db_check_file(const char *path, struct strbuf *report, struct strbuf *err, int *version);

/* Copy what can still be read from the (damaged) file src into a new
 * trapp database out (0600, created with the current schema, no seed):
 * table by table, row by row in rowid order, skipping past pages that
 * fail to read. SQLite 3.40 has no sqlite3_recover (3.44+), so this reads
 * through the normal query layer. Appends per-table counts to report.
 * 0 or -1 with err. */
int db_salvage(const char *src, const char *out, struct strbuf *report, struct strbuf *err);

/* Replace the open database's content with the file src, after checking
 * it (db_check_file: no integrity or foreign-key problem, a trapp schema
 * this build knows). The current content is first saved beside it as
 * saved_to (returned, caller frees). 0 or -1 with err. */
int db_restore_from(struct db *db, const char *src, char **saved_to, struct strbuf *err);

#endif
