import { test } from "node:test";
import assert from "node:assert/strict";
import { blocked, closure, groups, Item, objectKind, script } from "../src/compare/model";

const item = (id: string, extra: Partial<Item> = {}): Item => ({
  id,
  kind: id.split(":")[0],
  label: id,
  sql: [`-- ${id}`],
  destructive: false,
  selected: true,
  ...extra,
});

const plan = [
  item("schema.create:s"),
  item("table.create:s.t", { requires: ["schema.create:s"] }),
  item("index.create:s.t.ix", { requires: ["table.create:s.t"] }),
  item("column.drop:s.u.old", { destructive: true, selected: false }),
  item("column.add:s.u.new"),
];

test("groups by object kind in plan order, with a kind filter", () => {
  assert.deepEqual(groups(plan).map((g) => [g.kind, g.items.length]), [["schema", 1], ["table", 1], ["index", 1], ["column", 2]]);
  assert.deepEqual(groups(plan, new Set(["column"])).map((g) => g.kind), ["column"]);
  assert.equal(objectKind("foreign_key.add"), "foreign_key");
});

test("a chosen item takes what it requires along, in plan order", () => {
  assert.deepEqual(closure(plan, new Set(["index.create:s.t.ix"])).map((i) => i.id), ["schema.create:s", "table.create:s.t", "index.create:s.t.ix"]);
  assert.deepEqual(closure(plan, new Set(["column.add:s.u.new", "nope"])).map((i) => i.id), ["column.add:s.u.new"]);
});

test("destructive items and items in error block an apply", () => {
  assert.match(blocked([plan[3]], false), /destructive/);
  assert.equal(blocked([plan[3]], true), "");
  assert.match(blocked([item("view.create:s.v", { error: "not supported" })], true), /not supported/);
});

test("the script has a commented block per item", () => {
  const s = script({ source: "a.sql", target: "shop" }, [plan[4]]);
  assert.match(s, /^-- dbls: make shop match a\.sql\n/);
  assert.match(s, /-- item: column\.add:s\.u\.new\n-- column\.add:s\.u\.new;/);
});
