/* test_level.c - level texts and codes against the three prevention levels
 * and a 7-step model. */
#include "check.h"
#include "trapp/level.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

static struct level prev3[] = {
	{.ord = 1, .code = "universelt", .name = "Universelt", .prevention = PREV_UNI},
	{.ord = 2, .code = "selektivt", .name = "Selektivt", .prevention = PREV_SEL},
	{.ord = 3, .code = "indikert", .name = "Indikert", .prevention = PREV_IND},
};

static struct level trinn[] = {
	{.ord = 1, .code = "trinn1", .name = "Attraktivt", .prevention = PREV_UNI},
	{.ord = 2, .code = "trinn2", .name = "To", .prevention = PREV_SEL},
	{.ord = 3, .code = "trinn3", .name = "Tre", .prevention = PREV_SEL},
	{.ord = 4, .code = "trinn4", .name = "Fire", .prevention = PREV_IND},
	{.ord = 5, .code = "trinn5", .name = "Fem", .prevention = PREV_IND},
};

static uint32_t text_mask(struct level *lv, size_t n, const char *text)
{
	uint32_t m = 0;
	char *bad = NULL;
	if (level_text_mask(lv, n, text, &m, &bad) != 0)
		m = 0xFFFFFFFF;
	free(bad);
	return m;
}

void test_level(void)
{
	CHECK(text_mask(prev3, 3, "Universelt") == 1, "Universelt");
	CHECK(text_mask(prev3, 3, "Selektivt") == 2, "Selektivt");
	CHECK(text_mask(prev3, 3, "Selktivt") == 2, "the typo Selktivt is selektivt");
	CHECK(text_mask(prev3, 3, "Indikert") == 4, "Indikert");
	CHECK(text_mask(prev3, 3, "Selektivt og indikert") == 6, "Selektivt og indikert is both");
	CHECK(text_mask(prev3, 3, "Selktivt og indikert") == 6, "typo in a pair");
	CHECK(text_mask(prev3, 3, "Universelt og selektivt") == 3, "Universelt og selektivt");
	CHECK(text_mask(prev3, 3, "universell / indikert") == 5, "slash separated");
	CHECK(text_mask(prev3, 3, "Høy") == 0xFFFFFFFF, "unknown level refused");
	char *bad = NULL;
	uint32_t m = 0;
	CHECK(level_text_mask(prev3, 3, "Selektivt og blå", &m, &bad) == -1 && bad &&
	      strcmp(bad, "blå") == 0, "names the part not understood: %s", bad ? bad : "(null)");
	free(bad);

	CHECK(text_mask(trinn, 5, "Trinn 4") == 8, "Trinn 4");
	CHECK(text_mask(trinn, 5, "Trinn 4, 5") == 24, "Trinn 4, 5");
	CHECK(text_mask(trinn, 5, "trinn2") == 2, "native code");

	m = 0;
	CHECK(level_code_mask(trinn, 5, "selektivt", &m) == 0 && m == 6, "selektivt = trinn 2-3 (%u)", m);
	m = 0;
	CHECK(level_code_mask(trinn, 5, "trinn4", &m) == 0 && m == 8, "native code trinn4");
	m = 0;
	CHECK(level_code_mask(trinn, 5, "gul", &m) == -1, "unknown code");

	unsigned pm;
	CHECK(level_prevention_parse("universelt;indikert", &pm, NULL) == 0 && pm == 5, "prevention codes");
	CHECK(level_prevention_parse("rød", &pm, NULL) == -1, "bad prevention code");
}
