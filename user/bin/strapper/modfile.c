/* modfile.c — reads a module file for `strapper info PATH` without loading it: the whole file
 * goes into a static buffer and elfinfo validates it (the bytes before any signature trailer)
 * before anything is read from it. */
#include "strapper.h"
#include "dkm/modsig.h"

#define MODFILE_MAX (2u * 1024 * 1024)

static uint8_t file_buf[MODFILE_MAX];
static struct dkm_sig_info file_sig;
static int file_sig_state;

int modfile_open(const char *what, const char *path, struct elfinfo *ei)
{
    struct ark_stat st;
    int rc = stat(path, &st);
    if (rc < 0)
        return fail(what, "%s", rc == -ENOENT ? "no such file" : strerror(rc));
    if (st.type != ARK_DT_FILE)
        return fail(what, "not a regular file");
    if (st.size > MODFILE_MAX)
        return fail(what, "file too large to inspect (%u bytes, limit %u)", st.size, MODFILE_MAX);
    int fd = open(path, ARK_O_RDONLY);
    if (fd < 0)
        return fail(what, "%s", strerror(fd));
    uint32_t len = 0;
    for (;;) {
        long n = read(fd, file_buf + len, MODFILE_MAX - len);
        if (n < 0) {
            close(fd);
            return fail(what, "read error: %s", strerror((int)n));
        }
        if (n == 0 || (len += (uint32_t)n) == MODFILE_MAX)
            break;
    }
    close(fd);
    file_sig_state = dkm_sig_parse(file_buf, len, &file_sig);
    if (file_sig_state == DKM_SIG_MALFORMED)
        return fail(what, "malformed signature trailer");
    const char *why = "";
    if (elfinfo_parse(file_buf, (uint32_t)file_sig.module_size, ei, &why) < 0)
        return fail(what, "%s", why);
    return 0;
}

/* The signer of the file last opened, as modinfo shows it ("signature: unsigned" otherwise). */
void modfile_print_signature(void)
{
    if (file_sig_state != DKM_SIG_PRESENT) {
        printf("signature: unsigned\n");
        return;
    }
    printf("sig_key: ");
    for (int i = 0; i < DKM_SIG_KEY_ID_SIZE; i++)
        printf("%02x", file_sig.key_id[i]);
    printf("\nsig_algo: %s\n", dkm_sig_algorithm_name(file_sig.algorithm));
}
