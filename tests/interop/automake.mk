# Interoperability with a stock Open vSwitch installed on the host, run by
# "make check".  Each test skips (exit 77) when the stock programs it needs
# are missing.

TESTS += tests/interop/appctl-stock.sh
EXTRA_DIST += tests/interop/appctl-stock.sh

# Whole switches on the host (dummy datapath), tests/interop/switch-lib.sh.
TESTS += \
	tests/interop/ovs-ofctl-ours.sh \
	tests/interop/vswitchd-openflow-robustness.sh
EXTRA_DIST += \
	tests/interop/ofp_abuse.py \
	tests/interop/ovs-ofctl-ours.sh \
	tests/interop/switch-lib.sh \
	tests/interop/vswitchd-openflow-robustness.sh
