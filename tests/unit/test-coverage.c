/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for lib/coverage.c: counters register themselves, count, and
 * coverage/show gives their rates over 5 seconds, a minute and an hour
 * from 5-second samples.  lib/coverage.c is compiled into this test with
 * time_msec() replaced by a settable fake clock.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "coverage.h"
#include "dynamic-string.h"
#include "util.h"

COVERAGE_DEFINE(test_alpha);
COVERAGE_DEFINE(test_beta);
COVERAGE_DEFINE(test_never);

static long long int fake_now = 1000000;

long long int fake_time_msec(void);

long long int
fake_time_msec(void)
{
    return fake_now;
}

/* Advances the fake clock by 'ms' and lets coverage take its sample. */
static void
advance(long long int ms)
{
    fake_now += ms;
    coverage_run();
}

/* The coverage/show line of counter 'name', or "" if none. */
static char *
show_line(const char *name)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    char *line, *save = NULL, *found = NULL;

    coverage_format(&s);
    for (line = strtok_r(ds_cstr(&s), "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (!strncmp(line, name, strlen(name)) && line[strlen(name)] == ' ') {
            found = xstrdup(line);
        }
    }
    ds_destroy(&s);
    return found ? found : xstrdup("");
}

static void
test_counting(void **state OVS_UNUSED)
{
    uint64_t before = coverage_get_total("test_alpha");

    COVERAGE_INC(test_alpha);
    COVERAGE_ADD(test_alpha, 4);
    assert_int_equal(coverage_get_total("test_alpha"), before + 5);
    assert_int_equal(coverage_get_total("test_never"), 0);
    assert_int_equal(coverage_get_total("no_such_counter"), 0);
}

static void
test_format(void **state OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    char *line;

    /* The first call only starts the clock. */
    coverage_run();
    COVERAGE_ADD(test_beta, 10);
    advance(5000);

    coverage_format(&s);
    assert_non_null(strstr(ds_cstr(&s), "Event coverage, avg rate over "
                           "last: 5 seconds, last minute, last hour,  "
                           "hash="));
    /* test_never has never counted: only in the summary. */
    assert_null(strstr(ds_cstr(&s), "test_never"));
    assert_non_null(strstr(ds_cstr(&s), " events never hit\n"));
    ds_destroy(&s);

    /* 10 events in the last 5 s: 2.0/sec; over a minute 10/60; over an
     * hour 10/3600. */
    line = show_line("test_beta");
    assert_string_equal(line, "test_beta                  2.0/sec     "
                        "0.167/sec        0.0028/sec   total: 10");
    free(line);

    /* Nothing in the next 5 s: the 5-second rate drops to 0, the others
     * keep the events. */
    advance(5000);
    line = show_line("test_beta");
    assert_string_equal(line, "test_beta                  0.0/sec     "
                        "0.167/sec        0.0028/sec   total: 10");
    free(line);

    /* A minute later the minute rate is 0 too. */
    for (int i = 0; i < 12; i++) {
        advance(5000);
    }
    line = show_line("test_beta");
    assert_string_equal(line, "test_beta                  0.0/sec     "
                        "0.000/sec        0.0028/sec   total: 10");
    free(line);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counting),
        cmocka_unit_test(test_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
