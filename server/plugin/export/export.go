// Package export writes query results in the formats users ask for: an
// aligned text table for terminals, CSV, JSON and Markdown. The CLI and the
// language server both render results through it.
package export

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
)

// Writer renders one result.
type Writer func(w io.Writer, res *drivers.Result) error

// Formats lists the format names of h's enabled exporter plugins, sorted.
func Formats(h *plugin.Host) []string {
	var names []string
	for _, f := range h.Formats() {
		names = append(names, f.Name)
	}
	return names
}

// Lookup returns the writer for a format name ("md" is accepted for
// markdown). The format comes from whichever exporter plugin of h offers
// it, built in or external.
func Lookup(h *plugin.Host, format string) (Writer, error) {
	known := slices.ContainsFunc(h.Formats(), func(f plugin.Format) bool {
		return f.Name == strings.ToLower(format) || slices.Contains(f.Aliases, strings.ToLower(format))
	})
	if !known {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(h), ", "))
	}
	return func(w io.Writer, res *drivers.Result) error {
		rw, err := h.Export(context.Background(), format, w, plugin.Header{Columns: res.Columns, Page: res.Page, Limit: res.Limit})
		if err != nil {
			return err
		}
		return WriteRows(rw, res)
	}, nil
}

// WriteRows streams a whole result through rw.
func WriteRows(rw plugin.RowWriter, res *drivers.Result) error {
	for _, row := range res.Rows {
		if err := rw.WriteRow(row); err != nil {
			return err
		}
	}
	return rw.End(plugin.Footer{Rows: len(res.Rows), RowsAffected: res.RowsAffected, HasMore: res.HasMore, Elapsed: res.Elapsed})
}

// Text renders a value for text formats; NULL is spelled out so that it is
// not mistaken for an empty string.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case []byte:
		return `\x` + hex.EncodeToString(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
