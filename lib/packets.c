/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "packets.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <endian.h>
#include <string.h>
#include "dynamic-string.h"
#include "util.h"

/* Ethernet addresses. */

void
ds_put_eth_addr(struct ds *ds, struct eth_addr ea)
{
    ds_put_format(ds, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
}

void
ds_put_eth_addr_masked(struct ds *ds, struct eth_addr ea,
                       struct eth_addr mask)
{
    ds_put_eth_addr(ds, ea);
    if (!eth_addr_is_broadcast(mask)) {
        ds_put_char(ds, '/');
        ds_put_eth_addr(ds, mask);
    }
}

char *
eth_addr_to_string(struct eth_addr ea, char buf[ETH_ADDR_STRLEN])
{
    snprintf(buf, ETH_ADDR_STRLEN, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
    return buf;
}

static int
hex_digit_value__(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Parses one or two hex digits at '*sp' into '*byte' and advances '*sp'
 * past them.  Returns false if '*sp' does not start with a hex digit. */
static bool
parse_hex_byte__(const char **sp, uint8_t *byte)
{
    const char *s = *sp;
    unsigned int value = 0;
    int n;

    for (n = 0; n < 2; n++) {
        int digit = hex_digit_value__((unsigned char) s[n]);

        if (digit < 0) {
            break;
        }
        value = value * 16 + digit;
    }
    if (!n) {
        return false;
    }
    *byte = value;
    *sp = s + n;
    return true;
}

bool
eth_addr_from_string(const char *s, struct eth_addr *ea)
{
    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        if (i) {
            if (*s != ':') {
                goto error;
            }
            s++;
        }
        if (!parse_hex_byte__(&s, &ea->ea[i])) {
            goto error;
        }
    }
    if (*s) {
        goto error;
    }
    return true;

error:
    *ea = ETH_ADDR_ZERO;
    return false;
}

char *
eth_addr_parse_masked(const char *s, struct eth_addr *ea,
                      struct eth_addr *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = slash ? xmemdup0(s, slash - s) : NULL;
    char *error = NULL;

    if (!eth_addr_from_string(addr ? addr : s, ea)) {
        error = xasprintf("%s: invalid Ethernet address", s);
    } else if (!slash) {
        *mask = ETH_ADDR_EXACT;
    } else if (!eth_addr_from_string(slash + 1, mask)) {
        error = xasprintf("%s: invalid Ethernet mask", s);
    }
    free(addr);
    if (error) {
        *ea = ETH_ADDR_ZERO;
        *mask = ETH_ADDR_ZERO;
    }
    return error;
}

/* IPv4 addresses. */

ovs_be32
be32_prefix_mask(int plen)
{
    if (plen <= 0) {
        return 0;
    } else if (plen >= 32) {
        return OVS_BE32_MAX;
    }
    return htonl(UINT32_MAX << (32 - plen));
}

int
ip_count_cidr_bits(ovs_be32 mask)
{
    uint32_t host_bits = ~ntohl(mask);

    /* 'mask' is CIDR exactly when its zero bits are the low bits, that is,
     * when 'host_bits' plus one is a power of two (or zero). */
    if (host_bits & (host_bits + 1)) {
        return -1;
    }
    return 32 - __builtin_popcount(host_bits);
}

void
ds_put_ip(struct ds *ds, ovs_be32 ip)
{
    ds_put_format(ds, IP_FMT, IP_ARGS(ip));
}

void
ds_put_ip_masked(struct ds *ds, ovs_be32 ip, ovs_be32 mask)
{
    int plen = ip_count_cidr_bits(mask);

    ds_put_ip(ds, ip);
    if (plen == 32) {
        return;
    }
    ds_put_char(ds, '/');
    if (plen >= 0) {
        ds_put_format(ds, "%d", plen);
    } else {
        ds_put_ip(ds, mask);
    }
}

bool
ip_parse(const char *s, ovs_be32 *ip)
{
    struct in_addr addr;

    if (inet_pton(AF_INET, s, &addr) != 1) {
        *ip = 0;
        return false;
    }
    *ip = addr.s_addr;
    return true;
}

/* Parses 's' as a decimal prefix length between 0 and 'max' into '*plen'.
 * Returns false if 's' is anything else. */
static bool
parse_prefix_len__(const char *s, int max, int *plen)
{
    size_t n = strlen(s);
    int value = 0;

    if (!n || n > 3 || strspn(s, "0123456789") != n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        value = value * 10 + (s[i] - '0');
    }
    if (value > max) {
        return false;
    }
    *plen = value;
    return true;
}

char *
ip_parse_masked(const char *s, ovs_be32 *ip, ovs_be32 *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = slash ? xmemdup0(s, slash - s) : NULL;
    char *error = NULL;
    int plen;

    if (!ip_parse(addr ? addr : s, ip)) {
        error = xasprintf("%s: invalid IP address", s);
    } else if (!slash) {
        *mask = OVS_BE32_MAX;
    } else if (parse_prefix_len__(slash + 1, 32, &plen)) {
        *mask = be32_prefix_mask(plen);
    } else if (!ip_parse(slash + 1, mask)) {
        error = xasprintf("%s: invalid IP mask or prefix length", s);
    }
    free(addr);
    if (error) {
        *ip = 0;
        *mask = 0;
    }
    return error;
}

/* IPv6 addresses. */

struct in6_addr
ipv6_create_mask(int plen)
{
    struct in6_addr mask = IN6ADDR_ANY_INIT;

    plen = MAX(0, MIN(plen, 128));
    for (int i = 0; i < 16 && plen > 0; i++, plen -= 8) {
        mask.s6_addr[i] = plen >= 8 ? 0xff : (uint8_t) (0xff00 >> plen);
    }
    return mask;
}

int
ipv6_count_cidr_bits(const struct in6_addr *mask)
{
    int plen = 0;
    int i;

    for (i = 0; i < 16 && mask->s6_addr[i] == 0xff; i++) {
        plen += 8;
    }
    if (i < 16) {
        uint8_t host_bits = ~mask->s6_addr[i];

        if (host_bits & (host_bits + 1)) {
            return -1;
        }
        plen += 8 - __builtin_popcount(host_bits);
        for (i++; i < 16; i++) {
            if (mask->s6_addr[i]) {
                return -1;
            }
        }
    }
    return plen;
}

void
ds_put_ipv6(struct ds *ds, const struct in6_addr *addr)
{
    char buf[INET6_ADDRSTRLEN];

    if (inet_ntop(AF_INET6, addr, buf, sizeof buf)) {
        ds_put_cstr(ds, buf);
    }
}

void
ds_put_ipv6_masked(struct ds *ds, const struct in6_addr *addr,
                   const struct in6_addr *mask)
{
    int plen = ipv6_count_cidr_bits(mask);

    ds_put_ipv6(ds, addr);
    if (plen == 128) {
        return;
    }
    ds_put_char(ds, '/');
    if (plen >= 0) {
        ds_put_format(ds, "%d", plen);
    } else {
        ds_put_ipv6(ds, mask);
    }
}

bool
ipv6_parse(const char *s, struct in6_addr *addr)
{
    if (inet_pton(AF_INET6, s, addr) != 1) {
        memset(addr, 0, sizeof *addr);
        return false;
    }
    return true;
}

char *
ipv6_parse_masked(const char *s, struct in6_addr *addr,
                  struct in6_addr *mask)
{
    const char *slash = strchr(s, '/');
    char *text = slash ? xmemdup0(s, slash - s) : NULL;
    char *error = NULL;
    int plen;

    if (!ipv6_parse(text ? text : s, addr)) {
        error = xasprintf("%s: invalid IPv6 address", s);
    } else if (!slash) {
        *mask = (struct in6_addr) IN6ADDR_EXACT_INIT;
    } else if (parse_prefix_len__(slash + 1, 128, &plen)) {
        *mask = ipv6_create_mask(plen);
    } else if (!ipv6_parse(slash + 1, mask)) {
        error = xasprintf("%s: invalid IPv6 mask or prefix length", s);
    }
    free(text);
    if (error) {
        memset(addr, 0, sizeof *addr);
        memset(mask, 0, sizeof *mask);
    }
    return error;
}

/* The internet checksum. */

uint32_t
csum_continue(uint32_t partial, const void *data_, size_t n)
{
    const uint8_t *data = data_;
    uint64_t sum = partial;
    uint16_t word;

    for (; n >= 2; n -= 2, data += 2) {
        memcpy(&word, data, 2);
        sum += word;
    }
    if (n) {
        /* The odd byte is the first byte of a word whose second is zero. */
        uint8_t pair[2] = { data[0], 0 };

        memcpy(&word, pair, 2);
        sum += word;
    }
    while (sum >> 32) {
        sum = (sum & UINT32_MAX) + (sum >> 32);
    }
    return sum;
}

ovs_be16
csum_finish(uint32_t partial)
{
    while (partial >> 16) {
        partial = (partial & 0xffff) + (partial >> 16);
    }
    return ~partial & 0xffff;
}

ovs_be16
csum(const void *data, size_t n)
{
    return csum_finish(csum_continue(0, data, n));
}

ovs_be16
recalc_csum16(ovs_be16 old_csum, ovs_be16 old_u16, ovs_be16 new_u16)
{
    /* RFC 1624 equation 3: HC' = ~(~HC + ~m + m'). */
    uint32_t sum = (uint16_t) ~old_csum;

    sum += (uint16_t) ~old_u16;
    sum += new_u16;
    return csum_finish(sum);
}

ovs_be16
recalc_csum32(ovs_be16 old_csum, ovs_be32 old_u32, ovs_be32 new_u32)
{
    /* The two halves of a 32-bit value, however the host orders bytes, are
     * the two 16-bit words it occupies in memory. */
    old_csum = recalc_csum16(old_csum, old_u32 >> 16, new_u32 >> 16);
    return recalc_csum16(old_csum, old_u32 & 0xffff, new_u32 & 0xffff);
}

ovs_be16
recalc_csum128(ovs_be16 old_csum, const struct in6_addr *old_addr,
               const struct in6_addr *new_addr)
{
    for (int i = 0; i < 16; i += 2) {
        ovs_be16 old_u16, new_u16;

        memcpy(&old_u16, &old_addr->s6_addr[i], 2);
        memcpy(&new_u16, &new_addr->s6_addr[i], 2);
        old_csum = recalc_csum16(old_csum, old_u16, new_u16);
    }
    return old_csum;
}

uint32_t
packet_csum_pseudoheader(const struct ip_header *ip)
{
    ovs_be32 src = ip->ip_src;
    ovs_be32 dst = ip->ip_dst;
    ovs_be16 proto = htons(ip->ip_proto);
    ovs_be16 l4_len = htons(ntohs(ip->ip_tot_len)
                            - IP_IHL(ip->ip_ihl_ver) * 4);
    uint32_t partial = 0;

    partial = csum_continue(partial, &src, sizeof src);
    partial = csum_continue(partial, &dst, sizeof dst);
    partial = csum_continue(partial, &proto, sizeof proto);
    return csum_continue(partial, &l4_len, sizeof l4_len);
}

uint32_t
packet_csum_pseudoheader6(const struct ipv6_header *ip6, uint8_t proto,
                          uint32_t l4_len)
{
    struct in6_addr src = ip6->ip6_src;
    struct in6_addr dst = ip6->ip6_dst;
    ovs_be32 len = htonl(l4_len);
    ovs_be32 next = htonl(proto);
    uint32_t partial = 0;

    partial = csum_continue(partial, &src, sizeof src);
    partial = csum_continue(partial, &dst, sizeof dst);
    partial = csum_continue(partial, &len, sizeof len);
    return csum_continue(partial, &next, sizeof next);
}

uint32_t
crc32c(const void *data_, size_t n)
{
    const uint8_t *data = data_;
    uint32_t crc = UINT32_MAX;

    /* Bit at a time, least significant bit first, with the reflected
     * Castagnoli polynomial.  Only tests and tools build SCTP packets, so
     * speed does not matter here. */
    for (size_t i = 0; i < n; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (0x82f63b78 & -(crc & 1));
        }
    }
    return ~crc;
}

/* The packet builder. */

void
pkt_builder_init(struct pkt_builder *b)
{
    *b = (struct pkt_builder) {
        .l2_len_ofs = SIZE_MAX,
        .l3_ofs = SIZE_MAX,
        .l4_ofs = SIZE_MAX,
    };
}

void
pkt_builder_uninit(struct pkt_builder *b)
{
    if (b) {
        free(b->data);
        pkt_builder_init(b);
    }
}

static void *
pkt_put_uninit__(struct pkt_builder *b, size_t n)
{
    void *p;

    if (n > b->allocated - b->size) {
        size_t allocated = MAX(MAX(b->allocated * 2, b->size + n), 64);

        b->data = xrealloc(b->data, allocated);
        b->allocated = allocated;
    }
    p = b->data + b->size;
    b->size += n;
    return p;
}

void *
pkt_put(struct pkt_builder *b, const void *data, size_t n)
{
    void *p = pkt_put_uninit__(b, n);

    if (n) {
        memcpy(p, data, n);
    }
    return p;
}

void *
pkt_put_zeros(struct pkt_builder *b, size_t n)
{
    void *p = pkt_put_uninit__(b, n);

    if (n) {
        memset(p, 0, n);
    }
    return p;
}

struct eth_header *
pkt_put_eth(struct pkt_builder *b, struct eth_addr dst, struct eth_addr src,
            uint16_t eth_type)
{
    struct eth_header *eh = pkt_put_zeros(b, sizeof *eh);

    eh->eth_dst = dst;
    eh->eth_src = src;
    eh->eth_type = htons(eth_type);
    return eh;
}

struct eth_header *
pkt_put_eth_802_3(struct pkt_builder *b, struct eth_addr dst,
                  struct eth_addr src)
{
    struct eth_header *eh = pkt_put_eth(b, dst, src, 0);

    b->l2_len_ofs = b->size - sizeof eh->eth_type;
    b->l2_len_end = b->size;
    return eh;
}

void
pkt_put_llc(struct pkt_builder *b, uint8_t dsap, uint8_t ssap, uint8_t cntl)
{
    struct llc_header *llc = pkt_put_zeros(b, sizeof *llc);

    llc->llc_dsap = dsap;
    llc->llc_ssap = ssap;
    llc->llc_cntl = cntl;
}

void
pkt_put_snap(struct pkt_builder *b, uint16_t eth_type)
{
    struct snap_header *snap = pkt_put_zeros(b, sizeof *snap);

    snap->snap_type = htons(eth_type);
}

void
pkt_put_vlan(struct pkt_builder *b, uint16_t tci, uint16_t next_type)
{
    struct vlan_header *vh = pkt_put_zeros(b, sizeof *vh);

    vh->vlan_tci = htons(tci);
    vh->vlan_next_type = htons(next_type);
}

struct arp_eth_header *
pkt_put_arp(struct pkt_builder *b, uint16_t op, struct eth_addr sha,
            ovs_be32 spa, struct eth_addr tha, ovs_be32 tpa)
{
    struct arp_eth_header *arp = pkt_put_zeros(b, sizeof *arp);

    arp->ar_hrd = htons(ARP_HTYPE_ETH);
    arp->ar_pro = htons(ETH_TYPE_IP);
    arp->ar_hln = ETH_ADDR_LEN;
    arp->ar_pln = 4;
    arp->ar_op = htons(op);
    arp->ar_sha = sha;
    arp->ar_spa = spa;
    arp->ar_tha = tha;
    arp->ar_tpa = tpa;
    return arp;
}

struct ip_header *
pkt_put_ipv4(struct pkt_builder *b, uint8_t proto, ovs_be32 src,
             ovs_be32 dst)
{
    struct ip_header *ip;

    b->l3_ofs = b->size;
    b->l3_type = ETH_TYPE_IP;
    b->l4_ofs = SIZE_MAX;

    ip = pkt_put_zeros(b, sizeof *ip);
    ip->ip_ihl_ver = IP_IHL_VER(IP_HEADER_LEN / 4, IP_VERSION);
    ip->ip_ttl = 64;
    ip->ip_proto = proto;
    ip->ip_src = src;
    ip->ip_dst = dst;
    return ip;
}

void
pkt_put_ipv4_options(struct pkt_builder *b, const void *options, size_t n)
{
    struct ip_header *ip;
    size_t ihl;

    if (b->l3_ofs == SIZE_MAX || b->l3_type != ETH_TYPE_IP
        || b->l4_ofs != SIZE_MAX || n % 4) {
        ovs_fatal(0, "pkt_put_ipv4_options: misplaced or misaligned");
    }
    ip = (struct ip_header *) (b->data + b->l3_ofs);
    ihl = IP_IHL(ip->ip_ihl_ver);
    if (b->size != b->l3_ofs + ihl * 4 || ihl * 4 + n > IP_MAX_HEADER_LEN) {
        ovs_fatal(0, "pkt_put_ipv4_options: options do not fit");
    }
    pkt_put(b, options, n);
    ip = (struct ip_header *) (b->data + b->l3_ofs);
    ip->ip_ihl_ver = IP_IHL_VER(ihl + n / 4, IP_VERSION);
}

struct ipv6_header *
pkt_put_ipv6(struct pkt_builder *b, uint8_t next, const struct in6_addr *src,
             const struct in6_addr *dst)
{
    struct ipv6_header *ip6;

    b->l3_ofs = b->size;
    b->l3_type = ETH_TYPE_IPV6;
    b->l4_ofs = SIZE_MAX;

    ip6 = pkt_put_zeros(b, sizeof *ip6);
    ip6->ip6_vtc_flow = htonl((uint32_t) IPV6_VERSION << 28);
    ip6->ip6_next = next;
    ip6->ip6_hop_limit = 64;
    ip6->ip6_src = *src;
    ip6->ip6_dst = *dst;
    return ip6;
}

void
pkt_put_ipv6_ext(struct pkt_builder *b, uint8_t next, size_t len)
{
    struct ipv6_ext_header *ext;

    if (len < 8 || len % 8 || len > IPV6_EXT_HEADER_LEN(UINT8_MAX)) {
        ovs_fatal(0, "pkt_put_ipv6_ext: bad length %zu", len);
    }
    ext = pkt_put_zeros(b, len);
    ext->ip6e_next = next;
    ext->ip6e_len = len / 8 - 1;
}

void
pkt_put_ipv6_frag(struct pkt_builder *b, uint8_t next, uint16_t offset,
                  bool more, uint32_t ident)
{
    struct ipv6_frag_header *frag = pkt_put_zeros(b, sizeof *frag);

    frag->ip6f_next = next;
    frag->ip6f_offlg = htons((offset & IPV6_FRAG_OFF_MASK)
                             | (more ? IPV6_FRAG_MORE : 0));
    frag->ip6f_ident = htonl(ident);
}

void
pkt_put_ipv6_ah(struct pkt_builder *b, uint8_t next, size_t len)
{
    struct ipv6_ext_header *ah;

    if (len < 12 || len % 4 || len > IPV6_AH_HEADER_LEN(UINT8_MAX)) {
        ovs_fatal(0, "pkt_put_ipv6_ah: bad length %zu", len);
    }
    ah = pkt_put_zeros(b, len);
    ah->ip6e_next = next;
    ah->ip6e_len = len / 4 - 2;
}

static void *
pkt_put_l4__(struct pkt_builder *b, uint8_t proto, size_t n)
{
    b->l4_ofs = b->size;
    b->l4_proto = proto;
    return pkt_put_zeros(b, n);
}

struct tcp_header *
pkt_put_tcp(struct pkt_builder *b, ovs_be16 src, ovs_be16 dst,
            uint16_t flags)
{
    struct tcp_header *tcp = pkt_put_l4__(b, IPPROTO_TCP, sizeof *tcp);

    tcp->tcp_src = src;
    tcp->tcp_dst = dst;
    tcp->tcp_ctl = TCP_CTL(flags, TCP_HEADER_LEN / 4);
    tcp->tcp_winsz = htons(8192);
    return tcp;
}

struct udp_header *
pkt_put_udp(struct pkt_builder *b, ovs_be16 src, ovs_be16 dst)
{
    struct udp_header *udp = pkt_put_l4__(b, IPPROTO_UDP, sizeof *udp);

    udp->udp_src = src;
    udp->udp_dst = dst;
    return udp;
}

struct sctp_header *
pkt_put_sctp(struct pkt_builder *b, ovs_be16 src, ovs_be16 dst)
{
    struct sctp_header *sctp = pkt_put_l4__(b, IPPROTO_SCTP, sizeof *sctp);

    sctp->sctp_src = src;
    sctp->sctp_dst = dst;
    return sctp;
}

struct icmp_header *
pkt_put_icmp(struct pkt_builder *b, uint8_t type, uint8_t code)
{
    struct icmp_header *icmp = pkt_put_l4__(b, IPPROTO_ICMP, sizeof *icmp);

    icmp->icmp_type = type;
    icmp->icmp_code = code;
    return icmp;
}

struct icmp6_header *
pkt_put_icmp6(struct pkt_builder *b, uint8_t type, uint8_t code)
{
    struct icmp6_header *icmp6 = pkt_put_l4__(b, IPPROTO_ICMPV6,
                                              ICMP6_DATA_HEADER_LEN);

    icmp6->icmp6_type = type;
    icmp6->icmp6_code = code;
    return icmp6;
}

struct nd_msg *
pkt_put_nd(struct pkt_builder *b, uint8_t type, uint32_t flags,
           const struct in6_addr *target)
{
    struct nd_msg *nd = pkt_put_l4__(b, IPPROTO_ICMPV6, sizeof *nd);

    nd->icmp6.icmp6_type = type;
    nd->nd_flags = htonl(flags);
    nd->nd_target = *target;
    return nd;
}

void
pkt_put_nd_lla_opt(struct pkt_builder *b, uint8_t type, struct eth_addr mac)
{
    struct nd_lla_opt *opt = pkt_put_zeros(b, sizeof *opt);

    opt->ndo_type = type;
    opt->ndo_len = ND_LLA_OPT_LEN / ND_OPT_UNIT;
    opt->ndo_mac = mac;
}

/* Stores the checksum of the L4 header and payload of 'b'. */
static void
pkt_builder_l4_csum__(struct pkt_builder *b)
{
    uint8_t *l4 = b->data + b->l4_ofs;
    size_t l4_len = b->size - b->l4_ofs;
    uint32_t partial = 0;
    size_t csum_ofs;
    ovs_be16 sum;

    switch (b->l4_proto) {
    case IPPROTO_TCP:
        csum_ofs = offsetof(struct tcp_header, tcp_csum);
        break;
    case IPPROTO_UDP:
        csum_ofs = offsetof(struct udp_header, udp_csum);
        break;
    case IPPROTO_ICMP:
        csum_ofs = offsetof(struct icmp_header, icmp_csum);
        break;
    case IPPROTO_ICMPV6:
        csum_ofs = offsetof(struct icmp6_header, icmp6_csum);
        break;
    case IPPROTO_SCTP: {
        struct sctp_header *sctp = (struct sctp_header *) l4;

        sctp->sctp_csum = 0;
        sctp->sctp_csum = htole32(crc32c(l4, l4_len));
        return;
    }
    default:
        return;
    }

    memset(l4 + csum_ofs, 0, sizeof sum);
    if (b->l4_proto != IPPROTO_ICMP && b->l3_ofs != SIZE_MAX) {
        if (b->l3_type == ETH_TYPE_IP) {
            partial = packet_csum_pseudoheader(
                (struct ip_header *) (b->data + b->l3_ofs));
        } else {
            partial = packet_csum_pseudoheader6(
                (struct ipv6_header *) (b->data + b->l3_ofs),
                b->l4_proto, l4_len);
        }
    }
    sum = csum_finish(csum_continue(partial, l4, l4_len));
    if (b->l4_proto == IPPROTO_UDP && !sum) {
        sum = OVS_BE16_MAX;     /* Zero would mean "no checksum". */
    }
    memcpy(l4 + csum_ofs, &sum, sizeof sum);
}

void
pkt_builder_finish(struct pkt_builder *b)
{
    if (b->l2_len_ofs != SIZE_MAX) {
        ovs_be16 len = htons(b->size - b->l2_len_end);

        memcpy(b->data + b->l2_len_ofs, &len, sizeof len);
    }
    if (b->l4_ofs != SIZE_MAX && b->l4_proto == IPPROTO_UDP) {
        struct udp_header *udp = (struct udp_header *) (b->data + b->l4_ofs);

        udp->udp_len = htons(b->size - b->l4_ofs);
    }
    if (b->l3_ofs != SIZE_MAX && b->l3_type == ETH_TYPE_IP) {
        struct ip_header *ip = (struct ip_header *) (b->data + b->l3_ofs);

        ip->ip_tot_len = htons(b->size - b->l3_ofs);
        ip->ip_csum = 0;
        ip->ip_csum = csum(ip, IP_IHL(ip->ip_ihl_ver) * 4);
    } else if (b->l3_ofs != SIZE_MAX) {
        struct ipv6_header *ip6 = (struct ipv6_header *) (b->data
                                                          + b->l3_ofs);

        ip6->ip6_payload_len = htons(b->size - b->l3_ofs - IPV6_HEADER_LEN);
    }
    if (b->l4_ofs != SIZE_MAX) {
        pkt_builder_l4_csum__(b);
    }
}
