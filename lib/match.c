/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "match.h"

#include <string.h>
#include "util.h"

static const struct in6_addr in6addr_exact__ = IN6ADDR_EXACT_INIT;

/* Matches the bits of 'MASK' of field 'FIELD' of 'MATCH' against the same
 * bits of 'VALUE', for integer fields. */
#define SET_MASKED__(MATCH, FIELD, VALUE, MASK)             \
    do {                                                    \
        (MATCH)->wc.masks.FIELD = (MASK);                   \
        (MATCH)->flow.FIELD = (VALUE) & (MASK);             \
    } while (0)

void
match_init(struct match *match, const struct flow *flow,
           const struct flow_wildcards *wc)
{
    match->flow = *flow;
    match->wc = *wc;
    flow_clear_padding(&match->wc.masks);
    flow_zero_wildcards(&match->flow, &match->wc);
}

void
match_init_catchall(struct match *match)
{
    memset(&match->flow, 0, sizeof match->flow);
    flow_wildcards_init_catchall(&match->wc);
}

void
match_init_exact(struct match *match, const struct flow *flow)
{
    struct flow_wildcards wc;

    flow_wildcards_init_exact(&wc);
    match_init(match, flow, &wc);
}

bool
match_equal(const struct match *a, const struct match *b)
{
    return (flow_equal(&a->flow, &b->flow)
            && flow_wildcards_equal(&a->wc, &b->wc));
}

uint32_t
match_hash(const struct match *match, uint32_t basis)
{
    return flow_hash(&match->flow, flow_hash(&match->wc.masks, basis));
}

bool
match_is_catchall(const struct match *match)
{
    return flow_wildcards_is_catchall(&match->wc);
}

bool
match_matches_flow(const struct match *match, const struct flow *flow)
{
    const uint8_t *m = (const uint8_t *) &match->flow;
    const uint8_t *mask = (const uint8_t *) &match->wc.masks;
    const uint8_t *f = (const uint8_t *) flow;

    for (size_t i = 0; i < sizeof *flow; i += 8) {
        uint64_t mw, maskw, fw;

        memcpy(&mw, m + i, 8);
        memcpy(&maskw, mask + i, 8);
        memcpy(&fw, f + i, 8);
        if ((mw ^ fw) & maskw) {
            return false;
        }
    }
    return true;
}

bool
match_is_normalized(const struct match *match)
{
    struct flow masked = match->flow;

    if (!flow_padding_is_zero(&match->flow)
        || !flow_padding_is_zero(&match->wc.masks)) {
        return false;
    }
    flow_zero_wildcards(&masked, &match->wc);
    return flow_equal(&masked, &match->flow);
}

/* Setters that do not follow the common pattern. */

void
match_set_in_port_odp(struct match *match, odp_port_t port)
{
    SET_MASKED__(match, in_port.odp_port, port, UINT32_MAX);
}

void
match_set_in_port_ofp(struct match *match, ofp_port_t port)
{
    SET_MASKED__(match, in_port.ofp_port, ofp_to_u16(port), UINT32_MAX);
}

void
match_set_ct_label(struct match *match, ovs_u128 value)
{
    match_set_ct_label_masked(match, value, OVS_U128_MAX);
}

void
match_set_ct_label_masked(struct match *match, ovs_u128 value,
                          ovs_u128 mask)
{
    match->wc.masks.ct_label = mask;
    match->flow.ct_label = ovs_u128_and(value, mask);
}

static void
check_reg_idx__(unsigned int idx)
{
    if (idx >= FLOW_N_REGS) {
        ovs_fatal(0, "register index %u out of range", idx);
    }
}

void
match_set_reg(struct match *match, unsigned int idx, uint32_t value)
{
    match_set_reg_masked(match, idx, value, UINT32_MAX);
}

void
match_set_reg_masked(struct match *match, unsigned int idx, uint32_t value,
                     uint32_t mask)
{
    check_reg_idx__(idx);
    SET_MASKED__(match, regs[idx], value, mask);
}

void
match_set_tun_geneve(struct match *match, const void *opts, size_t len)
{
    uint8_t mask[FLOW_TNL_GENEVE_MAX];

    memset(mask, 0xff, sizeof mask);
    match_set_tun_geneve_masked(match, opts, mask, len);
}

void
match_set_tun_geneve_masked(struct match *match, const void *opts_,
                            const void *mask_, size_t len)
{
    struct flow_tnl *tnl = &match->flow.tunnel;
    struct flow_tnl *tnl_mask = &match->wc.masks.tunnel;
    const uint8_t *opts = opts_;
    const uint8_t *mask = mask_;

    if (len > FLOW_TNL_GENEVE_MAX || len % 4) {
        ovs_fatal(0, "Geneve options length %zu invalid", len);
    }
    memset(tnl->geneve_opts, 0, sizeof tnl->geneve_opts);
    memset(tnl_mask->geneve_opts, 0, sizeof tnl_mask->geneve_opts);
    for (size_t i = 0; i < len; i++) {
        tnl_mask->geneve_opts[i] = mask[i];
        tnl->geneve_opts[i] = opts[i] & mask[i];
    }
    tnl->geneve_len = len;
    tnl_mask->geneve_len = UINT8_MAX;
}

static void
check_vlan_idx__(int idx)
{
    if (idx < 0 || idx >= FLOW_MAX_VLAN_HEADERS) {
        ovs_fatal(0, "VLAN index %d out of range", idx);
    }
}

void
match_set_vlan_tci(struct match *match, int idx, ovs_be16 tci)
{
    match_set_vlan_tci_masked(match, idx, tci, OVS_BE16_MAX);
}

void
match_set_vlan_tci_masked(struct match *match, int idx, ovs_be16 tci,
                          ovs_be16 mask)
{
    check_vlan_idx__(idx);
    SET_MASKED__(match, vlans[idx].tci, tci, mask);
}

/* Matches, in the TCI of VLAN tag 'idx', the bits of 'field_mask' (host
 * order) to 'field_bits' and requires the tag to be present, leaving the
 * other bits as they were. */
static void
set_vlan_tci_bits__(struct match *match, int idx, uint16_t field_bits,
                    uint16_t field_mask)
{
    uint16_t mask, tci;

    check_vlan_idx__(idx);
    field_mask |= VLAN_CFI;
    field_bits = (field_bits & field_mask) | VLAN_CFI;
    mask = ntohs(match->wc.masks.vlans[idx].tci) | field_mask;
    tci = (ntohs(match->flow.vlans[idx].tci) & ~field_mask) | field_bits;
    match_set_vlan_tci_masked(match, idx, htons(tci), htons(mask));
}

void
match_set_vlan_vid(struct match *match, int idx, uint16_t vid)
{
    set_vlan_tci_bits__(match, idx, vid & VLAN_VID_MASK, VLAN_VID_MASK);
}

void
match_set_vlan_pcp(struct match *match, int idx, uint8_t pcp)
{
    set_vlan_tci_bits__(match, idx, (uint16_t) pcp << VLAN_PCP_SHIFT,
                        VLAN_PCP_MASK);
}

void
match_set_no_vlan(struct match *match, int idx)
{
    match_set_vlan_tci(match, idx, 0);
}

void
match_set_vlan_tpid(struct match *match, int idx, ovs_be16 tpid)
{
    check_vlan_idx__(idx);
    SET_MASKED__(match, vlans[idx].tpid, tpid, OVS_BE16_MAX);
}

void
match_set_nw_dscp(struct match *match, uint8_t dscp)
{
    match_set_nw_tos_masked(match,
                            (match->flow.nw_tos & ~IP_DSCP_MASK)
                            | (dscp & IP_DSCP_MASK),
                            match->wc.masks.nw_tos | IP_DSCP_MASK);
}

void
match_set_nw_ecn(struct match *match, uint8_t ecn)
{
    match_set_nw_tos_masked(match,
                            (match->flow.nw_tos & ~IP_ECN_MASK)
                            | (ecn & IP_ECN_MASK),
                            match->wc.masks.nw_tos | IP_ECN_MASK);
}

void
match_set_icmp_type(struct match *match, uint8_t type)
{
    match_set_tp_src(match, htons(type));
}

void
match_set_icmp_code(struct match *match, uint8_t code)
{
    match_set_tp_dst(match, htons(code));
}

/* Setters of the common pattern. */

void
match_set_dp_hash(struct match *match, uint32_t value)
{
    match_set_dp_hash_masked(match, value, UINT32_MAX);
}

void
match_set_dp_hash_masked(struct match *match, uint32_t value, uint32_t mask)
{
    SET_MASKED__(match, dp_hash, value, mask);
}

void
match_set_pkt_mark(struct match *match, uint32_t value)
{
    match_set_pkt_mark_masked(match, value, UINT32_MAX);
}

void
match_set_pkt_mark_masked(struct match *match, uint32_t value, uint32_t mask)
{
    SET_MASKED__(match, pkt_mark, value, mask);
}

void
match_set_ct_state(struct match *match, uint8_t value)
{
    match_set_ct_state_masked(match, value, UINT8_MAX);
}

void
match_set_ct_state_masked(struct match *match, uint8_t value, uint8_t mask)
{
    SET_MASKED__(match, ct_state, value, mask);
}

void
match_set_ct_zone(struct match *match, uint16_t value)
{
    match_set_ct_zone_masked(match, value, UINT16_MAX);
}

void
match_set_ct_zone_masked(struct match *match, uint16_t value, uint16_t mask)
{
    SET_MASKED__(match, ct_zone, value, mask);
}

void
match_set_ct_mark(struct match *match, uint32_t value)
{
    match_set_ct_mark_masked(match, value, UINT32_MAX);
}

void
match_set_ct_mark_masked(struct match *match, uint32_t value, uint32_t mask)
{
    SET_MASKED__(match, ct_mark, value, mask);
}

void
match_set_ct_nw_src(struct match *match, ovs_be32 value)
{
    match_set_ct_nw_src_masked(match, value, OVS_BE32_MAX);
}

void
match_set_ct_nw_src_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, ct_nw_src, value, mask);
}

void
match_set_ct_nw_dst(struct match *match, ovs_be32 value)
{
    match_set_ct_nw_dst_masked(match, value, OVS_BE32_MAX);
}

void
match_set_ct_nw_dst_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, ct_nw_dst, value, mask);
}

void
match_set_ct_tp_src(struct match *match, ovs_be16 value)
{
    match_set_ct_tp_src_masked(match, value, OVS_BE16_MAX);
}

void
match_set_ct_tp_src_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, ct_tp_src, value, mask);
}

void
match_set_ct_tp_dst(struct match *match, ovs_be16 value)
{
    match_set_ct_tp_dst_masked(match, value, OVS_BE16_MAX);
}

void
match_set_ct_tp_dst_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, ct_tp_dst, value, mask);
}

void
match_set_metadata(struct match *match, ovs_be64 value)
{
    match_set_metadata_masked(match, value, OVS_BE64_MAX);
}

void
match_set_metadata_masked(struct match *match, ovs_be64 value, ovs_be64 mask)
{
    SET_MASKED__(match, metadata, value, mask);
}

void
match_set_tun_id(struct match *match, ovs_be64 value)
{
    match_set_tun_id_masked(match, value, OVS_BE64_MAX);
}

void
match_set_tun_id_masked(struct match *match, ovs_be64 value, ovs_be64 mask)
{
    SET_MASKED__(match, tunnel.tun_id, value, mask);
}

void
match_set_tun_src(struct match *match, ovs_be32 value)
{
    match_set_tun_src_masked(match, value, OVS_BE32_MAX);
}

void
match_set_tun_src_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, tunnel.ip_src, value, mask);
}

void
match_set_tun_dst(struct match *match, ovs_be32 value)
{
    match_set_tun_dst_masked(match, value, OVS_BE32_MAX);
}

void
match_set_tun_dst_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, tunnel.ip_dst, value, mask);
}

void
match_set_tun_tos(struct match *match, uint8_t value)
{
    match_set_tun_tos_masked(match, value, UINT8_MAX);
}

void
match_set_tun_tos_masked(struct match *match, uint8_t value, uint8_t mask)
{
    SET_MASKED__(match, tunnel.ip_tos, value, mask);
}

void
match_set_tun_ttl(struct match *match, uint8_t value)
{
    match_set_tun_ttl_masked(match, value, UINT8_MAX);
}

void
match_set_tun_ttl_masked(struct match *match, uint8_t value, uint8_t mask)
{
    SET_MASKED__(match, tunnel.ip_ttl, value, mask);
}

void
match_set_tun_tp_src(struct match *match, ovs_be16 value)
{
    match_set_tun_tp_src_masked(match, value, OVS_BE16_MAX);
}

void
match_set_tun_tp_src_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, tunnel.tp_src, value, mask);
}

void
match_set_tun_tp_dst(struct match *match, ovs_be16 value)
{
    match_set_tun_tp_dst_masked(match, value, OVS_BE16_MAX);
}

void
match_set_tun_tp_dst_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, tunnel.tp_dst, value, mask);
}

void
match_set_tun_flags(struct match *match, uint16_t value)
{
    match_set_tun_flags_masked(match, value, UINT16_MAX);
}

void
match_set_tun_flags_masked(struct match *match, uint16_t value, uint16_t mask)
{
    SET_MASKED__(match, tunnel.flags, value, mask);
}

void
match_set_tun_gbp_id(struct match *match, ovs_be16 value)
{
    match_set_tun_gbp_id_masked(match, value, OVS_BE16_MAX);
}

void
match_set_tun_gbp_id_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, tunnel.gbp_id, value, mask);
}

void
match_set_tun_gbp_flags(struct match *match, uint8_t value)
{
    match_set_tun_gbp_flags_masked(match, value, UINT8_MAX);
}

void
match_set_tun_gbp_flags_masked(struct match *match, uint8_t value,
                               uint8_t mask)
{
    SET_MASKED__(match, tunnel.gbp_flags, value, mask);
}

void
match_set_nw_src(struct match *match, ovs_be32 value)
{
    match_set_nw_src_masked(match, value, OVS_BE32_MAX);
}

void
match_set_nw_src_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, nw_src, value, mask);
}

void
match_set_nw_dst(struct match *match, ovs_be32 value)
{
    match_set_nw_dst_masked(match, value, OVS_BE32_MAX);
}

void
match_set_nw_dst_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, nw_dst, value, mask);
}

void
match_set_ipv6_label(struct match *match, ovs_be32 value)
{
    match_set_ipv6_label_masked(match, value, OVS_BE32_MAX);
}

void
match_set_ipv6_label_masked(struct match *match, ovs_be32 value, ovs_be32 mask)
{
    SET_MASKED__(match, ipv6_label, value, mask);
}

void
match_set_nw_tos(struct match *match, uint8_t value)
{
    match_set_nw_tos_masked(match, value, UINT8_MAX);
}

void
match_set_nw_tos_masked(struct match *match, uint8_t value, uint8_t mask)
{
    SET_MASKED__(match, nw_tos, value, mask);
}

void
match_set_nw_ttl(struct match *match, uint8_t value)
{
    match_set_nw_ttl_masked(match, value, UINT8_MAX);
}

void
match_set_nw_ttl_masked(struct match *match, uint8_t value, uint8_t mask)
{
    SET_MASKED__(match, nw_ttl, value, mask);
}

void
match_set_nw_frag(struct match *match, uint8_t value)
{
    match_set_nw_frag_masked(match, value, UINT8_MAX);
}

void
match_set_nw_frag_masked(struct match *match, uint8_t value, uint8_t mask)
{
    SET_MASKED__(match, nw_frag, value, mask);
}

void
match_set_tp_src(struct match *match, ovs_be16 value)
{
    match_set_tp_src_masked(match, value, OVS_BE16_MAX);
}

void
match_set_tp_src_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, tp_src, value, mask);
}

void
match_set_tp_dst(struct match *match, ovs_be16 value)
{
    match_set_tp_dst_masked(match, value, OVS_BE16_MAX);
}

void
match_set_tp_dst_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, tp_dst, value, mask);
}

void
match_set_tcp_flags(struct match *match, ovs_be16 value)
{
    match_set_tcp_flags_masked(match, value, OVS_BE16_MAX);
}

void
match_set_tcp_flags_masked(struct match *match, ovs_be16 value, ovs_be16 mask)
{
    SET_MASKED__(match, tcp_flags, value, mask);
}

void
match_set_recirc_id(struct match *match, uint32_t value)
{
    SET_MASKED__(match, recirc_id, value, UINT32_MAX);
}

void
match_set_skb_priority(struct match *match, uint32_t value)
{
    SET_MASKED__(match, skb_priority, value, UINT32_MAX);
}

void
match_set_ct_nw_proto(struct match *match, uint8_t value)
{
    SET_MASKED__(match, ct_nw_proto, value, UINT8_MAX);
}

void
match_set_dl_type(struct match *match, ovs_be16 value)
{
    SET_MASKED__(match, dl_type, value, OVS_BE16_MAX);
}

void
match_set_nw_proto(struct match *match, uint8_t value)
{
    SET_MASKED__(match, nw_proto, value, UINT8_MAX);
}

void
match_set_ct_ipv6_src(struct match *match, const struct in6_addr *value)
{
    match_set_ct_ipv6_src_masked(match, value, &in6addr_exact__);
}

void
match_set_ct_ipv6_src_masked(struct match *match, const struct in6_addr *value,
                             const struct in6_addr *mask)
{
    match->wc.masks.ct_ipv6_src = *mask;
    match->flow.ct_ipv6_src = ipv6_addr_bitand(value, mask);
}

void
match_set_ct_ipv6_dst(struct match *match, const struct in6_addr *value)
{
    match_set_ct_ipv6_dst_masked(match, value, &in6addr_exact__);
}

void
match_set_ct_ipv6_dst_masked(struct match *match, const struct in6_addr *value,
                             const struct in6_addr *mask)
{
    match->wc.masks.ct_ipv6_dst = *mask;
    match->flow.ct_ipv6_dst = ipv6_addr_bitand(value, mask);
}

void
match_set_tun_ipv6_src(struct match *match, const struct in6_addr *value)
{
    match_set_tun_ipv6_src_masked(match, value, &in6addr_exact__);
}

void
match_set_tun_ipv6_src_masked(struct match *match,
                              const struct in6_addr *value,
                              const struct in6_addr *mask)
{
    match->wc.masks.tunnel.ipv6_src = *mask;
    match->flow.tunnel.ipv6_src = ipv6_addr_bitand(value, mask);
}

void
match_set_tun_ipv6_dst(struct match *match, const struct in6_addr *value)
{
    match_set_tun_ipv6_dst_masked(match, value, &in6addr_exact__);
}

void
match_set_tun_ipv6_dst_masked(struct match *match,
                              const struct in6_addr *value,
                              const struct in6_addr *mask)
{
    match->wc.masks.tunnel.ipv6_dst = *mask;
    match->flow.tunnel.ipv6_dst = ipv6_addr_bitand(value, mask);
}

void
match_set_ipv6_src(struct match *match, const struct in6_addr *value)
{
    match_set_ipv6_src_masked(match, value, &in6addr_exact__);
}

void
match_set_ipv6_src_masked(struct match *match, const struct in6_addr *value,
                          const struct in6_addr *mask)
{
    match->wc.masks.ipv6_src = *mask;
    match->flow.ipv6_src = ipv6_addr_bitand(value, mask);
}

void
match_set_ipv6_dst(struct match *match, const struct in6_addr *value)
{
    match_set_ipv6_dst_masked(match, value, &in6addr_exact__);
}

void
match_set_ipv6_dst_masked(struct match *match, const struct in6_addr *value,
                          const struct in6_addr *mask)
{
    match->wc.masks.ipv6_dst = *mask;
    match->flow.ipv6_dst = ipv6_addr_bitand(value, mask);
}

void
match_set_nd_target(struct match *match, const struct in6_addr *value)
{
    match_set_nd_target_masked(match, value, &in6addr_exact__);
}

void
match_set_nd_target_masked(struct match *match, const struct in6_addr *value,
                           const struct in6_addr *mask)
{
    match->wc.masks.nd_target = *mask;
    match->flow.nd_target = ipv6_addr_bitand(value, mask);
}

void
match_set_dl_dst(struct match *match, struct eth_addr value)
{
    match_set_dl_dst_masked(match, value, ETH_ADDR_EXACT);
}

void
match_set_dl_dst_masked(struct match *match, struct eth_addr value,
                        struct eth_addr mask)
{
    match->wc.masks.dl_dst = mask;
    match->flow.dl_dst = eth_addr_and(value, mask);
}

void
match_set_dl_src(struct match *match, struct eth_addr value)
{
    match_set_dl_src_masked(match, value, ETH_ADDR_EXACT);
}

void
match_set_dl_src_masked(struct match *match, struct eth_addr value,
                        struct eth_addr mask)
{
    match->wc.masks.dl_src = mask;
    match->flow.dl_src = eth_addr_and(value, mask);
}

void
match_set_arp_sha(struct match *match, struct eth_addr value)
{
    match_set_arp_sha_masked(match, value, ETH_ADDR_EXACT);
}

void
match_set_arp_sha_masked(struct match *match, struct eth_addr value,
                         struct eth_addr mask)
{
    match->wc.masks.arp_sha = mask;
    match->flow.arp_sha = eth_addr_and(value, mask);
}

void
match_set_arp_tha(struct match *match, struct eth_addr value)
{
    match_set_arp_tha_masked(match, value, ETH_ADDR_EXACT);
}

void
match_set_arp_tha_masked(struct match *match, struct eth_addr value,
                         struct eth_addr mask)
{
    match->wc.masks.arp_tha = mask;
    match->flow.arp_tha = eth_addr_and(value, mask);
}
