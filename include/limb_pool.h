/*
 * limb_pool — GMP's small blocks from slabs instead of malloc (issue 13).
 *
 * Most numbers of tkk fit one or two limbs, and GMP asks for 8 or 16 bytes at a time:
 * malloc gives each a 32-byte chunk and takes a lock-free but general path. GMP tells
 * the size on every realloc and free (mp_set_memory_functions), so blocks up to
 * LIMB_POOL_MAX bytes come from per-size free lists carved from 2 MiB slabs on huge pages (big_alloc.h) that are
 * never returned (memory stays flat at its high-water mark, as a sweep wants); larger
 * blocks go to xmalloc. Installed by alloc_install(); not under AddressSanitizer, whose
 * leak check of every mpq_clear we keep.
 *
 * A block GMP hands out (mpz_get_str(NULL, …)) must go back through GMP's free
 * function, never free(): use xmpz_get_str (alloc.h) instead, which returns malloc'd
 * text.
 */
#ifndef TKK_LIMB_POOL_H
#define TKK_LIMB_POOL_H

#include <stddef.h>

#define LIMB_POOL_MAX 32   /* bytes: up to 4 limbs */

void *limb_pool_alloc(size_t size);
void *limb_pool_realloc(void *p, size_t old_size, size_t new_size);
void limb_pool_free(void *p, size_t size);

#endif
