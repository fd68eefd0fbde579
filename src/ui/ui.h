/* ui.h - what the screens of the full-screen interface share: the app
 * state, the view abstraction (a view is state + const ops, drawn and
 * driven by app.c), the one action table behind keys and help, colour
 * slots, and width-aware drawing helpers. Only src/ui/ includes curses. */
#ifndef TRAPP_UI_INTERNAL_H
#define TRAPP_UI_INTERNAL_H

#include "trapp/catalog.h"
#include "trapp/app_opts.h"
#include "trapp/session.h"
#include "trapp/util.h"

#include <curses.h>

struct db;
struct app;
struct view;

/* --- actions: one list gives the enum, help, footer and man page ------ */
/* X(code, bokmål label, scope). The keys are the bindings in actions.c;
 * every key name shown anywhere is generated from them. */
#define UI_ACTIONS(X)                                                              \
	X(HELP, "Vis tastene for denne visningen", SC_ALL)                         \
	X(BACK, "Tilbake (avslutt fra startsiden)", SC_ALL)                        \
	X(UP, "Opp", SC_NAV)                                                       \
	X(DOWN, "Ned", SC_NAV)                                                     \
	X(PGUP, "Side opp", SC_NAV)                                                \
	X(PGDN, "Side ned", SC_NAV)                                                \
	X(HOME, "Til toppen", SC_NAV)                                              \
	X(END, "Til bunnen", SC_NAV)                                               \
	X(OPEN, "Åpne valgt trinn, tiltak eller stafettlogg", SC_STAIRS | SC_LIST | SC_PLANLIST | SC_DUE) \
	X(SEARCH, "Søk i navn, beskrivelse og målgruppe (fortløpende)", SC_FILTER) \
	X(AGE, "Filtrer på alder (skriv et tall)", SC_FILTER)                      \
	X(NEEDS, "Velg behov (flervalg)", SC_FILTER)                               \
	X(LEVELS, "Velg nivå / trinn", SC_FILTER)                                  \
	X(TARGET, "Velg målgruppetype", SC_FILTER)                                 \
	X(RESPONSIBLE, "Filtrer på ansvarlig enhet", SC_FILTER)                    \
	X(CLEAR, "Fjern alle filtre", SC_FILTER)                                   \
	X(KOMMUNE, "Bytt kommune", SC_STAIRS | SC_LIST)                            \
	X(GUIDE, "BTI-veilederen (omvisning side for side)", SC_STAIRS | SC_LIST)  \
	X(IMPORT, "Importer en tiltaksliste (CSV) med forhåndsvisning", SC_STAIRS) \
	X(CONFIRM, "Bekreft: skriv endringene", SC_CONFIRM)                        \
	X(TOGGLE, "Velg / fjern valget", SC_PICKER)                                \
	X(ACCEPT, "Bruk valget", SC_PICKER)                                        \
	X(PLANS, "Stafettloggene", SC_STAIRS | SC_LIST | SC_GUIDE)       \
	X(DUE, "Frister: steg, evalueringer, samtykker og overføringer i alle stafettlogger", SC_STAIRS | SC_LIST | SC_PLANLIST | SC_PLAN | SC_GUIDE) \
	X(PRESENT, "Presentasjonsmodus av/på (skjuler identitet)", SC_ALL)         \
	X(ADD_TO_PLAN, "Legg valgt tiltak til den åpne stafettloggen", SC_LIST)           \
	X(NEW_PLAN, "Ny stafettlogg", SC_PLANLIST)                                 \
	X(PL_SEARCH, "Søk i barnets navn og enheten (fortløpende)", SC_PLANLIST)   \
	X(PL_LEVEL, "Filtrer på BTI-nivå (alle, 0, 1, 2, 3)", SC_PLANLIST)         \
	X(PL_WHICH, "Vis alle / mine / venter på min aksept / med forfalte frister", SC_PLANLIST) \
	X(PL_CLEAR, "Vis alle stafettlogger (fjern søk og filtre)", SC_PLANLIST)    \
	X(P_CONCERN, "Ny bekymring / undring", SC_PLAN)                            \
	X(P_GOAL, "Nytt mål", SC_PLAN)                                             \
	X(P_GOAL_STATUS, "Endre et mål: status eller tekst", SC_PLAN)              \
	X(P_STEP, "Nytt steg med ansvarlig og frist", SC_PLAN)      \
	X(P_STEP_STATUS, "Endre et steg: status, evaluering, frist, ansvarlig", SC_PLAN) \
	X(P_SERVICE, "Legg til tjeneste fra katalogen (åpner listen)", SC_PLAN)    \
	X(P_SUGGEST, "Forslag: katalogen filtrert på barnets alder og behov", SC_PLAN) \
	X(P_NEEDS, "Stafettloggens behov", SC_PLAN)                                       \
	X(P_PERSON, "Ny person (foresatte, barnet, fagperson)", SC_PLAN)            \
	X(P_REMOVE_SERVICE, "En tjeneste går ut av stafettloggen", SC_PLAN)               \
	X(P_REMOVE_PERSON, "En person går ut av stafettloggen", SC_PLAN)                  \
	X(P_MEETING, "Før et møte: til stede, notater og avtalte steg (møtevisningen)", SC_PLAN) \
	X(P_CONSENT, "Registrer samtykke", SC_PLAN)                                \
	X(P_REFUSE, "Registrer avslag på samtykke", SC_PLAN)                       \
	X(P_WITHDRAW, "Samtykket trekkes", SC_PLAN)                                \
	X(P_LEVEL, "Endre BTI-nivå (med begrunnelse)", SC_PLAN)                    \
	X(P_HANDOVER, "Overfør stafettpinnen til ny stafettholder", SC_PLAN)       \
	X(P_ACCEPT, "Ny stafettholder godtar stafettpinnen", SC_PLAN)              \
	X(P_CORRECT, "Rett en opplysning (det gamle og hvorfor står i historikken)", SC_PLAN) \
	X(P_EXPORT, "Eksporter stafettloggen eller et møtereferat (txt, md, html, pdf)", SC_PLAN)              \
	X(P_CLOSE, "Lukk stafettloggen (deretter skrivebeskyttet)", SC_PLAN)              \
	X(P_MEETING_VIEW, "Møtevisning av/på: skjerm i møterom, møtet føres der", SC_PLAN | SC_MEETING)     \
	X(M_FIELD, "Neste felt i møtet: til stede, notater, nytt steg", SC_MEETING) \
	X(M_PREV_FIELD, "Forrige felt i møtet", SC_MEETING)                        \
	X(M_ENTER, "Til stede: velg fra listen · Nytt steg: legg steget til møtet", SC_MEETING) \
	X(M_SAVE, "Lagre møtet: dato, til stede, notater og avtalte steg som ett møte", SC_MEETING) \
	X(NEXT, "Neste side", SC_GUIDE)                                            \
	X(PREV, "Forrige side", SC_GUIDE)                                          \
	X(DEMO_CASE, "Åpne demosaken på dette BTI-nivået", SC_GUIDE)               \
	X(G_CONSENT_AGE, "Samtykkealderen i kommunen: 15 eller 16 år (kommuneadministratoren endrer den)", SC_GUIDE) \
	X(F_NEXT, "Neste felt (på siste felt: lagre med Enter)", SC_FORM)          \
	X(F_PREV, "Forrige felt", SC_FORM)                                         \
	X(F_SAVE, "Lagre skjemaet", SC_FORM)                                       \
	X(F_CANCEL, "Avbryt skjemaet (spør først når noe er skrevet)", SC_FORM)    \
	X(PICK_SEARCH, "Søk i listen (skriv, Enter eller Esc avslutter søket)", SC_PICKER) \
	X(ASK_YES, "Ja", SC_ASK)                                                   \
	X(ASK_NO, "Nei (lar alt være som det var)", SC_ASK)

enum ui_scope {
	SC_ALL = 1 << 0,     /* every view */
	SC_NAV = 1 << 1,     /* views with a cursor */
	SC_STAIRS = 1 << 2,
	SC_LIST = 1 << 3,
	SC_DETAIL = 1 << 4,
	SC_FILTER = 1 << 5,  /* views where the filters apply */
	SC_PICKER = 1 << 6,  /* pickers and menus */
	SC_GUIDE = 1 << 7,   /* the BTI guide */
	SC_PLANLIST = 1 << 8,
	SC_PLAN = 1 << 9,
	SC_DUE = 1 << 10,
	SC_CONFIRM = 1 << 11,  /* a preview waiting for yes or no */
	SC_FORM = 1 << 12,     /* a form: text goes into its fields */
	SC_ASK = 1 << 13,      /* a yes-or-no question */
	SC_MEETING = 1 << 14,  /* the meeting view: a meeting being recorded */
};

/* The views as the help and the man page name them, with the scope each
 * one's view_ops uses (so the key table and the views cannot disagree). */
#define UI_VIEWS(X)                                                        \
	X(STAIRS, SC_STAIRS | SC_FILTER | SC_NAV, "Innsatstrappen")        \
	X(LIST, SC_LIST | SC_FILTER | SC_NAV, "Tiltakslisten")             \
	X(DETAIL, SC_DETAIL | SC_NAV, "Tiltaket")                          \
	X(GUIDE, SC_GUIDE | SC_NAV, "BTI-veilederen")                      \
	X(PLANLIST, SC_PLANLIST | SC_NAV, "Stafettloggene")                       \
	X(PLAN, SC_PLAN | SC_NAV, "Stafettloggen")                                \
	X(MEETING, SC_MEETING | SC_NAV, "Møtevisningen")                   \
	X(DUE, SC_DUE | SC_NAV, "Frister")                                 \
	X(PICKER, SC_PICKER | SC_NAV, "Valgmenyer og tekstbokser")         \
	X(CONFIRM, SC_CONFIRM | SC_NAV, "Forhåndsvisning av import")       \
	X(FORM, SC_FORM, "Skjemaer")                                       \
	X(ASK, SC_ASK, "Spørsmål (ja eller nei)")                          \
	X(HELP, SC_NAV, "Hjelp")
#define UI_VIEW_ENUM(code, scope, title) VIEW_##code = (scope),
enum ui_view_scope { UI_VIEWS(UI_VIEW_ENUM) VIEW_NONE_ = 0 };
#undef UI_VIEW_ENUM

#define UI_ENUM(code, label, scope) ACT_##code,
enum ui_action { ACT_NONE = 0, UI_ACTIONS(UI_ENUM) ACT_COUNT };
#undef UI_ENUM

struct ui_action_def {
	enum ui_action act;
	const char *label;
	unsigned scope;
};
extern const struct ui_action_def ui_actions[];
/* The action a key means in a view with this scope, or ACT_NONE. A key
 * bound to an action of the view's own scope wins over a list key
 * (SC_NAV), which wins over a key of every view (SC_ALL); the table order
 * never matters, and two actions for one key at one rank is a defect
 * (ui_key_conflicts finds it, a unit test fails on it). */
enum ui_action ui_key_action(int key, int is_key_code, unsigned scope);
/* The names of the keys that mean act in a view with this scope, as the
 * help shows them ("↑ / k / Ctrl-P"), into sb; "" when none. */
void ui_action_keys(struct strbuf *sb, enum ui_action act, unsigned scope);
/* 1 when act has a key in that scope. */
int ui_action_in_view(enum ui_action act, unsigned scope);
/* Describe every key that means two things in one view of UI_VIEWS into
 * sb; returns how many. */
int ui_key_conflicts(struct strbuf *sb);
/* Every binding: for tests that press each key. */
struct ui_binding {
	int key;
	int is_code;          /* a KEY_* code from get_wch, not a character */
	enum ui_action act;
};
extern const struct ui_binding ui_bindings[];
extern const size_t ui_n_bindings;
/* "Enter", "↑", "Ctrl-S", "mellomrom", "q" ... */
const char *ui_key_name(int key, int is_code, char buf[16]);

/* --- views ------------------------------------------------------------- */
enum { UI_UNHANDLED = 0, UI_HANDLED = 1 };

struct view_ops {
	const char *title;   /* for the help overlay */
	unsigned scope;      /* SC_* bits this view answers to */
	int overlay;         /* drawn on top of the view below */
	/* Read what the view shows (NULL: nothing to read). Run before the
	 * first draw, and again only when the data changed (the session's
	 * generation moved), presentation mode or the day changed, or the view
	 * marked itself stale. The only place a view does I/O. */
	void (*load)(struct app *a, struct view *v);
	/* Draw from what load read: no I/O here. */
	void (*draw)(struct app *a, struct view *v);
	/* Handle an action; return UI_HANDLED or pass to the generic driver. */
	int (*request)(struct app *a, struct view *v, enum ui_action act);
	/* Number of rows for the generic cursor driver (NULL: no cursor). */
	size_t (*rows)(struct app *a, struct view *v);
	/* A mouse event at screen (y, x); NULL when not supported. */
	int (*mouse)(struct app *a, struct view *v, const MEVENT *ev);
	/* Filters changed. */
	void (*on_filter)(struct app *a, struct view *v);
	/* Raw keys before the action table (forms and entry lines that take
	 * text); return UI_HANDLED to consume the key. */
	int (*key)(struct app *a, struct view *v, wint_t ch, int is_code);
	/* What the view holds typed and not yet saved ("Nytt mål": a form
	 * with changes, a meeting being recorded), or NULL: Ctrl-C asks
	 * first when some view says something. */
	const char *(*unsaved)(struct view *v);
	void (*done)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	unsigned long loaded_at;  /* app epoch of the last load; 0 = never */
	int stale;           /* set by the view: load again before the next draw */
	size_t sel, top;     /* cursor and first visible row */
	int body_y, body_h;  /* where the rows were drawn (for mouse and paging) */
	void *data;          /* view-specific, freed by done */
};

/* --- colours ------------------------------------------------------------- */
enum ui_color {
	COL_NORMAL, COL_TITLE, COL_HEADING, COL_SELECTED, COL_STATUS, COL_FILTER,
	COL_UNIVERSAL, COL_SELECTIVE, COL_INDICATED, COL_MARK, COL_DIM, COL_ERROR,
	COL_COUNT
};
void ui_colors_init(int mono);
attr_t ui_attr(enum ui_color c);
void ui_set_high_contrast(int on);

/* --- the application ------------------------------------------------------ */
#define UI_MAX_VIEWS 12

enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_AGE, PROMPT_RESPONSIBLE };

struct app {
	struct session *ss;      /* the data: settings, kommuner, knowledge, generation */
	struct db *db;           /* ss->db, the opaque handle model calls take */
	struct catalog cat;
	struct filter filter;
	size_t *matches;         /* indices of services matching the filter */
	size_t n_matches;
	size_t *level_counts;    /* per level, ignoring the level filter */
	/* the last scan, so a filter that only narrows rescans its result */
	size_t *base, n_base;    /* services passing every filter but the level */
	struct filter last;
	int have_last;
	struct view *stack[UI_MAX_VIEWS];
	int depth;
	int mono;
	int quit;
	int quit_asked;          /* Ctrl-C with something unsaved: the question is up */
	char *message;           /* one-line message in the status line */
	const char *footer;      /* set by a view's draw: replaces the key hints once */
	int cursor_y, cursor_x;  /* set by a view's draw: where the text cursor goes
				  * after everything is drawn; -1 = hidden */
	int message_error;
	/* the input line: live text/age/responsible filters */
	enum prompt_kind prompt;
	struct strbuf input;
	char *input_saved;
	/* plans */
	long plan_id;            /* the plan open on screen, 0 = none */
	int present;             /* presentation mode: identities masked */
	const char *child_word;  /* the child's name when masked (settings); NULL = initials */
	unsigned long epoch;     /* moves when loaded data may be stale: the
				  * session's generation, presentation, the day */
	unsigned long seen_gen;
	char seen_today[16];
	int demo;                /* demo database: the screen says DEMO */
};

/* View stack. */
void app_push(struct app *a, struct view *v);
void app_pop(struct app *a);
struct view *view_new(const struct view_ops *ops);

/* Recompute matches and counts after the filter changed. */
void app_refilter(struct app *a);
void app_set_message(struct app *a, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Switch to another kommune's catalogue. 0 or -1 (message set). */
int app_load_kommune(struct app *a, const char *code);
/* Every view loads again before the next draw (presentation toggled ...). */
void app_invalidate(struct app *a);
void app_open_prompt(struct app *a, enum prompt_kind kind, const char *initial);

/* Screens (one file each). */
struct view *stairs_new(void);
struct view *services_new(int from_step);
struct view *detail_new(const struct service *s);
struct view *help_new(unsigned scope, const char *title);
struct view *picker_needs_new(struct app *a);
struct view *picker_levels_new(struct app *a);
struct view *picker_target_new(void);
struct view *picker_kommune_new(struct app *a);
struct view *picker_plan_needs_new(struct app *a, long plan_id, const struct strvec *current);
/* Choose among labels (codes[i] is what labels[i] stands for) into chosen,
 * which the caller owns and which must outlive the picker; / searches the
 * list. done (may be NULL) runs when the picker closes; ctx is freed
 * with the picker (and chosen with it when chosen is ctx's first member). */
struct view *picker_strings_new(const char *title, const struct strvec *labels, const struct strvec *codes,
				struct strvec *chosen, void (*done)(struct app *a, void *ctx), void *ctx);
/* A scrollable box of text over the screen (q, Esc or Enter closes). */
struct view *textbox_new(const char *title, const char *text);
/* The import form (file, kommune, level model) and its preview screen. */
struct view *import_form_new(struct app *a);
struct view *guide_new(struct app *a);
struct view *plans_new(void);
struct view *due_new(void);
struct view *plan_view_new(long id, int meeting);
/* The neutral screen that asks before presentation mode ends. */
struct view *present_exit_new(void);
/* A yes-or-no question over the screen (ask.c). yes or no (either may be
 * NULL) runs after the question is gone, on the view below; free_ctx
 * (may be NULL) frees ctx afterwards. */
typedef void (*ask_fn)(struct app *a, void *ctx);
struct view *ask_new(const char *question, const char *yes_label, const char *no_label, ask_fn yes,
		     ask_fn no, void *ctx, void (*free_ctx)(void *));
int ask_is(const struct view *v);
const char *ask_question(const struct view *v);
/* Open the form for a plan action (ACT_P_*) on plan p (plan_forms.c). */
struct plan;
void plan_open_form(struct app *a, const struct plan *p, enum ui_action act);
/* Open the demo case at BTI level (demo mode), or say where they are. */
void app_open_demo_case(struct app *a, int level);
/* Add a catalogue service to the open plan (message says how it went). */
void app_add_service_to_plan(struct app *a, const struct service *s);

/* --- the meeting being recorded (meeting.c) ----------------------------------- */
struct meeting_draft;
struct plan;
struct meeting_draft *meeting_draft_new(void);
void meeting_draft_free(struct meeting_draft *d);
void meeting_draft_reset(struct meeting_draft *d);
int meeting_draft_dirty(const struct meeting_draft *d);
/* Rows the panel takes at the bottom of the meeting view, and drawing it
 * from row y (no I/O). */
int meeting_draft_height(const struct meeting_draft *d);
void meeting_draft_draw(struct app *a, struct meeting_draft *d, const struct plan *p, int y);
/* Text typed into the focused field; UI_UNHANDLED for keys that are commands. */
int meeting_draft_key(struct app *a, struct meeting_draft *d, wint_t ch, int is_code);
/* ACT_M_*: fields, choosing who is present, adding a step, saving (then
 * *saved_no is the new meeting's number). */
int meeting_draft_request(struct app *a, struct meeting_draft *d, const struct plan *p, enum ui_action act,
			  int *saved_no);
/* --- refusals -------------------------------------------------------------- */
/* The plan model's coded refusal r (plan_refusal.h) in the screen's words,
 * naming the key that helps, appended to sb (refusal.c). */
struct plan_refusal;
void ui_refusal_text(struct strbuf *sb, const struct plan_refusal *r);
/* After a plan model call returned rc: a coded refusal (err empty) is
 * phrased into err; anything else is left as it is. */
void ui_refusal_phrase(int rc, struct strbuf *err);

/* --- forms ------------------------------------------------------------------ */
struct form;
enum form_kind { FIELD_TEXT, FIELD_DATE, FIELD_NUMBER, FIELD_CHOICE, FIELD_PICK };
struct form_field {
	const char *label;
	enum form_kind kind;
	struct strbuf value;
	const char *const *choices;  /* FIELD_CHOICE: labels, NULL-terminated */
	int choice;
	const char *hint;            /* shown dimmed after the label */
	/* FIELD_CHOICE: called after the choice moved (e.g. the export form
	 * changes the file name's extension with the format) */
	void (*changed)(struct form *f, struct form_field *fd);
	/* FIELD_PICK: Enter or mellomrom opens a list (the callback pushes it);
	 * value holds what is saved (ids), shown what the field displays */
	void (*pick)(struct app *a, struct form *f, int field);
	struct strbuf shown;
};
struct form;
/* ctx is freed with the form (malloc it, or pass NULL).
 * Called on save; return 0 to close the form, -1 after setting an error
 * with form_error (the form stays open, the field keeps its text), or 1
 * when the callback closed the form itself (app_pop). */
typedef int (*form_submit_fn)(struct app *a, struct form *f);
struct form *form_new(const char *title, form_submit_fn submit, void *ctx);  /* copies title */
struct form_field *form_add(struct form *f, const char *label, enum form_kind kind, const char *initial);
void form_error(struct form *f, int field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *form_value(const struct form *f, int field);
int form_choice(const struct form *f, int field);
void *form_ctx(const struct form *f);
/* Someone else changed the item since the form opened: show heading and,
 * per row, rows->v[3i] (a label), [3i+1] (the value stored now) and [3i+2]
 * (the user's) side by side until the next key. Ctrl-S then saves the
 * user's values; Esc closes the form with the message kept. Copies all. */
void form_conflict(struct form *f, const char *heading, const struct strvec *rows, const char *kept);
struct view *form_view(struct form *f);  /* the values now are "unchanged" */
struct form_field *form_field(struct form *f, int field);
/* 1 when a field differs from what the form opened with. */
int form_dirty(const struct form *f);
/* Save the form on top of the stack again (after a question was answered). */
void form_save_top(struct app *a);

/* --- drawing helpers ------------------------------------------------------ */
/* Text at (y, x) in at most w columns, line breaks flattened; pad fills the
 * rest with spaces. Returns the columns used. */
int ui_put(int y, int x, int w, const char *text, attr_t attr, int pad);
/* ui_put (padded) with the byte ranges marks of text drawn with mark added
 * to attr: the words a search found. */
struct search_span;
int ui_put_marked(int y, int x, int w, const char *text, attr_t attr, attr_t mark,
		  const struct search_span *marks, size_t n);
/* Word-wrap text to width w into lines (caller frees with sv_free). */
void ui_wrap(struct strvec *out, const char *text, int w);
/* The header line, the filter line and the footer line with key hints. */
void ui_draw_header(struct app *a, const char *where);
void ui_draw_filters(struct app *a, int y);
void ui_draw_footer(struct app *a, unsigned scope);
/* A message as a sentence: its first letter a capital (a model's refusal
 * "ugyldig frist ..." is shown "Ugyldig frist ..."). In place. */
void ui_sentence(char *s);
/* Describe the active filters in one line (bokmål). */
void ui_filter_text(struct app *a, struct strbuf *sb);
/* A centred box for overlays; returns the inner geometry. */
void ui_box(int h, int w, const char *title, int *y, int *x);

/* Generic cursor driver for views with rows(). */
int ui_view_driver(struct app *a, struct view *v, enum ui_action act);
/* Scrolling for document views (no cursor: v->top is the first line of
 * n lines shown in v->body_h rows): up/down, pages, home/end. */
int ui_scroll_driver(struct view *v, size_t n, enum ui_action act);
/* Keep v->sel visible in a body of h rows. */
void ui_scroll_to_sel(struct view *v, int h);

#endif
