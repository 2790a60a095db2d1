/* signtool.c — the host side of module signing, behind tools/ark-sign: key generation, signing
 * (libsodium's Ed25519), and inspecting, verifying (ark's own verifier, as the kernel does) and
 * stripping the signature trailer of dkm/modsig.h. Also writes the kernel's table of trusted keys.
 *
 *   ark-signtool genkey SECRET PUBLIC      a new key pair
 *   ark-signtool sign SECRET IN OUT        OUT = IN without any old trailer + a new one
 *   ark-signtool strip IN OUT              OUT = IN without its trailer
 *   ark-signtool info FILE                 "unsigned" or "signed key=ID algorithm=ed25519 ..."
 *   ark-signtool verify KEY FILE           KEY: a secret or public key file; exit 0 when valid
 *   ark-signtool keyid KEY                 the key id, 16 hex digits
 *   ark-signtool keys-c KEY...             C source of the kernel's trusted_keys[] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "crypto.h"
#include "dkm/modsig.h"

#define SECRET_TAG "ark-ed25519-secret-key"
#define PUBLIC_TAG "ark-ed25519-public-key"

static const char *me = "ark-sign";

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "%s: ", me);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(1);
}

static unsigned char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
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

/* Writes through a temporary file and renames it, so OUT may be IN and is never half-written. */
static void write_file(const char *path, const unsigned char *a, size_t alen, const unsigned char *b,
                       size_t blen)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        die("%s: %s", path, "out of memory");
    snprintf(tmp, n, "%s.sign-tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        die("%s: %s", tmp, strerror(errno));
    if (fwrite(a, 1, alen, f) != alen || (blen && fwrite(b, 1, blen, f) != blen) || fclose(f) != 0) {
        unlink(tmp);
        die("%s: %s", path, "write error");
    }
    struct stat st;
    if (stat(path, &st) == 0)
        chmod(tmp, st.st_mode & 07777);
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        die("%s: %s", path, strerror(errno));
    }
    free(tmp);
}

static void to_hex(const unsigned char *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

static int from_hex(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (unsigned char)v;
    }
    return s[2 * n] == '\0' || s[2 * n] == '\n' || s[2 * n] == ' ' ? 0 : -1;
}

/* A key file holds one line: "TAG HEX". A secret key yields both halves; a public one only pk. */
static int load_key(const char *path, unsigned char pk[32], unsigned char sk[64])
{
    size_t size;
    unsigned char *text = read_file(path, &size);
    char line[256];
    size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
    memcpy(line, text, n);
    line[n] = '\0';
    free(text);
    size_t tag = strlen(SECRET_TAG);
    unsigned char seed[32];
    if (strncmp(line, SECRET_TAG " ", tag + 1) == 0) {
        if (from_hex(line + tag + 1, seed, 32) != 0)
            die("%s: %s", path, "malformed secret key (expected '" SECRET_TAG " <64 hex digits>')");
        unsigned char sk_local[64];
        crypto_sign_seed_keypair(pk, sk ? sk : sk_local, seed);
        sodium_memzero(seed, sizeof seed);
        sodium_memzero(sk_local, sizeof sk_local);
        return 1;
    }
    if (strncmp(line, PUBLIC_TAG " ", strlen(PUBLIC_TAG) + 1) == 0) {
        if (from_hex(line + strlen(PUBLIC_TAG) + 1, pk, 32) != 0)
            die("%s: %s", path, "malformed public key (expected '" PUBLIC_TAG " <64 hex digits>')");
        return 0;
    }
    die("%s: %s", path, "not an ark signing key (it should start with '" SECRET_TAG "')");
    return -1;
}

static void key_id(const unsigned char pk[32], unsigned char id[DKM_SIG_KEY_ID_SIZE])
{
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256(pk, 32, d);
    memcpy(id, d, DKM_SIG_KEY_ID_SIZE);
}

static size_t module_part(const char *path, const unsigned char *img, size_t size,
                          struct dkm_sig_info *sig)
{
    int rc = dkm_sig_parse(img, size, sig);
    if (rc == DKM_SIG_MALFORMED)
        die("%s: %s", path, "malformed signature trailer");
    return sig->module_size;
}

static int cmd_genkey(const char *secret, const char *public)
{
    unsigned char seed[32], pk[32], sk[64];
    randombytes_buf(seed, sizeof seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    char hex[65];
    to_hex(seed, 32, hex);
    char line[128];
    umask(077);
    snprintf(line, sizeof line, SECRET_TAG " %s\n", hex);
    write_file(secret, (unsigned char *)line, strlen(line), NULL, 0);
    chmod(secret, 0600);
    to_hex(pk, 32, hex);
    snprintf(line, sizeof line, PUBLIC_TAG " %s\n", hex);
    write_file(public, (unsigned char *)line, strlen(line), NULL, 0);
    chmod(public, 0644);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk, sizeof sk);
    return 0;
}

static int cmd_sign(const char *keyfile, const char *in, const char *out)
{
    unsigned char pk[32], sk[64];
    if (load_key(keyfile, pk, sk) != 1)
        die("%s: %s", keyfile, "is a public key; signing needs the secret key");
    size_t size;
    unsigned char *img = read_file(in, &size);
    struct dkm_sig_info sig;
    size_t len = module_part(in, img, size, &sig);
    unsigned char t[DKM_SIG_TRAILER_SIZE] = { 0 };
    crypto_sign_detached(t, NULL, img, len, sk);
    sodium_memzero(sk, sizeof sk);
    key_id(pk, t + 64);
    t[72] = DKM_SIG_ALG_ED25519;
    t[73] = DKM_SIG_VERSION;
    t[74] = DKM_SIG_TRAILER_SIZE & 0xff;
    t[75] = DKM_SIG_TRAILER_SIZE >> 8;
    if (len > 0xffffffffu)
        die("%s: %s", in, "too large to sign");
    for (int i = 0; i < 4; i++)
        t[76 + i] = (unsigned char)(len >> (8 * i));
    memcpy(t + 80, DKM_SIG_MAGIC, DKM_SIG_MAGIC_SIZE);
    write_file(out, img, len, t, sizeof t);
    free(img);
    return 0;
}

static int cmd_strip(const char *in, const char *out)
{
    size_t size;
    unsigned char *img = read_file(in, &size);
    struct dkm_sig_info sig;
    size_t len = module_part(in, img, size, &sig);
    write_file(out, img, len, NULL, 0);
    free(img);
    return 0;
}

static int cmd_info(const char *path)
{
    size_t size;
    unsigned char *img = read_file(path, &size);
    struct dkm_sig_info sig;
    size_t len = module_part(path, img, size, &sig);
    if (!sig.signature) {
        printf("%s: unsigned (%zu bytes)\n", path, size);
    } else {
        char id[17];
        to_hex(sig.key_id, DKM_SIG_KEY_ID_SIZE, id);
        printf("%s: signed, key %s, algorithm %s, %zu bytes signed\n", path, id,
               dkm_sig_algorithm_name(sig.algorithm), len);
    }
    free(img);
    return 0;
}

static int cmd_verify(const char *keyfile, const char *path)
{
    unsigned char pk[32], id[DKM_SIG_KEY_ID_SIZE];
    load_key(keyfile, pk, NULL);
    key_id(pk, id);
    size_t size;
    unsigned char *img = read_file(path, &size);
    struct dkm_sig_info sig;
    size_t len = module_part(path, img, size, &sig);
    char hex[17];
    int rc = 1;
    if (!sig.signature) {
        fprintf(stderr, "%s: %s: module is not signed\n", me, path);
    } else if (sig.algorithm != DKM_SIG_ALG_ED25519) {
        fprintf(stderr, "%s: %s: unknown signature algorithm %u\n", me, path, sig.algorithm);
    } else if (memcmp(sig.key_id, id, sizeof id) != 0) {
        to_hex(sig.key_id, DKM_SIG_KEY_ID_SIZE, hex);
        fprintf(stderr, "%s: %s: signed with an unknown key %s\n", me, path, hex);
    } else if (ed25519_verify(sig.signature, img, len, pk) != 0) {
        fprintf(stderr, "%s: %s: signature does not verify\n", me, path);
    } else {
        to_hex(id, DKM_SIG_KEY_ID_SIZE, hex);
        printf("%s: signature verifies (key %s)\n", path, hex);
        rc = 0;
    }
    free(img);
    return rc;
}

static int cmd_keyid(const char *keyfile)
{
    unsigned char pk[32], id[DKM_SIG_KEY_ID_SIZE];
    load_key(keyfile, pk, NULL);
    key_id(pk, id);
    char hex[17];
    to_hex(id, sizeof id, hex);
    printf("%s\n", hex);
    return 0;
}

static int cmd_keys_c(int n, char **files)
{
    printf("/* trusted_keys.c — generated by tools/signtool (ark-signtool keys-c): the public keys\n"
           " * whose module signatures the kernel accepts. Not committed; rebuilt from the key. */\n"
           "#include \"trust.h\"\n\nconst struct trusted_key trusted_keys[] = {\n");
    for (int k = 0; k < n; k++) {
        unsigned char pk[32], id[DKM_SIG_KEY_ID_SIZE];
        load_key(files[k], pk, NULL);
        key_id(pk, id);
        printf("    { .id = {");
        for (int i = 0; i < DKM_SIG_KEY_ID_SIZE; i++)
            printf("%s0x%02x", i ? ", " : " ", id[i]);
        printf(" },\n      .public_key = {");
        for (int i = 0; i < 32; i++)
            printf("%s0x%02x", i == 0 ? " " : i % 8 ? ", " : ",\n                      ", pk[i]);
        printf(" } },\n");
    }
    printf("};\nconst unsigned trusted_key_count = %d;\n", n);
    return 0;
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0)
        die("%s%s", "libsodium failed to initialise", "");
    const char *cmd = argc > 1 ? argv[1] : "";
    if (!strcmp(cmd, "genkey") && argc == 4)
        return cmd_genkey(argv[2], argv[3]);
    if (!strcmp(cmd, "sign") && argc == 5)
        return cmd_sign(argv[2], argv[3], argv[4]);
    if (!strcmp(cmd, "strip") && argc == 4)
        return cmd_strip(argv[2], argv[3]);
    if (!strcmp(cmd, "info") && argc == 3)
        return cmd_info(argv[2]);
    if (!strcmp(cmd, "verify") && argc == 4)
        return cmd_verify(argv[2], argv[3]);
    if (!strcmp(cmd, "keyid") && argc == 3)
        return cmd_keyid(argv[2]);
    if (!strcmp(cmd, "keys-c") && argc >= 3)
        return cmd_keys_c(argc - 2, argv + 2);
    fprintf(stderr, "usage: ark-signtool genkey|sign|strip|info|verify|keyid|keys-c ... "
                    "(normally run through tools/ark-sign)\n");
    return 2;
}
