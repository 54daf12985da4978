/*
 * bench_bonus — times bonus_compute (SPEC §5.6) on random inputs of 10 000 and
 * 1 000 000 projects shaped like a real call for bonuses: three indicators weighted
 * 60/30/10 % normalised by max, share and rank; grant-rate 15 % with a cap of 20 % of the
 * grant; unit 500; pool 2 000 000.
 *
 *     make BUILD=build build/bench/bench_bonus && ./build/bench/bench_bonus [N...]
 *
 * Prints one line per size, e.g.
 *     bonus_compute 10000 projects: 0.012 s, peak RSS 45 MiB
 * Peak RSS is the process's high-water mark so far (inputs included).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bonus.h"

/* splitmix64: a fixed seed gives the same inputs on every run. */
static uint64_t rng_state = 20130601;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned long rng_below(unsigned long n)
{
    return (unsigned long)(rng_next() % n);
}

static char *copy_text(const char *text)
{
    char *copy = strdup(text);
    if (copy == NULL) {
        perror("bench_bonus");
        exit(EXIT_FAILURE);
    }
    return copy;
}

static void *allocate(size_t count, size_t size)
{
    void *block = calloc(count, size);
    if (block == NULL) {
        perror("bench_bonus");
        exit(EXIT_FAILURE);
    }
    return block;
}

static void build_input(bonus_input *in, size_t n_projects)
{
    static const char *const ids[] = { "activation", "placements", "satisfaction" };
    static const unsigned long weight_percent[] = { 60, 30, 10 };
    static const normalize_method normalize[] = { NORMALIZE_MAX, NORMALIZE_SHARE, NORMALIZE_RANK };

    bonus_input_init(in);
    in->method = BONUS_GRANT_RATE;
    mpq_set_ui(in->pool, 2000000, 1);
    mpq_set_ui(in->rate, 15, 100);
    in->has_cap = true;
    mpq_set_ui(in->cap, 20, 100);
    mpq_canonicalize(in->cap);
    mpq_set_ui(in->unit, 500, 1);

    in->n_indicators = 3;
    in->indicators = allocate(3, sizeof *in->indicators);
    for (size_t k = 0; k < 3; k++) {
        in->indicators[k].id = copy_text(ids[k]);
        mpq_init(in->indicators[k].weight);
        mpq_set_ui(in->indicators[k].weight, weight_percent[k], 100);
        mpq_canonicalize(in->indicators[k].weight);
        in->indicators[k].normalize = normalize[k];
    }

    in->n_projects = n_projects;
    in->projects = allocate(n_projects, sizeof *in->projects);
    for (size_t p = 0; p < n_projects; p++) {
        bonus_project *project = &in->projects[p];
        char id[32];
        snprintf(id, sizeof id, "project-%07zu", p);
        project->id = copy_text(id);
        project->name = copy_text(id);
        mpq_init(project->grant);
        /* grants 100 000 … 2 000 000 € in whole euros */
        mpq_set_ui(project->grant, 100000 + rng_below(1900001), 1);
        project->values = allocate(3, sizeof *project->values);
        for (size_t k = 0; k < 3; k++) {
            mpq_init(project->values[k]);
            /* a rate with one decimal of a percent (0,0 … 100,0 %), a count, a 1…5 grade */
            if (k == 0)
                mpq_set_ui(project->values[k], rng_below(1001), 1000);
            else if (k == 1)
                mpq_set_ui(project->values[k], rng_below(500), 1);
            else
                mpq_set_ui(project->values[k], 1 + rng_below(5), 1);
            mpq_canonicalize(project->values[k]);
        }
    }
}

static long peak_rss_mib(void)
{
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return usage.ru_maxrss / 1024;   /* ru_maxrss is in KiB on Linux */
}

static int run(size_t n_projects)
{
    bonus_input in;
    build_input(&in, n_projects);

    struct timespec start, end;
    bonus_result result;
    clock_gettime(CLOCK_MONOTONIC, &start);
    bonus_compute(&result, &in);
    clock_gettime(CLOCK_MONOTONIC, &end);
    long long elapsed_ns = (long long)(end.tv_sec - start.tv_sec) * 1000000000LL
                           + (end.tv_nsec - start.tv_nsec);
    /* A double only for printing the measured time. */
    printf("bonus_compute %zu projects: %.3f s, peak RSS %ld MiB (eligible %zu, allocated ",
           n_projects, (double)elapsed_ns / 1e9, peak_rss_mib(), result.eligible_count);
    mpq_out_str(stdout, 10, result.allocated);
    printf(")\n");
    fflush(stdout);
    bonus_result_clear(&result);
    bonus_input_clear(&in);
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            failed |= run(strtoul(argv[i], NULL, 10)) != 0;
    } else {
        failed |= run(10000) != 0;
        failed |= run(1000000) != 0;
    }
    if (fclose(stdout) != 0) {
        perror("bench_bonus");
        return EXIT_FAILURE;
    }
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
