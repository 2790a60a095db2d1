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

# The tree's own modules carry intree=Y (ARK_GCC_INTREE, see ark-gcc --help); modules built out of
# the tree lack it and taint the kernel with O when they load. Modules the tree builds without
# ark-gcc (the test suites' gcc -c + ld -r ones) link INTREE_OBJ for the same record.
MOD_INTREE := ARK_GCC_INTREE=1
INTREE_OBJ := $(MOD_BUILD)/intree-record.o
$(INTREE_OBJ): modules/modules.mk
	@mkdir -p $(@D)
	printf '%s\n' 'static const char ark_intree_record[] __attribute__((section(".modinfo"), used, aligned(1))) = "intree=Y";' | \
	    $(CC) -m32 -ffreestanding -fno-pic -x c -c -o $@ -

$(MOD_BUILD)/%.elf: modules/%.c $(MOD_DEPS)
	@mkdir -p $(@D)
	$(MOD_INTREE) $(ARK_GCC) -Werror -Wall -Wextra -o $@ $<

$(MOD_BUILD)/sample_standalone.elf: modules/sample_module.c $(MOD_DEPS)
	@mkdir -p $(@D)
	$(MOD_INTREE) $(ARK_GCC) -Werror -Wall -Wextra -DSAMPLE_STANDALONE -o $@ $<

define mod_dir_rule
$(MOD_BUILD)/$(1).elf: $(sort $(wildcard modules/$(1)/*.c modules/$(1)/*.h)) $(MOD_DEPS)
	@mkdir -p $$(@D)
	$(MOD_INTREE) $(ARK_GCC) -Werror -Wall -Wextra -o $$@ $(sort $(wildcard modules/$(1)/*.c))
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

# A self-contained module kit: PREFIX/bin/ark-gcc and ark-sign, PREFIX/include/{ark,linux,asm},
# PREFIX/lib/ark (user runtime, ark-signtool, ark-symhash, and the signing key as lib/ark/keys/signing.key,
# mode 0600, so that an installed kit signs what it builds with a key the kernel trusts; the
# kit's owner keeps it as private as build/keys/).
PREFIX ?= /usr/local
install-devkit: $(BUILD)/user/lib/crt0.o $(BUILD)/user/lib/libulib.a $(SIGNTOOL) $(SYMHASH) $(SIGN_KEY)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/ark/nolibc \
	    $(DESTDIR)$(PREFIX)/include/linux $(DESTDIR)$(PREFIX)/include/asm $(DESTDIR)$(PREFIX)/lib/ark
	install -d -m 700 $(DESTDIR)$(PREFIX)/lib/ark/keys
	install -m 755 $(ARK_GCC) $(DESTDIR)$(PREFIX)/bin/ark-gcc
	install -m 755 tools/ark-sign $(DESTDIR)$(PREFIX)/bin/ark-sign
	install -m 755 $(SIGNTOOL) $(DESTDIR)$(PREFIX)/lib/ark/ark-signtool
	install -m 755 $(SYMHASH) $(DESTDIR)$(PREFIX)/lib/ark/ark-symhash
	install -m 600 $(SIGN_KEY) $(DESTDIR)$(PREFIX)/lib/ark/keys/signing.key
	if [ -f $(SIGN_KEY).pub ]; then install -m 644 $(SIGN_KEY).pub $(DESTDIR)$(PREFIX)/lib/ark/keys/signing.key.pub; fi
	install -m 644 include/ark/*.h $(DESTDIR)$(PREFIX)/include/ark/
	install -m 644 include/ark/nolibc/*.h $(DESTDIR)$(PREFIX)/include/ark/nolibc/
	install -m 644 include/linux/*.h $(DESTDIR)$(PREFIX)/include/linux/
	install -m 644 include/asm/*.h $(DESTDIR)$(PREFIX)/include/asm/
	install -m 644 $(BUILD)/user/lib/crt0.o $(BUILD)/user/lib/libulib.a user/lib/user.ld \
	    user/lib/ulib.h $(DESTDIR)$(PREFIX)/lib/ark/
