/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-samples.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "match.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "util.h"

/* Captured from stock ovs-ofctl 3.1 (add-flow, dump-flows, del-flows) with
 * a listener that recorded the bytes. */
const struct ofp_fixture ofp_stock_fixtures[] = {
    { "hello-of10", "0100000800000001" },
    { "hello-of13", "04000010000000010001000800000010" },
    { "features-request-of10", "0105000800000004" },
    { "table-stats-request-of10", "0110000c0000000200030000" },
    { "table-features-request-of13", "0412001000000002000c000000000000" },
    { "port-desc-request-of13", "0412001000000002000d000000000000" },
    { "barrier-request-of10", "0112000800000007" },
    { "barrier-request-of13", "0414000800000007" },
    { "set-flow-format-nxm", "0104001400000006000023200000000c00000002" },
    { "flow-mod-of10",
      "010e0058000000060038184e00010000000000000000000000000000000008000006"
      "00000a000000000000000000005000000000000000000000000000008000ffffffff"
      "ffff000000010008000500000000000800020000" },
    { "flow-mod-nxm",
      "0104011800000008000023200000000d0000000000000000000000000000800"
      "0ffffffffffff0000004c0000000000000000000200010000060286dd000127202001"
      "0db8000000000000000000000000ffffffff00000000000000000000000000012110"
      "000000000000000500000000000000ff000106040000000700000000ffff00100000"
      "2320000efff802000000ffff0018000023200007001f000102040000000000001234"
      "ffff00180000232000070007000104040000000000000005ffff0018000023200006"
      "0020000000000001000400010804ffff0010000023200012000000000000ffff0010"
      "000023200008010203000000ffff001800002320000f001f00010a04ffff00000000"
      "000000000008fffd0064" },
    { "flow-mod-of13",
      "040e00a000000006000000000000009900000000000000000100000a000000c8ffff"
      "ffffffffffffffffffff0001000000010034800000040000000180000a0208068000"
      "0c02100a80002c040102030480004c08000000000000000500010004000000030000"
      "0000000400300000000000110008810000000019001080000c021005000000000000"
      "001600080000000300150008000000020001000803000000" },
    { "flow-mod-delete-of13",
      "040e00480000000600000000000000000000000000000000ff03000000008000ffff"
      "ffffffffffffffffffff000000000001001580000a020800800014010680001a0200"
      "16000000" },
    { "nxst-flow-request",
      "0110002000000004ffff0000000023200000000000000000ffff0000ff000000" },
    { "flow-stats-request-of13",
      "0412003800000006000100000000000002000000ffffffffffffffff000000000000"
      "000000000005ffffffffffffffff0001000400000000" },
};
const size_t ofp_n_stock_fixtures = ARRAY_SIZE(ofp_stock_fixtures);

static enum ofperr
reencode_flow_mod(const void *msg, size_t len, uint32_t xid,
                  struct ofpbuf *out)
{
    struct ofp_flow_mod fm;
    enum ofp_protocol proto;
    enum ofperr error;

    ofp_flow_mod_init(&fm);
    error = ofp_decode_flow_mod(msg, len, false, &fm, &proto);
    if (!error) {
        ofp_encode_flow_mod(out, &fm, proto, xid);
    }
    ofp_flow_mod_uninit(&fm);
    return error;
}

static enum ofperr
reencode_flow_stats(const void *msg, size_t len,
                    const struct ofp_msg_info *info, struct ofpbuf *out)
{
    enum ofp_protocol proto = (info->version == OFP13_VERSION
                               ? OFP_PROTO_OF13 : info->nicira
                               ? OFP_PROTO_OF10_NXM : OFP_PROTO_OF10);
    struct ofp_flow_stats *fss;
    size_t n, i, start;
    enum ofperr error;

    error = ofp_decode_flow_stats_reply(msg, len, &fss, &n);
    if (error) {
        return error;
    }
    start = ofp_flow_stats_reply_start(out, proto, info->xid);
    for (i = 0; i < n; i++) {
        ofp_flow_stats_reply_append(out, &fss[i], proto);
    }
    ofpmsg_finish(out, start);
    ofp_flow_stats_free(fss, n);
    return 0;
}

static enum ofperr
reencode_ports(const void *msg, size_t len, const struct ofp_msg_info *info,
               struct ofpbuf *out)
{
    struct ofp_switch_features sf;
    struct ofp_port *ports, port;
    size_t n;
    uint8_t reason;
    enum ofperr error;

    switch (info->type) {
    case OFPTYPE_FEATURES_REPLY:
        error = ofp_decode_features_reply(msg, len, &sf);
        if (!error) {
            ofp_encode_features_reply(out, &sf, info->version, info->xid);
        }
        free(sf.ports);
        return error;
    case OFPTYPE_PORT_DESC_STATS_REPLY:
        error = ofp_decode_port_desc_reply(msg, len, &ports, &n);
        if (!error) {
            ofp_encode_port_desc_reply(out, ports, n, info->version,
                                       info->xid);
        }
        free(ports);
        return error;
    case OFPTYPE_PORT_STATUS:
        error = ofp_decode_port_status(msg, len, &reason, &port);
        if (!error) {
            ofp_encode_port_status(out, reason, &port, info->version,
                                   info->xid);
        }
        return error;
    default:
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}

static enum ofperr
reencode_packet(const void *msg, size_t len, const struct ofp_msg_info *info,
                struct ofpbuf *out)
{
    struct ofp_packet_in pin;
    struct ofp_packet_out po;
    struct ofpacts acts;
    enum ofperr error;

    if (info->type == OFPTYPE_PACKET_IN) {
        error = ofp_decode_packet_in(msg, len, &pin);
        if (!error) {
            ofp_encode_packet_in(out, &pin, info->version, info->xid);
        }
        return error;
    }
    ofpacts_init(&acts);
    error = ofp_decode_packet_out(msg, len, &po, &acts);
    if (!error) {
        ofp_encode_packet_out(out, &po, &acts, info->version, info->xid);
    }
    ofpacts_uninit(&acts);
    return error;
}

static enum ofperr
reencode_stats(const void *msg, size_t len, const struct ofp_msg_info *info,
               struct ofpbuf *out)
{
    struct ofp_table_stats *ts;
    struct ofp_port_stats *ps;
    ofp_port_t port;
    size_t n;
    enum ofperr error;

    switch (info->type) {
    case OFPTYPE_TABLE_STATS_REPLY:
        error = ofp_decode_table_stats_reply(msg, len, &ts, &n);
        if (!error) {
            ofp_encode_table_stats_reply(out, ts, n, info->version,
                                         info->xid);
        }
        free(ts);
        return error;
    case OFPTYPE_PORT_STATS_REPLY:
        error = ofp_decode_port_stats_reply(msg, len, &ps, &n);
        if (!error) {
            ofp_encode_port_stats_reply(out, ps, n, info->version,
                                        info->xid);
        }
        free(ps);
        return error;
    case OFPTYPE_PORT_STATS_REQUEST:
        error = ofp_decode_port_stats_request(msg, len, &port);
        if (!error) {
            ofp_encode_port_stats_request(out, port, info->version,
                                          info->xid);
        }
        return error;
    default:
        return reencode_ports(msg, len, info, out);
    }
}

static enum ofperr
reencode_misc(const void *msg, size_t len, const struct ofp_msg_info *info,
              struct ofpbuf *out)
{
    struct ofp_flow_stats_request fsr;
    struct ofp_aggregate_stats as;
    struct ofp_flow_removed fr;
    struct ofp_switch_config sc;
    struct ofp_port_mod pm;
    struct ofp_role role;
    struct ofp_desc *desc;
    enum ofp_protocol proto;
    enum ofperr error;
    uint32_t value;

    switch (info->type) {
    case OFPTYPE_FLOW_STATS_REQUEST:
    case OFPTYPE_AGGREGATE_STATS_REQUEST:
        error = ofp_decode_flow_stats_request(msg, len, &fsr, &proto);
        if (!error) {
            ofp_encode_flow_stats_request(out, &fsr, proto, info->xid);
        }
        return error;
    case OFPTYPE_AGGREGATE_STATS_REPLY:
        error = ofp_decode_aggregate_reply(msg, len, &as);
        if (!error) {
            ofp_encode_aggregate_reply(out, &as, (info->version
                                                  == OFP13_VERSION
                                                  ? OFP_PROTO_OF13
                                                  : info->nicira
                                                  ? OFP_PROTO_OF10_NXM
                                                  : OFP_PROTO_OF10),
                                       info->xid);
        }
        return error;
    case OFPTYPE_FLOW_REMOVED:
        error = ofp_decode_flow_removed(msg, len, &fr);
        if (!error) {
            ofp_encode_flow_removed(out, &fr, (info->version == OFP13_VERSION
                                               ? OFP_PROTO_OF13
                                               : OFP_PROTO_OF10), info->xid);
        }
        return error;
    case OFPTYPE_SET_CONFIG:
    case OFPTYPE_GET_CONFIG_REPLY:
        error = ofp_decode_switch_config(msg, len, &sc);
        if (!error) {
            ofp_encode_switch_config(out, info->type, &sc, info->version,
                                     info->xid);
        }
        return error;
    case OFPTYPE_PORT_MOD:
        error = ofp_decode_port_mod(msg, len, &pm);
        if (!error) {
            ofp_encode_port_mod(out, &pm, info->version, info->xid);
        }
        return error;
    case OFPTYPE_ROLE_REQUEST:
    case OFPTYPE_ROLE_REPLY:
        error = ofp_decode_role(msg, len, &role);
        if (!error) {
            ofp_encode_role(out, info->type, &role, info->version,
                            info->xid);
        }
        return error;
    case OFPTYPE_DESC_STATS_REPLY:
        desc = xmalloc(sizeof *desc);
        error = ofp_decode_desc_reply(msg, len, desc);
        if (!error) {
            ofp_encode_desc_reply(out, desc, info->version, info->xid);
        }
        free(desc);
        return error;
    case OFPTYPE_NXT_SET_FLOW_FORMAT:
    case OFPTYPE_NXT_SET_PACKET_IN_FORMAT:
    case OFPTYPE_NXT_FLOW_MOD_TABLE_ID:
        error = ofp_decode_nx_setting(msg, len, &value);
        if (!error && info->type == OFPTYPE_NXT_FLOW_MOD_TABLE_ID) {
            ofp_encode_flow_mod_table_id(out, value, info->xid);
        } else if (!error) {
            ofp_encode_nx_u32(out, info->type, value, info->xid);
        }
        return error;
    default:
        return reencode_stats(msg, len, info, out);
    }
}

enum ofperr
ofp_sample_reencode(const void *msg, size_t len, struct ofpbuf *out)
{
    struct ofp_msg_info info;
    struct ofp_error_msg em;
    const uint8_t *data;
    size_t data_len, n_tables;
    uint32_t versions;
    enum ofperr error;

    if (len >= 2 && ((const uint8_t *) msg)[1] == 0) {
        error = ofp_decode_hello(msg, len, &versions);
        if (!error) {
            ofp_encode_hello(out, versions,
                             len >= 8 ? ofp_get32((const uint8_t *) msg + 4)
                             : 0);
        }
        return error;
    }
    error = ofptype_decode(msg, len, &info);
    if (error) {
        return error;
    }
    switch (info.type) {
    case OFPTYPE_ECHO_REQUEST:
    case OFPTYPE_ECHO_REPLY:
        error = ofp_decode_echo(msg, len, &data, &data_len);
        if (!error) {
            ofp_encode_echo(out, info.type, info.version, info.xid, data,
                            data_len);
        }
        return error;
    case OFPTYPE_ERROR:
        error = ofp_decode_error(msg, len, &em);
        if (!error && em.error) {
            ofp_encode_error(out, em.error, info.version, info.xid, em.data,
                             em.data_len);
        }
        return error;
    case OFPTYPE_FEATURES_REQUEST:
    case OFPTYPE_GET_CONFIG_REQUEST:
    case OFPTYPE_BARRIER_REQUEST:
    case OFPTYPE_BARRIER_REPLY:
    case OFPTYPE_DESC_STATS_REQUEST:
    case OFPTYPE_TABLE_STATS_REQUEST:
    case OFPTYPE_PORT_DESC_STATS_REQUEST:
        if (len != info.header_len) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ofpmsg_put_empty(out, info.type, info.version, info.nicira,
                         info.xid);
        return 0;
    case OFPTYPE_TABLE_FEATURES_STATS_REPLY:
        /* Not decoded: copied if it is ours (a check for the samples). */
        ofpbuf_put(out, msg, len);
        return 0;
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        error = ofp_decode_table_features_request(msg, len, &n_tables);
        if (!error && !n_tables) {
            ofpmsg_put_empty(out, info.type, info.version, false, info.xid);
        }
        return error;
    case OFPTYPE_FLOW_MOD:
        return reencode_flow_mod(msg, len, info.xid, out);
    case OFPTYPE_FLOW_STATS_REPLY:
        return reencode_flow_stats(msg, len, &info, out);
    case OFPTYPE_PACKET_IN:
    case OFPTYPE_PACKET_OUT:
        return reencode_packet(msg, len, &info, out);
    default:
        return reencode_misc(msg, len, &info, out);
    }
}

/* Samples built by our encoders. */

struct sample_list {
    struct ofp_sample *s;
    size_t n;
};

static struct ofpbuf *
sample_new(struct sample_list *l, const char *name, uint8_t version)
{
    struct ofp_sample *s;

    l->s = xrealloc(l->s, (l->n + 1) * sizeof *l->s);
    s = &l->s[l->n++];
    snprintf(s->name, sizeof s->name, "%s-of%s", name,
             version == OFP10_VERSION ? "10" : "13");
    s->msg = xmalloc(sizeof *s->msg);
    ofpbuf_init(s->msg);
    return s->msg;
}

static void
sample_port(struct ofp_port *p, ofp_port_t no, const char *name)
{
    memset(p, 0, sizeof *p);
    p->port_no = no;
    p->hw_addr = ETH_ADDR_C(50, 54, 00, 00, 00, 01);
    ovs_strlcpy(p->name, name, sizeof p->name);
    p->config = OFPPC_NO_PACKET_IN;
    p->state = OFPPS_LINK_DOWN;
    p->curr = (1 << 6) | (1 << 11);       /* 10GB_FD, copper. */
    p->supported = p->curr;
    p->curr_speed = 10000000;
    p->max_speed = 10000000;
}

static void
sample_match(struct match *m)
{
    match_init_catchall(m);
    match_set_in_port_ofp(m, 3);
    match_set_dl_type(m, htons(ETH_TYPE_IP));
    match_set_nw_proto(m, IPPROTO_UDP);
    match_set_nw_dst(m, htonl(0xc0a80001));
    match_set_tp_dst(m, htons(53));
}

static void
sample_actions(struct ofpacts *o)
{
    ofpacts_put(o, OFPACT_SET_ETH_DST)->mac = ETH_ADDR_C(02, 00, 00, 00,
                                                         00, 09);
    ofpacts_put(o, OFPACT_OUTPUT)->output.port = 7;
}

static void
build_basic(struct sample_list *l, uint8_t v)
{
    struct ofp_switch_config sc = { 0, 128 };
    struct ofp_switch_features sf;
    struct ofp_port ports[2];
    struct ofp_port_mod pm;
    struct ofp_role role = { OFPCR_ROLE_MASTER, true, 42 };
    static const uint8_t echo[] = { 1, 2, 3, 4 };
    static const uint8_t bad_req[] = { 0x01, 0x0e, 0x00, 0x48, 0, 0, 0, 1 };

    ofp_encode_echo(sample_new(l, "echo-request", v), OFPTYPE_ECHO_REQUEST,
                    v, 10, echo, sizeof echo);
    ofp_encode_error(sample_new(l, "error-bad-prereq", v),
                     OFPERR_OFPBMC_BAD_PREREQ, v, 11, bad_req,
                     sizeof bad_req);
    ofp_encode_error(sample_new(l, "error-bad-action", v),
                     OFPERR_OFPBAC_BAD_OUT_PORT, v, 12, bad_req,
                     sizeof bad_req);

    memset(&sf, 0, sizeof sf);
    sf.datapath_id = 0x0000505400000001ULL;
    sf.n_buffers = 0;
    sf.n_tables = 254;
    sf.capabilities = OFPC_FLOW_STATS | OFPC_TABLE_STATS | OFPC_PORT_STATS;
    sf.actions = v == OFP10_VERSION ? 0xfff : 0;
    sample_port(&ports[0], 1, "eth0");
    sample_port(&ports[1], OFPP_LOCAL, "br0");
    sf.ports = ports;
    sf.n_ports = v == OFP10_VERSION ? 2 : 0;
    ofp_encode_features_reply(sample_new(l, "features-reply", v), &sf, v,
                              13);
    ofp_encode_switch_config(sample_new(l, "get-config-reply", v),
                             OFPTYPE_GET_CONFIG_REPLY, &sc, v, 14);
    ofp_encode_switch_config(sample_new(l, "set-config", v),
                             OFPTYPE_SET_CONFIG, &sc, v, 15);
    ofp_encode_port_status(sample_new(l, "port-status", v), OFPPR_MODIFY,
                           &ports[0], v, 16);
    memset(&pm, 0, sizeof pm);
    pm.port_no = 1;
    pm.hw_addr = ports[0].hw_addr;
    pm.config = OFPPC_PORT_DOWN;
    pm.mask = OFPPC_PORT_DOWN;
    ofp_encode_port_mod(sample_new(l, "port-mod", v), &pm, v, 17);
    ofp_encode_port_desc_reply(sample_new(l, "port-desc-reply", v), ports,
                               2, v, 18);
    ofp_encode_role(sample_new(l, "role-request", v), OFPTYPE_ROLE_REQUEST,
                    &role, v, 19);
    ofpmsg_put_empty(sample_new(l, "barrier-reply", v),
                     OFPTYPE_BARRIER_REPLY, v, false, 20);
}

static void
build_packets(struct sample_list *l, uint8_t v)
{
    static const uint8_t frame[60] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x50, 0x54, 0, 0, 0, 1,
        0x08, 0x06,
    };
    struct ofp_packet_in pin;
    struct ofp_packet_out po;
    struct ofpacts acts;

    memset(&pin, 0, sizeof pin);
    pin.buffer_id = OFP_NO_BUFFER;
    pin.total_len = sizeof frame;
    pin.reason = OFPR_ACTION;
    pin.table_id = 0;
    pin.cookie = 0;
    pin.in_port = 1;
    pin.packet = frame;
    pin.packet_len = sizeof frame;
    ofp_encode_packet_in(sample_new(l, "packet-in", v), &pin, v, 0);

    memset(&po, 0, sizeof po);
    po.buffer_id = OFP_NO_BUFFER;
    po.in_port = OFPP_CONTROLLER;
    po.packet = frame;
    po.packet_len = sizeof frame;
    ofpacts_init(&acts);
    ofpacts_put(&acts, OFPACT_OUTPUT)->output.port = OFPP_FLOOD;
    ofp_encode_packet_out(sample_new(l, "packet-out", v), &po, &acts, v, 21);
    ofpacts_uninit(&acts);
}

static void
build_stats(struct sample_list *l, uint8_t v)
{
    enum ofp_protocol proto = v == OFP10_VERSION ? OFP_PROTO_OF10
                                                 : OFP_PROTO_OF13;
    struct ofp_aggregate_stats as = { 10, 1000, 2 };
    struct ofp_table_stats ts = { 0, "classifier", 1000000, 2, 30, 20 };
    struct ofp_port_stats ps;
    struct ofp_flow_removed fr;
    struct ofp_flow_stats fs;
    struct ofp_desc *d = xzalloc(sizeof *d);
    size_t start;

    ovs_strlcpy(d->mfr_desc, "ovs-tc authors", sizeof d->mfr_desc);
    ovs_strlcpy(d->hw_desc, "ovs-tc", sizeof d->hw_desc);
    ovs_strlcpy(d->sw_desc, "0.1", sizeof d->sw_desc);
    ovs_strlcpy(d->serial_num, "None", sizeof d->serial_num);
    ovs_strlcpy(d->dp_desc, "br0", sizeof d->dp_desc);
    ofp_encode_desc_reply(sample_new(l, "desc-reply", v), d, v, 30);
    free(d);

    memset(&fs, 0, sizeof fs);
    sample_match(&fs.match);
    fs.duration_sec = 5;
    fs.priority = 100;
    fs.cookie = 0xabc;
    fs.packet_count = 3;
    fs.byte_count = 180;
    fs.idle_age = fs.hard_age = -1;
    ofpacts_init(&fs.ofpacts);
    sample_actions(&fs.ofpacts);
    start = ofp_flow_stats_reply_start(sample_new(l, "flow-stats-reply", v),
                                       proto, 31);
    ofp_flow_stats_reply_append(l->s[l->n - 1].msg, &fs, proto);
    ofpmsg_finish(l->s[l->n - 1].msg, start);
    if (v == OFP10_VERSION) {
        start = ofp_flow_stats_reply_start(sample_new(l, "nxst-flow-reply",
                                                      v),
                                           OFP_PROTO_OF10_NXM, 32);
        ofp_flow_stats_reply_append(l->s[l->n - 1].msg, &fs,
                                    OFP_PROTO_OF10_NXM);
        ofpmsg_finish(l->s[l->n - 1].msg, start);
        ofp_encode_aggregate_reply(sample_new(l, "nxst-aggregate-reply", v),
                                   &as, OFP_PROTO_OF10_NXM, 33);
    }
    ofpacts_uninit(&fs.ofpacts);
    ofp_encode_aggregate_reply(sample_new(l, "aggregate-reply", v), &as,
                               proto, 34);
    ofp_encode_table_stats_reply(sample_new(l, "table-stats-reply", v), &ts,
                                 1, v, 35);
    memset(&ps, 0, sizeof ps);
    ps.port_no = 1;
    ps.rx_packets = 5;
    ps.tx_bytes = 700;
    ofp_encode_port_stats_reply(sample_new(l, "port-stats-reply", v), &ps, 1,
                                v, 36);
    ofp_encode_port_stats_request(sample_new(l, "port-stats-request", v),
                                  OFPP_NONE, v, 37);

    memset(&fr, 0, sizeof fr);
    sample_match(&fr.match);
    fr.cookie = 0x1234;
    fr.priority = 100;
    fr.reason = OFPRR_IDLE_TIMEOUT;
    fr.duration_sec = 60;
    fr.idle_timeout = 60;
    fr.packet_count = 1;
    fr.byte_count = 60;
    ofp_encode_flow_removed(sample_new(l, "flow-removed", v), &fr, proto, 0);
}

static void
build_flow_mods(struct sample_list *l, uint8_t v)
{
    struct ofp_flow_mod fm;
    struct ofp_flow_stats_request fsr;
    struct ofpact *a;

    ofp_flow_mod_init(&fm);
    sample_match(&fm.match);
    fm.command = OFPFC_ADD;
    fm.new_cookie = 0x10;
    fm.priority = 300;
    fm.idle_timeout = 30;
    fm.table_id = v == OFP10_VERSION ? OFPTT_ALL : 0;
    fm.flags = OFPFF_SEND_FLOW_REM;
    sample_actions(&fm.ofpacts);
    if (v != OFP10_VERSION) {
        a = ofpacts_put(&fm.ofpacts, OFPACT_WRITE_METADATA);
        a->write_metadata.metadata = 1;
        a->write_metadata.mask = 1;
        ofpacts_put(&fm.ofpacts, OFPACT_GOTO_TABLE)->u8 = 2;
    }
    ofp_encode_flow_mod(sample_new(l, "flow-mod-add", v), &fm,
                        v == OFP10_VERSION ? OFP_PROTO_OF10 : OFP_PROTO_OF13,
                        40);
    if (v == OFP10_VERSION) {
        ofp_encode_flow_mod(sample_new(l, "nxt-flow-mod-add", v), &fm,
                            OFP_PROTO_OF10_NXM, 41);
    }
    ofp_flow_mod_uninit(&fm);

    memset(&fsr, 0, sizeof fsr);
    fsr.aggregate = true;
    match_init_catchall(&fsr.match);
    match_set_dl_type(&fsr.match, htons(ETH_TYPE_ARP));
    fsr.out_port = OFPP_NONE;
    fsr.out_group = OFPG_ANY;
    fsr.table_id = OFPTT_ALL;
    ofp_encode_flow_stats_request(sample_new(l, "aggregate-request", v),
                                  &fsr, (v == OFP10_VERSION
                                         ? OFP_PROTO_OF10_NXM
                                         : OFP_PROTO_OF13), 42);
}

struct ofp_sample *
ofp_samples_build(size_t *n)
{
    static const uint8_t versions[] = { OFP10_VERSION, OFP13_VERSION };
    struct sample_list l = { NULL, 0 };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(versions); i++) {
        build_basic(&l, versions[i]);
        build_packets(&l, versions[i]);
        build_stats(&l, versions[i]);
        build_flow_mods(&l, versions[i]);
    }
    ofp_encode_table_features_reply(sample_new(&l, "table-features-reply",
                                               OFP13_VERSION), 2, 1000000,
                                    52);
    ofp_encode_hello(sample_new(&l, "hello", OFP13_VERSION),
                     OFP_SUPPORTED_VERSIONS, 1);
    ofp_encode_nx_u32(sample_new(&l, "set-packet-in-format", OFP10_VERSION),
                      OFPTYPE_NXT_SET_PACKET_IN_FORMAT, NXPIF_STANDARD, 50);
    ofp_encode_flow_mod_table_id(sample_new(&l, "flow-mod-table-id",
                                            OFP10_VERSION), true, 51);
    *n = l.n;
    return l.s;
}

void
ofp_samples_free(struct ofp_sample *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ofpbuf_uninit(s[i].msg);
        free(s[i].msg);
    }
    free(s);
}
