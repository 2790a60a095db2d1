/* params.c — Linux module parameters: the standard kernel_param_ops (byte ... invbool, charp,
 * string, arrays), applying "name=value" text to a module's parameters before its init, and the
 * /sys/module/NAME/parameters/ files. */
#include <linux/moduleparam.h>
#include "lx_internal.h"

/* ---- standard operations ---- */

#define LX_PARAM_NUM(name, type, conv, fmt)                                                 \
    int param_set_##name(const char *val, const struct kernel_param *kp)                    \
    {                                                                                       \
        return conv(val, 0, (type *)kp->arg);                                               \
    }                                                                                       \
    KERNEL_EXPORT(param_set_##name);                                                        \
    int param_get_##name(char *buffer, const struct kernel_param *kp)                       \
    {                                                                                       \
        return scnprintf(buffer, SYSFS_PAGE, fmt "\n", *(type *)kp->arg);                   \
    }                                                                                       \
    KERNEL_EXPORT(param_get_##name);                                                        \
    const struct kernel_param_ops param_ops_##name = {                                      \
        .set = param_set_##name, .get = param_get_##name };                                 \
    KERNEL_EXPORT(param_ops_##name)

LX_PARAM_NUM(byte, unsigned char, kstrtou8, "%hhu");
LX_PARAM_NUM(short, short, kstrtos16, "%hi");
LX_PARAM_NUM(ushort, unsigned short, kstrtou16, "%hu");
LX_PARAM_NUM(int, int, kstrtoint, "%i");
LX_PARAM_NUM(uint, unsigned int, kstrtouint, "%u");
LX_PARAM_NUM(long, long, kstrtol, "%li");
LX_PARAM_NUM(ulong, unsigned long, kstrtoul, "%lu");
LX_PARAM_NUM(ullong, unsigned long long, kstrtoull, "%llu");

int param_set_hexint(const char *val, const struct kernel_param *kp)
{
    return kstrtouint(val, 0, (unsigned int *)kp->arg);
}
KERNEL_EXPORT(param_set_hexint);
int param_get_hexint(char *buffer, const struct kernel_param *kp)
{
    return scnprintf(buffer, SYSFS_PAGE, "%#08x\n", *(unsigned int *)kp->arg);
}
KERNEL_EXPORT(param_get_hexint);
const struct kernel_param_ops param_ops_hexint = { .set = param_set_hexint, .get = param_get_hexint };
KERNEL_EXPORT(param_ops_hexint);

int param_set_bool(const char *val, const struct kernel_param *kp)
{
    if (!val)
        val = "1";                     /* a bare "name" turns it on */
    return kstrtobool(val, (bool *)kp->arg);
}
KERNEL_EXPORT(param_set_bool);
int param_get_bool(char *buffer, const struct kernel_param *kp)
{
    return scnprintf(buffer, SYSFS_PAGE, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}
KERNEL_EXPORT(param_get_bool);
const struct kernel_param_ops param_ops_bool = {
    .flags = KERNEL_PARAM_OPS_FL_NOARG, .set = param_set_bool, .get = param_get_bool };
KERNEL_EXPORT(param_ops_bool);

int param_set_invbool(const char *val, const struct kernel_param *kp)
{
    bool v;
    int err = kstrtobool(val ? val : "1", &v);

    if (!err)
        *(bool *)kp->arg = !v;
    return err;
}
KERNEL_EXPORT(param_set_invbool);
int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
    return scnprintf(buffer, SYSFS_PAGE, "%c\n", *(bool *)kp->arg ? 'N' : 'Y');
}
KERNEL_EXPORT(param_get_invbool);
const struct kernel_param_ops param_ops_invbool = {
    .flags = KERNEL_PARAM_OPS_FL_NOARG, .set = param_set_invbool, .get = param_get_invbool };
KERNEL_EXPORT(param_ops_invbool);

/* charp values this code allocated (a default points into the module and is never freed). */
struct lx_charp {
    char *value;
    struct kmod *owner;
    struct lx_charp *next;
};
static struct lx_charp *lx_charps;

static bool lx_charp_forget(char *value)
{
    for (struct lx_charp **pp = &lx_charps; *pp; pp = &(*pp)->next) {
        if ((*pp)->value == value) {
            struct lx_charp *c = *pp;
            *pp = c->next;
            kfree(c);
            return true;
        }
    }
    return false;
}

int param_set_charp(const char *val, const struct kernel_param *kp)
{
    struct lx_charp *c;
    char *copy;

    if (!val)
        return -EINVAL;
    if (strlen(val) > 1024)
        return -ENOSPC;
    copy = kstrdup(val, GFP_KERNEL);
    c = kzalloc(sizeof(*c), GFP_KERNEL);
    if (!copy || !c) {
        kfree(copy);
        kfree(c);
        return -ENOMEM;
    }
    param_free_charp(kp->arg);
    c->value = copy;
    c->owner = lx_owner(kp->mod, NULL);
    c->next = lx_charps;
    lx_charps = c;
    *(char **)kp->arg = copy;
    return 0;
}
KERNEL_EXPORT(param_set_charp);

int param_get_charp(char *buffer, const struct kernel_param *kp)
{
    const char *v = *(char **)kp->arg;
    return scnprintf(buffer, SYSFS_PAGE, "%s\n", v ? v : "(null)");
}
KERNEL_EXPORT(param_get_charp);

void param_free_charp(void *arg)
{
    char *v = *(char **)arg;

    if (v && lx_charp_forget(v))
        kfree(v);
}
KERNEL_EXPORT(param_free_charp);

const struct kernel_param_ops param_ops_charp = {
    .set = param_set_charp, .get = param_get_charp, .free = param_free_charp };
KERNEL_EXPORT(param_ops_charp);

int param_set_copystring(const char *val, const struct kernel_param *kp)
{
    const struct kparam_string *kps = kp->str;

    if (!val)
        return -EINVAL;
    if (strlen(val) + 1 > kps->maxlen) {
        printk(KERN_ERR "%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
        return -ENOSPC;
    }
    strcpy(kps->string, val);
    return 0;
}
KERNEL_EXPORT(param_set_copystring);
int param_set_string(const char *val, const struct kernel_param *kp)
{
    return param_set_copystring(val, kp);
}
KERNEL_EXPORT(param_set_string);
int param_get_string(char *buffer, const struct kernel_param *kp)
{
    return scnprintf(buffer, SYSFS_PAGE, "%s\n", kp->str->string);
}
KERNEL_EXPORT(param_get_string);
const struct kernel_param_ops param_ops_string = { .set = param_set_copystring, .get = param_get_string };
KERNEL_EXPORT(param_ops_string);

/* Arrays: "1,2,3"; each element goes through the element type's set on a temporary param. */
static int param_array_set(const char *val, const struct kernel_param *kp)
{
    const struct kparam_array *arr = kp->arr;
    char buf[256];
    unsigned int n = 0;
    char *p = buf, *elem;

    if (!val)
        return -EINVAL;
    if (strscpy(buf, val, sizeof(buf)) < 0)
        return -ENOSPC;
    {
        size_t len = strlen(buf);
        if (len && buf[len - 1] == '\n')
            buf[len - 1] = '\0';
    }
    while ((elem = strsep(&p, ",")) != NULL) {
        struct kernel_param e = { .name = kp->name, .mod = kp->mod, .ops = arr->ops, .perm = 0 };
        int err;
        if (n >= arr->max) {
            printk(KERN_ERR "%s: can only take %u arguments\n", kp->name, arr->max);
            return -EINVAL;
        }
        e.arg = (char *)arr->elem + (size_t)arr->elemsize * n;
        err = arr->ops->set(elem, &e);
        if (err)
            return err;
        n++;
    }
    if (arr->num)
        *arr->num = n;
    return 0;
}

static int param_array_get(char *buffer, const struct kernel_param *kp)
{
    const struct kparam_array *arr = kp->arr;
    unsigned int n = arr->num ? *arr->num : arr->max;
    int off = 0;

    for (unsigned int i = 0; i < n && i < arr->max; i++) {
        struct kernel_param e = { .name = kp->name, .mod = kp->mod, .ops = arr->ops, .perm = 0 };
        int w;
        e.arg = (char *)arr->elem + (size_t)arr->elemsize * i;
        if (i && off < (int)SYSFS_PAGE - 1)
            buffer[off++] = ',';
        w = arr->ops->get(buffer + off, &e);
        if (w < 0)
            return w;
        off += w;
        if (off > 0 && buffer[off - 1] == '\n')
            off--;                     /* one newline at the very end */
    }
    off += scnprintf(buffer + off, SYSFS_PAGE - (size_t)off, "\n");
    return off;
}

static void param_array_free(void *arg)
{
    const struct kparam_array *arr = arg;

    if (!arr->ops->free)
        return;
    for (unsigned int i = 0; i < arr->max; i++)
        arr->ops->free((char *)arr->elem + (size_t)arr->elemsize * i);
}

const struct kernel_param_ops param_array_ops = {
    .set = param_array_set, .get = param_array_get, .free = param_array_free };
KERNEL_EXPORT(param_array_ops);

/* ---- applying arguments ---- */

/* Parameter names compare with '-' and '_' as the same character, as on Linux. */
static bool lx_param_eq(const char *a, const char *b, size_t blen)
{
    size_t i = 0;

    for (; i < blen && a[i]; i++) {
        char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];
        if (x != y)
            return false;
    }
    return i == blen && !a[i];
}

static struct kernel_param *lx_param_find(struct module *mod, const char *name, size_t len)
{
    for (struct kernel_param *kp = mod->ark_params; kp; kp = kp->ark_next)
        if (lx_param_eq(kp->name, name, len))
            return kp;
    return NULL;
}

/* "a=1 b=\"two words\" flag" — each known name's value goes to its set; unknown names are
 * reported and ignored (Linux's rule); a value set rejects fails the load. */
int lx_params_apply(struct module *mod, const char *args)
{
    char *buf, *p;
    int rc = 0;

    if (!args || !*args)
        return 0;
    buf = kstrdup(args, GFP_KERNEL);
    if (!buf)
        return -ENOMEM;
    p = buf;
    for (;;) {
        char *name, *val = NULL;
        size_t nlen;
        struct kernel_param *kp;

        p = skip_spaces(p);
        if (!*p)
            break;
        name = p;
        while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        nlen = (size_t)(p - name);
        if (*p == '=') {
            *p++ = '\0';
            if (*p == '"') {
                val = ++p;
                while (*p && *p != '"')
                    p++;
            } else {
                val = p;
                while (*p && *p != ' ' && *p != '\t' && *p != '\n')
                    p++;
            }
        }
        if (*p)
            *p++ = '\0';
        kp = lx_param_find(mod, name, nlen);
        if (!kp) {
            printk(KERN_WARNING "%s: unknown parameter '%s' ignored\n", mod->name, name);
            continue;
        }
        if (!val && !(kp->ops->flags & KERNEL_PARAM_OPS_FL_NOARG)) {
            printk(KERN_ERR "%s: parameter '%s' needs a value\n", mod->name, name);
            rc = -EINVAL;
            break;
        }
        rc = kp->ops->set(val, kp);
        if (rc == -ENOSPC) {
            printk(KERN_ERR "%s: '%s' too large for parameter '%s'\n", mod->name, val ? val : "", name);
            break;
        }
        if (rc) {
            printk(KERN_ERR "%s: '%s' invalid for parameter '%s'\n", mod->name, val ? val : "", name);
            rc = -EINVAL;
            break;
        }
    }
    kfree(buf);
    return rc;
}

/* ---- /sys/module/NAME/parameters/ ---- */

static long lx_param_show(void *priv, char *buf)
{
    const struct kernel_param *kp = priv;

    if (!kp->ops->get)
        return -EPERM;
    return kp->ops->get(buf, kp);
}

static long lx_param_store(void *priv, const char *buf, uint32_t len)
{
    const struct kernel_param *kp = priv;
    char *val;
    int err;

    if (!kp->ops->set)
        return -EPERM;
    val = kmalloc(len + 1, GFP_KERNEL);
    if (!val)
        return -ENOMEM;
    memcpy(val, buf, len);
    val[len] = '\0';
    err = kp->ops->set(val, kp);
    kfree(val);
    return err ? err : (long)len;
}

int lx_params_sysfs_add(struct module *mod, struct sysfs_dir *dir, struct kmod *owner)
{
    struct sysfs_dir *pdir = NULL;
    int rc;

    for (struct kernel_param *kp = mod->ark_params; kp; kp = kp->ark_next) {
        if (!kp->perm)
            continue;
        if (!pdir) {
            rc = sysfs_dir_create(dir, "parameters", owner, &pdir);
            if (rc)
                return rc;
        }
        rc = sysfs_file_add(pdir, kp->name, kp->perm, kp->ops->get ? lx_param_show : NULL,
                            (kp->perm & 0222) && kp->ops->set ? lx_param_store : NULL,
                            kp, owner);
        if (rc)
            return rc;
    }
    return 0;
}

/* At unload: values allocated for the module's parameters are freed. */
int lx_param_release_owned(struct kmod *m)
{
    struct module *mod = lx_module_of(m);

    if (mod)
        for (struct kernel_param *kp = mod->ark_params; kp; kp = kp->ark_next)
            if (kp->ops->free)
                kp->ops->free(kp->arg);
    for (struct lx_charp **pp = &lx_charps; *pp;) {
        struct lx_charp *c = *pp;
        if (c->owner == m) {
            *pp = c->next;
            kfree(c->value);
            kfree(c);
        } else {
            pp = &c->next;
        }
    }
    return 0;
}
