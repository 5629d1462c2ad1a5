// The connection form, inside the webview: sections shown for the chosen
// driver, values checked as typed; Test and Save go to the host.
import { connection, fields, Manifest, pathKind, validate, Values } from "./model";

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void };
const vscode = acquireVsCodeApi();
const labels: Record<string, string> = (window as unknown as { dblsLabels?: Record<string, string> }).dblsLabels || {};
const t = (s: string) => labels[s] || s;

const form = document.getElementById("form") as HTMLFormElement;
const driver = document.getElementById("driver") as HTMLSelectElement;
const problem = document.getElementById("problem")!;
const hops = document.getElementById("hops")!;
let manifests: Manifest[] = [];

const current = () => manifests.find((m) => m.id === driver.value);

function values(): Values {
  const v: Values = {};
  for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input[name], select[name]"))) {
    v[el.name] = el instanceof HTMLInputElement && el.type === "checkbox" ? el.checked : el.value;
  }
  return v;
}

function layout() {
  const m = current();
  const shown = new Set<string>(fields(m));
  for (const el of Array.from(form.querySelectorAll<HTMLElement>("[data-field]"))) el.classList.toggle("hidden", !shown.has(el.dataset.field!));
  const port = form.querySelector<HTMLInputElement>('input[name="port"]')!;
  port.placeholder = m?.default_port ? String(m.default_port) : "";
  // A folder of files (the CSV driver) is picked as a folder.
  const pathLabel = document.getElementById("path-label")!;
  pathLabel.textContent = pathLabel.dataset[pathKind(m)] || "";
  document.body.dataset.pathKind = pathKind(m);
  check();
}

function check(): boolean {
  const why = validate(current(), values());
  problem.textContent = why ? t(why) : "";
  return why === "";
}

function send(type: "test" | "save") {
  if (!check()) return;
  hops.replaceChildren();
  vscode.postMessage({ type, connection: connection(current()!, values()) });
}

driver.onchange = layout;
form.addEventListener("input", check);
document.getElementById("test")!.onclick = () => send("test");
document.getElementById("save")!.onclick = () => send("save");
document.getElementById("browse")!.onclick = () => vscode.postMessage({ type: "browse", folder: pathKind(current()) === "folder" });

window.addEventListener("message", (e: MessageEvent) => {
  const m = e.data as { type: string; drivers?: Manifest[]; path?: string; ok?: boolean; hops?: { step: string; ok: boolean; detail?: string }[]; message?: string };
  if (m.type === "drivers") {
    manifests = m.drivers || [];
    driver.replaceChildren(...manifests.map((d) => Object.assign(document.createElement("option"), { value: d.id, textContent: d.name })));
    layout();
  } else if (m.type === "path") {
    form.querySelector<HTMLInputElement>('input[name="path"]')!.value = m.path || "";
    check();
  } else if (m.type === "tested") {
    document.body.dataset.tested = m.ok ? "ok" : "failed";
    hops.replaceChildren(
      ...(m.hops || []).map((h) => Object.assign(document.createElement("div"), { className: h.ok ? "ok" : "failed", textContent: `${h.step}${h.detail ? ": " + h.detail : ""}` }))
    );
  } else if (m.type === "error") {
    problem.textContent = m.message || "";
  }
});
vscode.postMessage({ type: "ready" });
