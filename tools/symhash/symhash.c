/* symhash.c — ark-symhash: adds to a relocatable module (ELF32 or ELF64, little-endian) the
 * .dkm.symhash section of dkm/symhash.h, each import's name hash and length, or refreshes it, so
 * that libdkm hashes no import names at load time. ark-gcc runs it after the link, before signing.
 *
 *   ark-symhash MODULE...        add or refresh the section, in place
 *   ark-symhash --list MODULE    print "index hash length" for each entry of the section */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dkm/dkm.h"
#include "dkm/modsig.h"
#include "dkm/symhash.h"

static const char *me = "ark-symhash";

static void die(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(const char *path, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: %s: ", me, path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* A section header of either class, widened. */
struct sec {
    uint32_t name, type, link, info;
    uint64_t flags, addr, offset, size, align, entsize;
};

struct module {
    const char *path;
    unsigned char *img;
    size_t size;
    int is64;
    uint64_t shoff;
    unsigned shnum, shentsize, shstrndx;
    struct sec *sh;
};

static uint16_t get16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get32(const unsigned char *p) { return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16; }
static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }
static void put16(unsigned char *p, uint32_t v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static void put32(unsigned char *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }
static void put64(unsigned char *p, uint64_t v) { put32(p, (uint32_t)v); put32(p + 4, (uint32_t)(v >> 32)); }

static int fits(const struct module *m, uint64_t off, uint64_t size)
{
    return off <= m->size && size <= m->size - off;
}

/* signed_ok: a signed file is read as the module before its signature trailer (for --list). */
static void read_module(struct module *m, const char *path, int signed_ok)
{
    memset(m, 0, sizeof *m);
    m->path = path;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0)
        die(path, "%s", strerror(errno));
    m->size = (size_t)st.st_size;
    m->img = malloc(m->size ? m->size : 1);
    if (!m->img || fread(m->img, 1, m->size, f) != m->size)
        die(path, "cannot read: %s", strerror(errno));
    fclose(f);
    const unsigned char *e = m->img;
    if (m->size < EI_NIDENT || memcmp(e, ELFMAG, SELFMAG) != 0)
        die(path, "not an ELF file");
    if (m->size >= DKM_SIG_TRAILER_SIZE &&
        !memcmp(e + m->size - DKM_SIG_MAGIC_SIZE, DKM_SIG_MAGIC, DKM_SIG_MAGIC_SIZE)) {
        if (!signed_ok)
            die(path, "is signed; run ark-symhash before signing (ark-sign --strip removes a signature)");
        m->size -= DKM_SIG_TRAILER_SIZE;
    }
    if (e[EI_DATA] != ELFDATA2LSB)
        die(path, "big-endian ELF is not supported");
    if (e[EI_CLASS] != ELFCLASS32 && e[EI_CLASS] != ELFCLASS64)
        die(path, "unknown ELF class %u", e[EI_CLASS]);
    m->is64 = e[EI_CLASS] == ELFCLASS64;
    const size_t ehsize = m->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (m->size < ehsize)
        die(path, "truncated ELF header");
    if (get16(e + 16) != ET_REL)
        die(path, "not a relocatable module (ELF type %u; only ET_REL files carry import hashes)",
            get16(e + 16));
    m->shoff = m->is64 ? get64(e + 40) : get32(e + 32);
    m->shentsize = get16(e + (m->is64 ? 58 : 46));
    m->shnum = get16(e + (m->is64 ? 60 : 48));
    m->shstrndx = get16(e + (m->is64 ? 62 : 50));
    const unsigned want = m->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
    if (m->shnum == 0 || m->shnum >= SHN_LORESERVE - 1 || m->shstrndx >= m->shnum)
        die(path, "%u section headers, names in section %u: not supported", m->shnum, m->shstrndx);
    if (m->shentsize != want || !fits(m, m->shoff, (uint64_t)m->shnum * want))
        die(path, "section headers lie outside the file");
    m->sh = calloc(m->shnum + 1u, sizeof *m->sh);
    if (!m->sh)
        die(path, "out of memory");
    for (unsigned i = 0; i < m->shnum; i++) {
        const unsigned char *p = m->img + m->shoff + (uint64_t)i * want;
        struct sec *s = &m->sh[i];
        s->name = get32(p);
        s->type = get32(p + 4);
        if (m->is64) {
            s->flags = get64(p + 8), s->addr = get64(p + 16), s->offset = get64(p + 24);
            s->size = get64(p + 32), s->link = get32(p + 40), s->info = get32(p + 44);
            s->align = get64(p + 48), s->entsize = get64(p + 56);
        } else {
            s->flags = get32(p + 8), s->addr = get32(p + 12), s->offset = get32(p + 16);
            s->size = get32(p + 20), s->link = get32(p + 24), s->info = get32(p + 28);
            s->align = get32(p + 32), s->entsize = get32(p + 36);
        }
        if (s->type != SHT_NOBITS && s->type != SHT_NULL && !fits(m, s->offset, s->size))
            die(path, "section %u lies outside the file", i);
    }
    const struct sec *ss = &m->sh[m->shstrndx];
    if (ss->type != SHT_STRTAB || ss->size == 0 || m->img[ss->offset + ss->size - 1] != 0)
        die(path, "section names are not a string table");
}

static const char *sec_name(const struct module *m, unsigned i)
{
    const struct sec *ss = &m->sh[m->shstrndx];
    return m->sh[i].name < ss->size ? (const char *)m->img + ss->offset + m->sh[i].name : "";
}

static unsigned find_section(const struct module *m, const char *name)
{
    for (unsigned i = 1; i < m->shnum; i++)
        if (!strcmp(sec_name(m, i), name))
            return i;
    return 0;
}

/* The section's contents: the header, then (hash, length) for every named undefined symbol. */
static unsigned char *build_table(const struct module *m, size_t *bytes)
{
    unsigned symtab = 0;
    for (unsigned i = 1; i < m->shnum; i++)
        if (m->sh[i].type == SHT_SYMTAB) {
            if (symtab)
                die(m->path, "more than one symbol table");
            symtab = i;
        }
    if (!symtab)
        die(m->path, "no symbol table");
    const struct sec *st = &m->sh[symtab];
    const unsigned entsize = m->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
    if (st->entsize != entsize || st->size % entsize || st->link >= m->shnum)
        die(m->path, "malformed symbol table");
    const struct sec *str = &m->sh[st->link];
    if (str->type != SHT_STRTAB || str->size == 0 || m->img[str->offset + str->size - 1] != 0)
        die(m->path, "the symbol names are not a string table");
    const uint64_t nsyms = st->size / entsize;
    if (nsyms > UINT32_MAX / sizeof(struct dkm_symhash_entry))
        die(m->path, "too many symbols");
    *bytes = sizeof(struct dkm_symhash_header) + nsyms * sizeof(struct dkm_symhash_entry);
    unsigned char *t = calloc(1, *bytes);
    if (!t)
        die(m->path, "out of memory");
    put32(t, DKM_SYMHASH_MAGIC);
    put32(t + 4, (uint32_t)nsyms);
    for (uint64_t i = 1; i < nsyms; i++) {
        const unsigned char *s = m->img + st->offset + i * entsize;
        const uint32_t name = get32(s);
        const unsigned shndx = get16(s + (m->is64 ? 6 : 14));
        if (name >= str->size)
            die(m->path, "symbol %llu: name outside the string table", (unsigned long long)i);
        const char *n = (const char *)m->img + str->offset + name;
        if (shndx != SHN_UNDEF || !*n)
            continue;
        uint32_t len;
        const uint32_t hash = dkm_symbol_hash(n, &len);
        unsigned char *e = t + sizeof(struct dkm_symhash_header) + i * sizeof(struct dkm_symhash_entry);
        put32(e, hash);
        put32(e + 4, len);
    }
    return t;
}

static void put_sec(const struct module *m, unsigned char *p, const struct sec *s)
{
    put32(p, s->name);
    put32(p + 4, s->type);
    if (m->is64) {
        put64(p + 8, s->flags), put64(p + 16, s->addr), put64(p + 24, s->offset);
        put64(p + 32, s->size), put32(p + 40, s->link), put32(p + 44, s->info);
        put64(p + 48, s->align), put64(p + 56, s->entsize);
    } else {
        put32(p + 8, (uint32_t)s->flags), put32(p + 12, (uint32_t)s->addr);
        put32(p + 16, (uint32_t)s->offset), put32(p + 20, (uint32_t)s->size);
        put32(p + 24, s->link), put32(p + 28, s->info);
        put32(p + 32, (uint32_t)s->align), put32(p + 36, (uint32_t)s->entsize);
    }
}

static void write_file(const char *path, const unsigned char *data, size_t size)
{
    char tmp[4096];
    struct stat st;
    if (snprintf(tmp, sizeof tmp, "%s.symhash-tmp", path) >= (int)sizeof tmp)
        die(path, "path too long");
    FILE *f = fopen(tmp, "wb");
    if (!f)
        die(path, "cannot write %s: %s", tmp, strerror(errno));
    int ok = fwrite(data, 1, size, f) == size;
    ok &= fclose(f) == 0;
    if (ok && stat(path, &st) == 0)
        chmod(tmp, st.st_mode & 07777);
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        die(path, "cannot write: %s", strerror(errno));
    }
}

/* A table of the same size is rewritten where it is. Otherwise the new contents, the section
 * names (with ".dkm.symhash" added, if new) and the section headers (one more, if new) go after
 * the file's last byte, replacing the header table if that ended the file; earlier bytes stay. */
static void add_or_refresh(const char *path)
{
    struct module m;
    read_module(&m, path, 0);
    size_t bytes;
    unsigned char *table = build_table(&m, &bytes);
    unsigned idx = find_section(&m, DKM_SYMHASH_SECTION);
    if (idx && m.sh[idx].type == SHT_PROGBITS && m.sh[idx].size == bytes && !(m.sh[idx].offset & 3)) {
        memcpy(m.img + m.sh[idx].offset, table, bytes);
        write_file(path, m.img, m.size);
        return;
    }
    const uint64_t hdr_bytes = (uint64_t)m.shentsize * m.shnum;
    uint64_t end = m.shoff + hdr_bytes == m.size ? m.shoff : m.size;
    const struct sec *names = &m.sh[m.shstrndx];
    const size_t name_len = sizeof DKM_SYMHASH_SECTION;
    const uint64_t names_size = idx ? 0 : names->size + name_len;
    unsigned char *out = calloc(1, end + 8 + bytes + 8 + names_size + 8 + hdr_bytes + m.shentsize);
    if (!out)
        die(path, "out of memory");
    memcpy(out, m.img, end);
    uint64_t at = (end + 7) & ~7ull;
    if (!idx) {
        idx = m.shnum++;
        memset(&m.sh[idx], 0, sizeof m.sh[idx]);
        m.sh[idx].name = (uint32_t)names->size;
        memcpy(out + at, m.img + names->offset, names->size);
        memcpy(out + at + names->size, DKM_SYMHASH_SECTION, name_len);
        m.sh[m.shstrndx].offset = at;
        m.sh[m.shstrndx].size = names_size;
        at = (at + names_size + 7) & ~7ull;
    }
    struct sec *s = &m.sh[idx];
    s->type = SHT_PROGBITS;
    s->flags = 0;
    s->addr = 0;
    s->offset = at;
    s->size = bytes;
    s->align = 4;
    s->entsize = 0;
    memcpy(out + at, table, bytes);
    at = (at + bytes + 7) & ~7ull;
    for (unsigned i = 0; i < m.shnum; i++)
        put_sec(&m, out + at + (uint64_t)i * m.shentsize, &m.sh[i]);
    if (m.is64)
        put64(out + 40, at);
    else if (at > UINT32_MAX)
        die(path, "the module would grow beyond 4 GiB");
    else
        put32(out + 32, (uint32_t)at);
    put16(out + (m.is64 ? 60 : 48), m.shnum);
    write_file(path, out, at + (uint64_t)m.shnum * m.shentsize);
}

static void list(const char *path)
{
    struct module m;
    read_module(&m, path, 1);
    unsigned idx = find_section(&m, DKM_SYMHASH_SECTION);
    if (!idx)
        die(path, "no %s section", DKM_SYMHASH_SECTION);
    const struct sec *s = &m.sh[idx];
    const unsigned char *p = m.img + s->offset;
    if (s->size < sizeof(struct dkm_symhash_header) || get32(p) != DKM_SYMHASH_MAGIC)
        die(path, "%s has an unknown format", DKM_SYMHASH_SECTION);
    const uint32_t count = get32(p + 4);
    if ((s->size - sizeof(struct dkm_symhash_header)) / sizeof(struct dkm_symhash_entry) != count)
        die(path, "%s holds %llu bytes for %u entries", DKM_SYMHASH_SECTION,
            (unsigned long long)s->size, count);
    size_t bytes;
    unsigned char *now = build_table(&m, &bytes);
    const int current = bytes == s->size && !memcmp(now, p, bytes);
    for (uint32_t i = 0; i < count; i++) {
        const unsigned char *e = p + sizeof(struct dkm_symhash_header) + (size_t)i * sizeof(struct dkm_symhash_entry);
        if (get32(e))
            printf("%u %08x %u\n", i, get32(e), get32(e + 4));
    }
    if (!current)
        die(path, "%s does not match the symbol table (run ark-symhash again)", DKM_SYMHASH_SECTION);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--list")) {
        list(argv[2]);
        return 0;
    }
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: %s MODULE...        add or refresh the %s section in place\n"
                        "       %s --list MODULE    print index, hash and length of each entry\n",
                me, DKM_SYMHASH_SECTION, me);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        add_or_refresh(argv[i]);
    return 0;
}
