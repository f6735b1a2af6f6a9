/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovs-ofctl: an OpenFlow command-line client for a switch's management
 * socket (or any OpenFlow target).  Flow-table commands that need more
 * than one exchange are in ofctl-flows.c. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "ofctl.h"
#include "ofp-actions.h"
#include "ofp-print.h"
#include "ofpbuf.h"
#include "stream.h"
#include "util.h"
#include "vconn.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovs_ofctl);

uint32_t ofctl_versions = 1u << OFP10_VERSION;
bool ofctl_strict;
bool ofctl_bundle;
bool ofctl_no_stats;
int ofctl_names = -1;
const char *ofctl_sort_field;
bool ofctl_sort_reverse;
static bool versions_given;

/* Connections. */

/* Turns a command-line target into a vconn name: "unix:", "tcp:", "ssl:"
 * names as they are, a bridge name into its management socket in the run
 * directory, a path into "unix:PATH". */
static char *
target_to_vconn_name(const char *target)
{
    struct stat st;
    char *path;

    if (strchr(target, ':')) {
        return xstrdup(target);
    }
    path = xasprintf("%s/%s.mgmt", ovs_rundir(), target);
    if (!stat(path, &st) && S_ISSOCK(st.st_mode)) {
        char *name = xasprintf("unix:%s", path);

        free(path);
        return name;
    }
    free(path);
    if (!stat(target, &st) && S_ISSOCK(st.st_mode)) {
        return xasprintf("unix:%s", target);
    }
    ovs_fatal(0, "%s is not a bridge or a socket", target);
}

struct vconn *
ofctl_open(const char *target)
{
    char *name = target_to_vconn_name(target);
    struct vconn *vconn;
    int error;

    error = vconn_open_block(name, ofctl_versions, &vconn);
    if (error == EPROTO) {
        ovs_fatal(0, "%s: failed to negotiate an OpenFlow version", name);
    } else if (error) {
        ovs_fatal(0, "connecting to %s (%s)", name, ovs_retval_to_string(
                      error));
    }
    free(name);
    return vconn;
}

/* Stock ovs-ofctl opens extra connections for name lookups, each taking a
 * transaction id; skipping as many keeps our xids (which the output shows)
 * the same. */
void
ofctl_burn_xids(struct vconn *vconn, int n)
{
    while (n-- > 0) {
        vconn_next_xid(vconn);
    }
}

struct ofpbuf *
ofctl_new_msg(void)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b);
    return b;
}

static void
print_msg(FILE *stream, const struct ofpbuf *msg)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ofp_print_msg(&s, msg->data, msg->size);
    fputs(ds_cstr(&s), stream);
    ds_destroy(&s);
}

/* Sends 'requests' with a barrier; on an ERROR reply prints it to stderr
 * and exits with status 1. */
void
ofctl_transact_noreply(struct vconn *vconn, struct ofpbuf **requests,
                       size_t n)
{
    struct ofpbuf *error_msg;
    int error = vconn_transact_noreply(vconn, requests, n, &error_msg);

    if (error_msg) {
        print_msg(stderr, error_msg);
        vconn_msg_free(error_msg);
        exit(1);
    } else if (error) {
        ovs_fatal(0, "%s: transaction error (%s)", vconn_get_name(vconn),
                  ovs_retval_to_string(error));
    }
}

/* Exits with the reply printed to stderr if 'reply' is not of type
 * 'expected'. */
void
ofctl_check_reply(const struct ofpbuf *reply, enum ofptype expected)
{
    struct ofp_msg_info info;

    if (ofptype_decode(reply->data, reply->size, &info)) {
        ovs_fatal(0, "received invalid reply");
    }
    if (info.type != expected) {
        print_msg(stderr, reply);
        exit(1);
    }
}

static struct ofpbuf *
transact(struct vconn *vconn, struct ofpbuf *request)
{
    struct ofpbuf *reply;
    int error = vconn_transact(vconn, request, &reply);

    if (error) {
        ovs_fatal(0, "%s: transaction error (%s)", vconn_get_name(vconn),
                  ovs_retval_to_string(error));
    }
    return reply;
}

/* Sends a request with an empty body and prints every reply. */
static void
dump_transaction(struct vconn *vconn, struct ofpbuf *request,
                 enum ofptype expected)
{
    struct ofpbuf **replies;
    size_t n, i;
    int error;

    error = vconn_transact_multipart(vconn, request, &replies, &n);
    if (error) {
        ovs_fatal(0, "%s: transaction error (%s)", vconn_get_name(vconn),
                  ovs_retval_to_string(error));
    }
    for (i = 0; i < n; i++) {
        ofctl_check_reply(replies[i], expected);
        print_msg(stdout, replies[i]);
        vconn_msg_free(replies[i]);
    }
    free(replies);
}

static struct ofpbuf *
empty_request(struct vconn *vconn, enum ofptype type)
{
    struct ofpbuf *b = ofctl_new_msg();

    ofpmsg_put_empty(b, type, vconn_get_version(vconn), false,
                     vconn_next_xid(vconn));
    return b;
}

/* Ports. */

void
ofctl_fetch_ports(struct vconn *vconn, struct ofctl_ports *ports)
{
    uint8_t version = vconn_get_version(vconn);

    ports->ports = NULL;
    ports->n = 0;
    if (version == OFP10_VERSION) {
        struct ofp_switch_features sf;
        struct ofpbuf *reply;

        reply = transact(vconn, empty_request(vconn,
                                              OFPTYPE_FEATURES_REQUEST));
        ofctl_check_reply(reply, OFPTYPE_FEATURES_REPLY);
        if (ofp_decode_features_reply(reply->data, reply->size, &sf)) {
            ovs_fatal(0, "%s: bad features reply", vconn_get_name(vconn));
        }
        ports->ports = sf.ports;
        ports->n = sf.n_ports;
        vconn_msg_free(reply);
    } else {
        struct ofpbuf **replies;
        size_t n, i;

        if (vconn_transact_multipart(vconn, empty_request(
                                         vconn,
                                         OFPTYPE_PORT_DESC_STATS_REQUEST),
                                     &replies, &n)) {
            ovs_fatal(0, "%s: transaction error", vconn_get_name(vconn));
        }
        for (i = 0; i < n; i++) {
            struct ofp_port *pp;
            size_t n_pp;

            ofctl_check_reply(replies[i], OFPTYPE_PORT_DESC_STATS_REPLY);
            if (!ofp_decode_port_desc_reply(replies[i]->data,
                                            replies[i]->size, &pp, &n_pp)) {
                ports->ports = xrealloc(ports->ports,
                                        (ports->n + n_pp) * sizeof *pp);
                memcpy(&ports->ports[ports->n], pp, n_pp * sizeof *pp);
                ports->n += n_pp;
                free(pp);
            }
            vconn_msg_free(replies[i]);
        }
        free(replies);
    }
    /* The next connection's HELLO, in stock. */
    ofctl_burn_xids(vconn, 1);
}

void
ofctl_ports_destroy(struct ofctl_ports *ports)
{
    free(ports->ports);
    ports->ports = NULL;
    ports->n = 0;
}

bool
ofctl_port_by_name(const char *name, ofp_port_t *port, void *ports_)
{
    struct ofctl_ports *ports = ports_;
    size_t i;

    for (i = 0; i < ports->n; i++) {
        if (!strcmp(ports->ports[i].name, name)) {
            *port = ports->ports[i].port_no;
            return true;
        }
    }
    return false;
}

/* The name of 'port' among 'ports_' (a struct ofctl_ports), for
 * ofp_format_set_port_namer(). */
static const char *
ofctl_port_name(ofp_port_t port, void *ports_)
{
    const struct ofctl_ports *ports = ports_;
    size_t i;

    for (i = 0; i < ports->n; i++) {
        if (ports->ports[i].port_no == port) {
            return ports->ports[i].name;
        }
    }
    return NULL;
}

/* Parses a port number or reserved name; returns false if 's' is neither
 * (then it may be a port name). */
static bool
parse_port_number(const char *s, ofp_port_t *port)
{
    static const struct {
        const char *name;
        ofp_port_t port;
    } reserved[] = {
        { "IN_PORT", OFPP_IN_PORT }, { "TABLE", OFPP_TABLE },
        { "NORMAL", OFPP_NORMAL }, { "FLOOD", OFPP_FLOOD },
        { "ALL", OFPP_ALL }, { "CONTROLLER", OFPP_CONTROLLER },
        { "LOCAL", OFPP_LOCAL }, { "NONE", OFPP_NONE },
        { "ANY", OFPP_NONE },
    };
    unsigned int value;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(reserved); i++) {
        if (!strcasecmp(s, reserved[i].name)) {
            *port = reserved[i].port;
            return true;
        }
    }
    if (str_to_uint(s, 10, &value) && value < 0x10000) {
        *port = value;
        return true;
    }
    return false;
}

/* Commands. */

static void
cmd_show(int argc OVS_UNUSED, char *argv[])
{
    struct vconn *vconn = ofctl_open(argv[1]);
    struct ofpbuf *reply;

    reply = transact(vconn, empty_request(vconn, OFPTYPE_FEATURES_REQUEST));
    ofctl_check_reply(reply, OFPTYPE_FEATURES_REPLY);
    print_msg(stdout, reply);
    vconn_msg_free(reply);
    if (vconn_get_version(vconn) != OFP10_VERSION) {
        dump_transaction(vconn, empty_request(
                             vconn, OFPTYPE_PORT_DESC_STATS_REQUEST),
                         OFPTYPE_PORT_DESC_STATS_REPLY);
    }
    ofctl_burn_xids(vconn, 1);
    reply = transact(vconn, empty_request(vconn,
                                          OFPTYPE_GET_CONFIG_REQUEST));
    ofctl_check_reply(reply, OFPTYPE_GET_CONFIG_REPLY);
    print_msg(stdout, reply);
    vconn_msg_free(reply);
    vconn_close(vconn);
}

static void
cmd_dump_ports_desc(int argc OVS_UNUSED, char *argv[])
{
    struct vconn *vconn = ofctl_open(argv[1]);

    dump_transaction(vconn, empty_request(vconn,
                                          OFPTYPE_PORT_DESC_STATS_REQUEST),
                     OFPTYPE_PORT_DESC_STATS_REPLY);
    vconn_close(vconn);
}

static void
cmd_dump_tables(int argc OVS_UNUSED, char *argv[])
{
    struct vconn *vconn = ofctl_open(argv[1]);

    dump_transaction(vconn, empty_request(vconn,
                                          OFPTYPE_TABLE_STATS_REQUEST),
                     OFPTYPE_TABLE_STATS_REPLY);
    vconn_close(vconn);
}

/* Resolves 'arg' to a port number, by name through the switch if need
 * be. */
static ofp_port_t
resolve_port(struct vconn *vconn, const char *arg, struct ofctl_ports *pp)
{
    ofp_port_t port;

    if (parse_port_number(arg, &port)) {
        return port;
    }
    if (!pp->ports) {
        ofctl_fetch_ports(vconn, pp);
    }
    if (!ofctl_port_by_name(arg, &port, pp)) {
        ovs_fatal(0, "%s: couldn't find port `%s'", vconn_get_name(vconn),
                  arg);
    }
    return port;
}

static void
cmd_dump_ports(int argc, char *argv[])
{
    struct vconn *vconn = ofctl_open(argv[1]);
    struct ofctl_ports ports = { NULL, 0 };
    ofp_port_t port = OFPP_NONE;
    struct ofpbuf *request;

    if (argc > 2) {
        port = resolve_port(vconn, argv[2], &ports);
    }
    request = ofctl_new_msg();
    ofp_encode_port_stats_request(request, port, vconn_get_version(vconn),
                                  vconn_next_xid(vconn));
    dump_transaction(vconn, request, OFPTYPE_PORT_STATS_REPLY);
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}

static void
cmd_mod_port(int argc OVS_UNUSED, char *argv[])
{
    static const struct {
        const char *name;
        uint32_t bit;
        bool set;               /* The bit is set for the positive word. */
    } words[] = {
        { "up", OFPPC_PORT_DOWN, false },
        { "down", OFPPC_PORT_DOWN, true },
        { "receive", OFPPC_NO_RECV, false },
        { "no-receive", OFPPC_NO_RECV, true },
        { "forward", OFPPC_NO_FWD, false },
        { "no-forward", OFPPC_NO_FWD, true },
        { "flood", OFPPC_NO_FLOOD, false },
        { "no-flood", OFPPC_NO_FLOOD, true },
        { "packet-in", OFPPC_NO_PACKET_IN, false },
        { "no-packet-in", OFPPC_NO_PACKET_IN, true },
    };
    struct ofctl_ports ports = { NULL, 0 };
    struct ofp_port_mod pm;
    struct vconn *vconn;
    struct ofpbuf *request;
    const struct ofp_port *pp = NULL;
    ofp_port_t port;
    size_t i, w;

    for (w = 0; w < ARRAY_SIZE(words); w++) {
        if (!strcasecmp(argv[3], words[w].name)) {
            break;
        }
    }
    if (w == ARRAY_SIZE(words)) {
        ovs_fatal(0, "unknown mod-port command '%s'", argv[3]);
    }

    vconn = ofctl_open(argv[1]);
    ofctl_fetch_ports(vconn, &ports);
    if (!parse_port_number(argv[2], &port)
        && !ofctl_port_by_name(argv[2], &port, &ports)) {
        ovs_fatal(0, "%s: couldn't find port `%s'", argv[1], argv[2]);
    }
    for (i = 0; i < ports.n; i++) {
        if (ports.ports[i].port_no == port) {
            pp = &ports.ports[i];
        }
    }
    if (!pp) {
        ovs_fatal(0, "%s: couldn't find port `%s'", argv[1], argv[2]);
    }

    memset(&pm, 0, sizeof pm);
    pm.port_no = port;
    pm.hw_addr = pp->hw_addr;
    pm.mask = words[w].bit;
    pm.config = words[w].set ? words[w].bit : 0;
    request = ofctl_new_msg();
    ofp_encode_port_mod(request, &pm, vconn_get_version(vconn),
                        vconn_next_xid(vconn));
    ofctl_transact_noreply(vconn, &request, 1);
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}

/* Flow-table commands. */

static void
parse_flow_or_die(const char *s, int command, struct ofctl_ports *ports,
                  struct ofp_flow_mod *fm)
{
    struct ofp_parse_ports pp = { ofctl_port_by_name, ports };
    char *error = ofp_parse_flow_mod(s, command, &pp, fm);

    if (error) {
        ovs_fatal(0, "%s", error);
    }
}

static void
flow_mod_command(int argc, char *argv[], int command)
{
    struct ofctl_ports ports = { NULL, 0 };
    struct ofp_flow_mod fm;
    struct vconn *vconn = ofctl_open(argv[1]);

    /* Stock looks up table names and port names first. */
    ofctl_burn_xids(vconn, 2);
    ofctl_fetch_ports(vconn, &ports);
    ofp_flow_mod_init(&fm);
    if (argc > 2) {
        parse_flow_or_die(argv[2], command, &ports, &fm);
    } else {
        parse_flow_or_die("", command, &ports, &fm);
    }
    ofctl_send_flow_mods(vconn, &fm, 1);
    ofp_flow_mod_uninit(&fm);
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}

static void
cmd_add_flow(int argc, char *argv[])
{
    flow_mod_command(argc, argv, OFPFC_ADD);
}

static void
cmd_mod_flows(int argc, char *argv[])
{
    flow_mod_command(argc, argv,
                     ofctl_strict ? OFPFC_MODIFY_STRICT : OFPFC_MODIFY);
}

static void
cmd_del_flows(int argc, char *argv[])
{
    flow_mod_command(argc, argv,
                     ofctl_strict ? OFPFC_DELETE_STRICT : OFPFC_DELETE);
}

static void
cmd_add_flows(int argc OVS_UNUSED, char *argv[])
{
    struct ofctl_ports ports = { NULL, 0 };
    struct ofp_parse_ports pp = { ofctl_port_by_name, &ports };
    struct ofp_flow_mod *fms;
    struct vconn *vconn;
    size_t n;

    vconn = ofctl_open(argv[1]);
    ofctl_burn_xids(vconn, 2);
    ofctl_fetch_ports(vconn, &ports);
    ofctl_read_flows(argv[2], OFPFC_ADD, &pp, &fms, &n);
    ofctl_send_flow_mods(vconn, fms, n);
    ofctl_free_flows(fms, n);
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}

static int
compare_flows(const void *a_, const void *b_)
{
    const struct ofp_flow_stats *a = a_, *b = b_;
    int cmp = (a->priority > b->priority) - (a->priority < b->priority);

    if (!cmp) {
        cmp = (a->table_id > b->table_id) - (a->table_id < b->table_id);
    }
    return ofctl_sort_reverse ? -cmp : cmp;
}

static void
dump_flows_or_aggregate(int argc, char *argv[], bool aggregate)
{
    struct ofctl_ports ports = { NULL, 0 };
    struct ofp_parse_ports pp = { ofctl_port_by_name, &ports };
    struct vconn *vconn = ofctl_open(argv[1]);
    uint8_t version = vconn_get_version(vconn);
    bool collect = ofctl_sort_field || ofctl_names > 0;
    const char *filter = argc > 2 ? argv[2] : NULL;

    if (filter) {
        ofctl_fetch_ports(vconn, &ports);
        ofctl_burn_xids(vconn, 2);
    }
    if (aggregate || (!collect && !ofctl_no_stats)) {
        struct ofp_flow_stats_request fsr;
        struct ofp_flow_mod fm;
        struct ofpbuf *request;
        enum ofp_protocol proto = ofctl_dump_protocol(vconn);

        ofp_flow_mod_init(&fm);
        parse_flow_or_die(filter ? filter : "", OFPFC_DELETE, &ports, &fm);
        memset(&fsr, 0, sizeof fsr);
        fsr.aggregate = aggregate;
        fsr.match = fm.match;
        fsr.cookie = fm.cookie;
        fsr.cookie_mask = fm.cookie_mask;
        fsr.out_port = fm.out_port;
        fsr.out_group = fm.out_group;
        fsr.table_id = fm.table_id;
        ofp_flow_mod_uninit(&fm);
        request = ofctl_new_msg();
        ofp_encode_flow_stats_request(request, &fsr, proto,
                                      vconn_next_xid(vconn));
        dump_transaction(vconn, request,
                         aggregate ? OFPTYPE_AGGREGATE_STATS_REPLY
                         : OFPTYPE_FLOW_STATS_REPLY);
    } else {
        struct ofp_flow_stats *fss;
        struct ds s = DS_EMPTY_INITIALIZER;
        size_t n, i;

        ofctl_dump_flows_raw(vconn, filter, &pp, &fss, &n);
        if (ofctl_names > 0) {
            if (!filter) {
                ofctl_fetch_ports(vconn, &ports);
            }
            ofp_format_set_port_namer(ofctl_port_name, &ports);
        }
        if (ofctl_sort_field) {
            qsort(fss, n, sizeof *fss, compare_flows);
        }
        for (i = 0; i < n; i++) {
            fss[i].idle_age = -1;
            fss[i].hard_age = -1;
            ds_clear(&s);
            ofp_print_flow_stats(&s, &fss[i], version, !ofctl_no_stats);
            puts(ds_cstr(&s));
        }
        ds_destroy(&s);
        ofp_flow_stats_free(fss, n);
        ofp_format_set_port_namer(NULL, NULL);
    }
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}

static void
cmd_dump_flows(int argc, char *argv[])
{
    dump_flows_or_aggregate(argc, argv, false);
}

static void
cmd_dump_aggregate(int argc, char *argv[])
{
    dump_flows_or_aggregate(argc, argv, true);
}

/* packet-out. */

static void
send_packet_out(struct vconn *vconn, ofp_port_t in_port,
                const struct ofpacts *acts, const struct ofpbuf *packet)
{
    struct ofp_packet_out po;
    struct ofpbuf *request = ofctl_new_msg();

    memset(&po, 0, sizeof po);
    po.buffer_id = OFP_NO_BUFFER;
    po.in_port = in_port;
    po.packet = packet->data;
    po.packet_len = packet->size;
    ofp_encode_packet_out(request, &po, acts, vconn_get_version(vconn),
                          vconn_next_xid(vconn));
    ofctl_transact_noreply(vconn, &request, 1);
}

static void
parse_actions_or_die(const char *s, struct ofctl_ports *ports,
                     struct ofpacts *acts)
{
    struct ofp_parse_ports pp = { ofctl_port_by_name, ports };
    char *error = ofp_parse_actions(s, &pp, acts);

    if (error) {
        ovs_fatal(0, "%s", error);
    }
}

/* Parses 'in_port' for packet-out; 'target' is the switch for the error
 * message of the old syntax, NULL for the new one. */
static ofp_port_t
parse_in_port(const char *s, struct ofctl_ports *ports, const char *target)
{
    ofp_port_t port;

    if (!parse_port_number(s, &port) && !ofctl_port_by_name(s, &port,
                                                            ports)) {
        if (target) {
            ovs_fatal(0, "%s: unknown port `%s'", target, s);
        }
        ovs_fatal(0, "%s is not a valid OpenFlow port", s);
    }
    return port;
}

/* "in_port=PORT packet=HEX actions=ACTIONS" (actions last). */
static void
packet_out_new_syntax(struct vconn *vconn, const char *arg,
                      struct ofctl_ports *ports)
{
    struct ofpbuf packet = OFPBUF_INITIALIZER;
    struct ofpacts acts = OFPACTS_INITIALIZER;
    ofp_port_t in_port = OFPP_CONTROLLER;
    char *copy = xstrdup(arg);
    char *p = copy;
    bool have_actions = false;

    while (*p) {
        char *key, *value, *end;

        p += strspn(p, " \t,");
        if (!*p) {
            break;
        }
        key = p;
        end = key + strcspn(key, "=");
        if (!*end) {
            ovs_fatal(0, "%s: missing value", key);
        }
        *end = '\0';
        value = end + 1;
        if (!strcmp(key, "actions")) {
            parse_actions_or_die(value, ports, &acts);
            have_actions = true;
            break;
        }
        end = value + strcspn(value, " \t,");
        if (*end) {
            *end++ = '\0';
        }
        if (!strcmp(key, "in_port")) {
            in_port = parse_in_port(value, ports, NULL);
        } else if (!strcmp(key, "packet")) {
            if (!ofp_parse_hex(value, &packet)) {
                ovs_fatal(0, "Trailing garbage in packet data");
            }
        } else {
            ovs_fatal(0, "%s: unknown packet-out field", key);
        }
        p = end;
    }
    if (!have_actions) {
        ovs_fatal(0, "must specify actions");
    }
    if (!packet.size) {
        ovs_fatal(0, "must specify packet");
    }
    send_packet_out(vconn, in_port, &acts, &packet);
    ofpacts_uninit(&acts);
    ofpbuf_uninit(&packet);
    free(copy);
}

static void
cmd_packet_out(int argc, char *argv[])
{
    struct ofctl_ports ports = { NULL, 0 };
    struct vconn *vconn = ofctl_open(argv[1]);

    ofctl_fetch_ports(vconn, &ports);
    ofctl_burn_xids(vconn, 2);
    if (argc == 3) {
        packet_out_new_syntax(vconn, argv[2], &ports);
    } else if (argc < 5) {
        ovs_fatal(0, "'packet-out' needs either 2 or at least 4 arguments");
    } else {
        struct ofpacts acts = OFPACTS_INITIALIZER;
        ofp_port_t in_port = parse_in_port(argv[2], &ports, argv[1]);
        int i;

        parse_actions_or_die(argv[3], &ports, &acts);
        for (i = 4; i < argc; i++) {
            struct ofpbuf packet = OFPBUF_INITIALIZER;

            if (!ofp_parse_hex(argv[i], &packet)) {
                ovs_fatal(0, "Trailing garbage in packet data");
            }
            send_packet_out(vconn, in_port, &acts, &packet);
            ofpbuf_uninit(&packet);
        }
        ofpacts_uninit(&acts);
    }
    ofctl_ports_destroy(&ports);
    vconn_close(vconn);
}

/* monitor. */

static void
set_miss_send_len(struct vconn *vconn, int miss_len)
{
    struct ofp_switch_config sc;
    struct ofpbuf *reply, *request;

    reply = transact(vconn, empty_request(vconn,
                                          OFPTYPE_GET_CONFIG_REQUEST));
    ofctl_check_reply(reply, OFPTYPE_GET_CONFIG_REPLY);
    if (ofp_decode_switch_config(reply->data, reply->size, &sc)) {
        ovs_fatal(0, "%s: bad get-config reply", vconn_get_name(vconn));
    }
    vconn_msg_free(reply);
    sc.miss_send_len = miss_len;
    request = ofctl_new_msg();
    ofp_encode_switch_config(request, OFPTYPE_SET_CONFIG, &sc,
                             vconn_get_version(vconn),
                             vconn_next_xid(vconn));
    ofctl_transact_noreply(vconn, &request, 1);
}

static void
cmd_monitor(int argc, char *argv[])
{
    struct vconn *vconn = ofctl_open(argv[1]);
    int i;

    for (i = 2; i < argc; i++) {
        const char *arg = argv[i];
        int miss_len;

        if (str_to_int(arg, 10, &miss_len) && miss_len >= 0) {
            set_miss_send_len(vconn, miss_len);
        } else if (!strcmp(arg, "invalid_ttl")
                   || str_starts_with(arg, "watch:")) {
            /* Accepted; nothing to configure on our side. */
        } else {
            ovs_fatal(0, "%s: unsupported \"monitor\" argument", arg);
        }
    }
    for (;;) {
        struct ofp_msg_info info;
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);

        if (error == EOF) {
            break;
        } else if (error) {
            ovs_fatal(0, "%s: receive failed (%s)", vconn_get_name(vconn),
                      ovs_retval_to_string(error));
        }
        if (!ofptype_decode(msg->data, msg->size, &info)
            && (info.type == OFPTYPE_BARRIER_REPLY
                || info.type == OFPTYPE_ECHO_REPLY)) {
            vconn_msg_free(msg);
            continue;
        }
        print_msg(stdout, msg);
        fflush(stdout);
        vconn_msg_free(msg);
    }
    vconn_close(vconn);
}

/* Command table and options. */

struct ofctl_command {
    const char *name;
    int min_args, max_args;
    void (*handler)(int argc, char *argv[]);
};

static const struct ofctl_command commands[] = {
    { "show", 1, 1, cmd_show },
    { "dump-flows", 1, 2, cmd_dump_flows },
    { "dump-aggregate", 1, 2, cmd_dump_aggregate },
    { "add-flow", 2, 2, cmd_add_flow },
    { "add-flows", 2, 2, cmd_add_flows },
    { "mod-flows", 2, 2, cmd_mod_flows },
    { "del-flows", 1, 2, cmd_del_flows },
    { "replace-flows", 2, 2, ofctl_cmd_replace_flows },
    { "diff-flows", 2, 2, ofctl_cmd_diff_flows },
    { "dump-ports", 1, 2, cmd_dump_ports },
    { "dump-ports-desc", 1, 1, cmd_dump_ports_desc },
    { "dump-tables", 1, 1, cmd_dump_tables },
    { "mod-port", 3, 3, cmd_mod_port },
    { "packet-out", 2, INT_MAX, cmd_packet_out },
    { "monitor", 1, 4, cmd_monitor },
};

static void usage(void) OVS_NO_RETURN;

static void
usage(void)
{
    printf("%s: manage an OpenFlow switch over its protocol\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nFor an OpenFlow switch SWITCH:\n"
           "  show SWITCH                 switch features, ports, config\n"
           "  dump-tables SWITCH          table statistics\n"
           "  dump-ports SWITCH [PORT]    port statistics\n"
           "  dump-ports-desc SWITCH      port descriptions\n"
           "  mod-port SWITCH PORT ACTION up, down, flood, no-flood, ...\n"
           "  dump-flows SWITCH [FLOW]    flows matching FLOW\n"
           "  dump-aggregate SWITCH [FLOW] totals for flows matching FLOW\n"
           "  add-flow SWITCH FLOW        add FLOW\n"
           "  add-flows SWITCH FILE       add the flows in FILE (- stdin)\n"
           "  mod-flows SWITCH FLOW       modify actions of matching flows\n"
           "  del-flows SWITCH [FLOW]     delete matching flows\n"
           "  replace-flows SWITCH FILE   make the flows those in FILE\n"
           "  diff-flows SOURCE1 SOURCE2  compare flows (switch or file)\n"
           "  packet-out SWITCH \"in_port=P packet=HEX actions=A\"\n"
           "  packet-out SWITCH IN_PORT ACTIONS PACKET...\n"
           "  monitor SWITCH [MISSLEN]    print asynchronous messages\n"
           "\nSWITCH is a bridge name or an OpenFlow connection method:\n",
           program_name, program_name);
    stream_usage("SWITCH", true, false);
    printf("\nOptions:\n"
           "  -O, --protocols=LIST        OpenFlow versions to allow\n"
           "                              (OpenFlow10, OpenFlow13)\n"
           "  --strict                    use strict match for mod/del\n"
           "  --bundle                    apply flow changes atomically\n"
           "  --names, --no-names         show port names or numbers\n"
           "  --no-stats                  omit flow statistics\n"
           "  --sort[=FIELD], --rsort[=FIELD]  sort dump-flows output\n"
           "  -t, --timeout=SECS          give up after SECS seconds\n"
           "  -h, --help                  print this text and exit\n"
           "  -V, --version               print the version and exit\n");
    vlog_usage();
    exit(EXIT_SUCCESS);
}

static uint32_t
parse_protocols(const char *s)
{
    char *copy = xstrdup(s), *save = NULL, *tok;
    uint32_t versions = 0;

    for (tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        if (!strcasecmp(tok, "OpenFlow10") || !strcmp(tok, "OpenFlow10+")) {
            versions |= 1u << OFP10_VERSION;
        } else if (!strcasecmp(tok, "OpenFlow13")) {
            versions |= 1u << OFP13_VERSION;
        } else if (!strcasecmp(tok, "OpenFlow11")
                   || !strcasecmp(tok, "OpenFlow12")
                   || !strcasecmp(tok, "OpenFlow14")
                   || !strcasecmp(tok, "OpenFlow15")) {
            ovs_fatal(0, "%s: OpenFlow version not supported (use "
                      "OpenFlow10 or OpenFlow13)", tok);
        } else {
            ovs_fatal(0, "Unknown OpenFlow version: \"%s\"", tok);
        }
    }
    free(copy);
    if (!versions) {
        ovs_fatal(0, "no OpenFlow version given");
    }
    return versions;
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_STRICT = UCHAR_MAX + 1,
        OPT_BUNDLE,
        OPT_NAMES,
        OPT_NO_NAMES,
        OPT_NO_STATS,
        OPT_SORT,
        OPT_RSORT,
        VLOG_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"protocols", required_argument, NULL, 'O'},
        {"timeout", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"bundle", no_argument, NULL, OPT_BUNDLE},
        {"names", no_argument, NULL, OPT_NAMES},
        {"no-names", no_argument, NULL, OPT_NO_NAMES},
        {"no-stats", no_argument, NULL, OPT_NO_STATS},
        {"sort", optional_argument, NULL, OPT_SORT},
        {"rsort", optional_argument, NULL, OPT_RSORT},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    for (;;) {
        int c = getopt_long(argc, argv, "O:t:hVv::p:c:C:", long_options,
                            NULL);
        unsigned int timeout;

        if (c == -1) {
            break;
        }
        switch (c) {
        case 'O':
            ofctl_versions = parse_protocols(optarg);
            versions_given = true;
            break;
        case 't':
            if (!str_to_uint(optarg, 10, &timeout) || !timeout) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            alarm(timeout);
            break;
        case OPT_STRICT:
            ofctl_strict = true;
            break;
        case OPT_BUNDLE:
            ofctl_bundle = true;
            break;
        case OPT_NAMES:
            ofctl_names = 1;
            break;
        case OPT_NO_NAMES:
            ofctl_names = 0;
            break;
        case OPT_NO_STATS:
            ofctl_no_stats = true;
            break;
        case OPT_SORT:
        case OPT_RSORT:
            ofctl_sort_field = optarg ? optarg : "priority";
            ofctl_sort_reverse = c == OPT_RSORT;
            break;
        case 'h':
            usage();
        case 'V':
            ovs_print_version();
            exit(EXIT_SUCCESS);
        VLOG_OPTION_HANDLERS
        STREAM_SSL_OPTION_HANDLERS
        case '?':
            exit(EXIT_FAILURE);
        default:
            abort();
        }
    }
    if (ofctl_bundle && !versions_given) {
        /* Bundles need OpenFlow 1.3 or later; stock would use 1.4. */
        ofctl_versions = 1u << OFP13_VERSION;
    }
}

int
main(int argc, char *argv[])
{
    const struct ofctl_command *cmd;
    int n_args;

    set_program_name(argv[0]);
    vlog_init();
    fatal_signal_init();        /* -t: SIGALRM ends us with a message. */
    parse_options(argc, argv);
    signal(SIGPIPE, SIG_IGN);

    argc -= optind;
    argv += optind;
    if (argc < 1) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    n_args = argc - 1;
    for (cmd = commands; cmd < &commands[ARRAY_SIZE(commands)]; cmd++) {
        if (!strcmp(cmd->name, argv[0])) {
            break;
        }
    }
    if (cmd == &commands[ARRAY_SIZE(commands)]) {
        ovs_fatal(0, "unknown command '%s'; use --help for help", argv[0]);
    }
    if (n_args < cmd->min_args) {
        ovs_fatal(0, "'%s' command requires at least %d arguments",
                  cmd->name, cmd->min_args);
    } else if (n_args > cmd->max_args) {
        ovs_fatal(0, "'%s' command takes at most %d arguments",
                  cmd->name, cmd->max_args);
    }
    cmd->handler(argc, argv);
    return 0;
}
