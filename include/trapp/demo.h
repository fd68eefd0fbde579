/* demo.h - the training database behind `trapp --demo`: a throwaway
 * directory with a fresh database holding the real catalogues and four
 * fictional children at BTI levels 0-3, each with a plausible plan built
 * from real Tromsø services; removed again on exit. */
#ifndef TRAPP_DEMO_H
#define TRAPP_DEMO_H

struct db;
struct strbuf;

/* Create the temporary directory (0700) and the database in it, seeded.
 * Returns the open database, or NULL with the reason in err. */
struct db *demo_open(struct strbuf *err);
/* Build the four demo plans in db (settings demo.case.0 .. demo.case.3
 * name their ids). 0 or -1 with the reason in err. */
int demo_seed(struct db *db, struct strbuf *err);
/* Close db (may be NULL) and remove the directory and everything in it.
 * Safe to call twice; also registered with atexit by demo_open. */
void demo_close(struct db *db);

#endif
