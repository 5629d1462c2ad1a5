// The ER diagram, free of VS Code and the DOM: tables placed in columns by
// foreign-key depth (a referenced table left of the tables that reference
// it) and drawn as one self-contained SVG, so the same text is shown in
// the webview and saved by Export.

export interface Table {
  name: string;
  columns: { name: string; type?: string; pk?: boolean }[];
  /** Foreign keys: the columns here and the table they reference. */
  refs: { columns: string[]; table: string }[];
}

export interface Box {
  table: Table;
  x: number;
  y: number;
  width: number;
  height: number;
}

const ROW = 18;
const HEAD = 24;
const GAP_X = 80;
const GAP_Y = 30;
const CHAR = 7;

/** depths puts each table one column right of the deepest table it references (cycles broken). */
export function depths(tables: Table[]): Map<string, number> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (t: Table): number => {
    if (depth.has(t.name)) return depth.get(t.name)!;
    if (visiting.has(t.name)) return 0;
    visiting.add(t.name);
    let d = 0;
    for (const r of t.refs) {
      const target = byName.get(r.table);
      if (target && target !== t) d = Math.max(d, visit(target) + 1);
    }
    visiting.delete(t.name);
    depth.set(t.name, d);
    return d;
  };
  for (const t of tables) visit(t);
  return depth;
}

/** layout places the tables: a column per depth, tables stacked in name order. */
export function layout(tables: Table[]): Box[] {
  const d = depths(tables);
  const cols = new Map<number, Table[]>();
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const k = d.get(t.name) || 0;
    if (!cols.has(k)) cols.set(k, []);
    cols.get(k)!.push(t);
  }
  const boxes: Box[] = [];
  let x = 10;
  for (const k of [...cols.keys()].sort((a, b) => a - b)) {
    const list = cols.get(k)!;
    const width = Math.max(...list.map((t) => Math.max(t.name.length, ...t.columns.map((c) => c.name.length + (c.type ? c.type.length + 1 : 0) + 3)) * CHAR + 16));
    let y = 10;
    for (const t of list) {
      const height = HEAD + t.columns.length * ROW + 6;
      boxes.push({ table: t, x, y, width, height });
      y += height + GAP_Y;
    }
    x += width + GAP_X;
  }
  return boxes;
}

/** svg draws the boxes and a line per foreign key, from its first column to the referenced table. */
export function svg(boxes: Box[]): string {
  const byName = new Map(boxes.map((b) => [b.table.name, b]));
  const w = Math.max(100, ...boxes.map((b) => b.x + b.width + 10));
  const h = Math.max(60, ...boxes.map((b) => b.y + b.height + 10));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="monospace" font-size="12">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>`,
  ];
  for (const b of boxes) {
    for (const r of b.table.refs) {
      const to = byName.get(r.table);
      if (!to) continue;
      const row = Math.max(0, b.table.columns.findIndex((c) => c.name === r.columns[0]));
      const y1 = b.y + HEAD + row * ROW + ROW / 2;
      const y2 = to.y + HEAD / 2;
      const [x1, x2] = to.x < b.x ? [b.x, to.x + to.width] : to === b ? [b.x + b.width, b.x + b.width + 20] : [b.x + b.width, to.x];
      out.push(`<path class="fk" data-from="${esc(b.table.name)}" data-to="${esc(to.table.name)}" d="M ${x1} ${y1} C ${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}, ${x2} ${y2}" fill="none" stroke="#888" marker-end="url(#arrow)"/>`);
    }
  }
  for (const b of boxes) {
    out.push(`<g class="table" data-name="${esc(b.table.name)}">`);
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="4" fill="#fff" stroke="#555"/>`);
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${HEAD}" rx="4" fill="#dde6f0" stroke="#555"/>`);
    out.push(`<text x="${b.x + 8}" y="${b.y + 16}" font-weight="bold" fill="#000">${esc(b.table.name)}</text>`);
    b.table.columns.forEach((c, i) => {
      const y = b.y + HEAD + i * ROW + 13;
      out.push(`<text x="${b.x + 8}" y="${y}" fill="#000">${c.pk ? "PK " : "   "}${esc(c.name)}<tspan fill="#777"> ${esc(c.type || "")}</tspan></text>`);
    });
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join("\n");
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
