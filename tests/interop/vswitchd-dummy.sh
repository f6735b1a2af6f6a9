#!/bin/bash
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Our ovs-vswitchd --enable-dummy=override (every bridge on a "dummy"
# datapath: ports exist only in OpenFlow, no kernel module needed) with our
# ovsdb-server and our ovs-vsctl, on the host:
#   - add-br without --no-wait returns (cur_cfg catches up with next_cfg),
#     and the daemon writes ovs_version, iface_types, datapath_types;
#   - LOCAL is ofport 65534, new ports get 1, 2, ..., ofport_request is
#     honoured, the management socket <rundir>/br0.mgmt exists;
#   - datapath_id: 16 hex digits by default, other_config:datapath-id
#     and other_config:hwaddr override it;
#   - Controller status (connmgr's state) is written back;
#   - OpenFlow port numbers stay the same after deleting and re-adding a
#     port and after restarting the daemon (even where "lowest free" would
#     give another number);
#   - an unknown interface type gives ofport -1 and a reason in "error";
#   - a port swap (delete one port and add another with the same
#     ofport_request in one transaction) gives the new port that number;
#   - fail_mode secure removes the default NORMAL flow (checked with stock
#     ovs-ofctl when installed);
#   - a 1,000-port bridge: adding one more port adds exactly one port in
#     the daemon (coverage counter bridge_port_add) and is quick.
#
# In dummy mode any name works for a "system" interface: nothing is
# opened.  Types accepted: "" (system), internal, tap, patch, vxlan, gre,
# geneve; others fail with EAFNOSUPPORT as stock does.
#
# Exit status: 0 pass, 1 fail, 99 setup error.  Run by "make check".
# The switch is started by switch-lib.sh.

set -u

. "$(dirname "$0")/switch-lib.sh"

APPCTL_BIN=$builddir/utilities/ovs-appctl
STOCK_OFCTL=/usr/bin/ovs-ofctl

n_failures=0
n_checks=0
pass () { n_checks=$((n_checks + 1)); echo "ok: $*"; }
fail () {
    n_checks=$((n_checks + 1))
    n_failures=$((n_failures + 1))
    echo "FAILED: $*"
}
check () {                      # check WHAT EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1: expected [$2], got [$3]"
    fi
}

vsctl () { VSCTL "$@"; }
appctl () { "$APPCTL_BIN" -t ovs-vswitchd "$@"; }
ofport () { vsctl get Interface "$1" ofport; }
vswitchd_pid () { cat "$SW_DIR/ovs-vswitchd.pid" 2> /dev/null; }

# wait_for SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds.
wait_for () {
    local limit=$(( $1 * 20 )) i
    shift
    for ((i = 0; i < limit; i++)); do
        "$@" > /dev/null 2>&1 && return 0
        sleep 0.05
    done
    return 1
}

# Stops the daemon with "exit" (no --cleanup) and starts it again, as
# switch_start does.
restart_vswitchd () {
    local pid
    pid=$(vswitchd_pid)
    appctl exit > /dev/null 2>&1
    wait_for 10 bash -c "! kill -0 $pid" ||
        fail "ovs-vswitchd $pid did not exit"
    "$builddir/vswitchd/ovs-vswitchd" --enable-dummy=override \
        "unix:$SW_DIR/db.sock" --pidfile="$SW_DIR/ovs-vswitchd.pid" \
        --detach --no-chdir --log-file="$SW_DIR/ovs-vswitchd.log" \
        -vconsole:off || fail "ovs-vswitchd did not restart"
}

finish () {
    echo "$((n_checks - n_failures))/$n_checks checks passed"
    if [ "$n_failures" != 0 ] && [ -e "$SW_DIR/ovs-vswitchd.log" ]; then
        echo "--- tail of ovs-vswitchd.log"
        tail -n 30 "$SW_DIR/ovs-vswitchd.log"
    fi
    [ "$n_failures" = 0 ]
    exit
}

switch_start ours

# --- Bridges and cur_cfg.
if vsctl add-br br0; then
    pass "add-br br0 returned (cur_cfg caught up)"
else
    fail "add-br br0 (without --no-wait) failed"
fi
check "cur_cfg = next_cfg" "$(vsctl get Open_vSwitch . next_cfg)" \
    "$(vsctl get Open_vSwitch . cur_cfg)"
v=$(vsctl get Open_vSwitch . ovs_version)
[ -n "$v" ] && [ "$v" != '[]' ] && pass "ovs_version $v" \
    || fail "ovs_version not written"
case $(vsctl get Open_vSwitch . iface_types) in
    *internal*vxlan*) pass "iface_types written" ;;
    *) fail "iface_types: $(vsctl get Open_vSwitch . iface_types)" ;;
esac
case $(vsctl get Open_vSwitch . datapath_types) in
    *dummy*system*) pass "datapath_types written" ;;
    *) fail "datapath_types: $(vsctl get Open_vSwitch . datapath_types)" ;;
esac
check "LOCAL ofport" 65534 "$(ofport br0)"
if wait_for 10 test -S "$SW_DIR/br0.mgmt"; then
    pass "management socket br0.mgmt"
else
    fail "no $SW_DIR/br0.mgmt"
fi
dpid=$(vsctl get Bridge br0 datapath_id)
if [[ $dpid =~ ^\"[0-9a-f]{16}\"$ ]]; then
    pass "datapath_id $dpid"
else
    fail "datapath_id: [$dpid]"
fi
vsctl set Bridge br0 other_config:datapath-id=0000000000abcdef
dpid_set () {
    [ "$(vsctl get Bridge br0 datapath_id)" = '"0000000000abcdef"' ]
}
wait_for 5 dpid_set
check "other_config:datapath-id" '"0000000000abcdef"' \
    "$(vsctl get Bridge br0 datapath_id)"

# --- Controller status.
vsctl set-controller br0 tcp:127.0.0.1:1
ctl_status () { vsctl --bare --columns=status list Controller; }
ctl_has_state () {
    case $(ctl_status) in *state=*) return 0 ;; esac
    return 1
}
if wait_for 10 ctl_has_state; then
    pass "Controller status written: $(ctl_status)"
else
    fail "Controller status not written: [$(ctl_status)]"
fi
check "Controller is_connected" false \
    "$(vsctl --bare --columns=is_connected list Controller)"
vsctl del-controller br0

# --- Ports and numbers.
vsctl add-port br0 p1 -- set Interface p1 type=internal
vsctl add-port br0 p2
vsctl add-port br0 p3 -- set Interface p3 ofport_request=10
check "p1 ofport" 1 "$(ofport p1)"
check "p2 ofport" 2 "$(ofport p2)"
check "p3 ofport (ofport_request)" 10 "$(ofport p3)"
check "p1 error empty" '[]' "$(vsctl get Interface p1 error)"
check "p1 admin_state" up "$(vsctl get Interface p1 admin_state)"
check "p1 link_state" up "$(vsctl get Interface p1 link_state)"
mac_re='^"([0-9a-f]{2}:){5}[0-9a-f]{2}"$'
[[ $(vsctl get Interface p1 mac_in_use) =~ $mac_re ]] \
    && pass "p1 mac_in_use" || fail "p1 mac_in_use"

vsctl del-port br0 p2
vsctl add-port br0 p4
check "p4 gets the lowest free number" 2 "$(ofport p4)"
vsctl del-port br0 p1
vsctl add-port br0 p1 -- set Interface p1 type=internal
check "p1 keeps its number after del/re-add" 1 "$(ofport p1)"
vsctl del-port br0 p4
vsctl add-port br0 p2
vsctl add-port br0 p4
check "p2 keeps its number after del/re-add" 2 "$(ofport p2)"
check "p4 keeps its number after del/re-add" 3 "$(ofport p4)"

# Delete p1 so that "lowest free" after a restart would renumber p2.
vsctl del-port br0 p1

# --- Unknown type.
vsctl add-port br0 bad -- set Interface bad type=nonexistent 2>/dev/null
check "bad type: ofport" -1 "$(ofport bad)"
case $(vsctl get Interface bad error) in
    *"Address family not supported"*) pass "bad type: error" ;;
    *) fail "bad type: error is [$(vsctl get Interface bad error)]" ;;
esac
vsctl del-port br0 bad

# --- Port swap: one transaction deletes p3 (ofport_request 10) and adds
# p5 asking for 10.
vsctl -- del-port br0 p3 \
      -- add-port br0 p5 -- set Interface p5 ofport_request=10
check "port swap: p5 gets 10" 10 "$(ofport p5)"

# --- Restart: numbers come from the Interface rows.
restart_vswitchd
vsctl add-port br0 p6 > /dev/null
check "after restart: LOCAL" 65534 "$(ofport br0)"
check "after restart: p2" 2 "$(ofport p2)"
check "after restart: p4" 3 "$(ofport p4)"
check "after restart: p5" 10 "$(ofport p5)"
check "after restart: new port p6 takes the lowest free" 1 "$(ofport p6)"
check "after restart: datapath_id" '"0000000000abcdef"' \
    "$(vsctl get Bridge br0 datapath_id)"

# --- fail_mode secure and the NORMAL flow, through stock ovs-ofctl.
if [ -x "$STOCK_OFCTL" ]; then
    flows=$("$STOCK_OFCTL" dump-flows br0 2>&1)
    case $flows in
        *"priority=0 actions=NORMAL"*) pass "default NORMAL flow" ;;
        *) fail "default NORMAL flow missing: $flows" ;;
    esac
    vsctl set-fail-mode br0 secure
    flows=$("$STOCK_OFCTL" dump-flows br0 2>&1)
    case $flows in
        *NORMAL*) fail "fail_mode secure: NORMAL flow still there: $flows" ;;
        *) pass "fail_mode secure removed the NORMAL flow" ;;
    esac
else
    echo "skip: $STOCK_OFCTL not installed (fail_mode check)"
fi

# --- A bridge with 1,000 ports, then one more.
args=(add-br br1)
for i in $(seq 1 1000); do
    args+=(-- add-port br1 q$i)
done
start=$(date +%s%N)
vsctl "${args[@]}"
t1000=$(( ($(date +%s%N) - start) / 1000000 ))
n=$(vsctl --bare --columns=name,ofport list Interface | \
    awk 'BEGIN { RS = "" } $1 ~ /^q/ && $2 >= 1 && $2 <= 1000 { print $2 }' |
    sort -u | wc -l)
check "1000 ports numbered 1 to 1000, all different" 1000 "$n"
count_adds () {
    appctl coverage/show | awk '$1 == "bridge_port_add" { print $NF }'
}
before=$(count_adds)
start=$(date +%s%N)
vsctl add-port br1 q1001
t1=$(( ($(date +%s%N) - start) / 1000000 ))
after=$(count_adds)
check "one more port: exactly one port added" 1 $((after - before))
check "q1001 ofport" 1001 "$(ofport q1001)"
echo "info: 1,000 ports in ${t1000} ms; the 1,001st in ${t1} ms"
if [ "$t1" -lt 2000 ]; then
    pass "adding the 1,001st port took ${t1} ms"
else
    fail "adding the 1,001st port took ${t1} ms (limit 2000)"
fi
vsctl set Bridge br1 other_config:hwaddr=02:00:00:00:00:42
check "datapath_id from other_config:hwaddr" '"0000020000000042"' \
    "$(vsctl get Bridge br1 datapath_id)"
case $(appctl memory/show) in
    *"ports:1007"*) pass "memory/show ports" ;;
    *) fail "memory/show: $(appctl memory/show)" ;;
esac

# --- exit --cleanup.
pid=$(vswitchd_pid)
appctl exit --cleanup > /dev/null
if wait_for 10 bash -c "! kill -0 $pid"; then
    pass "exit --cleanup"
else
    fail "exit --cleanup: the daemon is still running"
fi

finish
