/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * Unit tests for the basic containers and strings: hmap, ovs_list, ds, the
 * string-to-number helpers, the latch and the event loop's timers.
 */

#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "latch.h"
#include "list.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"

#include <sys/wait.h>
#include <unistd.h>

struct element {
    int value;
    struct hmap_node hmap_node;
    struct ovs_list list_node;
};

/* Deliberately poor hash so that many elements share buckets and hashes. */
static size_t
weak_hash(int value)
{
    return value % 7;
}

static void
check_hmap_contents(struct hmap *hmap, const bool *present, int n)
{
    int n_seen = 0;
    bool *seen = xcalloc(n, sizeof *seen);
    struct element *e;

    HMAP_FOR_EACH (e, hmap_node, hmap) {
        assert_true(e->value >= 0 && e->value < n);
        assert_true(present[e->value]);
        assert_false(seen[e->value]);
        seen[e->value] = true;
        n_seen++;
    }
    for (int i = 0; i < n; i++) {
        int found = 0;

        HMAP_FOR_EACH_WITH_HASH (e, hmap_node, weak_hash(i), hmap) {
            found += e->value == i;
        }
        assert_int_equal(found, present[i] ? 1 : 0);
    }
    assert_int_equal(n_seen, hmap_count(hmap));
    free(seen);
}

static void
test_hmap_random(void **state OVS_UNUSED)
{
    enum { N = 300 };
    struct element elements[N];
    bool present[N] = { false };
    struct hmap hmap = HMAP_INITIALIZER;
    unsigned int seed = 12345;

    for (int i = 0; i < N; i++) {
        elements[i].value = i;
    }
    for (int round = 0; round < 3000; round++) {
        int i = rand_r(&seed) % N;

        if (present[i]) {
            hmap_remove(&hmap, &elements[i].hmap_node);
        } else {
            hmap_insert(&hmap, &elements[i].hmap_node, weak_hash(i));
        }
        present[i] = !present[i];
        if (round % 250 == 0) {
            check_hmap_contents(&hmap, present, N);
        }
    }
    check_hmap_contents(&hmap, present, N);

    /* Removing every even element while iterating must visit each element
     * exactly once. */
    struct element *e, *next;
    int visited = 0, expected = hmap_count(&hmap);

    HMAP_FOR_EACH_SAFE (e, next, hmap_node, &hmap) {
        visited++;
        if (e->value % 2 == 0) {
            hmap_remove(&hmap, &e->hmap_node);
            present[e->value] = false;
        }
    }
    assert_int_equal(visited, expected);
    check_hmap_contents(&hmap, present, N);

    int n_popped = 0;
    expected = hmap_count(&hmap);
    HMAP_FOR_EACH_POP (e, hmap_node, &hmap) {
        assert_true(present[e->value]);
        present[e->value] = false;
        n_popped++;
    }
    assert_int_equal(n_popped, expected);
    assert_true(hmap_is_empty(&hmap));
    for (int i = 0; i < N; i++) {
        assert_false(present[i]);
    }
    hmap_destroy(&hmap);
}

static void
test_list(void **state OVS_UNUSED)
{
    struct ovs_list list = OVS_LIST_INITIALIZER(&list);
    struct element elements[5];
    struct element *e, *next;
    int expected;

    assert_true(ovs_list_is_empty(&list));
    for (int i = 0; i < 5; i++) {
        elements[i].value = i;
        ovs_list_push_back(&list, &elements[i].list_node);
    }
    assert_int_equal(ovs_list_size(&list), 5);

    expected = 0;
    LIST_FOR_EACH (e, list_node, &list) {
        assert_int_equal(e->value, expected++);
    }
    assert_int_equal(expected, 5);

    LIST_FOR_EACH_SAFE (e, next, list_node, &list) {
        if (e->value == 2) {
            ovs_list_remove(&e->list_node);
        }
    }
    assert_int_equal(ovs_list_size(&list), 4);

    int order[] = { 0, 1, 3, 4 };
    expected = 0;
    LIST_FOR_EACH_POP (e, list_node, &list) {
        assert_int_equal(e->value, order[expected++]);
    }
    assert_int_equal(expected, 4);
    assert_true(ovs_list_is_empty(&list));
}

static void
test_ds(void **state OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    assert_string_equal(ds_cstr_ro(&ds), "");
    assert_int_equal(ds_last(&ds), EOF);
    for (int i = 0; i < 1000; i++) {
        ds_put_format(&ds, "%d,", i);
    }
    assert_int_equal(ds.length, 3890);
    assert_memory_equal(ds_cstr(&ds) + ds.length - 4, "999,", 4);
    ds_chomp(&ds, ',');
    assert_int_equal(ds_last(&ds), '9');
    ds_truncate(&ds, 3);
    assert_string_equal(ds_cstr(&ds), "0,1");
    ds_clear(&ds);
    ds_put_char_multiple(&ds, 'x', 3);
    ds_put_cstr(&ds, "yz");
    assert_string_equal(ds_cstr(&ds), "xxxyz");

    ds_clear(&ds);
    ds_put_iso8601_msec(&ds, 1795419695187LL);
    assert_string_equal(ds_cstr(&ds), "2026-11-23T07:41:35.187Z");

    char *s = ds_steal_cstr(&ds);
    assert_string_equal(s, "2026-11-23T07:41:35.187Z");
    assert_null(ds.string);
    free(s);
    ds_destroy(&ds);
}

static void
test_str_to_number(void **state OVS_UNUSED)
{
    int i;
    unsigned int u;
    long long ll;

    assert_true(str_to_int("42", 10, &i));
    assert_int_equal(i, 42);
    assert_true(str_to_int("-7", 10, &i));
    assert_int_equal(i, -7);
    assert_false(str_to_int("42x", 10, &i));
    assert_false(str_to_int("", 10, &i));
    assert_false(str_to_int("2147483648", 10, &i));
    assert_true(str_to_uint("0x10", 0, &u));
    assert_int_equal(u, 16);
    assert_false(str_to_uint("-1", 10, &u));
    assert_true(str_to_llong("9223372036854775807", 10, &ll));
    assert_false(str_to_llong("9223372036854775808", 10, &ll));
}

static void
test_strings(void **state OVS_UNUSED)
{
    char buf[4];

    ovs_strlcpy(buf, "abcdef", sizeof buf);
    assert_string_equal(buf, "abc");
    assert_true(str_starts_with("punix:/x", "punix:"));
    assert_false(str_starts_with("unix", "punix:"));
    assert_string_equal(ovs_retval_to_string(0), "Success");
    assert_string_equal(ovs_retval_to_string(EOF), "End of file");
    assert_string_equal(ovs_retval_to_string(ENOENT),
                        "No such file or directory");

    char *s = xasprintf("%s-%d", "a", 12);
    assert_string_equal(s, "a-12");
    free(s);

    assert_int_equal(hash_string("abc", 0), hash_bytes("abc", 3, 0));
    assert_int_not_equal(hash_string("abc", 0), hash_string("abd", 0));
    assert_int_not_equal(hash_string("abc", 0), hash_string("abc", 1));
}

static void
test_latch_and_timer(void **state OVS_UNUSED)
{
    struct latch latch;
    long long int start;

    latch_init(&latch);
    assert_false(latch_is_set(&latch));
    latch_set(&latch);
    latch_set(&latch);
    assert_true(latch_is_set(&latch));

    /* A set latch wakes poll_block() at once. */
    start = time_msec();
    latch_wait(&latch);
    poll_timer_wait(10000);
    poll_block();
    assert_true(time_msec() - start < 5000);

    assert_true(latch_poll(&latch));
    assert_false(latch_poll(&latch));
    assert_false(latch_is_set(&latch));

    /* A timer alone wakes it after roughly the requested time. */
    start = time_msec();
    latch_wait(&latch);
    poll_timer_wait(50);
    poll_block();
    assert_true(time_msec() - start >= 49);

    /* poll_immediate_wake() does not wait. */
    start = time_msec();
    poll_timer_wait(10000);
    poll_immediate_wake();
    poll_block();
    assert_true(time_msec() - start < 5000);

    latch_destroy(&latch);
}

/* uuid_new_random(): version 4 and RFC 4122 variant bits, no repeats over
 * more than one refill of its buffer, and a forked child does not repeat
 * the parent's next UUID. */
static void
test_uuid_random(void **state OVS_UNUSED)
{
    enum { N = 1000 };
    struct uuid *uuids = xmalloc(N * sizeof *uuids);

    for (int i = 0; i < N; i++) {
        uuid_new_random(&uuids[i]);
        assert_int_equal((uuids[i].parts[1] >> 12) & 0xf, 4);
        assert_int_equal(uuids[i].parts[2] >> 30, 2);
        for (int j = 0; j < i; j++) {
            assert_false(uuid_equals(&uuids[i], &uuids[j]));
        }
    }

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (!pid) {
        struct uuid child;

        uuid_new_random(&child);
        _exit(write(fds[1], &child, sizeof child) == sizeof child ? 0 : 1);
    }
    struct uuid parent, child;
    uuid_new_random(&parent);
    assert_int_equal(read(fds[0], &child, sizeof child), sizeof child);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_false(uuid_equals(&parent, &child));
    close(fds[0]);
    close(fds[1]);
    free(uuids);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hmap_random),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_ds),
        cmocka_unit_test(test_str_to_number),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_latch_and_timer),
        cmocka_unit_test(test_uuid_random),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
