/* config.c - reading the user's settings file with inih (Debian
 * libinih-dev), a small, well-kept INI parser: it gives the line of the
 * first bad line, and the keys are checked here, so a typo is reported
 * with the file and line instead of being ignored. */
#include "trapp/config.h"

#include <errno.h>
#include <stdarg.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse {
	struct config *c;
	struct strbuf msg;   /* the first problem, without file:line */
};

static int bad(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct parse *p, const char *fmt, ...)
{
	if (!p->msg.len) {
		va_list ap;
		va_start(ap, fmt);
		sb_vprintf(&p->msg, fmt, ap);
		va_end(ap);
	}
	return 0;
}

static int yes_no(const char *v, int *out)
{
	static const char *const yes[] = {"yes", "ja", "on", "true", "1"};
	static const char *const no[] = {"no", "nei", "off", "false", "0"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

static int on_setting(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	struct config *c = p->c;
	int on;
	if (*section)
		return bad(p, "ukjent seksjon «[%s]»; filen har bare «nøkkel = verdi»-linjer", section);
	if (strcmp(name, "kommune") == 0) {
		if (!*value)
			return bad(p, "kommune trenger en kode (se «trapp kommuner»)");
		free(c->kommune);
		c->kommune = xstrdup(value);
	} else if (strcmp(name, "theme") == 0) {
		if (strcmp(value, "color") != 0 && strcmp(value, "mono") != 0)
			return bad(p, "ugyldig theme «%s»; gyldige: color, mono", value);
		c->mono = strcmp(value, "mono") == 0;
	} else if (strcmp(name, "mouse") == 0) {
		if (yes_no(value, &on) != 0)
			return bad(p, "ugyldig mouse «%s»; gyldige: yes, no", value);
		c->no_mouse = !on;
	} else if (strcmp(name, "child_word") == 0) {
		if (!*value || strlen(value) > 40)
			return bad(p, "child_word må være et ord på 1–40 tegn, ikke «%s»", value);
		free(c->child_word);
		c->child_word = xstrdup(value);
	} else {
		return bad(p, "ukjent innstilling «%s»; gyldige: kommune, theme, mouse, child_word", name);
	}
	return 1;
}

static char *settings_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/trapp/config", xdg);
	return xasprintf("%s/.config/trapp/config", home && *home ? home : ".");
}

int config_load(struct config *c, struct strbuf *err)
{
	memset(c, 0, sizeof *c);
	c->path = settings_path();
	FILE *fp = fopen(c->path, "r");
	if (!fp) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		sb_printf(err, "Kan ikke lese %s: %s", c->path, strerror(errno));
		return -1;
	}
	struct parse p = {c, {0}};
	int line = ini_parse_file(fp, on_setting, &p);
	fclose(fp);
	int rc = 0;
	if (line != 0) {
		sb_printf(err, "%s:%d: %s", c->path, line,
			  p.msg.len ? sb_str(&p.msg) : "ugyldig linje; skriv «nøkkel = verdi»");
		rc = -1;
	}
	sb_free(&p.msg);
	return rc;
}

void config_free(struct config *c)
{
	free(c->path);
	free(c->kommune);
	free(c->child_word);
	memset(c, 0, sizeof *c);
}
