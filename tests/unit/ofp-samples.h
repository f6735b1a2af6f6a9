/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * OpenFlow test material shared by the unit tests, the interop dump and
 * the fuzz target (no cmocka here):
 *
 *   - ofp_sample_reencode(): decode any message we understand and encode
 *     it again from the decoded form;
 *   - ofp_samples_build(): one encoded message of each type in each
 *     version, built from structs by our encoders;
 *   - ofp_stock_fixtures[]: messages captured from stock ovs-ofctl.
 */

#ifndef OFP_SAMPLES_H
#define OFP_SAMPLES_H 1

#include <stddef.h>
#include <stdint.h>
#include "ofp-errors.h"

struct ofpbuf;

/* Decodes the message and appends its re-encoding to 'out'. */
enum ofperr ofp_sample_reencode(const void *msg, size_t len,
                                struct ofpbuf *out);

struct ofp_sample {
    char name[48];
    struct ofpbuf *msg;         /* Owned. */
};

/* Returns a malloc'ed array of samples, '*n' long (free with
 * ofp_samples_free()). */
struct ofp_sample *ofp_samples_build(size_t *n);
void ofp_samples_free(struct ofp_sample *, size_t n);

struct ofp_fixture {
    const char *name;
    const char *hex;
};

extern const struct ofp_fixture ofp_stock_fixtures[];
extern const size_t ofp_n_stock_fixtures;

#endif /* ofp-samples.h */
