/* arena.c — first-fit page allocator over one reserved range, and the dkm_port built on it. The
 * free list is kept sorted by address so that neighbours merge on free. */
#define _GNU_SOURCE
#include "arena.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_PAGE 4096u

struct free_block {
    uintptr_t start;
    size_t size;
    struct free_block *next;
};

struct arena {
    uintptr_t map_base;   /* the reservation, guard pages included */
    size_t map_size;
    struct free_block *free_list;   /* sorted by start */
    size_t meta_bytes, meta_peak;
    int enforce;
};

struct arena *arena_create(size_t bytes, int enforce)
{
    struct arena *a = calloc(1, sizeof(*a));
    struct free_block *b = calloc(1, sizeof(*b));
    if (!a || !b)
        goto fail;
    /* Enforced, the reservation is not MAP_NORESERVE: Linux then charges a block when it is first
     * made writable and marks it accounted, so a freed block stays a mapping of its own instead of
     * merging back into the untouched reservation, to be split out of it again by the next
     * allocation there. Each load's protection changes then apply to a whole mapping, which is
     * cheaper (docs/performance.md, seventh round). A guard page at each end, never handed out,
     * keeps blocks from touching the process's own read-write memory: a writable block would
     * merge with it, and every later protection change would split them again. */
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | (enforce ? 0 : MAP_NORESERVE);
#ifdef MAP_32BIT
    flags |= MAP_32BIT;   /* i386 relocations need addresses below 4 GiB on x86_64 hosts */
#endif
    /* Without enforcement the port has no region_protect, so by the port contract (dkm/dkm.h) its
     * memory must be executable as well: module code runs from it. */
    bytes = (bytes + ARENA_PAGE - 1) & ~(size_t)(ARENA_PAGE - 1);
    const size_t mapped = bytes + 2 * ARENA_PAGE;
    void *p = mmap(NULL, mapped, enforce ? PROT_NONE : PROT_READ | PROT_WRITE | PROT_EXEC, flags, -1,
                   0);
    if (p == MAP_FAILED)
        goto fail;
    if (!enforce && (mprotect(p, ARENA_PAGE, PROT_NONE) != 0 ||
                     mprotect((char *)p + ARENA_PAGE + bytes, ARENA_PAGE, PROT_NONE) != 0)) {
        munmap(p, mapped);
        goto fail;
    }
    a->enforce = enforce;
    a->map_base = (uintptr_t)p;
    a->map_size = mapped;
    b->start = a->map_base + ARENA_PAGE;
    b->size = bytes;
    a->free_list = b;
    return a;
fail:
    free(a);
    free(b);
    return NULL;
}

void arena_destroy(struct arena *a)
{
    if (!a)
        return;
    for (struct free_block *b = a->free_list, *n; b; b = n) {
        n = b->next;
        free(b);
    }
    munmap((void *)a->map_base, a->map_size);
    free(a);
}

void *arena_alloc(struct arena *a, size_t bytes)
{
    bytes = (bytes + ARENA_PAGE - 1) & ~(size_t)(ARENA_PAGE - 1);
    for (struct free_block **link = &a->free_list; *link; link = &(*link)->next) {
        struct free_block *b = *link;
        if (b->size < bytes)
            continue;
        uintptr_t start = b->start;
        b->start += bytes;
        b->size -= bytes;
        if (b->size == 0) {
            *link = b->next;
            free(b);
        }
        /* Writable, as the port contract requires; not zeroed, since the port says
         * DKM_REGION_UNZEROED and libdkm writes every byte itself. */
        if (a->enforce && mprotect((void *)start, bytes, PROT_READ | PROT_WRITE) != 0)
            return NULL;
        return (void *)start;
    }
    return NULL;
}

void arena_free(struct arena *a, void *p, size_t bytes)
{
    uintptr_t start = (uintptr_t)p;
    bytes = (bytes + ARENA_PAGE - 1) & ~(size_t)(ARENA_PAGE - 1);
    if (a->enforce)
        mprotect(p, bytes, PROT_NONE);
    struct free_block *prev = NULL, *next = a->free_list;
    while (next && next->start < start) {
        prev = next;
        next = next->next;
    }
    if (prev && prev->start + prev->size == start) {
        prev->size += bytes;
        if (next && prev->start + prev->size == next->start) {
            prev->size += next->size;
            prev->next = next->next;
            free(next);
        }
        return;
    }
    if (next && start + bytes == next->start) {
        next->start = start;
        next->size += bytes;
        return;
    }
    struct free_block *b = malloc(sizeof(*b));
    if (!b)
        abort();   /* the benchmark cannot continue with a corrupt model */
    b->start = start;
    b->size = bytes;
    b->next = next;
    if (prev)
        prev->next = b;
    else
        a->free_list = b;
}

size_t arena_free_bytes(const struct arena *a)
{
    size_t total = 0;
    for (const struct free_block *b = a->free_list; b; b = b->next)
        total += b->size;
    return total;
}

size_t arena_largest_free(const struct arena *a)
{
    size_t best = 0;
    for (const struct free_block *b = a->free_list; b; b = b->next)
        if (b->size > best)
            best = b->size;
    return best;
}

static void *port_region_alloc(void *ctx, size_t size)
{
    return arena_alloc(ctx, size);
}

static int port_region_protect(void *ctx, void *addr, size_t size, unsigned prot)
{
    (void)ctx;
    int p = 0;
    if (prot & DKM_PROT_R) p |= PROT_READ;
    if (prot & DKM_PROT_W) p |= PROT_WRITE;
    if (prot & DKM_PROT_X) p |= PROT_EXEC;
    return mprotect(addr, size, p) == 0 ? 0 : -1;
}

static void port_region_free(void *ctx, void *addr, size_t size)
{
    arena_free(ctx, addr, size);
}

static void *port_meta_alloc(void *ctx, size_t size)
{
    struct arena *a = ctx;
    void *p = malloc(size);
    if (p) {
        a->meta_bytes += size;
        if (a->meta_bytes > a->meta_peak)
            a->meta_peak = a->meta_bytes;
    }
    return p;
}

static void port_meta_free(void *ctx, void *ptr, size_t size)
{
    struct arena *a = ctx;
    if (ptr)
        a->meta_bytes -= size;
    free(ptr);
}

size_t arena_meta_bytes(const struct arena *a)
{
    return a->meta_bytes;
}

size_t arena_meta_peak(const struct arena *a)
{
    return a->meta_peak;
}

void arena_meta_reset_peak(struct arena *a)
{
    a->meta_peak = a->meta_bytes;
}

void arena_port_init(struct dkm_port *port, struct arena *a)
{
    memset(port, 0, sizeof(*port));
    port->ctx = a;
    port->page_size = ARENA_PAGE;
    port->region_alloc = port_region_alloc;
    port->region_protect = a->enforce ? port_region_protect : NULL;
    port->region_free = port_region_free;
    port->region_flags = DKM_REGION_UNZEROED;
    port->meta_alloc = port_meta_alloc;
    port->meta_free = port_meta_free;
}
