package config

import (
	"strings"
	"testing"
)

func TestResultLimits(t *testing.T) {
	if r, c := (*Config)(nil).ResultLimits(); r != DefaultResultMaxBytes || c != DefaultResultsCacheBytes {
		t.Fatalf("defaults: %d, %d", r, c)
	}
	project, _, err := ParseTOML([]byte("result_max_bytes = \"16MiB\"\nresults_cache_bytes = \"0\"\n"), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	if r, c := project.ResultLimits(); r != 16<<20 || c != 0 {
		t.Fatalf("project: %d, %d", r, c)
	}
	editor, _, err := ParseJSON([]byte(`{"results_cache_bytes": "500 MB"}`), "editor settings")
	if err != nil {
		t.Fatal(err)
	}
	if r, c := project.Merge(editor).ResultLimits(); r != 16<<20 || c != 500_000_000 {
		t.Fatalf("merged: %d, %d", r, c)
	}
	for _, bad := range []string{`"lots"`, `"-5MB"`, `64`} {
		_, _, err := ParseTOML([]byte("result_max_bytes = "+bad+"\n"), "p.toml")
		if err == nil || !strings.Contains(err.Error(), "p.toml:1") || !strings.Contains(err.Error(), "result_max_bytes") {
			t.Errorf("result_max_bytes = %s: %v", bad, err)
		}
	}
}
