/* check.h - the smallest test harness: CHECK counts and reports, the
 * runner prints "N passed, N failed". */
#ifndef TRAPP_CHECK_H
#define TRAPP_CHECK_H

#include <stdio.h>

extern int check_pass, check_fail;
extern const char *check_test;

#define CHECK(cond, ...)                                                          \
	do {                                                                      \
		if (cond) {                                                       \
			check_pass++;                                             \
		} else {                                                          \
			check_fail++;                                             \
			printf("FAIL %s (%s:%d): ", check_test, __FILE__, __LINE__); \
			printf(__VA_ARGS__);                                      \
			printf("\n");                                             \
		}                                                                 \
	} while (0)

#define CHECK_STR(got, want)                                                        \
	CHECK((got) && (want) && strcmp((got), (want)) == 0, "got «%s», want «%s»", \
	      (got) ? (got) : "(null)", (want) ? (want) : "(null)")

/* Test suites (one per file). */
void test_text(void);
void test_keys(void);
void test_age(void);
void test_level(void);
void test_csvin(void);
void test_db(void);
void test_data(void);
void test_catalog(void);
void test_svcfile(void);
void test_import(void);
void test_uuid(void);
void test_plan(void);
void test_dayrules(void);
void test_mask(void);
void test_fidelity(void);
void test_search(void);
void test_refusal(void);

/* A fresh temporary directory for the test (removed at exit). */
const char *test_tmpdir(void);

#endif
