/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-flow.h"

#include <string.h>
#include "ofp-match.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "util.h"

#define OF10_FLAGS (OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP)
#define OF13_FLAGS (OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP \
                    | OFPFF_RESET_COUNTS | OFPFF_NO_PKT_COUNTS \
                    | OFPFF_NO_BYT_COUNTS)

uint8_t
ofp_protocol_version(enum ofp_protocol proto)
{
    return proto == OFP_PROTO_OF13 ? OFP13_VERSION : OFP10_VERSION;
}

void
ofp_flow_mod_init(struct ofp_flow_mod *fm)
{
    memset(fm, 0, sizeof *fm);
    match_init_catchall(&fm->match);
    fm->priority = OFP_DEFAULT_PRIORITY;
    fm->table_id = OFPTT_ALL;
    fm->buffer_id = OFP_NO_BUFFER;
    fm->out_port = OFPP_NONE;
    fm->out_group = OFPG_ANY;
    ofpacts_init(&fm->ofpacts);
}

void
ofp_flow_mod_uninit(struct ofp_flow_mod *fm)
{
    if (fm) {
        ofpacts_uninit(&fm->ofpacts);
    }
}

/* Decodes the NXM match of 'match_len' bytes at the cursor, padded to 8
 * bytes, with an optional cookie entry. */
static enum ofperr
pull_nxm(struct ofp_cursor *c, size_t match_len, struct match *match,
         uint64_t *cookie, uint64_t *cookie_mask)
{
    size_t padded = OFP_ROUND_UP(match_len, 8);
    const uint8_t *p = ofp_cursor_pull(c, padded);
    ovs_be64 ck, ckm;
    enum ofperr error;

    if (!p || !ofp_is_zeros(p + match_len, padded - match_len)) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    error = nx_pull_entries(p, match_len, match, &ck, &ckm);
    if (cookie) {
        *cookie = ntohll(ck);
        *cookie_mask = ntohll(ckm);
    } else if (ckm) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    return error;
}

static void
put_nxm(struct ofpbuf *b, size_t len_ofs, const struct match *match,
        uint64_t cookie, uint64_t cookie_mask)
{
    size_t n = nx_put_entries(b, match, false, htonll(cookie),
                              htonll(cookie_mask));

    ofpbuf_set_be16(b, len_ofs, n);
    ofpbuf_pad(b, 8);
}

static enum ofperr
check_command(const struct ofp_flow_mod *fm)
{
    return fm->command > OFPFC_DELETE_STRICT ? OFPERR_OFPFMFC_BAD_COMMAND : 0;
}

/* The fields that OpenFlow 1.0 and NXT_FLOW_MOD share, from 'p' (the
 * command). */
static enum ofperr
decode_of10_common(const uint8_t *p, bool table_id_ext,
                   struct ofp_flow_mod *fm)
{
    uint16_t command = ofp_get16(p);

    fm->command = command & 0xff;
    fm->table_id = table_id_ext ? command >> 8 : OFPTT_ALL;
    if (!table_id_ext && command >> 8) {
        return OFPERR_OFPFMFC_BAD_COMMAND;
    }
    fm->idle_timeout = ofp_get16(p + 2);
    fm->hard_timeout = ofp_get16(p + 4);
    fm->priority = ofp_get16(p + 6);
    fm->buffer_id = ofp_get32(p + 8);
    fm->out_port = ofp_get16(p + 12);
    fm->flags = ofp_get16(p + 14);
    if (fm->flags & ~OF10_FLAGS) {
        return OFPERR_OFPFMFC_BAD_FLAGS;
    }
    return check_command(fm);
}

static enum ofperr
decode_flow_mod_of10(const uint8_t *p, size_t n, bool table_id_ext,
                     struct ofp_flow_mod *fm)
{
    enum ofperr error;

    if (n < 64) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = ofp10_match_decode(p, &fm->match);
    if (!error) {
        fm->new_cookie = ofp_get64(p + 40);
        error = decode_of10_common(p + 48, table_id_ext, fm);
    }
    if (!error && (fm->command == OFPFC_DELETE
                   || fm->command == OFPFC_DELETE_STRICT)) {
        fm->cookie = fm->new_cookie;
    }
    return error ? error : ofpacts_decode_of10(p + 64, n - 64, &fm->ofpacts);
}

static enum ofperr
decode_flow_mod_nxm(const uint8_t *p, size_t n, bool table_id_ext,
                    struct ofp_flow_mod *fm)
{
    struct ofp_cursor c;
    enum ofperr error;

    if (n < 32) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (!ofp_is_zeros(p + 26, 6)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    fm->new_cookie = ofp_get64(p);
    error = decode_of10_common(p + 8, table_id_ext, fm);
    if (error) {
        return error;
    }
    ofp_cursor_init(&c, p + 32, n - 32);
    error = pull_nxm(&c, ofp_get16(p + 24), &fm->match, &fm->cookie,
                     &fm->cookie_mask);
    if (error) {
        return error;
    }
    if (fm->command == OFPFC_ADD && fm->cookie_mask) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    return ofpacts_decode_of10(c.p, c.left, &fm->ofpacts);
}

static enum ofperr
decode_flow_mod_of13(const uint8_t *p, size_t n, struct ofp_flow_mod *fm)
{
    struct ofp_cursor c;
    enum ofperr error;

    if (n < 40) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    fm->cookie = ofp_get64(p);
    fm->cookie_mask = ofp_get64(p + 8);
    fm->table_id = p[16];
    fm->command = p[17];
    fm->idle_timeout = ofp_get16(p + 18);
    fm->hard_timeout = ofp_get16(p + 20);
    fm->priority = ofp_get16(p + 22);
    fm->buffer_id = ofp_get32(p + 24);
    fm->out_port = ofp_port_from_ofp11(ofp_get32(p + 28), &error);
    if (error) {
        return error;
    }
    fm->out_group = ofp_get32(p + 32);
    fm->flags = ofp_get16(p + 36);
    if (fm->flags & ~OF13_FLAGS) {
        return OFPERR_OFPFMFC_BAD_FLAGS;
    }
    if (!ofp_is_zeros(p + 38, 2)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = check_command(fm);
    if (error) {
        return error;
    }
    if (fm->command == OFPFC_ADD) {
        if (fm->table_id == OFPTT_ALL) {
            return OFPERR_OFPFMFC_BAD_TABLE_ID;
        }
        fm->new_cookie = fm->cookie;
        fm->cookie = fm->cookie_mask = 0;
    } else {
        fm->cookie &= fm->cookie_mask;
        fm->new_cookie = UINT64_MAX;
    }
    ofp_cursor_init(&c, p + 40, n - 40);
    error = oxm_pull_match(&c, &fm->match);
    return error ? error : ofpinsts_decode_of13(c.p, c.left, &fm->ofpacts);
}

enum ofperr
ofp_decode_flow_mod(const void *msg, size_t len, bool table_id_ext,
                    struct ofp_flow_mod *fm, enum ofp_protocol *proto)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    ofpacts_uninit(&fm->ofpacts);
    ofp_flow_mod_init(fm);
    error = ofpmsg_body(msg, len, OFPTYPE_FLOW_MOD, &info, &p, &n);
    if (error) {
        return error;
    }
    if (info.version == OFP10_VERSION) {
        *proto = info.nicira ? OFP_PROTO_OF10_NXM : OFP_PROTO_OF10;
        return (info.nicira
                ? decode_flow_mod_nxm(p, n, table_id_ext, fm)
                : decode_flow_mod_of10(p, n, table_id_ext, fm));
    }
    *proto = OFP_PROTO_OF13;
    return decode_flow_mod_of13(p, n, fm);
}

static bool
is_delete(uint8_t command)
{
    return command == OFPFC_DELETE || command == OFPFC_DELETE_STRICT;
}

static bool
is_modify(uint8_t command)
{
    return command == OFPFC_MODIFY || command == OFPFC_MODIFY_STRICT;
}

/* OpenFlow 1.0 has one cookie field: the new cookie, or for a delete the
 * cookie to match (exactly). */
static uint64_t
of10_cookie(const struct ofp_flow_mod *fm)
{
    if (is_delete(fm->command)) {
        return fm->cookie;
    }
    return fm->new_cookie == UINT64_MAX ? 0 : fm->new_cookie;
}

static void
put_of10_common(struct ofpbuf *b, const struct ofp_flow_mod *fm)
{
    ofpbuf_put_be16(b, (fm->table_id != OFPTT_ALL ? fm->table_id << 8 : 0)
                    | fm->command);
    ofpbuf_put_be16(b, fm->idle_timeout);
    ofpbuf_put_be16(b, fm->hard_timeout);
    ofpbuf_put_be16(b, fm->priority);
    ofpbuf_put_be32(b, fm->buffer_id);
    ofpbuf_put_be16(b, fm->out_port);
    ofpbuf_put_be16(b, fm->flags & OF10_FLAGS);
}

/* Appends the instructions of 'fm' in OpenFlow 1.3.  "mod_vlan_vid" on a
 * flow that does not match a VLAN header means "push one if needed", which
 * OpenFlow 1.3 spells push_vlan + set_field, as stock sends it. */
static void
put_insts_of13(struct ofpbuf *b, const struct ofp_flow_mod *fm)
{
    const struct ofpacts *acts = &fm->ofpacts;
    struct ofpacts copy = OFPACTS_INITIALIZER;
    bool has_vlan = ((fm->match.wc.masks.vlans[0].tci & htons(VLAN_CFI))
                     && flow_vlan_present(&fm->match.flow, 0));
    bool needs = false, pushed = false;
    size_t i;

    for (i = 0; !has_vlan && i < acts->n; i++) {
        enum ofpact_type type = acts->acts[i].type;

        pushed = (type == OFPACT_PUSH_VLAN ? true
                  : type == OFPACT_STRIP_VLAN ? false : pushed);
        if (type == OFPACT_SET_VLAN_VID && !pushed) {
            needs = true;
            break;
        }
    }
    if (!needs) {
        ofpinsts_encode_of13(acts, b);
        return;
    }
    pushed = false;
    for (i = 0; i < acts->n; i++) {
        const struct ofpact *a = &acts->acts[i];

        pushed = (a->type == OFPACT_PUSH_VLAN ? true
                  : a->type == OFPACT_STRIP_VLAN ? false : pushed);
        if (a->type == OFPACT_SET_VLAN_VID && !pushed) {
            ofpacts_put(&copy, OFPACT_PUSH_VLAN)->u16 = 0x8100;
            pushed = true;
        }
        *ofpacts_put(&copy, a->type) = *a;
    }
    ofpinsts_encode_of13(&copy, b);
    ofpacts_uninit(&copy);
}

void
ofp_encode_flow_mod(struct ofpbuf *b, const struct ofp_flow_mod *fm,
                    enum ofp_protocol proto, uint32_t xid)
{
    uint8_t version = ofp_protocol_version(proto);
    size_t start = ofpmsg_start(b, OFPTYPE_FLOW_MOD, version,
                                proto == OFP_PROTO_OF10_NXM, xid);
    size_t len_ofs;

    switch (proto) {
    case OFP_PROTO_OF10:
        ofp10_match_encode(b, &fm->match);
        ofpbuf_put_be64(b, of10_cookie(fm));
        put_of10_common(b, fm);
        ofpacts_encode_of10(&fm->ofpacts, b);
        break;
    case OFP_PROTO_OF10_NXM:
        /* All-ones on a modify keeps the flows' cookies; stock sends it
         * that way when the modify filters on a cookie. */
        ofpbuf_put_be64(b, (fm->new_cookie == UINT64_MAX
                            && !is_modify(fm->command) ? 0
                            : fm->new_cookie));
        put_of10_common(b, fm);
        len_ofs = b->size;
        ofpbuf_put_zeros(b, 8);
        put_nxm(b, len_ofs, &fm->match, fm->cookie, fm->cookie_mask);
        ofpacts_encode_of10(&fm->ofpacts, b);
        break;
    case OFP_PROTO_OF13:
    default:
        if (fm->command == OFPFC_ADD) {
            ofpbuf_put_be64(b, fm->new_cookie);
            ofpbuf_put_be64(b, 0);
        } else {
            ofpbuf_put_be64(b, fm->cookie);
            ofpbuf_put_be64(b, fm->cookie_mask);
        }
        ofpbuf_put_u8(b, (fm->table_id == OFPTT_ALL && !is_delete(fm->command)
                          ? 0 : fm->table_id));
        ofpbuf_put_u8(b, fm->command);
        ofpbuf_put_be16(b, fm->idle_timeout);
        ofpbuf_put_be16(b, fm->hard_timeout);
        ofpbuf_put_be16(b, fm->priority);
        ofpbuf_put_be32(b, fm->buffer_id);
        ofpbuf_put_be32(b, ofp_port_to_ofp11(fm->out_port));
        ofpbuf_put_be32(b, fm->out_group);
        ofpbuf_put_be16(b, fm->flags & OF13_FLAGS);
        ofpbuf_put_zeros(b, 2);
        oxm_put_match(b, &fm->match);
        put_insts_of13(b, fm);
        break;
    }
    ofpmsg_finish(b, start);
}

/* FLOW_REMOVED. */

void
ofp_encode_flow_removed(struct ofpbuf *b, const struct ofp_flow_removed *fr,
                        enum ofp_protocol proto, uint32_t xid)
{
    uint8_t version = ofp_protocol_version(proto);
    size_t start = ofpmsg_start(b, OFPTYPE_FLOW_REMOVED, version, false,
                                xid);

    if (version == OFP10_VERSION) {
        ofp10_match_encode(b, &fr->match);
    }
    ofpbuf_put_be64(b, fr->cookie);
    ofpbuf_put_be16(b, fr->priority);
    ofpbuf_put_u8(b, fr->reason);
    ofpbuf_put_u8(b, version == OFP10_VERSION ? 0 : fr->table_id);
    ofpbuf_put_be32(b, fr->duration_sec);
    ofpbuf_put_be32(b, fr->duration_nsec);
    ofpbuf_put_be16(b, fr->idle_timeout);
    if (version == OFP10_VERSION) {
        ofpbuf_put_zeros(b, 2);
    } else {
        ofpbuf_put_be16(b, fr->hard_timeout);
    }
    ofpbuf_put_be64(b, fr->packet_count);
    ofpbuf_put_be64(b, fr->byte_count);
    if (version != OFP10_VERSION) {
        oxm_put_match(b, &fr->match);
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_flow_removed(const void *msg, size_t len,
                        struct ofp_flow_removed *fr)
{
    struct ofp_msg_info info;
    struct ofp_cursor c;
    const uint8_t *p;
    size_t n;
    enum ofperr error;
    bool v10;

    memset(fr, 0, sizeof *fr);
    error = ofpmsg_body(msg, len, OFPTYPE_FLOW_REMOVED, &info, &p, &n);
    if (error) {
        return error;
    }
    v10 = info.version == OFP10_VERSION;
    if (n < (v10 ? 80 : 40) || (v10 && n != 80)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (v10) {
        error = ofp10_match_decode(p, &fr->match);
        if (error) {
            return error;
        }
        p += 40;
    }
    fr->cookie = ofp_get64(p);
    fr->priority = ofp_get16(p + 8);
    fr->reason = p[10];
    fr->table_id = v10 ? 0 : p[11];
    fr->duration_sec = ofp_get32(p + 12);
    fr->duration_nsec = ofp_get32(p + 16);
    fr->idle_timeout = ofp_get16(p + 20);
    fr->hard_timeout = v10 ? 0 : ofp_get16(p + 22);
    fr->packet_count = ofp_get64(p + 24);
    fr->byte_count = ofp_get64(p + 32);
    if (v10 && (!ofp_is_zeros(p + 11, 1) || !ofp_is_zeros(p + 22, 2))) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (v10) {
        return 0;
    }
    ofp_cursor_init(&c, p + 40, n - 40);
    error = oxm_pull_match(&c, &fr->match);
    return error ? error : c.left ? OFPERR_OFPBRC_BAD_LEN : 0;
}

/* FLOW and AGGREGATE statistics. */

void
ofp_encode_flow_stats_request(struct ofpbuf *b,
                              const struct ofp_flow_stats_request *fsr,
                              enum ofp_protocol proto, uint32_t xid)
{
    enum ofptype type = (fsr->aggregate ? OFPTYPE_AGGREGATE_STATS_REQUEST
                         : OFPTYPE_FLOW_STATS_REQUEST);
    size_t start = ofpmsg_start(b, type, ofp_protocol_version(proto),
                                proto == OFP_PROTO_OF10_NXM, xid);
    size_t len_ofs;

    switch (proto) {
    case OFP_PROTO_OF10:
        ofp10_match_encode(b, &fsr->match);
        ofpbuf_put_u8(b, fsr->table_id);
        ofpbuf_put_u8(b, 0);
        ofpbuf_put_be16(b, fsr->out_port);
        break;
    case OFP_PROTO_OF10_NXM:
        ofpbuf_put_be16(b, fsr->out_port);
        len_ofs = b->size;
        ofpbuf_put_be16(b, 0);
        ofpbuf_put_u8(b, fsr->table_id);
        ofpbuf_put_zeros(b, 3);
        put_nxm(b, len_ofs, &fsr->match, fsr->cookie, fsr->cookie_mask);
        break;
    case OFP_PROTO_OF13:
    default:
        ofpbuf_put_u8(b, fsr->table_id);
        ofpbuf_put_zeros(b, 3);
        ofpbuf_put_be32(b, ofp_port_to_ofp11(fsr->out_port));
        ofpbuf_put_be32(b, fsr->out_group);
        ofpbuf_put_zeros(b, 4);
        ofpbuf_put_be64(b, fsr->cookie);
        ofpbuf_put_be64(b, fsr->cookie_mask);
        oxm_put_match(b, &fsr->match);
        break;
    }
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_flow_stats_request(const void *msg, size_t len,
                              struct ofp_flow_stats_request *fsr,
                              enum ofp_protocol *proto)
{
    struct ofp_msg_info info;
    struct ofp_cursor c;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    memset(fsr, 0, sizeof *fsr);
    error = ofptype_decode(msg, len, &info);
    if (error) {
        return error;
    }
    if (info.type != OFPTYPE_FLOW_STATS_REQUEST
        && info.type != OFPTYPE_AGGREGATE_STATS_REQUEST) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    fsr->aggregate = info.type == OFPTYPE_AGGREGATE_STATS_REQUEST;
    fsr->out_group = OFPG_ANY;
    p = (const uint8_t *) msg + info.header_len;
    n = len - info.header_len;
    if (info.version == OFP10_VERSION && !info.nicira) {
        *proto = OFP_PROTO_OF10;
        if (n != 44 || p[41]) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->table_id = p[40];
        fsr->out_port = ofp_get16(p + 42);
        return ofp10_match_decode(p, &fsr->match);
    } else if (info.nicira) {
        *proto = OFP_PROTO_OF10_NXM;
        if (n < 8 || !ofp_is_zeros(p + 5, 3)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->out_port = ofp_get16(p);
        fsr->table_id = p[4];
        ofp_cursor_init(&c, p + 8, n - 8);
        error = pull_nxm(&c, ofp_get16(p + 2), &fsr->match, &fsr->cookie,
                         &fsr->cookie_mask);
        return error ? error : c.left ? OFPERR_OFPBRC_BAD_LEN : 0;
    }
    *proto = OFP_PROTO_OF13;
    if (n < 32 || !ofp_is_zeros(p + 1, 3) || !ofp_is_zeros(p + 12, 4)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    fsr->table_id = p[0];
    fsr->out_port = ofp_port_from_ofp11(ofp_get32(p + 4), &error);
    if (error) {
        return error;
    }
    fsr->out_group = ofp_get32(p + 8);
    fsr->cookie = ofp_get64(p + 16);
    fsr->cookie_mask = ofp_get64(p + 24);
    ofp_cursor_init(&c, p + 32, n - 32);
    error = oxm_pull_match(&c, &fsr->match);
    return error ? error : c.left ? OFPERR_OFPBRC_BAD_LEN : 0;
}

size_t
ofp_flow_stats_reply_start(struct ofpbuf *b, enum ofp_protocol proto,
                           uint32_t xid)
{
    return ofpmsg_start(b, OFPTYPE_FLOW_STATS_REPLY,
                        ofp_protocol_version(proto),
                        proto == OFP_PROTO_OF10_NXM, xid);
}

void
ofp_flow_stats_reply_append(struct ofpbuf *b, const struct ofp_flow_stats *fs,
                            enum ofp_protocol proto)
{
    size_t start = b->size, len_ofs;

    ofpbuf_put_be16(b, 0);
    ofpbuf_put_u8(b, fs->table_id);
    ofpbuf_put_u8(b, 0);
    switch (proto) {
    case OFP_PROTO_OF10:
        ofp10_match_encode(b, &fs->match);
        ofpbuf_put_be32(b, fs->duration_sec);
        ofpbuf_put_be32(b, fs->duration_nsec);
        ofpbuf_put_be16(b, fs->priority);
        ofpbuf_put_be16(b, fs->idle_timeout);
        ofpbuf_put_be16(b, fs->hard_timeout);
        ofpbuf_put_zeros(b, 6);
        ofpbuf_put_be64(b, fs->cookie);
        ofpbuf_put_be64(b, fs->packet_count);
        ofpbuf_put_be64(b, fs->byte_count);
        ofpacts_encode_of10(&fs->ofpacts, b);
        break;
    case OFP_PROTO_OF10_NXM:
        ofpbuf_put_be32(b, fs->duration_sec);
        ofpbuf_put_be32(b, fs->duration_nsec);
        ofpbuf_put_be16(b, fs->priority);
        ofpbuf_put_be16(b, fs->idle_timeout);
        ofpbuf_put_be16(b, fs->hard_timeout);
        len_ofs = b->size;
        ofpbuf_put_be16(b, 0);
        ofpbuf_put_be16(b, fs->idle_age < 0 ? 0 : fs->idle_age + 1);
        ofpbuf_put_be16(b, fs->hard_age < 0 ? 0 : fs->hard_age + 1);
        ofpbuf_put_be64(b, fs->cookie);
        ofpbuf_put_be64(b, fs->packet_count);
        ofpbuf_put_be64(b, fs->byte_count);
        put_nxm(b, len_ofs, &fs->match, 0, 0);
        ofpacts_encode_of10(&fs->ofpacts, b);
        break;
    case OFP_PROTO_OF13:
    default:
        ofpbuf_put_be32(b, fs->duration_sec);
        ofpbuf_put_be32(b, fs->duration_nsec);
        ofpbuf_put_be16(b, fs->priority);
        ofpbuf_put_be16(b, fs->idle_timeout);
        ofpbuf_put_be16(b, fs->hard_timeout);
        ofpbuf_put_be16(b, fs->flags);
        ofpbuf_put_zeros(b, 4);
        ofpbuf_put_be64(b, fs->cookie);
        ofpbuf_put_be64(b, fs->packet_count);
        ofpbuf_put_be64(b, fs->byte_count);
        oxm_put_match(b, &fs->match);
        ofpinsts_encode_of13(&fs->ofpacts, b);
        break;
    }
    ofpbuf_set_be16(b, start, b->size - start);
}

/* Decodes one flow entry of 'n' bytes (its length field) at 'p'. */
static enum ofperr
decode_flow_stats_entry(const uint8_t *p, size_t n, uint8_t version,
                        bool nicira, struct ofp_flow_stats *fs)
{
    struct ofp_cursor c;
    enum ofperr error;

    fs->table_id = p[2];
    fs->idle_age = fs->hard_age = -1;
    if (version == OFP10_VERSION && !nicira) {
        if (n < 88 || !ofp_is_zeros(p + 58, 6)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofp10_match_decode(p + 4, &fs->match);
        fs->duration_sec = ofp_get32(p + 44);
        fs->duration_nsec = ofp_get32(p + 48);
        fs->priority = ofp_get16(p + 52);
        fs->idle_timeout = ofp_get16(p + 54);
        fs->hard_timeout = ofp_get16(p + 56);
        fs->cookie = ofp_get64(p + 64);
        fs->packet_count = ofp_get64(p + 72);
        fs->byte_count = ofp_get64(p + 80);
        return error ? error : ofpacts_decode_of10(p + 88, n - 88,
                                                   &fs->ofpacts);
    }
    if (n < 48) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    fs->duration_sec = ofp_get32(p + 4);
    fs->duration_nsec = ofp_get32(p + 8);
    fs->priority = ofp_get16(p + 12);
    fs->idle_timeout = ofp_get16(p + 14);
    fs->hard_timeout = ofp_get16(p + 16);
    fs->cookie = ofp_get64(p + 24);
    fs->packet_count = ofp_get64(p + 32);
    fs->byte_count = ofp_get64(p + 40);
    ofp_cursor_init(&c, p + 48, n - 48);
    if (nicira) {
        fs->idle_age = (int) ofp_get16(p + 20) - 1;
        fs->hard_age = (int) ofp_get16(p + 22) - 1;
        error = pull_nxm(&c, ofp_get16(p + 18), &fs->match, NULL, NULL);
        return error ? error : ofpacts_decode_of10(c.p, c.left,
                                                   &fs->ofpacts);
    }
    fs->flags = ofp_get16(p + 18);
    if (!ofp_is_zeros(p + 20, 4)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = oxm_pull_match(&c, &fs->match);
    return error ? error : ofpinsts_decode_of13(c.p, c.left, &fs->ofpacts);
}

enum ofperr
ofp_decode_flow_stats_reply(const void *msg, size_t len,
                            struct ofp_flow_stats **fssp, size_t *np)
{
    struct ofp_flow_stats *fss = NULL;
    struct ofp_msg_info info;
    struct ofp_cursor c;
    const uint8_t *p;
    size_t n, count = 0, allocated = 0;
    enum ofperr error;

    *fssp = NULL;
    *np = 0;
    error = ofpmsg_body(msg, len, OFPTYPE_FLOW_STATS_REPLY, &info, &p, &n);
    if (error) {
        return error;
    }
    ofp_cursor_init(&c, p, n);
    while (c.left) {
        size_t elen = c.left >= 2 ? ofp_get16(c.p) : 0;
        const uint8_t *e;

        if (elen < 4 || elen % 8 || !(e = ofp_cursor_pull(&c, elen))) {
            error = OFPERR_OFPBRC_BAD_LEN;
            break;
        }
        if (count >= allocated) {
            allocated = allocated ? allocated * 2 : 4;
            fss = xrealloc(fss, allocated * sizeof *fss);
        }
        memset(&fss[count], 0, sizeof fss[count]);
        ofpacts_init(&fss[count].ofpacts);
        error = decode_flow_stats_entry(e, elen, info.version, info.nicira,
                                        &fss[count]);
        count++;
        if (error) {
            break;
        }
    }
    if (error) {
        ofp_flow_stats_free(fss, count);
        return error;
    }
    *fssp = fss;
    *np = count;
    return 0;
}

void
ofp_flow_stats_free(struct ofp_flow_stats *fss, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ofpacts_uninit(&fss[i].ofpacts);
    }
    free(fss);
}

void
ofp_encode_aggregate_reply(struct ofpbuf *b,
                           const struct ofp_aggregate_stats *as,
                           enum ofp_protocol proto, uint32_t xid)
{
    size_t start = ofpmsg_start(b, OFPTYPE_AGGREGATE_STATS_REPLY,
                                ofp_protocol_version(proto),
                                proto == OFP_PROTO_OF10_NXM, xid);

    ofpbuf_put_be64(b, as->packet_count);
    ofpbuf_put_be64(b, as->byte_count);
    ofpbuf_put_be32(b, as->flow_count);
    ofpbuf_put_zeros(b, 4);
    ofpmsg_finish(b, start);
}

enum ofperr
ofp_decode_aggregate_reply(const void *msg, size_t len,
                           struct ofp_aggregate_stats *as)
{
    struct ofp_msg_info info;
    const uint8_t *p;
    size_t n;
    enum ofperr error;

    error = ofpmsg_body(msg, len, OFPTYPE_AGGREGATE_STATS_REPLY, &info, &p,
                        &n);
    if (error) {
        return error;
    }
    if (n != 24 || !ofp_is_zeros(p + 20, 4)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    as->packet_count = ofp_get64(p);
    as->byte_count = ofp_get64(p + 8);
    as->flow_count = ofp_get32(p + 16);
    return 0;
}
