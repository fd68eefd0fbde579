/* knowledge.h - the knowledge tables' shared vocabulary: which tables
 * there are (risk and protective factors, meeting forums, strategic grips,
 * Senja's table 8) and the row callback every layer uses to walk them.
 * Values come in the order of the table's column list; read them by
 * column name with knowledge_get(), never by position. */
#ifndef TRAPP_KNOWLEDGE_H
#define TRAPP_KNOWLEDGE_H

enum knowledge_table { KT_FACTOR, KT_FORUM, KT_GRIP, KT_BEHAVIOUR, KT_COUNT };

/* Called once per row; return non-zero to stop. */
typedef int (*knowledge_row_fn)(void *ctx, const char *const *values);

/* Column names of a knowledge table, in row order (NULL-terminated). */
const char *const *db_ktable_columns(enum knowledge_table t);
/* The value of the named column in a row of table t; "" when the table
 * has no such column (a programming error, caught by the unit tests). */
const char *knowledge_get(enum knowledge_table t, const char *const *values, const char *column);

#endif
