/* test_mask.c - masking of free text and fields for a projected screen:
 * names in every case and inflection, dates, phone numbers, e-mail,
 * fødselsnummer and addresses, each as one marker. Names are fictional. */
#include "check.h"
#include "trapp/plan_mask.h"

#include <stdlib.h>
#include <string.h>

static void expect(const struct plan_masker *m, const char *in, const char *want)
{
	char *got = plan_mask_text(m, in);
	CHECK(strcmp(got, want) == 0, "mask «%s»: got «%s», want «%s»", in, got, want);
	free(got);
}

static void test_initials(void)
{
	char *m = plan_mask_initials("Ola Testesen");
	CHECK_STR(m, "O.T.");
	free(m);
	m = plan_mask_initials("øystein åsen-ås");
	CHECK_STR(m, "Ø.Å.");
	free(m);
	m = plan_mask_initials("Jonas Æsøy Østby 🚀 C B van Hauk-Lie");
	CHECK_STR(m, "J.H.");
	free(m);
	m = plan_mask_initials("🚀");
	CHECK_STR(m, "Barn");
	free(m);
}

void test_mask(void)
{
	test_initials();
	struct plan_person people[] = {
		{.name = "Mona Æsøy", .role = "mor", .contact = "41234567", .added = ""},
		{.name = "Per-Olav Testvik", .role = "kontaktlærer", .contact = "", .added = ""},
	};
	struct plan_holder holders[] = {{.id = 1, .name = "Siri Stafett", .service = "Skolen", .login = "siri",
					      .proposed = "", .accepted = "", .state = HANDOVER_ACCEPTED}};
	struct plan p = {0};
	p.child = "Jonas Æsøy van der Berg-Lie";
	p.people = people;
	p.n_people = 2;
	p.holders = holders;
	p.n_holders = 1;
	struct plan_masker *m = plan_masker_new(&p, NULL);
	expect(m, "Jonas sier til læreren at han er redd for Mona", "J.B. sier til læreren at han er redd for [mor]");
	expect(m, "JONASES bror og jonas's venn, Jonas' sekk", "J.B.s bror og J.B.s venn, J.B.s sekk");
	expect(m, "Samtale med Jonas Æsøy og mor Mona Æsøy", "Samtale med J.B. og mor [mor]");
	expect(m, "Berg-Lie og Lie og berg-lie-familien", "J.B. og J.B. og J.B.-familien");
	expect(m, "Per-Olav og Testviks plan, per olav", "[kontaktlærer] og [kontaktlærer] plan, [kontaktlærer]");
	expect(m, "Siri ringer", "[stafettholder] ringer");
	expect(m, "født 2016-03-14, 14.03.2016 og 14.3.16 og 14. mars 2016", "født [dato], [dato] og [dato] og [dato]");
	expect(m, "møte 3/4/2025", "møte [dato]");
	expect(m, "tlf 41234567, 412 34 567, 41 23 45 67, +47 41234567, 0047 41 23 45 67.",
	       "tlf [telefon], [telefon], [telefon], [telefon], [telefon].");
	expect(m, "e-post mona.aesoy@example.no eller JONAS@skole.example.", "e-post [e-post] eller [e-post].");
	expect(m, "fnr 14031612345 / 140316 12345", "fnr [fødselsnummer] / [fødselsnummer]");
	expect(m, "bor i Storgata 12B, 9008 Tromsø med far", "bor i [adresse] med far");
	expect(m, "Dronning Eufemias gate 16 A og Fjellveien 3", "[adresse] og [adresse]");
	expect(m, "postnr 9300 Finnsnes og 8610 Mo i Rana", "postnr [adresse] og [adresse]");
	expect(m, "3 av 10 møter, steg 2, kl 14.30, 9 år", "3 av 10 møter, steg 2, kl 14.30, 9 år");
	expect(m, "Bergen og Monica og jonasson", "Bergen og Monica og jonasson");
	expect(m, "", "");
	char *f = plan_field_show(m, PF_CHILD, p.child);
	CHECK_STR(f, "J.B.");
	free(f);
	f = plan_field_show(m, PF_CONTACT, "41234567");
	CHECK_STR(f, "");
	free(f);
	f = plan_field_show(m, PF_BORN, "2016-03-14");
	CHECK_STR(f, "");
	free(f);
	f = plan_field_show(m, PF_PERSON, "Mona Æsøy");
	CHECK_STR(f, "M.Æ.");
	free(f);
	f = plan_field_show(NULL, PF_CHILD, p.child);
	CHECK_STR(f, p.child);
	free(f);
	plan_masker_free(m);
	m = plan_masker_new(&p, "Barnet");
	expect(m, "Jonases mor Mona", "Barnets mor [mor]");
	plan_masker_free(m);
}
