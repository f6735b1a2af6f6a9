# vswitchd/: the switch daemon.

sbin_PROGRAMS += vswitchd/ovs-vswitchd
vswitchd_ovs_vswitchd_SOURCES = \
	vswitchd/ovs-vswitchd.c \
	vswitchd/bridge.c \
	vswitchd/bridge.h \
	vswitchd/bridge-private.h \
	vswitchd/bridge-status.c
vswitchd_ovs_vswitchd_LDADD = $(OFPROTO_LDADD)
dist_man_MANS += vswitchd/ovs-vswitchd.8

# Our ovsdb-server, ovs-vswitchd --enable-dummy=override and ovs-vsctl
# together on the host.
TESTS += tests/interop/vswitchd-dummy.sh
EXTRA_DIST += tests/interop/vswitchd-dummy.sh

# The daemon on the kernel datapath (sandbox kernel): make check-system.
EXTRA_DIST += tests/system/vswitchd-basic.sh

# Unit test of lib/coverage.c (compiled in, with a fake clock).
check_PROGRAMS += tests/unit/test-coverage
TESTS += tests/unit/test-coverage
tests_unit_test_coverage_SOURCES = tests/unit/test-coverage.c lib/coverage.c
tests_unit_test_coverage_CFLAGS = $(TEST_CFLAGS) -Dtime_msec=fake_time_msec
tests_unit_test_coverage_LDADD = $(TEST_LDADD)
