/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Text forms of OpenFlow messages for ovs-ofctl.  See ofp-print.h. */

#include <config.h>
#include "ofp-print.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "ofp-bundle.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-parse.h"
#include "ofpbuf.h"
#include "util.h"

/* Message names. */

static const char *
stats_name(enum ofptype type, bool nicira)
{
    switch (type) {
    case OFPTYPE_DESC_STATS_REQUEST: return "OFPST_DESC request";
    case OFPTYPE_DESC_STATS_REPLY: return "OFPST_DESC reply";
    case OFPTYPE_FLOW_STATS_REQUEST:
        return nicira ? "NXST_FLOW request" : "OFPST_FLOW request";
    case OFPTYPE_FLOW_STATS_REPLY:
        return nicira ? "NXST_FLOW reply" : "OFPST_FLOW reply";
    case OFPTYPE_AGGREGATE_STATS_REQUEST:
        return nicira ? "NXST_AGGREGATE request" : "OFPST_AGGREGATE request";
    case OFPTYPE_AGGREGATE_STATS_REPLY:
        return nicira ? "NXST_AGGREGATE reply" : "OFPST_AGGREGATE reply";
    case OFPTYPE_TABLE_STATS_REQUEST: return "OFPST_TABLE request";
    case OFPTYPE_TABLE_STATS_REPLY: return "OFPST_TABLE reply";
    case OFPTYPE_PORT_STATS_REQUEST: return "OFPST_PORT request";
    case OFPTYPE_PORT_STATS_REPLY: return "OFPST_PORT reply";
    case OFPTYPE_PORT_DESC_STATS_REQUEST: return "OFPST_PORT_DESC request";
    case OFPTYPE_PORT_DESC_STATS_REPLY: return "OFPST_PORT_DESC reply";
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        return "OFPST_TABLE_FEATURES request";
    case OFPTYPE_TABLE_FEATURES_STATS_REPLY:
        return "OFPST_TABLE_FEATURES reply";
    default:
        return NULL;
    }
}

void
ofp_print_msg_name(struct ds *s, const void *msg, size_t len)
{
    struct ofp_msg_info info;
    const char *name;

    if (ofptype_decode(msg, len, &info)) {
        ds_put_format(s, "***unknown message type %d***",
                      len >= 2 ? ((const uint8_t *) msg)[1] : -1);
        return;
    }
    name = stats_name(info.type, info.nicira);
    if (!name && info.type == OFPTYPE_FLOW_MOD && info.nicira) {
        name = "NXT_FLOW_MOD";
    }
    ds_put_cstr(s, name ? name : ofptype_name(info.type));
}

void
ofp_print_header(struct ds *s, const void *msg, size_t len)
{
    const uint8_t *p = msg;

    ofp_print_msg_name(s, msg, len);
    if (len >= OFP_HEADER_LEN) {
        if (p[0] != OFP10_VERSION) {
            ds_put_format(s, " (OF1.%d)", p[0] - 1);
        }
        ds_put_format(s, " (xid=0x%"PRIx32"):", ofp_get32(p + 4));
    }
}

/* Appends a hex dump of 'n' bytes: offset, 16 bytes per line (a '-'
 * after the eighth), and the printable characters. */
static void
put_hex_dump(struct ds *s, const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i += 16) {
        size_t j;

        ds_put_format(s, "%08zx  ", i);
        for (j = i; j < i + 16; j++) {
            if (j < n) {
                ds_put_format(s, "%02x", p[j]);
            } else {
                ds_put_cstr(s, "  ");
            }
            ds_put_char(s, j == i + 7 ? '-' : ' ');
        }
        ds_put_char(s, '|');
        for (j = i; j < i + 16 && j < n; j++) {
            ds_put_char(s, p[j] >= 32 && p[j] < 127 ? p[j] : '.');
        }
        ds_put_cstr(s, "|\n");
    }
}

/* Ports. */

static void
put_port_no(struct ds *s, ofp_port_t port)
{
    switch (port) {
    case OFPP_IN_PORT: ds_put_cstr(s, "IN_PORT"); break;
    case OFPP_TABLE: ds_put_cstr(s, "TABLE"); break;
    case OFPP_NORMAL: ds_put_cstr(s, "NORMAL"); break;
    case OFPP_FLOOD: ds_put_cstr(s, "FLOOD"); break;
    case OFPP_ALL: ds_put_cstr(s, "ALL"); break;
    case OFPP_CONTROLLER: ds_put_cstr(s, "CONTROLLER"); break;
    case OFPP_LOCAL: ds_put_cstr(s, "LOCAL"); break;
    case OFPP_NONE: ds_put_cstr(s, "ANY"); break;
    default: ds_put_format(s, "%"PRIu16, (uint16_t) port); break;
    }
}

static void
put_bits(struct ds *s, uint32_t bits, const char *const names[], int n)
{
    bool any = false;
    int i;

    for (i = 0; i < n; i++) {
        if (bits & (1u << i) && names[i]) {
            ds_put_format(s, "%s%s", any ? " " : "", names[i]);
            any = true;
        }
    }
    if (!any) {
        ds_put_char(s, '0');
    }
}

static const char *const port_config_names[] = {
    "PORT_DOWN", NULL, "NO_RECV", NULL, "NO_FLOOD", "NO_FWD",
    "NO_PACKET_IN",
};
static const char *const port_state_names[] = {
    "LINK_DOWN", "BLOCKED", "LIVE",
};
static const char *const port_feature_names[] = {
    "10MB-HD", "10MB-FD", "100MB-HD", "100MB-FD", "1GB-HD", "1GB-FD",
    "10GB-FD", "40GB-FD", "100GB-FD", "1TB-FD", "OTHER", "COPPER", "FIBER",
    "AUTO_NEG", "AUTO_PAUSE", "AUTO_PAUSE_ASYM",
};

static void
put_features_line(struct ds *s, const char *label, uint32_t features)
{
    if (features) {
        ds_put_format(s, "     %-11s ", label);
        put_bits(s, features, port_feature_names,
                 ARRAY_SIZE(port_feature_names));
        ds_put_char(s, ' ');
        ds_put_char(s, '\n');
    }
}

void
ofp_print_port(struct ds *s, const struct ofp_port *pp)
{
    ds_put_char(s, ' ');
    put_port_no(s, pp->port_no);
    ds_put_format(s, "(%s): addr:"ETH_ADDR_FMT"\n", pp->name,
                  ETH_ADDR_ARGS(pp->hw_addr));
    ds_put_cstr(s, "     config:     ");
    put_bits(s, pp->config, port_config_names,
             ARRAY_SIZE(port_config_names));
    ds_put_cstr(s, "\n     state:      ");
    put_bits(s, pp->state, port_state_names, ARRAY_SIZE(port_state_names));
    ds_put_char(s, '\n');
    put_features_line(s, "current:", pp->curr);
    put_features_line(s, "advertised:", pp->advertised);
    put_features_line(s, "supported:", pp->supported);
    put_features_line(s, "peer:", pp->peer);
    ds_put_format(s, "     speed: %"PRIu32" Mbps now, %"PRIu32" Mbps max\n",
                  pp->curr_speed / 1000, pp->max_speed / 1000);
}

static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofp_port *a = a_, *b = b_;

    return a->port_no < b->port_no ? -1 : a->port_no > b->port_no;
}

static void
put_ports(struct ds *s, struct ofp_port *ports, size_t n)
{
    size_t i;

    qsort(ports, n, sizeof *ports, compare_ports);
    for (i = 0; i < n; i++) {
        ofp_print_port(s, &ports[i]);
    }
}

/* FEATURES_REPLY. */

static const char *const caps10_names[] = {
    "FLOW_STATS", "TABLE_STATS", "PORT_STATS", "STP", NULL, "IP_REASM",
    "QUEUE_STATS", "ARP_MATCH_IP",
};
static const char *const caps13_names[] = {
    "FLOW_STATS", "TABLE_STATS", "PORT_STATS", "GROUP_STATS", NULL,
    "IP_REASM", "QUEUE_STATS", NULL, "PORT_BLOCKED",
};

static void
print_features_reply(struct ds *s, const uint8_t *p, size_t len)
{
    static const struct {
        int bit;
        const char *name;
    } actions10[] = {
        { 0, "output" }, { 11, "enqueue" }, { 1, "set_vlan_vid" },
        { 2, "set_vlan_pcp" }, { 3, "strip_vlan" }, { 4, "mod_dl_src" },
        { 5, "mod_dl_dst" }, { 6, "mod_nw_src" }, { 7, "mod_nw_dst" },
        { 8, "mod_nw_tos" }, { 9, "mod_tp_src" }, { 10, "mod_tp_dst" },
    };
    struct ofp_switch_features sf;
    uint32_t caps;
    size_t i;

    if (ofp_decode_features_reply(p, len, &sf)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    caps = ofp_get32(p + OFP_HEADER_LEN + 16);
    ds_put_format(s, " dpid:%016"PRIx64"\n", sf.datapath_id);
    ds_put_format(s, "n_tables:%u, n_buffers:%"PRIu32, sf.n_tables,
                  sf.n_buffers);
    if (p[0] != OFP10_VERSION && sf.auxiliary_id) {
        ds_put_format(s, ", auxiliary_id:%u", sf.auxiliary_id);
    }
    ds_put_cstr(s, "\ncapabilities: ");
    if (p[0] == OFP10_VERSION) {
        put_bits(s, caps, caps10_names, ARRAY_SIZE(caps10_names));
    } else {
        put_bits(s, caps, caps13_names, ARRAY_SIZE(caps13_names));
    }
    ds_put_char(s, '\n');
    if (p[0] == OFP10_VERSION) {
        ds_put_cstr(s, "actions:");
        for (i = 0; i < ARRAY_SIZE(actions10); i++) {
            if (sf.actions & (1u << actions10[i].bit)) {
                ds_put_format(s, " %s", actions10[i].name);
            }
        }
        ds_put_char(s, '\n');
        put_ports(s, sf.ports, sf.n_ports);
    }
    free(sf.ports);
}

/* Statistics replies. */

static void
put_counter(struct ds *s, const char *name, uint64_t value, bool more)
{
    if (value == UINT64_MAX) {
        ds_put_format(s, "%s=?", name);
    } else {
        ds_put_format(s, "%s=%"PRIu64, name, value);
    }
    ds_put_cstr(s, more ? ", " : "\n");
}

static void
print_port_stats(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_port_stats *ps;
    size_t n, i;

    if (ofp_decode_port_stats_reply(p, len, &ps, &n)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_format(s, " %zu ports\n", n);
    for (i = 0; i < n; i++) {
        struct ds port = DS_EMPTY_INITIALIZER;

        put_port_no(&port, ps[i].port_no);
        ds_put_format(s, "  port %2s: rx ", ds_cstr(&port));
        ds_destroy(&port);
        put_counter(s, "pkts", ps[i].rx_packets, true);
        put_counter(s, "bytes", ps[i].rx_bytes, true);
        put_counter(s, "drop", ps[i].rx_dropped, true);
        put_counter(s, "errs", ps[i].rx_errors, true);
        put_counter(s, "frame", ps[i].rx_frame_err, true);
        put_counter(s, "over", ps[i].rx_over_err, true);
        put_counter(s, "crc", ps[i].rx_crc_err, false);
        ds_put_cstr(s, "           tx ");
        put_counter(s, "pkts", ps[i].tx_packets, true);
        put_counter(s, "bytes", ps[i].tx_bytes, true);
        put_counter(s, "drop", ps[i].tx_dropped, true);
        put_counter(s, "errs", ps[i].tx_errors, true);
        put_counter(s, "coll", ps[i].collisions, false);
        if (p[0] != OFP10_VERSION && ps[i].duration_sec != UINT32_MAX) {
            ds_put_format(s, "           duration=%"PRIu32".%03"PRIu32"s\n",
                          ps[i].duration_sec,
                          ps[i].duration_nsec / 1000000);
        }
    }
    free(ps);
}

static void
print_port_desc(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_port *ports;
    size_t n;

    if (ofp_decode_port_desc_reply(p, len, &ports, &n)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_char(s, '\n');
    put_ports(s, ports, n);
    free(ports);
}

/* The OpenFlow 1.0 wildcard bits that a table supports, as the names
 * "matching:" lists, grouped by prefix. */
static void
put_of10_wildcards(struct ds *s, uint32_t wc)
{
    static const struct {
        uint32_t bits;
        const char *prefix, *suffix;
    } fields[] = {
        { 1 << 0, "in_port", "" },
        { 1 << 2, "eth_", "src" },
        { 1 << 3, "eth_", "dst" },
        { 1 << 4, "eth_", "type" },
        { 1 << 1, "vlan_", "vid" },
        { 1 << 20, "vlan_", "pcp" },
        { 0x3f << 8, "ip_", "src" },
        { 0x3f << 14, "ip_", "dst" },
        { 1 << 5, "nw_", "proto" },
        { 1 << 21, "nw_", "tos" },
        { 1 << 6, "tcp_", "src" },
        { 1 << 7, "tcp_", "dst" },
    };
    size_t i = 0;

    ds_put_cstr(s, "      exact match or wildcard:");
    while (i < ARRAY_SIZE(fields)) {
        size_t j, n = 0;

        if (!(wc & fields[i].bits)) {
            i++;
            continue;
        }
        if (!fields[i].suffix[0]) {
            ds_put_format(s, " %s", fields[i].prefix);
            i++;
            continue;
        }
        for (j = i; j < ARRAY_SIZE(fields)
                 && fields[j].suffix[0]
                 && !strcmp(fields[j].prefix, fields[i].prefix); j++) {
            if (wc & fields[j].bits) {
                n++;
            }
        }
        ds_put_char(s, ' ');
        ds_put_cstr(s, fields[i].prefix);
        if (n > 1) {
            ds_put_char(s, '{');
        }
        n = 0;
        for (; i < j; i++) {
            if (wc & fields[i].bits) {
                ds_put_format(s, "%s%s", n++ ? "," : "", fields[i].suffix);
            }
        }
        if (n > 1) {
            ds_put_char(s, '}');
        }
    }
    ds_put_char(s, '\n');
}

/* Appends "  table N: ditto" or "  tables N...M: ditto" for the run of
 * tables 'first' to 'last' (if any), preceded by a blank line unless it is
 * the first item. */
static void
put_ditto(struct ds *s, const struct ofp_table_stats *ts, size_t first,
          size_t last, bool *first_item)
{
    if (first == SIZE_MAX) {
        return;
    }
    if (!*first_item) {
        ds_put_char(s, '\n');
    }
    *first_item = false;
    if (first == last) {
        ds_put_format(s, "  table %u: ditto\n", ts[first].table_id);
    } else {
        ds_put_format(s, "  tables %u...%u: ditto\n", ts[first].table_id,
                      ts[last].table_id);
    }
}

static void
print_table_stats(struct ds *s, const uint8_t *p, size_t len)
{
    bool of10 = p[0] == OFP10_VERSION;
    size_t n, i, run = SIZE_MAX;
    struct ofp_table_stats *ts;
    bool first_item = true;

    if (ofp_decode_table_stats_reply(p, len, &ts, &n)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_char(s, '\n');
    for (i = 0; i < n; i++) {
        /* OpenFlow 1.0 entries are 64 bytes after 12 bytes of headers;
         * the wildcards are at offset 36 in an entry. */
        uint32_t wc = of10 ? ofp_get32(p + 12 + i * 64 + 36) : 0;
        bool same_features = i > 0;

        if (of10 && i > 0) {
            same_features = (wc == ofp_get32(p + 12 + (i - 1) * 64 + 36)
                             && ts[i].max_entries == ts[i - 1].max_entries);
        }
        if (same_features
            && ts[i].active_count == ts[i - 1].active_count
            && ts[i].lookup_count == ts[i - 1].lookup_count
            && ts[i].matched_count == ts[i - 1].matched_count) {
            if (run == SIZE_MAX) {
                run = i;
            }
            continue;
        }
        put_ditto(s, ts, run, i - 1, &first_item);
        run = SIZE_MAX;

        if (!first_item) {
            ds_put_char(s, '\n');
        }
        first_item = false;
        ds_put_format(s, "  table %u", ts[i].table_id);
        if (of10 && ts[i].name[0]) {
            char def[32];

            snprintf(def, sizeof def, "table%u", ts[i].table_id);
            if (strcmp(def, ts[i].name)) {
                ds_put_format(s, " (\"%s\")", ts[i].name);
            }
        }
        ds_put_format(s, ":\n    active=%"PRIu32", lookup=%"PRIu64
                      ", matched=%"PRIu64"\n", ts[i].active_count,
                      ts[i].lookup_count, ts[i].matched_count);
        if (of10) {
            if (same_features) {
                ds_put_cstr(s, "    (same features)\n");
            } else {
                ds_put_format(s, "    max_entries=%"PRIu32"\n",
                              ts[i].max_entries);
                ds_put_cstr(s, "    matching:\n");
                put_of10_wildcards(s, wc);
            }
        }
    }
    put_ditto(s, ts, run, n - 1, &first_item);
    free(ts);
}

/* Flows. */

static const char *const flow_flag_names[] = {
    "send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts",
    "no_byte_counts",
};

void
ofp_print_flow_stats(struct ds *s, const struct ofp_flow_stats *fs,
                     uint8_t version, bool show_stats)
{
    size_t i, start;

    ds_put_char(s, ' ');
    if (show_stats || fs->cookie) {
        ds_put_format(s, "cookie=0x%"PRIx64", ", fs->cookie);
    }
    if (show_stats) {
        ds_put_format(s, "duration=%"PRIu32".%03"PRIu32"s, ",
                      fs->duration_sec, fs->duration_nsec / 1000000);
    }
    if (show_stats || fs->table_id) {
        ds_put_format(s, "table=%u, ", fs->table_id);
    }
    if (show_stats) {
        ds_put_format(s, "n_packets=%"PRIu64", n_bytes=%"PRIu64", ",
                      fs->packet_count, fs->byte_count);
    }
    if (fs->idle_timeout) {
        ds_put_format(s, "idle_timeout=%u, ", fs->idle_timeout);
    }
    if (fs->hard_timeout) {
        ds_put_format(s, "hard_timeout=%u, ", fs->hard_timeout);
    }
    if (version != OFP10_VERSION && fs->flags) {
        for (i = 0; i < ARRAY_SIZE(flow_flag_names); i++) {
            if (fs->flags & (1u << i)) {
                ds_put_format(s, "%s ", flow_flag_names[i]);
            }
        }
    }
    if (show_stats && fs->idle_age >= 0) {
        ds_put_format(s, "idle_age=%d, ", fs->idle_age);
    }
    if (show_stats && fs->hard_age >= 0
        && (uint32_t) fs->hard_age != fs->duration_sec) {
        ds_put_format(s, "hard_age=%d, ", fs->hard_age);
    }
    start = s->length;
    ofp_format_match(&fs->match, fs->priority, s);
    if (s->length > start) {
        ds_put_char(s, ' ');
    }
    ds_put_cstr(s, "actions=");
    ofp_format_actions(&fs->ofpacts, s);
}

static void
print_flow_stats(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_flow_stats *fs;
    size_t n, i;

    if (ofp_decode_flow_stats_reply(p, len, &fs, &n)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_char(s, '\n');
    for (i = 0; i < n; i++) {
        ofp_print_flow_stats(s, &fs[i], p[0], true);
        ds_put_char(s, '\n');
    }
    ofp_flow_stats_free(fs, n);
}

static void
print_aggregate(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_aggregate_stats as;

    if (ofp_decode_aggregate_reply(p, len, &as)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_format(s, " packet_count=%"PRIu64" byte_count=%"PRIu64
                  " flow_count=%"PRIu32"\n", as.packet_count, as.byte_count,
                  as.flow_count);
}

static const char *
flow_mod_command_name(uint8_t command)
{
    switch (command) {
    case OFPFC_ADD: return "ADD";
    case OFPFC_MODIFY: return "MOD";
    case OFPFC_MODIFY_STRICT: return "MOD_STRICT";
    case OFPFC_DELETE: return "DEL";
    case OFPFC_DELETE_STRICT: return "DEL_STRICT";
    default: return "***unknown command***";
    }
}

static void
print_flow_mod(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_flow_mod fm;
    enum ofp_protocol proto;
    size_t start;
    size_t i;

    ofp_flow_mod_init(&fm);
    if (ofp_decode_flow_mod(p, len, p[0] == OFP10_VERSION, &fm, &proto)) {
        ds_put_cstr(s, " ***decode error***\n");
        ofp_flow_mod_uninit(&fm);
        return;
    }
    ds_put_format(s, " %s", flow_mod_command_name(fm.command));
    if (p[0] != OFP10_VERSION
        || (fm.table_id != 0 && fm.table_id != OFPTT_ALL)) {
        ds_put_format(s, " table:%u", fm.table_id);
    }
    ds_put_char(s, ' ');
    start = s->length;
    ofp_format_match(&fm.match, fm.priority, s);
    if (s->length > start) {
        ds_put_char(s, ' ');
    }
    if (fm.cookie_mask) {
        ds_put_format(s, "cookie:0x%"PRIx64"/0x%"PRIx64" ", fm.cookie,
                      fm.cookie_mask);
    }
    if (fm.new_cookie != UINT64_MAX && fm.new_cookie
        && (fm.command == OFPFC_ADD || fm.command == OFPFC_MODIFY
            || fm.command == OFPFC_MODIFY_STRICT)) {
        ds_put_format(s, "cookie:0x%"PRIx64" ", fm.new_cookie);
    }
    if (fm.idle_timeout) {
        ds_put_format(s, "idle:%u ", fm.idle_timeout);
    }
    if (fm.hard_timeout) {
        ds_put_format(s, "hard:%u ", fm.hard_timeout);
    }
    if (fm.buffer_id != OFP_NO_BUFFER) {
        ds_put_format(s, "buf:0x%"PRIx32" ", fm.buffer_id);
    }
    if (fm.out_port != OFPP_NONE) {
        ds_put_cstr(s, "out_port:");
        put_port_no(s, fm.out_port);
        ds_put_char(s, ' ');
    }
    for (i = 0; i < ARRAY_SIZE(flow_flag_names); i++) {
        if (fm.flags & (1u << i)) {
            ds_put_format(s, "%s ", flow_flag_names[i]);
        }
    }
    ds_put_cstr(s, "actions=");
    ofp_format_actions(&fm.ofpacts, s);
    ds_put_char(s, '\n');
    ofp_flow_mod_uninit(&fm);
}

/* Asynchronous messages. */

/* Appends a one-line description of 'packet' (the fields a packet-in's
 * packet has, then the L4 checksum), as stock shows it. */
static void
put_packet_summary(struct ds *s, const void *packet, size_t len)
{
    const uint8_t *p = packet;
    struct flow flow;
    size_t l3 = 14, l4 = 0;
    bool ip;

    memset(&flow, 0, sizeof flow);
    flow_extract(packet, len, &flow);
    while (l3 + 4 <= len && (ofp_get16(p + l3 - 2) == 0x8100
                             || ofp_get16(p + l3 - 2) == 0x88a8)) {
        l3 += 4;
    }
    ip = flow.dl_type == htons(0x0800);
    if (ip) {
        const char *proto = (flow.nw_proto == 6 ? "tcp"
                             : flow.nw_proto == 17 ? "udp"
                             : flow.nw_proto == 1 ? "icmp"
                             : flow.nw_proto == 132 ? "sctp" : NULL);

        ds_put_format(s, "%s,", proto ? proto : "ip");
        if (l3 < len) {
            l4 = l3 + (p[l3] & 0x0f) * 4;
        }
    } else if (flow.dl_type == htons(0x0806)) {
        ds_put_cstr(s, "arp,");
    }
    ds_put_format(s, "vlan_tci=0x%04"PRIx16",dl_src="ETH_ADDR_FMT
                  ",dl_dst="ETH_ADDR_FMT, ntohs(flow.vlans[0].tci),
                  ETH_ADDR_ARGS(flow.dl_src), ETH_ADDR_ARGS(flow.dl_dst));
    if (ip) {
        ds_put_cstr(s, ",nw_src=");
        ds_put_ip(s, flow.nw_src);
        ds_put_cstr(s, ",nw_dst=");
        ds_put_ip(s, flow.nw_dst);
        if (flow.nw_proto != 6 && flow.nw_proto != 17
            && flow.nw_proto != 1 && flow.nw_proto != 132) {
            ds_put_format(s, ",nw_proto=%u", flow.nw_proto);
        }
        ds_put_format(s, ",nw_tos=%u,nw_ecn=%u,nw_ttl=%u,nw_frag=%s",
                      flow.nw_tos & 0xfc, flow.nw_tos & 3, flow.nw_ttl,
                      !flow.nw_frag ? "no"
                      : flow.nw_frag & 2 ? "later" : "first");
        if (flow.nw_proto == 1) {
            ds_put_format(s, ",icmp_type=%u,icmp_code=%u",
                          ntohs(flow.tp_src), ntohs(flow.tp_dst));
        } else if (flow.nw_proto == 6 || flow.nw_proto == 17
                   || flow.nw_proto == 132) {
            ds_put_format(s, ",tp_src=%u,tp_dst=%u", ntohs(flow.tp_src),
                          ntohs(flow.tp_dst));
        }
        if (flow.nw_proto == 6) {
            ds_put_format(s, ",tcp_flags=");
            if (!flow.tcp_flags) {
                ds_put_char(s, '0');
            } else {
                static const char *const names[] = {
                    "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr",
                    "ns",
                };
                bool first = true;
                size_t i;

                for (i = 0; i < ARRAY_SIZE(names); i++) {
                    if (ntohs(flow.tcp_flags) & (1u << i)) {
                        ds_put_format(s, "%s%s", first ? "" : "|",
                                      names[i]);
                        first = false;
                    }
                }
            }
            if (l4 && l4 + 18 <= len) {
                ds_put_format(s, " tcp_csum:%"PRIx16, ofp_get16(p + l4 + 16));
            }
        } else if (flow.nw_proto == 17 && l4 && l4 + 8 <= len) {
            ds_put_format(s, " udp_csum:%"PRIx16, ofp_get16(p + l4 + 6));
        }
    } else if (flow.dl_type == htons(0x0806)) {
        ds_put_cstr(s, ",arp_spa=");
        ds_put_ip(s, flow.nw_src);
        ds_put_cstr(s, ",arp_tpa=");
        ds_put_ip(s, flow.nw_dst);
        ds_put_format(s, ",arp_op=%u,arp_sha="ETH_ADDR_FMT",arp_tha="
                      ETH_ADDR_FMT, flow.nw_proto,
                      ETH_ADDR_ARGS(flow.arp_sha),
                      ETH_ADDR_ARGS(flow.arp_tha));
    } else {
        ds_put_format(s, ",dl_type=0x%04"PRIx16, ntohs(flow.dl_type));
    }
}

static void
print_packet_in(struct ds *s, const uint8_t *p, size_t len)
{
    static const char *const reasons[] = { "no_match", "action",
                                           "invalid_ttl" };
    struct ofp_packet_in pin;

    if (ofp_decode_packet_in(p, len, &pin)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    if (p[0] != OFP10_VERSION) {
        ds_put_format(s, " table_id=%u cookie=0x%"PRIx64, pin.table_id,
                      pin.cookie);
    }
    ds_put_format(s, " total_len=%u in_port=", pin.total_len);
    put_port_no(s, pin.in_port);
    if (pin.reason < ARRAY_SIZE(reasons)) {
        ds_put_format(s, " (via %s)", reasons[pin.reason]);
    } else {
        ds_put_format(s, " (via %u)", pin.reason);
    }
    ds_put_format(s, " data_len=%zu", pin.packet_len);
    if (pin.buffer_id == OFP_NO_BUFFER) {
        ds_put_cstr(s, " (unbuffered)");
    } else {
        ds_put_format(s, " buffer=0x%08"PRIx32, pin.buffer_id);
    }
    ds_put_char(s, '\n');
    if (pin.packet_len) {
        put_packet_summary(s, pin.packet, pin.packet_len);
        ds_put_char(s, '\n');
    }
}

static void
print_flow_removed(struct ds *s, const uint8_t *p, size_t len)
{
    static const char *const reasons[] = { "idle", "hard", "delete" };
    struct ofp_flow_removed fr;

    if (ofp_decode_flow_removed(p, len, &fr)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_char(s, ' ');
    ofp_format_match(&fr.match, fr.priority, s);
    ds_put_format(s, " reason=%s",
                  fr.reason < ARRAY_SIZE(reasons) ? reasons[fr.reason]
                  : "?");
    if (p[0] != OFP10_VERSION) {
        ds_put_format(s, " table_id=%u", fr.table_id);
    }
    if (fr.cookie) {
        ds_put_format(s, " cookie:0x%"PRIx64, fr.cookie);
    }
    ds_put_format(s, " duration%"PRIu32".%03"PRIu32"s", fr.duration_sec,
                  fr.duration_nsec / 1000000);
    ds_put_format(s, " idle%u", fr.idle_timeout);
    if (fr.hard_timeout) {
        ds_put_format(s, " hard%u", fr.hard_timeout);
    }
    ds_put_format(s, " pkts%"PRIu64" bytes%"PRIu64"\n", fr.packet_count,
                  fr.byte_count);
}

static void
print_port_status(struct ds *s, const uint8_t *p, size_t len)
{
    static const char *const reasons[] = { "ADD", "DEL", "MOD" };
    struct ofp_port pp;
    uint8_t reason;

    if (ofp_decode_port_status(p, len, &reason, &pp)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_format(s, " %s:", reason < 3 ? reasons[reason] : "???");
    ofp_print_port(s, &pp);
}

static void
print_error(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_error_msg em;

    if (ofp_decode_error(p, len, &em)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    if (em.error) {
        ds_put_format(s, " %s\n", ofperr_get_name(em.error));
    } else {
        ds_put_format(s, " ***unknown error type %u code %u***\n",
                      em.wire.type, em.wire.code);
    }
    if (em.error == OFPERR_OFPHFC_INCOMPATIBLE
        || em.error == OFPERR_OFPHFC_EPERM) {
        ds_put_buffer(s, (const char *) em.data, em.data_len);
        ds_put_char(s, '\n');
    } else if (em.data_len >= OFP_HEADER_LEN) {
        size_t inner = ofp_get16(em.data + 2);

        if (inner <= em.data_len) {
            ofp_print_msg(s, em.data, inner);
        } else {
            /* Name the truncated request from its headers. */
            uint8_t *copy = xmemdup(em.data, em.data_len);

            ofp_set16(copy + 2, em.data_len);
            ofp_print_header(s, copy, em.data_len);
            free(copy);
            ds_put_format(s, "\n(***truncated to %zu bytes from %zu***)\n",
                          em.data_len, inner);
            put_hex_dump(s, em.data, em.data_len);
        }
    }
}

static void
print_switch_config(struct ds *s, const uint8_t *p, size_t len)
{
    static const char *const frags[] = { "normal", "drop", "reassemble",
                                         "nx-match" };
    struct ofp_switch_config sc;

    if (ofp_decode_switch_config(p, len, &sc)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_format(s, " frags=%s miss_send_len=%u\n",
                  frags[sc.flags & OFPC_FRAG_MASK], sc.miss_send_len);
}

static void
print_bundle_ctrl(struct ds *s, const uint8_t *p, size_t len)
{
    struct ofp_bundle_ctrl bc;

    if (ofp_decode_bundle_ctrl(p, len, &bc)) {
        ds_put_cstr(s, " ***decode error***\n");
        return;
    }
    ds_put_format(s, "\n bundle_id=%#"PRIx32" type=%s flags=", bc.bundle_id,
                  ofp_bundle_ctrl_type_name(bc.type));
    if (bc.flags & OFPBF_ATOMIC) {
        ds_put_cstr(s, "atomic");
    }
    if (bc.flags & OFPBF_ORDERED) {
        ds_put_cstr(s, bc.flags & OFPBF_ATOMIC ? " ordered" : "ordered");
    }
    ds_put_char(s, '\n');
}

void
ofp_print_msg(struct ds *s, const void *msg, size_t len)
{
    struct ofp_msg_info info;
    const uint8_t *p = msg;

    ofp_print_header(s, msg, len);
    if (ofptype_decode(msg, len, &info)) {
        ds_put_char(s, '\n');
        put_hex_dump(s, p, len);
        return;
    }
    switch (info.type) {
    case OFPTYPE_FEATURES_REPLY:
        print_features_reply(s, p, len);
        break;
    case OFPTYPE_GET_CONFIG_REPLY:
    case OFPTYPE_SET_CONFIG:
        print_switch_config(s, p, len);
        break;
    case OFPTYPE_PORT_STATS_REPLY:
        print_port_stats(s, p, len);
        break;
    case OFPTYPE_PORT_DESC_STATS_REPLY:
        print_port_desc(s, p, len);
        break;
    case OFPTYPE_TABLE_STATS_REPLY:
        print_table_stats(s, p, len);
        break;
    case OFPTYPE_FLOW_STATS_REPLY:
        print_flow_stats(s, p, len);
        break;
    case OFPTYPE_AGGREGATE_STATS_REPLY:
        print_aggregate(s, p, len);
        break;
    case OFPTYPE_FLOW_MOD:
        print_flow_mod(s, p, len);
        break;
    case OFPTYPE_PACKET_IN:
        print_packet_in(s, p, len);
        break;
    case OFPTYPE_FLOW_REMOVED:
        print_flow_removed(s, p, len);
        break;
    case OFPTYPE_PORT_STATUS:
        print_port_status(s, p, len);
        break;
    case OFPTYPE_ERROR:
        print_error(s, p, len);
        break;
    case OFPTYPE_BUNDLE_CONTROL:
        print_bundle_ctrl(s, p, len);
        break;
    default:
        ds_put_char(s, '\n');
        if (len > info.header_len) {
            put_hex_dump(s, p + info.header_len, len - info.header_len);
        }
        break;
    }
}

bool
ofp_parse_hex(const char *s, struct ofpbuf *out)
{
    while (*s) {
        unsigned int hi, lo;

        if (*s == ' ' || *s == '.' || *s == '\t' || *s == '\n') {
            s++;
            continue;
        }
        if (!isxdigit((unsigned char) s[0])
            || !isxdigit((unsigned char) s[1])) {
            return false;
        }
        hi = isdigit((unsigned char) s[0]) ? s[0] - '0'
             : tolower((unsigned char) s[0]) - 'a' + 10;
        lo = isdigit((unsigned char) s[1]) ? s[1] - '0'
             : tolower((unsigned char) s[1]) - 'a' + 10;
        ofpbuf_put_u8(out, (hi << 4) | lo);
        s += 2;
    }
    return true;
}
