/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFP_ERRORS_H
#define OFP_ERRORS_H 1

/* OpenFlow errors, version-independent.
 *
 * Every OpenFlow decoder in lib/ofp-*.c returns 0 or an enum ofperr: the
 * (type, code) the caller sends back in an OFPT_ERROR.  The values start at
 * OFPERR_OFS, far above any errno, so an "int error" can carry either and
 * ofperr_is_valid() tells them apart.  ofperr_to_wire() gives the (type,
 * code) of an error in a given protocol version; errors that a version does
 * not define travel there as a Nicira extended error (OpenFlow 1.0: type
 * NXET_VENDOR, body vendor + type + code) where Open vSwitch defines one, or
 * else as the closest standard error (the table in ofp-errors.c says which).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ofpbuf;

#define OFPERR_OFS (1 << 14)

enum ofperr {
    OFPERR_OFPHFC_INCOMPATIBLE = OFPERR_OFS,
    OFPERR_OFPHFC_EPERM,

    OFPERR_OFPBRC_BAD_VERSION,
    OFPERR_OFPBRC_BAD_TYPE,
    OFPERR_OFPBRC_BAD_STAT,
    OFPERR_OFPBRC_BAD_VENDOR,
    OFPERR_OFPBRC_BAD_SUBTYPE,
    OFPERR_OFPBRC_EPERM,
    OFPERR_OFPBRC_BAD_LEN,
    OFPERR_OFPBRC_BUFFER_EMPTY,
    OFPERR_OFPBRC_BUFFER_UNKNOWN,
    OFPERR_OFPBRC_BAD_TABLE_ID,
    OFPERR_OFPBRC_IS_SLAVE,
    OFPERR_OFPBRC_BAD_PORT,
    OFPERR_OFPBRC_BAD_PACKET,
    OFPERR_OFPBRC_MULTIPART_BUFFER_OVERFLOW,

    OFPERR_OFPBAC_BAD_TYPE,
    OFPERR_OFPBAC_BAD_LEN,
    OFPERR_OFPBAC_BAD_VENDOR,
    OFPERR_OFPBAC_BAD_VENDOR_TYPE,
    OFPERR_OFPBAC_BAD_OUT_PORT,
    OFPERR_OFPBAC_BAD_ARGUMENT,
    OFPERR_OFPBAC_EPERM,
    OFPERR_OFPBAC_TOO_MANY,
    OFPERR_OFPBAC_BAD_QUEUE,
    OFPERR_OFPBAC_BAD_OUT_GROUP,
    OFPERR_OFPBAC_MATCH_INCONSISTENT,
    OFPERR_OFPBAC_UNSUPPORTED_ORDER,
    OFPERR_OFPBAC_BAD_TAG,
    OFPERR_OFPBAC_BAD_SET_TYPE,
    OFPERR_OFPBAC_BAD_SET_LEN,
    OFPERR_OFPBAC_BAD_SET_ARGUMENT,
    OFPERR_NXBAC_MUST_BE_ZERO,

    OFPERR_OFPBIC_UNKNOWN_INST,
    OFPERR_OFPBIC_UNSUP_INST,
    OFPERR_OFPBIC_BAD_TABLE_ID,
    OFPERR_OFPBIC_UNSUP_METADATA,
    OFPERR_OFPBIC_UNSUP_METADATA_MASK,
    OFPERR_OFPBIC_BAD_EXPERIMENTER,
    OFPERR_OFPBIC_BAD_EXP_TYPE,
    OFPERR_OFPBIC_BAD_LEN,
    OFPERR_OFPBIC_EPERM,

    OFPERR_OFPBMC_BAD_TYPE,
    OFPERR_OFPBMC_BAD_LEN,
    OFPERR_OFPBMC_BAD_TAG,
    OFPERR_OFPBMC_BAD_DL_ADDR_MASK,
    OFPERR_OFPBMC_BAD_NW_ADDR_MASK,
    OFPERR_OFPBMC_BAD_WILDCARDS,
    OFPERR_OFPBMC_BAD_FIELD,
    OFPERR_OFPBMC_BAD_VALUE,
    OFPERR_OFPBMC_BAD_MASK,
    OFPERR_OFPBMC_BAD_PREREQ,
    OFPERR_OFPBMC_DUP_FIELD,
    OFPERR_OFPBMC_EPERM,

    OFPERR_OFPFMFC_UNKNOWN,
    OFPERR_OFPFMFC_TABLE_FULL,
    OFPERR_OFPFMFC_BAD_TABLE_ID,
    OFPERR_OFPFMFC_OVERLAP,
    OFPERR_OFPFMFC_EPERM,
    OFPERR_OFPFMFC_BAD_TIMEOUT,
    OFPERR_OFPFMFC_BAD_COMMAND,
    OFPERR_OFPFMFC_BAD_FLAGS,
    OFPERR_OFPFMFC_UNSUPPORTED,

    OFPERR_OFPPMFC_BAD_PORT,
    OFPERR_OFPPMFC_BAD_HW_ADDR,
    OFPERR_OFPPMFC_BAD_CONFIG,
    OFPERR_OFPPMFC_BAD_ADVERTISE,
    OFPERR_OFPPMFC_EPERM,

    OFPERR_OFPSCFC_BAD_FLAGS,
    OFPERR_OFPSCFC_BAD_LEN,
    OFPERR_OFPSCFC_EPERM,

    OFPERR_OFPRRFC_STALE,
    OFPERR_OFPRRFC_UNSUP,
    OFPERR_OFPRRFC_BAD_ROLE,

    OFPERR_OFPTFFC_BAD_TABLE,
    OFPERR_OFPTFFC_BAD_METADATA,
    OFPERR_OFPTFFC_BAD_TYPE,
    OFPERR_OFPTFFC_BAD_LEN,
    OFPERR_OFPTFFC_BAD_ARGUMENT,
    OFPERR_OFPTFFC_EPERM,

    /* Bundles: OpenFlow 1.4 type 17; in OpenFlow 1.3 the ONF extension
     * sends them as experimenter errors (experimenter ONF_VENDOR_ID, code
     * 2300 + N). */
    OFPERR_OFPBFC_UNKNOWN,
    OFPERR_OFPBFC_EPERM,
    OFPERR_OFPBFC_BAD_ID,
    OFPERR_OFPBFC_BUNDLE_EXIST,
    OFPERR_OFPBFC_BUNDLE_CLOSED,
    OFPERR_OFPBFC_OUT_OF_BUNDLES,
    OFPERR_OFPBFC_BAD_TYPE,
    OFPERR_OFPBFC_BAD_FLAGS,
    OFPERR_OFPBFC_MSG_BAD_LEN,
    OFPERR_OFPBFC_MSG_BAD_XID,
    OFPERR_OFPBFC_MSG_UNSUP,
    OFPERR_OFPBFC_MSG_CONFLICT,
    OFPERR_OFPBFC_MSG_TOO_MANY,
    OFPERR_OFPBFC_MSG_FAILED,
    OFPERR_OFPBFC_TIMEOUT,
    OFPERR_OFPBFC_BUNDLE_IN_PROGRESS,

    OFPERR_LIMIT
};

/* Returns true if 'error' is an enum ofperr (not 0, not an errno). */
bool ofperr_is_valid(int error);

/* Returns the name of 'error', e.g. "OFPBMC_BAD_PREREQ", or "<unknown>". */
const char *ofperr_get_name(int error);

/* Looks 'name' up (as printed by ofperr_get_name()); returns 0 if none. */
enum ofperr ofperr_from_name(const char *name);

/* A (type, code) pair as it travels in an OFPT_ERROR of some version.
 * 'vendor' is nonzero for a Nicira extended error, whose outer type and
 * code (NXET_VENDOR, NXVC_VENDOR_ERROR in 1.0; OFPET_EXPERIMENTER in 1.3)
 * the message codec adds. */
struct ofperr_wire {
    uint16_t type;
    uint16_t code;
    uint32_t vendor;
};

/* Sets '*wire' to what 'error' becomes in OpenFlow 'version' (an OFP*_VERSION
 * number from ofp-msgs.h).  Never fails: an error the version does not
 * know maps to its closest relative. */
void ofperr_to_wire(enum ofperr error, uint8_t version,
                    struct ofperr_wire *wire);

/* The reverse of ofperr_to_wire(); returns 0 if the pair means nothing to
 * us in 'version'. */
enum ofperr ofperr_from_wire(uint8_t version, const struct ofperr_wire *);

#endif /* ofp-errors.h */
