// Package neovim holds the Neovim integration (lua/dbls.lua) and its end
// to end test: the real dbls binary driven by Neovim's own LSP client.
package neovim

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/editors/editortest"
)

// probe runs inside Neovim: it waits for dbls to attach, asks for
// completion, hover, symbols, definition and signature help through
// vim.lsp, waits for the diagnostics dbls publishes, runs a statement
// through a code action and reads the result document dbls opens, and
// writes what it got.
const probe = `
local out = {}
vim.wait(20000, function()
  local c = vim.lsp.buf_get_clients(0)[1]
  return c ~= nil and c.initialized
end, 100)
table.insert(out, "attached=" .. tostring(#vim.lsp.buf_get_clients(0) > 0))
local doc = { uri = vim.uri_from_bufnr(0) }
local labels = {}
vim.wait(20000, function()
  labels = {}
  local res = vim.lsp.buf_request_sync(0, "textDocument/completion", { textDocument = doc, position = { line = 1, character = 7 } }, 5000)
  for _, r in pairs(res or {}) do
    for _, it in ipairs(r.result and (r.result.items or r.result) or {}) do table.insert(labels, it.label) end
  end
  return vim.tbl_contains(labels, "customer_id")
end, 250)
table.insert(out, "completion=" .. table.concat(labels, ","))
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", { textDocument = doc, position = { line = 1, character = 15 } }, 5000)
for _, r in pairs(hover or {}) do
  table.insert(out, "hover=" .. ((r.result and r.result.contents and r.result.contents.value) or ""):gsub("\n", " "))
end
local syms = vim.lsp.buf_request_sync(0, "textDocument/documentSymbol", { textDocument = doc }, 5000)
for _, r in pairs(syms or {}) do
  for _, sym in ipairs(r.result or {}) do table.insert(out, "symbol=" .. sym.name) end
end
local defs = vim.lsp.buf_request_sync(0, "textDocument/definition", { textDocument = doc, position = { line = 1, character = 15 } }, 5000)
for _, r in pairs(defs or {}) do
  for _, loc in ipairs(r.result or {}) do
    local lines = vim.fn.readfile(vim.uri_to_fname(loc.uri))
    table.insert(out, "definition=" .. (lines[loc.range.start.line + 1] or ""))
  end
end
local sig = vim.lsp.buf_request_sync(0, "textDocument/signatureHelp", { textDocument = doc, position = { line = 4, character = 24 } }, 5000)
for _, r in pairs(sig or {}) do
  if r.result then
    local s = r.result.signatures[(r.result.activeSignature or 0) + 1]
    table.insert(out, "signature=" .. s.label .. " param=" .. tostring(r.result.activeParameter))
  end
end
local diags = {}
vim.wait(20000, function()
  diags = vim.diagnostic.get(0)
  return #diags > 0
end, 100)
for _, d in ipairs(diags) do
  table.insert(out, string.format("diagnostic=%d:%d-%d:%d %s", d.lnum, d.col, d.end_lnum or -1, d.end_col or -1, (d.message:gsub("\n", " "))))
end
-- The "Run" lenses, refreshed by the setup's autocommand.
vim.cmd("doautocmd InsertLeave")
local lenses = {}
vim.wait(20000, function()
  lenses = vim.lsp.codelens.get(vim.api.nvim_get_current_buf())
  return #lenses > 0
end, 100)
for _, l in ipairs(lenses) do
  table.insert(out, string.format("lens=%d %s", l.range.start.line, l.command and l.command.title or "?"))
end
-- Run a statement through a code action, choosing it as a user would.
vim.ui.select = function(items, opts, on_choice)
  for i, it in ipairs(items) do
    if opts.format_item(it):find("Run statement", 1, true) then
      return on_choice(it, i)
    end
  end
  on_choice(nil, nil)
end
vim.api.nvim_win_set_cursor(0, { 4, 3 })
vim.lsp.buf.code_action()
local doc_lines = {}
vim.wait(20000, function()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(b):match("/dbls/results/.*%.md$") then
      doc_lines = vim.api.nvim_buf_get_lines(b, 0, -1, false)
    end
  end
  return #doc_lines > 0
end, 100)
table.insert(out, "result=" .. table.concat(doc_lines, " "))

local dbls = require("dbls")
local sqlbuf, sqlwin = vim.api.nvim_get_current_buf(), vim.api.nvim_get_current_win()
local function wins() return #vim.api.nvim_tabpage_list_wins(0) end
local function shown() return vim.api.nvim_buf_get_name(vim.api.nvim_win_get_buf(dbls.result_win)) end
table.insert(out, "omnifunc=" .. vim.bo.omnifunc)
table.insert(out, "K=" .. tostring(vim.fn.maparg("K", "n", false, true).desc))
table.insert(out, "wins-first=" .. wins())
-- A second run reuses the result window and leaves the cursor here.
local q1 = dbls.last_query
vim.api.nvim_win_set_cursor(0, { 4, 3 })
vim.cmd("DblsRun")
vim.wait(20000, function() return dbls.last_query ~= q1 and shown():find(dbls.last_query, 1, true) ~= nil end, 100)
table.insert(out, "wins-second=" .. wins())
table.insert(out, "focus-kept=" .. tostring(vim.api.nvim_get_current_win() == sqlwin))
table.insert(out, "second=" .. shown())
-- Paging, export and cancel from the result window.
local notes = {}
vim.notify = function(msg) table.insert(notes, msg) end
vim.api.nvim_set_current_win(dbls.result_win)
vim.cmd("DblsNextPage")
vim.wait(20000, function() return shown():find("page2", 1, true) ~= nil end, 100)
table.insert(out, "nextpage=" .. shown())
vim.cmd("DblsExport csv")
vim.wait(20000, function() return #notes > 0 end, 100)
vim.cmd("DblsCancel")
vim.wait(3000, function() return #notes > 1 end, 100)
table.insert(out, "notes=" .. table.concat(notes, " | "))
-- A compare opens the migration preview; applying one item refreshes the
-- "Apply all selected (N)" lens.
vim.api.nvim_set_current_win(sqlwin)
vim.cmd("DblsCompare " .. V2)
local pbuf
local function lens_titles(b)
  local t = {}
  for _, l in ipairs(vim.lsp.codelens.get(b)) do t[l.range.start.line] = l.command and l.command.title end
  return t
end
vim.wait(30000, function()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(b):match("/dbls/previews/") then pbuf = b end
  end
  return pbuf ~= nil and lens_titles(pbuf)[0] ~= nil
end, 100)
local before = lens_titles(pbuf)[0]
table.insert(out, "preview-lens=" .. tostring(before))
table.insert(out, "preview-clients=" .. #vim.lsp.buf_get_clients(pbuf))
local function marked(b)
  local n = 0
  for _, line in ipairs(vim.api.nvim_buf_get_lines(b, 0, -1, false)) do
    if line:match("^%-%- %[x%]") then n = n + 1 end
  end
  return n
end
table.insert(out, "preview-marked=" .. marked(pbuf))
local target
for i, line in ipairs(vim.api.nvim_buf_get_lines(pbuf, 0, -1, false)) do
  if line:find("item: table.create:main.coupons", 1, true) then target = i end
end
for line, title in pairs(lens_titles(pbuf)) do
  if title == "Apply this change" and line + 1 >= target - 2 and line + 1 <= target then target = line + 1 end
end
vim.api.nvim_set_current_win(dbls.result_win)
vim.api.nvim_win_set_cursor(0, { target, 0 })
vim.lsp.codelens.run()
vim.wait(30000, function()
  local now = lens_titles(pbuf)[0]
  return now ~= nil and now ~= before
end, 100)
local after = lens_titles(pbuf)[0]
table.insert(out, "after-lens=" .. tostring(after) .. " marked=" .. marked(pbuf))
table.insert(out, "after-has-coupons=" .. tostring(table.concat(vim.api.nvim_buf_get_lines(pbuf, 0, -1, false), "\n"):find("table.create:main.coupons", 1, true) ~= nil))
-- Each lens is drawn once.
local function most_marks(b)
  local per, most = {}, 0
  for name, ns in pairs(vim.api.nvim_get_namespaces()) do
    if name:find("codelens") then
      for _, m in ipairs(vim.api.nvim_buf_get_extmarks(b, ns, 0, -1, {})) do
        per[m[2]] = (per[m[2]] or 0) + 1
        most = math.max(most, per[m[2]])
      end
    end
  end
  return most
end
table.insert(out, "marks-per-line=" .. most_marks(sqlbuf) .. "," .. most_marks(pbuf))
-- A WHERE-less DELETE is confirmed at the prompt and runs.
local prompts = {}
vim.fn.confirm = function(msg, choices) table.insert(prompts, msg .. " [" .. choices .. "]") return 1 end
-- The server asks with window/showMessageRequest, which Neovim's own
-- handler shows with inputlist: answered as a user would, with 1.
vim.fn.inputlist = function(items) table.insert(prompts, table.concat(items, " ")) return 1 end
local function run_line(n)
  local q = dbls.last_query
  vim.api.nvim_set_current_win(sqlwin)
  vim.api.nvim_win_set_cursor(0, { n, 0 })
  vim.cmd("DblsRun")
  vim.wait(20000, function() return dbls.last_query ~= q and shown():find(dbls.last_query, 1, true) ~= nil end, 100)
  return table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(dbls.result_win), 0, -1, false), " ")
end
table.insert(out, "delete=" .. run_line(6))
table.insert(out, "prompt=" .. table.concat(prompts, " | "))
table.insert(out, "left=" .. run_line(7))
-- A connection added to .dbls.toml mid-session, edited here as a user
-- would, is used at once: a run on it from a new document.
vim.api.nvim_set_current_win(sqlwin)
vim.cmd("edit " .. vim.fn.fnameescape(PROJECT))
vim.api.nvim_buf_set_lines(0, -1, -1, false, { "[connections.pets]", "url = " .. PETS })
vim.cmd("write")
vim.cmd("edit " .. vim.fn.fnameescape(PETS_DOC))
local pets = ""
vim.wait(60000, function()
  local q = dbls.last_query
  vim.api.nvim_win_set_cursor(0, { 2, 0 })
  pcall(vim.cmd, "DblsRun")
  if vim.wait(3000, function() return dbls.last_query ~= q and shown():find(dbls.last_query, 1, true) ~= nil end, 100) then
    pets = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(dbls.result_win), 0, -1, false), " ")
  end
  return pets:find("rex", 1, true) ~= nil
end, 500)
table.insert(out, "pets=" .. pets)
vim.fn.writefile(out, RESULT)
vim.cmd("qa!")
`

// TestNeovimEndToEnd runs the probe in Debian's Neovim 0.7 (nvim) and in
// a current one (nvim-0.10, trixie's, which editors/trixie-editors.sh
// installs).
func TestNeovimEndToEnd(t *testing.T) {
	binDir, bin := t.TempDir(), "" // dbls, built once for both
	for _, c := range []struct{ program, install string }{
		{"nvim", "Debian's neovim"},
		{"nvim-0.10", "editors/trixie-editors.sh"},
	} {
		t.Run(c.program, func(t *testing.T) {
			nvim := editortest.Editor(t, c.program, c.install)
			if bin == "" {
				bin = editortest.Dbls(t, binDir)
			}
			testNeovim(t, nvim, bin)
		})
	}
}

func testNeovim(t *testing.T, nvim, bin string) {
	dir := t.TempDir()
	db := editortest.Shop(t, dir)
	doc := filepath.Join(dir, "q.sql")
	os.WriteFile(doc, []byte("-- dbls: connection=sqlite:"+db+"\nSELECT  FROM orders;\nSELECT nope FROM orders;\nSELECT count(*) AS n_orders FROM orders;\nSELECT coalesce(status, 'x') FROM orders;\nDELETE FROM reviews;\nSELECT count(*) AS reviews_left FROM reviews;\n"), 0o600)
	// A project file from the start (it roots the client); the probe adds
	// the pets connection to it mid-session.
	project := filepath.Join(dir, ".dbls.toml")
	os.WriteFile(project, []byte("[connections.shop]\nurl = "+strconv.Quote("sqlite:"+db)+"\n"), 0o600)
	pets := filepath.Join(dir, "pets.db")
	editortest.Seed(t, "sqlite:"+pets+"?mode=rwc", "CREATE TABLE pets (name TEXT); INSERT INTO pets VALUES ('rex');")
	petsDoc := filepath.Join(dir, "pets.sql")
	os.WriteFile(petsDoc, []byte("-- dbls: connection=pets\nSELECT name AS pet FROM pets;\n"), 0o600)
	result := filepath.Join(dir, "result.txt")
	script := filepath.Join(dir, "probe.lua")
	v2, _ := filepath.Abs("../../docs/examples/shop_v2.sql")
	os.WriteFile(script, []byte("local RESULT = "+luaString(result)+"\nlocal V2 = "+luaString(v2)+
		"\nlocal PROJECT = "+luaString(project)+"\nlocal PETS = "+luaString(strconv.Quote("sqlite:"+pets))+
		"\nlocal PETS_DOC = "+luaString(petsDoc)+"\n"+probe), 0o600)
	rtp, _ := filepath.Abs(".")
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second) // liveness backstop
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-c", "filetype plugin on",
		"-c", "set rtp+="+rtp,
		"-c", "lua require('dbls').setup({cmd={"+luaString(bin)+",'serve'}})",
		"-c", "edit "+doc, "-c", "luafile "+script)
	cmd.Env = editortest.Env(dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	data, err := os.ReadFile(result)
	if err != nil {
		t.Fatalf("Neovim wrote no result: %v", err)
	}
	got := string(data)
	for _, want := range []string{"attached=true", "customer_id", "shipping_address_id", "hover=**table** `main.orders`",
		"diagnostic=2:7-2:11 unknown column nope", "symbol=SELECT … FROM orders", "definition=CREATE TABLE \"main\".\"orders\" (",
		"signature=coalesce(value1, value2, ...) → same type param=1",
		"result=# Result", "SELECT count(*) AS n_orders FROM orders", "| n_orders |",
		"lens=1 ▶ Run", "lens=2 ▶ Run", "lens=3 ▶ Run", "lens=4 ▶ Run",
		// on_attach replaced the sql ftplugin's omnifunc and mapped K.
		"omnifunc=v:lua.vim.lsp.omnifunc", "K=dbls: hover",
		// One result window, reused; the cursor stays in the SQL buffer.
		"wins-first=2", "wins-second=2", "focus-kept=true", "second=" + filepath.Join(dir, "cache", "dbls", "results"),
		// Commands work from the result window.
		"nextpage=", "page2", "notes=dbls: exported to ", " | dbls: cancelled 0 statement(s)",
		// The preview belongs to the server that made it; after one
		// apply its lens counts what the document marks now.
		"preview-lens=Apply all selected (", "preview-clients=1", "after-has-coupons=false",
		// Each lens drawn once.
		"marks-per-line=1,1",
		// A WHERE-less DELETE asked first, then ran.
		// (Neovim 0.7's own prompt for the server's request, or dbls.lua's.)
		"prompt=dbls: DELETE without WHERE", "Run anyway", "| reviews_left |", "| 0 |",
		// The connection added to .dbls.toml mid-session ran the query.
		"pets=", "| pet |", "| rex |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Neovim saw no %q:\n%s", want, got)
		}
	}
	t.Log(got)
	// The unknown column, and SQLite's own syntax error on the line left
	// incomplete for completion.
	if n := strings.Count(got, "diagnostic="); n != 2 || !strings.Contains(got, `diagnostic=1:8-1:12 near "FROM": syntax error`) {
		t.Errorf("Neovim got %d diagnostics, want the unknown column and the syntax error:\n%s", n, got)
	}
	if strings.Contains(got, "not attached") || strings.Contains(got, "not running") {
		t.Errorf("a command failed from the result window:\n%s", got)
	}
	var before, after, marked int
	fmt.Sscanf(between(got, "preview-lens=Apply all selected (", ")"), "%d", &before)
	fmt.Sscanf(between(got, "after-lens=Apply all selected (", ")"), "%d", &after)
	fmt.Sscanf(between(got, "after-lens=Apply all selected ("+strconv.Itoa(after)+") marked=", "\n"), "%d", &marked)
	if after == 0 || after >= before || after != marked {
		t.Errorf("after one apply the lens says %d (before %d), the document marks %d:\n%s", after, before, marked, got)
	}
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	v, _, _ := strings.Cut(rest, to)
	return v
}

func luaString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
