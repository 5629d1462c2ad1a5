// A plugin pane in a webview: the EXPLAIN plan pane opened on a SELECT of
// the PostgreSQL database shows the plan tree (collapsible), and its
// "Run EXPLAIN ANALYZE" button goes through dbls.paneMessage and back.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export async function run({ page, log, art, ws, engines, command, openFile, findFrame }) {
  if (!engines.some((e) => e.name === "pg")) {
    log("pane: no PostgreSQL, skipped");
    return;
  }
  writeFileSync(join(ws, "plan.sql"), "-- dbls: connection=pg\nSELECT f.title, count(*) FROM film f JOIN inventory i ON i.film_id = f.film_id GROUP BY f.title;\n");
  // One editor group, so that the pane opens beside a single editor.
  await command(page, "View: Close All Editor Groups");
  await openFile(page, "plan.sql");
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
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
}
