/* big_alloc — bulk blocks on transparent huge pages (issue 13; see big_alloc.h). */
#define _DEFAULT_SOURCE
#include "big_alloc.h"
#include "alloc.h"
#include "fatal.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define TKK_BIG_MMAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TKK_BIG_MMAP 0
#endif
#endif
#ifndef TKK_BIG_MMAP
#define TKK_BIG_MMAP 1
#endif

#define HUGE_BYTES ((size_t)2 << 20)

static size_t round_up(size_t size)
{
    return (size + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
}

void *big_alloc(size_t size)
{
    if (!TKK_BIG_MMAP || size == 0)
        return xcalloc(size ? size : 1, 1);
    size_t bytes = round_up(size);
    if (bytes < size)
        fatal_out_of_memory();
    /* One huge page more than asked, so that a 2 MiB-aligned start can be cut out. */
    size_t mapped = bytes + HUGE_BYTES;
    char *raw = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        fatal_out_of_memory();
    char *start = (char *)(((uintptr_t)raw + HUGE_BYTES - 1) & ~(uintptr_t)(HUGE_BYTES - 1));
    if (start > raw)
        munmap(raw, (size_t)(start - raw));
    char *end = start + bytes;
    if (raw + mapped > end)
        munmap(end, (size_t)(raw + mapped - end));
#ifdef MADV_HUGEPAGE
    (void)madvise(start, bytes, MADV_HUGEPAGE);   /* small pages where refused */
#endif
    return start;
}

void big_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    if (!TKK_BIG_MMAP || size == 0) {
        free(p);
        return;
    }
    munmap(p, round_up(size));
}

/* The 2 MiB-aligned inside of [p, p + size) marked for huge pages; nothing when it holds
 * none. */
static void advise_inside(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    uintptr_t from = ((uintptr_t)p + HUGE_BYTES - 1) & ~(uintptr_t)(HUGE_BYTES - 1);
    uintptr_t to = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE_BYTES - 1);
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

void big_alloc_advise(void *p, size_t size)
{
    if (TKK_BIG_MMAP && size >= BIG_ALLOC_ADVISE_MIN)
        advise_inside(p, size);
}

/* How far the heap was already advised: malloc's small blocks of a large round (project
 * ids, names, value arrays) come from the brk heap, which malloc extends in steps of at
 * least M_TOP_PAD; the new part is still untouched when the next xmalloc sees it. */
static char *heap_advised;

void big_alloc_heap_advise(void)
{
    if (!TKK_BIG_MMAP)
        return;
    char *top = sbrk(0);
    if (top == (char *)-1)
        return;
    if (heap_advised == NULL || top < heap_advised) {   /* first call, or trimmed */
        heap_advised = top;
        return;
    }
    if ((size_t)(top - heap_advised) >= HUGE_BYTES) {
        advise_inside(heap_advised, (size_t)(top - heap_advised));
        heap_advised = top;
    }
}
