/*
 * bonus — the performance bonus of SPEC §5.6, step by step:
 *   1. normalise every indicator over all projects,
 *   2. score each project,
 *   3. admit (min_score, top N with ties, never score 0),
 *   4. basis and cap,
 *   5. exact amounts by water-filling for λ,
 *   6. round to `unit` by largest remainder.
 *
 * Steps 1 and 2 are bonus_normalize.c's. Everything is an exact rational. Rank sorts by
 * radix and top once (qsort with an exact pre-filter); water-filling and the remaining
 * units take projects from a heap, so the whole computation is O(P log P) rational
 * operations.
 */
#include "bonus.h"
#include "bonus_steps.h"
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "rational_sum.h"

/* ---- result ----------------------------------------------------------------------- */

void bonus_result_clear(bonus_result *result)
{
    if (result == NULL)
        return;
    if (result->projects != NULL) {
        for (size_t p = 0; p < result->n_projects; p++) {
            bonus_project_result *r = &result->projects[p];
            mpq_clear(r->score);
            mpq_clear(r->basis);
            mpq_clear(r->exact);
            mpq_clear(r->bonus);
        }
        free(result->projects);
    }
    if (result->indicators != NULL) {
        for (size_t k = 0; k < result->n_indicators; k++) {
            bonus_normalization *nz = &result->indicators[k];
            mpq_clear(nz->low);
            mpq_clear(nz->high);
            mpq_clear(nz->denominator);
            free(nz->rank_sum);
        }
        free(result->indicators);
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
    if (n_projects > 0)
        out->projects = xcalloc(n_projects, sizeof *out->projects);
    for (size_t p = 0; p < n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        mpq_init(r->score);
        mpq_init(r->basis);
        mpq_init(r->exact);
        mpq_init(r->bonus);
        r->reason = BONUS_REASON_SCORE_ZERO;
    }
    if (n_indicators > 0)
        out->indicators = xcalloc(n_indicators, sizeof *out->indicators);
    for (size_t k = 0; k < n_indicators; k++) {
        mpq_init(out->indicators[k].low);
        mpq_init(out->indicators[k].high);
        mpq_init(out->indicators[k].denominator);
    }
    mpq_init(out->lambda);
    mpq_init(out->exact_total);
    mpq_init(out->rounded_total);
    mpq_init(out->allocated);
    mpq_init(out->unallocated);
}

/* ---- ordering helpers (bonus_keyed: bonus_steps.h) ------------------------------------ */

/* A comparator in qsort's convention: negative when a comes before b. */
typedef int (*bonus_order)(const void *a, const void *b);

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
     * different ranks order the remainders exactly; equal ranks (rare but for equal
     * amounts) compare the rationals a − floor, in scratch kept between calls. */
    if (x->rank != y->rank)
        return x->rank < y->rank ? 1 : -1;
    static mpq_t remainder_x, remainder_y;
    static bool ready;
    if (!ready) {
        mpq_init(remainder_x);
        mpq_init(remainder_y);
        ready = true;
    }
    mpq_sub(remainder_x, x->key, x->floor);
    mpq_sub(remainder_y, y->key, y->floor);
    int c = mpq_cmp(remainder_y, remainder_x);
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

/* ---- step 3: eligibility ------------------------------------------------------------ */


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
    mpz_t scratch;
    mpz_init(scratch);
    for (size_t p = 0; p < in->n_projects; p++)
        if (out->projects[p].reason == BONUS_REASON_ELIGIBLE) {
            mpq_srcptr score = out->projects[p].score;
            order[n] = (bonus_keyed){ .key = score, .index = p };
            order[n].rank = bonus_prefilter(score, scratch, &order[n].whole);
            n++;
        }
    mpz_clear(scratch);
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

bool bonus_cap(mpq_t out, const bonus_input *in, size_t p)
{
    if (!in->has_cap) {
        mpq_set_ui(out, 0, 1);
        return false;
    }
    mpq_mul(out, in->cap, in->projects[p].grant);
    return true;
}

/* SPEC §5.6 step 4: w(p) for every project (step 5 then uses the eligible ones only), so
 * the Bonus sheet shows what a left-out project's basis was. */
static void bonus_basis(bonus_result *out, const bonus_input *in)
{
    for (size_t p = 0; p < in->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        const bonus_project *project = &in->projects[p];
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

/* Whether step 5 gives project p an amount: eligible with w > 0. */
static bool bonus_takes_part(const bonus_project_result *r)
{
    return r->reason == BONUS_REASON_ELIGIBLE && mpq_sgn(r->basis) > 0;
}

/* Scratch of steps 5 and 6: c(p) = cap × grant of the projects that take part, computed
 * once (the result keeps no cap: bonus_cap derives it). NULL without a cap. */
static mpq_t *bonus_caps_new(const bonus_result *out, const bonus_input *in)
{
    if (!in->has_cap || out->n_projects == 0)
        return NULL;
    mpq_t *caps = xcalloc(out->n_projects, sizeof *caps);
    for (size_t p = 0; p < out->n_projects; p++)
        if (bonus_takes_part(&out->projects[p])) {
            mpq_init(caps[p]);
            bonus_cap(caps[p], in, p);
        }
    return caps;
}

static void bonus_caps_free(mpq_t *caps, const bonus_result *out)
{
    if (caps == NULL)
        return;
    for (size_t p = 0; p < out->n_projects; p++)
        if (bonus_takes_part(&out->projects[p]))
            mpq_clear(caps[p]);
    free(caps);
}

/* a(p) = min(λ·w, c) for every eligible project with w > 0. */
static void bonus_apply_lambda(bonus_result *out, mpq_t *caps)
{
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (!bonus_takes_part(r))
            continue;
        mpq_mul(r->exact, out->lambda, r->basis);
        if (caps != NULL && mpq_cmp(r->exact, caps[p]) > 0)
            mpq_set(r->exact, caps[p]);
    }
}

/* Sets a = λ·w for every project taking part while it stays within its cap; false at
 * the first that would not (the caller then applies λ again, capping). */
static bool bonus_lambda_within_caps(bonus_result *out, mpq_t *caps)
{
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (!bonus_takes_part(r))
            continue;
        mpq_mul(r->exact, out->lambda, r->basis);
        if (mpq_cmp(r->exact, caps[p]) > 0)
            return false;
    }
    return true;
}

/* The λ with Σ_{w>0} min(λ·w, c) = target, for target < Σ c (SPEC §5.6 step 5).
 * Water-filling: with the ratios c/w ascending, cap projects while the λ that would spread
 * what is left over the uncapped ones, R ÷ W, exceeds the next ratio. The sum is strictly
 * increasing in λ below max c/w, so this λ is the only one. True when the amounts a = λ·w
 * are already set (no project capped). */
static bool bonus_water_fill(bonus_result *out, mpq_t *caps, const mpq_t target,
                             const mpq_t weight_sum)
{
    mpq_div(out->lambda, target, weight_sum);
    if (caps == NULL)
        return false;
    /* Most rounds cap no one: when every λ·w with λ = target ÷ W stays within its cap,
     * target ÷ W ≤ every c/w and the walk below would stop at its first step with this λ.
     * Checking costs the multiplication per project that the amounts need anyway, instead
     * of a division per project and a heap (issue 13). */
    if (bonus_lambda_within_caps(out, caps))
        return true;
    size_t n = 0;
    for (size_t p = 0; p < out->n_projects; p++)
        if (bonus_takes_part(&out->projects[p]))
            n++;
    bonus_keyed *heap = xcalloc(n, sizeof *heap);
    mpq_t *ratios = xcalloc(n, sizeof *ratios);
    size_t i = 0;
    for (size_t p = 0; p < out->n_projects; p++) {
        const bonus_project_result *r = &out->projects[p];
        if (!bonus_takes_part(r))
            continue;
        mpq_init(ratios[i]);
        mpq_div(ratios[i], caps[p], r->basis);
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
        size_t p = heap[0].index;
        mpq_set(out->lambda, heap[0].key);
        mpq_div(candidate, remaining_pool, remaining_weight);
        if (mpq_cmp(candidate, heap[0].key) <= 0) {
            mpq_set(out->lambda, candidate);
            break;
        }
        mpq_sub(remaining_pool, remaining_pool, caps[p]);
        mpq_sub(remaining_weight, remaining_weight, out->projects[p].basis);
    }
    mpq_clear(remaining_pool);
    mpq_clear(remaining_weight);
    mpq_clear(candidate);
    for (i = 0; i < n; i++)
        mpq_clear(ratios[i]);
    free(ratios);
    free(heap);
    return false;
}

/* λ when every project gets its cap: the largest c/w over eligible projects with w > 0. */
static void bonus_largest_ratio(mpq_t largest, const bonus_result *out, mpq_t *caps)
{
    mpq_t ratio;
    mpq_init(ratio);
    bool first = true;
    for (size_t p = 0; p < out->n_projects; p++) {
        const bonus_project_result *r = &out->projects[p];
        if (!bonus_takes_part(r))
            continue;
        mpq_div(ratio, caps[p], r->basis);
        if (first || mpq_cmp(ratio, largest) > 0)
            mpq_set(largest, ratio);
        first = false;
    }
    mpq_clear(ratio);
}

/* SPEC §5.6 step 5. Projects not eligible, or eligible with basis 0, keep a(p) = 0. */
static void bonus_allocate_exact(bonus_result *out, const bonus_input *in, mpq_t *caps)
{
    mpq_t weight_sum, cap_sum, capped_basis_sum;
    mpq_init(weight_sum);
    mpq_init(cap_sum);
    mpq_init(capped_basis_sum);
    /* Σ c runs over eligible projects; those left out here have w = 0, which under share and
     * grant-weighted means a grant of 0 and so c = 0. The sums over a common denominator
     * (rational_sum.h): the bases share one, issue 13. */
    rational_sum weights, capped;
    rational_sum_init(&weights);
    rational_sum_init(&capped);
    for (size_t p = 0; p < out->n_projects; p++) {
        const bonus_project_result *r = &out->projects[p];
        if (!bonus_takes_part(r))
            continue;
        rational_sum_add(&weights, r->basis);
        if (caps != NULL && in->method == BONUS_GRANT_RATE)
            rational_sum_add(&capped, mpq_cmp(r->basis, caps[p]) < 0 ? r->basis : caps[p]);
        else if (caps != NULL)
            rational_sum_add(&capped, caps[p]);
    }
    rational_sum_get(weight_sum, &weights);
    rational_sum_get(in->method == BONUS_GRANT_RATE ? capped_basis_sum : cap_sum, &capped);
    rational_sum_clear(&weights);
    rational_sum_clear(&capped);

    out->has_lambda = true;
    bool applied = false;   /* the amounts already set by bonus_water_fill */
    if (in->method == BONUS_GRANT_RATE) {
        /* λ = 1 unless Σ min(w, c) exceeds the pool (never when no basis is above 0). */
        if (caps == NULL)
            mpq_set(capped_basis_sum, weight_sum);
        if (mpq_cmp(capped_basis_sum, in->pool) <= 0)
            mpq_set_ui(out->lambda, 1, 1);
        else
            applied = bonus_water_fill(out, caps, in->pool, weight_sum);
    } else if (mpq_sgn(weight_sum) == 0) {
        /* Nothing to share: every a(p) stays 0, and no λ makes Σ a equal anything. */
        out->has_lambda = false;
    } else if (caps != NULL && mpq_cmp(in->pool, cap_sum) >= 0) {
        /* pool ≥ Σ c: everyone gets the cap; the λ shown is max c/w. */
        bonus_largest_ratio(out->lambda, out, caps);
    } else {
        applied = bonus_water_fill(out, caps, in->pool, weight_sum);
    }
    if (out->has_lambda && !applied)
        bonus_apply_lambda(out, caps);

    mpq_clear(weight_sum);
    mpq_clear(cap_sum);
    mpq_clear(capped_basis_sum);
}

/* ---- step 6: rounding to the unit ----------------------------------------------------- */

void bonus_floor(mpq_t out, const bonus_result *result, const bonus_input *in, size_t p)
{
    if (result->projects[p].reason != BONUS_REASON_ELIGIBLE) {
        mpq_set_ui(out, 0, 1);
        return;
    }
    money_floor_to(out, result->projects[p].exact, in->unit);
}

void bonus_remainder(mpq_t out, const bonus_result *result, const bonus_input *in, size_t p)
{
    bonus_floor(out, result, in, p);
    mpq_sub(out, result->projects[p].exact, out);
}

/* Step 6 for one amount a, from one division a ÷ u = N ÷ D (N = a_num·u_den,
 * D = a_den·u_num, no gcd): whole = ⌊a ÷ u⌋, floor = u × whole, and the rank
 * ⌊(a ÷ u − whole) × 2^64⌋ of the remainder (below 2^64: the remainder is below u).
 * True when the remainder is above 0. top and bottom are scratch. */
static bool bonus_floor_rank(mpq_t floor, mpz_t whole, uint64_t *rank, const mpq_t a,
                             const mpq_t unit, mpz_t top, mpz_t bottom)
{
    mpz_mul(top, mpq_numref(a), mpq_denref(unit));
    mpz_mul(bottom, mpq_denref(a), mpq_numref(unit));
    mpz_fdiv_qr(whole, top, top, bottom);   /* top = N mod D, 0 ≤ top < D */
    mpq_set_z(floor, whole);
    mpq_mul(floor, floor, unit);
    *rank = 0;
    if (mpz_sgn(top) == 0)
        return false;
    mpz_mul_2exp(top, top, 64);
    mpz_fdiv_q(top, top, bottom);
    _Static_assert(GMP_NUMB_BITS == 64, "one limb holds the rank");
    *rank = (uint64_t)mpz_getlimbn(top, 0);
    return true;
}

static void bonus_round_to_unit(bonus_result *out, const bonus_input *in, mpq_t *caps)
{
    mpq_t floor_sum, spare;
    mpz_t units, floor_units;   /* Σ floors = unit × floor_units: integers, no gcd */
    mpz_t top, bottom;
    mpq_init(floor_sum);
    mpq_init(spare);
    mpz_init(units);
    mpz_init(floor_units);
    mpz_init(top);
    mpz_init(bottom);
    /* the remainders' ranks, for the heap below: one division per project */
    uint64_t *ranks = out->n_projects > 0 ? xmalloc(out->n_projects * sizeof *ranks) : NULL;
    size_t with_remainder = 0;
    rational_sum exact_sum;
    rational_sum_init(&exact_sum);
    /* Each bonus starts at its floor (bonus_floor); the remainder is a − floor. */
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        if (r->reason != BONUS_REASON_ELIGIBLE)
            continue;
        rational_sum_add(&exact_sum, r->exact);
        if (bonus_floor_rank(r->bonus, units, &ranks[p], r->exact, in->unit, top, bottom))
            with_remainder++;
        mpz_add(floor_units, floor_units, units);
    }
    rational_sum_get(out->exact_total, &exact_sum);
    rational_sum_clear(&exact_sum);
    mpq_set_z(floor_sum, floor_units);
    mpq_mul(floor_sum, floor_sum, in->unit);
    money_floor_to(out->rounded_total, out->exact_total, in->unit);

    /* (A − Σ floors) ÷ u is a whole number: both are multiples of u. */
    mpq_sub(spare, out->rounded_total, floor_sum);
    mpq_div(spare, spare, in->unit);
    if (mpq_sgn(spare) > 0 && with_remainder > 0) {
        bonus_keyed *heap = xcalloc(with_remainder, sizeof *heap);
        size_t n = 0;
        for (size_t p = 0; p < out->n_projects; p++) {
            const bonus_project_result *r = &out->projects[p];
            if (r->reason != BONUS_REASON_ELIGIBLE || mpq_cmp(r->exact, r->bonus) <= 0)
                continue;
            heap[n++] = (bonus_keyed){
                .key = r->exact,
                .floor = r->bonus,   /* the floor until a unit is given, after the heap */
                .score = r->score,
                .id = in->projects[p].id != NULL ? in->projects[p].id : "",
                .index = p,
                .rank = ranks[p],
            };
        }
        bonus_heapify(heap, n, bonus_keyed_cmp_unit);
        mpz_ptr units_left = mpq_numref(spare);
        for (; n > 0 && mpz_sgn(units_left) > 0; n = bonus_heap_pop(heap, n, bonus_keyed_cmp_unit)) {
            size_t p = heap[0].index;
            bonus_project_result *r = &out->projects[p];
            /* heap[0] leaves the heap (bonus_heap_pop) before its bonus is compared again */
            mpq_add(r->bonus, r->bonus, in->unit);
            /* A unit that would lift the bonus above the cap is not taken here. */
            if (caps != NULL && mpq_cmp(r->bonus, caps[p]) > 0) {
                mpq_sub(r->bonus, r->bonus, in->unit);
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
    free(ranks);
    mpq_clear(floor_sum);
    mpq_clear(spare);
    mpz_clear(units);
    mpz_clear(floor_units);
    mpz_clear(top);
    mpz_clear(bottom);
}

/* ---- the whole of §5.6 ---------------------------------------------------------------- */

/* Steps 3–6 start from zeros, as bonus_result_init leaves them. */
static void bonus_reset_allocation(bonus_result *out)
{
    for (size_t p = 0; p < out->n_projects; p++) {
        bonus_project_result *r = &out->projects[p];
        mpq_set_ui(r->basis, 0, 1);
        mpq_set_ui(r->exact, 0, 1);
        mpq_set_ui(r->bonus, 0, 1);
        r->got_extra_unit = false;
    }
    out->has_lambda = false;
    mpq_set_ui(out->lambda, 0, 1);
    mpq_set_ui(out->exact_total, 0, 1);
    mpq_set_ui(out->rounded_total, 0, 1);
    mpq_set_ui(out->allocated, 0, 1);
    mpq_set_ui(out->unallocated, 0, 1);
}

/* Steps 3–6 on scores already computed. */
static void bonus_allocate(bonus_result *out, const bonus_input *in)
{
    bonus_admit(out, in);
    bonus_basis(out, in);
    mpq_t *caps = bonus_caps_new(out, in);
    bonus_allocate_exact(out, in, caps);
    bonus_round_to_unit(out, in, caps);
    bonus_caps_free(caps, out);
}

void bonus_recompute(bonus_result *out, const bonus_input *in)
{
    /* Steps 1 and 2 read only the indicator values and weights, which the caller
     * promises are those out was computed with. */
    bonus_reset_allocation(out);
    bonus_allocate(out, in);
}

void bonus_compute(bonus_result *out, const bonus_input *in)
{
    bonus_result_init(out, in->n_projects, in->n_indicators);
    for (size_t k = 0; k < in->n_indicators; k++)
        bonus_normalize(&out->indicators[k], in, k);
    bonus_score(out, in);
    bonus_allocate(out, in);
}
