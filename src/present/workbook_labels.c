/*
 * workbook_labels — every text of the workbook in Finnish and English (SPEC §6).
 *
 * The English table headers are the contract other tools read by (SPEC §6 table);
 * the Finnish ones are what a Finnish finance officer would write. Cell values
 * ("yes", "personnel", "state", "met", ...) are the words of vocab.h, Finnish under
 * `fi` (SPEC §7.1).
 */
#include "workbook_internal.h"

#include "common.h"

typedef struct {
    const char *fi, *en;
} label_pair;

static const label_pair labels[WB_LABEL_COUNT] = {
    [WB_L_SHEET_SUMMARY] = {"Yhteenveto", "Summary"},
    [WB_L_SHEET_BUDGET] = {"Talousarvio", "Budget"},
    [WB_L_SHEET_STAFF] = {"Henkilöstö", "Staff"},
    [WB_L_SHEET_COSTS] = {"Kustannukset", "Costs"},
    [WB_L_SHEET_MONTHLY] = {"Kuukausittain", "Monthly"},
    [WB_L_SHEET_FUNDING] = {"Rahoitus", "Funding"},
    [WB_L_SHEET_BONUS] = {"Bonus", "Bonus"},
    [WB_L_SHEET_REWARDS] = {"Palkkiot", "Rewards"},
    [WB_L_SHEET_KPIS] = {"Mittarit", "KPIs"},
    [WB_L_SHEET_TMT] = {"TMT-maksut", "TMT"},
    [WB_L_SHEET_INPUTS] = {"Lähtötiedot", "Inputs"},

    [WB_L_TITLE_SUMMARY] = {"Yhteenveto", "Summary"},
    [WB_L_TITLE_BUDGET] = {"Talousarvio, suunnitelma ja toteuma vuosittain",
                           "Budget, plan and actual by year"},
    [WB_L_TITLE_STAFF] = {"Henkilöstö", "Staff"},
    [WB_L_TITLE_COSTS] = {"Tilat ja muut kustannukset", "Premises and other costs"},
    [WB_L_TITLE_MONTHLY] = {"Kustannukset kuukausittain", "Costs by month"},
    [WB_L_TITLE_DETAIL] = {"Kustannusrivit kuukausittain", "Cost lines by month"},
    [WB_L_TITLE_FUNDING] = {"Rahoitus ja kunnan omarahoitusosuus",
                            "Funding and the municipality's own contribution"},
    [WB_L_TITLE_BONUS] = {"Tulospalkkio", "Performance bonus"},
    [WB_L_TITLE_REWARDS] = {"Työllistämispalkkiot", "Rewards for placements"},
    [WB_L_TITLE_KPIS] = {"Tavoitteet ja mittarit", "Targets and KPIs"},
    [WB_L_TITLE_INPUTS] = {"Lähtötiedot sellaisinaan", "Inputs as read"},

    [WB_L_BUDGET_YEAR] = {"Vuosi", "Year"},
    [WB_L_BUDGET_CATEGORY] = {"Luokka", "Category"},
    [WB_L_BUDGET_BUDGET] = {"Talousarvio", "Budget"},
    [WB_L_BUDGET_PLAN] = {"Suunnitelma", "Plan"},
    [WB_L_BUDGET_ACTUAL] = {"Toteuma", "Actual"},
    [WB_L_BUDGET_ACTUAL_BUDGET] = {"Toteuma - Talousarvio", "Actual - Budget"},
    [WB_L_BUDGET_ACTUAL_PLAN] = {"Toteuma - Suunnitelma", "Actual - Plan"},
    [WB_L_BUDGET_USE] = {"Käyttö %", "Use %"},

    [WB_L_STAFF_ID] = {"Tunnus", "ID"},
    [WB_L_STAFF_ROLE] = {"Tehtävä", "Role"},
    [WB_L_STAFF_PAYER] = {"Maksaja", "Payer"},
    [WB_L_STAFF_COACH] = {"Omavalmentaja", "Coach"},
    [WB_L_STAFF_FTE] = {"HTV", "FTE"},
    [WB_L_STAFF_SALARY] = {"Kuukausipalkka", "Monthly salary"},
    [WB_L_STAFF_SIDE_COSTS] = {"Sivukulut %", "Side costs %"},
    [WB_L_STAFF_START] = {"Alku", "Start"},
    [WB_L_STAFF_END] = {"Loppu", "End"},
    [WB_L_STAFF_TOTAL] = {"Yhteensä", "Total"},

    [WB_L_COSTS_ID] = {"Tunnus", "ID"},
    [WB_L_COSTS_CATEGORY] = {"Luokka", "Category"},
    [WB_L_COSTS_ONE_TIME] = {"Kertaerä", "One-time"},
    [WB_L_COSTS_ONE_TIME_MONTH] = {"Kertaerän kuukausi", "One-time month"},
    [WB_L_COSTS_MONTHLY] = {"Kuukausierä", "Monthly"},
    [WB_L_COSTS_START] = {"Alku", "Start"},
    [WB_L_COSTS_END] = {"Loppu", "End"},
    [WB_L_COSTS_TOTAL] = {"Yhteensä", "Total"},

    [WB_L_DETAIL_LINE] = {"Kustannusrivi", "Line"},
    [WB_L_DETAIL_CATEGORY] = {"Luokka", "Category"},
    [WB_L_DETAIL_PAYER] = {"Maksaja", "Payer"},
    [WB_L_DETAIL_MONTH] = {"Kuukausi", "Month"},
    [WB_L_DETAIL_AMOUNT] = {"Summa", "Amount"},

    [WB_L_MONTHLY_MONTH] = {"Kuukausi", "Month"},
    [WB_L_MONTHLY_PERSONNEL] = {"Henkilöstö", "Personnel"},
    [WB_L_MONTHLY_PREMISES] = {"Tilat", "Premises"},
    [WB_L_MONTHLY_OTHER] = {"Muut", "Other"},
    [WB_L_MONTHLY_TOTAL] = {"Yhteensä", "Total"},
    [WB_L_MONTHLY_STATE_PAID] = {"Valtion maksama", "State-paid"},
    [WB_L_MONTHLY_COACH_FTE] = {"Omavalmentajat HTV", "Coach FTE"},
    [WB_L_MONTHLY_ACTUAL] = {"Toteuma", "Actual"},

    [WB_L_FUNDING_YEAR] = {"Vuosi", "Year"},
    [WB_L_FUNDING_MONTHS] = {"Kuukausia", "Months"},
    [WB_L_FUNDING_TOTAL_COST] = {"Kokonaiskustannus (ml. valtion maksama)", "Total cost"},
    [WB_L_FUNDING_STATE_PAID] = {"Valtion maksama henkilöstö", "State-paid staff"},
    [WB_L_FUNDING_MUNICIPAL_COST] = {"Kunnan kustannus", "Municipal cost"},
    [WB_L_FUNDING_ELIGIBLE] = {"Avustuskelpoiset", "Eligible"},
    [WB_L_FUNDING_STATE_GRANT] = {"Valtionavustus", "State grant"},
    [WB_L_FUNDING_MUNICIPAL_NET] = {"Kunnan nettokustannus", "Municipal net cost"},
    [WB_L_FUNDING_REQUIRED] = {"Vaadittu omarahoitus", "Required own contribution"},
    [WB_L_FUNDING_STATUS] = {"Tila", "Status"},
    [WB_L_FUNDING_SHORTFALL] = {"Vaje", "Shortfall"},
    [WB_L_FUNDING_ACTUAL] = {"Toteuma", "Actual"},
    [WB_L_FUNDING_ACTUAL_NET] = {"Toteuman nettokustannus", "Actual net cost"},
    [WB_L_FUNDING_JUDGED_ON] = {"Arviointiperuste", "Judged on"},
    [WB_L_FUNDING_NOTE] = {"Kokonaiskustannus sisältää valtion maksaman henkilöstön; kunnan kustannus, "
                           "toteuma ja talousarvio eivät. Omarahoitus arvioidaan vuoden koko "
                           "toteumasta, kun se on annettu, muuten suunnitelmasta.",
                           "Total cost includes the state-paid staff; Municipal cost, Actual and "
                           "the budget do not. The own contribution is judged on the year's whole "
                           "actual where given, else on the plan."},

    [WB_L_PARAM_STATE_SHARE] = {"Valtionavustuksen osuus", "State share"},
    [WB_L_PARAM_STATE_CAP] = {"Valtionavustuksen vuosikatto", "State grant cap per year"},
    [WB_L_PARAM_REFERENCE_TMT] = {"Vertailuvuoden työmarkkinatukimenot", "Reference TMT spending"},
    [WB_L_PARAM_OWN_MIN_SHARE] = {"Omarahoituksen vähimmäisosuus", "Own contribution minimum share"},

    [WB_L_KPI_ID] = {"Tunnus", "ID"},
    [WB_L_KPI_LABEL] = {"Mittari", "Label"},
    [WB_L_KPI_ACTUAL] = {"Toteuma", "Actual"},
    [WB_L_KPI_TARGET] = {"Tavoite", "Target"},
    [WB_L_KPI_MET] = {"Saavutettu", "Met"},
    [WB_L_KPI_DIFFERENCE] = {"Erotus", "Difference"},
    [WB_L_KPI_CLIENTS] = {"Asiakkaita", "Clients"},
    [WB_L_KPI_YEAR] = {"Vuosi", "Year"},
    [WB_L_KPI_OPERATOR] = {"Ehto", "Operator"},
    [WB_L_SUM_KPIS] = {"Tavoitteet ja mittarit vuosittain", "Targets and KPIs by year"},

    [WB_L_REWARD_CRITERION] = {"Peruste", "Criterion"},
    [WB_L_REWARD_LABEL] = {"Kuvaus", "Label"},
    [WB_L_REWARD_AMOUNT] = {"Palkkio per henkilö", "Amount"},
    [WB_L_REWARD_PERSONS] = {"Henkilöitä", "Persons"},
    [WB_L_REWARD_TOTAL] = {"Yhteensä", "Total"},
    [WB_L_REWARD_CLAIMED] = {"Haettu yhteensä", "Claimed"},
    [WB_L_REWARD_ALLOCATION] = {"Määräraha", "Allocation"},
    [WB_L_REWARD_PAID] = {"Maksettava", "Paid"},
    [WB_L_REWARD_OVER] = {"Määrärahan ylitys", "Over allocation"},

    [WB_L_SUM_SCENARIO] = {"Skenaario", "Scenario"},
    [WB_L_SUM_ID] = {"Tunnus", "ID"},
    [WB_L_SUM_DESCRIPTION] = {"Kuvaus", "Description"},
    [WB_L_SUM_AREA] = {"Alue", "Area"},
    [WB_L_SUM_PERIOD] = {"Ajanjakso", "Period"},
    [WB_L_SUM_PREPARED_BY] = {"Laatija", "Prepared by"},
    [WB_L_SUM_DATE] = {"Päivämäärä", "Date"},
    [WB_L_SUM_ROUNDING] = {"Pyöristys", "Rounding"},
    [WB_L_SUM_VERSION] = {"Ohjelman versio", "Program version"},
    [WB_L_SUM_SHA256] = {"Lähtötiedoston SHA-256", "Input SHA-256"},
    [WB_L_SUM_KEY_FIGURES] = {"Tunnusluvut koko ajanjaksolta", "Key figures for the whole period"},
    [WB_L_SUM_TOTAL_COST] = {"Kokonaiskustannus (ml. valtion maksama)",
                             "Total cost (incl. state-paid staff)"},
    [WB_L_SUM_MUNICIPAL_COST] = {"Kunnan kustannus (ilman valtion maksamaa)",
                                 "Municipal cost (excl. state-paid staff)"},
    [WB_L_SUM_STATE_GRANT] = {"Valtionavustus", "State grant"},
    [WB_L_SUM_MUNICIPAL_NET] = {"Kunnan nettokustannus", "Municipal net cost"},
    [WB_L_SUM_REQUIRED] = {"Vaadittu omarahoitus", "Required own contribution"},
    [WB_L_SUM_STATUS] = {"Omarahoitusvaatimus", "Own contribution status"},
    [WB_L_SUM_OWN_TEST] = {"Kunnan omarahoitusosuus koko ajanjaksolta",
                           "The municipality's own contribution, whole period"},
    [WB_L_SUM_PLAN_SHARE] = {"Suunnitelman osuus talousarviosta", "Plan as a share of the budget"},
    [WB_L_SUM_BONUS] = {"Tulospalkkio", "Performance bonus"},
    [WB_L_SUM_REWARDS] = {"Työllistämispalkkiot", "Rewards for placements"},
    [WB_L_MONTHLY_NOTE] = {"Kuukausisummat sisältävät valtion maksaman henkilöstön (sarake Valtion "
                           "maksama erikseen); talousarvion suunnitelma ei.",
                           "The monthly sums include the state-paid staff (shown apart under "
                           "State-paid); the budget's Plan does not."},
    [WB_L_SUM_BONUS_POOL] = {"Tulospalkkiovaraus", "Bonus pool"},
    [WB_L_SUM_BONUS_ALLOCATED] = {"Jaettu tulospalkkio", "Bonus allocated"},
    [WB_L_SUM_BONUS_UNALLOCATED] = {"Jakamatta", "Bonus unallocated"},
    [WB_L_SUM_REWARD_CLAIMED] = {"Työllistämispalkkiot haettu", "Rewards claimed"},
    [WB_L_SUM_REWARD_PAID] = {"Työllistämispalkkiot maksettava", "Rewards paid"},
    [WB_L_SUM_BY_YEAR] = {"Talousarvio, suunnitelma ja toteuma vuosittain",
                          "Budget, plan and actual by year"},
    [WB_L_SUM_CHART_TITLE] = {"Talousarvio, suunnitelma ja toteuma",
                              "Budget, plan and actual"},
    [WB_L_MONTHLY_CHART_TITLE] = {"Kustannukset kuukausittain luokittain",
                                  "Costs by month and category"},
    [WB_L_TOTAL] = {"Yhteensä", "Total"},

    [WB_L_INPUTS_LINE] = {"Rivi", "Line"},
    [WB_L_INPUTS_TEXT] = {"Teksti", "Text"},
    [WB_L_INPUTS_OVERRIDES] = {"Komentorivin --set-muutokset", "Command-line --set overrides"},

    [WB_L_TITLE_TMT] = {"Työmarkkinatuen kuntaosuus (TMT-maksut)",
                        "The municipality's labour market subsidy payments (TMT)"},
};

const char *wb_label_text(wb_label label, language lang)
{
    if ((unsigned)label >= WB_LABEL_COUNT || !labels[label].fi)
        return "?";
    return lang == LANG_EN ? labels[label].en : labels[label].fi;
}
