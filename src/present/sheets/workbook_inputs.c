/*
 * workbook_inputs — the Inputs sheet (SPEC §6): every file the scenario was read from
 * (the main file, its `extends` parents, project CSVs), line by line with line
 * numbers under a heading row with the file's name, then the --set overrides, so the
 * annual report appendix carries its own assumptions.
 */
#include "workbook_internal.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"

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

/* Walks the sheet's layout as workbook_inputs_sheet writes it: a heading row per file,
 * its lines, a blank row; then the overrides' heading and lines. */
bool wb_inputs_overflow(const scenario *s, const char **file, long *line)
{
    const long last_row = LXW_ROW_MAX - 1;
    long row = WB_TABLE_ROW;
    for (size_t i = 0; i < s->n_sources; i++) {
        const source_file *src = &s->sources[i];
        long lines = src->text ? line_count(src->text, src->length) : 0;
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
