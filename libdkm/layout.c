/* layout.c — decides where each section of a relocatable module goes: which sections are loaded
 * (allocated ones, minus duplicate COMDAT group members), which region each joins (RX, R, RW, or
 * the init-only regions), their offsets, then COMMON symbols and the GOT; allocates the core and
 * init blocks the regions lie in through the port and copies the section contents. */
#include "internal.h"

static const unsigned region_prot[DKM_RGN_COUNT] = {
    [DKM_RGN_TEXT] = DKM_PROT_R | DKM_PROT_X,
    [DKM_RGN_RODATA] = DKM_PROT_R,
    [DKM_RGN_DATA] = DKM_PROT_R | DKM_PROT_W,
    [DKM_RGN_RO_AFTER_INIT] = DKM_PROT_R | DKM_PROT_W,
    [DKM_RGN_INIT_TEXT] = DKM_PROT_R | DKM_PROT_X,
    [DKM_RGN_INIT_DATA] = DKM_PROT_R | DKM_PROT_W,
};

/* Metadata sections are loaded even if a tool left them without SHF_ALLOC. */
static bool is_metadata(const char *name)
{
    return !dkm_strcmp(name, ".modinfo") || !dkm_strcmp(name, ".dkm.exports") ||
           !dkm_strcmp(name, ".dkm.params");
}

static unsigned region_of(const struct dkm_load *l, unsigned i)
{
    const dkm_shdr_t *s = &l->sh[i];
    const char *name = dkm_sec_name(l, i);
    if (dkm_starts_with(name, ".init.text"))
        return DKM_RGN_INIT_TEXT;
    if (dkm_starts_with(name, ".init.data") || dkm_starts_with(name, ".init.rodata"))
        return DKM_RGN_INIT_DATA;
    if (dkm_starts_with(name, ".data..ro_after_init") && (s->sh_flags & DKM_SHF_WRITE) &&
        !(s->sh_flags & DKM_SHF_EXECINSTR))
        return DKM_RGN_RO_AFTER_INIT;
    if (s->sh_flags & DKM_SHF_EXECINSTR)
        return DKM_RGN_TEXT;
    /* Written only by relocation: read-only afterwards (what RELRO does for linked programs). */
    if (dkm_starts_with(name, ".data.rel.ro") || s->sh_type == DKM_SHT_INIT_ARRAY ||
        s->sh_type == DKM_SHT_FINI_ARRAY || s->sh_type == DKM_SHT_PREINIT_ARRAY ||
        dkm_starts_with(name, ".ctors") || dkm_starts_with(name, ".dtors") || is_metadata(name))
        return DKM_RGN_RODATA;
    if (s->sh_flags & DKM_SHF_WRITE)
        return DKM_RGN_DATA;
    return DKM_RGN_RODATA;
}

static const char *group_signature(const struct dkm_load *l, uint32_t sym)
{
    return dkm_sym_name(l, sym);
}

/* A module's own duplicate COMDAT groups (e.g. from concatenated objects) are loaded once: later
 * groups with an already-seen signature have their members discarded. */
static int plan_groups(struct dkm_load *l)
{
    unsigned ngroups = 0;
    for (unsigned i = 1; i < l->shnum; i++)
        if (l->sh[i].sh_type == DKM_SHT_GROUP)
            ngroups++;
    if (!ngroups)
        return DKM_OK;
    uint32_t cap = 8;
    while (cap < ngroups * 2)
        cap <<= 1;
    const char **seen = dkm_meta_zalloc(l->ld, cap * sizeof *seen);
    if (!seen)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u section groups", ngroups);
    int rc = DKM_OK;
    for (unsigned i = 1; i < l->shnum && rc == DKM_OK; i++) {
        const dkm_shdr_t *g = &l->sh[i];
        if (g->sh_type != DKM_SHT_GROUP)
            continue;
        if (g->sh_info >= l->nsyms) {
            rc = dkm_fail(l, DKM_E_GROUP, "group %s: signature symbol %u out of range (%u symbols)",
                          dkm_sec_name(l, i), g->sh_info, l->nsyms);
            break;
        }
        const uint32_t *w = dkm_img_at(l, g->sh_offset, g->sh_size);
        uint32_t n = g->sh_size / 4;
        for (uint32_t k = 1; k < n; k++)
            if (w[k] == 0 || w[k] >= l->shnum || w[k] == i) {
                rc = dkm_fail(l, DKM_E_GROUP, "group %s: member %u is not a section index",
                              dkm_sec_name(l, i), w[k]);
                break;
            }
        if (rc || !(w[0] & DKM_GRP_COMDAT))
            continue;
        const char *sig = group_signature(l, g->sh_info);
        uint32_t slot = dkm_hash(sig) & (cap - 1);
        bool dup = false;
        while (seen[slot]) {
            if (!dkm_strcmp(seen[slot], sig)) {
                dup = true;
                break;
            }
            slot = (slot + 1) & (cap - 1);
        }
        if (!dup) {
            seen[slot] = sig;
            continue;
        }
        for (uint32_t k = 1; k < n; k++)
            l->sec[w[k]].discard = 1;
        l->has_discards = true;
    }
    dkm_meta_free(l->ld, seen, cap * sizeof *seen);
    return rc;
}

/* With DKM_LOAD_IN_PLACE, plain read-only data of at least a page that no relocation writes and
 * libdkm itself never reads (metadata, function arrays) is used from the image: copying it would
 * cost as much as the rest of a large module's load. Its image address must keep the section's
 * alignment and fit the module's address width. */
static void plan_in_place(struct dkm_load *l)
{
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        if ((s->sh_type == DKM_SHT_REL || s->sh_type == DKM_SHT_RELA) && s->sh_info < l->shnum)
            l->sec[s->sh_info].in_place = 2;   /* a relocation target: never in place */
    }
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        struct dkm_secmap *m = &l->sec[i];
        const char *name = dkm_sec_name(l, i);
        const uintptr_t at = (uintptr_t)(l->img + s->sh_offset);
        const uint64_t align = s->sh_addralign > 1 ? s->sh_addralign : 1;
        bool ok = m->in_place == 0 && m->load && m->region == DKM_RGN_RODATA &&
                  s->sh_type == DKM_SHT_PROGBITS && !(s->sh_flags & (DKM_SHF_WRITE | DKM_SHF_EXECINSTR)) &&
                  s->sh_size >= l->ld->port.page_size && !is_metadata(name) &&
                  !dkm_starts_with(name, ".data.rel.ro") && !dkm_starts_with(name, ".ctors") &&
                  !dkm_starts_with(name, ".dtors") && (at & (align - 1)) == 0 &&
                  (uint64_t)at + s->sh_size - 1 <= (uint64_t)(dkm_addr_t)~(dkm_addr_t)0;
        m->in_place = ok;
        if (ok) {
            m->addr = (dkm_addr_t)at;
            l->n_in_place++;
        }
    }
}

int dkm_layout_plan(struct dkm_load *l)
{
    l->sec = dkm_meta_zalloc(l->ld, (size_t)l->shnum * sizeof *l->sec);
    if (!l->sec)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u section records", l->shnum);
    int rc = plan_groups(l);
    if (rc)
        return rc;
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        const char *name = dkm_sec_name(l, i);
        if (l->sec[i].discard || s->sh_type == DKM_SHT_NULL || s->sh_type == DKM_SHT_GROUP)
            continue;
        if (!(s->sh_flags & DKM_SHF_ALLOC) && !(is_metadata(name) && s->sh_type == DKM_SHT_PROGBITS)) {
            if (s->sh_type == DKM_SHT_PROGBITS && !dkm_strcmp(name, DKM_SYMHASH_SECTION))
                dkm_symhash_attach(l, i);
            continue;
        }
        if (s->sh_type == DKM_SHT_REL || s->sh_type == DKM_SHT_RELA || s->sh_type == DKM_SHT_SYMTAB ||
            s->sh_type == DKM_SHT_STRTAB)
            continue;
        l->sec[i].load = 1;
        l->sec[i].region = (uint8_t)region_of(l, i);
        if (!dkm_strcmp(name, ".modinfo"))
            l->modinfo_sec = i;
        else if (!dkm_strcmp(name, ".dkm.exports"))
            l->exports_sec = i;
        else if (!dkm_strcmp(name, ".dkm.params"))
            l->params_sec = i;
    }
    if (l->flags & DKM_LOAD_IN_PLACE)
        plan_in_place(l);
    return DKM_OK;
}

int dkm_layout(struct dkm_load *l)
{
    struct dkm_loader *ld = l->ld;
    struct dkm_module *mod = l->mod;
    uint64_t off[DKM_RGN_COUNT] = {0};
    l->nsymval = l->nsyms;
    l->symval = dkm_meta_zalloc(ld, (size_t)l->nsyms * sizeof *l->symval);
    if (!l->symval)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u symbol values", l->nsyms);

    for (unsigned i = 1; i < l->shnum; i++) {
        if (!l->sec[i].load || l->sec[i].in_place)
            continue;
        const dkm_shdr_t *s = &l->sh[i];
        uint64_t align = s->sh_addralign > 1 ? s->sh_addralign : 1;
        uint64_t *o = &off[l->sec[i].region];
        *o = (*o + align - 1) & ~(align - 1);
        l->sec[i].addr = (dkm_addr_t)*o;   /* an offset until the regions exist */
        *o += s->sh_size;
        if (*o > ld->cfg.max_image_size)
            return dkm_fail(l, DKM_E_TOO_BIG, "section %s ends at 0x%llx, above the limit of %zu bytes",
                            dkm_sec_name(l, i), (unsigned long long)*o, ld->cfg.max_image_size);
    }
    /* COMMON symbols become zeroed data; their offsets wait in symval until rebased below. */
    uint64_t *data = &off[DKM_RGN_DATA];
    for (uint32_t i = 1; i < l->nsyms; i++) {
        const dkm_sym_t *s = &l->syms[i];
        if (s->st_shndx != DKM_SHN_COMMON)
            continue;
        uint64_t align = s->st_value > 1 ? s->st_value : 1;
        *data = (*data + align - 1) & ~(align - 1);
        l->symval[i] = (dkm_addr_t)*data;
        *data += s->st_size;
        if (*data > ld->cfg.max_image_size)
            return dkm_fail(l, DKM_E_TOO_BIG, "common symbol '%s' ends above the limit of %zu bytes",
                            dkm_sym_name(l, i), ld->cfg.max_image_size);
    }
    if (l->got_count) {
        *data = (*data + DKM_ADDR_BYTES - 1) & ~(uint64_t)(DKM_ADDR_BYTES - 1);
        l->got_off = (dkm_addr_t)*data;
        *data += (uint64_t)DKM_ADDR_BYTES * l->got_count;
    }
    /* Branch stubs sit after the code, in the same region, so they are in reach of its branches. */
    if (l->stub_count) {
        uint64_t *text = &off[DKM_RGN_TEXT];
        *text = (*text + 15) & ~(uint64_t)15;
        l->stub_off = (dkm_addr_t)*text;
        *text += (uint64_t)dkm_arch_host.stub_size * l->stub_count;
    }
    uint64_t total = 0;
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++)
        total += off[r];
    if (total > ld->cfg.max_image_size)
        return dkm_fail(l, DKM_E_TOO_BIG, "module needs %llu bytes, above the limit of %zu",
                        (unsigned long long)total, ld->cfg.max_image_size);

    /* Each region starts on a page of its block, so that it can have a protection of its own. */
    uint64_t at[DKM_RGN_COUNT] = {0}, block_size[DKM_BLOCK_COUNT] = {0};
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        at[r] = block_size[dkm_block_of(r)];
        block_size[dkm_block_of(r)] += dkm_page_round(ld, off[r]);
    }
    for (unsigned b = 0; b < DKM_BLOCK_COUNT; b++) {
        if (!block_size[b])
            continue;
        int rc = dkm_block_get(ld, &mod->block[b], (uint32_t)block_size[b]);
        if (rc == DKM_E_ADDR_RANGE)
            return dkm_fail(l, rc, "the port gave memory above 4 GiB for a 32-bit module (%llu bytes)",
                            (unsigned long long)block_size[b]);
        if (rc)
            return dkm_fail(l, rc, "cannot allocate %llu bytes of module memory",
                            (unsigned long long)block_size[b]);
    }
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++) {
        if (!off[r])
            continue;
        struct dkm_region *g = &mod->rgn[r];
        g->addr = mod->block[dkm_block_of(r)].addr + (uintptr_t)at[r];
        g->size = (uint32_t)dkm_page_round(ld, off[r]);
        g->used = (uint32_t)off[r];
        g->prot = (uint8_t)region_prot[r];
    }
    for (unsigned i = 1; i < l->shnum; i++)
        if (l->sec[i].load && !l->sec[i].in_place)
            l->sec[i].addr += (dkm_addr_t)mod->rgn[l->sec[i].region].addr;
    dkm_addr_t data_base = (dkm_addr_t)mod->rgn[DKM_RGN_DATA].addr;
    if (l->stub_count)
        l->stub_addr = (dkm_addr_t)mod->rgn[DKM_RGN_TEXT].addr + l->stub_off;
    for (uint32_t i = 1; i < l->nsyms; i++)
        if (l->syms[i].st_shndx == DKM_SHN_COMMON)
            l->symval[i] += data_base;
    /* GOTPC and GOTOFF only need a base both sides agree on; GOT32 slots need real memory. */
    if (l->got_count)
        l->got_addr = data_base + l->got_off;
    else
        for (unsigned r = 0; r < DKM_RGN_COUNT && !l->got_addr; r++)
            l->got_addr = (dkm_addr_t)mod->rgn[r].addr;
    return DKM_OK;
}

/* Copies every loaded section to its place. On a port that gives unzeroed memory, every other
 * byte of the module's regions is zeroed on the way (the gaps alignment leaves, NOBITS sections,
 * COMMON, GOT and stub space, the tails of pages), so each byte is written once and none keeps
 * what the memory held before. Sections lie in index order within their region (dkm_layout). */
void dkm_copy_sections(struct dkm_load *l)
{
    struct dkm_module *mod = l->mod;
    const bool unzeroed = (l->ld->port.region_flags & DKM_REGION_UNZEROED) != 0;
    uintptr_t cursor[DKM_RGN_COUNT];
    for (unsigned r = 0; r < DKM_RGN_COUNT; r++)
        cursor[r] = mod->rgn[r].addr;
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        if (!l->sec[i].load || l->sec[i].in_place)
            continue;
        const uintptr_t at = (uintptr_t)l->sec[i].addr;
        uintptr_t *c = &cursor[l->sec[i].region];
        if (unzeroed && at > *c)
            dkm_memset((void *)*c, 0, at - *c);
        if (s->sh_type != DKM_SHT_NOBITS)
            dkm_memcpy((void *)at, dkm_img_at(l, s->sh_offset, s->sh_size), s->sh_size);
        else if (unzeroed)
            dkm_memset((void *)at, 0, s->sh_size);
        *c = at + s->sh_size;
    }
    if (unzeroed)
        for (unsigned r = 0; r < DKM_RGN_COUNT; r++)
            if (mod->rgn[r].size)
                dkm_memset((void *)cursor[r], 0, mod->rgn[r].addr + mod->rgn[r].size - cursor[r]);
}
