package server

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/dbls/dbls/server/plugin"
)

// A refresh that finds the catalog unchanged keeps the snapshot in use and
// its index (no second index, no re-diagnosis); one that finds a change
// replaces them.
func TestRefreshKeepsAnUnchangedSnapshot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT)"); err != nil {
		t.Fatal(err)
	}
	s, _ := benchServer(t, nil)
	s.opts.Plugins = plugin.NewHost(plugin.Options{})
	src, err := resolveSource(s.ctx, s.resolver, "sqlite:"+path, "")
	if err != nil {
		t.Fatal(err)
	}
	e, _ := s.cache.get(src)
	if err := s.refresh(e); err != nil {
		t.Fatal(err)
	}
	first := e.cur.Load()
	if err := s.refresh(e); err != nil {
		t.Fatal(err)
	}
	if e.cur.Load() != first {
		t.Error("a refresh of an unchanged catalog replaced the snapshot and its index")
	}
	if _, err := db.Exec("ALTER TABLE orders ADD COLUMN total REAL"); err != nil {
		t.Fatal(err)
	}
	if err := s.refresh(e); err != nil {
		t.Fatal(err)
	}
	now := e.cur.Load()
	if now == first || now.snap.Schemas[0].Table("orders").Column("total") == nil {
		t.Errorf("a refresh after ALTER TABLE kept the old snapshot")
	}
}
