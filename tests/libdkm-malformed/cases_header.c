/* cases_header.c — malformed ELF file headers: each case breaks one field of the ELF header. */
#include "malformed.h"

static void truncated(struct mctx *c)
{
    c->size = 40;
    want_value(c, 40);
}

static void bad_magic(struct mctx *c)
{
    eh(c)->e_ident[EI_MAG1] = 'X';
    want_either(c, "58", "0x58");
}

static void bad_class(struct mctx *c)
{
    eh(c)->e_ident[EI_CLASS] = ELFCLASS64;
    want_value(c, ELFCLASS64);
}

static void bad_data(struct mctx *c)
{
    eh(c)->e_ident[EI_DATA] = ELFDATA2MSB;
    want_value(c, ELFDATA2MSB);
}

static void bad_ident_version(struct mctx *c)
{
    eh(c)->e_ident[EI_VERSION] = 7;
    want_value(c, 7);
}

static void bad_e_version(struct mctx *c)
{
    eh(c)->e_version = 9;
    want_value(c, 9);
}

static void bad_machine(struct mctx *c)
{
    eh(c)->e_machine = EM_X86_64;
    want_value(c, EM_X86_64);
}

static void bad_type_core(struct mctx *c)
{
    eh(c)->e_type = ET_CORE;
    want_value(c, ET_CORE);
}

static void bad_type_none(struct mctx *c)
{
    eh(c)->e_type = ET_NONE;
    want_text(c, "e_type");
}

static void bad_ehsize(struct mctx *c)
{
    eh(c)->e_ehsize = 64;
    want_value(c, 64);
}

static void bad_shentsize(struct mctx *c)
{
    eh(c)->e_shentsize = 44;
    want_value(c, 44);
}

static void bad_phentsize(struct mctx *c)
{
    eh(c)->e_phentsize = 36;
    want_value(c, 36);
}

const struct mcase header_cases[] = {
    { "sample_rel_loads", SAMPLE_REL, NULL, DKM_OK, "control: the unmodified ET_REL sample is valid", false, 0 },
    { "sample_dyn_loads", SAMPLE_DYN, NULL, DKM_OK, "control: the unmodified ET_DYN sample is valid", false, 0 },
    { "sample_exec_loads", SAMPLE_EXEC, NULL, DKM_OK, "control: the unmodified ET_EXEC sample is valid", false, 0 },
    { "header_truncated", SAMPLE_REL, truncated, DKM_E_TRUNCATED, "image shorter than the ELF header", false, 0 },
    { "header_bad_magic", SAMPLE_REL, bad_magic, DKM_E_BAD_MAGIC, "EI_MAG0..3", false, 0 },
    { "header_bad_class", SAMPLE_REL, bad_class, DKM_E_BAD_CLASS, "EI_CLASS is ELFCLASS32", false, 0 },
    { "header_bad_data", SAMPLE_REL, bad_data, DKM_E_BAD_DATA, "EI_DATA is little-endian", false, 0 },
    { "header_bad_ident_version", SAMPLE_REL, bad_ident_version, DKM_E_BAD_VERSION, "EI_VERSION is 1", false, 0 },
    { "header_bad_e_version", SAMPLE_REL, bad_e_version, DKM_E_BAD_VERSION, "e_version is 1", false, 0 },
    { "header_bad_machine", SAMPLE_REL, bad_machine, DKM_E_BAD_MACHINE, "e_machine is EM_386", false, 0 },
    { "header_bad_type_core", SAMPLE_REL, bad_type_core, DKM_E_BAD_TYPE, "e_type is REL, DYN or EXEC", false, 0 },
    { "header_bad_type_none", SAMPLE_REL, bad_type_none, DKM_E_BAD_TYPE, "e_type is REL, DYN or EXEC", false, 0 },
    { "header_bad_ehsize", SAMPLE_REL, bad_ehsize, DKM_E_BAD_EHSIZE, "e_ehsize is 52", false, 0 },
    { "header_bad_shentsize", SAMPLE_REL, bad_shentsize, DKM_E_BAD_EHSIZE, "e_shentsize is 40", false, 0 },
    { "header_bad_phentsize", SAMPLE_DYN, bad_phentsize, DKM_E_BAD_EHSIZE, "e_phentsize is 32", false, 0 },
    { NULL, 0, NULL, 0, NULL, false, 0 },
};
