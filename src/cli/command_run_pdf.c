/*
 * command_run_pdf — `tkk run --pdf [--sheets LIST]` (SPEC §7.1): OUTDIR/<id>.pdf from the
 * scenario's workbook. A copy of the workbook with only the listed sheets shown is
 * written into a private folder next to the output (with LibreOffice's profile), printed
 * by LibreOffice headless, and the PDF renamed into place; the folder is then removed.
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "pdf_export.h"
#include "results.h"
#include "scenario.h"
#include "workbook.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

int command_run_pdf(const char *xlsx_out, const scenario *s, const results *r, language lang,
                    const cli_options *opts)
{
    /* OUTDIR/<id>.pdf beside the workbook; the work folder in the same place. */
    size_t n = strlen(xlsx_out);
    const char *dot = strrchr(xlsx_out, '.');
    size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - xlsx_out) : n;
    const char *slash = strrchr(xlsx_out, '/');
    char *pdf = NULL, *work = NULL, *copy = NULL;
    if (asprintf(&pdf, "%.*s.pdf", (int)stem, xlsx_out) < 0 ||
        asprintf(&work, "%.*s.tkk-pdf-XXXXXX", slash ? (int)(slash - xlsx_out + 1) : 0,
                 xlsx_out) < 0) {
        fprintf(stderr, "tkk: out of memory\n");
        free(pdf);
        return EXIT_IO;
    }
    char error[768];
    int status = EXIT_OK;
    char *soffice = pdf_find_soffice();
    if (!soffice) {
        /* LibreOffice is optional: the workbook is written, the PDF is not (exit 3). */
        pdf_export(xlsx_out, pdf, error, sizeof error);
        fprintf(stderr, "tkk: %s\n", error);
        free(pdf);
        free(work);
        return EXIT_IO;
    }
    free(soffice);
    if (!mkdtemp(work)) {
        fprintf(stderr, "tkk: cannot write %s: %s\n", pdf, strerror(errno));
        free(pdf);
        free(work);
        return EXIT_IO;
    }
    if (asprintf(&copy, "%s/%s.xlsx", work, s->id) < 0) {
        fprintf(stderr, "tkk: out of memory\n");
        status = EXIT_IO;
    } else {
        int rc = workbook_write_sheets(copy, s, r, lang, opts->sheets, error, sizeof error);
        if (rc == -2) {
            fprintf(stderr, "tkk: %s\n", error);
            status = EXIT_USAGE;
        } else if (rc != 0) {
            fprintf(stderr, "tkk: %s\n", error);
            status = EXIT_IO;
        } else if (pdf_export(copy, pdf, error, sizeof error) != PDF_OK) {
            fprintf(stderr, "tkk: %s\n", error);
            status = EXIT_IO;
        } else if (!opts->quiet) {
            printf("%s -> %s\n", xlsx_out, pdf);
        }
    }
    nftw(work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(copy);
    free(work);
    free(pdf);
    return status;
}
