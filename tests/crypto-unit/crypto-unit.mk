# tests/crypto-unit/crypto-unit.mk — suites `crypto-unit` and `crypto-unit32`: cmocka tests of
# lib/crypto (SHA-256, SHA-512, Ed25519 verification) against the FIPS 180-4 and RFC 8032 vectors;
# the x86_64 build also compares with libsodium over thousands of random keys and messages, the
# i386 build runs the vectors on the instruction set the kernel uses.

CRYPTO_UNIT_BUILD := $(BUILD)/tests/crypto-unit
CRYPTO_UNIT_BIN   := $(CRYPTO_UNIT_BUILD)/crypto-unit
CRYPTO_UNIT_BIN32 := $(CRYPTO_UNIT_BUILD)/crypto-unit32
CRYPTO_UNIT_SRCS  := $(sort $(wildcard tests/crypto-unit/*.c))
CRYPTO_UNIT_DEPS  := $(CRYPTO_UNIT_SRCS) tests/crypto-unit/tests.h $(CRYPTO_SRCS) lib/crypto/crypto.h

$(CRYPTO_UNIT_BIN): $(CRYPTO_UNIT_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST64_CFLAGS) -Ilib/crypto -DCRYPTO_UNIT_SODIUM -o $@ $(CRYPTO_UNIT_SRCS) \
	    $(CRYPTO_SRCS) -lcmocka -lsodium

$(CRYPTO_UNIT_BIN32): $(CRYPTO_UNIT_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST32_CFLAGS) -Ilib/crypto -o $@ $(filter-out %/test_sodium.c,$(CRYPTO_UNIT_SRCS)) \
	    $(CRYPTO_SRCS) -lcmocka

ALL_TARGETS += $(CRYPTO_UNIT_BIN) $(CRYPTO_UNIT_BIN32)
TEST_SUITES += crypto-unit crypto-unit32

.PHONY: tap-crypto-unit tap-crypto-unit32
tap-crypto-unit: $(CRYPTO_UNIT_BIN)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) crypto-unit --timeout 300 -- $(CRYPTO_UNIT_BIN)
tap-crypto-unit32: $(CRYPTO_UNIT_BIN32)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) crypto-unit32 --timeout 300 -- \
	    $(RUN32) $(CRYPTO_UNIT_BIN32)
