package server

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/drivers/connect/saved"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plantext"
)

// Compare and sync from the editor: dbls.compareSchemas returns the plan
// and opens it as a migration preview document; dbls.syncSchemas applies
// chosen items. Both go through package compare, like dbls diff and dbls
// sync, so the editor and the CLI always agree on the plan.

const (
	CmdCompareSchemas = "dbls.compareSchemas"
	CmdSyncSchemas    = "dbls.syncSchemas"
)

// compareArgs is the argument of dbls.compareSchemas and dbls.syncSchemas.
type compareArgs struct {
	// Source is a connection (name or URL), snapshot:PATH.json, a .sql or
	// .json schema file, or a file: document URI of one; "" means the
	// document URI.
	Source string `json:"source"`
	// Target is a connection; "" means the connection of the document URI.
	Target string `json:"target,omitempty"`
	// URI is the document the command comes from: relative paths resolve
	// against its workspace, and it gives the default target.
	URI              string   `json:"uri,omitempty"`
	Dev              string   `json:"dev,omitempty"`
	Schemas          []string `json:"schemas,omitempty"`
	AllowDestructive bool     `json:"allowDestructive,omitempty"`
	// Items (dbls.syncSchemas) are the ids to apply; absent means the
	// items the plan selects.
	Items []string `json:"items,omitempty"`
	// NoPreview (dbls.compareSchemas) skips writing and opening the
	// preview document.
	NoPreview bool `json:"noPreview,omitempty"`
	// Preview (dbls.syncSchemas) is the URI of a preview document of this
	// session: source, target, dev and allowDestructive are those of the
	// compare that wrote it, so its lenses never carry connection URLs.
	Preview string `json:"preview,omitempty"`

	// sourceFile is the schema file as the user named it when Source is
	// the copy of its open document (see bufferSource).
	sourceFile string
}

// sourceName is the source as the user named it.
func (a compareArgs) sourceName() string { return cmp.Or(a.sourceFile, a.Source) }

const compareArgsShape = `{"source": …, "target": …, "allowDestructive": false, "dev": …}`

// PlanItem is one difference as the commands report it.
type PlanItem struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Label       string   `json:"label"`
	Schema      string   `json:"schema"`
	Table       string   `json:"table,omitempty"`
	Object      string   `json:"object,omitempty"`
	Changes     []string `json:"changes,omitempty"`
	SQL         []string `json:"sql"`
	Destructive bool     `json:"destructive"`
	Selected    bool     `json:"selected"`
	Error       string   `json:"error,omitempty"`
	// Requires are the ids applying this item takes along.
	Requires []string `json:"requires,omitempty"`
	// Source and Target are the object's definitions compared (the
	// snapshot JSON of each side; null for an add or a drop), for a side
	// by side view of the difference.
	Source any `json:"source,omitempty"`
	Target any `json:"target,omitempty"`
}

// CompareResult is the reply to dbls.compareSchemas.
type CompareResult struct {
	Source string     `json:"source"`
	Target string     `json:"target"`
	Items  []PlanItem `json:"items"`
	Notes  []string   `json:"notes"`
	// Preview is the URI of the migration preview document, when written.
	Preview string `json:"preview,omitempty"`
	// Path is the preview's local path, given to clients that cannot open
	// it (no window/showDocument), which were shown a summary instead.
	Path string `json:"path,omitempty"`
}

// SyncResult is the reply to dbls.syncSchemas.
type SyncResult struct {
	Target string `json:"target"`
	// Items are the ids applied; Statements what ran, in order.
	Items      []string `json:"items"`
	Statements []string `json:"statements"`
	Applied    int      `json:"applied"`
	// Remaining are the differences the re-compare found; Converged is
	// true when there are none.
	Remaining []PlanItem `json:"remaining"`
	Notes     []string   `json:"notes"`
	Converged bool       `json:"converged"`
	// OutcomeUnknown says the connection was lost before the server
	// answered the last statement or the COMMIT; Applied then counts what
	// a re-read of the target showed (a sync that did not take full effect
	// is an error instead).
	OutcomeUnknown bool `json:"outcomeUnknown,omitempty"`
}

func init() {
	registerCommand(CmdCompareSchemas, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		a, err := s.compareRequest(ctx, CmdCompareSchemas, args)
		if err != nil {
			return nil, nil, err
		}
		return nil, func() (any, error) { return s.compareSchemas(ctx, a) }, nil
	})
	registerCommand(CmdSyncSchemas, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		a, err := s.compareRequest(ctx, CmdSyncSchemas, args)
		if err != nil {
			return nil, nil, err
		}
		return nil, func() (any, error) { return s.syncSchemas(ctx, a) }, nil
	})
	i18n.Register(i18n.English, map[string]string{
		"compare.progress.compare": "dbls: comparing %s with %s",
		"compare.progress.sync":    "dbls: syncing %s",
		"compare.done":             "%d difference(s)",
		"compare.synced":           "dbls: applied %d statement(s) to %s; the target now matches the source",
		"compare.remain":           "dbls: applied %d statement(s) to %s; %d difference(s) remain",
		"compare.unknown":          "dbls: outcome unknown: the connection to %s was lost before the server answered; re-read the target: %d statement(s) took effect.",
		"compare.preview.title":    "dbls migration preview",
		"compare.preview.from":     "make %s match %s",
		"compare.preview.help":     "mark items [x] or [ ], then \"Apply all selected\"; each item can be applied alone",
		"compare.lens.compareWith": "Compare with %s",
		"compare.lens.applyOne":    "Apply this change",
		"compare.lens.applyAll":    "Apply all selected (%d)",
		"compare.err.noTarget":     "no target: give \"target\", or a document bound to a connection",
		"compare.err.noSource":     "no source: give a connection, a snapshot: file or a schema file",
		"compare.err.noPreview":    "%s is not a migration preview of this session: compare again",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"compare.progress.compare": "dbls：正在比较 %s 与 %s",
		"compare.progress.sync":    "dbls：正在同步 %s",
		"compare.done":             "%d 处差异",
		"compare.synced":           "dbls：已在 %[2]s 上执行 %[1]d 条语句；目标已与源一致",
		"compare.remain":           "dbls：已在 %[2]s 上执行 %[1]d 条语句；仍有 %[3]d 处差异",
		"compare.unknown":          "dbls：结果未知：服务器应答前与 %s 的连接已断开；重新读取目标：%d 条语句已生效。",
		"compare.preview.title":    "dbls 迁移预览",
		"compare.preview.from":     "使 %s 与 %s 一致",
		"compare.preview.help":     "将条目标记为 [x] 或 [ ]，然后点击“应用所有选中项”；每个条目也可单独应用",
		"compare.lens.compareWith": "与 %s 比较",
		"compare.lens.applyOne":    "应用此变更",
		"compare.lens.applyAll":    "应用所有选中项（%d）",
		"compare.err.noTarget":     "没有目标：请给出 \"target\"，或使用已绑定连接的文档",
		"compare.err.noSource":     "没有源：请给出连接、snapshot: 文件或模式文件",
		"compare.err.noPreview":    "%s 不是本次会话的迁移预览：请重新比较",
	})
	registerLenses(compareLenses)
	registerActions(compareActions)
}

// compareRequest decodes the argument and settles source and target.
func (s *Server) compareRequest(ctx context.Context, name string, args []json.RawMessage) (compareArgs, error) {
	var a compareArgs
	if err := objectArg(name, args, &a, compareArgsShape); err != nil {
		return a, err
	}
	lang := s.language()
	if a.Preview != "" {
		pv, ok := s.previewOf(a.Preview)
		if !ok {
			return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s", name, i18n.T(lang, "compare.err.noPreview", a.Preview))
		}
		items := a.Items
		a = pv.args
		a.Items = items
		return a, nil
	}
	if a.Source == "" {
		a.Source = a.URI // the document itself: a schema file
	}
	docSource := a.Source
	if a.Source = s.sourcePath(a.Source, a.URI); a.Source == "" {
		return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s", name, i18n.T(lang, "compare.err.noSource"))
	}
	if doc, ok := s.docs.get(docSource); ok && strings.HasSuffix(strings.ToLower(a.Source), ".sql") {
		copyPath, err := bufferSource(a.Source, doc.Text)
		if err != nil {
			return a, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", name, err)
		}
		a.sourceFile, a.Source = a.Source, copyPath
	}
	if a.Target == "" && a.URI != "" {
		if doc, ok := s.docs.get(a.URI); ok {
			a.Target = s.connectionFor(a.URI, doc.Text)
		}
	}
	if a.Target == "" {
		return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s", name, i18n.T(lang, "compare.err.noTarget"))
	}
	if strings.HasPrefix(a.Target, snapshotScheme) {
		return a, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: the target must be a database, not %s", name, a.Target)
	}
	if a.Dev == "" && strings.HasSuffix(strings.ToLower(a.Source), ".sql") && s.currentResolver().DevFor(ctx, a.Target) == "" {
		// No dev server given or configured: the schema file is loaded into
		// a scratch database created on the target's own server, with the
		// target's credentials (docs/editors.md). SQLite loads in memory.
		if src, err := resolveSource(ctx, s.currentResolver(), a.Target, s.baseDir(a.URI)); err == nil && src.Driver != "" && src.Driver != "sqlite" {
			a.Dev = a.Target
		}
	}
	return a, nil
}

// sourcePath turns a document URI or snapshot:PATH into a file path
// (relative ones against the workspace), and leaves connections alone.
func (s *Server) sourcePath(src, docURI string) string {
	path := ""
	switch {
	case strings.HasPrefix(src, "file:"):
		return uriPath(src)
	case strings.HasPrefix(src, snapshotScheme):
		path = strings.TrimPrefix(src, snapshotScheme)
	case strings.HasSuffix(strings.ToLower(src), ".sql") || strings.HasSuffix(strings.ToLower(src), ".json"):
		path = src
	default:
		return src
	}
	path, _ = dirs.ExpandHome(path)
	if !filepath.IsAbs(path) {
		if base := s.baseDir(docURI); base != "" {
			path = filepath.Join(base, path)
		}
	}
	return path
}

func (s *Server) runCompare(ctx context.Context, a compareArgs) (*compare.Comparison, error) {
	return compare.Run(ctx, s.currentResolver(), compare.Request{Source: a.Source, Target: a.Target, Dev: a.Dev,
		Schemas: a.Schemas, AllowDestructive: a.AllowDestructive})
}

func (s *Server) compareSchemas(ctx context.Context, a compareArgs) (any, error) {
	lang := s.language()
	src, dst := s.label(ctx, a.sourceName(), a.URI), s.label(ctx, a.Target, a.URI)
	end := s.beginProgress(i18n.T(lang, "compare.progress.compare", src, dst))
	cmp, err := s.runCompare(ctx, a)
	if err != nil {
		end(err.Error())
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", CmdCompareSchemas, err)
	}
	defer cmp.Close()
	res := CompareResult{Source: src, Target: dst, Items: planItems(cmp.Plan, lang), Notes: notes(cmp.Plan)}
	end(i18n.T(lang, "compare.done", len(res.Items)+len(res.Notes)))
	if a.NoPreview {
		return res, nil
	}
	path, err := writePreview(a, res, lang)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", CmdCompareSchemas, err)
	}
	res.Preview = string(uri.File(path))
	s.remember(res.Preview, a, res.Items)
	if s.canShowDocument() {
		s.spawn(func() { s.showPreview(res.Preview) }) // the reply does not wait for the client
	} else {
		res.Path = path
		s.presentPreview(res, path)
	}
	return res, nil
}

func (s *Server) syncSchemas(ctx context.Context, a compareArgs) (any, error) {
	lang := s.language()
	dst := s.label(ctx, a.Target, a.URI)
	end := s.beginProgress(i18n.T(lang, "compare.progress.sync", dst))
	res, err := s.sync(ctx, a, dst)
	if err != nil {
		end(err.Error())
		code := jsonrpc2.InternalError
		if errors.Is(err, compare.ErrUnknownItem) || errors.Is(err, compare.ErrDestructive) || errors.Is(err, compare.ErrNoSQL) ||
			errors.Is(err, compare.ErrReadOnlyTarget) {
			code = jsonrpc2.InvalidParams // the choice, not the database, is wrong
		}
		return nil, jsonrpc2.Errorf(code, "dbls: %s: %v", CmdSyncSchemas, err)
	}
	msg := i18n.T(lang, "compare.synced", res.Applied, dst)
	if !res.Converged {
		msg = i18n.T(lang, "compare.remain", res.Applied, dst, len(res.Remaining)+len(res.Notes))
	}
	if res.OutcomeUnknown {
		msg = i18n.T(lang, "compare.unknown", dst, res.Applied) + " " + msg
	}
	end(msg)
	s.showMessage(protocol.MessageTypeInfo, msg)
	return res, nil
}

func (s *Server) sync(ctx context.Context, a compareArgs, dst string) (*SyncResult, error) {
	cmp, err := s.runCompare(ctx, a)
	if err != nil {
		return nil, err
	}
	defer cmp.Close()
	if a.Items != nil {
		err := compare.Select(cmp.Plan, a.Items, a.AllowDestructive)
		if err != nil && s.confirmDestructive(ctx, err) {
			err = compare.Select(cmp.Plan, a.Items, true)
		}
		if err != nil {
			return nil, err
		}
	}
	res := &SyncResult{Target: dst, Items: []string{}}
	for _, it := range cmp.Plan.Items {
		if it.Selected {
			res.Items = append(res.Items, it.ID)
		}
	}
	applied, err := cmp.Apply(ctx)
	if applied != nil {
		res.Statements, res.Applied, res.OutcomeUnknown = applied.Statements, applied.Applied, applied.OutcomeUnknown
	}
	if res.Applied > 0 {
		s.refreshTarget(ctx, a)
	}
	if err != nil {
		return nil, err
	}
	again, err := cmp.Again(ctx)
	if err != nil {
		return nil, fmt.Errorf("re-compare after sync: %w", err)
	}
	res.Remaining, res.Notes = planItems(again, s.language()), notes(again)
	res.Converged = again.Empty()
	if res.Statements == nil {
		res.Statements = []string{}
	}
	if _, ok := s.previewOf(a.URI); ok {
		src := s.label(ctx, a.sourceName(), a.URI)
		s.updatePreview(a, CompareResult{Source: src, Target: dst, Items: res.Remaining, Notes: res.Notes})
	}
	return res, nil
}

// refreshTarget re-reads the target's cached snapshot, so that completion
// and diagnostics see the new structure at once.
func (s *Server) refreshTarget(ctx context.Context, a compareArgs) {
	e, err := s.entryFor(ctx, a.URI, a.Target)
	if err != nil {
		s.logger.Printf("refresh after sync: %v", err)
		return
	}
	<-e.ready
	s.refresh(e) //nolint:errcheck // refresh reports to the user itself
}

// label names a source or target for people, never with a password.
func (s *Server) label(ctx context.Context, arg, docURI string) string {
	if connect.IsSchemaFile(arg) {
		return arg
	}
	if src, err := resolveSource(ctx, s.currentResolver(), arg, s.baseDir(docURI)); err == nil {
		return src.Label
	}
	clean, _ := saved.SplitPassword(arg)
	return clean
}

func planItems(p *diff.Plan, lang string) []PlanItem {
	out := make([]PlanItem, 0, len(p.Items))
	for _, it := range p.Items {
		sql := it.SQL
		if sql == nil {
			sql = []string{}
		}
		out = append(out, PlanItem{ID: it.ID, Kind: string(it.Kind), Label: plantext.Label(it, lang), Schema: it.Schema,
			Table: it.Table, Object: it.Object, Changes: it.Changes, SQL: sql, Destructive: it.Destructive,
			Selected: it.Selected, Error: it.Error, Requires: it.Requires, Source: it.Source, Target: it.Target})
	}
	return out
}

// notes are what the editor lists under the items: the plan's notes and
// its Info.
func notes(p *diff.Plan) []string {
	return append(append([]string{}, p.Notes...), p.Info...)
}
