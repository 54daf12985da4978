/*
 * fraction — exact products and quotients without gcds (fraction.h).
 */
#include "fraction.h"

#include "money.h"

void fraction_init(fraction *f)
{
    mpz_inits(f->num, f->left, f->right, NULL);
    mpz_init_set_ui(f->den, 1);
}

void fraction_clear(fraction *f)
{
    mpz_clears(f->num, f->den, f->left, f->right, NULL);
}

void fraction_set_q(fraction *f, const mpq_t a)
{
    mpz_set(f->num, mpq_numref(a));
    mpz_set(f->den, mpq_denref(a));
}

void fraction_set_z(fraction *f, const mpz_t num, const mpz_t den)
{
    mpz_set(f->num, num);
    mpz_set(f->den, den);
}

void fraction_mul_q(fraction *f, const mpq_t a)
{
    mpz_mul(f->num, f->num, mpq_numref(a));
    mpz_mul(f->den, f->den, mpq_denref(a));
}

void fraction_div_q(fraction *f, const mpq_t a)
{
    mpz_mul(f->num, f->num, mpq_denref(a));
    mpz_mul(f->den, f->den, mpq_numref(a));
}

bool fraction_equal_q(fraction *f, const mpq_t a)
{
    /* num/den = p/q ⇔ num·q = p·den, whatever the signs of the denominators. */
    mpz_mul(f->left, f->num, mpq_denref(a));
    mpz_mul(f->right, mpq_numref(a), f->den);
    return mpz_cmp(f->left, f->right) == 0;
}

double fraction_to_double(const fraction *f)
{
    return money_fraction_to_double(f->num, f->den);
}
