/* solve — goal seek over a grid by bisection (SPEC §7.4). */
#include "solve.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "common.h"
#include "number.h"
#include "suggest.h"
#include "sweep.h"

/* ---- Metrics -------------------------------------------------------------------------- */

static const struct {
    const char *name;
    const char *fi, *en;     /* the Summary's labels (workbook_labels.c), Caseload the KPI's */
    bool money;
    const char *missing;     /* why a scenario may not define it (en; fi below) */
} metrics[SOLVE_METRIC_COUNT] = {
    [SOLVE_TOTAL_COST] = {"Total_Cost", "Kokonaiskustannus", "Total cost", true, NULL},
    [SOLVE_MUNICIPAL_COST] = {"Municipal_Cost", "Kunnan kustannus", "Municipal cost", true, NULL},
    [SOLVE_STATE_GRANT] = {"State_Grant", "Valtionavustus", "State grant", true, NULL},
    [SOLVE_MUNICIPAL_NET_COST] = {"Municipal_Net_Cost", "Kunnan nettokustannus",
                                  "Municipal net cost", true, NULL},
    [SOLVE_BONUS_POOL] = {"Bonus_Pool", "Tulospalkkiovaraus", "Bonus pool", true,
                          "the scenario has no [bonus]"},
    [SOLVE_BONUS_ALLOCATED] = {"Bonus_Allocated", "Jaettu tulospalkkio", "Bonus allocated", true,
                               "the scenario has no [bonus]"},
    [SOLVE_BONUS_UNALLOCATED] = {"Bonus_Unallocated", "Jakamatta", "Bonus unallocated", true,
                                 "the scenario has no [bonus]"},
    [SOLVE_REWARD_CLAIMED] = {"Reward_Claimed", "Työllistämispalkkiot haettu", "Rewards claimed",
                              true, "the scenario has no [reward.*] criteria"},
    [SOLVE_REWARD_PAID] = {"Reward_Paid", "Työllistämispalkkiot maksettava", "Rewards paid", true,
                           "the scenario has no [reward.*] criteria"},
    [SOLVE_CASELOAD] = {"Caseload", "Asiakkaita per omavalmentaja", "Clients per coach", false,
                        "the caseload needs [scenario] clients and coach FTE (coach = yes) in "
                        "the scenario's last month"},
    [SOLVE_SHORTFALL] = {"Shortfall", "Vaje", "Shortfall", true,
                         "the shortfall needs [funding] reference_tmt and own_min_share"},
    [SOLVE_TMT_NET_EFFECT] = {"TMT_Net_Effect", "TMT-nettovaikutus", "TMT net effect", true,
                              "the Net effect needs a [tmt] baseline and payments in the period"},
};

const char *solve_metric_name(solve_metric metric)
{
    return metrics[metric].name;
}

const char *solve_metric_label(solve_metric metric, language lang)
{
    return lang == LANG_EN ? metrics[metric].en : metrics[metric].fi;
}

bool solve_metric_is_money(solve_metric metric)
{
    return metrics[metric].money;
}

const char *solve_metric_missing(solve_metric metric, language lang)
{
    static const struct {
        const char *en, *fi;
    } finnish[] = {
        {"the scenario has no [bonus]", "skenaariossa ei ole osiota [bonus]"},
        {"the scenario has no [reward.*] criteria", "skenaariossa ei ole osioita [reward.*]"},
        {"the caseload needs [scenario] clients and coach FTE (coach = yes) in the scenario's "
         "last month",
         "asiakasmäärä per omavalmentaja tarvitsee asiakasmäärän (clients) ja omavalmentajien "
         "HTV:t (coach = yes) viimeisenä kuukautena"},
        {"the shortfall needs [funding] reference_tmt and own_min_share",
         "vaje tarvitsee osion [funding] avaimet reference_tmt ja own_min_share"},
        {"the Net effect needs a [tmt] baseline and payments in the period",
         "nettovaikutus tarvitsee osion [tmt] vertailuvuoden (baseline) ja maksut "
         "ajanjakson vuosilta"},
    };
    const char *missing = metrics[metric].missing ? metrics[metric].missing : "";
    if (lang == LANG_FI)
        for (size_t i = 0; i < ARRAY_SIZE(finnish); i++)
            if (strcmp(missing, finnish[i].en) == 0)
                return finnish[i].fi;
    return missing;
}

bool solve_metric_value(mpq_t out, solve_metric metric, const scenario *s, const results *r)
{
    /* The Summary's key figures are the Funding table's total row (0 without cost lines,
     * as workbook_summary.c writes them). */
    const funding_row *total = r->n_funding > 0 ? &r->funding[r->n_funding - 1] : NULL;
    switch (metric) {
    case SOLVE_TOTAL_COST:
    case SOLVE_MUNICIPAL_COST:
    case SOLVE_STATE_GRANT:
    case SOLVE_MUNICIPAL_NET_COST:
        if (!total)
            mpq_set_ui(out, 0, 1);
        else
            mpq_set(out, metric == SOLVE_TOTAL_COST       ? total->total_cost
                         : metric == SOLVE_MUNICIPAL_COST ? total->municipal_cost
                         : metric == SOLVE_STATE_GRANT    ? total->state_grant
                                                          : total->municipal_net);
        return true;
    case SOLVE_BONUS_POOL:
        if (!s->has_bonus || !r->has_bonus)
            return false;
        money_round(out, s->bonus.pool, s->rounding);   /* the value the pool cell holds */
        return true;
    case SOLVE_BONUS_ALLOCATED:
    case SOLVE_BONUS_UNALLOCATED:
        if (!s->has_bonus || !r->has_bonus)
            return false;
        mpq_set(out, metric == SOLVE_BONUS_ALLOCATED ? r->bonus.allocated : r->bonus.unallocated);
        return true;
    case SOLVE_REWARD_CLAIMED:
    case SOLVE_REWARD_PAID:
        if (!s->has_rewards || !r->has_rewards)
            return false;
        mpq_set(out, metric == SOLVE_REWARD_CLAIMED ? r->rewards.claimed : r->rewards.paid);
        return true;
    case SOLVE_CASELOAD:
        if (!r->has_caseload)
            return false;
        mpq_set(out, r->caseload);
        return true;
    case SOLVE_SHORTFALL:
        if (!total || !total->has_required)
            return false;
        mpq_set(out, total->shortfall);
        return true;
    case SOLVE_TMT_NET_EFFECT:   /* SPEC §7.6: the period's Net effect, the Summary's name */
        if (!r->tmt.has_net_effect)
            return false;
        mpq_set(out, r->tmt.net_effect);
        return true;
    default:
        return false;
    }
}

/* ---- Goals ---------------------------------------------------------------------------- */

static int fail(char *error, size_t error_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *error, size_t error_size, const char *fmt, ...)
{
    if (error && error_size > 0) {
        va_list args;
        va_start(args, fmt);
        vsnprintf(error, error_size, fmt, args);
        va_end(args);
    }
    return -1;
}

int solve_goal_parse(solve_goal *goal, const char *text, char *error, size_t error_size)
{
    memset(goal, 0, sizeof *goal);
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *name = p;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
           *p == '_')
        p++;
    size_t name_length = (size_t)(p - name);
    while (*p == ' ' || *p == '\t')
        p++;
    /* OP: the two-character operators first. */
    static const struct {
        const char *text;
        kpi_operator op;
    } ops[] = {{"<=", KPI_LE}, {">=", KPI_GE}, {"<", KPI_LT}, {">", KPI_GT}};
    size_t which = ARRAY_SIZE(ops);
    for (size_t i = 0; i < ARRAY_SIZE(ops) && which == ARRAY_SIZE(ops); i++)
        if (strncmp(p, ops[i].text, strlen(ops[i].text)) == 0)
            which = i;
    if (name_length == 0 || which == ARRAY_SIZE(ops))
        return fail(error, error_size,
                    "--goal '%s': expected NAME OP VALUE with OP one of <, <=, >, >=, "
                    "e.g. 'Municipal_Cost <= 600 000'", text);

    char written[64];
    snprintf(written, sizeof written, "%.*s", (int)(name_length < 63 ? name_length : 63), name);
    size_t metric = SOLVE_METRIC_COUNT;
    for (size_t m = 0; m < SOLVE_METRIC_COUNT; m++)
        if (strcasecmp(written, metrics[m].name) == 0)
            metric = m;
    if (metric == SOLVE_METRIC_COUNT) {
        const char *names[SOLVE_METRIC_COUNT + 1];
        for (size_t m = 0; m < SOLVE_METRIC_COUNT; m++)
            names[m] = metrics[m].name;
        names[SOLVE_METRIC_COUNT] = NULL;
        const char *guess = suggest_closest(written, names);
        if (guess)
            return fail(error, error_size, "--goal '%s': unknown name %s; did you mean %s?",
                        text, written, guess);
        return fail(error, error_size,
                    "--goal '%s': unknown name %s; the names are Total_Cost, Municipal_Cost, "
                    "State_Grant, Municipal_Net_Cost, Bonus_Pool, Bonus_Allocated, "
                    "Bonus_Unallocated, Reward_Claimed, Reward_Paid, Caseload, Shortfall",
                    text, written);
    }
    mpq_init(goal->value);
    /* SPEC §3 numbers: a money figure may carry € (Caseload is a plain ratio). */
    const char *why = number_parse(goal->value, p + strlen(ops[which].text),
                                   metrics[metric].money ? NUMBER_MONEY : NUMBER_PLAIN, NULL);
    if (why) {
        mpq_clear(goal->value);
        return fail(error, error_size, "--goal '%s': the value '%s' %s: %s", text,
                    p + strlen(ops[which].text), "is not a number", why);
    }
    goal->metric = (solve_metric)metric;
    goal->op = ops[which].op;
    goal->live = true;
    return 0;
}

void solve_goal_clear(solve_goal *goal)
{
    if (goal && goal->live)
        mpq_clear(goal->value);
    if (goal)
        goal->live = false;
}

bool solve_goal_holds(const solve_goal *goal, const mpq_t value)
{
    int c = mpq_cmp(value, goal->value);
    switch (goal->op) {
    case KPI_LT: return c < 0;
    case KPI_LE: return c <= 0;
    case KPI_GT: return c > 0;
    case KPI_GE: return c >= 0;
    default: return c == 0;
    }
}

/* ---- The grid ------------------------------------------------------------------------- */

/* Counts above this are refused: an index must fit, with room for index + 1. */
#define SOLVE_MAX_COUNT (1ULL << 62)

int solve_grid_init(solve_grid *grid, const mpq_t from, const mpq_t to, const mpq_t step,
                    char *error, size_t error_size)
{
    memset(grid, 0, sizeof *grid);
    char *a = sweep_rational_text(from), *b = sweep_rational_text(to),
         *s = sweep_rational_text(step);
    int rc = 0;
    mpq_t quotient;
    mpq_init(quotient);
    if (mpq_sgn(step) <= 0) {
        rc = fail(error, error_size, "--step %s: the step must be above 0", s);
    } else if (mpq_cmp(from, to) > 0) {
        rc = fail(error, error_size, "--from %s is above --to %s", a, b);
    } else {
        mpq_sub(quotient, to, from);
        mpq_div(quotient, quotient, step);
        if (mpz_cmp_ui(mpq_denref(quotient), 1) != 0) {
            /* The two ends that would fit: A + S × ⌊(B − A) ÷ S⌋ and one step more. */
            mpz_t k;
            mpq_t below, above;
            mpz_init(k);
            mpq_inits(below, above, NULL);
            mpz_fdiv_q(k, mpq_numref(quotient), mpq_denref(quotient));
            mpq_set_z(below, k);
            mpq_mul(below, below, step);
            mpq_add(below, below, from);
            mpq_add(above, below, step);
            char *lo = sweep_rational_text(below), *hi = sweep_rational_text(above);
            rc = fail(error, error_size,
                      "--step %s does not divide the range %s .. %s: the grid %s, %s + %s, ... "
                      "would end at --to %s or %s", s, a, b, a, a, s, lo, hi);
            free(lo);
            free(hi);
            mpz_clear(k);
            mpq_clears(below, above, NULL);
        } else if (mpz_cmp_ui(mpq_numref(quotient), SOLVE_MAX_COUNT - 1) >= 0) {
            rc = fail(error, error_size,
                      "the grid %s .. %s by %s has more than 2^62 values: take a larger --step",
                      a, b, s);
        } else {
            mpq_inits(grid->from, grid->to, grid->step, NULL);
            mpq_set(grid->from, from);
            mpq_set(grid->to, to);
            mpq_set(grid->step, step);
            grid->count = (unsigned long long)mpz_get_ui(mpq_numref(quotient)) + 1;
            grid->live = true;
        }
    }
    mpq_clear(quotient);
    free(a);
    free(b);
    free(s);
    return rc;
}

void solve_grid_value(mpq_t out, const solve_grid *grid, unsigned long long i)
{
    mpq_t offset;
    mpq_init(offset);
    mpz_set_ui(mpq_numref(offset), (unsigned long)i);
    mpq_mul(offset, offset, grid->step);
    mpq_add(out, grid->from, offset);
    mpq_clear(offset);
}

void solve_grid_clear(solve_grid *grid)
{
    if (grid && grid->live)
        mpq_clears(grid->from, grid->to, grid->step, NULL);
    if (grid)
        grid->live = false;
}

/* ---- Keys and defaults ---------------------------------------------------------------- */

static bool in_list(const char *word, size_t length, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == length && strncasecmp(word, *list, length) == 0)
            return true;
    return false;
}

solve_key_kind solve_key_kind_of(const char *path)
{
    /* SPEC §4: the section type decides for budget, actual, indexation, kpi, project and
     * tmt keys (their keys carry years or indicator ids); elsewhere the key's name, read
     * from the end of the path so that a section id such as staff.amount does not count. */
    static const char *const money[] = {"monthly_salary", "setup", "monthly_rent", "amount",
                                        "monthly", "state_cap", "reference_tmt", "pool",
                                        "allocation", "grant", "unit", NULL};
    static const char *const unit_ratio[] = {"state_share", "own_min_share", "min_score",
                                             "side_costs", NULL};
    static const char *const ratio[] = {"rate", "cap", "weight", NULL};
    static const char *const whole[] = {"clients", "persons", "top", "months", NULL};
    size_t first = strcspn(path, ".");
    if (in_list(path, first, (const char *const[]){"budget", "actual", NULL}))
        return SOLVE_KEY_MONEY;
    if (in_list(path, first, (const char *const[]){"indexation", NULL}))
        return SOLVE_KEY_RATIO;
    if (in_list(path, first, (const char *const[]){"kpi", "indicator", NULL}))
        return SOLVE_KEY_OTHER;
    bool project = in_list(path, first, (const char *const[]){"project", NULL});
    bool tmt = in_list(path, first, (const char *const[]){"tmt", NULL});
    const char *end = path + strlen(path);
    while (end > path + first) {
        const char *start = end;
        while (start > path && start[-1] != '.')
            start--;
        size_t length = (size_t)(end - start);
        if (!project && !tmt && length == 3 && strncasecmp(start, "fte", 3) == 0)
            return SOLVE_KEY_FTE;
        if (in_list(start, length, money))
            return SOLVE_KEY_MONEY;
        if (project)
            return SOLVE_KEY_OTHER;            /* an indicator value */
        if (in_list(start, length, whole))
            return SOLVE_KEY_WHOLE;
        if (tmt)
            return SOLVE_KEY_MONEY;            /* estimate, actual, target */
        if (in_list(start, length, unit_ratio))
            return SOLVE_KEY_UNIT_RATIO;
        if (in_list(start, length, ratio))
            return SOLVE_KEY_RATIO;
        end = start > path ? start - 1 : start;
    }
    return SOLVE_KEY_OTHER;
}

void solve_default_step(mpq_t out, solve_key_kind kind)
{
    switch (kind) {
    case SOLVE_KEY_FTE: mpq_set_ui(out, 1, 10); break;
    case SOLVE_KEY_RATIO:
    case SOLVE_KEY_UNIT_RATIO: mpq_set_ui(out, 1, 1000); break;
    case SOLVE_KEY_WHOLE: mpq_set_ui(out, 1, 1); break;
    default: mpq_set_ui(out, 1, 100); break;
    }
}

void solve_default_to(mpq_t out, solve_key_kind kind, const mpq_t current, const mpq_t from,
                      const mpq_t step)
{
    if (kind == SOLVE_KEY_UNIT_RATIO) {
        mpq_set_ui(out, 1, 1);                 /* SPEC §4: these ratios are at most 100 % */
    } else if (mpq_sgn(current) == 0) {
        mpq_set_ui(out, 1000, 1);
    } else {
        mpq_set_ui(out, 1000, 1);
        mpq_mul(out, out, current);
    }
    /* Down to the grid: A + S × ⌊(B − A) ÷ S⌋ (a B below A is left for the A > B error). */
    if (mpq_sgn(step) > 0 && mpq_cmp(out, from) >= 0) {
        mpq_t quotient;
        mpz_t k;
        mpq_init(quotient);
        mpz_init(k);
        mpq_sub(quotient, out, from);
        mpq_div(quotient, quotient, step);
        mpz_fdiv_q(k, mpq_numref(quotient), mpq_denref(quotient));
        mpq_set_z(quotient, k);
        mpq_mul(quotient, quotient, step);
        mpq_add(out, from, quotient);
        mpq_clear(quotient);
        mpz_clear(k);
    }
}

/* ---- The search ----------------------------------------------------------------------- */

typedef struct {
    solve_result *res;
    const solve_grid *grid;
    const solve_goal *goal;
    solve_probe_fn probe;
    void *context;
    size_t capacity;
    bool stopped;
} search;

/* The probe at index i: evaluated once, remembered. Returns its slot, or (size_t)-1 when
 * the search must stop. */
static size_t probe_at(search *se, unsigned long long i)
{
    solve_result *res = se->res;
    for (size_t k = 0; k < res->n_probes; k++)
        if (res->probes[k].index == i)
            return k;
    if (res->n_probes == se->capacity) {
        se->capacity = se->capacity ? 2 * se->capacity : 16;
        res->probes = xreallocarray(res->probes, se->capacity, sizeof *res->probes);
    }
    solve_point *point = &res->probes[res->n_probes];
    memset(point, 0, sizeof *point);
    point->index = i;
    mpq_init(point->metric);
    res->n_probes++;
    mpq_t value;
    mpq_init(value);
    solve_grid_value(value, se->grid, i);
    int rc = se->probe(se->context, i, value, point);
    mpq_clear(value);
    /* An undefined figure meets no goal. */
    point->holds = point->defined && solve_goal_holds(se->goal, point->metric);
    if (rc != 0) {
        se->stopped = true;
        return (size_t)-1;
    }
    return res->n_probes - 1;
}

static bool holds(search *se, unsigned long long i, bool *ok)
{
    size_t k = probe_at(se, i);
    if (k == (size_t)-1) {
        *ok = false;
        return false;
    }
    return se->res->probes[k].holds;
}

static int by_index(const void *a, const void *b)
{
    const solve_point *p = a, *q = b;
    return p->index < q->index ? -1 : p->index > q->index;
}

static const solve_point *find_probe(const solve_result *res, unsigned long long i)
{
    for (size_t k = 0; k < res->n_probes; k++)
        if (res->probes[k].index == i)
            return &res->probes[k];
    return NULL;
}

/* Monotone over the probes that define the metric, and its least and greatest value. */
static void summarise(solve_result *res)
{
    bool rises = false, falls = false;
    const solve_point *last = NULL;
    for (size_t k = 0; k < res->n_probes; k++) {
        const solve_point *p = &res->probes[k];
        if (!p->defined)
            continue;
        if (last) {
            int c = mpq_cmp(p->metric, last->metric);
            rises |= c > 0;
            falls |= c < 0;
        }
        if (!res->least || mpq_cmp(p->metric, res->least->metric) < 0)
            res->least = p;
        if (!res->greatest || mpq_cmp(p->metric, res->greatest->metric) > 0)
            res->greatest = p;
        last = p;
    }
    res->monotone = !(rises && falls);
}

void solve_search(solve_result *res, const solve_grid *grid, const solve_goal *goal,
                  bool maximise, solve_probe_fn probe, void *context)
{
    memset(res, 0, sizeof *res);
    res->maximise = maximise;
    search se = {.res = res, .grid = grid, .goal = goal, .probe = probe, .context = context};
    unsigned long long last = grid->count - 1;
    /* For --max the goal must hold at the low end and fail at the high end (else B is the
     * answer, or no value is); --min mirrors it. `inside` holds, `outside` fails. */
    unsigned long long toward = maximise ? last : 0, away = maximise ? 0 : last;
    unsigned long long answer = 0, neighbour = 0;
    bool has_neighbour = false, found = false, ok = true;
    if (holds(&se, toward, &ok)) {
        answer = toward;
        found = true;
    } else if (ok && holds(&se, away, &ok)) {
        unsigned long long inside = away, outside = toward;
        /* Invariant: the goal holds at inside and fails at outside, |inside − outside| ≥ 1. */
        while (ok && (inside > outside ? inside - outside : outside - inside) > 1) {
            unsigned long long lo = inside < outside ? inside : outside;
            unsigned long long hi = inside < outside ? outside : inside;
            unsigned long long mid = lo + (hi - lo) / 2;
            if (holds(&se, mid, &ok))
                inside = mid;
            else
                outside = mid;
        }
        answer = inside;
        neighbour = outside;
        has_neighbour = found = ok;
    }
    res->outcome = se.stopped ? SOLVE_STOPPED : found ? SOLVE_FOUND : SOLVE_NONE;
    qsort(res->probes, res->n_probes, sizeof *res->probes, by_index);
    if (res->outcome == SOLVE_FOUND) {
        res->answer = find_probe(res, answer);
        res->neighbour = has_neighbour ? find_probe(res, neighbour) : NULL;
    }
    summarise(res);
}

void solve_result_clear(solve_result *res)
{
    if (!res)
        return;
    for (size_t k = 0; k < res->n_probes; k++)
        mpq_clear(res->probes[k].metric);
    free(res->probes);
    memset(res, 0, sizeof *res);
}
