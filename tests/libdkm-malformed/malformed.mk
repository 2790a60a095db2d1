# tests/libdkm-malformed/malformed.mk — the malformed-input suite: valid sample modules (ET_REL,
# ET_DYN, ET_EXEC) built from sample.c, and a native x86_64 cmocka program that breaks one
# validation rule per case and checks libdkm's error code, message and residue.

MALFORMED_BUILD := $(BUILD)/tests/libdkm-malformed
MALFORMED_BIN := $(MALFORMED_BUILD)/libdkm-malformed
MALFORMED_SRCS := $(filter-out tests/libdkm-malformed/sample.c,$(wildcard tests/libdkm-malformed/*.c))
MALFORMED_OBJS := $(patsubst tests/libdkm-malformed/%.c,$(MALFORMED_BUILD)/%.o,$(MALFORMED_SRCS))
MALFORMED_SAMPLES := $(addprefix $(MALFORMED_BUILD)/,sample.o sample_dyn.elf sample_exec.elf)
MALFORMED_SAMPLE_CFLAGS := -m32 -std=gnu11 -O2 $(WARN) $(INCLUDES)

# ET_REL: position-independent code, so the sample has GOT relocations and COMDAT groups.
$(MALFORMED_BUILD)/sample.o: tests/libdkm-malformed/sample.c
	@mkdir -p $(@D)
	$(CC) $(MALFORMED_SAMPLE_CFLAGS) -fPIC -c -o $@ $<
# ET_DYN: a shared object importing host_log through its dynamic symbol table.
$(MALFORMED_BUILD)/sample_dyn.elf: tests/libdkm-malformed/sample.c
	@mkdir -p $(@D)
	$(CC) $(MALFORMED_SAMPLE_CFLAGS) -fPIC -shared -nostdlib -o $@ $<
# ET_EXEC: pre-linked at a fixed address no test process uses.
$(MALFORMED_BUILD)/sample_exec.elf: tests/libdkm-malformed/sample.c
	@mkdir -p $(@D)
	$(CC) $(MALFORMED_SAMPLE_CFLAGS) -DSAMPLE_STANDALONE -fno-pic -no-pie -static -nostdlib \
	    -Wl,-e,module_init -Wl,-Ttext-segment=0x30000000 -o $@ $<

$(MALFORMED_BUILD)/%.o: tests/libdkm-malformed/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST64_CFLAGS) -Ihost -MMD -MP -c -o $@ $<

$(MALFORMED_BIN): $(MALFORMED_OBJS) $(PORT_LINUX64) $(LIBDKM64)
	$(CC) -o $@ $(MALFORMED_OBJS) $(PORT_LINUX64) $(LIBDKM64) -lcmocka -ldl

ALL_TARGETS += $(MALFORMED_BIN) $(MALFORMED_SAMPLES)

TEST_SUITES += libdkm-malformed
tap-libdkm-malformed: $(MALFORMED_BIN) $(MALFORMED_SAMPLES)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) libdkm-malformed --timeout 120 -- \
	    tests/libdkm-malformed/run-complete \
	    $(MALFORMED_BIN) $(MALFORMED_SAMPLES)

-include $(wildcard $(MALFORMED_BUILD)/*.d)

# The same cases against libdkm built with ASan and UBSan (clang): an out-of-bounds read or
# undefined behaviour while rejecting an input fails the case even when it would not crash.
MALFORMED_ASAN_BIN := $(MALFORMED_BUILD)/asan/libdkm-malformed
MALFORMED_ASAN_CFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
                         -fno-omit-frame-pointer $(WARN) $(INCLUDES) -Ihost
MALFORMED_ASAN_OBJS := $(patsubst $(MALFORMED_BUILD)/%.o,$(MALFORMED_BUILD)/asan/%.o,$(MALFORMED_OBJS)) \
                       $(MALFORMED_BUILD)/asan/port_linux.o

$(MALFORMED_BUILD)/asan/%.o: tests/libdkm-malformed/%.c
	@mkdir -p $(@D)
	$(CLANG) $(MALFORMED_ASAN_CFLAGS) -MMD -MP -c -o $@ $<
$(MALFORMED_BUILD)/asan/port_linux.o: host/port_linux.c
	@mkdir -p $(@D)
	$(CLANG) $(MALFORMED_ASAN_CFLAGS) -MMD -MP -c -o $@ $<

$(MALFORMED_ASAN_BIN): $(MALFORMED_ASAN_OBJS) $(LIBDKM64_ASAN)
	$(CLANG) -fsanitize=address,undefined -o $@ $(MALFORMED_ASAN_OBJS) $(LIBDKM64_ASAN) -lcmocka -ldl

ALL_TARGETS += $(MALFORMED_ASAN_BIN)

TEST_SUITES += libdkm-malformed-asan
tap-libdkm-malformed-asan: $(MALFORMED_ASAN_BIN) $(MALFORMED_SAMPLES)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) libdkm-malformed-asan --timeout 300 -- \
	    tests/libdkm-malformed/run-complete \
	    $(MALFORMED_ASAN_BIN) $(MALFORMED_SAMPLES)

-include $(wildcard $(MALFORMED_BUILD)/asan/*.d)
