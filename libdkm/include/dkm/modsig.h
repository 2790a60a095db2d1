/* dkm/modsig.h — the signature trailer of a signed module file: its layout and a parser shared by
 * libdkm (which loads the bytes before it), the kernel's policy, strapper and the host tools.
 * Freestanding, header-only: <stddef.h> and <stdint.h>. */
#ifndef DKM_MODSIG_H
#define DKM_MODSIG_H

#include <stddef.h>
#include <stdint.h>

/* A signed module is the module file, unchanged, followed by this 96-byte trailer:
 *
 *   offset size  field
 *        0   64  signature     over bytes [0, module size) of the file (Ed25519: R || S)
 *       64    8  key id        first 8 bytes of SHA-256 of the signer's public key
 *       72    1  algorithm     DKM_SIG_ALG_ED25519
 *       73    1  version       DKM_SIG_VERSION
 *       74    2  trailer size  96, little-endian
 *       76    4  module size   bytes signed = file size - 96, little-endian
 *       80   16  magic         DKM_SIG_MAGIC
 *
 * The file is found to be signed by the magic in its last 16 bytes; everything before the
 * trailer is the module exactly as the compiler produced it. */
#define DKM_SIG_MAGIC "~ark signature~\n"
#define DKM_SIG_MAGIC_SIZE 16
#define DKM_SIG_TRAILER_SIZE 96
#define DKM_SIG_VERSION 1
#define DKM_SIG_KEY_ID_SIZE 8
#define DKM_SIG_SIZE 64

enum dkm_sig_algorithm { DKM_SIG_ALG_ED25519 = 1 };

struct dkm_sig_info {
    const uint8_t *signature;        /* DKM_SIG_SIZE bytes, inside the image */
    const uint8_t *key_id;           /* DKM_SIG_KEY_ID_SIZE bytes */
    unsigned algorithm;              /* enum dkm_sig_algorithm, or an unknown value */
    size_t module_size;              /* bytes before the trailer (the whole image if unsigned) */
};

enum { DKM_SIG_NONE = 0, DKM_SIG_PRESENT = 1, DKM_SIG_MALFORMED = -1 };

static inline const char *dkm_sig_algorithm_name(unsigned alg)
{
    return alg == DKM_SIG_ALG_ED25519 ? "ed25519" : "unknown";
}

/* DKM_SIG_NONE: no trailer (module_size = size). DKM_SIG_PRESENT: a well-formed trailer.
 * DKM_SIG_MALFORMED: the magic is there but the version, trailer size or module size is wrong. */
static inline int dkm_sig_parse(const void *image, size_t size, struct dkm_sig_info *out)
{
    const uint8_t *p = (const uint8_t *)image;
    out->signature = NULL;
    out->key_id = NULL;
    out->algorithm = 0;
    out->module_size = size;
    if (!p || size < DKM_SIG_TRAILER_SIZE)
        return DKM_SIG_NONE;
    const uint8_t *t = p + size - DKM_SIG_TRAILER_SIZE;
    for (unsigned i = 0; i < DKM_SIG_MAGIC_SIZE; i++)
        if (t[80 + i] != (uint8_t)DKM_SIG_MAGIC[i])
            return DKM_SIG_NONE;
    uint32_t trailer_size = (uint32_t)t[74] | (uint32_t)t[75] << 8;
    uint32_t module_size = (uint32_t)t[76] | (uint32_t)t[77] << 8 | (uint32_t)t[78] << 16 |
                           (uint32_t)t[79] << 24;
    if (t[73] != DKM_SIG_VERSION || trailer_size != DKM_SIG_TRAILER_SIZE ||
        module_size != size - DKM_SIG_TRAILER_SIZE)
        return DKM_SIG_MALFORMED;
    out->signature = t;
    out->key_id = t + 64;
    out->algorithm = t[72];
    out->module_size = module_size;
    return DKM_SIG_PRESENT;
}

#endif
