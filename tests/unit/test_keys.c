/* test_keys.c - the one action list behind the keys: no key means two
 * things in one view, every binding's action is reachable in some view,
 * and the names help shows are the keys that really do the action. */
#include "check.h"
#include "../../src/ui/ui.h"

#include <string.h>

void test_keys(void)
{
	struct strbuf sb = {0};
	int n = ui_key_conflicts(&sb);
	CHECK(n == 0, "keys with two meanings in one view:\n%s", sb_str(&sb));
	sb_free(&sb);

	/* the import preview: j confirms there (help says so), and scrolls in lists */
	CHECK(ui_key_action('j', 0, VIEW_CONFIRM) == ACT_CONFIRM, "j in the preview");
	CHECK(ui_key_action('j', 0, VIEW_LIST) == ACT_DOWN, "j in the list");
	struct strbuf k = {0};
	ui_action_keys(&k, ACT_DOWN, VIEW_CONFIRM);
	CHECK(!strstr(sb_str(&k), "j"), "help for ↓ in the preview does not list j: «%s»", sb_str(&k));
	sb_reset(&k);
	ui_action_keys(&k, ACT_CONFIRM, VIEW_CONFIRM);
	CHECK_STR(sb_str(&k), "Enter / j");
	/* the guide: ← is the previous page, not back */
	CHECK(ui_key_action(KEY_LEFT, 1, VIEW_GUIDE) == ACT_PREV, "← in the guide");
	CHECK(ui_key_action(KEY_LEFT, 1, VIEW_PLAN) == ACT_BACK, "← in a plan");
	sb_reset(&k);
	ui_action_keys(&k, ACT_BACK, VIEW_GUIDE);
	CHECK_STR(sb_str(&k), "q / Esc");
	/* pickers: space selects, it does not page */
	CHECK(ui_key_action(' ', 0, VIEW_PICKER) == ACT_TOGGLE, "space in a picker");
	CHECK(ui_key_action(' ', 0, VIEW_STAIRS) == ACT_PGDN, "space in the staircase");
	/* forms take ? and letters as text */
	CHECK(ui_key_action('?', 0, VIEW_FORM) == ACT_NONE, "? is text in a form");
	CHECK(ui_key_action(27, 0, VIEW_FORM) == ACT_F_CANCEL, "Esc cancels a form");
	/* digits start the age filter only where filters apply */
	CHECK(ui_key_action('7', 0, VIEW_STAIRS) == ACT_AGE, "7 in the staircase");
	CHECK(ui_key_action('7', 0, VIEW_PLAN) == ACT_NONE, "7 in a plan");
	sb_free(&k);

	/* every bound action is shown in at least one view */
	static const unsigned views[] = {
#define UI_VIEW_ROW(code, scope, title) scope,
		UI_VIEWS(UI_VIEW_ROW)
#undef UI_VIEW_ROW
	};
	for (size_t i = 0; i < ui_n_bindings; i++) {
		int shown = 0;
		for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
			shown |= ui_action_in_view(ui_bindings[i].act, views[v]);
		CHECK(shown, "action %d is bound but no view lists it", (int)ui_bindings[i].act);
	}
	/* every action of the list has a key somewhere */
	for (const struct ui_action_def *d = ui_actions; d->label; d++) {
		int shown = 0;
		for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
			shown |= ui_action_in_view(d->act, views[v]);
		CHECK(shown, "«%s» has no key in any view", d->label);
	}
}
