/* dkm/dkm.h — libdkm, a portable loader for ELF kernel modules: its public API and the port
 * interface through which a host system (a kernel, or a Linux process) provides memory, symbols
 * and logging. libdkm itself is freestanding: it includes nothing but <stddef.h> and <stdint.h>. */
#ifndef DKM_DKM_H
#define DKM_DKM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Errors -------------------------------------------------------------------------------
 * Every failing call returns one of these (negative) and fills a struct dkm_error whose message
 * names the module and what was wrong, with the value: "dkm: mymod: unresolved symbols: 'a', 'b'".
 * dkm_errno() maps a code onto the closest errno for system-call results. */
enum dkm_err {
    DKM_OK = 0,
    /* resources and state */
    DKM_E_NOMEM = -1,            /* the port could not provide memory */
    DKM_E_INVAL = -2,            /* bad argument to a libdkm call */
    DKM_E_EXIST = -3,            /* a module with that name is already loaded */
    DKM_E_NOENT = -4,            /* no module with that name */
    DKM_E_BUSY = -5,             /* unload refused: used by other modules or held */
    DKM_E_TOO_BIG = -6,          /* a size exceeds the configured caps */
    /* ELF header */
    DKM_E_TRUNCATED = -10,       /* the image is shorter than the ELF header */
    DKM_E_BAD_MAGIC = -11,       /* not an ELF file */
    DKM_E_BAD_CLASS = -12,       /* not ELFCLASS32 */
    DKM_E_BAD_DATA = -13,        /* not little-endian */
    DKM_E_BAD_VERSION = -14,     /* e_version / EI_VERSION */
    DKM_E_BAD_MACHINE = -15,     /* e_machine is not the architecture's */
    DKM_E_BAD_TYPE = -16,        /* e_type is not ET_REL, ET_DYN or ET_EXEC */
    DKM_E_BAD_EHSIZE = -17,      /* e_ehsize, e_shentsize or e_phentsize wrong */
    /* section headers */
    DKM_E_SHDR_BOUNDS = -20,     /* section header table outside the image */
    DKM_E_SECTION_BOUNDS = -21,  /* a section's data outside the image (offset + size overflows) */
    DKM_E_SHSTRNDX = -22,        /* e_shstrndx out of range or not a string table */
    DKM_E_STRTAB = -23,          /* string table empty or not NUL-terminated */
    DKM_E_NAME_OFFSET = -24,     /* a name offset outside its string table */
    DKM_E_SH_LINK = -25,         /* sh_link out of range or pointing at the wrong section type */
    DKM_E_SH_INFO = -26,         /* sh_info out of range or pointing at the wrong section */
    DKM_E_ALIGN = -27,           /* alignment not a power of two, or above the cap */
    DKM_E_ENTSIZE = -28,         /* sh_entsize wrong for the section type */
    DKM_E_SECTION_COUNT = -29,   /* too many sections */
    /* program headers (ET_DYN, ET_EXEC) */
    DKM_E_PHDR_BOUNDS = -30,     /* program header table outside the image */
    DKM_E_SEGMENT_BOUNDS = -31,  /* a segment's file data outside the image, or filesz > memsz */
    DKM_E_SEGMENT_OVERLAP = -32, /* two PT_LOAD segments overlap */
    DKM_E_NO_SEGMENTS = -33,     /* no PT_LOAD segment */
    DKM_E_DYNAMIC = -34,         /* malformed PT_DYNAMIC / dynamic table */
    DKM_E_EXEC_RANGE = -35,      /* ET_EXEC whose range the port does not report free */
    /* symbols */
    DKM_E_SYMTAB = -40,          /* missing or malformed symbol table */
    DKM_E_SYM_INDEX = -41,       /* a symbol index out of range */
    DKM_E_SYM_SECTION = -42,     /* a symbol's section index out of range */
    DKM_E_SYM_VALUE = -43,       /* a symbol's value outside its section */
    DKM_E_UNRESOLVED = -44,      /* undefined symbols with no export (all are named) */
    DKM_E_EXPORT_DUP = -45,      /* a module exports a name that is already exported */
    DKM_E_EXPORT_UNDEF = -46,    /* .dkm.exports names a symbol the module does not define */
    /* relocations */
    DKM_E_RELOC_TYPE = -50,      /* unknown or unsupported relocation type */
    DKM_E_RELOC_OFFSET = -51,    /* relocation offset outside its target section */
    DKM_E_RELOC_OVERFLOW = -52,  /* a value does not fit the field */
    DKM_E_RELOC_TARGET = -53,    /* relocation section applies to a non-allocated section */
    DKM_E_ADDR_RANGE = -54,      /* the port gave memory above 4 GiB (32-bit modules) */
    /* module metadata and lifecycle */
    DKM_E_MODINFO = -60,         /* malformed .modinfo (unterminated string, no '=') */
    DKM_E_NAME = -61,            /* bad module name (empty, too long, bad characters) */
    DKM_E_ABI = -62,             /* built for an incompatible ABI */
    DKM_E_DEPENDS = -63,         /* a declared dependency is missing or its version does not match */
    DKM_E_PARAM_UNKNOWN = -64,   /* an argument names no parameter */
    DKM_E_PARAM_VALUE = -65,     /* an argument's value does not parse or does not fit */
    DKM_E_PARAM_DESC = -66,      /* malformed .dkm.params record */
    DKM_E_NO_INIT = -67,         /* no init function could be found */
    DKM_E_INIT_FAILED = -68,     /* init (or a constructor) returned non-zero */
    DKM_E_LOCKED = -69,          /* the loader is locked down */
    /* added with the first implementation */
    DKM_E_TABLE_ALIGN = -70,     /* a header, symbol or relocation table at a misaligned offset */
    DKM_E_SECTION_TYPE = -71,    /* a section type the loader does not support (SHT_RELA on i386) */
    DKM_E_GROUP = -72,           /* malformed COMDAT .group section */
    DKM_E_SYM_TYPE = -73,        /* unsupported symbol kind (thread-local, ifunc) */
    DKM_E_ENTRY = -74,           /* init, exit or a constructor outside the module's code */
    DKM_E_ARRAY = -75,           /* init/fini array or ctors/dtors size not a multiple of a pointer */
    DKM_E_FAULT = -76,           /* module code (a constructor or init) faulted; the port said so */
    DKM_E_EXEC_STACK = -77,      /* the module needs an executable stack the port does not give */
    /* trust */
    DKM_E_SIG_FORMAT = -78,      /* a signature trailer (dkm/modsig.h) that is malformed */
    DKM_E_GPL_ONLY = -79,        /* a module whose license is not GPL-compatible imports a GPL-only symbol */
};

#define DKM_ERRMSG_MAX 256

struct dkm_error {
    int code;                    /* enum dkm_err */
    char msg[DKM_ERRMSG_MAX];    /* "dkm: NAME: what was wrong (value)" */
    int init_result;             /* DKM_E_INIT_FAILED: the value init returned (e.g. -ENODEV) */
};

const char *dkm_strerror(int code);    /* short fixed text for a code */
int dkm_errno(int code);               /* positive errno (ENOEXEC, ENOENT, EBUSY, ...) */

/* ---- The port ------------------------------------------------------------------------------ */

enum { DKM_PROT_R = 1, DKM_PROT_W = 2, DKM_PROT_X = 4 };
enum { DKM_REGION_UNZEROED = 1 };   /* dkm_port.region_flags */
enum { DKM_LOG_ERR = 3, DKM_LOG_WARN = 4, DKM_LOG_INFO = 6, DKM_LOG_DEBUG = 7 };

struct dkm_port {
    void *ctx;                   /* passed back to every callback */
    size_t page_size;            /* regions are multiples of this */

    /* Module memory, page-granular: at most two allocations per module (one for what outlives
     * init, one for init-only code and data). region_alloc returns writable memory, zeroed unless
     * region_flags has DKM_REGION_UNZEROED; after relocation libdkm calls region_protect with the
     * final protection (R, RX or RW) on page-aligned sub-ranges of an allocation (a relocatable
     * module's protection classes, a linked image's segments); a relocatable module's
     * __ro_after_init pages (".data..ro_after_init") stay RW while init runs and get R once init
     * has returned. A port with W^X should map regions writable and non-executable and may refuse
     * W together with X (the load then fails). region_free takes an allocation back whole, in
     * whatever protections it has. Required. region_protect is optional: a port without it (NULL)
     * promises that region memory is readable, writable AND executable from region_alloc on,
     * because libdkm then never changes a protection and module code runs straight from that
     * memory. */
    void *(*region_alloc)(void *ctx, size_t size);
    int (*region_protect)(void *ctx, void *addr, size_t size, unsigned prot);
    void (*region_free)(void *ctx, void *addr, size_t size);
    /* DKM_REGION_UNZEROED: region_alloc's memory may hold stale bytes. libdkm then writes every
     * byte of it itself (sections, their gaps, bss, the tails of pages), so a port need not zero
     * pages that libdkm overwrites anyway; the module still sees zeroes wherever C says so. */
    unsigned region_flags;

    /* ET_EXEC support, optional (NULL: ET_EXEC is refused). Maps [addr, addr+size) zeroed and
     * writable and returns 0 if the range is free; returns a negative value otherwise. Released
     * with region_free. */
    int (*region_claim)(void *ctx, uintptr_t addr, size_t size);

    /* Loader bookkeeping memory (module records, hash tables, names). Required. */
    void *(*meta_alloc)(void *ctx, size_t size);
    void (*meta_free)(void *ctx, void *ptr, size_t size);

    /* Called for an undefined symbol that no export satisfies. Optional. Returns 0 and sets *addr
     * when found (e.g. dkm-host --libc resolves against the C library). */
    int (*resolve)(void *ctx, const char *name, uintptr_t *addr);

    /* Like resolve, and also tells whether the symbol is code (*is_code non-zero for a function).
     * Optional; when set it is used instead of resolve. A function the module refers to from a
     * field that cannot reach it (x86_64's 32-bit absolute and PC-relative fields, aarch64's
     * 26-bit branches, ...) then gets the address of a stub in the module that jumps to it, as a
     * linker's PLT entry would. Without it only branches go through stubs, and the port must place
     * module memory within reach of the data and function addresses it resolves (see
     * docs/porting-libdkm.md for each architecture's reach). */
    int (*resolve_typed)(void *ctx, const char *name, uintptr_t *addr, int *is_code);

    /* One line, without a trailing newline. Optional. */
    void (*log)(void *ctx, int level, const char *msg);

    /* Calls module code: an init/exit/constructor/destructor at fn, as int fn(const void *arg).
     * Returns DKM_CALL_RETURNED with the function's value in *result, or DKM_CALL_FAULTED when the
     * module code faulted (the port caught the fault and unwound the call; *result is unused) — a
     * value the function returned can never be mistaken for a fault. flags: DKM_CALL_EXEC_STACK
     * when the module asked for an executable stack (only ever set after exec_stack accepted).
     * Optional: NULL calls fn directly and cannot contain faults. A 64-bit host cannot call i386
     * code directly: without call, it must load with DKM_LOAD_NO_RUN (and its regions and
     * resolved symbols must lie below 4 GiB). */
    int (*call)(void *ctx, uintptr_t fn, const void *arg, unsigned flags, int *result);

    /* A module asks for an executable stack (.note.GNU-stack with SHF_EXECINSTR, or PT_GNU_STACK
     * with PF_X: gcc's nested-function trampolines). Returns 0 if the port will run that module's
     * calls on an executable stack (call then gets DKM_CALL_EXEC_STACK), non-zero to refuse.
     * Optional: NULL refuses such modules with DKM_E_EXEC_STACK. */
    int (*exec_stack)(void *ctx, const char *module);

    /* Makes instructions libdkm wrote to [addr, addr+size) visible to instruction fetch (clean
     * the data cache, invalidate the instruction cache). Called once per code region or segment
     * after relocation, before protection and before any module code runs. Optional: NULL is right
     * on x86, whose caches are coherent; required on ARM, AArch64 and RISC-V. */
    void (*icache_sync)(void *ctx, void *addr, size_t size);
};

enum { DKM_CALL_RETURNED = 0, DKM_CALL_FAULTED = 1 };
#define DKM_CALL_EXEC_STACK 0x1u

/* ---- The loader ----------------------------------------------------------------------------- */

struct dkm_loader;           /* one per host system: the module list and the export table */
struct dkm_module;           /* one loaded module */

struct dkm_config {
    uint32_t abi_version;        /* host ABI, (major << 16) | minor; 0 disables ABI checks */
    const void *init_arg;        /* passed to every init, e.g. the ark_kernel_api_t table */
    size_t max_image_size;       /* caps; 0 picks the defaults (64 MiB image, 4096 sections,  */
    size_t max_sections;         /*   page-size alignment)                                       */
    size_t max_align;
};

int dkm_loader_create(const struct dkm_port *port, const struct dkm_config *cfg,
                      struct dkm_loader **out);
/* Unloads every module (forced, in reverse dependency order) and frees everything. */
void dkm_loader_destroy(struct dkm_loader *ld);

/* Host exports: the functions and data of the host system that modules may import. Names are not
 * copied: they must outlive the loader (string literals, a kernel's symbol section). */
int dkm_export_add(struct dkm_loader *ld, const char *name, uintptr_t addr);
/* GPL-only exports may be imported only by modules whose license is GPL-compatible
 * (dkm_license_gpl_compatible); modules mark theirs with EXPORT_SYMBOL_GPL. */
#define DKM_EXPORT_GPL_ONLY 0x1u
int dkm_export_add_flags(struct dkm_loader *ld, const char *name, uintptr_t addr, unsigned flags);
/* "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL". */
int dkm_license_gpl_compatible(const char *license);
/* The hash the export table keys names by, never 0, and the name's length in *len (if not NULL):
 * what a module's .dkm.symhash section records for its imports (dkm/symhash.h). */
uint32_t dkm_symbol_hash(const char *name, uint32_t *len);
/* Finds an export of the host or of any loaded module. 0, or DKM_E_NOENT. */
int dkm_export_lookup(const struct dkm_loader *ld, const char *name, uintptr_t *addr,
                      struct dkm_module **owner);

/* Loading flags */
#define DKM_LOAD_NO_RUN    0x1u  /* link and relocate, but call no module code (validation, fuzzing) */
#define DKM_LOAD_KEEP_SYMS 0x2u  /* keep the symbol and section tables (backtraces, debuggers) */
#define DKM_LOAD_FORCE_ABI 0x4u  /* load despite an incompatible ABI record, with a warning (insmod -f) */
/* The caller keeps the image mapped, unchanged and read-only until the module is unloaded (a file
 * mapped PROT_READ, a ramdisk in memory): read-only data sections of at least a page that no
 * relocation targets are then used where they lie in the image instead of being copied. */
#define DKM_LOAD_IN_PLACE  0x80u
/* Without KEEP_SYMS a module still keeps its function symbols (12 bytes plus the name each) for
 * dkm_addr_lookup; KEEP_SYMS adds data symbols and a record per loaded section. */

struct dkm_load_opts {
    const char *name_hint;       /* file path or name: used when .modinfo has no name (the base
                                    name without directory and extension) and in messages */
    const char *args;            /* parameters, "a=1 b=x s=\"two words\" arr=1,2,3"; may be NULL */
    unsigned flags;              /* DKM_LOAD_* */
};

/* Loads a module from an ELF image in memory (which the caller keeps ownership of; 4-byte aligned).
 * An image ending in a signature trailer (dkm/modsig.h) is loaded from the bytes before it; checking
 * the signature is the host's policy, done before this call.
 * On success the module is live: constructors and init have run, init sections are freed. On
 * failure nothing remains: no memory, no exports, no references. A module needs an init function
 * (DKM_E_NO_INIT) unless it exports symbols or has constructors. */
int dkm_load_image(struct dkm_loader *ld, const void *image, size_t size,
                   const struct dkm_load_opts *opts, struct dkm_module **out, struct dkm_error *err);

#define DKM_UNLOAD_FORCE 0x1u    /* unload even when used by other modules or held */
#define DKM_UNLOAD_NO_RUN 0x2u   /* do not call exit or destructors */

/* Runs exit and destructors, removes exports, drops dependency references, frees memory. */
int dkm_unload(struct dkm_loader *ld, struct dkm_module *mod, unsigned flags, struct dkm_error *err);
int dkm_unload_by_name(struct dkm_loader *ld, const char *name, unsigned flags,
                       struct dkm_error *err);

/* ---- Inspecting modules ---------------------------------------------------------------------- */

struct dkm_module *dkm_find(const struct dkm_loader *ld, const char *name);
/* Iteration in load order: first with prev == NULL; NULL at the end. */
struct dkm_module *dkm_next(const struct dkm_loader *ld, const struct dkm_module *prev);
size_t dkm_module_count(const struct dkm_loader *ld);

enum dkm_state { DKM_STATE_LIVE = 0, DKM_STATE_COMING = 1, DKM_STATE_GOING = 2 };

struct dkm_module_info {
    const char *name;
    const char *version;         /* from .modinfo, or NULL */
    uintptr_t base;              /* start of the text region (0 if none) */
    size_t size;                 /* bytes of module memory held (all regions) */
    unsigned refcount;           /* users (modules depending on it) + holds */
    unsigned nusers;             /* modules depending on it */
    unsigned ndeps;              /* modules it depends on */
    enum dkm_state state;
    int elf_type;                /* 1 ET_REL, 2 ET_EXEC, 3 ET_DYN */
};
void dkm_module_info(const struct dkm_module *mod, struct dkm_module_info *out);

/* i-th module that depends on mod / that mod depends on; NULL past the end. */
struct dkm_module *dkm_module_user(const struct dkm_module *mod, unsigned i);
struct dkm_module *dkm_module_dep(const struct dkm_module *mod, unsigned i);

/* Holds keep a module from being unloaded (e.g. while one of its devices is open). */
void dkm_module_get(struct dkm_module *mod);
void dkm_module_put(struct dkm_module *mod);

/* .modinfo: the i-th value of key (i from 0), or NULL. dkm_modinfo_next iterates all entries:
 * pass NULL first; returns "key=value" strings. */
const char *dkm_modinfo_get(const struct dkm_module *mod, const char *key, unsigned i);
const char *dkm_modinfo_next(const struct dkm_module *mod, const char *prev);

/* Parameters: name, type text ("int", "array of string"...) and current value formatted into buf. */
unsigned dkm_param_count(const struct dkm_module *mod);
int dkm_param_get(const struct dkm_module *mod, unsigned i, const char **name, const char **type,
                  char *buf, size_t size);
/* Sets one parameter at run time (e.g. a write to /proc/dkm/NAME/parameters/P). */
int dkm_param_set(struct dkm_module *mod, const char *name, const char *value,
                  struct dkm_error *err);

/* Any symbol of the module (not only exports); needs DKM_LOAD_KEEP_SYMS for non-exported ones. */
int dkm_module_symbol(const struct dkm_module *mod, const char *name, uintptr_t *addr);

/* Which module, symbol and offset an address falls in (backtraces: "sym+0x1c [mod]").
 * Returns 0 if addr is inside a loaded module; *sym is NULL when no symbol covers it. */
int dkm_addr_lookup(const struct dkm_loader *ld, uintptr_t addr, struct dkm_module **mod,
                    const char **sym, uintptr_t *offset);

/* Allocated sections with their load addresses (".text", ".data", ...): for dmesg and for a
 * debugger's add-symbol-file. Iterate i from 0 until it returns non-zero. Without
 * DKM_LOAD_KEEP_SYMS only the per-protection regions are reported (".text", ".rodata", ".data",
 * ".data..ro_after_init").
 * Init-only sections (".init.text", ...) are listed, after the others, only while the module is
 * still coming (from the "init" phase hook until init returns): their memory is freed after. */
int dkm_module_section(const struct dkm_module *mod, unsigned i, const char **name, uintptr_t *addr,
                       size_t *size);

/* ---- Accounting -------------------------------------------------------------------------------
 * What libdkm currently holds through the port: tests prove a failed load leaves nothing. */
struct dkm_stats {
    size_t meta_bytes, meta_blocks;       /* via meta_alloc */
    size_t region_bytes, region_blocks;   /* via region_alloc / region_claim */
    size_t peak_meta_bytes;               /* high-water mark of meta_bytes */
    size_t exports;                       /* entries in the export table (host + modules) */
    size_t imports_prehashed;             /* imports found by their .dkm.symhash entry, ever */
};
void dkm_stats(const struct dkm_loader *ld, struct dkm_stats *out);

/* Optional per-phase timing: when set, libdkm calls it at each phase boundary of a load or
 * unload with the phase name ("read", "validate", "layout", "resolve", "relocate", "init",
 * "unload"), and "done" when the load or unload ends; benchmarks record timestamps there.
 * NULL (the default) costs nothing. "read" is the caller's own phase (reading the file). */
typedef void (*dkm_phase_hook_t)(void *arg, const char *phase);
void dkm_set_phase_hook(struct dkm_loader *ld, dkm_phase_hook_t hook, void *arg);

#ifdef __cplusplus
}
#endif

#endif
