package migration

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// sumFile is Atlas's integrity file of a migration directory.
const sumFile = "atlas.sum"

// ErrSumMismatch says an atlas.sum does not match its directory: a
// migration file was edited, added or removed by hand.
var ErrSumMismatch = errors.New("atlas.sum does not match the migration files (a file was changed by hand; check it, then run \"atlas migrate hash\")")

// Sum computes atlas.sum for the .sql files of dir as Atlas does: the
// files in name order feed one SHA-256, name then content; each file's
// line carries the running sum after it, and the first line the SHA-256 of
// every name and line sum, all base64 with the "h1:" prefix.
func Sum(dir string) ([]byte, error) {
	names, err := list(dir)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	total := sha256.New()
	var lines bytes.Buffer
	for _, n := range names {
		if !strings.HasSuffix(n, ".sql") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, fmt.Errorf("migration file %s: %w", n, err)
		}
		h.Write([]byte(n))
		h.Write(data)
		sum := base64.StdEncoding.EncodeToString(h.Sum(nil))
		total.Write([]byte(n))
		total.Write([]byte(sum))
		fmt.Fprintf(&lines, "%s h1:%s\n", n, sum)
	}
	return append([]byte("h1:"+base64.StdEncoding.EncodeToString(total.Sum(nil))+"\n"), lines.Bytes()...), nil
}

// WriteSum rewrites dir's atlas.sum and returns its path.
func WriteSum(dir string) (string, error) {
	data, err := Sum(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, sumFile)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return path, nil
}

// CheckSum reports whether dir's atlas.sum matches its files
// (ErrSumMismatch when not).
func CheckSum(dir string) error {
	have, err := os.ReadFile(filepath.Join(dir, sumFile))
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, sumFile), err)
	}
	want, err := Sum(dir)
	if err != nil {
		return err
	}
	if !sameSum(have, want) {
		return fmt.Errorf("%s: %w", filepath.Join(dir, sumFile), ErrSumMismatch)
	}
	return nil
}

// sameSum compares two atlas.sum texts line by line (Atlas reads the
// lines, not the bytes: a final newline or CRLF does not matter).
func sameSum(a, b []byte) bool {
	lines := func(data []byte) []string {
		var out []string
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	return slices.Equal(lines(a), lines(b))
}

// checkSum refuses to add to an Atlas directory whose atlas.sum does not
// match: the new sum would bless files nobody checked. A directory without
// atlas.sum gets one.
func checkSum(dir string, names []string) error {
	if !slices.Contains(names, sumFile) {
		return nil
	}
	return CheckSum(dir)
}
