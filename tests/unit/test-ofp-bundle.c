/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for lib/ofp-bundle.c: the OpenFlow 1.3 ONF bundle messages,
 * byte for byte, both directions, and their errors (ofp-errors.c). */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ofp-bundle.h"
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "util.h"

/* OPEN_REQUEST, bundle 0x01020304, ATOMIC|ORDERED, xid 0x11, as stock
 * "ovs-ofctl --bundle -O OpenFlow13" sends it. */
static const uint8_t open_request[] = {
    0x04, 0x04, 0x00, 0x18, 0x00, 0x00, 0x00, 0x11,
    0x4f, 0x4e, 0x46, 0x00, 0x00, 0x00, 0x08, 0xfc,
    0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x03,
};

/* BUNDLE_ADD_MESSAGE, bundle 1, ATOMIC, carrying a BARRIER_REQUEST with
 * xid 0x22. */
static const uint8_t add_barrier[] = {
    0x04, 0x04, 0x00, 0x20, 0x00, 0x00, 0x00, 0x22,
    0x4f, 0x4e, 0x46, 0x00, 0x00, 0x00, 0x08, 0xfd,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x04, 0x14, 0x00, 0x08, 0x00, 0x00, 0x00, 0x22,
};

static void
test_ctrl_encode(void **state OVS_UNUSED)
{
    struct ofp_bundle_ctrl bc = { 0x01020304, OFPBCT_OPEN_REQUEST,
                                  OFPBF_ATOMIC | OFPBF_ORDERED };
    struct ofpbuf b;

    ofpbuf_init(&b);
    ofp_encode_bundle_ctrl(&b, &bc, OFP13_VERSION, 0x11);
    assert_int_equal(b.size, sizeof open_request);
    assert_memory_equal(b.data, open_request, sizeof open_request);
    ofpbuf_uninit(&b);
}

static void
test_ctrl_decode(void **state OVS_UNUSED)
{
    struct ofp_msg_info info;
    struct ofp_bundle_ctrl bc;
    uint8_t m[sizeof open_request + 8];

    assert_int_equal(ofptype_decode(open_request, sizeof open_request,
                                    &info), 0);
    assert_int_equal(info.type, OFPTYPE_BUNDLE_CONTROL);
    assert_false(info.nicira);
    assert_string_equal(ofptype_name(info.type), "ONFT_BUNDLE_CONTROL");

    assert_int_equal(ofp_decode_bundle_ctrl(open_request,
                                            sizeof open_request, &bc), 0);
    assert_int_equal(bc.bundle_id, 0x01020304);
    assert_int_equal(bc.type, OFPBCT_OPEN_REQUEST);
    assert_int_equal(bc.flags, OFPBF_ATOMIC | OFPBF_ORDERED);
    assert_string_equal(ofp_bundle_ctrl_type_name(bc.type), "OPEN_REQUEST");

    /* Every type round-trips. */
    for (bc.type = 0; bc.type <= OFPBCT_DISCARD_REPLY; bc.type++) {
        struct ofp_bundle_ctrl out;
        struct ofpbuf b;

        ofpbuf_init(&b);
        ofp_encode_bundle_ctrl(&b, &bc, OFP13_VERSION, 5);
        assert_int_equal(ofp_decode_bundle_ctrl(b.data, b.size, &out), 0);
        assert_int_equal(out.type, bc.type);
        assert_int_equal(out.bundle_id, bc.bundle_id);
        ofpbuf_uninit(&b);
    }

    /* Short body. */
    memcpy(m, open_request, sizeof open_request);
    m[3] = 20;
    assert_int_equal(ofp_decode_bundle_ctrl(m, 20, &bc),
                     OFPERR_OFPBRC_BAD_LEN);
    /* Unknown type, unknown flags. */
    memcpy(m, open_request, sizeof open_request);
    m[21] = 8;
    assert_int_equal(ofp_decode_bundle_ctrl(m, sizeof open_request, &bc),
                     OFPERR_OFPBFC_BAD_TYPE);
    memcpy(m, open_request, sizeof open_request);
    m[23] = 4;
    assert_int_equal(ofp_decode_bundle_ctrl(m, sizeof open_request, &bc),
                     OFPERR_OFPBFC_BAD_FLAGS);
    /* A property is accepted (and ignored); a truncated one is not. */
    memcpy(m, open_request, sizeof open_request);
    memset(m + sizeof open_request, 0, 8);
    m[3] = sizeof m;
    m[sizeof open_request + 1] = 0xff;
    m[sizeof open_request + 3] = 8;
    assert_int_equal(ofp_decode_bundle_ctrl(m, sizeof m, &bc), 0);
    m[sizeof open_request + 3] = 12;
    assert_int_equal(ofp_decode_bundle_ctrl(m, sizeof m, &bc),
                     OFPERR_OFPBRC_BAD_LEN);
    /* Unknown ONF subtype, and the ONF id in OpenFlow 1.0. */
    memcpy(m, open_request, sizeof open_request);
    m[15] = 0xfe;
    assert_int_equal(ofptype_decode(m, sizeof open_request, &info),
                     OFPERR_OFPBRC_BAD_SUBTYPE);
    memcpy(m, open_request, sizeof open_request);
    m[0] = OFP10_VERSION;
    assert_int_equal(ofptype_decode(m, sizeof open_request, &info),
                     OFPERR_OFPBRC_BAD_VENDOR);
}

static void
test_add_encode_decode(void **state OVS_UNUSED)
{
    static const uint8_t barrier[8] = { 4, 20, 0, 8, 0, 0, 0, 0x22 };
    struct ofp_bundle_add ba;
    struct ofp_msg_info info;
    struct ofpbuf b;

    ofpbuf_init(&b);
    ofp_encode_bundle_add(&b, 1, OFPBF_ATOMIC, barrier, sizeof barrier);
    assert_int_equal(b.size, sizeof add_barrier);
    assert_memory_equal(b.data, add_barrier, sizeof add_barrier);
    ofpbuf_uninit(&b);

    assert_int_equal(ofptype_decode(add_barrier, sizeof add_barrier, &info),
                     0);
    assert_int_equal(info.type, OFPTYPE_BUNDLE_ADD_MESSAGE);
    assert_int_equal(ofp_decode_bundle_add(add_barrier, sizeof add_barrier,
                                           &ba), 0);
    assert_int_equal(ba.bundle_id, 1);
    assert_int_equal(ba.flags, OFPBF_ATOMIC);
    assert_int_equal(ba.msg_len, 8);
    assert_ptr_equal(ba.msg, add_barrier + 24);
}

static void
test_add_errors(void **state OVS_UNUSED)
{
    uint8_t m[sizeof add_barrier + 16];
    struct ofp_bundle_add ba;

    /* Inner length beyond the outer message, and below 8. */
    memcpy(m, add_barrier, sizeof add_barrier);
    m[27] = 16;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier, &ba),
                     OFPERR_OFPBFC_MSG_BAD_LEN);
    m[27] = 4;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier, &ba),
                     OFPERR_OFPBFC_MSG_BAD_LEN);
    /* No room for an inner header. */
    memcpy(m, add_barrier, sizeof add_barrier);
    m[3] = 28;
    assert_int_equal(ofp_decode_bundle_add(m, 28, &ba),
                     OFPERR_OFPBFC_MSG_BAD_LEN);
    /* Inner xid or version differ. */
    memcpy(m, add_barrier, sizeof add_barrier);
    m[31] = 0x23;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier, &ba),
                     OFPERR_OFPBFC_MSG_BAD_XID);
    memcpy(m, add_barrier, sizeof add_barrier);
    m[24] = OFP10_VERSION;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier, &ba),
                     OFPERR_OFPBRC_BAD_VERSION);
    /* Unknown flags. */
    memcpy(m, add_barrier, sizeof add_barrier);
    m[23] = 0x10;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier, &ba),
                     OFPERR_OFPBFC_BAD_FLAGS);
    /* Properties after the inner message (already 8-aligned here). */
    memcpy(m, add_barrier, sizeof add_barrier);
    memset(m + sizeof add_barrier, 0, 16);
    m[3] = sizeof add_barrier + 8;
    m[sizeof add_barrier + 1] = 0xff;
    m[sizeof add_barrier + 3] = 8;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier + 8, &ba),
                     0);
    assert_int_equal(ba.msg_len, 8);
    m[sizeof add_barrier + 3] = 2;
    assert_int_equal(ofp_decode_bundle_add(m, sizeof add_barrier + 8, &ba),
                     OFPERR_OFPBRC_BAD_LEN);
}

static void
test_errors(void **state OVS_UNUSED)
{
    static const uint8_t expected[] = {
        0x04, 0x01, 0x00, 0x28, 0x00, 0x00, 0x00, 0x11,
        0xff, 0xff, 0x08, 0xfd, 0x4f, 0x4e, 0x46, 0x00,
    };
    struct ofp_error_msg em;
    struct ofperr_wire w;
    struct ofpbuf b;
    int i;

    /* OFPBFC_* travel in 1.3 as ONF experimenter errors 2300 + N. */
    for (i = OFPERR_OFPBFC_UNKNOWN; i <= OFPERR_OFPBFC_BUNDLE_IN_PROGRESS;
         i++) {
        ofperr_to_wire(i, OFP13_VERSION, &w);
        assert_int_equal(w.vendor, ONF_VENDOR_ID);
        assert_int_equal(w.code, 2300 + (i - OFPERR_OFPBFC_UNKNOWN));
        assert_int_equal(ofperr_from_wire(OFP13_VERSION, &w), i);
    }
    assert_string_equal(ofperr_get_name(OFPERR_OFPBFC_MSG_FAILED),
                        "OFPBFC_MSG_FAILED");
    assert_int_equal(ofperr_from_name("OFPBFC_BAD_ID"),
                     OFPERR_OFPBFC_BAD_ID);

    ofpbuf_init(&b);
    ofp_encode_error(&b, OFPERR_OFPBFC_EPERM, OFP13_VERSION, 0x11,
                     open_request, sizeof open_request);
    assert_int_equal(b.size, 16 + sizeof open_request);
    assert_memory_equal(b.data, expected, sizeof expected);
    assert_int_equal(ofp_decode_error(b.data, b.size, &em), 0);
    assert_int_equal(em.error, OFPERR_OFPBFC_EPERM);
    assert_int_equal(em.data_len, sizeof open_request);
    ofpbuf_uninit(&b);

    /* OpenFlow 1.0 has no bundles: a standard error stands in. */
    ofperr_to_wire(OFPERR_OFPBFC_BAD_ID, OFP10_VERSION, &w);
    assert_int_equal(w.vendor, 0);
    assert_int_equal(w.type, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ctrl_encode),
        cmocka_unit_test(test_ctrl_decode),
        cmocka_unit_test(test_add_encode_decode),
        cmocka_unit_test(test_add_errors),
        cmocka_unit_test(test_errors),
    };

    set_program_name("test-ofp-bundle");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
