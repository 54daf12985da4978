/*
 * workbook_inputs — the Inputs sheet (SPEC §6): every file the scenario was read from
 * (the main file, its `extends` parents, project CSVs), line by line with line
 * numbers under a heading row with the file's name, then the --set overrides, so the
 * annual report appendix carries its own assumptions. In a big round (issue 13,
 * workbook_limits.h) the projects CSV is summarised instead: its name, line count and
 * SHA-256, the INI lines staying as they are.
 */
#include "workbook_internal.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "sha256_hex.h"
#include "workbook_limits.h"

enum { COL_LINE, COL_TEXT };

/* SPEC §7.1: the text column fits an A4 portrait page at 100 %; longer lines wrap. */
static const double widths[] = {6, 62};

/* Writes text's lines from row on (numbered from 1); returns the next free row, or -1.
 * A line too long for a cell is cut with a warning at file:line (SPEC §7.5). */
static long write_lines(wb_context *ctx, lxw_worksheet *ws, long row, const char *file,
                        const char *text, size_t length)
{
    size_t start = 0;
    long number = 1;
    while (start < length) {
        const char *nl = memchr(text + start, '\n', length - start);
        size_t end = nl ? (size_t)(nl - text) : length;
        size_t line_length = end - start;
        if (line_length > 0 && text[start + line_length - 1] == '\r')
            line_length--;   /* a CRLF file */
        char *line = xmalloc(line_length + 1);
        memcpy(line, text + start, line_length);
        line[line_length] = '\0';
        /* A NUL inside a line would cut it: shown as the replacement character instead. */
        for (size_t i = 0; i < line_length; i++)
            if (line[i] == '\0')
                line[i] = '\x01';
        int rc = wb_integer(ctx, ws, (lxw_row_t)row, COL_LINE, number, ctx->fmt.integer);
        if (rc == 0 && line_length > 0) {
            char *where = line_length > XLSX_CELL_MAX_CHARS ? xasprintf("%s:%ld", file, number)
                                                            : NULL;
            /* A line wider than the column wraps: the row as high as its lines. */
            double lines = (double)(int)(wb_text_width(line, false) / (widths[COL_TEXT] - 1.5) + 1);
            if (lines > 1) {
                lxw_error err = worksheet_set_row(ws, (lxw_row_t)row,
                                                  lines * 14.5 > 409 ? 409 : lines * 14.5, NULL);
                if (err != LXW_NO_ERROR)
                    rc = wb_fail(ctx, "worksheet_set_row", err);
            }
            if (rc == 0)
                rc = wb_string_at(ctx, ws, (lxw_row_t)row, COL_TEXT, line,
                                  lines > 1 ? ctx->fmt.wrap : NULL, where);
            free(where);
        }
        free(line);
        if (rc != 0)
            return -1;
        row++;
        number++;
        start = end + 1;
    }
    return row;
}

/* The rows write_lines takes for text: one per '\n'-ended line, and one for a last line
 * without a '\n'. */
static long line_count(const char *text, size_t length)
{
    long n = 0;
    for (const char *p = text; (p = memchr(p, '\n', length - (size_t)(p - text))) != NULL; p++)
        n++;
    return n + (length > 0 && text[length - 1] != '\n');
}

/* A big round's projects CSV: line count, SHA-256 and why the lines are not there, each
 * in the text column under the file's heading. */
enum { SUMMARY_LINES, SUMMARY_SHA256, SUMMARY_WHY, SUMMARY_ROWS };

static const char *const summary_texts[SUMMARY_ROWS][2] = {
    /*  fi                                                  en */
    {"Rivejä: %ld", "Lines: %ld"},
    {"SHA-256: %s", "SHA-256: %s"},
    {"Rivejä ei kopioida tähän: kierroksella on yli %zu hanketta.",
     "The lines are not copied here: the round has more than %zu projects."},
};

static bool summarised(const scenario *s, const source_file *src)
{
    return src->bonus_projects && workbook_big_round(s);
}

/* The rows under a file's heading: its lines, or the summary. */
static long source_rows(const scenario *s, const source_file *src)
{
    if (summarised(s, src))
        return SUMMARY_ROWS;
    return src->text ? line_count(src->text, src->length) : 0;
}

static long write_summary(wb_context *ctx, lxw_worksheet *ws, long row, const source_file *src)
{
    int en = ctx->out.lang == LANG_EN;
    char sha[65], text[160];
    sha256_hex(src->text ? src->text : "", src->text ? src->length : 0, sha);
    for (int i = 0; i < SUMMARY_ROWS; i++) {
        if (i == SUMMARY_LINES)
            snprintf(text, sizeof text, summary_texts[i][en],
                     src->text ? line_count(src->text, src->length) : 0L);
        else if (i == SUMMARY_SHA256)
            snprintf(text, sizeof text, summary_texts[i][en], sha);
        else
            snprintf(text, sizeof text, summary_texts[i][en], workbook_big_round_threshold());
        if (wb_string(ctx, ws, (lxw_row_t)(row + i), COL_TEXT, text, NULL) != 0)
            return -1;
    }
    return row + SUMMARY_ROWS;
}

/* Walks the sheet's layout as workbook_inputs_sheet writes it: a heading row per file,
 * its lines, a blank row; then the overrides' heading and lines. */
bool wb_inputs_overflow(const scenario *s, const char **file, long *line)
{
    const long last_row = LXW_ROW_MAX - 1;
    long row = WB_TABLE_ROW;
    for (size_t i = 0; i < s->n_sources; i++) {
        const source_file *src = &s->sources[i];
        long lines = source_rows(s, src);
        if (row + lines > last_row) {
            *file = src->path;
            *line = row >= last_row ? 1 : last_row - row + 1;
            return true;
        }
        row += lines + 2;
    }
    if (s->overrides_text && s->overrides_text[0]) {
        long lines = line_count(s->overrides_text, strlen(s->overrides_text));
        if (row + lines > last_row) {
            *file = "--set";
            *line = row >= last_row ? 1 : last_row - row + 1;
            return true;
        }
    }
    return false;
}

int workbook_inputs_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_INPUTS) != 0)
        return -1;
    long row = WB_TABLE_ROW;
    for (size_t i = 0; i < s->n_sources; i++) {
        const source_file *src = &s->sources[i];
        if (wb_string(ctx, ws, (lxw_row_t)row, COL_LINE, src->path, ctx->fmt.bold) != 0)
            return -1;
        if (summarised(s, src))
            row = write_summary(ctx, ws, row + 1, src);
        else
            row = write_lines(ctx, ws, row + 1, src->path, src->text ? src->text : "",
                              src->text ? src->length : 0);
        if (row < 0)
            return -1;
        row++;   /* a blank row between files */
    }
    if (s->overrides_text && s->overrides_text[0]) {
        if (wb_string(ctx, ws, (lxw_row_t)row, COL_LINE, wb_text(ctx, WB_L_INPUTS_OVERRIDES),
                      ctx->fmt.bold) != 0)
            return -1;
        row = write_lines(ctx, ws, row + 1, "--set", s->overrides_text,
                          strlen(s->overrides_text));
        if (row < 0)
            return -1;
    }
    if (wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, false, -1);
}
