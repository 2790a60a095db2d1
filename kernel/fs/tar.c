/* tar.c — walks a POSIX ustar archive (as written by `tar --format=ustar`) in place, handing each
 * well-formed entry to a visitor and reporting malformed ones without giving up on the rest. */
#include "ark/kernel.h"
#include "fs_internal.h"

/* Offsets and sizes of the ustar header fields that matter here. */
#define TAR_NAME_OFF     0
#define TAR_NAME_LEN     100
#define TAR_SIZE_OFF     124
#define TAR_SIZE_LEN     12
#define TAR_CHKSUM_OFF   148
#define TAR_CHKSUM_LEN   8
#define TAR_TYPE_OFF     156
#define TAR_LINK_OFF     157
#define TAR_LINK_LEN     100
#define TAR_MAGIC_OFF    257
#define TAR_PREFIX_OFF   345
#define TAR_PREFIX_LEN   155

int tar_parse_octal(const char *field, size_t len, uint32_t *value)
{
    size_t i = 0;
    uint32_t v = 0;
    bool digits = false;

    while (i < len && field[i] == ' ')
        i++;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; i++) {
        if (v > (UINT32_MAX >> 3))
            return -EINVAL;            /* does not fit: treated like any other bad field */
        v = (v << 3) | (uint32_t)(field[i] - '0');
        digits = true;
    }
    if (!digits)
        return -EINVAL;
    for (; i < len; i++)               /* only terminators may follow the digits */
        if (field[i] != '\0' && field[i] != ' ')
            return -EINVAL;
    *value = v;
    return 0;
}

static bool tar_block_is_zero(const uint8_t *b)
{
    for (size_t i = 0; i < TAR_BLOCK; i++)
        if (b[i])
            return false;
    return true;
}

/* Both the unsigned sum (POSIX) and the signed one (old tars) are accepted. */
static int tar_check_sum(const uint8_t *h, uint32_t *stored, uint32_t *computed)
{
    uint32_t usum = 0;
    int32_t ssum = 0;

    for (size_t i = 0; i < TAR_BLOCK; i++) {
        bool in_field = i >= TAR_CHKSUM_OFF && i < TAR_CHKSUM_OFF + TAR_CHKSUM_LEN;
        usum += in_field ? (uint32_t)' ' : h[i];
        ssum += in_field ? (int32_t)' ' : (int32_t)(int8_t)h[i];
    }
    *computed = usum;
    if (tar_parse_octal((const char *)h + TAR_CHKSUM_OFF, TAR_CHKSUM_LEN, stored) < 0)
        return -EINVAL;
    return (*stored == usum || *stored == (uint32_t)ssum) ? 0 : -EBADMSG;
}

/* A printable copy of a header's name for messages; a corrupt header may hold anything. */
static void tar_printable_name(const uint8_t *h, char *out, size_t out_size)
{
    size_t n = strnlen((const char *)h + TAR_NAME_OFF, TAR_NAME_LEN);

    if (n >= out_size)
        n = out_size - 1;
    for (size_t i = 0; i < n; i++) {
        char c = (char)h[TAR_NAME_OFF + i];
        out[i] = (c >= 0x20 && c < 0x7f && c != '\'') ? c : '?';
    }
    out[n] = '\0';
}

static void tar_report(const uint8_t *h, uint32_t offset, const char *problem)
{
    char name[TAR_NAME_LEN + 1];

    tar_printable_name(h, name, sizeof(name));
    printk(KERN_WARNING "ramdisk: entry '%s' at offset %u: %s; skipped\n", name, offset, problem);
}

static enum tar_kind tar_kind_of(char typeflag)
{
    switch (typeflag) {
    case '0': case '\0': case '7':     /* '7' (contiguous file) reads as a regular file */
        return TAR_FILE;
    case '5':
        return TAR_DIR;
    case '1':
        return TAR_HARDLINK;
    case '2':
        return TAR_SYMLINK;
    default:
        return TAR_OTHER;
    }
}

/* Joins prefix and name as ustar defines (the prefix only counts when the magic says ustar). */
static void tar_full_name(const uint8_t *h, char *out)
{
    const char *name = (const char *)h + TAR_NAME_OFF;
    const char *prefix = (const char *)h + TAR_PREFIX_OFF;
    size_t nlen = strnlen(name, TAR_NAME_LEN);
    size_t plen = 0;

    if (memcmp(h + TAR_MAGIC_OFF, "ustar", 5) == 0)
        plen = strnlen(prefix, TAR_PREFIX_LEN);
    if (plen) {
        memcpy(out, prefix, plen);
        out[plen++] = '/';
    }
    memcpy(out + plen, name, nlen);
    out[plen + nlen] = '\0';
}

int tar_walk(const void *archive, size_t size, tar_visit_t visit, void *ctx, struct tar_stats *stats)
{
    const uint8_t *base = archive;
    size_t off = 0;
    bool resyncing = false;     /* after a header we could not trust, until the next valid one */
    char name[TAR_PATH_MAX];
    char link[TAR_LINK_LEN + 1];
    char problem[96];

    stats->entries = 0;
    stats->bad = 0;
    while (size - off >= TAR_BLOCK) {
        const uint8_t *h = base + off;
        uint32_t stored, computed, data_size;
        size_t span;
        struct tar_entry e;
        int err;

        if (tar_block_is_zero(h)) {
            if (!resyncing)
                return 0;              /* the end-of-archive marker */
            off += TAR_BLOCK;
            continue;
        }
        err = tar_check_sum(h, &stored, &computed);
        if (err) {
            if (!resyncing) {
                if (err == -EINVAL)
                    snprintf(problem, sizeof(problem), "unreadable header checksum field");
                else
                    snprintf(problem, sizeof(problem),
                             "bad header checksum (stored %u, computed %u)", stored, computed);
                tar_report(h, (uint32_t)off, problem);
                stats->bad++;
                resyncing = true;
            }
            off += TAR_BLOCK;
            continue;
        }
        resyncing = false;
        if (tar_parse_octal((const char *)h + TAR_SIZE_OFF, TAR_SIZE_LEN, &data_size) < 0) {
            tar_report(h, (uint32_t)off, "bad octal number in the size field");
            stats->bad++;
            resyncing = true;          /* where its data ends is unknown */
            off += TAR_BLOCK;
            continue;
        }
        if (data_size > size - off - TAR_BLOCK) {
            snprintf(problem, sizeof(problem), "size %u runs past the end of the archive (%u bytes left)",
                     data_size, (uint32_t)(size - off - TAR_BLOCK));
            tar_report(h, (uint32_t)off, problem);
            stats->bad++;
            return 0;
        }

        tar_full_name(h, name);
        memcpy(link, h + TAR_LINK_OFF, TAR_LINK_LEN);
        link[TAR_LINK_LEN] = '\0';
        e.name = name;
        e.typeflag = (char)h[TAR_TYPE_OFF];
        e.kind = tar_kind_of(e.typeflag);
        e.data = h + TAR_BLOCK;
        e.size = data_size;
        e.link = link;
        e.offset = (uint32_t)off;

        /* the data occupies whole blocks; the last one may be the archive's final partial block */
        off += TAR_BLOCK;
        span = ((size_t)data_size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
        off += span < size - off ? span : size - off;

        if (!name[0]) {
            tar_report(h, e.offset, "empty name");
            stats->bad++;
            continue;
        }
        stats->entries++;
        err = visit(&e, ctx);
        if (err < 0)
            return err;
    }
    if (off < size && !resyncing) {
        for (size_t i = off; i < size; i++) {
            if (base[i]) {
                printk(KERN_WARNING "ramdisk: %u stray bytes at offset %u, too short for a header; "
                       "ignored\n", (uint32_t)(size - off), (uint32_t)off);
                stats->bad++;
                break;
            }
        }
    }
    return 0;
}
