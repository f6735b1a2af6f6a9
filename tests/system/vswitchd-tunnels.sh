#!/bin/bash
# sandbox-timeout: 300
#
# VM-to-VM across VXLAN and GRE tunnels configured with ovs-vsctl: br0 has
# the VM's veth port and a tunnel port (key 42, remote_ip of a "remote
# host" namespace that terminates the tunnel with a plain Linux vxlan or
# gretap device).  For each type, with options:csum=true and false, the
# VM pings the remote end through NORMAL and a capture on the underlay
# shows the checksum the port asked for: the outer UDP checksum of VXLAN
# is nonzero or zero, the C bit of GRE is set or clear.  ofproto/trace
# then names the rule and the datapath actions of a tunnelled packet in
# both directions.
#
# Metadata-mode gre_sys on Linux 6.1 drops received GRE packets that carry
# a checksum (Documentation/design.md, "Tunnels"): with csum=true the
# remote gretap accepts checksums but does not send them.
. "$SRCDIR/tests/system/lib.sh"

LOCAL=192.168.0.1
REMOTE=192.168.0.2

step "VM namespace, remote-host namespace, underlay"
netns_add vm1
netns_add remote
veth_add vm1 v1 10.1.0.1/24 "" p1 -
veth_add "" u0 $LOCAL/24 remote u1 $REMOTE/24
# Checksums computed in software, so captures show the real fields.
ethtool -K u0 tx off > /dev/null
ns remote ethtool -K u1 tx off > /dev/null
ns vm1 ethtool -K v1 tx off > /dev/null
ping -c 1 -W 2 $REMOTE > /dev/null || fail "underlay does not work"

step "switch with br0 and the VM port"
start_switch
vsctl add-br br0 -- add-port br0 p1 || fail "add-br"
on_exit ip link del vxlan_sys_4789
on_exit ip link del gre_sys

# run_case TYPE CSUM: one tunnel type with options:csum=CSUM.
run_case() {
    local type=$1 csum=$2 peer=() filter dev
    step "$type, csum=$csum"
    vsctl --if-exists del-port br0 tun0 -- add-port br0 tun0 \
        -- set Interface tun0 type=$type options:remote_ip=$REMOTE \
           options:key=42 options:csum=$csum || fail "tunnel port"
    ip -n remote link del tun 2> /dev/null || :
    if [[ $type == vxlan ]]; then
        dev=vxlan_sys_4789
        ip -n remote link add tun type vxlan id 42 remote $LOCAL \
            local $REMOTE dstport 4789 noudpcsum || fail "remote vxlan"
        filter=(src host $LOCAL and udp dst port 4789)
    else
        dev=gre_sys
        [[ $csum == true ]] && peer=(icsum)
        ip -n remote link add tun type gretap key 42 remote $LOCAL \
            local $REMOTE "${peer[@]}" || fail "remote gretap"
        filter=(src host $LOCAL and ip proto 47)
    fi
    ip -n remote addr add 10.1.0.2/24 dev tun
    ip -n remote link set tun up
    ns vm1 ip neigh flush dev v1
    poll_until 10 ip link show $dev > /dev/null 2>&1 ||
        fail "no $dev after adding the $type port"
    assert_match '^-?[0-9]+$' "$(vsctl get Interface tun0 ofport)" \
        "tun0 ofport"
    assert_ge 1 "$(vsctl get Interface tun0 ofport)" "tun0 ofport"

    capture_start remote u1 "${filter[@]}"
    if ! ns vm1 ping -q -c 5 -i 0.2 -W 2 10.1.0.2; then
        capture_stop
        "$OVS_DPCTL" dump-flows
        fail "$type csum=$csum: ping through the tunnel failed"
    fi
    capture_stop

    if [[ $csum == true ]]; then
        check_outer_csums "$type" on $LOCAL 5
    else
        check_outer_csums "$type" off $LOCAL 5
    fi
}

run_case vxlan true
run_case vxlan false

step "ofproto/trace of a packet into and out of the VXLAN tunnel"
vm_mac=$(ns vm1 cat /sys/class/net/v1/address)
rem_mac=$(ns remote cat /sys/class/net/tun/address)
out=$(appctl ovs-vswitchd ofproto/trace br0 \
    "in_port=p1,icmp,dl_src=$vm_mac,dl_dst=$rem_mac,nw_src=10.1.0.1,nw_dst=10.1.0.2")
echo "$out"
assert_match 'bridge\("br0"\)' "$out" "trace names the bridge"
assert_match ' 0\. priority 0' "$out" "trace names the rule"
# Without options:local_ip the kernel picks the source address, so, as
# with stock on the kernel datapath, the action names no src.
assert_match "Datapath actions: set\\(tunnel\\(tun_id=0x2a,dst=$REMOTE,.*tp_dst=4789,flags\\(df\\|key\\)\\)\\),[0-9]+$" \
    "$out" "trace shows the encap actions (csum=false: no csum flag)"
out=$(appctl ovs-vswitchd ofproto/trace br0 \
    "in_port=tun0,tun_id=0x2a,tun_src=$REMOTE,tun_dst=$LOCAL,icmp,dl_src=$rem_mac,dl_dst=$vm_mac,nw_src=10.1.0.2,nw_dst=10.1.0.1")
echo "$out"
assert_match ' 0\. priority 0' "$out" "decap trace names the rule"
p1=$("$OVS_DPCTL" show | sed -n 's/^  port \([0-9]*\): p1.*/\1/p')
assert_match "Datapath actions: $p1\$" "$out" "decap trace outputs to p1"

run_case gre true
run_case gre false
echo "vswitchd-tunnels: all checks passed"
