// The status bar item: which connection the active SQL document uses, and a
// click to switch it. The binding rules are the server's (docs/commands.md):
// a switch made in this session, else the first line's
// `-- dbls: connection=NAME`, else the default connection. While that
// connection's schema is read it spins; when the read failed it shows an
// error (statusmodel.ts).
import * as vscode from "vscode";
import { SnapshotStates, SnapshotStatus } from "./statusmodel";

const directive = /^\s*--\s*dbls:\s*connection\s*=\s*(\S+)/;

/** connectionDirective reads a document's first-line binding, if any. */
export function connectionDirective(firstLine: string): string | undefined {
  return directive.exec(firstLine)?.[1];
}

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  private readonly switched = new Map<string, string>();
  private fallback: string | undefined;
  private readonly states = new SnapshotStates();
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.item.command = "dbls.ui.switchConnection";
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && e.contentChanges.some((c) => c.range.start.line === 0) && this.update())
    );
  }

  setDefault(name: string | undefined): void {
    this.fallback = name;
    this.update();
  }

  /** snapshot takes a dbls/snapshotStatus notification. */
  snapshot(st: SnapshotStatus): void {
    if (this.states.apply(st)) this.update();
  }

  switchedTo(uri: string, name: string): void {
    this.switched.set(uri, name);
    this.update();
  }

  /** connectionOf is the connection the document uses, as far as the extension can tell. */
  connectionOf(doc: vscode.TextDocument): string | undefined {
    return this.switched.get(doc.uri.toString()) || connectionDirective(doc.lineCount ? doc.lineAt(0).text : "") || this.fallback;
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== "sql") {
      this.item.hide();
      return;
    }
    const v = this.states.view(this.connectionOf(doc));
    switch (v.look) {
      case "none":
        this.item.text = `${v.text} ${vscode.l10n.t("No connection")}`;
        this.item.tooltip = vscode.l10n.t("dbls: click to choose the connection for this file");
        break;
      case "loading":
        this.item.text = v.text;
        this.item.tooltip = vscode.l10n.t("dbls: reading the schema of {0}…", v.name!);
        break;
      case "failed":
        this.item.text = v.text;
        this.item.tooltip = vscode.l10n.t("dbls: the schema of {0} could not be read: {1}. Click to switch.", v.name!, v.message || "");
        break;
      default:
        this.item.text = v.text;
        this.item.tooltip = vscode.l10n.t("dbls: this file runs on {0}. Click to switch.", v.name!);
    }
    this.item.backgroundColor = v.look === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}
