// Unit tests of the results grid's pending changes (src/grid/edit.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Edits, parseInput } from "../src/grid/edit";

const editable = { schema: "public", table: "film", key: ["film_id"], columns: ["film_id", "title", null, "rating"] };
const columns = [{ name: "film_id", type: "INT4" }, { name: "title", type: "VARCHAR" }, { name: "?column?" }, { name: "rating", type: "VARCHAR" }];
const rows = () => [
  [1, "ACADEMY DINOSAUR", 2, "PG"],
  [2, "ACE GOLDFINGER", 3, null],
  [3, "ADAPTATION HOLES", 4, "NC-17"],
];

test("an edited cell becomes one update by the row's original key", () => {
  const r = rows();
  const e = new Edits(editable, columns);
  e.set(r, 0, 1, "NEW TITLE");
  e.set(r, 0, 3, null);
  e.set(r, 0, 0, 10); // the key itself changes: the row is still named by 1
  assert.deepEqual(e.commands(r), [
    { command: "dbls.updateRecord", args: { schema: "public", table: "film", key: { film_id: 1 }, values: { film_id: 10, title: "NEW TITLE", rating: null } } },
  ]);
  assert.equal(e.value(r, 0, 1), "NEW TITLE");
  assert.equal(e.changed(0, 1), true);
  assert.equal(e.changed(1, 1), false);
});

test("setting a cell back to its value drops the change; expressions cannot be edited", () => {
  const r = rows();
  const e = new Edits(editable, columns);
  e.set(r, 1, 1, "X");
  e.set(r, 1, 1, "ACE GOLDFINGER");
  e.set(r, 1, 3, null); // NULL already
  e.set(r, 1, 2, 99); // an expression column
  assert.equal(e.count, 0);
  assert.deepEqual(e.commands(r), []);
});

test("deletes come first, then updates, then inserts; a deleted row's edits go", () => {
  const r = rows();
  const e = new Edits(editable, columns);
  e.set(r, 2, 1, "GONE SOON");
  e.set(r, 1, 1, "KEPT");
  e.toggleDelete([2, 0]);
  e.set(r, 2, 1, "ignored"); // a row marked for deletion is not edited
  const i = e.addRow();
  e.setNew(i, 0, 3);
  e.setNew(i, 1, "REPLACEMENT");
  e.setNew(i, 2, "ignored");
  e.addRow(); // left empty: nothing to insert
  assert.deepEqual(
    e.commands(r).map((c) => [c.command, c.args.key, c.args.values]),
    [
      ["dbls.deleteRecord", { film_id: 1 }, undefined],
      ["dbls.deleteRecord", { film_id: 3 }, undefined],
      ["dbls.updateRecord", { film_id: 2 }, { title: "KEPT" }],
      ["dbls.insertRecord", undefined, { film_id: 3, title: "REPLACEMENT" }],
    ]
  );
  assert.equal(e.deleted(2), true);
  e.toggleDelete([2, 0]); // all marked: unmark
  assert.equal(e.deleted(0), false);
  e.removeNew(0);
  assert.deepEqual(e.commands(r).map((c) => c.command), ["dbls.updateRecord"]);
  e.discard();
  assert.equal(e.count, 0);
  assert.equal(e.newRows.length, 0);
});

test("a composite key names the row with every column", () => {
  const ed = { schema: "main", table: "pairs", key: ["a", "b"], columns: ["note", "b", "a"] };
  const e = new Edits(ed, [{ name: "note" }, { name: "b" }, { name: "a" }]);
  const r = [["x", 2, 1]];
  e.set(r, 0, 0, "y");
  assert.deepEqual(e.commands(r)[0].args.key, { a: 1, b: 2 });
});

test("input takes the kind of the cell: numbers stay numbers, text stays text", () => {
  assert.equal(parseInput("42", 1), 42);
  assert.equal(parseInput("4.5", 1), 4.5);
  assert.equal(parseInput("42", "1"), "42");
  assert.equal(parseInput("abc", 1), "abc");
  assert.equal(parseInput("7", null, "integer"), 7);
  assert.equal(parseInput("7", null, "TEXT"), "7");
  assert.equal(parseInput("12345678901234567890", 1), "12345678901234567890");
  assert.equal(parseInput("TRUE", false), true);
  assert.equal(parseInput("", "x"), "");
});

test("after a partly failed Apply the applied changes leave the list and the rows show them", () => {
  const r = rows();
  const e = new Edits(editable, columns);
  e.toggleDelete([2]);
  e.set(r, 0, 1, "FIRST");
  e.set(r, 1, 1, "SECOND");
  const i = e.addRow();
  e.setNew(i, 0, 4);
  // The delete and the first update went through; the second update failed.
  e.applied(r, 2);
  assert.equal(r[0][1], "FIRST");
  assert.equal(e.deleted(2), true);
  e.set(r, 2, 1, "x"); // a deleted row stays out of reach
  e.toggleDelete([2]);
  assert.equal(e.deleted(2), true);
  assert.deepEqual(
    e.commands(r).map((c) => [c.command, c.args.key ?? c.args.values]),
    [
      ["dbls.updateRecord", { film_id: 2 }],
      ["dbls.insertRecord", { film_id: 4 }],
    ]
  );
  e.applied(r, 2);
  assert.equal(e.count, 0);
  assert.equal(r[1][1], "SECOND");
});
