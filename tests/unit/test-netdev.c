/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for datapath/netdev-linux.c: the rtnetlink requests it sends
 * (byte-exact against fixtures written by hand from the uapi layout) and
 * the parser of the kernel's RTM_NEWLINK/RTM_DELLINK messages, on a
 * hand-built message and on malformed variants.  No kernel involved; the
 * calls that talk to one are exercised by tests/system/netdev.sh.
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
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

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

/* Requests.  Each starts with struct nlmsghdr { u32 len; u16 type; u16
 * flags; u32 seq; u32 pid; } (seq and pid 0: the socket stamps them) and
 * struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags;
 * u32 change; }. */

/* RTM_GETLINK (18) of "nd0" by name. */
static const uint8_t getlink_fixture[] = {
    0x28, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* IFLA_IFNAME (3) "nd0". */
    0x08, 0x00, 0x03, 0x00, 'n', 'd', '0', 0x00,
};

/* RTM_GETLINK of ifindex 7: the name is not sent. */
static const uint8_t getlink_ifindex_fixture[] = {
    0x20, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* RTM_NEWLINK (16) without NLM_F_CREATE: ifindex 7's MTU to 9000. */
static const uint8_t set_mtu_fixture[] = {
    0x28, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* IFLA_MTU (4) u32 9000 (0x2328). */
    0x08, 0x00, 0x04, 0x00, 0x28, 0x23, 0x00, 0x00,
};

/* RTM_NEWLINK: ifindex 7's MAC to 02:00:00:77:00:01. */
static const uint8_t set_mac_fixture[] = {
    0x2c, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* IFLA_ADDRESS (1), 6 bytes, 2 of padding. */
    0x0a, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x77,
    0x00, 0x01, 0x00, 0x00,
};

/* RTM_NEWLINK: ifindex 7 up (flags IFF_UP under change IFF_UP). */
static const uint8_t set_up_fixture[] = {
    0x20, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
};

/* RTM_DELLINK (17) of "gre_sys" by name. */
static const uint8_t dellink_fixture[] = {
    0x2c, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x0c, 0x00, 0x03, 0x00, 'g', 'r', 'e', '_', 's', 'y', 's', 0x00,
};

static void
assert_buf(const struct nl_buf *buf, const uint8_t *fixture, size_t size)
{
    assert_int_equal(nl_buf_error(buf), 0);
    assert_int_equal(buf->used, size);
    assert_memory_equal(buf->data, fixture, size);
}

static void
test_build_requests(void **state OVS_UNUSED)
{
    uint64_t stub[32];
    struct nl_buf buf;

    SKIP_UNLESS_LITTLE_ENDIAN();
    nl_buf_use(&buf, stub, sizeof stub);

    assert_int_equal(netdev_build_getlink(&buf, 0, "nd0"), 0);
    assert_buf(&buf, getlink_fixture, sizeof getlink_fixture);

    nl_buf_clear(&buf);
    netdev_build_getlink(&buf, 7, "ignored");
    assert_buf(&buf, getlink_ifindex_fixture, sizeof getlink_ifindex_fixture);

    nl_buf_clear(&buf);
    netdev_build_set_mtu(&buf, 7, 9000);
    assert_buf(&buf, set_mtu_fixture, sizeof set_mtu_fixture);

    nl_buf_clear(&buf);
    netdev_build_set_mac(&buf, 7, ETH_ADDR_C(02, 00, 00, 77, 00, 01));
    assert_buf(&buf, set_mac_fixture, sizeof set_mac_fixture);

    nl_buf_clear(&buf);
    netdev_build_setlink(&buf, 7, IFF_UP, IFF_UP);
    assert_buf(&buf, set_up_fixture, sizeof set_up_fixture);

    nl_buf_clear(&buf);
    netdev_build_dellink(&buf, 0, "gre_sys");
    assert_buf(&buf, dellink_fixture, sizeof dellink_fixture);

    /* A dump request is a bare RTM_GETLINK; the socket adds NLM_F_DUMP. */
    nl_buf_clear(&buf);
    netdev_build_dump_links(&buf);
    assert_int_equal(buf.used, 32);
    assert_memory_equal(buf.data, getlink_ifindex_fixture, 4);
    assert_int_equal(((const struct ifinfomsg *) (buf.data + 16))->ifi_index,
                     0);
}

static void
test_build_too_small(void **state OVS_UNUSED)
{
    uint64_t stub[4];
    struct nl_buf buf;

    nl_buf_use(&buf, stub, sizeof stub);
    assert_int_equal(netdev_build_set_mtu(&buf, 7, 9000), EMSGSIZE);
}

/* RTM_NEWLINK as the kernel describes veth "nd0" (ifindex 6, peer 7). */
static const uint8_t link_fixture[] = {
    /* nlmsghdr: len 252, RTM_NEWLINK, flags 0, seq 5, pid 0. */
    0xfc, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
    0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* ifinfomsg: AF_UNSPEC, type ARPHRD_ETHER (1), index 6, flags
     * UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP (0x11043), change 0. */
    0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00,
    0x43, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* IFLA_IFNAME "nd0". */
    0x08, 0x00, 0x03, 0x00, 'n', 'd', '0', 0x00,
    /* IFLA_MTU 9000. */
    0x08, 0x00, 0x04, 0x00, 0x28, 0x23, 0x00, 0x00,
    /* IFLA_MIN_MTU (50) 68, IFLA_MAX_MTU (51) 65535. */
    0x08, 0x00, 0x32, 0x00, 0x44, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x33, 0x00, 0xff, 0xff, 0x00, 0x00,
    /* IFLA_OPERSTATE (16) u8 IF_OPER_UP (6). */
    0x05, 0x00, 0x10, 0x00, 0x06, 0x00, 0x00, 0x00,
    /* IFLA_LINK (5) u32 7. */
    0x08, 0x00, 0x05, 0x00, 0x07, 0x00, 0x00, 0x00,
    /* IFLA_CARRIER (33) u8 1, IFLA_CARRIER_CHANGES (35) u32 2. */
    0x05, 0x00, 0x21, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x23, 0x00, 0x02, 0x00, 0x00, 0x00,
    /* IFLA_ADDRESS 02:00:00:77:00:01, IFLA_BROADCAST (2) ff:...:ff. */
    0x0a, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x77,
    0x00, 0x01, 0x00, 0x00,
    0x0a, 0x00, 0x02, 0x00, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0x00, 0x00,
    /* IFLA_STATS64 (23), the first 13 counters of struct
     * rtnl_link_stats64 only (104 bytes; kernels send more): rx_packets 5,
     * tx_packets 4, rx_bytes 378, tx_bytes 336, rx_errors 1, tx_errors 0,
     * rx_dropped 2, tx_dropped 3, multicast 0, collisions 0,
     * rx_length_errors 0, rx_over_errors 0, rx_crc_errors 9. */
    0x6c, 0x00, 0x17, 0x00,
    0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x7a, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x50, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* IFLA_LINKINFO (18) holding IFLA_INFO_KIND "veth". */
    0x10, 0x00, 0x12, 0x00,
    0x09, 0x00, 0x01, 0x00, 'v', 'e', 't', 'h', 0x00, 0x00, 0x00, 0x00,
    /* An attribute type this parser does not know (200): skipped. */
    0x08, 0x00, 0xc8, 0x00, 0xde, 0xad, 0xbe, 0xef,
};

static void
test_parse_link(void **state OVS_UNUSED)
{
    const struct nlmsghdr *nlh = (const void *) link_fixture;
    struct netdev_info info;

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(sizeof link_fixture, 252);
    assert_int_equal(netdev_parse_link(nlh, sizeof link_fixture, &info), 0);
    assert_int_equal(info.ifindex, 6);
    assert_string_equal(info.name, "nd0");
    assert_string_equal(info.kind, "veth");
    assert_int_equal(info.flags, 0x11043);
    assert_true(netdev_info_is_up(&info));
    assert_int_equal(info.type, 1);
    assert_int_equal(info.mtu, 9000);
    assert_int_equal(info.min_mtu, 68);
    assert_int_equal(info.max_mtu, 65535);
    assert_true(info.has_mac);
    assert_true(eth_addr_equals(info.mac, ETH_ADDR_C(02, 00, 00, 77, 00, 01)));
    assert_int_equal(info.operstate, IF_OPER_UP);
    assert_true(info.carrier);
    assert_int_equal(info.carrier_changes, 2);
    assert_int_equal(info.link_ifindex, 7);
    assert_int_equal(info.master_ifindex, 0);
    assert_true(info.has_stats);
    assert_int_equal(info.stats.rx_packets, 5);
    assert_int_equal(info.stats.tx_packets, 4);
    assert_int_equal(info.stats.rx_bytes, 378);
    assert_int_equal(info.stats.tx_bytes, 336);
    assert_int_equal(info.stats.rx_errors, 1);
    assert_int_equal(info.stats.tx_errors, 0);
    assert_int_equal(info.stats.rx_dropped, 2);
    assert_int_equal(info.stats.tx_dropped, 3);
    assert_int_equal(info.stats.rx_crc_errors, 9);
    /* Beyond what the attribute holds: zero. */
    assert_int_equal(info.stats.rx_missed_errors, 0);
    assert_int_equal(info.stats.tx_window_errors, 0);

    /* No IFLA_INFO_DATA in a veth's description. */
    assert_null(netdev_link_info_data(nlh, sizeof link_fixture));
}

static void
test_format(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct netdev_info info;

    SKIP_UNLESS_LITTLE_ENDIAN();
    assert_int_equal(netdev_parse_link((const void *) link_fixture,
                                       sizeof link_fixture, &info), 0);
    netdev_info_format(&ds, &info);
    assert_string_equal(ds_cstr(&ds),
                        "ifindex=6 name=nd0 kind=veth mtu=9000 "
                        "mac=02:00:00:77:00:01 flags=0x11043 up=yes "
                        "carrier=yes operstate=up rx_packets=5 rx_bytes=378 "
                        "rx_errors=1 rx_dropped=2 rx_crc_errors=9 "
                        "tx_packets=4 tx_bytes=336 tx_errors=0 "
                        "tx_dropped=3");
    ds_destroy(&ds);

    assert_string_equal(netdev_operstate_to_string(IF_OPER_DOWN), "down");
    assert_string_equal(netdev_operstate_to_string(IF_OPER_LOWERLAYERDOWN),
                        "lowerlayerdown");
    assert_string_equal(netdev_operstate_to_string(200), "invalid");
}

static void
test_parse_bad(void **state OVS_UNUSED)
{
    uint8_t copy[sizeof link_fixture];
    const struct nlmsghdr *nlh = (const void *) copy;
    struct netdev_info info;

    SKIP_UNLESS_LITTLE_ENDIAN();

    /* Shorter than nlmsg_len says. */
    memcpy(copy, link_fixture, sizeof copy);
    assert_int_equal(netdev_parse_link(nlh, sizeof copy - 4, &info), EINVAL);

    /* Too short for an ifinfomsg. */
    assert_int_equal(netdev_parse_link(nlh, 20, &info), EINVAL);

    /* Not a link message (RTM_NEWROUTE, 24). */
    copy[4] = RTM_NEWROUTE;
    assert_int_equal(netdev_parse_link(nlh, sizeof copy, &info), EINVAL);

    /* RTM_DELLINK is parsed like RTM_NEWLINK. */
    copy[4] = RTM_DELLINK;
    assert_int_equal(netdev_parse_link(nlh, sizeof copy, &info), 0);
    assert_string_equal(info.name, "nd0");

    /* A bridge port's message (AF_BRIDGE, 7) is not about the device. */
    memcpy(copy, link_fixture, sizeof copy);
    copy[16] = 7;
    assert_int_equal(netdev_parse_link(nlh, sizeof copy, &info),
                     EAFNOSUPPORT);

    /* Without IFLA_IFNAME (its type changed to an unknown 199). */
    memcpy(copy, link_fixture, sizeof copy);
    copy[34] = 199;
    assert_int_equal(netdev_parse_link(nlh, sizeof copy, &info), EINVAL);

    /* IFLA_MTU of the wrong size (length 6). */
    memcpy(copy, link_fixture, sizeof copy);
    copy[40] = 6;
    assert_int_equal(netdev_parse_link(nlh, sizeof copy, &info), EINVAL);

    /* IFLA_IFNAME without its terminator. */
    memcpy(copy, link_fixture, sizeof copy);
    copy[39] = 'x';
    assert_int_equal(netdev_parse_link(nlh, sizeof copy, &info), EINVAL);
}

/* Without IFLA_CARRIER, carrier comes from IFF_LOWER_UP; without
 * IFLA_ADDRESS there is no MAC; without IFLA_STATS64 no statistics. */
static void
test_parse_minimal(void **state OVS_UNUSED)
{
    struct ifinfomsg ifi = {
        .ifi_family = AF_UNSPEC, .ifi_index = 3,
        .ifi_flags = IFF_UP | IFF_LOWER_UP,
    };
    struct netdev_info info;
    struct nl_buf buf;

    nl_buf_init(&buf, 128);
    nl_msg_put_nlmsghdr(&buf, RTM_NEWLINK, 0);
    nl_msg_put_header(&buf, &ifi, sizeof ifi);
    nl_put_string(&buf, IFLA_IFNAME, "tun0");
    nl_put_unspec(&buf, IFLA_ADDRESS, "\x0a\x00\x00\x01", 4);
    assert_int_equal(netdev_parse_link(nl_buf_at(&buf, 0), buf.used, &info),
                     0);
    assert_int_equal(info.ifindex, 3);
    assert_true(info.carrier);
    assert_false(info.has_mac);
    assert_false(info.has_stats);
    assert_string_equal(info.kind, "");
    assert_int_equal(info.operstate, IF_OPER_UNKNOWN);

    ((struct ifinfomsg *) nl_buf_at(&buf, NLMSG_HDRLEN))->ifi_flags = IFF_UP;
    assert_int_equal(netdev_parse_link(nl_buf_at(&buf, 0), buf.used, &info),
                     0);
    assert_false(info.carrier);
    nl_buf_uninit(&buf);
}

/* netdev_link_info_data() finds the kind-specific settings. */
static void
test_link_info_data(void **state OVS_UNUSED)
{
    const struct nlattr *data;
    struct nl_buf buf;

    nl_buf_init(&buf, 256);
    assert_int_equal(tunnel_dev_build_create(&buf, TUNNEL_DEV_VXLAN, 4789),
                     0);
    data = netdev_link_info_data(nl_buf_at(&buf, 0), buf.used);
    assert_non_null(data);
    assert_int_equal(nl_attr_type(data), IFLA_INFO_DATA);
    assert_int_equal(nl_attr_get_size(data), 32);
    nl_buf_uninit(&buf);
}

static void
test_event_format(void **state OVS_UNUSED)
{
    struct netdev_event event = {
        .type = NETDEV_EVENT_CHANGED,
        .changes = NETDEV_CHANGE_ADMIN | NETDEV_CHANGE_OPERSTATE,
        .info = { .ifindex = 4, .name = "ndmon0", .flags = IFF_UP },
    };
    struct ds ds = DS_EMPTY_INITIALIZER;

    netdev_event_format(&ds, &event);
    assert_string_equal(ds_cstr(&ds), "changed ifindex=4 name=ndmon0 "
                        "changes=admin,operstate up=yes carrier=no");
    ds_clear(&ds);
    event.type = NETDEV_EVENT_DELETED;
    netdev_event_format(&ds, &event);
    assert_string_equal(ds_cstr(&ds),
                        "deleted ifindex=4 name=ndmon0 up=yes carrier=no");
    ds_destroy(&ds);
}

/* Every truncation and every single-byte corruption of the fixture parses
 * or fails cleanly, never reading outside the message (run under valgrind
 * or ASan to see that). */
static void
test_parse_mutations(void **state OVS_UNUSED)
{
    uint8_t *copy = xmalloc(sizeof link_fixture);
    struct netdev_info info;
    size_t len, i;
    int n_ok = 0;

    for (len = 0; len <= sizeof link_fixture; len++) {
        copy = xrealloc(copy, len ? len : 1);
        memcpy(copy, link_fixture, len);
        n_ok += !netdev_parse_link((const void *) copy, len, &info);
        netdev_link_info_data((const void *) copy, len);
    }
    assert_int_equal(n_ok, 1);      /* Only the whole message. */

    copy = xrealloc(copy, sizeof link_fixture);
    for (i = 0; i < sizeof link_fixture; i++) {
        memcpy(copy, link_fixture, sizeof link_fixture);
        copy[i] ^= 0xff;
        netdev_parse_link((const void *) copy, sizeof link_fixture, &info);
        netdev_link_info_data((const void *) copy, sizeof link_fixture);
    }
    free(copy);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_requests),
        cmocka_unit_test(test_build_too_small),
        cmocka_unit_test(test_parse_link),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_parse_minimal),
        cmocka_unit_test(test_link_info_data),
        cmocka_unit_test(test_event_format),
        cmocka_unit_test(test_parse_mutations),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
