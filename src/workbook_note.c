/*
 * workbook_note — an extra block on the Summary sheet, under the scenario's details:
 * a bold heading, then one label and one value per line (text, or a number in the
 * money, number or percent format). `tkk solve` states its question and answer here
 * (SPEC §7.4); the block is written only when a note is given, so `tkk run` workbooks
 * keep their bytes.
 */
#include "workbook_internal.h"

enum { COL_LABEL, COL_VALUE };

int workbook_note_block(wb_context *ctx, lxw_worksheet *ws, lxw_row_t *row)
{
    const workbook_note *note = ctx->note;
    (*row)++;   /* a blank row between the details and the block */
    if (wb_string(ctx, ws, (*row)++, COL_LABEL, note->heading, ctx->fmt.bold) != 0)
        return -1;
    for (size_t i = 0; i < note->n_lines; i++) {
        const workbook_note_line *line = &note->lines[i];
        if (wb_string(ctx, ws, *row, COL_LABEL, line->label, NULL) != 0)
            return -1;
        int rc = 0;
        switch (line->kind) {
        case WORKBOOK_NOTE_TEXT: {
            /* Wrapped in column B (46 characters wide), as the description is. */
            size_t characters = 0;
            for (const char *c = line->text ? line->text : ""; *c; c++)
                characters += ((unsigned char)*c & 0xC0) != 0x80;
            if (characters > 44)
                WB_CHECK(ctx, worksheet_set_row(ws, *row, (double)(characters / 44 + 1) * 13.0,
                                                NULL));
            rc = wb_string(ctx, ws, *row, COL_VALUE, line->text, ctx->fmt.wrap);
            break;
        }
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
