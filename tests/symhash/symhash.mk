# tests/symhash/symhash.mk — suite `ark-symhash`: bats tests of tools/symhash (the .dkm.symhash
# section it writes, byte for byte, into ELF32 and ELF64 objects; refreshing; its errors), of
# ark-gcc running it before signing, and of dkm-host loading what it wrote.

TEST_SUITES += ark-symhash

.PHONY: tap-ark-symhash
tap-ark-symhash: $(SYMHASH) $(SIGN_DEPS) $(DKM_HOST) $(PROBE32)
	@BUILD=$(BUILD) tools/tap-run $(TEST_RESULTS) ark-symhash --timeout 300 -- bats --tap tests/symhash
