# utilities/ofctl.mk: lib/vconn and ovs-ofctl (issue 5).

lib_libovstc_a_SOURCES += lib/vconn.h
