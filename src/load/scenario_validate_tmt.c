/* scenario_validate_tmt — [tmt] and [tmt.ID] sections to tmt_input (SPEC §7.6). */
#include "scenario_validate_tmt.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "number_format.h"
#include "number.h"
#include "suggest.h"

/* Every key of a [tmt] section: label, baseline, and the per-year ones written
 * FIELD.YYYY. */
static const char *const year_keys[] = { "estimate", "actual", "target", "persons", "months", NULL };
static const char *const all_keys[] = {
    "label", "baseline", "estimate", "actual", "target", "persons", "months", NULL
};

static bool is_prefix_tmt(const char *name)
{
    return strcmp(name, "tmt") == 0 || strncmp(name, "tmt.", 4) == 0;
}

TKK_PRINTF(4, 5)
static void key_error(diag_list *diags, const ini_section *sec, const ini_key *k,
                      const char *fmt, ...)
{
    char path[600];
    snprintf(path, sizeof path, "%s.%s", sec->name, k->key);
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(diags, DIAG_ERROR, k->file, k->line, 0, path, fmt, ap);
    va_end(ap);
}

/* A four-digit calendar year, e.g. "2021" (1000..9999: year 0 means a total row
 * elsewhere). */
static bool parse_year(const char *text, int *year)
{
    if (text[0] == '0')
        return false;
    for (int d = 0; d < 4; d++)
        if (!isdigit((unsigned char)text[d]))
            return false;
    if (text[4] != '\0')
        return false;
    *year = atoi(text);
    return true;
}

static int field_of(const char *word, size_t len)
{
    for (int f = 0; year_keys[f]; f++)
        if (strlen(year_keys[f]) == len && strncmp(word, year_keys[f], len) == 0)
            return f;
    return -1;
}

/* An unknown key, with the closest key of [tmt] as a suggestion. */
static void unknown_key(diag_list *diags, const ini_section *sec, const ini_key *k)
{
    const char *dot = strchr(k->key, '.');
    char *word = dot ? xstrndup(k->key, (size_t)(dot - k->key)) : xstrdup(k->key);
    const char *guess = suggest_closest(word, dot ? year_keys : all_keys);
    if (guess && dot)
        key_error(diags, sec, k, "unknown key '%s' in [%s]; did you mean '%s%s'?", k->key,
                  sec->name, guess, dot);
    else if (guess)
        key_error(diags, sec, k, "unknown key '%s' in [%s]; did you mean '%s'?", k->key,
                  sec->name, guess);
    else
        key_error(diags, sec, k, "unknown key '%s' in [%s]: the keys are label, baseline and "
                  "estimate, actual, target, persons, months followed by .YYYY", k->key, sec->name);
    free(word);
}

/* The value of a FIELD.YYYY key: money ≥ 0, persons a whole number ≥ 0, months a whole
 * number in 1..12 (SPEC §7.6). */
static bool parse_value(diag_list *diags, const ini_section *sec, const ini_key *k,
                        tmt_field field, mpq_t out)
{
    bool money = field != TMT_PERSONS && field != TMT_MONTHS;
    const char *err = number_parse(out, k->value, money ? NUMBER_MONEY : NUMBER_PLAIN, NULL);
    if (field == TMT_MONTHS) {
        if (err || !number_is_whole(out) || mpq_cmp_ui(out, 1, 1) < 0 ||
            mpq_cmp_ui(out, 12, 1) > 0) {
            key_error(diags, sec, k, "'%s' is not a whole number of months in 1..12", k->value);
            return false;
        }
        return true;
    }
    if (err) {
        key_error(diags, sec, k, "'%s' is not a valid number: %s", k->value, err);
        return false;
    }
    if (field == TMT_PERSONS && (!number_is_whole(out) || mpq_sgn(out) < 0)) {
        key_error(diags, sec, k, "'%s' is not a whole number of at least 0", k->value);
        return false;
    }
    if (mpq_sgn(out) < 0) {
        key_error(diags, sec, k, "'%s' is negative: %s must be 0 or more", k->value,
                  tmt_field_key(field));
        return false;
    }
    return true;
}

static void check_section(diag_list *diags, const ini_section *sec, tmt_area_input *area)
{
    if (strcmp(sec->name, "tmt") != 0) {
        area->id = xstrdup(sec->name + strlen("tmt."));
    }
    mpq_t value;
    mpq_init(value);
    for (size_t i = 0; i < sec->n_keys; i++) {
        const ini_key *k = &sec->keys[i];
        if (strcmp(k->key, "remove") == 0)
            continue;
        if (strcmp(k->key, "label") == 0) {
            free(area->label);
            area->label = xstrdup(k->value);
            continue;
        }
        if (strcmp(k->key, "baseline") == 0) {
            if (parse_year(k->value, &area->baseline))
                area->has_baseline = true;
            else
                key_error(diags, sec, k, "'%s' is not a year: write the baseline as YYYY, e.g. 2018",
                          k->value);
            continue;
        }
        const char *dot = strchr(k->key, '.');
        int field = dot ? field_of(k->key, (size_t)(dot - k->key)) : -1;
        if (field < 0) {
            if (!dot && field_of(k->key, strlen(k->key)) >= 0)
                key_error(diags, sec, k, "'%s' needs a year: write %s.YYYY, e.g. %s.2021",
                          k->key, k->key, k->key);
            else
                unknown_key(diags, sec, k);
            continue;
        }
        int year;
        if (!parse_year(dot + 1, &year)) {
            key_error(diags, sec, k, "'%s' is not FIELD.YYYY: the year after '%.*s.' has four "
                      "digits, e.g. %.*s.2021", k->key, (int)(dot - k->key), k->key,
                      (int)(dot - k->key), k->key);
            continue;
        }
        if (!parse_value(diags, sec, k, (tmt_field)field, value))
            continue;
        tmt_year_input *y = tmt_area_year(area, year);
        y->has[field] = true;
        mpq_set(y->value[field], value);
    }
    mpq_clear(value);
}

/* The value the row shows for a field and year: its own, or for [tmt] the sum rule. */
static bool row_value(mpq_t out, const tmt_input *in, const tmt_area_input *area, int year,
                      tmt_field field)
{
    if (area == &in->total)
        return tmt_total_value(out, in, year, field);
    for (size_t i = 0; i < area->n_years; i++)
        if (area->years[i].year == year && area->years[i].has[field]) {
            mpq_set(out, area->years[i].value[field]);
            return true;
        }
    return false;
}

/* The rules that look at more than one key: a baseline year needs an actual; persons 0
 * where the actual is above 0 makes Per person meaningless (SPEC §7.6). */
static void check_area_rules(diag_list *diags, const ini_section *sec, const tmt_input *in,
                             const tmt_area_input *area)
{
    mpq_t actual;
    mpq_init(actual);
    const ini_key *baseline = ini_section_find(sec, "baseline");
    if (area->has_baseline && baseline && !row_value(actual, in, area, area->baseline, TMT_ACTUAL))
        key_error(diags, sec, baseline,
                  "the baseline year %d has no actual: add 'actual.%d = …'%s", area->baseline,
                  area->baseline, area == &in->total ? " to [tmt] or to its [tmt.ID] rows" : "");
    for (size_t i = 0; i < area->n_years; i++) {
        const tmt_year_input *y = &area->years[i];
        if (!y->has[TMT_PERSONS] || mpq_sgn(y->value[TMT_PERSONS]) != 0)
            continue;
        if (!row_value(actual, in, area, y->year, TMT_ACTUAL) || mpq_sgn(actual) <= 0)
            continue;
        char key[32];
        snprintf(key, sizeof key, "persons.%d", y->year);
        const ini_key *k = ini_section_find(sec, key);
        if (k) {
            char *shown = money_format(actual, LANG_FI);
            key_error(diags, sec, k, "persons is 0 in %d, whose actual is %s: give the persons "
                      "the payments concern, or leave the key out", y->year, shown);
            free(shown);
        }
    }
    mpq_clear(actual);
}

void tmt_validate(const ini_doc *doc, diag_list *diags, tmt_input *out)
{
    size_t n_areas = 0;
    const ini_section *total_sec = NULL;
    for (size_t i = 0; i < doc->n_sections; i++) {
        const ini_section *sec = &doc->sections[i];
        if (sec->removed || !is_prefix_tmt(sec->name))
            continue;
        out->present = true;
        if (strcmp(sec->name, "tmt") == 0)
            total_sec = sec;
        else
            n_areas++;
    }
    if (!out->present)
        return;
    out->areas = xcalloc(n_areas, sizeof *out->areas);
    const ini_section **area_secs = xcalloc(n_areas, sizeof *area_secs);
    for (size_t i = 0; i < doc->n_sections; i++) {
        const ini_section *sec = &doc->sections[i];
        if (sec->removed || strncmp(sec->name, "tmt.", 4) != 0)
            continue;
        area_secs[out->n_areas] = sec;
        check_section(diags, sec, &out->areas[out->n_areas++]);
    }
    if (total_sec)
        check_section(diags, total_sec, &out->total);

    if (total_sec)
        check_area_rules(diags, total_sec, out, &out->total);
    for (size_t i = 0; i < out->n_areas; i++)
        check_area_rules(diags, area_secs[i], out, &out->areas[i]);
    free(area_secs);
}

size_t tmt_set_section_length(const char *path)
{
    if (strncmp(path, "tmt.", 4) != 0)
        return 0;
    const char *rest = path + 4;
    const char *dot = strchr(rest, '.');
    size_t word = dot ? (size_t)(dot - rest) : strlen(rest);
    for (size_t i = 0; all_keys[i]; i++)
        if (strlen(all_keys[i]) == word && strncmp(rest, all_keys[i], word) == 0)
            return 3;                       /* tmt.actual.2021: a key of [tmt] */
    if (!dot)
        return 0;
    /* tmt.actaul.2021: a misspelt key of [tmt] (a [tmt.ID] key is never a bare year), so
     * that the message can suggest the right one. */
    const char *after = dot + 1;
    bool bare_year = *after != '\0';
    for (const char *c = after; *c; c++)
        bare_year &= isdigit((unsigned char)*c) != 0;
    return bare_year ? 3 : 4 + word;        /* tmt.pori.actual.2013: [tmt.pori] */
}
