// The ER diagram of a schema, or of the tables around one table, from the
// server's catalog (dbls.listObjects, dbls.describeTable). The picture is
// an SVG drawn here and shown as an image, so the webview runs no script
// and reaches no network; Export saves the same SVG.
import * as vscode from "vscode";
import { Dbls } from "../server";
import { layout, svg, Table } from "./model";

/** At most this many tables are drawn; a larger schema is cut, and the title says so. */
const MAX_TABLES = 80;

interface Described {
  table: { name: string; columns?: { name: string; type?: string }[]; primary_key?: { columns?: string[] }; foreign_keys?: { columns?: string[]; ref_table?: string }[] };
  referencedBy?: { table: string }[];
}

export async function showDiagram(dbls: Dbls, connection: string, schema: string | undefined, around?: string): Promise<void> {
  const names = around ? await neighbours(dbls, connection, schema, around) : await schemaTables(dbls, connection, schema);
  const cut = names.length > MAX_TABLES;
  const tables: Table[] = [];
  for (const name of names.slice(0, MAX_TABLES)) {
    const d = await dbls.run<Described>("dbls.describeTable", { connection, schema, table: name });
    if (d) tables.push(toTable(d));
  }
  const picture = svg(layout(tables));
  const title = around ? vscode.l10n.t("Diagram: {0}", around) : vscode.l10n.t("Diagram: {0}", schema || connection);
  const panel = vscode.window.createWebviewPanel("dbls.diagram", title, vscode.ViewColumn.Active, { enableScripts: false });
  const src = "data:image/svg+xml;base64," + Buffer.from(picture, "utf8").toString("base64");
  const note = cut ? `<p>${vscode.l10n.t("The first {0} of {1} tables.", MAX_TABLES, names.length)}</p>` : "";
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline';">
<style>body { background: #fff; margin: 0; padding: 8px; } img { display: block; }</style></head>
<body>${note}<img id="diagram" alt="${title.replace(/"/g, "&quot;")}" data-tables="${tables.length}" src="${src}"></body></html>`;
  const save = vscode.l10n.t("Export SVG…");
  void vscode.window.showInformationMessage(vscode.l10n.t("dbls: {0} tables drawn", tables.length), save).then(async (pick) => {
    if (pick !== save) return;
    const file = await vscode.window.showSaveDialog({ filters: { SVG: ["svg"] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
    if (file) await vscode.workspace.fs.writeFile(file, Buffer.from(picture, "utf8"));
  });
}

function toTable(d: Described): Table {
  const pk = new Set(d.table.primary_key?.columns || []);
  return {
    name: d.table.name,
    columns: (d.table.columns || []).map((c) => ({ name: c.name, type: c.type, pk: pk.has(c.name) })),
    refs: (d.table.foreign_keys || []).filter((f) => f.ref_table).map((f) => ({ columns: f.columns || [], table: f.ref_table! })),
  };
}

async function schemaTables(dbls: Dbls, connection: string, schema?: string): Promise<string[]> {
  const res = await dbls.run<{ tables: { name: string }[] }>("dbls.listObjects", { connection, schema });
  return (res?.tables || []).map((t) => t.name);
}

async function neighbours(dbls: Dbls, connection: string, schema: string | undefined, table: string): Promise<string[]> {
  const d = await dbls.run<Described>("dbls.describeTable", { connection, schema, table });
  if (!d) return [table];
  const set = new Set([table]);
  for (const f of d.table.foreign_keys || []) if (f.ref_table) set.add(f.ref_table);
  for (const r of d.referencedBy || []) set.add(r.table);
  return [...set];
}
