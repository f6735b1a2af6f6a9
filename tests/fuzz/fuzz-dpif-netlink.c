/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * libFuzzer target: the decoders of the kernel datapath provider
 * (datapath/dpif-netlink-private.h).  The first byte selects one:
 *
 *   0  a datapath reply (OVS_DP_CMD_*)
 *   1  a vport reply or dump entry (OVS_VPORT_CMD_*)
 *   2  a flow reply (the whole buffer, as a transaction reply is parsed),
 *      then each message of it as a flow dump would walk them
 *   3  an upcall (OVS_PACKET_CMD_MISS/ACTION) of family FUZZ_PACKET_FAMILY
 *
 * and the rest is the netlink message(s), copied to a buffer of exactly
 * their size so that any read past the end is caught.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "datapath/dpif-netlink-private.h"
#include "netlink.h"
#include "util.h"
#include "vlog.h"

/* The generic netlink family id the upcall messages of the seed corpus
 * carry. */
#define FUZZ_PACKET_FAMILY 30

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_flows(const void *msgs, size_t len)
{
    const struct nlmsghdr *nlh;
    struct dpif_flow flow;
    size_t left;

    dpif_netlink_parse_flow__(msgs, len, &flow);
    NL_MSG_FOR_EACH (nlh, left, msgs, len) {
        dpif_netlink_parse_flow__(nlh, nlh->nlmsg_len, &flow);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool quiet;
    struct dpif_upcall upcall;
    struct dpif_port port;
    struct nl_buf buf;
    uint32_t features;
    uint8_t *copy;
    int ifindex;

    if (!quiet) {
        /* The decoders log what they reject; keep the output readable. */
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
        quiet = true;
    }
    if (size < 1) {
        return 0;
    }
    copy = xmalloc(size - 1 ? size - 1 : 1);
    memcpy(copy, data + 1, size - 1);
    memset(&buf, 0, sizeof buf);
    buf.data = copy;
    buf.size = buf.used = size - 1;
    buf.msg_ofs = SIZE_MAX;

    switch (data[0] % 4) {
    case 0:
        dpif_netlink_parse_dp_reply__(&buf, &ifindex, &features);
        break;
    case 1:
        if (!dpif_netlink_parse_vport__(copy, size - 1, &port)) {
            dpif_port_destroy(&port);
        }
        break;
    case 2:
        fuzz_flows(copy, size - 1);
        break;
    case 3:
        dpif_netlink_parse_upcall__(FUZZ_PACKET_FAMILY, &buf, &upcall);
        break;
    }
    free(copy);
    return 0;
}
