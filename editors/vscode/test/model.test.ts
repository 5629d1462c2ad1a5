// Unit tests of the results grid's logic, run by `npm test` under node's
// own test runner (the file is bundled by esbuild first: see esbuild.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { arrange, compareCells, copyText, display, summary, visibleWindow } from "../src/grid/model";

test("visibleWindow renders a bounded slice of 100,000 rows", () => {
  const w = visibleWindow(100_000, 22, 22 * 50_000, 660, 10);
  assert.equal(w.first, 49_990);
  assert.ok(w.last - w.first <= 31 + 20, `rendered ${w.last - w.first} rows`);
  assert.equal(w.top, w.first * 22);
  assert.equal(w.bottom, (100_000 - w.last) * 22);
  // Scrolled past the end and before the start stay in range.
  const end = visibleWindow(100, 20, 1e9, 400);
  assert.deepEqual([end.first <= 100, end.last], [true, 100]);
  assert.deepEqual(visibleWindow(100, 20, -50, 400).first, 0);
  assert.deepEqual(visibleWindow(0, 20, 0, 400), { first: 0, last: 0, top: 0, bottom: 0 });
});

test("NULL sorts last and numbers sort as numbers", () => {
  const rows = [[10], [null], [9], [100], ["x"]];
  assert.deepEqual(arrange(rows, { sortColumn: 0 }), [2, 0, 3, 4, 1]);
  assert.deepEqual(arrange(rows, { sortColumn: 0, descending: true }), [1, 4, 3, 0, 2]);
  assert.equal(compareCells("a2", "a10") < 0, true);
});

test("sorting is stable and the filter matches any cell, ignoring case", () => {
  const rows = [["b", 1], ["a", 1], ["c", 2], ["A", 3]];
  assert.deepEqual(arrange(rows, { sortColumn: 1 }), [0, 1, 2, 3]);
  assert.deepEqual(arrange(rows, { filter: "a" }), [1, 3]);
  assert.deepEqual(arrange(rows, { filter: "2" }), [2]);
  assert.deepEqual(arrange(rows, { filter: "null" }), []);
});

test("display tells NULL, objects and bytes apart", () => {
  assert.equal(display(null), "NULL");
  assert.equal(display({ a: 1 }), '{"a":1}');
  assert.equal(display("\\x00ff"), "\\x00ff");
  assert.equal(display(false), "false");
});

test("copy as TSV, CSV and JSON", () => {
  const cols = [{ name: "id" }, { name: "note" }];
  const rows = [[1, 'say "hi", ok'], [2, null], [3, "tab\there\nline"]];
  const sel = { rows: [0, 1, 2], columns: [0, 1] };
  assert.equal(copyText(cols, rows, sel, "tsv"), "id\tnote\n1\tsay \"hi\", ok\n2\t\n3\ttab here line");
  assert.equal(copyText(cols, rows, sel, "csv"), 'id,note\r\n1,"say ""hi"", ok"\r\n2,\r\n3,"tab\there\nline"');
  assert.deepEqual(JSON.parse(copyText(cols, rows, { rows: [1], columns: [0, 1] }, "json")), [{ id: 2, note: null }]);
  assert.equal(copyText(cols, rows, { rows: [0], columns: [1] }, "tsv", false), 'say "hi", ok');
});

test("summary counts rows, affected rows and time", () => {
  assert.equal(summary({ rows: [[1]], page: 1, elapsedMs: 0.412 }, 1), "1 row · page 1 · 0.41 ms");
  assert.equal(summary({ rows: [[1], [2]], page: 2, hasMore: true }, 1), "2 rows · 1 shown · page 2 · more available");
  assert.equal(summary({ columns: [], rows: [], affected: 1, elapsedMs: 12.6 }, 0), "1 row affected · 13 ms");
  assert.equal(summary({ columns: [], rows: [], affected: 3 }, 0), "3 rows affected");
});
