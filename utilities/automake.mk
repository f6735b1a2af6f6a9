# utilities/: the command-line tools and the sandbox demo.

bin_PROGRAMS += utilities/ovs-appctl
utilities_ovs_appctl_SOURCES = utilities/ovs-appctl.c
utilities_ovs_appctl_LDADD = lib/libovstc.a $(OVS_TC_LIBS)
dist_man_MANS += utilities/ovs-appctl.8

EXTRA_DIST += utilities/ovs-tc-demo
