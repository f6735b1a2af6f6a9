# utilities/dpctl.mk: ovs-dpctl, the dpctl commands it shares with
# "ovs-appctl dpctl/...", their system scenarios and the dpif benchmark.

datapath_libdatapath_a_SOURCES += \
	datapath/dpctl.c \
	datapath/dpctl.h \
	datapath/dpctl-flows.c \
	datapath/dpctl-private.h

bin_PROGRAMS += utilities/ovs-dpctl
utilities_ovs_dpctl_SOURCES = utilities/ovs-dpctl.c
utilities_ovs_dpctl_LDADD = datapath/libdatapath.a lib/libovstc.a \
	$(OVS_TC_LIBS)
dist_man_MANS += utilities/ovs-dpctl.8

# Scenarios against the sandbox kernel (make check-system).
EXTRA_DIST += \
	tests/system/dpctl-ping.sh \
	tests/system/dpctl-errors.sh \
	tests/system/tunnels.sh

# The dpif benchmark (tests/bench/dpif; "make bench-dpif" runs it in the
# sandbox kernel).
noinst_PROGRAMS += tests/bench/bench-dpif
tests_bench_bench_dpif_SOURCES = tests/bench/bench-dpif.c
tests_bench_bench_dpif_LDADD = datapath/libdatapath.a lib/libovstc.a \
	$(OVS_TC_LIBS)
EXTRA_DIST += tests/bench/dpif

.PHONY: bench-dpif
bench-dpif: tests/bench/bench-dpif utilities/ovs-dpctl
	SRCDIR='$(abs_srcdir)' BUILDDIR='$(abs_builddir)' \
	  BENCH_FLOWS='$(BENCH_FLOWS)' BENCH_CLI_FLOWS='$(BENCH_CLI_FLOWS)' \
	  $(SHELL) '$(srcdir)/tests/bench/dpif'

# The commands against a fake datapath provider (cmocka).
check_PROGRAMS += tests/unit/test-dpctl
TESTS += tests/unit/test-dpctl
tests_unit_test_dpctl_SOURCES = tests/unit/test-dpctl.c
tests_unit_test_dpctl_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_dpctl_LDADD = datapath/libdatapath.a $(TEST_LDADD)
