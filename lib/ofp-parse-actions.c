/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Parser for the action part of the ovs-ofctl flow syntax. */

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

enum ofp_syntax_kind
ofp_field_kind(const struct mf_field *mf)
{
    switch (mf->id) {
    case MFF_IN_PORT:
        return OSK_PORT;
    case MFF_IPV4_SRC: case MFF_IPV4_DST: case MFF_ARP_SPA:
    case MFF_ARP_TPA: case MFF_TUN_SRC: case MFF_TUN_DST:
        return OSK_IPV4;
    default:
        return (mf->n_bytes == 6 ? OSK_MAC
                : mf->n_bytes == 16 && mf->id != MFF_CT_LABEL ? OSK_IPV6
                : OSK_INT);
    }
}

void
ofp_nxm_name(const struct mf_field *mf, char buf[64])
{
    static const struct {
        enum mf_id id;
        const char *name;
    } special[] = {
        { MFF_IP_TOS, "NXM_OF_IP_TOS" },
        { MFF_IP_TTL, "NXM_NX_IP_TTL" },
        { MFF_TUN_SRC, "NXM_NX_TUN_IPV4_SRC" },
        { MFF_TUN_DST, "NXM_NX_TUN_IPV4_DST" },
    };
    const char *prefix;
    size_t i, n;

    for (i = 0; i < ARRAY_SIZE(special); i++) {
        if (special[i].id == mf->id) {
            ovs_strlcpy(buf, special[i].name, 64);
            return;
        }
    }
    prefix = (!mf->nxm_header ? "OXM_OF_"
              : OFP_HDR_CLASS(mf->nxm_header) == NXM_CLASS_OF ? "NXM_OF_"
              : "NXM_NX_");
    n = strlen(prefix);
    memcpy(buf, prefix, n);
    for (i = 0; mf->name[i] && n < 63; i++) {
        buf[n++] = toupper((unsigned char) mf->name[i]);
    }
    buf[n] = '\0';
}

/* Finds the field named 'name': an NXM/OXM name, a field-table name or a
 * flow-syntax name. */
static const struct mf_field *
field_by_any_name(const char *name)
{
    const struct ofp_syntax_field *sf;
    const struct mf_field *mf;
    unsigned int reg;
    int i;

    for (i = 0; i < MFF_N_IDS; i++) {
        char buf[64];

        mf = mf_from_id(i);
        ofp_nxm_name(mf, buf);
        if (!strcasecmp(buf, name)) {
            return mf;
        }
    }
    if (ofp_parse_reg_name(name, &reg)) {
        return mf_from_id(MFF_REG0 + reg);
    }
    mf = mf_from_name(name);
    if (mf) {
        return mf;
    }
    sf = ofp_syntax_field_by_name(name);
    return sf && sf->id != MFF_N_IDS ? mf_from_id(sf->id) : NULL;
}

/* Parses "FIELD", "FIELD[]", "FIELD[N]" or "FIELD[A..B]". */
static char *
parse_subfield(const char *s, struct mf_subfield *sf)
{
    size_t n = strcspn(s, "[");
    char *name = xmemdup0(s, n);
    const struct mf_field *mf = field_by_any_name(name);
    unsigned int a, b;
    int len = -1;

    free(name);
    if (!mf) {
        return xasprintf("%.*s: unknown field", (int) n, s);
    }
    sf->field = mf;
    s += n;
    if (!*s || !strcmp(s, "[]")) {
        a = 0;
        b = mf->n_bits - 1;
    } else if (sscanf(s, "[%u..%u]%n", &a, &b, &len) == 2
               && len == (int) strlen(s)) {
        /* Range. */
    } else if (sscanf(s, "[%u]%n", &a, &len) == 1
               && len == (int) strlen(s)) {
        b = a;
    } else {
        return xasprintf("%s: bad sub-field syntax (want [], [N] or "
                         "[A..B])", s);
    }
    if (a > b || b >= mf->n_bytes * 8) {
        return xasprintf("%s: bits %u..%u out of range for %s (%u bits)",
                         s, a, b, mf->name, mf->n_bytes * 8);
    }
    sf->ofs = a;
    sf->n_bits = b - a + 1;
    return NULL;
}

static char *
parse_num(const char *s, uint64_t max, uint64_t *x)
{
    char *end;

    errno = 0;
    *x = strtoull(s, &end, 0);
    if (!*s || *end || errno || *s == '-') {
        return xasprintf("%s: invalid number", s);
    }
    if (*x > max) {
        return xasprintf("%s: out of range (maximum %"PRIu64")", s, max);
    }
    return NULL;
}

struct act_ctx {
    const struct ofp_parse_ports *ports;
    struct ofpacts *out;
};

typedef char *act_parser(const char *name, const char *arg,
                         struct act_ctx *);

static char *
act_output(const char *name OVS_UNUSED, const char *arg, struct act_ctx *c)
{
    ofp_port_t port;
    char *error;

    if (!arg) {
        return xstrdup("output: missing port");
    }
    error = ofp_parse_port(arg, c->ports, &port);
    if (!error) {
        struct ofpact *a = ofpacts_put(c->out, OFPACT_OUTPUT);
        a->output.port = port;
        a->output.max_len = port == OFPP_CONTROLLER ? UINT16_MAX : 0;
    }
    return error;
}

static char *
act_reserved_port(const char *name, const char *arg OVS_UNUSED,
                  struct act_ctx *c)
{
    return act_output(NULL, name, c);
}

static char *
act_controller(const char *name OVS_UNUSED, const char *arg,
               struct act_ctx *c)
{
    uint64_t max_len = UINT16_MAX;
    char *error = NULL;

    if (arg) {
        if (!strncmp(arg, "max_len=", 8)) {
            arg += 8;
        }
        error = parse_num(arg, UINT16_MAX, &max_len);
    }
    if (!error) {
        /* Plain "controller" is an output to the CONTROLLER port on the
         * wire (OFPAT_OUTPUT), as stock ovs-ofctl sends it. */
        struct ofpact *a = ofpacts_put(c->out, OFPACT_OUTPUT);
        a->output.port = OFPP_CONTROLLER;
        a->output.max_len = max_len;
    }
    return error;
}

/* Actions with a numeric argument stored in u8, u16, u32 or a port. */
static const struct {
    const char *name;
    enum ofpact_type type;
    uint64_t max;
} num_acts[] = {
    { "mod_vlan_vid", OFPACT_SET_VLAN_VID, VLAN_VID_MASK },
    { "mod_vlan_pcp", OFPACT_SET_VLAN_PCP, 7 },
    { "push_vlan", OFPACT_PUSH_VLAN, UINT16_MAX },
    { "mod_nw_tos", OFPACT_SET_IP_TOS, 0xfc },
    { "mod_nw_ttl", OFPACT_SET_IP_TTL, UINT8_MAX },
    { "mod_tp_src", OFPACT_SET_L4_SRC, UINT16_MAX },
    { "mod_tp_dst", OFPACT_SET_L4_DST, UINT16_MAX },
    { "set_queue", OFPACT_SET_QUEUE, UINT32_MAX },
    { "group", OFPACT_GROUP, UINT32_MAX },
    { "goto_table", OFPACT_GOTO_TABLE, 254 },
    { "set_mpls_ttl", OFPACT_SET_MPLS_TTL, UINT8_MAX },
};

static char *
act_num(const char *name, const char *arg, struct act_ctx *c)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(num_acts); i++) {
        if (!strcmp(num_acts[i].name, name)) {
            uint64_t x;
            char *error;
            struct ofpact *a;

            if (!arg) {
                return xasprintf("%s: missing argument", name);
            }
            error = parse_num(arg, num_acts[i].max, &x);
            if (error) {
                char *e = xasprintf("%s: %s", name, error);
                free(error);
                return e;
            }
            if (num_acts[i].type == OFPACT_SET_IP_TOS && x & 3) {
                return xasprintf("%s: %s: ECN bits must be zero", name, arg);
            }
            a = ofpacts_put(c->out, num_acts[i].type);
            switch (num_acts[i].type) {
            case OFPACT_SET_VLAN_PCP: case OFPACT_SET_IP_TOS:
            case OFPACT_SET_IP_TTL: case OFPACT_GOTO_TABLE:
            case OFPACT_SET_MPLS_TTL:
                a->u8 = x;
                break;
            case OFPACT_SET_QUEUE: case OFPACT_GROUP:
                a->u32 = x;
                break;
            default:
                a->u16 = x;
                break;
            }
            return NULL;
        }
    }
    return xasprintf("%s: unknown action", name);
}

static char *
act_simple(const char *name, const char *arg, struct act_ctx *c)
{
    enum ofpact_type type = (!strcmp(name, "dec_ttl") ? OFPACT_DEC_TTL
                             : !strcmp(name, "clear_actions")
                             ? OFPACT_CLEAR_ACTIONS
                             : OFPACT_STRIP_VLAN);

    if (arg && type != OFPACT_DEC_TTL) {
        return xasprintf("%s: takes no argument", name);
    }
    ofpacts_put(c->out, type);
    return NULL;
}

static char *
act_mac(const char *name, const char *arg, struct act_ctx *c)
{
    struct eth_addr ea;
    struct ofpact *a;

    if (!arg || !eth_addr_from_string(arg, &ea)) {
        return xasprintf("%s: bad Ethernet address '%s'", name,
                         arg ? arg : "");
    }
    a = ofpacts_put(c->out, strstr(name, "src") ? OFPACT_SET_ETH_SRC
                    : OFPACT_SET_ETH_DST);
    a->mac = ea;
    return NULL;
}

static char *
act_ipv4(const char *name, const char *arg, struct act_ctx *c)
{
    ovs_be32 ip;
    struct ofpact *a;

    if (!arg || !ip_parse(arg, &ip)) {
        return xasprintf("%s: bad IPv4 address '%s'", name, arg ? arg : "");
    }
    a = ofpacts_put(c->out, strstr(name, "src") ? OFPACT_SET_IPV4_SRC
                    : OFPACT_SET_IPV4_DST);
    a->ipv4 = ip;
    return NULL;
}

/* Splits "A->B" at the arrow. */
static char *
split_arrow(const char *name, const char *arg, char **a, char **b)
{
    const char *arrow = arg ? strstr(arg, "->") : NULL;

    if (!arrow) {
        return xasprintf("%s: missing '->' in '%s'", name, arg ? arg : "");
    }
    *a = xmemdup0(arg, arrow - arg);
    *b = xstrdup(arrow + 2);
    return NULL;
}

static char *
act_set_field(const char *name, const char *arg, struct act_ctx *c)
{
    const struct mf_field *mf;
    union mf_value v, m;
    char *value, *field, *error;
    struct ofpact *a;

    error = split_arrow(name, arg, &value, &field);
    if (error) {
        return error;
    }
    mf = field_by_any_name(field);
    if (!mf) {
        error = xasprintf("set_field: %s: unknown field", field);
    } else if (!mf->writable) {
        error = xasprintf("set_field: %s: field is not writable", field);
    } else {
        error = ofp_parse_field_value(mf, ofp_field_kind(mf), value,
                                      c->ports, &v, &m);
        if (!error && !mf_value_is_valid(mf, &v)) {
            error = xasprintf("set_field: %s: value out of range", value);
        }
    }
    if (!error) {
        a = ofpacts_put(c->out, OFPACT_SET_FIELD);
        a->set_field.field = mf;
        a->set_field.value = v;
        a->set_field.mask = m;
        a->set_field.reg_load = false;
    }
    free(value);
    free(field);
    return error;
}

static char *
act_load(const char *name, const char *arg, struct act_ctx *c)
{
    struct mf_subfield dst;
    char *value, *field, *error;
    uint64_t x, mask;

    error = split_arrow(name, arg, &value, &field);
    if (error) {
        return error;
    }
    error = parse_subfield(field, &dst);
    if (!error && dst.field->n_bytes > 8) {
        error = xasprintf("load: %s: fields wider than 64 bits are not "
                          "supported", field);
    }
    if (!error && !dst.field->writable) {
        error = xasprintf("load: %s: field is not writable", field);
    }
    if (!error) {
        mask = dst.n_bits >= 64 ? UINT64_MAX
               : (UINT64_C(1) << dst.n_bits) - 1;
        error = parse_num(value, mask, &x);
    }
    if (!error) {
        struct ofpact *a = ofpacts_put(c->out, OFPACT_SET_FIELD);
        a->set_field.field = dst.field;
        ofp_value_from_u64(dst.field, x << dst.ofs, &a->set_field.value);
        ofp_value_from_u64(dst.field, mask << dst.ofs, &a->set_field.mask);
        a->set_field.reg_load = true;
    }
    free(value);
    free(field);
    return error;
}

static char *
act_move(const char *name, const char *arg, struct act_ctx *c)
{
    struct mf_subfield src, dst;
    char *a, *b, *error;

    error = split_arrow(name, arg, &a, &b);
    if (error) {
        return error;
    }
    error = parse_subfield(a, &src);
    if (!error) {
        error = parse_subfield(b, &dst);
    }
    if (!error && src.n_bits != dst.n_bits) {
        error = xasprintf("move: %s and %s differ in width (%u and %u "
                          "bits)", a, b, src.n_bits, dst.n_bits);
    }
    if (!error && !dst.field->writable) {
        error = xasprintf("move: %s: field is not writable", b);
    }
    if (!error) {
        struct ofpact *p = ofpacts_put(c->out, OFPACT_REG_MOVE);
        p->reg_move.src = src;
        p->reg_move.dst = dst;
    }
    free(a);
    free(b);
    return error;
}

static char *
act_set_tunnel(const char *name, const char *arg, struct act_ctx *c)
{
    uint64_t x;
    char *error;
    struct ofpact *a;

    if (!arg) {
        return xasprintf("%s: missing tunnel ID", name);
    }
    error = parse_num(arg, UINT64_MAX, &x);
    if (error) {
        return error;
    }
    a = ofpacts_put(c->out, OFPACT_SET_TUNNEL);
    a->tunnel.tun_id = x;
    a->tunnel.tunnel64 = !strcmp(name, "set_tunnel64") || x > UINT32_MAX;
    return NULL;
}

static char *
act_resubmit(const char *name OVS_UNUSED, const char *arg,
             struct act_ctx *c)
{
    ofp_port_t port = OFPP_IN_PORT;
    uint64_t table = 0xff;
    char *error = NULL;
    struct ofpact *a;

    if (!arg || !*arg) {
        return xstrdup("resubmit: missing port or table");
    }
    if (arg[0] == '(') {
        size_t n = strlen(arg);
        char *inner, *comma;

        if (arg[n - 1] != ')') {
            return xasprintf("resubmit%s: missing ')'", arg);
        }
        inner = xmemdup0(arg + 1, n - 2);
        comma = strchr(inner, ',');
        if (comma) {
            *comma = '\0';
            if (comma[1]) {
                error = parse_num(comma + 1, 254, &table);
            }
        }
        if (!error && *inner) {
            error = ofp_parse_port(inner, c->ports, &port);
        }
        free(inner);
    } else {
        error = ofp_parse_port(arg, c->ports, &port);
    }
    if (error) {
        return error;
    }
    if (port == OFPP_IN_PORT && table == 0xff) {
        return xstrdup("resubmit: at least one of port and table must be "
                       "given");
    }
    a = ofpacts_put(c->out, OFPACT_RESUBMIT);
    a->resubmit.in_port = port;
    a->resubmit.table = table;
    a->resubmit.with_table = table != 0xff;
    return NULL;
}

static char *
act_write_metadata(const char *name OVS_UNUSED, const char *arg,
                   struct act_ctx *c)
{
    uint64_t value, mask = UINT64_MAX;
    char *copy, *slash, *error;
    struct ofpact *a;

    if (!arg) {
        return xstrdup("write_metadata: missing value");
    }
    copy = xstrdup(arg);
    slash = strchr(copy, '/');
    if (slash) {
        *slash = '\0';
    }
    error = parse_num(copy, UINT64_MAX, &value);
    if (!error && slash) {
        error = parse_num(slash + 1, UINT64_MAX, &mask);
    }
    free(copy);
    if (!error) {
        a = ofpacts_put(c->out, OFPACT_WRITE_METADATA);
        a->write_metadata.metadata = value & mask;
        a->write_metadata.mask = mask;
    }
    return error;
}

static char *
act_note(const char *name OVS_UNUSED, const char *arg, struct act_ctx *c)
{
    struct ofpact *a = ofpacts_put(c->out, OFPACT_NOTE);
    const char *p = arg ? arg : "";

    a->note.len = 0;
    while (*p) {
        unsigned int byte;

        if (*p == '.') {
            p++;
            continue;
        }
        if (!isxdigit((unsigned char) p[0])
            || !isxdigit((unsigned char) p[1])
            || sscanf(p, "%2x", &byte) != 1) {
            c->out->n--;
            return xasprintf("note: %s: expected hex bytes like 01.02.ab",
                             arg);
        }
        if (a->note.len >= OFPACT_NOTE_MAX) {
            c->out->n--;
            return xstrdup("note: too long");
        }
        a->note.data[a->note.len++] = byte;
        p += 2;
    }
    return NULL;
}

static char *
act_drop(const char *name OVS_UNUSED, const char *arg OVS_UNUSED,
         struct act_ctx *c OVS_UNUSED)
{
    return NULL;
}

static const struct {
    const char *name;
    act_parser *parse;
} act_table[] = {
    { "output", act_output },
    { "in_port", act_reserved_port },
    { "normal", act_reserved_port },
    { "flood", act_reserved_port },
    { "all", act_reserved_port },
    { "local", act_reserved_port },
    { "controller", act_controller },
    { "drop", act_drop },
    { "mod_vlan_vid", act_num },
    { "mod_vlan_pcp", act_num },
    { "push_vlan", act_num },
    { "mod_nw_tos", act_num },
    { "mod_nw_ttl", act_num },
    { "mod_tp_src", act_num },
    { "mod_tp_dst", act_num },
    { "set_queue", act_num },
    { "group", act_num },
    { "goto_table", act_num },
    { "set_mpls_ttl", act_num },
    { "strip_vlan", act_simple },
    { "pop_vlan", act_simple },
    { "dec_ttl", act_simple },
    { "clear_actions", act_simple },
    { "mod_dl_src", act_mac },
    { "mod_dl_dst", act_mac },
    { "mod_nw_src", act_ipv4 },
    { "mod_nw_dst", act_ipv4 },
    { "set_field", act_set_field },
    { "load", act_load },
    { "move", act_move },
    { "set_tunnel", act_set_tunnel },
    { "set_tunnel64", act_set_tunnel },
    { "resubmit", act_resubmit },
    { "write_metadata", act_write_metadata },
    { "note", act_note },
};

/* Parses one action 'text' (modified in place). */
static char *
parse_action(char *text, struct act_ctx *c)
{
    char *arg = NULL;
    size_t n = strcspn(text, ":(");
    size_t i;

    if (isdigit((unsigned char) text[0])) {
        return act_output("output", text, c);
    }
    if (text[n] == ':') {
        text[n] = '\0';
        arg = text + n + 1;
    } else if (text[n] == '(') {
        if (!strncmp(text, "resubmit", n)) {
            arg = text + n;
            text = xmemdup0(text, n);
            char *error = act_resubmit(text, arg, c);
            free(text);
            return error;
        }
        return xasprintf("%s: unknown action", text);
    }
    for (i = 0; i < ARRAY_SIZE(act_table); i++) {
        if (!strcasecmp(act_table[i].name, text)) {
            char lower[32];
            size_t j;

            for (j = 0; text[j] && j < sizeof lower - 1; j++) {
                lower[j] = tolower((unsigned char) text[j]);
            }
            lower[j] = '\0';
            return act_table[i].parse(lower, arg, c);
        }
    }
    return xasprintf("%s: unknown action", text);
}

char *
ofp_parse_actions(const char *string, const struct ofp_parse_ports *ports,
                  struct ofpacts *out)
{
    struct act_ctx c = { ports, out };
    char *copy = xstrdup(string);
    char *p = copy;
    char *error = NULL;
    bool drop = false;
    size_t n_before = out->n;

    while (!error && *p) {
        int depth = 0;
        char *start;

        p += strspn(p, ", \t");
        start = p;
        while (*p && (depth || (*p != ',' && !isspace((unsigned char) *p)))) {
            depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
            p++;
        }
        if (*p) {
            *p++ = '\0';
        }
        if (*start) {
            if (!strcmp(start, "drop")) {
                drop = true;
            }
            error = parse_action(start, &c);
        }
    }
    free(copy);
    if (!error && drop && out->n != n_before) {
        error = xstrdup("drop: must be the only action");
    }
    return error;
}
