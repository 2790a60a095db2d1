/* ark/modconf.h — the modprobe.d configuration (/ramdisk/etc/modprobe.d/NAME.conf, read in name
 * order), parsed the same way by strapper's modprobe and the kernel's on-demand loader
 * (request_module): lib/modconf.c, which uses only ark/arklib.h. Callers read the files and hand
 * over their text, which the entries then point into (it must stay).
 *   alias PATTERN NAME          another name for a module (PATTERN may use * and ?)
 *   options NAME PARAM=VALUE... parameters given whenever NAME is loaded this way
 *   blacklist NAME              NAME's own aliases are ignored (loading it by name still works)
 *   softdep NAME pre: A... post: B...   modules loaded before / after NAME
 *   install NAME COMMAND...     modprobe runs COMMAND instead of loading NAME
 *   remove NAME COMMAND...      modprobe -r runs COMMAND instead of unloading NAME
 * '#' starts a comment; a line ending in '\' continues on the next. Module names compare with
 * '-' and '_' alike. */
#ifndef ARK_MODCONF_H
#define ARK_MODCONF_H

#include "ark/types.h"

#define MODCONF_DIR "/ramdisk/etc/modprobe.d"

enum modconf_kind {
    MODCONF_ALIAS, MODCONF_OPTIONS, MODCONF_BLACKLIST, MODCONF_SOFTDEP, MODCONF_INSTALL,
    MODCONF_REMOVE
};

struct modconf_entry {
    enum modconf_kind kind;
    const char *name;          /* ALIAS: the pattern; others: the module */
    const char *value;         /* ALIAS: the module; OPTIONS: the parameters; SOFTDEP: the rest;
                                  INSTALL, REMOVE: the command */
};

/* Entries go into the caller's array; lines past its end are counted in dropped. report (may be
 * NULL) hears of every line that is skipped, with a message such as "unknown keyword 'x'
 * ignored". */
struct modconf {
    struct modconf_entry *entries;
    unsigned n, cap, dropped;
    void (*report)(void *arg, const char *file, unsigned line, const char *msg);
    void *report_arg;
};

/* Adds the entries of one file's text (changed in place: words are NUL-terminated). */
void modconf_parse(struct modconf *c, const char *file, char *text);
/* True when a .conf file of MODCONF_DIR: NAME.conf with a non-empty NAME. */
bool modconf_is_conf_name(const char *name);

bool modconf_name_eq(const char *a, const char *b);                 /* '-' and '_' alike */
/* The module the first alias line matching want names, or NULL. */
const char *modconf_alias(const struct modconf *c, const char *want);
bool modconf_blacklisted(const struct modconf *c, const char *name);
/* Every options line's parameters for name, space-separated, into out: 0, or -E2BIG. */
int  modconf_options(const struct modconf *c, const char *name, char *out, size_t cap);
/* Appends name's softdep lines' pre: and post: modules (space-separated) to pre and post. */
void modconf_softdeps(const struct modconf *c, const char *name, char *pre, char *post, size_t cap);
/* "pre: a b post: c" (a softdep line's or MODULE_SOFTDEP's text) appended to pre and post. */
void modconf_softdep_split(const char *spec, char *pre, char *post, size_t cap);
/* The next word of *p, NUL-terminated in place, with *p moved past it; NULL when only blanks
 * (space, tab, CR) are left. Walks a line, or a module list of modconf_softdeps. */
char *modconf_word(char **p);
/* The install (or remove) command for name, or NULL when there is none. */
const char *modconf_command(const struct modconf *c, enum modconf_kind kind, const char *name);

#endif
