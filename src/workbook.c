/*
 * workbook — writes the per-scenario workbook of SPEC §6 atomically: a temporary file
 * in the output's folder, renamed into place only when libxlsxwriter has written it
 * completely. Also the helpers every sheet writer shares (workbook_internal.h).
 */
#include "workbook.h"
#include "workbook_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

/* ---- Errors ------------------------------------------------------------------------ */

int wb_fail_msg(wb_context *ctx, const char *message)
{
    /* Keep the first error: later ones are usually its consequences. */
    if (ctx->error && ctx->error_size > 0 && ctx->error[0] == '\0')
        snprintf(ctx->error, ctx->error_size, "cannot write %s: %s", ctx->out_path, message);
    return -1;
}

int wb_fail(wb_context *ctx, const char *what, lxw_error err)
{
    char message[512];
    snprintf(message, sizeof message, "%s (%s)", lxw_strerror(err), what);
    return wb_fail_msg(ctx, message);
}

const char *wb_text(const wb_context *ctx, wb_label label)
{
    return wb_label_text(label, ctx->lang);
}

/* ---- Cell references --------------------------------------------------------------- */

void wb_cell(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, row, col);
}

void wb_cell_abs(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell_abs(buf, row, col, 1, 1);
}

void wb_ref_abs(const wb_context *ctx, char *buf, wb_sheet sheet, lxw_row_t row, lxw_col_t col)
{
    char cell[32];
    wb_cell_abs(cell, row, col);
    snprintf(buf, WB_REF_SIZE, "%s!%s", ctx->quoted[sheet], cell);
}

void wb_range_abs(const wb_context *ctx, char *buf, wb_sheet sheet, lxw_row_t first_row,
                  lxw_col_t col, lxw_row_t last_row)
{
    char first[16], last[16];   /* "$XFD$1048576" at most */
    wb_cell_abs(first, first_row, col);
    wb_cell_abs(last, last_row, col);
    snprintf(buf, WB_REF_SIZE, "%s!%s:%s", ctx->quoted[sheet], first, last);
}

void wb_detail_range(const wb_context *ctx, char *buf, lxw_col_t col)
{
    wb_range_abs(ctx, buf, WB_SHEET_MONTHLY, WB_TABLE_ROW + 1, col,
                 (lxw_row_t)(WB_TABLE_ROW + ctx->layout.n_detail));
}

void wb_monthly_range(const wb_context *ctx, char *buf, lxw_col_t col)
{
    wb_range_abs(ctx, buf, WB_SHEET_MONTHLY, WB_TABLE_ROW + 1, col,
                 (lxw_row_t)(WB_TABLE_ROW + ctx->r->n_months));
}

/* ---- Writing cells ----------------------------------------------------------------- */

int wb_number(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
              const mpq_t value, lxw_format *format)
{
    WB_CHECK(ctx, worksheet_write_number(ws, row, col, money_to_double(value), format));
    return 0;
}

int wb_money_input(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const mpq_t value)
{
    /* SPEC §6: money cells hold the cent-rounded value. */
    mpq_t cents;
    mpq_init(cents);
    money_round(cents, value, ctx->s->rounding);
    int rc = wb_number(ctx, ws, row, col, cents, ctx->fmt.money);
    mpq_clear(cents);
    return rc;
}

int wb_integer(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, long value,
               lxw_format *format)
{
    WB_CHECK(ctx, worksheet_write_number(ws, row, col, (double)value, format));
    return 0;
}

/* printf into a fresh buffer; NULL when memory runs out. */
static char *format_text(const char *fmt, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (length < 0)
        return NULL;
    char *text = malloc((size_t)length + 1);
    if (text)
        vsnprintf(text, (size_t)length + 1, fmt, args);
    return text;
}

int wb_formula(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
               lxw_format *format, const mpq_t cached, const char *formula, ...)
{
    va_list args;
    va_start(args, formula);
    char *text = format_text(formula, args);
    va_end(args);
    if (!text)
        return wb_fail_msg(ctx, "out of memory");
    lxw_error err = worksheet_write_formula_num(ws, row, col, text, format,
                                                money_to_double(cached));
    free(text);
    if (err != LXW_NO_ERROR)
        return wb_fail(ctx, "worksheet_write_formula_num", err);
    return 0;
}

int wb_formula_text(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    lxw_format *format, const char *cached, const char *formula, ...)
{
    va_list args;
    va_start(args, formula);
    char *text = format_text(formula, args);
    va_end(args);
    if (!text)
        return wb_fail_msg(ctx, "out of memory");
    lxw_error err = worksheet_write_formula_str(ws, row, col, text, format, cached);
    free(text);
    if (err != LXW_NO_ERROR)
        return wb_fail(ctx, "worksheet_write_formula_str", err);
    return 0;
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 when invalid. */
static size_t utf8_sequence_length(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    else if ((c & 0xE0) == 0xC0)
        len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    unsigned long code = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        code = code << 6 | (p[i] & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ||
        code == 0xFFFE || code == 0xFFFF)
        return 0;
    return len;
}

/* Excel's limit on the characters of one cell. */
#define WB_CELL_MAX_CHARS 32767

/* A copy of text that an XML file can hold: invalid bytes and control characters other
 * than tab and newline become U+FFFD, at most WB_CELL_MAX_CHARS characters. */
static char *sanitize_text(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(3 * n + 1);   /* each byte grows to at most 3 (U+FFFD) */
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)text;
    size_t o = 0, chars = 0;
    for (size_t i = 0; i < n && chars < WB_CELL_MAX_CHARS; chars++) {
        size_t len = utf8_sequence_length(p + i, n - i);
        bool control = len == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n';
        if (len == 0 || control) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += 1;
        } else {
            memcpy(out + o, p + i, len);
            o += len;
            i += len;
        }
    }
    out[o] = '\0';
    return out;
}

int wb_string(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
              const char *text, lxw_format *format)
{
    if (!text)
        return 0;
    char *safe = sanitize_text(text);
    if (!safe)
        return wb_fail_msg(ctx, "out of memory");
    lxw_error err = worksheet_write_string(ws, row, col, safe, format);
    free(safe);
    if (err != LXW_NO_ERROR)
        return wb_fail(ctx, "worksheet_write_string", err);
    return 0;
}

int wb_month(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, month_t month)
{
    lxw_datetime date = {month_year(month), month_number(month), 1, 0, 0, 0};
    WB_CHECK(ctx, worksheet_write_datetime(ws, row, col, &date, ctx->fmt.month));
    return 0;
}

/* ---- Sheet furniture --------------------------------------------------------------- */

int wb_sheet_title(wb_context *ctx, lxw_worksheet *ws, wb_label title)
{
    const scenario *s = ctx->s;
    char start[8], end[8];
    month_format(s->start, start);
    month_format(s->end, end);
    size_t size = strlen(s->name ? s->name : "") + 64;
    char *line = malloc(size);
    if (!line)
        return wb_fail_msg(ctx, "out of memory");
    snprintf(line, size, "%s · %s – %s", s->name ? s->name : "", start, end);
    int rc = wb_string(ctx, ws, 0, 0, wb_text(ctx, title), ctx->fmt.title);
    if (rc == 0)
        rc = wb_string(ctx, ws, 1, 0, line, ctx->fmt.subtitle);
    free(line);
    return rc;
}

int wb_table(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
             lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
             size_t n_headers)
{
    lxw_table_column *columns = calloc(n_headers, sizeof *columns);
    lxw_table_column **pointers = calloc(n_headers + 1, sizeof *pointers);
    if (!columns || !pointers) {
        free(columns);
        free(pointers);
        return wb_fail_msg(ctx, "out of memory");
    }
    for (size_t i = 0; i < n_headers; i++) {
        /* libxlsxwriter copies the header; it only lacks the const. */
        columns[i].header = (char *)headers[i];
        columns[i].header_format = ctx->fmt.header;
        pointers[i] = &columns[i];
    }
    /* Two lines, so long headers wrap instead of hiding under the next column. */
    lxw_error row_err = worksheet_set_row(ws, first_row, 30, NULL);
    if (row_err != LXW_NO_ERROR) {
        free(columns);
        free(pointers);
        return wb_fail(ctx, "worksheet_set_row", row_err);
    }
    lxw_table_options options = {.name = (char *)name, .columns = pointers};
    lxw_error err = worksheet_add_table(ws, first_row, first_col, last_row,
                                        (lxw_col_t)(first_col + n_headers - 1), &options);
    free(columns);
    free(pointers);
    if (err != LXW_NO_ERROR)
        return wb_fail(ctx, name, err);
    return 0;
}

int wb_table_labels(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                    lxw_col_t first_col, lxw_row_t last_row, const wb_label *headers,
                    size_t n_headers)
{
    const char *texts[32];
    if (n_headers > ARRAY_SIZE(texts))
        return wb_fail_msg(ctx, "too many table columns");
    for (size_t i = 0; i < n_headers; i++)
        texts[i] = wb_text(ctx, headers[i]);
    return wb_table(ctx, ws, name, first_row, first_col, last_row, texts, n_headers);
}

int wb_print_setup(wb_context *ctx, lxw_worksheet *ws, bool landscape, int header_row)
{
    worksheet_set_paper(ws, 9);   /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);   /* one page wide, as many pages tall as needed */
    WB_CHECK(ctx, worksheet_set_header(ws, ctx->page_header));
    WB_CHECK(ctx, worksheet_set_footer(ws, ctx->page_footer));
    if (header_row >= 0) {
        WB_CHECK(ctx, worksheet_repeat_rows(ws, (lxw_row_t)header_row, (lxw_row_t)header_row));
        worksheet_freeze_panes(ws, (lxw_row_t)header_row + 1, 0);
    }
    return 0;
}

int wb_column_widths(wb_context *ctx, lxw_worksheet *ws, lxw_col_t first_col,
                     const double *widths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        WB_CHECK(ctx, worksheet_set_column(ws, (lxw_col_t)(first_col + i),
                                           (lxw_col_t)(first_col + i), widths[i], NULL));
    return 0;
}

/* ---- Which sheets, and where the cross-sheet rows are --------------------------------- */

static bool has_cost_lines(const scenario *s)
{
    return s->n_staff + s->n_premises + s->n_costs > 0;
}

bool wb_sheet_present(const scenario *s, const results *r, wb_sheet sheet)
{
    switch (sheet) {
    case WB_SHEET_SUMMARY:
    case WB_SHEET_INPUTS:
        return true;
    case WB_SHEET_BUDGET:
        return (s->has_budget || s->has_actual || has_cost_lines(s)) && r->n_budget > 0;
    case WB_SHEET_STAFF:
        return s->n_staff > 0;
    case WB_SHEET_COSTS:
        return s->n_premises + s->n_costs > 0;
    case WB_SHEET_MONTHLY:
    case WB_SHEET_FUNDING:
        return has_cost_lines(s) && r->n_lines > 0;
    case WB_SHEET_BONUS:
        return s->has_bonus && r->has_bonus;
    case WB_SHEET_REWARDS:
        return s->has_rewards && r->has_rewards;
    case WB_SHEET_KPIS:
        return s->n_kpis > 0;
    case WB_SHEET_COUNT:
        break;
    }
    return false;
}

/* SPEC §6: MonthlyDetail has one row per line and month it costs something. */
static int layout_build(wb_layout *layout, const results *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_lines; i++)
        for (int m = 0; m < r->n_months; m++)
            if (mpq_sgn(r->lines[i].monthly[m]) != 0)
                n++;
    layout->n_detail = n;
    layout->detail = NULL;
    if (n == 0)
        return 0;
    layout->detail = malloc(n * sizeof *layout->detail);
    if (!layout->detail)
        return -1;
    n = 0;
    for (size_t i = 0; i < r->n_lines; i++)
        for (int m = 0; m < r->n_months; m++)
            if (mpq_sgn(r->lines[i].monthly[m]) != 0)
                layout->detail[n++] = (wb_detail_row){.line = i, .month = m};
    return 0;
}

/* ---- Formats, page header and footer, properties --------------------------------------- */

lxw_format *wb_number_format(lxw_workbook *wb, const char *code, bool bold)
{
    lxw_format *f = workbook_add_format(wb);
    if (f) {
        format_set_num_format(f, code);
        if (bold)
            format_set_bold(f);
    }
    return f;
}

static int formats_create(wb_context *ctx)
{
    lxw_workbook *wb = ctx->workbook;
    wb_formats *f = &ctx->fmt;
    f->title = workbook_add_format(wb);
    f->subtitle = workbook_add_format(wb);
    f->bold = workbook_add_format(wb);
    f->bold_right = workbook_add_format(wb);
    f->wrap = workbook_add_format(wb);
    f->header = workbook_add_format(wb);
    if (!f->title || !f->subtitle || !f->bold || !f->bold_right || !f->wrap || !f->header)
        return wb_fail_msg(ctx, "out of memory");
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_italic(f->subtitle);
    format_set_bold(f->bold);
    format_set_align(f->bold, LXW_ALIGN_VERTICAL_TOP);   /* a label beside a wrapped value sits at its top */
    format_set_bold(f->bold_right);                       /* a heading over a column of amounts */
    format_set_align(f->bold_right, LXW_ALIGN_RIGHT);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    /* Table headers: also readable where the table style is not drawn (print, Calc). */
    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_bg_color(f->header, 0xDDEBF7);
    format_set_bottom(f->header, LXW_BORDER_THIN);

    /* SPEC §6: euro format for money, a percent format for ratios, months as dates. */
    f->money = wb_number_format(wb, "#,##0.00 \"€\"", false);
    f->money_bold = wb_number_format(wb, "#,##0.00 \"€\"", true);
    f->percent = wb_number_format(wb, "0.00 %", false);
    f->number = wb_number_format(wb, "#,##0.00", false);
    f->integer = wb_number_format(wb, "0", false);
    f->month = wb_number_format(wb, "yyyy-mm", false);
    f->date = wb_number_format(wb, ctx->lang == LANG_FI ? "d.m.yyyy" : "yyyy-mm-dd", false);
    if (f->date)
        format_set_align(f->date, LXW_ALIGN_LEFT);   /* beside the other facts, which are text */
    /* A KPI target is a number (formulas compare with it) shown with its operator. */
    static const char *const target_codes[5] = {
        "\"< \"#,##0.00", "\"<= \"#,##0.00", "\"> \"#,##0.00", "\">= \"#,##0.00", "\"= \"#,##0.00"
    };
    for (int op = 0; op < 5; op++)
        f->kpi_target[op] = wb_number_format(wb, target_codes[op], false);
    if (!f->money || !f->money_bold || !f->percent || !f->number || !f->integer ||
        !f->month || !f->date || !f->kpi_target[0] || !f->kpi_target[1] ||
        !f->kpi_target[2] || !f->kpi_target[3] || !f->kpi_target[4])
        return wb_fail_msg(ctx, "out of memory");
    return 0;
}

/* Appends text to buf (of size LXW_HEADER_FOOTER_MAX + 1) with '&' doubled, stopping at
 * a whole UTF-8 character that still fits within Excel's 255 characters. */
static void append_header_text(char *buf, size_t reserve, const char *text)
{
    size_t o = strlen(buf);
    const size_t limit = LXW_HEADER_FOOTER_MAX - reserve;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t len = utf8_sequence_length(p, strlen((const char *)p));
        if (len == 0 || (len == 1 && *p < 0x20)) {   /* dropped: not for a page header */
            p++;
            continue;
        }
        size_t need = *p == '&' ? 2 : len;
        if (o + need > limit)
            break;
        if (*p == '&')
            buf[o++] = '&';
        memcpy(buf + o, p, len);
        o += len;
        p += len;
    }
    buf[o] = '\0';
}

static void page_header_footer(wb_context *ctx)
{
    /* SPEC §6: the scenario name in the header; version, the input's SHA-256 prefix and
     * page n / N in the footer. In these strings '&' starts a code, "&&" is an '&'. */
    strcpy(ctx->page_header, "&C");
    append_header_text(ctx->page_header, 0, ctx->s->name ? ctx->s->name : "");
    snprintf(ctx->page_footer, sizeof ctx->page_footer,
             "&Ltkk %s · SHA-256 %.12s&R&P / &N", TKK_VERSION, ctx->s->sha256_hex);
}

/* SPEC §6: the creation time is the scenario's `date`, else SOURCE_DATE_EPOCH, else the
 * scenario file's modification time, so the same inputs give the same bytes. */
static time_t creation_time(const scenario *s)
{
    time_t t;
    if (s->has_date) {
        struct tm tm = {.tm_year = s->date_year - 1900, .tm_mon = s->date_month - 1,
                        .tm_mday = s->date_day};
        t = timegm(&tm);
    } else {
        const char *epoch = getenv("SOURCE_DATE_EPOCH");
        char *end = NULL;
        long long value = 0;
        if (epoch && *epoch) {
            errno = 0;
            value = strtoll(epoch, &end, 10);
        }
        if (epoch && *epoch && errno == 0 && end && *end == '\0' && value >= 0)
            t = (time_t)value;
        else
            t = (time_t)s->source_mtime;
    }
    /* libxlsxwriter takes 0 to mean "now", which would break reproducibility: use the
     * first second instead (1970-01-01T00:00:01Z). */
    return t == 0 ? 1 : t;
}

static int document_properties(wb_context *ctx)
{
    const scenario *s = ctx->s;
    lxw_doc_properties properties = {
        .title = s->name,
        .author = s->prepared_by,
        .comments = s->description,
        .created = creation_time(s),
    };
    WB_CHECK(ctx, workbook_set_properties(ctx->workbook, &properties));
    WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, "tkk version", TKK_VERSION));
    if (s->sha256_hex[0])
        WB_CHECK(ctx, workbook_set_custom_property_string(ctx->workbook, "Input SHA-256",
                                                          s->sha256_hex));
    return 0;
}

/* ---- The workbook --------------------------------------------------------------------- */

static int add_sheets(wb_context *ctx)
{
    for (int sheet = 0; sheet < WB_SHEET_COUNT; sheet++) {
        if (!wb_sheet_present(ctx->s, ctx->r, (wb_sheet)sheet))
            continue;
        const char *name = wb_text(ctx, (wb_label)(WB_L_SHEET_SUMMARY + sheet));
        ctx->sheets[sheet] = workbook_add_worksheet(ctx->workbook, name);
        if (!ctx->sheets[sheet])
            return wb_fail_msg(ctx, "cannot add a worksheet");
        /* Always quoted in formulas: names such as Henkilöstö need it in some readers. */
        snprintf(ctx->quoted[sheet], sizeof ctx->quoted[sheet], "'%s'", name);
    }
    return 0;
}

typedef int (*sheet_writer)(wb_context *ctx, lxw_worksheet *ws);

static int fill_sheets(wb_context *ctx)
{
    /* The Summary last: it points at cells the others report (bonus, rewards). */
    static const struct {
        wb_sheet sheet;
        sheet_writer write;
    } order[] = {
        {WB_SHEET_BUDGET, workbook_budget_sheet},   {WB_SHEET_STAFF, workbook_staff_sheet},
        {WB_SHEET_COSTS, workbook_costs_sheet},     {WB_SHEET_MONTHLY, workbook_monthly_sheet},
        {WB_SHEET_FUNDING, workbook_funding_sheet}, {WB_SHEET_BONUS, workbook_bonus_sheet},
        {WB_SHEET_REWARDS, workbook_rewards_sheet}, {WB_SHEET_KPIS, workbook_kpis_sheet},
        {WB_SHEET_INPUTS, workbook_inputs_sheet},   {WB_SHEET_SUMMARY, workbook_summary_sheet},
    };
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        lxw_worksheet *ws = ctx->sheets[order[i].sheet];
        if (ws && order[i].write(ctx, ws) != 0)
            return -1;
    }
    return 0;
}

/* Builds the whole workbook into path (the temporary file). */
static int write_workbook_file(const char *path, const char *out_path, const scenario *s,
                               const results *r, language lang, char *error, size_t error_size)
{
    wb_context ctx = {
        .s = s, .r = r, .lang = lang, .out_path = out_path,
        .error = error, .error_size = error_size,
    };
    if (layout_build(&ctx.layout, r) != 0)
        return wb_fail_msg(&ctx, "out of memory");
    ctx.workbook = workbook_new(path);
    if (!ctx.workbook) {
        free(ctx.layout.detail);
        return wb_fail_msg(&ctx, "cannot create the workbook");
    }
    page_header_footer(&ctx);

    int rc = 0;
    if (formats_create(&ctx) != 0 || add_sheets(&ctx) != 0 || fill_sheets(&ctx) != 0 ||
        document_properties(&ctx) != 0)
        rc = -1;

    if (rc == 0) {
        /* workbook_close() is where the file is really written: check it (STYLE.md). */
        errno = 0;
        lxw_error err = workbook_close(ctx.workbook);
        if (err != LXW_NO_ERROR) {
            char message[300];
            if (err == LXW_ERROR_CREATING_XLSX_FILE && errno != 0)
                snprintf(message, sizeof message, "%s", strerror(errno));
            else
                snprintf(message, sizeof message, "%s", lxw_strerror(err));
            rc = wb_fail_msg(&ctx, message);
        }
    } else {
        lxw_workbook_free(ctx.workbook);   /* nothing written: the caller removes the file */
    }
    free(ctx.layout.detail);
    return rc;
}

int workbook_write(const char *out_path, const scenario *s, const results *r, language lang,
                   char *error, size_t error_size)
{
    if (error && error_size > 0)
        error[0] = '\0';

    /* A unique temporary name next to the output, so rename() stays in one file system. */
    static const char suffix[] = ".tmp-XXXXXX";
    size_t size = strlen(out_path) + sizeof suffix;
    char *tmp_path = malloc(size);
    if (!tmp_path) {
        if (error && error_size > 0)
            snprintf(error, error_size, "cannot write %s: out of memory", out_path);
        return -1;
    }
    snprintf(tmp_path, size, "%s%s", out_path, suffix);
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        if (error && error_size > 0)
            snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        free(tmp_path);
        return -1;
    }
    /* mkstemp makes the file private (0600); the workbook gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        if (error && error_size > 0)
            snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        unlink(tmp_path);
        free(tmp_path);
        return -1;
    }

    int rc = write_workbook_file(tmp_path, out_path, s, r, lang, error, error_size);
    if (rc == 0 && rename(tmp_path, out_path) != 0) {
        if (error && error_size > 0)
            snprintf(error, error_size, "cannot write %s: %s", out_path, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        unlink(tmp_path);
    free(tmp_path);
    return rc;
}
