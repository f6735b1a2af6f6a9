/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for flow placement (datapath/dpif-offload.c, the offload hooks
 * of datapath/dpif.c) against the offload test double
 * (datapath/offload-test.c) and a fake kernel datapath provider ("kfake")
 * that keeps flows in memory.  What they pin down: a flow is never lost
 * and never in both places; a refused flow keeps its reason and message;
 * a flow that becomes expressible moves to the engine and leaves the
 * kernel datapath; deletes, gets and flushes reach whichever place holds
 * the flow; dumps merge both places and honour every type= filter.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "datapath/dpctl.h"
#include "datapath/dpif-provider.h"
#include "datapath/offload-provider.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "odp-actions.h"
#include "odp-key.h"
#include "util.h"

/* The fake kernel datapath. */

#define KFAKE_MAX_FLOWS 32

struct kfake_flow {
    bool in_use;
    ovs_u128 ufid;
    uint8_t key[512], mask[512], actions[128];
    size_t key_len, mask_len, actions_len;
    struct dpif_flow_stats stats;
};

struct kfake {
    struct dpif up;
    struct kfake_flow flows[KFAKE_MAX_FLOWS];
    int n_puts;
};

struct kfake_dump {
    struct dpif_flow_dump up;
    size_t i;
};

static struct kfake *
kfake_cast(const struct dpif *dpif)
{
    return CONTAINER_OF(dpif, struct kfake, up);
}

static int
kfake_open(const struct dpif_class *class, const char *name,
           bool create OVS_UNUSED, struct dpif **dpifp,
           char **errp OVS_UNUSED)
{
    struct kfake *k = xzalloc(sizeof *k);

    dpif_init(&k->up, class, name);
    *dpifp = &k->up;
    return 0;
}

static void
kfake_close(struct dpif *dpif)
{
    struct kfake *k = kfake_cast(dpif);

    dpif_uninit(dpif);
    free(k);
}

static int
kfake_get_features(struct dpif *dpif OVS_UNUSED, struct dpif_features *f)
{
    memset(f, 0, sizeof *f);
    return 0;
}

static int
kfake_get_stats(struct dpif *dpif OVS_UNUSED, struct dpif_dp_stats *s)
{
    memset(s, 0, sizeof *s);
    return 0;
}

static int
kfake_port_add(struct dpif *dpif OVS_UNUSED, const char *name OVS_UNUSED,
               const char *type OVS_UNUSED,
               const struct dpif_port_option o[] OVS_UNUSED,
               size_t n OVS_UNUSED, odp_port_t *port_nop OVS_UNUSED)
{
    return EOPNOTSUPP;
}

static int
kfake_port_del(struct dpif *dpif OVS_UNUSED, odp_port_t port OVS_UNUSED)
{
    return ENODEV;
}

static int
kfake_port_query(struct dpif *dpif OVS_UNUSED, odp_port_t port OVS_UNUSED,
                 struct dpif_port *p OVS_UNUSED)
{
    return ENODEV;
}

static int
kfake_port_query_by_name(struct dpif *dpif OVS_UNUSED,
                         const char *name OVS_UNUSED,
                         struct dpif_port *p OVS_UNUSED)
{
    return ENODEV;
}

static int
kfake_port_dump_start(struct dpif *dpif OVS_UNUSED, void **statep)
{
    *statep = xzalloc(1);
    return 0;
}

static int
kfake_port_dump_next(struct dpif *dpif OVS_UNUSED, void *state OVS_UNUSED,
                     struct dpif_port *port OVS_UNUSED)
{
    return EOF;
}

static int
kfake_port_dump_done(struct dpif *dpif OVS_UNUSED, void *state)
{
    free(state);
    return 0;
}

static int
kfake_flush(struct dpif *dpif)
{
    memset(kfake_cast(dpif)->flows, 0, sizeof kfake_cast(dpif)->flows);
    return 0;
}

static struct kfake_flow *
kfake_find(struct kfake *k, const ovs_u128 *ufid)
{
    for (size_t i = 0; i < KFAKE_MAX_FLOWS; i++) {
        if (k->flows[i].in_use
            && !memcmp(&k->flows[i].ufid, ufid, sizeof *ufid)) {
            return &k->flows[i];
        }
    }
    return NULL;
}

static void
kfake_fill(const struct kfake_flow *kf, struct dpif_flow *flow)
{
    memset(flow, 0, sizeof *flow);
    flow->ufid = kf->ufid;
    flow->ufid_present = true;
    flow->key = kf->key;
    flow->key_len = kf->key_len;
    flow->mask = kf->mask;
    flow->mask_len = kf->mask_len;
    flow->actions = kf->actions;
    flow->actions_len = kf->actions_len;
    flow->stats = kf->stats;
    flow->match_error = odp_key_to_match(kf->key, kf->key_len, kf->mask,
                                         kf->mask_len, &flow->match, NULL);
    flow->attrs.dp_layer = "ovs";
}

/* Flows are named by UFID only here (the tests always give one). */
static int
kfake_put(struct kfake *k, const struct dpif_flow_put *p)
{
    struct kfake_flow *kf = kfake_find(k, p->ufid);
    struct nl_buf key, mask;

    k->n_puts++;
    if (kf && !(p->flags & DPIF_FP_MODIFY)) {
        return EEXIST;
    }
    if (!kf && !(p->flags & DPIF_FP_CREATE)) {
        return ENOENT;
    }
    if (p->stats) {
        *p->stats = kf ? kf->stats : (struct dpif_flow_stats) { 0 };
    }
    if (!kf) {
        for (size_t i = 0; i < KFAKE_MAX_FLOWS && !kf; i++) {
            if (!k->flows[i].in_use) {
                kf = &k->flows[i];
            }
        }
        if (!kf) {
            return EFBIG;
        }
        memset(kf, 0, sizeof *kf);
        kf->in_use = true;
        kf->ufid = *p->ufid;
    }
    nl_buf_use(&key, kf->key, sizeof kf->key);
    nl_buf_use(&mask, kf->mask, sizeof kf->mask);
    odp_key_from_match(p->match, &key, &mask);
    kf->key_len = key.used;
    kf->mask_len = mask.used;
    memcpy(kf->actions, p->actions, p->actions_len);
    kf->actions_len = p->actions_len;
    return 0;
}

static void
kfake_operate(struct dpif *dpif, struct dpif_op **ops, size_t n)
{
    struct kfake *k = kfake_cast(dpif);

    for (size_t i = 0; i < n; i++) {
        struct dpif_op *op = ops[i];
        struct kfake_flow *kf;

        switch (op->type) {
        case DPIF_OP_FLOW_PUT:
            op->error = kfake_put(k, &op->u.flow_put);
            break;
        case DPIF_OP_FLOW_DEL:
            kf = kfake_find(k, op->u.flow_del.ufid);
            op->error = kf ? 0 : ENOENT;
            if (kf) {
                if (op->u.flow_del.stats) {
                    *op->u.flow_del.stats = kf->stats;
                }
                kf->in_use = false;
            }
            break;
        case DPIF_OP_FLOW_GET:
            kf = kfake_find(k, op->u.flow_get.ufid);
            op->error = kf ? 0 : ENOENT;
            if (kf) {
                kfake_fill(kf, op->u.flow_get.flow);
            }
            break;
        case DPIF_OP_EXECUTE:
        default:
            op->error = 0;
            break;
        }
    }
}

static struct dpif_flow_dump *
kfake_dump_create(struct dpif *dpif,
                  const struct dpif_flow_dump_options *opts)
{
    struct kfake_dump *d = xzalloc(sizeof *d);

    dpif_flow_dump_init(&d->up, dpif, opts);
    return &d->up;
}

static int
kfake_dump_next(struct dpif_flow_dump *dump, struct dpif_flow *flow)
{
    struct kfake_dump *d = CONTAINER_OF(dump, struct kfake_dump, up);
    struct kfake *k = kfake_cast(dump->dpif);

    for (; d->i < KFAKE_MAX_FLOWS; d->i++) {
        if (k->flows[d->i].in_use) {
            kfake_fill(&k->flows[d->i++], flow);
            return 0;
        }
    }
    return EOF;
}

static int
kfake_dump_destroy(struct dpif_flow_dump *dump)
{
    free(CONTAINER_OF(dump, struct kfake_dump, up));
    return 0;
}

static const struct dpif_class kfake_class = {
    .type = "kfake",
    .open = kfake_open,
    .close = kfake_close,
    .get_features = kfake_get_features,
    .get_stats = kfake_get_stats,
    .port_add = kfake_port_add,
    .port_del = kfake_port_del,
    .port_query_by_number = kfake_port_query,
    .port_query_by_name = kfake_port_query_by_name,
    .port_dump_start = kfake_port_dump_start,
    .port_dump_next = kfake_port_dump_next,
    .port_dump_done = kfake_port_dump_done,
    .flow_flush = kfake_flush,
    .flow_dump_create = kfake_dump_create,
    .flow_dump_next = kfake_dump_next,
    .flow_dump_destroy = kfake_dump_destroy,
    .operate = kfake_operate,
};

static size_t
kfake_n_flows(struct dpif *dpif)
{
    size_t n = 0;

    for (size_t i = 0; i < KFAKE_MAX_FLOWS; i++) {
        n += kfake_cast(dpif)->flows[i].in_use;
    }
    return n;
}

/* Fixtures. */

struct fixture {
    struct dpif *dpif;
    struct dpif_offload *o;
    struct match match;
    uint8_t actions[64];
    size_t actions_len;
};

static int
setup(void **state)
{
    struct fixture *fx = xzalloc(sizeof *fx);
    struct offload_settings s = { .policy = OFFLOAD_POLICY_SKIP_HW };
    struct nl_buf buf;

    dpif_register_provider(&kfake_class);
    assert_int_equal(0, dpif_create_and_open("kfake", "dp0", &fx->dpif,
                                             NULL));
    assert_int_equal(0, dpif_offload_attach(fx->dpif, &offload_test_class,
                                            &s));
    fx->o = fx->dpif->offload;
    assert_non_null(offload_test_cast(fx->o));

    match_init_catchall(&fx->match);
    match_set_in_port_odp(&fx->match, 1);
    fx->match.flow.dl_type = htons(0x0800);
    fx->match.wc.masks.dl_type = OVS_BE16_MAX;
    nl_buf_use(&buf, fx->actions, sizeof fx->actions);
    odp_put_output(&buf, 2);
    fx->actions_len = buf.used;
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;

    dpif_close(fx->dpif);
    dpif_unregister_provider("kfake");
    free(fx);
    return 0;
}

static ovs_u128
ufid_n(uint32_t n)
{
    ovs_u128 u = OVS_U128_ZERO;

    u.u32[0] = n;
    u.u32[3] = 0xabcd;
    return u;
}

static int
put(struct fixture *fx, uint32_t n, enum dpif_flow_put_flags flags)
{
    ovs_u128 u = ufid_n(n);
    struct match m = fx->match;

    m.flow.nw_src = htonl(n);
    m.wc.masks.nw_src = OVS_BE32_MAX;
    return dpif_flow_put(fx->dpif, flags, &m, &u, fx->actions,
                         fx->actions_len, NULL);
}

/* Counts the flows a dump of 'type' lists, and checks their layer. */
static size_t
count_dump(struct fixture *fx, const char *type, size_t *n_tc,
           size_t *n_reasons)
{
    struct dpif_flow_dump_options opts = { .type = type };
    struct dpif_flow_dump *dump = dpif_flow_dump_create(fx->dpif, &opts);
    struct dpif_flow flow;
    size_t n = 0;

    *n_tc = *n_reasons = 0;
    while (dpif_flow_dump_next(dump, &flow)) {
        n++;
        assert_non_null(flow.attrs.dp_layer);
        if (!strcmp(flow.attrs.dp_layer, "tc")) {
            (*n_tc)++;
            assert_null(flow.attrs.reason);
        } else {
            assert_string_equal("ovs", flow.attrs.dp_layer);
            assert_false(flow.attrs.offloaded);
            *n_reasons += flow.attrs.reason != NULL;
        }
        assert_int_equal(0, flow.match_error);
    }
    assert_int_equal(0, dpif_flow_dump_destroy(dump));
    return n;
}

/* Tests. */

static void
test_put_goes_to_engine(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(0, put(fx, 1, DPIF_FP_CREATE));
    assert_int_equal(1, offload_test_n_flows(fx->o));
    assert_int_equal(0, kfake_n_flows(fx->dpif));
    assert_int_equal(0, kfake_cast(fx->dpif)->n_puts);
    /* CREATE again: EEXIST from the engine, nothing changes. */
    assert_int_equal(EEXIST, put(fx, 1, DPIF_FP_CREATE));
    assert_int_equal(1, offload_test_n_flows(fx->o));
    assert_int_equal(0, kfake_n_flows(fx->dpif));
}

static void
test_refused_put_keeps_reason(void **state)
{
    struct fixture *fx = *state;
    ovs_u128 u = ufid_n(7);
    const char *msg;

    offload_test_refuse(fx->o, OFFLOAD_R_ACTION, "userspace");
    assert_int_equal(0, put(fx, 7, DPIF_FP_CREATE));
    assert_int_equal(0, offload_test_n_flows(fx->o));
    assert_int_equal(1, kfake_n_flows(fx->dpif));
    assert_int_equal(OFFLOAD_R_ACTION,
                     dpif_offload_reason(fx->dpif, &u, &msg));
    assert_string_equal("userspace", msg);
    /* EEXIST now comes from the kernel datapath; still one flow. */
    assert_int_equal(EEXIST, put(fx, 7, DPIF_FP_CREATE));
    assert_int_equal(1, kfake_n_flows(fx->dpif));
    assert_int_equal(0, offload_test_n_flows(fx->o));
}

static void
test_modify_moves_between_places(void **state)
{
    struct fixture *fx = *state;
    ovs_u128 u = ufid_n(3);

    /* In the engine, then a modify that the engine refuses: the rule goes
     * and the flow lands in the kernel datapath, once. */
    assert_int_equal(0, put(fx, 3, DPIF_FP_CREATE));
    assert_int_equal(0, offload_test_set_hw(fx->o, &u, false, 0, 5));
    offload_test_refuse(fx->o, OFFLOAD_R_KERNEL_EINVAL,
                        "Invalid argument (kernel: no hardware)");
    struct dpif_flow_stats st;
    struct match m = fx->match;

    m.flow.nw_src = htonl(3);
    m.wc.masks.nw_src = OVS_BE32_MAX;
    assert_int_equal(0, dpif_flow_put(fx->dpif, DPIF_FP_MODIFY, &m, &u,
                                      fx->actions, fx->actions_len, &st));
    assert_int_equal(5, st.n_packets);
    assert_int_equal(0, offload_test_n_flows(fx->o));
    assert_int_equal(1, kfake_n_flows(fx->dpif));
    assert_int_equal(OFFLOAD_R_KERNEL_EINVAL,
                     dpif_offload_reason(fx->dpif, &u, NULL));

    /* Expressible again: back to the engine, out of the kernel. */
    offload_test_refuse(fx->o, OFFLOAD_R_NONE, NULL);
    assert_int_equal(0, put(fx, 3, DPIF_FP_CREATE | DPIF_FP_MODIFY));
    assert_int_equal(1, offload_test_n_flows(fx->o));
    assert_int_equal(0, kfake_n_flows(fx->dpif));
    assert_int_equal(OFFLOAD_R_NONE,
                     dpif_offload_reason(fx->dpif, &u, NULL));
}

static void
test_modify_missing(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(ENOENT, put(fx, 9, DPIF_FP_MODIFY));
    assert_int_equal(0, offload_test_n_flows(fx->o));
    assert_int_equal(0, kfake_n_flows(fx->dpif));
}

static void
test_del_and_get_reach_holder(void **state)
{
    struct fixture *fx = *state;
    ovs_u128 u1 = ufid_n(1), u2 = ufid_n(2);
    struct dpif_flow flow;
    struct nl_buf buf;

    assert_int_equal(0, put(fx, 1, DPIF_FP_CREATE));
    offload_test_refuse(fx->o, OFFLOAD_R_MATCH, "ipv6_label");
    assert_int_equal(0, put(fx, 2, DPIF_FP_CREATE));
    offload_test_set_hw(fx->o, &u1, true, 2, 10);

    nl_buf_init(&buf, 1024);
    assert_int_equal(0, dpif_flow_get(fx->dpif, NULL, &u1, &buf, &flow));
    assert_string_equal("tc", flow.attrs.dp_layer);
    assert_true(flow.attrs.offloaded);
    assert_int_equal(2, flow.attrs.in_hw_count);
    assert_int_equal(10, flow.stats.n_packets);
    assert_int_equal(0, flow.match_error);
    assert_int_equal(htonl(1), flow.match.flow.nw_src);
    assert_memory_equal(fx->actions, flow.actions, fx->actions_len);

    assert_int_equal(0, dpif_flow_get(fx->dpif, NULL, &u2, &buf, &flow));
    assert_string_equal("ovs", flow.attrs.dp_layer);
    assert_string_equal("unsupported-match", flow.attrs.reason);
    assert_string_equal("ipv6_label", flow.attrs.reason_msg);
    nl_buf_uninit(&buf);

    struct dpif_flow_stats st;
    assert_int_equal(0, dpif_flow_del(fx->dpif, NULL, &u1, &st));
    assert_int_equal(10, st.n_packets);
    assert_int_equal(0, dpif_flow_del(fx->dpif, NULL, &u2, NULL));
    assert_int_equal(OFFLOAD_R_NONE,
                     dpif_offload_reason(fx->dpif, &u2, NULL));
    assert_int_equal(ENOENT, dpif_flow_del(fx->dpif, NULL, &u1, NULL));
    assert_int_equal(0, offload_test_n_flows(fx->o));
    assert_int_equal(0, kfake_n_flows(fx->dpif));
}

static void
test_dump_merge_and_types(void **state)
{
    struct fixture *fx = *state;
    ovs_u128 u1 = ufid_n(1);
    size_t n_tc, n_reasons;

    assert_int_equal(0, put(fx, 1, DPIF_FP_CREATE));  /* TC, in hw. */
    assert_int_equal(0, put(fx, 2, DPIF_FP_CREATE));  /* TC, not in hw. */
    offload_test_set_hw(fx->o, &u1, true, 1, 0);
    offload_test_refuse(fx->o, OFFLOAD_R_ACTION, "userspace");
    assert_int_equal(0, put(fx, 3, DPIF_FP_CREATE));  /* Kernel. */

    assert_int_equal(3, count_dump(fx, NULL, &n_tc, &n_reasons));
    assert_int_equal(2, n_tc);
    assert_int_equal(1, n_reasons);
    assert_int_equal(3, count_dump(fx, "all", &n_tc, &n_reasons));
    assert_int_equal(2, count_dump(fx, "tc", &n_tc, &n_reasons));
    assert_int_equal(2, n_tc);
    assert_int_equal(1, count_dump(fx, "ovs", &n_tc, &n_reasons));
    assert_int_equal(0, n_tc);
    assert_int_equal(1, n_reasons);
    assert_int_equal(1, count_dump(fx, "offloaded", &n_tc, &n_reasons));
    assert_int_equal(1, n_tc);
    assert_int_equal(2, count_dump(fx, "non-offloaded", &n_tc, &n_reasons));
    assert_int_equal(1, n_tc);
    assert_int_equal(0, count_dump(fx, "partially-offloaded", &n_tc,
                                   &n_reasons));
    assert_true(dpif_flow_dump_type_valid("tc"));
    assert_false(dpif_flow_dump_type_valid("dpdk-ish"));
}

static void
test_flush_both(void **state)
{
    struct fixture *fx = *state;
    ovs_u128 u = ufid_n(2);
    size_t n_tc, n_reasons;

    assert_int_equal(0, put(fx, 1, DPIF_FP_CREATE));
    offload_test_refuse(fx->o, OFFLOAD_R_ACTION, "userspace");
    assert_int_equal(0, put(fx, 2, DPIF_FP_CREATE));
    assert_int_equal(0, dpif_flow_flush(fx->dpif));
    assert_int_equal(0, offload_test_n_flows(fx->o));
    assert_int_equal(0, kfake_n_flows(fx->dpif));
    assert_int_equal(OFFLOAD_R_NONE, dpif_offload_reason(fx->dpif, &u,
                                                         NULL));
    assert_int_equal(0, count_dump(fx, NULL, &n_tc, &n_reasons));
}

static void
test_batch_never_lost(void **state)
{
    struct fixture *fx = *state;
    struct dpif_op ops[20], *opp[20];
    ovs_u128 ufids[20];
    struct match matches[20];

    /* Half refused: every flow ends in exactly one place. */
    for (int i = 0; i < 20; i++) {
        ufids[i] = ufid_n(100 + i);
        matches[i] = fx->match;
        matches[i].flow.nw_src = htonl(100 + i);
        matches[i].wc.masks.nw_src = OVS_BE32_MAX;
        memset(&ops[i], 0, sizeof ops[i]);
        ops[i].type = DPIF_OP_FLOW_PUT;
        ops[i].u.flow_put.flags = DPIF_FP_CREATE;
        ops[i].u.flow_put.match = &matches[i];
        ops[i].u.flow_put.ufid = &ufids[i];
        ops[i].u.flow_put.actions = fx->actions;
        ops[i].u.flow_put.actions_len = fx->actions_len;
        opp[i] = &ops[i];
    }
    dpif_operate(fx->dpif, opp, 10);
    assert_int_equal(1, offload_test_n_put_calls(fx->o));
    offload_test_refuse(fx->o, OFFLOAD_R_KERNEL_ENOSPC, "table full");
    dpif_operate(fx->dpif, opp + 10, 10);
    for (int i = 0; i < 20; i++) {
        bool in_engine = fx->o->class->contains(fx->o, &ufids[i]);
        bool in_kernel = kfake_find(kfake_cast(fx->dpif), &ufids[i]);

        assert_int_equal(0, ops[i].error);
        assert_true(in_engine != in_kernel);
        assert_int_equal(i < 10, in_engine);
    }
    assert_int_equal(10, fx->o->n_refused_by[OFFLOAD_R_KERNEL_ENOSPC]);
    assert_int_equal(10, fx->o->n_placed);
}

static void
test_no_ufid(void **state)
{
    struct fixture *fx = *state;
    struct match m = fx->match;
    size_t n_tc, n_reasons;

    /* Named by key only: the engine keeps it under the key's hash, and a
     * delete by key finds it again. */
    assert_int_equal(0, dpif_flow_put(fx->dpif, DPIF_FP_CREATE, &m, NULL,
                                      fx->actions, fx->actions_len, NULL));
    assert_int_equal(1, offload_test_n_flows(fx->o));
    assert_int_equal(0, dpif_flow_del(fx->dpif, &m, NULL, NULL));
    assert_int_equal(0, offload_test_n_flows(fx->o));

    /* Refused: the kernel datapath flow gets that UFID, so the dump finds
     * its reason. */
    offload_test_refuse(fx->o, OFFLOAD_R_ACTION, "userspace");
    assert_int_equal(0, dpif_flow_put(fx->dpif, DPIF_FP_CREATE, &m, NULL,
                                      fx->actions, fx->actions_len, NULL));
    assert_int_equal(1, kfake_n_flows(fx->dpif));
    assert_int_equal(1, count_dump(fx, "ovs", &n_tc, &n_reasons));
    assert_int_equal(1, n_reasons);
}

static int
fx_open_dpif(const char *name OVS_UNUSED, struct dpif **dpifp, bool *owned,
             char **errp, void *aux)
{
    struct fixture *fx = aux;

    *dpifp = fx->dpif;
    *owned = false;
    *errp = NULL;
    return 0;
}

static int
run_dpctl(struct fixture *fx, int argc, const char *argv[], struct ds *out,
          struct ds *err)
{
    struct dpctl_params p;

    ds_clear(out);
    ds_clear(err);
    dpctl_params_init(&p, out, err);
    p.verbosity = 1;
    p.names = 0;
    p.open_dpif = fx_open_dpif;
    p.aux = fx;
    return dpctl_run_command(argc, argv, &p);
}

static void
test_dpctl_lines(void **state)
{
    struct fixture *fx = *state;
    struct ds out = DS_EMPTY_INITIALIZER, err = DS_EMPTY_INITIALIZER;
    const char *tc[] = { "dump-flows", "type=tc" };
    const char *ovs[] = { "dump-flows", "type=ovs" };
    const char *off[] = { "dump-flows", "type=offloaded" };
    const char *bad[] = { "dump-flows", "type=bogus" };
    ovs_u128 u1 = ufid_n(1);

    assert_int_equal(0, put(fx, 1, DPIF_FP_CREATE));
    assert_int_equal(0, put(fx, 2, DPIF_FP_CREATE));
    offload_test_set_hw(fx->o, &u1, true, 3, 0);
    offload_test_refuse(fx->o, OFFLOAD_R_KERNEL_EINVAL,
                        "Invalid argument (kernel: no skip_sw here)");
    assert_int_equal(0, put(fx, 5, DPIF_FP_CREATE));

    assert_int_equal(0, run_dpctl(fx, 2, tc, &out, &err));
    assert_non_null(strstr(ds_cstr(&out), "offloaded:yes, dp:tc, in_hw:3, "
                           "actions:2\n"));
    assert_non_null(strstr(ds_cstr(&out), "used:never, dp:tc, not_in_hw, "
                           "actions:2\n"));
    assert_null(strstr(ds_cstr(&out), "dp:ovs"));

    assert_int_equal(0, run_dpctl(fx, 2, ovs, &out, &err));
    assert_non_null(strstr(ds_cstr(&out), "used:never, dp:ovs, "
                           "offload-reason:kernel-einval(\"Invalid argument "
                           "(kernel: no skip_sw here)\"), actions:2\n"));
    assert_null(strstr(ds_cstr(&out), "dp:tc"));

    assert_int_equal(0, run_dpctl(fx, 2, off, &out, &err));
    assert_non_null(strstr(ds_cstr(&out), "in_hw:3"));
    assert_null(strstr(ds_cstr(&out), "not_in_hw"));

    assert_int_equal(EINVAL, run_dpctl(fx, 2, bad, &out, &err));
    assert_non_null(strstr(ds_cstr(&err), "Failed to parse type (bogus)"));
    ds_destroy(&out);
    ds_destroy(&err);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_goes_to_engine, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refused_put_keeps_reason,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_modify_moves_between_places,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_modify_missing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_del_and_get_reach_holder,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_dump_merge_and_types, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_flush_both, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_never_lost, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dpctl_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_ufid, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
