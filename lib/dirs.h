/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DIRS_H
#define DIRS_H 1

/* Directories, as configured (Open vSwitch's layout under the prefix) unless
 * overridden by OVS_RUNDIR, OVS_LOGDIR, OVS_DBDIR, OVS_SYSCONFDIR or
 * OVS_PKGDATADIR in the environment.  OVS_DBDIR defaults to the
 * configuration directory, as in Open vSwitch. */

const char *ovs_rundir(void);
const char *ovs_logdir(void);
const char *ovs_dbdir(void);
const char *ovs_sysconfdir(void);
const char *ovs_pkgdatadir(void);

#endif /* dirs.h */
