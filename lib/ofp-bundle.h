/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_BUNDLE_H
#define OFP_BUNDLE_H 1

/* Bundles: OpenFlow 1.4 transactions, which OpenFlow 1.3 carries as the
 * ONF extension (experimenter ONF_VENDOR_ID, exp_type 2300 for
 * BUNDLE_CONTROL and 2301 for BUNDLE_ADD_MESSAGE), as stock
 * "ovs-ofctl --bundle -O OpenFlow13" sends them.
 *
 * BUNDLE_CONTROL body: bundle_id (32), type (16, OFPBCT_*), flags (16,
 * OFPBF_*), then properties (ignored).  BUNDLE_ADD_MESSAGE body:
 * bundle_id (32), pad (16), flags (16), then a complete OpenFlow message
 * with the same version and xid as the outer one, then optional padding
 * and properties (ignored).
 *
 * Only OpenFlow 1.3 (and later version numbers, encoded the 1.3 way) have
 * these messages; encoding them for 1.0 is a caller bug (abort). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofp-errors.h"

struct ofpbuf;

/* Bundle control message types. */
#define OFPBCT_OPEN_REQUEST 0
#define OFPBCT_OPEN_REPLY 1
#define OFPBCT_CLOSE_REQUEST 2
#define OFPBCT_CLOSE_REPLY 3
#define OFPBCT_COMMIT_REQUEST 4
#define OFPBCT_COMMIT_REPLY 5
#define OFPBCT_DISCARD_REQUEST 6
#define OFPBCT_DISCARD_REPLY 7

/* Bundle flags. */
#define OFPBF_ATOMIC (1 << 0)
#define OFPBF_ORDERED (1 << 1)

struct ofp_bundle_ctrl {
    uint32_t bundle_id;
    uint16_t type;              /* OFPBCT_*. */
    uint16_t flags;             /* OFPBF_*. */
};

/* Appends a BUNDLE_CONTROL message. */
void ofp_encode_bundle_ctrl(struct ofpbuf *, const struct ofp_bundle_ctrl *,
                            uint8_t version, uint32_t xid);
/* Decodes a BUNDLE_CONTROL message.  Errors: those of ofptype_decode(),
 * OFPBRC_BAD_LEN for a short body or malformed properties, OFPBFC_BAD_TYPE
 * for an unknown 'type', OFPBFC_BAD_FLAGS for unknown flags. */
enum ofperr ofp_decode_bundle_ctrl(const void *msg, size_t len,
                                   struct ofp_bundle_ctrl *);

/* Returns a name for a control type, e.g. "OPEN_REQUEST". */
const char *ofp_bundle_ctrl_type_name(uint16_t type);

struct ofp_bundle_add {
    uint32_t bundle_id;
    uint16_t flags;             /* OFPBF_*. */
    const void *msg;            /* The inner message, inside the outer. */
    size_t msg_len;             /* Its length (its header's length). */
};

/* Appends a BUNDLE_ADD_MESSAGE carrying 'inner' ('inner_len' bytes, a
 * complete message whose header's version, length and xid are already
 * right); the outer message gets the inner one's version and xid. */
void ofp_encode_bundle_add(struct ofpbuf *, uint32_t bundle_id,
                           uint16_t flags, const void *inner,
                           size_t inner_len);
/* Decodes a BUNDLE_ADD_MESSAGE.  Errors: those of ofptype_decode(),
 * OFPBRC_BAD_LEN for a short body, OFPBFC_MSG_BAD_LEN if the inner
 * message's length is below 8 or runs past the outer one,
 * OFPBRC_BAD_VERSION if its version differs, OFPBFC_MSG_BAD_XID if its
 * xid differs, OFPBFC_BAD_FLAGS for unknown flags. */
enum ofperr ofp_decode_bundle_add(const void *msg, size_t len,
                                  struct ofp_bundle_add *);

#endif /* ofp-bundle.h */
