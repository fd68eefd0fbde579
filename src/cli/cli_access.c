/* cli_access.c - the commands of who is who: trapp users (administrators)
 * and trapp user LOGIN --admin yes|no. The rules are in
 * src/model/access.c; trapp check (which also verifies the audit and
 * read-log hash chains) is in cli_backup.c. */
#include "cli_internal.h"
#include "trapp/access.h"
#include "trapp/session.h"
#include "trapp/util.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Only --db (and for user: --admin yes|no, --name). */
static int parse(struct app_opts *o, int argc, char **argv, const char **admin)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'D'}, {"admin", required_argument, NULL, 'a'}, {0, 0, 0, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", lo, NULL)) != -1) {
		if (c == 'D')
			o->db_path = optarg;
		else if (c == 'a' && admin)
			*admin = optarg;
		else
			return cli_bad_option(argv, c);
	}
	return 0;
}

int cmd_users(struct app_opts *o, int argc, char **argv)
{
	int rc = parse(o, argc, argv, NULL);
	if (rc)
		return rc;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct db *db = ss.db;
	struct access_user *u;
	size_t n;
	struct strbuf err = {0};
	rc = access_users(db, &u, &n, &err);
	if (rc == PLAN_OK) {
		static const char *const head[] = {"BRUKER", "NAVN", "ROLLE"};
		static const int w[] = {16, 28, 0};
		cli_print_row(stdout, FMT_TABLE, head, w, 3);
		for (size_t i = 0; i < n; i++) {
			const char *v[] = {u[i].login, u[i].name, u[i].admin ? "kommuneadministrator" : ""};
			cli_print_row(stdout, FMT_TABLE, v, w, 3);
		}
		access_users_free(u, n);
	} else {
		cli_refusal_phrase(rc, &err);
		util_error("%s", sb_str(&err));
	}
	sb_free(&err);
	session_close(&ss);
	return rc == PLAN_OK ? EXIT_OK : rc == PLAN_REFUSED ? EXIT_USAGE : EXIT_FAIL;
}

/* trapp user LOGIN --admin yes|no */
int cmd_user(struct app_opts *o, int argc, char **argv)
{
	const char *admin = NULL;
	int rc = parse(o, argc, argv, &admin);
	if (rc)
		return rc;
	if (optind + 1 != argc || !admin)
		return cli_bad("Bruk: trapp user BRUKERNAVN --admin ja|nei");
	int on = strcmp(admin, "ja") == 0 || strcmp(admin, "yes") == 0;
	if (!on && strcmp(admin, "nei") != 0 && strcmp(admin, "no") != 0)
		return cli_bad("Ukjent verdi «%s» for --admin; gyldige: ja, nei", admin);
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct db *db = ss.db;
	struct strbuf err = {0};
	rc = access_set_admin(db, argv[optind], on, &err);
	if (rc == PLAN_OK)
		printf("%s er %skommuneadministrator.\n", argv[optind], on ? "" : "ikke lenger ");
	else {
		cli_refusal_phrase(rc, &err);
		util_error("%s", sb_str(&err));
	}
	sb_free(&err);
	session_close(&ss);
	return rc == PLAN_OK ? EXIT_OK : rc == PLAN_REFUSED ? EXIT_USAGE : EXIT_FAIL;
}
