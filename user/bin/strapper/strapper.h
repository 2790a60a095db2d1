/* strapper.h — strapper, ark's module tool: shared declarations of its parts (command table and
 * messages in main.c, the ramdisk's module index in index.c, module files in modfile.c). */
#ifndef STRAPPER_H
#define STRAPPER_H

#include "ark/elfinfo.h"
#include "ark/modindex.h"
#include "ulib.h"

/* main.c: the name the program was started as ("strapper", "insmod", ...) prefixes every message */
extern const char *prog;
int fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports the kernel's reason for the failed SYS_DKM_* call that returned rc. */
int fail_kernel(const char *what, long rc);

/* index.c — /ramdisk/modules.alias and modules.dep (written by mkindex) */
#define INDEX_ALIAS "/ramdisk/modules.alias"
#define INDEX_DEP   "/ramdisk/modules.dep"
#define INDEX_FIELD_MAX MODINDEX_FIELD_MAX
/* NAME_OR_ALIAS to the module's name and file; 0, -ENOENT if unknown, other -errno if the index
 * cannot be read. */
int index_resolve(const char *want, char *name, char *path);
/* Name of the module at PATH; 0 or -ENOENT. */
int index_name_of(const char *path, char *name);
/* The dependencies of the module at PATH, in load order: calls fn for each; 0 or -errno. */
int index_deps(const char *path, int (*fn)(const char *dep_path, void *arg), void *arg);

/* modfile.c — reading a module file's metadata without loading it */
/* Reads PATH and parses it; 0, or a message has been printed and 1 is returned. */
int modfile_open(const char *what, const char *path, struct elfinfo *ei);

/* loaded modules (main.c): the kernel's records */
int loaded_list(struct ark_dkm_record **out);                     /* count or -errno */
const struct ark_dkm_record *loaded_find(const char *name);       /* after loaded_list */

#endif
