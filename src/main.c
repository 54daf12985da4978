/* main — parses the command line and dispatches; every command returns its exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "common.h"
#include "diag.h"
#include "fatal.h"
#include "compare.h"

static const char usage_text[] =
    "usage: tkk COMMAND [OPTIONS] FILE.ini...\n"
    "\n"
    "Funding and performance bonus calculator for municipal employment pilots.\n"
    "\n"
    "commands:\n"
    "  run [FILE.ini...]        one workbook per scenario: OUTDIR/<id>.xlsx\n"
    "                           (no files: every scenarios/*.ini)\n"
    "  check FILE.ini...        validate only; print every problem; write nothing\n"
    "  show FILE.ini            the summary tables on the terminal\n"
    "  compare A.ini B.ini...   OUTDIR/compare.xlsx (or -o FILE.xlsx); --align pilot-year, --show\n"
    "  sweep FILE.ini --vary PATH=SPEC [--vary ...]   OUTDIR/<id>-sweep.xlsx\n"
    "  init FILE.ini            a commented scenario template (--lang fi|en)\n"
    "  export FILE.ini --format json|csv   the tables for programs: OUTDIR/<id>.json or .csv\n"
    "  solve FILE.ini --find PATH --goal 'NAME OP VALUE'   goal seek on a grid\n"
    "\n"
    "options:\n"
    "  -o, --output DIR|FILE    where to write (default output/)\n"
    "      --lang fi|en         workbook and terminal language (default: the scenario's)\n"
    "      --set PATH=VALUE     override one input, e.g. --set staff.coaches.fte=7 (repeatable)\n"
    "      --vary PATH=SPEC     sweep: FROM..TO:STEP or 'PATH=v1;v2;v3' (quoted; repeatable)\n"
    "      --max N              sweep: allow more than 1 000 000 variants\n"
    "      --pdf                run: also OUTDIR/<id>.pdf through LibreOffice\n"
    "      --sheets LIST        run --pdf: only these sheets (names or table names)\n"
    "      --strict             every warning is an error (exit 1)\n"
    "      --find/--goal/--min/--max/--step/--from/--to   solve: see tkk solve --help\n"
    "  -q, --quiet              no progress or summary lines\n"
    "      --version            print the version\n"
    "  -h, --help               this help (also: tkk COMMAND --help)\n"
    "\n"
    "exit status: 0 success, 1 invalid input, 2 usage error, 3 I/O error\n";

static const struct {
    const char *name;
    int (*run)(const cli_options *);
    const char *help;
} commands[] = {
    { "run", command_run,
      "usage: tkk run [OPTIONS] [FILE.ini...]\n"
      "Computes each scenario and writes OUTDIR/<id>.xlsx (default output/). Without files,\n"
      "every scenarios/*.ini. A bad scenario is reported and skipped; the exit status is 1\n"
      "when any was bad. Options: -o DIR (or FILE.xlsx for one scenario), --lang, --set, --strict,\n"
      "-q. --pdf also writes OUTDIR/<id>.pdf with LibreOffice (soffice --headless; Debian\n"
      "package libreoffice-calc-nogui), --sheets Yhteenveto,Rahoitus only those sheets, in\n"
      "workbook order; [scenario] appendix = Liite 3 puts that heading on every page.\n" },
    { "check", command_check,
      "usage: tkk check [--strict] [--set PATH=VALUE] FILE.ini...\n"
      "Validates the scenarios and prints every problem as FILE:LINE: PATH: message.\n"
      "Writes nothing. Exit status 1 when any problem was found.\n" },
    { "show", command_show,
      "usage: tkk show [--lang fi|en] [--set PATH=VALUE] FILE.ini\n"
      "Prints the scenario's summary tables (costs, budget, funding, KPIs, rewards, bonus).\n" },
    { "compare", command_compare,
      "usage: tkk compare [OPTIONS] A.ini B.ini...\n"
      "Writes OUTDIR/compare.xlsx (or -o FILE.xlsx): metrics per year side by side, the\n"
      "differences against the first scenario, and every input that differs.\n"
      "  --align pilot-year   align by the pilot's own year (1 = the year of start)\n"
      "                       instead of the calendar year (--align calendar-year)\n"
      "  --show               print the Comparison to the terminal, write nothing\n" },
    { "sweep", command_sweep,
      "usage: tkk sweep [OPTIONS] FILE.ini --vary PATH=FROM..TO:STEP --vary 'PATH=v1;v2;v3'\n"
      "Computes every combination of the varied inputs (Cartesian product) and writes\n"
      "OUTDIR/<id>-sweep.xlsx. Refuses more than 1 000 000 variants unless --max N.\n" },
    { "init", command_init,
      "usage: tkk init [--lang fi|en] FILE.ini\n"
      "Writes a commented scenario template with every section and key (SPEC §4) and the\n"
      "Salo 2021 figures as examples; it passes 'tkk check' as written. Refuses to overwrite\n"
      "an existing file (exit 3).\n" },
    { "export", command_export,
      "usage: tkk export FILE.ini --format json|csv [-o DIR|FILE] [--lang fi|en] [--set PATH=VALUE]\n"
      "Writes the scenario's tables and defined names for programs: OUTDIR/<id>.json (exact\n"
      "values as strings) or one OUTDIR/<id>-<Table>.csv per table (',' and '.' under en,\n"
      "';' and ',' under fi; UTF-8 with BOM).\n" },
    { "solve", command_solve,
      "usage: tkk solve FILE.ini --find PATH --goal 'NAME OP VALUE' [--min|--max]\n"
      "                 [--step S] [--from A] [--to B] [-o DIR|FILE.xlsx] [--lang fi|en]\n"
      "The largest (--max, default) or smallest (--min) value of PATH on the grid A, A+S, ...,\n"
      "B at which the goal holds, by bisection with an exact evaluation per value; the value's\n"
      "neighbour on the grid is shown too. NAME: Total_Cost, Municipal_Cost, State_Grant,\n"
      "Municipal_Net_Cost, Bonus_Pool, Bonus_Allocated, Bonus_Unallocated, Reward_Claimed,\n"
      "Reward_Paid, Caseload, Shortfall; OP: <, <=, >, >=. Defaults: A = 0; S = 0,1 for FTE,\n"
      "0,01 for money, 0,1 % for ratios, 1 for counts; B = 1 000 x the current value (1 000\n"
      "when it is 0; 100 % for shares). -o also writes OUTDIR/<id>-solved.xlsx, the scenario\n"
      "at the answer. Exit status 1 when no value of the grid meets the goal.\n" },
};

static int usage_error(const char *fmt, const char *arg)
{
    fputs("tkk: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'tkk --help'.\n", stderr);
    return EXIT_USAGE;
}

static int finish(int status)
{
    /* A failed write to stdout (a full disk, a closed pipe) is an I/O error. */
    if (fclose(stdout) != 0 && status == EXIT_OK) {
        perror("tkk: stdout");
        return EXIT_IO;
    }
    return status;
}

int main(int argc, char **argv)
{
    /* SPEC §7.5: out of memory or a fatal signal is exit 3 with a message and no
     * temporary file left, from the first allocation on. */
    fatal_install();
    alloc_install();
    if (argc < 2)
        return usage_error("%s", "missing command");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage_text, stdout);
        return finish(EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("tkk %s\n", TKK_VERSION);
        return finish(EXIT_OK);
    }
    size_t which = ARRAY_SIZE(commands);
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            which = i;
    if (which == ARRAY_SIZE(commands))
        return usage_error("unknown command '%s'", argv[1]);

    enum { OPT_LANG = 256, OPT_SET, OPT_VARY, OPT_MAX, OPT_VERSION, OPT_ALIGN, OPT_SHOW, OPT_PDF,
           OPT_SHEETS, OPT_STRICT, OPT_FORMAT, OPT_FIND, OPT_GOAL, OPT_FROM, OPT_TO, OPT_STEP,
           OPT_MIN };
    static const struct option long_options[] = {
        { "output", required_argument, NULL, 'o' },
        { "lang", required_argument, NULL, OPT_LANG },
        { "set", required_argument, NULL, OPT_SET },
        { "vary", required_argument, NULL, OPT_VARY },
        { "max", required_argument, NULL, OPT_MAX },
        { "quiet", no_argument, NULL, 'q' },
        { "pdf", no_argument, NULL, OPT_PDF },
        { "sheets", required_argument, NULL, OPT_SHEETS },
        { "strict", no_argument, NULL, OPT_STRICT },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "version", no_argument, NULL, OPT_VERSION },
        { "align", required_argument, NULL, OPT_ALIGN },
        { "show", no_argument, NULL, OPT_SHOW },
        { "help", no_argument, NULL, 'h' },
        { "find", required_argument, NULL, OPT_FIND },
        { "goal", required_argument, NULL, OPT_GOAL },
        { "from", required_argument, NULL, OPT_FROM },
        { "to", required_argument, NULL, OPT_TO },
        { "step", required_argument, NULL, OPT_STEP },
        { "min", no_argument, NULL, OPT_MIN },
        { NULL, 0, NULL, 0 },
    };
    /* `tkk solve --max` is a flag (the largest value); `tkk sweep --max N` a limit. */
    struct option options[ARRAY_SIZE(long_options)];
    memcpy(options, long_options, sizeof options);
    if (strcmp(commands[which].name, "solve") == 0)
        for (size_t i = 0; options[i].name; i++)
            if (strcmp(options[i].name, "max") == 0)
                options[i].has_arg = no_argument;
    cli_options opts = { .max_variants = 1000000 };
    opts.sets = xcalloc((size_t)argc, sizeof *opts.sets);
    opts.varies = xcalloc((size_t)argc, sizeof *opts.varies);
    opts.files = xcalloc((size_t)argc, sizeof *opts.files);
    int status = EXIT_OK;
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "o:qh", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            opts.output = optarg;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "fi") == 0)
                opts.lang = LANG_FI;
            else if (strcmp(optarg, "en") == 0)
                opts.lang = LANG_EN;
            else {
                status = usage_error("--lang takes fi or en, not '%s'", optarg);
                goto done;
            }
            opts.has_lang = true;
            break;
        case OPT_SET:
            opts.sets[opts.n_sets++] = optarg;
            break;
        case OPT_VARY:
            opts.varies[opts.n_varies++] = optarg;
            break;
        case OPT_MAX: {
            if (!optarg) {   /* solve */
                opts.maximise = true;
                break;
            }
            char *end;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || *optarg == '-' || n == 0) {
                status = usage_error("--max takes a whole number above 0, not '%s'", optarg);
                goto done;
            }
            opts.max_variants = n;
            break;
        }
        case OPT_FIND:
            opts.find = optarg;
            break;
        case OPT_GOAL:
            opts.goal = optarg;
            break;
        case OPT_FROM:
            opts.from = optarg;
            break;
        case OPT_TO:
            opts.to = optarg;
            break;
        case OPT_STEP:
            opts.step = optarg;
            break;
        case OPT_MIN:
            opts.minimise = true;
            break;
        case 'q':
            opts.quiet = true;
            break;
        case OPT_ALIGN: {   /* §7.2 */
            compare_align align;
            if (!compare_align_parse(optarg, &align)) {
                status = usage_error("--align takes pilot-year or calendar-year, not '%s'", optarg);
                goto done;
            }
            opts.align_pilot_year = align == COMPARE_ALIGN_PILOT_YEAR;
            break;
        }
        case OPT_SHOW:
            opts.show = true;
            break;
        case OPT_PDF:
            opts.pdf = true;
            break;
        case OPT_SHEETS:
            opts.sheets = optarg;
            break;
        case OPT_FORMAT:
            opts.format = optarg;   /* export checks the word */
            break;
        case OPT_STRICT:
            diag_set_strict(true);   /* SPEC §7.3: every command, every warning */
            break;
        case OPT_VERSION:
            printf("tkk %s\n", TKK_VERSION);
            status = finish(EXIT_OK);
            goto done;
        case 'h':
            fputs(commands[which].help, stdout);
            status = finish(EXIT_OK);
            goto done;
        default:
            status = usage_error("%s", "invalid option");
            goto done;
        }
    }
    for (int i = optind; i < argc; i++)
        opts.files[opts.n_files++] = argv[i];
    if ((opts.pdf || opts.sheets) && commands[which].run != command_run) {
        status = usage_error("%s", "--pdf and --sheets belong to tkk run");
        goto done;
    }
    if (opts.sheets && !opts.pdf) {
        status = usage_error("%s", "--sheets chooses the sheets of the PDF: use it with --pdf");
        goto done;
    }
    status = finish(commands[which].run(&opts));
done:
    free(opts.sets);
    free(opts.varies);
    free(opts.files);
    return status;
}
