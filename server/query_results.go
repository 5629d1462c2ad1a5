package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plugin/export"
	"github.com/dbls/dbls/server/runner"
)

// Result documents: each page a run answers is written as a file through
// package export and shown with window/showDocument; dbls.exportResults
// writes a result where the user asks.

// showDocument asks the client to open a result document, when it can.
func (s *Server) showDocument(uri string) {
	s.mu.Lock()
	ok := s.showDoc
	s.mu.Unlock()
	if !ok {
		return
	}
	s.spawn(func() {
		ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
		defer cancel()
		var res protocol.ShowDocumentResult
		if _, err := s.conn.Call(ctx, "window/showDocument", protocol.ShowDocumentParams{URI: protocol.URI(uri), TakeFocus: true}, &res); err != nil && s.ctx.Err() == nil {
			s.logger.Printf("window/showDocument %s: %v", uri, err)
		}
	})
}

// resultsDir is where result documents and exports go by default.
func resultsDir() (string, error) {
	base, err := dirs.Cache()
	if err != nil {
		base = filepath.Join(os.TempDir(), "dbls")
	}
	dir := filepath.Join(base, "results")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// resultsKept is how long result documents stay in the results directory.
const resultsKept = 7 * 24 * time.Hour

// pruneResults removes result documents older than resultsKept, so that
// the cache does not grow without end. Exports to paths of the user's
// choosing are not touched.
func pruneResults() {
	dir, err := resultsDir()
	if err != nil {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range entries {
		if info, err := de.Info(); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > resultsKept {
			os.Remove(filepath.Join(dir, de.Name()))
		}
	}
}

// exportFormat checks a format name against the session's exporters; ""
// is Markdown.
func (s *Server) exportFormat(format string) (string, error) {
	if format == "" {
		format = "markdown"
	}
	if _, err := export.Lookup(s.opts.Plugins, format); err != nil {
		return "", err
	}
	f := strings.ToLower(format)
	if f == "md" {
		f = "markdown"
	}
	return f, nil
}

// extensions of the files each format writes.
var extensions = map[string]string{"markdown": "md", "csv": "csv", "json": "json", "table": "txt"}

func extension(format string) string {
	if ext, ok := extensions[format]; ok {
		return ext
	}
	return format
}

// writeResultDocument writes one page as a readable document: for
// Markdown a heading with the statement and a summary above the table;
// CSV and JSON stay pure so that other tools read them.
func (s *Server) writeResultDocument(res *runner.Result, format string) (string, error) {
	format, err := s.exportFormat(format)
	if err != nil {
		return "", err
	}
	dir, err := resultsDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-page%d.%s", res.ID, res.Page, extension(format)))
	return path, s.writeResult(path, res, format, format == "markdown")
}

func (s *Server) writeResult(path string, res *runner.Result, format string, heading bool) error {
	w, err := export.Lookup(s.opts.Plugins, format)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if heading {
		lang := s.language()
		fence := codeFence(res.SQL)
		fmt.Fprintf(f, "# %s\n\n%s\n\n%ssql\n%s\n%s\n\n", i18n.T(lang, "query.doc.title", res.ID), res.Connection,
			fence, strings.TrimSpace(res.SQL), fence)
		if res.HasResultSet() {
			fmt.Fprintf(f, "%s\n\n", i18n.T(lang, "query.doc.summary", i18n.N(lang, "query.rows", len(res.Rows), len(res.Rows)), res.Page, res.Elapsed.Round(time.Microsecond)))
		}
	}
	err = w(f, res.Result)
	if heading && err == nil && res.HasMore {
		_, err = fmt.Fprintf(f, "\n%s\n", i18n.T(s.language(), "query.doc.more", CmdNextPage, res.ID))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// codeFence is a Markdown fence longer than any run of backticks in sql.
func codeFence(sql string) string {
	longest, run := 0, 0
	for _, c := range sql {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func fileURI(path string) string { return string(uri.File(path)) }

// exportArgs is the object dbls.exportResults takes.
type exportArgs struct {
	QueryID string `json:"queryId"`
	Format  string `json:"format"`
	Path    string `json:"path"`
	All     bool   `json:"all"`
	Open    bool   `json:"open"`
}

const exportArgsShape = `{"queryId": …, "format": "csv"|"json"|"markdown", "path"?, "all"?, "open"?}`

// ExportResult is the reply to dbls.exportResults.
type ExportResult struct {
	Path string `json:"path"`
	URI  string `json:"uri"`
	Rows int    `json:"rows"`
}

func (s *Server) exportResults(ctx context.Context, a exportArgs) (any, func() (any, error), error) {
	if a.QueryID == "" {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s needs %s", CmdExportResults, exportArgsShape)
	}
	format, err := s.exportFormat(a.Format)
	if err != nil {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdExportResults, err)
	}
	path := a.Path
	if path != "" && !filepath.IsAbs(path) {
		base := s.baseDir("")
		if base == "" {
			return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: path %q is relative and there is no workspace folder", CmdExportResults, path)
		}
		path = filepath.Join(base, path)
	}
	return nil, func() (any, error) {
		r := s.runner()
		var res *runner.Result
		var err error
		if a.All {
			res, err = r.All(ctx, a.QueryID)
		} else {
			res, err = r.Last(a.QueryID)
		}
		if err != nil {
			return nil, s.queryError(err)
		}
		res = localTimes(res)
		if path == "" {
			dir, err := resultsDir()
			if err != nil {
				return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", CmdExportResults, err)
			}
			path = filepath.Join(dir, res.ID+"."+extension(format))
		}
		if err := s.writeResult(path, res, format, false); err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: write %s: %v", CmdExportResults, path, err)
		}
		out := ExportResult{Path: path, URI: fileURI(path), Rows: len(res.Rows)}
		switch {
		case a.Open && s.canShowDocument():
			s.showDocument(out.URI)
		case a.Open:
			// A client that cannot open it is told where it is.
			lang := s.language()
			s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo,
				Message: "dbls: " + i18n.N(lang, "query.rows", out.Rows, out.Rows) + " · " + i18n.T(lang, "query.msg.file", path)})
		}
		return out, nil
	}, nil
}
