// Editing in the results grid (issue 15): a SELECT of the PostgreSQL film
// table, one cell edited inline, the pending change previewed as the SQL
// the server would run, applied; psql must then read the new value.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export async function run({ page, engines, ws, art, dbName, log, openFile, command, until }) {
  const pg = engines.find((e) => e.name === "pg");
  if (!pg) {
    log("edit: no PostgreSQL server, skipped");
    return;
  }
  const edited = "ACADEMY DINOSAUR (EDITED)";
  const psqlTitle = () =>
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", dbName, "-tAc", "SELECT title FROM film WHERE film_id = 1"]).toString().trim();
  // Room for the grid: the earlier steps' editors and grids go.
  await command(page, "View: Close All Editors");
  const file = join(ws, "edit.sql");
  writeFileSync(file, "-- dbls: connection=pg\nSELECT * FROM film ORDER BY film_id;\n");
  await openPath(page, file, log).catch(() => openFile(page, "edit.sql"));
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await command(page, "dbls: Run Statement at Cursor");
  let grid;
  await until(async () => {
    for (const f of page.frames()) {
      try {
        if ((await f.locator('body[data-editable="true"] td', { hasText: /^ACADEMY DINOSAUR$/ }).count()) > 0) return (grid = f);
      } catch {}
    }
  }, 60_000, "no editable grid with the film rows");
  log("edit: the grid of SELECT * FROM film is editable");

  await grid.locator("td", { hasText: /^ACADEMY DINOSAUR$/ }).dblclick();
  await grid.locator("#cell-editor").fill(edited);
  await grid.locator("#cell-editor").press("Enter");
  const preview = grid.locator("#pending pre.preview", { hasText: "UPDATE" });
  await preview.waitFor();
  const sql = (await preview.textContent()).trim();
  if (!sql.includes(`'${edited}'`) || !sql.includes('"film_id" = 1')) throw new Error(`the preview shows ${sql}`);
  await page.screenshot({ path: join(art, "edit.png") });
  log("edit: preview", sql);

  await grid.locator("#apply").click();
  // The query runs again: the grid shows the new title and nothing is pending.
  await grid.locator("body:not(.dirty) td", { hasText: edited }).waitFor();
  await until(() => psqlTitle() === edited, 30_000, `psql reads ${psqlTitle()}, not ${edited}`);
  await page.screenshot({ path: join(art, "edit-applied.png") });
  log("edit: applied; psql reads", psqlTitle());
}

// openPath opens a file by its absolute path in Quick Open, which needs no
// file search: a file made after VS Code started may not be indexed yet.
async function openPath(page, path, log) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ timeout: 15_000 });
  await input.fill(path);
  const name = path.split("/").pop();
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor({ timeout: 15_000 });
  await input.press("Enter");
  await page.locator(".tab.active", { hasText: name }).first().waitFor({ timeout: 15_000 });
  log("edit: opened", name, "by its path");
}
