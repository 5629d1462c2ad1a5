-- dbls for Neovim (0.7 and later): schema-aware completion, hover and
-- commands for SQL buffers.
--
--   require("dbls").setup({
--     cmd = { "dbls", "serve" },                  -- the binary on your PATH
--     settings = { default_connection = "dev" },  -- the keys of .dbls.toml, as a table
--     codelens = true,                            -- show "Run" above each statement
--   })
--
-- A buffer uses the connection named on its first line
-- (`-- dbls: connection=NAME`, a URL, or snapshot:FILE.json), else the
-- configured default_connection. One server runs per project root (the
-- directory holding .dbls.toml, else .git).
--
-- Running SQL: the code actions "Run statement", "Run selection" and
-- "Explain" (vim.lsp.buf.code_action()), the "Run" code lenses
-- (vim.lsp.codelens.refresh() / run()), and :DblsRun, :DblsNextPage,
-- :DblsCancel, :DblsExport FORMAT. dbls writes each result as a Markdown
-- document and opens it with window/showDocument, which this file supplies
-- on Neovim versions that lack it.
local M = {}

M.last_query = nil -- queryId of the last result, for :DblsNextPage and :DblsExport

-- Neovim before 0.8 has no window/showDocument handler.
local function show_document(_, result)
  local fname = vim.uri_to_fname(result.uri)
  if result.takeFocus == false then
    vim.fn.bufadd(fname)
  else
    vim.cmd("split " .. vim.fn.fnameescape(fname))
  end
  return { success = true }
end

-- execute sends a dbls command and reports a refusal; a WHERE-less UPDATE
-- or DELETE is sent again with force once the user confirms.
local function execute(client, bufnr, name, args)
  client.request("workspace/executeCommand", { command = name, arguments = { args } }, function(err, result)
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
    elseif type(result) == "table" and result.path then
      vim.notify("dbls: exported to " .. result.path)
    end
  end, bufnr)
end

-- Commands from code actions and lenses run through execute, so that the
-- reply is not dropped.
for _, name in ipairs({ "dbls.executeQuery", "dbls.nextPage" }) do
  vim.lsp.commands[name] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    if client then
      execute(client, ctx.bufnr, command.command, (command.arguments or {})[1] or {})
    end
  end
end

local function buf_client(bufnr)
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == "dbls" then
      return c
    end
  end
  vim.notify("dbls is not attached to this buffer", vim.log.levels.WARN)
end

local clients = {} -- root → client id

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

local function client_for(root, opts)
  local id = clients[root]
  if id and vim.lsp.get_client_by_id(id) then
    return id
  end
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  local handlers = {}
  if not vim.lsp.handlers["window/showDocument"] then
    capabilities.window = capabilities.window or {}
    capabilities.window.showDocument = { support = true }
    handlers["window/showDocument"] = show_document
  end
  id = vim.lsp.start_client({
    name = "dbls",
    cmd = opts.cmd or { "dbls", "serve" },
    capabilities = capabilities,
    handlers = handlers,
    on_attach = function(_, bufnr)
      if opts.codelens ~= false and bufnr == vim.api.nvim_get_current_buf() then
        vim.lsp.codelens.refresh()
      end
    end,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = opts.settings,
    settings = opts.settings,
  })
  clients[root] = id
  return id
end

function M.setup(opts)
  opts = opts or {}
  vim.api.nvim_create_autocmd("FileType", {
    pattern = opts.filetypes or { "sql", "mysql", "plsql" },
    group = vim.api.nvim_create_augroup("dbls", { clear = true }),
    callback = function(args)
      local id = client_for(root_dir(vim.api.nvim_buf_get_name(args.buf)), opts)
      if id then
        vim.lsp.buf_attach_client(args.buf, id)
        if opts.codelens ~= false then
          -- Keep the "Run" lenses in place as the buffer changes. Not before
          -- the server is ready: Neovim 0.7 would wait for that first
          -- answer forever and refresh no more.
          vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
            buffer = args.buf,
            group = vim.api.nvim_create_augroup("dbls_lens_" .. args.buf, { clear = true }),
            callback = function()
              local c = vim.lsp.get_client_by_id(id)
              if c and c.initialized then
                vim.lsp.codelens.refresh()
              end
            end,
          })
        end
      end
    end,
  })
  vim.api.nvim_create_user_command("DblsRefresh", function()
    vim.lsp.buf.execute_command({ command = "dbls.refreshSchema", arguments = { { uri = vim.uri_from_bufnr(0) } } })
  end, { desc = "dbls: read the schema of this buffer's connection again" })
  vim.api.nvim_create_user_command("DblsConnection", function(c)
    vim.lsp.buf.execute_command({ command = "dbls.switchConnection",
      arguments = { { uri = vim.uri_from_bufnr(0), connection = c.args } } })
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
    local client = buf_client(0)
    if client then
      execute(client, 0, "dbls.cancelQuery", { uri = vim.uri_from_bufnr(0) })
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

return M
