// The schema compare view, inside the webview: a source and a target, the
// differences grouped by kind with checkboxes, the SQL of the selection,
// Apply and Save. The host compares, applies and opens diff editors.
import { blocked, closure, groups, Item, Plan, script } from "./model";

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void };
const vscode = acquireVsCodeApi();
const labels: Record<string, string> = (window as unknown as { dblsLabels?: Record<string, string> }).dblsLabels || {};
const t = (s: string, ...a: (string | number)[]) => (labels[s] || s).replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)]));

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const source = $<HTMLInputElement>("source");
const target = $<HTMLInputElement>("target");
const destructive = $<HTMLInputElement>("destructive");
const list = $<HTMLDivElement>("items");
const sql = $<HTMLPreElement>("sql");
const status = $<HTMLDivElement>("status");
const kinds = $<HTMLDivElement>("kinds");

let plan: Plan | undefined;
let chosen = new Set<string>();
let hidden = new Set<string>();
// What the last apply did, kept in the status line over the re-compare that follows it.
let applied = "";

function selection(): Item[] {
  return plan ? closure(plan.items, chosen) : [];
}

function render() {
  list.replaceChildren();
  kinds.replaceChildren();
  if (!plan) return;
  const all = groups(plan.items);
  for (const g of all) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = !hidden.has(g.kind);
    box.onchange = () => {
      if (box.checked) hidden.delete(g.kind);
      else hidden.add(g.kind);
      render();
    };
    label.append(box, ` ${g.kind} (${g.items.length})`);
    kinds.appendChild(label);
  }
  const shown = new Set(all.map((g) => g.kind).filter((k) => !hidden.has(k)));
  for (const g of groups(plan.items, shown)) {
    const box = document.createElement("details");
    box.open = true;
    const sum = document.createElement("summary");
    sum.textContent = `${g.kind} (${g.items.length})`;
    box.appendChild(sum);
    for (const it of g.items) box.appendChild(row(it));
    list.appendChild(box);
  }
  if (plan.items.length === 0) list.textContent = t("No differences.");
  for (const n of plan.notes) {
    const p = document.createElement("div");
    p.className = "note";
    p.textContent = n;
    list.appendChild(p);
  }
  const sel = selection();
  sql.textContent = script(plan, sel);
  const why = blocked(sel, destructive.checked);
  const apply = $<HTMLButtonElement>("apply");
  apply.disabled = sel.length === 0 || why !== "";
  apply.title = why;
  apply.textContent = t("Apply {0}", sel.length);
}

function row(it: Item): HTMLElement {
  const div = document.createElement("div");
  div.className = "item" + (it.destructive ? " destructive" : "") + (it.error ? " error" : "");
  div.dataset.id = it.id;
  const box = document.createElement("input");
  box.type = "checkbox";
  box.checked = chosen.has(it.id);
  box.disabled = !!it.error;
  box.onchange = () => {
    if (box.checked) chosen.add(it.id);
    else chosen.delete(it.id);
    render();
  };
  const name = document.createElement("a");
  name.textContent = it.label;
  name.title = t("Open the source and target definitions side by side");
  name.onclick = () => vscode.postMessage({ type: "diff", id: it.id });
  div.append(box, name);
  if (it.destructive) div.append(badge("⚠ " + t("destructive")));
  if (it.error) div.append(badge(it.error));
  return div;
}

function badge(text: string): HTMLElement {
  const s = document.createElement("span");
  s.className = "badge";
  s.textContent = text;
  return s;
}

$("compare").onclick = () => {
  status.textContent = t("Comparing…");
  vscode.postMessage({ type: "compare", source: source.value, target: target.value, allowDestructive: destructive.checked });
};
$("swap").onclick = () => {
  [source.value, target.value] = [target.value, source.value];
};
destructive.onchange = render;
$("apply").onclick = () => vscode.postMessage({ type: "apply", ids: selection().map((i) => i.id), allowDestructive: destructive.checked });
$("save").onclick = () => plan && vscode.postMessage({ type: "save", text: script(plan, selection()) });

window.addEventListener("message", (e: MessageEvent) => {
  const m = e.data as { type: string; plan?: Plan; text?: string; source?: string; target?: string; connections?: string[] };
  if (m.type === "init") {
    // What the user typed before the panel's first message stays.
    source.value = source.value || m.source || "";
    target.value = target.value || m.target || "";
    const dl = $<HTMLDataListElement>("connections");
    dl.replaceChildren(...(m.connections || []).map((c) => Object.assign(document.createElement("option"), { value: c })));
    document.body.dataset.ready = "1"; // for the end-to-end test
  } else if (m.type === "plan" && m.plan) {
    plan = m.plan;
    chosen = new Set(plan.items.filter((i) => i.selected).map((i) => i.id));
    status.textContent = [applied, plan.items.length ? t("{0} differences", plan.items.length) : t("No differences.")].filter(Boolean).join(" ");
    applied = "";
    document.body.dataset.count = String(plan.items.length);
    render();
  } else if (m.type === "applied") {
    applied = m.text || "";
    status.textContent = applied;
  } else if (m.type === "status") {
    status.textContent = m.text || "";
  }
});
vscode.postMessage({ type: "ready" });
