/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The OpenFlow messages a bridge answers (ofproto_handle_openflow()). */

#include <config.h>
#include "ofproto-private.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr.h"
#include "datapath/dpif.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofproto_of);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Offset of the flags of a statistics (multipart) message, the same in
 * OpenFlow 1.0, its Nicira form and 1.3. */
#define STATS_FLAGS_OFS 10

/* Maximum table entries reported in OpenFlow 1.0 table statistics. */
#define TABLE_MAX_ENTRIES 1000000

struct of_request {
    struct ofproto *ofproto;
    struct ofconn *ofconn;
    const struct ofpbuf *msg;
    struct ofp_msg_info info;
};

static void
send_reply(const struct of_request *req, struct ofpbuf *reply)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    *b = *reply;
    ofconn_send(req->ofconn, b);
    ofpbuf_init(reply);
}

static void
set_reply_more(struct ofpbuf *b, size_t start)
{
    ofpbuf_set_be16(b, start + STATS_FLAGS_OFS, OFPSF_REPLY_MORE);
}

static bool
is_slave(const struct of_request *req)
{
    return ofconn_get_role(req->ofconn) == OFPCR_ROLE_SLAVE;
}

/* Simple requests. */

static enum ofperr
handle_features_request(const struct of_request *req)
{
    struct ofp_switch_features sf;
    struct ofpbuf b;

    memset(&sf, 0, sizeof sf);
    sf.datapath_id = req->ofproto->datapath_id;
    sf.n_buffers = 0;
    sf.n_tables = OFPROTO_N_TABLES;
    sf.capabilities = (OFPC_FLOW_STATS | OFPC_TABLE_STATS | OFPC_PORT_STATS
                       | OFPC_QUEUE_STATS);
    sf.actions = 0xfff;
    if (req->info.version == OFP10_VERSION) {
        ofproto_get_port_descs(req->ofproto, &sf.ports, &sf.n_ports);
    }
    ofpbuf_init(&b);
    ofp_encode_features_reply(&b, &sf, req->info.version, req->info.xid);
    free(sf.ports);
    send_reply(req, &b);
    return 0;
}

static enum ofperr
handle_get_config(const struct of_request *req)
{
    struct ofp_switch_config sc;
    struct ofpbuf b;

    sc.flags = req->ofproto->frag_handling;
    sc.miss_send_len = ofconn_get_miss_send_len(req->ofconn);
    ofpbuf_init(&b);
    ofp_encode_switch_config(&b, OFPTYPE_GET_CONFIG_REPLY, &sc,
                             req->info.version, req->info.xid);
    send_reply(req, &b);
    return 0;
}

static enum ofperr
handle_set_config(const struct of_request *req)
{
    struct ofp_switch_config sc;
    enum ofperr error;

    error = ofp_decode_switch_config(req->msg->data, req->msg->size, &sc);
    if (error) {
        return error;
    }
    if (!is_slave(req)) {
        uint16_t frag = sc.flags & OFPC_FRAG_MASK;

        /* Normal (0) and drop (1) are what the switch does; others are
         * refused by leaving the setting alone, as stock does. */
        if (frag <= 1) {
            req->ofproto->frag_handling = frag;
        } else {
            VLOG_WARN_RL(&rl, "%s: unsupported fragment handling mode %u",
                         req->ofproto->name, frag);
        }
    }
    ofconn_set_miss_send_len(req->ofconn, sc.miss_send_len);
    return 0;
}

static enum ofperr
handle_barrier(const struct of_request *req)
{
    struct ofpbuf b;

    ofpbuf_init(&b);
    ofpmsg_put_empty(&b, OFPTYPE_BARRIER_REPLY, req->info.version, false,
                     req->info.xid);
    send_reply(req, &b);
    return 0;
}

static enum ofperr
handle_role_request(const struct of_request *req)
{
    struct ofp_role role;
    enum ofperr error;
    struct ofpbuf b;

    error = ofp_decode_role(req->msg->data, req->msg->size, &role);
    if (error) {
        return error;
    }
    if (role.role > OFPCR_ROLE_SLAVE) {
        return OFPERR_OFPRRFC_BAD_ROLE;
    }
    if (role.role != OFPCR_ROLE_NOCHANGE) {
        error = ofconn_set_role(req->ofconn, &role);
        if (error) {
            return error;
        }
    }
    role.role = ofconn_get_role(req->ofconn);
    ofpbuf_init(&b);
    ofp_encode_role(&b, OFPTYPE_ROLE_REPLY, &role, req->info.version,
                    req->info.xid);
    send_reply(req, &b);
    return 0;
}

static enum ofperr
handle_nx_setting(const struct of_request *req)
{
    uint32_t value;
    enum ofperr error;

    error = ofp_decode_nx_setting(req->msg->data, req->msg->size, &value);
    if (error) {
        return error;
    }
    switch (req->info.type) {
    case OFPTYPE_NXT_SET_FLOW_FORMAT:
        if (ofconn_get_version(req->ofconn) != OFP10_VERSION) {
            return OFPERR_OFPBRC_EPERM;
        }
        ofconn_set_protocol(req->ofconn, value == NXFF_NXM
                            ? OFP_PROTO_OF10_NXM : OFP_PROTO_OF10);
        return 0;
    case OFPTYPE_NXT_FLOW_MOD_TABLE_ID:
        ofconn_set_table_id_ext(req->ofconn, value != 0);
        return 0;
    case OFPTYPE_NXT_SET_PACKET_IN_FORMAT:
        return 0;
    default:
        OVS_NOT_REACHED();
    }
}

/* Changes. */

static enum ofperr
handle_flow_mod(const struct of_request *req)
{
    struct ofp_flow_mod fm;
    enum ofp_protocol proto;
    enum ofperr error;

    if (is_slave(req)) {
        return OFPERR_OFPBRC_IS_SLAVE;
    }
    ofp_flow_mod_init(&fm);
    error = ofp_decode_flow_mod(req->msg->data, req->msg->size,
                                ofconn_get_table_id_ext(req->ofconn), &fm,
                                &proto);
    if (!error) {
        error = ofproto_flow_mod(req->ofproto, &fm, req->ofconn);
    }
    ofp_flow_mod_uninit(&fm);
    return error;
}

static enum ofperr
handle_port_mod(const struct of_request *req)
{
    struct ofp_port_mod pm;
    struct ofport *port;
    enum ofperr error;
    uint32_t mask;

    if (is_slave(req)) {
        return OFPERR_OFPBRC_IS_SLAVE;
    }
    error = ofp_decode_port_mod(req->msg->data, req->msg->size, &pm);
    if (error) {
        return error;
    }
    port = ofproto_get_port(req->ofproto, pm.port_no);
    if (!port) {
        return OFPERR_OFPPMFC_BAD_PORT;
    }
    if (!eth_addr_equals(port->pp.hw_addr, pm.hw_addr)) {
        return OFPERR_OFPPMFC_BAD_HW_ADDR;
    }
    mask = pm.mask & (OFPPC_PORT_DOWN | OFPPC_NO_RECV | OFPPC_NO_FLOOD
                      | OFPPC_NO_FWD | OFPPC_NO_PACKET_IN);
    if (ofproto_port_set_config(req->ofproto, port, pm.config, mask)) {
        return OFPERR_OFPPMFC_EPERM;
    }
    return 0;
}

static bool
packet_out_in_port_valid(ofp_port_t port)
{
    /* As stock: any number below OFPP_MAX, present or not. */
    return (port == OFPP_CONTROLLER || port == OFPP_NONE
            || port == OFPP_LOCAL || port < OFPP_MAX);
}

static enum ofperr
handle_packet_out(const struct of_request *req)
{
    struct ofp_packet_out po;
    struct ofpacts ofpacts;
    enum ofperr error;

    if (is_slave(req)) {
        return OFPERR_OFPBRC_IS_SLAVE;
    }
    ofpacts_init(&ofpacts);
    error = ofp_decode_packet_out(req->msg->data, req->msg->size, &po,
                                  &ofpacts);
    if (error) {
        goto out;
    }
    if (po.buffer_id != OFP_NO_BUFFER) {
        error = OFPERR_OFPBRC_BUFFER_UNKNOWN;
        goto out;
    }
    if (!packet_out_in_port_valid(po.in_port)) {
        error = OFPERR_OFPBRC_BAD_PORT;
        goto out;
    }
    error = ofproto_check_ofpacts(req->ofproto, &ofpacts, OFPTT_ALL);
    if (error) {
        goto out;
    }
    if (req->ofproto->dpif) {
        error = ofproto_execute_packet_out(req->ofproto, po.in_port,
                                           &ofpacts, po.packet,
                                           po.packet_len);
    }

out:
    ofpacts_uninit(&ofpacts);
    return error;
}

/* Statistics. */

static enum ofperr
handle_desc_request(const struct of_request *req)
{
    const char *dp_desc = req->ofproto->dp_desc;
    struct ofp_desc d;
    struct ofpbuf b;

    memset(&d, 0, sizeof d);
    ovs_strlcpy(d.mfr_desc, "Nicira, Inc.", sizeof d.mfr_desc);
    ovs_strlcpy(d.hw_desc, "Open vSwitch", sizeof d.hw_desc);
    ovs_strlcpy(d.sw_desc, PACKAGE_VERSION, sizeof d.sw_desc);
    ovs_strlcpy(d.serial_num, "None", sizeof d.serial_num);
    ovs_strlcpy(d.dp_desc, dp_desc ? dp_desc : "None", sizeof d.dp_desc);
    ofpbuf_init(&b);
    ofp_encode_desc_reply(&b, &d, req->info.version, req->info.xid);
    send_reply(req, &b);
    return 0;
}

static void
collect_for_request(const struct of_request *req,
                    const struct ofp_flow_stats_request *fsr,
                    struct rule_list *rules)
{
    struct rule_criteria crit = {
        .match = &fsr->match, .table_id = fsr->table_id,
        .cookie = fsr->cookie, .cookie_mask = fsr->cookie_mask,
        .out_port = fsr->out_port, .out_group = fsr->out_group,
    };

    rule_list_init(rules);
    ofproto_collect_rules(req->ofproto, &crit, rules);
}

/* Appends the flow statistics of 'rules' as replies to 'req' in protocol
 * 'proto', in as many messages as it takes, and sends them. */
static void
send_flow_stats(const struct of_request *req, enum ofp_protocol proto,
                const struct rule_list *rules)
{
    long long now = time_msec();
    struct ofpbuf b;
    size_t start;

    ofpbuf_init(&b);
    start = ofp_flow_stats_reply_start(&b, proto, req->info.xid);
    for (size_t i = 0; i < rules->n; i++) {
        struct ofp_flow_stats fs;
        size_t before = b.size;

        ofproto_rule_to_stats(rules->rules[i], now, &fs);
        ofp_flow_stats_reply_append(&b, &fs, proto);
        if (b.size - start > OFPROTO_MAX_MSG_LEN && before > start + 16) {
            b.size = before;
            set_reply_more(&b, start);
            ofpmsg_finish(&b, start);
            send_reply(req, &b);
            start = ofp_flow_stats_reply_start(&b, proto, req->info.xid);
            ofp_flow_stats_reply_append(&b, &fs, proto);
        }
    }
    ofpmsg_finish(&b, start);
    send_reply(req, &b);
}

static enum ofperr
handle_flow_stats_request(const struct of_request *req)
{
    struct ofp_flow_stats_request fsr;
    enum ofp_protocol proto;
    struct rule_list rules;
    enum ofperr error;

    error = ofp_decode_flow_stats_request(req->msg->data, req->msg->size,
                                          &fsr, &proto);
    if (error) {
        return error;
    }
    if (fsr.table_id != OFPTT_ALL && fsr.table_id >= OFPROTO_N_TABLES) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    collect_for_request(req, &fsr, &rules);
    if (fsr.aggregate) {
        struct ofp_aggregate_stats as = { 0, 0, 0 };
        struct ofpbuf b;

        for (size_t i = 0; i < rules.n; i++) {
            as.packet_count += rules.rules[i]->packet_count;
            as.byte_count += rules.rules[i]->byte_count;
            as.flow_count++;
        }
        ofpbuf_init(&b);
        ofp_encode_aggregate_reply(&b, &as, proto, req->info.xid);
        send_reply(req, &b);
    } else {
        send_flow_stats(req, proto, &rules);
    }
    rule_list_destroy(&rules);
    return 0;
}

static enum ofperr
handle_table_stats_request(const struct of_request *req)
{
    struct ofproto *ofproto = req->ofproto;
    struct ofp_table_stats *ts = xcalloc(OFPROTO_N_TABLES, sizeof *ts);
    struct ofpbuf b;

    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        ts[i].table_id = i;
        /* Tables have no names (stock sends them empty). */
        ts[i].max_entries = TABLE_MAX_ENTRIES;
        ts[i].active_count = ofproto_table_count(ofproto, i);
        ts[i].lookup_count = ofproto->table_lookups[i];
        ts[i].matched_count = ofproto->table_matches[i];
    }
    ofpbuf_init(&b);
    ofp_encode_table_stats_reply(&b, ts, OFPROTO_N_TABLES,
                                 req->info.version, req->info.xid);
    free(ts);
    send_reply(req, &b);
    return 0;
}

/* Sends 'n' port statistics or descriptions in chunks of at most 'chunk'
 * entries per message. */
static void
send_port_chunks(const struct of_request *req, const void *entries,
                 size_t n, size_t entry_size, size_t chunk, bool stats)
{
    const uint8_t *p = entries;
    size_t i = 0;

    do {
        size_t k = MIN(chunk, n - i);
        struct ofpbuf b;

        ofpbuf_init(&b);
        if (stats) {
            ofp_encode_port_stats_reply(&b, (const void *) (p + i
                                                            * entry_size),
                                        k, req->info.version,
                                        req->info.xid);
        } else {
            ofp_encode_port_desc_reply(&b, (const void *) (p + i
                                                           * entry_size),
                                       k, req->info.version,
                                       req->info.xid);
        }
        i += k;
        if (i < n) {
            set_reply_more(&b, 0);
        }
        send_reply(req, &b);
    } while (i < n);
}

static enum ofperr
handle_port_stats_request(const struct of_request *req)
{
    struct ofp_port_stats *ps;
    struct ofport **ports;
    ofp_port_t which;
    enum ofperr error;
    size_t n, n_ps = 0;

    error = ofp_decode_port_stats_request(req->msg->data, req->msg->size,
                                          &which);
    if (error) {
        return error;
    }
    ports = ofproto_sorted_ports(req->ofproto, &n);
    ps = xcalloc(n + 1, sizeof *ps);
    for (size_t i = 0; i < n; i++) {
        if (which == OFPP_NONE || which == ports[i]->ofp_port) {
            ofproto_port_get_stats(ports[i], &ps[n_ps++]);
        }
    }
    free(ports);
    send_port_chunks(req, ps, n_ps, sizeof *ps, 500, true);
    free(ps);
    return 0;
}

static enum ofperr
handle_port_desc_request(const struct of_request *req)
{
    struct ofp_port *pp;
    size_t n;

    ofproto_get_port_descs(req->ofproto, &pp, &n);
    send_port_chunks(req, pp, n, sizeof *pp, 900, false);
    free(pp);
    return 0;
}

static enum ofperr
handle_table_features_request(const struct of_request *req)
{
    enum ofperr error;
    struct ofpbuf b;
    size_t n_tables;

    error = ofp_decode_table_features_request(req->msg->data,
                                              req->msg->size, &n_tables);
    if (error) {
        return error;
    }
    if (n_tables) {
        return OFPERR_OFPBRC_EPERM;
    }
    ofpbuf_init(&b);
    ofp_encode_table_features_reply(&b, OFPROTO_N_TABLES, TABLE_MAX_ENTRIES,
                                    req->info.xid);
    send_reply(req, &b);
    return 0;
}

enum ofperr
ofproto_handle_openflow(struct ofproto *ofproto, struct ofconn *ofconn,
                        const struct ofpbuf *msg)
{
    struct of_request req = { .ofproto = ofproto, .ofconn = ofconn,
                              .msg = msg };
    enum ofperr error;

    error = ofptype_decode(msg->data, msg->size, &req.info);
    if (error) {
        return error;
    }
    switch (req.info.type) {
    case OFPTYPE_FEATURES_REQUEST:
        return handle_features_request(&req);
    case OFPTYPE_GET_CONFIG_REQUEST:
        return handle_get_config(&req);
    case OFPTYPE_SET_CONFIG:
        return handle_set_config(&req);
    case OFPTYPE_PACKET_OUT:
        return handle_packet_out(&req);
    case OFPTYPE_FLOW_MOD:
        return handle_flow_mod(&req);
    case OFPTYPE_PORT_MOD:
        return handle_port_mod(&req);
    case OFPTYPE_BARRIER_REQUEST:
        return handle_barrier(&req);
    case OFPTYPE_ROLE_REQUEST:
        return handle_role_request(&req);
    case OFPTYPE_NXT_SET_FLOW_FORMAT:
    case OFPTYPE_NXT_FLOW_MOD_TABLE_ID:
    case OFPTYPE_NXT_SET_PACKET_IN_FORMAT:
        return handle_nx_setting(&req);
    case OFPTYPE_DESC_STATS_REQUEST:
        return handle_desc_request(&req);
    case OFPTYPE_FLOW_STATS_REQUEST:
    case OFPTYPE_AGGREGATE_STATS_REQUEST:
        return handle_flow_stats_request(&req);
    case OFPTYPE_TABLE_STATS_REQUEST:
        return handle_table_stats_request(&req);
    case OFPTYPE_PORT_STATS_REQUEST:
        return handle_port_stats_request(&req);
    case OFPTYPE_PORT_DESC_STATS_REQUEST:
        return handle_port_desc_request(&req);
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        return handle_table_features_request(&req);
    case OFPTYPE_ECHO_REPLY:
    case OFPTYPE_BARRIER_REPLY:
    case OFPTYPE_ROLE_REPLY:
        return 0;
    case OFPTYPE_HELLO:
    case OFPTYPE_ERROR:
    case OFPTYPE_ECHO_REQUEST:
    case OFPTYPE_FEATURES_REPLY:
    case OFPTYPE_GET_CONFIG_REPLY:
    case OFPTYPE_PACKET_IN:
    case OFPTYPE_FLOW_REMOVED:
    case OFPTYPE_PORT_STATUS:
    case OFPTYPE_DESC_STATS_REPLY:
    case OFPTYPE_FLOW_STATS_REPLY:
    case OFPTYPE_AGGREGATE_STATS_REPLY:
    case OFPTYPE_TABLE_STATS_REPLY:
    case OFPTYPE_PORT_STATS_REPLY:
    case OFPTYPE_PORT_DESC_STATS_REPLY:
    case OFPTYPE_TABLE_FEATURES_STATS_REPLY:
    case OFPTYPE_NXT_PACKET_IN:
    case OFPTYPE_N_TYPES:
    default:
        if (req.info.type == OFPTYPE_ERROR
            || req.info.type == OFPTYPE_HELLO) {
            return 0;
        }
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}
