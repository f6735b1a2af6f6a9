/*
 * Copyright (c) 2026 The ovs-tc authors.
 * Licensed under the Apache License, Version 2.0.
 *
 * flowsetup-gen: traffic for the flow-setup benchmark (tests/bench/
 * flowsetup).  Sends IPv4/UDP frames, each with its own Ethernet
 * destination (so that each is a new megaflow for a NORMAL bridge), on
 * the device given with --tx, and watches them come out on the device
 * given with --rx, both through raw packet sockets.
 *
 *   flowsetup-gen --tx DEV --rx DEV [--flows N] [--latency M]
 *                 [--window W] [--base B]
 *
 * First M packets one at a time (each waits for its own arrival, up to
 * 1 s): the first-packet latency of a new flow.  Then N packets with at
 * most W outstanding at a time (those not seen within 500 ms are sent
 * again): the flow setup rate.  Flow numbers start at B, so that runs in
 * one boot need not reuse flows.  Prints:
 *
 *   latency: n=M lost=L median=USus p90=USus p99=USus max=USus
 *   rate: N flows in S s = R flows/s (resent X, missing Y)
 */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_LEN 60
#define MAGIC 0x6f767374u      /* "ovst". */

static int tx_fd, rx_fd;
static uint32_t base;

static long long
now_usec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int
open_socket(const char *dev, bool rx)
{
    struct sockaddr_ll sll;
    int fd, ifindex = if_nametoindex(dev);

    if (!ifindex) {
        fprintf(stderr, "flowsetup-gen: no device %s\n", dev);
        exit(1);
    }
    fd = socket(AF_PACKET, SOCK_RAW, htons(rx ? ETH_P_IP : 0));
    if (fd < 0) {
        perror("flowsetup-gen: socket");
        exit(1);
    }
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_ifindex = ifindex;
    sll.sll_protocol = htons(rx ? ETH_P_IP : 0);
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        perror("flowsetup-gen: bind");
        exit(1);
    }
    if (rx) {
        int size = 8 << 20;

        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    return fd;
}

static uint16_t
ip_csum(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;

    for (size_t i = 0; i < n; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

static void
send_flow(uint32_t idx)
{
    uint32_t n = base + idx;
    uint8_t f[FRAME_LEN];
    uint16_t csum;
    uint32_t magic = htonl(MAGIC), nidx = htonl(idx);

    memset(f, 0, sizeof f);
    /* Destination 02:01:NN:NN:NN:NN, source 02:00:00:00:00:01. */
    f[0] = 0x02;
    f[1] = 0x01;
    f[2] = n >> 24;
    f[3] = n >> 16;
    f[4] = n >> 8;
    f[5] = n;
    f[6] = 0x02;
    f[11] = 0x01;
    f[12] = 0x08;
    /* IPv4 10.0.0.1 -> 10.0.0.2, UDP 1024 -> 9. */
    f[14] = 0x45;
    f[17] = FRAME_LEN - 14;
    f[20] = 0x40;
    f[22] = 64;
    f[23] = 17;
    memcpy(&f[26], (uint8_t[]) { 10, 0, 0, 1, 10, 0, 0, 2 }, 8);
    csum = ip_csum(&f[14], 20);
    f[24] = csum >> 8;
    f[25] = csum;
    f[34] = 0x04;
    f[37] = 9;
    f[39] = FRAME_LEN - 34;
    memcpy(&f[42], &magic, 4);
    memcpy(&f[46], &nidx, 4);
    if (send(tx_fd, f, sizeof f, 0) < 0 && errno != ENOBUFS) {
        perror("flowsetup-gen: send");
        exit(1);
    }
}

/* Returns the index of the next frame of ours received, or -1 if none is
 * waiting. */
static long
recv_flow(void)
{
    uint8_t f[2048];

    for (;;) {
        ssize_t n = recv(rx_fd, f, sizeof f, MSG_DONTWAIT);
        uint32_t magic, idx;

        if (n < 0) {
            return -1;
        }
        if (n < 50 || f[12] != 0x08 || f[13] != 0x00) {
            continue;
        }
        memcpy(&magic, &f[42], 4);
        memcpy(&idx, &f[46], 4);
        if (ntohl(magic) == MAGIC) {
            return ntohl(idx);
        }
    }
}

static bool
wait_readable(int ms)
{
    struct pollfd pfd = { .fd = rx_fd, .events = POLLIN };

    return poll(&pfd, 1, ms) > 0;
}

static int
compare_ll(const void *a_, const void *b_)
{
    const long long *a = a_, *b = b_;

    return (*a > *b) - (*a < *b);
}

static void
latency_phase(uint32_t first, uint32_t m)
{
    long long *lat = calloc(m ? m : 1, sizeof *lat);
    uint32_t n = 0, lost = 0;

    for (uint32_t j = 0; j < m; j++) {
        uint32_t idx = first + j;
        long long start = now_usec(), deadline = start + 1000000;
        bool got = false;

        while (recv_flow() >= 0) {
            continue;           /* Stale frames. */
        }
        send_flow(idx);
        while (!got && now_usec() < deadline) {
            long r;

            wait_readable(10);
            while ((r = recv_flow()) >= 0) {
                if (r == idx) {
                    lat[n++] = now_usec() - start;
                    got = true;
                }
            }
        }
        lost += !got;
        usleep(2000);
    }
    qsort(lat, n, sizeof *lat, compare_ll);
    if (n) {
        printf("latency: n=%u lost=%u median=%lldus p90=%lldus p99=%lldus "
               "max=%lldus\n", m, lost, lat[n / 2], lat[n * 9 / 10],
               lat[n * 99 / 100], lat[n - 1]);
    } else {
        printf("latency: n=%u lost=%u\n", m, lost);
    }
    free(lat);
}

static void
rate_phase(uint32_t first, uint32_t n, uint32_t window)
{
    long long *sent = calloc(n, sizeof *sent);
    bool *seen = calloc(n, sizeof *seen);
    uint32_t next = 0, n_seen = 0, outstanding = 0, resent = 0;
    long long start = now_usec(), last = start, deadline = start + 120000000;
    uint32_t scan = 0;

    while (n_seen < n && now_usec() < deadline) {
        long r;

        while (next < n && outstanding < window) {
            sent[next] = now_usec();
            send_flow(first + next);
            next++;
            outstanding++;
        }
        wait_readable(outstanding >= window || next >= n ? 5 : 0);
        while ((r = recv_flow()) >= 0) {
            uint32_t i = r - first;

            if (r >= first && i < n && !seen[i]) {
                seen[i] = true;
                n_seen++;
                outstanding--;
                last = now_usec();
            }
        }
        /* Send again what was not seen in 500 ms (a lost upcall). */
        for (uint32_t k = 0; k < 256 && scan < next; k++, scan++) {
            if (!seen[scan] && now_usec() - sent[scan] > 500000) {
                sent[scan] = now_usec();
                send_flow(first + scan);
                resent++;
            }
        }
        if (scan >= next) {
            scan = 0;
        }
    }
    printf("rate: %u flows in %.3f s = %.0f flows/s (resent %u, "
           "missing %u)\n", n_seen, (last - start) / 1e6,
           n_seen / ((last - start) / 1e6 + 1e-9), resent, n - n_seen);
    free(sent);
    free(seen);
}

int
main(int argc, char *argv[])
{
    static const struct option options[] = {
        { "tx", required_argument, NULL, 't' },
        { "rx", required_argument, NULL, 'r' },
        { "flows", required_argument, NULL, 'n' },
        { "latency", required_argument, NULL, 'l' },
        { "window", required_argument, NULL, 'w' },
        { "base", required_argument, NULL, 'b' },
        { NULL, 0, NULL, 0 },
    };
    const char *tx = NULL, *rx = NULL;
    uint32_t n = 10000, m = 200, window = 256;
    int c;

    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 't': tx = optarg; break;
        case 'r': rx = optarg; break;
        case 'n': n = strtoul(optarg, NULL, 10); break;
        case 'l': m = strtoul(optarg, NULL, 10); break;
        case 'w': window = strtoul(optarg, NULL, 10); break;
        case 'b': base = strtoul(optarg, NULL, 10); break;
        default:
            fprintf(stderr, "usage: %s --tx DEV --rx DEV [--flows N] "
                    "[--latency M] [--window W] [--base B]\n", argv[0]);
            return 1;
        }
    }
    if (!tx || !rx || !window) {
        fprintf(stderr, "flowsetup-gen: --tx and --rx are required\n");
        return 1;
    }
    tx_fd = open_socket(tx, false);
    rx_fd = open_socket(rx, true);
    latency_phase(0, m);
    rate_phase(m, n, window);
    fflush(stdout);
    return 0;
}
