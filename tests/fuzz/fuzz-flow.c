/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * libFuzzer target for the packet parser: each input is an Ethernet frame.
 * Besides looking for crashes and out-of-bounds reads, it checks properties
 * that must hold for any input: extraction leaves metadata alone and is
 * deterministic, its result has zero padding, an exact match built from it
 * matches it, and it formats as text.
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dynamic-string.h"
#include "flow.h"
#include "match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(bool condition)
{
    if (!condition) {
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct flow flow, again;
    struct match match;

    memset(&flow, 0, sizeof flow);
    flow.in_port.odp_port = 1;
    flow.recirc_id = 2;
    flow.tunnel.tun_id = 3;
    flow_extract(data, size, &flow);
    check(flow.in_port.odp_port == 1 && flow.recirc_id == 2
          && flow.tunnel.tun_id == 3);
    check(flow_padding_is_zero(&flow));

    /* Extraction into a flow full of stale headers gives the same result. */
    memset(&again, 0xa5, sizeof again);
    memcpy(&again, &flow, offsetof(struct flow, dl_dst));
    memcpy(&again.ct_nw_src, &flow.ct_nw_src,
           sizeof flow - offsetof(struct flow, ct_nw_src));
    flow_extract(data, size, &again);
    check(flow_equal(&flow, &again));

    match_init_exact(&match, &flow);
    check(match_is_normalized(&match));
    check(match_matches_flow(&match, &flow));

    flow_format(&ds, &flow);
    check(ds.length > 0);
    ds_destroy(&ds);
    return 0;
}
