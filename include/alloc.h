/*
 * alloc — the one allocation policy (SPEC §7.5): every allocation of tkk goes through
 * these wrappers, which never return NULL. When memory runs out they take the single
 * out-of-memory path of fatal.c: "tkk: out of memory", registered temporary files
 * removed, exit 3 (the way redis's zmalloc has one zmalloc_oom_handler).
 *
 *     alloc_install();                            // once in main(): GMP uses them too
 *     project *p = xcalloc(n, sizeof *p);         // never NULL
 *     char *line = xasprintf("%s: %s", id, name);
 *
 * So no caller checks for NULL and no module passes -1 up for out-of-memory.
 */
#ifndef TKK_ALLOC_H
#define TKK_ALLOC_H

#include <stdarg.h>
#include <stddef.h>
#include <gmp.h>

/* GMP allocates through xmalloc/xrealloc/free from now on (mp_set_memory_functions):
 * its own out-of-memory path would abort() with SIGABRT. */
void alloc_install(void);

/* The decimal digits of value (with '-' when negative) in malloc'd text, to free with
 * free(): mpz_get_str(NULL, …) would allocate through GMP's functions, whose blocks
 * must go back to GMP (limb_pool.h). */
char *xmpz_get_str(const mpz_t value);

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t size);
/* xrealloc(p, count × size), the product checked for overflow. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list args) __attribute__((format(printf, 1, 0)));

#endif
