/* linux/bsearch.h — binary search of a sorted array: the element cmp says equals key, or NULL. */
#ifndef _LINUX_BSEARCH_H
#define _LINUX_BSEARCH_H
#include <linux/types.h>

void *bsearch(const void *key, const void *base, size_t num, size_t size,
              int (*cmp)(const void *key, const void *elt));
#endif
