/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Metadata-mode kernel tunnel devices (see tunnel-dev.h). */

#include <config.h>

#include "tunnel-dev.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>

#include "dynamic-string.h"
#include "ethtool-tunnel.h"
#include "netdev.h"
#include "netlink-socket.h"
#include "netlink.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(tunnel_dev);

/* How an attribute of IFLA_INFO_DATA must look. */
enum attr_rule {
    MUST_EQUAL,         /* Present, with 'value'. */
    ABSENT_OR_EQUAL,    /* Absent, or present with 'value'. */
    MUST_BE_ABSENT      /* Absent. */
};

struct tunnel_attr {
    uint16_t type;              /* IFLA_VXLAN_*, IFLA_GRE_*, ... */
    enum nl_attr_kind kind;     /* NL_A_U8, _U32, _BE16, _BE32, _FLAG or
                                 * _UNSPEC (only with MUST_BE_ABSENT). */
    enum attr_rule rule;
    bool put;                   /* Sent when creating the device. */
    bool is_port;               /* 'value' is the device's UDP port. */
    uint32_t value;             /* Host order; 1 for a present flag. */
    const char *name;           /* For messages. */
    const char *meaning;        /* As "ip -d link show" would say it. */
};

#define PORT_VALUE(TYPE, NAME) \
    { TYPE, NL_A_BE16, MUST_EQUAL, true, true, 0, NAME, "dstport" }

static const struct tunnel_attr vxlan_attrs[] = {
    { IFLA_VXLAN_COLLECT_METADATA, NL_A_U8, MUST_EQUAL, true, false, 1,
      "IFLA_VXLAN_COLLECT_METADATA", "external" },
    PORT_VALUE(IFLA_VXLAN_PORT, "IFLA_VXLAN_PORT"),
    { IFLA_VXLAN_LEARNING, NL_A_U8, MUST_EQUAL, true, false, 0,
      "IFLA_VXLAN_LEARNING", "nolearning" },
    { IFLA_VXLAN_UDP_ZERO_CSUM6_RX, NL_A_U8, MUST_EQUAL, true, false, 1,
      "IFLA_VXLAN_UDP_ZERO_CSUM6_RX", "udp6zerocsumrx" },
    { IFLA_VXLAN_ID, NL_A_U32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_ID", "id 0" },
    { IFLA_VXLAN_LINK, NL_A_U32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_LINK", "no lower device" },
    { IFLA_VXLAN_GROUP, NL_A_BE32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_GROUP", "no remote" },
    { IFLA_VXLAN_GROUP6, NL_A_UNSPEC, MUST_BE_ABSENT, false, false, 0,
      "IFLA_VXLAN_GROUP6", "no remote" },
    { IFLA_VXLAN_LOCAL, NL_A_BE32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_LOCAL", "no local address" },
    { IFLA_VXLAN_LOCAL6, NL_A_UNSPEC, MUST_BE_ABSENT, false, false, 0,
      "IFLA_VXLAN_LOCAL6", "no local address" },
    { IFLA_VXLAN_GBP, NL_A_FLAG, MUST_BE_ABSENT, false, false, 0,
      "IFLA_VXLAN_GBP", "no gbp" },
    { IFLA_VXLAN_GPE, NL_A_FLAG, MUST_BE_ABSENT, false, false, 0,
      "IFLA_VXLAN_GPE", "no gpe" },
    { IFLA_VXLAN_VNIFILTER, NL_A_U8, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_VNIFILTER", "novnifilter" },
    { IFLA_VXLAN_REMCSUM_TX, NL_A_U8, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_REMCSUM_TX", "noremcsumtx" },
    { IFLA_VXLAN_REMCSUM_RX, NL_A_U8, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_VXLAN_REMCSUM_RX", "noremcsumrx" },
};

static const struct tunnel_attr gre_attrs[] = {
    { IFLA_GRE_COLLECT_METADATA, NL_A_FLAG, MUST_EQUAL, true, false, 1,
      "IFLA_GRE_COLLECT_METADATA", "external" },
    { IFLA_GRE_LINK, NL_A_U32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_GRE_LINK", "no lower device" },
    { IFLA_GRE_REMOTE, NL_A_BE32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_GRE_REMOTE", "remote any" },
    { IFLA_GRE_LOCAL, NL_A_BE32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_GRE_LOCAL", "local any" },
};

static const struct tunnel_attr geneve_attrs[] = {
    { IFLA_GENEVE_COLLECT_METADATA, NL_A_FLAG, MUST_EQUAL, true, false, 1,
      "IFLA_GENEVE_COLLECT_METADATA", "external" },
    PORT_VALUE(IFLA_GENEVE_PORT, "IFLA_GENEVE_PORT"),
    { IFLA_GENEVE_UDP_ZERO_CSUM6_RX, NL_A_U8, MUST_EQUAL, true, false, 1,
      "IFLA_GENEVE_UDP_ZERO_CSUM6_RX", "udp6zerocsumrx" },
    { IFLA_GENEVE_ID, NL_A_U32, ABSENT_OR_EQUAL, false, false, 0,
      "IFLA_GENEVE_ID", "id 0" },
    { IFLA_GENEVE_REMOTE, NL_A_BE32, MUST_BE_ABSENT, false, false, 0,
      "IFLA_GENEVE_REMOTE", "no remote" },
    { IFLA_GENEVE_REMOTE6, NL_A_UNSPEC, MUST_BE_ABSENT, false, false, 0,
      "IFLA_GENEVE_REMOTE6", "no remote" },
};

struct tunnel_class {
    const char *type_name;      /* "vxlan": the tunnel_dev_type's name. */
    const char *kind;           /* IFLA_INFO_KIND. */
    const char *name_prefix;    /* Device name, before the port if any. */
    uint16_t default_port;      /* 0: the device has no UDP port. */
    const struct tunnel_attr *attrs;
    size_t n_attrs;
};

static const struct tunnel_class classes[] = {
    [TUNNEL_DEV_VXLAN] = { "vxlan", "vxlan", "vxlan_sys_",
                           TUNNEL_DEV_VXLAN_DEFAULT_PORT,
                           vxlan_attrs, ARRAY_SIZE(vxlan_attrs) },
    [TUNNEL_DEV_GRE] = { "gre", "gretap", "gre_sys", 0,
                         gre_attrs, ARRAY_SIZE(gre_attrs) },
    [TUNNEL_DEV_GENEVE] = { "geneve", "geneve", "genev_sys_",
                            TUNNEL_DEV_GENEVE_DEFAULT_PORT,
                            geneve_attrs, ARRAY_SIZE(geneve_attrs) },
};

static const struct tunnel_class *
class_of(enum tunnel_dev_type type)
{
    if (type >= ARRAY_SIZE(classes) || !classes[type].kind) {
        OVS_NOT_REACHED();
    }
    return &classes[type];
}

/* Names and ports. */

const char *
tunnel_dev_type_to_string(enum tunnel_dev_type type)
{
    return class_of(type)->type_name;
}

bool
tunnel_dev_type_from_string(const char *s, enum tunnel_dev_type *typep)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(classes); i++) {
        if (!strcmp(s, classes[i].type_name)) {
            *typep = i;
            return true;
        }
    }
    return false;
}

const char *
tunnel_dev_kind(enum tunnel_dev_type type)
{
    return class_of(type)->kind;
}

uint16_t
tunnel_dev_default_port(enum tunnel_dev_type type)
{
    return class_of(type)->default_port;
}

/* Returns the UDP port of the device for ('type', 'dst_port'). */
static uint16_t
effective_port(enum tunnel_dev_type type, uint16_t dst_port)
{
    const struct tunnel_class *c = class_of(type);

    return !c->default_port ? 0 : dst_port ? dst_port : c->default_port;
}

void
tunnel_dev_name(enum tunnel_dev_type type, uint16_t dst_port,
                char name[IFNAMSIZ])
{
    const struct tunnel_class *c = class_of(type);

    if (c->default_port) {
        snprintf(name, IFNAMSIZ, "%s%"PRIu16, c->name_prefix,
                 effective_port(type, dst_port));
    } else {
        ovs_strlcpy(name, c->name_prefix, IFNAMSIZ);
    }
}

/* Building. */

static void
put_attr(struct nl_buf *buf, const struct tunnel_attr *a, uint32_t value)
{
    switch (a->kind) {
    case NL_A_U8:
        nl_put_u8(buf, a->type, value);
        break;
    case NL_A_U32:
        nl_put_u32(buf, a->type, value);
        break;
    case NL_A_BE16:
        nl_put_be16(buf, a->type, htons(value));
        break;
    case NL_A_BE32:
        nl_put_be32(buf, a->type, htonl(value));
        break;
    case NL_A_FLAG:
        if (value) {
            nl_put_flag(buf, a->type);
        }
        break;
    default:
        OVS_NOT_REACHED();
    }
}

int
tunnel_dev_build_create(struct nl_buf *buf, enum tunnel_dev_type type,
                        uint16_t dst_port)
{
    const struct tunnel_class *c = class_of(type);
    uint16_t port = effective_port(type, dst_port);
    struct ifinfomsg ifi = {
        .ifi_family = AF_UNSPEC,
        .ifi_flags = IFF_UP,
        .ifi_change = IFF_UP,
    };
    char name[IFNAMSIZ];
    size_t linkinfo, data;
    size_t i;

    tunnel_dev_name(type, dst_port, name);
    nl_msg_put_nlmsghdr(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
    nl_msg_put_header(buf, &ifi, sizeof ifi);
    nl_put_string(buf, IFLA_IFNAME, name);
    nl_put_u32(buf, IFLA_MTU, TUNNEL_DEV_MTU);
    linkinfo = nl_nest_begin(buf, IFLA_LINKINFO);
    nl_put_string(buf, IFLA_INFO_KIND, c->kind);
    data = nl_nest_begin(buf, IFLA_INFO_DATA);
    for (i = 0; i < c->n_attrs; i++) {
        const struct tunnel_attr *a = &c->attrs[i];

        if (a->put) {
            put_attr(buf, a, a->is_port ? port : a->value);
        }
    }
    nl_nest_end(buf, data);
    nl_nest_end(buf, linkinfo);
    return nl_buf_error(buf);
}

/* Checking. */

/* Returns the last attribute of type 'type' in nest 'data', or NULL. */
static const struct nlattr *
find_attr(const struct nlattr *data, uint16_t type)
{
    const struct nlattr *nla, *found = NULL;
    size_t left;

    if (data) {
        NL_NESTED_FOR_EACH (nla, left, data) {
            if (nl_attr_type(nla) == type) {
                found = nla;
            }
        }
    }
    return found;
}

/* Reads 'nla' as 'a' says into '*value'.  Returns false if its size is
 * wrong for that. */
static bool
get_attr(const struct nlattr *nla, const struct tunnel_attr *a,
         uint32_t *value)
{
    static const size_t sizes[NL_A_N_KINDS] = {
        [NL_A_U8] = 1, [NL_A_U32] = 4, [NL_A_BE16] = 2, [NL_A_BE32] = 4,
        [NL_A_FLAG] = 0,
    };

    if (a->kind == NL_A_UNSPEC) {
        *value = 1;
        return true;
    }
    if (nl_attr_get_size(nla) != sizes[a->kind]) {
        return false;
    }
    switch (a->kind) {
    case NL_A_U8:
        *value = nl_attr_get_u8(nla);
        break;
    case NL_A_U32:
        *value = nl_attr_get_u32(nla);
        break;
    case NL_A_BE16:
        *value = ntohs(nl_attr_get_be16(nla));
        break;
    case NL_A_BE32:
        *value = ntohl(nl_attr_get_be32(nla));
        break;
    case NL_A_FLAG:
        *value = 1;
        break;
    default:
        OVS_NOT_REACHED();
    }
    return true;
}

/* Checks attribute rule 'a' (with the device's UDP port 'port') against
 * IFLA_INFO_DATA nest 'data'.  Returns NULL if it holds, else a
 * description of what is wrong, to free. */
static char *
check_attr(const struct nlattr *data, const struct tunnel_attr *a,
           uint16_t port)
{
    const struct nlattr *nla = find_attr(data, a->type);
    uint32_t expected = a->is_port ? port : a->value;
    uint32_t value;

    if (!nla) {
        if (a->rule == MUST_EQUAL && !(a->kind == NL_A_FLAG && !expected)) {
            return xasprintf("%s is missing, expected %"PRIu32" (%s)",
                             a->name, expected, a->meaning);
        }
        return NULL;
    }
    if (a->rule == MUST_BE_ABSENT) {
        return xasprintf("%s is set, expected absent (%s)", a->name,
                         a->meaning);
    }
    if (!get_attr(nla, a, &value)) {
        return xasprintf("%s has a malformed value of %zu bytes", a->name,
                         nl_attr_get_size(nla));
    }
    if (value != expected) {
        return xasprintf("%s is %"PRIu32", expected %"PRIu32" (%s)",
                         a->name, value, expected, a->meaning);
    }
    return NULL;
}

enum tunnel_dev_state
tunnel_dev_check(const struct nlmsghdr *nlh, size_t len,
                 enum tunnel_dev_type type, uint16_t dst_port, char **whyp)
{
    const struct tunnel_class *c = class_of(type);
    uint16_t port = effective_port(type, dst_port);
    const struct nlattr *data;
    struct netdev_info info;
    size_t i;

    *whyp = NULL;
    if (netdev_parse_link(nlh, len, &info)) {
        *whyp = xstrdup("the kernel's description of the device is "
                        "malformed");
        return TUNNEL_DEV_WRONG;
    }
    if (strcmp(info.kind, c->kind)) {
        *whyp = (info.kind[0]
                 ? xasprintf("kind is %s, expected %s", info.kind, c->kind)
                 : xasprintf("device has no kind, expected %s", c->kind));
        return TUNNEL_DEV_WRONG;
    }
    data = netdev_link_info_data(nlh, len);
    for (i = 0; i < c->n_attrs; i++) {
        char *why = check_attr(data, &c->attrs[i], port);

        if (why) {
            *whyp = why;
            return TUNNEL_DEV_WRONG;
        }
    }
    if (info.mtu != TUNNEL_DEV_MTU) {
        *whyp = xasprintf("MTU is %"PRIu32", expected %d", info.mtu,
                          TUNNEL_DEV_MTU);
        return TUNNEL_DEV_NEEDS_SETUP;
    }
    if (!netdev_info_is_up(&info)) {
        *whyp = xstrdup("device is administratively down");
        return TUNNEL_DEV_NEEDS_SETUP;
    }
    return TUNNEL_DEV_OK;
}

/* Talking to the kernel. */

/* Reads the RTM_NEWLINK of device 'name' into 'reply'. */
static int
fetch_link(struct nln_socket *rtnl, const char *name, struct nl_buf *reply)
{
    uint64_t stub[16];
    struct nl_buf req;
    int error;

    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_getlink(&req, 0, name);
    error = netdev_rtnl_transact(rtnl, &req, reply, NULL);
    return !error && !reply->used ? EPROTO : error;
}

/* Sets the MTU and brings up device 'ifindex'. */
static int
setup_link(struct nln_socket *rtnl, int ifindex, char **errp)
{
    uint64_t stub[16];
    struct nl_buf req;

    nl_buf_use(&req, stub, sizeof stub);
    netdev_build_setlink(&req, ifindex, IFF_UP, IFF_UP);
    nl_put_u32(&req, IFLA_MTU, TUNNEL_DEV_MTU);
    return netdev_rtnl_transact(rtnl, &req, NULL, errp);
}

static int
create_link(struct nln_socket *rtnl, enum tunnel_dev_type type,
            uint16_t dst_port, char **errp)
{
    struct nl_buf req;
    int error;

    nl_buf_init(&req, 256);
    tunnel_dev_build_create(&req, type, dst_port);
    error = netdev_rtnl_transact(rtnl, &req, NULL, errp);
    nl_buf_uninit(&req);
    return error;
}

/* Logs once, when a device is created, whether NICs hold its UDP port.
 * NICs learn the port asynchronously once the device is up, so this is
 * the state of the moment; ethtool_tunnel_port_devices() tells later. */
static void
log_port_tables(const char *name, enum tunnel_dev_type type,
                uint16_t dst_port)
{
    uint16_t port = effective_port(type, dst_port);
    struct ethtool_tunnel *et;
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (!port || ethtool_tunnel_open(&et)) {
        return;
    }
    ethtool_tunnel_describe_port(et, port, &ds);
    VLOG_INFO("%s: %s", name, ds_cstr(&ds));
    ds_destroy(&ds);
    ethtool_tunnel_close(et);
}

static void
set_errp(char **errp, char *msg)
{
    if (errp) {
        *errp = msg;
    } else {
        free(msg);
    }
}

int
tunnel_dev_verify(enum tunnel_dev_type type, uint16_t dst_port, char **errp)
{
    char name[IFNAMSIZ];
    struct nl_buf reply;
    char *why = NULL;
    int error;

    if (errp) {
        *errp = NULL;
    }
    tunnel_dev_name(type, dst_port, name);
    nl_buf_init(&reply, 2048);
    error = fetch_link(NULL, name, &reply);
    if (!error && tunnel_dev_check(nl_buf_at(&reply, 0), reply.used, type,
                                   dst_port, &why) != TUNNEL_DEV_OK) {
        error = EINVAL;
        set_errp(errp, why);
    }
    nl_buf_uninit(&reply);
    return error;
}

/* Creates the device and checks that the kernel made it as asked. */
static int
ensure_create(struct nln_socket *rtnl, enum tunnel_dev_type type,
              uint16_t dst_port, const char *name, struct nl_buf *reply,
              char **errp)
{
    char *why, *msg;
    int error;

    error = create_link(rtnl, type, dst_port, &msg);
    if (error) {
        VLOG_WARN("%s: cannot create %s device (%s%s%s)", name,
                  tunnel_dev_kind(type), ovs_strerror(error),
                  msg ? ": " : "", msg ? msg : "");
        set_errp(errp, msg);
        return error;
    }
    error = fetch_link(rtnl, name, reply);
    if (error) {
        return error;
    }
    if (tunnel_dev_check(nl_buf_at(reply, 0), reply->used, type, dst_port,
                         &why) != TUNNEL_DEV_OK) {
        VLOG_WARN("%s: created, but the kernel did not apply every "
                  "setting: %s", name, why);
        set_errp(errp, why);
        return EINVAL;
    }
    VLOG_INFO("%s: created %s device in metadata mode", name,
              tunnel_dev_kind(type));
    log_port_tables(name, type, dst_port);
    return 0;
}

/* Makes the existing device described by 'reply' right, if it can be
 * fixed in place, or deletes it (then returns ENODEV). */
static int
ensure_existing(struct nln_socket *rtnl, enum tunnel_dev_type type,
                uint16_t dst_port, const char *name, struct nl_buf *reply,
                char **errp)
{
    struct netdev_info info;
    enum tunnel_dev_state state;
    char *why, *msg;
    int error;

    state = tunnel_dev_check(nl_buf_at(reply, 0), reply->used, type,
                             dst_port, &why);
    if (state == TUNNEL_DEV_OK) {
        return 0;
    }
    if (state == TUNNEL_DEV_NEEDS_SETUP) {
        VLOG_INFO("%s: %s; setting it up", name, why);
        free(why);
        if (netdev_parse_link(nl_buf_at(reply, 0), reply->used, &info)) {
            return EPROTO;
        }
        error = setup_link(rtnl, info.ifindex, &msg);
        if (error) {
            VLOG_WARN("%s: cannot set it up (%s%s%s)", name,
                      ovs_strerror(error), msg ? ": " : "", msg ? msg : "");
            set_errp(errp, msg);
        } else {
            error = fetch_link(rtnl, name, reply);
        }
        if (!error && tunnel_dev_check(nl_buf_at(reply, 0), reply->used,
                                       type, dst_port, &why)) {
            VLOG_WARN("%s: still not right after setting it up: %s", name,
                      why);
            set_errp(errp, why);
            error = EINVAL;
        }
        return error;
    }

    VLOG_WARN("%s: replacing the existing device, which is not a %s "
              "device in metadata mode: %s", name, tunnel_dev_kind(type),
              why);
    free(why);
    error = netdev_delete(rtnl, name, errp);
    return error ? error : ENODEV;
}

int
tunnel_dev_ensure(enum tunnel_dev_type type, uint16_t dst_port,
                  char name[IFNAMSIZ], int *ifindexp, char **errp)
{
    struct nln_socket *rtnl;
    struct netdev_info info;
    char devname[IFNAMSIZ];
    struct nl_buf reply;
    int error;

    if (errp) {
        *errp = NULL;
    }
    if (ifindexp) {
        *ifindexp = 0;
    }
    tunnel_dev_name(type, dst_port, devname);
    if (name) {
        ovs_strlcpy(name, devname, IFNAMSIZ);
    }
    error = nln_socket_open(NETLINK_ROUTE, &rtnl);
    if (error) {
        return error;
    }

    nl_buf_init(&reply, 2048);
    error = fetch_link(rtnl, devname, &reply);
    if (!error) {
        error = ensure_existing(rtnl, type, dst_port, devname, &reply, errp);
    }
    if (error == ENODEV) {
        error = ensure_create(rtnl, type, dst_port, devname, &reply, errp);
        if (error == EEXIST && !fetch_link(rtnl, devname, &reply)) {
            /* Another process created the device meanwhile.  (EEXIST also
             * comes from a device of another name that owns the UDP port;
             * then the device is still missing and EEXIST stands.) */
            if (errp) {
                free(*errp);
                *errp = NULL;
            }
            error = ensure_existing(rtnl, type, dst_port, devname, &reply,
                                    errp);
            if (error == ENODEV) {
                error = EEXIST;
            }
        }
    }
    if (!error) {
        error = netdev_parse_link(nl_buf_at(&reply, 0), reply.used, &info);
        if (!error && ifindexp) {
            *ifindexp = info.ifindex;
        }
    }
    nl_buf_uninit(&reply);
    nln_socket_close(rtnl);
    return error;
}

int
tunnel_dev_remove(enum tunnel_dev_type type, uint16_t dst_port, char **errp)
{
    char name[IFNAMSIZ];
    int error;

    tunnel_dev_name(type, dst_port, name);
    error = netdev_delete(NULL, name, errp);
    if (error == ENODEV) {
        if (errp) {
            free(*errp);
            *errp = NULL;
        }
        return 0;
    }
    if (!error) {
        VLOG_INFO("%s: deleted", name);
    }
    return error;
}
