/* ark/modindex.h — parsing of the module index that tools/mkindex writes (modules.alias,
 * modules.dep). Compiled from lib/modindex.c by strapper and the kernel's on-demand loader
 * (kernel/dkm/dkm_index.c), so it is pure and depends on no C library or kernel service: callers
 * read the files and pass their text. */
#ifndef MODINDEX_H
#define MODINDEX_H

#include <stdbool.h>
#include <stddef.h>

/* Longest name, path or pattern a field may hold, terminating NUL included. */
#define MODINDEX_FIELD_MAX 192

/* A whole index file as read: lines end in '\n', need not be NUL-terminated. */
struct modindex_text {
    const char *data;
    size_t size;
};

/* modules.alias "module NAME PATH" lookup by name (want_name) or by path (want_path); on success
 * fills name and path (MODINDEX_FIELD_MAX bytes each). */
bool modindex_find_module(const struct modindex_text *alias, const char *want_name,
                          const char *want_path, char *name, char *path);
/* NAME_OR_ALIAS (an exact module name first, then "alias PATTERN NAME" lines with * and ?) to the
 * module's name and path. */
bool modindex_resolve(const struct modindex_text *alias, const char *want, char *name, char *path);
/* modindex_resolve, also telling whether want matched an alias rather than a module's name. */
bool modindex_lookup(const struct modindex_text *alias, const char *want, char *name, char *path,
                     bool *via_alias);
/* Shell-style match of s against pat ('*' any run, '?' one character). */
bool modindex_glob(const char *pat, const char *s);
/* Calls fn for each DEP_PATH of PATH's modules.dep line, in load order; stops at and returns the
 * first non-zero result of fn, else 0 (also when PATH has no line). */
int modindex_deps(const struct modindex_text *dep, const char *path,
                  int (*fn)(const char *dep_path, void *arg), void *arg);

#endif
