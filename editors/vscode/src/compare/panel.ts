// Schema compare in a webview: the host side. It asks the server to
// compare (without the preview document) and to apply the ticked items,
// compares again after an apply, opens VS Code's diff editor on an item's
// source and target definitions, and saves the script.
import * as crypto from "crypto";
import * as vscode from "vscode";
import { CommandError, ConnectionInfo, Dbls } from "../server";
import { compareHTML } from "./html";
import { Plan } from "./model";

const scheme = "dbls-compare";

const phrases = [
  "Source", "Target", "connection, .sql file or .json snapshot", "connection", "Switch direction", "Allow destructive changes", "Compare", "Apply",
  "Save script…", "No differences.", "{0} differences", "Comparing…", "Apply {0}", "destructive", "Open the source and target definitions side by side",
];

/** Definitions shown by the diff editor, by URI path. */
class Definitions implements vscode.TextDocumentContentProvider {
  readonly texts = new Map<string, string>();
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? "";
  }
}

export class Compare {
  private readonly defs = new Definitions();

  constructor(private readonly dbls: Dbls, private readonly extensionUri: vscode.Uri, context: vscode.ExtensionContext) {
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(scheme, this.defs));
  }

  /** open shows a compare tab, prefilled and compared at once when both sides are given. */
  async open(source = "", target = "", uri?: string): Promise<void> {
    const panel = vscode.window.createWebviewPanel("dbls.compare", vscode.l10n.t("Schema Compare"), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, "dist")],
    });
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, "dist", "compare.js")).toString();
    const labels = Object.fromEntries(phrases.map((p) => [p, vscode.l10n.t(p)]));
    panel.webview.html = compareHTML({ script, cspSource: panel.webview.cspSource, nonce: crypto.randomBytes(16).toString("base64"), labels });
    let plan: Plan | undefined;
    let last: { source: string; target: string; allowDestructive: boolean } | undefined;
    const post = (m: unknown) => panel.webview.postMessage(m);
    const compare = async (args: { source: string; target: string; allowDestructive: boolean }) => {
      last = args;
      try {
        plan = await this.dbls.request<Plan>("dbls.compareSchemas", { ...this.sides(args, uri), allowDestructive: args.allowDestructive, noPreview: true });
        post({ type: "plan", plan });
      } catch (err) {
        post({ type: "status", text: (err as CommandError).message });
      }
    };
    panel.webview.onDidReceiveMessage(async (m) => {
      switch (m?.type) {
        case "ready": {
          const list = await this.dbls.run<{ connections: ConnectionInfo[] }>("dbls.listConnections", {});
          post({ type: "init", source, target, connections: (list?.connections || []).map((c) => c.name) });
          if (source && target) await compare({ source, target, allowDestructive: false });
          break;
        }
        case "compare":
          await compare(m);
          break;
        case "apply":
          if (last) await this.apply(last, m.ids, m.allowDestructive, uri, post, () => compare(last!));
          break;
        case "diff":
          await this.diff(plan, m.id);
          break;
        case "save": {
          const file = await vscode.window.showSaveDialog({ filters: { SQL: ["sql"] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
          if (file) await vscode.workspace.fs.writeFile(file, Buffer.from(m.text, "utf8"));
          break;
        }
      }
    });
  }

  private sides(a: { source: string; target: string }, uri?: string): Record<string, string> {
    const out: Record<string, string> = {};
    if (a.source) out.source = a.source;
    if (a.target) out.target = a.target;
    if (uri) out.uri = uri;
    return out;
  }

  private async apply(last: { source: string; target: string }, ids: string[], allowDestructive: boolean, uri: string | undefined, post: (m: unknown) => void, recompare: () => Promise<void>) {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("dbls: applying {0} changes", ids.length) }, async () => {
      try {
        const res = await this.dbls.request<{ applied: number; converged: boolean }>("dbls.syncSchemas", { ...this.sides(last, uri), items: ids, allowDestructive });
        post({ type: "applied", text: vscode.l10n.t("Applied {0} changes.", res.applied) });
      } catch (err) {
        post({ type: "status", text: (err as CommandError).message });
        return;
      }
      await recompare();
    });
  }

  private async diff(plan: Plan | undefined, id: string) {
    const it = plan?.items.find((i) => i.id === id);
    if (!it) return;
    const key = crypto.createHash("sha1").update(id + Date.now()).digest("hex").slice(0, 8);
    const text = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2) + "\n");
    const left = vscode.Uri.from({ scheme, path: `/${key}/target/${it.id}.json` });
    const right = vscode.Uri.from({ scheme, path: `/${key}/source/${it.id}.json` });
    this.defs.texts.set(left.path, text(it.target));
    this.defs.texts.set(right.path, text(it.source));
    await vscode.commands.executeCommand("vscode.diff", left, right, vscode.l10n.t("{0} (target ↔ source)", it.label));
  }
}
