/* params.c — module parameters: the relocated struct ark_param_desc records of .dkm.params are
 * checked against the module's memory, then "name=value" arguments set int, uint, bool and string
 * parameters and comma-separated arrays of them. A value is parsed completely before anything is
 * written, so a bad argument never leaves a parameter half-set. */
#include "internal.h"

/* struct ark_param_desc as laid out by an i386 module (include/ark/module.h): six 32-bit words. */
enum { P_INT = 1, P_UINT = 2, P_BOOL = 3, P_STRING = 4, P_ARRAY = 0x100 };
#define PARAM_NAME_MAX 64u
#define PARAM_BYTES_MAX (1u << 20)
/* struct ark_param_desc: name, addr, type, size, max, count — pointers in the module's width, so
 * 6 x 32-bit words on ELF32 and 40 bytes (count aligned to 8) on ELF64. */
#define PARAM_PTR DKM_ADDR_BYTES
#define PARAM_OFF_TYPE (2 * PARAM_PTR)
#define PARAM_OFF_COUNT ((PARAM_OFF_TYPE + 12 + PARAM_PTR - 1) / PARAM_PTR * PARAM_PTR)
#define PARAM_DESC_BYTES (PARAM_OFF_COUNT + PARAM_PTR)

static struct dkm_param_rec desc_at(const struct dkm_module *mod, unsigned i)
{
    return mod->params[i];
}

/* A NUL-terminated string inside resident, read-only module memory: the module cannot change it
 * behind the loader's back, and it outlives init. */
static bool name_ok(const struct dkm_load *l, dkm_addr_t addr)
{
    bool init_only;
    uint32_t room = 0;
    while (room < PARAM_NAME_MAX && dkm_resident_prot(l, addr, room + 1, &init_only))
        room++;
    if (!room || init_only || (dkm_resident_prot(l, addr, room, &init_only) & DKM_PROT_W))
        return false;
    return dkm_strnlen((const char *)(uintptr_t)addr, room) < room;
}

/* Where parameter memory (storage or count) may lie: resident writable module data. NULL if so,
 * else why not. */
static const char *data_problem(const struct dkm_load *l, dkm_addr_t addr, dkm_addr_t len)
{
    bool init_only = false;
    unsigned prot = dkm_resident_prot(l, addr, len, &init_only);
    if (!prot)
        return "is not module data";
    if (init_only)
        return "is in init-only memory, which is freed after init";
    if (!(prot & DKM_PROT_W))
        return "is not writable module data";
    return NULL;
}

static dkm_addr_t read_ptr(const uint8_t *p)
{
    if (DKM_ADDR_BYTES == 8)
        return (dkm_addr_t)((const dkm_unaligned64_t *)(const void *)p)->v;
    return (dkm_addr_t)((const dkm_unaligned32_t *)(const void *)p)->v;
}

int dkm_params_bind(struct dkm_load *l, dkm_addr_t addr, dkm_addr_t size)
{
    struct dkm_module *mod = l->mod;
    if (size % PARAM_DESC_BYTES)
        return dkm_fail(l, DKM_E_PARAM_DESC, ".dkm.params: size %" DKM_PRIU " is not a multiple of %u", size,
                        PARAM_DESC_BYTES);
    uint32_t n = (uint32_t)(size / PARAM_DESC_BYTES);
    if (!n)
        return DKM_OK;
    mod->params = dkm_meta_alloc(l->ld, (size_t)n * sizeof *mod->params);
    if (!mod->params)
        return dkm_fail(l, DKM_E_NOMEM, "out of memory for %u parameters", n);
    mod->nparams = n;
    for (unsigned i = 0; i < n; i++) {
        const uint8_t *w = (const uint8_t *)(uintptr_t)(addr + i * PARAM_DESC_BYTES);
        struct dkm_param_rec d;
        d.name = read_ptr(w);
        d.addr = read_ptr(w + PARAM_PTR);
        d.type = ((const dkm_unaligned32_t *)(const void *)(w + PARAM_OFF_TYPE))->v;
        d.size = ((const dkm_unaligned32_t *)(const void *)(w + PARAM_OFF_TYPE + 4))->v;
        d.max = ((const dkm_unaligned32_t *)(const void *)(w + PARAM_OFF_TYPE + 8))->v;
        d.count = read_ptr(w + PARAM_OFF_COUNT);
        mod->params[i] = d;
        if (!name_ok(l, d.name))
            return dkm_fail(l, DKM_E_PARAM_DESC, ".dkm.params #%u: name at 0x%" DKM_PRIX " is not a string in the module's resident read-only memory",
                            i, d.name);
        const char *name = (const char *)(uintptr_t)d.name;
        unsigned base = d.type & 0xff;
        if (base < P_INT || base > P_STRING || (d.type & ~(0xffu | P_ARRAY)))
            return dkm_fail(l, DKM_E_PARAM_DESC, "parameter '%s': type 0x%x unknown", name, d.type);
        bool size_ok = base == P_STRING ? d.size >= 1 && d.size <= PARAM_BYTES_MAX
                       : base == P_BOOL ? d.size == 1 || d.size == 4
                                        : d.size == 4;
        if (!size_ok)
            return dkm_fail(l, DKM_E_PARAM_DESC, "parameter '%s': element size %u wrong for its type", name,
                            d.size);
        if (d.max == 0 || (!(d.type & P_ARRAY) && d.max != 1) || d.max > PARAM_BYTES_MAX / d.size)
            return dkm_fail(l, DKM_E_PARAM_DESC, "parameter '%s': %u elements", name, d.max);
        const char *why = data_problem(l, d.addr, d.size * d.max);
        if (why)
            return dkm_fail(l, DKM_E_PARAM_DESC, "parameter '%s': storage 0x%" DKM_PRIX " (%u bytes) %s", name, d.addr,
                            d.size * d.max, why);
        if (d.count && (why = data_problem(l, d.count, 4)) != NULL)
            return dkm_fail(l, DKM_E_PARAM_DESC, "parameter '%s': count at 0x%" DKM_PRIX " %s", name, d.count, why);
    }
    return DKM_OK;
}

void dkm_params_free(struct dkm_loader *ld, struct dkm_module *mod)
{
    dkm_meta_free(ld, mod->params, (size_t)mod->nparams * sizeof *mod->params);
    mod->params = NULL;
    mod->nparams = 0;
}

static bool parse_number(const char *s, size_t len, bool is_signed, uint32_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
    }
    if (neg && !is_signed)
        return false;
    unsigned base = 10;
    if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    }
    if (i == len)
        return false;
    uint64_t v = 0;
    for (; i < len; i++) {
        unsigned dg;
        char c = s[i];
        if (c >= '0' && c <= '9')
            dg = (unsigned)(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            dg = (unsigned)(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            dg = (unsigned)(c - 'A' + 10);
        else
            return false;
        v = v * base + dg;
        if (v > 0xffffffffull)
            return false;
    }
    if (is_signed) {
        if (neg ? v > 0x80000000ull : v > 0x7fffffffull)
            return false;
        *out = neg ? (uint32_t)(0 - v) : (uint32_t)v;
    } else {
        *out = (uint32_t)v;
    }
    return true;
}

static bool word_is(const char *s, size_t len, const char *w)
{
    return dkm_strlen(w) == len && !dkm_strncmp(s, w, len);
}

static bool parse_bool(const char *s, size_t len, uint32_t *out)
{
    static const char *const yes[] = {"1", "y", "Y", "yes", "true", "on"};
    static const char *const no[] = {"0", "n", "N", "no", "false", "off"};
    for (unsigned i = 0; i < 6; i++) {
        if (word_is(s, len, yes[i])) {
            *out = 1;
            return true;
        }
        if (word_is(s, len, no[i])) {
            *out = 0;
            return true;
        }
    }
    return false;
}

static const char *const type_names[] = {"?", "int", "uint", "bool", "string"};

/* One element: checks it, and stores it when store is set. */
static int element(const struct dkm_module *mod, const struct dkm_param_rec *d, uint32_t idx,
                   const char *s, size_t len, bool store, struct dkm_error *err)
{
    const char *name = (const char *)(uintptr_t)d->name;
    unsigned base = d->type & 0xff;
    uint8_t *dst = (uint8_t *)(uintptr_t)(d->addr + idx * d->size);
    uint32_t v = 0;
    bool ok;
    switch (base) {
    case P_INT: ok = parse_number(s, len, true, &v); break;
    case P_UINT: ok = parse_number(s, len, false, &v); break;
    case P_BOOL: ok = parse_bool(s, len, &v); break;
    default:
        if (len >= d->size)
            return dkm_fail_err(err, mod->name, DKM_E_PARAM_VALUE,
                                "parameter '%s': \"%.*s\" is longer than %u characters", name,
                                (int)(len > 40 ? 40 : len), s, d->size - 1);
        if (store) {
            for (size_t i = 0; i < len; i++)
                dst[i] = (uint8_t)s[i];
            dst[len] = 0;
        }
        return DKM_OK;
    }
    if (!ok)
        return dkm_fail_err(err, mod->name, DKM_E_PARAM_VALUE, "parameter '%s': \"%.*s\" is not a valid %s",
                            name, (int)(len > 40 ? 40 : len), s, type_names[base]);
    if (store) {
        if (d->size == 1)
            *dst = (uint8_t)v;
        else
            ((dkm_unaligned32_t *)(void *)dst)->v = v;
    }
    return DKM_OK;
}

static int set_value(const struct dkm_module *mod, const struct dkm_param_rec *d, const char *value,
                     size_t len, bool store, struct dkm_error *err)
{
    if (!(d->type & P_ARRAY))
        return element(mod, d, 0, value, len, store, err);
    uint32_t n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && value[i] != ',')
            continue;
        if (n >= d->max)
            return dkm_fail_err(err, mod->name, DKM_E_PARAM_VALUE, "parameter '%s': more than %u values",
                                (const char *)(uintptr_t)d->name, d->max);
        int rc = element(mod, d, n, value + start, i - start, store, err);
        if (rc)
            return rc;
        n++;
        start = i + 1;
    }
    if (store && d->count)
        ((dkm_unaligned32_t *)(uintptr_t)d->count)->v = n;
    return DKM_OK;
}

static int find_param(const struct dkm_module *mod, const char *name, size_t len,
                      struct dkm_param_rec *out)
{
    for (unsigned i = 0; i < mod->nparams; i++) {
        *out = desc_at(mod, i);
        const char *pn = (const char *)(uintptr_t)out->name;
        if (!dkm_strncmp(pn, name, len) && pn[len] == 0)
            return DKM_OK;
    }
    return DKM_E_PARAM_UNKNOWN;
}

static int set_param(struct dkm_module *mod, const char *name, size_t nlen, const char *value,
                     size_t vlen, bool has_value, struct dkm_error *err)
{
    struct dkm_param_rec d;
    if (find_param(mod, name, nlen, &d))
        return dkm_fail_err(err, mod->name, DKM_E_PARAM_UNKNOWN, "unknown parameter '%.*s'",
                            (int)(nlen > 60 ? 60 : nlen), name);
    if (!has_value) {
        /* "name" alone turns a bool on, as on Linux's command line. */
        if ((d.type & 0xff) != P_BOOL)
            return dkm_fail_err(err, mod->name, DKM_E_PARAM_VALUE, "parameter '%.*s' needs a value",
                                (int)nlen, name);
        value = "1";
        vlen = 1;
    }
    int rc = set_value(mod, &d, value, vlen, false, err);
    return rc ? rc : set_value(mod, &d, value, vlen, true, err);
}

/* "a=1 b=x s=\"two words\" arr=1,2,3" */
int dkm_params_apply_args(struct dkm_module *mod, const char *args, struct dkm_error *err)
{
    if (!args)
        return DKM_OK;
    const char *p = args;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            return DKM_OK;
        const char *name = p;
        while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t nlen = (size_t)(p - name);
        if (*p != '=') {
            int rc = set_param(mod, name, nlen, NULL, 0, false, err);
            if (rc)
                return rc;
            continue;
        }
        p++;
        const char *value = p;
        size_t vlen;
        if (*p == '"') {
            value = ++p;
            while (*p && *p != '"')
                p++;
            if (!*p)
                return dkm_fail_err(err, mod->name, DKM_E_PARAM_VALUE, "parameter '%.*s': unterminated quote",
                                    (int)nlen, name);
            vlen = (size_t)(p - value);
            p++;
        } else {
            while (*p && *p != ' ' && *p != '\t' && *p != '\n')
                p++;
            vlen = (size_t)(p - value);
        }
        int rc = set_param(mod, name, nlen, value, vlen, true, err);
        if (rc)
            return rc;
    }
}

unsigned dkm_param_count(const struct dkm_module *mod)
{
    return mod ? mod->nparams : 0;
}

static const char *const type_texts[2][5] = {
    {"?", "int", "uint", "bool", "string"},
    {"?", "array of int", "array of uint", "array of bool", "array of string"},
};

int dkm_param_get(const struct dkm_module *mod, unsigned i, const char **name, const char **type,
                  char *buf, size_t size)
{
    if (!mod || i >= mod->nparams)
        return DKM_E_NOENT;
    struct dkm_param_rec d = desc_at(mod, i);
    unsigned base = d.type & 0xff;
    if (name)
        *name = (const char *)(uintptr_t)d.name;
    if (type)
        *type = type_texts[(d.type & P_ARRAY) ? 1 : 0][base];
    if (!buf || !size)
        return DKM_OK;
    uint32_t n = 1;
    if (d.type & P_ARRAY)
        n = d.count ? ((const dkm_unaligned32_t *)(uintptr_t)d.count)->v : d.max;
    if (n > d.max)
        n = d.max;
    size_t len = 0;
    buf[0] = 0;
    for (uint32_t k = 0; k < n && len < size; k++) {
        const uint8_t *src = (const uint8_t *)(uintptr_t)(d.addr + k * d.size);
        uint32_t v = d.size == 1 ? *src : ((const dkm_unaligned32_t *)(const void *)src)->v;
        const char *sep = k ? "," : "";
        int w;
        if (base == P_INT)
            w = dkm_format(buf + len, size - len, "%s%d", sep, (int32_t)v);
        else if (base == P_UINT)
            w = dkm_format(buf + len, size - len, "%s%u", sep, v);
        else if (base == P_BOOL)
            w = dkm_format(buf + len, size - len, "%s%c", sep, v ? 'Y' : 'N');
        else
            w = dkm_format(buf + len, size - len, "%s%.*s", sep, (int)d.size, (const char *)src);
        len += (size_t)w;
    }
    return DKM_OK;
}

int dkm_param_set(struct dkm_module *mod, const char *name, const char *value,
                  struct dkm_error *err)
{
    if (!mod || !name || !value)
        return dkm_fail_err(err, mod ? mod->name : NULL, DKM_E_INVAL, "dkm_param_set: missing argument");
    return set_param(mod, name, dkm_strlen(name), value, dkm_strlen(value), true, err);
}
