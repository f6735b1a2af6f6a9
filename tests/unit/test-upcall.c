/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ofproto/upcall.c and ofproto/revalidate.c against a fake
 * datapath provider ("utest": flows in memory, a queue of upcalls) and a
 * fake translation (xlate_actions() and the few ofproto functions upcall
 * calls are defined here).  Covered: batched installs with the packets'
 * execution, ukeys and duplicates, statistics pushed to the rules, idle
 * expiry, modify or delete after a revalidation, adoption of the flows
 * found at start, slow-path flows and packet-ins, the flow limit, purge,
 * and flows deleted behind the udpif's back.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "datapath/dpif-provider.h"
#include "netlink.h"
#include "odp-actions.h"
#include "odp-key.h"
#include "ofproto/ofproto.h"
#include "ofproto/upcall.h"
#include "ofproto/upcall-private.h"
#include "ofproto/xlate.h"
#include "packets.h"
#include "timeval.h"
#include "util.h"

/* The fake translation.
 *
 * Every flow goes to 'fx_out_port'; the megaflow matches the input port
 * and the Ethernet destination (and the source too with 'fx_mask_src').
 * In port 99 belongs to no bridge.  With 'fx_slow', flows send to the
 * controller. */

static odp_port_t fx_out_port = 2;
static bool fx_mask_src;
static bool fx_slow;
static int fx_calls;
static uint64_t fx_credit_packets, fx_credit_bytes;
static int fx_learn_calls;
static uint64_t fx_seq = 1;
static int fx_packet_ins;

void
xlate_out_init(struct xlate_out *xo)
{
    nl_buf_init(&xo->odp_actions, 64);
    nl_buf_init(&xo->exec_actions, 64);
    flow_wildcards_init_catchall(&xo->wc);
    xo->slow = false;
    xo->ofproto = NULL;
    ovs_list_init(&xo->packet_ins);
}

void
xlate_out_uninit(struct xlate_out *xo)
{
    struct xlate_packet_in *pin;

    nl_buf_uninit(&xo->odp_actions);
    nl_buf_uninit(&xo->exec_actions);
    LIST_FOR_EACH_POP (pin, list_node, &xo->packet_ins) {
        free(pin->data);
        free(pin);
    }
}

int
xlate_actions(const struct xlate_in *xin, struct xlate_out *xo)
{
    fx_calls++;
    fx_credit_packets += xin->n_packets;
    fx_credit_bytes += xin->n_bytes;
    fx_learn_calls += xin->may_learn;
    if (xin->flow.in_port.odp_port == 99) {
        return ENODEV;
    }
    xo->ofproto = (struct ofproto *) &fx_calls;
    xo->wc.masks.in_port.odp_port = ODPP_NONE;
    xo->wc.masks.dl_dst = ETH_ADDR_EXACT;
    if (fx_mask_src) {
        xo->wc.masks.dl_src = ETH_ADDR_EXACT;
    }
    if (fx_slow) {
        ovs_be64 cookie = htonll(XLATE_SLOW_PATH_COOKIE);

        /* As xlate.h says: the flow carries the slow-path action, the
         * packet gets the rest (here an output, and a packet-in). */
        xo->slow = true;
        odp_put_userspace(&xo->odp_actions, xin->upcall_pid, &cookie,
                          sizeof cookie);
        odp_put_output(&xo->exec_actions, fx_out_port);
        if (xin->packet) {
            struct xlate_packet_in *pin = xzalloc(sizeof *pin);

            pin->ofproto = xo->ofproto;
            pin->data = xmemdup(xin->packet, xin->packet_len);
            pin->pin.packet = pin->data;
            pin->pin.packet_len = xin->packet_len;
            ovs_list_push_back(&xo->packet_ins, &pin->list_node);
        }
    } else {
        odp_put_output(&xo->odp_actions, fx_out_port);
    }
    return 0;
}

uint64_t
ofproto_revalidate_seq(void)
{
    return fx_seq;
}

void
ofproto_send_packet_in(struct ofproto *ofproto,
                       const struct ofp_packet_in *pin)
{
    assert_ptr_equal(ofproto, &fx_calls);
    assert_int_equal(pin->packet_len, 60);
    fx_packet_ins++;
}

struct ofproto *
ofproto_lookup(const char *name OVS_UNUSED)
{
    return NULL;
}

bool
ofproto_port_from_odp(odp_port_t odp_port OVS_UNUSED,
                      const struct flow_tnl *tnl OVS_UNUSED,
                      struct ofproto **ofprotop OVS_UNUSED,
                      ofp_port_t *ofp_portp OVS_UNUSED)
{
    return false;
}

/* The fake datapath. */

#define UT_MAX_FLOWS 32
#define UT_MAX_UPCALLS 128

struct ut_flow {
    bool in_use;
    ovs_u128 ufid;
    struct match match;
    uint8_t actions[64];
    size_t actions_len;
    struct dpif_flow_stats stats;
};

struct ut_upcall {
    enum dpif_upcall_type type;
    uint8_t packet[60];
    struct flow flow;
};

struct ut_dpif {
    struct dpif up;
};

/* One datapath, shared by every instance (so that a "restart" sees the
 * flows of the previous one). */
static struct ut_flow ut_flows[UT_MAX_FLOWS];
static struct ut_upcall ut_queue[UT_MAX_UPCALLS];
static size_t ut_head, ut_tail;
static int ut_operate_calls, ut_puts, ut_modifies, ut_dels, ut_executes;
static bool ut_recv_on;
static odp_port_t ut_last_exec_output;

/* The port of the first action of 'exec' if it is an output, else
 * ODPP_NONE. */
static odp_port_t
exec_output(const struct dpif_execute *exec)
{
    const struct nlattr *a = exec->actions;

    if (exec->actions_len >= 8
        && nl_attr_type(a) == OVS_ACTION_ATTR_OUTPUT) {
        return nl_attr_get_u32(a);
    }
    return ODPP_NONE;
}

static int
ut_open(const struct dpif_class *class, const char *name,
        bool create OVS_UNUSED, struct dpif **dpifp, char **errp OVS_UNUSED)
{
    struct ut_dpif *d = xzalloc(sizeof *d);

    dpif_init(&d->up, class, name);
    *dpifp = &d->up;
    return 0;
}

static void
ut_close(struct dpif *dpif)
{
    dpif_uninit(dpif);
    free(CONTAINER_OF(dpif, struct ut_dpif, up));
}

static int
ut_get_stats(struct dpif *dpif OVS_UNUSED, struct dpif_dp_stats *stats)
{
    for (size_t i = 0; i < UT_MAX_FLOWS; i++) {
        stats->n_flows += ut_flows[i].in_use;
    }
    return 0;
}

static uint32_t
ut_port_get_pid(struct dpif *dpif OVS_UNUSED, odp_port_t port OVS_UNUSED)
{
    return 42;
}

static struct ut_flow *
ut_find(const ovs_u128 *ufid, const struct match *match)
{
    for (size_t i = 0; i < UT_MAX_FLOWS; i++) {
        struct ut_flow *f = &ut_flows[i];

        if (f->in_use && (ufid ? ovs_u128_equals(f->ufid, *ufid)
                          : match_equal(&f->match, match))) {
            return f;
        }
    }
    return NULL;
}

static int
ut_put(const struct dpif_flow_put *put)
{
    struct ut_flow *f = ut_find(put->ufid, put->match);

    assert_non_null(put->match);
    assert_true(put->actions_len <= sizeof f->actions);
    if (f && !(put->flags & DPIF_FP_MODIFY)) {
        return EEXIST;
    }
    if (!f && !(put->flags & DPIF_FP_CREATE)) {
        return ENOENT;
    }
    if (put->stats) {
        *put->stats = f ? f->stats : (struct dpif_flow_stats) { 0 };
    }
    if (f) {
        ut_modifies++;
    } else {
        for (size_t i = 0; !f && i < UT_MAX_FLOWS; i++) {
            if (!ut_flows[i].in_use) {
                f = &ut_flows[i];
            }
        }
        if (!f) {
            return EFBIG;
        }
        memset(f, 0, sizeof *f);
        f->in_use = true;
        f->ufid = *put->ufid;
        f->match = *put->match;
        ut_puts++;
    }
    memcpy(f->actions, put->actions, put->actions_len);
    f->actions_len = put->actions_len;
    return 0;
}

static void
ut_operate(struct dpif *dpif OVS_UNUSED, struct dpif_op **ops, size_t n)
{
    ut_operate_calls++;
    for (size_t i = 0; i < n; i++) {
        struct dpif_op *op = ops[i];
        struct ut_flow *f;

        switch (op->type) {
        case DPIF_OP_FLOW_PUT:
            op->error = ut_put(&op->u.flow_put);
            break;
        case DPIF_OP_FLOW_DEL:
            f = ut_find(op->u.flow_del.ufid, op->u.flow_del.match);
            op->error = f ? 0 : ENOENT;
            if (f) {
                if (op->u.flow_del.stats) {
                    *op->u.flow_del.stats = f->stats;
                }
                f->in_use = false;
                ut_dels++;
            }
            break;
        case DPIF_OP_FLOW_GET:
            op->error = EOPNOTSUPP;
            break;
        case DPIF_OP_EXECUTE:
            assert_int_equal(op->u.execute.packet_len, 60);
            assert_non_null(op->u.execute.md);
            ut_executes++;
            ut_last_exec_output = exec_output(&op->u.execute);
            op->error = 0;
            break;
        }
    }
}

struct ut_dump {
    struct dpif_flow_dump up;
    size_t next;
};

static struct dpif_flow_dump *
ut_dump_create(struct dpif *dpif, const struct dpif_flow_dump_options *opts)
{
    struct ut_dump *dump = xzalloc(sizeof *dump);

    dpif_flow_dump_init(&dump->up, dpif, opts);
    return &dump->up;
}

static int
ut_dump_next(struct dpif_flow_dump *dump_, struct dpif_flow *flow)
{
    struct ut_dump *dump = CONTAINER_OF(dump_, struct ut_dump, up);

    for (; dump->next < UT_MAX_FLOWS; dump->next++) {
        struct ut_flow *f = &ut_flows[dump->next];

        if (f->in_use) {
            memset(flow, 0, sizeof *flow);
            flow->match = f->match;
            flow->actions = f->actions;
            flow->actions_len = f->actions_len;
            flow->ufid = f->ufid;
            flow->ufid_present = true;
            flow->stats = f->stats;
            flow->attrs.dp_layer = "ovs";
            dump->next++;
            return 0;
        }
    }
    return EOF;
}

static int
ut_dump_destroy(struct dpif_flow_dump *dump)
{
    free(CONTAINER_OF(dump, struct ut_dump, up));
    return 0;
}

static int
ut_recv_set(struct dpif *dpif OVS_UNUSED, bool enable)
{
    ut_recv_on = enable;
    return 0;
}

static int
ut_handlers_set(struct dpif *dpif OVS_UNUSED, uint32_t n)
{
    assert_int_equal(n, 1);
    return 0;
}

static int
ut_recv(struct dpif *dpif OVS_UNUSED, uint32_t handler_id,
        struct dpif_upcall *upcall, struct nl_buf *buffer)
{
    struct ut_upcall *u;
    struct match exact;
    size_t key_ofs;

    assert_int_equal(handler_id, 0);
    if (ut_head == ut_tail) {
        return EAGAIN;
    }
    u = &ut_queue[ut_head++ % UT_MAX_UPCALLS];

    nl_buf_clear(buffer);
    nl_buf_put(buffer, u->packet, sizeof u->packet);
    key_ofs = buffer->used;
    match_init_exact(&exact, &u->flow);
    assert_int_equal(odp_key_from_match(&exact, buffer, NULL), 0);

    memset(upcall, 0, sizeof *upcall);
    upcall->type = u->type;
    upcall->packet = nl_buf_at(buffer, 0);
    upcall->packet_len = sizeof u->packet;
    upcall->key = nl_buf_at(buffer, key_ofs);
    upcall->key_len = buffer->used - key_ofs;
    upcall->flow = u->flow;
    return 0;
}

static const struct dpif_class ut_class = {
    .type = "utest",
    .open = ut_open,
    .close = ut_close,
    .get_stats = ut_get_stats,
    .port_get_pid = ut_port_get_pid,
    .flow_dump_create = ut_dump_create,
    .flow_dump_next = ut_dump_next,
    .flow_dump_destroy = ut_dump_destroy,
    .operate = ut_operate,
    .recv_set = ut_recv_set,
    .handlers_set = ut_handlers_set,
    .recv = ut_recv,
};

/* Helpers. */

/* Queues an upcall for an IPv4/UDP packet from 'in_port' with Ethernet
 * addresses ending in 'dst' and 'src'. */
static void
queue_upcall(enum dpif_upcall_type type, odp_port_t in_port, uint8_t dst,
             uint8_t src)
{
    struct ut_upcall *u = &ut_queue[ut_tail++ % UT_MAX_UPCALLS];
    static const uint8_t ip_udp[] = {
        0x08, 0x00,                                     /* IPv4. */
        0x45, 0x00, 0x00, 0x2e, 0x00, 0x00, 0x40, 0x00,
        0x40, 0x11, 0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2,
        0x04, 0x00, 0x00, 0x35, 0x00, 0x1a, 0x00, 0x00, /* UDP. */
    };

    memset(u, 0, sizeof *u);
    u->type = type;
    memcpy(u->packet, (uint8_t[]) { 0x02, 0, 0, 0, 0, dst }, 6);
    memcpy(u->packet + 6, (uint8_t[]) { 0x02, 0, 0, 0, 1, src }, 6);
    memcpy(u->packet + 12, ip_udp, sizeof ip_udp);
    flow_extract(u->packet, sizeof u->packet, &u->flow);
    u->flow.in_port.odp_port = in_port;
}

static size_t
n_dp_flows(void)
{
    size_t n = 0;

    for (size_t i = 0; i < UT_MAX_FLOWS; i++) {
        n += ut_flows[i].in_use;
    }
    return n;
}

static struct ut_flow *
dp_flow_to(uint8_t dst)
{
    for (size_t i = 0; i < UT_MAX_FLOWS; i++) {
        if (ut_flows[i].in_use
            && ut_flows[i].match.flow.dl_dst.ea[5] == dst) {
            return &ut_flows[i];
        }
    }
    return NULL;
}

static odp_port_t
flow_output(const struct ut_flow *f)
{
    const struct nlattr *a = (const struct nlattr *) f->actions;

    assert_true(f->actions_len >= 8);
    assert_int_equal(nl_attr_type(a), OVS_ACTION_ATTR_OUTPUT);
    return nl_attr_get_u32(a);
}

static struct udpif *
new_udpif(struct dpif **dpifp)
{
    struct udpif *udpif;

    assert_int_equal(dpif_open("utest", "ovs-system", dpifp, NULL), 0);
    udpif = udpif_create(*dpifp);
    assert_true(ut_recv_on);
    return udpif;
}

static void
free_udpif(struct udpif *udpif, struct dpif *dpif)
{
    udpif_destroy(udpif);
    assert_false(ut_recv_on);
    dpif_close(dpif);
}

/* Runs until a full revalidation pass, started now, completed. */
static void
run_pass(struct udpif *udpif)
{
    uint64_t target = udpif->n_passes + (udpif->dump ? 2 : 1);

    udpif_revalidate_now(udpif);
    while (udpif->n_passes < target) {
        udpif_run(udpif);
    }
}

static int
setup(void **state OVS_UNUSED)
{
    memset(ut_flows, 0, sizeof ut_flows);
    ut_head = ut_tail = 0;
    ut_operate_calls = ut_puts = ut_modifies = ut_dels = ut_executes = 0;
    fx_out_port = 2;
    fx_mask_src = fx_slow = false;
    fx_calls = fx_learn_calls = fx_packet_ins = 0;
    fx_credit_packets = fx_credit_bytes = 0;
    fx_seq = 1;
    return 0;
}

static int
group_setup(void **state OVS_UNUSED)
{
    return dpif_register_provider(&ut_class);
}

static int
group_teardown(void **state OVS_UNUSED)
{
    return dpif_unregister_provider("utest");
}

/* Tests. */

static void
test_miss_batch(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    struct ut_flow *f;

    run_pass(udpif);            /* The start-up pass, on no flows. */
    ut_operate_calls = 0;
    for (int i = 1; i <= 3; i++) {
        queue_upcall(DPIF_UC_MISS, 1, i, 1);
    }
    udpif_run(udpif);

    /* Three flows and three executions, in one batch. */
    assert_int_equal(n_dp_flows(), 3);
    assert_int_equal(ut_executes, 3);
    assert_int_equal(ut_operate_calls, 1);
    assert_int_equal(hmap_count(&udpif->ukeys), 3);
    assert_int_equal(fx_learn_calls, 3);
    /* The first packet of each is credited. */
    assert_int_equal(fx_credit_packets, 3);
    assert_int_equal(fx_credit_bytes, 180);

    /* The megaflow: input port, dl_dst, plus the bits upcall forces. */
    f = dp_flow_to(2);
    assert_non_null(f);
    assert_int_equal(flow_output(f), 2);
    assert_int_equal(f->match.wc.masks.in_port.odp_port, ODPP_NONE);
    assert_int_equal(f->match.wc.masks.recirc_id, UINT32_MAX);
    assert_int_equal(f->match.wc.masks.dl_type, OVS_BE16_MAX);
    assert_int_equal(f->match.wc.masks.nw_frag, FLOW_NW_FRAG_MASK);
    assert_int_equal(f->match.wc.masks.nw_src, 0);
    assert_true(eth_addr_is_zero(f->match.wc.masks.dl_src));
    assert_int_equal(f->match.flow.in_port.odp_port, 1);
    assert_non_null(udpif_ukey_find(udpif, &f->ufid));

    free_udpif(udpif, dpif);
    /* Flows outlive the udpif. */
    assert_int_equal(n_dp_flows(), 3);
}

static void
test_duplicates(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);

    /* Two packets of one megaflow in a batch: one put, two executions. */
    queue_upcall(DPIF_UC_MISS, 1, 7, 1);
    queue_upcall(DPIF_UC_MISS, 1, 7, 2);
    udpif_run(udpif);
    assert_int_equal(ut_puts, 1);
    assert_int_equal(ut_executes, 2);
    assert_int_equal(hmap_count(&udpif->ukeys), 1);

    /* A late miss for the installed flow: EEXIST is fine. */
    queue_upcall(DPIF_UC_MISS, 1, 7, 3);
    udpif_run(udpif);
    assert_int_equal(ut_puts, 1);
    assert_int_equal(ut_executes, 3);
    assert_int_equal(hmap_count(&udpif->ukeys), 1);
    assert_int_equal(n_dp_flows(), 1);

    free_udpif(udpif, dpif);
}

static void
test_stats_push(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    struct ut_flow *f;

    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    udpif_run(udpif);
    f = dp_flow_to(5);
    assert_non_null(f);
    fx_credit_packets = fx_credit_bytes = 0;

    f->stats.n_packets = 10;
    f->stats.n_bytes = 1000;
    f->stats.used = time_msec();
    fx_learn_calls = 0;
    run_pass(udpif);
    assert_int_equal(fx_credit_packets, 10);
    assert_int_equal(fx_credit_bytes, 1000);
    /* Traffic refreshes MAC learning; a pass without traffic does not. */
    assert_int_equal(fx_learn_calls, 1);

    /* Only the new traffic the next time; nothing without traffic. */
    f->stats.n_packets = 15;
    f->stats.n_bytes = 1500;
    run_pass(udpif);
    run_pass(udpif);
    assert_int_equal(fx_credit_packets, 15);
    assert_int_equal(fx_learn_calls, 2);
    assert_int_equal(fx_credit_bytes, 1500);
    assert_int_equal(n_dp_flows(), 1);

    free_udpif(udpif, dpif);
}

static void
test_idle_expiry(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    struct ut_flow *f;

    udpif_set_max_idle(udpif, 200);
    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    queue_upcall(DPIF_UC_MISS, 1, 6, 1);
    udpif_run(udpif);
    assert_int_equal(n_dp_flows(), 2);
    run_pass(udpif);
    assert_int_equal(n_dp_flows(), 2);      /* Not idle yet. */

    /* Flow 5 was last used 1 s ago (with 4 packets not yet pushed): it
     * goes, and its last packets are credited; flow 6 is fresh. */
    fx_credit_packets = 0;
    f = dp_flow_to(5);
    f->stats.n_packets = 4;
    f->stats.n_bytes = 400;
    f->stats.used = time_msec() - 1000;
    udpif_ukey_find(udpif, &f->ufid)->used = time_msec() - 1000;
    dp_flow_to(6)->stats.used = time_msec();
    run_pass(udpif);
    assert_int_equal(n_dp_flows(), 1);
    assert_non_null(dp_flow_to(6));
    assert_int_equal(hmap_count(&udpif->ukeys), 1);
    assert_int_equal(fx_credit_packets, 4);

    free_udpif(udpif, dpif);
}

static void
test_revalidate_modify(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    struct ut_flow *f;
    ovs_u128 ufid;

    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    udpif_run(udpif);
    f = dp_flow_to(5);
    ufid = f->ufid;
    assert_int_equal(flow_output(f), 2);

    /* The tables change without the seq: nothing happens. */
    fx_out_port = 3;
    run_pass(udpif);
    assert_int_equal(flow_output(f), 2);

    /* With the seq: the flow is modified in place, same UFID. */
    fx_seq++;
    udpif_run(udpif);
    while (udpif->dump) {
        udpif_run(udpif);
    }
    assert_int_equal(ut_modifies, 1);
    f = dp_flow_to(5);
    assert_true(ovs_u128_equals(f->ufid, ufid));
    assert_int_equal(flow_output(f), 3);
    assert_int_equal(n_dp_flows(), 1);

    /* Unchanged translation after another change: no modify. */
    fx_seq++;
    run_pass(udpif);
    assert_int_equal(ut_modifies, 1);

    /* The mask changes: the flow goes. */
    fx_mask_src = true;
    fx_seq++;
    run_pass(udpif);
    assert_int_equal(n_dp_flows(), 0);
    assert_int_equal(hmap_count(&udpif->ukeys), 0);

    free_udpif(udpif, dpif);
}

static void
test_adopt_on_restart(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    struct ut_flow *f, *f6, *f7;
    ovs_u128 ufid, ufid6;

    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    queue_upcall(DPIF_UC_MISS, 1, 6, 1);
    queue_upcall(DPIF_UC_MISS, 1, 7, 1);
    udpif_run(udpif);
    assert_int_equal(n_dp_flows(), 3);
    f = dp_flow_to(5);
    f->stats.n_packets = 100;
    f->stats.n_bytes = 10000;
    f->stats.used = time_msec();
    ufid = f->ufid;
    free_udpif(udpif, dpif);

    /* While we were away, flow 6 got other actions (say, the MAC table
     * that chose them is gone), and flow 7 another mask. */
    f6 = dp_flow_to(6);
    f6->actions_len = 0;
    f6->stats.n_packets = 50;
    ufid6 = f6->ufid;
    f7 = dp_flow_to(7);
    f7->match.wc.masks.tp_dst = OVS_BE16_MAX;
    f7->match.flow.tp_dst = htons(53);

    fx_credit_packets = 0;
    fx_learn_calls = 0;
    ut_dels = ut_puts = ut_modifies = 0;
    udpif = new_udpif(&dpif);
    udpif_run(udpif);           /* The first pass starts at once. */
    while (udpif->dump) {
        udpif_run(udpif);
    }
    /* Flow 5 kept as it was, with its UFID and counters; flow 6 kept and
     * modified in place (same UFID, counters kept); flow 7 deleted. */
    assert_int_equal(n_dp_flows(), 2);
    f = dp_flow_to(5);
    assert_non_null(f);
    assert_true(ovs_u128_equals(f->ufid, ufid));
    assert_int_equal(f->stats.n_packets, 100);
    assert_true(ovs_u128_equals(f6->ufid, ufid6));
    assert_int_equal(flow_output(f6), 2);
    assert_int_equal(f6->stats.n_packets, 50);
    assert_null(dp_flow_to(7));
    assert_int_equal(ut_dels, 1);
    assert_int_equal(ut_puts, 0);
    assert_int_equal(ut_modifies, 1);
    assert_int_equal(hmap_count(&udpif->ukeys), 2);
    /* Flow 5, used just now, taught its addresses; the others did not. */
    assert_int_equal(fx_learn_calls, 1);
    /* Traffic from before the restart is not credited again. */
    assert_int_equal(fx_credit_packets, 0);
    f->stats.n_packets = 103;
    run_pass(udpif);
    assert_int_equal(fx_credit_packets, 3);

    free_udpif(udpif, dpif);
}

static void
test_slow_path(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    const struct nlattr *a;
    struct ut_flow *f;

    fx_slow = true;
    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    udpif_run(udpif);
    assert_int_equal(fx_packet_ins, 1);
    f = dp_flow_to(5);
    assert_non_null(f);
    a = (const struct nlattr *) f->actions;
    assert_int_equal(nl_attr_type(a), OVS_ACTION_ATTR_USERSPACE);
    assert_int_equal(NLA_ALIGN(a->nla_len), f->actions_len);
    /* The packet is executed with the other actions. */
    assert_int_equal(ut_executes, 1);
    assert_int_equal(ut_last_exec_output, 2);

    /* Later packets come as action upcalls: packet-in, no install. */
    queue_upcall(DPIF_UC_ACTION, 1, 5, 1);
    udpif_run(udpif);
    assert_int_equal(fx_packet_ins, 2);
    assert_int_equal(ut_executes, 2);
    assert_int_equal(ut_puts, 1);
    assert_int_equal(n_dp_flows(), 1);

    free_udpif(udpif, dpif);
}

static void
test_unknown_port(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);
    struct ut_flow *f;

    /* One drop flow for the port, whatever the Ethernet addresses. */
    queue_upcall(DPIF_UC_MISS, 99, 5, 1);
    udpif_run(udpif);
    assert_int_equal(n_dp_flows(), 1);
    f = dp_flow_to(0);
    assert_non_null(f);
    assert_true(eth_addr_is_zero(f->match.wc.masks.dl_dst));
    assert_int_equal(f->actions_len, 0);    /* Drop. */
    assert_int_equal(f->match.flow.in_port.odp_port, 99);
    assert_int_equal(ut_executes, 0);

    free_udpif(udpif, dpif);
}

static void
test_flow_limit(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);

    run_pass(udpif);
    udpif_set_flow_limit(udpif, 2);
    for (int i = 1; i <= 4; i++) {
        queue_upcall(DPIF_UC_MISS, 1, i, 1);
    }
    udpif_run(udpif);
    /* Two installed; all four packets forwarded. */
    assert_int_equal(n_dp_flows(), 2);
    assert_int_equal(ut_executes, 4);

    /* A lower limit: the least recently used flow goes. */
    udpif_ukey_find(udpif, &dp_flow_to(1)->ufid)->used = time_msec() - 50;
    udpif_ukey_find(udpif, &dp_flow_to(2)->ufid)->used = time_msec();
    udpif_set_flow_limit(udpif, 1);
    run_pass(udpif);
    assert_int_equal(n_dp_flows(), 1);
    assert_non_null(dp_flow_to(2));
    assert_int_equal(hmap_count(&udpif->ukeys), 1);

    free_udpif(udpif, dpif);
}

static void
test_purge(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);

    for (int i = 1; i <= 5; i++) {
        queue_upcall(DPIF_UC_MISS, 1, i, 1);
    }
    udpif_run(udpif);
    assert_int_equal(n_dp_flows(), 5);
    dp_flow_to(3)->stats.n_packets = 7;
    dp_flow_to(3)->stats.n_bytes = 70;
    fx_credit_packets = 0;

    udpif_purge(udpif);
    assert_int_equal(n_dp_flows(), 0);
    assert_int_equal(hmap_count(&udpif->ukeys), 0);
    assert_int_equal(fx_credit_packets, 7);

    /* Traffic comes back: flows are installed again. */
    queue_upcall(DPIF_UC_MISS, 1, 3, 1);
    udpif_run(udpif);
    assert_int_equal(n_dp_flows(), 1);

    free_udpif(udpif, dpif);
}

static void
test_deleted_behind_back(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);

    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    queue_upcall(DPIF_UC_MISS, 1, 6, 1);
    udpif_run(udpif);
    assert_int_equal(hmap_count(&udpif->ukeys), 2);
    dp_flow_to(5)->in_use = false;          /* "ovs-dpctl del-flow". */
    run_pass(udpif);
    assert_int_equal(hmap_count(&udpif->ukeys), 1);

    /* Its traffic installs it again. */
    queue_upcall(DPIF_UC_MISS, 1, 5, 1);
    udpif_run(udpif);
    assert_int_equal(n_dp_flows(), 2);
    assert_int_equal(hmap_count(&udpif->ukeys), 2);

    free_udpif(udpif, dpif);
}

static void
test_bounded_run(void **state OVS_UNUSED)
{
    struct dpif *dpif;
    struct udpif *udpif = new_udpif(&dpif);

    run_pass(udpif);
    udpif_set_flow_limit(udpif, 1000);
    /* More upcalls than one batch: the first run takes a batch at a
     * time until the queue is empty (within its time budget). */
    for (int i = 0; i < 100; i++) {
        queue_upcall(DPIF_UC_MISS, 1, i % 20, 1);
    }
    udpif_run(udpif);
    assert_int_equal(ut_executes, 100);
    assert_int_equal(n_dp_flows(), 20);
    assert_true(ut_operate_calls >= 2);

    free_udpif(udpif, dpif);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_miss_batch, setup),
        cmocka_unit_test_setup(test_duplicates, setup),
        cmocka_unit_test_setup(test_stats_push, setup),
        cmocka_unit_test_setup(test_idle_expiry, setup),
        cmocka_unit_test_setup(test_revalidate_modify, setup),
        cmocka_unit_test_setup(test_adopt_on_restart, setup),
        cmocka_unit_test_setup(test_slow_path, setup),
        cmocka_unit_test_setup(test_unknown_port, setup),
        cmocka_unit_test_setup(test_flow_limit, setup),
        cmocka_unit_test_setup(test_purge, setup),
        cmocka_unit_test_setup(test_deleted_behind_back, setup),
        cmocka_unit_test_setup(test_bounded_run, setup),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
