/* hashlist.c — the keyless allow-list: /ramdisk/modules.sha256, written by tools/mkindex, holds
 * one "HEX-SHA256 PATH" line per module of the ramdisk (the hash of the module without its
 * signature trailer). module.hash_enforce=1 admits only modules whose hash is listed. The list is
 * read once, on first use, and kept: the ramdisk it comes from is part of the boot image. */
#include "trust.h"
#include "ark/errno.h"
#include "ark/arklib.h"
#include "ark/kernel.h"
#include "kapi.h"
#include "vfs.h"

struct hash_list {
    uint8_t (*digests)[32];
    size_t count;
};

static struct hash_list list;
static bool list_loaded;
static int list_error;
static const char *list_why;

/* Parses "HEX PATH\n" lines; '#' lines and blank lines are skipped; a malformed line fails it all. */
static int parse_list(const char *text, size_t size)
{
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += text[i] == '\n';
    list.digests = kmalloc((lines + 1) * sizeof *list.digests);
    if (!list.digests)
        return -ENOMEM;
    size_t pos = 0;
    while (pos < size) {
        size_t end = pos;
        while (end < size && text[end] != '\n')
            end++;
        if (end > pos && text[pos] != '#') {
            if (end - pos < 65 || (text[pos + 64] != ' ' && text[pos + 64] != '\t')) {
                list_why = "malformed line in " TRUST_HASH_LIST;
                return -EINVAL;
            }
            for (int i = 0; i < 32; i++) {
                int hi = ark_hex_value(text[pos + 2 * i]), lo = ark_hex_value(text[pos + 2 * i + 1]);
                if (hi < 0 || lo < 0) {
                    list_why = "malformed hash in " TRUST_HASH_LIST;
                    return -EINVAL;
                }
                list.digests[list.count][i] = (uint8_t)(hi << 4 | lo);
            }
            list.count++;
        }
        pos = end + 1;
    }
    return 0;
}

int trust_hash_listed(const uint8_t digest[32], const char **why)
{
    if (!list_loaded) {
        void *data = NULL;
        size_t size = 0;
        list_error = vfs_read_file(TRUST_HASH_LIST, &data, &size);
        if (list_error < 0)
            list_why = "cannot read the allowed-module list " TRUST_HASH_LIST;
        else
            list_error = parse_list(data, size);
        kfree(data);
        if (list_error < 0) {
            kfree(list.digests);
            list.digests = NULL;
            list.count = 0;
        }
        list_loaded = true;
    }
    if (list_error < 0) {
        *why = list_why;
        return list_error;
    }
    for (size_t i = 0; i < list.count; i++)
        if (memcmp(list.digests[i], digest, 32) == 0)
            return 1;
    return 0;
}
