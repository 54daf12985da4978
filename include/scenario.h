/*
 * scenario — one scenario, typed and validated, every number exact.
 *
 * Built only by scenario_load() (which reads the INI files, resolves `extends`,
 * applies --set overrides and validates); read by the compute modules and the
 * presenters. Free with scenario_free().
 */
#ifndef TKK_SCENARIO_H
#define TKK_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "bonus_input.h"
#include "language.h"
#include "money.h"
#include "month.h"
#include "tmt_input.h"

#define SCENARIO_MAX_MONTHS 601   /* end ≤ start + 600 months */

typedef enum { CAT_PERSONNEL, CAT_PREMISES, CAT_OTHER, CAT_COUNT } cost_category;
typedef enum { PAYER_MUNICIPALITY, PAYER_STATE } payer;

/* The English word used in files and workbook cells: "personnel", "premises", "other". */
const char *category_name(cost_category category);
const char *payer_name(payer p);

typedef struct {
    month_t month;          /* from this month on */
    mpq_t raise;            /* 0.02 for 2 %; > −1 */
} indexation_step;

typedef struct {
    char *id;               /* section name, "staff.coaches" */
    char *role;
    mpq_t fte;
    mpq_t monthly_salary;   /* level at the scenario's start, before any raise */
    mpq_t side_costs;
    payer payer;
    bool coach;
    bool eligible;
    month_t start, end;
} staff_line;

typedef struct {
    char *id;               /* "premises.module" */
    mpq_t setup;            /* 0 when absent */
    month_t setup_month;
    mpq_t monthly_rent;     /* 0 when absent */
    month_t start, end;
    bool eligible;
} premises_line;

typedef struct {
    char *id;               /* "cost.renovation" */
    cost_category category;
    bool has_amount;
    mpq_t amount;
    month_t month;
    bool has_monthly;
    mpq_t monthly;
    month_t start, end;
    bool eligible;
} cost_line;

/* [budget] or [actual] for one calendar year. */
typedef struct {
    bool has_total;
    mpq_t total;
    bool has_category[CAT_COUNT];
    mpq_t category[CAT_COUNT];
} year_amounts;

/* SPEC §7.2: a value given for one calendar year of the period (KEY.YYYY); kept in
 * lists sorted by year. */
typedef struct {
    int year;
    mpq_t value;
} year_value;

typedef struct {
    mpq_t state_share;      /* default 0 */
    bool has_state_cap;
    mpq_t state_cap;
    bool has_reference_tmt;
    mpq_t reference_tmt;
    bool has_own_min_share;
    mpq_t own_min_share;
    year_value *reference_tmt_years;   /* §7.2 reference_tmt.YYYY, sorted by year */
    size_t n_reference_tmt_years;
} funding_params;

typedef enum { KPI_LT, KPI_LE, KPI_GT, KPI_GE, KPI_EQ } kpi_operator;
const char *kpi_operator_text(kpi_operator op);   /* "<", "<=", ... */

/* SPEC §7.2: a KPI's actual.YYYY and/or target.YYYY for one year. */
typedef struct {
    int year;
    bool has_actual;
    mpq_t actual;
    bool has_target;
    kpi_operator op;
    mpq_t target;
} kpi_year;

typedef struct {
    char *id;               /* the part after "kpi." */
    char *label;            /* may be NULL: the id is shown */
    bool computed_caseload;
    bool has_actual;        /* plain `actual` given: the whole-period row's */
    mpq_t actual;           /* when has_actual */
    bool has_target;
    kpi_operator op;
    mpq_t target;
    kpi_year *years;        /* §7.2 per-year actuals and targets, sorted by year */
    size_t n_years;
} kpi;

typedef struct {
    char *id;               /* the part after "reward." */
    char *label;
    mpq_t amount;
    unsigned long persons;
} reward_criterion;

/* One input as resolved after extends and --set: "staff.coaches.fte" = "6". */
typedef struct {
    char *path;
    char *value;
} input_entry;

/* A file as read, kept for the Inputs sheet. */
typedef struct {
    char *path;
    char *text;
    size_t length;
    bool bonus_projects;           /* the [bonus] projects CSV: a big round's Inputs sheet
                                    * shows its name, line count and SHA-256 instead */
} source_file;

typedef struct scenario {
    char *id, *name, *description, *area, *prepared_by;
    char *appendix;                /* "Liite 3": a heading on every printed page, or NULL */
    bool has_date;
    int date_year, date_month, date_day;
    month_t start, end;
    int n_months;                  /* end − start + 1 */
    int first_year, n_years;       /* calendar years touched by the period */
    bool has_language;
    language lang;
    rounding_mode rounding;
    bool has_clients;
    mpz_t clients;
    year_value *clients_years;     /* §7.2 clients.YYYY (whole numbers), sorted by year */
    size_t n_clients_years;

    indexation_step *indexation;   /* sorted by month */
    size_t n_indexation;
    staff_line *staff;
    size_t n_staff;
    premises_line *premises;
    size_t n_premises;
    cost_line *costs;
    size_t n_costs;

    bool has_budget, has_actual;
    year_amounts *budget;          /* n_years entries, index year − first_year */
    year_amounts *actual;
    bool has_ledger;               /* SPEC §7.3: [actual] ledger = FILE.csv */
    mpq_t *ledger_monthly;         /* n_months: the ledger's municipal costs per month */
    funding_params funding;

    kpi *kpis;
    size_t n_kpis;

    bool has_rewards;
    bool has_allocation;
    mpq_t allocation;
    reward_criterion *rewards;
    size_t n_rewards;

    bool has_bonus;
    bonus_input bonus;

    tmt_input tmt;                 /* [tmt] and [tmt.ID] (SPEC §7.6) */

    input_entry *inputs;           /* sorted by path */
    size_t n_inputs;
    source_file *sources;          /* the main file first, then its parents, then CSVs */
    size_t n_sources;
    char *overrides_text;          /* the --set arguments, one per line, or NULL */
    char sha256_hex[65];           /* of the main file's bytes */
    long long source_mtime;        /* of the main file, for the workbook's time stamp */
} scenario;

void scenario_free(scenario *s);

#endif
