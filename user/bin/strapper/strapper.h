/* strapper.h — strapper, ark's module tool: shared declarations of its parts (command table,
 * messages, insmod/rmmod/lsmod in main.c; modinfo in info.c; modprobe in probe.c and its
 * configuration in conf.c; the ramdisk's module index in index.c; module files in modfile.c;
 * JSON output in json.c). */
#ifndef STRAPPER_H
#define STRAPPER_H

#include "ark/elfinfo.h"
#include "ark/modconf.h"
#include "ark/modindex.h"
#include "ulib.h"

/* main.c: the name the program was started as ("strapper", "insmod", ...) prefixes every message */
extern const char *prog;
int fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports the kernel's reason for the failed SYS_DKM_* call that returned rc. */
int fail_kernel(const char *what, long rc);
/* --json: results and errors as JSON (errors: one object on stderr) for scripts. */
extern bool json_output;
/* Loads PATH with parameters (name=value or a bare name); 0, or 1 with the error printed. */
int do_load(const char *path, int nparams, char **params);
int do_load_args(const char *path, const char *args);
/* argv's name=value (or bare name) parameters as one string, blank-containing values quoted. */
int join_params(char *out, size_t cap, int argc, char **argv);
int do_unload(const char *name, bool force);
int cmd_info(int argc, char **argv);
int cmd_probe(int argc, char **argv);

/* json.c */
void json_str(int fd, const char *s);                 /* a quoted, escaped string */
void json_strn(int fd, const char *s, size_t len);

/* conf.c — the .conf files of /ramdisk/etc/modprobe.d (parsed by lib/modconf.c) */
bool modname_eq(const char *a, const char *b);        /* '-' and '_' alike */
const char *conf_alias(const char *want);             /* the module an alias line names, or NULL */
bool conf_blacklisted(const char *name);
int  conf_options(const char *name, char *out, size_t cap);   /* the options lines' parameters */
void conf_softdeps(const char *name, char *pre, char *post, size_t cap);
void softdep_split(const char *spec, char *pre, char *post, size_t cap);
const char *conf_install(const char *name);           /* the install command for name, or NULL */
const char *conf_remove(const char *name);            /* the remove command for name, or NULL */

/* index.c — /ramdisk/modules.alias and modules.dep (written by mkindex) */
#define INDEX_ALIAS "/ramdisk/modules.alias"
#define INDEX_DEP   "/ramdisk/modules.dep"
#define INDEX_FIELD_MAX MODINDEX_FIELD_MAX
/* NAME_OR_ALIAS to the module's name and file; 0, -ENOENT if unknown, other -errno if the index
 * cannot be read. */
int index_resolve(const char *want, char *name, char *path);
/* index_resolve, also telling whether want matched one of the module's aliases. */
int index_lookup(const char *want, char *name, char *path, bool *via_alias);
/* Name of the module at PATH; 0 or -ENOENT. */
int index_name_of(const char *path, char *name);
/* The dependencies of the module at PATH, in load order: calls fn for each; 0 or -errno. */
int index_deps(const char *path, int (*fn)(const char *dep_path, void *arg), void *arg);

/* modfile.c — reading a module file's metadata without loading it */
/* Reads PATH and parses it; 0, or a message has been printed and 1 is returned. */
int modfile_open(const char *what, const char *path, struct elfinfo *ei);
void modfile_print_signature(void);

/* loaded modules (main.c): the kernel's records */
int loaded_list(struct ark_dkm_record **out);                     /* count or -errno */
const struct ark_dkm_record *loaded_find(const char *name);       /* after loaded_list */

#endif
