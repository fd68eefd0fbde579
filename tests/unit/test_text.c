/* test_text.c - folding, keys, slugs, Norwegian order, display width. */
#include "check.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <stdlib.h>
#include <string.h>

void test_text(void)
{
	char *s = text_fold("ÆØÅ Bjørn ÅSE");
	CHECK_STR(s, "æøå bjørn åse");
	free(s);
	s = text_key("Målgruppe", 0);
	CHECK_STR(s, "malgruppe");
	free(s);
	s = text_key("Hva er dette?", 0);
	CHECK_STR(s, "hvaerdette");
	free(s);
	s = text_slug("Økonomisk støtte til fritidsaktiviteter");
	CHECK_STR(s, "okonomisk-stotte-til-fritidsaktiviteter");
	free(s);
	s = text_slug("  BUP (Barne- og ungdomspsykiatrisk)  ");
	CHECK_STR(s, "bup-barne-og-ungdomspsykiatrisk");
	free(s);
	s = text_slug("Tiltak på Ærø – «test»");
	CHECK_STR(s, "tiltak-pa-aero-test");
	free(s);

	/* ... z, æ, ø, å and case-insensitive */
	CHECK(text_collate("Zebra", "Ærlig") < 0, "Z before Æ");
	CHECK(text_collate("Ærlig", "Østre") < 0, "Æ before Ø");
	CHECK(text_collate("Østre", "Åsen") < 0, "Ø before Å");
	CHECK(text_collate("apple", "Banana") < 0, "case-insensitive");
	CHECK(text_collate("abc", "abc") == 0, "equal");

	CHECK(text_width("abc") == 3, "ascii width");
	CHECK(text_width("æøå") == 3, "æøå one column each");
	CHECK(text_width("日本") == 4, "CJK two columns each");
	struct strbuf sb = {0};
	text_fit(&sb, "日本語テキスト", 5, 1);
	CHECK(text_width(sb_str(&sb)) == 5, "fit pads to width: «%s» %d", sb_str(&sb), text_width(sb_str(&sb)));
	CHECK(strstr(sb_str(&sb), "…") != NULL, "cut marked with …");
	sb_reset(&sb);
	text_fit(&sb, "Bjørn", 8, 1);
	CHECK_STR(sb_str(&sb), "Bjørn   ");
	sb_free(&sb);

	CHECK(utf8_valid("blåbær", strlen("blåbær")), "valid utf-8");
	CHECK(!utf8_valid("bl\xe5", 3), "latin-1 byte is invalid utf-8");
	CHECK(!utf8_valid("\xc0\xaf", 2), "overlong rejected");
}
