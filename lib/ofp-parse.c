/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Parser for the ovs-ofctl flow syntax.  Match fields go through the field
 * table of ofp-fields.h by way of a small table of syntax names
 * (ofp-parse-private.h); actions through a keyword table. */

#include <config.h>
#include "ofp-parse.h"
#include "ofp-parse-private.h"
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "packets.h"
#include "util.h"

/* Flow syntax names of match fields.  MFF_N_IDS in 'id' means the field is
 * picked by ofp_syntax_resolve() from what the match says about the
 * protocol. */
const struct ofp_syntax_field ofp_syntax_fields[] = {
    { "in_port", MFF_IN_PORT, OSK_PORT },
    { "dl_src", MFF_ETH_SRC, OSK_MAC },
    { "dl_dst", MFF_ETH_DST, OSK_MAC },
    { "eth_src", MFF_ETH_SRC, OSK_MAC },
    { "eth_dst", MFF_ETH_DST, OSK_MAC },
    { "dl_type", MFF_ETH_TYPE, OSK_INT },
    { "eth_type", MFF_ETH_TYPE, OSK_INT },
    { "dl_vlan", MFF_VLAN_TCI, OSK_DL_VLAN },
    { "dl_vlan_pcp", MFF_VLAN_TCI, OSK_DL_VLAN_PCP },
    { "vlan_tci", MFF_VLAN_TCI, OSK_INT },
    { "nw_src", MFF_N_IDS, OSK_IPV4 },
    { "nw_dst", MFF_N_IDS, OSK_IPV4 },
    { "ip_src", MFF_IPV4_SRC, OSK_IPV4 },
    { "ip_dst", MFF_IPV4_DST, OSK_IPV4 },
    { "nw_proto", MFF_N_IDS, OSK_INT },
    { "ip_proto", MFF_IP_PROTO, OSK_INT },
    { "nw_tos", MFF_IP_TOS, OSK_INT },
    { "ip_dscp", MFF_IP_DSCP, OSK_INT },
    { "nw_ecn", MFF_IP_ECN, OSK_INT },
    { "ip_ecn", MFF_IP_ECN, OSK_INT },
    { "nw_ttl", MFF_IP_TTL, OSK_INT },
    { "nw_frag", MFF_IP_FRAG, OSK_FRAG },
    { "ip_frag", MFF_IP_FRAG, OSK_FRAG },
    { "tp_src", MFF_N_IDS, OSK_INT },
    { "tp_dst", MFF_N_IDS, OSK_INT },
    { "tcp_flags", MFF_TCP_FLAGS, OSK_TCP_FLAGS },
    { "icmp_type", MFF_N_IDS, OSK_INT },
    { "icmp_code", MFF_N_IDS, OSK_INT },
    { "arp_op", MFF_ARP_OP, OSK_INT },
    { "arp_spa", MFF_ARP_SPA, OSK_IPV4 },
    { "arp_tpa", MFF_ARP_TPA, OSK_IPV4 },
    { "arp_sha", MFF_ARP_SHA, OSK_MAC },
    { "arp_tha", MFF_ARP_THA, OSK_MAC },
    { "ipv6_src", MFF_IPV6_SRC, OSK_IPV6 },
    { "ipv6_dst", MFF_IPV6_DST, OSK_IPV6 },
    { "ipv6_label", MFF_IPV6_LABEL, OSK_INT },
    { "nd_target", MFF_ND_TARGET, OSK_IPV6 },
    { "nd_sll", MFF_ND_SLL, OSK_MAC },
    { "nd_tll", MFF_ND_TLL, OSK_MAC },
    { "tun_id", MFF_TUN_ID, OSK_INT },
    { "tunnel_id", MFF_TUN_ID, OSK_INT },
    { "tun_src", MFF_TUN_SRC, OSK_IPV4 },
    { "tun_dst", MFF_TUN_DST, OSK_IPV4 },
    { "metadata", MFF_METADATA, OSK_INT },
    { "pkt_mark", MFF_PKT_MARK, OSK_INT },
    { NULL, 0, 0 },
};

/* Protocol shorthands. */
const struct ofp_shorthand ofp_shorthands[] = {
    { "ip", ETH_TYPE_IP, 0 },
    { "ipv6", ETH_TYPE_IPV6, 0 },
    { "icmp", ETH_TYPE_IP, IPPROTO_ICMP },
    { "icmp6", ETH_TYPE_IPV6, IPPROTO_ICMPV6 },
    { "tcp", ETH_TYPE_IP, IPPROTO_TCP },
    { "tcp6", ETH_TYPE_IPV6, IPPROTO_TCP },
    { "udp", ETH_TYPE_IP, IPPROTO_UDP },
    { "udp6", ETH_TYPE_IPV6, IPPROTO_UDP },
    { "sctp", ETH_TYPE_IP, IPPROTO_SCTP },
    { "sctp6", ETH_TYPE_IPV6, IPPROTO_SCTP },
    { "arp", ETH_TYPE_ARP, 0 },
    { "rarp", ETH_TYPE_RARP, 0 },
    { NULL, 0, 0 },
};

const struct ofp_port_name ofp_port_names[] = {
    { "IN_PORT", OFPP_IN_PORT },
    { "TABLE", OFPP_TABLE },
    { "NORMAL", OFPP_NORMAL },
    { "FLOOD", OFPP_FLOOD },
    { "ALL", OFPP_ALL },
    { "CONTROLLER", OFPP_CONTROLLER },
    { "LOCAL", OFPP_LOCAL },
    { "NONE", OFPP_NONE },
    { "ANY", OFPP_NONE },
    { NULL, 0 },
};

/* Returns true if 'name' is "regN" with N a register number, storing N in
 * '*idx'. */
bool
ofp_parse_reg_name(const char *name, unsigned int *idx)
{
    char *end;
    unsigned long n;

    if (strncmp(name, "reg", 3) || !isdigit((unsigned char) name[3])) {
        return false;
    }
    n = strtoul(name + 3, &end, 10);
    if (*end || n >= FLOW_N_REGS || (name[3] == '0' && name[4])) {
        return false;
    }
    *idx = n;
    return true;
}

const struct ofp_syntax_field *
ofp_syntax_field_by_name(const char *name)
{
    const struct ofp_syntax_field *f;

    for (f = ofp_syntax_fields; f->name; f++) {
        if (!strcmp(f->name, name)) {
            return f;
        }
    }
    return NULL;
}

static uint16_t
match_dl_type(const struct match *m)
{
    return m->wc.masks.dl_type == htons(0xffff) ? ntohs(m->flow.dl_type) : 0;
}

static int
match_nw_proto(const struct match *m)
{
    return m->wc.masks.nw_proto == 0xff ? m->flow.nw_proto : -1;
}

/* Returns the field that syntax name 'f' stands for in 'm', or NULL with an
 * error in '*errorp'. */
static const struct mf_field *
ofp_syntax_resolve(const struct ofp_syntax_field *f, const struct match *m,
                   char **errorp)
{
    uint16_t dl_type = match_dl_type(m);
    int proto = match_nw_proto(m);
    bool arp = dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP;
    bool src;

    if (f->id != MFF_N_IDS) {
        return mf_from_id(f->id);
    }
    src = strstr(f->name, "src") || strstr(f->name, "type");
    if (!strcmp(f->name, "nw_proto")) {
        return mf_from_id(arp ? MFF_ARP_OP : MFF_IP_PROTO);
    } else if (!strncmp(f->name, "nw_", 3)) {
        return mf_from_id(arp ? (src ? MFF_ARP_SPA : MFF_ARP_TPA)
                          : (src ? MFF_IPV4_SRC : MFF_IPV4_DST));
    } else if (!strncmp(f->name, "tp_", 3)) {
        if (proto == IPPROTO_TCP) {
            return mf_from_id(src ? MFF_TCP_SRC : MFF_TCP_DST);
        } else if (proto == IPPROTO_UDP) {
            return mf_from_id(src ? MFF_UDP_SRC : MFF_UDP_DST);
        } else if (proto == IPPROTO_SCTP) {
            return mf_from_id(src ? MFF_SCTP_SRC : MFF_SCTP_DST);
        }
    } else if (!strncmp(f->name, "icmp_", 5)) {
        if (proto == IPPROTO_ICMP && dl_type == ETH_TYPE_IP) {
            return mf_from_id(src ? MFF_ICMPV4_TYPE : MFF_ICMPV4_CODE);
        } else if (proto == IPPROTO_ICMPV6 && dl_type == ETH_TYPE_IPV6) {
            return mf_from_id(src ? MFF_ICMPV6_TYPE : MFF_ICMPV6_CODE);
        }
    }
    *errorp = xasprintf("%s: prerequisites not met (needs a protocol such "
                        "as tcp, udp, sctp, icmp or icmp6)", f->name);
    return NULL;
}

/* Stores 'x' into the 'mf->n_bytes' bytes of 'v' in network order. */
void
ofp_value_from_u64(const struct mf_field *mf, uint64_t x, union mf_value *v)
{
    int i;

    memset(v, 0, sizeof *v);
    for (i = mf->n_bytes - 1; i >= 0; i--) {
        v->b[i] = x & 0xff;
        x >>= 8;
    }
}

uint64_t
ofp_value_to_u64(const struct mf_field *mf, const union mf_value *v)
{
    uint64_t x = 0;
    unsigned int i;

    for (i = 0; i < mf->n_bytes && i < 8; i++) {
        x = (x << 8) | v->b[i];
    }
    return x;
}

static char *
parse_u64(const char *s, uint64_t max, uint64_t *x)
{
    char *end;

    if (!*s) {
        return xstrdup("missing number");
    }
    errno = 0;
    *x = strtoull(s, &end, 0);
    if (*end || errno || *s == '-') {
        return xasprintf("%s: invalid number", s);
    }
    if (*x > max) {
        return xasprintf("%s: value too large (maximum %"PRIu64")", s, max);
    }
    return NULL;
}

/* Parses "PORT" (a number, a reserved name or a name the callback knows). */
char *
ofp_parse_port(const char *s, const struct ofp_parse_ports *ports,
               ofp_port_t *port)
{
    const struct ofp_port_name *pn;
    uint64_t x;

    for (pn = ofp_port_names; pn->name; pn++) {
        if (!strcasecmp(pn->name, s)) {
            *port = pn->port;
            return NULL;
        }
    }
    if (isdigit((unsigned char) *s)) {
        char *error = parse_u64(s, 0xffff, &x);
        if (!error) {
            *port = x;
        }
        return error;
    }
    if (ports && ports->name_to_port
        && ports->name_to_port(s, port, ports->aux)) {
        return NULL;
    }
    return xasprintf("%s: unknown port", s);
}

static char *
parse_int_masked(const struct mf_field *mf, const char *s,
                 union mf_value *v, union mf_value *m)
{
    uint64_t max = mf->n_bits >= 64 ? UINT64_MAX
                   : (UINT64_C(1) << mf->n_bits) - 1;
    char *copy = xstrdup(s);
    char *slash = strchr(copy, '/');
    uint64_t x, mask = max;
    char *error;

    if (slash) {
        *slash = '\0';
    }
    error = parse_u64(copy, max, &x);
    if (!error && slash) {
        error = parse_u64(slash + 1, max, &mask);
    }
    free(copy);
    if (!error) {
        ofp_value_from_u64(mf, x & mask, v);
        ofp_value_from_u64(mf, mask, m);
    }
    return error;
}

static const struct {
    const char *name;
    uint16_t bit;
} tcp_flag_names[] = {
    { "fin", 0x001 }, { "syn", 0x002 }, { "rst", 0x004 }, { "psh", 0x008 },
    { "ack", 0x010 }, { "urg", 0x020 }, { "ece", 0x040 }, { "cwr", 0x080 },
    { "ns", 0x100 },
};

const char *
ofp_tcp_flag_name(uint16_t bit)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(tcp_flag_names); i++) {
        if (tcp_flag_names[i].bit == bit) {
            return tcp_flag_names[i].name;
        }
    }
    return NULL;
}

/* Parses "+syn-ack" style TCP flags into 'v' and 'm'. */
static char *
parse_tcp_flags(const struct mf_field *mf, const char *s,
                union mf_value *v, union mf_value *m)
{
    uint16_t flags = 0, mask = 0;

    if (*s != '+' && *s != '-') {
        return parse_int_masked(mf, s, v, m);
    }
    while (*s) {
        bool set = *s++ == '+';
        size_t n = strcspn(s, "+-");
        size_t i;

        for (i = 0; i < ARRAY_SIZE(tcp_flag_names); i++) {
            if (strlen(tcp_flag_names[i].name) == n
                && !strncmp(tcp_flag_names[i].name, s, n)) {
                break;
            }
        }
        if (i >= ARRAY_SIZE(tcp_flag_names)) {
            return xasprintf("%.*s: unknown TCP flag", (int) n, s);
        }
        mask |= tcp_flag_names[i].bit;
        flags |= set ? tcp_flag_names[i].bit : 0;
        s += n;
    }
    ofp_value_from_u64(mf, flags, v);
    ofp_value_from_u64(mf, mask, m);
    return NULL;
}

static char *
parse_frag(const char *s, struct match *match)
{
    static const struct {
        const char *name;
        uint8_t value, mask;
    } frags[] = {
        { "no", 0, FLOW_NW_FRAG_ANY },
        { "yes", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY },
        { "first", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK },
        { "later", FLOW_NW_FRAG_MASK, FLOW_NW_FRAG_MASK },
        { "not_later", 0, FLOW_NW_FRAG_LATER },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(frags); i++) {
        if (!strcmp(frags[i].name, s)) {
            match_set_nw_frag_masked(match, frags[i].value, frags[i].mask);
            return NULL;
        }
    }
    return xasprintf("%s: unknown fragment type (use no, yes, first, later "
                     "or not_later)", s);
}

/* Parses 'value' as text form of field 'mf' of syntax kind 'kind' into 'v'
 * and 'm'.  Shared with set_field. */
char *
ofp_parse_field_value(const struct mf_field *mf, enum ofp_syntax_kind kind,
                      const char *value, const struct ofp_parse_ports *ports,
                      union mf_value *v, union mf_value *m)
{
    char *error = NULL;

    memset(v, 0, sizeof *v);
    memset(m, 0xff, sizeof *m);
    switch (kind) {
    case OSK_MAC: {
        struct eth_addr ea, mask;
        error = eth_addr_parse_masked(value, &ea, &mask);
        memcpy(v->b, &ea, 6);
        memcpy(m->b, &mask, 6);
        break;
    }
    case OSK_IPV4: {
        ovs_be32 ip, mask;
        error = ip_parse_masked(value, &ip, &mask);
        memcpy(v->b, &ip, 4);
        memcpy(m->b, &mask, 4);
        break;
    }
    case OSK_IPV6: {
        struct in6_addr ip, mask;
        error = ipv6_parse_masked(value, &ip, &mask);
        memcpy(v->b, &ip, 16);
        memcpy(m->b, &mask, 16);
        break;
    }
    case OSK_PORT: {
        ofp_port_t port = 0;
        error = ofp_parse_port(value, ports, &port);
        ofp_value_from_u64(mf, port, v);
        ofp_value_from_u64(mf, UINT64_MAX, m);
        break;
    }
    case OSK_TCP_FLAGS:
        error = parse_tcp_flags(mf, value, v, m);
        break;
    case OSK_INT:
    case OSK_DL_VLAN:
    case OSK_DL_VLAN_PCP:
    case OSK_FRAG:
    default:
        error = parse_int_masked(mf, value, v, m);
        break;
    }
    if (!error && !mf->maskable && !mf_value_is_exact(mf, m)) {
        error = xasprintf("%s: field may not be masked", mf->name);
    }
    return error;
}

static char *
parse_vlan(const struct ofp_syntax_field *f, const char *value,
           struct match *match)
{
    uint64_t x;
    char *error;

    if (f->kind == OSK_DL_VLAN) {
        error = parse_u64(value, 0xffff, &x);
        if (!error) {
            if (x == 0xffff) {
                match_set_no_vlan(match, 0);
            } else if (x > VLAN_VID_MASK) {
                error = xasprintf("%s: VLAN ID out of range 0..4095 "
                                  "(or 0xffff)", value);
            } else {
                match_set_vlan_vid(match, 0, x);
            }
        }
    } else {
        error = parse_u64(value, 7, &x);
        if (!error) {
            match_set_vlan_pcp(match, 0, x);
        }
    }
    return error;
}

/* Parses match field 'name'='value' into 'match'. */
static char *
parse_field(const char *name, const char *value,
            const struct ofp_parse_ports *ports, struct match *match)
{
    const struct ofp_syntax_field *f = ofp_syntax_field_by_name(name);
    const struct mf_field *mf;
    union mf_value v, m;
    char *error = NULL;
    unsigned int reg;
    struct ofp_syntax_field regf;

    if (!f && ofp_parse_reg_name(name, &reg)) {
        regf.name = name;
        regf.id = MFF_REG0 + reg;
        regf.kind = OSK_INT;
        f = &regf;
    }
    if (!f) {
        mf = mf_from_name(name);
        if (!mf) {
            return xasprintf("%s: unknown field", name);
        }
        regf.name = name;
        regf.id = mf->id;
        regf.kind = OSK_INT;
        f = &regf;
    }
    if (!*value) {
        return xasprintf("%s: missing value", name);
    }
    mf = ofp_syntax_resolve(f, match, &error);
    if (!mf) {
        return error;
    }
    if (f->kind == OSK_DL_VLAN || f->kind == OSK_DL_VLAN_PCP) {
        return parse_vlan(f, value, match);
    } else if (f->kind == OSK_FRAG) {
        error = parse_frag(value, match);
    } else {
        error = ofp_parse_field_value(mf, f->kind, value, ports, &v, &m);
        if (error) {
            return error;
        }
        if (!mf_value_is_valid(mf, &v)) {
            return xasprintf("%s: value %s out of range", name, value);
        }
        mf_set_match(mf, &v, &m, match);
    }
    if (!error && !mf_prereqs_ok(mf, match)) {
        error = xasprintf("%s: prerequisites not met (the match must "
                          "name the protocol first, e.g. tcp or ip)", name);
    }
    return error;
}

static char *
parse_flow_attr(const char *name, const char *value,
                const struct ofp_parse_ports *ports,
                struct ofp_flow_mod *fm, bool *handled)
{
    static const struct {
        const char *name;
        uint16_t flag;
    } flags[] = {
        { "send_flow_rem", OFPFF_SEND_FLOW_REM },
        { "check_overlap", OFPFF_CHECK_OVERLAP },
        { "reset_counts", OFPFF_RESET_COUNTS },
        { "no_packet_counts", OFPFF_NO_PKT_COUNTS },
        { "no_byte_counts", OFPFF_NO_BYT_COUNTS },
    };
    uint64_t x;
    char *error = NULL;
    size_t i;

    *handled = true;
    for (i = 0; i < ARRAY_SIZE(flags); i++) {
        if (!strcmp(name, flags[i].name) && !value) {
            fm->flags |= flags[i].flag;
            return NULL;
        }
    }
    if (!value) {
        *handled = false;
        return NULL;
    }
    if (!strcmp(name, "table")) {
        error = parse_u64(value, 254, &x);
        fm->table_id = x;
    } else if (!strcmp(name, "priority")) {
        error = parse_u64(value, 0xffff, &x);
        fm->priority = x;
    } else if (!strcmp(name, "idle_timeout")) {
        error = parse_u64(value, 0xffff, &x);
        fm->idle_timeout = x;
    } else if (!strcmp(name, "hard_timeout")) {
        error = parse_u64(value, 0xffff, &x);
        fm->hard_timeout = x;
    } else if (!strcmp(name, "out_port")) {
        error = ofp_parse_port(value, ports, &fm->out_port);
    } else if (!strcmp(name, "cookie")) {
        char *copy = xstrdup(value);
        char *slash = strchr(copy, '/');
        if (slash) {
            *slash = '\0';
        }
        error = parse_u64(copy, UINT64_MAX, &fm->cookie);
        fm->new_cookie = fm->cookie;
        fm->cookie_mask = UINT64_MAX;
        if (!error && slash) {
            /* A filter: a modify leaves the flows' cookies alone. */
            if (!strcmp(slash + 1, "-1")) {
                fm->cookie_mask = UINT64_MAX;   /* As stock accepts it. */
            } else {
                error = parse_u64(slash + 1, UINT64_MAX, &fm->cookie_mask);
            }
            fm->new_cookie = (fm->command == OFPFC_MODIFY
                              || fm->command == OFPFC_MODIFY_STRICT
                              ? UINT64_MAX : 0);
        } else if (fm->command == OFPFC_ADD || fm->command == OFPFC_MODIFY
                   || fm->command == OFPFC_MODIFY_STRICT) {
            /* Without a mask, the cookie to give added or modified flows;
             * it filters nothing. */
            fm->cookie_mask = 0;
        }
        free(copy);
    } else {
        *handled = false;
    }
    if (error) {
        char *e = xasprintf("%s: %s", name, error);
        free(error);
        error = e;
    }
    return error;
}

static const struct ofp_shorthand *
shorthand_by_name(const char *name)
{
    const struct ofp_shorthand *sh;

    for (sh = ofp_shorthands; sh->name; sh++) {
        if (!strcmp(sh->name, name)) {
            return sh;
        }
    }
    return NULL;
}

/* Splits off the next "name[=value]" element of '*sp' (separated by commas
 * or white space), or returns false at the end. */
static bool
next_token(char **sp, char **name, char **value)
{
    char *s = *sp + strspn(*sp, ", \t\r\n");
    size_t n;

    if (!*s) {
        return false;
    }
    n = strcspn(s, ", \t\r\n");
    *sp = s + n + (s[n] != '\0');
    s[n] = '\0';
    *name = s;
    *value = strchr(s, '=');
    if (*value) {
        **value = '\0';
        (*value)++;
    }
    return true;
}

/* Returns the pass in which to parse element 'name': the protocol first,
 * since the meaning of later fields depends on it. */
static int
parse_pass(const char *name, const char *value)
{
    if ((!value && shorthand_by_name(name))
        || (value && (!strcmp(name, "dl_type")
                      || !strcmp(name, "eth_type")))) {
        return 0;
    } else if (value && (!strcmp(name, "nw_proto")
                         || !strcmp(name, "ip_proto"))) {
        return 1;
    }
    return 2;
}

static char *
parse_match_part(const char *text, const struct ofp_parse_ports *ports,
                 struct ofp_flow_mod *fm)
{
    int pass;

    for (pass = 0; pass < 3; pass++) {
        char *copy = xstrdup(text);
        char *s = copy, *name, *value;
        char *error = NULL;

        while (!error && next_token(&s, &name, &value)) {
            const struct ofp_shorthand *sh;
            bool handled;

            if (parse_pass(name, value) != pass) {
                continue;
            }
            error = parse_flow_attr(name, value, ports, fm, &handled);
            if (error || handled) {
                continue;
            }
            sh = value ? NULL : shorthand_by_name(name);
            if (sh) {
                match_set_dl_type(&fm->match, htons(sh->dl_type));
                if (sh->nw_proto) {
                    match_set_nw_proto(&fm->match, sh->nw_proto);
                }
            } else if (!value) {
                error = xasprintf("%s: unknown keyword or missing value",
                                  name);
            } else {
                error = parse_field(name, value, ports, &fm->match);
            }
        }
        free(copy);
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* Returns the start of "actions=" in 's' as a separate word, or NULL. */
static const char *
find_actions(const char *s)
{
    const char *p;

    for (p = strstr(s, "actions="); p; p = strstr(p + 1, "actions=")) {
        if (p == s || strchr(", \t", p[-1])) {
            return p;
        }
    }
    return NULL;
}

char *
ofp_parse_flow_mod(const char *string, int command,
                   const struct ofp_parse_ports *ports,
                   struct ofp_flow_mod *fm)
{
    const char *acts = find_actions(string);
    char *match_text;
    char *error;

    ofp_flow_mod_init(fm);
    fm->command = command;
    fm->priority = OFP_DEFAULT_PRIORITY;
    match_text = acts ? xmemdup0(string, acts - string) : xstrdup(string);
    error = parse_match_part(match_text, ports, fm);
    free(match_text);
    if (error) {
        return error;
    }
    if (acts) {
        if (command == OFPFC_DELETE || command == OFPFC_DELETE_STRICT) {
            return xstrdup("actions are not allowed when deleting flows");
        }
        return ofp_parse_actions(acts + strlen("actions="), ports,
                                 &fm->ofpacts);
    } else if (command == OFPFC_ADD) {
        return xstrdup("must specify an action (actions=...)");
    }
    return NULL;
}
