/* loader.c — the public entry points: creating a loader, the load pipeline (a straight sequence of
 * named steps with one rollback path), unload, and the module list. */
#include "internal.h"
#include "dkm/modsig.h"

int dkm_loader_create(const struct dkm_port *port, const struct dkm_config *cfg,
                      struct dkm_loader **out)
{
    if (!port || !out || !port->region_alloc || !port->region_free || !port->meta_alloc ||
        !port->meta_free || !dkm_is_pow2((uint32_t)port->page_size) || port->page_size < 16 ||
        port->page_size > (1u << 24))
        return DKM_E_INVAL;
    struct dkm_loader *ld = port->meta_alloc(port->ctx, sizeof *ld);
    if (!ld)
        return DKM_E_NOMEM;
    dkm_memset(ld, 0, sizeof *ld);
    ld->port = *port;
    if (cfg)
        ld->cfg = *cfg;
    if (!ld->cfg.max_image_size || ld->cfg.max_image_size > 0x7fffffffu)
        ld->cfg.max_image_size = DKM_DEFAULT_MAX_IMAGE;
    if (!ld->cfg.max_sections || ld->cfg.max_sections > 0xff00u)
        ld->cfg.max_sections = DKM_DEFAULT_MAX_SECTIONS;
    /* Regions start on a page boundary, so no alignment above a page can be honoured. */
    if (!ld->cfg.max_align || ld->cfg.max_align > port->page_size || !dkm_is_pow2((uint32_t)ld->cfg.max_align))
        ld->cfg.max_align = port->page_size;
    ld->stats.meta_bytes = sizeof *ld;
    ld->stats.meta_blocks = 1;
    ld->stats.peak_meta_bytes = sizeof *ld;
    dkm_reloc_classes(ld);
    int rc = dkm_exports_init(ld);
    if (rc) {
        port->meta_free(port->ctx, ld, sizeof *ld);
        return rc;
    }
    *out = ld;
    return DKM_OK;
}

void dkm_loader_destroy(struct dkm_loader *ld)
{
    if (!ld)
        return;
    /* Newest first: a module is always loaded after the modules it depends on. */
    while (ld->last)
        dkm_unload(ld, ld->last, DKM_UNLOAD_FORCE, NULL);
    dkm_exports_fini(ld);
    ld->port.meta_free(ld->port.ctx, ld, sizeof *ld);
}

void dkm_set_phase_hook(struct dkm_loader *ld, dkm_phase_hook_t hook, void *arg)
{
    ld->phase_hook = hook;
    ld->phase_arg = arg;
}

static void list_add(struct dkm_loader *ld, struct dkm_module *mod)
{
    mod->prev = ld->last;
    mod->next = NULL;
    if (ld->last)
        ld->last->next = mod;
    else
        ld->first = mod;
    ld->last = mod;
    ld->nmodules++;
}

static void list_del(struct dkm_loader *ld, struct dkm_module *mod)
{
    if (mod->prev)
        mod->prev->next = mod->next;
    else
        ld->first = mod->next;
    if (mod->next)
        mod->next->prev = mod->prev;
    else
        ld->last = mod->prev;
    mod->prev = mod->next = NULL;
    ld->nmodules--;
}

/* Frees everything a module holds; its exports and edges must already be gone. */
void dkm_module_free(struct dkm_loader *ld, struct dkm_module *mod)
{
    for (unsigned b = 0; b < DKM_BLOCK_COUNT; b++)
        dkm_block_put(ld, &mod->block[b]);
    dkm_ksyms_free(ld, mod);
    dkm_params_free(ld, mod);
    dkm_meta_free(ld, mod->ctor_fns, mod->nctors_bytes);
    dkm_meta_free(ld, mod->fini_fns, mod->fini_bytes);
    dkm_meta_free(ld, mod, sizeof *mod);
}

static void free_transient(struct dkm_load *l)
{
    struct dkm_loader *ld = l->ld;
    dkm_symbols_done(l);
    dkm_meta_free(ld, l->sec, (size_t)l->shnum * sizeof *l->sec);
    dkm_meta_free(ld, l->symval, (size_t)l->nsymval * sizeof *l->symval);
    dkm_meta_free(ld, l->gotidx, (size_t)l->nsyms * sizeof *l->gotidx);
    dkm_meta_free(ld, l->stubidx, (size_t)l->nsyms * sizeof *l->stubidx);
    dkm_meta_free(ld, l->symcode, l->nsyms);
    l->symcode = NULL;
    dkm_meta_free(ld, l->segs, (size_t)l->nsegs * sizeof *l->segs);
    l->segs = NULL;
    l->sec = NULL;
    l->symval = NULL;
    l->gotidx = l->stubidx = NULL;
    dkm_meta_free(ld, l->pair_idx, (size_t)l->pair_cap * sizeof *l->pair_idx);
    l->pair_idx = NULL;
    l->pair_cap = l->pair_count = 0;
    l->pair_sec = 0;
}

/* The one rollback path: undoes whatever the load did, in reverse. */
static void abort_load(struct dkm_load *l, bool listed)
{
    struct dkm_loader *ld = l->ld;
    struct dkm_module *mod = l->mod;
    if (!mod)
        return;
    if (l->ctors_ran)
        dkm_run_fini(ld, mod);
    if (listed)
        list_del(ld, mod);
    dkm_unregister_exports(ld, mod);
    dkm_drop_dependencies(ld, mod);
    dkm_module_free(ld, mod);
    l->mod = NULL;
}

/* The protection [addr, addr+len) keeps once loaded, 0 if it is not inside one resident range
 * of module memory; *init_only tells whether that range is freed after init. */
unsigned dkm_resident_prot(const struct dkm_load *l, dkm_addr_t addr, dkm_addr_t len, bool *init_only)
{
    *init_only = false;
    if (l->segs) {
        for (unsigned i = 0; i < l->nsegs; i++) {
            const struct dkm_segment *g = &l->segs[i];
            if (addr >= g->addr && len <= g->size && addr - g->addr <= g->size - len)
                return g->prot;
        }
        return 0;
    }
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        const struct dkm_region *g = &l->mod->rgn[r];
        if (g->size && addr >= g->addr && len <= g->used && addr - g->addr <= g->used - len) {
            *init_only = r == DKM_RGN_INIT_TEXT || r == DKM_RGN_INIT_DATA;
            return g->prot;
        }
    }
    /* Sections used in place stay, read-only, for as long as the module (DKM_LOAD_IN_PLACE). */
    for (unsigned i = 1; l->n_in_place && i < l->shnum; i++) {
        const dkm_addr_t base = l->sec[i].addr, size = l->sh[i].sh_size;
        if (l->sec[i].in_place && addr >= base && len <= size && addr - base <= size - len)
            return DKM_PROT_R;
    }
    return 0;
}

/* Init and exit, by the one naming rule (symbols.c) for every format; a linked image without such
 * a symbol may name its init by its ELF entry point. Both must be module code; exit must outlive init. */
int dkm_find_entries(struct dkm_load *l)
{
    struct dkm_module *mod = l->mod;
    uint32_t init = l->sym_ark_init ? l->sym_ark_init : l->sym_init;
    uint32_t exit = l->sym_ark_exit ? l->sym_ark_exit : l->sym_exit;
    bool init_only;
    if (init)
        mod->init_fn = dkm_sym_addr(l, init);
    else if (!l->sec && l->eh->e_entry)
        mod->init_fn = l->eh->e_entry + l->bias;
    if (mod->init_fn && !(dkm_resident_prot(l, mod->init_fn, 1, &init_only) & DKM_PROT_X))
        return dkm_fail(l, DKM_E_ENTRY, "init '%s' at 0x%" DKM_PRIX " is not in the module's code",
                        init ? dkm_sym_name(l, init) : "e_entry", mod->init_fn);
    if (exit) {
        mod->exit_fn = dkm_sym_addr(l, exit);
        if (!(dkm_resident_prot(l, mod->exit_fn, 1, &init_only) & DKM_PROT_X) || init_only)
            return dkm_fail(l, DKM_E_ENTRY, "exit '%s' at 0x%" DKM_PRIX " is not in the module's resident code",
                            dkm_sym_name(l, exit), mod->exit_fn);
    }
    return DKM_OK;
}

/* .modinfo is read in module memory from here on: relocations (or, in a linked image, a segment
 * whose bytes differ from the section's file copy) may have changed it since it was checked. */
int dkm_recheck_modinfo(struct dkm_load *l)
{
    struct dkm_module *mod = l->mod;
    if (!mod->modinfo || !mod->modinfo_size)
        return DKM_OK;
    int rc = dkm_modinfo_check(mod->modinfo, mod->modinfo_size, l->err, dkm_load_name(l));
    if (!rc)
        mod->version = dkm_modinfo_find(mod->modinfo, mod->modinfo_size, "version", 0);
    return rc;
}

int dkm_check_metadata(struct dkm_load *l, const char *info, uint32_t size, const char *hint)
{
    int rc = dkm_modinfo_check(info, size, l->err, dkm_load_name(l));
    if (!rc)
        l->license = dkm_modinfo_find(info, size, "license", 0);
    if (!rc)
        rc = dkm_choose_name(l, info, size, hint);
    if (!rc)
        rc = dkm_check_abi(l, info, size);
    return rc;
}

/* ---- The ET_REL format steps --------------------------------------------------------------- */

static int rel_parse(struct dkm_load *l)
{
    int rc = dkm_validate_sections(l);
    if (!rc)
        rc = dkm_validate_symbols(l);
    if (!rc)
        rc = dkm_layout_plan(l);
    if (rc)
        return rc;
    if (l->modinfo_sec && l->sh[l->modinfo_sec].sh_type == DKM_SHT_PROGBITS) {
        l->info = dkm_img_at(l, l->sh[l->modinfo_sec].sh_offset, l->sh[l->modinfo_sec].sh_size);
        l->info_size = l->sh[l->modinfo_sec].sh_size;
    }
    for (unsigned i = 1; i < l->shnum; i++)
        if ((l->sh[i].sh_flags & DKM_SHF_EXECINSTR) && !dkm_strcmp(dkm_sec_name(l, i), ".note.GNU-stack"))
            l->wants_exec_stack = true;
    return DKM_OK;
}

/* Metadata sections live in module memory from here on; the image copy was already checked. */
static int rel_layout(struct dkm_load *l)
{
    int rc = dkm_count_got_slots(l);
    if (!rc)
        rc = dkm_layout(l);
    if (rc)
        return rc;
    dkm_copy_sections(l);
    struct dkm_module *mod = l->mod;
    if (l->modinfo_sec) {
        mod->modinfo = (const char *)(uintptr_t)l->sec[l->modinfo_sec].addr;
        mod->modinfo_size = l->sh[l->modinfo_sec].sh_size;
    }
    if (l->exports_sec) {
        mod->exports = (const char *)(uintptr_t)l->sec[l->exports_sec].addr;
        mod->exports_size = l->sh[l->exports_sec].sh_size;
    }
    if (l->params_sec) {
        l->params_addr = l->sec[l->params_sec].addr;
        l->params_size = l->sh[l->params_sec].sh_size;
    }
    return DKM_OK;
}

static const struct dkm_format dkm_format_rel = {
    .parse = rel_parse,
    .layout = rel_layout,
    .resolve = dkm_resolve_symbols,
    .relocate = dkm_relocate_rel,
    .fn_lists = dkm_collect_rel_arrays,
};

/* The pipeline, the same for every ELF type: parse and validate from the file image, lay out and
 * allocate, resolve, relocate, then bind metadata, parameters, entry points, exports and kept
 * symbols. Arguments, protections and init follow in dkm_load_image. */
static int load_module(struct dkm_load *l, const char *hint)
{
    const struct dkm_format *f = l->eh->e_type == DKM_ET_REL ? &dkm_format_rel : &dkm_format_linked;
    int rc = f->parse(l);
    if (!rc)
        rc = dkm_check_metadata(l, l->info, l->info_size, hint);
    if (!rc)
        rc = dkm_check_exec_stack(l, l->wants_exec_stack);
    if (rc)
        return rc;

    dkm_phase(l->ld, "layout");
    rc = f->layout(l);
    if (rc)
        return rc;

    dkm_phase(l->ld, "resolve");
    rc = dkm_check_depends(l, l->info, l->info_size);
    if (!rc)
        rc = f->resolve(l);
    if (rc)
        return rc;

    dkm_phase(l->ld, "relocate");
    rc = f->relocate(l);
    if (!rc)
        rc = dkm_recheck_modinfo(l);
    if (!rc && l->params_sec)
        rc = dkm_params_bind(l, l->params_addr, l->params_size);
    if (!rc)
        rc = f->fn_lists(l);
    if (!rc)
        rc = dkm_find_entries(l);
    if (!rc)
        rc = dkm_register_exports(l);
    if (!rc)
        rc = dkm_ksyms_build(l);
    return rc;
}

int dkm_load_image(struct dkm_loader *ld, const void *image, size_t size,
                   const struct dkm_load_opts *opts, struct dkm_module **out, struct dkm_error *err)
{
    static const struct dkm_load_opts no_opts;
    if (!opts)
        opts = &no_opts;
    if (err) {
        err->code = DKM_OK;
        err->msg[0] = 0;
        err->init_result = 0;
    }
    if (out)
        *out = NULL;
    struct dkm_load l;
    dkm_memset(&l, 0, sizeof l);
    l.ld = ld;
    l.err = err;
    l.flags = opts->flags;
    l.label = opts->name_hint ? opts->name_hint : "module";
    l.img = image;
    l.size = size;
    if (!ld || (!image && size))
        return dkm_fail(&l, DKM_E_INVAL, "dkm_load_image: no loader or no image");
    /* A signed file: the ELF image is what precedes the trailer. */
    struct dkm_sig_info sig;
    if (dkm_sig_parse(image, size, &sig) == DKM_SIG_MALFORMED)
        return dkm_fail(&l, DKM_E_SIG_FORMAT, "malformed signature trailer");
    size = l.size = sig.module_size;
    dkm_phase(ld, "validate");
    if (size > ld->cfg.max_image_size) {
        dkm_phase(ld, "done");
        return dkm_fail(&l, DKM_E_TOO_BIG, "image of %zu bytes, the limit is %zu", size,
                        ld->cfg.max_image_size);
    }
    /* i386 code cannot be called directly from a 64-bit host; such hosts validate and link only. */
    if (sizeof(void *) > 4 && !ld->port.call && !(opts->flags & DKM_LOAD_NO_RUN)) {
        dkm_phase(ld, "done");
        return dkm_fail(&l, DKM_E_INVAL, "a 64-bit host needs DKM_LOAD_NO_RUN or port->call to load i386 modules");
    }
    int rc = dkm_validate_ehdr(&l);
    if (!rc) {
        l.mod = dkm_meta_zalloc(ld, sizeof *l.mod);
        if (!l.mod)
            rc = dkm_fail(&l, DKM_E_NOMEM, "out of memory for the module record");
    }
    if (!rc) {
        l.mod->ld = ld;
        l.mod->state = DKM_STATE_COMING;
        l.mod->elf_type = l.eh->e_type;
        l.mod->flags = opts->flags;
        rc = load_module(&l, opts->name_hint);
    }
    if (!rc)
        rc = dkm_params_apply_args(l.mod, opts->args, err);
    if (!rc)
        rc = dkm_protect_regions(&l);
    free_transient(&l);
    if (rc) {
        abort_load(&l, false);
        dkm_phase(ld, "done");
        return rc;
    }

    struct dkm_module *mod = l.mod;
    list_add(ld, mod);
    /* After list_add, so a host's phase hook can already find the module (e.g. to show it to a
     * debugger before its init runs). */
    dkm_phase(ld, "init");
    if (!(opts->flags & DKM_LOAD_NO_RUN)) {
        if (!mod->init_fn && !mod->nexports && !mod->nctors) {
            rc = dkm_fail(&l, DKM_E_NO_INIT, "no init function (module_init, ark_module_init() or an ELF entry) and nothing exported");
        } else {
            rc = dkm_run_init(&l);
        }
        if (rc) {
            abort_load(&l, true);
            dkm_phase(ld, "done");
            return rc;
        }
    }
    dkm_meta_free(ld, mod->ctor_fns, mod->nctors_bytes);
    mod->ctor_fns = NULL;
    mod->nctors = 0;
    mod->nctors_bytes = 0;
    dkm_free_init_regions(ld, mod);
    dkm_seal_ro_after_init(ld, mod);
    mod->state = DKM_STATE_LIVE;
    dkm_log(ld, DKM_LOG_INFO, "dkm: %s: loaded%s%s at 0x%lx (%u bytes)", mod->name,
            mod->version ? " version " : "", mod->version ? mod->version : "",
            (unsigned long)mod->rgn[DKM_RGN_TEXT].addr,
            mod->block[DKM_BLOCK_CORE].size);
    dkm_phase(ld, "done");
    if (out)
        *out = mod;
    return DKM_OK;
}

int dkm_unload(struct dkm_loader *ld, struct dkm_module *mod, unsigned flags, struct dkm_error *err)
{
    if (err) {
        err->code = DKM_OK;
        err->msg[0] = 0;
        err->init_result = 0;
    }
    if (!ld || !mod)
        return dkm_fail_err(err, NULL, DKM_E_INVAL, "dkm_unload: no loader or no module");
    if (mod->state != DKM_STATE_LIVE)
        return dkm_fail_err(err, mod->name, DKM_E_BUSY, "module is %s", mod->state == DKM_STATE_COMING ? "still loading" : "already unloading");
    if (!(flags & DKM_UNLOAD_FORCE)) {
        if (mod->nusers) {
            char list[160];
            size_t len = 0;
            list[0] = 0;
            for (struct dkm_edge *e = mod->users; e && len < sizeof list - 8; e = e->next_user)
                len += (size_t)dkm_format(list + len, sizeof list - len, "%s%s", len ? ", " : "",
                                          e->user->name);
            return dkm_fail_err(err, mod->name, DKM_E_BUSY, "module '%s' is in use by: %s", mod->name, list);
        }
        if (mod->holds)
            return dkm_fail_err(err, mod->name, DKM_E_BUSY, "module '%s' is in use (%u references held)",
                                mod->name, mod->holds);
    }
    dkm_phase(ld, "unload");
    mod->state = DKM_STATE_GOING;
    /* No new user can link against it from here on. */
    dkm_unregister_exports(ld, mod);
    if (!(flags & DKM_UNLOAD_NO_RUN) && !(mod->flags & DKM_LOAD_NO_RUN))
        dkm_run_exit(ld, mod);
    /* Forced: modules that still use this one keep their edge records pointing at nothing; drop
     * those edges so their dependency lists stay valid. */
    while (mod->users) {
        struct dkm_edge *e = mod->users;
        struct dkm_module *user = e->user;
        struct dkm_edge **pp = &user->deps;
        while (*pp && *pp != e)
            pp = &(*pp)->next_dep;
        if (*pp)
            *pp = e->next_dep;
        mod->users = e->next_user;
        user->ndeps--;
        mod->nusers--;
        dkm_meta_free(ld, e, sizeof *e);
    }
    dkm_drop_dependencies(ld, mod);
    list_del(ld, mod);
    dkm_log(ld, DKM_LOG_INFO, "dkm: %s: unloaded", mod->name);
    dkm_module_free(ld, mod);
    dkm_phase(ld, "done");
    return DKM_OK;
}

int dkm_unload_by_name(struct dkm_loader *ld, const char *name, unsigned flags,
                       struct dkm_error *err)
{
    struct dkm_module *mod = ld && name ? dkm_find(ld, name) : NULL;
    if (!mod) {
        if (err) {
            err->init_result = 0;
        }
        return dkm_fail_err(err, name, DKM_E_NOENT, "no module named '%s' is loaded", name ? name : "");
    }
    return dkm_unload(ld, mod, flags, err);
}
