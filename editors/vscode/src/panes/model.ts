// Plugin panes, free of VS Code: the page a pane's HTML is mounted in
// (a strict Content-Security-Policy: nothing from the network, styles and
// scripts only with the nonce), the bridge that turns clicks on
// data-pane-message elements into messages, and the quick pick's items.

/** A pane as dbls.listPanes describes it. */
export interface PaneInfo {
  id: string;
  title: string;
  description?: string;
  scope: string;
  drivers?: string[];
}

/** The reply of dbls.openPane and dbls.paneMessage. */
export interface PaneReply {
  pane: string;
  title?: string;
  html?: string;
  text?: string;
  statement?: string;
  connection?: string;
  data?: unknown;
}

/** What a pane was opened on, sent again with each of its messages. */
export interface PaneContext {
  pane: string;
  uri?: string;
  connection?: string;
  sql?: string;
}

/** escapeAttr makes s safe inside a double-quoted attribute. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * bridge is the page's own script: clicks on [data-pane-message] post
 * that JSON value (a string when it is not JSON); dblsPane.post sends one
 * from a pane's script, dblsPane.onData receives a message's data.
 */
export const bridge = `(() => {
  const vscode = acquireVsCodeApi();
  const listeners = [];
  const post = (message) => vscode.postMessage({ type: "message", message });
  window.dblsPane = { post, onData: (f) => listeners.push(f) };
  document.addEventListener("click", (ev) => {
    const el = ev.target instanceof Element ? ev.target.closest("[data-pane-message]") : null;
    if (!el) return;
    ev.preventDefault();
    const raw = el.getAttribute("data-pane-message");
    let message = raw;
    try { message = JSON.parse(raw); } catch {}
    document.body.classList.add("pane-busy");
    post(message);
  });
  window.addEventListener("message", (ev) => {
    const m = ev.data || {};
    if (m.type === "done") document.body.classList.remove("pane-busy");
    if (m.type === "data") for (const f of listeners) f(m.data);
  });
})();`;

/** paneHTML is the page of a pane: its HTML under the CSP, with the bridge. */
export function paneHTML(opts: { body: string; nonce: string; cspSource: string; pane: string }): string {
  const n = escapeAttr(opts.nonce);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'nonce-${n}' ${opts.cspSource}; script-src 'nonce-${n}';">
<style nonce="${n}">body { padding: 6px 10px; } body.pane-busy { opacity: .6; cursor: progress; }</style>
</head>
<body data-pane="${escapeAttr(opts.pane)}">
${opts.body}
<script nonce="${n}">${bridge}</script>
</body></html>`;
}

/** paneItems are the quick pick's entries: a statement pane only with a SQL editor. */
export function paneItems(panes: PaneInfo[], haveEditor: boolean): { label: string; description?: string; detail?: string; id: string }[] {
  return panes
    .filter((p) => haveEditor || p.scope === "connection")
    .map((p) => ({ label: p.title, description: p.id, detail: p.description, id: p.id }));
}

/** messageArgs are dbls.paneMessage's arguments for a message from the pane. */
export function messageArgs(ctx: PaneContext, message: unknown, nonce: string): object {
  return { ...ctx, message, nonce, webview: true };
}
