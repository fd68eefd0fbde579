/* cli_admin.c - trapp admin init: the database owner prepares a
 * PostgreSQL database for trapp (schema, roles, row-level security, the
 * shipped catalogues); a SQLite file needs no such step. trapp migrate:
 * moving a coordinator's SQLite file into such a database. */
#include "cli_internal.h"
#include "trapp/session.h"
#include "trapp/util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

int cmd_admin(struct app_opts *o, int argc, char **argv)
{
	static const struct option lo[] = {{"db", required_argument, NULL, 'D'}, {0, 0, 0, 0}};
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", lo, NULL)) != -1) {
		if (c == 'D')
			o->db_path = optarg;
		else
			return cli_bad_option(argv, c);
	}
	if (optind + 1 != argc || strcmp(argv[optind], "init") != 0)
		return cli_bad("Bruk: trapp --db postgresql:///DATABASE admin init (kjøres av databasens eier)");
	struct session_opts so = {.db_path = o->db_path};
	struct strbuf report = {0}, err = {0};
	int rc = session_admin_init(&so, &report, &err);
	fputs(sb_str(&report), stdout);
	if (rc != 0)
		util_error("%s", sb_str(&err));
	sb_free(&report);
	sb_free(&err);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int cmd_migrate(struct app_opts *o, int argc, char **argv)
{
	(void)o;
	static const struct option lo[] = {
		{"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'}, {0, 0, 0, 0},
	};
	const char *from = NULL, *to = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", lo, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else
			return cli_bad_option(argv, c);
	}
	if (optind != argc || !from || !to)
		return cli_bad("Bruk: trapp migrate --from FIL.db --to postgresql:///DATABASE "
			       "(kjøres av PostgreSQL-databasens eier)");
	struct strbuf report = {0}, err = {0};
	int rc = session_migrate(from, to, &report, &err);
	fputs(sb_str(&report), stdout);
	if (rc == SESSION_OK)
		printf("Flyttet: %s er kopiert til PostgreSQL, og endringsloggen er kontrollert. Filen er "
		       "ikke endret; slett den når du har sjekket at alt er der.\n", from);
	else
		util_error("%s (ingenting er flyttet)", sb_str(&err));
	sb_free(&report);
	sb_free(&err);
	return rc == SESSION_OK ? EXIT_OK : rc == SESSION_BAD_VALUE ? EXIT_USAGE : EXIT_FAIL;
}
