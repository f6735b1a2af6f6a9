/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/netlink.c and lib/netlink-socket.c: byte-exact message
 * building against fixtures written by hand from the uapi layout, policy
 * parsing and its failure on every kind of malformed input, the debug
 * printer, extended-ack decoding, and the socket layer's request, batch and
 * dump logic against a fake kernel at the other end of a socketpair.
 *
 * The fixtures spell out host-order integers little-endian, so the tests
 * that use them are skipped on a big-endian host.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <endian.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "dynamic-string.h"
#include "netlink.h"
#include "netlink-socket.h"
#include "util.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SKIP_UNLESS_LITTLE_ENDIAN()
#else
#define SKIP_UNLESS_LITTLE_ENDIAN() skip()
#endif

/* The reference message.
 *
 * A generic netlink message of family id 30, command 1, version 2, with
 * one attribute of each kind.  Every line is one netlink header or one
 * attribute: struct nlattr is { u16 nla_len; u16 nla_type; } followed by
 * the payload, padded with zeros to a multiple of 4 bytes; nla_len counts
 * the 4-byte header and the payload but not the padding. */
static const uint8_t fixture[] = {
    /* struct nlmsghdr: nlmsg_len 128, nlmsg_type 30, nlmsg_flags
     * NLM_F_REQUEST | NLM_F_ACK (0x0005), nlmsg_seq 0, nlmsg_pid 0. */
    0x80, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x05, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* struct genlmsghdr: cmd 1, version 2, reserved 0. */
    0x01, 0x02, 0x00, 0x00,
    /* Type 1, u8 0xab: length 5, then 3 bytes of padding. */
    0x05, 0x00, 0x01, 0x00, 0xab, 0x00, 0x00, 0x00,
    /* Type 2, u16 0x1234: length 6, 2 bytes of padding. */
    0x06, 0x00, 0x02, 0x00, 0x34, 0x12, 0x00, 0x00,
    /* Type 3, u32 0x12345678. */
    0x08, 0x00, 0x03, 0x00, 0x78, 0x56, 0x34, 0x12,
    /* Type 4, u64 0x0102030405060708. */
    0x0c, 0x00, 0x04, 0x00,
    0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
    /* Type 5, be16 0x0800 (network order), 2 bytes of padding. */
    0x06, 0x00, 0x05, 0x00, 0x08, 0x00, 0x00, 0x00,
    /* Type 6, be32 10.0.0.1. */
    0x08, 0x00, 0x06, 0x00, 0x0a, 0x00, 0x00, 0x01,
    /* Type 7, be64 0x1122334455667788. */
    0x0c, 0x00, 0x07, 0x00,
    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
    /* Type 8, string "lo" with its terminator: length 7, 1 byte of
     * padding. */
    0x07, 0x00, 0x08, 0x00, 0x6c, 0x6f, 0x00, 0x00,
    /* Type 9, flag: the header alone. */
    0x04, 0x00, 0x09, 0x00,
    /* Type 10, 5 bytes of unspecified data, 3 bytes of padding. */
    0x09, 0x00, 0x0a, 0x00, 0x01, 0x02, 0x03, 0x04,
    0x05, 0x00, 0x00, 0x00,
    /* Type 11 | NLA_F_NESTED (0x800b), 20 bytes in all, holding: */
    0x14, 0x00, 0x0b, 0x80,
    /*   type 1, u32 7; */
    0x08, 0x00, 0x01, 0x00, 0x07, 0x00, 0x00, 0x00,
    /*   type 2 | NLA_F_NET_BYTEORDER (0x4002), u16 4789 in network
     *   order (0x12b5). */
    0x06, 0x00, 0x02, 0x40, 0x12, 0xb5, 0x00, 0x00,
};

/* Writes the reference message into 'buf'.  Returns the sticky error. */
static int
build_fixture(struct nl_buf *buf)
{
    size_t nest;

    nl_msg_put_nlmsghdr(buf, 30, NLM_F_REQUEST | NLM_F_ACK);
    nl_msg_put_genlmsghdr(buf, 1, 2);
    nl_put_u8(buf, 1, 0xab);
    nl_put_u16(buf, 2, 0x1234);
    nl_put_u32(buf, 3, 0x12345678);
    nl_put_u64(buf, 4, UINT64_C(0x0102030405060708));
    nl_put_be16(buf, 5, htons(0x0800));
    nl_put_be32(buf, 6, htonl(0x0a000001));
    nl_put_be64(buf, 7, htonll(UINT64_C(0x1122334455667788)));
    nl_put_string(buf, 8, "lo");
    nl_put_flag(buf, 9);
    nl_put_unspec(buf, 10, "\x01\x02\x03\x04\x05", 5);
    nest = nl_nest_begin(buf, 11 | NLA_F_NESTED);
    nl_put_u32(buf, 1, 7);
    nl_put_be16(buf, 2 | NLA_F_NET_BYTEORDER, htons(4789));
    nl_nest_end(buf, nest);
    return nl_buf_error(buf);
}

static const struct nl_policy fixture_policy[] = {
    [1] = { .kind = NL_A_U8 },
    [2] = { .kind = NL_A_U16 },
    [3] = { .kind = NL_A_U32 },
    [4] = { .kind = NL_A_U64 },
    [5] = { .kind = NL_A_BE16 },
    [6] = { .kind = NL_A_BE32 },
    [7] = { .kind = NL_A_BE64 },
    [8] = { .kind = NL_A_STRING, .max_len = 16 },
    [9] = { .kind = NL_A_FLAG },
    [10] = { .kind = NL_A_UNSPEC, .min_len = 5, .max_len = 5 },
    [11] = { .kind = NL_A_NESTED },
};

static const struct nl_policy fixture_nested_policy[] = {
    [1] = { .kind = NL_A_U32 },
    [2] = { .kind = NL_A_BE16 },
};

/* Building. */

static void
test_build_fixed(void **state OVS_UNUSED)
{
    uint64_t stub[32];
    struct nl_buf buf;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_buf_use(&buf, stub, sizeof stub);
    assert_int_equal(build_fixture(&buf), 0);
    assert_int_equal(buf.used, sizeof fixture);
    assert_memory_equal(buf.data, fixture, sizeof fixture);
    nl_buf_uninit(&buf);
}

static void
test_build_growable(void **state OVS_UNUSED)
{
    struct nl_buf buf;
    size_t i;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_buf_init(&buf, 1);
    assert_int_equal(build_fixture(&buf), 0);
    assert_int_equal(buf.used, sizeof fixture);
    assert_memory_equal(buf.data, fixture, sizeof fixture);

    /* It keeps growing, and nlmsg_len follows. */
    for (i = 0; i < 10000; i++) {
        assert_int_equal(nl_put_u32(&buf, 3, i), 0);
    }
    assert_int_equal(buf.used, sizeof fixture + 10000 * 8);
    assert_int_equal(nl_msg_nlmsghdr(&buf)->nlmsg_len, buf.used);
    nl_buf_uninit(&buf);
    nl_buf_uninit(NULL);
}

/* A fixed buffer of every size from 0 to the fixture's: the writes that do
 * not fit fail, nothing is written past the end, and the message comes out
 * whole only when it fits. */
static void
test_build_bounds(void **state OVS_UNUSED)
{
    size_t n;

    SKIP_UNLESS_LITTLE_ENDIAN();
    for (n = 0; n <= sizeof fixture; n++) {
        uint64_t mem[(sizeof fixture + 64) / 8];
        struct nl_buf buf;
        size_t i;

        memset(mem, 0xcc, sizeof mem);
        nl_buf_use(&buf, mem, n);
        if (n < sizeof fixture) {
            assert_int_equal(build_fixture(&buf), EMSGSIZE);
        } else {
            assert_int_equal(build_fixture(&buf), 0);
            assert_memory_equal(mem, fixture, sizeof fixture);
        }
        assert_true(buf.used <= n);
        for (i = n; i < sizeof mem; i++) {
            assert_int_equal(((uint8_t *) mem)[i], 0xcc);
        }
    }
}

/* A write that does not fit leaves the buffer as it was. */
static void
test_build_failed_write_is_atomic(void **state OVS_UNUSED)
{
    uint32_t mem[6];
    struct nl_buf buf;

    nl_buf_use(&buf, mem, 24);
    assert_int_equal(nl_msg_put_nlmsghdr(&buf, 16, 0), 0);
    assert_int_equal(nl_put_u64(&buf, 1, 1), EMSGSIZE);
    assert_int_equal(buf.used, 16);
    assert_int_equal(nl_msg_nlmsghdr(&buf)->nlmsg_len, 16);
    assert_int_equal(nl_buf_error(&buf), EMSGSIZE);

    /* A later write that fits succeeds, but the error stays. */
    assert_int_equal(nl_put_u32(&buf, 2, 2), 0);
    assert_int_equal(buf.used, 24);
    assert_int_equal(nl_msg_nlmsghdr(&buf)->nlmsg_len, 24);
    assert_int_equal(nl_buf_error(&buf), EMSGSIZE);

    /* A nest whose header does not fit, and its end. */
    assert_int_equal(nl_nest_begin(&buf, 3), SIZE_MAX);
    assert_int_equal(nl_nest_end(&buf, SIZE_MAX), EMSGSIZE);
    assert_int_equal(buf.used, 24);

    nl_buf_clear(&buf);
    assert_int_equal(nl_buf_error(&buf), 0);
    assert_int_equal(buf.used, 0);
}

/* Attributes and nests beyond what a 16-bit length can say. */
static void
test_build_attr_too_long(void **state OVS_UNUSED)
{
    struct nl_buf buf;
    size_t nest;
    size_t i;

    nl_buf_init(&buf, 0);
    assert_int_equal(nl_put_unspec(&buf, 1, NULL, 65531), 0);
    assert_int_equal(buf.used, 4 + 65532);
    assert_int_equal(nl_put_unspec(&buf, 1, NULL, 65532), EMSGSIZE);
    assert_int_equal(buf.used, 4 + 65532);

    nl_buf_clear(&buf);
    assert_int_equal(nl_put_u8(&buf, 9, 9), 0);
    nest = nl_nest_begin(&buf, 2);
    assert_int_equal(nest, 8);
    for (i = 0; i < 8192; i++) {
        nl_put_u32(&buf, 1, i);
    }
    assert_int_equal(nl_buf_error(&buf), 0);
    assert_int_equal(nl_nest_end(&buf, nest), EMSGSIZE);
    assert_int_equal(buf.used, 8);      /* The whole nest is gone. */
    nl_buf_uninit(&buf);
}

static void
test_build_batch(void **state OVS_UNUSED)
{
    const struct nlmsghdr *nlh;
    uint64_t stub[16];
    struct nl_buf buf;
    size_t left;
    int n = 0;

    nl_buf_use(&buf, stub, sizeof stub);
    /* A first message of 17 bytes: the second must still start on a
     * 4-byte boundary, at offset 20. */
    nl_msg_put_nlmsghdr(&buf, RTM_GETLINK, 0);
    memset(nl_buf_put_uninit(&buf, 1), 0, 1);
    nl_msg_put_nlmsghdr(&buf, RTM_GETADDR, NLM_F_DUMP);
    nl_put_u32(&buf, 2, 2);
    assert_int_equal(nl_buf_error(&buf), 0);

    NL_MSG_FOR_EACH (nlh, left, buf.data, buf.used) {
        assert_int_equal((uintptr_t) nlh % 4, 0);
        if (n++ == 0) {
            assert_int_equal(nlh->nlmsg_type, RTM_GETLINK);
            assert_int_equal(nlh->nlmsg_len, 17);
        } else {
            assert_int_equal(nlh->nlmsg_type, RTM_GETADDR);
            assert_int_equal(nlh->nlmsg_len, 16 + 8);
            assert_int_equal((uint8_t *) nlh - buf.data, 20);
        }
    }
    assert_int_equal(left, 0);
    assert_int_equal(n, 2);
}

/* Absent means default, both ways. */
static void
test_defaults_symmetric(void **state OVS_UNUSED)
{
    static const struct nl_policy policy[] = {
        [1] = { .kind = NL_A_U32, .optional = true },
        [2] = { .kind = NL_A_U16, .optional = true },
        [3] = { .kind = NL_A_U8, .optional = true },
        [4] = { .kind = NL_A_U64, .optional = true },
    };
    const struct nlattr *a[ARRAY_SIZE(policy)];
    struct nl_buf buf;
    uint32_t value;
    uint32_t dflt = UINT32_MAX;

    nl_buf_init(&buf, 0);
    assert_int_equal(nl_put_u32_unless(&buf, 1, UINT32_MAX, UINT32_MAX), 0);
    assert_int_equal(nl_put_u16_unless(&buf, 2, 0xffff, 0xffff), 0);
    assert_int_equal(buf.used, 0);
    assert_int_equal(nl_put_u8_unless(&buf, 3, 7, 0), 0);
    assert_int_equal(nl_put_u64_unless(&buf, 4, 8, 0), 0);
    assert_int_equal(buf.used, 8 + 12);

    assert_int_equal(nl_parse_attrs(buf.data, buf.used, policy,
                                    ARRAY_SIZE(policy), a), 0);
    assert_null(a[1]);
    assert_int_equal(nl_attr_get_u32_or(a[1], UINT32_MAX), UINT32_MAX);
    assert_int_equal(nl_attr_get_u16_or(a[2], 0xffff), 0xffff);
    assert_int_equal(nl_attr_get_u8_or(a[3], 0), 7);
    assert_int_equal(nl_attr_get_u64_or(a[4], 0), 8);
    nl_attr_get_or(a[1], &value, &dflt, sizeof value);
    assert_int_equal(value, UINT32_MAX);
    assert_string_equal(nl_attr_get_string_or(NULL, "x"), "x");
    assert_false(nl_attr_get_flag(NULL));
    nl_buf_uninit(&buf);
}

/* Parsing. */

static void
test_parse_fixture(void **state OVS_UNUSED)
{
    const struct nlattr *a[ARRAY_SIZE(fixture_policy)];
    const struct nlattr *n[ARRAY_SIZE(fixture_nested_policy)];

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(nl_parse_msg(fixture, sizeof fixture, GENL_HDRLEN,
                                  fixture_policy, ARRAY_SIZE(fixture_policy),
                                  a), 0);
    assert_int_equal(nl_attr_get_u8(a[1]), 0xab);
    assert_int_equal(nl_attr_get_u16(a[2]), 0x1234);
    assert_int_equal(nl_attr_get_u32(a[3]), 0x12345678);
    assert_true(nl_attr_get_u64(a[4]) == UINT64_C(0x0102030405060708));
    assert_int_equal(nl_attr_get_be16(a[5]), htons(0x0800));
    assert_int_equal(nl_attr_get_be32(a[6]), htonl(0x0a000001));
    assert_true(nl_attr_get_be64(a[7])
                == htonll(UINT64_C(0x1122334455667788)));
    assert_string_equal(nl_attr_get_string(a[8]), "lo");
    assert_true(nl_attr_get_flag(a[9]));
    assert_int_equal(nl_attr_get_size(a[10]), 5);
    assert_memory_equal(nl_attr_get(a[10]), "\x01\x02\x03\x04\x05", 5);
    assert_true(nl_attr_has_nested_flag(a[11]));
    assert_int_equal(nl_attr_type(a[11]), 11);

    assert_int_equal(nl_parse_nested(a[11], fixture_nested_policy,
                                     ARRAY_SIZE(fixture_nested_policy), n),
                     0);
    assert_int_equal(nl_attr_get_u32(n[1]), 7);
    assert_true(nl_attr_has_net_byteorder(n[2]));
    assert_int_equal(nl_attr_get_uint(n[2]), 4789);
    assert_int_equal(nl_attr_get_uint(a[3]), 0x12345678);
}

/* Every truncation of the reference message, whether its nlmsg_len says
 * so or not, fails to parse; ASan checks that nothing is read beyond the
 * copy, which is allocated to the exact length. */
static void
test_parse_truncations(void **state OVS_UNUSED)
{
    const struct nlattr *a[ARRAY_SIZE(fixture_policy)];
    size_t len;

    for (len = 0; len < sizeof fixture; len++) {
        uint8_t *copy = xmalloc(len ? len : 1);

        memcpy(copy, fixture, len);
        assert_int_equal(nl_parse_msg(copy, len, GENL_HDRLEN,
                                      fixture_policy,
                                      ARRAY_SIZE(fixture_policy), a),
                         EINVAL);
        if (len >= NLMSG_HDRLEN) {
            ((struct nlmsghdr *) copy)->nlmsg_len = len;
            assert_int_equal(nl_parse_msg(copy, len, GENL_HDRLEN,
                                          fixture_policy,
                                          ARRAY_SIZE(fixture_policy), a),
                             EINVAL);
        }
        assert_null(a[1]);
        free(copy);
    }
}

/* Parses the 'len' attribute bytes at 'data' with a one-entry policy for
 * type 1 of kind 'kind', after copying them to an exact-size block. */
static int
parse_one(const void *data, size_t len, enum nl_attr_kind kind)
{
    const struct nl_policy policy[] = {
        [1] = { .kind = kind, .optional = true },
    };
    const struct nlattr *a[ARRAY_SIZE(policy)];
    void *copy = xmalloc(len ? len : 1);
    int error;

    if (len) {
        memcpy(copy, data, len);
    }
    error = nl_parse_attrs(copy, len, policy, ARRAY_SIZE(policy), a);
    free(copy);
    return error;
}

static void
test_parse_malformed(void **state OVS_UNUSED)
{
    /* Length 2, shorter than the attribute header. */
    static const uint8_t short_len[] = { 0x02, 0x00, 0x01, 0x00 };
    /* Length 12 with only 8 bytes there. */
    static const uint8_t overrun[] = {
        0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00,
    };
    /* Three bytes: not even a header. */
    static const uint8_t stub[] = { 0x04, 0x00, 0x01 };
    /* A whole attribute followed by 2 stray bytes. */
    static const uint8_t trailing[] = {
        0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00,
    };
    /* A nest (type 1) holding an attribute that claims 16 bytes, beyond
     * the nest's 8 but within the whole. */
    static const uint8_t nested_overrun[] = {
        0x0c, 0x00, 0x01, 0x80,
        0x10, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x04, 0x00, 0x02, 0x00,
    };
    /* A nest holding 3 bytes of garbage. */
    static const uint8_t nested_garbage[] = {
        0x07, 0x00, 0x01, 0x80, 0xff, 0xff, 0xff, 0x00,
    };
    /* A u32 with 3 bytes, a flag with a payload, a string without its
     * terminator. */
    static const uint8_t u32_short[] = {
        0x07, 0x00, 0x01, 0x00, 0x01, 0x02, 0x03, 0x00,
    };
    static const uint8_t flag_payload[] = {
        0x05, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00,
    };
    static const uint8_t string_unterminated[] = {
        0x06, 0x00, 0x01, 0x00, 0x6c, 0x6f, 0x00, 0x00,
    };
    /* A u32 marked nested; a string marked network byte order. */
    static const uint8_t u32_nested_flag[] = {
        0x08, 0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00,
    };
    static const uint8_t string_byteorder[] = {
        0x07, 0x00, 0x01, 0x40, 0x6c, 0x6f, 0x00, 0x00,
    };
    /* A valid u8 whose padding is cut off: fine, the last attribute
     * may end there. */
    static const uint8_t u8_unpadded[] = { 0x05, 0x00, 0x01, 0x00, 0x09 };

    assert_int_equal(parse_one(short_len, sizeof short_len, NL_A_UNSPEC),
                     EINVAL);
    assert_int_equal(parse_one(overrun, sizeof overrun, NL_A_UNSPEC),
                     EINVAL);
    assert_int_equal(parse_one(stub, sizeof stub, NL_A_UNSPEC), EINVAL);
    assert_int_equal(parse_one(trailing, sizeof trailing, NL_A_U32), EINVAL);
    assert_int_equal(parse_one(nested_overrun, sizeof nested_overrun,
                               NL_A_NESTED), EINVAL);
    assert_int_equal(parse_one(nested_garbage, sizeof nested_garbage,
                               NL_A_NESTED), EINVAL);
    assert_int_equal(parse_one(u32_short, sizeof u32_short, NL_A_U32),
                     EINVAL);
    assert_int_equal(parse_one(flag_payload, sizeof flag_payload, NL_A_FLAG),
                     EINVAL);
    assert_int_equal(parse_one(string_unterminated,
                               sizeof string_unterminated, NL_A_STRING),
                     EINVAL);
    assert_int_equal(parse_one(u32_nested_flag, sizeof u32_nested_flag,
                               NL_A_U32), EINVAL);
    assert_int_equal(parse_one(string_byteorder, sizeof string_byteorder,
                               NL_A_STRING), EINVAL);

    /* The same attributes are fine where the policy does not look at them
     * (type 1 unknown), as long as the stream itself is well formed. */
    assert_int_equal(parse_one(u32_short, sizeof u32_short, NL_A_NO_ATTR),
                     0);
    assert_int_equal(parse_one(overrun, sizeof overrun, NL_A_NO_ATTR),
                     EINVAL);
    assert_int_equal(parse_one(u8_unpadded, sizeof u8_unpadded, NL_A_U8), 0);
    assert_int_equal(parse_one(NULL, 0, NL_A_U8), 0);
}

static void
test_parse_required_unknown_duplicate(void **state OVS_UNUSED)
{
    static const struct nl_policy policy[] = {
        [1] = { .kind = NL_A_U32 },
        [2] = { .kind = NL_A_U8, .optional = true },
    };
    const struct nlattr *a[ARRAY_SIZE(policy)];
    struct nl_buf buf;

    nl_buf_init(&buf, 0);
    nl_put_u8(&buf, 2, 1);
    nl_put_u32(&buf, 7, 1);             /* Beyond the policy: skipped. */
    assert_int_equal(nl_parse_attrs(buf.data, buf.used, policy,
                                    ARRAY_SIZE(policy), a), EINVAL);
    nl_put_u32(&buf, 1, 5);
    nl_put_u32(&buf, 1, 6);             /* The last one counts. */
    assert_int_equal(nl_parse_attrs(buf.data, buf.used, policy,
                                    ARRAY_SIZE(policy), a), 0);
    assert_int_equal(nl_attr_get_u32(a[1]), 6);
    assert_int_equal(nl_attr_get_u8(a[2]), 1);
    nl_buf_uninit(&buf);
}

static void
test_parse_msg_header(void **state OVS_UNUSED)
{
    const struct nlattr *a[ARRAY_SIZE(fixture_policy)];
    uint8_t copy[sizeof fixture];
    struct nlmsghdr *nlh = (struct nlmsghdr *) copy;

    memcpy(copy, fixture, sizeof fixture);
    nlh->nlmsg_len = 8;                 /* Shorter than the header. */
    assert_int_equal(nl_parse_msg(copy, sizeof copy, GENL_HDRLEN,
                                  fixture_policy, ARRAY_SIZE(fixture_policy),
                                  a), EINVAL);
    nlh->nlmsg_len = sizeof copy + 4;   /* Longer than the data. */
    assert_int_equal(nl_parse_msg(copy, sizeof copy, GENL_HDRLEN,
                                  fixture_policy, ARRAY_SIZE(fixture_policy),
                                  a), EINVAL);
    nlh->nlmsg_len = 18;                /* Family header cut short. */
    assert_int_equal(nl_parse_msg(copy, sizeof copy, GENL_HDRLEN,
                                  fixture_policy, ARRAY_SIZE(fixture_policy),
                                  a), EINVAL);
    assert_null(nl_msg_genlmsghdr(nlh));
}

/* The debug printer. */

static void
test_format_fixture(void **state OVS_UNUSED)
{
    static const char expected[] =
        "nlmsg len 128 type 30 flags 0x5 [REQUEST,ACK] seq 0 pid 0\n"
        "  genl cmd 1 version 2\n"
        "  attr 1 len 5: ab\n"
        "  attr 2 len 6: 34 12\n"
        "  attr 3 len 8: 78 56 34 12\n"
        "  attr 4 len 12: 08 07 06 05 04 03 02 01\n"
        "  attr 5 len 6: 08 00\n"
        "  attr 6 len 8: 0a 00 00 01\n"
        "  attr 7 len 12: 11 22 33 44 55 66 77 88\n"
        "  attr 8 len 7: 6c 6f 00 \"lo\"\n"
        "  attr 9 len 4\n"
        "  attr 10 len 9: 01 02 03 04 05\n"
        "  attr 11 len 20 [NESTED] nested:\n"
        "    attr 1 len 8: 07 00 00 00\n"
        "    attr 2 len 6 [NET_BYTEORDER]: 12 b5\n";
    struct ds ds = DS_EMPTY_INITIALIZER;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_msg_format(&ds, fixture, sizeof fixture, NETLINK_GENERIC,
                  NL_HDR_LEN_AUTO);
    assert_string_equal(ds_cstr(&ds), expected);
    ds_destroy(&ds);
}

static void
test_format_rtnl_and_malformed(void **state OVS_UNUSED)
{
    /* RTM_GETLINK (18) with NLM_F_REQUEST | NLM_F_DUMP (0x301), an
     * ifinfomsg of 16 zero bytes, then IFLA_IFNAME (3) "lo"; then 6 bytes
     * that are no message. */
    static const uint8_t msg[] = {
        0x28, 0x00, 0x00, 0x00, 0x12, 0x00, 0x01, 0x03,
        0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x07, 0x00, 0x03, 0x00, 0x6c, 0x6f, 0x00, 0x00,
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
    };
    static const char expected[] =
        "nlmsg len 40 type 18 (RTM_GETLINK) flags 0x301 [REQUEST,DUMP] "
        "seq 5 pid 0\n"
        "  header (16 bytes): 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
        "00\n"
        "  attr 3 len 7: 6c 6f 00 \"lo\"\n"
        "malformed message (6 bytes): 01 02 03 04 05 06\n";
    struct ds ds = DS_EMPTY_INITIALIZER;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_msg_format(&ds, msg, sizeof msg, NETLINK_ROUTE, NL_HDR_LEN_AUTO);
    assert_string_equal(ds_cstr(&ds), expected);
    ds_destroy(&ds);
}

/* A generic netlink message with a 4-byte family header (struct
 * ovs_header) that the printer is not told about. */
static void
test_format_genl_family_header(void **state OVS_UNUSED)
{
    static const uint8_t msg[] = {
        /* nlmsghdr: len 40, type 29, flags NLM_F_REQUEST | NLM_F_ACK,
         * seq 1, pid 0. */
        0x28, 0x00, 0x00, 0x00, 0x1d, 0x00, 0x05, 0x00,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        /* genlmsghdr: cmd 3, version 2. */
        0x03, 0x02, 0x00, 0x00,
        /* struct ovs_header: dp_ifindex 0. */
        0x00, 0x00, 0x00, 0x00,
        /* Type 1, string "dp0". */
        0x08, 0x00, 0x01, 0x00, 0x64, 0x70, 0x30, 0x00,
        /* Type 2, u32 5. */
        0x08, 0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00,
    };
    static const char expected[] =
        "nlmsg len 40 type 29 flags 0x5 [REQUEST,ACK] seq 1 pid 0\n"
        "  genl cmd 3 version 2 header: 00 00 00 00\n"
        "  attr 1 len 8: 64 70 30 00 \"dp0\"\n"
        "  attr 2 len 8: 05 00 00 00\n";
    struct ds ds = DS_EMPTY_INITIALIZER;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_msg_format(&ds, msg, sizeof msg, NETLINK_GENERIC, NL_HDR_LEN_AUTO);
    assert_string_equal(ds_cstr(&ds), expected);
    ds_destroy(&ds);
}

/* Extended acks. */

/* NLMSG_ERROR, capped, with TLVs: what a 6.1 kernel sends for a flower
 * filter on a device without the qdisc it names. */
static const uint8_t ack_capped_tlvs[] = {
    /* nlmsghdr: len 76, type NLMSG_ERROR (2), flags NLM_F_CAPPED |
     * NLM_F_ACK_TLVS (0x0300), seq 7, pid 1234 (0x4d2). */
    0x4c, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x03,
    0x07, 0x00, 0x00, 0x00, 0xd2, 0x04, 0x00, 0x00,
    /* struct nlmsgerr: error -22 (-EINVAL)... */
    0xea, 0xff, 0xff, 0xff,
    /* ...and the request's header alone: len 52, type RTM_NEWTFILTER
     * (44), flags 0x0605, seq 7, pid 1234. */
    0x34, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x05, 0x06,
    0x07, 0x00, 0x00, 0x00, 0xd2, 0x04, 0x00, 0x00,
    /* NLMSGERR_ATTR_MSG (1): 28 bytes of string, length 32. */
    0x20, 0x00, 0x01, 0x00,
    0x50, 0x61, 0x72, 0x65, 0x6e, 0x74, 0x20, 0x51,     /* "Parent Q" */
    0x64, 0x69, 0x73, 0x63, 0x20, 0x64, 0x6f, 0x65,     /* "disc doe" */
    0x73, 0x6e, 0x27, 0x74, 0x20, 0x65, 0x78, 0x69,     /* "sn't exi" */
    0x73, 0x74, 0x73, 0x00,                             /* "sts\0" */
    /* NLMSGERR_ATTR_OFFS (2): u32 36. */
    0x08, 0x00, 0x02, 0x00, 0x24, 0x00, 0x00, 0x00,
};

static void
test_extack_capped(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct nl_error err;

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(nl_error_decode(ack_capped_tlvs, sizeof ack_capped_tlvs,
                                     &err), 0);
    assert_int_equal(err.error, EINVAL);
    assert_int_equal(err.seq, 7);
    assert_string_equal(err.msg, "Parent Qdisc doesn't exists");
    assert_true(err.has_offset);
    assert_int_equal(err.offset, 36);
    assert_false(err.has_miss_type);

    nl_error_format(&ds, &err);
    assert_string_equal(ds_cstr(&ds), "Invalid argument: Parent Qdisc "
                        "doesn't exists [attribute at offset 36]");
    ds_destroy(&ds);
    nl_error_uninit(&err);
    nl_error_uninit(NULL);
}

static void
test_extack_uncapped(void **state OVS_UNUSED)
{
    /* NLMSG_ERROR without TLVs, not capped: the whole 20-byte request is
     * echoed (an RTM_GETLINK with 4 bytes of payload). */
    static const uint8_t plain[] = {
        /* nlmsghdr: len 40, NLMSG_ERROR, flags 0, seq 9, pid 0. */
        0x28, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
        0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        /* error -19 (-ENODEV). */
        0xed, 0xff, 0xff, 0xff,
        /* Echoed request: len 20, type 18, flags 0x0005, seq 9, pid 0,
         * 4 payload bytes. */
        0x14, 0x00, 0x00, 0x00, 0x12, 0x00, 0x05, 0x00,
        0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xaa, 0xbb, 0xcc, 0xdd,
    };
    /* Not capped, with TLVs after the echoed 24-byte request. */
    static const uint8_t with_tlvs[] = {
        /* nlmsghdr: len 52, NLMSG_ERROR, flags NLM_F_ACK_TLVS (0x200),
         * seq 10, pid 0. */
        0x34, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x02,
        0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        /* error -95 (-EOPNOTSUPP). */
        0xa1, 0xff, 0xff, 0xff,
        /* Echoed request: len 24, type 16, flags 0x0405, seq 10, pid 0,
         * then 8 payload bytes. */
        0x18, 0x00, 0x00, 0x00, 0x10, 0x00, 0x05, 0x04,
        0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
        /* NLMSGERR_ATTR_MSG "bad". */
        0x08, 0x00, 0x01, 0x00, 0x62, 0x61, 0x64, 0x00,
    };
    struct nl_error err;

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(nl_error_decode(plain, sizeof plain, &err), 0);
    assert_int_equal(err.error, ENODEV);
    assert_null(err.msg);
    assert_false(err.has_offset);
    nl_error_uninit(&err);

    assert_int_equal(nl_error_decode(with_tlvs, sizeof with_tlvs, &err), 0);
    assert_int_equal(err.error, EOPNOTSUPP);
    assert_string_equal(err.msg, "bad");
    nl_error_uninit(&err);
}

static void
test_extack_success_warning_and_done(void **state OVS_UNUSED)
{
    /* A success ack (capped, as success acks always are) carrying a
     * warning. */
    static const uint8_t warning[] = {
        /* nlmsghdr: len 48, NLMSG_ERROR, flags 0x300, seq 3, pid 0. */
        0x30, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x03,
        0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        /* error 0, request header (len 16, type 16, seq 3). */
        0x00, 0x00, 0x00, 0x00,
        0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x05, 0x00,
        0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        /* NLMSGERR_ATTR_MSG "warn": length 9, 3 bytes of padding. */
        0x09, 0x00, 0x01, 0x00, 0x77, 0x61, 0x72, 0x6e,
        0x00, 0x00, 0x00, 0x00,
    };
    /* NLMSG_DONE ending a dump with -16 (-EBUSY) and a message. */
    static const uint8_t done[] = {
        /* nlmsghdr: len 36, NLMSG_DONE (3), flags NLM_F_MULTI |
         * NLM_F_ACK_TLVS (0x0202), seq 4, pid 0. */
        0x24, 0x00, 0x00, 0x00, 0x03, 0x00, 0x02, 0x02,
        0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xf0, 0xff, 0xff, 0xff,
        /* NLMSGERR_ATTR_MSG "dump failed". */
        0x10, 0x00, 0x01, 0x00, 0x64, 0x75, 0x6d, 0x70,
        0x20, 0x66, 0x61, 0x69, 0x6c, 0x65, 0x64, 0x00,
    };
    /* NLMSG_DONE with no error code at all. */
    static const uint8_t bare_done[] = {
        0x10, 0x00, 0x00, 0x00, 0x03, 0x00, 0x02, 0x00,
        0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct nl_error err;

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(nl_error_decode(warning, sizeof warning, &err), 0);
    assert_int_equal(err.error, 0);
    assert_string_equal(err.msg, "warn");
    nl_error_format(&ds, &err);
    assert_string_equal(ds_cstr(&ds), "Success (kernel warning: warn)");
    ds_destroy(&ds);
    nl_error_uninit(&err);

    assert_int_equal(nl_error_decode(done, sizeof done, &err), 0);
    assert_int_equal(err.error, EBUSY);
    assert_string_equal(err.msg, "dump failed");
    nl_error_uninit(&err);

    assert_int_equal(nl_error_decode(bare_done, sizeof bare_done, &err), 0);
    assert_int_equal(err.error, 0);
    nl_error_uninit(&err);
}

static void
test_extack_malformed(void **state OVS_UNUSED)
{
    uint8_t copy[sizeof ack_capped_tlvs];
    struct nlmsghdr *nlh = (struct nlmsghdr *) copy;
    struct nl_error err;
    size_t len;

    SKIP_UNLESS_LITTLE_ENDIAN();
    /* Every truncation, with and without nlmsg_len agreeing. */
    for (len = 0; len < sizeof ack_capped_tlvs; len++) {
        uint8_t *cut = xmalloc(len ? len : 1);

        memcpy(cut, ack_capped_tlvs, len);
        assert_int_equal(nl_error_decode(cut, len, &err), EPROTO);
        assert_int_equal(err.error, EPROTO);
        nl_error_uninit(&err);
        if (len >= NLMSG_HDRLEN) {
            ((struct nlmsghdr *) cut)->nlmsg_len = len;
            if (len < NLMSG_HDRLEN + sizeof(struct nlmsgerr)) {
                assert_int_equal(nl_error_decode(cut, len, &err), EPROTO);
            } else {
                /* The error code survives; cut TLVs are ignored. */
                assert_int_equal(nl_error_decode(cut, len, &err), 0);
                assert_int_equal(err.error, EINVAL);
                assert_true(!err.msg || !strcmp(err.msg, "Parent Qdisc "
                                                "doesn't exists"));
            }
            nl_error_uninit(&err);
        }
        free(cut);
    }

    /* A positive error code, one out of range, a type that is neither
     * error nor done, an echo longer than the message. */
    memcpy(copy, ack_capped_tlvs, sizeof copy);
    memcpy(copy + NLMSG_HDRLEN, "\x16\x00\x00\x00", 4);
    assert_int_equal(nl_error_decode(copy, sizeof copy, &err), EPROTO);
    memcpy(copy + NLMSG_HDRLEN, "\x00\x00\x00\x80", 4);
    assert_int_equal(nl_error_decode(copy, sizeof copy, &err), EPROTO);
    memcpy(copy, ack_capped_tlvs, sizeof copy);
    nlh->nlmsg_type = RTM_NEWLINK;
    assert_int_equal(nl_error_decode(copy, sizeof copy, &err), EPROTO);
    memcpy(copy, ack_capped_tlvs, sizeof copy);
    /* Not capped, so the request (52 bytes by its header) is taken as
     * echoed in full: it fits in the 56 bytes after the error code, and
     * the TLVs then start beyond the message, so there are none. */
    nlh->nlmsg_flags = NLM_F_ACK_TLVS;
    assert_int_equal(nl_error_decode(copy, sizeof copy, &err), 0);
    assert_int_equal(err.error, EINVAL);
    assert_null(err.msg);
    nl_error_uninit(&err);
    /* An echo of 60 bytes does not fit. */
    copy[NLMSG_HDRLEN + 4] = 60;
    assert_int_equal(nl_error_decode(copy, sizeof copy, &err), EPROTO);
    /* Nor does one shorter than a header. */
    copy[NLMSG_HDRLEN + 4] = 12;
    assert_int_equal(nl_error_decode(copy, sizeof copy, &err), EPROTO);
    nl_error_uninit(&err);
}

static void
test_format_error(void **state OVS_UNUSED)
{
    static const char expected[] =
        "nlmsg len 76 type 2 (NLMSG_ERROR) flags 0x300 [CAPPED,ACK_TLVS] "
        "seq 7 pid 1234\n"
        "  error 22: Invalid argument: Parent Qdisc doesn't exists "
        "[attribute at offset 36]\n"
        "  request: len 52 type 44 flags 0x605 seq 7 pid 1234\n";
    struct ds ds = DS_EMPTY_INITIALIZER;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_msg_format(&ds, ack_capped_tlvs, sizeof ack_capped_tlvs,
                  NETLINK_ROUTE, NL_HDR_LEN_AUTO);
    assert_string_equal(ds_cstr(&ds), expected);
    ds_destroy(&ds);
}

/* The socket layer against a fake kernel.
 *
 * The socket under test talks over one end of an AF_UNIX datagram
 * socketpair; the test plays the kernel at the other end.  It queues its
 * answers before the call that reads them (sequence numbers are
 * predictable: the socket numbers requests from FIRST_SEQ), and reads the
 * requests the socket sent afterwards. */

#define FIRST_SEQ 100

struct fake {
    struct nln_socket *sock;
    int peer;
};

static void
fake_open(struct fake *f)
{
    int fds[2];

    assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, fds), 0);
    assert_int_equal(nln_socket_wrap_fd_for_testing(fds[0], NETLINK_ROUTE,
                                                    FIRST_SEQ, &f->sock), 0);
    f->peer = fds[1];
    nln_socket_set_timeout(f->sock, 200);
}

static void
fake_close(struct fake *f)
{
    nln_socket_close(f->sock);
    close(f->peer);
}

/* Sends 'buf' to the socket under test as one datagram. */
static void
fake_send(struct fake *f, const struct nl_buf *buf)
{
    assert_int_equal(send(f->peer, buf->data, buf->used, 0), buf->used);
}

/* Reads one datagram the socket sent into 'buf'. */
static void
fake_recv(struct fake *f, struct nl_buf *buf)
{
    ssize_t n;

    nl_buf_clear(buf);
    n = recv(f->peer, buf->data, buf->size, MSG_DONTWAIT);
    assert_true(n > 0);
    buf->used = n;
}

/* Appends to 'buf' a message of type 'type' with sequence number 'seq',
 * flags 'flags' and one u32 attribute of type 1 and value 'value'. */
static void
put_reply(struct nl_buf *buf, uint16_t type, uint16_t flags, uint32_t seq,
          uint32_t value)
{
    struct ifinfomsg ifi = { .ifi_index = value };

    nl_msg_put_nlmsghdr(buf, type, flags);
    nl_msg_nlmsghdr(buf)->nlmsg_seq = seq;
    nl_msg_put_header(buf, &ifi, sizeof ifi);
    nl_put_u32(buf, 1, value);
}

/* Appends to 'buf' a capped ack (NLMSG_ERROR) for 'seq' with 'error' (0 or
 * negative, as the kernel sends it) and, if nonnull, message 'msg'. */
static void
put_ack(struct nl_buf *buf, uint32_t seq, int error, const char *msg)
{
    struct nlmsgerr nlerr = { .error = error };

    nlerr.msg.nlmsg_len = NLMSG_HDRLEN;
    nlerr.msg.nlmsg_seq = seq;
    nl_msg_put_nlmsghdr(buf, NLMSG_ERROR,
                        NLM_F_CAPPED | (msg ? NLM_F_ACK_TLVS : 0));
    nl_msg_nlmsghdr(buf)->nlmsg_seq = seq;
    nl_msg_put_header(buf, &nlerr, sizeof nlerr);
    if (msg) {
        nl_put_string(buf, NLMSGERR_ATTR_MSG, msg);
    }
}

/* Appends to 'buf' an NLMSG_DONE for 'seq' with 'error'. */
static void
put_done(struct nl_buf *buf, uint32_t seq, uint16_t flags, int error)
{
    int32_t code = error;

    nl_msg_put_nlmsghdr(buf, NLMSG_DONE, NLM_F_MULTI | flags);
    nl_msg_nlmsghdr(buf)->nlmsg_seq = seq;
    nl_msg_put_header(buf, &code, sizeof code);
}

/* Builds an RTM_GETLINK request for ifindex 'ifindex' in 'buf' (after
 * whatever is there already). */
static void
put_request(struct nl_buf *buf, int ifindex)
{
    struct ifinfomsg ifi = { .ifi_index = ifindex };

    nl_msg_put_nlmsghdr(buf, RTM_GETLINK, 0);
    nl_msg_put_header(buf, &ifi, sizeof ifi);
}

static void
test_sock_transact(void **state OVS_UNUSED)
{
    const struct nlattr *a[2];
    const struct nl_policy policy[] = { [1] = { .kind = NL_A_U32 } };
    struct nl_buf req, reply, kernel;
    const struct nlmsghdr *nlh;
    struct nl_error err;
    struct fake f;

    fake_open(&f);
    nl_buf_init(&req, 0);
    nl_buf_init(&reply, 0);
    nl_buf_init(&kernel, 4096);

    /* A stale ack from an earlier request, then the reply and the ack. */
    put_ack(&kernel, FIRST_SEQ - 1, 0, NULL);
    put_reply(&kernel, RTM_NEWLINK, 0, FIRST_SEQ, 42);
    put_ack(&kernel, FIRST_SEQ, 0, NULL);
    fake_send(&f, &kernel);

    put_request(&req, 1);
    assert_int_equal(nln_transact(f.sock, &req, &reply, &err), 0);
    assert_int_equal(err.error, 0);
    assert_null(err.msg);
    assert_int_equal(nl_parse_msg(reply.data, reply.used,
                                  sizeof(struct ifinfomsg), policy, 2, a), 0);
    assert_int_equal(nl_attr_get_u32(a[1]), 42);
    nl_error_uninit(&err);

    /* What the kernel got: our request, stamped. */
    fake_recv(&f, &kernel);
    nlh = (const struct nlmsghdr *) kernel.data;
    assert_int_equal(kernel.used, NLMSG_HDRLEN + sizeof(struct ifinfomsg));
    assert_int_equal(nlh->nlmsg_seq, FIRST_SEQ);
    assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);

    /* The next request fails, with an extended ack. */
    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ + 1, -EINVAL, "Parent Qdisc doesn't exists");
    fake_send(&f, &kernel);
    nl_buf_clear(&req);
    put_request(&req, 2);
    assert_int_equal(nln_request(f.sock, &req, &err), EINVAL);
    assert_int_equal(err.error, EINVAL);
    assert_string_equal(err.msg, "Parent Qdisc doesn't exists");
    nl_error_uninit(&err);
    fake_recv(&f, &kernel);

    /* A request whose buffer overflowed is not sent. */
    {
        uint32_t small[5];
        struct nl_buf tiny;

        nl_buf_use(&tiny, small, sizeof small);
        put_request(&tiny, 3);
        assert_int_equal(nl_buf_error(&tiny), EMSGSIZE);
        assert_int_equal(nln_request(f.sock, &tiny, NULL), EMSGSIZE);
        assert_int_equal(recv(f.peer, kernel.data, kernel.size,
                              MSG_DONTWAIT), -1);
    }

    /* A reply too big for a fixed reply buffer. */
    {
        uint32_t small[8];
        struct nl_buf fixed;

        nl_buf_use(&fixed, small, sizeof small);
        nl_buf_clear(&kernel);
        put_reply(&kernel, RTM_NEWLINK, 0, FIRST_SEQ + 2, 1);
        nl_put_unspec(&kernel, 2, NULL, 64);
        put_ack(&kernel, FIRST_SEQ + 2, 0, NULL);
        fake_send(&f, &kernel);
        nl_buf_clear(&req);
        put_request(&req, 4);
        assert_int_equal(nln_transact(f.sock, &req, &fixed, NULL), EMSGSIZE);
        fake_recv(&f, &kernel);
    }

    nl_buf_uninit(&req);
    nl_buf_uninit(&reply);
    nl_buf_uninit(&kernel);
    fake_close(&f);
}

static void
test_sock_batch(void **state OVS_UNUSED)
{
    struct nln_result results[3];
    struct nl_buf req, kernel, reply0;
    const struct nlmsghdr *nlh;
    struct nln_stats stats;
    struct fake f;
    size_t left;
    int i;

    fake_open(&f);
    nl_buf_init(&req, 0);
    nl_buf_init(&kernel, 4096);
    nl_buf_init(&reply0, 0);

    /* Answers out of order: the third, then the first with a reply
     * before its ack, then the second, which fails. */
    put_ack(&kernel, FIRST_SEQ + 2, 0, NULL);
    put_reply(&kernel, RTM_NEWLINK, 0, FIRST_SEQ, 7);
    put_ack(&kernel, FIRST_SEQ, 0, NULL);
    put_ack(&kernel, FIRST_SEQ + 1, -ENODEV, "no such device");
    fake_send(&f, &kernel);

    for (i = 0; i < 3; i++) {
        put_request(&req, i + 1);
    }
    memset(results, 0, sizeof results);
    results[0].reply = &reply0;
    assert_int_equal(nln_batch(f.sock, &req, results, 3), ENODEV);
    assert_int_equal(results[0].error.error, 0);
    assert_int_equal(results[1].error.error, ENODEV);
    assert_string_equal(results[1].error.msg, "no such device");
    assert_int_equal(results[2].error.error, 0);
    assert_int_equal(((struct nlmsghdr *) reply0.data)->nlmsg_type,
                     RTM_NEWLINK);
    for (i = 0; i < 3; i++) {
        nl_error_uninit(&results[i].error);
    }

    /* One datagram carried the three requests, numbered in order. */
    nln_socket_get_stats(f.sock, &stats);
    assert_int_equal(stats.n_sends, 1);
    assert_int_equal(stats.n_msgs_sent, 3);
    fake_recv(&f, &kernel);
    i = 0;
    NL_MSG_FOR_EACH (nlh, left, kernel.data, kernel.used) {
        assert_int_equal(nlh->nlmsg_seq, FIRST_SEQ + i);
        assert_true(nlh->nlmsg_flags & NLM_F_ACK);
        i++;
    }
    assert_int_equal(i, 3);

    /* A wrong count is refused before anything is sent. */
    assert_int_equal(nln_batch(f.sock, &req, results, 2), EINVAL);
    assert_int_equal(results[1].error.error, EINVAL);

    nl_buf_uninit(&req);
    nl_buf_uninit(&kernel);
    nl_buf_uninit(&reply0);
    fake_close(&f);
}

/* With a receive budget for one ack at a time, each request goes in its
 * own datagram, and each chunk reads only its own answers. */
static void
test_sock_batch_chunks(void **state OVS_UNUSED)
{
    struct nln_result results[4];
    struct nl_buf req, kernel;
    struct nln_stats stats;
    struct fake f;
    int i;

    fake_open(&f);
    nl_buf_init(&req, 0);
    nl_buf_init(&kernel, 4096);
    nln_socket_set_batch_budget_for_testing(f.sock, 1500);

    for (i = 0; i < 4; i++) {
        nl_buf_clear(&kernel);
        put_ack(&kernel, FIRST_SEQ + i, i == 2 ? -EEXIST : 0, NULL);
        fake_send(&f, &kernel);
        put_request(&req, i + 1);
    }
    memset(results, 0, sizeof results);
    assert_int_equal(nln_batch(f.sock, &req, results, 4), EEXIST);
    for (i = 0; i < 4; i++) {
        assert_int_equal(results[i].error.error, i == 2 ? EEXIST : 0);
        nl_error_uninit(&results[i].error);
    }
    nln_socket_get_stats(f.sock, &stats);
    assert_int_equal(stats.n_sends, 4);
    assert_int_equal(stats.n_stale, 0);

    nl_buf_uninit(&req);
    nl_buf_uninit(&kernel);
    fake_close(&f);
}

/* An answer that never comes: the request times out, the others keep
 * their results, and the late answer is skipped as stale next time. */
static void
test_sock_batch_missing_ack(void **state OVS_UNUSED)
{
    struct nln_result results[2];
    struct nl_buf req, kernel;
    struct nln_stats stats;
    struct fake f;

    fake_open(&f);
    nl_buf_init(&req, 0);
    nl_buf_init(&kernel, 4096);

    put_ack(&kernel, FIRST_SEQ + 1, 0, NULL);
    fake_send(&f, &kernel);
    put_request(&req, 1);
    put_request(&req, 2);
    memset(results, 0, sizeof results);
    assert_int_equal(nln_batch(f.sock, &req, results, 2), ETIMEDOUT);
    assert_int_equal(results[0].error.error, ETIMEDOUT);
    assert_int_equal(results[1].error.error, 0);
    nl_error_uninit(&results[0].error);
    nl_error_uninit(&results[1].error);

    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ, 0, NULL);           /* Late. */
    put_ack(&kernel, FIRST_SEQ + 2, 0, NULL);
    fake_send(&f, &kernel);
    nl_buf_clear(&req);
    put_request(&req, 3);
    assert_int_equal(nln_request(f.sock, &req, NULL), 0);
    nln_socket_get_stats(f.sock, &stats);
    assert_int_equal(stats.n_stale, 1);

    nl_buf_uninit(&req);
    nl_buf_uninit(&kernel);
    fake_close(&f);
}

/* A sparse batch asks for one ack per send (and for requests that want a
 * reply): a request without an answer before that ack succeeded, and a
 * failure still gets its own answer. */
static void
test_sock_batch_sparse(void **state OVS_UNUSED)
{
    struct nln_result results[5];
    struct nl_buf req, kernel, reply3;
    const struct nlmsghdr *nlh;
    struct nln_stats stats;
    struct fake f;
    size_t left;
    int i;

    fake_open(&f);
    nl_buf_init(&req, 0);
    nl_buf_init(&kernel, 4096);
    nl_buf_init(&reply3, 0);

    put_ack(&kernel, FIRST_SEQ + 1, -EEXIST, "exists");
    put_reply(&kernel, RTM_NEWLINK, 0, FIRST_SEQ + 3, 4);
    put_ack(&kernel, FIRST_SEQ + 3, 0, NULL);
    put_ack(&kernel, FIRST_SEQ + 4, 0, NULL);
    fake_send(&f, &kernel);
    for (i = 0; i < 5; i++) {
        put_request(&req, i + 1);
    }
    memset(results, 0, sizeof results);
    results[3].reply = &reply3;
    assert_int_equal(nln_batch_sparse(f.sock, &req, results, 5), EEXIST);
    for (i = 0; i < 5; i++) {
        assert_int_equal(results[i].error.error, i == 1 ? EEXIST : 0);
    }
    assert_string_equal(results[1].error.msg, "exists");
    assert_int_equal(((struct nlmsghdr *) reply3.data)->nlmsg_type,
                     RTM_NEWLINK);
    for (i = 0; i < 5; i++) {
        nl_error_uninit(&results[i].error);
    }

    /* Only the request with a reply wanted and the last one asked for an
     * ack; one datagram went each way. */
    fake_recv(&f, &kernel);
    i = 0;
    NL_MSG_FOR_EACH (nlh, left, kernel.data, kernel.used) {
        assert_int_equal(nlh->nlmsg_seq, FIRST_SEQ + i);
        assert_int_equal(!!(nlh->nlmsg_flags & NLM_F_ACK), i >= 3);
        i++;
    }
    assert_int_equal(i, 5);
    nln_socket_get_stats(f.sock, &stats);
    assert_int_equal(stats.n_sends, 1);
    assert_int_equal(stats.n_recvs, 1);

    /* Without the last ack, the requests after the last answer have no
     * known outcome; those before it succeeded. */
    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ + 5 + 1, -ENODEV, NULL);
    fake_send(&f, &kernel);
    nl_buf_clear(&req);
    for (i = 0; i < 4; i++) {
        put_request(&req, i + 1);
    }
    memset(results, 0, sizeof results);
    assert_int_equal(nln_batch_sparse(f.sock, &req, results, 4), ENODEV);
    assert_int_equal(results[0].error.error, 0);
    assert_int_equal(results[1].error.error, ENODEV);
    assert_int_equal(results[2].error.error, ETIMEDOUT);
    assert_int_equal(results[3].error.error, ETIMEDOUT);
    for (i = 0; i < 4; i++) {
        nl_error_uninit(&results[i].error);
    }

    nl_buf_uninit(&req);
    nl_buf_uninit(&kernel);
    nl_buf_uninit(&reply3);
    fake_close(&f);
}

/* A sparse batch cut into chunks: every send ends with a request that asks
 * for an ack. */
static void
test_sock_batch_sparse_chunks(void **state OVS_UNUSED)
{
    struct nln_result results[4];
    struct nl_buf req, kernel;
    const struct nlmsghdr *nlh;
    struct nln_stats stats;
    struct fake f;
    size_t left;
    int i, j;

    fake_open(&f);
    nl_buf_init(&req, 0);
    nl_buf_init(&kernel, 4096);
    nln_socket_set_batch_budget_for_testing(f.sock, 3000);

    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ + 1, 0, NULL);
    fake_send(&f, &kernel);
    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ + 3, 0, NULL);
    fake_send(&f, &kernel);
    for (i = 0; i < 4; i++) {
        put_request(&req, i + 1);
    }
    memset(results, 0, sizeof results);
    assert_int_equal(nln_batch_sparse(f.sock, &req, results, 4), 0);
    for (i = 0; i < 4; i++) {
        assert_int_equal(results[i].error.error, 0);
        nl_error_uninit(&results[i].error);
    }
    nln_socket_get_stats(f.sock, &stats);
    assert_int_equal(stats.n_sends, 2);
    assert_int_equal(stats.n_recvs, 2);
    for (i = 0; i < 2; i++) {
        fake_recv(&f, &kernel);
        j = 0;
        NL_MSG_FOR_EACH (nlh, left, kernel.data, kernel.used) {
            assert_int_equal(nlh->nlmsg_seq, FIRST_SEQ + 2 * i + j);
            assert_int_equal(!!(nlh->nlmsg_flags & NLM_F_ACK), j == 1);
            j++;
        }
        assert_int_equal(j, 2);
    }

    nl_buf_uninit(&req);
    nl_buf_uninit(&kernel);
    fake_close(&f);
}

/* Runs a dump of whatever the fake kernel queued; returns its result and
 * the number of messages in '*n'. */
static int
run_dump(struct fake *f, int *n, struct nl_error *err)
{
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 0);
    put_request(&req, 0);
    *n = 0;
    assert_int_equal(nln_dump_start(&dump, f->sock, &req), 0);
    while ((nlh = nln_dump_next(&dump))) {
        assert_int_equal(nlh->nlmsg_type, RTM_NEWLINK);
        ++*n;
    }
    error = nln_dump_finish(&dump, err);
    nl_buf_uninit(&req);
    return error;
}

static void
test_sock_dump(void **state OVS_UNUSED)
{
    struct nl_buf kernel, sent;
    struct nl_error err;
    struct fake f;
    int n;

    fake_open(&f);
    nl_buf_init(&kernel, 4096);
    nl_buf_init(&sent, 4096);

    /* Two parts: two messages, then one and the end. */
    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI, FIRST_SEQ, 1);
    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI, FIRST_SEQ, 2);
    fake_send(&f, &kernel);
    nl_buf_clear(&kernel);
    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI, FIRST_SEQ, 3);
    put_done(&kernel, FIRST_SEQ, 0, 0);
    fake_send(&f, &kernel);
    assert_int_equal(run_dump(&f, &n, &err), 0);
    assert_int_equal(n, 3);
    nl_error_uninit(&err);
    fake_recv(&f, &sent);
    assert_int_equal(((struct nlmsghdr *) sent.data)->nlmsg_flags,
                     NLM_F_REQUEST | NLM_F_DUMP);

    /* Interrupted: the caller is told to start again. */
    nl_buf_clear(&kernel);
    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI | NLM_F_DUMP_INTR,
              FIRST_SEQ + 1, 1);
    put_done(&kernel, FIRST_SEQ + 1, NLM_F_DUMP_INTR, 0);
    fake_send(&f, &kernel);
    assert_int_equal(run_dump(&f, &n, &err), EAGAIN);
    assert_int_equal(n, 1);
    nl_error_uninit(&err);
    fake_recv(&f, &sent);

    /* Ended by an error in NLMSG_DONE, with an extended ack. */
    nl_buf_clear(&kernel);
    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI, FIRST_SEQ + 2, 1);
    put_done(&kernel, FIRST_SEQ + 2, NLM_F_ACK_TLVS, -EINVAL);
    nl_put_string(&kernel, NLMSGERR_ATTR_MSG, "bad filter");
    fake_send(&f, &kernel);
    assert_int_equal(run_dump(&f, &n, &err), EINVAL);
    assert_string_equal(err.msg, "bad filter");
    nl_error_uninit(&err);
    fake_recv(&f, &sent);

    /* Refused outright: NLMSG_ERROR instead of any part. */
    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ + 3, -EOPNOTSUPP, NULL);
    fake_send(&f, &kernel);
    assert_int_equal(run_dump(&f, &n, NULL), EOPNOTSUPP);
    assert_int_equal(n, 0);
    fake_recv(&f, &sent);

    nl_buf_uninit(&kernel);
    nl_buf_uninit(&sent);
    fake_close(&f);
}

/* A dump abandoned after its first message is read to its end by
 * nln_dump_finish(), and the socket works afterwards. */
static void
test_sock_dump_abandoned(void **state OVS_UNUSED)
{
    struct nl_buf kernel, req;
    struct nln_dump dump;
    struct nln_stats stats;
    struct fake f;

    fake_open(&f);
    nl_buf_init(&kernel, 4096);
    nl_buf_init(&req, 0);

    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI, FIRST_SEQ, 1);
    put_reply(&kernel, RTM_NEWLINK, NLM_F_MULTI, FIRST_SEQ, 2);
    fake_send(&f, &kernel);
    nl_buf_clear(&kernel);
    put_done(&kernel, FIRST_SEQ, 0, 0);
    fake_send(&f, &kernel);

    put_request(&req, 0);
    assert_int_equal(nln_dump_start(&dump, f.sock, &req), 0);
    assert_non_null(nln_dump_next(&dump));

    /* No other request while the dump runs, nor another dump; finishing
     * the refused dump leaves the running one alone. */
    assert_int_equal(nln_request(f.sock, &req, NULL), EBUSY);
    {
        struct nln_dump second;

        assert_int_equal(nln_dump_start(&second, f.sock, &req), EBUSY);
        assert_null(nln_dump_next(&second));
        assert_int_equal(nln_dump_finish(&second, NULL), EBUSY);
        assert_int_equal(nln_request(f.sock, &req, NULL), EBUSY);
    }

    assert_int_equal(nln_dump_finish(&dump, NULL), 0);

    nl_buf_clear(&kernel);
    put_ack(&kernel, FIRST_SEQ + 1, 0, NULL);
    fake_send(&f, &kernel);
    nl_buf_clear(&req);
    put_request(&req, 1);
    assert_int_equal(nln_request(f.sock, &req, NULL), 0);
    nln_socket_get_stats(f.sock, &stats);
    assert_int_equal(stats.n_stale, 0);

    nl_buf_uninit(&kernel);
    nl_buf_uninit(&req);
    fake_close(&f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_fixed),
        cmocka_unit_test(test_build_growable),
        cmocka_unit_test(test_build_bounds),
        cmocka_unit_test(test_build_failed_write_is_atomic),
        cmocka_unit_test(test_build_attr_too_long),
        cmocka_unit_test(test_build_batch),
        cmocka_unit_test(test_defaults_symmetric),
        cmocka_unit_test(test_parse_fixture),
        cmocka_unit_test(test_parse_truncations),
        cmocka_unit_test(test_parse_malformed),
        cmocka_unit_test(test_parse_required_unknown_duplicate),
        cmocka_unit_test(test_parse_msg_header),
        cmocka_unit_test(test_format_fixture),
        cmocka_unit_test(test_format_rtnl_and_malformed),
        cmocka_unit_test(test_format_genl_family_header),
        cmocka_unit_test(test_extack_capped),
        cmocka_unit_test(test_extack_uncapped),
        cmocka_unit_test(test_extack_success_warning_and_done),
        cmocka_unit_test(test_extack_malformed),
        cmocka_unit_test(test_format_error),
        cmocka_unit_test(test_sock_transact),
        cmocka_unit_test(test_sock_batch),
        cmocka_unit_test(test_sock_batch_chunks),
        cmocka_unit_test(test_sock_batch_missing_ack),
        cmocka_unit_test(test_sock_batch_sparse),
        cmocka_unit_test(test_sock_batch_sparse_chunks),
        cmocka_unit_test(test_sock_dump),
        cmocka_unit_test(test_sock_dump_abandoned),
    };

    set_program_name("test-netlink");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
