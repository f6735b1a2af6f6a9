/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* OpenFlow bundles for connmgr: per-connection open bundles of flow mods,
 * committed all or nothing through ofproto_flow_mod_batch().  Errors and
 * replies follow stock Open vSwitch: a failing OPEN, CLOSE or ADD discards
 * the bundle, COMMIT and DISCARD always remove it, and a failing flow mod
 * at commit time gets its own ERROR before the OFPBFC_MSG_FAILED one. */

#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr-private.h"
#include "ofp-bundle.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "ofproto.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(connmgr_bundle);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

struct ofconn_bundle {
    struct ovs_list node;       /* In ofconn's 'bundles'. */
    uint32_t id;
    uint16_t flags;
    bool closed;
    long long used;             /* time_msec() of the last request. */
    struct ofpbuf *first;       /* The request that opened it. */

    struct ofp_flow_mod *fms;   /* Flow mods to commit. */
    struct ofpbuf **msgs;       /* The ADD message of each, to quote. */
    size_t n, allocated;
};

static struct ofpbuf *
copy_msg(const void *data, size_t len)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b);
    ofpbuf_put(b, data, len);
    return b;
}

static void
free_msg(struct ofpbuf *b)
{
    if (b) {
        ofpbuf_uninit(b);
        free(b);
    }
}

static struct ofconn_bundle *
bundle_find(const struct ofconn *ofconn, uint32_t id)
{
    struct ofconn_bundle *b;

    LIST_FOR_EACH (b, node, &ofconn->bundles) {
        if (b->id == id) {
            return b;
        }
    }
    return NULL;
}

static struct ofconn_bundle *
bundle_create(struct ofconn *ofconn, uint32_t id, uint16_t flags,
              const struct ofpbuf *request)
{
    struct ofconn_bundle *b = xzalloc(sizeof *b);

    b->id = id;
    b->flags = flags;
    b->used = time_msec();
    b->first = copy_msg(request->data, request->size);
    ovs_list_push_back(&ofconn->bundles, &b->node);
    return b;
}

static void
bundle_remove(struct ofconn_bundle *b)
{
    size_t i;

    ovs_list_remove(&b->node);
    for (i = 0; i < b->n; i++) {
        ofp_flow_mod_uninit(&b->fms[i]);
        free_msg(b->msgs[i]);
    }
    free(b->fms);
    free(b->msgs);
    free_msg(b->first);
    free(b);
}

void
connmgr_bundles_clear(struct ofconn *ofconn)
{
    struct ofconn_bundle *b, *next;

    LIST_FOR_EACH_SAFE (b, next, node, &ofconn->bundles) {
        bundle_remove(b);
    }
}

void
connmgr_bundles_expire(struct ofconn *ofconn, long long now)
{
    struct ofconn_bundle *b, *next;

    LIST_FOR_EACH_SAFE (b, next, node, &ofconn->bundles) {
        if (now >= b->used + CONNMGR_BUNDLE_IDLE_TIMEOUT) {
            VLOG_INFO_RL(&rl, "%s: bundle %"PRIu32" timed out",
                         ofconn->name, b->id);
            ofconn_send_error(ofconn, b->first, OFPERR_OFPBFC_TIMEOUT);
            bundle_remove(b);
        }
    }
}

long long
connmgr_bundles_next_expiry(const struct ofconn *ofconn)
{
    const struct ofconn_bundle *b;
    long long next = LLONG_MAX;

    LIST_FOR_EACH (b, node, &ofconn->bundles) {
        if (b->used + CONNMGR_BUNDLE_IDLE_TIMEOUT < next) {
            next = b->used + CONNMGR_BUNDLE_IDLE_TIMEOUT;
        }
    }
    return next;
}

static enum ofperr
bundle_open(struct ofconn *ofconn, const struct ofp_bundle_ctrl *bc,
            const struct ofpbuf *request)
{
    struct ofconn_bundle *b = bundle_find(ofconn, bc->bundle_id);

    if (b) {
        bundle_remove(b);
        return OFPERR_OFPBFC_BAD_ID;
    }
    bundle_create(ofconn, bc->bundle_id, bc->flags, request);
    return 0;
}

static enum ofperr
bundle_close(struct ofconn *ofconn, const struct ofp_bundle_ctrl *bc)
{
    struct ofconn_bundle *b = bundle_find(ofconn, bc->bundle_id);

    if (!b) {
        return OFPERR_OFPBFC_BAD_ID;
    }
    if (b->closed) {
        bundle_remove(b);
        return OFPERR_OFPBFC_BUNDLE_CLOSED;
    }
    if (b->flags != bc->flags) {
        bundle_remove(b);
        return OFPERR_OFPBFC_BAD_FLAGS;
    }
    b->closed = true;
    b->used = time_msec();
    return 0;
}

static enum ofperr
bundle_commit(struct ofconn *ofconn, const struct ofp_bundle_ctrl *bc)
{
    struct ofconn_bundle *b = bundle_find(ofconn, bc->bundle_id);
    enum ofperr error = 0;

    if (!b) {
        return OFPERR_OFPBFC_BAD_ID;
    }
    if (b->flags != bc->flags) {
        error = OFPERR_OFPBFC_BAD_FLAGS;
    } else if (b->n) {
        size_t failed = 0;

        error = ofproto_flow_mod_batch(connmgr_get_ofproto__(ofconn),
                                       b->fms, b->n, ofconn, &failed);
        if (error) {
            if (failed >= b->n) {
                failed = 0;
            }
            ofconn_send_error(ofconn, b->msgs[failed], error);
            error = OFPERR_OFPBFC_MSG_FAILED;
        }
    }
    bundle_remove(b);
    return error;
}

static enum ofperr
bundle_discard(struct ofconn *ofconn, const struct ofp_bundle_ctrl *bc)
{
    struct ofconn_bundle *b = bundle_find(ofconn, bc->bundle_id);

    if (!b) {
        return OFPERR_OFPBFC_BAD_ID;
    }
    bundle_remove(b);
    return 0;
}

enum ofperr
connmgr_bundle_control(struct ofconn *ofconn, const struct ofpbuf *request)
{
    struct ofp_bundle_ctrl bc, reply;
    enum ofperr error;
    struct ofpbuf *b;

    if (ofconn_get_role(ofconn) == OFPCR_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SLAVE;
    }
    error = ofp_decode_bundle_ctrl(request->data, request->size, &bc);
    if (error) {
        return error;
    }
    switch (bc.type) {
    case OFPBCT_OPEN_REQUEST:
        error = bundle_open(ofconn, &bc, request);
        break;
    case OFPBCT_CLOSE_REQUEST:
        error = bundle_close(ofconn, &bc);
        break;
    case OFPBCT_COMMIT_REQUEST:
        error = bundle_commit(ofconn, &bc);
        break;
    case OFPBCT_DISCARD_REQUEST:
        error = bundle_discard(ofconn, &bc);
        break;
    default:
        return OFPERR_OFPBFC_BAD_TYPE;
    }
    if (error) {
        return error;
    }
    reply.bundle_id = bc.bundle_id;
    reply.type = bc.type + 1;
    reply.flags = 0;
    b = xmalloc(sizeof *b);
    ofpbuf_init(b);
    ofp_encode_bundle_ctrl(b, &reply, ofconn_get_version(ofconn),
                           ofp_get32(request->data + 4));
    ofconn_send(ofconn, b);
    return 0;
}

/* Appends 'fm' (taken over) and a copy of the BUNDLE_ADD_MESSAGE that
 * carried it (stock quotes that one when the flow mod fails) to 'b'. */
static void
bundle_append(struct ofconn_bundle *b, struct ofp_flow_mod *fm,
              const void *msg, size_t len)
{
    if (b->n >= b->allocated) {
        b->allocated = b->allocated ? 2 * b->allocated : 8;
        b->fms = xrealloc(b->fms, b->allocated * sizeof *b->fms);
        b->msgs = xrealloc(b->msgs, b->allocated * sizeof *b->msgs);
    }
    b->fms[b->n] = *fm;
    b->msgs[b->n] = copy_msg(msg, len);
    b->n++;
    b->used = time_msec();
}

enum ofperr
connmgr_bundle_add(struct ofconn *ofconn, const struct ofpbuf *request)
{
    struct ofp_bundle_add ba;
    struct ofp_msg_info info;
    struct ofconn_bundle *b;
    struct ofp_flow_mod fm;
    enum ofp_protocol proto;
    enum ofperr error;

    if (ofconn_get_role(ofconn) == OFPCR_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SLAVE;
    }
    error = ofp_decode_bundle_add(request->data, request->size, &ba);
    if (error) {
        return error;
    }
    error = ofptype_decode(ba.msg, ba.msg_len, &info);
    if (error) {
        return error;
    }
    if (info.type != OFPTYPE_FLOW_MOD) {
        return OFPERR_OFPBFC_MSG_UNSUP;
    }
    ofp_flow_mod_init(&fm);
    error = ofp_decode_flow_mod(ba.msg, ba.msg_len,
                                ofconn_get_table_id_ext(ofconn), &fm, &proto);
    if (error) {
        ofp_flow_mod_uninit(&fm);
        return error;
    }

    b = bundle_find(ofconn, ba.bundle_id);
    if (!b) {
        b = bundle_create(ofconn, ba.bundle_id, ba.flags, request);
    } else if (b->closed) {
        bundle_remove(b);
        error = OFPERR_OFPBFC_BUNDLE_CLOSED;
    } else if (b->flags != ba.flags) {
        bundle_remove(b);
        error = OFPERR_OFPBFC_BAD_FLAGS;
    }
    if (error) {
        ofp_flow_mod_uninit(&fm);
        return error;
    }
    bundle_append(b, &fm, request->data, request->size);
    return 0;
}
