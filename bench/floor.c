/* floor.c — plans and runs the benchmark's floor: section copy plus pre-resolved relocations. The
 * input is a module the benchmark generated itself, so checks only guard against tool mix-ups. */
#include "floor.h"
#include "common.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

void floor_prepare(const unsigned char *elf, size_t size, struct floor_plan *plan)
{
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)elf;
    if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_type != ET_REL ||
        eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf32_Shdr) > size)
        die("floor: not an i386 relocatable module");
    const Elf32_Shdr *sh = (const Elf32_Shdr *)(elf + eh->e_shoff);
    uint32_t *dest_of = calloc(eh->e_shnum, sizeof(*dest_of));
    memset(plan, 0, sizeof(*plan));
    plan->sections = calloc(eh->e_shnum, sizeof(*plan->sections));
    size_t nrel = 0;
    for (unsigned i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_REL && sh[i].sh_entsize)
            nrel += sh[i].sh_size / sh[i].sh_entsize;
    plan->reloc_offsets = calloc(nrel + 1, sizeof(uint32_t));
    plan->reloc_values = calloc(nrel + 1, sizeof(uint32_t));
    if (!dest_of || !plan->sections || !plan->reloc_offsets || !plan->reloc_values)
        die("floor: out of memory");

    size_t at = 0;
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (!(sh[i].sh_flags & SHF_ALLOC) || sh[i].sh_size == 0)
            continue;
        size_t align = sh[i].sh_addralign ? sh[i].sh_addralign : 1;
        at = (at + align - 1) & ~(align - 1);
        dest_of[i] = (uint32_t)at;
        struct floor_section *s = &plan->sections[plan->nsections++];
        s->file_offset = sh[i].sh_offset;
        s->size = sh[i].sh_size;
        s->dest_offset = (uint32_t)at;
        s->nobits = sh[i].sh_type == SHT_NOBITS;
        at += sh[i].sh_size;
    }
    plan->image_bytes = at;

    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_REL || sh[i].sh_info >= eh->e_shnum ||
            !(sh[sh[i].sh_info].sh_flags & SHF_ALLOC))
            continue;
        const Elf32_Rel *r = (const Elf32_Rel *)(elf + sh[i].sh_offset);
        size_t n = sh[i].sh_size / sizeof(*r);
        for (size_t k = 0; k < n; k++) {
            /* Any value will do: the floor measures the work, and a fixed pseudo-address keeps
             * the arithmetic the same as a real relocation's. */
            plan->reloc_offsets[plan->nrelocs] = dest_of[sh[i].sh_info] + r[k].r_offset;
            plan->reloc_values[plan->nrelocs] = 0x1000u + (uint32_t)k * 4u;
            plan->nrelocs++;
        }
    }
    free(dest_of);
}

void floor_run(const struct floor_plan *plan, const unsigned char *elf, unsigned char *dest)
{
    for (size_t i = 0; i < plan->nsections; i++) {
        const struct floor_section *s = &plan->sections[i];
        if (s->nobits)
            memset(dest + s->dest_offset, 0, s->size);
        else
            memcpy(dest + s->dest_offset, elf + s->file_offset, s->size);
    }
    for (size_t i = 0; i < plan->nrelocs; i++) {
        uint32_t word;
        memcpy(&word, dest + plan->reloc_offsets[i], sizeof(word));
        word += plan->reloc_values[i];
        memcpy(dest + plan->reloc_offsets[i], &word, sizeof(word));
    }
}

void floor_release(struct floor_plan *plan)
{
    free(plan->sections);
    free(plan->reloc_offsets);
    free(plan->reloc_values);
    memset(plan, 0, sizeof(*plan));
}
