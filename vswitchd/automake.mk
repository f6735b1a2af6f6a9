# vswitchd/: the switch daemon.

sbin_PROGRAMS += vswitchd/ovs-vswitchd
vswitchd_ovs_vswitchd_SOURCES = vswitchd/ovs-vswitchd.c
vswitchd_ovs_vswitchd_LDADD = lib/libovstc.a $(OVS_TC_LIBS)
dist_man_MANS += vswitchd/ovs-vswitchd.8
