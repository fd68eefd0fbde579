/* cli.h - the scriptable command line: subcommands that print to stdout
 * and exit 0, 1 (the work failed) or 2 (bad usage or value). */
#ifndef TRAPP_CLI_H
#define TRAPP_CLI_H

#include <stdio.h>

struct db;

/* Options shared by every command. */
struct app_opts {
	const char *db_path;     /* --db */
	const char *kommune;     /* --kommune */
	int present;             /* --present */
	int demo;                /* --demo */
	long plan_id;            /* --plan, 0 = none */
};

/* EXIT_DENIED: a kommune administrator asked for a plan that exists but
 * is not theirs (others get EXIT_USAGE, as for a missing plan). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_DENIED = 3 };

/* Open the database named by the options (migrating, seeding). Prints the
 * reason and returns NULL on failure. */
struct db *app_open_db(const struct app_opts *o);
/* The kommune to use: explicit, else the stored default, else "tromso".
 * Checks that it exists; prints the valid choices and returns NULL if not.
 * Caller frees. */
char *app_kommune(struct db *db, const char *explicit_code);

/* Run a subcommand (argv[0] is its name). Returns the exit status, or -1
 * when name is not a command. */
int cli_run(struct app_opts *o, int argc, char **argv);
void cli_usage(FILE *fp);

#endif
