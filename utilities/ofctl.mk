# utilities/ofctl.mk: lib/vconn and ovs-ofctl (issue 5).

lib_libovstc_a_SOURCES += \
	lib/vconn.h \
	lib/vconn.c \
	lib/ofp-print.h \
	lib/ofp-print.c

bin_PROGRAMS += utilities/ovs-ofctl
utilities_ovs_ofctl_SOURCES = \
	utilities/ovs-ofctl.c \
	utilities/ofctl-flows.c \
	utilities/ofctl.h
utilities_ovs_ofctl_LDADD = lib/libovstc.a $(OVS_TC_LIBS)
dist_man_MANS += utilities/ovs-ofctl.8

# Unit tests (cmocka).
check_PROGRAMS += tests/unit/test-vconn
TESTS += tests/unit/test-vconn
tests_unit_test_vconn_SOURCES = tests/unit/test-vconn.c
tests_unit_test_vconn_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_vconn_LDADD = $(TEST_LDADD)

# ovs-ofctl against a switch (stock ovs-vswitchd by default; OFCTL_SWITCH=ours
# for our own), output compared with stock ovs-ofctl.
TESTS += tests/interop/ovs-ofctl.sh
EXTRA_DIST += tests/interop/ovs-ofctl.sh
