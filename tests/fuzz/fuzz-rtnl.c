/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * libFuzzer target: the decoders of device messages in datapath/.  The
 * first byte 'sel' selects one, by 'sel' % 3:
 *
 *   0  an RTM_NEWLINK message: netdev_parse_link(), and what parses is
 *      formatted; then netdev_link_info_data()
 *   1  an RTM_NEWLINK message checked as a metadata-mode tunnel device by
 *      tunnel_dev_check(), for type ('sel' / 3) % 3 (vxlan, gre, geneve)
 *      and, if ('sel' / 9) % 2, destination UDP port 4790 instead of the
 *      type's default
 *   2  an ETHTOOL_MSG_TUNNEL_INFO_GET_REPLY: ethtool_tunnel_parse(), and
 *      what parses is formatted and queried for port 4789
 *
 * and the rest is the message, copied to a buffer of exactly its size so
 * that any read past the end is caught.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "datapath/ethtool-tunnel.h"
#include "datapath/netdev.h"
#include "datapath/tunnel-dev.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "util.h"
#include "vlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_link(const struct nlmsghdr *nlh, size_t len)
{
    struct netdev_info info;

    if (!netdev_parse_link(nlh, len, &info)) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        netdev_info_format(&ds, &info);
        ds_destroy(&ds);
    }
    netdev_link_info_data(nlh, len);
}

static void
fuzz_tunnel_dev(const struct nlmsghdr *nlh, size_t len, uint8_t sel)
{
    static const enum tunnel_dev_type types[] = {
        TUNNEL_DEV_VXLAN, TUNNEL_DEV_GRE, TUNNEL_DEV_GENEVE,
    };
    enum tunnel_dev_type type = types[(sel / 3) % 3];
    uint16_t dst_port = (sel / 9) % 2 ? 4790 : 0;
    char *why;

    tunnel_dev_check(nlh, len, type, dst_port, &why);
    free(why);
}

static void
fuzz_ethtool(const struct nlmsghdr *nlh, size_t len)
{
    struct ethtool_tunnel_info info;

    if (!ethtool_tunnel_parse(nlh, len, &info)) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        ethtool_tunnel_info_format(&ds, &info);
        ethtool_tunnel_info_has_port(&info, 4789);
        ds_destroy(&ds);
        ethtool_tunnel_info_uninit(&info);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    const struct nlmsghdr *nlh;
    uint8_t *copy;
    size_t len;

    if (!quiet) {
        /* The decoders log what they reject; keep the output readable. */
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
        quiet = true;
    }
    if (size < 1) {
        return 0;
    }
    len = size - 1;
    copy = xmalloc(len ? len : 1);
    memcpy(copy, data + 1, len);
    nlh = (const struct nlmsghdr *) copy;

    switch (data[0] % 3) {
    case 0:
        fuzz_link(nlh, len);
        break;
    case 1:
        fuzz_tunnel_dev(nlh, len, data[0]);
        break;
    case 2:
        fuzz_ethtool(nlh, len);
        break;
    }
    free(copy);
    return 0;
}
