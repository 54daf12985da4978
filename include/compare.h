/*
 * compare — the `tkk compare` workbook (SPEC §6, §7.2): the metric rows of the
 * `Comparison` table, computed from each scenario's results and aligned by calendar
 * year (or by the pilot's own year, 1 = the year of `start`, with
 * COMPARE_ALIGN_PILOT_YEAR), and the
 * `InputDiff` rows (every input whose value differs between the scenarios).
 *
 *     compare_table t;
 *     compare_build(&t, scenarios, results, n, COMPARE_ALIGN_CALENDAR);
 *     if (compare_workbook_write("output/compare.xlsx", &t, scenarios, LANG_EN,
 *                                error, sizeof error) != TKK_OK) ...  // exit 3
 *     compare_table_clear(&t);
 *
 * Metrics, in this order (the Key cell holds the key, the Metric cell its label in the
 * workbook's language, vocab_metric), each with one row per year of the union
 * of the periods (any years: none need be common) and a `total` row:
 *   total_cost, municipal_cost, state_grant, municipal_net_cost   (SPEC §5.4)
 *   personnel, premises, other       costs by category, all lines incl. state-paid
 *   fte_municipality, fte_state      FTE by payer in the LAST MONTH of the year within
 *                                    the period; the total row: the period's last month
 *   caseload                         clients ÷ coach FTE in that same month (§5.5); the
 *                                    year's clients.YYYY, else `clients` (§7.2); only
 *                                    when some scenario has clients
 * and with a total row only:
 *   bonus_allocated                  only when some scenario has a [bonus]
 *   kpis_met                         KPIs whose target is met; only when some scenario
 *                                    has a KPI with a target
 * and per year (years of each scenario's period) with a total row, only when some
 * scenario has [tmt] (SPEC §7.6, the [tmt] row):
 *   tmt_actual, tmt_change, tmt_net_effect   the total: the sum over the period's
 *                                    years that have the figure
 * A scenario without such a year (or without the figure) has a blank cell. The total
 * of a money metric is the sum of that scenario's year rows (a SUM formula); each
 * scenario's total covers its own period.
 */
#ifndef TKK_COMPARE_H
#define TKK_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <gmp.h>
#include "language.h"
#include "results.h"
#include "scenario.h"
#include "tkk_error.h"

typedef enum { COMPARE_MONEY, COMPARE_FTE, COMPARE_CASELOAD, COMPARE_COUNT } compare_unit;

typedef struct {
    const char *metric;       /* the stable key, e.g. "total_cost" (static text) */
    compare_unit unit;
    int year;                 /* the calendar (or pilot) year; 0 for the `total` row */
    bool sum_of_years;        /* a money total: the sum of rows first_year_row .. this − 1 */
    size_t first_year_row;    /* with sum_of_years */
    bool *has;                /* per scenario; false: a blank cell */
    mpq_t *value;             /* per scenario, exact (money in cents) */
} compare_row;

typedef struct {
    const char *path;         /* "staff.coaches.fte", owned by a scenario */
    const char **values;      /* per scenario, NULL where the key is not given */
} compare_input_row;

typedef struct {
    size_t n_scenarios;
    int first_year, last_year;       /* the union of the periods (pilot years: 1..longest) */
    bool pilot_year;                 /* rows aligned by pilot year */
    compare_row *rows;
    size_t n_rows;
    compare_input_row *inputs;       /* sorted by path */
    size_t n_inputs;
} compare_table;


/* SPEC §7.2: by calendar year, or by the pilot's own year (`--align pilot-year`). */
typedef enum { COMPARE_ALIGN_CALENDAR, COMPARE_ALIGN_PILOT_YEAR } compare_align;

/* The align word of `--align` ("calendar-year", "pilot-year"); false for another. */
bool compare_align_parse(const char *word, compare_align *align);

/* Fills out from n ≥ 1 scenarios and their results. A scenario without a year of the
 * union has blank cells there. The table points into the scenarios, which must outlive
 * it; memory comes from xmalloc (alloc.h). */
void compare_build(compare_table *out, const scenario *const *s, const results *const *r,
                   size_t n, compare_align align);


/* SPEC §7.2 `tkk compare --show`: the Comparison table as text on out. */
void compare_show(FILE *out, const compare_table *t, const scenario *const *s, language lang);
/* Tolerates a zeroed table. */
void compare_table_clear(compare_table *t);

/* FTE of the staff lines paid by `who` that are active in month m. */
void compare_fte_in_month(mpq_t fte, const scenario *s, payer who, month_t m);

/* Writes the workbook atomically (SPEC §6, §7.5). TKK_OK, or the failure's class
 * with its message in error. */
tkk_err compare_workbook_write(const char *out_path, const compare_table *t,
                               const scenario *const *s, language lang, char *error,
                               size_t error_size);

#endif
