/* host/port_linux.h — libdkm's port for Linux user space: module memory from mmap, bookkeeping from
 * malloc, log lines on stderr, optional symbol resolution against the C library, and module calls
 * that turn a crash into an error. Shared by dkm-host, the tests, the benchmarks and the fuzzers. */
#ifndef HOST_PORT_LINUX_H
#define HOST_PORT_LINUX_H

#include <stddef.h>
#include <stdint.h>

#include "dkm/dkm.h"

/* Flags for port_linux_init */
#define PORT_LINUX_LIBC        0x1u  /* resolve() looks names up in the C and math libraries */
#define PORT_LINUX_CATCH       0x2u  /* call() turns SIGSEGV/SIGBUS/SIGILL/SIGFPE into an error */
#define PORT_LINUX_QUIET       0x4u  /* log nothing (fuzzing, malformed-input tests) */

/* Returned by call() when module code crashed; port_linux_fault() describes the crash. */
#define PORT_LINUX_CRASHED (-0x7fff)

/* A symbol that resolve() found in the C library, kept so that callers can say where it came from. */
struct port_linux_resolved {
    const char *name;            /* copy owned by the port */
    uintptr_t addr;
    struct port_linux_resolved *next;
};

struct port_linux {
    struct dkm_port port;        /* give &port to dkm_loader_create */
    unsigned flags;
    int log_level;               /* lines above this DKM_LOG_* level are dropped (default WARN) */

    /* What libdkm holds through this port, counted independently of dkm_stats. */
    size_t meta_bytes, meta_blocks;
    size_t region_bytes, region_blocks;
    size_t region_allocs_total;  /* regions handed out since init (alloc + claim) */

    /* Optional sink for log lines instead of stderr (tests capture warnings with it). */
    void (*log_sink)(void *arg, int level, const char *msg);
    void *log_sink_arg;

    struct port_linux_resolved *resolved;  /* resolve() hits, newest first */

    int fault_signal;            /* last crash caught by call(): signal number, 0 if none */
    uintptr_t fault_addr;        /* its faulting address */
};

/* Fills in the port; never fails. */
void port_linux_init(struct port_linux *p, unsigned flags);
/* Frees what the port itself allocated (the resolve list). Regions must already be released. */
void port_linux_fini(struct port_linux *p);

/* Where resolve() found name, or 0 if it did not resolve it. */
uintptr_t port_linux_resolved_addr(const struct port_linux *p, const char *name);

/* Calls fn(arg) as libdkm would, with the port's crash protection when PORT_LINUX_CATCH is set.
 * Returns fn's result or PORT_LINUX_CRASHED. */
int port_linux_call(struct port_linux *p, uintptr_t fn, const void *arg);
/* Calls int fn(int argc, char **argv) with the same protection (dkm-host --entry). */
int port_linux_call_main(struct port_linux *p, uintptr_t fn, int argc, char **argv, int *result);

/* Runs (and forgets) the atexit handlers modules registered through resolve(), newest first. */
void port_linux_run_atexit(void);

/* "SIGSEGV at 0x1234" for the last crash. */
const char *port_linux_fault(const struct port_linux *p, char *buf, size_t size);

/* The module function the innermost call through the port is running (init, exit, a
 * constructor), or 0: what module code registers while it runs belongs to that module. */
uintptr_t port_linux_running_fn(void);

#endif
