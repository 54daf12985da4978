/* money_sum — exact sums of cents without a gcd per addition (issue 13). */
#include "money_sum.h"

void money_sum_init(money_sum *sum)
{
    mpz_init(sum->cents);
    mpq_init(sum->other);
}

void money_sum_clear(money_sum *sum)
{
    mpz_clear(sum->cents);
    mpq_clear(sum->other);
}

void money_sum_reset(money_sum *sum)
{
    mpz_set_ui(sum->cents, 0);
    mpq_set_ui(sum->other, 0, 1);
}

void money_sum_add(money_sum *sum, const mpq_t amount)
{
    /* A canonical a/b with b | 100 is a × (100 / b) cents. */
    const mpz_srcptr den = mpq_denref(amount);
    if (mpz_cmp_ui(den, 100) <= 0) {
        unsigned long b = mpz_get_ui(den);
        if (100 % b == 0) {
            mpz_addmul_ui(sum->cents, mpq_numref(amount), 100 / b);
            return;
        }
    }
    mpq_add(sum->other, sum->other, amount);
}

void money_sum_get(mpq_t out, const money_sum *sum)
{
    mpz_set(mpq_numref(out), sum->cents);
    mpz_set_ui(mpq_denref(out), 100);
    mpq_canonicalize(out);
    if (mpq_sgn(sum->other) != 0)
        mpq_add(out, out, sum->other);
}
