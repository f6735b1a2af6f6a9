/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

/* ovs-vsctl: configures the switch through its database.
 *
 * The command line is a chain of commands separated by "--".  All of them
 * run against one replica of the database (the client IDL) inside one
 * transaction, which is committed only if every command succeeded.  Unless
 * --no-wait is given, a transaction that changed something also
 * increments Open_vSwitch.next_cfg, and ovs-vsctl then waits for
 * ovs-vswitchd to copy it to cur_cfg. */

#include <config.h>
#include "vsctl.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dirs.h"
#include "fatal-signal.h"
#include "hash.h"
#include "ovsdb/ovsdb-idl.h"
#include "ovsdb/ovsdb-schema.h"
#include "poll-loop.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vsctl);

/* Global options. */
static char *db;
static bool wait_for_reload = true;
static int timeout;
static bool dry_run;
static bool oneline;
static struct vsctl_table_style style = VSCTL_TABLE_STYLE_DEFAULT;
static char *columns;

static const struct vsctl_command_syntax *const command_tables[] = {
    vsctl_bridge_commands,
    vsctl_db_commands,
};

void
vsctl_fatal(const char *format, ...)
{
    va_list args;

    fflush(stdout);
    fprintf(stderr, "%s: ", program_name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    exit(EXIT_FAILURE);
}

/* Command options. */

static const char *
find_option__(const struct vsctl_command *cmd, const char *name)
{
    size_t len = strlen(name);
    size_t i;

    for (i = 0; i < cmd->n_options; i++) {
        const char *o = cmd->options[i];

        if (!strncmp(o, name, len) && (o[len] == '\0' || o[len] == '=')) {
            return o;
        }
    }
    return NULL;
}

const char *
vsctl_get_option(const struct vsctl_context *ctx, const char *name)
{
    const char *o = find_option__(ctx->command, name);

    if (!o) {
        return NULL;
    }
    o += strlen(name);
    return *o == '=' ? o + 1 : o;
}

bool
vsctl_has_option(const struct vsctl_context *ctx, const char *name)
{
    return find_option__(ctx->command, name) != NULL;
}

/* Writing through the IDL. */

/* A row inserted by the chain's transaction (in 'inserted_rows'). */
struct vsctl_inserted_row {
    struct hmap_node node;      /* By hash_pointer(row). */
    const struct ovsdb_idl_row *row;
};

static struct vsctl_inserted_row *find_inserted__(
    const struct vsctl_context *, const struct ovsdb_idl_row *);

void
vsctl_write(struct vsctl_context *ctx, const struct ovsdb_idl_row *row,
            const struct ovsdb_column *column, struct ovsdb_datum *datum)
{
    if (ovsdb_datum_equals(ovsdb_idl_read(row, column), datum,
                           &column->type)) {
        ovsdb_datum_destroy(datum, &column->type);
        return;
    }
    ovsdb_idl_txn_write(row, column, datum);
    ctx->changed = true;
    ctx->cache_stale = true;
}

const struct ovsdb_idl_row *
vsctl_insert(struct vsctl_context *ctx, const char *table,
             const struct uuid *uuid)
{
    const struct ovsdb_idl_table *t = ovsdb_idl_get_table(ctx->idl, table);
    const struct ovsdb_idl_row *row;
    struct vsctl_inserted_row *node;

    if (!t) {
        vsctl_fatal("database has no table %s", table);
    }
    ctx->changed = true;
    ctx->cache_stale = true;
    row = ovsdb_idl_txn_insert(ctx->txn, t, uuid);

    node = xmalloc(sizeof *node);
    node->row = row;
    hmap_insert(&ctx->inserted_rows, &node->node, hash_pointer(row, 0));
    return row;
}

static struct vsctl_inserted_row *
find_inserted__(const struct vsctl_context *ctx,
                const struct ovsdb_idl_row *row)
{
    struct vsctl_inserted_row *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash_pointer(row, 0),
                             &ctx->inserted_rows) {
        if (node->row == row) {
            return node;
        }
    }
    return NULL;
}

bool
vsctl_is_inserted(const struct vsctl_context *ctx,
                  const struct ovsdb_idl_row *row)
{
    return find_inserted__(ctx, row) != NULL;
}

static void
clear_inserted__(struct vsctl_context *ctx)
{
    struct vsctl_inserted_row *node;

    HMAP_FOR_EACH_POP (node, node, &ctx->inserted_rows) {
        free(node);
    }
    hmap_destroy(&ctx->inserted_rows);
}

void
vsctl_delete(struct vsctl_context *ctx, const struct ovsdb_idl_row *row)
{
    struct vsctl_inserted_row *node = find_inserted__(ctx, row);

    if (node) {
        hmap_remove(&ctx->inserted_rows, &node->node);
        free(node);
    }
    ovsdb_idl_txn_delete(row);
    ctx->changed = true;
    ctx->cache_stale = true;
}

/* Usage. */

static void
usage(void)
{
    printf("%s: configure ovs-tc's switch through its database\n"
           "usage: %s [OPTIONS] COMMAND [ARG...] [-- [OPTIONS] COMMAND "
           "[ARG...]]...\n"
           "\nWhole configuration:\n"
           "  init                        create the Open_vSwitch record "
           "if missing\n"
           "  show                        summarise bridges, ports and "
           "interfaces\n"
           "  emer-reset                  drop everything but the bridges "
           "and ports\n"
           "\nBridges:\n"
           "  add-br BRIDGE               add bridge BRIDGE\n"
           "  add-br BRIDGE PARENT VLAN   add BRIDGE as VLAN VLAN of "
           "bridge PARENT\n"
           "  del-br BRIDGE               remove BRIDGE with its ports\n"
           "  list-br                     one bridge name per line\n"
           "  br-exists BRIDGE            exit status 2 unless BRIDGE "
           "exists\n"
           "  br-to-vlan BRIDGE           VLAN of BRIDGE (0 if none)\n"
           "  br-to-parent BRIDGE         bridge that BRIDGE belongs to\n"
           "\nPorts:\n"
           "  list-ports BRIDGE           one port name of BRIDGE per "
           "line\n"
           "  add-port BRIDGE PORT        attach device PORT to BRIDGE\n"
           "  add-bond BRIDGE PORT IFACE...  attach PORT, bonding the "
           "IFACEs\n"
           "  del-port [BRIDGE] PORT      detach PORT (bonds included)\n"
           "  port-to-br PORT             bridge that PORT is on\n"
           "\nInterfaces:\n"
           "  list-ifaces BRIDGE          one interface name of BRIDGE per "
           "line\n"
           "  iface-to-br IFACE           bridge that IFACE is on\n"
           "\nControllers and fail mode:\n"
           "  get-controller BRIDGE       controller targets of BRIDGE\n"
           "  del-controller BRIDGE       remove BRIDGE's controllers\n"
           "  set-controller BRIDGE TARGET...  use these controllers "
           "instead\n"
           "  get-fail-mode BRIDGE        fail mode of BRIDGE\n"
           "  del-fail-mode BRIDGE        clear BRIDGE's fail mode\n"
           "  set-fail-mode BRIDGE MODE   standalone or secure\n"
           "\nManagers:\n"
           "  get-manager                 manager targets\n"
           "  del-manager                 remove all managers\n"
           "  set-manager TARGET...       use these managers instead\n"
           "\nAny table (TBL), record (REC) and column (COL):\n"
           "  list TBL [REC]              show REC, or every record\n"
           "  find TBL CONDITION...       show records meeting every "
           "CONDITION\n"
           "  get TBL REC COL[:KEY]...    print the value of each COL\n"
           "  set TBL REC COL[:KEY]=VALUE...  replace values\n"
           "  add TBL REC COL [KEY=]VALUE...  insert into a set or map\n"
           "  remove TBL REC COL [KEY=]VALUE...  take out of a set or "
           "map\n"
           "  clear TBL REC COL...        empty each COL\n"
           "  create TBL COL[:KEY]=VALUE...  insert a record, print its "
           "UUID\n"
           "  destroy TBL REC...          delete records (--all: every "
           "one)\n"
           "  wait-until TBL REC [COL[:KEY]=VALUE]...  block until all "
           "hold\n"
           "\nOptions:\n"
           "  --db=SERVER                 database server to use\n"
           "                              (default: unix:%s/db.sock)\n"
           "  --no-wait                   return without waiting for "
           "ovs-vswitchd\n"
           "  -t, --timeout=SECS          give up after SECS seconds\n"
           "  --dry-run                   check the changes, commit "
           "nothing\n"
           "  --oneline                   each command's output on one "
           "line\n"
           "  -f, --format=FORMAT         list, table, csv, html or json\n"
           "  -d, --data=FORMAT           string, bare or json\n"
           "  --no-headings, --pretty, --bare, --columns=COLUMNS\n"
           "  -v, --verbose[=SPEC]        set log levels\n"
           "  -h, --help                  this text\n"
           "  -V, --version               program version\n",
           program_name, program_name, ovs_rundir());
    exit(EXIT_SUCCESS);
}

/* Option parsing. */

static const struct vsctl_command_syntax *
find_command__(const char *name)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(command_tables); i++) {
        const struct vsctl_command_syntax *s;

        for (s = command_tables[i]; s->name; s++) {
            if (!strcmp(s->name, name)) {
                return s;
            }
        }
    }
    return NULL;
}

/* True if "--name" (without any "=value") is an option of some command. */
static bool
is_command_option__(const char *arg)
{
    size_t len = strcspn(arg, "=");
    size_t i;

    for (i = 0; i < ARRAY_SIZE(command_tables); i++) {
        const struct vsctl_command_syntax *s;

        for (s = command_tables[i]; s->name; s++) {
            const char *p = s->options;

            while (p && *p) {
                size_t n = strcspn(p, ",=");

                if (n == len && !strncmp(p, arg, len)) {
                    return true;
                }
                p += strcspn(p, ",");
                p += *p == ',';
            }
        }
    }
    return false;
}

static enum vsctl_format
parse_format__(const char *s)
{
    static const char *const names[] = {
        [VSCTL_FORMAT_LIST] = "list", [VSCTL_FORMAT_TABLE] = "table",
        [VSCTL_FORMAT_CSV] = "csv", [VSCTL_FORMAT_HTML] = "html",
        [VSCTL_FORMAT_JSON] = "json",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(names); i++) {
        if (!strcmp(s, names[i])) {
            return i;
        }
    }
    vsctl_fatal("unknown output format \"%s\"", s);
}

static enum vsctl_data
parse_data__(const char *s)
{
    if (!strcmp(s, "string")) {
        return VSCTL_DATA_STRING;
    } else if (!strcmp(s, "bare")) {
        return VSCTL_DATA_BARE;
    } else if (!strcmp(s, "json")) {
        return VSCTL_DATA_JSON;
    }
    vsctl_fatal("unknown data format \"%s\"", s);
}

/* Returns the value of option 'arg' ("--name=value" or "--name value",
 * advancing '*ip'). */
static const char *
option_value__(int argc, char *argv[], int *ip, const char *name)
{
    const char *arg = argv[*ip];
    size_t len = strlen(name);

    if (arg[len] == '=') {
        return arg + len + 1;
    }
    if (*ip + 1 >= argc) {
        vsctl_fatal("option '%s' requires an argument", name);
    }
    return argv[++*ip];
}

/* Handles global option argv[*ip].  Returns false if it is not one. */
static bool
parse_global_option__(int argc, char *argv[], int *ip)
{
    const char *arg = argv[*ip];

#define IS(NAME) (!strcmp(arg, NAME) || (str_starts_with(arg, NAME "=")))
    if (IS("--db")) {
        db = xstrdup(option_value__(argc, argv, ip, "--db"));
    } else if (!strcmp(arg, "--no-wait")) {
        wait_for_reload = false;
    } else if (IS("--timeout") || !strcmp(arg, "-t")
               || str_starts_with(arg, "-t")) {
        const char *v = (arg[1] == 't'
                         ? (arg[2] ? arg + 2
                            : option_value__(argc, argv, ip, "-t"))
                         : option_value__(argc, argv, ip, "--timeout"));

        if (!str_to_int(v, 10, &timeout) || timeout < 0) {
            vsctl_fatal("value %s on -t or --timeout is invalid", v);
        }
    } else if (!strcmp(arg, "--dry-run")) {
        dry_run = true;
    } else if (!strcmp(arg, "--oneline")) {
        oneline = true;
    } else if (IS("--format") || !strcmp(arg, "-f")) {
        style.format = parse_format__(
            option_value__(argc, argv, ip, arg[1] == 'f' ? "-f"
                           : "--format"));
    } else if (IS("--data") || !strcmp(arg, "-d")) {
        style.data = parse_data__(
            option_value__(argc, argv, ip, arg[1] == 'd' ? "-d" : "--data"));
    } else if (!strcmp(arg, "--no-headings")) {
        style.headings = false;
    } else if (!strcmp(arg, "--pretty")) {
        style.pretty = true;
    } else if (!strcmp(arg, "--bare")) {
        style.format = VSCTL_FORMAT_LIST;
        style.data = VSCTL_DATA_BARE;
        style.headings = false;
    } else if (IS("--columns")) {
        columns = xstrdup(option_value__(argc, argv, ip, "--columns"));
    } else if (!strcmp(arg, "-v") || str_starts_with(arg, "--verbose")
               || (arg[1] == 'v' && arg[0] == '-')) {
        const char *spec = (arg[1] == 'v' ? arg + 2
                            : arg[9] == '=' ? arg + 10 : "");

        vlog_set_verbosity(*spec ? spec : NULL);
    } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
        usage();
    } else if (!strcmp(arg, "--version") || !strcmp(arg, "-V")) {
        ovs_print_version();
        exit(EXIT_SUCCESS);
    } else if (!strcmp(arg, "--no-syslog") || !strcmp(arg, "--retry")) {
        /* Accepted for compatibility. */
    } else if (IS("--log-file")) {
        int error = vlog_set_log_file(arg[10] == '=' ? arg + 11 : NULL);

        if (error) {
            vsctl_fatal("could not open log file (%s)", ovs_strerror(error));
        }
    } else {
        return false;
    }
#undef IS
    return true;
}

static void
add_option__(struct vsctl_command *cmd, const char *arg)
{
    size_t len = strcspn(arg, "=");
    char *name = xmemdup0(arg, len);

    if (find_option__(cmd, name)) {
        vsctl_fatal("'%s' option specified multiple times", name);
    }
    free(name);
    cmd->options = xrealloc(cmd->options,
                            (cmd->n_options + 1) * sizeof *cmd->options);
    cmd->options[cmd->n_options++] = xstrdup(arg);
}

static void
check_command__(struct vsctl_command *cmd)
{
    const struct vsctl_command_syntax *s = cmd->syntax;
    int n_args = cmd->argc - 1;
    size_t i;

    for (i = 0; i < cmd->n_options; i++) {
        const char *o = cmd->options[i];
        size_t len = strcspn(o, "=");
        const char *p = s->options;
        bool found = false;

        while (*p && !found) {
            size_t n = strcspn(p, ",=");

            found = n == len && !strncmp(p, o, len);
            p += strcspn(p, ",");
            p += *p == ',';
        }
        if (!found) {
            vsctl_fatal("'%s' command has no '%.*s' option", s->name,
                        (int) len, o);
        }
    }
    if (n_args < s->min_args || n_args > s->max_args) {
        bool note = false;
        int j;

        for (j = 1; j < cmd->argc; j++) {
            note |= cmd->argv[j][0] == '-';
        }
        if (n_args < s->min_args) {
            vsctl_fatal("'%s' command requires at least %d arguments%s",
                        s->name, s->min_args,
                        note ? " (note that options must precede command "
                        "names and follow a \"--\" argument)" : "");
        }
        vsctl_fatal("'%s' command takes at most %d arguments%s", s->name,
                    s->max_args,
                    note ? " (note that options must precede command names "
                    "and follow a \"--\" argument)" : "");
    }
}

/* Parses the command chain in argv[start...].  'first_options' are the
 * command options given before the first command. */
static struct vsctl_command *
parse_commands(int argc, char *argv[], int start, char **first_options,
               size_t n_first, size_t *n_commandsp)
{
    struct vsctl_command *commands = NULL;
    size_t n = 0, i;
    int pos = start;

    while (pos < argc) {
        struct vsctl_command *cmd;
        int end;

        if (!strcmp(argv[pos], "--")) {
            pos++;
            continue;
        }
        commands = xrealloc(commands, (n + 1) * sizeof *commands);
        cmd = &commands[n++];
        memset(cmd, 0, sizeof *cmd);
        ds_init(&cmd->output);
        if (n == 1) {
            for (i = 0; i < n_first; i++) {
                add_option__(cmd, first_options[i]);
            }
        }
        while (pos < argc && str_starts_with(argv[pos], "--")
               && argv[pos][2]) {
            add_option__(cmd, argv[pos++]);
        }
        if (pos >= argc || !strcmp(argv[pos], "--")) {
            vsctl_fatal("missing command name (use --help for help)");
        }
        cmd->syntax = find_command__(argv[pos]);
        if (!cmd->syntax) {
            vsctl_fatal("unknown command '%s'; use --help for help",
                        argv[pos]);
        }
        for (end = pos; end < argc && strcmp(argv[end], "--"); end++) {
            continue;
        }
        cmd->argc = end - pos;
        cmd->argv = &argv[pos];
        check_command__(cmd);
        pos = end;
    }
    if (!n) {
        vsctl_fatal("missing command name (use --help for help)");
    }
    *n_commandsp = n;
    return commands;
}

/* Running the chain. */

static const struct ovsdb_idl_row *
get_ovs_row__(struct vsctl_context *ctx)
{
    const struct ovsdb_idl_table *t
        = ovsdb_idl_get_table(ctx->idl, "Open_vSwitch");
    const struct ovsdb_idl_row *row;

    if (!t) {
        vsctl_fatal("database has no Open_vSwitch table");
    }
    row = ovsdb_idl_first_row(t);
    if (!row) {
        row = vsctl_insert(ctx, "Open_vSwitch", NULL);
    }
    return row;
}

static void
check_symbols__(struct ovsdb_symtab *symtab, struct ovsdb_idl *idl)
{
    struct ovsdb_symbol *symbol;

    HMAP_FOR_EACH (symbol, node, &symtab->symbols) {
        if (!symbol->created) {
            vsctl_fatal("row id \"%s\" is referenced but never created (e.g. "
                        "with \"-- --id=%s create ...\")", symbol->name,
                        symbol->name);
        }
    }
    (void) idl;
}

static void
warn_unreferenced__(struct vsctl_command *commands, size_t n,
                    struct ovsdb_symtab *symtab, struct ovsdb_idl *idl)
{
    size_t i;

    for (i = 0; i < n; i++) {
        struct vsctl_command *cmd = &commands[i];
        const char *id = find_option__(cmd, "--id");
        const struct ovsdb_table_schema *ts;
        struct ovsdb_symbol *symbol;

        if (!cmd->inserted || !id) {
            continue;
        }
        id += 5;
        symbol = ovsdb_symtab_find(symtab, id);
        ts = ovsdb_schema_get_table(ovsdb_idl_get_schema(idl),
                                    cmd->argv[1]);
        if (symbol && !symbol->strong_ref && ts && !ts->is_root) {
            VLOG_WARN("row id \"%s\" was created but no reference to it was "
                      "inserted, so it will not actually appear in the "
                      "database", id);
        }
    }
}

OVS_NO_RETURN static void
report_txn_error__(const char *error)
{
    const char *sep = error ? strstr(error, ": ") : NULL;
    json_t *obj = json_object();
    struct ds s = DS_EMPTY_INITIALIZER;

    if (sep) {
        char *tag = xmemdup0(error, sep - error);

        json_object_set_new(obj, "error", json_string(tag));
        json_object_set_new(obj, "details", json_string(sep + 2));
        free(tag);
    } else {
        json_object_set_new(obj, "error", json_string(error ? error : "?"));
    }
    vsctl_json_format(obj, false, &s);
    json_decref(obj);
    vsctl_fatal("transaction error: %s", ds_cstr(&s));
}

static void
print_outputs__(struct vsctl_command *commands, size_t n)
{
    struct ds out = DS_EMPTY_INITIALIZER;
    size_t n_tables = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        struct vsctl_command *cmd = &commands[i];

        if (cmd->table) {
            /* In the text formats, a blank line separates each table from
             * the previous one (even an empty one), like the stock tool. */
            if (n_tables++ && (style.format == VSCTL_FORMAT_LIST
                               || style.format == VSCTL_FORMAT_TABLE
                               || style.format == VSCTL_FORMAT_CSV)) {
                ds_put_char(&out, '\n');
            }
            vsctl_table_format(cmd->table, &style, &out);
        } else if (oneline) {
            const char *p = ds_cstr(&cmd->output);
            size_t len = cmd->output.length;

            if (len && p[len - 1] == '\n') {
                len--;
            }
            for (size_t j = 0; j < len; j++) {
                if (p[j] == '\n') {
                    ds_put_cstr(&out, "\\n");
                } else if (p[j] == '\\') {
                    ds_put_cstr(&out, "\\\\");
                } else {
                    ds_put_char(&out, p[j]);
                }
            }
            ds_put_char(&out, '\n');
        } else {
            ds_put_buffer(&out, cmd->output.string ? cmd->output.string : "",
                          cmd->output.length);
        }
    }
    fwrite(out.string ? out.string : "", 1, out.length, stdout);
    fflush(stdout);
    ds_destroy(&out);
}

static void
reset_commands__(struct vsctl_command *commands, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        ds_clear(&commands[i].output);
        vsctl_table_destroy(commands[i].table);
        free(commands[i].table);
        commands[i].table = NULL;
        commands[i].inserted = false;
    }
}

static void
wait_for_cur_cfg__(struct ovsdb_idl *idl, int64_t next_cfg)
{
    for (;;) {
        const struct ovsdb_idl_table *t;
        const struct ovsdb_idl_row *row;

        ovsdb_idl_run(idl);
        t = ovsdb_idl_get_table(idl, "Open_vSwitch");
        row = t ? ovsdb_idl_first_row(t) : NULL;
        if (row && ovsdb_idl_get_integer(row, "cur_cfg", 0) >= next_cfg) {
            return;
        }
        ovsdb_idl_wait(idl);
        poll_block();
    }
}

static void
run_commands__(struct vsctl_context *ctx, struct vsctl_command *commands,
               size_t n)
{
    size_t i;

    for (i = 0; i < n && !ctx->try_again; i++) {
        struct vsctl_command *cmd = &commands[i];

        /* The bridge cache is only ever dropped here, between commands,
         * so that a command may keep using the entries it looked up
         * after it wrote to the database. */
        if (ctx->cache_stale) {
            vsctl_cache_invalidate(ctx);
        }
        ctx->command = cmd;
        ctx->argc = cmd->argc;
        ctx->argv = cmd->argv;
        ctx->output = &cmd->output;
        ctx->table = NULL;
        ctx->columns = vsctl_get_option(ctx, "--columns");
        if (!ctx->columns) {
            ctx->columns = columns;
        }
        cmd->syntax->run(ctx);
    }
    vsctl_cache_invalidate(ctx);
}

static enum ovsdb_idl_txn_status
commit__(struct ovsdb_idl_txn *txn, struct ovsdb_idl *idl)
{
    enum ovsdb_idl_txn_status status = ovsdb_idl_txn_commit(txn);

    while (status == TXN_INCOMPLETE) {
        ovsdb_idl_wait(idl);
        poll_block();
        ovsdb_idl_run(idl);
        status = ovsdb_idl_txn_commit(txn);
    }
    return status;
}

/* Runs the chain once.  Returns false if it must be run again after the
 * replica changes. */
static bool
do_vsctl(const char *args, struct vsctl_command *commands, size_t n,
         struct ovsdb_idl *idl)
{
    struct vsctl_context ctx = { .idl = idl };
    enum ovsdb_idl_txn_status status;
    struct ovsdb_symtab symtab;
    int64_t next_cfg = 0;
    size_t i;

    ctx.txn = ovsdb_idl_txn_create(idl);
    if (dry_run) {
        ovsdb_idl_txn_set_dry_run(ctx.txn);
    }
    ovsdb_idl_txn_add_comment(ctx.txn, "ovs-vsctl: %s", args);
    ovsdb_symtab_init(&symtab);
    hmap_init(&ctx.inserted_rows);
    ctx.symtab = &symtab;
    ctx.style = &style;
    ctx.ovs = get_ovs_row__(&ctx);

    run_commands__(&ctx, commands, n);
    if (ctx.try_again) {
        status = TXN_TRY_AGAIN;
        goto try_again;
    }
    check_symbols__(&symtab, idl);
    warn_unreferenced__(commands, n, &symtab, idl);

    if (ctx.changed && wait_for_reload) {
        const struct ovsdb_idl_table *t
            = ovsdb_idl_get_table(idl, "Open_vSwitch");

        ovsdb_idl_txn_increment(ctx.txn, ctx.ovs,
                                ovsdb_idl_table_get_column(t, "next_cfg"));
    }

    status = commit__(ctx.txn, idl);
    switch (status) {
    case TXN_UNCOMMITTED:
    case TXN_INCOMPLETE:
        OVS_NOT_REACHED();
    case TXN_ABORTED:
        vsctl_fatal("transaction aborted");
    case TXN_UNCHANGED:
    case TXN_SUCCESS:
        break;
    case TXN_TRY_AGAIN:
        goto try_again;
    case TXN_ERROR:
        report_txn_error__(ovsdb_idl_txn_get_error(ctx.txn));
    case TXN_NOT_LOCKED:
    default:
        vsctl_fatal("database not locked");
    }

    if (status == TXN_SUCCESS && ctx.changed && wait_for_reload) {
        next_cfg = ovsdb_idl_txn_get_increment_new_value(ctx.txn);
    }
    for (i = 0; i < n; i++) {
        if (commands[i].syntax->postprocess) {
            ctx.command = &commands[i];
            ctx.output = &commands[i].output;
            commands[i].syntax->postprocess(&ctx);
        }
    }
    print_outputs__(commands, n);
    ovsdb_idl_txn_destroy(ctx.txn);
    ovsdb_symtab_destroy(&symtab);
    clear_inserted__(&ctx);

    if (status == TXN_SUCCESS && next_cfg && !dry_run) {
        wait_for_cur_cfg__(idl, next_cfg);
    }
    return true;

try_again:
    ovsdb_idl_txn_destroy(ctx.txn);
    ovsdb_symtab_destroy(&symtab);
    clear_inserted__(&ctx);
    reset_commands__(commands, n);
    return false;
}

static char *
join_args__(int argc, char *argv[])
{
    struct ds s = DS_EMPTY_INITIALIZER;
    int i;

    for (i = 1; i < argc; i++) {
        if (i > 1) {
            ds_put_char(&s, ' ');
        }
        ds_put_cstr(&s, argv[i]);
    }
    return s.string ? ds_steal_cstr(&s) : xstrdup("");
}

int
main(int argc, char *argv[])
{
    char **first_options = NULL;
    struct vsctl_command *commands;
    size_t n_first = 0, n_commands;
    unsigned int seqno = 0;
    struct ovsdb_idl *idl;
    bool first = true;
    char *args;
    int i;

    set_program_name(argv[0]);
    fatal_signal_init();
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            break;
        } else if (parse_global_option__(argc, argv, &i)) {
            continue;
        } else if (str_starts_with(argv[i], "--")
                   && is_command_option__(argv[i])) {
            first_options = xrealloc(first_options,
                                     (n_first + 1) * sizeof *first_options);
            first_options[n_first++] = argv[i];
        } else {
            vsctl_fatal("unrecognized option '%s'", argv[i]);
        }
    }
    commands = parse_commands(argc, argv, i, first_options, n_first,
                              &n_commands);
    free(first_options);

    if (!db) {
        db = xasprintf("unix:%s/db.sock", ovs_rundir());
    }
    if (timeout) {
        alarm(timeout);
    }

    args = join_args__(argc, argv);
    idl = ovsdb_idl_create(db, "Open_vSwitch", true);
    ovsdb_idl_set_max_tries(idl, 1);
    for (;;) {
        ovsdb_idl_run(idl);
        if (!ovsdb_idl_is_alive(idl)) {
            int error = ovsdb_idl_get_last_error(idl);

            vsctl_fatal("%s: database connection failed (%s)", db,
                        ovs_retval_to_string(error));
        }
        if (ovsdb_idl_has_ever_connected(idl)
            && (first || ovsdb_idl_get_seqno(idl) != seqno)) {
            first = false;
            seqno = ovsdb_idl_get_seqno(idl);
            if (do_vsctl(args, commands, n_commands, idl)) {
                break;
            }
        }
        ovsdb_idl_wait(idl);
        poll_block();
    }

    /* The cells of output tables point to column types of the IDL's
     * schema: free them first. */
    for (size_t j = 0; j < n_commands; j++) {
        ds_destroy(&commands[j].output);
        vsctl_table_destroy(commands[j].table);
        free(commands[j].table);
        for (size_t k = 0; k < commands[j].n_options; k++) {
            free(commands[j].options[k]);
        }
        free(commands[j].options);
    }
    free(commands);
    ovsdb_idl_destroy(idl);
    free(args);
    free(db);
    free(columns);
    return 0;
}
