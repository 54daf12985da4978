/*
 * bonus — the performance bonus of SPEC §5.6, step by step:
 *   1. normalise every indicator over all projects,
 *   2. score each project,
 *   3. admit (min_score, top N with ties, never score 0),
 *   4. basis and cap,
 *   5. exact amounts by water-filling for λ,
 *   6. round to `unit` by largest remainder.
 *
 * Everything is an exact rational. Rank and top sort once (qsort with mpq_cmp); water-filling
 * and the remaining units take projects from a heap, so the whole computation is
 * O(P log P) rational operations.
 */
#include "bonus.h"
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

/* ---- result --------------------------------------------------------------------------- */

static void bonus_project_result_clear(bonus_project_result *r, size_t n_indicators)
{
    if (r->normalized != NULL) {
        for (size_t k = 0; k < n_indicators; k++)
            mpq_clear(r->normalized[k]);
        free(r->normalized);
    }
    mpq_clear(r->score);
    mpq_clear(r->basis);
    mpq_clear(r->cap);
    mpq_clear(r->exact);
    mpq_clear(r->floor);
    mpq_clear(r->remainder);
    mpq_clear(r->bonus);
}

void bonus_result_free(bonus_result *result)
{
    if (result == NULL)
        return;
    if (result->projects != NULL) {
        for (size_t p = 0; p < result->n_projects; p++)
            bonus_project_result_clear(&result->projects[p], result->n_indicators);
        free(result->projects);
    }
    mpq_clear(result->lambda);
    mpq_clear(result->exact_total);
    mpq_clear(result->rounded_total);
    mpq_clear(result->allocated);
    mpq_clear(result->unallocated);
    memset(result, 0, sizeof *result);
}

/* Every rational of the result set to 0, every project not eligible until step 3 says so. */
static void bonus_result_init(bonus_result *out, size_t n_projects, size_t n_indicators)
{
    memset(out, 0, sizeof *out);
    out->n_projects = n_projects;
    out->n_indicators = n_indicators;
    if (n_projects > 0) {
        out->projects = xcalloc(n_projects, sizeof *out->projects);
    }
    for (size_t p = 0; p < n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (n_indicators > 0) {
            r->normalized = xcalloc(n_indicators, sizeof *r->normalized);
            for (size_t k = 0; k < n_indicators; k++)
                mpq_init(r->normalized[k]);
        }
        mpq_init(r->score);
        mpq_init(r->basis);
        mpq_init(r->cap);
        mpq_init(r->exact);
        mpq_init(r->floor);
        mpq_init(r->remainder);
        mpq_init(r->bonus);
        r->reason = BONUS_REASON_SCORE_ZERO;
    }
    mpq_init(out->lambda);
    mpq_init(out->exact_total);
    mpq_init(out->rounded_total);
    mpq_init(out->allocated);
    mpq_init(out->unallocated);
}

/* ---- ordering helpers ----------------------------------------------------------------- */

/* A project's index with the rational it is ordered by (and, for step 6, its score and id). */
typedef struct {
    mpq_srcptr key;
    mpq_srcptr score;
    const char *id;
    size_t index;
    uint64_t rank;      /* step 6: ⌊key ÷ unit × 2^64⌋, an exact integer pre-filter */
} bonus_keyed;

/* A comparator in qsort's convention: negative when a comes before b. */
typedef int (*bonus_order)(const void *a, const void *b);

/* Largest key first; equal keys by index so the order is fully defined. */
static int bonus_keyed_cmp_desc(const void *a, const void *b)
{
    const bonus_keyed *x = a, *y = b;
    int c = mpq_cmp(y->key, x->key);
    if (c != 0)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

/* Smallest key first. */
static int bonus_keyed_cmp_asc(const void *a, const void *b)
{
    const bonus_keyed *x = a, *y = b;
    int c = mpq_cmp(x->key, y->key);
    if (c != 0)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

/* SPEC §5.6 step 6: largest remainder (the key) first, ties to the higher score, then to
 * the id in ascending byte order (strcmp compares as unsigned char). */
static int bonus_keyed_cmp_unit(const void *a, const void *b)
{
    const bonus_keyed *x = a, *y = b;
    /* rank = ⌊remainder ÷ unit × 2^64⌋ never decreases as the remainder grows, so
     * different ranks order the remainders exactly; equal ranks compare the rationals. */
    if (x->rank != y->rank)
        return x->rank < y->rank ? 1 : -1;
    int c = mpq_cmp(y->key, x->key);
    if (c == 0)
        c = mpq_cmp(y->score, x->score);
    if (c == 0)
        c = strcmp(x->id, y->id);
    if (c == 0)
        c = (x->index > y->index) - (x->index < y->index);
    return c;
}

/* Steps 5 and 6 walk projects in order but usually stop long before the end (water-filling
 * caps few projects; a few hundred units go to a million candidates), so they take them from
 * a binary heap — O(P) to build, O(log P) per project taken — instead of sorting all. */
static void bonus_heap_sift_down(bonus_keyed *heap, size_t n, size_t i, bonus_order first)
{
    for (;;) {
        size_t best = i, left = 2 * i + 1, right = 2 * i + 2;
        if (left < n && first(&heap[left], &heap[best]) < 0)
            best = left;
        if (right < n && first(&heap[right], &heap[best]) < 0)
            best = right;
        if (best == i)
            return;
        bonus_keyed moved = heap[i];
        heap[i] = heap[best];
        heap[best] = moved;
        i = best;
    }
}

static void bonus_heapify(bonus_keyed *heap, size_t n, bonus_order first)
{
    for (size_t i = n / 2; i-- > 0;)
        bonus_heap_sift_down(heap, n, i, first);
}

/* Drops heap[0], the first in order; returns the new size. */
static size_t bonus_heap_pop(bonus_keyed *heap, size_t n, bonus_order first)
{
    heap[0] = heap[n - 1];
    bonus_heap_sift_down(heap, n - 1, 0, first);
    return n - 1;
}

/* ---- step 1: normalisation ------------------------------------------------------------ */

/* SPEC §5.6 step 1 for rank: tied values share the mean of their 1-based ranks i..j, so
 * n = (N − (i + j)/2) / (N − 1) = (2N − i − j) / (2(N − 1)); 1 when N = 1. */
static void bonus_normalize_rank(bonus_result *out, const bonus_input *in, size_t k)
{
    size_t n = in->n_projects;
    if (n == 1) {
        mpq_set_ui(out->projects[0].normalized[k], 1, 1);
        return;
    }
    bonus_keyed *order = xcalloc(n, sizeof *order);
    for (size_t p = 0; p < n; p++)
        order[p] = (bonus_keyed){ .key = in->projects[p].values[k], .index = p };
    qsort(order, n, sizeof *order, bonus_keyed_cmp_desc);

    mpq_t shared;   /* the value of one group of ties */
    mpq_init(shared);
    for (size_t first = 0; first < n;) {
        size_t last = first;
        while (last + 1 < n && mpq_equal(order[last + 1].key, order[first].key))
            last++;
        /* 1-based ranks first+1 .. last+1: 2N − (first+1) − (last+1) over 2(N − 1). */
        mpz_set_ui(mpq_numref(shared), n);
        mpz_mul_2exp(mpq_numref(shared), mpq_numref(shared), 1);
        mpz_sub_ui(mpq_numref(shared), mpq_numref(shared), first + 1);
        mpz_sub_ui(mpq_numref(shared), mpq_numref(shared), last + 1);
        mpz_set_ui(mpq_denref(shared), n - 1);
        mpz_mul_2exp(mpq_denref(shared), mpq_denref(shared), 1);
        mpq_canonicalize(shared);
        for (size_t i = first; i <= last; i++)
            mpq_set(out->projects[order[i].index].normalized[k], shared);
        first = last + 1;
    }
    mpq_clear(shared);
    free(order);
}

/* SPEC §5.6 step 1: indicator k over all projects (eligible or not). A zero denominator
 * gives 0; minmax over equal values gives 1 when the value is above 0, else 0. */
static void bonus_normalize(bonus_result *out, const bonus_input *in, size_t k)
{
    size_t n = in->n_projects;
    if (n == 0)
        return;
    normalize_method method = in->indicators[k].normalize;
    if (method == NORMALIZE_RANK) {
        bonus_normalize_rank(out, in, k);
        return;
    }

    mpq_t low, high, denominator;
    mpq_init(low);
    mpq_init(high);
    mpq_init(denominator);
    mpq_set(low, in->projects[0].values[k]);
    mpq_set(high, in->projects[0].values[k]);
    for (size_t p = 0; p < n; p++) {
        mpq_srcptr x = in->projects[p].values[k];
        if (mpq_cmp(x, low) < 0)
            mpq_set(low, x);
        if (mpq_cmp(x, high) > 0)
            mpq_set(high, x);
        if (method == NORMALIZE_SHARE)
            mpq_add(denominator, denominator, x);
    }
    if (method == NORMALIZE_MAX)
        mpq_set(denominator, high);
    else if (method == NORMALIZE_MINMAX)
        mpq_sub(denominator, high, low);

    for (size_t p = 0; p < n; p++) {
        mpq_ptr value = out->projects[p].normalized[k];
        mpq_srcptr x = in->projects[p].values[k];
        if (method == NORMALIZE_MINMAX && mpq_sgn(denominator) == 0)
            mpq_set_ui(value, mpq_sgn(high) > 0 ? 1 : 0, 1);
        else if (mpq_sgn(denominator) == 0)
            mpq_set_ui(value, 0, 1);
        else if (method == NORMALIZE_MINMAX) {
            mpq_sub(value, x, low);
            mpq_div(value, value, denominator);
        } else
            mpq_div(value, x, denominator);
    }
    mpq_clear(low);
    mpq_clear(high);
    mpq_clear(denominator);
}

/* ---- steps 2 and 3: score and eligibility --------------------------------------------- */

/* SPEC §5.6 step 2: s(p) = Σ_k weight(k) × n(p,k), exact. */
static void bonus_score(bonus_result *out, const bonus_input *in)
{
    mpq_t term;
    mpq_init(term);
    for (size_t p = 0; p < in->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        mpq_set_ui(r->score, 0, 1);
        for (size_t k = 0; k < in->n_indicators; k++) {
            mpq_mul(term, in->indicators[k].weight, r->normalized[k]);
            mpq_add(r->score, r->score, term);
        }
    }
    mpq_clear(term);
}

/* SPEC §5.6 step 3. Score 0 is never eligible and is checked first, so such a project
 * neither reads as "below min_score" nor takes a top slot; then min_score; then the `top`
 * best scores, extended to every project tied with the last one admitted. */
static void bonus_admit(bonus_result *out, const bonus_input *in)
{
    size_t candidates = 0;
    for (size_t p = 0; p < in->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (mpq_sgn(r->score) == 0)
            r->reason = BONUS_REASON_SCORE_ZERO;
        else if (in->has_min_score && mpq_cmp(r->score, in->min_score) < 0)
            r->reason = BONUS_REASON_BELOW_MIN_SCORE;
        else {
            r->reason = BONUS_REASON_ELIGIBLE;
            candidates++;
        }
    }
    out->eligible_count = candidates;
    out->top_tie_extended = false;
    if (in->top == 0 || candidates <= in->top)
        return;

    bonus_keyed *order = xcalloc(candidates, sizeof *order);
    size_t n = 0;
    for (size_t p = 0; p < in->n_projects; p++)
        if (out->projects[p].reason == BONUS_REASON_ELIGIBLE) {
            order[n++] = (bonus_keyed){ .key = out->projects[p].score, .index = p };
        }
    qsort(order, n, sizeof *order, bonus_keyed_cmp_desc);
    mpq_srcptr last_admitted = order[in->top - 1].key;
    size_t admitted = in->top;
    for (size_t i = in->top; i < n; i++) {
        if (mpq_equal(order[i].key, last_admitted))
            admitted++;
        else
            out->projects[order[i].index].reason = BONUS_REASON_OUTSIDE_TOP;
    }
    out->eligible_count = admitted;
    out->top_tie_extended = admitted > in->top;
    free(order);
}

/* ---- steps 4 and 5: basis, cap, λ ----------------------------------------------------- */

/* SPEC §5.6 step 4: w(p) and c(p) = cap × grant for every project (step 5 then uses
 * the eligible ones only), so the Bonus sheet shows what a left-out project's basis was. */
static void bonus_basis(bonus_result *out, const bonus_input *in)
{
    for (size_t p = 0; p < in->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        const bonus_project *project = &in->projects[p];
        r->has_cap = in->has_cap;
        if (in->has_cap)
            mpq_mul(r->cap, in->cap, project->grant);
        switch (in->method) {
        case BONUS_SHARE:
            mpq_set(r->basis, r->score);
            break;
        case BONUS_GRANT_WEIGHTED:
            mpq_mul(r->basis, r->score, project->grant);
            break;
        case BONUS_GRANT_RATE:
            mpq_mul(r->basis, in->rate, project->grant);
            mpq_mul(r->basis, r->basis, r->score);
            break;
        }
    }
}

/* a(p) = min(λ·w, c) for every eligible project with w > 0. */
static void bonus_apply_lambda(bonus_result *out, const bonus_input *in)
{
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (r->reason != BONUS_REASON_ELIGIBLE || mpq_sgn(r->basis) <= 0)
            continue;
        mpq_mul(r->exact, out->lambda, r->basis);
        if (in->has_cap && mpq_cmp(r->exact, r->cap) > 0)
            mpq_set(r->exact, r->cap);
    }
}

/* The λ with Σ_{w>0} min(λ·w, c) = target, for target < Σ c (SPEC §5.6 step 5).
 * Water-filling: with the ratios c/w ascending, cap projects while the λ that would spread
 * what is left over the uncapped ones, R ÷ W, exceeds the next ratio. The sum is strictly
 * increasing in λ below max c/w, so this λ is the only one. */
static void bonus_water_fill(bonus_result *out, const bonus_input *in, const mpq_t target,
                             const mpq_t weight_sum)
{
    if (!in->has_cap) {
        mpq_div(out->lambda, target, weight_sum);
        return;
    }
    size_t n = 0;
    for (size_t p = 0; p < out->n_projects; p++)
        if (out->projects[p].reason == BONUS_REASON_ELIGIBLE && mpq_sgn(out->projects[p].basis) > 0)
            n++;
    bonus_keyed *heap = xcalloc(n, sizeof *heap);
    mpq_t *ratios = xcalloc(n, sizeof *ratios);
    size_t i = 0;
    for (size_t p = 0; p < out->n_projects; p++) {
        const bonus_project_result *r = &out->projects[p];
        if (r->reason != BONUS_REASON_ELIGIBLE || mpq_sgn(r->basis) <= 0)
            continue;
        mpq_init(ratios[i]);
        mpq_div(ratios[i], r->cap, r->basis);
        heap[i] = (bonus_keyed){ .key = ratios[i], .index = p };
        i++;
    }
    bonus_heapify(heap, n, bonus_keyed_cmp_asc);

    mpq_t remaining_pool, remaining_weight, candidate;
    mpq_init(remaining_pool);
    mpq_init(remaining_weight);
    mpq_init(candidate);
    mpq_set(remaining_pool, target);
    mpq_set(remaining_weight, weight_sum);
    /* Should the walk cap everything (only when target ≥ Σ c), λ is the last ratio. */
    for (size_t left = n; left > 0; left = bonus_heap_pop(heap, left, bonus_keyed_cmp_asc)) {
        const bonus_project_result *r = &out->projects[heap[0].index];
        mpq_set(out->lambda, heap[0].key);
        mpq_div(candidate, remaining_pool, remaining_weight);
        if (mpq_cmp(candidate, heap[0].key) <= 0) {
            mpq_set(out->lambda, candidate);
            break;
        }
        mpq_sub(remaining_pool, remaining_pool, r->cap);
        mpq_sub(remaining_weight, remaining_weight, r->basis);
    }
    mpq_clear(remaining_pool);
    mpq_clear(remaining_weight);
    mpq_clear(candidate);
    for (i = 0; i < n; i++)
        mpq_clear(ratios[i]);
    free(ratios);
    free(heap);
}

/* λ when every project gets its cap: the largest c/w over eligible projects with w > 0. */
static void bonus_largest_ratio(mpq_t largest, const bonus_result *out)
{
    mpq_t ratio;
    mpq_init(ratio);
    bool first = true;
    for (size_t p = 0; p < out->n_projects; p++) {
        const bonus_project_result *r = &out->projects[p];
        if (r->reason != BONUS_REASON_ELIGIBLE || mpq_sgn(r->basis) <= 0)
            continue;
        mpq_div(ratio, r->cap, r->basis);
        if (first || mpq_cmp(ratio, largest) > 0)
            mpq_set(largest, ratio);
        first = false;
    }
    mpq_clear(ratio);
}

/* SPEC §5.6 step 5. Projects not eligible, or eligible with basis 0, keep a(p) = 0. */
static void bonus_allocate_exact(bonus_result *out, const bonus_input *in)
{
    mpq_t weight_sum, cap_sum, capped_basis_sum;
    mpq_init(weight_sum);
    mpq_init(cap_sum);
    mpq_init(capped_basis_sum);
    /* Σ c runs over eligible projects; those left out here have w = 0, which under share and
     * grant-weighted means a grant of 0 and so c = 0. */
    for (size_t p = 0; p < out->n_projects; p++) {
        const bonus_project_result *r = &out->projects[p];
        if (r->reason != BONUS_REASON_ELIGIBLE || mpq_sgn(r->basis) <= 0)
            continue;
        mpq_add(weight_sum, weight_sum, r->basis);
        if (in->has_cap && in->method == BONUS_GRANT_RATE)
            mpq_add(capped_basis_sum, capped_basis_sum,
                    mpq_cmp(r->basis, r->cap) < 0 ? r->basis : r->cap);
        else if (in->has_cap)
            mpq_add(cap_sum, cap_sum, r->cap);
    }

    out->has_lambda = true;
    if (in->method == BONUS_GRANT_RATE) {
        /* λ = 1 unless Σ min(w, c) exceeds the pool (never when no basis is above 0). */
        if (!in->has_cap)
            mpq_set(capped_basis_sum, weight_sum);
        if (mpq_cmp(capped_basis_sum, in->pool) <= 0)
            mpq_set_ui(out->lambda, 1, 1);
        else
            bonus_water_fill(out, in, in->pool, weight_sum);
    } else if (mpq_sgn(weight_sum) == 0) {
        /* Nothing to share: every a(p) stays 0, and no λ makes Σ a equal anything. */
        out->has_lambda = false;
    } else if (in->has_cap && mpq_cmp(in->pool, cap_sum) >= 0) {
        /* pool ≥ Σ c: everyone gets the cap; the λ shown is max c/w. */
        bonus_largest_ratio(out->lambda, out);
    } else {
        bonus_water_fill(out, in, in->pool, weight_sum);
    }
    if (out->has_lambda)
        bonus_apply_lambda(out, in);

    mpq_clear(weight_sum);
    mpq_clear(cap_sum);
    mpq_clear(capped_basis_sum);
}

/* ---- step 6: rounding to the unit ----------------------------------------------------- */

static void bonus_round_to_unit(bonus_result *out, const bonus_input *in)
{
    mpq_t floor_sum, spare;
    mpz_t units, floor_units;   /* Σ floors = unit × floor_units: integers, no gcd */
    mpq_init(floor_sum);
    mpq_init(spare);
    mpz_init(units);
    mpz_init(floor_units);
    size_t with_remainder = 0;
    mpq_set_ui(out->exact_total, 0, 1);
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (r->reason != BONUS_REASON_ELIGIBLE)
            continue;
        mpq_add(out->exact_total, out->exact_total, r->exact);
        money_floor_units(r->floor, units, r->exact, in->unit);
        mpz_add(floor_units, floor_units, units);
        mpq_sub(r->remainder, r->exact, r->floor);
        mpq_set(r->bonus, r->floor);
        if (mpq_sgn(r->remainder) > 0)
            with_remainder++;
    }
    mpq_set_z(floor_sum, floor_units);
    mpq_mul(floor_sum, floor_sum, in->unit);
    money_floor_to(out->rounded_total, out->exact_total, in->unit);

    /* (A − Σ floors) ÷ u is a whole number: both are multiples of u. */
    mpq_sub(spare, out->rounded_total, floor_sum);
    mpq_div(spare, spare, in->unit);
    if (mpq_sgn(spare) > 0 && with_remainder > 0) {
        bonus_keyed *heap = xcalloc(with_remainder, sizeof *heap);
        size_t n = 0;
        mpz_t scaled, divisor;   /* remainder ÷ unit × 2^64 as num·u_den·2^64 ÷ (den·u_num) */
        mpz_init(scaled);
        mpz_init(divisor);
        for (size_t p = 0; p < out->n_projects; p++) {
            const bonus_project_result *r = &out->projects[p];
            if (r->reason == BONUS_REASON_ELIGIBLE && mpq_sgn(r->remainder) > 0) {
                /* 0 < remainder < unit, so the quotient is below 2^64. */
                mpz_mul(scaled, mpq_numref(r->remainder), mpq_denref(in->unit));
                mpz_mul_2exp(scaled, scaled, 64);
                mpz_mul(divisor, mpq_denref(r->remainder), mpq_numref(in->unit));
                mpz_fdiv_q(scaled, scaled, divisor);
                _Static_assert(GMP_NUMB_BITS == 64, "one limb holds the rank");
                uint64_t rank = (uint64_t)mpz_getlimbn(scaled, 0);   /* 0 when scaled is 0 */
                heap[n++] = (bonus_keyed){
                    .key = r->remainder,
                    .score = r->score,
                    .id = in->projects[p].id != NULL ? in->projects[p].id : "",
                    .index = p,
                    .rank = rank,
                };
            }
        }
        mpz_clear(scaled);
        mpz_clear(divisor);
        bonus_heapify(heap, n, bonus_keyed_cmp_unit);
        mpz_ptr units_left = mpq_numref(spare);
        for (; n > 0 && mpz_sgn(units_left) > 0; n = bonus_heap_pop(heap, n, bonus_keyed_cmp_unit)) {
            bonus_project_result *r = &out->projects[heap[0].index];
            mpq_add(r->bonus, r->floor, in->unit);
            /* A unit that would lift the bonus above the cap is not taken here. */
            if (in->has_cap && mpq_cmp(r->bonus, r->cap) > 0) {
                mpq_set(r->bonus, r->floor);
                continue;
            }
            r->got_extra_unit = true;
            mpz_sub_ui(units_left, units_left, 1);
            mpz_add_ui(floor_units, floor_units, 1);
        }
        free(heap);
    }

    /* Σ bonuses: every bonus is its floor, or its floor and one unit, or 0 for a project
     * not eligible — unit × (floor units + units given), the same rational as adding. */
    mpq_set_z(out->allocated, floor_units);
    mpq_mul(out->allocated, out->allocated, in->unit);
    mpq_sub(out->unallocated, in->pool, out->allocated);
    mpq_clear(floor_sum);
    mpq_clear(spare);
    mpz_clear(units);
    mpz_clear(floor_units);
}

/* ---- the whole of §5.6 ---------------------------------------------------------------- */

/* Steps 3–6 start from zeros, as bonus_result_init leaves them. */
static void bonus_reset_allocation(bonus_result *out)
{
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        mpq_set_ui(r->basis, 0, 1);
        mpq_set_ui(r->cap, 0, 1);
        mpq_set_ui(r->exact, 0, 1);
        mpq_set_ui(r->floor, 0, 1);
        mpq_set_ui(r->remainder, 0, 1);
        mpq_set_ui(r->bonus, 0, 1);
        r->got_extra_unit = false;
        r->has_cap = false;
    }
    out->has_lambda = false;
    mpq_set_ui(out->lambda, 0, 1);
    mpq_set_ui(out->exact_total, 0, 1);
    mpq_set_ui(out->rounded_total, 0, 1);
    mpq_set_ui(out->allocated, 0, 1);
    mpq_set_ui(out->unallocated, 0, 1);
}

void bonus_recompute(bonus_result *out, const bonus_input *in)
{
    /* Steps 1 and 2 read only the indicator values and weights, which the caller
     * promises are those out was computed with. */
    bonus_reset_allocation(out);
    bonus_admit(out, in);
    bonus_basis(out, in);
    bonus_allocate_exact(out, in);
    bonus_round_to_unit(out, in);
}

void bonus_compute(bonus_result *out, const bonus_input *in)
{
    bonus_result_init(out, in->n_projects, in->n_indicators);
    for (size_t k = 0; k < in->n_indicators; k++)
        bonus_normalize(out, in, k);
    bonus_score(out, in);
    bonus_admit(out, in);
    bonus_basis(out, in);
    bonus_allocate_exact(out, in);
    bonus_round_to_unit(out, in);
}
