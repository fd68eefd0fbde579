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
	int allow_shared;        /* --allow-shared: write plans into a file others can read */
};

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Open the database named by the options (migrating, seeding). Prints the
 * reason and returns NULL on failure. */
struct db *app_open_db(const struct app_opts *o);
/* Print the database's warnings (db_notes), each as "trapp: ..." */
void app_print_notes(struct db *db, FILE *fp);
/* The kommune to use: explicit, else the stored default, else "tromso".
 * Checks that it exists; prints the valid choices and returns NULL if not.
 * Caller frees. */
char *app_kommune(struct db *db, const char *explicit_code);

/* Run a subcommand (argv[0] is its name). Returns the exit status, or -1
 * when name is not a command. */
int cli_run(struct app_opts *o, int argc, char **argv);
void cli_usage(FILE *fp);
/* Route stdout (out) and/or stderr (err) through the control-character
 * escaping of text_escape_controls, so no data reaches a terminal raw.
 * Not for stdout under curses. */
void cli_safe_streams(int out, int err);

#endif
