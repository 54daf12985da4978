/* vocab — the fi/en words of SPEC §7.1 (see vocab.h). */
#include "vocab.h"

#include <stdio.h>
#include <string.h>

#include "common.h"

typedef struct {
    const char *fi, *en;
} word;

static const char *pick(word w, language lang)
{
    return lang == LANG_EN ? w.en : w.fi;
}

const char *vocab_category(cost_category category, language lang)
{
    static const word words[] = {
        {"henkilöstö", "personnel"}, {"toimitilat", "premises"}, {"muut", "other"},
        {"yhteensä", "total"},
    };
    return (unsigned)category < ARRAY_SIZE(words) ? pick(words[category], lang) : "?";
}

const char *vocab_payer(payer who, language lang)
{
    return who == PAYER_STATE ? pick((word){"valtio", "state"}, lang)
                              : pick((word){"kunta", "municipality"}, lang);
}

const char *vocab_yes_no(bool yes, language lang)
{
    return yes ? pick((word){"kyllä", "yes"}, lang) : pick((word){"ei", "no"}, lang);
}

const char *vocab_status(bool met, language lang)
{
    return met ? pick((word){"täyttyy", "met"}, lang) : pick((word){"vaje", "shortfall"}, lang);
}

const char *vocab_judged_on(funding_basis basis, language lang)
{
    switch (basis) {
    case FUNDING_ON_ACTUAL: return pick((word){"toteuma", "actual"}, lang);
    case FUNDING_ON_MIXED: return pick((word){"molemmat", "mixed"}, lang);
    case FUNDING_ON_PLAN: break;
    }
    return pick((word){"suunnitelma", "plan"}, lang);
}

const char *vocab_rounding(rounding_mode mode, language lang)
{
    return mode == ROUND_HALF_EVEN ? pick((word){"puolet parilliseen", "half-even"}, lang)
                                   : pick((word){"puolet ylöspäin", "half-up"}, lang);
}

const char *vocab_bonus_method(bonus_method method, language lang)
{
    switch (method) {
    case BONUS_GRANT_WEIGHTED:
        return pick((word){"pisteet avustuksella painotettuina", "grant-weighted"}, lang);
    case BONUS_GRANT_RATE:
        return pick((word){"osuus avustuksesta × pisteet", "grant-rate"}, lang);
    case BONUS_SHARE: break;
    }
    return pick((word){"pisteosuus", "share"}, lang);
}

const char *vocab_normalize(normalize_method method, language lang)
{
    switch (method) {
    case NORMALIZE_SHARE: return pick((word){"osuus summasta", "share"}, lang);
    case NORMALIZE_MINMAX: return pick((word){"pienimmästä suurimpaan", "minmax"}, lang);
    case NORMALIZE_RANK: return pick((word){"sijoitus", "rank"}, lang);
    case NORMALIZE_MAX: break;
    }
    return pick((word){"suhteessa suurimpaan", "max"}, lang);
}

const char *vocab_reason(bonus_reason reason, unsigned long top, language lang, char *buf,
                         size_t size)
{
    if (!buf || size == 0)
        return "";
    switch (reason) {
    case BONUS_REASON_BELOW_MIN_SCORE:
        snprintf(buf, size, "%s", lang == LANG_EN ? "below min_score" : "alle vähimmäispisteiden");
        break;
    case BONUS_REASON_OUTSIDE_TOP:
        snprintf(buf, size, lang == LANG_EN ? "outside top %lu" : "ei parhaan %lu joukossa", top);
        break;
    case BONUS_REASON_SCORE_ZERO:
        snprintf(buf, size, "%s", lang == LANG_EN ? "score 0" : "pisteet 0");
        break;
    case BONUS_REASON_ELIGIBLE:
    default:
        buf[0] = '\0';
        break;
    }
    return buf;
}

const char *vocab_metric(const char *key, language lang)
{
    static const struct {
        const char *key;
        word label;
    } metrics[] = {
        {"total_cost", {"Kokonaiskustannus (ml. valtion maksama henkilöstö)",
                        "Total cost (incl. state-paid staff)"}},
        {"municipal_cost", {"Kunnan kustannus", "Municipal cost"}},
        {"state_grant", {"Valtionavustus", "State grant"}},
        {"municipal_net_cost", {"Kunnan nettokustannus", "Municipal net cost"}},
        {"personnel", {"Henkilöstökustannukset (ml. valtion maksama)",
                       "Personnel costs (incl. state-paid)"}},
        {"premises", {"Toimitilakustannukset", "Premises costs"}},
        {"other", {"Muut kustannukset", "Other costs"}},
        {"fte_municipality", {"HTV, kunnan palkkaamat", "FTE, municipality-paid"}},
        {"fte_state", {"HTV, valtion palkkaamat", "FTE, state-paid"}},
        {"caseload", {"Asiakkaita per omavalmentaja", "Clients per coach"}},
        {"bonus_allocated", {"Jaettu tulospalkkio", "Bonus allocated"}},
        {"kpis_met", {"Saavutetut tavoitteet", "KPIs met"}},
        {"tmt_actual", {"TMT-maksut, toteuma", "TMT payments, actual"}},
        {"tmt_change", {"TMT-maksujen muutos vertailuvuodesta", "TMT change from the baseline"}},
        {"tmt_net_effect", {"Nettovaikutus kunnalle", "Net effect for the municipality"}},
    };
    for (size_t i = 0; i < ARRAY_SIZE(metrics); i++)
        if (strcmp(metrics[i].key, key) == 0)
            return pick(metrics[i].label, lang);
    return key;
}
