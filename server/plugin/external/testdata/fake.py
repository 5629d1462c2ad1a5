#!/usr/bin/env python3
"""A misbehaving plugin for dbls's process tests: it hangs, crashes,
answers the wrong protocol or dies at start, as the environment asks; it
floods stdout after a call's deadline (FAKE_FLOOD_AFTER seconds, 0.5 by
default) and leaves children behind that left its process group."""

import json
import os
import subprocess
import sys
import threading
import time

lock = threading.Lock()


def send(msg):
    body = json.dumps(msg).encode()
    with lock:
        sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        sys.stdout.buffer.flush()


def read():
    n = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        k, _, v = line.decode().partition(":")
        if k.lower() == "content-length":
            n = int(v)
    return json.loads(sys.stdin.buffer.read(n))


def handle(msg):
    method, params, rid = msg["method"], msg.get("params") or {}, msg["id"]
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": rid, "result": {
            "protocolVersion": int(os.environ.get("FAKE_PROTOCOL", "1")), "name": "fake", "version": "0.0.1",
            "capabilities": {}}})
        return
    if method.startswith("export/"):
        if method == "export/begin":
            data = "|".join(c["name"] for c in params["columns"]).upper() + "\n"
            result = {"stream": "s1", "data": data}
        elif method == "export/rows":
            result = {"data": "".join("|".join(str(v) for v in r).upper() + "\n" for r in params["rows"])}
        else:
            result = {"data": "END %d\n" % params["footer"]["rows"]}
        send({"jsonrpc": "2.0", "id": rid, "result": result})
        return
    if method.startswith("pane/"):
        send({"jsonrpc": "2.0", "id": rid, **pane(method, params)})
        return
    cmd = params.get("command")
    args = params.get("arguments") or []
    if cmd == "dbls.fake.echo":
        result = args
    elif cmd == "dbls.fake.pid":
        result = os.getpid()
    elif cmd == "dbls.fake.hang":
        print("hanging", file=sys.stderr, flush=True)
        time.sleep(3600)
        return
    elif cmd == "dbls.fake.crash":
        os._exit(3)
    elif cmd == "dbls.fake.child":
        result = subprocess.Popen(["sleep", "3600"]).pid
    elif cmd == "dbls.fake.setsid":
        # A child in a session (and process group) of its own.
        result = subprocess.Popen(["sleep", "3600"], start_new_session=True).pid
    elif cmd == "dbls.fake.daemon":
        # A daemon: its own session, and no longer a descendant of the plugin.
        out = subprocess.run(["sh", "-c", "setsid sleep 3600 >/dev/null 2>&1 </dev/null & echo $!"],
                             capture_output=True, text=True).stdout
        result = int(out.strip())
    elif cmd == "dbls.fake.flood":
        # No answer in time; then notifications and repeated answers, forever.
        time.sleep(float(os.environ.get("FAKE_FLOOD_AFTER", "0.5")))
        print("flooding", file=sys.stderr, flush=True)
        i = 0
        while True:
            i += 1
            send({"jsonrpc": "2.0", "method": "flood", "params": {"i": i}})
            send({"jsonrpc": "2.0", "id": rid, "result": i})
    else:
        send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": "no such command"}})
        return
    send({"jsonrpc": "2.0", "id": rid, "result": result})


counter = {"n": 0}


def pane_content(params):
    n = counter["n"]
    return {"title": "Counter %d" % n,
            "html": '<style nonce="%s">b{color:red}</style><b id="count">%d</b> <button data-pane-message=\'{"add":1}\'>+1</button>'
                    % (params.get("nonce", ""), n),
            "text": "count %d (%s on %s)" % (n, params.get("statement", ""), params.get("driver", ""))}


def pane(method, params):
    """The fake.counter pane: a count that {"add": n} messages change;
    {"echo": x} answers data; any other pane is an error."""
    if params.get("pane") != "fake.counter":
        return {"error": {"code": -32602, "message": "no pane %s" % params.get("pane")}}
    if method == "pane/render":
        return {"result": pane_content(params)}
    msg = params.get("message") or {}
    if "echo" in msg:
        return {"result": {"data": {"echo": msg["echo"], "arguments": params.get("arguments")}}}
    with lock:
        counter["n"] += int(msg.get("add", 0))
    return {"result": {"content": pane_content(params)}}


def main():
    if os.environ.get("FAKE_EXIT_AT_START"):
        sys.exit(1)
    print("fake started", file=sys.stderr, flush=True)
    while True:
        msg = read()
        if msg is None:
            return
        if "id" in msg:
            threading.Thread(target=handle, args=(msg,), daemon=True).start()


main()
