/* trust.h — what the kernel trusts a module file for: its signature (Ed25519, keys built into
 * the kernel), the keyless allow-list of SHA-256 hashes, lockdown, and the taint a module brings. */
#ifndef KERNEL_TRUST_H
#define KERNEL_TRUST_H

#include "ark/types.h"
#include "dkm/modsig.h"

struct dkm_module;

/* A public key the kernel accepts signatures from (generated into the build, see kernel/trust). */
struct trusted_key {
    uint8_t id[DKM_SIG_KEY_ID_SIZE];     /* first 8 bytes of SHA-256(public key) */
    uint8_t public_key[32];
};
extern const struct trusted_key trusted_keys[];
extern const unsigned trusted_key_count;

enum trust_sig_status {
    TRUST_SIG_UNSIGNED = 0,
    TRUST_SIG_VERIFIED,
    TRUST_SIG_BAD,               /* does not verify */
    TRUST_SIG_UNKNOWN_KEY,       /* no built-in key with that id */
    TRUST_SIG_UNKNOWN_ALG,       /* an algorithm this kernel does not know */
};

/* What the checks found about one module file, kept with the loaded module. */
struct trust_verdict {
    enum trust_sig_status status;
    uint8_t key_id[DKM_SIG_KEY_ID_SIZE];
    unsigned algorithm;          /* enum dkm_sig_algorithm; 0 when unsigned */
    uint32_t taint;              /* TAINT_BIT()s the module brings */
    uint64_t check_cycles;       /* TSC cycles spent on the signature and hash checks */
};

/* Reads module.sig_enforce, module.hash_enforce and module.lockdown from the command line and
 * creates /proc/sys/dkm/{sig_enforce,hash_enforce,lockdown}. */
void trust_init(void);
bool trust_lockdown_active(void);

/* The policy for a file about to be loaded: 0 to go ahead (verdict filled), or a negative errno
 * with the reason set through dkm_set_error and logged. label names the file in messages. */
int trust_check_module(const char *label, const void *image, size_t size, struct trust_verdict *v);
/* After a successful load, before trust_module_loaded: adds F to v when forced (insmod -f) got
 * the module past an ABI record the kernel would refuse, O when it was built out of the tree. */
void trust_module_provenance(const char *name, const struct dkm_module *mod, bool forced,
                             struct trust_verdict *v);
/* After a successful load: adds the license taint to v, logs the once-only warnings, taints. */
void trust_module_loaded(const char *name, const struct dkm_module *mod, struct trust_verdict *v);
/* "verified", "unsigned", ... for modinfo */
const char *trust_status_name(enum trust_sig_status s);
/* key id as 16 hex digits */
void trust_key_id_hex(const uint8_t id[DKM_SIG_KEY_ID_SIZE], char out[2 * DKM_SIG_KEY_ID_SIZE + 1]);

/* hashlist.c — the keyless allow-list, /ramdisk/modules.sha256 */
#define TRUST_HASH_LIST "/ramdisk/modules.sha256"
/* 1 listed, 0 not listed, negative errno when the list cannot be read (reason in *why). */
int trust_hash_listed(const uint8_t digest[32], const char **why);

#endif
