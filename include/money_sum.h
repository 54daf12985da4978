/*
 * money_sum — an exact sum of many amounts that are mostly whole cents (the rounded
 * monthly amounts of SPEC §5.1–5.2 and their yearly and category totals, §3 "every total
 * is the exact sum of the rounded amounts below it").
 *
 * mpq_add reduces every partial sum by a gcd; an amount whose denominator divides 100
 * is added here as an integer number of cents instead, and anything else (an exact
 * amount, an FTE) exactly as a rational beside it. The result is the same canonical
 * rational mpq_add would give, so nothing shown changes.
 *
 *     money_sum sum;
 *     money_sum_init(&sum);
 *     for (...) money_sum_add(&sum, monthly[i]);
 *     money_sum_get(total, &sum);       // total = Σ, exact
 *     money_sum_clear(&sum);
 */
#ifndef TKK_MONEY_SUM_H
#define TKK_MONEY_SUM_H

#include <gmp.h>

typedef struct {
    mpz_t cents;   /* Σ of the whole-cent amounts, × 100 */
    mpq_t other;   /* Σ of the rest */
} money_sum;

void money_sum_init(money_sum *sum);
void money_sum_clear(money_sum *sum);
/* Back to 0, keeping the memory. */
void money_sum_reset(money_sum *sum);
void money_sum_add(money_sum *sum, const mpq_t amount);
/* out = the sum so far (canonical). */
void money_sum_get(mpq_t out, const money_sum *sum);

#endif
