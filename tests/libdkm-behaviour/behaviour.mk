# tests/libdkm-behaviour/behaviour.mk — suite libdkm-behaviour: cmocka tests (32-bit, started
# through tools/run32) that load every fixture of every compiler and code model with libdkm and
# check what it did, with a residue check after each load and unload.

BEHAVIOUR_BUILD := $(BUILD)/tests/libdkm-behaviour
BEHAVIOUR_BIN := $(BEHAVIOUR_BUILD)/behaviour
BEHAVIOUR_SRCS := $(wildcard tests/libdkm-behaviour/*.c)
BEHAVIOUR_OBJS := $(patsubst tests/libdkm-behaviour/%.c,$(BEHAVIOUR_BUILD)/%.o,$(BEHAVIOUR_SRCS))

$(BEHAVIOUR_BUILD)/%.o: tests/libdkm-behaviour/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST32_CFLAGS) -D_FILE_OFFSET_BITS=64 -Ihost -MMD -MP -c $< -o $@

$(BEHAVIOUR_BIN): $(BEHAVIOUR_OBJS) $(PORT_LINUX32) $(HOST_KAPI32_OBJS) $(LIBDKM32)
	$(CC) -m32 -o $@ $(BEHAVIOUR_OBJS) $(PORT_LINUX32) $(HOST_KAPI32_OBJS) $(LIBDKM32) -lcmocka -ldl -lm

ALL_TARGETS += $(BEHAVIOUR_BIN)
TEST_SUITES += libdkm-behaviour

tap-libdkm-behaviour: $(BEHAVIOUR_BIN) $(FIXTURE_FILES) $(PROBE32)
	@CMOCKA_MESSAGE_OUTPUT=TAP tools/tap-run $(TEST_RESULTS) libdkm-behaviour --timeout 900 -- \
	    $(RUN32) $(BEHAVIOUR_BIN) $(FIXTURES_BUILD)

-include $(wildcard $(BEHAVIOUR_BUILD)/*.d)
