// Package store is dbls's own embedded SQLite database under the user data
// directory: saved connections (dbls conn add) and cached snapshots, so
// that a restarted language server answers at once.
//
// The store never holds a secret: connection passwords go to the OS keyring
// (package secret) and Save refuses a connection that carries one. Its
// schema evolves by numbered migrations recorded in PRAGMA user_version; a
// store written by an older dbls is upgraded on open, and one written by a
// newer dbls is refused rather than damaged.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the store's own engine, pure Go

	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/drivers/schema"
)

// DefaultPath is $XDG_DATA_HOME/dbls/dbls.db (~/.local/share/dbls/dbls.db).
func DefaultPath() string {
	dir, err := dirs.Data()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "dbls.db")
}

// Store is an open store. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// migrations[i] upgrades a store from version i to i+1.
var migrations = []string{
	// 1: saved connections. settings is config.Connection as JSON, secrets removed.
	`CREATE TABLE connections (
		name       TEXT PRIMARY KEY,
		settings   TEXT NOT NULL,
		created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
	)`,
	// 2: cached snapshots, one per connection key, newest wins.
	`CREATE TABLE snapshots (
		conn_key TEXT PRIMARY KEY,
		taken_at TEXT NOT NULL,
		data     BLOB NOT NULL
	)`,
}

// Version is the schema version this dbls writes.
var Version = len(migrations)

// Open opens (creating if needed) the store at path and migrates it.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: no path (cannot find the user data directory)")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rwc&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path is the store's file.
func (s *Store) Path() string { return s.path }

func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("written by a newer dbls (store version %d, this dbls knows %d); upgrade dbls", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		return err
	}
	return tx.Commit()
}

// ErrSecret is returned by Save for a connection that carries a secret.
var ErrSecret = errors.New("the store never keeps secrets: put the password in the OS keyring, password_env or password_command")

// Saved is a stored connection.
type Saved struct {
	Name       string
	Connection config.Connection
	CreatedAt  time.Time
}

// Save stores (or replaces) a connection. It refuses inline passwords,
// passwords in the URL and inline SSH secrets.
func (s *Store) Save(ctx context.Context, name string, c config.Connection) error {
	if name == "" || strings.ContainsAny(name, ":/") {
		return fmt.Errorf("store: invalid connection name %q (non-empty, no ':' or '/')", name)
	}
	if hasSecret(c) {
		return fmt.Errorf("store: connection %q: %w", name, ErrSecret)
	}
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO connections (name, settings) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET settings = excluded.settings`, name, string(data))
	if err != nil {
		return fmt.Errorf("store: save connection %q: %w", name, err)
	}
	return nil
}

func hasSecret(c config.Connection) bool {
	if c.Password != "" || strings.Contains(userinfo(c.URL), ":") {
		return true
	}
	return c.SSH != nil && (c.SSH.Password != "" || c.SSH.Passphrase != "")
}

func userinfo(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	ui, _, ok := strings.Cut(rest, "@")
	if !ok || strings.Contains(ui, "/") {
		return ""
	}
	return ui
}

// Get returns a saved connection.
func (s *Store) Get(ctx context.Context, name string) (config.Connection, bool, error) {
	var data string
	err := s.db.QueryRowContext(ctx, "SELECT settings FROM connections WHERE name = ?", name).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return config.Connection{}, false, nil
	}
	if err != nil {
		return config.Connection{}, false, fmt.Errorf("store: read connection %q: %w", name, err)
	}
	var c config.Connection
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		return config.Connection{}, false, fmt.Errorf("store: connection %q is damaged: %w", name, err)
	}
	return c, true, nil
}

// List returns every saved connection, by name.
func (s *Store) List(ctx context.Context) ([]Saved, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name, settings, created_at FROM connections ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("store: list connections: %w", err)
	}
	defer rows.Close()
	var out []Saved
	for rows.Next() {
		var sv Saved
		var data, created string
		if err := rows.Scan(&sv.Name, &data, &created); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &sv.Connection); err != nil {
			return nil, fmt.Errorf("store: connection %q is damaged: %w", sv.Name, err)
		}
		sv.CreatedAt, _ = time.Parse(time.RFC3339, created)
		out = append(out, sv)
	}
	return out, rows.Err()
}

// Remove deletes a saved connection; it reports whether one existed.
func (s *Store) Remove(ctx context.Context, name string) (bool, error) {
	r, err := s.db.ExecContext(ctx, "DELETE FROM connections WHERE name = ?", name)
	if err != nil {
		return false, fmt.Errorf("store: remove connection %q: %w", name, err)
	}
	n, _ := r.RowsAffected()
	return n > 0, nil
}

// PutSnapshot caches the snapshot of a connection. key identifies the
// database (not the connection's name, which can be redefined): callers use
// the redacted URL.
func (s *Store) PutSnapshot(ctx context.Context, key string, snap *schema.Snapshot, takenAt time.Time) error {
	data, err := encodeSnapshot(snap)
	if err != nil {
		return fmt.Errorf("store: cache snapshot: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO snapshots (conn_key, taken_at, data) VALUES (?, ?, ?)
		ON CONFLICT (conn_key) DO UPDATE SET taken_at = excluded.taken_at, data = excluded.data`,
		key, takenAt.UTC().Format(time.RFC3339Nano), data)
	if err != nil {
		return fmt.Errorf("store: cache snapshot: %w", err)
	}
	return nil
}

// TouchSnapshot records that the cached snapshot for key was found
// unchanged at takenAt, without writing it again.
func (s *Store) TouchSnapshot(ctx context.Context, key string, takenAt time.Time) error {
	_, err := s.db.ExecContext(ctx, "UPDATE snapshots SET taken_at = ? WHERE conn_key = ?", takenAt.UTC().Format(time.RFC3339Nano), key)
	if err != nil {
		return fmt.Errorf("store: touch snapshot of %s: %w", key, err)
	}
	return nil
}

// Snapshot returns the cached snapshot for key, if any.
func (s *Store) Snapshot(ctx context.Context, key string) (*schema.Snapshot, time.Time, bool, error) {
	var taken string
	var data []byte
	err := s.db.QueryRowContext(ctx, "SELECT taken_at, data FROM snapshots WHERE conn_key = ?", key).Scan(&taken, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("store: read snapshot: %w", err)
	}
	snap, err := decodeSnapshot(data)
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("store: cached snapshot of %s: %w", key, err)
	}
	t, _ := time.Parse(time.RFC3339Nano, taken)
	return snap, t, true, nil
}
