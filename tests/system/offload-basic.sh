#!/bin/bash
# sandbox-timeout: 420
#
# The TC offload engine on the real kernel, driven through the dpctl
# commands (tests/system/test-offload-kernel runs them in one process with
# offload on, as ovs-appctl dpctl/... does in the daemon; ovs-dpctl
# --offload for single commands).  Two VMs on veth ports and a VXLAN port:
#
#   - tc-policy=skip_hw: the flows between the VMs go into TC flower on
#     the ingress of their in_port devices (skip_hw, not_in_hw), ping
#     passes, the rules' counters equal the pings, the kernel datapath
#     holds no flow, dump-flows type=tc lists them (dp:tc, not_in_hw) and
#     type=offloaded lists nothing;
#   - a flow TC cannot express (a userspace action) lands in the kernel
#     datapath with offload-reason:unsupported-action("userspace");
#   - VXLAN: the decap rule sits on vxlan_sys_4789 with enc_key_id and
#     tunnel_key unset, the encap rule on the VM port with tunnel_key set
#     (nocsum with the checksum off, csum with it on) and a redirect to
#     vxlan_sys_4789; ping passes through them and they count it;
#   - tc-policy=skip_sw on veth: the kernel refuses every rule, the flows
#     land in the kernel datapath with the kernel's reason, and ping still
#     passes through the kernel datapath.
. "$SRCDIR/tests/system/lib.sh"

DPCTL=$OVS_DPCTL
DRIVER=$BUILDDIR/tests/system/test-offload-kernel
require_prog "$DPCTL"
require_prog "$DRIVER"

LOCAL=192.168.0.1
REMOTE=192.168.0.2

port_no() {
    local line
    while IFS= read -r line; do
        if [[ $line =~ ^\ \ port\ ([0-9]+):\ $1(\ |$) ]]; then
            echo "${BASH_REMATCH[1]}"
            return 0
        fi
    done <<< "$("$DPCTL" show dp0)"
    fail "no port $1 in dp0"
}

# session POLICY CMD [; CMD]...: one driver run; its output on stdout.
session() {
    local policy=$1
    shift
    "$DRIVER" "$policy" dp0 "$@"
}

# section OUTPUT TITLE: the lines a driver run printed for the command
# whose "### " header starts with TITLE.
section() {
    awk -v t="### $2" '
        index($0, "### ") == 1 { on = (index($0, t) == 1); next }
        on { print }' <<< "$1"
}

# tc_rules DEV: "PROTO SKIP_HW NOT_IN_HW PACKETS ACTIONS" per flower rule
# on DEV's ingress, where ACTIONS lists each action's kind and details.
tc_rules() {
    tc -s -j filter show dev "$1" ingress | python3 -c '
import json, sys
for f in json.load(sys.stdin):
    o = f.get("options")
    if not o:
        continue
    acts = o.get("actions", [])
    desc = []
    for a in acts:
        k = a.get("kind")
        if k == "mirred":
            desc.append("mirred:%s:%s" % (a.get("mirred_action"), a.get("to_dev")))
        elif k == "tunnel_key":
            bits = [a.get("mode", "")]
            for key in ("key_id", "src_ip", "dst_ip", "dst_port"):
                if key in a:
                    bits.append("%s=%s" % (key, a[key]))
            if "flag" in a:
                bits.append(a["flag"])
            desc.append("tunnel_key:" + ",".join(bits))
        else:
            desc.append(str(k))
    pkts = acts[0].get("stats", {}).get("packets", 0) if acts else 0
    keys = o.get("keys", {})
    enc = ",".join("%s=%s" % (k, v) for k, v in sorted(keys.items())
                   if k.startswith("enc_"))
    print(f.get("protocol"), "skip_hw" if o.get("skip_hw") else "-",
          "not_in_hw" if o.get("not_in_hw") else "in_hw", pkts,
          " ".join(desc), enc or "-")
'
}

# rule_packets DEV PROTO: the packets counted by DEV's rule for PROTO.
rule_packets() {
    local line proto skip hw pkts rest
    while read -r proto skip hw pkts rest; do
        if [[ $proto == "$2" ]]; then
            echo "$pkts"
            return 0
        fi
    done <<< "$(tc_rules "$1")"
    fail "no $2 rule on $1"
}

ping_count() {
    local out
    out=$(ns "$1" ping -c "$3" -i 0.2 -W 2 "$2") || {
        echo "$out"
        return 1
    }
    [[ $out =~ ([0-9]+)\ packets\ transmitted,\ ([0-9]+)\ received ]]
    echo "${BASH_REMATCH[2]}"
}

step "namespaces, veths, underlay"
netns_add vm1
netns_add vm2
netns_add remote
veth_add vm1 v1 10.1.0.1/24 "" p1 -
veth_add vm2 v2 10.1.0.2/24 "" p2 -
veth_add "" u0 $LOCAL/24 remote u1 $REMOTE/24
ping -c 1 -W 2 $REMOTE > /dev/null || fail "underlay does not work"

step "datapath with p1, p2 and a vxlan port"
on_exit "$DPCTL" del-dp dp0
on_exit ip link del vxlan_sys_4789
"$DPCTL" add-dp dp0 p1 p2 || fail "add-dp"
"$DPCTL" add-if dp0 vx0,type=vxlan || fail "add-if vxlan"
P1=$(port_no p1)
P2=$(port_no p2)
VX=$(port_no vxlan_sys_4789)
echo "p1=$P1 p2=$P2 vxlan_sys_4789=$VX"

IP="eth(),eth_type(0x0800),ipv4(frag=no)"
ARP="eth(),eth_type(0x0806),arp()"

step "skip_hw: VM to VM flows go into TC"
out=$(session skip_hw \
    add-flow dp0 "in_port($P1),$ARP" "$P2" \; \
    add-flow dp0 "in_port($P2),$ARP" "$P1" \; \
    add-flow dp0 "in_port($P1),$IP" "$P2" \; \
    add-flow dp0 "in_port($P2),$IP" "$P1" \; \
    add-flow dp0 "in_port($P1),eth(),eth_type(0x86dd),ipv6(frag=no)" \
        "userspace(pid=1)" \; \
    ! ip netns exec vm1 ping -q -c 5 -i 0.2 -W 2 10.1.0.2 \; \
    -m dump-flows dp0 type=tc \; \
    -m dump-flows dp0 type=ovs \; \
    -m dump-flows dp0 type=offloaded \; \
    -m dump-flows dp0 type=non-offloaded \; \
    show \; \
    explain "in_port($P1),$IP" "$P2" \; \
    explain "in_port($P1),eth(),eth_type(0x86dd),ipv6(frag=no)" \
        "userspace(pid=1)" \; \
    exclude p2 \; \
    explain "in_port($P1),$IP" "$P2") || { echo "$out"; fail "skip_hw session"; }
echo "$out"
assert_match "flower rule on p1 ingress, chain 0" "$out" "explain: a rule"
assert_match "not offloadable: unsupported-action: userspace" "$out" \
    "explain: the action TC cannot express"
assert_match "not offloadable: port-excluded: output to p2" "$out" \
    "explain: an excluded port"

rules1=$(tc_rules p1)
rules2=$(tc_rules p2)
echo "p1: $rules1"
echo "p2: $rules2"
assert_match "^ip skip_hw not_in_hw 5 mirred:redirect:p2 -$" \
    "$(grep '^ip ' <<< "$rules1")" "ip rule on p1"
assert_match "^ip skip_hw not_in_hw 5 mirred:redirect:p1 -$" \
    "$(grep '^ip ' <<< "$rules2")" "ip rule on p2"
assert_match "^arp skip_hw not_in_hw [0-9]+ mirred:redirect:p2 -$" \
    "$(grep '^arp ' <<< "$rules1")" "arp rule on p1"
assert_eq 2 "$(wc -l <<< "$rules1")" "rules on p1 (none for ipv6)"

tc_flows=$(section "$out" "-m dump-flows dp0 type=tc")
assert_eq 4 "$(grep -c 'dp:tc, not_in_hw, actions:' <<< "$tc_flows")" \
    "type=tc lists the four TC flows"
assert_match "eth_type\\(0x0800\\).*packets:5, .*dp:tc, not_in_hw" \
    "$(grep "in_port(p1)" <<< "$tc_flows" | grep 0x0800)" \
    "TC statistics in dump-flows"
assert_eq "" "$(section "$out" "-m dump-flows dp0 type=offloaded")" \
    "type=offloaded is empty under skip_hw"
ovs_flows=$(section "$out" "-m dump-flows dp0 type=ovs")
assert_eq 1 "$(grep -c . <<< "$ovs_flows")" "one kernel datapath flow"
assert_match 'dp:ovs, offload-reason:unsupported-action\("userspace"\), actions:userspace' \
    "$ovs_flows" "reason of the flow TC cannot express"
assert_eq 5 "$(section "$out" "-m dump-flows dp0 type=non-offloaded" |
               grep -c .)" "non-offloaded: TC flows not in hw + kernel flow"
assert_match "placed: 4, refused: 1" "$(section "$out" show)" "offload show"

# The kernel datapath saw none of the pings.
kflows=$("$DPCTL" dump-flows dp0)
echo "kernel datapath: $kflows"
assert_eq 1 "$(grep -c . <<< "$kflows")" "only the refused flow in the kernel"
assert_match "packets:0," "$kflows" "kernel datapath flow unused"

step "del-flows --offload clears TC rules left by another process"
"$DPCTL" --offload=skip_hw del-flows dp0 || fail "del-flows"
assert_eq "" "$(tc_rules p1)" "p1 rules after del-flows"
assert_eq "" "$(tc_rules p2)" "p2 rules after del-flows"
assert_eq "" "$("$DPCTL" dump-flows dp0)" "kernel flows after del-flows"

# vxlan_case CSUM: encap/decap through vxlan_sys_4789, checksum on or off.
vxlan_case() {
    local csum=$1 flags cs
    step "vxlan, checksum $csum"
    ip -n remote link del tun 2> /dev/null || :
    ip -n remote link add tun type vxlan id 42 remote $LOCAL local $REMOTE \
        dstport 4789 || fail "remote vxlan"
    ip -n remote addr add 10.1.0.2/24 dev tun
    ip -n remote link set tun up
    ns vm1 ip neigh flush dev v1
    if [[ $csum == on ]]; then
        flags="df|csum|key"
        cs=csum
    else
        flags="df|key"
        cs=nocsum
    fi
    local set="set(tunnel(tun_id=0x2a,src=$LOCAL,dst=$REMOTE,ttl=64,tp_dst=4789,flags($flags)))"
    local tkey="tunnel(tun_id=0x2a,src=$REMOTE,dst=$LOCAL,flags(-df-csum+key))"
    out=$(session skip_hw \
        add-flow dp0 "in_port($P1),$ARP" "$set,$VX" \; \
        add-flow dp0 "in_port($P1),$IP" "$set,$VX" \; \
        add-flow dp0 "$tkey,in_port($VX),$ARP" "$P1" \; \
        add-flow dp0 "$tkey,in_port($VX),$IP" "$P1" \; \
        ! ip netns exec vm1 ping -q -c 4 -i 0.2 -W 2 10.1.0.2 \; \
        -m dump-flows dp0 type=tc \; \
        -m dump-flows dp0 type=ovs) || {
        echo "$out"
        tc_rules p1
        tc_rules vxlan_sys_4789
        fail "vxlan $csum session"
    }
    echo "$out"
    local enc dec
    enc=$(tc_rules p1)
    dec=$(tc_rules vxlan_sys_4789)
    echo "p1: $enc"
    echo "vxlan_sys_4789: $dec"
    assert_match "^ip skip_hw not_in_hw 4 tunnel_key:set,key_id=42,src_ip=$LOCAL,dst_ip=$REMOTE,dst_port=4789,$cs mirred:redirect:vxlan_sys_4789 -$" \
        "$(grep '^ip ' <<< "$enc")" "encap rule ($cs)"
    assert_match "^ip skip_hw not_in_hw 4 tunnel_key:unset mirred:redirect:p1 .*enc_key_id=42" \
        "$(grep '^ip ' <<< "$dec")" "decap rule on vxlan_sys_4789"
    assert_match "enc_dst_ip=$LOCAL" "$(grep '^ip ' <<< "$dec")" \
        "decap rule matches the outer destination"
    assert_eq 4 "$(section "$out" "-m dump-flows dp0 type=tc" |
                   grep -c 'dp:tc')" "vxlan flows in TC"
    assert_eq "" "$(section "$out" "-m dump-flows dp0 type=ovs")" \
        "no vxlan flow in the kernel datapath"
    "$DPCTL" --offload=skip_hw del-flows dp0 || fail "del-flows"
}
vxlan_case off
vxlan_case on
ip -n remote link del tun

step "header rewrites offload as pedit + csum"
# vm1 reaches vm2 as 10.1.0.99 through a MAC nobody has: the flow from p1
# rewrites the Ethernet destination and the IPv4 destination, the flow
# back rewrites the IPv4 source; ping only passes if every rewrite and
# checksum is right.
MAC2=$(ns vm2 cat /sys/class/net/v2/address)
ns vm1 ip neigh flush dev v1
ns vm1 ip neigh replace 10.1.0.99 lladdr 02:00:00:00:00:99 dev v1
out=$(session skip_hw \
    add-flow dp0 "in_port($P1),$ARP" "$P2" \; \
    add-flow dp0 "in_port($P2),$ARP" "$P1" \; \
    add-flow dp0 "in_port($P1),$IP" \
        "set(eth(dst=$MAC2)),set(ipv4(dst=10.1.0.2)),$P2" \; \
    add-flow dp0 "in_port($P2),$IP" "set(ipv4(src=10.1.0.99)),$P1" \; \
    ! ip netns exec vm1 ping -q -c 3 -i 0.2 -W 2 10.1.0.99 \; \
    -m dump-flows dp0 type=ovs) || {
    echo "$out"
    tc_rules p1
    tc_rules p2
    fail "pedit session"
}
echo "$out"
rules1=$(tc_rules p1)
echo "p1: $rules1"
assert_match "^ip skip_hw not_in_hw 3 pedit csum mirred:redirect:p2 -$" \
    "$(grep '^ip ' <<< "$rules1")" "pedit rule on p1"
assert_match "^ip skip_hw not_in_hw 3 pedit csum mirred:redirect:p1 -$" \
    "$(grep '^ip ' <<< "$(tc_rules p2)")" "pedit rule on p2"
assert_eq "" "$(section "$out" "-m dump-flows dp0 type=ovs")" \
    "no rewrite flow in the kernel datapath"
"$DPCTL" --offload=skip_hw del-flows dp0 || fail "del-flows"

step "skip_sw on veth: refused by the kernel, flows in the kernel datapath"
ns vm1 ip neigh flush dev v1
out=$(session skip_sw \
    add-flow dp0 "in_port($P1),$ARP" "$P2" \; \
    add-flow dp0 "in_port($P2),$ARP" "$P1" \; \
    add-flow dp0 "in_port($P1),$IP" "$P2" \; \
    add-flow dp0 "in_port($P2),$IP" "$P1" \; \
    ! ip netns exec vm1 ping -q -c 3 -i 0.2 -W 2 10.1.0.2 \; \
    -m dump-flows dp0 type=ovs \; \
    -m dump-flows dp0 type=tc) || { echo "$out"; fail "skip_sw session"; }
echo "$out"
assert_eq "" "$(tc_rules p1)" "no rule on p1 under skip_sw"
ovs_flows=$(section "$out" "-m dump-flows dp0 type=ovs")
assert_eq 4 "$(grep -c 'dp:ovs, offload-reason:kernel-eopnotsupp("Operation not supported' <<< "$ovs_flows")" \
    "every flow in the kernel datapath with the kernel's reason"
assert_match "eth_type\\(0x0800\\).*packets:3," \
    "$(grep "in_port(p1)" <<< "$ovs_flows" | grep 0x0800)" \
    "the kernel datapath carried the pings"
assert_eq "" "$(section "$out" "-m dump-flows dp0 type=tc")" \
    "nothing in TC under skip_sw"
echo "offload-basic: all checks passed"
