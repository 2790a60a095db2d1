# mk/toolchain.mk — compilers and flags shared by every part of the tree, and the dependency check.

CC        ?= gcc
CLANG     ?= clang
LD        ?= ld
HOSTCC    ?= gcc

# Missing Debian packages are installed (as root) or named by scripts/install-deps, once per change
# of the script. The stamp is a makefile that the top-level Makefile includes: make remakes an
# included makefile before anything else and then reads every makefile again, so the toolchain
# queries below ($(shell ...)) see the packages installed, even on the first run of a fresh machine.
DEPS_STAMP := $(BUILD)/.deps.mk
$(DEPS_STAMP): scripts/install-deps
	@scripts/install-deps
	@mkdir -p $(@D) && echo '# scripts/install-deps found every package' >$@
deps: $(DEPS_STAMP)

# The compiler's 32-bit runtime library (64-bit division and the like), for everything i386.
LIBGCC32  := $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)

WARN      := -Wall -Wextra -Werror
INCLUDES  := -Iinclude -Ilibdkm/include

# The kernel and everything linked into it (libdkm's kernel build included).
KERNEL_CFLAGS := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
                 -fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 -fno-builtin \
                 $(WARN) $(INCLUDES) -Ikernel/include -D__ARK_KERNEL__
KERNEL_LDFLAGS := -m elf_i386 -nostdlib

# User programs: ring 3, no libc.
USER_CFLAGS := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
               -fno-builtin $(WARN) $(INCLUDES) -Iuser/lib
USER_LDFLAGS := -m elf_i386 -nostdlib -static

# Hosted 32-bit Linux builds (dkm-host, unit tests, benchmarks). 32-bit programs are started through
# tools/run32, which uses qemu-i386 when the host kernel cannot run i386 binaries itself.
HOST32_CFLAGS := -m32 -std=gnu11 -O2 -g $(WARN) $(INCLUDES)
HOST64_CFLAGS := -std=gnu11 -O2 -g $(WARN) $(INCLUDES)
RUN32 := tools/run32

# The other architectures libdkm runs on. Each is built with clang --target=TRIPLE against Debian's
# cross binutils, C library and libgcc (packages in scripts/install-deps); x86_64 is the host's own
# gcc. The gcc cross compilers are not used: in Debian 12 they conflict with gcc-multilib.
# Programs for an architecture run through tools/run-arch ARCH (natively or under qemu-user).
ARCHES := x86_64 aarch64 riscv64 arm
ARCH_TRIPLE_x86_64 := x86_64-linux-gnu
ARCH_TRIPLE_aarch64 := aarch64-linux-gnu
ARCH_TRIPLE_riscv64 := riscv64-linux-gnu
ARCH_TRIPLE_arm := arm-linux-gnueabihf
ARCH_DEFINE_x86_64 := -DDKM_ARCH_X86_64
ARCH_DEFINE_aarch64 := -DDKM_ARCH_AARCH64
ARCH_DEFINE_riscv64 := -DDKM_ARCH_RISCV64
ARCH_DEFINE_arm := -DDKM_ARCH_ARM
# arch_cc ARCH COMPILER(gcc|clang): the command that compiles C for ARCH.
arch_cc = $(if $(filter gcc,$2),$(if $(filter x86_64,$1),$(HOSTCC),),$(CLANG) --target=$(ARCH_TRIPLE_$1))
# Compilers available per architecture: gcc only natively (see above).
ARCH_CCS_x86_64 := gcc clang
ARCH_CCS_aarch64 := clang
ARCH_CCS_riscv64 := clang
ARCH_CCS_arm := clang
arch_cflags = -std=gnu11 -O2 -g $(WARN) $(INCLUDES) $(ARCH_DEFINE_$1)
# The linker for partial links of modules and the runtime library a module is linked with.
arch_ld = $(if $(filter x86_64,$1),$(LD),$(ARCH_TRIPLE_$1)-ld)
$(foreach a,$(ARCHES),$(eval ARCH_LIBGCC_$(a) := $$(shell $(call arch_cc,$(a),clang) -print-libgcc-file-name 2>/dev/null)))
arch_libgcc = $(ARCH_LIBGCC_$1)
