package config

import (
	"os"
	"strings"
	"testing"
)

// TestUsageDocExample keeps the .dbls.toml example of docs/usage.md true.
func TestUsageDocExample(t *testing.T) {
	readme, err := os.ReadFile("../../../docs/usage.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```toml\n")
	if !ok {
		t.Fatal("README has no toml example")
	}
	example, _, _ := strings.Cut(rest, "```")
	c, warnings, err := ParseTOML([]byte(example), "README.md")
	if err != nil {
		t.Fatalf("README example does not parse: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("README example draws warnings: %v", warnings)
	}
	prod := c.Connections["prod"]
	if c.DefaultConnection != "local" || prod.SSH == nil || !prod.ReadOnly || c.Connections["staging"].TLS.Mode != "verify-full" {
		t.Fatalf("README example read as %+v", c)
	}
}
