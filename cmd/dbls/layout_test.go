package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// allowedParts says which top-level parts each part may import, tests
// included (docs/ARCHITECTURE.md): data flows one way, drivers → (analysis,
// diff) → server → cmd, and editors test the server from outside.
var allowedParts = map[string][]string{
	"drivers":  {},
	"analysis": {"drivers"},
	"diff":     {"drivers"},
	"server":   {"drivers", "analysis", "diff"},
	"cmd":      {"drivers", "analysis", "diff", "server"},
	"editors":  {"drivers", "analysis", "diff", "server"},
}

// TestLayout keeps the module's packages inside the six parts and their
// imports one way.
func TestLayout(t *testing.T) {
	const module = "github.com/dbls/dbls/"
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,TestImports,XTestImports", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath                         string
			Imports, TestImports, XTestImports []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		part, _, _ := strings.Cut(strings.TrimPrefix(p.ImportPath, module), "/")
		allowed, ok := allowedParts[part]
		if !ok {
			t.Errorf("package %s is outside the six parts", p.ImportPath)
			continue
		}
		for _, imp := range append(append(p.Imports, p.TestImports...), p.XTestImports...) {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			other, _, _ := strings.Cut(strings.TrimPrefix(imp, module), "/")
			if other != part && !slices.Contains(allowed, other) {
				t.Errorf("%s imports %s: %s may not depend on %s", p.ImportPath, imp, part, other)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("go list saw only %d packages", seen)
	}
}
