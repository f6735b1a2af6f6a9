/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Flow placement between the offload engine and the kernel datapath: the
 * hooks that dpif.c calls when an engine is attached (offload-provider.h).
 *
 * Invariants kept here: a flow that the engine refused is put into the
 * kernel datapath and its reason is remembered by UFID; a flow that the
 * engine takes while the kernel datapath holds it (a modify that became
 * expressible) is then deleted from the kernel datapath; deletes and gets
 * go to whichever place holds the flow. */

#include <config.h>
#include "offload-provider.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dpif-provider.h"
#include "dynamic-string.h"
#include "hash.h"
#include "netlink.h"
#include "odp-key.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_offload);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Reason codes. */

static const char *const reason_names[OFFLOAD_N_REASONS] = {
    [OFFLOAD_R_NONE] = "none",
    [OFFLOAD_R_DISABLED] = "disabled",
    [OFFLOAD_R_PORT_EXCLUDED] = "port-excluded",
    [OFFLOAD_R_NO_UFID] = "no-ufid",
    [OFFLOAD_R_NO_DEVICE] = "no-device",
    [OFFLOAD_R_MATCH] = "unsupported-match",
    [OFFLOAD_R_ACTION] = "unsupported-action",
    [OFFLOAD_R_TOO_MANY_ACTIONS] = "too-many-actions",
    [OFFLOAD_R_RECIRC] = "recirc",
    [OFFLOAD_R_FEATURE] = "kernel-feature",
    [OFFLOAD_R_KERNEL_EOPNOTSUPP] = "kernel-eopnotsupp",
    [OFFLOAD_R_KERNEL_EINVAL] = "kernel-einval",
    [OFFLOAD_R_KERNEL_ENOSPC] = "kernel-enospc",
    [OFFLOAD_R_KERNEL_OTHER] = "kernel-error",
    [OFFLOAD_R_MODIFY_KERNEL] = "kernel-flow",
};

const char *
offload_reason_name(enum offload_reason reason)
{
    return (reason < OFFLOAD_N_REASONS && reason_names[reason]
            ? reason_names[reason] : "unknown");
}

enum offload_reason
offload_reason_from_errno(int error)
{
    switch (error) {
    case EOPNOTSUPP:
        return OFFLOAD_R_KERNEL_EOPNOTSUPP;
    case EINVAL:
        return OFFLOAD_R_KERNEL_EINVAL;
    case ENOSPC:
        return OFFLOAD_R_KERNEL_ENOSPC;
    default:
        return OFFLOAD_R_KERNEL_OTHER;
    }
}

bool
offload_tc_policy_from_string(const char *s, enum offload_tc_policy *policy)
{
    if (!s || !s[0] || !strcmp(s, "none")) {
        *policy = OFFLOAD_POLICY_NONE;
    } else if (!strcmp(s, "skip_sw")) {
        *policy = OFFLOAD_POLICY_SKIP_SW;
    } else if (!strcmp(s, "skip_hw")) {
        *policy = OFFLOAD_POLICY_SKIP_HW;
    } else {
        return false;
    }
    return true;
}

const char *
offload_tc_policy_to_string(enum offload_tc_policy policy)
{
    switch (policy) {
    case OFFLOAD_POLICY_SKIP_SW:
        return "skip_sw";
    case OFFLOAD_POLICY_SKIP_HW:
        return "skip_hw";
    case OFFLOAD_POLICY_NONE:
    default:
        return "none";
    }
}

/* Settings. */

void
offload_settings_copy(struct offload_settings *dst,
                      const struct offload_settings *src)
{
    size_t n = 0;

    dst->policy = src ? src->policy : OFFLOAD_POLICY_NONE;
    dst->excluded_ports = NULL;
    if (!src || !src->excluded_ports) {
        return;
    }
    while (src->excluded_ports[n]) {
        n++;
    }
    dst->excluded_ports = xcalloc(n + 1, sizeof *dst->excluded_ports);
    for (size_t i = 0; i < n; i++) {
        dst->excluded_ports[i] = xstrdup(src->excluded_ports[i]);
    }
}

void
offload_settings_destroy(struct offload_settings *s)
{
    if (s && s->excluded_ports) {
        for (size_t i = 0; s->excluded_ports[i]; i++) {
            free(s->excluded_ports[i]);
        }
        free(s->excluded_ports);
        s->excluded_ports = NULL;
    }
}

bool
offload_settings_port_excluded(const struct offload_settings *s,
                               const char *devname)
{
    if (s->excluded_ports && devname) {
        for (size_t i = 0; s->excluded_ports[i]; i++) {
            if (!strcmp(s->excluded_ports[i], devname)) {
                return true;
            }
        }
    }
    return false;
}

/* Reasons kept for flows in the kernel datapath. */

struct offload_reason_node {
    struct hmap_node node;
    ovs_u128 ufid;
    enum offload_reason reason;
    char *msg;
};

static size_t
ufid_hash(const ovs_u128 *ufid)
{
    return hash_bytes(ufid, sizeof *ufid, 0);
}

static bool
ufid_equal(const ovs_u128 *a, const ovs_u128 *b)
{
    return !memcmp(a, b, sizeof *a);
}

static struct offload_reason_node *
reason_find(const struct dpif_offload *o, const ovs_u128 *ufid)
{
    struct offload_reason_node *r;

    HMAP_FOR_EACH_WITH_HASH (r, node, ufid_hash(ufid), &o->reasons) {
        if (ufid_equal(&r->ufid, ufid)) {
            return r;
        }
    }
    return NULL;
}

static void
reason_forget(struct dpif_offload *o, const ovs_u128 *ufid)
{
    struct offload_reason_node *r = reason_find(o, ufid);

    if (r) {
        hmap_remove(&o->reasons, &r->node);
        free(r->msg);
        free(r);
    }
}

/* Remembers 'reason' for 'ufid', taking ownership of 'msg'. */
static void
reason_remember(struct dpif_offload *o, const ovs_u128 *ufid,
                enum offload_reason reason, char *msg)
{
    struct offload_reason_node *r = reason_find(o, ufid);

    if (!r) {
        r = xzalloc(sizeof *r);
        r->ufid = *ufid;
        hmap_insert(&o->reasons, &r->node, ufid_hash(ufid));
    }
    free(r->msg);
    r->reason = reason;
    r->msg = msg;
}

static void
reasons_clear(struct dpif_offload *o)
{
    struct offload_reason_node *r;

    HMAP_FOR_EACH_POP (r, node, &o->reasons) {
        free(r->msg);
        free(r);
    }
}

enum offload_reason
dpif_offload_reason(const struct dpif *dpif, const ovs_u128 *ufid,
                    const char **msgp)
{
    const struct offload_reason_node *r;

    r = dpif->offload ? reason_find(dpif->offload, ufid) : NULL;
    if (msgp) {
        *msgp = r ? r->msg : NULL;
    }
    return r ? r->reason : OFFLOAD_R_NONE;
}

/* Life cycle. */

void
dpif_offload_init(struct dpif_offload *o, const struct offload_class *class,
                  struct dpif *dpif)
{
    memset(o, 0, sizeof *o);
    o->class = class;
    o->dpif = dpif;
    hmap_init(&o->reasons);
}

void
dpif_offload_uninit(struct dpif_offload *o)
{
    if (o) {
        reasons_clear(o);
        hmap_destroy(&o->reasons);
        offload_settings_destroy(&o->settings);
    }
}

int
dpif_offload_attach(struct dpif *dpif, const struct offload_class *class,
                    const struct offload_settings *settings)
{
    struct dpif_offload *o = dpif->offload;
    int error;

    if (o && class && o->class == class) {
        offload_settings_destroy(&o->settings);
        offload_settings_copy(&o->settings, settings);
        o->class->set_policy(o);
        return 0;
    }
    if (o) {
        o->class->flush(o);
        dpif->offload = NULL;
        o->class->close(o);
    }
    if (!class) {
        return 0;
    }
    error = class->open(class, dpif, &o);
    if (error) {
        VLOG_WARN("%s: cannot start the %s offload engine: %s",
                  dpif_name(dpif), class->name, ovs_strerror(error));
        return error;
    }
    offload_settings_copy(&o->settings, settings);
    o->class->set_policy(o);
    dpif->offload = o;
    VLOG_INFO("%s: flow offload to %s enabled, tc-policy=%s",
              dpif_name(dpif), class->name,
              offload_tc_policy_to_string(o->settings.policy));
    return 0;
}

int
dpif_set_offload(struct dpif *dpif, bool enable, const char *tc_policy)
{
    struct offload_settings s = { .policy = OFFLOAD_POLICY_NONE };

    if (!enable) {
        return dpif_offload_attach(dpif, NULL, NULL);
    }
    if (!offload_tc_policy_from_string(tc_policy, &s.policy)) {
        return EINVAL;
    }
    if (dpif->offload) {
        s.excluded_ports = dpif->offload->settings.excluded_ports;
        struct offload_settings copy;

        offload_settings_copy(&copy, &s);
        int error = dpif_offload_attach(dpif, dpif->offload->class, &copy);
        offload_settings_destroy(&copy);
        return error;
    }
    return dpif_offload_attach(dpif, &offload_tc_class, &s);
}

int
dpif_set_offload_port(struct dpif *dpif, const char *devname, bool enable)
{
    struct dpif_offload *o = dpif->offload;
    char **ports;
    size_t n = 0, j = 0;

    if (!o) {
        return 0;
    }
    ports = o->settings.excluded_ports;
    while (ports && ports[n]) {
        n++;
    }
    if (!enable) {
        if (!offload_settings_port_excluded(&o->settings, devname)) {
            ports = xrealloc(ports, (n + 2) * sizeof *ports);
            ports[n] = xstrdup(devname);
            ports[n + 1] = NULL;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            if (strcmp(ports[i], devname)) {
                ports[j++] = ports[i];
            } else {
                free(ports[i]);
            }
        }
        if (ports) {
            ports[j] = NULL;
        }
    }
    o->settings.excluded_ports = ports;
    o->class->set_policy(o);
    return 0;
}

bool
dpif_offload_enabled(const struct dpif *dpif)
{
    return dpif->offload != NULL;
}

void
dpif_offload_show(struct dpif *dpif, struct ds *ds)
{
    struct dpif_offload *o = dpif->offload;

    if (!o) {
        ds_put_format(ds, "%s: offload: disabled\n", dpif_name(dpif));
        return;
    }
    ds_put_format(ds, "%s: offload: %s, tc-policy=%s\n", dpif_name(dpif),
                  o->class->name,
                  offload_tc_policy_to_string(o->settings.policy));
    ds_put_format(ds, "  placed: %"PRIu64", refused: %"PRIu64
                  ", kernel flows with a reason: %zu\n",
                  o->n_placed, o->n_refused, hmap_count(&o->reasons));
    for (int r = 1; r < OFFLOAD_N_REASONS; r++) {
        if (o->n_refused_by[r]) {
            ds_put_format(ds, "    %s: %"PRIu64"\n", offload_reason_name(r),
                          o->n_refused_by[r]);
        }
    }
    if (o->class->show) {
        o->class->show(o, ds);
    }
}

int
dpif_offload_explain(struct dpif *dpif, const struct match *match,
                     const void *actions, size_t actions_len,
                     struct ds *ds)
{
    struct dpif_offload *o = dpif->offload;

    if (!o || !o->class->explain) {
        ds_put_cstr(ds, "offload is disabled\n");
        return ENODEV;
    }
    return (o->class->explain(o, match, actions, actions_len, ds)
            ? EOPNOTSUPP : 0);
}

void
dpif_offload_close(struct dpif *dpif)
{
    struct dpif_offload *o = dpif->offload;

    if (o) {
        dpif->offload = NULL;
        o->class->close(o);
    }
}

void
dpif_offload_port_changed(struct dpif *dpif, odp_port_t port_no)
{
    if (dpif->offload && dpif->offload->class->port_changed) {
        dpif->offload->class->port_changed(dpif->offload, port_no);
    }
}

/* Operations. */

/* The wire-form key and mask of a flow named by 'match' or 'key'. */
struct op_key {
    bool encoded;               /* 'key' and 'mask' are in use. */
    struct nl_buf key, mask;
    const void *k, *m;
    size_t k_len, m_len;
    struct match match;         /* When 'key' had to be decoded. */
};

static void
op_key_init(struct op_key *ok)
{
    ok->encoded = false;
    ok->k = ok->m = NULL;
    ok->k_len = ok->m_len = 0;
}

static void
op_key_uninit(struct op_key *ok)
{
    if (ok->encoded) {
        nl_buf_uninit(&ok->key);
        nl_buf_uninit(&ok->mask);
    }
}

/* Fills 'ok' from 'match' or the wire-form 'key'/'mask' and stores the
 * flow's UFID in 'ufid' ('given', or the hash of the key).  Returns 0 or an
 * error when there is nothing to derive it from. */
static int
op_key_fill(struct op_key *ok, const struct match *match,
            const void *key, size_t key_len, const void *mask,
            size_t mask_len, const ovs_u128 *given, ovs_u128 *ufid)
{
    if (key) {
        ok->k = key;
        ok->k_len = key_len;
        ok->m = mask;
        ok->m_len = mask_len;
    } else if (match) {
        nl_buf_init(&ok->key, 256);
        nl_buf_init(&ok->mask, 256);
        ok->encoded = true;
        if (odp_key_from_match(match, &ok->key, &ok->mask)) {
            return EINVAL;
        }
        ok->k = ok->key.data;
        ok->k_len = ok->key.used;
        ok->m = ok->mask.data;
        ok->m_len = ok->mask.used;
    } else if (!given) {
        return EINVAL;
    }
    if (given) {
        *ufid = *given;
    } else {
        dpif_flow_hash(ok->k, ok->k_len, ufid);
    }
    return 0;
}

/* Fills 'flow' from the engine's 'of', copying its key, mask and actions
 * into 'buf' (cleared first). */
static void
flow_from_offload(struct dpif_flow *flow, const struct offload_flow *of,
                  struct nl_buf *buf, bool terse)
{
    size_t k_ofs, m_ofs, a_ofs;

    memset(flow, 0, sizeof *flow);
    flow->ufid = of->ufid;
    flow->ufid_present = true;
    flow->stats = of->stats;
    flow->attrs.dp_layer = "tc";
    flow->attrs.offloaded = of->in_hw;
    flow->attrs.in_hw_count = of->in_hw_count;
    if (terse || !of->key) {
        match_init_catchall(&flow->match);
        return;
    }
    if (buf) {
        nl_buf_clear(buf);
        k_ofs = buf->used;
        nl_buf_put(buf, of->key, of->key_len);
        m_ofs = buf->used;
        nl_buf_put(buf, of->mask, of->mask_len);
        a_ofs = buf->used;
        nl_buf_put(buf, of->actions, of->actions_len);
        flow->key = nl_buf_at(buf, k_ofs);
        flow->mask = nl_buf_at(buf, m_ofs);
        flow->actions = nl_buf_at(buf, a_ofs);
    } else {
        flow->key = of->key;
        flow->mask = of->mask;
        flow->actions = of->actions;
    }
    flow->key_len = of->key_len;
    flow->mask_len = of->mask_len;
    flow->actions_len = of->actions_len;
    flow->match_error = odp_key_to_match(flow->key, flow->key_len,
                                         flow->mask, flow->mask_len,
                                         &flow->match, NULL);
}

/* Attaches the kept reason, if any, to a kernel datapath flow. */
static void
flow_set_reason(const struct dpif_offload *o, struct dpif_flow *flow)
{
    const struct offload_reason_node *r;

    flow->attrs.dp_layer = "ovs";
    r = flow->ufid_present ? reason_find(o, &flow->ufid) : NULL;
    if (r) {
        flow->attrs.reason = offload_reason_name(r->reason);
        flow->attrs.reason_msg = r->msg;
    }
}

/* What dpif_offload_operate() decided for one operation. */
enum op_route {
    ROUTE_PROVIDER,             /* To the kernel datapath provider. */
    ROUTE_DONE,                 /* Answered here. */
    ROUTE_ENGINE_PUT            /* In the engine's put batch. */
};

struct op_state {
    enum op_route route;
    bool has_ufid;
    ovs_u128 ufid;
    size_t put_idx;             /* For ROUTE_ENGINE_PUT. */
    bool refused;               /* The engine refused the put. */
    bool ufid_lent;             /* The op's null 'ufid' points to ours. */
    bool flags_changed;         /* 'saved_flags' to put back. */
    enum dpif_flow_put_flags saved_flags;
};

/* Decides where the put 'op' goes. */
static void
route_put(struct dpif_offload *o, struct dpif_op *op, struct op_state *st,
          struct op_key *ok, struct offload_put *put)
{
    struct dpif_flow_put *p = &op->u.flow_put;
    bool in_kernel, in_engine;

    if (op_key_fill(ok, p->match, p->key, p->key_len, p->mask, p->mask_len,
                    p->ufid, &st->ufid)) {
        st->route = ROUTE_PROVIDER;
        return;
    }
    st->has_ufid = true;
    in_kernel = reason_find(o, &st->ufid) != NULL;
    in_engine = o->class->contains(o, &st->ufid);
    if ((in_kernel && !(p->flags & DPIF_FP_MODIFY))
        || (!in_kernel && !in_engine && !(p->flags & DPIF_FP_CREATE))) {
        /* EEXIST from the kernel datapath, or a MODIFY of a flow that only
         * the kernel datapath may hold. */
        st->route = ROUTE_PROVIDER;
        return;
    }
    memset(put, 0, sizeof *put);
    put->ufid = st->ufid;
    put->key = ok->k;
    put->key_len = ok->k_len;
    put->mask = ok->m;
    put->mask_len = ok->m_len;
    if (p->match) {
        put->match = p->match;
    } else if (!odp_key_to_match(ok->k, ok->k_len, ok->m, ok->m_len,
                                 &ok->match, NULL)) {
        put->match = &ok->match;
    } else {
        st->route = ROUTE_PROVIDER;
        return;
    }
    put->actions = p->actions;
    put->actions_len = p->actions_len;
    put->flags = p->flags;
    st->route = ROUTE_ENGINE_PUT;
}

static void
do_engine_del(struct dpif_offload *o, struct dpif_op *op,
              struct op_state *st, struct op_key *ok)
{
    struct dpif_flow_del *d = &op->u.flow_del;

    st->route = ROUTE_PROVIDER;
    if (op_key_fill(ok, d->match, d->key, d->key_len, NULL, 0, d->ufid,
                    &st->ufid)) {
        return;
    }
    st->has_ufid = true;
    if (o->class->contains(o, &st->ufid)) {
        if (d->stats) {
            memset(d->stats, 0, sizeof *d->stats);
        }
        op->error = o->class->del(o, &st->ufid, d->stats);
        st->route = ROUTE_DONE;
    }
}

static void
do_engine_get(struct dpif_offload *o, struct dpif_op *op,
              struct op_state *st, struct op_key *ok)
{
    struct dpif_flow_get *g = &op->u.flow_get;
    struct offload_flow of;

    st->route = ROUTE_PROVIDER;
    if (op_key_fill(ok, g->match, g->key, g->key_len, NULL, 0, g->ufid,
                    &st->ufid)) {
        return;
    }
    st->has_ufid = true;
    if (o->class->contains(o, &st->ufid)) {
        op->error = o->class->get(o, &st->ufid, &of);
        if (!op->error) {
            flow_from_offload(g->flow, &of, g->buffer, false);
        }
        st->route = ROUTE_DONE;
    }
}

/* Deletes from the kernel datapath the flows that the engine has just
 * taken over ('ufids', 'n'). */
static void
delete_kernel_copies(struct dpif *dpif, const ovs_u128 *ufids, size_t n)
{
    struct dpif_op *ops, **opp;

    if (!n) {
        return;
    }
    ops = xcalloc(n, sizeof *ops);
    opp = xcalloc(n, sizeof *opp);
    for (size_t i = 0; i < n; i++) {
        ops[i].type = DPIF_OP_FLOW_DEL;
        ops[i].u.flow_del.ufid = &ufids[i];
        opp[i] = &ops[i];
    }
    dpif->class->operate(dpif, opp, n);
    for (size_t i = 0; i < n; i++) {
        if (ops[i].error && ops[i].error != ENOENT) {
            VLOG_WARN_RL(&rl, "%s: flow moved to TC but its kernel datapath "
                         "copy could not be deleted: %s", dpif_name(dpif),
                         ovs_strerror(ops[i].error));
        }
        free(ops[i].error_msg);
    }
    free(opp);
    free(ops);
}

/* Takes the results of the engine's puts. */
static void
finish_engine_puts(struct dpif_offload *o, struct dpif_op **ops,
                   struct op_state *st, size_t n, struct offload_put *puts,
                   ovs_u128 *moved, size_t *n_moved)
{
    for (size_t i = 0; i < n; i++) {
        struct offload_put *put;
        struct dpif_flow_put *p;

        if (st[i].route != ROUTE_ENGINE_PUT) {
            continue;
        }
        put = &puts[st[i].put_idx];
        p = &ops[i]->u.flow_put;
        if (!put->error || put->error == EEXIST || put->error == ENOENT) {
            ops[i]->error = put->error;
            if (!put->error) {
                o->n_placed++;
                if (reason_find(o, &put->ufid)) {
                    moved[(*n_moved)++] = put->ufid;
                    reason_forget(o, &put->ufid);
                }
            }
            if (p->stats) {
                *p->stats = put->stats;
            }
            st[i].route = ROUTE_DONE;
        } else {
            o->n_refused++;
            o->n_refused_by[put->reason < OFFLOAD_N_REASONS
                            ? put->reason : OFFLOAD_R_KERNEL_OTHER]++;
            st[i].route = ROUTE_PROVIDER;
            st[i].refused = true;
            if (!p->ufid) {
                /* The kernel datapath flow carries the UFID that the
                 * reason is kept under, so that dumps find it. */
                p->ufid = &st[i].ufid;
                st[i].ufid_lent = true;
            }
            if (put->had_rule && !(p->flags & DPIF_FP_CREATE)) {
                /* The flow was the engine's: the kernel datapath does not
                 * have it, so the MODIFY must create it there. */
                st[i].flags_changed = true;
                st[i].saved_flags = p->flags;
                p->flags |= DPIF_FP_CREATE;
            }
        }
    }
}

/* After the provider ran: keeps the reasons of refused puts that reached
 * the kernel datapath, drops those of deleted flows, and marks gets. */
static void
finish_provider_ops(struct dpif_offload *o, struct dpif_op **ops,
                    struct op_state *st, size_t n, struct offload_put *puts)
{
    for (size_t i = 0; i < n; i++) {
        struct dpif_op *op = ops[i];

        if (st[i].route != ROUTE_PROVIDER) {
            continue;
        }
        if (op->type == DPIF_OP_FLOW_PUT && st[i].refused) {
            struct offload_put *put = &puts[st[i].put_idx];

            if (st[i].flags_changed) {
                op->u.flow_put.flags = st[i].saved_flags;
            }
            if (st[i].ufid_lent) {
                op->u.flow_put.ufid = NULL;
            }
            if (!op->error) {
                reason_remember(o, &put->ufid, put->reason, put->msg);
                put->msg = NULL;
                if (put->had_rule && op->u.flow_put.stats) {
                    *op->u.flow_put.stats = put->stats;
                }
            } else {
                VLOG_WARN_RL(&rl, "%s: flow refused by TC (%s) and by the "
                             "kernel datapath (%s)", dpif_name(o->dpif),
                             offload_reason_name(put->reason),
                             ovs_strerror(op->error));
            }
        } else if (op->type == DPIF_OP_FLOW_PUT && st[i].has_ufid
                   && !op->error && !reason_find(o, &st[i].ufid)) {
            reason_remember(o, &st[i].ufid, OFFLOAD_R_MODIFY_KERNEL, NULL);
        } else if (op->type == DPIF_OP_FLOW_DEL && st[i].has_ufid
                   && (!op->error || op->error == ENOENT)) {
            reason_forget(o, &st[i].ufid);
        } else if (op->type == DPIF_OP_FLOW_GET && !op->error) {
            flow_set_reason(o, op->u.flow_get.flow);
        }
    }
}

void
dpif_offload_operate(struct dpif *dpif, struct dpif_op **ops, size_t n)
{
    struct dpif_offload *o = dpif->offload;
    struct op_state *st = xcalloc(n, sizeof *st);
    struct op_key *keys = xcalloc(n, sizeof *keys);
    struct offload_put *puts = xcalloc(n, sizeof *puts);
    struct dpif_op **prov = xcalloc(n, sizeof *prov);
    ovs_u128 *moved = xcalloc(n, sizeof *moved);
    size_t n_puts = 0, n_prov = 0, n_moved = 0;

    for (size_t i = 0; i < n; i++) {
        op_key_init(&keys[i]);
        switch (ops[i]->type) {
        case DPIF_OP_FLOW_PUT:
            route_put(o, ops[i], &st[i], &keys[i], &puts[n_puts]);
            if (st[i].route == ROUTE_ENGINE_PUT) {
                st[i].put_idx = n_puts++;
            }
            break;
        case DPIF_OP_FLOW_DEL:
            do_engine_del(o, ops[i], &st[i], &keys[i]);
            break;
        case DPIF_OP_FLOW_GET:
            do_engine_get(o, ops[i], &st[i], &keys[i]);
            break;
        case DPIF_OP_EXECUTE:
        default:
            st[i].route = ROUTE_PROVIDER;
            break;
        }
    }
    if (n_puts) {
        o->class->put(o, puts, n_puts);
        finish_engine_puts(o, ops, st, n, puts, moved, &n_moved);
    }
    for (size_t i = 0; i < n; i++) {
        if (st[i].route == ROUTE_PROVIDER) {
            prov[n_prov++] = ops[i];
        }
    }
    if (n_prov) {
        dpif->class->operate(dpif, prov, n_prov);
        finish_provider_ops(o, ops, st, n, puts);
    }
    delete_kernel_copies(dpif, moved, n_moved);

    for (size_t i = 0; i < n_puts; i++) {
        free(puts[i].msg);
    }
    for (size_t i = 0; i < n; i++) {
        op_key_uninit(&keys[i]);
    }
    free(moved);
    free(prov);
    free(puts);
    free(keys);
    free(st);
}

int
dpif_offload_flush(struct dpif *dpif)
{
    struct dpif_offload *o = dpif->offload;
    int error = o->class->flush(o);
    int error2 = dpif->class->flow_flush(dpif);

    reasons_clear(o);
    return error ? error : error2;
}

/* Merged dumps. */

struct merged_dump {
    struct dpif_flow_dump up;
    struct dpif_flow_dump *kernel;  /* Provider's dump, or NULL. */
    struct offload_dump *engine;    /* Engine's dump, or NULL. */
    bool want_ovs;                  /* Kernel datapath flows. */
    bool want_tc_hw, want_tc_sw;    /* TC flows in / not in hardware. */
    int error;
};

bool
dpif_flow_dump_type_valid(const char *type)
{
    static const char *const types[] = {
        "all", "ovs", "tc", "offloaded", "non-offloaded",
        "partially-offloaded",
    };

    if (!type) {
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        if (!strcmp(type, types[i])) {
            return true;
        }
    }
    return false;
}

struct dpif_flow_dump *
dpif_offload_dump_create(struct dpif *dpif,
                         const struct dpif_flow_dump_options *opts)
{
    struct dpif_offload *o = dpif->offload;
    struct merged_dump *d = xzalloc(sizeof *d);
    const char *type = opts && opts->type ? opts->type : "all";

    dpif_flow_dump_init(&d->up, dpif, opts);
    d->up.offload_merged = true;
    if (!strcmp(type, "all")) {
        d->want_ovs = d->want_tc_hw = d->want_tc_sw = true;
    } else if (!strcmp(type, "ovs")) {
        d->want_ovs = true;
    } else if (!strcmp(type, "tc")) {
        d->want_tc_hw = d->want_tc_sw = true;
    } else if (!strcmp(type, "offloaded")) {
        d->want_tc_hw = true;
    } else if (!strcmp(type, "non-offloaded")) {
        d->want_ovs = d->want_tc_sw = true;
    }
    if (d->want_ovs) {
        struct dpif_flow_dump_options kopts = {
            .terse = opts && opts->terse,
            .type = "ovs",
        };

        d->kernel = dpif->class->flow_dump_create(dpif, &kopts);
    }
    if (d->want_tc_hw || d->want_tc_sw) {
        d->engine = o->class->dump_start(o, opts && opts->terse);
    }
    return &d->up;
}

int
dpif_offload_dump_next(struct dpif_flow_dump *dump, struct dpif_flow *flow)
{
    struct merged_dump *d = CONTAINER_OF(dump, struct merged_dump, up);
    struct dpif *dpif = dump->dpif;
    struct dpif_offload *o = dpif->offload;
    int error;

    if (d->kernel) {
        error = dpif->class->flow_dump_next(d->kernel, flow);
        if (!error) {
            if (o) {
                flow_set_reason(o, flow);
            }
            return 0;
        }
        if (error != EOF) {
            return error;
        }
        d->error = dpif->class->flow_dump_destroy(d->kernel);
        d->kernel = NULL;
    }
    while (d->engine && o) {
        struct offload_flow of;

        error = o->class->dump_next(d->engine, &of);
        if (error) {
            return error;
        }
        if (of.in_hw ? d->want_tc_hw : d->want_tc_sw) {
            flow_from_offload(flow, &of, NULL, dump->terse);
            return 0;
        }
    }
    return EOF;
}

int
dpif_offload_dump_destroy(struct dpif_flow_dump *dump)
{
    struct merged_dump *d = CONTAINER_OF(dump, struct merged_dump, up);
    struct dpif *dpif = dump->dpif;
    int error = d->error;

    if (d->kernel) {
        int e = dpif->class->flow_dump_destroy(d->kernel);
        error = error ? error : e;
    }
    if (d->engine && dpif->offload) {
        int e = dpif->offload->class->dump_done(d->engine);
        error = error ? error : e;
    }
    free(d);
    return error;
}
