/* app.c - the full-screen interface's frame: terminal set-up and restore
 * (on exit, on SIGTERM/SIGHUP/SIGINT, and from die()), the view stack, the
 * main loop with resize and the minimum-size message, the live input line
 * for the text, age and responsible filters, the one-pass refilter, and the
 * remembered kommune and filters. */
#include "trapp/ui.h"
#include "ui.h"
#include "trapp/text.h"

#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "trapp/plan.h"
#include "trapp/access.h"

#define MIN_W 60
#define MIN_H 15

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

int ui_signal(void) { return got_signal; }

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

struct view *view_new(const struct view_ops *ops)
{
	struct view *v = xcalloc(1, sizeof *v);
	v->ops = ops;
	return v;
}

void app_push(struct app *a, struct view *v)
{
	if (a->depth == UI_MAX_VIEWS) {
		if (v->ops->done)
			v->ops->done(v);
		free(v);
		return;
	}
	a->stack[a->depth++] = v;
}

void app_pop(struct app *a)
{
	if (!a->depth)
		return;
	struct view *v = a->stack[--a->depth];
	if (v->ops->done)
		v->ops->done(v);
	free(v);
}

void app_set_message(struct app *a, int error, const char *fmt, ...)
{
	free(a->message);
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_printf(&sb, " ");
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	a->message = sb_steal(&sb);
	a->message_error = error;
	ui_sentence(a->message);
}

/* One scan per keystroke, with no allocation: a filter that only narrows
 * the last one rescans the last base set in place. */
void app_refilter(struct app *a)
{
	int narrow = a->have_last && filter_narrows(&a->filter, &a->last);
	catalog_scan(&a->cat, &a->filter, narrow ? a->base : NULL, narrow ? a->n_base : 0, a->base,
		     &a->n_base, a->matches, &a->n_matches, a->level_counts);
	filter_copy(&a->last, &a->filter);
	a->have_last = 1;
	for (int i = 0; i < a->depth; i++)
		if (a->stack[i]->ops->on_filter)
			a->stack[i]->ops->on_filter(a, a->stack[i]);
}

/* The scan buffers, sized for the catalogue on screen. */
static void alloc_scan_buffers(struct app *a)
{
	free(a->matches);
	free(a->base);
	free(a->level_counts);
	a->matches = xcalloc(a->cat.n_svc + 1, sizeof *a->matches);
	a->base = xcalloc(a->cat.n_svc + 1, sizeof *a->base);
	a->level_counts = xcalloc(a->cat.n_levels + 1, sizeof *a->level_counts);
	a->n_base = a->n_matches = 0;
	a->have_last = 0;
}

int app_load_kommune(struct app *a, const char *code)
{
	struct catalog c;
	struct strbuf err = {0};
	const char *key = "kommune";
	if (session_load_catalog(a->ss, code, &c, &err) != SESSION_OK) {
		app_set_message(a, 1, "%s", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	catalog_free(&a->cat);
	a->cat = c;
	alloc_scan_buffers(a);
	a->filter.levels = 0;  /* levels differ between kommuner */
	if (session_settings_put(a->ss, &key, &code, 1, &err) != SESSION_OK)
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
	app_refilter(a);
	return 0;
}

/* --- plans from the browser ------------------------------------------------ */

struct raise_ctx {           /* freed by the form in one piece */
	long plan;
	char slug[200];
};

enum { RAISE_WHY };          /* the raise form's one field */

/* The plan is below level 2: raise it (with a reason), then add. */
static int raise_submit(struct app *a, struct form *f)
{
	struct raise_ctx *c = form_ctx(f);
	struct strbuf err = {0};
	int rc = plan_set_level(a->db, c->plan, 2, form_value(f, RAISE_WHY), NULL, &err);
	ui_refusal_phrase(rc, &err);
	if (rc != PLAN_OK) {
		form_error(f, RAISE_WHY, "%s", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	rc = plan_add_service(a->db, c->plan, c->slug, "", &err);
	ui_refusal_phrase(rc, &err);
	if (rc != PLAN_OK) {
		form_error(f, -1, "Nivået er hevet til 2, men tjenesten ble ikke lagt til: %s", sb_str(&err));
		sb_free(&err);
		return -1;
	}
	app_set_message(a, 0, "Stafettlogg %ld er hevet til nivå 2, og tjenesten er lagt til.", c->plan);
	sb_free(&err);
	return 0;
}

void app_add_service_to_plan(struct app *a, const struct service *s)
{
	if (!a->plan_id) {
		app_set_message(a, 1, "Ingen stafettlogg er åpen: åpne en (p) og trykk + der.");
		return;
	}
	struct plan p;
	struct strbuf err = {0};
	int lrc = plan_load(a->db, a->plan_id, &p, &err);
	if (lrc != PLAN_OK) {
		ui_refusal_phrase(lrc, &err);
		app_set_message(a, 1, "%s", sb_str(&err));
		sb_free(&err);
		return;
	}
	const struct plan_holder *h = plan_holder(&p);
	int own = h && (strcmp(h->service, s->slug) == 0 || strcmp(h->service, s->name) == 0);
	int level = p.level;
	plan_free(&p);
	if (level < 2 && !own) {
		/* BTI: below level 2 only the stafettholder's own service takes part */
		struct raise_ctx *c = xcalloc(1, sizeof *c);
		c->plan = a->plan_id;
		snprintf(c->slug, sizeof c->slug, "%s", s->slug);
		char *title = xasprintf("Stafettlogg %ld er på nivå %d: heve til nivå 2?", a->plan_id, level);
		struct form *f = form_new(title, raise_submit, c);
		free(title);
		form_add(f, "Begrunnelse", FIELD_TEXT, NULL)->hint =
			"hvorfor trengs samhandling med en annen tjeneste?";
		app_push(a, form_view(f));
		app_set_message(a, 0, "Under nivå 2 deltar bare stafettholderens egen tjeneste.");
		return;
	}
	int rc = plan_add_service(a->db, a->plan_id, s->slug, "", &err);
	ui_refusal_phrase(rc, &err);
	if (rc == PLAN_OK)
		app_set_message(a, 0, "«%s» er lagt til stafettlogg %ld.", s->name, a->plan_id);
	else
		app_set_message(a, 1, "%s", sb_str(&err));
	sb_free(&err);
}

void app_open_demo_case(struct app *a, int level)
{
	char key[32];
	snprintf(key, sizeof key, "demo.case.%d", level);
	char *v = session_setting(a->ss, key);
	long id;
	if (!a->demo || !v || parse_int(v, 1, 1000000000L, &id) != 0)
		app_set_message(a, 0, "Demosakene finnes i demomodus: start «trapp --demo».");
	else
		app_push(a, plan_view_new(id, 0));
	free(v);
}

/* --- remembered filters ---------------------------------------------------- */

static void load_filters(struct app *a)
{
	char *v = session_setting(a->ss, "ui.age");
	long age;
	if (v && parse_int(v, 0, AGE_MAX, &age) == 0)
		a->filter.age = (int)age;
	free(v);
	v = session_setting(a->ss, "ui.needs");
	struct strvec sv = {0};
	sv_split(&sv, v, ';');
	for (size_t i = 0; i < sv.n; i++) {
		int ni = catalog_need_index(&a->cat, sv.v[i]);
		if (ni >= 0)
			a->filter.needs |= 1u << ni;
	}
	sv_free(&sv);
	free(v);
	v = session_setting(a->ss, "ui.target");
	if (v && target_valid(v))
		snprintf(a->filter.target, sizeof a->filter.target, "%s", v);
	free(v);
	v = session_setting(a->ss, "ui.search");
	filter_set_search(&a->filter, v);
	free(v);
	v = session_setting(a->ss, "ui.responsible");
	filter_set_responsible(&a->filter, v);
	free(v);
}

static void save_filters(struct app *a)
{
	char age[16] = "";
	if (a->filter.age >= 0)
		snprintf(age, sizeof age, "%d", a->filter.age);
	struct strbuf needs = {0};
	for (size_t i = 0; i < a->cat.n_needs; i++)
		if (a->filter.needs & (1u << i))
			sb_printf(&needs, "%s%s", needs.len ? ";" : "", a->cat.needs[i].code);
	static const char *const keys[] = {"ui.age", "ui.needs", "ui.target", "ui.search",
					   "ui.responsible"};
	const char *values[] = {age, sb_str(&needs), a->filter.target,
				a->filter.search ? a->filter.search : "",
				a->filter.responsible ? a->filter.responsible : ""};
	struct strbuf err = {0};
	session_settings_put(a->ss, keys, values, ARRAY_LEN(keys), &err);  /* best effort on exit */
	sb_free(&err);
	sb_free(&needs);
}

/* --- the input line ---------------------------------------------------------- */

void app_open_prompt(struct app *a, enum prompt_kind kind, const char *initial)
{
	a->prompt = kind;
	sb_reset(&a->input);
	free(a->input_saved);
	const char *cur = kind == PROMPT_SEARCH ? a->filter.search
			  : kind == PROMPT_RESPONSIBLE ? a->filter.responsible : NULL;
	char agebuf[16] = "";
	if (kind == PROMPT_AGE && a->filter.age >= 0)
		snprintf(agebuf, sizeof agebuf, "%d", a->filter.age);
	a->input_saved = xstrdup(kind == PROMPT_AGE ? agebuf : cur ? cur : "");
	if (initial)
		sb_puts(&a->input, initial);
	else
		sb_puts(&a->input, a->input_saved);
}

static void apply_input(struct app *a, const char *text)
{
	switch (a->prompt) {
	case PROMPT_SEARCH: filter_set_search(&a->filter, text); break;
	case PROMPT_RESPONSIBLE: filter_set_responsible(&a->filter, text); break;
	case PROMPT_AGE: {
		long v;
		a->filter.age = parse_int(text, 0, AGE_MAX, &v) == 0 ? (int)v : -1;
		break;
	}
	case PROMPT_NONE: break;
	}
	app_refilter(a);
}

static void close_prompt(struct app *a) { a->prompt = PROMPT_NONE; }

static void prompt_key(struct app *a, wint_t ch, int is_code)
{
	if (!is_code && (ch == 27 || ch == 7)) {          /* Esc, ^G: undo */
		apply_input(a, a->input_saved);
		close_prompt(a);
		return;
	}
	if ((!is_code && (ch == '\n' || ch == '\r')) || (is_code && ch == KEY_ENTER)) {
		close_prompt(a);
		return;
	}
	if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		while (a->input.len && (a->input.buf[a->input.len - 1] & 0xC0) == 0x80)
			a->input.len--;
		if (a->input.len)
			a->input.len--;
		a->input.buf[a->input.len] = '\0';
	} else if (!is_code && ch == 21) {                 /* ^U: clear */
		sb_reset(&a->input);
	} else if (!is_code && ch >= 32) {
		if (a->prompt == PROMPT_AGE) {
			long v;
			char next[16];
			snprintf(next, sizeof next, "%s%c", sb_str(&a->input), (char)ch);
			if (ch < '0' || ch > '9' || parse_int(next, 0, AGE_MAX, &v) != 0) {
				app_set_message(a, 1, "Alder må være et helt tall fra 0 til %d", AGE_MAX);
				return;
			}
		}
		char buf[4];
		sb_add(&a->input, buf, utf8_encode(ch, buf));
	} else {
		return;
	}
	free(a->message);
	a->message = NULL;
	apply_input(a, sb_str(&a->input));
}

/* --- Ctrl-C ------------------------------------------------------------------ */

/* What the first view holding unsaved input (top down) says, or NULL. */
static const char *unsaved_what(struct app *a)
{
	for (int i = a->depth - 1; i >= 0; i--) {
		struct view *v = a->stack[i];
		const char *what = v->ops->unsaved ? v->ops->unsaved(v) : NULL;
		if (what)
			return what;
	}
	return NULL;
}

static void quit_yes(struct app *a, void *ctx)
{
	(void)ctx;
	a->quit = 1;
}

static void quit_no(struct app *a, void *ctx)
{
	(void)ctx;
	a->quit_asked = 0;
	app_set_message(a, 0, "Fortsetter: ingenting er forkastet.");
}

/* Ctrl-C: quit at once when nothing is unsaved; else ask (a second Ctrl-C
 * while asking quits). Returns 1 when the loop should end. */
static int on_interrupt(struct app *a)
{
	const char *what = unsaved_what(a);
	if (!what || a->quit_asked)
		return 1;
	got_signal = 0;
	a->quit_asked = 1;
	char *q = xasprintf("Du har endringer som ikke er lagret: «%s». Avslutte trapp likevel? "
			    "Ctrl-C igjen avslutter også.", what);
	app_push(a, ask_new(q, "avslutt uten å lagre", "fortsett", quit_yes, quit_no, NULL, NULL));
	free(q);
	return 0;
}

/* --- the loop ------------------------------------------------------------------- */

/* Move the epoch when what the views loaded may be stale: a commit by
 * this process or another (the session's generation), or a new day (what
 * is overdue changes). Returns 1 when it moved, -1 when only a message
 * came (the database could no longer, or again, be reached). */
static int check_epoch(struct app *a)
{
	unsigned long g = session_generation(a->ss);
	int news = session_reach_news(a->ss);
	if (news < 0)
		app_set_message(a, 1, "Databasen svarer ikke nå: det som vises, kan være utdatert, og ingenting "
				"kan lagres. trapp prøver igjen av seg selv.");
	else if (news > 0)  /* replaces the message that it could not be reached */
		app_set_message(a, 0, "Databasen svarer igjen: skjermen er oppdatert.");
	char today[PLAN_DATE_LEN];
	plan_today(today);
	if (g == a->seen_gen && strcmp(today, a->seen_today) == 0)
		return news != 0 ? -1 : 0;
	a->seen_gen = g;
	snprintf(a->seen_today, sizeof a->seen_today, "%s", today);
	a->epoch++;
	return 1;
}

void app_invalidate(struct app *a) { a->epoch++; }

/* The lowest view that shows: the top one and the views its overlays
 * leave visible under them. */
static int first_shown(const struct app *a)
{
	int first = a->depth - 1;
	while (first > 0 && a->stack[first]->ops->overlay)
		first--;
	return first;
}

/* Run load for every view that shows and whose data is older than the
 * epoch (bottom first: a view's load may push or pop nothing). A view
 * covered by another loads when it shows again: `trapp --plan N` opens
 * the plan without first counting the start screen's reminders over
 * every plan. */
static void load_views(struct app *a)
{
	for (int i = first_shown(a); i >= 0 && i < a->depth; i++) {
		struct view *v = a->stack[i];
		if (v->ops->load && (v->stale || v->loaded_at != a->epoch)) {
			v->stale = 0;
			v->loaded_at = a->epoch;
			v->ops->load(a, v);
		}
	}
}

static void draw(struct app *a)
{
	ui_set_high_contrast(a->present);
	erase();
	if (COLS < MIN_W || LINES < MIN_H) {
		char msg[160];
		snprintf(msg, sizeof msg, "Vinduet er for lite (%d×%d). trapp trenger minst %d×%d.",
			 COLS, LINES, MIN_W, MIN_H);
		struct strvec wrapped = {0};
		ui_wrap(&wrapped, msg, COLS > 4 ? COLS - 2 : 2);
		for (size_t i = 0; i < wrapped.n && (int)i < LINES; i++)
			ui_put(LINES / 2 - 1 + (int)i, 1, COLS - 1, wrapped.v[i], A_BOLD, 0);
		/* no ordinary key quits here: it may have been meant for a form */
		const struct view *top = a->depth ? a->stack[a->depth - 1] : NULL;
		if (top && ask_is(top))
			ui_put(LINES - 2, 0, COLS, ask_question(top), A_BOLD, 0);
		ui_put(LINES - 1, 0, COLS, top && ask_is(top) ? "j: ja   n: nei" : "Gjør vinduet større · Ctrl-C avslutter",
		       A_NORMAL, 0);
		sv_free(&wrapped);
		refresh();
		return;
	}
	int first = first_shown(a);
	a->cursor_y = a->cursor_x = -1;
	for (int i = first; i < a->depth; i++) {
		if (i < a->depth - 1)
			a->cursor_y = a->cursor_x = -1;  /* only the top view's cursor */
		a->stack[i]->ops->draw(a, a->stack[i]);
	}
	ui_draw_footer(a, a->stack[a->depth - 1]->ops->scope);
	if (a->prompt != PROMPT_NONE) {
		static const int label_w[] = {0, 5, 7, 8};
		a->cursor_y = LINES - 1;
		a->cursor_x = label_w[a->prompt] + text_width(sb_str(&a->input));
	}
	/* the text cursor is shown only where text is typed */
	if (a->cursor_y >= 0) {
		move(a->cursor_y, a->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

static void dispatch(struct app *a, wint_t ch, int is_code)
{
	struct view *v = a->stack[a->depth - 1];
	if (v->ops->key && v->ops->key(a, v, ch, is_code) == UI_HANDLED)
		return;
	if (is_code && ch == KEY_MOUSE) {
		MEVENT ev;
		if (getmouse(&ev) == OK && v->ops->mouse)
			v->ops->mouse(a, v, &ev);
		return;
	}
	unsigned scope = v->ops->scope | (v->ops->rows ? SC_NAV : 0);
	enum ui_action act = ui_key_action((int)ch, is_code, scope);
	if (act == ACT_NONE)
		return;
	free(a->message);
	a->message = NULL;
	if (act == ACT_AGE && !is_code && ch >= '0' && ch <= '9') {
		char first[2] = {(char)ch, 0};
		app_open_prompt(a, PROMPT_AGE, first);
		apply_input(a, first);
		return;
	}
	if (v->ops->request && v->ops->request(a, v, act) == UI_HANDLED)
		return;
	if (ui_view_driver(a, v, act) == UI_HANDLED)
		return;
	switch (act) {
	case ACT_HELP:
		app_push(a, help_new(scope, v->ops->title));
		break;
	case ACT_BACK:
		if (a->depth > 1)
			app_pop(a);
		else
			a->quit = 1;
		break;
	case ACT_SEARCH: app_open_prompt(a, PROMPT_SEARCH, NULL); break;
	case ACT_AGE: app_open_prompt(a, PROMPT_AGE, NULL); break;
	case ACT_RESPONSIBLE: app_open_prompt(a, PROMPT_RESPONSIBLE, NULL); break;
	case ACT_NEEDS: app_push(a, picker_needs_new(a)); break;
	case ACT_LEVELS: app_push(a, picker_levels_new(a)); break;
	case ACT_TARGET: app_push(a, picker_target_new()); break;
	case ACT_KOMMUNE: app_push(a, picker_kommune_new(a)); break;
	case ACT_GUIDE: app_push(a, guide_new(a)); break;
	case ACT_IMPORT: app_push(a, import_form_new(a)); break;
	case ACT_PLANS: app_push(a, plans_new()); break;
	case ACT_DUE: app_push(a, due_new()); break;
	case ACT_PRESENT:
		if (a->present) {
			/* nothing unmasked is drawn before a deliberate yes */
			app_push(a, present_exit_new());
			break;
		}
		a->present = 1;
		app_invalidate(a);  /* masked data is loaded masked */
		app_set_message(a, 0, "Presentasjonsmodus: navn og personopplysninger er skjult");
		break;
	case ACT_CLEAR: {
		filter_free(&a->filter);
		app_refilter(a);
		app_set_message(a, 0, "Alle filtre er fjernet");
		break;
	}
	default: break;
	}
}

/* Checks before curses touches the screen: the terminal type must be
 * known and able to move the cursor (TERM=dumb cannot). Prints why not. */
static int terminal_usable(void)
{
	const char *term = getenv("TERM") ? getenv("TERM") : "";
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		util_error("Terminaltypen «%s» er ukjent; prøv TERM=xterm-256color\n", term);
		return 0;
	}
	const char *cup = tigetstr("cup");
	int ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!ok)
		util_error("Terminalen «%s» kan ikke flytte markøren; fullskjermvisningen "
				"trenger en ekte terminal\n", term);
	return ok;
}

int ui_run(struct session *ss, const struct app_opts *o)
{
	struct app a = {0};
	a.ss = ss;
	a.db = ss->db;
	a.present = o->present;
	a.child_word = o->child_word;
	a.demo = o->demo;
	filter_init(&a.filter);
	if (o->plan_id) {
		/* an unknown plan is an error before the screen is taken */
		struct plan p;
		struct strbuf err = {0};
		int rc = plan_load(a.db, o->plan_id, &p, &err);
		ui_refusal_phrase(rc, &err);
		if (rc == PLAN_OK)
			plan_free(&p);
		else
			util_error("%s", sb_str(&err));
		sb_free(&err);
		if (rc != PLAN_OK)
			return rc == PLAN_REFUSED ? EXIT_USAGE : rc == PLAN_DENIED ? EXIT_DENIED : EXIT_FAIL;
	}
	char *kom;
	struct strbuf err = {0};
	int rc = session_kommune(ss, o->kommune, &kom, &err);
	if (rc == SESSION_OK) {
		rc = session_load_catalog(ss, kom, &a.cat, &err);
		free(kom);
	}
	if (rc != SESSION_OK) {
		util_error("%s", sb_str(&err));
		sb_free(&err);
		return rc;
	}
	sb_free(&err);
	alloc_scan_buffers(&a);
	load_filters(&a);
	/* the file is readable by others, or read-only: said on the status
	 * line at once (the first line: the whole text is in the CLI too) */
	const char *notes = session_notes(ss);
	if (*notes)
		app_set_message(&a, 1, "%.*s", (int)strcspn(notes, "\n"), notes);

	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	session_set_interrupt(ss, ui_signal);  /* a signal cuts a long load short */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	SCREEN *scr = terminal_usable() ? newterm(NULL, stdout, stdin) : NULL;
	if (!scr) {
		catalog_free(&a.cat);
		free(a.matches);
		free(a.base);
		free(a.level_counts);
		filter_free(&a.filter);
		return EXIT_FAIL;
	}
	util_set_die_hook(restore_terminal);
	const char *nc = getenv("NO_COLOR");
	a.mono = (nc && *nc) || o->no_color;
	ui_colors_init(a.mono);
	cbreak();
	noecho();
	nonl();
	/* Ctrl-S saves forms: take it from XON/XOFF flow control */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	keypad(stdscr, TRUE);
	curs_set(0);
	/* Wake once a second to notice another process's commits and a new
	 * day; a signal interrupts the wait at once (no SA_RESTART). Nothing
	 * is drawn unless something changed. */
	timeout(1000);
	if (!o->no_mouse) {  /* --no-mouse leaves the terminal's own selection alone */
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
			  BUTTON5_PRESSED, NULL);
		mouseinterval(200);
	}

	app_refilter(&a);
	app_push(&a, stairs_new());
	if (o->plan_id)
		app_push(&a, plan_view_new(o->plan_id, o->present));
	a.epoch = 1;
	int dirty = 1, burst = 0;
	unsigned long drawn_epoch = 0;
	for (;;) {
		if (got_signal == SIGINT && !on_interrupt(&a))
			dirty = 1;
		if (a.quit || got_signal)
			break;
		if (check_epoch(&a) < 0)
			dirty = 1;  /* only a message: drawn, nothing loaded */
		load_views(&a);
		/* keys already waiting (a paste) are handled before the next
		 * frame: one draw per burst, not per character */
		if (!burst && (dirty || drawn_epoch != a.epoch)) {
			draw(&a);
			drawn_epoch = a.epoch;
			dirty = 0;
		}
		if (got_signal)
			continue;  /* it came during a load: no wait for a key */
		wint_t ch;
		timeout(burst ? 0 : 1000);
		int r = get_wch(&ch);
		if (r == ERR) {
			burst = 0;
			continue;  /* idle: the loop's top polls cheaply and draws nothing */
		}
		burst = burst < 4096 ? burst + 1 : 0;  /* a held key still shows */
		dirty = 1;
		int is_code = r == KEY_CODE_YES;
		if (is_code && ch == KEY_RESIZE)
			continue;
		if ((COLS < MIN_W || LINES < MIN_H) && !ask_is(a.stack[a.depth - 1]))
			continue;  /* every key is ignored until the window is larger */
		if (a.prompt != PROMPT_NONE)
			prompt_key(&a, ch, is_code);
		else
			dispatch(&a, ch, is_code);
	}
	endwin();
	delscreen(scr);
	util_set_die_hook(NULL);
	save_filters(&a);
	while (a.depth)
		app_pop(&a);
	filter_free(&a.filter);
	filter_free(&a.last);
	free(a.base);
	catalog_free(&a.cat);
	free(a.matches);
	free(a.level_counts);
	free(a.message);
	free(a.input_saved);
	sb_free(&a.input);
	return got_signal ? 128 + got_signal : EXIT_OK;
}
