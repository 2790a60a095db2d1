# kernel/trust/trust.mk — module signing: the kernel's trust policy (kernel/trust/*.c) with the
# crypto of lib/crypto, the host signer build/tools/ark-signtool (behind tools/ark-sign), the
# signing key (build/keys/signing.key, generated on first build unless ARK_SIGN_KEY names one's
# own) and build/keys/trusted_keys.c, its public half compiled into the kernel together with any
# further public keys listed in ARK_TRUSTED_KEYS (e.g. a vendor's KEY.pub files).

CRYPTO_SRCS := $(addprefix lib/crypto/,sha256.c sha512.c ed25519.c)
KEYS_DIR    := $(BUILD)/keys
SIGNTOOL    := $(BUILD)/tools/ark-signtool
DEFAULT_SIGN_KEY := $(KEYS_DIR)/signing.key
SIGN_KEY    := $(if $(ARK_SIGN_KEY),$(abspath $(ARK_SIGN_KEY)),$(abspath $(DEFAULT_SIGN_KEY)))
TRUSTED_KEYS_C := $(KEYS_DIR)/trusted_keys.c
EXTRA_TRUSTED_KEYS := $(abspath $(ARK_TRUSTED_KEYS))
# The keys in use, by path: switching ARK_SIGN_KEY (or ARK_TRUSTED_KEYS) rebuilds the key table
# and re-signs the modules.
KEY_PATH_STAMP := $(KEYS_DIR)/key.path

KERNEL_SRCS += $(sort $(wildcard kernel/trust/*.c)) $(CRYPTO_SRCS) $(TRUSTED_KEYS_C)

# ark-gcc (run by the module rules) signs with the same key and signer.
export ARK_SIGN_KEY := $(SIGN_KEY)
export ARK_SIGNTOOL := $(abspath $(SIGNTOOL))
# What a signed build product depends on; ark-gcc also runs ark-symhash before it signs.
SIGN_DEPS := $(SIGNTOOL) $(SIGN_KEY) $(KEY_PATH_STAMP) tools/ark-sign $(SYMHASH)

$(SIGNTOOL): tools/signtool/signtool.c $(CRYPTO_SRCS) lib/crypto/crypto.h libdkm/include/dkm/modsig.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST64_CFLAGS) -Ilib/crypto -o $@ tools/signtool/signtool.c $(CRYPTO_SRCS) -lsodium

# Generated once; never overwritten (rm -rf build/keys for a new one).
$(abspath $(DEFAULT_SIGN_KEY)): | $(SIGNTOOL)
	@mkdir -p $(@D)
	$(SIGNTOOL) genkey $@ $@.pub
	@echo "  KEY     new module signing key $@ (id $$($(SIGNTOOL) keyid $@))"

$(KEY_PATH_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(SIGN_KEY) $(EXTRA_TRUSTED_KEYS)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(TRUSTED_KEYS_C): $(SIGN_KEY) $(EXTRA_TRUSTED_KEYS) $(KEY_PATH_STAMP) $(SIGNTOOL)
	$(SIGNTOOL) keys-c $(SIGN_KEY) $(EXTRA_TRUSTED_KEYS) >$@.tmp && mv $@.tmp $@

ALL_TARGETS += $(SIGNTOOL) $(TRUSTED_KEYS_C)

$(BUILD)/kernel/obj/kernel/trust/%.o: KERNEL_CFLAGS += -Ilib/crypto
