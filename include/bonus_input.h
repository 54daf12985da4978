/*
 * bonus_input — the performance-bonus part of a scenario (SPEC §4 [bonus], [indicator.*],
 * [project.*] and CSV project tables), typed and exact. A model type: built by the loader,
 * read by bonus.c (SPEC §5.6) and the presenters.
 *
 *     bonus_input in;
 *     bonus_input_init(&in);          // method share, unit 0,01 (SPEC §4 defaults)
 *     ... the loader fills indicators and projects ...
 *     bonus_input_clear(&in);
 */
#ifndef TKK_BONUS_INPUT_H
#define TKK_BONUS_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <gmp.h>

typedef enum { NORMALIZE_MAX, NORMALIZE_SHARE, NORMALIZE_MINMAX, NORMALIZE_RANK } normalize_method;
typedef enum { BONUS_SHARE, BONUS_GRANT_WEIGHTED, BONUS_GRANT_RATE } bonus_method;

typedef struct {
    char *id;                   /* indicator id: the part after "indicator." */
    char *label;                /* may be NULL */
    mpq_t weight;               /* weights of all indicators sum to exactly 1 */
    normalize_method normalize;
} bonus_indicator;

typedef struct {
    char *id;                   /* project id: the part after "project." or the CSV id */
    char *name;
    mpq_t grant;                /* ≥ 0 */
    mpq_t *values;              /* one per indicator, in bonus_input.indicators order, ≥ 0 */
} bonus_project;

typedef struct {
    mpq_t pool;                 /* > = 0 */
    bonus_method method;
    mpq_t rate;                 /* grant-rate only */
    bool has_cap;
    mpq_t cap;                  /* share of a project's grant */
    bool has_min_score;
    mpq_t min_score;
    unsigned long top;          /* 0: no limit */
    mpq_t unit;                 /* > 0, default 0.01 */
    bonus_indicator *indicators;
    size_t n_indicators;
    bonus_project *projects;
    size_t n_projects;
} bonus_input;

/* init/clear of the input, for loaders and tests. */
void bonus_input_init(bonus_input *in);
void bonus_input_clear(bonus_input *in);

#endif
