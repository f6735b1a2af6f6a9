/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-msgs.h"

#include <stdlib.h>
#include <string.h>
#include "ofp-actions.h"
#include "ofp-match.h"
#include "match.h"
#include "ofpbuf.h"
#include "util.h"

/* Wire type numbers that depend on the version. */
#define OFPT_VENDOR 4               /* Same number in 1.0 and 1.3. */
#define OFPT10_STATS_REQUEST 16
#define OFPT10_STATS_REPLY 17
#define OFPT13_MULTIPART_REQUEST 18
#define OFPT13_MULTIPART_REPLY 19
#define OFPST_VENDOR 0xffff
#define NO_STAT (-1)
#define NO_NXT (-1)
/* 'nxt' of an ONF experimenter message: its exp_type plus this flag, so
 * that it never equals a Nicira subtype. */
#define ONF_SUB 0x10000

/* One row per (message type, version, form).  'ofp_type' is the header's
 * type; 'stat' the statistics type for OFPT10_STATS_* /
 * OFPT13_MULTIPART_* (or NO_STAT); 'nxt' the Nicira subtype for vendor
 * messages and vendor statistics (or NO_NXT). */
struct ofpmsg_row {
    enum ofptype type;
    uint8_t version;
    uint8_t ofp_type;
    int stat;
    int nxt;
    const char *name;
};

#define ROW(TYPE, V, OT, STAT, NXT, NAME) \
    { OFPTYPE_##TYPE, V, OT, STAT, NXT, NAME }
#define V10 OFP10_VERSION
#define V13 OFP13_VERSION
#define STD10(TYPE, OT, NAME) ROW(TYPE, V10, OT, NO_STAT, NO_NXT, NAME)
#define STD13(TYPE, OT, NAME) ROW(TYPE, V13, OT, NO_STAT, NO_NXT, NAME)
#define STAT10(TYPE, REQ, ST, NAME) \
    ROW(TYPE, V10, (REQ) ? OFPT10_STATS_REQUEST : OFPT10_STATS_REPLY, ST, \
        NO_NXT, NAME)
#define STAT13(TYPE, REQ, ST, NAME) \
    ROW(TYPE, V13, (REQ) ? OFPT13_MULTIPART_REQUEST \
        : OFPT13_MULTIPART_REPLY, ST, NO_NXT, NAME)
#define NXT(TYPE, V, SUB, NAME) ROW(TYPE, V, OFPT_VENDOR, NO_STAT, SUB, NAME)
#define ONFT(TYPE, V, SUB, NAME) \
    ROW(TYPE, V, OFPT_VENDOR, NO_STAT, ONF_SUB | (SUB), NAME)
#define NXST(TYPE, V, REQ, SUB, NAME) \
    ROW(TYPE, V, (V) == V10 \
        ? ((REQ) ? OFPT10_STATS_REQUEST : OFPT10_STATS_REPLY) \
        : ((REQ) ? OFPT13_MULTIPART_REQUEST : OFPT13_MULTIPART_REPLY), \
        OFPST_VENDOR, SUB, NAME)

static const struct ofpmsg_row ofpmsg_rows[] = {
    STD10(HELLO, 0, "OFPT_HELLO"),
    STD10(ERROR, 1, "OFPT_ERROR"),
    STD10(ECHO_REQUEST, 2, "OFPT_ECHO_REQUEST"),
    STD10(ECHO_REPLY, 3, "OFPT_ECHO_REPLY"),
    STD10(FEATURES_REQUEST, 5, "OFPT_FEATURES_REQUEST"),
    STD10(FEATURES_REPLY, 6, "OFPT_FEATURES_REPLY"),
    STD10(GET_CONFIG_REQUEST, 7, "OFPT_GET_CONFIG_REQUEST"),
    STD10(GET_CONFIG_REPLY, 8, "OFPT_GET_CONFIG_REPLY"),
    STD10(SET_CONFIG, 9, "OFPT_SET_CONFIG"),
    STD10(PACKET_IN, 10, "OFPT_PACKET_IN"),
    STD10(FLOW_REMOVED, 11, "OFPT_FLOW_REMOVED"),
    STD10(PORT_STATUS, 12, "OFPT_PORT_STATUS"),
    STD10(PACKET_OUT, 13, "OFPT_PACKET_OUT"),
    STD10(FLOW_MOD, 14, "OFPT_FLOW_MOD"),
    STD10(PORT_MOD, 15, "OFPT_PORT_MOD"),
    STD10(BARRIER_REQUEST, 18, "OFPT_BARRIER_REQUEST"),
    STD10(BARRIER_REPLY, 19, "OFPT_BARRIER_REPLY"),
    STAT10(DESC_STATS_REQUEST, 1, 0, "OFPST_DESC request"),
    STAT10(DESC_STATS_REPLY, 0, 0, "OFPST_DESC reply"),
    STAT10(FLOW_STATS_REQUEST, 1, 1, "OFPST_FLOW request"),
    STAT10(FLOW_STATS_REPLY, 0, 1, "OFPST_FLOW reply"),
    STAT10(AGGREGATE_STATS_REQUEST, 1, 2, "OFPST_AGGREGATE request"),
    STAT10(AGGREGATE_STATS_REPLY, 0, 2, "OFPST_AGGREGATE reply"),
    STAT10(TABLE_STATS_REQUEST, 1, 3, "OFPST_TABLE request"),
    STAT10(TABLE_STATS_REPLY, 0, 3, "OFPST_TABLE reply"),
    STAT10(PORT_STATS_REQUEST, 1, 4, "OFPST_PORT request"),
    STAT10(PORT_STATS_REPLY, 0, 4, "OFPST_PORT reply"),
    STAT10(PORT_DESC_STATS_REQUEST, 1, 13, "OFPST_PORT_DESC request"),
    STAT10(PORT_DESC_STATS_REPLY, 0, 13, "OFPST_PORT_DESC reply"),
    NXT(ROLE_REQUEST, V10, 10, "NXT_ROLE_REQUEST"),
    NXT(ROLE_REPLY, V10, 11, "NXT_ROLE_REPLY"),
    NXT(NXT_SET_FLOW_FORMAT, V10, 12, "NXT_SET_FLOW_FORMAT"),
    NXT(FLOW_MOD, V10, 13, "NXT_FLOW_MOD"),
    NXT(NXT_FLOW_MOD_TABLE_ID, V10, 15, "NXT_FLOW_MOD_TABLE_ID"),
    NXT(NXT_SET_PACKET_IN_FORMAT, V10, 16, "NXT_SET_PACKET_IN_FORMAT"),
    NXT(NXT_PACKET_IN, V10, 17, "NXT_PACKET_IN"),
    NXST(FLOW_STATS_REQUEST, V10, 1, 0, "NXST_FLOW request"),
    NXST(FLOW_STATS_REPLY, V10, 0, 0, "NXST_FLOW reply"),
    NXST(AGGREGATE_STATS_REQUEST, V10, 1, 1, "NXST_AGGREGATE request"),
    NXST(AGGREGATE_STATS_REPLY, V10, 0, 1, "NXST_AGGREGATE reply"),

    STD13(HELLO, 0, "OFPT_HELLO"),
    STD13(ERROR, 1, "OFPT_ERROR"),
    STD13(ECHO_REQUEST, 2, "OFPT_ECHO_REQUEST"),
    STD13(ECHO_REPLY, 3, "OFPT_ECHO_REPLY"),
    STD13(FEATURES_REQUEST, 5, "OFPT_FEATURES_REQUEST"),
    STD13(FEATURES_REPLY, 6, "OFPT_FEATURES_REPLY"),
    STD13(GET_CONFIG_REQUEST, 7, "OFPT_GET_CONFIG_REQUEST"),
    STD13(GET_CONFIG_REPLY, 8, "OFPT_GET_CONFIG_REPLY"),
    STD13(SET_CONFIG, 9, "OFPT_SET_CONFIG"),
    STD13(PACKET_IN, 10, "OFPT_PACKET_IN"),
    STD13(FLOW_REMOVED, 11, "OFPT_FLOW_REMOVED"),
    STD13(PORT_STATUS, 12, "OFPT_PORT_STATUS"),
    STD13(PACKET_OUT, 13, "OFPT_PACKET_OUT"),
    STD13(FLOW_MOD, 14, "OFPT_FLOW_MOD"),
    STD13(PORT_MOD, 16, "OFPT_PORT_MOD"),
    STD13(BARRIER_REQUEST, 20, "OFPT_BARRIER_REQUEST"),
    STD13(BARRIER_REPLY, 21, "OFPT_BARRIER_REPLY"),
    STD13(ROLE_REQUEST, 24, "OFPT_ROLE_REQUEST"),
    STD13(ROLE_REPLY, 25, "OFPT_ROLE_REPLY"),
    STAT13(DESC_STATS_REQUEST, 1, 0, "OFPMP_DESC request"),
    STAT13(DESC_STATS_REPLY, 0, 0, "OFPMP_DESC reply"),
    STAT13(FLOW_STATS_REQUEST, 1, 1, "OFPMP_FLOW request"),
    STAT13(FLOW_STATS_REPLY, 0, 1, "OFPMP_FLOW reply"),
    STAT13(AGGREGATE_STATS_REQUEST, 1, 2, "OFPMP_AGGREGATE request"),
    STAT13(AGGREGATE_STATS_REPLY, 0, 2, "OFPMP_AGGREGATE reply"),
    STAT13(TABLE_STATS_REQUEST, 1, 3, "OFPMP_TABLE request"),
    STAT13(TABLE_STATS_REPLY, 0, 3, "OFPMP_TABLE reply"),
    STAT13(PORT_STATS_REQUEST, 1, 4, "OFPMP_PORT_STATS request"),
    STAT13(PORT_STATS_REPLY, 0, 4, "OFPMP_PORT_STATS reply"),
    STAT13(TABLE_FEATURES_STATS_REQUEST, 1, 12,
           "OFPMP_TABLE_FEATURES request"),
    STAT13(TABLE_FEATURES_STATS_REPLY, 0, 12, "OFPMP_TABLE_FEATURES reply"),
    STAT13(PORT_DESC_STATS_REQUEST, 1, 13, "OFPMP_PORT_DESC request"),
    STAT13(PORT_DESC_STATS_REPLY, 0, 13, "OFPMP_PORT_DESC reply"),
    NXT(NXT_SET_FLOW_FORMAT, V13, 12, "NXT_SET_FLOW_FORMAT"),
    NXT(NXT_FLOW_MOD_TABLE_ID, V13, 15, "NXT_FLOW_MOD_TABLE_ID"),
    NXT(NXT_SET_PACKET_IN_FORMAT, V13, 16, "NXT_SET_PACKET_IN_FORMAT"),
    NXT(NXT_PACKET_IN, V13, 17, "NXT_PACKET_IN"),
    ONFT(BUNDLE_CONTROL, V13, 2300, "ONFT_BUNDLE_CONTROL"),
    ONFT(BUNDLE_ADD_MESSAGE, V13, 2301, "ONFT_BUNDLE_ADD_MESSAGE"),
};

static bool
is_stats_type(uint8_t version, uint8_t ofp_type)
{
    return (version == V10
            ? (ofp_type == OFPT10_STATS_REQUEST
               || ofp_type == OFPT10_STATS_REPLY)
            : (ofp_type == OFPT13_MULTIPART_REQUEST
               || ofp_type == OFPT13_MULTIPART_REPLY));
}

static size_t
stats_header_len(uint8_t version)
{
    return version == V10 ? 12 : 16;
}

static const struct ofpmsg_row *
find_row(uint8_t version, uint8_t ofp_type, int stat, int nxt)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ofpmsg_rows); i++) {
        const struct ofpmsg_row *r = &ofpmsg_rows[i];

        if (r->version == version && r->ofp_type == ofp_type
            && r->stat == stat && r->nxt == nxt) {
            return r;
        }
    }
    return NULL;
}

/* Classifies a statistics message whose standard headers are present. */
static enum ofperr
decode_stats(const uint8_t *p, size_t len, struct ofp_msg_info *info)
{
    size_t shl = stats_header_len(info->version);
    int stat = ofp_get16(p + 8);
    int nxt = NO_NXT;
    const struct ofpmsg_row *r;

    info->stats_flags = ofp_get16(p + 10);
    info->header_len = shl;
    if (info->version != V10 && !ofp_is_zeros(p + 12, 4)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (stat == OFPST_VENDOR) {
        if (len < 24) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (ofp_get32(p + shl) != NX_VENDOR_ID) {
            return OFPERR_OFPBRC_BAD_VENDOR;
        }
        if (ofp_get32(p + shl + 4) > 0xffff) {
            return OFPERR_OFPBRC_BAD_SUBTYPE;
        }
        nxt = ofp_get32(p + shl + 4);
        if (info->version == V10 && !ofp_is_zeros(p + 20, 4)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        info->header_len = 24;
        info->nicira = true;
    }
    r = find_row(info->version, p[1], stat, nxt);
    if (!r) {
        return nxt != NO_NXT ? OFPERR_OFPBRC_BAD_SUBTYPE
                             : OFPERR_OFPBRC_BAD_STAT;
    }
    info->type = r->type;
    return 0;
}

enum ofperr
ofptype_decode(const void *msg, size_t len, struct ofp_msg_info *info)
{
    const uint8_t *p = msg;
    const struct ofpmsg_row *r;

    memset(info, 0, sizeof *info);
    if (len < OFP_HEADER_LEN || ofp_get16(p + 2) != len) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    info->version = p[0];
    info->xid = ofp_get32(p + 4);
    info->header_len = OFP_HEADER_LEN;
    if (p[0] >= 32 || !(OFP_SUPPORTED_VERSIONS & (1u << p[0]))) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }

    if (is_stats_type(p[0], p[1])) {
        if (len < stats_header_len(p[0])) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        return decode_stats(p, len, info);
    } else if (p[1] == OFPT_VENDOR) {
        if (len < 16) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (p[0] != V10 && ofp_get32(p + 8) == ONF_VENDOR_ID) {
            if (ofp_get32(p + 12) > 0xffff
                || !(r = find_row(p[0], OFPT_VENDOR, NO_STAT,
                                  ONF_SUB | ofp_get32(p + 12)))) {
                return OFPERR_OFPBRC_BAD_SUBTYPE;
            }
            info->header_len = 16;
            info->type = r->type;
            return 0;
        }
        if (ofp_get32(p + 8) != NX_VENDOR_ID) {
            return OFPERR_OFPBRC_BAD_VENDOR;
        }
        if (ofp_get32(p + 12) > 0xffff
            || !(r = find_row(p[0], OFPT_VENDOR, NO_STAT,
                              ofp_get32(p + 12)))) {
            return OFPERR_OFPBRC_BAD_SUBTYPE;
        }
        info->nicira = true;
        info->header_len = 16;
    } else {
        r = find_row(p[0], p[1], NO_STAT, NO_NXT);
        if (!r) {
            return OFPERR_OFPBRC_BAD_TYPE;
        }
    }
    info->type = r->type;
    return 0;
}

const char *
ofptype_name(enum ofptype type)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ofpmsg_rows); i++) {
        if (ofpmsg_rows[i].type == type) {
            return ofpmsg_rows[i].name;
        }
    }
    return "<unknown>";
}

/* Finds the row for encoding 'type' in 'version', preferring the Nicira
 * form if 'nicira' and the standard one otherwise. */
static const struct ofpmsg_row *
row_for_encode(enum ofptype type, uint8_t version, bool nicira)
{
    const struct ofpmsg_row *fallback = NULL;
    uint8_t v = version == V10 ? V10 : V13;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ofpmsg_rows); i++) {
        const struct ofpmsg_row *r = &ofpmsg_rows[i];

        if (r->type == type && r->version == v) {
            if ((r->nxt != NO_NXT) == nicira) {
                return r;
            }
            fallback = fallback ? fallback : r;
        }
    }
    if (!fallback) {
        abort();
    }
    return fallback;
}

size_t
ofpmsg_start(struct ofpbuf *b, enum ofptype type, uint8_t version,
             bool nicira, uint32_t xid)
{
    const struct ofpmsg_row *r = row_for_encode(type, version, nicira);
    size_t start = b->size;

    ofpbuf_put_u8(b, version);
    ofpbuf_put_u8(b, r->ofp_type);
    ofpbuf_put_be16(b, 0);
    ofpbuf_put_be32(b, xid);
    if (r->stat != NO_STAT) {
        ofpbuf_put_be16(b, r->stat);
        ofpbuf_put_be16(b, 0);
        if (version != V10) {
            ofpbuf_put_zeros(b, 4);
        }
        if (r->nxt != NO_NXT) {
            ofpbuf_put_be32(b, NX_VENDOR_ID);
            ofpbuf_put_be32(b, r->nxt);
            if (version == V10) {
                ofpbuf_put_zeros(b, 4);
            }
        }
    } else if (r->nxt != NO_NXT && (r->nxt & ONF_SUB)) {
        ofpbuf_put_be32(b, ONF_VENDOR_ID);
        ofpbuf_put_be32(b, r->nxt & 0xffff);
    } else if (r->nxt != NO_NXT) {
        ofpbuf_put_be32(b, NX_VENDOR_ID);
        ofpbuf_put_be32(b, r->nxt);
    }
    return start;
}

void
ofpmsg_finish(struct ofpbuf *b, size_t start)
{
    ofpbuf_set_be16(b, start + 2, b->size - start);
}

void
ofpmsg_put_empty(struct ofpbuf *b, enum ofptype type, uint8_t version,
                 bool nicira, uint32_t xid)
{
    ofpmsg_finish(b, ofpmsg_start(b, type, version, nicira, xid));
}

enum ofperr
ofpmsg_body(const void *msg, size_t len, enum ofptype expected,
            struct ofp_msg_info *info, const uint8_t **body,
            size_t *body_len)
{
    enum ofperr error = ofptype_decode(msg, len, info);

    if (error) {
        return error;
    }
    if (info->type != expected) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    *body = (const uint8_t *) msg + info->header_len;
    *body_len = len - info->header_len;
    return 0;
}

/* HELLO. */

#define OFPHET_VERSIONBITMAP 1

void
ofp_encode_hello(struct ofpbuf *b, uint32_t versions, uint32_t xid)
{
    uint8_t max = 0;
    size_t start;
    int v;

    for (v = 1; v < 32; v++) {
        if (versions & (1u << v)) {
            max = v;
        }
    }
    start = b->size;
    ofpbuf_put_u8(b, max);
    ofpbuf_put_u8(b, 0);
    ofpbuf_put_be16(b, 0);
    ofpbuf_put_be32(b, xid);
    if (max >= OFP13_VERSION) {
        ofpbuf_put_be16(b, OFPHET_VERSIONBITMAP);
        ofpbuf_put_be16(b, 8);
        ofpbuf_put_be32(b, versions);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_hello(const void *msg, size_t len, uint32_t *versions)
{
    const uint8_t *p = msg;
    struct ofp_cursor c;

    /* A HELLO is accepted whatever its version, so it is not classified
     * through ofptype_decode(). */
    if (len < OFP_HEADER_LEN || ofp_get16(p + 2) != len || p[1] != 0) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    *versions = p[0] < 31 ? (2u << p[0]) - 2 : UINT32_MAX - 1;
    if (p[0] < OFP13_VERSION) {
        return 0;               /* Any body is to be ignored. */
    }
    ofp_cursor_init(&c, p + OFP_HEADER_LEN, len - OFP_HEADER_LEN);
    while (c.left >= 4) {
        const uint8_t *e = c.p;
        uint16_t type = ofp_get16(e), elen = ofp_get16(e + 2);

        size_t padded = OFP_ROUND_UP(elen, 8);

        if (elen < 4 || elen > c.left) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (type == OFPHET_VERSIONBITMAP) {
            if (elen < 8 || elen % 4) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            *versions = ofp_get32(e + 4);
        }
        /* The last element may come without its padding. */
        ofp_cursor_pull(&c, padded <= c.left ? padded : elen);
    }
    if (c.left) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    return 0;
}

uint8_t
ofp_negotiate_version(uint32_t ours, uint32_t theirs)
{
    uint32_t common = ours & theirs;
    int v;

    for (v = 31; v > 0; v--) {
        if (common & (1u << v)) {
            return v;
        }
    }
    return 0;
}

/* ECHO. */

void
ofp_encode_echo(struct ofpbuf *b, enum ofptype type, uint8_t version,
                uint32_t xid, const void *data, size_t len)
{
    size_t start = ofpmsg_start(b, type, version, false, xid);

    ofpbuf_put(b, data, len);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_echo(const void *msg, size_t len, const uint8_t **data,
                size_t *data_len)
{
    struct ofp_msg_info info;
    enum ofperr error = ofptype_decode(msg, len, &info);

    if (!error && info.type != OFPTYPE_ECHO_REQUEST
        && info.type != OFPTYPE_ECHO_REPLY) {
        error = OFPERR_OFPBRC_BAD_TYPE;
    }
    if (!error) {
        *data = (const uint8_t *) msg + OFP_HEADER_LEN;
        *data_len = len - OFP_HEADER_LEN;
    }
    return error;
}

/* ERROR. */

#define NXET_VENDOR 0xb0c2
#define NXVC_VENDOR_ERROR 0
#define OFPET13_EXPERIMENTER 0xffff

static void
ofp_encode_error__(struct ofpbuf *b, enum ofperr error, uint8_t version,
                   uint32_t xid, const void *request, size_t len,
                   size_t max_quote)
{
    size_t start = ofpmsg_start(b, OFPTYPE_ERROR, version, false, xid);
    struct ofperr_wire w;

    ofperr_to_wire(error, version, &w);
    if (!w.vendor) {
        ofpbuf_put_be16(b, w.type);
        ofpbuf_put_be16(b, w.code);
    } else if (version == V10) {
        ofpbuf_put_be16(b, NXET_VENDOR);
        ofpbuf_put_be16(b, NXVC_VENDOR_ERROR);
        ofpbuf_put_be32(b, w.vendor);
        ofpbuf_put_be16(b, w.type);
        ofpbuf_put_be16(b, w.code);
    } else {
        ofpbuf_put_be16(b, OFPET13_EXPERIMENTER);
        ofpbuf_put_be16(b, w.code);
        ofpbuf_put_be32(b, w.vendor);
    }
    ofpbuf_put(b, request, len < max_quote ? len : max_quote);
    ofpmsg_finish(b, start);
}

void
ofp_encode_error(struct ofpbuf *b, enum ofperr error, uint8_t version,
                 uint32_t xid, const void *request, size_t len)
{
    ofp_encode_error__(b, error, version, xid, request, len, 64);
}

void
ofp_encode_error_full(struct ofpbuf *b, enum ofperr error, uint8_t version,
                      uint32_t xid, const void *request, size_t len)
{
    /* The longest error header is 20 bytes (a 1.0 Nicira error). */
    ofp_encode_error__(b, error, version, xid, request, len, 65535 - 20);
}

enum ofperr
ofp_decode_error(const void *msg, size_t len, struct ofp_error_msg *em)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_ERROR, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n < 4) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memset(em, 0, sizeof *em);
    em->wire.type = ofp_get16(p);
    em->wire.code = ofp_get16(p + 2);
    p += 4;
    n -= 4;
    if (info.version == V10 && em->wire.type == NXET_VENDOR) {
        if (n < 8 || em->wire.code != NXVC_VENDOR_ERROR) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        em->wire.vendor = ofp_get32(p);
        em->wire.type = ofp_get16(p + 4);
        em->wire.code = ofp_get16(p + 6);
        p += 8;
        n -= 8;
    } else if (info.version != V10
               && em->wire.type == OFPET13_EXPERIMENTER) {
        if (n < 4) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        em->wire.vendor = ofp_get32(p);
        p += 4;
        n -= 4;
    }
    em->error = ofperr_from_wire(info.version, &em->wire);
    em->data = p;
    em->data_len = n;
    return 0;
}

/* Ports. */

#define OFP10_PORT_LEN 48
#define OFP13_PORT_LEN 64

size_t
ofp_port_len(uint8_t version)
{
    return version == V10 ? OFP10_PORT_LEN : OFP13_PORT_LEN;
}

/* OpenFlow 1.0 feature bits: 0-6 speeds as in 1.3, then copper, fiber,
 * autoneg, pause, pause_asym at bits 7-11 (bits 11-15 in 1.3). */
static uint32_t
features_to_of10(uint32_t f)
{
    return (f & 0x7f) | (((f >> 11) & 0x1f) << 7);
}

static uint32_t
features_from_of10(uint32_t f)
{
    return (f & 0x7f) | (((f >> 7) & 0x1f) << 11);
}

static void
put_name(struct ofpbuf *b, const char *name, size_t size)
{
    char *dst = ofpbuf_put_zeros(b, size);
    size_t n = strnlen(name, size - 1);

    memcpy(dst, name, n);
}

static void
get_name(char *dst, const uint8_t *src, size_t size)
{
    size_t n = strnlen((const char *) src, size - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

void
ofp_port_encode(struct ofpbuf *b, const struct ofp_port *pp, uint8_t version)
{
    if (version == V10) {
        ofpbuf_put_be16(b, pp->port_no);
        ofpbuf_put(b, pp->hw_addr.ea, 6);
        put_name(b, pp->name, OFP_MAX_PORT_NAME_LEN);
        ofpbuf_put_be32(b, pp->config & 0x7f);
        ofpbuf_put_be32(b, pp->state & OFPPS_LINK_DOWN);
        ofpbuf_put_be32(b, features_to_of10(pp->curr));
        ofpbuf_put_be32(b, features_to_of10(pp->advertised));
        ofpbuf_put_be32(b, features_to_of10(pp->supported));
        ofpbuf_put_be32(b, features_to_of10(pp->peer));
    } else {
        ofpbuf_put_be32(b, ofp_port_to_ofp11(pp->port_no));
        ofpbuf_put_zeros(b, 4);
        ofpbuf_put(b, pp->hw_addr.ea, 6);
        ofpbuf_put_zeros(b, 2);
        put_name(b, pp->name, OFP_MAX_PORT_NAME_LEN);
        ofpbuf_put_be32(b, pp->config & 0x65);
        ofpbuf_put_be32(b, pp->state & 7);
        ofpbuf_put_be32(b, pp->curr);
        ofpbuf_put_be32(b, pp->advertised);
        ofpbuf_put_be32(b, pp->supported);
        ofpbuf_put_be32(b, pp->peer);
        ofpbuf_put_be32(b, pp->curr_speed);
        ofpbuf_put_be32(b, pp->max_speed);
    }
}

enum ofperr
ofp_port_decode(const uint8_t *p, size_t len, uint8_t version,
                struct ofp_port *pp)
{
    enum ofperr error = 0;

    memset(pp, 0, sizeof *pp);
    if (len < ofp_port_len(version)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (version == V10) {
        pp->port_no = ofp_get16(p);
        memcpy(pp->hw_addr.ea, p + 2, 6);
        get_name(pp->name, p + 8, OFP_MAX_PORT_NAME_LEN);
        pp->config = ofp_get32(p + 24);
        pp->state = ofp_get32(p + 28) & OFPPS_LINK_DOWN;
        pp->curr = features_from_of10(ofp_get32(p + 32));
        pp->advertised = features_from_of10(ofp_get32(p + 36));
        pp->supported = features_from_of10(ofp_get32(p + 40));
        pp->peer = features_from_of10(ofp_get32(p + 44));
    } else {
        pp->port_no = ofp_port_from_ofp11(ofp_get32(p), &error);
        if (error || !ofp_is_zeros(p + 4, 4) || !ofp_is_zeros(p + 14, 2)) {
            return error ? error : OFPERR_OFPBRC_BAD_LEN;
        }
        memcpy(pp->hw_addr.ea, p + 8, 6);
        get_name(pp->name, p + 16, OFP_MAX_PORT_NAME_LEN);
        pp->config = ofp_get32(p + 32);
        pp->state = ofp_get32(p + 36);
        pp->curr = ofp_get32(p + 40);
        pp->advertised = ofp_get32(p + 44);
        pp->supported = ofp_get32(p + 48);
        pp->peer = ofp_get32(p + 52);
        pp->curr_speed = ofp_get32(p + 56);
        pp->max_speed = ofp_get32(p + 60);
    }
    return 0;
}

/* Decodes an array of ports filling 'n' bytes at 'p' exactly. */
static enum ofperr
decode_port_array(const uint8_t *p, size_t n, uint8_t version,
                  struct ofp_port **ports, size_t *n_ports)
{
    size_t plen = ofp_port_len(version);
    size_t i;

    *ports = NULL;
    *n_ports = 0;
    if (n % plen) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    *ports = xcalloc(n / plen + 1, sizeof **ports);
    for (i = 0; i < n / plen; i++) {
        enum ofperr error = ofp_port_decode(p + i * plen, plen, version,
                                            &(*ports)[i]);
        if (error) {
            free(*ports);
            *ports = NULL;
            return error;
        }
    }
    *n_ports = n / plen;
    return 0;
}

/* FEATURES_REPLY. */

#define OFPC_COMMON_MASK (OFPC_FLOW_STATS | OFPC_TABLE_STATS \
                          | OFPC_PORT_STATS | OFPC_IP_REASM \
                          | OFPC_QUEUE_STATS)

void
ofp_encode_features_reply(struct ofpbuf *b,
                          const struct ofp_switch_features *sf,
                          uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_FEATURES_REPLY, version, false,
                                xid);
    size_t i;

    ofpbuf_put_be64(b, sf->datapath_id);
    ofpbuf_put_be32(b, sf->n_buffers);
    ofpbuf_put_u8(b, sf->n_tables);
    if (version == V10) {
        ofpbuf_put_zeros(b, 3);
        ofpbuf_put_be32(b, sf->capabilities & OFPC_COMMON_MASK);
        ofpbuf_put_be32(b, sf->actions);
        for (i = 0; i < sf->n_ports; i++) {
            ofp_port_encode(b, &sf->ports[i], version);
        }
    } else {
        ofpbuf_put_u8(b, sf->auxiliary_id);
        ofpbuf_put_zeros(b, 2);
        ofpbuf_put_be32(b, sf->capabilities & OFPC_COMMON_MASK);
        ofpbuf_put_be32(b, 0);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_features_reply(const void *msg, size_t len,
                          struct ofp_switch_features *sf)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    memset(sf, 0, sizeof *sf);
    error = ofpmsg_body(msg, len, OFPTYPE_FEATURES_REPLY, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n < 24 || (info.version != V10 && n != 24)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    sf->datapath_id = ofp_get64(p);
    sf->n_buffers = ofp_get32(p + 8);
    sf->n_tables = p[12];
    sf->capabilities = ofp_get32(p + 16) & OFPC_COMMON_MASK;
    if (info.version == V10) {
        sf->actions = ofp_get32(p + 20);
        return decode_port_array(p + 24, n - 24, V10, &sf->ports,
                                 &sf->n_ports);
    }
    sf->auxiliary_id = p[13];
    return 0;
}

/* GET_CONFIG_REPLY and SET_CONFIG. */

void
ofp_encode_switch_config(struct ofpbuf *b, enum ofptype type,
                         const struct ofp_switch_config *sc,
                         uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, type, version, false, xid);

    ofpbuf_put_be16(b, sc->flags);
    ofpbuf_put_be16(b, sc->miss_send_len);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_switch_config(const void *msg, size_t len,
                         struct ofp_switch_config *sc)
{
    struct ofp_msg_info info;
    enum ofperr error = ofptype_decode(msg, len, &info);
    const uint8_t *p = (const uint8_t *) msg + OFP_HEADER_LEN;

    if (error) {
        return error;
    }
    if (info.type != OFPTYPE_SET_CONFIG
        && info.type != OFPTYPE_GET_CONFIG_REPLY) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    if (len != OFP_HEADER_LEN + 4) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    sc->flags = ofp_get16(p);
    sc->miss_send_len = ofp_get16(p + 2);
    if (sc->flags & ~OFPC_FRAG_MASK) {
        return OFPERR_OFPSCFC_BAD_FLAGS;
    }
    return 0;
}

/* PORT_STATUS. */

void
ofp_encode_port_status(struct ofpbuf *b, uint8_t reason,
                       const struct ofp_port *pp, uint8_t version,
                       uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PORT_STATUS, version, false, xid);

    ofpbuf_put_u8(b, reason);
    ofpbuf_put_zeros(b, 7);
    ofp_port_encode(b, pp, version);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_port_status(const void *msg, size_t len, uint8_t *reason,
                       struct ofp_port *pp)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_PORT_STATUS, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n != 8 + ofp_port_len(info.version) || !ofp_is_zeros(p + 1, 7)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (p[0] > OFPPR_MODIFY) {
        return OFPERR_OFPBRC_BAD_PACKET;
    }
    *reason = p[0];
    return ofp_port_decode(p + 8, n - 8, info.version, pp);
}

/* PORT_MOD. */

void
ofp_encode_port_mod(struct ofpbuf *b, const struct ofp_port_mod *pm,
                    uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PORT_MOD, version, false, xid);

    if (version == V10) {
        ofpbuf_put_be16(b, pm->port_no);
        ofpbuf_put(b, pm->hw_addr.ea, 6);
        ofpbuf_put_be32(b, pm->config);
        ofpbuf_put_be32(b, pm->mask);
        ofpbuf_put_be32(b, features_to_of10(pm->advertise));
        ofpbuf_put_zeros(b, 4);
    } else {
        ofpbuf_put_be32(b, ofp_port_to_ofp11(pm->port_no));
        ofpbuf_put_zeros(b, 4);
        ofpbuf_put(b, pm->hw_addr.ea, 6);
        ofpbuf_put_zeros(b, 2);
        ofpbuf_put_be32(b, pm->config);
        ofpbuf_put_be32(b, pm->mask);
        ofpbuf_put_be32(b, pm->advertise);
        ofpbuf_put_zeros(b, 4);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_port_mod(const void *msg, size_t len, struct ofp_port_mod *pm)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    memset(pm, 0, sizeof *pm);
    error = ofpmsg_body(msg, len, OFPTYPE_PORT_MOD, &info, &p, &n);
    if (error) {
        return error;
    }
    if (info.version == V10) {
        if (n != 24) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pm->port_no = ofp_get16(p);
        memcpy(pm->hw_addr.ea, p + 2, 6);
        pm->config = ofp_get32(p + 8);
        pm->mask = ofp_get32(p + 12);
        pm->advertise = features_from_of10(ofp_get32(p + 16));
        return 0;
    }
    if (n != 32 || !ofp_is_zeros(p + 4, 4) || !ofp_is_zeros(p + 14, 2)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    pm->port_no = ofp_port_from_ofp11(ofp_get32(p), &error);
    if (error) {
        return OFPERR_OFPPMFC_BAD_PORT;
    }
    memcpy(pm->hw_addr.ea, p + 8, 6);
    pm->config = ofp_get32(p + 16);
    pm->mask = ofp_get32(p + 20);
    pm->advertise = ofp_get32(p + 24);
    return 0;
}

/* PORT_DESC reply. */

void
ofp_encode_port_desc_reply(struct ofpbuf *b, const struct ofp_port *ports,
                           size_t n, uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PORT_DESC_STATS_REPLY, version,
                                false, xid);
    size_t i;

    for (i = 0; i < n; i++) {
        ofp_port_encode(b, &ports[i], version);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_port_desc_reply(const void *msg, size_t len,
                           struct ofp_port **ports, size_t *n_ports)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    *ports = NULL;
    *n_ports = 0;
    error = ofpmsg_body(msg, len, OFPTYPE_PORT_DESC_STATS_REPLY, &info, &p,
                        &n);
    return error ? error : decode_port_array(p, n, info.version, ports,
                                             n_ports);
}

/* ROLE_REQUEST / ROLE_REPLY. */

/* Nicira roles: other (equal), master, slave. */
static uint32_t
role_to_nx(uint32_t role)
{
    return role == OFPCR_ROLE_MASTER ? 1 : role == OFPCR_ROLE_SLAVE ? 2 : 0;
}

void
ofp_encode_role(struct ofpbuf *b, enum ofptype type,
                const struct ofp_role *r, uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, type, version, version == V10, xid);

    if (version == V10) {
        ofpbuf_put_be32(b, role_to_nx(r->role));
    } else {
        ofpbuf_put_be32(b, r->role);
        ofpbuf_put_zeros(b, 4);
        ofpbuf_put_be64(b, r->have_generation_id ? r->generation_id
                                                 : UINT64_MAX);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_role(const void *msg, size_t len, struct ofp_role *r)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error = ofptype_decode(msg, len, &info);

    memset(r, 0, sizeof *r);
    if (error) {
        return error;
    }
    if (info.type != OFPTYPE_ROLE_REQUEST && info.type != OFPTYPE_ROLE_REPLY) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    p = (const uint8_t *) msg + info.header_len;
    n = len - info.header_len;
    if (info.nicira) {
        uint32_t nx = n == 4 ? ofp_get32(p) : 3;

        if (n != 4) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (nx > 2) {
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
        r->role = (nx == 1 ? OFPCR_ROLE_MASTER : nx == 2 ? OFPCR_ROLE_SLAVE
                   : OFPCR_ROLE_EQUAL);
        return 0;
    }
    if (n != 16 || !ofp_is_zeros(p + 4, 4)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    r->role = ofp_get32(p);
    if (r->role > OFPCR_ROLE_SLAVE) {
        return OFPERR_OFPRRFC_BAD_ROLE;
    }
    r->generation_id = ofp_get64(p + 8);
    r->have_generation_id = (r->role == OFPCR_ROLE_MASTER
                             || r->role == OFPCR_ROLE_SLAVE);
    return 0;
}

/* PACKET_IN. */

void
ofp_encode_packet_in(struct ofpbuf *b, const struct ofp_packet_in *pin,
                     uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PACKET_IN, version, false, xid);

    ofpbuf_put_be32(b, pin->buffer_id);
    ofpbuf_put_be16(b, pin->total_len);
    if (version == V10) {
        ofpbuf_put_be16(b, pin->in_port);
        ofpbuf_put_u8(b, pin->reason);
        ofpbuf_put_u8(b, 0);
    } else {
        struct match match;

        ofpbuf_put_u8(b, pin->reason);
        ofpbuf_put_u8(b, pin->table_id);
        ofpbuf_put_be64(b, pin->cookie);
        match_init_catchall(&match);
        match_set_in_port_ofp(&match, pin->in_port);
        if (pin->tun_id) {
            match_set_tun_id(&match, pin->tun_id);
        }
        oxm_put_match(b, &match);
        ofpbuf_put_zeros(b, 2);
    }
    ofpbuf_put(b, pin->packet, pin->packet_len);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_packet_in(const void *msg, size_t len, struct ofp_packet_in *pin)
{
    struct ofp_msg_info info;
    struct ofp_cursor c;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    memset(pin, 0, sizeof *pin);
    error = ofpmsg_body(msg, len, OFPTYPE_PACKET_IN, &info, &p, &n);
    if (error) {
        return error;
    }
    if (info.version == V10) {
        if (n < 10) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pin->buffer_id = ofp_get32(p);
        pin->total_len = ofp_get16(p + 4);
        pin->in_port = ofp_get16(p + 6);
        pin->reason = p[8];
        pin->table_id = 0;
        pin->packet = p + 10;
        pin->packet_len = n - 10;
        return 0;
    } else {
        const uint8_t *pad;
        struct match match;

        ofp_cursor_init(&c, p, n);
        if (!ofp_cursor_pull(&c, 16)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pin->buffer_id = ofp_get32(p);
        pin->total_len = ofp_get16(p + 4);
        pin->reason = p[6];
        pin->table_id = p[7];
        pin->cookie = ofp_get64(p + 8);
        error = oxm_pull_match(&c, &match);
        if (error) {
            return error;
        }
        pad = ofp_cursor_pull(&c, 2);
        if (!pad || !ofp_is_zeros(pad, 2)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pin->in_port = match.flow.in_port.ofp_port;
        pin->tun_id = match.flow.tunnel.tun_id;
        pin->packet = c.p;
        pin->packet_len = c.left;
    }
    return 0;
}

/* PACKET_OUT. */

void
ofp_encode_packet_out(struct ofpbuf *b, const struct ofp_packet_out *po,
                      const struct ofpacts *ofpacts, uint8_t version,
                      uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PACKET_OUT, version, false, xid);
    size_t len_ofs, acts_start;

    ofpbuf_put_be32(b, po->buffer_id);
    if (version == V10) {
        ofpbuf_put_be16(b, po->in_port);
        len_ofs = b->size;
        ofpbuf_put_be16(b, 0);
        acts_start = b->size;
        ofpacts_encode_of10(ofpacts, b);
    } else {
        ofpbuf_put_be32(b, ofp_port_to_ofp11(po->in_port));
        len_ofs = b->size;
        ofpbuf_put_be16(b, 0);
        ofpbuf_put_zeros(b, 6);
        acts_start = b->size;
        ofpacts_encode_of13(ofpacts, 0, ofpacts->n, b);
    }
    ofpbuf_set_be16(b, len_ofs, b->size - acts_start);
    ofpbuf_put(b, po->packet, po->packet_len);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_packet_out(const void *msg, size_t len,
                      struct ofp_packet_out *po, struct ofpacts *ofpacts)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n, hl, alen;
    enum ofperr error;

    memset(po, 0, sizeof *po);
    error = ofpmsg_body(msg, len, OFPTYPE_PACKET_OUT, &info, &p, &n);
    if (error) {
        return error;
    }
    hl = info.version == V10 ? 8 : 16;
    if (n < hl) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    po->buffer_id = ofp_get32(p);
    if (info.version == V10) {
        po->in_port = ofp_get16(p + 4);
        alen = ofp_get16(p + 6);
    } else {
        po->in_port = ofp_port_from_ofp11(ofp_get32(p + 4), &error);
        if (error) {
            return error;
        }
        alen = ofp_get16(p + 8);
        if (!ofp_is_zeros(p + 10, 6)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
    }
    if (alen > n - hl) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (po->in_port >= OFPP_MAX && po->in_port != OFPP_LOCAL
        && po->in_port != OFPP_NONE && po->in_port != OFPP_CONTROLLER) {
        return OFPERR_OFPBRC_BAD_PORT;
    }
    error = (info.version == V10
             ? ofpacts_decode_of10(p + hl, alen, ofpacts)
             : ofpacts_decode_of13(p + hl, alen, ofpacts));
    if (error) {
        return error;
    }
    po->packet = p + hl + alen;
    po->packet_len = n - hl - alen;
    return 0;
}

/* Nicira settings. */

void
ofp_encode_nx_u32(struct ofpbuf *b, enum ofptype type, uint32_t value,
                  uint32_t xid)
{
    size_t start = ofpmsg_start(b, type, OFP10_VERSION, true, xid);

    ofpbuf_put_be32(b, value);
    ofpmsg_finish(b, start);
}

void
ofp_encode_flow_mod_table_id(struct ofpbuf *b, bool enable, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_NXT_FLOW_MOD_TABLE_ID,
                                OFP10_VERSION, true, xid);

    ofpbuf_put_u8(b, enable);
    ofpbuf_put_zeros(b, 7);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_nx_setting(const void *msg, size_t len, uint32_t *value)
{
    struct ofp_msg_info info;
    enum ofperr error = ofptype_decode(msg, len, &info);
    const uint8_t *p = (const uint8_t *) msg + 16;

    if (error) {
        return error;
    }
    switch (info.type) {
    case OFPTYPE_NXT_SET_FLOW_FORMAT:
    case OFPTYPE_NXT_SET_PACKET_IN_FORMAT:
        if (len != 20) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        *value = ofp_get32(p);
        if (info.type == OFPTYPE_NXT_SET_FLOW_FORMAT
            ? *value != NXFF_OPENFLOW10 && *value != NXFF_NXM
            : *value != NXPIF_STANDARD) {
            return OFPERR_OFPBRC_EPERM;
        }
        return 0;
    case OFPTYPE_NXT_FLOW_MOD_TABLE_ID:
        if (len != 24 || !ofp_is_zeros(p + 1, 7)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        *value = p[0];
        return *value > 1 ? OFPERR_OFPBRC_EPERM : 0;
    default:
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}
