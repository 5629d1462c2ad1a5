#!/usr/bin/env python3
"""bench-lsp-start.py: what a user waits for when an editor starts dbls.

Starts `dbls serve` over pipes as an editor does, with a private store,
opens a document bound to CONN, asks for completion and times the first
answer (start → first completion), then reads the server's RSS from
/proc. The first run is cold (empty store: the catalog is read from the
database); each later run is warm (the snapshot comes from the store, and
the server refreshes it in the background). After the first answer it
also times --requests completions one by one (p50/p99, end to end over
the pipes) and reads the RSS again once the background refresh settles.

    scripts/bench-lsp-start.py DBLS_BIN CONN [--warm 3] [--requests 200] [--store FILE]

CONN is a URL; the document asks `SELECT  FROM TABLE` with TABLE the
first table of the catalog unless --table says otherwise. Standard library
only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def send(proc, msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read(proc):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise EOFError("dbls serve closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def call(proc, ident, method, params):
    send(proc, {"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
    while True:
        msg = read(proc)
        if msg.get("id") == ident and "method" not in msg:
            return msg
        if "method" in msg and "id" in msg:  # a request from the server
            send(proc, {"jsonrpc": "2.0", "id": msg["id"], "result": None})


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    kb = lambda k: int(fields[k].split()[0]) / 1024
    return kb("VmRSS"), kb("VmHWM")


def session(args, store, label):
    env = dict(os.environ, XDG_CONFIG_HOME=store + "-cfg", XDG_CACHE_HOME=store + "-cache")
    start = time.monotonic()
    proc = subprocess.Popen([args.dbls, "--store", store, "serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    try:
        call(proc, 1, "initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        text = "-- dbls: connection=%s\nSELECT  FROM %s" % (args.conn, args.table)
        uri = "file:///bench-start.sql"
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "sql", "version": 1, "text": text}}})
        pos = {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 7}}
        ident = 2
        while True:  # the first answer with columns in it
            res = call(proc, ident, "textDocument/completion", pos).get("result") or {}
            ident += 1
            items = res.get("items", res) if isinstance(res, dict) else res
            if any(i.get("kind") == 5 for i in items or []):  # Field
                break
            if time.monotonic() - start > 600:
                raise TimeoutError("no column completion after 600 s")
            time.sleep(0.01)
        first = time.monotonic() - start
        rss_first, _ = rss_mb(proc.pid)
        times = []
        for _ in range(args.requests):
            t = time.monotonic()
            call(proc, ident, "textDocument/completion", pos)
            ident += 1
            times.append(time.monotonic() - t)
        times.sort()
        pct = lambda p: times[min(len(times) - 1, int(len(times) * p))] * 1000
        time.sleep(args.settle)
        rss_after, hwm = rss_mb(proc.pid)
        print("%-5s first completion %7.0f ms  rss %5.0f MB  completion p50 %.2f ms p99 %.2f ms  "
              "rss after %.0fs %5.0f MB  peak %5.0f MB" % (label, first * 1000, rss_first, pct(0.5), pct(0.99),
                                                          args.settle, rss_after, hwm))
        sys.stdout.flush()
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dbls")
    ap.add_argument("conn")
    ap.add_argument("--table", default="t00001")
    ap.add_argument("--warm", type=int, default=3)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--settle", type=float, default=5.0, help="seconds to wait before the last RSS reading")
    ap.add_argument("--store", help="keep the store in this file (a cold run only when it does not exist)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or os.path.join(tmp, "store.db")
        if not os.path.exists(store):
            session(args, store, "cold")
        for _ in range(args.warm):
            session(args, store, "warm")


if __name__ == "__main__":
    main()
