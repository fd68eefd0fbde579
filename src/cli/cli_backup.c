/* cli_backup.c - trapp backup FILE, trapp restore FILE and trapp check
 * [--salvage OUT.db]: the copies and the health of the database file. */
#include "cli_internal.h"
#include "trapp/session.h"
#include "trapp/util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Options: --db and, for check, --salvage. Leaves optind at the first
 * positional. */
static int parse(struct app_opts *o, int argc, char **argv, const char **salvage)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'D'}, {"salvage", required_argument, NULL, 's'},
		{0, 0, 0, 0},
	};
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", lo, NULL)) != -1) {
		if (c == 'D')
			o->db_path = optarg;
		else if (c == 's' && salvage)
			*salvage = optarg;
		else
			return cli_bad_option(argv, c);
	}
	return 0;
}

int cmd_backup(struct app_opts *o, int argc, char **argv)
{
	int rc = parse(o, argc, argv, NULL);
	if (rc)
		return rc;
	if (optind + 1 != argc || !*argv[optind])
		return cli_bad("Bruk: trapp backup FIL (en ny fil; kopien blir lesbar bare for deg)");
	const char *dest = argv[optind];
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct strbuf err = {0};
	rc = session_backup(&ss, dest, &err);
	if (rc == 0)
		printf("Sikkerhetskopi skrevet til %s (lesbar bare for deg). Kontroller den med "
		       "«trapp --db %s check».\n", dest, dest);
	else
		util_error("%s", sb_str(&err));
	sb_free(&err);
	session_close(&ss);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_restore(struct app_opts *o, int argc, char **argv)
{
	int rc = parse(o, argc, argv, NULL);
	if (rc)
		return rc;
	if (optind + 1 != argc || !*argv[optind])
		return cli_bad("Bruk: trapp restore FIL (en sikkerhetskopi fra «trapp backup»)");
	const char *src = argv[optind];
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct strbuf err = {0};
	char *saved = NULL;
	rc = session_restore(&ss, src, &saved, &err);
	if (rc == 0)
		printf("Databasen er gjenopprettet fra %s. Det den inneholdt før, er lagret i %s.\n", src,
		       saved);
	else
		util_error("%s", sb_str(&err));
	free(saved);
	sb_free(&err);
	session_close(&ss);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_check(struct app_opts *o, int argc, char **argv)
{
	const char *salvage = NULL;
	int rc = parse(o, argc, argv, &salvage);
	if (rc)
		return rc;
	if (optind != argc)
		return cli_bad("Bruk: trapp check [--salvage NY.db]");
	if (salvage && !*salvage)
		return cli_bad("--salvage trenger et filnavn for den nye databasen");
	struct session_opts so = {.db_path = o->db_path};
	struct strbuf report = {0}, err = {0};
	int problems = session_check(&so, &report, &err);
	fputs(sb_str(&report), stdout);
	if (problems < 0)
		util_error("%s", sb_str(&err));
	else if (problems == 0)
		puts("Resultat: databasen er i orden.");
	else
		printf("Resultat: %d problem%s funnet.%s\n", problems, problems == 1 ? "" : "er",
		       salvage ? "" : " Ved skade: «trapp check --salvage NY.db» berger det som kan leses.");
	rc = problems == 0 ? EXIT_OK : EXIT_FAIL;
	if (salvage) {
		sb_reset(&report);
		sb_reset(&err);
		if (session_salvage(&so, salvage, &report, &err) == 0) {
			fputs(sb_str(&report), stdout);
			printf("Berget til %s. Kontroller den med «trapp --db %s check», og ta den i bruk "
			       "med «trapp restore %s».\n", salvage, salvage, salvage);
		} else {
			util_error("%s", sb_str(&err));
			rc = EXIT_FAIL;
		}
	}
	sb_free(&report);
	sb_free(&err);
	return rc;
}
