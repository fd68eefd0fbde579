/* cli_internal.h - helpers shared by the command files (cli*.c). */
#ifndef TRAPP_CLI_INTERNAL_H
#define TRAPP_CLI_INTERNAL_H

#include "trapp/catalog.h"
#include "trapp/cli.h"

#include <stdio.h>

enum out_format { FMT_TABLE, FMT_CSV, FMT_TSV, FMT_JSON };

/* Print "trapp: message" on stderr; returns EXIT_USAGE. */
int cli_bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_bad_option(char **argv, int c);
int cli_parse_format(const char *s, enum out_format *out);
struct session;
/* Warn on stderr when group or others may use the database file: with
 * SQLite the file's permissions are the boundary between users. */
int cli_simple_opts(struct app_opts *o, int argc, char **argv, enum out_format *fmt);
/* One row: table (w = column widths, last 0 = rest; cut to them only on a
 * terminal), csv, tsv or json (the first row gives the keys). */
void cli_print_row(FILE *fp, enum out_format fmt, const char *const *v, const int *w, size_t n);
/* After the last row: closes the json array (nothing for other formats). */
void cli_print_end(FILE *fp, enum out_format fmt);
struct strbuf;
void cli_age_text(struct strbuf *sb, const struct service *s);

int cmd_suggest(struct app_opts *o, int argc, char **argv);
int cmd_forums(struct app_opts *o, int argc, char **argv);
int cmd_grips(struct app_opts *o, int argc, char **argv);
int cmd_factors(struct app_opts *o, int argc, char **argv);
int cmd_plan(struct app_opts *o, int argc, char **argv);
int cmd_due(struct app_opts *o, int argc, char **argv);
int cmd_consent_age(struct app_opts *o, int argc, char **argv);
int cmd_retention(struct app_opts *o, int argc, char **argv);
int cmd_users(struct app_opts *o, int argc, char **argv);
int cmd_user(struct app_opts *o, int argc, char **argv);
int cmd_import(struct app_opts *o, int argc, char **argv);
int cmd_export(struct app_opts *o, int argc, char **argv);
int cmd_backup(struct app_opts *o, int argc, char **argv);
int cmd_restore(struct app_opts *o, int argc, char **argv);
int cmd_check(struct app_opts *o, int argc, char **argv);
int cmd_admin(struct app_opts *o, int argc, char **argv);
int cmd_migrate(struct app_opts *o, int argc, char **argv);

/* 1 when the stream goes to a terminal (also through the escaping
 * wrapper of cli_safe_streams, which has no file descriptor of its own). */
int cli_is_tty(FILE *fp);
/* Bytes to standard output as they are (a PDF), past the wrapper that
 * escapes control characters in text. 0 or -1. */
int cli_write_binary(const void *buf, size_t n);

#endif
