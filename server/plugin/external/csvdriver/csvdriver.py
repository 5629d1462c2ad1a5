#!/usr/bin/env python3
"""dbls external driver: a folder of CSV files, one table per file.

A worked example of the dbls plugin protocol (docs/plugin-protocol.md),
written with nothing but the Python standard library. dbls starts this
program, speaks JSON-RPC 2.0 to it over stdin/stdout with LSP-style
Content-Length framing, and ends it by closing stdin.

Each CSV file's header names the columns; a column whose values are all
integers is INTEGER, all numbers REAL, else TEXT; an empty field is NULL.
A first column named id or <table>_id holding unique integers is the
primary key. The files are loaded into an in-memory SQLite database, so
queries are SQLite SQL, and the database refuses writes (query_only).
"""

import csv
import json
import os
import sqlite3
import sys
import threading

PROTOCOL = 1
QUERY_ERROR = -32001
INVALID_PARAMS = -32602
METHOD_NOT_FOUND = -32601

out_lock = threading.Lock()


def log(msg):
    # stderr is dbls's log of this plugin; never write parameters there:
    # they can hold a password.
    print(msg, file=sys.stderr, flush=True)


def send(msg):
    body = json.dumps(msg, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with out_lock:
        sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body))
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()


def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None  # end of input: dbls is done with us
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("missing Content-Length")
    return json.loads(stream.read(length).decode("utf-8"))


class RPCError(Exception):
    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


def column_type(values):
    present = [v for v in values if v != ""]
    if not present:
        return "TEXT"
    for typ, conv in (("INTEGER", int), ("REAL", float)):
        try:
            for v in present:
                conv(v)
            return typ
        except ValueError:
            pass
    return "TEXT"


def quote(name):
    return '"' + name.replace('"', '""') + '"'


class Folder:
    """One open connection: the folder's files in an in-memory SQLite."""

    def __init__(self, path):
        if not os.path.isdir(path):
            raise RPCError(INVALID_PARAMS, "CSV folder %s: not a directory" % path)
        self.path = path
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.lock = threading.Lock()
        self.tables = []
        for name in sorted(os.listdir(path)):
            if name.lower().endswith(".csv"):
                self.load(name[:-4], os.path.join(path, name))
        self.db.execute("PRAGMA query_only = ON")

    def load(self, table, file):
        with open(file, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        if not rows:
            return
        header, data = rows[0], rows[1:]
        cols = []
        for i, name in enumerate(header):
            values = [r[i] if i < len(r) else "" for r in data]
            cols.append({"name": name, "position": i + 1, "type": column_type(values),
                         "nullable": any(v == "" for v in values) or not values})
        pk = None
        first = cols[0] if cols else None
        if first and first["type"] == "INTEGER" and first["name"].lower() in ("id", table.lower() + "_id"):
            keys = [r[0] for r in data]
            if "" not in keys and len(set(keys)) == len(keys):
                pk = [first["name"]]
                first["nullable"] = False
        ddl = "CREATE TABLE %s (%s%s)" % (
            quote(table),
            ", ".join("%s %s" % (quote(c["name"]), c["type"]) for c in cols),
            ", PRIMARY KEY (%s)" % quote(pk[0]) if pk else "")
        self.db.execute(ddl)
        marks = ", ".join("?" for _ in cols)
        self.db.executemany("INSERT INTO %s VALUES (%s)" % (quote(table), marks),
                            [[(r[i] if i < len(r) and r[i] != "" else None) for i in range(len(cols))] for r in data])
        t = {"name": table, "columns": cols}
        if pk:
            t["primary_key"] = {"name": "pk_" + table, "columns": pk}
        self.tables.append(t)

    def snapshot(self, flt):
        schemas, objects = flt.get("schemas") or [], flt.get("objects") or []
        tables = [t for t in self.tables if not objects or t["name"] in objects]
        snap = {"format": "dbls.snapshot/v1", "driver": "csv", "database": self.path,
                "server_version": "SQLite " + sqlite3.sqlite_version,
                "default_schema": "main", "search_path": ["main"], "schemas": []}
        if not schemas or "main" in schemas:
            snap["schemas"].append({"name": "main", "tables": tables})
        return snap

    def query(self, sql, args, limit, page):
        offset = (page - 1) * limit if limit > 0 else 0
        with self.lock:
            try:
                cur = self.db.execute(sql, args)
                if cur.description is None:
                    return {"columns": [], "rows": [], "rowsAffected": cur.rowcount}
                columns = [{"name": d[0]} for d in cur.description]
                for _ in range(offset):
                    if cur.fetchone() is None:
                        break
                rows = cur.fetchmany(limit + 1) if limit > 0 else cur.fetchall()
            except sqlite3.Error as e:
                raise RPCError(QUERY_ERROR, str(e), {"message": str(e), "code": getattr(e, "sqlite_errorname", "")})
        more = limit > 0 and len(rows) > limit
        rows = rows[:limit] if more else rows
        return {"columns": columns, "rows": [[cell(v) for v in r] for r in rows], "hasMore": more}


def cell(v):
    if isinstance(v, bytes):
        return "\\x" + v.hex()
    return v


class Server:
    def __init__(self):
        self.conns = {}
        self.next = 0
        self.running = {}  # request id → Folder running it, for $/cancelRequest
        self.lock = threading.Lock()

    def conn(self, params):
        c = self.conns.get(params.get("conn"))
        if c is None:
            raise RPCError(INVALID_PARAMS, "unknown connection %r" % params.get("conn"))
        return c

    def initialize(self, params, _id):
        if params.get("protocolVersion") != PROTOCOL:
            log("dbls speaks protocol %s; answering with %d" % (params.get("protocolVersion"), PROTOCOL))
        return {"protocolVersion": PROTOCOL, "name": "CSV folder driver", "version": "1.0.0",
                "capabilities": {"driver": {"id": "csv"}}}

    def open(self, params, _id):
        path = params.get("path") or ""
        if not path:
            raise RPCError(INVALID_PARAMS, "csv: the URL names no folder (csv:///path/to/folder)")
        folder = Folder(path)
        with self.lock:
            self.next += 1
            cid = "c%d" % self.next
            self.conns[cid] = folder
        log("opened %s: %d tables" % (path, len(folder.tables)))
        return {"conn": cid}

    def ping(self, params, _id):
        self.conn(params)
        return None

    def snapshot(self, params, _id):
        return self.conn(params).snapshot(params.get("filter") or {})

    def schemas(self, params, _id):
        self.conn(params)
        return ["main"]

    def query(self, params, rid):
        folder = self.conn(params)
        with self.lock:
            self.running[rid] = folder
        try:
            return folder.query(params.get("sql", ""), params.get("args") or [],
                                int(params.get("limit") or 0), int(params.get("page") or 1))
        finally:
            with self.lock:
                self.running.pop(rid, None)

    def close(self, params, _id):
        with self.lock:
            self.conns.pop(params.get("conn"), None)
        return None

    def tables(self, params, _id):
        args = params.get("arguments") or [{}]
        path = (args[0] or {}).get("path", "") if isinstance(args[0], dict) else ""
        if params.get("command") != "dbls.csv.tables":
            raise RPCError(METHOD_NOT_FOUND, "unknown command %r" % params.get("command"))
        if not os.path.isdir(path):
            raise RPCError(INVALID_PARAMS, "dbls.csv.tables: want {\"path\": folder}")
        return sorted(n[:-4] for n in os.listdir(path) if n.lower().endswith(".csv"))

    def cancel(self, params):
        rid = params.get("id")
        if not isinstance(rid, (int, str)):
            return
        with self.lock:
            folder = self.running.get(rid)
        if folder is not None:
            folder.db.interrupt()

    methods = {
        "initialize": initialize, "driver/open": open, "driver/ping": ping,
        "driver/snapshot": snapshot, "driver/schemas": schemas, "driver/query": query,
        "driver/close": close, "command/execute": tables,
    }

    def handle(self, msg):
        rid, method = msg.get("id"), msg.get("method")
        try:
            fn = self.methods.get(method)
            if fn is None:
                raise RPCError(METHOD_NOT_FOUND, "method not found: %s" % method)
            send({"jsonrpc": "2.0", "id": rid, "result": fn(self, msg.get("params") or {}, rid)})
        except RPCError as e:
            err = {"code": e.code, "message": e.message}
            if e.data is not None:
                err["data"] = e.data
            send({"jsonrpc": "2.0", "id": rid, "error": err})
        except Exception as e:  # a bug here must not end the process
            send({"jsonrpc": "2.0", "id": rid, "error": {"code": -32603, "message": "%s: %s" % (type(e).__name__, e)}})


def main():
    server = Server()
    log("csvdriver started (pid %d)" % os.getpid())
    stdin = sys.stdin.buffer
    while True:
        msg = read_message(stdin)
        if msg is None:
            return
        if "id" not in msg:
            if msg.get("method") == "$/cancelRequest":
                server.cancel(msg.get("params") or {})
            continue
        # Each request on its own thread, so that a long query can be
        # cancelled while it runs.
        threading.Thread(target=server.handle, args=(msg,), daemon=True).start()


if __name__ == "__main__":
    main()
