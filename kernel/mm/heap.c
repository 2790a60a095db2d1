/* heap.c — first-fit allocator with boundary tags. Every block starts with a 16-byte header that
 * records its own size and the size of the block before it, so freeing merges with both neighbours
 * in constant time; free blocks also hold the links of the free list in their payload. */
#include "heap.h"

#define HEAP_MAGIC_USED 0xA110CA7Eu
#define HEAP_MAGIC_FREE 0xF4EEB10Cu

struct heap_block {
    uint32_t magic;
    uint32_t size;          /* whole block, header included; a multiple of HEAP_ALIGN */
    uint32_t prev_size;     /* size of the block just below, 0 for the first block */
    uint32_t requested;     /* bytes asked for (used blocks) */
};

struct heap_links {         /* payload of a free block */
    struct heap_block *next, *prev;
};

#define HEADER_SIZE  ((uint32_t)sizeof(struct heap_block))
#define MIN_BLOCK    (HEADER_SIZE + ((uint32_t)sizeof(struct heap_links) + HEAP_ALIGN - 1) / HEAP_ALIGN * HEAP_ALIGN)

_Static_assert(sizeof(struct heap_block) == HEAP_ALIGN, "heap header must keep payloads aligned");

static struct heap_links *links(struct heap_block *b)
{
    return (struct heap_links *)(b + 1);
}

static struct heap_block *block_after(struct heap_block *b)
{
    return (struct heap_block *)((uintptr_t)b + b->size);
}

static struct heap_block *block_before(struct heap_block *b)
{
    return (struct heap_block *)((uintptr_t)b - b->prev_size);
}

static bool is_last(const struct heap *h, struct heap_block *b)
{
    return (uintptr_t)b + b->size == h->top;
}

static void list_push(struct heap *h, struct heap_block *b)
{
    b->magic = HEAP_MAGIC_FREE;
    b->requested = 0;
    links(b)->prev = NULL;
    links(b)->next = h->free_list;
    if (h->free_list)
        links(h->free_list)->prev = b;
    h->free_list = b;
}

static void list_remove(struct heap *h, struct heap_block *b)
{
    struct heap_links *l = links(b);
    if (l->prev)
        links(l->prev)->next = l->next;
    else
        h->free_list = l->next;
    if (l->next)
        links(l->next)->prev = l->prev;
}

/* Tells the block after b (or the heap's end) that b's size changed. */
static void fix_neighbour(struct heap *h, struct heap_block *b)
{
    if (is_last(h, b))
        h->last = b;
    else
        block_after(b)->prev_size = b->size;
}

void heap_init(struct heap *h, uintptr_t base, uintptr_t limit, size_t grow_step)
{
    h->base = h->top = base;
    h->limit = limit;
    h->grow_step = grow_step;
    h->keep = grow_step;
    h->free_list = NULL;
    h->last = NULL;
    h->bytes_in_use = h->blocks_in_use = 0;
}

/* Extends the heap by at least `need` bytes, merging the new space into a free last block. */
static bool heap_grow(struct heap *h, uint32_t need)
{
    size_t step = h->grow_step;
    size_t len = (need + step - 1) / step * step;
    if (len < need || len > h->limit - h->top)
        return false;
    if (h->grow && h->grow(h->ctx, h->top, len) != 0)
        return false;
    struct heap_block *fresh = (struct heap_block *)h->top;
    struct heap_block *last = h->last;
    h->top += len;
    if (last && last->magic == HEAP_MAGIC_FREE) {
        last->size += (uint32_t)len;
        h->last = last;
        return true;
    }
    fresh->size = (uint32_t)len;
    fresh->prev_size = last ? last->size : 0;
    list_push(h, fresh);
    h->last = fresh;
    return true;
}

static struct heap_block *find_fit(struct heap *h, uint32_t need)
{
    for (struct heap_block *b = h->free_list; b; b = links(b)->next)
        if (b->size >= need)
            return b;
    return NULL;
}

void *heap_alloc(struct heap *h, size_t size)
{
    if (size == 0)
        size = 1;                       /* a distinct pointer, as callers of kmalloc(0) expect */
    if (size > h->limit - h->base)
        return NULL;
    uint32_t need = (uint32_t)((size + HEADER_SIZE + HEAP_ALIGN - 1) / HEAP_ALIGN * HEAP_ALIGN);
    if (need < MIN_BLOCK)
        need = MIN_BLOCK;

    struct heap_block *b = find_fit(h, need);
    if (!b) {
        uint32_t have = (h->last && h->last->magic == HEAP_MAGIC_FREE) ? h->last->size : 0;
        if (!heap_grow(h, need - have))
            return NULL;
        b = find_fit(h, need);
        if (!b)
            return NULL;
    }
    list_remove(h, b);
    if (b->size - need >= MIN_BLOCK) {
        struct heap_block *rest = (struct heap_block *)((uintptr_t)b + need);
        rest->size = b->size - need;
        rest->prev_size = need;
        b->size = need;
        fix_neighbour(h, rest);
        list_push(h, rest);
    }
    b->magic = HEAP_MAGIC_USED;
    b->requested = (uint32_t)size;
    h->bytes_in_use += size;
    h->blocks_in_use++;
    return b + 1;
}

/* Returns whole pages at the top beyond `keep` bytes of free space. */
static void heap_trim(struct heap *h, struct heap_block *b)
{
    uintptr_t step = h->grow_step;
    uintptr_t keep_end = ((uintptr_t)b + MIN_BLOCK + h->keep + step - 1) / step * step;
    if (keep_end >= h->top)
        return;
    size_t len = h->top - keep_end;
    b->size -= (uint32_t)len;
    h->top = keep_end;
    if (h->shrink)
        h->shrink(h->ctx, keep_end, len);
}

static bool valid_block(const struct heap *h, const void *ptr)
{
    uintptr_t p = (uintptr_t)ptr;
    return p >= h->base + HEADER_SIZE && p < h->top && (p & (HEAP_ALIGN - 1)) == 0;
}

void heap_free(struct heap *h, void *ptr)
{
    if (!ptr)
        return;
    struct heap_block *b = (struct heap_block *)ptr - 1;
    if (!valid_block(h, ptr) || b->magic != HEAP_MAGIC_USED) {
        if (h->corrupt)
            h->corrupt(h->ctx, valid_block(h, ptr) && b->magic == HEAP_MAGIC_FREE
                                   ? "double free" : "free of a pointer kmalloc did not return",
                       ptr);
        return;
    }
    h->bytes_in_use -= b->requested;
    h->blocks_in_use--;

    if (!is_last(h, b)) {
        struct heap_block *next = block_after(b);
        if (next->magic == HEAP_MAGIC_FREE) {
            list_remove(h, next);
            b->size += next->size;
        }
    }
    if (b->prev_size) {
        struct heap_block *prev = block_before(b);
        if (prev->magic == HEAP_MAGIC_FREE) {
            list_remove(h, prev);
            prev->size += b->size;
            b = prev;
        }
    }
    fix_neighbour(h, b);
    if (is_last(h, b))
        heap_trim(h, b);
    list_push(h, b);
}

size_t heap_usable_size(const struct heap *h, const void *ptr)
{
    const struct heap_block *b = (const struct heap_block *)ptr - 1;
    if (!valid_block(h, ptr) || b->magic != HEAP_MAGIC_USED)
        return 0;
    return b->size - HEADER_SIZE;
}

int heap_check(const struct heap *h)
{
    size_t used_bytes = 0, used_blocks = 0, free_blocks = 0;
    uint32_t prev_size = 0;
    bool prev_free = false;
    uintptr_t p = h->base;
    while (p < h->top) {
        const struct heap_block *b = (const struct heap_block *)p;
        if (b->magic != HEAP_MAGIC_USED && b->magic != HEAP_MAGIC_FREE)
            return -1;                   /* damaged header */
        if (b->size < MIN_BLOCK || b->size % HEAP_ALIGN || b->size > h->top - p)
            return -2;                   /* impossible size */
        if (b->prev_size != prev_size)
            return -3;                   /* boundary tag disagrees with the block below */
        bool is_free = b->magic == HEAP_MAGIC_FREE;
        if (is_free && prev_free)
            return -4;                   /* two free neighbours were not merged */
        if (is_free) {
            free_blocks++;
        } else {
            used_blocks++;
            used_bytes += b->requested;
        }
        prev_free = is_free;
        prev_size = b->size;
        if (p + b->size == h->top && h->last != b)
            return -5;                   /* last-block pointer is stale */
        p += b->size;
    }
    size_t listed = 0;
    for (const struct heap_block *b = h->free_list; b; b = ((const struct heap_links *)(b + 1))->next) {
        if (b->magic != HEAP_MAGIC_FREE || ++listed > free_blocks)
            return -6;                   /* free list holds a used block or loops */
    }
    if (listed != free_blocks)
        return -7;                       /* a free block is missing from the list */
    if (used_bytes != h->bytes_in_use || used_blocks != h->blocks_in_use)
        return -8;                       /* counters drifted */
    if (h->top == h->base && h->last)
        return -5;
    return 0;
}
