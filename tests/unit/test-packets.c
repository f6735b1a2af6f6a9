/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/packets.c: Ethernet and IP address text, the internet
 * checksum and its incremental updates, CRC32c, and the packet builder.
 * Expected checksums were computed independently of this code.
 */

#include <config.h>

#include <endian.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "dynamic-string.h"
#include "packets.h"
#include "util.h"

/* Ethernet addresses. */

static void
test_eth_addr_parse_format(void **state OVS_UNUSED)
{
    static const uint8_t expected[ETH_ADDR_LEN] = {
        0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e
    };
    struct ds ds = DS_EMPTY_INITIALIZER;
    char buf[ETH_ADDR_STRLEN];
    struct eth_addr ea;

    assert_true(eth_addr_from_string("00:1a:2B:3c:4D:5e", &ea));
    assert_memory_equal(ea.ea, expected, ETH_ADDR_LEN);
    ds_put_eth_addr(&ds, ea);
    assert_string_equal(ds_cstr(&ds), "00:1a:2b:3c:4d:5e");
    assert_string_equal(eth_addr_to_string(ea, buf), "00:1a:2b:3c:4d:5e");

    /* Single hex digits are accepted. */
    assert_true(eth_addr_from_string("0:1:2:a:b:c", &ea));
    assert_true(eth_addr_equals(ea, ETH_ADDR_C(00, 01, 02, 0a, 0b, 0c)));

    assert_true(eth_addr_from_string("ff:ff:ff:ff:ff:ff", &ea));
    assert_true(eth_addr_is_broadcast(ea));
    assert_true(eth_addr_is_multicast(ea));
    assert_false(eth_addr_is_multicast(ETH_ADDR_C(02, 00, 00, 00, 00, 01)));
    assert_true(eth_addr_is_multicast(ETH_ADDR_C(01, 00, 5e, 00, 00, 01)));
    ds_destroy(&ds);
}

static void
test_eth_addr_bad(void **state OVS_UNUSED)
{
    static const char *bad[] = {
        "", "00:11:22:33:44", "00:11:22:33:44:55:66", "00:11:22:33:44:5g",
        "001:11:22:33:44:55", "00-11-22-33-44-55", "00:11:22:33:44:55 ",
        " 00:11:22:33:44:55", ":00:11:22:33:44", "00:11:22:33:44:",
        "00::22:33:44:55", "0x0:11:22:33:44:55",
    };

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct eth_addr ea = ETH_ADDR_BROADCAST;

        assert_false(eth_addr_from_string(bad[i], &ea));
        assert_true(eth_addr_is_zero(ea));
    }
}

static void
test_eth_addr_masked(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct eth_addr ea, mask;
    char *error;

    error = eth_addr_parse_masked("00:11:22:33:44:55/ff:ff:ff:00:00:00",
                                  &ea, &mask);
    assert_null(error);
    assert_true(eth_addr_equals(ea, ETH_ADDR_C(00, 11, 22, 33, 44, 55)));
    assert_true(eth_addr_equals(mask, ETH_ADDR_C(ff, ff, ff, 00, 00, 00)));
    ds_put_eth_addr_masked(&ds, eth_addr_and(ea, mask), mask);
    assert_string_equal(ds_cstr(&ds), "00:11:22:00:00:00/ff:ff:ff:00:00:00");

    error = eth_addr_parse_masked("00:11:22:33:44:55", &ea, &mask);
    assert_null(error);
    assert_true(eth_addr_is_broadcast(mask));
    ds_clear(&ds);
    ds_put_eth_addr_masked(&ds, ea, mask);
    assert_string_equal(ds_cstr(&ds), "00:11:22:33:44:55");

    error = eth_addr_parse_masked("00:11:22:33:44:55/ff:ff", &ea, &mask);
    assert_non_null(error);
    assert_true(eth_addr_is_zero(ea));
    free(error);
    error = eth_addr_parse_masked("00:11:22:33:44/ff:ff:ff:ff:ff:ff",
                                  &ea, &mask);
    assert_non_null(error);
    free(error);
    ds_destroy(&ds);
}

/* IPv4 addresses. */

static void
test_ip_parse_format(void **state OVS_UNUSED)
{
    static const char *bad[] = {
        "", "192.168.0", "256.1.1.1", "1.2.3.4.5", "1.2.3.4 ", " 1.2.3.4",
        "a.b.c.d", "1.2.3.-4", "1..3.4", "::1",
    };
    struct ds ds = DS_EMPTY_INITIALIZER;
    ovs_be32 ip;

    assert_true(ip_parse("192.168.0.1", &ip));
    assert_int_equal(ntohl(ip), 0xc0a80001);
    ds_put_ip(&ds, ip);
    assert_string_equal(ds_cstr(&ds), "192.168.0.1");

    assert_true(ip_parse("0.0.0.0", &ip));
    assert_int_equal(ip, 0);
    assert_true(ip_parse("255.255.255.255", &ip));
    assert_int_equal(ip, OVS_BE32_MAX);

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        ip = 1;
        assert_false(ip_parse(bad[i], &ip));
        assert_int_equal(ip, 0);
    }
    ds_destroy(&ds);
}

static void
test_ip_parse_masked(void **state OVS_UNUSED)
{
    static const struct {
        const char *s;
        uint32_t ip, mask;      /* Host order. */
        const char *formatted;  /* ds_put_ip_masked(). */
    } good[] = {
        { "10.0.0.0/24", 0x0a000000, 0xffffff00, "10.0.0.0/24" },
        { "10.0.0.1", 0x0a000001, 0xffffffff, "10.0.0.1" },
        { "10.0.0.1/32", 0x0a000001, 0xffffffff, "10.0.0.1" },
        { "10.0.0.1/0", 0x0a000001, 0, "10.0.0.1/0" },
        { "10.0.0.1/1", 0x0a000001, 0x80000000, "10.0.0.1/1" },
        { "10.1.2.3/255.255.0.0", 0x0a010203, 0xffff0000, "10.1.2.3/16" },
        { "10.1.2.3/255.0.255.0", 0x0a010203, 0xff00ff00,
          "10.1.2.3/255.0.255.0" },
    };
    static const char *bad[] = {
        "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1", "10.0.0.1/24x",
        "10.0.0/24", "/24", "10.0.0.1/1.2.3", "10.0.0.1/0024", "",
        "10.0.0.1/24/24",
    };

    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        ovs_be32 ip, mask;
        char *error;

        error = ip_parse_masked(good[i].s, &ip, &mask);
        assert_null(error);
        assert_int_equal(ntohl(ip), good[i].ip);
        assert_int_equal(ntohl(mask), good[i].mask);
        ds_put_ip_masked(&ds, ip, mask);
        assert_string_equal(ds_cstr(&ds), good[i].formatted);
        ds_destroy(&ds);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        ovs_be32 ip = 1, mask = 1;
        char *error = ip_parse_masked(bad[i], &ip, &mask);

        assert_non_null(error);
        assert_int_equal(ip, 0);
        assert_int_equal(mask, 0);
        free(error);
    }
}

static void
test_ip_cidr(void **state OVS_UNUSED)
{
    assert_int_equal(ip_count_cidr_bits(0), 0);
    assert_int_equal(ip_count_cidr_bits(OVS_BE32_MAX), 32);
    assert_int_equal(ip_count_cidr_bits(htonl(0xffffff00)), 24);
    assert_int_equal(ip_count_cidr_bits(htonl(0x80000000)), 1);
    assert_int_equal(ip_count_cidr_bits(htonl(0xfffffffe)), 31);
    assert_int_equal(ip_count_cidr_bits(htonl(0xff00ff00)), -1);
    assert_int_equal(ip_count_cidr_bits(htonl(0x00000001)), -1);
    assert_false(ip_is_cidr(htonl(0x7fffffff)));
    for (int plen = 0; plen <= 32; plen++) {
        assert_int_equal(ip_count_cidr_bits(be32_prefix_mask(plen)), plen);
    }
    assert_int_equal(ntohl(be32_prefix_mask(24)), 0xffffff00);
    assert_int_equal(be32_prefix_mask(0), 0);
}

/* IPv6 addresses. */

static void
test_ipv6_parse_format(void **state OVS_UNUSED)
{
    static const uint8_t expected[16] = {
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01
    };
    static const char *round_trip[] = {
        "2001:db8::1", "::", "::1", "fe80::1:2:3:4", "::ffff:1.2.3.4",
        "2001:db8:0:1:1:1:1:1", "ff02::1:ff00:1",
    };
    static const char *bad[] = {
        "", "2001:db8::1::2", "gggg::", "12345::", "1.2.3.4",
        "2001:db8::1 ", "2001:db8:1:2:3:4:5:6:7", ":1", "fe80::1%eth0",
    };
    struct in6_addr addr;

    assert_true(ipv6_parse("2001:DB8::1", &addr));
    assert_memory_equal(addr.s6_addr, expected, 16);

    for (size_t i = 0; i < ARRAY_SIZE(round_trip); i++) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        assert_true(ipv6_parse(round_trip[i], &addr));
        ds_put_ipv6(&ds, &addr);
        assert_string_equal(ds_cstr(&ds), round_trip[i]);
        ds_destroy(&ds);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        memset(&addr, 0xff, sizeof addr);
        assert_false(ipv6_parse(bad[i], &addr));
        assert_true(ipv6_is_zero(&addr));
    }
}

static void
test_ipv6_parse_masked(void **state OVS_UNUSED)
{
    static const struct {
        const char *s;
        const char *addr, *mask;
        const char *formatted;
    } good[] = {
        { "fe80::/64", "fe80::", "ffff:ffff:ffff:ffff::", "fe80::/64" },
        { "2001:db8::1", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:"
          "ffff:ffff", "2001:db8::1" },
        { "2001:db8::1/128", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:"
          "ffff:ffff", "2001:db8::1" },
        { "::/0", "::", "::", "::/0" },
        { "2001:db8::/ffff:ffff::", "2001:db8::", "ffff:ffff::",
          "2001:db8::/32" },
        { "2001:db8::/ff00::ff", "2001:db8::", "ff00::ff",
          "2001:db8::/ff00::ff" },
        { "::1/127", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe",
          "::1/127" },
        { "::/9", "::", "ff80::", "::/9" },
    };
    static const char *bad[] = {
        "fe80::1/129", "fe80::1/", "fe80::1/64x", "zz/64", "/64",
        "fe80::1/1.2.3.4", "",
    };

    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        struct in6_addr addr, mask, exp_addr, exp_mask;
        char *error;

        assert_true(ipv6_parse(good[i].addr, &exp_addr));
        assert_true(ipv6_parse(good[i].mask, &exp_mask));
        error = ipv6_parse_masked(good[i].s, &addr, &mask);
        assert_null(error);
        assert_true(ipv6_addr_equals(&addr, &exp_addr));
        assert_true(ipv6_addr_equals(&mask, &exp_mask));
        ds_put_ipv6_masked(&ds, &addr, &mask);
        assert_string_equal(ds_cstr(&ds), good[i].formatted);
        ds_destroy(&ds);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct in6_addr addr, mask;
        char *error = ipv6_parse_masked(bad[i], &addr, &mask);

        assert_non_null(error);
        assert_true(ipv6_is_zero(&addr));
        assert_true(ipv6_is_zero(&mask));
        free(error);
    }
}

static void
test_ipv6_cidr(void **state OVS_UNUSED)
{
    for (int plen = 0; plen <= 128; plen++) {
        struct in6_addr mask = ipv6_create_mask(plen);

        assert_int_equal(ipv6_count_cidr_bits(&mask), plen);
        if (plen < 128) {
            /* Setting any bit past the prefix breaks contiguity, unless it
             * is the very next one. */
            for (int bit = plen + 1; bit < 128; bit++) {
                struct in6_addr m = mask;

                m.s6_addr[bit / 8] |= 0x80 >> (bit % 8);
                assert_int_equal(ipv6_count_cidr_bits(&m), -1);
            }
        }
    }
    {
        struct in6_addr ones = ipv6_create_mask(128);

        assert_true(ipv6_is_all_ones(&ones));
    }
}

/* Checksums. */

/* The classic IPv4 header example: checksum 0xb861. */
static const uint8_t ip_header_example[20] = {
    0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
    0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
};

static void
test_csum_known(void **state OVS_UNUSED)
{
    static const uint8_t rfc1071[8] = {
        0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7
    };
    static const uint8_t odd[3] = { 0x01, 0x02, 0x03 };
    uint8_t header[20];
    ovs_be16 sum;
    uint32_t partial;

    memcpy(header, ip_header_example, sizeof header);
    sum = csum(header, sizeof header);
    assert_int_equal(ntohs(sum), 0xb861);

    /* With the checksum in place, the checksum comes out zero. */
    memcpy(&header[10], &sum, 2);
    assert_int_equal(csum(header, sizeof header), 0);

    assert_int_equal(ntohs(csum(rfc1071, sizeof rfc1071)), 0x220d);
    assert_int_equal(ntohs(csum(odd, sizeof odd)), 0xfbfd);
    assert_int_equal(csum(NULL, 0), OVS_BE16_MAX);

    /* Pieces of even length then a last odd piece. */
    partial = csum_continue(0, ip_header_example, 8);
    partial = csum_continue(partial, ip_header_example + 8, 11);
    assert_int_equal(csum_finish(partial), csum(ip_header_example, 19));
}

static void
test_csum_incremental(void **state OVS_UNUSED)
{
    unsigned int seed = 4242;
    uint8_t header[20];

    memcpy(header, ip_header_example, sizeof header);
    for (int round = 0; round < 1000; round++) {
        ovs_be16 old_sum, new_sum, old16, new16;
        ovs_be32 old32, new32;
        int ofs16 = 2 * (rand_r(&seed) % 10);
        int ofs32 = 12 + 4 * (rand_r(&seed) % 2);

        if (ofs16 == 10) {
            ofs16 = 8;          /* Not the checksum field itself. */
        }
        memset(&header[10], 0, 2);
        old_sum = csum(header, sizeof header);

        memcpy(&old16, &header[ofs16], 2);
        new16 = rand_r(&seed);
        memcpy(&header[ofs16], &new16, 2);
        new_sum = recalc_csum16(old_sum, old16, new16);
        assert_int_equal(csum(header, sizeof header), new_sum);

        memcpy(&old32, &header[ofs32], 4);
        new32 = ((uint32_t) rand_r(&seed) << 16) ^ rand_r(&seed);
        memcpy(&header[ofs32], &new32, 4);
        new_sum = recalc_csum32(new_sum, old32, new32);
        assert_int_equal(csum(header, sizeof header), new_sum);
    }
}

static void
test_csum_ipv6_incremental(void **state OVS_UNUSED)
{
    struct in6_addr src, dst, new_dst;
    struct pkt_builder b;
    struct tcp_header *tcp;
    ovs_be16 old_sum, new_sum;

    assert_true(ipv6_parse("2001:db8::1", &src));
    assert_true(ipv6_parse("2001:db8::2", &dst));
    assert_true(ipv6_parse("fd00:1234:5678::abcd", &new_dst));

    pkt_builder_init(&b);
    pkt_put_eth(&b, ETH_ADDR_C(00, 00, 00, 00, 00, 02),
                ETH_ADDR_C(00, 00, 00, 00, 00, 01), ETH_TYPE_IPV6);
    pkt_put_ipv6(&b, IPPROTO_TCP, &src, &dst);
    pkt_put_tcp(&b, htons(1000), htons(80), TCP_SYN);
    pkt_put(&b, "payload", 7);
    pkt_builder_finish(&b);
    tcp = (struct tcp_header *) (b.data + b.l4_ofs);
    old_sum = tcp->tcp_csum;

    /* Rewriting the destination address updates the checksum through the
     * pseudo-header. */
    new_sum = recalc_csum128(old_sum, &dst, &new_dst);
    ((struct ipv6_header *) (b.data + b.l3_ofs))->ip6_dst = new_dst;
    pkt_builder_finish(&b);
    tcp = (struct tcp_header *) (b.data + b.l4_ofs);
    assert_int_equal(tcp->tcp_csum, new_sum);
    assert_int_not_equal(old_sum, new_sum);
    pkt_builder_uninit(&b);
}

static void
test_crc32c(void **state OVS_UNUSED)
{
    assert_int_equal(crc32c("123456789", 9), 0xe3069283);
    assert_int_equal(crc32c(NULL, 0), 0);
}

/* The packet builder. */

static const struct eth_addr mac1 = { { 0x00, 0x00, 0x00, 0x00, 0x00, 1 } };
static const struct eth_addr mac2 = { { 0x00, 0x00, 0x00, 0x00, 0x00, 2 } };

static void
test_builder_udp(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    const struct ip_header *ip;
    const struct udp_header *udp;

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac2, mac1, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_UDP, htonl(0x0a000001), htonl(0x0a000002));
    pkt_put_udp(&b, htons(1234), htons(5678));
    pkt_put(&b, "hello", 5);
    pkt_builder_finish(&b);

    assert_int_equal(b.size, ETH_HEADER_LEN + IP_HEADER_LEN
                     + UDP_HEADER_LEN + 5);
    ip = (const struct ip_header *) (b.data + ETH_HEADER_LEN);
    udp = (const struct udp_header *) (ip + 1);
    assert_int_equal(ip->ip_ihl_ver, 0x45);
    assert_int_equal(ntohs(ip->ip_tot_len), 33);
    assert_int_equal(ip->ip_ttl, 64);
    assert_int_equal(ntohs(ip->ip_csum), 0x66ca);
    assert_int_equal(csum(ip, IP_HEADER_LEN), 0);
    assert_int_equal(ntohs(udp->udp_len), 13);
    assert_int_equal(ntohs(udp->udp_csum), 0x8cff);
    pkt_builder_uninit(&b);
}

static void
test_builder_tcp(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    const struct tcp_header *tcp;

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac2, mac1, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_TCP, htonl(0x0a000001), htonl(0x0a000002));
    pkt_put_tcp(&b, htons(1000), htons(80), TCP_SYN);
    pkt_builder_finish(&b);

    tcp = (const struct tcp_header *) (b.data + ETH_HEADER_LEN
                                       + IP_HEADER_LEN);
    assert_int_equal(TCP_OFFSET(tcp->tcp_ctl), 5);
    assert_int_equal(TCP_FLAGS(tcp->tcp_ctl), TCP_SYN);
    assert_int_equal(ntohs(tcp->tcp_csum), 0x77a8);
    pkt_builder_uninit(&b);
}

static void
test_builder_icmp6(void **state OVS_UNUSED)
{
    struct in6_addr src, dst;
    struct pkt_builder b;
    const struct ipv6_header *ip6;
    const struct icmp6_header *icmp6;

    assert_true(ipv6_parse("fe80::1", &src));
    assert_true(ipv6_parse("fe80::2", &dst));
    pkt_builder_init(&b);
    pkt_put_eth(&b, mac2, mac1, ETH_TYPE_IPV6);
    pkt_put_ipv6(&b, IPPROTO_ICMPV6, &src, &dst);
    pkt_put_icmp6(&b, ICMP6_ECHO_REQUEST, 0);
    pkt_builder_finish(&b);

    ip6 = (const struct ipv6_header *) (b.data + ETH_HEADER_LEN);
    icmp6 = (const struct icmp6_header *) (ip6 + 1);
    assert_int_equal(ntohl(ip6->ip6_vtc_flow), 0x60000000);
    assert_int_equal(ntohs(ip6->ip6_payload_len), 8);
    assert_int_equal(ip6->ip6_hop_limit, 64);
    assert_int_equal(icmp6->icmp6_type, ICMP6_ECHO_REQUEST);
    assert_int_equal(ntohs(icmp6->icmp6_csum), 0x82b8);
    pkt_builder_uninit(&b);
}

static void
test_builder_sctp(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    struct sctp_header *sctp;
    uint32_t stored;

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac2, mac1, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_SCTP, htonl(0x0a000001), htonl(0x0a000002));
    pkt_put_sctp(&b, htons(5000), htons(6000));
    pkt_put_zeros(&b, 16);
    pkt_builder_finish(&b);

    sctp = (struct sctp_header *) (b.data + b.l4_ofs);
    stored = le32toh(sctp->sctp_csum);
    sctp->sctp_csum = 0;
    assert_int_equal(crc32c(sctp, b.size - b.l4_ofs), stored);
    pkt_builder_uninit(&b);
}

static void
test_builder_802_3(void **state OVS_UNUSED)
{
    struct pkt_builder b;
    const struct eth_header *eh;

    pkt_builder_init(&b);
    pkt_put_eth_802_3(&b, mac2, mac1);
    pkt_put_llc(&b, 0x42, 0x42, 0x03);
    pkt_put_zeros(&b, 35);
    pkt_builder_finish(&b);

    eh = (const struct eth_header *) b.data;
    assert_int_equal(ntohs(eh->eth_type), 38);
    assert_int_equal(b.size, ETH_HEADER_LEN + 38);
    pkt_builder_uninit(&b);
}

static void
test_builder_ipv4_options(void **state OVS_UNUSED)
{
    static const uint8_t options[8] = { 0x94, 0x04, 0, 0, 1, 1, 1, 0 };
    struct pkt_builder b;
    const struct ip_header *ip;

    pkt_builder_init(&b);
    pkt_put_eth(&b, mac2, mac1, ETH_TYPE_IP);
    pkt_put_ipv4(&b, IPPROTO_UDP, htonl(0x0a000001), htonl(0x0a000002));
    pkt_put_ipv4_options(&b, options, sizeof options);
    pkt_put_udp(&b, htons(1), htons(2));
    pkt_builder_finish(&b);

    ip = (const struct ip_header *) (b.data + ETH_HEADER_LEN);
    assert_int_equal(IP_IHL(ip->ip_ihl_ver), 7);
    assert_int_equal(ntohs(ip->ip_tot_len), 28 + UDP_HEADER_LEN);
    assert_int_equal(csum(ip, 28), 0);
    assert_int_equal(b.l4_ofs, ETH_HEADER_LEN + 28);
    pkt_builder_uninit(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eth_addr_parse_format),
        cmocka_unit_test(test_eth_addr_bad),
        cmocka_unit_test(test_eth_addr_masked),
        cmocka_unit_test(test_ip_parse_format),
        cmocka_unit_test(test_ip_parse_masked),
        cmocka_unit_test(test_ip_cidr),
        cmocka_unit_test(test_ipv6_parse_format),
        cmocka_unit_test(test_ipv6_parse_masked),
        cmocka_unit_test(test_ipv6_cidr),
        cmocka_unit_test(test_csum_known),
        cmocka_unit_test(test_csum_incremental),
        cmocka_unit_test(test_csum_ipv6_incremental),
        cmocka_unit_test(test_crc32c),
        cmocka_unit_test(test_builder_udp),
        cmocka_unit_test(test_builder_tcp),
        cmocka_unit_test(test_builder_icmp6),
        cmocka_unit_test(test_builder_sctp),
        cmocka_unit_test(test_builder_802_3),
        cmocka_unit_test(test_builder_ipv4_options),
    };

    set_program_name("test-packets");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
