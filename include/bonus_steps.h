/*
 * bonus_steps — what the two halves of the performance bonus share (SPEC §5.6): bonus.c
 * (steps 3–6, the result) and bonus_normalize.c (steps 1–2). Not for other modules: they
 * read a result through bonus.h.
 */
#ifndef TKK_BONUS_STEPS_H
#define TKK_BONUS_STEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gmp.h>
#include "bonus.h"

/* A project's index with the rational it is ordered by (and, for step 6, its score and id). */
typedef struct {
    mpq_srcptr key;
    mpq_srcptr floor;   /* step 6: the remainder is key − floor (a − floor) */
    mpq_srcptr score;
    const char *id;
    size_t index;
    uint64_t rank;      /* an exact integer pre-filter of key (bonus_prefilter; step 6:
                         * ⌊key ÷ unit × 2^64⌋) */
    bool whole;         /* bonus_prefilter: rank is key × 2^32 exactly (key a small integer) */
} bonus_keyed;

/* An exact integer pre-filter for sorting rationals: ⌊x × 2^32⌋ for 0 ≤ x < 2^32, 0 below,
 * UINT64_MAX above (*whole: it is x × 2^32 exactly). scratch is the caller's. */
uint64_t bonus_prefilter(mpq_srcptr x, mpz_t scratch, bool *whole);
/* Largest key first (pre-filter in rank, then exactly); equal keys by index. qsort's
 * convention. */
int bonus_keyed_cmp_desc(const void *a, const void *b);

/* Step 1 of indicator k over all projects, into nz (initialised by the caller). */
void bonus_normalize(bonus_normalization *nz, const bonus_input *in, size_t k);
/* Step 2: every project's score, from the indicators out->indicators holds. */
void bonus_score(bonus_result *out, const bonus_input *in);

#endif
