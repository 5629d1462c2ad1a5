// Package neovim holds the Neovim integration (lua/dbls.lua) and its end
// to end test: the real dbls binary driven by Neovim's own LSP client.
package neovim

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/sqlite"
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
vim.fn.writefile(out, RESULT)
vim.cmd("qa!")
`

func TestNeovimEndToEnd(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
			t.Fatal("nvim is required (DBLS_REQUIRE_SERVERS=1; .ci/run installs Debian's neovim)")
		}
		t.Skip("nvim not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "dbls")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/dbls").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	shop, err := os.ReadFile("../../docs/examples/shop.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "shop.db")
	c, _, err := drivers.Open(context.Background(), "sqlite:"+db+"?mode=rwc")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.(drivers.Execer).Exec(context.Background(), string(shop)); err != nil {
		t.Fatal(err)
	}
	c.Close()
	doc := filepath.Join(dir, "q.sql")
	os.WriteFile(doc, []byte("-- dbls: connection=sqlite:"+db+"\nSELECT  FROM orders;\nSELECT nope FROM orders;\nSELECT count(*) AS n_orders FROM orders;\nSELECT coalesce(status, 'x') FROM orders;\n"), 0o600)
	result := filepath.Join(dir, "result.txt")
	script := filepath.Join(dir, "probe.lua")
	os.WriteFile(script, []byte("local RESULT = "+luaString(result)+"\n"+probe), 0o600)
	rtp, _ := filepath.Abs(".")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second) // liveness backstop
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-c", "filetype on",
		"-c", "set rtp+="+rtp,
		"-c", "lua require('dbls').setup({cmd={"+luaString(bin)+",'serve'}})",
		"-c", "edit "+doc, "-c", "luafile "+script)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "cfg"), "XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
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
		"lens=1 ▶ Run", "lens=2 ▶ Run", "lens=3 ▶ Run", "lens=4 ▶ Run"} {
		if !strings.Contains(got, want) {
			t.Errorf("Neovim saw no %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "diagnostic="); n != 1 {
		t.Errorf("Neovim got %d diagnostics, want only the unknown column:\n%s", n, got)
	}
}

func luaString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
