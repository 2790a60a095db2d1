# host/host.mk — the Linux-hosted side of libdkm: the reusable Linux port (port_linux.c), the
# dkm-host runner with its host emulation of the kernel API, and the probe tools/run32 uses.
#
# For other parts of the tree:
#   PORT_LINUX32 / PORT_LINUX64   the Linux port as an i386 / x86_64 object
#   HOST_KAPI32_OBJS              the host kernel-API emulation (i386), as dkm-host uses it
#   DKM_HOST                      build/host/dkm-host (run it through $(RUN32))

HOST_BUILD := $(BUILD)/host
DKM_HOST := $(HOST_BUILD)/dkm-host
PROBE32 := $(HOST_BUILD)/probe32

PORT_LINUX32 := $(HOST_BUILD)/port_linux.o
PORT_LINUX64 := $(HOST_BUILD)/64/port_linux.o
HOST_KAPI32_OBJS := $(addprefix $(HOST_BUILD)/,host_kapi.o host_registry.o host_clock.o host_sched.o)

DKM_HOST_OBJS := $(addprefix $(HOST_BUILD)/,dkm_host.o host_report.o host_elf.o) \
                 $(HOST_KAPI32_OBJS) $(PORT_LINUX32)

$(HOST_BUILD)/%.o: host/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST32_CFLAGS) -D_FILE_OFFSET_BITS=64 -MMD -MP -c $< -o $@

$(HOST_BUILD)/64/%.o: host/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST64_CFLAGS) -MMD -MP -c $< -o $@

$(DKM_HOST): $(DKM_HOST_OBJS) $(LIBDKM32)
	$(CC) -m32 -o $@ $(DKM_HOST_OBJS) $(LIBDKM32) -ldl -lm -pthread

# Static and without libc so that it runs (or fails to) before any loader is involved.
$(PROBE32): host/probe32.c
	@mkdir -p $(@D)
	$(CC) -m32 -static -nostdlib -fno-pie -no-pie -fno-stack-protector -O2 $(WARN) -o $@ $<

ALL_TARGETS += $(DKM_HOST) $(PROBE32) $(PORT_LINUX64)

-include $(wildcard $(HOST_BUILD)/*.d $(HOST_BUILD)/64/*.d)

# dkm-host for each other architecture: build/host/ARCH/dkm-host, run through tools/run-arch ARCH.
# x86_64 is built by the host's gcc without PIE, so the executable (and the C library data it
# copies in, such as stdout) lies in the low 2 GiB, where the port places modules; riscv64 alike
# (medlow modules are placed there too); aarch64 without PIE too, and the port places modules right below the executable (ADRP and ADR reach).
DKM_HOST_SRCS := dkm_host.c host_report.c host_elf.c host_kapi.c host_registry.c host_clock.c \
                 host_sched.c port_linux.c
host_arch_cc = $(if $(filter x86_64,$1),$(HOSTCC),$(call arch_cc,$1,clang))
host_arch_ldflags = $(if $(filter x86_64 aarch64 riscv64,$1),-no-pie,)
host_arch_cflags = $(if $(filter x86_64 aarch64 riscv64,$1),-fno-pie,)
define dkm_host_arch # 1: architecture
$(HOST_BUILD)/$(1)/%.o: host/%.c
	@mkdir -p $$(@D)
	$(call host_arch_cc,$(1)) $(call arch_cflags,$(1)) $(call host_arch_cflags,$(1)) -MMD -MP -c $$< -o $$@
DKM_HOST_$(1) := $(HOST_BUILD)/$(1)/dkm-host
$(HOST_BUILD)/$(1)/dkm-host: $(addprefix $(HOST_BUILD)/$(1)/,$(DKM_HOST_SRCS:.c=.o)) $(LIBDKM_ARCH_$(1))
	$(call host_arch_cc,$(1)) $(call host_arch_ldflags,$(1)) -o $$@ $$^ -ldl -lm -pthread
ALL_TARGETS += $(HOST_BUILD)/$(1)/dkm-host
endef
$(foreach a,$(LIBDKM_ARCHES),$(eval $(call dkm_host_arch,$(a))))
-include $(wildcard $(foreach a,$(LIBDKM_ARCHES),$(HOST_BUILD)/$(a)/*.d))
