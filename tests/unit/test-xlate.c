/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ofproto/xlate*.c: translation of packets through bridges
 * built here by hand (struct ofproto, ofport and rule, with rules parsed
 * from the ovs-ofctl flow syntax into real classifiers), checking the
 * datapath actions in dpctl text form, the megaflow mask, packet-ins and
 * the trace.  The few ofproto_* functions translation calls are fakes
 * defined below, over these hand-made bridges.
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

#include "classifier.h"
#include "dynamic-string.h"
#include "hash.h"
#include "mac-learning.h"
#include "match.h"
#include "netlink.h"
#include "odp-format.h"
#include "ofp-flow.h"
#include "ofp-parse.h"
#include "ofproto.h"
#include "util.h"
#include "xlate-private.h"
#include "xlate.h"

/* Fake bridges. */

#define MAX_BRIDGES 2
static struct ofproto *bridges[MAX_BRIDGES];
static size_t n_bridges;
static int n_revalidate;
static struct rule **all_rules;
static size_t n_rules, allocated_rules;

static struct ofproto *
bridge_create(const char *name)
{
    struct ofproto *p = xzalloc(sizeof *p);
    int i;

    p->name = xstrdup(name);
    p->type = xstrdup("system");
    hmap_init(&p->ports);
    for (i = 0; i < OFPROTO_N_TABLES; i++) {
        classifier_init(&p->tables[i]);
    }
    p->ml = mac_learning_create(300);
    bridges[n_bridges++] = p;
    return p;
}

static struct ofport *
port_add(struct ofproto *p, ofp_port_t ofp_port, const char *name,
         odp_port_t odp_port)
{
    struct ofport *port = xzalloc(sizeof *port);

    port->ofproto = p;
    port->ofp_port = ofp_port;
    port->odp_port = odp_port;
    port->name = xstrdup(name);
    port->type = xstrdup("system");
    port->vlan_mode = OFPORT_VLAN_TRUNK;
    port->tag = -1;
    hmap_insert(&p->ports, &port->hmap_node, hash_int(ofp_port, 0));
    return port;
}

static struct ofport *
tunnel_add(struct ofproto *p, ofp_port_t ofp_port, const char *name,
           odp_port_t odp_port, const char *remote, const char *local,
           uint64_t key)
{
    struct ofport *port = port_add(p, ofp_port, name, odp_port);
    struct ofport_tunnel *t = &port->tunnel;

    free(port->type);
    port->type = xstrdup("vxlan");
    port->is_tunnel = true;
    if (!strcmp(remote, "flow")) {
        t->remote_ip_flow = true;
    } else {
        t->remote_ip = inet_addr(remote);
    }
    if (local) {
        t->local_ip = inet_addr(local);
    }
    t->in_key = t->out_key = htonll(key);
    t->in_key_present = t->out_key_present = true;
    t->dst_port = 4789;
    t->ttl = 64;
    t->dont_fragment = true;
    return port;
}

static struct rule *
rule_add(struct ofproto *p, const char *s)
{
    struct rule *rule = xzalloc(sizeof *rule);
    struct ofp_flow_mod fm;
    char *error;
    uint8_t table;

    error = ofp_parse_flow_mod(s, OFPFC_ADD, NULL, &fm);
    if (error) {
        fail_msg("%s: %s", s, error);
    }
    table = fm.table_id == 0xff ? 0 : fm.table_id;
    cls_rule_init(&rule->cr, &fm.match, fm.priority);
    rule->ofproto = p;
    rule->table_id = table;
    rule->cookie = fm.new_cookie == UINT64_MAX ? 0 : fm.new_cookie;
    rule->ofpacts = fm.ofpacts;
    memset(&fm.ofpacts, 0, sizeof fm.ofpacts);
    ofp_flow_mod_uninit(&fm);
    classifier_insert(&p->tables[table], &rule->cr, 0);
    if (n_rules >= allocated_rules) {
        allocated_rules = allocated_rules ? 2 * allocated_rules : 64;
        all_rules = xrealloc(all_rules, allocated_rules * sizeof *all_rules);
    }
    all_rules[n_rules++] = rule;
    return rule;
}

static void
bridge_destroy(struct ofproto *p)
{
    struct ofport *port, *next;
    int i;

    for (i = 0; i < OFPROTO_N_TABLES; i++) {
        classifier_destroy(&p->tables[i]);
    }
    HMAP_FOR_EACH_SAFE (port, next, hmap_node, &p->ports) {
        hmap_remove(&p->ports, &port->hmap_node);
        free(port->name);
        free(port->type);
        free(port->peer);
        free(port->trunks);
        free(port);
    }
    hmap_destroy(&p->ports);
    mac_learning_destroy(p->ml);
    free(p->name);
    free(p->type);
    free(p);
}

struct ofproto *
ofproto_lookup(const char *name)
{
    size_t i;

    for (i = 0; i < n_bridges; i++) {
        if (!strcmp(bridges[i]->name, name)) {
            return bridges[i];
        }
    }
    return NULL;
}

struct ofproto *
ofproto_first(void)
{
    return n_bridges ? bridges[0] : NULL;
}

struct ofproto *
ofproto_next(const struct ofproto *p)
{
    size_t i;

    for (i = 0; i + 1 < n_bridges; i++) {
        if (bridges[i] == p) {
            return bridges[i + 1];
        }
    }
    return NULL;
}

struct ofport *
ofproto_get_port(const struct ofproto *p, ofp_port_t ofp_port)
{
    struct ofport *port;

    HMAP_FOR_EACH_WITH_HASH (port, hmap_node, hash_int(ofp_port, 0),
                             &p->ports) {
        if (port->ofp_port == ofp_port) {
            return port;
        }
    }
    return NULL;
}

struct ofport *
ofproto_get_port_by_name(const struct ofproto *p, const char *name)
{
    struct ofport *port;

    HMAP_FOR_EACH (port, hmap_node, &p->ports) {
        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

/* The fake's ports in number order: a selection sort, as a test needs no
 * more (and must not share the real one's code path). */
struct ofport **
ofproto_sorted_ports(const struct ofproto *p, size_t *n)
{
    struct ofport **ports = xmalloc((hmap_count(&p->ports) + 1)
                                    * sizeof *ports);
    struct ofport *port;
    size_t i, j;

    *n = 0;
    HMAP_FOR_EACH (port, hmap_node, &p->ports) {
        ports[(*n)++] = port;
    }
    for (i = 0; i < *n; i++) {
        for (j = i + 1; j < *n; j++) {
            if (ports[j]->ofp_port < ports[i]->ofp_port) {
                struct ofport *tmp = ports[i];

                ports[i] = ports[j];
                ports[j] = tmp;
            }
        }
    }
    return ports;
}

bool
ofproto_port_from_odp(odp_port_t odp_port, const struct flow_tnl *tnl,
                      struct ofproto **ofprotop, ofp_port_t *ofp_portp)
{
    struct ofport *best = NULL;
    size_t i;

    for (i = 0; i < n_bridges; i++) {
        struct ofport *port;

        HMAP_FOR_EACH (port, hmap_node, &bridges[i]->ports) {
            if (port->odp_port != odp_port) {
                continue;
            }
            if (!port->is_tunnel) {
                best = port;
            } else if (tnl
                       && (port->tunnel.remote_ip_flow
                           || port->tunnel.remote_ip == tnl->ip_src)
                       && (port->tunnel.in_key_flow
                           || port->tunnel.in_key == tnl->tun_id)) {
                if (!best || !port->tunnel.remote_ip_flow) {
                    best = port;
                }
            }
        }
    }
    if (best) {
        *ofprotop = best->ofproto;
        *ofp_portp = best->ofp_port;
    }
    return best != NULL;
}

struct rule *
ofproto_rule_lookup(struct ofproto *p, uint8_t table_id,
                    const struct flow *flow, struct flow_wildcards *wc)
{
    const struct cls_rule *cr = classifier_lookup(&p->tables[table_id],
                                                  p->tables_version, flow,
                                                  wc);

    p->table_lookups[table_id]++;
    if (cr) {
        p->table_matches[table_id]++;
    }
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

void
ofproto_rule_credit(struct rule *rule, uint64_t packets, uint64_t bytes,
                    long long used)
{
    rule->packet_count += packets;
    rule->byte_count += bytes;
    rule->used = used;
}

void
ofproto_need_revalidate(void)
{
    n_revalidate++;
}

/* Test fixture: br0 with p1..p3 (odp 11..13) and LOCAL (odp 10). */

static struct ofproto *br0;
static struct ofport *p1, *p2, *p3, *local;

static int
setup(void **state OVS_UNUSED)
{
    n_bridges = 0;
    br0 = bridge_create("br0");
    local = port_add(br0, OFPP_LOCAL, "br0", 10);
    p1 = port_add(br0, 1, "p1", 11);
    p2 = port_add(br0, 2, "p2", 12);
    p3 = port_add(br0, 3, "p3", 13);
    return 0;
}

static int
teardown(void **state OVS_UNUSED)
{
    size_t i;

    for (i = 0; i < n_rules; i++) {
        struct rule *rule = all_rules[i];

        classifier_remove(&rule->ofproto->tables[rule->table_id], &rule->cr);
        cls_rule_destroy(&rule->cr);
        ofpacts_uninit(&rule->ofpacts);
        free(rule);
    }
    n_rules = 0;
    for (i = 0; i < n_bridges; i++) {
        bridge_destroy(bridges[i]);
    }
    n_bridges = 0;
    return 0;
}

#define PKT_IP "eth(src=50:54:00:00:00:01,dst=50:54:00:00:00:02)," \
    "eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0," \
    "ttl=64,frag=no),tcp(src=1000,dst=80)"

/* Translates the datapath flow 's' and returns its datapath actions as
 * text (static buffer).  'xout' receives the translation if nonnull (the
 * caller uninits it). */
static const char *
xlate_s(const char *s, bool may_learn, struct xlate_out *xoutp, int *errorp)
{
    static char result[1024];
    struct xlate_out xout_, *xout = xoutp ? xoutp : &xout_;
    struct xlate_in xin;
    struct match match;
    struct ds d = DS_EMPTY_INITIALIZER;
    char *error;
    int retval;

    error = odp_match_parse(s, &match);
    if (error) {
        fail_msg("%s: %s", s, error);
    }
    memset(&xin, 0, sizeof xin);
    xin.flow = match.flow;
    xin.may_learn = may_learn;
    xin.upcall_pid = 77;
    xlate_out_init(xout);
    retval = xlate_actions(&xin, xout);
    if (errorp) {
        *errorp = retval;
    } else {
        assert_int_equal(retval, 0);
    }
    odp_actions_format(&d, xout->odp_actions.data, xout->odp_actions.used);
    ovs_strlcpy(result, ds_cstr(&d), sizeof result);
    ds_destroy(&d);
    if (!xoutp) {
        xlate_out_uninit(xout);
    }
    return result;
}

static const char *
xl(const char *s)
{
    return xlate_s(s, false, NULL, NULL);
}

static const char *
actions_text(const struct nl_buf *b)
{
    static char result[1024];
    struct ds d = DS_EMPTY_INITIALIZER;

    odp_actions_format(&d, b->data, b->used);
    ovs_strlcpy(result, ds_cstr(&d), sizeof result);
    ds_destroy(&d);
    return result;
}

/* Output actions. */

static void
test_output(void **state OVS_UNUSED)
{
    rule_add(br0, "in_port=1,actions=output:2");
    rule_add(br0, "in_port=2,actions=output:2");
    rule_add(br0, "in_port=3,actions=in_port");
    rule_add(br0, "in_port=LOCAL,actions=output:3,output:1,output:9");
    assert_string_equal(xl("in_port(11)," PKT_IP), "12");
    /* Output to the input port is skipped. */
    assert_string_equal(xl("in_port(12)," PKT_IP), "drop");
    assert_string_equal(xl("in_port(13)," PKT_IP), "13");
    /* No port 9: nothing. */
    assert_string_equal(xl("in_port(10)," PKT_IP), "13,11");
}

static void
test_flood_all_local(void **state OVS_UNUSED)
{
    p3->pp.config |= OFPPC_NO_FLOOD;
    rule_add(br0, "in_port=1,actions=flood");
    rule_add(br0, "in_port=2,actions=all");
    rule_add(br0, "in_port=3,actions=local");
    assert_string_equal(xl("in_port(11)," PKT_IP), "12,10");
    assert_string_equal(xl("in_port(12)," PKT_IP), "11,13,10");
    assert_string_equal(xl("in_port(13)," PKT_IP), "10");
}

static void
test_drop_miss(void **state OVS_UNUSED)
{
    rule_add(br0, "in_port=1,actions=drop");
    assert_string_equal(xl("in_port(11)," PKT_IP), "drop");
    /* Table miss. */
    assert_string_equal(xl("in_port(12)," PKT_IP), "drop");
    /* Unknown datapath port. */
    {
        int error;

        assert_string_equal(xlate_s("in_port(99)," PKT_IP, false, NULL,
                                    &error), "drop");
        assert_int_equal(error, ENODEV);
    }
}

static void
test_controller(void **state OVS_UNUSED)
{
    static const uint8_t packet[100] = { 0x50, 0x54 };
    struct xlate_out xout;
    struct xlate_in xin;
    struct match match;
    struct xlate_packet_in *pin;
    struct rule *r;
    char *error;

    r = rule_add(br0, "in_port=1,cookie=0x99,"
                 "actions=output:2,controller:64");
    error = odp_match_parse("in_port(11)," PKT_IP, &match);
    assert_null(error);

    /* Without a packet: slow, no packet-in. */
    memset(&xin, 0, sizeof xin);
    xin.flow = match.flow;
    xin.upcall_pid = 1234;
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    assert_true(xout.slow);
    assert_string_equal(actions_text(&xout.odp_actions),
                        "userspace(pid=1234,userdata("
                        "6f7673746300534c))");
    assert_string_equal(actions_text(&xout.exec_actions), "12");
    assert_true(ovs_list_is_empty(&xout.packet_ins));
    {
        ovs_be64 cookie = htonll(XLATE_SLOW_PATH_COOKIE);

        assert_true(xlate_userdata_is_slow_path(&cookie, sizeof cookie));
        assert_false(xlate_userdata_is_slow_path(&cookie, 4));
    }
    xlate_out_uninit(&xout);

    /* With a packet: one packet-in, truncated to 64 bytes. */
    xin.packet = packet;
    xin.packet_len = sizeof packet;
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    assert_int_equal(ovs_list_size(&xout.packet_ins), 1);
    pin = CONTAINER_OF(ovs_list_front(&xout.packet_ins),
                       struct xlate_packet_in, list_node);
    assert_ptr_equal(pin->ofproto, br0);
    assert_int_equal(pin->pin.reason, OFPR_ACTION);
    assert_int_equal(pin->pin.in_port, 1);
    assert_int_equal(pin->pin.table_id, 0);
    assert_int_equal(pin->pin.cookie, 0x99);
    assert_int_equal(pin->pin.total_len, 100);
    assert_int_equal(pin->pin.packet_len, 64);
    assert_memory_equal(pin->pin.packet, packet, 64);
    assert_int_equal(pin->pin.buffer_id, UINT32_MAX);
    xlate_out_uninit(&xout);
    (void) r;
}

/* Builds an Ethernet/IPv4/TCP packet with valid checksums into 'b'
 * (58 bytes). */
static size_t
build_tcp_packet(uint8_t *b)
{
    static const uint8_t eth[14] = {
        0x50, 0x54, 0, 0, 0, 2, 0x50, 0x54, 0, 0, 0, 1, 0x08, 0x00,
    };
    struct ip_header ip;
    uint8_t *tcp = b + 14 + 20;
    ovs_be16 c;

    memcpy(b, eth, sizeof eth);
    memset(&ip, 0, sizeof ip);
    ip.ip_ihl_ver = 0x45;
    ip.ip_tot_len = htons(20 + 24);
    ip.ip_ttl = 64;
    ip.ip_proto = IPPROTO_TCP;
    ip.ip_src = htonl(0x0a000001);
    ip.ip_dst = htonl(0x0a000002);
    memcpy(b + 14, &ip, sizeof ip);
    ip.ip_csum = csum(b + 14, 20);
    memcpy(b + 14, &ip, sizeof ip);
    memset(tcp, 0, 24);
    tcp[0] = 1000 >> 8;
    tcp[1] = 1000 & 0xff;
    tcp[3] = 80;
    tcp[12] = 5 << 4;
    tcp[13] = 0x02;
    memcpy(tcp + 20, "data", 4);
    c = csum_finish(csum_continue(packet_csum_pseudoheader(&ip), tcp, 24));
    memcpy(tcp + 16, &c, 2);
    return 14 + 20 + 24;
}

/* The packet-in carries the packet as rewritten so far, checksums
 * fixed. */
static void
test_controller_rewrite(void **state OVS_UNUSED)
{
    uint8_t packet[128];
    size_t len = build_tcp_packet(packet);
    struct xlate_packet_in *pin;
    struct xlate_out xout;
    struct xlate_in xin;
    struct ip_header ip;
    struct flow f;
    const uint8_t *p;

    rule_add(br0, "in_port=1,actions=mod_dl_src:00:00:00:00:00:0a,"
             "mod_nw_src:1.1.1.1,mod_tp_dst:99,mod_vlan_vid:5,dec_ttl,"
             "controller");
    memset(&xin, 0, sizeof xin);
    flow_extract(packet, len, &xin.flow);
    xin.flow.in_port.odp_port = 11;
    xin.packet = packet;
    xin.packet_len = len;
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    assert_int_equal(ovs_list_size(&xout.packet_ins), 1);
    pin = CONTAINER_OF(ovs_list_front(&xout.packet_ins),
                       struct xlate_packet_in, list_node);
    assert_int_equal(pin->pin.packet_len, len + 4);
    assert_int_equal(pin->pin.total_len, len + 4);
    p = pin->pin.packet;

    memset(&f, 0, sizeof f);
    flow_extract(p, pin->pin.packet_len, &f);
    assert_true(eth_addr_equals(f.dl_src, ETH_ADDR_C(00, 00, 00, 00, 00,
                                                     0a)));
    assert_int_equal(ntohs(f.vlans[0].tci) & 0xfff, 5);
    assert_int_equal(f.nw_src, htonl(0x01010101));
    assert_int_equal(f.nw_dst, htonl(0x0a000002));
    assert_int_equal(f.nw_ttl, 63);
    assert_int_equal(ntohs(f.tp_dst), 99);
    assert_int_equal(ntohs(f.tp_src), 1000);
    /* Checksums still verify. */
    memcpy(&ip, p + 18, sizeof ip);
    assert_int_equal(csum(p + 18, 20), 0);
    assert_int_equal(csum_finish(csum_continue(packet_csum_pseudoheader(&ip),
                                               p + 38, 24)), 0);
    xlate_out_uninit(&xout);
}

/* VLAN actions. */

#define PKT_V(VID) "eth(src=50:54:00:00:00:01,dst=50:54:00:00:00:02)," \
    "eth_type(0x8100),vlan(vid=" #VID ",pcp=3),encap(eth_type(0x0800)," \
    "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no)," \
    "tcp(src=1000,dst=80))"

static void
test_vlan_actions(void **state OVS_UNUSED)
{
    rule_add(br0, "in_port=1,actions=mod_vlan_vid:5,output:2");
    rule_add(br0, "in_port=2,actions=strip_vlan,output:1");
    rule_add(br0, "in_port=3,actions=mod_vlan_pcp:6,output:1");
    rule_add(br0, "in_port=LOCAL,actions=push_vlan:0x8100,"
             "set_field:4196->vlan_vid,output:1");
    assert_string_equal(xl("in_port(11)," PKT_IP),
                        "push_vlan(vid=5,pcp=0),12");
    assert_string_equal(xl("in_port(11)," PKT_V(7)),
                        "pop_vlan,push_vlan(vid=5,pcp=3),12");
    assert_string_equal(xl("in_port(12)," PKT_V(7)), "pop_vlan,11");
    assert_string_equal(xl("in_port(12)," PKT_IP), "11");
    assert_string_equal(xl("in_port(13)," PKT_V(7)),
                        "pop_vlan,push_vlan(vid=7,pcp=6),11");
    assert_string_equal(xl("in_port(10)," PKT_IP),
                        "push_vlan(vid=100,pcp=0),11");
}

/* Header rewrites, committed lazily. */

static void
test_rewrites(void **state OVS_UNUSED)
{
    rule_add(br0, "in_port=1,actions=mod_dl_src:00:00:00:00:00:0a,"
             "mod_dl_dst:00:00:00:00:00:0b,output:2");
    rule_add(br0, "in_port=2,actions=output:1,mod_nw_src:1.1.1.1,"
             "mod_nw_dst:2.2.2.2");
    rule_add(br0, "in_port=3,actions=mod_nw_src:1.1.1.1,mod_nw_tos:8,"
             "mod_nw_ttl:9,output:1,mod_tp_src:5,mod_tp_dst:6,output:2");
    rule_add(br0, "in_port=LOCAL,actions=mod_dl_src:50:54:00:00:00:01,"
             "output:1");
    assert_string_equal(xl("in_port(11)," PKT_IP),
                        "set(eth(src=00:00:00:00:00:0a,"
                        "dst=00:00:00:00:00:0b)),12");
    /* A rewrite after the last output is never emitted. */
    assert_string_equal(xl("in_port(12)," PKT_IP), "11");
    assert_string_equal(xl("in_port(13)," PKT_IP),
                        "set(ipv4(src=1.1.1.1,tos=0x8/0xfc,ttl=9)),11,"
                        "set(tcp(src=5,dst=6)),12");
    /* Setting a field to the value it has emits nothing. */
    assert_string_equal(xl("in_port(10)," PKT_IP), "11");
    /* L3 rewrites don't apply to ARP. */
    assert_string_equal(xl("in_port(12),eth(src=50:54:00:00:00:01,"
                           "dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
                           "arp(sip=10.0.0.1,tip=10.0.0.2,op=1,"
                           "sha=50:54:00:00:00:01,tha=00:00:00:00:00:00)"),
                        "11");
}

static void
test_dec_ttl(void **state OVS_UNUSED)
{
    static const uint8_t packet[60];
    struct xlate_out xout;
    struct xlate_in xin;
    struct match match;
    struct xlate_packet_in *pin;

    rule_add(br0, "in_port=1,actions=dec_ttl,output:2");
    assert_string_equal(xl("in_port(11)," PKT_IP),
                        "set(ipv4(ttl=63)),12");

    /* TTL 1: packet-in with reason invalid_ttl, nothing else. */
    assert_null(odp_match_parse("in_port(11),eth(src=50:54:00:00:00:01,"
                                "dst=50:54:00:00:00:02),eth_type(0x0800),"
                                "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,"
                                "tos=0,ttl=1,frag=no),tcp(src=1,dst=2)",
                                &match));
    memset(&xin, 0, sizeof xin);
    xin.flow = match.flow;
    xin.packet = packet;
    xin.packet_len = sizeof packet;
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    assert_true(xout.slow);
    assert_string_equal(actions_text(&xout.exec_actions), "drop");
    assert_int_equal(ovs_list_size(&xout.packet_ins), 1);
    pin = CONTAINER_OF(ovs_list_front(&xout.packet_ins),
                       struct xlate_packet_in, list_node);
    assert_int_equal(pin->pin.reason, OFPR_INVALID_TTL);
    assert_int_equal(pin->pin.packet_len, sizeof packet);
    assert_int_equal(xout.wc.masks.nw_ttl, 0xff);
    xlate_out_uninit(&xout);
}

/* Registers, metadata, set_field, load, move. */

static void
test_registers(void **state OVS_UNUSED)
{
    struct xlate_out xout;
    int i;

    rule_add(br0, "in_port=1,actions=load:0x5->NXM_NX_REG0[],"
             "set_field:0x3->reg1,resubmit(,1)");
    rule_add(br0, "table=1,reg0=5,reg1=3,actions=move:NXM_OF_ETH_SRC[]->"
             "NXM_OF_ETH_DST[],output:2");
    rule_add(br0, "table=1,priority=0,actions=output:3");
    rule_add(br0, "in_port=2,actions=write_metadata:0x50/0xf0,goto_table:2");
    rule_add(br0, "table=2,metadata=0x50/0xff,actions=note:01.02,output:1");
    rule_add(br0, "in_port=3,actions=move:NXM_OF_IP_SRC[0..7]->"
             "NXM_NX_REG2[8..15],resubmit(,3)");
    rule_add(br0, "table=3,reg2=0x100/0xff00,actions=output:1");

    assert_string_equal(xlate_s("in_port(11)," PKT_IP, false, &xout, NULL),
                        "set(eth(src=50:54:00:00:00:01,"
                        "dst=50:54:00:00:00:01)),12");
    /* Registers and metadata never reach the megaflow. */
    for (i = 0; i < FLOW_N_REGS; i++) {
        assert_int_equal(xout.wc.masks.regs[i], 0);
    }
    assert_int_equal(xout.wc.masks.metadata, 0);
    xlate_out_uninit(&xout);

    assert_string_equal(xl("in_port(12)," PKT_IP), "11");
    /* 10.0.0.1: low byte 1 moves into reg2 bits 8..15. */
    assert_string_equal(xlate_s("in_port(13)," PKT_IP, false, &xout, NULL),
                        "11");
    assert_int_equal(ntohl(xout.wc.masks.nw_src) & 0xff, 0xff);
    xlate_out_uninit(&xout);
}

/* Resubmit and the depth limit. */

static void
test_resubmit(void **state OVS_UNUSED)
{
    int error;

    rule_add(br0, "in_port=1,actions=resubmit:2,resubmit(3,5)");
    rule_add(br0, "in_port=2,actions=output:3");
    rule_add(br0, "table=5,in_port=3,actions=output:1");
    /* Resubmitting as port 3 outputs to port 1, the real input port:
     * allowed, since in_port is now 3. */
    assert_string_equal(xl("in_port(11)," PKT_IP), "13,11");

    rule_add(br0, "in_port=3,actions=output:2,resubmit(,0)");
    assert_string_equal(xlate_s("in_port(13)," PKT_IP, false, NULL, &error),
                        "drop");
    assert_int_equal(error, 0);

    /* 63 resubmits are fine. */
    {
        char s[64];
        int i;

        for (i = 10; i < 10 + 62; i++) {
            snprintf(s, sizeof s, "table=%d,actions=resubmit(,%d)", i, i + 1);
            rule_add(br0, s);
        }
        snprintf(s, sizeof s, "table=%d,actions=output:2", i);
        rule_add(br0, s);
        rule_add(br0, "in_port=LOCAL,actions=resubmit(,10)");
        assert_string_equal(xl("in_port(10)," PKT_IP), "12");
    }

    /* More than 4096 resubmits in all: drop, even without depth. */
    {
        struct ds a = DS_EMPTY_INITIALIZER, b = DS_EMPTY_INITIALIZER;
        struct ofproto *br1 = bridge_create("br1");
        int i;

        port_add(br1, 1, "q1", 31);
        port_add(br1, 2, "q2", 32);
        ds_put_cstr(&a, "in_port=1,actions=");
        ds_put_cstr(&b, "table=1,actions=");
        for (i = 0; i < 70; i++) {
            ds_put_cstr(&a, "resubmit(,1),");
            ds_put_cstr(&b, "resubmit(,2),");
        }
        ds_chomp(&a, ',');
        ds_chomp(&b, ',');
        rule_add(br1, ds_cstr(&a));
        rule_add(br1, ds_cstr(&b));
        rule_add(br1, "table=2,actions=output:2");
        assert_string_equal(xlate_s("in_port(31)," PKT_IP, false, NULL,
                                    &error), "drop");
        assert_int_equal(error, 0);
        ds_destroy(&a);
        ds_destroy(&b);
    }
}

/* NORMAL. */

#define PKT_AB "eth(src=50:54:00:00:00:0a,dst=50:54:00:00:00:0b)," \
    "eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0," \
    "ttl=64,frag=no),tcp(src=1000,dst=80)"
#define PKT_BA "eth(src=50:54:00:00:00:0b,dst=50:54:00:00:00:0a)," \
    "eth_type(0x0800),ipv4(src=10.0.0.2,dst=10.0.0.1,proto=6,tos=0," \
    "ttl=64,frag=no),tcp(src=80,dst=1000)"

static void
test_normal_learning(void **state OVS_UNUSED)
{
    struct xlate_out xout;

    rule_add(br0, "priority=0,actions=NORMAL");
    /* Unknown destination: flood.  Without may_learn nothing learned. */
    assert_string_equal(xl("in_port(11)," PKT_AB), "12,13,10");
    assert_int_equal(mac_learning_count(br0->ml), 0);
    assert_string_equal(xlate_s("in_port(11)," PKT_AB, true, &xout, NULL),
                        "12,13,10");
    assert_int_equal(mac_learning_count(br0->ml), 1);
    assert_int_equal(mac_learning_lookup(br0->ml,
                                         (struct eth_addr) { { 0x50, 0x54,
                                             0, 0, 0, 0x0a } }, 0), 1);
    /* NORMAL reads both addresses and the VLAN. */
    assert_true(eth_addr_equals(xout.wc.masks.dl_src, ETH_ADDR_EXACT));
    assert_true(eth_addr_equals(xout.wc.masks.dl_dst, ETH_ADDR_EXACT));
    assert_int_equal(ntohs(xout.wc.masks.vlans[0].tci) & 0x1fff, 0x1fff);
    assert_int_equal(xout.wc.masks.in_port.odp_port, UINT32_MAX);
    xlate_out_uninit(&xout);

    /* The reply goes to the learned port only. */
    assert_string_equal(xlate_s("in_port(12)," PKT_BA, true, NULL, NULL),
                        "11");
    /* Both learned now. */
    assert_string_equal(xl("in_port(11)," PKT_AB), "12");
    /* A packet to a MAC learned on the input port is dropped. */
    assert_string_equal(xl("in_port(12)," PKT_AB), "drop");

    /* Broadcast floods. */
    assert_string_equal(xl("in_port(13),eth(src=50:54:00:00:00:0c,"
                           "dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
                           "arp(sip=10.0.0.1,tip=10.0.0.2,op=1,"
                           "sha=50:54:00:00:00:0c,tha=00:00:00:00:00:00)"),
                        "11,12,10");

    /* A move: 0a shows up on port 3. */
    n_revalidate = 0;
    assert_string_equal(xlate_s("in_port(13)," PKT_AB, true, NULL, NULL),
                        "12");
    assert_int_equal(mac_learning_lookup(br0->ml,
                                         (struct eth_addr) { { 0x50, 0x54,
                                             0, 0, 0, 0x0a } }, 0), 3);
    assert_int_equal(n_revalidate, 1);
    assert_string_equal(xl("in_port(12)," PKT_BA), "13");
}

/* Revalidation with statistics refreshes the MAC entries a datapath flow
 * keeps using, so they do not age out. */
static void
test_normal_refresh(void **state OVS_UNUSED)
{
    struct xlate_out xout;
    struct xlate_in xin;
    struct match match;
    struct ds s = DS_EMPTY_INITIALIZER;

    rule_add(br0, "priority=0,actions=NORMAL");
    assert_null(odp_match_parse("in_port(11)," PKT_AB, &match));
    memset(&xin, 0, sizeof xin);
    xin.flow = match.flow;

    /* No statistics, no learning: a plain revalidation. */
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    xlate_out_uninit(&xout);
    assert_int_equal(mac_learning_count(br0->ml), 0);

    /* Packets went through: learned (or refreshed). */
    xin.n_packets = 2;
    xin.n_bytes = 200;
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    xlate_out_uninit(&xout);
    assert_int_equal(mac_learning_count(br0->ml), 1);
    mac_learning_format(br0->ml, &s, NULL, NULL);
    assert_non_null(strstr(ds_cstr(&s), "    1     0  50:54:00:00:00:0a"));
    ds_destroy(&s);
}

static unsigned long *
trunks(int a, int b)
{
    unsigned long *t = xzalloc(4096 / 8);
    size_t bits = sizeof(unsigned long) * 8;

    t[a / bits] |= 1UL << (a % bits);
    t[b / bits] |= 1UL << (b % bits);
    return t;
}

static void
test_normal_vlans(void **state OVS_UNUSED)
{
    struct ofport *p4 = port_add(br0, 4, "p4", 14);
    struct ofport *p5 = port_add(br0, 5, "p5", 15);

    /* p1 access 10, p2 trunk (all), p3 access 20, p4 trunks 10 and 30,
     * p5 native-untagged 10 with trunk 20, LOCAL trunk (all). */
    p1->vlan_mode = OFPORT_VLAN_ACCESS;
    p1->tag = 10;
    p3->vlan_mode = OFPORT_VLAN_ACCESS;
    p3->tag = 20;
    p4->trunks = trunks(10, 30);
    p5->vlan_mode = OFPORT_VLAN_NATIVE_UNTAGGED;
    p5->tag = 10;
    p5->trunks = trunks(20, 20);
    rule_add(br0, "priority=0,actions=NORMAL");

    /* Untagged from access port 1 (VLAN 10): tagged to trunks, untagged
     * to the native-untagged port of VLAN 10. */
    assert_string_equal(xl("in_port(11)," PKT_AB),
                        "push_vlan(vid=10,pcp=0),12,14,pop_vlan,15,"
                        "push_vlan(vid=10,pcp=0),10");
    /* A tagged packet on an access port is dropped. */
    assert_string_equal(xl("in_port(11)," PKT_V(10)), "drop");
    /* VLAN 20 from the trunk: to access port 3 untagged, to p5 tagged
     * (20 is a trunk VLAN there), not to p4. */
    assert_string_equal(xl("in_port(12)," PKT_V(20)),
                        "pop_vlan,13,push_vlan(vid=20,pcp=3),15,10");
    /* VLAN 20 on p4 (trunks 10, 30): dropped. */
    assert_string_equal(xl("in_port(14)," PKT_V(20)), "drop");
    /* Untagged on p5 is VLAN 10. */
    assert_string_equal(xl("in_port(15)," PKT_AB),
                        "11,push_vlan(vid=10,pcp=0),12,14,10");
    /* Learned on VLAN 10 from p1; known on VLAN 10 only. */
    xlate_s("in_port(11)," PKT_AB, true, NULL, NULL);
    assert_string_equal(xl("in_port(14)," PKT_V(10)),
                        "pop_vlan,11,push_vlan(vid=10,pcp=3),12,pop_vlan,15,"
                        "push_vlan(vid=10,pcp=3),10");
    assert_string_equal(xl("in_port(12),eth(src=50:54:00:00:00:0b,"
                           "dst=50:54:00:00:00:0a),eth_type(0x8100),"
                           "vlan(vid=10,pcp=3),encap(eth_type(0x0800),"
                           "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,"
                           "ttl=64,frag=no),tcp(src=1000,dst=80))"),
                        "pop_vlan,11");
}

/* Tunnels. */

static void
test_tunnel_encap(void **state OVS_UNUSED)
{
    struct ofport *t1 = tunnel_add(br0, 4, "vx1", 20, "1.1.1.1", "2.2.2.2",
                                   5);
    struct ofport *t2 = tunnel_add(br0, 5, "vx2", 20, "1.1.1.2", NULL, 0);
    struct ofport *t3 = tunnel_add(br0, 6, "vx3", 20, "flow", NULL, 0);

    t1->tunnel.csum = true;
    t2->tunnel.out_key_flow = true;
    t2->tunnel.out_key_present = false;
    t2->tunnel.dont_fragment = false;
    t3->tunnel.tos = 0x20;
    rule_add(br0, "in_port=1,actions=output:4");
    rule_add(br0, "in_port=2,actions=set_tunnel:7,output:5,output:4");
    rule_add(br0, "in_port=3,actions=set_field:3.3.3.3->tun_dst,output:6");
    rule_add(br0, "in_port=LOCAL,actions=output:6");
    assert_string_equal(xl("in_port(11)," PKT_IP),
                        "set(tunnel(tun_id=0x5,src=2.2.2.2,dst=1.1.1.1,"
                        "ttl=64,tp_dst=4789,flags(df|csum|key))),20");
    assert_string_equal(xl("in_port(12)," PKT_IP),
                        "set(tunnel(tun_id=0x7,dst=1.1.1.2,ttl=64,"
                        "tp_dst=4789,flags(key))),20,"
                        "set(tunnel(tun_id=0x5,src=2.2.2.2,dst=1.1.1.1,"
                        "ttl=64,tp_dst=4789,flags(df|csum|key))),20");
    assert_string_equal(xl("in_port(13)," PKT_IP),
                        "set(tunnel(tun_id=0,dst=3.3.3.3,tos=0x20,ttl=64,"
                        "tp_dst=4789,flags(df|key))),20");
    /* remote_ip=flow without a destination: nothing to send to. */
    assert_string_equal(xl("in_port(10)," PKT_IP), "drop");
}

static void
test_tunnel_decap(void **state OVS_UNUSED)
{
    struct xlate_out xout;

    tunnel_add(br0, 4, "vx1", 20, "1.1.1.1", "2.2.2.2", 5);
    tunnel_add(br0, 5, "vx2", 20, "1.1.1.9", NULL, 6);
    rule_add(br0, "in_port=4,tun_id=5,tun_src=1.1.1.1,actions=output:1");
    rule_add(br0, "in_port=5,actions=output:2");
    assert_string_equal(xlate_s("tunnel(tun_id=0x5,src=1.1.1.1,dst=2.2.2.2,"
                                "ttl=64,flags(key)),in_port(20)," PKT_IP,
                                false, &xout, NULL), "11");
    assert_int_equal(xout.wc.masks.tunnel.ip_src, OVS_BE32_MAX);
    assert_int_equal(xout.wc.masks.tunnel.ip_dst, OVS_BE32_MAX);
    assert_int_equal(xout.wc.masks.tunnel.tun_id, OVS_BE64_MAX);
    xlate_out_uninit(&xout);
    assert_string_equal(xl("tunnel(tun_id=0x6,src=1.1.1.9,dst=2.2.2.2,"
                           "ttl=64,flags(key)),in_port(20)," PKT_IP), "12");
    /* No tunnel port for that remote. */
    {
        int error;

        xlate_s("tunnel(tun_id=0x6,src=1.1.1.8,dst=2.2.2.2,ttl=64,"
                "flags(key)),in_port(20)," PKT_IP, false, NULL, &error);
        assert_int_equal(error, ENODEV);
    }
}

/* Patch ports. */

static void
test_patch(void **state OVS_UNUSED)
{
    struct ofproto *br1 = bridge_create("br1");
    struct ofport *pa = port_add(br0, 5, "patch-a", ODPP_NONE);
    struct ofport *pb = port_add(br1, 1, "patch-b", ODPP_NONE);

    port_add(br1, 2, "q2", 32);
    free(pa->type);
    pa->type = xstrdup("patch");
    pa->peer = xstrdup("patch-b");
    free(pb->type);
    pb->type = xstrdup("patch");
    pb->peer = xstrdup("patch-a");

    rule_add(br0, "in_port=1,actions=output:5,output:2");
    rule_add(br1, "in_port=1,reg0=0,actions=mod_dl_src:00:00:00:00:00:01,"
             "output:2");
    assert_string_equal(xl("in_port(11)," PKT_IP),
                        "set(eth(src=00:00:00:00:00:01)),32,"
                        "set(eth(src=50:54:00:00:00:01)),12");

    /* NORMAL across the patch: flooding reaches br1's ports. */
    rule_add(br0, "in_port=3,actions=NORMAL");
    rule_add(br1, "in_port=1,priority=40000,dl_dst=ff:ff:ff:ff:ff:ff,"
             "actions=NORMAL");
    assert_string_equal(xl("in_port(13),eth(src=50:54:00:00:00:0c,"
                           "dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
                           "arp(sip=10.0.0.1,tip=10.0.0.2,op=1,"
                           "sha=50:54:00:00:00:0c,tha=00:00:00:00:00:00)"),
                        "11,12,32,10");
}

/* Statistics credit. */

static void
test_credit(void **state OVS_UNUSED)
{
    struct rule *r0 = rule_add(br0, "in_port=1,actions=resubmit(,1)");
    struct rule *r1 = rule_add(br0, "table=1,actions=output:2");
    struct xlate_out xout;
    struct xlate_in xin;
    struct match match;

    assert_null(odp_match_parse("in_port(11)," PKT_IP, &match));
    memset(&xin, 0, sizeof xin);
    xin.flow = match.flow;
    xin.n_packets = 3;
    xin.n_bytes = 300;
    xin.used = 12345;
    xlate_out_init(&xout);
    assert_int_equal(xlate_actions(&xin, &xout), 0);
    xlate_out_uninit(&xout);
    assert_int_equal(r0->packet_count, 3);
    assert_int_equal(r1->byte_count, 300);
    assert_int_equal(r1->used, 12345);
}

/* The megaflow property: any flow that agrees with a translated flow on
 * every bit of its mask translates to the same actions. */

static uint32_t rnd_state = 12345;

static uint32_t
rnd(void)
{
    rnd_state = rnd_state * 1103515245 + 12345;
    return rnd_state >> 8;
}

#define PICK(ARRAY) ((ARRAY)[rnd() % ARRAY_SIZE(ARRAY)])

static void
random_flow(struct flow *f)
{
    static const odp_port_t ports[] = { 10, 11, 12, 13, 20 };
    static const uint32_t remotes[] = { 0x01010101, 0x01010102 };
    static const uint8_t macs[] = { 1, 2, 3, 0xff };
    static const ovs_be16 types[] = { 0x0008, 0x0608, 0xdd86 };
    static const uint32_t ips[] = { 0x0a000001, 0x0a000002, 0x0a000101 };
    static const uint8_t protos[] = { 6, 17, 1 };
    static const uint16_t l4[] = { 80, 1000, 22 };
    static const uint8_t ttls[] = { 0, 1, 2, 64 };
    static const uint16_t vids[] = { 0, 10, 20 };
    int vid;

    memset(f, 0, sizeof *f);
    f->in_port.odp_port = PICK(ports);
    f->dl_src = (struct eth_addr) { { 0x50, 0, 0, 0, 0, PICK(macs) } };
    f->dl_dst = (struct eth_addr) { { 0x50, 0, 0, 0, 0, PICK(macs) } };
    if (f->dl_dst.ea[5] == 0xff) {
        f->dl_dst = ETH_ADDR_BROADCAST;
    }
    f->dl_type = PICK(types);
    vid = rnd() % 4 ? -1 : PICK(vids);
    if (vid >= 0) {
        f->vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        f->vlans[0].tci = htons(VLAN_CFI | vid | ((rnd() % 8) << 13));
    }
    f->nw_src = htonl(PICK(ips));
    f->nw_dst = htonl(PICK(ips));
    f->nw_proto = PICK(protos);
    f->nw_ttl = PICK(ttls);
    f->nw_tos = rnd() & 0xff;
    f->tp_src = htons(PICK(l4));
    f->tp_dst = htons(PICK(l4));
    if (f->in_port.odp_port == 20) {
        f->tunnel.ip_src = htonl(PICK(remotes));
        f->tunnel.ip_dst = htonl(0x02020202);
        f->tunnel.tun_id = htonll(5 + rnd() % 2);
        f->tunnel.flags = FLOW_TNL_F_KEY | (rnd() % 2 ? FLOW_TNL_F_CSUM : 0);
        f->tunnel.ip_ttl = 64;
        f->tunnel.tp_dst = htons(4789);
    }
}

static void
random_rules(void)
{
    static const char *rules[] = {
        "priority=100,in_port=1,tcp,tp_dst=80,actions=mod_nw_tos:16,"
        "resubmit(,1)",
        "priority=90,ip,nw_src=10.0.0.2,actions=dec_ttl,output:3",
        "priority=80,in_port=2,dl_vlan=10,actions=strip_vlan,NORMAL",
        "priority=70,udp,actions=load:0x7->NXM_NX_REG0[],resubmit(,2)",
        "priority=60,arp,actions=mod_dl_dst:50:00:00:00:00:09,flood",
        "priority=50,dl_src=50:00:00:00:00:03,actions=mod_vlan_vid:20,"
        "output:2",
        "priority=0,actions=NORMAL",
        "table=1,priority=10,ip,nw_dst=10.0.0.0/24,actions=mod_tp_src:99,"
        "output:2",
        "table=1,priority=5,actions=controller,output:3",
        "table=2,reg0=7,udp,tp_src=22,actions=mod_nw_dst:9.9.9.9,output:1",
        "table=2,priority=1,actions=push_vlan:0x8100,NORMAL",
        "priority=200,in_port=4,actions=output:5,resubmit(,3)",
        "priority=200,in_port=5,tun_id=6,actions=set_tunnel:9,output:4,"
        "output:5",
        "priority=199,in_port=5,actions=output:6,NORMAL",
        "table=3,tun_src=1.1.1.1,actions=output:1",
        "priority=95,tcp,tp_src=22,actions=set_field:7->tcp_dst,"
        "move:NXM_OF_IP_SRC[]->NXM_OF_IP_DST[],output:6",
        "priority=94,udp,tp_src=1000,actions=move:NXM_OF_ETH_SRC[0..15]->"
        "NXM_NX_REG1[0..15],resubmit(,4)",
        "table=4,reg1=0x3/0xff,actions=output:3",
        "table=4,priority=0,actions=output:2,set_field:3.3.3.3->tun_dst,"
        "set_field:0x5->tun_id,output:5,mod_nw_ttl:9,output:1",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(rules); i++) {
        rule_add(br0, rules[i]);
    }
}

static void
translate_flow(const struct flow *f, struct xlate_out *xout)
{
    struct xlate_in xin;

    memset(&xin, 0, sizeof xin);
    xin.flow = *f;
    xin.upcall_pid = 5;
    xlate_out_init(xout);
    assert_int_equal(xlate_actions(&xin, xout), 0);
}

static void
test_megaflow_property(void **state OVS_UNUSED)
{
    static const struct eth_addr learned[] = {
        { { 0x50, 0, 0, 0, 0, 1 } }, { { 0x50, 0, 0, 0, 0, 2 } },
    };
    int i, j, checked = 0, n_tunnel = 0, n_slow = 0;

    struct ofport *t;

    p1->vlan_mode = OFPORT_VLAN_ACCESS;
    p1->tag = 10;
    tunnel_add(br0, 4, "vx1", 20, "1.1.1.1", "2.2.2.2", 5);
    t = tunnel_add(br0, 5, "vx2", 20, "flow", NULL, 0);
    t->tunnel.in_key_flow = t->tunnel.out_key_flow = true;
    t = tunnel_add(br0, 6, "vx3", 20, "3.3.3.3", NULL, 0);
    t->tunnel.tos_inherit = true;
    random_rules();
    mac_learning_learn(br0->ml, learned[0], 10, 1);
    mac_learning_learn(br0->ml, learned[1], 0, 2);
    mac_learning_learn(br0->ml, learned[1], 20, 3);

    for (i = 0; i < 300; i++) {
        struct xlate_out a;
        struct flow f;
        char *a_text;

        random_flow(&f);
        translate_flow(&f, &a);
        n_tunnel += f.in_port.odp_port == 20;
        n_slow += a.slow;
        a_text = xstrdup(actions_text(&a.odp_actions));
        for (j = 0; j < 20; j++) {
            const uint64_t *m = (const uint64_t *) &a.wc.masks;
            const uint64_t *fv = (const uint64_t *) &f;
            struct flow r, g;
            uint64_t *gv = (uint64_t *) &g;
            uint64_t *rv = (uint64_t *) &r;
            struct xlate_out b;
            size_t k;

            random_flow(&r);
            for (k = 0; k < sizeof g / 8; k++) {
                gv[k] = (fv[k] & m[k]) | (rv[k] & ~m[k]);
            }
            /* Keep it a flow the datapath could report: a VLAN tag is
             * there entirely or not at all, tunnel metadata only from a
             * tunnel port. */
            if (g.in_port.odp_port != 20) {
                memset(&g.tunnel, 0, sizeof g.tunnel);
            }
            if (g.vlans[0].tci & htons(VLAN_CFI)) {
                g.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
            } else {
                g.vlans[0].tpid = 0;
                g.vlans[0].tci = 0;
            }
            translate_flow(&g, &b);
            if (strcmp(a_text, actions_text(&b.odp_actions))
                || a.slow != b.slow
                || a.exec_actions.used != b.exec_actions.used
                || memcmp(a.exec_actions.data, b.exec_actions.data,
                          a.exec_actions.used)) {
                struct ds d = DS_EMPTY_INITIALIZER;

                flow_format(&d, &f);
                ds_put_cstr(&d, "\n vs ");
                flow_format(&d, &g);
                fail_msg("%s\n%s\n vs %s", ds_cstr(&d), a_text,
                         actions_text(&b.odp_actions));
            }
            xlate_out_uninit(&b);
            checked++;
        }
        free(a_text);
        xlate_out_uninit(&a);
    }
    assert_int_equal(checked, 6000);
    /* The random flows did reach the interesting cases. */
    assert_true(n_tunnel > 20);
    assert_true(n_slow > 5);
}

/* ofproto/trace. */

static void
test_trace(void **state OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    const char *argv[] = { "ofproto/trace", "br0",
                           "in_port=1,dl_src=50:54:00:00:00:01,"
                           "dl_dst=50:54:00:00:00:02,tcp,nw_ttl=64", NULL };
    char *error;

    rule_add(br0, "in_port=1,cookie=0x5,actions=resubmit(,1)");
    rule_add(br0, "table=1,priority=7,tcp,actions=dec_ttl,output:2");
    error = xlate_trace_command(3, argv, &s);
    assert_null(error);
    if (getenv("XLATE_TRACE_DEBUG")) {
        printf("%s", ds_cstr(&s));
    }
    assert_non_null(strstr(ds_cstr(&s), "bridge(\"br0\")\n-------------\n"
                           " 0. in_port=1, priority 32768, cookie 0x5\n"
                           "    resubmit(,1)\n"
                           " 1. tcp, priority 7\n"
                           "    dec_ttl\n"
                           "    output:2\n"));
    assert_non_null(strstr(ds_cstr(&s), "\nDatapath actions: "
                           "set(ipv4(ttl=63)),12\n"));
    assert_non_null(strstr(ds_cstr(&s), "\nMegaflow: recirc_id=0,"));
    assert_non_null(strstr(ds_cstr(&s), "\nFinal flow: "));
    ds_clear(&s);

    /* Datapath flow syntax. */
    argv[2] = "in_port(11)," PKT_IP;
    error = xlate_trace_command(3, argv, &s);
    assert_null(error);
    assert_non_null(strstr(ds_cstr(&s), "Datapath actions: "
                           "set(ipv4(ttl=63)),12\n"));
    ds_clear(&s);

    /* A packet in hex: headers from the packet, in_port from the flow. */
    {
        const char *argv4[] = { "ofproto/trace", "br0", "in_port=1", NULL,
                                NULL };
        uint8_t packet[128];
        size_t i, len = build_tcp_packet(packet);
        struct ds hex = DS_EMPTY_INITIALIZER;

        for (i = 0; i < len; i++) {
            ds_put_format(&hex, "%02x", packet[i]);
        }
        argv4[3] = ds_cstr(&hex);
        rule_add(br0, "table=1,priority=8,tcp,tp_dst=80,actions=output:3");
        error = xlate_trace_command(4, argv4, &s);
        assert_null(error);
        assert_non_null(strstr(ds_cstr(&s), "Flow: tcp,in_port=1,"
                               "vlan_tci=0x0000,dl_src=50:54:00:00:00:01,"
                               "dl_dst=50:54:00:00:00:02,nw_src=10.0.0.1,"
                               "nw_dst=10.0.0.2,nw_tos=0,nw_ecn=0,nw_ttl=64,"
                               "nw_frag=no,tp_src=1000,tp_dst=80,"
                               "tcp_flags=syn\n"));
        assert_non_null(strstr(ds_cstr(&s), "Datapath actions: 13\n"));
        ds_clear(&s);

        argv4[3] = "0a0b0c";
        error = xlate_trace_command(4, argv4, &s);
        assert_string_equal(error, "Packet data too short for Ethernet");
        free(error);
        argv4[3] = "0a0b0cxyz";
        error = xlate_trace_command(4, argv4, &s);
        assert_string_equal(error, "Trailing garbage in packet data");
        free(error);
        ds_destroy(&hex);
    }

    argv[1] = "nosuchbr";
    error = xlate_trace_command(3, argv, &s);
    assert_string_equal(error, "no bridge named nosuchbr");
    free(error);
    ds_destroy(&s);
}

static void
test_trace_patch(void **state OVS_UNUSED)
{
    struct ofproto *br1 = bridge_create("br1");
    struct ofport *pa = port_add(br0, 5, "patch-a", ODPP_NONE);
    struct ofport *pb = port_add(br1, 1, "patch-b", ODPP_NONE);
    struct ds s = DS_EMPTY_INITIALIZER;
    const char *argv[] = { "ofproto/trace", "br0",
                           "in_port=1,dl_src=50:54:00:00:00:01,"
                           "dl_dst=50:54:00:00:00:02", "-generate", NULL };
    char *error;

    port_add(br1, 2, "q2", 32);
    free(pa->type);
    pa->type = xstrdup("patch");
    pa->peer = xstrdup("patch-b");
    free(pb->type);
    pb->type = xstrdup("patch");
    pb->peer = xstrdup("patch-a");
    rule_add(br0, "in_port=1,actions=output:5,output:1");
    rule_add(br1, "priority=0,actions=NORMAL");

    error = xlate_trace_command(4, argv, &s);
    assert_null(error);
    if (getenv("XLATE_TRACE_DEBUG")) {
        printf("%s", ds_cstr(&s));
    }
    assert_string_equal(ds_cstr(&s),
        "Flow: in_port=1,vlan_tci=0x0000,dl_src=50:54:00:00:00:01,"
        "dl_dst=50:54:00:00:00:02,dl_type=0x0000\n"
        "\n"
        "bridge(\"br0\")\n"
        "-------------\n"
        " 0. in_port=1, priority 32768\n"
        "    output:5\n"
        "\n"
        "    bridge(\"br1\")\n"
        "    -------------\n"
        "         0. priority 0\n"
        "            NORMAL\n"
        "             -> learned that 50:54:00:00:00:01 is on port patch-b "
        "in VLAN 0\n"
        "             -> no learned MAC for destination, flooding\n"
        "    output:1\n"
        "     >> skipping output to input port\n"
        "\n"
        "Final flow: unchanged\n"
        "Megaflow: recirc_id=0,eth,in_port=1,dl_src=50:54:00:00:00:01,"
        "dl_dst=50:54:00:00:00:02,dl_type=0x0000\n"
        "Datapath actions: 32\n");
    /* -generate learned. */
    assert_int_equal(mac_learning_count(br1->ml), 1);
    ds_destroy(&s);
}

static void
test_trace_depth(void **state OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    const char *argv[] = { "ofproto/trace", "br0", "in_port=1", NULL };
    char *error;

    rule_add(br0, "actions=output:2,resubmit(,0)");
    error = xlate_trace_command(3, argv, &s);
    assert_null(error);
    assert_non_null(strstr(ds_cstr(&s), "over max translation depth 64"));
    assert_non_null(strstr(ds_cstr(&s), "Datapath actions: drop\n"
                           "Translation failed (Recursion too deep), "
                           "packet is dropped.\n"));
    ds_destroy(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
        T(test_output),
        T(test_flood_all_local),
        T(test_drop_miss),
        T(test_controller),
        T(test_controller_rewrite),
        T(test_vlan_actions),
        T(test_rewrites),
        T(test_dec_ttl),
        T(test_registers),
        T(test_resubmit),
        T(test_normal_learning),
        T(test_normal_refresh),
        T(test_normal_vlans),
        T(test_tunnel_encap),
        T(test_tunnel_decap),
        T(test_patch),
        T(test_credit),
        T(test_megaflow_property),
        T(test_trace),
        T(test_trace_patch),
        T(test_trace_depth),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
