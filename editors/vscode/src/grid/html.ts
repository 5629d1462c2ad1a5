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
body:not(.editable) .edit { display: none; }
#editnote { opacity: .7; font-style: italic; }
td.changed { background: var(--vscode-diffEditor-insertedTextBackground, rgba(155, 185, 85, .25)); }
tr.deleted td { text-decoration: line-through; opacity: .5; }
tr.added td { background: var(--vscode-diffEditor-insertedLineBackground, rgba(155, 185, 85, .15)); }
td.edit-cell { padding: 0; }
#cell-editor { width: 100%; box-sizing: border-box; font: inherit; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-focusBorder); }
#pending { display: none; border-bottom: 1px solid var(--vscode-panel-border); padding: 4px 6px; max-height: 30%; overflow: auto; }
body.dirty #pending { display: block; }
#pending pre { margin: 2px 0; font-family: var(--vscode-editor-font-family); white-space: pre-wrap; }
#pending pre.failed { color: var(--vscode-errorForeground); }
#pending button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 2px 10px; cursor: pointer; margin-right: 6px; }
#pending button#discard { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
</style></head>
<body>
<div id="bar">
<input id="filter" placeholder="${L("Filter rows")}">
<button id="copy-tsv">${L("Copy")}</button><button id="copy-csv">CSV</button><button id="copy-json">JSON</button>
<button id="next">${L("Next page")}</button><button id="export">${L("Export…")}</button><button id="cancel">${L("Cancel")}</button>
<button id="add-row" class="edit" title="${L("Double-click a cell to edit it")}">${L("Add row")}</button><button id="delete-rows" class="edit">${L("Delete row(s)")}</button><button id="set-null" class="edit">${L("Set NULL")}</button>
<span id="editnote"></span>
<span id="status"></span>
</div>
<div id="pending"><div id="pending-list"></div><button id="apply">${L("Apply")}</button><button id="discard">${L("Discard")}</button><span id="pending-count"></span></div>
<div id="error"></div>
<div id="scroller"><table><thead><tr id="head"></tr></thead><tbody id="added"></tbody><tbody id="body"></tbody></table></div>
<script nonce="${opts.nonce}">window.dblsLabels = ${JSON.stringify(opts.labels).replace(/</g, "\\u003c")};</script>
<script nonce="${opts.nonce}" src="${opts.script}"></script>
</body></html>`;
}

export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
