/* malformed.h — shared pieces of the malformed-input suite: the sample images, helpers that find and
 * edit ELF structures inside an image, and the table of cases (one per validation rule). */
#ifndef MALFORMED_H
#define MALFORMED_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dkm/dkm.h"

/* The valid images a case starts from, built from sample.c by malformed.mk. */
enum sample_kind { SAMPLE_REL, SAMPLE_DYN, SAMPLE_EXEC, SAMPLE_COUNT };

#define MCASE_MAX_WANT 6

/* One case in progress: a private copy of the sample image, the loader configuration, and what the
 * error message must mention. Mutators edit this and register expectations. */
struct mctx {
    uint8_t *img;
    size_t size;
    struct dkm_config cfg;
    const char *args;            /* load parameters, NULL for none */
    bool no_claim;               /* the port offers no region_claim (ET_EXEC refused) */
    const char *label;           /* how the message names the module; NULL: "sample" */
    int nwant;
    struct {
        char spelling[4][48];    /* any one of these must appear */
        bool token;              /* as a whole token, not inside a longer name or number */
    } want[MCASE_MAX_WANT];
};

struct mcase {
    const char *name;
    enum sample_kind sample;
    void (*mutate)(struct mctx *c);
    int code;                    /* expected enum dkm_err */
    const char *rule;            /* the validation rule it breaks, for the coverage table */
    bool or_ok;                  /* a successful load is also acceptable (regressions where
                                    ignoring the broken item is as correct as refusing it) */
    int alt_code;                /* another acceptable error code, 0 for none */
};

/* elfedit.c — locating and editing structures of the image in c->img (aborting the test when the
 * sample lacks what a case needs, so a case can never silently test nothing). */
Elf32_Ehdr *eh(struct mctx *c);
Elf32_Shdr *shdr(struct mctx *c, unsigned idx);
unsigned sec_index(struct mctx *c, const char *name);
unsigned sec_index_type(struct mctx *c, uint32_t type, unsigned nth);
Elf32_Shdr *sec(struct mctx *c, const char *name);
const char *sec_name(struct mctx *c, unsigned idx);
uint8_t *sec_data(struct mctx *c, const char *name);
Elf32_Sym *sym(struct mctx *c, const char *name);
unsigned sym_index(struct mctx *c, const char *name);
unsigned sym_count(struct mctx *c);
Elf32_Rel *rel(struct mctx *c, const char *relsec, unsigned k);
Elf32_Phdr *phdr(struct mctx *c, unsigned idx);
Elf32_Phdr *phdr_type(struct mctx *c, uint32_t type, unsigned nth);
unsigned phdr_index_type(struct mctx *c, uint32_t type, unsigned nth);
/* Dynamic table of an ET_DYN image and its n-th entry with the given tag. */
Elf32_Dyn *dyn_tag(struct mctx *c, int32_t tag);
/* Grows the image by extra zero bytes at its end (for appended sections/strings); returns the
 * offset of the first new byte. */
uint32_t img_append(struct mctx *c, const void *data, size_t len);

/* harness.c — expectations on the message */
void want_text(struct mctx *c, const char *text);                       /* this text anywhere */
void want_name(struct mctx *c, const char *name);                       /* a section/symbol name */
void want_value(struct mctx *c, uint32_t v);                            /* v in decimal or hex */
void want_either(struct mctx *c, const char *a, const char *b);
/* The section by name or as "[index]" (before names can be trusted, only the index is known). */
void want_section(struct mctx *c, unsigned idx);

/* A page of the test process below 4 GiB: the address of the host function modules import. */
extern uintptr_t mal_host_page;

/* The case tables, one per area; each ends with an entry whose name is NULL. */
extern const struct mcase header_cases[];
extern const struct mcase section_cases[];
extern const struct mcase symbol_cases[];
extern const struct mcase reloc_cases[];
extern const struct mcase segment_cases[];
extern const struct mcase metadata_cases[];
extern const struct mcase regression_cases[];

#endif
