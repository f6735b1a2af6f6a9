/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "flow.h"

#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "util.h"

/* The layout documented in flow.h.  These also prove that the compiler put
 * no padding of its own anywhere, which flow_hash() and friends rely on. */
BUILD_ASSERT_DECL(sizeof(struct flow_tnl) == 312);
BUILD_ASSERT_DECL(offsetof(struct flow_tnl, geneve_opts) % 4 == 0);
BUILD_ASSERT_DECL(offsetof(struct flow_tnl, geneve_opts)
                  + FLOW_TNL_GENEVE_MAX == sizeof(struct flow_tnl));
BUILD_ASSERT_DECL(sizeof(struct flow_vlan) == 4);
BUILD_ASSERT_DECL(offsetof(struct flow, ct_tp_dst) == 30);
BUILD_ASSERT_DECL(offsetof(struct flow, dl_dst) == 32);
BUILD_ASSERT_DECL(offsetof(struct flow, pad_l2) == 54);
BUILD_ASSERT_DECL(offsetof(struct flow, nw_src) == 56);
BUILD_ASSERT_DECL(offsetof(struct flow, ipv6_src) == 72);
BUILD_ASSERT_DECL(offsetof(struct flow, arp_tha) == 126);
BUILD_ASSERT_DECL(offsetof(struct flow, tp_src) == 132);
BUILD_ASSERT_DECL(offsetof(struct flow, pad_l4) == 138);
BUILD_ASSERT_DECL(offsetof(struct flow, ct_nw_src) == 140);
BUILD_ASSERT_DECL(offsetof(struct flow, ct_label) == 152);
BUILD_ASSERT_DECL(offsetof(struct flow, ct_ipv6_dst) == 184);
BUILD_ASSERT_DECL(offsetof(struct flow, metadata) == 200);
BUILD_ASSERT_DECL(offsetof(struct flow, tunnel) == 272);
BUILD_ASSERT_DECL(sizeof(struct flow) == 584);
BUILD_ASSERT_DECL(sizeof(struct flow) % 8 == 0);

/* The header fields, which flow_extract() owns. */
#define FLOW_HEADERS_OFS offsetof(struct flow, dl_dst)
#define FLOW_HEADERS_END offsetof(struct flow, ct_nw_src)

#define FLOW_U64S (sizeof(struct flow) / 8)

/* Word 'i' of 'flow'.  Going through memcpy() keeps clear of the aliasing
 * rules; compilers turn it into a plain load or store. */
static inline uint64_t
flow_u64__(const struct flow *flow, size_t i)
{
    uint64_t word;

    memcpy(&word, (const uint8_t *) flow + i * 8, 8);
    return word;
}

static inline void
flow_set_u64__(struct flow *flow, size_t i, uint64_t word)
{
    memcpy((uint8_t *) flow + i * 8, &word, 8);
}

/* Packet parsing. */

/* A cursor over the part of the packet not parsed yet. */
struct cursor__ {
    const uint8_t *data;
    size_t size;
};

/* If at least 'n' bytes remain in 'c', returns a pointer to them and
 * advances past them; otherwise returns NULL and leaves 'c' alone. */
static const void *
pull__(struct cursor__ *c, size_t n)
{
    const void *p = c->data;

    if (c->size < n) {
        return NULL;
    }
    c->data += n;
    c->size -= n;
    return p;
}

/* Returns a pointer to the next 'n' bytes of 'c', without advancing, or NULL
 * if fewer remain. */
static const void *
peek__(const struct cursor__ *c, size_t n)
{
    return c->size >= n ? c->data : NULL;
}

/* Drops whatever follows the first 'n' bytes of 'c'. */
static void
trim__(struct cursor__ *c, size_t n)
{
    if (n < c->size) {
        c->size = n;
    }
}

/* Parses the VLAN tags that 'dl_type' introduces, if any, into 'flow' and
 * returns the Ethertype after the last one parsed. */
static ovs_be16
parse_vlans__(struct cursor__ *c, ovs_be16 dl_type, struct flow *flow)
{
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS && eth_type_vlan(dl_type);
         i++) {
        const struct vlan_header *vh = pull__(c, sizeof *vh);

        if (!vh) {
            break;
        }
        flow->vlans[i].tpid = dl_type;
        flow->vlans[i].tci = vh->vlan_tci | htons(VLAN_CFI);
        dl_type = vh->vlan_next_type;
    }
    return dl_type;
}

/* Turns 'type', the Ethertype or 802.3 length after the VLAN tags, into
 * 'dl_type', consuming an LLC/SNAP header that carries an Ethertype. */
static ovs_be16
parse_ethertype__(struct cursor__ *c, ovs_be16 type)
{
    const struct llc_header *llc;
    const struct snap_header *snap;
    const uint8_t *p;

    if (ntohs(type) >= ETH_TYPE_MIN) {
        return type;
    }

    p = peek__(c, LLC_SNAP_HEADER_LEN);
    if (!p) {
        return htons(FLOW_DL_TYPE_NONE);
    }
    llc = (const struct llc_header *) p;
    snap = (const struct snap_header *) (p + LLC_HEADER_LEN);
    if (llc->llc_dsap != LLC_DSAP_SNAP || llc->llc_ssap != LLC_SSAP_SNAP
        || llc->llc_cntl != LLC_CNTL_SNAP
        || snap->snap_org[0] || snap->snap_org[1] || snap->snap_org[2]) {
        return htons(FLOW_DL_TYPE_NONE);
    }
    pull__(c, LLC_SNAP_HEADER_LEN);
    type = snap->snap_type;
    return ntohs(type) >= ETH_TYPE_MIN ? type : htons(FLOW_DL_TYPE_NONE);
}

static void
parse_arp__(struct cursor__ *c, struct flow *flow)
{
    const struct arp_eth_header *arp = pull__(c, sizeof *arp);
    uint16_t op;

    if (!arp
        || arp->ar_hrd != htons(ARP_HTYPE_ETH)
        || arp->ar_pro != htons(ETH_TYPE_IP)
        || arp->ar_hln != ETH_ADDR_LEN || arp->ar_pln != 4) {
        return;
    }
    op = ntohs(arp->ar_op);
    flow->nw_proto = op <= UINT8_MAX ? op : 0;
    flow->nw_src = arp->ar_spa;
    flow->nw_dst = arp->ar_tpa;
    flow->arp_sha = arp->ar_sha;
    flow->arp_tha = arp->ar_tha;
}

/* Parses the link-layer address options of a neighbor discovery message,
 * which follow its fixed part in 'c'.  Returns false if they are malformed:
 * an option of length zero, an option running past the end, or a second
 * source (or target) address option after a nonzero first one. */
static bool
parse_nd_options__(struct cursor__ *c, struct flow *flow)
{
    while (c->size >= ND_OPT_UNIT) {
        const struct nd_opt_header *opt = peek__(c, sizeof *opt);
        size_t opt_len = (size_t) opt->ndo_len * ND_OPT_UNIT;
        const struct nd_lla_opt *lla;

        if (!opt_len || opt_len > c->size) {
            return false;
        }
        lla = pull__(c, opt_len);
        if (opt_len == ND_LLA_OPT_LEN && lla->ndo_type == ND_OPT_SLL) {
            if (!eth_addr_is_zero(flow->arp_sha)) {
                return false;
            }
            flow->arp_sha = lla->ndo_mac;
        } else if (opt_len == ND_LLA_OPT_LEN
                   && lla->ndo_type == ND_OPT_TLL) {
            if (!eth_addr_is_zero(flow->arp_tha)) {
                return false;
            }
            flow->arp_tha = lla->ndo_mac;
        }
    }
    return true;
}

static void
parse_icmp6__(struct cursor__ *c, struct flow *flow)
{
    const struct icmp6_header *icmp6 = peek__(c, ICMP6_DATA_HEADER_LEN);
    const struct nd_msg *nd;

    if (!icmp6) {
        return;
    }
    flow->tp_src = htons(icmp6->icmp6_type);
    flow->tp_dst = htons(icmp6->icmp6_code);

    if (icmp6->icmp6_code
        || (icmp6->icmp6_type != ICMP6_ND_NS
            && icmp6->icmp6_type != ICMP6_ND_NA)) {
        return;
    }
    nd = pull__(c, sizeof *nd);
    if (!nd) {
        return;
    }
    flow->nd_target = nd->nd_target;
    if (!parse_nd_options__(c, flow)) {
        memset(&flow->nd_target, 0, sizeof flow->nd_target);
        flow->arp_sha = ETH_ADDR_ZERO;
        flow->arp_tha = ETH_ADDR_ZERO;
    }
}

/* Parses the L4 header of protocol 'proto' at 'c'.  'ipv6' selects whether
 * ICMP or ICMPv6 is the ICMP of the packet. */
static void
parse_l4__(struct cursor__ *c, uint8_t proto, bool ipv6, struct flow *flow)
{
    if (proto == IPPROTO_TCP) {
        const struct tcp_header *tcp = peek__(c, sizeof *tcp);
        size_t tcp_len;

        if (!tcp) {
            return;
        }
        tcp_len = TCP_OFFSET(tcp->tcp_ctl) * 4;
        if (tcp_len >= TCP_HEADER_LEN && tcp_len <= c->size) {
            flow->tp_src = tcp->tcp_src;
            flow->tp_dst = tcp->tcp_dst;
            flow->tcp_flags = htons(TCP_FLAGS(tcp->tcp_ctl));
        }
    } else if (proto == IPPROTO_UDP) {
        const struct udp_header *udp = peek__(c, sizeof *udp);

        if (udp) {
            flow->tp_src = udp->udp_src;
            flow->tp_dst = udp->udp_dst;
        }
    } else if (proto == IPPROTO_SCTP) {
        const struct sctp_header *sctp = peek__(c, sizeof *sctp);

        if (sctp) {
            flow->tp_src = sctp->sctp_src;
            flow->tp_dst = sctp->sctp_dst;
        }
    } else if (proto == IPPROTO_ICMP && !ipv6) {
        const struct icmp_header *icmp = peek__(c, sizeof *icmp);

        if (icmp) {
            flow->tp_src = htons(icmp->icmp_type);
            flow->tp_dst = htons(icmp->icmp_code);
        }
    } else if (proto == IPPROTO_ICMPV6 && ipv6) {
        parse_icmp6__(c, flow);
    }
}

static void
parse_ipv4__(struct cursor__ *c, struct flow *flow)
{
    const struct ip_header *ip = peek__(c, sizeof *ip);
    size_t ip_len, tot_len;
    uint16_t frag_off;

    if (!ip || IP_VER(ip->ip_ihl_ver) != IP_VERSION) {
        return;
    }
    ip_len = IP_IHL(ip->ip_ihl_ver) * 4;
    tot_len = ntohs(ip->ip_tot_len);
    if (ip_len < IP_HEADER_LEN || ip_len > c->size || tot_len < ip_len) {
        return;
    }
    trim__(c, tot_len);
    pull__(c, ip_len);

    flow->nw_src = ip->ip_src;
    flow->nw_dst = ip->ip_dst;
    flow->nw_tos = ip->ip_tos;
    flow->nw_ttl = ip->ip_ttl;
    flow->nw_proto = ip->ip_proto;

    frag_off = ntohs(ip->ip_frag_off);
    if (frag_off & (IP_MORE_FRAGMENTS | IP_FRAG_OFF_MASK)) {
        flow->nw_frag = FLOW_NW_FRAG_ANY;
        if (frag_off & IP_FRAG_OFF_MASK) {
            flow->nw_frag |= FLOW_NW_FRAG_LATER;
            return;
        }
    }
    parse_l4__(c, flow->nw_proto, false, flow);
}

/* Walks the IPv6 extension headers at 'c', whose first one has type
 * '*nextp', and stores the upper-layer protocol in '*nextp'.  Returns false
 * if parsing must stop before L4: a later fragment or a header cut short,
 * with 'nw_proto' already set for either case. */
static bool
parse_ipv6_ext__(struct cursor__ *c, uint8_t *nextp, struct flow *flow)
{
    for (;;) {
        uint8_t next = *nextp;

        if (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING
            || next == IPPROTO_DSTOPTS || next == IPPROTO_AH) {
            const struct ipv6_ext_header *ext = peek__(c, sizeof *ext);
            size_t len;

            if (!ext) {
                goto truncated;
            }
            len = (next == IPPROTO_AH ? IPV6_AH_HEADER_LEN(ext->ip6e_len)
                   : IPV6_EXT_HEADER_LEN(ext->ip6e_len));
            if (!pull__(c, len)) {
                goto truncated;
            }
            *nextp = ext->ip6e_next;
        } else if (next == IPPROTO_FRAGMENT) {
            const struct ipv6_frag_header *frag = pull__(c, sizeof *frag);
            uint16_t offlg;

            if (!frag) {
                goto truncated;
            }
            offlg = ntohs(frag->ip6f_offlg);
            if (offlg & (IPV6_FRAG_OFF_MASK | IPV6_FRAG_MORE)) {
                flow->nw_frag = FLOW_NW_FRAG_ANY;
                if (offlg & IPV6_FRAG_OFF_MASK) {
                    flow->nw_frag |= FLOW_NW_FRAG_LATER;
                    flow->nw_proto = IPPROTO_FRAGMENT;
                    return false;
                }
            }
            *nextp = frag->ip6f_next;
        } else {
            return true;
        }
    }

truncated:
    flow->nw_proto = IPPROTO_NONE;
    return false;
}

static void
parse_ipv6__(struct cursor__ *c, struct flow *flow)
{
    const struct ipv6_header *ip6 = pull__(c, sizeof *ip6);
    uint32_t vtc_flow;
    uint16_t plen;
    uint8_t next;

    if (!ip6) {
        return;
    }
    vtc_flow = ntohl(ip6->ip6_vtc_flow);
    if (vtc_flow >> 28 != IPV6_VERSION) {
        return;
    }
    plen = ntohs(ip6->ip6_payload_len);
    if (plen) {
        trim__(c, plen);
    }

    flow->ipv6_src = ip6->ip6_src;
    flow->ipv6_dst = ip6->ip6_dst;
    flow->ipv6_label = htonl(vtc_flow & IPV6_LABEL_MASK);
    flow->nw_tos = vtc_flow >> IPV6_TC_SHIFT;
    flow->nw_ttl = ip6->ip6_hop_limit;

    next = ip6->ip6_next;
    if (parse_ipv6_ext__(c, &next, flow)) {
        flow->nw_proto = next;
        parse_l4__(c, next, true, flow);
    }
}

void
flow_extract(const void *packet, size_t size, struct flow *flow)
{
    struct cursor__ c = { .data = packet, .size = size };
    const struct eth_header *eh;
    ovs_be16 dl_type;

    memset((uint8_t *) flow + FLOW_HEADERS_OFS, 0,
           FLOW_HEADERS_END - FLOW_HEADERS_OFS);

    eh = pull__(&c, sizeof *eh);
    if (!eh) {
        return;
    }
    flow->dl_dst = eh->eth_dst;
    flow->dl_src = eh->eth_src;
    dl_type = parse_vlans__(&c, eh->eth_type, flow);
    dl_type = parse_ethertype__(&c, dl_type);
    flow->dl_type = dl_type;

    if (dl_type == htons(ETH_TYPE_IP)) {
        parse_ipv4__(&c, flow);
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        parse_ipv6__(&c, flow);
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        parse_arp__(&c, flow);
    }
}

/* Whole-flow operations. */

uint32_t
flow_hash(const struct flow *flow, uint32_t basis)
{
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        hash = hash_add64(hash, flow_u64__(flow, i));
    }
    return hash_finish(hash, sizeof *flow);
}

bool
flow_equal(const struct flow *a, const struct flow *b)
{
    return !memcmp(a, b, sizeof *a);
}

void
flow_zero_wildcards(struct flow *flow, const struct flow_wildcards *wc)
{
    for (size_t i = 0; i < FLOW_U64S; i++) {
        flow_set_u64__(flow, i,
                       flow_u64__(flow, i) & flow_u64__(&wc->masks, i));
    }
}

void
flow_clear_padding(struct flow *flow)
{
    memset(flow->pad_l2, 0, sizeof flow->pad_l2);
    memset(flow->pad_l4, 0, sizeof flow->pad_l4);
    memset(flow->pad_ct, 0, sizeof flow->pad_ct);
}

bool
flow_padding_is_zero(const struct flow *flow)
{
    struct flow copy = *flow;

    flow_clear_padding(&copy);
    return flow_equal(&copy, flow);
}

/* Wildcards. */

void
flow_wildcards_init_catchall(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0, sizeof wc->masks);
}

void
flow_wildcards_init_exact(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0xff, sizeof wc->masks);
    flow_clear_padding(&wc->masks);
}

bool
flow_wildcards_is_catchall(const struct flow_wildcards *wc)
{
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (flow_u64__(&wc->masks, i)) {
            return false;
        }
    }
    return true;
}

bool
flow_wildcards_is_exact(const struct flow_wildcards *wc)
{
    struct flow_wildcards exact;

    flow_wildcards_init_exact(&exact);
    return flow_wildcards_equal(wc, &exact);
}

bool
flow_wildcards_equal(const struct flow_wildcards *a,
                     const struct flow_wildcards *b)
{
    return flow_equal(&a->masks, &b->masks);
}

void
flow_wildcards_and(struct flow_wildcards *dst,
                   const struct flow_wildcards *a,
                   const struct flow_wildcards *b)
{
    for (size_t i = 0; i < FLOW_U64S; i++) {
        flow_set_u64__(&dst->masks, i, (flow_u64__(&a->masks, i)
                                        & flow_u64__(&b->masks, i)));
    }
}

void
flow_wildcards_or(struct flow_wildcards *dst,
                  const struct flow_wildcards *a,
                  const struct flow_wildcards *b)
{
    for (size_t i = 0; i < FLOW_U64S; i++) {
        flow_set_u64__(&dst->masks, i, (flow_u64__(&a->masks, i)
                                        | flow_u64__(&b->masks, i)));
    }
}

/* Formatting. */

struct flag_name__ {
    uint32_t flag;
    const char *name;
};

/* Appends the names of the bits set in 'flags', from 'names', joined by
 * '|', and any bits without a name in hex; "0" if 'flags' is zero. */
static void
format_flags__(struct ds *ds, uint32_t flags,
               const struct flag_name__ *names, size_t n_names)
{
    bool first = true;

    if (!flags) {
        ds_put_char(ds, '0');
        return;
    }
    for (size_t i = 0; i < n_names; i++) {
        if (flags & names[i].flag) {
            ds_put_format(ds, "%s%s", first ? "" : "|", names[i].name);
            flags &= ~names[i].flag;
            first = false;
        }
    }
    if (flags) {
        ds_put_format(ds, "%s0x%"PRIx32, first ? "" : "|", flags);
    }
}

static const struct flag_name__ tcp_flag_names[] = {
    { TCP_FIN, "fin" }, { TCP_SYN, "syn" }, { TCP_RST, "rst" },
    { TCP_PSH, "psh" }, { TCP_ACK, "ack" }, { TCP_URG, "urg" },
    { TCP_ECE, "ece" }, { TCP_CWR, "cwr" }, { TCP_NS, "ns" },
};

static const struct flag_name__ ct_state_names[] = {
    { CS_NEW, "new" }, { CS_ESTABLISHED, "est" }, { CS_RELATED, "rel" },
    { CS_REPLY_DIR, "rpl" }, { CS_INVALID, "inv" }, { CS_TRACKED, "trk" },
    { CS_SRC_NAT, "snat" }, { CS_DST_NAT, "dnat" },
};

static const struct flag_name__ tnl_flag_names[] = {
    { FLOW_TNL_F_DONT_FRAGMENT, "df" }, { FLOW_TNL_F_CSUM, "csum" },
    { FLOW_TNL_F_KEY, "key" }, { FLOW_TNL_F_OAM, "oam" },
};

static void
format_tunnel__(struct ds *ds, const struct flow_tnl *tnl)
{
    if (tnl->flags & FLOW_TNL_F_KEY || tnl->tun_id) {
        ds_put_format(ds, "tun_id=0x%"PRIx64",", ntohll(tnl->tun_id));
    }
    if (tnl->ip_src || tnl->ip_dst) {
        ds_put_cstr(ds, "tun_src=");
        ds_put_ip(ds, tnl->ip_src);
        ds_put_cstr(ds, ",tun_dst=");
        ds_put_ip(ds, tnl->ip_dst);
        ds_put_char(ds, ',');
    }
    if (!ipv6_is_zero(&tnl->ipv6_src) || !ipv6_is_zero(&tnl->ipv6_dst)) {
        ds_put_cstr(ds, "tun_ipv6_src=");
        ds_put_ipv6(ds, &tnl->ipv6_src);
        ds_put_cstr(ds, ",tun_ipv6_dst=");
        ds_put_ipv6(ds, &tnl->ipv6_dst);
        ds_put_char(ds, ',');
    }
    ds_put_format(ds, "tun_tos=%"PRIu8",tun_ttl=%"PRIu8",",
                  tnl->ip_tos, tnl->ip_ttl);
    if (tnl->tp_src || tnl->tp_dst) {
        ds_put_format(ds, "tun_tp_src=%"PRIu16",tun_tp_dst=%"PRIu16",",
                      ntohs(tnl->tp_src), ntohs(tnl->tp_dst));
    }
    if (tnl->gbp_id || tnl->gbp_flags) {
        ds_put_format(ds, "tun_gbp_id=%"PRIu16",tun_gbp_flags=0x%"PRIx8",",
                      ntohs(tnl->gbp_id), tnl->gbp_flags);
    }
    if (tnl->geneve_len) {
        size_t len = MIN(tnl->geneve_len, FLOW_TNL_GENEVE_MAX);

        ds_put_cstr(ds, "tun_geneve=0x");
        for (size_t i = 0; i < len; i++) {
            ds_put_format(ds, "%02"PRIx8, tnl->geneve_opts[i]);
        }
        ds_put_char(ds, ',');
    }
    ds_put_cstr(ds, "tun_flags=");
    format_flags__(ds, tnl->flags, tnl_flag_names,
                   ARRAY_SIZE(tnl_flag_names));
    ds_put_char(ds, ',');
}

static void
format_metadata__(struct ds *ds, const struct flow *flow)
{
    if (flow->recirc_id) {
        ds_put_format(ds, "recirc_id=0x%"PRIx32",", flow->recirc_id);
    }
    if (flow->dp_hash) {
        ds_put_format(ds, "dp_hash=0x%"PRIx32",", flow->dp_hash);
    }
    if (flow->skb_priority) {
        ds_put_format(ds, "skb_priority=0x%"PRIx32",", flow->skb_priority);
    }
    if (flow->pkt_mark) {
        ds_put_format(ds, "pkt_mark=0x%"PRIx32",", flow->pkt_mark);
    }
    if (flow->ct_state) {
        ds_put_cstr(ds, "ct_state=");
        format_flags__(ds, flow->ct_state, ct_state_names,
                       ARRAY_SIZE(ct_state_names));
        ds_put_char(ds, ',');
    }
    if (flow->ct_zone) {
        ds_put_format(ds, "ct_zone=%"PRIu16",", flow->ct_zone);
    }
    if (flow->ct_mark) {
        ds_put_format(ds, "ct_mark=0x%"PRIx32",", flow->ct_mark);
    }
    if (!ovs_u128_is_zero(flow->ct_label)) {
        ds_put_format(ds, "ct_label=0x%"PRIx64"%016"PRIx64",",
                      flow->ct_label.u64[1], flow->ct_label.u64[0]);
    }
    if (flow->ct_nw_proto) {
        ds_put_format(ds, "ct_nw_proto=%"PRIu8",", flow->ct_nw_proto);
        if (flow->ct_nw_src || flow->ct_nw_dst) {
            ds_put_cstr(ds, "ct_nw_src=");
            ds_put_ip(ds, flow->ct_nw_src);
            ds_put_cstr(ds, ",ct_nw_dst=");
            ds_put_ip(ds, flow->ct_nw_dst);
        } else {
            ds_put_cstr(ds, "ct_ipv6_src=");
            ds_put_ipv6(ds, &flow->ct_ipv6_src);
            ds_put_cstr(ds, ",ct_ipv6_dst=");
            ds_put_ipv6(ds, &flow->ct_ipv6_dst);
        }
        ds_put_format(ds, ",ct_tp_src=%"PRIu16",ct_tp_dst=%"PRIu16",",
                      ntohs(flow->ct_tp_src), ntohs(flow->ct_tp_dst));
    }
    if (flow->metadata) {
        ds_put_format(ds, "metadata=0x%"PRIx64",", ntohll(flow->metadata));
    }
    for (int i = 0; i < FLOW_N_REGS; i++) {
        if (flow->regs[i]) {
            ds_put_format(ds, "reg%d=0x%"PRIx32",", i, flow->regs[i]);
        }
    }
    if (flow_tnl_dst_is_set(&flow->tunnel) || flow->tunnel.tun_id
        || flow->tunnel.flags) {
        format_tunnel__(ds, &flow->tunnel);
    }
    ds_put_format(ds, "in_port=%"PRIu32",", flow->in_port.odp_port);
}

static void
format_l2__(struct ds *ds, const struct flow *flow)
{
    ds_put_cstr(ds, "dl_src=");
    ds_put_eth_addr(ds, flow->dl_src);
    ds_put_cstr(ds, ",dl_dst=");
    ds_put_eth_addr(ds, flow->dl_dst);
    ds_put_char(ds, ',');
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        const struct flow_vlan *vlan = &flow->vlans[i];
        const char *suffix = i ? "1" : "";

        if (!flow_vlan_present(flow, i)) {
            break;
        }
        ds_put_format(ds, "dl_vlan%s=%"PRIu16",dl_vlan_pcp%s=%"PRIu8",",
                      suffix, vlan_tci_to_vid(vlan->tci),
                      suffix, vlan_tci_to_pcp(vlan->tci));
        if (vlan->tpid != htons(ETH_TYPE_VLAN_8021Q)) {
            ds_put_format(ds, "vlan_tpid%s=0x%04"PRIx16",",
                          suffix, ntohs(vlan->tpid));
        }
    }
    ds_put_format(ds, "dl_type=0x%04"PRIx16, ntohs(flow->dl_type));
}

static void
format_l4__(struct ds *ds, const struct flow *flow)
{
    bool icmp = ((flow->nw_proto == IPPROTO_ICMP
                  && flow->dl_type == htons(ETH_TYPE_IP))
                 || (flow->nw_proto == IPPROTO_ICMPV6
                     && flow->dl_type == htons(ETH_TYPE_IPV6)));

    if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }
    if (icmp) {
        ds_put_format(ds, ",icmp_type=%"PRIu16",icmp_code=%"PRIu16,
                      ntohs(flow->tp_src), ntohs(flow->tp_dst));
        if (flow->nw_proto == IPPROTO_ICMPV6
            && (flow->tp_src == htons(ICMP6_ND_NS)
                || flow->tp_src == htons(ICMP6_ND_NA))) {
            ds_put_cstr(ds, ",nd_target=");
            ds_put_ipv6(ds, &flow->nd_target);
            ds_put_cstr(ds, ",nd_sll=");
            ds_put_eth_addr(ds, flow->arp_sha);
            ds_put_cstr(ds, ",nd_tll=");
            ds_put_eth_addr(ds, flow->arp_tha);
        }
    } else if (flow->nw_proto == IPPROTO_TCP
               || flow->nw_proto == IPPROTO_UDP
               || flow->nw_proto == IPPROTO_SCTP) {
        ds_put_format(ds, ",tp_src=%"PRIu16",tp_dst=%"PRIu16,
                      ntohs(flow->tp_src), ntohs(flow->tp_dst));
        if (flow->nw_proto == IPPROTO_TCP) {
            ds_put_cstr(ds, ",tcp_flags=");
            format_flags__(ds, ntohs(flow->tcp_flags), tcp_flag_names,
                           ARRAY_SIZE(tcp_flag_names));
        }
    }
}

static void
format_l3__(struct ds *ds, const struct flow *flow)
{
    static const char *frag_names[] = { "no", "first", "later", "later" };

    if (flow->dl_type == htons(ETH_TYPE_ARP)
        || flow->dl_type == htons(ETH_TYPE_RARP)) {
        ds_put_cstr(ds, ",arp_spa=");
        ds_put_ip(ds, flow->nw_src);
        ds_put_cstr(ds, ",arp_tpa=");
        ds_put_ip(ds, flow->nw_dst);
        ds_put_format(ds, ",arp_op=%"PRIu8",arp_sha=", flow->nw_proto);
        ds_put_eth_addr(ds, flow->arp_sha);
        ds_put_cstr(ds, ",arp_tha=");
        ds_put_eth_addr(ds, flow->arp_tha);
        return;
    } else if (flow->dl_type == htons(ETH_TYPE_IP)) {
        ds_put_cstr(ds, ",nw_src=");
        ds_put_ip(ds, flow->nw_src);
        ds_put_cstr(ds, ",nw_dst=");
        ds_put_ip(ds, flow->nw_dst);
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        ds_put_cstr(ds, ",ipv6_src=");
        ds_put_ipv6(ds, &flow->ipv6_src);
        ds_put_cstr(ds, ",ipv6_dst=");
        ds_put_ipv6(ds, &flow->ipv6_dst);
        ds_put_format(ds, ",ipv6_label=0x%05"PRIx32,
                      ntohl(flow->ipv6_label));
    } else {
        return;
    }
    ds_put_format(ds, ",nw_proto=%"PRIu8",nw_tos=%"PRIu8",nw_ttl=%"PRIu8
                  ",nw_frag=%s", flow->nw_proto, flow->nw_tos, flow->nw_ttl,
                  frag_names[flow->nw_frag & FLOW_NW_FRAG_MASK]);
    format_l4__(ds, flow);
}

void
flow_format(struct ds *ds, const struct flow *flow)
{
    format_metadata__(ds, flow);
    format_l2__(ds, flow);
    format_l3__(ds, flow);
}
