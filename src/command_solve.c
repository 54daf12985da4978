/*
 * command_solve — `tkk solve FILE.ini --find PATH --goal 'NAME OP VALUE'` (SPEC §7.4):
 * the largest (--max) or smallest (--min) value of PATH on the grid A, A+S, …, B at
 * which the goal holds.
 *
 * The files are read once; every probe is the scenario built with the --set overrides
 * and PATH=VALUE, computed exactly (solve_probe.c); the search is bisection over the grid
 * (solve.c). The answer and its neighbour are then loaded once more from the file, as
 * `tkk run --set PATH=VALUE` loads them, and the goal checked on them: a warning says so
 * when the goal does not hold at the answer or also holds at the neighbour, or when the
 * figure was not monotone over the probed values (bisection is exact only then).
 * Output: a small table on stdout (fi/en); with -o, the scenario at the answer as a
 * workbook, OUTDIR/<id>-solved.xlsx, whose Summary states the question and the answer.
 * Exit status: 0 with an answer, 1 when no value of the grid meets the goal or the
 * scenario is invalid, 2 for a usage error (unknown PATH or NAME, a bad grid), 3 I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "common.h"
#include "number.h"
#include "output_path.h"
#include "results.h"
#include "scenario_load.h"
#include "solve.h"
#include "solve_probe.h"
#include "suggest.h"
#include "text_table.h"
#include "workbook.h"

typedef struct {
    const char *fi, *en;
} label;

#define L(lang, l) ((lang) == LANG_EN ? (l).en : (l).fi)

static const label
    T_HEADING = {"Tavoitehaku", "Goal seek"},
    T_LARGEST = {"suurin", "the largest"},
    T_SMALLEST = {"pienin", "the smallest"},
    T_QUESTION = {"%s arvo %s välillä %s … %s (askel %s), jolla %s %s %s",
                  "%s value of %s in %s … %s (step %s) where %s %s %s"},
    H_ROW = {"", ""},
    H_GOAL = {"Tavoite", "Goal"},
    R_ANSWER = {"Vastaus", "Answer"},
    R_NEXT = {"Seuraava arvo", "Next value"},
    R_PREVIOUS = {"Edellinen arvo", "Previous value"},
    V_HOLDS = {"täyttyy", "holds"},
    V_FAILS = {"ei täyty", "fails"},
    V_UNDEFINED = {"ei määritelty", "not defined"},
    S_QUESTION = {"Kysymys", "Question"},
    S_AT_ANSWER = {"%s vastauksessa", "%s at the answer"},
    S_AT_NEIGHBOUR = {"%s: %s", "%s: %s"},
    S_CHECK = {"Tarkistus", "Check"},
    S_PROBES = {"Laskettuja arvoja", "Values computed"},
    C_PROVED = {"tavoite täyttyy vastauksessa eikä sen naapurissa (laskettu uudelleen)",
                "the goal holds at the answer and fails at its neighbour (computed again)"},
    C_END = {"vastaus on hakualueen päässä: tavoite täyttyy siinä (laskettu uudelleen)",
             "the answer is the end of the range: the goal holds there (computed again)"},
    C_NOT_MONOTONE = {"VAROITUS: luku ei ole monotoninen haun arvoissa; hakualueella voi olla "
                      "muitakin arvoja, joilla tavoite täyttyy",
                      "WARNING: the figure is not monotone over the values computed; other "
                      "values of the range may meet the goal too"},
    C_DISAGREE = {"VAROITUS: uudelleen laskettu tulos poikkeaa haun tuloksesta",
                  "WARNING: computing again gave another result than the search"},
    N_END_MAX = {"Tavoite täyttyy hakualueen ylärajalla (--to): suurempi --to voi antaa "
                 "suuremman arvon.",
                 "The goal holds at the end of the range (--to): a larger --to may give a "
                 "larger value."},
    W_NOT_AGAIN = {"tkk: %s: varoitus: vastauksen skenaariota ei voitu laskea uudelleen: ei "
                   "monotoninen tässä\n",
                   "tkk: %s: warning: the scenario at the answer could not be computed again: "
                   "not monotone here\n"},
    W_NEIGHBOUR_HOLDS = {"tkk: %s: varoitus: uudelleen laskettuna tavoite täyttyy myös "
                         "naapuriarvossa: ei monotoninen tässä\n",
                         "tkk: %s: warning: computed again, the goal also holds at the "
                         "neighbour: not monotone here\n"},
    W_ANSWER_FAILS = {"tkk: %s: varoitus: uudelleen laskettuna tavoite ei täyty vastauksessa: "
                      "ei monotoninen tässä\n",
                      "tkk: %s: warning: computed again, the goal does not hold at the "
                      "answer: not monotone here\n"},
    W_DISAGREE = {"tkk: %s: varoitus: uudelleen laskettu luku poikkeaa haun luvusta\n",
                  "tkk: %s: warning: computing the answer again gave another figure than the "
                  "search\n"},
    W_NOT_MONOTONE = {"tkk: %s: varoitus: %s ei ole monotoninen muuttujan %s suhteen %zu "
                      "lasketussa arvossa: puolitushaku löysi kohdan, jossa tavoite vaihtuu, "
                      "mutta muutkin hakualueen arvot voivat täyttää sen (tkk sweep näyttää "
                      "koko alueen)\n",
                      "tkk: %s: warning: %s is not monotone in %s over the %zu values "
                      "computed: bisection found where the goal changes, but other values of "
                      "the range may meet it too (tkk sweep shows the whole range)\n"},
    E_NONE = {"tkk: %s: mikään muuttujan %s arvo välillä %s … %s ei täytä tavoitetta %s\n",
              "tkk: %s: no value of %s in %s … %s meets the goal %s\n"},
    E_UNDEFINED = {"tkk: %s: %s ei ole määritelty yhdessäkään lasketussa arvossa: %s\n",
                   "tkk: %s: %s is not defined at any value computed: %s\n"},
    E_RANGE = {"tkk: %s: %s on pienimmillään %s (kohdassa %s) ja suurimmillaan %s (kohdassa "
               "%s) %zu lasketussa arvossa%s\n",
               "tkk: %s: %s ranges from %s (at %s) to %s (at %s) over the %zu values "
               "computed%s\n"},
    E_RANGE_MONOTONE = {"; jos luku on monotoninen, tämä on sen vaihteluväli koko hakualueella",
                        ", which are its range over the grid if it is monotone in PATH"},
    N_END_MIN = {"Tavoite täyttyy hakualueen alarajalla (--from): pienempi --from voi antaa "
                 "pienemmän arvon.",
                 "The goal holds at the start of the range (--from): a smaller --from may "
                 "give a smaller value."};

/* ---- Formatting ----------------------------------------------------------------------- */

/* The decimals a value needs to be written exactly, when it has a finite expansion. */
static bool exact_decimals(const mpq_t value, unsigned *decimals)
{
    mpz_t rest, factor;
    mpz_inits(rest, factor, NULL);
    mpz_set(rest, mpq_denref(value));
    mpz_set_ui(factor, 2);
    unsigned long twos = (unsigned long)mpz_remove(rest, rest, factor);
    mpz_set_ui(factor, 5);
    unsigned long fives = (unsigned long)mpz_remove(rest, rest, factor);
    bool finite = mpz_cmp_ui(rest, 1) == 0;
    unsigned long need = twos > fives ? twos : fives;
    *decimals = need > 12 ? 12 : (unsigned)need;
    mpz_clears(rest, factor, NULL);
    return finite && need <= 12;
}

/* A value of PATH for people: "9,4", "2 400,50 €", "23,4 %"; "≈ " when not exact. */
static char *path_value_text(const mpq_t value, solve_key_kind kind, language lang)
{
    unsigned decimals;
    bool exact;
    char *number;
    if (kind == SOLVE_KEY_RATIO || kind == SOLVE_KEY_UNIT_RATIO) {
        mpq_t hundredfold;
        mpq_init(hundredfold);
        mpq_set_ui(hundredfold, 100, 1);
        mpq_mul(hundredfold, hundredfold, value);
        exact = exact_decimals(hundredfold, &decimals);
        mpq_clear(hundredfold);
        number = percent_format(value, exact ? decimals : 6, lang);
    } else if (kind == SOLVE_KEY_MONEY) {
        exact = exact_decimals(value, &decimals);
        number = exact && decimals <= 2 ? money_format(value, lang)
                                        : amount_format(value, exact ? decimals : 6, lang);
    } else {
        exact = exact_decimals(value, &decimals);
        number = amount_format(value, exact ? decimals : 6, lang);
    }
    if (exact || !number)
        return number;
    char *text = NULL;
    if (asprintf(&text, "≈ %s", number) < 0)
        text = NULL;
    free(number);
    return text;
}

/* A figure: money to the cent (SPEC §3 rounds money figures already), Caseload with up to
 * four decimals as `tkk show` prints a KPI, "≈ " when that is not exact. */
static char *metric_text(const mpq_t value, solve_metric metric, language lang)
{
    if (solve_metric_is_money(metric))
        return money_format(value, lang);
    unsigned decimals;
    bool exact = exact_decimals(value, &decimals) && decimals <= 4;
    char *number = amount_format(value, 4, lang);
    if (exact || !number)
        return number;
    char *text = NULL;
    if (asprintf(&text, "≈ %s", number) < 0)
        text = NULL;
    free(number);
    return text;
}

/* ---- The run -------------------------------------------------------------------------- */

typedef struct {
    const cli_options *opts;
    const char *file;
    language lang;
    solve_goal goal;
    solve_key_kind kind;
    solve_grid grid;
    bool maximise;
    scenario_source *src;
    scenario *base;
    diag_list base_diags;
    const char **sets;            /* --set overrides and one slot */
    solve_probe probe;
    solve_result res;
    /* The answer and its neighbour loaded again from the file (tkk run --set). */
    scenario *solved;
    results *solved_results;
    bool verified;                /* the goal holds at the answer, fails at the neighbour */
    bool agrees;                  /* and the figures equal the search's */
    mpq_t answer_value, neighbour_value;
    char *question;
} solve_run;

static int out_of_memory(void)
{
    fprintf(stderr, "tkk: out of memory\n");
    return EXIT_IO;
}

/* The loader names PATH=VALUE "--set:N" (N = the --set overrides + 1): say "--find". */
static void name_find(diag_list *diags, size_t n_sets)
{
    for (size_t i = 0; i < diags->count; i++) {
        diag *d = &diags->items[i];
        if (strcmp(d->file, "--set") != 0 || d->line != (int)n_sets + 1)
            continue;
        char *file = strdup("--find");
        if (file) {
            free(d->file);
            d->file = file;
            d->line = 0;
        }
    }
}

/* PATH must be an input of the scenario or a key it accepts; its current value a number.
 * Returns an exit status; current gets the value (0 when the file does not write it). */
static int check_path(solve_run *run, mpq_t current)
{
    const scenario *base = run->base;
    const char *path = run->opts->find;
    const char *written = NULL;
    for (size_t i = 0; i < base->n_inputs; i++)
        if (strcasecmp(base->inputs[i].path, path) == 0)
            written = base->inputs[i].value;
    if (!written) {
        /* A key the file does not write (e.g. funding.state_cap, cost.other.monthly) is
         * fine when the loader accepts it (at 0, its value then); else a misspelling. */
        diag_list diags = {0};
        mpq_set_ui(current, 0, 1);
        scenario *s = solve_probe_build(&run->probe, current, &diags);
        bool accepted = s != NULL;
        scenario_free(s);
        const char **paths = accepted ? NULL : calloc(base->n_inputs + 1, sizeof *paths);
        const char *guess = NULL;
        if (paths) {
            for (size_t i = 0; i < base->n_inputs; i++)
                paths[i] = base->inputs[i].path;
            guess = suggest_closest(path, paths);
        }
        if (guess) {
            fprintf(stderr, "tkk: --find %s: not an input of %s; did you mean %s?\n", path,
                    run->file, guess);
        } else if (!accepted) {
            name_find(&diags, run->opts->n_sets);
            diag_print(&diags, stderr);
            fprintf(stderr, "tkk: --find %s: not an input %s accepts\n", path, run->file);
        }
        free(paths);
        diag_list_free(&diags);
        return accepted ? EXIT_OK : EXIT_USAGE;
    }
    if (number_parse(current, written, NUMBER_MEASURE, NULL) != NULL) {
        fprintf(stderr, "tkk: --find %s: its value '%s' is not a number; solve varies a number\n",
                path, written);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* --from, --to or --step as written, or the default. Returns an exit status. */
static int grid_bound(mpq_t out, const char *option, const char *text, solve_key_kind kind)
{
    number_info info;
    const char *why = number_parse(out, text, NUMBER_MEASURE, &info);
    if (why) {
        fprintf(stderr, "tkk: %s '%s': %s\n", option, text, why);
        return EXIT_USAGE;
    }
    bool ratio = kind == SOLVE_KEY_RATIO || kind == SOLVE_KEY_UNIT_RATIO;
    if (info.percent && !ratio) {
        fprintf(stderr, "tkk: %s '%s': '%%' is for ratio keys (side_costs, state_share, "
                        "own_min_share, weight, rate, cap, min_score, indexation)\n",
                option, text);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int build_grid(solve_run *run, const mpq_t current)
{
    const cli_options *opts = run->opts;
    mpq_t from, to, step;
    mpq_inits(from, to, step, NULL);
    int status = EXIT_OK;
    if (opts->from)
        status = grid_bound(from, "--from", opts->from, run->kind);
    if (status == EXIT_OK && opts->step)
        status = grid_bound(step, "--step", opts->step, run->kind);
    else if (status == EXIT_OK)
        solve_default_step(step, run->kind);
    if (status == EXIT_OK && mpq_sgn(step) <= 0) {
        fprintf(stderr, "tkk: --step %s: the step must be above 0\n", opts->step);
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && opts->to)
        status = grid_bound(to, "--to", opts->to, run->kind);
    else if (status == EXIT_OK)
        solve_default_to(to, run->kind, current, from, step);
    char error[512];
    if (status == EXIT_OK && solve_grid_init(&run->grid, from, to, step, error, sizeof error) != 0) {
        fprintf(stderr, "tkk: %s%s\n", error,
                opts->to ? "" : " (--to defaults to 1 000 x the current value: give --to)");
        status = EXIT_USAGE;
    }
    mpq_clears(from, to, step, NULL);
    return status;
}

/* Loads the scenario at value as `tkk run --set ... --set PATH=VALUE` does and takes the
 * figure; prints warnings the base did not have. NULL scenario when invalid. */
static scenario *load_again(solve_run *run, const mpq_t value, results **r, bool *defined,
                            mpq_t metric)
{
    *r = NULL;
    *defined = false;
    char *assignment = solve_probe_assignment(&run->probe, value);
    if (!assignment)
        return NULL;
    run->sets[run->opts->n_sets] = assignment;
    diag_list diags = {0};
    scenario *s = scenario_load(run->file, run->sets, run->opts->n_sets + 1, &diags);
    run->sets[run->opts->n_sets] = NULL;
    name_find(&diags, run->opts->n_sets);
    for (size_t i = 0; i < diags.count; i++)
        if (!diag_list_has(&run->base_diags, &diags.items[i])) {
            diag_print(&diags, stderr);
            break;
        }
    diag_list_free(&diags);
    free(assignment);
    if (s && (*r = results_compute(s)) != NULL)
        *defined = solve_metric_value(metric, run->goal.metric, s, *r);
    return s;
}

/* The answer and the neighbour computed again; keeps the answer's scenario for -o. */
static int verify(solve_run *run)
{
    const solve_result *res = &run->res;
    mpq_t metric;
    mpq_init(metric);
    bool defined;
    solve_grid_value(run->answer_value, &run->grid, res->answer->index);
    run->solved = load_again(run, run->answer_value, &run->solved_results, &defined, metric);
    if (run->solved && !run->solved_results) {
        mpq_clear(metric);
        return out_of_memory();
    }
    if (run->solved_results)
        cli_result_warnings(run->file, run->solved, run->solved_results);   /* as tkk run */
    bool answer_holds = run->solved && defined && solve_goal_holds(&run->goal, metric);
    run->agrees = run->solved && defined == res->answer->defined &&
                  (!defined || mpq_equal(metric, res->answer->metric));
    bool neighbour_fails = true;
    if (res->neighbour) {
        solve_grid_value(run->neighbour_value, &run->grid, res->neighbour->index);
        results *r;
        scenario *s = load_again(run, run->neighbour_value, &r, &defined, metric);
        if (s && !r) {
            scenario_free(s);
            mpq_clear(metric);
            return out_of_memory();
        }
        neighbour_fails = s && !(defined && solve_goal_holds(&run->goal, metric));
        run->agrees = run->agrees && s && defined == res->neighbour->defined &&
                      (!defined || mpq_equal(metric, res->neighbour->metric));
        results_free(r);
        scenario_free(s);
    }
    mpq_clear(metric);
    run->verified = answer_holds && neighbour_fails;
    language lang = run->lang;
    if (!run->solved)
        fprintf(stderr, L(lang, W_NOT_AGAIN), run->file);
    else if (!run->verified)
        fprintf(stderr, answer_holds ? L(lang, W_NEIGHBOUR_HOLDS) : L(lang, W_ANSWER_FAILS),
                run->file);
    else if (!run->agrees)
        fprintf(stderr, L(lang, W_DISAGREE), run->file);
    if (!res->monotone)
        fprintf(stderr, L(lang, W_NOT_MONOTONE), run->file, solve_metric_name(run->goal.metric),
                run->opts->find, res->n_probes);
    return EXIT_OK;
}

/* "the largest value of staff.coaches.fte in 0 … 6 000 (step 0,1) where Municipal cost
 * <= 600 000,00 €" in the run's language. */
static char *question_text(const solve_run *run)
{
    language lang = run->lang;
    char *from = path_value_text(run->grid.from, run->kind, lang);
    char *to = path_value_text(run->grid.to, run->kind, lang);
    char *step = path_value_text(run->grid.step, run->kind, lang);
    char *value = metric_text(run->goal.value, run->goal.metric, lang);
    char *text = NULL;
    if (from && to && step && value &&
        asprintf(&text, L(lang, T_QUESTION), run->maximise ? L(lang, T_LARGEST)
                                                           : L(lang, T_SMALLEST),
                 run->opts->find, from, to, step, solve_metric_label(run->goal.metric, lang),
                 kpi_operator_text(run->goal.op), value) < 0)
        text = NULL;
    free(from);
    free(to);
    free(step);
    free(value);
    return text;
}

static void print_table(const solve_run *run)
{
    language lang = run->lang;
    const solve_result *res = &run->res;
    text_table *t = text_table_new(4);
    if (!t)
        return;
    text_table_align(t, "lrrl");
    text_table_row(t, L(lang, H_ROW), run->opts->find, solve_metric_label(run->goal.metric, lang),
                   L(lang, H_GOAL));
    const solve_point *points[2] = {res->answer, res->neighbour};
    for (size_t k = 0; k < 2; k++) {
        const solve_point *p = points[k];
        if (!p)
            continue;
        mpq_t value;
        mpq_init(value);
        solve_grid_value(value, &run->grid, p->index);
        char *v = path_value_text(value, run->kind, lang);
        char *m = p->defined ? metric_text(p->metric, run->goal.metric, lang) : NULL;
        text_table_row(t, k == 0 ? L(lang, R_ANSWER)
                              : run->maximise ? L(lang, R_NEXT) : L(lang, R_PREVIOUS),
                       v, p->defined ? m : "–",
                       !p->defined ? L(lang, V_UNDEFINED)
                                   : p->holds ? L(lang, V_HOLDS) : L(lang, V_FAILS));
        free(v);
        free(m);
        mpq_clear(value);
    }
    printf("%s: %s\n", run->file, run->question ? run->question : "");
    text_table_print(t, stdout);
    text_table_free(t);
    if (!res->neighbour)
        printf("%s\n", run->maximise ? L(lang, N_END_MAX) : L(lang, N_END_MIN));
    if (!run->opts->quiet)
        printf("%s: %zu\n", L(lang, S_PROBES), res->n_probes);
}

/* SOLVE_NONE: exit 1 with the figure's range over the values computed. */
static int report_none(const solve_run *run)
{
    language lang = run->lang;
    const solve_result *res = &run->res;
    char *from = path_value_text(run->grid.from, run->kind, lang);
    char *to = path_value_text(run->grid.to, run->kind, lang);
    fprintf(stderr, L(lang, E_NONE), run->file, run->opts->find, from ? from : "", to ? to : "",
            run->opts->goal);
    free(from);
    free(to);
    if (!res->least) {
        fprintf(stderr, L(lang, E_UNDEFINED), run->file, solve_metric_name(run->goal.metric),
                solve_metric_missing(run->goal.metric, lang));
        return EXIT_INVALID;
    }
    mpq_t at;
    mpq_init(at);
    const solve_point *ends[2] = {res->least, res->greatest};
    char *texts[4];
    for (size_t k = 0; k < 2; k++) {
        texts[2 * k] = metric_text(ends[k]->metric, run->goal.metric, lang);
        solve_grid_value(at, &run->grid, ends[k]->index);
        texts[2 * k + 1] = path_value_text(at, run->kind, lang);
    }
    /* Bisection probes only the ends when the goal fails at both; with a monotone figure
     * they hold its least and greatest value, and that is what the message claims. */
    fprintf(stderr, L(lang, E_RANGE), run->file, solve_metric_name(run->goal.metric),
            texts[0] ? texts[0] : "", texts[1] ? texts[1] : "", texts[2] ? texts[2] : "",
            texts[3] ? texts[3] : "", res->n_probes,
            res->monotone ? L(lang, E_RANGE_MONOTONE) : "");
    for (size_t k = 0; k < 4; k++)
        free(texts[k]);
    mpq_clear(at);
    return EXIT_INVALID;
}

/* -o: the scenario at the answer, with the question and the answer on its Summary. */
static int write_solved(solve_run *run)
{
    language lang = run->lang;
    char error[512];
    char name[300];
    snprintf(name, sizeof name, "%s-solved.xlsx", run->solved->id);
    char *out = output_path(run->opts->output, name, true, error, sizeof error);
    if (!out) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_IO;
    }
    const solve_result *res = &run->res;
    const char *metric_label = solve_metric_label(run->goal.metric, lang);
    workbook_note_kind value_kind = run->kind == SOLVE_KEY_MONEY ? WORKBOOK_NOTE_MONEY
                                    : run->kind == SOLVE_KEY_RATIO ||
                                            run->kind == SOLVE_KEY_UNIT_RATIO
                                        ? WORKBOOK_NOTE_PERCENT
                                        : WORKBOOK_NOTE_NUMBER;
    workbook_note_kind metric_kind = solve_metric_is_money(run->goal.metric)
                                         ? WORKBOOK_NOTE_MONEY : WORKBOOK_NOTE_NUMBER;
    char *answer_label = NULL, *at_answer = NULL, *at_neighbour = NULL, *probes = NULL;
    const char *neighbour_label = run->maximise ? L(lang, R_NEXT) : L(lang, R_PREVIOUS);
    if (asprintf(&answer_label, "%s: %s", L(lang, R_ANSWER), run->opts->find) < 0)
        answer_label = NULL;
    if (asprintf(&at_answer, L(lang, S_AT_ANSWER), metric_label) < 0)
        at_answer = NULL;
    if (asprintf(&at_neighbour, L(lang, S_AT_NEIGHBOUR), neighbour_label, metric_label) < 0)
        at_neighbour = NULL;
    if (asprintf(&probes, "%zu", res->n_probes) < 0)
        probes = NULL;
    const char *check = !res->monotone ? L(lang, C_NOT_MONOTONE)
                        : !run->verified || !run->agrees ? L(lang, C_DISAGREE)
                        : res->neighbour ? L(lang, C_PROVED) : L(lang, C_END);
    workbook_note_line lines[7];
    size_t n = 0;
    lines[n++] = (workbook_note_line){L(lang, S_QUESTION), WORKBOOK_NOTE_TEXT, run->question, NULL};
    lines[n++] = (workbook_note_line){answer_label, value_kind, NULL, run->answer_value};
    if (res->answer->defined)
        lines[n++] = (workbook_note_line){at_answer, metric_kind, NULL, res->answer->metric};
    if (res->neighbour) {
        lines[n++] = (workbook_note_line){neighbour_label, value_kind, NULL, run->neighbour_value};
        if (res->neighbour->defined)
            lines[n++] = (workbook_note_line){at_neighbour, metric_kind, NULL,
                                              res->neighbour->metric};
    }
    lines[n++] = (workbook_note_line){L(lang, S_CHECK), WORKBOOK_NOTE_TEXT, check, NULL};
    lines[n++] = (workbook_note_line){L(lang, S_PROBES), WORKBOOK_NOTE_TEXT, probes, NULL};
    workbook_note note = {L(lang, T_HEADING), lines, n};
    int status = EXIT_OK;
    if (!answer_label || !at_answer || !at_neighbour || !probes || !run->question) {
        status = out_of_memory();
    } else if (workbook_write_note(out, run->solved, run->solved_results, lang, &note, error,
                                   sizeof error) != 0) {
        fprintf(stderr, "tkk: %s\n", error);
        status = EXIT_IO;
    } else if (!run->opts->quiet) {
        printf("%s -> %s\n", run->file, out);
    }
    free(answer_label);
    free(at_answer);
    free(at_neighbour);
    free(probes);
    free(out);
    return status;
}

/* Checks the arguments; exit status 2 with the message when one is missing or wrong. */
static int check_arguments(const cli_options *opts)
{
    const char *missing = opts->n_files != 1 ? "one scenario file"
                          : !opts->find      ? "--find PATH"
                          : !opts->goal      ? "--goal 'NAME OP VALUE'"
                                             : NULL;
    if (missing) {
        fprintf(stderr, "tkk: solve needs %s\nTry 'tkk solve --help'.\n", missing);
        return EXIT_USAGE;
    }
    if (opts->minimise && opts->maximise) {
        fprintf(stderr, "tkk: solve takes --min or --max, not both\n");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int solve_scenario(solve_run *run)
{
    const cli_options *opts = run->opts;
    run->src = scenario_source_read(run->file, &run->base_diags);
    if (run->src)
        run->base = scenario_source_build(run->src, opts->sets, opts->n_sets, &run->base_diags);
    diag_print(&run->base_diags, stderr);
    if (!run->base)
        return EXIT_INVALID;
    run->lang = cli_language(opts, run->base);
    /* A figure of a section the scenario does not have cannot come from one PATH. */
    solve_metric m = run->goal.metric;
    if (((m == SOLVE_BONUS_POOL || m == SOLVE_BONUS_ALLOCATED || m == SOLVE_BONUS_UNALLOCATED) &&
         !run->base->has_bonus) ||
        ((m == SOLVE_REWARD_CLAIMED || m == SOLVE_REWARD_PAID) && !run->base->has_rewards)) {
        fprintf(stderr, "tkk: --goal '%s': %s\n", opts->goal,
                solve_metric_missing(m, run->lang));
        return EXIT_USAGE;
    }
    run->kind = solve_key_kind_of(opts->find);
    run->probe = (solve_probe){
        .src = run->src, .sets = run->sets, .n_sets = opts->n_sets, .path = opts->find,
        .percent = run->kind == SOLVE_KEY_RATIO || run->kind == SOLVE_KEY_UNIT_RATIO,
        .metric = m,
    };
    mpq_t current;
    mpq_init(current);
    int status = check_path(run, current);
    if (status == EXIT_OK)
        status = build_grid(run, current);
    mpq_clear(current);
    if (status != EXIT_OK)
        return status;

    if (solve_search(&run->res, &run->grid, &run->goal, run->maximise, solve_probe_eval,
                     &run->probe) != 0 || run->probe.out_of_memory)
        return out_of_memory();
    if (run->res.outcome == SOLVE_STOPPED) {
        name_find(&run->probe.problems, opts->n_sets);
        diag_print(&run->probe.problems, stderr);
        fprintf(stderr, "tkk: %s: the scenario is invalid at %s (a value of the grid): "
                        "narrow --from and --to\n", run->file,
                run->probe.stopped_at ? run->probe.stopped_at : opts->find);
        return EXIT_INVALID;
    }
    if (run->res.outcome == SOLVE_NONE)
        return report_none(run);
    if ((status = verify(run)) != EXIT_OK)
        return status;
    run->question = question_text(run);
    print_table(run);
    if (opts->output && !run->solved) {
        fprintf(stderr, "tkk: %s: no workbook written: the scenario at the answer is invalid\n",
                run->file);
        return EXIT_INVALID;
    }
    if (opts->output)
        status = write_solved(run);
    return status;
}

int command_solve(const cli_options *opts)
{
    int status = check_arguments(opts);
    if (status != EXIT_OK)
        return status;
    solve_run run = {.opts = opts, .file = opts->files[0], .maximise = !opts->minimise};
    char error[512];
    if (solve_goal_parse(&run.goal, opts->goal, error, sizeof error) != 0) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_USAGE;
    }
    mpq_inits(run.answer_value, run.neighbour_value, NULL);
    run.sets = calloc(opts->n_sets + 1, sizeof *run.sets);
    if (!run.sets) {
        status = out_of_memory();
    } else {
        for (size_t i = 0; i < opts->n_sets; i++)
            run.sets[i] = opts->sets[i];
        status = solve_scenario(&run);
    }
    free(run.question);
    results_free(run.solved_results);
    scenario_free(run.solved);
    solve_result_clear(&run.res);
    solve_probe_clear(&run.probe);
    solve_grid_clear(&run.grid);
    scenario_free(run.base);
    scenario_source_free(run.src);
    diag_list_free(&run.base_diags);
    free(run.sets);
    mpq_clears(run.answer_value, run.neighbour_value, NULL);
    solve_goal_clear(&run.goal);
    return status;
}
