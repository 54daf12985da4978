/* limb_pool — size-class free lists for GMP's small blocks (issue 13). */
#include "limb_pool.h"
#include "alloc.h"
#include "big_alloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* One transparent huge page per slab (big_alloc.h): at a million projects the limbs
 * are some 100 MB, touched in no order, and 4 KiB pages cost TLB misses. */
#define SLAB_BYTES ((size_t)2 << 20)
#define CLASS_BYTES 8                       /* classes of 8, 16, 24, 32 bytes */
#define N_CLASSES (LIMB_POOL_MAX / CLASS_BYTES)

typedef struct free_slot {
    struct free_slot *next;
} free_slot;

static free_slot *free_lists[N_CLASSES];
static char *slab_next, *slab_end;          /* the unused tail of the newest slab */

static size_t class_of(size_t size)
{
    return (size + CLASS_BYTES - 1) / CLASS_BYTES - 1;
}

void *limb_pool_alloc(size_t size)
{
    if (size == 0 || size > LIMB_POOL_MAX)
        return xmalloc(size);
    size_t c = class_of(size);
    free_slot *slot = free_lists[c];
    if (slot) {
        free_lists[c] = slot->next;
        return slot;
    }
    size_t bytes = (c + 1) * CLASS_BYTES;
    if ((size_t)(slab_end - slab_next) < bytes) {
        /* The rest of the old slab (< 32 bytes) is left unused. Slabs are mmap'd and
         * never returned, so no list keeps them reachable. */
        slab_next = big_alloc(SLAB_BYTES);
        slab_end = slab_next + SLAB_BYTES;
    }
    void *p = slab_next;
    slab_next += bytes;
    return p;
}

void limb_pool_free(void *p, size_t size)
{
    if (!p)
        return;
    if (size == 0 || size > LIMB_POOL_MAX) {
        free(p);
        return;
    }
    size_t c = class_of(size);
    free_slot *slot = p;
    slot->next = free_lists[c];
    free_lists[c] = slot;
}

void *limb_pool_realloc(void *p, size_t old_size, size_t new_size)
{
    bool old_pooled = old_size != 0 && old_size <= LIMB_POOL_MAX;
    bool new_pooled = new_size != 0 && new_size <= LIMB_POOL_MAX;
    if (!old_pooled && !new_pooled)
        return xrealloc(p, new_size);
    if (old_pooled && new_pooled && class_of(old_size) == class_of(new_size))
        return p;
    void *moved = limb_pool_alloc(new_size);
    memcpy(moved, p, old_size < new_size ? old_size : new_size);
    limb_pool_free(p, old_size);
    return moved;
}
