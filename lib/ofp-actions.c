/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-actions.h"

#include <string.h>
#include "match.h"
#include "ofp-match.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "util.h"

/* Action types on the wire. */
enum {
    OFPAT10_OUTPUT = 0, OFPAT10_SET_VLAN_VID, OFPAT10_SET_VLAN_PCP,
    OFPAT10_STRIP_VLAN, OFPAT10_SET_DL_SRC, OFPAT10_SET_DL_DST,
    OFPAT10_SET_NW_SRC, OFPAT10_SET_NW_DST, OFPAT10_SET_NW_TOS,
    OFPAT10_SET_TP_SRC, OFPAT10_SET_TP_DST, OFPAT10_ENQUEUE,
};

enum {
    OFPAT13_OUTPUT = 0, OFPAT13_COPY_TTL_OUT = 11, OFPAT13_COPY_TTL_IN = 12,
    OFPAT13_SET_MPLS_TTL = 15, OFPAT13_DEC_MPLS_TTL = 16,
    OFPAT13_PUSH_VLAN = 17, OFPAT13_POP_VLAN = 18, OFPAT13_PUSH_MPLS = 19,
    OFPAT13_POP_MPLS = 20, OFPAT13_SET_QUEUE = 21, OFPAT13_GROUP = 22,
    OFPAT13_SET_NW_TTL = 23, OFPAT13_DEC_NW_TTL = 24,
    OFPAT13_SET_FIELD = 25,
};

#define OFPAT_VENDOR 0xffff

enum {
    NXAST_RESUBMIT = 1, NXAST_SET_TUNNEL = 2, NXAST_REG_MOVE = 6,
    NXAST_REG_LOAD = 7, NXAST_NOTE = 8, NXAST_SET_TUNNEL64 = 9,
    NXAST_RESUBMIT_TABLE = 14, NXAST_OUTPUT_REG = 15, NXAST_DEC_TTL = 18,
    NXAST_CONTROLLER = 20,
};

enum {
    OFPIT13_GOTO_TABLE = 1, OFPIT13_WRITE_METADATA = 2,
    OFPIT13_WRITE_ACTIONS = 3, OFPIT13_APPLY_ACTIONS = 4,
    OFPIT13_CLEAR_ACTIONS = 5, OFPIT13_METER = 6,
};

/* struct ofpacts. */

void
ofpacts_init(struct ofpacts *o)
{
    o->acts = NULL;
    o->n = o->allocated = 0;
}

void
ofpacts_uninit(struct ofpacts *o)
{
    if (o) {
        free(o->acts);
        ofpacts_init(o);
    }
}

struct ofpact *
ofpacts_put(struct ofpacts *o, enum ofpact_type type)
{
    struct ofpact *a;

    if (o->n >= o->allocated) {
        o->allocated = o->allocated ? o->allocated * 2 : 8;
        o->acts = xrealloc(o->acts, o->allocated * sizeof *o->acts);
    }
    a = &o->acts[o->n++];
    memset(a, 0, sizeof *a);
    a->type = type;
    return a;
}

bool
ofpacts_equal(const struct ofpacts *a, const struct ofpacts *b)
{
    return (a->n == b->n
            && (!a->n || !memcmp(a->acts, b->acts, a->n * sizeof *a->acts)));
}

/* Decoding.
 *
 * Each wire action has an entry in a per-version table: its type (or
 * Nicira subtype), its length (0 for "variable, a multiple of 8, at least
 * 'min_len'") and a function that decodes an action whose length was
 * already checked.  'p' points to the action's header. */

struct act_decoder {
    uint16_t type;
    uint16_t len;
    uint16_t min_len;
    enum ofperr (*decode)(const uint8_t *p, size_t len, struct ofpacts *);
};

static enum ofperr
check_zero(const uint8_t *p, size_t n)
{
    return ofp_is_zeros(p, n) ? 0 : OFPERR_NXBAC_MUST_BE_ZERO;
}

static enum ofperr
dec_of10_output(const uint8_t *p, size_t len OVS_UNUSED,
                struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_OUTPUT);

    a->output.port = ofp_get16(p + 4);
    a->output.max_len = ofp_get16(p + 6);
    if (!a->output.port || (a->output.port >= OFPP_MAX
                            && a->output.port < OFPP_IN_PORT)
        || a->output.port == OFPP_NONE) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return 0;
}

static enum ofperr
dec_of10_vlan_vid(const uint8_t *p, size_t len OVS_UNUSED,
                  struct ofpacts *o)
{
    uint16_t vid = ofp_get16(p + 4);

    if (vid > VLAN_VID_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpacts_put(o, OFPACT_SET_VLAN_VID)->u16 = vid;
    return check_zero(p + 6, 2);
}

static enum ofperr
dec_of10_vlan_pcp(const uint8_t *p, size_t len OVS_UNUSED,
                  struct ofpacts *o)
{
    if (p[4] > 7) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpacts_put(o, OFPACT_SET_VLAN_PCP)->u8 = p[4];
    return check_zero(p + 5, 3);
}

static enum ofperr
dec_strip_vlan(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_STRIP_VLAN);
    return check_zero(p + 4, 4);
}

static enum ofperr
dec_of10_dl_addr(const uint8_t *p, struct ofpacts *o, enum ofpact_type t)
{
    memcpy(ofpacts_put(o, t)->mac.ea, p + 4, 6);
    return check_zero(p + 10, 6);
}

static enum ofperr
dec_of10_dl_src(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    return dec_of10_dl_addr(p, o, OFPACT_SET_ETH_SRC);
}

static enum ofperr
dec_of10_dl_dst(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    return dec_of10_dl_addr(p, o, OFPACT_SET_ETH_DST);
}

static enum ofperr
dec_of10_nw_src(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    memcpy(&ofpacts_put(o, OFPACT_SET_IPV4_SRC)->ipv4, p + 4, 4);
    return 0;
}

static enum ofperr
dec_of10_nw_dst(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    memcpy(&ofpacts_put(o, OFPACT_SET_IPV4_DST)->ipv4, p + 4, 4);
    return 0;
}

static enum ofperr
dec_of10_nw_tos(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    if (p[4] & 3) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpacts_put(o, OFPACT_SET_IP_TOS)->u8 = p[4];
    return check_zero(p + 5, 3);
}

static enum ofperr
dec_of10_tp_src(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_SET_L4_SRC)->u16 = ofp_get16(p + 4);
    return check_zero(p + 6, 2);
}

static enum ofperr
dec_of10_tp_dst(const uint8_t *p, size_t len OVS_UNUSED, struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_SET_L4_DST)->u16 = ofp_get16(p + 4);
    return check_zero(p + 6, 2);
}

static enum ofperr
dec_of10_enqueue(const uint8_t *p, size_t len OVS_UNUSED,
                 struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_ENQUEUE);

    a->output.port = ofp_get16(p + 4);
    a->output.queue = ofp_get32(p + 12);
    if (!a->output.port || (a->output.port >= OFPP_MAX
                            && a->output.port != OFPP_IN_PORT
                            && a->output.port != OFPP_LOCAL)) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return check_zero(p + 6, 6);
}

static enum ofperr dec_vendor(const uint8_t *, size_t, struct ofpacts *);

static const struct act_decoder of10_decoders[] = {
    { OFPAT10_OUTPUT, 8, 0, dec_of10_output },
    { OFPAT10_SET_VLAN_VID, 8, 0, dec_of10_vlan_vid },
    { OFPAT10_SET_VLAN_PCP, 8, 0, dec_of10_vlan_pcp },
    { OFPAT10_STRIP_VLAN, 8, 0, dec_strip_vlan },
    { OFPAT10_SET_DL_SRC, 16, 0, dec_of10_dl_src },
    { OFPAT10_SET_DL_DST, 16, 0, dec_of10_dl_dst },
    { OFPAT10_SET_NW_SRC, 8, 0, dec_of10_nw_src },
    { OFPAT10_SET_NW_DST, 8, 0, dec_of10_nw_dst },
    { OFPAT10_SET_NW_TOS, 8, 0, dec_of10_nw_tos },
    { OFPAT10_SET_TP_SRC, 8, 0, dec_of10_tp_src },
    { OFPAT10_SET_TP_DST, 8, 0, dec_of10_tp_dst },
    { OFPAT10_ENQUEUE, 16, 0, dec_of10_enqueue },
    { OFPAT_VENDOR, 0, 16, dec_vendor },
};

/* OpenFlow 1.3. */

static enum ofperr
dec_of13_output(const uint8_t *p, size_t len OVS_UNUSED,
                struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_OUTPUT);
    enum ofperr error;

    a->output.port = ofp_port_from_ofp11(ofp_get32(p + 4), &error);
    a->output.max_len = ofp_get16(p + 8);
    if (error || !a->output.port || a->output.port == OFPP_NONE) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return check_zero(p + 10, 6);
}

static enum ofperr
dec_of13_noarg(const uint8_t *p, struct ofpacts *o, enum ofpact_type t)
{
    ofpacts_put(o, t);
    return check_zero(p + 4, 4);
}

static enum ofperr
dec_of13_copy_ttl_out(const uint8_t *p, size_t l OVS_UNUSED,
                      struct ofpacts *o)
{
    return dec_of13_noarg(p, o, OFPACT_COPY_TTL_OUT);
}

static enum ofperr
dec_of13_copy_ttl_in(const uint8_t *p, size_t l OVS_UNUSED,
                     struct ofpacts *o)
{
    return dec_of13_noarg(p, o, OFPACT_COPY_TTL_IN);
}

static enum ofperr
dec_of13_dec_mpls_ttl(const uint8_t *p, size_t l OVS_UNUSED,
                      struct ofpacts *o)
{
    return dec_of13_noarg(p, o, OFPACT_DEC_MPLS_TTL);
}

static enum ofperr
dec_of13_dec_nw_ttl(const uint8_t *p, size_t l OVS_UNUSED,
                    struct ofpacts *o)
{
    return dec_of13_noarg(p, o, OFPACT_DEC_TTL);
}

static enum ofperr
dec_of13_u8(const uint8_t *p, struct ofpacts *o, enum ofpact_type t)
{
    ofpacts_put(o, t)->u8 = p[4];
    return check_zero(p + 5, 3);
}

static enum ofperr
dec_of13_set_mpls_ttl(const uint8_t *p, size_t l OVS_UNUSED,
                      struct ofpacts *o)
{
    return dec_of13_u8(p, o, OFPACT_SET_MPLS_TTL);
}

static enum ofperr
dec_of13_set_nw_ttl(const uint8_t *p, size_t l OVS_UNUSED,
                    struct ofpacts *o)
{
    return dec_of13_u8(p, o, OFPACT_SET_IP_TTL);
}

static enum ofperr
dec_of13_ethertype(const uint8_t *p, struct ofpacts *o, enum ofpact_type t)
{
    ofpacts_put(o, t)->u16 = ofp_get16(p + 4);
    return check_zero(p + 6, 2);
}

static enum ofperr
dec_of13_push_vlan(const uint8_t *p, size_t l OVS_UNUSED,
                   struct ofpacts *o)
{
    uint16_t type = ofp_get16(p + 4);

    if (type != ETH_TYPE_VLAN_8021Q && type != ETH_TYPE_VLAN_8021AD) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return dec_of13_ethertype(p, o, OFPACT_PUSH_VLAN);
}

static enum ofperr
dec_of13_push_mpls(const uint8_t *p, size_t l OVS_UNUSED,
                   struct ofpacts *o)
{
    uint16_t type = ofp_get16(p + 4);

    if (type != ETH_TYPE_MPLS && type != ETH_TYPE_MPLS_MCAST) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return dec_of13_ethertype(p, o, OFPACT_PUSH_MPLS);
}

static enum ofperr
dec_of13_pop_mpls(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    return dec_of13_ethertype(p, o, OFPACT_POP_MPLS);
}

static enum ofperr
dec_of13_set_queue(const uint8_t *p, size_t l OVS_UNUSED,
                   struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_SET_QUEUE)->u32 = ofp_get32(p + 4);
    return 0;
}

static enum ofperr
dec_of13_group(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_GROUP)->u32 = ofp_get32(p + 4);
    return 0;
}

static enum ofperr
dec_of13_set_field(const uint8_t *p, size_t len, struct ofpacts *o)
{
    uint32_t header = ofp_get32(p + 4);
    const struct mf_field *mf = mf_from_header(header);
    size_t n = OFP_HDR_LENGTH(header);
    struct ofpact *a;

    if (OFP_HDR_HASMASK(header) || !mf || !mf->writable) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    if (n != mf->n_bytes || 8 + n > len) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    a = ofpacts_put(o, OFPACT_SET_FIELD);
    a->set_field.field = mf;
    memcpy(a->set_field.value.b, p + 8, n);
    if (!mf_value_is_valid(mf, &a->set_field.value)) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    memset(a->set_field.mask.b, 0xff, n);
    if (mf->n_bits % 8) {
        a->set_field.mask.b[0] = (1u << (mf->n_bits % 8)) - 1;
    }
    return check_zero(p + 8 + n, len - 8 - n);
}

static const struct act_decoder of13_decoders[] = {
    { OFPAT13_OUTPUT, 16, 0, dec_of13_output },
    { OFPAT13_COPY_TTL_OUT, 8, 0, dec_of13_copy_ttl_out },
    { OFPAT13_COPY_TTL_IN, 8, 0, dec_of13_copy_ttl_in },
    { OFPAT13_SET_MPLS_TTL, 8, 0, dec_of13_set_mpls_ttl },
    { OFPAT13_DEC_MPLS_TTL, 8, 0, dec_of13_dec_mpls_ttl },
    { OFPAT13_PUSH_VLAN, 8, 0, dec_of13_push_vlan },
    { OFPAT13_POP_VLAN, 8, 0, dec_strip_vlan },
    { OFPAT13_PUSH_MPLS, 8, 0, dec_of13_push_mpls },
    { OFPAT13_POP_MPLS, 8, 0, dec_of13_pop_mpls },
    { OFPAT13_SET_QUEUE, 8, 0, dec_of13_set_queue },
    { OFPAT13_GROUP, 8, 0, dec_of13_group },
    { OFPAT13_SET_NW_TTL, 8, 0, dec_of13_set_nw_ttl },
    { OFPAT13_DEC_NW_TTL, 8, 0, dec_of13_dec_nw_ttl },
    { OFPAT13_SET_FIELD, 0, 16, dec_of13_set_field },
    { OFPAT_VENDOR, 0, 16, dec_vendor },
};

/* Nicira actions: 'p' points to the 16-byte-or-longer action whose header
 * (type, len, vendor, subtype) is 10 bytes. */

static enum ofperr
decode_subfield(uint32_t header, unsigned int ofs, unsigned int n_bits,
                struct mf_subfield *sf)
{
    sf->field = mf_from_header(header);
    sf->ofs = ofs;
    sf->n_bits = n_bits;
    if (!sf->field || OFP_HDR_HASMASK(header)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (!n_bits || ofs + n_bits > sf->field->n_bytes * 8) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

static enum ofperr
dec_nx_resubmit(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_RESUBMIT);

    a->resubmit.in_port = ofp_get16(p + 10);
    a->resubmit.table = 0xff;
    return check_zero(p + 12, 4);
}

static enum ofperr
dec_nx_resubmit_table(const uint8_t *p, size_t l OVS_UNUSED,
                      struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_RESUBMIT);

    a->resubmit.in_port = ofp_get16(p + 10);
    a->resubmit.table = p[12];
    /* Without a table it is the plain resubmit, whichever form carried it
     * (stock sends both), so that equal actions compare equal. */
    a->resubmit.with_table = p[12] != 0xff;
    return check_zero(p + 13, 3);
}

static enum ofperr
dec_nx_set_tunnel(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_SET_TUNNEL)->tunnel.tun_id = ofp_get32(p + 12);
    return check_zero(p + 10, 2);
}

static enum ofperr
dec_nx_set_tunnel64(const uint8_t *p, size_t l OVS_UNUSED,
                    struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_SET_TUNNEL);

    a->tunnel.tun_id = ofp_get64(p + 16);
    a->tunnel.tunnel64 = true;
    return check_zero(p + 10, 6);
}

static enum ofperr
dec_nx_reg_move(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_REG_MOVE);
    unsigned int n_bits = ofp_get16(p + 10);
    enum ofperr error;

    error = decode_subfield(ofp_get32(p + 16), ofp_get16(p + 12), n_bits,
                            &a->reg_move.src);
    if (!error) {
        error = decode_subfield(ofp_get32(p + 20), ofp_get16(p + 14), n_bits,
                                &a->reg_move.dst);
    }
    if (!error && !a->reg_move.dst.field->writable) {
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return error;
}

static enum ofperr
dec_nx_reg_load(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_SET_FIELD);
    uint16_t ofs_nbits = ofp_get16(p + 10);
    struct mf_subfield dst;
    uint64_t value = ofp_get64(p + 16);
    unsigned int i, n_bits = (ofs_nbits & 0x3f) + 1;
    enum ofperr error;

    error = decode_subfield(ofp_get32(p + 12), ofs_nbits >> 6, n_bits, &dst);
    if (error) {
        return error;
    }
    if (!dst.field->writable || (n_bits < 64 && value >> n_bits)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    a->set_field.field = dst.field;
    a->set_field.reg_load = true;
    /* Place 'value' at bit 'ofs' of the big-endian field value. */
    for (i = 0; i < n_bits; i++) {
        unsigned int bit = dst.ofs + i;
        unsigned int byte = dst.field->n_bytes - 1 - bit / 8;

        a->set_field.mask.b[byte] |= 1u << (bit % 8);
        if (value >> i & 1) {
            a->set_field.value.b[byte] |= 1u << (bit % 8);
        }
    }
    return 0;
}

static enum ofperr
dec_nx_note(const uint8_t *p, size_t len, struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_NOTE);

    if (len - 10 > OFPACT_NOTE_MAX) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    a->note.len = len - 10;
    memcpy(a->note.data, p + 10, len - 10);
    return 0;
}

static enum ofperr
dec_nx_output_reg(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_OUTPUT_REG);
    uint16_t ofs_nbits = ofp_get16(p + 10);
    enum ofperr error;

    error = decode_subfield(ofp_get32(p + 12), ofs_nbits >> 6,
                            (ofs_nbits & 0x3f) + 1, &a->output_reg.src);
    a->output_reg.max_len = ofp_get16(p + 16);
    return error ? error : check_zero(p + 18, 6);
}

static enum ofperr
dec_nx_dec_ttl(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_DEC_TTL);
    return check_zero(p + 10, 6);
}

static enum ofperr
dec_nx_controller(const uint8_t *p, size_t l OVS_UNUSED, struct ofpacts *o)
{
    struct ofpact *a = ofpacts_put(o, OFPACT_CONTROLLER);

    a->controller.max_len = ofp_get16(p + 10);
    a->controller.controller_id = ofp_get16(p + 12);
    a->controller.reason = p[14];
    return check_zero(p + 15, 1);
}

static const struct act_decoder nx_decoders[] = {
    { NXAST_RESUBMIT, 16, 0, dec_nx_resubmit },
    { NXAST_SET_TUNNEL, 16, 0, dec_nx_set_tunnel },
    { NXAST_REG_MOVE, 24, 0, dec_nx_reg_move },
    { NXAST_REG_LOAD, 24, 0, dec_nx_reg_load },
    { NXAST_NOTE, 0, 16, dec_nx_note },
    { NXAST_SET_TUNNEL64, 24, 0, dec_nx_set_tunnel64 },
    { NXAST_RESUBMIT_TABLE, 16, 0, dec_nx_resubmit_table },
    { NXAST_OUTPUT_REG, 24, 0, dec_nx_output_reg },
    { NXAST_DEC_TTL, 16, 0, dec_nx_dec_ttl },
    { NXAST_CONTROLLER, 16, 0, dec_nx_controller },
};

static enum ofperr
dispatch(const struct act_decoder *table, size_t n, uint16_t type,
         const uint8_t *p, size_t len, struct ofpacts *o,
         enum ofperr bad_type)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct act_decoder *d = &table[i];

        if (d->type == type) {
            if (d->len ? len != d->len : len < d->min_len) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            return d->decode(p, len, o);
        }
    }
    return bad_type;
}

static enum ofperr
dec_vendor(const uint8_t *p, size_t len, struct ofpacts *o)
{
    if (ofp_get32(p + 4) != NX_VENDOR_ID) {
        return OFPERR_OFPBAC_BAD_VENDOR;
    }
    return dispatch(nx_decoders, ARRAY_SIZE(nx_decoders), ofp_get16(p + 8),
                    p, len, o, OFPERR_OFPBAC_BAD_VENDOR_TYPE);
}

static enum ofperr
decode_list(const struct act_decoder *table, size_t n_table,
            const void *p_, size_t len, struct ofpacts *o)
{
    struct ofp_cursor c;

    if (len % 8) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    ofp_cursor_init(&c, p_, len);
    while (c.left) {
        const uint8_t *p = c.p;
        size_t alen;
        enum ofperr error;

        if (c.left < 8) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        alen = ofp_get16(p + 2);
        if (alen < 8 || alen % 8 || alen > c.left) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        error = dispatch(table, n_table, ofp_get16(p), p, alen, o,
                         OFPERR_OFPBAC_BAD_TYPE);
        if (error) {
            return error;
        }
        ofp_cursor_pull(&c, alen);
    }
    return 0;
}

enum ofperr
ofpacts_decode_of10(const void *p, size_t len, struct ofpacts *out)
{
    return decode_list(of10_decoders, ARRAY_SIZE(of10_decoders), p, len,
                       out);
}

enum ofperr
ofpacts_decode_of13(const void *p, size_t len, struct ofpacts *out)
{
    return decode_list(of13_decoders, ARRAY_SIZE(of13_decoders), p, len,
                       out);
}

/* Instructions. */

static enum ofperr
dec_inst(uint16_t type, const uint8_t *p, size_t len, struct ofpacts *o)
{
    struct ofpact *a;
    size_t before;
    enum ofperr error;

    switch (type) {
    case OFPIT13_GOTO_TABLE:
        if (len != 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        ofpacts_put(o, OFPACT_GOTO_TABLE)->u8 = p[4];
        return check_zero(p + 5, 3);
    case OFPIT13_WRITE_METADATA:
        if (len != 24) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        a = ofpacts_put(o, OFPACT_WRITE_METADATA);
        a->write_metadata.metadata = ofp_get64(p + 8);
        a->write_metadata.mask = ofp_get64(p + 16);
        return check_zero(p + 4, 4);
    case OFPIT13_WRITE_ACTIONS:
        ofpacts_put(o, OFPACT_WRITE_ACTIONS);
        before = o->n;
        error = ofpacts_decode_of13(p + 8, len - 8, o);
        o->acts[before - 1].n_nested = o->n - before;
        return error ? error : check_zero(p + 4, 4);
    case OFPIT13_APPLY_ACTIONS:
        error = ofpacts_decode_of13(p + 8, len - 8, o);
        return error ? error : check_zero(p + 4, 4);
    case OFPIT13_CLEAR_ACTIONS:
        if (len != 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        ofpacts_put(o, OFPACT_CLEAR_ACTIONS);
        return check_zero(p + 4, 4);
    case OFPIT13_METER:
        return OFPERR_OFPBIC_UNSUP_INST;
    default:
        return OFPERR_OFPBIC_UNKNOWN_INST;
    }
}

/* Decodes instructions into 'out' in the order OpenFlow 1.3 executes them
 * (apply-actions, clear-actions, write-actions, write-metadata,
 * goto-table), whatever their order on the wire; each may appear once. */
enum ofperr
ofpinsts_decode_of13(const void *p_, size_t len, struct ofpacts *out)
{
    static const uint16_t order[] = {
        OFPIT13_METER, OFPIT13_APPLY_ACTIONS, OFPIT13_CLEAR_ACTIONS,
        OFPIT13_WRITE_ACTIONS, OFPIT13_WRITE_METADATA, OFPIT13_GOTO_TABLE,
    };
    const uint8_t *where[8] = { NULL };
    size_t lens[8] = { 0 };
    struct ofp_cursor c;
    size_t i;

    ofp_cursor_init(&c, p_, len);
    while (c.left) {
        const uint8_t *p = c.p;
        uint16_t type;
        size_t ilen;

        if (c.left < 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        type = ofp_get16(p);
        ilen = ofp_get16(p + 2);
        if (ilen < 8 || ilen % 8 || ilen > c.left) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        if (type == 0 || type > OFPIT13_METER) {
            return (type == 0xffff ? OFPERR_OFPBIC_BAD_EXPERIMENTER
                    : OFPERR_OFPBIC_UNKNOWN_INST);
        }
        if (where[type]) {
            return OFPERR_OFPBIC_UNSUP_INST;
        }
        where[type] = p;
        lens[type] = ilen;
        ofp_cursor_pull(&c, ilen);
    }
    for (i = 0; i < ARRAY_SIZE(order); i++) {
        if (where[order[i]]) {
            enum ofperr error = dec_inst(order[i], where[order[i]],
                                         lens[order[i]], out);
            if (error) {
                return error;
            }
        }
    }
    return 0;
}

/* Encoding. */

static void
put_act_header(struct ofpbuf *b, uint16_t type, uint16_t len)
{
    ofpbuf_put_be16(b, type);
    ofpbuf_put_be16(b, len);
}

static void
put_nx_header(struct ofpbuf *b, uint16_t subtype, uint16_t len)
{
    put_act_header(b, OFPAT_VENDOR, len);
    ofpbuf_put_be32(b, NX_VENDOR_ID);
    ofpbuf_put_be16(b, subtype);
}

static uint32_t
field_header(const struct mf_field *mf)
{
    return mf->nxm_header ? mf->nxm_header : mf->oxm_header;
}

/* Emits NXAST_REG_LOAD actions for the bits of 'mask' in field 'mf', one
 * per contiguous run of at most 64 bits. */
static void
put_reg_load(struct ofpbuf *b, const struct mf_field *mf,
             const union mf_value *value, const union mf_value *mask)
{
    unsigned int n = mf->n_bytes * 8;
    unsigned int bit = 0;

#define BIT_OF(V, I) (((V)->b[mf->n_bytes - 1 - (I) / 8] >> ((I) % 8)) & 1)
    while (bit < n) {
        unsigned int start, i;
        uint64_t v = 0;

        if (!BIT_OF(mask, bit)) {
            bit++;
            continue;
        }
        start = bit;
        while (bit < n && BIT_OF(mask, bit) && bit - start < 64) {
            bit++;
        }
        for (i = bit; i-- > start; ) {
            v = (v << 1) | BIT_OF(value, i);
        }
        put_nx_header(b, NXAST_REG_LOAD, 24);
        ofpbuf_put_be16(b, (start << 6) | (bit - start - 1));
        ofpbuf_put_be32(b, field_header(mf));
        ofpbuf_put_be64(b, v);
    }
#undef BIT_OF
}

static void
put_set_field13(struct ofpbuf *b, enum mf_id id, uint64_t x)
{
    const struct mf_field *mf = mf_from_id(id);
    size_t len = OFP_ROUND_UP(8 + mf->n_bytes, 8);
    uint32_t header = mf->oxm_header ? mf->oxm_header : mf->nxm_header;
    unsigned int i;

    put_act_header(b, OFPAT13_SET_FIELD, len);
    ofpbuf_put_be32(b, header);
    for (i = mf->n_bytes; i-- > 0; ) {
        ofpbuf_put_u8(b, i < 8 ? x >> (8 * i) : 0);
    }
    ofpbuf_put_zeros(b, len - 8 - mf->n_bytes);
}

static void
put_set_field_value13(struct ofpbuf *b, const struct mf_field *mf,
                      const union mf_value *value)
{
    size_t len = OFP_ROUND_UP(8 + mf->n_bytes, 8);

    put_act_header(b, OFPAT13_SET_FIELD, len);
    ofpbuf_put_be32(b, mf->oxm_header ? mf->oxm_header : mf->nxm_header);
    ofpbuf_put(b, value->b, mf->n_bytes);
    ofpbuf_put_zeros(b, len - 8 - mf->n_bytes);
}

static uint64_t
mac_to_u64(struct eth_addr ea)
{
    uint64_t x = 0;
    int i;

    for (i = 0; i < 6; i++) {
        x = (x << 8) | ea.ea[i];
    }
    return x;
}

/* Actions encoded the same way in every version. */
static bool
encode_nx_common(const struct ofpact *a, struct ofpbuf *b)
{
    switch (a->type) {
    case OFPACT_CONTROLLER:
        put_nx_header(b, NXAST_CONTROLLER, 16);
        ofpbuf_put_be16(b, a->controller.max_len);
        ofpbuf_put_be16(b, a->controller.controller_id);
        ofpbuf_put_u8(b, a->controller.reason);
        ofpbuf_put_u8(b, 0);
        return true;
    case OFPACT_OUTPUT_REG:
        put_nx_header(b, NXAST_OUTPUT_REG, 24);
        ofpbuf_put_be16(b, (a->output_reg.src.ofs << 6)
                        | (a->output_reg.src.n_bits - 1));
        ofpbuf_put_be32(b, field_header(a->output_reg.src.field));
        ofpbuf_put_be16(b, a->output_reg.max_len);
        ofpbuf_put_zeros(b, 6);
        return true;
    case OFPACT_REG_MOVE:
        put_nx_header(b, NXAST_REG_MOVE, 24);
        ofpbuf_put_be16(b, a->reg_move.src.n_bits);
        ofpbuf_put_be16(b, a->reg_move.src.ofs);
        ofpbuf_put_be16(b, a->reg_move.dst.ofs);
        ofpbuf_put_be32(b, field_header(a->reg_move.src.field));
        ofpbuf_put_be32(b, field_header(a->reg_move.dst.field));
        return true;
    case OFPACT_RESUBMIT:
        put_nx_header(b, (a->resubmit.with_table ? NXAST_RESUBMIT_TABLE
                          : NXAST_RESUBMIT), 16);
        ofpbuf_put_be16(b, a->resubmit.in_port);
        ofpbuf_put_u8(b, a->resubmit.with_table ? a->resubmit.table : 0);
        ofpbuf_put_zeros(b, 3);
        return true;
    case OFPACT_SET_TUNNEL:
        if (!a->tunnel.tunnel64 && a->tunnel.tun_id <= UINT32_MAX) {
            put_nx_header(b, NXAST_SET_TUNNEL, 16);
            ofpbuf_put_zeros(b, 2);
            ofpbuf_put_be32(b, a->tunnel.tun_id);
        } else {
            put_nx_header(b, NXAST_SET_TUNNEL64, 24);
            ofpbuf_put_zeros(b, 6);
            ofpbuf_put_be64(b, a->tunnel.tun_id);
        }
        return true;
    case OFPACT_NOTE: {
        size_t len = OFP_ROUND_UP(10 + a->note.len, 8);

        len = len < 16 ? 16 : len;
        put_nx_header(b, NXAST_NOTE, len);
        ofpbuf_put(b, a->note.data, a->note.len);
        ofpbuf_put_zeros(b, len - 10 - a->note.len);
        return true;
    }
    default:
        return false;
    }
}

static void
encode_of10(const struct ofpact *a, struct ofpbuf *b)
{
    if (encode_nx_common(a, b)) {
        return;
    }
    switch (a->type) {
    case OFPACT_OUTPUT:
        put_act_header(b, OFPAT10_OUTPUT, 8);
        ofpbuf_put_be16(b, a->output.port);
        ofpbuf_put_be16(b, a->output.max_len);
        break;
    case OFPACT_ENQUEUE:
        put_act_header(b, OFPAT10_ENQUEUE, 16);
        ofpbuf_put_be16(b, a->output.port);
        ofpbuf_put_zeros(b, 6);
        ofpbuf_put_be32(b, a->output.queue);
        break;
    case OFPACT_SET_VLAN_VID:
        put_act_header(b, OFPAT10_SET_VLAN_VID, 8);
        ofpbuf_put_be16(b, a->u16);
        ofpbuf_put_zeros(b, 2);
        break;
    case OFPACT_SET_VLAN_PCP:
    case OFPACT_SET_IP_TOS:
        put_act_header(b, (a->type == OFPACT_SET_VLAN_PCP
                           ? OFPAT10_SET_VLAN_PCP : OFPAT10_SET_NW_TOS), 8);
        ofpbuf_put_u8(b, a->u8);
        ofpbuf_put_zeros(b, 3);
        break;
    case OFPACT_STRIP_VLAN:
        put_act_header(b, OFPAT10_STRIP_VLAN, 8);
        ofpbuf_put_zeros(b, 4);
        break;
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_ETH_DST:
        put_act_header(b, (a->type == OFPACT_SET_ETH_SRC
                           ? OFPAT10_SET_DL_SRC : OFPAT10_SET_DL_DST), 16);
        ofpbuf_put(b, a->mac.ea, 6);
        ofpbuf_put_zeros(b, 6);
        break;
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST:
        put_act_header(b, (a->type == OFPACT_SET_IPV4_SRC
                           ? OFPAT10_SET_NW_SRC : OFPAT10_SET_NW_DST), 8);
        ofpbuf_put(b, &a->ipv4, 4);
        break;
    case OFPACT_SET_L4_SRC:
    case OFPACT_SET_L4_DST:
        put_act_header(b, (a->type == OFPACT_SET_L4_SRC
                           ? OFPAT10_SET_TP_SRC : OFPAT10_SET_TP_DST), 8);
        ofpbuf_put_be16(b, a->u16);
        ofpbuf_put_zeros(b, 2);
        break;
    case OFPACT_SET_FIELD:
        put_reg_load(b, a->set_field.field, &a->set_field.value,
                     &a->set_field.mask);
        break;
    case OFPACT_DEC_TTL:
        put_nx_header(b, NXAST_DEC_TTL, 16);
        ofpbuf_put_zeros(b, 6);
        break;
    case OFPACT_SET_IP_TTL: {
        union mf_value v = { .b = { a->u8 } }, m = { .b = { 0xff } };

        put_reg_load(b, mf_from_id(MFF_IP_TTL), &v, &m);
        break;
    }
    default:
        /* No OpenFlow 1.0 form (MPLS, groups, instructions): dropped. */
        break;
    }
}

void
ofpacts_encode_of10(const struct ofpacts *o, struct ofpbuf *b)
{
    size_t i;

    for (i = 0; i < o->n; i++) {
        encode_of10(&o->acts[i], b);
    }
}

/* True if every action of 'o' has an OpenFlow 1.0 form (standard or
 * Nicira): the OpenFlow 1.0 encoder drops those that have none (push_vlan,
 * groups, queues, instructions, MPLS). */
bool
ofpacts_fit_of10(const struct ofpacts *o)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    bool ok = true;
    size_t i;

    for (i = 0; ok && i < o->n; i++) {
        ofpbuf_clear(&b);
        encode_of10(&o->acts[i], &b);
        ok = b.size > 0;
    }
    ofpbuf_uninit(&b);
    return ok;
}

static void
encode_of13_simple(uint16_t type, struct ofpbuf *b)
{
    put_act_header(b, type, 8);
    ofpbuf_put_zeros(b, 4);
}

static void
encode_of13_arg(uint16_t type, uint32_t arg, int width, struct ofpbuf *b)
{
    put_act_header(b, type, 8);
    if (width == 1) {
        ofpbuf_put_u8(b, arg);
        ofpbuf_put_zeros(b, 3);
    } else if (width == 2) {
        ofpbuf_put_be16(b, arg);
        ofpbuf_put_zeros(b, 2);
    } else {
        ofpbuf_put_be32(b, arg);
    }
}

/* OpenFlow 1.3 actions that are a type and at most one integer argument
 * ('width' bytes, 0 for none) taken from the u8/u16/u32 member. */
struct of13_simple {
    enum ofpact_type type;
    uint16_t wire;
    int width;
};

static const struct of13_simple of13_simple_actions[] = {
    { OFPACT_DEC_TTL, OFPAT13_DEC_NW_TTL, 0 },
    { OFPACT_SET_IP_TTL, OFPAT13_SET_NW_TTL, 1 },
    { OFPACT_COPY_TTL_OUT, OFPAT13_COPY_TTL_OUT, 0 },
    { OFPACT_COPY_TTL_IN, OFPAT13_COPY_TTL_IN, 0 },
    { OFPACT_SET_MPLS_TTL, OFPAT13_SET_MPLS_TTL, 1 },
    { OFPACT_DEC_MPLS_TTL, OFPAT13_DEC_MPLS_TTL, 0 },
    { OFPACT_PUSH_VLAN, OFPAT13_PUSH_VLAN, 2 },
    { OFPACT_PUSH_MPLS, OFPAT13_PUSH_MPLS, 2 },
    { OFPACT_POP_MPLS, OFPAT13_POP_MPLS, 2 },
    { OFPACT_SET_QUEUE, OFPAT13_SET_QUEUE, 4 },
    { OFPACT_GROUP, OFPAT13_GROUP, 4 },
    { OFPACT_STRIP_VLAN, OFPAT13_POP_VLAN, 0 },
};

static bool
encode_of13_simple_action(const struct ofpact *a, struct ofpbuf *b)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(of13_simple_actions); i++) {
        const struct of13_simple *s = &of13_simple_actions[i];

        if (s->type == a->type) {
            if (!s->width) {
                encode_of13_simple(s->wire, b);
            } else {
                encode_of13_arg(s->wire, (s->width == 1 ? a->u8
                                          : s->width == 2 ? a->u16 : a->u32),
                                s->width, b);
            }
            return true;
        }
    }
    return false;
}

static void
encode_of13(const struct ofpact *a, struct ofpbuf *b)
{
    if (encode_nx_common(a, b) || encode_of13_simple_action(a, b)) {
        return;
    }
    switch (a->type) {
    case OFPACT_ENQUEUE:
        encode_of13_arg(OFPAT13_SET_QUEUE, a->output.queue, 4, b);
        /* Fall through. */
    case OFPACT_OUTPUT:
        put_act_header(b, OFPAT13_OUTPUT, 16);
        ofpbuf_put_be32(b, ofp_port_to_ofp11(a->output.port));
        ofpbuf_put_be16(b, a->output.max_len);
        ofpbuf_put_zeros(b, 6);
        break;
    case OFPACT_SET_VLAN_VID:
        put_set_field13(b, MFF_VLAN_VID, a->u16 | VLAN_CFI);
        break;
    case OFPACT_SET_VLAN_PCP:
        put_set_field13(b, MFF_VLAN_PCP, a->u8);
        break;
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_ETH_DST:
        put_set_field13(b, (a->type == OFPACT_SET_ETH_SRC
                            ? MFF_ETH_SRC : MFF_ETH_DST), mac_to_u64(a->mac));
        break;
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST:
        put_set_field13(b, (a->type == OFPACT_SET_IPV4_SRC
                            ? MFF_IPV4_SRC : MFF_IPV4_DST), ntohl(a->ipv4));
        break;
    case OFPACT_SET_IP_TOS:
        put_set_field13(b, MFF_IP_DSCP, a->u8 >> 2);
        break;
    case OFPACT_SET_L4_SRC:
    case OFPACT_SET_L4_DST:
        put_set_field13(b, (a->type == OFPACT_SET_L4_SRC
                            ? MFF_TCP_SRC : MFF_TCP_DST), a->u16);
        break;
    case OFPACT_SET_FIELD:
        if (a->set_field.reg_load
            || !mf_value_is_exact(a->set_field.field, &a->set_field.mask)) {
            put_reg_load(b, a->set_field.field, &a->set_field.value,
                         &a->set_field.mask);
        } else {
            put_set_field_value13(b, a->set_field.field,
                                  &a->set_field.value);
        }
        break;
    default:
        break;
    }
}

void
ofpacts_encode_of13(const struct ofpacts *o, size_t start, size_t n,
                    struct ofpbuf *b)
{
    size_t i;

    for (i = start; i < start + n && i < o->n; i++) {
        encode_of13(&o->acts[i], b);
    }
}

static bool
is_instruction(enum ofpact_type type)
{
    return type >= OFPACT_CLEAR_ACTIONS;
}

static void
put_actions_inst(struct ofpbuf *b, uint16_t type, const struct ofpacts *o,
                 size_t start, size_t n)
{
    size_t ofs = b->size;

    put_act_header(b, type, 0);
    ofpbuf_put_zeros(b, 4);
    ofpacts_encode_of13(o, start, n, b);
    ofpbuf_set_be16(b, ofs + 2, b->size - ofs);
}

void
ofpinsts_encode_of13(const struct ofpacts *o, struct ofpbuf *b)
{
    size_t i, n_apply = 0;

    while (n_apply < o->n && !is_instruction(o->acts[n_apply].type)) {
        n_apply++;
    }
    if (n_apply) {
        put_actions_inst(b, OFPIT13_APPLY_ACTIONS, o, 0, n_apply);
    }
    for (i = n_apply; i < o->n; i++) {
        const struct ofpact *a = &o->acts[i];

        switch (a->type) {
        case OFPACT_CLEAR_ACTIONS:
            encode_of13_simple(OFPIT13_CLEAR_ACTIONS, b);
            break;
        case OFPACT_WRITE_ACTIONS:
            put_actions_inst(b, OFPIT13_WRITE_ACTIONS, o, i + 1,
                             a->n_nested);
            i += a->n_nested;
            break;
        case OFPACT_WRITE_METADATA:
            put_act_header(b, OFPIT13_WRITE_METADATA, 24);
            ofpbuf_put_zeros(b, 4);
            ofpbuf_put_be64(b, a->write_metadata.metadata);
            ofpbuf_put_be64(b, a->write_metadata.mask);
            break;
        case OFPACT_GOTO_TABLE:
            encode_of13_arg(OFPIT13_GOTO_TABLE, a->u8, 1, b);
            break;
        default:
            /* An action after an instruction: not representable. */
            break;
        }
    }
}
