/* elfgen.h — builds small i386 ET_REL images in memory, section by section, so layout, groups
 * and relocation tests control every field without a compiler. */
#ifndef ELFGEN_H
#define ELFGEN_H

#include <stddef.h>
#include <stdint.h>

#define EG_MAX 160

struct eg_rel {
    uint32_t target, offset, type, sym;
};

struct eg {
    struct {
        const char *name;
        uint32_t type, flags, align, entsize, size, link, info;
        const void *data;
    } sec[EG_MAX];
    unsigned nsec;               /* index 0 is the null section */
    struct {
        const char *name;
        uint32_t value, size, shndx;
        uint8_t info;
    } sym[EG_MAX];
    unsigned nsym;               /* index 0 is the null symbol; add locals first */
    unsigned nlocal;
    struct eg_rel rel[EG_MAX * 4];
    unsigned nrel;
};

void eg_init(struct eg *g);
unsigned eg_section(struct eg *g, const char *name, uint32_t type, uint32_t flags, uint32_t align,
                    const void *data, uint32_t size);
unsigned eg_symbol(struct eg *g, const char *name, uint32_t value, uint32_t size, unsigned bind,
                   unsigned type, uint32_t shndx);
void eg_rel(struct eg *g, unsigned target, uint32_t offset, uint32_t type, unsigned sym);
/* The image (free() it) and its size; the symbol table is section nsec, its strings nsec+1. */
void *eg_build(const struct eg *g, size_t *size);

enum { EG_PROGBITS = 1, EG_NOBITS = 8, EG_GROUP = 17, EG_INIT_ARRAY = 14 };
enum { EG_W = 1, EG_A = 2, EG_X = 4, EG_MS = 0x30, EG_G = 0x200 };

#endif
