/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef COVERAGE_H
#define COVERAGE_H 1

/* Coverage counters: named event counters for "ovs-appctl coverage/show".
 *
 * A module defines a counter once, at file scope, with
 * COVERAGE_DEFINE(name) and counts events with COVERAGE_INC(name) or
 * COVERAGE_ADD(name, n).  Counters register themselves when the program
 * starts (a constructor), so a counter exists as soon as its object file
 * is linked.  Names are global: two files must not define the same one.
 *
 * coverage_run(), called from a daemon's main loop, samples every counter
 * every 5 seconds; coverage/show then gives for each counter its average
 * rate over the last 5 seconds, the last minute and the last hour, and its
 * total, in the layout of Open vSwitch.  Everything runs in the main
 * thread. */

#include <stdint.h>

struct ds;

struct coverage_counter {
    const char *name;
    uint64_t total;             /* Events so far. */
    struct coverage_counter *next;  /* In the registry. */
    uint64_t *samples;          /* Owned by coverage.c. */
};

void coverage_counter_register(struct coverage_counter *);

#define COVERAGE_DEFINE(NAME)                                           \
    static struct coverage_counter coverage_##NAME = { #NAME, 0, 0, 0 }; \
    static void coverage_register_##NAME(void)                          \
        __attribute__((constructor));                                   \
    static void                                                         \
    coverage_register_##NAME(void)                                      \
    {                                                                   \
        coverage_counter_register(&coverage_##NAME);                    \
    }

#define COVERAGE_INC(NAME) (coverage_##NAME.total++)
#define COVERAGE_ADD(NAME, N) (coverage_##NAME.total += (N))

/* Registers "coverage/show" with unixctl. */
void coverage_init(void);
/* Samples the counters when due; coverage_wait() wakes for that. */
void coverage_run(void);
void coverage_wait(void);

/* The coverage/show text. */
void coverage_format(struct ds *);
/* The current total of the counter called 'name', or 0 if none is. */
uint64_t coverage_get_total(const char *name);

#endif /* coverage.h */
