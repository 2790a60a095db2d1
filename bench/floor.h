/* floor.h — the physical floor of loading a module: copy its allocated sections into place and
 * apply relocations whose values were resolved in advance. No parsing, lookup or allocation is
 * left in floor_run, so it bounds from below what any loader can do with the same image. */
#ifndef BENCH_FLOOR_H
#define BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

struct floor_section {
    uint32_t file_offset, size, dest_offset;
    int nobits;
};

struct floor_plan {
    size_t image_bytes;              /* bytes of allocated sections, laid out back to back */
    size_t nsections, nrelocs;
    struct floor_section *sections;
    uint32_t *reloc_offsets;         /* into the laid-out image */
    uint32_t *reloc_values;          /* added at each offset */
};

/* Plans the copy and relocation of an i386 ET_REL image; exits with a message if it is not one. */
void floor_prepare(const unsigned char *elf, size_t size, struct floor_plan *plan);
void floor_run(const struct floor_plan *plan, const unsigned char *elf, unsigned char *dest);
void floor_release(struct floor_plan *plan);

#endif
