/* conf.c — modprobe's configuration, /ramdisk/etc/modprobe.d/NAME.conf read in name order:
 *   alias PATTERN NAME          another name for a module (PATTERN may use * and ?)
 *   options NAME PARAM=VALUE... parameters given whenever NAME is loaded by modprobe
 *   blacklist NAME              NAME's own aliases are ignored (loading it by name still works)
 *   softdep NAME pre: A... post: B...   modules loaded before / after NAME
 * '#' starts a comment; a line ending in '\' continues on the next. Unknown keywords are reported
 * (file and line) and skipped. Module names compare with '-' and '_' alike. */
#include "strapper.h"

#define CONF_DIR "/ramdisk/etc/modprobe.d"
#define CONF_TEXT_MAX (64 * 1024)
#define CONF_ENTRIES_MAX 256

enum conf_kind { CONF_ALIAS, CONF_OPTIONS, CONF_BLACKLIST, CONF_SOFTDEP };

struct conf_entry {
    enum conf_kind kind;
    const char *name;          /* ALIAS: the pattern; others: the module */
    const char *value;         /* ALIAS: the module; OPTIONS: the parameters; SOFTDEP: the rest */
};

static char conf_text[CONF_TEXT_MAX];
static size_t conf_used;
static struct conf_entry entries[CONF_ENTRIES_MAX];
static int nentries;
static bool conf_loaded;

bool modname_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* The next word of *p (NUL-terminating it), or NULL at the end of the line. */
static char *next_word(char **p)
{
    char *s = *p;
    while (is_blank(*s))
        s++;
    if (!*s)
        return NULL;
    char *w = s;
    while (*s && !is_blank(*s))
        s++;
    if (*s)
        *s++ = '\0';
    *p = s;
    return w;
}

static void conf_line(const char *file, unsigned lineno, char *line)
{
    char *p = line, *kw = next_word(&p);
    if (!kw)
        return;
    char *a = next_word(&p);
    while (is_blank(*p))
        p++;
    struct conf_entry e = { 0, a, p };
    if (!strcmp(kw, "alias")) {
        char *target = next_word(&p);
        if (!a || !target)
            goto bad;
        e.kind = CONF_ALIAS;
        e.value = target;
    } else if (!strcmp(kw, "options")) {
        e.kind = CONF_OPTIONS;
    } else if (!strcmp(kw, "blacklist")) {
        e.kind = CONF_BLACKLIST;
    } else if (!strcmp(kw, "softdep")) {
        e.kind = CONF_SOFTDEP;
    } else {
        eprintf("%s: %s:%u: unknown keyword '%s' ignored\n", prog, file, lineno, kw);
        return;
    }
    if (!a)
        goto bad;
    /* One blank between words (continuation lines leave runs of them), none at the end. */
    char *out = p;
    for (char *in = p; *in; in++)
        if (!is_blank(*in) || (out > p && !is_blank(out[-1])))
            *out++ = is_blank(*in) ? ' ' : *in;
    while (out > p && out[-1] == ' ')
        out--;
    *out = '\0';
    if (nentries < CONF_ENTRIES_MAX)
        entries[nentries++] = e;
    return;
bad:
    eprintf("%s: %s:%u: '%s' needs %s; line ignored\n", prog, file, lineno, kw,
            !strcmp(kw, "alias") ? "a pattern and a module" : "a module name");
}

/* Splits one file's text (already in conf_text) into lines and entries. */
static void conf_parse(const char *file, char *text)
{
    unsigned lineno = 0;
    char *line = text;
    while (*line) {
        char *end = line;
        lineno++;
        for (;;) {                     /* join continuation lines */
            while (*end && *end != '\n')
                end++;
            if (end > line && end[-1] == '\\' && *end) {
                end[-1] = ' ';
                *end = ' ';
                lineno++;
                continue;
            }
            break;
        }
        char *next = *end ? end + 1 : end;
        *end = '\0';
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        conf_line(file, lineno, line);
        line = next;
    }
}

static void conf_load(void)
{
    if (conf_loaded)
        return;
    conf_loaded = true;
    struct ark_dirent d;
    for (uint32_t i = 0; readdir(CONF_DIR, i, &d) == 0; i++) {
        size_t len = strlen(d.name);
        if (d.type != ARK_DT_FILE || len < 6 || strcmp(d.name + len - 5, ".conf"))
            continue;
        char path[sizeof CONF_DIR + ARK_NAME_MAX + 1];
        snprintf(path, sizeof path, "%s/%s", CONF_DIR, d.name);
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
        conf_parse(path, start);
        if (conf_used >= sizeof conf_text - 1)
            break;
    }
}

const char *conf_alias(const char *want)
{
    conf_load();
    for (int i = 0; i < nentries; i++)
        if (entries[i].kind == CONF_ALIAS && modindex_glob(entries[i].name, want))
            return entries[i].value;
    return NULL;
}

bool conf_blacklisted(const char *name)
{
    conf_load();
    for (int i = 0; i < nentries; i++)
        if (entries[i].kind == CONF_BLACKLIST && modname_eq(entries[i].name, name))
            return true;
    return false;
}

int conf_options(const char *name, char *out, size_t cap)
{
    size_t used = 0;
    conf_load();
    out[0] = '\0';
    for (int i = 0; i < nentries; i++) {
        if (entries[i].kind != CONF_OPTIONS || !modname_eq(entries[i].name, name) || !*entries[i].value)
            continue;
        int n = snprintf(out + used, cap - used, "%s%s", used ? " " : "", entries[i].value);
        if (n < 0 || (size_t)n >= cap - used)
            return -E2BIG;
        used += (size_t)n;
    }
    return 0;
}

/* "pre: a b post: c" into the pre and post lists of name (space-separated, appended). */
void softdep_split(const char *spec, char *pre, char *post, size_t cap)
{
    char buf[256];
    char *dst = NULL, *p = buf, *w;
    strlcpy(buf, spec, sizeof buf);
    while ((w = next_word(&p)) != NULL) {
        if (!strcmp(w, "pre:"))
            dst = pre;
        else if (!strcmp(w, "post:"))
            dst = post;
        else if (dst) {
            if (*dst)
                strlcat(dst, " ", cap);
            strlcat(dst, w, cap);
        }
    }
}

void conf_softdeps(const char *name, char *pre, char *post, size_t cap)
{
    conf_load();
    for (int i = 0; i < nentries; i++)
        if (entries[i].kind == CONF_SOFTDEP && modname_eq(entries[i].name, name))
            softdep_split(entries[i].value, pre, post, cap);
}
