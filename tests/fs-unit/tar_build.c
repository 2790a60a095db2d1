/* tar_build.c — an in-memory ustar writer for the tests (see tar_build.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tar_build.h"

static void tarb_reserve(struct tarb *t, size_t more)
{
    if (t->len + more <= t->cap)
        return;
    while (t->cap < t->len + more)
        t->cap = t->cap ? t->cap * 2 : 4096;
    t->buf = realloc(t->buf, t->cap);
    if (!t->buf)
        abort();
}

void tarb_raw(struct tarb *t, const void *data, size_t size)
{
    tarb_reserve(t, size);
    memcpy(t->buf + t->len, data, size);
    t->len += size;
}

void tarb_set_field(struct tarb *t, size_t hdr, size_t off, size_t len, const char *value)
{
    memset(t->buf + hdr + off, 0, len);
    memcpy(t->buf + hdr + off, value, strnlen(value, len));
}

void tarb_fix_checksum(struct tarb *t, size_t hdr)
{
    unsigned sum = 0;
    char field[8];

    memset(t->buf + hdr + TARB_CHKSUM_OFF, ' ', TARB_CHKSUM_LEN);
    for (size_t i = 0; i < 512; i++)
        sum += t->buf[hdr + i];
    snprintf(field, sizeof(field), "%06o", sum);
    memcpy(t->buf + hdr + TARB_CHKSUM_OFF, field, 7);   /* six digits, NUL, and the space stays */
}

size_t tarb_add(struct tarb *t, const char *name, char type, const void *data, size_t size, const char *link)
{
    uint8_t h[512];
    size_t hdr = t->len, nlen = strlen(name);
    char num[16];

    memset(h, 0, sizeof(h));
    if (nlen > 100) {
        /* split at a '/' so that the name part fits in 100 bytes */
        size_t cut = nlen - 100;
        while (name[cut] != '/')
            cut++;
        memcpy(h + 345, name, cut);
        memcpy(h, name + cut + 1, nlen - cut - 1);
    } else {
        memcpy(h, name, nlen);
    }
    memcpy(h + 100, type == '5' ? "0000755" : "0000644", 7);
    memcpy(h + 108, "0000000", 7);
    memcpy(h + 116, "0000000", 7);
    snprintf(num, sizeof(num), "%011zo", size);
    memcpy(h + 124, num, 11);
    memcpy(h + 136, "14000000000", 11);
    h[156] = (uint8_t)type;
    if (link)
        memcpy(h + 157, link, strnlen(link, 100));
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    tarb_raw(t, h, sizeof(h));
    tarb_fix_checksum(t, hdr);
    if (size) {
        static const uint8_t zeros[512];
        tarb_raw(t, data, size);
        if (size % 512)
            tarb_raw(t, zeros, 512 - size % 512);
    }
    return hdr;
}

size_t tarb_file(struct tarb *t, const char *name, const char *text)
{
    return tarb_add(t, name, '0', text, strlen(text), NULL);
}

void tarb_end(struct tarb *t)
{
    static const uint8_t zeros[1024];
    tarb_raw(t, zeros, sizeof(zeros));
}

void tarb_free(struct tarb *t)
{
    free(t->buf);
    t->buf = NULL;
    t->len = t->cap = 0;
}
