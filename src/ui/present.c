/* present.c - leaving presentation mode: a neutral screen (nothing of any
 * plan, only what to do) that asks for a deliberate confirmation, the word
 * VIS and Enter, before anything unmasked is drawn. Esc, or anything else,
 * keeps presenting. Started with --present, the session stays masked
 * until this is confirmed. */
#include "ui.h"
#include "trapp/text.h"

#include <stdlib.h>
#include <string.h>

#define CONFIRM_WORD "VIS"

struct present_exit {
	struct strbuf typed;
	int wrong;               /* Enter was pressed on another word */
};

static void exit_draw(struct app *a, struct view *v)
{
	struct present_exit *e = v->data;
	ui_draw_header(a, "Presentasjon");
	static const char *const text[] = {
		"Presentasjonen er satt på pause.",
		"",
		"Når presentasjonen avsluttes, vises navn, fødselsdatoer og kontaktopplysninger",
		"igjen. Sjekk at skjermen ikke lenger vises for andre.",
		"",
		"Skriv " CONFIRM_WORD " og trykk Enter for å avslutte presentasjonsmodus.",
		"Esc fortsetter presentasjonen.",
	};
	int y = LINES / 2 - (int)ARRAY_LEN(text) / 2 - 2;
	if (y < 2)
		y = 2;
	for (size_t i = 0; i < ARRAY_LEN(text); i++)
		ui_put(y + (int)i, 2, COLS - 4, text[i], i ? A_NORMAL : A_BOLD, 0);
	y += (int)ARRAY_LEN(text) + 1;
	int used = ui_put(y, 2, COLS - 4, "Bekreft: ", A_BOLD, 0);
	ui_put(y, 2 + used, 12, sb_str(&e->typed), A_UNDERLINE, 1);
	a->cursor_y = y;
	a->cursor_x = 2 + used + text_width(sb_str(&e->typed));
	if (e->wrong)
		ui_put(y + 2, 2, COLS - 4, "Skriv ordet " CONFIRM_WORD " for å avslutte, eller Esc for å fortsette.",
		       ui_attr(COL_ERROR), 0);
	a->footer = " Skriv " CONFIRM_WORD " og Enter: avslutt presentasjonen   Esc: fortsett å presentere";
}

static int exit_key(struct app *a, struct view *v, wint_t ch, int is_code)
{
	struct present_exit *e = v->data;
	if (!is_code && ch == 27) {
		app_pop(a);
		app_set_message(a, 0, "Presentasjonsmodus fortsetter");
		return UI_HANDLED;
	}
	if ((!is_code && (ch == '\r' || ch == '\n')) || (is_code && ch == KEY_ENTER)) {
		char *t = text_fold(sb_str(&e->typed));
		int yes = strcmp(str_trim(t), "vis") == 0;
		free(t);
		if (!yes) {
			e->wrong = 1;
			sb_reset(&e->typed);
			return UI_HANDLED;
		}
		a->present = 0;
		app_pop(a);
		app_invalidate(a);  /* views load again, unmasked */
		app_set_message(a, 0, "Presentasjonsmodus er av");
		return UI_HANDLED;
	}
	if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 || ch == 8))) {
		while (e->typed.len && (e->typed.buf[e->typed.len - 1] & 0xC0) == 0x80)
			e->typed.len--;
		if (e->typed.len)
			e->typed.buf[--e->typed.len] = '\0';
		return UI_HANDLED;
	}
	if (!is_code && ch >= 32 && e->typed.len < 32) {
		char buf[4];
		sb_add(&e->typed, buf, utf8_encode(ch, buf));
	}
	return UI_HANDLED;  /* every other key stays here */
}

static void exit_done(struct view *v)
{
	struct present_exit *e = v->data;
	sb_free(&e->typed);
	free(e);
}

static const struct view_ops present_exit_ops = {
	.title = "Avslutt presentasjon",
	.scope = SC_CONFIRM,
	.draw = exit_draw,
	.key = exit_key,
	.done = exit_done,
};

struct view *present_exit_new(void)
{
	struct view *v = view_new(&present_exit_ops);
	v->data = xcalloc(1, sizeof(struct present_exit));
	return v;
}
