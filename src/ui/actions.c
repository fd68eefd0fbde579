/* actions.c - the action table (from UI_ACTIONS in ui.h) and the keys bound
 * to each action. Dispatch, the help overlay and the footer hints all read
 * this table, so help cannot drift from the real keys. */
#include "ui.h"

#define UI_DEF(code, key, label, scope) {ACT_##code, key, label, scope},
const struct ui_action_def ui_actions[] = {UI_ACTIONS(UI_DEF){ACT_NONE, NULL, NULL, 0}};
#undef UI_DEF

#define CTRL(c) ((c) & 0x1f)

/* Keys per action: the names above describe these. */
static const struct {
	int key;
	int is_code;           /* a KEY_* code from get_wch, not a character */
	enum ui_action act;
} bindings[] = {
	{'?', 0, ACT_HELP}, {KEY_F(1), 1, ACT_HELP},
	/* the guide's page keys come before the general ones they shadow */
	{KEY_RIGHT, 1, ACT_NEXT}, {'\n', 0, ACT_NEXT}, {'\r', 0, ACT_NEXT}, {KEY_ENTER, 1, ACT_NEXT},
	{'l', 0, ACT_NEXT},
	{KEY_LEFT, 1, ACT_PREV}, {KEY_BACKSPACE, 1, ACT_PREV}, {127, 0, ACT_PREV}, {8, 0, ACT_PREV},
	{'h', 0, ACT_PREV},
	{'d', 0, ACT_DEMO_CASE},
	{'q', 0, ACT_BACK}, {27, 0, ACT_BACK}, {KEY_LEFT, 1, ACT_BACK},
	{KEY_UP, 1, ACT_UP}, {'k', 0, ACT_UP}, {CTRL('p'), 0, ACT_UP},
	{KEY_DOWN, 1, ACT_DOWN}, {'j', 0, ACT_DOWN}, {CTRL('n'), 0, ACT_DOWN},
	{KEY_PPAGE, 1, ACT_PGUP}, {CTRL('b'), 0, ACT_PGUP},
	{' ', 0, ACT_TOGGLE},  /* before PgDn: in pickers space selects */
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
	{'p', 0, ACT_PLANS},
	{'D', 0, ACT_DUE},
	{'P', 0, ACT_PRESENT}, {KEY_F(5), 1, ACT_PRESENT},
	{'+', 0, ACT_ADD_TO_PLAN},
	{'N', 0, ACT_NEW_PLAN},
	{'b', 0, ACT_P_CONCERN}, {'m', 0, ACT_P_GOAL}, {'M', 0, ACT_P_GOAL_STATUS},
	{'t', 0, ACT_P_STEP}, {'s', 0, ACT_P_STEP_STATUS}, {'+', 0, ACT_P_SERVICE},
	{'f', 0, ACT_P_SUGGEST}, {'B', 0, ACT_P_NEEDS}, {'o', 0, ACT_P_PERSON},
	{'T', 0, ACT_P_MEETING}, {'c', 0, ACT_P_CONSENT}, {'R', 0, ACT_P_REFUSE},
	{'W', 0, ACT_P_WITHDRAW}, {'n', 0, ACT_P_LEVEL}, {'h', 0, ACT_P_HANDOVER},
	{'a', 0, ACT_P_ACCEPT}, {'e', 0, ACT_P_EXPORT}, {'L', 0, ACT_P_CLOSE}, {'r', 0, ACT_P_CORRECT},
	{'V', 0, ACT_P_MEETING_VIEW},
	{'x', 0, ACT_P_REMOVE_SERVICE}, {'X', 0, ACT_P_REMOVE_PERSON},
	{'\n', 0, ACT_ACCEPT}, {'\r', 0, ACT_ACCEPT}, {KEY_ENTER, 1, ACT_ACCEPT},
};

enum ui_action ui_key_action(int key, int is_key_code, unsigned scope)
{
	/* Digits start the age filter where filters apply. */
	if (!is_key_code && key >= '0' && key <= '9' && (scope & SC_FILTER))
		return ACT_AGE;
	for (size_t i = 0; i < ARRAY_LEN(bindings); i++) {
		if (bindings[i].key != key || bindings[i].is_code != is_key_code)
			continue;
		enum ui_action act = bindings[i].act;
		unsigned s = ui_actions[act - 1].scope;
		if (s & (scope | SC_ALL))
			return act;
	}
	return ACT_NONE;
}
