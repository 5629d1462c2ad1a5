// Package plugin is the extension contract of dbls: what a plugin is (a
// Descriptor), the capabilities it may offer (Command, Exporter,
// MetadataHook, Assist — optional interfaces found by type assertion, as in
// database/sql), the read-only services it is given (Context), the event
// bus, one registry for every entry point, and the Host that activates
// plugins lazily and isolates every call into them.
//
// Plugin IDs are namespaced, Caddy style: "export.csv", "assist.explain",
// "metadata.rowestimate", "external.csvdriver". The last element is the
// plugin's key in the configuration: [plugins] csv = false disables it and
// [plugins.csv] is its own settings table.
package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// Descriptor names a plugin and the dbls versions it works with.
type Descriptor struct {
	// ID is "namespace.name"; see the package comment.
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version string `json:"version"`
	// MinDBLS is a semver constraint on the dbls version (">= 0.2.0");
	// empty means any.
	MinDBLS     string `json:"min_dbls,omitempty"`
	Description string `json:"description,omitempty"`
}

// Key is the last element of the ID: the plugin's name under [plugins].
func (d Descriptor) Key() string { return d.ID[strings.LastIndexByte(d.ID, '.')+1:] }

// Namespace is the ID without its last element.
func (d Descriptor) Namespace() string {
	if i := strings.LastIndexByte(d.ID, '.'); i > 0 {
		return d.ID[:i]
	}
	return ""
}

var idRE = regexp.MustCompile(`^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$`)

// Validate checks the ID's form, that name and version are given, and
// that MinDBLS (if any) is a semver constraint.
func (d Descriptor) Validate() error {
	if err := d.validate(); err != nil {
		return err
	}
	if d.MinDBLS != "" {
		if _, err := semver.NewConstraint(d.MinDBLS); err != nil {
			return fmt.Errorf("plugin %s: minimum dbls version %q: %w", d.ID, d.MinDBLS, err)
		}
	}
	return nil
}

func (d Descriptor) validate() error {
	if !idRE.MatchString(d.ID) {
		return fmt.Errorf("plugin ID %q: want namespace.name in lower case (e.g. export.csv)", d.ID)
	}
	if d.Name == "" || d.Version == "" {
		return fmt.Errorf("plugin %s: descriptor lacks a name or version", d.ID)
	}
	return nil
}

// Plugin is anything with a Descriptor. What it can do is the optional
// interfaces below that it implements.
type Plugin interface {
	Descriptor() Descriptor
}

// Activator is a plugin that prepares itself on first use (lazily, not at
// startup), with its services.
type Activator interface {
	Activate(ctx context.Context, pc Context) error
}

// Shutdowner is a plugin that releases resources when dbls exits. ctx
// carries the deadline it must meet.
type Shutdowner interface {
	Shutdown(ctx context.Context) error
}

// Command is a dbls.* workspace command a plugin adds; the CLI reaches it
// too (dbls command NAME).
type Command struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	// Run receives the arguments as the client sent them and returns a
	// JSON-encodable result.
	Run func(ctx context.Context, args []json.RawMessage) (any, error) `json:"-"`
}

// Commander is a plugin that offers commands.
type Commander interface {
	Commands() []Command
}

// Format is one export format.
type Format struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Extension is the usual file extension, without the dot.
	Extension string `json:"extension,omitempty"`
	MediaType string `json:"media_type,omitempty"`
}

// Header is what an exporter knows before the first row.
type Header struct {
	Columns []drivers.ResultColumn `json:"columns"`
	Page    int                    `json:"page,omitempty"`
	Limit   int                    `json:"limit,omitempty"`
}

// Footer is what is known after the last row.
type Footer struct {
	// Rows is the number of rows written.
	Rows int `json:"rows"`
	// RowsAffected is -1 when the statement did not say.
	RowsAffected int64         `json:"rows_affected"`
	HasMore      bool          `json:"has_more"`
	Elapsed      time.Duration `json:"elapsed_ns"`
}

// RowWriter receives a result one row at a time, so that no exporter needs
// the whole result in memory. End writes whatever follows the rows; it is
// called once, also for a statement without a result set.
type RowWriter interface {
	WriteRow(row []any) error
	End(f Footer) error
}

// Exporter is a plugin that turns results into formats.
type Exporter interface {
	Formats() []Format
	// NewWriter starts writing one result in format (one of Formats' names)
	// to w.
	NewWriter(format string, w io.Writer, h Header) (RowWriter, error)
}

// MetadataHook is a plugin that enriches a snapshot just read from conn
// (row estimates, comments from elsewhere). It changes snap in place and
// must not keep it. snap is the hook's own copy down to its schemas'
// tables and views, which it may change field by field; what lies below
// them (columns, keys, indexes, option maps) is shared with the caller and
// must be replaced, not changed in place (copy a list before editing it).
type MetadataHook interface {
	Enrich(ctx context.Context, conn drivers.Conn, snap *schema.Snapshot) error
}

// AssistRequest is a statement of a document that an assist may look at.
type AssistRequest struct {
	URI string
	// Statement is the SQL statement at the user's cursor or selection.
	Statement string
	// Driver is the ID of the document's driver, "" when it has none.
	Driver string
	// Open returns the document's connection, opening it on first use; the
	// host closes it after the call. Nil when the document has none.
	Open     func(ctx context.Context) (drivers.Conn, error)
	Snapshot *schema.Snapshot
}

// Action is something an assist offers: its title is shown in the editor's
// code-action menu, Detail (Markdown) when it is chosen.
type Action struct {
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
}

// Assist is a plugin that offers actions on a statement of a document.
type Assist interface {
	Assist(ctx context.Context, req AssistRequest) ([]Action, error)
}

// Services are the read-only parts of the host environment a plugin may
// use. The server provides them; in the CLI they are empty.
type Services interface {
	// Snapshot returns the cached snapshot of a connection (name or URL).
	Snapshot(ctx context.Context, conn string) (*schema.Snapshot, bool)
	// Document returns an open document's text and its connection.
	Document(uri string) (text, conn string, ok bool)
	// Analysis returns what dbls understood of an open document: its
	// statements, outline and diagnostics, as the editor shows them.
	Analysis(ctx context.Context, uri string) (DocumentAnalysis, bool)
}

// DocumentAnalysis is the language server's analysis of one document
// (byte offsets into its text).
type DocumentAnalysis struct {
	Dialect     analysis.Dialect
	Statements  []analysis.Statement
	Symbols     []analysis.Symbol
	Diagnostics []analysis.Diagnostic
}

// Context is what a plugin is given on activation.
type Context interface {
	Services
	// Config is the plugin's own [plugins.NAME] table (nil when absent).
	Config() map[string]any
	// Subscribe calls f, isolated like any plugin call, for every event of
	// kind; the returned func ends the subscription.
	Subscribe(kind EventKind, f func(context.Context, Event)) (unsubscribe func())
	// Logf writes to the operator's log under the plugin's ID.
	Logf(format string, args ...any)
}

// noServices answers nothing: the CLI has no cache and no documents.
type noServices struct{}

func (noServices) Snapshot(context.Context, string) (*schema.Snapshot, bool) { return nil, false }
func (noServices) Document(string) (string, string, bool)                    { return "", "", false }
func (noServices) Analysis(context.Context, string) (DocumentAnalysis, bool) {
	return DocumentAnalysis{}, false
}
