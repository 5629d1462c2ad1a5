// Package vscode holds the Visual Studio Code extension (TypeScript under
// src/, bundled by esbuild into dist/). Its Go test checks the extension
// against the server's contract: every workspace command it sends is one
// the server advertises, and every palette command it registers is
// declared in package.json (and the reverse). With npm present it also
// type-checks, bundles and runs the extension's own unit tests, so
// `make test` covers the TypeScript; the end-to-end run in a real VS Code
// (code-server) is scripts/e2e-vscode.sh.
package vscode

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/server"
)

func sources(t *testing.T) string {
	t.Helper()
	var all strings.Builder
	err := filepath.WalkDir("src", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".ts") {
			return err
		}
		b, err := os.ReadFile(p)
		all.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all.String()
}

func TestExtensionUsesAdvertisedCommands(t *testing.T) {
	src := sources(t)
	sent := regexp.MustCompile(`(?:run|request)(?:<[^>(]*>)?\("(dbls\.[A-Za-z]+)"`).FindAllStringSubmatch(src, -1)
	if len(sent) < 10 {
		t.Fatalf("found only %d dbls.* commands sent by src/", len(sent))
	}
	for _, m := range sent {
		if !slices.Contains(server.Commands(nil), m[1]) {
			t.Errorf("the extension sends %s, which the server does not advertise", m[1])
		}
	}

	var pkg struct {
		Main        string `json:"main"`
		Contributes struct {
			Commands []struct {
				Command string `json:"command"`
			} `json:"commands"`
		} `json:"contributes"`
	}
	raw, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if pkg.Main != "./dist/extension.js" {
		t.Errorf("package.json main = %q", pkg.Main)
	}
	declared := map[string]bool{}
	for _, c := range pkg.Contributes.Commands {
		declared[c.Command] = true
	}
	registered := regexp.MustCompile(`"(dbls\.ui\.[A-Za-z]+)": (?:async )?\(`).FindAllStringSubmatch(src, -1)
	if len(registered) == 0 {
		t.Fatal("src/ registers no dbls.ui.* command")
	}
	for _, m := range registered {
		if !declared[m[1]] {
			t.Errorf("palette command %s is not declared in package.json", m[1])
		}
		delete(declared, m[1])
	}
	for c := range declared {
		t.Errorf("package.json declares %s, which src/ does not register", c)
	}
}

// TestExtensionBuilds type-checks and bundles the extension and runs its
// unit tests (grid logic, translations) under node's test runner.
func TestExtensionBuilds(t *testing.T) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
			t.Fatal("npm is not installed (needed to build the VS Code extension)")
		}
		t.Skip("npm is not installed")
	}
	steps := [][]string{{"run", "check"}, {"run", "build"}, {"test"}}
	if _, err := os.Stat("node_modules/.package-lock.json"); err != nil {
		steps = append([][]string{{"ci", "--no-audit", "--no-fund"}}, steps...)
	}
	for _, args := range steps {
		cmd := exec.Command(npm, args...)
		cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if _, err := os.Stat("dist/extension.js"); err != nil {
		t.Fatalf("the build wrote no dist/extension.js: %v", err)
	}
}
