package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
)

// TestConnectionsListTestSaveDelete manages saved connections from the
// editor with a password that must appear in no reply, message, store byte
// or log, only in the keyring.
func TestConnectionsListTestSaveDelete(t *testing.T) {
	secret.UseMock()
	const sentinel = "S3ntinel-pw-7f3a"
	pg := drivertest.PostgresURL(t) // trust auth: any password is accepted
	withPW := strings.Replace(pg, "postgres://postgres@", "postgres://postgres:"+sentinel+"@", 1)
	st := openStore(t)
	opts := map[string]any{"default_connection": "cfg1",
		"connections": map[string]any{"cfg1": map[string]any{"url": "sqlite:" + shopDB(t), "readonly": true}}}
	c := start(t, setup{initOptions: opts, st: st})
	var replies []string
	run := func(cmd string, arg, out any) error {
		var raw any
		err := command(c, cmd, arg, &raw)
		if err != nil {
			replies = append(replies, err.Error())
			return err
		}
		b, _ := json.Marshal(raw)
		replies = append(replies, string(b))
		return json.Unmarshal(b, out)
	}

	var drv server.DriverList
	if err := run(server.CmdListDrivers, nil, &drv); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range drv.Drivers {
		ids[m.ID] = m.Name != ""
	}
	if !ids["postgres"] || !ids["mysql"] || !ids["sqlite"] {
		t.Fatalf("drivers: %+v", drv)
	}

	var saved server.SaveResult
	if err := run(server.CmdSaveConnection, map[string]any{"name": "pg1", "url": withPW, "readonly": true}, &saved); err != nil {
		t.Fatal(err)
	}
	if saved.Connection == nil || saved.Connection.Password != "keyring" || !saved.Connection.ReadOnly || saved.Connection.Driver != "postgres" {
		t.Fatalf("saved: %+v", saved)
	}
	if got, err := secret.Get(config.PasswordKey("pg1"), "test"); err != nil || got != sentinel {
		t.Fatalf("keyring: %q %v", got, err)
	}
	// A password given apart goes to the keyring too; two sources are refused.
	if err := run(server.CmdSaveConnection, map[string]any{"name": "pg2", "url": pg, "password": sentinel, "password_env": "X"}, nil); err == nil {
		t.Fatal("two password sources accepted")
	}
	if err := run(server.CmdSaveConnection, map[string]any{"name": "bad:name", "url": pg}, nil); err == nil {
		t.Fatal("invalid name accepted")
	}

	var list server.ConnectionList
	if err := run(server.CmdListConnections, nil, &list); err != nil {
		t.Fatal(err)
	}
	if list.Default != "cfg1" || len(list.Connections) != 2 {
		t.Fatalf("list: %+v", list)
	}
	cfg, pg1 := list.Connections[0], list.Connections[1]
	if cfg.Name != "cfg1" || cfg.Driver != "sqlite" || !cfg.ReadOnly || cfg.Source == "store" {
		t.Errorf("configured: %+v", cfg)
	}
	if pg1.Name != "pg1" || pg1.Source != "store" || pg1.Password != "keyring" || strings.Contains(pg1.Target, sentinel) {
		t.Errorf("saved: %+v", pg1)
	}

	// Test hop by hop: the password comes from the keyring.
	var res server.TestResult
	if err := run(server.CmdTestConnection, map[string]any{"connection": "pg1"}, &res); err != nil {
		t.Fatal(err)
	}
	if !res.OK || len(res.Hops) < 4 || res.Hops[1].Step != "password" || !strings.Contains(res.Hops[1].Detail, "keyring") {
		t.Fatalf("test: %+v", res)
	}
	// A document's connection; an unreachable one fails at tcp.
	uri := c.uri("q.sql")
	c.open(uri, "SELECT 1")
	if err := run(server.CmdTestConnection, map[string]any{"uri": uri}, &res); err != nil || !res.OK {
		t.Fatalf("test of the default connection: %+v %v", res, err)
	}
	if err := run(server.CmdTestConnection, map[string]any{"connection": "postgres://postgres:" + sentinel + "@127.0.0.1:1/x"}, &res); err != nil {
		t.Fatal(err)
	}
	if res.OK || res.Hops[len(res.Hops)-1].Step != "tcp" {
		t.Fatalf("unreachable: %+v", res)
	}
	// A connection not saved yet (an editor's form): its fields, tested
	// hop by hop; the password given in the form never comes back.
	form := map[string]any{"config": map[string]any{"name": "draft", "url": pg, "password": sentinel}}
	if err := run(server.CmdTestConnection, form, &res); err != nil || !res.OK || res.Hops[0].Detail == "" || !strings.HasPrefix(res.Hops[0].Detail, "unsaved") {
		t.Fatalf("test of an unsaved connection: %+v %v", res, err)
	}
	if b, _ := json.Marshal(res); strings.Contains(string(b), sentinel) {
		t.Errorf("the test result carries the password: %s", b)
	}
	bad := map[string]any{"config": map[string]any{"name": "draft", "driver": "postgres", "host": "127.0.0.1", "port": 1, "user": "postgres", "database": "x"}}
	if err := run(server.CmdTestConnection, bad, &res); err != nil || res.OK || res.Hops[len(res.Hops)-1].Step != "tcp" {
		t.Fatalf("unsaved and unreachable: %+v %v", res, err)
	}
	if list2 := (server.ConnectionList{}); run(server.CmdListConnections, nil, &list2) == nil && len(list2.Connections) != 2 {
		t.Errorf("testing an unsaved connection saved it: %+v", list2)
	}

	if err := run(server.CmdDeleteConnection, map[string]any{"name": "cfg1"}, nil); err == nil || !strings.Contains(err.Error(), "not saved") {
		t.Fatalf("deleting a configured connection: %v", err)
	}
	var del server.SaveResult
	if err := run(server.CmdDeleteConnection, map[string]any{"name": "pg1"}, &del); err != nil || !del.Removed {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if _, err := secret.Get(config.PasswordKey("pg1"), "test"); err == nil {
		t.Error("keyring entry survived the delete")
	}
	if err := run(server.CmdListConnections, nil, &list); err != nil || len(list.Connections) != 1 {
		t.Fatalf("after delete: %+v %v", list, err)
	}

	// The secret is nowhere: replies, notifications, the store's files.
	for _, r := range replies {
		if strings.Contains(r, sentinel) {
			t.Errorf("reply holds the password: %s", r)
		}
	}
	c.mu.Lock()
	for _, n := range c.notes {
		if strings.Contains(string(n.Params), sentinel) {
			t.Errorf("%s holds the password: %s", n.Method, n.Params)
		}
	}
	c.mu.Unlock()
	files, _ := filepath.Glob(st.Path() + "*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), sentinel) {
			t.Errorf("%s holds the password", f)
		}
	}
}
