/*
 * xlsx_print — how the workbooks print (SPEC §6, §7.1 "Readable print"): A4, the
 * page header and footer, header rows repeated and frozen, key columns repeated, and a
 * print scale that never shrinks text below WB_PRINT_MIN_SCALE: a sheet that fits the
 * page width at that scale or more is printed one page wide; a wider one prints at
 * WB_PRINT_MIN_SCALE across pages, its key columns repeated on each. Also the widths
 * of columns from their contents and wrapped notes, so that no cell cuts its text.
 */
#include "xlsx_out.h"

#include <string.h>

#include "common.h"

/* The default font is 11 pt; at 70 % it prints at 7,7 pt, above the 7 pt floor of
 * SPEC §7.1. */
#define WB_PRINT_MIN_SCALE 70

/* Printable width of A4 in column units with libxlsxwriter's default margins of 0,7 in
 * each side: landscape 297 mm − 1,4 in = 741 pt, portrait 210 mm − 1,4 in = 494 pt. A
 * unit is the width of a digit of the font the sheet prints with: LibreOffice with
 * DejaVu Sans (what a bare Debian has for Calibri) makes it 0,636 em × 11 pt = 7,0 pt,
 * wider than Excel's Calibri (about 5,6 pt), so these widths fit both. */
#define WB_PRINT_WIDTH_LANDSCAPE 104.5
#define WB_PRINT_WIDTH_PORTRAIT 69.5

/* The advance of byte c in em (0 for a UTF-8 continuation byte, counted at its lead).
 * Advance widths of DejaVu Sans, the widest common substitute for Calibri (what
 * LibreOffice prints with on a bare Debian). */
static double advance_of(unsigned c)
{
    if ((c & 0xC0) == 0x80)
        return 0;
    if (c >= '0' && c <= '9')
        return 0.636;
    if (c == ' ')
        return 0.318;
    if (strchr("il.,:;'!|()[]", (int)c) && c != 0)
        return 0.32;
    if (strchr("ftrjI-", (int)c) && c != 0)
        return 0.42;
    if (strchr("mwMW%", (int)c) && c != 0)
        return 0.95;
    if (c >= 'A' && c <= 'Z')
        return 0.72;
    return 0.62;                            /* other letters, ä ö å €, symbols */
}

double xlsx_text_width(const char *text, bool bold)
{
    /* In column units: a unit is the width of a digit (0,636 em), so a digit is 1 unit
     * whatever the font size. The advances come from a table filled once (every column
     * of a large round measures each of its cells, issue 13); the sum adds the same
     * doubles in the same order as before, so the widths are the same to the bit. */
    static double advance[256];
    static bool filled;
    if (!filled) {
        for (unsigned c = 0; c < 256; c++)
            advance[c] = advance_of(c);
        filled = true;
    }
    double em = 0, widest_line = 0;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    for (; *p; p++) {
        if (*p == '\n') {
            if (em > widest_line)
                widest_line = em;
            em = 0;
            continue;
        }
        if ((*p & 0xC0) != 0x80)
            em += advance[*p];
    }
    if (em > widest_line)
        widest_line = em;
    return widest_line * (bold ? 1.08 : 1.0) / 0.636;
}

/* Σ of the widths of columns first..last (unset columns at Excel's default 8,43). */
static double columns_width(const lxw_worksheet *ws, lxw_col_t first, lxw_col_t last)
{
    double width = 0;
    for (lxw_col_t col = first; col <= last; col++) {
        double w = 8.43;
        for (uint16_t i = 0; i < ws->col_options_max; i++) {
            const lxw_col_options *o = ws->col_options[i];
            if (o && col >= o->firstcol && col <= o->lastcol) {
                w = o->width;
                break;
            }
        }
        width += w + 0.72;   /* the file stores width + 0,71 (the cell padding) */
    }
    return width;
}

/* Σ of the sheet's column widths in use. */
static double sheet_width(const lxw_worksheet *ws)
{
    if (ws->dim_colmax < ws->dim_colmin)
        return 0;
    return columns_width(ws, 0, ws->dim_colmax);
}

int xlsx_print_split(xlsx_out *out, lxw_worksheet *ws, int header_row, lxw_col_t split_col,
                     int key_columns)
{
    if (xlsx_print_layout(out, ws, true, header_row, 0) != 0)
        return -1;
    /* Each part on pages of its own (the key columns repeated), at the scale the wider
     * part needs. */
    double keys = key_columns > 0 ? columns_width(ws, 0, (lxw_col_t)(key_columns - 1)) : 0;
    double left = columns_width(ws, 0, (lxw_col_t)(split_col - 1));
    double right = ws->dim_colmax >= split_col
                       ? keys + columns_width(ws, split_col, ws->dim_colmax) : 0;
    if (key_columns > 0) {
        XLSX_CHECK(out, worksheet_repeat_columns(ws, 0, (lxw_col_t)(key_columns - 1)));
        worksheet_print_across(ws);
    }
    double widest = left > right ? left : right;
    int scale = widest > WB_PRINT_WIDTH_LANDSCAPE
                    ? (int)(100.0 * WB_PRINT_WIDTH_LANDSCAPE / widest) : 100;
    worksheet_set_print_scale(ws, (uint16_t)(scale < WB_PRINT_MIN_SCALE ? WB_PRINT_MIN_SCALE : scale));
    lxw_col_t breaks[] = {split_col, 0};
    XLSX_CHECK(out, worksheet_set_v_pagebreaks(ws, breaks));
    return 0;
}

int xlsx_print_layout(xlsx_out *out, lxw_worksheet *ws, bool landscape, int header_row,
                      int key_columns)
{
    worksheet_set_paper(ws, 9);   /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    XLSX_CHECK(out, worksheet_set_header(ws, out->page_header));
    XLSX_CHECK(out, worksheet_set_footer(ws, out->page_footer));
    double page = landscape ? WB_PRINT_WIDTH_LANDSCAPE : WB_PRINT_WIDTH_PORTRAIT;
    double width = sheet_width(ws);
    int scale = 100;
    if (width > page) {
        scale = (int)(100.0 * page / width);
        if (scale < WB_PRINT_MIN_SCALE)
            scale = WB_PRINT_MIN_SCALE;
    }
    worksheet_set_print_scale(ws, (uint16_t)scale);
    /* Across pages: the key columns on every page, pages in reading order. */
    if (key_columns > 0 && width * scale / 100.0 > page) {
        XLSX_CHECK(out, worksheet_repeat_columns(ws, 0, (lxw_col_t)(key_columns - 1)));
        worksheet_print_across(ws);
    }
    if (header_row >= 0) {
        XLSX_CHECK(out, worksheet_repeat_rows(ws, (lxw_row_t)header_row, (lxw_row_t)header_row));
        worksheet_freeze_panes(ws, (lxw_row_t)header_row + 1, 0);
    }
    return 0;
}

int xlsx_keep_chart_whole(xlsx_out *out, lxw_worksheet *ws, double height, lxw_row_t break_row)
{
    double scale = ws->print_scale ? ws->print_scale / 100.0 : 1;
    if (height * scale > 595 - 108 - 20) {
        lxw_row_t breaks[] = {break_row, 0};
        XLSX_CHECK(out, worksheet_set_h_pagebreaks(ws, breaks));
    }
    return 0;
}

int xlsx_print_setup(xlsx_out *out, lxw_worksheet *ws, bool landscape, int header_row)
{
    return xlsx_print_layout(out, ws, landscape, header_row, 1);
}

int xlsx_note(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
              lxw_col_t last_col, const char *text, lxw_format *format)
{
    /* The merged cells' width, from the columns set so far (default 8,43 each). */
    double width = 0;
    for (lxw_col_t col = first_col; col <= last_col; col++) {
        double w = 8.43;
        for (uint16_t i = 0; i < ws->col_options_max; i++) {
            const lxw_col_options *o = ws->col_options[i];
            if (o && col >= o->firstcol && col <= o->lastcol) {
                w = o->width;
                break;
            }
        }
        width += w + 0.72;
    }
    double lines = xlsx_text_width(text, false) / (width > 10 ? width - 2 : 8) + 1;
    double height = (double)(int)lines * 15.0;
    XLSX_CHECK(out, worksheet_set_row(ws, row, height > 409 ? 409 : height, NULL));
    XLSX_CHECK(out, worksheet_merge_range(ws, row, first_col, row, last_col, "", format));
    return xlsx_string(out, ws, row, first_col, text, format);
}

void xlsx_track_columns(xlsx_out *out, lxw_worksheet *ws, lxw_row_t first_row)
{
    out->track_ws = ws;
    out->track_from_row = first_row;
    for (size_t i = 0; i < ARRAY_SIZE(out->track_width); i++)
        out->track_width[i] = 0;
}

double xlsx_tracked_width(const xlsx_out *out, const lxw_worksheet *ws, lxw_col_t col)
{
    if (ws != out->track_ws || col >= ARRAY_SIZE(out->track_width))
        return 0;
    return out->track_width[col];
}

/* SPEC §7.1: a text written into a tracked table column widens the column's need
 * (plus a margin for the cell padding and indent; wrapped cells do not count). */
void xlsx_track_text(xlsx_out *out, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *text, const lxw_format *format)
{
    if (ws != out->track_ws || row < out->track_from_row || col >= ARRAY_SIZE(out->track_width))
        return;
    if (format && format->text_wrap)
        return;
    double width = xlsx_text_width(text, format && format->bold) + 1.5 +
                   (format ? 1.5 * format->indent : 0);
    if (width > out->track_width[col])
        out->track_width[col] = width;
}

/* How wide a number of this format, sign and digit count shows: its integer digits in
 * groups of three and the decimals and suffix of its format. */
static double number_width(const lxw_format *format, bool negative, int digits)
{
    const char *code = format ? format->num_format : "";
    bool percent = strchr(code, '%') != NULL, groups = strchr(code, ',') != NULL;
    char shown[64];
    size_t o = 0;
    if (negative)
        shown[o++] = '-';
    for (int d = digits; d > 0 && o < 40; d--) {
        shown[o++] = '8';
        if (d > 1 && (d - 1) % 3 == 0 && groups)
            shown[o++] = ' ';
    }
    const char *decimals = percent                     ? ",00 %"
                         : strstr(code, "0.0000")      ? ",0000"
                         : strstr(code, "0.00") || !code[0] || strstr(code, "General") ? ",00"
                                                                                        : "";
    size_t n = strlen(decimals);
    memcpy(shown + o, decimals, n);
    o += n;
    if (strstr(code, "€")) {
        memcpy(shown + o, " €", sizeof " €" - 1);
        o += sizeof " €" - 1;
    }
    shown[o] = '\0';
    return xlsx_text_width(shown, format && format->bold) + 1.5;
}

/* SPEC §7.1: a number widens its column's need by about how it shows (number_width),
 * measured once per format, sign and digit count. */
void xlsx_track_number(xlsx_out *out, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       double value, const lxw_format *format)
{
    if (ws != out->track_ws || row < out->track_from_row || col >= ARRAY_SIZE(out->track_width))
        return;
    size_t slot = 0, n_slots = ARRAY_SIZE(out->number_widths);
    while (slot < n_slots && out->number_widths[slot].used &&
           out->number_widths[slot].format != format)
        slot++;
    if (slot == n_slots) {   /* all taken by other formats: the oldest goes */
        memmove(&out->number_widths[0], &out->number_widths[1],
                (n_slots - 1) * sizeof out->number_widths[0]);
        slot = n_slots - 1;
        out->number_widths[slot].used = false;
    }
    if (!out->number_widths[slot].used) {
        memset(&out->number_widths[slot], 0, sizeof out->number_widths[slot]);
        out->number_widths[slot].used = true;
        out->number_widths[slot].format = format;
        out->number_widths[slot].percent = format && strchr(format->num_format, '%');
    }
    double magnitude = value < 0 ? -value : value;
    if (out->number_widths[slot].percent)
        magnitude *= 100;
    int digits = 1;
    for (double v = magnitude; v >= 10 && digits < 20; v /= 10)
        digits++;
    double *width = &out->number_widths[slot].width[value < 0][digits];
    if (*width == 0)
        *width = number_width(format, value < 0, digits);
    if (*width > out->track_width[col])
        out->track_width[col] = *width;
}
