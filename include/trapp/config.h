/* config.h - the user's settings file, $XDG_CONFIG_HOME/trapp/config
 * (~/.config/trapp/config when XDG_CONFIG_HOME is unset): lines of
 * "key = value", read with inih. Every setting is also an option. */
#ifndef TRAPP_CONFIG_H
#define TRAPP_CONFIG_H

#include "trapp/util.h"

struct config {
	char *path;          /* the file read (or looked for) */
	char *kommune;       /* kommune = KODE             (--kommune) */
	int mono;            /* theme = color|mono         (--no-color) */
	int no_mouse;        /* mouse = yes|no             (--no-mouse) */
	char *child_word;    /* child_word = ORD           (--child-word) */
};

/* Read the settings; a missing file is no error (all unset). 0, or -1
 * with "FILE:LINE: what was wrong" in err. Free with config_free. */
int config_load(struct config *c, struct strbuf *err);
void config_free(struct config *c);

#endif
