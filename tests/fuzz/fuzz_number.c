/*
 * fuzz_number — number_parse (SPEC §3) on arbitrary bytes.
 *
 * Input: the first byte picks the kind (plain, money, ratio, measure); the rest is the
 * text. Besides what the sanitizers catch, the harness checks number.h's contract:
 * a parsed value is canonical with a positive denominator, a rejected one is 0 with a
 * message, the suffix flags agree with the kind, and the value written back as a/b
 * parses to itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>

#include "fuzz_files.h"
#include "number.h"

static void require(int condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "fuzz_number: broken contract: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    number_kind kind = (number_kind)(data[0] % 4);
    char *text = malloc(size);
    if (!text)
        abort();
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';

    mpq_t value, canonical;
    mpq_init(value);
    mpq_init(canonical);
    number_info info = { true, true };
    const char *err = number_parse(value, text, kind, &info);
    if (err) {
        require(err[0] != '\0', "an empty message");
        require(mpq_sgn(value) == 0, "a rejected value is not 0");
    } else {
        require(mpz_sgn(mpq_denref(value)) > 0, "a denominator that is not positive");
        mpq_set(canonical, value);
        mpq_canonicalize(canonical);
        require(mpz_cmp(mpq_numref(value), mpq_numref(canonical)) == 0 &&
                    mpz_cmp(mpq_denref(value), mpq_denref(canonical)) == 0,
                "a value that is not canonical");
        require(!(info.percent && info.money), "both % and a money suffix");
        require(!info.percent || kind == NUMBER_RATIO || kind == NUMBER_MEASURE,
                "% accepted on a kind that takes no %");
        require(!info.money || kind == NUMBER_MONEY || kind == NUMBER_MEASURE,
                "a money suffix accepted on a kind that takes none");
        require(number_is_whole(value) == (mpz_cmp_ui(mpq_denref(value), 1) == 0),
                "number_is_whole disagrees with the denominator");
        /* The value written back as a/b (GMP's digits) parses to itself. */
        char *fraction = mpq_get_str(NULL, 10, value);
        char *written = malloc(strlen(fraction) + 3);
        if (!written)
            abort();
        strcpy(written, fraction);
        if (!strchr(written, '/'))
            strcat(written, "/1");
        mpq_t back;
        mpq_init(back);
        require(number_parse(back, written, NUMBER_PLAIN, NULL) == NULL && mpq_equal(back, value),
                "the value written as a/b does not parse back to itself");
        mpq_clear(back);
        free(written);
        void (*gmp_free)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &gmp_free);
        gmp_free(fraction, strlen(fraction) + 1);
    }
    /* The info argument is optional: the same text parses the same without it. */
    mpq_t again;
    mpq_init(again);
    const char *err_again = number_parse(again, text, kind, NULL);
    require((err == NULL) == (err_again == NULL) && mpq_equal(value, again),
            "a different result without info");
    mpq_clear(again);
    mpq_clear(canonical);
    mpq_clear(value);
    free(text);
    return 0;
}
