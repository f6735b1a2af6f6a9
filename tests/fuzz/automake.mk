# tests/fuzz/: libFuzzer targets, one per decoder.
#
#   make fuzz          builds them with clang (configure's HAVE_FUZZER)
#   make check-fuzz    replays tests/fuzz/regressions/NAME/ (inputs that once
#                      crashed), then fuzzes each target for FUZZ_TIME
#                      seconds starting from tests/fuzz/corpus/NAME/, and
#                      prints PASS:, FAIL: or SKIP: per target
#
# The targets are built with clang whatever compiler configure chose, so the
# library sources they need are compiled again here, instrumented, into a
# library of their own (tests/fuzz/libovstc-fuzz.a).  A failing run keeps
# its log, the inputs it found and any crashing input in
# tests/fuzz/NAME.work/; a crashing input belongs in the regressions
# directory once the bug is fixed.

FUZZ_TARGETS = tests/fuzz/fuzz-jsonrpc tests/fuzz/fuzz-flow
FUZZ_TARGETS += tests/fuzz/fuzz-netlink
FUZZ_TARGETS += tests/fuzz/fuzz-odp
FUZZ_TARGETS += tests/fuzz/fuzz-tc   # Built by datapath/tc.mk.
FUZZ_TARGETS += tests/fuzz/fuzz-dpif-netlink   # Built by datapath/netdev.mk.
FUZZ_TARGETS += tests/fuzz/fuzz-rtnl   # Built by datapath/netdev.mk.
FUZZ_TARGETS += $(OPENFLOW_FUZZ_TARGETS)   # From lib/openflow.mk.

# Seconds each target runs in "make check-fuzz".
FUZZ_TIME = 20

EXTRA_DIST += \
	tests/fuzz/fuzz-jsonrpc.c \
	tests/fuzz/fuzz-flow.c \
	tests/fuzz/fuzz-netlink.c \
	tests/fuzz/fuzz-odp.c \
	tests/fuzz/corpus \
	tests/fuzz/regressions

FUZZ_CPPFLAGS = \
	-I$(top_srcdir)/lib -I$(top_builddir) -I$(top_srcdir) \
	$(AM_CPPFLAGS) \
	$(JANSSON_CFLAGS) $(OPENSSL_CFLAGS) $(LIBNL_CFLAGS) $(UUID_CFLAGS) \
	$(PTHREAD_CFLAGS)
FUZZ_COMMON_FLAGS = -g -O1 -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
FUZZ_LIB_FLAGS = $(FUZZ_COMMON_FLAGS) \
	-fsanitize=fuzzer-no-link,address,undefined
FUZZ_TARGET_FLAGS = $(FUZZ_COMMON_FLAGS) -Wall \
	-fsanitize=fuzzer,address,undefined
FUZZ_LINK_LIBS = \
	$(JANSSON_LIBS) $(OPENSSL_LIBS) $(LIBNL_LIBS) $(UUID_LIBS) $(PTHREAD_CFLAGS) \
	$(LIBS)

FUZZ_LIB_SRCS = $(filter %.c,$(lib_libovstc_a_SOURCES))
FUZZ_LIB_HDRS = $(patsubst %,$(srcdir)/%,\
	$(filter %.h,$(lib_libovstc_a_SOURCES)))
FUZZ_LIB_OBJS = $(patsubst lib/%.c,tests/fuzz/lib/%.o,$(FUZZ_LIB_SRCS))
FUZZ_LIB = tests/fuzz/libovstc-fuzz.a

CLEANFILES += $(FUZZ_TARGETS) $(FUZZ_LIB) $(FUZZ_LIB_OBJS)

if HAVE_FUZZER
tests/fuzz/lib/%.o: lib/%.c $(FUZZ_LIB_HDRS) config.h
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_LIB_FLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) cr $@ $(FUZZ_LIB_OBJS) \
	  && $(RANLIB) $@

tests/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_LIB) $(FUZZ_LIB_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_TARGET_FLAGS) \
	  -o $@ $< $(FUZZ_LIB) $(FUZZ_LINK_LIBS)

fuzz: $(FUZZ_TARGETS)

# For each target: replay the regression inputs, then fuzz.  Everything a
# run produces goes to tests/fuzz/NAME.work/, removed when the run passes.
check-fuzz: fuzz
	@failed=0; \
	for target in $(FUZZ_TARGETS); do \
	  name=`basename $$target`; \
	  short=`echo $$name | sed 's/^fuzz-//'`; \
	  work=tests/fuzz/$$name.work; \
	  regressions=$(srcdir)/tests/fuzz/regressions/$$short; \
	  rm -rf $$work; \
	  $(MKDIR_P) $$work/corpus $$work/artifacts; \
	  ok=yes; \
	  inputs=`ls -d $$regressions/* 2>/dev/null`; \
	  if test -n "$$inputs"; then \
	    ./$$target $$inputs > $$work/regressions.log 2>&1 || ok=no; \
	  fi; \
	  if test $$ok = yes; then \
	    ./$$target -max_total_time=$(FUZZ_TIME) -timeout=5 \
	      -print_final_stats=1 -artifact_prefix=$$work/artifacts/ \
	      $$work/corpus $(srcdir)/tests/fuzz/corpus/$$short \
	      > $$work/fuzz.log 2>&1 || ok=no; \
	  fi; \
	  if test $$ok = yes; then \
	    echo "PASS: $$name"; \
	    rm -rf $$work; \
	  else \
	    echo "FAIL: $$name"; \
	    cat $$work/regressions.log $$work/fuzz.log 2>/dev/null \
	      | tail -n 40; \
	    echo "(inputs and logs kept in $$work)"; \
	    failed=1; \
	  fi; \
	done; \
	test $$failed = 0
else
fuzz:
	@echo "fuzz: configure found no clang able to build libFuzzer targets"

check-fuzz:
	@for target in $(FUZZ_TARGETS); do \
	  echo "SKIP: `basename $$target`"; \
	done
endif

.PHONY: fuzz check-fuzz

# The "transact" engine of ovsdb/, against the Open_vSwitch schema.  Its
# sources are compiled again like those of lib/ above, into a library of
# their own; only the engine, not the durable file, server or IDL.
FUZZ_TARGETS += tests/fuzz/fuzz-ovsdb-txn
EXTRA_DIST += tests/fuzz/fuzz-ovsdb-txn.c

FUZZ_OVSDB_SRCS = \
	ovsdb/execution.c \
	ovsdb/ovsdb-condition.c \
	ovsdb/ovsdb-data.c \
	ovsdb/ovsdb-error.c \
	ovsdb/ovsdb-mutation.c \
	ovsdb/ovsdb-parser.c \
	ovsdb/ovsdb-schema.c \
	ovsdb/ovsdb-symtab.c \
	ovsdb/ovsdb-types.c \
	ovsdb/ovsdb.c \
	ovsdb/row.c \
	ovsdb/transaction.c
FUZZ_OVSDB_HDRS = $(patsubst %,$(srcdir)/%,\
	$(filter ovsdb/%.h,$(ovsdb_libovsdb_a_SOURCES)))
FUZZ_OVSDB_OBJS = \
	$(patsubst ovsdb/%.c,tests/fuzz/ovsdb/%.o,$(FUZZ_OVSDB_SRCS))
FUZZ_OVSDB_LIB = tests/fuzz/libovsdb-fuzz.a

CLEANFILES += $(FUZZ_OVSDB_LIB) $(FUZZ_OVSDB_OBJS)

if HAVE_FUZZER
tests/fuzz/ovsdb/%.o: ovsdb/%.c $(FUZZ_OVSDB_HDRS) $(FUZZ_LIB_HDRS) config.h
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_LIB_FLAGS) -c -o $@ $<

$(FUZZ_OVSDB_LIB): $(FUZZ_OVSDB_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) cr $@ $(FUZZ_OVSDB_OBJS) \
	  && $(RANLIB) $@

# An explicit rule, ahead of the pattern rule above: the engine library
# comes before the lib/ one, and the target reads the schema from the
# source tree.
tests/fuzz/fuzz-ovsdb-txn: tests/fuzz/fuzz-ovsdb-txn.c $(FUZZ_OVSDB_LIB) \
		$(FUZZ_LIB) $(FUZZ_OVSDB_HDRS) $(FUZZ_LIB_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CCLD)$(CLANG) $(FUZZ_CPPFLAGS) $(FUZZ_TARGET_FLAGS) \
	  -DFUZZ_SCHEMA_FILE='"$(abs_top_srcdir)/vswitchd/vswitch.ovsschema"' \
	  -o $@ $(srcdir)/tests/fuzz/fuzz-ovsdb-txn.c $(FUZZ_OVSDB_LIB) \
	  $(FUZZ_LIB) $(FUZZ_LINK_LIBS)
endif
