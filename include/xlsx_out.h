/*
 * xlsx_out — the one xlsx output layer of the scenario, compare and sweep workbooks
 * (SPEC §6, §7.5). It knows nothing of scenarios: it owns the atomic write, the
 * creation time, the shared formats, the document properties, the page header and
 * footer texts and the cell helpers that make text safe for the file.
 *
 *     xlsx_out out;
 *     char error[512];
 *     if (xlsx_out_open(&out, "output/x.xlsx", LANG_FI, false, error, sizeof error) != TKK_OK)
 *         ...                                  // error: "cannot write output/x.xlsx: ..."
 *     lxw_worksheet *ws = xlsx_out_add_worksheet(&out, "Sheet");
 *     xlsx_string(&out, ws, 0, 0, name, out.fmt.title);
 *     ...
 *     tkk_err err = xlsx_out_commit(&out);     // or xlsx_out_abandon(&out) on failure
 *
 * The atomic write: the workbook is written to "OUT.tmp-XXXXXX" in the output's
 * folder, libxlsxwriter's own temporary files go to the folder "OUT.tmpdir-XXXXXX"
 * beside it (never /tmp), the zip is read back (zip_check.h; its parts while they are
 * written, by a second thread, zip_follow.h), and only then
 * renamed over OUT. On any failure the old OUT is untouched and both temporaries are
 * removed — also when memory runs out or a signal strikes (they are registered with
 * fatal.h).
 *
 * Errors: the first failure is kept with its class (tkk_error.h) and message; later
 * calls return -1 without overwriting it. libxlsxwriter's LXW_ERROR_MEMORY_MALLOC_FAILED
 * takes the out-of-memory path of fatal.h directly.
 */
#ifndef TKK_XLSX_OUT_H
#define TKK_XLSX_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <gmp.h>
#include <xlsxwriter.h>
#include "language.h"
#include "tkk_error.h"

/* Excel's limit on the characters of one cell. */
#define XLSX_CELL_MAX_CHARS 32767

/* The formats the workbooks share; made by xlsx_formats_create. */
typedef struct {
    lxw_format *title, *subtitle, *bold, *bold_right, *wrap, *header;
    lxw_format *money, *money_bold, *percent, *number, *integer, *month, *date;
    lxw_format *kpi_target[5];  /* a number shown with its operator, by kpi_operator */
    lxw_format *note;           /* an explaining sentence: italic, wrapped (SPEC §7.1) */
    lxw_format *count;          /* a whole number in digit groups: 4 000 clients */
    lxw_format *year_left;      /* a year under a left-aligned heading */
    lxw_format *word, *word_bold;   /* a value word beside an amount: indented (§7.1) */
} xlsx_formats;

typedef struct xlsx_out {
    lxw_workbook *workbook;
    language lang;
    const char *out_path;       /* the final path, for messages (not copied) */
    char *tmp_path;             /* OUT.tmp-XXXXXX: the workbook being written */
    char *tmp_dir;              /* OUT.tmpdir-XXXXXX: libxlsxwriter's temporary files */
    int tmp_slot, dir_slot;     /* their fatal.h registrations */
    tkk_err err;                /* the first failure's class */
    char *error;                /* its message, "cannot write OUT: why" */
    size_t error_size;
    char page_header[LXW_HEADER_FOOTER_MAX + 1];
    char page_footer[LXW_HEADER_FOOTER_MAX + 1];
    /* SPEC §7.1 "widths from contents": the widest text or number written into each
     * column of track_ws from track_from_row down (xlsx_track_columns), honoured by
     * xlsx_column_widths (xlsx_print.c). */
    lxw_worksheet *track_ws;
    lxw_row_t track_from_row;
    double track_width[64];
    /* How wide a number shows, by format, sign and digits before the decimal point:
     * measured once for each (xlsx_track_number; every number cell of a big round
     * comes there, issue 13). Per workbook, as its formats are. */
    struct {
        const lxw_format *format;
        bool used, percent;
        double width[2][21];    /* 0 until measured */
    } number_widths[8];
} xlsx_out;

/* ---- The atomic write -------------------------------------------------------------- */

/* Creates the temporaries next to out_path and the workbook in them. error (of
 * error_size bytes) receives the first failure's message from now until commit. */
tkk_err xlsx_out_open(xlsx_out *out, const char *out_path, language lang,
                      bool constant_memory, char *error, size_t error_size);
/* Closes the workbook (libxlsxwriter writes the file here), reads the zip back and
 * renames it into place. After an earlier failure it only abandons. Returns the class
 * of the first failure, TKK_OK on success; the temporaries are gone either way. */
tkk_err xlsx_out_commit(xlsx_out *out);
/* Frees the workbook unwritten and removes the temporaries. Tolerates a closed out. */
void xlsx_out_abandon(xlsx_out *out);

/* Records "cannot write OUT: <message>" with its class; returns -1. */
int xlsx_fail_msg(xlsx_out *out, tkk_err err, const char *message);
/* Records libxlsxwriter's error for `what`; out of memory exits (fatal.h). -1. */
int xlsx_fail(xlsx_out *out, const char *what, lxw_error err);

/* Checks a libxlsxwriter return; on error records it and returns -1 from the caller. */
#define XLSX_CHECK(out, call)                                               \
    do {                                                                    \
        lxw_error xlsx_err_ = (call);                                       \
        if (xlsx_err_ != LXW_NO_ERROR)                                      \
            return xlsx_fail((out), #call, xlsx_err_);                      \
    } while (0)

/* ---- Creation time and properties ------------------------------------------------- */

/* What the creation time is taken from (SPEC §6). */
typedef struct {
    bool has_date;              /* a report date: year, month, day */
    int year, month, day;
    long long file_mtime;       /* the input file's modification time */
    bool date_first;            /* the date before SOURCE_DATE_EPOCH (a one-scenario
                                 * workbook); else SOURCE_DATE_EPOCH first */
} xlsx_time_source;

/* The date, SOURCE_DATE_EPOCH or the file time, in the order above; never 0, which
 * libxlsxwriter takes for "now". */
time_t xlsx_creation_time(const xlsx_time_source *source);

/* Title, author and comments (each may be NULL) made safe for XML, and the creation
 * time. */
int xlsx_properties(xlsx_out *out, const char *title, const char *author,
                    const char *comments, time_t created);
/* A custom string property, name and value made safe for XML. */
int xlsx_custom_property(xlsx_out *out, const char *name, const char *value);

/* ---- Formats and page furniture --------------------------------------------------- */

/* A cell format with number format `code`, bold if asked, the code pinned to the
 * workbook's locale (SPEC §7.1: [$-40B] Finnish, [$-809] English), so 1 234,56 € shows
 * under any system locale. xlsx_locale_code pins a code for a chart axis. */
void xlsx_locale_code(const xlsx_out *out, char *buf, size_t size, const char *code);
lxw_format *xlsx_number_format(xlsx_out *out, const char *code, bool bold);
/* A new empty format. */
lxw_format *xlsx_add_format(xlsx_out *out);
/* The shared formats (SPEC §6: euro for money, percent for ratios, months as dates;
 * the date format follows out->lang). */
void xlsx_formats_create(xlsx_out *out, xlsx_formats *f);

/* Appends text to a page header or footer buffer (LXW_HEADER_FOOTER_MAX + 1 bytes)
 * with '&' doubled and control characters dropped, stopping at a whole UTF-8
 * character that still leaves `reserve` bytes free. */
void xlsx_header_append(char *buf, size_t reserve, const char *text);

/* A worksheet; NULL after recording the failure. */
lxw_worksheet *xlsx_add_worksheet(xlsx_out *out, const char *name);
/* A worksheet in libxlsxwriter's constant_memory mode while the workbook's others are
 * not (a big round's Bonus sheet, issue 13): rows must be written top-down, each row
 * whole before the next; no table. NULL after recording the failure. */
lxw_worksheet *xlsx_add_worksheet_constant_memory(xlsx_out *out, const char *name);
/* A chart; NULL after recording the failure. */
lxw_chart *xlsx_add_chart(xlsx_out *out, uint8_t type);

/* Print setup of SPEC §6/§7.1 (xlsx_print.c): A4, the page header and footer, one page
 * wide only when that keeps the print scale ≥ 70 %, else across pages with the first
 * key_columns columns repeated; when header_row >= 0 the header row repeated on every
 * page and frozen on screen. Call after the column widths are set. */
int xlsx_print_layout(xlsx_out *out, lxw_worksheet *ws, bool landscape, int header_row,
                      int key_columns);
/* xlsx_print_layout with the first column as the key. */
int xlsx_print_setup(xlsx_out *out, lxw_worksheet *ws, bool landscape, int header_row);
/* A chart is never cut between pages (SPEC §7.1): on a landscape sheet whose print scale
 * is set, when `height` points of rows and chart do not fit the printable height of A4
 * landscape (595 pt − 1,5 in margins − the footer), a page break before break_row
 * starts the chart on a page of its own. */
int xlsx_keep_chart_whole(xlsx_out *out, lxw_worksheet *ws, double height, lxw_row_t break_row);
/* The same for a sheet printed in two parts side by side: a page break before
 * split_col, each part on pages of its own with the key columns repeated. */
int xlsx_print_split(xlsx_out *out, lxw_worksheet *ws, int header_row, lxw_col_t split_col,
                     int key_columns);
/* The estimated printed width of text in column units (its widest line). */
double xlsx_text_width(const char *text, bool bold);
/* From now on the texts and numbers written into ws from first_row down count for
 * their columns' widths. */
void xlsx_track_columns(xlsx_out *out, lxw_worksheet *ws, lxw_row_t first_row);
/* The tracked need of a column (0 when none); xlsx_track_cell records one cell. */
double xlsx_tracked_width(const xlsx_out *out, const lxw_worksheet *ws, lxw_col_t col);
void xlsx_track_text(xlsx_out *out, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *text, const lxw_format *format);
void xlsx_track_number(xlsx_out *out, const lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       double value, const lxw_format *format);
/* An explaining sentence over columns first..last of row, wrapped in `format`, the row
 * as high as the text needs. Call after the column widths are set. */
int xlsx_note(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
              lxw_col_t last_col, const char *text, lxw_format *format);
/* Column widths, in characters, from first_col on, never below the tracked contents. */
int xlsx_column_widths(xlsx_out *out, lxw_worksheet *ws, lxw_col_t first_col,
                       const double *widths, size_t n);
/* An Excel table over first_row (header) .. last_row with exactly these headers, each
 * in header_format (may be NULL). A table needs one data row: last_row > first_row. */
int xlsx_table(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
               lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
               size_t n_headers, lxw_format *header_format);

/* Same, the last row being the table's totals row (SPEC §7.3: table readers skip it). */
int xlsx_table_totals(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                      lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
                      size_t n_headers, lxw_format *header_format);

/* What xlsx_table gives, where a table cannot be (constant_memory, SPEC §6 as the Sweep):
 * the same header row, an autofilter over first_row..last_row and the defined name
 * `name` over header and rows. Call before writing the rows below first_row. */
int xlsx_range(xlsx_out *out, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
               lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
               size_t n_headers, lxw_format *header_format);

/* ---- Cells ------------------------------------------------------------------------ */

/* A copy of text that an XML part can hold: invalid UTF-8 and control characters
 * other than tab and newline become U+FFFD, at most max_chars characters (0: no
 * limit). *cut (may be NULL) tells whether characters were dropped. */
char *xlsx_safe_text(const char *text, size_t max_chars, bool *cut);

/* An exact value as a number cell (money_to_double). */
int xlsx_number(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                const mpq_t value, lxw_format *format);
int xlsx_integer(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, long value,
                 lxw_format *format);
/* The same for a value already made a double by money.h (a fraction.h value). */
int xlsx_number_double(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       double number, lxw_format *format);
/* A formula (printf-style) with the exact value as its cached result. */
int xlsx_formula(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                 lxw_format *format, const mpq_t cached, const char *formula, ...)
    __attribute__((format(printf, 7, 8)));
int xlsx_vformula(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  lxw_format *format, const mpq_t cached, const char *formula, va_list args)
    __attribute__((format(printf, 7, 0)));
int xlsx_vformula_double(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                         lxw_format *format, double cached, const char *formula, va_list args)
    __attribute__((format(printf, 7, 0)));
/* A formula whose result is text; the cached text is made safe like a cell's. */
int xlsx_formula_text(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      lxw_format *format, const char *cached, const char *formula, ...)
    __attribute__((format(printf, 7, 8)));
int xlsx_vformula_text(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       lxw_format *format, const char *cached, const char *formula,
                       va_list args) __attribute__((format(printf, 7, 0)));
/* Text made safe (xlsx_safe_text) and cut to XLSX_CELL_MAX_CHARS with a warning on
 * stderr naming `where` ("salo.ini:12"), or the cell when where is NULL. NULL text
 * writes nothing. */
int xlsx_string_at(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const char *text, lxw_format *format, const char *where);
int xlsx_string(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                const char *text, lxw_format *format);
/* The first of a month as a real date in `format`. */
int xlsx_month(xlsx_out *out, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int year,
               int month, lxw_format *format);

#ifdef TESTING
/* True when xlsx_safe_text would copy text unchanged (then no copy is made). */
bool xlsx_text_is_safe(const char *text, size_t max_chars);
/* vsnprintf for formats whose conversions are all %s or %%; NULL for any other
 * conversion or a text that does not fit in size bytes. */
const char *xlsx_format_strings(char *buf, size_t size, const char *fmt, va_list args);
#endif

#endif
