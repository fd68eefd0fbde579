/* app.c - the full-screen interface: terminal set-up and restore, the
 * main loop. (First version: a scrolling list of the kommune's catalogue.) */
#include "trapp/ui.h"
#include "trapp/catalog.h"
#include "trapp/db.h"
#include "trapp/text.h"
#include "trapp/util.h"

#include <curses.h>
#include <stdlib.h>

static void restore(void)
{
	if (!isendwin())
		endwin();
}

int ui_run(struct db *db, const struct app_opts *o)
{
	char *kom = app_kommune(db, o->kommune);
	if (!kom)
		return EXIT_USAGE;
	struct catalog cat;
	if (db_catalog_load(db, kom, &cat) != 0) {
		fprintf(stderr, "trapp: %s\n", db_error(db));
		free(kom);
		return EXIT_FAIL;
	}
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "trapp: ukjent terminaltype «%s»\n", getenv("TERM") ? getenv("TERM") : "");
		catalog_free(&cat);
		free(kom);
		return EXIT_FAIL;
	}
	util_set_die_hook(restore);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	int top = 0, ch = 0;
	do {
		int h = LINES - 2;
		if (ch == KEY_DOWN || ch == 'j')
			top++;
		else if (ch == KEY_UP || ch == 'k')
			top--;
		else if (ch == KEY_NPAGE)
			top += h;
		else if (ch == KEY_PPAGE)
			top -= h;
		if (top > (int)cat.n_svc - h)
			top = (int)cat.n_svc - h;
		if (top < 0)
			top = 0;
		erase();
		attron(A_BOLD);
		mvprintw(0, 0, "trapp – %s: %zu tiltak", cat.kommune.name, cat.n_svc);
		attroff(A_BOLD);
		for (int i = 0; i < h && top + i < (int)cat.n_svc; i++) {
			struct strbuf sb = {0};
			text_fit(&sb, cat.svc[top + i].name, COLS - 1, 0);
			mvaddstr(1 + i, 0, sb_str(&sb));
			sb_free(&sb);
		}
		mvaddstr(LINES - 1, 0, "q avslutt  ↑↓ bla");
		refresh();
	} while ((ch = getch()) != 'q');
	endwin();
	catalog_free(&cat);
	free(kom);
	return EXIT_OK;
}
