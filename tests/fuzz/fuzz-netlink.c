/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* libFuzzer target for the netlink decoders of lib/netlink.c: the
 * message walker, the policy parser (on a message's attributes and,
 * recursively, on its nests), the error and extended-ack decoder and the
 * debug printer, all on arbitrary bytes as a datagram from the kernel.
 *
 * The first input byte chooses the family header length and the protocol
 * the printer assumes; the rest is the datagram, copied to a block of
 * exactly its size (4-byte aligned, as received datagrams are) so that
 * AddressSanitizer catches any read past its end.  Every attribute that
 * parses is also written back through the builders into a small fixed
 * buffer, which checks the bounds of the writers on odd sizes. */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "dynamic-string.h"
#include "netlink.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A policy with one type of each kind, and a nested one below type 11. */
static const struct nl_policy policy[] = {
    [1] = { .kind = NL_A_U8, .optional = true },
    [2] = { .kind = NL_A_U16, .optional = true },
    [3] = { .kind = NL_A_U32, .optional = true },
    [4] = { .kind = NL_A_U64, .optional = true },
    [5] = { .kind = NL_A_BE16, .optional = true },
    [6] = { .kind = NL_A_BE32, .optional = true },
    [7] = { .kind = NL_A_BE64, .optional = true },
    [8] = { .kind = NL_A_STRING, .max_len = 16, .optional = true },
    [9] = { .kind = NL_A_FLAG, .optional = true },
    [10] = { .kind = NL_A_UNSPEC, .min_len = 2, .max_len = 32,
             .optional = true },
    [11] = { .kind = NL_A_NESTED, .optional = true },
};

/* Family header lengths to try: none, genlmsghdr, genlmsghdr plus
 * struct ovs_header, struct ifinfomsg, struct tcmsg, and odd ones. */
static const size_t hdr_lens[] = { 0, 4, 8, 16, 20, 1, 3, 1000 };

/* Writes the attributes in 'a' (from a successful parse against 'policy')
 * back into a 64-byte fixed buffer, then checks it is well formed. */
static void
rebuild(const struct nlattr *a[], size_t n)
{
    uint32_t mem[16];
    struct nl_buf buf;
    size_t i;

    nl_buf_use(&buf, mem, sizeof mem);
    for (i = 0; i < n; i++) {
        if (!a[i]) {
            continue;
        }
        switch (policy[i].kind) {
        case NL_A_U8:
            nl_put_u8(&buf, i, nl_attr_get_u8(a[i]));
            break;
        case NL_A_U16:
            nl_put_u16_unless(&buf, i, nl_attr_get_u16(a[i]), 0);
            break;
        case NL_A_U32:
            nl_put_u32(&buf, i, (uint32_t) nl_attr_get_uint(a[i]));
            break;
        case NL_A_U64:
            nl_put_u64(&buf, i, nl_attr_get_u64(a[i]));
            break;
        case NL_A_BE16:
            nl_put_be16(&buf, i, nl_attr_get_be16(a[i]));
            break;
        case NL_A_BE32:
            nl_put_be32(&buf, i, nl_attr_get_be32(a[i]));
            break;
        case NL_A_BE64:
            nl_put_be64(&buf, i, nl_attr_get_be64(a[i]));
            break;
        case NL_A_STRING:
            nl_put_string(&buf, i, nl_attr_get_string(a[i]));
            break;
        case NL_A_FLAG:
            nl_put_flag(&buf, i);
            break;
        case NL_A_UNSPEC:
            nl_put_unspec(&buf, i, nl_attr_get(a[i]),
                          nl_attr_get_size(a[i]));
            break;
        case NL_A_NESTED: {
            size_t ofs = nl_nest_begin(&buf, i | NLA_F_NESTED);

            nl_put_unspec(&buf, 1, nl_attr_get(a[i]),
                          nl_attr_get_size(a[i]));
            nl_nest_end(&buf, ofs);
            break;
        }
        case NL_A_NO_ATTR:
        case NL_A_N_KINDS:
        default:
            break;
        }
    }
    if (buf.used > sizeof mem || !nl_attrs_are_valid(buf.data, buf.used)) {
        abort();
    }
}

/* Parses the attributes at 'data' against the policy, descending into
 * nests of type 11 up to 'depth' levels. */
static void
parse_attrs(const void *data, size_t len, int depth)
{
    const struct nlattr *a[ARRAY_SIZE(policy)];

    if (nl_parse_attrs(data, len, policy, ARRAY_SIZE(policy), a)) {
        return;
    }
    rebuild(a, ARRAY_SIZE(policy));
    if (a[11] && depth > 0) {
        parse_attrs(nl_attr_get(a[11]), nl_attr_get_size(a[11]), depth - 1);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct nlmsghdr *nlh;
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t hdr_len;
    uint8_t *copy;
    size_t left;
    int protocol;

    if (!size) {
        return 0;
    }
    hdr_len = hdr_lens[data[0] & 7];
    protocol = (data[0] >> 3) & 1 ? NETLINK_GENERIC : NETLINK_ROUTE;
    data++;
    size--;
    copy = xmalloc(size ? size : 1);
    memcpy(copy, data, size);

    NL_MSG_FOR_EACH (nlh, left, copy, size) {
        const struct nlattr *a[ARRAY_SIZE(policy)];
        struct nl_error err;
        const void *attrs;
        size_t attrs_len;

        if (nl_error_decode(nlh, nlh->nlmsg_len, &err) == 0) {
            nl_error_format(&ds, &err);
        }
        nl_error_uninit(&err);

        attrs = nl_msg_attrs(nlh, hdr_len, &attrs_len);
        if (attrs) {
            parse_attrs(attrs, attrs_len, 4);
            nl_attrs_format(&ds, attrs, attrs_len, 2);
        }
        nl_parse_msg(nlh, nlh->nlmsg_len, hdr_len, policy,
                     ARRAY_SIZE(policy), a);
        nl_msg_genlmsghdr(nlh);
    }

    /* Also the raw bytes as a bare attribute stream, and the printer on
     * the whole datagram, with a given and an automatic header length. */
    parse_attrs(copy, size, 4);
    nl_msg_format(&ds, copy, size, protocol, hdr_len);
    nl_msg_format(&ds, copy, size, protocol, NL_HDR_LEN_AUTO);

    ds_destroy(&ds);
    free(copy);
    return 0;
}
