/* host/host_report.h — what dkm-host -v prints about a loaded module, and the C-style constructor
 * and destructor runs of dkm-host --entry. */
#ifndef HOST_REPORT_H
#define HOST_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "dkm/dkm.h"
#include "port_linux.h"

/* Layout: the module's metadata, sections with addresses, parameters, and each import with the
 * address it resolved to and its provider (host, a module, libc, or weak and unresolved). */
void host_report_module(FILE *out, struct dkm_loader *ld, const struct port_linux *port,
                        struct dkm_module *mod, const void *image, size_t size);

/* For a module loaded with DKM_LOAD_NO_RUN | DKM_LOAD_KEEP_SYMS: runs its constructors
 * (.ctors backwards, then .init_array by priority) or its destructors (.fini_array backwards,
 * then .dtors forwards), as a C program's start-up and exit would. 0, or -1 after a crash, which
 * is reported on stderr. */
int host_run_constructors(struct port_linux *port, const struct dkm_module *mod, const char *name);
int host_run_destructors(struct port_linux *port, const struct dkm_module *mod, const char *name);

#endif
