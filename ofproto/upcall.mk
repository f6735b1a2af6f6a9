# ofproto/upcall.mk: see ofproto/upcall.h.

ofproto_libofproto_a_SOURCES += \
	ofproto/upcall.c \
	ofproto/upcall-private.h \
	ofproto/revalidate.c

# Upcalls and revalidation against a fake datapath provider and a fake
# translation (cmocka).  The sources are listed one by one so that the
# fakes do not clash with the real ofproto and xlate.
check_PROGRAMS += tests/unit/test-upcall
TESTS += tests/unit/test-upcall
tests_unit_test_upcall_SOURCES = \
	tests/unit/test-upcall.c \
	ofproto/upcall.c \
	ofproto/revalidate.c
tests_unit_test_upcall_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_upcall_LDADD = datapath/libdatapath.a $(TEST_LDADD)

# The flow-setup benchmark (tests/bench/flowsetup; "make bench-flowsetup"
# runs it in the sandbox kernel, stock Open vSwitch and ours in one boot).
noinst_PROGRAMS += tests/bench/flowsetup-gen
tests_bench_flowsetup_gen_SOURCES = tests/bench/flowsetup-gen.c
EXTRA_DIST += tests/bench/flowsetup

.PHONY: bench-flowsetup
bench-flowsetup: tests/bench/flowsetup-gen
	SRCDIR='$(abs_srcdir)' BUILDDIR='$(abs_builddir)' \
	  BENCH_SETUP_FLOWS='$(BENCH_SETUP_FLOWS)' \
	  BENCH_LATENCY='$(BENCH_LATENCY)' BENCH_ONLY='$(BENCH_ONLY)' \
	  BENCH_WINDOW='$(BENCH_WINDOW)' \
	  $(SHELL) '$(srcdir)/tests/bench/flowsetup'

# Upcalls and revalidation in the daemon, on the kernel datapath
# (make check-system TESTS_SYSTEM=vswitchd-upcall).
EXTRA_DIST += tests/system/vswitchd-upcall.sh
