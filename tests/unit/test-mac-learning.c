/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for ofproto/mac-learning.c: learning, moves, aging (with a
 * fake clock), the size limit (oldest entry evicted), flushes, and the
 * fdb/show table format.  ofproto_need_revalidate() and time_msec() are
 * fakes that count calls and return a settable time.
 */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dynamic-string.h"
#include "mac-learning.h"
#include "ofproto.h"
#include "timeval.h"
#include "util.h"

/* Fakes. */

static int n_revalidate;
static long long fake_now = 1000000;

/* This test compiles mac-learning.c with -Dtime_msec=fake_time_msec. */
long long int
time_msec(void)
{
    return fake_now;
}

void
ofproto_need_revalidate(void)
{
    n_revalidate++;
}

static struct eth_addr
mac(int n)
{
    return (struct eth_addr) { { 0x50, 0x54, 0x00, 0x00, n >> 8, n } };
}

static void
test_learn_lookup(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);

    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), OFPP_NONE);
    assert_true(mac_learning_learn(ml, mac(1), 0, 3));
    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), 3);
    /* Same MAC on another VLAN is another entry. */
    assert_int_equal(mac_learning_lookup(ml, mac(1), 10), OFPP_NONE);
    assert_true(mac_learning_learn(ml, mac(1), 10, 4));
    assert_int_equal(mac_learning_lookup(ml, mac(1), 10), 4);
    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), 3);
    /* Seeing it again on the same port changes nothing. */
    assert_false(mac_learning_learn(ml, mac(1), 0, 3));
    assert_int_equal(mac_learning_count(ml), 2);
    /* Multicast sources are never learned. */
    assert_false(mac_learning_learn(ml, ETH_ADDR_BROADCAST, 0, 3));
    assert_int_equal(mac_learning_count(ml), 2);
    mac_learning_destroy(ml);
}

static void
test_new_entry_revalidates(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);
    int before = n_revalidate;

    /* A new entry: flows flooding to that MAC must be revalidated. */
    assert_true(mac_learning_learn(ml, mac(9), 0, 3));
    assert_int_equal(n_revalidate, before + 1);
    /* Seen again on the same port: nothing to revalidate. */
    assert_false(mac_learning_learn(ml, mac(9), 0, 3));
    assert_int_equal(n_revalidate, before + 1);
    mac_learning_destroy(ml);
}

static void
test_move(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);
    int before;

    mac_learning_learn(ml, mac(1), 0, 3);
    before = n_revalidate;
    assert_true(mac_learning_learn(ml, mac(1), 0, 5));
    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), 5);
    assert_int_equal(n_revalidate, before + 1);
    assert_int_equal(mac_learning_count(ml), 1);
    mac_learning_destroy(ml);
}

static void
test_age(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(60);
    struct ds s = DS_EMPTY_INITIALIZER;
    int before;

    mac_learning_learn(ml, mac(1), 0, 1);
    fake_now += 20000;
    mac_learning_learn(ml, mac(2), 0, 2);
    fake_now += 30000;
    mac_learning_run(ml);
    assert_int_equal(mac_learning_count(ml), 2);
    mac_learning_format(ml, &s, NULL, NULL);
    assert_string_equal(ds_cstr(&s),
                        " port  VLAN  MAC                Age\n"
                        "    1     0  50:54:00:00:00:01   50\n"
                        "    2     0  50:54:00:00:00:02   30\n");

    /* Seeing mac(1) again refreshes it and makes it the most recent. */
    mac_learning_learn(ml, mac(1), 0, 1);
    ds_clear(&s);
    mac_learning_format(ml, &s, NULL, NULL);
    assert_string_equal(ds_cstr(&s),
                        " port  VLAN  MAC                Age\n"
                        "    2     0  50:54:00:00:00:02   30\n"
                        "    1     0  50:54:00:00:00:01    0\n");

    /* mac(2) was seen 60 s ago: it goes, and that needs revalidation. */
    fake_now += 30000;
    before = n_revalidate;
    mac_learning_run(ml);
    assert_int_equal(mac_learning_count(ml), 1);
    assert_int_equal(mac_learning_lookup(ml, mac(2), 0), OFPP_NONE);
    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), 1);
    assert_int_equal(n_revalidate, before + 1);

    /* An idle time below the minimum is clamped to 15 s. */
    mac_learning_learn(ml, mac(1), 0, 1);
    fake_now += 14000;
    mac_learning_set_idle_time(ml, 1);
    assert_int_equal(mac_learning_count(ml), 1);
    fake_now += 2000;
    mac_learning_run(ml);
    assert_int_equal(mac_learning_count(ml), 0);
    ds_destroy(&s);
    mac_learning_destroy(ml);
}

static void
test_limit(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);
    int i;

    mac_learning_set_max_entries(ml, 10);
    for (i = 1; i <= 10; i++) {
        mac_learning_learn(ml, mac(i), 0, i);
    }
    assert_int_equal(mac_learning_count(ml), 10);
    /* Refresh the oldest: mac(2) is now the oldest. */
    mac_learning_learn(ml, mac(1), 0, 1);
    mac_learning_learn(ml, mac(11), 0, 11);
    assert_int_equal(mac_learning_count(ml), 10);
    assert_int_equal(mac_learning_lookup(ml, mac(2), 0), OFPP_NONE);
    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), 1);
    assert_int_equal(mac_learning_lookup(ml, mac(11), 0), 11);

    /* Shrinking evicts the oldest ones. */
    for (i = 12; i <= 20; i++) {
        mac_learning_learn(ml, mac(i), 0, i);
    }
    mac_learning_set_max_entries(ml, 10);
    assert_int_equal(mac_learning_count(ml), 10);
    assert_int_equal(mac_learning_lookup(ml, mac(20), 0), 20);
    mac_learning_destroy(ml);
}

static void
test_flush(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);
    int before;

    mac_learning_learn(ml, mac(1), 0, 1);
    mac_learning_learn(ml, mac(2), 0, 2);
    mac_learning_learn(ml, mac(3), 5, 2);
    before = n_revalidate;
    mac_learning_flush_port(ml, 2);
    assert_int_equal(n_revalidate, before + 1);
    assert_int_equal(mac_learning_count(ml), 1);
    assert_int_equal(mac_learning_lookup(ml, mac(1), 0), 1);
    mac_learning_flush_port(ml, 7);
    assert_int_equal(n_revalidate, before + 1);
    mac_learning_flush(ml);
    assert_int_equal(mac_learning_count(ml), 0);
    assert_int_equal(n_revalidate, before + 2);
    mac_learning_flush(ml);
    assert_int_equal(n_revalidate, before + 2);
    mac_learning_destroy(ml);
}

static const char *
name_cb(ofp_port_t port, void *aux)
{
    assert_string_equal(aux, "aux");
    return port == OFPP_LOCAL ? "LOCAL" : NULL;
}

static void
test_format(void **state OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);
    struct ds s = DS_EMPTY_INITIALIZER;

    mac_learning_learn(ml, mac(0x1ab), 4095, OFPP_LOCAL);
    mac_learning_learn(ml, mac(7), 12, 23);
    mac_learning_format(ml, &s, name_cb, "aux");
    assert_string_equal(ds_cstr(&s),
                        " port  VLAN  MAC                Age\n"
                        "LOCAL  4095  50:54:00:00:01:ab    0\n"
                        "   23    12  50:54:00:00:00:07    0\n");
    ds_destroy(&s);
    mac_learning_destroy(ml);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learn_lookup),
        cmocka_unit_test(test_new_entry_revalidates),
        cmocka_unit_test(test_move),
        cmocka_unit_test(test_age),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_flush),
        cmocka_unit_test(test_format),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
