/*
 * solve — goal seek (SPEC §7.4): the largest (or smallest) value of one input on the
 * grid A, A+S, …, B at which a goal on a computed figure holds, by bisection over the
 * grid. Pure computation: the caller evaluates each probe (solve_probe.h builds and
 * computes the scenario), so the search itself knows nothing of files.
 *
 *     solve_goal goal;
 *     if (solve_goal_parse(&goal, "Municipal_Cost <= 600 000", error, sizeof error) != 0) ...
 *     solve_grid grid;                        // A = 0, B = 20, S = 0,1: 201 values
 *     if (solve_grid_init(&grid, from, to, step, error, sizeof error) != 0) ...
 *     solve_result res;
 *     solve_search(&res, &grid, &goal, true, probe, probe_context);
 *     if (res.outcome == SOLVE_FOUND) ... res.answer is the index of the value
 *     solve_result_clear(&res);
 *
 * The search is exact when the metric is monotone in the input: the set of grid values
 * where the goal holds is then a run touching one end of the grid. Bisection keeps one
 * index where the goal holds and one where it fails, so the answer and its neighbour
 * (the next grid value beyond it) are both evaluated. Whether the metric really was
 * monotone is checked over every probed value, and said (res.monotone).
 */
#ifndef TKK_SOLVE_H
#define TKK_SOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>
#include "language.h"
#include "results.h"
#include "scenario.h"

/* The figures a goal may name: the defined names of SPEC §6, then Caseload (the
 * computed caseload of §5.5) and Shortfall (the Funding table's total row, §5.4). */
typedef enum {
    SOLVE_TOTAL_COST, SOLVE_MUNICIPAL_COST, SOLVE_STATE_GRANT, SOLVE_MUNICIPAL_NET_COST,
    SOLVE_BONUS_POOL, SOLVE_BONUS_ALLOCATED, SOLVE_BONUS_UNALLOCATED,
    SOLVE_REWARD_CLAIMED, SOLVE_REWARD_PAID, SOLVE_CASELOAD, SOLVE_SHORTFALL,
    SOLVE_TMT_NET_EFFECT,
    SOLVE_METRIC_COUNT
} solve_metric;

/* "Municipal_Cost": the name as written in a goal (and defined in the workbook). */
const char *solve_metric_name(solve_metric metric);
/* "Kunnan kustannus" / "Municipal cost": the Summary's label for the figure. */
const char *solve_metric_label(solve_metric metric, language lang);
/* Money figures are shown as "1 234,56 €"; Caseload is a plain ratio. */
bool solve_metric_is_money(solve_metric metric);
/* The metric's value for a computed scenario. False when the scenario does not define
 * it: no [bonus] (Bonus_*), no [reward.*] (Reward_*), no clients or no coach FTE in the
 * last month (Caseload), no own-contribution requirement (Shortfall). */
bool solve_metric_value(mpq_t out, solve_metric metric, const scenario *s, const results *r);
/* Why a scenario does not define the metric, for messages ("the scenario has no [bonus]"). */
const char *solve_metric_missing(solve_metric metric, language lang);

typedef struct {
    solve_metric metric;
    kpi_operator op;           /* KPI_LT, KPI_LE, KPI_GT or KPI_GE */
    mpq_t value;               /* exact, SPEC §3 number syntax */
    bool live;                 /* set by a successful parse */
} solve_goal;

/* "NAME OP VALUE", e.g. "Municipal_Cost <= 600 000 €" (blanks around OP optional; NAME
 * case-insensitive). Returns 0, or -1 with a message (with "did you mean" for a
 * misspelt NAME); the goal then holds nothing to clear. */
int solve_goal_parse(solve_goal *goal, const char *text, char *error, size_t error_size);
void solve_goal_clear(solve_goal *goal);
/* value OP goal value. */
bool solve_goal_holds(const solve_goal *goal, const mpq_t value);

/* The grid A, A+S, …, B: count = (B − A) ÷ S + 1 values, value i = A + i × S, exact. */
typedef struct {
    mpq_t from, to, step;
    unsigned long long count;
    bool live;
} solve_grid;

/* Checks S > 0, A ≤ B and that S divides B − A (else the message says which values of
 * --to would fit); -1 with the message, the grid then holds nothing to clear. */
int solve_grid_init(solve_grid *grid, const mpq_t from, const mpq_t to, const mpq_t step,
                    char *error, size_t error_size);
void solve_grid_value(mpq_t out, const solve_grid *grid, unsigned long long i);
void solve_grid_clear(solve_grid *grid);

/* What a PATH holds, for the default step and --to (README "Goal seek"). */
typedef enum {
    SOLVE_KEY_FTE,         /* staff.*.fte: step 0,1 */
    SOLVE_KEY_MONEY,       /* salaries, rents, amounts, budgets, pool, grants: step 0,01 € */
    SOLVE_KEY_RATIO,       /* rate, cap, weight, indexation: step 0,1 % */
    SOLVE_KEY_UNIT_RATIO,  /* state_share, own_min_share, min_score, side_costs: step 0,1 %,
                            * --to at most 100 % (SPEC §4 bounds) */
    SOLVE_KEY_WHOLE,       /* clients, persons, top: step 1 */
    SOLVE_KEY_OTHER        /* indicator values, KPI actuals: step 0,01 */
} solve_key_kind;

solve_key_kind solve_key_kind_of(const char *path);
void solve_default_step(mpq_t out, solve_key_kind kind);
/* The default --to: 1 000 × current (1 000 when current is 0; 1 for a unit-ratio key),
 * taken down to the grid from `from` by `step` so that the step divides the range. */
void solve_default_to(mpq_t out, solve_key_kind kind, const mpq_t current, const mpq_t from,
                      const mpq_t step);

/* One evaluated grid value. */
typedef struct {
    unsigned long long index;
    bool defined;              /* the scenario defines the metric there */
    mpq_t metric;              /* when defined */
    bool holds;                /* the goal holds (never where the metric is undefined) */
} solve_point;

/* Evaluates grid value i (its exact value given): sets point->defined and, when defined,
 * point->metric (initialised by the caller); the search sets `holds`. Returns 0, or -1
 * to stop the search (the scenario is invalid there; the probe keeps why). */
typedef int (*solve_probe_fn)(void *context, unsigned long long i, const mpq_t value,
                              solve_point *point);

typedef enum { SOLVE_FOUND, SOLVE_NONE, SOLVE_STOPPED } solve_outcome;

typedef struct {
    solve_outcome outcome;
    bool maximise;
    /* SOLVE_FOUND: the answer and, unless the answer is the end of the grid the search
     * moves toward (B for --max, A for --min), its neighbour beyond it (answer ± 1). */
    const solve_point *answer;
    const solve_point *neighbour;          /* NULL at the end of the grid */
    bool monotone;                         /* the metric is monotone over the probes */
    /* Every probed value in grid order (no index twice). */
    solve_point *probes;
    size_t n_probes;
    /* The metric's least and greatest value over the probes that define it (SOLVE_NONE
     * reports them); NULL when no probe defines it. */
    const solve_point *least, *greatest;
} solve_result;

/* Bisection (SPEC §7.4). maximise: the largest grid value where the goal holds, else
 * the smallest; res->outcome SOLVE_STOPPED when a probe stopped the search. */
void solve_search(solve_result *res, const solve_grid *grid, const solve_goal *goal,
                  bool maximise, solve_probe_fn probe, void *context);
void solve_result_clear(solve_result *res);

#endif
