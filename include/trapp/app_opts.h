/* app_opts.h - the global options (--db, --kommune, --present, --demo,
 * --plan, --no-color, --no-mouse, --child-word) that main() parses, after
 * the settings file (config.h), and both front ends read, and the exit
 * status every command and the full-screen view return. */
#ifndef TRAPP_APP_OPTS_H
#define TRAPP_APP_OPTS_H

/* Options shared by every command. */
struct app_opts {
	const char *db_path;     /* --db */
	const char *kommune;     /* --kommune */
	int present;             /* --present */
	int demo;                /* --demo */
	long plan_id;            /* --plan, 0 = none */
	int no_color;            /* --no-color, theme = mono */
	int no_mouse;            /* --no-mouse, mouse = no */
	const char *child_word;  /* --child-word: the child when masked; NULL = initials */
	int allow_shared;        /* --allow-shared: write plans into a file others can read */
};

/* EXIT_DENIED: a kommune administrator asked for a plan that exists but
 * is not theirs (everyone else gets EXIT_USAGE, as for a missing plan, so
 * plan ids cannot be probed). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_DENIED = 3 };

#endif
