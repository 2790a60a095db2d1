/* ksym_search.c — binary search of the address-sorted kernel symbol table. */
#include "ksym.h"

const struct ksym_entry *ksym_search(const struct ksym_entry *table, size_t count, uintptr_t addr)
{
    size_t lo = 0, hi = count;          /* find the last entry with entry.addr <= addr */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (table[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct ksym_entry *e = &table[lo - 1];
    /* Several symbols may share an address (aliases, labels): prefer one whose size covers addr. */
    for (size_t i = lo; i-- > 0 && table[i].addr == e->addr;)
        if (table[i].size && addr - table[i].addr < table[i].size)
            return &table[i];
    if (e->size == 0 && lo < count)
        return e;                       /* a label: it ends where the next symbol begins */
    return NULL;
}
