/* Tests of limb_pool (GMP's small blocks from slabs) and xmpz_get_str. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gmp.h>

#include "alloc.h"
#include "limb_pool.h"

/* A freed block is handed out again for the same size class (8 and 5 bytes are both the
 * 8-byte class), not for another; blocks of one class do not overlap. */
static void test_reuse_by_class(void **state)
{
    (void)state;
    char *a = limb_pool_alloc(8), *b = limb_pool_alloc(8), *c = limb_pool_alloc(16);
    assert_ptr_not_equal(a, b);
    memset(a, 'a', 8);
    memset(b, 'b', 8);
    memset(c, 'c', 16);
    assert_int_equal(a[7], 'a');   /* b and c did not write over a */
    assert_int_equal(b[7], 'b');
    limb_pool_free(a, 8);
    char *d = limb_pool_alloc(16);
    assert_ptr_not_equal(d, a);    /* another class */
    char *e = limb_pool_alloc(5);
    assert_ptr_equal(e, a);        /* the freed 8-byte slot */
    limb_pool_free(b, 8);
    limb_pool_free(c, 16);
    limb_pool_free(d, 16);
    limb_pool_free(e, 5);
}

/* realloc keeps the contents across classes and to and from malloc'd blocks. */
static void test_realloc_keeps_contents(void **state)
{
    (void)state;
    unsigned char *p = limb_pool_alloc(8);
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(i + 1);
    p = limb_pool_realloc(p, 8, 24);               /* 8 → 24 bytes: another class */
    for (int i = 8; i < 24; i++)
        p[i] = (unsigned char)(i + 1);
    p = limb_pool_realloc(p, 24, 20);              /* same class: stays */
    p = limb_pool_realloc(p, 20, 4096);            /* to malloc */
    for (int i = 0; i < 20; i++)
        assert_int_equal(p[i], i + 1);
    p = limb_pool_realloc(p, 4096, 16);            /* back into the pool */
    for (int i = 0; i < 16; i++)
        assert_int_equal(p[i], i + 1);
    limb_pool_free(p, 16);
}

/* GMP through the pool gives the same numbers as through malloc: 200! and a sum of
 * 1/k (k = 1..300) written out and compared with the default allocator's text. */
static char *numbers_text(void)
{
    mpz_t f;
    mpq_t h, term;
    mpz_init(f);
    mpq_inits(h, term, NULL);
    mpz_fac_ui(f, 200);
    for (unsigned long k = 1; k <= 300; k++) {
        mpq_set_ui(term, 1, k);
        mpq_add(h, h, term);
    }
    char *num = xmpz_get_str(mpq_numref(h));
    char *den = xmpz_get_str(mpq_denref(h));
    char *fac = xmpz_get_str(f);
    char *text = xasprintf("%s %s/%s", fac, num, den);
    free(num);
    free(den);
    free(fac);
    mpz_clear(f);
    mpq_clears(h, term, NULL);
    return text;
}

static void test_gmp_through_pool(void **state)
{
    (void)state;
    char *plain = numbers_text();
    void *(*alloc_fn)(size_t);
    void *(*realloc_fn)(void *, size_t, size_t);
    void (*free_fn)(void *, size_t);
    mp_get_memory_functions(&alloc_fn, &realloc_fn, &free_fn);
    mp_set_memory_functions(limb_pool_alloc, limb_pool_realloc, limb_pool_free);
    char *pooled = numbers_text();
    mp_set_memory_functions(alloc_fn, realloc_fn, free_fn);
    assert_string_equal(pooled, plain);
    /* 200! has 375 digits; -7 gives its sign. */
    assert_int_equal(strchr(plain, ' ') - plain, 375);
    mpz_t m;
    mpz_init_set_si(m, -7);
    char *minus = xmpz_get_str(m);
    assert_string_equal(minus, "-7");
    free(minus);
    mpz_clear(m);
    free(plain);
    free(pooled);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reuse_by_class),
        cmocka_unit_test(test_realloc_keeps_contents),
        cmocka_unit_test(test_gmp_through_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
