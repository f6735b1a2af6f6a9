/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-errors.h"

#include <string.h>
#include "ofp-msgs.h"
#include "util.h"

/* Where an error lives in one protocol version: a standard (type, code), a
 * Nicira extended (type, code) (vendor NX_VENDOR_ID), or nowhere. */
enum ofperr_kind {
    OEK_NONE,
    OEK_STD,
    OEK_NX,
    OEK_ONF,                    /* ONF experimenter (ONF_VENDOR_ID). */
};

struct ofperr_loc {
    enum ofperr_kind kind;
    uint16_t type;
    uint16_t code;
};

struct ofperr_info {
    const char *name;
    struct ofperr_loc of10;     /* OpenFlow 1.0. */
    struct ofperr_loc of13;     /* OpenFlow 1.3 (and, for now, 1.4/1.5). */
    enum ofperr fallback;       /* For a version where it is OEK_NONE. */
};

#define STD(T, C) { OEK_STD, T, C }
#define NX(T, C) { OEK_NX, T, C }
#define ONF(C) { OEK_ONF, 0xffff, C }
#define NONE { OEK_NONE, 0, 0 }
#define E(NAME, OF10, OF13, FALLBACK) \
    [OFPERR_##NAME - OFPERR_OFS] = { #NAME, OF10, OF13, FALLBACK }

static const struct ofperr_info ofperr_table[OFPERR_LIMIT - OFPERR_OFS] = {
    E(OFPHFC_INCOMPATIBLE, STD(0, 0), STD(0, 0), 0),
    E(OFPHFC_EPERM, STD(0, 1), STD(0, 1), 0),

    E(OFPBRC_BAD_VERSION, STD(1, 0), STD(1, 0), 0),
    E(OFPBRC_BAD_TYPE, STD(1, 1), STD(1, 1), 0),
    E(OFPBRC_BAD_STAT, STD(1, 2), STD(1, 2), 0),
    E(OFPBRC_BAD_VENDOR, STD(1, 3), STD(1, 3), 0),
    E(OFPBRC_BAD_SUBTYPE, STD(1, 4), STD(1, 4), 0),
    E(OFPBRC_EPERM, STD(1, 5), STD(1, 5), 0),
    E(OFPBRC_BAD_LEN, STD(1, 6), STD(1, 6), 0),
    E(OFPBRC_BUFFER_EMPTY, STD(1, 7), STD(1, 7), 0),
    E(OFPBRC_BUFFER_UNKNOWN, STD(1, 8), STD(1, 8), 0),
    E(OFPBRC_BAD_TABLE_ID, NONE, STD(1, 9), OFPERR_OFPBRC_EPERM),
    E(OFPBRC_IS_SLAVE, NONE, STD(1, 10), OFPERR_OFPBRC_EPERM),
    E(OFPBRC_BAD_PORT, NONE, STD(1, 11), OFPERR_OFPBRC_EPERM),
    E(OFPBRC_BAD_PACKET, NONE, STD(1, 12), OFPERR_OFPBRC_EPERM),
    E(OFPBRC_MULTIPART_BUFFER_OVERFLOW, NONE, STD(1, 13),
      OFPERR_OFPBRC_BAD_LEN),

    E(OFPBAC_BAD_TYPE, STD(2, 0), STD(2, 0), 0),
    E(OFPBAC_BAD_LEN, STD(2, 1), STD(2, 1), 0),
    E(OFPBAC_BAD_VENDOR, STD(2, 2), STD(2, 2), 0),
    E(OFPBAC_BAD_VENDOR_TYPE, STD(2, 3), STD(2, 3), 0),
    E(OFPBAC_BAD_OUT_PORT, STD(2, 4), STD(2, 4), 0),
    E(OFPBAC_BAD_ARGUMENT, STD(2, 5), STD(2, 5), 0),
    E(OFPBAC_EPERM, STD(2, 6), STD(2, 6), 0),
    E(OFPBAC_TOO_MANY, STD(2, 7), STD(2, 7), 0),
    E(OFPBAC_BAD_QUEUE, STD(2, 8), STD(2, 8), 0),
    E(OFPBAC_BAD_OUT_GROUP, NONE, STD(2, 9), OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBAC_MATCH_INCONSISTENT, NONE, STD(2, 10),
      OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBAC_UNSUPPORTED_ORDER, NONE, STD(2, 11),
      OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBAC_BAD_TAG, NONE, STD(2, 12), OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBAC_BAD_SET_TYPE, NONE, STD(2, 13), OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBAC_BAD_SET_LEN, NONE, STD(2, 14), OFPERR_OFPBAC_BAD_LEN),
    E(OFPBAC_BAD_SET_ARGUMENT, NONE, STD(2, 15),
      OFPERR_OFPBAC_BAD_ARGUMENT),
    E(NXBAC_MUST_BE_ZERO, NX(2, 0x100), NONE, OFPERR_OFPBAC_BAD_ARGUMENT),

    E(OFPBIC_UNKNOWN_INST, NONE, STD(3, 0), OFPERR_OFPBAC_BAD_TYPE),
    E(OFPBIC_UNSUP_INST, NX(2, 0x101), STD(3, 1), 0),
    E(OFPBIC_BAD_TABLE_ID, NONE, STD(3, 2), OFPERR_OFPBRC_EPERM),
    E(OFPBIC_UNSUP_METADATA, NONE, STD(3, 3), OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBIC_UNSUP_METADATA_MASK, NONE, STD(3, 4),
      OFPERR_OFPBAC_BAD_ARGUMENT),
    E(OFPBIC_BAD_EXPERIMENTER, NONE, STD(3, 5), OFPERR_OFPBAC_BAD_VENDOR),
    E(OFPBIC_BAD_EXP_TYPE, NONE, STD(3, 6), OFPERR_OFPBAC_BAD_VENDOR_TYPE),
    E(OFPBIC_BAD_LEN, NONE, STD(3, 7), OFPERR_OFPBAC_BAD_LEN),
    E(OFPBIC_EPERM, NONE, STD(3, 8), OFPERR_OFPBAC_EPERM),

    E(OFPBMC_BAD_TYPE, NONE, STD(4, 0), OFPERR_OFPBRC_EPERM),
    E(OFPBMC_BAD_LEN, NX(1, 0x100), STD(4, 1), 0),
    E(OFPBMC_BAD_TAG, NONE, STD(4, 2), OFPERR_OFPBMC_BAD_LEN),
    E(OFPBMC_BAD_DL_ADDR_MASK, NONE, STD(4, 3), OFPERR_OFPBMC_BAD_MASK),
    E(OFPBMC_BAD_NW_ADDR_MASK, NONE, STD(4, 4), OFPERR_OFPBMC_BAD_MASK),
    E(OFPBMC_BAD_WILDCARDS, NX(1, 0x106), STD(4, 5), 0),
    E(OFPBMC_BAD_FIELD, NX(1, 0x101), STD(4, 6), 0),
    E(OFPBMC_BAD_VALUE, NX(1, 0x102), STD(4, 7), 0),
    E(OFPBMC_BAD_MASK, NX(1, 0x103), STD(4, 8), 0),
    E(OFPBMC_BAD_PREREQ, NX(1, 0x104), STD(4, 9), 0),
    E(OFPBMC_DUP_FIELD, NX(1, 0x105), STD(4, 10), 0),
    E(OFPBMC_EPERM, NONE, STD(4, 11), OFPERR_OFPBRC_EPERM),

    E(OFPFMFC_UNKNOWN, NONE, STD(5, 0), OFPERR_OFPFMFC_EPERM),
    E(OFPFMFC_TABLE_FULL, STD(3, 0), STD(5, 1), 0),
    E(OFPFMFC_BAD_TABLE_ID, NONE, STD(5, 2), OFPERR_OFPBRC_EPERM),
    E(OFPFMFC_OVERLAP, STD(3, 1), STD(5, 3), 0),
    E(OFPFMFC_EPERM, STD(3, 2), STD(5, 4), 0),
    E(OFPFMFC_BAD_TIMEOUT, STD(3, 3), STD(5, 5), 0),
    E(OFPFMFC_BAD_COMMAND, STD(3, 4), STD(5, 6), 0),
    E(OFPFMFC_BAD_FLAGS, NONE, STD(5, 7), OFPERR_OFPFMFC_EPERM),
    E(OFPFMFC_UNSUPPORTED, STD(3, 5), NONE, OFPERR_OFPFMFC_EPERM),

    E(OFPPMFC_BAD_PORT, STD(4, 0), STD(7, 0), 0),
    E(OFPPMFC_BAD_HW_ADDR, STD(4, 1), STD(7, 1), 0),
    E(OFPPMFC_BAD_CONFIG, NONE, STD(7, 2), OFPERR_OFPBRC_EPERM),
    E(OFPPMFC_BAD_ADVERTISE, NONE, STD(7, 3), OFPERR_OFPBRC_EPERM),
    E(OFPPMFC_EPERM, NONE, STD(7, 4), OFPERR_OFPBRC_EPERM),

    E(OFPSCFC_BAD_FLAGS, NONE, STD(10, 0), OFPERR_OFPBRC_EPERM),
    E(OFPSCFC_BAD_LEN, NONE, STD(10, 1), OFPERR_OFPBRC_BAD_LEN),
    E(OFPSCFC_EPERM, NONE, STD(10, 2), OFPERR_OFPBRC_EPERM),

    E(OFPRRFC_STALE, NONE, STD(11, 0), OFPERR_OFPBRC_EPERM),
    E(OFPRRFC_UNSUP, NONE, STD(11, 1), OFPERR_OFPBRC_EPERM),
    E(OFPRRFC_BAD_ROLE, NONE, STD(11, 2), OFPERR_OFPBRC_EPERM),

    E(OFPTFFC_BAD_TABLE, NONE, STD(13, 0), OFPERR_OFPBRC_EPERM),
    E(OFPTFFC_BAD_METADATA, NONE, STD(13, 1), OFPERR_OFPBRC_EPERM),
    E(OFPTFFC_BAD_TYPE, NONE, STD(13, 2), OFPERR_OFPBRC_EPERM),
    E(OFPTFFC_BAD_LEN, NONE, STD(13, 3), OFPERR_OFPBRC_BAD_LEN),
    E(OFPTFFC_BAD_ARGUMENT, NONE, STD(13, 4), OFPERR_OFPBRC_EPERM),
    E(OFPTFFC_EPERM, NONE, STD(13, 5), OFPERR_OFPBRC_EPERM),

    E(OFPBFC_UNKNOWN, NONE, ONF(2300), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_EPERM, NONE, ONF(2301), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_BAD_ID, NONE, ONF(2302), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_BUNDLE_EXIST, NONE, ONF(2303), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_BUNDLE_CLOSED, NONE, ONF(2304), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_OUT_OF_BUNDLES, NONE, ONF(2305), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_BAD_TYPE, NONE, ONF(2306), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_BAD_FLAGS, NONE, ONF(2307), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_MSG_BAD_LEN, NONE, ONF(2308), OFPERR_OFPBRC_BAD_LEN),
    E(OFPBFC_MSG_BAD_XID, NONE, ONF(2309), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_MSG_UNSUP, NONE, ONF(2310), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_MSG_CONFLICT, NONE, ONF(2311), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_MSG_TOO_MANY, NONE, ONF(2312), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_MSG_FAILED, NONE, ONF(2313), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_TIMEOUT, NONE, ONF(2314), OFPERR_OFPBRC_EPERM),
    E(OFPBFC_BUNDLE_IN_PROGRESS, NONE, ONF(2315), OFPERR_OFPBRC_EPERM),
};

bool
ofperr_is_valid(int error)
{
    return error >= OFPERR_OFS && error < OFPERR_LIMIT;
}

const char *
ofperr_get_name(int error)
{
    return (ofperr_is_valid(error)
            ? ofperr_table[error - OFPERR_OFS].name : "<unknown>");
}

enum ofperr
ofperr_from_name(const char *name)
{
    int i;

    for (i = 0; i < OFPERR_LIMIT - OFPERR_OFS; i++) {
        if (!strcmp(ofperr_table[i].name, name)) {
            return OFPERR_OFS + i;
        }
    }
    return 0;
}

static const struct ofperr_loc *
ofperr_loc__(const struct ofperr_info *info, uint8_t version)
{
    return version == OFP10_VERSION ? &info->of10 : &info->of13;
}

void
ofperr_to_wire(enum ofperr error, uint8_t version, struct ofperr_wire *wire)
{
    int i;

    if (!ofperr_is_valid(error)) {
        error = OFPERR_OFPBRC_EPERM;
    }
    /* Fallbacks are at most a few steps deep and always end at an error
     * every version has; the bound only guards against a table typo. */
    for (i = 0; i < 4; i++) {
        const struct ofperr_info *info = &ofperr_table[error - OFPERR_OFS];
        const struct ofperr_loc *loc = ofperr_loc__(info, version);

        if (loc->kind != OEK_NONE) {
            wire->type = loc->type;
            wire->code = loc->code;
            wire->vendor = (loc->kind == OEK_NX ? NX_VENDOR_ID
                            : loc->kind == OEK_ONF ? ONF_VENDOR_ID : 0);
            return;
        }
        error = info->fallback;
    }
    wire->type = 1;
    wire->code = 5;
    wire->vendor = 0;
}

enum ofperr
ofperr_from_wire(uint8_t version, const struct ofperr_wire *wire)
{
    enum ofperr_kind kind;
    int i;

    if (!wire->vendor) {
        kind = OEK_STD;
    } else if (wire->vendor == NX_VENDOR_ID) {
        kind = OEK_NX;
    } else if (wire->vendor == ONF_VENDOR_ID) {
        kind = OEK_ONF;
    } else {
        return 0;
    }
    for (i = 0; i < OFPERR_LIMIT - OFPERR_OFS; i++) {
        const struct ofperr_loc *loc = ofperr_loc__(&ofperr_table[i],
                                                    version);

        if (loc->kind == kind && loc->type == wire->type
            && loc->code == wire->code) {
            return OFPERR_OFS + i;
        }
    }
    return 0;
}
