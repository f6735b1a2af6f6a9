/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_FILE_H
#define OVSDB_FILE_H 1

/* A database kept in a standalone database file: its schema and its
 * transactions, records of the log in log.h, in Open vSwitch's format.
 *
 * Record contents:
 *   - record 0: the <database-schema>;
 *   - every later record: one committed transaction, an object with
 *       "_date": the commit time, milliseconds since the epoch;
 *       "_comment": the transaction's comment, if it had one;
 *       "_is_diff": true, when modified rows carry differences (below);
 *       "<table>": {"<uuid>": <row> or null, ...} for each table changed,
 *     where null deletes the row and <row> holds the changed columns.
 *
 * A row that does not exist yet is inserted with the columns given and the
 * others at their defaults.  A row that exists gets, in a record without
 * "_is_diff", the values given; in a record with "_is_diff": true, each
 * value is a difference to apply:
 *   - a column of at most one element that is not a map: the new value;
 *   - a set: the elements to toggle (those present go, the others come);
 *   - a map: pairs to toggle by key: a pair whose key is absent is added,
 *     one equal to the pair present removes it, one with another value
 *     replaces the value.
 * Like Open vSwitch 3.x we write every transaction with "_is_diff": true,
 * inserted rows with their non-default columns, deleted rows as null, and
 * never the ephemeral columns; a transaction that changes no persistent
 * column writes no record.  We read both forms.  A compacted file
 * (ovsdb_file_compact()) holds the schema and one transaction, without
 * "_is_diff", that inserts every row.
 *
 * Durability: the commit observer (registered by ovsdb_file_open() for
 * writing) writes each transaction before the commit applies it, and
 * syncs it to disk when the transaction is durable (ovsdb_txn_is_durable())
 * or when ovsdb_file_set_fsync_always() asked for it.  A failed write or
 * sync fails the commit with "I/O error", which leaves the database as it
 * was.
 *
 * Error tags: "I/O error" for the file, "syntax error" for records that do
 * not say what a record must, and those of the engine for a schema or
 * transaction that does not fit it. */

#include <stdbool.h>
#include <sys/types.h>
#include <jansson.h>
#include "compiler.h"

struct ovsdb;
struct ovsdb_error;
struct ovsdb_schema;
struct ovsdb_txn;

struct ovsdb_file;

/* Creates the new file 'file_name' holding 'schema' and no rows.  Fails
 * if the file exists. */
struct ovsdb_error *ovsdb_file_create(const char *file_name,
                                      const struct ovsdb_schema *schema)
    OVS_WARN_UNUSED_RESULT;

/* Reads only the schema of the database file 'file_name' into '*schemap'
 * (NULL on error), which the caller frees. */
struct ovsdb_error *ovsdb_file_read_schema(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Opens the database file 'file_name', replays it and stores the database
 * in '*dbp' (NULL on error).  With 'read_only', the file is neither locked
 * nor written, and '*filep' (if 'filep' is nonnull) gets NULL.  Otherwise
 * the file is locked, a torn tail is cut off, and '*filep' gets a new
 * struct ovsdb_file whose observer writes every commit of '*dbp' to the
 * file.  The caller destroys the file with ovsdb_file_destroy() before the
 * database with ovsdb_destroy(). */
struct ovsdb_error *ovsdb_file_open(const char *file_name, bool read_only,
                                    struct ovsdb **dbp,
                                    struct ovsdb_file **filep)
    OVS_WARN_UNUSED_RESULT;

/* Unregisters 'file''s observer and closes its log.  Accepts NULL. */
void ovsdb_file_destroy(struct ovsdb_file *file);

/* Makes every commit sync to disk, durable or not. */
void ovsdb_file_set_fsync_always(struct ovsdb_file *file, bool fsync_always);

/* Returns the description of the torn tail dropped when 'file' was opened,
 * or NULL. */
const char *ovsdb_file_get_torn_tail(const struct ovsdb_file *file);

/* Returns the current size of 'file''s log in bytes. */
off_t ovsdb_file_get_size(const struct ovsdb_file *file);

/* Returns the number of fsync() calls made on 'file''s log so far. */
unsigned long long ovsdb_file_get_n_syncs(const struct ovsdb_file *file);

/* Rewrites 'file' as its schema and one transaction holding every row of
 * its database, with 'comment' (which may be NULL), and atomically puts it
 * in place of the old file (see ovsdb_log_replace_start()). */
struct ovsdb_error *ovsdb_file_compact(struct ovsdb_file *file,
                                       const char *comment)
    OVS_WARN_UNUSED_RESULT;

/* Writes 'db' compacted, with 'comment' (which may be NULL), to the file
 * 'file_name', which is created or replaced. */
struct ovsdb_error *ovsdb_file_save_copy(const char *file_name,
                                         const char *comment,
                                         const struct ovsdb *db)
    OVS_WARN_UNUSED_RESULT;

/* Automatic compaction.
 *
 * ovsdb_file_compaction_due() is the policy, a pure function: compact when
 * the log has grown to at least OVSDB_COMPACT_MIN_SIZE bytes and to at
 * least OVSDB_COMPACT_GROWTH times 'snapshot_size' (its size just after it
 * was last compacted or opened), and at least
 * OVSDB_COMPACT_MIN_INTERVAL_MSEC have passed since 'last_msec' (the time
 * of that compaction or opening, on the same clock as 'now_msec').
 * ovsdb_file_should_compact() applies it to 'file' with time_msec(). */
#define OVSDB_COMPACT_MIN_SIZE (10 * 1024 * 1024)
#define OVSDB_COMPACT_GROWTH 4
#define OVSDB_COMPACT_MIN_INTERVAL_MSEC (10 * 60 * 1000)

bool ovsdb_file_compaction_due(off_t log_size, off_t snapshot_size,
                               long long int last_msec,
                               long long int now_msec);
bool ovsdb_file_should_compact(const struct ovsdb_file *file,
                               long long int now_msec);

/* Record conversion, for tools and tests. */

/* Returns the record for the changes of 'txn' (valid during an observer's
 * call), dated 'date_msec', or NULL if it changes no persistent column. */
json_t *ovsdb_file_txn_to_json(const struct ovsdb_txn *txn,
                               long long int date_msec);

/* Returns the record that inserts every row of 'db', with 'comment'
 * (which may be NULL), dated 'date_msec'. */
json_t *ovsdb_file_snapshot_to_json(const struct ovsdb *db,
                                    const char *comment,
                                    long long int date_msec);

/* Applies the transaction record 'json' to 'db' and commits it. */
struct ovsdb_error *ovsdb_file_replay_txn(struct ovsdb *db,
                                          const json_t *json)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/file.h */
