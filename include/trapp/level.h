/* level.h - level models (a kommune's staircase) and the three prevention
 * levels every model maps onto; parsing level texts such as Tromsø's
 * "Selektivt og indikert" or the typo "Selktivt" into a set of levels. */
#ifndef TRAPP_LEVEL_H
#define TRAPP_LEVEL_H

#include "trapp/catalog_record.h"

#include <stddef.h>
#include <stdint.h>

enum { PREV_UNI = 1u, PREV_SEL = 2u, PREV_IND = 4u };
#define PREV_COUNT 3

/* One step of a staircase. Strings owned by the level. */
struct level {
	int id;
	int ord;            /* 1 = lowest, widest step */
	char *code;         /* "selektivt", "trinn4", "gul" */
	char *name;
	char *subtitle, *goal, *commitments, *access, *description, *source;
	unsigned prevention; /* PREV_* bits */
};

/* level_free and the prevention codes: catalog_record.h. */
/* Prevention bits named by a single word or code (universelt, universell,
 * selektivt, selktivt, indikert ...); 0 when none. */
unsigned level_prevention_word(const char *word);

/* Match one level code against a model: the native code ("trinn4", "gul")
 * or a prevention code ("selektivt": every level mapping onto it). Sets
 * bits over the array index. Returns 0, or -1 when nothing matches. */
int level_code_mask(const struct level *lv, size_t n, const char *code, uint32_t *mask);
/* Parse a free level text ("Selektivt og indikert", "Trinn 4, 5",
 * "Grønn") into bits over the array index. Returns 0, or -1 with the first
 * part not understood in *bad (caller frees). */
int level_text_mask(const struct level *lv, size_t n, const char *text, uint32_t *mask, char **bad);

#endif
