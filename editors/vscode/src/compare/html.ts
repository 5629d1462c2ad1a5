// The schema compare page; its script and labels come from the extension.
import { escapeHTML } from "../grid/html";

export function compareHTML(opts: { script: string; cspSource: string; nonce: string; labels: Record<string, string> }): string {
  const L = (s: string) => escapeHTML(opts.labels[s] || s);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${opts.cspSource}; script-src 'nonce-${opts.nonce}';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); display: flex; flex-direction: column; height: 100vh; margin: 0; }
form, #actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px; }
input[type=text] { flex: 1 1 200px; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 3px 10px; cursor: pointer; }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button:disabled { opacity: .5; cursor: default; }
#kinds { padding: 0 6px; display: flex; flex-wrap: wrap; gap: 10px; opacity: .9; }
main { flex: 1; min-height: 0; display: flex; gap: 8px; padding: 6px; }
#items { flex: 1; overflow: auto; }
#sql { flex: 1; overflow: auto; margin: 0; padding: 6px; background: var(--vscode-textCodeBlock-background); font-family: var(--vscode-editor-font-family); white-space: pre-wrap; }
summary { font-weight: bold; cursor: pointer; }
.item { padding: 1px 0 1px 14px; }
.item a { cursor: pointer; color: var(--vscode-textLink-foreground); margin-left: 4px; }
.badge { margin-left: 8px; font-size: 85%; padding: 0 4px; border-radius: 3px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.destructive .badge { background: var(--vscode-inputValidation-warningBackground); color: var(--vscode-foreground); }
.error { opacity: .6; }
.note { opacity: .8; font-style: italic; padding-top: 6px; }
#status { padding: 0 6px; opacity: .85; }
</style></head>
<body>
<form onsubmit="return false">
<label>${L("Source")} <input type="text" id="source" list="connections" placeholder="${L("connection, .sql file or .json snapshot")}"></label>
<button type="button" class="secondary" id="swap" title="${L("Switch direction")}">⇄</button>
<label>${L("Target")} <input type="text" id="target" list="connections" placeholder="${L("connection")}"></label>
<label><input type="checkbox" id="destructive"> ${L("Allow destructive changes")}</label>
<button type="button" id="compare">${L("Compare")}</button>
<datalist id="connections"></datalist>
</form>
<div id="kinds"></div>
<div id="actions"><button type="button" id="apply" disabled>${L("Apply")}</button><button type="button" class="secondary" id="save">${L("Save script…")}</button><span id="status"></span></div>
<main><div id="items"></div><pre id="sql"></pre></main>
<script nonce="${opts.nonce}">window.dblsLabels = ${JSON.stringify(opts.labels).replace(/</g, "\\u003c")};</script>
<script nonce="${opts.nonce}" src="${opts.script}"></script>
</body></html>`;
}
