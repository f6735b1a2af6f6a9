/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * ovsdb-tool: offline management of standalone database files.
 */

#include <config.h>

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "hmap.h"
#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb-error.h"
#include "ovsdb/ovsdb-schema.h"
#include "ovsdb/ovsdb.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

/* -m given this many times. */
static int show_log_verbosity;

OVS_NO_RETURN static void
fatal_error(struct ovsdb_error *error)
{
    char *s = ovsdb_error_to_string(error);

    ovs_fatal(0, "%s", s);
}

static void
check_error(struct ovsdb_error *error)
{
    if (error) {
        fatal_error(error);
    }
}

static char *
default_db(void)
{
    return xasprintf("%s/conf.db", ovs_dbdir());
}

static char *
default_schema(void)
{
    return xasprintf("%s/vswitch.ovsschema", ovs_pkgdatadir());
}

/* Returns argv[idx] if it exists, else a copy of the default from 'dflt'.
 * The caller frees the result. */
static char *
arg_or_default(int argc, char *argv[], int idx, char *(*dflt)(void))
{
    return idx < argc ? xstrdup(argv[idx]) : dflt();
}

static struct ovsdb_schema *
read_schema_file(const char *file_name)
{
    struct ovsdb_schema *schema;
    json_error_t jerror;
    json_t *json;

    json = json_load_file(file_name, JSON_DECODE_ANY, &jerror);
    if (!json) {
        ovs_fatal(0, "%s: %s (line %d, column %d)", file_name, jerror.text,
                  jerror.line, jerror.column);
    }
    check_error(ovsdb_error_prefix(ovsdb_schema_from_json(json, &schema),
                                   "%s", file_name));
    json_decref(json);
    return schema;
}

static void
print_json(const json_t *json)
{
    char *s = json_dumps(json, JSON_COMPACT | JSON_SORT_KEYS
                         | JSON_ENCODE_ANY);

    puts(s);
    free(s);
}

/* Commands. */

static void
cmd_create(int argc, char *argv[])
{
    char *db = arg_or_default(argc, argv, 1, default_db);
    char *schema_file = arg_or_default(argc, argv, 2, default_schema);
    struct ovsdb_schema *schema = read_schema_file(schema_file);

    check_error(ovsdb_file_create(db, schema));
    ovsdb_schema_destroy(schema);
    free(schema_file);
    free(db);
}

enum schema_field { FIELD_NAME, FIELD_VERSION, FIELD_CKSUM };

static void
print_schema_field(const struct ovsdb_schema *schema, enum schema_field f)
{
    switch (f) {
    case FIELD_NAME:
        puts(schema->name);
        break;
    case FIELD_VERSION:
        puts(schema->version ? schema->version : "");
        break;
    case FIELD_CKSUM:
    default:
        puts(schema->cksum ? schema->cksum : "");
        break;
    }
}

static void
db_field(int argc, char *argv[], enum schema_field f)
{
    char *db = arg_or_default(argc, argv, 1, default_db);
    struct ovsdb_schema *schema;

    check_error(ovsdb_file_read_schema(db, &schema));
    print_schema_field(schema, f);
    ovsdb_schema_destroy(schema);
    free(db);
}

static void
schema_field(int argc, char *argv[], enum schema_field f)
{
    char *file = arg_or_default(argc, argv, 1, default_schema);
    struct ovsdb_schema *schema = read_schema_file(file);

    print_schema_field(schema, f);
    ovsdb_schema_destroy(schema);
    free(file);
}

static void cmd_db_name(int c, char *v[]) { db_field(c, v, FIELD_NAME); }
static void cmd_db_version(int c, char *v[]) { db_field(c, v, FIELD_VERSION); }
static void cmd_db_cksum(int c, char *v[]) { db_field(c, v, FIELD_CKSUM); }
static void cmd_schema_name(int c, char *v[])
{
    schema_field(c, v, FIELD_NAME);
}
static void cmd_schema_version(int c, char *v[])
{
    schema_field(c, v, FIELD_VERSION);
}
static void cmd_schema_cksum(int c, char *v[])
{
    schema_field(c, v, FIELD_CKSUM);
}

static void
cmd_compact(int argc, char *argv[])
{
    char *db_name = arg_or_default(argc, argv, 1, default_db);
    char *comment = xasprintf("compacted by %s %s", program_name,
                              ovs_get_program_version());
    struct ovsdb_file *file;
    struct ovsdb *db;

    if (argc > 2) {
        check_error(ovsdb_file_open(db_name, true, &db, NULL));
        check_error(ovsdb_file_save_copy(argv[2], comment, db));
    } else {
        check_error(ovsdb_file_open(db_name, false, &db, &file));
        check_error(ovsdb_file_compact(file, comment));
        ovsdb_file_destroy(file);
    }
    ovsdb_destroy(db);
    free(comment);
    free(db_name);
}

/* "query" and "transact": 'argv' is [DB] TRANSACTION. */
static void
run_transaction(int argc, char *argv[], bool read_only)
{
    char *db_name = argc > 2 ? xstrdup(argv[1]) : default_db();
    const char *text = argv[argc - 1];
    struct ovsdb_file *file = NULL;
    json_error_t jerror;
    json_t *params, *result;
    struct ovsdb *db;

    params = json_loads(text, JSON_DECODE_ANY, &jerror);
    if (!params) {
        ovs_fatal(0, "transaction: %s", jerror.text);
    }
    check_error(ovsdb_file_open(db_name, read_only, &db,
                                read_only ? NULL : &file));
    if (file) {
        ovsdb_file_set_fsync_always(file, true);
    }

    if (!json_is_array(params) || !json_array_size(params)
        || !json_is_string(json_array_get(params, 0))
        || strcmp(json_string_value(json_array_get(params, 0)),
                  db->schema->name)) {
        struct ovsdb_error *error;

        error = ovsdb_syntax_error(params, NULL, "database name expected "
                                   "as first parameter");
        result = ovsdb_error_to_json(error);
        ovsdb_error_destroy(error);
    } else {
        struct ovsdb_execute_options options = {
            .start_msec = time_msec(),
            .now_msec = time_msec(),
        };

        if (ovsdb_execute(db, params, &options, &result, NULL)
            == OVSDB_EXECUTE_WOULD_BLOCK) {
            ovs_fatal(0, "transaction would block");
        }
    }
    print_json(result);
    json_decref(result);
    json_decref(params);
    ovsdb_file_destroy(file);
    ovsdb_destroy(db);
    free(db_name);
}

static void cmd_query(int c, char *v[]) { run_transaction(c, v, true); }
static void cmd_transact(int c, char *v[]) { run_transaction(c, v, false); }

/* show-log. */

struct show_log_row {
    struct hmap_node node;
    struct uuid uuid;
    char *name;                 /* Value of a "name" column, or NULL. */
};

static struct show_log_row *
show_log_find(struct hmap *rows, const struct uuid *uuid)
{
    struct show_log_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, node, uuid_hash(uuid), rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

static void
show_log_forget(struct hmap *rows, struct show_log_row *row)
{
    hmap_remove(rows, &row->node);
    free(row->name);
    free(row);
}

/* Prints the value of one column for -mm: strings bare when they read as
 * a plain word, else quoted; sets in brackets, maps in braces. */
static void
show_log_format_atom(struct ds *ds, const json_t *atom)
{
    if (json_is_array(atom) && json_array_size(atom) == 2
        && json_is_string(json_array_get(atom, 0))
        && !strcmp(json_string_value(json_array_get(atom, 0)), "uuid")) {
        ds_put_cstr(ds, json_string_value(json_array_get(atom, 1)));
    } else if (json_is_string(atom)) {
        const char *s = json_string_value(atom);
        bool bare = *s && (isalpha((unsigned char) *s) || *s == '_')
                    && strcmp(s, "true") && strcmp(s, "false");

        for (const char *p = s; bare && *p; p++) {
            bare = isalnum((unsigned char) *p) || strchr("_-./:", *p);
        }
        if (bare) {
            ds_put_cstr(ds, s);
        } else {
            char *q = json_dumps(atom, JSON_ENCODE_ANY);

            ds_put_cstr(ds, q);
            free(q);
        }
    } else {
        char *q = json_dumps(atom, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));

        ds_put_cstr(ds, q);
        free(q);
    }
}

static void
show_log_format_value(struct ds *ds, const json_t *value, bool is_set)
{
    const char *kind = (json_is_array(value) && json_array_size(value) == 2
                        ? json_string_value(json_array_get(value, 0))
                        : NULL);
    const json_t *elems;
    size_t i;
    json_t *elem;

    if (kind && !strcmp(kind, "map")) {
        elems = json_array_get(value, 1);
        ds_put_char(ds, '{');
        json_array_foreach (elems, i, elem) {
            if (i) {
                ds_put_cstr(ds, ", ");
            }
            show_log_format_atom(ds, json_array_get(elem, 0));
            ds_put_char(ds, '=');
            show_log_format_atom(ds, json_array_get(elem, 1));
        }
        ds_put_char(ds, '}');
    } else if ((kind && !strcmp(kind, "set")) || is_set) {
        bool wrapped = kind && !strcmp(kind, "set");

        ds_put_char(ds, '[');
        if (wrapped) {
            json_array_foreach (json_array_get(value, 1), i, elem) {
                if (i) {
                    ds_put_cstr(ds, ", ");
                }
                show_log_format_atom(ds, elem);
            }
        } else {
            show_log_format_atom(ds, value);
        }
        ds_put_char(ds, ']');
    } else {
        show_log_format_atom(ds, value);
    }
}

static void
show_log_print_columns(const struct ovsdb_schema *schema,
                       const char *table_name, const json_t *row)
{
    const struct ovsdb_table_schema *ts;
    const char *column_name;
    json_t *value;

    ts = schema ? ovsdb_schema_get_table(schema, table_name) : NULL;
    json_object_foreach ((json_t *) row, column_name, value) {
        const struct ovsdb_column *column = (
            ts ? ovsdb_table_schema_get_column(ts, column_name) : NULL);
        bool is_set = (column && !ovsdb_type_is_map(&column->type)
                       && column->type.n_max > 1);
        struct ds ds = DS_EMPTY_INITIALIZER;

        show_log_format_value(&ds, value, is_set);
        printf("    %s=%s\n", column_name, ds_cstr(&ds));
        ds_destroy(&ds);
    }
}

static void
show_log_print_changes(const struct ovsdb_schema *schema, struct hmap *rows,
                       const json_t *record)
{
    bool is_diff = json_is_true(json_object_get(record, "_is_diff"));
    const char *table_name;
    json_t *table;

    json_object_foreach ((json_t *) record, table_name, table) {
        const char *uuid_string;
        json_t *row_json;

        if (table_name[0] == '_' || !json_is_object(table)) {
            continue;
        }
        json_object_foreach (table, uuid_string, row_json) {
            const json_t *name = json_object_get(row_json, "name");
            struct show_log_row *row;
            struct uuid uuid;

            if (!uuid_from_string(&uuid, uuid_string)) {
                printf("  table %s row %s: not a UUID\n", table_name,
                       uuid_string);
                continue;
            }
            row = show_log_find(rows, &uuid);
            if (!row && !json_is_null(row_json)) {
                row = xzalloc(sizeof *row);
                row->uuid = uuid;
                hmap_insert(rows, &row->node, uuid_hash(&uuid));
                if (json_is_string(name)) {
                    row->name = xstrdup(json_string_value(name));
                    printf("  table %s insert row \"%s\" (%.8s):\n",
                           table_name, row->name, uuid_string);
                } else {
                    printf("  table %s insert row %.8s:\n", table_name,
                           uuid_string);
                }
            } else {
                if (row && json_is_string(name)) {
                    free(row->name);
                    row->name = xstrdup(json_string_value(name));
                }
                if (row && row->name) {
                    printf("  table %s row \"%s\" (%.8s)%s:\n", table_name,
                           row->name, uuid_string, is_diff ? " diff" : "");
                } else {
                    printf("  table %s row %.8s (%.8s)%s:\n", table_name,
                           uuid_string, uuid_string, is_diff ? " diff" : "");
                }
                if (json_is_null(row_json)) {
                    printf("    delete row\n");
                    if (row) {
                        show_log_forget(rows, row);
                    }
                    continue;
                }
            }
            if (show_log_verbosity > 1) {
                show_log_print_columns(schema, table_name, row_json);
            }
        }
    }
}

static void
show_log_print_date(const json_t *date)
{
    long long int msec = json_integer_value(date);
    time_t secs = msec / 1000;
    struct tm tm = {0};
    char buf[64];

    gmtime_r(&secs, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    printf(" %s.%03lld", buf, msec % 1000);
}

static void
cmd_show_log(int argc, char *argv[])
{
    char *db_name = arg_or_default(argc, argv, 1, default_db);
    struct ovsdb_schema *schema = NULL;
    struct hmap rows = HMAP_INITIALIZER;
    struct show_log_row *row, *next;
    struct ovsdb_log *log;

    check_error(ovsdb_log_open(db_name, OVSDB_LOG_READ_ONLY, &log));
    for (unsigned int i = 0; ; i++) {
        json_t *json;

        check_error(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }
        printf("record %u:", i);
        if (i == 0) {
            check_error(ovsdb_schema_from_json(json, &schema));
            printf(" \"%s\" schema, version=\"%s\", cksum=\"%s\"\n",
                   schema->name, schema->version ? schema->version : "",
                   schema->cksum ? schema->cksum : "");
        } else if (json_is_object(json)) {
            const json_t *date = json_object_get(json, "_date");
            const json_t *comment = json_object_get(json, "_comment");

            if (json_is_integer(date)) {
                show_log_print_date(date);
            }
            if (json_is_string(comment)) {
                printf(" \"%s\"", json_string_value(comment));
            }
            putchar('\n');
            if (show_log_verbosity > 0) {
                show_log_print_changes(schema, &rows, json);
            }
        } else {
            printf(" not an object\n");
        }
        if (i == 0 || show_log_verbosity > 0) {
            putchar('\n');
        }
        json_decref(json);
    }
    if (ovsdb_log_get_torn_tail(log)) {
        fprintf(stderr, "%s: %s: torn tail ignored: %s\n", program_name,
                db_name, ovsdb_log_get_torn_tail(log));
    }
    HMAP_FOR_EACH_SAFE (row, next, node, &rows) {
        show_log_forget(&rows, row);
    }
    hmap_destroy(&rows);
    ovsdb_schema_destroy(schema);
    ovsdb_log_close(log);
    free(db_name);
}

/* Command table and main(). */

struct command {
    const char *name;
    int min_args;
    int max_args;
    void (*handler)(int argc, char *argv[]);
};

static const struct command commands[] = {
    { "create", 0, 2, cmd_create },
    { "compact", 0, 2, cmd_compact },
    { "db-name", 0, 1, cmd_db_name },
    { "db-version", 0, 1, cmd_db_version },
    { "db-cksum", 0, 1, cmd_db_cksum },
    { "schema-name", 0, 1, cmd_schema_name },
    { "schema-version", 0, 1, cmd_schema_version },
    { "schema-cksum", 0, 1, cmd_schema_cksum },
    { "query", 1, 2, cmd_query },
    { "transact", 1, 2, cmd_transact },
    { "show-log", 0, 1, cmd_show_log },
};

static void
usage(void)
{
    printf("%s: Open vSwitch database management utility (ovs-tc)\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  create [DB [SCHEMA]]    new empty database DB from SCHEMA\n"
           "  compact [DB [DST]]      compact DB in place (or to DST)\n"
           "  db-name [DB]            name in the schema stored in DB\n"
           "  db-version [DB]         version of the schema stored in DB\n"
           "  db-cksum [DB]           checksum of the schema stored in DB\n"
           "  schema-name [SCHEMA]    name given in the SCHEMA file\n"
           "  schema-version [SCHEMA] version given in the SCHEMA file\n"
           "  schema-cksum [SCHEMA]   checksum given in the SCHEMA file\n"
           "  query [DB] TRNS         run TRNS on DB, keep nothing\n"
           "  transact [DB] TRNS      run transaction TRNS on DB and commit\n"
           "  [-m]... show-log [DB]   list the records of DB's log\n"
           "The default DB is %s/conf.db.\n"
           "The default SCHEMA is %s/vswitch.ovsschema.\n"
           "\nOther options:\n"
           "  -m, --more              more detail from show-log (repeat)\n"
           "  -h, --help              show this help and exit\n"
           "  -V, --version           show the version and exit\n",
           program_name, program_name, ovs_dbdir(), ovs_pkgdatadir());
}

int
main(int argc, char *argv[])
{
    static const struct option long_options[] = {
        { "more", no_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const struct command *cmd = NULL;
    int n_args;

    set_program_name(argv[0]);
    for (;;) {
        int c = getopt_long(argc, argv, "mhV", long_options, NULL);

        if (c == -1) {
            break;
        }
        switch (c) {
        case 'm':
            show_log_verbosity++;
            break;
        case 'h':
            usage();
            return 0;
        case 'V':
            ovs_print_version();
            return 0;
        default:
            exit(EXIT_FAILURE);
        }
    }
    argc -= optind;
    argv += optind;
    if (argc < 1) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        if (!strcmp(commands[i].name, argv[0])) {
            cmd = &commands[i];
            break;
        }
    }
    if (!cmd) {
        ovs_fatal(0, "unknown command '%s'; use --help for help", argv[0]);
    }
    n_args = argc - 1;
    if (n_args < cmd->min_args) {
        ovs_fatal(0, "'%s' command requires at least %d arguments",
                  cmd->name, cmd->min_args);
    } else if (n_args > cmd->max_args) {
        ovs_fatal(0, "'%s' command takes at most %d arguments", cmd->name,
                  cmd->max_args);
    }
    cmd->handler(argc, argv);
    return 0;
}
