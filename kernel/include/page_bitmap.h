/* page_bitmap.h — the physical page allocator's bookkeeping: one bit per page frame, set while the
 * frame is in use. Pure logic (no hardware access), so the unit tests compile it for the host. */
#ifndef KERNEL_PAGE_BITMAP_H
#define KERNEL_PAGE_BITMAP_H

#include "ark/types.h"

struct page_bitmap {
    uint32_t *bits;
    uint32_t npages;       /* frames described: 0 .. npages-1 */
    uint32_t free;         /* frames whose bit is clear */
    uint32_t hint;         /* word index where the next search starts */
};

#define PAGE_BITMAP_WORDS(npages) (((npages) + 31) / 32)

/* Starts with every frame in use; the caller then frees what the memory map says is RAM. */
void page_bitmap_init(struct page_bitmap *pb, uint32_t *bits, uint32_t npages);
void page_bitmap_set_free(struct page_bitmap *pb, uint32_t first, uint32_t count);
void page_bitmap_set_used(struct page_bitmap *pb, uint32_t first, uint32_t count);
/* A free frame's number, marked used; -1 when none is left. */
int64_t page_bitmap_alloc(struct page_bitmap *pb);
/* 0; -EINVAL for a frame beyond the map; -EFAULT when the frame was not in use (double free). */
int page_bitmap_free(struct page_bitmap *pb, uint32_t page);
/* Takes count consecutive free frames, all below limit: the first one, or -1. First fit. */
int64_t page_bitmap_alloc_range(struct page_bitmap *pb, uint32_t count, uint32_t limit);
bool page_bitmap_is_used(const struct page_bitmap *pb, uint32_t page);

#endif
