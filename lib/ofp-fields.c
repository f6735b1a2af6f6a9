/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-fields.h"

#include <stddef.h>
#include <string.h>
#include "match.h"
#include "packets.h"
#include "util.h"

/* How a field sits in struct flow. */
enum mf_kind {
    MFK_BE,         /* 'n_bytes' bytes at 'offset', network byte order. */
    MFK_HOST,       /* A host-order integer of 'n_bytes' at 'offset'. */
    MFK_SPECIAL,    /* Converted by code in mf_get()/mf_put(). */
};

struct mf_impl {
    struct mf_field up;
    enum mf_kind kind;
    size_t offset;
};

#define NXM_OF(F, L) OFP_FIELD_HDR(NXM_CLASS_OF, F, L)
#define NXM_NX(F, L) OFP_FIELD_HDR(NXM_CLASS_NX, F, L)
#define OXM_OF(F, L) OFP_FIELD_HDR(OXM_CLASS_OPENFLOW_BASIC, F, L)
#define OFS(MEMBER) offsetof(struct flow, MEMBER)

/* F(ID, NAME, NXM, OXM, BYTES, BITS, MASKABLE, WRITABLE, PREREQ, FORMATS,
 *   KIND, OFFSET) */
#define F(ID, NAME, NXM, OXM, BYTES, BITS, MASK, WR, PRE, FMT, KIND, OFFSET) \
    [MFF_##ID] = { { MFF_##ID, NAME, NXM, OXM, BYTES, BITS, MASK, WR, \
                     MFP_##PRE, MF_FMT_##FMT }, MFK_##KIND, OFFSET }
#define REG(N) \
    F(REG0 + N, "reg" #N, NXM_NX(N, 4), 0, 4, 32, true, true, NONE, BOTH, \
      HOST, OFS(regs[N]))

static const struct mf_impl mf_table[MFF_N_IDS] = {
    F(DP_HASH, "dp_hash", NXM_NX(35, 4), 0, 4, 32, true, false, NONE, BOTH,
      HOST, OFS(dp_hash)),
    F(RECIRC_ID, "recirc_id", NXM_NX(36, 4), 0, 4, 32, false, false, NONE,
      BOTH, HOST, OFS(recirc_id)),
    F(IN_PORT, "in_port", NXM_OF(0, 2), 0, 2, 16, false, true, NONE, NXM,
      SPECIAL, 0),
    F(IN_PORT_OXM, "in_port_oxm", 0, OXM_OF(0, 4), 4, 32, false, true, NONE,
      OXM, SPECIAL, 0),
    F(ETH_SRC, "eth_src", NXM_OF(2, 6), OXM_OF(4, 6), 6, 48, true, true,
      NONE, BOTH, BE, OFS(dl_src)),
    F(ETH_DST, "eth_dst", NXM_OF(1, 6), OXM_OF(3, 6), 6, 48, true, true,
      NONE, BOTH, BE, OFS(dl_dst)),
    F(ETH_TYPE, "eth_type", NXM_OF(3, 2), OXM_OF(5, 2), 2, 16, false, false,
      NONE, BOTH, BE, OFS(dl_type)),
    F(VLAN_TCI, "vlan_tci", NXM_OF(4, 2), 0, 2, 16, true, true, NONE, NXM,
      BE, OFS(vlans[0].tci)),
    F(VLAN_VID, "vlan_vid", 0, OXM_OF(6, 2), 2, 13, true, true, NONE, OXM,
      SPECIAL, 0),
    F(VLAN_PCP, "vlan_pcp", 0, OXM_OF(7, 1), 1, 3, false, true, VLAN, OXM,
      SPECIAL, 0),
    F(IPV4_SRC, "ip_src", NXM_OF(7, 4), OXM_OF(11, 4), 4, 32, true, true,
      IPV4, BOTH, BE, OFS(nw_src)),
    F(IPV4_DST, "ip_dst", NXM_OF(8, 4), OXM_OF(12, 4), 4, 32, true, true,
      IPV4, BOTH, BE, OFS(nw_dst)),
    F(IPV6_SRC, "ipv6_src", NXM_NX(19, 16), OXM_OF(26, 16), 16, 128, true,
      true, IPV6, BOTH, BE, OFS(ipv6_src)),
    F(IPV6_DST, "ipv6_dst", NXM_NX(20, 16), OXM_OF(27, 16), 16, 128, true,
      true, IPV6, BOTH, BE, OFS(ipv6_dst)),
    F(IPV6_LABEL, "ipv6_label", NXM_NX(27, 4), OXM_OF(28, 4), 4, 20, true,
      true, IPV6, BOTH, BE, OFS(ipv6_label)),
    F(IP_FRAG, "ip_frag", NXM_NX(26, 1), 0, 1, 2, true, false, IP_ANY, BOTH,
      BE, OFS(nw_frag)),
    F(IP_TOS, "nw_tos", NXM_OF(5, 1), 0, 1, 8, false, true, IP_ANY, NXM,
      SPECIAL, 0),
    F(IP_DSCP, "ip_dscp", 0, OXM_OF(8, 1), 1, 6, false, true, IP_ANY, OXM,
      SPECIAL, 0),
    F(IP_ECN, "ip_ecn", NXM_NX(28, 1), OXM_OF(9, 1), 1, 2, false, true,
      IP_ANY, BOTH, SPECIAL, 0),
    F(IP_TTL, "nw_ttl", NXM_NX(29, 1), 0, 1, 8, false, true, IP_ANY, BOTH,
      BE, OFS(nw_ttl)),
    F(IP_PROTO, "ip_proto", NXM_OF(6, 1), OXM_OF(10, 1), 1, 8, false, false,
      IP_ANY, BOTH, BE, OFS(nw_proto)),
    F(TCP_SRC, "tcp_src", NXM_OF(9, 2), OXM_OF(13, 2), 2, 16, true, true,
      TCP, BOTH, BE, OFS(tp_src)),
    F(TCP_DST, "tcp_dst", NXM_OF(10, 2), OXM_OF(14, 2), 2, 16, true, true,
      TCP, BOTH, BE, OFS(tp_dst)),
    F(TCP_FLAGS, "tcp_flags", NXM_NX(34, 2), 0, 2, 12, true, false, TCP,
      BOTH, BE, OFS(tcp_flags)),
    F(UDP_SRC, "udp_src", NXM_OF(11, 2), OXM_OF(15, 2), 2, 16, true, true,
      UDP, BOTH, BE, OFS(tp_src)),
    F(UDP_DST, "udp_dst", NXM_OF(12, 2), OXM_OF(16, 2), 2, 16, true, true,
      UDP, BOTH, BE, OFS(tp_dst)),
    F(SCTP_SRC, "sctp_src", 0, OXM_OF(17, 2), 2, 16, true, true, SCTP, BOTH,
      BE, OFS(tp_src)),
    F(SCTP_DST, "sctp_dst", 0, OXM_OF(18, 2), 2, 16, true, true, SCTP, BOTH,
      BE, OFS(tp_dst)),
    F(ICMPV4_TYPE, "icmp_type", NXM_OF(13, 1), OXM_OF(19, 1), 1, 8, false,
      true, ICMPV4, BOTH, SPECIAL, 0),
    F(ICMPV4_CODE, "icmp_code", NXM_OF(14, 1), OXM_OF(20, 1), 1, 8, false,
      true, ICMPV4, BOTH, SPECIAL, 0),
    F(ICMPV6_TYPE, "icmpv6_type", NXM_NX(21, 1), OXM_OF(29, 1), 1, 8, false,
      true, ICMPV6, BOTH, SPECIAL, 0),
    F(ICMPV6_CODE, "icmpv6_code", NXM_NX(22, 1), OXM_OF(30, 1), 1, 8, false,
      true, ICMPV6, BOTH, SPECIAL, 0),
    F(ND_TARGET, "nd_target", NXM_NX(23, 16), OXM_OF(31, 16), 16, 128, true,
      true, ND, BOTH, BE, OFS(nd_target)),
    F(ND_SLL, "nd_sll", NXM_NX(24, 6), OXM_OF(32, 6), 6, 48, true, true,
      ND_SOLICIT, BOTH, BE, OFS(arp_sha)),
    F(ND_TLL, "nd_tll", NXM_NX(25, 6), OXM_OF(33, 6), 6, 48, true, true,
      ND_ADVERT, BOTH, BE, OFS(arp_tha)),
    F(ARP_OP, "arp_op", NXM_OF(15, 2), OXM_OF(21, 2), 2, 16, false, true,
      ARP, BOTH, SPECIAL, 0),
    F(ARP_SPA, "arp_spa", NXM_OF(16, 4), OXM_OF(22, 4), 4, 32, true, true,
      ARP, BOTH, BE, OFS(nw_src)),
    F(ARP_TPA, "arp_tpa", NXM_OF(17, 4), OXM_OF(23, 4), 4, 32, true, true,
      ARP, BOTH, BE, OFS(nw_dst)),
    F(ARP_SHA, "arp_sha", NXM_NX(17, 6), OXM_OF(24, 6), 6, 48, true, true,
      ARP, BOTH, BE, OFS(arp_sha)),
    F(ARP_THA, "arp_tha", NXM_NX(18, 6), OXM_OF(25, 6), 6, 48, true, true,
      ARP, BOTH, BE, OFS(arp_tha)),
    F(TUN_ID, "tun_id", NXM_NX(16, 8), OXM_OF(38, 8), 8, 64, true, true,
      NONE, BOTH, BE, OFS(tunnel.tun_id)),
    F(TUN_FLAGS, "tun_flags", NXM_NX(104, 2), 0, 2, 16, true, true, NONE,
      BOTH, HOST, OFS(tunnel.flags)),
    F(TUN_SRC, "tun_src", NXM_NX(31, 4), 0, 4, 32, true, true, NONE, BOTH,
      BE, OFS(tunnel.ip_src)),
    F(TUN_DST, "tun_dst", NXM_NX(32, 4), 0, 4, 32, true, true, NONE, BOTH,
      BE, OFS(tunnel.ip_dst)),
    F(TUN_IPV6_SRC, "tun_ipv6_src", NXM_NX(109, 16), 0, 16, 128, true, true,
      NONE, BOTH, BE, OFS(tunnel.ipv6_src)),
    F(TUN_IPV6_DST, "tun_ipv6_dst", NXM_NX(110, 16), 0, 16, 128, true, true,
      NONE, BOTH, BE, OFS(tunnel.ipv6_dst)),
    F(TUN_GBP_ID, "tun_gbp_id", NXM_NX(38, 2), 0, 2, 16, true, true, NONE,
      BOTH, BE, OFS(tunnel.gbp_id)),
    F(TUN_GBP_FLAGS, "tun_gbp_flags", NXM_NX(39, 1), 0, 1, 8, true, true,
      NONE, BOTH, BE, OFS(tunnel.gbp_flags)),
    REG(0), REG(1), REG(2), REG(3), REG(4), REG(5), REG(6), REG(7),
    REG(8), REG(9), REG(10), REG(11), REG(12), REG(13), REG(14), REG(15),
    F(PKT_MARK, "pkt_mark", NXM_NX(33, 4), 0, 4, 32, true, true, NONE, BOTH,
      HOST, OFS(pkt_mark)),
    F(CT_STATE, "ct_state", NXM_NX(105, 4), 0, 4, 32, true, false, NONE,
      BOTH, SPECIAL, 0),
    F(CT_ZONE, "ct_zone", NXM_NX(106, 2), 0, 2, 16, false, false, NONE,
      BOTH, HOST, OFS(ct_zone)),
    F(CT_MARK, "ct_mark", NXM_NX(107, 4), 0, 4, 32, true, true, NONE, BOTH,
      HOST, OFS(ct_mark)),
    F(CT_LABEL, "ct_label", NXM_NX(108, 16), 0, 16, 128, true, true, NONE,
      BOTH, SPECIAL, 0),
    F(METADATA, "metadata", 0, OXM_OF(2, 8), 8, 64, true, true, NONE, BOTH,
      BE, OFS(metadata)),
};

const struct mf_field *
mf_from_id(enum mf_id id)
{
    return id < MFF_N_IDS ? &mf_table[id].up : NULL;
}

const struct mf_field *
mf_from_name(const char *name)
{
    int i;

    for (i = 0; i < MFF_N_IDS; i++) {
        if (!strcmp(mf_table[i].up.name, name)) {
            return &mf_table[i].up;
        }
    }
    return NULL;
}

const struct mf_field *
mf_from_header(uint32_t header)
{
    int i;

    /* Class and field identify the field; the caller checks the length. */
    header &= 0xfffffe00;
    for (i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = &mf_table[i].up;

        if ((mf->nxm_header && (mf->nxm_header & 0xfffffe00) == header)
            || (mf->oxm_header
                && (mf->oxm_header & 0xfffffe00) == header)) {
            return mf;
        }
    }
    return NULL;
}

static const struct mf_impl *
mf_impl(const struct mf_field *mf)
{
    return &mf_table[mf->id];
}

static void
put_be_uint(uint8_t *p, uint64_t x, unsigned int n)
{
    while (n--) {
        p[n] = x;
        x >>= 8;
    }
}

static uint64_t
get_be_uint(const uint8_t *p, unsigned int n)
{
    uint64_t x = 0;
    unsigned int i;

    for (i = 0; i < n; i++) {
        x = (x << 8) | p[i];
    }
    return x;
}

static uint64_t
host_read(const void *p, unsigned int n)
{
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;

    switch (n) {
    case 1: memcpy(&u8, p, 1); return u8;
    case 2: memcpy(&u16, p, 2); return u16;
    case 4: memcpy(&u32, p, 4); return u32;
    default: memcpy(&u64, p, 8); return u64;
    }
}

static void
host_write(void *p, uint64_t x, unsigned int n)
{
    uint8_t u8 = x;
    uint16_t u16 = x;
    uint32_t u32 = x;

    switch (n) {
    case 1: memcpy(p, &u8, 1); break;
    case 2: memcpy(p, &u16, 2); break;
    case 4: memcpy(p, &u32, 4); break;
    default: memcpy(p, &x, 8); break;
    }
}

/* The value of a field that needs conversion, as a host integer of at most
 * 64 bits (CT_LABEL is handled by the callers). */
static uint64_t
mf_get_special(enum mf_id id, const struct flow *flow)
{
    uint32_t port = flow->in_port.ofp_port;
    uint16_t tci = ntohs(flow->vlans[0].tci);

    switch (id) {
    case MFF_IN_PORT:
        return port & 0xffff;
    case MFF_IN_PORT_OXM:
        return port >= OFPP_MAX && port <= 0xffff ? port + 0xffff0000 : port;
    case MFF_VLAN_VID:
        return tci & (VLAN_CFI | VLAN_VID_MASK);
    case MFF_VLAN_PCP:
        return tci >> VLAN_PCP_SHIFT;
    case MFF_IP_TOS:
        return flow->nw_tos & 0xfc;
    case MFF_IP_DSCP:
        return flow->nw_tos >> 2;
    case MFF_IP_ECN:
        return flow->nw_tos & 3;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        return ntohs(flow->tp_src) & 0xff;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        return ntohs(flow->tp_dst) & 0xff;
    case MFF_ARP_OP:
        return flow->nw_proto;
    case MFF_CT_STATE:
        return flow->ct_state;
    default:
        return 0;
    }
}

static void
mf_put_special(enum mf_id id, uint64_t x, struct flow *flow)
{
    uint16_t tci = ntohs(flow->vlans[0].tci);

    switch (id) {
    case MFF_IN_PORT:
        flow->in_port.ofp_port = x & 0xffff;
        break;
    case MFF_IN_PORT_OXM:
        flow->in_port.ofp_port = (x >= 0xffffff00 ? x - 0xffff0000
                                  : x & 0xffff);
        break;
    case MFF_VLAN_VID:
        tci = (tci & VLAN_PCP_MASK) | (x & (VLAN_CFI | VLAN_VID_MASK));
        flow->vlans[0].tci = htons(tci);
        break;
    case MFF_VLAN_PCP:
        tci = (tci & ~VLAN_PCP_MASK) | ((x & 7) << VLAN_PCP_SHIFT);
        flow->vlans[0].tci = htons(tci);
        break;
    case MFF_IP_TOS:
        flow->nw_tos = (flow->nw_tos & 3) | (x & 0xfc);
        break;
    case MFF_IP_DSCP:
        flow->nw_tos = (flow->nw_tos & 3) | ((x & 0x3f) << 2);
        break;
    case MFF_IP_ECN:
        flow->nw_tos = (flow->nw_tos & 0xfc) | (x & 3);
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        flow->tp_src = htons(x & 0xff);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        flow->tp_dst = htons(x & 0xff);
        break;
    case MFF_ARP_OP:
        flow->nw_proto = x;
        break;
    case MFF_CT_STATE:
        flow->ct_state = x;
        break;
    default:
        break;
    }
}

void
mf_get(const struct mf_field *mf, const struct flow *flow,
       union mf_value *value)
{
    const struct mf_impl *impl = mf_impl(mf);
    const uint8_t *p = (const uint8_t *) flow + impl->offset;

    memset(value, 0, sizeof *value);
    if (impl->kind == MFK_BE) {
        memcpy(value->b, p, mf->n_bytes);
    } else if (impl->kind == MFK_HOST) {
        put_be_uint(value->b, host_read(p, mf->n_bytes), mf->n_bytes);
    } else if (mf->id == MFF_CT_LABEL) {
        put_be_uint(value->b, flow->ct_label.u64[1], 8);
        put_be_uint(value->b + 8, flow->ct_label.u64[0], 8);
    } else {
        put_be_uint(value->b, mf_get_special(mf->id, flow), mf->n_bytes);
    }
}

void
mf_put(const struct mf_field *mf, const union mf_value *value,
       struct flow *flow)
{
    const struct mf_impl *impl = mf_impl(mf);
    uint8_t *p = (uint8_t *) flow + impl->offset;

    if (impl->kind == MFK_BE) {
        memcpy(p, value->b, mf->n_bytes);
    } else if (impl->kind == MFK_HOST) {
        host_write(p, get_be_uint(value->b, mf->n_bytes), mf->n_bytes);
    } else if (mf->id == MFF_CT_LABEL) {
        flow->ct_label.u64[1] = get_be_uint(value->b, 8);
        flow->ct_label.u64[0] = get_be_uint(value->b + 8, 8);
    } else {
        mf_put_special(mf->id, get_be_uint(value->b, mf->n_bytes), flow);
    }
}

static void
mf_exact_mask(const struct mf_field *mf, union mf_value *mask)
{
    unsigned int i, bits = mf->n_bits;

    memset(mask, 0, sizeof *mask);
    for (i = mf->n_bytes; i-- > 0 && bits; ) {
        unsigned int n = bits < 8 ? bits : 8;

        mask->b[i] = (1u << n) - 1;
        bits -= n;
    }
}

void
mf_set_match(const struct mf_field *mf, const union mf_value *value,
             const union mf_value *mask, struct match *match)
{
    union mf_value exact;

    if (!mask) {
        mf_exact_mask(mf, &exact);
        mask = &exact;
    }
    if (mf->id == MFF_IN_PORT || mf->id == MFF_IN_PORT_OXM) {
        /* A port is matched whole, as match_set_in_port_ofp() does. */
        mf_put(mf, value, &match->flow);
        match->wc.masks.in_port.ofp_port = UINT32_MAX;
    } else {
        mf_put(mf, value, &match->flow);
        mf_put(mf, mask, &match->wc.masks);
    }
    /* ICMP type and code fill the low byte of a 16-bit port field whose
     * high byte is always zero; match.c matches them as the whole field. */
    if ((mf->id == MFF_ICMPV4_TYPE || mf->id == MFF_ICMPV6_TYPE)
        && match->wc.masks.tp_src) {
        match->wc.masks.tp_src = OVS_BE16_MAX;
    } else if ((mf->id == MFF_ICMPV4_CODE || mf->id == MFF_ICMPV6_CODE)
               && match->wc.masks.tp_dst) {
        match->wc.masks.tp_dst = OVS_BE16_MAX;
    }
    match_init(match, &match->flow, &match->wc);
}

bool
mf_value_is_zero(const struct mf_field *mf, const union mf_value *v)
{
    unsigned int i;

    for (i = 0; i < mf->n_bytes; i++) {
        if (v->b[i]) {
            return false;
        }
    }
    return true;
}

bool
mf_value_is_exact(const struct mf_field *mf, const union mf_value *v)
{
    union mf_value exact;

    mf_exact_mask(mf, &exact);
    return !memcmp(exact.b, v->b, mf->n_bytes);
}

bool
mf_value_is_valid(const struct mf_field *mf, const union mf_value *v)
{
    union mf_value exact;
    unsigned int i;

    mf_exact_mask(mf, &exact);
    for (i = 0; i < mf->n_bytes; i++) {
        if (v->b[i] & ~exact.b[i]) {
            return false;
        }
    }
    switch (mf->id) {
    case MFF_IN_PORT_OXM: {
        uint32_t port = get_be_uint(v->b, 4);

        return port < OFPP_MAX || port >= 0xffffff00;
    }
    case MFF_ARP_OP:
        return v->b[0] == 0;
    case MFF_IP_TOS:
        return !(v->b[0] & 3);
    case MFF_CT_STATE:
        return !v->b[0] && !v->b[1] && !v->b[2];
    default:
        return true;
    }
}

static bool
dl_type_is(const struct match *m, uint16_t type)
{
    return (m->wc.masks.dl_type == OVS_BE16_MAX
            && m->flow.dl_type == htons(type));
}

static bool
nw_proto_is(const struct match *m, uint16_t dl_type, uint8_t proto)
{
    return (dl_type_is(m, dl_type) && m->wc.masks.nw_proto == 0xff
            && m->flow.nw_proto == proto);
}

static bool
ip_proto_is(const struct match *m, uint8_t proto)
{
    return (nw_proto_is(m, ETH_TYPE_IP, proto)
            || nw_proto_is(m, ETH_TYPE_IPV6, proto));
}

static bool
icmpv6_type_is(const struct match *m, int type)
{
    return (nw_proto_is(m, ETH_TYPE_IPV6, IPPROTO_ICMPV6)
            && (m->wc.masks.tp_src & htons(0xff)) == htons(0xff)
            && (type < 0 ? (m->flow.tp_src == htons(135)
                            || m->flow.tp_src == htons(136))
                : m->flow.tp_src == htons(type)));
}

bool
mf_prereqs_ok(const struct mf_field *mf, const struct match *m)
{
    switch (mf->prereq) {
    case MFP_NONE:
        return true;
    case MFP_VLAN:
        return (m->wc.masks.vlans[0].tci & m->flow.vlans[0].tci
                & htons(VLAN_CFI)) != 0;
    case MFP_ARP:
        return dl_type_is(m, ETH_TYPE_ARP) || dl_type_is(m, ETH_TYPE_RARP);
    case MFP_IPV4:
        return dl_type_is(m, ETH_TYPE_IP);
    case MFP_IPV6:
        return dl_type_is(m, ETH_TYPE_IPV6);
    case MFP_IP_ANY:
        return dl_type_is(m, ETH_TYPE_IP) || dl_type_is(m, ETH_TYPE_IPV6);
    case MFP_TCP:
        return ip_proto_is(m, IPPROTO_TCP);
    case MFP_UDP:
        return ip_proto_is(m, IPPROTO_UDP);
    case MFP_SCTP:
        return ip_proto_is(m, IPPROTO_SCTP);
    case MFP_ICMPV4:
        return nw_proto_is(m, ETH_TYPE_IP, IPPROTO_ICMP);
    case MFP_ICMPV6:
        return nw_proto_is(m, ETH_TYPE_IPV6, IPPROTO_ICMPV6);
    case MFP_ND:
        return icmpv6_type_is(m, -1);
    case MFP_ND_SOLICIT:
        return icmpv6_type_is(m, 135);
    case MFP_ND_ADVERT:
        return icmpv6_type_is(m, 136);
    default:
        return false;
    }
}
