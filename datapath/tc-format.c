/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * A one-line text form of struct tc_flower for logs and debugging:
 * "dev 3 ingress chain 0 prio 1 handle 0x1 proto 0x0800 skip_hw
 *  dst_ip 10.0.0.2/255.255.255.255 ... actions: mirred(egress redirect 4)".
 */

#include <config.h>

#include "tc.h"

#include <inttypes.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/pkt_cls.h>
#include <linux/tc_act/tc_mirred.h>
#include "dynamic-string.h"
#include "util.h"

struct tc_fmt_field {
    const char *name;
    size_t ofs;
    size_t size;
    enum {
        FMT_HEX,                /* Bytes in hex. */
        FMT_MAC,
        FMT_IP4,
        FMT_IP6,
        FMT_UINT,               /* Host-order integer, decimal. */
        FMT_XINT,               /* Host-order integer, hex. */
        FMT_BE,                 /* Network-order integer, decimal. */
    } kind;
};

#define FF(NAME, MEMBER, KIND)                                          \
    { NAME, offsetof(struct tc_flower_key, MEMBER),                     \
      sizeof ((struct tc_flower_key *) 0)->MEMBER, KIND }
static const struct tc_fmt_field tc_fmt_fields[] = {
    FF("dst_mac", eth_dst, FMT_MAC), FF("src_mac", eth_src, FMT_MAC),
    FF("vlan_id", vlan[0].id, FMT_UINT),
    FF("vlan_prio", vlan[0].prio, FMT_UINT),
    FF("vlan_ethtype", vlan[0].eth_type, FMT_HEX),
    FF("cvlan_id", vlan[1].id, FMT_UINT),
    FF("cvlan_prio", vlan[1].prio, FMT_UINT),
    FF("cvlan_ethtype", vlan[1].eth_type, FMT_HEX),
    FF("ip_proto", ip_proto, FMT_UINT),
    FF("ip_tos", ip_tos, FMT_HEX), FF("ip_ttl", ip_ttl, FMT_UINT),
    FF("ip_flags", frag_flags, FMT_HEX),
    FF("src_ip", ipv4_src, FMT_IP4), FF("dst_ip", ipv4_dst, FMT_IP4),
    FF("src_ip", ipv6_src, FMT_IP6), FF("dst_ip", ipv6_dst, FMT_IP6),
    FF("src_port", tp_src, FMT_BE), FF("dst_port", tp_dst, FMT_BE),
    FF("tcp_flags", tcp_flags, FMT_HEX),
    FF("type", icmp_type, FMT_UINT), FF("code", icmp_code, FMT_UINT),
    FF("arp_sip", arp_sip, FMT_IP4), FF("arp_tip", arp_tip, FMT_IP4),
    FF("arp_op", arp_op, FMT_UINT),
    FF("arp_sha", arp_sha, FMT_MAC), FF("arp_tha", arp_tha, FMT_MAC),
    FF("ct_state", ct_state, FMT_XINT), FF("ct_zone", ct_zone, FMT_UINT),
    FF("ct_mark", ct_mark, FMT_XINT), FF("ct_label", ct_labels, FMT_HEX),
    FF("enc_key_id", enc.id, FMT_BE),
    FF("enc_src_ip", enc.ipv4_src, FMT_IP4),
    FF("enc_dst_ip", enc.ipv4_dst, FMT_IP4),
    FF("enc_src_ip", enc.ipv6_src, FMT_IP6),
    FF("enc_dst_ip", enc.ipv6_dst, FMT_IP6),
    FF("enc_src_port", enc.tp_src, FMT_BE),
    FF("enc_dst_port", enc.tp_dst, FMT_BE),
    FF("enc_tos", enc.tos, FMT_HEX), FF("enc_ttl", enc.ttl, FMT_UINT),
    FF("enc_flags", enc.flags, FMT_HEX),
};
#undef FF

static void
tc_format_value(struct ds *ds, const uint8_t *p, size_t size, int kind)
{
    switch (kind) {
    case FMT_MAC:
        ds_put_format(ds, "%02x:%02x:%02x:%02x:%02x:%02x",
                      p[0], p[1], p[2], p[3], p[4], p[5]);
        break;
    case FMT_IP4:
    case FMT_IP6: {
        char s[INET6_ADDRSTRLEN];

        inet_ntop(kind == FMT_IP4 ? AF_INET : AF_INET6, p, s, sizeof s);
        ds_put_cstr(ds, s);
        break;
    }
    case FMT_UINT:
    case FMT_XINT: {
        uint64_t v = 0;

        if (size == 1) {
            v = p[0];
        } else if (size == 2) {
            uint16_t x;

            memcpy(&x, p, 2);
            v = x;
        } else if (size == 4) {
            uint32_t x;

            memcpy(&x, p, 4);
            v = x;
        }
        ds_put_format(ds, kind == FMT_UINT ? "%"PRIu64 : "0x%"PRIx64, v);
        break;
    }
    case FMT_BE: {
        uint64_t v = 0;

        for (size_t i = 0; i < size; i++) {
            v = (v << 8) | p[i];
        }
        ds_put_format(ds, "%"PRIu64, v);
        break;
    }
    default:
        ds_put_cstr(ds, "0x");
        for (size_t i = 0; i < size; i++) {
            ds_put_format(ds, "%02x", p[i]);
        }
        break;
    }
}

static bool
tc_all(const uint8_t *p, size_t n, uint8_t b)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != b) {
            return false;
        }
    }
    return true;
}

static void
tc_format_keys(struct ds *ds, const struct tc_flower_key *key,
               const struct tc_flower_key *mask)
{
    if (mask->indev[0]) {
        ds_put_format(ds, " indev %s", key->indev);
    }
    for (size_t i = 0; i < ARRAY_SIZE(tc_fmt_fields); i++) {
        const struct tc_fmt_field *f = &tc_fmt_fields[i];
        const uint8_t *k = (const uint8_t *) key + f->ofs;
        const uint8_t *m = (const uint8_t *) mask + f->ofs;

        if (tc_all(m, f->size, 0)) {
            continue;
        }
        ds_put_format(ds, " %s ", f->name);
        tc_format_value(ds, k, f->size, f->kind);
        if (!tc_all(m, f->size, 0xff)) {
            ds_put_char(ds, '/');
            tc_format_value(ds, m, f->size,
                            (f->kind == FMT_UINT ? FMT_XINT
                             : f->kind == FMT_BE ? FMT_HEX : f->kind));
        }
    }
    if (mask->enc.opts.len) {
        ds_put_cstr(ds, " geneve_opts ");
        tc_format_value(ds, key->enc.opts.data, key->enc.opts.len, FMT_HEX);
        ds_put_char(ds, '/');
        tc_format_value(ds, mask->enc.opts.data, mask->enc.opts.len,
                        FMT_HEX);
    }
}

static void
tc_format_tunnel_set(struct ds *ds, const struct tc_action *a)
{
    char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];

    if (a->tunnel.ipv4_dst || a->tunnel.ipv4_src) {
        inet_ntop(AF_INET, &a->tunnel.ipv4_src, src, sizeof src);
        inet_ntop(AF_INET, &a->tunnel.ipv4_dst, dst, sizeof dst);
    } else {
        inet_ntop(AF_INET6, &a->tunnel.ipv6_src, src, sizeof src);
        inet_ntop(AF_INET6, &a->tunnel.ipv6_dst, dst, sizeof dst);
    }
    ds_put_format(ds, "tunnel_key_set(id %"PRIu32" src %s dst %s "
                  "dst_port %u tos 0x%x ttl %u %s%s", ntohl(a->tunnel.id),
                  src, dst, ntohs(a->tunnel.tp_dst), a->tunnel.tos,
                  a->tunnel.ttl, a->tunnel.csum ? "csum" : "nocsum",
                  a->tunnel.no_frag ? " nofrag" : "");
    if (a->tunnel.opts.len) {
        ds_put_cstr(ds, " geneve_opts ");
        tc_format_value(ds, a->tunnel.opts.data, a->tunnel.opts.len,
                        FMT_HEX);
    }
    ds_put_char(ds, ')');
}

static void
tc_format_action(struct ds *ds, const struct tc_action *a)
{
    static const char *const mirred[] = {
        [TCA_EGRESS_REDIR] = "egress redirect",
        [TCA_EGRESS_MIRROR] = "egress mirror",
        [TCA_INGRESS_REDIR] = "ingress redirect",
        [TCA_INGRESS_MIRROR] = "ingress mirror",
    };

    switch (a->type) {
    case TC_ACT_MIRRED:
        ds_put_format(ds, "mirred(%s %"PRIu32")",
                      (a->mirred.eaction >= 1 && a->mirred.eaction <= 4
                       ? mirred[a->mirred.eaction] : "?"),
                      a->mirred.ifindex);
        break;
    case TC_ACT_DROP:
        ds_put_cstr(ds, "drop");
        break;
    case TC_ACT_GOTO:
        ds_put_format(ds, "goto(chain %"PRIu32")", a->chain);
        break;
    case TC_ACT_VLAN_PUSH:
    case TC_ACT_VLAN_MODIFY:
        ds_put_format(ds, "vlan_%s(id %u prio %u proto 0x%04x)",
                      a->type == TC_ACT_VLAN_PUSH ? "push" : "modify",
                      a->vlan.id, a->vlan.prio, ntohs(a->vlan.proto));
        break;
    case TC_ACT_VLAN_POP:
        ds_put_cstr(ds, "vlan_pop");
        break;
    case TC_ACT_TUNNEL_SET:
        tc_format_tunnel_set(ds, a);
        break;
    case TC_ACT_TUNNEL_UNSET:
        ds_put_cstr(ds, "tunnel_key_unset");
        break;
    case TC_ACT_PEDIT:
        ds_put_cstr(ds, "pedit(");
        for (size_t i = 0; i < a->pedit.n_keys; i++) {
            const struct tc_pedit_key_ex *k = &a->pedit.keys[i];

            ds_put_format(ds, "%s%s htype %u off %"PRIu32" val 0x%08"PRIx32
                          "/0x%08"PRIx32, i ? ", " : "",
                          k->cmd ? "add" : "set", k->htype, k->off,
                          ntohl(k->val), ntohl(k->mask));
        }
        ds_put_char(ds, ')');
        break;
    case TC_ACT_CSUM:
        ds_put_format(ds, "csum(0x%"PRIx32")", a->csum_flags);
        break;
    case TC_ACT_CT:
        ds_put_format(ds, "ct(flags 0x%x zone %u", a->ct.flags, a->ct.zone);
        if (a->ct.mark_mask) {
            ds_put_format(ds, " mark 0x%"PRIx32"/0x%"PRIx32,
                          a->ct.mark, a->ct.mark_mask);
        }
        ds_put_char(ds, ')');
        break;
    case TC_ACT_POLICE:
        ds_put_format(ds, "police(rate %"PRIu64" burst %"PRIu32
                      " pkts_rate %"PRIu64" pkts_burst %"PRIu64")",
                      a->police.rate, a->police.burst, a->police.pkts_rate,
                      a->police.pkts_burst);
        break;
    default:
        ds_put_cstr(ds, "?");
        break;
    }
}

void
tc_flower_format(struct ds *ds, const struct tc_flower *f)
{
    if (f->id.block) {
        ds_put_format(ds, "block %"PRIu32, f->id.block);
    } else {
        ds_put_format(ds, "dev %"PRIu32, f->id.ifindex);
    }
    ds_put_format(ds, " %s chain %"PRIu32" prio %u handle 0x%"PRIx32
                  " proto 0x%04x",
                  (f->id.parent == TC_INGRESS_PARENT ? "ingress"
                   : f->id.parent == TC_EGRESS_PARENT ? "egress" : "parent"),
                  f->id.chain, f->id.prio, f->id.handle,
                  ntohs(f->id.protocol));
    if (f->flags & TCA_CLS_FLAGS_SKIP_HW) {
        ds_put_cstr(ds, " skip_hw");
    }
    if (f->flags & TCA_CLS_FLAGS_SKIP_SW) {
        ds_put_cstr(ds, " skip_sw");
    }
    if (f->flags & TCA_CLS_FLAGS_IN_HW) {
        ds_put_cstr(ds, " in_hw");
    }
    if (f->flags & TCA_CLS_FLAGS_NOT_IN_HW) {
        ds_put_cstr(ds, " not_in_hw");
    }
    if (f->has_in_hw_count) {
        ds_put_format(ds, " in_hw_count %"PRIu32, f->in_hw_count);
    }
    tc_format_keys(ds, &f->key, &f->mask);
    if (f->has_cookie) {
        ds_put_cstr(ds, " cookie ");
        tc_format_value(ds, f->cookie, TC_COOKIE_LEN, FMT_HEX);
    }
    ds_put_cstr(ds, " actions:");
    for (size_t i = 0; i < f->n_actions; i++) {
        ds_put_cstr(ds, i ? "," : "");
        if (f->terse) {
            ds_put_cstr(ds, "(terse)");
        } else {
            tc_format_action(ds, &f->actions[i]);
        }
    }
    if (f->stats.valid) {
        ds_put_format(ds, " packets %"PRIu64" bytes %"PRIu64,
                      f->stats.n_packets, f->stats.n_bytes);
        if (f->stats.has_lastuse) {
            ds_put_format(ds, " used %"PRIu64"ms", f->stats.lastuse_ms);
        }
        if (f->stats.has_hw) {
            ds_put_format(ds, " hw_packets %"PRIu64" hw_bytes %"PRIu64,
                          f->stats.n_hw_packets, f->stats.n_hw_bytes);
        }
    }
}
