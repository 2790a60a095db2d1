/* lifecycle.c — calling module code: constructors then init at load, exit then destructors at
 * unload, final page protections, and returning init-only regions once init has succeeded. Calls
 * go through port->call when the port provides it, so a host can trap or sandbox module code. */
#include "internal.h"

/* One call into module code. DKM_E_FAULT when the port reports that the code faulted. */
int dkm_call(struct dkm_loader *ld, const struct dkm_module *mod, dkm_addr_t fn, const void *arg,
             int *result)
{
    if (ld->port.call) {
        unsigned flags = mod->exec_stack ? DKM_CALL_EXEC_STACK : 0;
        return ld->port.call(ld->port.ctx, fn, arg, flags, result) == DKM_CALL_RETURNED ? DKM_OK
                                                                                        : DKM_E_FAULT;
    }
    int (*f)(const void *) = (int (*)(const void *))(uintptr_t)fn;
    *result = f(arg);
    return DKM_OK;
}

/* The name of the module function at fn, for messages ("?" when no kept symbol covers it). */
static const char *fn_name(const struct dkm_module *mod, dkm_addr_t fn)
{
    const struct dkm_ksym *s = dkm_ksyms_at(&mod->ksyms, fn);
    return s && s->addr == fn ? dkm_ksym_name(&mod->ksyms, s) : "?";
}

/* A module that asks for an executable stack runs only where the port provides one. */
int dkm_check_exec_stack(struct dkm_load *l, bool wanted)
{
    if (!wanted || (l->flags & DKM_LOAD_NO_RUN))
        return DKM_OK;
    const struct dkm_port *port = &l->ld->port;
    if (!port->exec_stack || port->exec_stack(port->ctx, l->mod->name) != 0)
        return dkm_fail(l, DKM_E_EXEC_STACK, "needs an executable stack (its GNU-stack note is executable, e.g. for nested-function trampolines), which this system does not provide");
    l->mod->exec_stack = true;
    return DKM_OK;
}

/* A linked image: each segment gets its flags; a page shared by two segments gets the union. */
static int protect_segments(struct dkm_load *l)
{
    const struct dkm_port *port = &l->ld->port;
    dkm_addr_t page = (dkm_addr_t)port->page_size;
    dkm_addr_t prev_last = 0;
    unsigned prev_prot = 0;
    bool have_prev = false;
    for (unsigned i = 0; i < l->nsegs; i++) {
        const struct dkm_segment *g = &l->segs[i];
        if (!g->size)
            continue;
        dkm_addr_t first = g->addr & ~(page - 1);
        dkm_addr_t last = (g->addr + g->size - 1) & ~(page - 1);
        dkm_addr_t start = first;
        if (have_prev && first == prev_last) {
            if (port->region_protect(port->ctx, (void *)(uintptr_t)first, page, g->prot | prev_prot))
                return dkm_fail(l, DKM_E_NOMEM, "cannot protect the page at 0x%" DKM_PRIX, first);
            start += page;
        }
        if (start <= last &&
            port->region_protect(port->ctx, (void *)(uintptr_t)start, last - start + page, g->prot))
            return dkm_fail(l, DKM_E_NOMEM, "cannot protect segment %u at 0x%" DKM_PRIX, i, g->addr);
        prev_last = last;
        prev_prot = g->prot;
        have_prev = true;
    }
    return DKM_OK;
}

/* The final protections, once nothing but module code writes module memory any more. Segments
 * are always readable: the loader reads metadata and export names there while the module lives. */
/* Code was written through the data side: make the instruction side see it before anything runs
 * (a no-op on x86, required on ARM and RISC-V). */
static void sync_icache(struct dkm_load *l)
{
    const struct dkm_port *port = &l->ld->port;
    if (!port->icache_sync)
        return;
    if (l->segs) {
        for (unsigned i = 0; i < l->nsegs; i++)
            if (l->segs[i].size && (l->segs[i].prot & DKM_PROT_X))
                port->icache_sync(port->ctx, (void *)(uintptr_t)l->segs[i].addr, l->segs[i].size);
        return;
    }
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        const struct dkm_region *g = &l->mod->rgn[r];
        if (g->size && (g->prot & DKM_PROT_X))
            port->icache_sync(port->ctx, (void *)g->addr, g->used);
    }
}

int dkm_protect_regions(struct dkm_load *l)
{
    struct dkm_loader *ld = l->ld;
    sync_icache(l);
    if (!ld->port.region_protect)
        return DKM_OK;
    if (l->segs)
        return protect_segments(l);
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        struct dkm_region *g = &l->mod->rgn[r];
        if (!g->size || g->prot == (DKM_PROT_R | DKM_PROT_W))
            continue;
        if (ld->port.region_protect(ld->port.ctx, (void *)g->addr, g->size, g->prot) != 0)
            return dkm_fail(l, DKM_E_NOMEM, "cannot set protection %u on %u bytes at 0x%lx", g->prot,
                            g->size, (unsigned long)g->addr);
    }
    return DKM_OK;
}

/* Constructors or destructors in order; stops at the first that faults (the module's state is
 * unknown after that, so no more of its code runs) and returns its index, or n. */
static uint32_t call_list(struct dkm_loader *ld, const struct dkm_module *mod, const dkm_addr_t *fns,
                          uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        int ignored;
        if (dkm_call(ld, mod, fns[i], NULL, &ignored) == DKM_E_FAULT)
            return i;
    }
    return n;
}

/* Constructors, then init with the configured argument (the kernel API table): both
 * int init(void) and int init(const ark_kernel_api_t *) are safe to call this way under cdecl.
 * After a fault nothing of the module runs again, not even its destructors. */
int dkm_run_init(struct dkm_load *l)
{
    struct dkm_loader *ld = l->ld;
    struct dkm_module *mod = l->mod;
    uint32_t done = call_list(ld, mod, mod->ctor_fns, mod->nctors);
    if (done < mod->nctors)
        return dkm_fail(l, DKM_E_FAULT, "constructor '%s' faulted (at 0x%" DKM_PRIX ")", fn_name(mod, mod->ctor_fns[done]),
                        mod->ctor_fns[done]);
    l->ctors_ran = true;
    if (!mod->init_fn)
        return DKM_OK;
    int ret = 0;
    if (dkm_call(ld, mod, mod->init_fn, ld->cfg.init_arg, &ret) == DKM_E_FAULT) {
        l->ctors_ran = false;
        return dkm_fail(l, DKM_E_FAULT, "init '%s' faulted (at 0x%" DKM_PRIX ")", fn_name(mod, mod->init_fn), mod->init_fn);
    }
    if (ret != 0) {
        if (l->err)
            l->err->init_result = ret;
        return dkm_fail(l, DKM_E_INIT_FAILED, "init returned %d", ret);
    }
    return DKM_OK;
}

void dkm_run_fini(struct dkm_loader *ld, struct dkm_module *mod)
{
    uint32_t done = call_list(ld, mod, mod->fini_fns, mod->nfini);
    if (done < mod->nfini)
        dkm_log(ld, DKM_LOG_ERR, "dkm: %s: destructor '%s' faulted (at 0x%" DKM_PRIX ")", mod->name,
                fn_name(mod, mod->fini_fns[done]), mod->fini_fns[done]);
}

void dkm_run_exit(struct dkm_loader *ld, struct dkm_module *mod)
{
    int ignored;
    if (mod->exit_fn && dkm_call(ld, mod, mod->exit_fn, NULL, &ignored) == DKM_E_FAULT) {
        dkm_log(ld, DKM_LOG_ERR, "dkm: %s: exit '%s' faulted (at 0x%" DKM_PRIX "); destructors not run", mod->name,
                fn_name(mod, mod->exit_fn), mod->exit_fn);
        return;
    }
    dkm_run_fini(ld, mod);
}

void dkm_free_init_regions(struct dkm_loader *ld, struct dkm_module *mod)
{
    dkm_block_put(ld, &mod->block[DKM_BLOCK_INIT]);
    dkm_memset(&mod->rgn[DKM_RGN_INIT_TEXT], 0, sizeof mod->rgn[DKM_RGN_INIT_TEXT]);
    dkm_memset(&mod->rgn[DKM_RGN_INIT_DATA], 0, sizeof mod->rgn[DKM_RGN_INIT_DATA]);
}

/* Init has returned: the module's __ro_after_init data becomes read-only, as the kernel's does at
 * the end of boot. A port that cannot protect leaves it writable (and says so through the log). */
void dkm_seal_ro_after_init(struct dkm_loader *ld, struct dkm_module *mod)
{
    struct dkm_region *g = &mod->rgn[DKM_RGN_RO_AFTER_INIT];
    if (!g->size || !ld->port.region_protect)
        return;
    if (ld->port.region_protect(ld->port.ctx, (void *)g->addr, g->size, DKM_PROT_R) != 0) {
        dkm_log(ld, DKM_LOG_WARN, "dkm: %s: cannot make its __ro_after_init data read-only", mod->name);
        return;
    }
    g->prot = DKM_PROT_R;
}

/* ---- Constructor and destructor lists (ET_REL) ----------------------------------------------
 * Order as in a linked program: .ctors (in reverse), then .init_array by ascending priority
 * (".init_array.00101" before ".init_array"); at exit .fini_array by descending priority, each in
 * reverse, then .dtors in order. Null and -1 entries (list sentinels) are skipped. */

enum arr_kind { ARR_INIT, ARR_FINI, ARR_CTORS, ARR_DTORS };

static int array_kind(const struct dkm_load *l, unsigned i)
{
    const char *n = dkm_sec_name(l, i);
    unsigned t = l->sh[i].sh_type;
    if (t == DKM_SHT_INIT_ARRAY || t == DKM_SHT_PREINIT_ARRAY || dkm_starts_with(n, ".init_array"))
        return ARR_INIT;
    if (t == DKM_SHT_FINI_ARRAY || dkm_starts_with(n, ".fini_array"))
        return ARR_FINI;
    if (dkm_starts_with(n, ".ctors"))
        return ARR_CTORS;
    if (dkm_starts_with(n, ".dtors"))
        return ARR_DTORS;
    return -1;
}

static uint32_t priority(const struct dkm_load *l, unsigned i)
{
    const char *n = dkm_sec_name(l, i);
    while (*n && *n != '.')
        n++;
    if (*n)
        n++;
    while (*n && *n != '.')
        n++;
    if (*n != '.')
        return 65536;
    uint32_t p = 0;
    for (n++; *n >= '0' && *n <= '9' && p < 65536; n++)
        p = p * 10 + (uint32_t)(*n - '0');
    return p;
}

/* ---- Constructor and destructor lists, for every format -------------------------------------- */

/* Room for n constructors (fini: destructors). */
int dkm_fn_list_alloc(struct dkm_load *l, uint32_t n, bool fini)
{
    if (!n)
        return DKM_OK;
    struct dkm_module *mod = l->mod;
    dkm_addr_t **list = fini ? &mod->fini_fns : &mod->ctor_fns;
    *list = dkm_meta_alloc(l->ld, (size_t)n * sizeof **list);
    if (!*list)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u %s", n, fini ? "destructors" : "constructors");
    *(fini ? &mod->fini_bytes : &mod->nctors_bytes) = n * (uint32_t)sizeof **list;
    return DKM_OK;
}

/* Appends fn (entry k of what) after checking it is module code; a destructor must also outlive
 * init, a constructor may be init-only code. */
int dkm_fn_list_add(struct dkm_load *l, bool fini, const char *what, uint32_t k, dkm_addr_t fn)
{
    struct dkm_module *mod = l->mod;
    bool init_only;
    if (!(dkm_resident_prot(l, fn, 1, &init_only) & DKM_PROT_X) || (init_only && fini))
        return dkm_fail(l, DKM_E_ENTRY, "%s entry %u: 0x%" DKM_PRIX " is not module code", what, k, fn);
    if (fini)
        mod->fini_fns[mod->nfini++] = fn;
    else
        mod->ctor_fns[mod->nctors++] = fn;
    return DKM_OK;
}

/* Appends the entries of a relocated array at addr in module memory (any alignment), forwards or
 * reversed; null and -1 entries (list sentinels) are skipped. */
int dkm_fn_list_array(struct dkm_load *l, bool fini, const char *what, dkm_addr_t addr, uint32_t count,
                      bool reverse)
{
    const uint8_t *e = (const uint8_t *)(uintptr_t)addr;
    for (uint32_t k = 0; k < count; k++) {
        const uint8_t *p = e + (size_t)(reverse ? count - 1 - k : k) * DKM_ADDR_BYTES;
        dkm_addr_t fn = DKM_ADDR_BYTES == 8 ? (dkm_addr_t)((const dkm_unaligned64_t *)(const void *)p)->v
                                            : (dkm_addr_t)((const dkm_unaligned32_t *)(const void *)p)->v;
        if (fn == 0 || fn == (dkm_addr_t)-1)
            continue;
        int rc = dkm_fn_list_add(l, fini, what, reverse ? count - 1 - k : k, fn);
        if (rc)
            return rc;
    }
    return DKM_OK;
}

static int append_section(struct dkm_load *l, unsigned i, bool fini, bool reverse)
{
    return dkm_fn_list_array(l, fini, dkm_sec_name(l, i), l->sec[i].addr, (uint32_t)(l->sh[i].sh_size / DKM_ADDR_BYTES), reverse);
}

/* Appends the sections of kind in priority order (ascending, or descending when reverse). */
static int append_kind(struct dkm_load *l, int kind, bool fini, bool reverse)
{
    uint32_t last = reverse ? 65537 : 0;
    unsigned last_idx = reverse ? l->shnum : 0;
    for (;;) {
        /* next section after (last, last_idx) in the order */
        unsigned best = 0;
        uint32_t bp = 0;
        for (unsigned i = 1; i < l->shnum; i++) {
            if (!l->sec[i].load || array_kind(l, i) != kind)
                continue;
            uint32_t p = priority(l, i);
            bool after = reverse ? (p < last || (p == last && i < last_idx))
                                 : (p > last || (p == last && i > last_idx));
            if (!after)
                continue;
            bool better = !best || (reverse ? (p > bp || (p == bp && i > best))
                                            : (p < bp || (p == bp && i < best)));
            if (better) {
                best = i;
                bp = p;
            }
        }
        if (!best)
            return DKM_OK;
        int rc = append_section(l, best, fini, reverse);
        if (rc)
            return rc;
        last = bp;
        last_idx = best;
    }
}

int dkm_collect_rel_arrays(struct dkm_load *l)
{
    uint32_t count[4] = {0, 0, 0, 0};   /* entries per enum arr_kind */
    for (unsigned i = 1; i < l->shnum; i++) {
        if (!l->sec[i].load)
            continue;
        int k = array_kind(l, i);
        if (k >= 0)
            count[k] += (uint32_t)(l->sh[i].sh_size / DKM_ADDR_BYTES);
    }
    int rc = dkm_fn_list_alloc(l, count[ARR_INIT] + count[ARR_CTORS], false);
    if (!rc)
        rc = dkm_fn_list_alloc(l, count[ARR_FINI] + count[ARR_DTORS], true);
    /* the order of the calls is the order of the lists */
    static const struct { int kind; bool fini, reverse; } order[] = {
        {ARR_CTORS, false, true}, {ARR_INIT, false, false}, {ARR_FINI, true, true}, {ARR_DTORS, true, false},
    };
    for (unsigned o = 0; o < 4 && !rc; o++)
        if (count[order[o].kind])
            rc = append_kind(l, order[o].kind, order[o].fini, order[o].reverse);
    return rc;
}
