/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-bundle.h"

#include <stdlib.h>
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "util.h"

#define BUNDLE_FLAGS (OFPBF_ATOMIC | OFPBF_ORDERED)

/* Checks that the 'n' bytes at 'p' are a sequence of properties (type,
 * length >= 4, each padded to a multiple of 8).  Their contents are not
 * interpreted. */
static bool
bundle_props_ok(const uint8_t *p, size_t n)
{
    while (n) {
        size_t plen, padded;

        if (n < 4) {
            return false;
        }
        plen = ofp_get16(p + 2);
        padded = OFP_ROUND_UP(plen, 8);
        if (plen < 4 || padded > n) {
            return false;
        }
        p += padded;
        n -= padded;
    }
    return true;
}

void
ofp_encode_bundle_ctrl(struct ofpbuf *b, const struct ofp_bundle_ctrl *bc,
                       uint8_t version, uint32_t xid)
{
    size_t start;

    if (version == OFP10_VERSION) {
        abort();
    }
    start = ofpmsg_start(b, OFPTYPE_BUNDLE_CONTROL, version, false, xid);
    ofpbuf_put_be32(b, bc->bundle_id);
    ofpbuf_put_be16(b, bc->type);
    ofpbuf_put_be16(b, bc->flags);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_bundle_ctrl(const void *msg, size_t len,
                       struct ofp_bundle_ctrl *bc)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_BUNDLE_CONTROL, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n < 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    bc->bundle_id = ofp_get32(p);
    bc->type = ofp_get16(p + 4);
    bc->flags = ofp_get16(p + 6);
    if (!bundle_props_ok(p + 8, n - 8)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (bc->type > OFPBCT_DISCARD_REPLY) {
        return OFPERR_OFPBFC_BAD_TYPE;
    }
    if (bc->flags & ~BUNDLE_FLAGS) {
        return OFPERR_OFPBFC_BAD_FLAGS;
    }
    return 0;
}

const char *
ofp_bundle_ctrl_type_name(uint16_t type)
{
    static const char *const names[] = {
        "OPEN_REQUEST", "OPEN_REPLY", "CLOSE_REQUEST", "CLOSE_REPLY",
        "COMMIT_REQUEST", "COMMIT_REPLY", "DISCARD_REQUEST", "DISCARD_REPLY",
    };

    return type < ARRAY_SIZE(names) ? names[type] : "<unknown>";
}

void
ofp_encode_bundle_add(struct ofpbuf *b, uint32_t bundle_id, uint16_t flags,
                      const void *inner, size_t inner_len)
{
    const uint8_t *ih = inner;
    size_t start;

    if (inner_len < OFP_HEADER_LEN || ih[0] == OFP10_VERSION) {
        abort();
    }
    start = ofpmsg_start(b, OFPTYPE_BUNDLE_ADD_MESSAGE, ih[0], false,
                         ofp_get32(ih + 4));
    ofpbuf_put_be32(b, bundle_id);
    ofpbuf_put_be16(b, 0);
    ofpbuf_put_be16(b, flags);
    ofpbuf_put(b, inner, inner_len);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_bundle_add(const void *msg, size_t len, struct ofp_bundle_add *ba)
{
    struct ofp_msg_info info;
    const uint8_t *p, *inner;
    size_t n, inner_len, rest;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_BUNDLE_ADD_MESSAGE, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n < 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ba->bundle_id = ofp_get32(p);
    ba->flags = ofp_get16(p + 6);
    inner = p + 8;
    n -= 8;
    if (n < OFP_HEADER_LEN) {
        return OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    inner_len = ofp_get16(inner + 2);
    if (inner_len < OFP_HEADER_LEN || inner_len > n) {
        return OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    if (inner[0] != info.version) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }
    if (ofp_get32(inner + 4) != info.xid) {
        return OFPERR_OFPBFC_MSG_BAD_XID;
    }
    /* Padding to a multiple of 8 (counted from the outer message's start),
     * then properties. */
    rest = n - inner_len;
    if (rest) {
        size_t used = (const uint8_t *) inner + inner_len
                      - (const uint8_t *) msg;
        size_t pad = OFP_ROUND_UP(used, 8) - used;

        if (pad > rest || !ofp_is_zeros(inner + inner_len, pad)
            || !bundle_props_ok(inner + inner_len + pad, rest - pad)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
    }
    if (ba->flags & ~BUNDLE_FLAGS) {
        return OFPERR_OFPBFC_BAD_FLAGS;
    }
    ba->msg = inner;
    ba->msg_len = inner_len;
    return 0;
}
