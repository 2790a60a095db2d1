/* error.c — libdkm's one error format, "dkm: NAME: what was wrong (value)", the short text of each
 * code, and the mapping of codes onto errno values for system-call results. */
#include "internal.h"

/* Linux/ark errno numbers; libdkm includes no system header, so they are spelled out here. */
enum { ERRNO_PERM = 1, ERRNO_NOENT = 2, ERRNO_NOEXEC = 8, ERRNO_NOMEM = 12, ERRNO_BUSY = 16,
       ERRNO_EXIST = 17, ERRNO_INVAL = 22, ERRNO_FBIG = 27, ERRNO_RANGE = 34 };

struct dkm_err_text {
    int code;
    const char *text;
};

static const struct dkm_err_text err_texts[] = {
    {DKM_OK, "success"},
    {DKM_E_NOMEM, "out of memory"},
    {DKM_E_INVAL, "invalid argument"},
    {DKM_E_EXIST, "module already loaded"},
    {DKM_E_NOENT, "no such module"},
    {DKM_E_BUSY, "module in use"},
    {DKM_E_TOO_BIG, "module too big"},
    {DKM_E_TRUNCATED, "truncated ELF header"},
    {DKM_E_BAD_MAGIC, "not an ELF file"},
    {DKM_E_BAD_CLASS, "not a 32-bit ELF file"},
    {DKM_E_BAD_DATA, "not a little-endian ELF file"},
    {DKM_E_BAD_VERSION, "bad ELF version"},
    {DKM_E_BAD_MACHINE, "wrong machine"},
    {DKM_E_BAD_TYPE, "unsupported ELF type"},
    {DKM_E_BAD_EHSIZE, "bad ELF header sizes"},
    {DKM_E_SHDR_BOUNDS, "section headers out of bounds"},
    {DKM_E_SECTION_BOUNDS, "section out of bounds"},
    {DKM_E_SHSTRNDX, "bad section name table index"},
    {DKM_E_STRTAB, "malformed string table"},
    {DKM_E_NAME_OFFSET, "name offset out of bounds"},
    {DKM_E_SH_LINK, "bad sh_link"},
    {DKM_E_SH_INFO, "bad sh_info"},
    {DKM_E_ALIGN, "bad alignment"},
    {DKM_E_ENTSIZE, "bad entry size"},
    {DKM_E_SECTION_COUNT, "too many sections"},
    {DKM_E_PHDR_BOUNDS, "program headers out of bounds"},
    {DKM_E_SEGMENT_BOUNDS, "segment out of bounds"},
    {DKM_E_SEGMENT_OVERLAP, "overlapping segments"},
    {DKM_E_NO_SEGMENTS, "no loadable segment"},
    {DKM_E_DYNAMIC, "malformed dynamic section"},
    {DKM_E_EXEC_RANGE, "executable's address range not available"},
    {DKM_E_SYMTAB, "malformed symbol table"},
    {DKM_E_SYM_INDEX, "symbol index out of range"},
    {DKM_E_SYM_SECTION, "symbol section index out of range"},
    {DKM_E_SYM_VALUE, "symbol value outside its section"},
    {DKM_E_UNRESOLVED, "unresolved symbols"},
    {DKM_E_EXPORT_DUP, "duplicate export"},
    {DKM_E_EXPORT_UNDEF, "export of an undefined symbol"},
    {DKM_E_RELOC_TYPE, "unsupported relocation type"},
    {DKM_E_RELOC_OFFSET, "relocation offset out of bounds"},
    {DKM_E_RELOC_OVERFLOW, "relocation overflow"},
    {DKM_E_RELOC_TARGET, "relocation section with a bad target"},
    {DKM_E_ADDR_RANGE, "address above 4 GiB"},
    {DKM_E_MODINFO, "malformed .modinfo"},
    {DKM_E_NAME, "bad module name"},
    {DKM_E_ABI, "incompatible ABI"},
    {DKM_E_DEPENDS, "dependency not satisfied"},
    {DKM_E_PARAM_UNKNOWN, "unknown parameter"},
    {DKM_E_PARAM_VALUE, "bad parameter value"},
    {DKM_E_PARAM_DESC, "malformed parameter descriptor"},
    {DKM_E_NO_INIT, "no init function"},
    {DKM_E_INIT_FAILED, "init failed"},
    {DKM_E_LOCKED, "module loading is locked down"},
    {DKM_E_TABLE_ALIGN, "misaligned table"},
    {DKM_E_SECTION_TYPE, "unsupported section type"},
    {DKM_E_GROUP, "malformed section group"},
    {DKM_E_SYM_TYPE, "unsupported symbol type"},
    {DKM_E_ENTRY, "entry point outside the module's code"},
    {DKM_E_ARRAY, "malformed constructor or destructor array"},
    {DKM_E_FAULT, "module code faulted"},
    {DKM_E_EXEC_STACK, "executable stack not available"},
    {DKM_E_SIG_FORMAT, "malformed signature trailer"},
    {DKM_E_GPL_ONLY, "GPL-only symbol used by a non-GPL module"},
};

const char *dkm_strerror(int code)
{
    for (size_t i = 0; i < sizeof err_texts / sizeof err_texts[0]; i++)
        if (err_texts[i].code == code)
            return err_texts[i].text;
    return "unknown error";
}

int dkm_errno(int code)
{
    switch (code) {
    case DKM_OK:
        return 0;
    case DKM_E_NOMEM:
        return ERRNO_NOMEM;
    case DKM_E_INVAL:
    case DKM_E_PARAM_UNKNOWN:
    case DKM_E_PARAM_VALUE:
        return ERRNO_INVAL;
    case DKM_E_EXIST:
    case DKM_E_EXPORT_DUP:
        return ERRNO_EXIST;
    case DKM_E_NOENT:
    case DKM_E_UNRESOLVED:
    case DKM_E_DEPENDS:
        return ERRNO_NOENT;
    case DKM_E_BUSY:
        return ERRNO_BUSY;
    case DKM_E_TOO_BIG:
    case DKM_E_SECTION_COUNT:
        return ERRNO_FBIG;
    case DKM_E_ADDR_RANGE:
    case DKM_E_EXEC_RANGE:
        return ERRNO_RANGE;
    case DKM_E_LOCKED:
    case DKM_E_GPL_ONLY:
        return ERRNO_PERM;
    default:
        return ERRNO_NOEXEC;
    }
}

static void vfill(struct dkm_error *err, const char *who, int code, const char *fmt, va_list ap)
{
    if (!err)
        return;
    err->code = code;
    int n = dkm_format(err->msg, sizeof err->msg, "dkm: %s: ", who && *who ? who : "module");
    if (n < 0 || (size_t)n >= sizeof err->msg)
        return;
    dkm_vformat(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
}

int dkm_fail_err(struct dkm_error *err, const char *who, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfill(err, who, code, fmt, ap);
    va_end(ap);
    return code;
}

const char *dkm_load_name(const struct dkm_load *l)
{
    if (l->mod && l->mod->name[0])
        return l->mod->name;
    return l->label;
}

/* Records the first failure of a load; later ones (during rollback) keep the original message. */
int dkm_fail(struct dkm_load *l, int code, const char *fmt, ...)
{
    if (l->err && l->err->code != DKM_OK)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vfill(l->err, dkm_load_name(l), code, fmt, ap);
    va_end(ap);
    return code;
}

void dkm_log(const struct dkm_loader *ld, int level, const char *fmt, ...)
{
    if (!ld->port.log)
        return;
    char line[DKM_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    dkm_vformat(line, sizeof line, fmt, ap);
    va_end(ap);
    ld->port.log(ld->port.ctx, level, line);
}
