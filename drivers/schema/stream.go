package schema

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// Encode writes what Marshal returns, and a newline, table by table: the
// JSON of a 10,000-table catalog is tens of megabytes, which Marshal holds
// whole (twice, while it indents) and Encode never does.
func Encode(w io.Writer, s *Snapshot) error {
	c := s.Clone()
	c.Normalize()
	return EncodeNormal(w, c)
}

// EncodeNormal is Encode for a snapshot already in normal form (as drivers
// and the store return it, see Normalize): it writes s as it is, without
// Encode's normalized copy, which at 100,000 tables is half a gigabyte.
func EncodeNormal(w io.Writer, c *Snapshot) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head := *c
	head.Schemas = nil
	b, err := json.MarshalIndent(document{Format: FormatVersion, Snapshot: &head}, "", "  ")
	if err != nil {
		return err
	}
	// "schemas" is the envelope's last field and is never omitted.
	const null = "null\n}"
	if !bytes.HasSuffix(b, []byte(null)) {
		return errors.New("snapshot: unexpected JSON envelope")
	}
	bw.Write(b[:len(b)-len(null)]) //nolint:errcheck // Flush reports the first error
	if len(c.Schemas) == 0 {
		bw.WriteString("[]\n}\n") //nolint:errcheck
		return bw.Flush()
	}
	bw.WriteString("[\n") //nolint:errcheck
	for i := range c.Schemas {
		if i > 0 {
			bw.WriteString(",\n") //nolint:errcheck
		}
		if err := encodeSchema(bw, &c.Schemas[i], "    "); err != nil {
			return err
		}
	}
	bw.WriteString("\n  ]\n}\n") //nolint:errcheck
	return bw.Flush()
}

// encodeSchema writes one schema as MarshalIndent would at prefix, its
// tables one at a time: the schema without its tables is marshalled, and
// the tables are written where they belong, after "name" and "comment".
func encodeSchema(w *bufio.Writer, sc *Schema, prefix string) error {
	rest := *sc
	rest.Tables = nil
	b, err := json.MarshalIndent(&rest, prefix, "  ")
	if err != nil {
		return err
	}
	w.WriteString(prefix) //nolint:errcheck
	if len(sc.Tables) == 0 {
		_, err := w.Write(b)
		return err
	}
	key := prefix + "  "
	// Line ends: JSON strings escape newlines, so every '\n' ends a line.
	end := lineEnd(b, 0)    // "{"
	end = lineEnd(b, end+1) // "name"
	if bytes.HasPrefix(b[end+1:], []byte(key+`"comment": `)) {
		end = lineEnd(b, end+1)
	}
	content, more := b[:end], false
	if bytes.HasSuffix(content, []byte(",")) {
		content, more = content[:len(content)-1], true
	}
	w.Write(content)                               //nolint:errcheck
	w.WriteString(",\n" + key + "\"tables\": [\n") //nolint:errcheck
	for i := range sc.Tables {
		if i > 0 {
			w.WriteString(",\n") //nolint:errcheck
		}
		t, err := json.MarshalIndent(&sc.Tables[i], key+"  ", "  ")
		if err != nil {
			return err
		}
		w.WriteString(key + "  ") //nolint:errcheck
		w.Write(t)                //nolint:errcheck
	}
	w.WriteString("\n" + key + "]") //nolint:errcheck
	if more {
		w.WriteString(",") //nolint:errcheck
	}
	_, err = w.Write(b[end:])
	return err
}

// lineEnd is the index of the first '\n' at or after from, or len(b).
func lineEnd(b []byte, from int) int {
	if from > len(b) {
		return len(b)
	}
	if i := bytes.IndexByte(b[from:], '\n'); i >= 0 {
		return from + i
	}
	return len(b)
}
