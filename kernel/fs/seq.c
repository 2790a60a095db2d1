/* seq.c — the growable buffer a /proc show callback prints into. The whole file is generated at
 * open, so reads at any offset see one consistent snapshot. */
#include "ark/kernel.h"
#include "export.h"
#include "fs_internal.h"

#define SEQ_FIRST_CAP 256u

void seq_init(struct ark_seq *s)
{
    s->buf = NULL;
    s->len = 0;
    s->cap = 0;
    s->error = 0;
}

void seq_free(struct ark_seq *s)
{
    kfree(s->buf);
    seq_init(s);
}

/* Room for at least need more bytes (plus a NUL, so vsnprintf can always terminate). */
static int seq_grow(struct ark_seq *s, size_t need)
{
    size_t want = s->len + need + 1;
    size_t cap = s->cap ? s->cap : SEQ_FIRST_CAP;
    char *nbuf;

    if (s->error)
        return s->error;
    if (want <= s->cap)
        return 0;
    if (need > SEQ_MAX_BYTES || want > SEQ_MAX_BYTES + 1) {
        s->error = -EFBIG;
        return s->error;
    }
    while (cap < want)
        cap *= 2;
    if (cap > SEQ_MAX_BYTES + 1)
        cap = SEQ_MAX_BYTES + 1;
    nbuf = kmalloc(cap);
    if (!nbuf) {
        s->error = -ENOMEM;
        return s->error;
    }
    if (s->len)
        memcpy(nbuf, s->buf, s->len);
    kfree(s->buf);
    s->buf = nbuf;
    s->cap = cap;
    return 0;
}

char *seq_reserve(struct ark_seq *s, size_t n)
{
    if (seq_grow(s, n) < 0)
        return NULL;
    return s->buf + s->len;
}

void seq_commit(struct ark_seq *s, size_t n)
{
    if (!s->error && s->len + n < s->cap)
        s->len += n;
}

int seq_vprintf(struct ark_seq *s, const char *fmt, va_list ap)
{
    size_t need = 64;

    for (;;) {
        va_list aq;
        size_t avail;
        int n;

        if (seq_grow(s, need) < 0)
            return s->error;
        avail = s->cap - s->len;
        va_copy(aq, ap);
        n = vsnprintf(s->buf + s->len, avail, fmt, aq);
        va_end(aq);
        if (n < 0)
            return -EINVAL;
        /* strictly less: also right for a vsnprintf that reports the truncated length */
        if ((size_t)n + 1 < avail) {
            s->len += (size_t)n;
            return 0;
        }
        need = (size_t)n + 2 > avail * 2 ? (size_t)n + 2 : avail * 2;
    }
}

int seq_printf(struct ark_seq *s, const char *fmt, ...)
{
    va_list ap;
    int r;

    if (!s)
        return -EINVAL;
    va_start(ap, fmt);
    r = seq_vprintf(s, fmt, ap);
    va_end(ap);
    return r;
}
KERNEL_EXPORT(seq_printf);

int seq_write(struct ark_seq *s, const void *data, size_t len)
{
    char *dst;

    if (!s || (!data && len))
        return -EINVAL;
    dst = seq_reserve(s, len);
    if (!dst)
        return s->error;
    memcpy(dst, data, len);
    s->len += len;
    return 0;
}
KERNEL_EXPORT(seq_write);
