import { test } from "node:test";
import assert from "node:assert/strict";
import { connection, fields, pathKind, validate } from "../src/connform/model";

const pg = { id: "postgres", name: "PostgreSQL", default_port: 5432, capabilities: { file_based: false } };
const sqlite = { id: "sqlite", name: "SQLite", capabilities: { file_based: true } };

test("a file-based driver asks for a file, a server driver for host, TLS and SSH", () => {
  assert.deepEqual(fields(sqlite), ["path", "readonly"]);
  assert.ok(fields(pg).includes("tls") && fields(pg).includes("ssh") && !fields(pg).includes("path"));
  assert.deepEqual(fields(undefined), []);
});

test("validation names the first thing missing", () => {
  assert.equal(validate(pg, { name: "prod", host: "db" }), "");
  assert.match(validate(pg, { name: "bad name", host: "db" }), /name/);
  assert.match(validate(pg, { name: "p" }), /host/);
  assert.match(validate(pg, { name: "p", host: "h", port: "54x" }), /port/);
  assert.match(validate(pg, { name: "p", host: "h", password: "s", password_env: "PGPASS" }), /not both/);
  assert.match(validate(sqlite, { name: "f" }), /file/);
  assert.match(validate(pg, { name: "p", host: "h", "ssh.host": "bastion" }), /SSH user/);
  assert.match(validate(undefined, {}), /driver/);
});

test("the connection leaves out what is empty and types ports", () => {
  assert.deepEqual(connection(pg, { name: "prod", host: " db ", port: "6543", user: "app", database: "", readonly: true, "tls.mode": "verify-full", "ssh.host": "", "ssh.agent": true }), {
    name: "prod", driver: "postgres", host: "db", port: 6543, user: "app", readonly: true, tls: { mode: "verify-full" },
  });
  assert.deepEqual(connection(pg, { name: "p", host: "h", "ssh.host": "b", "ssh.user": "ops", "ssh.port": "2222", "ssh.agent": true }).ssh, { host: "b", user: "ops", port: 2222, agent: true });
  assert.deepEqual(connection(sqlite, { name: "f", path: "shop.db", host: "ignored" }), { name: "f", driver: "sqlite", path: "shop.db" });
});

test("a driver whose database is a folder (csv, external) asks for a folder", () => {
  const csv = { id: "csv", name: "CSV folder", capabilities: { file_based: true, folder: true } };
  assert.deepEqual(fields(csv), ["path", "readonly"]);
  assert.equal(pathKind(csv), "folder");
  assert.equal(pathKind(sqlite), "file");
  assert.match(validate(csv, { name: "rental" }), /folder/);
  assert.deepEqual(connection(csv, { name: "rental", path: "/data/rental" }), { name: "rental", driver: "csv", path: "/data/rental" });
});
