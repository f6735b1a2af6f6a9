/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>

#include "coverage.h"

#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dynamic-string.h"
#include "hash.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

#define COVERAGE_INTERVAL_MS 5000
/* One sample every interval for an hour, plus the one an hour ago. */
#define COVERAGE_N_SAMPLES (3600 / 5 + 1)

static struct coverage_counter *coverage_counters;
static size_t coverage_n_counters;

/* Samples taken so far (the ring's fill level, capped) and the position
 * of the newest one. */
static size_t coverage_n_samples;
static size_t coverage_newest;
static long long int coverage_next_sample = LLONG_MIN;

void
coverage_counter_register(struct coverage_counter *c)
{
    c->next = coverage_counters;
    coverage_counters = c;
    coverage_n_counters++;
}

/* The total that 'c' had 'back' samples before the newest one, 0 before
 * the first sample. */
static uint64_t
coverage_sample(const struct coverage_counter *c, size_t back)
{
    if (!c->samples || back >= coverage_n_samples) {
        return 0;
    }
    return c->samples[(coverage_newest + COVERAGE_N_SAMPLES - back)
                      % COVERAGE_N_SAMPLES];
}

static void
coverage_take_sample(void)
{
    struct coverage_counter *c;
    size_t slot = (coverage_n_samples
                   ? (coverage_newest + 1) % COVERAGE_N_SAMPLES : 0);

    for (c = coverage_counters; c; c = c->next) {
        if (!c->samples) {
            c->samples = xcalloc(COVERAGE_N_SAMPLES, sizeof *c->samples);
        }
        c->samples[slot] = c->total;
    }
    coverage_newest = slot;
    if (coverage_n_samples < COVERAGE_N_SAMPLES) {
        coverage_n_samples++;
    }
}

void
coverage_run(void)
{
    long long int now = time_msec();

    if (coverage_next_sample == LLONG_MIN) {
        coverage_next_sample = now + COVERAGE_INTERVAL_MS;
    } else if (now >= coverage_next_sample) {
        coverage_take_sample();
        coverage_next_sample += COVERAGE_INTERVAL_MS;
        if (coverage_next_sample <= now) {
            coverage_next_sample = now + COVERAGE_INTERVAL_MS;
        }
    }
}

void
coverage_wait(void)
{
    if (coverage_next_sample != LLONG_MIN) {
        poll_timer_wait_until(coverage_next_sample);
    }
}

static int
coverage_compare_names(const void *a_, const void *b_)
{
    const struct coverage_counter *const *a = a_;
    const struct coverage_counter *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

/* The average rate of 'c' over the last 'n' samples, per second. */
static double
coverage_rate(const struct coverage_counter *c, size_t n)
{
    uint64_t newest = coverage_sample(c, 0);
    uint64_t older = coverage_sample(c, n);

    return (double) (newest - older) / (n * (COVERAGE_INTERVAL_MS / 1000));
}

void
coverage_format(struct ds *s)
{
    struct coverage_counter **sorted;
    struct coverage_counter *c;
    size_t n_never = 0;
    uint32_t hash = 0;
    size_t i, n = 0;

    sorted = xmalloc((coverage_n_counters + 1) * sizeof *sorted);
    for (c = coverage_counters; c; c = c->next) {
        sorted[n++] = c;
    }
    qsort(sorted, n, sizeof *sorted, coverage_compare_names);

    /* The hash identifies the set of counters that have been hit, so that
     * two outputs with the same events can be recognised. */
    for (i = 0; i < n; i++) {
        if (sorted[i]->total) {
            hash = hash_string(sorted[i]->name, hash);
        }
    }

    ds_put_format(s, "Event coverage, avg rate over last: %d seconds, "
                  "last minute, last hour,  hash=%08"PRIx32":\n",
                  COVERAGE_INTERVAL_MS / 1000, hash);
    for (i = 0; i < n; i++) {
        c = sorted[i];
        if (!c->total) {
            n_never++;
            continue;
        }
        ds_put_format(s, "%-24s %5.1f/sec %9.3f/sec %13.4f/sec   "
                      "total: %"PRIu64"\n", c->name,
                      coverage_rate(c, 1), coverage_rate(c, 12),
                      coverage_rate(c, 720), c->total);
    }
    ds_put_format(s, "%"PRIuMAX" events never hit\n", (uintmax_t) n_never);
    free(sorted);
}

uint64_t
coverage_get_total(const char *name)
{
    const struct coverage_counter *c;

    for (c = coverage_counters; c; c = c->next) {
        if (!strcmp(c->name, name)) {
            return c->total;
        }
    }
    return 0;
}

static void
coverage_unixctl_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    coverage_format(&s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

void
coverage_init(void)
{
    unixctl_command_register("coverage/show", "", 0, 0,
                             coverage_unixctl_show, NULL);
}
