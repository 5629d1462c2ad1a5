// Drives code-server (VS Code 1.99 in the browser) with the dbls extension
// through Debian's chromium and asserts on the DOM: the explorer expands a
// real database down to its columns, and a query's rows reach the results
// grid. Screenshots go to $ARTIFACTS. Called by scripts/e2e-vscode.sh.
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { run as runEditSteps } from "./steps-edit.mjs";
import * as csvSteps from "./steps-csv.mjs"; // also points dbls serve at the CSV driver (DBLS_PLUGIN_PATH)
import { run as runPane } from "./steps-pane.mjs";

const env = (k) => {
  if (!process.env[k]) throw new Error(`${k} is not set (run scripts/e2e-vscode.sh)`);
  return process.env[k];
};
const { chromium } = createRequire(import.meta.url)(env("PLAYWRIGHT_CORE"));
const art = env("ARTIFACTS");
const dbls = env("DBLS_BIN");
const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

const work = mkdtempSync(join(tmpdir(), "dbls-e2e-vscode-"));
const ws = join(work, "project");
const userData = join(work, "user");
const exts = join(work, "extensions");
mkdirSync(ws, { recursive: true });
mkdirSync(join(userData, "User"), { recursive: true });

// The workspace: a SQLite database built from the README's example, bound
// as the default connection, and a query file.
execFileSync(dbls, ["query", `sqlite:${join(ws, "shop.db")}?mode=rwc`, "--file", "docs/examples/shop.sql"], { stdio: "ignore" });
// PostgreSQL and MariaDB, when their servers answer (CI starts them): a
// database each, with two related tables.
const engines = [];
const dbName = `dbls_e2e_vscode_${process.pid}`;
const engineSQL = "CREATE TABLE film (film_id integer PRIMARY KEY, title varchar(100) NOT NULL, rating varchar(5));\n" +
  "CREATE TABLE inventory (inventory_id integer PRIMARY KEY, film_id integer NOT NULL REFERENCES film (film_id));\n" +
  "INSERT INTO film VALUES (1, 'ACADEMY DINOSAUR', 'PG'), (2, 'ACE GOLDFINGER', 'G');\n";
writeFileSync(join(work, "engine.sql"), engineSQL);
const tryRun = (cmd, args) => {
  try {
    execFileSync(cmd, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
if (tryRun("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", `CREATE DATABASE ${dbName}`])) {
  engines.push({ name: "pg", url: `postgres://postgres@127.0.0.1:5432/${dbName}?sslmode=disable`, schema: "public", drop: () => tryRun("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]) });
}
if (tryRun("mysql", ["-uroot", "-h127.0.0.1", "-e", `CREATE DATABASE ${dbName}`])) {
  engines.push({ name: "maria", url: `mysql://root@127.0.0.1:3306/${dbName}`, schema: dbName, drop: () => tryRun("mysql", ["-uroot", "-h127.0.0.1", "-e", `DROP DATABASE IF EXISTS ${dbName}`]) });
}
if (process.env.DBLS_REQUIRE_SERVERS === "1" && engines.length < 2) throw new Error("PostgreSQL and MariaDB are required (DBLS_REQUIRE_SERVERS=1)");
for (const e of engines) execFileSync(dbls, ["query", e.url, "--file", join(work, "engine.sql")], { stdio: "ignore" });
writeFileSync(
  join(ws, ".dbls.toml"),
  `default_connection = "shop"\n\n[connections.shop]\nurl = "sqlite:shop.db"\n` + engines.map((e) => `\n[connections.${e.name}]\nurl = "${e.url}"\n`).join("")
);
writeFileSync(join(ws, "delete.sql"), "DELETE FROM reviews;\n");
writeFileSync(join(ws, "pages.sql"), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250) SELECT i FROM n;\n");
writeFileSync(join(ws, "complete.sql"), "SELECT * FROM ord");
if (engines.some((e) => e.name === "pg")) writeFileSync(join(ws, "sleep.sql"), "-- dbls: connection=pg\nSELECT pg_sleep(60);\n");
writeFileSync(join(ws, "query.sql"), "SELECT id, status FROM orders ORDER BY id;\n");
cpSync("docs/examples/shop_v2.sql", join(ws, "shop_v2.sql"));
writeFileSync(
  join(userData, "User", "settings.json"),
  JSON.stringify({
    "dbls.path": dbls,
    "workbench.startupEditor": "none",
    "security.workspace.trust.enabled": false,
    "workbench.tips.enabled": false,
    "extensions.autoCheckUpdates": false,
    "telemetry.telemetryLevel": "off",
  })
);
// The extension as VS Code installs it: the manifest and the bundle.
const ext = join(exts, "dbls.dbls-0.1.0");
for (const f of ["package.json", "package.nls.json", "package.nls.zh-cn.json", "l10n", "media", "dist"]) {
  cpSync(join(env("EXTENSION"), f), join(ext, f), { recursive: true });
}

const port = await new Promise((res) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const server = spawn(
  env("CODE_SERVER"),
  ["--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--user-data-dir", userData, "--extensions-dir", exts, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ws],
  {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    // dbls serve inherits these: its store (saved connections) and caches
    // stay in the scratch directory, not the user's.
    env: { ...process.env, XDG_DATA_HOME: join(work, "xdg-data"), XDG_CONFIG_HOME: join(work, "xdg-config"), XDG_CACHE_HOME: join(work, "xdg-cache") },
  }
);
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));

let browser;
let failed = false;
try {
  await waitForHTTP(`http://127.0.0.1:${port}/healthz`, 60_000);
  log("code-server is up on port", port);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(120_000); // a busy 2-core machine
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator(".monaco-workbench").waitFor();
  log("workbench loaded");

  // 1. The explorer: connection → schema → Tables → orders → its columns.
  await page.locator('.activitybar [aria-label^="dbls"]').first().click();
  // A tree row by its label (the description after it differs by engine).
  const row = (name) => page.locator(".monaco-list-row", { has: page.locator(".label-name", { hasText: new RegExp(`^${name}$`) }) }).first();
  for (const name of ["shop", "main", "Tables", "orders"]) {
    await row(name).click();
    log("expanded", name);
  }
  await row("status").waitFor();
  await row("customer_id").waitFor();
  await page.screenshot({ path: join(art, "explorer.png") });
  log("explorer shows the columns of orders");
  // Collapsed again, so that the next connection's rows of the same names come first.
  await row("shop").click();
  for (const e of engines) {
    for (const name of [e.name, e.schema, "Tables", "film"]) await row(name).click();
    await row("title").waitFor();
    await row("rating").waitFor();
    log(`explorer shows the columns of film on ${e.name}`);
    if (e !== engines[engines.length - 1]) await row(e.name).click();
  }
  await page.screenshot({ path: join(art, "explorer-engines.png") });

  // The ER diagram of the tables around orders (its keys both ways).
  await row("shop").click();
  await row("orders").click({ button: "right" });
  await menuItem(page, "Show ER Diagram");
  const diagram = await findFrame(page, "#diagram", 60_000);
  const drawn = Number(await diagram.locator("#diagram").getAttribute("data-tables"));
  if (drawn < 4) throw new Error(`the diagram around orders draws ${drawn} tables`);
  await page.screenshot({ path: join(art, "diagram.png") });
  log(`ER diagram around orders: ${drawn} tables`);
  await row("shop").click();

  // A connection made in the form: tested hop by hop, saved, in the explorer.
  await command(page, "dbls: Add Connection");
  const form = await findFrame(page, "#driver", 60_000);
  await form.locator("#driver option[value=sqlite]").waitFor({ state: "attached" });
  await form.locator("#driver").selectOption("sqlite");
  await form.locator('input[name="name"]').fill("formdb");
  await form.locator('input[name="path"]').fill(join(ws, "shop.db"));
  await form.locator("#test").click();
  await form.locator("body[data-tested=ok]").waitFor();
  await page.screenshot({ path: join(art, "connection-form.png") });
  const hopCount = await form.locator("#hops div.ok").count();
  await form.locator("#save").click();
  await row("formdb").waitFor();
  log(`connection form: tested green (${hopCount} hops), saved, listed in the explorer`);

  // 2. The status bar names the file's connection; a run fills the grid.
  await openFile(page, "query.sql");
  await page.locator('.statusbar-item:has-text("shop")').first().waitFor();
  log("status bar shows the connection");
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await command(page, "dbls: Run Statement at Cursor");
  const grid = await findFrame(page, "#status", 60_000);
  await grid.locator("#status").filter({ hasText: /rows?/ }).waitFor();
  const status = await grid.locator("#status").textContent();
  const cells = await grid.locator("tbody td").allTextContents();
  if (!cells.includes("delivered")) throw new Error(`the grid does not show the orders' rows: ${cells.slice(0, 20).join(" | ")}`);
  await page.screenshot({ path: join(art, "grid.png") });
  log("grid:", status);

  // 3. Sorting on the client: click the id header twice → descending.
  await grid.locator("th", { hasText: "id" }).first().click();
  await grid.locator("th", { hasText: "id" }).first().click();
  const first = await grid.locator("tbody tr:nth-child(2) td:nth-child(2)").textContent();
  const ids = (await grid.locator("tbody td:nth-child(2)").allTextContents()).map(Number);
  if (Number(first) !== Math.max(...ids)) throw new Error(`descending sort shows ${first} first, not ${Math.max(...ids)}`);
  await page.screenshot({ path: join(art, "grid-sorted.png") });
  log("sorted descending: first id", first);

  // Paging: 250 rows come 100 at a time; Next page appends the second page.
  await openFile(page, "pages.sql");
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await command(page, "dbls: Run Statement at Cursor");
  let pages;
  await until(async () => {
    for (const f of page.frames()) {
      try {
        if ((await f.locator("#status", { hasText: "100 rows" }).count()) > 0) return (pages = f);
      } catch {}
    }
  }, 60_000, "no grid with the first 100 rows");
  await pages.locator("#next").click();
  await pages.locator("#status", { hasText: "200 rows" }).waitFor();
  log("paging:", await pages.locator("#status").textContent());

  // Completion from the schema, in the editor.
  await openFile(page, "complete.sql");
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Control+Space");
  await page.locator(".suggest-widget .monaco-list-row", { hasText: "orders" }).first().waitFor();
  await page.screenshot({ path: join(art, "completion.png") });
  log("completion offers orders after FROM ord");
  await page.keyboard.press("Escape");

  // 4. A WHERE-less DELETE asks in a modal dialog, and runs when confirmed.
  await openFile(page, "delete.sql");
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await command(page, "dbls: Run Statement at Cursor");
  const dialog = page.locator(".monaco-dialog-box");
  await dialog.waitFor();
  const question = await dialog.textContent();
  if (!/WHERE/.test(question)) throw new Error(`the dialog asks: ${question}`);
  await page.screenshot({ path: join(art, "confirm-delete.png") });
  await dialog.locator(".monaco-button", { hasText: "Run anyway" }).click();
  await until(() => /^n\s+0\s*$/m.test(execFileSync(dbls, ["query", `sqlite:${join(ws, "shop.db")}`, "SELECT count(*) AS n FROM reviews", "--format", "csv"]).toString().replace(",", " ")), 60_000, "reviews were not deleted");
  log("WHERE-less DELETE confirmed in a dialog and run: reviews is empty");

  // 5. A long PostgreSQL query is cancelled from the grid.
  if (engines.some((e) => e.name === "pg")) {
    await openFile(page, "sleep.sql");
    await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("ArrowDown");
    await command(page, "dbls: Run Statement at Cursor");
    let sleepFrame;
    await until(async () => {
      for (const f of page.frames()) {
        try {
          if ((await f.locator("body.running #cancel").count()) > 0) return (sleepFrame = f);
        } catch {}
      }
    }, 60_000, "no running grid for pg_sleep");
    await sleepFrame.locator("#cancel").click();
    await sleepFrame.locator("#error", { hasText: /cancel/i }).waitFor();
    await page.screenshot({ path: join(art, "cancelled.png") });
    log("pg_sleep cancelled from the grid:", (await sleepFrame.locator("#error").textContent()).trim());
  }

  await runEditSteps({ page, engines, ws, art, dbName, log, openFile, command, until });

  // 6. Schema compare: the next version kept as code against the database;
  // tick two items, apply, the re-compare lacks them; apply the rest, the
  // re-compare is empty.
  await openFile(page, "shop_v2.sql");
  await command(page, "dbls: Compare Schemas");
  const cmp = await findFrame(page, "#compare", 60_000);
  await cmp.locator("body[data-ready='1']").waitFor({ timeout: 60_000 });
  await cmp.locator("#target").fill("shop");
  await cmp.locator("#compare").click();
  await cmp.locator(".item").first().waitFor();
  const before = await cmp.locator(".item").count();
  const keep = ["table.create:main.coupons", "column.add:main.customers.phone"];
  for (const id of await cmp.locator(".item").evaluateAll((els) => els.map((e) => e.dataset.id))) {
    await cmp.locator(`.item[data-id="${id}"] input`).setChecked(keep.includes(id));
  }
  await page.screenshot({ path: join(art, "compare.png") });
  await cmp.locator("#apply").click();
  await cmp.locator(`.item[data-id="${keep[0]}"]`).waitFor({ state: "detached" });
  await cmp.locator("#status", { hasText: "Applied" }).waitFor();
  const after = await cmp.locator(".item").count();
  if (after >= before || (await cmp.locator(`.item[data-id="${keep[1]}"]`).count()) > 0) throw new Error(`after applying two of ${before} items, ${after} remain`);
  log(`compare: ${before} items; applied 2; ${after} remain`);
  await command(page, "Notifications: Clear All Notifications");
  for (const box of await cmp.locator(".item input").all()) await box.setChecked(true);
  await cmp.locator("#apply").click();
  await cmp.locator("body[data-count='0']").waitFor();
  await page.screenshot({ path: join(art, "compare-applied.png") });
  log("compare: applied the rest; the re-compare is empty");
  await runPane({ page, log, art, ws, engines, command, openFile, findFrame, until });
  await csvSteps.run({ page, ws, art, log, row, command, openFile, findFrame, until, menuItem });
} catch (err) {
  failed = true;
  console.error("FAILED:", err.message);
  console.error(serverLog.split("\n").slice(-30).join("\n"));
  try {
    const pages = browser?.contexts()[0]?.pages() || [];
    if (pages[0]) await pages[0].screenshot({ path: join(art, "failure.png") });
  } catch {}
} finally {
  for (const e of engines) e.drop();
  await browser?.close().catch(() => {});
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  rmSync(work, { recursive: true, force: true });
}
log(failed ? "e2e-vscode: FAILED" : "e2e-vscode: passed");
process.exit(failed ? 1 : 0);

// menuItem chooses an item of the open context menu. VS Code ignores a
// click that comes too soon after the menu opened (the menu stays open):
// the click is repeated until the menu closes.
async function menuItem(page, text) {
  const item = page.locator(".context-view .action-label", { hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await item.waitFor({ state: "hidden", timeout: 5_000 });
      return;
    } catch {
      if (attempt >= 4) throw new Error(`the context menu kept ignoring "${text}"`);
    }
  }
}

async function until(fn, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(what);
}

// openFile and command type into the quick input itself (never into
// whatever has focus), and try again when something closed it meanwhile
// (a notification, a webview taking focus).
async function quickInput(page, key, text, row) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press("Escape");
    await page.keyboard.press(key);
    const input = page.locator(".quick-input-widget .quick-input-box input");
    try {
      await input.waitFor({ timeout: 15_000 });
      await input.fill(text);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: row }).first().waitFor({ timeout: 30_000 });
      await input.press("Enter");
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      log(`quick input "${text}": trying again (${err.message.split("\n")[0]})`);
    }
  }
}

async function openFile(page, name) {
  await quickInput(page, "Control+P", name, name);
  await page.locator(".tab.active", { hasText: name }).first().waitFor();
}

async function command(page, title) {
  await quickInput(page, "F1", ">" + title, title.replace(/^dbls: /, ""));
}

async function waitForHTTP(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${ms / 1000}s`);
}

// findFrame returns the webview frame that holds selector (webviews are
// iframes inside iframes; which one is not known in advance).
async function findFrame(page, selector, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      try {
        if ((await f.locator(selector).count()) > 0) return f;
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no frame with ${selector} after ${ms / 1000}s`);
}
