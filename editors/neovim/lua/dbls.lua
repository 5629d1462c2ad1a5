-- dbls for Neovim (0.7 and later): schema-aware completion, hover and
-- commands for SQL buffers.
--
--   require("dbls").setup({
--     cmd = { "dbls", "serve" },                  -- the binary on your PATH
--     settings = { default_connection = "dev" },  -- the keys of .dbls.toml, as a table
--   })
--
-- A buffer uses the connection named on its first line
-- (`-- dbls: connection=NAME`, a URL, or snapshot:FILE.json), else the
-- configured default_connection. One server runs per project root (the
-- directory holding .dbls.toml, else .git).
local M = {}

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
  id = vim.lsp.start_client({
    name = "dbls",
    cmd = opts.cmd or { "dbls", "serve" },
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
end

return M
