/* ksyms.c — the symbols a module keeps after loading, for backtraces ("sym+0x1c [mod]") and
 * dkm_module_symbol: one block holding entries sorted by address and a pool of names. By default
 * only functions are kept (12 bytes plus the name per function); DKM_LOAD_KEEP_SYMS keeps every
 * named symbol and a table of all loaded sections as well. */
#include "internal.h"

/* Asked twice of every symbol (count, then copy): inlined into both loops. */
static inline __attribute__((always_inline)) bool keep_symbol(const struct dkm_load *l, uint32_t i)
{
    const dkm_sym_t *s = &l->syms[i];
    if (!s->st_name || s->st_shndx == DKM_SHN_UNDEF)
        return false;
    unsigned t = DKM_ST_TYPE(s->st_info);
    if (!l->sec) {
        /* a linked image: anything that lies in its resident memory */
        bool init_only;
        if (s->st_shndx == DKM_SHN_ABS || !dkm_resident_prot(l, dkm_sym_addr(l, i), 1, &init_only))
            return false;
        return t == DKM_STT_FUNC ||
               ((l->flags & DKM_LOAD_KEEP_SYMS) && (t == DKM_STT_OBJECT || t == DKM_STT_NOTYPE));
    }
    if (s->st_shndx == DKM_SHN_COMMON)
        return (l->flags & DKM_LOAD_KEEP_SYMS) != 0;
    if (s->st_shndx >= DKM_SHN_LORESERVE)
        return false;
    if (!l->sec[s->st_shndx].load)
        return false;
    unsigned r = l->sec[s->st_shndx].region;
    if (r == DKM_RGN_INIT_TEXT || r == DKM_RGN_INIT_DATA)
        return false;   /* freed after init */
    if (t == DKM_STT_FUNC)
        return true;
    return (l->flags & DKM_LOAD_KEEP_SYMS) && (t == DKM_STT_OBJECT || t == DKM_STT_NOTYPE);
}

/* Heapsort by address: no recursion and no extra memory, whatever the symbol count. */
static void sift(struct dkm_ksym *a, uint32_t root, uint32_t n)
{
    for (;;) {
        uint32_t child = root * 2 + 1;
        if (child >= n)
            return;
        if (child + 1 < n && a[child + 1].addr > a[child].addr)
            child++;
        if (a[root].addr >= a[child].addr)
            return;
        struct dkm_ksym t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void sort_by_addr(struct dkm_ksym *a, uint32_t n)
{
    uint32_t i = 1;
    while (i < n && a[i - 1].addr <= a[i].addr)
        i++;
    if (i >= n)
        return;   /* compilers emit a section's symbols in address order: often nothing to do */
    for (i = n / 2; i-- > 0;)
        sift(a, i, n);
    for (uint32_t end = n; end-- > 1;) {
        struct dkm_ksym t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift(a, 0, end);
    }
}

int dkm_ksyms_build(struct dkm_load *l)
{
    struct dkm_ksyms *k = &l->mod->ksyms;
    uint64_t count = 0, pool = 0;
    uint32_t first = 0, last = 0;   /* the kept ones lie in [first, last]: the copy looks only there */
    for (uint32_t i = 1; i < l->nsyms; i++)
        if (keep_symbol(l, i)) {
            if (!count)
                first = i;
            last = i;
            count++;
            pool += dkm_strlen(l->strtab + l->syms[i].st_name) + 1;
        }
    if (count) {
        uint64_t bytes = count * sizeof(struct dkm_ksym) + pool;
        if (bytes > l->ld->cfg.max_image_size)
            return dkm_fail(l, DKM_E_TOO_BIG, "symbol table of %llu bytes", (unsigned long long)bytes);
        k->syms = dkm_meta_alloc(l->ld, (size_t)bytes);
        if (!k->syms)
            return dkm_fail(l, DKM_E_NOMEM, "out of memory for %llu kept symbols", (unsigned long long)count);
        k->bytes = (size_t)bytes;
        char *names = (char *)(k->syms + count);
        uint32_t n = 0, off = 0;
        for (uint32_t i = first; i <= last; i++) {
            const dkm_sym_t *s = &l->syms[i];
            if (!keep_symbol(l, i))
                continue;
            const char *name = l->strtab + s->st_name;
            const uint32_t len = (uint32_t)dkm_strlen(name) + 1;   /* the pool was sized by these */
            k->syms[n].addr = dkm_sym_addr(l, i);
            k->syms[n].size = s->st_size;
            k->syms[n].name = off;
            dkm_memcpy(names + off, name, len);
            off += len;
            n++;
        }
        k->count = n;
        k->pool_size = off;
        sort_by_addr(k->syms, n);
    }
    return (l->flags & DKM_LOAD_KEEP_SYMS) && l->sec ? dkm_sections_build(l) : DKM_OK;
}

/* Init-only sections are listed after the others, so that once init has run and their memory
 * is gone, dropping them is a matter of listing fewer (see dkm_module_section). */
static bool is_init_section(const struct dkm_load *l, unsigned i)
{
    return l->sec[i].region == DKM_RGN_INIT_TEXT || l->sec[i].region == DKM_RGN_INIT_DATA;
}

int dkm_sections_build(struct dkm_load *l)
{
    struct dkm_module *mod = l->mod;
    uint64_t count = 0, pool = 0;
    for (unsigned i = 1; i < l->shnum; i++)
        if (l->sec[i].load) {
            count++;
            pool += dkm_strlen(dkm_sec_name(l, i)) + 1;
        }
    if (!count)
        return DKM_OK;
    size_t bytes = (size_t)(count * sizeof(struct dkm_section_rec) + pool);
    mod->sections = dkm_meta_alloc(l->ld, bytes);
    if (!mod->sections)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %llu section records", (unsigned long long)count);
    mod->sections_bytes = bytes;
    char *names = (char *)(mod->sections + count);
    mod->section_names = names;
    uint32_t n = 0, off = 0;
    for (int init_pass = 0; init_pass < 2; init_pass++) {
        for (unsigned i = 1; i < l->shnum; i++) {
            if (!l->sec[i].load || is_init_section(l, i) != (init_pass == 1))
                continue;
            mod->sections[n].addr = l->sec[i].addr;
            mod->sections[n].size = l->sh[i].sh_size;
            mod->sections[n].name = off;
            off += (uint32_t)dkm_strlcpy(names + off, dkm_sec_name(l, i), (size_t)(pool - off)) + 1;
            n++;
        }
        if (init_pass == 0)
            mod->nsections_live = n;
    }
    mod->nsections = n;
    return DKM_OK;
}

void dkm_ksyms_free(struct dkm_loader *ld, struct dkm_module *mod)
{
    dkm_meta_free(ld, mod->ksyms.syms, mod->ksyms.bytes);
    mod->ksyms.syms = NULL;
    mod->ksyms.count = 0;
    dkm_meta_free(ld, mod->sections, mod->sections_bytes);
    mod->sections = NULL;
    mod->nsections = 0;
    mod->nsections_live = 0;
}

/* The last symbol at or below addr, or NULL. */
const struct dkm_ksym *dkm_ksyms_at(const struct dkm_ksyms *k, dkm_addr_t addr)
{
    uint32_t lo = 0, hi = k->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (k->syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &k->syms[lo - 1] : NULL;
}

const char *dkm_ksym_name(const struct dkm_ksyms *k, const struct dkm_ksym *s)
{
    return (const char *)(k->syms + k->count) + s->name;
}
