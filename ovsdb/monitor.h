/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_MONITOR_H
#define OVSDB_MONITOR_H 1

/* Monitors (RFC 7047 section 4.1.5 and the extensions stock clients use):
 * a client's standing request to be told the contents of some columns of
 * some tables, then every change to them.
 *
 * Versions and their wire forms:
 *   - OVSDB_MONITOR_V1 ("monitor"): <table-updates>, each row
 *     {"new": <row>} on insertion, {"old": <row>} on deletion, and on
 *     modification {"old": the changed columns' old values, "new": every
 *     monitored column}; notification "update" [<id>, <table-updates>].
 *   - OVSDB_MONITOR_V2 ("monitor_cond"): <table-updates2>, each row
 *     {"initial": <row>}, {"insert": <row>}, {"delete": null} or
 *     {"modify": <diff>}, where <row> leaves out columns at their default
 *     value and <diff> holds the changed columns: the new value of a column
 *     of at most one element that is not a map, otherwise the elements
 *     that changed (for a set, those added or removed; for a map, removed
 *     pairs as they were and added or changed pairs as they are);
 *     notification "update2" [<id>, <table-updates2>].
 *   - OVSDB_MONITOR_V3 ("monitor_cond_since"): as V2, with notification
 *     "update3" [<id>, <last-txn-id>, <table-updates2>].  A standalone
 *     server keeps no transaction history, so the transaction id is always
 *     the zero UUID, as stock standalone servers say.
 * V2 and V3 take a "where" per table: only rows that satisfy it are
 * visible; a change that makes a row visible is an insertion, one that
 * hides it a deletion.
 *
 * Each monitor watches its database as an observer (ovsdb.h): every
 * commit that changes something it shows produces one notification, handed
 * to the monitor's 'send' callback during the commit. */

#include <stdbool.h>
#include <jansson.h>
#include "compiler.h"

struct ovsdb;
struct ovsdb_error;

enum ovsdb_monitor_version {
    OVSDB_MONITOR_V1,
    OVSDB_MONITOR_V2,
    OVSDB_MONITOR_V3
};

/* Called with the notification's 'method' and 'params' (which the callee
 * takes over). */
typedef void ovsdb_monitor_send_func(void *aux, const char *method,
                                     json_t *params);

struct ovsdb_monitor;

/* Creates a monitor of 'db' with the id 'monitor_id' (copied) and the
 * <monitor-requests> object 'requests', and stores it in '*monitorp' and
 * the initial contents (<table-updates> or <table-updates2>, owned by the
 * caller) in '*initialp'.  On error stores NULL in both. */
struct ovsdb_error *ovsdb_monitor_create(
    struct ovsdb *db, enum ovsdb_monitor_version version,
    const json_t *monitor_id, const json_t *requests,
    ovsdb_monitor_send_func *send, void *aux,
    struct ovsdb_monitor **monitorp, json_t **initialp)
    OVS_WARN_UNUSED_RESULT;

/* Stops and frees 'monitor'.  Accepts NULL. */
void ovsdb_monitor_destroy(struct ovsdb_monitor *monitor);

const json_t *ovsdb_monitor_get_id(const struct ovsdb_monitor *monitor);
enum ovsdb_monitor_version ovsdb_monitor_get_version(
    const struct ovsdb_monitor *monitor);
struct ovsdb *ovsdb_monitor_get_db(const struct ovsdb_monitor *monitor);

/* "monitor_cond_change": gives 'monitor' the id 'new_id' and, for each
 * table of 'requests' (an object whose members are arrays of
 * <monitor-cond-request>s with "where" and, unchanged, "columns"), the new
 * condition.  Rows that this shows or hides are sent at once, through the
 * 'send' callback, as insertions and deletions.  On error nothing
 * changes. */
struct ovsdb_error *ovsdb_monitor_cond_change(struct ovsdb_monitor *monitor,
                                              const json_t *new_id,
                                              const json_t *requests)
    OVS_WARN_UNUSED_RESULT;

/* Returns a new string that names the JSON value 'id' uniquely, to key
 * monitors by id. */
char *ovsdb_monitor_id_to_string(const json_t *id);

#endif /* ovsdb/monitor.h */
