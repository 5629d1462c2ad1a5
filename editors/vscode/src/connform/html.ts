// The connection form's page; its script and labels come from the extension.
import { escapeHTML } from "../grid/html";

export function formHTML(opts: { script: string; cspSource: string; nonce: string; labels: Record<string, string> }): string {
  const L = (s: string) => escapeHTML(opts.labels[s] || s);
  const input = (name: string, label: string, type = "text", placeholder = "") =>
    `<label data-field="${name.split(".")[0]}" class="row"><span>${L(label)}</span><input type="${type}" name="${name}" placeholder="${escapeHTML(placeholder)}"></label>`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${opts.cspSource}; script-src 'nonce-${opts.nonce}';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); max-width: 640px; padding: 10px 16px; }
.row { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
.row span { flex: 0 0 150px; }
input[type=text], input[type=password], input:not([type]), select { flex: 1; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 5px; }
fieldset { border: 1px solid var(--vscode-panel-border); margin: 10px 0; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; margin-right: 6px; }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.hidden { display: none; }
#problem { color: var(--vscode-errorForeground); min-height: 1.4em; }
#hops div.ok::before { content: "✓ "; color: var(--vscode-testing-iconPassed); }
#hops div.failed::before { content: "✗ "; color: var(--vscode-testing-iconFailed); }
.hint { opacity: .75; font-size: 90%; }
</style></head>
<body>
<h2>${L("New connection")}</h2>
<form id="form" onsubmit="return false">
<label class="row"><span>${L("Name")}</span><input type="text" name="name"></label>
<label class="row"><span>${L("Driver")}</span><select name="driver" id="driver"></select></label>
<div class="row" data-field="path"><span id="path-label" data-file="${L("Database file")}" data-folder="${L("Database folder")}">${L("Database file")}</span><input type="text" name="path"><button type="button" class="secondary" id="browse">${L("Browse…")}</button></div>
${input("host", "Host", "text", "127.0.0.1")}
${input("port", "Port")}
${input("user", "User")}
${input("database", "Database")}
${input("password", "Password", "password")}
${input("password_env", "Password from variable", "text", "PGPASSWORD")}
<p class="hint" data-field="password">${L("A password is kept in the OS keyring, never in settings or files.")}</p>
<label class="row" data-field="readonly"><span>${L("Read-only")}</span><input type="checkbox" name="readonly"></label>
<fieldset data-field="tls"><legend>TLS</legend>
<label class="row"><span>${L("Mode")}</span><select name="tls.mode"><option value="">${L("driver default")}</option><option>disable</option><option>require</option><option>verify-ca</option><option>verify-full</option></select></label>
${input("tls.ca_file", "CA file")}
</fieldset>
<fieldset data-field="ssh"><legend>SSH</legend>
${input("ssh.host", "Bastion host")}
${input("ssh.port", "Port", "text", "22")}
${input("ssh.user", "User")}
${input("ssh.key_file", "Key file", "text", "~/.ssh/id_ed25519")}
<label class="row"><span>${L("Use ssh-agent")}</span><input type="checkbox" name="ssh.agent"></label>
</fieldset>
<div id="problem"></div>
<button type="button" class="secondary" id="test">${L("Test")}</button><button type="button" id="save">${L("Save")}</button>
<div id="hops"></div>
</form>
<script nonce="${opts.nonce}">window.dblsLabels = ${JSON.stringify(opts.labels).replace(/</g, "\\u003c")};</script>
<script nonce="${opts.nonce}" src="${opts.script}"></script>
</body></html>`;
}
