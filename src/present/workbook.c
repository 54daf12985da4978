/*
 * workbook — the per-scenario workbook of SPEC §6, written through the output layer
 * (xlsx_out.h: atomic write, read-back, properties, formats, safe cells). Also the
 * sheet writers' shorthand for that layer and the scenario-specific helpers they share
 * (workbook_internal.h).
 */
#include "workbook.h"
#include "workbook_internal.h"
#include "workbook_record.h"
#include "workbook_limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "common.h"

/* ---- Errors ------------------------------------------------------------------------ */

int wb_fail_msg(wb_context *ctx, const char *message)
{
    return xlsx_fail_msg(&ctx->out, TKK_ERR_LIBRARY, message);
}

int wb_fail(wb_context *ctx, const char *what, lxw_error err)
{
    return xlsx_fail(&ctx->out, what, err);
}

const char *wb_text(const wb_context *ctx, wb_label label)
{
    return wb_label_text(label, ctx->out.lang);
}

/* ---- Cell references --------------------------------------------------------------- */

/* "B12" or "$B$12", the text lxw_rowcol_to_cell(_abs) writes (column letters, then the
 * row counted from 1), without its strlen and snprintf: a large round names several
 * cells in every row's formulas (issue 13). */
static void cell_name(char *buf, lxw_row_t row, lxw_col_t col, bool absolute)
{
    char letters[8];
    size_t n = 0;
    for (unsigned long c = (unsigned long)col + 1; c > 0; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t o = 0;
    if (absolute)
        buf[o++] = '$';
    while (n > 0)
        buf[o++] = letters[--n];
    if (absolute)
        buf[o++] = '$';
    char digits[12];
    size_t k = 0;
    for (unsigned long r = (unsigned long)row + 1; r > 0; r /= 10)
        digits[k++] = (char)('0' + r % 10);
    while (k > 0)
        buf[o++] = digits[--k];
    buf[o] = '\0';
}

void wb_cell(char *buf, lxw_row_t row, lxw_col_t col)
{
    cell_name(buf, row, col, false);
}

void wb_cell_abs(char *buf, lxw_row_t row, lxw_col_t col)
{
    cell_name(buf, row, col, true);
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

/* SPEC §7.3 export: what kind of number a cell holds, from its format. */
static wb_rec_kind record_kind(const wb_context *ctx, const lxw_format *format)
{
    if (format && (format == ctx->fmt.money || format == ctx->fmt.money_bold))
        return WB_REC_MONEY;
    if (format && format == ctx->fmt.percent)
        return WB_REC_RATIO;
    if (format && format == ctx->fmt.integer)
        return WB_REC_INTEGER;
    return WB_REC_NUMBER;
}

/* SPEC §7.3 export: a text cell as the file holds it. */
static void record_text(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        const char *text)
{
    if (!ctx->recorder || !text)
        return;
    char *safe = xlsx_safe_text(text, XLSX_CELL_MAX_CHARS, NULL);
    wb_recorder_text(ctx->recorder, ws, row, col, safe);
    free(safe);
}

int wb_number(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
              const mpq_t value, lxw_format *format)
{
    if (ctx->recorder)
        wb_recorder_number(ctx->recorder, ws, row, col, record_kind(ctx, format), value);
    return xlsx_number(&ctx->out, ws, row, col, value, format);
}

/* The recorder keeps exact values in lowest terms, as wb_number gives them. */
static void record_fraction(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            const lxw_format *format, const fraction *value)
{
    if (!ctx->recorder)
        return;
    mpq_t exact;
    mpq_init(exact);
    mpz_set(mpq_numref(exact), value->num);
    mpz_set(mpq_denref(exact), value->den);
    mpq_canonicalize(exact);
    wb_recorder_number(ctx->recorder, ws, row, col, record_kind(ctx, format), exact);
    mpq_clear(exact);
}

int wb_number_fraction(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const fraction *value, lxw_format *format)
{
    record_fraction(ctx, ws, row, col, format, value);
    return xlsx_number_double(&ctx->out, ws, row, col, fraction_to_double(value), format);
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
    if (ctx->recorder) {
        mpq_t exact;
        mpq_init(exact);
        mpq_set_si(exact, value, 1);
        wb_recorder_number(ctx->recorder, ws, row, col, WB_REC_INTEGER, exact);
        mpq_clear(exact);
    }
    return xlsx_integer(&ctx->out, ws, row, col, value, format);
}

int wb_formula(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
               lxw_format *format, const mpq_t cached, const char *formula, ...)
{
    if (ctx->recorder)
        wb_recorder_number(ctx->recorder, ws, row, col, record_kind(ctx, format), cached);
    va_list args;
    va_start(args, formula);
    int rc = xlsx_vformula(&ctx->out, ws, row, col, format, cached, formula, args);
    va_end(args);
    return rc;
}

int wb_formula_fraction(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        lxw_format *format, const fraction *cached, const char *formula, ...)
{
    record_fraction(ctx, ws, row, col, format, cached);
    va_list args;
    va_start(args, formula);
    int rc = xlsx_vformula_double(&ctx->out, ws, row, col, format, fraction_to_double(cached),
                                  formula, args);
    va_end(args);
    return rc;
}

int wb_formula_text(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    lxw_format *format, const char *cached, const char *formula, ...)
{
    record_text(ctx, ws, row, col, cached);
    va_list args;
    va_start(args, formula);
    int rc = xlsx_vformula_text(&ctx->out, ws, row, col, format, cached, formula, args);
    va_end(args);
    return rc;
}

int wb_string(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
              const char *text, lxw_format *format)
{
    record_text(ctx, ws, row, col, text);
    return xlsx_string(&ctx->out, ws, row, col, text, format);
}

int wb_string_at(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                 const char *text, lxw_format *format, const char *where)
{
    record_text(ctx, ws, row, col, text);
    return xlsx_string_at(&ctx->out, ws, row, col, text, format, where);
}

int wb_month(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, month_t month)
{
    if (ctx->recorder)
        wb_recorder_month(ctx->recorder, ws, row, col, month);
    return xlsx_month(&ctx->out, ws, row, col, month_year(month), month_number(month),
                      ctx->fmt.month);
}

/* ---- Sheet furniture --------------------------------------------------------------- */

int wb_sheet_title(wb_context *ctx, lxw_worksheet *ws, wb_label title)
{
    const scenario *s = ctx->s;
    char start[8], end[8];
    month_format(s->start, start);
    month_format(s->end, end);
    char *line = xasprintf("%s · %s – %s", s->name ? s->name : "", start, end);
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
    if (ctx->recorder)
        wb_recorder_add_table(ctx->recorder, ws, name, first_row, first_col, last_row, headers,
                              n_headers, false);
    return xlsx_table(&ctx->out, ws, name, first_row, first_col, last_row, headers, n_headers,
                      ctx->fmt.header);
}

int wb_range(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
             lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
             size_t n_headers)
{
    /* Export reads it as the table it stands for (SPEC §7.3). */
    if (ctx->recorder)
        wb_recorder_add_table(ctx->recorder, ws, name, first_row, first_col, last_row, headers,
                              n_headers, false);
    return xlsx_range(&ctx->out, ws, name, first_row, first_col, last_row, headers, n_headers,
                      ctx->fmt.header);
}

int wb_define_name(wb_context *ctx, const char *name, wb_sheet sheet, lxw_worksheet *ws,
                   lxw_row_t row, lxw_col_t col)
{
    char target[WB_REF_SIZE + 1], cell[WB_REF_SIZE];
    wb_ref_abs(ctx, cell, sheet, row, col);
    snprintf(target, sizeof target, "=%s", cell);
    WB_CHECK(ctx, workbook_define_name(ctx->out.workbook, name, target));
    if (ctx->recorder)   /* SPEC §7.3: export lists the defined names */
        wb_recorder_name(ctx->recorder, name, ws, row, col);
    return 0;
}

int wb_table_totals(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                    lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
                    size_t n_headers)
{
    if (ctx->recorder)
        wb_recorder_add_table(ctx->recorder, ws, name, first_row, first_col, last_row, headers,
                              n_headers, true);
    return xlsx_table_totals(&ctx->out, ws, name, first_row, first_col, last_row, headers,
                             n_headers, ctx->fmt.header);
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
    return xlsx_print_setup(&ctx->out, ws, landscape, header_row);
}

int wb_column_widths(wb_context *ctx, lxw_worksheet *ws, lxw_col_t first_col,
                     const double *widths, size_t n)
{
    return xlsx_column_widths(&ctx->out, ws, first_col, widths, n);
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
    case WB_SHEET_TMT:
        for (size_t a = 0; s->tmt.present && a < r->tmt.n_areas; a++)
            if (r->tmt.areas[a].n_rows > 0)
                return true;
        return false;
    case WB_SHEET_COUNT:
        break;
    }
    return false;
}

/* SPEC §6: MonthlyDetail has one row per line and month it costs something. */
size_t wb_detail_count(const results *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_lines; i++)
        for (int m = 0; m < r->n_months; m++)
            if (mpq_sgn(r->lines[i].monthly[m]) != 0)
                n++;
    return n;
}

static void layout_build(wb_layout *layout, const results *r)
{
    size_t n = wb_detail_count(r);
    layout->n_detail = n;
    layout->detail = NULL;
    if (n == 0)
        return;
    layout->detail = xcalloc(n, sizeof *layout->detail);
    n = 0;
    for (size_t i = 0; i < r->n_lines; i++)
        for (int m = 0; m < r->n_months; m++)
            if (mpq_sgn(r->lines[i].monthly[m]) != 0)
                layout->detail[n++] = (wb_detail_row){.line = i, .month = m};
}

/* ---- Formats, page header and footer, properties --------------------------------------- */

lxw_format *wb_number_format(wb_context *ctx, const char *code, bool bold)
{
    return xlsx_number_format(&ctx->out, code, bold);
}

static void page_header_footer(wb_context *ctx)
{
    /* SPEC §6: the scenario name in the header; version, the input's SHA-256 prefix and
     * page n / N in the footer. In these strings '&' starts a code, "&&" is an '&'. */
    strcpy(ctx->out.page_header, "&C");
    xlsx_header_append(ctx->out.page_header, 0, ctx->s->name ? ctx->s->name : "");
    /* SPEC §7.1: `[scenario] appendix = Liite 3` on every page, top right, in bold. */
    if (ctx->s->appendix && ctx->s->appendix[0] &&
        strlen(ctx->out.page_header) + 16 < sizeof ctx->out.page_header) {
        strcat(ctx->out.page_header, "&R&\"-,Bold\"");
        xlsx_header_append(ctx->out.page_header, 0, ctx->s->appendix);
    }
    snprintf(ctx->out.page_footer, sizeof ctx->out.page_footer,
             "&Ltkk %s · SHA-256 %.12s&R&P / &N", TKK_VERSION, ctx->s->sha256_hex);
}

static int document_properties(wb_context *ctx)
{
    const scenario *s = ctx->s;
    /* SPEC §6: the creation time is the scenario's `date`, else SOURCE_DATE_EPOCH, else
     * the scenario file's modification time, so the same inputs give the same bytes. */
    xlsx_time_source when = {
        .has_date = s->has_date, .year = s->date_year, .month = s->date_month,
        .day = s->date_day, .file_mtime = (long long)s->source_mtime, .date_first = true,
    };
    if (xlsx_properties(&ctx->out, s->name, s->prepared_by, s->description,
                        xlsx_creation_time(&when)) != 0 ||
        xlsx_custom_property(&ctx->out, "tkk version", TKK_VERSION) != 0)
        return -1;
    if (s->sha256_hex[0] && xlsx_custom_property(&ctx->out, "Input SHA-256", s->sha256_hex) != 0)
        return -1;
    return 0;
}

/* ---- The workbook --------------------------------------------------------------------- */

static int add_sheets(wb_context *ctx)
{
    for (int sheet = 0; sheet < WB_SHEET_COUNT; sheet++) {
        if (!wb_sheet_present(ctx->s, ctx->r, (wb_sheet)sheet))
            continue;
        const char *name = wb_text(ctx, (wb_label)(WB_L_SHEET_SUMMARY + sheet));
        /* A big round's Bonus sheet streams its rows (issue 13, workbook_limits.h). */
        bool stream = sheet == WB_SHEET_BONUS && workbook_big_round(ctx->s);
        ctx->sheets[sheet] = stream ? xlsx_add_worksheet_constant_memory(&ctx->out, name)
                                    : xlsx_add_worksheet(&ctx->out, name);
        if (!ctx->sheets[sheet])
            return -1;
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
        {WB_SHEET_TMT, workbook_tmt_sheet},
        {WB_SHEET_INPUTS, workbook_inputs_sheet},   {WB_SHEET_SUMMARY, workbook_summary_sheet},
    };
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        lxw_worksheet *ws = ctx->sheets[order[i].sheet];
        if (ws && order[i].write(ctx, ws) != 0)
            return -1;
    }
    return 0;
}

/* SPEC §7.1 --sheets: hides the sheets not in visible (NULL: all shown), so that a
 * printer (LibreOffice's PDF export) prints only the others; the first shown sheet is the
 * active one. */
static void hide_sheets(wb_context *ctx, const bool *visible)
{
    if (!visible)
        return;
    lxw_worksheet *first = NULL;
    for (int sheet = 0; sheet < WB_SHEET_COUNT; sheet++)
        if (ctx->sheets[sheet] && visible[sheet] && !first)
            first = ctx->sheets[sheet];
    if (!first)
        return;
    worksheet_activate(first);
    worksheet_set_first_sheet(first);
    for (int sheet = 0; sheet < WB_SHEET_COUNT; sheet++)
        if (ctx->sheets[sheet] && !visible[sheet])
            worksheet_hide(ctx->sheets[sheet]);
}

/* The workbook with only the visible sheets shown (NULL: all) and an extra Summary
 * block (NULL: none). */
static tkk_err write_book(const char *out_path, const scenario *s, const results *r,
                          language lang, const bool *visible, const workbook_note *note,
                          char *error, size_t error_size)
{
    wb_context ctx = {.s = s, .r = r, .note = note};
    tkk_err err = xlsx_out_open(&ctx.out, out_path, lang, false, error, error_size);
    if (err != TKK_OK)
        return err;
    if (workbook_big_round(s))
        workbook_big_round_warn(out_path, s, lang);
    layout_build(&ctx.layout, r);
    page_header_footer(&ctx);
    xlsx_formats_create(&ctx.out, &ctx.fmt);
    if (add_sheets(&ctx) != 0 || fill_sheets(&ctx) != 0 || document_properties(&ctx) != 0)
        xlsx_out_abandon(&ctx.out);
    else
        hide_sheets(&ctx, visible);
    err = xlsx_out_commit(&ctx.out);   /* after an abandon: its recorded error */
    free(ctx.layout.detail);
    return err;
}

static tkk_err workbook_write_visible(const char *out_path, const scenario *s,
                                      const results *r, language lang, const bool *visible,
                                      char *error, size_t error_size)
{
    return write_book(out_path, s, r, lang, visible, NULL, error, error_size);
}

tkk_err workbook_write_note(const char *out_path, const scenario *s, const results *r,
                            language lang, const workbook_note *note, char *error,
                            size_t error_size)
{
    return write_book(out_path, s, r, lang, NULL, note, error, error_size);
}

tkk_err workbook_write(const char *out_path, const scenario *s, const results *r,
                       language lang, char *error, size_t error_size)
{
    return workbook_write_visible(out_path, s, r, lang, NULL, error, error_size);
}

/* The Excel table names of each sheet, for --sheets (SPEC §6). */
static bool sheet_has_table(wb_sheet sheet, const char *name)
{
    static const struct {
        wb_sheet sheet;
        const char *table;
    } tables[] = {
        {WB_SHEET_BUDGET, "Budget"}, {WB_SHEET_STAFF, "Staff"}, {WB_SHEET_COSTS, "Costs"},
        {WB_SHEET_MONTHLY, "Monthly"}, {WB_SHEET_MONTHLY, "MonthlyDetail"},
        {WB_SHEET_FUNDING, "Funding"}, {WB_SHEET_BONUS, "Bonus"}, {WB_SHEET_REWARDS, "Rewards"},
        {WB_SHEET_KPIS, "KPIs"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
        if (tables[i].sheet == sheet && strcasecmp(tables[i].table, name) == 0)
            return true;
    return false;
}

int workbook_write_sheets(const char *out_path, const scenario *s, const results *r,
                          language lang, const char *sheets, char *error, size_t error_size)
{
    if (error && error_size > 0)
        error[0] = '\0';
    if (!sheets)
        return workbook_write_visible(out_path, s, r, lang, NULL, error, error_size) == TKK_OK
                   ? 0 : -1;
    bool visible[WB_SHEET_COUNT] = {false};
    char *list = xstrdup(sheets);
    int rc = 0;
    char *save = NULL;
    for (char *item = strtok_r(list, ",", &save); item && rc == 0;
         item = strtok_r(NULL, ",", &save)) {
        while (*item == ' ')
            item++;
        size_t n = strlen(item);
        while (n > 0 && item[n - 1] == ' ')
            item[--n] = '\0';
        if (n == 0)
            continue;
        /* A sheet name in either language, or one of its table names. */
        bool found = false;
        for (int sheet = 0; sheet < WB_SHEET_COUNT; sheet++) {
            wb_label label = (wb_label)(WB_L_SHEET_SUMMARY + sheet);
            if (strcasecmp(item, wb_label_text(label, LANG_FI)) == 0 ||
                strcasecmp(item, wb_label_text(label, LANG_EN)) == 0 ||
                sheet_has_table((wb_sheet)sheet, item)) {
                visible[sheet] = true;
                found = true;
            }
        }
        if (!found) {
            snprintf(error, error_size,
                     "--sheets: no sheet or table '%s' (sheets: Yhteenveto/Summary, "
                     "Talousarvio/Budget, Henkilöstö/Staff, Kustannukset/Costs, "
                     "Kuukausittain/Monthly, Rahoitus/Funding, Bonus, Palkkiot/Rewards, "
                     "Mittarit/KPIs, Lähtötiedot/Inputs)", item);
            rc = -2;
        }
    }
    free(list);
    if (rc != 0)
        return rc;
    bool any = false;
    for (int sheet = 0; sheet < WB_SHEET_COUNT; sheet++)
        any = any || (visible[sheet] && wb_sheet_present(s, r, (wb_sheet)sheet));
    if (!any) {
        snprintf(error, error_size, "--sheets '%s': none of these sheets is in the workbook of %s",
                 sheets, s->id ? s->id : "");
        return -2;
    }
    return workbook_write_visible(out_path, s, r, lang, visible, error, error_size) == TKK_OK
               ? 0 : -1;
}

tkk_err workbook_record(const char *scratch_path, const scenario *s, const results *r,
                        language lang, wb_recorder *rec, char *error, size_t error_size)
{
    /* The same writers as workbook_write, through the same output layer (its temporary
     * files beside scratch_path, SPEC §7.5), but abandoned instead of committed: the
     * recorder holds what `tkk export` wants (SPEC §7.3). */
    wb_context ctx = {.s = s, .r = r, .recorder = rec};
    tkk_err err = xlsx_out_open(&ctx.out, scratch_path, lang, false, error, error_size);
    if (err != TKK_OK)
        return err;
    layout_build(&ctx.layout, r);
    page_header_footer(&ctx);
    xlsx_formats_create(&ctx.out, &ctx.fmt);
    if (add_sheets(&ctx) != 0 || fill_sheets(&ctx) != 0)
        err = ctx.out.err != TKK_OK ? ctx.out.err : TKK_ERR_LIBRARY;
    xlsx_out_abandon(&ctx.out);
    free(ctx.layout.detail);
    return err;
}
