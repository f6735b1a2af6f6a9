/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Revalidation (see upcall.h): passes over the datapath's flows, run in
 * slices from udpif_run(), that push statistics into the OpenFlow rules,
 * expire idle flows, re-translate flows after a change, adopt flows found
 * in the datapath at start, and keep the flow count under the limit. */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif.h"
#include "hash.h"
#include "ofproto.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "upcall.h"
#include "upcall-private.h"
#include "util.h"
#include "vlog.h"
#include "xlate.h"

VLOG_DEFINE_THIS_MODULE(revalidate);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Operations batched per dpif_operate(). */
#define REVAL_BATCH 64

/* A delete or modify, with what to do once it is done. */
struct reval_op {
    struct dpif_op op;
    struct ukey *ukey;              /* NULL for a flow without one. */
    bool is_del;
    ovs_u128 ufid;
    struct match match;             /* Names the flow when no UFID. */
    struct dpif_flow_stats stats;   /* Out: final or previous stats. */
    void *actions;                  /* Modify: the new actions (owned). */
    size_t actions_len;
    uint64_t seq;                   /* Modify: seq they are right for. */
};

/* Statistics. */

void
udpif_flow_stats_delta(const struct dpif_flow_stats *now,
                       const struct dpif_flow_stats *pushed,
                       struct dpif_flow_stats *delta)
{
    if (now->n_packets >= pushed->n_packets) {
        delta->n_packets = now->n_packets - pushed->n_packets;
        delta->n_bytes = (now->n_bytes >= pushed->n_bytes
                          ? now->n_bytes - pushed->n_bytes : 0);
    } else {
        /* Counters went back (a modify that zeroed them). */
        delta->n_packets = now->n_packets;
        delta->n_bytes = now->n_bytes;
    }
    delta->used = now->used;
    delta->tcp_flags = now->tcp_flags;
}

/* Batched operations. */

static void
rops_flush(struct udpif *udpif)
{
    struct dpif_op *ops[REVAL_BATCH];
    size_t n = udpif->n_rops;

    if (!n) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        ops[i] = &udpif->rops[i].op;
    }
    dpif_operate(udpif->dpif, ops, n);

    for (size_t i = 0; i < n; i++) {
        struct reval_op *r = &udpif->rops[i];
        struct ukey *ukey = r->ukey;

        if (r->op.error && r->op.error != ENOENT) {
            VLOG_WARN_RL(&rl, "%s: failed to %s flow (%s%s%s)",
                         dpif_name(udpif->dpif),
                         r->is_del ? "delete" : "modify",
                         ovs_strerror(r->op.error),
                         r->op.error_msg ? ", kernel: " : "",
                         r->op.error_msg ? r->op.error_msg : "");
        }
        if (r->is_del) {
            if (ukey) {
                if (!r->op.error) {
                    struct dpif_flow_stats delta;

                    udpif_flow_stats_delta(&r->stats, &ukey->stats, &delta);
                    udpif_credit(&ukey->match, &delta, false);
                }
                if (!r->op.error || r->op.error == ENOENT) {
                    udpif_ukey_delete(udpif, ukey);
                }
            }
        } else if (ukey) {
            if (!r->op.error) {
                free(ukey->actions);
                ukey->actions = r->actions;
                ukey->actions_len = r->actions_len;
                ukey->reval_seq = r->seq;
                r->actions = NULL;
            } else if (r->op.error == ENOENT) {
                udpif_ukey_delete(udpif, ukey);
            }
        }
        free(r->actions);
        free(r->op.error_msg);
    }
    udpif->n_rops = 0;
}

static struct reval_op *
rop_add(struct udpif *udpif, struct ukey *ukey, const ovs_u128 *ufid,
        const struct match *match)
{
    struct reval_op *r;

    if (udpif->n_rops >= REVAL_BATCH) {
        rops_flush(udpif);
    }
    if (!udpif->rops) {
        udpif->rops = xcalloc(REVAL_BATCH, sizeof *udpif->rops);
    }
    r = &udpif->rops[udpif->n_rops++];
    memset(r, 0, sizeof *r);
    r->ukey = ukey;
    r->ufid = *ufid;
    r->match = *match;
    return r;
}

static void
rop_delete(struct udpif *udpif, struct ukey *ukey, const ovs_u128 *ufid,
           bool ufid_present, const struct match *match)
{
    struct reval_op *r = rop_add(udpif, ukey, ufid, match);
    struct dpif_flow_del *del = &r->op.u.flow_del;

    r->is_del = true;
    r->op.type = DPIF_OP_FLOW_DEL;
    del->ufid = ufid_present ? &r->ufid : NULL;
    del->match = ufid_present ? NULL : &r->match;
    del->stats = &r->stats;
}

static void
rop_modify(struct udpif *udpif, struct ukey *ukey, struct nl_buf *actions,
           uint64_t seq)
{
    struct reval_op *r = rop_add(udpif, ukey, &ukey->ufid,
                                 &ukey->match);
    struct dpif_flow_put *put = &r->op.u.flow_put;

    r->op.type = DPIF_OP_FLOW_PUT;
    r->actions = actions->used ? xmemdup(actions->data, actions->used)
                               : NULL;
    r->actions_len = actions->used;
    r->seq = seq;
    put->flags = DPIF_FP_MODIFY;
    put->match = &r->match;
    put->ufid = ukey->ufid_present ? &r->ufid : NULL;
    put->actions = r->actions;
    put->actions_len = r->actions_len;
    put->stats = &r->stats;
}

/* Translation for revalidation. */

/* Translates 'flow', crediting 'delta' (may be NULL) to the rules, into
 * the megaflow 'match' and datapath 'actions' it should have.  MAC
 * addresses are learned if 'may_learn' (the flow has seen traffic).
 * Returns false if the flow should go (its port belongs to no bridge, or
 * the translation failed). */
static bool
retranslate(struct udpif *udpif, const struct flow *flow,
            const struct dpif_flow_stats *delta, bool may_learn,
            struct match *match, ovs_u128 *ufid, struct nl_buf *actions)
{
    struct xlate_in xin;
    struct xlate_out xo;
    int error;

    memset(&xin, 0, sizeof xin);
    xin.flow = *flow;
    xin.may_learn = may_learn;
    if (delta && delta->n_packets) {
        xin.n_packets = delta->n_packets;
        xin.n_bytes = delta->n_bytes;
        xin.used = delta->used;
    }
    xin.upcall_pid = dpif_port_get_pid(udpif->dpif, flow->in_port.odp_port);
    xlate_out_init(&xo);
    error = xlate_actions(&xin, &xo);
    if (!error) {
        udpif_megaflow(flow, &xo.wc, match, ufid);
        udpif_flow_actions(udpif, flow, &xo, actions);
    }
    xlate_out_uninit(&xo);
    return !error;
}

static bool
actions_equal(const void *a, size_t a_len, const void *b, size_t b_len)
{
    return a_len == b_len && (!a_len || !memcmp(a, b, a_len));
}

/* Handles flow 'f' of a dump that has a ukey. */
static void
revalidate_ukey(struct udpif *udpif, struct ukey *ukey,
                const struct dpif_flow *f, long long now)
{
    struct dpif_flow_stats delta;

    ukey->seen_pass = udpif->pass_no;
    if (f->stats.used > ukey->used) {
        ukey->used = f->stats.used;
    }
    udpif_flow_stats_delta(&f->stats, &ukey->stats, &delta);

    if (now - ukey->used > udpif->pass_max_idle) {
        rop_delete(udpif, ukey, &ukey->ufid, ukey->ufid_present,
                   &ukey->match);
    } else if (ukey->reval_seq != udpif->pass_seq) {
        uint64_t stub[128];
        struct nl_buf actions;
        struct match match;
        bool ok;

        nl_buf_init(&actions, sizeof stub);
        ok = retranslate(udpif, &ukey->match.flow, &delta,
                         delta.n_packets > 0, &match, NULL, &actions);
        ukey->stats = f->stats;
        if (!ok || !match_equal(&match, &ukey->match)) {
            rop_delete(udpif, ukey, &ukey->ufid, ukey->ufid_present,
                       &ukey->match);
        } else if (!actions_equal(actions.data, actions.used,
                                  ukey->actions, ukey->actions_len)) {
            rop_modify(udpif, ukey, &actions, udpif->pass_seq);
        } else {
            ukey->reval_seq = udpif->pass_seq;
        }
        nl_buf_uninit(&actions);
    } else if (delta.n_packets) {
        udpif_credit(&ukey->match, &delta, true);
        ukey->stats = f->stats;
    }
}

/* Handles flow 'f' of a dump that has no ukey: one installed before a
 * restart, or by someone else.  Keeps it if a translation now gives the
 * same megaflow, modifying its actions in place if they changed (so that
 * its UFID and counters survive a restart even though, say, the MAC
 * learning table starts empty), else deletes it.  A flow used recently
 * teaches its MAC addresses on the way. */
static void
revalidate_orphan(struct udpif *udpif, const struct dpif_flow *f,
                  const ovs_u128 *ufid, long long now)
{
    bool recent = f->stats.used && now - f->stats.used < udpif->max_idle;
    struct nl_buf actions;
    struct match match;
    ovs_u128 new_ufid;

    nl_buf_init(&actions, 256);
    if (!f->match_error
        && retranslate(udpif, &f->match.flow, NULL, recent, &match,
                       &new_ufid, &actions)
        && match_equal(&match, &f->match)) {
        struct ukey *ukey;

        ukey = udpif_ukey_create(udpif, ufid, f->ufid_present, &f->match,
                                 f->actions, f->actions_len);
        ukey->reval_seq = udpif->pass_seq;
        ukey->stats = f->stats;
        if (f->stats.used) {
            ukey->used = f->stats.used;
        }
        if (!actions_equal(actions.data, actions.used,
                           f->actions, f->actions_len)) {
            ukey->reval_seq = 0;        /* Until the modify succeeds. */
            rop_modify(udpif, ukey, &actions, udpif->pass_seq);
        }
    } else {
        rop_delete(udpif, NULL, ufid, f->ufid_present, &f->match);
    }
    nl_buf_uninit(&actions);
}

static void
revalidate_flow(struct udpif *udpif, const struct dpif_flow *f,
                long long now)
{
    ovs_u128 ufid;
    struct ukey *ukey;

    udpif->pass_flows++;
    if (f->ufid_present) {
        ufid = f->ufid;
    } else if (f->key) {
        dpif_flow_hash(f->key, f->key_len, &ufid);
    } else {
        dpif_flow_hash(&f->match, sizeof f->match, &ufid);
    }
    ukey = udpif_ukey_find(udpif, &ufid);
    if (ukey) {
        revalidate_ukey(udpif, ukey, f, now);
    } else if (f->match_error && !f->ufid_present) {
        /* Neither decodable nor nameable by UFID: leave it. */
        VLOG_WARN_RL(&rl, "%s: cannot decode a datapath flow",
                     dpif_name(udpif->dpif));
    } else {
        revalidate_orphan(udpif, f, &ufid, now);
    }
}

/* Passes. */

static void
start_pass(struct udpif *udpif, uint64_t seq, long long now)
{
    struct dpif_dp_stats stats;

    udpif->pass_no++;
    udpif->pass_seq = udpif->last_seq = seq;
    udpif->pass_start = now;
    udpif->pass_force = false;
    udpif->pass_flows = 0;
    udpif->pass_max_idle = udpif->max_idle;
    memset(&stats, 0, sizeof stats);
    if (!dpif_get_dp_stats(udpif->dpif, &stats)
        && stats.n_flows > udpif->flow_limit
        && udpif->pass_max_idle > UDPIF_MIN_MAX_IDLE) {
        udpif->pass_max_idle = UDPIF_MIN_MAX_IDLE;
    }
    udpif->dump = dpif_flow_dump_create(udpif->dpif, NULL);
}

static int
compare_ukey_used(const void *a_, const void *b_)
{
    const struct ukey *const *a = a_;
    const struct ukey *const *b = b_;

    return ((*a)->used > (*b)->used) - ((*a)->used < (*b)->used);
}

/* Deletes the least recently used flows beyond the flow limit. */
static void
enforce_flow_limit(struct udpif *udpif)
{
    size_t n = hmap_count(&udpif->ukeys);
    struct ukey **ukeys, *ukey;
    size_t i = 0, excess;

    if (n <= udpif->flow_limit) {
        return;
    }
    excess = n - udpif->flow_limit;
    ukeys = xmalloc(n * sizeof *ukeys);
    HMAP_FOR_EACH (ukey, hmap_node, &udpif->ukeys) {
        ukeys[i++] = ukey;
    }
    qsort(ukeys, n, sizeof *ukeys, compare_ukey_used);
    for (i = 0; i < excess; i++) {
        rop_delete(udpif, ukeys[i], &ukeys[i]->ufid, ukeys[i]->ufid_present,
                   &ukeys[i]->match);
    }
    rops_flush(udpif);
    free(ukeys);
}

static void
finish_pass(struct udpif *udpif, long long now)
{
    int error;

    rops_flush(udpif);
    error = dpif_flow_dump_destroy(udpif->dump);
    udpif->dump = NULL;
    if (!error) {
        struct ukey *ukey, *next;

        /* Flows gone from the datapath (deleted by someone else). */
        HMAP_FOR_EACH_SAFE (ukey, next, hmap_node, &udpif->ukeys) {
            if (ukey->seen_pass < udpif->pass_no) {
                udpif_ukey_delete(udpif, ukey);
            }
        }
    } else if (error == EAGAIN) {
        udpif->pass_force = true;
    } else {
        VLOG_WARN_RL(&rl, "%s: flow dump failed (%s)",
                     dpif_name(udpif->dpif), ovs_strerror(error));
    }
    enforce_flow_limit(udpif);

    udpif->dump_duration = now - udpif->pass_start;
    udpif->flows_avg = (udpif->flows_avg + udpif->pass_flows) / 2;
    if (udpif->pass_flows > udpif->flows_max) {
        udpif->flows_max = udpif->pass_flows;
    }
    udpif->n_passes++;
    udpif->next_pass = now + UDPIF_REVALIDATE_INTERVAL;
    udpif_reply_waiters(udpif);
}

void
udpif_revalidate_run(struct udpif *udpif, long long deadline)
{
    long long now = time_msec();
    struct dpif_flow f;
    size_t n = 0;

    if (!udpif->dump) {
        uint64_t seq = ofproto_revalidate_seq();

        if (!udpif->pass_force && seq == udpif->last_seq
            && now < udpif->next_pass) {
            return;
        }
        start_pass(udpif, seq, now);
    }
    while (dpif_flow_dump_next(udpif->dump, &f)) {
        revalidate_flow(udpif, &f, now);
        if (++n % 32 == 0) {
            now = time_msec();
            if (now >= deadline) {
                rops_flush(udpif);
                return;
            }
        }
    }
    finish_pass(udpif, time_msec());
}

void
udpif_revalidate_wait(struct udpif *udpif)
{
    if (udpif->dump || udpif->pass_force
        || ofproto_revalidate_seq() != udpif->last_seq) {
        poll_immediate_wake();
    } else {
        poll_timer_wait_until(udpif->next_pass);
    }
}

void
udpif_revalidate_stop(struct udpif *udpif)
{
    if (udpif->dump) {
        rops_flush(udpif);
        dpif_flow_dump_destroy(udpif->dump);
        udpif->dump = NULL;
        udpif->pass_force = true;
    }
    free(udpif->rops);
    udpif->rops = NULL;
}

void
udpif_reply_waiters(struct udpif *udpif)
{
    size_t i = 0;

    while (i < udpif->n_waiters) {
        if (udpif->waiters[i].target <= udpif->n_passes) {
            unixctl_command_reply(udpif->waiters[i].conn, "");
            udpif->waiters[i] = udpif->waiters[--udpif->n_waiters];
        } else {
            i++;
        }
    }
}

/* Purge. */

struct purge_item {
    ovs_u128 ufid;
    bool ufid_present;
    struct match match;
};

void
udpif_purge(struct udpif *udpif)
{
    struct purge_item *items = NULL;
    size_t n = 0, allocated = 0;
    struct dpif_flow_dump *dump;
    struct dpif_flow f;
    struct ukey *ukey;

    udpif_revalidate_stop(udpif);

    /* Collect first: deleting while dumping may skip flows. */
    dump = dpif_flow_dump_create(udpif->dpif, NULL);
    while (dpif_flow_dump_next(dump, &f)) {
        struct purge_item *it;

        if (!f.ufid_present && f.match_error) {
            continue;
        }
        if (n >= allocated) {
            allocated = 2 * allocated + 64;
            items = xrealloc(items, allocated * sizeof *items);
        }
        it = &items[n++];
        it->ufid = f.ufid;
        it->ufid_present = f.ufid_present;
        it->match = f.match;
        if (!f.ufid_present && f.key) {
            dpif_flow_hash(f.key, f.key_len, &it->ufid);
        }
    }
    dpif_flow_dump_destroy(dump);

    for (size_t i = 0; i < n; i++) {
        struct purge_item *it = &items[i];

        rop_delete(udpif, udpif_ukey_find(udpif, &it->ufid), &it->ufid,
                   it->ufid_present, &it->match);
    }
    rops_flush(udpif);
    free(items);

    HMAP_FOR_EACH_POP (ukey, hmap_node, &udpif->ukeys) {
        free(ukey->actions);
        free(ukey);
    }
}
