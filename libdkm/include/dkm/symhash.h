/* dkm/symhash.h — the .dkm.symhash section: every symbol's name hash and length, recorded when the
 * module is built (tools/ark-symhash, which ark-gcc runs) so that loading hashes no import names.
 * Freestanding, header-only. The section is a hint: libdkm checks each entry against its name. */
#ifndef DKM_SYMHASH_H
#define DKM_SYMHASH_H

#include <stdint.h>

/* A non-allocated SHT_PROGBITS section, 4-byte aligned, in the module's byte order:
 *
 *   struct dkm_symhash_header, then one struct dkm_symhash_entry per symbol of .symtab, in
 *   symbol-table order (count = the number of symbols, the null symbol included).
 *
 * An entry holds dkm_symbol_hash() of the symbol's name and the name's length in bytes; hash 0
 * means "no entry" (defined and unnamed symbols have none). libdkm uses an entry only when its
 * length ends the name inside the string table, and looks the name up afresh (hashing it) when the
 * recorded hash finds nothing, so a stale or forged entry costs time, never a wrong binding. A
 * section whose magic, size or count does not match the module is ignored as a whole. */
#define DKM_SYMHASH_SECTION ".dkm.symhash"
/* "DKH1": FNV-1a over the name's bytes, 0 mapped to 1. A different hash needs a new magic. */
#define DKM_SYMHASH_MAGIC 0x31484b44u

struct dkm_symhash_header {
    uint32_t magic;
    uint32_t count;
};

struct dkm_symhash_entry {
    uint32_t hash;
    uint32_t len;
};

#endif
