/* catalog_record.h - the catalogue records as storage keeps them and the
 * model reads them: free functions for a level, a service and a
 * catalogue's records, and the code lists storage writes and parses (the
 * prevention levels, where a service's ages come from). A layer of its own
 * (src/record/) between base and store, so storage needs no model code.
 * The structs themselves are declared in level.h and catalog.h. */
#ifndef TRAPP_CATALOG_RECORD_H
#define TRAPP_CATALOG_RECORD_H

struct level;
struct service;
struct catalog;

/* Where a service's ranges come from. */
enum age_basis {
	AGE_STATED,   /* parsed from the age text */
	AGE_TEXT,     /* curated from the service's other text */
	AGE_INFERRED, /* judged from target group; marked everywhere */
	AGE_UNKNOWN,  /* no age: matches every age, marked everywhere */
};

const char *age_basis_code(enum age_basis b);
/* "" and "stated" → AGE_STATED; returns -1 for an unknown code. */
int age_basis_parse(const char *code, enum age_basis *out);

const char *level_prevention_code(int i);   /* 0..2 → universelt.. */
const char *level_prevention_label(int i);  /* "Universelt" .. */
/* "universelt;indikert" → bits. 0 or -1 (unknown code in *bad, caller frees). */
int level_prevention_parse(const char *codes, unsigned *mask, char **bad);

/* The service with row id in c's id-ordered array (binary search), or NULL. */
struct service *catalog_service_by_id(struct catalog *c, long long id);
/* "a;b" + "c" -> "a;b;c" in the heap string *slot (NULL starts one), without
 * printf: storage runs it for every level and need of every service. */
void catalog_code_append(char **slot, const char *code);

void level_free(struct level *l);
void service_free(struct service *s);
/* Every record of c (kommune, levels, needs, services, the scan keys);
 * leaves c zeroed. The search's index is freed by catalog_free. */
void catalog_record_free(struct catalog *c);

#endif
