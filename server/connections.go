package server

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/saved"
	"github.com/dbls/dbls/server/i18n"
)

// Connection management for editors that offer a form: the same package
// as `dbls conn …`, so a password given here goes to the OS keyring and is
// never stored, logged or sent back.

const (
	CmdListConnections  = "dbls.listConnections"
	CmdTestConnection   = "dbls.testConnection"
	CmdSaveConnection   = "dbls.saveConnection"
	CmdDeleteConnection = "dbls.deleteConnection"
	CmdListDrivers      = "dbls.listDrivers"
)

// ConnectionList is the reply to dbls.listConnections.
type ConnectionList struct {
	Connections []saved.Summary `json:"connections"`
	// Default is the configured default connection, or "".
	Default string `json:"default,omitempty"`
}

// TestResult is the reply to dbls.testConnection.
type TestResult struct {
	Connection string    `json:"connection"`
	OK         bool      `json:"ok"`
	Hops       []TestHop `json:"hops"`
}

// TestHop is one step of reaching the database (connect.Hop, with the time
// in milliseconds: the JSON-RPC encoder writes a Duration as a string).
type TestHop struct {
	Step      string  `json:"step"`
	OK        bool    `json:"ok"`
	Detail    string  `json:"detail"`
	ElapsedMS float64 `json:"elapsedMs"`
}

// saveArgs is a connection as config writes it (snake_case keys, as in
// .dbls.toml and editor settings) plus its name. password, or one in the
// URL, goes to the keyring.
// testArgs is dbls.testConnection's argument: a connection by name, URL or
// document, or one not saved yet ("config", as dbls.saveConnection takes it).
type testArgs struct {
	commandArgs
	Config *saveArgs `json:"config,omitempty"`
}

type saveArgs struct {
	Name string `json:"name"`
	config.Connection
}

// SaveResult is the reply to dbls.saveConnection and dbls.deleteConnection.
type SaveResult struct {
	Name string `json:"name"`
	// Connection describes what was saved, without any secret.
	Connection *saved.Summary `json:"connection,omitempty"`
	// ShadowedBy names a config file that defines the same name and takes
	// precedence.
	ShadowedBy string   `json:"shadowedBy,omitempty"`
	Removed    bool     `json:"removed,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
}

// DriverList is the reply to dbls.listDrivers.
type DriverList struct {
	Drivers []drivers.Manifest `json:"drivers"`
}

func init() {
	registerCommand(CmdListConnections, func(s *Server, ctx context.Context, _ []json.RawMessage) (any, func() (any, error), error) {
		return nil, func() (any, error) {
			r := s.currentResolver()
			list, err := saved.List(ctx, r.Config, s.opts.Store)
			if err != nil {
				return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", CmdListConnections, err)
			}
			return ConnectionList{Connections: list, Default: r.Default()}, nil
		}, nil
	})
	registerCommand(CmdTestConnection, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a testArgs
		if err := objectArg(CmdTestConnection, args, &a, `{"connection": …} or {"uri": …} or {"config": {"name": …, "url": …, …}}`); err != nil {
			return nil, nil, err
		}
		test, label := func() []connect.Hop { return s.currentResolver().TestUnsaved(ctx, a.Config.Name, a.Config.Connection) }, ""
		if a.Config != nil {
			label = a.Config.Name
		} else {
			arg, err := s.connectionArg(CmdTestConnection, a.commandArgs)
			if err != nil {
				return nil, nil, err
			}
			test, label = func() []connect.Hop { return s.currentResolver().Test(ctx, arg) }, s.label(ctx, arg, a.URI)
		}
		return nil, func() (any, error) {
			end := s.beginProgress(i18n.T(s.language(), "conn.progress.test", label))
			hops := test()
			res := TestResult{Connection: label, OK: len(hops) > 0 && hops[len(hops)-1].OK, Hops: testHops(hops)}
			if res.OK {
				end(i18n.T(s.language(), "conn.test.ok"))
			} else {
				end(i18n.T(s.language(), "conn.test.failed", hops[len(hops)-1].Step))
			}
			return res, nil
		}, nil
	})
	registerCommand(CmdSaveConnection, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a saveArgs
		if err := objectArg(CmdSaveConnection, args, &a, `{"name": …, "url": …, "password": …}`); err != nil {
			return nil, nil, err
		}
		return nil, func() (any, error) {
			r := s.currentResolver()
			shadow, err := saved.Save(ctx, s.opts.Store, r.Config, a.Name, a.Connection, "")
			if err != nil {
				return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdSaveConnection, err)
			}
			stored, _, err := s.opts.Store.Get(ctx, a.Name)
			if err != nil {
				return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", CmdSaveConnection, err)
			}
			sum := saved.Describe(a.Name, "store", stored)
			s.showMessage(protocol.MessageTypeInfo, i18n.T(s.language(), "conn.saved", a.Name))
			return SaveResult{Name: a.Name, Connection: &sum, ShadowedBy: shadow}, nil
		}, nil
	})
	registerCommand(CmdDeleteConnection, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a struct {
			Name string `json:"name"`
		}
		if err := objectArg(CmdDeleteConnection, args, &a, `{"name": …}`); err != nil {
			return nil, nil, err
		}
		return nil, func() (any, error) {
			warnings, err := saved.Remove(ctx, s.opts.Store, s.currentResolver().Config, a.Name)
			if err != nil {
				return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdDeleteConnection, err)
			}
			res := SaveResult{Name: a.Name, Removed: true}
			for _, w := range warnings {
				res.Warnings = append(res.Warnings, w.Error())
			}
			return res, nil
		}, nil
	})
	registerCommand(CmdListDrivers, func(s *Server, ctx context.Context, _ []json.RawMessage) (any, func() (any, error), error) {
		res := DriverList{Drivers: []drivers.Manifest{}}
		for _, d := range drivers.Drivers() {
			res.Drivers = append(res.Drivers, d.Manifest())
		}
		return res, nil, nil
	})
	i18n.Register(i18n.English, map[string]string{
		"conn.progress.test": "dbls: testing %s",
		"conn.test.ok":       "reachable",
		"conn.test.failed":   "failed at %s",
		"conn.saved":         "dbls: connection %q saved",
		"conn.err.none":      "give \"connection\", or the \"uri\" of a document bound to one",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"conn.progress.test": "dbls：正在测试 %s",
		"conn.test.ok":       "可以连接",
		"conn.test.failed":   "在 %s 失败",
		"conn.saved":         "dbls：已保存连接 %q",
		"conn.err.none":      "请给出 \"connection\"，或已绑定连接的文档的 \"uri\"",
	})
}

// connectionArg is the connection a command names: "connection", else the
// connection of the document "uri".
func (s *Server) connectionArg(name string, a commandArgs) (string, error) {
	if a.Connection != "" {
		return a.Connection, nil
	}
	if a.URI != "" {
		if doc, ok := s.docs.get(a.URI); ok {
			if c := s.connectionFor(a.URI, doc.Text); c != "" {
				return c, nil
			}
		}
	}
	return "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s", name, i18n.T(s.language(), "conn.err.none"))
}

func testHops(hops []connect.Hop) []TestHop {
	out := make([]TestHop, 0, len(hops))
	for _, h := range hops {
		out = append(out, TestHop{Step: h.Step, OK: h.OK, Detail: h.Detail, ElapsedMS: float64(h.Elapsed.Microseconds()) / 1000})
	}
	return out
}
