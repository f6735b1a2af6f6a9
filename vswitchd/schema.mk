# vswitchd/schema.mk: the Open_vSwitch database schema, its manual, its
# interoperability test and the ovsdb-server benchmark.  (Its fuzz target,
# tests/fuzz/fuzz-ovsdb-txn, is in tests/fuzz/automake.mk.)

# The schema is installed where ovsdb-tool and ovsdb-server look for it by
# default (ovs_pkgdatadir()).  A variable of its own rather than
# "pkgdata_DATA +=", which automake refuses before a "pkgdata_DATA =" that
# Makefile.am does not have.
vswitchschemadir = $(pkgdatadir)
vswitchschema_DATA = vswitchd/vswitch.ovsschema
EXTRA_DIST += vswitchd/vswitch.ovsschema

# The schema's documentation, section 5 like the stock manual.
dist_man_MANS += vswitchd/ovs-vswitchd.conf.db.5

# Stock ovs-vsctl against a stock ovsdb-server serving a database that our
# ovsdb-tool made from our schema.
TESTS += tests/interop/vswitch-schema.sh
EXTRA_DIST += tests/interop/vswitch-schema.sh

# Our ovsdb-server against the stock one on this schema, run by hand:
# tests/bench/ovsdb [--quick] from the top of the build tree.
EXTRA_DIST += tests/bench/ovsdb
