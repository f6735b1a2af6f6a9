#! /bin/sh
# Compares the flow-syntax printer of ovs-tc with stock ovs-ofctl: each flow
# string below is parsed and printed by our test-ofp-parse driver and by
# stock "ovs-ofctl parse-flow"; the match and actions parts must be equal.
# Stock shows flow-mod attributes (table:, cookie:, idle:, hard:) in its own
# form, so those are dropped from its output before comparing.

BUILDDIR=${BUILDDIR:-$(pwd)}
DRIVER=$BUILDDIR/tests/interop/test-ofp-parse
STOCK=${STOCK_OVS_OFCTL:-/usr/bin/ovs-ofctl}

if [ ! -x "$STOCK" ]; then
    echo "stock ovs-ofctl not found, skipping"
    exit 77
fi
if [ ! -x "$DRIVER" ]; then
    echo "$DRIVER not built" >&2
    exit 99
fi

pass=0
fail=0

check() {
    ours=$("$DRIVER" "$1")
    theirs=$("$STOCK" parse-flow "$1" 2>&1 \
             | sed -n 's/^[A-Z_]*FLOW_MOD ([^)]*): ADD //p' \
             | tr ' ' '\n' \
             | grep -Ev '^(table|cookie|idle|hard|out_port|buf|flags):' \
             | tr '\n' ' ' | sed 's/ $//')
    if [ -n "$theirs" ] && [ "$ours" = "$theirs" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1"
        echo "  ours:  $ours"
        echo "  stock: $theirs"
    fi
}

while IFS= read -r flow; do
    case $flow in
        ''|'#'*) continue ;;
    esac
    check "$flow"
done <<'FLOWS'
priority=100,in_port=1,actions=output:2
table=1,priority=100,cookie=0x5,idle_timeout=10,hard_timeout=20,in_port=1,dl_src=00:11:22:33:44:55/ff:ff:ff:00:00:00,dl_type=0x0800,nw_src=10.0.0.0/8,tcp,tp_dst=80,actions=mod_dl_dst:00:00:00:00:00:01,output:2
tcp,tp_dst=80,actions=drop
udp,tp_src=53,actions=normal
ip,nw_src=10.0.0.0/8,nw_dst=192.168.1.1,actions=flood
ip,nw_src=10.0.0.0/255.255.0.0,actions=all
ipv6,ipv6_src=2001:db8::/32,ipv6_dst=::1,actions=local
tcp6,tp_src=22,actions=in_port
udp6,tp_dst=0x1000/0xf000,actions=controller
sctp,tp_dst=9,actions=controller:100
icmp,icmp_type=8,icmp_code=0,actions=drop
icmp6,icmp_type=135,nd_target=fe80::1,actions=drop
arp,arp_op=1,arp_spa=10.0.0.1,arp_tpa=10.0.0.0/24,arp_sha=00:11:22:33:44:55,arp_tha=00:00:00:00:00:00,actions=normal
dl_src=00:11:22:33:44:55/ff:ff:ff:00:00:00,dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,actions=drop
dl_type=0x88cc,actions=drop
dl_vlan=5,actions=strip_vlan,output:1
dl_vlan=0xffff,actions=mod_vlan_vid:7,output:1
dl_vlan_pcp=3,actions=mod_vlan_pcp:5
vlan_tci=0x1005/0x1fff,actions=drop
ip,nw_proto=89,actions=drop
ip,nw_tos=32,nw_ttl=64,actions=mod_nw_tos:16
ip,ip_dscp=10,actions=dec_ttl
ip,nw_frag=yes,actions=drop
ip,nw_frag=later,actions=drop
tcp,tcp_flags=0x002/0x012,actions=drop
tcp,tp_src=1000/0xfff0,actions=mod_tp_src:99,mod_tp_dst:100
ipv6,ipv6_label=0x12345,actions=drop
tun_id=0x10,tun_src=1.1.1.1,tun_dst=2.2.2.0/24,actions=set_tunnel:0x20
tun_id=0x5/0xff,actions=set_tunnel:0x123456789
metadata=0x3,actions=output:1
reg0=5,reg15=0x10/0xf0,actions=load:0x1->NXM_NX_REG1[0..3],resubmit:3
reg2=1,actions=move:NXM_NX_REG0[]->NXM_NX_REG1[],resubmit(,4)
in_port=3,actions=resubmit(5,6),resubmit(,7),resubmit(8)
actions=mod_dl_src:00:00:00:00:00:01,mod_dl_dst:00:00:00:00:00:02
ip,actions=mod_nw_src:1.2.3.4,mod_nw_dst:5.6.7.8
actions=note:01.02.03.04.05.06,output:1
actions=load:0x5->NXM_NX_REG0[],move:NXM_NX_REG0[0..7]->NXM_NX_REG1[8..15]
table=3,priority=0,cookie=0x77,idle_timeout=5,hard_timeout=6,actions=drop
actions=pop_vlan,output:LOCAL
udp,nw_dst=10.1.0.0/16,tp_dst=4789,actions=set_tunnel:0x64,output:5
tcp,actions=load:0xffff->NXM_OF_TCP_DST[]
icmp,nw_src=1.1.1.1,icmp_type=0,actions=output:65279
priority=5,tcp,nw_src=10.0.0.1,tcp_flags=+syn-ack,actions=CONTROLLER:128
FLOWS

echo "ofp-parse interop: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
