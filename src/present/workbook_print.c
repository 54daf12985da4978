/*
 * workbook_print — the sheet writers' shorthand for the print helpers of the output
 * layer (xlsx_print.c, SPEC §7.1) on ctx->out.
 */
#include "workbook_internal.h"

int wb_print_layout(wb_context *ctx, lxw_worksheet *ws, bool landscape, int header_row,
                    int key_columns)
{
    return xlsx_print_layout(&ctx->out, ws, landscape, header_row, key_columns);
}

int wb_print_split(wb_context *ctx, lxw_worksheet *ws, int header_row, lxw_col_t split_col,
                   int key_columns)
{
    return xlsx_print_split(&ctx->out, ws, header_row, split_col, key_columns);
}

double wb_text_width(const char *text, bool bold)
{
    return xlsx_text_width(text, bold);
}

int wb_note(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
            lxw_col_t last_col, const char *text)
{
    return xlsx_note(&ctx->out, ws, row, first_col, last_col, text, ctx->fmt.note);
}

void wb_track_columns(wb_context *ctx, lxw_worksheet *ws, lxw_row_t first_row)
{
    xlsx_track_columns(&ctx->out, ws, first_row);
}
