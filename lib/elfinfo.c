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
    ei->shdrs = sh;
    ei->shnum = shnum;
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

/* ---- device-id tables ---------------------------------------------------------------------- */

/* The buses whose ids are a name then a pointer-sized driver_data (linux/mod_devicetable.h). */
static const struct {
    const char *type;            /* as in __mod_TYPE__TABLE_device_table */
    const char *prefix;          /* of the alias */
    uint32_t name_size, entry_size;
} devtable_buses[] = {
    { "platform", "platform:", 20, 24 },
    { "i2c", "i2c:", 20, 24 },
    { "spi", "spi:", 32, 36 },
};

/* The bus of a MODULE_DEVICE_TABLE symbol's name (__mod_TYPE__TABLE_device_table), or -1. */
static int devtable_bus_of(const char *name, const char *end)
{
    static const char head[] = "__mod_", tail[] = "_device_table";
    const char *p = name;
    for (const char *h = head; *h; h++, p++)
        if (*p != *h)
            return -1;
    if ((uint32_t)(end - name) < sizeof head - 1 + sizeof tail - 1)
        return -1;
    const char *t = end - (sizeof tail - 1);
    for (const char *q = tail; *q; q++)
        if (t[q - tail] != *q)
            return -1;
    for (unsigned b = 0; b < sizeof devtable_buses / sizeof devtable_buses[0]; b++) {
        const char *ty = devtable_buses[b].type, *q = p;
        while (*ty && *q == *ty) {
            ty++;
            q++;
        }
        if (!*ty && q[0] == '_' && q[1] == '_' && q + 2 < t)
            return (int)b;
    }
    return -1;
}

static uint32_t str_len(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

int elfinfo_devtable_next(const struct elfinfo *ei, struct elfinfo_devtable_pos *pos, char *out,
                          size_t cap)
{
    for (; ei->syms && ei->shdrs && pos->sym < ei->nsyms; pos->sym++, pos->entry = 0) {
        const uint8_t *sym = ei->syms + pos->sym * 16u;
        uint32_t name = rd32(sym), value = rd32(sym + 4), size = rd32(sym + 8);
        uint16_t shndx = rd16(sym + 14);
        if (name == 0 || name >= ei->strtab_size || (sym[12] >> 4) == STB_LOCAL ||
            shndx == SHN_UNDEF || shndx >= ei->shnum)
            continue;
        const char *sname = ei->strtab + name;
        int bus = devtable_bus_of(sname, sname + str_len(sname));
        if (bus < 0)
            continue;
        /* The table's bytes in the file: its section's data at the symbol's offset in it (a
         * relocatable file's sh_addr is 0; a linked one's symbol values are addresses). */
        const uint8_t *sh = ei->shdrs + shndx * 40u;
        uint32_t type = rd32(sh + 4), addr = rd32(sh + 12), off = rd32(sh + 16), len = rd32(sh + 20);
        if (type == SHT_NOBITS || value < addr || value - addr > len || size > len - (value - addr))
            continue;
        const uint8_t *table = ei->image + off + (value - addr);
        uint32_t esize = devtable_buses[bus].entry_size, nsize = devtable_buses[bus].name_size;
        while ((pos->entry + 1) * esize <= size) {
            const char *id = (const char *)table + pos->entry * esize;
            pos->entry++;
            if (id[0] == '\0') {
                pos->entry = size / esize;     /* the empty entry ends the table */
                break;
            }
            uint32_t n = 0;
            int good = 1;
            while (n < nsize && id[n]) {
                if (id[n] <= ' ' || id[n] > '~')
                    good = 0;
                n++;
            }
            const char *prefix = devtable_buses[bus].prefix;
            uint32_t plen = str_len(prefix);
            if (!good || n == nsize || plen + n + 1 > cap)
                continue;
            for (uint32_t i = 0; i < plen; i++)
                out[i] = prefix[i];
            for (uint32_t i = 0; i < n; i++)
                out[plen + i] = id[i];
            out[plen + n] = '\0';
            return 1;
        }
    }
    return 0;
}
