/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for the field table (lib/ofp-fields.c) and the match codecs
 * (lib/ofp-match.c): NXM and OXM bytes as stock ovs-ofctl produces them,
 * every field through both encodings, the OpenFlow 1.0 wildcards, and
 * the errors a bad match must produce.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "match.h"
#include "ofp-fields.h"
#include "ofp-match.h"
#include "ofp-test-util.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

/* The match of stock "ovs-ofctl add-flow 'tun_id=0x5/0xff,reg3=7,in_port=1,
 * ipv6,ipv6_src=2001:db8::/32'" as NXM. */
#define STOCK_NXM \
    "000000020001" "0000060286dd" \
    "0001272020010db8000000000000000000000000" \
    "ffffffff000000000000000000000000" \
    "000121100000000000000005" "00000000000000ff" \
    "0001060400000007"

static void
build_stock_match(struct match *m)
{
    struct in6_addr a, mask;

    match_init_catchall(m);
    match_set_in_port_ofp(m, 1);
    match_set_dl_type(m, htons(ETH_TYPE_IPV6));
    assert_true(ipv6_parse("2001:db8::", &a));
    assert_true(ipv6_parse("ffff:ffff::", &mask));
    match_set_ipv6_src_masked(m, &a, &mask);
    match_set_tun_id_masked(m, htonll(5), htonll(0xff));
    match_set_reg(m, 3, 7);
}

static void
test_nxm_stock_bytes(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct match m, m2;
    ovs_be64 cookie, cookie_mask;

    build_stock_match(&m);
    nx_put_entries(&b, &m, false, 0, 0);
    ofp_test_assert_buf_hex(&b, STOCK_NXM);
    assert_int_equal(nx_pull_entries(b.data, b.size, &m2, &cookie,
                                     &cookie_mask), 0);
    assert_true(match_equal(&m, &m2));
    assert_int_equal(cookie_mask, 0);
    ofpbuf_uninit(&b);

    /* With a cookie entry. */
    nx_put_entries(&b, &m, false, htonll(0x12), htonll(0xff));
    assert_int_equal(nx_pull_entries(b.data, b.size, &m2, &cookie,
                                     &cookie_mask), 0);
    assert_int_equal(ntohll(cookie), 0x12);
    assert_int_equal(ntohll(cookie_mask), 0xff);
    /* ...which is an error where no cookie is expected. */
    assert_int_equal(nx_pull_entries(b.data, b.size, &m2, NULL, NULL),
                     OFPERR_OFPBMC_BAD_FIELD);
    ofpbuf_uninit(&b);
}

static void
test_oxm_stock_bytes(void **state OVS_UNUSED)
{
    /* Stock -O OpenFlow13 'tun_id=0x5,reg0=3,in_port=1,dl_vlan=10,arp,
     * arp_spa=1.2.3.4'. */
    static const char stock[] =
        "00010034" "8000000400000001" "80000a020806" "80000c02100a"
        "80002c0401020304" "80004c080000000000000005" "0001000400000003"
        "00000000";
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofp_cursor c;
    struct match m, m2;

    match_init_catchall(&m);
    match_set_tun_id(&m, htonll(5));
    match_set_reg(&m, 0, 3);
    match_set_in_port_ofp(&m, 1);
    match_set_vlan_vid(&m, 0, 10);
    match_set_dl_type(&m, htons(ETH_TYPE_ARP));
    match_set_nw_src(&m, htonl(0x01020304));
    oxm_put_match(&b, &m);
    ofp_test_assert_buf_hex(&b, stock);
    ofp_cursor_init(&c, b.data, b.size);
    assert_int_equal(oxm_pull_match(&c, &m2), 0);
    assert_int_equal(c.left, 0);
    assert_true(match_equal(&m, &m2));
    ofpbuf_uninit(&b);
}

/* Makes 'm' satisfy the prerequisites of 'mf'. */
static void
set_prereqs(const struct mf_field *mf, struct match *m)
{
    switch (mf->prereq) {
    case MFP_VLAN:
        match_set_vlan_vid(m, 0, 7);
        break;
    case MFP_ARP:
        match_set_dl_type(m, htons(ETH_TYPE_ARP));
        break;
    case MFP_IPV4:
    case MFP_IP_ANY:
        match_set_dl_type(m, htons(ETH_TYPE_IP));
        break;
    case MFP_IPV6:
        match_set_dl_type(m, htons(ETH_TYPE_IPV6));
        break;
    case MFP_TCP:
    case MFP_UDP:
    case MFP_SCTP:
    case MFP_ICMPV4:
        match_set_dl_type(m, htons(ETH_TYPE_IP));
        match_set_nw_proto(m, (mf->prereq == MFP_TCP ? IPPROTO_TCP
                               : mf->prereq == MFP_UDP ? IPPROTO_UDP
                               : mf->prereq == MFP_SCTP ? IPPROTO_SCTP
                               : IPPROTO_ICMP));
        break;
    case MFP_ICMPV6:
    case MFP_ND:
    case MFP_ND_SOLICIT:
    case MFP_ND_ADVERT:
        match_set_dl_type(m, htons(ETH_TYPE_IPV6));
        match_set_nw_proto(m, IPPROTO_ICMPV6);
        if (mf->prereq != MFP_ICMPV6) {
            match_set_icmp_type(m, mf->prereq == MFP_ND_ADVERT ? 136 : 135);
        }
        break;
    case MFP_NONE:
    default:
        break;
    }
}

static void
test_every_field_both_encodings(void **state OVS_UNUSED)
{
    int id, oxm;

    for (id = 0; id < MFF_N_IDS; id++) {
        const struct mf_field *mf = mf_from_id(id);

        assert_int_equal(mf->id, id);
        assert_ptr_equal(mf_from_name(mf->name), mf);
        if (mf->nxm_header) {
            assert_ptr_equal(mf_from_header(mf->nxm_header), mf);
        }
        if (mf->oxm_header) {
            assert_ptr_equal(mf_from_header(mf->oxm_header), mf);
        }
        for (oxm = 0; oxm < 2; oxm++) {
            struct ofpbuf b = OFPBUF_INITIALIZER;
            union mf_value v, got;
            struct match m, m2;
            unsigned int i;

            if (!(mf->formats & (oxm ? MF_FMT_OXM : MF_FMT_NXM))
                || id == MFF_IN_PORT_OXM || id == MFF_IN_PORT) {
                continue;
            }
            match_init_catchall(&m);
            set_prereqs(mf, &m);
            /* A value with the low bit of every byte set, trimmed to the
             * field's width. */
            memset(&v, 0, sizeof v);
            for (i = 0; i < mf->n_bytes; i++) {
                v.b[i] = 0x01;
            }
            if (id == MFF_VLAN_VID || id == MFF_VLAN_TCI) {
                v.b[0] = 0x10;
            } else if (id == MFF_IP_TOS) {
                v.b[0] = 0x04;
            } else if (id == MFF_ARP_OP || id == MFF_CT_STATE) {
                memset(v.b, 0, mf->n_bytes - 1);
            }
            for (i = 0; i < mf->n_bytes; i++) {
                unsigned int low = (mf->n_bytes - 1 - i) * 8;

                if (low >= mf->n_bits) {
                    v.b[i] = 0;
                } else if (mf->n_bits - low < 8) {
                    v.b[i] &= (1u << (mf->n_bits - low)) - 1;
                }
            }
            if (id == MFF_VLAN_VID) {
                v.b[0] = 0x10;
            }
            printf("# %s\n", mf->name);
            assert_true(mf_value_is_valid(mf, &v));
            mf_set_match(mf, &v, NULL, &m);
            nx_put_entries(&b, &m, oxm, 0, 0);
            printf("# %s %s\n", mf->name, oxm ? "oxm" : "nxm");
            assert_int_equal(nx_pull_entries(b.data, b.size, &m2, NULL,
                                             NULL), 0);
            assert_true(match_equal(&m, &m2));
            mf_get(mf, &m2.flow, &got);
            assert_memory_equal(got.b, v.b, mf->n_bytes);
            ofpbuf_uninit(&b);
        }
    }
    assert_null(mf_from_name("no_such_field"));
    assert_int_equal(mf_from_name("reg5")->nxm_header, 0x00010a04);
    assert_int_equal(mf_from_name("tun_id")->oxm_header, 0x80004c08);
}

static enum ofperr
pull_hex(const char *hex)
{
    struct match m;
    size_t len;
    uint8_t *p = ofp_test_hex(hex, &len);
    enum ofperr error = nx_pull_entries(p, len, &m, NULL, NULL);

    if (!error) {
        assert_true(match_is_normalized(&m));
    }
    free(p);
    return error;
}

static void
test_match_errors(void **state OVS_UNUSED)
{
    /* Good: ip, tcp, tcp_dst=80 in either order. */
    assert_int_equal(pull_hex("00000602080000000c01060000140200 50"), 0);
    assert_int_equal(pull_hex("00001402005000000c0106000006020800"), 0);
    /* tcp_dst without ip_proto. */
    assert_int_equal(pull_hex("000006020800" "000014020050"),
                     OFPERR_OFPBMC_BAD_PREREQ);
    /* The same field twice. */
    assert_int_equal(pull_hex("000006020800" "000006020800"),
                     OFPERR_OFPBMC_DUP_FIELD);
    /* A masked eth_type (not maskable). */
    assert_int_equal(pull_hex("00000704" "0800ffff"),
                     OFPERR_OFPBMC_BAD_MASK);
    /* Value bits outside the mask. */
    assert_int_equal(pull_hex("0000050c" "0a000001ffff" "ffffff000000"),
                     OFPERR_OFPBMC_BAD_WILDCARDS);
    /* Unknown field; experimenter class. */
    assert_int_equal(pull_hex("00007e0401020304"), OFPERR_OFPBMC_BAD_FIELD);
    assert_int_equal(pull_hex("ffff0004 00002320"), OFPERR_OFPBMC_BAD_FIELD);
    /* Length disagreeing with the field; entry running off the end;
     * zero-length entry; a partial header. */
    assert_int_equal(pull_hex("00000603080000"), OFPERR_OFPBMC_BAD_LEN);
    assert_int_equal(pull_hex("0000060208"), OFPERR_OFPBMC_BAD_LEN);
    assert_int_equal(pull_hex("00000600"), OFPERR_OFPBMC_BAD_LEN);
    assert_int_equal(pull_hex("000006"), OFPERR_OFPBMC_BAD_LEN);
    /* OXM in_port in the gap between 1.0 and 1.1+ port numbers. */
    assert_int_equal(pull_hex("8000000400ff0000"), OFPERR_OFPBMC_BAD_VALUE);
    /* nw_tos with ECN bits; vlan_pcp without a VLAN. */
    assert_int_equal(pull_hex("000006020800" "00000a0101"),
                     OFPERR_OFPBMC_BAD_VALUE);
    assert_int_equal(pull_hex("80000e0103"), OFPERR_OFPBMC_BAD_PREREQ);
    /* vlan_vid above 13 bits. */
    assert_int_equal(pull_hex("80000c022000"), OFPERR_OFPBMC_BAD_VALUE);
}

static void
test_of10_match(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct match m, m2;

    /* Stock 'in_port=1,ip,nw_src=10.0.0.0/8,tcp,tp_dst=80'. */
    match_init_catchall(&m);
    match_set_in_port_ofp(&m, 1);
    match_set_dl_type(&m, htons(ETH_TYPE_IP));
    match_set_nw_src_masked(&m, htonl(0x0a000000), htonl(0xff000000));
    match_set_nw_proto(&m, IPPROTO_TCP);
    match_set_tp_dst(&m, htons(80));
    ofp10_match_encode(&b, &m);
    ofp_test_assert_buf_hex(&b, "0038184e000100000000000000000000000000000000"
                            "0800000600000a0000000000000000000050");
    assert_int_equal(ofp10_match_decode(b.data, &m2), 0);
    assert_true(match_equal(&m, &m2));
    ofpbuf_uninit(&b);

    /* Catch-all, and "no VLAN". */
    match_init_catchall(&m);
    ofp10_match_encode(&b, &m);
    assert_int_equal(ofp_get32(b.data), 0x3820ff);
    ofpbuf_uninit(&b);
    match_set_vlan_tci(&m, 0, 0);
    ofp10_match_encode(&b, &m);
    assert_int_equal(ofp_get16((uint8_t *) b.data + 18), 0xffff);
    assert_int_equal(ofp10_match_decode(b.data, &m2), 0);
    assert_true(match_equal(&m, &m2));
    ofpbuf_uninit(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nxm_stock_bytes),
        cmocka_unit_test(test_oxm_stock_bytes),
        cmocka_unit_test(test_every_field_both_encodings),
        cmocka_unit_test(test_match_errors),
        cmocka_unit_test(test_of10_match),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
