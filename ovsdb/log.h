/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OVSDB_LOG_H
#define OVSDB_LOG_H 1

/* The on-disk log of a standalone database: a file of records, appended to
 * and never rewritten in place.
 *
 * Record format (the one Open vSwitch's standalone database files use, so
 * that a file can move between the two implementations):
 *
 *     OVSDB JSON <length> <sha1>\n
 *     <length> bytes of data
 *
 * where <length> is a decimal byte count, <sha1> the 40 lower-case hex
 * digits of the SHA-1 of the data, and the data is one JSON value followed
 * by a new-line (the new-line is counted in <length> and covered by the
 * SHA-1).  The first record of a database file is its schema, the others
 * are transactions (see file.h); this module does not care.
 *
 * Reading goes record by record from the start.  A record that is
 * incomplete (the header line or the data cut short by the end of the file)
 * or damaged (bad header, wrong checksum, data that is not JSON) is a "torn
 * tail" when no intact record follows it: the remains of an append that a
 * crash interrupted.  ovsdb_log_read() then reports the end of the log and
 * ovsdb_log_get_torn_tail() says what was dropped; a log opened for writing
 * is truncated back to the end of the last intact record at that moment,
 * so that the next append follows good data.  A damaged record with an
 * intact one after it is corruption, not a crash, and an error.
 *
 * Appending composes the whole record in memory and writes it with one
 * write() call; 'sync' then makes it durable with fsync().  A failed write
 * is undone by truncating the file back, so a failure never leaves a partial
 * record in front of later ones.
 *
 * Locking: a log opened for writing holds a write lock (an open file
 * description lock, or a POSIX lock where those do not exist) on the file
 * ".NAME.~lock~" beside it, which Open vSwitch's programs also use, so that
 * two writers, ours or stock, never share a file.  A read-only log takes no
 * lock.
 *
 * Error tags: "I/O error" for everything, with the file name and, for a
 * damaged record, its offset in the details. */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <jansson.h>
#include "compiler.h"

struct ovsdb_error;

enum ovsdb_log_open_mode {
    OVSDB_LOG_READ_ONLY,        /* Existing file, no lock, no writing. */
    OVSDB_LOG_READ_WRITE,       /* Existing file, locked, appendable. */
    OVSDB_LOG_CREATE_EXCL,      /* New file; fails if it exists. */
    OVSDB_LOG_CREATE            /* New file, or an existing one emptied. */
};

struct ovsdb_log;

/* Opens 'name' in 'mode' and stores the new log in '*logp' (NULL on
 * error).  A created file is empty, and it and its directory are synced so
 * that the new name survives a crash. */
struct ovsdb_error *ovsdb_log_open(const char *name,
                                   enum ovsdb_log_open_mode mode,
                                   struct ovsdb_log **logp)
    OVS_WARN_UNUSED_RESULT;

/* Closes 'log', releasing its lock.  Accepts NULL. */
void ovsdb_log_close(struct ovsdb_log *log);

const char *ovsdb_log_get_name(const struct ovsdb_log *log);

/* Reads the next record into '*jsonp', which the caller then owns.  At the
 * end of the log, or at a torn tail (see above), stores NULL there and
 * returns NULL.  Returns an error for a damaged record that is not the
 * tail, and again on every later call. */
struct ovsdb_error *ovsdb_log_read(struct ovsdb_log *log, json_t **jsonp)
    OVS_WARN_UNUSED_RESULT;

/* Returns a description of the torn tail that ovsdb_log_read() dropped, or
 * NULL if it has found none. */
const char *ovsdb_log_get_torn_tail(const struct ovsdb_log *log);

/* Appends 'json' as a record and, if 'sync', makes it durable before
 * returning.  The log must have been read to its end (always true of a log
 * just created).  On error the file is left as it was, or if even that
 * fails the log refuses every later write. */
struct ovsdb_error *ovsdb_log_write(struct ovsdb_log *log, const json_t *json,
                                    bool sync)
    OVS_WARN_UNUSED_RESULT;

/* Makes every record written so far durable. */
struct ovsdb_error *ovsdb_log_sync(struct ovsdb_log *log)
    OVS_WARN_UNUSED_RESULT;

/* Returns the size in bytes of the intact records read or written so far:
 * after reading to the end, the size of the log. */
off_t ovsdb_log_get_offset(const struct ovsdb_log *log);

/* Returns how many times 'log' has called fsync() on its file, for tests
 * and statistics. */
uint64_t ovsdb_log_get_n_syncs(const struct ovsdb_log *log);

/* Replacing a log by a new one, atomically (compaction).
 *
 * ovsdb_log_replace_start() creates an empty temporary log beside 'old',
 * which must be open for writing, and stores it in '*newp'.  The caller
 * writes the new contents to it, then calls ovsdb_log_replace_commit(),
 * which syncs it, renames it over 'old''s file, syncs the directory, and
 * makes 'old' continue with the new file (keeping its lock) and frees
 * 'new'; or ovsdb_log_replace_abort(), which deletes and frees 'new' and
 * leaves 'old' alone.  A crash at any point leaves either the old file or
 * the new one complete under the name. */
struct ovsdb_error *ovsdb_log_replace_start(struct ovsdb_log *old,
                                            struct ovsdb_log **newp)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_log_replace_commit(struct ovsdb_log *old,
                                             struct ovsdb_log *new)
    OVS_WARN_UNUSED_RESULT;
void ovsdb_log_replace_abort(struct ovsdb_log *new);

/* Composes into a new buffer (stored in '*datap', its size in '*sizep',
 * freed by the caller) the record of 'json', header included, exactly as
 * ovsdb_log_write() would append it.  For tests and tools. */
void ovsdb_log_compose_record(const json_t *json, char **datap,
                              size_t *sizep);

#endif /* ovsdb/log.h */
