// Results in a grid: every run opens one webview tab titled by its
// statement. The server runs, pages, cancels and exports; the tab only
// shows what it answers and sends the user's clicks back.
import * as crypto from "crypto";
import * as vscode from "vscode";
import { CommandError, Dbls } from "./server";
import { gridHTML } from "./grid/html";
import { Page } from "./grid/model";
import { RecordCommand } from "./grid/edit";

// The grid page's phrases, translated here and handed to the page.
const phrases = ["Filter rows", "Copy", "Next page", "Export…", "Cancel", "Running…", "1 row", "{0} rows", "{0} shown", "page {0}", "more available", "1 row affected", "{0} rows affected",
  "Add row", "Delete row(s)", "Set NULL", "Apply", "Discard", "Editing is off: {0}", "1 pending change", "{0} pending changes", "Applying…", "Double-click a cell to edit it"];
const labels = () => Object.fromEntries(phrases.map((p) => [p, vscode.l10n.t(p)]));

let runs = 0;

export class Results {
  constructor(private readonly dbls: Dbls, private readonly extensionUri: vscode.Uri) {}

  /**
   * run executes the arguments of a dbls.executeQuery (from the palette, a
   * Run lens or a code action) and shows the answer in a new grid tab. A
   * WHERE-less UPDATE/DELETE is refused by the server ("unbounded"): the
   * user is asked, and the run is repeated with force when confirmed.
   */
  async run(arg: Record<string, any>, title?: string): Promise<Page | undefined> {
    const queryId = arg.queryId || `vscode-${process.pid}-${++runs}`;
    const panel = this.open(title || this.titleOf(arg), queryId, arg);
    let request: Record<string, any> = { ...arg, queryId, open: false };
    for (;;) {
      panel.post({ type: "running" });
      try {
        const page = await this.dbls.request<Page>("dbls.executeQuery", request);
        panel.post({ type: "page", page });
        return page;
      } catch (err) {
        const e = err as CommandError;
        if (e.data?.reason === "unbounded" && !request.force) {
          const go = vscode.l10n.t("Run anyway");
          const pick = await vscode.window.showWarningMessage(e.message, { modal: true }, go);
          if (pick === go) {
            request = { ...request, force: true };
            continue;
          }
        }
        panel.post({ type: "error", message: e.message });
        return undefined;
      }
    }
  }

  private titleOf(arg: Record<string, any>): string {
    let text: string = arg.sql || "";
    if (!text && arg.uri && arg.range) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.uri);
      if (doc) {
        const r = new vscode.Range(arg.range.start.line, arg.range.start.character, arg.range.end.line, arg.range.end.character);
        text = r.isEmpty ? doc.lineAt(r.start.line).text : doc.getText(r);
      }
    }
    text = text.replace(/\s+/g, " ").trim();
    return text ? (text.length > 40 ? text.slice(0, 39) + "…" : text) : vscode.l10n.t("Result");
  }

  private open(title: string, queryId: string, arg: Record<string, any>) {
    // Record commands go to the run's connection: its document, or the connection it named.
    const target = { uri: arg.uri, connection: arg.connection };
    let lastSQL = "";
    const panel = vscode.window.createWebviewPanel("dbls.results", title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, "dist")],
    });
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, "dist", "grid.js")).toString();
    panel.webview.html = gridHTML({ script, cspSource: panel.webview.cspSource, nonce: crypto.randomBytes(16).toString("base64"), labels: labels() });
    // Messages sent before the page's script listens are lost: queue them
    // until it says it is ready.
    let ready = false;
    const queue: unknown[] = [];
    const post = (msg: unknown) => (ready ? panel.webview.postMessage(msg) : queue.push(msg));
    panel.webview.onDidReceiveMessage(async (msg) => {
      switch (msg?.type) {
        case "ready":
          ready = true;
          for (const m of queue.splice(0)) panel.webview.postMessage(m);
          break;
        case "copy":
          await vscode.env.clipboard.writeText(String(msg.text));
          vscode.window.setStatusBarMessage(vscode.l10n.t("dbls: copied"), 2000);
          break;
        case "nextPage":
          post({ type: "running" });
          try {
            post({ type: "page", append: true, page: await this.dbls.request<Page>("dbls.nextPage", { queryId, open: false }) });
          } catch (err) {
            post({ type: "error", message: (err as CommandError).message });
          }
          break;
        case "cancel":
          await this.dbls.run("dbls.cancelQuery", { queryId });
          break;
        case "export":
          await this.export(queryId);
          break;
        case "preview":
          post({ type: "previews", seq: msg.seq, items: await this.previews(msg.commands as RecordCommand[], target) });
          break;
        case "apply":
          await this.apply(msg.commands as RecordCommand[], target, post, { ...arg, sql: lastSQL, queryId, open: false });
          break;
      }
    });
    // The grid's first page says what ran: Apply runs it again.
    const postPage = (msg: any) => {
      if (msg?.type === "page" && !msg.append && msg.page?.sql) lastSQL = msg.page.sql;
      return post(msg);
    };
    return { post: postPage };
  }

  /** previews asks the server for the statement each change would send (preview: true runs nothing). */
  private async previews(commands: RecordCommand[], target: object): Promise<{ sql?: string; error?: string }[]> {
    const out: { sql?: string; error?: string }[] = [];
    for (const c of commands) {
      try {
        const p = await this.dbls.request<{ display: string }>(c.command, { ...target, ...c.args, preview: true });
        out.push({ sql: p.display });
      } catch (err) {
        out.push({ error: (err as CommandError).message });
      }
    }
    return out;
  }

  /**
   * apply sends the changes one by one and stops at the first failure
   * (each change is one row, in its own transaction); then the statement
   * runs again so that the grid shows the table as it now is.
   */
  private async apply(commands: RecordCommand[], target: object, post: (m: unknown) => unknown, rerun: Record<string, any>) {
    let done = 0;
    for (const c of commands) {
      let message: string | undefined;
      try {
        const res = await this.dbls.request<{ affected: number }>(c.command, { ...target, ...c.args });
        // A key that names no row any more: someone changed or deleted it since it was read.
        if (res?.affected === 0 && c.command !== "dbls.insertRecord") message = vscode.l10n.t("no row has the key {0} any more", JSON.stringify(c.args.key));
      } catch (err) {
        message = (err as CommandError).message;
      }
      if (message !== undefined) {
        post({ type: "applyFailed", done, message: vscode.l10n.t("dbls: change {0} of {1} failed: {2}", done + 1, commands.length, message) });
        return;
      }
      done++;
    }
    vscode.window.setStatusBarMessage(vscode.l10n.t("dbls: {0} changes applied", done), 3000);
    post({ type: "running" });
    try {
      post({ type: "page", page: await this.dbls.request<Page>("dbls.executeQuery", rerun) });
    } catch (err) {
      post({ type: "error", message: (err as CommandError).message });
    }
  }

  private async export(queryId: string) {
    const target = await vscode.window.showSaveDialog({
      filters: { CSV: ["csv"], JSON: ["json"], Markdown: ["md"] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (!target) return;
    const ext = target.fsPath.split(".").pop()?.toLowerCase();
    const format = ext === "json" ? "json" : ext === "md" ? "markdown" : "csv";
    const res = await this.dbls.run<{ path: string; rows: number }>("dbls.exportResults", { queryId, format, all: true, path: target.fsPath });
    if (res) vscode.window.showInformationMessage(vscode.l10n.t("dbls: {0} rows written to {1}", res.rows, res.path));
  }
}
