// The CSV example driver (server/plugin/external/csvdriver, an external
// driver in Python) in every panel: connections to folders of CSV files are
// added to the workspace's .dbls.toml; the explorer lists their tables and
// columns, the ER diagram draws them, a query fills the grid, compare lists
// the differences of two folders (a read-only target: nothing can be
// ticked) and the SQL that creates a folder's tables in SQLite (the driver
// speaks SQLite), the connection form offers the driver with a folder and tests
// green, and the status bar spins while a large folder loads and shows an
// error for a missing one. Called by drive.mjs with its page and helpers.
import { copyFileSync, mkdirSync, appendFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

// dbls serve finds the CSV driver through DBLS_PLUGIN_PATH: drive.mjs
// imports this module before it starts code-server, whose environment
// (and so the language server's) is this process's.
const csvdriver = resolve("server/plugin/external/csvdriver");
process.env.DBLS_PLUGIN_PATH = [csvdriver, process.env.DBLS_PLUGIN_PATH].filter(Boolean).join(":");

export async function run({ page, ws, art, log, row, command, openFile, findFrame, until, menuItem }) {
  // Two folders that differ (customer lacks balance in the second, which
  // has a store table), a large one that takes a while to load, and a
  // connection to a folder that does not exist.
  const rental = join(ws, "rental");
  const rental2 = join(ws, "rental2");
  const slow = join(ws, "slowcsv");
  for (const d of [rental, rental2, slow]) mkdirSync(d, { recursive: true });
  for (const f of ["country.csv", "customer.csv"]) copyFileSync(join(csvdriver, "testdata", "rental", f), join(rental, f));
  copyFileSync(join(csvdriver, "testdata", "rental", "country.csv"), join(rental2, "country.csv"));
  writeFileSync(join(rental2, "customer.csv"), "customer_id,country_id,email,first_name,last_name,active\n1,3,ada@example.org,Ada,Lovelace,1\n");
  writeFileSync(join(rental2, "store.csv"), "store_id,city\n1,Lethbridge\n");
  const big = ["payment_id,amount,note"];
  for (let i = 1; i <= 400_000; i++) big.push(`${i},${(i % 1000) / 10},n${i}`);
  writeFileSync(join(slow, "payment.csv"), big.join("\n") + "\n");
  appendFileSync(
    join(ws, ".dbls.toml"),
    [["rental", rental], ["rental2", rental2], ["slowcsv", slow], ["nocsv", join(ws, "no-such-folder")]].map(([n, p]) => `\n[connections.${n}]\nurl = "csv://${p}"\n`).join("")
  );
  writeFileSync(join(ws, "rental.sql"), "-- dbls: connection=rental\nSELECT customer_id, first_name, balance FROM customer ORDER BY customer_id;\n");
  writeFileSync(join(ws, "slow.sql"), "-- dbls: connection=slowcsv\nSELECT count(*) FROM payment;\n");
  writeFileSync(join(ws, "missing.sql"), "-- dbls: connection=nocsv\nSELECT 1;\n");

  await command(page, "View: Close All Editors");
  // The explorer lists the new connections once the server has read the
  // changed .dbls.toml (it watches it) and the tree is refreshed.
  // The side bar is shown again on every round: a click that landed while
  // it was opening (a busy machine) closed it, and the rows then never
  // become visible (seen in CI: an empty window, the dbls icon unchecked).
  await until(async () => {
    if ((await page.locator('.activitybar [aria-label^="dbls"].checked').count()) === 0) await page.locator('.activitybar [aria-label^="dbls"]').first().click();
    await command(page, "dbls: Refresh");
    return (await row("rental").count()) > 0 && (await row("rental").isVisible());
  }, 90_000, "the explorer does not list the csv connection rental");
  // Collapse what earlier steps opened, so that "main" is rental's.
  await until(async () => {
    const open = page.locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]');
    if ((await open.count()) === 0) return true;
    await open.first().click();
  }, 30_000, "the explorer's connections do not collapse");
  for (const name of ["rental", "main", "Tables", "customer"]) {
    await row(name).click();
    log("csv: expanded", name);
  }
  await row("first_name").waitFor();
  await row("balance").waitFor();
  await row("country").waitFor();
  log("csv: the explorer shows the CSV tables and the columns of customer");

  // The ER diagram of the folder: both tables (no foreign keys).
  await row("main").click({ button: "right" });
  await menuItem(page, "Show ER Diagram");
  const diagram = await findFrame(page, "#diagram", 60_000);
  const drawn = Number(await diagram.locator("#diagram").getAttribute("data-tables"));
  if (drawn !== 2) throw new Error(`the csv diagram draws ${drawn} tables, not 2`);
  await page.screenshot({ path: join(art, "csv-diagram.png") });
  log("csv: ER diagram of the folder: 2 tables");
  await command(page, "View: Close All Editors");

  // A query into the grid; the status bar names the connection.
  await openFile(page, "rental.sql");
  await page.locator('.statusbar-item:has-text("rental")').first().waitFor();
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await command(page, "dbls: Run Statement at Cursor");
  let grid;
  await until(async () => {
    for (const f of page.frames()) {
      try {
        if ((await f.locator("tbody td", { hasText: "Lovelace" }).count()) + (await f.locator("tbody td", { hasText: "Ada" }).count()) > 0) return (grid = f);
      } catch {}
    }
  }, 60_000, "no grid with the csv rows");
  await grid.locator("#status").filter({ hasText: /3 rows/ }).waitFor();
  const cells = await grid.locator("tbody td").allTextContents();
  for (const want of ["Ada", "Grace", "12.5"]) if (!cells.includes(want)) throw new Error(`the csv grid lacks ${want}: ${cells.join(" | ")}`);
  await page.screenshot({ path: join(art, "csv.png") });
  log("csv: grid:", (await grid.locator("#status").textContent()).trim());
  await command(page, "View: Close All Editors");

  // Compare two folders: every difference listed, none can be ticked (the
  // target's driver writes no DDL), and the reason is shown.
  await command(page, "dbls: Compare Schemas…");
  const cmp = await findFrame(page, "#compare", 60_000);
  await cmp.locator("body[data-ready='1']").waitFor({ timeout: 60_000 });
  await cmp.locator("#source").fill("rental");
  await cmp.locator("#target").fill("rental2");
  await cmp.locator("#compare").click();
  await cmp.locator(".item").first().waitFor();
  for (const id of ["column.add:main.customer.balance", "table.drop:main.store"]) {
    const it = cmp.locator(`.item.error[data-id="${id}"]`);
    await it.waitFor();
    if (!(await it.locator("input").isDisabled())) throw new Error(`compare item ${id} of a read-only target can be ticked`);
    if (!/read-only/.test(await it.textContent())) throw new Error(`compare item ${id} does not say why: ${await it.textContent()}`);
  }
  if (!(await cmp.locator("#apply").isDisabled())) throw new Error("Apply is enabled for a read-only target");
  await page.screenshot({ path: join(art, "csv-compare.png") });
  log(`csv: compare of two folders: ${await cmp.locator(".item").count()} differences, none selectable (read-only target)`);
  // Beside SQLite (the CSV driver speaks SQLite): the folder's tables can be
  // created there, with their SQL.
  await cmp.locator("#target").fill("shop");
  await cmp.locator("#compare").click();
  const create = cmp.locator('.item[data-id="table.create:main.customer"]');
  await create.waitFor();
  if ((await create.locator("input").isDisabled()) || (await create.locator(".badge").count()) > 0) throw new Error("compare csv → sqlite: creating customer cannot be ticked");
  await create.locator("input").setChecked(true);
  await cmp.locator("#sql", { hasText: 'CREATE TABLE "main"."customer"' }).waitFor();
  log("csv: compare of a folder with SQLite: its tables can be created there");
  await command(page, "View: Close All Editors");

  // The connection form: the csv driver asks for a folder, and tests green.
  await command(page, "dbls: Add Connection");
  const form = await findFrame(page, "#driver", 60_000);
  await form.locator("#driver option[value=csv]").waitFor({ state: "attached" });
  await form.locator("#driver").selectOption("csv");
  await form.locator("body[data-path-kind=folder]").waitFor();
  const pathLabel = (await form.locator("#path-label").textContent()).trim();
  if (pathLabel !== "Database folder") throw new Error(`the csv form's path is labelled ${pathLabel}`);
  if (await form.locator('input[name="host"]').isVisible()) throw new Error("the csv form asks for a host");
  await form.locator('input[name="name"]').fill("csvform");
  await form.locator('input[name="path"]').fill(rental);
  await form.locator("#test").click();
  await form.locator("body[data-tested=ok]").waitFor();
  await page.screenshot({ path: join(art, "csv-connection-form.png") });
  await form.locator("#save").click();
  await row("csvform").waitFor();
  log("csv: connection form: a folder, tested green, saved, listed in the explorer");
  await command(page, "View: Close All Editors");

  // The status bar while a large folder loads: it spins, then names the
  // connection. An observer records the spin, however short it is.
  await page.evaluate(() => {
    const bar = document.querySelector(".part.statusbar") || document.body;
    const look = () => {
      for (const el of bar.querySelectorAll(".statusbar-item")) {
        if (el.textContent.includes("slowcsv") && el.querySelector('[class*="spin"]')) window.__dblsSpun = true;
      }
    };
    new MutationObserver(look).observe(bar, { subtree: true, childList: true, attributes: true, characterData: true });
    look();
  });
  const started = Date.now();
  await openFile(page, "slow.sql");
  const slowItem = page.locator(".statusbar-item", { hasText: "slowcsv" }).first();
  await slowItem.waitFor();
  // A picture of the spinner when it is still there (not asserted: the
  // observer is).
  if ((await slowItem.locator('[class*="spin"]').count()) > 0) await page.screenshot({ path: join(art, "csv-status-loading.png") });
  await until(async () => (await page.evaluate(() => window.__dblsSpun === true)) && (await slowItem.locator('[class*="spin"]').count()) === 0, 120_000, "the status bar did not spin and settle for slowcsv");
  if ((await slowItem.locator(".codicon-error").count()) > 0) throw new Error("slowcsv failed to load");
  await page.screenshot({ path: join(art, "csv-status.png") });
  log(`csv: the status bar spun while slowcsv loaded, then named it (${((Date.now() - started) / 1000).toFixed(1)}s)`);

  // A folder that does not exist: the item shows the error.
  await openFile(page, "missing.sql");
  await page.locator(".statusbar-item", { hasText: "nocsv" }).first().locator(".codicon-error").waitFor();
  log("csv: the status bar shows the failed read of nocsv");
}
