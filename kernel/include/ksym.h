/* ksym.h — the kernel's own symbol table, generated from the linked image at build time (a second
 * link pass, see kernel/gen-ksyms.sh) and searched to name code addresses in panic reports. */
#ifndef KERNEL_KSYM_H
#define KERNEL_KSYM_H

#include "ark/types.h"

struct ksym_entry {
    uint32_t addr;
    uint32_t size;         /* 0 when unknown (assembly labels): the symbol runs to the next one */
    uint32_t name;         /* offset into the name table */
};

/* The entry covering addr in a table sorted by address, or NULL. Pure, for the unit tests too. */
const struct ksym_entry *ksym_search(const struct ksym_entry *table, size_t count, uintptr_t addr);

#endif
