/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* The flow tables of a bridge: flow mods, batches, expiry, lookups.
 *
 * Every change goes through a transaction ("txn") at version
 * tables_version + 1: new rules are inserted at that version, old ones
 * made invisible from it.  Committing publishes the version and frees
 * the old rules; rolling back removes the new rules and restores the old
 * ones, so a batch is all-or-nothing and a lookup never sees half of
 * it. */

#include <config.h>
#include "ofproto-private.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr.h"
#include "dynamic-string.h"
#include "ofp-parse.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofproto_flow);

/* Shortest time between two scans for expired rules, in ms. */
#define EXPIRY_MIN_INTERVAL 100

/* One change of a transaction. */
struct flow_op {
    struct rule *old;           /* Made invisible, or NULL. */
    struct rule *new;           /* Inserted, or NULL. */
    bool send_removed;          /* Send FLOW_REMOVED for 'old'. */
    uint8_t reason;             /* OFPRR_*, with 'send_removed'. */
};

struct flow_txn {
    struct ofproto *ofproto;
    struct ofconn *ofconn;
    ovs_version_t version;
    struct flow_op *ops;
    size_t n, allocated;
};

void
rule_list_init(struct rule_list *list)
{
    list->rules = NULL;
    list->n = list->allocated = 0;
}

void
rule_list_destroy(struct rule_list *list)
{
    free(list->rules);
    rule_list_init(list);
}

static void
rule_list_push(struct rule_list *list, struct rule *rule)
{
    if (list->n >= list->allocated) {
        list->allocated = list->allocated ? list->allocated * 2 : 16;
        list->rules = xrealloc(list->rules,
                               list->allocated * sizeof *list->rules);
    }
    list->rules[list->n++] = rule;
}

static void
ofpacts_copy__(struct ofpacts *dst, const struct ofpacts *src)
{
    dst->n = dst->allocated = src->n;
    dst->acts = src->n ? xmemdup(src->acts, src->n * sizeof *src->acts)
                       : NULL;
}

static struct rule *
rule_alloc(struct ofproto *ofproto, uint8_t table_id,
           const struct match *match, int priority,
           const struct ofpacts *ofpacts)
{
    struct rule *rule = xzalloc(sizeof *rule);
    long long now = time_msec();

    cls_rule_init(&rule->cr, match, priority);
    rule->ofproto = ofproto;
    rule->table_id = table_id;
    rule->created = rule->modified = rule->used = now;
    ofpacts_copy__(&rule->ofpacts, ofpacts);
    return rule;
}

/* A copy of 'old' (match, priority, everything) to replace it. */
static struct rule *
rule_clone(const struct rule *old, const struct ofpacts *ofpacts)
{
    struct rule *rule = xmemdup(old, sizeof *old);

    cls_rule_clone(&rule->cr, &old->cr);
    ofpacts_copy__(&rule->ofpacts, ofpacts ? ofpacts : &old->ofpacts);
    return rule;
}

static bool
rule_is_timed(const struct rule *rule)
{
    return rule->idle_timeout || rule->hard_timeout;
}

static void
rule_free(struct rule *rule)
{
    if (rule) {
        if (rule_is_timed(rule)) {
            ofproto_priv(rule->ofproto)->n_timed--;
        }
        cls_rule_destroy(&rule->cr);
        ofpacts_uninit(&rule->ofpacts);
        free(rule);
    }
}

/* Tables. */

void
ofproto_tables_init(struct ofproto *ofproto)
{
    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        classifier_init(&ofproto->tables[i]);
        ofproto->table_lookups[i] = ofproto->table_matches[i] = 0;
    }
    ofproto->tables_version = OVS_VERSION_MIN;
    ofproto_priv(ofproto)->next_expiry = LLONG_MAX;
    ofproto_priv(ofproto)->n_timed = 0;
}

void
ofproto_tables_destroy(struct ofproto *ofproto)
{
    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        struct classifier *cls = &ofproto->tables[i];
        struct rule_list all;
        struct rule *rule;

        rule_list_init(&all);
        CLS_FOR_EACH (rule, cr, cls) {
            rule_list_push(&all, rule);
        }
        for (size_t j = 0; j < all.n; j++) {
            classifier_remove(cls, &all.rules[j]->cr);
            rule_free(all.rules[j]);
        }
        rule_list_destroy(&all);
        classifier_destroy(cls);
    }
}

size_t
ofproto_table_count(const struct ofproto *ofproto, uint8_t table_id)
{
    return classifier_count(&ofproto->tables[table_id]);
}

/* Rule selection. */

static bool
ofpacts_output_to(const struct ofpacts *ofpacts, ofp_port_t port)
{
    for (size_t i = 0; i < ofpacts->n; i++) {
        const struct ofpact *a = &ofpacts->acts[i];

        if ((a->type == OFPACT_OUTPUT || a->type == OFPACT_ENQUEUE)
            && a->output.port == port) {
            return true;
        }
        if (a->type == OFPACT_CONTROLLER && port == OFPP_CONTROLLER) {
            return true;
        }
    }
    return false;
}

static bool
ofpacts_output_to_group(const struct ofpacts *ofpacts, uint32_t group)
{
    for (size_t i = 0; i < ofpacts->n; i++) {
        if (ofpacts->acts[i].type == OFPACT_GROUP
            && ofpacts->acts[i].u32 == group) {
            return true;
        }
    }
    return false;
}

static bool
rule_selected(const struct rule *rule, const struct rule_criteria *crit)
{
    return ((crit->include_hidden || !rule->hidden)
            && !((rule->cookie ^ crit->cookie) & crit->cookie_mask)
            && (crit->out_port == OFPP_NONE
                || ofpacts_output_to(&rule->ofpacts, crit->out_port))
            && (crit->out_group == OFPG_ANY
                || ofpacts_output_to_group(&rule->ofpacts,
                                           crit->out_group)));
}

static void
collect_rules__(const struct ofproto *ofproto,
                const struct rule_criteria *crit, ovs_version_t version,
                struct rule_list *out)
{
    size_t first = crit->table_id == OFPTT_ALL ? 0 : crit->table_id;
    size_t last = crit->table_id == OFPTT_ALL ? OFPROTO_N_TABLES - 1
                                              : crit->table_id;

    for (size_t i = first; i <= last && i < OFPROTO_N_TABLES; i++) {
        const struct classifier *cls = &ofproto->tables[i];
        struct rule *rule;

        if (classifier_is_empty(cls)) {
            continue;
        }
        if (crit->strict) {
            const struct cls_rule *cr;

            cr = classifier_find_rule_exactly(cls, crit->match,
                                              crit->priority, version);
            rule = cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
            if (rule && rule_selected(rule, crit)) {
                rule_list_push(out, rule);
            }
        } else {
            CLS_FOR_EACH_TARGET (rule, cr, cls, crit->match, version) {
                if (rule_selected(rule, crit)) {
                    rule_list_push(out, rule);
                }
            }
        }
    }
}

void
ofproto_collect_rules(const struct ofproto *ofproto,
                      const struct rule_criteria *crit,
                      struct rule_list *out)
{
    collect_rules__(ofproto, crit, ofproto->tables_version, out);
}

/* Transactions. */

static void
txn_init(struct flow_txn *txn, struct ofproto *ofproto,
         struct ofconn *ofconn)
{
    txn->ofproto = ofproto;
    txn->ofconn = ofconn;
    txn->version = ofproto->tables_version + 1;
    txn->ops = NULL;
    txn->n = txn->allocated = 0;
}

static void
txn_push(struct flow_txn *txn, struct rule *old, struct rule *new,
         bool send_removed, uint8_t reason)
{
    if (txn->n >= txn->allocated) {
        txn->allocated = txn->allocated ? txn->allocated * 2 : 8;
        txn->ops = xrealloc(txn->ops, txn->allocated * sizeof *txn->ops);
    }
    txn->ops[txn->n++] = (struct flow_op) {
        .old = old, .new = new, .send_removed = send_removed,
        .reason = reason,
    };
}

static void
note_timed_rule(struct ofproto *ofproto, const struct rule *rule)
{
    struct ofproto_priv *p = ofproto_priv(ofproto);

    if (rule_is_timed(rule)) {
        long long when = LLONG_MAX;

        p->n_timed++;
        if (rule->hard_timeout) {
            when = rule->modified + rule->hard_timeout * 1000LL;
        }
        if (rule->idle_timeout) {
            long long idle = rule->used + rule->idle_timeout * 1000LL;
            when = MIN(when, idle);
        }
        p->next_expiry = MIN(p->next_expiry, when);
    }
}

/* Inserts 'rule' at the transaction's version, replacing an identical
 * one, which is returned. */
static struct rule *
txn_insert(struct flow_txn *txn, struct rule *rule)
{
    struct classifier *cls = &txn->ofproto->tables[rule->table_id];
    struct cls_rule *old = classifier_replace(cls, &rule->cr, txn->version);

    note_timed_rule(txn->ofproto, rule);
    return old ? CONTAINER_OF(old, struct rule, cr) : NULL;
}

static void
send_flow_removed(struct ofproto *ofproto, const struct rule *rule,
                  uint8_t reason)
{
    struct ofp_flow_removed fr;
    long long age = time_msec() - rule->created;

    memset(&fr, 0, sizeof fr);
    cls_rule_get_match(&rule->cr, &fr.match);
    fr.cookie = rule->cookie;
    fr.priority = rule->cr.priority;
    fr.reason = reason;
    fr.table_id = rule->table_id;
    fr.duration_sec = age / 1000;
    fr.duration_nsec = (age % 1000) * 1000000;
    fr.idle_timeout = rule->idle_timeout;
    fr.hard_timeout = rule->hard_timeout;
    fr.packet_count = rule->packet_count;
    fr.byte_count = rule->byte_count;
    if (ofproto->connmgr) {
        connmgr_send_flow_removed(ofproto->connmgr, &fr);
    }
}

static void
txn_commit(struct flow_txn *txn)
{
    struct ofproto *ofproto = txn->ofproto;

    ofproto->tables_version = txn->version;
    for (size_t i = 0; i < txn->n; i++) {
        struct flow_op *op = &txn->ops[i];

        if (op->old) {
            classifier_remove(&ofproto->tables[op->old->table_id],
                              &op->old->cr);
            if (op->send_removed) {
                send_flow_removed(ofproto, op->old, op->reason);
            }
            rule_free(op->old);
        }
    }
    if (txn->n) {
        ofproto_need_revalidate();
    }
    free(txn->ops);
}

static void
txn_rollback(struct flow_txn *txn)
{
    for (size_t i = txn->n; i-- > 0;) {
        struct flow_op *op = &txn->ops[i];

        if (op->new) {
            classifier_remove(&txn->ofproto->tables[op->new->table_id],
                              &op->new->cr);
            rule_free(op->new);
        }
        if (op->old) {
            cls_rule_restore_visibility(&op->old->cr);
        }
    }
    free(txn->ops);
}

/* Checks. */

static bool
port_is_valid_output(ofp_port_t port)
{
    switch (port) {
    case OFPP_IN_PORT:
    case OFPP_TABLE:
    case OFPP_NORMAL:
    case OFPP_FLOOD:
    case OFPP_ALL:
    case OFPP_CONTROLLER:
    case OFPP_LOCAL:
        return true;
    default:
        return port < OFPP_MAX && port != 0;
    }
}

enum ofperr
ofproto_check_ofpacts(const struct ofproto *ofproto OVS_UNUSED,
                      const struct ofpacts *ofpacts, uint8_t table_id)
{
    for (size_t i = 0; i < ofpacts->n; i++) {
        const struct ofpact *a = &ofpacts->acts[i];

        switch (a->type) {
        case OFPACT_OUTPUT:
        case OFPACT_ENQUEUE:
            if (!port_is_valid_output(a->output.port)) {
                return OFPERR_OFPBAC_BAD_OUT_PORT;
            }
            break;
        case OFPACT_GROUP:
            return OFPERR_OFPBAC_BAD_OUT_GROUP;
        case OFPACT_GOTO_TABLE:
            if (table_id != OFPTT_ALL
                && (a->u8 <= table_id || a->u8 >= OFPROTO_N_TABLES)) {
                return OFPERR_OFPBIC_BAD_TABLE_ID;
            }
            break;
        case OFPACT_RESUBMIT:
            if (a->resubmit.table != 0xff
                && a->resubmit.table >= OFPROTO_N_TABLES) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            break;
        default:
            break;
        }
    }
    return 0;
}

/* Flow mods. */

/* OpenFlow 1.0 has no RESET_COUNTS flag: as stock, its adds reset the
 * counters of the rule they replace and leave the flag on the new rule
 * (so that a later modify resets them too), and its modifies reset
 * counters. */
static bool
txn_is_of10(const struct flow_txn *txn)
{
    return txn->ofconn && ofconn_get_version(txn->ofconn) < OFP13_VERSION;
}

/* Adds the flow of 'fm'.  'from_modify': a modify that matched nothing
 * adds it. */
static enum ofperr
add_flow(struct flow_txn *txn, const struct ofp_flow_mod *fm,
         bool from_modify)
{
    struct ofproto *ofproto = txn->ofproto;
    uint8_t table_id = fm->table_id == OFPTT_ALL ? 0 : fm->table_id;
    struct rule *rule, *old;
    enum ofperr error;

    if (table_id >= OFPROTO_N_TABLES) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    error = ofproto_check_ofpacts(ofproto, &fm->ofpacts, table_id);
    if (error) {
        return error;
    }

    rule = rule_alloc(ofproto, table_id, &fm->match, fm->priority,
                      &fm->ofpacts);
    if (fm->flags & OFPFF_CHECK_OVERLAP
        && classifier_rule_overlaps(&ofproto->tables[table_id], &rule->cr,
                                    txn->version)) {
        rule_free(rule);
        return OFPERR_OFPFMFC_OVERLAP;
    }
    rule->cookie = fm->new_cookie == UINT64_MAX ? fm->cookie
                                                : fm->new_cookie;
    rule->idle_timeout = fm->idle_timeout;
    rule->hard_timeout = fm->hard_timeout;
    rule->flags = fm->flags & (OFPFF_SEND_FLOW_REM | OFPFF_RESET_COUNTS
                               | OFPFF_NO_PKT_COUNTS | OFPFF_NO_BYT_COUNTS
                               | OFPFF_CHECK_OVERLAP);
    if (txn_is_of10(txn) && !from_modify) {
        rule->flags |= OFPFF_RESET_COUNTS;
    }

    old = txn_insert(txn, rule);
    if (old && !(rule->flags & OFPFF_RESET_COUNTS)) {
        rule->packet_count = old->packet_count;
        rule->byte_count = old->byte_count;
    }
    txn_push(txn, old, rule, false, 0);
    return 0;
}

/* Whether a modify that selects no rule adds one: OpenFlow 1.0 (and
 * internal flow mods) when the cookie is not matched. */
static bool
modify_may_add(const struct flow_txn *txn, const struct ofp_flow_mod *fm)
{
    return (!fm->cookie_mask
            && (!txn->ofconn
                || ofconn_get_version(txn->ofconn) < OFP13_VERSION));
}

static enum ofperr
modify_flows(struct flow_txn *txn, const struct ofp_flow_mod *fm,
             bool strict)
{
    struct rule_criteria crit = {
        .match = &fm->match, .priority = fm->priority, .strict = strict,
        .table_id = fm->table_id, .cookie = fm->cookie,
        .cookie_mask = fm->cookie_mask, .out_port = OFPP_NONE,
        .out_group = OFPG_ANY,
    };
    struct rule_list rules;
    enum ofperr error = 0;

    if (fm->table_id != OFPTT_ALL && fm->table_id >= OFPROTO_N_TABLES) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    rule_list_init(&rules);
    collect_rules__(txn->ofproto, &crit, txn->version, &rules);
    if (!rules.n) {
        rule_list_destroy(&rules);
        return modify_may_add(txn, fm) ? add_flow(txn, fm, true) : 0;
    }
    for (size_t i = 0; i < rules.n && !error; i++) {
        error = ofproto_check_ofpacts(txn->ofproto, &fm->ofpacts,
                                      rules.rules[i]->table_id);
    }
    for (size_t i = 0; i < rules.n && !error; i++) {
        struct rule *old = rules.rules[i];
        struct rule *new = rule_clone(old, &fm->ofpacts);
        struct rule *replaced;

        if (fm->new_cookie != UINT64_MAX) {
            new->cookie = fm->new_cookie;
        }
        if ((fm->flags | old->flags) & OFPFF_RESET_COUNTS
            || txn_is_of10(txn)) {
            new->packet_count = new->byte_count = 0;
        }
        new->modified = time_msec();
        replaced = txn_insert(txn, new);
        if (replaced != old) {
            VLOG_WARN("modify replaced an unexpected rule");
        }
        txn_push(txn, old, new, false, 0);
    }
    rule_list_destroy(&rules);
    return error;
}

static void
delete_rules(struct flow_txn *txn, const struct rule_list *rules,
             uint8_t reason)
{
    for (size_t i = 0; i < rules->n; i++) {
        struct rule *rule = rules->rules[i];

        cls_rule_make_invisible_in_version(&rule->cr, txn->version);
        txn_push(txn, rule, NULL,
                 (rule->flags & OFPFF_SEND_FLOW_REM) != 0, reason);
    }
}

static enum ofperr
delete_flows(struct flow_txn *txn, const struct ofp_flow_mod *fm,
             bool strict)
{
    struct rule_criteria crit = {
        .match = &fm->match, .priority = fm->priority, .strict = strict,
        .table_id = fm->table_id, .cookie = fm->cookie,
        .cookie_mask = fm->cookie_mask, .out_port = fm->out_port,
        .out_group = fm->out_group,
    };
    struct rule_list rules;

    if (fm->table_id != OFPTT_ALL && fm->table_id >= OFPROTO_N_TABLES) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    rule_list_init(&rules);
    collect_rules__(txn->ofproto, &crit, txn->version, &rules);
    delete_rules(txn, &rules, OFPRR_DELETE);
    rule_list_destroy(&rules);
    return 0;
}

static enum ofperr
txn_flow_mod(struct flow_txn *txn, const struct ofp_flow_mod *fm)
{
    if (fm->buffer_id != OFP_NO_BUFFER && fm->buffer_id != 0
        && fm->command != OFPFC_DELETE
        && fm->command != OFPFC_DELETE_STRICT) {
        /* No packet buffering: the flow mod still applies (as stock). */
        VLOG_DBG("flow mod names buffer %"PRIu32", ignored", fm->buffer_id);
    }
    switch (fm->command) {
    case OFPFC_ADD:
        return add_flow(txn, fm, false);
    case OFPFC_MODIFY:
        return modify_flows(txn, fm, false);
    case OFPFC_MODIFY_STRICT:
        return modify_flows(txn, fm, true);
    case OFPFC_DELETE:
        return delete_flows(txn, fm, false);
    case OFPFC_DELETE_STRICT:
        return delete_flows(txn, fm, true);
    default:
        return OFPERR_OFPFMFC_BAD_COMMAND;
    }
}

enum ofperr
ofproto_flow_mod(struct ofproto *ofproto, const struct ofp_flow_mod *fm,
                 struct ofconn *ofconn)
{
    size_t failed;

    return ofproto_flow_mod_batch(ofproto, fm, 1, ofconn, &failed);
}

enum ofperr
ofproto_flow_mod_batch(struct ofproto *ofproto,
                       const struct ofp_flow_mod *fms, size_t n,
                       struct ofconn *ofconn, size_t *failed)
{
    struct flow_txn txn;

    txn_init(&txn, ofproto, ofconn);
    for (size_t i = 0; i < n; i++) {
        enum ofperr error = txn_flow_mod(&txn, &fms[i]);

        if (error) {
            txn_rollback(&txn);
            if (failed) {
                *failed = i;
            }
            return error;
        }
    }
    txn_commit(&txn);
    return 0;
}

/* Lookups and statistics. */

struct rule *
ofproto_rule_lookup(struct ofproto *ofproto, uint8_t table_id,
                    const struct flow *flow, struct flow_wildcards *wc)
{
    const struct cls_rule *cr;

    if (table_id >= OFPROTO_N_TABLES) {
        return NULL;
    }
    ofproto->table_lookups[table_id]++;
    cr = classifier_lookup(&ofproto->tables[table_id],
                           ofproto->tables_version, flow, wc);
    if (!cr) {
        return NULL;
    }
    ofproto->table_matches[table_id]++;
    return CONTAINER_OF(cr, struct rule, cr);
}

void
ofproto_rule_credit(struct rule *rule, uint64_t packets, uint64_t bytes,
                    long long used)
{
    rule->packet_count += packets;
    rule->byte_count += bytes;
    if (used > rule->used) {
        rule->used = used;
    }
}

/* Hidden rules. */

void
ofproto_add_hidden_flow(struct ofproto *ofproto, const struct match *match,
                        int priority, const struct ofpacts *ofpacts)
{
    struct flow_txn txn;
    struct rule *rule, *old;

    txn_init(&txn, ofproto, NULL);
    rule = rule_alloc(ofproto, 0, match, priority, ofpacts);
    rule->hidden = true;
    old = txn_insert(&txn, rule);
    txn_push(&txn, old, rule, false, 0);
    txn_commit(&txn);
}

void
ofproto_delete_hidden_flow(struct ofproto *ofproto,
                           const struct match *match, int priority)
{
    const struct cls_rule *cr;
    struct flow_txn txn;
    struct rule *rule;

    cr = classifier_find_rule_exactly(&ofproto->tables[0], match, priority,
                                      ofproto->tables_version);
    if (!cr) {
        return;
    }
    rule = CONTAINER_OF(cr, struct rule, cr);
    txn_init(&txn, ofproto, NULL);
    cls_rule_make_invisible_in_version(&rule->cr, txn.version);
    txn_push(&txn, rule, NULL, false, 0);
    txn_commit(&txn);
}

void
ofproto_add_default_flow(struct ofproto *ofproto)
{
    struct ofp_flow_mod fm;
    struct ofpact *a;

    ofp_flow_mod_init(&fm);
    match_init_catchall(&fm.match);
    fm.priority = 0;
    fm.command = OFPFC_ADD;
    fm.table_id = 0;
    a = ofpacts_put(&fm.ofpacts, OFPACT_OUTPUT);
    a->output.port = OFPP_NORMAL;
    a->output.max_len = 0;
    ofproto_flow_mod(ofproto, &fm, NULL);
    ofp_flow_mod_uninit(&fm);
}

/* Expiry. */

static int
rule_expired(const struct rule *rule, long long now)
{
    if (rule->hard_timeout
        && now >= rule->modified + rule->hard_timeout * 1000LL) {
        return OFPRR_HARD_TIMEOUT;
    }
    if (rule->idle_timeout
        && now >= rule->used + rule->idle_timeout * 1000LL) {
        return OFPRR_IDLE_TIMEOUT;
    }
    return -1;
}

void
ofproto_expire_rules(struct ofproto *ofproto, long long now)
{
    struct ofproto_priv *p = ofproto_priv(ofproto);
    struct flow_txn txn;

    if (!p->n_timed || now < p->next_expiry) {
        return;
    }
    txn_init(&txn, ofproto, NULL);
    p->next_expiry = LLONG_MAX;
    for (size_t i = 0; i < OFPROTO_N_TABLES; i++) {
        struct rule *rule;

        if (classifier_is_empty(&ofproto->tables[i])) {
            continue;
        }
        CLS_FOR_EACH_TARGET (rule, cr, &ofproto->tables[i], NULL,
                             ofproto->tables_version) {
            int reason;

            if (!rule_is_timed(rule)) {
                continue;
            }
            reason = rule_expired(rule, now);
            if (reason >= 0) {
                cls_rule_make_invisible_in_version(&rule->cr, txn.version);
                txn_push(&txn, rule, NULL,
                         (rule->flags & OFPFF_SEND_FLOW_REM) != 0, reason);
            } else {
                long long when = LLONG_MAX;

                if (rule->hard_timeout) {
                    when = rule->modified + rule->hard_timeout * 1000LL;
                }
                if (rule->idle_timeout) {
                    when = MIN(when,
                               rule->used + rule->idle_timeout * 1000LL);
                }
                p->next_expiry = MIN(p->next_expiry, when);
            }
        }
    }
    /* Scan at most every EXPIRY_MIN_INTERVAL ms, however the expiries
     * are spread. */
    p->next_expiry = MAX(p->next_expiry, now + EXPIRY_MIN_INTERVAL);
    txn_commit(&txn);
}

long long
ofproto_next_expiry(const struct ofproto *ofproto)
{
    const struct ofproto_priv *p = ofproto_priv(ofproto);

    return p->n_timed ? p->next_expiry : LLONG_MAX;
}

/* Formatting. */

void
ofproto_rule_to_stats(const struct rule *rule, long long now,
                      struct ofp_flow_stats *fs)
{
    long long age = now - rule->created;

    memset(fs, 0, sizeof *fs);
    cls_rule_get_match(&rule->cr, &fs->match);
    fs->table_id = rule->table_id;
    fs->duration_sec = age / 1000;
    fs->duration_nsec = (age % 1000) * 1000000;
    fs->priority = rule->cr.priority;
    fs->idle_timeout = rule->idle_timeout;
    fs->hard_timeout = rule->hard_timeout;
    fs->flags = rule->flags;
    fs->idle_age = (now - rule->used) / 1000;
    fs->hard_age = rule->modified != rule->created
                   ? (now - rule->modified) / 1000 : -1;
    fs->cookie = rule->cookie;
    fs->packet_count = rule->packet_count;
    fs->byte_count = rule->byte_count;
    fs->ofpacts = rule->ofpacts;
}

void
ofproto_format_rule(const struct rule *rule, long long now, struct ds *s)
{
    struct match match;

    if (rule->table_id) {
        ds_put_format(s, "table_id=%u, ", rule->table_id);
    }
    ds_put_format(s, "duration=%llds, n_packets=%"PRIu64", "
                  "n_bytes=%"PRIu64", ", (now - rule->created) / 1000,
                  rule->packet_count, rule->byte_count);
    cls_rule_get_match(&rule->cr, &match);
    ofp_format_match(&match, rule->cr.priority, s);
    ds_put_cstr(s, ",actions=");
    ofp_format_actions(&rule->ofpacts, s);
}
