/*
 * Unit tests of show.c, the terminal presenter of `tkk show` (SPEC §7.1): for a
 * hand-built scenario, the tables it prints hold the figures worked out by hand below,
 * in the workbook's words — Finnish under fi (no English word on the page), English
 * under en — and the sections come in the workbook's order. Expected values are worked
 * out by hand in the comments.
 */
#include "fixture_scenario.h"

#include <unistd.h>

#include "results.h"
#include "show.h"

/* What show_print writes to stdout, as a malloc'd string. */
static char *captured_show(const scenario *s, const results *r, language lang)
{
    char path[] = "/tmp/tkk-test-show-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fd, STDOUT_FILENO) >= 0);
    show_print(s, r, lang);
    fflush(stdout);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);

    off_t size = lseek(fd, 0, SEEK_END);
    assert_true(size >= 0);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(pread(fd, text, (size_t)size, 0), size);
    text[size] = '\0';
    close(fd);
    unlink(path);
    return text;
}

/* The line of text that starts with start (after leading spaces), or NULL. */
static const char *line_starting(const char *text, const char *start)
{
    for (const char *line = text; line && *line; ) {
        const char *at = line;
        while (*at == ' ')
            at++;
        if (strncmp(at, start, strlen(start)) == 0)
            return line;
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

/* That line holds every one of the words, in this order. */
static void assert_line_has(const char *text, const char *start, const char *const words[])
{
    const char *line = line_starting(text, start);
    if (!line) {
        print_error("no line starts with '%s' in:\n%s\n", start, text);
        fail();
    }
    const char *end = strchr(line, '\n');
    size_t length = end ? (size_t)(end - line) : strlen(line);
    const char *from = line;
    for (size_t i = 0; words[i]; i++) {
        const char *found = strstr(from, words[i]);
        if (!found || found >= line + length) {
            print_error("'%s' not found (in order) on the line: %.*s\n", words[i], (int)length, line);
            fail();
        }
        from = found + strlen(words[i]);
    }
}

/* 2021-01..2021-12 ("Testikunta", id "testi"); one coach line: 2 FTE × 3 000 × (1 +
 * 0,2) = 7 200,00 a month, 86 400,00 in the year, no state share, so the municipal
 * cost is 86 400,00 too. Rewards: `placed`, 1 500,005 € a person rounded half-up to
 * 1 500,01, × 3 persons = 4 500,03 claimed and paid (no allocation). A bonus of
 * 1 000 €, share, `placements` normalised by max: A (grant 10 000, 3) score 1, B
 * (20 000, 1) score 1/3 = 0,333333, C (5 000, 2) score 2/3 = 0,666667; λ = 1 000 ÷ 2 =
 * 500; exact 500, 166,6667, 333,3333; rounded 500,00, 166,67 (the remaining cent),
 * 333,33; share of grant 500 ÷ 10 000 = 5 %, 166,67 ÷ 20 000 = 0,833… % → 0,83 %,
 * 333,33 ÷ 5 000 = 6,6666 % → 6,67 %. */
static scenario *show_scenario(void)
{
    scenario *s = fixture_new("2021-01", "2021-12");
    s->id = text_dup("testi");
    s->name = text_dup("Testikunta");
    fixture_staff(s, "staff.coaches", "2", "3000", "0.2")->coach = true;
    fixture_reward(s, "placed", "Sijoittunut", "1500.005", 3);
    fixture_bonus(s, "1000", "placements");
    fixture_bonus_project(s, "A", "10000", "3");
    fixture_bonus_project(s, "B", "20000", "1");
    fixture_bonus_project(s, "C", "5000", "2");
    return s;
}

static void test_show_in_english(void **state)
{
    (void)state;
    scenario *s = show_scenario();
    results *r = results_compute(s);
    char *text = captured_show(s, r, LANG_EN);

    assert_int_equal(strncmp(text, "Testikunta (testi)\nPeriod: 2021-01..2021-12\n", 44), 0);
    /* The budget plan row of personnel, and the funding total row: total cost 86 400,
     * state-paid 0, municipal 86 400, eligible 86 400 (an eligible line), state grant 0
     * (no state share set), net 86 400, judged on the plan (no actual). */
    assert_line_has(text, "2021", (const char *const[]){ "personnel", "86,400.00 €", NULL });
    assert_line_has(text, "total", (const char *const[]){ "86,400.00 €", "0.00 €", "86,400.00 €",
                                                           "86,400.00 €", "0.00 €",
                                                           "86,400.00 €", "plan", NULL });
    assert_line_has(text, "placed", (const char *const[]){ "Sijoittunut", "1,500.01 €", "3",
                                                            "4,500.03 €", NULL });
    assert_line_has(text, "Claimed", (const char *const[]){ "4,500.03 €", "4,500.03 €",
                                                             "0.00 €", NULL });
    assert_line_has(text, "A ", (const char *const[]){ "10,000.00 €", "1", "yes", "500",
                                                      "500.00 €", "5 %", NULL });
    assert_line_has(text, "B ", (const char *const[]){ "20,000.00 €", "0.333333", "yes",
                                                      "166.6667", "166.67 €", "0.83 %", NULL });
    assert_line_has(text, "C ", (const char *const[]){ "5,000.00 €", "0.666667", "yes",
                                                      "333.3333", "333.33 €", "6.67 %", NULL });
    assert_line_has(text, "Pool", (const char *const[]){ "1,000.00 €", "Allocated", "1,000.00 €",
                                                          "Unallocated", "0.00 €",
                                                          "λ (multiplier): 500", NULL });
    /* The workbook's order: budget, funding, rewards, bonus; no KPI table without KPIs
     * and no TMT table without [tmt]. */
    const char *budget = strstr(text, "\nBudget\n"), *funding = strstr(text, "\nFunding\n"),
               *rewards = strstr(text, "\nRewards\n"), *bonus = strstr(text, "\nPerformance bonus\n");
    assert_non_null(budget);
    assert_non_null(funding);
    assert_non_null(rewards);
    assert_non_null(bonus);
    assert_true(budget < funding && funding < rewards && rewards < bonus);
    assert_null(strstr(text, "KPI"));
    assert_null(strstr(text, "TMT"));

    free(text);
    results_free(r);
    scenario_free(s);
}

static void test_show_in_finnish(void **state)
{
    (void)state;
    scenario *s = show_scenario();
    results *r = results_compute(s);
    char *text = captured_show(s, r, LANG_FI);

    assert_int_equal(strncmp(text, "Testikunta (testi)\nAjanjakso: 2021-01..2021-12\n", 47), 0);
    assert_line_has(text, "placed", (const char *const[]){ "Sijoittunut", "1 500,01 €", "3",
                                                            "4 500,03 €", NULL });
    assert_line_has(text, "B ", (const char *const[]){ "20 000,00 €", "0,333333", "kyllä",
                                                      "166,6667", "166,67 €", "0,83 %", NULL });
    assert_line_has(text, "Palkkiovaraus", (const char *const[]){ "1 000,00 €", "Jaettu",
                                                                   "1 000,00 €", "Jakamatta",
                                                                   "0,00 €", "λ (kerroin): 500",
                                                                   NULL });
    /* Under fi no English word of the page's vocabulary is printed. */
    static const char *const english[] = { "Period", "Budget", "Funding", "Rewards",
                                           "Performance bonus", "Pool", "Allocated", "yes",
                                           "personnel", "Claimed", NULL };
    for (size_t i = 0; english[i]; i++)
        if (strstr(text, english[i])) {
            print_error("English '%s' under fi:\n%s\n", english[i], text);
            fail();
        }

    free(text);
    results_free(r);
    scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_show_in_english),
        cmocka_unit_test(test_show_in_finnish),
    };
    return cmocka_run_group_tests_name("show", tests, NULL, NULL);
}
