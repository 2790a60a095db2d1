/* fuzz_load.c — libFuzzer target for the whole of libdkm: validate, lay out, resolve, relocate,
 * parse metadata and parameters, register exports, unload, all with DKM_LOAD_NO_RUN; and, driven by
 * the input, scenarios of several modules (a provider and its consumers, dependency ranges,
 * exports between modules, run-time parameter writes, unload by name, forced unload, destroying
 * the loader with modules loaded). After every step it proves the loader holds nothing it should
 * not, and it never lets module code be called.
 *
 * Two input formats:
 *  - one module: an ELF image, then optionally parameters, then one trailer byte T. When
 *    (T & 0x7f) <= FUZZ_MAX_ARGS and the input is long enough, the (T & 0x7f) bytes before T are
 *    the parameter string and bit 7 of T asks for DKM_LOAD_KEEP_SYMS; otherwise the whole input is
 *    the image.
 *  - a scenario: "DKMF" then operations, each an opcode byte and its operands (see fuzz_scenario).
 * The seed corpus (tests/fuzz/mkseeds) has both. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dkm/dkm.h"
#include "port_linux.h"

#define FUZZ_MAX_ARGS 100

/* Names the host exports (as a kernel would) and names the port's resolve() knows (as dkm-host
 * --libc would). Their addresses are on one low page: nothing runs, but i386 relocations
 * against them must fit 32 bits. */
static const char *const fuzz_exports[] = {
    "host_log", "printk", "kmalloc", "kfree", "kzalloc", "dev_register", "dev_unregister",
    "proc_create", "proc_remove", "seq_printf", "timer_create", "timer_start", "timer_stop",
    "irq_register", "irq_unregister", "uptime_ms", "copy_to_user", "copy_from_user",
    "ark_version", "jiffies",
};
static const char *const fuzz_resolvable[] = {
    "memcpy", "memset", "memmove", "memcmp", "strlen", "strcmp", "strcpy", "printf", "puts",
    "putchar", "malloc", "free", "calloc", "realloc", "qsort", "abort", "exit", "stdout",
    "sqrt", "sin", "__stack_chk_fail",
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uintptr_t fuzz_page;

static void fuzz_die(const char *what)
{
    fprintf(stderr, "fuzz_load: %s\n", what);
    abort();
}

static int fuzz_resolve(void *ctx, const char *name, uintptr_t *addr)
{
    (void)ctx;
    for (size_t i = 0; i < NELEM(fuzz_resolvable); i++)
        if (strcmp(name, fuzz_resolvable[i]) == 0) {
            *addr = fuzz_page + 0x800 + 8 * i;
            return 0;
        }
    return -1;
}

static int fuzz_call(void *ctx, uintptr_t fn, const void *arg, unsigned flags, int *result)
{
    (void)ctx;
    (void)fn;
    (void)arg;
    (void)flags;
    (void)result;
    fuzz_die("module code was called although DKM_LOAD_NO_RUN was given");
    return -1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if (p == MAP_FAILED)
        fuzz_die("cannot map the low export page");
    fuzz_page = (uintptr_t)p;
    return 0;
}

/* Uses the read-only inspection API on a loaded module, so its code is fuzzed too. */
static void fuzz_inspect(struct dkm_loader *ld, struct dkm_module *mod)
{
    struct dkm_module_info info;
    dkm_module_info(mod, &info);
    if (dkm_find(ld, info.name) != mod)
        fuzz_die("a loaded module is not found by its name");
    for (const char *e = dkm_modinfo_next(mod, NULL); e; e = dkm_modinfo_next(mod, e))
        (void)strlen(e);
    (void)dkm_modinfo_get(mod, "version", 0);
    char buf[128];
    for (unsigned i = 0; i < dkm_param_count(mod); i++) {
        const char *name, *type;
        (void)dkm_param_get(mod, i, &name, &type, buf, sizeof buf);
    }
    const char *name;
    uintptr_t addr;
    size_t size;
    for (unsigned i = 0; i < 64 && dkm_module_section(mod, i, &name, &addr, &size) == 0; i++) {
        struct dkm_module *owner;
        const char *sym;
        uintptr_t off;
        if (size && dkm_addr_lookup(ld, addr, &owner, &sym, &off) == 0 && owner != mod)
            fuzz_die("an address of a module's section is attributed to another module");
    }
    (void)dkm_module_symbol(mod, "module_init", &addr);
    struct dkm_module *owner = mod;
    if (dkm_export_lookup(ld, "printk", &addr, &owner) != DKM_OK || owner != NULL)
        fuzz_die("a host export is not found, or not as the host's");
    (void)dkm_export_lookup(ld, info.name, &addr, &owner);
    /* dependency edges agree from both sides */
    for (unsigned i = 0; i < 64; i++) {
        struct dkm_module *dep = dkm_module_dep(mod, i);
        if (!dep)
            break;
        bool back = false;
        for (unsigned j = 0; j < 64 && dkm_module_user(dep, j); j++)
            back |= dkm_module_user(dep, j) == mod;
        if (!back)
            fuzz_die("a module's dependency does not list it as a user");
    }
    size_t listed = 0;
    for (struct dkm_module *m = dkm_next(ld, NULL); m; m = dkm_next(ld, m))
        listed++;
    if (listed != dkm_module_count(ld))
        fuzz_die("the module list and the module count disagree");
}

/* ---- Scenarios -------------------------------------------------------------------------------
 * Operations (slot: one of FUZZ_SLOTS module slots, taken modulo):
 *   'L' slot flags u8:hintlen hint u16:argslen args u32:imagelen image
 *                                                         load (flags bit 0: KEEP_SYMS); the hint
 *                                                         names the module without .modinfo name
 *   'U' slot                                              unload that slot's module
 *   'N' u8:len name                                       unload by name (any name)
 *   'F' slot                                              forced unload
 *   'P' slot u8:nlen name u8:vlen value                   dkm_param_set
 *   'H' slot / 'R' slot                                   hold / release the module
 *   'I' slot                                              inspect
 *   'D'                                                   destroy the loader and start again
 * An operand that runs past the input ends the scenario. */

#define FUZZ_SLOTS 4

struct fuzz_world {
    struct port_linux port;
    struct dkm_loader *ld;
    struct dkm_stats baseline;       /* with nothing loaded */
    struct dkm_module *mod[FUZZ_SLOTS];
    uint8_t *image[FUZZ_SLOTS];      /* images stay allocated while their module is loaded */
    unsigned holds[FUZZ_SLOTS];
};

static void world_create(struct fuzz_world *w)
{
    port_linux_init(&w->port, PORT_LINUX_QUIET);
    w->port.port.resolve = fuzz_resolve;
    w->port.port.call = fuzz_call;
    struct dkm_config cfg = { .abi_version = (1u << 16), .max_image_size = 8u << 20 };
    if (dkm_loader_create(&w->port.port, &cfg, &w->ld) != DKM_OK)
        fuzz_die("dkm_loader_create failed");
    for (size_t i = 0; i < NELEM(fuzz_exports); i++)
        if (dkm_export_add(w->ld, fuzz_exports[i], fuzz_page + 16 * i) != DKM_OK)
            fuzz_die("dkm_export_add failed");
    dkm_stats(w->ld, &w->baseline);
    memset(w->mod, 0, sizeof w->mod);
    memset(w->holds, 0, sizeof w->holds);
}

/* Module records may be gone after a forced unload of a dependency: forget slots whose module is
 * no longer listed. */
static void world_sync(struct fuzz_world *w)
{
    for (unsigned s = 0; s < FUZZ_SLOTS; s++) {
        if (!w->mod[s])
            continue;
        bool listed = false;
        for (struct dkm_module *m = dkm_next(w->ld, NULL); m; m = dkm_next(w->ld, m))
            listed |= m == w->mod[s];
        if (!listed) {
            w->mod[s] = NULL;
            w->holds[s] = 0;
            free(w->image[s]);
            w->image[s] = NULL;
        }
    }
}

/* With no module loaded the loader must be back at its baseline (export table capacity aside). */
static void world_check_empty(struct fuzz_world *w)
{
    if (dkm_module_count(w->ld) != 0)
        return;
    struct dkm_stats now;
    dkm_stats(w->ld, &now);
    if (now.region_bytes || now.region_blocks || now.meta_blocks != w->baseline.meta_blocks ||
        now.exports != w->baseline.exports)
        fuzz_die("the loader holds memory or exports with no module loaded");
}

static void world_destroy(struct fuzz_world *w)
{
    dkm_loader_destroy(w->ld);
    if (w->port.meta_bytes || w->port.meta_blocks || w->port.region_bytes || w->port.region_blocks)
        fuzz_die("the port still holds memory after dkm_loader_destroy");
    port_linux_fini(&w->port);
    for (unsigned s = 0; s < FUZZ_SLOTS; s++) {
        free(w->image[s]);
        w->image[s] = NULL;
    }
}

struct fuzz_in {
    const uint8_t *p, *end;
};

static bool take(struct fuzz_in *in, void *out, size_t n)
{
    if ((size_t)(in->end - in->p) < n)
        return false;
    memcpy(out, in->p, n);
    in->p += n;
    return true;
}

static void check_error(int rc, const struct dkm_error *err)
{
    if (err->code != rc || strncmp(err->msg, "dkm: ", 5) != 0 || memchr(err->msg, 0, sizeof err->msg) == NULL)
        fuzz_die("a failed call did not fill in its error properly");
    if (strcmp(dkm_strerror(rc), "unknown error") == 0 || dkm_errno(rc) <= 0)
        fuzz_die("a returned error code has no text or no errno");
}

static void op_load(struct fuzz_world *w, struct fuzz_in *in)
{
    uint8_t slot, flags, hlen;
    uint16_t alen;
    uint32_t ilen;
    char args[FUZZ_MAX_ARGS + 1], hint[64];
    if (!take(in, &slot, 1) || !take(in, &flags, 1) || !take(in, &hlen, 1))
        return;
    hlen %= sizeof hint;
    if (!take(in, hint, hlen) || !take(in, &alen, 2))
        return;
    hint[hlen] = 0;
    alen %= FUZZ_MAX_ARGS + 1;
    if (!take(in, args, alen) || !take(in, &ilen, 4) || ilen > (size_t)(in->end - in->p))
        return;
    args[alen] = 0;
    slot %= FUZZ_SLOTS;
    uint8_t *image = malloc(ilen ? ilen : 1);
    if (!image)
        return;
    memcpy(image, in->p, ilen);
    in->p += ilen;
    if (w->mod[slot]) {
        free(image);
        return;
    }
    struct dkm_load_opts opts = { .name_hint = hint, .args = alen ? args : NULL,
                                  .flags = DKM_LOAD_NO_RUN | ((flags & 1) ? DKM_LOAD_KEEP_SYMS : 0) };
    struct dkm_stats before, after;
    dkm_stats(w->ld, &before);
    struct dkm_error err;
    int rc = dkm_load_image(w->ld, image, ilen, &opts, &w->mod[slot], &err);
    if (rc != DKM_OK) {
        check_error(rc, &err);
        dkm_stats(w->ld, &after);
        if (after.region_bytes != before.region_bytes || after.meta_blocks != before.meta_blocks ||
            after.exports != before.exports)
            fuzz_die("a failed load left memory or exports behind");
        w->mod[slot] = NULL;
        free(image);
        return;
    }
    w->image[slot] = image;
    fuzz_inspect(w->ld, w->mod[slot]);
}

static void op_unload(struct fuzz_world *w, uint8_t slot, unsigned flags)
{
    struct dkm_module *mod = w->mod[slot % FUZZ_SLOTS];
    if (!mod)
        return;
    struct dkm_error err;
    int rc = dkm_unload(w->ld, mod, flags | DKM_UNLOAD_NO_RUN, &err);
    if (rc != DKM_OK) {
        check_error(rc, &err);
        if ((flags & DKM_UNLOAD_FORCE) || rc != DKM_E_BUSY)
            fuzz_die("an unload that may not fail failed");
    }
    world_sync(w);
}

static void op_unload_name(struct fuzz_world *w, struct fuzz_in *in)
{
    uint8_t len;
    char name[64];
    if (!take(in, &len, 1))
        return;
    len %= sizeof name;
    if (!take(in, name, len))
        return;
    name[len] = 0;
    struct dkm_module *target = dkm_find(w->ld, name);
    struct dkm_error err;
    int rc = dkm_unload_by_name(w->ld, name, DKM_UNLOAD_NO_RUN, &err);
    if (rc != DKM_OK)
        check_error(rc, &err);
    if (!target && rc != DKM_E_NOENT)
        fuzz_die("unload of an unknown name did not say DKM_E_NOENT");
    world_sync(w);
}

static void op_param(struct fuzz_world *w, struct fuzz_in *in)
{
    uint8_t slot, nlen, vlen;
    char name[256], value[256];
    if (!take(in, &slot, 1) || !take(in, &nlen, 1) || !take(in, name, nlen) || !take(in, &vlen, 1) ||
        !take(in, value, vlen))
        return;
    name[nlen] = 0;
    value[vlen] = 0;
    struct dkm_module *mod = w->mod[slot % FUZZ_SLOTS];
    if (!mod)
        return;
    struct dkm_error err;
    int rc = dkm_param_set(mod, name, value, &err);
    if (rc != DKM_OK)
        check_error(rc, &err);
    fuzz_inspect(w->ld, mod);
}

static void fuzz_scenario(const uint8_t *data, size_t size)
{
    struct fuzz_world w;
    memset(&w, 0, sizeof w);
    world_create(&w);
    struct fuzz_in in = { data, data + size };
    uint8_t op, slot;
    unsigned steps = 0;
    while (steps++ < 64 && take(&in, &op, 1)) {
        switch (op) {
        case 'L': op_load(&w, &in); break;
        case 'U': if (take(&in, &slot, 1)) op_unload(&w, slot, 0); break;
        case 'F': if (take(&in, &slot, 1)) op_unload(&w, slot, DKM_UNLOAD_FORCE); break;
        case 'N': op_unload_name(&w, &in); break;
        case 'P': op_param(&w, &in); break;
        case 'H':
            if (take(&in, &slot, 1) && w.mod[slot % FUZZ_SLOTS]) {
                dkm_module_get(w.mod[slot % FUZZ_SLOTS]);
                w.holds[slot % FUZZ_SLOTS]++;
            }
            break;
        case 'R':
            if (take(&in, &slot, 1) && w.mod[slot % FUZZ_SLOTS] && w.holds[slot % FUZZ_SLOTS]) {
                dkm_module_put(w.mod[slot % FUZZ_SLOTS]);
                w.holds[slot % FUZZ_SLOTS]--;
            }
            break;
        case 'I':
            if (take(&in, &slot, 1) && w.mod[slot % FUZZ_SLOTS])
                fuzz_inspect(w.ld, w.mod[slot % FUZZ_SLOTS]);
            break;
        case 'D':
            world_destroy(&w);
            world_create(&w);
            break;
        default:
            break;
        }
        world_check_empty(&w);
    }
    world_destroy(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (size >= 4 && memcmp(data, "DKMF", 4) == 0) {
        fuzz_scenario(data + 4, size - 4);
        return 0;
    }
    char args[FUZZ_MAX_ARGS + 1];
    const char *argp = NULL;
    unsigned flags = DKM_LOAD_NO_RUN;
    size_t image_size = size;
    uint8_t t = data[size - 1];
    if ((t & 0x7fu) <= FUZZ_MAX_ARGS && (size_t)(t & 0x7fu) + 1 <= size) {
        size_t n = t & 0x7fu;
        image_size = size - 1 - n;
        memcpy(args, data + image_size, n);
        args[n] = 0;
        argp = n ? args : NULL;
        if (t & 0x80u)
            flags |= DKM_LOAD_KEEP_SYMS;
    }
    /* An exact-size heap copy: any read past the image is an ASan report. */
    uint8_t *image = malloc(image_size ? image_size : 1);
    if (image == NULL)
        return 0;
    memcpy(image, data, image_size);

    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET);
    p.port.resolve = fuzz_resolve;
    p.port.call = fuzz_call;
    struct dkm_config cfg = { .abi_version = (1u << 16), .max_image_size = 8u << 20 };
    struct dkm_loader *ld;
    if (dkm_loader_create(&p.port, &cfg, &ld) != DKM_OK)
        fuzz_die("dkm_loader_create failed");
    for (size_t i = 0; i < NELEM(fuzz_exports); i++)
        if (dkm_export_add(ld, fuzz_exports[i], fuzz_page + 16 * i) != DKM_OK)
            fuzz_die("dkm_export_add failed");
    struct dkm_stats before, after;
    dkm_stats(ld, &before);

    struct dkm_load_opts opts = { .name_hint = "fuzz.ko", .args = argp, .flags = flags };
    struct dkm_error err;
    struct dkm_module *mod = NULL;
    int rc = dkm_load_image(ld, image, image_size, &opts, &mod, &err);
    if (rc == DKM_OK) {
        fuzz_inspect(ld, mod);
        /* the same image again: refused as a duplicate, without disturbing the first */
        struct dkm_module *again = NULL;
        if (dkm_load_image(ld, image, image_size, &opts, &again, &err) == DKM_OK)
            fuzz_die("the same module loaded twice");
        if (dkm_unload(ld, mod, DKM_UNLOAD_NO_RUN, &err) != DKM_OK)
            fuzz_die("unloading a freshly loaded module failed");
    } else {
        if (err.code != rc || strncmp(err.msg, "dkm: ", 5) != 0 ||
            memchr(err.msg, 0, sizeof err.msg) == NULL)
            fuzz_die("a failed load did not fill in its error properly");
        if (strcmp(dkm_strerror(rc), "unknown error") == 0 || dkm_errno(rc) <= 0)
            fuzz_die("a returned error code has no text or no errno");
    }
    dkm_stats(ld, &after);
    if (after.region_bytes || after.region_blocks || after.meta_bytes != before.meta_bytes ||
        after.meta_blocks != before.meta_blocks || after.exports != before.exports ||
        dkm_module_count(ld) != 0)
        fuzz_die("the loader holds memory, exports or modules after the load was undone");
    dkm_loader_destroy(ld);
    if (p.meta_bytes || p.meta_blocks || p.region_bytes || p.region_blocks)
        fuzz_die("the port still holds memory after dkm_loader_destroy");
    port_linux_fini(&p);
    free(image);
    return 0;
}
