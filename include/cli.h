/*
 * cli — the options every command shares, parsed by main.c, and the commands.
 *
 * Each command returns an exit status of SPEC §2 (EXIT_OK, EXIT_INVALID, EXIT_USAGE,
 * EXIT_IO from common.h); main() only parses and dispatches.
 */
#ifndef TKK_CLI_H
#define TKK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include "language.h"

struct scenario;
struct results;

typedef struct {
    const char *output;          /* -o: a folder, or a .xlsx file; NULL: "output/" */
    bool has_lang;
    language lang;               /* --lang, when has_lang */
    const char **sets;           /* --set PATH=VALUE, in order */
    size_t n_sets;
    const char **varies;         /* sweep: --vary PATH=SPEC */
    size_t n_varies;
    unsigned long long max_variants;   /* sweep: --max N (default 1 000 000) */
    bool quiet;
    bool align_pilot_year;       /* compare --align pilot-year (§7.2) */
    bool show;                   /* compare --show: to the terminal (§7.2) */
    bool pdf;                    /* run: also OUTDIR/<id>.pdf through LibreOffice (§7.1) */
    const char *sheets;          /* run --pdf: only these sheets, "Yhteenveto,Rahoitus" */
    const char *format;          /* export: --format json|csv */
    /* solve (SPEC §7.4): --find PATH, --goal 'NAME OP VALUE', --from/--to/--step as
     * written, --min or --max (the default). */
    const char *find, *goal, *from, *to, *step;
    bool minimise, maximise;
    const char **files;          /* the scenario files */
    size_t n_files;
} cli_options;

int command_run(const cli_options *opts);      /* tkk run */
int command_check(const cli_options *opts);    /* tkk check */
int command_show(const cli_options *opts);     /* tkk show */
int command_compare(const cli_options *opts);  /* tkk compare */
int command_sweep(const cli_options *opts);    /* tkk sweep */
int command_init(const cli_options *opts);     /* tkk init (SPEC §7.3) */
int command_export(const cli_options *opts);   /* tkk export (SPEC §7.3) */
int command_solve(const cli_options *opts);    /* tkk solve */

/* tkk run --pdf: OUTDIR/<id>.pdf beside the workbook xlsx_out (SPEC §7.1). An exit
 * status: EXIT_IO without LibreOffice (the message names the Debian package). */
int command_run_pdf(const char *xlsx_out, const struct scenario *s, const struct results *r,
                    language lang, const cli_options *opts);

/* Warnings about computed results (SPEC §5.6: `top` admitted more projects because of a
 * tie at the boundary), printed to stderr as FILE: PATH: warning: message. Returns how
 * many were printed; under --strict they are errors and the caller stops (exit 1). */
int cli_result_warnings(const char *file, const struct scenario *s, const struct results *r);

/* The workbook language: --lang, else the scenario's `language`, else Finnish. */
language cli_language(const cli_options *opts, const struct scenario *s);

#endif
