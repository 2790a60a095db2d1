# tests/system-trust/system-trust.mk — suite `system-trust`: bats tests under QEMU of the module
# trust policy (signed, unsigned, tampered, foreign-key and malformed-trailer modules with and
# without module.sig_enforce=1 and lockdown, module.hash_enforce=1, GPL-only exports, taint).
# Its modules (tests/system-trust/mods) are built with plain gcc -c + ld -r, linked with the tree's
# intree=Y record (INTREE_OBJ, modules/modules.mk) and signed with tools/ark-sign; they ship in the
# ramdisk under /ramdisk/trust/, except trust_unlisted.elf, which the tests add for one boot so
# that the module index does not list its hash. trust_oot.elf is linked without the record, as a
# module built out of the tree.

TRUST_BUILD  := $(BUILD)/tests/system-trust
TRUST_CFLAGS := -m32 -std=gnu11 -O2 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
                -mno-sse -mno-mmx -mno-80387 -fno-builtin $(WARN) -Iinclude
TRUST_SIGN   := tools/ark-sign
TRUST_OTHER_KEY := $(TRUST_BUILD)/other.key
# Modules signed with the build's key, one per source file.
TRUST_SIGNED_NAMES := trust_gpl_provider trust_prop_user trust_prop_plain trust_gpl_user \
                      trust_prop_kernel trust_gpl_kernel trust_nolicense trust_future_abi \
                      trust_perm
# Variants of trust_plain.
TRUST_VARIANTS := trust_signed trust_unsigned trust_tampered trust_otherkey trust_badtrailer trust_oot
TRUST_ELFS := $(addprefix $(TRUST_BUILD)/,$(addsuffix .elf,$(TRUST_SIGNED_NAMES) $(TRUST_VARIANTS)))
TRUST_UNLISTED := $(TRUST_BUILD)/trust_unlisted.elf

$(TRUST_BUILD)/%.o: tests/system-trust/mods/%.c $(wildcard include/ark/*.h) tests/system-trust/system-trust.mk
	@mkdir -p $(@D)
	$(CC) $(TRUST_CFLAGS) -c $< -o $@

$(TRUST_BUILD)/trust_unlisted.o: tests/system-trust/mods/trust_plain.c $(wildcard include/ark/*.h)
	@mkdir -p $(@D)
	$(CC) $(TRUST_CFLAGS) -DTRUST_MARKER='"marker=UNLISTED"' -c $< -o $@

$(addprefix $(TRUST_BUILD)/,$(addsuffix .elf,$(TRUST_SIGNED_NAMES))): $(TRUST_BUILD)/%.elf: $(TRUST_BUILD)/%.o $(SIGN_DEPS) $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@.tmp $< $(INTREE_OBJ)
	$(TRUST_SIGN) $@.tmp && mv $@.tmp $@

$(TRUST_BUILD)/trust_unsigned.elf: $(TRUST_BUILD)/trust_plain.o $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@ $^

$(TRUST_UNLISTED): $(TRUST_BUILD)/trust_unlisted.o $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@ $^

$(TRUST_BUILD)/trust_signed.elf: $(TRUST_BUILD)/trust_plain.o $(SIGN_DEPS) $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@.tmp $< $(INTREE_OBJ)
	$(TRUST_SIGN) $@.tmp && mv $@.tmp $@

# Signed, but without the tree's record: what an out-of-tree build gives.
$(TRUST_BUILD)/trust_oot.elf: $(TRUST_BUILD)/trust_plain.o $(SIGN_DEPS)
	$(LD) -m elf_i386 -r -o $@.tmp $<
	$(TRUST_SIGN) $@.tmp && mv $@.tmp $@

# The signed file with its marker string changed after signing.
$(TRUST_BUILD)/trust_tampered.elf: $(TRUST_BUILD)/trust_plain.o $(SIGN_DEPS) $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@.tmp $< $(INTREE_OBJ)
	$(TRUST_SIGN) $@.tmp
	off=$$(grep -obaF 'marker=ORIGINAL' $@.tmp | head -n 1 | cut -d: -f1) && [ -n "$$off" ] && \
	    printf 'marker=TAMPERED' | dd of=$@.tmp bs=1 seek=$$off conv=notrunc status=none
	mv $@.tmp $@

$(TRUST_OTHER_KEY): | $(SIGNTOOL)
	@mkdir -p $(@D)
	rm -f $@ $@.pub
	$(TRUST_SIGN) --generate-key $@

$(TRUST_BUILD)/trust_otherkey.elf: $(TRUST_BUILD)/trust_plain.o $(SIGN_DEPS) $(TRUST_OTHER_KEY) $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@.tmp $< $(INTREE_OBJ)
	$(TRUST_SIGN) --key $(TRUST_OTHER_KEY) $@.tmp && mv $@.tmp $@

# A trailer whose version byte (73 bytes into the trailer) is one no kernel knows.
$(TRUST_BUILD)/trust_badtrailer.elf: $(TRUST_BUILD)/trust_plain.o $(SIGN_DEPS) $(INTREE_OBJ)
	$(LD) -m elf_i386 -r -o $@.tmp $< $(INTREE_OBJ)
	$(TRUST_SIGN) $@.tmp
	size=$$(stat -c %s $@.tmp) && printf '\007' | dd of=$@.tmp bs=1 seek=$$((size - 23)) conv=notrunc status=none
	mv $@.tmp $@

RAMDISK_FILES += $(foreach e,$(TRUST_ELFS),$(e):trust/$(notdir $(e)))
ALL_TARGETS   += $(TRUST_ELFS) $(TRUST_UNLISTED)

TEST_SUITES += system-trust

.PHONY: tap-system-trust
tap-system-trust: $(BUILD)/kernel/ark.elf $(BUILD)/ramdisk.tar $(TRUST_UNLISTED) $(TRUST_OTHER_KEY)
	@ARK_BUILD=$(abspath $(BUILD)) tools/tap-run $(TEST_RESULTS) system-trust --timeout 900 -- \
	    bats --tap tests/system-trust
.SECONDARY: $(patsubst %.elf,%.o,$(TRUST_ELFS) $(TRUST_UNLISTED)) $(TRUST_BUILD)/trust_plain.o
