/* modinfo.c — the module's .modinfo "key=value" strings: their validation, the module name, the
 * ABI record and the dependency constraints ("core>=1.2") checked against loaded modules. */
#include "internal.h"

int dkm_modinfo_check(const char *info, uint32_t size, struct dkm_error *err, const char *who)
{
    if (!size)
        return DKM_OK;
    if (info[size - 1] != 0)
        return dkm_fail_err(err, who, DKM_E_MODINFO, ".modinfo: last entry (ending at offset %u) is not NUL-terminated",
                            size);
    for (uint32_t off = 0; off < size;) {
        const char *e = info + off;
        size_t len = dkm_strlen(e);
        if (len) {
            size_t k = 0;
            while (k < len && e[k] != '=')
                k++;
            if (k == len || k == 0)
                return dkm_fail_err(err, who, DKM_E_MODINFO, ".modinfo: entry at offset %u (\"%.40s\") is not key=value",
                                    off, e);
        }
        off += (uint32_t)len + 1;
    }
    return DKM_OK;
}

/* The nth value of key, or NULL. */
const char *dkm_modinfo_find(const char *info, uint32_t size, const char *key, unsigned nth)
{
    if (!info)
        return NULL;
    size_t klen = dkm_strlen(key);
    for (uint32_t off = 0; off < size;) {
        const char *e = info + off;
        size_t len = dkm_strlen(e);
        if (len > klen && e[klen] == '=' && !dkm_strncmp(e, key, klen) && nth-- == 0)
            return e + klen + 1;
        off += (uint32_t)len + 1;
    }
    return NULL;
}

static bool name_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

int dkm_choose_name(struct dkm_load *l, const char *info, uint32_t size, const char *hint)
{
    const char *name = dkm_modinfo_find(info, size, "name", 0);
    size_t len;
    if (name) {
        len = dkm_strlen(name);
    } else if (hint && *hint) {
        /* base name without directory and extension */
        const char *base = hint;
        for (const char *p = hint; *p; p++)
            if (*p == '/')
                base = p + 1;
        name = base;
        len = 0;
        while (base[len] && base[len] != '.')
            len++;
    } else {
        return dkm_fail(l, DKM_E_NAME, "module has no name (no .modinfo name= and no file name)");
    }
    if (len == 0 || len >= DKM_NAME_MAX)
        return dkm_fail(l, DKM_E_NAME, "module name of %zu characters (1 to %u allowed)", len,
                        DKM_NAME_MAX - 1);
    for (size_t i = 0; i < len; i++)
        if (!name_char_ok(name[i]))
            return dkm_fail(l, DKM_E_NAME, "module name \"%.*s\" has character 0x%02x (letters, digits, '_' and '-' allowed)",
                            (int)len, name, (unsigned char)name[i]);
    /* A name taken from the file follows Linux: "hello-1.ko" is module hello_1. */
    bool from_file = !dkm_modinfo_find(info, size, "name", 0);
    for (size_t i = 0; i < len; i++)
        l->mod->name[i] = (from_file && name[i] == '-') ? '_' : name[i];
    l->mod->name[len] = 0;
    if (dkm_find(l->ld, l->mod->name))
        return dkm_fail(l, DKM_E_EXIST, "a module named %s is already loaded", l->mod->name);
    return DKM_OK;
}

/* "MAJOR.MINOR" → (major << 16) | minor. */
int dkm_parse_abi(const char *s, uint32_t *out)
{
    uint32_t v[2] = {0, 0};
    for (int part = 0; part < 2; part++) {
        if (*s < '0' || *s > '9')
            return DKM_E_ABI;
        while (*s >= '0' && *s <= '9') {
            v[part] = v[part] * 10 + (uint32_t)(*s++ - '0');
            if (v[part] > 0xffff)
                return DKM_E_ABI;
        }
        if (part == 0 && *s++ != '.')
            return DKM_E_ABI;
    }
    if (*s)
        return DKM_E_ABI;
    *out = v[0] << 16 | v[1];
    return DKM_OK;
}

int dkm_check_abi(struct dkm_load *l, const char *info, uint32_t size)
{
    uint32_t host = l->ld->cfg.abi_version;
    if (!host)
        return DKM_OK;
    const char *abi = dkm_modinfo_find(info, size, "abi", 0);
    if (!abi) {
        dkm_log(l->ld, DKM_LOG_WARN, "dkm: %s: no ABI record (not built with ark's headers); loading anyway",
                dkm_load_name(l));
        return DKM_OK;
    }
    for (unsigned i = 0; (abi = dkm_modinfo_find(info, size, "abi", i)) != NULL; i++) {
        uint32_t v;
        if (dkm_parse_abi(abi, &v))
            return dkm_fail(l, DKM_E_MODINFO, ".modinfo: abi=\"%.20s\" is not MAJOR.MINOR", abi);
        if (v >> 16 != host >> 16 || (v & 0xffff) > (host & 0xffff)) {
            if (l->flags & DKM_LOAD_FORCE_ABI) {
                dkm_log(l->ld, DKM_LOG_WARN, "dkm: %s: built for ark ABI %u.%u, kernel provides %u.%u; "
                        "loading anyway (forced)", dkm_load_name(l), v >> 16, v & 0xffff, host >> 16,
                        host & 0xffff);
                continue;
            }
            return dkm_fail(l, DKM_E_ABI, "built for ark ABI %u.%u, kernel provides %u.%u", v >> 16,
                            v & 0xffff, host >> 16, host & 0xffff);
        }
    }
    return DKM_OK;
}

/* Numeric, dot by dot: "1.10" > "1.9"; a missing component counts as 0. */
int dkm_version_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    while (i < alen || j < blen) {
        uint64_t x = 0, y = 0;
        while (i < alen && a[i] >= '0' && a[i] <= '9' && x < 0xffffffffu)
            x = x * 10 + (uint64_t)(a[i++] - '0');
        while (j < blen && b[j] >= '0' && b[j] <= '9' && y < 0xffffffffu)
            y = y * 10 + (uint64_t)(b[j++] - '0');
        if (x != y)
            return x < y ? -1 : 1;
        while (i < alen && a[i] != '.')
            i++;
        while (j < blen && b[j] != '.')
            j++;
        if (i < alen)
            i++;
        if (j < blen)
            j++;
    }
    return 0;
}

enum dep_op { OP_ANY, OP_EQ, OP_GE, OP_LE, OP_GT, OP_LT };

static bool op_holds(enum dep_op op, int cmp)
{
    switch (op) {
    case OP_EQ: return cmp == 0;
    case OP_GE: return cmp >= 0;
    case OP_LE: return cmp <= 0;
    case OP_GT: return cmp > 0;
    case OP_LT: return cmp < 0;
    default: return true;
    }
}

/* One constraint "name[op version]" of len bytes. */
static int check_one(struct dkm_load *l, const char *spec, size_t len)
{
    size_t n = 0;
    while (n < len && spec[n] != '>' && spec[n] != '<' && spec[n] != '=' && spec[n] != ' ')
        n++;
    if (n == 0 || n >= DKM_NAME_MAX)
        return dkm_fail(l, DKM_E_MODINFO, ".modinfo: depends=\"%.*s\" names no module", (int)len, spec);
    char name[DKM_NAME_MAX];
    for (size_t i = 0; i < n; i++)
        name[i] = spec[i];
    name[n] = 0;
    size_t p = n;
    while (p < len && spec[p] == ' ')
        p++;
    enum dep_op op = OP_ANY;
    if (p < len) {
        if (spec[p] == '=') {
            op = OP_EQ;
            p += (p + 1 < len && spec[p + 1] == '=') ? 2 : 1;
        } else if (spec[p] == '>' || spec[p] == '<') {
            bool eq = p + 1 < len && spec[p + 1] == '=';
            op = spec[p] == '>' ? (eq ? OP_GE : OP_GT) : (eq ? OP_LE : OP_LT);
            p += eq ? 2 : 1;
        }
        while (p < len && spec[p] == ' ')
            p++;
        if (op == OP_ANY || p == len || spec[p] < '0' || spec[p] > '9')
            return dkm_fail(l, DKM_E_MODINFO, ".modinfo: depends=\"%.*s\" is not NAME[OP VERSION]",
                            (int)len, spec);
    }
    struct dkm_module *dep = dkm_find(l->ld, name);
    if (!dep || dep->state == DKM_STATE_GOING)
        return dkm_fail(l, DKM_E_DEPENDS, "depends on %.*s, but %s is not loaded", (int)len, spec, name);
    if (dep->state == DKM_STATE_COMING)
        return dkm_fail(l, DKM_E_BUSY, "depends on %.*s, but %s is still loading", (int)len, spec, name);
    if (op != OP_ANY) {
        const char *v = dep->version;
        if (!v)
            return dkm_fail(l, DKM_E_DEPENDS, "depends on %.*s, but %s has no version", (int)len, spec,
                            name);
        if (!op_holds(op, dkm_version_cmp(v, dkm_strlen(v), spec + p, len - p)))
            return dkm_fail(l, DKM_E_DEPENDS, "depends on %.*s, but %s %s is loaded", (int)len, spec,
                            name, v);
    }
    return dkm_add_dependency(l, dep);
}

/* Every depends= entry, each a comma-separated list of constraints. */
int dkm_check_depends(struct dkm_load *l, const char *info, uint32_t size)
{
    const char *d;
    for (unsigned i = 0; (d = dkm_modinfo_find(info, size, "depends", i)) != NULL; i++) {
        while (*d) {
            while (*d == ',' || *d == ' ')
                d++;
            size_t len = 0;
            while (d[len] && d[len] != ',')
                len++;
            while (len && d[len - 1] == ' ')
                len--;
            if (len) {
                int rc = check_one(l, d, len);
                if (rc)
                    return rc;
            }
            d += len;
            while (*d && *d != ',')
                d++;
        }
    }
    return DKM_OK;
}
