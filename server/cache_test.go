package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/config"
)

// TestResolveSourceIsConnects: the server names a database by the one
// resolver the CLI opens it with (connect.Resolver.Locate). Its own copy
// of the rules differed from connect's where these cases show: a file
// driver without a path became a cache entry for "sqlite:" instead of the
// error opening it gives, "~" alone was not the home directory, and errors
// did not say which connection they were about.
func TestResolveSourceIsConnects(t *testing.T) {
	ctx := context.Background()
	home, dir := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	file := filepath.Join(dir, config.ProjectFileName)
	if err := os.WriteFile(file, []byte(`
[connections.nopath]
driver = "sqlite"
[connections.home]
driver = "sqlite"
path = "~"
[connections.homefile]
driver = "sqlite"
path = "~/shop.db"
[connections.rel]
driver = "sqlite"
path = "shop.db"
[connections.pg]
driver = "postgres"
database = "app"
[connections.badurl]
url = "postgres://h:notaport/db"
`), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	r := &connect.Resolver{Config: cfg}
	defer r.Close()
	for _, c := range []struct{ arg, key, err string }{
		{"nopath", "", "needs path"},
		{"home", "sqlite:" + home, ""},
		{"homefile", "sqlite:" + filepath.Join(home, "shop.db"), ""},
		{"rel", "sqlite:" + filepath.Join(dir, "shop.db"), ""},
		{"pg", "postgres://127.0.0.1:5432/app", ""},
		{"badurl", "", `connection "badurl"`},
		{"sqlite:///abs/x.db", "sqlite:/abs/x.db", ""},
	} {
		src, err := resolveSource(ctx, r, c.arg, dir)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: source %+v, error %v; want an error with %q", c.arg, src, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.arg, err)
			continue
		}
		// The key is what the resolver that opens the database says.
		p, err := r.Params(ctx, c.arg)
		if err != nil {
			t.Fatalf("%s: connect: %v", c.arg, err)
		}
		if src.Key != p.String() || src.Key != c.key || src.Driver != p.Driver {
			t.Errorf("%s: key %q (driver %s), connect %q (%s); want %q", c.arg, src.Key, src.Driver, p.String(), p.Driver, c.key)
		}
	}
}
