/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* libFuzzer target for the datapath key and action codec (lib/odp-key.c,
 * lib/odp-actions.c) and its text syntax (lib/odp-format.c).
 *
 * The first input byte chooses what the rest is:
 *
 *   0  a flow key without a mask (an upcall's key);
 *   1  a flow key and a mask, split where the second byte says;
 *   2  an action list;
 *   3  a flow key in text;
 *   4  an action list in text.
 *
 * Binary input is copied to a block of exactly its size (4-byte aligned, as
 * netlink payloads are) so that AddressSanitizer catches any read past its
 * end.  Whatever decodes is formatted and encoded again, and the invariants
 * of the codec are checked: a decoded match survives encode + decode
 * unchanged, re-encoded actions format as the originals did, and text that
 * parses comes back the same through format + parse. */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dynamic-string.h"
#include "match.h"
#include "netlink.h"
#include "odp-actions.h"
#include "odp-format.h"
#include "odp-key.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void *
copy(const uint8_t *data, size_t size)
{
    void *p = xmalloc(size ? size : 1);

    memcpy(p, data, size);
    return p;
}

/* Checks that 'm' encodes and decodes back to itself. */
static void
check_match(const struct match *m)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct nl_buf key, mask;
    struct match m2;
    char *msg = NULL;

    odp_match_format(&ds, m, false);
    odp_match_format(&ds, m, true);
    nl_buf_init(&key, 256);
    nl_buf_init(&mask, 256);
    if (odp_key_from_match(m, &key, &mask)
        || odp_key_to_match(key.data, key.used, mask.data, mask.used, &m2,
                            &msg)
        || !match_equal(m, &m2)) {
        abort();
    }
    free(msg);
    nl_buf_uninit(&key);
    nl_buf_uninit(&mask);
    ds_destroy(&ds);
}

static void
fuzz_key(const uint8_t *data, size_t size, bool with_mask)
{
    size_t split = with_mask && size ? data[0] * 4 : size;
    const uint8_t *kdata = with_mask && size ? data + 1 : data;
    size_t total = with_mask && size ? size - 1 : size;
    struct ds ds = DS_EMPTY_INITIALIZER;
    uint8_t *key, *mask = NULL;
    size_t key_len, mask_len = 0;
    struct match m, m2;
    char *msg = NULL;

    key_len = MIN(split, total);
    key = copy(kdata, key_len);
    if (with_mask) {
        mask_len = total - key_len;
        mask = copy(kdata + key_len, mask_len);
    }
    odp_key_format(&ds, key, key_len, mask, mask_len, false);
    odp_key_format(&ds, key, key_len, mask, mask_len, true);
    if (!odp_key_to_match(key, key_len, mask, mask_len, &m, &msg)) {
        struct nl_buf k2, m2buf;

        /* Decoding normalises; from there on the codec is stable. */
        nl_buf_init(&k2, 256);
        nl_buf_init(&m2buf, 256);
        if (odp_key_from_match(&m, &k2, &m2buf)
            || odp_key_to_match(k2.data, k2.used, m2buf.data, m2buf.used,
                                &m2, NULL)) {
            abort();
        }
        check_match(&m2);
        nl_buf_uninit(&k2);
        nl_buf_uninit(&m2buf);
    }
    free(msg);
    free(key);
    free(mask);
    ds_destroy(&ds);
}

static void
fuzz_actions(const uint8_t *data, size_t size)
{
    struct ds a = DS_EMPTY_INITIALIZER, b = DS_EMPTY_INITIALIZER;
    uint8_t *actions = copy(data, size);
    char *msg = NULL;

    odp_actions_format(&a, actions, size);
    if (!odp_actions_validate(actions, size, &msg)) {
        const struct nlattr *nla;
        struct nl_buf buf;
        size_t left;

        nl_buf_init(&buf, 256);
        NL_ATTR_FOR_EACH (nla, left, actions, size) {
            struct odp_action action;

            if (odp_action_decode(nla, &action, NULL)
                || odp_action_put(&buf, &action)) {
                abort();
            }
        }
        if (odp_actions_validate(buf.data, buf.used, NULL)) {
            abort();
        }
        odp_actions_format(&b, buf.data, buf.used);
        if (strcmp(ds_cstr(&a), ds_cstr(&b))) {
            abort();
        }
        nl_buf_uninit(&buf);
    }
    free(msg);
    free(actions);
    ds_destroy(&a);
    ds_destroy(&b);
}

static void
fuzz_key_text(const char *s)
{
    struct match m, m2;
    char *error = odp_match_parse(s, &m);

    if (!error) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        check_match(&m);
        odp_match_format(&ds, &m, false);
        error = odp_match_parse(ds_cstr(&ds), &m2);
        if (error || !match_equal(&m, &m2)) {
            abort();
        }
        ds_destroy(&ds);
    }
    free(error);
}

static void
fuzz_actions_text(const char *s)
{
    struct nl_buf buf, buf2;
    char *error;

    nl_buf_init(&buf, 256);
    nl_buf_init(&buf2, 256);
    error = odp_actions_parse(s, &buf);
    if (!error) {
        struct ds ds = DS_EMPTY_INITIALIZER;

        odp_actions_format(&ds, buf.data, buf.used);
        if (!odp_actions_validate(buf.data, buf.used, NULL)) {
            error = odp_actions_parse(ds_cstr(&ds), &buf2);
            if (error || buf.used != buf2.used
                || memcmp(buf.data, buf2.data, buf.used)) {
                abort();
            }
        }
        ds_destroy(&ds);
    }
    free(error);
    nl_buf_uninit(&buf);
    nl_buf_uninit(&buf2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;

    if (!size) {
        return 0;
    }
    switch (data[0] % 5) {
    case 0:
        fuzz_key(data + 1, size - 1, false);
        break;
    case 1:
        fuzz_key(data + 1, size - 1, true);
        break;
    case 2:
        fuzz_actions(data + 1, size - 1);
        break;
    case 3:
    case 4:
        s = xmemdup0((const char *) data + 1, size - 1);
        if (data[0] % 5 == 3) {
            fuzz_key_text(s);
        } else {
            fuzz_actions_text(s);
        }
        free(s);
        break;
    }
    return 0;
}
