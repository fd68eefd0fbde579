/* load.h - loading the embedded catalogue and knowledge data into a new or
 * migrated database (the db_seed_fn given to db_open). */
#ifndef TRAPP_LOAD_H
#define TRAPP_LOAD_H

#include "trapp/db.h"
#include "trapp/diag.h"

/* Seeds data introduced by schema versions (from, to]. */
int load_seed(struct db *db, int from, int to, struct strbuf *err);
/* Read one embedded service file for a kommune without touching the
 * database beyond reading its levels; problems go to d. Used by the seed
 * and by tests that check the data. */
struct svc_list;
int load_embedded_services(struct db *db, const char *kommune, struct svc_list *out, struct diag *d);

/* Attach the search's synonyms to a loaded catalogue: data/synonyms.csv
 * for every kommune, then data/synonyms-KODE.csv for c's kommune when it
 * exists. Returns 0, or -1 with "file:line: reason" in err. */
struct catalog;
int load_synonyms(struct catalog *c, struct strbuf *err);

#endif
