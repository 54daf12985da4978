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
    /* The rows of a CSV project table keep their values and their id and name texts in
     * these two blocks instead of three mallocs each (issue 13: a million rows); a
     * project whose values or texts lie inside a block is not freed on its own.
     * NULL when unused (projects from INI sections and tests own their pieces). */
    mpq_t *value_block;
    size_t value_block_used, value_block_capacity;   /* in mpq_t */
    char *text_block;
    size_t text_block_used, text_block_capacity;     /* in bytes */
} bonus_input;

/* The block-kept pieces of a CSV row (projects_csv.c): n_values initialised rationals, or
 * room for a copy of text; NULL when the block is full or absent (then the caller
 * allocates the piece on its own). */
mpq_t *bonus_input_block_values(bonus_input *in, size_t n_values);
char *bonus_input_block_text(bonus_input *in, const char *text);
/* Clears n_values rationals taken by bonus_input_block_values (returning the block's last
 * slots to it) or allocated apart (freeing them). */
void bonus_input_release_values(bonus_input *in, mpq_t *values, size_t n_values);

/* init/clear of the input, for loaders and tests. */
void bonus_input_init(bonus_input *in);
void bonus_input_clear(bonus_input *in);

#endif
