# tests/bench/: benchmarks.  Each prints its figures beside an anchor
# measured in the same run (stock Open vSwitch, a linear scan, ...) and the
# ratio, since the machines are noisy.  Not part of "make check".
#
#   make bench                   every benchmark
#   make bench-ovsdb             ovsdb-server vs stock (tests/bench/ovsdb)
#   make bench-dpif              datapath flow installs, in the sandbox
#   make bench-classifier        classifier lookups vs a linear scan
#
# BENCH_ARGS passes arguments through (e.g. BENCH_ARGS=--quick for ovsdb).

.PHONY: bench bench-ovsdb bench-classifier

bench-ovsdb: ovsdb/ovsdb-server ovsdb/ovsdb-tool utilities/ovs-vsctl
	BUILDDIR='$(abs_builddir)' $(SHELL) '$(srcdir)/tests/bench/ovsdb' \
	  $(BENCH_ARGS)

bench-classifier: tests/bench/bench-classifier
	BUILDDIR='$(abs_builddir)' $(SHELL) '$(srcdir)/tests/bench/classifier' \
	  $(BENCH_ARGS)

bench: bench-classifier bench-ovsdb bench-dpif
