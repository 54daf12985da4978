/*
 * workbook_rewards — the Rewards sheet (SPEC §5.7, §6): table `Rewards`, one row per
 * criterion, then Claimed, Allocation, Paid and Over allocation under it.
 *
 * Amount holds ROUND(amount, 2) (the cent-rounded money cell of §6), so Total is
 * simply Amount × Persons; Claimed = SUM of the totals, Paid = MIN(Claimed, Allocation)
 * (= Claimed without an allocation), Over allocation = Claimed − Paid. The Summary
 * points at Claimed and Paid.
 */
#include "workbook_internal.h"

#include "common.h"

enum { COL_CRITERION, COL_LABEL, COL_AMOUNT, COL_PERSONS, COL_TOTAL };

static int write_criterion(wb_context *ctx, lxw_worksheet *ws, size_t i, lxw_row_t row)
{
    const reward_criterion *c = &ctx->s->rewards[i];
    const mpq_t *totals = ctx->r->rewards.totals;
    mpq_t amount, check;
    mpq_inits(amount, check, NULL);
    money_round(amount, c->amount, ctx->s->rounding);   /* the value the Amount cell holds */
    mpq_set_ui(check, c->persons, 1);
    mpq_mul(check, check, amount);
    bool agrees = mpq_equal(check, totals[i]);
    int rc = 0;
    if (wb_string(ctx, ws, row, COL_CRITERION, c->id, NULL) != 0 ||
        wb_string(ctx, ws, row, COL_LABEL, c->label ? c->label : c->id, NULL) != 0 ||
        wb_number(ctx, ws, row, COL_AMOUNT, amount, ctx->fmt.money) != 0 ||
        wb_integer(ctx, ws, row, COL_PERSONS, (long)c->persons, ctx->fmt.count) != 0)
        rc = -1;
    mpq_clears(amount, check, NULL);
    if (rc != 0)
        return -1;
    if (!agrees)
        return wb_number(ctx, ws, row, COL_TOTAL, totals[i], ctx->fmt.money);
    char amount_cell[32], persons_cell[32];
    wb_cell(amount_cell, row, COL_AMOUNT);
    wb_cell(persons_cell, row, COL_PERSONS);
    return wb_formula(ctx, ws, row, COL_TOTAL, ctx->fmt.money, totals[i], "=%s*%s", amount_cell,
                      persons_cell);
}

/* Claimed, Allocation, Paid, Over allocation: labels in Persons' column, values under
 * Total. */
static int write_figures(wb_context *ctx, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last)
{
    const scenario *s = ctx->s;
    const reward_result *rr = &ctx->r->rewards;
    lxw_row_t row = last + 2;
    lxw_row_t claimed_row = row, allocation_row = row + 1, paid_row = row + 2,
              over_row = row + 3;
    char claimed[32], allocation[32], paid[32], first_cell[32], last_cell[32];
    wb_cell(claimed, claimed_row, COL_TOTAL);
    wb_cell(allocation, allocation_row, COL_TOTAL);
    wb_cell(paid, paid_row, COL_TOTAL);
    wb_cell(first_cell, first, COL_TOTAL);
    wb_cell(last_cell, last, COL_TOTAL);

    mpq_t check, allocation_value;
    mpq_inits(check, allocation_value, NULL);
    for (size_t i = 0; i < s->n_rewards; i++)
        mpq_add(check, check, rr->totals[i]);
    bool claimed_agrees = mpq_equal(check, rr->claimed);
    money_round(allocation_value, s->allocation, s->rounding);
    if (s->has_allocation && mpq_cmp(allocation_value, rr->claimed) < 0)
        mpq_set(check, allocation_value);
    else
        mpq_set(check, rr->claimed);
    bool paid_agrees = mpq_equal(check, rr->paid);
    mpq_sub(check, rr->claimed, rr->paid);
    bool over_agrees = mpq_equal(check, rr->over_allocation);

    int rc = 0;
    if (wb_string(ctx, ws, claimed_row, COL_PERSONS, wb_text(ctx, WB_L_REWARD_CLAIMED),
                  ctx->fmt.bold) != 0 ||
        wb_string(ctx, ws, paid_row, COL_PERSONS, wb_text(ctx, WB_L_REWARD_PAID),
                  ctx->fmt.bold) != 0 ||
        wb_string(ctx, ws, over_row, COL_PERSONS, wb_text(ctx, WB_L_REWARD_OVER), NULL) != 0)
        rc = -1;
    if (rc == 0)
        rc = claimed_agrees ? wb_formula(ctx, ws, claimed_row, COL_TOTAL, ctx->fmt.money_bold,
                                         rr->claimed, "=SUM(%s:%s)", first_cell, last_cell)
                            : wb_number(ctx, ws, claimed_row, COL_TOTAL, rr->claimed,
                                        ctx->fmt.money_bold);
    if (rc == 0 && s->has_allocation)
        rc = wb_string(ctx, ws, allocation_row, COL_PERSONS,
                       wb_text(ctx, WB_L_REWARD_ALLOCATION), NULL) != 0 ||
             wb_number(ctx, ws, allocation_row, COL_TOTAL, allocation_value, ctx->fmt.money) != 0;
    if (rc == 0) {
        if (!paid_agrees)
            rc = wb_number(ctx, ws, paid_row, COL_TOTAL, rr->paid, ctx->fmt.money_bold);
        else if (s->has_allocation)
            rc = wb_formula(ctx, ws, paid_row, COL_TOTAL, ctx->fmt.money_bold, rr->paid,
                            "=MIN(%s,%s)", claimed, allocation);
        else
            rc = wb_formula(ctx, ws, paid_row, COL_TOTAL, ctx->fmt.money_bold, rr->paid, "=%s",
                            claimed);
    }
    if (rc == 0)
        rc = over_agrees ? wb_formula(ctx, ws, over_row, COL_TOTAL, ctx->fmt.money,
                                      rr->over_allocation, "=%s-%s", claimed, paid)
                         : wb_number(ctx, ws, over_row, COL_TOTAL, rr->over_allocation,
                                     ctx->fmt.money);
    mpq_clears(check, allocation_value, NULL);
    if (rc != 0)
        return -1;

    wb_ref_abs(ctx, ctx->reward_claimed_ref, WB_SHEET_REWARDS, claimed_row, COL_TOTAL);
    wb_ref_abs(ctx, ctx->reward_paid_ref, WB_SHEET_REWARDS, paid_row, COL_TOTAL);
    return 0;
}

int workbook_rewards_sheet(wb_context *ctx, lxw_worksheet *ws)
{
    const scenario *s = ctx->s;
    if (wb_sheet_title(ctx, ws, WB_L_TITLE_REWARDS) != 0)
        return -1;
    wb_track_columns(ctx, ws, WB_TABLE_ROW);
    for (size_t i = 0; i < s->n_rewards; i++)
        if (write_criterion(ctx, ws, i, (lxw_row_t)(WB_TABLE_ROW + 1 + i)) != 0)
            return -1;
    /* A table needs a data row: an allocation without criteria keeps one empty row. */
    size_t rows = s->n_rewards > 0 ? s->n_rewards : 1;
    lxw_row_t last = (lxw_row_t)(WB_TABLE_ROW + rows);
    if (write_figures(ctx, ws, WB_TABLE_ROW + 1, last) != 0)
        return -1;

    static const wb_label headers[] = {
        WB_L_REWARD_CRITERION, WB_L_REWARD_LABEL, WB_L_REWARD_AMOUNT, WB_L_REWARD_PERSONS,
        WB_L_REWARD_TOTAL,
    };
    static const double widths[] = {12, 24, 12, 10, 12};
    if (wb_table_labels(ctx, ws, "Rewards", WB_TABLE_ROW, 0, last, headers,
                        ARRAY_SIZE(headers)) != 0 ||
        wb_column_widths(ctx, ws, 0, widths, ARRAY_SIZE(widths)) != 0)
        return -1;
    return wb_print_setup(ctx, ws, true, WB_TABLE_ROW);
}
