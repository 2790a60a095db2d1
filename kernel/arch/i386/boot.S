/* boot.S — the multiboot v1 entry point. Runs at the physical load address with paging off, maps
 * the first 256 MiB both at 0 and at KERNEL_BASE with 4 MiB pages, then jumps to the higher half
 * and calls kmain(magic, info). vmm_init later replaces these mappings with the real page tables. */

#define KERNEL_BASE     0xC0000000
#define MB_HEADER_MAGIC 0x1BADB002
#define MB_FLAGS        0x00000003      /* page-aligned modules, memory map wanted */
#define BOOT_MAP_PDES   64              /* 64 x 4 MiB = 256 MiB */
#define PDE_4M_RW       0x83            /* present, writable, 4 MiB page */
#define CR4_PSE         0x10
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
    movl $(boot_pgdir - KERNEL_BASE), %edx
    xorl %ecx, %ecx
3:  movl %ecx, %eax
    shll $22, %eax
    orl $PDE_4M_RW, %eax
    movl %eax, (%edx,%ecx,4)            /* identity, for the instructions right after paging is on */
    movl %eax, 3072(%edx,%ecx,4)        /* the same memory at KERNEL_BASE (PDE 768 onwards) */
    incl %ecx
    cmpl $BOOT_MAP_PDES, %ecx
    jb 3b

    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl %edx, %cr3
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

    .bss
    .balign 4096
    .globl boot_pgdir
boot_pgdir:
    .skip 4096
    .globl boot_stack_bottom
boot_stack_bottom:
    .skip 16384
    .globl boot_stack_top
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
