/* embedded.h - the data files of data/ compiled into the binary (generated
 * by tools/embed.c at build time). */
#ifndef TRAPP_EMBEDDED_H
#define TRAPP_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;               /* file name, e.g. "services-tromso.csv" */
	const unsigned char *data;      /* NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_files[];  /* ends with name NULL */
const struct embedded_file *embedded_find(const char *name);

#endif
