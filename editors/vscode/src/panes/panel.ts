// Plugin panes in webviews: dbls.listPanes for the quick pick,
// dbls.openPane for the page, dbls.paneMessage for what the user does in
// it, the reply replacing the page (or its data handed to the pane's
// script). The server renders everything; this only mounts it.
import * as crypto from "crypto";
import * as vscode from "vscode";
import { Dbls } from "../server";
import { messageArgs, PaneContext, PaneInfo, paneHTML, paneItems, PaneReply } from "./model";

/** The statement at the cursor (or the selection) of the active SQL editor, as the server takes it. */
function editorContext(): { uri: string; range: object } | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== "sql") return undefined;
  const sel = ed.selection;
  return { uri: ed.document.uri.toString(), range: { start: sel.start, end: sel.end } };
}

/** pickPane offers the panes that apply to the active editor's connection. */
export async function pickPane(dbls: Dbls): Promise<void> {
  const ed = editorContext();
  const res = await dbls.run<{ panes: PaneInfo[] }>("dbls.listPanes", ed ? { uri: ed.uri } : {});
  if (!res) return;
  const items = paneItems(res.panes, !!ed);
  if (items.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t("dbls: no pane applies here"));
    return;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t("Open a pane") });
  if (pick) await openPane(dbls, pick.id);
}

/** openPane opens pane on the active SQL editor's statement in a webview panel. */
export async function openPane(dbls: Dbls, pane: string, connection?: string): Promise<void> {
  const ed = editorContext();
  if (!ed && !connection) {
    vscode.window.showWarningMessage(vscode.l10n.t("dbls: open a SQL file first"));
    return;
  }
  const nonce = crypto.randomBytes(16).toString("base64");
  const first = await dbls.run<PaneReply>("dbls.openPane", { pane, ...(ed || {}), connection, nonce, webview: true });
  if (!first) return;
  const ctx: PaneContext = { pane, uri: ed?.uri, connection: connection || undefined, sql: first.statement || undefined };
  const panel = vscode.window.createWebviewPanel("dbls.pane", first.title || pane, vscode.ViewColumn.Beside, { enableScripts: true, retainContextWhenHidden: true });
  const show = (r: PaneReply) => {
    if (r.title) panel.title = r.title;
    if (r.html !== undefined) panel.webview.html = paneHTML({ body: r.html, nonce, cspSource: panel.webview.cspSource, pane });
  };
  show(first);
  panel.webview.onDidReceiveMessage(async (m: { type?: string; message?: unknown }) => {
    if (m?.type !== "message") return;
    const r = await dbls.run<PaneReply>("dbls.paneMessage", messageArgs(ctx, m.message, nonce));
    if (r) {
      show(r);
      if (r.data !== undefined) void panel.webview.postMessage({ type: "data", data: r.data });
    }
    void panel.webview.postMessage({ type: "done" });
  });
}
