// The status bar item: which connection the active SQL document uses, and a
// click to switch it. The binding rules are the server's (docs/commands.md):
// a switch made in this session, else the first line's
// `-- dbls: connection=NAME`, else the default connection.
import * as vscode from "vscode";

const directive = /^\s*--\s*dbls:\s*connection\s*=\s*(\S+)/;

/** connectionDirective reads a document's first-line binding, if any. */
export function connectionDirective(firstLine: string): string | undefined {
  return directive.exec(firstLine)?.[1];
}

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  private readonly switched = new Map<string, string>();
  private fallback: string | undefined;
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
    const name = this.connectionOf(doc);
    this.item.text = name ? `$(database) ${name}` : `$(database) ${vscode.l10n.t("No connection")}`;
    this.item.tooltip = name ? vscode.l10n.t("dbls: this file runs on {0}. Click to switch.", name) : vscode.l10n.t("dbls: click to choose the connection for this file");
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}
