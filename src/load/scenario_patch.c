/* scenario_patch — a varied number key written into a loaded scenario (issue 13). */
#include "scenario_patch.h"
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

typedef enum {
    /* SPEC §4: "≥ 0" keys; the ratio kinds warn above 1 without % */
    RULE_NONNEGATIVE,
    RULE_UNIT_RATIO,    /* 0..100 % */
    RULE_POSITIVE,      /* bonus.unit > 0 */
} patch_rule;

typedef enum {
    T_STAFF, T_PREMISES, T_COST, T_FUNDING, T_REWARD, T_CRITERION, T_BONUS, T_PROJECT
} patch_table;

/* One patchable key: where it lives, how it parses, what it must satisfy. */
typedef struct {
    patch_table table;
    const char *key;
    number_kind kind;
    patch_rule rule;
} patch_key;

static const patch_key patch_keys[] = {
    { T_STAFF, "fte", NUMBER_PLAIN, RULE_NONNEGATIVE },
    { T_STAFF, "monthly_salary", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_STAFF, "side_costs", NUMBER_RATIO, RULE_UNIT_RATIO },   /* above 100 % an error */
    { T_PREMISES, "setup", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_PREMISES, "monthly_rent", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_COST, "amount", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_COST, "monthly", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_FUNDING, "state_share", NUMBER_RATIO, RULE_UNIT_RATIO },
    { T_FUNDING, "state_cap", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_FUNDING, "own_min_share", NUMBER_RATIO, RULE_UNIT_RATIO },
    { T_REWARD, "allocation", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_CRITERION, "amount", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_BONUS, "pool", NUMBER_MONEY, RULE_NONNEGATIVE },
    { T_BONUS, "rate", NUMBER_RATIO, RULE_NONNEGATIVE },
    { T_BONUS, "cap", NUMBER_RATIO, RULE_NONNEGATIVE },
    { T_BONUS, "min_score", NUMBER_RATIO, RULE_UNIT_RATIO },
    { T_BONUS, "unit", NUMBER_MONEY, RULE_POSITIVE },
    { T_PROJECT, "grant", NUMBER_MONEY, RULE_NONNEGATIVE },
};

static const char *const table_names[] = {
    [T_STAFF] = "staff", [T_PREMISES] = "premises", [T_COST] = "cost",
    [T_FUNDING] = "funding", [T_REWARD] = "reward", [T_CRITERION] = "reward",
    [T_BONUS] = "bonus", [T_PROJECT] = "project",
};

/* Tables of lines have a section per id ("staff.coaches"); the others are one section. */
static bool has_ids(patch_table t)
{
    return t == T_STAFF || t == T_PREMISES || t == T_COST || t == T_CRITERION || t == T_PROJECT;
}

struct scenario_patch {
    const patch_key *key;
    size_t index;            /* the line of a table with ids */
    bool fte;                /* an FTE of 0 goes to the loader (§5.5 caseload rule) */
    bool salary;             /* a salary near the compounding limit goes to the loader */
};

static int compare_input_path(const void *path, const void *entry)
{
    return strcmp(path, ((const input_entry *)entry)->path);
}

/* The line whose id is id in table t of s, or SIZE_MAX. The ids of staff, premises and
 * cost lines are their section names; criteria and projects drop the prefix. */
static size_t find_line(const scenario *s, patch_table t, const char *section, const char *id)
{
    switch (t) {
    case T_STAFF:
        for (size_t i = 0; i < s->n_staff; i++)
            if (strcmp(s->staff[i].id, section) == 0)
                return i;
        break;
    case T_PREMISES:
        for (size_t i = 0; i < s->n_premises; i++)
            if (strcmp(s->premises[i].id, section) == 0)
                return i;
        break;
    case T_COST:
        for (size_t i = 0; i < s->n_costs; i++)
            if (strcmp(s->costs[i].id, section) == 0)
                return i;
        break;
    case T_CRITERION:
        for (size_t i = 0; i < s->n_rewards; i++)
            if (strcmp(s->rewards[i].id, id) == 0)
                return i;
        break;
    case T_PROJECT:
        /* A CSV project of the same id has no INI keys: its path is not an input. */
        for (size_t i = 0; i < s->bonus.n_projects; i++)
            if (strcmp(s->bonus.projects[i].id, id) == 0)
                return i;
        break;
    default:
        break;
    }
    return SIZE_MAX;
}

scenario_patch *scenario_patch_new(const scenario *base, const char *path)
{
    /* The path as apply_set reads it: blanks trimmed, lower case. */
    while (*path == ' ' || *path == '\t')
        path++;
    char *lower = xstrdup(path);
    size_t n = strlen(lower);
    while (n > 0 && (lower[n - 1] == ' ' || lower[n - 1] == '\t'))
        lower[--n] = '\0';
    for (char *p = lower; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);

    scenario_patch *patch = NULL;
    /* Only a key the base already has: then every has_… flag stays as it is. Ids contain
     * no dot (SPEC §4), so "staff.coaches.fte" can only be [staff.coaches] fte. */
    if (bsearch(lower, base->inputs, base->n_inputs, sizeof *base->inputs,
                compare_input_path)) {
        char *first = strchr(lower, '.');
        char *last = strrchr(lower, '.');
        for (size_t i = 0; first && !patch && i < sizeof patch_keys / sizeof *patch_keys; i++) {
            const patch_key *k = &patch_keys[i];
            const char *table = table_names[k->table];
            bool ids = has_ids(k->table);
            if ((size_t)(first - lower) != strlen(table) || strncmp(lower, table, strlen(table)) != 0 ||
                strcmp(last + 1, k->key) != 0 || (ids ? first == last : first != last))
                continue;
            size_t index = 0;
            if (ids) {
                *last = '\0';   /* lower is now the section name, first + 1 the id */
                index = find_line(base, k->table, lower, first + 1);
                *last = '.';
                if (index == SIZE_MAX)
                    continue;
            }
            patch = xcalloc(1, sizeof *patch);
            patch->key = k;
            patch->index = index;
            patch->fte = k->table == T_STAFF && strcmp(k->key, "fte") == 0;
            patch->salary = k->table == T_STAFF && strcmp(k->key, "monthly_salary") == 0;
        }
    }
    free(lower);
    return patch;
}

/* The field the patch writes in s. */
static mpq_ptr target(const scenario_patch *p, scenario *s)
{
    const char *key = p->key->key;
    size_t i = p->index;
    switch (p->key->table) {
    case T_STAFF:
        return key[0] == 'f' ? s->staff[i].fte
             : key[0] == 'm' ? s->staff[i].monthly_salary : s->staff[i].side_costs;
    case T_PREMISES:
        return key[0] == 's' ? s->premises[i].setup : s->premises[i].monthly_rent;
    case T_COST:
        return key[0] == 'a' ? s->costs[i].amount : s->costs[i].monthly;
    case T_FUNDING:
        return strcmp(key, "state_share") == 0 ? s->funding.state_share
             : strcmp(key, "state_cap") == 0 ? s->funding.state_cap
             : s->funding.own_min_share;
    case T_REWARD:
        return s->allocation;
    case T_CRITERION:
        return s->rewards[i].amount;
    case T_BONUS:
        return strcmp(key, "pool") == 0 ? s->bonus.pool
             : strcmp(key, "rate") == 0 ? s->bonus.rate
             : strcmp(key, "cap") == 0 ? s->bonus.cap
             : strcmp(key, "min_score") == 0 ? s->bonus.min_score : s->bonus.unit;
    case T_PROJECT:
        return s->bonus.projects[i].grant;
    }
    return NULL;
}

/* scenario_limits.h: [indexation] raises must not take a salary beyond ±10^15 €. A
 * salary whose every positive raise compounded stays below 10^14 is far inside that
 * (the cent roundings of 600 steps add at most 6 €); anything nearer goes to the loader,
 * whose check gives the exact message. */
static bool salary_far_from_limit(const scenario *s, const mpq_t salary)
{
    mpq_t bound, factor;
    mpq_inits(bound, factor, NULL);
    mpq_set(bound, salary);
    for (size_t i = 0; i < s->n_indexation; i++)
        if (mpq_sgn(s->indexation[i].raise) > 0) {
            mpq_set_ui(factor, 1, 1);
            mpq_add(factor, factor, s->indexation[i].raise);
            mpq_mul(bound, bound, factor);
        }
    mpz_ui_pow_ui(mpq_numref(factor), 10, 14);
    mpz_set_ui(mpq_denref(factor), 1);
    bool far = mpq_cmp(bound, factor) < 0;
    mpq_clears(bound, factor, NULL);
    return far;
}

bool scenario_patch_apply(const scenario_patch *p, scenario *s, const char *value)
{
    mpq_t v;
    mpq_init(v);
    number_info info;
    const patch_key *k = p->key;
    /* The loader's rules (scenario_validate.c: parse_number, get_nonnegative,
     * get_unit_ratio, the bonus unit); anything it would say a word about is its call. */
    bool ok = number_parse(v, value, k->kind, &info) == NULL;
    if (ok && k->kind == NUMBER_RATIO && !info.percent && mpq_cmp_ui(v, 1, 1) > 0)
        ok = false;   /* the loader warns "a ratio of N %" */
    if (ok)
        switch (k->rule) {
        case RULE_NONNEGATIVE:
            ok = mpq_sgn(v) >= 0;
            break;
        case RULE_UNIT_RATIO:
            ok = mpq_sgn(v) >= 0 && mpq_cmp_ui(v, 1, 1) <= 0;
            break;
        case RULE_POSITIVE:
            ok = mpq_sgn(v) > 0;
            break;
        }
    if (ok && p->fte && mpq_sgn(v) == 0)
        ok = false;
    if (ok && p->salary && !salary_far_from_limit(s, v))
        ok = false;
    if (ok)
        mpq_swap(target(p, s), v);
    mpq_clear(v);
    return ok;
}

void scenario_patch_free(scenario_patch *p)
{
    free(p);
}

bool scenario_patch_enabled(void)
{
    const char *rebuild = getenv("TKK_SWEEP_REBUILD");
    return !(rebuild && rebuild[0] && strcmp(rebuild, "0") != 0);
}
