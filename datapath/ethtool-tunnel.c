/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* NIC UDP tunnel port tables via ethtool netlink (see ethtool-tunnel.h). */

#include <config.h>

#include "ethtool-tunnel.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <linux/ethtool_netlink.h>

#include "dynamic-string.h"
#include "netlink-socket.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ethtool_tunnel);

struct ethtool_tunnel {
    struct nln_socket *genl;
    bool resolved;              /* Looked the family up already... */
    int family_error;           /* ...with this result (ENOENT: none)... */
    uint16_t family;            /* ...and this id. */
};

/* Names of the tunnel types, as the kernel names them in bitsets. */
static const char *const type_names[] = {
    [ETHTOOL_UDP_TUNNEL_TYPE_VXLAN] = "vxlan",
    [ETHTOOL_UDP_TUNNEL_TYPE_GENEVE] = "geneve",
    [ETHTOOL_UDP_TUNNEL_TYPE_VXLAN_GPE] = "vxlan-gpe",
};

const char *
ethtool_tunnel_type_name(uint32_t type, char buf[16])
{
    if (type < ARRAY_SIZE(type_names)) {
        return type_names[type];
    }
    snprintf(buf, 16, "type %"PRIu32, type);
    return buf;
}

void
ethtool_tunnel_info_uninit(struct ethtool_tunnel_info *info)
{
    size_t i;

    if (info) {
        for (i = 0; i < info->n_tables; i++) {
            free(info->tables[i].ports);
        }
        free(info->tables);
        info->tables = NULL;
        info->n_tables = 0;
    }
}

void
ethtool_tunnel_infos_free(struct ethtool_tunnel_info *infos, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ethtool_tunnel_info_uninit(&infos[i]);
    }
    free(infos);
}

/* Returns the type of the entry for 'port' in 'info''s tables, or -1. */
static int64_t
info_find_port(const struct ethtool_tunnel_info *info, uint16_t port)
{
    size_t i, j;

    for (i = 0; i < info->n_tables; i++) {
        const struct ethtool_tunnel_table *t = &info->tables[i];

        for (j = 0; j < t->n_ports; j++) {
            if (t->ports[j].port == port) {
                return t->ports[j].type;
            }
        }
    }
    return -1;
}

bool
ethtool_tunnel_info_has_port(const struct ethtool_tunnel_info *info,
                             uint16_t port)
{
    return info_find_port(info, port) >= 0;
}

void
ethtool_tunnel_info_format(struct ds *ds,
                           const struct ethtool_tunnel_info *info)
{
    char buf[16];
    size_t i, j;

    ds_put_format(ds, "%s:", info->name);
    if (!info->n_tables) {
        ds_put_cstr(ds, " no tables");
    }
    for (i = 0; i < info->n_tables; i++) {
        const struct ethtool_tunnel_table *t = &info->tables[i];
        const char *sep = "";
        uint32_t bit;

        ds_put_format(ds, "%s table %zu (size %"PRIu32", types ",
                      i ? ";" : "", i, t->size);
        for (bit = 0; bit < 32; bit++) {
            if (t->types & (UINT32_C(1) << bit)) {
                ds_put_format(ds, "%s%s", sep,
                              ethtool_tunnel_type_name(bit, buf));
                sep = ",";
            }
        }
        ds_put_format(ds, "%s):", *sep ? "" : "none");
        if (!t->n_ports) {
            ds_put_cstr(ds, " empty");
        }
        for (j = 0; j < t->n_ports; j++) {
            ds_put_format(ds, " %"PRIu16"/%s", t->ports[j].port,
                          ethtool_tunnel_type_name(t->ports[j].type, buf));
        }
    }
}

/* Building. */

int
ethtool_tunnel_build_get(struct nl_buf *buf, uint16_t family, int ifindex,
                         const char *name)
{
    size_t hdr;

    nl_msg_put_nlmsghdr(buf, family, 0);
    nl_msg_put_genlmsghdr(buf, ETHTOOL_MSG_TUNNEL_INFO_GET,
                          ETHTOOL_GENL_VERSION);
    hdr = nl_nest_begin(buf, ETHTOOL_A_TUNNEL_INFO_HEADER | NLA_F_NESTED);
    if (ifindex) {
        nl_put_u32(buf, ETHTOOL_A_HEADER_DEV_INDEX, ifindex);
    } else if (name) {
        nl_put_string(buf, ETHTOOL_A_HEADER_DEV_NAME, name);
    }
    nl_put_u32(buf, ETHTOOL_A_HEADER_FLAGS, ETHTOOL_FLAG_COMPACT_BITSETS);
    nl_nest_end(buf, hdr);
    return nl_buf_error(buf);
}

/* Parsing. */

static const struct nl_policy info_policy[] = {
    [ETHTOOL_A_TUNNEL_INFO_HEADER] = { .kind = NL_A_NESTED },
    [ETHTOOL_A_TUNNEL_INFO_UDP_PORTS] = { .kind = NL_A_NESTED,
                                          .optional = true },
};

static const struct nl_policy header_policy[] = {
    [ETHTOOL_A_HEADER_DEV_INDEX] = { .kind = NL_A_U32, .optional = true },
    [ETHTOOL_A_HEADER_DEV_NAME] = { .kind = NL_A_STRING, .max_len = IFNAMSIZ,
                                    .optional = true },
    [ETHTOOL_A_HEADER_FLAGS] = { .kind = NL_A_U32, .optional = true },
};

static const struct nl_policy table_policy[] = {
    [ETHTOOL_A_TUNNEL_UDP_TABLE_SIZE] = { .kind = NL_A_U32 },
    [ETHTOOL_A_TUNNEL_UDP_TABLE_TYPES] = { .kind = NL_A_NESTED,
                                           .optional = true },
    /* Repeated: read by walking the nest, see parse_table(). */
    [ETHTOOL_A_TUNNEL_UDP_TABLE_ENTRY] = { .kind = NL_A_NESTED,
                                           .optional = true },
};

static const struct nl_policy entry_policy[] = {
    [ETHTOOL_A_TUNNEL_UDP_ENTRY_PORT] = { .kind = NL_A_BE16 },
    [ETHTOOL_A_TUNNEL_UDP_ENTRY_TYPE] = { .kind = NL_A_U32 },
};

static const struct nl_policy bitset_policy[] = {
    [ETHTOOL_A_BITSET_NOMASK] = { .kind = NL_A_FLAG, .optional = true },
    [ETHTOOL_A_BITSET_SIZE] = { .kind = NL_A_U32, .optional = true },
    [ETHTOOL_A_BITSET_BITS] = { .kind = NL_A_NESTED, .optional = true },
    [ETHTOOL_A_BITSET_VALUE] = { .kind = NL_A_UNSPEC, .optional = true },
    [ETHTOOL_A_BITSET_MASK] = { .kind = NL_A_UNSPEC, .optional = true },
};

static const struct nl_policy bit_policy[] = {
    [ETHTOOL_A_BITSET_BIT_INDEX] = { .kind = NL_A_U32, .optional = true },
    [ETHTOOL_A_BITSET_BIT_NAME] = { .kind = NL_A_STRING, .optional = true },
    [ETHTOOL_A_BITSET_BIT_VALUE] = { .kind = NL_A_FLAG, .optional = true },
};

/* Reads the first 32 bits of a compact bitmap attribute. */
static uint32_t
bitmap_word0(const struct nlattr *nla)
{
    uint32_t word = 0;

    memcpy(&word, nl_attr_get(nla), MIN(nl_attr_get_size(nla), sizeof word));
    return word;
}

/* Parses one bit of a bit-by-bit bitset into '*bits'. */
static int
parse_bit(const struct nlattr *nla, bool nomask, uint32_t *bits)
{
    const struct nlattr *a[ARRAY_SIZE(bit_policy)];
    uint32_t index = UINT32_MAX;
    size_t i;

    if (nl_parse_nested(nla, bit_policy, ARRAY_SIZE(bit_policy), a)) {
        return EINVAL;
    }
    if (a[ETHTOOL_A_BITSET_BIT_INDEX]) {
        index = nl_attr_get_u32(a[ETHTOOL_A_BITSET_BIT_INDEX]);
    } else if (a[ETHTOOL_A_BITSET_BIT_NAME]) {
        const char *name = nl_attr_get_string(a[ETHTOOL_A_BITSET_BIT_NAME]);

        for (i = 0; i < ARRAY_SIZE(type_names); i++) {
            if (!strcmp(name, type_names[i])) {
                index = i;
            }
        }
    } else {
        return EINVAL;
    }
    if (index < 32 && (nomask || a[ETHTOOL_A_BITSET_BIT_VALUE])) {
        *bits |= UINT32_C(1) << index;
    }
    return 0;
}

/* Parses bitset 'nla' (compact or bit by bit), keeping its first 32 bits
 * in '*bits'. */
static int
parse_bitset(const struct nlattr *nla, uint32_t *bits)
{
    const struct nlattr *a[ARRAY_SIZE(bitset_policy)];
    const struct nlattr *bit;
    bool nomask;
    size_t left;

    *bits = 0;
    if (nl_parse_nested(nla, bitset_policy, ARRAY_SIZE(bitset_policy), a)) {
        return EINVAL;
    }
    nomask = a[ETHTOOL_A_BITSET_NOMASK] != NULL;
    if (a[ETHTOOL_A_BITSET_VALUE]) {
        *bits = bitmap_word0(a[ETHTOOL_A_BITSET_VALUE]);
        if (!nomask && a[ETHTOOL_A_BITSET_MASK]) {
            *bits &= bitmap_word0(a[ETHTOOL_A_BITSET_MASK]);
        }
        return 0;
    }
    if (a[ETHTOOL_A_BITSET_BITS]) {
        NL_NESTED_FOR_EACH (bit, left, a[ETHTOOL_A_BITSET_BITS]) {
            if (nl_attr_type(bit) == ETHTOOL_A_BITSET_BITS_BIT
                && parse_bit(bit, nomask, bits)) {
                return EINVAL;
            }
        }
    }
    return 0;
}

static int
parse_entry(const struct nlattr *nla, struct ethtool_tunnel_port *port)
{
    const struct nlattr *a[ARRAY_SIZE(entry_policy)];

    if (nl_parse_nested(nla, entry_policy, ARRAY_SIZE(entry_policy), a)) {
        return EINVAL;
    }
    port->port = ntohs(nl_attr_get_be16(a[ETHTOOL_A_TUNNEL_UDP_ENTRY_PORT]));
    port->type = nl_attr_get_u32(a[ETHTOOL_A_TUNNEL_UDP_ENTRY_TYPE]);
    return 0;
}

/* Parses ETHTOOL_A_TUNNEL_UDP_TABLE 'nla' into 't' (zeroed by the caller;
 * the caller frees 't->ports' whatever the result). */
static int
parse_table(const struct nlattr *nla, struct ethtool_tunnel_table *t)
{
    const struct nlattr *a[ARRAY_SIZE(table_policy)];
    const struct nlattr *e;
    size_t allocated = 0;
    size_t left;

    if (nl_parse_nested(nla, table_policy, ARRAY_SIZE(table_policy), a)) {
        return EINVAL;
    }
    t->size = nl_attr_get_u32(a[ETHTOOL_A_TUNNEL_UDP_TABLE_SIZE]);
    if (a[ETHTOOL_A_TUNNEL_UDP_TABLE_TYPES]
        && parse_bitset(a[ETHTOOL_A_TUNNEL_UDP_TABLE_TYPES], &t->types)) {
        return EINVAL;
    }
    NL_NESTED_FOR_EACH (e, left, nla) {
        if (nl_attr_type(e) != ETHTOOL_A_TUNNEL_UDP_TABLE_ENTRY) {
            continue;
        }
        if (t->n_ports >= allocated) {
            allocated = allocated ? 2 * allocated : 4;
            t->ports = xrealloc(t->ports, allocated * sizeof *t->ports);
        }
        if (parse_entry(e, &t->ports[t->n_ports])) {
            return EINVAL;
        }
        t->n_ports++;
    }
    return 0;
}

static int
parse_ports(const struct nlattr *nla, struct ethtool_tunnel_info *info)
{
    const struct nlattr *t;
    size_t left;

    NL_NESTED_FOR_EACH (t, left, nla) {
        if (nl_attr_type(t) != ETHTOOL_A_TUNNEL_UDP_TABLE) {
            continue;
        }
        info->tables = xrealloc(info->tables,
                                (info->n_tables + 1) * sizeof *info->tables);
        memset(&info->tables[info->n_tables], 0, sizeof *info->tables);
        info->n_tables++;
        if (parse_table(t, &info->tables[info->n_tables - 1])) {
            return EINVAL;
        }
    }
    return 0;
}

int
ethtool_tunnel_parse(const struct nlmsghdr *nlh, size_t len,
                     struct ethtool_tunnel_info *info)
{
    const struct nlattr *a[ARRAY_SIZE(info_policy)];
    const struct nlattr *h[ARRAY_SIZE(header_policy)];
    const struct genlmsghdr *genl;

    memset(info, 0, sizeof *info);
    if (!nl_msg_is_valid(nlh, len)) {
        return EINVAL;
    }
    genl = nl_msg_genlmsghdr(nlh);
    if (!genl || genl->cmd != ETHTOOL_MSG_TUNNEL_INFO_GET_REPLY
        || nl_parse_msg(nlh, nlh->nlmsg_len, GENL_HDRLEN, info_policy,
                        ARRAY_SIZE(info_policy), a)
        || nl_parse_nested(a[ETHTOOL_A_TUNNEL_INFO_HEADER], header_policy,
                           ARRAY_SIZE(header_policy), h)) {
        return EINVAL;
    }
    info->ifindex = nl_attr_get_u32_or(h[ETHTOOL_A_HEADER_DEV_INDEX], 0);
    ovs_strlcpy(info->name,
                nl_attr_get_string_or(h[ETHTOOL_A_HEADER_DEV_NAME], ""),
                sizeof info->name);
    if (a[ETHTOOL_A_TUNNEL_INFO_UDP_PORTS]
        && parse_ports(a[ETHTOOL_A_TUNNEL_INFO_UDP_PORTS], info)) {
        ethtool_tunnel_info_uninit(info);
        return EINVAL;
    }
    return 0;
}

/* Client. */

int
ethtool_tunnel_open(struct ethtool_tunnel **etp)
{
    struct ethtool_tunnel *et = xzalloc(sizeof *et);
    int error;

    error = nln_socket_open(NETLINK_GENERIC, &et->genl);
    if (error) {
        free(et);
        *etp = NULL;
        return error;
    }
    *etp = et;
    return 0;
}

void
ethtool_tunnel_close(struct ethtool_tunnel *et)
{
    if (et) {
        nln_socket_close(et->genl);
        free(et);
    }
}

/* Resolves the "ethtool" family once per client.  Returns 0, ENOENT if
 * the kernel has no ethtool netlink, or another error. */
static int
resolve_family(struct ethtool_tunnel *et)
{
    if (!et->resolved) {
        et->family_error = nln_lookup_genl_family(et->genl, ETHTOOL_GENL_NAME,
                                                  &et->family);
        et->resolved = true;
        if (et->family_error == ENOENT) {
            VLOG_INFO("kernel has no ethtool netlink family: no UDP tunnel "
                      "port tables can be read");
        } else if (et->family_error) {
            VLOG_WARN("cannot resolve generic netlink family %s (%s)",
                      ETHTOOL_GENL_NAME, ovs_strerror(et->family_error));
        }
    }
    return et->family_error;
}

static void
store_errp(char **errp, const struct nl_error *err)
{
    if (errp) {
        *errp = err->msg ? xstrdup(err->msg) : NULL;
    }
}

int
ethtool_tunnel_get(struct ethtool_tunnel *et, int ifindex,
                   struct ethtool_tunnel_info *info, char **errp)
{
    struct nl_buf req, reply;
    struct nl_error err;
    uint64_t stub[16];
    int error;

    memset(info, 0, sizeof *info);
    if (errp) {
        *errp = NULL;
    }
    error = resolve_family(et);
    if (error) {
        return error == ENOENT ? EOPNOTSUPP : error;
    }
    nl_buf_use(&req, stub, sizeof stub);
    ethtool_tunnel_build_get(&req, et->family, ifindex, NULL);
    nl_buf_init(&reply, 1024);
    error = nln_transact(et->genl, &req, &reply, &err);
    if (error) {
        store_errp(errp, &err);
    } else if (!reply.used) {
        error = EPROTO;
    } else {
        error = ethtool_tunnel_parse(nl_buf_at(&reply, 0), reply.used, info);
    }
    nl_error_uninit(&err);
    nl_buf_uninit(&reply);
    return error;
}

int
ethtool_tunnel_dump(struct ethtool_tunnel *et,
                    struct ethtool_tunnel_info **infosp, size_t *np,
                    char **errp)
{
    struct ethtool_tunnel_info *infos = NULL;
    const struct nlmsghdr *nlh;
    struct nln_dump dump;
    struct nl_error err;
    uint64_t stub[16];
    struct nl_buf req;
    size_t n = 0;
    int error;

    *infosp = NULL;
    *np = 0;
    if (errp) {
        *errp = NULL;
    }
    error = resolve_family(et);
    if (error) {
        return error == ENOENT ? 0 : error;
    }
    nl_buf_use(&req, stub, sizeof stub);
    ethtool_tunnel_build_get(&req, et->family, 0, NULL);
    nln_dump_start(&dump, et->genl, &req);
    while ((nlh = nln_dump_next(&dump))) {
        struct ethtool_tunnel_info info;

        if (!ethtool_tunnel_parse(nlh, nlh->nlmsg_len, &info)) {
            infos = xrealloc(infos, (n + 1) * sizeof *infos);
            infos[n++] = info;
        }
    }
    error = nln_dump_finish(&dump, &err);
    if (error == EOPNOTSUPP) {
        /* Linux (seen on 6.1) ends the dump with the error of the last
         * device it visited, so a dump whose last device has no table
         * fails with EOPNOTSUPP after delivering every device that has
         * one.  What arrived is complete. */
        error = 0;
    }
    if (error) {
        store_errp(errp, &err);
        ethtool_tunnel_infos_free(infos, n);
    } else {
        *infosp = infos;
        *np = n;
    }
    nl_error_uninit(&err);
    return error;
}

int
ethtool_tunnel_port_devices(struct ethtool_tunnel *et, uint16_t port,
                            struct ethtool_tunnel_dev **devsp, size_t *np,
                            size_t *n_tablesp, char **errp)
{
    struct ethtool_tunnel_info *infos;
    struct ethtool_tunnel_dev *devs;
    size_t n_infos, n = 0, n_tables = 0;
    size_t i;
    int error;

    *devsp = NULL;
    *np = 0;
    if (n_tablesp) {
        *n_tablesp = 0;
    }
    error = ethtool_tunnel_dump(et, &infos, &n_infos, errp);
    if (error) {
        return error;
    }
    devs = xcalloc(n_infos ? n_infos : 1, sizeof *devs);
    for (i = 0; i < n_infos; i++) {
        int64_t type = info_find_port(&infos[i], port);

        if (infos[i].n_tables) {
            n_tables++;
        }
        if (type >= 0) {
            devs[n].ifindex = infos[i].ifindex;
            ovs_strlcpy(devs[n].name, infos[i].name, sizeof devs[n].name);
            devs[n].type = type;
            n++;
        }
    }
    ethtool_tunnel_infos_free(infos, n_infos);
    *devsp = devs;
    *np = n;
    if (n_tablesp) {
        *n_tablesp = n_tables;
    }
    return 0;
}

int
ethtool_tunnel_describe_port(struct ethtool_tunnel *et, uint16_t port,
                             struct ds *ds)
{
    struct ethtool_tunnel_dev *devs;
    size_t n, n_tables, i;
    char *msg;
    int error;

    error = ethtool_tunnel_port_devices(et, port, &devs, &n, &n_tables, &msg);
    if (error) {
        ds_put_format(ds, "cannot read UDP tunnel port tables (%s%s%s)",
                      ovs_strerror(error), msg ? ": " : "", msg ? msg : "");
        free(msg);
        return error;
    }
    if (!n_tables) {
        ds_put_cstr(ds, "no device reports a UDP tunnel port table");
    } else if (!n) {
        ds_put_format(ds, "UDP port %"PRIu16" is in no device's tunnel port "
                      "table (%zu device%s %s one)", port, n_tables,
                      n_tables == 1 ? "" : "s",
                      n_tables == 1 ? "has" : "have");
    } else {
        ds_put_format(ds, "UDP port %"PRIu16" is in the tunnel port table "
                      "of ", port);
        for (i = 0; i < n; i++) {
            ds_put_format(ds, "%s%s", i ? ", " : "", devs[i].name);
        }
    }
    free(devs);
    return 0;
}
