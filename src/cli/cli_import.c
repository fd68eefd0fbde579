/* cli_import.c - the catalogue file commands: `import` (a service list into
 * a kommune, with the preview of every change, --dry-run, and all problems
 * as FILE:LINE: column: message) and `export services` (the CSV that import
 * takes back, or an Open Referral HSDS 3.0 data package). */
#include "cli_internal.h"
#include "trapp/afile.h"
#include "trapp/session.h"
#include "trapp/hsds.h"
#include "trapp/import.h"
#include "trapp/plan.h"
#include "trapp/svcfile.h"
#include "trapp/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int parse_delimiter(const char *s, char *out)
{
	if (strcmp(s, ",") == 0 || strcmp(s, "comma") == 0 || strcmp(s, "komma") == 0)
		*out = ',';
	else if (strcmp(s, ";") == 0 || strcmp(s, "semicolon") == 0 || strcmp(s, "semikolon") == 0)
		*out = ';';
	else if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0)
		*out = '\t';
	else
		return cli_bad("Ukjent skilletegn «%s» for --delimiter; gyldige: , ; tab", s);
	return 0;
}

static int parse_encoding(const char *s, const char **out)
{
	static const struct {
		const char *name, *iconv;
	} encodings[] = {
		{"utf-8", "UTF-8"}, {"utf8", "UTF-8"},
		{"windows-1252", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
		{"iso-8859-1", "ISO-8859-1"}, {"latin1", "ISO-8859-1"},
	};
	for (size_t i = 0; i < ARRAY_LEN(encodings); i++)
		if (strcasecmp(s, encodings[i].name) == 0) {
			*out = encodings[i].iconv;
			return 0;
		}
	return cli_bad("Ukjent tegnkoding «%s» for --encoding; gyldige: utf-8, windows-1252, iso-8859-1", s);
}

struct import_args {
	struct import_opts io;
	const char *file;
	int dry_run;
};

static int import_args(struct app_opts *o, int argc, char **argv, struct import_args *a)
{
	static const struct option longopts[] = {
		{"kommune", required_argument, NULL, 'k'}, {"level-model", required_argument, NULL, 'm'},
		{"name", required_argument, NULL, 'n'}, {"dry-run", no_argument, NULL, 'N'},
		{"delimiter", required_argument, NULL, 'd'}, {"encoding", required_argument, NULL, 'e'},
		{"db", required_argument, NULL, 'D'}, {0, 0, 0, 0},
	};
	int c;
	optind = 0;  /* 0: glibc re-reads the optstring, so options may follow FILE */
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kommune = optarg; break;
		case 'm': a->io.level_model = optarg; break;
		case 'n': a->io.name = optarg; break;
		case 'N': a->dry_run = 1; break;
		case 'D': o->db_path = optarg; break;
		case 'd':
			if (parse_delimiter(optarg, &a->io.csv.delim) != 0)
				return EXIT_USAGE;
			break;
		case 'e':
			if (parse_encoding(optarg, &a->io.csv.encoding) != 0)
				return EXIT_USAGE;
			break;
		default: return cli_bad_option(argv, c);
		}
	}
	if (optind >= argc)
		return cli_bad("«trapp import» trenger en fil: trapp import FIL --kommune K");
	if (optind + 1 < argc)
		return cli_bad("Uventet argument «%s» til import (bare én fil)", argv[optind + 1]);
	a->file = argv[optind];
	if (str_empty(o->kommune))
		return cli_bad("«trapp import» trenger --kommune K (kommunen som skal få tiltakene)");
	a->io.kommune = o->kommune;
	return 0;
}

int cmd_import(struct app_opts *o, int argc, char **argv)
{
	struct import_args a = {0};
	int rc = import_args(o, argc, argv, &a);
	if (rc)
		return rc;
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	struct import_plan plan;
	struct strbuf err = {0};
	int prc = import_prepare_file(ss.db, &a.io, a.file, &plan, &err);
	if (prc != IMPORT_OK) {
		util_error("%s", sb_str(&err));
		rc = prc == IMPORT_BAD_VALUE ? EXIT_USAGE : EXIT_FAIL;
	} else {
		diag_print(&plan.diag, stderr);
		if (plan.diag.errors) {
			util_error("%d feil i %s; ingenting er importert\n", plan.diag.errors,
				a.file);
			rc = EXIT_FAIL;
		} else {
			import_print(stdout, &plan);
			if (a.dry_run) {
				puts("Tørrkjøring: ingenting er lagret.");
			} else if (!plan.n_changes && !plan.new_kommune) {
				puts("Ingen endringer.");
			} else if (import_apply(ss.db, &plan, &err) != 0) {
				cli_refusal_phrase(PLAN_FAIL, &err);  /* a coded refusal: who may import */
				util_error("%s", sb_str(&err));
				rc = EXIT_FAIL;
			} else {
				printf("Importert til %s: %zu nye, %zu fjernet, %zu endret.\n",
				       plan.current.kommune.code, plan.n_added, plan.n_removed, plan.n_changed);
			}
		}
	}
	import_plan_free(&plan);
	sb_free(&err);
	session_close(&ss);
	return rc;
}

/* --- export ------------------------------------------------------------ */

/* Write the CSV to path whole or not at all (afile), so a failed or
 * killed export never leaves half a file. */
static int export_csv_file(const struct catalog *c, const char *path, int excel)
{
	struct afile af;
	struct strbuf err = {0};
	int rc = afile_open(&af, path, 1, &err) == 0 ? EXIT_OK : EXIT_FAIL;
	if (rc == EXIT_OK) {
		svcfile_write(af.fp, c, NULL, 0, excel);
		if (afile_commit(&af, &err) != 0)
			rc = EXIT_FAIL;
	}
	if (rc != EXIT_OK)
		util_error("%s", sb_str(&err));
	sb_free(&err);
	return rc;
}

int cmd_export(struct app_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"kommune", required_argument, NULL, 'k'}, {"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'}, {"excel", no_argument, NULL, 'x'},
		{"db", required_argument, NULL, 'D'}, {0, 0, 0, 0},
	};
	const char *format = "csv", *out = NULL;
	int excel = 0, c;
	optind = 0;  /* 0: glibc re-reads the optstring, so options may follow FILE */
	while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kommune = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'x': excel = 1; break;
		case 'D': o->db_path = optarg; break;
		default: return cli_bad_option(argv, c);
		}
	}
	if (optind >= argc || strcmp(argv[optind], "services") != 0)
		return cli_bad("«trapp export» trenger hva som skal eksporteres: trapp export services --kommune K");
	if (optind + 1 < argc)
		return cli_bad("Uventet argument «%s» til export", argv[optind + 1]);
	int hsds = strcmp(format, "hsds") == 0;
	if (!hsds && strcmp(format, "csv") != 0)
		return cli_bad("Ukjent format «%s» for --format; gyldige: csv, hsds", format);
	if (hsds && !out)
		return cli_bad("--format hsds trenger -o MAPPE (datapakken er flere filer)");
	if (hsds && excel)
		return cli_bad("--excel gjelder bare --format csv");
	struct session ss;
	if (cli_open(o, &ss) != EXIT_OK)
		return EXIT_FAIL;
	char *kom = cli_kommune(&ss, o->kommune);
	struct catalog cat;
	int rc = EXIT_USAGE;
	if (kom && cli_catalog(&ss, kom, &cat) != 0) {
		rc = EXIT_FAIL;
	} else if (kom) {
		struct strbuf err = {0};
		if (hsds) {
			rc = hsds_write(&cat, out, &err) == 0 ? EXIT_OK : EXIT_FAIL;
			if (rc)
				util_error("%s", sb_str(&err));
		} else if (out) {
			rc = export_csv_file(&cat, out, excel);
		} else {
			svcfile_write(stdout, &cat, NULL, 0, excel);
			rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
		}
		sb_free(&err);
		catalog_free(&cat);
	}
	free(kom);
	session_close(&ss);
	return rc;
}
