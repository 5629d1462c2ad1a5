// The results grid's page. Its script and labels come from the extension;
// a strict Content-Security-Policy allows nothing else (no network).
export function gridHTML(opts: { script: string; cspSource: string; nonce: string; labels: Record<string, string> }): string {
  const L = (s: string) => escapeHTML(opts.labels[s] || s);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${opts.cspSource}; script-src 'nonce-${opts.nonce}';">
<style>
html, body { height: 100%; }
body { display: flex; flex-direction: column; padding: 0; margin: 0; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
#bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 4px 6px; border-bottom: 1px solid var(--vscode-panel-border); }
#bar input { flex: 1 1 160px; max-width: 260px; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); }
#bar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; cursor: pointer; }
#bar button:disabled { opacity: .5; cursor: default; }
#status { margin-left: auto; opacity: .8; white-space: nowrap; }
#cancel { display: none; }
body.running #cancel { display: inline-block; }
#error { color: var(--vscode-errorForeground); padding: 0 6px; white-space: pre-wrap; }
#scroller { flex: 1; min-height: 0; overflow: auto; }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); }
th { position: sticky; top: 0; background: var(--vscode-editorGroupHeader-tabsBackground); text-align: left; cursor: pointer; white-space: nowrap; padding: 2px 8px; }
th .type { display: block; font-size: 85%; opacity: .6; font-weight: normal; }
td { white-space: pre; max-width: 480px; overflow: hidden; text-overflow: ellipsis; padding: 0 8px; border-bottom: 1px solid var(--vscode-panel-border); }
td.num, th.num { opacity: .6; text-align: right; }
td.null { font-style: italic; opacity: .55; }
td.sel { background: var(--vscode-editor-selectionBackground); }
</style></head>
<body>
<div id="bar">
<input id="filter" placeholder="${L("Filter rows")}">
<button id="copy-tsv">${L("Copy")}</button><button id="copy-csv">CSV</button><button id="copy-json">JSON</button>
<button id="next">${L("Next page")}</button><button id="export">${L("Export…")}</button><button id="cancel">${L("Cancel")}</button>
<span id="status"></span>
</div>
<div id="error"></div>
<div id="scroller"><table><thead><tr id="head"></tr></thead><tbody id="body"></tbody></table></div>
<script nonce="${opts.nonce}">window.dblsLabels = ${JSON.stringify(opts.labels).replace(/</g, "\\u003c")};</script>
<script nonce="${opts.nonce}" src="${opts.script}"></script>
</body></html>`;
}

export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
