/* symbols.c — gives every symbol of a relocatable module its address, once per load (the values
 * land in symval, the cache the relocation loop indexes), imports undefined symbols from the
 * export table or the port, records the dependency edges those imports create, and registers the
 * module's own exports. */
#include "internal.h"

/* A transient name → symbol-index table over the module's global definitions, built only when
 * needed (exports to find, or duplicate COMDAT members whose globals must bind to the kept copy). */
struct symidx_table {
    uint32_t *slots;     /* symbol index + 1, 0 empty */
    uint32_t *hashes;
    uint32_t mask;
    size_t bytes;
};

static bool is_global_def(const struct dkm_load *l, uint32_t i)
{
    const dkm_sym_t *s = &l->syms[i];
    unsigned bind = DKM_ST_BIND(s->st_info);
    return bind != DKM_STB_LOCAL && s->st_shndx != DKM_SHN_UNDEF && s->st_name &&
           (s->st_shndx >= DKM_SHN_LORESERVE || !l->sec || l->sec[s->st_shndx].load);
}

/* The address of a symbol the module defines: resolved per section for ET_REL, the link-time
 * value moved by the load bias for a linked image. */
dkm_addr_t dkm_sym_addr(const struct dkm_load *l, uint32_t i)
{
    if (l->sec)
        return l->symval[i];
    const dkm_sym_t *s = &l->syms[i];
    return s->st_shndx == DKM_SHN_ABS ? s->st_value : s->st_value + l->bias;
}

static int symidx_build(struct dkm_load *l, struct symidx_table *t)
{
    uint32_t n = 0;
    for (uint32_t i = 1; i < l->nsyms; i++)
        n += is_global_def(l, i);
    uint32_t cap = 16;
    while (cap < n * 2)
        cap <<= 1;
    t->bytes = (size_t)cap * 2 * sizeof(uint32_t);
    t->slots = dkm_meta_zalloc(l->ld, t->bytes);
    if (!t->slots)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for the table of %u global symbols", n);
    t->hashes = t->slots + cap;
    t->mask = cap - 1;
    for (uint32_t i = 1; i < l->nsyms; i++) {
        if (!is_global_def(l, i))
            continue;
        uint32_t h = dkm_hash(l->strtab + l->syms[i].st_name), k = h & t->mask;
        while (t->slots[k])
            k = (k + 1) & t->mask;
        t->slots[k] = i + 1;
        t->hashes[k] = h;
    }
    return DKM_OK;
}

static uint32_t symidx_find(const struct dkm_load *l, const struct symidx_table *t, const char *name)
{
    uint32_t h = dkm_hash(name);
    for (uint32_t k = h & t->mask; t->slots[k]; k = (k + 1) & t->mask)
        if (t->hashes[k] == h && !dkm_strcmp(l->strtab + l->syms[t->slots[k] - 1].st_name, name))
            return t->slots[k] - 1;
    return 0;
}

int dkm_add_dependency(struct dkm_load *l, struct dkm_module *dep)
{
    struct dkm_module *mod = l->mod;
    for (struct dkm_edge *e = mod->deps; e; e = e->next_dep)
        if (e->dep == dep)
            return DKM_OK;
    struct dkm_edge *e = dkm_meta_alloc(l->ld, sizeof *e);
    if (!e)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for a dependency on %s", dep->name);
    e->user = mod;
    e->dep = dep;
    e->next_dep = mod->deps;
    mod->deps = e;
    e->next_user = dep->users;
    dep->users = e;
    mod->ndeps++;
    dep->nusers++;
    return DKM_OK;
}

void dkm_drop_dependencies(struct dkm_loader *ld, struct dkm_module *mod)
{
    while (mod->deps) {
        struct dkm_edge *e = mod->deps;
        mod->deps = e->next_dep;
        struct dkm_edge **pp = &e->dep->users;
        while (*pp && *pp != e)
            pp = &(*pp)->next_user;
        if (*pp)
            *pp = e->next_user;
        e->dep->nusers--;
        mod->ndeps--;
        dkm_meta_free(ld, e, sizeof *e);
    }
}

/* Finds an undefined symbol: the export table first (an export of another module makes it a
 * dependency), then the port's resolver. */
int dkm_import(struct dkm_load *l, const char *name, bool *found, dkm_addr_t *value)
{
    return dkm_import_typed(l, name, found, value, NULL);
}

/* The import of name, whose export-table slot (or NULL) the caller has already looked up. */
static int import_slot(struct dkm_load *l, const char *name, const struct dkm_export_slot *e,
                       bool *found, dkm_addr_t *value, bool *is_code)
{
    uintptr_t addr = 0;
    *found = false;
    if (is_code)
        *is_code = false;
    if (e) {
        if (e->flags & DKM_EXPORT_GPL_ONLY) {
            int rc = dkm_check_gpl_import(l, name);
            if (rc)
                return rc;
        }
        addr = e->addr;
        *found = true;
        if (e->owner) {
            /* Linking against a module whose init has not finished would leave a dangling edge
             * if that init failed. */
            if (e->owner->state != DKM_STATE_LIVE)
                return dkm_fail(l, DKM_E_BUSY, "symbol '%s' belongs to module %s, which is %s", name,
                                e->owner->name,
                                e->owner->state == DKM_STATE_COMING ? "still loading" : "unloading");
            int rc = dkm_add_dependency(l, e->owner);
            if (rc)
                return rc;
        }
    } else if (l->ld->port.resolve_typed) {
        int code = 0;
        if (l->ld->port.resolve_typed(l->ld->port.ctx, name, &addr, &code) == 0) {
            *found = true;
            if (is_code)
                *is_code = code != 0;
        }
    } else if (l->ld->port.resolve && l->ld->port.resolve(l->ld->port.ctx, name, &addr) == 0) {
        *found = true;
    }
    if (*found && (dkm_addr_t)addr != addr)
        return dkm_fail(l, DKM_E_ADDR_RANGE, "symbol '%s' resolves to %p, above 4 GiB", name,
                        (void *)addr);
    *value = (dkm_addr_t)addr;
    return DKM_OK;
}

/* dkm_import, also saying (*is_code, if not NULL) whether the port said the symbol is code. */
int dkm_import_typed(struct dkm_load *l, const char *name, bool *found, dkm_addr_t *value, bool *is_code)
{
    const struct dkm_name key = dkm_name_key(name);
    return import_slot(l, name, dkm_exports_find(l->ld, &key), found, value, is_code);
}

/* Appends 'name' to the unresolved list; the message stays within its fixed buffer. */
static void note_unresolved(struct dkm_unresolved *u, const char *name)
{
    u->count++;
    int n = dkm_format(u->list + u->len, sizeof u->list - u->len, "%s'%s'", u->shown ? ", " : "", name);
    if (n > 0 && u->len + (size_t)n < sizeof u->list - 24) {
        u->len += (size_t)n;
        u->shown++;
    } else {
        u->list[u->len] = 0;
    }
}

/* One undefined symbol, its export-table slot (or NULL) already looked up: imported, or noted as
 * unresolved unless weak. */
static int import_symbol_slot(struct dkm_load *l, const dkm_sym_t *s, const char *name,
                              const struct dkm_export_slot *e, dkm_addr_t *value,
                              struct dkm_unresolved *u)
{
    bool weak = DKM_ST_BIND(s->st_info) == DKM_STB_WEAK, found, code;
    int rc = import_slot(l, name, e, &found, value, &code);
    /* ET_REL imports with a stub slot remember whether they are code (relocate.c). */
    if (!rc && found && code && l->symcode && l->sec && s >= l->syms && s < l->syms + l->nsyms)
        l->symcode[s - l->syms] = 1;
    if (!rc && !found && !weak)
        note_unresolved(u, name);
    return rc;
}

/* One undefined symbol of any format: imported, or noted as unresolved unless weak. */
int dkm_import_symbol(struct dkm_load *l, const dkm_sym_t *s, const char *name, dkm_addr_t *value,
                      struct dkm_unresolved *u)
{
    const struct dkm_name key = dkm_name_key(name);
    return import_symbol_slot(l, s, name, dkm_exports_find(l->ld, &key), value, u);
}

/* The one report of what did not resolve, for every format. */
int dkm_unresolved_report(struct dkm_load *l, const struct dkm_unresolved *u)
{
    if (!u->count)
        return DKM_OK;
    if (u->count > u->shown)
        return dkm_fail(l, DKM_E_UNRESOLVED, "unresolved symbols: %s and %u more", u->list,
                        u->count - u->shown);
    return dkm_fail(l, DKM_E_UNRESOLVED, "unresolved symbol%s: %s", u->count > 1 ? "s" : "", u->list);
}

/* Entry points by name, the one naming rule for every format: __ark_module_init (from
 * ark_module_init()) wins over a function called module_init; likewise for exit. The first
 * character filters out nearly every symbol cheaply. */
void dkm_note_entry(struct dkm_load *l, uint32_t i)
{
    const char *n = l->strtab + l->syms[i].st_name;
    if (n[0] == 'm') {
        if (!dkm_strcmp(n, "module_init"))
            l->sym_init = i;
        else if (!dkm_strcmp(n, "module_exit"))
            l->sym_exit = i;
    } else if (n[0] == '_' && n[1] == '_') {
        if (!dkm_strcmp(n, "__ark_module_init"))
            l->sym_ark_init = i;
        else if (!dkm_strcmp(n, "__ark_module_exit"))
            l->sym_ark_exit = i;
    }
}

/* Takes section sec as the module's .dkm.symhash if it is one for this symbol table: its magic,
 * count and size must match exactly, or it is left unused (an older tool, or a symbol table that
 * was rewritten after the build, e.g. by strip). */
void dkm_symhash_attach(struct dkm_load *l, unsigned sec)
{
    const dkm_shdr_t *s = &l->sh[sec];
    const uint64_t want = sizeof(struct dkm_symhash_header) + (uint64_t)l->nsyms * sizeof(struct dkm_symhash_entry);
    const struct dkm_symhash_header *h = dkm_img_at(l, s->sh_offset, s->sh_size);
    if (!h || s->sh_size != want || ((uintptr_t)h & 3) || h->magic != DKM_SYMHASH_MAGIC ||
        h->count != l->nsyms)
        return;
    l->symhash = (const struct dkm_symhash_entry *)(h + 1);
}

/* The key of undefined symbol i's name from its .dkm.symhash entry, when the entry's length ends
 * the name inside the string table; its hash is a claim the export table's byte comparison checks. */
static inline bool symhash_key(const struct dkm_load *l, uint32_t i, const char *name, struct dkm_name *key)
{
    const struct dkm_symhash_entry *h = &l->symhash[i];
    const uint32_t hash = h->hash, len = h->len;
    if (!hash || len >= l->strtab_size - l->syms[i].st_name || name[len])
        return false;
    key->s = name;
    key->hash = hash;
    key->len = len;
    return true;
}

/* The export-table slot of undefined symbol i's name, or NULL. A recorded key that finds nothing
 * may be stale: then the name is hashed here, and looked up again if that gives another key. */
static inline const struct dkm_export_slot *import_probe(struct dkm_load *l, uint32_t i, const char *name)
{
    const struct dkm_export_table *t = &l->ld->exports;
    struct dkm_name given;
    if (!l->symhash || !symhash_key(l, i, name, &given)) {
        const struct dkm_name key = dkm_name_key(name);
        return dkm_exports_probe(t, &key);
    }
    const struct dkm_export_slot *e = dkm_exports_probe(t, &given);
    if (e) {
        l->ld->stats.imports_prehashed++;
        return e;
    }
    const struct dkm_name key = dkm_name_key(name);
    return key.hash == given.hash && key.len == given.len ? NULL : dkm_exports_probe(t, &key);
}

int dkm_resolve_symbols(struct dkm_load *l)
{
    struct dkm_unresolved u;
    u.len = u.count = u.shown = 0;
    u.list[0] = 0;
    for (uint32_t i = 1; i < l->nsyms; i++) {
        const dkm_sym_t *s = &l->syms[i];
        uint16_t shndx = s->st_shndx;
        if (shndx == DKM_SHN_UNDEF) {
            const char *name = l->strtab + s->st_name;
            if (!*name)
                continue;
            if (l->got_addr && name[0] == '_' && !dkm_strcmp(name, "_GLOBAL_OFFSET_TABLE_")) {
                l->symval[i] = l->got_addr;
                continue;
            }
            /* Most imports are plain exports of the host: no dependency edge, no license rule,
             * no port call. Those are settled here; the rest go on with the slot found. */
            const struct dkm_export_slot *e = import_probe(l, i, name);
            if (e && !e->owner && !e->flags && (dkm_addr_t)e->addr == e->addr) {
                l->symval[i] = (dkm_addr_t)e->addr;
                continue;
            }
            int rc = import_symbol_slot(l, s, name, e, &l->symval[i], &u);
            if (rc)
                return rc;
        } else if (shndx == DKM_SHN_ABS) {
            l->symval[i] = s->st_value;
        } else if (shndx < DKM_SHN_LORESERVE && l->sec[shndx].load) {
            l->symval[i] = l->sec[shndx].addr + s->st_value;
            if (DKM_ST_BIND(s->st_info) != DKM_STB_LOCAL)
                dkm_note_entry(l, i);
        } else if (shndx < DKM_SHN_LORESERVE && !(l->sec[shndx].discard && DKM_ST_BIND(s->st_info) != DKM_STB_LOCAL)) {
            l->unloaded_syms++;
        }
    }
    int rc = dkm_unresolved_report(l, &u);
    if (rc)
        return rc;
    if (l->unloaded_syms) {
        rc = dkm_check_unloaded_refs(l);
        if (rc)
            return rc;
    }
    if (!l->has_discards)
        return DKM_OK;
    /* Globals defined in a discarded duplicate group bind to the loaded copy's definition. */
    struct symidx_table t;
    rc = symidx_build(l, &t);
    if (rc)
        return rc;
    for (uint32_t i = 1; i < l->nsyms && rc == DKM_OK; i++) {
        const dkm_sym_t *s = &l->syms[i];
        if (s->st_shndx >= DKM_SHN_LORESERVE || s->st_shndx == DKM_SHN_UNDEF ||
            !l->sec[s->st_shndx].discard || DKM_ST_BIND(s->st_info) == DKM_STB_LOCAL)
            continue;
        uint32_t k = symidx_find(l, &t, l->strtab + s->st_name);
        if (!k)
            rc = dkm_fail(l, DKM_E_UNRESOLVED, "unresolved symbol: '%s' (only in a discarded duplicate group)",
                          l->strtab + s->st_name);
        else
            l->symval[i] = l->symval[k];
    }
    dkm_meta_free(l->ld, t.slots, t.bytes);
    return rc;
}

/* Walks the NUL-separated names of .dkm.exports (padding NULs skipped). */
static const char *next_name(const char *p, const char *end)
{
    while (p < end && !*p)
        p++;
    return p < end ? p : NULL;
}

int dkm_register_exports(struct dkm_load *l)
{
    struct dkm_module *mod = l->mod;
    if (!mod->exports || !mod->exports_size)
        return DKM_OK;
    const char *end = mod->exports + mod->exports_size;
    if (end[-1] != 0)
        return dkm_fail(l, DKM_E_STRTAB, "section .dkm.exports is not NUL-terminated");
    for (const char *p = next_name(mod->exports, end); p; p = next_name(p + dkm_strlen(p), end)) {
        dkm_addr_t addr;
        int src = dkm_symbol_of(l, p, &addr);
        if (src && src != DKM_E_NOENT)
            return src;
        if (src)
            return dkm_fail(l, DKM_E_EXPORT_UNDEF, "exports '%s', which it does not define", p);
        const struct dkm_name key = dkm_name_key(p);
        const struct dkm_export_slot *e = dkm_exports_find(l->ld, &key);
        if (e && e->owner == mod)
            continue;   /* exported twice by the module itself */
        if (e)
            return dkm_fail(l, DKM_E_EXPORT_DUP, "export '%s' is already exported by %s", p,
                            e->owner ? e->owner->name : "the kernel");
        int rc = dkm_exports_insert(l->ld, &key, addr, mod);
        if (rc)
            return dkm_fail(l, rc, "cannot register export '%s'", p);
        mod->nexports++;
    }
    return dkm_mark_gpl_exports(l);
}

void dkm_unregister_exports(struct dkm_loader *ld, struct dkm_module *mod)
{
    if (!mod->exports)
        return;
    const char *end = mod->exports + mod->exports_size;
    for (const char *p = next_name(mod->exports, end); p && mod->nexports;
         p = next_name(p + dkm_strnlen(p, (size_t)(end - p)), end)) {
        const struct dkm_name key = dkm_name_key(p);
        if (dkm_exports_remove(ld, &key, mod) == DKM_OK)
            mod->nexports--;
    }
}

/* The address of a global symbol the module defines, through a hashed table built on demand
 * over the module's symbol table (any format); it must outlive init. */
int dkm_symbol_of(struct dkm_load *l, const char *name, dkm_addr_t *addr)
{
    if (!l->exports_table) {
        struct symidx_table *t = dkm_meta_zalloc(l->ld, sizeof *t);
        if (!t)
            return dkm_fail(l, DKM_E_NOMEM, "out of memory for the export lookup table");
        int rc = symidx_build(l, t);
        if (rc) {
            dkm_meta_free(l->ld, t, sizeof *t);
            return rc;
        }
        l->exports_table = t;
    }
    uint32_t k = symidx_find(l, l->exports_table, name);
    if (!k)
        return DKM_E_NOENT;
    *addr = dkm_sym_addr(l, k);
    uint16_t shndx = l->syms[k].st_shndx;
    if (l->sec) {
        if (shndx < DKM_SHN_LORESERVE &&
            (l->sec[shndx].region == DKM_RGN_INIT_TEXT || l->sec[shndx].region == DKM_RGN_INIT_DATA))
            return dkm_fail(l, DKM_E_EXPORT_UNDEF, "exports '%s', which is in init-only section %s", name,
                            dkm_sec_name(l, shndx));
        return DKM_OK;
    }
    bool init_only;
    if (shndx != DKM_SHN_ABS && !dkm_resident_prot(l, *addr, 1, &init_only))
        return dkm_fail(l, DKM_E_SYM_VALUE, "export '%s' at 0x%" DKM_PRIX " lies outside the module", name, *addr);
    return DKM_OK;
}

void dkm_symbols_done(struct dkm_load *l)
{
    struct symidx_table *t = l->exports_table;
    if (!t)
        return;
    dkm_meta_free(l->ld, t->slots, t->bytes);
    dkm_meta_free(l->ld, t, sizeof *t);
    l->exports_table = NULL;
}
