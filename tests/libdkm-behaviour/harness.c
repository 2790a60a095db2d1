/* tests/libdkm-behaviour/harness.c — the shared test harness (see harness.h). */
#define _GNU_SOURCE
#include "harness.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ark/abi.h"
#include "host_kapi.h"

const char *fx_root = "build/fixtures";
const char *fx_variant = "gcc-nopic";

static void fx_printk_sink(void *arg, int level, const char *text)
{
    struct fx *f = arg;
    (void)level;
    size_t n = strlen(text);
    if (f->out_len + n < sizeof(f->out)) {
        memcpy(f->out + f->out_len, text, n + 1);
        f->out_len += n;
    }
}

static void fx_log_sink(void *arg, int level, const char *msg)
{
    struct fx *f = arg;
    int n = snprintf(f->log + f->log_len, sizeof(f->log) - f->log_len, "%d %s\n", level, msg);
    if (n > 0 && f->log_len + (size_t)n < sizeof(f->log))
        f->log_len += (size_t)n;
}

int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (f == NULL)
        return -1;
    port_linux_init(&f->port, PORT_LINUX_CATCH);
    f->port.log_sink = fx_log_sink;
    f->port.log_sink_arg = f;
    struct dkm_config cfg = { .abi_version = ARK_ABI_CURRENT, .init_arg = host_kapi_table() };
    if (dkm_loader_create(&f->port.port, &cfg, &f->ld) != 0 || host_kapi_init(f->ld) != 0) {
        free(f);
        return -1;
    }
    /* Absolute values for the narrow relocations of narrow.S and narrow_overflow.S. */
    if (dkm_export_add(f->ld, "fx_abs8", 0x5a) != 0 || dkm_export_add(f->ld, "fx_abs16", 0x1234) != 0 ||
        dkm_export_add(f->ld, "fx_abs_big", 0x12345) != 0) {
        free(f);
        return -1;
    }
    host_kapi_set_printk_sink(fx_printk_sink, f);
    dkm_stats(f->ld, &f->base);
    *state = f;
    return 0;
}

/* Destroying the loader must return every byte the port handed out, even with modules loaded. */
int fx_teardown(void **state)
{
    struct fx *f = *state;
    dkm_loader_destroy(f->ld);
    host_kapi_fini();
    host_kapi_set_printk_sink(NULL, NULL);
    int leaked = f->port.meta_bytes != 0 || f->port.meta_blocks != 0 || f->port.region_bytes != 0 ||
                 f->port.region_blocks != 0;
    if (leaked)
        fprintf(stderr, "loader destroy left %zu meta bytes in %zu blocks, %zu region bytes\n",
                f->port.meta_bytes, f->port.meta_blocks, f->port.region_bytes);
    port_linux_fini(&f->port);
    for (unsigned i = 0; i < f->nloaded; i++)
        free(f->loaded[i].image);
    free(f);
    return leaked ? -1 : 0;
}

const char *fx_path(const char *file)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s/%s", fx_root, fx_variant, file);
    return path;
}

int fx_have(const char *file)
{
    FILE *fp = fopen(fx_path(file), "rb");
    if (fp != NULL)
        fclose(fp);
    return fp != NULL;
}

static void *fx_read(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        fail_msg("cannot open fixture %s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    void *buf = malloc(n > 0 ? (size_t)n : 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *size = (size_t)n;
    return buf;
}

void fx_expect_same(const struct dkm_stats *want, const struct dkm_stats *got, const char *what)
{
    if (want->meta_bytes != got->meta_bytes || want->meta_blocks != got->meta_blocks ||
        want->region_bytes != got->region_bytes || want->region_blocks != got->region_blocks ||
        want->exports != got->exports)
        fail_msg("residue %s: meta %zu bytes/%zu blocks (want %zu/%zu), regions %zu bytes/%zu blocks "
                 "(want %zu/%zu), exports %zu (want %zu)",
                 what, got->meta_bytes, got->meta_blocks, want->meta_bytes, want->meta_blocks,
                 got->region_bytes, got->region_blocks, want->region_bytes, want->region_blocks,
                 got->exports, want->exports);
}

void fx_check_port_agrees(const struct fx *f)
{
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    if (s.meta_bytes != f->port.meta_bytes || s.meta_blocks != f->port.meta_blocks ||
        s.region_bytes != f->port.region_bytes || s.region_blocks != f->port.region_blocks)
        fail_msg("dkm_stats (meta %zu/%zu, regions %zu/%zu) disagrees with the port (meta %zu/%zu, "
                 "regions %zu/%zu)",
                 s.meta_bytes, s.meta_blocks, s.region_bytes, s.region_blocks, f->port.meta_bytes,
                 f->port.meta_blocks, f->port.region_bytes, f->port.region_blocks);
}

/* Residue is compared byte for byte. libdkm's export table grows past 40 entries and keeps its
 * capacity, which is not a leak; the host exports plus those of the fixtures loaded together stay
 * below that, so any difference here is memory a load or unload failed to return. */
int fx_load(struct fx *f, const char *file, const char *args, unsigned flags,
            struct dkm_module **out)
{
    size_t size;
    void *image = fx_read(fx_path(file), &size);
    struct dkm_stats before, after;
    dkm_stats(f->ld, &before);
    struct dkm_load_opts opts = { .name_hint = fx_path(file), .args = args, .flags = flags };
    struct dkm_module *mod = NULL;
    memset(&f->err, 0, sizeof(f->err));
    int rc = dkm_load_image(f->ld, image, size, &opts, &mod, &f->err);
    dkm_stats(f->ld, &after);
    fx_check_port_agrees(f);
    if (rc != 0) {
        free(image);
        assert_int_equal(f->err.code, rc);
        if (f->err.msg[0] == '\0')
            fail_msg("load of %s failed (%d) without a message", file, rc);
        char what[128];
        snprintf(what, sizeof(what), "after the failed load of %s (%s)", file, dkm_strerror(rc));
        fx_expect_same(&before, &after, what);
        if (out)
            *out = NULL;
        return rc;
    }
    assert_non_null(mod);
    assert_true(f->nloaded < FX_MAX_LOADED);
    f->loaded[f->nloaded++] = (struct fx_loaded){ mod, before, true, image };
    if (out)
        *out = mod;
    return 0;
}

struct dkm_module *fx_load_ok(struct fx *f, const char *file, const char *args, unsigned flags)
{
    struct dkm_module *mod;
    int rc = fx_load(f, file, args, flags, &mod);
    if (rc != 0)
        fail_msg("load of %s/%s failed: %s (%s)", fx_variant, file, f->err.msg, dkm_strerror(rc));
    return mod;
}

int fx_unload(struct fx *f, struct dkm_module *mod, unsigned flags)
{
    unsigned idx = f->nloaded;
    for (unsigned i = 0; i < f->nloaded; i++)
        if (f->loaded[i].mod == mod)
            idx = i;
    assert_true(idx < f->nloaded);
    struct dkm_stats before, after;
    dkm_stats(f->ld, &before);
    memset(&f->err, 0, sizeof(f->err));
    int rc = dkm_unload(f->ld, mod, flags, &f->err);
    dkm_stats(f->ld, &after);
    fx_check_port_agrees(f);
    if (rc != 0) {
        fx_expect_same(&before, &after, "after a refused unload");
        return rc;
    }
    struct fx_loaded gone = f->loaded[idx];
    bool was_last = idx == f->nloaded - 1;
    /* Snapshots of modules loaded after this one included it: they no longer apply. */
    for (unsigned j = idx + 1; j < f->nloaded; j++)
        f->loaded[j].before_valid = false;
    free(gone.image);
    memmove(&f->loaded[idx], &f->loaded[idx + 1], (f->nloaded - idx - 1) * sizeof(f->loaded[0]));
    f->nloaded--;
    if (was_last && gone.before_valid)
        fx_expect_same(&gone.before, &after, "after unload");
    if (dkm_module_count(f->ld) == 0)
        fx_expect_same(&f->base, &after, "with every module unloaded");
    return 0;
}

void fx_expect_out(const struct fx *f, const char *text)
{
    if (strstr(f->out, text) == NULL)
        fail_msg("expected output \"%s\"; modules printed:\n%s", text, f->out);
}

void fx_expect_no_out(const struct fx *f, const char *text)
{
    if (strstr(f->out, text) != NULL)
        fail_msg("unexpected output \"%s\"; modules printed:\n%s", text, f->out);
}

long fx_out_pos(const struct fx *f, const char *text)
{
    const char *p = strstr(f->out, text);
    return p ? p - f->out : -1;
}

void fx_expect_msg(const struct fx *f, const char *text)
{
    if (strstr(f->err.msg, text) == NULL)
        fail_msg("expected \"%s\" in the error message \"%s\"", text, f->err.msg);
}

void fx_clear_out(struct fx *f)
{
    f->out[0] = '\0';
    f->out_len = 0;
}

int fx_export_int(const struct fx *f, const char *name)
{
    uintptr_t addr = 0;
    struct dkm_module *owner = NULL;
    if (dkm_export_lookup(f->ld, name, &addr, &owner) != 0)
        fail_msg("no export '%s'", name);
    assert_non_null(owner);
    return *(const int *)addr;
}
