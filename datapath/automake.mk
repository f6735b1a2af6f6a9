# datapath/: programs Linux forwarding planes (dpif over openvswitch.ko,
# network and tunnel devices, later the TC offload engine).  Other
# fragments (datapath/netdev.mk) append their sources to the library.

noinst_LIBRARIES += datapath/libdatapath.a
datapath_libdatapath_a_CFLAGS = $(AM_CFLAGS)
datapath_libdatapath_a_SOURCES =
