/*
 * pdf_export — a workbook to PDF with LibreOffice headless (SPEC §7.1 `tkk run --pdf`).
 * LibreOffice is an optional runtime dependency: without `soffice` on PATH (or
 * TKK_SOFFICE) the call says so and names the Debian package.
 *
 *     char error[512];
 *     if (pdf_export("output/.tkk-pdf-x/salo-2021.xlsx", "output/salo-2021.pdf",
 *                    error, sizeof error) != PDF_OK)
 *         fprintf(stderr, "tkk: %s\n", error);                    // exit 3
 */
#ifndef TKK_PDF_EXPORT_H
#define TKK_PDF_EXPORT_H

#include <stddef.h>

typedef enum {
    PDF_OK,
    PDF_NO_SOFFICE,   /* LibreOffice is not installed (not on PATH) */
    PDF_FAILED        /* it ran but gave no PDF, or a file could not be written */
} pdf_status;

/* Converts xlsx_path (in a folder of its own, which this call may fill with a private
 * LibreOffice profile) and renames the result to pdf_path. Every sheet of the workbook
 * that is not hidden is printed, in workbook order. */
pdf_status pdf_export(const char *xlsx_path, const char *pdf_path, char *error,
                      size_t error_size);

/* The soffice to run: $TKK_SOFFICE, else the first soffice on PATH; NULL when none. The
 * result is malloc'd. */
char *pdf_find_soffice(void);

#endif
