// The explorer: connections → schemas → tables, views, routines → columns,
// keys, indexes and the tables that reference it. Every level is loaded when it is expanded, from
// the server's browse commands, which answer from the cached snapshot.
import * as vscode from "vscode";
import { ConnectionInfo, Dbls } from "./server";

export type NodeKind = "connection" | "schema" | "group" | "table" | "view" | "routine" | "sequence" | "type" | "column" | "index" | "foreignKey" | "info";

export interface Node {
  kind: NodeKind;
  label: string;
  connection: string;
  driver?: string;
  schema?: string;
  table?: string;
  group?: Group;
  description?: string;
  tooltip?: string;
  items?: Node[];
}

const icons: Record<NodeKind, string> = {
  connection: "database",
  schema: "symbol-namespace",
  group: "folder",
  table: "table",
  view: "eye",
  routine: "symbol-method",
  sequence: "symbol-number",
  type: "symbol-enum",
  column: "symbol-field",
  index: "list-ordered",
  foreignKey: "references",
  info: "info",
};

export class Explorer implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly dbls: Dbls) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const leaf = !["connection", "schema", "group", "table"].includes(n.kind);
    const item = new vscode.TreeItem(n.label, leaf ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(icons[n.kind]);
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.contextValue = n.kind;
    item.id = [n.connection, n.schema, n.group, n.table, n.kind, n.label].filter(Boolean).join("/");
    return item;
  }

  async getChildren(n?: Node): Promise<Node[]> {
    if (!n) return this.connections();
    switch (n.kind) {
      case "connection":
        return this.schemas(n);
      case "schema":
        return this.groups(n);
      case "group":
        return this.objects(n);
      case "table":
        return this.describe(n);
      default:
        return n.items || [];
    }
  }

  private async connections(): Promise<Node[]> {
    const res = await this.dbls.run<{ connections: ConnectionInfo[]; default?: string }>("dbls.listConnections", {});
    return (res?.connections || []).map((c) => ({
      kind: "connection" as const,
      label: c.name,
      connection: c.name,
      driver: c.driver,
      description: [c.driver, c.name === res?.default ? vscode.l10n.t("default") : "", c.readonly ? vscode.l10n.t("read-only") : ""].filter(Boolean).join(" · "),
      tooltip: c.target,
    }));
  }

  private async schemas(n: Node): Promise<Node[]> {
    const res = await this.dbls.run<{ schemas: { name: string; tables: number; views: number; routines: number }[] }>("dbls.listSchemas", { connection: n.connection });
    return (res?.schemas || []).map((s) => ({
      kind: "schema" as const,
      label: s.name,
      connection: n.connection,
      driver: n.driver,
      schema: s.name,
      description: vscode.l10n.t("{0} tables", s.tables),
      items: [],
    }));
  }

  private groups(n: Node): Node[] {
    const g = (group: Group, label: string): Node => ({ ...n, kind: "group", group, label, description: undefined });
    return [
      g("tables", vscode.l10n.t("Tables")),
      g("views", vscode.l10n.t("Views")),
      g("routines", vscode.l10n.t("Routines")),
      g("sequences", vscode.l10n.t("Sequences")),
      g("types", vscode.l10n.t("Types")),
    ];
  }

  private async objects(n: Node): Promise<Node[]> {
    const res = await this.dbls.run<Record<Group, Obj[] | undefined>>("dbls.listObjects", { connection: n.connection, schema: n.schema });
    const list = (res && res[n.group!]) || [];
    const kind = groupKind[n.group!];
    return list.map((o) => ({
      kind,
      label: o.name,
      connection: n.connection,
      driver: n.driver,
      schema: n.schema,
      table: kind === "table" || kind === "view" ? o.name : undefined,
      description: kind === "routine" ? o.signature : o.kind !== kind ? o.kind : undefined,
      tooltip: kind === "routine" && o.returns ? `${o.name}(${o.signature || ""}) → ${o.returns}` : undefined,
    }));
  }

  private async describe(n: Node): Promise<Node[]> {
    const res = await this.dbls.run<{ table: TableInfo; referencedBy?: { table: string; foreignKey?: { columns?: string[] } }[] }>("dbls.describeTable", { connection: n.connection, schema: n.schema, table: n.table });
    const t = res?.table;
    if (!t) return [];
    const pk = new Set(t.primary_key?.columns || []);
    const child = (kind: NodeKind, label: string, description?: string): Node => ({ kind, label, description, connection: n.connection, schema: n.schema, table: n.table });
    const out: Node[] = (t.columns || []).map((c) =>
      child("column", c.name, [c.type, pk.has(c.name) ? "PK" : "", c.nullable === false && !pk.has(c.name) ? "NOT NULL" : ""].filter(Boolean).join(" "))
    );
    for (const ix of t.indexes || []) {
      const cols = (ix.columns || []).map((c) => (c.name || c.expr || "") + (c.desc ? " DESC" : ""));
      out.push(child("index", ix.name, `${ix.unique ? "UNIQUE " : ""}(${cols.join(", ")})`));
    }
    for (const fk of t.foreign_keys || []) out.push(child("foreignKey", fk.name || (fk.columns || []).join(", "), `→ ${fk.ref_table}(${(fk.ref_columns || []).join(", ")})`));
    for (const r of res?.referencedBy || []) out.push(child("info", `← ${r.table}`, (r.foreignKey?.columns || []).join(", ")));
    return out;
  }
}

type Group = "tables" | "views" | "routines" | "sequences" | "types";

const groupKind: Record<Group, NodeKind> = { tables: "table", views: "view", routines: "routine", sequences: "sequence", types: "type" };

interface Obj {
  name: string;
  kind?: string;
  signature?: string;
  returns?: string;
}

interface TableInfo {
  columns?: { name: string; type?: string; nullable?: boolean }[];
  primary_key?: { columns?: string[] };
  indexes?: { name: string; unique?: boolean; columns?: { name?: string; expr?: string; desc?: boolean }[] }[];
  foreign_keys?: { name?: string; columns?: string[]; ref_table?: string; ref_columns?: string[] }[];
}

/** quoteIdent quotes a name for the connection's dialect (MySQL/MariaDB backticks, standard double quotes otherwise). */
export function quoteIdent(driver: string | undefined, name: string): string {
  if (driver === "mysql" || driver === "mariadb") return "`" + name.replace(/`/g, "``") + "`";
  return '"' + name.replace(/"/g, '""') + '"';
}
