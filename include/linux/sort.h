/* linux/sort.h — sorting an array in place with the caller's comparison (heapsort: no recursion,
 * no memory, O(n log n) always; not stable, as on Linux). */
#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H
#include <linux/types.h>

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);

/* swap_func NULL: elements are swapped byte by byte (word by word when aligned). */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func);
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func, swap_r_func_t swap_func,
            const void *priv);
#endif
