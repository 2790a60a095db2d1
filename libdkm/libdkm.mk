# libdkm/libdkm.mk — the loader core: its sources join the kernel (KERNEL_SRCS, built with
# KERNEL_CFLAGS by kernel.mk) and are also built as static libraries for 32-bit and 64-bit Linux
# programs (dkm-host, tests, benchmarks) and, with ASan/UBSan under clang, for fuzzing.

LIBDKM_CORE_SRCS := $(addprefix libdkm/,util.c error.c mem.c exports.c validate.c layout.c \
                 symbols.c relocate.c reloc_fast.c dynamic.c modinfo.c params.c lifecycle.c ksyms.c inspect.c \
                 loader.c license.c)
LIBDKM_SRCS := $(LIBDKM_CORE_SRCS) libdkm/arch/i386.c
LIBDKM_HDRS := $(wildcard libdkm/*.h) libdkm/include/dkm/dkm.h libdkm/include/dkm/modsig.h \
               libdkm/include/dkm/symhash.h
KERNEL_SRCS += $(LIBDKM_SRCS)

LIBDKM_BUILD := $(BUILD)/libdkm
LIBDKM32 := $(LIBDKM_BUILD)/host32/libdkm.a
LIBDKM64 := $(LIBDKM_BUILD)/host64/libdkm.a
LIBDKM64_ASAN := $(LIBDKM_BUILD)/host64-asan/libdkm.a
# Built with the kernel's flags on its own, so the freestanding contract (no undefined external
# symbol at all) is checked even before the kernel links.
LIBDKM_KOBJ := $(LIBDKM_BUILD)/kernel/libdkm.o

LIBDKM_ASAN_CFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
                      -fno-omit-frame-pointer $(WARN) $(INCLUDES)

define libdkm_variant # 1: output dir, 2: compiler, 3: flags
$(LIBDKM_BUILD)/$(1)/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(2) $(3) -c $$< -o $$@
endef
$(eval $(call libdkm_variant,host32,$(HOSTCC),$(HOST32_CFLAGS)))
$(eval $(call libdkm_variant,host64,$(HOSTCC),$(HOST64_CFLAGS)))
$(eval $(call libdkm_variant,host64-asan,$(CLANG),$(LIBDKM_ASAN_CFLAGS)))
$(eval $(call libdkm_variant,kernel,$(CC),$(KERNEL_CFLAGS)))

libdkm_objs = $(patsubst libdkm/%.c,$(LIBDKM_BUILD)/$(1)/%.o,$(LIBDKM_SRCS))

$(LIBDKM32): $(call libdkm_objs,host32)
	@rm -f $@
	ar rcs $@ $^
$(LIBDKM64): $(call libdkm_objs,host64)
	@rm -f $@
	ar rcs $@ $^
$(LIBDKM64_ASAN): $(call libdkm_objs,host64-asan)
	@rm -f $@
	ar rcs $@ $^

# The relocation loop wants every register i386 has; the kernel's backtraces stop safely at a frame
# pointer that is not one, so this file may do without.
$(BUILD)/kernel/obj/libdkm/reloc_fast.o: KERNEL_CFLAGS += -fomit-frame-pointer

# One relocatable object from the kernel-flag build; it must reference nothing outside libdkm but
# memcpy and memset, which every kernel has.
$(LIBDKM_KOBJ): $(call libdkm_objs,kernel)
	$(LD) -m elf_i386 -r -o $@ $^
	@undef=$$(nm -u $@ | grep -vwE 'memcpy|memset'); if [ -n "$$undef" ]; then \
	    echo "libdkm: kernel build references external symbols:"; echo "$$undef"; rm -f $@; exit 1; fi

# ark-symhash records each import's name hash in the module (dkm/symhash.h); ark-gcc runs it after
# every module link, and the rules that link modules some other way run it themselves. It hashes
# with libdkm's own function, so the two cannot disagree.
SYMHASH := $(BUILD)/tools/ark-symhash
$(SYMHASH): tools/symhash/symhash.c libdkm/include/dkm/symhash.h libdkm/include/dkm/modsig.h $(LIBDKM64)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST64_CFLAGS) -Ilibdkm/include -o $@ $< $(LIBDKM64)
ALL_TARGETS += $(SYMHASH)
export ARK_SYMHASH := $(abspath $(SYMHASH))

# libdkm for each other architecture (mk/toolchain.mk): the core with that architecture's file.
# LIBDKM_ARCH_<arch> is build/libdkm/<arch>/libdkm.a.
define libdkm_arch # 1: architecture
$(LIBDKM_BUILD)/$(1)/%.o: libdkm/%.c $(LIBDKM_HDRS)
	@mkdir -p $$(@D)
	$(call arch_cc,$(1),clang) $(call arch_cflags,$(1)) -c $$< -o $$@
LIBDKM_ARCH_$(1) := $(LIBDKM_BUILD)/$(1)/libdkm.a
$(LIBDKM_BUILD)/$(1)/libdkm.a: $(patsubst libdkm/%.c,$(LIBDKM_BUILD)/$(1)/%.o,$(LIBDKM_CORE_SRCS) libdkm/arch/$(1).c)
	@rm -f $$@
	ar rcs $$@ $$^
endef
LIBDKM_ARCHES := $(foreach a,$(ARCHES),$(if $(wildcard libdkm/arch/$(a).c),$(a)))
$(foreach a,$(LIBDKM_ARCHES),$(eval $(call libdkm_arch,$(a))))

ALL_TARGETS += $(foreach a,$(LIBDKM_ARCHES),$(LIBDKM_ARCH_$(a)))
ALL_TARGETS += $(LIBDKM32) $(LIBDKM64) $(LIBDKM64_ASAN) $(LIBDKM_KOBJ)
