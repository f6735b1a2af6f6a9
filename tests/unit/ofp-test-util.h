/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Helpers shared by the OpenFlow codec unit tests.
 */

#ifndef OFP_TEST_UTIL_H
#define OFP_TEST_UTIL_H 1

#include <stddef.h>
#include <stdint.h>

struct ofpbuf;

/* Parses 'hex' (pairs of hex digits, spaces ignored) into a malloc'ed
 * buffer of exactly the decoded size, stored in '*len'. */
uint8_t *ofp_test_hex(const char *hex, size_t *len);

/* Fails the current test, printing both in hex, unless the 'n' bytes at
 * 'a' equal those of 'b' in 'b_len'. */
void ofp_test_assert_bytes(const void *a, size_t n, const void *b,
                           size_t b_len);

/* Fails unless 'b' holds exactly the bytes of 'hex'. */
void ofp_test_assert_buf_hex(const struct ofpbuf *b, const char *hex);

/* Prints 'n' bytes at 'p' as one line of hex to stdout. */
void ofp_test_print_hex(const void *p, size_t n);

#endif /* ofp-test-util.h */
