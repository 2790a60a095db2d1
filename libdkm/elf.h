/* elf.h — the subset of the ELF format libdkm reads: file, section and program headers, symbols,
 * relocations and dynamic entries, in the class (32- or 64-bit) of the architecture libdkm is built
 * for. Defined here because libdkm includes no system headers. */
#ifndef DKM_ELF_H
#define DKM_ELF_H

#include <stdint.h>

/* The architecture is chosen at build time (-DDKM_ARCH_X86_64 ...; i386 without one); it fixes the
 * ELF class, so every table is read with its own layout and no per-field class test. */
#if defined(DKM_ARCH_X86_64) || defined(DKM_ARCH_AARCH64) || defined(DKM_ARCH_RISCV64)
#define DKM_ELF_CLASS 64
#else
#define DKM_ELF_CLASS 32
#endif

#if DKM_ELF_CLASS == 64
/* An address or size in the module's class: ELF64 modules are loaded by 64-bit (LP64) hosts only. */
typedef unsigned long dkm_addr_t;
typedef long dkm_saddr_t;
#define DKM_PRIX "lx"
#define DKM_PRIU "lu"
_Static_assert(sizeof(unsigned long) == 8, "ELF64 modules need an LP64 host");

typedef struct {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    dkm_addr_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} dkm_ehdr_t;

typedef struct {
    uint32_t sh_name, sh_type;
    dkm_addr_t sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info;
    dkm_addr_t sh_addralign, sh_entsize;
} dkm_shdr_t;

typedef struct {
    uint32_t p_type, p_flags;
    dkm_addr_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} dkm_phdr_t;

typedef struct {
    uint32_t st_name;
    uint8_t st_info, st_other;
    uint16_t st_shndx;
    dkm_addr_t st_value, st_size;
} dkm_sym_t;

typedef struct {
    dkm_addr_t r_offset, r_info;
} dkm_rel_t;

typedef struct {
    dkm_addr_t r_offset, r_info;
    dkm_saddr_t r_addend;
} dkm_rela_t;

typedef struct {
    int64_t d_tag;
    dkm_addr_t d_val;
} dkm_dyn_t;

#define DKM_ELFCLASS_HOST 2
#define DKM_R_SYM(i) ((uint32_t)((i) >> 32))
#define DKM_R_TYPE(i) ((uint32_t)(i))
#else
typedef uint32_t dkm_addr_t;
typedef int32_t dkm_saddr_t;
#define DKM_PRIX "x"
#define DKM_PRIU "u"

typedef struct {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} dkm_ehdr_t;

typedef struct {
    uint32_t sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info,
        sh_addralign, sh_entsize;
} dkm_shdr_t;

typedef struct {
    uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} dkm_phdr_t;

typedef struct {
    uint32_t st_name, st_value, st_size;
    uint8_t st_info, st_other;
    uint16_t st_shndx;
} dkm_sym_t;

typedef struct {
    uint32_t r_offset, r_info;
} dkm_rel_t;

typedef struct {
    uint32_t r_offset, r_info;
    int32_t r_addend;
} dkm_rela_t;

typedef struct {
    int32_t d_tag;
    uint32_t d_val;
} dkm_dyn_t;

#define DKM_ELFCLASS_HOST 1
#define DKM_R_SYM(i) ((i) >> 8)
#define DKM_R_TYPE(i) ((i)&0xffu)
#endif
#define DKM_ADDR_BYTES ((unsigned)sizeof(dkm_addr_t))
/* Headers, symbol, relocation and dynamic tables are read in place: they must lie at their
 * natural alignment in the file (and the image buffer must be so aligned). */
#define DKM_TABLE_ALIGN DKM_ADDR_BYTES

#define DKM_EI_CLASS 4
#define DKM_EI_DATA 5
#define DKM_EI_VERSION 6
#define DKM_ELFCLASS32 1
#define DKM_ELFCLASS64 2
#define DKM_ELFDATA2LSB 1
#define DKM_EV_CURRENT 1

#define DKM_ET_REL 1
#define DKM_ET_EXEC 2
#define DKM_ET_DYN 3

#define DKM_SHT_NULL 0
#define DKM_SHT_PROGBITS 1
#define DKM_SHT_SYMTAB 2
#define DKM_SHT_STRTAB 3
#define DKM_SHT_RELA 4
#define DKM_SHT_HASH 5
#define DKM_SHT_DYNAMIC 6
#define DKM_SHT_NOTE 7
#define DKM_SHT_NOBITS 8
#define DKM_SHT_REL 9
#define DKM_SHT_DYNSYM 11
#define DKM_SHT_INIT_ARRAY 14
#define DKM_SHT_FINI_ARRAY 15
#define DKM_SHT_PREINIT_ARRAY 16
#define DKM_SHT_GROUP 17
#define DKM_SHT_SYMTAB_SHNDX 18

#define DKM_SHF_WRITE 0x1u
#define DKM_SHF_ALLOC 0x2u
#define DKM_SHF_EXECINSTR 0x4u
#define DKM_SHF_MERGE 0x10u
#define DKM_SHF_STRINGS 0x20u
#define DKM_SHF_GROUP 0x200u

#define DKM_GRP_COMDAT 1u

#define DKM_SHN_UNDEF 0
#define DKM_SHN_LORESERVE 0xff00u
#define DKM_SHN_ABS 0xfff1u
#define DKM_SHN_COMMON 0xfff2u
#define DKM_SHN_XINDEX 0xffffu

#define DKM_STB_LOCAL 0
#define DKM_STB_GLOBAL 1
#define DKM_STB_WEAK 2
#define DKM_STT_NOTYPE 0
#define DKM_STT_OBJECT 1
#define DKM_STT_FUNC 2
#define DKM_STT_SECTION 3
#define DKM_STT_FILE 4
#define DKM_STT_COMMON 5
#define DKM_STT_TLS 6
#define DKM_STT_GNU_IFUNC 10
#define DKM_ST_BIND(i) ((unsigned)(i) >> 4)
#define DKM_ST_TYPE(i) ((unsigned)(i)&0xfu)

#define DKM_PT_NULL 0
#define DKM_PT_LOAD 1
#define DKM_PT_DYNAMIC 2
#define DKM_PT_INTERP 3
#define DKM_PT_TLS 7
#define DKM_PT_GNU_STACK 0x6474e551u
#define DKM_PF_X 1u
#define DKM_PF_W 2u
#define DKM_PF_R 4u

#define DKM_DT_NULL 0
#define DKM_DT_NEEDED 1
#define DKM_DT_PLTRELSZ 2
#define DKM_DT_HASH 4
#define DKM_DT_STRTAB 5
#define DKM_DT_SYMTAB 6
#define DKM_DT_RELA 7
#define DKM_DT_RELASZ 8
#define DKM_DT_RELAENT 9
#define DKM_DT_STRSZ 10
#define DKM_DT_SYMENT 11
#define DKM_DT_INIT 12
#define DKM_DT_FINI 13
#define DKM_DT_REL 17
#define DKM_DT_RELSZ 18
#define DKM_DT_RELENT 19
#define DKM_DT_PLTREL 20
#define DKM_DT_JMPREL 23
#define DKM_DT_INIT_ARRAY 25
#define DKM_DT_FINI_ARRAY 26
#define DKM_DT_INIT_ARRAYSZ 27
#define DKM_DT_FINI_ARRAYSZ 28
#define DKM_DT_GNU_HASH 0x6ffffef5

#endif
