# kernel/kernel.mk — builds and links the kernel, build/kernel/ark.elf (multiboot v1, loaded at
# 1 MiB, running at KERNEL_BASE). Sources come from KERNEL_SRCS: the core parts below plus whatever
# kernel/*/*.mk and libdkm/libdkm.mk added. The link runs twice: the first image's `nm` output
# becomes the symbol table (.ksyms) that panic reports symbolise with, and the second link includes
# it. .ksyms is laid out last, so the table's size moves no other symbol; the build checks that.

KERNEL_BUILD    := $(BUILD)/kernel
KERNEL_OBJDIR   := $(KERNEL_BUILD)/obj
KERNEL_ELF      := $(KERNEL_BUILD)/ark.elf
KERNEL_LDSCRIPT := kernel/arch/i386/linker.ld
KERNEL_GEN_KSYMS := kernel/gen-ksyms.sh
KERNEL_LIBGCC   := $(LIBGCC32)

KERNEL_CORE_SRCS := $(sort $(wildcard kernel/arch/i386/*.c kernel/arch/i386/*.S kernel/mm/*.c \
                                      kernel/core/*.c kernel/proc/*.c kernel/drivers/*.c))
# The string and format functions come from lib/, shared with the user runtime.
KERNEL_SRCS += $(KERNEL_CORE_SRCS) $(sort $(wildcard lib/*.c))
KERNEL_OBJS := $(patsubst %,$(KERNEL_OBJDIR)/%.o,$(basename $(sort $(KERNEL_SRCS))))

# Loop idioms must not become calls to memcpy/memset, which would recurse inside string.c; and no
# tail calls, so that every caller keeps its frame and shows up in panic backtraces.
KERNEL_BUILD_CFLAGS = $(KERNEL_CFLAGS) -fno-tree-loop-distribute-patterns -fno-optimize-sibling-calls \
                      -MMD -MP -MF $(@:.o=.d)

$(KERNEL_OBJDIR)/%.o: %.c kernel/kernel.mk
	@mkdir -p $(@D)
	$(CC) $(KERNEL_BUILD_CFLAGS) -c $< -o $@

$(KERNEL_OBJDIR)/%.o: %.S kernel/kernel.mk
	@mkdir -p $(@D)
	$(CC) $(KERNEL_BUILD_CFLAGS) -c $< -o $@

$(KERNEL_BUILD)/ksyms-empty.S: $(KERNEL_GEN_KSYMS)
	@mkdir -p $(@D)
	$(KERNEL_GEN_KSYMS) </dev/null >$@

$(KERNEL_BUILD)/ksyms-empty.o: $(KERNEL_BUILD)/ksyms-empty.S
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_BUILD)/ksyms.o: $(KERNEL_BUILD)/ksyms.S
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

kernel_link = $(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDSCRIPT) -o $(1) $(KERNEL_OBJS) $(2) $(KERNEL_LIBGCC)

# Rewritten only when the set of objects changes, so that removing a source relinks the kernel.
KERNEL_OBJ_LIST := $(KERNEL_BUILD)/objects.list
$(KERNEL_OBJ_LIST): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(KERNEL_OBJS) >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(KERNEL_BUILD)/ark.pass1.elf: $(KERNEL_OBJS) $(KERNEL_BUILD)/ksyms-empty.o $(KERNEL_LDSCRIPT) $(KERNEL_OBJ_LIST)
	$(call kernel_link,$@,$(KERNEL_BUILD)/ksyms-empty.o)

$(KERNEL_BUILD)/ksyms.S: $(KERNEL_BUILD)/ark.pass1.elf $(KERNEL_GEN_KSYMS)
	nm -n -S --defined-only $< | $(KERNEL_GEN_KSYMS) >$@

$(KERNEL_ELF): $(KERNEL_OBJS) $(KERNEL_BUILD)/ksyms.o $(KERNEL_LDSCRIPT)
	$(call kernel_link,$@.tmp,$(KERNEL_BUILD)/ksyms.o)
	@nm -n -S --defined-only $@.tmp | $(KERNEL_GEN_KSYMS) | cmp -s - $(KERNEL_BUILD)/ksyms.S || \
	    { echo "kernel: symbols moved between the two link passes (is .ksyms still last?)"; \
	      rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@

.PHONY: kernel FORCE
FORCE:
kernel: $(KERNEL_ELF)
ALL_TARGETS += $(KERNEL_ELF)

-include $(KERNEL_OBJS:.o=.d)
