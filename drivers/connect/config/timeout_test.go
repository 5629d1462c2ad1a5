package config

import (
	"strings"
	"testing"
	"time"
)

func TestQueryTimeout(t *testing.T) {
	project, _, err := ParseTOML([]byte("query_timeout = \"30s\"\n"), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got := project.QueryTimeoutDuration(); got != 30*time.Second {
		t.Fatalf("project timeout = %v", got)
	}
	editor, _, err := ParseJSON([]byte(`{"query_timeout": "2m"}`), "editor settings")
	if err != nil {
		t.Fatal(err)
	}
	if got := project.Merge(editor).QueryTimeoutDuration(); got != 2*time.Minute {
		t.Fatalf("editor settings did not override: %v", got)
	}
	if got := project.Merge(&Config{}).QueryTimeoutDuration(); got != 30*time.Second {
		t.Fatalf("an unset key replaced the project's: %v", got)
	}
	if got := (*Config)(nil).QueryTimeoutDuration(); got != 0 {
		t.Fatalf("no config: %v", got)
	}
	for _, bad := range []string{`"soon"`, `"-5s"`} {
		_, _, err := ParseTOML([]byte("query_timeout = "+bad+"\n"), "p.toml")
		if err == nil || !strings.Contains(err.Error(), "p.toml:1: query_timeout:") {
			t.Errorf("query_timeout = %s: %v", bad, err)
		}
	}
	if c, _, err := ParseTOML([]byte("query_timeout = \"0\"\n"), "p.toml"); err != nil || c.QueryTimeoutDuration() != 0 {
		t.Fatalf("query_timeout = \"0\": %v", err)
	}
}
