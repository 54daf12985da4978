/*
 * solve_report — what `tkk solve` shows (SPEC §7.4), in the run's language: the question,
 * a table of the answer and its neighbour (the value of PATH, the figure at it, whether
 * the goal holds), the warnings of the check, the message when no value of the grid
 * meets the goal, and the "Goal seek" block on the solved workbook's Summary.
 *
 *     solve_report rep = { .file = "salo.ini", .path = "staff.coaches.fte", ... };
 *     char *question = solve_report_question(&rep);   // "the largest value of ..."
 *     solve_report_table(&rep, question);             // stdout
 *     free(question);
 */
#ifndef TKK_SOLVE_REPORT_H
#define TKK_SOLVE_REPORT_H

#include <stdbool.h>
#include "language.h"
#include "results.h"
#include "scenario.h"
#include "solve.h"

typedef struct {
    const char *file;            /* the scenario file as named */
    const char *path;            /* --find */
    const char *goal_text;       /* --goal as written */
    language lang;
    const solve_goal *goal;
    solve_key_kind kind;
    const solve_grid *grid;
    bool maximise;
    const solve_result *res;
    bool verified;               /* computed again: the goal holds at the answer, fails at
                                  * the neighbour */
    bool agrees;                 /* and the figures equal the search's */
    bool quiet;
} solve_report;

/* "the largest value of staff.coaches.fte in 0 … 6 000 (step 0,1) where Municipal cost
 * <= 600 000,00 €"; caller frees (NULL when memory runs out). */
char *solve_report_question(const solve_report *rep);
/* The question, the table and (unless quiet) the number of values computed, on stdout. */
void solve_report_table(const solve_report *rep, const char *question);
/* The warnings of the check on stderr: the answer not loaded again (loaded_again false),
 * the goal failing at the answer or holding at the neighbour, figures that differ from
 * the search's, a figure not monotone over the probes. */
void solve_report_check(const solve_report *rep, bool loaded_again, bool answer_holds);
/* No value meets the goal: the message with the figure's range over the values
 * computed, on stderr. Returns EXIT_INVALID. */
int solve_report_none(const solve_report *rep);
/* -o: OUTDIR/<id>-solved.xlsx (or the file output names), the solved scenario's workbook
 * with the question and the answer on its Summary. Returns an exit status. */
int solve_report_workbook(const solve_report *rep, const char *question, const char *output,
                          const scenario *solved, const results *solved_results);

#endif
