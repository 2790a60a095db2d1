/* cases_metadata.c — malformed module metadata: .modinfo strings, the module name, the ABI and
 * dependency declarations, parameter records and parameter arguments. */
#define _GNU_SOURCE
#include <string.h>

#include "malformed.h"
#include "dkm/modsig.h"
#include <string.h>

/* Overwrites the first occurrence of `from` in section `name` with `to` (same length). */
static void patch(struct mctx *c, const char *name, const char *from, const char *to)
{
    Elf32_Shdr *s = sec(c, name);
    char *hit = memmem(c->img + s->sh_offset, s->sh_size, from, strlen(from));
    if (hit == NULL || strlen(from) != strlen(to))
        return;   /* the case then loads and fails its expectation */
    memcpy(hit, to, strlen(to));
}

static void modinfo_unterminated(struct mctx *c)
{
    Elf32_Shdr *s = sec(c, ".modinfo");
    /* drop trailing NULs so the last string runs to the end of the section */
    while (s->sh_size > 1 && c->img[s->sh_offset + s->sh_size - 1] == 0)
        s->sh_size--;
    want_name(c, ".modinfo");
}

static void modinfo_without_equals(struct mctx *c)
{
    patch(c, ".modinfo", "license=MIT", "license:MIT");
    want_text(c, "license:MIT");
}

static void name_bad_characters(struct mctx *c)
{
    patch(c, ".modinfo", "name=sample", "name=sa/ple");
    c->label = "sa/ple";
    want_name(c, "sa/ple");
}

static void name_empty(struct mctx *c)
{
    /* "name=" followed by NULs: an empty name */
    Elf32_Shdr *s = sec(c, ".modinfo");
    char *hit = memmem(c->img + s->sh_offset, s->sh_size, "name=sample", 11);
    if (hit)
        memset(hit + 5, 0, 6);
    want_text(c, "name");
}

static void abi_mismatch(struct mctx *c)
{
    c->cfg.abi_version = 2u << 16;   /* the host speaks ABI 2.0, the module was built for 1.0 */
    want_text(c, "1.0");
}

static void depends_missing(struct mctx *c)
{
    patch(c, ".modinfo", "license=MIT", "depends=zzz");
    want_name(c, "zzz");
}

static void param_unknown(struct mctx *c)
{
    c->args = "nosuch=1";
    want_name(c, "nosuch");
}

static void param_bad_value(struct mctx *c)
{
    c->args = "sample_level=abc";
    want_name(c, "sample_level");
    want_text(c, "abc");
}

static void param_out_of_range(struct mctx *c)
{
    c->args = "sample_level=99999999999";
    want_name(c, "sample_level");
    want_text(c, "99999999999");
}

static void params_desc_size(struct mctx *c)
{
    sec(c, ".dkm.params")->sh_size = 20;   /* records are 24 bytes */
    want_name(c, ".dkm.params");
    want_value(c, 20);
}

/* Appends a signature trailer (dkm/modsig.h) over the image as it stands; the signature bytes
 * are arbitrary: libdkm only finds where the ELF image ends, checking it is the host's policy. */
static void append_trailer(struct mctx *c, uint8_t version, uint32_t size_delta)
{
    uint8_t t[DKM_SIG_TRAILER_SIZE];
    memset(t, 0x5a, sizeof t);
    uint32_t module_size = (uint32_t)((c->size + 3) & ~(size_t)3) + size_delta;
    t[72] = DKM_SIG_ALG_ED25519;
    t[73] = version;
    t[74] = DKM_SIG_TRAILER_SIZE;
    t[75] = 0;
    for (int i = 0; i < 4; i++)
        t[76 + i] = (uint8_t)(module_size >> (8 * i));
    memcpy(t + 80, DKM_SIG_MAGIC, DKM_SIG_MAGIC_SIZE);
    img_append(c, t, sizeof t);
}

static void sig_trailer_skipped(struct mctx *c) { append_trailer(c, DKM_SIG_VERSION, 0); }

static void sig_trailer_bad_version(struct mctx *c)
{
    append_trailer(c, 7, 0);
    want_text(c, "signature trailer");
}

static void sig_trailer_bad_module_size(struct mctx *c)
{
    append_trailer(c, DKM_SIG_VERSION, 4);
    want_text(c, "signature trailer");
}

const struct mcase metadata_cases[] = {
    { "modinfo_unterminated", SAMPLE_REL, modinfo_unterminated, DKM_E_MODINFO, ".modinfo strings NUL-terminated", false, 0 },
    { "modinfo_without_equals", SAMPLE_REL, modinfo_without_equals, DKM_E_MODINFO, ".modinfo entries are key=value", false, 0 },
    { "name_bad_characters", SAMPLE_REL, name_bad_characters, DKM_E_NAME, "module name characters", false, 0 },
    { "name_empty", SAMPLE_REL, name_empty, DKM_E_NAME, "module name non-empty", false, 0 },
    { "abi_mismatch", SAMPLE_REL, abi_mismatch, DKM_E_ABI, "module ABI matches the host's", false, 0 },
    { "depends_missing", SAMPLE_REL, depends_missing, DKM_E_DEPENDS, "declared dependencies are loaded", false, 0 },
    { "param_unknown", SAMPLE_REL, param_unknown, DKM_E_PARAM_UNKNOWN, "arguments name parameters", false, 0 },
    { "param_bad_value", SAMPLE_REL, param_bad_value, DKM_E_PARAM_VALUE, "parameter values parse", false, 0 },
    { "param_out_of_range", SAMPLE_REL, param_out_of_range, DKM_E_PARAM_VALUE, "parameter values fit their type", false, 0 },
    { "params_desc_size", SAMPLE_REL, params_desc_size, DKM_E_PARAM_DESC, ".dkm.params is whole 24-byte records", false, 0 },
    { "sig_trailer_skipped", SAMPLE_REL, sig_trailer_skipped, DKM_OK, "control: a signature trailer is not part of the ELF image", false, 0 },
    { "sig_trailer_skipped_dyn", SAMPLE_DYN, sig_trailer_skipped, DKM_OK, "control: a signature trailer is not part of the ELF image", false, 0 },
    { "sig_trailer_bad_version", SAMPLE_REL, sig_trailer_bad_version, DKM_E_SIG_FORMAT, "signature trailer version is 1", false, 0 },
    { "sig_trailer_bad_module_size", SAMPLE_REL, sig_trailer_bad_module_size, DKM_E_SIG_FORMAT, "signature trailer's module size is the bytes before it", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
