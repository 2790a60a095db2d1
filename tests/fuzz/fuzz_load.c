/* fuzz_load.c — libFuzzer target for libdkm's whole load path: validate, lay out, resolve, relocate,
 * parse metadata and parameters, register exports, then unload, all with DKM_LOAD_NO_RUN. After
 * every input it proves the loader holds nothing more than before and never called module code.
 *
 * Input format: an ELF image, then optionally parameters, then one trailer byte T. When
 * (T & 0x7f) <= FUZZ_MAX_ARGS and the input is long enough, the (T & 0x7f) bytes before T are the
 * parameter string and bit 7 of T asks for DKM_LOAD_KEEP_SYMS; otherwise the whole input is the
 * image. The seed corpus (tests/fuzz/mkseeds) uses this layout. */
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
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
