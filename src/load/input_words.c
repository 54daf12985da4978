/* input_words — English and Finnish spellings of the scenario's enumerated words (SPEC §7.3). */
#include "input_words.h"

#include <string.h>

/* Lower-cases one character at p (ASCII, or the two-byte UTF-8 Ä Ö Å); writes its bytes
 * to out and returns how many p took. */
static size_t fold_char(const char *p, char out[2], size_t *out_len)
{
    unsigned char c = (unsigned char)p[0];
    if (c >= 'A' && c <= 'Z') {
        out[0] = (char)(c - 'A' + 'a');
        *out_len = 1;
        return 1;
    }
    /* U+00C4 Ä, U+00C5 Å, U+00D6 Ö are 0xC3 0x84/0x85/0x96; lower case adds 0x20. */
    if (c == 0xC3 && p[1] != '\0') {
        unsigned char d = (unsigned char)p[1];
        out[0] = (char)c;
        out[1] = (char)(d == 0x84 || d == 0x85 || d == 0x96 ? d + 0x20 : d);
        *out_len = 2;
        return 2;
    }
    out[0] = (char)c;
    *out_len = 1;
    return 1;
}

bool input_word_equal(const char *a, size_t a_len, const char *b)
{
    size_t i = 0, j = 0;
    size_t b_len = strlen(b);
    while (i < a_len && j < b_len) {
        char x[2], y[2];
        size_t xn, yn;
        i += fold_char(a + i, x, &xn);
        j += fold_char(b + j, y, &yn);
        if (xn != yn || memcmp(x, y, xn) != 0)
            return false;
    }
    return i >= a_len && j >= b_len;
}

static bool word_is(const char *text, const char *word)
{
    return input_word_equal(text, strlen(text), word);
}

bool input_bool(const char *text, bool *out)
{
    if (word_is(text, "yes") || word_is(text, "kyllä"))
        *out = true;
    else if (word_is(text, "no") || word_is(text, "ei"))
        *out = false;
    else
        return false;
    return true;
}

bool input_payer(const char *text, payer *out)
{
    if (word_is(text, "municipality") || word_is(text, "kunta"))
        *out = PAYER_MUNICIPALITY;
    else if (word_is(text, "state") || word_is(text, "valtio"))
        *out = PAYER_STATE;
    else
        return false;
    return true;
}

int input_category(const char *text, size_t len)
{
    static const char *const words[CAT_COUNT][2] = {
        [CAT_PERSONNEL] = { "personnel", "henkilöstö" },
        [CAT_PREMISES] = { "premises", "toimitilat" },
        [CAT_OTHER] = { "other", "muut" },
    };
    for (int cat = 0; cat < CAT_COUNT; cat++)
        for (int w = 0; w < 2; w++)
            if (input_word_equal(text, len, words[cat][w]))
                return cat;
    return -1;
}

bool input_kpi_operator(const char *text, kpi_operator *out, size_t *len)
{
    /* Longest first, so "<=" is not read as "<". */
    static const struct { const char *text; kpi_operator op; } ops[] = {
        { "<=", KPI_LE }, { ">=", KPI_GE }, { "\u2264", KPI_LE }, { "\u2265", KPI_GE },
        { "<", KPI_LT }, { ">", KPI_GT }, { "=", KPI_EQ },
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if (strncmp(text, ops[i].text, n) == 0) {
            *out = ops[i].op;
            *len = n;
            return true;
        }
    }
    return false;
}
