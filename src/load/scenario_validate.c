/* scenario_validate — INI sections to a typed scenario, every rule of SPEC §4. */
#include "scenario_validate.h"
#include "alloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "number_format.h"
#include "number.h"
#include "projects_csv.h"
#include "input_words.h"
#include "ledger_csv.h"
#include "scenario_validate_tmt.h"
#include "scenario_limits.h"
#include "suggest.h"
#include "years.h"

typedef struct {
    const ini_doc *doc;
    diag_list *diags;
    scenario *s;
    bool period_ok;          /* start and end parsed: months can be checked */
} checker;

static char *key_path(const ini_section *sec, const char *key)
{
    return xasprintf("%s.%s", sec->name, key);
}

TKK_PRINTF(5, 0)
static void key_report(checker *c, diag_severity severity, const ini_section *sec,
                       const ini_key *k, const char *fmt, va_list ap)
{
    char *path = key_path(sec, k->key);
    diag_vadd(c->diags, severity, k->file, k->line, 0, path, fmt, ap);
    free(path);
}

TKK_PRINTF(4, 5)
static void key_error(checker *c, const ini_section *sec, const ini_key *k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    key_report(c, DIAG_ERROR, sec, k, fmt, ap);
    va_end(ap);
}

TKK_PRINTF(4, 5)
static void key_warning(checker *c, const ini_section *sec, const ini_key *k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    key_report(c, DIAG_WARNING, sec, k, fmt, ap);
    va_end(ap);
}

TKK_PRINTF(3, 4)
static void section_error(checker *c, const ini_section *sec, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(c->diags, DIAG_ERROR, sec->file, sec->line, 0, sec->name, fmt, ap);
    va_end(ap);
}

/* SPEC §4: a missing required key is reported at its section's header line. */
static void missing_key(checker *c, const ini_section *sec, const char *key)
{
    char *path = key_path(sec, key);
    diag_error(c->diags, sec->file, sec->line, path,
               "missing required key '%s': add '%s = …' under [%s]", key, key, sec->name);
    free(path);
}

/* ---- keys of a section ----------------------------------------------------------- */

static bool in_list(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(word, *list) == 0)
            return true;
    return false;
}

/* SPEC §7.2: keys that may also be given per year as KEY.YYYY. */
static const char *const yearly_keys[] = { "clients", "reference_tmt", "actual", "target", NULL };

/* The year of a key BASE.YYYY (clients.2023), or 0 when key is not one. */
static int year_of_key(const char *key, const char *base)
{
    size_t len = strlen(base);
    if (strncmp(key, base, len) != 0 || key[len] != '.' || strlen(key + len + 1) != 4)
        return 0;
    for (size_t d = len + 1; key[d]; d++)
        if (!isdigit((unsigned char)key[d]))
            return 0;
    return atoi(key + len + 1);
}

/* Whether key is BASE.YYYY for a yearly BASE that the section allows. */
static bool is_year_key(const char *key, const char *const *allowed)
{
    for (const char *const *base = yearly_keys; *base; base++)
        if (in_list(*base, allowed) && year_of_key(key, *base))
            return true;
    return false;
}

/* Reports every key of sec that is not in allowed (`remove` is allowed everywhere:
 * it is how a child drops an inherited section). */
static void check_known_keys(checker *c, const ini_section *sec, const char *const *allowed)
{
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        if (in_list(k->key, allowed) || strcmp(k->key, "remove") == 0 ||
            is_year_key(k->key, allowed))
            continue;
        const char *guess = suggest_closest(k->key, allowed);
        if (guess)
            key_error(c, sec, k, "unknown key '%s' in [%s]; did you mean '%s'?", k->key,
                      sec->name, guess);
        else
            key_error(c, sec, k, "unknown key '%s' in [%s]", k->key, sec->name);
    }
}

static const ini_key *find(const ini_section *sec, const char *key)
{
    return sec ? ini_section_find(sec, key) : NULL;
}

static const char *const ratio_keys_hint =
    "'%' is for ratio keys (side_costs, state_share, own_min_share, weight, rate, cap, "
    "min_score, [indexation])";

/* Parses k's value as a number of the given kind; reports and returns false on error. */
static bool parse_number(checker *c, const ini_section *sec, const ini_key *k, number_kind kind,
                         mpq_t out)
{
    number_info info;
    const char *err = number_parse(out, k->value, kind, &info);
    if (err) {
        char *shown = diag_excerpt(k->value);
        if (kind != NUMBER_RATIO && kind != NUMBER_MEASURE && strchr(k->value, '%'))
            key_error(c, sec, k, "'%s' is not a valid value here: %s", shown, ratio_keys_hint);
        else
            key_error(c, sec, k, "'%s' is not a valid number: %s", shown, err);
        free(shown);
        return false;
    }
    if (kind == NUMBER_RATIO && !info.percent && mpq_cmp_ui(out, 1, 1) > 0) {
        mpq_t pct;
        mpq_init(pct);
        mpq_set_ui(pct, 100, 1);
        mpq_mul(pct, pct, out);
        char *shown = decimal_format(pct, 6, LANG_FI);
        key_warning(c, sec, k, "'%s' is a ratio of %s %%; if you meant %s percent, write '%s %%'",
                    k->value, shown, k->value, k->value);
        free(shown);
        mpq_clear(pct);
    }
    return true;
}

/* An optional number key; *present tells whether it was given and parsed. */
static bool get_number(checker *c, const ini_section *sec, const char *key, number_kind kind,
                       mpq_t out, bool *present)
{
    const ini_key *k = find(sec, key);
    if (present)
        *present = false;
    if (!k)
        return true;
    if (!parse_number(c, sec, k, kind, out))
        return false;
    if (present)
        *present = true;
    return true;
}

/* A number ≥ 0 (amounts, FTE, weights, indicator values). */
static bool get_nonnegative(checker *c, const ini_section *sec, const char *key, number_kind kind,
                            mpq_t out, bool *present, bool required)
{
    bool given = false;
    if (!get_number(c, sec, key, kind, out, &given))
        return false;
    if (present)
        *present = given;
    if (!given) {
        if (required && !find(sec, key))
            missing_key(c, sec, key);
        return !required;
    }
    if (mpq_sgn(out) < 0) {
        key_error(c, sec, find(sec, key), "'%s' is negative: %s must be 0 or more", find(sec, key)->value, key);
        return false;
    }
    return true;
}

/* A ratio in 0..1 (state_share, own_min_share, min_score). */
static bool get_unit_ratio(checker *c, const ini_section *sec, const char *key, mpq_t out,
                           bool *present)
{
    bool given = false;
    if (!get_number(c, sec, key, NUMBER_RATIO, out, &given))
        return false;
    if (present)
        *present = given;
    if (given && (mpq_sgn(out) < 0 || mpq_cmp_ui(out, 1, 1) > 0)) {
        const ini_key *k = find(sec, key);
        key_error(c, sec, k, "'%s' is outside 0..100 %%: %s must be between 0 %% and 100 %%",
                  k->value, key);
        return false;
    }
    return true;
}

/* A whole number ≥ min, as mpz (clients, persons, top). */
static bool get_whole(checker *c, const ini_section *sec, const char *key, unsigned long min,
                      mpz_t out, bool *present)
{
    const ini_key *k = find(sec, key);
    if (present)
        *present = false;
    if (!k)
        return true;
    mpq_t v;
    mpq_init(v);
    bool ok = parse_number(c, sec, k, NUMBER_PLAIN, v);
    if (ok && (!number_is_whole(v) || mpq_cmp_ui(v, min, 1) < 0)) {
        key_error(c, sec, k, "'%s' is not a whole number of at least %lu", k->value, min);
        ok = false;
    }
    if (ok) {
        mpz_set(out, mpq_numref(v));
        if (present)
            *present = true;
    }
    mpq_clear(v);
    return ok;
}

static bool get_bool(checker *c, const ini_section *sec, const char *key, bool fallback, bool *out)
{
    const ini_key *k = find(sec, key);
    *out = fallback;
    if (!k)
        return true;
    /* SPEC §7.3: kyllä / ei as well as yes / no. */
    if (!input_bool(k->value, out)) {
        *out = fallback;
        key_error(c, sec, k, "'%s' is not yes or no (kyllä or ei)", k->value);
        return false;
    }
    return true;
}

/* One of words (case-insensitive); *out is the index. */
static bool get_enum(checker *c, const ini_section *sec, const char *key, const char *const *words,
                     int fallback, int *out)
{
    const ini_key *k = find(sec, key);
    *out = fallback;
    if (!k)
        return true;
    for (int i = 0; words[i]; i++) {
        if (strcasecmp(k->value, words[i]) == 0) {
            *out = i;
            return true;
        }
    }
    char choices[256] = "";
    for (int i = 0; words[i]; i++) {
        if (i)
            strncat(choices, " | ", sizeof choices - strlen(choices) - 1);
        strncat(choices, words[i], sizeof choices - strlen(choices) - 1);
    }
    key_error(c, sec, k, "'%s' is not one of: %s", k->value, choices);
    return false;
}

static const char *get_text(const ini_section *sec, const char *key)
{
    const ini_key *k = find(sec, key);
    return k ? k->value : NULL;
}

static char *dup_text(const ini_section *sec, const char *key)
{
    const char *text = get_text(sec, key);
    return text ? xstrdup(text) : NULL;
}

/* A month key: "YYYY-MM", inside the scenario's period. */
static bool get_month(checker *c, const ini_section *sec, const char *key, month_t fallback,
                      month_t *out)
{
    const ini_key *k = find(sec, key);
    *out = fallback;
    if (!k)
        return true;
    if (!month_parse(k->value, out)) {
        key_error(c, sec, k, "'%s' is not a month: write YYYY-MM, e.g. 2021-03", k->value);
        return false;
    }
    if (c->period_ok && (*out < c->s->start || *out > c->s->end)) {
        char a[8], b[8];
        month_format(c->s->start, a);
        month_format(c->s->end, b);
        key_error(c, sec, k, "%s is outside the scenario's period %s..%s", k->value, a, b);
        return false;
    }
    return true;
}

/* A line's start and end: default the scenario's; end not before start. */
static bool get_period(checker *c, const ini_section *sec, month_t *start, month_t *end)
{
    bool ok = get_month(c, sec, "start", c->s->start, start);
    ok &= get_month(c, sec, "end", c->s->end, end);
    /* Defaults come from the period, so a line ends before it starts only through a key
     * it gave; without a valid period, only two given keys can be compared. */
    const ini_key *given_end = find(sec, "end"), *given_start = find(sec, "start");
    bool comparable = c->period_ok || (given_end && given_start);
    if (ok && comparable && *end < *start) {
        char a[8], b[8];
        month_format(*start, a);
        month_format(*end, b);
        key_error(c, sec, given_end ? given_end : given_start, "end %s is before start %s", b, a);
        return false;
    }
    return ok;
}

static bool valid_id(const char *id)
{
    if (!*id)
        return false;
    for (; *id; id++)
        if (!(islower((unsigned char)*id) || isdigit((unsigned char)*id) || *id == '_' || *id == '-'))
            return false;
    return true;
}

/* SPEC §7.2: every per-year key names a year of the period, else an error at its line. */
static bool year_in_period(checker *c, const ini_section *sec, const ini_key *k, int year)
{
    if (!c->period_ok)
        return false;   /* the period's own error is reported */
    int first = c->s->first_year, last = first + c->s->n_years - 1;
    if (year >= first && year <= last)
        return true;
    key_error(c, sec, k, "year %d is outside the scenario's period (%d..%d)", year, first, last);
    return false;
}

/* Every BASE.YYYY key of sec as a number of `kind` (≥ 0; whole with `whole`), appended
 * to a list sorted by year. */
static year_value *get_year_values(checker *c, const ini_section *sec, const char *base,
                                   number_kind kind, bool whole, size_t *n)
{
    year_value *list = xcalloc(sec->n_keys, sizeof *list);
    *n = 0;
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        int year = year_of_key(k->key, base);
        if (!year)
            continue;
        year_value *v = &list[*n];
        mpq_init(v->value);
        bool given = false;
        if (whole) {
            mpz_t number;
            mpz_init(number);
            get_whole(c, sec, k->key, 0, number, &given);
            mpq_set_z(v->value, number);
            mpz_clear(number);
        } else {
            get_nonnegative(c, sec, k->key, kind, v->value, &given, false);
        }
        if (!given || !year_in_period(c, sec, k, year)) {
            mpq_clear(v->value);
            continue;
        }
        v->year = year;
        (*n)++;
    }
    year_values_sort(list, *n);
    return list;
}

/* ---- [scenario] ------------------------------------------------------------------ */

static const char *const scenario_keys[] = {
    "id", "name", "description", "area", "start", "end", "date", "prepared_by",
    "language", "rounding", "clients", "extends", "appendix", NULL
};

static void check_scenario(checker *c, const ini_section *sec)
{
    scenario *s = c->s;
    check_known_keys(c, sec, scenario_keys);
    static const char *const required[] = { "id", "name", "start", "end" };
    for (size_t i = 0; i < ARRAY_SIZE(required); i++)
        if (!find(sec, required[i]))
            missing_key(c, sec, required[i]);

    const ini_key *id = find(sec, "id");
    if (id) {
        if (!valid_id(id->value))
            key_error(c, sec, id, "'%s' is not a valid id: use a-z, 0-9, '_' and '-' (it names the output file)", id->value);
        else
            s->id = xstrdup(id->value);
    }
    s->name = dup_text(sec, "name");
    s->description = dup_text(sec, "description");
    s->area = dup_text(sec, "area");
    s->prepared_by = dup_text(sec, "prepared_by");
    s->appendix = dup_text(sec, "appendix");   /* SPEC §7.1: heading on every page */

    const ini_key *start = find(sec, "start"), *end = find(sec, "end");
    bool ok = start && end;
    if (start && !month_parse(start->value, &s->start)) {
        key_error(c, sec, start, "'%s' is not a month: write YYYY-MM, e.g. 2021-03", start->value);
        ok = false;
    }
    if (end && !month_parse(end->value, &s->end)) {
        key_error(c, sec, end, "'%s' is not a month: write YYYY-MM, e.g. 2021-12", end->value);
        ok = false;
    }
    if (ok && s->end < s->start) {
        key_error(c, sec, end, "end %s is before start %s", end->value, start->value);
        ok = false;
    }
    if (ok && s->end - s->start > SCENARIO_MAX_MONTHS - 1) {
        key_error(c, sec, end, "the period is longer than 600 months after start");
        ok = false;
    }
    if (ok) {
        c->period_ok = true;
        s->n_months = s->end - s->start + 1;
        s->first_year = month_year(s->start);
        s->n_years = month_year(s->end) - s->first_year + 1;
    }

    const ini_key *date = find(sec, "date");
    if (date) {
        if (date_parse(date->value, &s->date_year, &s->date_month, &s->date_day))
            s->has_date = true;
        else
            key_error(c, sec, date, "'%s' is not a date: write YYYY-MM-DD, e.g. 2022-03-31", date->value);
    }
    static const char *const languages[] = { "fi", "en", NULL };
    static const char *const roundings[] = { "half-up", "half-even", NULL };
    int choice;
    if (get_enum(c, sec, "language", languages, 0, &choice)) {
        s->lang = choice == 1 ? LANG_EN : LANG_FI;
        s->has_language = find(sec, "language") != NULL;
    }
    if (get_enum(c, sec, "rounding", roundings, 0, &choice))
        s->rounding = choice == 1 ? ROUND_HALF_EVEN : ROUND_HALF_UP;
    get_whole(c, sec, "clients", 0, s->clients, &s->has_clients);
    s->clients_years = get_year_values(c, sec, "clients", NUMBER_PLAIN, true, &s->n_clients_years);
}

/* ---- [indexation] ---------------------------------------------------------------- */

static int compare_steps(const void *a, const void *b)
{
    const indexation_step *x = a, *y = b;
    return (x->month > y->month) - (x->month < y->month);
}

static void check_indexation(checker *c, const ini_section *sec)
{
    scenario *s = c->s;
    s->indexation = xcalloc(sec->n_keys, sizeof *s->indexation);
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        if (strcmp(k->key, "remove") == 0)
            continue;
        month_t month;
        if (!month_parse(k->key, &month)) {
            key_error(c, sec, k, "'%s' is not a month: [indexation] keys are months, e.g. 2022-06 = 2,0 %%", k->key);
            continue;
        }
        if (c->period_ok && (month < s->start || month > s->end)) {
            char a[8], b[8];
            month_format(s->start, a);
            month_format(s->end, b);
            key_error(c, sec, k, "%s is outside the scenario's period %s..%s", k->key, a, b);
            continue;
        }
        indexation_step *step = &s->indexation[s->n_indexation];
        mpq_init(step->raise);
        if (!parse_number(c, sec, k, NUMBER_RATIO, step->raise)) {
            mpq_clear(step->raise);
            continue;
        }
        if (mpq_cmp_si(step->raise, -1, 1) <= 0) {
            key_error(c, sec, k, "a raise of '%s' is not above -100 %%", k->value);
            mpq_clear(step->raise);
            continue;
        }
        step->month = month;
        s->n_indexation++;
    }
    qsort(s->indexation, s->n_indexation, sizeof *s->indexation, compare_steps);
}

/* ---- cost lines ------------------------------------------------------------------- */

static const char *const staff_keys[] = {
    "role", "fte", "monthly_salary", "side_costs", "payer", "coach", "eligible", "start", "end", NULL
};
static const char payer_choices[] = "municipality | state (kunta | valtio)";

static void check_staff(checker *c, const ini_section *sec, staff_line *l)
{
    check_known_keys(c, sec, staff_keys);
    l->id = xstrdup(sec->name);
    mpq_inits(l->fte, l->monthly_salary, l->side_costs, NULL);
    if (!find(sec, "role"))
        missing_key(c, sec, "role");
    l->role = dup_text(sec, "role");
    get_nonnegative(c, sec, "fte", NUMBER_PLAIN, l->fte, NULL, true);
    get_nonnegative(c, sec, "monthly_salary", NUMBER_MONEY, l->monthly_salary, NULL, true);
    bool has_side_costs = false;
    if (get_nonnegative(c, sec, "side_costs", NUMBER_RATIO, l->side_costs, &has_side_costs, false) &&
        has_side_costs && mpq_cmp_ui(l->side_costs, 1, 1) > 0)
        /* SPEC §4, §7.3: no employer's side costs reach 100 %, so this is a typo however written. */
        key_error(c, sec, find(sec, "side_costs"),
                  "'%s' is above 100 %%: side_costs is the employer's costs on top of salary "
                  "(typically 20-30 %%), e.g. side_costs = 23,4 %%", find(sec, "side_costs")->value);
    const ini_key *payer_key = find(sec, "payer");
    l->payer = PAYER_MUNICIPALITY;
    if (payer_key && !input_payer(payer_key->value, &l->payer))   /* SPEC §7.3: kunta | valtio */
        key_error(c, sec, payer_key, "'%s' is not one of: %s", payer_key->value, payer_choices);
    get_bool(c, sec, "coach", false, &l->coach);
    get_bool(c, sec, "eligible", true, &l->eligible);
    get_period(c, sec, &l->start, &l->end);
}

static const char *const premises_keys[] = {
    "setup", "setup_month", "monthly_rent", "start", "end", "eligible", NULL
};

static void check_premises(checker *c, const ini_section *sec, premises_line *l)
{
    check_known_keys(c, sec, premises_keys);
    l->id = xstrdup(sec->name);
    mpq_inits(l->setup, l->monthly_rent, NULL);
    get_nonnegative(c, sec, "setup", NUMBER_MONEY, l->setup, NULL, false);
    get_nonnegative(c, sec, "monthly_rent", NUMBER_MONEY, l->monthly_rent, NULL, false);
    get_bool(c, sec, "eligible", true, &l->eligible);
    if (get_period(c, sec, &l->start, &l->end))
        get_month(c, sec, "setup_month", l->start, &l->setup_month);
}

static const char *const cost_keys[] = {
    "category", "amount", "month", "monthly", "start", "end", "eligible", NULL
};
static const char *const categories[] = { "personnel", "premises", "other", NULL };
static const char category_choices[] =
    "personnel | premises | other (henkilöstö | toimitilat | muut)";

static void check_cost(checker *c, const ini_section *sec, cost_line *l)
{
    check_known_keys(c, sec, cost_keys);
    l->id = xstrdup(sec->name);
    mpq_inits(l->amount, l->monthly, NULL);
    const ini_key *category_key = find(sec, "category");
    int category = category_key ? input_category(category_key->value, strlen(category_key->value)) : CAT_OTHER;
    if (category < 0) {   /* SPEC §7.3: henkilöstö | toimitilat | muut as well */
        key_error(c, sec, category_key, "'%s' is not one of: %s", category_key->value, category_choices);
        category = CAT_OTHER;
    }
    l->category = (cost_category)category;
    get_nonnegative(c, sec, "amount", NUMBER_MONEY, l->amount, &l->has_amount, false);
    get_nonnegative(c, sec, "monthly", NUMBER_MONEY, l->monthly, &l->has_monthly, false);
    if (!find(sec, "amount") && !find(sec, "monthly"))
        section_error(c, sec, "a cost line needs 'amount' (one-time) or 'monthly' (recurring), or both");
    get_bool(c, sec, "eligible", true, &l->eligible);
    if (get_period(c, sec, &l->start, &l->end))
        get_month(c, sec, "month", l->start, &l->month);
}

/* ---- [budget] and [actual] -------------------------------------------------------- */

static year_amounts *new_years(int n_years)
{
    year_amounts *years = xcalloc((size_t)n_years, sizeof *years);
    for (int y = 0; y < n_years; y++) {
        mpq_init(years[y].total);
        for (int cat = 0; cat < CAT_COUNT; cat++)
            mpq_init(years[y].category[cat]);
    }
    return years;
}

/* Keys "2021" (the year's total) and "personnel.2021" (a category's). */
static void check_year_amounts(checker *c, const ini_section *sec, year_amounts *years)
{
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        if (strcmp(k->key, "remove") == 0 ||
            (strcmp(sec->name, "actual") == 0 && strcmp(k->key, "ledger") == 0))
            continue;   /* ledger: SPEC §7.3, read by ledger_load() */
        const char *dot = strchr(k->key, '.');
        const char *year_text = dot ? dot + 1 : k->key;
        int category = CAT_COUNT;
        if (dot) {
            size_t len = (size_t)(dot - k->key);
            category = input_category(k->key, len);
            if (category < 0) {
                char *prefix = xstrndup(k->key, len);
                const char *guess = suggest_closest(prefix, categories);
                if (guess)
                    key_error(c, sec, k, "unknown category '%s'; did you mean '%s'?", prefix, guess);
                else
                    key_error(c, sec, k, "unknown category '%s': use %s", prefix, category_choices);
                free(prefix);
                continue;
            }
        }
        bool year_ok = strlen(year_text) == 4;
        for (int d = 0; d < 4 && year_ok; d++)
            year_ok = isdigit((unsigned char)year_text[d]);
        if (!year_ok) {
            key_error(c, sec, k, "unknown key '%s': [%s] keys are a year (2021) or category.year (personnel.2021)",
                      k->key, sec->name);
            continue;
        }
        int year = atoi(year_text);
        mpq_t amount;
        mpq_init(amount);
        if (parse_number(c, sec, k, NUMBER_MONEY, amount)) {
            if (mpq_sgn(amount) < 0)
                key_error(c, sec, k, "'%s' is negative: amounts must be 0 or more", k->value);
            else if (!c->period_ok)
                ;   /* the period's own error is reported */
            else if (year < c->s->first_year || year >= c->s->first_year + c->s->n_years)
                key_error(c, sec, k, "year %d is outside the scenario's period (%d..%d)", year,
                          c->s->first_year, c->s->first_year + c->s->n_years - 1);
            else {
                year_amounts *y = &years[year - c->s->first_year];
                if (category == CAT_COUNT) {
                    y->has_total = true;
                    mpq_set(y->total, amount);
                } else {
                    y->has_category[category] = true;
                    mpq_set(y->category[category], amount);
                }
            }
        }
        mpq_clear(amount);
    }
    if (!c->period_ok)
        return;
    /* SPEC §4: with the total and all three categories given, they must add up. */
    for (int y = 0; y < c->s->n_years; y++) {
        year_amounts *ya = &years[y];
        if (!ya->has_total || !ya->has_category[0] || !ya->has_category[1] || !ya->has_category[2])
            continue;
        mpq_t sum;
        mpq_init(sum);
        for (int cat = 0; cat < CAT_COUNT; cat++)
            mpq_add(sum, sum, ya->category[cat]);
        if (!mpq_equal(sum, ya->total)) {
            char key[16];
            snprintf(key, sizeof key, "%d", c->s->first_year + y);
            char *total = money_format(ya->total, LANG_FI), *parts = money_format(sum, LANG_FI);
            key_error(c, sec, find(sec, key),
                      "the categories of %s add up to %s, not the total %s: correct one of them",
                      key, parts, total);
            free(total);
            free(parts);
        }
        mpq_clear(sum);
    }
}

/* ---- [funding] ------------------------------------------------------------------- */

static const char *const funding_keys[] = {
    "state_share", "state_cap", "reference_tmt", "own_min_share", NULL
};

static void check_funding(checker *c, const ini_section *sec)
{
    funding_params *f = &c->s->funding;
    check_known_keys(c, sec, funding_keys);
    get_unit_ratio(c, sec, "state_share", f->state_share, NULL);
    get_nonnegative(c, sec, "state_cap", NUMBER_MONEY, f->state_cap, &f->has_state_cap, false);
    get_nonnegative(c, sec, "reference_tmt", NUMBER_MONEY, f->reference_tmt, &f->has_reference_tmt, false);
    get_unit_ratio(c, sec, "own_min_share", f->own_min_share, &f->has_own_min_share);
    year_values_free(f->reference_tmt_years, f->n_reference_tmt_years);   /* a repeated [funding] */
    f->reference_tmt_years = get_year_values(c, sec, "reference_tmt", NUMBER_MONEY, false,
                                             &f->n_reference_tmt_years);
}

/* ---- [kpi.*] ---------------------------------------------------------------------- */

static const char *const kpi_keys[] = { "label", "actual", "computed", "target", NULL };

/* A target "OP NUMBER" (SPEC §4): false after reporting a bad one. */
static bool parse_target(checker *c, const ini_section *sec, const ini_key *target,
                         kpi_operator *op, mpq_t number)
{
    const char *t = target->value;
    while (*t == ' ')
        t++;
    size_t op_len;   /* SPEC §7.3: ≤ and ≥ as well */
    if (!input_kpi_operator(t, op, &op_len)) {
        key_error(c, sec, target, "'%s' needs an operator before the number: <, <=, >, >=, =, ≤ or ≥, e.g. '< 140'",
                  target->value);
        return false;
    }
    number_info info;
    const char *err = number_parse(number, t + op_len, NUMBER_MEASURE, &info);
    if (err) {
        key_error(c, sec, target, "'%s' is not a valid target: %s", target->value, err);
        return false;
    }
    return true;
}

/* The KPI's entry for year, appended when new (capacity: the section's key count). */
static kpi_year *kpi_year_of(kpi *kp, int year)
{
    for (size_t i = 0; i < kp->n_years; i++)
        if (kp->years[i].year == year)
            return &kp->years[i];
    kpi_year *y = &kp->years[kp->n_years++];
    y->year = year;
    mpq_inits(y->actual, y->target, NULL);
    return y;
}

/* SPEC §7.2: actual.YYYY and target.YYYY; actual.YYYY on a computed KPI is an error
 * (the caseload of a year comes from clients.YYYY). */
static void check_kpi_years(checker *c, const ini_section *sec, kpi *kp, bool computed)
{
    kp->years = xcalloc(sec->n_keys, sizeof *kp->years);
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        int actual_year = year_of_key(k->key, "actual"), target_year = year_of_key(k->key, "target");
        int year = actual_year ? actual_year : target_year;
        if (!year)
            continue;
        if (actual_year && computed) {
            key_error(c, sec, k, "a computed KPI takes no '%s': its actual for %d is clients.%d "
                      "in [scenario] divided by the coach FTE", k->key, year, year);
            continue;
        }
        mpq_t number;
        mpq_init(number);
        kpi_operator op = KPI_LT;
        bool ok = actual_year ? parse_number(c, sec, k, NUMBER_MEASURE, number)
                              : parse_target(c, sec, k, &op, number);
        if (ok && year_in_period(c, sec, k, year)) {
            kpi_year *y = kpi_year_of(kp, year);
            if (actual_year) {
                y->has_actual = true;
                mpq_set(y->actual, number);
            } else {
                y->has_target = true;
                y->op = op;
                mpq_set(y->target, number);
            }
        }
        mpq_clear(number);
    }
    kpi_years_sort(kp->years, kp->n_years);
}

/* Whether [scenario] gives clients, plainly or for some year (parsed or not: a bad value
 * has its own error). */
static bool scenario_gives_clients(const checker *c)
{
    if (c->s->has_clients || c->s->n_clients_years > 0)
        return true;
    const ini_section *sec = ini_doc_find(c->doc, "scenario");
    if (!sec)
        return false;
    for (size_t i = 0; i < sec->n_keys; i++)
        if (strcmp(sec->keys[i].key, "clients") == 0 || year_of_key(sec->keys[i].key, "clients"))
            return true;
    return false;
}

static void check_kpi(checker *c, const ini_section *sec, kpi *kp)
{
    check_known_keys(c, sec, kpi_keys);
    kp->id = xstrdup(sec->name + strlen("kpi."));
    kp->label = dup_text(sec, "label");
    mpq_inits(kp->actual, kp->target, NULL);
    const ini_key *actual = find(sec, "actual"), *computed = find(sec, "computed");
    bool yearly_actual = false;
    for (size_t i = 0; i < sec->n_keys; i++)
        yearly_actual |= year_of_key(sec->keys[i].key, "actual") != 0;
    if (actual && computed)
        key_error(c, sec, computed, "give either 'actual' or 'computed', not both");
    else if (computed) {
        if (strcasecmp(computed->value, "caseload") != 0)
            key_error(c, sec, computed, "'%s' is not something tkk computes: the one choice is 'caseload'",
                      computed->value);
        else if (!scenario_gives_clients(c))
            key_error(c, sec, computed, "computed = caseload needs 'clients' (or clients.YYYY) in [scenario]");
        else
            kp->computed_caseload = true;
    } else if (actual)
        kp->has_actual = parse_number(c, sec, actual, NUMBER_MEASURE, kp->actual);
    else if (!yearly_actual)
        section_error(c, sec, "a KPI needs 'actual', 'actual.YYYY' or 'computed = caseload'");
    check_kpi_years(c, sec, kp, computed != NULL);

    const ini_key *target = find(sec, "target");
    if (target)
        kp->has_target = parse_target(c, sec, target, &kp->op, kp->target);
}

/* ---- rewards ---------------------------------------------------------------------- */

static const char *const reward_keys[] = { "allocation", NULL };
static const char *const criterion_keys[] = { "label", "amount", "persons", NULL };

static void check_reward(checker *c, const ini_section *sec)
{
    check_known_keys(c, sec, reward_keys);
    get_nonnegative(c, sec, "allocation", NUMBER_MONEY, c->s->allocation, &c->s->has_allocation, false);
}

static void check_criterion(checker *c, const ini_section *sec, reward_criterion *r)
{
    check_known_keys(c, sec, criterion_keys);
    r->id = xstrdup(sec->name + strlen("reward."));
    r->label = dup_text(sec, "label");
    mpq_init(r->amount);
    get_nonnegative(c, sec, "amount", NUMBER_MONEY, r->amount, NULL, true);
    mpz_t persons;
    mpz_init(persons);
    bool given = false;
    if (!find(sec, "persons"))
        missing_key(c, sec, "persons");
    else if (get_whole(c, sec, "persons", 0, persons, &given) && given) {
        if (mpz_fits_ulong_p(persons))
            r->persons = mpz_get_ui(persons);
        else
            key_error(c, sec, find(sec, "persons"), "'%s' persons is more than tkk can count",
                      find(sec, "persons")->value);
    }
    mpz_clear(persons);
}

/* ---- the bonus -------------------------------------------------------------------- */

static const char *const bonus_keys[] = {
    "pool", "method", "rate", "cap", "min_score", "top", "unit", "projects", NULL
};
static const char *const indicator_keys[] = { "label", "weight", "normalize", NULL };

static void check_bonus(checker *c, const ini_section *sec)
{
    bonus_input *b = &c->s->bonus;
    check_known_keys(c, sec, bonus_keys);
    get_nonnegative(c, sec, "pool", NUMBER_MONEY, b->pool, NULL, true);
    static const char *const methods[] = { "share", "grant-weighted", "grant-rate", NULL };
    int method;
    get_enum(c, sec, "method", methods, BONUS_SHARE, &method);
    b->method = (bonus_method)method;
    bool has_rate = false;
    get_nonnegative(c, sec, "rate", NUMBER_RATIO, b->rate, &has_rate, false);
    if (b->method == BONUS_GRANT_RATE && !find(sec, "rate"))
        missing_key(c, sec, "rate");
    get_nonnegative(c, sec, "cap", NUMBER_RATIO, b->cap, &b->has_cap, false);
    get_unit_ratio(c, sec, "min_score", b->min_score, &b->has_min_score);
    mpz_t top;
    mpz_init(top);
    bool has_top = false;
    if (get_whole(c, sec, "top", 1, top, &has_top) && has_top) {
        if (mpz_fits_ulong_p(top))
            b->top = mpz_get_ui(top);
        else
            b->top = (unsigned long)-1;   /* more than any project count: no limit in effect */
    }
    mpz_clear(top);
    bool has_unit = false;
    mpq_t unit;
    mpq_init(unit);
    if (get_number(c, sec, "unit", NUMBER_MONEY, unit, &has_unit) && has_unit) {
        if (mpq_sgn(unit) <= 0)
            key_error(c, sec, find(sec, "unit"), "unit '%s' must be more than 0, e.g. 0,01 or 500",
                      find(sec, "unit")->value);
        else
            mpq_set(b->unit, unit);
    }
    mpq_clear(unit);
}

static void check_indicator(checker *c, const ini_section *sec, bonus_indicator *ind)
{
    check_known_keys(c, sec, indicator_keys);
    ind->id = xstrdup(sec->name + strlen("indicator."));
    ind->label = dup_text(sec, "label");
    mpq_init(ind->weight);
    get_nonnegative(c, sec, "weight", NUMBER_RATIO, ind->weight, NULL, true);
    static const char *const methods[] = { "max", "share", "minmax", "rank", NULL };
    int method;
    get_enum(c, sec, "normalize", methods, NORMALIZE_MAX, &method);
    ind->normalize = (normalize_method)method;
}

static void check_project(checker *c, const ini_section *sec, bonus_project *p,
                          const char *const *allowed)
{
    const bonus_input *b = &c->s->bonus;
    check_known_keys(c, sec, allowed);
    p->id = xstrdup(sec->name + strlen("project."));
    if (!find(sec, "name"))
        missing_key(c, sec, "name");
    p->name = dup_text(sec, "name");
    mpq_init(p->grant);
    get_nonnegative(c, sec, "grant", NUMBER_MONEY, p->grant, NULL, true);
    p->values = xcalloc(b->n_indicators, sizeof *p->values);
    for (size_t k = 0; k < b->n_indicators; k++) {
        mpq_init(p->values[k]);
        get_nonnegative(c, sec, b->indicators[k].id, NUMBER_MEASURE, p->values[k], NULL, true);
    }
}

static bool has_prefix(const char *name, const char *prefix)
{
    return strncmp(name, prefix, strlen(prefix)) == 0;
}

static size_t count_prefix(const ini_doc *doc, const char *prefix)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_sections; i++)
        n += !doc->sections[i].removed && has_prefix(doc->sections[i].name, prefix);
    return n;
}

/* Indicators, then projects (which need the indicator ids), then the bonus-wide rules. */
static void check_bonus_sections(checker *c)
{
    const ini_doc *doc = c->doc;
    const ini_section *bonus_sec = ini_doc_find(doc, "bonus");
    if (bonus_sec && bonus_sec->removed)
        bonus_sec = NULL;
    bonus_input *b = &c->s->bonus;

    if (!bonus_sec) {
        for (size_t i = 0; i < doc->n_sections; i++) {
            const ini_section *sec = &doc->sections[i];
            if (!sec->removed && (has_prefix(sec->name, "project.") || has_prefix(sec->name, "indicator.")))
                section_error(c, sec, "[%s] needs a [bonus] section (pool, method, …)", sec->name);
        }
        return;
    }
    c->s->has_bonus = true;
    check_bonus(c, bonus_sec);

    b->indicators = xcalloc(count_prefix(doc, "indicator."), sizeof *b->indicators);
    const ini_section *first_indicator = NULL;
    for (size_t i = 0; i < doc->n_sections; i++) {
        const ini_section *sec = &doc->sections[i];
        if (sec->removed || !has_prefix(sec->name, "indicator."))
            continue;
        if (!first_indicator)
            first_indicator = sec;
        check_indicator(c, sec, &b->indicators[b->n_indicators++]);
    }
    if (first_indicator) {
        mpq_t sum;
        mpq_init(sum);
        for (size_t k = 0; k < b->n_indicators; k++)
            mpq_add(sum, sum, b->indicators[k].weight);
        if (mpq_cmp_ui(sum, 1, 1) != 0) {
            char *shown = percent_format(sum, 6, LANG_FI);
            diag_error(c->diags, first_indicator->file, first_indicator->line, "indicator",
                       "the indicator weights add up to %s, not exactly 100 %%", shown);
            free(shown);
        }
        mpq_clear(sum);
    }

    /* A project's keys: name, grant and one value per indicator id. */
    const char **allowed = xcalloc(b->n_indicators + 3, sizeof *allowed);
    allowed[0] = "name";
    allowed[1] = "grant";
    for (size_t k = 0; k < b->n_indicators; k++)
        allowed[k + 2] = b->indicators[k].id;
    b->projects = xcalloc(count_prefix(doc, "project."), sizeof *b->projects);
    for (size_t i = 0; i < doc->n_sections; i++) {
        const ini_section *sec = &doc->sections[i];
        if (!sec->removed && has_prefix(sec->name, "project."))
            check_project(c, sec, &b->projects[b->n_projects++], allowed);
    }
    free(allowed);

    const ini_key *csv = find(bonus_sec, "projects");
    if (csv) {
        /* Relative to the file that wrote the key. */
        const char *slash = strrchr(csv->file, '/');
        char *path = csv->value[0] == '/' || !slash
                         ? xstrdup(csv->value)
                         : xasprintf("%.*s/%s", (int)(slash - csv->file), csv->file, csv->value);
        source_file source = { 0 };
        projects_csv_load(b, path, path, c->diags, &source);
        if (source.text) {
            scenario *s = c->s;
            source.bonus_projects = true;
            s->sources = xreallocarray(s->sources, s->n_sources + 1, sizeof *s->sources);
            s->sources[s->n_sources++] = source;
        }
        free(path);
    }

    if (b->n_indicators == 0 || b->n_projects == 0)
        section_error(c, bonus_sec, "a [bonus] needs at least one [indicator.*] and one project "
                                    "([project.*] or 'projects = FILE.csv')");
}

/* ---- sections --------------------------------------------------------------------- */

static const char *const singleton_sections[] = {
    "scenario", "indexation", "budget", "actual", "funding", "bonus", "reward",
    "accounts", "tmt", NULL
};
static const char *const section_prefixes[] = {
    "staff", "premises", "cost", "kpi", "indicator", "project", "reward", "tmt", NULL
};

static bool known_section(checker *c, const ini_section *sec)
{
    if (in_list(sec->name, singleton_sections))
        return true;
    const char *dot = strchr(sec->name, '.');
    if (dot) {
        char *prefix = xstrndup(sec->name, (size_t)(dot - sec->name));
        bool known = in_list(prefix, section_prefixes);
        if (known && !valid_id(dot + 1)) {
            section_error(c, sec, "'%s' is not a valid id: use a-z, 0-9, '_' and '-'", dot + 1);
            free(prefix);
            return false;
        }
        if (known) {
            free(prefix);
            return true;
        }
        const char *guess = suggest_closest(prefix, section_prefixes);
        if (guess)
            section_error(c, sec, "unknown section [%s]; did you mean [%s%s]?", sec->name, guess, dot);
        else
            section_error(c, sec, "unknown section [%s]", sec->name);
        free(prefix);
        return false;
    }
    const char *guess = suggest_closest(sec->name, singleton_sections);
    if (!guess)
        guess = suggest_closest(sec->name, section_prefixes);
    if (guess)
        section_error(c, sec, "unknown section [%s]; did you mean [%s]?", sec->name, guess);
    else
        section_error(c, sec, "unknown section [%s]", sec->name);
    return false;
}

/* Coach FTE of the lines marked coach that are active in month m. */
static void coach_fte_in(mpq_t fte, const scenario *s, month_t m)
{
    mpq_set_ui(fte, 0, 1);
    for (size_t i = 0; i < s->n_staff; i++)
        if (s->staff[i].coach && s->staff[i].start <= m && s->staff[i].end >= m)
            mpq_add(fte, fte, s->staff[i].fte);
}

/* SPEC §5.5, §7.2: the caseload divides by the coach FTE of the period's last month
 * (plain clients) and of each clients.YYYY year's last month within the period. */
static void check_caseload(checker *c)
{
    scenario *s = c->s;
    if (!c->period_ok)
        return;
    const kpi *computed = NULL;
    for (size_t i = 0; i < s->n_kpis && !computed; i++)
        if (s->kpis[i].computed_caseload)
            computed = &s->kpis[i];
    if (!computed)
        return;
    mpq_t coach_fte;
    mpq_init(coach_fte);
    const ini_doc *doc = c->doc;
    coach_fte_in(coach_fte, s, s->end);
    for (size_t i = 0; s->has_clients && mpq_sgn(coach_fte) == 0 && i < s->n_kpis; i++) {
        if (!s->kpis[i].computed_caseload)
            continue;
        char name[512];
        snprintf(name, sizeof name, "kpi.%s", s->kpis[i].id);
        const ini_section *sec = ini_doc_find(doc, name);
        key_error(c, sec, find(sec, "computed"),
                  "the caseload needs coach FTE in the last month: mark coach lines with 'coach = yes'");
    }
    const ini_section *scenario_sec = ini_doc_find(doc, "scenario");
    for (size_t i = 0; i < s->n_clients_years; i++) {
        month_t m;
        int year = s->clients_years[i].year;
        if (!scenario_year_last_month(s, year, &m))
            continue;
        coach_fte_in(coach_fte, s, m);
        if (mpq_sgn(coach_fte) > 0)
            continue;
        char key[32], month_text[8];
        snprintf(key, sizeof key, "clients.%d", year);
        month_format(m, month_text);
        key_error(c, scenario_sec, find(scenario_sec, key),
                  "the caseload of %d needs coach FTE in %s, the year's last month in the period: "
                  "mark coach lines with 'coach = yes'", year, month_text);
    }
    mpq_clear(coach_fte);
}

static int compare_inputs(const void *a, const void *b)
{
    return strcmp(((const input_entry *)a)->path, ((const input_entry *)b)->path);
}

/* Every resolved key as "section.key" = value, for the compare workbook's InputDiff. */
static void collect_inputs(scenario *s, const ini_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_sections; i++)
        if (!doc->sections[i].removed)
            n += doc->sections[i].n_keys;
    s->inputs = xcalloc(n, sizeof *s->inputs);
    for (size_t i = 0; i < doc->n_sections; i++) {
        const ini_section *sec = &doc->sections[i];
        if (sec->removed)
            continue;
        for (size_t k = 0; k < sec->n_keys; k++) {
            if (strcmp(sec->keys[k].key, "extends") == 0 && strcmp(sec->name, "scenario") == 0)
                continue;
            input_entry *e = &s->inputs[s->n_inputs++];
            e->path = key_path(sec, sec->keys[k].key);
            e->value = xstrdup(sec->keys[k].value);
        }
    }
    qsort(s->inputs, s->n_inputs, sizeof *s->inputs, compare_inputs);
}

static scenario *scenario_new(void)
{
    scenario *s = xcalloc(1, sizeof *s);
    mpz_init(s->clients);
    mpq_inits(s->funding.state_share, s->funding.state_cap, s->funding.reference_tmt,
              s->funding.own_min_share, s->allocation, NULL);
    bonus_input_init(&s->bonus);
    return s;
}

scenario *scenario_validate(const ini_doc *doc, diag_list *diags)
{
    size_t errors_before = diag_error_count(diags);
    scenario *s = scenario_new();
    checker c = { .doc = doc, .diags = diags, .s = s };

    const ini_section *scenario_sec = ini_doc_find(doc, "scenario");
    if (!scenario_sec || scenario_sec->removed) {
        const char *file = doc->n_files ? doc->files[0] : "?";
        diag_error(diags, file, 1, "scenario",
                   "missing section [scenario] (id, name, start and end are required)");
    } else {
        check_scenario(&c, scenario_sec);
    }

    s->staff = xcalloc(count_prefix(doc, "staff."), sizeof *s->staff);
    s->premises = xcalloc(count_prefix(doc, "premises."), sizeof *s->premises);
    s->costs = xcalloc(count_prefix(doc, "cost."), sizeof *s->costs);
    s->kpis = xcalloc(count_prefix(doc, "kpi."), sizeof *s->kpis);
    s->rewards = xcalloc(count_prefix(doc, "reward."), sizeof *s->rewards);
    if (c.period_ok) {
        s->budget = new_years(s->n_years);
        s->actual = new_years(s->n_years);
    }

    for (size_t i = 0; i < doc->n_sections; i++) {
        const ini_section *sec = &doc->sections[i];
        if (sec->removed || sec == scenario_sec || !known_section(&c, sec))
            continue;
        const char *name = sec->name;
        if (strcmp(name, "indexation") == 0)
            check_indexation(&c, sec);
        else if (strcmp(name, "budget") == 0 || strcmp(name, "actual") == 0) {
            bool is_budget = name[0] == 'b';
            if (is_budget)
                s->has_budget = true;
            else
                s->has_actual = true;
            if (c.period_ok)
                check_year_amounts(&c, sec, is_budget ? s->budget : s->actual);
        } else if (strcmp(name, "funding") == 0)
            check_funding(&c, sec);
        else if (strcmp(name, "reward") == 0)
            check_reward(&c, sec);
        else if (has_prefix(name, "staff."))
            check_staff(&c, sec, &s->staff[s->n_staff++]);
        else if (has_prefix(name, "premises."))
            check_premises(&c, sec, &s->premises[s->n_premises++]);
        else if (has_prefix(name, "cost."))
            check_cost(&c, sec, &s->costs[s->n_costs++]);
        else if (has_prefix(name, "kpi."))
            check_kpi(&c, sec, &s->kpis[s->n_kpis++]);
        else if (has_prefix(name, "reward."))
            check_criterion(&c, sec, &s->rewards[s->n_rewards++]);
        /* bonus, indicator.* and project.* below, in dependency order */
    }
    if (c.period_ok)
        ledger_load(s, doc, diags);   /* SPEC §7.3: after [actual], whose keys it checks */
    s->has_rewards = s->n_rewards > 0 || (ini_doc_find(doc, "reward") && !ini_doc_find(doc, "reward")->removed);
    check_bonus_sections(&c);
    tmt_validate(doc, diags, &s->tmt);   /* [tmt] and [tmt.ID], SPEC §7.6 */
    check_caseload(&c);
    scenario_limits_check(s, doc, diags);   /* SPEC §7.5: what run could not write */
    collect_inputs(s, doc);

    if (diag_error_count(diags) > errors_before) {
        scenario_free(s);
        return NULL;
    }
    return s;
}
