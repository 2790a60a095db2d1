/* provenance.c — the taint a module brings by how it was built and loaded: F when `insmod -f`
 * loaded it past an ABI record the kernel would otherwise refuse (Linux's -f past vermagic), O
 * when it was not built by the ark tree itself (no intree=Y in .modinfo, as Linux's intree). */
#include "trust.h"
#include "taint.h"
#include "ark/abi.h"
#include "ark/arklib.h"
#include "ark/kernel.h"
#include "dkm/dkm.h"

static bool warned_out_of_tree;

/* "MAJOR.MINOR" as (major << 16) | minor; false for anything else. */
static bool parse_abi(const char *s, uint32_t *out)
{
    uint32_t part[2] = { 0, 0 };

    for (int i = 0; i < 2; i++) {
        if (*s < '0' || *s > '9')
            return false;
        while (*s >= '0' && *s <= '9') {
            part[i] = part[i] * 10 + (uint32_t)(*s++ - '0');
            if (part[i] > 0xffff)
                return false;
        }
        if (i == 0 && *s++ != '.')
            return false;
    }
    if (*s)
        return false;
    *out = part[0] << 16 | part[1];
    return true;
}

/* Whether the module records an ABI this kernel would refuse: another major version, or a later
 * minor one (the rule the loader applies without -f). */
static bool abi_incompatible(const struct dkm_module *mod)
{
    const char *abi;

    for (unsigned i = 0; (abi = dkm_modinfo_get(mod, "abi", i)) != NULL; i++) {
        uint32_t v;
        if (!parse_abi(abi, &v))
            continue;                  /* the loader refuses malformed records even with -f */
        if (v >> 16 != ARK_ABI_MAJOR || (v & 0xffff) > ARK_ABI_MINOR)
            return true;
    }
    return false;
}

void trust_module_provenance(const char *name, const struct dkm_module *mod, bool forced,
                             struct trust_verdict *v)
{
    const char *intree = dkm_modinfo_get(mod, "intree", 0);

    if (forced && abi_incompatible(mod)) {
        printk(KERN_WARNING "dkm: %s: loaded by force past its ABI record: kernel tainted (F)\n",
               name);
        v->taint |= TAINT_BIT(TAINT_FORCED_LOAD);
    }
    if (!intree || strcmp(intree, "Y") != 0) {
        if (!warned_out_of_tree)
            printk(KERN_NOTICE "dkm: %s: out-of-tree module: kernel tainted (O)\n", name);
        warned_out_of_tree = true;
        v->taint |= TAINT_BIT(TAINT_OOT);
    }
}
