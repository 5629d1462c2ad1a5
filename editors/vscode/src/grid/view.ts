// The results grid, running inside the webview. It renders only the rows in
// view (see visibleWindow), sorts and filters on the client and sends the
// host what needs VS Code or the server: copying to the clipboard, the next
// page, cancel, export.
import { arrange, copyText, CopyFormat, display, Page, summary, visibleWindow } from "./model";

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void };
const vscode = acquireVsCodeApi();

const ROW = 24;
const labels: Record<string, string> = (window as unknown as { dblsLabels?: Record<string, string> }).dblsLabels || {};
const t = (s: string, ...a: (string | number)[]) => (labels[s] || s).replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)]));

let page: Page = { columns: [], rows: [] };
let rows: unknown[][] = [];
let order: number[] = [];
let sortColumn: number | undefined;
let descending = false;
let anchor: { r: number; c: number } | undefined;
let focus: { r: number; c: number } | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const scroller = $<HTMLDivElement>("scroller");
const body = $<HTMLTableSectionElement>("body");
const head = $<HTMLTableRowElement>("head");
const status = $<HTMLSpanElement>("status");
const filter = $<HTMLInputElement>("filter");

function rearrange() {
  order = arrange(rows, { sortColumn, descending, filter: filter.value });
  renderHead();
  renderRows();
  // Counted over every page loaded so far, not just the last one.
  status.textContent = summary({ ...page, rows }, order.length, t);
}

function renderHead() {
  head.replaceChildren();
  const num = document.createElement("th");
  num.className = "num";
  num.textContent = "#";
  head.appendChild(num);
  (page.columns || []).forEach((col, i) => {
    const th = document.createElement("th");
    th.title = col.type ? `${col.name}: ${col.type}` : col.name;
    const name = document.createElement("span");
    name.textContent = col.name + (sortColumn === i ? (descending ? " ▼" : " ▲") : "");
    const type = document.createElement("span");
    type.className = "type";
    type.textContent = col.type || "";
    th.append(name, type);
    th.onclick = () => {
      if (sortColumn === i) descending = !descending;
      else (sortColumn = i), (descending = false);
      rearrange();
    };
    head.appendChild(th);
  });
}

function selected(r: number, c: number): boolean {
  if (!anchor || !focus) return false;
  return r >= Math.min(anchor.r, focus.r) && r <= Math.max(anchor.r, focus.r) && c >= Math.min(anchor.c, focus.c) && c <= Math.max(anchor.c, focus.c);
}

function spacer(height: number): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.style.height = `${height}px`;
  return tr;
}

function renderRows() {
  const w = visibleWindow(order.length, ROW, scroller.scrollTop, scroller.clientHeight || 600);
  const out: HTMLTableRowElement[] = [spacer(w.top)];
  for (let pos = w.first; pos < w.last; pos++) {
    const r = order[pos];
    const tr = document.createElement("tr");
    tr.style.height = `${ROW}px`;
    const num = document.createElement("td");
    num.className = "num";
    num.textContent = String(r + 1);
    tr.appendChild(num);
    rows[r].forEach((v, c) => {
      const td = document.createElement("td");
      td.textContent = display(v);
      if (v === null || v === undefined) td.className = "null";
      if (selected(pos, c)) td.classList.add("sel");
      td.onmousedown = (e) => {
        if (e.shiftKey && anchor) focus = { r: pos, c };
        else anchor = focus = { r: pos, c };
        renderRows();
      };
      tr.appendChild(td);
    });
    out.push(tr);
  }
  out.push(spacer(w.bottom));
  body.replaceChildren(...out);
}

function selection() {
  const cols = (page.columns || []).map((_, i) => i);
  if (!anchor || !focus) return { rows: order, columns: cols };
  const rs: number[] = [];
  for (let p = Math.min(anchor.r, focus.r); p <= Math.max(anchor.r, focus.r); p++) rs.push(order[p]);
  const cs = cols.filter((c) => c >= Math.min(anchor!.c, focus!.c) && c <= Math.max(anchor!.c, focus!.c));
  return { rows: rs, columns: cs };
}

function copy(format: CopyFormat) {
  const sel = selection();
  const single = sel.rows.length === 1 && sel.columns.length === 1;
  vscode.postMessage({ type: "copy", text: copyText(page.columns || [], rows, sel, format, !single) });
}

scroller.addEventListener("scroll", () => requestAnimationFrame(renderRows));
window.addEventListener("resize", renderRows);
filter.addEventListener("input", rearrange);
document.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === "c" && document.activeElement !== filter) {
    e.preventDefault();
    copy("tsv");
  }
});
for (const f of ["tsv", "csv", "json"] as CopyFormat[]) $(`copy-${f}`).onclick = () => copy(f);
$("next").onclick = () => vscode.postMessage({ type: "nextPage" });
$("cancel").onclick = () => vscode.postMessage({ type: "cancel" });
$("export").onclick = () => vscode.postMessage({ type: "export" });

window.addEventListener("message", (e: MessageEvent) => {
  const msg = e.data as { type: string; page?: Page; append?: boolean; message?: string };
  document.body.classList.toggle("running", msg.type === "running");
  $("error").textContent = msg.type === "error" ? msg.message || "" : "";
  if (msg.type === "running") status.textContent = t("Running…");
  if (msg.type === "error") status.textContent = "";
  if (msg.type !== "page" || !msg.page) return;
  page = msg.page;
  rows = msg.append ? rows.concat(page.rows || []) : page.rows || [];
  if (!msg.append) anchor = focus = undefined;
  ($("next") as HTMLButtonElement).disabled = !page.hasMore;
  rearrange();
});
vscode.postMessage({ type: "ready" });
