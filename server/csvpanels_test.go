package server_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server"
)

// csvCopy writes a second CSV folder: country as in the fixture, customer
// without its balance column, and a new table store.
func csvCopy(t *testing.T, folder string) string {
	t.Helper()
	dir := t.TempDir()
	country, err := os.ReadFile(filepath.Join(folder, "country.csv"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"country.csv":  string(country),
		"customer.csv": "customer_id,country_id,email,first_name,last_name,active\n1,3,ada@example.org,Ada,Lovelace,1\n",
		"store.csv":    "store_id,city\n1,Lethbridge\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCSVPanels: every command the VS Code panels send works on a
// connection of the external CSV driver (a Python process): the explorer's
// browse commands, the connection form's drivers and test, a query for the
// grid, and compare, which lists the differences with a read-only target
// and refuses to apply them with a clear error.
func TestCSVPanels(t *testing.T) {
	folder := csvFolder(t)
	other := csvCopy(t, folder)
	c := start(t, setup{initOptions: map[string]any{"connections": map[string]any{
		"rental": map[string]any{"url": "csv://" + folder},
		"copy":   map[string]any{"url": "csv://" + other},
	}}})

	// Explorer: connections → schemas → tables → columns.
	var conns server.ConnectionList
	c.mustCommand(server.CmdListConnections, map[string]any{}, &conns)
	found := false
	for _, cn := range conns.Connections {
		if cn.Name == "rental" && cn.Driver == "csv" {
			found = true
		}
	}
	if !found {
		t.Fatalf("listConnections: %+v", conns)
	}
	var schemas server.SchemaList
	c.mustCommand(server.CmdListSchemas, map[string]any{"connection": "rental"}, &schemas)
	if len(schemas.Schemas) != 1 || schemas.Schemas[0].Name != "main" || schemas.Schemas[0].Tables != 2 {
		t.Fatalf("listSchemas: %+v", schemas)
	}
	var objs server.ObjectList
	c.mustCommand(server.CmdListObjects, map[string]any{"connection": "rental", "schema": "main"}, &objs)
	var names []string
	for _, o := range objs.Tables {
		names = append(names, o.Name)
	}
	if !slices.Equal(names, []string{"country", "customer"}) {
		t.Fatalf("listObjects tables: %v", names)
	}
	var desc server.TableDescription
	c.mustCommand(server.CmdDescribeTable, map[string]any{"connection": "rental", "schema": "main", "table": "customer"}, &desc)
	if desc.Table == nil || desc.Table.Column("balance") == nil || desc.Table.Column("balance").Type != "REAL" ||
		desc.Table.PrimaryKey == nil || !slices.Equal(desc.Table.PrimaryKey.Columns, []string{"customer_id"}) {
		t.Fatalf("describeTable: %+v", desc.Table)
	}

	// Show DDL: the table as its dialect (SQLite) creates it.
	var tddl server.TableDDL
	c.mustCommand(server.CmdShowTableDDL, map[string]any{"connection": "rental", "table": "customer"}, &tddl)
	if !strings.Contains(tddl.SQL, `CREATE TABLE "main"."customer"`) || !strings.Contains(tddl.SQL, `"balance" REAL`) {
		t.Fatalf("showTableDDL: %s", tddl.SQL)
	}

	// Connection form: the csv driver is offered as a folder, and a test of
	// an unsaved connection goes green hop by hop.
	var drv server.DriverList
	c.mustCommand(server.CmdListDrivers, map[string]any{}, &drv)
	i := slices.IndexFunc(drv.Drivers, func(m drivers.Manifest) bool { return m.ID == "csv" })
	if i < 0 || !drv.Drivers[i].Capabilities.FileBased || !drv.Drivers[i].Capabilities.Folder {
		t.Fatalf("listDrivers: csv = %+v", drv.Drivers)
	}
	var tested server.TestResult
	c.mustCommand(server.CmdTestConnection, map[string]any{"config": map[string]any{"name": "form", "driver": "csv", "path": folder}}, &tested)
	if !tested.OK || len(tested.Hops) < 3 {
		t.Fatalf("testConnection: %+v", tested)
	}

	// Grid: a SELECT's rows.
	var res server.QueryResult
	c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "rental", "sql": "SELECT first_name FROM customer ORDER BY customer_id"}, &res)
	if len(res.Rows) != 3 || res.Rows[0][0] != "Ada" {
		t.Fatalf("executeQuery rows: %v", res.Rows)
	}

	// Compare two folders: the differences, none selectable.
	var plan server.CompareResult
	c.mustCommand(server.CmdCompareSchemas, map[string]any{"source": "rental", "target": "copy", "noPreview": true}, &plan)
	ids := map[string]server.PlanItem{}
	for _, it := range plan.Items {
		ids[it.ID] = it
	}
	for _, want := range []string{"column.add:main.customer.balance", "table.drop:main.store"} {
		it, ok := ids[want]
		if !ok {
			t.Fatalf("compare lacks %s: %+v", want, plan.Items)
		}
		if it.Selected || !strings.Contains(it.Error, "read-only") {
			t.Fatalf("item %s of a read-only target: selected %v, error %q", want, it.Selected, it.Error)
		}
	}
	// Apply is refused, as a wrong request, with the reason.
	for _, arg := range []map[string]any{
		{"source": "rental", "target": "copy"},
		{"source": "rental", "target": "copy", "items": []string{"column.add:main.customer.balance"}},
	} {
		err := c.command(server.CmdSyncSchemas, arg, nil)
		var je *jsonrpc2.Error
		if !errors.As(err, &je) || je.Code != jsonrpc2.InvalidParams || !strings.Contains(err.Error(), "read-only") {
			t.Fatalf("syncSchemas %v: %v", arg, err)
		}
	}
	if _, err := os.Stat(filepath.Join(other, "customer.csv")); err != nil {
		t.Fatal(err)
	}
	// A CSV folder speaks SQLite (its manifest's dialect): beside a SQLite
	// database it is compared as it is; a sync into SQLite applies, and the
	// re-compare is empty; the other way round, the CSV folder is the
	// read-only target.
	shop := shopDB(t)
	c.mustCommand(server.CmdCompareSchemas, map[string]any{"source": "rental", "target": "sqlite:" + shop, "noPreview": true}, &plan)
	i = slices.IndexFunc(plan.Items, func(it server.PlanItem) bool { return it.ID == "table.create:main.customer" })
	if i < 0 || !plan.Items[i].Selected || plan.Items[i].Error != "" || len(plan.Items[i].SQL) == 0 {
		t.Fatalf("compare csv → sqlite: %+v", plan.Items)
	}
	var synced server.SyncResult
	c.mustCommand(server.CmdSyncSchemas, map[string]any{"source": "rental", "target": "sqlite:" + shop, "items": []string{"table.create:main.customer", "table.create:main.country"}}, &synced)
	if synced.Applied == 0 || slices.ContainsFunc(synced.Remaining, func(it server.PlanItem) bool { return strings.HasPrefix(it.ID, "table.create:") }) {
		t.Fatalf("sync csv → sqlite: %+v", synced)
	}
	c.mustCommand(server.CmdCompareSchemas, map[string]any{"source": "sqlite:" + shop, "target": "rental", "noPreview": true}, &plan)
	if len(plan.Items) == 0 || slices.ContainsFunc(plan.Items, func(it server.PlanItem) bool { return it.Selected || !strings.Contains(it.Error, "read-only") }) {
		t.Fatalf("compare sqlite → csv: %+v", plan.Items)
	}
}

// TestSnapshotStatus: a client that asks for dbls/snapshotStatus is told
// when a connection's schema starts loading and when it is read (with the
// names that reach it) or failed (with why); a client that did not ask
// gets none.
func TestSnapshotStatus(t *testing.T) {
	folder := csvFolder(t)
	conns := map[string]any{"connections": map[string]any{
		"rental": map[string]any{"url": "csv://" + folder},
		"gone":   map[string]any{"url": "csv:///no/such/folder"},
	}}
	caps := map[string]any{"window": map[string]any{"workDoneProgress": true}, "experimental": map[string]any{"dbls": map[string]any{"snapshotStatus": true}}}
	c := start(t, setup{initOptions: conns, capabilities: caps})
	statuses := func(name string) []server.SnapshotStatus {
		var out []server.SnapshotStatus
		for _, n := range c.notesOf(server.MethodSnapshotStatus) {
			var st server.SnapshotStatus
			if err := json.Unmarshal(n.Params, &st); err != nil {
				t.Fatal(err)
			}
			if slices.Contains(st.Connections, name) {
				out = append(out, st)
			}
		}
		return out
	}
	last := func(name string) string {
		if l := statuses(name); len(l) > 0 {
			return l[len(l)-1].State
		}
		return ""
	}
	for _, name := range []string{"rental", "gone"} {
		c.open(c.uri(name+".sql"), "-- dbls: connection="+name+"\nSELECT 1;\n")
	}
	c.waitFor("rental read", func() bool { return last("rental") == server.SnapshotReady })
	c.waitFor("gone failed", func() bool { return last("gone") == server.SnapshotFailed })
	r := statuses("rental")
	if r[0].State != server.SnapshotLoading || r[len(r)-1].Tables != 2 || !strings.Contains(r[0].Label, "rental") {
		t.Fatalf("rental statuses: %+v", r)
	}
	g := statuses("gone")
	if g[0].State != server.SnapshotLoading || !strings.Contains(g[len(g)-1].Message, "not a directory") {
		t.Fatalf("gone statuses: %+v", g)
	}

	plain := start(t, setup{initOptions: conns})
	plain.open(plain.uri("q.sql"), "-- dbls: connection=rental\nSELECT 1;\n")
	plain.waitFor("the schema read", func() bool {
		for _, n := range plain.notesOf("$/progress") {
			if strings.Contains(string(n.Params), `"kind":"end"`) {
				return true
			}
		}
		return false
	})
	if n := len(plain.notesOf(server.MethodSnapshotStatus)); n != 0 {
		t.Fatalf("%d snapshot statuses sent to a client that did not ask", n)
	}
}

// TestCSVReadOnlyRefusals: what a read-only external driver cannot do (edit
// a cell from the grid) is refused with an error that says so.
func TestCSVReadOnlyRefusals(t *testing.T) {
	folder := csvFolder(t)
	c := start(t, setup{initOptions: map[string]any{"connections": map[string]any{"rental": map[string]any{"url": "csv://" + folder}}}})
	for _, tc := range []struct {
		cmd  string
		arg  map[string]any
		want string
	}{
		{server.CmdUpdateRecord, map[string]any{"connection": "rental", "table": "customer", "values": map[string]any{"first_name": "X"}, "key": map[string]any{"customer_id": 1}}, "not supported by this driver"},
	} {
		if err := c.command(tc.cmd, tc.arg, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s on csv: %v, want %q", tc.cmd, err, tc.want)
		}
	}
	var res server.QueryResult
	c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "rental", "sql": "SELECT first_name FROM customer WHERE customer_id = 1"}, &res)
	if len(res.Rows) != 1 || res.Rows[0][0] != "Ada" {
		t.Fatalf("after the refused update: %v", res.Rows)
	}
}
