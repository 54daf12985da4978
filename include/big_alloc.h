/*
 * big_alloc — the few bulk blocks of a large round (GMP's limb slabs, per-project
 * arrays) on transparent huge pages (issue 13).
 *
 * At 10^6 projects `tkk show` touches some 700 MB in small pieces; with 4 KiB pages a
 * large share of its user time is TLB misses (the same binary ran 30 % less user time
 * with glibc's malloc on huge pages). This machine's kind of kernel gives huge pages
 * only to ranges that ask (THP mode "madvise"), so these blocks are mmap'd 2 MiB-aligned
 * and marked MADV_HUGEPAGE. Where madvise fails the pages stay small: no error.
 *
 *     void *slab = big_alloc(bytes);      // zero-filled, never NULL
 *     big_free(slab, bytes);              // the same size
 *
 * Under AddressSanitizer both are plain xcalloc/free, so leaks are still reported.
 */
#ifndef TKK_BIG_ALLOC_H
#define TKK_BIG_ALLOC_H

#include <stddef.h>

/* size bytes, zero-filled; out of memory takes the path of fatal.c. */
void *big_alloc(size_t size);
/* Releases a block of big_alloc(size); NULL is ignored. */
void big_free(void *p, size_t size);

/* Blocks from malloc: the 2 MiB-aligned inside of a block of at least
 * BIG_ALLOC_ADVISE_MIN bytes (malloc maps those afresh, untouched) is marked for huge
 * pages; xmalloc, xcalloc and xrealloc call it. */
#define BIG_ALLOC_ADVISE_MIN ((size_t)4 << 20)
void big_alloc_advise(void *p, size_t size);
/* The part of the brk heap grown since the last call marked likewise; xmalloc calls it
 * (sbrk(0) only reads a variable: no system call unless the heap grew by 2 MiB). */
void big_alloc_heap_advise(void);

#endif
