/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef MATCH_H
#define MATCH_H 1

/* struct match: a flow and a mask of the same shape, the unit in which the
 * OpenFlow classifier stores rules, xlate returns megaflows and the datapath
 * and TC codecs exchange flows.
 *
 * Invariant: 'flow' has no bit set that 'wc' wildcards, and the padding of
 * both is zero.  Every function here keeps it, so two matches that match the
 * same packets compare equal and hash alike; code that writes the members
 * directly must keep it too (match_init() restores it, and tests check it
 * with match_is_normalized()).
 *
 * Setters come in pairs: match_set_FIELD(match, value) matches FIELD
 * exactly, match_set_FIELD_masked(match, value, mask) matches the bits of
 * 'mask' and wildcards the rest; either replaces whatever the match had for
 * FIELD before.  Values and masks have the type of the field in struct flow
 * (so network byte order for header fields), except for a few sub-field
 * setters (VLAN VID and PCP, IP DSCP and ECN, ICMP type and code) that take
 * plain host-order numbers.  See flow.h for what each field holds.
 *
 * There is no text syntax here on purpose: the OpenFlow and datapath codecs
 * each own theirs. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"

struct match {
    struct flow flow;
    struct flow_wildcards wc;
};

/* Initializes 'match' to match 'flow' under 'wc', clearing the bits of
 * 'flow' that 'wc' wildcards and any padding. */
void match_init(struct match *match, const struct flow *flow,
                const struct flow_wildcards *wc);

/* Initializes 'match' to match every packet. */
void match_init_catchall(struct match *match);

/* Initializes 'match' to match exactly 'flow'. */
void match_init_exact(struct match *match, const struct flow *flow);

bool match_equal(const struct match *, const struct match *);
uint32_t match_hash(const struct match *, uint32_t basis);
bool match_is_catchall(const struct match *);

/* Returns true if 'flow', a concrete flow, has the values 'match' requires
 * in every bit 'match' does not wildcard. */
bool match_matches_flow(const struct match *match, const struct flow *flow);

/* Returns true if 'match' satisfies the invariant described above. */
bool match_is_normalized(const struct match *match);

/* Packet metadata. */
void match_set_in_port_odp(struct match *, odp_port_t);
void match_set_in_port_ofp(struct match *, ofp_port_t);
void match_set_recirc_id(struct match *, uint32_t);
void match_set_dp_hash(struct match *, uint32_t);
void match_set_dp_hash_masked(struct match *, uint32_t, uint32_t mask);
void match_set_skb_priority(struct match *, uint32_t);
void match_set_pkt_mark(struct match *, uint32_t);
void match_set_pkt_mark_masked(struct match *, uint32_t, uint32_t mask);

/* Conntrack. */
void match_set_ct_state(struct match *, uint8_t);
void match_set_ct_state_masked(struct match *, uint8_t, uint8_t mask);
void match_set_ct_zone(struct match *, uint16_t);
void match_set_ct_zone_masked(struct match *, uint16_t, uint16_t mask);
void match_set_ct_mark(struct match *, uint32_t);
void match_set_ct_mark_masked(struct match *, uint32_t, uint32_t mask);
void match_set_ct_label(struct match *, ovs_u128);
void match_set_ct_label_masked(struct match *, ovs_u128, ovs_u128 mask);
void match_set_ct_nw_proto(struct match *, uint8_t);
void match_set_ct_nw_src(struct match *, ovs_be32);
void match_set_ct_nw_src_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_ct_nw_dst(struct match *, ovs_be32);
void match_set_ct_nw_dst_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_ct_ipv6_src(struct match *, const struct in6_addr *);
void match_set_ct_ipv6_src_masked(struct match *, const struct in6_addr *,
                                  const struct in6_addr *mask);
void match_set_ct_ipv6_dst(struct match *, const struct in6_addr *);
void match_set_ct_ipv6_dst_masked(struct match *, const struct in6_addr *,
                                  const struct in6_addr *mask);
void match_set_ct_tp_src(struct match *, ovs_be16);
void match_set_ct_tp_src_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_ct_tp_dst(struct match *, ovs_be16);
void match_set_ct_tp_dst_masked(struct match *, ovs_be16, ovs_be16 mask);

/* OpenFlow pipeline.  'idx' is 0 to FLOW_N_REGS - 1. */
void match_set_reg(struct match *, unsigned int idx, uint32_t);
void match_set_reg_masked(struct match *, unsigned int idx, uint32_t,
                          uint32_t mask);
void match_set_metadata(struct match *, ovs_be64);
void match_set_metadata_masked(struct match *, ovs_be64, ovs_be64 mask);

/* Tunnel. */
void match_set_tun_id(struct match *, ovs_be64);
void match_set_tun_id_masked(struct match *, ovs_be64, ovs_be64 mask);
void match_set_tun_src(struct match *, ovs_be32);
void match_set_tun_src_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_tun_dst(struct match *, ovs_be32);
void match_set_tun_dst_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_tun_ipv6_src(struct match *, const struct in6_addr *);
void match_set_tun_ipv6_src_masked(struct match *, const struct in6_addr *,
                                   const struct in6_addr *mask);
void match_set_tun_ipv6_dst(struct match *, const struct in6_addr *);
void match_set_tun_ipv6_dst_masked(struct match *, const struct in6_addr *,
                                   const struct in6_addr *mask);
void match_set_tun_tos(struct match *, uint8_t);
void match_set_tun_tos_masked(struct match *, uint8_t, uint8_t mask);
void match_set_tun_ttl(struct match *, uint8_t);
void match_set_tun_ttl_masked(struct match *, uint8_t, uint8_t mask);
void match_set_tun_tp_src(struct match *, ovs_be16);
void match_set_tun_tp_src_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_tun_tp_dst(struct match *, ovs_be16);
void match_set_tun_tp_dst_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_tun_flags(struct match *, uint16_t);
void match_set_tun_flags_masked(struct match *, uint16_t, uint16_t mask);
void match_set_tun_gbp_id(struct match *, ovs_be16);
void match_set_tun_gbp_id_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_tun_gbp_flags(struct match *, uint8_t);
void match_set_tun_gbp_flags_masked(struct match *, uint8_t, uint8_t mask);

/* Matches the 'len' bytes (a multiple of 4, at most FLOW_TNL_GENEVE_MAX) of
 * Geneve options at 'opts' under the same number of mask bytes at 'mask'
 * (all ones for match_set_tun_geneve()); the option length is matched
 * exactly.  A 'len' of zero with match_set_tun_geneve() matches packets
 * without options. */
void match_set_tun_geneve(struct match *, const void *opts, size_t len);
void match_set_tun_geneve_masked(struct match *, const void *opts,
                                 const void *mask, size_t len);

/* Ethernet. */
void match_set_dl_dst(struct match *, struct eth_addr);
void match_set_dl_dst_masked(struct match *, struct eth_addr,
                             struct eth_addr mask);
void match_set_dl_src(struct match *, struct eth_addr);
void match_set_dl_src_masked(struct match *, struct eth_addr,
                             struct eth_addr mask);
void match_set_dl_type(struct match *, ovs_be16);

/* VLAN tags; 'idx' is 0 (outermost) or 1.
 *
 * match_set_vlan_vid() matches a present tag with VID 'vid' (host order,
 * 0 to 4095), match_set_vlan_pcp() a present tag with priority 'pcp' (0 to
 * 7); each leaves the other sub-field as it was.  match_set_no_vlan()
 * matches the absence of a tag at 'idx'.  match_set_vlan_tci_masked() sets
 * the whole TCI (whose VLAN_CFI bit means "present", see struct flow_vlan).
 */
void match_set_vlan_tci(struct match *, int idx, ovs_be16 tci);
void match_set_vlan_tci_masked(struct match *, int idx, ovs_be16 tci,
                               ovs_be16 mask);
void match_set_vlan_vid(struct match *, int idx, uint16_t vid);
void match_set_vlan_pcp(struct match *, int idx, uint8_t pcp);
void match_set_no_vlan(struct match *, int idx);
void match_set_vlan_tpid(struct match *, int idx, ovs_be16 tpid);

/* IPv4 and ARP: for ARP, nw_src/nw_dst are SPA/TPA and nw_proto is the
 * opcode. */
void match_set_nw_src(struct match *, ovs_be32);
void match_set_nw_src_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_nw_dst(struct match *, ovs_be32);
void match_set_nw_dst_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_arp_sha(struct match *, struct eth_addr);
void match_set_arp_sha_masked(struct match *, struct eth_addr,
                              struct eth_addr mask);
void match_set_arp_tha(struct match *, struct eth_addr);
void match_set_arp_tha_masked(struct match *, struct eth_addr,
                              struct eth_addr mask);

/* IPv6. */
void match_set_ipv6_src(struct match *, const struct in6_addr *);
void match_set_ipv6_src_masked(struct match *, const struct in6_addr *,
                               const struct in6_addr *mask);
void match_set_ipv6_dst(struct match *, const struct in6_addr *);
void match_set_ipv6_dst_masked(struct match *, const struct in6_addr *,
                               const struct in6_addr *mask);
void match_set_ipv6_label(struct match *, ovs_be32);
void match_set_ipv6_label_masked(struct match *, ovs_be32, ovs_be32 mask);
void match_set_nd_target(struct match *, const struct in6_addr *);
void match_set_nd_target_masked(struct match *, const struct in6_addr *,
                                const struct in6_addr *mask);

/* Fields common to IPv4 and IPv6.  match_set_nw_dscp() takes the DSCP
 * value shifted into place (the high 6 bits of the TOS byte) and
 * match_set_nw_ecn() the low 2 bits; each leaves the other as it was. */
void match_set_nw_proto(struct match *, uint8_t);
void match_set_nw_tos(struct match *, uint8_t);
void match_set_nw_tos_masked(struct match *, uint8_t, uint8_t mask);
void match_set_nw_dscp(struct match *, uint8_t);
void match_set_nw_ecn(struct match *, uint8_t);
void match_set_nw_ttl(struct match *, uint8_t);
void match_set_nw_ttl_masked(struct match *, uint8_t, uint8_t mask);
void match_set_nw_frag(struct match *, uint8_t);
void match_set_nw_frag_masked(struct match *, uint8_t, uint8_t mask);

/* L4.  ICMP type and code live in tp_src and tp_dst. */
void match_set_tp_src(struct match *, ovs_be16);
void match_set_tp_src_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_tp_dst(struct match *, ovs_be16);
void match_set_tp_dst_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_tcp_flags(struct match *, ovs_be16);
void match_set_tcp_flags_masked(struct match *, ovs_be16, ovs_be16 mask);
void match_set_icmp_type(struct match *, uint8_t);
void match_set_icmp_code(struct match *, uint8_t);

#endif /* match.h */
