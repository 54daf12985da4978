/* alloc — allocation wrappers with one out-of-memory path (fatal.c). */
#include "alloc.h"

#include <gmp.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "big_alloc.h"
#include "fatal.h"
#include "limb_pool.h"

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        fatal_out_of_memory();
    if (size >= BIG_ALLOC_ADVISE_MIN)
        big_alloc_advise(p, size);
    else
        big_alloc_heap_advise();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        fatal_out_of_memory();
    if (count != 0 && size >= BIG_ALLOC_ADVISE_MIN / count)
        big_alloc_advise(p, count * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *grown = realloc(p, size ? size : 1);
    if (!grown)
        fatal_out_of_memory();
    if (size >= BIG_ALLOC_ADVISE_MIN)
        big_alloc_advise(grown, size);
    else
        big_alloc_heap_advise();
    return grown;
}

void *xreallocarray(void *p, size_t count, size_t size)
{
    /* A product past SIZE_MAX could never be allocated either. */
    if (size != 0 && count > SIZE_MAX / size)
        fatal_out_of_memory();
    return xrealloc(p, count * size);
}

char *xstrdup(const char *s)
{
    size_t length = strlen(s);
    char *copy = xmalloc(length + 1);
    memcpy(copy, s, length + 1);
    return copy;
}

char *xstrndup(const char *s, size_t n)
{
    size_t length = strnlen(s, n);
    char *copy = xmalloc(length + 1);
    memcpy(copy, s, length);
    copy[length] = '\0';
    return copy;
}

char *xvasprintf(const char *fmt, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (length < 0)   /* a text past INT_MAX bytes: no memory could hold it as one */
        fatal_out_of_memory();
    char *text = xmalloc((size_t)length + 1);
    vsnprintf(text, (size_t)length + 1, fmt, args);
    return text;
}

char *xasprintf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    char *text = xvasprintf(fmt, args);
    va_end(args);
    return text;
}

/* GMP's signatures carry the old size, which malloc does not need. */
static void *gmp_allocate(size_t size)
{
    return xmalloc(size);
}

static void *gmp_reallocate(void *p, size_t old_size, size_t new_size)
{
    (void)old_size;
    return xrealloc(p, new_size);
}

static void gmp_free(void *p, size_t size)
{
    (void)size;
    free(p);
}

/* Under AddressSanitizer every GMP block stays its own malloc, so that a missing
 * mpq_clear is still reported as a leak; otherwise small blocks come from limb_pool. */
#if defined(__SANITIZE_ADDRESS__)
#define TKK_LIMB_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TKK_LIMB_POOL 0
#endif
#endif
#ifndef TKK_LIMB_POOL
#define TKK_LIMB_POOL 1
#endif

void alloc_install(void)
{
    /* The brk heap grows 16 MiB at a time, so that big_alloc_heap_advise finds whole
     * huge pages still untouched (big_alloc.h). */
    if (TKK_LIMB_POOL)
        (void)mallopt(M_TOP_PAD, 16 << 20);
    if (TKK_LIMB_POOL)
        mp_set_memory_functions(limb_pool_alloc, limb_pool_realloc, limb_pool_free);
    else
        mp_set_memory_functions(gmp_allocate, gmp_reallocate, gmp_free);
}

char *xmpz_get_str(const mpz_t value)
{
    /* sizeinbase may exceed by one; one more for the sign, one for the NUL. */
    char *text = xmalloc(mpz_sizeinbase(value, 10) + 2);
    return mpz_get_str(text, 10, value);
}
