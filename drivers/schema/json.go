package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// document is the JSON envelope: the snapshot's fields with a format tag
// first, so a reader can tell a dbls snapshot file from any other JSON.
type document struct {
	Format string `json:"format"`
	*Snapshot
}

// Marshal writes the snapshot's normal form as indented JSON. The snapshot
// itself is not modified.
func Marshal(s *Snapshot) ([]byte, error) {
	c := s.Clone()
	c.Normalize()
	return json.MarshalIndent(document{Format: FormatVersion, Snapshot: c}, "", "  ")
}

// Unmarshal reads a snapshot written by Marshal and returns it normalized.
// It refuses documents of another format so that a stray JSON file is
// reported, not silently read as an empty catalog.
func Unmarshal(data []byte) (*Snapshot, error) {
	return Decode(bytes.NewReader(data))
}

// Decode is Unmarshal from a reader.
func Decode(r io.Reader) (*Snapshot, error) {
	doc := document{Snapshot: &Snapshot{}}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("snapshot: invalid JSON: %w", err)
	}
	if doc.Format == "" {
		return nil, fmt.Errorf("snapshot: not a dbls snapshot (no \"format\" field; expected %q)", FormatVersion)
	}
	if major(doc.Format) != major(FormatVersion) {
		return nil, fmt.Errorf("snapshot: unsupported format %q (this dbls reads %q)", doc.Format, FormatVersion)
	}
	doc.Snapshot.Normalize()
	return doc.Snapshot, nil
}

// major strips a minor suffix: "dbls.snapshot/v1.2" → "dbls.snapshot/v1".
func major(format string) string {
	if i := strings.LastIndex(format, "/v"); i >= 0 {
		if j := strings.IndexByte(format[i:], '.'); j >= 0 {
			return format[:i+j]
		}
	}
	return format
}

// Equal reports whether a and b describe the same structure, comparing
// normal forms. Neither argument is modified.
func Equal(a, b *Snapshot) bool {
	ca, cb := a.Clone(), b.Clone()
	ca.Normalize()
	cb.Normalize()
	return reflect.DeepEqual(ca, cb)
}
