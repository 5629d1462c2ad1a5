package store

// Cached snapshots are stored in the compact binary form of binary.go.
// Blobs written by earlier versions are still read: gzip-compressed gob
// (told by the gzip magic) and, before that, the JSON form (a '{').

import (
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"fmt"

	"github.com/dbls/dbls/drivers/schema"
)

// gzipMagic starts every gzip stream; a JSON snapshot starts with '{'.
var gzipMagic = []byte{0x1f, 0x8b}

// gobSnapshot is what is encoded: gob transmits no zero value, not even
// through a pointer, so the pointer fields that point at one (a column
// DEFAULT ” written as "", an empty primary key) are listed beside the
// snapshot and restored after decoding.
type gobSnapshot struct {
	Snapshot *schema.Snapshot
	Zero     []zeroPointer
}

// zeroPointer locates a pointer field holding a zero value: Field is 'd'
// (a column's Default), 'g' (a column's Generated) or 'p' (a table's
// PrimaryKey); View tells a view's column from a table's.
type zeroPointer struct {
	Field                    byte
	View                     bool
	Schema, Relation, Column int
}

// zeroPointers visits every pointer field gob could lose; set restores
// them instead of listing them.
func zeroPointers(snap *schema.Snapshot, set map[zeroPointer]bool) []zeroPointer {
	var out []zeroPointer
	mark := func(z zeroPointer, isZero bool, restore func()) {
		if set == nil && isZero {
			out = append(out, z)
		} else if set[z] {
			restore()
		}
	}
	columns := func(si, ri int, view bool, cols []schema.Column) {
		for ci := range cols {
			c := &cols[ci]
			mark(zeroPointer{'d', view, si, ri, ci}, c.Default != nil && *c.Default == "", func() { c.Default = new(string) })
			mark(zeroPointer{'g', view, si, ri, ci}, c.Generated != nil && *c.Generated == (schema.Generated{}), func() { c.Generated = &schema.Generated{} })
		}
	}
	for si := range snap.Schemas {
		sc := &snap.Schemas[si]
		for ti := range sc.Tables {
			t := &sc.Tables[ti]
			mark(zeroPointer{'p', false, si, ti, -1}, t.PrimaryKey != nil && t.PrimaryKey.Name == "" && len(t.PrimaryKey.Columns) == 0,
				func() { t.PrimaryKey = &schema.PrimaryKey{} })
			columns(si, ti, false, t.Columns)
		}
		for vi := range sc.Views {
			columns(si, vi, true, sc.Views[vi].Columns)
		}
	}
	return out
}

func encodeSnapshot(snap *schema.Snapshot) ([]byte, error) {
	c := snap.Clone()
	c.Normalize()
	return encodeBinary(c), nil
}

func decodeSnapshot(data []byte) (*schema.Snapshot, error) {
	switch {
	case bytes.HasPrefix(data, binaryMagic):
		return decodeBinary(data)
	case !bytes.HasPrefix(data, gzipMagic):
		return schema.Unmarshal(data)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var env gobSnapshot
	if err := gob.NewDecoder(zr).Decode(&env); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	if env.Snapshot == nil {
		return nil, fmt.Errorf("decode snapshot: no snapshot in the blob")
	}
	if len(env.Zero) > 0 {
		set := map[zeroPointer]bool{}
		for _, z := range env.Zero {
			set[z] = true
		}
		zeroPointers(env.Snapshot, set)
	}
	// gob drops empty slices; the normal form has them where JSON would.
	env.Snapshot.Normalize()
	return env.Snapshot, nil
}
