// The results grid, running inside the webview. It renders only the rows in
// view (see visibleWindow), sorts and filters on the client and sends the
// host what needs VS Code or the server: copying to the clipboard, the next
// page, cancel, export, and the previews and application of edits (whose
// logic is in edit.ts).
import { arrange, copyText, CopyFormat, display, Page, summary, visibleWindow } from "./model";
import { Edits, parseInput } from "./edit";

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
// Pending changes, when the rows are editable; the cell being edited (r is
// a result row, or a new row's index when added); the last preview asked.
let edits: Edits | undefined;
let editing: { r: number; c: number; added: boolean; text: string; touched: boolean } | undefined;
let previewSeq = 0;

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
    if (edits?.deleted(r)) tr.className = "deleted";
    rows[r].forEach((_, c) => {
      const v = edits ? edits.value(rows, r, c) : rows[r][c];
      const td = cell(v, false, r, c);
      if (edits?.changed(r, c)) td.classList.add("changed");
      if (selected(pos, c)) td.classList.add("sel");
      td.dataset.pos = String(pos);
      td.onmousedown = (e) => {
        if (editing && !editing.added && editing.r === r && editing.c === c) return;
        if (e.shiftKey && anchor) focus = { r: pos, c };
        else anchor = focus = { r: pos, c };
        markSelection();
      };
      tr.appendChild(td);
    });
    out.push(tr);
  }
  out.push(spacer(w.bottom));
  body.replaceChildren(...out);
}

// cell is one grid cell: its value, or the editor when it is the one being edited.
function cell(v: unknown, added: boolean, r: number, c: number): HTMLTableCellElement {
  const td = document.createElement("td");
  td.dataset.col = String(c);
  if (editing && editing.added === added && editing.r === r && editing.c === c) {
    td.className = "edit-cell";
    const input = document.createElement("input");
    input.id = "cell-editor";
    input.value = editing.text;
    input.placeholder = v === null || v === undefined ? "NULL" : "";
    input.oninput = () => editing && ((editing.text = input.value), (editing.touched = true));
    input.onkeydown = (e) => {
      if (e.key === "Enter") commitEdit();
      else if (e.key === "Escape") (editing = undefined), render();
      e.stopPropagation();
    };
    input.onblur = () => commitEdit();
    td.appendChild(input);
    requestAnimationFrame(() => input.isConnected && document.activeElement !== input && input.focus());
    return td;
  }
  td.textContent = added && v === undefined ? "" : display(v);
  if (v === null || (!added && v === undefined)) td.className = "null";
  if (edits?.editableColumn(c)) td.ondblclick = () => startEdit(added, r, c);
  return td;
}

function startEdit(added: boolean, r: number, c: number) {
  if (!edits || !edits.editableColumn(c) || (!added && edits.deleted(r))) return;
  const v = added ? edits.newRows[r]?.[c] : edits.value(rows, r, c);
  editing = { r, c, added, text: v === null || v === undefined ? "" : display(v), touched: false };
  render();
}

// commitEdit keeps what was typed; an untouched NULL stays NULL (Set NULL
// makes a cell NULL, an emptied one holds the empty string).
function commitEdit() {
  const e = editing;
  if (!e || !edits) return;
  editing = undefined;
  const type = page.columns?.[e.c]?.type;
  if (e.added) {
    const old = edits.newRows[e.r]?.[e.c];
    if (e.touched || old !== undefined) edits.setNew(e.r, e.c, parseInput(e.text, old, type));
  } else {
    const old = rows[e.r][e.c];
    if (e.touched) edits.set(rows, e.r, e.c, parseInput(e.text, old, type));
  }
  render();
  changed();
}

// renderAdded shows the new rows above the result's, each with a button that drops it.
function renderAdded() {
  const out = (edits?.newRows || []).map((row, i) => {
    const tr = document.createElement("tr");
    tr.className = "added";
    tr.style.height = `${ROW}px`;
    const num = document.createElement("td");
    num.className = "num";
    num.textContent = "✕";
    num.style.cursor = "pointer";
    num.onclick = () => {
      edits!.removeNew(i);
      editing = undefined;
      render();
      changed();
    };
    tr.appendChild(num);
    row.forEach((v, c) => tr.appendChild(cell(v, true, i, c)));
    return tr;
  });
  $("added").replaceChildren(...out);
}

function render() {
  renderAdded();
  renderRows();
}

// changed shows the pending changes and asks the host for their SQL.
function changed() {
  const commands = edits ? edits.commands(rows) : [];
  document.body.classList.toggle("dirty", commands.length > 0);
  $("pending-count").textContent = commands.length === 1 ? t("1 pending change") : t("{0} pending changes", commands.length);
  ($("apply") as HTMLButtonElement).disabled = false;
  const list = $("pending-list");
  list.replaceChildren(
    ...commands.map(() => {
      const pre = document.createElement("pre");
      pre.className = "preview";
      pre.textContent = "…";
      return pre;
    })
  );
  if (commands.length) vscode.postMessage({ type: "preview", seq: ++previewSeq, commands });
}

function showPreviews(seq: number, items: { sql?: string; error?: string }[]) {
  if (seq !== previewSeq) return; // an older answer
  const pres = $("pending-list").querySelectorAll("pre");
  items.forEach((it, i) => {
    const pre = pres[i];
    if (!pre) return;
    pre.textContent = it.sql ?? it.error ?? "";
    pre.classList.toggle("failed", !it.sql);
  });
}

// markSelection restyles the rendered cells in place: replacing them would
// lose the second click of a double-click.
function markSelection() {
  body.querySelectorAll<HTMLTableCellElement>("td[data-pos]").forEach((td) => td.classList.toggle("sel", selected(Number(td.dataset.pos), Number(td.dataset.col))));
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

$("add-row").onclick = () => {
  if (!edits) return;
  const i = edits.addRow();
  const first = (page.columns || []).findIndex((_, c) => edits!.editableColumn(c));
  scroller.scrollTop = 0;
  startEdit(true, i, Math.max(first, 0));
  changed();
};
$("delete-rows").onclick = () => {
  if (!edits || !anchor || !focus) return;
  edits.toggleDelete(selection().rows);
  render();
  changed();
};
// Set NULL keeps the editor's focus (mousedown), and makes NULL the cell
// being edited, else every selected cell.
$("set-null").onmousedown = (e) => e.preventDefault();
$("set-null").onclick = () => {
  if (!edits) return;
  const e = editing;
  if (e) {
    editing = undefined;
    if (e.added) edits.setNew(e.r, e.c, null);
    else edits.set(rows, e.r, e.c, null);
  } else if (anchor && focus) {
    const sel = selection();
    for (const r of sel.rows) for (const c of sel.columns) edits.set(rows, r, c, null);
  }
  render();
  changed();
};
$("apply").onclick = () => {
  if (!edits) return;
  ($("apply") as HTMLButtonElement).disabled = true;
  status.textContent = t("Applying…");
  vscode.postMessage({ type: "apply", commands: edits.commands(rows) });
};
$("discard").onclick = () => {
  edits?.discard();
  editing = undefined;
  render();
  changed();
};
scroller.addEventListener("scroll", () => requestAnimationFrame(renderRows));
window.addEventListener("resize", renderRows);
filter.addEventListener("input", rearrange);
document.addEventListener("keydown", (e) => {
  const typing = document.activeElement instanceof HTMLInputElement;
  if ((e.ctrlKey || e.metaKey) && e.key === "c" && !typing) {
    e.preventDefault();
    copy("tsv");
  }
  if (e.key === "Enter" && !typing && focus && order[focus.r] !== undefined) {
    e.preventDefault();
    startEdit(false, order[focus.r], focus.c);
  }
});
for (const f of ["tsv", "csv", "json"] as CopyFormat[]) $(`copy-${f}`).onclick = () => copy(f);
$("next").onclick = () => vscode.postMessage({ type: "nextPage" });
$("cancel").onclick = () => vscode.postMessage({ type: "cancel" });
$("export").onclick = () => vscode.postMessage({ type: "export" });

window.addEventListener("message", (e: MessageEvent) => {
  const msg = e.data as { type: string; page?: Page; append?: boolean; message?: string; seq?: number; done?: number; items?: { sql?: string; error?: string }[] };
  if (msg.type === "previews") return showPreviews(msg.seq ?? -1, msg.items || []);
  if (msg.type === "applyFailed") {
    edits?.applied(rows, msg.done ?? 0);
    render();
    changed();
    $("error").textContent = msg.message || "";
    ($("apply") as HTMLButtonElement).disabled = false;
    status.textContent = "";
    return;
  }
  document.body.classList.toggle("running", msg.type === "running");
  $("error").textContent = msg.type === "error" ? msg.message || "" : "";
  if (msg.type === "running") status.textContent = t("Running…");
  if (msg.type === "error") status.textContent = "";
  if (msg.type !== "page" || !msg.page) return;
  page = msg.page;
  rows = msg.append ? rows.concat(page.rows || []) : page.rows || [];
  if (!msg.append) {
    anchor = focus = undefined;
    editing = undefined;
    edits = page.editable ? new Edits(page.editable, page.columns || []) : undefined;
    document.body.classList.toggle("editable", !!edits);
    document.body.dataset.editable = String(!!edits);
    $("editnote").textContent = !edits && page.notEditable ? t("Editing is off: {0}", page.notEditable) : "";
    changed();
  }
  ($("next") as HTMLButtonElement).disabled = !page.hasMore;
  rearrange();
  renderAdded();
});
vscode.postMessage({ type: "ready" });
