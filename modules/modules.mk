# modules/modules.mk — the example modules, built with tools/ark-gcc exactly as a module author
# would: modules/NAME.c, or a directory modules/NAME/ of .c files, becomes $(BUILD)/modules/NAME.elf
# and ships in the ramdisk as /ramdisk/NAME.elf. sample_module.c is built a second time in its
# standalone mode as sample_standalone.elf. Also `make debug` (QEMU's gdb stub + tools/gdb/ark.gdb)
# and `make install-devkit PREFIX=...` (ark-gcc, the headers and the user runtime).

MOD_BUILD := $(BUILD)/modules
ARK_GCC   := tools/ark-gcc

MOD_SINGLE := $(sort $(basename $(notdir $(wildcard modules/*.c))))
MOD_DIRS   := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard modules/*/*.c)))))
MOD_NAMES  := $(MOD_SINGLE) $(MOD_DIRS) sample_standalone
MOD_ELFS   := $(addprefix $(MOD_BUILD)/,$(addsuffix .elf,$(MOD_NAMES)))

# Every module depends on the headers, the wrapper and the signing key (ark-gcc signs what it
# builds, kernel/trust/trust.mk); rebuilding them all is cheap.
MOD_DEPS := $(ARK_GCC) $(wildcard include/ark/*.h) modules/modules.mk $(SIGN_DEPS)

$(MOD_BUILD)/%.elf: modules/%.c $(MOD_DEPS)
	@mkdir -p $(@D)
	$(ARK_GCC) -Werror -Wall -Wextra -o $@ $<

$(MOD_BUILD)/sample_standalone.elf: modules/sample_module.c $(MOD_DEPS)
	@mkdir -p $(@D)
	$(ARK_GCC) -Werror -Wall -Wextra -DSAMPLE_STANDALONE -o $@ $<

define mod_dir_rule
$(MOD_BUILD)/$(1).elf: $(sort $(wildcard modules/$(1)/*.c modules/$(1)/*.h)) $(MOD_DEPS)
	@mkdir -p $$(@D)
	$(ARK_GCC) -Werror -Wall -Wextra -o $$@ $(sort $(wildcard modules/$(1)/*.c))
endef
$(foreach d,$(MOD_DIRS),$(eval $(call mod_dir_rule,$(d))))

RAMDISK_FILES += $(foreach m,$(MOD_NAMES),$(MOD_BUILD)/$(m).elf:$(m).elf)
ALL_TARGETS   += $(MOD_ELFS)

.PHONY: modules debug install-devkit
modules: $(MOD_ELFS)

# Boots ark halted with QEMU's gdb stub on :1234 and attaches gdb with ark's commands (ark-symbols
# loads the symbols of every loaded module). ARK_DEBUG_ARGS passes options (tools/gdb/ark-debug --help).
debug: all
	@BUILD=$(BUILD) tools/gdb/ark-debug $(ARK_DEBUG_ARGS)

# A self-contained module kit: PREFIX/bin/ark-gcc, PREFIX/include/{ark,linux,asm}, PREFIX/lib/ark
# (user runtime).
PREFIX ?= /usr/local
install-devkit: $(BUILD)/user/lib/crt0.o $(BUILD)/user/lib/libulib.a
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/ark/nolibc \
	    $(DESTDIR)$(PREFIX)/include/linux $(DESTDIR)$(PREFIX)/include/asm $(DESTDIR)$(PREFIX)/lib/ark
	install -m 755 $(ARK_GCC) $(DESTDIR)$(PREFIX)/bin/ark-gcc
	install -m 644 include/ark/*.h $(DESTDIR)$(PREFIX)/include/ark/
	install -m 644 include/ark/nolibc/*.h $(DESTDIR)$(PREFIX)/include/ark/nolibc/
	install -m 644 include/linux/*.h $(DESTDIR)$(PREFIX)/include/linux/
	install -m 644 include/asm/*.h $(DESTDIR)$(PREFIX)/include/asm/
	install -m 644 $^ user/lib/user.ld user/lib/ulib.h $(DESTDIR)$(PREFIX)/lib/ark/
