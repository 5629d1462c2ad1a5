package saved_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/saved"
	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/connect/store"
)

func TestSave(t *testing.T) {
	secret.UseMock()
	const pw = "Pw-sentinel-91"
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, tc := range []struct {
		name     string
		conn     config.Connection
		password string
		wantErr  string
		keyring  []string // keys that must hold pw
	}{
		{name: "url", conn: config.Connection{URL: "postgres://app:" + pw + "@db/app"}, keyring: []string{config.PasswordKey("url")}},
		{name: "apart", conn: config.Connection{URL: "mysql://app@db/shop"}, password: pw, keyring: []string{config.PasswordKey("apart")}},
		{name: "inline", conn: config.Connection{URL: "mysql://app@db/shop", Password: pw}, keyring: []string{config.PasswordKey("inline")}},
		{name: "env", conn: config.Connection{URL: "mysql://app@db/shop", PasswordEnv: "PW"}},
		{name: "ssh", conn: config.Connection{URL: "postgres://app@db/app", PasswordEnv: "PW",
			SSH: &config.SSH{Host: "bastion", User: "ops", Password: pw, Passphrase: pw}},
			keyring: []string{config.SSHPasswordKey("ssh"), config.SSHPassphraseKey("ssh")}},
		{name: "parts", conn: config.Connection{Driver: "sqlite", Path: "x.db"}},
		{name: "two", conn: config.Connection{URL: "postgres://app:" + pw + "@db/app", PasswordEnv: "PW"}, wantErr: "one password source"},
		{name: "twice", conn: config.Connection{URL: "postgres://app:" + pw + "@db/app"}, password: pw, wantErr: "one password source"},
		{name: "bad:name", conn: config.Connection{URL: "sqlite:x.db"}, wantErr: "invalid connection name"},
		{name: "nourl", conn: config.Connection{}, wantErr: "give a URL or a driver"},
		{name: "badurl", conn: config.Connection{URL: "nope://u:" + pw + "@x"}, wantErr: "nope"},
		{name: "notaurl", conn: config.Connection{URL: pw}, wantErr: "not a connection URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := saved.Save(ctx, st, nil, tc.name, tc.conn, tc.password)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), pw) {
					t.Fatalf("error shows the password: %v", err)
				}
				if _, ok, _ := st.Get(ctx, tc.name); ok {
					t.Fatal("saved anyway")
				}
				if _, err := secret.Get(config.PasswordKey(tc.name), "x"); err == nil {
					t.Fatal("keyring written for a refused save")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range tc.keyring {
				if got, err := secret.Get(k, "x"); err != nil || got != pw {
					t.Errorf("keyring %s = %q, %v", k, got, err)
				}
			}
			c, ok, err := st.Get(ctx, tc.name)
			if err != nil || !ok {
				t.Fatalf("not saved: %v", err)
			}
			if len(tc.keyring) > 0 && tc.name != "ssh" && (!c.Keyring || c.Password != "") {
				t.Errorf("saved %+v", c)
			}
		})
	}
	// Nothing of the password in the store's files.
	files, _ := filepath.Glob(st.Path() + "*")
	for _, f := range files {
		if b, _ := os.ReadFile(f); strings.Contains(string(b), pw) {
			t.Errorf("%s holds the password", f)
		}
	}
	// List describes without secrets; Remove clears the keyring.
	list, err := saved.List(ctx, nil, st)
	if err != nil || len(list) != 6 {
		t.Fatalf("list: %v %+v", err, list)
	}
	for _, s := range list {
		if strings.Contains(s.Target, pw) {
			t.Errorf("summary shows the password: %+v", s)
		}
	}
	if _, err := saved.Remove(ctx, st, nil, "ssh"); err != nil {
		t.Fatal(err)
	}
	if _, err := secret.Get(config.SSHPassphraseKey("ssh"), "x"); err == nil {
		t.Error("SSH passphrase kept after remove")
	}
	if _, err := saved.Remove(ctx, st, nil, "ssh"); err == nil {
		t.Error("removed twice")
	}
	if _, err := saved.Save(ctx, nil, nil, "x", config.Connection{URL: "sqlite:x.db"}, ""); err == nil {
		t.Error("saved without a store")
	}
}
