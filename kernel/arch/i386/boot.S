/* boot.S — the multiboot v1 entry point. Runs at the physical load address with paging off, turns
 * on PAE paging with the first 256 MiB mapped both at 0 and at KERNEL_BASE by 2 MiB pages, then
 * jumps to the higher half and calls kmain(magic, info). vmm_init later replaces these mappings
 * with the real page tables (and turns on NX). */

#define KERNEL_BASE     0xC0000000
#define MB_HEADER_MAGIC 0x1BADB002
#define MB_FLAGS        0x00000003      /* page-aligned modules, memory map wanted */
#define BOOT_MAP_PDES   128             /* 128 x 2 MiB = 256 MiB */
#define PDE_2M_RW       0x83            /* present, writable, 2 MiB page */
#define PDPTE_PRESENT   0x1
#define CR4_PAE         0x20
#define CPUID_PAE       0x40            /* CPUID 1 EDX bit 6 */
#define COM1            0x3F8
#define CR0_PG_WP       0x80010000

    .section .multiboot, "a"
    .balign 4
    .long MB_HEADER_MAGIC
    .long MB_FLAGS
    .long -(MB_HEADER_MAGIC + MB_FLAGS)

    .section .boot.text, "ax"
    .globl _start
_start:
    cli
    cld
    movl %eax, %esi                     /* multiboot magic, kept for kmain */
    movl %ebx, %edi                     /* physical address of the multiboot information */

    /* Zero .bss ourselves rather than trusting every loader to do it. */
    movl $(__bss_start - KERNEL_BASE), %ebx
    movl $(__bss_end - KERNEL_BASE), %ecx
1:  cmpl %ecx, %ebx
    jae 2f
    movl $0, (%ebx)
    addl $4, %ebx
    jmp 1b
2:
    /* PAE is the only paging mode the kernel has (it is what gives NX): without it, say so on the
     * serial line and stop. */
    movl $1, %eax
    cpuid
    testl $CPUID_PAE, %edx
    jz no_pae

    /* One page directory of 2 MiB pages serves both the identity map (PDPT entry 0) and the
     * higher half (entry 3). Entries are 64-bit; .bss is zero, so the high halves are. */
    movl $(boot_pd - KERNEL_BASE), %edx
    xorl %ecx, %ecx
3:  movl %ecx, %eax
    shll $21, %eax
    orl $PDE_2M_RW, %eax
    movl %eax, (%edx,%ecx,8)
    incl %ecx
    cmpl $BOOT_MAP_PDES, %ecx
    jb 3b
    movl $(boot_pdpt - KERNEL_BASE), %eax
    orl $PDPTE_PRESENT, %edx
    movl %edx, (%eax)
    movl %edx, 24(%eax)

    movl %cr4, %ecx
    orl $CR4_PAE, %ecx
    movl %ecx, %cr4
    movl %eax, %cr3
    movl %cr0, %eax
    orl $CR0_PG_WP, %eax
    movl %eax, %cr0
    movl $boot_higher_half, %eax
    jmp *%eax

    .text
boot_higher_half:
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp                     /* ends every backtrace */
    pushl %edi
    pushl %esi
    call kmain
4:  cli
    hlt
    jmp 4b

    .section .boot.text, "ax"
no_pae:
    movl $(no_pae_msg - KERNEL_BASE), %esi
    movw $COM1, %dx
5:  movb (%esi), %al
    testb %al, %al
    jz 6f
    outb %al, %dx
    incl %esi
    jmp 5b
6:  cli
    hlt
    jmp 6b

    .section .rodata
no_pae_msg:
    .asciz "ark: this CPU has no PAE; ark needs PAE paging (for NX). Stopping.\r\n"

    .bss
    .balign 4096
    .globl boot_pd
boot_pd:
    .skip 4096
boot_pdpt:                              /* 32-byte aligned, as CR3 needs in PAE mode */
    .skip 4096
    .globl boot_stack_bottom
boot_stack_bottom:
    .skip 16384
    .globl boot_stack_top
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
