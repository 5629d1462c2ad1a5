// The connection form, host side: drivers from the server's manifests
// (external drivers included), Test through dbls.testConnection's "config"
// (nothing saved), Save through dbls.saveConnection (a password goes to the
// OS keyring, never to settings).
import * as crypto from "crypto";
import * as vscode from "vscode";
import { CommandError, Dbls } from "../server";
import { formHTML } from "./html";
import { Manifest } from "./model";

const phrases = [
  "New connection", "Name", "Driver", "Database file", "Database folder", "Browse…", "Host", "Port", "User", "Database", "Password", "Password from variable",
  "A password is kept in the OS keyring, never in settings or files.", "Read-only", "Mode", "driver default", "CA file", "Bastion host", "Key file",
  "Use ssh-agent", "Test", "Save", "choose a driver", "a name of letters, digits, '.', '_' or '-'", "the database file", "the database folder", "the host", "the port is a number",
  "a password or an environment variable, not both", "the SSH user",
];

export async function openConnectionForm(dbls: Dbls, extensionUri: vscode.Uri, saved: () => void): Promise<void> {
  const panel = vscode.window.createWebviewPanel("dbls.connection", vscode.l10n.t("New connection"), vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist")],
  });
  const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "dist", "connform.js")).toString();
  const labels = Object.fromEntries(phrases.map((p) => [p, vscode.l10n.t(p)]));
  panel.webview.html = formHTML({ script, cspSource: panel.webview.cspSource, nonce: crypto.randomBytes(16).toString("base64"), labels });
  const post = (m: unknown) => panel.webview.postMessage(m);
  panel.webview.onDidReceiveMessage(async (m) => {
    switch (m?.type) {
      case "ready": {
        const res = await dbls.run<{ drivers: Manifest[] }>("dbls.listDrivers", {});
        post({ type: "drivers", drivers: res?.drivers || [] });
        break;
      }
      case "browse": {
        // A driver whose database is a folder (csv) gets a folder picker.
        const folder = m.folder === true;
        const file = await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFiles: !folder, canSelectFolders: folder, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
        if (file?.length) post({ type: "path", path: file[0].fsPath });
        break;
      }
      case "test":
        try {
          const res = await dbls.request<{ ok: boolean; hops: unknown[] }>("dbls.testConnection", { config: m.connection });
          post({ type: "tested", ok: res.ok, hops: res.hops });
        } catch (err) {
          post({ type: "error", message: (err as CommandError).message });
        }
        break;
      case "save":
        try {
          await dbls.request("dbls.saveConnection", m.connection);
          saved();
          panel.dispose();
        } catch (err) {
          post({ type: "error", message: (err as CommandError).message });
        }
        break;
    }
  });
}
