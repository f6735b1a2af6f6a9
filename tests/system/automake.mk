# System tests, the sandbox runner and the scripts behind ./run-demo and
# ./run-tests (those two, and utilities/ovs-tc-demo, are listed elsewhere).
# Included from the top-level Makefile.am (non-recursive make).
#
#   make check-system                          every scenario
#   make check-system TESTS_SYSTEM='harness'   only the named ones
#   make clean-sandbox                         remove runs kept after failure

EXTRA_DIST += \
	build-aux/debian-deps \
	build-aux/ensure-build \
	build-aux/install-deps \
	tests/sandbox/guest-init \
	tests/sandbox/modules \
	tests/sandbox/sandbox-run \
	tests/system/harness-missing-module.sh \
	tests/system/harness.sh \
	tests/system/lib.sh \
	tests/system/run-suite

.PHONY: check-system clean-sandbox

check-system: all
	SRCDIR='$(abs_srcdir)' BUILDDIR='$(abs_builddir)' \
	  $(SHELL) '$(srcdir)/tests/system/run-suite' $(TESTS_SYSTEM)

# Work directories of sandbox runs (kept when a run fails) and scenario
# logs.
clean-sandbox:
	rm -rf tests/sandbox/work tests/system/logs

# The netlink layer against the sandbox kernel (tests/system/netlink.sh).
noinst_PROGRAMS += tests/system/test-netlink-kernel
tests_system_test_netlink_kernel_SOURCES = tests/system/test-netlink-kernel.c
tests_system_test_netlink_kernel_LDADD = lib/libovstc.a $(OVS_TC_LIBS)
EXTRA_DIST += tests/system/netlink.sh

# ovs-vswitchd end to end on the kernel datapath (issue 6).
EXTRA_DIST += \
	tests/system/vswitchd-ofctl.sh \
	tests/system/vswitchd-restart.sh \
	tests/system/vswitchd-swap.sh \
	tests/system/vswitchd-tunnels.sh \
	tests/system/vswitchd-vlan.sh
