/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef FLOW_H
#define FLOW_H 1

/* struct flow: every field a packet can be matched on, in one fixed-layout
 * struct that all layers share (see "The one representation" in
 * Documentation/design.md).  The OpenFlow classifier matches on it, xlate
 * produces a megaflow as a flow plus a mask of the same shape (struct
 * flow_wildcards, struct match in match.h), and the datapath key codec and
 * the TC flower codec translate it to and from their wire formats.
 *
 * Conventions.
 *
 *   - Fields that hold a packet header field keep the header's network byte
 *     order (ovs_be* types); metadata that the kernel or OpenFlow define as
 *     host integers (in_port, registers, marks, ...) is host order.
 *
 *   - A field that does not apply to a packet is zero: the L4 ports of an
 *     ARP packet, the VLAN tags of an untagged frame, and so on.  There is
 *     no separate "present" flag, except where zero is a valid value and the
 *     difference matters: the VLAN CFI bit (see struct flow_vlan), the tunnel
 *     FLOW_TNL_F_KEY flag and 'geneve_len'.
 *
 *   - The struct has no implicit padding: explicit pad members (which must
 *     stay zero, in flows and in masks alike) fill every gap, so that flows
 *     can be hashed and compared as memory and masked word by word.  Keep it
 *     that way when adding fields (the BUILD_ASSERTs in flow.c check the
 *     layout).
 *
 * Layout (offsets in bytes, 584 in all, 8-byte aligned):
 *
 *     0  packet metadata      in_port .. ct_tp_dst       32 bytes
 *    32  L2                   dl_dst .. vlans[]          24
 *    56  L3                   nw_src .. arp_tha          76
 *   132  L4                   tp_src .. tcp_flags         8
 *   140  conntrack, cont.     ct_nw_src .. ct_ipv6_dst   60
 *   200  OpenFlow pipeline    metadata, regs[]           72
 *   272  tunnel               struct flow_tnl           312
 *
 * The first two cache lines hold everything the kernel datapath puts in
 * every flow key (in_port, recirc_id, dp_hash, marks, conntrack state) and
 * the packet headers up to the IPv6 addresses; the bulky, rarely used parts
 * (conntrack original tuple and label, 64 bytes of registers, the tunnel
 * with up to 252 bytes of Geneve options) come last.  L2 to L4 (offsets 32
 * to 140) are contiguous: they are exactly what flow_extract() writes. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include "packets.h"
#include "types.h"

struct ds;

/* Tunnel metadata: the outer headers of a packet received from, or to be
 * sent to, a tunnel port (VXLAN, GRE, Geneve).  All zero for a packet not
 * from a tunnel. */

#define FLOW_TNL_F_DONT_FRAGMENT (1 << 0)   /* Outer IPv4 DF bit. */
#define FLOW_TNL_F_CSUM (1 << 1)            /* Outer UDP or GRE checksum. */
#define FLOW_TNL_F_KEY (1 << 2)             /* 'tun_id' present (a GRE key
                                             * or VXLAN/Geneve VNI). */
#define FLOW_TNL_F_OAM (1 << 3)             /* Geneve/VXLAN-GPE OAM bit. */
#define FLOW_TNL_F_MASK ((1 << 4) - 1)

#define FLOW_TNL_GENEVE_MAX 252             /* Bytes of Geneve options. */

struct flow_tnl {
    ovs_be64 tun_id;            /* VNI or key, in the low bits. */
    ovs_be32 ip_src;            /* Outer IPv4 source, or 0. */
    ovs_be32 ip_dst;            /* Outer IPv4 destination, or 0. */
    struct in6_addr ipv6_src;   /* Outer IPv6 source, or all-zeros. */
    struct in6_addr ipv6_dst;   /* Outer IPv6 destination, or all-zeros. */
    uint16_t flags;             /* FLOW_TNL_F_*. */
    uint8_t ip_tos;             /* Outer TOS / traffic class. */
    uint8_t ip_ttl;             /* Outer TTL / hop limit. */
    ovs_be16 tp_src;            /* Outer UDP source port. */
    ovs_be16 tp_dst;            /* Outer UDP destination port. */
    ovs_be16 gbp_id;            /* VXLAN group-based policy: group id. */
    uint8_t gbp_flags;          /* VXLAN group-based policy: flags. */

    /* Geneve options: 'geneve_len' bytes (a multiple of 4, at most
     * FLOW_TNL_GENEVE_MAX) of raw option TLVs as on the wire, then zeros.
     * In a mask, 'geneve_len' is 0xff when the options are matched (it must
     * be whenever any byte of 'geneve_opts' is) and 'geneve_opts' masks the
     * option bytes one by one. */
    uint8_t geneve_len;
    uint8_t geneve_opts[FLOW_TNL_GENEVE_MAX];   /* 4-byte aligned. */
};

/* Returns true if 'tnl' has an outer destination, that is, if the packet
 * came from (or goes to) a tunnel. */
static inline bool
flow_tnl_dst_is_set(const struct flow_tnl *tnl)
{
    return tnl->ip_dst || !ipv6_is_zero(&tnl->ipv6_dst);
}

/* A VLAN tag.  'tci' has VLAN_CFI set if and only if the tag is present
 * (the CFI/DEI bit of the packet is not kept: OpenFlow does not match it),
 * so an untagged packet has 'tpid' and 'tci' zero and a tag with VID 0 and
 * PCP 0 has 'tci' == htons(VLAN_CFI). */
struct flow_vlan {
    ovs_be16 tpid;              /* ETH_TYPE_VLAN_8021Q or _8021AD. */
    ovs_be16 tci;               /* PCP, VLAN_CFI ("present"), VID. */
};

#define FLOW_MAX_VLAN_HEADERS 2
#define FLOW_N_REGS 16

/* 'dl_type' of a frame without an Ethertype: an 802.3 frame whose 802.2 LLC
 * header is not SNAP with an Ethertype.  (The kernel datapath's flow key
 * omits the Ethertype for such frames; the datapath key codec maps between
 * the two.) */
#define FLOW_DL_TYPE_NONE 0x05ff

/* 'nw_frag' bits. */
#define FLOW_NW_FRAG_ANY (1 << 0)       /* Any fragment, first or later. */
#define FLOW_NW_FRAG_LATER (1 << 1)     /* A fragment at a nonzero offset. */
#define FLOW_NW_FRAG_MASK (FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER)

/* 'ct_state' bits, with the values of the kernel's OVS_CS_F_* and of the
 * OpenFlow ct_state field. */
#define CS_NEW (1 << 0)                 /* Starts a new connection. */
#define CS_ESTABLISHED (1 << 1)         /* Part of an established one. */
#define CS_RELATED (1 << 2)             /* Related to one. */
#define CS_REPLY_DIR (1 << 3)           /* In the reply direction. */
#define CS_INVALID (1 << 4)             /* Conntrack could not track it. */
#define CS_TRACKED (1 << 5)             /* Went through conntrack. */
#define CS_SRC_NAT (1 << 6)             /* Source NATed. */
#define CS_DST_NAT (1 << 7)             /* Destination NATed. */

/* The input port.  The datapath layer stores a datapath (vport) number
 * there, ofproto an OpenFlow port number zero-extended to 32 bits; which one
 * a given flow holds follows from the layer that owns it, never from the
 * value.  Both members are 32 bits, so either can be read or written without
 * regard to host byte order. */
union flow_in_port {
    odp_port_t odp_port;
    uint32_t ofp_port;          /* An ofp_port_t, zero-extended. */
};

struct flow {
    /* Packet metadata: where and how the packet arrived.  flow_extract()
     * leaves these (and the conntrack, pipeline and tunnel fields below)
     * as the caller set them. */
    union flow_in_port in_port; /* Input port, see above. */
    uint32_t recirc_id;         /* Recirculation id, 0 on first pass. */
    uint32_t dp_hash;           /* Datapath-computed hash (hash action). */
    uint32_t skb_priority;      /* Linux skb->priority. */
    uint32_t pkt_mark;          /* Linux skb->mark. */
    uint32_t ct_mark;           /* Connection mark. */
    uint16_t ct_zone;           /* Conntrack zone. */
    uint8_t ct_state;           /* CS_* bits. */
    uint8_t ct_nw_proto;        /* Conntrack original tuple: protocol. */
    ovs_be16 ct_tp_src;         /* Conntrack original tuple: L4 ports, */
    ovs_be16 ct_tp_dst;         /* or ICMP type and code. */

    /* L2.  For an 802.3 frame, 'dl_type' is the Ethertype of its SNAP
     * header or FLOW_DL_TYPE_NONE; after VLAN tags, the Ethertype following
     * the innermost tag parsed. */
    struct eth_addr dl_dst;     /* Ethernet destination. */
    struct eth_addr dl_src;     /* Ethernet source. */
    ovs_be16 dl_type;           /* Ethertype, see above. */
    struct flow_vlan vlans[FLOW_MAX_VLAN_HEADERS]; /* Outermost first. */
    uint8_t pad_l2[2];

    /* L3.  IPv4 uses nw_src/nw_dst, IPv6 ipv6_src/ipv6_dst/ipv6_label; both
     * use nw_frag, nw_tos, nw_ttl and nw_proto (the upper-layer protocol
     * after any IPv6 extension headers).
     *
     * ARP and RARP: 'nw_src' and 'nw_dst' are the sender and target protocol
     * addresses, 'nw_proto' the low byte of the opcode (0 if the opcode does
     * not fit), 'arp_sha'/'arp_tha' the hardware addresses.
     *
     * IPv6 neighbor discovery: 'nd_target' is the target address of a
     * solicitation or advertisement, 'arp_sha' its source link-layer address
     * option and 'arp_tha' its target link-layer address option. */
    ovs_be32 nw_src;            /* IPv4 source, ARP SPA. */
    ovs_be32 nw_dst;            /* IPv4 destination, ARP TPA. */
    ovs_be32 ipv6_label;        /* IPv6 flow label, low 20 bits. */
    uint8_t nw_frag;            /* FLOW_NW_FRAG_* bits. */
    uint8_t nw_tos;             /* DSCP (high 6 bits) and ECN (low 2). */
    uint8_t nw_ttl;             /* TTL or hop limit. */
    uint8_t nw_proto;           /* IPPROTO_* or low byte of ARP opcode. */
    struct in6_addr ipv6_src;   /* IPv6 source. */
    struct in6_addr ipv6_dst;   /* IPv6 destination. */
    struct in6_addr nd_target;  /* IPv6 ND target. */
    struct eth_addr arp_sha;    /* ARP SHA, ND source link-layer address. */
    struct eth_addr arp_tha;    /* ARP THA, ND target link-layer address. */

    /* L4.  TCP, UDP and SCTP ports; for ICMP and ICMPv6, 'tp_src' holds the
     * type and 'tp_dst' the code, each in the low byte (htons(type)). */
    ovs_be16 tp_src;
    ovs_be16 tp_dst;
    ovs_be16 tcp_flags;         /* TCP flags, low 12 bits (TCP_FLAGS()). */
    uint8_t pad_l4[2];

    /* Conntrack metadata, continued: the original direction's addresses
     * for a tracked connection, and the connection label. */
    ovs_be32 ct_nw_src;         /* Original tuple: IPv4 source. */
    ovs_be32 ct_nw_dst;         /* Original tuple: IPv4 destination. */
    uint8_t pad_ct[4];
    ovs_u128 ct_label;          /* Connection label, host order. */
    struct in6_addr ct_ipv6_src;    /* Original tuple: IPv6 source. */
    struct in6_addr ct_ipv6_dst;    /* Original tuple: IPv6 destination. */

    /* OpenFlow pipeline state; always zero in the datapath layer. */
    ovs_be64 metadata;          /* OpenFlow metadata. */
    uint32_t regs[FLOW_N_REGS]; /* OpenFlow registers reg0..reg15. */

    /* Tunnel metadata, last because it is big and usually zero. */
    struct flow_tnl tunnel;
};

/* A mask of the same shape as struct flow: a 1-bit means "this bit of the
 * field is matched", a 0-bit "wildcarded". */
struct flow_wildcards {
    struct flow masks;
};

/* Parses the Ethernet frame of 'size' bytes at 'packet' into the header
 * fields of 'flow' (L2 to L4: dl_dst through tcp_flags), which it zeroes
 * first.  The metadata, conntrack, pipeline and tunnel fields are not
 * touched: the caller fills them in (before or after).
 *
 * The parser never reads outside 'packet'.  A header whose bytes are not all
 * present, or that is malformed, contributes no fields and ends parsing;
 * headers before it keep their fields.  In detail:
 *
 *   - Ethernet needs 14 bytes.  Up to two VLAN tags (TPID 0x8100 or
 *     0x88a8) are parsed, each needing its 4 bytes after the TPID; a tag
 *     that is cut short, or a third tag, leaves its TPID in 'dl_type'.
 *     An 802.3 frame gets the Ethertype of an LLC/SNAP header with
 *     organization code 0, else FLOW_DL_TYPE_NONE.
 *
 *   - ARP/RARP (28 bytes) is parsed only for Ethernet/IPv4 addresses.
 *
 *   - IPv4 needs version 4, IHL >= 5 with the whole header present
 *     (options are skipped) and a total length not below the header length;
 *     otherwise no L3 field is set.  A total length shorter than the data
 *     drops the rest (Ethernet padding); a longer one is taken to mean a
 *     truncated packet, parsed as far as it goes.  Fragments set 'nw_frag';
 *     L4 is parsed only at fragment offset 0.
 *
 *   - IPv6 needs version 6 and the 40-byte header; the payload length
 *     trims like IPv4's total length.  Hop-by-hop, routing, destination
 *     options, fragment and authentication headers are walked; a later
 *     fragment has 'nw_proto' IPPROTO_FRAGMENT and no L4, and an extension
 *     header that is cut short leaves 'nw_proto' IPPROTO_NONE (both as the
 *     kernel datapath does).
 *
 *   - TCP needs its whole header including options (data offset >= 5),
 *     UDP 8 bytes, SCTP 12, ICMP and ICMPv6 8.  Neighbor solicitations and
 *     advertisements (code 0) need 24 bytes for 'nd_target'; their source
 *     and target link-layer address options fill 'arp_sha' and 'arp_tha'.
 *     An option of length zero or running past the packet, or a repeated
 *     address option, clears all three ND fields. */
void flow_extract(const void *packet, size_t size, struct flow *flow);

uint32_t flow_hash(const struct flow *, uint32_t basis);
bool flow_equal(const struct flow *, const struct flow *);

/* Clears the bits of 'flow' that 'wc' wildcards. */
void flow_zero_wildcards(struct flow *flow, const struct flow_wildcards *wc);

/* Sets the padding members of 'flow' to zero. */
void flow_clear_padding(struct flow *flow);

/* Returns true if all padding members of 'flow' are zero. */
bool flow_padding_is_zero(const struct flow *flow);

/* Appends a debug description of 'flow' to 'ds', as a comma-separated list
 * of key=value pairs in the spirit of OVS's flow text: fields that are zero
 * and irrelevant to the packet's protocols are left out. */
void flow_format(struct ds *ds, const struct flow *flow);

static inline bool
flow_vlan_present(const struct flow *flow, int idx)
{
    return (flow->vlans[idx].tci & htons(VLAN_CFI)) != 0;
}

static inline bool
flow_is_ip_any(const struct flow *flow)
{
    return (flow->dl_type == htons(ETH_TYPE_IP)
            || flow->dl_type == htons(ETH_TYPE_IPV6));
}

/* Wildcards. */

/* Match nothing exactly (everything wildcarded) / every bit exactly. */
void flow_wildcards_init_catchall(struct flow_wildcards *);
void flow_wildcards_init_exact(struct flow_wildcards *);
bool flow_wildcards_is_catchall(const struct flow_wildcards *);
bool flow_wildcards_is_exact(const struct flow_wildcards *);
bool flow_wildcards_equal(const struct flow_wildcards *,
                          const struct flow_wildcards *);

/* Sets 'dst' to the masks of 'a' ANDed with those of 'b': a bit is matched
 * in 'dst' only if it is matched in both. */
void flow_wildcards_and(struct flow_wildcards *dst,
                        const struct flow_wildcards *a,
                        const struct flow_wildcards *b);

/* Sets 'dst' to the union of the masks of 'a' and 'b': a bit is matched in
 * 'dst' if it is matched in either.  This is how a megaflow's mask grows
 * as translation looks at more fields.  'dst' may be 'a' or 'b'. */
void flow_wildcards_or(struct flow_wildcards *dst,
                       const struct flow_wildcards *a,
                       const struct flow_wildcards *b);

#endif /* flow.h */
