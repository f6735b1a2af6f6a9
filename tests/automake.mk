# Unit tests (cmocka), run on the host by "make check".

TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
TEST_LDADD = lib/libovstc.a $(CMOCKA_LIBS) $(OVS_TC_LIBS)

include tests/unit/automake.mk
