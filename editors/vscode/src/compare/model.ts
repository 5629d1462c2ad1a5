// The schema compare view's logic, free of VS Code and the DOM: grouping a
// plan's items by object kind, which items a selection applies (with what
// they require), and the script of a selection.

/** A plan item as dbls.compareSchemas answers it. */
export interface Item {
  id: string;
  kind: string;
  label: string;
  schema?: string;
  table?: string;
  object?: string;
  changes?: string[];
  sql: string[];
  destructive: boolean;
  selected: boolean;
  error?: string;
  requires?: string[];
  source?: unknown;
  target?: unknown;
}

/** The reply of dbls.compareSchemas. */
export interface Plan {
  source: string;
  target: string;
  items: Item[];
  notes: string[];
}

export interface Group {
  /** The object kind: "table", "column", "index"… (the kind's first word). */
  kind: string;
  items: Item[];
}

/** objectKind is the object part of an item kind ("column.add" → "column"). */
export function objectKind(kind: string): string {
  const dot = kind.indexOf(".");
  return dot < 0 ? kind : kind.slice(0, dot);
}

/** groups keeps plan order inside a group and orders groups by first appearance. */
export function groups(items: Item[], include?: Set<string>): Group[] {
  const out = new Map<string, Item[]>();
  for (const it of items) {
    const k = objectKind(it.kind);
    if (include && !include.has(k)) continue;
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(it);
  }
  return [...out].map(([kind, items]) => ({ kind, items }));
}

/**
 * closure returns the chosen ids with every item they require, in plan
 * order: what the server will apply for them (see dbls.syncSchemas).
 */
export function closure(items: Item[], chosen: Set<string>): Item[] {
  const byId = new Map(items.map((it) => [it.id, it]));
  const want = new Set<string>();
  const visit = (id: string) => {
    if (want.has(id) || !byId.has(id)) return;
    want.add(id);
    for (const r of byId.get(id)!.requires || []) visit(r);
  };
  for (const id of chosen) visit(id);
  return items.filter((it) => want.has(it.id));
}

/** blocked says why a selection cannot be applied as it is, or "". */
export function blocked(items: Item[], allowDestructive: boolean): string {
  const bad = items.find((it) => it.error);
  if (bad) return `${bad.label}: ${bad.error}`;
  const drop = items.find((it) => it.destructive);
  if (drop && !allowDestructive) return `${drop.label}: destructive; allow destructive changes to apply it`;
  return "";
}

/** script is the SQL of the items, one commented block per item, as a file a user can read and run. */
export function script(plan: Pick<Plan, "source" | "target">, items: Item[]): string {
  const lines = [`-- dbls: make ${plan.target} match ${plan.source}`, ""];
  for (const it of items) {
    lines.push(`-- ${it.label}${it.destructive ? " (destructive)" : ""}`, `-- item: ${it.id}`);
    for (const s of it.sql) lines.push(s.trimEnd().endsWith(";") ? s : `${s};`);
    lines.push("");
  }
  return lines.join("\n");
}
