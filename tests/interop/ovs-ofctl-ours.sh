#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# tests/interop/ovs-ofctl.sh with our ovs-vswitchd as the switch: our
# ovs-ofctl and stock ovs-ofctl, with and without -O OpenFlow13, must see
# the same results on it.

OFCTL_SWITCH=ours exec bash "$(dirname "$0")/ovs-ofctl.sh" "$@"
