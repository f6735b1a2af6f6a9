# ofproto/connmgr.mk: see ofproto/connmgr.h.

CONNMGR_SOURCES = \
	ofproto/connmgr.c \
	ofproto/connmgr-bundle.c \
	ofproto/connmgr-private.h
ofproto_libofproto_a_SOURCES += $(CONNMGR_SOURCES)

# The OpenFlow 1.3 bundle extension (ONF experimenter messages).
lib_libovstc_a_SOURCES += lib/ofp-bundle.c lib/ofp-bundle.h

# Unit tests (cmocka).  test-connmgr runs connmgr against a fake ofproto
# defined in the test, so it links connmgr's sources, not libofproto.a.
check_PROGRAMS += tests/unit/test-connmgr tests/unit/test-ofp-bundle
TESTS += tests/unit/test-connmgr tests/unit/test-ofp-bundle

tests_unit_test_connmgr_SOURCES = tests/unit/test-connmgr.c \
	$(CONNMGR_SOURCES)
tests_unit_test_connmgr_CFLAGS = $(TEST_CFLAGS) -I$(srcdir)/ofproto
tests_unit_test_connmgr_LDADD = $(TEST_LDADD)

tests_unit_test_ofp_bundle_SOURCES = tests/unit/test-ofp-bundle.c
tests_unit_test_ofp_bundle_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ofp_bundle_LDADD = $(TEST_LDADD)
