# ofproto/xlate.mk: see ofproto/xlate.h.

ofproto_libofproto_a_SOURCES += \
	ofproto/mac-learning.c \
	ofproto/xlate-actions.c \
	ofproto/xlate-normal.c \
	ofproto/xlate-packet.c \
	ofproto/xlate-private.h \
	ofproto/xlate-trace.c \
	ofproto/xlate.c

# Unit tests.  They link their own fakes of the few ofproto_* functions
# translation calls, so they list the sources instead of the library.
XLATE_UNIT_TESTS = \
	tests/unit/test-mac-learning \
	tests/unit/test-xlate
check_PROGRAMS += $(XLATE_UNIT_TESTS)
TESTS += $(XLATE_UNIT_TESTS)

tests_unit_test_mac_learning_SOURCES = tests/unit/test-mac-learning.c \
	ofproto/mac-learning.c
tests_unit_test_mac_learning_CFLAGS = $(TEST_CFLAGS) -I$(srcdir)/ofproto \
	-Dtime_msec=fake_time_msec
tests_unit_test_mac_learning_LDADD = $(TEST_LDADD)

tests_unit_test_xlate_SOURCES = tests/unit/test-xlate.c \
	ofproto/mac-learning.c \
	ofproto/xlate-actions.c \
	ofproto/xlate-normal.c \
	ofproto/xlate-packet.c \
	ofproto/xlate-trace.c \
	ofproto/xlate.c
tests_unit_test_xlate_CFLAGS = $(TEST_CFLAGS) -I$(srcdir)/ofproto
tests_unit_test_xlate_LDADD = $(TEST_LDADD)

# ofproto/trace and fdb/show against stock Open vSwitch (dummy datapaths).
TESTS += tests/interop/xlate-trace.sh
EXTRA_DIST += tests/interop/xlate-trace.sh
