# utilities/vsctl.mk: ovs-vsctl (issue 3).

bin_PROGRAMS += utilities/ovs-vsctl
utilities_ovs_vsctl_SOURCES = \
	utilities/ovs-vsctl.c \
	utilities/vsctl.h \
	utilities/vsctl-bridge.c \
	utilities/vsctl-db.c \
	utilities/vsctl-output.c \
	utilities/vsctl-value.c
utilities_ovs_vsctl_LDADD = ovsdb/libovsdb.a lib/libovstc.a $(OVS_TC_LIBS)
dist_man_MANS += utilities/ovs-vsctl.8

# Unit tests of the parts that need no database: value syntax and output
# formats.
VSCTL_UNIT_TESTS = \
	tests/unit/test-vsctl-value \
	tests/unit/test-vsctl-output
check_PROGRAMS += $(VSCTL_UNIT_TESTS)
TESTS += $(VSCTL_UNIT_TESTS)

tests_unit_test_vsctl_value_SOURCES = tests/unit/test-vsctl-value.c \
	utilities/vsctl-value.c utilities/vsctl.h
tests_unit_test_vsctl_value_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/utilities
tests_unit_test_vsctl_value_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

tests_unit_test_vsctl_output_SOURCES = tests/unit/test-vsctl-output.c \
	utilities/vsctl-output.c utilities/vsctl-value.c utilities/vsctl.h
tests_unit_test_vsctl_output_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/utilities
tests_unit_test_vsctl_output_LDADD = ovsdb/libovsdb.a $(TEST_LDADD)

# ovs-vsctl against ovsdb-server (stock, and ours once built), compared
# with the stock ovs-vsctl.
TESTS += tests/interop/ovs-vsctl.sh
EXTRA_DIST += tests/interop/ovs-vsctl.sh tests/interop/ovs-vsctl-perf.sh
