// Package vscode holds the Visual Studio Code extension (extension.js,
// package.json). Its test checks the extension against the server's
// contract, since VS Code itself cannot run here: every workspace command
// it sends is one the server advertises, and every palette command it
// registers is declared in package.json.
package vscode

import (
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"testing"

	"github.com/dbls/dbls/server"
)

func TestExtensionUsesAdvertisedCommands(t *testing.T) {
	src, err := os.ReadFile("extension.js")
	if err != nil {
		t.Fatal(err)
	}
	sent := regexp.MustCompile(`run\("(dbls\.[A-Za-z]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(sent) == 0 {
		t.Fatal("extension.js sends no dbls.* command")
	}
	for _, m := range sent {
		if !slices.Contains(server.Commands(nil), m[1]) {
			t.Errorf("extension.js sends %s, which the server does not advertise", m[1])
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
	if pkg.Main != "./extension.js" {
		t.Errorf("package.json main = %q", pkg.Main)
	}
	declared := map[string]bool{}
	for _, c := range pkg.Contributes.Commands {
		declared[c.Command] = true
	}
	registered := regexp.MustCompile(`"(dbls\.ui\.[A-Za-z]+)": async`).FindAllStringSubmatch(string(src), -1)
	for _, m := range registered {
		if !declared[m[1]] {
			t.Errorf("palette command %s is not declared in package.json", m[1])
		}
		delete(declared, m[1])
	}
	for c := range declared {
		t.Errorf("package.json declares %s, which extension.js does not register", c)
	}

	if node, err := exec.LookPath("node"); err == nil {
		if out, err := exec.Command(node, "--check", "extension.js").CombinedOutput(); err != nil {
			t.Errorf("node --check extension.js: %v\n%s", err, out)
		}
	}
}
