/* host/host_registry.c — the host's stand-in for /dev, /proc, timers and IRQ lines: what modules
 * register is kept in lists, shown on request, and swept up (with a warning) when a module's exit
 * left something behind — the checks a module author wants before trying the module in ark. */
#define _GNU_SOURCE
#include "host_kapi.h"
#include "host_kapi_internal.h"
#include "port_linux.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ark/errno.h"

#pragma weak port_linux_running_fn   /* absent when the kernel-API emulation runs without the port */

enum host_obj_kind { HOST_DEV, HOST_PROC, HOST_TIMER, HOST_IRQ };

static const char *const host_kind_names[] = { "device /dev/", "/proc/", "timer ", "irq handler " };

/* One registered object. Devices and /proc entries are identified by name; timers by address. */
struct host_obj {
    enum host_obj_kind kind;
    char name[64];               /* device name, /proc path, or a description */
    char owner[64];              /* module that registered it, "" for none */
    const struct ark_file_ops *ops;
    ark_proc_show_t show;
    ark_proc_write_t write;
    void *priv;
    ark_timer_fn timer_fn;
    uint32_t period_ms;
    bool periodic, armed;
    int irq;
    ark_irq_handler_t irq_handler;
    struct host_obj *next;
};

struct ark_timer {
    struct host_obj obj;         /* first member: a timer is its registry entry */
};

static struct host_obj *host_objs;
static struct dkm_loader *host_loader;

void host_registry_bind(struct dkm_loader *ld)
{
    host_loader = ld;
}

/* Which module an object belongs to: the first module whose memory holds one of its callbacks or
 * data (by construction, as in the kernel; a return address would lie after a sibling call). */
static void host_owner_of(const uintptr_t *addrs, size_t n, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < n && host_loader != NULL; i++) {
        struct dkm_module *mod = NULL;
        if (addrs[i] != 0 && dkm_addr_lookup(host_loader, addrs[i], &mod, NULL, NULL) == 0 &&
            mod != NULL) {
            struct dkm_module_info info;
            dkm_module_info(mod, &info);
            snprintf(out, size, "%s", info.name);
            return;
        }
    }
    /* None of them is module memory: the module whose init or exit is running. */
    uintptr_t running = port_linux_running_fn ? port_linux_running_fn() : 0;
    if (running != 0)
        host_owner_of(&running, 1, out, size);
}

static void host_trace(const char *what, const struct host_obj *o)
{
    if (host_kapi_trace_stream == NULL)
        return;
    fflush(stdout);
    fprintf(host_kapi_trace_stream, "dkm-host: %s %s%s%s%s%s\n", what, host_kind_names[o->kind],
            o->name, o->owner[0] ? " (by " : "", o->owner, o->owner[0] ? ")" : "");
}

static struct host_obj *host_find(enum host_obj_kind kind, const char *name)
{
    for (struct host_obj *o = host_objs; o != NULL; o = o->next)
        if (o->kind == kind && strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static struct host_obj *host_add(enum host_obj_kind kind, const char *name, const uintptr_t *addrs,
                                 size_t naddrs)
{
    struct host_obj *o = calloc(1, sizeof(struct ark_timer));
    if (o == NULL)
        return NULL;
    o->kind = kind;
    snprintf(o->name, sizeof(o->name), "%s", name);
    host_owner_of(addrs, naddrs, o->owner, sizeof(o->owner));
    o->next = host_objs;
    host_objs = o;
    return o;
}

static void host_remove(struct host_obj *victim)
{
    for (struct host_obj **pp = &host_objs; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == victim) {
            *pp = victim->next;
            free(victim);
            return;
        }
    }
}

#define HOST_OWNER_ADDRS(...) (const uintptr_t[]){ __VA_ARGS__ }, \
    sizeof((uintptr_t[]){ __VA_ARGS__ }) / sizeof(uintptr_t)

/* ---- Devices and /proc ---------------------------------------------------------------------- */

int host_dev_register(const char *name, const struct ark_file_ops *ops, void *priv)
{
    if (name == NULL || name[0] == '\0' || strlen(name) >= 64 || ops == NULL)
        return -EINVAL;
    if (host_find(HOST_DEV, name) != NULL)
        return -EEXIST;
    struct host_obj *o = host_add(HOST_DEV, name,
        HOST_OWNER_ADDRS((uintptr_t)ops->read, (uintptr_t)ops->write, (uintptr_t)ops->ioctl,
                         (uintptr_t)ops->open, (uintptr_t)ops, (uintptr_t)priv));
    if (o == NULL)
        return -ENOMEM;
    o->ops = ops;
    o->priv = priv;
    host_trace("registered", o);
    return 0;
}

int host_dev_unregister(const char *name)
{
    struct host_obj *o = name != NULL ? host_find(HOST_DEV, name) : NULL;
    if (o == NULL)
        return -ENOENT;
    host_trace("unregistered", o);
    host_remove(o);
    return 0;
}

int host_proc_create(const char *path, ark_proc_show_t show, ark_proc_write_t write, void *priv)
{
    if (path == NULL || path[0] == '\0' || path[0] == '/' || strlen(path) >= 64)
        return -EINVAL;
    if (host_find(HOST_PROC, path) != NULL)
        return -EEXIST;
    struct host_obj *o = host_add(HOST_PROC, path,
        HOST_OWNER_ADDRS((uintptr_t)show, (uintptr_t)write, (uintptr_t)priv));
    if (o == NULL)
        return -ENOMEM;
    o->show = show;
    o->write = write;
    o->priv = priv;
    host_trace("registered", o);
    return 0;
}

int host_proc_remove(const char *path)
{
    struct host_obj *o = path != NULL ? host_find(HOST_PROC, path) : NULL;
    if (o == NULL)
        return -ENOENT;
    host_trace("unregistered", o);
    host_remove(o);
    return 0;
}

/* The growable buffer a /proc show callback prints into. */
struct ark_seq {
    char *buf;
    size_t len, cap;
};

int host_seq_write(struct ark_seq *s, const void *data, size_t len)
{
    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->len + len + 1)
            cap *= 2;
        char *nb = realloc(s->buf, cap);
        if (nb == NULL)
            return -ENOMEM;
        s->buf = nb;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return 0;
}

int host_seq_printf(struct ark_seq *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    int n = vasprintf(&text, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -ENOMEM;
    int rc = host_seq_write(s, text, (size_t)n);
    free(text);
    return rc;
}

/* ---- Timers and IRQs ------------------------------------------------------------------------ */

struct ark_timer *host_timer_create(ark_timer_fn fn, void *arg)
{
    if (fn == NULL)
        return NULL;
    /* Named after its callback when the module kept its symbols (dkm-host -v does). */
    char desc[64];
    struct dkm_module *mod = NULL;
    const char *sym = NULL;
    uintptr_t off = 0;
    if (host_loader != NULL && dkm_addr_lookup(host_loader, (uintptr_t)fn, &mod, &sym, &off) == 0 &&
        sym != NULL && off == 0)
        snprintf(desc, sizeof(desc), "%s", sym);
    else
        snprintf(desc, sizeof(desc), "%p", (void *)fn);
    struct host_obj *o = host_add(HOST_TIMER, desc, HOST_OWNER_ADDRS((uintptr_t)fn, (uintptr_t)arg));
    if (o == NULL)
        return NULL;
    o->timer_fn = fn;
    o->priv = arg;
    host_trace("created", o);
    return (struct ark_timer *)o;
}

int host_timer_start(struct ark_timer *t, uint32_t period_ms, bool periodic)
{
    if (t == NULL)
        return -EINVAL;
    t->obj.period_ms = period_ms;
    t->obj.periodic = periodic;
    t->obj.armed = true;
    return 0;
}

void host_timer_stop(struct ark_timer *t)
{
    if (t != NULL)
        t->obj.armed = false;
}

void host_timer_destroy(struct ark_timer *t)
{
    if (t == NULL)
        return;
    host_trace("destroyed", &t->obj);
    host_remove(&t->obj);
}

int host_irq_register(int irq, ark_irq_handler_t handler, void *arg)
{
    if (irq < 0 || irq > 15 || handler == NULL)
        return -EINVAL;
    char desc[64];
    snprintf(desc, sizeof(desc), "%d", irq);
    struct host_obj *o = host_add(HOST_IRQ, desc, HOST_OWNER_ADDRS((uintptr_t)handler, (uintptr_t)arg));
    if (o == NULL)
        return -ENOMEM;
    o->irq = irq;
    o->irq_handler = handler;
    o->priv = arg;
    host_trace("registered", o);
    return 0;
}

int host_irq_unregister(int irq, ark_irq_handler_t handler, void *arg)
{
    for (struct host_obj *o = host_objs; o != NULL; o = o->next) {
        if (o->kind == HOST_IRQ && o->irq == irq && o->irq_handler == handler && o->priv == arg) {
            host_trace("unregistered", o);
            host_remove(o);
            return 0;
        }
    }
    return -ENOENT;
}

/* ---- Inspection ------------------------------------------------------------------------------ */

int host_kapi_fire_timers(void)
{
    int fired = 0;
    for (struct host_obj *o = host_objs; o != NULL; o = o->next) {
        if (o->kind == HOST_TIMER && o->armed) {
            if (!o->periodic)
                o->armed = false;
            o->timer_fn(o->priv);
            fired++;
        }
    }
    return fired;
}

void host_kapi_print_registry(FILE *out)
{
    if (host_objs == NULL)
        fprintf(out, "  (nothing)\n");
    for (const struct host_obj *o = host_objs; o != NULL; o = o->next) {
        fprintf(out, "  %s%s", host_kind_names[o->kind], o->name);
        if (o->owner[0])
            fprintf(out, " (by %s)", o->owner);
        if (o->kind == HOST_TIMER)
            fprintf(out, ": %s, %s %u ms", o->armed ? "armed" : "stopped",
                    o->periodic ? "every" : "once after", (unsigned)o->period_ms);
        fputc('\n', out);
        if (o->kind == HOST_PROC && o->show != NULL) {
            struct ark_seq s = { 0 };
            int rc = o->show(&s, o->priv);
            if (rc < 0)
                fprintf(out, "    (show failed: %d)\n", rc);
            for (char *line = s.buf, *nl; line != NULL && *line; line = nl ? nl + 1 : NULL) {
                nl = strchr(line, '\n');
                fprintf(out, "    | %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
            }
            free(s.buf);
        }
    }
}

static int host_release(const char *owner, const char *when)
{
    int left = 0;
    struct host_obj *o = host_objs;
    while (o != NULL) {
        struct host_obj *next = o->next;
        if (strcmp(o->owner, owner) == 0) {
            fflush(stdout);
            fprintf(stderr, "dkm-host: %s: left %s%s registered %s\n", owner,
                    host_kind_names[o->kind], o->name, when);
            host_remove(o);
            left++;
        }
        o = next;
    }
    return left;
}

void host_registry_clear(void)
{
    while (host_objs != NULL)
        host_remove(host_objs);
}

int host_kapi_dev_exists(const char *name)
{
    return host_find(HOST_DEV, name) != NULL;
}

int host_kapi_proc_exists(const char *path)
{
    return host_find(HOST_PROC, path) != NULL;
}

int host_kapi_release_owned_by(const char *owner)
{
    return host_release(owner, "after exit");
}

static bool host_orphaned(const struct host_obj *o)
{
    return o->owner[0] && (host_loader == NULL || dkm_find(host_loader, o->owner) == NULL);
}

int host_kapi_release_orphans(void)
{
    int left = 0;
    for (;;) {
        const struct host_obj *o = host_objs;
        while (o != NULL && !host_orphaned(o))
            o = o->next;
        if (o == NULL)
            return left;
        char owner[sizeof(o->owner)];
        memcpy(owner, o->owner, sizeof(owner));
        left += host_release(owner, "after its load failed");
    }
}
