/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include <string.h>
#include "packets.h"
#include "util.h"
#include "xlate-private.h"

/* Applying a translation's header changes to a packet in userspace, for
 * packet-ins: a controller sees the packet as the actions before the
 * controller action left it (as with stock Open vSwitch).  Covered:
 * Ethernet addresses, VLAN tags, IPv4 addresses, TOS and TTL (with the
 * header checksum), IPv6 addresses and hop limit, and TCP/UDP ports, with
 * incremental updates of the L4 checksum. */

static ovs_be16
get_be16(const uint8_t *p)
{
    ovs_be16 x;

    memcpy(&x, p, sizeof x);
    return x;
}

static void
put_be16(uint8_t *p, ovs_be16 x)
{
    memcpy(p, &x, sizeof x);
}

/* Rewrites the VLAN tags of the frame in 'b' ('*len' bytes, room for 8
 * more) from 'old' to 'new', returning the offset of the Ethertype after
 * the tags. */
static size_t
rewrite_vlans(uint8_t *b, size_t *len, const struct flow *old,
              const struct flow *new)
{
    size_t ofs = 2 * ETH_ADDR_LEN, n_old = 0, n_new = 0, i;

    while (n_old < FLOW_MAX_VLAN_HEADERS && ofs + 2 + VLAN_HEADER_LEN <= *len
           && eth_type_vlan(get_be16(b + ofs))) {
        ofs += VLAN_HEADER_LEN;
        n_old++;
    }
    if (!memcmp(old->vlans, new->vlans, sizeof old->vlans)) {
        return ofs;
    }
    for (i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        n_new += (new->vlans[i].tci & htons(VLAN_CFI)) != 0;
    }
    /* Remove the old tags, then insert the new ones. */
    memmove(b + 2 * ETH_ADDR_LEN, b + ofs, *len - ofs);
    *len -= ofs - 2 * ETH_ADDR_LEN;
    memmove(b + 2 * ETH_ADDR_LEN + n_new * VLAN_HEADER_LEN,
            b + 2 * ETH_ADDR_LEN, *len - 2 * ETH_ADDR_LEN);
    *len += n_new * VLAN_HEADER_LEN;
    ofs = 2 * ETH_ADDR_LEN;
    for (i = 0; i < n_new; i++) {
        const struct flow_vlan *v = &new->vlans[i];
        ovs_be16 tpid = v->tpid ? v->tpid : htons(ETH_TYPE_VLAN_8021Q);

        put_be16(b + ofs, tpid);
        put_be16(b + ofs + 2, v->tci & ~htons(VLAN_CFI));
        ofs += VLAN_HEADER_LEN;
    }
    return ofs;
}

/* Updates the TCP or UDP header at 'l4' ('l4_len' bytes) for protocol
 * 'proto': ports from 'new', and the checksum by 'fix', a function of the
 * old checksum. */
static void
rewrite_l4(uint8_t *l4, size_t l4_len, uint8_t proto,
           const struct flow *old, const struct flow *new,
           const ovs_be32 *old_addrs, const ovs_be32 *new_addrs,
           size_t n_addr_words)
{
    size_t csum_ofs;
    ovs_be16 csum;
    size_t i;

    if (proto == IPPROTO_TCP && l4_len >= 20) {
        csum_ofs = 16;
    } else if (proto == IPPROTO_UDP && l4_len >= 8) {
        csum_ofs = 6;
    } else {
        return;
    }
    csum = get_be16(l4 + csum_ofs);
    for (i = 0; i < n_addr_words; i++) {
        csum = recalc_csum32(csum, old_addrs[i], new_addrs[i]);
    }
    if (old->tp_src != new->tp_src) {
        csum = recalc_csum16(csum, get_be16(l4), new->tp_src);
        put_be16(l4, new->tp_src);
    }
    if (old->tp_dst != new->tp_dst) {
        csum = recalc_csum16(csum, get_be16(l4 + 2), new->tp_dst);
        put_be16(l4 + 2, new->tp_dst);
    }
    if (proto == IPPROTO_UDP && !get_be16(l4 + csum_ofs)) {
        return;                 /* No UDP checksum. */
    }
    put_be16(l4 + csum_ofs, csum);
}

static void
rewrite_ipv4(uint8_t *l3, size_t l3_len, const struct flow *old,
             const struct flow *new)
{
    struct ip_header ip;
    ovs_be32 old_addrs[2], new_addrs[2];
    size_t ihl;

    if (l3_len < IP_HEADER_LEN) {
        return;
    }
    memcpy(&ip, l3, sizeof ip);
    ihl = (ip.ip_ihl_ver & 0x0f) * 4;
    if (ihl < IP_HEADER_LEN || ihl > l3_len) {
        return;
    }
    old_addrs[0] = ip.ip_src;
    old_addrs[1] = ip.ip_dst;
    ip.ip_src = new->nw_src;
    ip.ip_dst = new->nw_dst;
    ip.ip_tos = new->nw_tos;
    ip.ip_ttl = new->nw_ttl;
    new_addrs[0] = ip.ip_src;
    new_addrs[1] = ip.ip_dst;
    ip.ip_csum = 0;
    memcpy(l3, &ip, sizeof ip);
    ip.ip_csum = csum(l3, ihl);
    memcpy(l3, &ip, sizeof ip);
    if (!(ntohs(ip.ip_frag_off) & 0x1fff)) {
        rewrite_l4(l3 + ihl, l3_len - ihl, ip.ip_proto, old, new,
                   old_addrs, new_addrs, 2);
    }
}

static void
rewrite_ipv6(uint8_t *l3, size_t l3_len, const struct flow *old,
             const struct flow *new)
{
    struct ipv6_header ip6;
    ovs_be32 old_addrs[8], new_addrs[8];

    if (l3_len < IPV6_HEADER_LEN) {
        return;
    }
    memcpy(&ip6, l3, sizeof ip6);
    memcpy(old_addrs, &ip6.ip6_src, 32);
    ip6.ip6_src = new->ipv6_src;
    ip6.ip6_dst = new->ipv6_dst;
    ip6.ip6_hop_limit = new->nw_ttl;
    memcpy(new_addrs, &ip6.ip6_src, 32);
    memcpy(l3, &ip6, sizeof ip6);
    if (ip6.ip6_next == new->nw_proto) {
        rewrite_l4(l3 + IPV6_HEADER_LEN, l3_len - IPV6_HEADER_LEN,
                   new->nw_proto, old, new, old_addrs, new_addrs, 8);
    }
}

/* Returns a malloc()'d copy of the 'len' bytes at 'packet' (whose flow was
 * 'old') changed to match 'new', and its length in '*lenp'. */
void *
xlate_packet_rewrite(const void *packet, size_t len, const struct flow *old,
                     const struct flow *new, size_t *lenp)
{
    uint8_t *b = xmalloc(len + 2 * VLAN_HEADER_LEN + 1);
    size_t l3;

    memcpy(b, packet, len);
    *lenp = len;
    if (len < ETH_HEADER_LEN) {
        return b;
    }
    if (!eth_addr_equals(old->dl_dst, new->dl_dst)) {
        memcpy(b, new->dl_dst.ea, ETH_ADDR_LEN);
    }
    if (!eth_addr_equals(old->dl_src, new->dl_src)) {
        memcpy(b + ETH_ADDR_LEN, new->dl_src.ea, ETH_ADDR_LEN);
    }
    l3 = rewrite_vlans(b, lenp, old, new) + 2;
    if (l3 > *lenp || old->dl_type != new->dl_type
        || old->nw_proto != new->nw_proto) {
        return b;
    }
    if (new->dl_type == htons(ETH_TYPE_IP)
        && get_be16(b + l3 - 2) == htons(ETH_TYPE_IP)) {
        if (old->nw_src != new->nw_src || old->nw_dst != new->nw_dst
            || old->nw_tos != new->nw_tos || old->nw_ttl != new->nw_ttl
            || old->tp_src != new->tp_src || old->tp_dst != new->tp_dst) {
            rewrite_ipv4(b + l3, *lenp - l3, old, new);
        }
    } else if (new->dl_type == htons(ETH_TYPE_IPV6)
               && get_be16(b + l3 - 2) == htons(ETH_TYPE_IPV6)) {
        if (memcmp(&old->ipv6_src, &new->ipv6_src, 32)
            || old->nw_ttl != new->nw_ttl
            || old->tp_src != new->tp_src || old->tp_dst != new->tp_dst) {
            rewrite_ipv6(b + l3, *lenp - l3, old, new);
        }
    }
    return b;
}
