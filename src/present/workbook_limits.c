/* workbook_limits — the worksheet's row and column limits, checked before writing, and
 * the threshold of a big round (issue 13), which changes what the Inputs sheet holds. */
#include "workbook_limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "workbook_internal.h"

size_t workbook_big_round_threshold(void)
{
    /* Hidden: for the tests, which show the mode with ~50 projects (README). */
    const char *knob = getenv("TKK_BIG_ROUND_PROJECTS");
    if (knob && *knob) {
        char *end = NULL;
        errno = 0;
        unsigned long long n = strtoull(knob, &end, 10);
        if (errno == 0 && *end == '\0' && knob[0] != '-')
            return (size_t)n;
    }
    return WORKBOOK_BIG_ROUND_PROJECTS;
}

bool workbook_big_round(const scenario *s)
{
    return s->has_bonus && s->bonus.n_projects > workbook_big_round_threshold();
}

void workbook_big_round_warn(const char *out_path, const scenario *s, language lang)
{
    if (lang == LANG_EN)
        fprintf(stderr, "tkk: %s: warning: %zu projects, above %zu: the Bonus sheet is written "
                        "in bounded memory, its rows a plain range named Bonus instead of an "
                        "Excel table, and the Inputs sheet gives the projects file's name, line "
                        "count and SHA-256 instead of its lines\n",
                out_path, s->bonus.n_projects, workbook_big_round_threshold());
    else
        fprintf(stderr, "tkk: %s: varoitus: %zu hanketta, yli %zu: Bonus-välilehti kirjoitetaan "
                        "rajatulla muistilla, sen rivit tavallisena alueena nimeltä Bonus eikä "
                        "Excel-taulukkona, ja Lähtötiedot-välilehdellä on hanketiedoston nimi, "
                        "rivimäärä ja SHA-256 sen rivien sijaan\n",
                out_path, s->bonus.n_projects, workbook_big_round_threshold());
}

size_t workbook_limits_check(const scenario *s, const results *r, diag_list *diags)
{
    size_t errors_before = diag_error_count(diags);
    const char *file = NULL;
    long line = 0;
    if (wb_inputs_overflow(s, &file, &line))
        diag_error(diags, file, (int)line, "",
                   "the Inputs sheet copies every input line and a worksheet holds 1 048 576 "
                   "rows: this line and the ones after it do not fit");
    const char *main_file = s->n_sources > 0 ? s->sources[0].path : "";
    if (s->has_bonus) {
        unsigned long long last_row, last_col;
        wb_bonus_extent(s->bonus.n_projects, s->bonus.n_indicators, &last_row, &last_col);
        if (last_row >= LXW_ROW_MAX)
            diag_error(diags, main_file, 0, "bonus",
                       "%zu projects do not fit the Bonus sheet: a worksheet holds 1 048 576 rows",
                       s->bonus.n_projects);
        if (last_col >= LXW_COL_MAX)
            diag_error(diags, main_file, 0, "bonus",
                       "%zu indicators do not fit the Bonus sheet: a worksheet holds 16 384 columns",
                       s->bonus.n_indicators);
    }
    if (wb_sheet_present(s, r, WB_SHEET_MONTHLY) &&
        WB_TABLE_ROW + wb_detail_count(r) >= LXW_ROW_MAX)
        diag_error(diags, main_file, 0, "",
                   "%zu cost lines × months with a cost do not fit the Monthly sheet's "
                   "MonthlyDetail table: a worksheet holds 1 048 576 rows",
                   wb_detail_count(r));
    return diag_error_count(diags) - errors_before;
}
