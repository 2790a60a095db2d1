/* asm/page.h — the page size: 4 KiB on i386. */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H
#define PAGE_SHIFT 12
#ifndef PAGE_SIZE
#define PAGE_SIZE        4096u
#endif
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) (((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(addr) ((((unsigned long)(addr)) & (PAGE_SIZE - 1)) == 0)
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
/* The order (log2 of the page count) of the smallest block of pages that holds size bytes. */
static inline int get_order(unsigned long size)
{
    int order = 0;
    size = (size - 1) >> PAGE_SHIFT;
    while (size) {
        order++;
        size >>= 1;
    }
    return order;
}
#endif
