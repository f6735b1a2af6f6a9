/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/ofp-actions.c: the Nicira and OpenFlow 1.0 actions
 * stock ovs-ofctl sends, each OpenFlow 1.3 action and instruction through
 * encode and decode, and the error for each kind of malformed action.
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

#include "ofp-actions.h"
#include "ofp-test-util.h"
#include "ofpbuf.h"
#include "util.h"

/* The actions of stock "ovs-ofctl add-flow ... actions=resubmit(,2),
 * set_field:0x1234->reg1,load:0x5->NXM_NX_REG2[0..7],
 * move:NXM_NX_REG0[]->NXM_NX_REG4[],dec_ttl,note:01.02.03,
 * output:NXM_NX_REG5[],controller(max_len=100)" in OpenFlow 1.0. */
#define STOCK_NX_ACTIONS \
    "ffff001000002320000efff802000000" \
    "ffff0018000023200007001f000102040000000000001234" \
    "ffff00180000232000070007000104040000000000000005" \
    "ffff00180000232000060020000000000001000400010804" \
    "ffff0010000023200012000000000000" \
    "ffff0010000023200008010203000000" \
    "ffff001800002320000f001f00010a04ffff000000000000" \
    "00000008fffd0064"

static void
test_stock_nicira_actions(void **state OVS_UNUSED)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofpacts o = OFPACTS_INITIALIZER;
    size_t len;
    uint8_t *p = ofp_test_hex(STOCK_NX_ACTIONS, &len);
    const struct ofpact *a;

    assert_int_equal(ofpacts_decode_of10(p, len, &o), 0);
    assert_int_equal(o.n, 8);
    a = o.acts;
    assert_int_equal(a[0].type, OFPACT_RESUBMIT);
    assert_int_equal(a[0].resubmit.in_port, OFPP_IN_PORT);
    assert_int_equal(a[0].resubmit.table, 2);
    assert_int_equal(a[1].type, OFPACT_SET_FIELD);
    assert_int_equal(a[1].set_field.field->id, MFF_REG0 + 1);
    assert_int_equal(ofp_get32(a[1].set_field.value.b), 0x1234);
    assert_int_equal(ofp_get32(a[2].set_field.mask.b), 0xff);
    assert_int_equal(a[3].type, OFPACT_REG_MOVE);
    assert_int_equal(a[3].reg_move.src.n_bits, 32);
    assert_int_equal(a[3].reg_move.dst.field->id, MFF_REG0 + 4);
    assert_int_equal(a[4].type, OFPACT_DEC_TTL);
    assert_int_equal(a[5].type, OFPACT_NOTE);
    assert_int_equal(a[5].note.len, 6);
    assert_int_equal(a[6].type, OFPACT_OUTPUT_REG);
    assert_int_equal(a[6].output_reg.src.field->id, MFF_REG0 + 5);
    assert_int_equal(a[7].type, OFPACT_OUTPUT);
    assert_int_equal(a[7].output.port, OFPP_CONTROLLER);
    assert_int_equal(a[7].output.max_len, 100);
    ofpacts_encode_of10(&o, &b);
    ofp_test_assert_bytes(b.data, b.size, p, len);
    ofpbuf_uninit(&b);
    ofpacts_uninit(&o);
    free(p);
}

static void
build_of13_actions(struct ofpacts *o)
{
    struct ofpact *a;

    ofpacts_put(o, OFPACT_OUTPUT)->output.port = 5;
    ofpacts_put(o, OFPACT_COPY_TTL_OUT);
    ofpacts_put(o, OFPACT_COPY_TTL_IN);
    ofpacts_put(o, OFPACT_SET_MPLS_TTL)->u8 = 9;
    ofpacts_put(o, OFPACT_DEC_MPLS_TTL);
    ofpacts_put(o, OFPACT_PUSH_VLAN)->u16 = ETH_TYPE_VLAN_8021AD;
    ofpacts_put(o, OFPACT_STRIP_VLAN);
    ofpacts_put(o, OFPACT_PUSH_MPLS)->u16 = ETH_TYPE_MPLS;
    ofpacts_put(o, OFPACT_POP_MPLS)->u16 = ETH_TYPE_IP;
    ofpacts_put(o, OFPACT_SET_QUEUE)->u32 = 4;
    ofpacts_put(o, OFPACT_GROUP)->u32 = 8;
    ofpacts_put(o, OFPACT_SET_IP_TTL)->u8 = 3;
    ofpacts_put(o, OFPACT_DEC_TTL);
    a = ofpacts_put(o, OFPACT_SET_FIELD);
    a->set_field.field = mf_from_id(MFF_IPV6_DST);
    memset(a->set_field.value.b, 0x20, 16);
    memset(a->set_field.mask.b, 0xff, 16);
    a = ofpacts_put(o, OFPACT_RESUBMIT);
    a->resubmit.in_port = OFPP_IN_PORT;
    a->resubmit.table = 0xff;
    a = ofpacts_put(o, OFPACT_SET_TUNNEL);
    a->tunnel.tun_id = 0x123456789ULL;
    a->tunnel.tunnel64 = true;
    a = ofpacts_put(o, OFPACT_CONTROLLER);
    a->controller.max_len = 128;
    a->controller.reason = 1;
}

static void
test_of13_roundtrip(void **state OVS_UNUSED)
{
    struct ofpacts o = OFPACTS_INITIALIZER, o2 = OFPACTS_INITIALIZER;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct ofpact *a;

    build_of13_actions(&o);
    /* Instructions: clear, write-actions with two actions, metadata,
     * goto. */
    ofpacts_put(&o, OFPACT_CLEAR_ACTIONS);
    ofpacts_put(&o, OFPACT_WRITE_ACTIONS)->n_nested = 2;
    ofpacts_put(&o, OFPACT_SET_QUEUE)->u32 = 1;
    ofpacts_put(&o, OFPACT_OUTPUT)->output.port = OFPP_LOCAL;
    a = ofpacts_put(&o, OFPACT_WRITE_METADATA);
    a->write_metadata.metadata = 0xf0;
    a->write_metadata.mask = 0xff;
    ofpacts_put(&o, OFPACT_GOTO_TABLE)->u8 = 7;

    ofpinsts_encode_of13(&o, &b);
    assert_int_equal(ofpinsts_decode_of13(b.data, b.size, &o2), 0);
    assert_int_equal(o2.n, o.n);
    assert_true(ofpacts_equal(&o, &o2));
    ofpbuf_uninit(&b);
    ofpacts_uninit(&o);
    ofpacts_uninit(&o2);
}

static void
test_of10_conversions(void **state OVS_UNUSED)
{
    struct ofpacts o = OFPACTS_INITIALIZER;
    struct ofpbuf b = OFPBUF_INITIALIZER;

    /* OpenFlow 1.0 set_vlan_vid and mod_nw_tos become set_field in 1.3. */
    ofpacts_put(&o, OFPACT_SET_VLAN_VID)->u16 = 10;
    ofpacts_put(&o, OFPACT_SET_IP_TOS)->u8 = 0x20;
    ofpacts_encode_of13(&o, 0, o.n, &b);
    ofp_test_assert_buf_hex(&b, "00190010" "80000c02100a" "000000000000"
                            "00190010" "8000100108" "00000000000000");
    ofpbuf_uninit(&b);
    ofpacts_encode_of10(&o, &b);
    ofp_test_assert_buf_hex(&b, "00010008000a0000" "0008000820000000");
    ofpbuf_uninit(&b);
    ofpacts_uninit(&o);
}

static enum ofperr
decode10(const char *hex)
{
    struct ofpacts o = OFPACTS_INITIALIZER;
    size_t len;
    uint8_t *p = ofp_test_hex(hex, &len);
    enum ofperr error = ofpacts_decode_of10(p, len, &o);

    ofpacts_uninit(&o);
    free(p);
    return error;
}

static enum ofperr
decode13(const char *hex, bool insts)
{
    struct ofpacts o = OFPACTS_INITIALIZER;
    size_t len;
    uint8_t *p = ofp_test_hex(hex, &len);
    enum ofperr error = (insts ? ofpinsts_decode_of13(p, len, &o)
                         : ofpacts_decode_of13(p, len, &o));

    ofpacts_uninit(&o);
    free(p);
    return error;
}

static void
test_action_errors(void **state OVS_UNUSED)
{
    assert_int_equal(decode10("0000000800020000"), 0);
    /* Wrong length for output; length not a multiple of 8; past the
     * end. */
    assert_int_equal(decode10("0000001000020000 0000000000000000"),
                     OFPERR_OFPBAC_BAD_LEN);
    assert_int_equal(decode10("0000000c00020000 00000000"),
                     OFPERR_OFPBAC_BAD_LEN);
    assert_int_equal(decode10("0000001000020000"), OFPERR_OFPBAC_BAD_LEN);
    /* Unknown type, vendor, Nicira subtype. */
    assert_int_equal(decode10("0063000800000000"), OFPERR_OFPBAC_BAD_TYPE);
    assert_int_equal(decode10("ffff001000002321 0001000000000000"),
                     OFPERR_OFPBAC_BAD_VENDOR);
    assert_int_equal(decode10("ffff001000002320 00ff000000000000"),
                     OFPERR_OFPBAC_BAD_VENDOR_TYPE);
    /* Output to port 0; nonzero padding; VID too big. */
    assert_int_equal(decode10("0000000800000000"),
                     OFPERR_OFPBAC_BAD_OUT_PORT);
    assert_int_equal(decode10("0003000800000001"),
                     OFPERR_NXBAC_MUST_BE_ZERO);
    assert_int_equal(decode10("000100081000 0000"),
                     OFPERR_OFPBAC_BAD_ARGUMENT);
    /* reg_load: value wider than n_bits; unknown field. */
    assert_int_equal(decode10("ffff001800002320 0007 0007 00010204"
                              "0000000000000100"),
                     OFPERR_OFPBAC_BAD_ARGUMENT);
    assert_int_equal(decode10("ffff001800002320 0007 0007 00017e04"
                              "0000000000000001"),
                     OFPERR_OFPBAC_BAD_ARGUMENT);
    /* set_field: read-only field, masked, wrong length. */
    assert_int_equal(decode13("00190010 80000a02 0800 000000000000", false),
                     OFPERR_OFPBAC_BAD_SET_TYPE);
    assert_int_equal(decode13("00190010 80000d04 1005 1fff 00000000", false),
                     OFPERR_OFPBAC_BAD_SET_TYPE);
    assert_int_equal(decode13("00190010 80000c03 100500 0000000000", false),
                     OFPERR_OFPBAC_BAD_SET_LEN);
    /* push_vlan with a non-VLAN ethertype. */
    assert_int_equal(decode13("0011000808000000", false),
                     OFPERR_OFPBAC_BAD_ARGUMENT);
    /* Instructions: meter, unknown, duplicate, bad length. */
    assert_int_equal(decode13("0006000800000001", true),
                     OFPERR_OFPBIC_UNSUP_INST);
    assert_int_equal(decode13("0009000800000000", true),
                     OFPERR_OFPBIC_UNKNOWN_INST);
    assert_int_equal(decode13("0005000800000000 0005000800000000", true),
                     OFPERR_OFPBIC_UNSUP_INST);
    assert_int_equal(decode13("0001001000000000 0000000000000000", true),
                     OFPERR_OFPBIC_BAD_LEN);
    assert_int_equal(decode13("00010008", true), OFPERR_OFPBIC_BAD_LEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stock_nicira_actions),
        cmocka_unit_test(test_of13_roundtrip),
        cmocka_unit_test(test_of10_conversions),
        cmocka_unit_test(test_action_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
