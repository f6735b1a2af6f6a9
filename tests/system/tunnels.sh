#!/bin/bash
# sandbox-timeout: 300
#
# VXLAN and GRE through metadata-mode tunnel ports, programmed with
# ovs-dpctl alone.  A "VM" namespace hangs off a veth port of the
# datapath; a "remote host" namespace, reachable over a veth underlay,
# terminates the tunnel with a plain Linux vxlan (resp. gretap) device.
# Encap flows send the VM's packets out with set(tunnel(...)); decap flows
# match the tunnel key of what comes back.  For each tunnel type, ping
# passes with the checksum on and with it off, and the underlay capture
# shows the difference: the outer UDP checksum of VXLAN is nonzero or
# zero, the C bit of GRE is set or clear.
#
# Metadata-mode gre_sys on Linux 6.1 drops received GRE packets that carry
# a checksum (see Documentation/design.md, "Tunnels"), so with the
# checksum on the remote gretap accepts checksums (icsum) but does not
# send them (no ocsum); only our outgoing direction carries the C bit.
. "$SRCDIR/tests/system/lib.sh"

DPCTL=$OVS_DPCTL
require_prog "$DPCTL"

dpctl() {
    "$DPCTL" "$@"
}

LOCAL=192.168.0.1
REMOTE=192.168.0.2

# port_no NAME: the datapath port number of NAME, from "show".
port_no() {
    local line
    while IFS= read -r line; do
        if [[ $line =~ ^\ \ port\ ([0-9]+):\ $1(\ |$) ]]; then
            echo "${BASH_REMATCH[1]}"
            return 0
        fi
    done <<< "$(dpctl show dp0)"
    fail "no port $1 in dp0"
}

# flow_packets TEXT A B: packets of the dump-flows line that contains
# both strings A and B.
flow_packets() {
    local line
    while IFS= read -r line; do
        if [[ $line == *"$2"* && $line == *"$3"*
              && $line =~ \ packets:([0-9]+), ]]; then
            echo "${BASH_REMATCH[1]}"
            return 0
        fi
    done <<< "$1"
    fail "no flow with '$2' and '$3' in:
$1"
}

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

step "datapath with the VM port and both tunnel ports"
on_exit "$DPCTL" del-dp dp0
dpctl add-dp dp0 p1 || fail "add-dp"
on_exit ip link del vxlan_sys_4789
on_exit ip link del gre_sys
dpctl add-if dp0 vx0,type=vxlan || fail "add-if vxlan"
dpctl add-if dp0 gre0,type=gre || fail "add-if gre"
dpctl show dp0
P1=$(port_no p1)
VX=$(port_no vxlan_sys_4789)
GRE=$(port_no gre_sys)
echo "p1=$P1 vxlan_sys_4789=$VX gre_sys=$GRE"
assert_match "^  port $VX: vxlan_sys_4789 \\(vxlan\\)$" \
    "$(dpctl show dp0 | grep vxlan_sys)" "show vxlan port"

step "the tunnel devices are metadata-mode kernel devices"
link=$(ip -d link show vxlan_sys_4789)
echo "$link"
assert_match 'vxlan external' "$link" "vxlan_sys_4789 kind"
assert_match 'dstport 4789' "$link" "vxlan_sys_4789 port"
assert_match 'openvswitch_slave' "$link" "vxlan_sys_4789 in the datapath"
assert_match 'state UP|,UP' "$link" "vxlan_sys_4789 is up"
link=$(ip -d link show gre_sys)
echo "$link"
assert_match 'gretap external' "$link" "gre_sys kind"
assert_match 'openvswitch_slave' "$link" "gre_sys in the datapath"

# run_case TYPE CSUM: one tunnel type with the checksum on or off.
run_case() {
    local type=$1 csum=$2 port flags tpdst peer filter
    step "$type, checksum $csum"
    ip -n remote link del tun 2> /dev/null || :
    if [[ $type == vxlan ]]; then
        port=$VX
        tpdst=",tp_dst=4789"
        ip -n remote link add tun type vxlan id 42 remote $LOCAL \
            local $REMOTE dstport 4789 noudpcsum || fail "remote vxlan"
        filter=(src host $LOCAL and udp dst port 4789)
    else
        port=$GRE
        tpdst=
        peer=()
        if [[ $csum == on ]]; then
            peer=(icsum)
        fi
        ip -n remote link add tun type gretap key 42 remote $LOCAL \
            local $REMOTE "${peer[@]}" || fail "remote gretap"
        filter=(src host $LOCAL and ip proto 47)
    fi
    ip -n remote addr add 10.1.0.2/24 dev tun
    ip -n remote link set tun up
    ns vm1 ip neigh flush dev v1

    if [[ $csum == on ]]; then
        flags="df|csum|key"
    else
        flags="df|key"
    fi
    local set="set(tunnel(tun_id=0x2a,src=$LOCAL,dst=$REMOTE,ttl=64$tpdst,flags($flags)))"
    local tkey="tunnel(tun_id=0x2a,src=$REMOTE,dst=$LOCAL,flags(-df-csum+key))"
    dpctl del-flows dp0
    dpctl add-flow dp0 "in_port($P1),eth(),eth_type(0x0806),arp()" \
        "$set,$port" || fail "encap arp flow"
    dpctl add-flow dp0 "in_port($P1),eth(),eth_type(0x0800),ipv4(frag=no)" \
        "$set,$port" || fail "encap ip flow"
    dpctl add-flow dp0 "$tkey,in_port($port),eth(),eth_type(0x0806),arp()" \
        "$P1" || fail "decap arp flow"
    dpctl add-flow dp0 "$tkey,in_port($port),eth(),eth_type(0x0800),ipv4(frag=no)" \
        "$P1" || fail "decap ip flow"
    dpctl dump-flows dp0

    capture_start remote u1 "${filter[@]}"
    echo "capturing on u1: ${filter[*]}"
    local pingout sent rcvd
    pingout=$(ns vm1 ping -c 5 -i 0.2 -W 2 10.1.0.2) || {
        echo "$pingout"
        capture_stop
        dpctl dump-flows dp0
        dpctl show -s dp0
        ip -s -d link show gre_sys 2> /dev/null || :
        fail "$type csum $csum: ping through the tunnel failed"
    }
    capture_stop
    [[ $pingout =~ ([0-9]+)\ packets\ transmitted,\ ([0-9]+)\ received ]] ||
        fail "cannot read ping statistics"
    sent=${BASH_REMATCH[1]}
    rcvd=${BASH_REMATCH[2]}
    echo "ping: $sent sent, $rcvd received"

    local flows
    flows=$(dpctl dump-flows dp0)
    echo "$flows"
    assert_eq "$sent" \
        "$(flow_packets "$flows" "in_port($P1)," "eth_type(0x0800)")" \
        "$type/$csum: encap flow packets"
    assert_eq "$rcvd" \
        "$(flow_packets "$flows" "tunnel(tun_id=0x2a,src=$REMOTE,dst=$LOCAL," \
                                  "eth_type(0x0800)")" \
        "$type/$csum: decap flow packets"

    check_outer_csums "$type" "$csum" $LOCAL "$sent"
}

run_case vxlan on
run_case vxlan off
run_case gre on
run_case gre off
echo "tunnels: all checks passed"
