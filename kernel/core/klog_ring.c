/* klog_ring.c — the byte ring behind dmesg and /proc/kmsg (see klog_ring.h). */
#include "klog_ring.h"

void klog_ring_init(struct klog_ring *r, char *buf, size_t cap)
{
    r->buf = buf;
    r->cap = cap;
    r->start = r->len = 0;
    r->wrapped = false;
}

void klog_ring_append(struct klog_ring *r, const char *data, size_t n)
{
    if (n > r->cap) {                  /* only the newest cap bytes can survive */
        data += n - r->cap;
        n = r->cap;
        r->wrapped = true;
    }
    for (size_t i = 0; i < n; i++) {
        r->buf[(r->start + r->len) % r->cap] = data[i];
        if (r->len < r->cap) {
            r->len++;
        } else {
            r->start = (r->start + 1) % r->cap;
            r->wrapped = true;
        }
    }
}

/* Bytes to skip at the front so the copy starts on a line boundary. */
static size_t klog_ring_skip(const struct klog_ring *r)
{
    if (!r->wrapped)
        return 0;
    for (size_t i = 0; i < r->len; i++)
        if (r->buf[(r->start + i) % r->cap] == '\n')
            return i + 1;
    return 0;                          /* one endless line: keep what there is */
}

size_t klog_ring_size(const struct klog_ring *r)
{
    return r->len - klog_ring_skip(r);
}

size_t klog_ring_copy(const struct klog_ring *r, char *out, size_t size)
{
    size_t skip = klog_ring_skip(r);
    size_t n = r->len - skip;
    if (n > size)
        n = size;
    for (size_t i = 0; i < n; i++)
        out[i] = r->buf[(r->start + skip + i) % r->cap];
    return n;
}
