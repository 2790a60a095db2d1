/* tests/libdkm-behaviour/harness.h — what every behaviour test shares: a fresh loader per test with
 * the Linux port and the host kernel API, fixture loading by name for the current compiler and
 * code model, captured printk output and log lines, and the residue checks that run after every
 * load (failing or not) and every unload. */
#ifndef BEHAVIOUR_HARNESS_H
#define BEHAVIOUR_HARNESS_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dkm/dkm.h"
#include "port_linux.h"

#define FX_OUT_MAX 16384
#define FX_MAX_LOADED 16

struct fx_loaded {
    struct dkm_module *mod;
    struct dkm_stats before;     /* stats just before this module was loaded */
    bool before_valid;           /* false once a module loaded earlier was unloaded */
    void *image;
};

struct fx {
    struct port_linux port;
    struct dkm_loader *ld;
    struct dkm_stats base;       /* right after the loader and host exports were set up */
    char out[FX_OUT_MAX];        /* everything modules printed */
    size_t out_len;
    char log[FX_OUT_MAX];        /* "LEVEL msg" lines from libdkm */
    size_t log_len;
    struct dkm_error err;        /* of the last fx_load / fx_unload */
    struct fx_loaded loaded[FX_MAX_LOADED];
    unsigned nloaded;
};

/* The fixture root (build/fixtures) and the variant under test ("gcc-pic"). */
extern const char *fx_root;
extern const char *fx_variant;

/* cmocka group setup/teardown: *state becomes a struct fx. */
int fx_setup(void **state);
int fx_teardown(void **state);

/* Loads FILE (e.g. "hello.o") of the current variant; returns libdkm's code. After a failure it
 * asserts that the loader holds exactly what it held before; after success it records the module. */
int fx_load(struct fx *f, const char *file, const char *args, unsigned flags,
            struct dkm_module **out);
/* Loads and asserts success. */
struct dkm_module *fx_load_ok(struct fx *f, const char *file, const char *args, unsigned flags);
/* Unloads; when it succeeds and the module was the last one loaded, asserts that everything it
 * took was given back, and when no module is left, that the loader is back to its baseline. */
int fx_unload(struct fx *f, struct dkm_module *mod, unsigned flags);

/* Asserts that dkm_stats equals what the port itself counted (libdkm's accounting is exact). */
void fx_check_port_agrees(const struct fx *f);
/* Asserts two snapshots hold the same memory and exports; what says when. */
void fx_expect_same(const struct dkm_stats *want, const struct dkm_stats *got, const char *what);

/* Output checks: substring present / absent; position of a substring (-1 if absent). */
void fx_expect_out(const struct fx *f, const char *text);
void fx_expect_no_out(const struct fx *f, const char *text);
long fx_out_pos(const struct fx *f, const char *text);
void fx_expect_msg(const struct fx *f, const char *text);   /* in err.msg */
void fx_clear_out(struct fx *f);

/* The value of an exported int of a module (fixtures publish results that way). */
int fx_export_int(const struct fx *f, const char *name);
/* Whether the current variant has this fixture file. */
int fx_have(const char *file);
/* Full path of a fixture file of the current variant (static buffer). */
const char *fx_path(const char *file);

#endif
