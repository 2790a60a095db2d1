/* tport.h — the unit tests' libdkm port: the Linux port (host/port_linux.c) wrapped with a size
 * check on every free and injectable allocation failures, a small table of host symbols, and a log
 * that keeps the last line. */
#ifndef TPORT_H
#define TPORT_H

#include <stddef.h>
#include <stdint.h>

#include "dkm/dkm.h"
#include "port_linux.h"

struct tport {
    struct dkm_port port;   /* give &port to dkm_loader_create: it wraps host */
    struct port_linux host;
    char last_log[512];
    int nlogs;
    int bad_frees;          /* meta_free called with a size other than the allocation's */
    int protect_calls;
    int fail_region_after;  /* >0: the Nth region_alloc from now fails */
    int fail_meta_after;    /* >0: the Nth meta_alloc from now fails */
    int calls;              /* module calls made through port.call */
    int poison_regions;     /* 1: region_alloc fills memory with TPORT_POISON, region_flags says so */
    void (*before_call)(struct tport *t);  /* run before each module call, if set */
};

#define TPORT_POISON 0xa5

void tport_init(struct tport *t);
struct dkm_loader *tport_loader(struct tport *t, uint32_t abi);
/* Reads a whole file into a 16-byte aligned buffer; aborts the test run if it cannot. */
void *tport_read(const char *path, size_t *size);
const char *tport_path(const char *name);   /* a built test module by name */

/* Host functions the test modules import. */
extern int tport_counter;
extern char tport_printed[256];

#endif
