/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "odp-format.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "netlink.h"
#include "odp-actions.h"
#include "odp-key.h"
#include "packets.h"
#include "util.h"

/* Small helpers. */

static void
sep(struct ds *ds, bool *first)
{
    if (!*first) {
        ds_put_char(ds, ',');
    }
    *first = false;
}

static bool
all_bytes(const void *p_, size_t n, uint8_t b)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != b) {
            return false;
        }
    }
    return true;
}

/* Reads an integer of 'size' (1, 2, 4 or 8) bytes at 'p'. */
static uint64_t
get_uint(const void *p, size_t size, bool host_order)
{
    uint8_t b[8] = { 0 };
    uint64_t v = 0;

    memcpy(b, p, MIN(size, sizeof b));
    if (host_order) {
        switch (size) {
        case 1: return b[0];
        case 2: { uint16_t x; memcpy(&x, b, 2); return x; }
        case 4: { uint32_t x; memcpy(&x, b, 4); return x; }
        default: memcpy(&v, b, 8); return v;
        }
    }
    for (size_t i = 0; i < size && i < 8; i++) {
        v = (v << 8) | b[i];
    }
    return v;
}

static void
put_uint(void *p, size_t size, bool host_order, uint64_t v)
{
    uint8_t b[8];

    if (host_order) {
        switch (size) {
        case 1: b[0] = v; break;
        case 2: { uint16_t x = v; memcpy(b, &x, 2); break; }
        case 4: { uint32_t x = v; memcpy(b, &x, 4); break; }
        default: memcpy(b, &v, 8); break;
        }
    } else {
        for (size_t i = 0; i < size && i < 8; i++) {
            b[size - 1 - i] = v >> (8 * i);
        }
    }
    memcpy(p, b, MIN(size, sizeof b));
}

/* Appends 'n' bytes at 'p' as one hexadecimal number: "0x" and the digits
 * without leading zeros, or "0". */
static void
put_hex_number(struct ds *ds, const void *p_, size_t n)
{
    const uint8_t *p = p_;
    size_t i = 0;

    while (i < n && !p[i]) {
        i++;
    }
    if (i == n) {
        ds_put_char(ds, '0');
        return;
    }
    ds_put_format(ds, "0x%"PRIx8, p[i++]);
    for (; i < n; i++) {
        ds_put_format(ds, "%02"PRIx8, p[i]);
    }
}

static void
put_u128(struct ds *ds, const ovs_u128 *v)
{
    if (v->u64[1]) {
        ds_put_format(ds, "0x%"PRIx64"%016"PRIx64, v->u64[1], v->u64[0]);
    } else {
        ds_put_format(ds, "%#"PRIx64, v->u64[0]);
    }
}

static void
put_hex_bytes(struct ds *ds, const void *p_, size_t n, bool spaced)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        ds_put_format(ds, spaced && i ? " %02"PRIx8 : "%02"PRIx8, p[i]);
    }
}

/* Parses the 'n' characters at 's' as hexadecimal digits ("0x" optional)
 * into the 'size' bytes at 'dst', right-aligned.  Returns false if the
 * digits are not all hex or do not fit. */
static bool
parse_hex_number(const char *s, size_t n, void *dst_, size_t size)
{
    uint8_t *dst = dst_;
    size_t digits;

    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        n -= 2;
    }
    while (n > 1 && *s == '0') {
        s++;
        n--;
    }
    if (!n || n > 2 * size) {
        return false;
    }
    memset(dst, 0, size);
    digits = 0;
    for (size_t i = n; i-- > 0; digits++) {
        int c = (unsigned char) s[i];
        int v;

        if (!isxdigit(c)) {
            return false;
        }
        v = isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
        dst[size - 1 - digits / 2] |= digits % 2 ? v << 4 : v;
    }
    return true;
}

/* Parses pairs of hex digits into at most 'max' bytes of 'dst'; returns
 * the number of bytes or -1. */
static int
parse_hex_bytes(const char *s, size_t n, uint8_t *dst, size_t max)
{
    size_t len = 0;

    for (size_t i = 0; i < n; ) {
        unsigned int v;
        char two[3];

        if (s[i] == ' ') {
            i++;
            continue;
        }
        if (i + 1 >= n || len >= max || !isxdigit((unsigned char) s[i])
            || !isxdigit((unsigned char) s[i + 1])) {
            return -1;
        }
        two[0] = s[i];
        two[1] = s[i + 1];
        two[2] = '\0';
        v = strtoul(two, NULL, 16);
        dst[len++] = v;
        i += 2;
    }
    return len;
}

/* Parses a whole unsigned number (decimal, or hex with "0x"). */
static bool
parse_u64(const char *s, size_t n, uint64_t *v)
{
    char buf[32];
    char *end;

    if (!n || n >= sizeof buf || !isdigit((unsigned char) s[0])) {
        return false;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    *v = strtoull(buf, &end, 0);
    return !errno && *end == '\0';
}

static bool
parse_uint_max(const char *s, size_t n, uint64_t max, uint64_t *v)
{
    return parse_u64(s, n, v) && *v <= max;
}

/* Text cursors.
 *
 * The parsers work on pieces of the input given as pointer and length:
 * next_item() splits a list at the commas that are not inside brackets, and
 * split_call() splits "name(args)". */

struct piece {
    const char *s;
    size_t n;
};

static bool
next_item(struct piece *list, struct piece *item)
{
    int depth = 0;
    size_t i;

    while (list->n && (*list->s == ' ' || *list->s == ',')) {
        list->s++;
        list->n--;
    }
    if (!list->n) {
        return false;
    }
    for (i = 0; i < list->n; i++) {
        char c = list->s[i];

        if (c == '(' || c == '{' || c == '[') {
            depth++;
        } else if (c == ')' || c == '}' || c == ']') {
            depth--;
        } else if (c == ',' && !depth) {
            break;
        }
    }
    item->s = list->s;
    item->n = i;
    list->s += i;
    list->n -= i;
    return true;
}

/* Splits 'item', "name(args)" or "name", into 'name' and 'args' (empty for
 * the second form).  Returns false if the parentheses do not balance. */
static bool
split_call(const struct piece *item, struct piece *name, struct piece *args)
{
    const char *open = memchr(item->s, '(', item->n);

    name->s = item->s;
    if (!open) {
        name->n = item->n;
        args->s = item->s + item->n;
        args->n = 0;
        return true;
    }
    name->n = open - item->s;
    if (item->s[item->n - 1] != ')') {
        return false;
    }
    args->s = open + 1;
    args->n = item->s + item->n - 1 - args->s;
    return true;
}

static bool
piece_eq(const struct piece *p, const char *s)
{
    return strlen(s) == p->n && !memcmp(p->s, s, p->n);
}

/* Splits "a=b" at '='; 'value' is empty if there is none before the first
 * bracket (so that "geneve({class=1})" is not split). */
static void
split_eq(const struct piece *item, struct piece *key, struct piece *value)
{
    const char *eq = NULL;

    for (size_t i = 0; i < item->n; i++) {
        char c = item->s[i];

        if (c == '=') {
            eq = item->s + i;
            break;
        } else if (c == '(' || c == '{' || c == '[') {
            break;
        }
    }

    key->s = item->s;
    key->n = eq ? (size_t) (eq - item->s) : item->n;
    value->s = eq ? eq + 1 : item->s + item->n;
    value->n = eq ? item->n - key->n - 1 : 0;
}

/* Splits "v/m" at '/'. */
static bool
split_slash(const struct piece *p, struct piece *v, struct piece *m)
{
    const char *slash = memchr(p->s, '/', p->n);

    v->s = p->s;
    v->n = slash ? (size_t) (slash - p->s) : p->n;
    m->s = slash ? slash + 1 : p->s + p->n;
    m->n = slash ? p->n - v->n - 1 : 0;
    return slash != NULL;
}

static char *
piece_error(const char *what, const struct piece *p)
{
    return xasprintf("%s: \"%.*s\"", what, (int) MIN(p->n, 200), p->s);
}

/* Field values. */

static const char *const frag_names[] = { "no", "first", "later" };

static void
format_field_value(struct ds *ds, const struct odp_field *f, const void *p,
                   bool is_mask)
{
    uint64_t v;
    struct in6_addr a6;
    struct eth_addr ea;
    ovs_be32 ip;
    ovs_u128 u128;

    switch (f->fmt) {
    case ODP_FMT_DEC:
        v = get_uint(p, f->size, f->host_order);
        ds_put_format(ds, is_mask ? "%#"PRIx64 : "%"PRIu64, v);
        break;
    case ODP_FMT_HEX:
        v = get_uint(p, f->size, f->host_order);
        ds_put_format(ds, "%#"PRIx64, v);
        break;
    case ODP_FMT_ETH:
        memcpy(&ea, p, sizeof ea);
        ds_put_format(ds, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
        break;
    case ODP_FMT_IPV4:
        memcpy(&ip, p, sizeof ip);
        ds_put_format(ds, IP_FMT, IP_ARGS(ip));
        break;
    case ODP_FMT_IPV6:
        memcpy(&a6, p, sizeof a6);
        ds_put_ipv6(ds, &a6);
        break;
    case ODP_FMT_FRAG:
        v = *(const uint8_t *) p;
        if (is_mask) {
            ds_put_format(ds, "%#"PRIx64, v);
        } else if (v < ARRAY_SIZE(frag_names)) {
            ds_put_cstr(ds, frag_names[v]);
        } else {
            ds_put_format(ds, "<error: %"PRIu64">", v);
        }
        break;
    case ODP_FMT_U128:
        memcpy(&u128, p, sizeof u128);
        put_u128(ds, &u128);
        break;
    default:
        break;
    }
}

static bool
parse_field_value(const struct odp_field *f, const struct piece *p,
                  bool is_mask, void *dst)
{
    uint64_t v;
    char buf[64];

    switch (f->fmt) {
    case ODP_FMT_DEC:
    case ODP_FMT_HEX:
        if (!parse_uint_max(p->s, p->n, f->size >= 8 ? UINT64_MAX
                            : (UINT64_C(1) << (8 * f->size)) - 1, &v)) {
            return false;
        }
        put_uint(dst, f->size, f->host_order, v);
        return true;
    case ODP_FMT_FRAG:
        for (size_t i = 0; !is_mask && i < ARRAY_SIZE(frag_names); i++) {
            if (piece_eq(p, frag_names[i])) {
                *(uint8_t *) dst = i;
                return true;
            }
        }
        if (!parse_uint_max(p->s, p->n, UINT8_MAX, &v)) {
            return false;
        }
        *(uint8_t *) dst = v;
        return true;
    case ODP_FMT_U128:
        if (!parse_hex_number(p->s, p->n, buf, 16)) {
            return false;
        } else {
            ovs_u128 u;

            u.u64[1] = get_uint(buf, 8, false);
            u.u64[0] = get_uint(buf + 8, 8, false);
            memcpy(dst, &u, sizeof u);
            return true;
        }
    case ODP_FMT_ETH:
    case ODP_FMT_IPV4:
    case ODP_FMT_IPV6:
    default:
        if (p->n >= sizeof buf) {
            return false;
        }
        memcpy(buf, p->s, p->n);
        buf[p->n] = '\0';
        if (f->fmt == ODP_FMT_ETH) {
            return eth_addr_from_string(buf, dst);
        } else if (f->fmt == ODP_FMT_IPV4) {
            return ip_parse(buf, dst);
        }
        return ipv6_parse(buf, dst);
    }
}

/* Formatting a layout. */

enum fmt_mode {
    FM_KEY,             /* Flow key, terse: skip wildcarded fields. */
    FM_KEY_VERBOSE,     /* Flow key, every field. */
    FM_SET,             /* set(): every field, no masks. */
    FM_SET_MASKED,      /* set() of set_masked: skip unmasked fields. */
};

static bool
field_mask_exact(const struct odp_field *f, const uint8_t *m)
{
    return all_bytes(m, f->size, 0xff);
}

static void
format_layout(struct ds *ds, const struct odp_attr_layout *layout,
              const uint8_t *key, const uint8_t *mask, enum fmt_mode mode)
{
    bool first = true;

    ds_put_format(ds, "%s(", layout->name);
    for (size_t i = 0; i < layout->n_fields; i++) {
        const struct odp_field *f = &layout->fields[i];
        const uint8_t *m = mask + f->ofs;

        if ((mode == FM_KEY || mode == FM_SET_MASKED)
            && all_bytes(m, f->size, 0) && f->name) {
            continue;
        }
        sep(ds, &first);
        if (f->name) {
            ds_put_format(ds, "%s=", f->name);
        }
        format_field_value(ds, f, key + f->ofs, false);
        if (mode != FM_SET && !field_mask_exact(f, m)) {
            ds_put_char(ds, '/');
            format_field_value(ds, f, m, true);
        }
    }
    ds_put_char(ds, ')');
}

/* Parses the arguments of a layout's attribute into 'key' and 'mask'
 * (zeroed first).  A field without "/mask" is exact. */
static char *
parse_layout(const struct odp_attr_layout *layout, const struct piece *args,
             uint8_t *key, uint8_t *mask)
{
    struct piece list = *args;
    struct piece item;

    memset(key, 0, layout->size);
    memset(mask, 0, layout->size);
    while (next_item(&list, &item)) {
        const struct odp_field *f = NULL;
        struct piece name, value, v, m;

        if (layout->fields[0].name) {
            split_eq(&item, &name, &value);
            for (size_t i = 0; i < layout->n_fields; i++) {
                if (piece_eq(&name, layout->fields[i].name)) {
                    f = &layout->fields[i];
                }
            }
            if (!f) {
                return piece_error(layout->name, &name);
            }
        } else {
            f = &layout->fields[0];
            value = item;
        }
        if (split_slash(&value, &v, &m)) {
            if (!parse_field_value(f, &m, true, mask + f->ofs)) {
                return piece_error(layout->name, &item);
            }
        } else {
            memset(mask + f->ofs, 0xff, f->size);
        }
        if (!parse_field_value(f, &v, false, key + f->ofs)) {
            return piece_error(layout->name, &item);
        }
    }
    return NULL;
}

/* Flags. */

struct flag_name {
    uint32_t bit;
    const char *name;
};

static const struct flag_name ct_state_names[] = {
    { CS_NEW, "new" }, { CS_ESTABLISHED, "est" }, { CS_RELATED, "rel" },
    { CS_REPLY_DIR, "rpl" }, { CS_INVALID, "inv" }, { CS_TRACKED, "trk" },
    { CS_SRC_NAT, "snat" }, { CS_DST_NAT, "dnat" },
};

static const struct flag_name tcp_flag_names[] = {
    { TCP_FIN, "fin" }, { TCP_SYN, "syn" }, { TCP_RST, "rst" },
    { TCP_PSH, "psh" }, { TCP_ACK, "ack" }, { TCP_URG, "urg" },
    { TCP_ECE, "ece" }, { TCP_CWR, "cwr" }, { TCP_NS, "ns" },
    { 0x200, "0x200" }, { 0x400, "0x400" }, { 0x800, "0x800" },
};

/* In the order of Open vSwitch's text. */
static const struct flag_name tun_flag_names[] = {
    { FLOW_TNL_F_OAM, "oam" }, { FLOW_TNL_F_DONT_FRAGMENT, "df" },
    { FLOW_TNL_F_CSUM, "csum" }, { FLOW_TNL_F_KEY, "key" },
};

/* Appends 'flags' as "a|b" ("0" if none). */
static void
format_flags(struct ds *ds, const struct flag_name *names, size_t n,
             uint32_t flags)
{
    bool first = true;

    for (size_t i = 0; i < n; i++) {
        if (flags & names[i].bit) {
            if (!first) {
                ds_put_char(ds, '|');
            }
            first = false;
            ds_put_cstr(ds, names[i].name);
        }
    }
    if (first) {
        ds_put_char(ds, '0');
    }
}

/* Appends the bits of 'mask' as "+a-b". */
static void
format_flags_masked(struct ds *ds, const struct flag_name *names, size_t n,
                    uint32_t flags, uint32_t mask)
{
    for (size_t i = 0; i < n; i++) {
        if (mask & names[i].bit) {
            ds_put_format(ds, "%c%s", flags & names[i].bit ? '+' : '-',
                          names[i].name);
        }
    }
}

/* Parses "+a-b", "a|b" or a number (optionally "/mask") into 'flags' and
 * 'mask'; 'exact' is the mask for the "a|b" and number forms. */
static bool
parse_flags(const struct piece *p, const struct flag_name *names, size_t n,
            uint32_t exact, uint32_t *flags, uint32_t *mask)
{
    struct piece v, m;
    uint64_t num;
    size_t i = 0;

    *flags = *mask = 0;
    if (!p->n) {
        return true;
    }
    if (isdigit((unsigned char) p->s[0])) {
        uint64_t mnum = exact;

        if (split_slash(p, &v, &m) && !parse_uint_max(m.s, m.n, UINT32_MAX,
                                                      &mnum)) {
            return false;
        }
        if (!parse_uint_max(v.s, v.n, UINT32_MAX, &num)) {
            return false;
        }
        *flags = num & mnum;
        *mask = mnum;
        return true;
    }
    while (i < p->n) {
        bool plus = p->s[i] == '+';
        bool minus = p->s[i] == '-';
        size_t start, len;
        bool found = false;

        if (plus || minus || p->s[i] == '|') {
            i++;
        }
        start = i;
        while (i < p->n && p->s[i] != '+' && p->s[i] != '-'
               && p->s[i] != '|') {
            i++;
        }
        len = i - start;
        for (size_t j = 0; j < n; j++) {
            if (strlen(names[j].name) == len
                && !memcmp(names[j].name, p->s + start, len)) {
                *flags |= minus ? 0 : names[j].bit;
                *mask |= plus || minus ? names[j].bit : 0;
                found = true;
            }
        }
        if (!found) {
            return false;
        }
        if (!plus && !minus) {
            *mask = exact;
        }
    }
    return true;
}

/* Tunnels. */

static void
format_geneve(struct ds *ds, const struct flow_tnl *key,
              const struct flow_tnl *mask)
{
    const uint8_t *k = key->geneve_opts;
    const uint8_t *m = mask ? mask->geneve_opts : NULL;
    size_t len = MIN(key->geneve_len, FLOW_TNL_GENEVE_MAX);
    bool first = true;
    size_t i = 0;

    ds_put_cstr(ds, "geneve(");
    while (i + 4 <= len) {
        size_t dlen = (k[i + 3] & 0x1f) * 4;

        if (i + 4 + dlen > len) {
            break;
        }
        sep(ds, &first);
        ds_put_format(ds, "{class=%#"PRIx16, (uint16_t) (k[i] << 8
                                                        | k[i + 1]));
        if (m && (m[i] != 0xff || m[i + 1] != 0xff)) {
            ds_put_format(ds, "/%#"PRIx16, (uint16_t) (m[i] << 8
                                                       | m[i + 1]));
        }
        ds_put_format(ds, ",type=%#"PRIx8, k[i + 2]);
        if (m && m[i + 2] != 0xff) {
            ds_put_format(ds, "/%#"PRIx8, m[i + 2]);
        }
        ds_put_format(ds, ",len=%zu", dlen);
        if (m && (m[i + 3] & 0x1f) != 0x1f) {
            ds_put_format(ds, "/%#"PRIx8, m[i + 3]);
        }
        if (dlen) {
            ds_put_char(ds, ',');
            put_hex_number(ds, k + i + 4, dlen);
            if (m && !all_bytes(m + i + 4, dlen, 0xff)) {
                ds_put_char(ds, '/');
                put_hex_number(ds, m + i + 4, dlen);
            }
        }
        ds_put_char(ds, '}');
        i += 4 + dlen;
    }
    if (i < len) {
        sep(ds, &first);
        put_hex_bytes(ds, k + i, len - i, false);
    }
    ds_put_char(ds, ')');
}

enum tun_mode {
    TUN_MATCH,          /* Fields with a nonzero mask, values/masks. */
    TUN_SET,            /* Fields with nonzero values, flags as "a|b". */
    TUN_EXACT,          /* A key without a mask: as TUN_SET but flags as in
                         * a match. */
};

static void format_tunnel(struct ds *, const struct flow_tnl *key,
                          const struct flow_tnl *mask, enum tun_mode);

void
odp_tun_format(struct ds *ds, const struct flow_tnl *key,
               const struct flow_tnl *mask)
{
    format_tunnel(ds, key, mask, mask ? TUN_MATCH : TUN_SET);
}

static void
format_tunnel(struct ds *ds, const struct flow_tnl *key,
              const struct flow_tnl *mask_, enum tun_mode mode)
{
    static const struct flow_tnl exact_flags = { .flags = FLOW_TNL_F_MASK };
    const struct flow_tnl *mask = mode == TUN_MATCH ? mask_ : NULL;
    bool set = mode != TUN_MATCH;
    bool first = true;

#define TUN_SHOW(FIELD, NONZERO) (set ? (NONZERO) : (mask->FIELD != 0))
    if (set ? (key->flags & FLOW_TNL_F_KEY || key->tun_id)
        : mask->tun_id != 0) {
        sep(ds, &first);
        ds_put_format(ds, "tun_id=%#"PRIx64, ntohll(key->tun_id));
        if (!set && mask->tun_id != OVS_BE64_MAX) {
            ds_put_format(ds, "/%#"PRIx64, ntohll(mask->tun_id));
        }
    }
    if (TUN_SHOW(ip_src, key->ip_src != 0)) {
        sep(ds, &first);
        ds_put_format(ds, "src="IP_FMT, IP_ARGS(key->ip_src));
        if (!set && mask->ip_src != OVS_BE32_MAX) {
            ds_put_format(ds, "/"IP_FMT, IP_ARGS(mask->ip_src));
        }
    }
    if (TUN_SHOW(ip_dst, key->ip_dst != 0)) {
        sep(ds, &first);
        ds_put_format(ds, "dst="IP_FMT, IP_ARGS(key->ip_dst));
        if (!set && mask->ip_dst != OVS_BE32_MAX) {
            ds_put_format(ds, "/"IP_FMT, IP_ARGS(mask->ip_dst));
        }
    }
    if (set ? !ipv6_is_zero(&key->ipv6_src) : !ipv6_is_zero(&mask->ipv6_src)) {
        sep(ds, &first);
        ds_put_cstr(ds, "ipv6_src=");
        ds_put_ipv6(ds, &key->ipv6_src);
        if (!set && !ipv6_is_all_ones(&mask->ipv6_src)) {
            ds_put_char(ds, '/');
            ds_put_ipv6(ds, &mask->ipv6_src);
        }
    }
    if (set ? !ipv6_is_zero(&key->ipv6_dst) : !ipv6_is_zero(&mask->ipv6_dst)) {
        sep(ds, &first);
        ds_put_cstr(ds, "ipv6_dst=");
        ds_put_ipv6(ds, &key->ipv6_dst);
        if (!set && !ipv6_is_all_ones(&mask->ipv6_dst)) {
            ds_put_char(ds, '/');
            ds_put_ipv6(ds, &mask->ipv6_dst);
        }
    }
    if (TUN_SHOW(ip_tos, key->ip_tos != 0)) {
        sep(ds, &first);
        ds_put_format(ds, "tos=%#"PRIx8, key->ip_tos);
        if (!set && mask->ip_tos != UINT8_MAX) {
            ds_put_format(ds, "/%#"PRIx8, mask->ip_tos);
        }
    }
    if (TUN_SHOW(ip_ttl, true)) {
        sep(ds, &first);
        ds_put_format(ds, "ttl=%"PRIu8, key->ip_ttl);
        if (!set && mask->ip_ttl != UINT8_MAX) {
            ds_put_format(ds, "/%#"PRIx8, mask->ip_ttl);
        }
    }
    if (TUN_SHOW(tp_src, key->tp_src != 0)) {
        sep(ds, &first);
        ds_put_format(ds, "tp_src=%"PRIu16, ntohs(key->tp_src));
        if (!set && mask->tp_src != OVS_BE16_MAX) {
            ds_put_format(ds, "/%#"PRIx16, ntohs(mask->tp_src));
        }
    }
    if (TUN_SHOW(tp_dst, key->tp_dst != 0)) {
        sep(ds, &first);
        ds_put_format(ds, "tp_dst=%"PRIu16, ntohs(key->tp_dst));
        if (!set && mask->tp_dst != OVS_BE16_MAX) {
            ds_put_format(ds, "/%#"PRIx16, ntohs(mask->tp_dst));
        }
    }
    if (set ? key->gbp_id || key->gbp_flags
        : mask->gbp_id || mask->gbp_flags) {
        sep(ds, &first);
        ds_put_format(ds, "vxlan(gbp(id=%"PRIu16",flags=%#"PRIx8"))",
                      ntohs(key->gbp_id), key->gbp_flags);
    }
    if (set ? key->geneve_len != 0 : mask->geneve_len != 0) {
        sep(ds, &first);
        format_geneve(ds, key, mask);
    }
    if (mode == TUN_EXACT) {
        mask = &exact_flags;
    }
    if (set || mask->flags) {
        sep(ds, &first);
        ds_put_cstr(ds, "flags(");
        if (mode == TUN_SET) {
            format_flags(ds, tun_flag_names, ARRAY_SIZE(tun_flag_names),
                         key->flags);
        } else {
            format_flags_masked(ds, tun_flag_names,
                                ARRAY_SIZE(tun_flag_names), key->flags,
                                mask->flags);
        }
        ds_put_char(ds, ')');
    }
#undef TUN_SHOW
}

/* Parses one "{class=..,type=..,len=..,DATA}" Geneve option into the option
 * bytes at 'k' and 'm', which have room for 'room' bytes; returns the
 * option's length or 0 on error. */
static size_t
parse_geneve_opt(const struct piece *opt, uint8_t *k, uint8_t *m,
                 size_t room)
{
    struct piece list = { opt->s + 1, opt->n - 2 };
    struct piece item, name, value, v, mk;
    uint64_t cls = 0, cls_m = 0xffff, type = 0, type_m = 0xff;
    uint64_t len = 0, len_m = 0xff;
    bool has_data = false;
    struct piece data = { NULL, 0 }, data_m = { NULL, 0 };

    if (opt->n < 2 || opt->s[0] != '{' || opt->s[opt->n - 1] != '}') {
        return 0;
    }
    while (next_item(&list, &item)) {
        uint64_t *pv = NULL, *pm = NULL;
        uint64_t max = 0;

        split_eq(&item, &name, &value);
        if (piece_eq(&name, "class")) {
            pv = &cls, pm = &cls_m, max = 0xffff;
        } else if (piece_eq(&name, "type")) {
            pv = &type, pm = &type_m, max = 0xff;
        } else if (piece_eq(&name, "len")) {
            pv = &len, pm = &len_m, max = 124;
        } else if (!value.n) {
            has_data = true;
            split_slash(&item, &data, &data_m);
            continue;
        } else {
            return 0;
        }
        if (split_slash(&value, &v, &mk)
            && !parse_uint_max(mk.s, mk.n, max > 0xff ? max : 0xff, pm)) {
            return 0;
        }
        if (!parse_uint_max(v.s, v.n, max, pv)) {
            return 0;
        }
    }
    if (len % 4 || 4 + len > room || (has_data && !len)) {
        return 0;
    }
    k[0] = cls >> 8, k[1] = cls, k[2] = type, k[3] = len / 4;
    m[0] = cls_m >> 8, m[1] = cls_m, m[2] = type_m, m[3] = len_m;
    memset(k + 4, 0, len);
    memset(m + 4, 0xff, len);
    if (has_data && !parse_hex_number(data.s, data.n, k + 4, len)) {
        return 0;
    }
    if (data_m.n && !parse_hex_number(data_m.s, data_m.n, m + 4, len)) {
        return 0;
    }
    for (size_t i = 0; i < 4 + len; i++) {
        k[i] &= m[i];
    }
    return 4 + len;
}

/* Parses the arguments of "tunnel(...)" into 'key' and, unless it is NULL
 * (inside set()), 'mask'. */
static char *
parse_tunnel(const struct piece *args, struct flow_tnl *key,
             struct flow_tnl *mask)
{
    struct piece list = *args;
    struct piece item;
    struct flow_tnl dummy;

    memset(key, 0, sizeof *key);
    if (!mask) {
        mask = &dummy;
    }
    memset(mask, 0, sizeof *mask);
    while (next_item(&list, &item)) {
        struct piece name, value, v, m, call, cargs;
        char buf[IPV6_SCAN_LEN + 1];
        bool has_mask;
        uint64_t n;

        split_eq(&item, &name, &value);
        if (!value.n && split_call(&item, &call, &cargs)) {
            if (piece_eq(&call, "flags")) {
                uint32_t f, fm;

                if (!parse_flags(&cargs, tun_flag_names,
                                 ARRAY_SIZE(tun_flag_names), FLOW_TNL_F_MASK,
                                 &f, &fm)) {
                    return piece_error("tunnel flags", &cargs);
                }
                key->flags = f;
                mask->flags = fm;
                continue;
            } else if (piece_eq(&call, "geneve")) {
                struct piece olist = cargs, opt;
                size_t len = 0;

                while (next_item(&olist, &opt)) {
                    size_t olen = parse_geneve_opt(
                        &opt, key->geneve_opts + len,
                        mask->geneve_opts + len, FLOW_TNL_GENEVE_MAX - len);

                    if (!olen) {
                        return piece_error("geneve option", &opt);
                    }
                    len += olen;
                }
                key->geneve_len = len;
                mask->geneve_len = len;     /* As on the wire. */
                continue;
            } else if (piece_eq(&call, "vxlan")) {
                unsigned int id, fl;
                char tmp[64];

                if (cargs.n >= sizeof tmp) {
                    return piece_error("vxlan", &cargs);
                }
                memcpy(tmp, cargs.s, cargs.n);
                tmp[cargs.n] = '\0';
                if (sscanf(tmp, "gbp(id=%u,flags=%i)", &id, &fl) != 2
                    || id > 0xffff || fl > 0xff) {
                    return piece_error("vxlan", &cargs);
                }
                key->gbp_id = htons(id);
                key->gbp_flags = fl;
                mask->gbp_id = OVS_BE16_MAX;
                mask->gbp_flags = UINT8_MAX;
                continue;
            }
        }
        has_mask = split_slash(&value, &v, &m);
        if (v.n >= sizeof buf || m.n >= sizeof buf) {
            return piece_error("tunnel", &item);
        }
        if (piece_eq(&name, "tun_id")) {
            if (!parse_u64(v.s, v.n, &n)) {
                return piece_error("tunnel", &item);
            }
            key->tun_id = htonll(n);
            if (has_mask && !parse_u64(m.s, m.n, &n)) {
                return piece_error("tunnel", &item);
            }
            mask->tun_id = has_mask ? htonll(n) : OVS_BE64_MAX;
        } else if (piece_eq(&name, "src") || piece_eq(&name, "dst")) {
            ovs_be32 *kp = piece_eq(&name, "src") ? &key->ip_src
                                                   : &key->ip_dst;
            ovs_be32 *mp = piece_eq(&name, "src") ? &mask->ip_src
                                                   : &mask->ip_dst;

            memcpy(buf, v.s, v.n);
            buf[v.n] = '\0';
            if (!ip_parse(buf, kp)) {
                return piece_error("tunnel", &item);
            }
            *mp = OVS_BE32_MAX;
            if (has_mask) {
                memcpy(buf, m.s, m.n);
                buf[m.n] = '\0';
                if (!ip_parse(buf, mp)) {
                    return piece_error("tunnel", &item);
                }
            }
        } else if (piece_eq(&name, "ipv6_src")
                   || piece_eq(&name, "ipv6_dst")) {
            bool src = piece_eq(&name, "ipv6_src");
            struct in6_addr *kp = src ? &key->ipv6_src : &key->ipv6_dst;
            struct in6_addr *mp = src ? &mask->ipv6_src : &mask->ipv6_dst;

            memcpy(buf, v.s, v.n);
            buf[v.n] = '\0';
            if (!ipv6_parse(buf, kp)) {
                return piece_error("tunnel", &item);
            }
            memset(mp, 0xff, sizeof *mp);
            if (has_mask) {
                memcpy(buf, m.s, m.n);
                buf[m.n] = '\0';
                if (!ipv6_parse(buf, mp)) {
                    return piece_error("tunnel", &item);
                }
            }
        } else if (piece_eq(&name, "tos") || piece_eq(&name, "ttl")) {
            bool tos = piece_eq(&name, "tos");
            uint64_t mv = UINT8_MAX;

            if (!parse_uint_max(v.s, v.n, UINT8_MAX, &n)
                || (has_mask && !parse_uint_max(m.s, m.n, UINT8_MAX, &mv))) {
                return piece_error("tunnel", &item);
            }
            *(tos ? &key->ip_tos : &key->ip_ttl) = n;
            *(tos ? &mask->ip_tos : &mask->ip_ttl) = mv;
        } else if (piece_eq(&name, "tp_src") || piece_eq(&name, "tp_dst")) {
            bool src = piece_eq(&name, "tp_src");
            uint64_t mv = UINT16_MAX;

            if (!parse_uint_max(v.s, v.n, UINT16_MAX, &n)
                || (has_mask && !parse_uint_max(m.s, m.n, UINT16_MAX,
                                                &mv))) {
                return piece_error("tunnel", &item);
            }
            *(src ? &key->tp_src : &key->tp_dst) = htons(n);
            *(src ? &mask->tp_src : &mask->tp_dst) = htons(mv);
        } else {
            return piece_error("unknown tunnel field", &item);
        }
    }
    if (key->tun_id || mask->tun_id) {
        if (mask == &dummy) {
            key->flags |= FLOW_TNL_F_KEY;
        }
    }
    return NULL;
}

/* Keys: formatting. */

/* Indexes the mask attributes of one level by type (loosely: the last of a
 * repeated type wins, unknown types are ignored). */
static void
index_attrs(const void *data, size_t len,
            const struct nlattr *index[OVS_KEY_ATTR_MAX + 1])
{
    const struct nlattr *nla;
    size_t left;

    memset(index, 0, (OVS_KEY_ATTR_MAX + 1) * sizeof *index);
    NL_ATTR_FOR_EACH (nla, left, data, len) {
        if (nl_attr_type(nla) <= OVS_KEY_ATTR_MAX) {
            index[nl_attr_type(nla)] = nla;
        }
    }
}

/* Copies the mask payload for a key attribute of 'size' bytes: the mask
 * attribute's, zeros if the mask lacks it, all-ones without a mask. */
static void
mask_payload(const struct nlattr *ma, bool has_mask, size_t size,
             uint8_t *out)
{
    if (!has_mask) {
        memset(out, 0xff, size);
    } else {
        memset(out, 0, size);
        if (ma && nl_attr_get_size(ma) == size) {
            memcpy(out, nl_attr_get(ma), size);
        }
    }
}

static void
format_unknown(struct ds *ds, const struct nlattr *ka,
               const struct nlattr *ma)
{
    ds_put_format(ds, "key%u(", nl_attr_type(ka));
    put_hex_bytes(ds, nl_attr_get(ka), nl_attr_get_size(ka), true);
    if (ma) {
        ds_put_char(ds, '/');
        put_hex_bytes(ds, nl_attr_get(ma), nl_attr_get_size(ma), true);
    }
    ds_put_char(ds, ')');
}

static void
format_vlan(struct ds *ds, ovs_be16 tci_, ovs_be16 mask_, bool verbose)
{
    uint16_t tci = ntohs(tci_), mask = ntohs(mask_);
    uint16_t vid_m = mask & VLAN_VID_MASK;
    uint16_t pcp_m = (mask & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
    bool first = true;

    ds_put_cstr(ds, "vlan(");
    if (verbose || vid_m) {
        sep(ds, &first);
        ds_put_format(ds, "vid=%"PRIu16, tci & VLAN_VID_MASK);
        if (vid_m != VLAN_VID_MASK) {
            ds_put_format(ds, "/%#"PRIx16, vid_m);
        }
    }
    if (verbose || pcp_m) {
        sep(ds, &first);
        ds_put_format(ds, "pcp=%d", (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT);
        if (pcp_m != 7) {
            ds_put_format(ds, "/%#"PRIx16, pcp_m);
        }
    }
    if (!(tci & VLAN_CFI) || !(mask & VLAN_CFI)) {
        sep(ds, &first);
        ds_put_format(ds, "cfi=%d", !!(tci & VLAN_CFI));
        if (!(mask & VLAN_CFI)) {
            ds_put_cstr(ds, "/0");
        }
    }
    ds_put_char(ds, ')');
}

static void format_key_level(struct ds *, const void *key, size_t key_len,
                             const void *mask, size_t mask_len,
                             bool has_mask, bool verbose, int depth,
                             bool *first);

static void
format_ethertype(struct ds *ds, ovs_be16 key, ovs_be16 mask)
{
    ds_put_cstr(ds, "eth_type(");
    if (key) {
        ds_put_format(ds, "0x%04"PRIx16, ntohs(key));
    } else {
        ds_put_char(ds, '0');
    }
    if (mask != OVS_BE16_MAX) {
        ds_put_format(ds, "/0x%04"PRIx16, ntohs(mask));
    }
    ds_put_char(ds, ')');
}

static void
format_flags_attr(struct ds *ds, const char *name,
                  const struct flag_name *names, size_t n,
                  uint32_t key, uint32_t mask, uint32_t exact)
{
    ds_put_format(ds, "%s(", name);
    if (!mask) {
        ds_put_cstr(ds, "0/0");
    } else if ((mask & exact) == exact) {
        format_flags(ds, names, n, key);
    } else {
        format_flags_masked(ds, names, n, key, mask);
    }
    ds_put_char(ds, ')');
}

/* Formats attribute 'ka' (with mask 'ma'); returns false if it is
 * wildcarded and was left out. */
static void
format_key_attr(struct ds *ds, const struct nlattr *ka,
                const struct nlattr *ma, bool has_mask, bool verbose,
                int depth, bool *first)
{
    uint16_t type = nl_attr_type(ka);
    const struct odp_attr_layout *layout = odp_key_layout(type);
    uint8_t mask[ODP_KEY_MAX_SIZE];
    const uint8_t *key = nl_attr_get(ka);
    size_t size = nl_attr_get_size(ka);

    if (type == OVS_KEY_ATTR_ENCAP) {
        sep(ds, first);
        ds_put_cstr(ds, "encap(");
        bool inner_first = true;
        format_key_level(ds, key, size, ma ? nl_attr_get(ma) : NULL,
                         ma ? nl_attr_get_size(ma) : 0, has_mask, verbose,
                         depth + 1, &inner_first);
        ds_put_char(ds, ')');
        return;
    }
    if (type == OVS_KEY_ATTR_TUNNEL) {
        struct flow_tnl tk, tm;

        if (odp_tun_key_parse(ka, &tk, NULL)
            || (ma && odp_tun_key_parse(ma, &tm, NULL))) {
            sep(ds, first);
            format_unknown(ds, ka, ma);
            return;
        }
        if (!ma) {
            memset(&tm, 0, sizeof tm);
        }
        if (has_mask && !verbose && all_bytes(&tm, sizeof tm, 0)) {
            return;
        }
        sep(ds, first);
        ds_put_cstr(ds, "tunnel(");
        format_tunnel(ds, &tk, &tm, has_mask ? TUN_MATCH : TUN_EXACT);
        ds_put_char(ds, ')');
        return;
    }
    if (!layout || size != layout->size || type == OVS_KEY_ATTR_IPV6_EXTHDRS
        || (ma && nl_attr_get_size(ma) != size)) {
        sep(ds, first);
        format_unknown(ds, ka, ma);
        return;
    }
    mask_payload(ma, has_mask, size, mask);
    if (!verbose && all_bytes(mask, size, 0)
        && type != OVS_KEY_ATTR_ETHERNET) {
        return;
    }
    sep(ds, first);
    switch (type) {
    case OVS_KEY_ATTR_VLAN:
        format_vlan(ds, get_uint(key, 2, true), get_uint(mask, 2, true),
                    verbose);
        break;
    case OVS_KEY_ATTR_ETHERTYPE:
        format_ethertype(ds, get_uint(key, 2, true),
                         get_uint(mask, 2, true));
        break;
    case OVS_KEY_ATTR_CT_STATE:
        if (verbose) {
            format_layout(ds, layout, key, mask, FM_KEY_VERBOSE);
        } else {
            format_flags_attr(ds, "ct_state", ct_state_names,
                              ARRAY_SIZE(ct_state_names),
                              get_uint(key, 4, true),
                              get_uint(mask, 4, true), UINT32_MAX);
        }
        break;
    case OVS_KEY_ATTR_TCP_FLAGS:
        format_flags_attr(ds, "tcp_flags", tcp_flag_names,
                          ARRAY_SIZE(tcp_flag_names), get_uint(key, 2, false),
                          get_uint(mask, 2, false), TCP_FLAGS_MASK);
        break;
    default:
        format_layout(ds, layout, key, mask,
                      verbose ? FM_KEY_VERBOSE : FM_KEY);
        break;
    }
}

static void
format_key_level(struct ds *ds, const void *key, size_t key_len,
                 const void *mask, size_t mask_len, bool has_mask,
                 bool verbose, int depth, bool *first)
{
    const struct nlattr *index[OVS_KEY_ATTR_MAX + 1];
    const struct nlattr *kindex[OVS_KEY_ATTR_MAX + 1];
    const struct nlattr *ka;
    size_t left;

    index_attrs(mask, has_mask ? mask_len : 0, index);
    index_attrs(key, key_len, kindex);
    if (depth > ODP_KEY_MAX_DEPTH) {
        ds_put_cstr(ds, "<nested too deep>");
        return;
    }
    if (depth && has_mask && !kindex[OVS_KEY_ATTR_ETHERTYPE]
        && index[OVS_KEY_ATTR_ETHERTYPE]
        && nl_attr_get_size(index[OVS_KEY_ATTR_ETHERTYPE]) == 2) {
        /* An 802.3 frame inside VLAN tags. */
        sep(ds, first);
        format_ethertype(ds, 0,
                         nl_attr_get_be16(index[OVS_KEY_ATTR_ETHERTYPE]));
    }
    NL_ATTR_FOR_EACH (ka, left, key, key_len) {
        uint16_t type = nl_attr_type(ka);
        const struct nlattr *ma = (has_mask && type <= OVS_KEY_ATTR_MAX
                                   ? index[type] : NULL);

        format_key_attr(ds, ka, ma, has_mask, verbose, depth, first);
        if (type == OVS_KEY_ATTR_ETHERNET && has_mask
            && !kindex[OVS_KEY_ATTR_ETHERTYPE]) {
            /* The Ethertype that the key leaves out (802.3 frame, or
             * wildcarded), shown from the mask as Open vSwitch does. */
            const struct nlattr *me = index[OVS_KEY_ATTR_ETHERTYPE];

            sep(ds, first);
            format_ethertype(ds, 0, me && nl_attr_get_size(me) == 2
                             ? nl_attr_get_be16(me) : 0);
        }
    }
    if (left) {
        sep(ds, first);
        ds_put_format(ds, "<%zu bytes of malformed key>", left);
    }
}

void
odp_key_format(struct ds *ds, const void *key, size_t key_len,
               const void *mask, size_t mask_len, bool verbose)
{
    bool first = true;

    format_key_level(ds, key, key_len, mask, mask_len, mask != NULL,
                     verbose, 0, &first);
}

void
odp_match_format(struct ds *ds, const struct match *match, bool verbose)
{
    struct nl_buf key, mask;

    nl_buf_init(&key, 256);
    nl_buf_init(&mask, 256);
    odp_key_from_match__(match, &key, &mask, verbose);
    odp_key_format(ds, key.data, key.used, mask.data, mask.used, verbose);
    nl_buf_uninit(&key);
    nl_buf_uninit(&mask);
}

/* Keys: parsing. */

static char *parse_key_list(const struct piece *, struct nl_buf *key,
                            struct nl_buf *mask, int depth);

static char *
parse_key_item(const struct piece *item, struct nl_buf *kbuf,
               struct nl_buf *mbuf, int depth)
{
    const struct odp_attr_layout *layout;
    struct piece name, args;
    uint8_t key[ODP_KEY_MAX_SIZE], mask[ODP_KEY_MAX_SIZE];
    char *error;

    if (!split_call(item, &name, &args) || args.s == item->s + item->n) {
        return piece_error("syntax error", item);
    }
    if (piece_eq(&name, "encap")) {
        size_t k = nl_nest_begin(kbuf, OVS_KEY_ATTR_ENCAP);
        size_t m = nl_nest_begin(mbuf, OVS_KEY_ATTR_ENCAP);

        if (depth >= ODP_KEY_MAX_DEPTH) {
            return xstrdup("encap() nested too deep");
        }
        error = parse_key_list(&args, kbuf, mbuf, depth + 1);
        nl_nest_end(kbuf, k);
        nl_nest_end(mbuf, m);
        return error;
    }
    if (piece_eq(&name, "tunnel")) {
        struct flow_tnl tk, tm;

        error = parse_tunnel(&args, &tk, &tm);
        if (!error) {
            odp_tun_key_put(kbuf, OVS_KEY_ATTR_TUNNEL, &tk, true);
            odp_tun_key_put(mbuf, OVS_KEY_ATTR_TUNNEL, &tm, false);
        }
        return error;
    }
    if (piece_eq(&name, "vlan")) {
        struct piece list = args, it, n, v, vv, vm;
        uint16_t tci = VLAN_CFI, tmask = VLAN_CFI;

        while (next_item(&list, &it)) {
            uint64_t x, xm;
            uint16_t shift, bits;

            split_eq(&it, &n, &v);
            if (piece_eq(&n, "vid")) {
                shift = 0, bits = VLAN_VID_MASK;
            } else if (piece_eq(&n, "pcp")) {
                shift = VLAN_PCP_SHIFT, bits = 7;
            } else if (piece_eq(&n, "cfi")) {
                shift = 12, bits = 1;
            } else {
                return piece_error("vlan", &it);
            }
            xm = bits;
            if (split_slash(&v, &vv, &vm)
                && !parse_uint_max(vm.s, vm.n, bits, &xm)) {
                return piece_error("vlan", &it);
            }
            if (!parse_uint_max(vv.s, vv.n, bits, &x)) {
                return piece_error("vlan", &it);
            }
            tci = (tci & ~(bits << shift)) | (x << shift);
            tmask = (tmask & ~(bits << shift)) | (xm << shift);
        }
        nl_put_be16(kbuf, OVS_KEY_ATTR_VLAN, htons(tci));
        nl_put_be16(mbuf, OVS_KEY_ATTR_VLAN, htons(tmask));
        return NULL;
    }
    if (piece_eq(&name, "ct_state") || piece_eq(&name, "tcp_flags")) {
        bool ct = piece_eq(&name, "ct_state");
        uint32_t f, fm;

        if (!parse_flags(&args, ct ? ct_state_names : tcp_flag_names,
                         ct ? ARRAY_SIZE(ct_state_names)
                         : ARRAY_SIZE(tcp_flag_names),
                         ct ? 0xff : TCP_FLAGS_MASK, &f, &fm)) {
            return piece_error(ct ? "ct_state" : "tcp_flags", &args);
        }
        if (ct) {
            nl_put_u32(kbuf, OVS_KEY_ATTR_CT_STATE, f);
            nl_put_u32(mbuf, OVS_KEY_ATTR_CT_STATE, fm);
        } else {
            nl_put_be16(kbuf, OVS_KEY_ATTR_TCP_FLAGS, htons(f));
            nl_put_be16(mbuf, OVS_KEY_ATTR_TCP_FLAGS, htons(fm));
        }
        return NULL;
    }
    layout = odp_key_layout_by_name(name.s, name.n);
    if (!layout || layout->type == OVS_KEY_ATTR_IPV6_EXTHDRS) {
        return piece_error("unknown key attribute", &name);
    }
    error = parse_layout(layout, &args, key, mask);
    if (error) {
        return error;
    }
    if (layout->type == OVS_KEY_ATTR_ETHERTYPE) {
        ovs_be16 k, m;

        memcpy(&k, key, 2);
        memcpy(&m, mask, 2);
        if (!m) {
            /* Wildcarded: no attribute at all. */
            return NULL;
        }
        if (!k) {
            /* An 802.3 frame: no key attribute, exact in the mask. */
            nl_put_be16(mbuf, OVS_KEY_ATTR_ETHERTYPE, OVS_BE16_MAX);
            return NULL;
        }
    }
    odp_attr_put_pair(kbuf, mbuf, layout->type, key, mask, layout->size);
    return NULL;
}

static char *
parse_key_list(const struct piece *args, struct nl_buf *kbuf,
               struct nl_buf *mbuf, int depth)
{
    struct piece list = *args;
    struct piece item;

    while (next_item(&list, &item)) {
        char *error = parse_key_item(&item, kbuf, mbuf, depth);

        if (error) {
            return error;
        }
    }
    return NULL;
}

char *
odp_key_parse(const char *s, struct nl_buf *key, struct nl_buf *mask)
{
    struct piece all = { s, strlen(s) };
    char *error = parse_key_list(&all, key, mask, 0);

    if (!error && (nl_buf_error(key) || nl_buf_error(mask))) {
        error = xstrdup("flow key too long");
    }
    return error;
}

char *
odp_match_parse(const char *s, struct match *match)
{
    struct nl_buf key, mask;
    char *error;

    nl_buf_init(&key, 256);
    nl_buf_init(&mask, 256);
    error = odp_key_parse(s, &key, &mask);
    if (!error) {
        char *msg = NULL;
        int retval = odp_key_to_match(key.data, key.used, mask.data,
                                      mask.used, match, &msg);

        if (retval) {
            error = msg ? msg : xstrdup(ovs_strerror(retval));
        }
    } else {
        match_init_catchall(match);
    }
    nl_buf_uninit(&key);
    nl_buf_uninit(&mask);
    return error;
}

/* Actions: formatting. */

static void format_action_list(struct ds *, const void *, size_t, int depth);

static void
format_set(struct ds *ds, const struct odp_action_set *set)
{
    const struct odp_attr_layout *layout = odp_key_layout(set->key_type);

    ds_put_cstr(ds, "set(");
    if (set->key_type == OVS_KEY_ATTR_TUNNEL) {
        ds_put_cstr(ds, "tunnel(");
        odp_tun_format(ds, &set->tunnel, NULL);
        ds_put_char(ds, ')');
    } else if (layout) {
        format_layout(ds, layout, set->key, set->mask,
                      set->masked ? FM_SET_MASKED : FM_SET);
    }
    ds_put_char(ds, ')');
}

static void
format_nat_addr(struct ds *ds, const struct odp_action_nat *nat,
                const struct in6_addr *a)
{
    if (nat->ipv6) {
        ds_put_char(ds, '[');
        ds_put_ipv6(ds, a);
        ds_put_char(ds, ']');
    } else {
        ovs_be32 ip;

        memcpy(&ip, a, 4);
        ds_put_format(ds, IP_FMT, IP_ARGS(ip));
    }
}

static void
format_nat(struct ds *ds, const struct odp_action_nat *nat)
{
    bool first = true;

    ds_put_cstr(ds, "nat");
    if (!nat->src && !nat->dst && !nat->persistent && !nat->proto_hash
        && !nat->proto_random) {
        return;
    }
    ds_put_char(ds, '(');
    if (nat->src || nat->dst) {
        sep(ds, &first);
        ds_put_cstr(ds, nat->src ? "src" : "dst");
        if (nat->has_ip_min) {
            ds_put_char(ds, '=');
            format_nat_addr(ds, nat, &nat->ip_min);
            if (nat->has_ip_max && memcmp(&nat->ip_min, &nat->ip_max,
                                          nat->ipv6 ? 16 : 4)) {
                ds_put_char(ds, '-');
                format_nat_addr(ds, nat, &nat->ip_max);
            }
            if (nat->has_proto_min) {
                ds_put_format(ds, ":%"PRIu16, nat->proto_min);
                if (nat->has_proto_max
                    && nat->proto_max != nat->proto_min) {
                    ds_put_format(ds, "-%"PRIu16, nat->proto_max);
                }
            }
        }
    }
    if (nat->persistent) {
        sep(ds, &first);
        ds_put_cstr(ds, "persistent");
    }
    if (nat->proto_hash) {
        sep(ds, &first);
        ds_put_cstr(ds, "hash");
    }
    if (nat->proto_random) {
        sep(ds, &first);
        ds_put_cstr(ds, "random");
    }
    ds_put_char(ds, ')');
}

static void
format_ct(struct ds *ds, const struct odp_action_ct *ct)
{
    bool first = true;

    ds_put_cstr(ds, "ct");
    if (!ct->commit && !ct->force_commit && !ct->has_zone && !ct->has_mark
        && !ct->has_labels && !ct->helper[0] && !ct->timeout[0]
        && !ct->has_eventmask && !ct->has_nat) {
        return;
    }
    ds_put_char(ds, '(');
    if (ct->commit) {
        sep(ds, &first);
        ds_put_cstr(ds, "commit");
    }
    if (ct->force_commit) {
        sep(ds, &first);
        ds_put_cstr(ds, "force_commit");
    }
    if (ct->has_zone) {
        sep(ds, &first);
        ds_put_format(ds, "zone=%"PRIu16, ct->zone);
    }
    if (ct->has_mark) {
        sep(ds, &first);
        ds_put_format(ds, "mark=%#"PRIx32, ct->mark);
        if (ct->mark_mask != UINT32_MAX) {
            ds_put_format(ds, "/%#"PRIx32, ct->mark_mask);
        }
    }
    if (ct->has_labels) {
        sep(ds, &first);
        ds_put_cstr(ds, "label=");
        put_u128(ds, &ct->labels);
        if (!ovs_u128_equals(ct->labels_mask, OVS_U128_MAX)) {
            ds_put_char(ds, '/');
            put_u128(ds, &ct->labels_mask);
        }
    }
    if (ct->helper[0]) {
        sep(ds, &first);
        ds_put_format(ds, "helper=%s", ct->helper);
    }
    if (ct->timeout[0]) {
        sep(ds, &first);
        ds_put_format(ds, "timeout=%s", ct->timeout);
    }
    if (ct->has_eventmask) {
        sep(ds, &first);
        ds_put_format(ds, "eventmask=%#"PRIx32, ct->eventmask);
    }
    if (ct->has_nat) {
        sep(ds, &first);
        format_nat(ds, &ct->nat);
    }
    ds_put_char(ds, ')');
}

static void
format_action(struct ds *ds, const struct odp_action *a, int depth)
{
    switch (a->type) {
    case OVS_ACTION_ATTR_OUTPUT:
        ds_put_format(ds, "%"PRIu32, a->u.output);
        break;
    case OVS_ACTION_ATTR_USERSPACE:
        ds_put_format(ds, "userspace(pid=%"PRIu32, a->u.userspace.pid);
        if (a->u.userspace.userdata) {
            ds_put_cstr(ds, ",userdata(");
            put_hex_bytes(ds, a->u.userspace.userdata,
                          a->u.userspace.userdata_len, false);
            ds_put_char(ds, ')');
        }
        if (a->u.userspace.actions) {
            ds_put_cstr(ds, ",actions");
        }
        if (a->u.userspace.has_egress_tun_port) {
            ds_put_format(ds, ",tunnel_out_port=%"PRIu32,
                          a->u.userspace.egress_tun_port);
        }
        ds_put_char(ds, ')');
        break;
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
        format_set(ds, &a->u.set);
        break;
    case OVS_ACTION_ATTR_PUSH_VLAN: {
        uint16_t tci = ntohs(a->u.push_vlan.vlan_tci);

        ds_put_cstr(ds, "push_vlan(");
        if (a->u.push_vlan.vlan_tpid != htons(ETH_TYPE_VLAN_8021Q)) {
            ds_put_format(ds, "tpid=0x%04"PRIx16",",
                          ntohs(a->u.push_vlan.vlan_tpid));
        }
        ds_put_format(ds, "vid=%d,pcp=%d", tci & VLAN_VID_MASK,
                      (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT);
        if (!(tci & VLAN_CFI)) {
            ds_put_cstr(ds, ",cfi=0");
        }
        ds_put_char(ds, ')');
        break;
    }
    case OVS_ACTION_ATTR_POP_VLAN:
        ds_put_cstr(ds, "pop_vlan");
        break;
    case OVS_ACTION_ATTR_RECIRC:
        ds_put_format(ds, "recirc(%#"PRIx32")", a->u.recirc_id);
        break;
    case OVS_ACTION_ATTR_HASH:
        if (a->u.hash.hash_alg == OVS_HASH_ALG_L4) {
            ds_put_format(ds, "hash(l4(%"PRIu32"))", a->u.hash.hash_basis);
        } else if (a->u.hash.hash_alg == ODP_HASH_ALG_SYM_L4) {
            ds_put_format(ds, "hash(sym_l4(%"PRIu32"))",
                          a->u.hash.hash_basis);
        } else {
            ds_put_format(ds, "hash(alg%"PRIu32"(%"PRIu32"))",
                          a->u.hash.hash_alg, a->u.hash.hash_basis);
        }
        break;
    case OVS_ACTION_ATTR_CT:
        format_ct(ds, &a->u.ct);
        break;
    case OVS_ACTION_ATTR_CT_CLEAR:
        ds_put_cstr(ds, "ct_clear");
        break;
    case OVS_ACTION_ATTR_TRUNC:
        ds_put_format(ds, "trunc(%"PRIu32")", a->u.trunc_max_len);
        break;
    case OVS_ACTION_ATTR_SAMPLE:
        ds_put_format(ds, "sample(sample=%.1f%%,actions(",
                      a->u.sample.probability / (double) UINT32_MAX * 100);
        format_action_list(ds, a->u.sample.actions.data,
                           a->u.sample.actions.len, depth + 1);
        ds_put_cstr(ds, "))");
        break;
    case OVS_ACTION_ATTR_CLONE:
        ds_put_cstr(ds, "clone(");
        format_action_list(ds, a->u.clone.data, a->u.clone.len, depth + 1);
        ds_put_char(ds, ')');
        break;
    case OVS_ACTION_ATTR_CHECK_PKT_LEN:
        ds_put_format(ds, "check_pkt_len(size=%"PRIu16",gt(",
                      a->u.check_pkt_len.pkt_len);
        format_action_list(ds, a->u.check_pkt_len.gt.data,
                           a->u.check_pkt_len.gt.len, depth + 1);
        ds_put_cstr(ds, "),le(");
        format_action_list(ds, a->u.check_pkt_len.le.data,
                           a->u.check_pkt_len.le.len, depth + 1);
        ds_put_cstr(ds, "))");
        break;
    case ODP_ACTION_ATTR_DROP:
        ds_put_cstr(ds, "drop");
        break;
    default:
        ds_put_format(ds, "action%"PRIu16, a->type);
        break;
    }
}

static void
format_action_list(struct ds *ds, const void *actions, size_t len,
                   int depth)
{
    const struct nlattr *nla;
    bool first = true;
    size_t left;

    if (!len) {
        ds_put_cstr(ds, "drop");
        return;
    }
    if (depth > ODP_ACTIONS_MAX_DEPTH) {
        ds_put_cstr(ds, "<nested too deep>");
        return;
    }
    NL_ATTR_FOR_EACH (nla, left, actions, len) {
        struct odp_action a;

        sep(ds, &first);
        if (odp_action_decode(nla, &a, NULL)) {
            ds_put_format(ds, "action%u(", nl_attr_type(nla));
            put_hex_bytes(ds, nl_attr_get(nla), nl_attr_get_size(nla),
                          false);
            ds_put_char(ds, ')');
        } else {
            format_action(ds, &a, depth);
        }
    }
    if (left) {
        sep(ds, &first);
        ds_put_format(ds, "<%zu bytes of malformed actions>", left);
    }
}

void
odp_actions_format(struct ds *ds, const void *actions, size_t len)
{
    format_action_list(ds, actions, len, 0);
}

/* Actions: parsing. */

static char *parse_action_list(const struct piece *, struct nl_buf *,
                               int depth);

/* Parses a nested action list 'args' into 'buf' (initialised here; the
 * caller uninitialises it) and points 'list' at it. */
static char *
parse_nested_list(const struct piece *args, struct nl_buf *buf,
                  struct odp_action_list *list, int depth)
{
    char *error;

    nl_buf_clear(buf);
    if (depth >= ODP_ACTIONS_MAX_DEPTH) {
        return xstrdup("actions nested too deep");
    }
    error = parse_action_list(args, buf, depth + 1);
    list->data = buf->data;
    list->len = buf->used;
    return error;
}

static char *
parse_set(const struct piece *args, bool explicit_masked,
          struct odp_action *a)
{
    struct piece name, inner;
    const struct odp_attr_layout *layout;
    char *error;

    if (!split_call(args, &name, &inner)) {
        return piece_error("set", args);
    }
    a->type = OVS_ACTION_ATTR_SET;
    a->u.set.key_type = 0;
    if (piece_eq(&name, "tunnel")) {
        a->u.set.key_type = OVS_KEY_ATTR_TUNNEL;
        return parse_tunnel(&inner, &a->u.set.tunnel, NULL);
    }
    layout = odp_key_layout_by_name(name.s, name.n);
    if (!layout) {
        return piece_error("set: unknown field", &name);
    }
    a->u.set.key_type = layout->type;
    a->u.set.size = layout->size;
    error = parse_layout(layout, &inner, a->u.set.key, a->u.set.mask);
    if (error) {
        return error;
    }
    a->u.set.masked = (explicit_masked
                       || !all_bytes(a->u.set.mask, layout->size, 0xff));
    if (a->u.set.masked) {
        a->type = OVS_ACTION_ATTR_SET_MASKED;
    }
    return NULL;
}

static char *
parse_userspace(const struct piece *args, struct odp_action *a,
                uint8_t *userdata, size_t room)
{
    struct piece list = *args, item, name, value, call, cargs;
    uint64_t n;

    a->type = OVS_ACTION_ATTR_USERSPACE;
    while (next_item(&list, &item)) {
        split_eq(&item, &name, &value);
        if (piece_eq(&name, "pid")
            && parse_uint_max(value.s, value.n, UINT32_MAX, &n)) {
            a->u.userspace.pid = n;
        } else if (piece_eq(&name, "tunnel_out_port")
                   && parse_uint_max(value.s, value.n, UINT32_MAX, &n)) {
            a->u.userspace.has_egress_tun_port = true;
            a->u.userspace.egress_tun_port = n;
        } else if (piece_eq(&item, "actions")) {
            a->u.userspace.actions = true;
        } else if (split_call(&item, &call, &cargs)
                   && piece_eq(&call, "userdata")) {
            int len = parse_hex_bytes(cargs.s, cargs.n, userdata, room);

            if (len < 0) {
                return piece_error("userspace: bad userdata", &cargs);
            }
            a->u.userspace.userdata = userdata;
            a->u.userspace.userdata_len = len;
        } else {
            return piece_error("userspace", &item);
        }
    }
    return NULL;
}

/* Parses "A[-B]" IPv4 or "[A][-[B]]" IPv6 addresses and ":P[-Q]" ports of
 * a NAT range. */
static char *
parse_nat_range(const struct piece *p, struct odp_action_nat *nat)
{
    char buf[128];
    char *s, *ports, *dash;

    if (p->n >= sizeof buf) {
        return piece_error("nat", p);
    }
    memcpy(buf, p->s, p->n);
    buf[p->n] = '\0';
    s = buf;
    if (*s == '[') {
        char *close = strchr(s, ']');

        nat->ipv6 = true;
        if (!close) {
            return piece_error("nat", p);
        }
        *close = '\0';
        if (!ipv6_parse(s + 1, &nat->ip_min)) {
            return piece_error("nat", p);
        }
        nat->has_ip_min = true;
        s = close + 1;
        if (s[0] == '-' && s[1] == '[') {
            close = strchr(s, ']');
            if (!close) {
                return piece_error("nat", p);
            }
            *close = '\0';
            if (!ipv6_parse(s + 2, &nat->ip_max)) {
                return piece_error("nat", p);
            }
            nat->has_ip_max = true;
            s = close + 1;
        }
        ports = *s == ':' ? s + 1 : NULL;
        if (!ports && *s) {
            return piece_error("nat", p);
        }
    } else {
        ovs_be32 ip;

        ports = strchr(s, ':');
        if (ports) {
            *ports++ = '\0';
        }
        dash = strchr(s, '-');
        if (dash) {
            *dash++ = '\0';
            if (!ip_parse(dash, &ip)) {
                return piece_error("nat", p);
            }
            memcpy(&nat->ip_max, &ip, 4);
            nat->has_ip_max = true;
        }
        if (!ip_parse(s, &ip)) {
            return piece_error("nat", p);
        }
        memcpy(&nat->ip_min, &ip, 4);
        nat->has_ip_min = true;
    }
    if (nat->has_ip_min && !nat->has_ip_max) {
        nat->ip_max = nat->ip_min;
        nat->has_ip_max = true;
    }
    if (ports) {
        unsigned int lo, hi;

        dash = strchr(ports, '-');
        if (dash) {
            *dash++ = '\0';
        }
        if (!str_to_uint(ports, 10, &lo) || lo > UINT16_MAX
            || (dash && (!str_to_uint(dash, 10, &hi) || hi > UINT16_MAX))) {
            return piece_error("nat", p);
        }
        nat->has_proto_min = nat->has_proto_max = true;
        nat->proto_min = lo;
        nat->proto_max = dash ? hi : lo;
    }
    return NULL;
}

static char *
parse_nat(const struct piece *args, struct odp_action_nat *nat)
{
    struct piece list = *args, item, name, value;

    while (next_item(&list, &item)) {
        split_eq(&item, &name, &value);
        if (piece_eq(&name, "src") || piece_eq(&name, "dst")) {
            char *error;

            if (nat->src || nat->dst) {
                return xstrdup("nat: both src and dst");
            }
            *(piece_eq(&name, "src") ? &nat->src : &nat->dst) = true;
            error = value.n ? parse_nat_range(&value, nat) : NULL;
            if (error) {
                return error;
            }
        } else if (piece_eq(&item, "persistent")) {
            nat->persistent = true;
        } else if (piece_eq(&item, "hash")) {
            nat->proto_hash = true;
        } else if (piece_eq(&item, "random")) {
            nat->proto_random = true;
        } else {
            return piece_error("nat", &item);
        }
    }
    return NULL;
}

static char *
parse_ct(const struct piece *args, struct odp_action_ct *ct)
{
    struct piece list = *args, item, name, value, v, m, call, cargs;
    uint64_t n;

    while (next_item(&list, &item)) {
        split_eq(&item, &name, &value);
        if (piece_eq(&item, "commit")) {
            ct->commit = true;
        } else if (piece_eq(&item, "force_commit")) {
            ct->force_commit = true;
        } else if (piece_eq(&name, "zone")
                   && parse_uint_max(value.s, value.n, UINT16_MAX, &n)) {
            ct->has_zone = true;
            ct->zone = n;
        } else if (piece_eq(&name, "mark")) {
            uint64_t mm = UINT32_MAX;

            if ((split_slash(&value, &v, &m)
                 && !parse_uint_max(m.s, m.n, UINT32_MAX, &mm))
                || !parse_uint_max(v.s, v.n, UINT32_MAX, &n)) {
                return piece_error("ct", &item);
            }
            ct->has_mark = true;
            ct->mark = n & mm;
            ct->mark_mask = mm;
        } else if (piece_eq(&name, "label")) {
            static const struct odp_field u128_field = {
                NULL, 0, 16, true, ODP_FMT_U128, ODP_CONV_COPY, 0
            };

            ct->labels_mask = OVS_U128_MAX;
            if ((split_slash(&value, &v, &m)
                 && !parse_field_value(&u128_field, &m, true,
                                       &ct->labels_mask))
                || !parse_field_value(&u128_field, &v, false,
                                      &ct->labels)) {
                return piece_error("ct", &item);
            }
            ct->labels = ovs_u128_and(ct->labels, ct->labels_mask);
            ct->has_labels = true;
        } else if ((piece_eq(&name, "helper") || piece_eq(&name, "timeout"))
                   && value.n && value.n < ODP_CT_NAME_LEN) {
            char *dst = piece_eq(&name, "helper") ? ct->helper : ct->timeout;

            memcpy(dst, value.s, value.n);
            dst[value.n] = '\0';
        } else if (piece_eq(&name, "eventmask")
                   && parse_uint_max(value.s, value.n, UINT32_MAX, &n)) {
            ct->has_eventmask = true;
            ct->eventmask = n;
        } else if (piece_eq(&item, "nat")) {
            ct->has_nat = true;
        } else if (split_call(&item, &call, &cargs)
                   && piece_eq(&call, "nat")) {
            char *error;

            ct->has_nat = true;
            error = parse_nat(&cargs, &ct->nat);
            if (error) {
                return error;
            }
        } else {
            return piece_error("ct", &item);
        }
    }
    return NULL;
}

static char *
parse_push_vlan(const struct piece *args, struct odp_action *a)
{
    struct piece list = *args, item, name, value;
    uint16_t tpid = ETH_TYPE_VLAN_8021Q, tci = VLAN_CFI;
    uint64_t n;

    a->type = OVS_ACTION_ATTR_PUSH_VLAN;
    while (next_item(&list, &item)) {
        split_eq(&item, &name, &value);
        if (piece_eq(&name, "tpid")
            && parse_uint_max(value.s, value.n, UINT16_MAX, &n)) {
            tpid = n;
        } else if (piece_eq(&name, "vid")
                   && parse_uint_max(value.s, value.n, VLAN_VID_MASK, &n)) {
            tci = (tci & ~VLAN_VID_MASK) | n;
        } else if (piece_eq(&name, "pcp")
                   && parse_uint_max(value.s, value.n, 7, &n)) {
            tci = (tci & ~VLAN_PCP_MASK) | (n << VLAN_PCP_SHIFT);
        } else if (piece_eq(&name, "cfi")
                   && parse_uint_max(value.s, value.n, 1, &n)) {
            tci = (tci & ~VLAN_CFI) | (n ? VLAN_CFI : 0);
        } else {
            return piece_error("push_vlan", &item);
        }
    }
    a->u.push_vlan.vlan_tpid = htons(tpid);
    a->u.push_vlan.vlan_tci = htons(tci);
    return NULL;
}

static char *
parse_hash(const struct piece *args, struct odp_action *a)
{
    struct piece name, inner;
    uint64_t n;

    a->type = OVS_ACTION_ATTR_HASH;
    if (!split_call(args, &name, &inner)
        || !parse_uint_max(inner.s, inner.n, UINT32_MAX, &n)) {
        return piece_error("hash", args);
    }
    if (piece_eq(&name, "l4")) {
        a->u.hash.hash_alg = OVS_HASH_ALG_L4;
    } else if (piece_eq(&name, "sym_l4")) {
        a->u.hash.hash_alg = ODP_HASH_ALG_SYM_L4;
    } else {
        return piece_error("hash", args);
    }
    a->u.hash.hash_basis = n;
    return NULL;
}

static char *
parse_sample(const struct piece *args, struct odp_action *a,
             struct nl_buf *nested, int depth)
{
    struct piece list = *args, item, name, value, call, cargs;
    bool have_actions = false;

    a->type = OVS_ACTION_ATTR_SAMPLE;
    while (next_item(&list, &item)) {
        split_eq(&item, &name, &value);
        if (piece_eq(&name, "sample") && value.n > 1
            && value.s[value.n - 1] == '%') {
            char buf[32];
            double pct;
            char *end;

            if (value.n >= sizeof buf) {
                return piece_error("sample", &item);
            }
            memcpy(buf, value.s, value.n - 1);
            buf[value.n - 1] = '\0';
            pct = strtod(buf, &end);
            if (*end || !(pct >= 0 && pct <= 100)) {
                return piece_error("sample", &item);
            }
            a->u.sample.probability = pct / 100.0 * UINT32_MAX + 0.5;
        } else if (!have_actions && split_call(&item, &call, &cargs)
                   && piece_eq(&call, "actions")) {
            char *error = parse_nested_list(&cargs, nested,
                                            &a->u.sample.actions, depth);

            have_actions = true;
            if (error) {
                return error;
            }
        } else {
            return piece_error("sample", &item);
        }
    }
    if (!have_actions) {
        a->u.sample.actions.data = nested->data;
    }
    return NULL;
}

static char *
parse_check_pkt_len(const struct piece *args, struct odp_action *a,
                    struct nl_buf nested[2], int depth)
{
    struct piece list = *args, item, name, value, call, cargs;
    bool have[2] = { false, false };
    uint64_t n;

    a->type = OVS_ACTION_ATTR_CHECK_PKT_LEN;
    while (next_item(&list, &item)) {
        split_eq(&item, &name, &value);
        if (piece_eq(&name, "size")
            && parse_uint_max(value.s, value.n, UINT16_MAX, &n)) {
            a->u.check_pkt_len.pkt_len = n;
            continue;
        }
        if (split_call(&item, &call, &cargs)
            && (piece_eq(&call, "gt") || piece_eq(&call, "le"))) {
            int i = piece_eq(&call, "le");
            struct odp_action_list *l = (i ? &a->u.check_pkt_len.le
                                         : &a->u.check_pkt_len.gt);
            char *error;

            if (have[i]) {
                return piece_error("check_pkt_len: repeated", &call);
            }
            have[i] = true;
            error = parse_nested_list(&cargs, &nested[i], l, depth);
            if (error) {
                return error;
            }
            continue;
        }
        return piece_error("check_pkt_len", &item);
    }
    a->u.check_pkt_len.gt.data = nested[0].data;
    a->u.check_pkt_len.gt.len = nested[0].used;
    a->u.check_pkt_len.le.data = nested[1].data;
    a->u.check_pkt_len.le.len = nested[1].used;
    return NULL;
}

/* Parses one action item into 'buf'. */
static char *
parse_action(const struct piece *item, struct nl_buf *buf, int depth)
{
    struct odp_action a = { .type = 0 };
    struct nl_buf nested[2];
    uint8_t userdata[256];
    struct piece name, args;
    uint64_t n;
    char *error = NULL;

    if (isdigit((unsigned char) item->s[0])) {
        if (!parse_uint_max(item->s, item->n, UINT32_MAX, &n)) {
            return piece_error("bad output port", item);
        }
        odp_put_output(buf, n);
        return NULL;
    }
    if (!split_call(item, &name, &args)) {
        return piece_error("syntax error", item);
    }
    nl_buf_init(&nested[0], 64);
    nl_buf_init(&nested[1], 64);
    if (piece_eq(&name, "drop") && !args.n) {
        goto out;
    } else if (piece_eq(&name, "pop_vlan") && !args.n) {
        a.type = OVS_ACTION_ATTR_POP_VLAN;
    } else if (piece_eq(&name, "ct_clear") && !args.n) {
        a.type = OVS_ACTION_ATTR_CT_CLEAR;
    } else if (piece_eq(&name, "ct")) {
        a.type = OVS_ACTION_ATTR_CT;
        error = parse_ct(&args, &a.u.ct);
    } else if (piece_eq(&name, "set")) {
        error = parse_set(&args, false, &a);
    } else if (piece_eq(&name, "push_vlan")) {
        error = parse_push_vlan(&args, &a);
    } else if (piece_eq(&name, "recirc") || piece_eq(&name, "trunc")) {
        bool recirc = piece_eq(&name, "recirc");

        if (!parse_uint_max(args.s, args.n, UINT32_MAX, &n)) {
            error = piece_error(recirc ? "recirc" : "trunc", item);
            goto out;
        }
        a.type = recirc ? OVS_ACTION_ATTR_RECIRC : OVS_ACTION_ATTR_TRUNC;
        *(recirc ? &a.u.recirc_id : &a.u.trunc_max_len) = n;
    } else if (piece_eq(&name, "hash")) {
        error = parse_hash(&args, &a);
    } else if (piece_eq(&name, "userspace")) {
        error = parse_userspace(&args, &a, userdata, sizeof userdata);
    } else if (piece_eq(&name, "sample")) {
        error = parse_sample(&args, &a, &nested[0], depth);
    } else if (piece_eq(&name, "clone")) {
        a.type = OVS_ACTION_ATTR_CLONE;
        error = parse_nested_list(&args, &nested[0], &a.u.clone, depth);
    } else if (piece_eq(&name, "check_pkt_len")) {
        error = parse_check_pkt_len(&args, &a, nested, depth);
    } else {
        error = piece_error("unknown action", item);
        goto out;
    }
    if (!error) {
        odp_action_put(buf, &a);
    }
out:
    nl_buf_uninit(&nested[0]);
    nl_buf_uninit(&nested[1]);
    return error;
}

static char *
parse_action_list(const struct piece *args, struct nl_buf *buf, int depth)
{
    struct piece list = *args;
    struct piece item;

    while (next_item(&list, &item)) {
        char *error = parse_action(&item, buf, depth);

        if (error) {
            return error;
        }
    }
    return NULL;
}

char *
odp_actions_parse(const char *s, struct nl_buf *actions)
{
    struct piece all = { s, strlen(s) };
    char *error = parse_action_list(&all, actions, 0);

    if (!error && nl_buf_error(actions)) {
        error = xstrdup("actions too long");
    }
    return error;
}
