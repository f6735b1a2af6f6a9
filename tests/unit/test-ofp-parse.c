/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for the ovs-ofctl flow syntax (lib/ofp-parse.h). */

#include <config.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "dynamic-string.h"
#include "ofp-parse.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

/* Parses 'in' and returns "MATCH actions=ACTS" (caller frees), failing the
 * test on a parse error. */
static char *
round_trip(const char *in, const struct ofp_parse_ports *ports)
{
    struct ofp_flow_mod fm;
    struct ds s = DS_EMPTY_INITIALIZER;
    char *error = ofp_parse_flow_mod(in, OFPFC_ADD, ports, &fm);

    if (error) {
        fail_msg("%s: unexpected error: %s", in, error);
    }
    assert_true(match_is_normalized(&fm.match));
    ofp_format_match(&fm.match, fm.priority, &s);
    if (s.length) {
        ds_put_char(&s, ' ');
    }
    ds_put_cstr(&s, "actions=");
    ofp_format_actions(&fm.ofpacts, &s);
    ofp_flow_mod_uninit(&fm);
    return ds_steal_cstr(&s);
}

/* Input, expected output (NULL: the same as the input with the first
 * ",actions=" turned into " actions="). */
static const char *const cases[][2] = {
    /* Fields. */
    { "in_port=1,actions=drop", "in_port=1 actions=drop" },
    { "in_port=LOCAL,actions=drop", "in_port=LOCAL actions=drop" },
    { "dl_src=00:11:22:33:44:55,dl_dst=66:77:88:99:aa:bb,actions=drop",
      "dl_src=00:11:22:33:44:55,dl_dst=66:77:88:99:aa:bb actions=drop" },
    { "dl_src=00:11:22:33:44:55/ff:ff:ff:00:00:00,actions=drop",
      "dl_src=00:11:22:00:00:00/ff:ff:ff:00:00:00 actions=drop" },
    { "dl_type=0x88cc,actions=drop", "dl_type=0x88cc actions=drop" },
    { "dl_type=0x0800,actions=drop", "ip actions=drop" },
    { "dl_vlan=5,actions=drop", "dl_vlan=5 actions=drop" },
    { "dl_vlan=0xffff,actions=drop", "vlan_tci=0x0000 actions=drop" },
    { "dl_vlan_pcp=3,actions=drop", "dl_vlan_pcp=3 actions=drop" },
    { "dl_vlan=5,dl_vlan_pcp=3,actions=drop",
      "dl_vlan=5,dl_vlan_pcp=3 actions=drop" },
    { "vlan_tci=0x1005/0x1fff,actions=drop", "dl_vlan=5 actions=drop" },
    { "vlan_tci=0x0f00/0x0f00,actions=drop",
      "vlan_tci=0x0f00/0x0f00 actions=drop" },
    { "ip,nw_src=10.0.0.0/8,nw_dst=1.2.3.4,actions=drop",
      "ip,nw_src=10.0.0.0/8,nw_dst=1.2.3.4 actions=drop" },
    { "ip,nw_src=10.0.0.0/255.255.0.0,actions=drop",
      "ip,nw_src=10.0.0.0/16 actions=drop" },
    { "ip,nw_src=10.0.0.1/255.0.255.0,actions=drop",
      "ip,nw_src=10.0.0.0/255.0.255.0 actions=drop" },
    { "ip,nw_proto=89,actions=drop", "ip,nw_proto=89 actions=drop" },
    { "nw_proto=6,dl_type=0x0800,actions=drop", "tcp actions=drop" },
    { "ip,nw_tos=32,actions=drop", "ip,nw_tos=32 actions=drop" },
    { "ip,ip_dscp=10,actions=drop", "ip,nw_tos=40 actions=drop" },
    { "ip,nw_ttl=64,actions=drop", "ip,nw_ttl=64 actions=drop" },
    { "ip,nw_frag=no,actions=drop", "ip,nw_frag=no actions=drop" },
    { "ip,nw_frag=yes,actions=drop", "ip,nw_frag=yes actions=drop" },
    { "ip,nw_frag=first,actions=drop", "ip,nw_frag=first actions=drop" },
    { "ip,nw_frag=later,actions=drop", "ip,nw_frag=later actions=drop" },
    { "ip,nw_frag=not_later,actions=drop",
      "ip,nw_frag=not_later actions=drop" },
    { "tcp,tp_src=1,tp_dst=80,actions=drop",
      "tcp,tp_src=1,tp_dst=80 actions=drop" },
    { "tp_dst=80,tcp,actions=drop", "tcp,tp_dst=80 actions=drop" },
    { "udp,tp_dst=0x1000/0xf000,actions=drop",
      "udp,tp_dst=0x1000/0xf000 actions=drop" },
    { "sctp,tp_src=9,actions=drop", "sctp,tp_src=9 actions=drop" },
    { "tcp6,tp_dst=22,actions=drop", "tcp6,tp_dst=22 actions=drop" },
    { "udp6,tp_src=53,actions=drop", "udp6,tp_src=53 actions=drop" },
    { "tcp,tcp_flags=+syn-ack,actions=drop",
      "tcp,tcp_flags=+syn-ack actions=drop" },
    { "tcp,tcp_flags=0x002/0x012,actions=drop",
      "tcp,tcp_flags=+syn-ack actions=drop" },
    { "icmp,icmp_type=8,icmp_code=0,actions=drop",
      "icmp,icmp_type=8,icmp_code=0 actions=drop" },
    { "icmp6,icmp_type=135,nd_target=fe80::1,actions=drop",
      "icmp6,icmp_type=135,nd_target=fe80::1 actions=drop" },
    { "arp,arp_op=2,arp_spa=10.0.0.1,arp_tpa=10.0.0.0/24,"
      "arp_sha=00:11:22:33:44:55,arp_tha=00:00:00:00:00:01,actions=drop",
      "arp,arp_spa=10.0.0.1,arp_tpa=10.0.0.0/24,arp_op=2,"
      "arp_sha=00:11:22:33:44:55,arp_tha=00:00:00:00:00:01 actions=drop" },
    { "arp,nw_src=1.1.1.1,actions=drop",
      "arp,arp_spa=1.1.1.1 actions=drop" },
    { "ipv6,ipv6_src=2001:db8::/32,ipv6_dst=::1,actions=drop",
      "ipv6,ipv6_src=2001:db8::/32,ipv6_dst=::1 actions=drop" },
    { "ipv6,ipv6_label=0x12345,actions=drop",
      "ipv6,ipv6_label=0x12345 actions=drop" },
    { "tun_id=0x10,tun_src=1.1.1.1,tun_dst=2.2.2.0/24,actions=drop",
      "tun_id=0x10,tun_src=1.1.1.1,tun_dst=2.2.2.0/24 actions=drop" },
    { "tun_id=0x5/0xff,actions=drop", "tun_id=0x5/0xff actions=drop" },
    { "metadata=0x3,actions=drop", "metadata=0x3 actions=drop" },
    { "metadata=0x3/0xf,actions=drop", "metadata=0x3/0xf actions=drop" },
    { "reg0=5,actions=drop", "reg0=0x5 actions=drop" },
    { "reg15=0x10/0xf0,actions=drop", "reg15=0x10/0xf0 actions=drop" },
    { "reg7=1,reg3=2,actions=drop", "reg3=0x2,reg7=0x1 actions=drop" },
    { "priority=100,tcp,in_port=1,actions=drop",
      "priority=100,tcp,in_port=1 actions=drop" },
    { "priority=0,actions=drop", "priority=0 actions=drop" },
    { "actions=drop", "actions=drop" },
    /* Actions. */
    { "actions=output:2", "actions=output:2" },
    { "actions=2,3", "actions=output:2,output:3" },
    { "actions=in_port,normal,flood,all,local",
      "actions=IN_PORT,NORMAL,FLOOD,ALL,LOCAL" },
    { "actions=output:LOCAL", "actions=LOCAL" },
    { "actions=controller", "actions=CONTROLLER:65535" },
    { "actions=controller:100", "actions=CONTROLLER:100" },
    { "actions=mod_vlan_vid:7,mod_vlan_pcp:5",
      "actions=mod_vlan_vid:7,mod_vlan_pcp:5" },
    { "actions=strip_vlan,pop_vlan", "actions=strip_vlan,strip_vlan" },
    { "actions=push_vlan:0x8100", "actions=push_vlan:0x8100" },
    { "actions=mod_dl_src:00:00:00:00:00:01,mod_dl_dst:00:00:00:00:00:02",
      NULL },
    { "actions=mod_nw_src:1.2.3.4,mod_nw_dst:5.6.7.8", NULL },
    { "actions=mod_nw_tos:16,mod_nw_ttl:9", NULL },
    { "actions=mod_tp_src:99,mod_tp_dst:100", NULL },
    { "actions=dec_ttl", NULL },
    { "actions=set_field:00:11:22:33:44:55->eth_src",
      "actions=set_field:00:11:22:33:44:55->eth_src" },
    { "actions=set_field:10.0.0.1->ip_dst",
      "actions=set_field:10.0.0.1->ip_dst" },
    { "actions=set_field:5->reg3", "actions=set_field:0x5->reg3" },
    { "actions=set_field:fe80::1->ipv6_src",
      "actions=set_field:fe80::1->ipv6_src" },
    { "actions=load:0x5->NXM_NX_REG0[]", NULL },
    { "actions=load:0x1->NXM_NX_REG1[0..3]", NULL },
    { "actions=load:1->reg2[7]", "actions=load:0x1->NXM_NX_REG2[7]" },
    { "actions=load:0xffff->NXM_OF_TCP_DST[]", NULL },
    { "actions=load:0x5->NXM_NX_REG0", "actions=load:0x5->NXM_NX_REG0[]" },
    { "actions=load:0x1234->tun_id[16..31]",
      "actions=load:0x1234->NXM_NX_TUN_ID[16..31]" },
    { "actions=move:NXM_NX_REG0[]->NXM_NX_REG1[]", NULL },
    { "actions=move:NXM_NX_REG0[0..7]->NXM_NX_REG1[8..15]", NULL },
    { "actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]", NULL },
    { "actions=set_tunnel:0x20", NULL },
    { "actions=set_tunnel:0x123456789", "actions=set_tunnel64:0x123456789" },
    { "actions=set_tunnel64:0x5", NULL },
    { "actions=resubmit:3", NULL },
    { "actions=resubmit(5,6),resubmit(,7),resubmit(8)",
      "actions=resubmit(5,6),resubmit(,7),resubmit:8" },
    { "actions=goto_table:2", NULL },
    { "actions=write_metadata:0x5", NULL },
    { "actions=write_metadata:0x5/0xff", NULL },
    { "actions=note:01.02.ab", NULL },
    { "actions=set_queue:3,group:4", NULL },
    { "actions=clear_actions", NULL },
};

static void
test_round_trips(void **state OVS_UNUSED)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        const char *in = cases[i][0];
        const char *want = cases[i][1];
        char *got = round_trip(in, NULL);
        char *again;

        if (!want) {
            want = in;
        }
        if (strcmp(got, want)) {
            fail_msg("%s:\n  got  %s\n  want %s", in, got, want);
        }
        /* Printing what we printed must give the same text again. */
        again = round_trip(got, NULL);
        if (strcmp(again, got)) {
            fail_msg("second round of %s:\n  got  %s\n  want %s", in,
                     again, got);
        }
        free(again);
        free(got);
    }
}

/* Formats 'fm' as round_trip() does. */
static char *
format_fm(const struct ofp_flow_mod *fm)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ofp_format_match(&fm->match, fm->priority, &s);
    if (s.length) {
        ds_put_char(&s, ' ');
    }
    ds_put_cstr(&s, "actions=");
    ofp_format_actions(&fm->ofpacts, &s);
    return ds_steal_cstr(&s);
}

/* Encodes 'fm' as a flow mod in 'proto' and decodes it again into 'out'
 * (initialized here).  Returns the decoder's verdict. */
static enum ofperr
wire_round_trip(const struct ofp_flow_mod *fm, enum ofp_protocol proto,
                struct ofp_flow_mod *out)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    enum ofp_protocol got_proto;
    enum ofperr error;

    ofp_encode_flow_mod(&b, fm, proto, 1);
    ofp_flow_mod_init(out);
    error = ofp_decode_flow_mod(b.data, b.size, true, out, &got_proto);
    if (!error && got_proto != proto && proto != OFP_PROTO_OF10) {
        fail_msg("encoded as protocol %d, decoded as %d", proto, got_proto);
    }
    ofpbuf_uninit(&b);
    return error;
}

/* Text -> struct -> wire -> struct -> text for every case, in NXM (OpenFlow
 * 1.0 with Nicira extensions) and OpenFlow 1.3: the text must come back
 * unchanged, except where OpenFlow 1.3 has its own form of an OpenFlow 1.0
 * action (then a second trip must be stable).  The 40-byte OpenFlow 1.0
 * match cannot express everything: there the decoded match must either
 * equal the original or be wider (a loose match of the original). */
static void
test_wire_round_trips(void **state OVS_UNUSED)
{
    static const enum ofp_protocol protos[] = {
        OFP_PROTO_OF10_NXM, OFP_PROTO_OF13, OFP_PROTO_OF10,
    };
    size_t i, j, n_exact[3] = { 0, 0, 0 }, n_converted[3] = { 0, 0, 0 };
    size_t n_of13_only = 0;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ofp_flow_mod fm;
        char *error = ofp_parse_flow_mod(cases[i][0], OFPFC_ADD, NULL, &fm);
        char *text;

        if (error) {
            fail_msg("%s: %s", cases[i][0], error);
        }
        text = format_fm(&fm);
        for (j = 0; j < ARRAY_SIZE(protos); j++) {
            struct ofp_flow_mod back, again;
            enum ofperr err;
            char *got, *got2;

            if (protos[j] != OFP_PROTO_OF13
                && !ofpacts_fit_of10(&fm.ofpacts)) {
                n_of13_only += j == 0;
                continue;
            }
            err = wire_round_trip(&fm, protos[j], &back);

            if (err) {
                fail_msg("%s: protocol %d: %s", text, protos[j],
                         ofperr_get_name(err));
            }
            got = format_fm(&back);
            if (protos[j] == OFP_PROTO_OF10
                && !match_equal(&back.match, &fm.match)) {
                /* Wider, never different. */
                assert_true(match_matches_flow(&back.match,
                                               &fm.match.flow));
            } else if (!strcmp(got, text)) {
                n_exact[j]++;
            } else {
                /* A converted action: the second trip is stable. */
                assert_int_equal(wire_round_trip(&back, protos[j], &again),
                                 0);
                got2 = format_fm(&again);
                if (strcmp(got2, got)) {
                    fail_msg("%s: protocol %d unstable:\n  1st %s\n  2nd %s",
                             text, protos[j], got, got2);
                }
                assert_true(match_equal(&again.match, &fm.match));
                n_converted[j]++;
                free(got2);
                ofp_flow_mod_uninit(&again);
            }
            free(got);
            ofp_flow_mod_uninit(&back);
        }
        free(text);
        ofp_flow_mod_uninit(&fm);
    }
    printf("wire round trips of %zu cases: %zu only in OpenFlow 1.3; "
           "NXM %zu exact, %zu converted; OF1.3 %zu exact, %zu converted; "
           "OF1.0 %zu exact\n", ARRAY_SIZE(cases), n_of13_only,
           n_exact[0], n_converted[0], n_exact[1], n_converted[1],
           n_exact[2]);
    /* OpenFlow 1.3 carries every case. */
    assert_int_equal(n_exact[1] + n_converted[1], ARRAY_SIZE(cases));
}

static void
test_flow_mod_fields(void **state OVS_UNUSED)
{
    struct ofp_flow_mod fm;
    char *error = ofp_parse_flow_mod(
        "table=1,priority=100,cookie=0x5,idle_timeout=10,hard_timeout=20,"
        "in_port=1,dl_src=00:11:22:33:44:55/ff:ff:ff:00:00:00,"
        "dl_type=0x0800,nw_src=10.0.0.0/8,tcp,tp_dst=80,send_flow_rem,"
        "out_port=7,actions=mod_dl_dst:00:00:00:00:00:01,output:2",
        OFPFC_MODIFY, NULL, &fm);

    assert_null(error);
    assert_int_equal(fm.command, OFPFC_MODIFY);
    assert_int_equal(fm.table_id, 1);
    assert_int_equal(fm.priority, 100);
    assert_int_equal(fm.cookie, 5);
    assert_int_equal(fm.new_cookie, 5);
    assert_int_equal(fm.idle_timeout, 10);
    assert_int_equal(fm.hard_timeout, 20);
    assert_int_equal(fm.flags, OFPFF_SEND_FLOW_REM);
    assert_int_equal(fm.out_port, 7);
    assert_int_equal(fm.match.flow.in_port.ofp_port, 1);
    assert_int_equal(ntohs(fm.match.flow.dl_type), ETH_TYPE_IP);
    assert_int_equal(fm.match.flow.nw_proto, IPPROTO_TCP);
    assert_int_equal(ntohs(fm.match.flow.tp_dst), 80);
    assert_int_equal(ntohl(fm.match.wc.masks.nw_src), 0xff000000);
    assert_int_equal(fm.ofpacts.n, 2);
    assert_int_equal(fm.ofpacts.acts[0].type, OFPACT_SET_ETH_DST);
    assert_int_equal(fm.ofpacts.acts[1].type, OFPACT_OUTPUT);
    assert_int_equal(fm.ofpacts.acts[1].output.port, 2);
    ofp_flow_mod_uninit(&fm);

    error = ofp_parse_flow_mod("cookie=0x10/0xff,in_port=2", OFPFC_DELETE,
                               NULL, &fm);
    assert_null(error);
    assert_int_equal(fm.cookie, 0x10);
    assert_int_equal(fm.cookie_mask, 0xff);
    assert_int_equal(fm.table_id, OFPTT_ALL);
    assert_int_equal(fm.priority, OFP_DEFAULT_PRIORITY);
    assert_int_equal(fm.ofpacts.n, 0);
    ofp_flow_mod_uninit(&fm);
}

static bool
name_to_port(const char *name, ofp_port_t *port, void *aux)
{
    assert_ptr_equal(aux, (void *) name_to_port);
    if (!strcmp(name, "eth0")) {
        *port = 7;
        return true;
    }
    return false;
}

static void
test_port_names(void **state OVS_UNUSED)
{
    struct ofp_parse_ports ports = { name_to_port, (void *) name_to_port };
    struct ofp_flow_mod fm;
    char *s = round_trip("in_port=eth0,actions=output:eth0,resubmit:eth0",
                         &ports);
    char *error;

    assert_string_equal(s, "in_port=7 actions=output:7,resubmit:7");
    free(s);
    error = ofp_parse_flow_mod("in_port=eth1,actions=drop", OFPFC_ADD,
                               &ports, &fm);
    assert_non_null(error);
    assert_string_equal(error, "eth1: unknown port");
    free(error);
    ofp_flow_mod_uninit(&fm);
}

static const char *const errors[][2] = {
    { "foo=1,actions=drop", "foo: unknown field" },
    { "tp_dst=80,actions=drop", "tp_dst: prerequisites not met" },
    { "nw_src=1.2.3.4,actions=drop", "nw_src: prerequisites not met" },
    { "icmp_type=1,actions=drop", "icmp_type: prerequisites not met" },
    { "in_port=1", "must specify an action" },
    { "in_port=99999,actions=drop", "value too large" },
    { "priority=70000,actions=drop", "priority: " },
    { "table=255,actions=drop", "table: " },
    { "dl_vlan=5000,actions=drop", "VLAN ID out of range" },
    { "dl_vlan_pcp=8,actions=drop", "value too large" },
    { "dl_src=zz,actions=drop", "" },
    { "ip,nw_src=1.2.3.400,actions=drop", "" },
    { "ip,nw_frag=maybe,actions=drop", "unknown fragment type" },
    { "tcp,tcp_flags=+bogus,actions=drop", "unknown TCP flag" },
    { "ip,nw_proto=6/0xf,actions=drop", "may not be masked" },
    { "reg16=1,actions=drop", "reg16: unknown field" },
    { "tcp,tp_dst=,actions=drop", "missing value" },
    { "bogus,actions=drop", "bogus: unknown keyword" },
    { "actions=drop,output:1", "drop: must be the only action" },
    { "actions=bogus:1", "bogus: unknown action" },
    { "actions=output:nowhere", "nowhere: unknown port" },
    { "actions=output", "output: missing port" },
    { "actions=mod_vlan_vid:5000", "out of range" },
    { "actions=mod_nw_tos:3", "ECN bits must be zero" },
    { "actions=mod_dl_src:xx", "bad Ethernet address" },
    { "actions=mod_nw_dst:1.2.3", "bad IPv4 address" },
    { "actions=load:0x10->NXM_NX_REG0[0..3]", "out of range" },
    { "actions=load:1", "missing '->'" },
    { "actions=load:1->NXM_NX_REG0[5..40]", "out of range" },
    { "actions=load:1->NXM_NX_REG0[3..1]", "out of range" },
    { "actions=load:1->NXM_NX_REG0[x]", "bad sub-field syntax" },
    { "actions=load:1->bogus[]", "bogus: unknown field" },
    { "actions=move:reg0[0..3]->reg1[0..4]", "differ in width" },
    { "actions=set_field:1->bogus", "unknown field" },
    { "actions=set_field:1->eth_type", "not writable" },
    { "actions=set_field:8->vlan_pcp", "" },
    { "actions=set_field:0x1ffffffff->reg0", "" },
    { "actions=resubmit(", "missing ')'" },
    { "actions=resubmit(,)", "at least one of port and table" },
    { "actions=resubmit(1,300)", "out of range" },
    { "actions=note:1", "expected hex bytes" },
    { "actions=goto_table:255", "out of range" },
    { "actions=set_tunnel", "missing tunnel ID" },
    { "actions=dec_ttl(", "unknown action" },
    { "in_port=1,actions=drop", NULL },
};

static void
test_errors(void **state OVS_UNUSED)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(errors); i++) {
        struct ofp_flow_mod fm;
        char *error = ofp_parse_flow_mod(errors[i][0], OFPFC_ADD, NULL,
                                         &fm);

        if (!errors[i][1]) {
            assert_null(error);
        } else if (!error) {
            fail_msg("%s: parsed but should fail", errors[i][0]);
        } else if (!strstr(error, errors[i][1])) {
            fail_msg("%s: error '%s' lacks '%s'", errors[i][0], error,
                     errors[i][1]);
        }
        free(error);
        ofp_flow_mod_uninit(&fm);
    }
}

static void
test_delete_rejects_actions(void **state OVS_UNUSED)
{
    struct ofp_flow_mod fm;
    char *error = ofp_parse_flow_mod("in_port=1,actions=drop", OFPFC_DELETE,
                                     NULL, &fm);

    assert_non_null(error);
    free(error);
    ofp_flow_mod_uninit(&fm);
}

static void
test_format_flow(void **state OVS_UNUSED)
{
    struct ofp_flow_print_stats st = {
        .cookie = 5, .duration_sec = 3, .duration_nsec = 250000000,
        .table_id = 1, .n_packets = 2, .n_bytes = 120,
        .idle_timeout = 10, .hard_timeout = 0, .idle_age = -1,
    };
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofp_flow_mod fm;
    char *error = ofp_parse_flow_mod("priority=100,tcp,in_port=1,tp_dst=80,"
                                     "actions=output:2", OFPFC_ADD, NULL,
                                     &fm);

    assert_null(error);
    ofp_format_flow(&st, &fm.match, fm.priority, &fm.ofpacts, &s);
    assert_string_equal(ds_cstr(&s),
                        " cookie=0x5, duration=3.250s, table=1, "
                        "n_packets=2, n_bytes=120, idle_timeout=10, "
                        "priority=100,tcp,in_port=1,tp_dst=80 "
                        "actions=output:2");
    ofp_flow_mod_uninit(&fm);

    ds_destroy(&s);
    ds_init(&s);
    error = ofp_parse_flow_mod("actions=normal", OFPFC_ADD, NULL, &fm);
    assert_null(error);
    st.idle_timeout = 0;
    ofp_format_flow(&st, &fm.match, fm.priority, &fm.ofpacts, &s);
    assert_string_equal(ds_cstr(&s),
                        " cookie=0x5, duration=3.250s, table=1, "
                        "n_packets=2, n_bytes=120, actions=NORMAL");
    ofp_flow_mod_uninit(&fm);
    ds_destroy(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_wire_round_trips),
        cmocka_unit_test(test_flow_mod_fields),
        cmocka_unit_test(test_port_names),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_delete_rejects_actions),
        cmocka_unit_test(test_format_flow),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
