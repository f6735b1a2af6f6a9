/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_MATCH_H
#define OFP_MATCH_H 1

/* OpenFlow match encodings, to and from struct match:
 *
 *   - NXM (Nicira extended match, nx_match): a sequence of TLV entries with
 *     a 4-byte NXM/OXM header each, used by NXT_FLOW_MOD and NXST_FLOW.
 *     The caller pads.  The entry NXM_NX_COOKIE carries a cookie match.
 *
 *   - OXM (OpenFlow 1.2+): struct ofp_match { type = OFPMT_OXM, length }
 *     followed by the same kind of entries and padded to 8 bytes.
 *
 *   - The fixed 40-byte struct ofp_match of OpenFlow 1.0 with its
 *     wildcard bits.
 *
 * Decoders return 0 or an enum ofperr and leave the match normalized; the
 * field table of ofp-fields.h decides what each entry means. */

#include <stddef.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "types.h"

struct match;
struct ofpbuf;
struct ofp_cursor;

/* Decodes the 'len' bytes of NXM entries at 'p' into 'match'.  If
 * 'cookie' and 'cookie_mask' are nonnull, an NXM_NX_COOKIE entry is
 * accepted and stored there (both zero if absent); otherwise it is an
 * error. */
enum ofperr nx_pull_entries(const void *p, size_t len, struct match *match,
                            ovs_be64 *cookie, ovs_be64 *cookie_mask);

/* Appends the entries for 'match' (NXM headers preferred if 'oxm' is false,
 * OXM ones if true) and, if 'cookie_mask' is nonzero, an NXM_NX_COOKIE
 * entry.  Returns the number of bytes appended (no padding). */
size_t nx_put_entries(struct ofpbuf *, const struct match *, bool oxm,
                      ovs_be64 cookie, ovs_be64 cookie_mask);

/* OpenFlow 1.3 struct ofp_match (OXM), padding included. */
enum ofperr oxm_pull_match(struct ofp_cursor *, struct match *);
void oxm_put_match(struct ofpbuf *, const struct match *);

/* OpenFlow 1.0 struct ofp_match: 40 bytes. */
#define OFP10_MATCH_LEN 40
enum ofperr ofp10_match_decode(const void *p, struct match *);
void ofp10_match_encode(struct ofpbuf *, const struct match *);

/* OpenFlow 1.0 port numbers <-> OpenFlow 1.1+ 32-bit ones. */
ofp_port_t ofp_port_from_ofp11(uint32_t port, enum ofperr *error);
uint32_t ofp_port_to_ofp11(ofp_port_t port);

#endif /* ofp-match.h */
