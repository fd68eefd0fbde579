/* actions.c - the action table (from UI_ACTIONS in ui.h) and the keys bound
 * to each action. Dispatch, the help overlay, the footer hints and the man
 * page's KEYS section all read these two tables: a key name is never
 * typed by hand, so help cannot show a key that does something else. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_DEF(code, label, scope) {ACT_##code, label, scope},
const struct ui_action_def ui_actions[] = {UI_ACTIONS(UI_DEF){ACT_NONE, NULL, 0}};
#undef UI_DEF

#define CTRL(c) ((c) & 0x1f)

/* Keys per action. The order does not matter: ui_key_action ranks by
 * scope, and a unit test fails when one key means two actions in a view. */
const struct ui_binding ui_bindings[] = {
	{'?', 0, ACT_HELP}, {KEY_F(1), 1, ACT_HELP},
	{'q', 0, ACT_BACK}, {27, 0, ACT_BACK}, {KEY_LEFT, 1, ACT_BACK},
	{KEY_UP, 1, ACT_UP}, {'k', 0, ACT_UP}, {CTRL('p'), 0, ACT_UP},
	{KEY_DOWN, 1, ACT_DOWN}, {'j', 0, ACT_DOWN}, {CTRL('n'), 0, ACT_DOWN},
	{KEY_PPAGE, 1, ACT_PGUP}, {CTRL('b'), 0, ACT_PGUP},
	{KEY_NPAGE, 1, ACT_PGDN}, {' ', 0, ACT_PGDN}, {CTRL('f'), 0, ACT_PGDN},
	{KEY_HOME, 1, ACT_HOME}, {'g', 0, ACT_HOME},
	{KEY_END, 1, ACT_END}, {'G', 0, ACT_END},
	{'\n', 0, ACT_OPEN}, {'\r', 0, ACT_OPEN}, {KEY_ENTER, 1, ACT_OPEN}, {KEY_RIGHT, 1, ACT_OPEN},
	{'/', 0, ACT_SEARCH},
	{'a', 0, ACT_AGE},
	{'b', 0, ACT_NEEDS},
	{'n', 0, ACT_LEVELS},
	{'m', 0, ACT_TARGET},
	{'r', 0, ACT_RESPONSIBLE},
	{'x', 0, ACT_CLEAR},
	{'K', 0, ACT_KOMMUNE},
	{'v', 0, ACT_GUIDE},
	{'I', 0, ACT_IMPORT},
	{'\n', 0, ACT_CONFIRM}, {'\r', 0, ACT_CONFIRM}, {KEY_ENTER, 1, ACT_CONFIRM}, {'j', 0, ACT_CONFIRM},
	{' ', 0, ACT_TOGGLE},
	{'\n', 0, ACT_ACCEPT}, {'\r', 0, ACT_ACCEPT}, {KEY_ENTER, 1, ACT_ACCEPT},
	{'/', 0, ACT_PICK_SEARCH},
	{'p', 0, ACT_PLANS},
	{'D', 0, ACT_DUE},
	{'P', 0, ACT_PRESENT}, {KEY_F(5), 1, ACT_PRESENT},
	{'+', 0, ACT_ADD_TO_PLAN},
	{'N', 0, ACT_NEW_PLAN},
	{'/', 0, ACT_PL_SEARCH}, {'n', 0, ACT_PL_LEVEL}, {'f', 0, ACT_PL_WHICH}, {'x', 0, ACT_PL_CLEAR},
	{'b', 0, ACT_P_CONCERN}, {'m', 0, ACT_P_GOAL}, {'M', 0, ACT_P_GOAL_STATUS},
	{'t', 0, ACT_P_STEP}, {'s', 0, ACT_P_STEP_STATUS}, {'+', 0, ACT_P_SERVICE},
	{'f', 0, ACT_P_SUGGEST}, {'B', 0, ACT_P_NEEDS}, {'o', 0, ACT_P_PERSON},
	{'T', 0, ACT_P_MEETING}, {'c', 0, ACT_P_CONSENT}, {'R', 0, ACT_P_REFUSE},
	{'W', 0, ACT_P_WITHDRAW}, {'n', 0, ACT_P_LEVEL}, {'h', 0, ACT_P_HANDOVER},
	{'a', 0, ACT_P_ACCEPT}, {'e', 0, ACT_P_EXPORT}, {'L', 0, ACT_P_CLOSE}, {'r', 0, ACT_P_CORRECT},
	{'V', 0, ACT_P_MEETING_VIEW},
	{'x', 0, ACT_P_REMOVE_SERVICE}, {'X', 0, ACT_P_REMOVE_PERSON},
	/* the meeting view: the meeting being recorded */
	{'\t', 0, ACT_M_FIELD}, {KEY_BTAB, 1, ACT_M_PREV_FIELD},
	{'\n', 0, ACT_M_ENTER}, {'\r', 0, ACT_M_ENTER}, {KEY_ENTER, 1, ACT_M_ENTER},
	{CTRL('s'), 0, ACT_M_SAVE},
	/* the guide pages: these shadow the list keys there */
	{KEY_RIGHT, 1, ACT_NEXT}, {'\n', 0, ACT_NEXT}, {'\r', 0, ACT_NEXT}, {KEY_ENTER, 1, ACT_NEXT},
	{'l', 0, ACT_NEXT},
	{KEY_LEFT, 1, ACT_PREV}, {KEY_BACKSPACE, 1, ACT_PREV}, {127, 0, ACT_PREV}, {8, 0, ACT_PREV},
	{'h', 0, ACT_PREV},
	{'d', 0, ACT_DEMO_CASE}, {'a', 0, ACT_G_CONSENT_AGE},
	/* forms: everything else is typed into the field */
	{'\t', 0, ACT_F_NEXT}, {KEY_DOWN, 1, ACT_F_NEXT}, {'\n', 0, ACT_F_NEXT}, {'\r', 0, ACT_F_NEXT},
	{KEY_ENTER, 1, ACT_F_NEXT},
	{KEY_BTAB, 1, ACT_F_PREV}, {KEY_UP, 1, ACT_F_PREV},
	{CTRL('s'), 0, ACT_F_SAVE},
	{27, 0, ACT_F_CANCEL},
	/* a yes-or-no question */
	{'j', 0, ACT_ASK_YES}, {'J', 0, ACT_ASK_YES},
	{'n', 0, ACT_ASK_NO}, {'N', 0, ACT_ASK_NO}, {27, 0, ACT_ASK_NO},
};
const size_t ui_n_bindings = ARRAY_LEN(ui_bindings);

static unsigned action_scope(enum ui_action act) { return ui_actions[act - 1].scope; }

/* How strongly an action claims its keys in a view: its own scope (2)
 * over the list keys (1) over the keys of every view (0); -1 when the
 * action does not apply there. */
static int rank(enum ui_action act, unsigned view)
{
	unsigned s = action_scope(act);
	if (s & view & ~(unsigned)(SC_ALL | SC_NAV))
		return 2;
	if (s & view & SC_NAV)
		return 1;
	if (s & SC_ALL)
		return view & SC_FORM ? -1 : 0;  /* a form takes its keys as text */
	return -1;
}

enum ui_action ui_key_action(int key, int is_key_code, unsigned scope)
{
	/* Digits start the age filter where filters apply. */
	if (!is_key_code && key >= '0' && key <= '9' && (scope & SC_FILTER))
		return ACT_AGE;
	enum ui_action best = ACT_NONE;
	int best_rank = -1;
	for (size_t i = 0; i < ui_n_bindings; i++) {
		const struct ui_binding *b = &ui_bindings[i];
		if (b->key != key || b->is_code != is_key_code)
			continue;
		int r = rank(b->act, scope);
		if (r > best_rank) {
			best = b->act;
			best_rank = r;
		}
	}
	return best;
}

const char *ui_key_name(int key, int is_code, char buf[16])
{
	if (is_code) {
		switch (key) {
		case KEY_UP: return "↑";
		case KEY_DOWN: return "↓";
		case KEY_LEFT: return "←";
		case KEY_RIGHT: return "→";
		case KEY_PPAGE: return "PgUp";
		case KEY_NPAGE: return "PgDn";
		case KEY_HOME: return "Home";
		case KEY_END: return "End";
		case KEY_ENTER: return "Enter";
		case KEY_BACKSPACE: return "Backspace";
		case KEY_BTAB: return "Shift-Tab";
		default:
			if (key >= KEY_F(1) && key <= KEY_F(12)) {
				snprintf(buf, 16, "F%d", key - KEY_F(0));
				return buf;
			}
			return "?";
		}
	}
	switch (key) {
	case '\n': case '\r': return "Enter";
	case 27: return "Esc";
	case 127: case 8: return "Backspace";
	case ' ': return "mellomrom";
	case '\t': return "Tab";
	default: break;
	}
	if (key > 0 && key < 32)
		snprintf(buf, 16, "Ctrl-%c", key + 'A' - 1);
	else
		snprintf(buf, 16, "%c", key);
	return buf;
}

void ui_action_keys(struct strbuf *sb, enum ui_action act, unsigned scope)
{
	size_t start = sb->len;
	for (size_t i = 0; i < ui_n_bindings; i++) {
		const struct ui_binding *b = &ui_bindings[i];
		if (b->act != act || ui_key_action(b->key, b->is_code, scope) != act)
			continue;
		char buf[16];
		const char *name = ui_key_name(b->key, b->is_code, buf);
		/* one name once: Enter is three bindings */
		struct strbuf shown = {0};
		sb_printf(&shown, " / %s / ", sb_str(sb) + start);
		char *needle = xasprintf(" / %s / ", name);
		int dup = strstr(sb_str(&shown), needle) != NULL;
		free(needle);
		sb_free(&shown);
		if (!dup)
			sb_printf(sb, "%s%s", sb->len > start ? " / " : "", name);
	}
	if (act == ACT_AGE && (scope & SC_FILTER))
		sb_printf(sb, "%s0-9", sb->len > start ? " / " : "");
}

int ui_action_in_view(enum ui_action act, unsigned scope)
{
	struct strbuf sb = {0};
	ui_action_keys(&sb, act, scope);
	int has = sb.len > 0;
	sb_free(&sb);
	return has;
}

int ui_key_conflicts(struct strbuf *sb)
{
	static const struct {
		unsigned scope;
		const char *title;
	} views[] = {
#define UI_VIEW_ROW(code, scope, title) {scope, title},
		UI_VIEWS(UI_VIEW_ROW)
#undef UI_VIEW_ROW
	};
	int n = 0;
	for (size_t v = 0; v < ARRAY_LEN(views); v++)
		for (size_t i = 0; i < ui_n_bindings; i++)
			for (size_t j = i + 1; j < ui_n_bindings; j++) {
				const struct ui_binding *a = &ui_bindings[i], *b = &ui_bindings[j];
				if (a->key != b->key || a->is_code != b->is_code || a->act == b->act)
					continue;
				int ra = rank(a->act, views[v].scope), rb = rank(b->act, views[v].scope);
				if (ra >= 0 && ra == rb) {
					char buf[16];
					sb_printf(sb, "%s: %s betyr både %s og %s\n", views[v].title,
						  ui_key_name(a->key, a->is_code, buf), ui_actions[a->act - 1].label,
						  ui_actions[b->act - 1].label);
					n++;
				}
			}
	return n;
}
