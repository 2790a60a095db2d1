/* heap.h — the allocator behind kmalloc, as pure logic over a virtually contiguous region that
 * grows and shrinks through callbacks (the kernel maps and unmaps pages; the unit tests use a plain
 * buffer). First fit over a free list, with neighbours merged on free through boundary tags. */
#ifndef KERNEL_HEAP_H
#define KERNEL_HEAP_H

#include "ark/types.h"

#define HEAP_ALIGN 16u

struct heap_block;

struct heap {
    uintptr_t base, top, limit;          /* blocks cover [base, top); top may grow up to limit */
    size_t grow_step;                    /* bytes; a multiple of the page size */
    size_t keep;                         /* free bytes at the top kept when shrinking */
    struct heap_block *free_list;
    struct heap_block *last;             /* the block ending at top, or NULL when empty */
    size_t bytes_in_use, blocks_in_use;  /* as requested by callers */
    void *ctx;
    int  (*grow)(void *ctx, uintptr_t start, size_t len);    /* make [start, start+len) usable */
    void (*shrink)(void *ctx, uintptr_t start, size_t len);  /* give [start, start+len) back */
    void (*corrupt)(void *ctx, const char *what, const void *ptr);  /* bad free or damaged tag */
};

/* base and limit must be multiples of grow_step's page size; keep is rounded the same way. */
void heap_init(struct heap *h, uintptr_t base, uintptr_t limit, size_t grow_step);
void *heap_alloc(struct heap *h, size_t size);       /* HEAP_ALIGN-aligned; NULL when out of room */
void heap_free(struct heap *h, void *ptr);           /* NULL is ignored */
size_t heap_usable_size(const struct heap *h, const void *ptr);
/* Walks every block and checks the tags, the free list and the counters; 0 when consistent,
 * otherwise a negative number identifying the first problem found (for tests and debugging). */
int heap_check(const struct heap *h);

#endif
