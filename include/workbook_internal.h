/*
 * workbook_internal — what the sheet writers of the per-scenario workbook share
 * (SPEC §6): the context, the formats, the labels of both languages, cell-reference
 * helpers and the few ways a cell is written.
 *
 * workbook_write() (workbook.c) creates every sheet first, in the order of §6, then
 * fills them: Budget, Staff, Costs, Monthly, Funding, Bonus, Rewards, KPIs, TMT, Inputs and
 * the Summary last, so the Summary can point at cells the other sheets reported. The
 * layout that formulas cross sheets by (where MonthlyDetail, Monthly, Budget and
 * Funding rows are) is fixed before any sheet is written, in wb_layout.
 *
 * A sheet writer never decides a number: every value comes from the scenario or the
 * results. A derived cell is a formula whose cached value is the program's exact
 * result; where the writer cannot show that the formula gives exactly that result
 * (e.g. a ROUND under half-even), it writes the value alone.
 *
 *     if (wb_formula(ctx, ws, row, col, ctx->fmt.money, r->funding[i].municipal_net,
 *                    "=%s-%s", cost_cell, grant_cell) != 0)
 *         return -1;                                  // ctx->error says why
 */
#ifndef TKK_WORKBOOK_INTERNAL_H
#define TKK_WORKBOOK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include <xlsxwriter.h>
#include "fraction.h"
#include "language.h"
#include "month.h"
#include "results.h"
#include "scenario.h"
#include "workbook.h"
#include "xlsx_out.h"

/* ---- Labels (workbook_labels.c) ------------------------------------------------ */

typedef enum {
    /* Sheet names, in the order of SPEC §6 (same order as wb_sheet). */
    WB_L_SHEET_SUMMARY, WB_L_SHEET_BUDGET, WB_L_SHEET_STAFF, WB_L_SHEET_COSTS,
    WB_L_SHEET_MONTHLY, WB_L_SHEET_FUNDING, WB_L_SHEET_BONUS, WB_L_SHEET_REWARDS,
    WB_L_SHEET_KPIS, WB_L_SHEET_TMT, WB_L_SHEET_INPUTS,

    /* Sheet titles (row 1 of each sheet). */
    WB_L_TITLE_SUMMARY, WB_L_TITLE_BUDGET, WB_L_TITLE_STAFF, WB_L_TITLE_COSTS,
    WB_L_TITLE_MONTHLY, WB_L_TITLE_DETAIL, WB_L_TITLE_FUNDING, WB_L_TITLE_BONUS,
    WB_L_TITLE_REWARDS, WB_L_TITLE_KPIS, WB_L_TITLE_INPUTS,

    /* Budget table */
    WB_L_BUDGET_YEAR, WB_L_BUDGET_CATEGORY, WB_L_BUDGET_BUDGET, WB_L_BUDGET_PLAN,
    WB_L_BUDGET_ACTUAL, WB_L_BUDGET_ACTUAL_BUDGET, WB_L_BUDGET_ACTUAL_PLAN, WB_L_BUDGET_USE,
    /* Staff table */
    WB_L_STAFF_ID, WB_L_STAFF_ROLE, WB_L_STAFF_PAYER, WB_L_STAFF_COACH, WB_L_STAFF_FTE,
    WB_L_STAFF_SALARY, WB_L_STAFF_SIDE_COSTS, WB_L_STAFF_START, WB_L_STAFF_END, WB_L_STAFF_TOTAL,
    /* Costs table */
    WB_L_COSTS_ID, WB_L_COSTS_CATEGORY, WB_L_COSTS_ONE_TIME, WB_L_COSTS_ONE_TIME_MONTH,
    WB_L_COSTS_MONTHLY, WB_L_COSTS_START, WB_L_COSTS_END, WB_L_COSTS_TOTAL,
    /* MonthlyDetail table */
    WB_L_DETAIL_LINE, WB_L_DETAIL_CATEGORY, WB_L_DETAIL_PAYER, WB_L_DETAIL_MONTH, WB_L_DETAIL_AMOUNT,
    /* Monthly table */
    WB_L_MONTHLY_MONTH, WB_L_MONTHLY_PERSONNEL, WB_L_MONTHLY_PREMISES, WB_L_MONTHLY_OTHER,
    WB_L_MONTHLY_TOTAL, WB_L_MONTHLY_STATE_PAID, WB_L_MONTHLY_COACH_FTE,
    /* Funding table */
    WB_L_FUNDING_YEAR, WB_L_FUNDING_MONTHS, WB_L_FUNDING_TOTAL_COST, WB_L_FUNDING_STATE_PAID,
    WB_L_FUNDING_MUNICIPAL_COST, WB_L_FUNDING_ELIGIBLE, WB_L_FUNDING_STATE_GRANT,
    WB_L_FUNDING_MUNICIPAL_NET, WB_L_FUNDING_REQUIRED, WB_L_FUNDING_STATUS, WB_L_FUNDING_SHORTFALL,
    WB_L_FUNDING_ACTUAL, WB_L_FUNDING_ACTUAL_NET, WB_L_FUNDING_JUDGED_ON, WB_L_FUNDING_NOTE,
    /* Funding parameters above the table */
    WB_L_PARAM_STATE_SHARE, WB_L_PARAM_STATE_CAP, WB_L_PARAM_REFERENCE_TMT, WB_L_PARAM_OWN_MIN_SHARE,
    /* The Bonus sheet keeps its own texts (workbook_bonus.c). */
    /* KPIs table */
    WB_L_KPI_ID, WB_L_KPI_LABEL, WB_L_KPI_ACTUAL, WB_L_KPI_TARGET, WB_L_KPI_MET, WB_L_KPI_DIFFERENCE,
    WB_L_KPI_CLIENTS,
    WB_L_KPI_YEAR, WB_L_KPI_OPERATOR, WB_L_SUM_KPIS,   /* §7.2 */
    /* Rewards table and the figures under it */
    WB_L_REWARD_CRITERION, WB_L_REWARD_LABEL, WB_L_REWARD_AMOUNT, WB_L_REWARD_PERSONS,
    WB_L_REWARD_TOTAL, WB_L_REWARD_CLAIMED, WB_L_REWARD_ALLOCATION, WB_L_REWARD_PAID,
    WB_L_REWARD_OVER,
    /* Summary */
    WB_L_SUM_SCENARIO, WB_L_SUM_ID, WB_L_SUM_DESCRIPTION, WB_L_SUM_AREA, WB_L_SUM_PERIOD,
    WB_L_SUM_PREPARED_BY, WB_L_SUM_DATE, WB_L_SUM_ROUNDING, WB_L_SUM_VERSION, WB_L_SUM_SHA256,
    WB_L_SUM_KEY_FIGURES, WB_L_SUM_TOTAL_COST, WB_L_SUM_MUNICIPAL_COST, WB_L_SUM_STATE_GRANT,
    WB_L_SUM_MUNICIPAL_NET, WB_L_SUM_REQUIRED, WB_L_SUM_STATUS, WB_L_SUM_BONUS_POOL,
    WB_L_SUM_BONUS_ALLOCATED, WB_L_SUM_BONUS_UNALLOCATED, WB_L_SUM_REWARD_CLAIMED,
    WB_L_SUM_REWARD_PAID, WB_L_SUM_BY_YEAR, WB_L_SUM_CHART_TITLE, WB_L_MONTHLY_CHART_TITLE,
    WB_L_SUM_OWN_TEST, WB_L_SUM_PLAN_SHARE, WB_L_SUM_BONUS, WB_L_SUM_REWARDS,
    WB_L_MONTHLY_NOTE,
    WB_L_TOTAL,
    /* Inputs */
    WB_L_INPUTS_LINE, WB_L_INPUTS_TEXT, WB_L_INPUTS_OVERRIDES,
    /* Monthly's Actual column, with a ledger (SPEC §7.3) */
    WB_L_MONTHLY_ACTUAL,
    /* TMT (SPEC §7.6); the sheet's other texts are in workbook_tmt.c */
    WB_L_TITLE_TMT,

    WB_LABEL_COUNT
} wb_label;

/* The label in the workbook's language. Never NULL. */
const char *wb_label_text(wb_label label, language lang);

/* ---- Sheets and layout ----------------------------------------------------------- */

typedef enum {
    WB_SHEET_SUMMARY, WB_SHEET_BUDGET, WB_SHEET_STAFF, WB_SHEET_COSTS, WB_SHEET_MONTHLY,
    WB_SHEET_FUNDING, WB_SHEET_BONUS, WB_SHEET_REWARDS, WB_SHEET_KPIS, WB_SHEET_TMT,
    WB_SHEET_INPUTS, WB_SHEET_COUNT
} wb_sheet;

/* Every table sheet: title in row 0, scenario name and period in row 1, a blank row,
 * the table's header row at WB_TABLE_ROW (rows are 0-based as in libxlsxwriter). The
 * Funding and KPIs sheets put their parameters above the table and start it lower. */
#define WB_TABLE_ROW 3

/* The Monthly sheet holds `Monthly` in columns A..G and, after one empty column,
 * `MonthlyDetail` in columns I..M, both with their header in WB_TABLE_ROW, so one
 * frozen and repeated header row serves both. */
enum {
    WB_MONTHLY_COL_MONTH, WB_MONTHLY_COL_PERSONNEL, WB_MONTHLY_COL_PREMISES,
    WB_MONTHLY_COL_OTHER, WB_MONTHLY_COL_TOTAL, WB_MONTHLY_COL_STATE_PAID,
    WB_MONTHLY_COL_COACH_FTE,
    WB_MONTHLY_COL_ACTUAL,   /* only with a ledger (SPEC §7.3), in the spacer column */
    WB_DETAIL_COL_LINE = 8, WB_DETAIL_COL_CATEGORY, WB_DETAIL_COL_PAYER, WB_DETAIL_COL_MONTH,
    WB_DETAIL_COL_AMOUNT
};

/* Funding: the parameters in rows 3..6 (label in A, spilling right; value in D), a note
 * on what the totals include in row 7, the table below. */
enum { WB_FUNDING_PARAM_ROW = 3, WB_FUNDING_PARAM_COL = 3, WB_FUNDING_TABLE_ROW = 9 };
enum {
    WB_FUNDING_COL_YEAR, WB_FUNDING_COL_MONTHS, WB_FUNDING_COL_TOTAL_COST,
    WB_FUNDING_COL_STATE_PAID, WB_FUNDING_COL_MUNICIPAL_COST, WB_FUNDING_COL_ELIGIBLE,
    WB_FUNDING_COL_STATE_GRANT, WB_FUNDING_COL_MUNICIPAL_NET, WB_FUNDING_COL_ACTUAL,
    WB_FUNDING_COL_ACTUAL_NET, WB_FUNDING_COL_JUDGED_ON, WB_FUNDING_COL_REQUIRED,
    WB_FUNDING_COL_STATUS, WB_FUNDING_COL_SHORTFALL
};

enum {
    WB_BUDGET_COL_YEAR, WB_BUDGET_COL_CATEGORY, WB_BUDGET_COL_BUDGET, WB_BUDGET_COL_PLAN,
    WB_BUDGET_COL_ACTUAL, WB_BUDGET_COL_ACTUAL_BUDGET, WB_BUDGET_COL_ACTUAL_PLAN,
    WB_BUDGET_COL_USE
};

/* One row of MonthlyDetail: line index into r->lines and month offset. */
typedef struct {
    size_t line;
    int month;
} wb_detail_row;

/* Decided before any sheet is written, from the results alone. */
typedef struct {
    wb_detail_row *detail;      /* MonthlyDetail rows: line by line, months ascending */
    size_t n_detail;            /* 0: no row costs anything */
} wb_layout;

/* The shared formats of the output layer (xlsx_out.h). */
typedef xlsx_formats wb_formats;

/* A reference to one cell in another sheet, e.g. "'Palkkiot'!$E$9"; "" when unset. */
#define WB_REF_SIZE 128

/* The per-scenario workbook: the generic output (workbook, language, atomic write,
 * errors, page header and footer) plus what this workbook is of. */
typedef struct wb_context {
    xlsx_out out;
    const scenario *s;
    const results *r;

    wb_formats fmt;
    lxw_worksheet *sheets[WB_SHEET_COUNT];   /* NULL: the sheet has no data (SPEC §6) */
    char quoted[WB_SHEET_COUNT][64];         /* 'Sheet name', ready for formulas */
    wb_layout layout;

    /* Set by the sheet writers for the Summary, which is written last. A sheet writer
     * that leaves one empty makes the Summary write the value instead of a formula. */
    char bonus_pool_ref[WB_REF_SIZE];
    char bonus_allocated_ref[WB_REF_SIZE];
    char reward_claimed_ref[WB_REF_SIZE];
    char reward_paid_ref[WB_REF_SIZE];

    struct wb_recorder *recorder;   /* `tkk export` (SPEC §7.3): every cell kept exact; or NULL */
    char tmt_net_effect_ref[WB_REF_SIZE];   /* the TMT sheet's Net effect over the period */
    const workbook_note *note;  /* an extra Summary block (tkk solve), or NULL */
} wb_context;

/* ---- Sheet writers (one file each) ------------------------------------------------ */

int workbook_summary_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_budget_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_staff_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_costs_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_monthly_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_funding_sheet(wb_context *ctx, lxw_worksheet *ws);
/* SPEC §5.6/§6 Bonus sheet: table `Bonus`, and may set ctx->bonus_pool_ref and
 * ctx->bonus_allocated_ref to the cells holding the pool and the allocated sum. */
int workbook_bonus_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_rewards_sheet(wb_context *ctx, lxw_worksheet *ws);
int workbook_kpis_sheet(wb_context *ctx, lxw_worksheet *ws);
/* §7.2: the Summary's KPI block per KPI and year from *row on; *row is then the next free
 * row (untouched without KPI rows). */
int workbook_summary_kpis(wb_context *ctx, lxw_worksheet *ws, lxw_row_t *row);
int workbook_inputs_sheet(wb_context *ctx, lxw_worksheet *ws);
/* SPEC §7.6 TMT sheet: table `TMT` and its chart; sets ctx->tmt_net_effect_ref. */
int workbook_tmt_sheet(wb_context *ctx, lxw_worksheet *ws);
/* The Summary's line for the period's TMT Net effect at row (label in label_col, the
 * value or a formula on the TMT sheet in value_col, defined name TMT_Net_Effect); only
 * when r->tmt.has_net_effect. */
int workbook_tmt_summary_figure(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row,
                                lxw_col_t label_col, lxw_col_t value_col);
/* The Summary's extra block (workbook_note.c): ctx->note from *row on; *row ends past it. */
int workbook_note_block(wb_context *ctx, lxw_worksheet *ws, lxw_row_t *row);

/* Shared by Staff and Costs (workbook_staff.c): a line's Total as a SUMIF over
 * MonthlyDetail by the ID in id_col; and a "Total" row under a table summing a column. */
int wb_line_total(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  lxw_col_t id_col, size_t line_index);
int wb_sum_row(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t label_col,
               lxw_col_t col, lxw_row_t first_row, lxw_row_t last_row, const mpq_t sum);

/* Which sheets the scenario has data for (SPEC §6: "only when the scenario has their
 * data"). */
bool wb_sheet_present(const scenario *s, const results *r, wb_sheet sheet);

/* ---- Helpers (workbook.c) --------------------------------------------------------- */

/* The sheet writers' shorthand for the output layer (xlsx_out.h) on ctx->out. */

/* Records "cannot write OUT: <why> (<what>)" in the error buffer; returns -1. */
int wb_fail(wb_context *ctx, const char *what, lxw_error err);
/* Same, with a message of our own (a library or internal failure: exit 3). */
int wb_fail_msg(wb_context *ctx, const char *message);
/* A cell format with number format `code` ("#,##0.00 \"€\""), bold if asked. */
lxw_format *wb_number_format(wb_context *ctx, const char *code, bool bold);
/* A chart axis's number code pinned to the workbook's locale (SPEC §7.1). */
#define wb_locale_code(ctx, buf, size, code) xlsx_locale_code(&(ctx)->out, (buf), (size), (code))

/* Checks a libxlsxwriter return; on error records it and returns -1 from the caller. */
#define WB_CHECK(ctx, call) XLSX_CHECK(&(ctx)->out, call)

const char *wb_text(const wb_context *ctx, wb_label label);

/* "B5", "$B$5", "'Sheet'!$B$5", "'Sheet'!$B$5:$B$14" into buf (WB_REF_SIZE bytes). */
void wb_cell(char *buf, lxw_row_t row, lxw_col_t col);
void wb_cell_abs(char *buf, lxw_row_t row, lxw_col_t col);
void wb_ref_abs(const wb_context *ctx, char *buf, wb_sheet sheet, lxw_row_t row, lxw_col_t col);
void wb_range_abs(const wb_context *ctx, char *buf, wb_sheet sheet, lxw_row_t first_row,
                  lxw_col_t col, lxw_row_t last_row);

/* A whole column of MonthlyDetail or of Monthly (data rows only) on the Monthly sheet,
 * e.g. "'Kuukausittain'!$M$5:$M$84". Only when the table has rows. */
void wb_detail_range(const wb_context *ctx, char *buf, lxw_col_t col);
void wb_monthly_range(const wb_context *ctx, char *buf, lxw_col_t col);

/* An exact value as a number cell (money_to_double). */
int wb_number(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
              const mpq_t value, lxw_format *format);
/* The same for a value kept as a fraction (fraction.h): only shown, never reduced
 * unless the recorder keeps it. */
int wb_number_fraction(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const fraction *value, lxw_format *format);
/* A money input (salary, rent, pool, ...) shown as the cent-rounded value of SPEC §6,
 * rounded with the scenario's rounding. */
int wb_money_input(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const mpq_t value);
/* An integer cell. */
int wb_integer(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, long value,
               lxw_format *format);
/* A formula (printf-style) with the exact value as its cached result. */
int wb_formula(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
               lxw_format *format, const mpq_t cached, const char *formula, ...)
    __attribute__((format(printf, 7, 8)));
/* The same with a fraction (fraction.h) as its cached result. */
int wb_formula_fraction(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                        lxw_format *format, const fraction *cached, const char *formula, ...)
    __attribute__((format(printf, 7, 8)));
/* A formula whose result is text, e.g. =IF(C5<D5,"yes","no"). */
int wb_formula_text(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    lxw_format *format, const char *cached, const char *formula, ...)
    __attribute__((format(printf, 7, 8)));
/* Text, made safe for the file (xlsx_string: valid UTF-8, no control characters, at
 * most 32 767 characters with a warning). NULL writes nothing. */
int wb_string(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
              const char *text, lxw_format *format);
/* Same, a text from FILE:LINE (`where`), named in the warning when it is cut. */
int wb_string_at(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                 const char *text, lxw_format *format, const char *where);
/* A month as a real date, the first of the month, formatted yyyy-mm (SPEC §6). */
int wb_month(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, month_t month);

/* Title row and the scenario line under it. */
int wb_sheet_title(wb_context *ctx, lxw_worksheet *ws, wb_label title);
/* An Excel table over first_row (header) .. last_row with exactly these headers
 * (SPEC §6), at first_col. A table needs one data row: last_row > first_row. */
int wb_table(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
             lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
             size_t n_headers);
/* Where a table cannot be (a constant_memory sheet, issue 13): the same header row, an
 * autofilter and the defined name `name` over header and rows (xlsx_range), recorded for
 * export as the table. Before the rows. */
int wb_range(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
             lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
             size_t n_headers);
/* Same, the last row being the table's totals row (SPEC §7.3: table readers skip it). */
/* A defined name (SPEC §6) for one cell of `sheet`, e.g. Total_Cost, kept for export too. */
int wb_define_name(wb_context *ctx, const char *name, wb_sheet sheet, lxw_worksheet *ws,
                   lxw_row_t row, lxw_col_t col);
int wb_table_totals(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                    lxw_col_t first_col, lxw_row_t last_row, const char *const *headers,
                    size_t n_headers);
/* Same headers by label. */
int wb_table_labels(wb_context *ctx, lxw_worksheet *ws, const char *name, lxw_row_t first_row,
                    lxw_col_t first_col, lxw_row_t last_row, const wb_label *headers,
                    size_t n_headers);
/* Print setup of SPEC §6/§7.1: wb_print_layout with the first column as the key. */
int wb_print_setup(wb_context *ctx, lxw_worksheet *ws, bool landscape, int header_row);

/* ---- Print (workbook_print.c) ---------------------------------------------------- */

/* SPEC §7.1 readable print: A4, page header and footer, the header row repeated and
 * frozen, one page wide only when that keeps the print scale ≥ 75 %, else across pages
 * with the first key_columns columns repeated. Call after the column widths are set. */
int wb_print_layout(wb_context *ctx, lxw_worksheet *ws, bool landscape, int header_row,
                    int key_columns);
/* The same for a sheet printed in two parts side by side (two tables, or a table too
 * wide for one page): a page break before split_col, each part on pages of its own
 * with the first key_columns columns repeated. */
int wb_print_split(wb_context *ctx, lxw_worksheet *ws, int header_row, lxw_col_t split_col,
                   int key_columns);
/* The estimated printed width of text in Excel column units (widest line), for column
 * widths from contents. */
double wb_text_width(const char *text, bool bold);
/* An explaining sentence over columns first_col..last_col of row, wrapped, the row as
 * high as the text needs. Call after the column widths are set. */
int wb_note(wb_context *ctx, lxw_worksheet *ws, lxw_row_t row, lxw_col_t first_col,
            lxw_col_t last_col, const char *text);

/* From now on the texts written into ws from first_row down count for the widths of
 * their columns: wb_column_widths never makes a column narrower than its widest text. */
void wb_track_columns(wb_context *ctx, lxw_worksheet *ws, lxw_row_t first_row);

/* Column widths, in characters, from first_col on (at least the tracked contents). */
int wb_column_widths(wb_context *ctx, lxw_worksheet *ws, lxw_col_t first_col,
                     const double *widths, size_t n);

/* ---- Limits (workbook_limits.c asks the sheets that own the layout) ---------------- */

/* SPEC §7.5: true when the Inputs sheet has no row for some input line; *file and *line
 * name the first such line. */
bool wb_inputs_overflow(const scenario *s, const char **file, long *line);
/* The rows of MonthlyDetail: one per cost line and month it costs something. */
size_t wb_detail_count(const results *r);
/* The last row and column (0-based) the Bonus sheet uses at most. */
void wb_bonus_extent(size_t n_projects, size_t n_indicators, unsigned long long *last_row,
                     unsigned long long *last_col);

#endif
