/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The TC flower offload engine (offload-provider.h): placement of the
 * rules that offload-tc-xlate.c translates, prio and handle allocation,
 * feature probes, policy, batched netlink requests.
 *
 * Placement: the rule goes on the clsact ingress of the in_port's device
 * (created if missing), chain 0 (or the recirculation id when chains are
 * shared with the kernel datapath).  The prio depends only on the rule's
 * protocol and mask shape, and the handle only on the UFID, so that two
 * processes (ovs-dpctl runs, a restarted daemon) agree on where a flow's
 * rule is without asking the kernel, and no request needs an echo. */

#include <config.h>
#include "offload-tc.h"
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/openvswitch.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <linux/tc_act/tc_mirred.h>
#include "dpif-provider.h"
#include "dynamic-string.h"
#include "hash.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(offload_tc);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Prios: a block of 256 per protocol class, the mask shape's hash picking
 * one inside it.  OFFLOAD_TC_PROBE_PRIO is kept for the probes. */
#define PRIO_BLOCK 256
#define OFFLOAD_TC_PROBE_PRIO 0xfff0
#define PROBE_ETH_TYPE 0x88b5   /* IEEE local experimental. */

struct tc_port_node {
    struct hmap_node node;
    struct offload_tc_port port;
};

struct tc_rule {
    struct hmap_node node;
    ovs_u128 ufid;
    struct tc_id id;
    char device[IFNAMSIZ];
    void *key, *mask, *actions;
    size_t key_len, mask_len, actions_len;
    struct dpif_flow_stats base;    /* From rules it replaced. */
};

struct offload_tc {
    struct dpif_offload up;
    struct nln_socket *sock;
    struct hmap ports;              /* struct tc_port_node by port_no. */
    struct hmap rules;              /* struct tc_rule by UFID. */
    uint32_t *clsact;               /* Devices with a clsact qdisc. */
    size_t n_clsact, allocated_clsact;
    uint32_t rule_flags;            /* TCA_CLS_FLAGS_SKIP_*. */
    struct offload_tc_caps caps;
    bool probed;
    bool multi_mask;                /* Probe results beyond 'caps'. */
    bool csum_ok, nocsum_ok, terse_ok, chains_ok;
    uint64_t n_batches, n_requests;
    long long int insert_ms;        /* Total time in put batches. */
};

struct offload_tc_dump {
    struct offload_flow *flows;
    size_t n, i;
};

static struct offload_tc *
tc_cast(struct dpif_offload *o)
{
    return CONTAINER_OF(o, struct offload_tc, up);
}

static size_t
ufid_hash(const ovs_u128 *ufid)
{
    return hash_bytes(ufid, sizeof *ufid, 0);
}

static struct tc_rule *
rule_find(struct offload_tc *t, const ovs_u128 *ufid)
{
    struct tc_rule *r;

    HMAP_FOR_EACH_WITH_HASH (r, node, ufid_hash(ufid), &t->rules) {
        if (!memcmp(&r->ufid, ufid, sizeof *ufid)) {
            return r;
        }
    }
    return NULL;
}

static void
rule_free(struct tc_rule *r)
{
    free(r->key);
    free(r->mask);
    free(r->actions);
    free(r);
}

static void *
dup_bytes(const void *p, size_t n)
{
    void *q = xmalloc(n ? n : 1);

    if (n) {
        memcpy(q, p, n);
    }
    return q;
}

/* Ports. */

static void
ports_clear(struct offload_tc *t)
{
    struct tc_port_node *p;

    HMAP_FOR_EACH_POP (p, node, &t->ports) {
        free(p);
    }
}

static enum offload_tc_port_kind
port_kind(const char *type)
{
    if (!strcmp(type, "internal")) {
        return OFFLOAD_TC_PORT_INTERNAL;
    }
    if (!strcmp(type, "vxlan") || !strcmp(type, "gre")
        || !strcmp(type, "geneve")) {
        return OFFLOAD_TC_PORT_TUNNEL;
    }
    return OFFLOAD_TC_PORT_NETDEV;
}

static const struct offload_tc_port *
port_lookup(void *aux, odp_port_t port_no)
{
    struct offload_tc *t = aux;
    struct tc_port_node *p;
    struct dpif_port dp;

    HMAP_FOR_EACH_WITH_HASH (p, node, hash_int(port_no, 0), &t->ports) {
        if (p->port.port_no == port_no) {
            p->port.excluded = offload_settings_port_excluded(
                &t->up.settings, p->port.name);
            return &p->port;
        }
    }
    if (dpif_port_query_by_number(t->up.dpif, port_no, &dp)) {
        return NULL;
    }
    p = xzalloc(sizeof *p);
    p->port.port_no = port_no;
    ovs_strlcpy(p->port.name, dp.name, sizeof p->port.name);
    p->port.ifindex = dp.ifindex > 0 ? dp.ifindex
                                     : if_nametoindex(p->port.name);
    p->port.kind = port_kind(dp.type ? dp.type : "");
    p->port.excluded = offload_settings_port_excluded(&t->up.settings,
                                                      p->port.name);
    dpif_port_destroy(&dp);
    hmap_insert(&t->ports, &p->node, hash_int(port_no, 0));
    return &p->port;
}

static void
tc_port_changed(struct dpif_offload *o, odp_port_t port_no)
{
    struct offload_tc *t = tc_cast(o);
    struct tc_port_node *p;

    HMAP_FOR_EACH_WITH_HASH (p, node, hash_int(port_no, 0), &t->ports) {
        if (p->port.port_no == port_no) {
            hmap_remove(&t->ports, &p->node);
            free(p);
            return;
        }
    }
}

static const char *
ifindex_name(uint32_t ifindex, char buf[IFNAMSIZ])
{
    if (!if_indextoname(ifindex, buf)) {
        snprintf(buf, IFNAMSIZ, "if%"PRIu32, ifindex);
    }
    return buf;
}

/* The clsact qdisc. */

static int
ensure_clsact(struct offload_tc *t, uint32_t ifindex, char **msgp)
{
    struct nl_error err;
    int error;

    for (size_t i = 0; i < t->n_clsact; i++) {
        if (t->clsact[i] == ifindex) {
            return 0;
        }
    }
    error = tc_ensure_clsact(t->sock, ifindex, &err);
    if (error) {
        if (msgp) {
            *msgp = xasprintf("clsact qdisc: %s%s%s", ovs_strerror(error),
                              err.msg ? ": " : "", err.msg ? err.msg : "");
        }
    } else {
        if (t->n_clsact >= t->allocated_clsact) {
            t->allocated_clsact = 2 * t->allocated_clsact + 8;
            t->clsact = xrealloc(t->clsact,
                                 t->allocated_clsact * sizeof *t->clsact);
        }
        t->clsact[t->n_clsact++] = ifindex;
    }
    nl_error_uninit(&err);
    return error;
}

/* Probes. */

static void
probe_flower_init(struct tc_flower *f, uint32_t ifindex)
{
    memset(f, 0, sizeof *f);
    f->id.ifindex = ifindex;
    f->id.parent = TC_INGRESS_PARENT;
    f->id.prio = OFFLOAD_TC_PROBE_PRIO;
    f->id.protocol = htons(PROBE_ETH_TYPE);
    f->id.handle = 1;
    f->key.eth_type = htons(PROBE_ETH_TYPE);
    f->mask.eth_type = OVS_BE16_MAX;
    f->flags = TCA_CLS_FLAGS_SKIP_HW;
    f->n_actions = 1;
    f->actions[0].type = TC_ACT_DROP;
}

/* Installs 'f' (and, if 'f2' is nonnull, then 'f2') and removes them; true
 * if the kernel took them all. */
static bool
probe_try(struct offload_tc *t, const struct tc_flower *f,
          const struct tc_flower *f2)
{
    struct nl_error err;
    bool ok;

    ok = !tc_flower_install(t->sock, f, false, NULL, &err);
    nl_error_uninit(&err);
    if (ok && f2) {
        ok = !tc_flower_install(t->sock, f2, false, NULL, &err);
        nl_error_uninit(&err);
        if (ok) {
            tc_flower_delete(t->sock, &f2->id, &err);
            nl_error_uninit(&err);
        }
    }
    if (ok || f2) {
        tc_flower_delete(t->sock, &f->id, &err);
        nl_error_uninit(&err);
    }
    return ok;
}

/* Kernels before 6.11 ignore TCA_FLOWER_KEY_ENC_FLAGS silently, so the
 * probe installs 'f' and checks that the rule read back has the flags. */
static bool
probe_readback_enc_flags(struct offload_tc *t, const struct tc_flower *f)
{
    struct tc_flower *back = xmalloc(sizeof *back);
    struct nl_error err;
    bool ok;

    ok = !tc_flower_install(t->sock, f, false, NULL, &err);
    nl_error_uninit(&err);
    if (ok) {
        ok = (!tc_flower_get(t->sock, &f->id, back, &err)
              && back->mask.enc.flags == f->mask.enc.flags);
        nl_error_uninit(&err);
        tc_flower_delete(t->sock, &f->id, &err);
        nl_error_uninit(&err);
    }
    free(back);
    return ok;
}

static void
probe_tunnel_set(struct tc_flower *f, bool csum)
{
    struct tc_action *a = &f->actions[0];

    memset(a, 0, sizeof *a);
    a->type = TC_ACT_TUNNEL_SET;
    a->tunnel.id = htonl(1);
    a->tunnel.ipv4_src = htonl(0xc0000201);
    a->tunnel.ipv4_dst = htonl(0xc0000202);
    a->tunnel.tp_dst = htons(4789);
    a->tunnel.csum = csum;
    f->actions[1].type = TC_ACT_DROP;
    f->n_actions = 2;
}

static void
run_probes(struct offload_tc *t, uint32_t ifindex)
{
    struct tc_flower f, f2;
    char name[IFNAMSIZ];

    probe_flower_init(&f, ifindex);
    f.key.eth_src[5] = 1;
    memset(f.mask.eth_src, 0xff, 6);
    probe_flower_init(&f2, ifindex);
    f2.id.handle = 2;
    f2.key.eth_dst[5] = 1;
    memset(f2.mask.eth_dst, 0xff, 6);
    t->multi_mask = probe_try(t, &f, &f2);

    probe_flower_init(&f, ifindex);
    probe_tunnel_set(&f, true);
    t->csum_ok = probe_try(t, &f, NULL);
    probe_flower_init(&f, ifindex);
    probe_tunnel_set(&f, false);
    t->nocsum_ok = probe_try(t, &f, NULL);

    probe_flower_init(&f, ifindex);
    f.key.enc.id = htonl(1);
    f.mask.enc.id = OVS_BE32_MAX;
    f.key.enc.flags = htonl(TC_ENC_FLAG_CSUM);
    f.mask.enc.flags = htonl(TC_ENC_FLAG_CSUM);
    t->caps.enc_flags = probe_readback_enc_flags(t, &f);

    probe_flower_init(&f, ifindex);
    f.key.enc.opts.len = f.mask.enc.opts.len = 8;
    f.key.enc.opts.data[1] = 1;     /* Class 1, type 1, 1 word. */
    f.key.enc.opts.data[2] = 1;
    f.key.enc.opts.data[3] = 1;
    f.key.enc.opts.data[7] = 5;
    memset(f.mask.enc.opts.data, 0xff, 8);
    f.mask.enc.opts.data[3] = 1;    /* Same data length as the key. */
    t->caps.enc_opts = probe_try(t, &f, NULL);

    probe_flower_init(&f, ifindex);
    f.key.ct_state = TCA_FLOWER_KEY_CT_FLAGS_TRACKED;
    f.mask.ct_state = TCA_FLOWER_KEY_CT_FLAGS_TRACKED;
    t->caps.ct_state = probe_try(t, &f, NULL);

    probe_flower_init(&f, ifindex);
    f.id.chain = 1;
    t->chains_ok = probe_try(t, &f, NULL);

    /* A terse dump of the device: the kernel must accept the flag. */
    {
        struct tc_id id = { .ifindex = ifindex, .parent = TC_INGRESS_PARENT,
                            .chain = 0 };
        struct nl_buf req;
        struct nln_dump dump;

        nl_buf_init(&req, 128);
        tc_put_dump(&req, &id, true);
        t->terse_ok = !nln_dump_start(&dump, t->sock, &req);
        while (nln_dump_next(&dump)) {
            continue;
        }
        t->terse_ok = !nln_dump_finish(&dump, NULL) && t->terse_ok;
        nl_buf_uninit(&req);
    }

    VLOG_INFO("%s: tc probes on %s: multiple masks per prio %s, tunnel "
              "csum %s, nocsum %s, enc_flags %s, enc_opts %s, ct_state %s, "
              "chains %s, terse dump %s", dpif_name(t->up.dpif),
              ifindex_name(ifindex, name),
              t->multi_mask ? "yes" : "no", t->csum_ok ? "yes" : "no",
              t->nocsum_ok ? "yes" : "no", t->caps.enc_flags ? "yes" : "no",
              t->caps.enc_opts ? "yes" : "no",
              t->caps.ct_state ? "yes" : "no", t->chains_ok ? "yes" : "no",
              t->terse_ok ? "yes" : "no");
    t->probed = true;
}

static void
format_probes(const struct offload_tc *t, struct ds *ds)
{
    if (!t->probed) {
        ds_put_cstr(ds, "  probes: not run yet (no device used)\n");
        return;
    }
    ds_put_format(ds, "  probes: multi-mask-prio=%s csum=%s nocsum=%s "
                  "enc_flags=%s enc_opts=%s ct_state=%s chains=%s "
                  "terse=%s recirc-sharing=%s\n",
                  t->multi_mask ? "yes" : "no", t->csum_ok ? "yes" : "no",
                  t->nocsum_ok ? "yes" : "no",
                  t->caps.enc_flags ? "yes" : "no",
                  t->caps.enc_opts ? "yes" : "no",
                  t->caps.ct_state ? "yes" : "no",
                  t->chains_ok ? "yes" : "no", t->terse_ok ? "yes" : "no",
                  t->caps.recirc ? "yes" : "no");
}

static int
tc_probe(struct dpif_offload *o, struct ds *ds)
{
    struct offload_tc *t = tc_cast(o);

    if (t->n_clsact) {
        run_probes(t, t->clsact[0]);
    }
    if (ds) {
        format_probes(t, ds);
    }
    return 0;
}

/* Life cycle and policy. */

static int
tc_open(const struct offload_class *class, struct dpif *dpif,
        struct dpif_offload **op)
{
    struct offload_tc *t = xzalloc(sizeof *t);
    struct dpif_features features;
    int error;

    error = nln_socket_open(NETLINK_ROUTE, &t->sock);
    if (error) {
        free(t);
        return error;
    }
    dpif_offload_init(&t->up, class, dpif);
    hmap_init(&t->ports);
    hmap_init(&t->rules);
    if (!dpif_get_features(dpif, &features)) {
        t->caps.recirc = features.tc_recirc_sharing
            && (features.user_features & OVS_DP_F_TC_RECIRC_SHARING);
    }
    *op = &t->up;
    return 0;
}

static void
tc_close(struct dpif_offload *o)
{
    struct offload_tc *t = tc_cast(o);
    struct tc_rule *r;

    HMAP_FOR_EACH_POP (r, node, &t->rules) {
        rule_free(r);
    }
    hmap_destroy(&t->rules);
    ports_clear(t);
    hmap_destroy(&t->ports);
    free(t->clsact);
    nln_socket_close(t->sock);
    dpif_offload_uninit(&t->up);
    free(t);
}

static void
tc_set_policy(struct dpif_offload *o)
{
    struct offload_tc *t = tc_cast(o);

    switch (o->settings.policy) {
    case OFFLOAD_POLICY_SKIP_SW:
        t->rule_flags = TCA_CLS_FLAGS_SKIP_SW;
        break;
    case OFFLOAD_POLICY_SKIP_HW:
        t->rule_flags = TCA_CLS_FLAGS_SKIP_HW;
        break;
    case OFFLOAD_POLICY_NONE:
    default:
        t->rule_flags = 0;
        break;
    }
}

/* Prio and handle. */

static uint16_t
prio_for(const struct tc_flower *f)
{
    uint16_t proto = ntohs(f->id.protocol);
    uint32_t base, h;

    switch (proto) {
    case ETH_P_IP:
        base = 1;
        break;
    case ETH_P_IPV6:
        base = 2;
        break;
    case ETH_P_ARP:
        base = 3;
        break;
    case ETH_P_8021Q:
        base = 4;
        break;
    case ETH_P_8021AD:
        base = 5;
        break;
    default:
        base = 6;
        break;
    }
    /* The mask shape: which bits are matched, not their values. */
    h = hash_bytes(&f->mask, sizeof f->mask, proto);
    return base * PRIO_BLOCK + h % PRIO_BLOCK;
}

static uint32_t
handle_for(const ovs_u128 *ufid)
{
    uint32_t h = hash_bytes(ufid, sizeof *ufid, 0x5443);

    return h ? h : 1;
}

/* Statistics. */

static void
stats_from_tc(const struct tc_flower_stats *ts, struct dpif_flow_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!ts->valid) {
        return;
    }
    st->n_packets = ts->n_packets;
    st->n_bytes = ts->n_bytes;
    if (ts->n_packets && ts->has_lastuse) {
        st->used = time_msec() - (long long int) ts->lastuse_ms;
        if (st->used <= 0) {
            st->used = 1;
        }
    }
}

static void
stats_add(struct dpif_flow_stats *dst, const struct dpif_flow_stats *src)
{
    dst->n_packets += src->n_packets;
    dst->n_bytes += src->n_bytes;
    dst->used = MAX(dst->used, src->used);
    dst->tcp_flags |= src->tcp_flags;
}

/* Reads the rule 'r' from the kernel into 'of' (statistics included). */
static int
rule_read(struct offload_tc *t, const struct tc_rule *r,
          struct offload_flow *of)
{
    struct tc_flower *f = xmalloc(sizeof *f);
    struct nl_error err;
    int error;

    memset(of, 0, sizeof *of);
    of->ufid = r->ufid;
    of->key = r->key;
    of->key_len = r->key_len;
    of->mask = r->mask;
    of->mask_len = r->mask_len;
    of->actions = r->actions;
    of->actions_len = r->actions_len;
    of->device = r->device;
    error = tc_flower_get(t->sock, &r->id, f, &err);
    nl_error_uninit(&err);
    if (!error) {
        stats_from_tc(&f->stats, &of->stats);
        of->in_hw = (f->flags & TCA_CLS_FLAGS_IN_HW) != 0;
        of->in_hw_count = f->has_in_hw_count ? f->in_hw_count
                                             : of->in_hw ? 1 : 0;
    }
    stats_add(&of->stats, &r->base);
    free(f);
    return error;
}

static void
rule_delete(struct offload_tc *t, struct tc_rule *r,
            struct dpif_flow_stats *stats)
{
    struct nl_error err;
    int error;

    if (stats) {
        struct offload_flow of;

        rule_read(t, r, &of);
        *stats = of.stats;
    }
    error = tc_flower_delete(t->sock, &r->id, &err);
    if (error && error != ENOENT) {
        VLOG_WARN_RL(&rl, "%s: deleting TC rule on %s prio %"PRIu16
                     " handle %#"PRIx32": %s%s%s", dpif_name(t->up.dpif),
                     r->device, r->id.prio, r->id.handle,
                     ovs_strerror(error), err.msg ? ": " : "",
                     err.msg ? err.msg : "");
    }
    nl_error_uninit(&err);
    hmap_remove(&t->rules, &r->node);
    rule_free(r);
}

/* Puts. */

/* A translated put waiting for the kernel's answer. */
struct pending {
    struct offload_put *put;
    struct tc_rule *old;        /* Rule it replaces, or NULL. */
    bool replace;               /* Same id: NLM_F_REPLACE. */
    struct tc_id id;
    struct dpif_flow_stats base;
};

static void
refuse_put(struct offload_tc *t, struct offload_put *p,
           enum offload_reason reason, char *msg)
{
    struct tc_rule *r = rule_find(t, &p->ufid);

    p->error = EOPNOTSUPP;
    p->reason = reason;
    p->msg = msg;
    if (r) {
        p->had_rule = true;
        rule_delete(t, r, &p->stats);
    }
}

/* Translates 'p' into 'f' and decides its place; false if refused (then
 * 'p' has its answer). */
static bool
prepare_put(struct offload_tc *t, struct offload_put *p,
            struct tc_flower *f, struct pending *pd)
{
    struct tc_rule *r = rule_find(t, &p->ufid);
    enum offload_reason reason;
    char *msg = NULL;

    if (r && !(p->flags & DPIF_FP_MODIFY)) {
        p->error = EEXIST;
        return false;
    }
    if (!r && !(p->flags & DPIF_FP_CREATE)) {
        p->error = ENOENT;
        return false;
    }
    reason = offload_tc_xlate(p->match, p->actions, p->actions_len,
                              port_lookup, t, &t->caps, f, &msg);
    if (!reason && ensure_clsact(t, f->id.ifindex, &msg)) {
        reason = OFFLOAD_R_NO_DEVICE;
    }
    if (reason) {
        refuse_put(t, p, reason, msg);
        return false;
    }
    if (!t->probed) {
        run_probes(t, f->id.ifindex);
    }
    f->id.prio = prio_for(f);
    f->id.handle = handle_for(&p->ufid);
    f->flags = t->rule_flags;
    memcpy(f->cookie, &p->ufid, sizeof p->ufid);
    f->has_cookie = true;

    memset(pd, 0, sizeof *pd);
    pd->put = p;
    pd->old = r;
    pd->id = f->id;
    if (r) {
        struct offload_flow of;

        /* Modifying keeps the counters: the kernel starts the new rule
         * from zero, so the old rule's count is carried over. */
        rule_read(t, r, &of);
        p->stats = of.stats;
        pd->base = (p->flags & DPIF_FP_ZERO_STATS
                    ? (struct dpif_flow_stats) { .n_packets = 0 }
                    : of.stats);
        pd->replace = !memcmp(&r->id, &f->id, sizeof f->id);
    }
    return true;
}

/* Takes the kernel's answer 'error' ('err') for the pending put 'pd'. */
static void
finish_put(struct offload_tc *t, struct pending *pd, int error,
           const struct nl_error *err)
{
    struct offload_put *p = pd->put;
    struct tc_rule *r;
    char name[IFNAMSIZ];

    if (error) {
        char *msg = (err && err->msg
                     ? xasprintf("%s (kernel: %s)", ovs_strerror(error),
                                 err->msg)
                     : xstrdup(ovs_strerror(error)));

        /* A rule this flow had before is still in place (a failed replace
         * leaves it); refuse_put() removes it so that the flow lives in
         * the kernel datapath only. */
        refuse_put(t, p, offload_reason_from_errno(error), msg);
        return;
    }
    if (pd->old && !pd->replace) {
        rule_delete(t, pd->old, NULL);
        pd->old = NULL;
    }
    r = pd->old;
    if (r) {
        free(r->key);
        free(r->mask);
        free(r->actions);
    } else {
        r = xzalloc(sizeof *r);
        r->ufid = p->ufid;
        hmap_insert(&t->rules, &r->node, ufid_hash(&p->ufid));
    }
    r->id = pd->id;
    ovs_strlcpy(r->device, ifindex_name(pd->id.ifindex, name),
                sizeof r->device);
    r->key = dup_bytes(p->key, p->key_len);
    r->key_len = p->key_len;
    r->mask = dup_bytes(p->mask, p->mask_len);
    r->mask_len = p->mask_len;
    r->actions = dup_bytes(p->actions, p->actions_len);
    r->actions_len = p->actions_len;
    r->base = pd->base;
    p->error = 0;
}

static void
tc_put(struct dpif_offload *o, struct offload_put *puts, size_t n)
{
    struct offload_tc *t = tc_cast(o);
    struct pending *pend = xcalloc(n, sizeof *pend);
    struct tc_flower *f = xmalloc(sizeof *f);
    struct nln_result *results;
    long long int start = time_msec();
    struct nl_buf req;
    size_t n_req = 0;

    nl_buf_init(&req, 4096);
    for (size_t i = 0; i < n; i++) {
        struct offload_put *p = &puts[i];
        int error;

        p->error = 0;
        p->reason = OFFLOAD_R_NONE;
        p->msg = NULL;
        p->had_rule = false;
        memset(&p->stats, 0, sizeof p->stats);
        if (!prepare_put(t, p, f, &pend[n_req])) {
            continue;
        }
        error = tc_flower_put_new(&req, f, pend[n_req].replace);
        if (error) {
            refuse_put(t, p, OFFLOAD_R_ACTION,
                       xasprintf("flower encoding: %s",
                                 ovs_strerror(error)));
            continue;
        }
        n_req++;
    }
    if (n_req) {
        results = xcalloc(n_req, sizeof *results);
        nln_batch_sparse(t->sock, &req, results, n_req);
        for (size_t i = 0; i < n_req; i++) {
            finish_put(t, &pend[i], results[i].error.error,
                       &results[i].error);
            nl_error_uninit(&results[i].error);
        }
        free(results);
        t->n_batches++;
        t->n_requests += n_req;
    }
    t->insert_ms += time_msec() - start;
    nl_buf_uninit(&req);
    free(f);
    free(pend);
}

static int
tc_del(struct dpif_offload *o, const ovs_u128 *ufid,
       struct dpif_flow_stats *stats)
{
    struct offload_tc *t = tc_cast(o);
    struct tc_rule *r = rule_find(t, ufid);

    if (!r) {
        return ENOENT;
    }
    rule_delete(t, r, stats);
    return 0;
}

static int
tc_get(struct dpif_offload *o, const ovs_u128 *ufid,
       struct offload_flow *of)
{
    struct offload_tc *t = tc_cast(o);
    struct tc_rule *r = rule_find(t, ufid);

    if (!r) {
        return ENOENT;
    }
    rule_read(t, r, of);
    return 0;
}

static bool
tc_contains(struct dpif_offload *o, const ovs_u128 *ufid)
{
    return rule_find(tc_cast(o), ufid) != NULL;
}

/* Dumps: one kernel dump per device that holds rules, matched back to the
 * rules by their cookie. */

static void
dump_device(struct offload_tc *t, uint32_t ifindex, uint32_t parent,
            struct offload_flow *of, struct tc_rule **rules, size_t n,
            bool terse)
{
    struct tc_id id = { .ifindex = ifindex, .parent = parent,
                        .chain = UINT32_MAX };
    struct tc_flower *f = xmalloc(sizeof *f);
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_buf req;

    nl_buf_init(&req, 128);
    tc_put_dump(&req, &id, terse && t->terse_ok);
    if (!nln_dump_start(&dump, t->sock, &req)) {
        while ((nlh = nln_dump_next(&dump))) {
            ovs_u128 ufid;

            if (tc_flower_decode(nlh, nlh->nlmsg_len, f) || !f->has_cookie) {
                continue;
            }
            memcpy(&ufid, f->cookie, sizeof ufid);
            for (size_t i = 0; i < n; i++) {
                if (rules[i]->id.ifindex == ifindex
                    && rules[i]->id.parent == parent
                    && !memcmp(&rules[i]->ufid, &ufid, sizeof ufid)) {
                    stats_from_tc(&f->stats, &of[i].stats);
                    stats_add(&of[i].stats, &rules[i]->base);
                    of[i].in_hw = (f->flags & TCA_CLS_FLAGS_IN_HW) != 0;
                    of[i].in_hw_count = (f->has_in_hw_count
                                         ? f->in_hw_count
                                         : of[i].in_hw ? 1 : 0);
                    break;
                }
            }
        }
    }
    nln_dump_finish(&dump, NULL);
    nl_buf_uninit(&req);
    free(f);
}

static struct offload_dump *
tc_dump_start(struct dpif_offload *o, bool terse)
{
    struct offload_tc *t = tc_cast(o);
    struct offload_tc_dump *d = xzalloc(sizeof *d);
    size_t n = hmap_count(&t->rules);
    struct tc_rule **rules = xcalloc(n + 1, sizeof *rules);
    struct tc_id *devs = xcalloc(n + 1, sizeof *devs);
    size_t n_devs = 0;
    struct tc_rule *r;

    d->flows = xcalloc(n + 1, sizeof *d->flows);
    HMAP_FOR_EACH (r, node, &t->rules) {
        struct offload_flow *of = &d->flows[d->n];
        size_t j;

        rules[d->n++] = r;
        of->ufid = r->ufid;
        of->key = r->key;
        of->key_len = r->key_len;
        of->mask = r->mask;
        of->mask_len = r->mask_len;
        of->actions = r->actions;
        of->actions_len = r->actions_len;
        of->device = r->device;
        for (j = 0; j < n_devs; j++) {
            if (devs[j].ifindex == r->id.ifindex
                && devs[j].parent == r->id.parent) {
                break;
            }
        }
        if (j == n_devs) {
            devs[n_devs++] = r->id;
        }
    }
    for (size_t i = 0; i < n_devs; i++) {
        dump_device(t, devs[i].ifindex, devs[i].parent, d->flows, rules,
                    d->n, terse);
    }
    free(devs);
    free(rules);
    return (struct offload_dump *) d;
}

static int
tc_dump_next(struct offload_dump *dump, struct offload_flow *of)
{
    struct offload_tc_dump *d = (struct offload_tc_dump *) dump;

    if (d->i >= d->n) {
        return EOF;
    }
    *of = d->flows[d->i++];
    return 0;
}

static int
tc_dump_done(struct offload_dump *dump)
{
    struct offload_tc_dump *d = (struct offload_tc_dump *) dump;

    free(d->flows);
    free(d);
    return 0;
}

/* Flush: our rules, and on every port device of the datapath the rules
 * that carry a UFID cookie (left by another process: ovs-dpctl runs, a
 * daemon before restart). */

static void
flush_device(struct offload_tc *t, uint32_t ifindex, uint32_t parent,
             struct nl_buf *dels, size_t *n_dels)
{
    struct tc_id id = { .ifindex = ifindex, .parent = parent,
                        .chain = UINT32_MAX };
    struct tc_flower *f = xmalloc(sizeof *f);
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_buf req;

    nl_buf_init(&req, 128);
    tc_put_dump(&req, &id, false);
    if (!nln_dump_start(&dump, t->sock, &req)) {
        while ((nlh = nln_dump_next(&dump))) {
            if (!tc_flower_decode(nlh, nlh->nlmsg_len, f)
                && f->has_cookie && f->id.prio != OFFLOAD_TC_PROBE_PRIO) {
                f->id.ifindex = ifindex;
                f->id.parent = parent;
                tc_put_del(dels, &f->id);
                (*n_dels)++;
            }
        }
    }
    nln_dump_finish(&dump, NULL);
    nl_buf_uninit(&req);
    free(f);
}

static int
tc_flush(struct dpif_offload *o)
{
    struct offload_tc *t = tc_cast(o);
    struct dpif_port_dump pd;
    struct dpif_port port;
    struct nl_buf dels;
    struct tc_rule *r;
    size_t n_dels = 0;
    int error = 0;

    nl_buf_init(&dels, 4096);
    DPIF_PORT_FOR_EACH (&port, &pd, t->up.dpif) {
        uint32_t ifindex = (port.ifindex > 0 ? port.ifindex
                            : if_nametoindex(port.name));

        if (ifindex) {
            flush_device(t, ifindex, TC_INGRESS_PARENT, &dels, &n_dels);
            if (port.type && !strcmp(port.type, "internal")) {
                flush_device(t, ifindex, TC_EGRESS_PARENT, &dels, &n_dels);
            }
        }
    }
    if (n_dels) {
        struct nln_result *res = xcalloc(n_dels, sizeof *res);

        nln_batch_sparse(t->sock, &dels, res, n_dels);
        for (size_t i = 0; i < n_dels; i++) {
            if (res[i].error.error && res[i].error.error != ENOENT
                && !error) {
                error = res[i].error.error;
            }
            nl_error_uninit(&res[i].error);
        }
        free(res);
    }
    nl_buf_uninit(&dels);
    HMAP_FOR_EACH_POP (r, node, &t->rules) {
        rule_free(r);
    }
    return error;
}

static void
tc_show(struct dpif_offload *o, struct ds *ds)
{
    struct offload_tc *t = tc_cast(o);
    struct tc_rule *r;

    format_probes(t, ds);
    ds_put_format(ds, "  rules in TC: %zu, batches: %"PRIu64", requests: "
                  "%"PRIu64", time inserting: %lld ms\n",
                  hmap_count(&t->rules), t->n_batches, t->n_requests,
                  t->insert_ms);
    for (size_t i = 0; i < t->n_clsact; i++) {
        char name[IFNAMSIZ];
        size_t count = 0;

        HMAP_FOR_EACH (r, node, &t->rules) {
            count += r->id.ifindex == t->clsact[i];
        }
        ds_put_format(ds, "    %s: %zu rules\n",
                      ifindex_name(t->clsact[i], name), count);
    }
}

static enum offload_reason
tc_explain(struct dpif_offload *o, const struct match *match,
           const void *actions, size_t actions_len, struct ds *ds)
{
    struct offload_tc *t = tc_cast(o);
    struct tc_flower *f = xmalloc(sizeof *f);
    enum offload_reason reason;
    char name[IFNAMSIZ];
    char *msg = NULL;

    reason = offload_tc_xlate(match, actions, actions_len, port_lookup, t,
                              &t->caps, f, &msg);
    if (reason) {
        ds_put_format(ds, "not offloadable: %s", offload_reason_name(reason));
        if (msg) {
            ds_put_format(ds, ": %s", msg);
        }
        ds_put_char(ds, '\n');
    } else {
        f->id.prio = prio_for(f);
        f->flags = t->rule_flags;
        ds_put_format(ds, "flower rule on %s ingress, chain %"PRIu32
                      ", prio %"PRIu16":\n  ",
                      ifindex_name(f->id.ifindex, name), f->id.chain,
                      f->id.prio);
        tc_flower_format(ds, f);
        ds_put_char(ds, '\n');
    }
    free(msg);
    free(f);
    return reason;
}

const struct offload_class offload_tc_class = {
    .name = "tc",
    .open = tc_open,
    .close = tc_close,
    .probe = tc_probe,
    .set_policy = tc_set_policy,
    .port_changed = tc_port_changed,
    .put = tc_put,
    .del = tc_del,
    .get = tc_get,
    .contains = tc_contains,
    .dump_start = tc_dump_start,
    .dump_next = tc_dump_next,
    .dump_done = tc_dump_done,
    .flush = tc_flush,
    .show = tc_show,
    .explain = tc_explain,
};
