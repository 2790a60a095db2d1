/* elfinfo.c — validated reading of an ELF32 i386 module's .modinfo, .dkm.exports and undefined
 * symbols (see elfinfo.h). Self-contained: it uses no C library function at all. */
#include "ark/elfinfo.h"

#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOBITS 8
#define SHT_DYNSYM 11
#define SHN_UNDEF 0
#define STB_LOCAL 0

static uint32_t rd32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static int name_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Is [off, off+len) inside the image? */
static int in_image(const struct elfinfo *ei, uint32_t off, uint32_t len)
{
    return off <= ei->size && len <= ei->size - off;
}

int elfinfo_parse(const void *image, size_t size, struct elfinfo *ei, const char **why)
{
    const uint8_t *p = image;
    *ei = (struct elfinfo){ .image = p, .size = size };
    if (size < 4 || p[0] != 0x7f || p[1] != 'E' || p[2] != 'L' || p[3] != 'F')
        return *why = "not an ELF file", -1;
    if (size < 52)
        return *why = "truncated ELF header", -1;
    if (p[4] != 1)
        return *why = "not a 32-bit ELF file", -1;
    if (p[5] != 1)
        return *why = "not a little-endian ELF file", -1;
    if (rd16(p + 18) != 3)
        return *why = "not an i386 ELF file", -1;
    uint32_t shoff = rd32(p + 32);
    uint16_t shentsize = rd16(p + 46), shnum = rd16(p + 48), shstrndx = rd16(p + 50);
    if (shnum == 0)
        return 0;                                  /* no sections: nothing to read */
    if (shentsize != 40 || !in_image(ei, shoff, (uint32_t)shnum * 40u))
        return *why = "section header table outside the file", -1;
    if (shstrndx >= shnum)
        return *why = "bad section name table index", -1;
    const uint8_t *sh = p + shoff;
    const uint8_t *strsh = sh + shstrndx * 40u;
    uint32_t names_off = rd32(strsh + 16), names_size = rd32(strsh + 20);
    if (rd32(strsh + 4) != SHT_STRTAB || names_size == 0 || !in_image(ei, names_off, names_size) ||
        p[names_off + names_size - 1] != '\0')
        return *why = "bad section name table", -1;
    const char *names = (const char *)p + names_off;
    int symsec = -1;
    for (unsigned i = 0; i < shnum; i++) {
        const uint8_t *s = sh + i * 40u;
        uint32_t name = rd32(s), type = rd32(s + 4), off = rd32(s + 16), len = rd32(s + 20);
        if (name >= names_size)
            return *why = "section name outside the name table", -1;
        if (type != SHT_NOBITS && !in_image(ei, off, len))
            return *why = "section data outside the file", -1;
        if (type == SHT_NOBITS)
            continue;
        if (name_eq(names + name, ".modinfo")) {
            ei->modinfo = (const char *)p + off;
            ei->modinfo_size = len;
        } else if (name_eq(names + name, ".dkm.exports")) {
            ei->exports = (const char *)p + off;
            ei->exports_size = len;
        } else if (type == SHT_SYMTAB || (type == SHT_DYNSYM && symsec < 0)) {
            symsec = (int)i;
        }
    }
    if (symsec >= 0) {
        const uint8_t *s = sh + (unsigned)symsec * 40u;
        uint32_t link = rd32(s + 24), entsize = rd32(s + 36);
        if (entsize != 16 || link >= shnum)
            return *why = "bad symbol table", -1;
        const uint8_t *ss = sh + link * 40u;
        uint32_t str_off = rd32(ss + 16), str_size = rd32(ss + 20);
        if (rd32(ss + 4) != SHT_STRTAB || str_size == 0 || p[str_off + str_size - 1] != '\0')
            return *why = "bad symbol string table", -1;
        ei->syms = p + rd32(s + 16);
        ei->nsyms = rd32(s + 20) / 16u;
        ei->strtab = (const char *)p + str_off;
        ei->strtab_size = str_size;
    }
    return 0;
}

/* Next NUL-terminated string of [base, base+size) after prev, skipping padding NULs. */
static const char *next_string(const char *base, uint32_t size, const char *prev)
{
    if (!base)
        return NULL;
    uint32_t pos = 0;
    if (prev) {
        pos = (uint32_t)(prev - base);
        while (pos < size && base[pos])
            pos++;
        pos++;
    }
    while (pos < size && base[pos] == '\0')
        pos++;
    if (pos >= size)
        return NULL;
    for (uint32_t end = pos; end < size; end++)
        if (base[end] == '\0')
            return base + pos;
    return NULL;                                   /* unterminated last string */
}

static int has_equals(const char *s)
{
    for (; *s; s++)
        if (*s == '=')
            return 1;
    return 0;
}

const char *elfinfo_modinfo_next(const struct elfinfo *ei, const char *prev)
{
    const char *s = prev;
    do
        s = next_string(ei->modinfo, ei->modinfo_size, s);
    while (s && !has_equals(s));
    return s;
}

const char *elfinfo_modinfo_get(const struct elfinfo *ei, const char *key, unsigned i)
{
    for (const char *e = elfinfo_modinfo_next(ei, NULL); e; e = elfinfo_modinfo_next(ei, e)) {
        const char *k = key, *v = e;
        while (*k && *k == *v) {
            k++;
            v++;
        }
        if (*k == '\0' && *v == '=' && i-- == 0)
            return v + 1;
    }
    return NULL;
}

const char *elfinfo_export_next(const struct elfinfo *ei, const char *prev)
{
    return next_string(ei->exports, ei->exports_size, prev);
}

const char *elfinfo_undef_next(const struct elfinfo *ei, uint32_t *index)
{
    while (ei->syms && *index < ei->nsyms) {
        const uint8_t *sym = ei->syms + *index * 16u;
        (*index)++;
        if (!in_image(ei, (uint32_t)(sym - ei->image), 16))
            return NULL;
        uint32_t name = rd32(sym);
        uint8_t bind = sym[12] >> 4;
        uint16_t shndx = rd16(sym + 14);
        if (shndx != SHN_UNDEF || bind == STB_LOCAL || name == 0 || name >= ei->strtab_size)
            continue;
        return ei->strtab + name;
    }
    return NULL;
}
