/* hsds_schema.h - the HSDS 3.0 tables trapp exports (private to src/io:
 * hsds.c writes them, hsds_schema.c describes them). */
#ifndef TRAPP_IO_HSDS_SCHEMA_H
#define TRAPP_IO_HSDS_SCHEMA_H

enum { F_REQUIRED = 1, F_UNIQUE = 2 };

struct hsds_col {
	const char *name, *type, *format;  /* format NULL when the spec gives none */
	int flags;
	const char *const *enumv;          /* allowed values, NULL-terminated, or NULL */
};

struct hsds_fk {
	const char *field, *resource;      /* field refers to resource's id */
};

enum { HSDS_MAX_COLS = 24, HSDS_MAX_FKS = 3 };

struct hsds_table {
	const char *name, *path, *description;
	struct hsds_col cols[HSDS_MAX_COLS];   /* ends at name NULL */
	struct hsds_fk fks[HSDS_MAX_FKS];      /* ends at field NULL */
};

enum {
	T_ORGANIZATION, T_SERVICE, T_ATTRIBUTE, T_LOCATION, T_SERVICE_AT_LOCATION,
	T_ADDRESS, T_SCHEDULE, T_TAXONOMY, T_TAXONOMY_TERM, T_COUNT
};

extern const struct hsds_table hsds_tables[T_COUNT];

#endif
