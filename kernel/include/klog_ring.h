/* klog_ring.h — the kernel log's byte ring: appends overwrite the oldest bytes once it is full, and
 * a copy then starts at the first complete line. Pure logic, shared with the unit tests. */
#ifndef KERNEL_KLOG_RING_H
#define KERNEL_KLOG_RING_H

#include "ark/types.h"

struct klog_ring {
    char *buf;
    size_t cap;
    size_t start;          /* index of the oldest byte */
    size_t len;            /* bytes held */
    bool wrapped;          /* something was overwritten: the oldest line may be cut */
};

void klog_ring_init(struct klog_ring *r, char *buf, size_t cap);
void klog_ring_append(struct klog_ring *r, const char *data, size_t n);
/* Oldest first, from the first whole line if bytes were lost; returns the bytes copied. */
size_t klog_ring_copy(const struct klog_ring *r, char *out, size_t size);
size_t klog_ring_size(const struct klog_ring *r);   /* what klog_ring_copy would return */

#endif
