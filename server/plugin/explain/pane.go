package explain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plugin"
)

// PaneID is the EXPLAIN plan pane: the plan of the statement at the cursor
// as a collapsible tree.
const PaneID = "explain.plan"

// Panes offers the plan pane on the engines whose plans it reads.
func (*Assist) Panes() []plugin.PaneInfo {
	return []plugin.PaneInfo{{ID: PaneID, Title: "EXPLAIN plan", Scope: plugin.ScopeStatement,
		Description: "the plan of the statement at the cursor as a tree (PostgreSQL, MySQL, MariaDB, SQLite)",
		Drivers:     []string{"postgres", "mysql", "mariadb", "sqlite"}}}
}

// paneMessage is what the pane's buttons send.
type paneMessage struct {
	// Analyze asks for EXPLAIN ANALYZE (PostgreSQL, reading statements
	// only): the statement runs.
	Analyze bool `json:"analyze"`
}

// RenderPane plans the statement (never running it) and renders the tree.
func (a *Assist) RenderPane(ctx context.Context, req plugin.PaneRequest) (plugin.PaneContent, error) {
	return a.render(ctx, req, false)
}

// PaneMessage re-plans: {"analyze": true} runs EXPLAIN ANALYZE where that
// is safe, {"analyze": false} (or refresh) plans again.
func (a *Assist) PaneMessage(ctx context.Context, req plugin.PaneRequest, msg json.RawMessage) (plugin.PaneReply, error) {
	var m paneMessage
	if len(msg) > 0 {
		if err := json.Unmarshal(msg, &m); err != nil {
			return plugin.PaneReply{}, fmt.Errorf("%s: message %s: want {\"analyze\": bool}: %w", PaneID, msg, err)
		}
	}
	c, err := a.render(ctx, req, m.Analyze)
	if err != nil {
		return plugin.PaneReply{}, err
	}
	return plugin.PaneReply{Content: &c}, nil
}

// ErrRefused is wrapped by statements the pane will not explain.
var ErrRefused = errors.New("refused")

// dialect maps a driver ID to the scanner's dialect.
func dialect(driver string) sqltext.Dialect {
	if driver == "mariadb" {
		return sqltext.Dialect("mysql")
	}
	return sqltext.Dialect(driver)
}

// explainSQL is the statement that asks driver for stmt's plan, after the
// same checks as the runner: one statement, one EXPLAIN can plan, and an
// ANALYZE (which runs the statement) only of a statement that cannot
// write. canAnalyze tells whether the pane may offer ANALYZE at all.
func explainSQL(driver, stmt string, analyze bool) (sql string, canAnalyze bool, err error) {
	stmt = strings.TrimSpace(stmt)
	for strings.HasSuffix(stmt, ";") {
		stmt = strings.TrimSpace(strings.TrimSuffix(stmt, ";"))
	}
	if stmt == "" {
		return "", false, fmt.Errorf("no statement at the cursor: %w", ErrRefused)
	}
	d := dialect(driver)
	if n := sqltext.Classify(d, stmt).Statements; n != 1 {
		return "", false, fmt.Errorf("EXPLAIN takes one statement, not %d: %w", n, ErrRefused)
	}
	if w := leadingWord(d, stmt); !planVerbs[w] {
		return "", false, fmt.Errorf("EXPLAIN plans SELECT, WITH, VALUES, TABLE, INSERT, UPDATE and DELETE statements, not %q: %w", w, ErrRefused)
	}
	// What the runner would see: EXPLAIN ANALYZE of a write is a write.
	canAnalyze = driver == "postgres" && !sqltext.Classify(d, "EXPLAIN ANALYZE "+stmt).Write
	if analyze && !canAnalyze {
		if driver != "postgres" {
			return "", false, fmt.Errorf("EXPLAIN ANALYZE is offered on PostgreSQL only: %w", ErrRefused)
		}
		return "", false, fmt.Errorf("EXPLAIN ANALYZE runs the statement, and %s writes: only its plan is shown: %w", sqltext.Classify(d, stmt).Verb, ErrRefused)
	}
	switch driver {
	case "postgres":
		if analyze {
			return "EXPLAIN (ANALYZE, FORMAT JSON) " + stmt, canAnalyze, nil
		}
		return "EXPLAIN (FORMAT JSON) " + stmt, canAnalyze, nil
	case "mysql", "mariadb":
		return "EXPLAIN FORMAT=JSON " + stmt, false, nil
	case "sqlite":
		return "EXPLAIN QUERY PLAN " + stmt, false, nil
	}
	return "", false, fmt.Errorf("no EXPLAIN plan for driver %q: %w", driver, ErrRefused)
}

// planVerbs start the statements EXPLAIN plans without running them.
var planVerbs = map[string]bool{"SELECT": true, "WITH": true, "VALUES": true, "TABLE": true, "INSERT": true, "UPDATE": true, "DELETE": true}

// leadingWord is the statement's first word, upper-cased, comments
// skipped.
func leadingWord(d sqltext.Dialect, stmt string) string {
	for _, tok := range sqltext.Lex(d, stmt) {
		if tok.Kind == sqltext.Comment {
			continue
		}
		return strings.ToUpper(tok.Text(stmt))
	}
	return ""
}

// Plan runs EXPLAIN of stmt on conn and reads the tree.
func Plan(ctx context.Context, conn drivers.Conn, driver, stmt string, analyze bool) (*PlanNode, error) {
	sql, _, err := explainSQL(driver, stmt, analyze)
	if err != nil {
		return nil, err
	}
	q, ok := conn.(drivers.Querier)
	if !ok {
		return nil, fmt.Errorf("the %s connection cannot run queries", driver)
	}
	res, err := q.Query(ctx, drivers.Request{SQL: sql})
	if err != nil {
		return nil, fmt.Errorf("EXPLAIN: %w", err)
	}
	if driver == "sqlite" {
		return sqliteTree(res.Rows)
	}
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		return nil, fmt.Errorf("EXPLAIN returned %d rows, want one JSON document", len(res.Rows))
	}
	doc := res.Rows[0][0]
	if b, ok := doc.([]byte); ok {
		doc = string(b)
	}
	if driver == "postgres" {
		return postgresTree(fmt.Sprint(doc))
	}
	return mysqlTree(fmt.Sprint(doc))
}

// view is what the page template shows.
type view struct {
	Nonce, Title, Statement, Mode string
	Root                          *PlanNode
	Nodes                         int
	// Toggle is the button that switches between plan and ANALYZE, with
	// its message; empty when ANALYZE cannot be offered.
	Toggle, ToggleMsg string
	Refresh           string
}

func (a *Assist) render(ctx context.Context, req plugin.PaneRequest, analyze bool) (plugin.PaneContent, error) {
	lang := req.Language
	if req.Open == nil {
		return plugin.PaneContent{}, fmt.Errorf("%s: the document has no connection: %w", PaneID, ErrRefused)
	}
	_, canAnalyze, err := explainSQL(req.Driver, req.Statement, analyze)
	if err != nil {
		return plugin.PaneContent{}, err
	}
	conn, err := req.Open(ctx)
	if err != nil {
		return plugin.PaneContent{}, fmt.Errorf("%s: %w", PaneID, err)
	}
	root, err := Plan(ctx, conn, req.Driver, req.Statement, analyze)
	if err != nil {
		return plugin.PaneContent{}, err
	}
	v := view{Nonce: req.Nonce, Title: i18n.T(lang, "explain.pane.title"), Statement: strings.TrimSpace(req.Statement),
		Root: root, Nodes: root.Count(), Mode: "plan", Refresh: i18n.T(lang, "explain.pane.refresh")}
	if analyze {
		v.Mode = "analyze"
		v.Title = i18n.T(lang, "explain.pane.titleAnalyze")
	}
	if canAnalyze {
		v.Toggle, v.ToggleMsg = i18n.T(lang, "explain.pane.analyze"), `{"analyze":true}`
		if analyze {
			v.Toggle, v.ToggleMsg = i18n.T(lang, "explain.pane.planOnly"), `{"analyze":false}`
		}
	}
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return plugin.PaneContent{}, fmt.Errorf("%s: %w", PaneID, err)
	}
	text := v.Title + "\n" + v.Statement + "\n\n" + root.Text()
	return plugin.PaneContent{Title: v.Title, HTML: b.String(), Text: text}, nil
}

// page is the pane: a tree of <details> (collapsible without a script),
// styled in an element that carries the nonce, with buttons that send
// their data-pane-message when clicked.
var page = template.Must(template.New("page").Parse(`<style nonce="{{.Nonce}}">
.explain { font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #222); }
.explain .stmt { display: block; white-space: pre-wrap; margin: 4px 0 8px; padding: 4px 6px; background: var(--vscode-textCodeBlock-background, #f3f3f3); font-family: var(--vscode-editor-font-family, monospace); }
.explain button { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #fff); border: none; padding: 3px 10px; margin-right: 6px; cursor: pointer; }
.explain ul.plan-tree, .explain ul.plan-tree ul { list-style: none; margin: 0; padding-left: 18px; border-left: 1px dotted var(--vscode-tree-indentGuidesStroke, #aaa); }
.explain ul.plan-tree { padding-left: 0; border-left: none; }
.explain summary { cursor: pointer; padding: 1px 0; }
.explain .node-label { font-weight: bold; }
.explain .node-summary { opacity: .75; margin-left: 8px; font-size: 90%; }
.explain .prop { opacity: .85; padding-left: 16px; font-family: var(--vscode-editor-font-family, monospace); font-size: 90%; }
</style>
<div class="explain" data-mode="{{.Mode}}" data-nodes="{{.Nodes}}">
<h3>{{.Title}}</h3>
<code class="stmt">{{.Statement}}</code>
<div class="actions">{{if .Toggle}}<button type="button" id="toggle" data-pane-message="{{.ToggleMsg}}">{{.Toggle}}</button>{{end}}<button type="button" id="refresh" data-pane-message='{"analyze":{{if eq .Mode "analyze"}}true{{else}}false{{end}}}'>{{.Refresh}}</button></div>
<ul class="plan-tree" id="plan-tree">{{template "node" .Root}}</ul>
</div>
{{define "node"}}<li class="plan-node"><details open><summary><span class="node-label">{{.Label}}</span>{{if .Summary}}<span class="node-summary">{{.Summary}}</span>{{end}}</summary>{{range .Details}}<div class="prop">{{.}}</div>{{end}}{{if .Children}}<ul>{{range .Children}}{{template "node" .}}{{end}}</ul>{{end}}</details></li>{{end}}`))

func init() {
	i18n.Register(i18n.English, map[string]string{
		"explain.pane.title":        "EXPLAIN plan",
		"explain.pane.titleAnalyze": "EXPLAIN ANALYZE",
		"explain.pane.analyze":      "Run EXPLAIN ANALYZE",
		"explain.pane.planOnly":     "Plan only",
		"explain.pane.refresh":      "Refresh",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"explain.pane.title":        "执行计划",
		"explain.pane.titleAnalyze": "执行计划（ANALYZE）",
		"explain.pane.analyze":      "运行 EXPLAIN ANALYZE",
		"explain.pane.planOnly":     "仅查看计划",
		"explain.pane.refresh":      "刷新",
	})
}
