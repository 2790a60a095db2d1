/* test_symhash.c — the .dkm.symhash section: imports are found by the hashes their module was built
 * with, and no entry, however wrong, binds a symbol to anything but its own name's export. */
#include <stdlib.h>
#include <string.h>

#include "elfgen.h"
#include "internal.h"
#include "tests.h"
#include "tport.h"

#define R_32 1
#define NIMPORTS 4

static const char *const import_names[NIMPORTS] = {"alpha_fn", "beta_var", "gamma_a_longer_name_1", "d"};

struct sh {
    struct tport t;
    struct dkm_loader *ld;
    struct eg g;
    unsigned data_sec, hash_sec;
    unsigned sym[NIMPORTS];
    uint8_t data[4 * NIMPORTS];
    /* the section's contents: header, then one entry per symbol */
    struct {
        struct dkm_symhash_header h;
        struct dkm_symhash_entry e[EG_MAX];
    } table;
};

static uintptr_t export_addr(unsigned i) { return 0x1000u + 0x10u * i; }

static int setup(void **state)
{
    struct sh *f = calloc(1, sizeof *f);
    tport_init(&f->t);
    f->ld = tport_loader(&f->t, 0);
    for (unsigned i = 0; i < NIMPORTS; i++)
        assert_int_equal(dkm_export_add(f->ld, import_names[i], export_addr(i)), DKM_OK);
    /* same length as alpha_fn and beta_var: an entry claiming its key passes the length check */
    assert_int_equal(dkm_export_add(f->ld, "other_fn", 0x9000), DKM_OK);
    eg_init(&f->g);
    f->data_sec = eg_section(&f->g, ".data", EG_PROGBITS, EG_A | EG_W, 4, f->data, sizeof f->data);
    for (unsigned i = 0; i < NIMPORTS; i++) {
        f->sym[i] = eg_symbol(&f->g, import_names[i], 0, 0, 1, 0, 0);
        eg_rel(&f->g, f->data_sec, 4 * i, R_32, f->sym[i]);
    }
    f->table.h.magic = DKM_SYMHASH_MAGIC;
    f->table.h.count = f->g.nsym;
    for (unsigned i = 0; i < NIMPORTS; i++)
        f->table.e[f->sym[i]].hash = dkm_symbol_hash(import_names[i], &f->table.e[f->sym[i]].len);
    f->hash_sec = eg_section(&f->g, DKM_SYMHASH_SECTION, EG_PROGBITS, 0, 4, &f->table,
                             (uint32_t)(sizeof f->table.h + f->g.nsym * sizeof f->table.e[0]));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct sh *f = *state;
    dkm_loader_destroy(f->ld);
    assert_int_equal(f->t.bad_frees, 0);
    free(f);
    return 0;
}

static size_t prehashed(const struct sh *f)
{
    struct dkm_stats s;
    dkm_stats(f->ld, &s);
    return s.imports_prehashed;
}

/* Loads the module as set up, checks that every import got its own export's address, unloads it,
 * and returns how many imports were found by their recorded hash. */
static size_t load_and_check(struct sh *f)
{
    size_t before = prehashed(f);
    size_t size;
    void *img = eg_build(&f->g, &size);
    struct dkm_load_opts o = {"hashed", NULL, DKM_LOAD_NO_RUN};
    struct dkm_module *mod;
    struct dkm_error e;
    int rc = dkm_load_image(f->ld, img, size, &o, &mod, &e);
    if (rc)
        fail_msg("load: %s", e.msg);
    const char *name;
    uintptr_t addr = 0, a;
    for (unsigned i = 0; dkm_module_section(mod, i, &name, &a, NULL) == DKM_OK; i++)
        if (!strcmp(name, ".data"))
            addr = a;
    assert_true(addr != 0);
    uint32_t w[NIMPORTS];
    memcpy(w, (const void *)addr, sizeof w);
    for (unsigned i = 0; i < NIMPORTS; i++)
        assert_int_equal(w[i], export_addr(i));
    assert_int_equal(dkm_unload(f->ld, mod, 0, &e), DKM_OK);
    free(img);
    return prehashed(f) - before;
}

static void recorded_hashes_find_every_import(void **state)
{
    struct sh *f = *state;
    assert_int_equal(load_and_check(f), NIMPORTS);
    assert_int_equal(load_and_check(f), NIMPORTS);   /* counted per load */
}

static void wrong_entries_never_bind_another_symbol(void **state)
{
    struct sh *f = *state;
    struct dkm_symhash_entry *e = f->table.e;
    /* alpha_fn claims other_fn's key, beta_var a hash nothing has, with its true length */
    e[f->sym[0]].hash = dkm_symbol_hash("other_fn", &e[f->sym[0]].len);
    e[f->sym[1]].hash ^= 0x5a5a5a5au;
    /* lengths that do not end the name: too short, too long, past the string table, huge */
    e[f->sym[2]].len = 5;
    assert_int_equal(load_and_check(f), 1);
    e[f->sym[2]].len = 22;
    assert_int_equal(load_and_check(f), 1);
    e[f->sym[2]].len = 4096;
    assert_int_equal(load_and_check(f), 1);
    e[f->sym[2]].len = 0xffffffffu;
    e[f->sym[3]].hash = 0;   /* no entry */
    assert_int_equal(load_and_check(f), 0);
}

static void a_table_that_does_not_fit_the_module_is_ignored(void **state)
{
    struct sh *f = *state;
    f->table.h.magic = DKM_SYMHASH_MAGIC + 1;   /* another hash function */
    assert_int_equal(load_and_check(f), 0);
    f->table.h.magic = DKM_SYMHASH_MAGIC;
    f->table.h.count = f->g.nsym - 1;           /* written for another symbol table */
    assert_int_equal(load_and_check(f), 0);
    f->table.h.count = f->g.nsym;
    f->g.sec[f->hash_sec].size -= sizeof f->table.e[0];
    assert_int_equal(load_and_check(f), 0);
    f->g.sec[f->hash_sec].size += 2 * sizeof f->table.e[0];
    assert_int_equal(load_and_check(f), 0);
    f->g.sec[f->hash_sec].size -= sizeof f->table.e[0];
    f->g.sec[f->hash_sec].type = EG_NOBITS;
    assert_int_equal(load_and_check(f), 0);
    f->g.sec[f->hash_sec].type = EG_PROGBITS;
    assert_int_equal(load_and_check(f), NIMPORTS);
}

static void an_unresolved_import_is_still_reported_by_name(void **state)
{
    struct sh *f = *state;
    unsigned missing = eg_symbol(&f->g, "no_such_symbol", 0, 0, 1, 0, 0);
    eg_rel(&f->g, f->data_sec, 0, R_32, missing);
    f->table.h.count = f->g.nsym;
    f->table.e[missing].hash = dkm_symbol_hash("no_such_symbol", &f->table.e[missing].len);
    f->g.sec[f->hash_sec].size = (uint32_t)(sizeof f->table.h + f->g.nsym * sizeof f->table.e[0]);
    size_t size;
    void *img = eg_build(&f->g, &size);
    struct dkm_load_opts o = {"hashed", NULL, DKM_LOAD_NO_RUN};
    struct dkm_module *mod;
    struct dkm_error e;
    assert_int_equal(dkm_load_image(f->ld, img, size, &o, &mod, &e), DKM_E_UNRESOLVED);
    assert_string_equal(e.msg, "dkm: hashed: unresolved symbol: 'no_such_symbol'");
    free(img);
}

static void the_public_hash_is_the_tables_key(void **state)
{
    (void)state;
    uint32_t len = 0;
    const struct dkm_name k = dkm_name_key("gamma_a_longer_name_1");
    assert_int_equal(dkm_symbol_hash("gamma_a_longer_name_1", &len), k.hash);
    assert_int_equal(len, 21);
    assert_int_equal(dkm_symbol_hash("gamma_a_longer_name_1", NULL), k.hash);
    assert_int_not_equal(dkm_symbol_hash("", &len), 0);
    assert_int_equal(len, 0);
}

DEFINE_TEST_LIST(symhash_tests,
    cmocka_unit_test_setup_teardown(recorded_hashes_find_every_import, setup, teardown),
    cmocka_unit_test_setup_teardown(wrong_entries_never_bind_another_symbol, setup, teardown),
    cmocka_unit_test_setup_teardown(a_table_that_does_not_fit_the_module_is_ignored, setup, teardown),
    cmocka_unit_test_setup_teardown(an_unresolved_import_is_still_reported_by_name, setup, teardown),
    cmocka_unit_test(the_public_hash_is_the_tables_key));
