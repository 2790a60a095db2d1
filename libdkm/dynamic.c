/* dynamic.c — the format steps of linked images in the one load pipeline (loader.c): ET_DYN
 * (shared objects and PIEs, placed anywhere) and ET_EXEC (only at their link address, when the
 * port can claim that range). Parsing reads segments, the dynamic table, .dynsym and relocation
 * tables from the file image; layout copies the PT_LOAD segments into one region and records each
 * segment's final protection; resolve imports .dynsym's undefined symbols; relocate applies the
 * DT_REL/DT_JMPREL tables. Sections, when present, give .modinfo, .dkm.exports, .dkm.params and
 * the symbol table that names the module's own symbols. */
#include "internal.h"


/* A link-time range inside the image, as a pointer into module memory; NULL if outside. */
static bool in_span(const struct dkm_linked *d, uint32_t vaddr, uint32_t size)
{
    return vaddr >= d->lo && vaddr - d->lo <= d->span && size <= d->span - (vaddr - d->lo);
}

static void *at(const struct dkm_linked *d, uint32_t vaddr, uint32_t size)
{
    return in_span(d, vaddr, size) ? d->mem + (vaddr - d->lo) : NULL;
}

/* A link-time range as bytes of the file image, 4-byte aligned (callers check wider alignment
 * where entries are wider): the dynamic table, symbols, names
 * and relocation tables are read there, once, never from module memory that relocations may have
 * changed. NULL unless the range lies inside one segment's file data. */
static const void *file_at(const struct dkm_load *l, const struct dkm_linked *d, uint32_t vaddr,
                           uint32_t size)
{
    for (unsigned i = 0; i < d->phnum; i++) {
        const dkm_phdr_t *p = &d->ph[i];
        if (p->p_type != DKM_PT_LOAD || vaddr < p->p_vaddr || vaddr - p->p_vaddr > p->p_filesz ||
            size > p->p_filesz - (vaddr - p->p_vaddr))
            continue;
        const uint8_t *b = dkm_img_at(l, (uint64_t)p->p_offset + (vaddr - p->p_vaddr), size);
        return ((uintptr_t)b & 3) ? NULL : b;
    }
    return NULL;
}

static int check_segments(struct dkm_load *l, struct dkm_linked *d)
{
    const dkm_ehdr_t *eh = l->eh;
    dkm_addr_t page = (dkm_addr_t)l->ld->port.page_size;
    if (!eh->e_phnum)
        return dkm_fail(l, DKM_E_NO_SEGMENTS, "linked image without program headers");
    if (eh->e_phnum > l->ld->cfg.max_sections)
        return dkm_fail(l, DKM_E_SECTION_COUNT, "%u program headers, the limit is %zu", eh->e_phnum,
                        l->ld->cfg.max_sections);
    if (eh->e_phoff & (DKM_TABLE_ALIGN - 1))
        return dkm_fail(l, DKM_E_TABLE_ALIGN, "program headers at file offset 0x%" DKM_PRIX " are not %u-byte aligned",
                        eh->e_phoff, DKM_TABLE_ALIGN);
    if (eh->e_phoff > l->size || (uint64_t)eh->e_phnum * sizeof(dkm_phdr_t) > l->size - eh->e_phoff)
        return dkm_fail(l, DKM_E_PHDR_BOUNDS, "program headers at 0x%" DKM_PRIX " (%u x %zu bytes) end past the image (%zu bytes)",
                        eh->e_phoff, eh->e_phnum, sizeof(dkm_phdr_t), l->size);
    d->ph = dkm_img_at(l, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(dkm_phdr_t));
    d->phnum = eh->e_phnum;
    uint64_t lo = ~0ull, hi = 0, prev_end = 0;
    unsigned nload = 0;
    for (unsigned i = 0; i < d->phnum; i++) {
        const dkm_phdr_t *p = &d->ph[i];
        if (p->p_type == DKM_PT_TLS)
            return dkm_fail(l, DKM_E_SECTION_TYPE, "segment %u: thread-local storage is not supported", i);
        if (p->p_type != DKM_PT_LOAD)
            continue;
        if (p->p_filesz > p->p_memsz)
            return dkm_fail(l, DKM_E_SEGMENT_BOUNDS, "segment %u: file size 0x%" DKM_PRIX " above memory size 0x%" DKM_PRIX, i,
                            p->p_filesz, p->p_memsz);
        if (p->p_offset > l->size || p->p_filesz > l->size - p->p_offset)
            return dkm_fail(l, DKM_E_SEGMENT_BOUNDS, "segment %u: file range 0x%" DKM_PRIX "+0x%" DKM_PRIX " past the image (%zu bytes)",
                            i, p->p_offset, p->p_filesz, l->size);
        uint64_t end = (uint64_t)p->p_vaddr + p->p_memsz;
        if (DKM_ELF_CLASS == 32 ? end > 0xffffffffull : end < p->p_vaddr)
            return dkm_fail(l, DKM_E_SEGMENT_BOUNDS, "segment %u: 0x%" DKM_PRIX "+0x%" DKM_PRIX " wraps past the end of the address space",
                            i, p->p_vaddr, p->p_memsz);
        if (p->p_align > 1 && !dkm_is_pow2(p->p_align))
            return dkm_fail(l, DKM_E_ALIGN, "segment %u: alignment 0x%" DKM_PRIX " is not a power of two", i, p->p_align);
        if (nload && p->p_vaddr < prev_end)
            return dkm_fail(l, DKM_E_SEGMENT_OVERLAP, "segment %u at 0x%" DKM_PRIX " overlaps the previous one (ends at 0x%llx)",
                            i, p->p_vaddr, (unsigned long long)prev_end);
        prev_end = end;
        if (p->p_vaddr < lo)
            lo = p->p_vaddr;
        if (end > hi)
            hi = end;
        nload++;
    }
    if (!nload)
        return dkm_fail(l, DKM_E_NO_SEGMENTS, "no PT_LOAD segment");
    lo &= ~(uint64_t)(page - 1);
    hi = (hi + page - 1) & ~(uint64_t)(page - 1);
    if (hi - lo > l->ld->cfg.max_image_size || hi - lo == 0)
        return dkm_fail(l, DKM_E_TOO_BIG, "segments span %llu bytes, the limit is %zu",
                        (unsigned long long)(hi - lo), l->ld->cfg.max_image_size);
    d->lo = (dkm_addr_t)lo;
    d->span = (dkm_addr_t)(hi - lo);
    return DKM_OK;
}

static int place_image(struct dkm_load *l, struct dkm_linked *d)
{
    struct dkm_block *b = &l->mod->block[DKM_BLOCK_CORE];
    struct dkm_region *r = &l->mod->rgn[DKM_RGN_TEXT];
    int rc;
    if (l->eh->e_type == DKM_ET_EXEC) {
        /* The page at address 0 stays unmapped so null pointers fault: never claim it. */
        rc = d->lo ? dkm_block_claim(l->ld, b, d->lo, d->span) : DKM_E_EXEC_RANGE;
        if (rc)
            return dkm_fail(l, DKM_E_EXEC_RANGE,
                            "executable linked at 0x%" DKM_PRIX "-0x%" DKM_PRIX ", a range this system cannot give it; rebuild it as a relocatable module: ark-gcc -c -o %s.o %s.c (ET_REL)",
                            d->lo, d->lo + d->span, l->mod->name, l->mod->name);
    } else {
        rc = dkm_block_get(l->ld, b, d->span);
        if (rc == DKM_E_ADDR_RANGE)
            return dkm_fail(l, rc, "the port gave memory above 4 GiB for a 32-bit module (%" DKM_PRIU " bytes)", d->span);
        if (rc)
            return dkm_fail(l, rc, "cannot allocate %" DKM_PRIU " bytes of module memory", d->span);
    }
    /* The whole image is one region; its segments' protections are in segs. */
    r->addr = b->addr;
    r->size = b->size;
    r->used = d->span;
    r->prot = DKM_PROT_R | DKM_PROT_W | DKM_PROT_X;
    /* What segments leave out (bss, gaps between them) must read as zero. */
    if (l->eh->e_type != DKM_ET_EXEC && (l->ld->port.region_flags & DKM_REGION_UNZEROED))
        dkm_memset((void *)b->addr, 0, b->size);
    d->mem = (uint8_t *)r->addr;
    l->bias = (dkm_addr_t)r->addr - d->lo;
    unsigned nload = 0;
    for (unsigned i = 0; i < d->phnum; i++) {
        const dkm_phdr_t *p = &d->ph[i];
        nload += p->p_type == DKM_PT_LOAD;
        if (p->p_type == DKM_PT_LOAD && p->p_filesz)
            dkm_memcpy(at(d, p->p_vaddr, p->p_filesz), dkm_img_at(l, p->p_offset, p->p_filesz), p->p_filesz);
    }
    /* The protection each segment keeps: what parameters, relocations and protect rely on. */
    l->segs = dkm_meta_zalloc(l->ld, (size_t)nload * sizeof *l->segs);
    if (!l->segs)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u segment records", nload);
    for (unsigned i = 0; i < d->phnum; i++) {
        const dkm_phdr_t *p = &d->ph[i];
        if (p->p_type != DKM_PT_LOAD)
            continue;
        struct dkm_segment *g = &l->segs[l->nsegs++];
        g->addr = p->p_vaddr + l->bias;
        g->size = p->p_memsz;
        g->prot = (uint8_t)(DKM_PROT_R | (p->p_flags & DKM_PF_W ? DKM_PROT_W : 0) |
                            (p->p_flags & DKM_PF_X ? DKM_PROT_X : 0));
    }
    return DKM_OK;
}

/* The number of .dynsym entries: from DT_HASH, or from the GNU hash chains. */
static int count_dynsyms(struct dkm_load *l, struct dkm_linked *d, dkm_addr_t symtab, dkm_addr_t hash,
                         dkm_addr_t gnu_hash)
{
    if ((hash | gnu_hash) & (DKM_TABLE_ALIGN - 1))
        return dkm_fail(l, DKM_E_DYNAMIC, "DT_HASH 0x%" DKM_PRIX " / DT_GNU_HASH 0x%" DKM_PRIX " is not %u-byte aligned",
                        hash, gnu_hash, DKM_TABLE_ALIGN);
    if (hash) {
        const uint32_t *h = file_at(l, d, hash, 8);
        if (!h)
            return dkm_fail(l, DKM_E_DYNAMIC, "DT_HASH at 0x%" DKM_PRIX " outside the image", hash);
        d->ndynsym = h[1];
        return DKM_OK;
    }
    if (!gnu_hash)
        return dkm_fail(l, DKM_E_DYNAMIC, "DT_SYMTAB 0x%" DKM_PRIX " without DT_HASH or DT_GNU_HASH", symtab);
    const uint32_t *g = file_at(l, d, gnu_hash, 16);
    if (!g || g[2] > d->span / 4)
        return dkm_fail(l, DKM_E_DYNAMIC, "DT_GNU_HASH at 0x%" DKM_PRIX " is malformed", gnu_hash);
    uint32_t nb = g[0], symoff = g[1], bloom = g[2];
    /* the Bloom filter's words are address-sized */
    const uint32_t *buckets = file_at(l, d, gnu_hash + 16 + (dkm_addr_t)bloom * DKM_ADDR_BYTES, nb * 4);
    if (!buckets || nb > d->span / 4)
        return dkm_fail(l, DKM_E_DYNAMIC, "DT_GNU_HASH at 0x%" DKM_PRIX ": %u buckets outside the image", gnu_hash, nb);
    uint32_t max = 0;
    for (uint32_t i = 0; i < nb; i++)
        if (buckets[i] > max)
            max = buckets[i];
    if (max < symoff) {
        d->ndynsym = symoff;
        return DKM_OK;
    }
    dkm_addr_t chain_va = gnu_hash + 16 + (dkm_addr_t)bloom * DKM_ADDR_BYTES + (dkm_addr_t)nb * 4;
    for (uint32_t i = max;; i++) {
        const uint32_t *c = file_at(l, d, chain_va + (i - symoff) * 4, 4);
        if (!c || i - symoff > d->span / 4)
            return dkm_fail(l, DKM_E_DYNAMIC, "DT_GNU_HASH at 0x%" DKM_PRIX ": chain of symbol %u runs outside the image",
                            gnu_hash, i);
        if (*c & 1) {
            d->ndynsym = i + 1;
            return DKM_OK;
        }
    }
}

static int parse_dynamic(struct dkm_load *l, struct dkm_linked *d)
{
    const dkm_phdr_t *dp = NULL;
    for (unsigned i = 0; i < d->phnum; i++)
        if (d->ph[i].p_type == DKM_PT_DYNAMIC)
            dp = &d->ph[i];
    if (!dp)
        return DKM_OK;   /* a static image: nothing to relocate */
    const dkm_dyn_t *dyn = file_at(l, d, dp->p_vaddr, dp->p_filesz);
    if (!dyn || (dp->p_vaddr & (DKM_TABLE_ALIGN - 1)))
        return dkm_fail(l, DKM_E_DYNAMIC, "PT_DYNAMIC at 0x%" DKM_PRIX "+0x%" DKM_PRIX " is outside the image or misaligned",
                        dp->p_vaddr, dp->p_memsz);
    /* The arch's one relocation format: DT_REL* on REL architectures, DT_RELA* on RELA ones. */
    const bool rela = dkm_arch_host.rel_sht == DKM_SHT_RELA;
    const dkm_addr_t want_relent = rela ? sizeof(dkm_rela_t) : sizeof(dkm_rel_t);
    const int64_t tag_rel = rela ? DKM_DT_RELA : DKM_DT_REL, tag_relsz = rela ? DKM_DT_RELASZ : DKM_DT_RELSZ;
    const int64_t tag_relent = rela ? DKM_DT_RELAENT : DKM_DT_RELENT, tag_other = rela ? DKM_DT_REL : DKM_DT_RELA;
    uint32_t n = (uint32_t)(dp->p_filesz / sizeof *dyn);
    dkm_addr_t symtab = 0, strtab = 0, hash = 0, gnu_hash = 0;
    dkm_addr_t syment = sizeof(dkm_sym_t), relent = want_relent, pltrel = (dkm_addr_t)tag_rel;
    for (uint32_t i = 0; i < n && dyn[i].d_tag != DKM_DT_NULL; i++) {
        const dkm_addr_t v = dyn[i].d_val;
        const int64_t tag = dyn[i].d_tag;
        if (tag == tag_rel)
            d->rel = v;
        else if (tag == tag_relsz)
            d->relsz = v;
        else if (tag == tag_relent)
            relent = v;
        else if (tag == tag_other)
            return dkm_fail(l, DKM_E_SECTION_TYPE, "%s relocations are not used by %s modules",
                            rela ? "DT_REL" : "DT_RELA", dkm_arch_host.name);
        switch (dyn[i].d_tag) {
        case DKM_DT_SYMTAB: symtab = v; break;
        case DKM_DT_STRTAB: strtab = v; break;
        case DKM_DT_STRSZ: d->dynstr_size = v; break;
        case DKM_DT_SYMENT: syment = v; break;
        case DKM_DT_HASH: hash = v; break;
        case DKM_DT_GNU_HASH: gnu_hash = v; break;
        case DKM_DT_JMPREL: d->jmprel = v; break;
        case DKM_DT_PLTRELSZ: d->pltrelsz = v; break;
        case DKM_DT_PLTREL: pltrel = v; break;
        case DKM_DT_INIT: d->init = v; break;
        case DKM_DT_FINI: d->fini = v; break;
        case DKM_DT_INIT_ARRAY: d->init_array = v; break;
        case DKM_DT_INIT_ARRAYSZ: d->init_arraysz = v; break;
        case DKM_DT_FINI_ARRAY: d->fini_array = v; break;
        case DKM_DT_FINI_ARRAYSZ: d->fini_arraysz = v; break;
        default: break;
        }
    }
    if (syment != sizeof(dkm_sym_t) || relent != want_relent || pltrel != (dkm_addr_t)tag_rel)
        return dkm_fail(l, DKM_E_ENTSIZE, "dynamic table: DT_SYMENT %" DKM_PRIU ", DT_REL%sENT %" DKM_PRIU ", DT_PLTREL %" DKM_PRIU,
                        syment, rela ? "A" : "", relent, pltrel);
    if (d->relsz % want_relent || d->pltrelsz % want_relent || (d->rel & (DKM_TABLE_ALIGN - 1)) || (d->jmprel & (DKM_TABLE_ALIGN - 1)))
        return dkm_fail(l, DKM_E_DYNAMIC, "relocation tables of 0x%" DKM_PRIX " and 0x%" DKM_PRIX " bytes are not whole entries",
                        d->relsz, d->pltrelsz);
    if (d->relsz && !file_at(l, d, d->rel, d->relsz))
        return dkm_fail(l, DKM_E_DYNAMIC, "DT_REL 0x%" DKM_PRIX " + DT_RELSZ 0x%" DKM_PRIX " is outside the image", d->rel, d->relsz);
    if (d->pltrelsz && !file_at(l, d, d->jmprel, d->pltrelsz))
        return dkm_fail(l, DKM_E_DYNAMIC, "DT_JMPREL 0x%" DKM_PRIX " + DT_PLTRELSZ 0x%" DKM_PRIX " is outside the image", d->jmprel,
                        d->pltrelsz);
    if (d->init_arraysz % DKM_ADDR_BYTES || d->fini_arraysz % DKM_ADDR_BYTES)
        return dkm_fail(l, DKM_E_ARRAY, "DT_INIT_ARRAYSZ %" DKM_PRIU " / DT_FINI_ARRAYSZ %" DKM_PRIU " not a multiple of the pointer size",
                        d->init_arraysz, d->fini_arraysz);
    if ((d->init_arraysz && !in_span(d, d->init_array, d->init_arraysz)) ||
        (d->fini_arraysz && !in_span(d, d->fini_array, d->fini_arraysz)))
        return dkm_fail(l, DKM_E_ARRAY, "DT_INIT_ARRAY 0x%" DKM_PRIX "+0x%" DKM_PRIX " or DT_FINI_ARRAY 0x%" DKM_PRIX "+0x%" DKM_PRIX " is outside the image",
                        d->init_array, d->init_arraysz, d->fini_array, d->fini_arraysz);
    if (!symtab)
        return DKM_OK;
    int rc = count_dynsyms(l, d, symtab, hash, gnu_hash);
    if (rc)
        return rc;
    if (symtab & (DKM_TABLE_ALIGN - 1) || d->ndynsym > DKM_MAX_SYMBOLS ||
        !(d->dynsym = file_at(l, d, symtab, d->ndynsym * (uint32_t)sizeof(dkm_sym_t))))
        return dkm_fail(l, DKM_E_SYMTAB, "dynamic symbol table at 0x%" DKM_PRIX " (%u symbols) is outside the image",
                        symtab, d->ndynsym);
    d->dynstr = d->dynstr_size ? file_at(l, d, strtab & ~(dkm_addr_t)3, d->dynstr_size + (strtab & 3u)) : NULL;
    if (d->dynstr)
        d->dynstr += strtab & 3u;   /* names need no alignment */
    if (!d->dynstr || !d->dynstr_size || d->dynstr[d->dynstr_size - 1])
        return dkm_fail(l, DKM_E_STRTAB, "dynamic string table at 0x%" DKM_PRIX " (%u bytes) is outside the image or not NUL-terminated",
                        strtab, d->dynstr_size);
    for (uint32_t i = 0; i < d->ndynsym; i++)
        if (d->dynsym[i].st_name >= d->dynstr_size)
            return dkm_fail(l, DKM_E_NAME_OFFSET, "dynamic symbol #%u: name offset %u outside the string table",
                            i, d->dynsym[i].st_name);
    if (!l->syms) {
        /* Without .symtab, .dynsym names the module's own symbols too. */
        l->syms = d->dynsym;
        l->nsyms = d->ndynsym;
        l->strtab = d->dynstr;
        l->strtab_size = d->dynstr_size;
    }
    return DKM_OK;
}

static int resolve_dynsyms(struct dkm_load *l, struct dkm_linked *d)
{
    if (!d->ndynsym)
        return DKM_OK;
    l->nsymval = d->ndynsym;
    l->symval = dkm_meta_zalloc(l->ld, (size_t)d->ndynsym * sizeof *l->symval);
    if (!l->symval)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u symbol values", d->ndynsym);
    struct dkm_unresolved u;
    u.len = u.count = u.shown = 0;
    u.list[0] = 0;
    for (uint32_t i = 1; i < d->ndynsym; i++) {
        const dkm_sym_t *s = &d->dynsym[i];
        const char *name = d->dynstr + s->st_name;
        if (s->st_shndx == DKM_SHN_UNDEF) {
            if (!*name)
                continue;
            int rc = dkm_import_symbol(l, s, name, &l->symval[i], &u);
            if (rc)
                return rc;
        } else if (s->st_shndx == DKM_SHN_ABS) {
            l->symval[i] = s->st_value;
        } else {
            l->symval[i] = s->st_value + l->bias;
        }
    }
    return dkm_unresolved_report(l, &u);
}

/* The writable segment holding link-time address vaddr, or NULL. */
static const struct dkm_segment *writable_segment(const struct dkm_load *l, dkm_addr_t vaddr)
{
    dkm_addr_t addr = vaddr + l->bias;
    for (unsigned i = 0; i < l->nsegs; i++) {
        const struct dkm_segment *g = &l->segs[i];
        if ((g->prot & DKM_PROT_W) && addr >= g->addr && addr - g->addr < g->size)
            return g;
    }
    return NULL;
}

/* A DT_REL or DT_JMPREL table: each field must lie inside a writable segment. */
static int apply_table(struct dkm_load *l, struct dkm_linked *d, dkm_addr_t va, dkm_addr_t size,
                       const char *what)
{
    const bool rela = dkm_arch_host.rel_sht == DKM_SHT_RELA;
    const size_t entsize = rela ? sizeof(dkm_rela_t) : sizeof(dkm_rel_t);
    const uint8_t *tab = file_at(l, d, va, size);
    const uint32_t n = (uint32_t)(size / entsize), nsyms = d->ndynsym ? d->ndynsym : 1;
    for (uint32_t k = 0; k < n; k++) {
        const dkm_rel_t *r = (const dkm_rel_t *)(const void *)(tab + k * entsize);
        const uint32_t type = DKM_R_TYPE(r->r_info), sym = DKM_R_SYM(r->r_info);
        const struct dkm_segment *g = writable_segment(l, r->r_offset);
        dkm_addr_t off = g ? r->r_offset + l->bias - g->addr : 0, tsize = g ? g->size : 0;
        enum dkm_reloc_problem p = dkm_reloc_check(type, DKM_RF_DYN, off, tsize, sym, nsyms);
        if (p == DKM_RP_OK && dkm_arch_host.howto[type].kind == DKM_RK_NONE)
            continue;
        if (!g && p != DKM_RP_TYPE)
            return dkm_fail(l, DKM_E_RELOC_OFFSET, "%s #%u: offset 0x%" DKM_PRIX " is not in a writable segment", what,
                            k, r->r_offset);
        if (p != DKM_RP_OK)
            return dkm_reloc_fail(l, p, what, k, r, "its writable segment", tsize, d->ndynsym);
        dkm_addr_t v;
        uint8_t *where = (uint8_t *)(uintptr_t)(g->addr + off);
        const dkm_addr_t A = rela ? (dkm_addr_t)((const dkm_rela_t *)(const void *)r)->r_addend : 0;
        if (dkm_apply_one(l, where, type, sym ? l->symval[sym] : 0, r->r_offset + l->bias, 0, l->bias, A,
                          rela, &v) != DKM_OK)
            return dkm_fail(l, DKM_E_RELOC_OVERFLOW, "%s #%u: value 0x%" DKM_PRIX " does not fit its field", what, k, v);
    }
    return DKM_OK;
}

/* Section headers of a linked image are optional; when present they locate the metadata. */
static int find_sections(struct dkm_load *l, struct dkm_linked *d)
{
    if (!l->sh)
        return DKM_OK;
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        const char *name = dkm_sec_name(l, i);
        if (s->sh_type == DKM_SHT_SYMTAB && !l->symtab && s->sh_entsize == sizeof(dkm_sym_t) &&
            !(s->sh_offset & (DKM_TABLE_ALIGN - 1)) && s->sh_link < l->shnum && l->sh[s->sh_link].sh_type == DKM_SHT_STRTAB) {
            const dkm_shdr_t *st = &l->sh[s->sh_link];
            const char *str = dkm_img_at(l, st->sh_offset, st->sh_size);
            if (!st->sh_size || !str || str[st->sh_size - 1])
                return dkm_fail(l, DKM_E_STRTAB, "string table %s is not NUL-terminated", dkm_sec_name(l, s->sh_link));
            l->symtab = i;
            l->syms = dkm_img_at(l, s->sh_offset, s->sh_size);
            l->nsyms = s->sh_size / sizeof(dkm_sym_t);
            l->strtab = str;
            l->strtab_size = st->sh_size;
            for (uint32_t k = 0; k < l->nsyms; k++)
                if (l->syms[k].st_name >= l->strtab_size)
                    return dkm_fail(l, DKM_E_NAME_OFFSET, "symbol #%u: name offset %u outside the string table",
                                    k, l->syms[k].st_name);
            continue;
        }
        unsigned *slot = !dkm_strcmp(name, ".modinfo")       ? &l->modinfo_sec
                         : !dkm_strcmp(name, ".dkm.exports") ? &l->exports_sec
                         : !dkm_strcmp(name, ".dkm.params")  ? &l->params_sec
                                                             : NULL;
        if (!slot || s->sh_type != DKM_SHT_PROGBITS || !s->sh_size)
            continue;
        if (!(s->sh_flags & DKM_SHF_ALLOC) || !in_span(d, s->sh_addr, s->sh_size))
            return dkm_fail(l, DKM_E_SECTION_BOUNDS, "section %s at 0x%" DKM_PRIX " is not inside a loaded segment",
                            name, s->sh_addr);
        *slot = i;
    }
    if (l->modinfo_sec) {
        l->info = dkm_img_at(l, l->sh[l->modinfo_sec].sh_offset, l->sh[l->modinfo_sec].sh_size);
        l->info_size = l->sh[l->modinfo_sec].sh_size;
    }
    return DKM_OK;
}

/* Constructors and destructors of a linked image: DT_INIT then DT_INIT_ARRAY in order; at exit
 * DT_FINI_ARRAY in reverse, then DT_FINI. The arrays are read where they were relocated. */
static int linked_fn_lists(struct dkm_load *l)
{
    const struct dkm_linked *d = &l->dyn;
    uint32_t nctors = d->init_arraysz / DKM_ADDR_BYTES + (d->init ? 1 : 0);
    uint32_t nfini = d->fini_arraysz / DKM_ADDR_BYTES + (d->fini ? 1 : 0);
    int rc = dkm_fn_list_alloc(l, nctors, false);
    if (!rc)
        rc = dkm_fn_list_alloc(l, nfini, true);
    if (!rc && d->init)
        rc = dkm_fn_list_add(l, false, "DT_INIT", 0, d->init + l->bias);
    if (!rc && d->init_arraysz)
        rc = dkm_fn_list_array(l, false, "DT_INIT_ARRAY", d->init_array + l->bias, d->init_arraysz / DKM_ADDR_BYTES,
                               false);
    if (!rc && d->fini_arraysz)
        rc = dkm_fn_list_array(l, true, "DT_FINI_ARRAY", d->fini_array + l->bias, d->fini_arraysz / DKM_ADDR_BYTES,
                               true);
    if (!rc && d->fini)
        rc = dkm_fn_list_add(l, true, "DT_FINI", 0, d->fini + l->bias);
    return rc;
}

/* Parse and validate, from the file image only: sections (optional), segments, the dynamic table. */
static int linked_parse(struct dkm_load *l)
{
    struct dkm_linked *d = &l->dyn;
    int rc = dkm_validate_sections(l);
    if (!rc)
        rc = check_segments(l, d);
    if (!rc)
        rc = find_sections(l, d);
    if (!rc)
        rc = parse_dynamic(l, d);
    for (unsigned i = 0; !rc && i < d->phnum; i++)
        if (d->ph[i].p_type == DKM_PT_GNU_STACK && (d->ph[i].p_flags & DKM_PF_X))
            l->wants_exec_stack = true;
    return rc;
}

/* One region for the whole span; metadata sections are found at their link address in it. */
static int linked_layout(struct dkm_load *l)
{
    struct dkm_linked *d = &l->dyn;
    int rc = place_image(l, d);
    if (rc)
        return rc;
    struct dkm_module *mod = l->mod;
    if (l->modinfo_sec) {
        mod->modinfo = at(d, l->sh[l->modinfo_sec].sh_addr, l->info_size);
        mod->modinfo_size = l->info_size;
    }
    if (l->exports_sec) {
        mod->exports = at(d, l->sh[l->exports_sec].sh_addr, l->sh[l->exports_sec].sh_size);
        mod->exports_size = l->sh[l->exports_sec].sh_size;
    }
    if (l->params_sec) {
        l->params_addr = l->sh[l->params_sec].sh_addr + l->bias;
        l->params_size = l->sh[l->params_sec].sh_size;
    }
    return DKM_OK;
}

/* Imports through .dynsym; the module's own symbols name its entry points. */
static int linked_resolve(struct dkm_load *l)
{
    int rc = resolve_dynsyms(l, &l->dyn);
    for (uint32_t i = 1; !rc && i < l->nsyms; i++) {
        const dkm_sym_t *s = &l->syms[i];
        if (s->st_shndx != DKM_SHN_UNDEF && DKM_ST_BIND(s->st_info) != DKM_STB_LOCAL)
            dkm_note_entry(l, i);
    }
    return rc;
}

static int linked_relocate(struct dkm_load *l)
{
    struct dkm_linked *d = &l->dyn;
    int rc = DKM_OK;
    if (d->relsz)
        rc = apply_table(l, d, d->rel, d->relsz, dkm_arch_host.rel_sht == DKM_SHT_RELA ? "DT_RELA" : "DT_REL");
    if (!rc && d->pltrelsz)
        rc = apply_table(l, d, d->jmprel, d->pltrelsz, "DT_JMPREL");
    return rc;
}

const struct dkm_format dkm_format_linked = {
    .parse = linked_parse,
    .layout = linked_layout,
    .resolve = linked_resolve,
    .relocate = linked_relocate,
    .fn_lists = linked_fn_lists,
};
