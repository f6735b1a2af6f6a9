/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-match.h"

#include <string.h>
#include "match.h"
#include "ofp-fields.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

#define NXM_NX_COOKIE OFP_FIELD_HDR(NXM_CLASS_NX, 30, 8)

ofp_port_t
ofp_port_from_ofp11(uint32_t port, enum ofperr *error)
{
    *error = 0;
    if (port < OFPP_MAX) {
        return port;
    } else if (port >= 0xffffff00) {
        return port - 0xffff0000;
    }
    *error = OFPERR_OFPBRC_BAD_PORT;
    return OFPP_NONE;
}

uint32_t
ofp_port_to_ofp11(ofp_port_t port)
{
    return port < OFPP_MAX ? port : port + 0xffff0000;
}

/* Decodes one entry whose header is 'header' and payload 'payload' into
 * 'match'.  'seen' tracks fields already present. */
static enum ofperr
nx_pull_entry(uint32_t header, const uint8_t *payload, struct match *match,
              uint8_t *seen, ovs_be64 *cookie, ovs_be64 *cookie_mask)
{
    bool masked = OFP_HDR_HASMASK(header);
    unsigned int len = OFP_HDR_LENGTH(header);
    const struct mf_field *mf;
    union mf_value value, mask;

    if (OFP_HDR_UNMASKED(header) == NXM_NX_COOKIE) {
        if (!cookie || len != (masked ? 16 : 8)) {
            return cookie ? OFPERR_OFPBMC_BAD_LEN : OFPERR_OFPBMC_BAD_FIELD;
        }
        *cookie = htonll(ofp_get64(payload));
        *cookie_mask = masked ? htonll(ofp_get64(payload + 8))
                              : OVS_BE64_MAX;
        *cookie &= *cookie_mask;
        return 0;
    }

    mf = mf_from_header(header);
    if (!mf) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    if (len != (masked ? 2 : 1) * mf->n_bytes) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (seen[mf->id]) {
        return OFPERR_OFPBMC_DUP_FIELD;
    }
    seen[mf->id] = 1;

    memset(&value, 0, sizeof value);
    memcpy(value.b, payload, mf->n_bytes);
    if (!mf_value_is_valid(mf, &value)) {
        return OFPERR_OFPBMC_BAD_VALUE;
    }
    if (masked) {
        unsigned int i;

        if (!mf->maskable) {
            return OFPERR_OFPBMC_BAD_MASK;
        }
        memset(&mask, 0, sizeof mask);
        memcpy(mask.b, payload + mf->n_bytes, mf->n_bytes);
        if (!mf_value_is_valid(mf, &mask) && mf->id != MFF_IN_PORT_OXM) {
            return OFPERR_OFPBMC_BAD_MASK;
        }
        for (i = 0; i < mf->n_bytes; i++) {
            if (value.b[i] & ~mask.b[i]) {
                return OFPERR_OFPBMC_BAD_WILDCARDS;
            }
        }
    }
    mf_set_match(mf, &value, masked ? &mask : NULL, match);
    return 0;
}

enum ofperr
nx_pull_entries(const void *p, size_t len, struct match *match,
                ovs_be64 *cookie, ovs_be64 *cookie_mask)
{
    uint8_t seen[MFF_N_IDS] = { 0 };
    struct ofp_cursor c;
    int i;

    match_init_catchall(match);
    if (cookie) {
        *cookie = *cookie_mask = 0;
    }
    ofp_cursor_init(&c, p, len);
    while (c.left) {
        const uint8_t *hp = ofp_cursor_pull(&c, 4);
        const uint8_t *payload;
        uint32_t header;
        enum ofperr error;

        if (!hp) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        header = ofp_get32(hp);
        if (OFP_HDR_CLASS(header) == OXM_CLASS_EXPERIMENTER) {
            return OFPERR_OFPBMC_BAD_FIELD;
        }
        payload = ofp_cursor_pull(&c, OFP_HDR_LENGTH(header));
        if (!payload || !OFP_HDR_LENGTH(header)) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        error = nx_pull_entry(header, payload, match, seen, cookie,
                              cookie_mask);
        if (error) {
            return error;
        }
    }

    /* Prerequisites are checked against the complete match, so the order of
     * the entries does not matter. */
    for (i = 0; i < MFF_N_IDS; i++) {
        if (seen[i] && !mf_prereqs_ok(mf_from_id(i), match)) {
            return OFPERR_OFPBMC_BAD_PREREQ;
        }
    }
    return 0;
}

static void
nx_put_entry(struct ofpbuf *b, uint32_t header, const uint8_t *value,
             const uint8_t *mask, unsigned int n)
{
    ofpbuf_put_be32(b, mask ? OFP_HDR_MASKED(header) : header);
    ofpbuf_put(b, value, n);
    if (mask) {
        ofpbuf_put(b, mask, n);
    }
}

/* Returns true if the VLAN TCI match of 'match' can be expressed with the
 * OXM fields VLAN_VID and VLAN_PCP; if not, OXM encoding falls back to
 * NXM_OF_VLAN_TCI (valid in OXM as a class-0 field). */
static bool
vlan_fits_oxm(const struct match *match)
{
    uint16_t mask = ntohs(match->wc.masks.vlans[0].tci);
    uint16_t tci = ntohs(match->flow.vlans[0].tci);
    uint16_t pcp_mask = mask & VLAN_PCP_MASK;

    return (!pcp_mask
            || (pcp_mask == VLAN_PCP_MASK && mask & tci & VLAN_CFI));
}

/* Returns true if 'mf' is one of the fields that the encoding selected by
 * 'oxm' emits for 'match'. */
static bool
field_is_emitted(const struct mf_field *mf, const struct match *match,
                 bool oxm)
{
    if (!oxm) {
        return mf->formats & MF_FMT_NXM;
    } else if (mf->id == MFF_VLAN_TCI) {
        return !vlan_fits_oxm(match);
    } else if (mf->id == MFF_VLAN_VID || mf->id == MFF_VLAN_PCP) {
        return vlan_fits_oxm(match);
    }
    return mf->formats & MF_FMT_OXM;
}

size_t
nx_put_entries(struct ofpbuf *b, const struct match *match, bool oxm,
               ovs_be64 cookie, ovs_be64 cookie_mask)
{
    size_t start = b->size;
    int i;

    for (i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);
        union mf_value value, mask;
        uint32_t header;

        if (!field_is_emitted(mf, match, oxm)) {
            continue;
        }
        header = oxm ? (mf->oxm_header ? mf->oxm_header : mf->nxm_header)
                     : (mf->nxm_header ? mf->nxm_header : mf->oxm_header);
        mf_get(mf, &match->wc.masks, &mask);
        if (mf_value_is_zero(mf, &mask) || !mf_prereqs_ok(mf, match)) {
            continue;
        }
        mf_get(mf, &match->flow, &value);
        nx_put_entry(b, header, value.b,
                     (mf->maskable && !mf_value_is_exact(mf, &mask)
                      ? mask.b : NULL), mf->n_bytes);
    }
    if (cookie_mask) {
        uint8_t v[8], m[8];
        uint64_t cv = ntohll(cookie), cm = ntohll(cookie_mask);
        int k;

        for (k = 7; k >= 0; k--) {
            v[k] = cv;
            m[k] = cm;
            cv >>= 8;
            cm >>= 8;
        }
        nx_put_entry(b, NXM_NX_COOKIE, v,
                     cookie_mask == OVS_BE64_MAX ? NULL : m, 8);
    }
    return b->size - start;
}

#define OFPMT_OXM 1

enum ofperr
oxm_pull_match(struct ofp_cursor *c, struct match *match)
{
    const uint8_t *hdr = ofp_cursor_pull(c, 4);
    const uint8_t *body;
    size_t len, padded;

    if (!hdr) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (ofp_get16(hdr) != OFPMT_OXM) {
        return OFPERR_OFPBMC_BAD_TYPE;
    }
    len = ofp_get16(hdr + 2);
    if (len < 4) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    padded = OFP_ROUND_UP(len, 8) - 4;
    body = ofp_cursor_pull(c, padded);
    if (!body) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (!ofp_is_zeros(body + len - 4, padded - (len - 4))) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    return nx_pull_entries(body, len - 4, match, NULL, NULL);
}

void
oxm_put_match(struct ofpbuf *b, const struct match *match)
{
    size_t start = b->size;
    size_t n;

    ofpbuf_put_be16(b, OFPMT_OXM);
    ofpbuf_put_be16(b, 0);
    n = nx_put_entries(b, match, true, 0, 0);
    ofpbuf_set_be16(b, start + 2, n + 4);
    ofpbuf_pad(b, 8);
}

/* OpenFlow 1.0 wildcard bits. */
#define OFPFW10_IN_PORT (1 << 0)
#define OFPFW10_DL_VLAN (1 << 1)
#define OFPFW10_DL_SRC (1 << 2)
#define OFPFW10_DL_DST (1 << 3)
#define OFPFW10_DL_TYPE (1 << 4)
#define OFPFW10_NW_PROTO (1 << 5)
#define OFPFW10_TP_SRC (1 << 6)
#define OFPFW10_TP_DST (1 << 7)
#define OFPFW10_NW_SRC_SHIFT 8
#define OFPFW10_NW_DST_SHIFT 14
#define OFPFW10_DL_VLAN_PCP (1 << 20)
#define OFPFW10_NW_TOS (1 << 21)
#define OFPFW10_ALL ((1 << 22) - 1)
#define OFP10_VLAN_NONE 0xffff

/* Returns the IPv4 netmask that wildcard count 'n' (0 to 63) leaves. */
static ovs_be32
ofp10_nw_mask(uint32_t wildcards, int shift)
{
    unsigned int n = (wildcards >> shift) & 0x3f;

    return n >= 32 ? 0 : htonl(~0u << n);
}

static int
ofp10_nw_wildcard(ovs_be32 mask)
{
    uint32_t m = ntohl(mask);
    int n = 0;

    while (n < 32 && !(m & (1u << n))) {
        n++;
    }
    return n;
}

static void
ofp10_decode_l3(const uint8_t *p, uint32_t wc, struct match *m)
{
    uint16_t dl_type = ntohs(m->flow.dl_type);
    bool is_ip = dl_type == ETH_TYPE_IP;
    bool is_arp = dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP;
    uint8_t proto = p[25];

    if (!(wc & OFPFW10_DL_TYPE) && (is_ip || is_arp)) {
        match_set_nw_src_masked(m, htonl(ofp_get32(p + 28)),
                                ofp10_nw_mask(wc, OFPFW10_NW_SRC_SHIFT));
        match_set_nw_dst_masked(m, htonl(ofp_get32(p + 32)),
                                ofp10_nw_mask(wc, OFPFW10_NW_DST_SHIFT));
        if (!(wc & OFPFW10_NW_PROTO)) {
            match_set_nw_proto(m, proto);
        }
    }
    if (!(wc & OFPFW10_DL_TYPE) && is_ip) {
        if (!(wc & OFPFW10_NW_TOS)) {
            match_set_nw_tos_masked(m, p[24] & 0xfc, 0xfc);
        }
        if (!(wc & OFPFW10_NW_PROTO)
            && (proto == IPPROTO_TCP || proto == IPPROTO_UDP
                || proto == IPPROTO_SCTP || proto == IPPROTO_ICMP)) {
            if (!(wc & OFPFW10_TP_SRC)) {
                match_set_tp_src(m, htons(ofp_get16(p + 36)));
            }
            if (!(wc & OFPFW10_TP_DST)) {
                match_set_tp_dst(m, htons(ofp_get16(p + 38)));
            }
        }
    }
}

enum ofperr
ofp10_match_decode(const void *p_, struct match *m)
{
    const uint8_t *p = p_;
    uint32_t wc = ofp_get32(p) & OFPFW10_ALL;
    struct eth_addr ea;

    match_init_catchall(m);
    if (!(wc & OFPFW10_IN_PORT)) {
        match_set_in_port_ofp(m, ofp_get16(p + 4));
    }
    if (!(wc & OFPFW10_DL_SRC)) {
        memcpy(ea.ea, p + 6, 6);
        match_set_dl_src(m, ea);
    }
    if (!(wc & OFPFW10_DL_DST)) {
        memcpy(ea.ea, p + 12, 6);
        match_set_dl_dst(m, ea);
    }
    if (!(wc & OFPFW10_DL_VLAN)) {
        uint16_t vid = ofp_get16(p + 18);

        if (vid == OFP10_VLAN_NONE) {
            match_set_vlan_tci(m, 0, 0);
        } else if (vid > VLAN_VID_MASK) {
            return OFPERR_OFPBMC_BAD_VALUE;
        } else {
            match_set_vlan_vid(m, 0, vid);
        }
    }
    if (!(wc & OFPFW10_DL_VLAN_PCP) && (wc & OFPFW10_DL_VLAN
                                        || ofp_get16(p + 18)
                                           != OFP10_VLAN_NONE)) {
        match_set_vlan_pcp(m, 0, p[20] & 7);
    }
    if (!(wc & OFPFW10_DL_TYPE)) {
        match_set_dl_type(m, htons(ofp_get16(p + 22)));
    }
    ofp10_decode_l3(p, wc, m);
    return 0;
}

static void
ofp10_encode_l2(uint8_t *p, const struct match *m, uint32_t *wc)
{
    const struct flow *f = &m->flow, *mk = &m->wc.masks;
    uint16_t tci = ntohs(f->vlans[0].tci), tci_mask;

    if (mk->in_port.ofp_port) {
        ofp_set16(p + 4, f->in_port.ofp_port);
    } else {
        *wc |= OFPFW10_IN_PORT;
    }
    if (!eth_addr_is_zero(mk->dl_src)) {
        memcpy(p + 6, f->dl_src.ea, 6);
    } else {
        *wc |= OFPFW10_DL_SRC;
    }
    if (!eth_addr_is_zero(mk->dl_dst)) {
        memcpy(p + 12, f->dl_dst.ea, 6);
    } else {
        *wc |= OFPFW10_DL_DST;
    }
    tci_mask = ntohs(mk->vlans[0].tci);
    if (tci_mask & VLAN_CFI && !(tci & VLAN_CFI)) {
        ofp_set16(p + 18, OFP10_VLAN_NONE);
        *wc |= OFPFW10_DL_VLAN_PCP;
    } else {
        if ((tci_mask & VLAN_VID_MASK) == VLAN_VID_MASK) {
            ofp_set16(p + 18, tci & VLAN_VID_MASK);
        } else {
            *wc |= OFPFW10_DL_VLAN;
        }
        if ((tci_mask & VLAN_PCP_MASK) == VLAN_PCP_MASK) {
            p[20] = tci >> VLAN_PCP_SHIFT;
        } else {
            *wc |= OFPFW10_DL_VLAN_PCP;
        }
    }
    if (mk->dl_type) {
        ofp_set16(p + 22, ntohs(f->dl_type));
    } else {
        *wc |= OFPFW10_DL_TYPE;
    }
}

void
ofp10_match_encode(struct ofpbuf *b, const struct match *m)
{
    uint8_t *p = ofpbuf_put_zeros(b, OFP10_MATCH_LEN);
    const struct flow *f = &m->flow, *mk = &m->wc.masks;
    uint32_t wc = 0;

    ofp10_encode_l2(p, m, &wc);
    if (mk->nw_tos & 0xfc) {
        p[24] = f->nw_tos & 0xfc;
    } else {
        wc |= OFPFW10_NW_TOS;
    }
    if (mk->nw_proto) {
        p[25] = f->nw_proto;
    } else {
        wc |= OFPFW10_NW_PROTO;
    }
    memcpy(p + 28, &f->nw_src, 4);
    memcpy(p + 32, &f->nw_dst, 4);
    wc |= ofp10_nw_wildcard(mk->nw_src) << OFPFW10_NW_SRC_SHIFT;
    wc |= ofp10_nw_wildcard(mk->nw_dst) << OFPFW10_NW_DST_SHIFT;
    if (mk->tp_src) {
        memcpy(p + 36, &f->tp_src, 2);
    } else {
        wc |= OFPFW10_TP_SRC;
    }
    if (mk->tp_dst) {
        memcpy(p + 38, &f->tp_dst, 2);
    } else {
        wc |= OFPFW10_TP_DST;
    }
    ofp_set32(p, wc);
}
