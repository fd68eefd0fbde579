/* cli.h - the scriptable command line: subcommands that print to stdout
 * and exit 0, 1 (the work failed) or 2 (bad usage or value). */
#ifndef TRAPP_CLI_H
#define TRAPP_CLI_H

#include "trapp/app_opts.h"

#include <stdio.h>



struct session;
struct catalog;
/* Open the session (database) named by the options. EXIT_OK, or
 * EXIT_FAIL after printing the reason. */
int cli_open(const struct app_opts *o, struct session *ss);
/* Print the session's warnings (session_notes), each as "trapp: ..." */
void cli_print_notes(const struct session *ss, FILE *fp);
/* The kommune to use: explicit, else the stored default, else "tromso".
 * Checks that it exists; prints the valid choices and returns NULL if not.
 * Caller frees. */
char *cli_kommune(struct session *ss, const char *explicit_code);
/* Load a kommune's catalogue; 0, or -1 after printing the reason. */
int cli_catalog(struct session *ss, const char *kommune, struct catalog *out);

/* Run a subcommand (argv[0] is its name). Returns the exit status, or -1
 * when name is not a command. */
int cli_run(struct app_opts *o, int argc, char **argv);
void cli_usage(FILE *fp);
/* Route stdout (out) and/or stderr (err) through the control-character
 * escaping of text_escape_controls, so no data reaches a terminal raw.
 * Not for stdout under curses. */
void cli_safe_streams(int out, int err);

/* The plan model's coded refusal r in the command line's words (naming
 * the command that helps), appended to sb. */
struct strbuf;
struct plan_refusal;
void cli_refusal_text(struct strbuf *sb, const struct plan_refusal *r);
/* After a plan model call returned rc: a coded refusal (err empty) is
 * phrased into err; anything else is left as it is. */
void cli_refusal_phrase(int rc, struct strbuf *err);

#endif
