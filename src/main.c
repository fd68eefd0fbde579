/* main.c - entry point: global options over the settings file, help
 * (trapp --help, trapp help [COMMAND], trapp COMMAND --help, all from the
 * one usage text) and the version, then either a subcommand (cli*.c) or
 * the full-screen interface (ui/). */
#include "trapp/afile.h"
#include "trapp/cli.h"
#include "trapp/config.h"
#include "trapp/session.h"
#include "trapp/text.h"
#include "trapp/ui.h"
#include "trapp/util.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TRAPP_VERSION
#define TRAPP_VERSION "0.1.0"
#endif

void cli_usage(FILE *fp)
{
	fputs("Bruk: trapp [VALG]                 åpne fullskjermvisningen\n"
	      "      trapp KOMMANDO [VALG]        skriptbare kommandoer\n"
	      "\n"
	      "Valg:\n"
	      "  --db FIL          databasefil (ellers $TRAPP_DB, ellers\n"
	      "                    $XDG_DATA_HOME/trapp/trapp.db eller ~/.local/share/trapp/trapp.db)\n"
	      "  --kommune KODE    kommune (standard: sist brukte, ellers tromso)\n"
	      "  --present         presentasjonsmodus: navn som initialer, ingen fødselsdato eller\n"
	      "                    kontaktopplysninger på skjermen eller i eksport (P slår av/på)\n"
	      "  --plan ID         åpne stafettlogg ID (med --present: møtevisningen)\n"
	      "  --demo            demo/opplæring: en midlertidig database med fiktive barn på\n"
	      "                    BTI-nivå 0-3; din egen database røres ikke, alt slettes ved avslutning\n"
	      "  --no-color        uten farger (som NO_COLOR=1; theme = mono i innstillingene)\n"
	      "  --no-mouse        uten mus: terminalens egen merking og liming virker\n"
	      "  --child-word ORD  ordet for barnet når navn er skjult (ellers initialer)\n"
	      "  --allow-shared    lagre endringer i stafettloggene selv om andre brukere kan lese\n"
	      "                    databasefilen (ellers: advarsel og nei; rett det med chmod 600 FIL)\n"
	      "  --help, -h        denne hjelpen (trapp help KOMMANDO, trapp KOMMANDO --help)\n"
	      "  --version, -V     versjon\n"
	      "\n"
	      "Kommandoer:\n"
	      "  services [--kommune K] [--age N] [--need KODE]... [--level KODE]...\n"
	      "           [--target KODE] [--search TEKST] [--responsible TEKST]\n"
	      "           [--format table|csv|tsv|json]\n"
	      "                    tiltak som passer alle filtrene (gjentatt --need/--level: ett av dem)\n"
	      "  service ID [--kommune K]      alle feltene til ett tiltak\n"
	      "  levels [--kommune K]          kommunens trinn (innsatstrappen) med antall tiltak\n"
	      "  needs                         behovskodene\n"
	      "  kommuner                      kommunene og katalogene\n"
	      "  suggest --age N --need KODE [--severity alvorlig|moderat|disiplin] [--search TEKST]\n"
	      "                    metoder (Senja tabell 8 for atferd) og tiltak for alder og behov\n"
	      "  forums [--kommune K]          møtefora og samarbeidsstruktur\n"
	      "  grips [--kommune K]           strategiske grep og foreslåtte tiltak\n"
	      "  factors [--kommune K]         risiko- og beskyttelsesfaktorer\n"
	      "  plan new --child NAVN --born ÅÅÅÅ[-MM-DD] [--unit TEKST] [--level N] [--kommune K]\n"
	      "           [--holder NAVN] [--holder-service TEKST]\n"
	      "                    ny stafettlogg (nivå 1 om ikke --level sier noe annet); skriver id-en\n"
	      "  plan list|show ID|export ID [--format txt|md|html|pdf] [-o FIL] [--force] [--audit] [--mask] [--meeting N]\n"
	      "                    stafettloggene / hele stafettloggen (fil lesbar bare for deg; --mask: initialer)\n"
	      "  plan consent ID --by foresatte|ungdom|begge --date D --scope TJENESTE-ID,... [--expires D]\n"
	      "           [--guardians NAVN,...]   (foresattes navn)\n"
	      "  plan refuse ID --by foresatte|ungdom --date D | plan withdraw ID --date D\n"
	      "  plan add-service ID TJENESTE-ID [--role TEKST]   (id-er: trapp services --search ORD)\n"
	      "  plan add-person ID --name NAVN --role ROLLE [--contact TEKST]\n"
	      "  plan remove-service ID TJENESTE-ID | plan remove-person ID --name NAVN\n"
	      "  plan concern ID --text TEKST --date D --by HVEM\n"
	      "  plan add-goal ID --text TEKST | plan goal ID MÅL [--status aktiv|nådd|...] [--text TEKST]\n"
	      "  plan needs ID --set BEHOV,...  stafettloggens behov (koder fra «trapp needs»; tomt: ingen)\n"
	      "  plan add-step ID --what TEKST --who TEKST --due D [--evaluate D] [--service TJENESTE-ID]\n"
	      "  plan step ID STEG [--status planlagt|pågår|fullført|avbrutt] [--evaluation TEKST]\n"
	      "           [--due D] [--evaluate D] [--what TEKST] [--who TEKST]\n"
	      "           [--if-version N]   (alle endringer: bare hvis versjonen fra «plan show» står)\n"
	      "  plan level ID N --why TEKST\n"
	      "  plan meeting ID --date D --notes TEKST --attended \"HVEM, HVEM\" [--steps N,N]\n"
	      "           [--agree \"HVA;HVEM;FRIST\"]...   (--attended: hvem som var til stede)\n"
	      "  plan handover ID --to BRUKERNAVN --service TEKST | plan accept ID (bare den brukeren)\n"
	      "  plan members ID | plan member ID BRUKERNAVN --role aktør|leder|lesetilgang [--service ID]\n"
	      "  plan remove-member ID BRUKERNAVN | plan access-log ID [--format txt|csv]\n"
	      "  plan correct ID --field FELT --value VERDI --why TEKST [--item N]\n"
	      "  plan delete ID [--no-archive --why TEKST]   slett en avsluttet stafettlogg (etter arkivutskrift)\n"
	      "  plan close ID --reason mal-nadd|samtykke-trukket|overfort-ip|overfort-barnekoordinator|flyttet\n"
	      "           |overfort-barnevern|annet [--why TEKST] [--summary TEKST] [--force]\n"
	      "                    --why kreves ved annet; åpne steg stanser avslutningen uten --force\n"
	      "  due [--days N] [--mask]       åpne steg og evalueringer i alle stafettlogger, forfalte først,\n"
	      "                    samtykker som utløper innen 30 dager og overføringer som venter\n"
	      "  due --format ics [-o FIL] [--force]\n"
	      "                    frister og møter som iCalendar-fil (maskert: initialer og plannummer)\n"
	      "  consent-age [--kommune K] [--set 15|16]\n"
	      "                    alderen da ungdom samtykker selv i kommunen, og grunnlaget\n"
	      "  import FIL --kommune K [--level-model KODE] [--name NAVN] [--dry-run]\n"
	      "         [--delimiter ,|;|tab] [--encoding utf-8|windows-1252|iso-8859-1]\n"
	      "                    les en tiltaksliste (CSV/TSV) inn i kommunen: viser hva som\n"
	      "                    blir nytt, fjernet og endret; ved feil lagres ingenting\n"
	      "  export services [--kommune K] [--format csv|hsds] [-o FIL|MAPPE] [--excel]\n"
	      "                    tiltakene som CSV (samme kolonner som import) eller som\n"
	      "                    Open Referral HSDS 3.0-datapakke (-o MAPPE)\n"
	      "  keys [--format table|roff]    tastene i fullskjermvisningen\n"
	      "  help [KOMMANDO]               hjelp for alle kommandoene eller én (også KOMMANDO --help)\n"
	      "  whoami [--set NAVN]           påloggingen din (den endringer og lesing logges med), og visningsnavnet\n"
	      "  backup FIL                    sikkerhetskopi (0600), riktig også mens andre skriver\n"
	      "  restore FIL                   gjenopprett fra en kontrollert kopi (det gamle lagres)\n"
	      "  check [--salvage NY.db]       kontroller databasen (integritet, fremmednøkler, rettigheter,\n"
	      "                                skjemaversjon, hashkjedene); --salvage berger det som kan leses\n"
	      "  retention --closed-before DATO [--dry-run]   slett stafettlogger avsluttet før DATO\n"
	      "  users | user BRUKERNAVN --admin ja|nei       brukere og kommuneadministratorer\n"
	      "\n"
	      "Listene (services, levels, needs, kommuner, suggest, forums, grips, factors, plan list,\n"
	      "due) tar --format table|csv|tsv|json; tabellen kuttes til kolonnene bare i en terminal.\n"
	      "Målgruppetyper: barn ungdom foreldre familie gravide ansatte voksne alle\n"
	      "Nivåkoder: universelt selektivt indikert, og kommunens egne (trinn1-7, gronn/gul/rod)\n"
	      "Datoer (D): ÅÅÅÅ-MM-DD.\n"
	      "Innstillinger: $XDG_CONFIG_HOME/trapp/config (ellers ~/.config/trapp/config), linjer\n"
	      "«nøkkel = verdi»: kommune, theme (color|mono), mouse (yes|no), child_word.\n"
	      "Avslutningskoder: 0 ok, 1 feil, 2 ugyldig bruk eller verdi. Se man trapp.\n",
	      fp);
}

/* The usage entries of one command: the lines under "Kommandoer:" whose
 * first word is cmd, with their continuation lines. 0, or -1 if none. */
static int command_help(FILE *fp, const char *cmd)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return -1;
	cli_usage(mem);
	fclose(mem);
	int in_cmds = 0, take = 0, found = 0;
	size_t n = strlen(cmd);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strcmp(line, "Kommandoer:") == 0) {
			in_cmds = 1;
			continue;
		}
		if (!in_cmds)
			continue;
		if (line[0] != ' ')
			break;
		if (line[2] != ' ')  /* an entry starts: "  name ..." */
			take = strncmp(line + 2, cmd, n) == 0 && (line[2 + n] == ' ' || line[2 + n] == '\0');
		if (take) {
			fprintf(fp, "%s\n", line);
			found = 1;
		}
	}
	free(text);
	if (!found)
		return -1;
	fputs("\nGlobale valg som --db FIL og --kommune KODE: se trapp --help. Detaljer: man trapp.\n"
	      "Avslutningskoder: 0 ok, 1 feil, 2 ugyldig bruk eller verdi.\n", fp);
	return 0;
}

/* trapp help [COMMAND] */
static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	if (argc > 2) {
		util_error("«help» tar én kommando, ikke «%s»", argv[2]);
		return EXIT_USAGE;
	}
	if (command_help(stdout, argv[1]) != 0) {
		util_error("Ukjent kommando «%s» for help (se trapp --help)", argv[1]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* COMMAND --help (or -h) anywhere before "--": that command's help. */
static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

static int run(struct app_opts *o, int argc, char **argv);

static int main_inner(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* stderr always; stdout for every command (run), not the full screen */
	cli_safe_streams(0, 1);
	/* All text is UTF-8. Under a non-UTF-8 locale (LANG=C) ncursesw would
	 * drop æ, ø and å silently: take C.UTF-8's character handling instead. */
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0) {
		/* arguments typed under a Latin-1 (or other 8-bit) locale are
		 * converted to UTF-8 rather than refused as invalid */
		char *from = xstrdup(cs ? cs : "");
		for (int i = 1; *from && strcmp(from, "ANSI_X3.4-1968") != 0 && i < argc; i++)
			if (!utf8_valid(argv[i], strlen(argv[i]))) {
				char *u = text_to_utf8(argv[i], from);
				if (u)
					argv[i] = u;  /* lives as long as the process */
			}
		free(from);
		setlocale(LC_CTYPE, "C.UTF-8");
	}
	struct app_opts o = {0};
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'D'}, {"kommune", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
		{"present", no_argument, NULL, 'P'}, {"demo", no_argument, NULL, 'd'},
		{"plan", required_argument, NULL, 'p'}, {"no-color", no_argument, NULL, 'C'},
		{"no-mouse", no_argument, NULL, 'M'}, {"child-word", required_argument, NULL, 'w'},
		{"allow-shared", no_argument, NULL, 'S'},
		{0, 0, 0, 0},
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'D': o.db_path = optarg; break;
		case 'k': o.kommune = optarg; break;
		case 'h': cli_usage(stdout); return EXIT_OK;
		case 'V':
#ifdef TRAPP_TEST_HOOKS
			printf("trapp %s (testbygg: TRAPP_TODAY setter dagens dato)\n", TRAPP_VERSION);
#else
			printf("trapp %s\n", TRAPP_VERSION);
#endif
			return EXIT_OK;
		case 'P': o.present = 1; break;
		case 'd': o.demo = 1; break;
		case 'S': o.allow_shared = 1; break;
		case 'C': o.no_color = 1; break;
		case 'M': o.no_mouse = 1; break;
		case 'w':
			if (!*optarg || strlen(optarg) > 40) {
				util_error("--child-word trenger et ord på 1–40 tegn");
				return EXIT_USAGE;
			}
			o.child_word = optarg;
			break;
		case 'p':
			if (parse_int(optarg, 1, 2000000000L, &o.plan_id) != 0) {
				util_error("Ugyldig stafettlogg-id «%s» for --plan; bruk et tall fra "
						"«trapp plan list»", optarg);
				return EXIT_USAGE;
			}
			break;
		case ':':
			util_error("Valget «%s» trenger en verdi", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			util_error("Ukjent valg «%s» (se trapp --help)", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc && strcmp(argv[optind], "help") == 0)
		return cmd_help(argc - optind, argv + optind);
	if (optind < argc && wants_help(argc - optind, argv + optind)) {
		if (command_help(stdout, argv[optind]) == 0)
			return EXIT_OK;
		util_error("Ukjent kommando «%s» (se trapp --help)", argv[optind]);
		return EXIT_USAGE;
	}
	/* the settings file, under the options */
	struct config cfg;
	struct strbuf cerr = {0};
	if (config_load(&cfg, &cerr) != 0) {
		util_error("%s", sb_str(&cerr));
		sb_free(&cerr);
		config_free(&cfg);
		return EXIT_USAGE;
	}
	sb_free(&cerr);
	if (!o.kommune)
		o.kommune = cfg.kommune;
	if (!o.child_word)
		o.child_word = cfg.child_word;
	o.no_color |= cfg.mono;
	o.no_mouse |= cfg.no_mouse;
	int rc = run(&o, argc - optind, argv + optind);
	config_free(&cfg);
	return rc;
}

/* argv: what follows the global options (a command, or nothing). */
static int run(struct app_opts *o, int argc, char **argv)
{
	if (argc > 0)
		cli_safe_streams(1, 0);
	if (argc > 0 && strcmp(argv[0], "keys") == 0)
		return ui_cmd_keys(argc, argv);
	if (argc > 0 && o->demo) {
		util_error("--demo gjelder bare fullskjermvisningen");
		return EXIT_USAGE;
	}
	if (argc > 0) {
		int rc = cli_run(o, argc, argv);
		if (rc < 0) {
			util_error("Ukjent kommando «%s» (se trapp --help)", argv[0]);
			return EXIT_USAGE;
		}
		return rc;
	}
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		util_error("Fullskjermvisningen trenger en terminal (standard inn/ut er ikke en "
				"terminal); bruk en kommando som «trapp services» (se trapp --help)\n");
		return EXIT_USAGE;
	}
	struct session ss;
	struct session_opts so = {.db_path = o->db_path, .kommune = o->kommune, .demo = o->demo,
				  .allow_shared = o->allow_shared};
	struct strbuf err = {0};
	int rc = session_open(&ss, &so, &err);
	if (rc != SESSION_OK) {
		util_error("%s", sb_str(&err));
		sb_free(&err);
		return rc;
	}
	sb_free(&err);
	rc = ui_run(&ss, o);
	session_close(&ss);  /* a demo leaves nothing behind */
	int sig = ui_signal();
	if (sig) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}

/* Every command's output is checked once it is all written: a full disk
 * or a closed pipe (> /dev/full) is exit 1 with a message, never a silent
 * 0 with an empty or cut file. */
int main(int argc, char **argv)
{
	int rc = main_inner(argc, argv);
	struct strbuf err = {0};
	if (afile_close_stream(stdout, "standard ut", &err) != 0) {
		util_error("%s", sb_str(&err));
		rc = EXIT_FAIL;
	}
	sb_free(&err);
	return rc;
}
