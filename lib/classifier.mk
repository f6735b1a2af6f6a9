# lib/classifier.mk: the OpenFlow classifier (issue 5).

lib_libovstc_a_SOURCES += \
	lib/classifier.c \
	lib/classifier.h \
	lib/cls-private.h \
	lib/cls-trie.c

check_PROGRAMS += tests/unit/test-classifier
TESTS += tests/unit/test-classifier
tests_unit_test_classifier_SOURCES = tests/unit/test-classifier.c
tests_unit_test_classifier_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_classifier_LDADD = $(TEST_LDADD)

# Benchmark: tests/bench/classifier runs tests/bench/bench-classifier.
noinst_PROGRAMS += tests/bench/bench-classifier
tests_bench_bench_classifier_SOURCES = tests/bench/bench-classifier.c
tests_bench_bench_classifier_LDADD = lib/libovstc.a $(OVS_TC_LIBS)
EXTRA_DIST += tests/bench/classifier
