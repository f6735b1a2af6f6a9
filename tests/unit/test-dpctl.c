/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for the dpctl commands (datapath/dpctl.h) against a fake
 * datapath provider of type "fake": the exact output text of show,
 * dump-flows (terse, -m, --names, filter=), get-flow and the flow
 * statistics, what add-flow/mod-flow/del-flow ask of the datapath, and
 * the error messages, kernel explanations included.  The same commands
 * against the real kernel are tests/system/dpctl-*.sh.
 */

#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "datapath/dpctl.h"
#include "datapath/dpif-provider.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "odp-format.h"
#include "odp-key.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

/* The fake datapath. */

struct fake_flow {
    const char *key;            /* Text, parsed at setup. */
    const char *actions;
    bool has_ufid;
    ovs_u128 ufid;
    struct dpif_flow_stats stats;
    struct nl_buf kbuf, mbuf, abuf;
};

static struct fake_flow fake_flows[] = {
    {
        .key = "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
               "eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=1,"
               "frag=no)",
        .actions = "2",
        .stats = { .n_packets = 5, .n_bytes = 490 },
    },
    {
        .key = "in_port(2),eth(),eth_type(0x0800),ipv4(dst=10.0.0.1,"
               "proto=6,frag=no),tcp(dst=80)",
        .actions = "set(tunnel(tun_id=0x2a,dst=192.168.0.2,ttl=64,"
                   "tp_dst=4789,flags(df|key))),3,1",
        .has_ufid = true,
        .ufid = { .u32 = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 } },
        .stats = { .n_packets = 2048, .n_bytes = 3000000, .tcp_flags = 0x12 },
    },
};
#define N_FAKE_FLOWS ARRAY_SIZE(fake_flows)

struct fake_port {
    const char *name;
    const char *type;
    uint32_t no;
};

static const struct fake_port fake_ports[] = {
    { "br0", "internal", 0 },
    { "fakep1", "system", 1 },
    { "fakep2", "", 2 },
    { "vxlan_sys_4789", "vxlan", 3 },
};

/* What the last operation asked, and what it should answer. */
static struct {
    enum dpif_op_type type;
    enum dpif_flow_put_flags flags;
    bool has_ufid;
    ovs_u128 ufid;
    struct ds key;              /* Key of the last put or del, as text. */
    struct ds actions;
    int n_ops;
    int n_flushes;
    int n_port_dels;
    int error;                  /* To return from the next operation. */
    const char *error_msg;
} fake;

static struct dpif *
fake_cast(struct dpif *dpif)
{
    return dpif;
}

static int
fake_open(const struct dpif_class *class, const char *name, bool create,
          struct dpif **dpifp, char **errp)
{
    struct dpif *dpif;

    if (strcmp(name, "dp0") && !create) {
        if (errp) {
            *errp = xstrdup("no such fake datapath");
        }
        return ENODEV;
    }
    dpif = xmalloc(sizeof *dpif);
    dpif_init(dpif, class, name);
    *dpifp = dpif;
    return 0;
}

static void
fake_close(struct dpif *dpif)
{
    dpif_uninit(dpif);
    free(dpif);
}

static int
fake_get_stats(struct dpif *dpif OVS_UNUSED, struct dpif_dp_stats *st)
{
    memset(st, 0, sizeof *st);
    st->n_hit = 10;
    st->n_missed = 2;
    st->n_lost = 1;
    st->n_flows = N_FAKE_FLOWS;
    st->n_masks = 3;
    st->n_mask_hit = 24;
    st->n_cache_hit = UINT64_MAX;
    st->cache_size = 256;
    return 0;
}

static void
fill_port(struct dpif_port *port, const struct fake_port *fp)
{
    memset(port, 0, sizeof *port);
    port->name = (char *) fp->name;
    port->type = (char *) fp->type;
    port->port_no = u32_to_odp(fp->no);
    port->has_stats = true;
    port->stats.rx_packets = 7;
    port->stats.rx_bytes = 2048;
}

static int
fake_port_query_by_name(struct dpif *dpif OVS_UNUSED, const char *name,
                        struct dpif_port *port)
{
    for (size_t i = 0; i < ARRAY_SIZE(fake_ports); i++) {
        if (!strcmp(fake_ports[i].name, name)) {
            struct dpif_port tmp;

            fill_port(&tmp, &fake_ports[i]);
            if (port) {
                dpif_port_clone(port, &tmp);
            }
            return 0;
        }
    }
    return ENODEV;
}

static int
fake_port_del(struct dpif *dpif OVS_UNUSED, odp_port_t port_no OVS_UNUSED)
{
    fake.n_port_dels++;
    return 0;
}

static int
fake_port_add(struct dpif *dpif, const char *name, const char *type,
              const struct dpif_port_option options[] OVS_UNUSED,
              size_t n_options OVS_UNUSED, odp_port_t *port_nop)
{
    if (!strcmp(name, "missing")) {
        return ENODEV;
    }
    if (!strcmp(type, "bogus")) {
        dpif_set_error_msg(fake_cast(dpif), "unknown kind of port");
        return EAFNOSUPPORT;
    }
    if (port_nop) {
        *port_nop = u32_to_odp(9);
    }
    return 0;
}

static int
fake_port_dump_start(struct dpif *dpif OVS_UNUSED, void **statep)
{
    *statep = xzalloc(sizeof(size_t));
    return 0;
}

static int
fake_port_dump_next(struct dpif *dpif OVS_UNUSED, void *state_,
                    struct dpif_port *port)
{
    size_t *state = state_;

    if (*state >= ARRAY_SIZE(fake_ports)) {
        return EOF;
    }
    fill_port(port, &fake_ports[(*state)++]);
    return 0;
}

static int
fake_port_dump_done(struct dpif *dpif OVS_UNUSED, void *state)
{
    free(state);
    return 0;
}

static int
fake_flow_flush(struct dpif *dpif OVS_UNUSED)
{
    fake.n_flushes++;
    return 0;
}

struct fake_flow_dump {
    struct dpif_flow_dump up;
    size_t next;
};

static struct dpif_flow_dump *
fake_flow_dump_create(struct dpif *dpif,
                      const struct dpif_flow_dump_options *opts)
{
    struct fake_flow_dump *dump = xzalloc(sizeof *dump);

    dpif_flow_dump_init(&dump->up, dpif, opts);
    return &dump->up;
}

static void
fill_flow(struct dpif_flow *f, const struct fake_flow *ff)
{
    memset(f, 0, sizeof *f);
    f->key = ff->kbuf.data;
    f->key_len = ff->kbuf.used;
    f->mask = ff->mbuf.data;
    f->mask_len = ff->mbuf.used;
    f->actions = ff->abuf.data;
    f->actions_len = ff->abuf.used;
    f->match_error = odp_key_to_match(f->key, f->key_len, f->mask,
                                      f->mask_len, &f->match, NULL);
    f->ufid = ff->ufid;
    f->ufid_present = ff->has_ufid;
    f->stats = ff->stats;
    f->attrs.dp_layer = "ovs";
}

static int
fake_flow_dump_next(struct dpif_flow_dump *dump_, struct dpif_flow *flow)
{
    struct fake_flow_dump *dump = (struct fake_flow_dump *) dump_;

    if (dump->next >= N_FAKE_FLOWS) {
        return EOF;
    }
    fill_flow(flow, &fake_flows[dump->next++]);
    return 0;
}

static int
fake_flow_dump_destroy(struct dpif_flow_dump *dump)
{
    free(dump);
    return 0;
}

static void
fake_operate(struct dpif *dpif OVS_UNUSED, struct dpif_op **ops, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct dpif_op *op = ops[i];
        const ovs_u128 *ufid = NULL;

        fake.n_ops++;
        fake.type = op->type;
        ds_clear(&fake.key);
        ds_clear(&fake.actions);
        if (op->type == DPIF_OP_FLOW_PUT) {
            const struct dpif_flow_put *put = &op->u.flow_put;

            fake.flags = put->flags;
            ufid = put->ufid;
            odp_key_format(&fake.key, put->key, put->key_len, put->mask,
                           put->mask_len, false);
            odp_actions_format(&fake.actions, put->actions,
                               put->actions_len);
            if (put->stats) {
                memset(put->stats, 0, sizeof *put->stats);
                put->stats->n_packets = 3;
            }
        } else if (op->type == DPIF_OP_FLOW_DEL) {
            const struct dpif_flow_del *del = &op->u.flow_del;

            ufid = del->ufid;
            if (del->key) {
                odp_key_format(&fake.key, del->key, del->key_len, NULL, 0,
                               false);
            }
            if (del->stats) {
                memset(del->stats, 0, sizeof *del->stats);
                del->stats->n_bytes = 64;
            }
        } else if (op->type == DPIF_OP_FLOW_GET) {
            const struct dpif_flow_get *get = &op->u.flow_get;

            ufid = get->ufid;
            if (ufid && ovs_u128_equals(*ufid, fake_flows[1].ufid)) {
                fill_flow(get->flow, &fake_flows[1]);
            } else {
                op->error = ENOENT;
            }
        }
        fake.has_ufid = ufid != NULL;
        if (ufid) {
            fake.ufid = *ufid;
        }
        if (fake.error) {
            op->error = fake.error;
            op->error_msg = (fake.error_msg
                             ? xstrdup(fake.error_msg) : NULL);
        }
    }
}

static const struct dpif_class fake_class = {
    .type = "fake",
    .open = fake_open,
    .close = fake_close,
    .get_stats = fake_get_stats,
    .port_add = fake_port_add,
    .port_del = fake_port_del,
    .port_query_by_name = fake_port_query_by_name,
    .port_dump_start = fake_port_dump_start,
    .port_dump_next = fake_port_dump_next,
    .port_dump_done = fake_port_dump_done,
    .flow_flush = fake_flow_flush,
    .flow_dump_create = fake_flow_dump_create,
    .flow_dump_next = fake_flow_dump_next,
    .flow_dump_destroy = fake_flow_dump_destroy,
    .operate = fake_operate,
};

/* Running commands. */

static struct ds out, err;

/* Runs the command in the null-terminated argument list, with options
 * from 'setup' applied to the params first; returns its status. */
static int
run(void (*setup)(struct dpctl_params *), ...)
{
    const char *argv[16];
    struct dpctl_params p;
    int argc = 0;
    va_list args;

    va_start(args, setup);
    while ((argv[argc] = va_arg(args, const char *)) != NULL) {
        argc++;
    }
    va_end(args);

    ds_clear(&out);
    ds_clear(&err);
    dpctl_params_init(&p, &out, &err);
    if (setup) {
        setup(&p);
    }
    return dpctl_run_command(argc, argv, &p);
}

static void opt_s(struct dpctl_params *p) { p->print_statistics = true; }
static void opt_m(struct dpctl_params *p) { p->verbosity = 1; }
static void opt_names(struct dpctl_params *p) { p->names = 1; }
static void opt_ro(struct dpctl_params *p) { p->read_only = true; }
static void opt_create(struct dpctl_params *p) { p->may_create = true; }

static int
setup(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < N_FAKE_FLOWS; i++) {
        struct fake_flow *ff = &fake_flows[i];
        char *msg;

        nl_buf_init(&ff->kbuf, 256);
        nl_buf_init(&ff->mbuf, 256);
        nl_buf_init(&ff->abuf, 256);
        msg = odp_key_parse(ff->key, &ff->kbuf, &ff->mbuf);
        assert_null(msg);
        msg = odp_actions_parse(ff->actions, &ff->abuf);
        assert_null(msg);
    }
    fake_flows[1].stats.used = time_msec() - 1500;
    ds_init(&out);
    ds_init(&err);
    ds_init(&fake.key);
    ds_init(&fake.actions);
    return dpif_register_provider(&fake_class);
}

static int
teardown(void **state OVS_UNUSED)
{
    for (size_t i = 0; i < N_FAKE_FLOWS; i++) {
        nl_buf_uninit(&fake_flows[i].kbuf);
        nl_buf_uninit(&fake_flows[i].mbuf);
        nl_buf_uninit(&fake_flows[i].abuf);
    }
    ds_destroy(&out);
    ds_destroy(&err);
    ds_destroy(&fake.key);
    ds_destroy(&fake.actions);
    return 0;
}

/* Tests. */

static void
test_show(void **state OVS_UNUSED)
{
    assert_int_equal(0, run(NULL, "show", "fake@dp0", NULL));
    assert_string_equal(
        "fake@dp0:\n"
        "  lookups: hit:10 missed:2 lost:1\n"
        "  flows: 2\n"
        "  masks: hit:24 total:3 hit/pkt:2.00\n"
        "  caches:\n"
        "    masks-cache: size:256\n"
        "  port 0: br0 (internal)\n"
        "  port 1: fakep1\n"
        "  port 2: fakep2\n"
        "  port 3: vxlan_sys_4789 (vxlan)\n", ds_cstr(&out));
    assert_string_equal("", ds_cstr(&err));
}

static void
test_show_stats(void **state OVS_UNUSED)
{
    assert_int_equal(0, run(opt_s, "show", "fake@dp0", NULL));
    assert_non_null(strstr(ds_cstr(&out),
        "  port 1: fakep1\n"
        "    RX packets:7 errors:0 dropped:0 overruns:0 frame:0\n"
        "    TX packets:0 errors:0 dropped:0 aborted:0 carrier:0\n"
        "    collisions:0\n"
        "    RX bytes:2048 (2.0 KiB)  TX bytes:0\n"
        "  port 2: fakep2\n"));
}

static void
test_dump_flows(void **state OVS_UNUSED)
{
    char *used;

    fake_flows[1].stats.used = time_msec() - 1500;
    assert_int_equal(0, run(NULL, "dump-flows", "fake@dp0", NULL));
    /* Some milliseconds may pass: keep the first digit after the point. */
    used = strstr(ds_cstr(&out), "used:1.5");
    assert_non_null(used);
    used[8] = used[9] = 'X';
    assert_string_equal(
        "in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),"
        "eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=1,frag=no),"
        " packets:5, bytes:490, used:never, actions:2\n"
        "in_port(2),eth(),eth_type(0x0800),ipv4(dst=10.0.0.1,proto=6,"
        "frag=no),tcp(dst=80), packets:2048, bytes:3000000, used:1.5XXs,"
        " flags:S., actions:set(tunnel(tun_id=0x2a,dst=192.168.0.2,ttl=64,"
        "tp_dst=4789,flags(df|key))),3,1\n", ds_cstr(&out));
}

static void
test_dump_flows_names(void **state OVS_UNUSED)
{
    assert_int_equal(0, run(opt_names, "dump-flows", "fake@dp0", NULL));
    assert_non_null(strstr(ds_cstr(&out),
                           "\nin_port(fakep2),eth(),eth_type(0x0800)"));
    /* Outputs get names; numbers inside set(...) do not. */
    assert_non_null(strstr(ds_cstr(&out),
                           "flags(df|key))),vxlan_sys_4789,fakep1\n"));
    assert_non_null(strstr(ds_cstr(&out), "used:never, actions:fakep2\n"));
}

static void
test_dump_flows_more(void **state OVS_UNUSED)
{
    const char *s;

    assert_int_equal(0, run(opt_m, "dump-flows", "fake@dp0", NULL));
    s = ds_cstr(&out);
    /* The first flow has no UFID; the second one has. */
    assert_false(str_starts_with(s, "ufid:"));
    assert_true(strstr(s, "in_port(fakep1)") < strchr(s, '\n'));
    assert_non_null(strstr(s,
                           "\nufid:11223344-5566-7788-99aa-bbccddeeff00, "));
    assert_non_null(strstr(s, ", dp:ovs, actions:fakep2\n"));
    assert_non_null(strstr(s, "eth(src=00:00:00:00:00:00/00:00:00:00:00:00,"));
}

static void
test_dump_flows_filter(void **state OVS_UNUSED)
{
    assert_int_equal(0, run(NULL, "dump-flows", "fake@dp0",
                            "filter=in_port(2),eth(),eth_type(0x0800)",
                            NULL));
    assert_true(str_starts_with(ds_cstr(&out), "in_port(2),"));
    /* Only that one flow. */
    assert_string_equal("", strchr(ds_cstr(&out), '\n') + 1);

    assert_int_equal(EINVAL, run(NULL, "dump-flows", "fake@dp0",
                                 "filter=nonsense((", NULL));
    assert_true(str_starts_with(ds_cstr(&err),
                                "test-dpctl: failed to parse filter ("));
}

static void
test_get_flow(void **state OVS_UNUSED)
{
    assert_int_equal(0, run(NULL, "get-flow", "fake@dp0",
                            "ufid:11223344-5566-7788-99aa-bbccddeeff00",
                            NULL));
    assert_true(str_starts_with(ds_cstr(&out), "in_port(2),eth(),"));
    assert_int_equal(DPIF_OP_FLOW_GET, fake.type);

    /* Without dashes, and unknown. */
    assert_int_equal(ENOENT, run(NULL, "get-flow", "fake@dp0",
                                 "ufid:00000000000000000000000000000001",
                                 NULL));
    assert_string_equal("test-dpctl: getting flow (No such file or "
                        "directory)\n", ds_cstr(&err));

    assert_int_equal(EINVAL, run(NULL, "get-flow", "fake@dp0", "ufid:12",
                                 NULL));
    assert_string_equal("test-dpctl: failed to parse ufid\n",
                        ds_cstr(&err));
}

static void
test_add_flow(void **state OVS_UNUSED)
{
    static const char *key = "in_port(1),eth(),eth_type(0x0806),"
                             "arp(tip=10.0.0.2)";

    assert_int_equal(0, run(opt_s, "add-flow", "fake@dp0", key, "2,3",
                            NULL));
    assert_int_equal(DPIF_OP_FLOW_PUT, fake.type);
    assert_int_equal(DPIF_FP_CREATE, fake.flags);
    assert_false(fake.has_ufid);
    assert_string_equal(key, ds_cstr(&fake.key));
    assert_string_equal("2,3", ds_cstr(&fake.actions));
    assert_string_equal("packets:3, bytes:0, used:never\n", ds_cstr(&out));

    assert_int_equal(0, run(NULL, "add-flow", "fake@dp0",
                            "ufid:0a0b0c0d-0000-0000-0000-000000000001,"
                            "in_port(1),eth()", "drop", NULL));
    assert_true(fake.has_ufid);
    assert_int_equal(0x0a0b0c0d, fake.ufid.u32[0]);
    assert_int_equal(1, fake.ufid.u32[3]);
    assert_string_equal("drop", ds_cstr(&fake.actions));

    /* A port name in in_port(). */
    assert_int_equal(0, run(NULL, "add-flow", "fake@dp0",
                            "in_port(fakep2),eth(),eth_type(0x0806),"
                            "arp(tip=10.0.0.2)", "1", NULL));
    assert_string_equal("in_port(2),eth(),eth_type(0x0806),"
                        "arp(tip=10.0.0.2)", ds_cstr(&fake.key));
    assert_int_equal(EINVAL, run(NULL, "add-flow", "fake@dp0",
                                 "in_port(nosuch),eth()", "1", NULL));
    assert_string_equal("test-dpctl: parsing flow key (in_port(nosuch): no "
                        "such port)\n", ds_cstr(&err));

    assert_int_equal(EINVAL, run(NULL, "add-flow", "fake@dp0", "bogus(1)",
                                 "2", NULL));
    assert_true(str_starts_with(ds_cstr(&err),
                                "test-dpctl: parsing flow key ("));
    assert_int_equal(EINVAL, run(NULL, "add-flow", "fake@dp0", key,
                                 "frobnicate", NULL));
    assert_true(str_starts_with(ds_cstr(&err),
                                "test-dpctl: parsing actions ("));
}

static void
test_add_flow_kernel_error(void **state OVS_UNUSED)
{
    fake.error = EINVAL;
    fake.error_msg = "Flow key attribute not present in new flow.";
    assert_int_equal(EINVAL, run(NULL, "add-flow", "fake@dp0",
                                 "in_port(1),eth()", "2", NULL));
    assert_string_equal("test-dpctl: updating flow table (Invalid argument)"
                        " (kernel: Flow key attribute not present in new "
                        "flow.)\n", ds_cstr(&err));
    fake.error_msg = NULL;
    fake.error = EEXIST;
    assert_int_equal(EEXIST, run(NULL, "add-flow", "fake@dp0",
                                 "in_port(1),eth()", "2", NULL));
    assert_string_equal("test-dpctl: updating flow table (File exists)\n",
                        ds_cstr(&err));
    fake.error = 0;
}

static void
test_mod_del_flow(void **state OVS_UNUSED)
{
    assert_int_equal(0, run(opt_create, "mod-flow", "fake@dp0",
                            "in_port(1),eth()", "2", NULL));
    assert_int_equal(DPIF_FP_MODIFY | DPIF_FP_CREATE, fake.flags);

    assert_int_equal(0, run(opt_s, "del-flow", "fake@dp0",
                            "in_port(3),eth(),eth_type(0x0800)", NULL));
    assert_int_equal(DPIF_OP_FLOW_DEL, fake.type);
    assert_false(fake.has_ufid);
    /* A key without a mask: exact, as the kernel takes it. */
    assert_string_equal("in_port(3),eth(src=00:00:00:00:00:00,"
                        "dst=00:00:00:00:00:00),eth_type(0x0800)",
                        ds_cstr(&fake.key));
    assert_string_equal("packets:0, bytes:64, used:never\n", ds_cstr(&out));

    assert_int_equal(0, run(NULL, "del-flow", "fake@dp0",
                            "ufid:11223344-5566-7788-99aa-bbccddeeff00",
                            NULL));
    assert_true(fake.has_ufid);
    assert_true(ovs_u128_equals(fake.ufid, fake_flows[1].ufid));

    fake.error = ENOENT;
    assert_int_equal(ENOENT, run(NULL, "del-flow", "fake@dp0",
                                 "in_port(3),eth()", NULL));
    assert_string_equal("test-dpctl: deleting flow (No such file or "
                        "directory)\n", ds_cstr(&err));
    assert_string_equal("Perhaps you need to specify a UFID?\n",
                        ds_cstr(&out));
    fake.error = 0;

    int flushes = fake.n_flushes;
    assert_int_equal(0, run(NULL, "del-flows", "fake@dp0", NULL));
    assert_int_equal(flushes + 1, fake.n_flushes);
}

static void
test_ports(void **state OVS_UNUSED)
{
    assert_int_equal(ENODEV, run(NULL, "add-if", "fake@dp0", "missing",
                                 NULL));
    assert_string_equal("test-dpctl: missing: failed to open network "
                        "device (No such device)\n", ds_cstr(&err));
    assert_int_equal(EAFNOSUPPORT, run(NULL, "add-if", "fake@dp0",
                                       "x,type=bogus", NULL));
    assert_string_equal("test-dpctl: adding x to fake@dp0 failed (Address "
                        "family not supported by protocol) (kernel: "
                        "unknown kind of port)\n", ds_cstr(&err));
    assert_int_equal(0, run(NULL, "add-if", "fake@dp0",
                            "vx,type=vxlan,dst_port=4790", NULL));

    int dels = fake.n_port_dels;
    assert_int_equal(0, run(NULL, "del-if", "fake@dp0", "fakep1", NULL));
    assert_int_equal(dels + 1, fake.n_port_dels);
    assert_int_equal(ENODEV, run(NULL, "del-if", "fake@dp0", "nosuch",
                                 NULL));
    assert_string_equal("test-dpctl: no port named nosuch\n",
                        ds_cstr(&err));

    assert_int_equal(EINVAL, run(NULL, "set-if", "fake@dp0",
                                 "fakep1,type=internal", NULL));
    assert_string_equal("test-dpctl: fakep1: can't change type from system "
                        "to internal\n", ds_cstr(&err));
    assert_int_equal(0, run(NULL, "set-if", "fake@dp0", "fakep1", NULL));
}

static void
test_command_errors(void **state OVS_UNUSED)
{
    assert_int_equal(EINVAL, run(NULL, "frob", NULL));
    assert_string_equal("test-dpctl: unknown command 'frob'; use --help for "
                        "help\n", ds_cstr(&err));
    assert_int_equal(EINVAL, run(NULL, "add-dp", NULL));
    assert_string_equal("test-dpctl: 'add-dp' command requires at least 1 "
                        "arguments\n", ds_cstr(&err));
    assert_int_equal(EINVAL, run(NULL, "del-dp", "a", "b", NULL));
    assert_string_equal("test-dpctl: 'del-dp' command takes at most 1 "
                        "arguments\n", ds_cstr(&err));
    assert_int_equal(EPERM, run(opt_ro, "del-flows", "fake@dp0", NULL));
    assert_string_equal("test-dpctl: 'del-flows' command does not work in "
                        "read only mode\n", ds_cstr(&err));
    assert_int_equal(ENODEV, run(NULL, "show", "fake@nosuch", NULL));
    assert_string_equal("test-dpctl: opening datapath nosuch failed (No "
                        "such device) (kernel: no such fake datapath)\n",
                        ds_cstr(&err));
}

/* The daemon's way: datapaths come from a callback. */
static int
open_cb(const char *name, struct dpif **dpifp, bool *owned, char **errp,
        void *aux)
{
    int *calls = aux;

    (*calls)++;
    *owned = true;
    return dpif_open("fake", name ? name : "dp0", dpifp, errp);
}

static void
test_callback(void **state OVS_UNUSED)
{
    struct dpctl_params p;
    const char *argv[] = { "dump-flows" };
    int calls = 0;

    ds_clear(&out);
    ds_clear(&err);
    dpctl_params_init(&p, &out, &err);
    p.open_dpif = open_cb;
    p.aux = &calls;
    p.is_appctl = true;
    assert_int_equal(0, dpctl_run_command(1, argv, &p));
    assert_int_equal(1, calls);
    assert_true(str_starts_with(ds_cstr(&out), "in_port(1),"));

    dpctl_unixctl_register(open_cb, &calls);
    char *msg = unixctl_check_request("dpctl/show", 0);
    assert_null(msg);
    msg = unixctl_check_request("dpctl/add-flow", 1);
    assert_non_null(msg);
    free(msg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_show),
        cmocka_unit_test(test_show_stats),
        cmocka_unit_test(test_dump_flows),
        cmocka_unit_test(test_dump_flows_names),
        cmocka_unit_test(test_dump_flows_more),
        cmocka_unit_test(test_dump_flows_filter),
        cmocka_unit_test(test_get_flow),
        cmocka_unit_test(test_add_flow),
        cmocka_unit_test(test_add_flow_kernel_error),
        cmocka_unit_test(test_mod_del_flow),
        cmocka_unit_test(test_ports),
        cmocka_unit_test(test_command_errors),
        cmocka_unit_test(test_callback),
    };

    set_program_name("test-dpctl");
    return cmocka_run_group_tests(tests, setup, teardown);
}
