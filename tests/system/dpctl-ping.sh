#!/bin/bash
# sandbox-timeout: 240
#
# ovs-dpctl alone makes a working switch: a datapath with two veth ports
# whose peers sit in two namespaces, exact flows in both directions (ARP
# and ICMP), a ping that passes, flow counters that equal ping's own
# packet counts, port counters that agree with them, and del-flows that
# empties the table.  Along the way, the stock ovs-dpctl (if installed)
# must print our datapath and our flows exactly as we do.
. "$SRCDIR/tests/system/lib.sh"

DPCTL=$OVS_DPCTL
STOCK=/usr/bin/ovs-dpctl
require_prog "$DPCTL"
have_stock=false
if [[ -x $STOCK ]]; then
    have_stock=true
fi

dpctl() {
    "$DPCTL" "$@"
}

# dpctl_fails ARGS...: runs ovs-dpctl, which must fail, and prints its
# error output without log lines.
dpctl_fails() {
    local out
    if out=$("$DPCTL" "$@" 2>&1 > /dev/null); then
        fail "ovs-dpctl $* succeeded, expected a failure"
    fi
    grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' <<< "$out" || :
}

# mac NS DEV: the Ethernet address of DEV in namespace NS.
mac() {
    local line
    line=$(ip -n "$1" -br link show dev "$2") || fail "no device $2 in $1"
    read -r _ _ addr _ <<< "$line"
    echo "$addr"
}

# flow_field TEXT KEY-PREFIX FIELD: the value of "FIELD:" on the line of
# dump-flows output TEXT that starts with KEY-PREFIX.
flow_field() {
    local line
    while IFS= read -r line; do
        if [[ $line == "$2"* && $line =~ [\ ,]$3:([^,]*) ]]; then
            echo "${BASH_REMATCH[1]}"
            return 0
        fi
    done <<< "$1"
    fail "no flow starting with '$2' (field $3) in:
$1"
}

# port_stat TEXT PORT-NAME RX|TX: the packet count of PORT-NAME in
# 'show -s' output TEXT.
port_stat() {
    local line found=false
    while IFS= read -r line; do
        if [[ $line =~ ^\ \ port\ [0-9]+:\ (.*)$ ]]; then
            [[ ${BASH_REMATCH[1]} == "$2" ]] && found=true || found=false
        elif $found && [[ $line =~ ^\ +$3\ packets:([0-9]+) ]]; then
            echo "${BASH_REMATCH[1]}"
            return 0
        fi
    done <<< "$1"
    fail "no $3 packet count for port $2 in:
$1"
}

# Removes the 'used:' field, which depends on when the dump ran.
strip_used() {
    sed -E 's/used:[^,]*, //' | LC_ALL=C sort
}

step "two namespaces, each with a veth whose peer stays here"
# No IPv6 here either: the host side of the veths must not send anything
# of its own (router solicitations, DAD), so that port counters count
# only what the flows forward.
sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
             net.ipv6.conf.default.disable_ipv6=1
netns_add vm1
netns_add vm2
veth_add vm1 v1 10.0.0.1/24 "" p1 -
veth_add vm2 v2 10.0.0.2/24 "" p2 -
# Neighbour entries stay reachable for the whole test: no ARP re-probes
# while the counters are compared.
ns vm1 sysctl -q -w net.ipv4.neigh.v1.base_reachable_time_ms=600000
ns vm2 sysctl -q -w net.ipv4.neigh.v2.base_reachable_time_ms=600000
m1=$(mac vm1 v1)
m2=$(mac vm2 v2)
echo "v1 $m1, v2 $m2"

step "add-dp with both veths"
on_exit "$DPCTL" del-dp dp0
dpctl add-dp dp0 p1 p2 || fail "add-dp failed"
out=$(dpctl dump-dps)
assert_eq "system@dp0" "$out" "dump-dps"
show=$(dpctl show dp0)
echo "$show"
assert_match $'^system@dp0:\n  lookups: hit:0 missed:[0-9]+ lost:[0-9]+\n  flows: 0\n' \
    "$show" "show header"
assert_match $'\n  port 0: dp0 \\(internal\\)\n  port 1: p1\n  port 2: p2$' \
    "$show" "show ports"

step "exact flows in both directions"
arp1="in_port(1),eth(src=$m1),eth_type(0x0806),arp(sip=10.0.0.1,tip=10.0.0.2)"
arp2="in_port(2),eth(src=$m2),eth_type(0x0806),arp(sip=10.0.0.2,tip=10.0.0.1)"
ip1="in_port(1),eth(src=$m1,dst=$m2),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=1,frag=no),icmp(type=8,code=0)"
ip2="in_port(2),eth(src=$m2,dst=$m1),eth_type(0x0800),ipv4(src=10.0.0.2,dst=10.0.0.1,proto=1,frag=no),icmp(type=0,code=0)"
dpctl add-flow dp0 "$arp1" 2 || fail "add-flow arp1"
dpctl add-flow "$arp2" 1 || fail "add-flow arp2 (no DP given)"
dpctl add-flow dp0 "$ip1" 2 || fail "add-flow ip1"
dpctl add-flow system@dp0 "$ip2" 1 || fail "add-flow ip2"
err=$(dpctl_fails add-flow dp0 "$ip2" 1)
assert_eq "ovs-dpctl: updating flow table (File exists)" "$err" \
    "duplicate add-flow"
flows=$(dpctl dump-flows dp0)
echo "$flows"
n=$(grep -c . <<< "$flows")
assert_eq 4 "$n" "flows after add-flow"
assert_eq 0 "$(flow_field "$flows" "in_port(1),eth(src=$m1,dst=$m2)" packets)" \
    "packets before ping"
assert_eq never "$(flow_field "$flows" "in_port(1),eth(src=$m1,dst=$m2)" used)" \
    "used before ping"

step "ping -c 5 from vm1 to vm2 through the datapath"
pingout=$(ns vm1 ping -c 5 -i 0.2 -W 2 10.0.0.2) || {
    echo "$pingout"
    dpctl show -s dp0
    fail "ping failed"
}
echo "$pingout"
[[ $pingout =~ ([0-9]+)\ packets\ transmitted,\ ([0-9]+)\ received ]] ||
    fail "cannot read ping statistics"
sent=${BASH_REMATCH[1]}
rcvd=${BASH_REMATCH[2]}
assert_eq 5 "$sent" "echo requests sent"
assert_eq 5 "$rcvd" "echo replies received"

step "flow counters equal ping's counts"
# A consistent snapshot: "show -s" before and after the dump must agree
# (an ARP packet between them would make the comparison meaningless).
snapshot() {
    local before
    before=$(dpctl show -s dp0)
    flows=$(dpctl dump-flows dp0)
    show=$(dpctl show -s dp0)
    [[ $before == "$show" ]]
}
poll_until 30 snapshot || fail "datapath counters never stood still"
echo "$flows"
# An ICMP echo of ping's default 56 data bytes is 98 bytes on Ethernet.
assert_eq "$sent" "$(flow_field "$flows" "in_port(1),eth(src=$m1,dst=$m2)" packets)" \
    "packets of the request flow"
assert_eq $(( sent * 98 )) \
    "$(flow_field "$flows" "in_port(1),eth(src=$m1,dst=$m2)" bytes)" \
    "bytes of the request flow"
assert_eq "$rcvd" "$(flow_field "$flows" "in_port(2),eth(src=$m2,dst=$m1)" packets)" \
    "packets of the reply flow"
assert_eq $(( rcvd * 98 )) \
    "$(flow_field "$flows" "in_port(2),eth(src=$m2,dst=$m1)" bytes)" \
    "bytes of the reply flow"
used=$(flow_field "$flows" "in_port(1),eth(src=$m1,dst=$m2)" used)
assert_match '^[0-9]+\.[0-9]{3}s$' "$used" "used after ping"
arp_req=$(flow_field "$flows" "in_port(1),eth(src=$m1)," packets)
arp_rep=$(flow_field "$flows" "in_port(2),eth(src=$m2)," packets)
assert_ge 1 "$arp_req" "ARP packets from vm1"
assert_ge 1 "$arp_rep" "ARP packets from vm2"

step "show -s: lookups and port counters agree with the flows"
echo "$show"
from1=$(( sent + arp_req ))
from2=$(( rcvd + arp_rep ))
assert_match "lookups: hit:$(( from1 + from2 )) missed:0 lost:0" "$show" \
    "lookups"
assert_eq "$from1" "$(port_stat "$show" p1 RX)" "p1 RX packets"
assert_eq "$from1" "$(port_stat "$show" p2 TX)" "p2 TX packets"
assert_eq "$from2" "$(port_stat "$show" p2 RX)" "p2 RX packets"
assert_eq "$from2" "$(port_stat "$show" p1 TX)" "p1 TX packets"
assert_match '  masks: hit:[0-9]+ total:[0-9]+ hit/pkt:[0-9]+\.[0-9]{2}' \
    "$show" "masks line"

step "--names shows port names"
named=$(dpctl dump-flows --names dp0)
flow_field "$named" "in_port(p1),eth(src=$m1,dst=$m2)" actions > /dev/null
assert_eq p2 "$(flow_field "$named" "in_port(p1),eth(src=$m1,dst=$m2)" actions)" \
    "named output action"

if $have_stock; then
    step "stock ovs-dpctl prints the same datapath and flows"
    ours=$(dpctl show -s dp0)
    stock=$("$STOCK" show -s dp0 2> /dev/null) || fail "stock show failed"
    assert_eq "$stock" "$ours" "show -s, stock vs ours"
    ours=$(dpctl dump-flows dp0 | strip_used)
    stock=$("$STOCK" dump-flows dp0 2> /dev/null | strip_used)
    assert_eq "$stock" "$ours" "dump-flows, stock vs ours"
    ours=$(dpctl dump-flows -m dp0 | strip_used)
    stock=$("$STOCK" dump-flows -m dp0 2> /dev/null | strip_used)
    if [[ $stock != "$ours" ]]; then
        diff <(echo "$stock") <(echo "$ours") || :
        fail "dump-flows -m differs from stock"
    fi
fi

step "UFIDs: add-flow, get-flow, mod-flow, del-flow"
ufid=ufid:11223344-5566-7788-99aa-bbccddeeff00
uflow="in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.9.9.9,frag=no)"
dpctl add-flow dp0 "$ufid,$uflow" 2 || fail "add-flow with UFID"
got=$(dpctl get-flow dp0 "$ufid")
assert_eq "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.9.9.9,frag=no), packets:0, bytes:0, used:never, actions:2" \
    "$got" "get-flow"
got=$(dpctl get-flow -m dp0 "$ufid")
assert_match "^$ufid, " "$got" "get-flow -m starts with the UFID"
if $have_stock; then
    stock=$("$STOCK" get-flow dp0 "$ufid" 2> /dev/null)
    assert_eq "$stock" "$(dpctl get-flow dp0 "$ufid")" "get-flow vs stock"
fi
dpctl mod-flow dp0 "$ufid,$uflow" 1 || fail "mod-flow"
got=$(dpctl get-flow dp0 "$ufid")
assert_match 'actions:1$' "$got" "actions after mod-flow"
err=$(dpctl_fails mod-flow dp0 "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.9.9.8,frag=no)" 1)
assert_eq "ovs-dpctl: updating flow table (No such file or directory)" \
    "$err" "mod-flow of a missing flow"
dpctl mod-flow --may-create dp0 "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.9.9.8,frag=no)" 1 ||
    fail "mod-flow --may-create"
stats=$(dpctl del-flow -s dp0 "in_port(1),eth(),eth_type(0x0800),ipv4(dst=10.9.9.8,frag=no)") ||
    fail "del-flow by key"
assert_eq "packets:0, bytes:0, used:never" "$stats" "del-flow -s"
dpctl del-flow dp0 "$ufid" || fail "del-flow by UFID"
# Port names in keys, as dump-flows --names prints them.
dpctl add-flow dp0 "in_port(p2),eth(),eth_type(0x0800),ipv4(dst=10.9.9.7,frag=no)" 1 ||
    fail "add-flow with in_port(p2)"
dpctl del-flow dp0 "in_port(2),eth(),eth_type(0x0800),ipv4(dst=10.9.9.7,frag=no)" ||
    fail "the flow added with in_port(p2) is not in_port(2)"
err=$(dpctl_fails get-flow dp0 "$ufid")
assert_match "No such file or directory" "$err" "get-flow after del-flow"

step "del-flows empties the table"
dpctl del-flows dp0 || fail "del-flows"
flows=$(dpctl dump-flows dp0)
assert_eq "" "$flows" "dump-flows after del-flows"
assert_match $'\n  flows: 0\n' "$(dpctl show dp0)" "flows: 0"

step "del-if, del-dp"
dpctl del-if dp0 p2 || fail "del-if"
err=$(dpctl_fails del-if dp0 p2)
assert_eq "ovs-dpctl: no port named p2" "$err" "del-if missing"
dpctl del-dp dp0 || fail "del-dp"
assert_eq "" "$(dpctl dump-dps)" "dump-dps after del-dp"
err=$(dpctl_fails show dp0)
assert_eq "ovs-dpctl: opening datapath dp0 failed (No such device)" "$err" \
    "show after del-dp"
echo "dpctl-ping: all checks passed"
