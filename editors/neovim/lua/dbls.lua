-- dbls for Neovim (0.7 and later): schema-aware completion, hover and
-- commands for SQL buffers.
--
--   require("dbls").setup({
--     cmd = { "dbls", "serve" },                  -- the binary on your PATH
--     settings = { default_connection = "dev" },  -- the keys of .dbls.toml, as a table
--     codelens = true,                            -- show "Run" above each statement
--     keymaps = true,                             -- the buffer-local keys below
--     autostart = true,                           -- false: only the :Dbls… commands
--   })
--
-- On Neovim 0.11+ setup() registers the server with vim.lsp.config and
-- vim.lsp.enable; before, it starts one client per project root itself.
-- With nvim-lspconfig, or to call vim.lsp.config yourself, use
-- require("dbls").config(opts), see docs/editors.md.
--
-- A buffer uses the connection named on its first line
-- (`-- dbls: connection=NAME`, a URL, or snapshot:FILE.json), else the
-- configured default_connection. One server runs per project root (the
-- directory holding .dbls.toml, else .git).
--
-- On attach: omnifunc is vim.lsp.omnifunc (Vim's sql ftplugin sets its own),
-- and, unless keymaps = false: K hover, gd definition, <C-k> (insert)
-- signature help, <leader>ca code actions, <leader>cl run the lens of the
-- line, <leader>dr run the statement (or the selected lines), <leader>dn next
-- page, <leader>dc cancel.
--
-- Running SQL: the code actions "Run statement", "Run selection" and
-- "Explain", the "Run" code lenses, and :DblsRun, :DblsNextPage,
-- :DblsCancel, :DblsExport FORMAT, which also work from the result window.
-- Results, exports and migration previews open in one window at the bottom,
-- reused for each of them; the cursor stays where it was (a migration
-- preview, which is edited, takes the cursor).
local M = {}

M.last_query = nil -- queryId of the last result, for :DblsNextPage and :DblsExport
M.last_client = nil -- the client that answered it
M.result_win = nil -- the window dbls shows documents in

local has_011 = vim.fn.has("nvim-0.11") == 1
local opened = {} -- file name → client id, for documents the server opened

-- clients_of returns the dbls clients attached to bufnr.
local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = "dbls" })
  end
  local out = {}
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == "dbls" then
      table.insert(out, c)
    end
  end
  return out
end

local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

-- refresh_lenses asks again for the lenses of every loaded buffer client
-- serves, so that an "Apply all selected (N)" never outlives its plan. Not
-- through vim.lsp.codelens.refresh, which drops a refresh while another is
-- in flight (0.7), so that the lenses of the text before an edit stayed.
local function refresh_lenses(client)
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and (client.attached_buffers or {})[b] then
      request(client, "textDocument/codeLens", { textDocument = { uri = vim.uri_from_bufnr(b) } },
        function(err, result, ctx)
          vim.lsp.codelens.on_codelens(err, result, ctx)
        end, b)
    end
  end
end

-- show_document puts every document dbls shows (results, exports,
-- previews) in one window, reloaded from disk, without taking the cursor
-- unless it is a preview the server wants focused.
local function show_document(_, result, ctx)
  local fname = vim.uri_to_fname(result.uri)
  opened[fname] = ctx.client_id
  local buf = vim.fn.bufadd(fname)
  if vim.api.nvim_buf_is_loaded(buf) and not vim.api.nvim_buf_get_option(buf, "modified") then
    vim.api.nvim_buf_call(buf, function()
      vim.cmd("silent edit!")
    end)
  end
  vim.fn.bufload(buf)
  vim.api.nvim_buf_set_option(buf, "buflisted", true)
  local cur = vim.api.nvim_get_current_win()
  local win = M.result_win
  if not (win and vim.api.nvim_win_is_valid(win)) then
    vim.cmd("botright 12split")
    win = vim.api.nvim_get_current_win()
    M.result_win = win
    vim.api.nvim_set_current_win(cur)
  end
  vim.api.nvim_win_set_buf(win, buf)
  local editable = fname:match("%.sql$") ~= nil
  if result.takeFocus and editable then
    vim.api.nvim_set_current_win(win)
  end
  return { success = true }
end

-- execute sends a dbls command and reports a refusal; a WHERE-less UPDATE
-- or DELETE is sent again with force once the user confirms.
local function execute(client, bufnr, name, args)
  request(client, "workspace/executeCommand", { command = name, arguments = { args } }, function(err, result)
    if err then
      local reason = type(err.data) == "table" and err.data.reason or nil
      if reason == "unbounded" and vim.fn.confirm(err.message, "&Run anyway\n&Cancel", 2) == 1 then
        execute(client, bufnr, name, vim.tbl_extend("force", args, { force = true }))
      else
        vim.notify(err.message, vim.log.levels.ERROR)
      end
      return
    end
    if type(result) == "table" and result.queryId then
      M.last_query = result.queryId
      M.last_client = client.id
    elseif type(result) == "table" and result.path then
      vim.notify("dbls: exported to " .. result.path)
    elseif type(result) == "table" and result.cancelled then
      vim.notify(string.format("dbls: cancelled %d statement(s)", #result.cancelled))
    elseif type(result) == "table" and result.applied then
      vim.notify(string.format("dbls: applied %d statement(s)", result.applied))
    end
    refresh_lenses(client)
  end, bufnr)
end

-- Commands from code actions and lenses run through execute, so that the
-- reply is not dropped and the lenses follow.
for _, name in ipairs({ "dbls.executeQuery", "dbls.nextPage", "dbls.syncSchemas", "dbls.compareSchemas",
  "dbls.exportResults", "dbls.cancelQuery" }) do
  vim.lsp.commands[name] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    if client then
      execute(client, ctx.bufnr, command.command, (command.arguments or {})[1] or {})
    end
  end
end

-- buf_client is the dbls client of bufnr; from a buffer no client serves
-- (a result), the one that ran the last query, else any dbls client.
local function buf_client(bufnr)
  local c = clients_of(bufnr)[1]
  if c then
    return c, true
  end
  c = M.last_client and vim.lsp.get_client_by_id(M.last_client)
  if not c then
    for _, other in pairs(vim.lsp.get_clients and vim.lsp.get_clients({ name = "dbls" }) or vim.lsp.get_active_clients()) do
      if other.name == "dbls" then
        c = other
        break
      end
    end
  end
  if not c then
    vim.notify("dbls is not running (open a .sql file first)", vim.log.levels.WARN)
  end
  return c, false
end

local function root_dir(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local file = vim.fn.findfile(".dbls.toml", dir .. ";")
  if file ~= "" then
    return vim.fn.fnamemodify(file, ":p:h")
  end
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return vim.fn.getcwd()
end

local function map(bufnr, mode, lhs, rhs, desc)
  vim.keymap.set(mode, lhs, rhs, { buffer = bufnr, silent = true, desc = desc })
end

-- on_attach sets up a buffer dbls serves: completion through the server,
-- the usual keys, and lenses that follow the text.
local function on_attach(opts)
  return function(client, bufnr)
    -- Vim's ftplugin/sql.vim sets omnifunc=sqlcomplete#Complete.
    vim.api.nvim_buf_set_option(bufnr, "omnifunc", "v:lua.vim.lsp.omnifunc")
    if opts.keymaps ~= false then
      map(bufnr, "n", "K", vim.lsp.buf.hover, "dbls: hover")
      map(bufnr, "n", "gd", vim.lsp.buf.definition, "dbls: definition")
      map(bufnr, "i", "<C-k>", vim.lsp.buf.signature_help, "dbls: signature help")
      map(bufnr, { "n", "x" }, "<leader>ca", vim.lsp.buf.code_action, "dbls: code actions")
      map(bufnr, "n", "<leader>cl", vim.lsp.codelens.run, "dbls: run the lens of this line")
      map(bufnr, "n", "<leader>dr", "<cmd>DblsRun<cr>", "dbls: run the statement")
      map(bufnr, "x", "<leader>dr", ":DblsRun<cr>", "dbls: run the selected lines")
      map(bufnr, "n", "<leader>dn", "<cmd>DblsNextPage<cr>", "dbls: next page")
      map(bufnr, "n", "<leader>dc", "<cmd>DblsCancel<cr>", "dbls: cancel")
    end
    if opts.codelens ~= false then
      vim.api.nvim_buf_call(bufnr, function()
        vim.lsp.codelens.refresh()
      end)
      -- Keep the lenses in place as the buffer changes.
      vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
        buffer = bufnr,
        group = vim.api.nvim_create_augroup("dbls_lens_" .. bufnr, { clear = true }),
        callback = function()
          if client.initialized ~= false then
            vim.lsp.codelens.refresh()
          end
        end,
      })
    end
    if opts.on_attach then
      opts.on_attach(client, bufnr)
    end
  end
end

-- apply_edit applies a server edit, then refreshes the lenses of the
-- buffers it changed (a preview rewritten after an apply).
local function apply_edit(err, result, ctx, config)
  local reply = vim.lsp.handlers["workspace/applyEdit"](err, result, ctx, config)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client then
    vim.schedule(function()
      refresh_lenses(client)
    end)
  end
  return reply
end

-- config is the client configuration: for vim.lsp.config("dbls", …) on
-- 0.11+, nvim-lspconfig's default_config, or vim.lsp.start_client.
function M.config(opts)
  opts = opts or {}
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.window = capabilities.window or {}
  capabilities.window.showDocument = { support = true }
  return {
    name = "dbls",
    cmd = opts.cmd or { "dbls", "serve" },
    filetypes = opts.filetypes or { "sql", "mysql", "plsql" },
    root_markers = { ".dbls.toml", ".git" },
    capabilities = capabilities,
    handlers = { ["window/showDocument"] = show_document, ["workspace/applyEdit"] = apply_edit },
    on_attach = on_attach(opts),
    init_options = opts.settings,
    settings = opts.settings,
  }
end

local clients = {} -- root → client id (before 0.11)

local function client_for(root, opts)
  local id = clients[root]
  if id and vim.lsp.get_client_by_id(id) then
    return id
  end
  local cfg = M.config(opts)
  cfg.root_dir = root
  cfg.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
  id = vim.lsp.start_client(cfg)
  clients[root] = id
  return id
end

local function commands()
  vim.api.nvim_create_user_command("DblsRefresh", function()
    local client = buf_client(0)
    if client then
      execute(client, 0, "dbls.refreshSchema", { uri = vim.uri_from_bufnr(0) })
    end
  end, { desc = "dbls: read the schema of this buffer's connection again" })
  vim.api.nvim_create_user_command("DblsConnection", function(c)
    local client = buf_client(0)
    if client then
      execute(client, 0, "dbls.switchConnection", { uri = vim.uri_from_bufnr(0), connection = c.args })
    end
  end, { nargs = 1, desc = "dbls: bind this buffer to a connection (name or URL)" })
  vim.api.nvim_create_user_command("DblsRun", function(c)
    local client = buf_client(0)
    if not client then
      return
    end
    local range
    if c.range > 0 then
      local last = vim.api.nvim_buf_get_lines(0, c.line2 - 1, c.line2, false)[1] or ""
      range = { start = { line = c.line1 - 1, character = 0 }, ["end"] = { line = c.line2 - 1, character = #last } }
    else
      local pos = vim.api.nvim_win_get_cursor(0)
      range = { start = { line = pos[1] - 1, character = pos[2] }, ["end"] = { line = pos[1] - 1, character = pos[2] } }
    end
    execute(client, 0, "dbls.executeQuery", { uri = vim.uri_from_bufnr(0), range = range })
  end, { range = true, desc = "dbls: run the statement at the cursor, or the selected lines" })
  vim.api.nvim_create_user_command("DblsNextPage", function()
    local client = buf_client(0)
    if client and M.last_query then
      execute(client, 0, "dbls.nextPage", { queryId = M.last_query })
    end
  end, { desc = "dbls: the next page of the last result" })
  vim.api.nvim_create_user_command("DblsCancel", function()
    local client, attached = buf_client(0)
    if client then
      -- From a result window: the last query; from a SQL buffer: what it started.
      execute(client, 0, "dbls.cancelQuery", attached and { uri = vim.uri_from_bufnr(0) } or { queryId = M.last_query })
    end
  end, { desc = "dbls: cancel the statements this buffer started" })
  vim.api.nvim_create_user_command("DblsExport", function(c)
    local client = buf_client(0)
    if client and M.last_query then
      execute(client, 0, "dbls.exportResults", { queryId = M.last_query, format = c.args, all = true, open = true })
    end
  end, { nargs = 1, complete = function() return { "csv", "json", "markdown" } end,
    desc = "dbls: export every row of the last result (csv, json, markdown)" })
  -- :DblsCompare [SOURCE] compares SOURCE (a connection, a .sql schema file
  -- or a .json snapshot; default: this buffer) with this buffer's
  -- connection and opens the migration preview, whose lenses apply it.
  vim.api.nvim_create_user_command("DblsCompare", function(c)
    local client = buf_client(0)
    if client then
      local arg = { uri = vim.uri_from_bufnr(0) }
      if c.args ~= "" then
        arg.source = c.args
      end
      execute(client, 0, "dbls.compareSchemas", arg)
    end
  end, { nargs = "?", complete = "file",
    desc = "dbls: compare a schema (default: this file) with this buffer's connection" })
end

function M.setup(opts)
  opts = opts or {}
  commands()
  if opts.autostart == false then
    return
  end
  if has_011 and vim.lsp.config and opts.builtin ~= false then
    local cfg = M.config(opts)
    -- A document the server opened (a migration preview, under the cache
    -- directory) goes to that server, not to a new one without a root.
    cfg.root_dir = function(bufnr, on_dir)
      local fname = vim.api.nvim_buf_get_name(bufnr)
      local c = opened[fname] and vim.lsp.get_client_by_id(opened[fname])
      on_dir(c and c.root_dir or root_dir(fname))
    end
    vim.lsp.config("dbls", cfg)
    vim.lsp.enable("dbls")
    return
  end
  vim.api.nvim_create_autocmd("FileType", {
    pattern = opts.filetypes or { "sql", "mysql", "plsql" },
    group = vim.api.nvim_create_augroup("dbls", { clear = true }),
    callback = function(args)
      local fname = vim.api.nvim_buf_get_name(args.buf)
      -- A document the server opened (a migration preview) belongs to that
      -- server, not to one started for the cache directory.
      local id = opened[fname] and vim.lsp.get_client_by_id(opened[fname]) and opened[fname]
        or client_for(root_dir(fname), opts)
      if id then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

return M
