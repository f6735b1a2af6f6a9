#!/bin/bash
# datapath/tc.h against the kernel's flower: each representative rule is
# installed with skip_hw through our codec on a veth (or, for decap, on the
# metadata-mode vxlan_sys_4789), read back with our dump and with
# "tc -j filter show" (concrete fields asserted), and deleted; a rule
# counts real packets (ours and tc's statistics agree); a skip_sw rule on
# a veth is refused with the kernel's extended ack in our error; 1,000
# rules go in with one nln_batch() and a terse dump lists 1,000 cookies.
# tests/system/test-tc-kernel does the calls.
# sandbox-timeout: 240
. "$SRCDIR/tests/system/lib.sh"

prog=$BUILDDIR/tests/system/test-tc-kernel
require_prog "$prog"

step "devices"
netns_add n1
veth_add "" v0 - n1 v1 10.0.0.1/24
veth_add "" v2 - "" v3 -
ip link add vxlan_sys_4789 type vxlan dstport 4789 external
ip link set vxlan_sys_4789 up
on_exit ip link del v0
on_exit ip link del v2
on_exit ip link del vxlan_sys_4789

# tc_json DEV: the ingress rules of DEV as tc prints them.
tc_json() {
    tc -s -j filter show dev "$1" ingress
}

# check_tc DEV PYTHON-EXPR: fails unless the expression, evaluated with
# 'f' bound to the first flower rule tc lists on DEV's ingress, 'o' to its
# options and 'a' to its actions, is true.
check_tc() {
    local json
    json=$(tc_json "$1") || fail "tc filter show dev $1"
    python3 - "$json" "$2" << 'EOF2' || fail "tc disagrees on $1: $2: $json"
import json, sys
rules = [r for r in json.loads(sys.argv[1]) if "options" in r]
f = rules[0]
o = f["options"]
a = o["actions"]
k = o.get("keys", {})
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF2
}

# one CASE DEV OUT OURS TC: installs CASE on DEV, checks our dump contains
# OURS (a regex) and tc's view satisfies TC, then deletes the rule.
one() {
    local case=$1 dev=$2 out=$3 ours=$4 theirs=$5 handle
    step "$case on $dev"
    handle=$("$prog" add "$dev" "$case" "$out") || fail "add $case: $handle"
    assert_match '^handle 0x[0-9a-f]+$' "$handle" "$case handle"
    handle=${handle#handle }
    dump=$("$prog" show "$dev") || fail "show $dev"
    assert_match "$ours" "$dump" "$case: our dump"
    assert_match "handle $handle .*skip_hw not_in_hw in_hw_count 0" "$dump" \
        "$case: flags"
    assert_match "cookie 0xc0c1c2c3c4c5c6c7c8c9cacbcccdcecf" "$dump" \
        "$case: cookie"
    check_tc "$dev" "o['skip_hw'] and o['not_in_hw'] and f['protocol'] == 'ip' and k['dst_ip'] == '10.0.0.2' and $theirs"
    "$prog" del "$dev" 1 0x0800 "$handle" || fail "del $case"
    [[ $(tc_json "$dev") == "[]" ]] || fail "$case still there: $(tc_json "$dev")"
}

vx=$(< /sys/class/net/vxlan_sys_4789/ifindex)
v2=$(< /sys/class/net/v2/ifindex)

one l3 v0 v2 "dst_ip 10.0.0.2 .*actions:mirred\\(egress redirect $v2\\)" \
    "a[0]['kind'] == 'mirred' and a[0]['mirred_action'] == 'redirect' and a[0]['to_dev'] == 'v2'"
one vlan_push v0 v2 "vlan_push\\(id 100 prio 3 proto 0x8100\\),mirred" \
    "a[0]['kind'] == 'vlan' and a[0]['vlan_action'] == 'push' and a[0]['id'] == 100 and a[0]['priority'] == 3 and a[1]['to_dev'] == 'v2'"
one encap_csum v0 vxlan_sys_4789 "tunnel_key_set\\(id 42 src 192.168.1.1 dst 192.168.1.2 dst_port 4789 tos 0x0 ttl 64 csum\\),mirred\\(egress redirect $vx\\)" \
    "a[0]['kind'] == 'tunnel_key' and a[0]['mode'] == 'set' and a[0]['key_id'] == 42 and a[0]['dst_ip'] == '192.168.1.2' and a[0]['dst_port'] == 4789 and a[0]['flag'] == 'csum' and a[0]['ttl'] == 64 and a[1]['to_dev'] == 'vxlan_sys_4789'"
one encap_nocsum v0 vxlan_sys_4789 "tunnel_key_set\\(id 42 .* nocsum\\)" \
    "a[0]['kind'] == 'tunnel_key' and a[0]['flag'] == 'nocsum'"
one decap vxlan_sys_4789 v2 "enc_key_id 42 enc_dst_ip 192.168.1.2 enc_dst_port 4789 .*actions:tunnel_key_unset,mirred" \
    "k['enc_key_id'] == 42 and k['enc_dst_ip'] == '192.168.1.2' and k['enc_dst_port'] == 4789 and a[0]['kind'] == 'tunnel_key' and a[0]['mode'] == 'unset'"
one pedit v0 v2 "pedit\\(set htype 2 off 16 val 0x0a000009/0xffffffff\\),csum\\(0x1\\),mirred" \
    "a[0]['kind'] == 'pedit' and a[0]['keys'][0]['htype'] == 'ipv4' and a[0]['keys'][0]['offset'] == 16 and a[1]['kind'] == 'csum' and a[2]['kind'] == 'mirred'"
one ct v0 v2 "ct_state 0x0/0x8 .*ct\\(flags 0x0 zone 0\\),mirred" \
    "k['ct_state'] == '-trk' and a[0]['kind'] == 'ct' and a[1]['kind'] == 'mirred'"
one drop v0 v2 "actions:drop" \
    "a[0]['kind'] == 'gact' and a[0]['control_action']['type'] == 'drop'"
one goto v0 v2 "actions:goto\\(chain 1\\)" \
    "a[0]['kind'] == 'gact' and a[0]['control_action']['type'] == 'goto' and a[0]['control_action']['chain'] == 1"
one police v0 v2 "police\\(rate 1000000 burst 64000 pkts_rate 0 pkts_burst 0\\),mirred" \
    "a[0]['kind'] == 'police' and a[1]['kind'] == 'mirred'"
one police_pkts v0 v2 "police\\(rate 0 burst 0 pkts_rate 1000 pkts_burst 100\\),mirred" \
    "a[0]['kind'] == 'police' and a[0]['pkts_rate'] == 1000 and a[0]['pkts_burst'] == 100"

step "the unit test's byte-exact fixtures, sent as they are, on lo"
# They were written for ifindex 1 (lo).  The kernel must store each exactly
# as sent (read back with RTM_GETTFILTER and compared decoded), except the
# skip_sw rule, which lo cannot offload, and ct zone 5 where the kernel has
# no conntrack zones.
out=$("$prog" fixtures lo) || fail "fixtures: $out"
echo "$out"
ct_line=$(grep '^ct ' <<< "$out")
[[ $ct_line == "ct same" ||
   $ct_line == "ct refused: Operation not supported: act_ct: Conntrack zones isn't enabled." ]] ||
    fail "ct fixture: $ct_line"
expected="l3 same
l4 same
vlan_push same
vlan_pop same
decap same
encap_csum same
encap_nocsum same
pedit same
$ct_line
drop same
goto same
cookie same
skip_sw refused: Operation not supported
police same
police_pkts same"
assert_eq "$expected" "$out" "fixtures in the kernel"

step "statistics after traffic"
mac=$(< /sys/class/net/v0/address)
ip -n n1 neigh add 10.0.0.2 lladdr "$mac" dev v1
handle=$("$prog" add v0 drop v2) || fail "add drop: $handle"
ip netns exec n1 ping -q -c 3 -i 0.2 -W 1 10.0.0.2 > /dev/null 2>&1 || :
dump=$("$prog" show v0)
assert_match "packets 3 bytes [0-9]+ used [0-9]+ms" "$dump" "our stats"
assert_eq 3 "$(tc_packets "" v0 1)" "tc's packet count"
"$prog" del v0 1 0x0800 "${handle#handle }" || fail "del drop"

# refused ARGS...: runs the driver, which must fail, and iproute2's tc with
# the equivalent rule (the rest of the line after "--"), which must fail
# too; our error must carry the same text: tc's "Error: MSG" (the kernel's
# extended ack), or the same errno text when the kernel gave no message.
refused() {
    local ours=() theirs msg
    while [[ $1 != -- ]]; do ours+=("$1"); shift; done
    shift
    out=$("$prog" "${ours[@]}") && fail "${ours[*]}: accepted: $out"
    echo "ours: $out"
    theirs=$(tc filter add "$@" 2>&1) && fail "tc accepted: $*"
    echo "tc:   $theirs"
    if [[ $theirs =~ Error:\ ([^$'\n']*) ]]; then
        msg=${BASH_REMATCH[1]}
        [[ $out == *": $msg" ]] || fail "extended ack '$msg' not in '$out'"
    else
        [[ $theirs == *"$out"* ]] || fail "errors differ: '$out' vs '$theirs'"
    fi
}

step "skip_sw on a veth is refused, as tc is"
refused skipsw v0 -- dev v0 ingress protocol ip prio 2 flower skip_sw \
    dst_ip 10.0.0.2 action drop
[[ $out == "Operation not supported" ]] || fail "skip_sw: '$out'"

step "a kernel refusal with an extended ack: ct zone without zone support"
if tc filter add dev v0 ingress protocol ip prio 3 flower skip_hw \
        action ct zone 5 2> /dev/null; then
    echo "(this kernel has conntrack zones: no refusal to check)"
    tc filter del dev v0 ingress prio 3
else
    refused add v0 ct_zone v2 -- dev v0 ingress protocol ip prio 1 flower \
        skip_hw dst_ip 10.0.0.2 action ct zone 5 action mirred egress \
        redirect dev v2
    assert_match "^error install: Operation not supported: act_ct: Conntrack zones isn't enabled\.$" "$out" "ct zone refusal"
fi

step "1,000 rules in one batch, terse dump"
out=$("$prog" batch v2 1000 2> batch.err) || fail "batch: $out"
cat batch.err
assert_eq "installed 1000 cookies 1000" "$out" "batch"
n=$(tc filter show dev v2 ingress | grep -c '^filter .*handle')
assert_eq 1000 "$n" "rules tc lists"

# The anchor for that figure, in the same boot: the same 1,000 rules
# through "tc -batch" (one process, one request and ack per rule).
tc qdisc add dev v3 clsact
for ((i = 0; i < 1000; i++)); do
    printf 'filter add dev v3 ingress protocol ip prio 100 handle %d flower skip_hw dst_ip 11.0.%d.%d action drop cookie %08x\n' \
        $((i + 1)) $((i / 256)) $((i % 256)) "$i"
done > tc-batch.txt
t0=${EPOCHREALTIME/./}
tc -batch tc-batch.txt || fail "tc -batch"
t1=${EPOCHREALTIME/./}
echo "anchor: tc -batch installed 1000 rules in $(( (t1 - t0) / 1000 )) ms"
n=$(tc filter show dev v3 ingress | grep -c '^filter .*handle')
assert_eq 1000 "$n" "rules tc -batch installed"
echo "tc-codec: all checks passed"
