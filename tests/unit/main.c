/* main.c - unit test runner. */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <locale.h>

int check_pass, check_fail;
const char *check_test = "";

static char tmpdir[256];

static void cleanup(void)
{
	if (tmpdir[0]) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

const char *test_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/trapp-unit-XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(1);
		}
		atexit(cleanup);
	}
	return tmpdir;
}

#define RUN(fn)                \
	do {                   \
		check_test = #fn; \
		fn();          \
	} while (0)

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_text);
	RUN(test_keys);
	RUN(test_age);
	RUN(test_level);
	RUN(test_csvin);
	RUN(test_db);
	RUN(test_data);
	RUN(test_fidelity);
	RUN(test_catalog);
	RUN(test_svcfile);
	RUN(test_import);
	RUN(test_uuid);
	RUN(test_plan);
	RUN(test_dayrules);
	RUN(test_mask);
	RUN(test_search);
	RUN(test_refusal);
	printf("%d passed, %d failed\n", check_pass, check_fail);
	return check_fail ? 1 : 0;
}
