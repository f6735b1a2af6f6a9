/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "mac-learning.h"
#include "match.h"
#include "netlink.h"
#include "odp-format.h"
#include "ofp-flow.h"
#include "ofp-parse.h"
#include "ofproto.h"
#include "unixctl.h"
#include "util.h"
#include "xlate-private.h"

/* Appctl: ofproto/trace, fdb/show, fdb/flush. */

static bool
trace_port_name(const char *name, ofp_port_t *port, void *aux)
{
    const struct ofport *p = ofproto_get_port_by_name(aux, name);

    if (p) {
        *port = p->ofp_port;
    }
    return p != NULL;
}

/* Parses 's', OpenFlow flow syntax ("in_port=1,dl_src=...") or datapath
 * flow syntax ("in_port(2),eth(...)"), into '*flow' with an OpenFlow
 * input port and '*ofprotop'.  Returns NULL or an error message. */
static char *
trace_parse_flow(const char *s, struct ofproto **ofprotop, struct flow *flow)
{
    char *error;

    if (strchr(s, '(')) {
        struct match match;
        ofp_port_t ofp_port;
        struct ofproto *ofproto;

        error = odp_match_parse(s, &match);
        if (error) {
            return error;
        }
        *flow = match.flow;
        if (!ofproto_port_from_odp(flow->in_port.odp_port, &flow->tunnel,
                                   &ofproto, &ofp_port)) {
            return xasprintf("no OpenFlow port for datapath port %"PRIu32,
                             flow->in_port.odp_port);
        }
        if (*ofprotop && *ofprotop != ofproto) {
            return xasprintf("datapath port %"PRIu32" is not on bridge %s",
                             flow->in_port.odp_port, (*ofprotop)->name);
        }
        *ofprotop = ofproto;
        flow->in_port.ofp_port = ofp_port;
        return NULL;
    } else {
        struct ofp_parse_ports ports = { trace_port_name, *ofprotop };
        struct ofp_flow_mod fm;

        if (!*ofprotop) {
            return xstrdup("must specify a bridge with an OpenFlow flow");
        }
        error = ofp_parse_flow_mod(s, OFPFC_DELETE, &ports, &fm);
        if (!error) {
            *flow = fm.match.flow;
            if (!fm.match.wc.masks.in_port.ofp_port) {
                flow->in_port.ofp_port = OFPP_NONE;
            }
        }
        ofp_flow_mod_uninit(&fm);
        return error;
    }
}

/* Inserts 'text' into 's' in front of "in_port=" at or after 'start'
 * (or appends it). */
static void
insert_before_in_port(struct ds *s, size_t start, const char *text)
{
    const char *p = strstr(ds_cstr(s) + start, "in_port=");

    if (p) {
        size_t ofs = p - ds_cstr(s);
        char *tail = xstrdup(p);

        ds_truncate(s, ofs);
        ds_put_format(s, "%s%s", text, tail);
        free(tail);
    } else {
        ds_put_format(s, ",%s", text);
        ds_chomp(s, ',');
    }
}

static void
put_tun_flags(struct ds *s, uint16_t flags, uint16_t mask)
{
    static const struct {
        uint16_t bit;
        const char *name;
    } names[] = {
        { FLOW_TNL_F_DONT_FRAGMENT, "df" },
        { FLOW_TNL_F_CSUM, "csum" },
        { FLOW_TNL_F_KEY, "key" },
        { FLOW_TNL_F_OAM, "oam" },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(names); i++) {
        if (mask & names[i].bit) {
            ds_put_format(s, "%c%s", flags & names[i].bit ? '+' : '-',
                          names[i].name);
        }
    }
}

/* The mask of the fields stock's trace shows for a packet 'flow'. */
static void
trace_flow_fields(const struct flow *flow, struct flow_wildcards *wc)
{
    int i;

    memset(wc, 0, sizeof *wc);
    wc->masks.in_port.ofp_port = UINT16_MAX;
    wc->masks.vlans[0].tci = OVS_BE16_MAX;
    wc->masks.dl_src = ETH_ADDR_EXACT;
    wc->masks.dl_dst = ETH_ADDR_EXACT;
    wc->masks.dl_type = OVS_BE16_MAX;
    for (i = 0; i < FLOW_N_REGS; i++) {
        wc->masks.regs[i] = flow->regs[i] ? UINT32_MAX : 0;
    }
    wc->masks.metadata = flow->metadata ? OVS_BE64_MAX : 0;
    wc->masks.pkt_mark = flow->pkt_mark ? UINT32_MAX : 0;

    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        wc->masks.nw_src = OVS_BE32_MAX;
        wc->masks.nw_dst = OVS_BE32_MAX;
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        memset(&wc->masks.ipv6_src, 0xff, sizeof wc->masks.ipv6_src);
        memset(&wc->masks.ipv6_dst, 0xff, sizeof wc->masks.ipv6_dst);
        wc->masks.ipv6_label = htonl(0xfffff);
    } else if (flow->dl_type == htons(ETH_TYPE_ARP)
               || flow->dl_type == htons(ETH_TYPE_RARP)) {
        wc->masks.nw_src = OVS_BE32_MAX;
        wc->masks.nw_dst = OVS_BE32_MAX;
        wc->masks.nw_proto = UINT8_MAX;
        wc->masks.arp_sha = ETH_ADDR_EXACT;
        wc->masks.arp_tha = ETH_ADDR_EXACT;
    }
    if (flow_is_ip_any(flow)) {
        wc->masks.nw_proto = UINT8_MAX;
        wc->masks.nw_tos = UINT8_MAX;
        wc->masks.nw_ttl = UINT8_MAX;
        wc->masks.nw_frag = FLOW_NW_FRAG_MASK;
        if (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_UDP
            || flow->nw_proto == IPPROTO_SCTP
            || flow->nw_proto == IPPROTO_ICMP
            || flow->nw_proto == IPPROTO_ICMPV6) {
            wc->masks.tp_src = OVS_BE16_MAX;
            wc->masks.tp_dst = OVS_BE16_MAX;
        }
    }
}

/* Stock shows every tunnel field of a packet from a tunnel. */
static void
trace_put_tunnel(struct ds *s, size_t start, const struct flow_tnl *t)
{
    struct ds tun = DS_EMPTY_INITIALIZER;

    if (t->flags & FLOW_TNL_F_KEY) {
        ds_put_format(&tun, "tun_id=%#"PRIx64",", ntohll(t->tun_id));
    }
    ds_put_format(&tun, "tun_src="IP_FMT",tun_dst="IP_FMT","
                  "tun_ipv6_src=::,tun_ipv6_dst=::,tun_gbp_id=%d,"
                  "tun_gbp_flags=%d,tun_tos=%d,tun_ttl=%d,"
                  "tun_erspan_ver=0,gtpu_flags=0,gtpu_msgtype=0,"
                  "tun_flags=", IP_ARGS(t->ip_src), IP_ARGS(t->ip_dst),
                  ntohs(t->gbp_id), t->gbp_flags, t->ip_tos, t->ip_ttl);
    if (t->flags & FLOW_TNL_F_MASK) {
        put_tun_flags(&tun, t->flags, t->flags & FLOW_TNL_F_MASK);
    } else {
        ds_put_char(&tun, '0');
    }
    ds_put_char(&tun, ',');
    insert_before_in_port(s, start, ds_cstr(&tun));
    ds_destroy(&tun);
}

static void
trace_put_tcp_flags(struct ds *s, uint16_t flags)
{
    static const char *const names[] = {
        "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
    };
    size_t i;

    ds_put_cstr(s, ",tcp_flags=");
    if (!flags) {
        ds_put_char(s, '0');
    }
    for (i = 0; i < 12; i++) {
        if (flags & (1 << i)) {
            if (i < ARRAY_SIZE(names)) {
                ds_put_cstr(s, names[i]);
            } else {
                ds_put_format(s, "0x%03x", 1u << i);
            }
            flags &= ~(1 << i);
            if (flags) {
                ds_put_char(s, '|');
            }
        }
    }
}

/* Appends 'flow' as stock's trace shows a packet: the fields that apply
 * to it, in flow syntax. */
static void
trace_format_flow(struct ds *s, const struct flow *flow)
{
    struct flow_wildcards wc;
    struct match match;
    size_t start;

    trace_flow_fields(flow, &wc);
    match_init(&match, flow, &wc);
    start = s->length;
    ofp_format_match(&match, OFP_DEFAULT_PRIORITY, s);
    if (flow_tnl_dst_is_set(&flow->tunnel)) {
        trace_put_tunnel(s, start, &flow->tunnel);
    }
    if (flow->vlans[0].tci & htons(VLAN_CFI)) {
        /* Stock also shows the (absent) second tag. */
        const char *pcp = strstr(ds_cstr(s) + start, "dl_vlan_pcp=");
        const char *comma = pcp ? strchr(pcp, ',') : NULL;

        if (comma) {
            size_t ofs = comma + 1 - ds_cstr(s);
            char *tail = xstrdup(ds_cstr(s) + ofs);

            ds_truncate(s, ofs);
            ds_put_format(s, "vlan_tci1=0x%04"PRIx16",%s",
                          ntohs(flow->vlans[1].tci), tail);
            free(tail);
        }
    }
    if (flow_is_ip_any(flow) && flow->nw_proto == IPPROTO_TCP
        && !(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
        trace_put_tcp_flags(s, ntohs(flow->tcp_flags) & 0x0fff);
    }
}

static void
trace_format_megaflow(struct ds *s, const struct flow *flow,
                      const struct flow_wildcards *wc)
{
    struct flow_wildcards w = *wc;
    size_t start;
    struct match match;

    w.masks.in_port.ofp_port = UINT16_MAX;
    if (!(flow->vlans[0].tci & htons(VLAN_CFI))) {
        /* "No VLAN" goes without saying, as in stock's output (in the
         * datapath, the exact Ethertype implies it). */
        w.masks.vlans[0].tci = 0;
    }
    match_init(&match, flow, &w);
    ds_put_cstr(s, "Megaflow: ");
    if (match.wc.masks.recirc_id) {
        ds_put_format(s, "recirc_id=%#"PRIx32",", match.flow.recirc_id);
    }
    ds_put_cstr(s, "eth,");
    start = s->length;
    ofp_format_match(&match, OFP_DEFAULT_PRIORITY, s);
    if (w.masks.tunnel.ip_tos || w.masks.tunnel.flags) {
        struct ds tun = DS_EMPTY_INITIALIZER;

        if (w.masks.tunnel.ip_tos) {
            ds_put_format(&tun, "tun_tos=%d,", match.flow.tunnel.ip_tos);
        }
        if (w.masks.tunnel.flags) {
            ds_put_cstr(&tun, "tun_flags=");
            put_tun_flags(&tun, match.flow.tunnel.flags,
                          w.masks.tunnel.flags);
            ds_put_char(&tun, ',');
        }
        insert_before_in_port(s, start, ds_cstr(&tun));
        ds_destroy(&tun);
    }
    ds_chomp(s, ',');
    ds_put_char(s, '\n');
}

/* Parses 's', a packet in hexadecimal, into a malloc()'d buffer.
 * Returns NULL or an error message. */
static char *
trace_parse_packet(const char *s, uint8_t **packetp, size_t *lenp)
{
    size_t n = strlen(s), i;
    uint8_t *b;

    b = xmalloc(n / 2 + 1);
    for (i = 0; i < n / 2; i++) {
        unsigned int byte;

        if (!isxdigit((unsigned char) s[2 * i])
            || !isxdigit((unsigned char) s[2 * i + 1])
            || sscanf(s + 2 * i, "%2x", &byte) != 1) {
            break;
        }
        b[i] = byte;
    }
    if (i < n / 2 || n % 2) {
        free(b);
        return xstrdup("Trailing garbage in packet data");
    }
    if (i < ETH_HEADER_LEN) {
        free(b);
        return xstrdup("Packet data too short for Ethernet");
    }
    *packetp = b;
    *lenp = i;
    return NULL;
}

/* Runs "ofproto/trace" with 'argc' arguments 'argv' (argv[0] is the
 * command name), appending the account to 'out'.  Returns NULL, or an
 * error message (the caller frees it). */
char *
xlate_trace_command(int argc, const char *argv[], struct ds *out)
{
    struct ofproto *ofproto = NULL;
    struct xlate_out xout;
    struct xlate_in xin;
    struct flow final;
    const char *flow_s;
    uint8_t *packet = NULL;
    size_t packet_len = 0;
    char *error;
    int retval;

    memset(&xin, 0, sizeof xin);
    /* "BRIDGE FLOW [-generate|PACKET]" or "[DATAPATH] ODP_FLOW [...]". */
    if (argc >= 4 || (argc == 3 && (ofproto_lookup(argv[1])
                                    || strchr(argv[1], '@')
                                    || !strchr(argv[1], '=')))) {
        ofproto = ofproto_lookup(argv[1]);
        if (!ofproto && !strchr(argv[1], '@')
            && strcmp(argv[1], "ovs-system")) {
            return xasprintf("no bridge named %s", argv[1]);
        }
        flow_s = argv[2];
        argc--;
        argv++;
    } else {
        flow_s = argv[1];
    }
    if (argc >= 3) {
        if (!strcmp(argv[2], "-generate") || !strcmp(argv[2], "--generate")) {
            xin.may_learn = true;
        } else {
            error = trace_parse_packet(argv[2], &packet, &packet_len);
            if (error) {
                return error;
            }
            xin.packet = packet;
            xin.packet_len = packet_len;
            xin.may_learn = true;
        }
    }

    error = trace_parse_flow(flow_s, &ofproto, &xin.flow);
    if (error) {
        free(packet);
        return error;
    }
    if (packet) {
        /* The headers come from the packet, the metadata from the flow. */
        flow_extract(packet, packet_len, &xin.flow);
    }

    ds_put_cstr(out, "Flow: ");
    trace_format_flow(out, &xin.flow);
    ds_put_cstr(out, "\n\n");
    xin.trace = out;
    xlate_out_init(&xout);
    retval = xlate_actions_from_ofp(&xin, ofproto, xin.flow.in_port.ofp_port,
                                    &xout, &final);

    ds_put_cstr(out, "\nFinal flow: ");
    if (flow_equal(&final, &xin.flow)) {
        ds_put_cstr(out, "unchanged");
    } else {
        trace_format_flow(out, &final);
    }
    ds_put_char(out, '\n');
    trace_format_megaflow(out, &xin.flow, &xout.wc);
    ds_put_cstr(out, "Datapath actions: ");
    if (xout.slow) {
        odp_actions_format(out, xout.exec_actions.data,
                           xout.exec_actions.used);
    } else {
        odp_actions_format(out, xout.odp_actions.data,
                           xout.odp_actions.used);
    }
    ds_put_char(out, '\n');
    if (retval == ELOOP) {
        ds_put_cstr(out, "Translation failed (Recursion too deep), packet "
                    "is dropped.\n");
    } else if (retval == E2BIG) {
        ds_put_cstr(out, "Translation failed (Too many resubmits), packet "
                    "is dropped.\n");
    } else if (xout.slow) {
        ds_put_cstr(out, "This flow is handled by the userspace slow path "
                    "because it:\n  - Sends \"packet-in\" messages to the "
                    "OpenFlow controller.\n");
    }
    xlate_out_uninit(&xout);
    free(packet);
    return NULL;
}

static void
trace_cb(struct unixctl_conn *conn, int argc, const char *argv[],
         void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    char *error = xlate_trace_command(argc, argv, &s);

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        unixctl_command_reply(conn, ds_cstr(&s));
    }
    ds_destroy(&s);
}

static const char *
fdb_port_name(ofp_port_t port, void *aux OVS_UNUSED)
{
    return port == OFPP_LOCAL ? "LOCAL" : NULL;
}

static void
fdb_show_cb(struct unixctl_conn *conn, int argc OVS_UNUSED,
            const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto *ofproto = ofproto_lookup(argv[1]);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (!ofproto) {
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }
    if (ofproto->ml) {
        mac_learning_run(ofproto->ml);
        mac_learning_format(ofproto->ml, &s, fdb_port_name, ofproto);
    } else {
        ds_put_cstr(&s, " port  VLAN  MAC                Age\n");
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
fdb_flush_cb(struct unixctl_conn *conn, int argc, const char *argv[],
             void *aux OVS_UNUSED)
{
    struct ofproto *ofproto;

    if (argc > 1) {
        ofproto = ofproto_lookup(argv[1]);
        if (!ofproto) {
            unixctl_command_reply_error(conn, "no such bridge");
            return;
        }
        if (ofproto->ml) {
            mac_learning_flush(ofproto->ml);
        }
    } else {
        for (ofproto = ofproto_first(); ofproto;
             ofproto = ofproto_next(ofproto)) {
            if (ofproto->ml) {
                mac_learning_flush(ofproto->ml);
            }
        }
    }
    unixctl_command_reply(conn, "table successfully flushed\n");
}

void
xlate_init(void)
{
    static bool inited;

    if (inited) {
        return;
    }
    inited = true;
    unixctl_command_register("ofproto/trace",
                             "{[dp_name] odp_flow | bridge br_flow} "
                             "[-generate|packet]", 1, 3, trace_cb, NULL);
    unixctl_command_register("fdb/show", "bridge", 1, 1, fdb_show_cb, NULL);
    unixctl_command_register("fdb/flush", "[bridge]", 0, 1, fdb_flush_cb,
                             NULL);
}
