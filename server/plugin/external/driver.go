package external

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// CodeQueryError is the JSON-RPC error code of a statement the database
// refused; its data is a QueryErrorData.
const CodeQueryError = -32001

// QueryErrorData is the data of a CodeQueryError error.
type QueryErrorData struct {
	Message  string `json:"message"`
	Code     string `json:"code,omitempty"`
	Position int    `json:"position,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Hint     string `json:"hint,omitempty"`
}

// externalDriver is a drivers.Driver whose connections live in a plugin
// process.
type externalDriver struct {
	c   *Client
	cap DriverCapability
}

// NewDriver returns the driver the client's manifest declares.
func NewDriver(c *Client) drivers.Driver {
	d := &externalDriver{c: c, cap: *c.m.Capabilities.Driver}
	d.cap.ID = strings.ToLower(d.cap.ID)
	if d.cap.Description == "" {
		d.cap.Description = c.m.Description
	}
	return d
}

func (d *externalDriver) Manifest() drivers.Manifest { return d.cap.Manifest }

// openParams is what driver/open receives: the parsed URL, password
// included, so neither side ever logs it.
type openParams struct {
	Driver   string            `json:"driver"`
	Host     string            `json:"host,omitempty"`
	Port     int               `json:"port,omitempty"`
	User     string            `json:"user,omitempty"`
	Password string            `json:"password,omitempty"`
	Database string            `json:"database,omitempty"`
	Path     string            `json:"path,omitempty"`
	Options  map[string]string `json:"options,omitempty"`
	ReadOnly bool              `json:"readOnly,omitempty"`
}

func (d *externalDriver) Open(ctx context.Context, p drivers.Params) (drivers.Conn, error) {
	if p.Dial != nil {
		return nil, fmt.Errorf("driver %s (plugin %s): SSH tunnels are not supported for external drivers", d.cap.ID, d.c.m.ID)
	}
	if p.Path != "" && p.Path != ":memory:" && !filepath.IsAbs(p.Path) {
		// The plugin runs in its own folder: a relative path means ours.
		abs, err := filepath.Abs(p.Path)
		if err != nil {
			return nil, fmt.Errorf("driver %s: %s: %w", d.cap.ID, p.Path, err)
		}
		p.Path = abs
	}
	c := &conn{d: d, params: openParams{Driver: d.cap.ID, Host: p.Host, Port: p.Port, User: p.User, Password: p.Password,
		Database: p.Database, Path: p.Path, Options: p.Options, ReadOnly: p.ReadOnly}}
	if _, err := c.handle(ctx); err != nil {
		return nil, err
	}
	return c.withMethods(), nil
}

// conn is an open connection in the plugin. After the plugin restarts, the
// connection is opened again on next use: the plugin lost it.
type conn struct {
	d      *externalDriver
	params openParams

	mu  sync.Mutex
	id  string
	gen int
}

func (c *conn) handle(ctx context.Context) (string, error) {
	if _, err := c.d.c.Start(ctx); err != nil {
		return "", err
	}
	gen := c.d.c.Generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.id != "" && c.gen == gen {
		return c.id, nil
	}
	var out struct {
		Conn string `json:"conn"`
	}
	if err := c.d.c.Call(ctx, "driver/open", c.params, &out); err != nil {
		return "", fmt.Errorf("open %s: %w", c.describe(), err)
	}
	if out.Conn == "" {
		return "", fmt.Errorf("open %s: plugin %s returned no connection id", c.describe(), c.d.c.m.ID)
	}
	c.id, c.gen = out.Conn, gen
	return c.id, nil
}

func (c *conn) describe() string {
	if c.params.Path != "" {
		return c.d.cap.ID + ":" + c.params.Path
	}
	return fmt.Sprintf("%s://%s:%d/%s", c.d.cap.ID, c.params.Host, c.params.Port, c.params.Database)
}

// call sends method with the connection id added to params.
func (c *conn) call(ctx context.Context, method string, params map[string]any, result any) error {
	id, err := c.handle(ctx)
	if err != nil {
		return err
	}
	if params == nil {
		params = map[string]any{}
	}
	params["conn"] = id
	return c.d.c.Call(ctx, method, params, result)
}

func (c *conn) Ping(ctx context.Context) error { return c.call(ctx, "driver/ping", nil, nil) }

func (c *conn) Snapshot(ctx context.Context, f drivers.Filter) (*schema.Snapshot, error) {
	var raw json.RawMessage
	err := c.call(ctx, "driver/snapshot", map[string]any{"filter": map[string]any{"schemas": f.Schemas, "objects": f.Objects}}, &raw)
	if err != nil {
		return nil, err
	}
	s, err := schema.Unmarshal(raw)
	if err != nil {
		return nil, fmt.Errorf("snapshot of %s from plugin %s: %w", c.describe(), c.d.c.m.ID, err)
	}
	return s, nil
}

func (c *conn) Close() error {
	c.mu.Lock()
	id, gen := c.id, c.gen
	c.id = ""
	c.mu.Unlock()
	if id == "" || gen != c.d.c.Generation() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return c.d.c.Call(ctx, "driver/close", map[string]any{"conn": id}, nil)
}

type queryResult struct {
	Columns      []drivers.ResultColumn `json:"columns"`
	Rows         []json.RawMessage      `json:"rows"`
	RowsAffected *int64                 `json:"rowsAffected"`
	HasMore      bool                   `json:"hasMore"`
}

func (c *conn) query(ctx context.Context, req drivers.Request) (*drivers.Result, error) {
	start := time.Now()
	args := req.Args
	if args == nil {
		args = []any{}
	}
	var out queryResult
	err := c.call(ctx, "driver/query", map[string]any{"sql": req.SQL, "args": args, "limit": req.Limit, "page": max(req.Page, 1)}, &out)
	var re *RemoteError
	if errors.As(err, &re) && re.Code == CodeQueryError {
		var d QueryErrorData
		if json.Unmarshal(re.Data, &d) != nil || d.Message == "" {
			d.Message = re.Message
		}
		qe := drivers.NewQueryError(req.SQL, d.Message, d.Code, d.Position, err)
		qe.Detail, qe.Hint = d.Detail, d.Hint
		return nil, qe
	}
	if err != nil {
		return nil, err
	}
	res := &drivers.Result{Columns: out.Columns, HasMore: out.HasMore, Page: max(req.Page, 1), Limit: req.Limit, RowsAffected: -1}
	if out.RowsAffected != nil {
		res.RowsAffected = *out.RowsAffected
	}
	for _, raw := range out.Rows {
		row, err := decodeRow(raw)
		if err != nil {
			return nil, fmt.Errorf("result from plugin %s: %w", c.d.c.m.ID, err)
		}
		res.Rows = append(res.Rows, row)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// decodeRow keeps integers as int64, as the built-in drivers give them.
func decodeRow(raw json.RawMessage) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var row []any
	if err := dec.Decode(&row); err != nil {
		return nil, err
	}
	for i, v := range row {
		if n, ok := v.(json.Number); ok {
			if x, err := n.Int64(); err == nil {
				row[i] = x
			} else if f, err := n.Float64(); err == nil {
				row[i] = f
			}
		}
	}
	return row, nil
}

func (c *conn) names(ctx context.Context, method string) ([]string, error) {
	var out []string
	err := c.call(ctx, method, nil, &out)
	return out, err
}

type querier struct{ c *conn }

func (q querier) Query(ctx context.Context, req drivers.Request) (*drivers.Result, error) {
	return q.c.query(ctx, req)
}

type schemaLister struct{ c *conn }

func (s schemaLister) Schemas(ctx context.Context) ([]string, error) {
	return s.c.names(ctx, "driver/schemas")
}

type databaseLister struct{ c *conn }

func (d databaseLister) Databases(ctx context.Context) ([]string, error) {
	return d.c.names(ctx, "driver/databases")
}

// withMethods returns c with exactly the optional interfaces the manifest
// declares, so that type assertions tell the truth.
func (c *conn) withMethods() drivers.Conn {
	q, s, d := c.d.cap.Has("query"), c.d.cap.Has("schemas"), c.d.cap.Has("databases")
	switch {
	case q && s && d:
		return struct {
			*conn
			querier
			schemaLister
			databaseLister
		}{c, querier{c}, schemaLister{c}, databaseLister{c}}
	case q && s:
		return struct {
			*conn
			querier
			schemaLister
		}{c, querier{c}, schemaLister{c}}
	case q && d:
		return struct {
			*conn
			querier
			databaseLister
		}{c, querier{c}, databaseLister{c}}
	case s && d:
		return struct {
			*conn
			schemaLister
			databaseLister
		}{c, schemaLister{c}, databaseLister{c}}
	case q:
		return struct {
			*conn
			querier
		}{c, querier{c}}
	case s:
		return struct {
			*conn
			schemaLister
		}{c, schemaLister{c}}
	case d:
		return struct {
			*conn
			databaseLister
		}{c, databaseLister{c}}
	}
	return c
}
