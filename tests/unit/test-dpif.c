/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for datapath/dpif.c, the wrapper, against a test-double
 * provider ("dummy") that keeps ports and flows in memory.  Writing the
 * double is itself the check that datapath/dpif-provider.h can be
 * implemented from its contract alone: error convention, instance life
 * cycle, ownership of ports and flows, NULL upcall callbacks.  The tests
 * cover provider lookup and registration, argument handling, errors with
 * their messages (dpif_last_error_msg(), dpif_format_error(), per
 * operation in dpif_operate()), counters, port and flow dumps, and that
 * two instances do not share state.
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

#include "datapath/dpif-provider.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "odp-actions.h"
#include "packets.h"
#include "util.h"

/* The test double. */

#define DUMMY_MAX_PORTS 8
#define DUMMY_MAX_FLOWS 16

struct dummy_flow {
    bool in_use;
    ovs_u128 ufid;
    struct match match;
    uint8_t actions[64];
    size_t actions_len;
    struct dpif_flow_stats stats;
};

struct dummy_dpif {
    struct dpif up;
    struct dpif_port ports[DUMMY_MAX_PORTS];    /* 'name' NULL: free. */
    struct dummy_flow flows[DUMMY_MAX_FLOWS];
    int n_operate_calls;
    int n_executes;
    bool destroyed;
};

static struct dummy_dpif *
dummy_cast(const struct dpif *dpif)
{
    return CONTAINER_OF(dpif, struct dummy_dpif, up);
}

static int
dummy_open(const struct dpif_class *class, const char *name, bool create,
           struct dpif **dpifp, char **errp)
{
    struct dummy_dpif *d;

    if (!create && !strcmp(name, "missing")) {
        if (errp) {
            *errp = xstrdup("no datapath by that name");
        }
        return ENODEV;
    }
    d = xzalloc(sizeof *d);
    dpif_init(&d->up, class, name);
    d->ports[0].name = xstrdup(name);
    d->ports[0].type = xstrdup("internal");
    d->ports[0].port_no = 0;
    *dpifp = &d->up;
    return 0;
}

static void
dummy_close(struct dpif *dpif)
{
    struct dummy_dpif *d = dummy_cast(dpif);
    size_t i;

    for (i = 0; i < DUMMY_MAX_PORTS; i++) {
        dpif_port_destroy(&d->ports[i]);
    }
    dpif_uninit(dpif);
    free(d);
}

static int
dummy_destroy(struct dpif *dpif)
{
    dummy_cast(dpif)->destroyed = true;
    return 0;
}

static int
dummy_get_features(struct dpif *dpif OVS_UNUSED, struct dpif_features *f)
{
    f->vport_pids = true;
    f->dispatch = DPIF_DISPATCH_PER_VPORT;
    return 0;
}

static int
dummy_get_stats(struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dummy_dpif *d = dummy_cast(dpif);
    size_t i;

    for (i = 0; i < DUMMY_MAX_FLOWS; i++) {
        stats->n_flows += d->flows[i].in_use;
    }
    stats->n_masks = stats->n_mask_hit = stats->n_cache_hit = UINT64_MAX;
    stats->cache_size = UINT32_MAX;
    return 0;
}

static int
dummy_port_add(struct dpif *dpif, const char *name, const char *type,
               const struct dpif_port_option options[] OVS_UNUSED,
               size_t n_options OVS_UNUSED, odp_port_t *port_nop)
{
    struct dummy_dpif *d = dummy_cast(dpif);
    size_t i;

    if (type[0] && strcmp(type, "system") && strcmp(type, "internal")) {
        return EAFNOSUPPORT;
    }
    for (i = 0; i < DUMMY_MAX_PORTS; i++) {
        if (d->ports[i].name && !strcmp(d->ports[i].name, name)) {
            dpif_set_error_msg(dpif, "port name in use");
            return EEXIST;
        }
    }
    for (i = 1; i < DUMMY_MAX_PORTS; i++) {
        if (!d->ports[i].name
            && (*port_nop == ODPP_NONE || *port_nop == i)) {
            d->ports[i].name = xstrdup(name);
            d->ports[i].type = xstrdup(type[0] ? type : "system");
            d->ports[i].port_no = i;
            *port_nop = i;
            return 0;
        }
    }
    return *port_nop == ODPP_NONE ? EFBIG : EBUSY;
}

static int
dummy_port_del(struct dpif *dpif, odp_port_t port_no)
{
    struct dummy_dpif *d = dummy_cast(dpif);

    if (port_no >= DUMMY_MAX_PORTS || !d->ports[port_no].name) {
        return ENOENT;
    }
    dpif_port_destroy(&d->ports[port_no]);
    return 0;
}

static int
dummy_port_query_by_number(struct dpif *dpif, odp_port_t port_no,
                           struct dpif_port *port)
{
    struct dummy_dpif *d = dummy_cast(dpif);

    if (port_no >= DUMMY_MAX_PORTS || !d->ports[port_no].name) {
        return ENODEV;
    }
    dpif_port_clone(port, &d->ports[port_no]);
    return 0;
}

static int
dummy_port_query_by_name(struct dpif *dpif, const char *name,
                         struct dpif_port *port)
{
    struct dummy_dpif *d = dummy_cast(dpif);
    size_t i;

    for (i = 0; i < DUMMY_MAX_PORTS; i++) {
        if (d->ports[i].name && !strcmp(d->ports[i].name, name)) {
            dpif_port_clone(port, &d->ports[i]);
            return 0;
        }
    }
    return ENODEV;
}

static int
dummy_port_dump_start(struct dpif *dpif OVS_UNUSED, void **statep)
{
    *statep = xzalloc(sizeof(size_t));
    return 0;
}

static int
dummy_port_dump_next(struct dpif *dpif, void *state, struct dpif_port *port)
{
    struct dummy_dpif *d = dummy_cast(dpif);
    size_t *i = state;

    for (; *i < DUMMY_MAX_PORTS; ++*i) {
        if (d->ports[*i].name) {
            *port = d->ports[(*i)++];
            return 0;
        }
    }
    return EOF;
}

static int
dummy_port_dump_done(struct dpif *dpif OVS_UNUSED, void *state)
{
    free(state);
    return 0;
}

static int
dummy_flow_flush(struct dpif *dpif)
{
    struct dummy_dpif *d = dummy_cast(dpif);

    memset(d->flows, 0, sizeof d->flows);
    return 0;
}

static struct dummy_flow *
dummy_find(struct dummy_dpif *d, const ovs_u128 *ufid,
           const struct match *match)
{
    size_t i;

    for (i = 0; i < DUMMY_MAX_FLOWS; i++) {
        struct dummy_flow *f = &d->flows[i];

        if (f->in_use && (ufid ? ovs_u128_equals(f->ufid, *ufid)
                          : match && match_equal(&f->match, match))) {
            return f;
        }
    }
    return NULL;
}

static void
dummy_fill(const struct dummy_flow *f, struct dpif_flow *flow, bool terse)
{
    memset(flow, 0, sizeof *flow);
    if (terse) {
        match_init_catchall(&flow->match);
    } else {
        flow->match = f->match;
        flow->actions = f->actions;
        flow->actions_len = f->actions_len;
    }
    flow->ufid = f->ufid;
    flow->ufid_present = true;
    flow->stats = f->stats;
    flow->attrs.dp_layer = "ovs";
}

static int
dummy_put(struct dummy_dpif *d, const struct dpif_flow_put *put,
          char **msgp)
{
    struct dummy_flow *f = dummy_find(d, put->ufid, put->match);
    size_t i;

    if (put->actions_len > sizeof f->actions) {
        *msgp = xstrdup("actions too long");
        return EINVAL;
    }
    if (f && !(put->flags & DPIF_FP_MODIFY)) {
        *msgp = xstrdup("flow exists");
        return EEXIST;
    }
    if (!f && !(put->flags & DPIF_FP_CREATE)) {
        return ENOENT;
    }
    if (put->stats) {
        *put->stats = f ? f->stats : (struct dpif_flow_stats) { 0 };
    }
    for (i = 0; !f && i < DUMMY_MAX_FLOWS; i++) {
        if (!d->flows[i].in_use) {
            f = &d->flows[i];
            memset(f, 0, sizeof *f);
            f->in_use = true;
            f->ufid = *put->ufid;
            f->match = *put->match;
        }
    }
    if (!f) {
        return EFBIG;
    }
    if (put->actions_len) {
        memcpy(f->actions, put->actions, put->actions_len);
    }
    f->actions_len = put->actions_len;
    if (put->flags & DPIF_FP_ZERO_STATS) {
        memset(&f->stats, 0, sizeof f->stats);
    }
    return 0;
}

static void
dummy_operate(struct dpif *dpif, struct dpif_op **ops, size_t n)
{
    struct dummy_dpif *d = dummy_cast(dpif);
    size_t i;

    d->n_operate_calls++;
    for (i = 0; i < n; i++) {
        struct dpif_op *op = ops[i];
        struct dummy_flow *f;

        switch (op->type) {
        case DPIF_OP_FLOW_PUT:
            op->error = dummy_put(d, &op->u.flow_put, &op->error_msg);
            break;
        case DPIF_OP_FLOW_DEL:
            f = dummy_find(d, op->u.flow_del.ufid, op->u.flow_del.match);
            op->error = f ? 0 : ENOENT;
            if (f) {
                if (op->u.flow_del.stats) {
                    *op->u.flow_del.stats = f->stats;
                }
                f->in_use = false;
            }
            break;
        case DPIF_OP_FLOW_GET:
            f = dummy_find(d, op->u.flow_get.ufid, op->u.flow_get.match);
            op->error = f ? 0 : ENOENT;
            if (f) {
                dummy_fill(f, op->u.flow_get.flow, false);
            }
            break;
        case DPIF_OP_EXECUTE:
            d->n_executes++;
            op->error = op->u.execute.packet_len < 14 ? EINVAL : 0;
            break;
        }
    }
}

struct dummy_flow_dump {
    struct dpif_flow_dump up;
    size_t next;
};

static struct dpif_flow_dump *
dummy_flow_dump_create(struct dpif *dpif,
                       const struct dpif_flow_dump_options *opts)
{
    struct dummy_flow_dump *dump = xzalloc(sizeof *dump);

    dpif_flow_dump_init(&dump->up, dpif, opts);
    return &dump->up;
}

static int
dummy_flow_dump_next(struct dpif_flow_dump *dump_, struct dpif_flow *flow)
{
    struct dummy_flow_dump *dump = CONTAINER_OF(dump_,
                                                struct dummy_flow_dump, up);
    struct dummy_dpif *d = dummy_cast(dump_->dpif);

    for (; dump->next < DUMMY_MAX_FLOWS; dump->next++) {
        if (d->flows[dump->next].in_use) {
            dummy_fill(&d->flows[dump->next++], flow, dump_->terse);
            return 0;
        }
    }
    return EOF;
}

static int
dummy_flow_dump_destroy(struct dpif_flow_dump *dump_)
{
    free(CONTAINER_OF(dump_, struct dummy_flow_dump, up));
    return 0;
}

/* Upcall callbacks are left NULL on purpose: the contract says a datapath
 * may have none. */
static const struct dpif_class dummy_class = {
    .type = "dummy",
    .open = dummy_open,
    .close = dummy_close,
    .destroy = dummy_destroy,
    .get_features = dummy_get_features,
    .get_stats = dummy_get_stats,
    .port_add = dummy_port_add,
    .port_del = dummy_port_del,
    .port_query_by_number = dummy_port_query_by_number,
    .port_query_by_name = dummy_port_query_by_name,
    .port_dump_start = dummy_port_dump_start,
    .port_dump_next = dummy_port_dump_next,
    .port_dump_done = dummy_port_dump_done,
    .flow_flush = dummy_flow_flush,
    .flow_dump_create = dummy_flow_dump_create,
    .flow_dump_next = dummy_flow_dump_next,
    .flow_dump_destroy = dummy_flow_dump_destroy,
    .operate = dummy_operate,
};

/* Helpers. */

static struct dpif *
open_dummy(const char *name)
{
    struct dpif *dpif = NULL;

    assert_int_equal(dpif_create_and_open("dummy", name, &dpif, NULL), 0);
    assert_non_null(dpif);
    return dpif;
}

static void
make_match(struct match *m, odp_port_t in_port, uint32_t dst)
{
    match_init_catchall(m);
    match_set_in_port_odp(m, in_port);
    match_set_dl_type(m, htons(ETH_TYPE_IP));
    match_set_nw_dst(m, htonl(dst));
}

static ovs_u128
make_ufid(uint64_t n)
{
    ovs_u128 u = { .u64 = { n, 0xfeed } };

    return u;
}

static int
setup(void **state OVS_UNUSED)
{
    return dpif_register_provider(&dummy_class);
}

static int
teardown(void **state OVS_UNUSED)
{
    return dpif_unregister_provider("dummy");
}

/* Tests. */

static void
test_provider_lookup(void **state OVS_UNUSED)
{
    struct dpif *dpif = (struct dpif *) 1;
    char *errmsg = NULL;

    assert_int_equal(dpif_open("no-such-type", "x", &dpif, NULL),
                     EAFNOSUPPORT);
    assert_null(dpif);
    assert_int_equal(dpif_register_provider(&dummy_class), EEXIST);

    assert_int_equal(dpif_open("dummy", "missing", &dpif, &errmsg), ENODEV);
    assert_null(dpif);
    assert_string_equal(errmsg, "no datapath by that name");
    free(errmsg);

    dpif = open_dummy(NULL);
    assert_string_equal(dpif_name(dpif), DPIF_DEFAULT_NAME);
    assert_string_equal(dpif_type(dpif), "dummy");
    assert_null(dpif_last_error_msg(dpif));
    assert_int_equal(dpif_delete(dpif), 0);
    assert_true(dummy_cast(dpif)->destroyed);
    dpif_close(dpif);
    dpif_close(NULL);
}

static void
test_netlink_class_complete(void **state OVS_UNUSED)
{
    const struct dpif_class *c = &dpif_netlink_class;

    /* The kernel provider fills every callback, upcalls included. */
    assert_string_equal(c->type, DPIF_DEFAULT_TYPE);
    assert_non_null(c->open);
    assert_non_null(c->close);
    assert_non_null(c->destroy);
    assert_non_null(c->enumerate);
    assert_non_null(c->get_features);
    assert_non_null(c->get_stats);
    assert_non_null(c->port_add);
    assert_non_null(c->port_del);
    assert_non_null(c->port_query_by_number);
    assert_non_null(c->port_query_by_name);
    assert_non_null(c->port_get_pid);
    assert_non_null(c->port_dump_start);
    assert_non_null(c->port_dump_next);
    assert_non_null(c->port_dump_done);
    assert_non_null(c->flow_flush);
    assert_non_null(c->flow_dump_create);
    assert_non_null(c->flow_dump_next);
    assert_non_null(c->flow_dump_destroy);
    assert_non_null(c->operate);
    assert_non_null(c->set_upcall_dispatch);
    assert_non_null(c->recv_set);
    assert_non_null(c->handlers_set);
    assert_non_null(c->recv);
    assert_non_null(c->recv_wait);
    assert_non_null(c->recv_purge);
}

static void
test_ports(void **state OVS_UNUSED)
{
    struct dpif *dpif = open_dummy("dp0");
    struct dpif_port_dump dump;
    struct dpif_port port;
    odp_port_t p1 = ODPP_NONE, p2 = 5;
    odp_port_t expect[] = { 0, 1, 5 };
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t n = 0;

    assert_int_equal(dpif_port_add(dpif, "eth1", NULL, NULL, 0, &p1), 0);
    assert_int_equal(p1, 1);
    assert_int_equal(dpif_port_add(dpif, "int1", "internal", NULL, 0, &p2),
                     0);
    assert_int_equal(p2, 5);
    assert_int_equal(dpif_port_add(dpif, "x", "bogus", NULL, 0, NULL),
                     EAFNOSUPPORT);

    /* A failure keeps the provider's message until the next call. */
    assert_int_equal(dpif_port_add(dpif, "eth1", "", NULL, 0, NULL),
                     EEXIST);
    assert_string_equal(dpif_last_error_msg(dpif), "port name in use");
    dpif_format_error(&ds, dpif, EEXIST);
    assert_string_equal(ds_cstr(&ds),
                        "File exists (kernel: port name in use)");
    ds_destroy(&ds);

    assert_int_equal(dpif_port_query_by_name(dpif, "eth1", &port), 0);
    assert_null(dpif_last_error_msg(dpif));
    assert_int_equal(port.port_no, 1);
    assert_string_equal(port.type, "system");
    dpif_port_destroy(&port);
    assert_int_equal(dpif_port_query_by_number(dpif, 5, &port), 0);
    assert_string_equal(port.name, "int1");
    assert_string_equal(port.type, "internal");
    dpif_port_destroy(&port);
    assert_int_equal(dpif_port_query_by_number(dpif, 3, &port), ENODEV);
    assert_null(port.name);
    assert_int_equal(dpif_port_query_by_number(dpif, 1, NULL), 0);

    DPIF_PORT_FOR_EACH (&port, &dump, dpif) {
        assert_true(n < ARRAY_SIZE(expect));
        assert_int_equal(port.port_no, expect[n]);
        n++;
    }
    assert_int_equal(n, 3);

    assert_int_equal(dpif_port_del(dpif, 1), 0);
    assert_int_equal(dpif_port_del(dpif, 1), ENOENT);
    assert_int_equal(dpif_port_query_by_name(dpif, "eth1", NULL), ENODEV);

    /* Ports are the instance's: another one does not see them. */
    {
        struct dpif *other = open_dummy("dp1");

        assert_int_equal(dpif_port_query_by_name(other, "int1", NULL),
                         ENODEV);
        dpif_close(other);
    }
    assert_int_equal(dpif_port_get_pid(dpif, 5), 0);
    dpif_close(dpif);
}

static void
test_flow_put_get_del(void **state OVS_UNUSED)
{
    struct dpif *dpif = open_dummy("dp0");
    struct dpif_flow_stats stats;
    struct dpif_counters c;
    struct dpif_flow flow;
    struct nl_buf buf, actions;
    uint64_t astub[8];
    struct match m;
    ovs_u128 u = make_ufid(1);
    struct ds ds = DS_EMPTY_INITIALIZER;

    nl_buf_use(&actions, astub, sizeof astub);
    odp_put_output(&actions, 2);
    nl_buf_init(&buf, 256);
    make_match(&m, 1, 0x0a000001);

    assert_int_equal(dpif_flow_put(dpif, DPIF_FP_MODIFY, &m, &u,
                                   actions.data, actions.used, NULL),
                     ENOENT);
    assert_int_equal(dpif_flow_put(dpif, DPIF_FP_CREATE, &m, &u,
                                   actions.data, actions.used, &stats), 0);
    assert_int_equal(stats.n_packets, 0);
    assert_int_equal(dpif_flow_put(dpif, DPIF_FP_CREATE, &m, &u,
                                   actions.data, actions.used, NULL),
                     EEXIST);
    assert_string_equal(dpif_last_error_msg(dpif), "flow exists");
    dpif_format_error(&ds, dpif, EEXIST);
    assert_string_equal(ds_cstr(&ds), "File exists (kernel: flow exists)");
    ds_destroy(&ds);

    /* Traffic, then a modify that keeps the counters and one that
     * zeroes them. */
    dummy_cast(dpif)->flows[0].stats.n_packets = 7;
    assert_int_equal(dpif_flow_put(dpif, DPIF_FP_CREATE | DPIF_FP_MODIFY,
                                   &m, &u, NULL, 0, &stats), 0);
    assert_null(dpif_last_error_msg(dpif));
    assert_int_equal(stats.n_packets, 7);
    assert_int_equal(dpif_flow_get(dpif, NULL, &u, &buf, &flow), 0);
    assert_int_equal(flow.stats.n_packets, 7);
    assert_int_equal(flow.actions_len, 0);
    assert_true(match_equal(&flow.match, &m));
    assert_string_equal(flow.attrs.dp_layer, "ovs");
    assert_int_equal(dpif_flow_put(dpif, DPIF_FP_MODIFY | DPIF_FP_ZERO_STATS,
                                   &m, &u, actions.data, actions.used, NULL),
                     0);
    assert_int_equal(dpif_flow_get(dpif, &m, NULL, &buf, &flow), 0);
    assert_int_equal(flow.stats.n_packets, 0);
    assert_int_equal(flow.actions_len, actions.used);

    dummy_cast(dpif)->flows[0].stats.n_packets = 3;
    assert_int_equal(dpif_flow_del(dpif, NULL, &u, &stats), 0);
    assert_int_equal(stats.n_packets, 3);
    assert_int_equal(dpif_flow_get(dpif, NULL, &u, &buf, &flow), ENOENT);
    assert_int_equal(dpif_flow_del(dpif, NULL, &u, NULL), ENOENT);

    dpif_get_counters(dpif, &c);
    assert_int_equal(c.n_flow_puts, 5);
    assert_int_equal(c.n_flow_put_errors, 2);
    assert_int_equal(c.n_flow_gets, 3);
    assert_int_equal(c.n_flow_get_errors, 1);
    assert_int_equal(c.n_flow_dels, 2);
    assert_int_equal(c.n_flow_del_errors, 1);
    assert_int_equal(c.n_operate_calls, 10);
    nl_buf_uninit(&buf);
    dpif_close(dpif);
}

static void
test_operate_batch(void **state OVS_UNUSED)
{
    struct dpif *dpif = open_dummy("dp0");
    struct dpif_op ops[6], *opp[6];
    struct match m[3];
    ovs_u128 u[3];
    uint8_t pkt[60] = { 0 };
    uint8_t long_actions[80] = { 0 };
    struct dpif_counters c;
    struct dpif_dp_stats dps;
    size_t i;

    memset(ops, 0, sizeof ops);
    for (i = 0; i < 3; i++) {
        make_match(&m[i], 1, 0x0a000001 + i);
        u[i] = make_ufid(10 + i);
        ops[i].type = DPIF_OP_FLOW_PUT;
        ops[i].u.flow_put.flags = DPIF_FP_CREATE;
        ops[i].u.flow_put.match = &m[i];
        ops[i].u.flow_put.ufid = &u[i];
    }
    /* The second put fails, with its own message; the rest succeed. */
    ops[1].u.flow_put.actions = long_actions;
    ops[1].u.flow_put.actions_len = sizeof long_actions;
    ops[3].type = DPIF_OP_FLOW_DEL;
    ops[3].u.flow_del.ufid = &u[1];
    ops[4].type = DPIF_OP_EXECUTE;
    ops[4].u.execute.packet = pkt;
    ops[4].u.execute.packet_len = sizeof pkt;
    ops[5].type = DPIF_OP_FLOW_DEL;
    ops[5].u.flow_del.ufid = &u[2];
    for (i = 0; i < 6; i++) {
        ops[i].error = -1;
        opp[i] = &ops[i];
    }
    dpif_operate(dpif, opp, 6);

    assert_int_equal(dummy_cast(dpif)->n_operate_calls, 1);
    assert_int_equal(ops[0].error, 0);
    assert_null(ops[0].error_msg);
    assert_int_equal(ops[1].error, EINVAL);
    assert_string_equal(ops[1].error_msg, "actions too long");
    free(ops[1].error_msg);
    assert_int_equal(ops[2].error, 0);
    assert_int_equal(ops[3].error, ENOENT);
    assert_int_equal(ops[4].error, 0);
    assert_int_equal(ops[5].error, 0);
    assert_int_equal(dummy_cast(dpif)->n_executes, 1);
    /* A batch's messages are per operation, not the dpif's. */
    assert_null(dpif_last_error_msg(dpif));

    dpif_get_counters(dpif, &c);
    assert_int_equal(c.n_operate_calls, 1);
    assert_int_equal(c.n_flow_puts, 3);
    assert_int_equal(c.n_flow_put_errors, 1);
    assert_int_equal(c.n_flow_dels, 2);
    assert_int_equal(c.n_flow_del_errors, 1);
    assert_int_equal(c.n_executes, 1);

    assert_int_equal(dpif_get_dp_stats(dpif, &dps), 0);
    assert_int_equal(dps.n_flows, 1);
    dpif_operate(dpif, opp, 0);
    dpif_get_counters(dpif, &c);
    assert_int_equal(c.n_operate_calls, 1);
    dpif_close(dpif);
}

static void
test_flow_dump(void **state OVS_UNUSED)
{
    struct dpif_flow_dump_options terse = { .terse = true };
    struct dpif *dpif = open_dummy("dp0");
    struct dpif_flow_dump *dump;
    struct dpif_flow flow;
    struct match m;
    ovs_u128 u;
    size_t i, n;

    for (i = 0; i < 4; i++) {
        make_match(&m, 2, 0x0b000000 + i);
        u = make_ufid(100 + i);
        assert_int_equal(dpif_flow_put(dpif, DPIF_FP_CREATE, &m, &u, NULL,
                                       0, NULL), 0);
    }

    dump = dpif_flow_dump_create(dpif, NULL);
    for (n = 0; dpif_flow_dump_next(dump, &flow); n++) {
        assert_true(flow.ufid_present);
        assert_int_equal(flow.ufid.u64[0], 100 + n);
        assert_int_equal(flow.match.flow.in_port.odp_port, 2);
    }
    assert_int_equal(dpif_flow_dump_destroy(dump), 0);
    assert_int_equal(n, 4);

    dump = dpif_flow_dump_create(dpif, &terse);
    for (n = 0; dpif_flow_dump_next(dump, &flow); n++) {
        assert_true(match_is_catchall(&flow.match));
        assert_null(flow.actions);
    }
    assert_int_equal(dpif_flow_dump_destroy(dump), 0);
    assert_int_equal(n, 4);
    assert_int_equal(dpif_flow_dump_destroy(NULL), 0);

    assert_int_equal(dpif_flow_flush(dpif), 0);
    dump = dpif_flow_dump_create(dpif, NULL);
    assert_false(dpif_flow_dump_next(dump, &flow));
    assert_int_equal(dpif_flow_dump_destroy(dump), 0);
    dpif_close(dpif);
}

static void
test_no_upcalls(void **state OVS_UNUSED)
{
    struct dpif *dpif = open_dummy("dp0");
    struct dpif_features f;
    struct dpif_upcall up;
    struct nl_buf buf;

    nl_buf_init(&buf, 64);
    assert_int_equal(dpif_get_features(dpif, &f), 0);
    assert_false(f.per_cpu_dispatch);
    assert_true(f.vport_pids);
    assert_int_equal(dpif_recv_set(dpif, true), EOPNOTSUPP);
    assert_int_equal(dpif_handlers_set(dpif, 0), EINVAL);
    assert_int_equal(dpif_handlers_set(dpif, 2), EOPNOTSUPP);
    assert_int_equal(dpif_set_upcall_dispatch(dpif, DPIF_DISPATCH_AUTO), 0);
    assert_int_equal(dpif_set_upcall_dispatch(dpif, DPIF_DISPATCH_PER_CPU),
                     EOPNOTSUPP);
    assert_int_equal(dpif_recv(dpif, 0, &up, &buf), EAGAIN);
    dpif_recv_wait(dpif, 0);
    dpif_recv_purge(dpif);
    nl_buf_uninit(&buf);
    dpif_close(dpif);
}

static void
test_flow_hash(void **state OVS_UNUSED)
{
    static const uint8_t k1[] = { 8, 0, 3, 0, 1, 0, 0, 0 };
    static const uint8_t k2[] = { 8, 0, 3, 0, 2, 0, 0, 0 };
    ovs_u128 a, b, c;

    dpif_flow_hash(k1, sizeof k1, &a);
    dpif_flow_hash(k1, sizeof k1, &b);
    dpif_flow_hash(k2, sizeof k2, &c);
    assert_true(ovs_u128_equals(a, b));
    assert_false(ovs_u128_equals(a, c));
    assert_false(ovs_u128_is_zero(a));
    /* All four words differ from one another: not one hash repeated. */
    assert_int_not_equal(a.u32[0], a.u32[1]);
    assert_int_not_equal(a.u32[1], a.u32[2]);
    assert_int_not_equal(a.u32[2], a.u32[3]);
}

static void
test_enumerate(void **state OVS_UNUSED)
{
    char **names;
    size_t n;

    /* The double has no ->enumerate: an empty list, not an error. */
    assert_int_equal(dpif_enumerate("dummy", &names, &n), 0);
    assert_int_equal(n, 0);
    dpif_names_free(names, n);
    assert_int_equal(dpif_enumerate("bogus", &names, &n), EAFNOSUPPORT);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_provider_lookup),
        cmocka_unit_test(test_netlink_class_complete),
        cmocka_unit_test(test_ports),
        cmocka_unit_test(test_flow_put_get_del),
        cmocka_unit_test(test_operate_batch),
        cmocka_unit_test(test_flow_dump),
        cmocka_unit_test(test_no_upcalls),
        cmocka_unit_test(test_flow_hash),
        cmocka_unit_test(test_enumerate),
    };

    set_program_name("test-dpif");
    return cmocka_run_group_tests(tests, setup, teardown);
}
