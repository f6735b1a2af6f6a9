# lib/openflow.mk: the OpenFlow codec and flow syntax (issue 5).

# The wire codec: OpenFlow 1.0 and 1.3 with Nicira extensions.
lib_libovstc_a_SOURCES += \
	lib/ofpbuf.c \
	lib/ofpbuf.h \
	lib/ofp-actions.c \
	lib/ofp-actions.h \
	lib/ofp-errors.c \
	lib/ofp-errors.h \
	lib/ofp-fields.c \
	lib/ofp-fields.h \
	lib/ofp-flow.c \
	lib/ofp-flow.h \
	lib/ofp-match.c \
	lib/ofp-match.h \
	lib/ofp-msgs.c \
	lib/ofp-msgs.h \
	lib/ofp-stats.c

# The ovs-ofctl flow syntax: parser and printer.
lib_libovstc_a_SOURCES += \
	lib/ofp-parse.c \
	lib/ofp-parse.h \
	lib/ofp-parse-private.h \
	lib/ofp-parse-actions.c \
	lib/ofp-print-flow.c

# Unit tests (cmocka).
OPENFLOW_UNIT_TESTS = \
	tests/unit/test-ofp-msgs \
	tests/unit/test-ofp-match \
	tests/unit/test-ofp-actions \
	tests/unit/test-ofp-parse
check_PROGRAMS += $(OPENFLOW_UNIT_TESTS)
TESTS += $(OPENFLOW_UNIT_TESTS)

tests_unit_test_ofp_msgs_SOURCES = tests/unit/test-ofp-msgs.c \
	tests/unit/ofp-test-util.c tests/unit/ofp-test-util.h \
	tests/unit/ofp-samples.c tests/unit/ofp-samples.h
tests_unit_test_ofp_msgs_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ofp_msgs_LDADD = $(TEST_LDADD)

tests_unit_test_ofp_match_SOURCES = tests/unit/test-ofp-match.c \
	tests/unit/ofp-test-util.c tests/unit/ofp-test-util.h \
	tests/unit/ofp-samples.c tests/unit/ofp-samples.h
tests_unit_test_ofp_match_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ofp_match_LDADD = $(TEST_LDADD)

tests_unit_test_ofp_actions_SOURCES = tests/unit/test-ofp-actions.c \
	tests/unit/ofp-test-util.c tests/unit/ofp-test-util.h \
	tests/unit/ofp-samples.c tests/unit/ofp-samples.h
tests_unit_test_ofp_actions_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ofp_actions_LDADD = $(TEST_LDADD)

tests_unit_test_ofp_parse_SOURCES = tests/unit/test-ofp-parse.c
tests_unit_test_ofp_parse_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_ofp_parse_LDADD = $(TEST_LDADD)

# Interoperability: stock ovs-ofctl decodes what we encode.
TESTS += tests/interop/ofp-print.sh
EXTRA_DIST += tests/interop/ofp-print.sh tests/interop/ofp-print.expected

# Flow syntax: our printed form against stock "ovs-ofctl parse-flow".
noinst_PROGRAMS += tests/interop/test-ofp-parse
tests_interop_test_ofp_parse_SOURCES = tests/interop/test-ofp-parse.c
tests_interop_test_ofp_parse_LDADD = lib/libovstc.a
TESTS += tests/interop/ofp-parse.sh
EXTRA_DIST += tests/interop/ofp-parse.sh

# Fuzzing.  This fragment is included before tests/fuzz/automake.mk, which
# sets FUZZ_TARGETS with '=', so the target is listed here under a name of
# its own for that file to add (FUZZ_TARGETS += $(OPENFLOW_FUZZ_TARGETS));
# "make tests/fuzz/fuzz-ofp" works either way through its pattern rule.
OPENFLOW_FUZZ_TARGETS = tests/fuzz/fuzz-ofp
EXTRA_DIST += tests/fuzz/fuzz-ofp.c tests/fuzz/corpus/ofp
