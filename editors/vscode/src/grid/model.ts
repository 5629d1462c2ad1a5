// The results grid's logic, free of VS Code and of the DOM so that node's
// test runner can check it: which rows a scrolled viewport shows, sorting
// and filtering on the client, and copying cells as TSV, CSV or JSON.
import type { Editable } from "./edit";

/** A column as dbls.executeQuery answers it. */
export interface Column {
  name: string;
  type?: string;
}

/** One page of a result, as dbls.executeQuery and dbls.nextPage answer it. */
export interface Page {
  queryId?: string;
  connection?: string;
  statement?: string;
  columns?: Column[];
  rows?: unknown[][];
  affected?: number;
  hasMore?: boolean;
  page?: number;
  limit?: number;
  elapsedMs?: number;
  /** The statement that ran. */
  sql?: string;
  /** Which table the rows are rows of, when they can be edited (dbls.executeQuery only). */
  editable?: Editable;
  /** Why the rows cannot be edited. */
  notEditable?: string;
}

/** The rows [first, last) to render for a scroll position, with overscan. */
export interface Window {
  first: number;
  last: number;
  /** Pixels above the first rendered row (the spacer's height). */
  top: number;
  /** Pixels below the last rendered row. */
  bottom: number;
}

/**
 * visibleWindow keeps the DOM small whatever the row count: only the rows
 * in view plus `overscan` on each side are rendered, spacers stand for the
 * rest, so 100,000 rows scroll like 50.
 */
export function visibleWindow(total: number, rowHeight: number, scrollTop: number, viewport: number, overscan = 10): Window {
  if (total <= 0 || rowHeight <= 0) return { first: 0, last: 0, top: 0, bottom: 0 };
  const start = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const first = Math.min(total, Math.max(0, start - overscan));
  const last = Math.min(total, start + count + overscan);
  return { first, last, top: first * rowHeight, bottom: (total - last) * rowHeight };
}

/** display is how a cell reads in the grid; NULL is told apart from the text "NULL" by the view's styling. */
export function display(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** compareCells orders NULLs last, numbers as numbers, everything else as text. */
export function compareCells(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return display(a).localeCompare(display(b), undefined, { numeric: true });
}

/** A client-side view of the rows: the indexes of the rows shown, in order. */
export interface ViewSpec {
  sortColumn?: number;
  descending?: boolean;
  /** Case-insensitive text every shown row contains in some cell. */
  filter?: string;
}

/** arrange returns the row indexes that pass the filter, sorted stably. */
export function arrange(rows: unknown[][], spec: ViewSpec): number[] {
  const needle = (spec.filter || "").trim().toLowerCase();
  let order: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!needle || rows[i].some((c) => display(c).toLowerCase().includes(needle))) order.push(i);
  }
  const col = spec.sortColumn;
  if (col !== undefined && col >= 0) {
    const sign = spec.descending ? -1 : 1;
    order = order
      .map((i, pos) => ({ i, pos }))
      .sort((x, y) => sign * compareCells(rows[x.i][col], rows[y.i][col]) || x.pos - y.pos)
      .map((x) => x.i);
  }
  return order;
}

export type CopyFormat = "tsv" | "csv" | "json";

/** A rectangular selection: rows (indexes into the result) and columns. */
export interface Selection {
  rows: number[];
  columns: number[];
}

/**
 * copyText renders a selection for the clipboard. TSV has no quoting
 * convention, so tabs and newlines inside a cell become spaces; CSV quotes
 * per RFC 4180; JSON keeps types and nulls, as objects keyed by column name.
 */
export function copyText(columns: Column[], rows: unknown[][], sel: Selection, format: CopyFormat, header = true): string {
  const names = sel.columns.map((c) => columns[c]?.name ?? `column${c + 1}`);
  if (format === "json") {
    const out = sel.rows.map((r) => {
      const obj: Record<string, unknown> = {};
      sel.columns.forEach((c, k) => (obj[names[k]] = rows[r][c] ?? null));
      return obj;
    });
    return JSON.stringify(out.length === 1 && sel.columns.length === 1 && !header ? out[0] : out, null, 2);
  }
  const cell = format === "csv" ? csvCell : tsvCell;
  const sep = format === "csv" ? "," : "\t";
  const lines: string[] = [];
  if (header) lines.push(names.map((n) => cell(n)).join(sep));
  for (const r of sel.rows) lines.push(sel.columns.map((c) => cell(rows[r][c])).join(sep));
  return lines.join(format === "csv" ? "\r\n" : "\n");
}

function tsvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  return display(v).replace(/[\t\r\n]+/g, " ");
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = display(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** summary is the one-line status under the grid ("3 rows · page 1 · 0.4 ms"). */
export function summary(p: Page, shown: number, t: (s: string, ...a: (string | number)[]) => string = fmt): string {
  const parts: string[] = [];
  if (p.affected !== undefined && (!p.columns || p.columns.length === 0)) {
    parts.push(p.affected === 1 ? t("1 row affected") : t("{0} rows affected", p.affected));
  } else {
    const n = p.rows ? p.rows.length : 0;
    parts.push(n === 1 ? t("1 row") : t("{0} rows", n));
    if (shown !== n) parts.push(t("{0} shown", shown));
    if (p.page) parts.push(t("page {0}", p.page));
    if (p.hasMore) parts.push(t("more available"));
  }
  if (p.elapsedMs !== undefined) parts.push(`${p.elapsedMs < 10 ? p.elapsedMs.toFixed(2) : Math.round(p.elapsedMs)} ms`);
  return parts.join(" · ");
}

function fmt(s: string, ...a: (string | number)[]): string {
  return s.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)]));
}
