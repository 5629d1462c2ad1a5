import { test } from "node:test";
import assert from "node:assert/strict";
import { SnapshotStates } from "../src/statusmodel";

const st = (state: "loading" | "ready" | "failed", connections = ["rental"], message?: string) => ({ connections, label: `"rental" (csv:/data)`, state, message });

test("a connection spins while its schema loads and is plain when read", () => {
  const s = new SnapshotStates();
  assert.deepEqual(s.view("rental"), { look: "ready", text: "$(database) rental", name: "rental", message: undefined });
  assert.ok(s.apply(st("loading")));
  assert.equal(s.view("rental").look, "loading");
  assert.equal(s.view("rental").text, "$(sync~spin) rental");
  s.apply(st("ready"));
  assert.equal(s.view("rental").text, "$(database) rental");
});

test("a failed read shows an error with its reason until the next read", () => {
  const s = new SnapshotStates();
  s.apply(st("loading"));
  s.apply(st("failed", ["rental"], "cannot read the schema: not a directory"));
  assert.deepEqual(s.view("rental"), { look: "failed", text: "$(error) rental", name: "rental", message: "cannot read the schema: not a directory" });
  s.apply(st("loading"));
  assert.equal(s.view("rental").look, "loading");
  assert.equal(s.view("rental").message, undefined);
});

test("states are per connection, by every name that reaches it", () => {
  const s = new SnapshotStates();
  s.apply(st("loading", ["rental", "csv:/data"]));
  s.apply(st("ready", ["shop"]));
  assert.equal(s.view("csv:/data").look, "loading");
  assert.equal(s.view("shop").look, "ready");
  assert.equal(s.view("other").look, "ready");
  assert.deepEqual(s.view(undefined), { look: "none", text: "$(database)" });
});

test("malformed notifications are ignored", () => {
  const s = new SnapshotStates();
  assert.equal(s.apply(undefined), false);
  assert.equal(s.apply({ connections: ["x"], label: "x", state: "bogus" as any }), false);
  assert.equal(s.apply({ label: "x", state: "loading" } as any), false);
  assert.equal(s.view("x").look, "ready");
});
