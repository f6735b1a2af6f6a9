/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/flow.c and lib/match.c: packets composed with the
 * packet builder go through flow_extract() and the resulting fields are
 * checked one by one; every packet is also extracted at every truncated
 * length, from a buffer of exactly that size (so that the sanitizer build
 * catches any read past the end), and compared with the fields the
 * truncated packet still fully contains.  Then struct match: setters,
 * normalization, matching and mask unions.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "packets.h"
#include "util.h"

static const struct eth_addr mac_src = { { 0x50, 0x54, 0x00, 0x00, 0x00,
                                           0x01 } };
static const struct eth_addr mac_dst = { { 0x50, 0x54, 0x00, 0x00, 0x00,
                                           0x02 } };
static const struct eth_addr mac_sll = { { 0x02, 0x11, 0x22, 0x33, 0x44,
                                           0x55 } };
static const struct eth_addr mac_tll = { { 0x02, 0x66, 0x77, 0x88, 0x99,
                                           0xaa } };

#define IP_A htonl(0x0a000001)      /* 10.0.0.1 */
#define IP_B htonl(0x0a000002)      /* 10.0.0.2 */

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && !strcmp(s + n - m, suffix);
}

static struct in6_addr
in6(const char *s)
{
    struct in6_addr addr;

    assert_true(ipv6_parse(s, &addr));
    return addr;
}

/* Where the headers of a test packet end, as the builder functions record
 * them, for predicting what each truncated length still contains.  A zero
 * member means "same as the one before". */
struct layout {
    size_t l2_end;      /* Ethernet, VLAN tags, LLC/SNAP. */
    size_t l3_end;      /* ARP, or IPv4/IPv6 fixed header and options. */
    size_t ext_end;     /* IPv6 extension headers. */
    size_t l4_end;      /* L4 header. */
    size_t nd_end;      /* ND fixed part (target). */
    size_t opt_end;     /* ND link-layer address option. */
};

static void
layout_normalize(struct layout *lo)
{
    size_t *ends[] = { &lo->l2_end, &lo->l3_end, &lo->ext_end, &lo->l4_end,
                       &lo->nd_end, &lo->opt_end };

    for (size_t i = 1; i < ARRAY_SIZE(ends); i++) {
        if (*ends[i] < *ends[i - 1]) {
            *ends[i] = *ends[i - 1];
        }
    }
}

/* Extracts 'size' bytes at 'data' into 'flow' from a copy of exactly that
 * size. */
static void
extract_exact(const void *data, size_t size, struct flow *flow)
{
    void *copy = size ? xmemdup(data, size) : NULL;

    flow_extract(copy, size, flow);
    free(copy);
}

static void
extract_builder(struct pkt_builder *b, struct flow *flow)
{
    memset(flow, 0, sizeof *flow);
    extract_exact(b->data, b->size, flow);
}

/* Test packets.  Each appends to an initialized builder, finishes it, and
 * records its layout in 'lo'. */

static void
build_eth_ip(struct pkt_builder *b, struct layout *lo, uint8_t proto)
{
    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_IP);
    lo->l2_end = b->size;
    pkt_put_ipv4(b, proto, IP_A, IP_B);
    lo->l3_end = b->size;
}

static void
build_tcp4(struct pkt_builder *b, struct layout *lo)
{
    struct ip_header *ip;
    struct tcp_header *tcp;

    build_eth_ip(b, lo, IPPROTO_TCP);
    ip = (struct ip_header *) (b->data + b->l3_ofs);
    ip->ip_tos = 0xb9;
    ip->ip_ttl = 63;
    ip->ip_frag_off = htons(IP_DONT_FRAGMENT);
    tcp = pkt_put_tcp(b, htons(40000), htons(80), TCP_SYN | TCP_ACK);
    tcp->tcp_seqno = htonl(12345);
    lo->l4_end = b->size;
    pkt_put(b, "GET / HTTP/1.0\r\n", 16);
    pkt_builder_finish(b);
}

static void
build_udp4(struct pkt_builder *b, struct layout *lo)
{
    build_eth_ip(b, lo, IPPROTO_UDP);
    pkt_put_udp(b, htons(5353), htons(53));
    lo->l4_end = b->size;
    pkt_put(b, "query", 5);
    pkt_builder_finish(b);
}

static void
build_sctp4(struct pkt_builder *b, struct layout *lo)
{
    build_eth_ip(b, lo, IPPROTO_SCTP);
    pkt_put_sctp(b, htons(2905), htons(2906));
    lo->l4_end = b->size;
    pkt_put_zeros(b, 16);
    pkt_builder_finish(b);
}

static void
build_icmp4(struct pkt_builder *b, struct layout *lo)
{
    struct icmp_header *icmp;

    build_eth_ip(b, lo, IPPROTO_ICMP);
    icmp = pkt_put_icmp(b, ICMP4_ECHO_REQUEST, 0);
    icmp->icmp_ident = htons(0x1234);
    icmp->icmp_seqno = htons(1);
    lo->l4_end = b->size;
    pkt_put(b, "abcdefgh", 8);
    pkt_builder_finish(b);
}

static void
build_arp(struct pkt_builder *b, struct layout *lo, uint16_t op)
{
    pkt_put_eth(b, ETH_ADDR_BROADCAST, mac_src, ETH_TYPE_ARP);
    lo->l2_end = b->size;
    pkt_put_arp(b, op, mac_src, IP_A,
                op == ARP_OP_REQUEST ? ETH_ADDR_ZERO : mac_dst, IP_B);
    lo->l3_end = b->size;
    pkt_put_zeros(b, 18);       /* Ethernet padding. */
    pkt_builder_finish(b);
}

static void
build_arp_request(struct pkt_builder *b, struct layout *lo)
{
    build_arp(b, lo, ARP_OP_REQUEST);
}

static void
build_arp_reply(struct pkt_builder *b, struct layout *lo)
{
    build_arp(b, lo, ARP_OP_REPLY);
}

static void
build_vlan1_udp4(struct pkt_builder *b, struct layout *lo)
{
    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_VLAN_8021Q);
    pkt_put_vlan(b, (5 << VLAN_PCP_SHIFT) | 100, ETH_TYPE_IP);
    lo->l2_end = b->size;
    pkt_put_ipv4(b, IPPROTO_UDP, IP_A, IP_B);
    lo->l3_end = b->size;
    pkt_put_udp(b, htons(1000), htons(2000));
    lo->l4_end = b->size;
    pkt_builder_finish(b);
}

static void
build_vlan2_udp4(struct pkt_builder *b, struct layout *lo)
{
    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_VLAN_8021AD);
    pkt_put_vlan(b, (3 << VLAN_PCP_SHIFT) | 4000, ETH_TYPE_VLAN_8021Q);
    pkt_put_vlan(b, 0, ETH_TYPE_IP);
    lo->l2_end = b->size;
    pkt_put_ipv4(b, IPPROTO_UDP, IP_A, IP_B);
    lo->l3_end = b->size;
    pkt_put_udp(b, htons(1000), htons(2000));
    lo->l4_end = b->size;
    pkt_builder_finish(b);
}

static void
build_ipv4_options(struct pkt_builder *b, struct layout *lo)
{
    /* Router alert (4 bytes) and a timestamp option (8 bytes). */
    static const uint8_t options[12] = {
        0x94, 0x04, 0x00, 0x00, 0x44, 0x08, 0x05, 0x00, 0, 0, 0, 0,
    };

    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_IP);
    lo->l2_end = b->size;
    pkt_put_ipv4(b, IPPROTO_TCP, IP_A, IP_B);
    pkt_put_ipv4_options(b, options, sizeof options);
    lo->l3_end = b->size;
    pkt_put_tcp(b, htons(179), htons(50000), TCP_PSH | TCP_ACK);
    lo->l4_end = b->size;
    pkt_put_zeros(b, 19);
    pkt_builder_finish(b);
}

static void
build_ipv4_frag_first(struct pkt_builder *b, struct layout *lo)
{
    struct ip_header *ip;

    build_eth_ip(b, lo, IPPROTO_UDP);
    ip = (struct ip_header *) (b->data + b->l3_ofs);
    ip->ip_frag_off = htons(IP_MORE_FRAGMENTS);
    pkt_put_udp(b, htons(4789), htons(4789));
    lo->l4_end = b->size;
    pkt_put_zeros(b, 32);
    pkt_builder_finish(b);
}

static void
build_ipv4_frag_later(struct pkt_builder *b, struct layout *lo)
{
    struct ip_header *ip;

    build_eth_ip(b, lo, IPPROTO_UDP);
    ip = (struct ip_header *) (b->data + b->l3_ofs);
    ip->ip_frag_off = htons(5);             /* Offset 40, last fragment. */
    /* Bytes that would look like a UDP header if misparsed. */
    pkt_put(b, "\x11\x11\x22\x22\x00\x10\x00\x00", 8);
    pkt_builder_finish(b);
}

static void
build_ipv6_ext_tcp(struct pkt_builder *b, struct layout *lo)
{
    struct in6_addr src = in6("2001:db8::1");
    struct in6_addr dst = in6("2001:db8::2");
    struct ipv6_header *ip6;

    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_IPV6);
    lo->l2_end = b->size;
    ip6 = pkt_put_ipv6(b, IPPROTO_HOPOPTS, &src, &dst);
    ip6->ip6_vtc_flow = htonl(0x6b812345);  /* Class 0xb8, label 0x12345. */
    ip6->ip6_hop_limit = 255;
    lo->l3_end = b->size;
    pkt_put_ipv6_ext(b, IPPROTO_DSTOPTS, 8);
    pkt_put_ipv6_ext(b, IPPROTO_TCP, 16);
    lo->ext_end = b->size;
    pkt_put_tcp(b, htons(22), htons(60000), TCP_FIN | TCP_ACK);
    lo->l4_end = b->size;
    pkt_builder_finish(b);
}

static void
build_ipv6_frag(struct pkt_builder *b, struct layout *lo, bool later)
{
    struct in6_addr src = in6("fd00::1");
    struct in6_addr dst = in6("fd00::2");

    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_IPV6);
    lo->l2_end = b->size;
    pkt_put_ipv6(b, IPPROTO_FRAGMENT, &src, &dst);
    lo->l3_end = b->size;
    pkt_put_ipv6_frag(b, IPPROTO_UDP, later ? 1448 : 0, !later, 0xabcd);
    lo->ext_end = b->size;
    if (!later) {
        pkt_put_udp(b, htons(7), htons(9));
        lo->l4_end = b->size;
    }
    pkt_put_zeros(b, 24);
    pkt_builder_finish(b);
}

static void
build_ipv6_frag_first(struct pkt_builder *b, struct layout *lo)
{
    build_ipv6_frag(b, lo, false);
}

static void
build_ipv6_frag_later(struct pkt_builder *b, struct layout *lo)
{
    build_ipv6_frag(b, lo, true);
}

static void
build_icmp6_echo(struct pkt_builder *b, struct layout *lo)
{
    struct in6_addr src = in6("fe80::1");
    struct in6_addr dst = in6("fe80::2");

    pkt_put_eth(b, mac_dst, mac_src, ETH_TYPE_IPV6);
    lo->l2_end = b->size;
    pkt_put_ipv6(b, IPPROTO_ICMPV6, &src, &dst);
    lo->l3_end = b->size;
    pkt_put_icmp6(b, ICMP6_ECHO_REPLY, 0);
    lo->l4_end = b->size;
    pkt_put(b, "ping", 4);
    pkt_builder_finish(b);
}

static void
build_nd(struct pkt_builder *b, struct layout *lo, uint8_t type)
{
    struct in6_addr src = in6("fe80::1");
    struct in6_addr dst = in6("ff02::1:ff00:2");
    struct in6_addr target = in6("fe80::2");

    pkt_put_eth(b, ETH_ADDR_C(33, 33, ff, 00, 00, 02), mac_src,
                ETH_TYPE_IPV6);
    lo->l2_end = b->size;
    pkt_put_ipv6(b, IPPROTO_ICMPV6, &src, &dst);
    lo->l3_end = b->size;
    lo->l4_end = b->size + ICMP6_DATA_HEADER_LEN;
    pkt_put_nd(b, type,
               type == ICMP6_ND_NA ? ND_NA_SOLICITED | ND_NA_OVERRIDE : 0,
               &target);
    lo->nd_end = b->size;
    pkt_put_nd_lla_opt(b, type == ICMP6_ND_NS ? ND_OPT_SLL : ND_OPT_TLL,
                       type == ICMP6_ND_NS ? mac_sll : mac_tll);
    lo->opt_end = b->size;
    pkt_builder_finish(b);
}

static void
build_nd_ns(struct pkt_builder *b, struct layout *lo)
{
    build_nd(b, lo, ICMP6_ND_NS);
}

static void
build_nd_na(struct pkt_builder *b, struct layout *lo)
{
    build_nd(b, lo, ICMP6_ND_NA);
}

static void
build_llc(struct pkt_builder *b, struct layout *lo)
{
    /* An STP BPDU: 802.3 with LLC DSAP/SSAP 0x42. */
    pkt_put_eth_802_3(b, ETH_ADDR_C(01, 80, c2, 00, 00, 00), mac_src);
    lo->l2_end = b->size;
    pkt_put_llc(b, 0x42, 0x42, 0x03);
    pkt_put_zeros(b, 35);
    pkt_builder_finish(b);
}

static void
build_snap_udp4(struct pkt_builder *b, struct layout *lo)
{
    pkt_put_eth_802_3(b, mac_dst, mac_src);
    pkt_put_llc(b, LLC_DSAP_SNAP, LLC_SSAP_SNAP, LLC_CNTL_SNAP);
    pkt_put_snap(b, ETH_TYPE_IP);
    lo->l2_end = b->size;
    pkt_put_ipv4(b, IPPROTO_UDP, IP_A, IP_B);
    lo->l3_end = b->size;
    pkt_put_udp(b, htons(67), htons(68));
    lo->l4_end = b->size;
    pkt_builder_finish(b);
}

struct test_packet {
    const char *name;
    void (*build)(struct pkt_builder *, struct layout *);
};

static const struct test_packet test_packets[] = {
    { "tcp4", build_tcp4 },
    { "udp4", build_udp4 },
    { "sctp4", build_sctp4 },
    { "icmp4", build_icmp4 },
    { "arp-request", build_arp_request },
    { "arp-reply", build_arp_reply },
    { "vlan1-udp4", build_vlan1_udp4 },
    { "vlan2-udp4", build_vlan2_udp4 },
    { "ipv4-options", build_ipv4_options },
    { "ipv4-frag-first", build_ipv4_frag_first },
    { "ipv4-frag-later", build_ipv4_frag_later },
    { "ipv6-ext-tcp", build_ipv6_ext_tcp },
    { "ipv6-frag-first", build_ipv6_frag_first },
    { "ipv6-frag-later", build_ipv6_frag_later },
    { "icmp6-echo", build_icmp6_echo },
    { "nd-ns", build_nd_ns },
    { "nd-na", build_nd_na },
    { "llc", build_llc },
    { "snap-udp4", build_snap_udp4 },
};

/* Builds test packet 'name' into 'b' and extracts it into 'flow'. */
static void
build_and_extract(const char *name, struct pkt_builder *b,
                  struct layout *lo, struct flow *flow)
{
    for (size_t i = 0; i < ARRAY_SIZE(test_packets); i++) {
        if (!strcmp(test_packets[i].name, name)) {
            *lo = (struct layout) { 0 };
            pkt_builder_init(b);
            test_packets[i].build(b, lo);
            layout_normalize(lo);
            extract_builder(b, flow);
            return;
        }
    }
    fail_msg("no test packet %s", name);
}

/* Asserts that 'flow' has no L3 or L4 field set. */
static void
assert_no_l3(const struct flow *flow)
{
    struct flow expected = *flow;

    memset(&expected.nw_src, 0, (offsetof(struct flow, pad_l4)
                                 - offsetof(struct flow, nw_src)));
    assert_memory_equal(flow, &expected, sizeof *flow);
}

static void
assert_no_l4(const struct flow *flow)
{
    assert_int_equal(flow->tp_src, 0);
    assert_int_equal(flow->tp_dst, 0);
    assert_int_equal(flow->tcp_flags, 0);
}

static void
assert_no_vlan(const struct flow *flow)
{
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        assert_int_equal(flow->vlans[i].tpid, 0);
        assert_int_equal(flow->vlans[i].tci, 0);
    }
}

/* Concrete packets. */

static void
test_extract_tcp4(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("tcp4", &b, &lo, &flow);
    assert_true(eth_addr_equals(flow.dl_src, mac_src));
    assert_true(eth_addr_equals(flow.dl_dst, mac_dst));
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
    assert_no_vlan(&flow);
    assert_int_equal(flow.nw_src, IP_A);
    assert_int_equal(flow.nw_dst, IP_B);
    assert_int_equal(flow.nw_proto, IPPROTO_TCP);
    assert_int_equal(flow.nw_tos, 0xb9);
    assert_int_equal(flow.nw_ttl, 63);
    assert_int_equal(flow.nw_frag, 0);     /* DF is not a fragment. */
    assert_int_equal(ntohs(flow.tp_src), 40000);
    assert_int_equal(ntohs(flow.tp_dst), 80);
    assert_int_equal(ntohs(flow.tcp_flags), TCP_SYN | TCP_ACK);
    assert_true(ipv6_is_zero(&flow.ipv6_src));
    assert_true(eth_addr_is_zero(flow.arp_sha));

    flow.in_port.odp_port = 3;
    flow_format(&ds, &flow);
    assert_string_equal(ds_cstr(&ds),
                        "in_port=3,dl_src=50:54:00:00:00:01,"
                        "dl_dst=50:54:00:00:00:02,dl_type=0x0800,"
                        "nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_proto=6,"
                        "nw_tos=185,nw_ttl=63,nw_frag=no,tp_src=40000,"
                        "tp_dst=80,tcp_flags=syn|ack");
    ds_destroy(&ds);
    pkt_builder_uninit(&b);
}

static void
test_extract_tcp_all_flags(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct tcp_header *tcp;
    struct flow flow;

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_TCP, IP_A, IP_B);
    tcp = pkt_put_tcp(&b, htons(1), htons(2), 0x1ff);
    tcp->tcp_ctl |= htons(0x0e00);          /* Reserved bits. */
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.tcp_flags), 0xfff & (0x1ff | 0xe00));
    pkt_builder_uninit(&b);
}

static void
test_extract_tcp_data_offset(void **state OVS_UNUSED)
{
    static const struct {
        int offset;             /* Data offset, in 32-bit words. */
        size_t extra;           /* Bytes after the 20-byte header. */
        bool parsed;
    } cases[] = {
        { 5, 0, true }, { 4, 0, false }, { 0, 40, false },
        { 6, 4, true }, { 6, 3, false }, { 15, 39, false }, { 15, 40, true },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct pkt_builder b;
        struct tcp_header *tcp;
        struct flow flow;

        pkt_builder_init(&b);
        pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IP);
        pkt_put_ipv4(&b, IPPROTO_TCP, IP_A, IP_B);
        tcp = pkt_put_tcp(&b, htons(1), htons(2), TCP_RST);
        tcp->tcp_ctl = TCP_CTL(TCP_RST, cases[i].offset);
        pkt_put_zeros(&b, cases[i].extra);
        pkt_builder_finish(&b);
        extract_builder(&b, &flow);
        assert_int_equal(flow.nw_proto, IPPROTO_TCP);
        if (cases[i].parsed) {
            assert_int_equal(ntohs(flow.tp_dst), 2);
            assert_int_equal(ntohs(flow.tcp_flags), TCP_RST);
        } else {
            assert_no_l4(&flow);
        }
        pkt_builder_uninit(&b);
    }
}

static void
test_extract_udp4(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;

    build_and_extract("udp4", &b, &lo, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_UDP);
    assert_int_equal(ntohs(flow.tp_src), 5353);
    assert_int_equal(ntohs(flow.tp_dst), 53);
    assert_int_equal(flow.tcp_flags, 0);
    assert_int_equal(flow.nw_ttl, 64);
    pkt_builder_uninit(&b);
}

static void
test_extract_sctp4(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;

    build_and_extract("sctp4", &b, &lo, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_SCTP);
    assert_int_equal(ntohs(flow.tp_src), 2905);
    assert_int_equal(ntohs(flow.tp_dst), 2906);
    pkt_builder_uninit(&b);
}

static void
test_extract_icmp4(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("icmp4", &b, &lo, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_ICMP);
    assert_int_equal(flow.tp_src, htons(ICMP4_ECHO_REQUEST));
    assert_int_equal(flow.tp_dst, htons(0));
    flow_format(&ds, &flow);
    assert_non_null(strstr(ds_cstr(&ds), ",icmp_type=8,icmp_code=0"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);

    /* Type 3 code 4 ("fragmentation needed"). */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_ICMP, IP_A, IP_B);
    pkt_put_icmp(&b, ICMP4_DST_UNREACH, 4);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(flow.tp_src, htons(3));
    assert_int_equal(flow.tp_dst, htons(4));
    pkt_builder_uninit(&b);
}

static void
test_extract_arp(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("arp-request", &b, &lo, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_ARP);
    assert_true(eth_addr_is_broadcast(flow.dl_dst));
    assert_int_equal(flow.nw_proto, ARP_OP_REQUEST);
    assert_int_equal(flow.nw_src, IP_A);
    assert_int_equal(flow.nw_dst, IP_B);
    assert_true(eth_addr_equals(flow.arp_sha, mac_src));
    assert_true(eth_addr_is_zero(flow.arp_tha));
    assert_no_l4(&flow);
    assert_int_equal(flow.nw_ttl, 0);
    flow_format(&ds, &flow);
    assert_non_null(strstr(ds_cstr(&ds),
                           ",arp_spa=10.0.0.1,arp_tpa=10.0.0.2,arp_op=1,"
                           "arp_sha=50:54:00:00:00:01,"
                           "arp_tha=00:00:00:00:00:00"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);

    build_and_extract("arp-reply", &b, &lo, &flow);
    assert_int_equal(flow.nw_proto, ARP_OP_REPLY);
    assert_true(eth_addr_equals(flow.arp_sha, mac_src));
    assert_true(eth_addr_equals(flow.arp_tha, mac_dst));
    assert_int_equal(flow.nw_src, IP_A);
    assert_int_equal(flow.nw_dst, IP_B);
    pkt_builder_uninit(&b);
}

static void
test_extract_arp_odd(void **state OVS_UNUSED)
{
    struct arp_eth_header *arp;
    struct pkt_builder b;
    struct flow flow;

    /* An opcode above 255 leaves nw_proto zero but the rest parsed. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_RARP);
    pkt_put_arp(&b, 0x0101, mac_src, IP_A, mac_dst, IP_B);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_RARP);
    assert_int_equal(flow.nw_proto, 0);
    assert_int_equal(flow.nw_src, IP_A);
    pkt_builder_uninit(&b);

    /* Not Ethernet/IPv4 addresses: nothing parsed. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_ARP);
    arp = pkt_put_arp(&b, ARP_OP_REQUEST, mac_src, IP_A, mac_dst, IP_B);
    arp->ar_pln = 16;
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_ARP);
    assert_no_l3(&flow);
    pkt_builder_uninit(&b);
}

static void
test_extract_vlan(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("vlan1-udp4", &b, &lo, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(ntohs(flow.vlans[0].tpid), ETH_TYPE_VLAN_8021Q);
    assert_int_equal(ntohs(flow.vlans[0].tci),
                     (5 << VLAN_PCP_SHIFT) | VLAN_CFI | 100);
    assert_true(flow_vlan_present(&flow, 0));
    assert_false(flow_vlan_present(&flow, 1));
    assert_int_equal(vlan_tci_to_vid(flow.vlans[0].tci), 100);
    assert_int_equal(vlan_tci_to_pcp(flow.vlans[0].tci), 5);
    assert_int_equal(flow.vlans[1].tpid, 0);
    assert_int_equal(flow.vlans[1].tci, 0);
    assert_int_equal(ntohs(flow.tp_dst), 2000);
    pkt_builder_uninit(&b);

    build_and_extract("vlan2-udp4", &b, &lo, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(ntohs(flow.vlans[0].tpid), ETH_TYPE_VLAN_8021AD);
    assert_int_equal(vlan_tci_to_vid(flow.vlans[0].tci), 4000);
    assert_int_equal(vlan_tci_to_pcp(flow.vlans[0].tci), 3);
    assert_int_equal(ntohs(flow.vlans[1].tpid), ETH_TYPE_VLAN_8021Q);
    /* VID 0, PCP 0, but present. */
    assert_int_equal(ntohs(flow.vlans[1].tci), VLAN_CFI);
    assert_true(flow_vlan_present(&flow, 1));
    assert_int_equal(flow.nw_src, IP_A);
    assert_int_equal(ntohs(flow.tp_src), 1000);
    flow_format(&ds, &flow);
    assert_non_null(strstr(ds_cstr(&ds),
                           "dl_vlan=4000,dl_vlan_pcp=3,vlan_tpid=0x88a8,"
                           "dl_vlan1=0,dl_vlan_pcp1=0,dl_type=0x0800"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);
}

static void
test_extract_vlan3(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct flow flow;

    /* A third tag is not parsed: its TPID becomes dl_type. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_VLAN_8021Q);
    pkt_put_vlan(&b, 1, ETH_TYPE_VLAN_8021Q);
    pkt_put_vlan(&b, 2, ETH_TYPE_VLAN_8021Q);
    pkt_put_vlan(&b, 3, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_UDP, IP_A, IP_B);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_VLAN_8021Q);
    assert_int_equal(vlan_tci_to_vid(flow.vlans[0].tci), 1);
    assert_int_equal(vlan_tci_to_vid(flow.vlans[1].tci), 2);
    assert_no_l3(&flow);
    pkt_builder_uninit(&b);
}

static void
test_extract_ipv4_options(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;

    build_and_extract("ipv4-options", &b, &lo, &flow);
    assert_int_equal(lo.l3_end - lo.l2_end, 32);
    assert_int_equal(flow.nw_proto, IPPROTO_TCP);
    assert_int_equal(ntohs(flow.tp_src), 179);
    assert_int_equal(ntohs(flow.tp_dst), 50000);
    assert_int_equal(ntohs(flow.tcp_flags), TCP_PSH | TCP_ACK);
    pkt_builder_uninit(&b);
}

static void
test_extract_ipv4_bad(void **state OVS_UNUSED)
{
    static const struct {
        uint8_t ihl_ver;
        uint16_t tot_len;       /* 0: leave the builder's. */
    } cases[] = {
        { 0x44, 0 },            /* IHL below 5. */
        { 0x40, 0 },
        { 0x4f, 0 },            /* Options past the end. */
        { 0x65, 0 },            /* Version 6. */
        { 0x45, 19 },           /* Total length below the header. */
        { 0x46, 23 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct pkt_builder b;
        struct ip_header *ip;
        struct flow flow;

        pkt_builder_init(&b);
        pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IP);
        pkt_put_ipv4(&b, IPPROTO_UDP, IP_A, IP_B);
        pkt_put_udp(&b, htons(1), htons(2));
        pkt_builder_finish(&b);
        ip = (struct ip_header *) (b.data + b.l3_ofs);
        ip->ip_ihl_ver = cases[i].ihl_ver;
        if (cases[i].tot_len) {
            ip->ip_tot_len = htons(cases[i].tot_len);
        }
        extract_builder(&b, &flow);
        assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
        assert_true(eth_addr_equals(flow.dl_src, mac_src));
        assert_no_l3(&flow);
        pkt_builder_uninit(&b);
    }
}

static void
test_extract_ipv4_padding(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct ip_header *ip;
    struct flow flow;

    /* The total length cuts off the UDP header: Ethernet padding after the
     * IP datagram is not parsed as L4. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_UDP, IP_A, IP_B);
    pkt_put_udp(&b, htons(1), htons(2));
    pkt_builder_finish(&b);
    ip = (struct ip_header *) (b.data + b.l3_ofs);
    ip->ip_tot_len = htons(IP_HEADER_LEN + 4);
    extract_builder(&b, &flow);
    assert_int_equal(flow.nw_src, IP_A);
    assert_int_equal(flow.nw_proto, IPPROTO_UDP);
    assert_no_l4(&flow);

    /* A total length beyond the data is a truncated packet: what is there
     * is parsed. */
    ip = (struct ip_header *) (b.data + b.l3_ofs);
    ip->ip_tot_len = htons(1500);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.tp_dst), 2);
    pkt_builder_uninit(&b);
}

static void
test_extract_ipv4_frag(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("ipv4-frag-first", &b, &lo, &flow);
    assert_int_equal(flow.nw_frag, FLOW_NW_FRAG_ANY);
    assert_int_equal(flow.nw_proto, IPPROTO_UDP);
    assert_int_equal(ntohs(flow.tp_src), 4789);
    assert_int_equal(ntohs(flow.tp_dst), 4789);
    flow_format(&ds, &flow);
    assert_non_null(strstr(ds_cstr(&ds), ",nw_frag=first,tp_src=4789"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);

    build_and_extract("ipv4-frag-later", &b, &lo, &flow);
    assert_int_equal(flow.nw_frag, FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
    assert_int_equal(flow.nw_proto, IPPROTO_UDP);
    assert_int_equal(flow.nw_src, IP_A);
    assert_no_l4(&flow);
    flow_format(&ds, &flow);
    assert_true(ends_with(ds_cstr(&ds), ",nw_frag=later"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);
}

static void
test_extract_ipv6_ext(void **state OVS_UNUSED)
{
    struct in6_addr src = in6("2001:db8::1");
    struct in6_addr dst = in6("2001:db8::2");
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("ipv6-ext-tcp", &b, &lo, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IPV6);
    assert_true(ipv6_addr_equals(&flow.ipv6_src, &src));
    assert_true(ipv6_addr_equals(&flow.ipv6_dst, &dst));
    assert_int_equal(ntohl(flow.ipv6_label), 0x12345);
    assert_int_equal(flow.nw_tos, 0xb8);
    assert_int_equal(flow.nw_ttl, 255);
    assert_int_equal(flow.nw_proto, IPPROTO_TCP);
    assert_int_equal(flow.nw_frag, 0);
    assert_int_equal(ntohs(flow.tp_src), 22);
    assert_int_equal(ntohs(flow.tp_dst), 60000);
    assert_int_equal(ntohs(flow.tcp_flags), TCP_FIN | TCP_ACK);
    assert_int_equal(flow.nw_src, 0);
    flow_format(&ds, &flow);
    assert_non_null(strstr(ds_cstr(&ds),
                           ",ipv6_src=2001:db8::1,ipv6_dst=2001:db8::2,"
                           "ipv6_label=0x12345,nw_proto=6,nw_tos=184,"
                           "nw_ttl=255,nw_frag=no,tp_src=22,tp_dst=60000,"
                           "tcp_flags=fin|ack"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);
}

static void
test_extract_ipv6_routing_ah(void **state OVS_UNUSED)
{
    struct in6_addr a = in6("2001:db8::1");
    struct pkt_builder b;
    struct flow flow;

    /* Routing header (24 bytes), AH (24 bytes), then UDP. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IPV6);
    pkt_put_ipv6(&b, IPPROTO_ROUTING, &a, &a);
    pkt_put_ipv6_ext(&b, IPPROTO_AH, 24);
    pkt_put_ipv6_ah(&b, IPPROTO_UDP, 24);
    pkt_put_udp(&b, htons(500), htons(4500));
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_UDP);
    assert_int_equal(ntohs(flow.tp_src), 500);
    assert_int_equal(ntohs(flow.tp_dst), 4500);
    pkt_builder_uninit(&b);

    /* "No next header" and ESP end the walk with no L4. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IPV6);
    pkt_put_ipv6(&b, IPPROTO_DSTOPTS, &a, &a);
    pkt_put_ipv6_ext(&b, IPPROTO_NONE, 8);
    pkt_put_zeros(&b, 8);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_NONE);
    assert_no_l4(&flow);
    pkt_builder_uninit(&b);

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IPV6);
    pkt_put_ipv6(&b, IPPROTO_ESP, &a, &a);
    pkt_put_zeros(&b, 16);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_ESP);
    pkt_builder_uninit(&b);
}

static void
test_extract_ipv6_frag(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;

    build_and_extract("ipv6-frag-first", &b, &lo, &flow);
    assert_int_equal(flow.nw_frag, FLOW_NW_FRAG_ANY);
    assert_int_equal(flow.nw_proto, IPPROTO_UDP);
    assert_int_equal(ntohs(flow.tp_src), 7);
    assert_int_equal(ntohs(flow.tp_dst), 9);
    pkt_builder_uninit(&b);

    build_and_extract("ipv6-frag-later", &b, &lo, &flow);
    assert_int_equal(flow.nw_frag, FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
    assert_int_equal(flow.nw_proto, IPPROTO_FRAGMENT);
    assert_no_l4(&flow);
    pkt_builder_uninit(&b);

    /* An atomic fragment (offset 0, no more fragments) is no fragment. */
    {
        struct in6_addr a = in6("fd00::1");

        pkt_builder_init(&b);
        pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IPV6);
        pkt_put_ipv6(&b, IPPROTO_FRAGMENT, &a, &a);
        pkt_put_ipv6_frag(&b, IPPROTO_UDP, 0, false, 1);
        pkt_put_udp(&b, htons(7), htons(9));
        pkt_builder_finish(&b);
        extract_builder(&b, &flow);
        assert_int_equal(flow.nw_frag, 0);
        assert_int_equal(flow.nw_proto, IPPROTO_UDP);
        assert_int_equal(ntohs(flow.tp_dst), 9);
        pkt_builder_uninit(&b);
    }
}

static void
test_extract_icmp6(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;

    build_and_extract("icmp6-echo", &b, &lo, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_ICMPV6);
    assert_int_equal(flow.tp_src, htons(ICMP6_ECHO_REPLY));
    assert_int_equal(flow.tp_dst, 0);
    assert_true(ipv6_is_zero(&flow.nd_target));
    pkt_builder_uninit(&b);
}

static void
test_extract_nd(void **state OVS_UNUSED)
{
    struct in6_addr target = in6("fe80::2");
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct ds ds = DS_EMPTY_INITIALIZER;

    build_and_extract("nd-ns", &b, &lo, &flow);
    assert_int_equal(flow.nw_proto, IPPROTO_ICMPV6);
    assert_int_equal(flow.tp_src, htons(ICMP6_ND_NS));
    assert_int_equal(flow.tp_dst, 0);
    assert_true(ipv6_addr_equals(&flow.nd_target, &target));
    assert_true(eth_addr_equals(flow.arp_sha, mac_sll));
    assert_true(eth_addr_is_zero(flow.arp_tha));
    flow_format(&ds, &flow);
    assert_non_null(strstr(ds_cstr(&ds),
                           "icmp_type=135,icmp_code=0,nd_target=fe80::2,"
                           "nd_sll=02:11:22:33:44:55,"
                           "nd_tll=00:00:00:00:00:00"));
    ds_destroy(&ds);
    pkt_builder_uninit(&b);

    build_and_extract("nd-na", &b, &lo, &flow);
    assert_int_equal(flow.tp_src, htons(ICMP6_ND_NA));
    assert_true(ipv6_addr_equals(&flow.nd_target, &target));
    assert_true(eth_addr_is_zero(flow.arp_sha));
    assert_true(eth_addr_equals(flow.arp_tha, mac_tll));
    pkt_builder_uninit(&b);
}

/* Builds an NS for fe80::2 whose options are the 'n' bytes at 'opts', with
 * 'junk' bytes after the IPv6 payload, and extracts it into 'flow'. */
static void
extract_nd_with_options(const void *opts, size_t n, size_t junk,
                        struct flow *flow)
{
    struct in6_addr src = in6("fe80::1");
    struct in6_addr target = in6("fe80::2");
    struct pkt_builder b;

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_IPV6);
    pkt_put_ipv6(&b, IPPROTO_ICMPV6, &src, &target);
    pkt_put_nd(&b, ICMP6_ND_NS, 0, &target);
    pkt_put(&b, opts, n);
    pkt_builder_finish(&b);
    memset(pkt_put_zeros(&b, junk), 0x01, junk);  /* Looks like options. */
    extract_builder(&b, flow);
    pkt_builder_uninit(&b);
}

static void
test_extract_nd_options(void **state OVS_UNUSED)
{
    static const uint8_t sll_tll[16] = {
        ND_OPT_SLL, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
        ND_OPT_TLL, 1, 0x02, 0x66, 0x77, 0x88, 0x99, 0xaa,
    };
    static const uint8_t unknown_then_sll[24] = {
        14, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ND_OPT_SLL, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
    };
    static const uint8_t zero_len[16] = {
        ND_OPT_SLL, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
        ND_OPT_TLL, 0, 0x02, 0x66, 0x77, 0x88, 0x99, 0xaa,
    };
    static const uint8_t overlong[8] = {
        ND_OPT_SLL, 2, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
    };
    static const uint8_t repeated[16] = {
        ND_OPT_SLL, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
        ND_OPT_SLL, 1, 0x02, 0x11, 0x22, 0x33, 0x44, 0x56,
    };
    static const uint8_t long_sll[16] = {
        ND_OPT_SLL, 2, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55,
        0, 0, 0, 0, 0, 0, 0, 0,
    };
    struct in6_addr target = in6("fe80::2");
    struct flow flow;

    /* Both options, in an NS: both are taken.  Trailing bytes after the
     * IPv6 payload are ignored. */
    extract_nd_with_options(sll_tll, sizeof sll_tll, 8, &flow);
    assert_true(ipv6_addr_equals(&flow.nd_target, &target));
    assert_true(eth_addr_equals(flow.arp_sha, mac_sll));
    assert_true(eth_addr_equals(flow.arp_tha, mac_tll));

    extract_nd_with_options(unknown_then_sll, sizeof unknown_then_sll, 0,
                            &flow);
    assert_true(eth_addr_equals(flow.arp_sha, mac_sll));

    /* An address option longer than 8 bytes is skipped, not taken. */
    extract_nd_with_options(long_sll, sizeof long_sll, 0, &flow);
    assert_true(ipv6_addr_equals(&flow.nd_target, &target));
    assert_true(eth_addr_is_zero(flow.arp_sha));

    /* Malformed options clear all ND fields but keep ICMPv6 type/code. */
    extract_nd_with_options(zero_len, sizeof zero_len, 0, &flow);
    assert_true(ipv6_is_zero(&flow.nd_target));
    assert_true(eth_addr_is_zero(flow.arp_sha));
    assert_true(eth_addr_is_zero(flow.arp_tha));
    assert_int_equal(flow.tp_src, htons(ICMP6_ND_NS));

    extract_nd_with_options(overlong, sizeof overlong, 0, &flow);
    assert_true(ipv6_is_zero(&flow.nd_target));
    assert_true(eth_addr_is_zero(flow.arp_sha));

    extract_nd_with_options(repeated, sizeof repeated, 0, &flow);
    assert_true(ipv6_is_zero(&flow.nd_target));
    assert_true(eth_addr_is_zero(flow.arp_sha));

    /* Fewer than 8 bytes of options are ignored. */
    extract_nd_with_options(sll_tll, 7, 0, &flow);
    assert_true(ipv6_addr_equals(&flow.nd_target, &target));
    assert_true(eth_addr_is_zero(flow.arp_sha));
}

static void
test_extract_llc_snap(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;

    build_and_extract("llc", &b, &lo, &flow);
    assert_int_equal(ntohs(flow.dl_type), FLOW_DL_TYPE_NONE);
    assert_true(eth_addr_equals(flow.dl_dst,
                                ETH_ADDR_C(01, 80, c2, 00, 00, 00)));
    assert_true(eth_addr_equals(flow.dl_src, mac_src));
    assert_no_l3(&flow);
    pkt_builder_uninit(&b);

    build_and_extract("snap-udp4", &b, &lo, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(flow.nw_src, IP_A);
    assert_int_equal(ntohs(flow.tp_src), 67);
    assert_int_equal(ntohs(flow.tp_dst), 68);
    pkt_builder_uninit(&b);

    /* 0x0600 is the smallest Ethertype, 0x05ff the largest length. */
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac_dst, mac_src, ETH_TYPE_MIN);
    pkt_put_zeros(&b, 46);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_MIN);
    ((struct eth_header *) b.data)->eth_type = htons(ETH_TYPE_MIN - 1);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.dl_type), FLOW_DL_TYPE_NONE);
    pkt_builder_uninit(&b);

    /* SNAP with a nonzero organization code is not an Ethertype. */
    pkt_builder_init(&b);
    pkt_put_eth_802_3(&b, mac_dst, mac_src);
    pkt_put_llc(&b, LLC_DSAP_SNAP, LLC_SSAP_SNAP, LLC_CNTL_SNAP);
    pkt_put(&b, "\x00\x00\x0c\x20\x00", 5);    /* Cisco OUI, CDP. */
    pkt_put_zeros(&b, 20);
    pkt_builder_finish(&b);
    extract_builder(&b, &flow);
    assert_int_equal(ntohs(flow.dl_type), FLOW_DL_TYPE_NONE);
    pkt_builder_uninit(&b);
}

static void
test_extract_metadata_kept(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow, before;

    /* Fill a flow with another packet's headers and with metadata. */
    build_and_extract("ipv6-ext-tcp", &b, &lo, &flow);
    pkt_builder_uninit(&b);
    flow.in_port.odp_port = 7;
    flow.recirc_id = 0x42;
    flow.dp_hash = 0x1234;
    flow.skb_priority = 3;
    flow.pkt_mark = 0xbeef;
    flow.ct_state = CS_TRACKED | CS_ESTABLISHED;
    flow.ct_zone = 9;
    flow.ct_mark = 0x55;
    flow.ct_label.u64[1] = 1;
    flow.ct_nw_src = IP_A;
    flow.regs[15] = 0xdeadbeef;
    flow.metadata = htonll(0x0102030405060708ULL);
    flow.tunnel.tun_id = htonll(5000);
    flow.tunnel.ip_dst = IP_B;
    flow.tunnel.flags = FLOW_TNL_F_KEY | FLOW_TNL_F_CSUM;
    flow.tunnel.geneve_len = 4;
    flow.tunnel.geneve_opts[3] = 0x99;
    before = flow;

    pkt_builder_init(&b);
    build_arp_request(&b, &lo);
    flow_extract(b.data, b.size, &flow);
    pkt_builder_uninit(&b);

    assert_int_equal(flow.in_port.odp_port, 7);
    assert_int_equal(flow.recirc_id, 0x42);
    assert_int_equal(flow.regs[15], 0xdeadbeef);
    assert_memory_equal(&flow.ct_nw_src, &before.ct_nw_src,
                        sizeof flow - offsetof(struct flow, ct_nw_src));
    assert_memory_equal(&flow, &before, offsetof(struct flow, dl_dst));
    /* The previous packet's IPv6 and TCP fields are gone. */
    assert_true(ipv6_is_zero(&flow.ipv6_src));
    assert_int_equal(flow.ipv6_label, 0);
    assert_no_l4(&flow);
    assert_int_equal(ntohs(flow.dl_type), ETH_TYPE_ARP);
}

static void
test_extract_short(void **state OVS_UNUSED)
{
    static const uint8_t frame[13] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
    struct flow flow, zero;

    memset(&flow, 0xff, sizeof flow);
    memset(&zero, 0, sizeof zero);
    extract_exact(frame, sizeof frame, &flow);
    assert_memory_equal(&flow.dl_dst, &zero.dl_dst,
                        (offsetof(struct flow, ct_nw_src)
                         - offsetof(struct flow, dl_dst)));
    flow_extract(NULL, 0, &flow);
    assert_true(eth_addr_is_zero(flow.dl_dst));
}

/* Truncation. */

/* Computes in 'exp' the flow that the first 'len' bytes of a packet with
 * layout 'lo', whose complete extraction is 'full', must give. */
static void
expect_truncated(const struct flow *full, const struct layout *lo,
                 size_t len, struct flow *exp)
{
    bool arp = (full->dl_type == htons(ETH_TYPE_ARP)
                || full->dl_type == htons(ETH_TYPE_RARP));
    int n_tags = 0;
    int i;

    memset(exp, 0, sizeof *exp);
    if (len < ETH_HEADER_LEN) {
        return;
    }
    exp->dl_dst = full->dl_dst;
    exp->dl_src = full->dl_src;
    while (n_tags < FLOW_MAX_VLAN_HEADERS && flow_vlan_present(full, n_tags)) {
        n_tags++;
    }
    for (i = 0; i < n_tags; i++) {
        if (len < ETH_HEADER_LEN + (i + 1) * VLAN_HEADER_LEN) {
            break;
        }
        exp->vlans[i] = full->vlans[i];
    }
    if (i < n_tags) {
        exp->dl_type = full->vlans[i].tpid;
        return;
    }
    exp->dl_type = (len >= lo->l2_end ? full->dl_type
                    : htons(FLOW_DL_TYPE_NONE));
    if (len < lo->l3_end) {
        return;
    }

    exp->nw_src = full->nw_src;
    exp->nw_dst = full->nw_dst;
    exp->ipv6_src = full->ipv6_src;
    exp->ipv6_dst = full->ipv6_dst;
    exp->ipv6_label = full->ipv6_label;
    exp->nw_tos = full->nw_tos;
    exp->nw_ttl = full->nw_ttl;
    exp->nw_proto = full->nw_proto;
    exp->nw_frag = full->nw_frag;
    if (arp) {
        exp->arp_sha = full->arp_sha;
        exp->arp_tha = full->arp_tha;
    }
    if (len < lo->ext_end) {
        /* The test packets' fragment headers come last in the chain. */
        exp->nw_proto = IPPROTO_NONE;
        exp->nw_frag = 0;
        return;
    }

    if (len < lo->l4_end) {
        return;
    }
    exp->tp_src = full->tp_src;
    exp->tp_dst = full->tp_dst;
    exp->tcp_flags = full->tcp_flags;

    if (len < lo->nd_end) {
        return;
    }
    exp->nd_target = full->nd_target;
    if (len < lo->opt_end || arp) {
        return;
    }
    exp->arp_sha = full->arp_sha;
    exp->arp_tha = full->arp_tha;
}

static void
test_extract_truncated(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < ARRAY_SIZE(test_packets); i++) {
        struct pkt_builder b;
        struct layout lo;
        struct flow full;

        build_and_extract(test_packets[i].name, &b, &lo, &full);
        for (size_t len = 0; len <= b.size; len++) {
            struct flow flow, exp;

            memset(&flow, 0, sizeof flow);
            extract_exact(b.data, len, &flow);
            expect_truncated(&full, &lo, len, &exp);
            if (memcmp(&flow, &exp, sizeof flow)) {
                struct ds got = DS_EMPTY_INITIALIZER;
                struct ds want = DS_EMPTY_INITIALIZER;

                flow_format(&got, &flow);
                flow_format(&want, &exp);
                fail_msg("%s truncated to %zu of %zu bytes:\n  got  %s\n"
                         "  want %s", test_packets[i].name, len, b.size,
                         ds_cstr(&got), ds_cstr(&want));
            }
        }
        pkt_builder_uninit(&b);
    }
}

/* Random damage to the test packets: no crash, no read out of bounds (the
 * sanitizer build checks), same result twice. */
static void
test_extract_mutated(void **state OVS_UNUSED)
{
    unsigned int seed = 99;

    for (size_t i = 0; i < ARRAY_SIZE(test_packets); i++) {
        struct pkt_builder b;
        struct layout lo;
        struct flow full;

        build_and_extract(test_packets[i].name, &b, &lo, &full);
        for (int round = 0; round < 2000; round++) {
            uint8_t *copy = xmemdup(b.data, b.size);
            size_t len = rand_r(&seed) % (b.size + 1);
            int n_flips = 1 + rand_r(&seed) % 4;
            struct flow f1, f2;

            for (int k = 0; k < n_flips; k++) {
                copy[rand_r(&seed) % b.size] = rand_r(&seed);
            }
            memset(&f1, 0, sizeof f1);
            memset(&f2, 0xff, sizeof f2);
            extract_exact(copy, len, &f1);
            extract_exact(copy, len, &f2);
            assert_memory_equal(&f1.dl_dst, &f2.dl_dst,
                                (offsetof(struct flow, ct_nw_src)
                                 - offsetof(struct flow, dl_dst)));
            assert_true(flow_padding_is_zero(&f1));
            free(copy);
        }
        pkt_builder_uninit(&b);
    }
}

/* Flows and wildcards. */

static void
test_flow_hash_equal(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow a, c;

    build_and_extract("tcp4", &b, &lo, &a);
    pkt_builder_uninit(&b);
    c = a;
    assert_true(flow_equal(&a, &c));
    assert_int_equal(flow_hash(&a, 0), flow_hash(&c, 0));
    assert_int_not_equal(flow_hash(&a, 0), flow_hash(&a, 1));

    /* A bit in the last byte of the struct changes the hash. */
    c.tunnel.geneve_opts[FLOW_TNL_GENEVE_MAX - 1] = 1;
    assert_false(flow_equal(&a, &c));
    assert_int_not_equal(flow_hash(&a, 0), flow_hash(&c, 0));
    c = a;
    c.in_port.odp_port = 1;
    assert_int_not_equal(flow_hash(&a, 0), flow_hash(&c, 0));
}

static void
test_wildcards(void **state OVS_UNUSED)
{
    struct flow_wildcards catchall, exact, a, c, u, n;
    struct match m;

    flow_wildcards_init_catchall(&catchall);
    flow_wildcards_init_exact(&exact);
    assert_true(flow_wildcards_is_catchall(&catchall));
    assert_false(flow_wildcards_is_exact(&catchall));
    assert_true(flow_wildcards_is_exact(&exact));
    assert_false(flow_wildcards_is_catchall(&exact));
    assert_true(flow_padding_is_zero(&exact.masks));

    match_init_catchall(&m);
    match_set_nw_src_masked(&m, IP_A, htonl(0xffffff00));
    match_set_tp_dst_masked(&m, htons(80), htons(0xfff0));
    a = m.wc;
    match_init_catchall(&m);
    match_set_tp_dst(&m, htons(80));
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    c = m.wc;

    flow_wildcards_or(&u, &a, &c);
    assert_int_equal(u.masks.nw_src, htonl(0xffffff00));
    assert_int_equal(u.masks.tp_dst, OVS_BE16_MAX);
    assert_int_equal(u.masks.dl_type, OVS_BE16_MAX);
    assert_int_equal(u.masks.nw_dst, 0);

    flow_wildcards_and(&n, &a, &c);
    assert_int_equal(n.masks.nw_src, 0);
    assert_int_equal(n.masks.tp_dst, htons(0xfff0));
    assert_int_equal(n.masks.dl_type, 0);

    /* In place, and with the identities. */
    flow_wildcards_or(&a, &a, &catchall);
    assert_int_equal(a.masks.nw_src, htonl(0xffffff00));
    flow_wildcards_or(&a, &a, &exact);
    assert_true(flow_wildcards_is_exact(&a));
    flow_wildcards_and(&a, &a, &catchall);
    assert_true(flow_wildcards_is_catchall(&a));
    flow_wildcards_and(&c, &c, &exact);
    assert_true(flow_wildcards_equal(&c, &m.wc));
}

/* Matches. */

static void
test_match_init(void **state OVS_UNUSED)
{
    struct flow_wildcards wc;
    struct pkt_builder b;
    struct layout lo;
    struct flow flow;
    struct match m, m2;

    build_and_extract("tcp4", &b, &lo, &flow);
    pkt_builder_uninit(&b);
    flow.in_port.odp_port = 4;

    flow_wildcards_init_catchall(&wc);
    wc.masks.dl_type = OVS_BE16_MAX;
    wc.masks.nw_dst = htonl(0xffff0000);
    match_init(&m, &flow, &wc);
    assert_true(match_is_normalized(&m));
    assert_int_equal(ntohs(m.flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(m.flow.nw_dst, htonl(0x0a000000));
    assert_int_equal(m.flow.nw_src, 0);
    assert_int_equal(m.flow.tp_src, 0);
    assert_int_equal(m.flow.in_port.odp_port, 0);
    assert_true(match_matches_flow(&m, &flow));

    match_init_exact(&m, &flow);
    assert_true(match_is_normalized(&m));
    assert_true(flow_wildcards_is_exact(&m.wc));
    assert_true(flow_equal(&m.flow, &flow));
    assert_true(match_matches_flow(&m, &flow));

    match_init_catchall(&m2);
    assert_true(match_is_catchall(&m2));
    assert_true(match_matches_flow(&m2, &flow));
    assert_false(match_equal(&m, &m2));
}

static void
test_match_masked_setters(void **state OVS_UNUSED)
{
    struct in6_addr addr = in6("2001:db8:1:2:3:4:5:6");
    struct in6_addr mask64 = ipv6_create_mask(64);
    struct in6_addr prefix = in6("2001:db8:1:2::");
    struct match m;

    match_init_catchall(&m);
    match_set_nw_src_masked(&m, htonl(0x0a0000ff), htonl(0xffffff00));
    assert_int_equal(m.flow.nw_src, htonl(0x0a000000));
    assert_int_equal(m.wc.masks.nw_src, htonl(0xffffff00));

    match_set_dl_dst_masked(&m, mac_dst, ETH_ADDR_C(ff, ff, ff, 00, 00, 00));
    assert_true(eth_addr_equals(m.flow.dl_dst,
                                ETH_ADDR_C(50, 54, 00, 00, 00, 00)));

    match_set_ipv6_src_masked(&m, &addr, &mask64);
    assert_true(ipv6_addr_equals(&m.flow.ipv6_src, &prefix));

    match_set_tp_dst_masked(&m, htons(0x1234), htons(0xff00));
    assert_int_equal(m.flow.tp_dst, htons(0x1200));

    match_set_tun_id_masked(&m, htonll(0x123456), htonll(0xffff));
    assert_int_equal(m.flow.tunnel.tun_id, htonll(0x3456));

    match_set_reg_masked(&m, 5, 0xabcd, 0xff);
    assert_int_equal(m.flow.regs[5], 0xcd);
    assert_int_equal(m.wc.masks.regs[5], 0xff);

    match_set_ct_state_masked(&m, CS_TRACKED | CS_NEW,
                              CS_TRACKED | CS_ESTABLISHED);
    assert_int_equal(m.flow.ct_state, CS_TRACKED);
    assert_int_equal(m.wc.masks.ct_state, CS_TRACKED | CS_ESTABLISHED);

    /* Setting an exact value afterwards replaces the mask. */
    match_set_nw_src(&m, htonl(0x0a0000ff));
    assert_int_equal(m.flow.nw_src, htonl(0x0a0000ff));
    assert_int_equal(m.wc.masks.nw_src, OVS_BE32_MAX);

    /* A zero mask is a wildcard. */
    match_set_nw_src_masked(&m, htonl(0x0a0000ff), 0);
    assert_int_equal(m.flow.nw_src, 0);
    assert_int_equal(m.wc.masks.nw_src, 0);
    assert_true(match_is_normalized(&m));
}

static void
test_match_vlan(void **state OVS_UNUSED)
{
    struct match m;

    match_init_catchall(&m);
    match_set_vlan_vid(&m, 0, 100);
    assert_int_equal(ntohs(m.flow.vlans[0].tci), VLAN_CFI | 100);
    assert_int_equal(ntohs(m.wc.masks.vlans[0].tci),
                     VLAN_CFI | VLAN_VID_MASK);
    match_set_vlan_pcp(&m, 0, 5);
    assert_int_equal(ntohs(m.flow.vlans[0].tci),
                     (5 << VLAN_PCP_SHIFT) | VLAN_CFI | 100);
    assert_int_equal(m.wc.masks.vlans[0].tci, OVS_BE16_MAX);
    match_set_vlan_vid(&m, 0, 0x1fff);      /* Excess bits dropped. */
    assert_int_equal(ntohs(m.flow.vlans[0].tci),
                     (5 << VLAN_PCP_SHIFT) | VLAN_CFI | 0xfff);
    assert_true(match_is_normalized(&m));

    match_set_vlan_tpid(&m, 1, htons(ETH_TYPE_VLAN_8021Q));
    match_set_no_vlan(&m, 1);
    assert_int_equal(m.flow.vlans[1].tci, 0);
    assert_int_equal(m.wc.masks.vlans[1].tci, OVS_BE16_MAX);
    assert_true(match_is_normalized(&m));
}

static void
test_match_setters_normalized(void **state OVS_UNUSED)
{
    uint8_t geneve[8] = { 0x01, 0x02, 0x80, 0x01, 0xaa, 0xbb, 0xcc, 0xdd };
    uint8_t geneve_mask[8] = { 0xff, 0xff, 0xff, 0xff, 0xf0, 0, 0, 0xff };
    struct in6_addr a6 = in6("2001:db8::ffff");
    struct in6_addr m6 = in6("ffff:0:ffff::f0f0");
    struct eth_addr me = ETH_ADDR_C(f0, 0f, ff, 00, 01, 80);
    ovs_u128 label = { .u64 = { 0x1234, 0xffff } };
    ovs_u128 label_mask = { .u64 = { 0xff, 0xf0f0 } };
    struct match m;

    /* Every setter, exact and masked, with values that have bits outside
     * their masks: the invariant must hold throughout. */
    match_init_catchall(&m);
#define CHECK(CALL) \
    do { CALL; assert_true(match_is_normalized(&m)); } while (0)
    CHECK(match_set_in_port_odp(&m, 5));
    CHECK(match_set_in_port_ofp(&m, OFPP_LOCAL));
    assert_int_equal(m.flow.in_port.ofp_port, 0xfffe);
    CHECK(match_set_recirc_id(&m, 1));
    CHECK(match_set_dp_hash_masked(&m, 0xffff, 0xf0));
    CHECK(match_set_skb_priority(&m, 2));
    CHECK(match_set_pkt_mark_masked(&m, 0xff, 0x0f));
    CHECK(match_set_ct_state(&m, CS_NEW));
    CHECK(match_set_ct_zone_masked(&m, 0xffff, 0xff));
    CHECK(match_set_ct_mark_masked(&m, 0xffff, 0x1));
    CHECK(match_set_ct_label_masked(&m, label, label_mask));
    assert_int_equal(m.flow.ct_label.u64[0], 0x34);
    assert_int_equal(m.flow.ct_label.u64[1], 0xf0f0);
    CHECK(match_set_ct_nw_proto(&m, 6));
    CHECK(match_set_ct_nw_src_masked(&m, IP_A, htonl(0xff000000)));
    CHECK(match_set_ct_nw_dst_masked(&m, IP_B, htonl(0xffff0000)));
    CHECK(match_set_ct_ipv6_src_masked(&m, &a6, &m6));
    CHECK(match_set_ct_ipv6_dst(&m, &a6));
    CHECK(match_set_ct_tp_src_masked(&m, htons(0xffff), htons(0xf)));
    CHECK(match_set_ct_tp_dst(&m, htons(80)));
    CHECK(match_set_reg(&m, 0, 0xffffffff));
    CHECK(match_set_reg_masked(&m, 15, 0xffffffff, 0x10));
    CHECK(match_set_metadata_masked(&m, OVS_BE64_MAX, htonll(0xff)));
    CHECK(match_set_tun_id(&m, htonll(99)));
    CHECK(match_set_tun_src_masked(&m, IP_A, htonl(0xffffff00)));
    CHECK(match_set_tun_dst(&m, IP_B));
    CHECK(match_set_tun_ipv6_src_masked(&m, &a6, &m6));
    CHECK(match_set_tun_ipv6_dst(&m, &a6));
    CHECK(match_set_tun_tos_masked(&m, 0xff, 0xfc));
    CHECK(match_set_tun_ttl(&m, 64));
    CHECK(match_set_tun_tp_src_masked(&m, htons(0xffff), htons(0xff00)));
    CHECK(match_set_tun_tp_dst(&m, htons(4789)));
    CHECK(match_set_tun_flags_masked(&m, 0xffff, FLOW_TNL_F_CSUM));
    assert_int_equal(m.flow.tunnel.flags, FLOW_TNL_F_CSUM);
    CHECK(match_set_tun_gbp_id_masked(&m, htons(0xffff), htons(0xff)));
    CHECK(match_set_tun_gbp_flags(&m, 1));
    CHECK(match_set_tun_geneve_masked(&m, geneve, geneve_mask, 8));
    assert_int_equal(m.flow.tunnel.geneve_len, 8);
    assert_int_equal(m.wc.masks.tunnel.geneve_len, 0xff);
    assert_int_equal(m.flow.tunnel.geneve_opts[4], 0xa0);
    assert_int_equal(m.flow.tunnel.geneve_opts[5], 0);
    CHECK(match_set_tun_geneve(&m, geneve, 4));
    assert_int_equal(m.flow.tunnel.geneve_len, 4);
    assert_int_equal(m.flow.tunnel.geneve_opts[4], 0);
    assert_int_equal(m.wc.masks.tunnel.geneve_opts[4], 0);
    CHECK(match_set_dl_dst(&m, mac_dst));
    CHECK(match_set_dl_src_masked(&m, mac_src, me));
    CHECK(match_set_dl_type(&m, htons(ETH_TYPE_IPV6)));
    CHECK(match_set_vlan_tci_masked(&m, 1, OVS_BE16_MAX, htons(0x1fff)));
    CHECK(match_set_nw_src_masked(&m, OVS_BE32_MAX, htonl(0xf0f0f0f0)));
    CHECK(match_set_nw_dst(&m, IP_B));
    CHECK(match_set_arp_sha_masked(&m, mac_sll, me));
    CHECK(match_set_arp_tha(&m, mac_tll));
    CHECK(match_set_ipv6_src_masked(&m, &a6, &m6));
    CHECK(match_set_ipv6_dst(&m, &a6));
    CHECK(match_set_ipv6_label_masked(&m, OVS_BE32_MAX, htonl(0xfffff)));
    CHECK(match_set_nd_target_masked(&m, &a6, &m6));
    CHECK(match_set_nw_proto(&m, IPPROTO_ICMPV6));
    CHECK(match_set_nw_tos_masked(&m, 0xff, 0x3));
    CHECK(match_set_nw_dscp(&m, 0xb8));
    assert_int_equal(m.flow.nw_tos, 0xbb);
    assert_int_equal(m.wc.masks.nw_tos, 0xff);
    CHECK(match_set_nw_ecn(&m, 0));
    assert_int_equal(m.flow.nw_tos, 0xb8);
    CHECK(match_set_nw_ttl_masked(&m, 0xff, 0x80));
    CHECK(match_set_nw_frag_masked(&m, FLOW_NW_FRAG_MASK, FLOW_NW_FRAG_ANY));
    CHECK(match_set_tp_src_masked(&m, OVS_BE16_MAX, htons(0x00ff)));
    CHECK(match_set_tp_dst(&m, htons(443)));
    CHECK(match_set_tcp_flags_masked(&m, OVS_BE16_MAX, htons(TCP_SYN)));
    CHECK(match_set_icmp_type(&m, ICMP6_ND_NS));
    CHECK(match_set_icmp_code(&m, 0));
#undef CHECK
}

static void
test_match_matches_flow(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct layout lo;
    struct flow flow, other;
    struct match m;

    build_and_extract("tcp4", &b, &lo, &flow);
    pkt_builder_uninit(&b);

    match_init_catchall(&m);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    match_set_nw_dst_masked(&m, htonl(0x0a000000), htonl(0xffffff00));
    match_set_nw_proto(&m, IPPROTO_TCP);
    match_set_tp_dst(&m, htons(80));
    match_set_tcp_flags_masked(&m, htons(TCP_SYN), htons(TCP_SYN | TCP_RST));
    assert_true(match_matches_flow(&m, &flow));

    other = flow;
    other.nw_dst = htonl(0x0a000102);       /* Outside the /24. */
    assert_false(match_matches_flow(&m, &other));

    other = flow;
    other.nw_dst = htonl(0x0a0000fe);       /* Inside it. */
    other.nw_src = htonl(0xc0a80001);       /* Not matched at all. */
    other.dl_src = mac_tll;
    other.in_port.odp_port = 77;
    other.regs[3] = 1;
    assert_true(match_matches_flow(&m, &other));

    other = flow;
    other.tp_dst = htons(81);
    assert_false(match_matches_flow(&m, &other));

    other = flow;
    other.tcp_flags = htons(TCP_SYN | TCP_RST);
    assert_false(match_matches_flow(&m, &other));
    other.tcp_flags = htons(TCP_SYN | TCP_PSH | TCP_FIN);
    assert_true(match_matches_flow(&m, &other));

    other = flow;
    other.dl_type = htons(ETH_TYPE_IPV6);
    assert_false(match_matches_flow(&m, &other));

    /* An exact match is sensitive to every field, tunnel included. */
    match_init_exact(&m, &flow);
    other = flow;
    assert_true(match_matches_flow(&m, &other));
    other.tunnel.geneve_opts[100] = 1;
    assert_false(match_matches_flow(&m, &other));
    other = flow;
    other.ct_label.u64[1] = 1ULL << 63;
    assert_false(match_matches_flow(&m, &other));
}

static void
test_match_equal_hash(void **state OVS_UNUSED)
{
    struct match a, c;

    /* Same constraints set in different orders and ways. */
    match_init_catchall(&a);
    match_set_dl_type(&a, htons(ETH_TYPE_IP));
    match_set_nw_src_masked(&a, htonl(0x0a0000ff), htonl(0xffffff00));
    match_set_vlan_vid(&a, 0, 10);
    match_set_vlan_pcp(&a, 0, 2);

    match_init_catchall(&c);
    match_set_vlan_tci(&c, 0, htons((2 << VLAN_PCP_SHIFT) | VLAN_CFI | 10));
    match_set_nw_src_masked(&c, htonl(0x0a000000), htonl(0xffffff00));
    match_set_dl_type(&c, htons(ETH_TYPE_IP));

    assert_true(match_equal(&a, &c));
    assert_int_equal(match_hash(&a, 7), match_hash(&c, 7));

    match_set_nw_src_masked(&c, htonl(0x0a000000), htonl(0xfffffe00));
    assert_false(match_equal(&a, &c));
    assert_int_not_equal(match_hash(&a, 7), match_hash(&c, 7));
}

static void
test_match_normalized_detects(void **state OVS_UNUSED)
{
    struct match m;

    match_init_catchall(&m);
    match_set_nw_src_masked(&m, IP_A, htonl(0xff000000));
    assert_true(match_is_normalized(&m));
    m.flow.nw_src = IP_A;                   /* Bits outside the mask. */
    assert_false(match_is_normalized(&m));

    match_init_catchall(&m);
    m.wc.masks.pad_l4[0] = 1;               /* Padding in the mask. */
    assert_false(match_is_normalized(&m));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extract_tcp4),
        cmocka_unit_test(test_extract_tcp_all_flags),
        cmocka_unit_test(test_extract_tcp_data_offset),
        cmocka_unit_test(test_extract_udp4),
        cmocka_unit_test(test_extract_sctp4),
        cmocka_unit_test(test_extract_icmp4),
        cmocka_unit_test(test_extract_arp),
        cmocka_unit_test(test_extract_arp_odd),
        cmocka_unit_test(test_extract_vlan),
        cmocka_unit_test(test_extract_vlan3),
        cmocka_unit_test(test_extract_ipv4_options),
        cmocka_unit_test(test_extract_ipv4_bad),
        cmocka_unit_test(test_extract_ipv4_padding),
        cmocka_unit_test(test_extract_ipv4_frag),
        cmocka_unit_test(test_extract_ipv6_ext),
        cmocka_unit_test(test_extract_ipv6_routing_ah),
        cmocka_unit_test(test_extract_ipv6_frag),
        cmocka_unit_test(test_extract_icmp6),
        cmocka_unit_test(test_extract_nd),
        cmocka_unit_test(test_extract_nd_options),
        cmocka_unit_test(test_extract_llc_snap),
        cmocka_unit_test(test_extract_metadata_kept),
        cmocka_unit_test(test_extract_short),
        cmocka_unit_test(test_extract_truncated),
        cmocka_unit_test(test_extract_mutated),
        cmocka_unit_test(test_flow_hash_equal),
        cmocka_unit_test(test_wildcards),
        cmocka_unit_test(test_match_init),
        cmocka_unit_test(test_match_masked_setters),
        cmocka_unit_test(test_match_vlan),
        cmocka_unit_test(test_match_setters_normalized),
        cmocka_unit_test(test_match_matches_flow),
        cmocka_unit_test(test_match_equal_hash),
        cmocka_unit_test(test_match_normalized_detects),
    };

    set_program_name("test-flow");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
