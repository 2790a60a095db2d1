/* inspect.c — read-only views of loaded modules: lookup by name, iteration, info records,
 * dependency edges, holds, modinfo, symbols, sections, address attribution and accounting. */
#include "internal.h"

struct dkm_module *dkm_find(const struct dkm_loader *ld, const char *name)
{
    if (!ld || !name)
        return NULL;
    for (struct dkm_module *m = ld->first; m; m = m->next)
        if (!dkm_strcmp(m->name, name))
            return m;
    return NULL;
}

struct dkm_module *dkm_next(const struct dkm_loader *ld, const struct dkm_module *prev)
{
    if (!ld)
        return NULL;
    return prev ? prev->next : ld->first;
}

size_t dkm_module_count(const struct dkm_loader *ld)
{
    return ld ? ld->nmodules : 0;
}

void dkm_module_info(const struct dkm_module *mod, struct dkm_module_info *out)
{
    dkm_memset(out, 0, sizeof *out);
    if (!mod)
        return;
    out->name = mod->name;
    out->version = mod->version;
    out->base = mod->rgn[DKM_RGN_TEXT].addr;
    for (unsigned b = 0; b < DKM_BLOCK_COUNT; b++)
        out->size += mod->block[b].size;
    out->refcount = mod->nusers + mod->holds;
    out->nusers = mod->nusers;
    out->ndeps = mod->ndeps;
    out->state = mod->state;
    out->elf_type = mod->elf_type;
}

struct dkm_module *dkm_module_user(const struct dkm_module *mod, unsigned i)
{
    for (const struct dkm_edge *e = mod ? mod->users : NULL; e; e = e->next_user)
        if (i-- == 0)
            return e->user;
    return NULL;
}

struct dkm_module *dkm_module_dep(const struct dkm_module *mod, unsigned i)
{
    for (const struct dkm_edge *e = mod ? mod->deps : NULL; e; e = e->next_dep)
        if (i-- == 0)
            return e->dep;
    return NULL;
}

void dkm_module_get(struct dkm_module *mod)
{
    if (mod)
        mod->holds++;
}

void dkm_module_put(struct dkm_module *mod)
{
    if (mod && mod->holds)
        mod->holds--;
}

const char *dkm_modinfo_get(const struct dkm_module *mod, const char *key, unsigned i)
{
    if (!mod || !key)
        return NULL;
    return dkm_modinfo_find(mod->modinfo, mod->modinfo_size, key, i);
}

const char *dkm_modinfo_next(const struct dkm_module *mod, const char *prev)
{
    if (!mod || !mod->modinfo)
        return NULL;
    const char *p = prev ? prev + dkm_strlen(prev) + 1 : mod->modinfo;
    const char *end = mod->modinfo + mod->modinfo_size;
    while (p < end && !*p)
        p++;
    return p < end ? p : NULL;
}

int dkm_module_symbol(const struct dkm_module *mod, const char *name, uintptr_t *addr)
{
    if (!mod || !name)
        return DKM_E_INVAL;
    const struct dkm_name key = dkm_name_key(name);
    const struct dkm_export_slot *e = dkm_exports_find(mod->ld, &key);
    if (e && e->owner == mod) {
        if (addr)
            *addr = e->addr;
        return DKM_OK;
    }
    /* Kept symbols are sorted by address, not name: a scan, fine off the load path. */
    const struct dkm_ksyms *k = &mod->ksyms;
    for (uint32_t i = 0; i < k->count; i++)
        if (!dkm_strcmp(dkm_ksym_name(k, &k->syms[i]), name)) {
            if (addr)
                *addr = k->syms[i].addr;
            return DKM_OK;
        }
    return DKM_E_NOENT;
}

/* [addr, addr+len) inside one of the module's regions. */
static bool module_contains(const struct dkm_module *mod, uintptr_t addr, size_t len)
{
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        const struct dkm_region *g = &mod->rgn[r];
        if (g->size && addr >= g->addr && len <= g->size && addr - g->addr <= g->size - len)
            return true;
    }
    return false;
}

int dkm_addr_lookup(const struct dkm_loader *ld, uintptr_t addr, struct dkm_module **mod,
                    const char **sym, uintptr_t *offset)
{
    if (!ld)
        return DKM_E_INVAL;
    for (struct dkm_module *m = ld->first; m; m = m->next) {
        if (!module_contains(m, addr, 1))
            continue;
        if (mod)
            *mod = m;
        const struct dkm_ksym *s = dkm_ksyms_at(&m->ksyms, (dkm_addr_t)addr);
        /* A symbol of unknown size covers up to the next symbol. */
        bool covers = s && (s->size == 0 || addr - s->addr < s->size);
        if (sym)
            *sym = covers ? dkm_ksym_name(&m->ksyms, s) : NULL;
        if (offset) {
            uintptr_t base = m->rgn[DKM_RGN_TEXT].addr;
            *offset = covers ? addr - s->addr : addr - base;
        }
        return DKM_OK;
    }
    return DKM_E_NOENT;
}

static const char *const region_names[DKM_RGN_COUNT] = {".text", ".rodata", ".data",
                                                         ".data..ro_after_init", ".init.text",
                                                         ".init.data"};

int dkm_module_section(const struct dkm_module *mod, unsigned i, const char **name, uintptr_t *addr,
                       size_t *size)
{
    if (!mod)
        return DKM_E_INVAL;
    if (mod->sections) {
        /* Init-only sections exist only while init has not finished. */
        uint32_t listed = mod->state == DKM_STATE_COMING ? mod->nsections : mod->nsections_live;
        if (i >= listed)
            return DKM_E_NOENT;
        const struct dkm_section_rec *s = &mod->sections[i];
        if (name)
            *name = mod->section_names + s->name;
        if (addr)
            *addr = s->addr;
        if (size)
            *size = s->size;
        return DKM_OK;
    }
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        if (!mod->rgn[r].size || i-- != 0)
            continue;
        if (name)
            *name = mod->elf_type == DKM_ET_REL ? region_names[r] : "image";
        if (addr)
            *addr = mod->rgn[r].addr;
        if (size)
            *size = mod->rgn[r].used;
        return DKM_OK;
    }
    return DKM_E_NOENT;
}

void dkm_stats(const struct dkm_loader *ld, struct dkm_stats *out)
{
    if (!out)
        return;
    if (!ld) {
        dkm_memset(out, 0, sizeof *out);
        return;
    }
    *out = ld->stats;
}
