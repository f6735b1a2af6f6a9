/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* A test double for the offload provider contract (offload-provider.h):
 * keeps flows in memory, refuses them on command, and lets tests mark them
 * as in hardware.  No system calls. */

#include <config.h>
#include "offload-provider.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "util.h"

struct test_flow {
    struct hmap_node node;
    ovs_u128 ufid;
    void *key, *mask, *actions;
    size_t key_len, mask_len, actions_len;
    struct dpif_flow_stats stats;
    bool in_hw;
    uint32_t in_hw_count;
};

struct offload_test {
    struct dpif_offload up;
    struct hmap flows;
    enum offload_reason refuse;
    char *refuse_msg;
    uint64_t n_put_calls;
};

struct offload_test_dump {
    struct offload_test *t;
    struct test_flow **flows;
    size_t n, i;
};

static struct offload_test *
test_cast(struct dpif_offload *o)
{
    return CONTAINER_OF(o, struct offload_test, up);
}

struct dpif_offload *
offload_test_cast(struct dpif_offload *o)
{
    return o && o->class == &offload_test_class ? o : NULL;
}

static struct test_flow *
test_find(struct offload_test *t, const ovs_u128 *ufid)
{
    struct test_flow *f;

    HMAP_FOR_EACH_WITH_HASH (f, node, hash_bytes(ufid, sizeof *ufid, 0),
                             &t->flows) {
        if (!memcmp(&f->ufid, ufid, sizeof *ufid)) {
            return f;
        }
    }
    return NULL;
}

static void *
dup_bytes(const void *p, size_t n)
{
    void *q = xmalloc(n ? n : 1);

    if (n) {
        memcpy(q, p, n);
    }
    return q;
}

static void
test_flow_free(struct test_flow *f)
{
    free(f->key);
    free(f->mask);
    free(f->actions);
    free(f);
}

static int
test_open(const struct offload_class *class, struct dpif *dpif,
          struct dpif_offload **op)
{
    struct offload_test *t = xzalloc(sizeof *t);

    dpif_offload_init(&t->up, class, dpif);
    hmap_init(&t->flows);
    *op = &t->up;
    return 0;
}

static int
test_flush(struct dpif_offload *o)
{
    struct offload_test *t = test_cast(o);
    struct test_flow *f;

    HMAP_FOR_EACH_POP (f, node, &t->flows) {
        test_flow_free(f);
    }
    return 0;
}

static void
test_close(struct dpif_offload *o)
{
    struct offload_test *t = test_cast(o);

    test_flush(o);
    hmap_destroy(&t->flows);
    free(t->refuse_msg);
    dpif_offload_uninit(&t->up);
    free(t);
}

static int
test_probe(struct dpif_offload *o OVS_UNUSED, struct ds *ds)
{
    if (ds) {
        ds_put_cstr(ds, "  probes: none (test double)\n");
    }
    return 0;
}

static void
test_set_policy(struct dpif_offload *o OVS_UNUSED)
{
}

static void
test_put1(struct offload_test *t, struct offload_put *p)
{
    struct test_flow *f = test_find(t, &p->ufid);

    if (f && !(p->flags & DPIF_FP_MODIFY)) {
        p->error = EEXIST;
        return;
    }
    if (!f && !(p->flags & DPIF_FP_CREATE)) {
        p->error = ENOENT;
        return;
    }
    if (t->refuse) {
        p->error = EOPNOTSUPP;
        p->reason = t->refuse;
        p->msg = t->refuse_msg ? xstrdup(t->refuse_msg) : NULL;
        if (f) {
            p->had_rule = true;
            p->stats = f->stats;
            hmap_remove(&t->flows, &f->node);
            test_flow_free(f);
        }
        return;
    }
    if (f) {
        p->stats = f->stats;
        free(f->key);
        free(f->mask);
        free(f->actions);
        if (p->flags & DPIF_FP_ZERO_STATS) {
            memset(&f->stats, 0, sizeof f->stats);
        }
    } else {
        f = xzalloc(sizeof *f);
        f->ufid = p->ufid;
        hmap_insert(&t->flows, &f->node,
                    hash_bytes(&p->ufid, sizeof p->ufid, 0));
    }
    f->key = dup_bytes(p->key, p->key_len);
    f->key_len = p->key_len;
    f->mask = dup_bytes(p->mask, p->mask_len);
    f->mask_len = p->mask_len;
    f->actions = dup_bytes(p->actions, p->actions_len);
    f->actions_len = p->actions_len;
    p->error = 0;
}

static void
test_put(struct dpif_offload *o, struct offload_put *puts, size_t n)
{
    struct offload_test *t = test_cast(o);

    t->n_put_calls++;
    for (size_t i = 0; i < n; i++) {
        test_put1(t, &puts[i]);
    }
}

static int
test_del(struct dpif_offload *o, const ovs_u128 *ufid,
         struct dpif_flow_stats *stats)
{
    struct offload_test *t = test_cast(o);
    struct test_flow *f = test_find(t, ufid);

    if (!f) {
        return ENOENT;
    }
    if (stats) {
        *stats = f->stats;
    }
    hmap_remove(&t->flows, &f->node);
    test_flow_free(f);
    return 0;
}

static void
test_fill(const struct test_flow *f, struct offload_flow *of)
{
    memset(of, 0, sizeof *of);
    of->ufid = f->ufid;
    of->key = f->key;
    of->key_len = f->key_len;
    of->mask = f->mask;
    of->mask_len = f->mask_len;
    of->actions = f->actions;
    of->actions_len = f->actions_len;
    of->stats = f->stats;
    of->in_hw = f->in_hw;
    of->in_hw_count = f->in_hw_count;
    of->device = "test0";
}

static int
test_get(struct dpif_offload *o, const ovs_u128 *ufid,
         struct offload_flow *of)
{
    struct test_flow *f = test_find(test_cast(o), ufid);

    if (!f) {
        return ENOENT;
    }
    test_fill(f, of);
    return 0;
}

static bool
test_contains(struct dpif_offload *o, const ovs_u128 *ufid)
{
    return test_find(test_cast(o), ufid) != NULL;
}

static struct offload_dump *
test_dump_start(struct dpif_offload *o, bool terse OVS_UNUSED)
{
    struct offload_test *t = test_cast(o);
    struct offload_test_dump *d = xzalloc(sizeof *d);
    struct test_flow *f;

    d->t = t;
    d->flows = xcalloc(hmap_count(&t->flows) + 1, sizeof *d->flows);
    HMAP_FOR_EACH (f, node, &t->flows) {
        d->flows[d->n++] = f;
    }
    return (struct offload_dump *) d;
}

static int
test_dump_next(struct offload_dump *dump, struct offload_flow *of)
{
    struct offload_test_dump *d = (struct offload_test_dump *) dump;

    if (d->i >= d->n) {
        return EOF;
    }
    test_fill(d->flows[d->i++], of);
    return 0;
}

static int
test_dump_done(struct offload_dump *dump)
{
    struct offload_test_dump *d = (struct offload_test_dump *) dump;

    free(d->flows);
    free(d);
    return 0;
}

static void
test_show(struct dpif_offload *o, struct ds *ds)
{
    ds_put_format(ds, "  test flows: %zu\n",
                  hmap_count(&test_cast(o)->flows));
}

const struct offload_class offload_test_class = {
    .name = "test",
    .open = test_open,
    .close = test_close,
    .probe = test_probe,
    .set_policy = test_set_policy,
    .port_changed = NULL,
    .put = test_put,
    .del = test_del,
    .get = test_get,
    .contains = test_contains,
    .dump_start = test_dump_start,
    .dump_next = test_dump_next,
    .dump_done = test_dump_done,
    .flush = test_flush,
    .show = test_show,
};

/* Controls. */

void
offload_test_refuse(struct dpif_offload *o, enum offload_reason reason,
                    const char *msg)
{
    struct offload_test *t = test_cast(o);

    free(t->refuse_msg);
    t->refuse = reason;
    t->refuse_msg = msg ? xstrdup(msg) : NULL;
}

int
offload_test_set_hw(struct dpif_offload *o, const ovs_u128 *ufid,
                    bool in_hw, uint32_t count, uint64_t n_packets)
{
    struct test_flow *f = test_find(test_cast(o), ufid);

    if (!f) {
        return ENOENT;
    }
    f->in_hw = in_hw;
    f->in_hw_count = count;
    f->stats.n_packets += n_packets;
    f->stats.n_bytes += n_packets * 64;
    return 0;
}

size_t
offload_test_n_flows(struct dpif_offload *o)
{
    return hmap_count(&test_cast(o)->flows);
}

uint64_t
offload_test_n_put_calls(struct dpif_offload *o)
{
    return test_cast(o)->n_put_calls;
}
