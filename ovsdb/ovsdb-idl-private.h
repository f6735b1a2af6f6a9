/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_IDL_PRIVATE_H
#define OVSDB_IDL_PRIVATE_H 1

/* Internals of the client IDL shared by ovsdb-idl.c (replica, connection)
 * and ovsdb-idl-txn.c (transactions), and exposed to the unit tests, which
 * drive the replica without a server. */

#include <jansson.h>
#include "dynamic-string.h"
#include "hmap.h"
#include "list.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "uuid.h"

struct jsonrpc_msg;
struct jsonrpc_session;

/* What a client asked to monitor in one table. */
struct ovsdb_idl_interest {
    struct hmap_node node;      /* In 'idl->interests', by name. */
    char *table;
    bool all_columns;           /* ovsdb_idl_add_table() was called. */
    char **columns;             /* Names from ovsdb_idl_add_column(). */
    size_t n_columns;
    bool warned;                /* Unknown names logged already. */
};

struct ovsdb_idl_table {
    struct hmap_node node;      /* In 'idl->tables', by name. */
    struct ovsdb_idl *idl;
    const struct ovsdb_table_schema *schema;    /* In 'idl->schema'. */
    bool *monitored;            /* By column index. */
    struct ovsdb_datum *defaults;   /* By column index. */
    struct hmap rows;           /* struct ovsdb_idl_row, by UUID. */
    size_t n_txn_deleted;       /* Rows in 'rows' the txn deleted. */
};

/* A row's state in the open transaction. */
struct ovsdb_idl_row_txn {
    struct ovs_list node;       /* In 'txn->rows'. */
    struct ovsdb_idl_row *row;
    bool inserted;              /* Inserted by the transaction. */
    bool deleted;               /* Deleted by the transaction. */
    bool orphan;                /* The server deleted it meanwhile. */
    bool *written;              /* By column index. */
    struct ovsdb_datum *new_;   /* Valid where 'written'. */
    bool *verified;             /* By column index. */
    struct ovsdb_datum *verify_values;  /* Valid where 'verified'. */
};

struct ovsdb_idl_row {
    struct hmap_node node;      /* In 'table->rows', unless an orphan. */
    struct uuid uuid;
    struct ovsdb_idl_table *table;
    struct ovsdb_datum *old;    /* Server's values by column index, NULL for
                                 * rows the transaction inserted. */
    struct ovsdb_idl_row_txn *txn;  /* NULL if the txn did not touch it. */
    unsigned int seqno;
    union ovsdb_atom uuid_atom; /* For reads of "_uuid". */
    struct ovsdb_datum uuid_datum;
};

enum ovsdb_idl_state {
    IDL_S_DISCONNECTED,         /* Waiting for the session to connect. */
    IDL_S_SCHEMA_REQUESTED,     /* Sent "get_schema". */
    IDL_S_MONITOR_REQUESTED,    /* Sent "monitor_cond" or "monitor". */
    IDL_S_MONITORING,           /* Replica complete, applying updates. */
    IDL_S_FAILED                /* Protocol failure: waiting to reconnect. */
};

struct ovsdb_idl {
    char *remote;
    char *db_name;
    bool monitor_everything;
    struct jsonrpc_session *session;
    unsigned int session_seqno;
    enum ovsdb_idl_state state;

    struct hmap interests;      /* struct ovsdb_idl_interest. */
    bool interest_changed;      /* Monitor must be resent. */

    struct ovsdb_schema *schema;
    json_t *schema_json;        /* What the server sent, to compare. */
    json_t *pending_schema;     /* New schema deferred while a txn is open. */
    struct hmap tables;         /* struct ovsdb_idl_table, by name. */

    json_t *request_id;         /* Outstanding get_schema/monitor request. */
    bool use_monitor_cond;      /* False after the server refused it. */
    unsigned int monitor_serial;
    json_t *monitor_id;

    unsigned int seqno;
    bool has_ever_connected;
    int last_error;
    unsigned int max_tries;
    int probe_interval;         /* -1: the session's default. */

    char *lock_name;
    bool has_lock;
    bool lock_contended;
    json_t *lock_request_id;

    struct ovsdb_idl_txn *txn;  /* The open transaction, if any. */
    struct ovs_list pending_txns;   /* Committed, awaiting replies. */
};

struct ovsdb_idl_txn {
    struct ovs_list pending_node;   /* In 'idl->pending_txns' if waiting. */
    struct ovsdb_idl *idl;
    struct ovs_list rows;       /* struct ovsdb_idl_row_txn. */
    enum ovsdb_idl_txn_status status;
    char *error;
    struct ds comment;
    bool dry_run;
    json_t *request_id;
    char *request_text;

    /* Increment. */
    const struct ovsdb_idl_row *inc_row;
    struct uuid inc_uuid;
    const struct ovsdb_column *inc_column;
    size_t inc_index;           /* Index of the "select" op in the request. */
    int64_t inc_new_value;

    /* Inserted rows: the index of each "insert" op, and after success the
     * server's UUIDs. */
    struct hmap inserted;       /* struct ovsdb_idl_txn_insert. */
};

struct ovsdb_idl_txn_insert {
    struct hmap_node node;      /* In 'txn->inserted', by temporary UUID. */
    struct uuid tmp;
    struct uuid real;
    size_t op_index;
    bool has_real;
};

/* Replica (ovsdb-idl.c). */
struct ovsdb_idl_row *ovsdb_idl_row_find__(const struct ovsdb_idl_table *,
                                           const struct uuid *);
struct ovsdb_idl_row *ovsdb_idl_row_create__(struct ovsdb_idl_table *,
                                             const struct uuid *);
void ovsdb_idl_row_free__(struct ovsdb_idl_row *);
bool ovsdb_idl_row_is_visible__(const struct ovsdb_idl_row *);
void ovsdb_idl_check_column__(const struct ovsdb_idl_table *,
                              const struct ovsdb_column *);

/* Test hooks: build tables from 'schema_json' as if the server had sent it
 * (taking a reference), and apply a monitor reply or notification body
 * ('update2' selects the update2 format).  Return 0 or an error. */
int ovsdb_idl_set_schema__(struct ovsdb_idl *, json_t *schema_json);
int ovsdb_idl_apply_updates__(struct ovsdb_idl *, const json_t *updates,
                              bool update2, bool initial);

/* Transactions (ovsdb-idl-txn.c). */
json_t *ovsdb_idl_txn_build_ops__(struct ovsdb_idl_txn *, bool *any_change);
void ovsdb_idl_txn_process_reply__(struct ovsdb_idl_txn *,
                                   const struct jsonrpc_msg *reply);
void ovsdb_idl_txn_disconnected__(struct ovsdb_idl *);
bool ovsdb_idl_txn_handle_reply__(struct ovsdb_idl *,
                                  const struct jsonrpc_msg *);
void ovsdb_idl_txn_row_orphan__(struct ovsdb_idl_row *);

#endif /* ovsdb/ovsdb-idl-private.h */
