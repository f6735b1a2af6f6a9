# Interoperability with a stock Open vSwitch installed on the host, run by
# "make check".  Each test skips (exit 77) when the stock programs it needs
# are missing.

TESTS += tests/interop/appctl-stock.sh
EXTRA_DIST += tests/interop/appctl-stock.sh
