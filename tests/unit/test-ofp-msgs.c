/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for the OpenFlow message codec (lib/ofp-msgs.c, ofp-flow.c,
 * ofp-stats.c, ofp-errors.c): messages captured from stock ovs-ofctl
 * decode and re-encode byte for byte; every sample our encoders build
 * decodes and re-encodes to itself; every prefix of each of them fails
 * cleanly; version negotiation and error numbering per version.
 *
 * "test-ofp-msgs --dump" prints each sample as "NAME HEX" instead, for
 * tests/interop/ofp-print.sh.
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
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-samples.h"
#include "ofp-test-util.h"
#include "ofpbuf.h"
#include "util.h"

static void
test_stock_fixtures_roundtrip(void **state OVS_UNUSED)
{
    size_t i;

    for (i = 0; i < ofp_n_stock_fixtures; i++) {
        struct ofpbuf out = OFPBUF_INITIALIZER;
        size_t len;
        uint8_t *msg = ofp_test_hex(ofp_stock_fixtures[i].hex, &len);
        enum ofperr error = ofp_sample_reencode(msg, len, &out);

        if (error) {
            printf("%s: %s\n", ofp_stock_fixtures[i].name,
                   ofperr_get_name(error));
        }
        assert_int_equal(error, 0);
        printf("# %s\n", ofp_stock_fixtures[i].name);
        ofp_test_assert_bytes(out.data, out.size, msg, len);
        ofpbuf_uninit(&out);
        free(msg);
    }
}

static void
test_samples_roundtrip(void **state OVS_UNUSED)
{
    struct ofp_sample *s;
    size_t n, i;

    s = ofp_samples_build(&n);
    assert_true(n > 40);
    for (i = 0; i < n; i++) {
        struct ofpbuf out = OFPBUF_INITIALIZER;
        uint8_t *copy = xmemdup(s[i].msg->data, s[i].msg->size);
        enum ofperr error = ofp_sample_reencode(copy, s[i].msg->size, &out);

        printf("# %s\n", s[i].name);
        assert_int_equal(error, 0);
        ofp_test_assert_bytes(out.data, out.size, copy, s[i].msg->size);
        ofpbuf_uninit(&out);
        free(copy);
    }
    ofp_samples_free(s, n);
}

/* Every prefix of 'msg' must fail, both as is (the length field then
 * disagrees) and with the length field adjusted to the prefix (so that
 * the body decoders see the short body); each prefix sits in a buffer of
 * exactly its size. */
static void
check_prefixes(const char *name, const uint8_t *msg, size_t len)
{
    size_t n;

    for (n = 0; n < len; n++) {
        struct ofpbuf out = OFPBUF_INITIALIZER;
        uint8_t *p = xmalloc(n ? n : 1);
        enum ofperr error;

        memcpy(p, msg, n);
        error = ofp_sample_reencode(p, n, &out);
        if (!error) {
            printf("%s: prefix %zu accepted\n", name, n);
        }
        assert_true(ofperr_is_valid(error));
        if (n >= 4) {
            ofpbuf_clear(&out);
            ofp_set16(p + 2, n);
            error = ofp_sample_reencode(p, n, &out);
            if (!error) {
                /* A shorter list of actions or entries can be valid; then
                 * its encoding must decode again. */
                struct ofpbuf again = OFPBUF_INITIALIZER;

                assert_int_equal(ofp_sample_reencode(out.data, out.size,
                                                     &again), 0);
                ofpbuf_uninit(&again);
            }
        }
        ofpbuf_uninit(&out);
        free(p);
    }
}

static void
test_truncation(void **state OVS_UNUSED)
{
    struct ofp_sample *s;
    size_t n, i;

    for (i = 0; i < ofp_n_stock_fixtures; i++) {
        size_t len;
        uint8_t *msg = ofp_test_hex(ofp_stock_fixtures[i].hex, &len);

        check_prefixes(ofp_stock_fixtures[i].name, msg, len);
        free(msg);
    }
    s = ofp_samples_build(&n);
    for (i = 0; i < n; i++) {
        check_prefixes(s[i].name, s[i].msg->data, s[i].msg->size);
    }
    ofp_samples_free(s, n);
}

static uint32_t
hello_versions(const char *hex)
{
    size_t len;
    uint8_t *msg = ofp_test_hex(hex, &len);
    uint32_t versions = 0;

    assert_int_equal(ofp_decode_hello(msg, len, &versions), 0);
    free(msg);
    return versions;
}

static void
test_hello_negotiation(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    uint32_t ours = OFP_SUPPORTED_VERSIONS;

    /* OpenFlow 1.0 peer, no bitmap: versions up to 1.0. */
    assert_int_equal(hello_versions("0100000800000001"), 0x2);
    assert_int_equal(ofp_negotiate_version(ours, 0x2), OFP10_VERSION);
    /* Stock "-O OpenFlow13": bitmap 1 << 4. */
    assert_int_equal(hello_versions("04000010000000010001000800000010"),
                     0x10);
    assert_int_equal(ofp_negotiate_version(ours, 0x10), OFP13_VERSION);
    /* A 1.5 peer without bitmap: up to 1.5, so 1.3 is common. */
    assert_int_equal(hello_versions("0600000800000001"), 0x7e);
    assert_int_equal(ofp_negotiate_version(ours, 0x7e), OFP13_VERSION);
    /* Only 1.1 and 1.2 in common: nothing. */
    assert_int_equal(hello_versions("04000010000000010001000800000004"
                                    ), 0x4);
    assert_int_equal(ofp_negotiate_version(ours, 0xc), 0);
    /* Unknown elements are skipped; a short one is an error. */
    assert_int_equal(hello_versions("040000180000000100070008aaaaaaaa"
                                    "0001000800000012"), 0x12);
    {
        size_t len;
        uint8_t *msg = ofp_test_hex("0400000e000000010001000a0000", &len);
        uint32_t v;

        assert_int_equal(ofp_decode_hello(msg, len, &v),
                         OFPERR_OFPBRC_BAD_LEN);
        free(msg);
    }

    ofp_encode_hello(&b, ours, 7);
    ofp_test_assert_buf_hex(&b, "04000010000000070001000800000012");
    ofpbuf_uninit(&b);

    /* The HELLO_FAILED reply. */
    ofp_encode_error(&b, OFPERR_OFPHFC_INCOMPATIBLE, OFP10_VERSION, 7,
                     "x", 1);
    ofp_test_assert_buf_hex(&b, "0101000d000000070000000078");
    ofpbuf_uninit(&b);
}

static void
test_error_numbering(void **state OVS_UNUSED)
{
    static const uint8_t req[] = { 1, 14, 0, 8, 0, 0, 0, 9 };
    struct ofp_error_msg em;
    struct ofpbuf b = OFPBUF_INITIALIZER;

    /* A match error has no OpenFlow 1.0 code: Nicira vendor error. */
    ofp_encode_error(&b, OFPERR_OFPBMC_BAD_PREREQ, OFP10_VERSION, 9, req,
                     sizeof req);
    ofp_test_assert_buf_hex(&b, "0101001c00000009b0c2000000002320"
                            "00010104010e000800000009");
    assert_int_equal(ofp_decode_error(b.data, b.size, &em), 0);
    assert_int_equal(em.error, OFPERR_OFPBMC_BAD_PREREQ);
    assert_int_equal(em.data_len, sizeof req);
    ofpbuf_uninit(&b);

    ofp_encode_error(&b, OFPERR_OFPBMC_BAD_PREREQ, OFP13_VERSION, 9, req,
                     sizeof req);
    ofp_test_assert_buf_hex(&b, "0401001400000009" "00040009"
                            "010e000800000009");
    assert_int_equal(ofp_decode_error(b.data, b.size, &em), 0);
    assert_int_equal(em.error, OFPERR_OFPBMC_BAD_PREREQ);
    ofpbuf_uninit(&b);

    /* Flow-mod failures are numbered differently in the two versions. */
    ofp_encode_error(&b, OFPERR_OFPFMFC_BAD_COMMAND, OFP10_VERSION, 1, req,
                     0);
    ofp_test_assert_buf_hex(&b, "0101000c0000000100030004");
    ofpbuf_uninit(&b);
    ofp_encode_error(&b, OFPERR_OFPFMFC_BAD_COMMAND, OFP13_VERSION, 1, req,
                     0);
    ofp_test_assert_buf_hex(&b, "0401000c0000000100050006");
    ofpbuf_uninit(&b);

    /* 1.3-only errors fall back in 1.0. */
    ofp_encode_error(&b, OFPERR_OFPBRC_BAD_TABLE_ID, OFP10_VERSION, 1, req,
                     0);
    ofp_test_assert_buf_hex(&b, "0101000c0000000100010005");
    ofpbuf_uninit(&b);

    assert_string_equal(ofperr_get_name(OFPERR_OFPBIC_UNSUP_INST),
                        "OFPBIC_UNSUP_INST");
    assert_int_equal(ofperr_from_name("OFPBAC_BAD_LEN"),
                     OFPERR_OFPBAC_BAD_LEN);
    assert_false(ofperr_is_valid(0));
    assert_false(ofperr_is_valid(22));
}

static enum ofperr
decode_hex(const char *hex)
{
    struct ofpbuf out = OFPBUF_INITIALIZER;
    size_t len;
    uint8_t *msg = ofp_test_hex(hex, &len);
    enum ofperr error = ofp_sample_reencode(msg, len, &out);

    ofpbuf_uninit(&out);
    free(msg);
    return error;
}

static void
test_bad_messages(void **state OVS_UNUSED)
{
    /* Header: wrong version, type, vendor, subtype, statistics. */
    assert_int_equal(decode_hex("0205000800000001"),
                     OFPERR_OFPBRC_BAD_VERSION);
    assert_int_equal(decode_hex("0163000800000001"), OFPERR_OFPBRC_BAD_TYPE);
    assert_int_equal(decode_hex("0104001000000001000023210000000c"),
                     OFPERR_OFPBRC_BAD_VENDOR);
    assert_int_equal(decode_hex("0104001000000001000023200000007f"),
                     OFPERR_OFPBRC_BAD_SUBTYPE);
    assert_int_equal(decode_hex("041e000800000001"), OFPERR_OFPBRC_BAD_TYPE);
    assert_int_equal(decode_hex("0412001000000001006300000000 0000"),
                     OFPERR_OFPBRC_BAD_STAT);
    assert_int_equal(decode_hex("0105000900000001 00"),
                     OFPERR_OFPBRC_BAD_LEN);

    /* OpenFlow 1.3 flow_mod: bad command, add to table 0xff, meter. */
    assert_int_equal(decode_hex("040e003800000006" "0000000000000000"
                                "0000000000000000" "0009000000008000"
                                "ffffffffffffffffffffffff00000000"
                                "0001000400000000"),
                     OFPERR_OFPFMFC_BAD_COMMAND);
    assert_int_equal(decode_hex("040e003800000006" "0000000000000000"
                                "0000000000000000" "ff00000000008000"
                                "ffffffffffffffffffffffff00000000"
                                "0001000400000000"),
                     OFPERR_OFPFMFC_BAD_TABLE_ID);
    assert_int_equal(decode_hex("040e004000000006" "0000000000000000"
                                "0000000000000000" "0000000000008000"
                                "ffffffffffffffffffffffff00000000"
                                "0001000400000000" "0006000800000001"),
                     OFPERR_OFPBIC_UNSUP_INST);
    /* Nonzero padding after the flags. */
    assert_int_equal(decode_hex("040e003800000006" "0000000000000000"
                                "0000000000000000" "0000000000008000"
                                "ffffffffffffffffffffffff00000001"
                                "0001000400000000"),
                     OFPERR_OFPBRC_BAD_LEN);
    /* Set-flow-format to an unknown format. */
    assert_int_equal(decode_hex("0104001400000006000023200000000c00000007"),
                     OFPERR_OFPBRC_EPERM);
}

static void
test_flow_mod_of13_fields(void **state OVS_UNUSED)
{
    const struct ofp_fixture *fx = NULL;
    struct ofp_flow_mod fm;
    enum ofp_protocol proto;
    size_t i, len;
    uint8_t *msg;

    for (i = 0; i < ofp_n_stock_fixtures; i++) {
        if (!strcmp(ofp_stock_fixtures[i].name, "flow-mod-of13")) {
            fx = &ofp_stock_fixtures[i];
        }
    }
    assert_non_null(fx);
    msg = ofp_test_hex(fx->hex, &len);
    ofp_flow_mod_init(&fm);
    assert_int_equal(ofp_decode_flow_mod(msg, len, false, &fm, &proto), 0);
    assert_int_equal(proto, OFP_PROTO_OF13);
    assert_int_equal(fm.command, OFPFC_ADD);
    assert_int_equal(fm.table_id, 1);
    assert_int_equal(fm.new_cookie, 0x99);
    assert_int_equal(fm.priority, 200);
    assert_int_equal(fm.idle_timeout, 10);
    assert_int_equal(fm.flags, OFPFF_SEND_FLOW_REM);
    assert_int_equal(fm.out_port, OFPP_NONE);
    assert_int_equal(fm.match.flow.in_port.ofp_port, 1);
    assert_int_equal(fm.match.flow.regs[0], 3);
    assert_int_equal(ntohll(fm.match.flow.tunnel.tun_id), 5);
    assert_int_equal(ntohs(fm.match.flow.vlans[0].tci), 0x100a);
    assert_int_equal(ntohs(fm.match.wc.masks.vlans[0].tci), 0x1fff);
    assert_int_equal(ntohl(fm.match.flow.nw_src), 0x01020304);
    assert_int_equal(fm.ofpacts.n, 5);
    assert_int_equal(fm.ofpacts.acts[0].type, OFPACT_PUSH_VLAN);
    assert_int_equal(fm.ofpacts.acts[0].u16, 0x8100);
    assert_int_equal(fm.ofpacts.acts[1].type, OFPACT_SET_FIELD);
    assert_int_equal(fm.ofpacts.acts[1].set_field.field->id, MFF_VLAN_VID);
    assert_int_equal(fm.ofpacts.acts[2].type, OFPACT_GROUP);
    assert_int_equal(fm.ofpacts.acts[2].u32, 3);
    assert_int_equal(fm.ofpacts.acts[3].type, OFPACT_SET_QUEUE);
    assert_int_equal(fm.ofpacts.acts[4].type, OFPACT_GOTO_TABLE);
    assert_int_equal(fm.ofpacts.acts[4].u8, 3);
    assert_true(match_is_normalized(&fm.match));
    ofp_flow_mod_uninit(&fm);
    free(msg);
}

static int
dump_samples(void)
{
    struct ofp_sample *s;
    size_t n, i;

    s = ofp_samples_build(&n);
    for (i = 0; i < n; i++) {
        printf("%s ", s[i].name);
        ofp_test_print_hex(s[i].msg->data, s[i].msg->size);
    }
    ofp_samples_free(s, n);
    return 0;
}

int
main(int argc, char *argv[])
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stock_fixtures_roundtrip),
        cmocka_unit_test(test_samples_roundtrip),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_hello_negotiation),
        cmocka_unit_test(test_error_numbering),
        cmocka_unit_test(test_bad_messages),
        cmocka_unit_test(test_flow_mod_of13_fields),
    };

    if (argc > 1 && !strcmp(argv[1], "--dump")) {
        return dump_samples();
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
