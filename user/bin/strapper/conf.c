/* conf.c — modprobe's configuration: reads every /ramdisk/etc/modprobe.d/NAME.conf in name order
 * once and hands its text to the shared parser (lib/modconf.c, ark/modconf.h, which the
 * kernel's request_module uses too). Lines it cannot use are reported with file and line. */
#include "strapper.h"

#define CONF_TEXT_MAX (64 * 1024)
#define CONF_ENTRIES_MAX 256

static char conf_text[CONF_TEXT_MAX];
static size_t conf_used;
static struct modconf_entry entries[CONF_ENTRIES_MAX];
static struct modconf conf;
static bool conf_loaded;

bool modname_eq(const char *a, const char *b) { return modconf_name_eq(a, b); }

static void conf_report(void *arg, const char *file, unsigned line, const char *msg)
{
    (void)arg;
    eprintf("%s: %s:%u: %s\n", prog, file, line, msg);
}

static const struct modconf *conf_get(void)
{
    if (conf_loaded)
        return &conf;
    conf_loaded = true;
    conf = (struct modconf){ .entries = entries, .cap = CONF_ENTRIES_MAX, .report = conf_report };
    struct ark_dirent d;
    for (uint32_t i = 0; readdir(MODCONF_DIR, i, &d) == 0; i++) {
        if (d.type != ARK_DT_FILE || !modconf_is_conf_name(d.name))
            continue;
        char path[sizeof MODCONF_DIR + ARK_NAME_MAX + 1];
        snprintf(path, sizeof path, "%s/%s", MODCONF_DIR, d.name);
        int fd = open(path, ARK_O_RDONLY);
        if (fd < 0)
            continue;
        char *start = conf_text + conf_used;
        size_t room = sizeof conf_text - conf_used - 1, got = 0;
        long n;
        while (got < room && (n = read(fd, start + got, (uint32_t)(room - got))) > 0)
            got += (size_t)n;
        close(fd);
        start[got] = '\0';
        conf_used += got + 1;          /* the entries point into this text: it stays */
        modconf_parse(&conf, path, start);
        if (conf_used >= sizeof conf_text - 1)
            break;
    }
    if (conf.dropped)
        eprintf("%s: %s: more than %u lines; %u ignored\n", prog, MODCONF_DIR, CONF_ENTRIES_MAX,
                conf.dropped);
    return &conf;
}

const char *conf_alias(const char *want) { return modconf_alias(conf_get(), want); }
bool conf_blacklisted(const char *name) { return modconf_blacklisted(conf_get(), name); }

int conf_options(const char *name, char *out, size_t cap)
{
    return modconf_options(conf_get(), name, out, cap);
}

void softdep_split(const char *spec, char *pre, char *post, size_t cap)
{
    modconf_softdep_split(spec, pre, post, cap);
}

void conf_softdeps(const char *name, char *pre, char *post, size_t cap)
{
    modconf_softdeps(conf_get(), name, pre, post, cap);
}

const char *conf_install(const char *name) { return modconf_command(conf_get(), MODCONF_INSTALL, name); }
const char *conf_remove(const char *name) { return modconf_command(conf_get(), MODCONF_REMOVE, name); }
