/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef OFFLOAD_PROVIDER_H
#define OFFLOAD_PROVIDER_H 1

/* The offload provider contract: where a datapath flow lives.
 *
 * The dpif wrapper (dpif.c, with the placement logic in dpif-offload.c)
 * offers every flow put to the offload engine attached to the dpif, if
 * any, before the dpif provider (the kernel datapath) sees it.  The engine
 * either places the flow (for the TC engine: a flower rule) or refuses it
 * with a reason; a refused flow goes to the kernel datapath and the reason
 * is kept, keyed by UFID, until the flow is deleted or placed.  A flow
 * lives in exactly one place: the wrapper deletes the kernel copy of a
 * flow that the engine later takes, and the engine removes its own rule
 * for a flow that it refuses on modification.
 *
 * Two implementations: the TC flower engine (offload-tc.c, translation in
 * offload-tc-xlate.c) and a test double (offload-test.c) that the unit
 * tests drive.
 *
 * Every flow the engine is given has a UFID: the caller's, or for a flow
 * put without one, dpif_flow_hash() of its wire-form key (so that a delete
 * by key finds it again).
 *
 * Errors are 0 or a positive errno value.  All state lives in the
 * instance; everything runs in the thread that owns the dpif. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dpif.h"
#include "hmap.h"
#include "types.h"

struct dpif;
struct ds;
struct nl_buf;

/* Why a flow is not in the offload engine.  Every code has a stable name
 * (offload_reason_name(), in quotes below) that dump-flows prints as
 * "offload-reason:<name>", followed by the detail in parentheses. */
enum offload_reason {
    OFFLOAD_R_NONE = 0,          /* Placed: no reason. */
    OFFLOAD_R_DISABLED,          /* "disabled": offload is off. */
    OFFLOAD_R_PORT_EXCLUDED,     /* "port-excluded": a port of the flow has
                                  * other_config:hw-offload=false. */
    OFFLOAD_R_NO_UFID,           /* "no-ufid": no UFID could be derived. */
    OFFLOAD_R_NO_DEVICE,         /* "no-device": a port of the flow has no
                                  * network device (or is unknown). */
    OFFLOAD_R_MATCH,             /* "unsupported-match": a matched field
                                  * that flower cannot express. */
    OFFLOAD_R_ACTION,            /* "unsupported-action": an action that TC
                                  * cannot express. */
    OFFLOAD_R_TOO_MANY_ACTIONS,  /* "too-many-actions". */
    OFFLOAD_R_RECIRC,            /* "recirc": recirculation across the two
                                  * planes needs OVS_DP_F_TC_RECIRC_SHARING. */
    OFFLOAD_R_FEATURE,           /* "kernel-feature": the running kernel
                                  * lacks what the flow needs (probe). */
    OFFLOAD_R_KERNEL_EOPNOTSUPP, /* "kernel-eopnotsupp": refused by the
                                  * kernel or the driver. */
    OFFLOAD_R_KERNEL_EINVAL,     /* "kernel-einval". */
    OFFLOAD_R_KERNEL_ENOSPC,     /* "kernel-enospc": hardware table full. */
    OFFLOAD_R_KERNEL_OTHER,      /* "kernel-error": any other errno. */
    OFFLOAD_R_MODIFY_KERNEL,     /* "kernel-flow": a MODIFY of a flow that
                                  * is in the kernel datapath but unknown to
                                  * this process (put by another one). */
    OFFLOAD_N_REASONS
};

const char *offload_reason_name(enum offload_reason);

/* Maps a kernel errno from a rule install to its reason code. */
enum offload_reason offload_reason_from_errno(int error);

/* Policy: other_config:tc-policy. */
enum offload_tc_policy {
    OFFLOAD_POLICY_NONE,        /* Kernel default: software and hardware. */
    OFFLOAD_POLICY_SKIP_SW,     /* Hardware only. */
    OFFLOAD_POLICY_SKIP_HW      /* Software (TC) only. */
};

bool offload_tc_policy_from_string(const char *, enum offload_tc_policy *);
const char *offload_tc_policy_to_string(enum offload_tc_policy);

/* A flow offered to the engine (one of a batch).  The engine copies what it
 * keeps.  'key'/'mask' are the wire-form flow key and mask (OVS_KEY_ATTR_*,
 * as dumps show them), 'match' their decoding. */
struct offload_put {
    /* In. */
    ovs_u128 ufid;
    const struct match *match;
    const void *key;
    size_t key_len;
    const void *mask;
    size_t mask_len;
    const void *actions;
    size_t actions_len;
    enum dpif_flow_put_flags flags;

    /* Out.  'error' 0: placed ('stats', the statistics of the rule it
     * replaced on a modify, zeros otherwise).  'error' EEXIST or ENOENT:
     * the CREATE/MODIFY flags were not met by a flow the engine holds
     * (nothing changed).  Any other nonzero 'error' with 'reason' set:
     * refused; the flow belongs in the kernel datapath, 'msg' is a
     * malloc()'d explanation (a field or action name, or the kernel's
     * extended ack) or NULL, and 'had_rule' says whether the engine held
     * a rule for this UFID before (now removed, its final statistics in
     * 'stats'). */
    int error;
    enum offload_reason reason;
    char *msg;
    bool had_rule;
    struct dpif_flow_stats stats;
};

/* A flow as the engine reports it (get, dump).  Pointers are the engine's,
 * valid until the next call on it. */
struct offload_flow {
    ovs_u128 ufid;
    const void *key;
    size_t key_len;
    const void *mask;
    size_t mask_len;
    const void *actions;
    size_t actions_len;
    struct dpif_flow_stats stats;
    bool in_hw;                 /* The kernel reports it in hardware. */
    uint32_t in_hw_count;       /* Devices that hold it in hardware. */
    const char *device;         /* Where the rule is, "vxlan_sys_4789". */
};

/* Settings applied with ->set_policy. */
struct offload_settings {
    enum offload_tc_policy policy;
    char **excluded_ports;      /* Device names kept out; NULL-ended or
                                 * NULL. */
};

/* The base of an engine instance, embedded by each implementation. */
struct dpif_offload {
    const struct offload_class *class;
    struct dpif *dpif;          /* The dpif it serves (not owned). */
    struct offload_settings settings;

    /* Kept by dpif-offload.c: UFID -> why the flow is in the kernel
     * datapath (struct offload_reason_node). */
    struct hmap reasons;

    /* Counters for offload/show, kept by dpif-offload.c. */
    uint64_t n_placed, n_refused;
    uint64_t n_refused_by[OFFLOAD_N_REASONS];
};

struct offload_dump;

struct offload_class {
    const char *name;           /* "tc", "test". */

    /* Creates an instance for 'dpif', with ->up initialised by
     * dpif_offload_init().  Runs the probes (see ->probe). */
    int (*open)(const struct offload_class *, struct dpif *,
                struct dpif_offload **);

    /* Releases the instance.  Rules stay where they are (a restarting
     * daemon adopts them); ->flush removes them. */
    void (*close)(struct dpif_offload *);

    /* Runs the feature probes (again) and appends their results to 'ds'
     * if nonnull.  Each result is logged once per instance. */
    int (*probe)(struct dpif_offload *, struct ds *);

    /* Applies the settings now in 'up.settings' to future puts. */
    void (*set_policy)(struct dpif_offload *);

    /* A port was added to or removed from the datapath: forget what is
     * cached about 'port_no'. */
    void (*port_changed)(struct dpif_offload *, odp_port_t port_no);

    /* Places or refuses each of the 'n' flows in 'puts' (see struct
     * offload_put).  May send them to the kernel as one batch. */
    void (*put)(struct dpif_offload *, struct offload_put *puts, size_t n);

    /* Removes the flow 'ufid'; ENOENT if the engine does not hold it.
     * 'stats', if nonnull, receives its final statistics. */
    int (*del)(struct dpif_offload *, const ovs_u128 *ufid,
               struct dpif_flow_stats *stats);

    /* Reads the flow 'ufid' into 'flow'; ENOENT if the engine does not
     * hold it. */
    int (*get)(struct dpif_offload *, const ovs_u128 *ufid,
               struct offload_flow *flow);

    /* True if the engine holds the flow 'ufid' (no system call). */
    bool (*contains)(struct dpif_offload *, const ovs_u128 *ufid);

    /* Dumps the engine's flows: ->dump_next returns 0 with the next flow,
     * EOF at the end, or an error.  ->dump_done frees the dump and returns
     * the error that ended it, if any. */
    struct offload_dump *(*dump_start)(struct dpif_offload *, bool terse);
    int (*dump_next)(struct offload_dump *, struct offload_flow *);
    int (*dump_done)(struct offload_dump *);

    /* Removes every rule the engine holds. */
    int (*flush)(struct dpif_offload *);

    /* Appends a description of the engine's state (offload/show) to 'ds'.
     * May be NULL. */
    void (*show)(struct dpif_offload *, struct ds *);

    /* Says what the flow 'match' with 'actions' would become, without
     * placing it: appends the rule, or the reason and its detail, to 'ds'
     * and returns the reason (OFFLOAD_R_NONE if expressible).  May be
     * NULL. */
    enum offload_reason (*explain)(struct dpif_offload *,
                                   const struct match *,
                                   const void *actions, size_t actions_len,
                                   struct ds *);
};

/* The engines. */
extern const struct offload_class offload_tc_class;
extern const struct offload_class offload_test_class;

/* For implementations. */
void dpif_offload_init(struct dpif_offload *, const struct offload_class *,
                       struct dpif *);
void dpif_offload_uninit(struct dpif_offload *);
void offload_settings_copy(struct offload_settings *dst,
                           const struct offload_settings *src);
void offload_settings_destroy(struct offload_settings *);
bool offload_settings_port_excluded(const struct offload_settings *,
                                    const char *devname);

/* For the wrapper and the tests: attaches an engine of 'class' to 'dpif'
 * with 'settings' (replacing any engine attached before, whose rules are
 * flushed), or detaches it with a null 'class'. */
int dpif_offload_attach(struct dpif *, const struct offload_class *,
                        const struct offload_settings *);

/* The reason kept for the kernel flow 'ufid' of 'dpif', or
 * OFFLOAD_R_NONE; '*msgp', if nonnull, receives its message or NULL. */
enum offload_reason dpif_offload_reason(const struct dpif *,
                                        const ovs_u128 *ufid,
                                        const char **msgp);

/* The hooks dpif.c calls (dpif-offload.c). */
void dpif_offload_operate(struct dpif *, struct dpif_op **ops, size_t n);
int dpif_offload_flush(struct dpif *);
void dpif_offload_close(struct dpif *);
void dpif_offload_port_changed(struct dpif *, odp_port_t port_no);
struct dpif_flow_dump *dpif_offload_dump_create(
    struct dpif *, const struct dpif_flow_dump_options *);
int dpif_offload_dump_next(struct dpif_flow_dump *, struct dpif_flow *);
int dpif_offload_dump_destroy(struct dpif_flow_dump *);

/* The test double's controls (offload-test.c). */
struct dpif_offload *offload_test_cast(struct dpif_offload *);
/* Makes the following puts refuse with 'reason' and 'msg' (until called
 * again with OFFLOAD_R_NONE). */
void offload_test_refuse(struct dpif_offload *, enum offload_reason reason,
                         const char *msg);
/* Marks the flow 'ufid' as in hardware ('in_hw') with 'count' devices and
 * adds 'n_packets' to its statistics. */
int offload_test_set_hw(struct dpif_offload *, const ovs_u128 *ufid,
                        bool in_hw, uint32_t count, uint64_t n_packets);
size_t offload_test_n_flows(struct dpif_offload *);
uint64_t offload_test_n_put_calls(struct dpif_offload *);

#endif /* offload-provider.h */
