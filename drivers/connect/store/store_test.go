package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/schema"
)

func TestConnections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dbls.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dev := config.Connection{URL: "postgres://app@localhost/app", Keyring: true,
		TLS: &config.TLS{Mode: "verify-full"}, SSH: &config.SSH{Host: "bastion", User: "ops", Agent: true}}
	if err := s.Save(ctx, "dev", dev); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(ctx, "b", config.Connection{URL: "sqlite:b.db"}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Get(ctx, "dev")
	if err != nil || !ok || got.SSH.Host != "bastion" || got.TLS.Mode != "verify-full" || !got.Keyring {
		t.Fatalf("Get = %+v %v %v", got, ok, err)
	}
	list, err := s.List(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "b" || list[1].CreatedAt.IsZero() {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if removed, err := s.Remove(ctx, "b"); !removed || err != nil {
		t.Fatalf("Remove = %v %v", removed, err)
	}
	if removed, _ := s.Remove(ctx, "b"); removed {
		t.Fatal("removed twice")
	}
	if _, ok, _ := s.Get(ctx, "b"); ok {
		t.Fatal("removed connection still there")
	}
}

func TestSaveRefusesSecrets(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "dbls.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const sentinel = "S3ntinel-pw"
	for _, c := range []config.Connection{
		{URL: "postgres://u:" + sentinel + "@h/db"},
		{URL: "sqlite:x.db", Password: sentinel},
		{URL: "sqlite:x.db", SSH: &config.SSH{Host: "h", Password: sentinel}},
		{URL: "sqlite:x.db", SSH: &config.SSH{Host: "h", Passphrase: sentinel}},
	} {
		err := s.Save(ctx, "x", c)
		if !errors.Is(err, ErrSecret) || strings.Contains(err.Error(), sentinel) {
			t.Errorf("Save(%+v) = %v", c, err)
		}
	}
	if err := s.Save(ctx, "a/b", config.Connection{URL: "sqlite:x.db"}); err == nil {
		t.Error("a name with '/' was accepted")
	}
	s.Close()
	raw, _ := os.ReadFile(s.Path())
	if strings.Contains(string(raw), sentinel) {
		t.Fatal("the sentinel reached the store file")
	}
}

// TestMigrateFromVersion1 writes a store as the first dbls did and checks
// that opening it upgrades it and keeps its connections.
func TestMigrateFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rwc")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], `INSERT INTO connections (name, settings) VALUES ('old', '{"url":"sqlite:old.db","readonly":true}')`, "PRAGMA user_version = 1"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, ok, err := s.Get(ctx, "old")
	if err != nil || !ok || c.URL != "sqlite:old.db" || !c.ReadOnly {
		t.Fatalf("old connection after migration: %+v %v %v", c, ok, err)
	}
	var v int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != Version {
		t.Fatalf("version %d, want %d", v, Version)
	}
	snap := &schema.Snapshot{Driver: "sqlite", Schemas: []schema.Schema{{Name: "main", Tables: []schema.Table{{Name: "t"}}}}}
	if err := s.PutSnapshot(ctx, "sqlite:old.db", snap, time.Now()); err != nil {
		t.Fatalf("snapshot table missing after migration: %v", err)
	}
	back, taken, ok, err := s.Snapshot(ctx, "sqlite:old.db")
	if err != nil || !ok || !schema.Equal(back, snap) || time.Since(taken) > time.Hour {
		t.Fatalf("snapshot round trip: %v %v %v", ok, err, taken)
	}
	if _, _, ok, _ := s.Snapshot(ctx, "nope"); ok {
		t.Fatal("snapshot for an unknown key")
	}
}

func TestRefusesNewerStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, _ := sql.Open("sqlite", "file:"+path+"?mode=rwc")
	db.Exec("PRAGMA user_version = 99")
	db.Close()
	if _, err := Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer dbls") {
		t.Fatalf("Open = %v", err)
	}
}
