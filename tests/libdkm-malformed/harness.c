/* harness.c — runs every malformed-input case: copies a valid sample image, lets the case break one
 * rule, loads it with DKM_LOAD_NO_RUN and checks the specific error code, that the message names
 * the module, the offending item and its value, and that the loader holds nothing afterwards.
 *
 * usage: libdkm-malformed SAMPLE_REL SAMPLE_DYN SAMPLE_EXEC   (set CMOCKA_MESSAGE_OUTPUT=TAP)
 *        libdkm-malformed --rules    prints the rule -> case table (RULES.md) */
#define _GNU_SOURCE
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "malformed.h"
#include "port_linux.h"

static const char *const sample_names[SAMPLE_COUNT] = { "sample", "sample_dyn", "sample_exec" };
static uint8_t *sample_img[SAMPLE_COUNT];
static size_t sample_size[SAMPLE_COUNT];
/* A page below 4 GiB standing in for the host function modules import: nothing runs under
 * DKM_LOAD_NO_RUN, but relocations against it must fit 32 bits like a real host's would. */
uintptr_t mal_host_page;

static void add_spellings(struct mctx *c, bool token, int n, ...)
{
    if (c->nwant >= MCASE_MAX_WANT)
        fail_msg("too many expectations in one case");
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < 4; i++) {
        const char *s = i < n ? va_arg(ap, const char *) : "";
        snprintf(c->want[c->nwant].spelling[i], sizeof c->want[0].spelling[0], "%s", s);
    }
    va_end(ap);
    c->want[c->nwant].token = token;
    c->nwant++;
}

void want_text(struct mctx *c, const char *text)
{
    add_spellings(c, false, 1, text);
}

void want_name(struct mctx *c, const char *name)
{
    add_spellings(c, true, 1, name);
}

void want_either(struct mctx *c, const char *a, const char *b)
{
    add_spellings(c, true, 2, a, b);
}

void want_section(struct mctx *c, unsigned idx)
{
    char bracket[16];
    snprintf(bracket, sizeof bracket, "[%u]", idx);
    add_spellings(c, true, 2, bracket, sec_name(c, idx));
}

void want_value(struct mctx *c, uint32_t v)
{
    char dec[16], hex[16], hexu[16], hex8[16];
    snprintf(dec, sizeof dec, "%u", v);
    snprintf(hex, sizeof hex, "0x%x", v);
    snprintf(hexu, sizeof hexu, "0x%X", v);
    snprintf(hex8, sizeof hex8, "0x%08x", v);
    add_spellings(c, true, 4, dec, hex, hexu, hex8);
}

static bool name_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_' || ch == '.';
}

/* A token must not be part of a longer one: "3" does not match inside "13" or "0x3f", ".text"
 * not inside ".text.startup". */
static bool contains(const char *msg, const char *s, bool token)
{
    size_t n = strlen(s);
    for (const char *p = strstr(msg, s); p; p = strstr(p + 1, s)) {
        if (!token)
            return true;
        bool left_ok = p == msg || !name_char(p[-1]) || !name_char(s[0]);
        bool right_ok = !name_char(p[n]) || !name_char(s[n - 1]);
        /* a sentence may end right after a name or number */
        if (p[n] == '.' && (p[n + 1] == 0 || p[n + 1] == ' '))
            right_ok = true;
        if (left_ok && right_ok)
            return true;
    }
    return false;
}

static bool matches(const char *msg, const struct mctx *c, int i)
{
    for (int k = 0; k < 4; k++)
        if (c->want[i].spelling[k][0] && contains(msg, c->want[i].spelling[k], c->want[i].token))
            return true;
    return false;
}

static void expect_no_residue(struct dkm_loader *ld, const struct dkm_stats *base,
                              const struct port_linux *p, const char *when)
{
    struct dkm_stats st;
    dkm_stats(ld, &st);
    if (st.region_bytes || st.region_blocks || st.meta_bytes != base->meta_bytes ||
        st.meta_blocks != base->meta_blocks || st.exports != base->exports ||
        dkm_module_count(ld) != 0 || p->region_bytes || p->region_blocks)
        fail_msg("residue %s: regions %zu bytes/%zu blocks (port %zu/%zu), meta %zu/%zu (before "
                 "%zu/%zu), exports %zu (before %zu), modules %zu",
                 when, st.region_bytes, st.region_blocks, p->region_bytes, p->region_blocks,
                 st.meta_bytes, st.meta_blocks, base->meta_bytes, base->meta_blocks, st.exports,
                 base->exports, dkm_module_count(ld));
}

static void run_case(void **state)
{
    const struct mcase *mc = *state;
    struct mctx c;
    memset(&c, 0, sizeof c);
    c.size = sample_size[mc->sample];
    c.img = malloc(c.size);
    assert_non_null(c.img);
    memcpy(c.img, sample_img[mc->sample], c.size);
    if (mc->mutate)
        mc->mutate(&c);

    struct port_linux p;
    port_linux_init(&p, PORT_LINUX_QUIET);
    if (c.no_claim)
        p.port.region_claim = NULL;
    struct dkm_loader *ld = NULL;
    int rc = dkm_loader_create(&p.port, &c.cfg, &ld);
    if (rc != DKM_OK)
        fail_msg("dkm_loader_create: %d", rc);
    assert_int_equal(dkm_export_add(ld, "host_log", mal_host_page), DKM_OK);
    struct dkm_stats base;
    dkm_stats(ld, &base);

    struct dkm_load_opts opts = { .name_hint = sample_names[mc->sample], .args = c.args,
                                  .flags = DKM_LOAD_NO_RUN };
    struct dkm_error err;
    memset(&err, 0, sizeof err);
    struct dkm_module *mod = NULL;
    rc = dkm_load_image(ld, c.img, c.size, &opts, &mod, &err);

    if (mc->code == DKM_OK || (mc->or_ok && rc == DKM_OK)) {
        if (rc != DKM_OK)
            fail_msg("the unmodified sample failed to load: %d %s", rc, err.msg);
        assert_int_equal(dkm_unload(ld, mod, DKM_UNLOAD_NO_RUN, &err), DKM_OK);
    } else {
        if (rc != mc->code && !(mc->alt_code && rc == mc->alt_code))
            fail_msg("expected %d (%s), got %d: %s", mc->code, dkm_strerror(mc->code), rc,
                     rc ? err.msg : "(loaded)");
        if (err.code != rc)
            fail_msg("err.code %d differs from the returned %d", err.code, rc);
        const char *label = c.label ? c.label : "sample";
        if (strncmp(err.msg, "dkm: ", 5) != 0 || strstr(err.msg, label) == NULL)
            fail_msg("message does not name the module: \"%s\"", err.msg);
        for (int i = 0; i < c.nwant; i++)
            if (!matches(err.msg, &c, i))
                fail_msg("message \"%s\" does not mention \"%s\"", err.msg, c.want[i].spelling[0]);
        assert_non_null(dkm_strerror(rc));
        if (getenv("MALFORMED_VERBOSE"))
            printf("# %s: %s\n", mc->name, err.msg);
    }
    expect_no_residue(ld, &base, &p, mc->code == DKM_OK ? "after unload" : "after the failed load");

    dkm_loader_destroy(ld);
    if (p.meta_bytes || p.meta_blocks || p.region_bytes || p.region_blocks)
        fail_msg("port still holds meta %zu/%zu, regions %zu/%zu after dkm_loader_destroy",
                 p.meta_bytes, p.meta_blocks, p.region_bytes, p.region_blocks);
    port_linux_fini(&p);
    free(c.img);
}

static int read_file(const char *path, uint8_t **out, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf == NULL)
        return -1;
    *out = buf;
    *size = n;
    return 0;
}

static const struct mcase *const case_tables[] = { header_cases, section_cases, symbol_cases,
                                                   reloc_cases, segment_cases, metadata_cases,
                                                   regression_cases };
#define NTABLES (sizeof case_tables / sizeof case_tables[0])

/* --rules: the rule -> case table of RULES.md, generated from the cases themselves. */
static void print_rules(void)
{
    static const char *const kinds[SAMPLE_COUNT] = { "ET_REL", "ET_DYN", "ET_EXEC" };
    printf("| rule | case | sample | expected |\n|---|---|---|---|\n");
    for (size_t t = 0; t < NTABLES; t++)
        for (const struct mcase *mc = case_tables[t]; mc->name; mc++)
            printf("| %s | `%s` | %s | %s%s%s%s |\n", mc->rule, mc->name, kinds[mc->sample],
                   mc->code ? dkm_strerror(mc->code) : "loads", mc->alt_code ? " or " : "",
                   mc->alt_code ? dkm_strerror(mc->alt_code) : "", mc->or_ok ? " (or loads)" : "");
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--rules") == 0) {
        print_rules();
        return 0;
    }
    if (argc != 1 + SAMPLE_COUNT) {
        fprintf(stderr, "usage: %s SAMPLE_REL SAMPLE_DYN SAMPLE_EXEC\n", argv[0]);
        return 2;
    }
    for (int i = 0; i < SAMPLE_COUNT; i++)
        if (read_file(argv[1 + i], &sample_img[i], &sample_size[i]) != 0) {
            perror(argv[1 + i]);
            return 2;
        }
    void *page = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
                      -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    mal_host_page = (uintptr_t)page;

    size_t total = 0;
    for (size_t t = 0; t < NTABLES; t++)
        for (const struct mcase *mc = case_tables[t]; mc->name; mc++)
            total++;
    struct CMUnitTest *tests = calloc(total, sizeof *tests);
    size_t n = 0;
    for (size_t t = 0; t < NTABLES; t++)
        for (const struct mcase *mc = case_tables[t]; mc->name; mc++)
            tests[n++] = (struct CMUnitTest){ .name = mc->name, .test_func = run_case,
                                              .initial_state = (void *)mc };
    return _cmocka_run_group_tests("libdkm-malformed", tests, total, NULL, NULL);
}
