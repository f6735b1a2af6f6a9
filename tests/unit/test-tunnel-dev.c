/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for datapath/tunnel-dev.c and datapath/ethtool-tunnel.c:
 * device names, the RTM_NEWLINK requests that create metadata-mode
 * devices (byte-exact against fixtures written by hand from the uapi
 * headers), the check of the kernel's description of an existing device
 * (each wrong attribute named), and the ethtool netlink tunnel-info request
 * and reply parser.  No kernel involved.
 *
 * The fixtures spell out host-order integers little-endian, so the tests
 * that use them are skipped on a big-endian host.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <errno.h>
#include <net/if.h>             /* Before any <linux/if*.h>. */
#include <string.h>
#include <linux/ethtool_netlink.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>

#include "datapath/ethtool-tunnel.h"
#include "datapath/netdev.h"
#include "datapath/tunnel-dev.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "util.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SKIP_UNLESS_LITTLE_ENDIAN()
#else
#define SKIP_UNLESS_LITTLE_ENDIAN() skip()
#endif

/* Names. */

static void
test_names(void **state OVS_UNUSED)
{
    char name[IFNAMSIZ];
    enum tunnel_dev_type type;

    tunnel_dev_name(TUNNEL_DEV_VXLAN, 0, name);
    assert_string_equal(name, "vxlan_sys_4789");
    tunnel_dev_name(TUNNEL_DEV_VXLAN, 4790, name);
    assert_string_equal(name, "vxlan_sys_4790");
    tunnel_dev_name(TUNNEL_DEV_GRE, 1234, name);
    assert_string_equal(name, "gre_sys");
    tunnel_dev_name(TUNNEL_DEV_GENEVE, 0, name);
    assert_string_equal(name, "genev_sys_6081");
    tunnel_dev_name(TUNNEL_DEV_GENEVE, 65535, name);
    assert_string_equal(name, "genev_sys_65535");

    assert_int_equal(tunnel_dev_default_port(TUNNEL_DEV_VXLAN), 4789);
    assert_int_equal(tunnel_dev_default_port(TUNNEL_DEV_GRE), 0);
    assert_int_equal(tunnel_dev_default_port(TUNNEL_DEV_GENEVE), 6081);

    assert_string_equal(tunnel_dev_type_to_string(TUNNEL_DEV_GRE), "gre");
    assert_string_equal(tunnel_dev_kind(TUNNEL_DEV_GRE), "gretap");
    assert_true(tunnel_dev_type_from_string("geneve", &type));
    assert_int_equal(type, TUNNEL_DEV_GENEVE);
    assert_true(tunnel_dev_type_from_string("vxlan", &type));
    assert_int_equal(type, TUNNEL_DEV_VXLAN);
    assert_false(tunnel_dev_type_from_string("gretap", &type));
    assert_false(tunnel_dev_type_from_string("", &type));
}

/* Creation requests. */

/* RTM_NEWLINK creating vxlan_sys_4789.  struct nlattr is { u16 nla_len;
 * u16 nla_type; } then the payload padded to 4 bytes. */
static const uint8_t vxlan_create_fixture[] = {
    /* nlmsghdr: len 112, RTM_NEWLINK (16), NLM_F_CREATE | NLM_F_EXCL
     * (0x0600), seq 0, pid 0. */
    0x70, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x06,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* ifinfomsg: AF_UNSPEC, pad, type 0, index 0, flags IFF_UP, change
     * IFF_UP. */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    /* IFLA_IFNAME (3) "vxlan_sys_4789": 4 + 15 = 19, padded to 20. */
    0x13, 0x00, 0x03, 0x00, 'v', 'x', 'l', 'a',
    'n', '_', 's', 'y', 's', '_', '4', '7',
    '8', '9', 0x00, 0x00,
    /* IFLA_MTU (4) 65000 = 0xfde8. */
    0x08, 0x00, 0x04, 0x00, 0xe8, 0xfd, 0x00, 0x00,
    /* IFLA_LINKINFO (18), 52 bytes: */
    0x34, 0x00, 0x12, 0x00,
    /*   IFLA_INFO_KIND (1) "vxlan": 4 + 6 = 10, padded to 12. */
    0x0a, 0x00, 0x01, 0x00, 'v', 'x', 'l', 'a', 'n', 0x00, 0x00, 0x00,
    /*   IFLA_INFO_DATA (2), 36 bytes: */
    0x24, 0x00, 0x02, 0x00,
    /*     IFLA_VXLAN_COLLECT_METADATA (25) u8 1. */
    0x05, 0x00, 0x19, 0x00, 0x01, 0x00, 0x00, 0x00,
    /*     IFLA_VXLAN_PORT (15) be16 4789 (0x12b5). */
    0x06, 0x00, 0x0f, 0x00, 0x12, 0xb5, 0x00, 0x00,
    /*     IFLA_VXLAN_LEARNING (7) u8 0. */
    0x05, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00,
    /*     IFLA_VXLAN_UDP_ZERO_CSUM6_RX (20) u8 1. */
    0x05, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00,
};

/* RTM_NEWLINK creating gre_sys. */
static const uint8_t gre_create_fixture[] = {
    /* nlmsghdr: len 76. */
    0x4c, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x06,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    /* IFLA_IFNAME "gre_sys": 4 + 8 = 12. */
    0x0c, 0x00, 0x03, 0x00, 'g', 'r', 'e', '_', 's', 'y', 's', 0x00,
    /* IFLA_MTU 65000. */
    0x08, 0x00, 0x04, 0x00, 0xe8, 0xfd, 0x00, 0x00,
    /* IFLA_LINKINFO, 24 bytes: */
    0x18, 0x00, 0x12, 0x00,
    /*   IFLA_INFO_KIND "gretap": 4 + 7 = 11, padded to 12. */
    0x0b, 0x00, 0x01, 0x00, 'g', 'r', 'e', 't', 'a', 'p', 0x00, 0x00,
    /*   IFLA_INFO_DATA, 8 bytes: IFLA_GRE_COLLECT_METADATA (18) flag. */
    0x08, 0x00, 0x02, 0x00,
    0x04, 0x00, 0x12, 0x00,
};

/* RTM_NEWLINK creating genev_sys_6081. */
static const uint8_t geneve_create_fixture[] = {
    /* nlmsghdr: len 100. */
    0x64, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x06,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    /* IFLA_IFNAME "genev_sys_6081": 19, padded to 20. */
    0x13, 0x00, 0x03, 0x00, 'g', 'e', 'n', 'e',
    'v', '_', 's', 'y', 's', '_', '6', '0',
    '8', '1', 0x00, 0x00,
    /* IFLA_MTU 65000. */
    0x08, 0x00, 0x04, 0x00, 0xe8, 0xfd, 0x00, 0x00,
    /* IFLA_LINKINFO, 40 bytes: */
    0x28, 0x00, 0x12, 0x00,
    /*   IFLA_INFO_KIND "geneve": 11, padded to 12. */
    0x0b, 0x00, 0x01, 0x00, 'g', 'e', 'n', 'e', 'v', 'e', 0x00, 0x00,
    /*   IFLA_INFO_DATA, 24 bytes: */
    0x18, 0x00, 0x02, 0x00,
    /*     IFLA_GENEVE_COLLECT_METADATA (6) flag. */
    0x04, 0x00, 0x06, 0x00,
    /*     IFLA_GENEVE_PORT (5) be16 6081 (0x17c1). */
    0x06, 0x00, 0x05, 0x00, 0x17, 0xc1, 0x00, 0x00,
    /*     IFLA_GENEVE_UDP_ZERO_CSUM6_RX (10) u8 1. */
    0x05, 0x00, 0x0a, 0x00, 0x01, 0x00, 0x00, 0x00,
};

static void
check_create(enum tunnel_dev_type type, uint16_t port,
             const uint8_t *fixture, size_t size)
{
    uint64_t stub[64];
    struct nl_buf buf;

    nl_buf_use(&buf, stub, sizeof stub);
    assert_int_equal(tunnel_dev_build_create(&buf, type, port), 0);
    assert_int_equal(buf.used, size);
    assert_memory_equal(buf.data, fixture, size);
}

static void
test_create_vxlan(void **state OVS_UNUSED)
{
    SKIP_UNLESS_LITTLE_ENDIAN();
    check_create(TUNNEL_DEV_VXLAN, 4789, vxlan_create_fixture,
                 sizeof vxlan_create_fixture);
    /* Port 0 means the default. */
    check_create(TUNNEL_DEV_VXLAN, 0, vxlan_create_fixture,
                 sizeof vxlan_create_fixture);
}

static void
test_create_gre(void **state OVS_UNUSED)
{
    SKIP_UNLESS_LITTLE_ENDIAN();
    check_create(TUNNEL_DEV_GRE, 0, gre_create_fixture,
                 sizeof gre_create_fixture);
}

static void
test_create_geneve(void **state OVS_UNUSED)
{
    SKIP_UNLESS_LITTLE_ENDIAN();
    check_create(TUNNEL_DEV_GENEVE, 6081, geneve_create_fixture,
                 sizeof geneve_create_fixture);
}

static void
test_create_too_small(void **state OVS_UNUSED)
{
    uint64_t stub[8];
    struct nl_buf buf;

    nl_buf_use(&buf, stub, sizeof stub);
    assert_int_equal(tunnel_dev_build_create(&buf, TUNNEL_DEV_VXLAN, 4789),
                     EMSGSIZE);
}

/* Checking the kernel's description. */

/* What a kernel link reply may hold, for building variants. */
struct link_desc {
    const char *name;
    const char *kind;           /* NULL: no IFLA_LINKINFO. */
    unsigned int flags;
    uint32_t mtu;
    void (*put_data)(struct nl_buf *, const void *aux);
    const void *aux;
};

/* Builds RTM_NEWLINK as the kernel would answer RTM_GETLINK. */
static void
build_link(struct nl_buf *buf, const struct link_desc *d)
{
    struct ifinfomsg ifi = {
        .ifi_family = AF_UNSPEC, .ifi_type = 1, .ifi_index = 9,
        .ifi_flags = d->flags,
    };
    size_t linkinfo, data;

    nl_buf_clear(buf);
    nl_msg_put_nlmsghdr(buf, RTM_NEWLINK, 0);
    nl_msg_put_header(buf, &ifi, sizeof ifi);
    nl_put_string(buf, IFLA_IFNAME, d->name);
    nl_put_u32(buf, IFLA_MTU, d->mtu);
    nl_put_unspec(buf, IFLA_ADDRESS, "\x02\x00\x00\x00\x00\x09", 6);
    if (d->kind) {
        linkinfo = nl_nest_begin(buf, IFLA_LINKINFO);
        nl_put_string(buf, IFLA_INFO_KIND, d->kind);
        if (d->put_data) {
            data = nl_nest_begin(buf, IFLA_INFO_DATA);
            d->put_data(buf, d->aux);
            nl_nest_end(buf, data);
        }
        nl_nest_end(buf, linkinfo);
    }
    assert_int_equal(nl_buf_error(buf), 0);
}

/* A vxlan reply as 6.1 sends it for "external dstport P nolearning
 * udp6zerocsumrx", with one attribute overridden by 'aux' (a struct
 * override) when nonnull. */
struct override {
    uint16_t type;              /* Attribute to change... */
    int value;                  /* ...to this u8/u32 value, or -1 to drop
                                 * it, or -2 to add it as a flag. */
};

static void
put_u8_or(struct nl_buf *buf, const struct override *o, uint16_t type,
          uint8_t value)
{
    if (o && o->type == type) {
        if (o->value >= 0) {
            nl_put_u8(buf, type, o->value);
        }
    } else {
        nl_put_u8(buf, type, value);
    }
}

static void
put_vxlan_data(struct nl_buf *buf, const void *aux)
{
    const struct override *o = aux;
    uint32_t id = o && o->type == IFLA_VXLAN_ID ? o->value : 0;
    uint16_t port = o && o->type == IFLA_VXLAN_PORT ? o->value : 4789;

    nl_put_u32(buf, IFLA_VXLAN_ID, id);
    if (o && o->type == IFLA_VXLAN_LINK) {
        nl_put_u32(buf, IFLA_VXLAN_LINK, o->value);
    }
    put_u8_or(buf, o, IFLA_VXLAN_TTL, 0);
    put_u8_or(buf, o, IFLA_VXLAN_TOS, 0);
    put_u8_or(buf, o, IFLA_VXLAN_LEARNING, 0);
    put_u8_or(buf, o, IFLA_VXLAN_COLLECT_METADATA, 1);
    nl_put_u32(buf, IFLA_VXLAN_AGEING, 300);
    put_u8_or(buf, o, IFLA_VXLAN_UDP_CSUM, 1);
    put_u8_or(buf, o, IFLA_VXLAN_UDP_ZERO_CSUM6_TX, 0);
    put_u8_or(buf, o, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, 1);
    put_u8_or(buf, o, IFLA_VXLAN_REMCSUM_TX, 0);
    put_u8_or(buf, o, IFLA_VXLAN_REMCSUM_RX, 0);
    nl_put_be16(buf, IFLA_VXLAN_PORT, htons(port));
    if (o && o->type == IFLA_VXLAN_GBP) {
        nl_put_flag(buf, IFLA_VXLAN_GBP);
    }
    if (o && o->type == IFLA_VXLAN_GROUP) {
        nl_put_be32(buf, IFLA_VXLAN_GROUP, htonl(o->value));
    }
}

static void
put_gre_data(struct nl_buf *buf, const void *aux)
{
    const struct override *o = aux;

    nl_put_u32(buf, IFLA_GRE_LINK, 0);
    nl_put_be16(buf, IFLA_GRE_IFLAGS, 0);
    nl_put_be16(buf, IFLA_GRE_OFLAGS, 0);
    nl_put_be32(buf, IFLA_GRE_LOCAL, 0);
    nl_put_be32(buf, IFLA_GRE_REMOTE,
                htonl(o && o->type == IFLA_GRE_REMOTE ? o->value : 0));
    put_u8_or(buf, o, IFLA_GRE_TTL, 0);
    put_u8_or(buf, o, IFLA_GRE_PMTUDISC, 1);
    if (!o || o->type != IFLA_GRE_COLLECT_METADATA) {
        nl_put_flag(buf, IFLA_GRE_COLLECT_METADATA);
    }
}

static void
put_geneve_data(struct nl_buf *buf, const void *aux)
{
    const struct override *o = aux;

    nl_put_u32(buf, IFLA_GENEVE_ID, 0);
    if (o && o->type == IFLA_GENEVE_REMOTE) {
        nl_put_be32(buf, IFLA_GENEVE_REMOTE, htonl(o->value));
    }
    nl_put_u8(buf, IFLA_GENEVE_TTL, 0);
    nl_put_be16(buf, IFLA_GENEVE_PORT, htons(6081));
    nl_put_flag(buf, IFLA_GENEVE_COLLECT_METADATA);
    nl_put_u8(buf, IFLA_GENEVE_UDP_ZERO_CSUM6_TX, 0);
    put_u8_or(buf, o, IFLA_GENEVE_UDP_ZERO_CSUM6_RX, 1);
}

/* Builds a reply from 'd' and checks it against ('type', 'port'),
 * expecting 'state' and, unless NULL, the reason 'why'. */
static void
check_link_state(const struct link_desc *d, enum tunnel_dev_type type,
             uint16_t port, enum tunnel_dev_state state, const char *why)
{
    struct nl_buf buf;
    char *reason;

    nl_buf_init(&buf, 512);
    build_link(&buf, d);
    assert_int_equal(tunnel_dev_check(nl_buf_at(&buf, 0), buf.used, type,
                                      port, &reason), state);
    if (state == TUNNEL_DEV_OK) {
        assert_null(reason);
    } else {
        assert_non_null(reason);
        if (why) {
            assert_string_equal(reason, why);
        }
    }
    free(reason);
    nl_buf_uninit(&buf);
}

#define UP_FLAGS (IFF_UP | IFF_BROADCAST | IFF_MULTICAST)

static void
test_check_vxlan(void **state OVS_UNUSED)
{
    struct override o;
    struct link_desc d = {
        "vxlan_sys_4789", "vxlan", UP_FLAGS, 65000, put_vxlan_data, NULL,
    };

    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_OK, NULL);

    d.aux = &o;
    o = (struct override) { IFLA_VXLAN_LEARNING, 1 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_LEARNING is 1, expected 0 (nolearning)");
    o = (struct override) { IFLA_VXLAN_COLLECT_METADATA, 0 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_COLLECT_METADATA is 0, expected 1 (external)");
    o = (struct override) { IFLA_VXLAN_COLLECT_METADATA, -1 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_COLLECT_METADATA is missing, expected 1 "
                 "(external)");
    o = (struct override) { IFLA_VXLAN_PORT, 8472 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_PORT is 8472, expected 4789 (dstport)");
    o = (struct override) { IFLA_VXLAN_ID, 5 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_ID is 5, expected 0 (id 0)");
    o = (struct override) { IFLA_VXLAN_LINK, 1 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_LINK is 1, expected 0 (no lower device)");
    o = (struct override) { IFLA_VXLAN_UDP_ZERO_CSUM6_RX, 0 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_UDP_ZERO_CSUM6_RX is 0, expected 1 "
                 "(udp6zerocsumrx)");
    o = (struct override) { IFLA_VXLAN_GBP, 0 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_GBP is set, expected absent (no gbp)");
    o = (struct override) { IFLA_VXLAN_GROUP, 0x0a000001 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_GROUP is 167772161, expected 0 (no remote)");
    /* Settings that metadata mode makes irrelevant are not checked. */
    o = (struct override) { IFLA_VXLAN_UDP_CSUM, 0 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_OK, NULL);
    o = (struct override) { IFLA_VXLAN_TTL, 64 };
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_OK, NULL);

    /* The port decides, and 0 means 4789. */
    d.aux = NULL;
    check_link_state(&d, TUNNEL_DEV_VXLAN, 0, TUNNEL_DEV_OK, NULL);
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4790, TUNNEL_DEV_WRONG,
                 "IFLA_VXLAN_PORT is 4789, expected 4790 (dstport)");
}

static void
test_check_kind_and_setup(void **state OVS_UNUSED)
{
    struct link_desc d = {
        "gre_sys", "dummy", UP_FLAGS, 1500, NULL, NULL,
    };

    check_link_state(&d, TUNNEL_DEV_GRE, 0, TUNNEL_DEV_WRONG,
                 "kind is dummy, expected gretap");
    d.kind = NULL;
    check_link_state(&d, TUNNEL_DEV_GRE, 0, TUNNEL_DEV_WRONG,
                 "device has no kind, expected gretap");
    d.kind = "vxlan";
    d.put_data = put_vxlan_data;
    check_link_state(&d, TUNNEL_DEV_GENEVE, 0, TUNNEL_DEV_WRONG,
                 "kind is vxlan, expected geneve");

    /* Right attributes, wrong MTU or down: fixable in place. */
    d.mtu = 1500;
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_NEEDS_SETUP,
                 "MTU is 1500, expected 65000");
    d.mtu = 65000;
    d.flags = IFF_BROADCAST | IFF_MULTICAST;
    check_link_state(&d, TUNNEL_DEV_VXLAN, 4789, TUNNEL_DEV_NEEDS_SETUP,
                 "device is administratively down");
}

static void
test_check_gre_geneve(void **state OVS_UNUSED)
{
    struct override o;
    struct link_desc gre = {
        "gre_sys", "gretap", UP_FLAGS, 65000, put_gre_data, NULL,
    };
    struct link_desc geneve = {
        "genev_sys_6081", "geneve", UP_FLAGS, 65000, put_geneve_data, NULL,
    };

    check_link_state(&gre, TUNNEL_DEV_GRE, 0, TUNNEL_DEV_OK, NULL);
    gre.aux = &o;
    o = (struct override) { IFLA_GRE_COLLECT_METADATA, 0 };
    check_link_state(&gre, TUNNEL_DEV_GRE, 0, TUNNEL_DEV_WRONG,
                 "IFLA_GRE_COLLECT_METADATA is missing, expected 1 "
                 "(external)");
    o = (struct override) { IFLA_GRE_REMOTE, 0x0a000002 };
    check_link_state(&gre, TUNNEL_DEV_GRE, 0, TUNNEL_DEV_WRONG,
                 "IFLA_GRE_REMOTE is 167772162, expected 0 (remote any)");

    check_link_state(&geneve, TUNNEL_DEV_GENEVE, 6081, TUNNEL_DEV_OK, NULL);
    geneve.aux = &o;
    o = (struct override) { IFLA_GENEVE_REMOTE, 0x0a000003 };
    check_link_state(&geneve, TUNNEL_DEV_GENEVE, 6081, TUNNEL_DEV_WRONG,
                 "IFLA_GENEVE_REMOTE is set, expected absent (no remote)");
    o = (struct override) { IFLA_GENEVE_UDP_ZERO_CSUM6_RX, -1 };
    check_link_state(&geneve, TUNNEL_DEV_GENEVE, 6081, TUNNEL_DEV_WRONG,
                 "IFLA_GENEVE_UDP_ZERO_CSUM6_RX is missing, expected 1 "
                 "(udp6zerocsumrx)");
}

/* The creation request itself describes a device that passes the check:
 * what is created is what is verified. */
static void
test_create_passes_check(void **state OVS_UNUSED)
{
    static const enum tunnel_dev_type types[] = {
        TUNNEL_DEV_VXLAN, TUNNEL_DEV_GRE, TUNNEL_DEV_GENEVE,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(types); i++) {
        struct nl_buf buf;
        char *why;

        nl_buf_init(&buf, 256);
        tunnel_dev_build_create(&buf, types[i], 4800);
        assert_int_equal(tunnel_dev_check(nl_buf_at(&buf, 0), buf.used,
                                          types[i], 4800, &why),
                         TUNNEL_DEV_OK);
        assert_null(why);
        if (types[i] != TUNNEL_DEV_GRE) {
            assert_int_equal(tunnel_dev_check(nl_buf_at(&buf, 0), buf.used,
                                              types[i], 4801, &why),
                             TUNNEL_DEV_WRONG);
            free(why);
        }
        nl_buf_uninit(&buf);
    }
}

static void
test_check_malformed(void **state OVS_UNUSED)
{
    uint8_t copy[sizeof vxlan_create_fixture];
    char *why;

    /* Cut short: nlmsg_len says more than there is. */
    memcpy(copy, vxlan_create_fixture, sizeof copy);
    assert_int_equal(tunnel_dev_check((const void *) copy, sizeof copy - 4,
                                      TUNNEL_DEV_VXLAN, 4789, &why),
                     TUNNEL_DEV_WRONG);
    assert_string_equal(why, "the kernel's description of the device is "
                        "malformed");
    free(why);
}

/* ethtool netlink. */

/* ETHTOOL_MSG_TUNNEL_INFO_GET for ifindex 3, family id 25. */
static const uint8_t ethtool_get_fixture[] = {
    /* nlmsghdr: len 40, type 25, flags 0. */
    0x28, 0x00, 0x00, 0x00, 0x19, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* genlmsghdr: cmd 28 (TUNNEL_INFO_GET), version 1. */
    0x1c, 0x01, 0x00, 0x00,
    /* ETHTOOL_A_TUNNEL_INFO_HEADER (1) | NLA_F_NESTED, 20 bytes: */
    0x14, 0x00, 0x01, 0x80,
    /*   ETHTOOL_A_HEADER_DEV_INDEX (1) u32 3. */
    0x08, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00,
    /*   ETHTOOL_A_HEADER_FLAGS (3) u32 COMPACT_BITSETS (1). */
    0x08, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,
};

/* The dump form: no device in the header. */
static const uint8_t ethtool_dump_fixture[] = {
    0x20, 0x00, 0x00, 0x00, 0x19, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x1c, 0x01, 0x00, 0x00,
    0x0c, 0x00, 0x01, 0x80,
    0x08, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,
};

static void
test_ethtool_build(void **state OVS_UNUSED)
{
    uint64_t stub[16];
    struct nl_buf buf;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_buf_use(&buf, stub, sizeof stub);
    assert_int_equal(ethtool_tunnel_build_get(&buf, 25, 3, NULL), 0);
    assert_int_equal(buf.used, sizeof ethtool_get_fixture);
    assert_memory_equal(buf.data, ethtool_get_fixture,
                        sizeof ethtool_get_fixture);

    nl_buf_clear(&buf);
    assert_int_equal(ethtool_tunnel_build_get(&buf, 25, 0, NULL), 0);
    assert_int_equal(buf.used, sizeof ethtool_dump_fixture);
    assert_memory_equal(buf.data, ethtool_dump_fixture,
                        sizeof ethtool_dump_fixture);
}

/* ETHTOOL_MSG_TUNNEL_INFO_GET_REPLY for eth0 (ifindex 4) with two tables,
 * as a NIC with a 4-entry vxlan/geneve table and the static IANA VXLAN
 * port reports them, with compact bitsets. */
static const uint8_t ethtool_reply_fixture[] = {
    /* nlmsghdr: len 180, type 25, flags 0, seq 7, pid 0. */
    0xb4, 0x00, 0x00, 0x00, 0x19, 0x00, 0x00, 0x00,
    0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* genlmsghdr: cmd 29 (TUNNEL_INFO_GET_REPLY), version 1. */
    0x1d, 0x01, 0x00, 0x00,
    /* ETHTOOL_A_TUNNEL_INFO_HEADER | NLA_F_NESTED, 24 bytes: */
    0x18, 0x00, 0x01, 0x80,
    /*   DEV_INDEX u32 4. */
    0x08, 0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00,
    /*   DEV_NAME (2) "eth0": 4 + 5 = 9, padded to 12. */
    0x09, 0x00, 0x02, 0x00, 'e', 't', 'h', '0', 0x00, 0x00, 0x00, 0x00,
    /* ETHTOOL_A_TUNNEL_INFO_UDP_PORTS (2) | NLA_F_NESTED, 136 bytes: */
    0x88, 0x00, 0x02, 0x80,
    /*   ETHTOOL_A_TUNNEL_UDP_TABLE (1) | NESTED, 76 bytes: */
    0x4c, 0x00, 0x01, 0x80,
    /*     TABLE_SIZE (1) u32 4. */
    0x08, 0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00,
    /*     TABLE_TYPES (2) | NESTED, 20 bytes: NOMASK (1) flag, SIZE (2)
     *     u32 3, VALUE (4) u32 0x3 (vxlan, geneve). */
    0x18, 0x00, 0x02, 0x80,
    0x04, 0x00, 0x01, 0x00,
    0x08, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x04, 0x00, 0x03, 0x00, 0x00, 0x00,
    /*     TABLE_ENTRY (3) | NESTED: PORT (1) be16 4789, TYPE (2) u32 0. */
    0x14, 0x00, 0x03, 0x80,
    0x06, 0x00, 0x01, 0x00, 0x12, 0xb5, 0x00, 0x00,
    0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
    /*     TABLE_ENTRY: PORT 6081, TYPE 1 (geneve). */
    0x14, 0x00, 0x03, 0x80,
    0x06, 0x00, 0x01, 0x00, 0x17, 0xc1, 0x00, 0x00,
    0x08, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00,
    /*   ETHTOOL_A_TUNNEL_UDP_TABLE | NESTED, 56 bytes: the static one. */
    0x38, 0x00, 0x01, 0x80,
    /*     TABLE_SIZE u32 1. */
    0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00,
    /*     TABLE_TYPES: NOMASK, SIZE 3, VALUE 0. */
    0x18, 0x00, 0x02, 0x80,
    0x04, 0x00, 0x01, 0x00,
    0x08, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
    /*     TABLE_ENTRY: PORT 4789, TYPE 0. */
    0x14, 0x00, 0x03, 0x80,
    0x06, 0x00, 0x01, 0x00, 0x12, 0xb5, 0x00, 0x00,
    0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void
test_ethtool_parse(void **state OVS_UNUSED)
{
    struct ethtool_tunnel_info info;
    struct ds ds = DS_EMPTY_INITIALIZER;
    const struct ethtool_tunnel_table *t;

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(sizeof ethtool_reply_fixture, 180);
    assert_int_equal(ethtool_tunnel_parse((const void *) ethtool_reply_fixture,
                                          sizeof ethtool_reply_fixture,
                                          &info), 0);
    assert_int_equal(info.ifindex, 4);
    assert_string_equal(info.name, "eth0");
    assert_int_equal(info.n_tables, 2);

    t = &info.tables[0];
    assert_int_equal(t->size, 4);
    assert_int_equal(t->types, 0x3);
    assert_int_equal(t->n_ports, 2);
    assert_int_equal(t->ports[0].port, 4789);
    assert_int_equal(t->ports[0].type, ETHTOOL_UDP_TUNNEL_TYPE_VXLAN);
    assert_int_equal(t->ports[1].port, 6081);
    assert_int_equal(t->ports[1].type, ETHTOOL_UDP_TUNNEL_TYPE_GENEVE);

    t = &info.tables[1];
    assert_int_equal(t->size, 1);
    assert_int_equal(t->types, 0);
    assert_int_equal(t->n_ports, 1);
    assert_int_equal(t->ports[0].port, 4789);

    assert_true(ethtool_tunnel_info_has_port(&info, 4789));
    assert_true(ethtool_tunnel_info_has_port(&info, 6081));
    assert_false(ethtool_tunnel_info_has_port(&info, 4790));

    ethtool_tunnel_info_format(&ds, &info);
    assert_string_equal(ds_cstr(&ds),
                        "eth0: table 0 (size 4, types vxlan,geneve): "
                        "4789/vxlan 6081/geneve; table 1 (size 1, types "
                        "none): 4789/vxlan");
    ds_destroy(&ds);
    ethtool_tunnel_info_uninit(&info);
}

/* The same table with a bit-by-bit bitset, as the kernel sends without
 * ETHTOOL_FLAG_COMPACT_BITSETS. */
static void
test_ethtool_parse_verbose_bitset(void **state OVS_UNUSED)
{
    struct ethtool_tunnel_info info;
    size_t hdr, ports, table, types, bits, bit, entry;
    struct nl_buf buf;

    nl_buf_init(&buf, 256);
    nl_msg_put_nlmsghdr(&buf, 25, 0);
    nl_msg_put_genlmsghdr(&buf, ETHTOOL_MSG_TUNNEL_INFO_GET_REPLY, 1);
    hdr = nl_nest_begin(&buf, ETHTOOL_A_TUNNEL_INFO_HEADER | NLA_F_NESTED);
    nl_put_u32(&buf, ETHTOOL_A_HEADER_DEV_INDEX, 8);
    nl_put_string(&buf, ETHTOOL_A_HEADER_DEV_NAME, "ens1f0");
    nl_nest_end(&buf, hdr);
    ports = nl_nest_begin(&buf, ETHTOOL_A_TUNNEL_INFO_UDP_PORTS
                          | NLA_F_NESTED);
    table = nl_nest_begin(&buf, ETHTOOL_A_TUNNEL_UDP_TABLE | NLA_F_NESTED);
    nl_put_u32(&buf, ETHTOOL_A_TUNNEL_UDP_TABLE_SIZE, 2);
    types = nl_nest_begin(&buf, ETHTOOL_A_TUNNEL_UDP_TABLE_TYPES
                          | NLA_F_NESTED);
    nl_put_flag(&buf, ETHTOOL_A_BITSET_NOMASK);
    nl_put_u32(&buf, ETHTOOL_A_BITSET_SIZE, 3);
    bits = nl_nest_begin(&buf, ETHTOOL_A_BITSET_BITS | NLA_F_NESTED);
    bit = nl_nest_begin(&buf, ETHTOOL_A_BITSET_BITS_BIT | NLA_F_NESTED);
    nl_put_u32(&buf, ETHTOOL_A_BITSET_BIT_INDEX, 2);
    nl_put_string(&buf, ETHTOOL_A_BITSET_BIT_NAME, "vxlan-gpe");
    nl_nest_end(&buf, bit);
    bit = nl_nest_begin(&buf, ETHTOOL_A_BITSET_BITS_BIT | NLA_F_NESTED);
    nl_put_string(&buf, ETHTOOL_A_BITSET_BIT_NAME, "vxlan");
    nl_nest_end(&buf, bit);
    nl_nest_end(&buf, bits);
    nl_nest_end(&buf, types);
    entry = nl_nest_begin(&buf, ETHTOOL_A_TUNNEL_UDP_TABLE_ENTRY
                          | NLA_F_NESTED);
    nl_put_be16(&buf, ETHTOOL_A_TUNNEL_UDP_ENTRY_PORT, htons(4790));
    nl_put_u32(&buf, ETHTOOL_A_TUNNEL_UDP_ENTRY_TYPE, 0);
    nl_nest_end(&buf, entry);
    nl_nest_end(&buf, table);
    nl_nest_end(&buf, ports);
    assert_int_equal(nl_buf_error(&buf), 0);

    assert_int_equal(ethtool_tunnel_parse(nl_buf_at(&buf, 0), buf.used,
                                          &info), 0);
    assert_int_equal(info.ifindex, 8);
    assert_string_equal(info.name, "ens1f0");
    assert_int_equal(info.n_tables, 1);
    assert_int_equal(info.tables[0].types, 0x5);
    assert_int_equal(info.tables[0].n_ports, 1);
    assert_int_equal(info.tables[0].ports[0].port, 4790);
    ethtool_tunnel_info_uninit(&info);
    nl_buf_uninit(&buf);
}

static void
test_ethtool_parse_bad(void **state OVS_UNUSED)
{
    uint8_t copy[sizeof ethtool_reply_fixture];
    struct ethtool_tunnel_info info;

    SKIP_UNLESS_LITTLE_ENDIAN();

    /* Wrong command: the request instead of the reply. */
    memcpy(copy, ethtool_reply_fixture, sizeof copy);
    copy[16] = ETHTOOL_MSG_TUNNEL_INFO_GET;
    assert_int_equal(ethtool_tunnel_parse((const void *) copy, sizeof copy,
                                          &info), EINVAL);

    /* An entry without its type: the last entry's TYPE attribute turned
     * into an unknown type 9. */
    memcpy(copy, ethtool_reply_fixture, sizeof copy);
    copy[sizeof copy - 6] = 9;
    assert_int_equal(ethtool_tunnel_parse((const void *) copy, sizeof copy,
                                          &info), EINVAL);
    assert_int_equal(info.n_tables, 0);
    assert_null(info.tables);

    /* Truncated. */
    memcpy(copy, ethtool_reply_fixture, sizeof copy);
    assert_int_equal(ethtool_tunnel_parse((const void *) copy,
                                          sizeof copy - 8, &info), EINVAL);

    /* A device without the header nest. */
    memcpy(copy, ethtool_reply_fixture, sizeof copy);
    copy[22] = 9;               /* HEADER becomes unknown type 9. */
    assert_int_equal(ethtool_tunnel_parse((const void *) copy, sizeof copy,
                                          &info), EINVAL);
}

static void
test_ethtool_type_names(void **state OVS_UNUSED)
{
    char buf[16];

    assert_string_equal(ethtool_tunnel_type_name(0, buf), "vxlan");
    assert_string_equal(ethtool_tunnel_type_name(1, buf), "geneve");
    assert_string_equal(ethtool_tunnel_type_name(2, buf), "vxlan-gpe");
    assert_string_equal(ethtool_tunnel_type_name(7, buf), "type 7");
}

/* Every truncation and single-byte corruption of the reply fixture and of
 * a creation request is handled cleanly by the parsers (run under valgrind
 * or ASan to see that nothing reads outside the message). */
static void
test_parse_mutations(void **state OVS_UNUSED)
{
    uint8_t *copy = xmalloc(sizeof ethtool_reply_fixture);
    struct ethtool_tunnel_info info;
    size_t len, i;
    int n_ok = 0;
    char *why;

    for (len = 0; len <= sizeof ethtool_reply_fixture; len++) {
        copy = xrealloc(copy, len ? len : 1);
        memcpy(copy, ethtool_reply_fixture, len);
        if (!ethtool_tunnel_parse((const void *) copy, len, &info)) {
            n_ok++;
            ethtool_tunnel_info_uninit(&info);
        }
    }
    assert_int_equal(n_ok, 1);

    copy = xrealloc(copy, sizeof ethtool_reply_fixture);
    for (i = 0; i < sizeof ethtool_reply_fixture; i++) {
        memcpy(copy, ethtool_reply_fixture, sizeof ethtool_reply_fixture);
        copy[i] ^= 0xff;
        if (!ethtool_tunnel_parse((const void *) copy,
                                  sizeof ethtool_reply_fixture, &info)) {
            ethtool_tunnel_info_uninit(&info);
        }
    }

    copy = xrealloc(copy, sizeof vxlan_create_fixture);
    for (i = 0; i < sizeof vxlan_create_fixture; i++) {
        memcpy(copy, vxlan_create_fixture, sizeof vxlan_create_fixture);
        copy[i] ^= 0xff;
        tunnel_dev_check((const void *) copy, sizeof vxlan_create_fixture,
                         TUNNEL_DEV_VXLAN, 4789, &why);
        free(why);
    }
    free(copy);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_create_vxlan),
        cmocka_unit_test(test_create_gre),
        cmocka_unit_test(test_create_geneve),
        cmocka_unit_test(test_create_too_small),
        cmocka_unit_test(test_check_vxlan),
        cmocka_unit_test(test_check_kind_and_setup),
        cmocka_unit_test(test_check_gre_geneve),
        cmocka_unit_test(test_create_passes_check),
        cmocka_unit_test(test_check_malformed),
        cmocka_unit_test(test_ethtool_build),
        cmocka_unit_test(test_ethtool_parse),
        cmocka_unit_test(test_ethtool_parse_verbose_bitset),
        cmocka_unit_test(test_ethtool_parse_bad),
        cmocka_unit_test(test_ethtool_type_names),
        cmocka_unit_test(test_parse_mutations),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
