/* mkindex — builds the module index of ark's ramdisk, like depmod: given every module file going
 * into the image, writes OUTDIR/modules.dep and OUTDIR/modules.alias, which the kernel's
 * kmod_request and `strapper probe` read from /ramdisk.
 *
 *   usage: mkindex OUTDIR HOST:GUEST...     (GUEST is the path inside the ramdisk, e.g. x.elf)
 *
 *   modules.alias  "module NAME /ramdisk/GUEST" for every module, then "alias PATTERN NAME" for
 *                  each MODULE_ALIAS (PATTERN may contain * and ?) and each entry of its
 *                  MODULE_DEVICE_TABLEs ("platform:NAME"); '#' starts a comment line.
 *   modules.dep    "/ramdisk/GUEST: DEP..." — every module it needs, directly or not, in the order
 *                  they must be loaded. A module needs another when it declares it (depends=NAME,
 *                  with or without a version constraint) or imports a symbol the other exports. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "dkm/modsig.h"
#include "ark/elfinfo.h"

struct mod {
    const char *host, *guest;
    char name[64];
    char path[256];
    void *data;
    uint8_t sha256[SHA256_DIGEST_SIZE];  /* of the module without its signature trailer */
    struct elfinfo ei;
    int *deps;                   /* direct dependencies (indices) */
    int ndeps;
    int mark;                    /* DFS state: 0 new, 1 in progress, 2 done */
};

static struct mod *mods;
static int nmods;

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "mkindex: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(1);
}

static void *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            die("%s: %s", path, "out of memory");
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    if (ferror(f))
        die("%s: %s", path, "read error");
    fclose(f);
    *size = len;
    return buf;
}

static int find_by_name(const char *name, size_t len)
{
    for (int i = 0; i < nmods; i++)
        if (strlen(mods[i].name) == len && strncmp(mods[i].name, name, len) == 0)
            return i;
    return -1;
}

static void add_dep(struct mod *m, int dep)
{
    if (dep < 0 || &mods[dep] == m)
        return;
    for (int i = 0; i < m->ndeps; i++)
        if (m->deps[i] == dep)
            return;
    m->deps = realloc(m->deps, (size_t)(m->ndeps + 1) * sizeof *m->deps);
    if (!m->deps)
        die("%s%s", "out of memory", "");
    m->deps[m->ndeps++] = dep;
}

static int provider_of(const char *sym)
{
    for (int i = 0; i < nmods; i++)
        for (const char *e = elfinfo_export_next(&mods[i].ei, NULL); e;
             e = elfinfo_export_next(&mods[i].ei, e))
            if (strcmp(e, sym) == 0)
                return i;
    return -1;
}

/* Dependencies first (post-order); a cycle is reported and broken. */
static void emit_deps(FILE *out, int i, int root)
{
    struct mod *m = &mods[i];
    if (m->mark == 2)
        return;
    if (m->mark == 1) {
        fprintf(stderr, "mkindex: warning: dependency cycle through '%s'\n", m->name);
        return;
    }
    m->mark = 1;
    for (int d = 0; d < m->ndeps; d++)
        emit_deps(out, m->deps[d], root);
    m->mark = 2;
    if (i != root)
        fprintf(out, " %s", m->path);
}

static FILE *open_out(const char *dir, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s.tmp", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die("%s: %s", path, strerror(errno));
    return f;
}

static void commit_out(FILE *f, const char *dir, const char *name, const char *tmp)
{
    char final[4096];
    snprintf(final, sizeof final, "%s/%s", dir, name);
    if (fclose(f) != 0 || rename(tmp, final) != 0)
        die("%s: %s", final, strerror(errno));
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("%s%s", "usage: mkindex OUTDIR HOST:GUEST...", "");
    const char *outdir = argv[1];
    mods = calloc((size_t)(argc > 2 ? argc - 2 : 1), sizeof *mods);
    for (int arg = 2; arg < argc; arg++) {
        struct mod *m = &mods[nmods];
        *m = (struct mod){ 0 };
        char *entry = argv[arg], *colon = strrchr(entry, ':');
        if (!colon)
            die("entry '%s': %s", entry, "expected HOST:GUEST");
        *colon = '\0';
        m->host = entry;
        m->guest = colon + 1;
        while (*m->guest == '/')
            m->guest++;
        snprintf(m->path, sizeof m->path, "/ramdisk/%s", m->guest);
        size_t size;
        const char *why = "";
        m->data = read_file(m->host, &size);
        struct dkm_sig_info sig;
        if (dkm_sig_parse(m->data, size, &sig) == DKM_SIG_MALFORMED) {
            fprintf(stderr, "mkindex: warning: %s: malformed signature trailer; not indexed\n", m->host);
            free(m->data);
            continue;
        }
        size = sig.module_size;
        sha256(m->data, size, m->sha256);
        if (elfinfo_parse(m->data, size, &m->ei, &why) < 0) {
            /* Not a module (a deliberately broken test file, say): left out of the index. */
            fprintf(stderr, "mkindex: warning: %s: %s; not indexed\n", m->host, why);
            free(m->data);
            continue;
        }
        const char *name = elfinfo_modinfo_get(&m->ei, "name", 0);
        if (name) {
            snprintf(m->name, sizeof m->name, "%s", name);
        } else {
            const char *base = strrchr(m->guest, '/') ? strrchr(m->guest, '/') + 1 : m->guest;
            snprintf(m->name, sizeof m->name, "%s", base);
            /* As the loader names it: up to the first '.', with '-' as '_' (hello-1.ko: hello_1). */
            char *dot = strchr(m->name, '.');
            if (dot && dot != m->name)
                *dot = '\0';
            for (char *c = m->name; *c; c++)
                if (*c == '-')
                    *c = '_';
        }
        if (find_by_name(m->name, strlen(m->name)) >= 0)
            fprintf(stderr, "mkindex: warning: %s: a module named '%s' is indexed already; "
                    "name lookups find the first\n", m->host, m->name);
        nmods++;
    }
    for (int i = 0; i < nmods; i++) {
        struct mod *m = &mods[i];
        const char *dep;
        for (unsigned k = 0; (dep = elfinfo_modinfo_get(&m->ei, "depends", k)); k++) {
            /* depends=a,b>=1.2 — names end at a comparison operator. */
            const char *p = dep;
            while (*p) {
                const char *end = p;
                while (*end && *end != ',')
                    end++;
                size_t len = strcspn(p, "<>=,");
                if (len > (size_t)(end - p))
                    len = (size_t)(end - p);
                while (len && p[len - 1] == ' ')
                    len--;
                while (len && *p == ' ') {
                    p++;
                    len--;
                }
                if (len) {
                    int d = find_by_name(p, len);
                    if (d < 0)
                        fprintf(stderr, "mkindex: warning: %s depends on '%.*s', not in the image\n",
                                m->name, (int)len, p);
                    add_dep(m, d);
                }
                p = *end ? end + 1 : end;
            }
        }
        uint32_t idx = 0;
        for (const char *sym; (sym = elfinfo_undef_next(&m->ei, &idx));)
            add_dep(m, provider_of(sym));
    }

    char tmp[4096];
    FILE *dep = open_out(outdir, "modules.dep", tmp, sizeof tmp);
    fprintf(dep, "# modules.dep — generated by mkindex: MODULE: what it needs, in load order\n");
    for (int i = 0; i < nmods; i++) {
        for (int j = 0; j < nmods; j++)
            mods[j].mark = 0;
        fprintf(dep, "%s:", mods[i].path);
        emit_deps(dep, i, i);
        fputc('\n', dep);
    }
    commit_out(dep, outdir, "modules.dep", tmp);

    FILE *alias = open_out(outdir, "modules.alias", tmp, sizeof tmp);
    fprintf(alias, "# modules.alias — generated by mkindex: module NAME PATH, alias PATTERN NAME\n");
    for (int i = 0; i < nmods; i++)
        fprintf(alias, "module %s %s\n", mods[i].name, mods[i].path);
    for (int i = 0; i < nmods; i++) {
        const char *a;
        for (unsigned k = 0; (a = elfinfo_modinfo_get(&mods[i].ei, "alias", k)); k++)
            fprintf(alias, "alias %s %s\n", a, mods[i].name);
        struct elfinfo_devtable_pos pos = { 0, 0 };
        char dev[128];
        while (elfinfo_devtable_next(&mods[i].ei, &pos, dev, sizeof dev))
            fprintf(alias, "alias %s %s\n", dev, mods[i].name);
    }
    commit_out(alias, outdir, "modules.alias", tmp);

    FILE *hashes = open_out(outdir, "modules.sha256", tmp, sizeof tmp);
    fprintf(hashes, "# modules.sha256 — generated by mkindex: SHA-256 (without signature) PATH\n");
    for (int i = 0; i < nmods; i++) {
        for (int k = 0; k < SHA256_DIGEST_SIZE; k++)
            fprintf(hashes, "%02x", mods[i].sha256[k]);
        fprintf(hashes, "  %s\n", mods[i].path);
    }
    commit_out(hashes, outdir, "modules.sha256", tmp);
    return 0;
}
