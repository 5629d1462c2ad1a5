// dbls for Visual Studio Code: starts `dbls serve` for SQL files and adds
// palette commands over the server's dbls.* workspace commands. Everything
// else (completion, hover, diagnostics, symbols, definitions, signature
// help, code lenses and actions, result and preview documents through
// window/showDocument) is plain LSP that vscode-languageclient handles.
//
// Plain CommonJS, no build step: the file is what VS Code loads.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const c = vscode.workspace.getConfiguration("dbls");
  return { path: c.get("path") || "dbls", server: c.get("settings") || {} };
}

// run sends one workspace command with one object argument and shows a
// failure as an error message (the server's text, in the user's language).
async function run(command, arg) {
  if (!client) {
    vscode.window.showErrorMessage("dbls is not running");
    return undefined;
  }
  try {
    return await client.sendRequest("workspace/executeCommand", { command, arguments: [arg] });
  } catch (err) {
    vscode.window.showErrorMessage(err && err.message ? err.message : String(err));
    return undefined;
  }
}

function activeSQL() {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document.languageId !== "sql") {
    vscode.window.showWarningMessage("dbls: open a SQL file first");
    return undefined;
  }
  return ed;
}

// palette maps each palette command to what it sends.
const palette = {
  "dbls.ui.runStatement": async () => {
    const ed = activeSQL();
    if (!ed) return;
    const sel = ed.selection;
    await run("dbls.executeQuery", {
      uri: ed.document.uri.toString(),
      range: {
        start: { line: sel.start.line, character: sel.start.character },
        end: { line: sel.end.line, character: sel.end.character },
      },
    });
  },
  "dbls.ui.cancelQuery": async () => {
    const ed = activeSQL();
    if (ed) await run("dbls.cancelQuery", { uri: ed.document.uri.toString() });
  },
  "dbls.ui.refreshSchema": async () => {
    const ed = vscode.window.activeTextEditor;
    const res = await run("dbls.refreshSchema", ed ? { uri: ed.document.uri.toString() } : {});
    if (res) {
      for (const c of res.connections || []) {
        vscode.window.setStatusBarMessage(`dbls: ${c.connection}: ${c.tables} tables, ${c.views} views`, 5000);
      }
    }
  },
  "dbls.ui.switchConnection": async () => {
    const ed = activeSQL();
    if (!ed) return;
    const list = await run("dbls.listConnections", {});
    const items = ((list && list.connections) || []).map((c) => ({
      label: c.name,
      description: c.driver,
      detail: c.target,
    }));
    items.push({ label: "$(edit) Enter a URL…", url: true });
    const pick = await vscode.window.showQuickPick(items, { placeHolder: "Connection for this file" });
    if (!pick) return;
    let connection = pick.label;
    if (pick.url) {
      connection = await vscode.window.showInputBox({ prompt: "Connection URL (postgres://…, mysql://…, sqlite:…)" });
      if (!connection) return;
    }
    await run("dbls.switchConnection", { uri: ed.document.uri.toString(), connection });
  },
  "dbls.ui.compareSchemas": async () => {
    const ed = vscode.window.activeTextEditor;
    const source = await vscode.window.showInputBox({
      prompt: "Source: a connection, a .sql schema file or a .json snapshot (empty: this file)",
    });
    if (source === undefined) return;
    const target = await vscode.window.showInputBox({ prompt: "Target connection (empty: this file's connection)" });
    if (target === undefined) return;
    const arg = {};
    if (ed) arg.uri = ed.document.uri.toString();
    if (source) arg.source = source;
    if (target) arg.target = target;
    await run("dbls.compareSchemas", arg);
  },
};

function activate(context) {
  const s = settings();
  client = new LanguageClient(
    "dbls",
    "dbls",
    { command: s.path, args: ["serve"] },
    {
      documentSelector: [{ language: "sql" }],
      initializationOptions: s.server,
    }
  );
  // The server takes the keys of .dbls.toml as they are; VS Code nests
  // them under dbls.settings, so changes are sent by hand rather than
  // through the client's section synchronization.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (client && e.affectsConfiguration("dbls.settings")) {
        client.sendNotification("workspace/didChangeConfiguration", { settings: settings().server });
      }
    })
  );
  for (const [id, fn] of Object.entries(palette)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  }
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, palette };
