/* page_bitmap.c — one bit per physical page frame (set = in use), with a running free count and a
 * search hint so that allocation does not rescan the already-full low words every time. */
#include "page_bitmap.h"
#include "ark/errno.h"

void page_bitmap_init(struct page_bitmap *pb, uint32_t *bits, uint32_t npages)
{
    pb->bits = bits;
    pb->npages = npages;
    pb->free = 0;
    pb->hint = 0;
    for (uint32_t w = 0; w < PAGE_BITMAP_WORDS(npages); w++)
        bits[w] = 0xFFFFFFFFu;
}

bool page_bitmap_is_used(const struct page_bitmap *pb, uint32_t page)
{
    if (page >= pb->npages)
        return true;
    return (pb->bits[page / 32] >> (page % 32)) & 1u;
}

void page_bitmap_set_free(struct page_bitmap *pb, uint32_t first, uint32_t count)
{
    for (uint32_t p = first; p < pb->npages && p - first < count; p++) {
        if (page_bitmap_is_used(pb, p)) {
            pb->bits[p / 32] &= ~(1u << (p % 32));
            pb->free++;
        }
    }
    if (first / 32 < pb->hint)
        pb->hint = first / 32;
}

void page_bitmap_set_used(struct page_bitmap *pb, uint32_t first, uint32_t count)
{
    for (uint32_t p = first; p < pb->npages && p - first < count; p++) {
        if (!page_bitmap_is_used(pb, p)) {
            pb->bits[p / 32] |= 1u << (p % 32);
            pb->free--;
        }
    }
}

int64_t page_bitmap_alloc(struct page_bitmap *pb)
{
    uint32_t words = PAGE_BITMAP_WORDS(pb->npages);
    if (pb->free == 0)
        return -1;
    /* From the hint to the end, then from the start: no division per word (a helper call under
     * emulation), and module memory takes its frames from here in batches. */
    for (uint32_t i = 0, w = pb->hint < words ? pb->hint : 0; i < words; i++, w = w + 1 < words ? w + 1 : 0) {
        if (pb->bits[w] == 0xFFFFFFFFu)
            continue;
        uint32_t bit = (uint32_t)__builtin_ctz(~pb->bits[w]);
        uint32_t page = w * 32 + bit;
        if (page >= pb->npages)
            continue;                      /* the unused tail of the last word */
        pb->bits[w] |= 1u << bit;
        pb->free--;
        pb->hint = w;
        return page;
    }
    return -1;
}

int page_bitmap_free(struct page_bitmap *pb, uint32_t page)
{
    if (page >= pb->npages)
        return -EINVAL;
    if (!page_bitmap_is_used(pb, page))
        return -EFAULT;
    pb->bits[page / 32] &= ~(1u << (page % 32));
    pb->free++;
    if (page / 32 < pb->hint)
        pb->hint = page / 32;
    return 0;
}

int64_t page_bitmap_alloc_range(struct page_bitmap *pb, uint32_t count, uint32_t limit)
{
    if (limit > pb->npages)
        limit = pb->npages;
    if (count == 0 || count > pb->free || count > limit)
        return -1;
    uint32_t run = 0;
    for (uint32_t page = 0; page < limit; page++) {
        if (page_bitmap_is_used(pb, page)) {
            run = 0;
            continue;
        }
        if (++run == count) {
            uint32_t first = page + 1 - count;
            page_bitmap_set_used(pb, first, count);
            return first;
        }
    }
    return -1;
}
