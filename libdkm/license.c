/* license.c — GPL-only exports: which MODULE_LICENSE strings are GPL-compatible, the check made
 * when a module imports a GPL-only symbol, and the marking of a module's own EXPORT_SYMBOL_GPL
 * names (recorded as "export_gpl=NAME" in .modinfo) in the export table. */
#include "internal.h"

int dkm_license_gpl_compatible(const char *license)
{
    static const char *const compatible[] = {
        "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
    };
    if (!license)
        return 0;
    for (unsigned i = 0; i < sizeof compatible / sizeof compatible[0]; i++)
        if (!dkm_strcmp(license, compatible[i]))
            return 1;
    return 0;
}

int dkm_check_gpl_import(struct dkm_load *l, const char *name)
{
    if (dkm_license_gpl_compatible(l->license))
        return DKM_OK;
    if (!l->license)
        return dkm_fail(l, DKM_E_GPL_ONLY, "module '%s' (no MODULE_LICENSE) may not use GPL-only symbol '%s'",
                        dkm_load_name(l), name);
    return dkm_fail(l, DKM_E_GPL_ONLY, "module '%s' (license '%s') may not use GPL-only symbol '%s'",
                    dkm_load_name(l), l->license, name);
}

int dkm_mark_gpl_exports(struct dkm_load *l)
{
    struct dkm_module *mod = l->mod;
    const char *name;
    for (unsigned i = 0; (name = dkm_modinfo_find(mod->modinfo, mod->modinfo_size, "export_gpl", i)); i++) {
        const struct dkm_name key = dkm_name_key(name);
        if (dkm_exports_set_flags(l->ld, &key, mod, DKM_EXPORT_GPL_ONLY) != DKM_OK)
            return dkm_fail(l, DKM_E_EXPORT_UNDEF, "marks '%s' GPL-only but does not export it", name);
    }
    return DKM_OK;
}
