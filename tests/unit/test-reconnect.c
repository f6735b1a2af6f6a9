/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Unit tests for lib/reconnect.c, driven with explicit times. */

#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "compiler.h"
#include "reconnect.h"

/* Takes the machine from BACKOFF at 'now' through an attempt that fails
 * with ECONNREFUSED, checking that the attempt was due exactly then. */
static void
fail_attempt(struct reconnect *r, long long int now)
{
    if (now > 0) {
        assert_int_equal(reconnect_run(r, now - 1), RECONNECT_NONE);
    }
    assert_int_equal(reconnect_run(r, now), RECONNECT_CONNECT);
    reconnect_connecting(r, now);
    assert_int_equal(reconnect_get_state(r), RECONNECT_S_CONNECTING);
    reconnect_connect_failed(r, now, ECONNREFUSED);
}

static void
test_disabled_by_default(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);

    assert_int_equal(reconnect_get_state(r), RECONNECT_S_VOID);
    assert_false(reconnect_is_enabled(r));
    assert_int_equal(reconnect_run(r, 100000), RECONNECT_NONE);
    assert_int_equal(reconnect_timeout(r, 0), -1);
    assert_int_equal(reconnect_get_min_backoff(r), 1000);
    assert_int_equal(reconnect_get_max_backoff(r), 8000);
    assert_int_equal(reconnect_get_probe_interval(r), 5000);
    reconnect_destroy(r);
}

static void
test_backoff_doubles_to_max(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);
    static const int expected[] = { 1000, 2000, 4000, 8000, 8000, 8000 };
    long long int now = 0;

    reconnect_enable(r, now);
    assert_int_equal(reconnect_get_state(r), RECONNECT_S_BACKOFF);
    assert_int_equal(reconnect_timeout(r, now), 0);
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        fail_attempt(r, now);
        assert_int_equal(reconnect_get_backoff(r), expected[i]);
        assert_int_equal(reconnect_get_state(r), RECONNECT_S_BACKOFF);
        assert_int_equal(reconnect_get_last_error(r), ECONNREFUSED);
        assert_int_equal(reconnect_timeout(r, now), expected[i]);
        now += expected[i];
    }
    assert_int_equal(reconnect_get_n_attempts(r), 6);
    assert_int_equal(reconnect_get_seqno(r), 0);
    reconnect_destroy(r);
}

static void
test_connect_and_probe(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);
    unsigned int seqno;

    reconnect_enable(r, 0);
    assert_int_equal(reconnect_run(r, 0), RECONNECT_CONNECT);
    reconnect_connecting(r, 0);
    seqno = reconnect_get_seqno(r);
    reconnect_connected(r, 10);
    assert_true(reconnect_is_connected(r));
    assert_int_not_equal(reconnect_get_seqno(r), seqno);
    assert_int_equal(reconnect_get_last_error(r), 0);

    /* Activity postpones the probe. */
    assert_int_equal(reconnect_run(r, 5009), RECONNECT_NONE);
    reconnect_activity(r, 3000);
    assert_int_equal(reconnect_run(r, 7999), RECONNECT_NONE);
    assert_int_equal(reconnect_timeout(r, 7000), 1000);
    assert_int_equal(reconnect_run(r, 8000), RECONNECT_PROBE);
    assert_int_equal(reconnect_get_state(r), RECONNECT_S_IDLE);
    assert_true(reconnect_is_connected(r));

    /* A reply brings it back to ACTIVE. */
    reconnect_activity(r, 9000);
    assert_int_equal(reconnect_get_state(r), RECONNECT_S_ACTIVE);
    assert_int_equal(reconnect_run(r, 13999), RECONNECT_NONE);
    assert_int_equal(reconnect_run(r, 14000), RECONNECT_PROBE);

    /* Silence for another interval drops the connection. */
    assert_int_equal(reconnect_run(r, 18999), RECONNECT_NONE);
    assert_int_equal(reconnect_run(r, 19000), RECONNECT_DISCONNECT);
    seqno = reconnect_get_seqno(r);
    reconnect_disconnected(r, 19000, ETIMEDOUT);
    assert_false(reconnect_is_connected(r));
    assert_int_not_equal(reconnect_get_seqno(r), seqno);

    /* The connection lasted long: reconnect at once. */
    assert_int_equal(reconnect_get_backoff(r), 0);
    assert_int_equal(reconnect_run(r, 19000), RECONNECT_CONNECT);
    reconnect_destroy(r);
}

static void
test_probe_disabled(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);

    reconnect_set_probe_interval(r, 0);
    reconnect_enable(r, 0);
    assert_int_equal(reconnect_run(r, 0), RECONNECT_CONNECT);
    reconnect_connecting(r, 0);
    reconnect_connected(r, 0);
    assert_int_equal(reconnect_run(r, 1000000), RECONNECT_NONE);
    assert_int_equal(reconnect_timeout(r, 0), -1);

    /* Small intervals are raised to 1 s. */
    reconnect_set_probe_interval(r, 10);
    assert_int_equal(reconnect_get_probe_interval(r), 1000);
    reconnect_destroy(r);
}

static void
test_short_connection_backs_off(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);

    reconnect_enable(r, 0);
    fail_attempt(r, 0);
    assert_int_equal(reconnect_get_backoff(r), 1000);
    assert_int_equal(reconnect_run(r, 1000), RECONNECT_CONNECT);
    reconnect_connecting(r, 1000);
    reconnect_connected(r, 1000);

    /* Dropped 100 ms later: a flapping peer does not get a busy loop. */
    reconnect_disconnected(r, 1100, EOF);
    assert_int_equal(reconnect_get_backoff(r), 2000);
    assert_int_equal(reconnect_run(r, 3099), RECONNECT_NONE);
    assert_int_equal(reconnect_run(r, 3100), RECONNECT_CONNECT);
    reconnect_connecting(r, 3100);
    reconnect_connected(r, 3100);

    /* A protocol failure counts as a failed attempt however long the
     * connection was up. */
    reconnect_connect_failed(r, 60000, EPROTO);
    assert_int_equal(reconnect_get_backoff(r), 4000);
    assert_int_equal(reconnect_get_last_error(r), EPROTO);
    reconnect_destroy(r);
}

static void
test_max_tries(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);

    reconnect_set_max_tries(r, 2);
    reconnect_enable(r, 0);
    fail_attempt(r, 0);
    assert_true(reconnect_is_enabled(r));
    fail_attempt(r, 1000);
    assert_false(reconnect_is_enabled(r));
    assert_int_equal(reconnect_get_state(r), RECONNECT_S_VOID);
    assert_int_equal(reconnect_run(r, 100000), RECONNECT_NONE);
    assert_int_equal(reconnect_get_last_error(r), ECONNREFUSED);

    /* Enabling again starts over. */
    reconnect_enable(r, 200000);
    assert_int_equal(reconnect_run(r, 200000), RECONNECT_CONNECT);
    reconnect_destroy(r);
}

static void
test_force_reconnect(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);
    unsigned int seqno;

    reconnect_enable(r, 0);
    fail_attempt(r, 0);
    fail_attempt(r, 1000);
    assert_int_equal(reconnect_get_backoff(r), 2000);

    /* In BACKOFF: try at once. */
    reconnect_force_reconnect(r, 1500);
    assert_int_equal(reconnect_run(r, 1500), RECONNECT_CONNECT);
    reconnect_connecting(r, 1500);
    reconnect_connected(r, 1500);

    /* Connected: disconnect, then connect without backoff. */
    seqno = reconnect_get_seqno(r);
    reconnect_force_reconnect(r, 1600);
    assert_false(reconnect_is_connected(r));
    assert_int_not_equal(reconnect_get_seqno(r), seqno);
    assert_int_equal(reconnect_run(r, 1600), RECONNECT_DISCONNECT);
    reconnect_disconnected(r, 1600, 0);
    assert_int_equal(reconnect_get_backoff(r), 0);
    assert_int_equal(reconnect_run(r, 1600), RECONNECT_CONNECT);

    /* Disabled: nothing. */
    reconnect_disable(r, 1700);
    reconnect_force_reconnect(r, 1700);
    assert_int_equal(reconnect_run(r, 1700), RECONNECT_NONE);
    reconnect_destroy(r);
}

static void
test_connect_timeout(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);

    reconnect_set_backoff(r, 100, 400);
    reconnect_enable(r, 0);
    assert_int_equal(reconnect_run(r, 0), RECONNECT_CONNECT);
    reconnect_connecting(r, 0);

    /* An attempt gets at least 1 s. */
    assert_int_equal(reconnect_timeout(r, 0), 1000);
    assert_int_equal(reconnect_run(r, 999), RECONNECT_NONE);
    assert_int_equal(reconnect_run(r, 1000), RECONNECT_DISCONNECT);
    reconnect_disconnected(r, 1000, ETIMEDOUT);
    assert_int_equal(reconnect_get_backoff(r), 100);
    assert_int_equal(reconnect_get_last_error(r), ETIMEDOUT);

    /* Custom bounds double and stop at the maximum. */
    fail_attempt(r, 1100);
    assert_int_equal(reconnect_get_backoff(r), 200);
    fail_attempt(r, 1300);
    assert_int_equal(reconnect_get_backoff(r), 400);
    fail_attempt(r, 1700);
    assert_int_equal(reconnect_get_backoff(r), 400);
    reconnect_destroy(r);
}

static void
test_names(void **state OVS_UNUSED)
{
    struct reconnect *r = reconnect_create(0);

    reconnect_set_name(r, "unix:/x");
    assert_string_equal(reconnect_get_name(r), "unix:/x");
    assert_string_equal(reconnect_state_to_string(RECONNECT_S_IDLE), "IDLE");
    assert_int_equal(reconnect_get_connection_duration(r, 50), 0);
    reconnect_enable(r, 0);
    assert_int_equal(reconnect_run(r, 0), RECONNECT_CONNECT);
    reconnect_connecting(r, 0);
    reconnect_connected(r, 10);
    assert_int_equal(reconnect_get_connection_duration(r, 50), 40);
    reconnect_destroy(r);
    reconnect_destroy(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disabled_by_default),
        cmocka_unit_test(test_backoff_doubles_to_max),
        cmocka_unit_test(test_connect_and_probe),
        cmocka_unit_test(test_probe_disabled),
        cmocka_unit_test(test_short_connection_backs_off),
        cmocka_unit_test(test_max_tries),
        cmocka_unit_test(test_force_reconnect),
        cmocka_unit_test(test_connect_timeout),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
