import { test } from "node:test";
import assert from "node:assert/strict";
import { bridge, escapeAttr, messageArgs, paneHTML, paneItems, PaneInfo } from "../src/panes/model";

test("a pane's page allows nothing but its nonce: no network, no inline script without it", () => {
  const html = paneHTML({ body: '<style nonce="n+1=">b{}</style><b>plan</b>', nonce: "n+1=", cspSource: "vscode-resource:", pane: "explain.plan" });
  const csp = /content="([^"]*)"/.exec(html)![1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-n\+1=';/);
  assert.match(csp, /style-src 'nonce-n\+1=' vscode-resource:/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  assert.ok(html.includes("<b>plan</b>"));
  // Every script of the page carries the nonce.
  for (const m of html.matchAll(/<script([^>]*)>/g)) assert.match(m[1], /nonce="n\+1="/);
  assert.ok(html.includes('data-pane="explain.plan"'));
});

test("a hostile nonce or pane id cannot leave its attribute", () => {
  const html = paneHTML({ body: "", nonce: '"><script>x()</script>', cspSource: "", pane: '"><img src=x>' });
  assert.ok(!html.includes("<script>x()"));
  assert.ok(!html.includes("<img src=x>"));
  assert.equal(escapeAttr(`a"<>&`), "a&quot;&lt;&gt;&amp;");
});

test("the bridge posts data-pane-message values and hands data to the pane's script", () => {
  // Run the bridge against a minimal DOM and VS Code API.
  const posted: unknown[] = [];
  const handlers: Record<string, (ev: any) => void> = {};
  const classes = new Set<string>();
  const g: any = {
    acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m) }),
    document: { addEventListener: (k: string, f: any) => (handlers["doc:" + k] = f), body: { classList: { add: (c: string) => classes.add(c), remove: (c: string) => classes.delete(c) } } },
    addEventListener: (k: string, f: any) => (handlers["win:" + k] = f),
    Element: class {},
  };
  g.window = g;
  new Function("window", "document", "acquireVsCodeApi", "Element", bridge)(g, g.document, g.acquireVsCodeApi, g.Element);
  const el = Object.assign(new g.Element(), { closest: () => el, getAttribute: () => '{"analyze":true}' });
  handlers["doc:click"]({ target: el, preventDefault() {} });
  assert.deepEqual(posted, [{ type: "message", message: { analyze: true } }]);
  assert.ok(classes.has("pane-busy"));
  const notJSON = Object.assign(new g.Element(), { closest: () => notJSON, getAttribute: () => "refresh" });
  handlers["doc:click"]({ target: notJSON, preventDefault() {} });
  assert.deepEqual(posted[1], { type: "message", message: "refresh" });
  let got: unknown;
  g.dblsPane.onData((d: unknown) => (got = d));
  handlers["win:message"]({ data: { type: "data", data: { rows: 3 } } });
  handlers["win:message"]({ data: { type: "done" } });
  assert.deepEqual(got, { rows: 3 });
  assert.ok(!classes.has("pane-busy"));
});

test("statement panes need a SQL editor; messages carry what the pane was opened on", () => {
  const panes: PaneInfo[] = [
    { id: "explain.plan", title: "EXPLAIN plan", scope: "statement", description: "the plan" },
    { id: "csv.files", title: "CSV files", scope: "connection" },
  ];
  assert.deepEqual(paneItems(panes, true).map((i) => i.id), ["explain.plan", "csv.files"]);
  assert.deepEqual(paneItems(panes, false).map((i) => i.id), ["csv.files"]);
  assert.equal(paneItems(panes, true)[0].detail, "the plan");
  assert.deepEqual(messageArgs({ pane: "explain.plan", uri: "file:///q.sql", sql: "SELECT 1" }, { analyze: true }, "n"), {
    pane: "explain.plan", uri: "file:///q.sql", sql: "SELECT 1", message: { analyze: true }, nonce: "n", webview: true,
  });
});
