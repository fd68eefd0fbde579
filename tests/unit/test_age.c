/* test_age.c - the age rules, pinned on every age text of the Tromsø list. */
#include "check.h"
#include "trapp/age.h"
#include "trapp/util.h"

#include <string.h>

static void expect(const char *text, const char *ranges, const char *hint)
{
	struct age_set a;
	int rc = age_parse(text, &a);
	struct strbuf sb = {0};
	age_ranges_format(&sb, &a);
	CHECK(rc == 0, "«%s» recognised", text);
	CHECK(strcmp(sb_str(&sb), ranges) == 0, "«%s» → «%s», want «%s»", text, sb_str(&sb), ranges);
	if (hint)
		CHECK(a.target_hint && strcmp(a.target_hint, hint) == 0, "«%s» target hint %s, want %s",
		      text, a.target_hint ? a.target_hint : "(none)", hint);
	sb_free(&sb);
}

void test_age(void)
{
	/* every distinct age text in appendix 1 of 001 (June 2024) */
	expect("13 - 20 år", "13-20", NULL);
	expect("0 - 18 år", "0-18", NULL);
	expect("0 - 23 år", "0-23", NULL);
	expect("0-23 år", "0-23", NULL);
	expect("<p>0 - 23 år</p>", "0-23", NULL);
	expect("0 - 18 (25) år", "0-25", NULL);
	expect("12 - 18 (25)", "12-25", NULL);
	expect("Over 18 år", "18-120", NULL);
	expect("<p>Over 18 år</p>", "18-120", NULL);
	expect("Over 15 år", "15-120", NULL);
	expect("18+", "18-120", NULL);
	expect("18 +", "18-120", NULL);
	expect("16+", "16-120", NULL);
	expect("16 +", "16-120", NULL);
	expect("Alle aldre", "0-120", "alle");
	expect("Familier", "0-120", "familie");
	expect("Gravide og barsel", "0-0", "gravide");
	expect("Barsel", "0-0", "gravide");
	expect("Ansatte", "", "ansatte");
	expect("Gravide, barn 0 - 6 år, ungdom 18 - 20 år", "0-6;18-20", "gravide");
	expect("Familier med barn under 6 år", "0-5", "familie");
	expect("0 - 6 år og deres foreldre", "0-6", NULL);
	expect("6 - 15 år", "6-15", NULL);
	expect("1 - 10 år", "1-10", NULL);
	expect("16 - 30 år", "16-30", NULL);
	/* forms people write in their own sheets */
	expect("6–12 år", "6-12", NULL);
	expect("fra 18 år", "18-120", NULL);
	expect("14 år", "14-14", NULL);

	struct age_set a;
	CHECK(age_parse("", &a) == -1, "empty text not recognised");
	CHECK(age_parse("Etter avtale", &a) == -1, "free text not recognised");
	CHECK(age_parse("12 - 8 år", &a) == -1, "reversed range rejected");
	CHECK(age_parse("0 - 200 år", &a) == -1, "age above 120 rejected");

	/* matching: ends included; unknown matches all; no range matches none */
	age_parse("13 - 20 år", &a);
	CHECK(age_match(&a, AGE_STATED, 13) && age_match(&a, AGE_STATED, 20), "ends included");
	CHECK(!age_match(&a, AGE_STATED, 12) && !age_match(&a, AGE_STATED, 21), "outside");
	age_parse("Ansatte", &a);
	CHECK(!age_match(&a, AGE_STATED, 30), "Ansatte never matches an age");
	memset(&a, 0, sizeof a);
	CHECK(age_match(&a, AGE_UNKNOWN, 7), "unknown age matches every age");

	CHECK(age_ranges_parse("0-6;18-20", &a) == 0 && a.n == 2, "ranges parse");
	CHECK(age_ranges_parse("6-0", &a) == -1, "bad ranges rejected");
	CHECK(age_ranges_parse("abc", &a) == -1, "garbage rejected");
}
