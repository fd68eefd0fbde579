/* app_opts.h - the global options (--db, --kommune, --present,
 * --child-as, --demo, --plan) that main() parses and both front ends read, and the exit
 * status every command and the full-screen view return. */
#ifndef TRAPP_APP_OPTS_H
#define TRAPP_APP_OPTS_H

/* Options shared by every command. */
struct app_opts {
	const char *db_path;     /* --db */
	const char *kommune;     /* --kommune */
	int present;             /* --present */
	const char *child_word;  /* --child-as: the masked child's word; NULL: initials */
	int demo;                /* --demo */
	long plan_id;            /* --plan, 0 = none */
};

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

#endif
