/* linux/mm.h — whole pages: __get_free_pages hands out 2^order physically consecutive pages in the
 * kernel's direct map (GFP_DMA: below 16 MiB, as ISA devices need), free_pages gives them back
 * (with the order they were taken with). Pages a module's exit leaves are freed at its unload,
 * with a warning. Also the page-size macros and the memory totals. ark has no struct page: the
 * alloc_pages family is not there. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/page.h>

#define MAX_ORDER 10                   /* 4 MiB: the largest block */
#define MAX_PAGE_ORDER MAX_ORDER

/* The block's address, or 0 when no such run of pages is free. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
static inline unsigned long get_zeroed_page(gfp_t gfp) { return __get_free_pages(gfp | __GFP_ZERO, 0); }
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)
unsigned long ark_linux_totalram_pages(void);
#define totalram_pages() ark_linux_totalram_pages()
static inline bool is_vmalloc_addr(const void *x) { (void)x; return false; }
#endif
