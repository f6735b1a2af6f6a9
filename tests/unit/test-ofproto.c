/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for the switch core (ofproto/ofproto.c, ofproto-flow.c,
 * ofproto-of.c): flow mods and their flags against the expected table
 * contents, versions and all-or-nothing batches, timeouts and
 * FLOW_REMOVED, hidden rules, table statistics, multipart splitting, the
 * OpenFlow requests, ports and their numbering, and the odp -> OpenFlow
 * port map for shared tunnel vports.
 *
 * The collaborators (connmgr, upcall, MAC learning, translation, the
 * datapath and network devices) are fakes defined here, which record what
 * ofproto asked of them.
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "connmgr.h"
#include "datapath/dpif.h"
#include "datapath/netdev.h"
#include "datapath/tunnel-dev.h"
#include "dynamic-string.h"
#include "list.h"
#include "mac-learning.h"
#include "netlink.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-parse.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "ofproto.h"
#include "packets.h"
#include "timeval.h"
#include "upcall.h"
#include "util.h"
#include "xlate.h"

/* ------------------------------------------------------------------ */
/* Fakes. */

#define MAX_RECORDS 64

static struct ofp_flow_removed removed[MAX_RECORDS];
static size_t n_removed;
static uint8_t port_status_reasons[MAX_RECORDS];
static ofp_port_t port_status_ports[MAX_RECORDS];
static size_t n_port_status;
static bool fake_has_controllers;

struct connmgr {
    int dummy;
};

struct connmgr *
connmgr_create(struct ofproto *ofproto OVS_UNUSED,
               const char *name OVS_UNUSED)
{
    return xzalloc(sizeof(struct connmgr));
}

void
connmgr_destroy(struct connmgr *mgr)
{
    free(mgr);
}

void connmgr_run(struct connmgr *mgr OVS_UNUSED) {}
void connmgr_wait(struct connmgr *mgr OVS_UNUSED) {}

void
connmgr_set_controllers(struct connmgr *mgr OVS_UNUSED,
                        const struct ofproto_controller *c OVS_UNUSED,
                        size_t n)
{
    fake_has_controllers = n > 0;
}

void
connmgr_set_fail_secure(struct connmgr *mgr OVS_UNUSED,
                        bool secure OVS_UNUSED)
{
}

bool
connmgr_has_controllers(const struct connmgr *mgr OVS_UNUSED)
{
    return fake_has_controllers;
}

static size_t n_packet_ins;

void
connmgr_send_packet_in(struct connmgr *mgr OVS_UNUSED,
                       const struct ofp_packet_in *pin OVS_UNUSED)
{
    n_packet_ins++;
}

void
connmgr_send_flow_removed(struct connmgr *mgr OVS_UNUSED,
                          const struct ofp_flow_removed *fr)
{
    if (n_removed < MAX_RECORDS) {
        removed[n_removed++] = *fr;
    }
}

void
connmgr_send_port_status(struct connmgr *mgr OVS_UNUSED, uint8_t reason,
                         const struct ofp_port *pp)
{
    if (n_port_status < MAX_RECORDS) {
        port_status_reasons[n_port_status] = reason;
        port_status_ports[n_port_status++] = pp->port_no;
    }
}

/* A connection that keeps what is sent on it. */
struct ofconn {
    uint8_t version;
    enum ofp_protocol protocol;
    bool table_id_ext;
    uint16_t miss_send_len;
    uint32_t role;
    struct ofpbuf *sent[4096];
    size_t n_sent;
};

uint8_t
ofconn_get_version(const struct ofconn *c)
{
    return c->version;
}

enum ofp_protocol
ofconn_get_protocol(const struct ofconn *c)
{
    return c->protocol;
}

void
ofconn_set_protocol(struct ofconn *c, enum ofp_protocol p)
{
    c->protocol = p;
}

bool
ofconn_get_table_id_ext(const struct ofconn *c)
{
    return c->table_id_ext;
}

void
ofconn_set_table_id_ext(struct ofconn *c, bool ext)
{
    c->table_id_ext = ext;
}

uint16_t
ofconn_get_miss_send_len(const struct ofconn *c)
{
    return c->miss_send_len;
}

void
ofconn_set_miss_send_len(struct ofconn *c, uint16_t len)
{
    c->miss_send_len = len;
}

uint32_t
ofconn_get_role(const struct ofconn *c)
{
    return c->role;
}

enum ofperr
ofconn_set_role(struct ofconn *c, const struct ofp_role *role)
{
    c->role = role->role;
    return 0;
}

void
ofconn_send(struct ofconn *c, struct ofpbuf *msg)
{
    assert_true(c->n_sent < ARRAY_SIZE(c->sent));
    c->sent[c->n_sent++] = msg;
}

static void
ofconn_clear(struct ofconn *c)
{
    for (size_t i = 0; i < c->n_sent; i++) {
        ofpbuf_uninit(c->sent[i]);
        free(c->sent[i]);
    }
    c->n_sent = 0;
}

static struct ofconn *
ofconn_new(uint8_t version)
{
    struct ofconn *c = xzalloc(sizeof *c);

    c->version = version;
    c->protocol = version == OFP13_VERSION ? OFP_PROTO_OF13
                                           : OFP_PROTO_OF10_NXM;
    c->miss_send_len = OFP_DEFAULT_MISS_SEND_LEN;
    c->role = OFPCR_ROLE_EQUAL;
    return c;
}

static void
ofconn_free(struct ofconn *c)
{
    ofconn_clear(c);
    free(c);
}

/* Upcalls, MAC learning, translation. */
struct udpif {
    int n_revalidate_now;
};

static struct udpif *last_udpif;

struct udpif *
udpif_create(struct dpif *dpif OVS_UNUSED)
{
    last_udpif = xzalloc(sizeof *last_udpif);
    return last_udpif;
}

void
udpif_destroy(struct udpif *u)
{
    if (u == last_udpif) {
        last_udpif = NULL;
    }
    free(u);
}

void udpif_run(struct udpif *u OVS_UNUSED) {}
void udpif_wait(struct udpif *u OVS_UNUSED) {}
void udpif_set_flow_limit(struct udpif *u OVS_UNUSED,
                          unsigned int n OVS_UNUSED) {}
void udpif_set_max_idle(struct udpif *u OVS_UNUSED,
                        unsigned int n OVS_UNUSED) {}
void udpif_init(void) {}

void
udpif_revalidate_now(struct udpif *u)
{
    u->n_revalidate_now++;
}

struct mac_learning {
    int dummy;
};

struct mac_learning *
mac_learning_create(unsigned int idle OVS_UNUSED)
{
    return xzalloc(sizeof(struct mac_learning));
}

void
mac_learning_destroy(struct mac_learning *ml)
{
    free(ml);
}

void mac_learning_run(struct mac_learning *ml OVS_UNUSED) {}
void mac_learning_wait(struct mac_learning *ml OVS_UNUSED) {}
void mac_learning_flush_port(struct mac_learning *ml OVS_UNUSED,
                             ofp_port_t p OVS_UNUSED) {}
void xlate_init(void) {}

static int n_xlate_packet_outs;
static ofp_port_t xlate_in_port;

void
xlate_out_init(struct xlate_out *xout)
{
    memset(xout, 0, sizeof *xout);
    nl_buf_init(&xout->odp_actions, 64);
    ovs_list_init(&xout->packet_ins);
}

void
xlate_out_uninit(struct xlate_out *xout)
{
    struct xlate_packet_in *pi;

    nl_buf_uninit(&xout->odp_actions);
    LIST_FOR_EACH_POP (pi, list_node, &xout->packet_ins) {
        free(pi);
    }
}

/* Translates into 4 bytes of "actions" and one packet-in. */
int
xlate_packet_out(struct ofproto *ofproto, const struct flow *flow,
                 const struct ofpacts *ofpacts OVS_UNUSED,
                 const void *packet, size_t len, struct xlate_out *xout)
{
    struct xlate_packet_in *pi = xzalloc(sizeof *pi);

    n_xlate_packet_outs++;
    xlate_in_port = flow->in_port.ofp_port;
    nl_buf_put(&xout->odp_actions, "acts", 4);
    pi->ofproto = ofproto;
    pi->pin.packet = packet;
    pi->pin.packet_len = len;
    ovs_list_push_back(&xout->packet_ins, &pi->list_node);
    return 0;
}

/* The datapath: a port table. */
struct dpif {
    int dummy;
};

#define FAKE_MAX_PORTS 32
static struct {
    bool used;
    char name[32];
    char type[16];
} fake_ports[FAKE_MAX_PORTS];
static int fake_port_dels;
static bool fake_dp_deleted;
static odp_port_t executed_in_port;
static size_t executed_len, executed_actions_len;

int
dpif_execute(struct dpif *dpif OVS_UNUSED, struct dpif_execute *exec)
{
    executed_in_port = exec->md->in_port.odp_port;
    executed_len = exec->packet_len;
    executed_actions_len = exec->actions_len;
    return 0;
}

int
dpif_create_and_open(const char *type OVS_UNUSED, const char *name OVS_UNUSED,
                     struct dpif **dpifp, char **errp OVS_UNUSED)
{
    *dpifp = xzalloc(sizeof **dpifp);
    return 0;
}

void
dpif_close(struct dpif *dpif)
{
    free(dpif);
}

int
dpif_delete(struct dpif *dpif OVS_UNUSED)
{
    fake_dp_deleted = true;
    return 0;
}

const char *
dpif_type(const struct dpif *dpif OVS_UNUSED)
{
    return "system";
}

const char *
dpif_name(const struct dpif *dpif OVS_UNUSED)
{
    return "ovs-system";
}

int
dpif_get_dp_stats(struct dpif *dpif OVS_UNUSED, struct dpif_dp_stats *s)
{
    memset(s, 0, sizeof *s);
    return 0;
}

void
dpif_format_error(struct ds *s, const struct dpif *dpif OVS_UNUSED,
                  int error)
{
    ds_put_cstr(s, ovs_strerror(error));
}

static int
fake_port_find(const char *name)
{
    for (int i = 0; i < FAKE_MAX_PORTS; i++) {
        if (fake_ports[i].used && !strcmp(fake_ports[i].name, name)) {
            return i;
        }
    }
    return -1;
}

int
dpif_port_add(struct dpif *dpif OVS_UNUSED, const char *name,
              const char *type,
              const struct dpif_port_option options[] OVS_UNUSED,
              size_t n_options OVS_UNUSED, odp_port_t *port_nop)
{
    char devname[32];
    int i;

    if (!strcmp(type, "vxlan")) {
        snprintf(devname, sizeof devname, "vxlan_sys_4789");
        name = devname;
    } else if (!strcmp(type, "system") && !strncmp(name, "missing", 7)) {
        return ENODEV;
    }
    if (fake_port_find(name) >= 0) {
        return EEXIST;
    }
    /* Port 0 is the first internal port, as in the kernel. */
    for (i = 0; i < FAKE_MAX_PORTS && fake_ports[i].used; i++) {
        continue;
    }
    assert_true(i < FAKE_MAX_PORTS);
    fake_ports[i].used = true;
    ovs_strlcpy(fake_ports[i].name, name, sizeof fake_ports[i].name);
    ovs_strlcpy(fake_ports[i].type, type, sizeof fake_ports[i].type);
    *port_nop = i;
    return 0;
}

int
dpif_port_del(struct dpif *dpif OVS_UNUSED, odp_port_t port_no)
{
    assert_true(port_no < FAKE_MAX_PORTS && fake_ports[port_no].used);
    fake_ports[port_no].used = false;
    fake_port_dels++;
    return 0;
}

void
dpif_port_destroy(struct dpif_port *port)
{
    if (port) {
        free(port->name);
        free(port->type);
    }
}

int
dpif_port_query_by_name(struct dpif *dpif OVS_UNUSED, const char *name,
                        struct dpif_port *port)
{
    int i = fake_port_find(name);

    if (i < 0) {
        return ENODEV;
    }
    memset(port, 0, sizeof *port);
    port->name = xstrdup(name);
    port->type = xstrdup(fake_ports[i].type);
    port->port_no = i;
    return 0;
}

int
dpif_port_query_by_number(struct dpif *dpif OVS_UNUSED, odp_port_t port_no,
                          struct dpif_port *port)
{
    if (port_no >= FAKE_MAX_PORTS || !fake_ports[port_no].used) {
        return ENODEV;
    }
    memset(port, 0, sizeof *port);
    port->name = xstrdup(fake_ports[port_no].name);
    port->type = xstrdup(fake_ports[port_no].type);
    port->port_no = port_no;
    port->has_stats = true;
    port->stats.rx_packets = 10 + port_no;
    port->stats.tx_bytes = 1000 + port_no;
    return 0;
}

/* Network devices: every device is up with carrier. */
int
netdev_get_info_by(struct nln_socket *rtnl OVS_UNUSED,
                   int ifindex OVS_UNUSED, const char *name,
                   struct netdev_info *info)
{
    memset(info, 0, sizeof *info);
    ovs_strlcpy(info->name, name, sizeof info->name);
    info->flags = IFF_UP;
    info->carrier = true;
    info->has_mac = true;
    info->mac = (struct eth_addr) { { 0x02, 0, 0, 0, 0, 0x42 } };
    return 0;
}

struct netdev {
    int dummy;
};

int
netdev_open(struct nln_socket *rtnl OVS_UNUSED, const char *name OVS_UNUSED,
            struct netdev **netdevp)
{
    *netdevp = xzalloc(sizeof **netdevp);
    return 0;
}

void
netdev_close(struct netdev *netdev)
{
    free(netdev);
}

int
netdev_set_up(struct netdev *netdev OVS_UNUSED, bool up OVS_UNUSED,
              char **errp OVS_UNUSED)
{
    return 0;
}

bool
tunnel_dev_type_from_string(const char *s, enum tunnel_dev_type *type)
{
    *type = (!strcmp(s, "gre") ? TUNNEL_DEV_GRE
             : !strcmp(s, "geneve") ? TUNNEL_DEV_GENEVE
             : TUNNEL_DEV_VXLAN);
    return true;
}

uint16_t
tunnel_dev_default_port(enum tunnel_dev_type type)
{
    return (type == TUNNEL_DEV_VXLAN ? 4789
            : type == TUNNEL_DEV_GENEVE ? 6081 : 0);
}

void
tunnel_dev_name(enum tunnel_dev_type type OVS_UNUSED,
                uint16_t dst_port OVS_UNUSED, char name[IFNAMSIZ])
{
    ovs_strlcpy(name, "vxlan_sys_4789", IFNAMSIZ);
}

/* ------------------------------------------------------------------ */
/* Helpers. */

static void
reset_records(void)
{
    n_removed = 0;
    n_port_status = 0;
    fake_has_controllers = false;
}

static struct ofproto *
bridge_create(const char *type)
{
    struct ofproto *ofproto;

    reset_records();
    assert_int_equal(ofproto_create("br0", type, &ofproto), 0);
    return ofproto;
}

/* Parses 'str' as a flow mod for 'command' and applies it through
 * 'ofconn' (may be NULL) with the extra 'flags'. */
static enum ofperr
do_flow_mod(struct ofproto *ofproto, int command, const char *str,
            struct ofconn *ofconn, uint16_t flags)
{
    struct ofp_flow_mod fm;
    enum ofperr error;
    char *err;

    err = ofp_parse_flow_mod(str, command, NULL, &fm);
    if (err) {
        fail_msg("%s: %s", str, err);
    }
    if ((command == OFPFC_MODIFY || command == OFPFC_MODIFY_STRICT)
        && !strstr(str, "cookie=")) {
        fm.new_cookie = UINT64_MAX;
    }
    fm.flags |= flags;
    error = ofproto_flow_mod(ofproto, &fm, ofconn);
    ofp_flow_mod_uninit(&fm);
    return error;
}

static void
add(struct ofproto *ofproto, const char *str)
{
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD, str, NULL, 0), 0);
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

/* The visible rules of 'ofproto', one line each, sorted:
 * "[table=T ][cookie=C ][n_packets=N ]MATCH,actions=ACTS". */
static char *
dump(const struct ofproto *ofproto, bool include_hidden)
{
    struct rule_criteria crit = {
        .table_id = OFPTT_ALL, .out_port = OFPP_NONE,
        .out_group = OFPG_ANY, .include_hidden = include_hidden,
    };
    struct ds s = DS_EMPTY_INITIALIZER;
    struct rule_list rules;
    char **lines;

    rule_list_init(&rules);
    ofproto_collect_rules(ofproto, &crit, &rules);
    lines = xcalloc(rules.n + 1, sizeof *lines);
    for (size_t i = 0; i < rules.n; i++) {
        const struct rule *r = rules.rules[i];
        struct ds line = DS_EMPTY_INITIALIZER;
        struct match match;

        if (r->table_id) {
            ds_put_format(&line, "table=%u ", r->table_id);
        }
        if (r->cookie) {
            ds_put_format(&line, "cookie=%#"PRIx64" ", r->cookie);
        }
        if (r->packet_count) {
            ds_put_format(&line, "n_packets=%"PRIu64" ", r->packet_count);
        }
        cls_rule_get_match(&r->cr, &match);
        ofp_format_match(&match, r->cr.priority, &line);
        ds_put_cstr(&line, ",actions=");
        ofp_format_actions(&r->ofpacts, &line);
        lines[i] = ds_steal_cstr(&line);
    }
    qsort(lines, rules.n, sizeof *lines, compare_strings);
    for (size_t i = 0; i < rules.n; i++) {
        ds_put_format(&s, "%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
    rule_list_destroy(&rules);
    return ds_steal_cstr(&s);
}

static void
check_dump(const struct ofproto *ofproto, const char *expected)
{
    char *actual = dump(ofproto, false);

    if (strcmp(actual, expected)) {
        fail_msg("tables differ:\n--- expected\n%s--- actual\n%s",
                 expected, actual);
    }
    free(actual);
}

static struct rule *
find_rule(struct ofproto *ofproto, uint8_t table, const char *str)
{
    struct ofp_flow_mod fm;
    const struct cls_rule *cr;
    char *err;

    err = ofp_parse_flow_mod(str, OFPFC_DELETE_STRICT, NULL, &fm);
    if (err) {
        fail_msg("%s: %s", str, err);
    }
    cr = classifier_find_rule_exactly(&ofproto->tables[table], &fm.match,
                                      fm.priority, ofproto->tables_version);
    ofp_flow_mod_uninit(&fm);
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

/* Hands 'msg' to ofproto_handle_openflow() and frees it. */
static enum ofperr
handle(struct ofproto *ofproto, struct ofconn *c, struct ofpbuf *msg)
{
    enum ofperr error = ofproto_handle_openflow(ofproto, c, msg);

    ofpbuf_uninit(msg);
    return error;
}

static enum ofperr
handle_empty(struct ofproto *ofproto, struct ofconn *c, enum ofptype type)
{
    struct ofpbuf b;

    ofpbuf_init(&b);
    ofpmsg_put_empty(&b, type, c->version, false, 77);
    return handle(ofproto, c, &b);
}

/* ------------------------------------------------------------------ */
/* Tests: bridges and the default flow. */

static void
test_create_default_flow(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    struct ofport *local = ofproto_get_port(ofproto, OFPP_LOCAL);

    assert_ptr_equal(ofproto_lookup("br0"), ofproto);
    assert_ptr_equal(ofproto_first(), ofproto);
    assert_null(ofproto_next(ofproto));
    assert_null(ofproto->dpif);
    assert_non_null(local);
    assert_string_equal(local->name, "br0");
    assert_int_equal(local->odp_port, ODPP_NONE);
    assert_true(ofproto->datapath_id != 0);
    assert_int_equal(ofproto->datapath_id >> 40, 0xaa);
    check_dump(ofproto, "priority=0,actions=NORMAL\n");

    assert_int_equal(ofproto_create("br0", "dummy", &(struct ofproto *) {0}),
                     EEXIST);
    assert_int_equal(ofproto_create("brx", "netdev",
                                    &(struct ofproto *) {0}), EAFNOSUPPORT);

    /* Secure fail mode without controllers: no flows; back: the default. */
    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    check_dump(ofproto, "");
    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_STANDALONE);
    check_dump(ofproto, "priority=0,actions=NORMAL\n");
    ofproto_destroy(ofproto);
    assert_null(ofproto_lookup("br0"));
}

/* Tests: flow mods. */

static void
test_add_replace_counters(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    struct rule *r;

    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    add(ofproto, "priority=100,ip,nw_src=10.0.0.1,cookie=0x1,actions=drop");
    r = find_rule(ofproto, 0, "priority=100,ip,nw_src=10.0.0.1");
    assert_non_null(r);
    ofproto_rule_credit(r, 5, 500, time_msec());

    /* Same match and priority: replaced, counters kept, new cookie and
     * actions. */
    add(ofproto, "priority=100,ip,nw_src=10.0.0.1,cookie=0x2,"
        "actions=output:1");
    check_dump(ofproto, "cookie=0x2 n_packets=5 priority=100,ip,"
               "nw_src=10.0.0.1,actions=output:1\n");
    r = find_rule(ofproto, 0, "priority=100,ip,nw_src=10.0.0.1");
    assert_int_equal(r->byte_count, 500);

    /* Another priority is another rule. */
    add(ofproto, "priority=101,ip,nw_src=10.0.0.1,actions=drop");
    assert_int_equal(ofproto_table_count(ofproto, 0), 2);

    /* RESET_COUNTS resets them. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "priority=100,ip,nw_src=10.0.0.1,"
                                 "actions=output:2", NULL,
                                 OFPFF_RESET_COUNTS), 0);
    check_dump(ofproto,
               "priority=100,ip,nw_src=10.0.0.1,actions=output:2\n"
               "priority=101,ip,nw_src=10.0.0.1,actions=drop\n");

    /* OpenFlow 1.0 adds carry RESET_COUNTS implicitly (stock), so both
     * replacing and modifying such a rule reset its counters. */
    {
        struct ofconn *c10 = ofconn_new(OFP10_VERSION);

        assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                     "priority=7,arp,actions=drop", c10, 0),
                         0);
        r = find_rule(ofproto, 0, "priority=7,arp");
        assert_true(r->flags & OFPFF_RESET_COUNTS);
        ofproto_rule_credit(r, 2, 120, time_msec());
        assert_int_equal(do_flow_mod(ofproto, OFPFC_MODIFY,
                                     "arp,actions=output:3", NULL, 0), 0);
        r = find_rule(ofproto, 0, "priority=7,arp");
        assert_int_equal(r->packet_count, 0);
        ofproto_rule_credit(r, 2, 120, time_msec());
        assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                     "priority=7,arp,actions=drop", c10, 0),
                         0);
        r = find_rule(ofproto, 0, "priority=7,arp");
        assert_int_equal(r->packet_count, 0);
        assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE, "arp", c10, 0),
                         0);
        ofconn_free(c10);
    }

    /* Bad table, bad output port, goto backwards. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "table=254,actions=drop", NULL, 0),
                     OFPERR_OFPBRC_BAD_TABLE_ID);
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "table=3,actions=goto_table:2", NULL, 0),
                     OFPERR_OFPBIC_BAD_TABLE_ID);
    add(ofproto, "table=3,actions=goto_table:4");
    assert_int_equal(ofproto_table_count(ofproto, 3), 1);
    ofproto_destroy(ofproto);
}

static void
test_modify(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    struct ofconn *c13 = ofconn_new(OFP13_VERSION);
    struct rule *r;

    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    add(ofproto, "priority=100,ip,nw_src=10.0.0.1,cookie=0x10,actions=drop");
    add(ofproto, "priority=200,tcp,nw_src=10.0.0.1,cookie=0x20,"
        "actions=drop");
    add(ofproto, "priority=300,arp,cookie=0x30,actions=drop");
    r = find_rule(ofproto, 0, "priority=200,tcp,nw_src=10.0.0.1");
    ofproto_rule_credit(r, 3, 300, time_msec());

    /* Loose: every rule at least as specific as "ip", any priority;
     * counters and cookies stay. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_MODIFY, "ip,actions=output:7",
                                 NULL, 0), 0);
    check_dump(ofproto,
               "cookie=0x10 priority=100,ip,nw_src=10.0.0.1,"
               "actions=output:7\n"
               "cookie=0x20 n_packets=3 priority=200,tcp,nw_src=10.0.0.1,"
               "actions=output:7\n"
               "cookie=0x30 priority=300,arp,actions=drop\n");

    /* Strict: match and priority exactly. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_MODIFY_STRICT,
                                 "priority=100,ip,nw_src=10.0.0.1,"
                                 "actions=output:8", NULL, 0), 0);
    assert_int_equal(do_flow_mod(ofproto, OFPFC_MODIFY_STRICT,
                                 "priority=200,ip,nw_src=10.0.0.1,"
                                 "actions=output:9", c13, 0), 0);
    check_dump(ofproto,
               "cookie=0x10 priority=100,ip,nw_src=10.0.0.1,"
               "actions=output:8\n"
               "cookie=0x20 n_packets=3 priority=200,tcp,nw_src=10.0.0.1,"
               "actions=output:7\n"
               "cookie=0x30 priority=300,arp,actions=drop\n");

    /* Cookie filter with mask, and a new cookie. */
    {
        struct ofp_flow_mod fm;

        assert_null(ofp_parse_flow_mod("actions=output:5", OFPFC_MODIFY,
                                       NULL, &fm));
        fm.cookie = 0x20;
        fm.cookie_mask = 0xf0;
        fm.new_cookie = 0x99;
        fm.flags = OFPFF_RESET_COUNTS;
        assert_int_equal(ofproto_flow_mod(ofproto, &fm, c13), 0);
        ofp_flow_mod_uninit(&fm);
    }
    check_dump(ofproto,
               "cookie=0x10 priority=100,ip,nw_src=10.0.0.1,"
               "actions=output:8\n"
               "cookie=0x30 priority=300,arp,actions=drop\n"
               "cookie=0x99 priority=200,tcp,nw_src=10.0.0.1,"
               "actions=output:5\n");

    /* A modify that selects nothing: OpenFlow 1.3 does nothing, OpenFlow
     * 1.0 (and internal) adds. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_MODIFY, "udp,actions=drop",
                                 c13, 0), 0);
    assert_int_equal(ofproto_table_count(ofproto, 0), 3);
    assert_int_equal(do_flow_mod(ofproto, OFPFC_MODIFY, "udp,actions=drop",
                                 NULL, 0), 0);
    assert_int_equal(ofproto_table_count(ofproto, 0), 4);
    assert_non_null(find_rule(ofproto, 0, "udp"));

    ofconn_free(c13);
    ofproto_destroy(ofproto);
}

static void
test_delete(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    struct ofp_flow_mod fm;

    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    add(ofproto, "priority=100,ip,cookie=0x11,actions=output:1");
    add(ofproto, "priority=100,tcp,cookie=0x12,actions=output:2");
    add(ofproto, "priority=200,tcp,cookie=0x21,actions=output:1,output:3");
    add(ofproto, "table=1,priority=100,tcp,cookie=0x22,actions=output:2");
    add(ofproto, "priority=100,arp,cookie=0x31,actions=drop");

    /* Cookie under a mask: 0x1? goes, everywhere. */
    assert_null(ofp_parse_flow_mod("", OFPFC_DELETE, NULL, &fm));
    fm.cookie = 0x10;
    fm.cookie_mask = 0xf0;
    assert_int_equal(ofproto_flow_mod(ofproto, &fm, NULL), 0);
    ofp_flow_mod_uninit(&fm);
    check_dump(ofproto,
               "cookie=0x21 priority=200,tcp,actions=output:1,output:3\n"
               "cookie=0x31 priority=100,arp,actions=drop\n"
               "table=1 cookie=0x22 priority=100,tcp,actions=output:2\n");

    /* out_port: only rules that output there. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE, "out_port=2",
                                 NULL, 0), 0);
    check_dump(ofproto,
               "cookie=0x21 priority=200,tcp,actions=output:1,output:3\n"
               "cookie=0x31 priority=100,arp,actions=drop\n");

    /* Strict needs the priority too. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE_STRICT,
                                 "priority=100,tcp", NULL, 0), 0);
    assert_int_equal(ofproto_table_count(ofproto, 0), 2);
    assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE_STRICT,
                                 "priority=200,tcp", NULL, 0), 0);
    check_dump(ofproto, "cookie=0x31 priority=100,arp,actions=drop\n");

    /* Loose with a match: only rules at least as specific. */
    add(ofproto, "priority=5,actions=drop");
    assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE, "arp", NULL, 0), 0);
    check_dump(ofproto, "priority=5,actions=drop\n");
    assert_int_equal(n_removed, 0);

    /* SEND_FLOW_REM: a FLOW_REMOVED with reason DELETE. */
    add(ofproto, "priority=7,ip,cookie=0x77,send_flow_rem,actions=drop");
    assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE, "", NULL, 0), 0);
    check_dump(ofproto, "");
    assert_int_equal(n_removed, 1);
    assert_int_equal(removed[0].reason, OFPRR_DELETE);
    assert_int_equal(removed[0].cookie, 0x77);
    assert_int_equal(removed[0].priority, 7);
    ofproto_destroy(ofproto);
}

static void
test_overlap(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");

    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    add(ofproto, "priority=100,ip,nw_src=10.0.0.0/8,actions=drop");
    /* Same priority, packets in common: refused. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "priority=100,ip,nw_dst=1.2.3.4,"
                                 "actions=drop", NULL, OFPFF_CHECK_OVERLAP),
                     OFPERR_OFPFMFC_OVERLAP);
    /* Identical rule: overlaps too. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "priority=100,ip,nw_src=10.0.0.0/8,"
                                 "actions=output:1", NULL,
                                 OFPFF_CHECK_OVERLAP),
                     OFPERR_OFPFMFC_OVERLAP);
    check_dump(ofproto, "priority=100,ip,nw_src=10.0.0.0/8,actions=drop\n");
    /* Other priority, or disjoint: fine. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "priority=101,ip,nw_dst=1.2.3.4,"
                                 "actions=drop", NULL, OFPFF_CHECK_OVERLAP),
                     0);
    assert_int_equal(do_flow_mod(ofproto, OFPFC_ADD,
                                 "priority=100,ip,nw_src=11.0.0.0/8,"
                                 "actions=drop", NULL, OFPFF_CHECK_OVERLAP),
                     0);
    assert_int_equal(ofproto_table_count(ofproto, 0), 3);
    ofproto_destroy(ofproto);
}

static void
test_versions_and_batch(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    const char *strs[] = {
        "priority=10,ip,actions=drop",
        "priority=20,tcp,actions=output:1",
        "priority=10,ip,nw_dst=1.0.0.0/8,actions=drop",
    };
    struct ofp_flow_mod fms[4];
    ovs_version_t v;
    size_t failed = 99;

    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    v = ofproto->tables_version;
    add(ofproto, "priority=1,actions=drop");
    assert_int_equal(ofproto->tables_version, v + 1);

    for (size_t i = 0; i < 3; i++) {
        assert_null(ofp_parse_flow_mod(strs[i], OFPFC_ADD, NULL, &fms[i]));
    }
    /* The third overlaps the first one of the same batch: nothing of the
     * batch stays, the version does not move. */
    fms[2].flags |= OFPFF_CHECK_OVERLAP;
    v = ofproto->tables_version;
    assert_int_equal(ofproto_flow_mod_batch(ofproto, fms, 3, NULL, &failed),
                     OFPERR_OFPFMFC_OVERLAP);
    assert_int_equal(failed, 2);
    assert_int_equal(ofproto->tables_version, v);
    check_dump(ofproto, "priority=1,actions=drop\n");

    /* Without the flag: all at one new version; a delete in the same batch
     * sees the adds before it. */
    fms[2].flags = 0;
    assert_null(ofp_parse_flow_mod("tcp", OFPFC_DELETE, NULL, &fms[3]));
    assert_int_equal(ofproto_flow_mod_batch(ofproto, fms, 4, NULL, &failed),
                     0);
    assert_int_equal(ofproto->tables_version, v + 1);
    check_dump(ofproto,
               "priority=1,actions=drop\n"
               "priority=10,ip,actions=drop\n"
               "priority=10,ip,nw_dst=1.0.0.0/8,actions=drop\n");
    for (size_t i = 0; i < 4; i++) {
        ofp_flow_mod_uninit(&fms[i]);
    }

    /* A failing modify after a delete in a batch restores the deleted
     * rule. */
    assert_null(ofp_parse_flow_mod("priority=1", OFPFC_DELETE_STRICT, NULL,
                                   &fms[0]));
    assert_null(ofp_parse_flow_mod("ip,actions=goto_table:0", OFPFC_MODIFY,
                                   NULL, &fms[1]));
    fms[1].table_id = 0;
    fms[1].new_cookie = UINT64_MAX;
    assert_int_equal(ofproto_flow_mod_batch(ofproto, fms, 2, NULL, &failed),
                     OFPERR_OFPBIC_BAD_TABLE_ID);
    assert_int_equal(failed, 1);
    check_dump(ofproto,
               "priority=1,actions=drop\n"
               "priority=10,ip,actions=drop\n"
               "priority=10,ip,nw_dst=1.0.0.0/8,actions=drop\n");
    ofp_flow_mod_uninit(&fms[0]);
    ofp_flow_mod_uninit(&fms[1]);
    ofproto_destroy(ofproto);
}

static void
test_timeouts(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    long long now = time_msec();
    struct rule *r;

    ofproto_set_fail_mode(ofproto, OFPROTO_FAIL_SECURE);
    add(ofproto, "priority=1,ip,idle_timeout=2,send_flow_rem,cookie=0x1,"
        "actions=drop");
    add(ofproto, "priority=2,ip,hard_timeout=5,send_flow_rem,cookie=0x2,"
        "actions=drop");
    add(ofproto, "priority=3,ip,idle_timeout=3,actions=drop");
    add(ofproto, "priority=4,ip,actions=drop");
    assert_true(ofproto_next_expiry(ofproto) <= now + 2000 + 100);

    /* Nothing yet. */
    ofproto_expire_rules(ofproto, now + 1000);
    assert_int_equal(ofproto_table_count(ofproto, 0), 4);

    /* Traffic keeps the idle rule alive. */
    r = find_rule(ofproto, 0, "priority=1,ip");
    ofproto_rule_credit(r, 1, 60, now + 1500);
    ofproto_expire_rules(ofproto, now + 2500);
    assert_int_equal(ofproto_table_count(ofproto, 0), 4);

    /* Idle expiry; the rule without send_flow_rem sends nothing. */
    ofproto_expire_rules(ofproto, now + 3600);
    check_dump(ofproto, "cookie=0x2 priority=2,ip,actions=drop\n"
               "priority=4,ip,actions=drop\n");
    assert_int_equal(n_removed, 1);
    assert_int_equal(removed[0].reason, OFPRR_IDLE_TIMEOUT);
    assert_int_equal(removed[0].cookie, 1);
    assert_int_equal(removed[0].packet_count, 1);
    assert_int_equal(removed[0].byte_count, 60);
    assert_int_equal(removed[0].idle_timeout, 2);

    /* Hard expiry, whatever the traffic. */
    r = find_rule(ofproto, 0, "priority=2,ip");
    ofproto_rule_credit(r, 1, 60, now + 4900);
    ofproto_expire_rules(ofproto, now + 5100);
    check_dump(ofproto, "priority=4,ip,actions=drop\n");
    assert_int_equal(n_removed, 2);
    assert_int_equal(removed[1].reason, OFPRR_HARD_TIMEOUT);
    assert_int_equal(removed[1].hard_timeout, 5);
    assert_int_equal(ofproto_next_expiry(ofproto), LLONG_MAX);

    /* ofproto_run() expires by the real clock: nothing yet. */
    add(ofproto, "priority=5,ip,hard_timeout=1,actions=drop");
    ofproto_run(ofproto);
    assert_int_equal(ofproto_table_count(ofproto, 0), 2);
    ofproto_destroy(ofproto);
}

static void
test_hidden(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    struct ofpacts acts;
    struct match match;
    char *all;

    ofpacts_init(&acts);
    ofpacts_put(&acts, OFPACT_OUTPUT)->output.port = OFPP_NORMAL;
    match_init_catchall(&match);
    ofproto_add_hidden_flow(ofproto, &match, 0xf0f0f0, &acts);
    check_dump(ofproto, "priority=0,actions=NORMAL\n");
    all = dump(ofproto, true);
    assert_string_equal(all, "priority=0,actions=NORMAL\n"
                        "priority=15790320,actions=NORMAL\n");
    free(all);

    /* Controllers' deletes leave it alone; lookups find it. */
    assert_int_equal(do_flow_mod(ofproto, OFPFC_DELETE, "", NULL, 0), 0);
    assert_int_equal(ofproto_table_count(ofproto, 0), 1);
    {
        struct flow flow;
        struct rule *r;

        memset(&flow, 0, sizeof flow);
        r = ofproto_rule_lookup(ofproto, 0, &flow, NULL);
        assert_non_null(r);
        assert_true(r->hidden);
    }
    ofproto_delete_hidden_flow(ofproto, &match, 0xf0f0f0);
    assert_int_equal(ofproto_table_count(ofproto, 0), 0);
    ofpacts_uninit(&acts);
    ofproto_destroy(ofproto);
}

/* Tests: OpenFlow requests. */

static void
test_table_stats(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    struct ofconn *c = ofconn_new(OFP13_VERSION);
    struct ofp_table_stats *ts;
    struct flow flow;
    size_t n;

    add(ofproto, "table=1,priority=5,ip,actions=drop");
    memset(&flow, 0, sizeof flow);
    assert_non_null(ofproto_rule_lookup(ofproto, 0, &flow, NULL));
    assert_null(ofproto_rule_lookup(ofproto, 1, &flow, NULL));
    flow.dl_type = htons(ETH_TYPE_IP);
    assert_non_null(ofproto_rule_lookup(ofproto, 1, &flow, NULL));

    assert_int_equal(handle_empty(ofproto, c, OFPTYPE_TABLE_STATS_REQUEST),
                     0);
    assert_int_equal(c->n_sent, 1);
    assert_int_equal(ofp_decode_table_stats_reply(c->sent[0]->data,
                                                  c->sent[0]->size, &ts, &n),
                     0);
    assert_int_equal(n, OFPROTO_N_TABLES);
    assert_int_equal(ts[0].active_count, 1);
    assert_int_equal(ts[0].lookup_count, 1);
    assert_int_equal(ts[0].matched_count, 1);
    assert_int_equal(ts[1].active_count, 1);
    assert_int_equal(ts[1].lookup_count, 2);
    assert_int_equal(ts[1].matched_count, 1);
    assert_int_equal(ts[2].active_count, 0);
    free(ts);
    ofconn_free(c);
    ofproto_destroy(ofproto);
}

/* Checks that the replies on 'c' form one multipart reply: each message
 * at most 64 KiB, REPLY_MORE on all but the last; returns the number of
 * flows in them. */
static size_t
count_flow_stats_replies(struct ofconn *c, size_t *n_msgs)
{
    size_t total = 0;

    for (size_t i = 0; i < c->n_sent; i++) {
        struct ofp_msg_info info;
        struct ofp_flow_stats *fs;
        size_t n;

        assert_true(c->sent[i]->size <= 65535);
        assert_int_equal(ofptype_decode(c->sent[i]->data, c->sent[i]->size,
                                        &info), 0);
        assert_int_equal(info.type, OFPTYPE_FLOW_STATS_REPLY);
        assert_int_equal(info.xid, 9);
        assert_int_equal(info.stats_flags & OFPSF_REPLY_MORE,
                         i + 1 < c->n_sent ? OFPSF_REPLY_MORE : 0);
        assert_int_equal(ofp_decode_flow_stats_reply(c->sent[i]->data,
                                                     c->sent[i]->size,
                                                     &fs, &n), 0);
        total += n;
        ofp_flow_stats_free(fs, n);
    }
    *n_msgs = c->n_sent;
    return total;
}

static void
test_multipart_flow_dump(void **state OVS_UNUSED)
{
    const enum ofp_protocol protos[] = {
        OFP_PROTO_OF13, OFP_PROTO_OF10, OFP_PROTO_OF10_NXM
    };
    struct ofproto *ofproto = bridge_create("dummy");

    for (int i = 0; i < 2000; i++) {
        char s[128];

        snprintf(s, sizeof s, "priority=%d,ip,nw_src=10.%d.%d.1,"
                 "actions=output:%d", 100 + i % 7, i / 250, i % 250,
                 1 + i % 10);
        add(ofproto, s);
    }
    for (size_t p = 0; p < ARRAY_SIZE(protos); p++) {
        struct ofconn *c = ofconn_new(ofp_protocol_version(protos[p]));
        struct ofp_flow_stats_request fsr;
        struct ofpbuf b;
        size_t n_msgs;

        c->protocol = protos[p];
        memset(&fsr, 0, sizeof fsr);
        match_init_catchall(&fsr.match);
        fsr.out_port = OFPP_NONE;
        fsr.out_group = OFPG_ANY;
        fsr.table_id = OFPTT_ALL;
        ofpbuf_init(&b);
        ofp_encode_flow_stats_request(&b, &fsr, protos[p], 9);
        assert_int_equal(handle(ofproto, c, &b), 0);
        assert_int_equal(count_flow_stats_replies(c, &n_msgs), 2001);
        assert_true(n_msgs >= 2);
        ofconn_clear(c);

        /* Aggregate over the same rules, filtered by out_port. */
        fsr.aggregate = true;
        fsr.out_port = 3;
        ofpbuf_init(&b);
        ofp_encode_flow_stats_request(&b, &fsr, protos[p], 10);
        assert_int_equal(handle(ofproto, c, &b), 0);
        assert_int_equal(c->n_sent, 1);
        {
            struct ofp_aggregate_stats as;

            assert_int_equal(ofp_decode_aggregate_reply(c->sent[0]->data,
                                                        c->sent[0]->size,
                                                        &as), 0);
            assert_int_equal(as.flow_count, 200);
        }
        ofconn_free(c);
    }
    ofproto_destroy(ofproto);
}

/* The requests tests share a dummy bridge with port p1 and datapath id
 * 0x1234, and an OpenFlow 1.0 and an OpenFlow 1.3 connection. */
static struct ofproto *req_ofproto;
static struct ofconn *req_c10, *req_c13;

static int
requests_setup(void **state OVS_UNUSED)
{
    req_ofproto = bridge_create("dummy");
    req_c10 = ofconn_new(OFP10_VERSION);
    req_c13 = ofconn_new(OFP13_VERSION);
    assert_int_equal(ofproto_port_add(req_ofproto,
                                      &(struct ofproto_port_spec) {
                                          .name = "p1", .type = "",
                                          .ofp_port = OFPP_NONE },
                                      NULL, NULL), 0);
    ofproto_set_datapath_id(req_ofproto, 0x1234);
    return 0;
}

static int
requests_teardown(void **state OVS_UNUSED)
{
    ofconn_free(req_c10);
    ofconn_free(req_c13);
    ofproto_destroy(req_ofproto);
    req_ofproto = NULL;
    return 0;
}

#define REQUEST_VARS                                    \
    struct ofproto *ofproto = req_ofproto;              \
    struct ofconn *c10 OVS_UNUSED = req_c10;            \
    struct ofconn *c13 OVS_UNUSED = req_c13

static void
test_req_features_and_stats(void **state OVS_UNUSED)
{
    REQUEST_VARS;
    struct ofp_switch_features sf;
    struct ofp_msg_info info;
    struct ofp_desc desc;
    struct ofp_port *ports;
    size_t n;

    /* FEATURES: datapath id, tables, ports in 1.0. */
    assert_int_equal(handle_empty(ofproto, c10, OFPTYPE_FEATURES_REQUEST),
                     0);
    assert_int_equal(c10->n_sent, 1);
    assert_int_equal(ofp_decode_features_reply(c10->sent[0]->data,
                                               c10->sent[0]->size, &sf), 0);
    assert_int_equal(sf.datapath_id, 0x1234);
    assert_int_equal(sf.n_tables, 254);
    assert_int_equal(sf.n_ports, 2);
    free(sf.ports);
    ofconn_clear(c10);

    /* BARRIER. */
    assert_int_equal(handle_empty(ofproto, c13, OFPTYPE_BARRIER_REQUEST), 0);
    assert_int_equal(ofptype_decode(c13->sent[0]->data, c13->sent[0]->size,
                                    &info), 0);
    assert_int_equal(info.type, OFPTYPE_BARRIER_REPLY);
    assert_int_equal(info.xid, 77);
    ofconn_clear(c13);

    /* DESC. */
    ofproto_set_dp_desc(ofproto, "my bridge");
    assert_int_equal(handle_empty(ofproto, c13, OFPTYPE_DESC_STATS_REQUEST),
                     0);
    assert_int_equal(ofp_decode_desc_reply(c13->sent[0]->data,
                                           c13->sent[0]->size, &desc), 0);
    assert_string_equal(desc.mfr_desc, "Nicira, Inc.");
    assert_string_equal(desc.sw_desc, PACKAGE_VERSION);
    assert_string_equal(desc.dp_desc, "my bridge");
    ofconn_clear(c13);

    /* PORT_DESC, LOCAL last. */
    assert_int_equal(handle_empty(ofproto, c13,
                                  OFPTYPE_PORT_DESC_STATS_REQUEST), 0);
    assert_int_equal(ofp_decode_port_desc_reply(c13->sent[0]->data,
                                                c13->sent[0]->size, &ports,
                                                &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ports[0].port_no, 1);
    assert_string_equal(ports[0].name, "p1");
    assert_int_equal(ports[1].port_no, OFPP_LOCAL);
    free(ports);
    ofconn_clear(c13);

    /* TABLE_FEATURES: one reply. */
    assert_int_equal(handle_empty(ofproto, c13,
                                  OFPTYPE_TABLE_FEATURES_STATS_REQUEST), 0);
    assert_int_equal(c13->n_sent, 1);
    ofconn_clear(c13);

    /* PORT stats of one port, and of an unknown one. */
    {
        struct ofp_port_stats *ps;
        struct ofpbuf b;

        ofpbuf_init(&b);
        ofp_encode_port_stats_request(&b, 1, OFP13_VERSION, 5);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        assert_int_equal(ofp_decode_port_stats_reply(c13->sent[0]->data,
                                                     c13->sent[0]->size,
                                                     &ps, &n), 0);
        assert_int_equal(n, 1);
        assert_int_equal(ps[0].port_no, 1);
        free(ps);
        ofconn_clear(c13);
        ofpbuf_init(&b);
        ofp_encode_port_stats_request(&b, 9, OFP13_VERSION, 5);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        assert_int_equal(ofp_decode_port_stats_reply(c13->sent[0]->data,
                                                     c13->sent[0]->size,
                                                     &ps, &n), 0);
        assert_int_equal(n, 0);
        free(ps);
        ofconn_clear(c13);
    }
}

static void
test_req_flow_mod_config_role(void **state OVS_UNUSED)
{
    REQUEST_VARS;

    /* FLOW_MOD through OpenFlow, and refused for a slave. */
    {
        struct ofp_flow_mod fm;
        struct ofpbuf b;

        assert_null(ofp_parse_flow_mod("priority=9,ip,actions=drop",
                                       OFPFC_ADD, NULL, &fm));
        fm.table_id = 0;
        ofpbuf_init(&b);
        ofp_encode_flow_mod(&b, &fm, OFP_PROTO_OF13, 3);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        assert_non_null(find_rule(ofproto, 0, "priority=9,ip"));

        c13->role = OFPCR_ROLE_SLAVE;
        ofpbuf_init(&b);
        ofp_encode_flow_mod(&b, &fm, OFP_PROTO_OF13, 4);
        assert_int_equal(handle(ofproto, c13, &b), OFPERR_OFPBRC_IS_SLAVE);
        c13->role = OFPCR_ROLE_EQUAL;
        ofp_flow_mod_uninit(&fm);
    }

    /* GET_CONFIG after SET_CONFIG. */
    {
        struct ofp_switch_config sc = { .flags = 1, .miss_send_len = 200 };
        struct ofpbuf b;

        ofpbuf_init(&b);
        ofp_encode_switch_config(&b, OFPTYPE_SET_CONFIG, &sc, OFP13_VERSION,
                                 6);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        assert_int_equal(c13->miss_send_len, 200);
        assert_int_equal(handle_empty(ofproto, c13,
                                      OFPTYPE_GET_CONFIG_REQUEST), 0);
        memset(&sc, 0, sizeof sc);
        assert_int_equal(ofp_decode_switch_config(c13->sent[0]->data,
                                                  c13->sent[0]->size, &sc),
                         0);
        assert_int_equal(sc.flags, 1);
        assert_int_equal(sc.miss_send_len, 200);
        ofconn_clear(c13);
    }

    /* ROLE_REQUEST. */
    {
        struct ofp_role role = { .role = OFPCR_ROLE_MASTER };
        struct ofpbuf b;

        ofpbuf_init(&b);
        ofp_encode_role(&b, OFPTYPE_ROLE_REQUEST, &role, OFP13_VERSION, 8);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        assert_int_equal(c13->role, OFPCR_ROLE_MASTER);
        memset(&role, 0, sizeof role);
        assert_int_equal(ofp_decode_role(c13->sent[0]->data,
                                         c13->sent[0]->size, &role), 0);
        assert_int_equal(role.role, OFPCR_ROLE_MASTER);
        ofconn_clear(c13);
    }
}

static void
test_req_port_mod_and_nx(void **state OVS_UNUSED)
{
    REQUEST_VARS;

    /* PORT_MOD: wrong hardware address, then a good one. */
    {
        struct ofport *p1 = ofproto_get_port(ofproto, 1);
        struct ofp_port_mod pm = {
            .port_no = 1, .config = OFPPC_NO_FWD, .mask = OFPPC_NO_FWD,
        };
        struct ofpbuf b;

        ofpbuf_init(&b);
        ofp_encode_port_mod(&b, &pm, OFP13_VERSION, 11);
        assert_int_equal(handle(ofproto, c13, &b),
                         OFPERR_OFPPMFC_BAD_HW_ADDR);
        pm.hw_addr = p1->pp.hw_addr;
        n_port_status = 0;
        ofpbuf_init(&b);
        ofp_encode_port_mod(&b, &pm, OFP13_VERSION, 12);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        assert_true(p1->pp.config & OFPPC_NO_FWD);
        assert_int_equal(n_port_status, 1);
        assert_int_equal(port_status_reasons[0], OFPPR_MODIFY);
        pm.port_no = 77;
        ofpbuf_init(&b);
        ofp_encode_port_mod(&b, &pm, OFP13_VERSION, 13);
        assert_int_equal(handle(ofproto, c13, &b), OFPERR_OFPPMFC_BAD_PORT);
    }

    /* NXT_FLOW_MOD_TABLE_ID, NXT_SET_FLOW_FORMAT. */
    {
        struct ofpbuf b;

        ofpbuf_init(&b);
        ofp_encode_flow_mod_table_id(&b, true, 14);
        assert_int_equal(handle(ofproto, c10, &b), 0);
        assert_true(c10->table_id_ext);
        ofpbuf_init(&b);
        ofp_encode_nx_u32(&b, OFPTYPE_NXT_SET_FLOW_FORMAT, NXFF_OPENFLOW10,
                          15);
        assert_int_equal(handle(ofproto, c10, &b), 0);
        assert_int_equal(c10->protocol, OFP_PROTO_OF10);
    }
}

static void
test_req_packet_out(void **state OVS_UNUSED)
{
    REQUEST_VARS;

    /* PACKET_OUT with a bad in_port, a buffer, then a good one. */
    {
        struct ofp_packet_out po = {
            .buffer_id = OFP_NO_BUFFER, .in_port = 0xff01,
            .packet = "0123456789abcdef", .packet_len = 16,
        };
        struct ofpacts acts;
        struct ofpbuf b;

        ofpacts_init(&acts);
        ofpacts_put(&acts, OFPACT_OUTPUT)->output.port = 1;
        ofpbuf_init(&b);
        ofp_encode_packet_out(&b, &po, &acts, OFP10_VERSION, 16);
        assert_int_equal(handle(ofproto, c10, &b), OFPERR_OFPBRC_BAD_PORT);
        po.in_port = OFPP_CONTROLLER;
        po.buffer_id = 5;
        ofpbuf_init(&b);
        ofp_encode_packet_out(&b, &po, &acts, OFP13_VERSION, 17);
        assert_int_equal(handle(ofproto, c13, &b),
                         OFPERR_OFPBRC_BUFFER_UNKNOWN);
        po.buffer_id = OFP_NO_BUFFER;
        ofpbuf_init(&b);
        ofp_encode_packet_out(&b, &po, &acts, OFP13_VERSION, 18);
        assert_int_equal(handle(ofproto, c13, &b), 0);
        ofpacts_uninit(&acts);
    }
}

/* Tests: ports. */

static int
port_add(struct ofproto *ofproto, const char *name, const char *type,
         ofp_port_t wanted, ofp_port_t *got, char **errp)
{
    struct ofproto_port_spec spec = {
        .name = name, .type = type, .ofp_port = wanted,
    };

    return ofproto_port_add(ofproto, &spec, got, errp);
}

static void
test_ports(void **state OVS_UNUSED)
{
    struct ofproto *ofproto = bridge_create("dummy");
    ofp_port_t p = 0;
    char *err = NULL;

    assert_int_equal(port_add(ofproto, "p1", "", OFPP_NONE, &p, NULL), 0);
    assert_int_equal(p, 1);
    assert_int_equal(port_add(ofproto, "p10", "internal", 10, &p, NULL), 0);
    assert_int_equal(p, 10);
    assert_int_equal(port_add(ofproto, "p2", "tap", OFPP_NONE, &p, NULL), 0);
    assert_int_equal(p, 2);
    /* The wanted number is taken: the lowest free one. */
    assert_int_equal(port_add(ofproto, "p3", "system", 10, &p, NULL), 0);
    assert_int_equal(p, 3);
    assert_int_equal(ofproto_n_ports(ofproto), 5);
    assert_int_equal(n_port_status, 4);
    assert_int_equal(port_status_reasons[3], OFPPR_ADD);
    assert_int_equal(port_status_ports[3], 3);

    assert_int_equal(ofproto_port_del(ofproto, 2), 0);
    assert_int_equal(port_status_reasons[4], OFPPR_DELETE);
    assert_int_equal(port_status_ports[4], 2);
    assert_int_equal(ofproto_port_del(ofproto, 2), ENOENT);
    assert_int_equal(port_add(ofproto, "p4", "", OFPP_NONE, &p, NULL), 0);
    assert_int_equal(p, 2);
    assert_string_equal(ofproto_get_port(ofproto, 2)->name, "p4");
    assert_ptr_equal(ofproto_get_port_by_name(ofproto, "p10"),
                     ofproto_get_port(ofproto, 10));
    assert_int_equal(ofproto_get_port(ofproto, 10)->odp_port, ODPP_NONE);

    /* Errors. */
    assert_int_equal(port_add(ofproto, "p1", "", OFPP_NONE, &p, &err),
                     EEXIST);
    assert_non_null(err);
    free(err);
    err = NULL;
    assert_int_equal(port_add(ofproto, "x", "bogus", OFPP_NONE, &p, &err),
                     EAFNOSUPPORT);
    assert_string_equal(err, "could not open network device x (Address "
                        "family not supported by protocol)");
    free(err);
    err = NULL;
    assert_int_equal(port_add(ofproto, "pp", "patch", OFPP_NONE, &p, &err),
                     EINVAL);
    free(err);
    err = NULL;
    assert_int_equal(port_add(ofproto, "vx", "vxlan", OFPP_NONE, &p, &err),
                     EINVAL);
    free(err);
    assert_int_equal(ofproto_port_del(ofproto, OFPP_LOCAL), EINVAL);

    /* Patch ports and VLAN configuration. */
    {
        const char *keys[] = { "peer" }, *values[] = { "patch-b" };
        struct ofproto_port_spec spec = {
            .name = "patch-a", .type = "patch", .ofp_port = OFPP_NONE,
            .option_keys = keys, .option_values = values, .n_options = 1,
        };
        unsigned long trunks[4096 / (8 * sizeof(unsigned long))] = { 0 };
        struct ofport *port;

        assert_int_equal(ofproto_port_add(ofproto, &spec, &p, NULL), 0);
        port = ofproto_get_port(ofproto, p);
        assert_string_equal(port->peer, "patch-b");
        assert_string_equal(port->type, "patch");
        trunks[0] = 0x6;
        ofproto_port_set_vlan(ofproto, p, OFPORT_VLAN_TRUNK, -1, trunks);
        assert_int_equal(port->trunks[0], 0x6);
        ofproto_port_set_vlan(ofproto, p, OFPORT_VLAN_ACCESS, 5, NULL);
        assert_null(port->trunks);
        assert_int_equal(port->tag, 5);
    }
    ofproto_destroy(ofproto);
}

static int
tunnel_add(struct ofproto *ofproto, const char *name, const char *remote,
           const char *key)
{
    const char *keys[2] = { "remote_ip", "key" };
    const char *values[2] = { remote, key };
    struct ofproto_port_spec spec = {
        .name = name, .type = "vxlan", .ofp_port = OFPP_NONE,
        .option_keys = keys, .option_values = values,
        .n_options = key ? 2 : 1,
    };
    ofp_port_t p;

    assert_int_equal(ofproto_port_add(ofproto, &spec, &p, NULL), 0);
    return p;
}

static ofp_port_t
from_odp(odp_port_t odp, const char *src, uint64_t key)
{
    struct flow_tnl tnl;
    struct ofproto *ofproto = NULL;
    ofp_port_t p = OFPP_NONE;

    memset(&tnl, 0, sizeof tnl);
    assert_true(ip_parse(src, &tnl.ip_src));
    tnl.tun_id = htonll(key);
    if (!ofproto_port_from_odp(odp, &tnl, &ofproto, &p)) {
        return OFPP_NONE;
    }
    assert_non_null(ofproto);
    return p;
}

/* PACKET_OUT on a "system" bridge goes through translation and the
 * datapath, from the odp port of its in_port ('p1', odp port 1). */
static void
check_system_packet_out(struct ofproto *ofproto, ofp_port_t p1_kept)
{
    struct ofconn *c = ofconn_new(OFP13_VERSION);
    struct ofp_packet_out po = {
        .buffer_id = OFP_NO_BUFFER, .in_port = p1_kept,
        .packet = "0123456789abcdef0123", .packet_len = 20,
    };
    struct ofpacts acts;
    struct ofpbuf b;

    ofpacts_init(&acts);
    ofpacts_put(&acts, OFPACT_OUTPUT)->output.port = OFPP_FLOOD;
    ofpbuf_init(&b);
    ofp_encode_packet_out(&b, &po, &acts, OFP13_VERSION, 1);
    n_packet_ins = 0;
    assert_int_equal(handle(ofproto, c, &b), 0);
    assert_int_equal(n_xlate_packet_outs, 1);
    assert_int_equal(xlate_in_port, p1_kept);
    assert_int_equal(executed_in_port, 1);
    assert_int_equal(executed_len, 20);
    assert_int_equal(executed_actions_len, 4);
    assert_int_equal(n_packet_ins, 1);

    /* From the controller: the local port. */
    po.in_port = OFPP_CONTROLLER;
    ofpbuf_init(&b);
    ofp_encode_packet_out(&b, &po, &acts, OFP13_VERSION, 2);
    assert_int_equal(handle(ofproto, c, &b), 0);
    assert_int_equal(executed_in_port, ODPP_LOCAL);
    ofpacts_uninit(&acts);
    ofconn_free(c);
}

static void
test_system_ports_and_tunnels(void **state OVS_UNUSED)
{
    struct ofp_port_stats ps;
    ofp_port_t vx1, vx2, vx3, vx4, p1, p1_kept;
    struct ofproto *ofproto;
    struct ofport *local;
    odp_port_t odp;
    char *err = NULL;

    memset(fake_ports, 0, sizeof fake_ports);
    fake_port_dels = 0;
    fake_dp_deleted = false;
    ofproto = bridge_create("system");
    local = ofproto_get_port(ofproto, OFPP_LOCAL);

    assert_non_null(ofproto->dpif);
    assert_ptr_equal(ofproto_type_get_dpif("system"), ofproto->dpif);
    assert_ptr_equal(ofproto_type_get_dpif(""), ofproto->dpif);
    assert_null(ofproto_type_get_dpif("dummy"));
    assert_int_equal(local->odp_port, 0);
    assert_int_equal(ofproto->datapath_id, 0x020000000042ULL);

    assert_int_equal(port_add(ofproto, "p1", "", OFPP_NONE, &p1, NULL), 0);
    assert_int_equal(ofproto_get_port(ofproto, p1)->odp_port, 1);
    p1_kept = p1;
    assert_int_equal(port_add(ofproto, "missing0", "", OFPP_NONE, &p1, &err),
                     ENODEV);
    assert_string_equal(err, "could not add network device missing0 to "
                        "ofproto (No such device)");
    free(err);

    /* Port statistics come from the datapath. */
    assert_int_equal(ofproto_port_get_stats(ofproto_get_port(ofproto, 1),
                                            &ps), 0);
    assert_int_equal(ps.rx_packets, 11);
    assert_int_equal(ps.tx_bytes, 1001);

    vx1 = tunnel_add(ofproto, "vx1", "1.1.1.1", "5");
    vx2 = tunnel_add(ofproto, "vx2", "flow", "5");
    vx3 = tunnel_add(ofproto, "vx3", "1.1.1.1", "flow");
    vx4 = tunnel_add(ofproto, "vx4", "2.2.2.2", NULL);
    odp = ofproto_get_port(ofproto, vx1)->odp_port;
    assert_int_equal(odp, 2);
    assert_int_equal(ofproto_get_port(ofproto, vx4)->odp_port, odp);
    assert_true(ofproto_get_port(ofproto, vx4)->tunnel.out_key_present);

    assert_int_equal(from_odp(odp, "1.1.1.1", 5), vx1);
    assert_int_equal(from_odp(odp, "3.3.3.3", 5), vx2);
    assert_int_equal(from_odp(odp, "1.1.1.1", 7), vx3);
    assert_int_equal(from_odp(odp, "2.2.2.2", 0), vx4);
    assert_int_equal(from_odp(odp, "9.9.9.9", 9), OFPP_NONE);
    assert_int_equal(from_odp(1, "0.0.0.0", 0), 1);
    assert_int_equal(from_odp(0, "0.0.0.0", 0), OFPP_LOCAL);
    assert_int_equal(from_odp(17, "0.0.0.0", 0), OFPP_NONE);

    /* The shared vport goes with its last tunnel port. */
    assert_int_equal(ofproto_port_del(ofproto, vx1), 0);
    assert_int_equal(ofproto_port_del(ofproto, vx2), 0);
    assert_int_equal(ofproto_port_del(ofproto, vx3), 0);
    assert_int_equal(fake_port_dels, 0);
    assert_true(last_udpif->n_revalidate_now >= 3);
    assert_int_equal(ofproto_port_del(ofproto, vx4), 0);
    assert_int_equal(fake_port_dels, 1);
    assert_int_equal(from_odp(odp, "2.2.2.2", 0), OFPP_NONE);

    check_system_packet_out(ofproto, p1_kept);

    /* Keeping the datapath leaves the ports; a new bridge adopts them. */
    ofproto_destroy_keep_datapath(ofproto);
    assert_int_equal(fake_port_dels, 1);
    assert_false(fake_dp_deleted);
    ofproto = bridge_create("system");
    assert_int_equal(ofproto_get_port(ofproto, OFPP_LOCAL)->odp_port, 0);
    assert_int_equal(port_add(ofproto, "p1", "", OFPP_NONE, &p1, NULL), 0);
    assert_int_equal(ofproto_get_port(ofproto, p1)->odp_port, 1);

    /* Destroying removes them and the datapath. */
    ofproto_destroy(ofproto);
    assert_int_equal(fake_port_dels, 3);
    assert_true(fake_dp_deleted);
}

/* Destroys the bridges a failed test left behind. */
static int
teardown(void **state OVS_UNUSED)
{
    struct ofproto *ofproto;

    while ((ofproto = ofproto_first()) != NULL) {
        ofproto_destroy(ofproto);
    }
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_create_default_flow, teardown),
        cmocka_unit_test_teardown(test_add_replace_counters, teardown),
        cmocka_unit_test_teardown(test_modify, teardown),
        cmocka_unit_test_teardown(test_delete, teardown),
        cmocka_unit_test_teardown(test_overlap, teardown),
        cmocka_unit_test_teardown(test_versions_and_batch, teardown),
        cmocka_unit_test_teardown(test_timeouts, teardown),
        cmocka_unit_test_teardown(test_hidden, teardown),
        cmocka_unit_test_teardown(test_table_stats, teardown),
        cmocka_unit_test_teardown(test_multipart_flow_dump, teardown),
        cmocka_unit_test_setup_teardown(test_req_features_and_stats,
                                        requests_setup, requests_teardown),
        cmocka_unit_test_setup_teardown(test_req_flow_mod_config_role,
                                        requests_setup, requests_teardown),
        cmocka_unit_test_setup_teardown(test_req_port_mod_and_nx,
                                        requests_setup, requests_teardown),
        cmocka_unit_test_setup_teardown(test_req_packet_out,
                                        requests_setup, requests_teardown),
        cmocka_unit_test_teardown(test_ports, teardown),
        cmocka_unit_test_teardown(test_system_ports_and_tunnels, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
