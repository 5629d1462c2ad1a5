package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const userTOML = `
default_connection = "dev"

[connections.dev]
url = "postgres://app@localhost/app"
password_env = "DEV_PW"

[connections.shared]
driver = "mysql"
host = "db.internal"
user = "root"
database = "shop"
keyring = true

[connections.shared.tls]
mode = "verify-full"
ca_file = "/etc/ssl/ca.pem"

[connections."prod eu"]
url = "postgres://app@10.0.0.5/app"
password_command = "pass show prod"
readonly = true
[connections."prod eu".ssh]
host = "bastion.example.com"
user = "ops"
key_file = "~/.ssh/id_ed25519"
passphrase_env = "KEY_PASS"
keepalive = "15s"

[plugins]
explain = true
[plugins.rowcount]
refresh = "1h"
`

func TestParseTOML(t *testing.T) {
	c, warns, err := ParseTOML([]byte(userTOML), "user.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Fatalf("warnings: %v", warns)
	}
	if c.DefaultConnection != "dev" || len(c.Connections) != 3 || c.Origin("dev") != "user.toml" {
		t.Fatalf("config: %+v", c)
	}
	prod := c.Connections["prod eu"]
	if !prod.ReadOnly || prod.SSH.User != "ops" || prod.PasswordSource("prod eu").Command != "pass show prod" {
		t.Fatalf("prod: %+v", prod)
	}
	if ka, _ := prod.SSH.Durations(); ka.Seconds() != 15 {
		t.Fatalf("keepalive: %v", ka)
	}
	if s := c.Connections["shared"]; s.TLS.Mode != "verify-full" || s.PasswordSource("shared").Keyring != "connection/shared" {
		t.Fatalf("shared: %+v", s)
	}
	if c.Plugins["explain"] != true || c.Plugins["rowcount"].(map[string]any)["refresh"] != "1h" {
		t.Fatalf("plugins: %+v", c.Plugins)
	}
}

func TestErrorsNameFileLineAndKey(t *testing.T) {
	cases := []struct{ toml, want string }{
		{"[connections.dev]\nurl = \"sqlite:x.db\"\npasword_env = \"X\"\n", "f.toml:3:1: unknown key connections.dev.pasword_env"},
		{"[connections.dev]\nurl = \"sqlite:x.db\"\nport = \"5432\"\n", "f.toml:3:"},
		{"[connections.dev]\nurl = \"sqlite:x.db\"\n\n[connections.dev.tls]\nmode = \"verify-everything\"\n", "f.toml:5: connections.dev.tls.mode: \"verify-everything\""},
		{"[connections.dev]\nurl = \"sqlite:x.db\"\npassword_env = \"A\"\npassword_command = \"b\"\n", "f.toml:1: connections.dev.password: more than one source"},
		{"[connections.dev]\nhost = \"x\"\n", "connections.dev: needs url"},
		{"[connections.dev]\nurl = \"sqlite:x.db\"\n[connections.dev.ssh]\nuser = \"u\"\nkeepalive = \"often\"\n", "f.toml:5: connections.dev.ssh.keepalive: \"often\" is not a duration"},
		{"[connections.dev]\nurl = \"sqlite:x.db\"\n[connections.dev.ssh]\nuser = \"u\"\n", "f.toml:3: connections.dev.ssh: needs host"},
		{"[connections.dev]\nurl = \"sqlite:x.db\"\n[connections.dev.tls]\ncert_file = \"c\"\n", "cert_file and key_file go together"},
		{"[plugins]\nexplain = \"yes\"\n", "plugins.explain: want true/false"},
		{"[connections.dev\nurl = 1", "f.toml:1:"},
	}
	for _, tc := range cases {
		_, _, err := ParseTOML([]byte(tc.toml), "f.toml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseTOML(%q) = %v\nwant error containing %q", tc.toml, err, tc.want)
		}
	}
}

func TestInlineSecretsWarn(t *testing.T) {
	src := "[connections.dev]\nurl = \"postgres://u:hunter2@h/db\"\n\n[connections.b]\nurl = \"mysql://u@h/db\"\npassword = \"hunter2\"\n"
	_, warns, err := ParseTOML([]byte(src), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 2 || warns[0].Line != 6 || warns[1].Line != 2 && warns[1].Line != 1 {
		t.Fatalf("warnings = %v", warns)
	}
	for _, w := range warns {
		if strings.Contains(w.String(), "hunter2") {
			t.Fatalf("warning shows the secret: %s", w)
		}
	}
}

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "user.toml")
	project := filepath.Join(dir, ProjectFileName)
	os.WriteFile(user, []byte(userTOML), 0o600)
	os.WriteFile(project, []byte("default_connection = \"local\"\n[connections.local]\nurl = \"sqlite:local.db\"\n[connections.dev]\nurl = \"sqlite:dev.db\"\n"), 0o600)
	c, _, err := Load(user, project, filepath.Join(dir, "missing.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.DefaultConnection != "local" || c.Connections["dev"].URL != "sqlite:dev.db" || c.Connections["dev"].PasswordEnv != "" {
		t.Fatalf("project did not override user whole: %+v", c.Connections["dev"])
	}
	if c.Origin("dev") != project || c.Origin("shared") != user {
		t.Fatalf("origins: %s %s", c.Origin("dev"), c.Origin("shared"))
	}
	editor, _, err := ParseJSON([]byte(`{"connections": {"dev": {"url": "sqlite:editor.db", "readonly": true}}}`), "editor settings")
	if err != nil {
		t.Fatal(err)
	}
	c = c.Merge(editor)
	if c.Connections["dev"].URL != "sqlite:editor.db" || !c.Connections["dev"].ReadOnly || c.DefaultConnection != "local" {
		t.Fatalf("editor settings did not override: %+v", c)
	}
	if _, _, err := ParseJSON([]byte(`{"connections": {"dev": {"uri": "x"}}}`), "editor settings"); err == nil ||
		!strings.Contains(err.Error(), `editor settings: json: unknown field "uri"`) {
		t.Fatalf("unknown JSON key: %v", err)
	}
	if c, _, err := ParseJSON([]byte("null"), "x"); err != nil || len(c.Connections) != 0 {
		t.Fatalf("null settings: %v", err)
	}
}

func TestFindProjectFile(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	os.MkdirAll(deep, 0o755)
	if got := FindProjectFile(deep); got != "" {
		t.Fatalf("found %q in an empty tree", got)
	}
	os.WriteFile(filepath.Join(root, ProjectFileName), nil, 0o600)
	if got := FindProjectFile(deep); got != filepath.Join(root, ProjectFileName) {
		t.Fatalf("FindProjectFile = %q", got)
	}
	os.Mkdir(filepath.Join(root, "a", ".git"), 0o755)
	if got := FindProjectFile(deep); got != "" {
		t.Fatalf("search crossed a repository root: %q", got)
	}
}
