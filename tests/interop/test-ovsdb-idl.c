/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* Drives the client IDL against a live OVSDB server through scripted steps
 * and prints the replica in a stable text form (row UUIDs become #1, #2...
 * in an order that depends only on the rows' contents).
 *
 * usage: test-ovsdb-idl [OPTIONS] REMOTE DATABASE STEP...
 *
 * Options:
 *   --all               monitor every table and column
 *   --table=T           monitor every column of T
 *   --column=T.C        monitor column C of T
 *   --lock=NAME         hold lock NAME
 *   --max-tries=N       give up connecting after N attempts
 *   --timeout=SECS      fail any step that takes longer (default 20)
 *
 * Steps:
 *   connect             run until the replica is synchronised
 *   print               print the replica
 *   insert T NAME ROW   (in the open txn) insert a row into T with the
 *                       values of JSON object ROW; NAME names it for
 *                       ["named-uuid", NAME] in later values
 *   update T C=V ROW    write the values of ROW into the row of T whose
 *                       column C equals JSON value V
 *   delete T C=V        delete that row
 *   verify T C=V COL    verify column COL of that row
 *   increment T C=V COL increment integer column COL of that row
 *   comment TEXT        add a comment
 *   dry-run             make the transaction a dry run
 *   commit              commit (blocking) and print the status; for
 *                       inserted rows, whether the server gave a UUID
 *   request             print the last transaction's request shape
 *   pause FILE          create FILE, then keep the IDL running until FILE
 *                       is removed (the caller restarts servers meanwhile)
 *   wait-reconnect      run until the connection was lost and the replica
 *                       synchronised again
 *   wait-lock           run until the lock is held
 *   wait-contended      run until the lock is contended
 *   lock-status         print has_lock and is_lock_contended
 *   wait-dead           run until the IDL gives up; print the last error
 *   set-column T.C      add a column to the interest (resends monitor)
 *   bulk-insert T N     (in the open txn) insert N rows into T with
 *                       i=1..N, s="row-I" and ss={"a": "b"}
 *   measure-load T      time a fresh IDL loading table T (to stderr)
 */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "ovsdb/ovsdb-data.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

static long long int step_timeout = 20000;

struct named_row {
    char *name;
    struct uuid uuid;
};

struct driver {
    const char *remote;
    const char *db;
    struct ovsdb_idl *idl;
    struct ovsdb_idl_txn *txn;
    struct named_row *names;
    size_t n_names;
    char *last_request;
};

static void
fail(const char *format, ...) OVS_PRINTF_FORMAT(1, 2) OVS_NO_RETURN;
static bool file_gone(struct driver *, void *file);

static void
fail(const char *format, ...)
{
    va_list args;

    fflush(stdout);
    fprintf(stderr, "test-ovsdb-idl: ");
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    exit(1);
}

/* Runs the IDL until 'cond' is true or the step times out. */
static void
run_until(struct driver *d, bool (*cond)(struct driver *, void *), void *aux,
          const char *what)
{
    long long int deadline = time_msec() + step_timeout;

    for (;;) {
        ovsdb_idl_run(d->idl);
        if (cond(d, aux)) {
            return;
        }
        if (time_msec() >= deadline) {
            fail("timed out waiting for %s", what);
        }
        ovsdb_idl_wait(d->idl);
        poll_timer_wait_until(deadline);
        if (cond == file_gone) {
            poll_timer_wait(20);  /* Nothing signals a file's removal. */
        }
        poll_block();
    }
}

static bool
is_connected(struct driver *d, void *aux OVS_UNUSED)
{
    return ovsdb_idl_is_connected(d->idl);
}

/* Printing. */

struct uuid_index {
    struct hmap_node node;
    struct uuid uuid;
    int index;
};

static const struct uuid_index *
uuid_index_find(const struct hmap *map, const struct uuid *uuid)
{
    const struct uuid_index *ui;

    HMAP_FOR_EACH_WITH_HASH (ui, node, uuid_hash(uuid), map) {
        if (uuid_equals(&ui->uuid, uuid)) {
            return ui;
        }
    }
    return NULL;
}

/* Replaces every UUID in 'text' by #N (its index in 'map'), #zero, or #?
 * (or by #? throughout if 'map' is NULL). */
static char *
mask_uuids(const char *text, const struct hmap *map)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    size_t n = strlen(text);

    for (size_t i = 0; i < n; ) {
        struct uuid uuid;

        if (i + UUID_LEN <= n && uuid_from_buffer(&uuid, text + i, UUID_LEN)) {
            const struct uuid_index *ui = map ? uuid_index_find(map, &uuid)
                                              : NULL;

            if (uuid_is_zero(&uuid)) {
                ds_put_cstr(&out, "#zero");
            } else if (ui) {
                ds_put_format(&out, "#%d", ui->index);
            } else {
                ds_put_cstr(&out, "#?");
            }
            i += UUID_LEN;
        } else {
            ds_put_char(&out, text[i++]);
        }
    }
    return ds_steal_cstr(&out);
}

static char *
format_row(const struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_row_get_table(row);
    const struct ovsdb_table_schema *ts = ovsdb_idl_table_get_schema(table);
    struct ds s = DS_EMPTY_INITIALIZER;

    for (size_t i = OVSDB_N_RESERVED_COLUMNS; i < ts->n_columns; i++) {
        const struct ovsdb_column *column = ts->columns[i];
        json_t *json;
        char *text;

        if (!ovsdb_idl_column_is_monitored(table, column)) {
            continue;
        }
        json = ovsdb_datum_to_json(ovsdb_idl_read(row, column),
                                   &column->type);
        text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
        ds_put_format(&s, " %s=%s", column->name, text);
        free(text);
        json_decref(json);
    }
    return ds_steal_cstr(&s);
}

struct printed_row {
    const char *table;
    const struct ovsdb_idl_row *row;
    char *masked;
};

static int
compare_printed_rows(const void *a_, const void *b_)
{
    const struct printed_row *a = a_, *b = b_;
    int cmp = strcmp(a->table, b->table);

    return cmp ? cmp : strcmp(a->masked, b->masked);
}

static void
print_replica(struct driver *d)
{
    const struct ovsdb_schema *schema = ovsdb_idl_get_schema(d->idl);
    struct printed_row *rows = NULL;
    size_t n_rows = 0, allocated = 0;
    struct hmap map = HMAP_INITIALIZER;
    struct uuid_index *ui;

    for (size_t t = 0; schema && t < schema->n_tables; t++) {
        const char *name = schema->tables[t]->name;
        const struct ovsdb_idl_table *table = ovsdb_idl_get_table(d->idl,
                                                                  name);
        const struct ovsdb_idl_row *row;

        if (!table) {
            continue;
        }
        OVSDB_IDL_FOR_EACH_ROW (row, table) {
            char *text = format_row(row);

            if (n_rows >= allocated) {
                allocated = allocated ? 2 * allocated : 16;
                rows = xrealloc(rows, allocated * sizeof *rows);
            }
            rows[n_rows].table = name;
            rows[n_rows].row = row;
            rows[n_rows].masked = mask_uuids(text, NULL);
            n_rows++;
            free(text);
        }
    }
    if (n_rows) {
        qsort(rows, n_rows, sizeof *rows, compare_printed_rows);
    }
    for (size_t i = 0; i < n_rows; i++) {
        ui = xmalloc(sizeof *ui);
        ui->uuid = *ovsdb_idl_row_get_uuid(rows[i].row);
        ui->index = i + 1;
        hmap_insert(&map, &ui->node, uuid_hash(&ui->uuid));
    }
    for (size_t i = 0; i < n_rows; i++) {
        char *text = format_row(rows[i].row);
        char *masked = mask_uuids(text, &map);

        printf("%s #%zu:%s\n", rows[i].table, i + 1, masked);
        free(masked);
        free(text);
        free(rows[i].masked);
    }
    if (!n_rows) {
        printf("(empty)\n");
    }
    HMAP_FOR_EACH_POP (ui, node, &map) {
        free(ui);
    }
    hmap_destroy(&map);
    free(rows);
}

/* Transactions. */

static const struct ovsdb_idl_table *
get_table(struct driver *d, const char *name)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_get_table(d->idl, name);

    if (!table) {
        fail("no table %s in the replica", name);
    }
    return table;
}

static const struct ovsdb_column *
get_column(const struct ovsdb_idl_table *table, const char *name)
{
    const struct ovsdb_column *column = ovsdb_idl_table_get_column(table,
                                                                   name);

    if (!column) {
        fail("no column %s", name);
    }
    return column;
}

static struct ovsdb_idl_txn *
get_txn(struct driver *d)
{
    if (!d->txn) {
        d->txn = ovsdb_idl_txn_create(d->idl);
        for (size_t i = 0; i < d->n_names; i++) {
            free(d->names[i].name);
        }
        d->n_names = 0;
    }
    return d->txn;
}

static struct ovsdb_error *
resolve_name(void *d_, const char *name,
             const struct ovsdb_base_type *base OVS_UNUSED,
             struct uuid *uuid)
{
    struct driver *d = d_;

    for (size_t i = 0; i < d->n_names; i++) {
        if (!strcmp(d->names[i].name, name)) {
            *uuid = d->names[i].uuid;
            return NULL;
        }
    }
    return ovsdb_error_create(OVSDB_E_SYNTAX, "unknown name %s", name);
}

static json_t *
parse_json(const char *text)
{
    json_error_t error;
    json_t *json = json_loads(text, JSON_DECODE_ANY, &error);

    if (!json) {
        fail("%s: bad JSON (%s)", text, error.text);
    }
    return json;
}

static void
parse_datum(struct driver *d, const struct ovsdb_column *column,
            const json_t *json, struct ovsdb_datum *datum)
{
    struct ovsdb_uuid_resolver resolver = { resolve_name, d };
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json(datum, &column->type, json, &resolver);
    if (error) {
        char *s = ovsdb_error_to_string(error);

        fail("column %s: %s", column->name, s);
    }
}

/* Finds the row of 'table' whose column equals the value in 'spec'
 * ("COLUMN=JSON"). */
static const struct ovsdb_idl_row *
find_row(struct driver *d, const struct ovsdb_idl_table *table,
         const char *spec)
{
    const char *eq = strchr(spec, '=');
    const struct ovsdb_column *column;
    const struct ovsdb_idl_row *row;
    struct ovsdb_datum value;
    char *name;
    json_t *json;

    if (!eq) {
        fail("%s: expected COLUMN=VALUE", spec);
    }
    name = xmemdup0(spec, eq - spec);
    column = get_column(table, name);
    free(name);
    json = parse_json(eq + 1);
    parse_datum(d, column, json, &value);
    json_decref(json);
    OVSDB_IDL_FOR_EACH_ROW (row, table) {
        if (ovsdb_datum_equals(ovsdb_idl_read(row, column), &value,
                               &column->type)) {
            ovsdb_datum_destroy(&value, &column->type);
            return row;
        }
    }
    fail("no row with %s", spec);
}

static void
write_row(struct driver *d, const struct ovsdb_idl_row *row,
          const char *row_json)
{
    const struct ovsdb_idl_table *table = ovsdb_idl_row_get_table(row);
    json_t *json = parse_json(row_json);
    const char *name;
    json_t *value;

    json_object_foreach (json, name, value) {
        const struct ovsdb_column *column = get_column(table, name);
        struct ovsdb_datum datum;

        parse_datum(d, column, value, &datum);
        ovsdb_idl_txn_write(row, column, &datum);
    }
    json_decref(json);
}

static void
do_commit(struct driver *d)
{
    enum ovsdb_idl_txn_status status;
    const char *error;

    if (!d->txn) {
        fail("commit without a transaction");
    }
    status = ovsdb_idl_txn_commit_block(d->txn);
    printf("commit: %s", ovsdb_idl_txn_status_to_string(status));
    error = ovsdb_idl_txn_get_error(d->txn);
    if (error && status == TXN_ERROR) {
        char *masked = mask_uuids(error, NULL);

        printf(" (%s)", masked);
        free(masked);
    }
    if (status == TXN_SUCCESS) {
        if (ovsdb_idl_txn_get_increment_new_value(d->txn)) {
            printf(", increment=%lld", (long long int)
                   ovsdb_idl_txn_get_increment_new_value(d->txn));
        }
        for (size_t i = 0; i < d->n_names; i++) {
            const struct uuid *real = ovsdb_idl_txn_get_insert_uuid(
                d->txn, &d->names[i].uuid);
            const struct ovsdb_idl_table *table;
            bool in_replica = false;

            if (real) {
                const struct ovsdb_schema *s = ovsdb_idl_get_schema(d->idl);

                for (size_t t = 0; t < s->n_tables; t++) {
                    table = ovsdb_idl_get_table(d->idl, s->tables[t]->name);
                    if (table && ovsdb_idl_get_row(table, real)
                        && !uuid_equals(real, &d->names[i].uuid)) {
                        in_replica = true;
                    }
                }
            }
            printf(", %s=%s", d->names[i].name,
                   !real ? "no-uuid" : in_replica ? "in-replica" : "uuid");
        }
    }
    printf("\n");
    free(d->last_request);
    d->last_request = (ovsdb_idl_txn_get_request(d->txn)
                       ? xstrdup(ovsdb_idl_txn_get_request(d->txn)) : NULL);
    ovsdb_idl_txn_destroy(d->txn);
    d->txn = NULL;
}

/* Prints the operations of the last request, one per line, with UUIDs and
 * UUID-names masked. */
static void
print_request(struct driver *d)
{
    json_t *params;

    if (!d->last_request) {
        printf("request: none\n");
        return;
    }
    params = parse_json(d->last_request);
    for (size_t i = 1; i < json_array_size(params); i++) {
        char *text = json_dumps(json_array_get(params, i),
                                JSON_COMPACT | JSON_SORT_KEYS);
        char *masked = mask_uuids(text, NULL);
        char *p;

        /* UUID-names are "row" and 32 hex digits with underscores. */
        for (p = masked; (p = strstr(p, "\"row")) != NULL; p++) {
            if (strlen(p) > 39 && p[12] == '_' && p[39] == '"') {
                memmove(p + 5, p + 39, strlen(p + 39) + 1);
                memcpy(p, "\"row*", 5);
            }
        }
        printf("op: %s\n", masked);
        free(masked);
        free(text);
    }
    json_decref(params);
}

/* Steps that wait. */

static bool
file_gone(struct driver *d OVS_UNUSED, void *file)
{
    return access(file, F_OK) != 0;
}

struct reconnect_wait {
    bool lost;
};

static bool
reconnected(struct driver *d, void *rw_)
{
    struct reconnect_wait *rw = rw_;

    if (!ovsdb_idl_is_connected(d->idl)) {
        rw->lost = true;
    }
    return rw->lost && ovsdb_idl_is_connected(d->idl);
}

static bool
has_lock(struct driver *d, void *aux OVS_UNUSED)
{
    return ovsdb_idl_has_lock(d->idl);
}

static bool
lock_contended(struct driver *d, void *aux OVS_UNUSED)
{
    return ovsdb_idl_is_lock_contended(d->idl);
}

static bool
is_dead(struct driver *d, void *aux OVS_UNUSED)
{
    return !ovsdb_idl_is_alive(d->idl);
}

static long
rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;

    while (f && fgets(line, sizeof line, f)) {
        if (!strncmp(line, "VmRSS:", 6)) {
            kb = atol(line + 6);
        }
    }
    if (f) {
        fclose(f);
    }
    return kb;
}

static void
measure_load(const char *remote, const char *db, const char *table_name)
{
    size_t heap_before = mallinfo2().uordblks;
    long rss_before = rss_kb();
    long long int start = time_msec();
    struct driver d2 = { .idl = ovsdb_idl_create(remote, db, false) };
    const struct ovsdb_idl_table *table;
    size_t n, heap;

    ovsdb_idl_add_table(d2.idl, table_name);
    run_until(&d2, is_connected, NULL, "load");
    table = get_table(&d2, table_name);
    n = ovsdb_idl_table_count(table);
    heap = mallinfo2().uordblks - heap_before;
    fprintf(stderr, "measure-load: %zu rows of %s in %lld ms; heap in use "
            "+%zu kB (%.0f bytes/row), peak RSS +%ld kB\n", n, table_name,
            time_msec() - start, heap / 1024, n ? (double) heap / n : 0.0,
            rss_kb() - rss_before);
    printf("measure-load: %zu rows\n", n);
    ovsdb_idl_destroy(d2.idl);
}

static void
add_column_spec(struct ovsdb_idl *idl, const char *spec)
{
    const char *dot = strchr(spec, '.');
    char *table;

    if (!dot) {
        fail("%s: expected TABLE.COLUMN", spec);
    }
    table = xmemdup0(spec, dot - spec);
    ovsdb_idl_add_column(idl, table, dot + 1);
    free(table);
}

/* Steps.  Each takes the arguments that follow its name. */

static void
step_connect(struct driver *d, char *args[] OVS_UNUSED)
{
    run_until(d, is_connected, NULL, "connection");
}

static void
step_print(struct driver *d, char *args[] OVS_UNUSED)
{
    print_replica(d);
}

static void
step_insert(struct driver *d, char *args[])
{
    struct ovsdb_idl_txn *txn = get_txn(d);
    const struct ovsdb_idl_row *row;
    struct named_row *nr;

    row = ovsdb_idl_txn_insert(txn, get_table(d, args[0]), NULL);
    d->names = xrealloc(d->names, (d->n_names + 1) * sizeof *d->names);
    nr = &d->names[d->n_names++];
    nr->name = xstrdup(args[1]);
    nr->uuid = *ovsdb_idl_row_get_uuid(row);
    write_row(d, row, args[2]);
}

static void
step_update(struct driver *d, char *args[])
{
    get_txn(d);
    write_row(d, find_row(d, get_table(d, args[0]), args[1]), args[2]);
}

static void
step_delete(struct driver *d, char *args[])
{
    get_txn(d);
    ovsdb_idl_txn_delete(find_row(d, get_table(d, args[0]), args[1]));
}

static void
step_verify(struct driver *d, char *args[])
{
    const struct ovsdb_idl_table *table = get_table(d, args[0]);

    get_txn(d);
    ovsdb_idl_txn_verify(find_row(d, table, args[1]),
                         get_column(table, args[2]));
}

static void
step_increment(struct driver *d, char *args[])
{
    const struct ovsdb_idl_table *table = get_table(d, args[0]);

    ovsdb_idl_txn_increment(get_txn(d), find_row(d, table, args[1]),
                            get_column(table, args[2]));
}

static void
step_comment(struct driver *d, char *args[])
{
    ovsdb_idl_txn_add_comment(get_txn(d), "%s", args[0]);
}

static void
step_dry_run(struct driver *d, char *args[] OVS_UNUSED)
{
    ovsdb_idl_txn_set_dry_run(get_txn(d));
}

static void
step_commit(struct driver *d, char *args[] OVS_UNUSED)
{
    do_commit(d);
}

static void
step_request(struct driver *d, char *args[] OVS_UNUSED)
{
    print_request(d);
}

static void
step_pause(struct driver *d, char *args[])
{
    FILE *f = fopen(args[0], "w");

    if (!f) {
        fail("%s: cannot create", args[0]);
    }
    fclose(f);
    run_until(d, file_gone, args[0], "the pause file to go");
}

static void
step_wait_reconnect(struct driver *d, char *args[] OVS_UNUSED)
{
    struct reconnect_wait rw = { !ovsdb_idl_is_connected(d->idl) };

    run_until(d, reconnected, &rw, "reconnection");
}

static void
step_wait_lock(struct driver *d, char *args[] OVS_UNUSED)
{
    run_until(d, has_lock, NULL, "the lock");
}

static void
step_wait_contended(struct driver *d, char *args[] OVS_UNUSED)
{
    run_until(d, lock_contended, NULL, "lock contention");
}

static void
step_lock_status(struct driver *d, char *args[] OVS_UNUSED)
{
    printf("has_lock=%s contended=%s\n",
           ovsdb_idl_has_lock(d->idl) ? "true" : "false",
           ovsdb_idl_is_lock_contended(d->idl) ? "true" : "false");
}

static void
step_wait_dead(struct driver *d, char *args[] OVS_UNUSED)
{
    run_until(d, is_dead, NULL, "the IDL to give up");
    printf("gave up: %s\n", ovs_strerror(ovsdb_idl_get_last_error(d->idl)));
}

static void
step_set_column(struct driver *d, char *args[])
{
    add_column_spec(d->idl, args[0]);
}

static void
step_bulk_insert(struct driver *d, char *args[])
{
    const struct ovsdb_idl_table *table = get_table(d, args[0]);
    int n = atoi(args[1]);

    for (int k = 1; k <= n; k++) {
        const struct ovsdb_idl_row *row;
        struct ovsdb_datum datum;
        char *s;

        row = ovsdb_idl_txn_insert(get_txn(d), table, NULL);
        ovsdb_datum_init_integer(&datum, k);
        ovsdb_idl_txn_write(row, get_column(table, "i"), &datum);
        s = xasprintf("row-%d", k);
        ovsdb_datum_init_string(&datum, s);
        free(s);
        ovsdb_idl_txn_write(row, get_column(table, "s"), &datum);
        write_row(d, row, "{\"ss\": [\"map\", [[\"a\", \"b\"]]]}");
    }
}

static void
step_measure_load(struct driver *d, char *args[])
{
    measure_load(d->remote, d->db, args[0]);
}

struct step {
    const char *name;
    int n_args;
    void (*run)(struct driver *, char *args[]);
};

static const struct step steps[] = {
    { "connect", 0, step_connect },
    { "print", 0, step_print },
    { "insert", 3, step_insert },
    { "update", 3, step_update },
    { "delete", 2, step_delete },
    { "verify", 3, step_verify },
    { "increment", 3, step_increment },
    { "comment", 1, step_comment },
    { "dry-run", 0, step_dry_run },
    { "commit", 0, step_commit },
    { "request", 0, step_request },
    { "pause", 1, step_pause },
    { "wait-reconnect", 0, step_wait_reconnect },
    { "wait-lock", 0, step_wait_lock },
    { "wait-contended", 0, step_wait_contended },
    { "lock-status", 0, step_lock_status },
    { "wait-dead", 0, step_wait_dead },
    { "set-column", 1, step_set_column },
    { "bulk-insert", 2, step_bulk_insert },
    { "measure-load", 1, step_measure_load },
};

/* Runs the step at 'argv[i]' and returns how many arguments it used. */
static int
run_step(struct driver *d, int argc, char *argv[], int i)
{
    for (size_t k = 0; k < ARRAY_SIZE(steps); k++) {
        if (!strcmp(steps[k].name, argv[i])) {
            if (i + steps[k].n_args >= argc) {
                fail("step %s needs %d arguments", argv[i], steps[k].n_args);
            }
            steps[k].run(d, &argv[i + 1]);
            return steps[k].n_args;
        }
    }
    fail("unknown step %s", argv[i]);
}

struct options {
    bool all;
    char **tables;
    size_t n_tables;
    char **columns;
    size_t n_columns;
    const char *lock;
    unsigned int max_tries;
};

static void
parse_options(int argc, char *argv[], struct options *o)
{
    static const struct option options[] = {
        {"all", no_argument, NULL, 'a'},
        {"table", required_argument, NULL, 't'},
        {"column", required_argument, NULL, 'c'},
        {"lock", required_argument, NULL, 'l'},
        {"max-tries", required_argument, NULL, 'm'},
        {"timeout", required_argument, NULL, 'T'},
        {"verbose", optional_argument, NULL, 'v'},
        {NULL, 0, NULL, 0},
    };
    int c;

    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'a':
            o->all = true;
            break;
        case 't':
            o->tables = xrealloc(o->tables,
                                 (o->n_tables + 1) * sizeof *o->tables);
            o->tables[o->n_tables++] = optarg;
            break;
        case 'c':
            o->columns = xrealloc(o->columns,
                                  (o->n_columns + 1) * sizeof *o->columns);
            o->columns[o->n_columns++] = optarg;
            break;
        case 'l':
            o->lock = optarg;
            break;
        case 'm':
            o->max_tries = atoi(optarg);
            break;
        case 'T':
            step_timeout = atoll(optarg) * 1000;
            break;
        case 'v':
            vlog_set_verbosity(optarg);
            break;
        default:
            exit(2);
        }
    }
    if (argc - optind < 2) {
        fail("usage: test-ovsdb-idl [OPTIONS] REMOTE DATABASE STEP...");
    }
}

int
main(int argc, char *argv[])
{
    struct options o = { false };
    struct driver d = { NULL };

    set_program_name(argv[0]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    parse_options(argc, argv, &o);

    d.remote = argv[optind];
    d.db = argv[optind + 1];
    d.idl = ovsdb_idl_create(d.remote, d.db, o.all);
    for (size_t i = 0; i < o.n_tables; i++) {
        ovsdb_idl_add_table(d.idl, o.tables[i]);
    }
    for (size_t i = 0; i < o.n_columns; i++) {
        add_column_spec(d.idl, o.columns[i]);
    }
    if (o.lock) {
        ovsdb_idl_set_lock(d.idl, o.lock);
    }
    ovsdb_idl_set_max_tries(d.idl, o.max_tries);

    for (int i = optind + 2; i < argc; i++) {
        i += run_step(&d, argc, argv, i);
    }

    ovsdb_idl_txn_destroy(d.txn);
    for (size_t i = 0; i < d.n_names; i++) {
        free(d.names[i].name);
    }
    free(d.names);
    free(d.last_request);
    free(o.tables);
    free(o.columns);
    ovsdb_idl_destroy(d.idl);
    return 0;
}
