/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 */

#ifndef DPIF_H
#define DPIF_H 1

/* The datapath interface: the one way the rest of ovs-tc (ofproto,
 * ovs-dpctl) creates and programs a datapath.
 *
 * A datapath has a type and a name.  Type "system" (also "" or NULL) is
 * the Linux kernel openvswitch module driven over generic netlink
 * (datapath/dpif-netlink.c); its default name is "ovs-system".  The
 * interface that each type implements is datapath/dpif-provider.h.
 *
 * A datapath has ports (kernel vports), numbered by odp_port_t, and flows,
 * each a struct match (the megaflow: key and mask) with a list of
 * datapath actions in their wire form (OVS_ACTION_ATTR_* attributes, see
 * lib/odp-actions.h), named by a 128-bit UFID chosen by the caller.  A
 * packet that matches no flow is sent up to userspace as a MISS upcall;
 * the userspace() action sends one up as an ACTION upcall.
 *
 * Where a flow lives is the datapath layer's business: a caller asks for
 * a flow with dpif_flow_put() and never learns whether it went to the
 * kernel datapath or (later) to TC flower; dumps report it in
 * dpif_flow_attrs.
 *
 *
 * Errors
 * ======
 *
 * Every function that can fail returns 0 or a positive errno value.  When
 * the kernel explained a failure in an extended ack ("Flow key attribute
 * not present in new flow.", ...), the text is kept in the dpif and
 * dpif_last_error_msg() returns it until the next call on that dpif;
 * dpif_format_error() makes the operator's line of it:
 *
 *     Invalid argument (kernel: Flow key attribute not present in new flow.)
 *
 * Batched operations (dpif_operate()) carry their own error and message
 * per operation.  Logging and counters are done here, once, not by each
 * caller.
 *
 *
 * Threads
 * =======
 *
 * A struct dpif is used by one thread at a time, except that upcall
 * handler 'i' (dpif_recv(), dpif_recv_wait() with handler id 'i') may be
 * served by its own thread while another thread programs flows.  The
 * calls that create or destroy the handlers' channels (dpif_recv_set(),
 * dpif_handlers_set(), dpif_set_upcall_dispatch(), dpif_close()) must not
 * run while handler threads are in dpif_recv().  Open the same datapath
 * twice for two independent programming threads. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "match.h"
#include "types.h"

struct dpif;
struct ds;
struct nl_buf;

#define DPIF_DEFAULT_TYPE "system"
#define DPIF_DEFAULT_NAME "ovs-system"

/* Life cycle.
 *
 * dpif_open() opens the existing datapath 'name' of type 'type' (NULL or
 * "" mean "system"); ENODEV if there is none.  dpif_create_and_open()
 * creates it first, or opens it if it already exists.  On failure, if
 * 'errp' is nonnull, '*errp' receives the kernel's explanation (malloc()'d,
 * for the caller to free) or NULL.  ENOENT (rather than ENODEV) means the
 * datapath type is not available, for "system" that the openvswitch module
 * is not loaded.
 *
 * dpif_close() releases the handle (the datapath stays); NULL is fine.
 * dpif_delete() destroys the datapath itself (its ports and flows); the
 * handle must still be closed afterwards. */
int dpif_open(const char *type, const char *name, struct dpif **dpifp,
              char **errp);
int dpif_create_and_open(const char *type, const char *name,
                         struct dpif **dpifp, char **errp);
void dpif_close(struct dpif *);
int dpif_delete(struct dpif *);

const char *dpif_name(const struct dpif *);
const char *dpif_type(const struct dpif *);

/* Stores in '*namesp' a malloc()'d array of '*n_namesp' malloc()'d names
 * of the datapaths of type 'type' that exist; free it with
 * dpif_names_free(). */
int dpif_enumerate(const char *type, char ***namesp, size_t *n_namesp);
void dpif_names_free(char **names, size_t n_names);

/* The kernel's extended-ack text for the last failed call on 'dpif', or
 * NULL.  Valid until the next call on 'dpif'. */
const char *dpif_last_error_msg(const struct dpif *);

/* Appends to 'ds' the text for 'error' ("Invalid argument") followed, if
 * the last failed call on 'dpif' (which may be NULL) left a kernel
 * message, by " (kernel: <message>)". */
void dpif_format_error(struct ds *, const struct dpif *, int error);

/* Features and statistics. */

enum dpif_upcall_dispatch {
    DPIF_DISPATCH_AUTO,         /* Per CPU when offered, else per vport. */
    DPIF_DISPATCH_PER_VPORT,    /* OVS_VPORT_ATTR_UPCALL_PID on each port. */
    DPIF_DISPATCH_PER_CPU       /* OVS_DP_ATTR_PER_CPU_PIDS. */
};

struct dpif_features {
    /* What the datapath implementation offers (probed once per open). */
    bool per_cpu_dispatch;      /* OVS_DP_F_DISPATCH_UPCALL_PER_CPU. */
    bool vport_pids;            /* OVS_DP_F_VPORT_PIDS. */
    bool unaligned;             /* OVS_DP_F_UNALIGNED. */
    bool tc_recirc_sharing;     /* OVS_DP_F_TC_RECIRC_SHARING. */
    bool masks_cache;           /* OVS_DP_ATTR_MASKS_CACHE_SIZE. */

    /* What is in use now. */
    uint32_t user_features;     /* OVS_DP_F_* set on the datapath. */
    enum dpif_upcall_dispatch dispatch;  /* PER_VPORT or PER_CPU. */
    uint32_t n_handlers;        /* Upcall channels open now (0 while
                                 * receiving is off). */
};

int dpif_get_features(struct dpif *, struct dpif_features *);

struct dpif_dp_stats {
    uint64_t n_hit;             /* Packets that matched a flow. */
    uint64_t n_missed;          /* Packets that matched none (upcalls). */
    uint64_t n_lost;            /* Upcalls that could not be queued. */
    uint64_t n_flows;           /* Flows in the datapath. */
    uint64_t n_masks;           /* Distinct masks; UINT64_MAX if unknown. */
    uint64_t n_mask_hit;        /* Masks visited by lookups; UINT64_MAX if
                                 * unknown. */
    uint64_t n_cache_hit;       /* Mask cache hits; UINT64_MAX if
                                 * unknown. */
    uint32_t cache_size;        /* Mask cache entries; UINT32_MAX if
                                 * unknown. */
};

int dpif_get_dp_stats(struct dpif *, struct dpif_dp_stats *);

/* Ports.
 *
 * Port types:
 *   "system" or ""    an existing network device (OVS_VPORT_TYPE_NETDEV)
 *   "internal"        a new internal device (OVS_VPORT_TYPE_INTERNAL)
 *   "tap"             an existing tap device, attached as "system"
 *   "vxlan", "gre", "geneve"
 *                     the metadata-mode tunnel device for the type and
 *                     option "dst_port" (datapath/tunnel-dev.h), created
 *                     if needed and attached as a network device; the
 *                     port's name in the datapath is the device's
 *                     (vxlan_sys_4789, gre_sys, genev_sys_6081), whatever
 *                     'name' was given.
 * Unknown types give EAFNOSUPPORT. */

struct dpif_port_option {
    const char *key;
    const char *value;
};

struct dpif_port_stats {
    uint64_t rx_packets, tx_packets;
    uint64_t rx_bytes, tx_bytes;
    uint64_t rx_errors, tx_errors;
    uint64_t rx_dropped, tx_dropped;
};

struct dpif_port {
    char *name;                 /* Name in the datapath. */
    char *type;                 /* "system", "internal", "vxlan", ... */
    odp_port_t port_no;
    int ifindex;                /* 0 if unknown. */
    bool has_stats;
    struct dpif_port_stats stats;
};

/* Frees the members of 'port' (not 'port' itself); NULL is fine. */
void dpif_port_destroy(struct dpif_port *);
void dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src);

/* Adds the port 'name' of 'type' with the 'n_options' options.  If
 * 'port_nop' is nonnull and '*port_nop' is not ODPP_NONE, asks for that
 * port number; stores the number assigned in '*port_nop' (if nonnull).
 * EEXIST: a port of that name is already in a datapath; ENODEV: no such
 * network device; EBUSY: the number is taken. */
int dpif_port_add(struct dpif *, const char *name, const char *type,
                  const struct dpif_port_option options[], size_t n_options,
                  odp_port_t *port_nop);
int dpif_port_del(struct dpif *, odp_port_t port_no);

/* Fill 'port' (when nonnull; free it with dpif_port_destroy()).  ENODEV if
 * there is no such port. */
int dpif_port_query_by_number(struct dpif *, odp_port_t port_no,
                              struct dpif_port *port);
int dpif_port_query_by_name(struct dpif *, const char *name,
                            struct dpif_port *port);

/* The netlink port id that a userspace() action should name so that its
 * upcall reaches this dpif's handlers for packets of 'port_no' (0 if
 * receiving is off; ignored by the kernel in per-CPU dispatch). */
uint32_t dpif_port_get_pid(struct dpif *, odp_port_t port_no);

/* Port dumps.
 *
 *     struct dpif_port_dump dump;
 *     struct dpif_port port;
 *
 *     DPIF_PORT_FOR_EACH (&port, &dump, dpif) {
 *         ...'port' is valid until the next iteration; do not free it...
 *     }
 *
 * or dpif_port_dump_start(), dpif_port_dump_next() until false, then
 * dpif_port_dump_done(), which must always be called and returns the error
 * that ended the dump, if any (a loop left with 'break' must call it
 * too).  The ports come in port number order. */
struct dpif_port_dump {
    struct dpif *dpif;
    int error;
    void *state;
};

void dpif_port_dump_start(struct dpif_port_dump *, struct dpif *);
bool dpif_port_dump_next(struct dpif_port_dump *, struct dpif_port *);
int dpif_port_dump_done(struct dpif_port_dump *);

#define DPIF_PORT_FOR_EACH(PORT, DUMP, DPIF)                    \
    for (dpif_port_dump_start(DUMP, DPIF);                      \
         (dpif_port_dump_next(DUMP, PORT)                       \
          ? true                                                \
          : (dpif_port_dump_done(DUMP), false));                \
        )

/* Flows. */

struct dpif_flow_stats {
    uint64_t n_packets;
    uint64_t n_bytes;
    long long int used;         /* time_msec() of last use, 0 if never. */
    uint16_t tcp_flags;         /* TCP flags seen (TCP_FLAGS()), host
                                 * order. */
};

/* Where a flow lives.  'dp_layer' is "ovs" for the kernel datapath and
 * "tc" for a flow placed in TC flower by the offload engine; 'offloaded'
 * is true only when the kernel reports the flow in hardware, on
 * 'in_hw_count' devices.  'reason', for a flow that the offload engine
 * kept out of TC, is the reason code's name (offload-provider.h,
 * "unsupported-action", ...; NULL otherwise; static), and 'reason_msg'
 * its detail (the field or action, or the kernel's extended ack; NULL if
 * none; valid as long as the flow's other pointers). */
struct dpif_flow_attrs {
    bool offloaded;
    const char *dp_layer;
    const char *reason;
    const char *reason_msg;
    uint32_t in_hw_count;
};

/* A flow as read back (dpif_flow_get(), dumps).  The pointers point into a
 * buffer that the call names (valid until that buffer changes); in a terse
 * dump 'key', 'mask' and 'actions' are NULL with length 0 and 'match' is
 * the catch-all match.  'key' and 'mask' are the kernel's own attributes
 * (with all its metadata, for display with odp_key_format()); 'match' is
 * their decoding, and 'match_error' is nonzero if they could not be
 * decoded (then 'match' is the catch-all match). */
struct dpif_flow {
    struct match match;
    int match_error;
    const void *key;
    size_t key_len;
    const void *mask;
    size_t mask_len;
    const void *actions;
    size_t actions_len;
    ovs_u128 ufid;
    bool ufid_present;          /* False for a flow put without UFID. */
    struct dpif_flow_stats stats;
    struct dpif_flow_attrs attrs;
};

/* Which flow an operation names.  With a nonnull 'ufid', the UFID (which
 * is how flows put with a UFID should be named); otherwise the exact key
 * and mask, from 'key'/'mask' in wire form if 'key' is nonnull, else from
 * 'match'. */

enum dpif_flow_put_flags {
    DPIF_FP_CREATE = 1 << 0,    /* Create if missing. */
    DPIF_FP_MODIFY = 1 << 1,    /* Replace the actions if present. */
    DPIF_FP_ZERO_STATS = 1 << 2,/* With MODIFY: zero the statistics. */
    DPIF_FP_PROBE = 1 << 3      /* A feature probe: log failures at DBG. */
};

/* Puts a flow.  With CREATE alone, EEXIST if the flow exists; with MODIFY
 * alone, ENOENT if it does not; with both, either.  The flow's match is
 * 'match', or the wire-form 'key'/'mask' when 'key' is nonnull (a null
 * 'mask' means exact match).  'ufid' may be NULL: the flow is then known
 * by its key only.  'stats', if nonnull, receives the statistics the flow
 * had before a MODIFY (zeros for a new flow). */
struct dpif_flow_put {
    enum dpif_flow_put_flags flags;
    const struct match *match;
    const void *key;
    size_t key_len;
    const void *mask;
    size_t mask_len;
    const ovs_u128 *ufid;
    const void *actions;
    size_t actions_len;
    struct dpif_flow_stats *stats;      /* Out, optional. */
};

/* Deletes a flow (see above for naming it); ENOENT if there is none.
 * 'stats', if nonnull, receives its final statistics. */
struct dpif_flow_del {
    const struct match *match;
    const void *key;
    size_t key_len;
    const ovs_u128 *ufid;
    struct dpif_flow_stats *stats;      /* Out, optional. */
};

/* Reads a flow into 'flow', pointing into 'buffer' (a caller-owned
 * growable buffer, cleared first: two gets in one dpif_operate() need a
 * buffer each); ENOENT if there is none. */
struct dpif_flow_get {
    const struct match *match;
    const void *key;
    size_t key_len;
    const ovs_u128 *ufid;
    struct nl_buf *buffer;
    struct dpif_flow *flow;             /* Out. */
};

/* Executes 'actions' on the 'packet_len' bytes of 'packet' (an Ethernet
 * frame) as if it had arrived with the metadata in 'md' (in_port, tunnel,
 * pkt_mark, skb_priority, recirc_id, dp_hash; other fields ignored).  A
 * null 'md' gives no metadata: the kernel then treats the packet as coming
 * from the local port.  'mtu', if nonzero, is the MRU for IP fragments
 * that the kernel reassembled.  'probe' logs failures at DBG only. */
struct dpif_execute {
    const void *packet;
    size_t packet_len;
    const struct flow *md;
    const void *actions;
    size_t actions_len;
    bool probe;
    uint16_t mtu;
};

enum dpif_op_type {
    DPIF_OP_FLOW_PUT,
    DPIF_OP_FLOW_DEL,
    DPIF_OP_FLOW_GET,
    DPIF_OP_EXECUTE
};

struct dpif_op {
    enum dpif_op_type type;
    int error;                  /* Out: 0 or positive errno. */
    char *error_msg;            /* Out: malloc()'d kernel message or NULL;
                                 * the caller frees it. */
    union {
        struct dpif_flow_put flow_put;
        struct dpif_flow_del flow_del;
        struct dpif_flow_get flow_get;
        struct dpif_execute execute;
    } u;
};

/* Carries out the 'n' operations in 'ops', in order, as few system calls
 * as the provider can manage (the kernel provider sends them in batches
 * of netlink messages), and sets each one's 'error' and 'error_msg'.
 * Operations do not depend on one another's success. */
void dpif_operate(struct dpif *, struct dpif_op **ops, size_t n);

/* One-operation shortcuts.  Their kernel message, on failure, is
 * dpif_last_error_msg(). */
int dpif_flow_put(struct dpif *, enum dpif_flow_put_flags,
                  const struct match *, const ovs_u128 *ufid,
                  const void *actions, size_t actions_len,
                  struct dpif_flow_stats *stats);
int dpif_flow_del(struct dpif *, const struct match *, const ovs_u128 *ufid,
                  struct dpif_flow_stats *stats);
int dpif_flow_get(struct dpif *, const struct match *, const ovs_u128 *ufid,
                  struct nl_buf *buffer, struct dpif_flow *flow);
int dpif_execute(struct dpif *, struct dpif_execute *);

/* Deletes every flow. */
int dpif_flow_flush(struct dpif *);

/* Flow dumps.
 *
 *     struct dpif_flow_dump *dump = dpif_flow_dump_create(dpif, &opts);
 *     struct dpif_flow flow;
 *
 *     while (dpif_flow_dump_next(dump, &flow)) {
 *         ...'flow' points into the dump, valid until the next call...
 *     }
 *     error = dpif_flow_dump_destroy(dump);
 *
 * A dump has its own channel to the datapath: the dpif may put and delete
 * flows while it runs (the dump may then miss or repeat those flows).
 * dpif_flow_dump_destroy() returns the error that ended the dump, if any,
 * EAGAIN meaning that the flow table changed under the dump and it should
 * be run again if completeness matters. */
struct dpif_flow_dump_options {
    bool terse;                 /* Only UFID and statistics. */
    const char *type;           /* NULL or "all", "ovs", "tc", "offloaded",
                                 * "non-offloaded", "partially-offloaded":
                                 * which flows to list (see
                                 * dpif_flow_dump_type_valid()). */
};

/* True if 'type' is a valid dump type (NULL is "all").  "tc": flows in TC;
 * "ovs": flows in the kernel datapath; "offloaded": flows in hardware;
 * "non-offloaded": the others; "partially-offloaded": none here (a
 * userspace-datapath notion). */
bool dpif_flow_dump_type_valid(const char *type);

struct dpif_flow_dump *dpif_flow_dump_create(
    struct dpif *, const struct dpif_flow_dump_options *);
bool dpif_flow_dump_next(struct dpif_flow_dump *, struct dpif_flow *);
int dpif_flow_dump_destroy(struct dpif_flow_dump *);

/* The UFID that ovs-tc gives a flow whose caller named none: a hash of
 * the 'key_len' bytes of the wire-form key at 'key'. */
void dpif_flow_hash(const void *key, size_t key_len, ovs_u128 *ufid);

/* Upcalls.
 *
 * dpif_recv_set(true) creates the upcall channels (one per handler,
 * dpif_handlers_set(), 1 by default) and points the datapath at them:
 * in per-CPU dispatch (when offered and not refused with
 * dpif_set_upcall_dispatch()) with OVS_DP_ATTR_PER_CPU_PIDS, CPU 'c' to
 * handler 'c' mod n; otherwise with every port's OVS_VPORT_ATTR_UPCALL_PID
 * (ports added later included).  dpif_recv_set(false) closes them and sets
 * the pids back to 0, so that the kernel counts misses as lost.
 *
 * dpif_recv() stores the next upcall of handler 'handler_id' in 'upcall',
 * pointing into 'buffer' (a caller-owned growable buffer, cleared first).
 * EAGAIN if there is none now; dpif_recv_wait() makes the next
 * poll_block() wake when there is one. */

enum dpif_upcall_type {
    DPIF_UC_MISS,               /* No flow matched. */
    DPIF_UC_ACTION              /* A userspace() action. */
};

struct dpif_upcall {
    enum dpif_upcall_type type;
    const void *packet;         /* The Ethernet frame. */
    size_t packet_len;
    const void *key;            /* Wire-form flow key (OVS_KEY_ATTR_*). */
    size_t key_len;
    struct flow flow;           /* 'key' decoded, if 'flow_error' is 0. */
    int flow_error;
    ovs_u128 ufid;              /* dpif_flow_hash() of 'key'. */
    const void *userdata;       /* userspace() action's userdata, or NULL. */
    size_t userdata_len;
    const void *actions;        /* OVS_PACKET_ATTR_ACTIONS, or NULL. */
    size_t actions_len;
    bool has_egress_tun;
    struct flow_tnl egress_tun; /* OVS_PACKET_ATTR_EGRESS_TUN_KEY. */
    uint16_t mru;               /* 0 if absent. */
    uint32_t hash;              /* Packet hash, 0 if absent. */
    uint32_t orig_len;          /* Before truncation, 0 if not truncated. */
};

int dpif_set_upcall_dispatch(struct dpif *, enum dpif_upcall_dispatch);
int dpif_recv_set(struct dpif *, bool enable);
int dpif_handlers_set(struct dpif *, uint32_t n_handlers);
int dpif_recv(struct dpif *, uint32_t handler_id, struct dpif_upcall *,
              struct nl_buf *buffer);
void dpif_recv_wait(struct dpif *, uint32_t handler_id);

/* Discards the upcalls queued for every handler. */
void dpif_recv_purge(struct dpif *);

/* Flow offload (other_config:hw-offload, tc-policy).
 *
 * dpif_set_offload(dpif, true, policy) attaches the TC flower engine: from
 * then on every flow put is tried in TC first (on the ingress of its
 * in_port's device) and lands in the kernel datapath, with the reason
 * kept, only when TC cannot take it.  'tc_policy' is "none" (or NULL),
 * "skip_sw" or "skip_hw"; EINVAL for anything else.  Calling it again
 * with another policy applies to later puts.  dpif_set_offload(dpif,
 * false, NULL) removes every TC rule of the dpif and detaches the engine
 * (the flows come back through upcalls into the kernel datapath).
 *
 * dpif_set_offload_port() keeps the port with device name 'devname' out
 * of TC ('enable' false: other_config:hw-offload=false on the Interface):
 * flows that enter or leave through it go to the kernel datapath.
 *
 * dpif_offload_show() appends the engine's state to 'ds' (policy, probe
 * results, counts by reason, rules per device), or "offload: disabled".
 * dpif_offload_enabled() says whether an engine is attached. */
int dpif_set_offload(struct dpif *, bool enable, const char *tc_policy);

/* offload/explain: appends to 'ds' what the datapath flow 'match' with the
 * 'actions_len' bytes of 'actions' would become in TC (the flower rule:
 * device, protocol, keys, actions), or the reason code and the exact key
 * or action that prevents it.  Places nothing.  Returns 0 if the flow is
 * expressible, EOPNOTSUPP if not, ENODEV if offload is off. */
int dpif_offload_explain(struct dpif *, const struct match *,
                         const void *actions, size_t actions_len,
                         struct ds *);
int dpif_set_offload_port(struct dpif *, const char *devname, bool enable);
bool dpif_offload_enabled(const struct dpif *);
void dpif_offload_show(struct dpif *, struct ds *);

/* Debugging and statistics of the wrapper (operations, failures). */
struct dpif_counters {
    uint64_t n_flow_puts, n_flow_put_errors;
    uint64_t n_flow_dels, n_flow_del_errors;
    uint64_t n_flow_gets, n_flow_get_errors;
    uint64_t n_executes, n_execute_errors;
    uint64_t n_upcalls;
    uint64_t n_operate_calls;
};

void dpif_get_counters(const struct dpif *, struct dpif_counters *);

#endif /* dpif.h */
