/*
 * workbook_note — an extra block on the Summary sheet, under the scenario's details:
 * a bold heading, then one label and one value per line (text, or a number in the
 * money, number or percent format). `tkk solve` states its question and answer here
 * (SPEC §7.4); the block is written only when a note is given, so `tkk run` workbooks
 * keep their bytes.
 */
#include "workbook_internal.h"

enum { COL_LABEL, COL_VALUE, COL_TEXT_LAST = 4 };

/* Characters a line holds, with a margin, in the Summary's column A (at least 24 units
 * wide) and over columns B..E (4 × 14 units) where a text is merged, as the description
 * is (workbook_summary.c), so that no text is cut (SPEC §7.1). */
enum { LABEL_CHARACTERS = 22, VALUE_CHARACTERS = 50 };

static size_t characters(const char *text)
{
    size_t n = 0;
    for (const char *c = text ? text : ""; *c; c++)
        n += ((unsigned char)*c & 0xC0) != 0x80;   /* UTF-8: count characters */
    return n;
}

int workbook_note_block(wb_context *ctx, lxw_worksheet *ws, lxw_row_t *row)
{
    const workbook_note *note = ctx->note;
    (*row)++;   /* a blank row between the details and the block */
    if (wb_string(ctx, ws, (*row)++, COL_LABEL, note->heading, ctx->fmt.bold) != 0)
        return -1;
    for (size_t i = 0; i < note->n_lines; i++) {
        const workbook_note_line *line = &note->lines[i];
        /* Long labels and texts wrap; the row as high as the longer of the two. */
        size_t lines = characters(line->label) / LABEL_CHARACTERS + 1;
        if (line->kind == WORKBOOK_NOTE_TEXT &&
            characters(line->text) / VALUE_CHARACTERS + 1 > lines)
            lines = characters(line->text) / VALUE_CHARACTERS + 1;
        if (lines > 1)
            WB_CHECK(ctx, worksheet_set_row(ws, *row, (double)lines * 13.0, NULL));
        if (wb_string(ctx, ws, *row, COL_LABEL, line->label, ctx->fmt.wrap) != 0)
            return -1;
        int rc = 0;
        switch (line->kind) {
        case WORKBOOK_NOTE_TEXT:
            WB_CHECK(ctx, worksheet_merge_range(ws, *row, COL_VALUE, *row, COL_TEXT_LAST, "",
                                                ctx->fmt.wrap));
            rc = wb_string(ctx, ws, *row, COL_VALUE, line->text, ctx->fmt.wrap);
            break;
        case WORKBOOK_NOTE_MONEY:
            rc = wb_number(ctx, ws, *row, COL_VALUE, line->value, ctx->fmt.money);
            break;
        case WORKBOOK_NOTE_PERCENT:
            rc = wb_number(ctx, ws, *row, COL_VALUE, line->value, ctx->fmt.percent);
            break;
        default:
            rc = wb_number(ctx, ws, *row, COL_VALUE, line->value, ctx->fmt.number);
            break;
        }
        if (rc != 0)
            return -1;
        (*row)++;
    }
    return 0;
}
