// The results grid's pending changes, free of VS Code and of the DOM so
// that node's test runner can check them: cells edited, rows added and
// rows deleted, kept until the user applies or discards them, and turned
// into record commands (dbls.updateRecord, dbls.insertRecord,
// dbls.deleteRecord), one per changed row, each naming its row by the key
// values the row had when it was read.
import type { Column } from "./model";

/** What dbls.executeQuery says of a result whose rows are one table's. */
export interface Editable {
  schema: string;
  table: string;
  /** The row key's columns; all are in the result. */
  key: string[];
  /** For each result column, the table column it is, or null for an expression. */
  columns: (string | null)[];
}

/** A record command to send, without the connection arguments. */
export interface RecordCommand {
  command: "dbls.updateRecord" | "dbls.insertRecord" | "dbls.deleteRecord";
  args: { schema: string; table: string; key?: Record<string, unknown>; values?: Record<string, unknown> };
}

/** parseInput turns what the user typed into the value to send, taking the cell's kind from its old value or its column type. */
export function parseInput(text: string, old: unknown, type?: string): unknown {
  const numeric = typeof old === "number" || (old === null || old === undefined ? /^(u?int|int\d|integer|bigint|smallint|tinyint|mediumint|serial|bigserial|real|double|float|numeric|decimal)/i.test(type || "") : false);
  if (numeric && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) {
    const n = Number(text);
    // Beyond 2^53 a JSON number loses digits: send the text, the engine converts it.
    if (Number.isSafeInteger(n) || !Number.isInteger(n)) return n;
  }
  if (typeof old === "boolean" && /^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === "true";
  return text;
}

/** The pending changes of one result. Row numbers are indexes into the result's rows. */
export class Edits {
  private updates = new Map<number, Map<number, unknown>>();
  private deletes = new Set<number>();
  /** Rows deleted by an earlier, partly failed Apply. */
  private gone = new Set<number>();
  private added: unknown[][] = [];

  constructor(readonly editable: Editable, readonly columns: Column[]) {}

  /** editableColumn reports whether result column c is a column of the table. */
  editableColumn(c: number): boolean {
    return typeof this.editable.columns[c] === "string";
  }

  /** set records value for cell (row, c); setting a cell back to what it was drops the change. */
  set(rows: unknown[][], row: number, c: number, value: unknown): void {
    if (!this.editableColumn(c) || this.deleted(row) || !rows[row]) return;
    const cells = this.updates.get(row) || new Map<number, unknown>();
    if (same(rows[row][c], value)) cells.delete(c);
    else cells.set(c, value);
    if (cells.size) this.updates.set(row, cells);
    else this.updates.delete(row);
  }

  /** value is what cell (row, c) will hold once applied. */
  value(rows: unknown[][], row: number, c: number): unknown {
    const cells = this.updates.get(row);
    return cells && cells.has(c) ? cells.get(c) : rows[row][c];
  }

  changed(row: number, c: number): boolean {
    return this.updates.get(row)?.has(c) ?? false;
  }

  deleted(row: number): boolean {
    return this.deletes.has(row) || this.gone.has(row);
  }

  /**
   * applied records that the first n commands of commands(rows) were
   * applied before one failed: they leave the pending list, updated cells
   * take their new values in rows, deleted rows stay struck out.
   */
  applied(rows: unknown[][], n: number): void {
    const dels = [...this.deletes].filter((r) => rows[r]).sort((a, b) => a - b);
    const ups = [...this.updates.keys()].filter((r) => rows[r]).sort((a, b) => a - b);
    for (const r of dels.slice(0, n)) {
      this.deletes.delete(r);
      this.gone.add(r);
    }
    n = Math.max(0, n - dels.length);
    for (const r of ups.slice(0, n)) {
      for (const [c, v] of this.updates.get(r)!) rows[r][c] = v;
      this.updates.delete(r);
    }
    n = Math.max(0, n - ups.length);
    for (let i = 0; i < this.added.length && n > 0; ) {
      if (this.added[i].some((v, c) => v !== undefined && this.editableColumn(c))) {
        this.added.splice(i, 1);
        n--;
      } else i++;
    }
  }

  /** toggleDelete marks rows for deletion, or unmarks them when all already are; their edits go. */
  toggleDelete(rows: number[]): void {
    rows = rows.filter((r) => !this.gone.has(r));
    const all = rows.length > 0 && rows.every((r) => this.deletes.has(r));
    for (const r of rows) {
      if (all) this.deletes.delete(r);
      else {
        this.deletes.add(r);
        this.updates.delete(r);
      }
    }
  }

  /** addRow appends an empty new row and returns its index among the new rows. */
  addRow(): number {
    this.added.push(this.columns.map(() => undefined));
    return this.added.length - 1;
  }

  /** newRows are the rows to insert; undefined is a cell left out (the column's default). */
  get newRows(): readonly unknown[][] {
    return this.added;
  }

  setNew(i: number, c: number, value: unknown): void {
    if (this.added[i] && this.editableColumn(c)) this.added[i][c] = value;
  }

  removeNew(i: number): void {
    this.added.splice(i, 1);
  }

  /** count is the number of record commands Apply will send. */
  get count(): number {
    return this.commands([]).length;
  }

  discard(): void {
    this.updates.clear();
    this.gone.clear();
    this.deletes.clear();
    this.added = [];
  }

  /**
   * commands lists the record commands, deletes first (a new row may take
   * a deleted row's key), then updates, then inserts. A new row with no
   * cell set is skipped.
   */
  commands(rows: unknown[][]): RecordCommand[] {
    const { schema, table } = this.editable;
    const out: RecordCommand[] = [];
    for (const r of [...this.deletes].sort((a, b) => a - b)) {
      if (rows[r]) out.push({ command: "dbls.deleteRecord", args: { schema, table, key: this.keyOf(rows[r]) } });
    }
    for (const [r, cells] of [...this.updates].sort((a, b) => a[0] - b[0])) {
      if (!rows[r]) continue;
      const values: Record<string, unknown> = {};
      for (const [c, v] of [...cells].sort((a, b) => a[0] - b[0])) values[this.editable.columns[c]!] = v;
      out.push({ command: "dbls.updateRecord", args: { schema, table, key: this.keyOf(rows[r]), values } });
    }
    for (const row of this.added) {
      const values: Record<string, unknown> = {};
      row.forEach((v, c) => {
        if (v !== undefined && this.editableColumn(c)) values[this.editable.columns[c]!] = v;
      });
      if (Object.keys(values).length) out.push({ command: "dbls.insertRecord", args: { schema, table, values } });
    }
    return out;
  }

  /** keyOf is a row's key as it was read: the values that name it in the database. */
  keyOf(row: unknown[]): Record<string, unknown> {
    const key: Record<string, unknown> = {};
    for (const k of this.editable.key) {
      const c = this.editable.columns.indexOf(k);
      key[k] = c >= 0 ? row[c] : null;
    }
    return key;
  }
}

function same(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}
