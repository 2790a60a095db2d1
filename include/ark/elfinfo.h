/* ark/elfinfo.h — reads what tools need from an ark module file without loading it: the .modinfo
 * strings, the .dkm.exports names, the undefined symbols and the device-id tables. Compiled from lib/elfinfo.c by the
 * kernel, strapper (ark user space) and the host tool mkindex, so it depends on no C library. The
 * file is untrusted: every offset, size and index is checked before use. */
#ifndef ELFINFO_H
#define ELFINFO_H

#include <stddef.h>
#include <stdint.h>

struct elfinfo {
    const uint8_t *image;
    size_t size;
    const char *modinfo;         /* "key=value\0..." or NULL */
    uint32_t modinfo_size;
    const char *exports;         /* "symbol\0..." or NULL */
    uint32_t exports_size;
    const uint8_t *syms;         /* .symtab (or .dynsym) entries, 16 bytes each */
    uint32_t nsyms;
    const char *strtab;
    uint32_t strtab_size;
    const uint8_t *shdrs;        /* section headers (40 bytes each), checked to lie in the file */
    uint32_t shnum;
};

/* 0, or -1 with *why set to a fixed message ("not an ELF file", ...). */
int elfinfo_parse(const void *image, size_t size, struct elfinfo *out, const char **why);

/* Iterates "key=value" strings of .modinfo: pass NULL first; NULL at the end. Entries without '='
 * and unterminated strings are skipped. */
const char *elfinfo_modinfo_next(const struct elfinfo *ei, const char *prev);
/* The i-th value (from 0) of key, or NULL. */
const char *elfinfo_modinfo_get(const struct elfinfo *ei, const char *key, unsigned i);
/* Iterates exported names (.dkm.exports): pass NULL first. */
const char *elfinfo_export_next(const struct elfinfo *ei, const char *prev);
/* Iterates undefined global symbols' names: *index starts at 0. */
const char *elfinfo_undef_next(const struct elfinfo *ei, uint32_t *index);

/* Where elfinfo_devtable_next is in the module's device-id tables; zero it to start. */
struct elfinfo_devtable_pos {
    uint32_t sym;                /* symbol table index of the table being read */
    uint32_t entry;              /* next entry in it */
};
/* The aliases MODULE_DEVICE_TABLE asks for (linux/mod_devicetable.h): one "BUS:NAME" per entry of
 * each platform, i2c and spi id table, written to out (cap bytes). 1 with an alias, 0 at the end.
 * Entries whose name is empty end their table; names that are not printable, contain blanks or
 * do not fit out are skipped. */
int elfinfo_devtable_next(const struct elfinfo *ei, struct elfinfo_devtable_pos *pos, char *out,
                          size_t cap);

#endif
