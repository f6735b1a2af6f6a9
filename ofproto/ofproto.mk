# ofproto/ofproto.mk: see ofproto/ofproto.h.

# The switch core: bridges, datapaths and ports, flow tables, OpenFlow
# message handling, appctl commands.
OFPROTO_CORE_SOURCES = \
	ofproto/ofproto.c \
	ofproto/ofproto-appctl.c \
	ofproto/ofproto-flow.c \
	ofproto/ofproto-of.c \
	ofproto/ofproto-private.h
ofproto_libofproto_a_SOURCES += $(OFPROTO_CORE_SOURCES)

# Unit tests (cmocka) on "dummy" bridges and a fake "system" datapath.  The
# test defines fakes of connmgr, upcall, MAC learning, translation and the
# datapath functions ofproto calls, so it lists the core's sources instead
# of linking libofproto.a and libdatapath.a.
check_PROGRAMS += tests/unit/test-ofproto
TESTS += tests/unit/test-ofproto
tests_unit_test_ofproto_SOURCES = tests/unit/test-ofproto.c \
	$(OFPROTO_CORE_SOURCES)
tests_unit_test_ofproto_CFLAGS = $(TEST_CFLAGS) -I$(srcdir)/ofproto
tests_unit_test_ofproto_LDADD = $(TEST_LDADD)

# Flow tables through stock ovs-ofctl, ours against stock (host, dummy).
TESTS += tests/interop/ofproto-flows.sh
EXTRA_DIST += tests/interop/ofproto-flows.sh
