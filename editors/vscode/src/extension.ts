// dbls for Visual Studio Code: a database workbench on the dbls language
// server. The server does the work (completion, diagnostics, running SQL,
// browsing, compare and sync, over its dbls.* workspace commands); this
// extension is its face: an explorer, a results grid, a status bar item and
// palette commands. Nothing here knows SQL beyond quoting a name.
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { locate } from "./binary";
import { Compare } from "./compare/panel";
import { openConnectionForm } from "./connform/panel";
import { showDiagram } from "./diagram/panel";
import { Explorer, Node, quoteIdent } from "./explorer";
import { openPane, pickPane } from "./panes/panel";
import { Results } from "./results";
import { ConnectionInfo, Dbls } from "./server";
import { Status } from "./status";
import { SnapshotStatus } from "./statusmodel";

let client: LanguageClient | undefined;

function settings() {
  const c = vscode.workspace.getConfiguration("dbls");
  return { path: c.get<string>("path") || "dbls", server: c.get<object>("settings") || {} };
}

export async function activate(context: vscode.ExtensionContext) {
  const s = settings();
  // A .vsix built with BUNDLE_BINARY=1 carries dbls in bin/; a dbls on
  // PATH or a configured path wins over it.
  const binary = locate(s.path) || (s.path === "dbls" ? locate(path.join(context.extensionPath, "bin", process.platform === "win32" ? "dbls.exe" : "dbls")) : undefined);
  if (!binary) {
    registerMissing(context, s.path);
    return;
  }
  const status = new Status();
  let results: Results | undefined;
  client = new LanguageClient(
    "dbls",
    "dbls",
    // Run in the workspace folder: the project's .dbls.toml, found from
    // there, also says which plugins (external drivers) dbls loads.
    { command: binary, args: ["serve"], options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath } },
    {
      documentSelector: [{ language: "sql" }],
      initializationOptions: s.server,
      middleware: {
        // Runs from lenses and code actions go to the grid instead of a
        // Markdown document; switches update the status bar.
        executeCommand: async (command, args, next) => {
          if (command === "dbls.executeQuery" && results && args[0]) return results.run(args[0]);
          const res = await next(command, args);
          if (command === "dbls.switchConnection" && args[0]?.uri && res) {
            // A pick made on the server (the connection lens) answers the label `"NAME" (url)`.
            const name = args[0].connection || /^"((?:[^"\\]|\\.)*)"/.exec(res.connection || "")?.[1];
            if (name) status.switchedTo(args[0].uri, name);
          }
          return res;
        },
      },
    }
  );
  // Ask for dbls/snapshotStatus, so the status item spins while a schema loads.
  client.registerFeature({
    fillClientCapabilities: (caps) => {
      caps.experimental = { ...(caps.experimental as object), dbls: { snapshotStatus: true } };
    },
    initialize: () => {},
    getState: () => ({ kind: "static" }),
    clear: () => {},
  });
  context.subscriptions.push(client.onNotification("dbls/snapshotStatus", (st: SnapshotStatus) => status.snapshot(st)));
  const dbls = new Dbls(client);
  results = new Results(dbls, context.extensionUri);
  const explorer = new Explorer(dbls);
  const compare = new Compare(dbls, context.extensionUri, context);
  context.subscriptions.push(
    status,
    client,
    vscode.window.registerTreeDataProvider("dbls.explorer", explorer),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server takes the keys of .dbls.toml as they are; VS Code nests
      // them under dbls.settings, so changes are sent by hand.
      if (client && e.affectsConfiguration("dbls.settings")) {
        client.sendNotification("workspace/didChangeConfiguration", { settings: settings().server });
        explorer.refresh();
      }
    })
  );
  const commands = palette(dbls, results, explorer, status, compare, context.extensionUri);
  for (const [id, fn] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  await client.start();
  // The server asks before it runs what cannot be undone (a WHERE-less
  // UPDATE or DELETE, a destructive apply): a warning is asked in a modal
  // dialog, as VS Code asks before it deletes, rather than in a toast.
  context.subscriptions.push(
    client.onRequest("window/showMessageRequest", async (p: { type: number; message: string; actions?: { title: string }[] }) => {
      // A modal dialog has its own Cancel button, which answers null.
      const titles = (p.actions || []).map((a) => a.title).filter((t) => !/^(cancel|取消)$/i.test(t));
      const show = p.type === 1 ? vscode.window.showErrorMessage : p.type === 2 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const pick = await show(p.message, { modal: p.type <= 2 }, ...titles);
      return (p.actions || []).find((a) => a.title === pick) ?? null;
    })
  );
  const list = await dbls.run<{ default?: string }>("dbls.listConnections", {});
  status.setDefault(list?.default);
}

export function deactivate() {
  return client ? client.stop() : undefined;
}

function registerMissing(context: vscode.ExtensionContext, path: string) {
  const setPath = vscode.l10n.t("Set path");
  const ask = async () => {
    const pick = await vscode.window.showErrorMessage(vscode.l10n.t("dbls: the dbls binary was not found (dbls.path is \"{0}\"). Install dbls or set its path.", path), setPath);
    if (pick !== setPath) return;
    const file = await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t("The dbls binary") });
    if (!file?.length) return;
    await vscode.workspace.getConfiguration("dbls").update("path", file[0].fsPath, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("workbench.action.reloadWindow");
  };
  for (const id of Object.keys(palette(undefined as any, undefined as any, undefined as any, undefined as any, undefined as any, undefined as any))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, ask));
  }
  void ask();
}

function activeSQL(): vscode.TextEditor | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== "sql") {
    vscode.window.showWarningMessage(vscode.l10n.t("dbls: open a SQL file first"));
    return undefined;
  }
  return ed;
}

async function pickConnection(dbls: Dbls, placeHolder: string, extra: vscode.QuickPickItem[] = []): Promise<string | undefined> {
  const list = await dbls.run<{ connections: ConnectionInfo[] }>("dbls.listConnections", {});
  const items: (vscode.QuickPickItem & { url?: boolean })[] = (list?.connections || []).map((c) => ({ label: c.name, description: c.driver, detail: c.target }));
  items.push(...extra, { label: vscode.l10n.t("$(edit) Enter a URL or file…"), url: true });
  const pick = await vscode.window.showQuickPick(items, { placeHolder });
  if (!pick) return undefined;
  if (!("url" in pick)) return pick.label;
  return vscode.window.showInputBox({ prompt: vscode.l10n.t("A connection URL (postgres://…, mysql://…, sqlite:…), a .sql schema file or a .json snapshot") });
}

async function openSQL(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: "sql", content });
  await vscode.window.showTextDocument(doc);
}

/** palette maps every dbls.ui.* command to what it does. */
export function palette(dbls: Dbls, results: Results, explorer: Explorer, status: Status, compare: Compare, extensionUri: vscode.Uri): Record<string, (...args: any[]) => unknown> {
  const uriOf = (ed: vscode.TextEditor) => ed.document.uri.toString();
  return {
    "dbls.ui.runStatement": async () => {
      const ed = activeSQL();
      if (!ed) return;
      const sel = ed.selection;
      await results.run({ uri: uriOf(ed), range: { start: sel.start, end: sel.end } });
    },
    "dbls.ui.cancelQuery": async () => {
      const ed = activeSQL();
      if (ed) await dbls.run("dbls.cancelQuery", { uri: uriOf(ed) });
    },
    "dbls.ui.refreshSchema": async () => {
      const ed = vscode.window.activeTextEditor;
      const res = await dbls.run<{ connections?: { connection: string; tables: number; views: number }[] }>("dbls.refreshSchema", ed ? { uri: uriOf(ed) } : {});
      for (const c of res?.connections || []) {
        vscode.window.setStatusBarMessage(vscode.l10n.t("dbls: {0}: {1} tables, {2} views", c.connection, c.tables, c.views), 5000);
      }
      explorer.refresh();
    },
    "dbls.ui.switchConnection": async () => {
      const ed = activeSQL();
      if (!ed) return;
      const connection = await pickConnection(dbls, vscode.l10n.t("Connection for this file"));
      if (!connection) return;
      if (await dbls.run("dbls.switchConnection", { uri: uriOf(ed), connection })) status.switchedTo(uriOf(ed), connection);
    },
    "dbls.ui.compareSchemas": async () => {
      // From a schema file, the file is the source; otherwise both are picked in the view.
      const ed = vscode.window.activeTextEditor;
      const fromFile = ed?.document.languageId === "sql" && ed.document.uri.scheme === "file";
      await compare.open(fromFile ? vscode.workspace.asRelativePath(ed!.document.uri) : "", "", fromFile ? uriOf(ed!) : undefined);
    },
    "dbls.ui.refreshExplorer": () => explorer.refresh(),
    "dbls.ui.newQuery": async (n?: Node) => {
      const name = n?.connection || (await pickConnection(dbls, vscode.l10n.t("Connection for the new query")));
      if (name) await openSQL(`-- dbls: connection=${name}\n\n`);
    },
    "dbls.ui.selectTop": async (n: Node) => {
      const limit = vscode.workspace.getConfiguration("dbls").get<number>("selectTopLimit") || 100;
      const name = (n.schema ? quoteIdent(n.driver, n.schema) + "." : "") + quoteIdent(n.driver, n.table || n.label);
      await results.run({ connection: n.connection, sql: `SELECT * FROM ${name} LIMIT ${limit}` }, `${n.label} · ${limit}`);
    },
    "dbls.ui.showDDL": async (n: Node) => {
      const res = await dbls.run<{ sql: string }>("dbls.showTableDDL", { connection: n.connection, schema: n.schema, table: n.table || n.label });
      if (res) await openSQL(res.sql);
    },
    "dbls.ui.showDefinition": async (n: Node) => {
      const res = await dbls.run<{ definition: string }>("dbls.showDefinition", { connection: n.connection, schema: n.schema, name: n.label, kind: n.kind === "view" ? "view" : "routine" });
      if (res) await openSQL(res.definition);
    },
    "dbls.ui.copyName": async (n: Node) => {
      await vscode.env.clipboard.writeText(n.table && n.kind !== "column" ? quoteIdent(n.driver, n.table) : n.label);
    },
    "dbls.ui.compareWith": async (n: Node) => {
      const target = await pickConnection(dbls, vscode.l10n.t("Compare {0} with…", n.connection));
      if (target) await compare.open(n.connection, target);
    },
    "dbls.ui.showDiagram": (n: Node) => showDiagram(dbls, n.connection, n.schema, n.kind === "table" ? n.table || n.label : undefined),
    "dbls.ui.openPane": () => pickPane(dbls),
    "dbls.ui.explainPlan": () => openPane(dbls, "explain.plan"),
    "dbls.ui.addConnection": () => openConnectionForm(dbls, extensionUri, () => explorer.refresh()),
    "dbls.ui.testConnection": async (n?: Node) => {
      const name = n?.connection || (await pickConnection(dbls, vscode.l10n.t("Connection to test")));
      if (!name) return;
      const res = await dbls.run<{ ok: boolean; hops: { step: string; ok: boolean; detail?: string }[] }>("dbls.testConnection", { connection: name });
      if (!res) return;
      const hops = res.hops.map((h) => `${h.ok ? "✓" : "✗"} ${h.step}${h.detail ? ": " + h.detail : ""}`).join("\n");
      const show = res.ok ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      show(res.ok ? vscode.l10n.t("dbls: {0} is reachable", name) : vscode.l10n.t("dbls: {0} is not reachable", name), { modal: true, detail: hops });
    },
  };
}
