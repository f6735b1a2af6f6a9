/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* libFuzzer target for the OpenFlow codec (lib/ofp-*.c).
 *
 * The input is one OpenFlow message (the seed corpus holds our samples
 * and stock ovs-ofctl's captured messages), copied to a block of exactly
 * its size so that AddressSanitizer catches any read past its end.  A
 * message that decodes is encoded again; the encoding must decode too,
 * and encode to the very same bytes (the decoded form is a fixed point).
 *
 * The same bytes, minus the first, are also fed to the NXM match decoder
 * and to the OpenFlow 1.0 action, 1.3 action and 1.3 instruction
 * decoders, chosen by the first byte; a decoded match must survive
 * encode + decode unchanged. */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "ofp-actions.h"
#include "ofp-match.h"
#include "ofpbuf.h"
#include "util.h"

/* The decode-and-re-encode driver shared with the unit tests. */
#include "tests/unit/ofp-samples.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void *
copy(const uint8_t *data, size_t size)
{
    void *p = xmalloc(size ? size : 1);

    if (size) {
        memcpy(p, data, size);
    }
    return p;
}

static void
check_message(const uint8_t *data, size_t size)
{
    struct ofpbuf once = OFPBUF_INITIALIZER, twice = OFPBUF_INITIALIZER;
    void *msg = copy(data, size);

    /* Some valid messages have no re-encoding (an error with a code we do
     * not know, a table-features request that sets tables). */
    if (!ofp_sample_reencode(msg, size, &once) && once.size) {
        void *again = copy(once.data, once.size);

        if (ofp_sample_reencode(again, once.size, &twice)
            || twice.size != once.size
            || memcmp(twice.data, once.data, once.size)) {
            abort();
        }
        free(again);
    }
    ofpbuf_uninit(&once);
    ofpbuf_uninit(&twice);
    free(msg);
}

static void
check_fragments(const uint8_t *data, size_t size)
{
    struct ofpacts acts = OFPACTS_INITIALIZER;
    struct ofpbuf b = OFPBUF_INITIALIZER;
    struct match m, m2;
    ovs_be64 cookie, cookie_mask;
    uint8_t *p;

    if (!size) {
        return;
    }
    p = copy(data + 1, size - 1);
    switch (data[0] % 4) {
    case 0:
        if (!nx_pull_entries(p, size - 1, &m, &cookie, &cookie_mask)) {
            nx_put_entries(&b, &m, data[0] & 4, cookie, cookie_mask);
            if (nx_pull_entries(b.data, b.size, &m2, NULL, NULL)
                && !cookie_mask) {
                abort();
            }
            if (!cookie_mask && !match_equal(&m, &m2)) {
                abort();
            }
        }
        break;
    case 1:
        (void) ofpacts_decode_of10(p, size - 1, &acts);
        break;
    case 2:
        (void) ofpacts_decode_of13(p, size - 1, &acts);
        break;
    default:
        (void) ofpinsts_decode_of13(p, size - 1, &acts);
        break;
    }
    ofpacts_uninit(&acts);
    ofpbuf_uninit(&b);
    free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_message(data, size);
    check_fragments(data, size);
    return 0;
}
