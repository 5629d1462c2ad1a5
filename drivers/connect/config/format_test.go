package config

import (
	"strings"
	"testing"
)

// TestFormatSettings: [format] merges field by field (user < project <
// editor) and bad values are errors naming the key.
func TestFormatSettings(t *testing.T) {
	user, _, err := ParseTOML([]byte("[format]\nkeyword_case = \"lower\"\nindent = \"tabs\"\n"), "user.toml")
	if err != nil {
		t.Fatal(err)
	}
	project, _, err := ParseTOML([]byte("[format]\nindent = \"spaces\"\nindent_width = 4\n"), ".dbls.toml")
	if err != nil {
		t.Fatal(err)
	}
	editor, _, err := ParseJSON([]byte(`{"format": {"keyword_case": "preserve"}}`), "editor settings")
	if err != nil {
		t.Fatal(err)
	}
	got := user.Merge(project).Merge(editor).Format
	if want := (Format{KeywordCase: "preserve", Indent: "spaces", IndentWidth: 4}); got != want {
		t.Fatalf("merged format %+v, want %+v", got, want)
	}
	for src, key := range map[string]string{
		"[format]\nkeyword_case = \"title\"\n": "format.keyword_case",
		"[format]\nindent = \"both\"\n":        "format.indent",
		"[format]\nindent_width = 40\n":        "format.indent_width",
		"[format]\nindent_size = 4\n":          "indent_size",
	} {
		if _, _, err := ParseTOML([]byte(src), "x.toml"); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%q: error %v does not name %s", src, err, key)
		}
	}
}
