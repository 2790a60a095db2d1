/* internal.h — libdkm's private structures and the prototypes of every internal unit, grouped by
 * the file that defines them, so the whole loader's surface can be read in one place. */
#ifndef DKM_INTERNAL_H
#define DKM_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dkm/dkm.h"
#include "dkm/symhash.h"
#include "elf.h"

/* Unaligned little-endian access to module memory and file data (relocation fields sit at any
 * offset); a packed struct keeps this defined behaviour without calling memcpy. */
typedef struct __attribute__((packed)) { uint32_t v; } dkm_unaligned32_t;
typedef struct __attribute__((packed)) { uint16_t v; } dkm_unaligned16_t;
typedef struct __attribute__((packed)) { uint64_t v; } dkm_unaligned64_t;

/* The instruction words and halfwords that architecture files patch, at any alignment. */
static inline uint32_t dkm_get32(const uint8_t *p) { return ((const dkm_unaligned32_t *)(const void *)p)->v; }
static inline void dkm_put32(uint8_t *p, uint32_t v) { ((dkm_unaligned32_t *)(void *)p)->v = v; }
static inline uint16_t dkm_get16(const uint8_t *p) { return ((const dkm_unaligned16_t *)(const void *)p)->v; }
static inline void dkm_put16(uint8_t *p, uint16_t v) { ((dkm_unaligned16_t *)(void *)p)->v = v; }
/* Does v, read as signed, fit a two's-complement field of bits bits (fewer than the address's)? */
static inline bool dkm_fits_signed(dkm_addr_t v, unsigned bits)
{
    const dkm_saddr_t sv = (dkm_saddr_t)v;
    return sv >= -((dkm_saddr_t)1 << (bits - 1)) && sv < ((dkm_saddr_t)1 << (bits - 1));
}

#define DKM_NAME_MAX 56          /* module names, NUL included */
#define DKM_DEFAULT_MAX_IMAGE (64u << 20)
#define DKM_DEFAULT_MAX_SECTIONS 4096u
#define DKM_MAX_SYMBOLS (1u << 22)  /* symbol-table entries in one module */

/* Module memory comes from the port in at most two blocks: the core block holds everything that
 * outlives init, the init block what init alone uses, so a load costs the port two allocations
 * and two frees, not one per protection class. Inside them each protection class has a region, a
 * page-aligned view: init-only code and data get their own so they can be returned once init
 * succeeded, and __ro_after_init data its own so that its pages can become read-only then.
 * ET_DYN/ET_EXEC images use DKM_RGN_TEXT for the whole span (their per-segment protections are in
 * struct dkm_load's segs). */
enum dkm_region_kind {
    DKM_RGN_TEXT,       /* RX */
    DKM_RGN_RODATA,     /* R: rodata, relro, eh_frame, init/fini arrays, modinfo, export names */
    DKM_RGN_DATA,       /* RW: data, bss, COMMON, GOT */
    DKM_RGN_RO_AFTER_INIT, /* RW until init has returned, then R: .data..ro_after_init */
    DKM_RGN_INIT_TEXT,  /* RX, freed after init */
    DKM_RGN_INIT_DATA,  /* RW, freed after init */
    DKM_RGN_COUNT
};
enum dkm_block_kind { DKM_BLOCK_CORE, DKM_BLOCK_INIT, DKM_BLOCK_COUNT };
/* The block a region lies in: the init-only ones are last in the enumeration. */
static inline unsigned dkm_block_of(unsigned region)
{
    return region >= DKM_RGN_INIT_TEXT ? DKM_BLOCK_INIT : DKM_BLOCK_CORE;
}
struct dkm_block {
    uintptr_t addr;
    uint32_t size;      /* bytes held from the port (page multiple); 0: none */
};
struct dkm_region {
    uintptr_t addr;
    uint32_t size;      /* bytes of its block it spans (page multiple); 0: none */
    uint32_t used;      /* bytes occupied by sections */
    uint8_t prot;
};
struct dkm_edge {                    /* "user depends on dep" */
    struct dkm_module *user, *dep;
    struct dkm_edge *next_user;      /* in dep->users */
    struct dkm_edge *next_dep;       /* in user->deps */
};

/* Symbols kept for dkm_addr_lookup and dkm_module_symbol: sorted by address, names in a pool. */
struct dkm_ksym {
    dkm_addr_t addr, size;
    uint32_t name;      /* name: offset into the pool */
};
struct dkm_ksyms {
    uint32_t count, pool_size;
    struct dkm_ksym *syms;           /* count entries, then the name pool (same allocation) */
    size_t bytes;
};

struct dkm_section_rec {             /* DKM_LOAD_KEEP_SYMS: every allocated section */
    dkm_addr_t addr, size;
    uint32_t name;       /* name: offset into the ksyms pool layout below */
};

struct dkm_module {
    struct dkm_module *prev, *next;
    struct dkm_loader *ld;
    char name[DKM_NAME_MAX];
    const char *modinfo;             /* in module memory (read-only region), or NULL */
    uint32_t modinfo_size;
    const char *version;             /* "version=" value, inside modinfo */
    const char *exports;             /* .dkm.exports strings in module memory */
    uint32_t exports_size;
    uint32_t nexports;               /* entries registered in the export table */
    struct dkm_param_rec *params;    /* checked copies of the ark_param_desc records (metadata) */
    uint32_t nparams;
    struct dkm_block block[DKM_BLOCK_COUNT];
    struct dkm_region rgn[DKM_RGN_COUNT];
    dkm_addr_t init_fn, exit_fn;
    dkm_addr_t *ctor_fns;            /* constructors in call order; freed after init */
    dkm_addr_t *fini_fns;            /* destructors in call order */
    uint32_t nctors, nfini;
    uint32_t nctors_bytes, fini_bytes;
    struct dkm_edge *users, *deps;
    unsigned nusers, ndeps, holds;
    enum dkm_state state;
    int elf_type;
    unsigned flags;
    bool exec_stack;                 /* asked for an executable stack, and the port agreed */
    struct dkm_ksyms ksyms;
    struct dkm_section_rec *sections;  /* KEEP_SYMS */
    uint32_t nsections;                /* all, init-only ones last ... */
    uint32_t nsections_live;           /* ... and those that outlive init */
    const char *section_names;         /* pool for sections[] */
    size_t sections_bytes;
};

/* The export table: open addressing with linear probing, hashes and lengths stored in the slots so
 * probing compares integers first and growth never rehashes strings. Deletion shifts back (no
 * tombstones). */
#define DKM_NAME_LONG 0xffffu            /* len of a slot whose name is that long or longer */
struct dkm_export_slot {
    uint32_t hash;                   /* 0: empty (real hashes are forced non-zero) */
    uint16_t len;                    /* strlen(name), or DKM_NAME_LONG */
    uint16_t flags;                  /* DKM_EXPORT_GPL_ONLY */
    const char *name;
    uintptr_t addr;
    struct dkm_module *owner;        /* NULL: the host */
};
/* A name as the export table looks it up: its bytes, hash and length, worked out in one pass. */
struct dkm_name {
    const char *s;
    uint32_t hash, len;
};
struct dkm_export_table {
    struct dkm_export_slot *slots;
    uint32_t mask;                   /* capacity - 1; capacity is a power of two */
    uint32_t count;
};

struct dkm_loader {
    struct dkm_port port;
    struct dkm_config cfg;
    struct dkm_module *first, *last;
    size_t nmodules;
    struct dkm_export_table exports;
    struct dkm_stats stats;
    dkm_phase_hook_t phase_hook;
    void *phase_arg;
    dkm_addr_t reloc_fast[2][256];   /* relocate.c: per type, the fast path's P mask; FAST_NONE or 0 */
    uint32_t reloc_abs_type;         /* relocate.c: the S + A type apply_abs takes, or 256 for none */
};

/* A module parameter, copied out of the module's relocated .dkm.params once it was checked: the
 * module cannot change what the loader later reads or writes. */
struct dkm_param_rec {
    dkm_addr_t name, addr, count;
    uint32_t type, size, max;
};

/* A range of module memory with the protection it keeps after the load (a linked image's segment). */
struct dkm_segment {
    dkm_addr_t addr, size;
    uint8_t prot;
};

/* A linked image (ET_DYN, ET_EXEC) while it loads: what its format step found in the file. */
struct dkm_linked {
    dkm_addr_t lo, span;             /* page-aligned link-time range */
    uint8_t *mem;                    /* where lo landed */
    const dkm_phdr_t *ph;
    unsigned phnum;
    const dkm_sym_t *dynsym;         /* in the file image, checked */
    uint32_t ndynsym;
    const char *dynstr;
    uint32_t dynstr_size;
    dkm_addr_t rel, relsz, jmprel, pltrelsz;
    dkm_addr_t init, fini, init_array, init_arraysz, fini_array, fini_arraysz;
};

/* Per-section load decision for ET_REL. */
struct dkm_secmap {
    dkm_addr_t addr;                 /* load address, 0 if not loaded */
    uint8_t region;                  /* enum dkm_region_kind */
    uint8_t load;                    /* allocated in module memory */
    uint8_t discard;                 /* duplicate COMDAT group member */
    uint8_t in_place;                /* loaded, but used where it lies in the image (DKM_LOAD_IN_PLACE) */
};

/* Transient state of one load; everything in it is freed when dkm_load_image returns. */
struct dkm_load {
    struct dkm_loader *ld;
    struct dkm_error *err;
    unsigned flags;
    const char *label;               /* name used in messages until the module name is known */
    const uint8_t *img;
    size_t size;
    const dkm_ehdr_t *eh;
    const dkm_shdr_t *sh;
    unsigned shnum;
    const char *shstr;
    uint32_t shstr_size;
    /* the module's symbol table (ET_REL: .symtab; linked: .symtab, else .dynsym), in the file image */
    unsigned symtab;
    const dkm_sym_t *syms;
    uint32_t nsyms;
    const char *strtab;
    uint32_t strtab_size;
    struct dkm_secmap *sec;          /* [shnum] */
    dkm_addr_t *symval;              /* [nsymval] resolved addresses (linked images: per .dynsym entry) */
    uint32_t *gotidx;                /* [nsyms] GOT slot + 1, or 0; NULL without GOT relocs */
    uint32_t got_count;
    dkm_addr_t got_addr, got_off;
    uint32_t *stubidx;               /* [nsyms] branch stub + 1, or 0; NULL without stubs */
    uint8_t *symcode;                /* [nsyms] 1: an import the port says is code; with stubidx */
    uint32_t stub_count;
    dkm_addr_t stub_addr, stub_off;  /* in the text region */
    bool has_got_symbol;             /* _GLOBAL_OFFSET_TABLE_ is referenced */
    bool has_discards;
    unsigned n_in_place;             /* sections with in_place set */
    uint32_t unloaded_syms;          /* symbols defined in sections that are not loaded */
    /* metadata found while validating: section indices, 0 when absent */
    unsigned modinfo_sec, exports_sec, params_sec;
    /* [nsyms] the build's hash and length of each name (dkm/symhash.h), or NULL: unchecked hints */
    const struct dkm_symhash_entry *symhash;
    struct dkm_module *mod;
    /* bookkeeping for rollback */
    bool ctors_ran;
    /* entry points found while resolving (every format): symbol indices, 0 when absent */
    uint32_t sym_ark_init, sym_ark_exit, sym_init, sym_exit;
    struct symidx_table *exports_table;  /* symbols.c, built on demand */
    uint32_t nsymval;                /* entries of symval */
    /* found by the format's parse step, used by the shared steps */
    const char *info;                /* .modinfo in the file image, or NULL */
    uint32_t info_size;
    bool wants_exec_stack;
    dkm_addr_t params_addr, params_size; /* .dkm.params in module memory, set by layout */
    /* linked images */
    struct dkm_linked dyn;
    dkm_addr_t bias;                 /* load address - link address */
    struct dkm_segment *segs;        /* linked images: final protection per PT_LOAD segment */
    unsigned nsegs;
    const char *license;             /* "license=" value in the image's .modinfo, or NULL */
    /* DKM_RK_PAIR_LO: the high-part relocations of one relocation section, sorted by offset */
    uint32_t *pair_idx;              /* entry indices, built on the section's first low part */
    uint32_t pair_count, pair_cap;
    unsigned pair_sec;               /* the relocation section pair_idx describes, 0: none */
};

/* util.c — freestanding string, memory and formatting helpers */
size_t dkm_strlen(const char *s);
size_t dkm_strnlen(const char *s, size_t max);
int dkm_strcmp(const char *a, const char *b);
int dkm_strncmp(const char *a, const char *b, size_t n);
bool dkm_starts_with(const char *s, const char *prefix);
/* Copies and fills go to the compiler's builtins, which become the platform's memcpy and memset
 * (every C environment has them, and a kernel's are tuned for its CPU): a module's sections are
 * copied through here, often megabytes, and a byte loop of libdkm's own cost more than the rest of
 * a large module's load. Small constant sizes become plain moves. */
static inline void dkm_memcpy(void *dst, const void *src, size_t n) { __builtin_memcpy(dst, src, n); }
static inline void dkm_memset(void *dst, int c, size_t n) { __builtin_memset(dst, c, n); }
size_t dkm_strlcpy(char *dst, const char *src, size_t size);
/* FNV-1a and the length in one pass; 0 is reserved for empty hash-table slots. */
static inline struct dkm_name dkm_name_key(const char *s)
{
    uint32_t h = 2166136261u;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++)
        h = (h ^ *p) * 16777619u;
    struct dkm_name k = {s, h ? h : 1, (uint32_t)(p - (const unsigned char *)s)};
    return k;
}
/* The hash alone, for libdkm's transient tables (symbols, group signatures). */
static inline uint32_t dkm_hash(const char *s) { return dkm_name_key(s).hash; }
/* The length a slot keeps for a name of len bytes. */
static inline uint16_t dkm_slot_len(uint32_t len)
{
    return len < DKM_NAME_LONG ? (uint16_t)len : (uint16_t)DKM_NAME_LONG;
}
/* Equal bytes, a word at a time: the export table compares every import's name once its hash and
 * length matched, and most names are longer than a word. Inline, as it runs once per import. */
static inline bool dkm_same_bytes(const char *a, const char *b, uint32_t len)
{
    for (; len >= 4; len -= 4, a += 4, b += 4)
        if (((const dkm_unaligned32_t *)(const void *)a)->v != ((const dkm_unaligned32_t *)(const void *)b)->v)
            return false;
    for (; len; len--)
        if (*a++ != *b++)
            return false;
    return true;
}
int dkm_vformat(char *buf, size_t size, const char *fmt, va_list ap);
int dkm_format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool dkm_is_pow2(uint32_t x);

/* error.c — error reporting */
int dkm_fail(struct dkm_load *l, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int dkm_fail_err(struct dkm_error *err, const char *who, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void dkm_log(const struct dkm_loader *ld, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *dkm_load_name(const struct dkm_load *l);

/* mem.c — every port allocation goes through these, so dkm_stats is exact */
void *dkm_meta_alloc(struct dkm_loader *ld, size_t size);
void *dkm_meta_zalloc(struct dkm_loader *ld, size_t size);
void dkm_meta_free(struct dkm_loader *ld, void *ptr, size_t size);
uint64_t dkm_page_round(const struct dkm_loader *ld, uint64_t size);
int dkm_block_get(struct dkm_loader *ld, struct dkm_block *b, uint32_t size);
int dkm_block_claim(struct dkm_loader *ld, struct dkm_block *b, dkm_addr_t addr, uint32_t size);
void dkm_block_put(struct dkm_loader *ld, struct dkm_block *b);
void dkm_phase(const struct dkm_loader *ld, const char *phase);

/* exports.c — the export hash table */
int dkm_exports_init(struct dkm_loader *ld);
void dkm_exports_fini(struct dkm_loader *ld);
int dkm_exports_insert(struct dkm_loader *ld, const struct dkm_name *key, uintptr_t addr,
                       struct dkm_module *owner);
const struct dkm_export_slot *dkm_exports_find(const struct dkm_loader *ld, const struct dkm_name *key);
int dkm_exports_remove(struct dkm_loader *ld, const struct dkm_name *key, const struct dkm_module *owner);
int dkm_exports_set_flags(struct dkm_loader *ld, const struct dkm_name *key,
                          const struct dkm_module *owner, uint32_t flags);
/* Does the slot hold key's name? Hash and length first; the bytes only when both agree. */
static inline bool dkm_slot_is(const struct dkm_export_slot *s, const struct dkm_name *key)
{
    return s->hash == key->hash && s->len == dkm_slot_len(key->len) &&
           (s->len == DKM_NAME_LONG ? dkm_strcmp(s->name, key->s) == 0
                                    : dkm_same_bytes(s->name, key->s, key->len));
}
/* dkm_exports_find's probe, inline for the resolve loop, which runs it once per import. */
static inline const struct dkm_export_slot *dkm_exports_probe(const struct dkm_export_table *t,
                                                              const struct dkm_name *key)
{
    for (uint32_t i = key->hash & t->mask;; i = (i + 1) & t->mask) {
        const struct dkm_export_slot *s = &t->slots[i];
        if (!s->hash)
            return NULL;
        if (dkm_slot_is(s, key))
            return s;
    }
}

/* license.c — GPL-only exports */
int dkm_check_gpl_import(struct dkm_load *l, const char *name);
int dkm_mark_gpl_exports(struct dkm_load *l);

/* validate.c — ELF header, section headers, string tables, symbol table, relocation sections */
const void *dkm_img_at(const struct dkm_load *l, uint64_t off, uint64_t size);
int dkm_validate_ehdr(struct dkm_load *l);
int dkm_validate_sections(struct dkm_load *l);
int dkm_validate_symbols(struct dkm_load *l);
int dkm_count_got_slots(struct dkm_load *l);
int dkm_check_unloaded_refs(struct dkm_load *l);
const char *dkm_sec_name(const struct dkm_load *l, unsigned idx);
const char *dkm_sym_name(const struct dkm_load *l, uint32_t idx);

/* layout.c — sections to regions (ET_REL) */
int dkm_layout_plan(struct dkm_load *l);
int dkm_layout(struct dkm_load *l);
void dkm_copy_sections(struct dkm_load *l);

/* symbols.c — symbol values, imports, the module's exports, dependency edges */
struct dkm_unresolved {              /* undefined symbols nothing provides, for one message */
    char list[DKM_ERRMSG_MAX - 64];
    size_t len;
    unsigned count, shown;
};
void dkm_symhash_attach(struct dkm_load *l, unsigned sec);
int dkm_resolve_symbols(struct dkm_load *l);
dkm_addr_t dkm_sym_addr(const struct dkm_load *l, uint32_t i);
void dkm_note_entry(struct dkm_load *l, uint32_t i);
int dkm_import(struct dkm_load *l, const char *name, bool *found, dkm_addr_t *value);
int dkm_import_typed(struct dkm_load *l, const char *name, bool *found, dkm_addr_t *value, bool *is_code);
int dkm_import_symbol(struct dkm_load *l, const dkm_sym_t *s, const char *name, dkm_addr_t *value,
                      struct dkm_unresolved *u);
int dkm_unresolved_report(struct dkm_load *l, const struct dkm_unresolved *u);
int dkm_symbol_of(struct dkm_load *l, const char *name, dkm_addr_t *addr);
int dkm_register_exports(struct dkm_load *l);
void dkm_unregister_exports(struct dkm_loader *ld, struct dkm_module *mod);
void dkm_symbols_done(struct dkm_load *l);
int dkm_add_dependency(struct dkm_load *l, struct dkm_module *dep);
void dkm_drop_dependencies(struct dkm_loader *ld, struct dkm_module *mod);

/* relocate.c — the relocation check, the per-kind formulas, the ET_REL loop */
struct dkm_reloc_howto;
enum dkm_reloc_problem { DKM_RP_OK, DKM_RP_TYPE, DKM_RP_OUTSIDE, DKM_RP_OVERRUNS, DKM_RP_SYMBOL };
enum dkm_reloc_problem dkm_reloc_check(uint32_t type, unsigned format, dkm_addr_t off, dkm_addr_t tsize,
                                       uint32_t sym, uint32_t nsyms);
int dkm_reloc_fail(struct dkm_load *l, enum dkm_reloc_problem p, const char *what, uint32_t k,
                   const dkm_rel_t *r, const char *target, dkm_addr_t tsize, uint32_t nsyms);
int dkm_reloc_error(struct dkm_load *l, unsigned sec, uint32_t k, const dkm_rel_t *r);
int dkm_apply_one(const struct dkm_load *l, uint8_t *where, uint32_t type, dkm_addr_t S, dkm_addr_t P,
                  dkm_addr_t G, dkm_addr_t B, dkm_addr_t A, bool explicit_addend, dkm_addr_t *value);
dkm_addr_t dkm_reloc_value(unsigned kind, dkm_addr_t S, dkm_addr_t A, dkm_addr_t P, dkm_addr_t GOT,
                           dkm_addr_t B, dkm_addr_t G, dkm_addr_t Z);
int dkm_field_put(const struct dkm_reloc_howto *h, uint8_t *where, dkm_addr_t v);
dkm_addr_t dkm_field_get(const struct dkm_reloc_howto *h, const uint8_t *where);
bool dkm_reloc_uses_got(unsigned kind);
void dkm_reloc_classes(struct dkm_loader *ld);
int dkm_relocate_rel(struct dkm_load *l);
/* reloc_fast.c — the loop over runs of fast 32-bit REL fields; each returns where it stopped */
#define DKM_FAST_NONE 0x80000000u    /* reloc_fast[1][type] of a type the fast path does not take */
uint32_t dkm_apply_abs(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, dkm_addr_t tlim,
                       uint32_t abs_type, const dkm_addr_t *symval, uint32_t sym_lim);
uint32_t dkm_apply_fast(const dkm_rel_t *r, uint32_t k, uint32_t n, uint8_t *base, dkm_addr_t tlim,
                        const dkm_addr_t (*fast)[256], const dkm_addr_t *symval, uint32_t nsyms);

/* arch/<arch>.c — what a relocation type means: its kind (the formula, one per kind, computed in
 * relocate.c) and its field (a plain data field, or an instruction encoding the arch file writes). */
enum dkm_reloc_kind {
    DKM_RK_INVALID = 0,
    DKM_RK_NONE,       /* nothing */
    DKM_RK_ABS,        /* S + A */
    DKM_RK_PCREL,      /* S + A - P */
    DKM_RK_BRANCH,     /* S + A - P, through a stub when S is out of the field's reach */
    DKM_RK_GOTPC,      /* GOT + A - P */
    DKM_RK_GOTOFF,     /* S + A - GOT */
    DKM_RK_GOT,        /* G + A - GOT, G: the GOT slot holding S */
    DKM_RK_GOTPCREL,   /* G + A - P */
    DKM_RK_RELATIVE,   /* B + A */
    DKM_RK_SYMVAL,     /* S (GLOB_DAT, JMP_SLOT) */
    DKM_RK_SIZE,       /* Z + A, Z: the symbol's size */
    /* Appended for architectures that address in 4 KiB pages (aarch64's ADRP and its GOT forms);
     * Page(x) is x with its low 12 bits cleared. */
    DKM_RK_PAGE_PCREL,     /* Page(S + A) - Page(P) */
    DKM_RK_GOT_PAGE_PCREL, /* Page(G + A) - Page(P) */
    DKM_RK_GOT_PAGEOFF,    /* G + A - Page(GOT) */
    DKM_RK_GOTABS,         /* G + A: the address of the GOT slot itself */
    /* The value of the paired high-part relocation (dkm_arch.pair_hi) whose field is at S + A, in
     * the same section, as that relocation computed it (stub included): riscv PCREL_LO12_I/S. */
    DKM_RK_PAIR_LO,
};
enum { DKM_RF_REL = 1, DKM_RF_DYN = 2 };   /* allowed in ET_REL / in ET_DYN-ET_EXEC */
/* The range a data field's value must lie in (instruction fields check their own). */
enum { DKM_OV_NONE, DKM_OV_SIGNED, DKM_OV_UNSIGNED, DKM_OV_EITHER };
struct dkm_reloc_howto {
    uint8_t kind;      /* enum dkm_reloc_kind */
    uint8_t size;      /* bytes of the field */
    uint8_t check;     /* DKM_OV_*: overflow rule of a data field */
    uint8_t allowed;   /* DKM_RF_* */
    uint8_t field;     /* 0: little-endian data field; else the arch's instruction encoding */
};
struct dkm_arch {
    uint16_t machine;
    const char *name;
    const struct dkm_reloc_howto *howto;
    uint32_t nhowto;
    const char *(*reloc_name)(uint32_t type);
    uint32_t rel_sht;               /* DKM_SHT_REL or DKM_SHT_RELA in relocatable modules */
    bool got_needs_symbol;          /* GOT-using objects always reference _GLOBAL_OFFSET_TABLE_ */
    /* Instruction fields (field != 0): write v (DKM_E_RELOC_OVERFLOW if it does not fit) / read
     * the implicit addend of a REL entry. */
    int (*field_put)(unsigned field, uint8_t *where, dkm_addr_t v);
    dkm_addr_t (*field_get)(unsigned field, const uint8_t *where);
    /* Branch stubs for DKM_RK_BRANCH targets out of reach: the size of one, and how to write one
     * that jumps to target (0: none; then the port's placement must keep targets in reach). */
    uint32_t stub_size;
    void (*stub_write)(uint8_t *stub, dkm_addr_t target);
    /* May this DKM_RK_PCREL field at where (addend A) take a stub? (x86: a call or jump) */
    bool (*pcrel_is_branch)(const uint8_t *where, dkm_addr_t off, dkm_addr_t A);
    /* Added for architectures that form one address with several relocations (aarch64's ADRP +
     * ADD/LDR): true makes an imported function that has a stub (resolve_typed says it is code)
     * resolve to its stub for every relocation and GOT slot, as a PLT entry is the one address of
     * such a function in a linked program; false (x86) switches to the stub per field. */
    bool stub_is_canonical;
    /* Added for architectures whose GOT-relative types name the slot of S + A (aarch64's GDAT(S+A))
     * rather than adding A to the slot's address (x86): libdkm keeps one slot per symbol, so such
     * a relocation with a non-zero addend is refused instead of being given the wrong slot. */
    bool got_addend_names_slot;
    /* Optional (NULL: no DKM_RK_PAIR_LO types): is this type a high part DKM_RK_PAIR_LO entries
     * take their value from? (riscv PCREL_HI20, GOT_HI20) */
    bool (*pair_hi)(uint32_t type);
    /* Optional (NULL: none): is this low-part field (one that cannot overflow) half of an absolute
     * pair whose high part will not hold v? Then, like that high part, it takes the symbol's stub
     * where one may serve (riscv LO12_I/LO12_S against an imported function beside HI20). */
    bool (*low_part_far)(uint32_t type, dkm_addr_t v);
    /* Optional (NULL on the others), for architectures with more than one instruction set (ARM
     * and Thumb): the address at which a branch of relocation type `type` enters the stub that
     * starts at stub, so each set enters code of its own (NULL: the stub's start). */
    dkm_addr_t (*stub_entry)(dkm_addr_t stub, uint32_t type);
    /* Branches (DKM_RK_BRANCH) to functions the module defines get stubs too, not only branches
     * to imports: ARM's B cannot switch between ARM and Thumb, so a branch to a function of the
     * other set goes through a stub even when in reach. */
    bool stub_defined_funcs;
    /* Optional (NULL on the others): why a module's e_flags do not suit this build (the ARM EABI
     * version, the float ABI), or NULL when they do. */
    const char *(*flags_problem)(uint32_t e_flags);
};
extern const struct dkm_arch dkm_arch_host;

/* The format steps of the one load pipeline (loader.c). Each returns what it found in the load
 * record (ranges, protections, tables) and never calls the port itself. */
struct dkm_format {
    int (*parse)(struct dkm_load *l);     /* validate from the file image; metadata, stack note */
    int (*layout)(struct dkm_load *l);    /* allocate module memory, copy, locate metadata */
    int (*resolve)(struct dkm_load *l);   /* every symbol's value, imports included */
    int (*relocate)(struct dkm_load *l);
    int (*fn_lists)(struct dkm_load *l);  /* constructor and destructor lists */
};

/* dynamic.c — linked images (ET_DYN, ET_EXEC) */
extern const struct dkm_format dkm_format_linked;

/* modinfo.c — .modinfo: name, ABI, dependency constraints */
int dkm_modinfo_check(const char *info, uint32_t size, struct dkm_error *err, const char *who);
const char *dkm_modinfo_find(const char *info, uint32_t size, const char *key, unsigned nth);
int dkm_choose_name(struct dkm_load *l, const char *info, uint32_t size, const char *hint);
int dkm_check_abi(struct dkm_load *l, const char *info, uint32_t size);
int dkm_check_depends(struct dkm_load *l, const char *info, uint32_t size);
int dkm_version_cmp(const char *a, size_t alen, const char *b, size_t blen);
int dkm_parse_abi(const char *s, uint32_t *out);

/* params.c — module parameters */
int dkm_params_bind(struct dkm_load *l, dkm_addr_t addr, dkm_addr_t size);
void dkm_params_free(struct dkm_loader *ld, struct dkm_module *mod);
int dkm_params_apply_args(struct dkm_module *mod, const char *args, struct dkm_error *err);

/* lifecycle.c — constructors, init, exit, destructors, init-section release */
int dkm_call(struct dkm_loader *ld, const struct dkm_module *mod, dkm_addr_t fn, const void *arg,
             int *result);
int dkm_check_exec_stack(struct dkm_load *l, bool wanted);
int dkm_run_init(struct dkm_load *l);
void dkm_run_exit(struct dkm_loader *ld, struct dkm_module *mod);
void dkm_run_fini(struct dkm_loader *ld, struct dkm_module *mod);
int dkm_collect_rel_arrays(struct dkm_load *l);
int dkm_fn_list_alloc(struct dkm_load *l, uint32_t n, bool fini);
int dkm_fn_list_add(struct dkm_load *l, bool fini, const char *what, uint32_t k, dkm_addr_t fn);
int dkm_fn_list_array(struct dkm_load *l, bool fini, const char *what, dkm_addr_t addr, uint32_t count,
                      bool reverse);
void dkm_free_init_regions(struct dkm_loader *ld, struct dkm_module *mod);
void dkm_seal_ro_after_init(struct dkm_loader *ld, struct dkm_module *mod);
int dkm_protect_regions(struct dkm_load *l);

/* ksyms.c — kept symbols for backtraces and dkm_module_symbol */
int dkm_ksyms_build(struct dkm_load *l);
int dkm_sections_build(struct dkm_load *l);
void dkm_ksyms_free(struct dkm_loader *ld, struct dkm_module *mod);
const struct dkm_ksym *dkm_ksyms_at(const struct dkm_ksyms *k, dkm_addr_t addr);
const char *dkm_ksym_name(const struct dkm_ksyms *k, const struct dkm_ksym *s);

/* loader.c — module list */
void dkm_module_free(struct dkm_loader *ld, struct dkm_module *mod);
unsigned dkm_resident_prot(const struct dkm_load *l, dkm_addr_t addr, dkm_addr_t len, bool *init_only);
int dkm_find_entries(struct dkm_load *l);
int dkm_check_metadata(struct dkm_load *l, const char *info, uint32_t size, const char *hint);
int dkm_recheck_modinfo(struct dkm_load *l);

#endif
