/* import.h - bringing a service list file into a kommune's catalogue. An
 * import is two steps: import_prepare() reads and validates the file and
 * computes the preview (services added, removed and changed field by field
 * against the current catalogue) without writing anything; import_apply()
 * writes exactly that preview in one transaction, or nothing. The CLI
 * (`trapp import`) and the TUI's import screen both use these.
 *
 * Matching: a row whose id cell is filled is matched to the catalogue's
 * service with that id; other rows by name, ignoring case, accents,
 * punctuation and spacing (the name's slug). When several services share
 * a name, a row takes the one equal in every column the file has, else
 * the one with the most equal columns, else the first. A matched service
 * keeps its id, so references to it survive.
 *
 * Rows no name matched are paired with services no row matched when
 * they look renamed (names a few letters apart, or every other column but
 * one equal); see match_renamed() in import.c.
 *
 * Columns the file lacks keep the catalogue's values, except where they
 * are tied to a column the file changes: levels <-> level_text and
 * age <-> age_ranges/age_basis. Curated values (target, needs, curated
 * age ranges, notes, aliases) are never re-derived: a file without their
 * column keeps them, and the preview says which it keeps (kept) and marks
 * the ones the file changes "(kuratert)". New services get the file's
 * name as source when the file has no source column. */
#ifndef TRAPP_IMPORT_H
#define TRAPP_IMPORT_H

#include "trapp/catalog.h"
#include "trapp/db.h"
#include "trapp/csvin.h"
#include "trapp/diag.h"
#include "trapp/svcfile.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct db;
struct strbuf;

/* Largest file import_prepare_file() reads. */
#define IMPORT_MAX_BYTES (64u << 20)

enum import_kind { IMPORT_REMOVED, IMPORT_CHANGED, IMPORT_ADDED };

/* One changed column of a changed service. Values as exported (levels
 * and needs as codes, age ranges as "0-6;18-20"). Owned by the plan. */
struct import_field {
	enum svc_col col;
	char *before, *after;
};

struct import_change {
	enum import_kind kind;
	const struct service *before;  /* in plan->current; NULL when added */
	const struct service *after;   /* in plan->incoming; NULL when removed */
	long line;                     /* file line of the row; 0 when removed */
	int by_id;                     /* changed: matched by id, else by name */
	int renamed;                   /* changed: matched as a renamed service */
	int restored;                  /* added: a service an earlier import removed,
					* back with its id and curated values */
	char *kept;                    /* changed: the curated values kept because
					* the file lacks their columns, as
					* "målgruppetype «barn», behov «skole»"; NULL = none */
	struct import_field *fields;   /* changed: the columns that differ */
	size_t n_fields;
};

struct import_opts {
	const char *kommune;       /* required */
	const char *level_model;   /* required when the kommune does not exist */
	const char *name;          /* name of a new kommune; NULL = its code */
	struct csvin_opts csv;     /* delimiter and encoding (0/NULL = detect) */
};

/* The preview. Everything is owned by the plan (import_plan_free). */
struct import_plan {
	char *file;                  /* as named in messages */
	int new_kommune;             /* the import creates the kommune */
	struct catalog current;      /* the kommune's catalogue now (empty when new);
				      * current.kommune is the target kommune */
	struct svc_list incoming;    /* the file's services as they will be stored */
	struct import_change *changes;  /* removed, then changed, then added */
	size_t n_changes;
	size_t n_added, n_removed, n_changed, n_unchanged;
	struct diag diag;            /* every problem: FILE:LINE: column: message */
	struct csvin_info info;      /* delimiter and encoding used */
	uint64_t current_sum;        /* fingerprint of current, checked on apply */
	struct db_removed *removed;  /* curated values of services earlier imports removed */
	size_t n_removed_before;
	long stamp_version;          /* db_data_version and db_total_changes when */
	long long stamp_changes;     /* current was read: equal on apply = unchanged */
};

enum { IMPORT_OK = 0, IMPORT_FAILED = -1, IMPORT_BAD_VALUE = -2 };

/* Read buf (the file's bytes) and compute the plan. Returns IMPORT_OK when
 * the plan is computed: it must not be applied when plan->diag.errors > 0
 * (the changes are then empty). IMPORT_BAD_VALUE: the kommune or level
 * model cannot be used; IMPORT_FAILED: the database could not be read;
 * both with the message in err. Free the plan in every case. */
int import_prepare(struct db *db, const struct import_opts *o, const char *file,
		   const char *buf, size_t len, struct import_plan *plan, struct strbuf *err);
/* The same for a file on disk (at most IMPORT_MAX_BYTES). */
int import_prepare_file(struct db *db, const struct import_opts *o, const char *path,
			struct import_plan *plan, struct strbuf *err);
/* The diff alone: fills plan->changes from plan->current and
 * plan->incoming (used by import_prepare and the fuzz harness). */
void import_diff(struct import_plan *plan);
/* Write the plan in one transaction (BEGIN IMMEDIATE ... COMMIT). Refused
 * when the plan has errors or the catalogue changed since it was
 * prepared. 0, or -1 with the reason in err and nothing written. */
int import_apply(struct db *db, const struct import_plan *plan, struct strbuf *err);
void import_plan_free(struct import_plan *plan);

/* Bokmål label of a column ("beskrivelse", "nivå" ...). */
const char *import_field_label(enum svc_col col);
/* The preview as text: a summary line, then "+ name [id] (linje N)",
 * "- name [id]", "~ name [id] (linje N)" with one indented line per
 * changed column. */
void import_print(FILE *fp, const struct import_plan *plan);

#endif
