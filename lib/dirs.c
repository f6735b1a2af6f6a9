/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#include <config.h>
#include "dirs.h"

#include <stdlib.h>
#include "util.h"

/* Returns the value of environment variable 'name' if it is set and not
 * empty, else 'configured'. */
static const char *
dir_from_env__(const char *name, const char *configured)
{
    const char *value = getenv(name);

    return value && value[0] ? value : configured;
}

const char *
ovs_rundir(void)
{
    return dir_from_env__("OVS_RUNDIR", OVS_RUNDIR);
}

const char *
ovs_logdir(void)
{
    return dir_from_env__("OVS_LOGDIR", OVS_LOGDIR);
}

const char *
ovs_sysconfdir(void)
{
    return dir_from_env__("OVS_SYSCONFDIR", OVS_SYSCONFDIR);
}

const char *
ovs_dbdir(void)
{
    const char *dbdir = getenv("OVS_DBDIR");

    if (dbdir && dbdir[0]) {
        return dbdir;
    }
    /* As in Open vSwitch, an OVS_SYSCONFDIR override moves the databases
     * to its "openvswitch" subdirectory. */
    dbdir = getenv("OVS_SYSCONFDIR");
    if (dbdir && dbdir[0]) {
        static __thread char *cached;

        if (!cached) {
            cached = xasprintf("%s/openvswitch", dbdir);
        }
        return cached;
    }
    return OVS_DBDIR;
}

const char *
ovs_pkgdatadir(void)
{
    return dir_from_env__("OVS_PKGDATADIR", OVS_PKGDATADIR);
}
