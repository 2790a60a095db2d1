# tests/libdkm-unit/libdkm-unit.mk — suite `libdkm-unit`: cmocka tests of libdkm's internal units
# (format, hash table, modinfo, parameters, layout, i386 relocation math, errors) and end-to-end
# loads of small modules built here in the three i386 code models, through a test port. The tests
# run twice: as an i386 program (modules really run) and as an x86_64 program over the ASan/UBSan
# build of libdkm (modules are linked with DKM_LOAD_NO_RUN below 4 GiB).

LIBDKM_UNIT_BUILD := $(BUILD)/tests/libdkm-unit
LIBDKM_UNIT_BIN := $(LIBDKM_UNIT_BUILD)/libdkm-unit
LIBDKM_UNIT_BIN64 := $(LIBDKM_UNIT_BUILD)/libdkm-unit64
LIBDKM_UNIT_SRCS := $(wildcard tests/libdkm-unit/*.c)
LIBDKM_UNIT_HDRS := $(wildcard tests/libdkm-unit/*.h)
LIBDKM_UNIT_MODNAMES := basic user failinit ctors features unres seed
LIBDKM_UNIT_MODELS := nopic pie pic
LIBDKM_UNIT_MODFLAGS_nopic := -fno-pic
LIBDKM_UNIT_MODFLAGS_pie := -fpie
LIBDKM_UNIT_MODFLAGS_pic := -fPIC
LIBDKM_UNIT_MODS := $(foreach m,$(LIBDKM_UNIT_MODELS),$(patsubst %,$(LIBDKM_UNIT_BUILD)/mods/$(m)/%.o,$(LIBDKM_UNIT_MODNAMES)))
# Linked images: a shared object, the seed's PIE command, and a fixed-address executable.
LIBDKM_UNIT_LINKED := $(LIBDKM_UNIT_BUILD)/mods/dynmod.so $(LIBDKM_UNIT_BUILD)/mods/seedpie.elf \
                      $(LIBDKM_UNIT_BUILD)/mods/seedexec.elf
LIBDKM_UNIT_MODCFLAGS := -m32 -std=gnu11 -O2 -ffreestanding -fno-stack-protector $(WARN) -Iinclude
LIBDKM_UNIT_MODHDRS := $(wildcard include/ark/*.h)

define LIBDKM_UNIT_MOD_RULE
$(LIBDKM_UNIT_BUILD)/mods/$(1)/%.o: tests/libdkm-unit/mods/%.c $(LIBDKM_UNIT_MODHDRS)
	@mkdir -p $$(@D)
	$(HOSTCC) $(LIBDKM_UNIT_MODCFLAGS) -fcommon $(LIBDKM_UNIT_MODFLAGS_$(1)) -c $$< -o $$@
endef
$(foreach m,$(LIBDKM_UNIT_MODELS),$(eval $(call LIBDKM_UNIT_MOD_RULE,$(m))))

$(LIBDKM_UNIT_BUILD)/mods/dynmod.so: tests/libdkm-unit/mods/dynmod.c $(LIBDKM_UNIT_MODHDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIBDKM_UNIT_MODCFLAGS) -nostdlib -fPIC -shared -o $@ $<
$(LIBDKM_UNIT_BUILD)/mods/seedpie.elf: tests/libdkm-unit/mods/seed.c
	@mkdir -p $(@D)
	$(HOSTCC) $(LIBDKM_UNIT_MODCFLAGS) -nostdlib -fpie -pie -Wl,-e,module_init -o $@ $<
$(LIBDKM_UNIT_BUILD)/mods/seedexec.elf: tests/libdkm-unit/mods/seed.c
	@mkdir -p $(@D)
	$(HOSTCC) $(LIBDKM_UNIT_MODCFLAGS) -nostdlib -fno-pic -no-pie -static -Wl,-e,module_init \
	    -Wl,-Ttext-segment=0x31000000 -o $@ $<

# The tests include libdkm's private header to reach its internal units.
# The test port (tport.c) wraps the Linux port of host/, hence -Ihost and PORT_LINUX*.
$(LIBDKM_UNIT_BIN): $(LIBDKM_UNIT_SRCS) $(LIBDKM_UNIT_HDRS) $(LIBDKM32) $(PORT_LINUX32)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST32_CFLAGS) -Ilibdkm -Ihost -o $@ $(LIBDKM_UNIT_SRCS) $(PORT_LINUX32) $(LIBDKM32) \
	    -lcmocka -ldl
$(LIBDKM_UNIT_BIN64): $(LIBDKM_UNIT_SRCS) $(LIBDKM_UNIT_HDRS) $(LIBDKM64_ASAN) $(PORT_LINUX64)
	@mkdir -p $(@D)
	$(CLANG) $(LIBDKM_ASAN_CFLAGS) -Ilibdkm -Ihost -o $@ $(LIBDKM_UNIT_SRCS) $(PORT_LINUX64) \
	    $(LIBDKM64_ASAN) -lcmocka -ldl

ALL_TARGETS += $(LIBDKM_UNIT_BIN) $(LIBDKM_UNIT_BIN64) $(LIBDKM_UNIT_MODS) $(LIBDKM_UNIT_LINKED)
TEST_SUITES += libdkm-unit

.PHONY: tap-libdkm-unit
tap-libdkm-unit: $(LIBDKM_UNIT_BIN) $(LIBDKM_UNIT_BIN64) $(LIBDKM_UNIT_MODS) $(LIBDKM_UNIT_LINKED) \
                 $(LIBDKM_KOBJ)
	@LIBDKM_UNIT_MODS=$(LIBDKM_UNIT_BUILD)/mods tools/tap-run $(TEST_RESULTS) libdkm-unit --timeout 300 -- \
	    tests/libdkm-unit/run-tests $(LIBDKM_UNIT_BIN) $(LIBDKM_UNIT_BIN64)
