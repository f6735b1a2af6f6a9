#!/usr/bin/env python3
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.
#
# Malformed OpenFlow against a running switch.  Usage:
#
#     ofp_abuse.py SOCKET CORPUS-DIR
#
# SOCKET is a bridge's management socket (unix).  A "witness" connection
# stays open throughout.  Then, for every corpus message (a complete
# OpenFlow message, file name ending in -of10/-of13/-nxm/-request), every
# strict truncation of it (header length rewritten to match) is sent on a
# fresh connection after the HELLO exchange, followed by an ECHO_REQUEST:
# the switch must answer the truncated message with an ERROR or close the
# connection, and, if it did not close, still answer the echo.  Hand-made
# bad messages follow (unknown version, unknown type, length below the
# header, a length that promises more than is sent, garbage).  Finally the
# witness must still answer an echo.  Prints counts; exits 1 on the first
# violation.

import os
import socket
import struct
import sys
import time

OFPT_HELLO, OFPT_ERROR, OFPT_ECHO_REQUEST, OFPT_ECHO_REPLY = 0, 1, 2, 3
TIMEOUT = 10.0


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def recv_msg(s, deadline):
    """One message, or None if the peer closed the connection."""
    buf = b""
    while len(buf) < 8:
        s.settimeout(max(0.01, deadline - time.time()))
        try:
            chunk = s.recv(8 - len(buf))
        except socket.timeout:
            raise
        except (ConnectionResetError, BrokenPipeError):
            return None
        if not chunk:
            return None
        buf += chunk
    length = struct.unpack("!H", buf[2:4])[0]
    while len(buf) < length:
        s.settimeout(max(0.01, deadline - time.time()))
        try:
            chunk = s.recv(length - len(buf))
        except (ConnectionResetError, BrokenPipeError):
            return None
        if not chunk:
            return None
        buf += chunk
    return buf


def connect(path, version):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(struct.pack("!BBHI", version, OFPT_HELLO, 8, 0))
    msg = recv_msg(s, time.time() + TIMEOUT)
    if msg is None or msg[1] != OFPT_HELLO:
        fail("no HELLO from the switch")
    return s


def echo_ok(s, version, xid):
    """True if an echo is answered, False if the connection is closed."""
    try:
        s.sendall(struct.pack("!BBHI", version, OFPT_ECHO_REQUEST, 8, xid))
    except (BrokenPipeError, ConnectionResetError):
        return False
    deadline = time.time() + TIMEOUT
    while True:
        try:
            msg = recv_msg(s, deadline)
        except socket.timeout:
            fail("echo xid %d not answered within %d s" % (xid, TIMEOUT))
        if msg is None:
            return False
        if msg[1] == OFPT_ECHO_REPLY and struct.unpack("!I", msg[4:8])[0] == xid:
            return True


def send_and_judge(path, version, data, what, must_error=True):
    """Sends 'data' and returns 'error', 'closed' or 'other'."""
    s = connect(path, version)
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        s.close()
        return "closed"
    xid = 0x5eed
    try:
        s.sendall(struct.pack("!BBHI", version, OFPT_ECHO_REQUEST, 8, xid))
    except (BrokenPipeError, ConnectionResetError):
        s.close()
        return "closed"
    verdict = None
    deadline = time.time() + TIMEOUT
    while True:
        try:
            msg = recv_msg(s, deadline)
        except socket.timeout:
            fail("%s: no answer within %d s" % (what, TIMEOUT))
        if msg is None:
            verdict = verdict or "closed"
            break
        if msg[1] == OFPT_ERROR and verdict is None:
            verdict = "error"
        elif msg[1] == OFPT_ECHO_REPLY and \
                struct.unpack("!I", msg[4:8])[0] == xid:
            break
    s.close()
    if verdict is None:
        verdict = "other"
        if must_error:
            fail("%s: neither an ERROR nor a closed connection" % what)
    return verdict


def main():
    path, corpus = sys.argv[1], sys.argv[2]
    witness = connect(path, 4)
    counts = {"error": 0, "closed": 0, "other": 0}
    n_files = 0
    for name in sorted(os.listdir(corpus)):
        data = open(os.path.join(corpus, name), "rb").read()
        if len(data) < 8 or "delete" in name or "hello" in name \
                or "echo" in name or "barrier" in name:
            continue
        n_files += 1
        for cut in range(8, len(data)):
            msg = bytearray(data[:cut])
            struct.pack_into("!H", msg, 2, cut)
            verdict = send_and_judge(path, data[0], bytes(msg),
                                     "%s cut to %d" % (name, cut),
                                     must_error=False)
            counts[verdict] += 1
    print("truncations: %d files, %d errors, %d closed, %d answered "
          "otherwise" % (n_files, counts["error"], counts["closed"],
                         counts["other"]))
    if counts["error"] + counts["closed"] < 0.9 * sum(counts.values()):
        fail("fewer than 90%% of truncated messages refused")

    hand = [
        ("unknown version", struct.pack("!BBHI", 0x7f, 5, 8, 1)),
        ("unknown type", struct.pack("!BBHI", 4, 0xee, 8, 2)),
        ("length below the header", struct.pack("!BBHI", 4, 5, 4, 3)),
        ("vendor with a bad id",
         struct.pack("!BBHIII", 1, 4, 16, 4, 0xdeadbeef, 0)),
        ("flow mod of 9 bytes", struct.pack("!BBHIB", 4, 14, 9, 5, 0)),
    ]
    for what, data in hand:
        v = send_and_judge(path, 4, data, what)
        print("%-26s %s" % (what + ":", v))
    # A length that promises more than is sent, then a close: the switch
    # must just drop the connection.
    s = connect(path, 4)
    s.sendall(struct.pack("!BBHI", 4, 14, 2000, 6) + b"\0" * 100)
    s.close()
    # Garbage.
    s = connect(path, 1)
    s.sendall(os.urandom(4096))
    s.close()

    if not echo_ok(witness, 4, 77):
        fail("the witness connection was closed")
    print("witness connection still served")


if __name__ == "__main__":
    main()
