/*
 * solve_report — what `tkk solve` shows (SPEC §7.4): the question, the table of the answer
 * and its neighbour, the warnings of the check, the message when no value meets the
 * goal, and the Summary block of the solved workbook; in the run's language (§7.1).
 * Amounts are formatted as `tkk show` formats them.
 */
#include "solve_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "common.h"
#include "number_format.h"
#include "output_path.h"
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

/* number as it is when exact, else "≈ number"; takes number. */
static char *approximately(char *number, bool exact)
{
    if (exact)
        return number;
    char *text = xasprintf("≈ %s", number);
    free(number);
    return text;
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
    return approximately(number, exact);
}

/* A figure: money to the cent (SPEC §3 rounds money figures already), Caseload with up to
 * four decimals as `tkk show` prints a KPI, "≈ " when that is not exact. */
static char *metric_text(const mpq_t value, solve_metric metric, language lang)
{
    if (solve_metric_is_money(metric))
        return money_format(value, lang);
    unsigned decimals;
    bool exact = exact_decimals(value, &decimals) && decimals <= 4;
    return approximately(amount_format(value, 4, lang), exact);
}

/* "the largest value of staff.coaches.fte in 0 … 6 000 (step 0,1) where Municipal cost
 * <= 600 000,00 €" in the run's language. */
char *solve_report_question(const solve_report *rep)
{
    language lang = rep->lang;
    char *from = path_value_text(rep->grid->from, rep->kind, lang);
    char *to = path_value_text(rep->grid->to, rep->kind, lang);
    char *step = path_value_text(rep->grid->step, rep->kind, lang);
    char *value = metric_text(rep->goal->value, rep->goal->metric, lang);
    char *text = xasprintf(L(lang, T_QUESTION),
                           rep->maximise ? L(lang, T_LARGEST) : L(lang, T_SMALLEST), rep->path,
                           from, to, step, solve_metric_label(rep->goal->metric, lang),
                           kpi_operator_text(rep->goal->op), value);
    free(from);
    free(to);
    free(step);
    free(value);
    return text;
}

void solve_report_table(const solve_report *rep, const char *question)
{
    language lang = rep->lang;
    const solve_result *res = rep->res;
    text_table *t = text_table_new(4);
    text_table_align(t, "lrrl");
    text_table_row(t, L(lang, H_ROW), rep->path, solve_metric_label(rep->goal->metric, lang),
                   L(lang, H_GOAL));
    const solve_point *points[2] = {res->answer, res->neighbour};
    for (size_t k = 0; k < 2; k++) {
        const solve_point *p = points[k];
        if (!p)
            continue;
        mpq_t value;
        mpq_init(value);
        solve_grid_value(value, rep->grid, p->index);
        char *v = path_value_text(value, rep->kind, lang);
        char *m = p->defined ? metric_text(p->metric, rep->goal->metric, lang) : NULL;
        text_table_row(t, k == 0 ? L(lang, R_ANSWER)
                              : rep->maximise ? L(lang, R_NEXT) : L(lang, R_PREVIOUS),
                       v, p->defined ? m : "–",
                       !p->defined ? L(lang, V_UNDEFINED)
                                   : p->holds ? L(lang, V_HOLDS) : L(lang, V_FAILS));
        free(v);
        free(m);
        mpq_clear(value);
    }
    printf("%s: %s\n", rep->file, question);
    text_table_print(t, stdout);
    text_table_free(t);
    if (!res->neighbour)
        printf("%s\n", rep->maximise ? L(lang, N_END_MAX) : L(lang, N_END_MIN));
    if (!rep->quiet)
        printf("%s: %zu\n", L(lang, S_PROBES), res->n_probes);
}

void solve_report_check(const solve_report *rep, bool loaded_again, bool answer_holds)
{
    const solve_result *res = rep->res;
    language lang = rep->lang;
    if (!loaded_again)
        fprintf(stderr, L(lang, W_NOT_AGAIN), rep->file);
    else if (!rep->verified)
        fprintf(stderr, answer_holds ? L(lang, W_NEIGHBOUR_HOLDS) : L(lang, W_ANSWER_FAILS),
                rep->file);
    else if (!rep->agrees)
        fprintf(stderr, L(lang, W_DISAGREE), rep->file);
    if (!res->monotone)
        fprintf(stderr, L(lang, W_NOT_MONOTONE), rep->file, solve_metric_name(rep->goal->metric),
                rep->path, res->n_probes);
}

/* SOLVE_NONE: exit 1 with the figure's range over the values computed. */
int solve_report_none(const solve_report *rep)
{
    language lang = rep->lang;
    const solve_result *res = rep->res;
    char *from = path_value_text(rep->grid->from, rep->kind, lang);
    char *to = path_value_text(rep->grid->to, rep->kind, lang);
    fprintf(stderr, L(lang, E_NONE), rep->file, rep->path, from, to, rep->goal_text);
    free(from);
    free(to);
    if (!res->least) {
        fprintf(stderr, L(lang, E_UNDEFINED), rep->file, solve_metric_name(rep->goal->metric),
                solve_metric_missing(rep->goal->metric, lang));
        return EXIT_INVALID;
    }
    mpq_t at;
    mpq_init(at);
    const solve_point *ends[2] = {res->least, res->greatest};
    char *texts[4];
    for (size_t k = 0; k < 2; k++) {
        texts[2 * k] = metric_text(ends[k]->metric, rep->goal->metric, lang);
        solve_grid_value(at, rep->grid, ends[k]->index);
        texts[2 * k + 1] = path_value_text(at, rep->kind, lang);
    }
    /* Bisection probes only the ends when the goal fails at both; with a monotone figure
     * they hold its least and greatest value, and that is what the message claims. */
    fprintf(stderr, L(lang, E_RANGE), rep->file, solve_metric_name(rep->goal->metric),
            texts[0], texts[1], texts[2], texts[3], res->n_probes,
            res->monotone ? L(lang, E_RANGE_MONOTONE) : "");
    for (size_t k = 0; k < 4; k++)
        free(texts[k]);
    mpq_clear(at);
    return EXIT_INVALID;
}

/* -o: the scenario at the answer, with the question and the answer on its Summary. */
int solve_report_workbook(const solve_report *rep, const char *question, const char *output,
                          const scenario *solved, const results *solved_results)
{
    language lang = rep->lang;
    char error[512];
    char name[300];
    snprintf(name, sizeof name, "%s-solved.xlsx", solved->id);
    char *out = output_path(output, name, true, error, sizeof error);
    if (!out) {
        fprintf(stderr, "tkk: %s\n", error);
        return EXIT_IO;
    }
    const solve_result *res = rep->res;
    const char *metric_label = solve_metric_label(rep->goal->metric, lang);
    workbook_note_kind value_kind = rep->kind == SOLVE_KEY_MONEY ? WORKBOOK_NOTE_MONEY
                                    : rep->kind == SOLVE_KEY_RATIO ||
                                            rep->kind == SOLVE_KEY_UNIT_RATIO
                                        ? WORKBOOK_NOTE_PERCENT
                                        : WORKBOOK_NOTE_NUMBER;
    workbook_note_kind metric_kind = solve_metric_is_money(rep->goal->metric)
                                         ? WORKBOOK_NOTE_MONEY : WORKBOOK_NOTE_NUMBER;
    const char *neighbour_label = rep->maximise ? L(lang, R_NEXT) : L(lang, R_PREVIOUS);
    char *answer_label = xasprintf("%s: %s", L(lang, R_ANSWER), rep->path);
    char *at_answer = xasprintf(L(lang, S_AT_ANSWER), metric_label);
    char *at_neighbour = xasprintf(L(lang, S_AT_NEIGHBOUR), neighbour_label, metric_label);
    char *probes = xasprintf("%zu", res->n_probes);
    mpq_t answer_value, neighbour_value;
    mpq_inits(answer_value, neighbour_value, NULL);
    solve_grid_value(answer_value, rep->grid, res->answer->index);
    if (res->neighbour)
        solve_grid_value(neighbour_value, rep->grid, res->neighbour->index);
    const char *check = !res->monotone ? L(lang, C_NOT_MONOTONE)
                        : !rep->verified || !rep->agrees ? L(lang, C_DISAGREE)
                        : res->neighbour ? L(lang, C_PROVED) : L(lang, C_END);
    workbook_note_line lines[7];
    size_t n = 0;
    lines[n++] = (workbook_note_line){L(lang, S_QUESTION), WORKBOOK_NOTE_TEXT, question, NULL};
    lines[n++] = (workbook_note_line){answer_label, value_kind, NULL, answer_value};
    if (res->answer->defined)
        lines[n++] = (workbook_note_line){at_answer, metric_kind, NULL, res->answer->metric};
    if (res->neighbour) {
        lines[n++] = (workbook_note_line){neighbour_label, value_kind, NULL, neighbour_value};
        if (res->neighbour->defined)
            lines[n++] = (workbook_note_line){at_neighbour, metric_kind, NULL,
                                              res->neighbour->metric};
    }
    lines[n++] = (workbook_note_line){L(lang, S_CHECK), WORKBOOK_NOTE_TEXT, check, NULL};
    lines[n++] = (workbook_note_line){L(lang, S_PROBES), WORKBOOK_NOTE_TEXT, probes, NULL};
    workbook_note note = {L(lang, T_HEADING), lines, n};
    int status = EXIT_OK;
    tkk_err err = workbook_write_note(out, solved, solved_results, lang, &note, error,
                                      sizeof error);
    if (err != TKK_OK) {
        fprintf(stderr, "tkk: %s\n", error);
        status = tkk_err_exit_status(err);
    } else if (!rep->quiet) {
        printf("%s -> %s\n", rep->file, out);
    }
    free(answer_label);
    free(at_answer);
    free(at_neighbour);
    free(probes);
    free(out);
    mpq_clears(answer_value, neighbour_value, NULL);
    return status;
}

