/* host/port_linux.c — libdkm's port for Linux user space (see port_linux.h). Module memory is
 * mapped with mmap and protected with mprotect, so a module runs with real W^X like in the kernel;
 * on x86_64 it comes from the low 2 GiB, so that i386 relocations and x86_64's 32-bit fields
 * (small and kernel code models) reach it. */
#define _GNU_SOURCE
#include "port_linux.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#if defined(__x86_64__)
#define PORT_MAP_LOW MAP_32BIT
#else
#define PORT_MAP_LOW 0
#endif

#if defined(__aarch64__)
/* AArch64: the small code model reaches data with ADRP (±4 GiB) and the tiny one with ADR and
 * literal loads (±1 MiB), and a module's data imports (stdout, copied into the non-PIE executable
 * by its copy relocation) lie in the executable. Modules therefore go in the free range right
 * below the executable, packed from its start downwards, so one module's regions are adjacent to
 * each other and as close to the executable as they can be. The ranges handed out are tracked
 * here (nothing else maps there: the kernel and the C library place mappings top-down far above).
 * When that range is full, regions are packed upwards from 256 MiB above the executable's end
 * (room for the brk heap), still within ADRP's reach of its data; only if that fails too does
 * memory come from anywhere, where only the large model still works. */
#define PORT_NEAR_MAX 1024
#define PORT_NEAR_FLOOR 0x100000u
#define PORT_NEAR_HIGH_GAP 0x10000000u
extern char __executable_start[], _end[];
static uintptr_t port_near_high;   /* next address of the upward range, 0 before first use */
static struct { uintptr_t addr; size_t size; } port_near[PORT_NEAR_MAX];  /* descending */
static int port_near_count;

static void *port_map_near(size_t size)
{
    uintptr_t top = (uintptr_t)__executable_start & ~(uintptr_t)0xffff;
    for (int i = 0; i <= port_near_count && port_near_count < PORT_NEAR_MAX; i++) {
        uintptr_t lo = i < port_near_count ? port_near[i].addr + port_near[i].size : PORT_NEAR_FLOOR;
        if (top < lo + size || top - size < PORT_NEAR_FLOOR) {
            if (i < port_near_count)
                top = port_near[i].addr;
            continue;
        }
        void *want = (void *)(top - size);
        void *m = mmap(want, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (m == want) {
            memmove(&port_near[i + 1], &port_near[i], (size_t)(port_near_count - i) * sizeof port_near[0]);
            port_near[i].addr = (uintptr_t)m;
            port_near[i].size = size;
            port_near_count++;
            return m;
        }
        if (m != MAP_FAILED)
            munmap(m, size);
        break;         /* someone else maps there: stop placing below */
    }
    if (port_near_high == 0)
        port_near_high = ((uintptr_t)_end + PORT_NEAR_HIGH_GAP) & ~(uintptr_t)0xffff;
    void *want = (void *)port_near_high;
    void *m = mmap(want, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (m == want) {
        port_near_high += size;
        return m;
    }
    if (m != MAP_FAILED)
        munmap(m, size);
    return NULL;
}

static void port_unmap_near(void *addr)
{
    for (int i = 0; i < port_near_count; i++)
        if (port_near[i].addr == (uintptr_t)addr) {
            memmove(&port_near[i], &port_near[i + 1], (size_t)(port_near_count - i - 1) * sizeof port_near[0]);
            port_near_count--;
            return;
        }
}
#else
static void *port_map_near(size_t size)
{
    (void)size;
    return NULL;
}

static void port_unmap_near(void *addr)
{
    (void)addr;
}
#endif

#if defined(__riscv) && __riscv_xlen == 64
/* riscv64's medlow code model needs absolute addresses in the sign-extended 32-bit range, so
 * module memory comes from the low 2 GiB (Linux has no MAP_32BIT there): the first free range at
 * or after a moving cursor, claimed with MAP_FIXED_NOREPLACE. Calls to the C library, wherever it
 * is, go through libdkm's branch stubs. */
#define PORT_LOW_BASE 0x10000000ul
#define PORT_LOW_LIMIT 0x80000000ul
static uintptr_t port_low_next = PORT_LOW_BASE;

static void *port_map_anon(size_t size)
{
    for (int pass = 0; pass < 2; pass++) {
        uintptr_t a = pass ? PORT_LOW_BASE : __atomic_fetch_add(&port_low_next, size, __ATOMIC_RELAXED);
        for (; a >= PORT_LOW_BASE && a + size <= PORT_LOW_LIMIT; a += size) {
            void *m = mmap((void *)a, size, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
            if (m == (void *)a)
                return m;
            if (m != MAP_FAILED)    /* the flag was taken as a hint: the range is in use */
                munmap(m, size);
        }
    }
    return MAP_FAILED;
}
#else
static void *port_map_anon(size_t size)
{
    return mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | PORT_MAP_LOW, -1, 0);
}
#endif

static void *port_region_alloc(void *ctx, size_t size)
{
    struct port_linux *p = ctx;
    if (size == 0)
        return NULL;
    void *m = port_map_near(size);
    if (m == NULL)
        m = port_map_anon(size);
    if (m == MAP_FAILED)
        return NULL;
    p->region_bytes += size;
    p->region_blocks++;
    p->region_allocs_total++;
    return m;
}

static int port_region_protect(void *ctx, void *addr, size_t size, unsigned prot)
{
    (void)ctx;
    int mprot = 0;
    if (prot & DKM_PROT_R)
        mprot |= PROT_READ;
    if (prot & DKM_PROT_W)
        mprot |= PROT_WRITE;
    if (prot & DKM_PROT_X)
        mprot |= PROT_EXEC;
    return mprotect(addr, size, mprot) == 0 ? 0 : -errno;
}

static void port_region_free(void *ctx, void *addr, size_t size)
{
    struct port_linux *p = ctx;
    if (addr == NULL)
        return;
    munmap(addr, size);
    port_unmap_near(addr);
    p->region_bytes -= size;
    p->region_blocks--;
}

/* Old kernels and qemu-user treat MAP_FIXED_NOREPLACE as a mere hint: a mapping elsewhere means
 * the range was taken. */
static int port_region_claim(void *ctx, uintptr_t addr, size_t size)
{
    struct port_linux *p = ctx;
    if (size == 0 || addr % p->port.page_size != 0)
        return -EINVAL;
    void *want = (void *)addr;
    void *m = mmap(want, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (m == MAP_FAILED)
        return -errno;
    if (m != want) {
        munmap(m, size);
        return -EEXIST;
    }
    p->region_bytes += size;
    p->region_blocks++;
    p->region_allocs_total++;
    return 0;
}

static void *port_meta_alloc(void *ctx, size_t size)
{
    struct port_linux *p = ctx;
    void *m = malloc(size ? size : 1);
    if (m != NULL) {
        p->meta_bytes += size;
        p->meta_blocks++;
    }
    return m;
}

static void port_meta_free(void *ctx, void *ptr, size_t size)
{
    struct port_linux *p = ctx;
    if (ptr == NULL)
        return;
    free(ptr);
    p->meta_bytes -= size;
    p->meta_blocks--;
}

static void *port_libm_handle(void)
{
    static void *libm;
    if (libm == NULL)
        libm = dlopen("libm.so.6", RTLD_NOW | RTLD_GLOBAL);
    return libm;
}

/* ---- C library functions that are not in libc.so ----------------------------------------------
 * glibc links atexit and a few others statically into each program (libc_nonshared.a), so dlsym
 * cannot find them. The port provides them. A module's atexit handlers are kept here rather than
 * in the C library's list, so that they run while the module is still loaded: from
 * port_linux_run_atexit (dkm-host --entry, after the entry returns) or, if the module calls exit(),
 * from the one handler the port registers with the C library. */

#define PORT_ATEXIT_MAX 32
static void (*port_atexit_fns[PORT_ATEXIT_MAX])(void);
static int port_atexit_count;

void port_linux_run_atexit(void)
{
    while (port_atexit_count > 0)
        port_atexit_fns[--port_atexit_count]();
}

static int port_atexit(void (*fn)(void))
{
    static int hooked;
    if (!hooked && atexit(port_linux_run_atexit) != 0)
        return -1;
    hooked = 1;
    if (port_atexit_count == PORT_ATEXIT_MAX)
        return -1;
    port_atexit_fns[port_atexit_count++] = fn;
    return 0;
}

static int port_at_quick_exit(void (*fn)(void))
{
    return at_quick_exit(fn);
}

static void port_stack_chk_fail_local(void)
{
    fflush(stdout);
    fprintf(stderr, "dkm-host: stack smashing detected in module code\n");
    abort();
}

static const struct {
    const char *name;
    void *addr;
} port_nonshared[] = {
    { "atexit", (void *)port_atexit },
    { "at_quick_exit", (void *)port_at_quick_exit },
    { "__stack_chk_fail_local", (void *)port_stack_chk_fail_local },
};

static int port_resolve_typed(void *ctx, const char *name, uintptr_t *addr, int *is_code);

/* The compiler's cache maintenance for the architecture it builds for (nothing on x86). */
static void port_icache_sync(void *ctx, void *addr, size_t size)
{
    (void)ctx;
    __builtin___clear_cache((char *)addr, (char *)addr + size);
}

static int port_resolve(void *ctx, const char *name, uintptr_t *addr)
{
    int is_code;
    return port_resolve_typed(ctx, name, addr, &is_code);
}

/* Whether the C library symbol at sym is code: it lies in an executable segment of a loaded
 * object. (The symbol table cannot always tell: an ifunc such as libm's sin resolves to a local
 * implementation that has no dynamic symbol.) */
struct port_code_query {
    uintptr_t addr;
    int found;
};

static int port_code_segment(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    struct port_code_query *q = arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t start = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X) && q->addr >= start &&
            q->addr - start < ph->p_memsz) {
            q->found = 1;
            return 1;
        }
    }
    return 0;
}

static int port_symbol_is_code(void *sym)
{
    struct port_code_query q = { (uintptr_t)sym, 0 };
    dl_iterate_phdr(port_code_segment, &q);
    return q.found;
}

static int port_resolve_typed(void *ctx, const char *name, uintptr_t *addr, int *is_code)
{
    struct port_linux *p = ctx;
    if (!(p->flags & PORT_LINUX_LIBC))
        return -ENOENT;
    void *sym = NULL;
    *is_code = 0;
    for (size_t i = 0; sym == NULL && i < sizeof(port_nonshared) / sizeof(port_nonshared[0]); i++)
        if (strcmp(name, port_nonshared[i].name) == 0) {
            sym = port_nonshared[i].addr;
            *is_code = 1;
        }
    if (sym == NULL)
        sym = dlsym(RTLD_DEFAULT, name);
    if (sym == NULL && port_libm_handle() != NULL)
        sym = dlsym(port_libm_handle(), name);
    if (sym == NULL)
        return -ENOENT;
    if (!*is_code)
        *is_code = port_symbol_is_code(sym);
    struct port_linux_resolved *r = malloc(sizeof(*r));
    char *copy = strdup(name);
    if (r == NULL || copy == NULL) {
        free(r);
        free(copy);
    } else {
        r->name = copy;
        r->addr = (uintptr_t)sym;
        r->next = p->resolved;
        p->resolved = r;
    }
    *addr = (uintptr_t)sym;
    return 0;
}

static void port_log(void *ctx, int level, const char *msg)
{
    struct port_linux *p = ctx;
    if (p->flags & PORT_LINUX_QUIET)
        return;
    if (p->log_sink != NULL) {
        p->log_sink(p->log_sink_arg, level, msg);
        return;
    }
    if (level > p->log_level)
        return;
    fflush(stdout);
    fprintf(stderr, "%s\n", msg);
}

/* ---- Calls into module code, optionally surviving a crash ------------------------------------ */

static sigjmp_buf *port_call_jump;       /* innermost protected call, for the signal handler */
static volatile sig_atomic_t port_fault_sig;
static void *volatile port_fault_where;

static void port_fault_handler(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    if (port_call_jump == NULL) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    port_fault_sig = sig;
    port_fault_where = info->si_addr;
    siglongjmp(*port_call_jump, 1);
}

static const int port_fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
#define PORT_NFAULT_SIGNALS (sizeof(port_fault_signals) / sizeof(port_fault_signals[0]))

/* The handler runs on its own stack so that a module that overflowed its stack is caught too. */
static void port_install_handlers(struct sigaction *old)
{
    static char *altstack;
    if (altstack == NULL) {
        size_t sz = 64 * 1024;
        altstack = malloc(sz);
        if (altstack != NULL) {
            stack_t ss = { .ss_sp = altstack, .ss_size = sz, .ss_flags = 0 };
            sigaltstack(&ss, NULL);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = port_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < PORT_NFAULT_SIGNALS; i++)
        sigaction(port_fault_signals[i], &sa, &old[i]);
}

static void port_restore_handlers(const struct sigaction *old)
{
    for (size_t i = 0; i < PORT_NFAULT_SIGNALS; i++)
        sigaction(port_fault_signals[i], &old[i], NULL);
}

typedef int (*port_init_fn)(const void *arg);
typedef int (*port_main_fn)(int argc, char **argv);

static uintptr_t port_running_fn;        /* innermost module function being called, 0 if none */

uintptr_t port_linux_running_fn(void)
{
    return port_running_fn;
}

/* ---- An executable stack for modules that ask for one ------------------------------------------
 * The process stack stays non-executable; such a module's calls run on a private RWX stack, mapped
 * for the call and switched to with swapcontext (what a native loader does for the whole process
 * when it meets an executable-stack library, limited here to that module's code). */

#define PORT_EXEC_STACK_BYTES (256 * 1024)

struct port_stack_call {
    uintptr_t fn;
    const void *arg;
    int result;
    void *stack;                 /* unmapped by the fault path when the call does not return */
};
static struct port_stack_call *volatile port_stack_current;

static void port_stack_entry(void)
{
    struct port_stack_call *c = port_stack_current;
    c->result = ((port_init_fn)c->fn)(c->arg);
}

/* Runs fn(arg) on a fresh executable stack; returns -1 if that stack cannot be had. */
static int port_call_on_exec_stack(uintptr_t fn, const void *arg, int *result)
{
    void *stack = mmap(NULL, PORT_EXEC_STACK_BYTES, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (stack == MAP_FAILED)
        return -1;
    ucontext_t caller, callee;
    struct port_stack_call call = { fn, arg, 0, stack };
    struct port_stack_call *outer = port_stack_current;
    if (getcontext(&callee) != 0) {
        munmap(stack, PORT_EXEC_STACK_BYTES);
        return -1;
    }
    callee.uc_stack.ss_sp = stack;
    callee.uc_stack.ss_size = PORT_EXEC_STACK_BYTES;
    callee.uc_link = &caller;
    makecontext(&callee, port_stack_entry, 0);
    port_stack_current = &call;
    int rc = swapcontext(&caller, &callee);
    port_stack_current = outer;
    munmap(stack, PORT_EXEC_STACK_BYTES);
    *result = call.result;
    return rc;
}

static int port_plain_call(uintptr_t fn, int kind, const void *arg, int argc, char **argv,
                           unsigned flags, int *result)
{
    if (kind == 0 && (flags & DKM_CALL_EXEC_STACK))
        return port_call_on_exec_stack(fn, arg, result) == 0 ? 0 : PORT_LINUX_CRASHED;
    *result = kind == 0 ? ((port_init_fn)fn)(arg) : ((port_main_fn)fn)(argc, argv);
    return 0;
}

/* One protected call: kind 0 is int fn(const void *), kind 1 is int fn(int, char **). Returns 0
 * when fn returned (its value in *result) and PORT_LINUX_CRASHED when it faulted. */
static int port_protected_call_inner(struct port_linux *p, uintptr_t fn, int kind,
                                     const void *arg, int argc, char **argv, unsigned flags,
                                     int *result);

static int port_protected_call(struct port_linux *p, uintptr_t fn, int kind, const void *arg,
                               int argc, char **argv, unsigned flags, int *result)
{
    uintptr_t outer_fn = port_running_fn;
    port_running_fn = fn;
    int rc = port_protected_call_inner(p, fn, kind, arg, argc, argv, flags, result);
    port_running_fn = outer_fn;
    return rc;
}

static int port_protected_call_inner(struct port_linux *p, uintptr_t fn, int kind,
                                     const void *arg, int argc, char **argv, unsigned flags,
                                     int *result)
{
    if (!(p->flags & PORT_LINUX_CATCH))
        return port_plain_call(fn, kind, arg, argc, argv, flags, result);
    struct sigaction old[PORT_NFAULT_SIGNALS];
    sigjmp_buf here;
    sigjmp_buf *outer = port_call_jump;
    struct port_stack_call *outer_stack = port_stack_current;
    port_install_handlers(old);
    if (sigsetjmp(here, 1) != 0) {
        port_call_jump = outer;
        if (port_stack_current != outer_stack && port_stack_current != NULL)
            munmap(port_stack_current->stack, PORT_EXEC_STACK_BYTES);
        port_stack_current = outer_stack;
        port_restore_handlers(old);
        p->fault_signal = port_fault_sig;
        p->fault_addr = (uintptr_t)port_fault_where;
        return PORT_LINUX_CRASHED;
    }
    port_call_jump = &here;
    int r = 0;
    int rc = port_plain_call(fn, kind, arg, argc, argv, flags, &r);
    port_call_jump = outer;
    port_restore_handlers(old);
    *result = r;
    return rc;
}

static int port_call(void *ctx, uintptr_t fn, const void *arg, unsigned flags, int *result)
{
    return port_protected_call(ctx, fn, 0, arg, 0, NULL, flags, result) == 0 ? DKM_CALL_RETURNED
                                                                              : DKM_CALL_FAULTED;
}

/* dkm-host honours an executable-stack request as the native loader does. */
static int port_exec_stack(void *ctx, const char *module)
{
    (void)ctx;
    (void)module;
    return 0;
}

int port_linux_call(struct port_linux *p, uintptr_t fn, const void *arg)
{
    int result = 0;
    int rc = port_protected_call(p, fn, 0, arg, 0, NULL, 0, &result);
    return rc != 0 ? rc : result;
}

int port_linux_call_main(struct port_linux *p, uintptr_t fn, int argc, char **argv, int *result)
{
    return port_protected_call(p, fn, 1, NULL, argc, argv, 0, result);
}

const char *port_linux_fault(const struct port_linux *p, char *buf, size_t size)
{
    const char *name;
    switch (p->fault_signal) {
    case SIGSEGV: name = "SIGSEGV"; break;
    case SIGBUS: name = "SIGBUS"; break;
    case SIGILL: name = "SIGILL"; break;
    case SIGFPE: name = "SIGFPE"; break;
    default: name = "no crash"; break;
    }
    snprintf(buf, size, "%s at %#lx", name, (unsigned long)p->fault_addr);
    return buf;
}

/* ---- Setup -------------------------------------------------------------------------------------- */

void port_linux_init(struct port_linux *p, unsigned flags)
{
    memset(p, 0, sizeof(*p));
    p->flags = flags;
    p->log_level = DKM_LOG_WARN;
    long pg = sysconf(_SC_PAGESIZE);
    p->port.ctx = p;
    p->port.page_size = pg > 0 ? (size_t)pg : 4096;
    p->port.region_alloc = port_region_alloc;
    p->port.region_protect = port_region_protect;
    p->port.region_free = port_region_free;
    p->port.region_claim = port_region_claim;
    p->port.meta_alloc = port_meta_alloc;
    p->port.meta_free = port_meta_free;
    p->port.resolve = port_resolve;
    p->port.resolve_typed = port_resolve_typed;
    p->port.icache_sync = port_icache_sync;
    p->port.log = port_log;
    p->port.call = port_call;
    p->port.exec_stack = port_exec_stack;
}

void port_linux_fini(struct port_linux *p)
{
    struct port_linux_resolved *r = p->resolved;
    while (r != NULL) {
        struct port_linux_resolved *next = r->next;
        free((char *)r->name);
        free(r);
        r = next;
    }
    p->resolved = NULL;
}

uintptr_t port_linux_resolved_addr(const struct port_linux *p, const char *name)
{
    for (const struct port_linux_resolved *r = p->resolved; r != NULL; r = r->next)
        if (strcmp(r->name, name) == 0)
            return r->addr;
    return 0;
}
