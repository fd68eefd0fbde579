/* catalog.h - the in-memory service catalogue of one kommune and the filter
 * that both the CLI and the TUI use, so they always agree. A catalogue is
 * loaded once (catalog_load) and then filtered without touching SQLite:
 * a compact key per service (bitmasks for levels and needs, age ranges,
 * offsets into one arena of folded text) makes a filter pass a sequential
 * scan with no allocation. */
#ifndef TRAPP_CATALOG_H
#define TRAPP_CATALOG_H

#include "trapp/age.h"
#include "trapp/level.h"

#include <stddef.h>
#include <stdint.h>

#define NEED_COUNT 16
extern const char *const TARGETS[];  /* NULL-terminated target codes */
int target_valid(const char *code);

struct need {
	char *code, *label, *description;
};

struct kommune {
	char *code, *name, *level_model, *source;
	int historical;
};

/* One service. Strings are owned; empty fields are "" (never NULL). */
struct service {
	int id;                  /* database row id */
	char *slug;              /* stable id within the kommune */
	char *name, *description, *age_text, *target_group, *target;
	char *level_text, *responsible, *category;
	char *organisation, *cooperation, *implementation, *evaluation;
	char *address, *opening_hours, *source;
	char *aliases;           /* other spellings in the source, ';'-separated */
	char *notes;             /* curation notes, one "key: reason" a line
				  * (see data/FORMAT.md and service_note()) */
	enum age_basis age_basis;
	struct age_set ages;
	char *level_codes;       /* "selektivt;indikert" */
	char *need_codes;        /* "rus;psykisk" */
	uint32_t levels;         /* bits over catalog.levels index */
	uint32_t needs;          /* bits over catalog.needs index */
};

/* What the filter reads, one small record per service in catalogue order;
 * the folded texts live in one contiguous arena, so a scan of 55 000
 * services reads memory sequentially. Built by catalog_finish. */
struct service_key {
	uint32_t levels, needs;
	uint32_t resp_off, resp_len;   /* folded responsible */
	uint8_t basis, n_ages, target, pad;
	uint8_t lo[AGE_MAX_RANGES], hi[AGE_MAX_RANGES];
};

struct catalog {
	struct kommune kommune;
	struct level *levels;
	size_t n_levels;
	struct need *needs;
	size_t n_needs;
	struct service *svc;     /* sorted by name (Norwegian order), then id */
	size_t n_svc;
	struct service_key *keys; /* parallel to svc */
	char *arena;              /* folded texts the keys point into */
	struct search_index *search;        /* words of names and descriptions */
	struct search_synonyms *synonyms;   /* owned; NULL = none (load_synonyms) */
};

/* Active filters; a zeroed struct with age = -1 matches everything. */
struct filter {
	int age;                 /* -1 = any */
	uint32_t needs;          /* any of these need bits; 0 = any */
	uint32_t levels;         /* any of these level bits; 0 = any */
	char target[16];         /* "" = any */
	char *search;            /* folded NFC words, ranked (search.h); NULL/"" = any */
	char *responsible;       /* folded substring, NULL/"" = any */
};

void filter_init(struct filter *f);
void filter_free(struct filter *f);
void filter_set_search(struct filter *f, const char *text);
void filter_set_responsible(struct filter *f, const char *text);
int filter_is_empty(const struct filter *f);

/* Derived fields after loading: masks, folds, sort. */
void catalog_finish(struct catalog *c);
/* Build the search's word index now rather than at the first search (the
 * front ends do, so the first keystroke does not wait for it). */
void catalog_index_words(struct catalog *c);
/* The search's index, then the records (catalog_record_free). */
void catalog_free(struct catalog *c);
/* The catalogue of kommune from storage (db_catalog_read), finished
 * (catalog_finish). 0, or -1 with db_error(db) saying why. */
struct db;
int catalog_load(struct db *db, const char *kommune, struct catalog *out);

/* 1 when service i (index into svc) passes every filter. */
int catalog_match(const struct catalog *c, size_t i, const struct filter *f);
/* Indices of matching services, in catalogue order (best first when the
 * filter searches for words), written to out (room for n_svc). When in is non-NULL only those n_in indices are tested (used
 * when a filter only narrows). Returns the count. */
size_t catalog_filter(const struct catalog *c, const struct filter *f,
		      const size_t *in, size_t n_in, size_t *out);
/* One pass for the live filters: base gets the services that pass every
 * filter except the level filter (the staircase counts them per level into
 * counts), matches those that also pass the level filter. When in is
 * non-NULL only those n_in indices are scanned (a narrowing filter may pass
 * the previous base; in may be base itself: it is rewritten in place). base
 * and matches need room for n_svc (or n_in). */
void catalog_scan(const struct catalog *c, const struct filter *f, const size_t *in, size_t n_in,
		  size_t *base, size_t *n_base, size_t *matches, size_t *n_matches, size_t *counts);
/* matches are ranked best first when the filter searches for words. */
/* The words of service i's name that the filter's search found, as byte
 * ranges of the name (for highlighting); returns how many (at most max). */
struct search_span;
size_t catalog_search_marks(const struct catalog *c, const struct filter *f, size_t i,
			    struct search_span *out, size_t max);
/* 1 when every service matching `narrow` also matches `wide` and only the
 * level filter may differ: a scan for narrow may start from wide's base. */
int filter_narrows(const struct filter *narrow, const struct filter *wide);
void filter_copy(struct filter *dst, const struct filter *src);
/* Count matches per level (counts has n_levels slots). */
void catalog_level_counts(const struct catalog *c, const struct filter *f, size_t *counts);

int catalog_need_index(const struct catalog *c, const char *code);
/* Level code (native or prevention) → bits; -1 when unknown. */
int catalog_level_mask(const struct catalog *c, const char *code, uint32_t *mask);
const struct service *catalog_find_slug(const struct catalog *c, const char *slug);

/* Display helpers: "13-20", "~13-19" (inferred), "?" (unknown). */
struct strbuf;
void service_age_display(struct strbuf *sb, const struct service *s);
/* "Universelt, Selektivt" from the level bits. */
void service_levels_display(struct strbuf *sb, const struct catalog *c, const struct service *s);

/* A source as a reader names it: the document's title and kommune for a
 * known source file, then the section ("001_e45f497a65452c8b.txt,
 * vedlegg 1" -> "Trygg oppvekst 2024–2030, Tromsø kommune: vedlegg 1"),
 * appended to sb; an unknown source as it is. */
void catalog_source_text(struct strbuf *sb, const char *source);

#endif
