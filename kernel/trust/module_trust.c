/* module_trust.c — the kernel's module trust policy. Before a file is loaded: its signature
 * trailer is checked against the built-in keys (refused under module.sig_enforce=1 or lockdown,
 * otherwise accepted with taint E and a once-only warning) and, under module.hash_enforce=1, its
 * SHA-256 against the ramdisk's allow-list. After a load: the license taint (P). The switches are
 * one-way: set at boot or by root through /proc/sys/dkm/, they stay on until reboot. */
#include "trust.h"
#include "taint.h"
#include "crypto.h"
#include "ark/arklib.h"
#include "ark/errno.h"
#include "ark/kernel.h"
#include "ark/proc.h"
#include "dkm/dkm.h"
#include "dkm_kernel.h"
#include "kapi.h"

void dkm_set_error(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool sig_enforce, hash_enforce, lockdown;
static bool warned_unverified;

bool trust_lockdown_active(void) { return lockdown; }

const char *trust_status_name(enum trust_sig_status s)
{
    switch (s) {
    case TRUST_SIG_VERIFIED:    return "verified";
    case TRUST_SIG_BAD:         return "bad signature";
    case TRUST_SIG_UNKNOWN_KEY: return "unknown key";
    case TRUST_SIG_UNKNOWN_ALG: return "unknown algorithm";
    default:                    return "unsigned";
    }
}

void trust_key_id_hex(const uint8_t id[DKM_SIG_KEY_ID_SIZE], char out[2 * DKM_SIG_KEY_ID_SIZE + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < DKM_SIG_KEY_ID_SIZE; i++) {
        out[2 * i] = digits[id[i] >> 4];
        out[2 * i + 1] = digits[id[i] & 15];
    }
    out[2 * DKM_SIG_KEY_ID_SIZE] = '\0';
}

static const struct trusted_key *find_key(const uint8_t id[DKM_SIG_KEY_ID_SIZE])
{
    for (unsigned i = 0; i < trusted_key_count; i++)
        if (memcmp(trusted_keys[i].id, id, DKM_SIG_KEY_ID_SIZE) == 0)
            return &trusted_keys[i];
    return NULL;
}

/* One message, in dmesg and as the load's error: "dkm: LABEL: REASON". */
static int refuse(const char *label, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(const char *label, int err, const char *fmt, ...)
{
    char reason[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    dkm_set_error(err, "%s", reason);
    /* named as libdkm would name it without a .modinfo name: the file name without extension */
    const char *dot = strrchr(label, '.');
    int len = dot && dot != label ? (int)(dot - label) : (int)strlen(label);
    printk(KERN_ERR "dkm: %.*s: %s\n", len, label, reason);
    return err;
}

static void check_signature(const void *image, size_t size, struct trust_verdict *v,
                            int *parse_rc, struct dkm_sig_info *sig)
{
    *parse_rc = dkm_sig_parse(image, size, sig);
    if (*parse_rc != DKM_SIG_PRESENT) {
        v->status = TRUST_SIG_UNSIGNED;
        return;
    }
    memcpy(v->key_id, sig->key_id, DKM_SIG_KEY_ID_SIZE);
    v->algorithm = sig->algorithm;
    if (sig->algorithm != DKM_SIG_ALG_ED25519) {
        v->status = TRUST_SIG_UNKNOWN_ALG;
        return;
    }
    const struct trusted_key *key = find_key(sig->key_id);
    if (!key) {
        v->status = TRUST_SIG_UNKNOWN_KEY;
        return;
    }
    v->status = ed25519_verify(sig->signature, image, sig->module_size, key->public_key) == 0
                    ? TRUST_SIG_VERIFIED : TRUST_SIG_BAD;
}

static int trust_check(const char *label, const void *image, size_t size, struct trust_verdict *v)
{
    memset(v, 0, sizeof *v);
    struct dkm_sig_info sig;
    int parse_rc;
    check_signature(image, size, v, &parse_rc, &sig);
    if (parse_rc == DKM_SIG_MALFORMED)
        return refuse(label, -ENOEXEC, "malformed signature trailer");
    char id[2 * DKM_SIG_KEY_ID_SIZE + 1];
    trust_key_id_hex(v->key_id, id);
    if (sig_enforce || lockdown) {
        switch (v->status) {
        case TRUST_SIG_UNSIGNED:
            return refuse(label, -EKEYREJECTED, "module is not signed");
        case TRUST_SIG_BAD:
            return refuse(label, -EKEYREJECTED, "signature does not verify");
        case TRUST_SIG_UNKNOWN_KEY:
            return refuse(label, -ENOKEY, "signed with an unknown key %s", id);
        case TRUST_SIG_UNKNOWN_ALG:
            return refuse(label, -ENOPKG, "signed with an unknown algorithm (%u)", v->algorithm);
        case TRUST_SIG_VERIFIED:
            break;
        }
    }
    if (hash_enforce) {
        uint8_t digest[SHA256_DIGEST_SIZE];
        sha256(image, sig.module_size, digest);
        const char *why = "";
        int listed = trust_hash_listed(digest, &why);
        if (listed < 0)
            return refuse(label, -EKEYREJECTED, "%s", why);
        if (!listed) {
            char hex[2 * SHA256_DIGEST_SIZE + 1];
            for (int i = 0; i < SHA256_DIGEST_SIZE; i += DKM_SIG_KEY_ID_SIZE)
                trust_key_id_hex(digest + i, hex + 2 * i);
            return refuse(label, -EKEYREJECTED, "module hash %s is not in the allowed list", hex);
        }
    }
    if (v->status != TRUST_SIG_VERIFIED)
        v->taint |= TAINT_BIT(TAINT_UNSIGNED);
    return 0;
}

int trust_check_module(const char *label, const void *image, size_t size, struct trust_verdict *v)
{
    uint64_t t0 = rdtsc();
    int rc = trust_check(label, image, size, v);
    v->check_cycles = rdtsc() - t0;
    return rc;
}

void trust_module_loaded(const char *name, const struct dkm_module *mod, struct trust_verdict *v)
{
    const char *license = dkm_modinfo_get(mod, "license", 0);
    if (!license) {
        printk(KERN_WARNING "dkm: %s: no MODULE_LICENSE: kernel tainted (P)\n", name);
        v->taint |= TAINT_BIT(TAINT_PROPRIETARY);
    } else if (!dkm_license_gpl_compatible(license)) {
        printk(KERN_NOTICE "dkm: %s: license '%s' is not GPL-compatible: kernel tainted (P)\n", name,
               license);
        v->taint |= TAINT_BIT(TAINT_PROPRIETARY);
    }
    if ((v->taint & TAINT_BIT(TAINT_UNSIGNED)) && !warned_unverified) {
        char id[2 * DKM_SIG_KEY_ID_SIZE + 1];
        trust_key_id_hex(v->key_id, id);
        warned_unverified = true;
        if (v->status == TRUST_SIG_UNKNOWN_KEY)
            printk(KERN_WARNING "dkm: %s: signed with an unknown key %s: kernel tainted (E)\n", name, id);
        else if (v->status == TRUST_SIG_UNSIGNED)
            printk(KERN_WARNING "dkm: %s: module is not signed: kernel tainted (E)\n", name);
        else
            printk(KERN_WARNING "dkm: %s: %s: kernel tainted (E)\n", name,
                   v->status == TRUST_SIG_BAD ? "signature does not verify" : "unknown signature algorithm");
    }
    for (unsigned f = 0; f < 32; f++)
        if (v->taint & (1u << f))
            taint_add((enum taint_flag)f);
}

/* ---- switches ---- */

static bool cmdline_flag(const char *key)
{
    char value[8];
    return cmdline_get(key, value, sizeof value) && (value[0] == '1' || value[0] == 'y' || value[0] == 'Y');
}

static void lockdown_enable(const char *why)
{
    if (!lockdown)
        printk(KERN_NOTICE "dkm: lockdown (%s): only modules signed with a built-in key load, until reboot\n",
               why);
    lockdown = true;
}

static int switch_show(struct ark_seq *s, void *priv)
{
    const bool *flag = priv;
    seq_printf(s, "%d\n", (*flag || (flag == &sig_enforce && lockdown)) ? 1 : 0);
    return 0;
}

/* "1" sets the switch; "0" is accepted only while it is off: none can be turned off again. */
static long switch_write(void *priv, const char *buf, uint32_t len)
{
    bool *flag = priv;
    if (current_uid() != 0)
        return -EPERM;
    uint32_t end = len;
    while (end > 0 && (buf[end - 1] == '\n' || buf[end - 1] == ' ' || buf[end - 1] == '\r'))
        end--;
    if (end != 1 || (buf[0] != '0' && buf[0] != '1'))
        return -EINVAL;
    bool on = *flag || (flag == &sig_enforce && lockdown);
    if (buf[0] == '0')
        return on ? -EPERM : (long)len;
    if (flag == &lockdown)
        lockdown_enable("/proc/sys/dkm/lockdown");
    else if (!*flag)
        printk(KERN_NOTICE "dkm: %s enforcement switched on until reboot\n",
               flag == &sig_enforce ? "signature" : "module hash");
    *flag = true;
    return (long)len;
}

void trust_init(void)
{
    sig_enforce = cmdline_flag("module.sig_enforce");
    hash_enforce = cmdline_flag("module.hash_enforce");
    if (cmdline_flag("module.lockdown"))
        lockdown_enable("module.lockdown=1");
    static const struct { const char *path; bool *flag; } files[] = {
        { "sys/dkm/sig_enforce", &sig_enforce },
        { "sys/dkm/hash_enforce", &hash_enforce },
        { "sys/dkm/lockdown", &lockdown },
    };
    for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
        int rc = proc_create(files[i].path, switch_show, switch_write, files[i].flag);
        if (rc < 0)
            printk(KERN_ERR "dkm: cannot create /proc/%s (%d)\n", files[i].path, rc);
    }
    char id[2 * DKM_SIG_KEY_ID_SIZE + 1];
    for (unsigned i = 0; i < trusted_key_count; i++) {
        trust_key_id_hex(trusted_keys[i].id, id);
        printk(KERN_INFO "dkm: trusted module signing key %s (ed25519)%s%s\n", id,
               sig_enforce || lockdown ? ", signatures enforced" : "",
               hash_enforce ? ", module hashes enforced" : "");
    }
}
