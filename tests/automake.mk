# Unit tests (cmocka), run on the host by "make check".

TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
TEST_LDADD = lib/libovstc.a $(CMOCKA_LIBS) $(OVS_TC_LIBS)

include tests/unit/automake.mk

# A hung test must fail, not stall the whole suite: automake's harness has
# no time limit of its own, so every test runs under timeout(1).
TEST_TIME_LIMIT = 300
LOG_COMPILER = timeout --kill-after=10 $(TEST_TIME_LIMIT)
