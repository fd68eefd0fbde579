/* ui.h - the full-screen interface (src/ui/). */
#ifndef TRAPP_UI_H
#define TRAPP_UI_H

#include "trapp/app_opts.h"

/* Run the TUI on the opened session (database, kommune and catalogue
 * loaded); returns the exit status. */
struct session;
int ui_run(struct session *ss, const struct app_opts *o);
/* `trapp keys [--format table|roff]`: the keys of the full-screen views,
 * from the same action table the views dispatch with. */
int ui_cmd_keys(int argc, char **argv);
/* The signal (SIGTERM, SIGHUP, SIGINT) that ended ui_run, or 0. The caller
 * cleans up, then re-raises it with the default action. */
int ui_signal(void);

#endif
