/* validate.c — checks an untrusted ELF image before anything else reads it: the file header, the
 * section header table, string tables, the symbol table and relocation sections. Each rule has its
 * own error code and a message naming the section, symbol or relocation and the offending value. */
#include "internal.h"

static const uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};

static bool range_ok(uint64_t off, uint64_t size, uint64_t limit)
{
    return off <= limit && size <= limit - off;
}

/* The one way to the bytes of the file image: [off, off+size) as a pointer, NULL if any of it lies
 * outside the image. */
const void *dkm_img_at(const struct dkm_load *l, uint64_t off, uint64_t size)
{
    return range_ok(off, size, l->size) ? l->img + off : NULL;
}

const char *dkm_sec_name(const struct dkm_load *l, unsigned idx)
{
    if (!l->shstr || idx >= l->shnum || l->sh[idx].sh_name >= l->shstr_size)
        return "?";
    const char *n = l->shstr + l->sh[idx].sh_name;
    return *n ? n : "(unnamed)";
}

const char *dkm_sym_name(const struct dkm_load *l, uint32_t idx)
{
    if (idx >= l->nsyms)
        return "?";
    const dkm_sym_t *s = &l->syms[idx];
    if (s->st_name >= l->strtab_size)   /* symbol 0 is not validated: it is never used by name */
        return "?";
    if (s->st_name == 0 && DKM_ST_TYPE(s->st_info) == DKM_STT_SECTION && s->st_shndx < l->shnum)
        return dkm_sec_name(l, s->st_shndx);
    return l->strtab + s->st_name;
}

int dkm_validate_ehdr(struct dkm_load *l)
{
    if (l->size < sizeof(dkm_ehdr_t))
        return dkm_fail(l, DKM_E_TRUNCATED, "image is %zu bytes, shorter than an ELF header (%zu)",
                        l->size, sizeof(dkm_ehdr_t));
    if ((uintptr_t)l->img & (DKM_TABLE_ALIGN - 1))
        return dkm_fail(l, DKM_E_TABLE_ALIGN, "image buffer at %p is not %u-byte aligned",
                        (const void *)l->img, DKM_TABLE_ALIGN);
    const dkm_ehdr_t *eh = dkm_img_at(l, 0, sizeof(dkm_ehdr_t));
    l->eh = eh;
    for (int i = 0; i < 4; i++)
        if (eh->e_ident[i] != elf_magic[i])
            return dkm_fail(l, DKM_E_BAD_MAGIC, "not an ELF file (magic %02x %02x %02x %02x)",
                            eh->e_ident[0], eh->e_ident[1], eh->e_ident[2], eh->e_ident[3]);
    if (eh->e_ident[DKM_EI_CLASS] != DKM_ELFCLASS_HOST)
        return dkm_fail(l, DKM_E_BAD_CLASS, "ELF class %u is not ELFCLASS%u (%u), which %s modules use",
                        eh->e_ident[DKM_EI_CLASS], DKM_ELF_CLASS, DKM_ELFCLASS_HOST, dkm_arch_host.name);
    if (eh->e_ident[DKM_EI_DATA] != DKM_ELFDATA2LSB)
        return dkm_fail(l, DKM_E_BAD_DATA, "ELF data encoding %u is not little-endian (1)",
                        eh->e_ident[DKM_EI_DATA]);
    if (eh->e_ident[DKM_EI_VERSION] != DKM_EV_CURRENT || eh->e_version != DKM_EV_CURRENT)
        return dkm_fail(l, DKM_E_BAD_VERSION, "ELF version %u/%u is not 1",
                        eh->e_ident[DKM_EI_VERSION], eh->e_version);
    if (eh->e_machine != dkm_arch_host.machine)
        return dkm_fail(l, DKM_E_BAD_MACHINE, "e_machine %u is not %s (%u)", eh->e_machine,
                        dkm_arch_host.name, dkm_arch_host.machine);
    const char *flags_problem = dkm_arch_host.flags_problem ? dkm_arch_host.flags_problem(eh->e_flags) : NULL;
    if (flags_problem)
        return dkm_fail(l, DKM_E_BAD_MACHINE, "e_flags 0x%x: %s", (unsigned)eh->e_flags, flags_problem);
    if (eh->e_type != DKM_ET_REL && eh->e_type != DKM_ET_DYN && eh->e_type != DKM_ET_EXEC)
        return dkm_fail(l, DKM_E_BAD_TYPE, "e_type %u is not ET_REL, ET_EXEC or ET_DYN",
                        eh->e_type);
    if (eh->e_ehsize != sizeof(dkm_ehdr_t))
        return dkm_fail(l, DKM_E_BAD_EHSIZE, "e_ehsize %u, expected %zu", eh->e_ehsize,
                        sizeof(dkm_ehdr_t));
    if (eh->e_shnum && eh->e_shentsize != sizeof(dkm_shdr_t))
        return dkm_fail(l, DKM_E_BAD_EHSIZE, "e_shentsize %u, expected %zu", eh->e_shentsize,
                        sizeof(dkm_shdr_t));
    if (eh->e_phnum && eh->e_phentsize != sizeof(dkm_phdr_t))
        return dkm_fail(l, DKM_E_BAD_EHSIZE, "e_phentsize %u, expected %zu", eh->e_phentsize,
                        sizeof(dkm_phdr_t));
    return DKM_OK;
}

static int check_strtab(struct dkm_load *l, unsigned idx)
{
    const dkm_shdr_t *s = &l->sh[idx];
    if (s->sh_type != DKM_SHT_STRTAB)
        return DKM_E_SH_LINK;
    const char *str = dkm_img_at(l, s->sh_offset, s->sh_size);
    if (s->sh_size == 0 || !str || str[s->sh_size - 1] != 0)
        return dkm_fail(l, DKM_E_STRTAB, "string table [%u] %s is %s", idx, dkm_sec_name(l, idx),
                        s->sh_size ? "not NUL-terminated" : "empty");
    return DKM_OK;
}

/* Bytes of one relocation entry in the arch's relocatable modules. */
static size_t rel_entsize(void)
{
    return dkm_arch_host.rel_sht == DKM_SHT_RELA ? sizeof(dkm_rela_t) : sizeof(dkm_rel_t);
}

static bool is_ctor_section(const char *name)
{
    return dkm_starts_with(name, ".ctors") || dkm_starts_with(name, ".dtors");
}

/* Checks that depend on the section type (ET_REL only: linked images keep sections as a hint). */
static int check_rel_section(struct dkm_load *l, unsigned i)
{
    const dkm_shdr_t *s = &l->sh[i];
    const char *name = dkm_sec_name(l, i);
    switch (s->sh_type) {
    case DKM_SHT_SYMTAB:
        if (l->symtab)
            return dkm_fail(l, DKM_E_SYMTAB, "second symbol table [%u] %s", i, name);
        l->symtab = i;
        if (s->sh_entsize != sizeof(dkm_sym_t) || s->sh_size % sizeof(dkm_sym_t))
            return dkm_fail(l, DKM_E_ENTSIZE, "section %s: entsize %" DKM_PRIU " / size %" DKM_PRIU ", symbols are %zu bytes",
                            name, s->sh_entsize, s->sh_size, sizeof(dkm_sym_t));
        if (s->sh_offset & (DKM_TABLE_ALIGN - 1))
            return dkm_fail(l, DKM_E_TABLE_ALIGN, "section %s at file offset 0x%" DKM_PRIX " is not %u-byte aligned",
                            name, s->sh_offset, DKM_TABLE_ALIGN);
        if (s->sh_link == 0 || s->sh_link >= l->shnum || l->sh[s->sh_link].sh_type != DKM_SHT_STRTAB)
            return dkm_fail(l, DKM_E_SH_LINK, "section %s: sh_link %u is not a string table", name,
                            s->sh_link);
        break;
    case DKM_SHT_REL:
    case DKM_SHT_RELA:
        if (s->sh_type != dkm_arch_host.rel_sht) {
            /* The other kind is refused only where it would matter: for a loaded section. */
            if (s->sh_flags & DKM_SHF_ALLOC ||
                (s->sh_info < l->shnum && l->sh[s->sh_info].sh_flags & DKM_SHF_ALLOC))
                return dkm_fail(l, DKM_E_SECTION_TYPE, "section %s: SHT_%s is not used by %s modules",
                                name, s->sh_type == DKM_SHT_RELA ? "RELA" : "REL", dkm_arch_host.name);
            break;
        }
        if (s->sh_entsize != rel_entsize() || s->sh_size % rel_entsize())
            return dkm_fail(l, DKM_E_ENTSIZE, "section %s: entsize %" DKM_PRIU " / size %" DKM_PRIU ", relocations are %zu bytes",
                            name, s->sh_entsize, s->sh_size, rel_entsize());
        if (s->sh_offset & (DKM_TABLE_ALIGN - 1))
            return dkm_fail(l, DKM_E_TABLE_ALIGN, "section %s at file offset 0x%" DKM_PRIX " is not %u-byte aligned",
                            name, s->sh_offset, DKM_TABLE_ALIGN);
        if (s->sh_link == 0 || s->sh_link >= l->shnum || l->sh[s->sh_link].sh_type != DKM_SHT_SYMTAB)
            return dkm_fail(l, DKM_E_SH_LINK, "section %s: sh_link %u is not the symbol table", name,
                            s->sh_link);
        if (s->sh_info == 0 || s->sh_info >= l->shnum) 
            return dkm_fail(l, DKM_E_SH_INFO, "section %s: sh_info %u is not a section index (%u sections)",
                            name, s->sh_info, l->shnum);
        {
            unsigned t = l->sh[s->sh_info].sh_type;
            if (t == DKM_SHT_NULL || t == DKM_SHT_SYMTAB || t == DKM_SHT_STRTAB || t == DKM_SHT_REL ||
                t == DKM_SHT_RELA || t == DKM_SHT_GROUP || t == DKM_SHT_NOBITS)
                return dkm_fail(l, DKM_E_SH_INFO, "section %s: sh_info %u points at %s of type %u", name,
                                s->sh_info, dkm_sec_name(l, s->sh_info), t);
        }
        break;
    case DKM_SHT_GROUP:
        if (s->sh_entsize != 4 || s->sh_size < 4 || s->sh_size % 4)
            return dkm_fail(l, DKM_E_GROUP, "group %s: entsize %" DKM_PRIU " / size %" DKM_PRIU ", expected 4-byte entries",
                            name, s->sh_entsize, s->sh_size);
        if (s->sh_offset & 3)
            return dkm_fail(l, DKM_E_TABLE_ALIGN, "group %s at file offset 0x%" DKM_PRIX " is not 4-byte aligned",
                            name, s->sh_offset);
        if (s->sh_link == 0 || s->sh_link >= l->shnum || l->sh[s->sh_link].sh_type != DKM_SHT_SYMTAB)
            return dkm_fail(l, DKM_E_SH_LINK, "group %s: sh_link %u is not the symbol table", name,
                            s->sh_link);
        break;
    case DKM_SHT_SYMTAB_SHNDX:
        return dkm_fail(l, DKM_E_SECTION_TYPE, "section %s: extended section indices are not supported",
                        name);
    case DKM_SHT_INIT_ARRAY:
    case DKM_SHT_FINI_ARRAY:
    case DKM_SHT_PREINIT_ARRAY:
        if (s->sh_size % DKM_ADDR_BYTES)
            return dkm_fail(l, DKM_E_ARRAY, "section %s: size %" DKM_PRIU " is not a multiple of %u", name,
                            s->sh_size, DKM_ADDR_BYTES);
        break;
    default:
        break;
    }
    if ((s->sh_flags & DKM_SHF_ALLOC) && is_ctor_section(name) && s->sh_size % DKM_ADDR_BYTES)
        return dkm_fail(l, DKM_E_ARRAY, "section %s: size %" DKM_PRIU " is not a multiple of %u", name,
                        s->sh_size, DKM_ADDR_BYTES);
    if ((s->sh_flags & DKM_SHF_ALLOC) && (s->sh_flags & 0x400u))
        return dkm_fail(l, DKM_E_SECTION_TYPE, "section %s: thread-local storage is not supported", name);
    return DKM_OK;
}

int dkm_validate_sections(struct dkm_load *l)
{
    const dkm_ehdr_t *eh = l->eh;
    size_t max_sections = l->ld->cfg.max_sections;
    if (eh->e_shnum == 0) {
        if (eh->e_shoff != 0)
            return dkm_fail(l, DKM_E_SECTION_COUNT, "extended section numbering (e_shnum 0, e_shoff 0x%" DKM_PRIX ") is not supported",
                            eh->e_shoff);
        if (eh->e_type == DKM_ET_REL)
            return dkm_fail(l, DKM_E_SHDR_BOUNDS, "relocatable module without section headers");
        return DKM_OK;
    }
    if (eh->e_shnum > max_sections)
        return dkm_fail(l, DKM_E_SECTION_COUNT, "%u sections, the limit is %zu", eh->e_shnum,
                        max_sections);
    if (eh->e_shoff & (DKM_TABLE_ALIGN - 1))
        return dkm_fail(l, DKM_E_TABLE_ALIGN, "section headers at file offset 0x%" DKM_PRIX " are not %u-byte aligned",
                        eh->e_shoff, DKM_TABLE_ALIGN);
    if (!range_ok(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(dkm_shdr_t), l->size))
        return dkm_fail(l, DKM_E_SHDR_BOUNDS, "section headers at 0x%" DKM_PRIX " (%u x %zu bytes) end past the image (%zu bytes)",
                        eh->e_shoff, eh->e_shnum, sizeof(dkm_shdr_t), l->size);
    l->sh = dkm_img_at(l, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(dkm_shdr_t));
    l->shnum = eh->e_shnum;

    if (eh->e_shstrndx == 0 || eh->e_shstrndx >= l->shnum ||
        l->sh[eh->e_shstrndx].sh_type != DKM_SHT_STRTAB)
        return dkm_fail(l, DKM_E_SHSTRNDX, "e_shstrndx %u is not a string table (%u sections)",
                        eh->e_shstrndx, l->shnum);

    /* Bounds first, so names can be read for every later message. */
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        if (s->sh_type != DKM_SHT_NOBITS && s->sh_type != DKM_SHT_NULL &&
            !range_ok(s->sh_offset, s->sh_size, l->size))
            return dkm_fail(l, DKM_E_SECTION_BOUNDS, "section [%u] at 0x%" DKM_PRIX ", size 0x%" DKM_PRIX " ends past the image (%zu bytes)",
                            i, s->sh_offset, s->sh_size, l->size);
    }
    const dkm_shdr_t *ss = &l->sh[eh->e_shstrndx];
    const char *shstr = dkm_img_at(l, ss->sh_offset, ss->sh_size);
    if (ss->sh_size == 0 || !shstr || shstr[ss->sh_size - 1] != 0)
        return dkm_fail(l, DKM_E_STRTAB, "section name table is %s",
                        ss->sh_size ? "not NUL-terminated" : "empty");
    l->shstr = shstr;
    l->shstr_size = ss->sh_size;

    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *s = &l->sh[i];
        if (s->sh_name >= l->shstr_size)
            return dkm_fail(l, DKM_E_NAME_OFFSET, "section [%u]: name offset %u outside the name table (%u bytes)",
                            i, s->sh_name, l->shstr_size);
        const char *name = dkm_sec_name(l, i);
        if (s->sh_addralign > 1 &&
            (!dkm_is_pow2(s->sh_addralign) || s->sh_addralign > l->ld->cfg.max_align))
            return dkm_fail(l, DKM_E_ALIGN, "section %s: alignment %" DKM_PRIU " is %s", name, s->sh_addralign,
                            dkm_is_pow2(s->sh_addralign) ? "above the limit" : "not a power of two");
        if ((s->sh_flags & DKM_SHF_MERGE) &&
            (s->sh_entsize == 0 || (s->sh_type != DKM_SHT_NOBITS && s->sh_size % s->sh_entsize)))
            return dkm_fail(l, DKM_E_ENTSIZE, "mergeable section %s: entsize %" DKM_PRIU " does not divide size %" DKM_PRIU,
                            name, s->sh_entsize, s->sh_size);
        if (eh->e_type == DKM_ET_REL) {
            int rc = check_rel_section(l, i);
            if (rc)
                return rc;
        }
    }
    return DKM_OK;
}

int dkm_validate_symbols(struct dkm_load *l)
{
    if (!l->symtab)
        return dkm_fail(l, DKM_E_SYMTAB, "no symbol table (.symtab)");
    const dkm_shdr_t *st = &l->sh[l->symtab];
    int rc = check_strtab(l, st->sh_link);
    if (rc)
        return rc;
    const dkm_shdr_t *str = &l->sh[st->sh_link];
    l->strtab = dkm_img_at(l, str->sh_offset, str->sh_size);
    l->strtab_size = str->sh_size;
    l->syms = dkm_img_at(l, st->sh_offset, st->sh_size);
    l->nsyms = st->sh_size / sizeof(dkm_sym_t);
    if (l->nsyms > DKM_MAX_SYMBOLS)
        return dkm_fail(l, DKM_E_TOO_BIG, "%u symbols, the limit is %u", l->nsyms, DKM_MAX_SYMBOLS);
    if (st->sh_info > l->nsyms)
        return dkm_fail(l, DKM_E_SH_INFO, "symbol table: first global %u past the %u symbols",
                        st->sh_info, l->nsyms);

    for (uint32_t i = 1; i < l->nsyms; i++) {
        const dkm_sym_t *s = &l->syms[i];
        if (s->st_name >= l->strtab_size)
            return dkm_fail(l, DKM_E_NAME_OFFSET, "symbol #%u: name offset %u outside the string table (%u bytes)",
                            i, s->st_name, l->strtab_size);
        const char *name = l->strtab + s->st_name;
        unsigned type = DKM_ST_TYPE(s->st_info);
        if (type == DKM_STT_TLS || type == DKM_STT_GNU_IFUNC)
            return dkm_fail(l, DKM_E_SYM_TYPE, "symbol '%s': %s symbols are not supported", name,
                            type == DKM_STT_TLS ? "thread-local" : "ifunc");
        uint16_t shndx = s->st_shndx;
        if (shndx == DKM_SHN_UNDEF) {
            if (name[0] == '_' && !dkm_strcmp(name, "_GLOBAL_OFFSET_TABLE_"))
                l->has_got_symbol = true;
            continue;
        }
        if (shndx == DKM_SHN_ABS)
            continue;
        if (shndx == DKM_SHN_COMMON) {
            if (s->st_value > 1 && (!dkm_is_pow2(s->st_value) || s->st_value > l->ld->cfg.max_align))
                return dkm_fail(l, DKM_E_ALIGN, "common symbol '%s': alignment %" DKM_PRIU " is %s", name,
                                s->st_value, dkm_is_pow2(s->st_value) ? "above the limit" : "not a power of two");
            if (s->st_size > l->ld->cfg.max_image_size)
                return dkm_fail(l, DKM_E_TOO_BIG, "common symbol '%s': size %" DKM_PRIU " above the image limit",
                                name, s->st_size);
            continue;
        }
        if (shndx >= l->shnum)
            return dkm_fail(l, DKM_E_SYM_SECTION, "symbol '%s': section index %u out of range (%u sections)",
                            dkm_sym_name(l, i), shndx, l->shnum);
        const dkm_shdr_t *sec = &l->sh[shndx];
        if (sec->sh_type == DKM_SHT_NULL)
            return dkm_fail(l, DKM_E_SYM_SECTION, "symbol '%s': section index %u is a null section",
                            dkm_sym_name(l, i), shndx);
        if (s->st_value > sec->sh_size)
            return dkm_fail(l, DKM_E_SYM_VALUE, "symbol '%s': value 0x%" DKM_PRIX " outside section %s (size 0x%" DKM_PRIX ")",
                            dkm_sym_name(l, i), s->st_value, dkm_sec_name(l, shndx), sec->sh_size);
    }
    return DKM_OK;
}



static int mark_slot(struct dkm_load *l, uint32_t **idx, uint32_t *count, uint32_t sym, const char *what)
{
    if (!*idx) {
        *idx = dkm_meta_zalloc(l->ld, (size_t)l->nsyms * sizeof(uint32_t));
        if (!*idx)
            return dkm_fail(l, DKM_E_NOMEM, "out of memory for the %s map (%u symbols)", what, l->nsyms);
    }
    if (!(*idx)[sym])
        (*idx)[sym] = ++*count;
    return DKM_OK;
}

/* GOT slots and branch stubs must be known before layout. GOT slots go to the symbols of
 * GOT-relative relocations; stubs to the undefined symbols of branches and (where the arch can tell
 * a branch from data at apply time) PC-relative fields, since only imports can be out of reach.
 * On architectures whose assemblers reference _GLOBAL_OFFSET_TABLE_ in every object that uses
 * GOT-relative relocations, and that need no stubs, only such objects are scanned. Everything else
 * about each relocation is checked as it is applied. */
static int count_slots(struct dkm_load *l);

int dkm_count_got_slots(struct dkm_load *l)
{
    int rc = count_slots(l);
    if (rc || !l->stubidx || !l->ld->port.resolve_typed)
        return rc;
    l->symcode = dkm_meta_zalloc(l->ld, l->nsyms);
    return l->symcode ? DKM_OK : dkm_fail(l, DKM_E_NOMEM, "out of memory for the import map (%u symbols)", l->nsyms);
}

static int count_slots(struct dkm_load *l)
{
    const struct dkm_arch *arch = &dkm_arch_host;
    if (!l->has_got_symbol && arch->got_needs_symbol && !arch->stub_size)
        return DKM_OK;
    const struct dkm_reloc_howto *howto = arch->howto;
    const uint32_t nhowto = arch->nhowto, nsyms = l->nsyms;
    const size_t entsize = rel_entsize();
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *rs = &l->sh[i];
        if (rs->sh_type != arch->rel_sht || !l->sec[rs->sh_info].load)
            continue;   /* relocations of debug info and discarded groups are skipped */
        const uint8_t *tab = dkm_img_at(l, rs->sh_offset, rs->sh_size);
        const uint32_t n = (uint32_t)(rs->sh_size / entsize);
        for (uint32_t k = 0; k < n; k++) {
            const dkm_addr_t info = ((const dkm_rel_t *)(const void *)(tab + k * entsize))->r_info;
            const uint32_t type = DKM_R_TYPE(info), sym = DKM_R_SYM(info);
            if (type >= nhowto || sym >= nsyms)
                continue;
            const unsigned kind = howto[type].kind;
            int rc = DKM_OK;
            if (dkm_reloc_uses_got(kind))
                rc = mark_slot(l, &l->gotidx, &l->got_count, sym, "GOT");
            else if (arch->stub_size && sym && l->syms[sym].st_shndx == DKM_SHN_UNDEF &&
                     kind != DKM_RK_NONE && (kind == DKM_RK_BRANCH || l->ld->port.resolve_typed ||
                                             (kind == DKM_RK_PCREL && arch->pcrel_is_branch)))
                rc = mark_slot(l, &l->stubidx, &l->stub_count, sym, "branch stub");
            else if (arch->stub_defined_funcs && kind == DKM_RK_BRANCH && sym &&
                     DKM_ST_TYPE(l->syms[sym].st_info) == DKM_STT_FUNC)
                rc = mark_slot(l, &l->stubidx, &l->stub_count, sym, "branch stub");
            if (rc)
                return rc;
        }
    }
    return DKM_OK;
}

static bool sym_unusable(const struct dkm_load *l, uint32_t sym)
{
    const dkm_sym_t *s = &l->syms[sym];
    uint16_t shndx = s->st_shndx;
    return sym && shndx != DKM_SHN_UNDEF && shndx < DKM_SHN_LORESERVE && !l->sec[shndx].load &&
           !(l->sec[shndx].discard && DKM_ST_BIND(s->st_info) != DKM_STB_LOCAL);
}

/* Symbols defined in sections that are not loaded (debug info, notes) have no address. The
 * symbol pass counts them; only when there are any are the relocations searched for a use, so
 * the common case costs nothing per relocation. */
int dkm_check_unloaded_refs(struct dkm_load *l)
{
    /* a bitmap of the unusable symbols keeps the scan to one cached bit per relocation */
    size_t bytes = (l->nsyms + 7) / 8;
    uint8_t *bad = dkm_meta_zalloc(l->ld, bytes);
    if (!bad)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for a map of %u symbols", l->nsyms);
    for (uint32_t s = 1; s < l->nsyms; s++)
        if (sym_unusable(l, s))
            bad[s / 8] |= (uint8_t)(1u << (s % 8));
    int rc = DKM_OK;
    for (unsigned i = 1; i < l->shnum; i++) {
        const dkm_shdr_t *rs = &l->sh[i];
        if (rs->sh_type != dkm_arch_host.rel_sht || !l->sec[rs->sh_info].load)
            continue;
        const uint8_t *tab = dkm_img_at(l, rs->sh_offset, rs->sh_size);
        const size_t entsize = rel_entsize();
        uint32_t n = (uint32_t)(rs->sh_size / entsize);
        for (uint32_t k = 0; k < n && !rc; k++) {
            const dkm_rel_t *r = (const dkm_rel_t *)(const void *)(tab + k * entsize);
            uint32_t sym = DKM_R_SYM(r->r_info), type = DKM_R_TYPE(r->r_info);
            /* entries are checked in file order, so the first bad one is the one reported */
            dkm_addr_t tsize = l->sh[rs->sh_info].sh_size;
            if (dkm_reloc_check(type, DKM_RF_REL, r->r_offset, tsize, sym, l->nsyms) != DKM_RP_OK)
                rc = dkm_reloc_error(l, i, k, r);
            else if ((bad[sym / 8] >> (sym % 8)) & 1 && dkm_arch_host.howto[type].kind != DKM_RK_NONE)
                rc = dkm_fail(l, DKM_E_RELOC_TARGET, "%s #%u: refers to '%s' in section %s, which is not loaded",
                                dkm_sec_name(l, i), k, dkm_sym_name(l, sym),
                                dkm_sec_name(l, l->syms[sym].st_shndx));
        }
    }
    dkm_meta_free(l->ld, bad, bytes);
    return rc;
}
