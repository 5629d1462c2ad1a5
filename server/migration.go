package server

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbls/dbls/diff/migration"
	"github.com/dbls/dbls/drivers/connect/dirs"
)

// dbls.saveMigration writes the compare's plan as the next migration of a
// directory, as dbls diff --format migration does: the same compare
// (source, target … or the preview of one), then package migration.

// CmdSaveMigration is the name of the command.
const CmdSaveMigration = "dbls.saveMigration"

// migrationArgs are the arguments of dbls.saveMigration beyond those of
// dbls.compareSchemas.
type migrationArgs struct {
	// Dir is the migration directory, relative to the workspace.
	Dir    string `json:"dir"`
	Name   string `json:"name,omitempty"`
	Layout string `json:"layout,omitempty"`
}

// MigrationResult is the reply to dbls.saveMigration: what was written
// (no files when the plan selects nothing).
type MigrationResult = migration.Result

func init() {
	registerCommand(CmdSaveMigration, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var m migrationArgs
		if err := objectArg(CmdSaveMigration, args, &m, `{"source": …, "target": …, "dir": "migrations", "name": …, "layout": …}`); err != nil {
			return nil, nil, err
		}
		if m.Dir == "" {
			return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: no \"dir\": give the migration directory", CmdSaveMigration)
		}
		layout, err := migration.ParseLayout(m.Layout)
		if err != nil {
			return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdSaveMigration, err)
		}
		a, err := s.compareRequest(ctx, CmdSaveMigration, args)
		if err != nil {
			return nil, nil, err
		}
		dir, _ := dirs.ExpandHome(m.Dir)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(s.baseDir(a.URI), dir)
		}
		req := migration.Request{Dir: dir, Name: m.Name, Layout: layout}
		return nil, func() (any, error) { return s.saveMigration(ctx, a, req) }, nil
	})
}

func (s *Server) saveMigration(ctx context.Context, a compareArgs, req migration.Request) (any, error) {
	cmp, err := s.runCompare(ctx, a)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", CmdSaveMigration, err)
	}
	defer cmp.Close()
	if req.Down, err = cmp.Reverse(ctx); err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: down migration: %v", CmdSaveMigration, err)
	}
	req.Up, req.Driver = cmp.Plan, cmp.TargetDriver
	res, err := migration.Write(req)
	if err != nil {
		code := jsonrpc2.InternalError
		if errors.Is(err, migration.ErrExists) || errors.Is(err, migration.ErrSumMismatch) {
			code = jsonrpc2.InvalidParams
		}
		return nil, jsonrpc2.Errorf(code, "dbls: %s: %v", CmdSaveMigration, err)
	}
	return res, nil
}
