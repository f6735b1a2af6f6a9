/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Statistics messages other than flow statistics: DESC, TABLE, PORT and
 * TABLE_FEATURES (declared in ofp-msgs.h). */

#include <config.h>

#include "ofp-msgs.h"

#include <stdio.h>
#include <string.h>
#include "ofp-match.h"
#include "ofpbuf.h"
#include "util.h"

#define DESC_LEN 256
#define SERIAL_LEN 32

static void
put_str(struct ofpbuf *b, const char *s, size_t size)
{
    char *dst = ofpbuf_put_zeros(b, size);

    memcpy(dst, s, strnlen(s, size - 1));
}

static void
get_str(char *dst, const uint8_t *src, size_t size)
{
    size_t n = strnlen((const char *) src, size - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

void
ofp_encode_desc_reply(struct ofpbuf *b, const struct ofp_desc *d,
                      uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_DESC_STATS_REPLY, version, false,
                                xid);

    put_str(b, d->mfr_desc, DESC_LEN);
    put_str(b, d->hw_desc, DESC_LEN);
    put_str(b, d->sw_desc, DESC_LEN);
    put_str(b, d->serial_num, SERIAL_LEN);
    put_str(b, d->dp_desc, DESC_LEN);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_desc_reply(const void *msg, size_t len, struct ofp_desc *d)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_DESC_STATS_REPLY, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n != 4 * DESC_LEN + SERIAL_LEN) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    get_str(d->mfr_desc, p, DESC_LEN);
    get_str(d->hw_desc, p + DESC_LEN, DESC_LEN);
    get_str(d->sw_desc, p + 2 * DESC_LEN, DESC_LEN);
    get_str(d->serial_num, p + 3 * DESC_LEN, SERIAL_LEN);
    get_str(d->dp_desc, p + 3 * DESC_LEN + SERIAL_LEN, DESC_LEN);
    return 0;
}

/* OpenFlow 1.0 table wildcards: every OFPFW10_* bit (22 bits). */
#define OFPFW10_ALL ((1u << 22) - 1)

void
ofp_encode_table_stats_reply(struct ofpbuf *b,
                             const struct ofp_table_stats *ts, size_t n,
                             uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_TABLE_STATS_REPLY, version, false,
                                xid);
    size_t i;

    for (i = 0; i < n; i++) {
        ofpbuf_put_u8(b, ts[i].table_id);
        ofpbuf_put_zeros(b, 3);
        if (version == OFP10_VERSION) {
            put_str(b, ts[i].name, 32);
            ofpbuf_put_be32(b, OFPFW10_ALL);
            ofpbuf_put_be32(b, ts[i].max_entries);
        }
        ofpbuf_put_be32(b, ts[i].active_count);
        ofpbuf_put_be64(b, ts[i].lookup_count);
        ofpbuf_put_be64(b, ts[i].matched_count);
    }
    ofpmsg_finish(b, start);
}

void
ofp_encode_port_stats_request(struct ofpbuf *b, ofp_port_t port,
                              uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PORT_STATS_REQUEST, version,
                                false, xid);

    if (version == OFP10_VERSION) {
        ofpbuf_put_be16(b, port);
        ofpbuf_put_zeros(b, 6);
    } else {
        ofpbuf_put_be32(b, ofp_port_to_ofp11(port));
        ofpbuf_put_zeros(b, 4);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_port_stats_request(const void *msg, size_t len, ofp_port_t *port)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_PORT_STATS_REQUEST, &info, &p, &n);
    if (error) {
        return error;
    }
    if (n != 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (info.version == OFP10_VERSION) {
        *port = ofp_get16(p);
        return ofp_is_zeros(p + 2, 6) ? 0 : OFPERR_OFPBRC_BAD_LEN;
    }
    *port = ofp_port_from_ofp11(ofp_get32(p), &error);
    return error ? error : ofp_is_zeros(p + 4, 4) ? 0 : OFPERR_OFPBRC_BAD_LEN;
}

void
ofp_encode_port_stats_reply(struct ofpbuf *b,
                            const struct ofp_port_stats *ps, size_t n,
                            uint8_t version, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_PORT_STATS_REPLY, version, false,
                                xid);
    size_t i;

    for (i = 0; i < n; i++) {
        const struct ofp_port_stats *s = &ps[i];
        const uint64_t counters[] = {
            s->rx_packets, s->tx_packets, s->rx_bytes, s->tx_bytes,
            s->rx_dropped, s->tx_dropped, s->rx_errors, s->tx_errors,
            s->rx_frame_err, s->rx_over_err, s->rx_crc_err, s->collisions,
        };
        size_t j;

        if (version == OFP10_VERSION) {
            ofpbuf_put_be16(b, s->port_no);
            ofpbuf_put_zeros(b, 6);
        } else {
            ofpbuf_put_be32(b, ofp_port_to_ofp11(s->port_no));
            ofpbuf_put_zeros(b, 4);
        }
        for (j = 0; j < ARRAY_SIZE(counters); j++) {
            ofpbuf_put_be64(b, counters[j]);
        }
        if (version != OFP10_VERSION) {
            ofpbuf_put_be32(b, s->duration_sec);
            ofpbuf_put_be32(b, s->duration_nsec);
        }
    }
    ofpmsg_finish(b, start);
}

/* Each OpenFlow 1.3 table-features entry: length(2), table_id(1), pad(5),
 * name[32], metadata_match(8), metadata_write(8), config(4),
 * max_entries(4), then properties; 64 bytes at least, a multiple of 8. */
enum ofperr
ofp_decode_table_features_request(const void *msg, size_t len,
                                  size_t *n_tables)
{
    struct ofp_msg_info info;
    struct ofp_cursor c;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    *n_tables = 0;
    error = ofpmsg_body(msg, len, OFPTYPE_TABLE_FEATURES_STATS_REQUEST,
                        &info, &p, &n);
    if (error) {
        return error;
    }
    ofp_cursor_init(&c, p, n);
    while (c.left) {
        size_t elen = c.left >= 2 ? ofp_get16(c.p) : 0;

        if (elen < 64 || elen % 8 || elen > c.left) {
            return OFPERR_OFPTFFC_BAD_LEN;
        }
        ofp_cursor_pull(&c, elen);
        ++*n_tables;
    }
    return 0;
}

enum ofperr
ofp_decode_table_stats_reply(const void *msg, size_t len,
                             struct ofp_table_stats **tsp, size_t *np)
{
    struct ofp_msg_info info;
    struct ofp_table_stats *ts;
    const uint8_t *p;
    size_t n, elen, i;
    enum ofperr error;

    *tsp = NULL;
    *np = 0;
    error = ofpmsg_body(msg, len, OFPTYPE_TABLE_STATS_REPLY, &info, &p, &n);
    if (error) {
        return error;
    }
    elen = info.version == OFP10_VERSION ? 64 : 24;
    if (n % elen) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ts = xcalloc(n / elen + 1, sizeof *ts);
    for (i = 0; i < n / elen; i++, p += elen) {
        ts[i].table_id = p[0];
        if (info.version == OFP10_VERSION) {
            get_str(ts[i].name, p + 4, 32);
            ts[i].max_entries = ofp_get32(p + 40);
            p += 40;
            ts[i].active_count = ofp_get32(p + 4);
            ts[i].lookup_count = ofp_get64(p + 8);
            ts[i].matched_count = ofp_get64(p + 16);
            p -= 40;
        } else {
            ts[i].active_count = ofp_get32(p + 4);
            ts[i].lookup_count = ofp_get64(p + 8);
            ts[i].matched_count = ofp_get64(p + 16);
        }
    }
    *tsp = ts;
    *np = n / elen;
    return 0;
}

enum ofperr
ofp_decode_port_stats_reply(const void *msg, size_t len,
                            struct ofp_port_stats **psp, size_t *np)
{
    struct ofp_msg_info info;
    struct ofp_port_stats *ps;
    const uint8_t *p;
    size_t n, elen, i;
    enum ofperr error;

    *psp = NULL;
    *np = 0;
    error = ofpmsg_body(msg, len, OFPTYPE_PORT_STATS_REPLY, &info, &p, &n);
    if (error) {
        return error;
    }
    elen = info.version == OFP10_VERSION ? 104 : 112;
    if (n % elen) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ps = xcalloc(n / elen + 1, sizeof *ps);
    for (i = 0; i < n / elen; i++, p += elen) {
        uint64_t *counters[] = {
            &ps[i].rx_packets, &ps[i].tx_packets, &ps[i].rx_bytes,
            &ps[i].tx_bytes, &ps[i].rx_dropped, &ps[i].tx_dropped,
            &ps[i].rx_errors, &ps[i].tx_errors, &ps[i].rx_frame_err,
            &ps[i].rx_over_err, &ps[i].rx_crc_err, &ps[i].collisions,
        };
        size_t j;

        if (info.version == OFP10_VERSION) {
            ps[i].port_no = ofp_get16(p);
        } else {
            ps[i].port_no = ofp_port_from_ofp11(ofp_get32(p), &error);
            ps[i].duration_sec = ofp_get32(p + 104);
            ps[i].duration_nsec = ofp_get32(p + 108);
        }
        for (j = 0; j < ARRAY_SIZE(counters); j++) {
            *counters[j] = ofp_get64(p + 8 + 8 * j);
        }
        if (error) {
            free(ps);
            return error;
        }
    }
    *psp = ps;
    *np = n / elen;
    return 0;
}

/* Table-features property types that a reply must carry (even empty):
 * instructions, next tables, write actions, apply actions, match,
 * wildcards, write set-field, apply set-field. */
static const uint16_t required_props[] = { 0, 2, 4, 6, 8, 10, 12, 14 };

void
ofp_encode_table_features_reply(struct ofpbuf *b, uint8_t n_tables,
                                uint32_t max_entries, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_TABLE_FEATURES_STATS_REPLY,
                                OFP13_VERSION, false, xid);
    unsigned int t;
    size_t i;

    for (t = 0; t < n_tables; t++) {
        size_t entry = b->size;
        char name[32];

        ofpbuf_put_be16(b, 0);
        ofpbuf_put_u8(b, t);
        ofpbuf_put_zeros(b, 5);
        /* No name, as stock's switch: ovs-ofctl then shows table numbers
         * (a name, even "table0", would be printed instead). */
        memset(name, 0, sizeof name);
        put_str(b, name, sizeof name);
        ofpbuf_put_be64(b, UINT64_MAX);     /* metadata_match */
        ofpbuf_put_be64(b, UINT64_MAX);     /* metadata_write */
        ofpbuf_put_be32(b, 0);              /* config */
        ofpbuf_put_be32(b, max_entries);
        for (i = 0; i < ARRAY_SIZE(required_props); i++) {
            ofpbuf_put_be16(b, required_props[i]);
            ofpbuf_put_be16(b, 4);
            ofpbuf_put_zeros(b, 4);
        }
        ofpbuf_set_be16(b, entry, b->size - entry);
    }
    ofpmsg_finish(b, start);
}
