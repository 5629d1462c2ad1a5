// A plugin pane in a webview: the EXPLAIN plan pane opened on a SELECT of
// the PostgreSQL database shows the plan tree (collapsible), and its
// "Run EXPLAIN ANALYZE" button goes through dbls.paneMessage and back.
import { join } from "node:path";

export async function run({ page, log, art, engines, command, findFrame }) {
  if (!engines.some((e) => e.name === "pg")) {
    log("pane: no PostgreSQL, skipped");
    return;
  }
  // One editor group, so that the pane opens beside a single editor; the
  // query is a new one bound to pg, as the explorer's New Query makes it
  // (a file written now may not be in quick open's index yet).
  await command(page, "View: Close All Editor Groups");
  await newQuery(page, command, "pg", "SELECT f.title, count(*) FROM film f JOIN inventory i ON i.film_id = f.film_id GROUP BY f.title;");
  await command(page, "dbls: Explain Plan (pane)");
  const pane = await findFrame(page, ".explain[data-mode=plan] #plan-tree", 60_000);
  const labels = await pane.locator("#plan-tree .node-label").allTextContents();
  for (const want of [/Join/, /Seq Scan on film f/, /Seq Scan on inventory i/]) {
    if (!labels.some((l) => want.test(l))) throw new Error(`the plan tree lacks ${want}: ${labels.join(" | ")}`);
  }
  // Collapsible: a node's summary folds its inputs away.
  const top = pane.locator("#plan-tree > li > details").first();
  await top.locator(":scope > summary").click();
  if ((await top.getAttribute("open")) !== null) throw new Error("clicking the top node did not fold it");
  await top.locator(":scope > summary").click();
  await page.screenshot({ path: join(art, "pane.png") });
  log(`pane: EXPLAIN plan tree with ${labels.length} nodes: ${labels.join(" > ")}`);

  // A message to the plugin: EXPLAIN ANALYZE of this SELECT, the page replaced.
  await pane.locator("#toggle").click();
  const analyzed = await findFrame(page, ".explain[data-mode=analyze] #plan-tree", 60_000);
  const summary = await analyzed.locator("#plan-tree .node-summary").first().textContent();
  if (!/actual/.test(summary)) throw new Error(`EXPLAIN ANALYZE shows no actual times: ${summary}`);
  await page.screenshot({ path: join(art, "pane-analyze.png") });
  log("pane: EXPLAIN ANALYZE through dbls.paneMessage:", summary.trim());

  // The quick pick of dbls.listPanes opens the pane again, on the query's
  // editor (the first pane, now in ANALYZE mode, stays as it is).
  const editor = page.locator(".editor-group-container .monaco-editor .view-lines").first();
  await editor.click();
  await page.keyboard.press("Control+End");
  await command(page, "dbls: Open Pane…");
  const item = page.locator(".quick-input-list .monaco-list-row", { hasText: "EXPLAIN plan" }).first();
  await item.waitFor();
  await item.click();
  const again = await findFrame(page, ".explain[data-mode=plan] #plan-tree", 60_000);
  log(`pane: opened from dbls: Open Pane… (${await again.locator("#plan-tree .node-label").count()} nodes)`);
  // Leave no unsaved query behind (closing it would ask whether to save).
  await editor.click();
  await command(page, "View: Revert and Close Editor");
  await command(page, "View: Close All Editor Groups");
}

// newQuery opens a new query on connection (dbls: New Query) and types sql
// on its second line, leaving the cursor in it.
async function newQuery(page, command, connection, sql) {
  await command(page, "dbls: New Query");
  const pick = page.locator(".quick-input-list .monaco-list-row", { has: page.locator(".label-name", { hasText: new RegExp(`^${connection}$`) }) }).first();
  await pick.waitFor();
  await pick.click();
  await page.locator(".tab.active", { hasText: "Untitled" }).first().waitFor();
  const editor = page.locator(".editor-group-container.active .monaco-editor .view-lines").first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText(sql);
  await page.keyboard.press("Escape");
}
