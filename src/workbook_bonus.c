/*
 * workbook_bonus — the Bonus sheet (SPEC §5.6, §6): table `Bonus`, one row per
 * project with its indicator values, normalised values, score, eligibility, basis, cap,
 * exact amount and rounded bonus.
 *
 * A first version with values only (the allocation steps are not formulas anyway,
 * SPEC §6); it leaves ctx->bonus_pool_ref and ctx->bonus_allocated_ref empty, so the
 * Summary writes those figures as values.
 */
#include "workbook_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static int write_project(wb_context *ctx, lxw_worksheet *ws, size_t p, lxw_row_t row)
{
    const bonus_input *in = &ctx->s->bonus;
    const bonus_project *project = &in->projects[p];
    const bonus_project_result *res = &ctx->r->bonus.projects[p];
    size_t k = in->n_indicators;
    lxw_col_t col = 0;
    if (wb_string(ctx, ws, row, col++, project->id, NULL) != 0 ||
        wb_string(ctx, ws, row, col++, project->name, NULL) != 0 ||
        wb_money_input(ctx, ws, row, col++, project->grant) != 0)
        return -1;
    for (size_t i = 0; i < k; i++)
        if (wb_number(ctx, ws, row, col++, project->values[i], ctx->fmt.number) != 0)
            return -1;
    for (size_t i = 0; i < k; i++)
        if (wb_number(ctx, ws, row, col++, res->normalized[i], NULL) != 0)
            return -1;
    char reason[64];
    bonus_reason_text(res->reason, in->top, reason, sizeof reason);
    if (wb_number(ctx, ws, row, col++, res->score, NULL) != 0 ||
        wb_string(ctx, ws, row, col++, res->reason == BONUS_REASON_ELIGIBLE ? "yes" : "no",
                  NULL) != 0 ||
        (reason[0] && wb_string(ctx, ws, row, col, reason, NULL) != 0))
        return -1;
    col++;
    if (wb_number(ctx, ws, row, col++, res->basis, NULL) != 0)
        return -1;
    if (res->has_cap && wb_number(ctx, ws, row, col, res->cap, ctx->fmt.money) != 0)
        return -1;
    col++;
    if (wb_number(ctx, ws, row, col++, res->exact, NULL) != 0 ||
        wb_number(ctx, ws, row, col++, res->bonus, ctx->fmt.money) != 0)
        return -1;
    if (mpq_sgn(project->grant) != 0) {
        mpq_t share;
        mpq_init(share);
        mpq_div(share, res->bonus, project->grant);
        int rc = wb_number(ctx, ws, row, col, share, ctx->fmt.percent);
        mpq_clear(share);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int workbook_bonus_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const bonus_input *in = &ctx->s->bonus;
    size_t k = in->n_indicators;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_BONUS) != 0)
        return -1;
    for (size_t p = 0; p < in->n_projects; p++)
        if (write_project(ctx, ws, p, (lxw_row_t)(WB_TABLE_ROW + 1 + p)) != 0)
            return -1;

    /* Headers: 3 fixed, 2 per indicator, 8 fixed. */
    size_t n = 3 + 2 * k + 8;
    const char **headers = calloc(n, sizeof *headers);
    char **norm = calloc(k ? k : 1, sizeof *norm);
    int rc = headers && norm ? 0 : wb_fail_msg(ctx, "out of memory");
    size_t h = 0;
    if (rc == 0) {
        headers[h++] = wb_text(ctx, WB_L_BONUS_PROJECT);
        headers[h++] = wb_text(ctx, WB_L_BONUS_NAME);
        headers[h++] = wb_text(ctx, WB_L_BONUS_GRANT);
        for (size_t i = 0; i < k; i++)
            headers[h++] = in->indicators[i].id;
        const char *suffix = wb_text(ctx, WB_L_BONUS_NORM_SUFFIX);
        for (size_t i = 0; i < k && rc == 0; i++) {
            size_t size = strlen(in->indicators[i].id) + strlen(suffix) + 1;
            norm[i] = malloc(size);
            if (!norm[i]) {
                rc = wb_fail_msg(ctx, "out of memory");
                break;
            }
            snprintf(norm[i], size, "%s%s", in->indicators[i].id, suffix);
            headers[h++] = norm[i];
        }
    }
    if (rc == 0) {
        static const wb_label tail[] = {
            WB_L_BONUS_SCORE, WB_L_BONUS_ELIGIBLE, WB_L_BONUS_REASON, WB_L_BONUS_BASIS,
            WB_L_BONUS_CAP, WB_L_BONUS_EXACT, WB_L_BONUS_BONUS, WB_L_BONUS_SHARE_OF_GRANT,
        };
        for (size_t i = 0; i < ARRAY_SIZE(tail); i++)
            headers[h++] = wb_text(ctx, tail[i]);
        size_t rows = in->n_projects > 0 ? in->n_projects : 1;
        rc = wb_table(ctx, ws, "Bonus", WB_TABLE_ROW, 0, (lxw_row_t)(WB_TABLE_ROW + rows),
                      headers, n);
    }
    if (norm)
        for (size_t i = 0; i < k; i++)
            free(norm[i]);
    free(norm);
    free(headers);
    if (rc != 0)
        return -1;

    WB_CHECK(ctx, worksheet_set_column(ws, 0, 0, 16, NULL));
    WB_CHECK(ctx, worksheet_set_column(ws, 1, 1, 30, NULL));
    WB_CHECK(ctx, worksheet_set_column(ws, 2, (lxw_col_t)(n - 1), 14, NULL));
    return wb_print_setup(ctx, ws, true, WB_TABLE_ROW);
}
