/* host/dkm_host.c — dkm-host: loads ark modules into this Linux process with libdkm and runs them
 * against a host version of the kernel API, so that a module's init and exit (or any function of
 * a plain C program) can be tried and tested without booting ark.
 *     dkm-host [options] MODULE [name=value ...] */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ark/abi.h"
#include "dkm/dkm.h"
#include "host_kapi.h"
#include "host_report.h"
#include "port_linux.h"

#define HOST_EXIT_MODULE 1       /* the module failed: load, init, exit, unload, or left residue */
#define HOST_EXIT_USAGE 2        /* bad command line or unreadable file */
#define HOST_MAX_FIRST 64

struct host_file {
    const char *path;
    void *data;
    size_t size;
    struct dkm_module *mod;
    char name[64];
};

struct host {
    const char *entry;
    bool libc, no_run, verbose;
    struct host_file first[HOST_MAX_FIRST];
    unsigned nfirst;
    struct host_file main;
    char *args;
    struct port_linux port;
    struct dkm_loader *ld;
};

static void host_usage(FILE *out)
{
    fprintf(out,
            "usage: dkm-host [options] MODULE [name=value ...]\n"
            "Loads an ark kernel module into this process and runs its init, then its exit,\n"
            "then unloads it. The exit status is 0 only if all of that succeeded.\n"
            "\n"
            "  --entry SYMBOL      call int SYMBOL(int argc, char **argv) instead of init and\n"
            "                      exit with its return value\n"
            "  --libc              resolve remaining undefined symbols against the C library\n"
            "  --no-run            load, link and unload without calling module code\n"
            "  --load-first FILE   load this module first (repeatable; dependencies)\n"
            "  -v                  print each module's layout, imports and registrations\n"
            "  -h, --help          show this help\n");
}

static int host_read_file(struct host_file *f)
{
    FILE *fp = fopen(f->path, "rb");
    if (fp == NULL) {
        fprintf(stderr, "dkm-host: cannot open %s: %s\n", f->path, strerror(errno));
        return -1;
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fprintf(stderr, "dkm-host: %s: out of memory\n", f->path);
            fclose(fp);
            return -1;
        }
        len += fread(buf + len, 1, cap - len, fp);
        if (len < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (nb == NULL)
            free(buf);
        buf = nb;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "dkm-host: cannot read %s\n", f->path);
        free(buf);
        return -1;
    }
    f->data = buf;
    f->size = len;
    return 0;
}

/* name=value arguments (or a bare name, which turns a bool on) become libdkm's argument string;
 * values with blanks are quoted. */
static char *host_join_args(char **argv, int argc)
{
    size_t cap = 1;
    for (int i = 0; i < argc; i++)
        cap += strlen(argv[i]) + 4;
    char *s = malloc(cap), *p = s;
    if (s == NULL)
        return NULL;
    *p = '\0';
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (p != s)
            *p++ = ' ';
        if (eq != NULL && eq[1 + strcspn(eq + 1, " \t")] != '\0') {
            p += sprintf(p, "%.*s\"%s\"", (int)(eq - argv[i] + 1), argv[i], eq + 1);
        } else {
            p += sprintf(p, "%s", argv[i]);
        }
    }
    return s;
}

static int host_parse(struct host *h, int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            host_usage(stdout);
            exit(0);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            h->verbose = true;
        } else if (strcmp(a, "--libc") == 0) {
            h->libc = true;
        } else if (strcmp(a, "--no-run") == 0) {
            h->no_run = true;
        } else if (strcmp(a, "--entry") == 0 || strcmp(a, "--load-first") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                fprintf(stderr, "dkm-host: %s needs an argument\n", a);
                return -1;
            }
            if (a[2] == 'e') {
                h->entry = argv[++i];
            } else if (h->nfirst == HOST_MAX_FIRST) {
                fprintf(stderr, "dkm-host: more than %d --load-first modules\n", HOST_MAX_FIRST);
                return -1;
            } else {
                h->first[h->nfirst++].path = argv[++i];
            }
        } else {
            fprintf(stderr, "dkm-host: unknown option '%s' (try dkm-host -h)\n", a);
            return -1;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "dkm-host: no module given (try dkm-host -h)\n");
        return -1;
    }
    h->main.path = argv[i++];
    for (int j = i; j < argc; j++) {
        const char *eq = strchr(argv[j], '=');
        if (argv[j][0] == '\0' || argv[j][0] == '=' || strpbrk(argv[j], eq ? "\"" : "\" \t\"")) {
            fprintf(stderr, "dkm-host: '%s' is not a name=value parameter (values cannot contain \")\n",
                    argv[j]);
            return -1;
        }
    }
    if (h->entry != NULL && i < argc) {
        fprintf(stderr, "dkm-host: parameters cannot be combined with --entry\n");
        return -1;
    }
    if (h->entry != NULL && h->no_run) {
        fprintf(stderr, "dkm-host: --entry and --no-run exclude each other\n");
        return -1;
    }
    h->args = host_join_args(argv + i, argc - i);
    return h->args != NULL ? 0 : -1;
}

/* The module name libdkm would pick for a file: its base name without the extension. */
static const char *host_file_label(const struct host_file *f, char *buf, size_t size)
{
    if (f->name[0])
        return f->name;
    const char *base = strrchr(f->path, '/') ? strrchr(f->path, '/') + 1 : f->path;
    snprintf(buf, size, "%.*s", (int)strcspn(base, "."), base);
    return buf;
}

static void host_report_crash(struct host *h, const char *who, const char *what)
{
    char why[64];
    fflush(stdout);
    fprintf(stderr, "dkm-host: %s: %s crashed (%s)\n", who, what,
            port_linux_fault(&h->port, why, sizeof(why)));
    h->port.fault_signal = 0;
}

/* Loads one file; prints the loader's message on failure. */
static int host_load(struct host *h, struct host_file *f, const char *args, unsigned flags)
{
    if (host_read_file(f) != 0)
        return HOST_EXIT_USAGE;
    struct dkm_load_opts opts = { .name_hint = f->path, .args = args, .flags = flags };
    struct dkm_error err;
    memset(&err, 0, sizeof(err));
    h->port.fault_signal = 0;
    int rc = dkm_load_image(h->ld, f->data, f->size, &opts, &f->mod, &err);
    if (rc != 0) {
        char label[64];
        if (h->port.fault_signal != 0)
            host_report_crash(h, host_file_label(f, label, sizeof(label)),
                              strstr(err.msg, ": constructor ") ? "a constructor" : "init");
        fflush(stdout);
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : dkm_strerror(rc));
        host_kapi_release_orphans();
        f->mod = NULL;
        return HOST_EXIT_MODULE;
    }
    struct dkm_module_info info;
    dkm_module_info(f->mod, &info);
    snprintf(f->name, sizeof(f->name), "%s", info.name);
    if (h->verbose)
        host_report_module(stdout, h->ld, &h->port, f->mod, f->data, f->size);
    return 0;
}

/* Unloads one module and checks that its exit left nothing registered. */
static int host_unload(struct host *h, struct host_file *f, unsigned flags)
{
    if (f->mod == NULL)
        return 0;
    struct dkm_error err;
    memset(&err, 0, sizeof(err));
    h->port.fault_signal = 0;
    int status = 0;
    if (dkm_unload(h->ld, f->mod, flags, &err) != 0) {
        fflush(stdout);
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : "dkm-host: unload failed");
        status = HOST_EXIT_MODULE;
        if (dkm_unload(h->ld, f->mod, flags | DKM_UNLOAD_FORCE, &err) != 0)
            fprintf(stderr, "%s\n", err.msg);
    }
    if (h->port.fault_signal != 0) {
        host_report_crash(h, f->name, "exit");
        status = HOST_EXIT_MODULE;
    }
    f->mod = NULL;
    if (host_kapi_release_owned_by(f->name) > 0 && !(flags & DKM_UNLOAD_NO_RUN))
        status = HOST_EXIT_MODULE;
    return status;
}

static int host_run_atexit(const void *unused)
{
    (void)unused;
    port_linux_run_atexit();
    return 0;
}

/* Set while an --entry function runs: if it calls exit(), the C library's exit runs this after the
 * module's atexit handlers, and the module's destructors still run before the process ends. */
static struct host *host_in_entry;

static void host_exit_during_entry(void)
{
    struct host *h = host_in_entry;
    if (h == NULL)
        return;
    host_in_entry = NULL;
    port_linux_run_atexit();
    fflush(stdout);
    host_run_destructors(&h->port, h->main.mod, h->main.name);
    fflush(stdout);
}

/* --entry: the module is a C program; start-up and exit are dkm-host's, not the module's. */
static int host_run_entry(struct host *h)
{
    uintptr_t fn = 0;
    if (dkm_module_symbol(h->main.mod, h->entry, &fn) != 0 || fn == 0) {
        fprintf(stderr, "dkm-host: %s: no function '%s' in the module\n", h->main.name, h->entry);
        return HOST_EXIT_MODULE;
    }
    if (host_run_constructors(&h->port, h->main.mod, h->main.name) != 0)
        return HOST_EXIT_MODULE;
    char *argv[2] = { (char *)h->main.path, NULL };
    int result = 0;
    static bool hooked;
    if (!hooked)
        hooked = atexit(host_exit_during_entry) == 0;
    host_in_entry = h;
    int crashed = port_linux_call_main(&h->port, fn, 1, argv, &result);
    host_in_entry = NULL;
    if (crashed != 0) {
        host_report_crash(h, h->main.name, h->entry);
        return HOST_EXIT_MODULE;
    }
    /* As exit() would after main: atexit handlers, then destructors. */
    if (port_linux_call(&h->port, (uintptr_t)host_run_atexit, NULL) == PORT_LINUX_CRASHED) {
        host_report_crash(h, h->main.name, "an atexit handler");
        return HOST_EXIT_MODULE;
    }
    fflush(stdout);
    if (host_run_destructors(&h->port, h->main.mod, h->main.name) != 0)
        return HOST_EXIT_MODULE;
    return result;
}

static int host_fire_timers(const void *unused)
{
    (void)unused;
    return host_kapi_fire_timers();
}

/* Lists the registry, whose /proc show callbacks are module code. */
static int host_print_registry(const void *unused)
{
    (void)unused;
    host_kapi_print_registry(stdout);
    return 0;
}

static int host_run(struct host *h)
{
    unsigned run_flags = h->no_run ? DKM_LOAD_NO_RUN : 0;
    unsigned keep = h->verbose ? DKM_LOAD_KEEP_SYMS : 0;
    int status = 0;
    unsigned loaded_first = 0;
    for (; loaded_first < h->nfirst; loaded_first++) {
        status = host_load(h, &h->first[loaded_first], NULL, run_flags | keep);
        if (status != 0)
            break;
    }
    bool main_loaded = false;
    if (status == 0) {
        unsigned flags = h->entry ? DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS : run_flags | keep;
        status = host_load(h, &h->main, h->args, flags);
        main_loaded = status == 0;
    }
    if (main_loaded && h->entry != NULL) {
        status = host_run_entry(h);
        int u = host_unload(h, &h->main, DKM_UNLOAD_NO_RUN);
        if (status == 0)
            status = u;
    } else if (main_loaded) {
        if (!h->no_run) {
            /* Timer callbacks are module code too: a crash in one is caught like one in init. */
            int fired = port_linux_call(&h->port, (uintptr_t)host_fire_timers, NULL);
            if (fired == PORT_LINUX_CRASHED) {
                host_report_crash(h, h->main.name, "a timer callback");
                status = HOST_EXIT_MODULE;
            } else if (h->verbose && fired > 0) {
                printf("dkm-host: fired %d armed timer%s once\n", fired, fired == 1 ? "" : "s");
            }
        }
        if (h->verbose) {
            printf("registered by modules:\n");
            if (port_linux_call(&h->port, (uintptr_t)host_print_registry, NULL) == PORT_LINUX_CRASHED) {
                host_report_crash(h, h->main.name, "a /proc show callback");
                status = HOST_EXIT_MODULE;
            }
        }
        int u = host_unload(h, &h->main, h->no_run ? DKM_UNLOAD_NO_RUN : 0);
        if (status == 0)
            status = u;
    }
    while (loaded_first-- > 0) {
        int u = host_unload(h, &h->first[loaded_first], h->no_run ? DKM_UNLOAD_NO_RUN : 0);
        if (status == 0)
            status = u;
    }
    return status;
}

/* After everything is unloaded libdkm must hold nothing but its own tables. Bytes are not compared:
 * the export table may have grown for a module with many exports and keeps its capacity. */
static int host_check_residue(struct host *h, const struct dkm_stats *base)
{
    struct dkm_stats now;
    dkm_stats(h->ld, &now);
    if (now.region_bytes == 0 && now.region_blocks == 0 && now.meta_blocks == base->meta_blocks &&
        now.exports == base->exports)
        return 0;
    fprintf(stderr,
            "dkm-host: loader residue after unload: %zu region bytes, %zd meta bytes in %zd blocks, "
            "%zd exports\n",
            now.region_bytes, (ssize_t)(now.meta_bytes - base->meta_bytes),
            (ssize_t)(now.meta_blocks - base->meta_blocks), (ssize_t)(now.exports - base->exports));
    return HOST_EXIT_MODULE;
}

int main(int argc, char **argv)
{
    static struct host h;
    if (host_parse(&h, argc, argv) != 0)
        return HOST_EXIT_USAGE;
    port_linux_init(&h.port, PORT_LINUX_CATCH | (h.libc ? PORT_LINUX_LIBC : 0));
    /* A C program run with --entry has no ABI record by nature: warnings about that are noise. */
    if (h.verbose)
        h.port.log_level = DKM_LOG_DEBUG;
    else if (h.entry != NULL)
        h.port.log_level = DKM_LOG_ERR;
    struct dkm_config cfg = { .abi_version = ARK_ABI_CURRENT, .init_arg = host_kapi_table() };
    int rc = dkm_loader_create(&h.port.port, &cfg, &h.ld);
    if (rc == 0)
        rc = host_kapi_init(h.ld);
    if (rc != 0) {
        fprintf(stderr, "dkm-host: cannot set up the loader: %s\n", dkm_strerror(rc));
        return HOST_EXIT_MODULE;
    }
    if (h.verbose)
        host_kapi_set_trace(stdout);
    struct dkm_stats base;
    dkm_stats(h.ld, &base);

    int status = host_run(&h);
    fflush(stdout);
    int residue = host_check_residue(&h, &base);
    if (status == 0)
        status = residue;
    size_t blocks;
    size_t bytes = host_kapi_kmalloc_outstanding(&blocks);
    if (bytes > 0 && h.entry == NULL)
        fprintf(stderr, "dkm-host: warning: %zu bytes in %zu kmalloc blocks never freed\n", bytes,
                blocks);
    dkm_loader_destroy(h.ld);
    host_kapi_fini();
    port_linux_fini(&h.port);
    free(h.args);
    for (unsigned i = 0; i < h.nfirst; i++)
        free(h.first[i].data);
    free(h.main.data);
    return status;
}
