import { test } from "node:test";
import assert from "node:assert/strict";
import { depths, layout, svg, Table } from "../src/diagram/model";

const t = (name: string, refs: string[] = []): Table => ({
  name,
  columns: [{ name: "id", type: "int", pk: true }, ...refs.map((r) => ({ name: `${r}_id`, type: "int" }))],
  refs: refs.map((r) => ({ columns: [`${r}_id`], table: r })),
});

test("a referenced table stands left of the tables that reference it; cycles end", () => {
  const d = depths([t("order_items", ["orders", "products"]), t("orders", ["customers"]), t("customers"), t("products"), t("a", ["b"]), t("b", ["a"]), t("self", ["self"])]);
  assert.equal(d.get("customers"), 0);
  assert.equal(d.get("orders"), 1);
  assert.equal(d.get("order_items"), 2);
  assert.equal(d.get("self"), 0);
  assert.ok(d.has("a") && d.has("b"));
});

test("boxes do not overlap and the SVG names every table and foreign key", () => {
  const tables = [t("order_items", ["orders"]), t("orders", ["customers"]), t("customers"), t("<odd & name>")];
  const boxes = layout(tables);
  for (const a of boxes) for (const b of boxes) {
    if (a === b) continue;
    const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    assert.ok(apart, `${a.table.name} overlaps ${b.table.name}`);
  }
  const s = svg(boxes);
  assert.match(s, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((s.match(/class="fk"/g) || []).length, 2);
  assert.match(s, /data-from="orders" data-to="customers"/);
  assert.match(s, /&lt;odd &amp; name&gt;/);
  assert.doesNotMatch(s, /<odd/);
});
