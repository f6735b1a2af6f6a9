/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for datapath/offload-tc-xlate.c: datapath flows to flower
 * rules.  Every supported key and action is checked field by field in the
 * resulting struct tc_flower (placement included: device, protocol,
 * chain), and every refusal reason with the name it gives.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/tc_act/tc_csum.h>
#include <linux/tc_act/tc_mirred.h>
#include <linux/tc_act/tc_pedit.h>

#include "datapath/offload-tc.h"
#include "match.h"
#include "netlink.h"
#include "odp-actions.h"
#include "packets.h"
#include "util.h"

/* Ports: 1 p1, 2 p2 (netdevs), 3 vxlan_sys_4789 (tunnel), 4 br0
 * (internal), 5 p5 (excluded), 6 ghost (no device). */
static const struct offload_tc_port test_ports[] = {
    { 1, "p1", 11, OFFLOAD_TC_PORT_NETDEV, false },
    { 2, "p2", 12, OFFLOAD_TC_PORT_NETDEV, false },
    { 3, "vxlan_sys_4789", 13, OFFLOAD_TC_PORT_TUNNEL, false },
    { 4, "br0", 14, OFFLOAD_TC_PORT_INTERNAL, false },
    { 5, "p5", 15, OFFLOAD_TC_PORT_NETDEV, true },
    { 6, "ghost", 0, OFFLOAD_TC_PORT_NETDEV, false },
};

static const struct offload_tc_port *
ports(void *aux OVS_UNUSED, odp_port_t port_no)
{
    for (size_t i = 0; i < ARRAY_SIZE(test_ports); i++) {
        if (test_ports[i].port_no == port_no) {
            return &test_ports[i];
        }
    }
    return NULL;
}

struct ctx {
    struct match m;
    uint8_t acts[1024];
    struct nl_buf a;
    struct offload_tc_caps caps;
    struct tc_flower f;
    char *msg;
};

static struct ctx *
ctx_new(odp_port_t in_port, uint16_t dl_type)
{
    struct ctx *c = xzalloc(sizeof *c);

    match_init_catchall(&c->m);
    match_set_in_port_odp(&c->m, in_port);
    if (dl_type) {
        c->m.flow.dl_type = htons(dl_type);
        c->m.wc.masks.dl_type = OVS_BE16_MAX;
    }
    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    return c;
}

static enum offload_reason
run(struct ctx *c)
{
    free(c->msg);
    c->msg = NULL;
    return offload_tc_xlate(&c->m, c->a.data, c->a.used, ports, NULL,
                            &c->caps, &c->f, &c->msg);
}

/* Runs 'c' expecting success. */
static void
expect_ok(struct ctx *c)
{
    enum offload_reason r = run(c);

    if (r != OFFLOAD_R_NONE) {
        fail_msg("refused (%d): %s", r, c->msg ? c->msg : "");
    }
}

static void
ctx_free(struct ctx *c)
{
    free(c->msg);
    free(c);
}

/* Runs 'c' expecting refusal 'reason' with a message containing 'text'. */
static void
expect_refusal(struct ctx *c, enum offload_reason reason, const char *text)
{
    enum offload_reason r = run(c);

    assert_int_equal(reason, r);
    assert_non_null(c->msg);
    if (!strstr(c->msg, text)) {
        fail_msg("refusal message \"%s\" lacks \"%s\"", c->msg, text);
    }
}

static void
put_set_masked(struct nl_buf *a, uint16_t type, const void *key,
               const void *mask, size_t size)
{
    struct odp_action oa;

    memset(&oa, 0, sizeof oa);
    oa.type = OVS_ACTION_ATTR_SET_MASKED;
    oa.u.set.masked = true;
    oa.u.set.key_type = type;
    oa.u.set.size = size;
    memcpy(oa.u.set.key, key, size);
    memcpy(oa.u.set.mask, mask, size);
    assert_int_equal(0, odp_action_put(a, &oa));
}

static void
assert_mirred(const struct tc_action *a, int eaction, uint32_t ifindex)
{
    assert_int_equal(TC_ACT_MIRRED, a->type);
    assert_int_equal(eaction, a->mirred.eaction);
    assert_int_equal(ifindex, a->mirred.ifindex);
}

/* Keys. */

static void
test_ipv4_tcp(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IP);
    struct flow *k = &c->m.flow, *m = &c->m.wc.masks;

    k->dl_src = (struct eth_addr) { { 0, 1, 2, 3, 4, 5 } };
    m->dl_src = (struct eth_addr) { { 0xff, 0xff, 0xff, 0, 0, 0 } };
    k->dl_dst = (struct eth_addr) { { 0xa, 0xb, 0xc, 0xd, 0xe, 0xf } };
    m->dl_dst = (struct eth_addr) { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
    k->nw_src = htonl(0x0a000001);
    m->nw_src = htonl(0xffffff00);
    k->nw_dst = htonl(0x0a000002);
    m->nw_dst = OVS_BE32_MAX;
    k->nw_proto = IPPROTO_TCP;
    m->nw_proto = 0xff;
    k->nw_tos = 0x10;
    m->nw_tos = 0xfc;
    k->nw_ttl = 64;
    m->nw_ttl = 0xff;
    m->nw_frag = FLOW_NW_FRAG_MASK;
    k->tp_src = htons(1234);
    m->tp_src = htons(0xff00);
    k->tp_dst = htons(80);
    m->tp_dst = OVS_BE16_MAX;
    k->tcp_flags = htons(0x002);
    m->tcp_flags = htons(0x012);
    odp_put_output(&c->a, 2);

    expect_ok(c);
    assert_null(c->msg);
    assert_int_equal(11, c->f.id.ifindex);
    assert_int_equal(TC_INGRESS_PARENT, c->f.id.parent);
    assert_int_equal(0, c->f.id.chain);
    assert_int_equal(htons(ETH_P_IP), c->f.id.protocol);
    assert_int_equal(htons(ETH_P_IP), c->f.key.eth_type);
    assert_memory_equal(k->dl_src.ea, c->f.key.eth_src, 3);
    assert_int_equal(0, c->f.key.eth_src[3]);
    assert_memory_equal(m->dl_src.ea, c->f.mask.eth_src, 6);
    assert_memory_equal(k->dl_dst.ea, c->f.key.eth_dst, 6);
    assert_int_equal(htonl(0x0a000000), c->f.key.ipv4_src);
    assert_int_equal(htonl(0xffffff00), c->f.mask.ipv4_src);
    assert_int_equal(htonl(0x0a000002), c->f.key.ipv4_dst);
    assert_int_equal(IPPROTO_TCP, c->f.key.ip_proto);
    assert_int_equal(0xff, c->f.mask.ip_proto);
    assert_int_equal(0x10, c->f.key.ip_tos);
    assert_int_equal(0xfc, c->f.mask.ip_tos);
    assert_int_equal(64, c->f.key.ip_ttl);
    assert_int_equal(0, c->f.key.frag_flags);
    assert_int_equal(htonl(TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT),
                     c->f.mask.frag_flags);
    assert_int_equal(htons(1234 & 0xff00), c->f.key.tp_src);
    assert_int_equal(htons(0xff00), c->f.mask.tp_src);
    assert_int_equal(htons(80), c->f.key.tp_dst);
    assert_int_equal(htons(0x002), c->f.key.tcp_flags);
    assert_int_equal(htons(0x012), c->f.mask.tcp_flags);
    assert_int_equal(1, c->f.n_actions);
    assert_mirred(&c->f.actions[0], TCA_EGRESS_REDIR, 12);
    ctx_free(c);
}

static void
test_ipv6_udp_frag(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(2, ETH_TYPE_IPV6);
    struct flow *k = &c->m.flow, *m = &c->m.wc.masks;

    inet_pton(AF_INET6, "2001:db8::1", &k->ipv6_src);
    memset(&m->ipv6_src, 0xff, 8);
    inet_pton(AF_INET6, "2001:db8::2", &k->ipv6_dst);
    memset(&m->ipv6_dst, 0xff, 16);
    k->nw_proto = IPPROTO_UDP;
    m->nw_proto = 0xff;
    k->nw_frag = FLOW_NW_FRAG_ANY;
    m->nw_frag = FLOW_NW_FRAG_MASK;
    k->tp_dst = htons(53);
    m->tp_dst = OVS_BE16_MAX;
    odp_put_output(&c->a, 1);

    expect_ok(c);
    assert_int_equal(12, c->f.id.ifindex);
    assert_int_equal(htons(ETH_P_IPV6), c->f.id.protocol);
    assert_memory_equal(&k->ipv6_src, &c->f.key.ipv6_src, 8);
    {
        static const uint8_t zeros[8];
        assert_memory_equal(zeros, ((uint8_t *) &c->f.key.ipv6_src) + 8, 8);
    }
    assert_memory_equal(&k->ipv6_dst, &c->f.key.ipv6_dst, 16);
    assert_int_equal(IPPROTO_UDP, c->f.key.ip_proto);
    assert_int_equal(htons(53), c->f.key.tp_dst);
    /* First fragment: IS_FRAGMENT and FRAG_IS_FIRST, both matched. */
    assert_int_equal(htonl(TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT
                           | TCA_FLOWER_KEY_FLAGS_FRAG_IS_FIRST),
                     c->f.key.frag_flags);
    assert_int_equal(htonl(TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT
                           | TCA_FLOWER_KEY_FLAGS_FRAG_IS_FIRST),
                     c->f.mask.frag_flags);

    /* A later fragment: IS_FRAGMENT without FRAG_IS_FIRST. */
    k->nw_frag = FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER;
    k->tp_dst = 0;
    m->tp_dst = 0;
    expect_ok(c);
    assert_int_equal(htonl(TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT),
                     c->f.key.frag_flags);
    ctx_free(c);
}

static void
test_arp_and_icmp(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_ARP);
    struct flow *k = &c->m.flow, *m = &c->m.wc.masks;

    k->nw_src = htonl(0x0a000001);
    m->nw_src = OVS_BE32_MAX;
    k->nw_dst = htonl(0x0a000002);
    m->nw_dst = OVS_BE32_MAX;
    k->nw_proto = 1;
    m->nw_proto = 0xff;
    k->arp_sha = (struct eth_addr) { { 2, 0, 0, 0, 0, 1 } };
    m->arp_sha = (struct eth_addr) { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
    k->arp_tha = (struct eth_addr) { { 2, 0, 0, 0, 0, 2 } };
    m->arp_tha = (struct eth_addr) { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
    odp_put_output(&c->a, 2);
    expect_ok(c);
    assert_int_equal(htons(ETH_P_ARP), c->f.id.protocol);
    assert_int_equal(htonl(0x0a000001), c->f.key.arp_sip);
    assert_int_equal(htonl(0x0a000002), c->f.key.arp_tip);
    assert_int_equal(1, c->f.key.arp_op);
    assert_int_equal(0xff, c->f.mask.arp_op);
    assert_memory_equal(k->arp_sha.ea, c->f.key.arp_sha, 6);
    assert_memory_equal(k->arp_tha.ea, c->f.key.arp_tha, 6);
    ctx_free(c);

    c = ctx_new(1, ETH_TYPE_IP);
    k = &c->m.flow;
    m = &c->m.wc.masks;
    k->nw_proto = IPPROTO_ICMP;
    m->nw_proto = 0xff;
    k->tp_src = htons(8);
    m->tp_src = htons(0xff);
    k->tp_dst = htons(0);
    m->tp_dst = htons(0xff);
    odp_put_output(&c->a, 2);
    expect_ok(c);
    assert_int_equal(8, c->f.key.icmp_type);
    assert_int_equal(0xff, c->f.mask.icmp_type);
    assert_int_equal(0, c->f.key.icmp_code);
    assert_int_equal(0xff, c->f.mask.icmp_code);
    ctx_free(c);
}

static void
test_vlan_keys_and_actions(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IP);
    struct flow *k = &c->m.flow, *m = &c->m.wc.masks;

    k->vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
    k->vlans[0].tci = htons(VLAN_CFI | (5 << VLAN_PCP_SHIFT) | 10);
    m->vlans[0].tci = htons(VLAN_CFI | VLAN_VID_MASK | VLAN_PCP_MASK);
    m->vlans[0].tpid = OVS_BE16_MAX;
    odp_put_pop_vlan(&c->a);
    odp_put_output(&c->a, 2);
    expect_ok(c);
    assert_int_equal(htons(ETH_P_8021Q), c->f.id.protocol);
    assert_int_equal(htons(ETH_P_8021Q), c->f.key.eth_type);
    assert_int_equal(10, c->f.key.vlan[0].id);
    assert_int_equal(VLAN_VID_MASK, c->f.mask.vlan[0].id);
    assert_int_equal(5, c->f.key.vlan[0].prio);
    assert_int_equal(7, c->f.mask.vlan[0].prio);
    assert_int_equal(htons(ETH_P_IP), c->f.key.vlan[0].eth_type);
    assert_int_equal(2, c->f.n_actions);
    assert_int_equal(TC_ACT_VLAN_POP, c->f.actions[0].type);
    assert_mirred(&c->f.actions[1], TCA_EGRESS_REDIR, 12);

    /* Two tags: the outer says what follows is 802.1Q again. */
    k->vlans[0].tpid = htons(ETH_TYPE_VLAN_8021AD);
    k->vlans[1].tpid = htons(ETH_TYPE_VLAN_8021Q);
    k->vlans[1].tci = htons(VLAN_CFI | 20);
    m->vlans[1].tci = htons(VLAN_CFI | VLAN_VID_MASK);
    expect_ok(c);
    assert_int_equal(htons(ETH_P_8021AD), c->f.id.protocol);
    assert_int_equal(htons(ETH_P_8021Q), c->f.key.vlan[0].eth_type);
    assert_int_equal(20, c->f.key.vlan[1].id);
    assert_int_equal(0, c->f.mask.vlan[1].prio);
    assert_int_equal(htons(ETH_P_IP), c->f.key.vlan[1].eth_type);

    /* A partial VID mask cannot be expressed. */
    m->vlans[0].tci = htons(VLAN_CFI | 0x0f0);
    expect_refusal(c, OFFLOAD_R_MATCH, "vlan vid partial mask");
    ctx_free(c);

    c = ctx_new(1, ETH_TYPE_IP);
    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    odp_put_push_vlan(&c->a, htons(ETH_TYPE_VLAN_8021Q),
                      htons(VLAN_CFI | (3 << VLAN_PCP_SHIFT) | 100));
    odp_put_output(&c->a, 2);
    expect_ok(c);
    assert_int_equal(TC_ACT_VLAN_PUSH, c->f.actions[0].type);
    assert_int_equal(100, c->f.actions[0].vlan.id);
    assert_int_equal(3, c->f.actions[0].vlan.prio);
    assert_int_equal(htons(ETH_P_8021Q), c->f.actions[0].vlan.proto);
    ctx_free(c);
}

/* Tunnels. */

static void
test_decap(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(3, ETH_TYPE_IP);
    struct flow_tnl *k = &c->m.flow.tunnel, *m = &c->m.wc.masks.tunnel;

    k->tun_id = htonll(42);
    m->tun_id = OVS_BE64_MAX;
    k->ip_src = htonl(0xc0a80002);
    m->ip_src = OVS_BE32_MAX;
    k->ip_dst = htonl(0xc0a80001);
    m->ip_dst = OVS_BE32_MAX;
    k->tp_dst = htons(4789);
    m->tp_dst = OVS_BE16_MAX;
    k->ip_tos = 0;
    m->ip_tos = 0xff;
    k->ip_ttl = 64;
    m->ip_ttl = 0xff;
    k->flags = FLOW_TNL_F_KEY;
    m->flags = FLOW_TNL_F_MASK;
    odp_put_output(&c->a, 1);

    expect_ok(c);
    assert_int_equal(13, c->f.id.ifindex);
    assert_int_equal(htonl(42), c->f.key.enc.id);
    assert_int_equal(OVS_BE32_MAX, c->f.mask.enc.id);
    assert_int_equal(htonl(0xc0a80002), c->f.key.enc.ipv4_src);
    assert_int_equal(htonl(0xc0a80001), c->f.key.enc.ipv4_dst);
    assert_int_equal(htons(4789), c->f.key.enc.tp_dst);
    assert_int_equal(64, c->f.key.enc.ttl);
    assert_int_equal(0xff, c->f.mask.enc.tos);
    /* Without enc_flags the kernel cannot match csum/df: left out. */
    assert_int_equal(0, c->f.mask.enc.flags);
    assert_int_equal(2, c->f.n_actions);
    assert_int_equal(TC_ACT_TUNNEL_UNSET, c->f.actions[0].type);
    assert_mirred(&c->f.actions[1], TCA_EGRESS_REDIR, 11);

    /* With enc_flags: csum matched. */
    c->caps.enc_flags = true;
    k->flags |= FLOW_TNL_F_CSUM;
    expect_ok(c);
    assert_int_equal(htonl(TC_ENC_FLAG_CSUM), c->f.key.enc.flags);
    assert_int_equal(htonl(TC_ENC_FLAG_CSUM | TC_ENC_FLAG_DONT_FRAGMENT
                           | TC_ENC_FLAG_OAM), c->f.mask.enc.flags);

    /* Geneve options need enc_opts. */
    k->geneve_len = 8;
    k->geneve_opts[1] = 1;
    k->geneve_opts[3] = 1;      /* One word of data. */
    m->geneve_len = 0xff;
    memset(m->geneve_opts, 0xff, 8);
    expect_refusal(c, OFFLOAD_R_FEATURE, "geneve");
    c->caps.enc_opts = true;
    expect_ok(c);
    assert_int_equal(8, c->f.key.enc.opts.len);
    assert_int_equal(8, c->f.mask.enc.opts.len);
    assert_int_equal(0xe1, c->f.mask.enc.opts.data[3]);

    /* A partial key mask is not expressible. */
    m->tun_id = htonll(0xffff);
    expect_refusal(c, OFFLOAD_R_MATCH, "tun_id");
    ctx_free(c);
}

static void
test_encap_csum(void **state OVS_UNUSED)
{
    for (int csum = 0; csum < 2; csum++) {
        struct ctx *c = ctx_new(1, ETH_TYPE_IP);
        struct flow_tnl t;

        memset(&t, 0, sizeof t);
        t.tun_id = htonll(0x2a);
        t.ip_src = htonl(0xc0a80001);
        t.ip_dst = htonl(0xc0a80002);
        t.tp_dst = htons(4789);
        t.ip_ttl = 64;
        t.ip_tos = 4;
        t.flags = FLOW_TNL_F_KEY | FLOW_TNL_F_DONT_FRAGMENT
                  | (csum ? FLOW_TNL_F_CSUM : 0);
        odp_put_set_tunnel(&c->a, &t);
        odp_put_output(&c->a, 3);
        expect_ok(c);
        assert_int_equal(2, c->f.n_actions);
        const struct tc_action *a = &c->f.actions[0];
        assert_int_equal(TC_ACT_TUNNEL_SET, a->type);
        assert_int_equal(htonl(0x2a), a->tunnel.id);
        assert_int_equal(htonl(0xc0a80001), a->tunnel.ipv4_src);
        assert_int_equal(htonl(0xc0a80002), a->tunnel.ipv4_dst);
        assert_int_equal(htons(4789), a->tunnel.tp_dst);
        assert_int_equal(64, a->tunnel.ttl);
        assert_int_equal(4, a->tunnel.tos);
        /* Trap 5: csum from the flow's tunnel flags, nocsum otherwise. */
        assert_int_equal(csum, a->tunnel.csum);
        assert_false(a->tunnel.no_frag);
        assert_mirred(&c->f.actions[1], TCA_EGRESS_REDIR, 13);
        /* With a kernel that has no_frag, DF asks for it. */
        c->caps.no_frag = true;
        expect_ok(c);
        assert_true(c->f.actions[0].tunnel.no_frag);
        ctx_free(c);
    }
}

/* Actions. */

static void
test_outputs_mirror_and_internal(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IP);

    odp_put_output(&c->a, 2);
    odp_put_output(&c->a, 4);
    expect_ok(c);
    assert_int_equal(2, c->f.n_actions);
    assert_mirred(&c->f.actions[0], TCA_EGRESS_MIRROR, 12);
    assert_mirred(&c->f.actions[1], TCA_INGRESS_REDIR, 14);

    odp_put_output(&c->a, 2);
    expect_ok(c);
    assert_mirred(&c->f.actions[1], TCA_INGRESS_MIRROR, 14);
    assert_mirred(&c->f.actions[2], TCA_EGRESS_REDIR, 12);
    ctx_free(c);
}

static void
test_internal_in_port(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(4, ETH_TYPE_IP);

    odp_put_output(&c->a, 1);
    expect_ok(c);
    assert_int_equal(14, c->f.id.ifindex);
    assert_int_equal(TC_EGRESS_PARENT, c->f.id.parent);
    assert_mirred(&c->f.actions[0], TCA_EGRESS_REDIR, 11);
    ctx_free(c);
}

static void
test_drop(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IP);

    expect_ok(c);
    assert_int_equal(1, c->f.n_actions);
    assert_int_equal(TC_ACT_DROP, c->f.actions[0].type);
    ctx_free(c);
}

static void
test_pedit(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IP);
    struct ovs_key_ethernet ek, em;
    struct ovs_key_ipv4 ik, im;

    memset(&ek, 0, sizeof ek);
    memset(&em, 0, sizeof em);
    memcpy(ek.eth_dst, "\x02\x00\x00\x00\x00\x09", 6);
    memset(em.eth_dst, 0xff, 6);
    put_set_masked(&c->a, OVS_KEY_ATTR_ETHERNET, &ek, &em, sizeof ek);
    memset(&ik, 0, sizeof ik);
    memset(&im, 0, sizeof im);
    ik.ipv4_dst = htonl(0x0a000063);
    im.ipv4_dst = OVS_BE32_MAX;
    put_set_masked(&c->a, OVS_KEY_ATTR_IPV4, &ik, &im, sizeof ik);
    odp_put_output(&c->a, 2);

    expect_ok(c);
    assert_int_equal(3, c->f.n_actions);
    const struct tc_action *p = &c->f.actions[0];
    assert_int_equal(TC_ACT_PEDIT, p->type);
    assert_int_equal(3, p->pedit.n_keys);
    assert_int_equal(TCA_PEDIT_KEY_EX_HDR_TYPE_ETH, p->pedit.keys[0].htype);
    assert_int_equal(0, p->pedit.keys[0].off);
    assert_int_equal(htonl(0x02000000), p->pedit.keys[0].val);
    assert_int_equal(OVS_BE32_MAX, p->pedit.keys[0].mask);
    assert_int_equal(4, p->pedit.keys[1].off);
    assert_int_equal(htonl(0x00090000), p->pedit.keys[1].val);
    assert_int_equal(htonl(0xffff0000), p->pedit.keys[1].mask);
    assert_int_equal(TCA_PEDIT_KEY_EX_HDR_TYPE_IP4, p->pedit.keys[2].htype);
    assert_int_equal(16, p->pedit.keys[2].off);
    assert_int_equal(htonl(0x0a000063), p->pedit.keys[2].val);
    assert_int_equal(TC_ACT_CSUM, c->f.actions[1].type);
    assert_int_equal(TCA_CSUM_UPDATE_FLAG_IPV4HDR | TCA_CSUM_UPDATE_FLAG_TCP
                     | TCA_CSUM_UPDATE_FLAG_UDP | TCA_CSUM_UPDATE_FLAG_ICMP,
                     c->f.actions[1].csum_flags);
    assert_mirred(&c->f.actions[2], TCA_EGRESS_REDIR, 12);

    /* The IPv4 protocol field cannot be rewritten. */
    memset(&im, 0, sizeof im);
    im.ipv4_proto = 0xff;
    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    put_set_masked(&c->a, OVS_KEY_ATTR_IPV4, &ik, &im, sizeof ik);
    expect_refusal(c, OFFLOAD_R_ACTION, "set(ipv4)");
    ctx_free(c);
}

/* Refusals. */

static void
test_refuse_match(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IPV6);

    c->m.flow.ipv6_label = htonl(5);
    c->m.wc.masks.ipv6_label = htonl(0xfffff);
    odp_put_output(&c->a, 2);
    expect_refusal(c, OFFLOAD_R_MATCH, "ipv6_label");
    c->m.wc.masks.ipv6_label = 0;

    match_set_pkt_mark(&c->m, 7);
    expect_refusal(c, OFFLOAD_R_MATCH, "skb_mark");
    c->m.wc.masks.pkt_mark = 0;

    c->m.wc.masks.dl_type = htons(0xff00);
    expect_refusal(c, OFFLOAD_R_MATCH, "eth_type partial mask");
    c->m.wc.masks.dl_type = OVS_BE16_MAX;

    c->m.wc.masks.in_port.odp_port = 0;
    expect_refusal(c, OFFLOAD_R_MATCH, "in_port");
    ctx_free(c);
}

static void
test_refuse_actions(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(1, ETH_TYPE_IP);
    uint32_t mark = 5;

    odp_put_userspace(&c->a, 1, NULL, 0);
    expect_refusal(c, OFFLOAD_R_ACTION, "userspace");

    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    nl_put_unspec(&c->a, OVS_ACTION_ATTR_SET, NULL, 0);
    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    {
        size_t ofs = nl_nest_begin(&c->a, OVS_ACTION_ATTR_SET);
        nl_put_u32(&c->a, OVS_KEY_ATTR_SKB_MARK, mark);
        nl_nest_end(&c->a, ofs);
    }
    expect_refusal(c, OFFLOAD_R_ACTION, "set(skb_mark)");

    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    odp_put_output(&c->a, 3);
    expect_refusal(c, OFFLOAD_R_ACTION, "without set(tunnel)");

    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    odp_put_recirc(&c->a, 7);
    expect_refusal(c, OFFLOAD_R_RECIRC, "recirc(0x7)");
    c->caps.recirc = true;
    expect_ok(c);
    assert_int_equal(TC_ACT_GOTO, c->f.actions[0].type);
    assert_int_equal(7, c->f.actions[0].chain);

    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    for (int i = 0; i < TC_MAX_ACTIONS + 1; i++) {
        odp_put_output(&c->a, 2);
    }
    expect_refusal(c, OFFLOAD_R_TOO_MANY_ACTIONS, "more than");
    ctx_free(c);
}

static void
test_refuse_ports_and_features(void **state OVS_UNUSED)
{
    struct ctx *c = ctx_new(6, ETH_TYPE_IP);

    odp_put_output(&c->a, 2);
    expect_refusal(c, OFFLOAD_R_NO_DEVICE, "in_port 6");
    c->m.flow.in_port.odp_port = 9;
    expect_refusal(c, OFFLOAD_R_NO_DEVICE, "in_port 9");
    c->m.flow.in_port.odp_port = 5;
    expect_refusal(c, OFFLOAD_R_PORT_EXCLUDED, "p5");
    c->m.flow.in_port.odp_port = 1;
    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    odp_put_output(&c->a, 5);
    expect_refusal(c, OFFLOAD_R_PORT_EXCLUDED, "output to p5");
    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    odp_put_output(&c->a, 6);
    expect_refusal(c, OFFLOAD_R_NO_DEVICE, "output to port 6");

    nl_buf_use(&c->a, c->acts, sizeof c->acts);
    odp_put_output(&c->a, 2);
    match_set_ct_state_masked(&c->m, CS_TRACKED | CS_ESTABLISHED,
                              CS_TRACKED | CS_ESTABLISHED | CS_NEW);
    expect_refusal(c, OFFLOAD_R_FEATURE, "conntrack");
    c->caps.ct_state = true;
    expect_ok(c);
    assert_int_equal(TCA_FLOWER_KEY_CT_FLAGS_TRACKED
                     | TCA_FLOWER_KEY_CT_FLAGS_ESTABLISHED,
                     c->f.key.ct_state);
    assert_int_equal(TCA_FLOWER_KEY_CT_FLAGS_TRACKED
                     | TCA_FLOWER_KEY_CT_FLAGS_ESTABLISHED
                     | TCA_FLOWER_KEY_CT_FLAGS_NEW, c->f.mask.ct_state);

    match_set_recirc_id(&c->m, 3);
    expect_refusal(c, OFFLOAD_R_RECIRC, "recirc_id(0x3)");
    c->caps.recirc = true;
    expect_ok(c);
    assert_int_equal(3, c->f.id.chain);
    ctx_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv4_tcp),
        cmocka_unit_test(test_ipv6_udp_frag),
        cmocka_unit_test(test_arp_and_icmp),
        cmocka_unit_test(test_vlan_keys_and_actions),
        cmocka_unit_test(test_decap),
        cmocka_unit_test(test_encap_csum),
        cmocka_unit_test(test_outputs_mirror_and_internal),
        cmocka_unit_test(test_internal_in_port),
        cmocka_unit_test(test_drop),
        cmocka_unit_test(test_pedit),
        cmocka_unit_test(test_refuse_match),
        cmocka_unit_test(test_refuse_actions),
        cmocka_unit_test(test_refuse_ports_and_features),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
