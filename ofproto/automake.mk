# ofproto/: the OpenFlow switch (tables and rules, connections,
# translation, MAC learning, upcalls and revalidation).  Each part appends
# its sources to the library from its own fragment.

noinst_LIBRARIES += ofproto/libofproto.a
ofproto_libofproto_a_CFLAGS = $(AM_CFLAGS)
ofproto_libofproto_a_SOURCES = \
	ofproto/ofproto.h \
	ofproto/connmgr.h \
	ofproto/xlate.h \
	ofproto/mac-learning.h \
	ofproto/upcall.h

# What a program that links the switch needs, in link order.
OFPROTO_LDADD = ofproto/libofproto.a datapath/libdatapath.a \
	ovsdb/libovsdb.a lib/libovstc.a $(OVS_TC_LIBS)
