/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Datapath flow (match + OVS_ACTION_ATTR_* actions) to TC flower rule.
 *
 * The match is translated field by field from a copy of its mask: every
 * field that becomes a flower key is cleared in the copy, and whatever is
 * left at the end is a field flower cannot express; the refusal names it.
 * Actions are translated one by one; the first that TC cannot express is
 * named likewise. */

#include <config.h>
#include "offload-tc.h"
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/tc_act/tc_csum.h>
#include <linux/tc_act/tc_mirred.h>
#include <linux/tc_act/tc_pedit.h>
#include "match.h"
#include "netlink.h"
#include "odp-actions.h"
#include "util.h"

struct xctx {
    const struct match *match;
    struct flow left;                   /* Mask bits not translated yet. */
    struct tc_flower *f;
    offload_tc_port_func *ports;
    void *aux;
    const struct offload_tc_caps *caps;
    const struct offload_tc_port *in_port;
    char **msgp;
};

static enum offload_reason OVS_PRINTF_FORMAT(3, 4)
refuse(struct xctx *x, enum offload_reason reason, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    if (x->msgp && !*x->msgp) {
        if (vasprintf(x->msgp, fmt, args) < 0) {
            *x->msgp = NULL;
        }
    }
    va_end(args);
    return reason;
}

static bool
is_zero(const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++) {
        if (b[i]) {
            return false;
        }
    }
    return true;
}

/* Copies the masked field at 'ofs' (in struct flow) of 'n' bytes into
 * 'key' and 'mask' and marks it translated. */
static void
take(struct xctx *x, size_t ofs, size_t n, void *key, void *mask)
{
    const uint8_t *fk = (const uint8_t *) &x->match->flow + ofs;
    const uint8_t *fm = (const uint8_t *) &x->match->wc.masks + ofs;

    for (size_t i = 0; i < n; i++) {
        ((uint8_t *) key)[i] = fk[i] & fm[i];
        ((uint8_t *) mask)[i] = fm[i];
    }
    memset((uint8_t *) &x->left + ofs, 0, n);
}

#define TAKE(X, FIELD, KEY, MASK)                                       \
    do {                                                                \
        BUILD_ASSERT_DECL(sizeof (X)->match->flow.FIELD                 \
                          == sizeof *(KEY));                            \
        take(X, offsetof(struct flow, FIELD), sizeof *(KEY), KEY, MASK);\
    } while (0)

#define CLEAR(X, FIELD) \
    memset(&(X)->left.FIELD, 0, sizeof (X)->left.FIELD)

/* Names of the fields of struct flow, for refusals. */
struct field_name {
    const char *name;
    size_t ofs, n;
};

#define F(NAME, FIELD) \
    { NAME, offsetof(struct flow, FIELD), sizeof ((struct flow *) 0)->FIELD }
static const struct field_name field_names[] = {
    F("in_port", in_port), F("recirc_id", recirc_id),
    F("dp_hash", dp_hash), F("skb_priority", skb_priority),
    F("skb_mark", pkt_mark), F("ct_mark", ct_mark), F("ct_zone", ct_zone),
    F("ct_state", ct_state), F("ct_nw_proto", ct_nw_proto),
    F("ct_tp_src", ct_tp_src), F("ct_tp_dst", ct_tp_dst),
    F("eth_dst", dl_dst), F("eth_src", dl_src), F("eth_type", dl_type),
    F("vlan", vlans), F("ipv4_src", nw_src), F("ipv4_dst", nw_dst),
    F("ipv6_label", ipv6_label), F("frag", nw_frag), F("tos", nw_tos),
    F("ttl", nw_ttl), F("proto", nw_proto), F("ipv6_src", ipv6_src),
    F("ipv6_dst", ipv6_dst), F("nd_target", nd_target),
    F("arp_sha/nd_sll", arp_sha), F("arp_tha/nd_tll", arp_tha),
    F("tp_src", tp_src), F("tp_dst", tp_dst), F("tcp_flags", tcp_flags),
    F("ct_nw_src", ct_nw_src), F("ct_nw_dst", ct_nw_dst),
    F("ct_label", ct_label), F("ct_ipv6_src", ct_ipv6_src),
    F("ct_ipv6_dst", ct_ipv6_dst), F("metadata", metadata),
    F("regs", regs), F("tunnel.tun_id", tunnel.tun_id),
    F("tunnel.src", tunnel.ip_src), F("tunnel.dst", tunnel.ip_dst),
    F("tunnel.ipv6_src", tunnel.ipv6_src),
    F("tunnel.ipv6_dst", tunnel.ipv6_dst),
    F("tunnel.flags", tunnel.flags), F("tunnel.tos", tunnel.ip_tos),
    F("tunnel.ttl", tunnel.ip_ttl), F("tunnel.tp_src", tunnel.tp_src),
    F("tunnel.tp_dst", tunnel.tp_dst), F("tunnel.gbp_id", tunnel.gbp_id),
    F("tunnel.gbp_flags", tunnel.gbp_flags),
    F("tunnel.geneve", tunnel.geneve_len),
    F("tunnel.geneve", tunnel.geneve_opts),
};
#undef F

/* Returns the name of the first field with bits left in 'x->left'. */
static const char *
leftover_field(const struct xctx *x)
{
    for (size_t i = 0; i < ARRAY_SIZE(field_names); i++) {
        const struct field_name *fn = &field_names[i];

        if (!is_zero((const uint8_t *) &x->left + fn->ofs, fn->n)) {
            return fn->name;
        }
    }
    return is_zero(&x->left, sizeof x->left) ? NULL : "(padding)";
}

/* Metadata: in_port, recirc_id, conntrack. */
static enum offload_reason
xlate_metadata(struct xctx *x)
{
    const struct flow *k = &x->match->flow, *m = &x->match->wc.masks;

    if (m->in_port.odp_port != UINT32_MAX) {
        return refuse(x, OFFLOAD_R_MATCH, "in_port not matched exactly");
    }
    CLEAR(x, in_port);
    x->in_port = x->ports(x->aux, k->in_port.odp_port);
    if (!x->in_port || !x->in_port->ifindex) {
        return refuse(x, OFFLOAD_R_NO_DEVICE, "in_port %"PRIu32
                      " has no network device", k->in_port.odp_port);
    }
    if (x->in_port->excluded) {
        return refuse(x, OFFLOAD_R_PORT_EXCLUDED, "in_port %s",
                      x->in_port->name);
    }
    x->f->id.ifindex = x->in_port->ifindex;
    if (x->in_port->kind == OFFLOAD_TC_PORT_INTERNAL) {
        /* What the host sends through an internal port reaches the
         * datapath from the device's transmit side: its egress hook. */
        x->f->id.parent = TC_EGRESS_PARENT;
    }

    if (k->recirc_id & m->recirc_id) {
        if (!x->caps->recirc) {
            return refuse(x, OFFLOAD_R_RECIRC, "recirc_id(%#"PRIx32")",
                          k->recirc_id);
        }
        x->f->id.chain = k->recirc_id;
    }
    CLEAR(x, recirc_id);

    if (m->ct_state || m->ct_zone || m->ct_mark
        || !is_zero(&m->ct_label, sizeof m->ct_label)) {
        static const struct { uint8_t cs; uint16_t tc; } bits[] = {
            { CS_NEW, TCA_FLOWER_KEY_CT_FLAGS_NEW },
            { CS_ESTABLISHED, TCA_FLOWER_KEY_CT_FLAGS_ESTABLISHED },
            { CS_RELATED, TCA_FLOWER_KEY_CT_FLAGS_RELATED },
            { CS_REPLY_DIR, TCA_FLOWER_KEY_CT_FLAGS_REPLY },
            { CS_INVALID, TCA_FLOWER_KEY_CT_FLAGS_INVALID },
            { CS_TRACKED, TCA_FLOWER_KEY_CT_FLAGS_TRACKED },
        };

        if (!x->caps->ct_state) {
            return refuse(x, OFFLOAD_R_FEATURE,
                          "conntrack match (flower ct keys not probed)");
        }
        if (m->ct_state & (CS_SRC_NAT | CS_DST_NAT)) {
            return refuse(x, OFFLOAD_R_MATCH, "ct_state snat/dnat");
        }
        for (size_t i = 0; i < ARRAY_SIZE(bits); i++) {
            if (m->ct_state & bits[i].cs) {
                x->f->mask.ct_state |= bits[i].tc;
                if (k->ct_state & bits[i].cs) {
                    x->f->key.ct_state |= bits[i].tc;
                }
            }
        }
        CLEAR(x, ct_state);
        TAKE(x, ct_zone, &x->f->key.ct_zone, &x->f->mask.ct_zone);
        TAKE(x, ct_mark, &x->f->key.ct_mark, &x->f->mask.ct_mark);
        take(x, offsetof(struct flow, ct_label), 16, x->f->key.ct_labels,
             x->f->mask.ct_labels);
    }
    return OFFLOAD_R_NONE;
}

/* The tunnel a decap flow's packet came from: flower's enc_* keys. */
static enum offload_reason
xlate_tunnel(struct xctx *x)
{
    const struct flow_tnl *k = &x->match->flow.tunnel;
    const struct flow_tnl *m = &x->match->wc.masks.tunnel;
    struct tc_flower_tunnel *ek = &x->f->key.enc, *em = &x->f->mask.enc;

    if (is_zero(m, sizeof *m)) {
        return OFFLOAD_R_NONE;
    }
    if (x->in_port->kind != OFFLOAD_TC_PORT_TUNNEL) {
        /* A packet from an ordinary port has no tunnel metadata: a match
         * on "no tunnel" is implied. */
        struct flow_tnl zero;

        memset(&zero, 0, sizeof zero);
        for (size_t i = 0; i < sizeof zero; i++) {
            if (((const uint8_t *) k)[i] & ((const uint8_t *) m)[i]) {
                return refuse(x, OFFLOAD_R_MATCH, "tunnel key on non-tunnel "
                              "port %s", x->in_port->name);
            }
        }
        CLEAR(x, tunnel);
        return OFFLOAD_R_NONE;
    }
    if (m->tun_id) {
        ovs_be64 low = htonll(0xffffffffULL);

        /* Tunnels carry 32 bits at most: the high half, if matched,
         * must be zero, and the low half is matched exactly or not. */
        if ((k->tun_id & m->tun_id & ~low) || (m->tun_id & low) != low) {
            return refuse(x, OFFLOAD_R_MATCH, "tunnel tun_id partial mask");
        }
        ek->id = htonl((uint32_t) ntohll(k->tun_id));
        em->id = OVS_BE32_MAX;
    }
    CLEAR(x, tunnel.tun_id);
    TAKE(x, tunnel.ip_src, &ek->ipv4_src, &em->ipv4_src);
    TAKE(x, tunnel.ip_dst, &ek->ipv4_dst, &em->ipv4_dst);
    TAKE(x, tunnel.ipv6_src, &ek->ipv6_src, &em->ipv6_src);
    TAKE(x, tunnel.ipv6_dst, &ek->ipv6_dst, &em->ipv6_dst);
    TAKE(x, tunnel.ip_tos, &ek->tos, &em->tos);
    TAKE(x, tunnel.ip_ttl, &ek->ttl, &em->ttl);
    TAKE(x, tunnel.tp_src, &ek->tp_src, &em->tp_src);
    TAKE(x, tunnel.tp_dst, &ek->tp_dst, &em->tp_dst);

    /* Flags: KEY rides on enc_key_id; CSUM, DF and OAM are matched with
     * enc_flags when the kernel has it and left out otherwise (the kernel
     * before 6.11 cannot match them: documented in offload.md). */
    if (x->caps->enc_flags) {
        static const struct { uint16_t ovs; uint32_t tc; } bits[] = {
            { FLOW_TNL_F_CSUM, TC_ENC_FLAG_CSUM },
            { FLOW_TNL_F_DONT_FRAGMENT, TC_ENC_FLAG_DONT_FRAGMENT },
            { FLOW_TNL_F_OAM, TC_ENC_FLAG_OAM },
        };
        uint32_t fk = 0, fm = 0;

        for (size_t i = 0; i < ARRAY_SIZE(bits); i++) {
            if (m->flags & bits[i].ovs) {
                fm |= bits[i].tc;
                fk |= k->flags & bits[i].ovs ? bits[i].tc : 0;
            }
        }
        ek->flags = htonl(fk);
        em->flags = htonl(fm);
    }
    CLEAR(x, tunnel.flags);

    if (m->geneve_len) {
        if (!x->caps->enc_opts) {
            return refuse(x, OFFLOAD_R_FEATURE,
                          "tunnel geneve options (enc_opts not probed)");
        }
        ek->opts.len = k->geneve_len;
        em->opts.len = k->geneve_len;
        memcpy(ek->opts.data, k->geneve_opts, k->geneve_len);
        memcpy(em->opts.data, m->geneve_opts, k->geneve_len);
        /* The mask's option headers give the same data lengths as the
         * key's: flower reads the mask's options with them. */
        for (size_t o = 0; o + 4 <= k->geneve_len;
             o += 4 + (k->geneve_opts[o + 3] & 0x1f) * 4) {
            em->opts.data[o + 3] = ((em->opts.data[o + 3] & 0xe0)
                                    | (k->geneve_opts[o + 3] & 0x1f));
        }
        CLEAR(x, tunnel.geneve_len);
        CLEAR(x, tunnel.geneve_opts);
    }
    return OFFLOAD_R_NONE;
}

/* One VLAN tag 'i' (present in the key). */
static enum offload_reason
xlate_vlan_tag(struct xctx *x, int i, ovs_be16 next_type, bool next_masked)
{
    const struct flow_vlan *k = &x->match->flow.vlans[i];
    const struct flow_vlan *m = &x->match->wc.masks.vlans[i];
    uint16_t tci = ntohs(k->tci), tci_m = ntohs(m->tci);
    struct tc_flower_vlan *vk = &x->f->key.vlan[i], *vm = &x->f->mask.vlan[i];

    if ((tci_m & VLAN_VID_MASK) == VLAN_VID_MASK) {
        vk->id = tci & VLAN_VID_MASK;
        vm->id = VLAN_VID_MASK;
    } else if (tci_m & VLAN_VID_MASK) {
        return refuse(x, OFFLOAD_R_MATCH, "vlan vid partial mask");
    }
    if ((tci_m & VLAN_PCP_MASK) == VLAN_PCP_MASK) {
        vk->prio = tci >> VLAN_PCP_SHIFT;
        vm->prio = 7;
    } else if (tci_m & VLAN_PCP_MASK) {
        return refuse(x, OFFLOAD_R_MATCH, "vlan pcp partial mask");
    }
    if (next_masked) {
        vk->eth_type = next_type;
        vm->eth_type = OVS_BE16_MAX;
    }
    CLEAR(x, vlans[i]);
    return OFFLOAD_R_NONE;
}

/* Ethernet addresses, VLAN tags and the rule's protocol. */
static enum offload_reason
xlate_l2(struct xctx *x)
{
    const struct flow *k = &x->match->flow, *m = &x->match->wc.masks;
    struct tc_flower_key *fk = &x->f->key, *fm = &x->f->mask;
    bool type_exact = m->dl_type == OVS_BE16_MAX;
    enum offload_reason r;

    TAKE(x, dl_dst, (struct eth_addr *) fk->eth_dst,
         (struct eth_addr *) fm->eth_dst);
    TAKE(x, dl_src, (struct eth_addr *) fk->eth_src,
         (struct eth_addr *) fm->eth_src);
    if (m->dl_type && !type_exact) {
        return refuse(x, OFFLOAD_R_MATCH, "eth_type partial mask");
    }
    if (type_exact && k->dl_type == htons(FLOW_DL_TYPE_NONE)) {
        return refuse(x, OFFLOAD_R_MATCH, "802.3 frame without eth_type");
    }
    CLEAR(x, dl_type);

    bool tag0 = flow_vlan_present(k, 0) && (m->vlans[0].tci
                                            & htons(VLAN_CFI));
    if (tag0) {
        bool tag1 = flow_vlan_present(k, 1) && (m->vlans[1].tci
                                                & htons(VLAN_CFI));

        fk->eth_type = k->vlans[0].tpid;
        fm->eth_type = OVS_BE16_MAX;
        r = xlate_vlan_tag(x, 0, tag1 ? k->vlans[1].tpid : k->dl_type,
                           tag1 || type_exact);
        if (!r && tag1) {
            r = xlate_vlan_tag(x, 1, k->dl_type, type_exact);
        } else if (!r) {
            CLEAR(x, vlans[1]);
        }
        if (r) {
            return r;
        }
    } else {
        if ((m->vlans[0].tci & htons(VLAN_CFI)) && !type_exact) {
            return refuse(x, OFFLOAD_R_MATCH,
                          "untagged frames of any eth_type");
        }
        CLEAR(x, vlans);
        if (type_exact) {
            fk->eth_type = k->dl_type;
            fm->eth_type = OVS_BE16_MAX;
        }
    }
    x->f->id.protocol = fm->eth_type ? fk->eth_type : htons(ETH_P_ALL);
    return OFFLOAD_R_NONE;
}

static enum offload_reason
xlate_frag(struct xctx *x)
{
    const struct flow *k = &x->match->flow, *m = &x->match->wc.masks;
    uint32_t fk = 0, fm = 0;

    if (!m->nw_frag) {
        return OFFLOAD_R_NONE;
    }
    fm |= TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT;
    if (k->nw_frag & FLOW_NW_FRAG_ANY) {
        fk |= TCA_FLOWER_KEY_FLAGS_IS_FRAGMENT;
        if (m->nw_frag & FLOW_NW_FRAG_LATER) {
            fm |= TCA_FLOWER_KEY_FLAGS_FRAG_IS_FIRST;
            if (!(k->nw_frag & FLOW_NW_FRAG_LATER)) {
                fk |= TCA_FLOWER_KEY_FLAGS_FRAG_IS_FIRST;
            }
        }
    }
    x->f->key.frag_flags = htonl(fk);
    x->f->mask.frag_flags = htonl(fm);
    CLEAR(x, nw_frag);
    return OFFLOAD_R_NONE;
}

static enum offload_reason
xlate_l4(struct xctx *x)
{
    const struct flow *k = &x->match->flow, *m = &x->match->wc.masks;
    struct tc_flower_key *fk = &x->f->key, *fm = &x->f->mask;

    if (m->nw_proto != 0xff) {
        return OFFLOAD_R_NONE;  /* Any L4 field left is refused later. */
    }
    switch (k->nw_proto) {
    case IPPROTO_TCP:
        TAKE(x, tcp_flags, &fk->tcp_flags, &fm->tcp_flags);
        /* Fall through. */
    case IPPROTO_UDP:
    case IPPROTO_SCTP:
        TAKE(x, tp_src, &fk->tp_src, &fm->tp_src);
        TAKE(x, tp_dst, &fk->tp_dst, &fm->tp_dst);
        break;
    case IPPROTO_ICMP:
    case IPPROTO_ICMPV6:
        if ((m->tp_src | m->tp_dst) & htons(0xff00)) {
            return refuse(x, OFFLOAD_R_MATCH, "icmp type/code high bits");
        }
        fk->icmp_type = ntohs(k->tp_src & m->tp_src);
        fm->icmp_type = ntohs(m->tp_src);
        fk->icmp_code = ntohs(k->tp_dst & m->tp_dst);
        fm->icmp_code = ntohs(m->tp_dst);
        CLEAR(x, tp_src);
        CLEAR(x, tp_dst);
        break;
    default:
        break;
    }
    return OFFLOAD_R_NONE;
}

static enum offload_reason
xlate_l3(struct xctx *x)
{
    const struct flow *k = &x->match->flow, *m = &x->match->wc.masks;
    struct tc_flower_key *fk = &x->f->key, *fm = &x->f->mask;
    enum offload_reason r;

    if (m->dl_type != OVS_BE16_MAX) {
        return OFFLOAD_R_NONE;
    }
    if (k->dl_type == htons(ETH_TYPE_ARP)
        || k->dl_type == htons(ETH_TYPE_RARP)) {
        TAKE(x, nw_src, &fk->arp_sip, &fm->arp_sip);
        TAKE(x, nw_dst, &fk->arp_tip, &fm->arp_tip);
        TAKE(x, nw_proto, &fk->arp_op, &fm->arp_op);
        TAKE(x, arp_sha, (struct eth_addr *) fk->arp_sha,
             (struct eth_addr *) fm->arp_sha);
        TAKE(x, arp_tha, (struct eth_addr *) fk->arp_tha,
             (struct eth_addr *) fm->arp_tha);
        return OFFLOAD_R_NONE;
    }
    if (!flow_is_ip_any(k)) {
        return OFFLOAD_R_NONE;
    }
    if (m->nw_proto && m->nw_proto != 0xff) {
        return refuse(x, OFFLOAD_R_MATCH, "ip proto partial mask");
    }
    TAKE(x, nw_proto, &fk->ip_proto, &fm->ip_proto);
    TAKE(x, nw_tos, &fk->ip_tos, &fm->ip_tos);
    TAKE(x, nw_ttl, &fk->ip_ttl, &fm->ip_ttl);
    r = xlate_frag(x);
    if (r) {
        return r;
    }
    if (k->dl_type == htons(ETH_TYPE_IP)) {
        TAKE(x, nw_src, &fk->ipv4_src, &fm->ipv4_src);
        TAKE(x, nw_dst, &fk->ipv4_dst, &fm->ipv4_dst);
    } else {
        TAKE(x, ipv6_src, &fk->ipv6_src, &fm->ipv6_src);
        TAKE(x, ipv6_dst, &fk->ipv6_dst, &fm->ipv6_dst);
    }
    return xlate_l4(x);
}

static enum offload_reason
xlate_match(struct xctx *x)
{
    enum offload_reason r;
    const char *name;

    x->left = x->match->wc.masks;
    r = xlate_metadata(x);
    if (!r) {
        r = xlate_tunnel(x);
    }
    if (!r) {
        r = xlate_l2(x);
    }
    if (!r) {
        r = xlate_l3(x);
    }
    if (r) {
        return r;
    }
    name = leftover_field(x);
    if (name) {
        return refuse(x, OFFLOAD_R_MATCH, "%s", name);
    }
    return OFFLOAD_R_NONE;
}

/* Actions. */

struct act_state {
    struct flow_tnl tunnel;     /* From the last set(tunnel(...)). */
    bool has_tunnel;
    uint32_t csum_flags;        /* Pending pedit checksums. */
    struct tc_action *pedit;    /* The pedit being filled, or NULL. */
    int pending_output_idx;     /* Last mirred, to turn into mirror. */
};

static struct tc_action *
add_action(struct xctx *x, enum tc_action_type type)
{
    struct tc_action *a;

    if (x->f->n_actions >= TC_MAX_ACTIONS) {
        return NULL;
    }
    a = &x->f->actions[x->f->n_actions++];
    memset(a, 0, sizeof *a);
    a->type = type;
    return a;
}

#define ADD_ACTION(X, TYPE, A)                                          \
    do {                                                                \
        (A) = add_action(X, TYPE);                                      \
        if (!(A)) {                                                     \
            return refuse(X, OFFLOAD_R_TOO_MANY_ACTIONS,                \
                          "more than %d TC actions", TC_MAX_ACTIONS);   \
        }                                                               \
    } while (0)

/* Closes a run of header rewrites with its csum action. */
static enum offload_reason
flush_pedit(struct xctx *x, struct act_state *s)
{
    struct tc_action *a;

    if (s->pedit && s->csum_flags) {
        ADD_ACTION(x, TC_ACT_CSUM, a);
        a->csum_flags = s->csum_flags;
    }
    s->pedit = NULL;
    s->csum_flags = 0;
    return OFFLOAD_R_NONE;
}

static enum offload_reason
xlate_output(struct xctx *x, struct act_state *s, odp_port_t port_no)
{
    const struct offload_tc_port *port = x->ports(x->aux, port_no);
    struct tc_action *a;
    enum offload_reason r = flush_pedit(x, s);

    if (r) {
        return r;
    }
    if (!port || !port->ifindex) {
        return refuse(x, OFFLOAD_R_NO_DEVICE, "output to port %"PRIu32
                      " without a network device", port_no);
    }
    if (port->excluded) {
        return refuse(x, OFFLOAD_R_PORT_EXCLUDED, "output to %s",
                      port->name);
    }
    if (port->kind == OFFLOAD_TC_PORT_TUNNEL) {
        const struct flow_tnl *t = &s->tunnel;

        if (!s->has_tunnel) {
            return refuse(x, OFFLOAD_R_ACTION, "output to tunnel port %s "
                          "without set(tunnel)", port->name);
        }
        if (t->gbp_id || t->gbp_flags) {
            return refuse(x, OFFLOAD_R_ACTION, "set(tunnel(vxlan gbp))");
        }
        if (t->geneve_len && !x->caps->enc_opts) {
            return refuse(x, OFFLOAD_R_FEATURE, "set(tunnel(geneve "
                          "options)) (enc_opts not probed)");
        }
        ADD_ACTION(x, TC_ACT_TUNNEL_SET, a);
        a->tunnel.id = htonl((uint32_t) ntohll(t->tun_id));
        a->tunnel.ipv4_src = t->ip_src;
        a->tunnel.ipv4_dst = t->ip_dst;
        a->tunnel.ipv6_src = t->ipv6_src;
        a->tunnel.ipv6_dst = t->ipv6_dst;
        a->tunnel.tp_dst = t->tp_dst;
        a->tunnel.tos = t->ip_tos;
        a->tunnel.ttl = t->ip_ttl;
        /* Trap 5: the checksum follows the flow's tunnel flags, which
         * carry the port's options:csum; "nocsum" when it is off. */
        a->tunnel.csum = (t->flags & FLOW_TNL_F_CSUM) != 0;
        /* The outer DF bit: tunnel_key's no_frag (Linux 6.10+); older
         * kernels have no way to ask for it. */
        a->tunnel.no_frag = (x->caps->no_frag
                             && (t->flags & FLOW_TNL_F_DONT_FRAGMENT));
        a->tunnel.opts.len = t->geneve_len;
        memcpy(a->tunnel.opts.data, t->geneve_opts, t->geneve_len);
    }
    if (s->pending_output_idx >= 0) {
        x->f->actions[s->pending_output_idx].mirred.eaction =
            (x->f->actions[s->pending_output_idx].mirred.eaction
             == TCA_INGRESS_REDIR ? TCA_INGRESS_MIRROR : TCA_EGRESS_MIRROR);
    }
    ADD_ACTION(x, TC_ACT_MIRRED, a);
    a->mirred.ifindex = port->ifindex;
    a->mirred.eaction = (port->kind == OFFLOAD_TC_PORT_INTERNAL
                         ? TCA_INGRESS_REDIR : TCA_EGRESS_REDIR);
    s->pending_output_idx = a - x->f->actions;
    return OFFLOAD_R_NONE;
}

/* A header rewrite: pedit keys for the 'size' bytes of 'key' under 'mask'
 * laid out as the OVS_KEY_ATTR_* payload 'type'. */
static enum offload_reason
xlate_set(struct xctx *x, struct act_state *s, const struct odp_action_set *a)
{
    struct field { uint8_t ofs, n; uint16_t htype; uint32_t off; };
    static const struct field eth[] = {
        { 0, 6, TCA_PEDIT_KEY_EX_HDR_TYPE_ETH, 6 },     /* eth_src */
        { 6, 6, TCA_PEDIT_KEY_EX_HDR_TYPE_ETH, 0 },     /* eth_dst */
    };
    static const struct field ip4[] = {
        { 0, 4, TCA_PEDIT_KEY_EX_HDR_TYPE_IP4, 12 },
        { 4, 4, TCA_PEDIT_KEY_EX_HDR_TYPE_IP4, 16 },
        { 9, 1, TCA_PEDIT_KEY_EX_HDR_TYPE_IP4, 8 },     /* ttl */
    };
    static const struct field ip6[] = {
        { 0, 16, TCA_PEDIT_KEY_EX_HDR_TYPE_IP6, 8 },
        { 16, 16, TCA_PEDIT_KEY_EX_HDR_TYPE_IP6, 24 },
        { 39, 1, TCA_PEDIT_KEY_EX_HDR_TYPE_IP6, 7 },    /* hlimit */
    };
    static const struct field tcp[] = {
        { 0, 4, TCA_PEDIT_KEY_EX_HDR_TYPE_TCP, 0 },
    };
    static const struct field udp[] = {
        { 0, 4, TCA_PEDIT_KEY_EX_HDR_TYPE_UDP, 0 },
    };
    const struct field *fields;
    size_t n_fields;
    uint8_t mask[ODP_KEY_MAX_SIZE];
    uint32_t csum;

    switch (a->key_type) {
    case OVS_KEY_ATTR_ETHERNET:
        fields = eth, n_fields = ARRAY_SIZE(eth), csum = 0;
        break;
    case OVS_KEY_ATTR_IPV4:
        fields = ip4, n_fields = ARRAY_SIZE(ip4);
        csum = TCA_CSUM_UPDATE_FLAG_IPV4HDR | TCA_CSUM_UPDATE_FLAG_TCP
               | TCA_CSUM_UPDATE_FLAG_UDP | TCA_CSUM_UPDATE_FLAG_ICMP;
        break;
    case OVS_KEY_ATTR_IPV6:
        fields = ip6, n_fields = ARRAY_SIZE(ip6);
        csum = TCA_CSUM_UPDATE_FLAG_TCP | TCA_CSUM_UPDATE_FLAG_UDP
               | TCA_CSUM_UPDATE_FLAG_ICMP;
        break;
    case OVS_KEY_ATTR_TCP:
        fields = tcp, n_fields = 1, csum = TCA_CSUM_UPDATE_FLAG_TCP;
        break;
    case OVS_KEY_ATTR_UDP:
        fields = udp, n_fields = 1, csum = TCA_CSUM_UPDATE_FLAG_UDP;
        break;
    default:
        return refuse(x, OFFLOAD_R_ACTION, "set(%s)",
                      odp_key_attr_name(a->key_type)
                      ? odp_key_attr_name(a->key_type) : "?");
    }
    memcpy(mask, a->mask, a->size);
    if (!s->pedit) {
        ADD_ACTION(x, TC_ACT_PEDIT, s->pedit);
    }
    for (size_t i = 0; i < n_fields; i++) {
        const struct field *f = &fields[i];

        if (f->ofs + f->n > a->size || is_zero(&mask[f->ofs], f->n)) {
            continue;
        }
        if (tc_pedit_add_set(s->pedit, f->htype, f->off, &a->key[f->ofs],
                             &mask[f->ofs], f->n)) {
            return refuse(x, OFFLOAD_R_TOO_MANY_ACTIONS,
                          "more than %d pedit keys", TC_PEDIT_MAX_KEYS);
        }
        memset(&mask[f->ofs], 0, f->n);
    }
    if (!is_zero(mask, a->size)) {
        return refuse(x, OFFLOAD_R_ACTION, "set(%s) of a field pedit does "
                      "not rewrite", odp_key_attr_name(a->key_type));
    }
    s->csum_flags |= csum;
    return OFFLOAD_R_NONE;
}

static enum offload_reason
xlate_vlan_push(struct xctx *x, struct act_state *s,
                const struct ovs_action_push_vlan *pv)
{
    uint16_t tci = ntohs(pv->vlan_tci);
    struct tc_action *a;
    enum offload_reason r = flush_pedit(x, s);

    if (r) {
        return r;
    }
    ADD_ACTION(x, TC_ACT_VLAN_PUSH, a);
    a->vlan.id = tci & VLAN_VID_MASK;
    a->vlan.prio = tci >> VLAN_PCP_SHIFT;
    a->vlan.proto = pv->vlan_tpid;
    return OFFLOAD_R_NONE;
}

static enum offload_reason
xlate_one_action(struct xctx *x, struct act_state *s,
                 const struct odp_action *oa)
{
    struct tc_action *a;

    switch (oa->type) {
    case OVS_ACTION_ATTR_OUTPUT:
        return xlate_output(x, s, oa->u.output);
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
        if (oa->u.set.key_type == OVS_KEY_ATTR_TUNNEL) {
            s->tunnel = oa->u.set.tunnel;
            s->has_tunnel = true;
            return OFFLOAD_R_NONE;
        }
        return xlate_set(x, s, &oa->u.set);
    case OVS_ACTION_ATTR_PUSH_VLAN:
        return xlate_vlan_push(x, s, &oa->u.push_vlan);
    case OVS_ACTION_ATTR_POP_VLAN: {
        enum offload_reason r = flush_pedit(x, s);

        if (r) {
            return r;
        }
        ADD_ACTION(x, TC_ACT_VLAN_POP, a);
        return OFFLOAD_R_NONE;
    }
    case ODP_ACTION_ATTR_DROP:
        ADD_ACTION(x, TC_ACT_DROP, a);
        return OFFLOAD_R_NONE;
    case OVS_ACTION_ATTR_RECIRC:
        if (!x->caps->recirc) {
            return refuse(x, OFFLOAD_R_RECIRC, "recirc(%#"PRIx32")",
                          oa->u.recirc_id);
        }
        ADD_ACTION(x, TC_ACT_GOTO, a);
        a->chain = oa->u.recirc_id;
        return OFFLOAD_R_NONE;
    case OVS_ACTION_ATTR_USERSPACE:
        return refuse(x, OFFLOAD_R_ACTION, "userspace");
    case OVS_ACTION_ATTR_SAMPLE:
        return refuse(x, OFFLOAD_R_ACTION, "sample");
    case OVS_ACTION_ATTR_HASH:
        return refuse(x, OFFLOAD_R_ACTION, "hash");
    case OVS_ACTION_ATTR_CT:
        return refuse(x, OFFLOAD_R_ACTION, "ct");
    case OVS_ACTION_ATTR_CT_CLEAR:
        return refuse(x, OFFLOAD_R_ACTION, "ct_clear");
    case OVS_ACTION_ATTR_TRUNC:
        return refuse(x, OFFLOAD_R_ACTION, "trunc");
    case OVS_ACTION_ATTR_CLONE:
        return refuse(x, OFFLOAD_R_ACTION, "clone");
    case OVS_ACTION_ATTR_CHECK_PKT_LEN:
        return refuse(x, OFFLOAD_R_ACTION, "check_pkt_len");
    default:
        return refuse(x, OFFLOAD_R_ACTION, "action type %"PRIu16,
                      oa->type);
    }
}

static enum offload_reason
xlate_actions(struct xctx *x, const void *actions, size_t actions_len)
{
    struct act_state s = { .pending_output_idx = -1 };
    const struct nlattr *nla;
    size_t left;
    enum offload_reason r;
    struct tc_action *a;

    if (x->in_port->kind == OFFLOAD_TC_PORT_TUNNEL) {
        /* Decap: the tunnel metadata must not leak into the next tunnel
         * device. */
        ADD_ACTION(x, TC_ACT_TUNNEL_UNSET, a);
    }
    NL_ATTR_FOR_EACH (nla, left, actions, actions_len) {
        struct odp_action oa;
        char *err = NULL;

        if (odp_action_decode(nla, &oa, &err)) {
            r = refuse(x, OFFLOAD_R_ACTION, "undecodable action: %s",
                       err ? err : "?");
            free(err);
            return r;
        }
        r = xlate_one_action(x, &s, &oa);
        if (r) {
            return r;
        }
    }
    r = flush_pedit(x, &s);
    if (r) {
        return r;
    }
    if (s.pending_output_idx < 0) {
        /* No output: the packet is dropped.  (Actions after the last
         * output, pedit for instance, have no effect then either.) */
        size_t n = x->f->n_actions;

        if (!n || x->f->actions[n - 1].type != TC_ACT_DROP) {
            ADD_ACTION(x, TC_ACT_DROP, a);
        }
    }
    return OFFLOAD_R_NONE;
}

enum offload_reason
offload_tc_xlate(const struct match *match, const void *actions,
                 size_t actions_len, offload_tc_port_func *ports, void *aux,
                 const struct offload_tc_caps *caps,
                 struct tc_flower *flower, char **msgp)
{
    struct xctx x = {
        .match = match,
        .f = flower,
        .ports = ports,
        .aux = aux,
        .caps = caps,
        .msgp = msgp,
    };
    enum offload_reason r;

    if (msgp) {
        *msgp = NULL;
    }
    memset(flower, 0, sizeof *flower);
    flower->id.parent = TC_INGRESS_PARENT;   /* Egress for internal ports,
                                              * see xlate_metadata(). */
    r = xlate_match(&x);
    if (!r) {
        r = xlate_actions(&x, actions, actions_len);
    }
    return r;
}
