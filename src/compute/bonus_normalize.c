/*
 * bonus_normalize — steps 1 and 2 of the performance bonus (SPEC §5.6): each indicator
 * normalised over all projects, kept once (bonus_normalization: low, high, denominator,
 * rank sums), n(p,k) derived from it on demand (bonus_normalized), and the scores.
 * The rest of §5.6 is bonus.c's.
 */
#include "bonus_steps.h"
#include "rational_sum.h"
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- exact ordering of rationals ------------------------------------------------------ */

/* An exact integer pre-filter for sorting rationals: ⌊x × 2^32⌋ for 0 ≤ x < 2^32, 0 below,
 * UINT64_MAX above. It never decreases as x grows, so different pre-filters order the
 * rationals exactly and only equal ones need mpq_cmp (most comparisons of a sort). */
uint64_t bonus_prefilter(mpq_srcptr x, mpz_t scratch, bool *whole)
{
    /* A whole x below 2^32 is its pre-filter exactly: equal pre-filters then mean equal
     * values without mpq_cmp (indicator values are often counts). */
    *whole = mpz_cmp_ui(mpq_denref(x), 1) == 0 && mpz_sgn(mpq_numref(x)) >= 0 &&
             mpz_cmp_ui(mpq_numref(x), 0xFFFFFFFFUL) <= 0;
    if (mpq_sgn(x) <= 0)
        return 0;
    mpz_mul_2exp(scratch, mpq_numref(x), 32);
    mpz_fdiv_q(scratch, scratch, mpq_denref(x));
    if (mpz_sizeinbase(scratch, 2) > 64)
        return UINT64_MAX;
    _Static_assert(GMP_NUMB_BITS == 64, "one limb holds the pre-filter");
    return (uint64_t)mpz_getlimbn(scratch, 0);
}

/* Largest key first (by the pre-filter in rank, then exactly); equal keys by index so
 * the order is fully defined. */
int bonus_keyed_cmp_desc(const void *a, const void *b)
{
    const bonus_keyed *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? 1 : -1;
    int c = x->whole && y->whole ? 0 : mpq_cmp(y->key, x->key);
    if (c != 0)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

/* ---- step 1: normalisation ------------------------------------------------------------ */

/* A project's index with the pre-filter of its value (bonus_prefilter). */
typedef struct {
    uint64_t key;
    size_t index;
} bonus_radix_item;

/* Sorts by key, largest first, stable: LSD radix sort on 16-bit digits, a pass skipped
 * when every key has the same digit there. O(P) without a comparison. */
static void bonus_radix_sort_desc(bonus_radix_item *items, size_t n)
{
    enum { DIGITS = 1 << 16 };
    bonus_radix_item *from = items, *to = xmalloc(n * sizeof *to);
    size_t *count = xmalloc(DIGITS * sizeof *count);
    for (unsigned shift = 0; shift < 64; shift += 16) {
        memset(count, 0, DIGITS * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[0xFFFF - ((from[i].key >> shift) & 0xFFFF)]++;   /* larger digit first */
        if (count[0xFFFF - ((from[0].key >> shift) & 0xFFFF)] == n)
            continue;
        size_t position = 0;
        for (size_t d = 0; d < DIGITS; d++) {
            size_t c = count[d];
            count[d] = position;
            position += c;
        }
        for (size_t i = 0; i < n; i++)
            to[count[0xFFFF - ((from[i].key >> shift) & 0xFFFF)]++] = from[i];
        bonus_radix_item *swap = from;
        from = to;
        to = swap;
    }
    if (from != items) {
        memcpy(items, from, n * sizeof *items);
        to = from;
    }
    free(to);
    free(count);
}

/* SPEC §5.6 step 1 for rank: tied values share the mean of their 1-based ranks i..j, so
 * n = (N − (i + j)/2) / (N − 1) = (2N − i − j) / (2(N − 1)); 1 when N = 1. Kept per
 * project as the integer i + j (bonus_normalization.rank_sum). The values are sorted by
 * their pre-filter (radix sort); only a run of equal pre-filters that are not all whole
 * numbers is then sorted exactly. */
static void bonus_normalize_rank(bonus_normalization *nz, const bonus_input *in, size_t k)
{
    size_t n = in->n_projects;
    nz->rank_sum = xcalloc(n, sizeof *nz->rank_sum);
    if (n == 1) {
        nz->rank_sum[0] = 2;   /* ranks 1..1; n is 1 whatever this holds */
        return;
    }
    bonus_radix_item *items = xmalloc(n * sizeof *items);
    bool *whole = xmalloc(n * sizeof *whole);
    mpz_t scratch;
    mpz_init(scratch);
    for (size_t p = 0; p < n; p++) {
        items[p].key = bonus_prefilter(in->projects[p].values[k], scratch, &whole[p]);
        items[p].index = p;
    }
    mpz_clear(scratch);
    bonus_radix_sort_desc(items, n);

    bonus_keyed *run = NULL;   /* a run sorted exactly */
    for (size_t first = 0; first < n;) {
        size_t last = first;
        bool all_whole = whole[items[first].index];
        while (last + 1 < n && items[last + 1].key == items[first].key) {
            last++;
            all_whole = all_whole && whole[items[last].index];
        }
        if (all_whole) {
            /* equal pre-filters of whole numbers: equal values, one group of ties */
            for (size_t i = first; i <= last; i++)
                nz->rank_sum[items[i].index] = (unsigned long long)(first + 1) + (last + 1);
            first = last + 1;
            continue;
        }
        size_t length = last - first + 1;
        run = xreallocarray(run, length, sizeof *run);
        for (size_t i = 0; i < length; i++) {
            size_t p = items[first + i].index;
            run[i] = (bonus_keyed){ .key = in->projects[p].values[k], .index = p,
                                    .rank = items[first].key };
        }
        qsort(run, length, sizeof *run, bonus_keyed_cmp_desc);
        for (size_t a = 0; a < length;) {
            size_t b = a;
            while (b + 1 < length && mpq_equal(run[b + 1].key, run[a].key))
                b++;
            for (size_t i = a; i <= b; i++)
                nz->rank_sum[run[i].index] = (unsigned long long)(first + a + 1) + (first + b + 1);
            a = b + 1;
        }
        first = last + 1;
    }
    free(run);
    free(whole);
    free(items);
}

/* SPEC §5.6 step 1: indicator k over all projects (eligible or not): the smallest and
 * largest value and the denominator, once. n(p,k) itself is bonus_normalized. */
void bonus_normalize(bonus_normalization *nz, const bonus_input *in, size_t k)
{
    size_t n = in->n_projects;
    nz->method = in->indicators[k].normalize;
    if (n == 0)
        return;
    if (nz->method == NORMALIZE_RANK) {
        bonus_normalize_rank(nz, in, k);
        return;
    }
    mpq_set(nz->low, in->projects[0].values[k]);
    mpq_set(nz->high, in->projects[0].values[k]);
    rational_sum sum;   /* Σx over a common denominator: decimal values share one */
    rational_sum_init(&sum);
    for (size_t p = 0; p < n; p++) {
        mpq_srcptr x = in->projects[p].values[k];
        if (mpq_cmp(x, nz->low) < 0)
            mpq_set(nz->low, x);
        if (mpq_cmp(x, nz->high) > 0)
            mpq_set(nz->high, x);
        if (nz->method == NORMALIZE_SHARE)
            rational_sum_add(&sum, x);
    }
    if (nz->method == NORMALIZE_SHARE)
        rational_sum_get(nz->denominator, &sum);
    rational_sum_clear(&sum);
    if (nz->method == NORMALIZE_MAX)
        mpq_set(nz->denominator, nz->high);
    else if (nz->method == NORMALIZE_MINMAX)
        mpq_sub(nz->denominator, nz->high, nz->low);
}

void bonus_normalized_fraction(mpz_t num, mpz_t den, const bonus_result *result,
                               const bonus_input *in, size_t p, size_t k)
{
    const bonus_normalization *nz = &result->indicators[k];
    mpq_srcptr x = in->projects[p].values[k];
    size_t n = result->n_projects;
    mpz_set_ui(den, 1);
    switch (nz->method) {
    case NORMALIZE_RANK:
        if (n == 1) {
            mpz_set_ui(num, 1);
            return;
        }
        /* (2N − (i + j)) ÷ (2(N − 1)): i + j ≤ 2N − 2 ... 2, so the numerator is ≥ 0. */
        mpz_set_ui(num, n);
        mpz_mul_2exp(num, num, 1);
        mpz_sub_ui(num, num, (unsigned long)nz->rank_sum[p]);
        mpz_set_ui(den, n - 1);
        mpz_mul_2exp(den, den, 1);
        return;
    case NORMALIZE_MINMAX:
        if (mpq_sgn(nz->denominator) == 0) {
            /* every value the same: 1 if it is above 0, else 0 */
            mpz_set_ui(num, mpq_sgn(nz->high) > 0 ? 1 : 0);
            return;
        }
        /* (a/b − l/m) ÷ (c/d) = (a·m − l·b)·d ÷ (b·m·c) */
        mpz_mul(num, mpq_numref(x), mpq_denref(nz->low));
        mpz_submul(num, mpq_numref(nz->low), mpq_denref(x));
        mpz_mul(num, num, mpq_denref(nz->denominator));
        mpz_mul(den, mpq_denref(x), mpq_denref(nz->low));
        mpz_mul(den, den, mpq_numref(nz->denominator));
        return;
    case NORMALIZE_MAX:
    case NORMALIZE_SHARE:
        if (mpq_sgn(nz->denominator) == 0) {
            mpz_set_ui(num, 0);   /* a zero denominator gives 0 */
            return;
        }
        /* (a/b) ÷ (c/d) = a·d ÷ (b·c) */
        mpz_mul(num, mpq_numref(x), mpq_denref(nz->denominator));
        mpz_mul(den, mpq_denref(x), mpq_numref(nz->denominator));
        return;
    }
}

void bonus_normalized(mpq_t out, const bonus_result *result, const bonus_input *in, size_t p,
                      size_t k)
{
    bonus_normalized_fraction(mpq_numref(out), mpq_denref(out), result, in, p, k);
    mpq_canonicalize(out);
}
/* ---- step 2: score ------------------------------------------------------------------- */

/* SPEC §5.6 step 2: s(p) = Σ_k weight(k) × n(p,k), exact. weight × n is computed as
 * factor × m with the factor per indicator once — weight ÷ denominator times x (max,
 * share), times x − low (minmax), weight ÷ (2(N − 1)) times 2N − (i + j) (rank) — or as
 * a constant term where n is the same for every project; the rationals are the same
 * (canonical), at one multiplication per indicator instead of two. */
void bonus_score(bonus_result *out, const bonus_input *in)
{
    size_t n_ind = in->n_indicators, n = in->n_projects;
    if (n == 0)
        return;
    mpq_t *factor = xcalloc(n_ind, sizeof *factor);
    bool *constant = xcalloc(n_ind, sizeof *constant);   /* term = factor for every p */
    for (size_t k = 0; k < n_ind; k++) {
        const bonus_normalization *nz = &out->indicators[k];
        mpq_srcptr weight = in->indicators[k].weight;
        mpq_init(factor[k]);
        switch (nz->method) {
        case NORMALIZE_RANK:
            if (n == 1) {
                constant[k] = true;
                mpq_set(factor[k], weight);
            } else {
                mpq_set_ui(factor[k], n - 1, 1);
                mpq_mul_2exp(factor[k], factor[k], 1);
                mpq_div(factor[k], weight, factor[k]);
            }
            break;
        case NORMALIZE_MINMAX:
            if (mpq_sgn(nz->denominator) == 0) {
                constant[k] = true;
                if (mpq_sgn(nz->high) > 0)
                    mpq_set(factor[k], weight);
            } else
                mpq_div(factor[k], weight, nz->denominator);
            break;
        case NORMALIZE_MAX:
        case NORMALIZE_SHARE:
            if (mpq_sgn(nz->denominator) == 0)
                constant[k] = true;   /* n = 0 */
            else
                mpq_div(factor[k], weight, nz->denominator);
            break;
        }
    }
    /* Each score is summed as num ÷ den without reducing, and reduced once at the end:
     * one gcd per project instead of two per product and one per sum (issue 13). The
     * rational is the same canonical one. */
    mpq_t m;
    mpz_t num, den, term_num, term_den;
    mpq_init(m);
    mpz_inits(num, den, term_num, term_den, NULL);
    for (size_t p = 0; p < n; p++) {
        mpz_set_ui(num, 0);
        mpz_set_ui(den, 1);
        for (size_t k = 0; k < n_ind; k++) {
            const bonus_normalization *nz = &out->indicators[k];
            if (constant[k]) {
                mpz_set(term_num, mpq_numref(factor[k]));
                mpz_set(term_den, mpq_denref(factor[k]));
            } else {
                mpq_srcptr x = in->projects[p].values[k];
                if (nz->method == NORMALIZE_RANK) {
                    mpq_set_ui(m, n, 1);
                    mpz_mul_2exp(mpq_numref(m), mpq_numref(m), 1);
                    mpz_sub_ui(mpq_numref(m), mpq_numref(m), (unsigned long)nz->rank_sum[p]);
                    x = m;
                } else if (nz->method == NORMALIZE_MINMAX) {
                    mpq_sub(m, x, nz->low);
                    x = m;
                }
                if (mpq_sgn(x) == 0)
                    continue;
                mpz_mul(term_num, mpq_numref(factor[k]), mpq_numref(x));
                mpz_mul(term_den, mpq_denref(factor[k]), mpq_denref(x));
            }
            if (mpz_sgn(term_num) == 0)
                continue;
            /* num/den + t/u = (num·u + t·den) / (den·u); the same u as den adds directly */
            if (mpz_cmp(term_den, den) == 0) {
                mpz_add(num, num, term_num);
                continue;
            }
            mpz_mul(num, num, term_den);
            mpz_addmul(num, term_num, den);
            mpz_mul(den, den, term_den);
        }
        /* Reduced into the score (den > 0): the score keeps only the limbs it needs. */
        mpq_ptr score = out->projects[p].score;
        mpz_gcd(term_num, num, den);
        mpz_divexact(mpq_numref(score), num, term_num);
        mpz_divexact(mpq_denref(score), den, term_num);
    }
    mpz_clears(num, den, term_num, term_den, NULL);
    mpq_clear(m);
    for (size_t k = 0; k < n_ind; k++)
        mpq_clear(factor[k]);
    free(factor);
    free(constant);
}
