/* compare — the metric rows and input differences of `tkk compare` (SPEC §6). */
#include "compare.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "years.h"

void compare_fte_in_month(mpq_t fte, const scenario *s, payer who, month_t m)
{
    mpq_set_ui(fte, 0, 1);
    for (size_t i = 0; i < s->n_staff; i++) {
        const staff_line *line = &s->staff[i];
        if (line->payer == who && line->start <= m && m <= line->end)
            mpq_add(fte, fte, line->fte);
    }
}

static int last_year_of(const scenario *s)
{
    return s->first_year + s->n_years - 1;
}

bool compare_align_parse(const char *word, compare_align *align)
{
    if (strcmp(word, "calendar-year") == 0)
        *align = COMPARE_ALIGN_CALENDAR;
    else if (strcmp(word, "pilot-year") == 0)
        *align = COMPARE_ALIGN_PILOT_YEAR;
    else
        return false;
    return true;
}

static const funding_row *funding_of_year(const results *r, int year)
{
    for (size_t i = 0; i < r->n_funding; i++)
        if (r->funding[i].year == year)
            return &r->funding[i];
    return NULL;
}

/* ---- The metrics -------------------------------------------------------------------- */

typedef enum {
    M_TOTAL_COST, M_MUNICIPAL_COST, M_STATE_GRANT, M_MUNICIPAL_NET,
    M_PERSONNEL, M_PREMISES, M_OTHER,
    M_FTE_MUNICIPALITY, M_FTE_STATE, M_CASELOAD,
    M_BONUS_ALLOCATED, M_KPIS_MET,
    M_TMT_ACTUAL, M_TMT_CHANGE, M_TMT_NET_EFFECT,
    M_COUNT
} metric_id;

static const struct {
    const char *key;
    compare_unit unit;
    bool by_year;        /* rows per year, then total; else the total row only */
} metrics[M_COUNT] = {
    [M_TOTAL_COST] = {"total_cost", COMPARE_MONEY, true},
    [M_MUNICIPAL_COST] = {"municipal_cost", COMPARE_MONEY, true},
    [M_STATE_GRANT] = {"state_grant", COMPARE_MONEY, true},
    [M_MUNICIPAL_NET] = {"municipal_net_cost", COMPARE_MONEY, true},
    [M_PERSONNEL] = {"personnel", COMPARE_MONEY, true},
    [M_PREMISES] = {"premises", COMPARE_MONEY, true},
    [M_OTHER] = {"other", COMPARE_MONEY, true},
    [M_FTE_MUNICIPALITY] = {"fte_municipality", COMPARE_FTE, true},
    [M_FTE_STATE] = {"fte_state", COMPARE_FTE, true},
    [M_CASELOAD] = {"caseload", COMPARE_CASELOAD, true},
    [M_BONUS_ALLOCATED] = {"bonus_allocated", COMPARE_MONEY, false},
    [M_KPIS_MET] = {"kpis_met", COMPARE_COUNT, false},
    [M_TMT_ACTUAL] = {"tmt_actual", COMPARE_MONEY, true},
    [M_TMT_CHANGE] = {"tmt_change", COMPARE_MONEY, true},
    [M_TMT_NET_EFFECT] = {"tmt_net_effect", COMPARE_MONEY, true},
};

/* SPEC §7.6 on the [tmt] row: a year's Actual, Change or Net effect; for the total row
 * (year 0) the sum over the years of the period that have one. False: blank. */
static bool tmt_value(mpq_t value, metric_id m, const scenario *s, const results *r, int year)
{
    if (!r->tmt.present || r->tmt.n_areas == 0)
        return false;
    bool any = false;
    mpq_set_ui(value, 0, 1);
    for (int y = s->first_year; y < s->first_year + s->n_years; y++) {
        if (year != 0 && y != year)
            continue;
        const tmt_row *row = tmt_area_row(&r->tmt.areas[0], y);
        if (!row)
            continue;
        bool has = m == M_TMT_ACTUAL ? row->has[TMT_ACTUAL]
                   : m == M_TMT_CHANGE ? row->has_change
                                       : row->has_net_effect;
        if (!has)
            continue;
        mpq_add(value, value, m == M_TMT_ACTUAL ? row->value[TMT_ACTUAL]
                              : m == M_TMT_CHANGE ? row->change
                                                  : row->net_effect);
        any = true;
    }
    return any;
}

/* Σ of the category's monthly cents over the months of the year (0: every month). */
static void category_sum(mpq_t sum, const scenario *s, const results *r, cost_category c,
                         int year)
{
    mpq_set_ui(sum, 0, 1);
    for (int i = 0; i < r->n_months; i++)
        if (year == 0 || month_year(s->start + i) == year)
            mpq_add(sum, sum, r->by_category[c][i]);
}

/* The value of one metric for one scenario and year (0: total). False: blank. */
static bool metric_value(mpq_t value, metric_id m, const scenario *s, const results *r, int year)
{
    month_t month;
    if (!scenario_year_last_month(s, year, &month))
        return false;
    const funding_row *f = funding_of_year(r, year);
    switch (m) {
    case M_TOTAL_COST:
    case M_MUNICIPAL_COST:
    case M_STATE_GRANT:
    case M_MUNICIPAL_NET:
        if (!f)
            return false;
        mpq_set(value, m == M_TOTAL_COST       ? f->total_cost
                       : m == M_MUNICIPAL_COST ? f->municipal_cost
                       : m == M_STATE_GRANT    ? f->state_grant
                                               : f->municipal_net);
        return true;
    case M_PERSONNEL:
        category_sum(value, s, r, CAT_PERSONNEL, year);
        return true;
    case M_PREMISES:
        category_sum(value, s, r, CAT_PREMISES, year);
        return true;
    case M_OTHER:
        category_sum(value, s, r, CAT_OTHER, year);
        return true;
    case M_FTE_MUNICIPALITY:
        compare_fte_in_month(value, s, PAYER_MUNICIPALITY, month);
        return true;
    case M_FTE_STATE:
        compare_fte_in_month(value, s, PAYER_STATE, month);
        return true;
    case M_CASELOAD: {
        /* SPEC §5.5's caseload, taken at the year's last month, with the year's own
         * clients.YYYY where given (§7.2). */
        mpq_t clients;
        mpq_init(clients);
        bool has = scenario_clients_of_year(s, year, clients) ||
                   scenario_clients_of_year(s, 0, clients);
        const mpq_t *fte = &r->coach_fte[month - s->start];
        has = has && mpq_sgn(*fte) != 0;
        if (has)
            mpq_div(value, clients, *fte);
        mpq_clear(clients);
        return has;
    }
    case M_BONUS_ALLOCATED:
        if (!s->has_bonus || !r->has_bonus)
            return false;
        mpq_set(value, r->bonus.allocated);
        return true;
    case M_KPIS_MET: {
        unsigned long met = 0, targets = 0;
        for (size_t i = 0; i < s->n_kpis; i++) {
            if (!s->kpis[i].has_target)
                continue;
            targets++;
            if (r->kpis[i].has_actual && r->kpis[i].met)
                met++;
        }
        if (targets == 0)
            return false;
        mpq_set_ui(value, met, 1);
        return true;
    }
    case M_TMT_ACTUAL:
    case M_TMT_CHANGE:
    case M_TMT_NET_EFFECT:
        return tmt_value(value, m, s, r, year);
    case M_COUNT:
        break;
    }
    return false;
}

/* Whether any scenario has the metric at all (the optional rows). */
static bool metric_applies(metric_id m, const scenario *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (m == M_CASELOAD && (s[i]->has_clients || s[i]->n_clients_years > 0))
            return true;
        if (m == M_BONUS_ALLOCATED && s[i]->has_bonus)
            return true;
        if (m == M_KPIS_MET)
            for (size_t k = 0; k < s[i]->n_kpis; k++)
                if (s[i]->kpis[k].has_target)
                    return true;
        if ((m == M_TMT_ACTUAL || m == M_TMT_CHANGE || m == M_TMT_NET_EFFECT) &&
            s[i]->tmt.present)
            return true;
    }
    return m != M_CASELOAD && m != M_BONUS_ALLOCATED && m != M_KPIS_MET &&
           m != M_TMT_ACTUAL && m != M_TMT_CHANGE && m != M_TMT_NET_EFFECT;
}

static void compare_row_clear(compare_row *row, size_t n)
{
    if (row->value)
        for (size_t i = 0; i < n; i++)
            mpq_clear(row->value[i]);
    free(row->value);
    free(row->has);
}

void compare_table_clear(compare_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_rows; i++)
        compare_row_clear(&t->rows[i], t->n_scenarios);
    free(t->rows);
    for (size_t i = 0; i < t->n_inputs; i++)
        free(t->inputs[i].values);
    free(t->inputs);
    memset(t, 0, sizeof *t);
}

/* Appends one row of metric m for year (0: total; a pilot year with t->pilot_year),
 * growing the rows when full. */
static void add_row(compare_table *t, size_t *capacity, metric_id m, int year,
                    const scenario *const *s, const results *const *r)
{
    if (t->n_rows == *capacity) {
        *capacity = 2 * *capacity + 8;
        t->rows = xreallocarray(t->rows, *capacity, sizeof *t->rows);
    }
    size_t n = t->n_scenarios;
    compare_row *row = &t->rows[t->n_rows];
    memset(row, 0, sizeof *row);
    row->metric = metrics[m].key;
    row->unit = metrics[m].unit;
    row->year = year;
    row->has = xcalloc(n, sizeof *row->has);
    row->value = xcalloc(n, sizeof *row->value);
    for (size_t i = 0; i < n; i++)
        mpq_init(row->value[i]);
    t->n_rows++;
    for (size_t i = 0; i < n; i++) {
        /* §7.2: pilot year k of scenario i is its calendar year first_year + k − 1. */
        int own_year = year && t->pilot_year ? s[i]->first_year + year - 1 : year;
        row->has[i] = metric_value(row->value[i], m, s[i], r[i], own_year);
    }
}

/* Marks a money metric's total row as the sum of its year rows, and checks that it is:
 * SPEC §5.4's total row sums the years, and the categories add up month by month. */
static void mark_sum(compare_table *t, size_t first_year_row)
{
    compare_row *total = &t->rows[t->n_rows - 1];
    if (total->unit != COMPARE_MONEY)
        return;
    total->sum_of_years = true;
    total->first_year_row = first_year_row;
    mpq_t sum;
    mpq_init(sum);
    for (size_t i = 0; i < t->n_scenarios; i++) {
        mpq_set_ui(sum, 0, 1);
        for (size_t k = first_year_row; k < t->n_rows - 1; k++)
            if (t->rows[k].has[i])
                mpq_add(sum, sum, t->rows[k].value[i]);
        if (!total->has[i] || !mpq_equal(sum, total->value[i]))
            total->sum_of_years = false;   /* never expected: then the values alone */
    }
    mpq_clear(sum);
}

/* Every input path of any scenario whose value is not the same in all (a missing key
 * differs from any value). The inputs of each scenario are sorted by path. */
static void build_inputs(compare_table *t, const scenario *const *s, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += s[i]->n_inputs;
    size_t *pos = xcalloc(n, sizeof *pos);
    t->inputs = xcalloc(total, sizeof *t->inputs);
    for (;;) {
        const char *path = NULL;
        for (size_t i = 0; i < n; i++)
            if (pos[i] < s[i]->n_inputs &&
                (!path || strcmp(s[i]->inputs[pos[i]].path, path) < 0))
                path = s[i]->inputs[pos[i]].path;
        if (!path)
            break;
        const char **values = xcalloc(n, sizeof *values);
        bool differs = false;
        for (size_t i = 0; i < n; i++) {
            if (pos[i] < s[i]->n_inputs && strcmp(s[i]->inputs[pos[i]].path, path) == 0)
                values[i] = s[i]->inputs[pos[i]++].value;
            if (i > 0 && (!values[i] != !values[0] ||
                          (values[i] && strcmp(values[i], values[0]) != 0)))
                differs = true;
        }
        if (differs)
            t->inputs[t->n_inputs++] = (compare_input_row){.path = path, .values = values};
        else
            free(values);
    }
    free(pos);
}

/* Whether some scenario has year y (a gap between periods gets no rows). */
static bool year_covered(const compare_table *t, const scenario *const *s, int y)
{
    for (size_t i = 0; i < t->n_scenarios; i++) {
        int first = t->pilot_year ? 1 : s[i]->first_year;
        if (y >= first && y < first + s[i]->n_years)
            return true;
    }
    return false;
}

void compare_build(compare_table *out, const scenario *const *s, const results *const *r,
                   size_t n, compare_align align)
{
    memset(out, 0, sizeof *out);
    /* SPEC §7.2: the union of the years, common or not; blanks where a scenario has
     * none. By pilot year, the years run 1 .. the longest pilot's count. */
    out->pilot_year = align == COMPARE_ALIGN_PILOT_YEAR;
    out->first_year = out->pilot_year ? 1 : s[0]->first_year;
    out->last_year = out->pilot_year ? s[0]->n_years : last_year_of(s[0]);
    for (size_t i = 1; i < n; i++) {
        int first = out->pilot_year ? 1 : s[i]->first_year;
        int last = out->pilot_year ? s[i]->n_years : last_year_of(s[i]);
        if (first < out->first_year)
            out->first_year = first;
        if (last > out->last_year)
            out->last_year = last;
    }
    out->n_scenarios = n;
    size_t n_years = (size_t)(out->last_year - out->first_year + 1);
    size_t capacity = M_COUNT * (n_years + 1);
    out->rows = xcalloc(capacity, sizeof *out->rows);
    for (int m = 0; m < M_COUNT; m++) {
        if (!metric_applies((metric_id)m, s, n))
            continue;
        size_t first_year_row = out->n_rows;
        if (metrics[m].by_year)
            for (int y = out->first_year; y <= out->last_year; y++)
                if (year_covered(out, s, y))
                    add_row(out, &capacity, (metric_id)m, y, s, r);
        add_row(out, &capacity, (metric_id)m, 0, s, r);
        if (metrics[m].by_year)
            mark_sum(out, first_year_row);
    }
    build_inputs(out, s, n);
}
