/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef PACKETS_H
#define PACKETS_H 1

/* Packet formats: Ethernet addresses, header layouts and protocol numbers,
 * text conversion of link-layer and IP addresses, the internet checksum, and
 * a small packet builder for tests and tools.
 *
 * Header structs.  Every header struct here is packed (alignment 1) and laid
 * out exactly as on the wire, with multi-byte fields in network byte order
 * (the ovs_be* types).  Because they are packed, a pointer to one may be
 * placed on packet data at any offset, once the caller has checked that the
 * whole header lies inside the buffer; field reads and writes then compile to
 * accesses that are safe at any alignment.  The price is that the address of
 * a multi-byte member must not be taken (GCC's -Waddress-of-packed-member
 * catches it): copy the member into a local instead.
 *
 * Host-order constants.  ETH_TYPE_*, VLAN_*, IP_* flag and mask values, and
 * the TCP flag bits are host-order integers, as protocol documents write
 * them; compare them with a header field through htons()/ntohs(). */

#include <stdbool.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>
#include <netinet/in.h>
#include "compiler.h"
#include "types.h"

struct ds;

#ifndef OVS_PACKED
#define OVS_PACKED __attribute__((__packed__))
#endif

/* Ethernet addresses. */

#define ETH_ADDR_LEN 6

struct eth_addr {
    uint8_t ea[ETH_ADDR_LEN];
};
BUILD_ASSERT_DECL(sizeof(struct eth_addr) == ETH_ADDR_LEN);

#define ETH_ADDR_C(A, B, C, D, E, F) \
    ((struct eth_addr) { { 0x##A, 0x##B, 0x##C, 0x##D, 0x##E, 0x##F } })
#define ETH_ADDR_ZERO ((struct eth_addr) { { 0, 0, 0, 0, 0, 0 } })
#define ETH_ADDR_BROADCAST ETH_ADDR_C(ff, ff, ff, ff, ff, ff)
#define ETH_ADDR_EXACT ETH_ADDR_BROADCAST   /* As a mask: match all bits. */

/* For printf-style output: printf(ETH_ADDR_FMT, ETH_ADDR_ARGS(ea)). */
#define ETH_ADDR_FMT "%02x:%02x:%02x:%02x:%02x:%02x"
#define ETH_ADDR_ARGS(EA) \
    (EA).ea[0], (EA).ea[1], (EA).ea[2], (EA).ea[3], (EA).ea[4], (EA).ea[5]

/* Length of "xx:xx:xx:xx:xx:xx" plus its null terminator. */
#define ETH_ADDR_STRLEN 18

static inline bool
eth_addr_equals(struct eth_addr a, struct eth_addr b)
{
    return !memcmp(a.ea, b.ea, ETH_ADDR_LEN);
}

static inline bool
eth_addr_is_zero(struct eth_addr a)
{
    return eth_addr_equals(a, ETH_ADDR_ZERO);
}

static inline bool
eth_addr_is_broadcast(struct eth_addr a)
{
    return eth_addr_equals(a, ETH_ADDR_BROADCAST);
}

/* Returns true for multicast, including broadcast, addresses. */
static inline bool
eth_addr_is_multicast(struct eth_addr a)
{
    return a.ea[0] & 1;
}

static inline struct eth_addr
eth_addr_and(struct eth_addr a, struct eth_addr b)
{
    struct eth_addr r;

    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        r.ea[i] = a.ea[i] & b.ea[i];
    }
    return r;
}

/* Appends 'ea' to 'ds' as "xx:xx:xx:xx:xx:xx" (lowercase hex). */
void ds_put_eth_addr(struct ds *ds, struct eth_addr ea);

/* Appends 'ea' to 'ds' followed, unless 'mask' is all-ones, by '/' and
 * 'mask'. */
void ds_put_eth_addr_masked(struct ds *ds, struct eth_addr ea,
                            struct eth_addr mask);

/* Writes 'ea' as a null-terminated "xx:xx:xx:xx:xx:xx" into 'buf', which
 * must have room for ETH_ADDR_STRLEN bytes, and returns 'buf'. */
char *eth_addr_to_string(struct eth_addr ea, char buf[ETH_ADDR_STRLEN]);

/* Parses 's', six groups of one or two hex digits separated by colons, into
 * '*ea'.  The whole string must be consumed.  Returns true if successful;
 * otherwise returns false and sets '*ea' to all-zeros. */
bool eth_addr_from_string(const char *s, struct eth_addr *ea);

/* Parses 's', an Ethernet address optionally followed by '/' and a mask in
 * the same syntax, into '*ea' and '*mask' (all-ones if no mask is given).
 * Returns NULL if successful, otherwise a malloc()'d error message that the
 * caller must free; on error '*ea' and '*mask' are zeroed. */
char *eth_addr_parse_masked(const char *s, struct eth_addr *ea,
                            struct eth_addr *mask) OVS_WARN_UNUSED_RESULT;

/* Ethernet. */

#define ETH_HEADER_LEN 14
#define ETH_PAYLOAD_MIN 46
#define ETH_TOTAL_MIN (ETH_HEADER_LEN + ETH_PAYLOAD_MIN)

/* Values of 'eth_type' below ETH_TYPE_MIN are 802.3 frame lengths. */
#define ETH_TYPE_MIN 0x0600
#define ETH_TYPE_IP 0x0800
#define ETH_TYPE_ARP 0x0806
#define ETH_TYPE_TEB 0x6558             /* Transparent Ethernet bridging. */
#define ETH_TYPE_RARP 0x8035
#define ETH_TYPE_VLAN_8021Q 0x8100
#define ETH_TYPE_IPV6 0x86dd
#define ETH_TYPE_LACP 0x8809
#define ETH_TYPE_MPLS 0x8847
#define ETH_TYPE_MPLS_MCAST 0x8848
#define ETH_TYPE_VLAN_8021AD 0x88a8
#define ETH_TYPE_LLDP 0x88cc

/* Returns true if 'eth_type' (network order) introduces an 802.1Q or
 * 802.1ad VLAN tag. */
static inline bool
eth_type_vlan(ovs_be16 eth_type)
{
    return (eth_type == htons(ETH_TYPE_VLAN_8021Q)
            || eth_type == htons(ETH_TYPE_VLAN_8021AD));
}

struct eth_header {
    struct eth_addr eth_dst;
    struct eth_addr eth_src;
    ovs_be16 eth_type;          /* Ethertype, VLAN TPID or 802.3 length. */
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct eth_header) == ETH_HEADER_LEN);

/* 802.2 LLC and SNAP, which follow an 802.3 (length) Ethernet header.  A
 * SNAP header with organization code 00-00-00 carries an Ethertype. */
#define LLC_DSAP_SNAP 0xaa
#define LLC_SSAP_SNAP 0xaa
#define LLC_CNTL_SNAP 0x03
#define LLC_HEADER_LEN 3
#define SNAP_HEADER_LEN 5
#define LLC_SNAP_HEADER_LEN (LLC_HEADER_LEN + SNAP_HEADER_LEN)

struct llc_header {
    uint8_t llc_dsap;
    uint8_t llc_ssap;
    uint8_t llc_cntl;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct llc_header) == LLC_HEADER_LEN);

struct snap_header {
    uint8_t snap_org[3];
    ovs_be16 snap_type;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct snap_header) == SNAP_HEADER_LEN);

/* VLAN tags (802.1Q, 802.1ad).  The tag follows an Ethertype field holding
 * the TPID; 'vlan_next_type' is the Ethertype (or TPID) after the tag. */
#define VLAN_HEADER_LEN 4
#define VLAN_VID_MASK 0x0fff
#define VLAN_CFI 0x1000             /* DEI; in struct flow: "tag present". */
#define VLAN_PCP_MASK 0xe000
#define VLAN_PCP_SHIFT 13

struct vlan_header {
    ovs_be16 vlan_tci;          /* PCP (3 bits), CFI/DEI, VID (12 bits). */
    ovs_be16 vlan_next_type;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct vlan_header) == VLAN_HEADER_LEN);

static inline uint16_t
vlan_tci_to_vid(ovs_be16 tci)
{
    return ntohs(tci) & VLAN_VID_MASK;
}

static inline uint8_t
vlan_tci_to_pcp(ovs_be16 tci)
{
    return (ntohs(tci) & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
}

/* ARP for IPv4 over Ethernet. */
#define ARP_HTYPE_ETH 1
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_OP_RARP_REQUEST 3
#define ARP_OP_RARP_REPLY 4
#define ARP_ETH_HEADER_LEN 28

struct arp_eth_header {
    ovs_be16 ar_hrd;            /* ARP_HTYPE_ETH. */
    ovs_be16 ar_pro;            /* ETH_TYPE_IP. */
    uint8_t ar_hln;             /* ETH_ADDR_LEN. */
    uint8_t ar_pln;             /* 4. */
    ovs_be16 ar_op;             /* ARP_OP_*. */
    struct eth_addr ar_sha;     /* Sender hardware address. */
    ovs_be32 ar_spa;            /* Sender protocol address. */
    struct eth_addr ar_tha;     /* Target hardware address. */
    ovs_be32 ar_tpa;            /* Target protocol address. */
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct arp_eth_header) == ARP_ETH_HEADER_LEN);

/* IP protocol numbers.  <netinet/in.h> has them all on glibc; these cover
 * C libraries that lack the less common ones. */
#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif
#ifndef IPPROTO_DSTOPTS
#define IPPROTO_DSTOPTS 60
#endif
#ifndef IPPROTO_NONE
#define IPPROTO_NONE 59
#endif
#ifndef IPPROTO_ICMPV6
#define IPPROTO_ICMPV6 58
#endif
#ifndef IPPROTO_AH
#define IPPROTO_AH 51
#endif
#ifndef IPPROTO_FRAGMENT
#define IPPROTO_FRAGMENT 44
#endif
#ifndef IPPROTO_ROUTING
#define IPPROTO_ROUTING 43
#endif
#ifndef IPPROTO_HOPOPTS
#define IPPROTO_HOPOPTS 0
#endif

/* IPv4. */
#define IP_HEADER_LEN 20
#define IP_MAX_HEADER_LEN 60
#define IP_VERSION 4
#define IP_VER(IHL_VER) ((IHL_VER) >> 4)
#define IP_IHL(IHL_VER) ((IHL_VER) & 0x0f)     /* In 32-bit words. */
#define IP_IHL_VER(IHL, VER) (((VER) << 4) | (IHL))
#define IP_DSCP_MASK 0xfc
#define IP_ECN_MASK 0x03
#define IP_DONT_FRAGMENT 0x4000             /* In 'ip_frag_off'. */
#define IP_MORE_FRAGMENTS 0x2000            /* In 'ip_frag_off'. */
#define IP_FRAG_OFF_MASK 0x1fff             /* In 8-byte units. */

struct ip_header {
    uint8_t ip_ihl_ver;         /* Version (high 4 bits), IHL (low 4). */
    uint8_t ip_tos;             /* DSCP (high 6 bits), ECN (low 2). */
    ovs_be16 ip_tot_len;        /* Header plus payload, in bytes. */
    ovs_be16 ip_id;
    ovs_be16 ip_frag_off;       /* Flags and fragment offset. */
    uint8_t ip_ttl;
    uint8_t ip_proto;
    ovs_be16 ip_csum;
    ovs_be32 ip_src;
    ovs_be32 ip_dst;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct ip_header) == IP_HEADER_LEN);

/* IPv6. */
#define IPV6_HEADER_LEN 40
#define IPV6_VERSION 6
#define IPV6_LABEL_MASK 0x000fffff          /* In 'ip6_vtc_flow'. */
#define IPV6_TC_SHIFT 20                    /* In 'ip6_vtc_flow'. */

struct ipv6_header {
    ovs_be32 ip6_vtc_flow;      /* Version 4 bits, class 8, label 20. */
    ovs_be16 ip6_payload_len;   /* Bytes after this header. */
    uint8_t ip6_next;           /* Next header: IPPROTO_*. */
    uint8_t ip6_hop_limit;
    struct in6_addr ip6_src;
    struct in6_addr ip6_dst;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct ipv6_header) == IPV6_HEADER_LEN);

/* The start of the hop-by-hop, routing and destination options extension
 * headers, whose length is (ip6e_len + 1) * 8 bytes, and of the
 * authentication header, whose length is (ip6e_len + 2) * 4 bytes. */
struct ipv6_ext_header {
    uint8_t ip6e_next;
    uint8_t ip6e_len;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct ipv6_ext_header) == 2);

#define IPV6_EXT_HEADER_LEN(LEN) (((size_t) (LEN) + 1) * 8)
#define IPV6_AH_HEADER_LEN(LEN) (((size_t) (LEN) + 2) * 4)

/* The fragment header. */
#define IPV6_FRAG_HEADER_LEN 8
#define IPV6_FRAG_OFF_MASK 0xfff8           /* In 'ip6f_offlg', in bytes. */
#define IPV6_FRAG_MORE 0x0001               /* In 'ip6f_offlg'. */

struct ipv6_frag_header {
    uint8_t ip6f_next;
    uint8_t ip6f_reserved;
    ovs_be16 ip6f_offlg;        /* Offset (13 bits), 2 reserved, M flag. */
    ovs_be32 ip6f_ident;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct ipv6_frag_header) == IPV6_FRAG_HEADER_LEN);

/* TCP. */
#define TCP_HEADER_LEN 20
#define TCP_FIN 0x001
#define TCP_SYN 0x002
#define TCP_RST 0x004
#define TCP_PSH 0x008
#define TCP_ACK 0x010
#define TCP_URG 0x020
#define TCP_ECE 0x040
#define TCP_CWR 0x080
#define TCP_NS 0x100
#define TCP_FLAGS_MASK 0x0fff   /* The flags as OpenFlow and OVS see them. */

/* 'tcp_ctl' packs the data offset (4 bits, in 32-bit words), 3 reserved bits
 * and the 9 flag bits.  TCP_CTL() builds it, in network order. */
#define TCP_CTL(FLAGS, OFFSET) htons(((OFFSET) << 12) | (FLAGS))
#define TCP_FLAGS(TCP_CTL_BE) (ntohs(TCP_CTL_BE) & TCP_FLAGS_MASK)
#define TCP_OFFSET(TCP_CTL_BE) (ntohs(TCP_CTL_BE) >> 12)

struct tcp_header {
    ovs_be16 tcp_src;
    ovs_be16 tcp_dst;
    ovs_be32 tcp_seqno;
    ovs_be32 tcp_ackno;
    ovs_be16 tcp_ctl;
    ovs_be16 tcp_winsz;
    ovs_be16 tcp_csum;
    ovs_be16 tcp_urg;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct tcp_header) == TCP_HEADER_LEN);

/* UDP. */
#define UDP_HEADER_LEN 8

struct udp_header {
    ovs_be16 udp_src;
    ovs_be16 udp_dst;
    ovs_be16 udp_len;           /* Header plus payload, in bytes. */
    ovs_be16 udp_csum;          /* 0: none (IPv4 only). */
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct udp_header) == UDP_HEADER_LEN);

/* SCTP common header. */
#define SCTP_HEADER_LEN 12

struct sctp_header {
    ovs_be16 sctp_src;
    ovs_be16 sctp_dst;
    ovs_be32 sctp_vtag;
    ovs_be32 sctp_csum;         /* CRC32c, little-endian; see crc32c(). */
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct sctp_header) == SCTP_HEADER_LEN);

/* ICMP for IPv4.  The last 4 bytes depend on the type; for echo request and
 * reply they are an identifier and a sequence number. */
#define ICMP_HEADER_LEN 8
#define ICMP4_ECHO_REPLY 0
#define ICMP4_DST_UNREACH 3
#define ICMP4_ECHO_REQUEST 8
#define ICMP4_TIME_EXCEEDED 11

struct icmp_header {
    uint8_t icmp_type;
    uint8_t icmp_code;
    ovs_be16 icmp_csum;
    ovs_be16 icmp_ident;
    ovs_be16 icmp_seqno;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct icmp_header) == ICMP_HEADER_LEN);

/* ICMPv6.  The fixed part is 4 bytes; all messages have at least 4 more
 * (echo identifier and sequence number, neighbor discovery flags, ...), so
 * the parser requires ICMP6_DATA_HEADER_LEN bytes. */
#define ICMP6_HEADER_LEN 4
#define ICMP6_DATA_HEADER_LEN 8
#define ICMP6_DST_UNREACH 1
#define ICMP6_PACKET_TOO_BIG 2
#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129
#define ICMP6_ND_RS 133             /* Router solicitation. */
#define ICMP6_ND_RA 134             /* Router advertisement. */
#define ICMP6_ND_NS 135             /* Neighbor solicitation. */
#define ICMP6_ND_NA 136             /* Neighbor advertisement. */

struct icmp6_header {
    uint8_t icmp6_type;
    uint8_t icmp6_code;
    ovs_be16 icmp6_csum;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct icmp6_header) == ICMP6_HEADER_LEN);

/* Neighbor solicitation and advertisement (RFC 4861), followed by options
 * in 8-byte units. */
#define ND_MSG_LEN 24
#define ND_NA_ROUTER 0x80000000     /* In 'nd_flags' of an advertisement. */
#define ND_NA_SOLICITED 0x40000000
#define ND_NA_OVERRIDE 0x20000000

struct nd_msg {
    struct icmp6_header icmp6;
    ovs_be32 nd_flags;          /* Reserved (zero) in a solicitation. */
    struct in6_addr nd_target;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct nd_msg) == ND_MSG_LEN);

#define ND_OPT_SLL 1                /* Source link-layer address. */
#define ND_OPT_TLL 2                /* Target link-layer address. */
#define ND_OPT_UNIT 8               /* 'ndo_len' counts units of 8 bytes. */
#define ND_LLA_OPT_LEN 8

struct nd_opt_header {
    uint8_t ndo_type;
    uint8_t ndo_len;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct nd_opt_header) == 2);

/* A link-layer address option for Ethernet ('ndo_len' == 1). */
struct nd_lla_opt {
    uint8_t ndo_type;           /* ND_OPT_SLL or ND_OPT_TLL. */
    uint8_t ndo_len;            /* 1. */
    struct eth_addr ndo_mac;
} OVS_PACKED;
BUILD_ASSERT_DECL(sizeof(struct nd_lla_opt) == ND_LLA_OPT_LEN);

/* IPv4 addresses. */

/* For printf-style output of an ovs_be32 address: IP_FMT, IP_ARGS(ip). */
#define IP_FMT "%"PRIu32".%"PRIu32".%"PRIu32".%"PRIu32
#define IP_ARGS(IP)                             \
    ((uint32_t) ntohl(IP) >> 24),               \
    (((uint32_t) ntohl(IP) >> 16) & 0xff),      \
    (((uint32_t) ntohl(IP) >> 8) & 0xff),       \
    ((uint32_t) ntohl(IP) & 0xff)

/* Returns a mask with the 'plen' (0 to 32) most significant bits set. */
ovs_be32 be32_prefix_mask(int plen);

/* If 'mask' is a CIDR mask (ones followed by zeros), returns its number of
 * one bits, otherwise -1. */
int ip_count_cidr_bits(ovs_be32 mask);

static inline bool
ip_is_cidr(ovs_be32 mask)
{
    return ip_count_cidr_bits(mask) >= 0;
}

/* Appends 'ip' in dotted-quad form. */
void ds_put_ip(struct ds *ds, ovs_be32 ip);

/* Appends 'ip' followed, unless 'mask' is all-ones, by "/N" when 'mask' is a
 * CIDR mask of N bits and by "/a.b.c.d" otherwise. */
void ds_put_ip_masked(struct ds *ds, ovs_be32 ip, ovs_be32 mask);

/* Parses 's', a dotted quad, into '*ip'.  Returns true if successful,
 * otherwise false with '*ip' zeroed. */
bool ip_parse(const char *s, ovs_be32 *ip);

/* Parses 's', "a.b.c.d", "a.b.c.d/N" (0 <= N <= 32) or "a.b.c.d/m.m.m.m"
 * (any mask, contiguous or not), into '*ip' and '*mask'.  The address is
 * stored as written, bits outside the mask included.  Returns NULL if
 * successful, otherwise a malloc()'d error message for the caller to free,
 * with '*ip' and '*mask' zeroed. */
char *ip_parse_masked(const char *s, ovs_be32 *ip, ovs_be32 *mask)
    OVS_WARN_UNUSED_RESULT;

/* IPv6 addresses. */

/* Longest text form of an IPv6 address plus its null terminator. */
#define IPV6_SCAN_LEN 46

#define IN6ADDR_EXACT_INIT { { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,       \
                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,       \
                                 0xff, 0xff, 0xff, 0xff } } }

static inline bool
ipv6_addr_equals(const struct in6_addr *a, const struct in6_addr *b)
{
    return !memcmp(a, b, sizeof *a);
}

static inline bool
ipv6_is_zero(const struct in6_addr *a)
{
    static const struct in6_addr zero;

    return ipv6_addr_equals(a, &zero);
}

static inline bool
ipv6_is_all_ones(const struct in6_addr *a)
{
    static const struct in6_addr ones = IN6ADDR_EXACT_INIT;

    return ipv6_addr_equals(a, &ones);
}

static inline struct in6_addr
ipv6_addr_bitand(const struct in6_addr *a, const struct in6_addr *b)
{
    struct in6_addr r;

    for (int i = 0; i < 16; i++) {
        r.s6_addr[i] = a->s6_addr[i] & b->s6_addr[i];
    }
    return r;
}

/* Returns a mask with the 'plen' (0 to 128) most significant bits set. */
struct in6_addr ipv6_create_mask(int plen);

/* If 'mask' is a CIDR mask, returns its number of one bits, otherwise -1. */
int ipv6_count_cidr_bits(const struct in6_addr *mask);

static inline bool
ipv6_is_cidr(const struct in6_addr *mask)
{
    return ipv6_count_cidr_bits(mask) >= 0;
}

/* Appends 'addr' in the RFC 5952 text form ("2001:db8::1"). */
void ds_put_ipv6(struct ds *ds, const struct in6_addr *addr);

/* Appends 'addr' followed, unless 'mask' is all-ones, by "/N" for a CIDR
 * mask of N bits and by "/" and the mask as an address otherwise. */
void ds_put_ipv6_masked(struct ds *ds, const struct in6_addr *addr,
                        const struct in6_addr *mask);

/* Parses 's', an IPv6 address in text form, into '*addr'.  Returns true if
 * successful, otherwise false with '*addr' zeroed. */
bool ipv6_parse(const char *s, struct in6_addr *addr);

/* Parses 's', "ADDR", "ADDR/N" (0 <= N <= 128) or "ADDR/MASK" with MASK an
 * address-form mask, into '*addr' and '*mask', like ip_parse_masked(). */
char *ipv6_parse_masked(const char *s, struct in6_addr *addr,
                        struct in6_addr *mask) OVS_WARN_UNUSED_RESULT;

/* The internet checksum (RFC 1071).
 *
 * The ones' complement sum does not depend on byte order, so these functions
 * add 16-bit words as they lie in memory and return a checksum that is ready
 * to be stored in a header field as is (hence ovs_be16).
 *
 * A checksum over several pieces: start with 'partial' = 0, call
 * csum_continue() for each piece, then csum_finish().  Every piece but the
 * last must have an even length. */
uint32_t csum_continue(uint32_t partial, const void *data, size_t n);
ovs_be16 csum_finish(uint32_t partial);

/* Returns the checksum of the 'n' bytes at 'data'. */
ovs_be16 csum(const void *data, size_t n);

/* Incremental update (RFC 1624): given 'old_csum', the checksum of data in
 * which 'old_u16' (or 'old_u32', or '*old_addr') is replaced by 'new_u16'
 * ('new_u32', '*new_addr'), each at an even offset, returns the new
 * checksum. */
ovs_be16 recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16);
ovs_be16 recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32);
ovs_be16 recalc_csum128(ovs_be16 old_csum, const struct in6_addr *old_addr,
                        const struct in6_addr *new_addr);

/* Returns the partial sum of the IPv4 pseudo-header for the upper-layer
 * protocol carried by 'ip': addresses, protocol, and upper-layer length
 * (total length less the header length). */
uint32_t packet_csum_pseudoheader(const struct ip_header *ip);

/* Returns the partial sum of the IPv6 pseudo-header for upper-layer protocol
 * 'proto' with 'l4_len' bytes after the addresses of 'ip6'. */
uint32_t packet_csum_pseudoheader6(const struct ipv6_header *ip6,
                                   uint8_t proto, uint32_t l4_len);

/* Returns the CRC32c (Castagnoli) of the 'n' bytes at 'data'.  SCTP stores
 * it in little-endian byte order (RFC 4960, appendix B): 'sctp_csum' is
 * htole32() of the CRC of the whole SCTP packet taken with a zero checksum
 * field. */
uint32_t crc32c(const void *data, size_t n);

/* A packet builder, for tests and tools that need well-formed packets.
 *
 * Initialize with pkt_builder_init(), append headers outermost first with
 * the pkt_put_*() functions (each header names the type of the next one as
 * its caller says, the builder does not check), then call
 * pkt_builder_finish() to fill in the lengths and checksums: an 802.3
 * length, the IPv4 total length and header checksum, the IPv6 payload
 * length, and the UDP length and the TCP, UDP, SCTP, ICMP or ICMPv6
 * checksum of the last L4 header put.  The packet is 'data' and 'size'.
 *
 * The pkt_put_*() functions that return a pointer return the header they
 * appended, for the caller to adjust fields that the builder chose; the
 * pointer is valid only until the next call on the builder.
 *
 * Port numbers, addresses and tags are taken in network order; flag and
 * type arguments in host order. */
struct pkt_builder {
    uint8_t *data;              /* The packet. */
    size_t size;                /* Bytes in 'data'. */
    size_t allocated;           /* Bytes allocated at 'data'. */
    size_t l2_len_ofs;          /* 802.3 length field, or SIZE_MAX. */
    size_t l2_len_end;          /* First byte that length counts. */
    size_t l3_ofs;              /* IPv4 or IPv6 header, or SIZE_MAX. */
    size_t l4_ofs;              /* L4 header, or SIZE_MAX. */
    uint16_t l3_type;           /* ETH_TYPE_IP or ETH_TYPE_IPV6. */
    uint8_t l4_proto;           /* IPPROTO_* of the header at 'l4_ofs'. */
};

void pkt_builder_init(struct pkt_builder *);
void pkt_builder_uninit(struct pkt_builder *);
void pkt_builder_finish(struct pkt_builder *);

/* Appends 'n' bytes copied from 'data', or zeros. */
void *pkt_put(struct pkt_builder *, const void *data, size_t n);
void *pkt_put_zeros(struct pkt_builder *, size_t n);

/* Ethernet II header with Ethertype or TPID 'eth_type'. */
struct eth_header *pkt_put_eth(struct pkt_builder *, struct eth_addr dst,
                               struct eth_addr src, uint16_t eth_type);

/* 802.3 header whose length field pkt_builder_finish() fills in; follow it
 * with pkt_put_llc() and optionally pkt_put_snap(). */
struct eth_header *pkt_put_eth_802_3(struct pkt_builder *,
                                     struct eth_addr dst,
                                     struct eth_addr src);
void pkt_put_llc(struct pkt_builder *, uint8_t dsap, uint8_t ssap,
                 uint8_t cntl);
void pkt_put_snap(struct pkt_builder *, uint16_t eth_type);

/* VLAN tag with 'tci' (host order), followed by Ethertype 'next_type'. */
void pkt_put_vlan(struct pkt_builder *, uint16_t tci, uint16_t next_type);

/* ARP over Ethernet for IPv4. */
struct arp_eth_header *pkt_put_arp(struct pkt_builder *, uint16_t op,
                                   struct eth_addr sha, ovs_be32 spa,
                                   struct eth_addr tha, ovs_be32 tpa);

/* IPv4 header for protocol 'proto', TTL 64, no options.  Follow it with
 * pkt_put_ipv4_options() to add options. */
struct ip_header *pkt_put_ipv4(struct pkt_builder *, uint8_t proto,
                               ovs_be32 src, ovs_be32 dst);
void pkt_put_ipv4_options(struct pkt_builder *, const void *options,
                          size_t n);

/* IPv6 header with next header 'next', hop limit 64. */
struct ipv6_header *pkt_put_ipv6(struct pkt_builder *, uint8_t next,
                                 const struct in6_addr *src,
                                 const struct in6_addr *dst);

/* Hop-by-hop, routing or destination options header of 'len' bytes (a
 * multiple of 8), padded with Pad1 options (zeros). */
void pkt_put_ipv6_ext(struct pkt_builder *, uint8_t next, size_t len);

/* Fragment header at byte 'offset' (a multiple of 8). */
void pkt_put_ipv6_frag(struct pkt_builder *, uint8_t next, uint16_t offset,
                       bool more, uint32_t ident);

/* Authentication header of 'len' bytes (a multiple of 4, at least 12). */
void pkt_put_ipv6_ah(struct pkt_builder *, uint8_t next, size_t len);

/* L4 headers.  Each records itself as the packet's L4 header. */
struct tcp_header *pkt_put_tcp(struct pkt_builder *, ovs_be16 src,
                               ovs_be16 dst, uint16_t flags);
struct udp_header *pkt_put_udp(struct pkt_builder *, ovs_be16 src,
                               ovs_be16 dst);
struct sctp_header *pkt_put_sctp(struct pkt_builder *, ovs_be16 src,
                                 ovs_be16 dst);
struct icmp_header *pkt_put_icmp(struct pkt_builder *, uint8_t type,
                                 uint8_t code);

/* ICMPv6 header plus 4 zero bytes (echo identifier and sequence). */
struct icmp6_header *pkt_put_icmp6(struct pkt_builder *, uint8_t type,
                                   uint8_t code);

/* Neighbor solicitation or advertisement ('type' ICMP6_ND_NS or
 * ICMP6_ND_NA) for 'target', and a link-layer address option. */
struct nd_msg *pkt_put_nd(struct pkt_builder *, uint8_t type,
                          uint32_t flags, const struct in6_addr *target);
void pkt_put_nd_lla_opt(struct pkt_builder *, uint8_t type,
                        struct eth_addr mac);

#endif /* packets.h */
