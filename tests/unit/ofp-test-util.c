/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "ofp-test-util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ofpbuf.h"
#include "util.h"

static int
hexval(char c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1);
}

uint8_t *
ofp_test_hex(const char *hex, size_t *len)
{
    uint8_t *out = xmalloc(strlen(hex) / 2 + 1);
    size_t n = 0;

    while (*hex) {
        int hi, lo;

        if (*hex == ' ' || *hex == '\n') {
            hex++;
            continue;
        }
        hi = hexval(hex[0]);
        lo = hex[1] ? hexval(hex[1]) : -1;
        assert_true(hi >= 0 && lo >= 0);
        out[n++] = hi * 16 + lo;
        hex += 2;
    }
    /* Shrink to the exact size, so that the sanitizers catch a decoder
     * that reads past the end. */
    *len = n;
    return xrealloc(out, n ? n : 1);
}

void
ofp_test_print_hex(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    size_t i;

    for (i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
}

void
ofp_test_assert_bytes(const void *a, size_t n, const void *b, size_t b_len)
{
    if (n != b_len || memcmp(a, b, n)) {
        printf("expected (%zu bytes): ", b_len);
        ofp_test_print_hex(b, b_len);
        printf("actual   (%zu bytes): ", n);
        ofp_test_print_hex(a, n);
        fail();
    }
}

void
ofp_test_assert_buf_hex(const struct ofpbuf *b, const char *hex)
{
    size_t len;
    uint8_t *exp = ofp_test_hex(hex, &len);

    ofp_test_assert_bytes(b->data, b->size, exp, len);
    free(exp);
}
