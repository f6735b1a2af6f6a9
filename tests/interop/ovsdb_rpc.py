# A raw JSON-RPC client for the ovsdb-server tests: it speaks RFC 7047
# over a Unix socket with nothing in between, so that tests can send
# exactly the bytes they mean and see exactly what comes back.
#
# Copyright (c) 2026 The ovs-tc authors.
# Licensed under the Apache License, Version 2.0.

import json
import re
import socket
import sys

UUID_RE = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                     r'[0-9a-f]{12}')
ZERO_UUID = "00000000-0000-0000-0000-000000000000"


class Closed(Exception):
    """The server closed the connection."""


class Client:
    def __init__(self, path, timeout=10.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # A blocking connect waits for room in the listen queue.
        self.sock.connect(path)
        self.sock.settimeout(timeout)
        self.buf = ""
        self.decoder = json.JSONDecoder()
        self.notifications = []
        self.next_id = 0

    def close(self):
        self.sock.close()

    def send_raw(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def send(self, obj):
        self.send_raw(json.dumps(obj))

    def recv(self):
        """Returns the next message, or raises Closed."""
        while True:
            self.buf = self.buf.lstrip()
            if self.buf:
                try:
                    obj, end = self.decoder.raw_decode(self.buf)
                    self.buf = self.buf[end:]
                    return obj
                except ValueError:
                    pass
            try:
                data = self.sock.recv(1 << 20)
            except ConnectionResetError:
                data = b""
            if not data:
                raise Closed()
            self.buf += data.decode()

    def is_closed(self):
        """Reads until the server closes the connection: True if it does
        within the socket's timeout, False on timeout."""
        try:
            while True:
                self.recv()
        except Closed:
            return True
        except socket.timeout:
            return False

    def request(self, method, params):
        """Sends a request and returns its id."""
        self.next_id += 1
        rid = self.next_id
        self.send({"method": method, "params": params, "id": rid})
        return rid

    def wait_reply(self, rid):
        """Returns the reply to 'rid', keeping notifications aside and
        answering "echo" requests."""
        while True:
            msg = self.recv()
            if msg.get("id") == rid and "method" not in msg:
                return msg
            if msg.get("method") == "echo" and msg.get("id") is not None:
                self.send({"result": msg["params"], "error": None,
                           "id": msg["id"]})
                continue
            self.notifications.append(msg)

    def call(self, method, params):
        return self.wait_reply(self.request(method, params))

    def transact(self, db, *ops):
        return self.call("transact", [db] + list(ops))

    def next_notification(self):
        if self.notifications:
            return self.notifications.pop(0)
        while True:
            msg = self.recv()
            if msg.get("method") == "echo" and msg.get("id") is not None:
                self.send({"result": msg["params"], "error": None,
                           "id": msg["id"]})
                continue
            return msg


class UuidNames:
    """Replaces UUIDs in JSON text by stable names (the zero UUID stays)."""

    def __init__(self):
        self.names = {}

    def name(self, uuid, name):
        self.names[uuid] = name

    def normalize(self, obj):
        text = json.dumps(obj, sort_keys=True)

        def sub(m):
            u = m.group(0)
            if u == ZERO_UUID:
                return u
            if u not in self.names:
                self.names[u] = "U%d" % len(self.names)
            return self.names[u]
        return json.loads(UUID_RE.sub(sub, text))


class Checker:
    """Counts checks and prints one line per check."""

    def __init__(self):
        self.n = 0
        self.failures = 0

    def ok(self, cond, desc, detail=""):
        self.n += 1
        if cond:
            print("ok: %s" % desc)
        else:
            self.failures += 1
            print("FAIL: %s %s" % (desc, detail))
        sys.stdout.flush()
        return cond

    def eq(self, desc, expected, got):
        return self.ok(expected == got, desc,
                       "\n  expected: %s\n  got:      %s"
                       % (json.dumps(expected, sort_keys=True),
                          json.dumps(got, sort_keys=True)))

    def done(self):
        print("%d/%d python checks passed" % (self.n - self.failures, self.n))
        sys.exit(1 if self.failures else 0)
