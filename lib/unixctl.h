/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef UNIXCTL_H
#define UNIXCTL_H 1

/* The control socket every daemon serves and ovs-appctl talks to: JSON-RPC
 * over a Unix socket, by default <rundir>/<program>.<pid>.ctl.  A request's
 * method is the command name and its params an array of string arguments;
 * the reply's result is the output text, or the reply is an error whose
 * error member is the error text. */

#include <stdbool.h>
#include "compiler.h"

struct jsonrpc;
struct unixctl_conn;
struct unixctl_server;

/* A command handler.  'argv[0]' is the command name and 'argv[1]' to
 * 'argv[argc - 1]' its arguments.  The handler must eventually (now or
 * later, from the same thread) call exactly one of unixctl_command_reply()
 * or unixctl_command_reply_error() on 'conn'. */
typedef void unixctl_cb_func(struct unixctl_conn *conn, int argc,
                             const char *argv[], void *aux);

/* Registers 'name' for the whole process.  'usage' names the arguments for
 * "list-commands"; the server rejects a request with fewer than 'min_args'
 * or more than 'max_args' arguments before calling 'cb'. */
void unixctl_command_register(const char *name, const char *usage,
                              int min_args, int max_args,
                              unixctl_cb_func *cb, void *aux);

/* Argument-count check used by the server, exposed for unit tests: returns
 * NULL if 'n_args' arguments suit 'command', else the error text (to free),
 * including for an unknown command. */
char *unixctl_check_request(const char *command, int n_args)
    OVS_WARN_UNUSED_RESULT;

void unixctl_command_reply(struct unixctl_conn *, const char *body);
void unixctl_command_reply_error(struct unixctl_conn *, const char *error);

/* Servers.  'path' NULL means the default <rundir>/<program>.<pid>.ctl,
 * "none" means no server (then '*serverp' is NULL and 0 is returned), a
 * relative path is taken relative to the run directory.  The server
 * registers the built-in commands "list-commands" and "version" ("exit" is
 * each program's own). */
int unixctl_server_create(const char *path, struct unixctl_server **serverp);
void unixctl_server_run(struct unixctl_server *);
void unixctl_server_wait(struct unixctl_server *);
void unixctl_server_destroy(struct unixctl_server *);
const char *unixctl_server_get_path(const struct unixctl_server *);

/* Clients.  unixctl_client_transact() returns 0 when the daemon answered,
 * with exactly one of '*result' and '*error' set to text to free, or a
 * positive errno when the exchange itself failed. */
int unixctl_client_create(const char *path, struct jsonrpc **clientp);
int unixctl_client_transact(struct jsonrpc *client, const char *command,
                            int argc, char *argv[], char **result,
                            char **error);

#endif /* unixctl.h */
