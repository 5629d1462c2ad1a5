package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/runner"
)

// Commands that change records and views through the drivers' helpers:
// every identifier quoted by the dialect, every value a bind parameter.
const (
	CmdInsertRecord = "dbls.insertRecord"
	CmdUpdateRecord = "dbls.updateRecord"
	CmdDeleteRecord = "dbls.deleteRecord"
	CmdCreateView   = "dbls.createView"
	CmdAlterView    = "dbls.alterView"
	CmdDropView     = "dbls.dropView"
)

// recordArgs is the object the record commands take. values and key are
// JSON objects whose member order is kept (it is the column order of the
// generated SQL).
type recordArgs struct {
	URI        string        `json:"uri"`
	Connection string        `json:"connection"`
	Schema     string        `json:"schema"`
	Table      string        `json:"table"`
	Values     orderedRecord `json:"values"`
	Key        orderedRecord `json:"key"`
	// Preview asks for the statement that would run, without running it.
	Preview bool `json:"preview"`
}

const recordArgsShape = `{"uri" | "connection": …, "schema"?, "table": …, "values"?: {column: value}, "key"?: {column: value}, "preview"?: true}`

// RecordPreview is the reply to a record command with "preview": true:
// the statement it would send, with its bind values, and the same
// statement with the values written in, for display only.
type RecordPreview struct {
	SQL     string `json:"sql"`
	Params  []any  `json:"params"`
	Display string `json:"display"`
}

// viewArgs is the object the view commands take.
type viewArgs struct {
	URI        string `json:"uri"`
	Connection string `json:"connection"`
	Schema     string `json:"schema"`
	Name       string `json:"name"`
	Definition string `json:"definition"`
}

const viewArgsShape = `{"uri" | "connection": …, "schema"?, "name": …, "definition": "SELECT …"}`

// ChangeResult is the reply to the record and view commands.
type ChangeResult struct {
	// Affected is the number of rows a record command changed.
	Affected int64 `json:"affected"`
}

func init() {
	type previewFunc = func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (drivers.RecordStatement, error)
	record := func(name string, need func(recordArgs) bool, f func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (int64, error), preview previewFunc) {
		registerCommand(name, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
			var a recordArgs
			if err := objectArg(name, args, &a, recordArgsShape); err != nil {
				return nil, nil, err
			}
			if a.Table == "" || !need(a) {
				return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s needs %s", name, recordArgsShape)
			}
			t := drivers.TableRef{Schema: a.Schema, Name: a.Table}
			if a.Preview {
				return s.previewRecord(ctx, name, a, func(ctx context.Context, c drivers.Conn) (drivers.RecordStatement, error) {
					return preview(ctx, c, t, a)
				})
			}
			return s.change(ctx, name, a.URI, a.Connection, false, func(ctx context.Context, c drivers.Conn) (int64, error) {
				return f(ctx, c, t, a)
			})
		})
	}
	record(CmdInsertRecord, func(a recordArgs) bool { return len(a.Values) > 0 },
		func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (int64, error) {
			if err := drivers.InsertRecord(ctx, c, t, drivers.Record(a.Values)); err != nil {
				return 0, err
			}
			return 1, nil
		}, func(_ context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (drivers.RecordStatement, error) {
			return drivers.InsertRecordStatement(c, t, drivers.Record(a.Values))
		})
	record(CmdUpdateRecord, func(a recordArgs) bool { return len(a.Values) > 0 && len(a.Key) > 0 },
		func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (int64, error) {
			return drivers.UpdateRecord(ctx, c, t, drivers.Record(a.Key), drivers.Record(a.Values))
		}, func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (drivers.RecordStatement, error) {
			return drivers.UpdateRecordStatement(ctx, c, t, drivers.Record(a.Key), drivers.Record(a.Values))
		})
	record(CmdDeleteRecord, func(a recordArgs) bool { return len(a.Key) > 0 },
		func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (int64, error) {
			return drivers.DeleteRecord(ctx, c, t, drivers.Record(a.Key))
		}, func(ctx context.Context, c drivers.Conn, t drivers.TableRef, a recordArgs) (drivers.RecordStatement, error) {
			return drivers.DeleteRecordStatement(ctx, c, t, drivers.Record(a.Key))
		})

	view := func(name string, needDefinition bool, f func(ctx context.Context, c drivers.Conn, v drivers.ViewRef, definition string) error) {
		registerCommand(name, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
			var a viewArgs
			if err := objectArg(name, args, &a, viewArgsShape); err != nil {
				return nil, nil, err
			}
			if a.Name == "" || (needDefinition && a.Definition == "") {
				return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s needs %s", name, viewArgsShape)
			}
			v := drivers.ViewRef{Schema: a.Schema, Name: a.Name}
			return s.change(ctx, name, a.URI, a.Connection, true, func(ctx context.Context, c drivers.Conn) (int64, error) {
				return 0, f(ctx, c, v, a.Definition)
			})
		})
	}
	view(CmdCreateView, true, drivers.CreateView)
	view(CmdAlterView, true, drivers.AlterView)
	view(CmdDropView, false, func(ctx context.Context, c drivers.Conn, v drivers.ViewRef, _ string) error {
		return drivers.DropView(ctx, c, v)
	})
}

// change runs one record or view change through the runner (read-only
// connections refuse it; query_timeout and cancellation apply) and, for a
// change of structure, re-reads the snapshot.
func (s *Server) change(ctx context.Context, name, docURI, connection string, ddl bool, f func(ctx context.Context, c drivers.Conn) (int64, error)) (any, func() (any, error), error) {
	arg, e, err := s.connectionOf(ctx, docURI, connection)
	if err != nil {
		return nil, nil, err
	}
	return nil, func() (any, error) {
		var n int64
		c := runner.Change{ID: s.newQueryID(), Connection: arg, Verb: name, Timeout: s.queryTimeout(), DDL: ddl}
		err := s.runner().Apply(ctx, c, func(ctx context.Context, conn drivers.Conn) error {
			var err error
			n, err = f(ctx, conn)
			return err
		})
		if err != nil {
			return nil, s.queryError(err)
		}
		if ddl {
			s.refreshAfterDDL(e)
		}
		return ChangeResult{Affected: n}, nil
	}, nil
}

// previewRecord answers a record command's preview: the statement it
// would send, built on the connection as the change would be (a read-only
// connection refuses it as it would refuse the change), and not run.
func (s *Server) previewRecord(ctx context.Context, name string, a recordArgs, f func(ctx context.Context, c drivers.Conn) (drivers.RecordStatement, error)) (any, func() (any, error), error) {
	arg, _, err := s.connectionOf(ctx, a.URI, a.Connection)
	if err != nil {
		return nil, nil, err
	}
	return nil, func() (any, error) {
		var st drivers.RecordStatement
		c := runner.Change{ID: s.newQueryID(), Connection: arg, Verb: name, Timeout: s.queryTimeout()}
		err := s.runner().Apply(ctx, c, func(ctx context.Context, conn drivers.Conn) error {
			var err error
			st, err = f(ctx, conn)
			return err
		})
		if err != nil {
			return nil, s.queryError(err)
		}
		return RecordPreview{SQL: st.SQL, Params: jsonRows([][]any{st.Args})[0], Display: st.Display}, nil
	}, nil
}

// orderedRecord is a JSON object decoded as a drivers.Record, in the
// order its members were written. Numbers become int64 when whole, else
// float64; nested objects and arrays are passed as their JSON text.
type orderedRecord drivers.Record

func (r *orderedRecord) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*r = nil
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("want an object of column: value, got %v", tok)
	}
	out := orderedRecord{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		col := tok.(string) // object keys are always strings
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("column %q: %w", col, err)
		}
		v, err := jsonValue(raw)
		if err != nil {
			return fmt.Errorf("column %q: %w", col, err)
		}
		out = append(out, drivers.Field{Column: col, Value: v})
	}
	*r = out
	return nil
}

func jsonValue(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, nil
		}
		return x.Float64()
	case map[string]any, []any:
		return string(raw), nil
	}
	return v, nil
}
