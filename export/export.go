// Package export writes query results in the formats users ask for: an
// aligned text table for terminals, CSV, JSON and Markdown. The CLI and the
// language server both render results through it.
package export

import (
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dbls/dbls/drivers"
)

// Writer renders one result.
type Writer func(w io.Writer, res *drivers.Result) error

var writers = map[string]Writer{
	"table":    Table,
	"csv":      CSV,
	"json":     JSON,
	"markdown": Markdown,
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(writers))
	for n := range writers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Lookup returns the writer for a format name ("md" is accepted for markdown).
func Lookup(format string) (Writer, error) {
	f := strings.ToLower(format)
	if f == "md" {
		f = "markdown"
	}
	if w, ok := writers[f]; ok {
		return w, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
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

// Table writes an aligned table with a summary line.
func Table(w io.Writer, res *drivers.Result) error {
	if !res.HasResultSet() {
		_, err := fmt.Fprintln(w, affected(res))
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := make([]string, len(res.Columns))
	rule := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		header[i] = oneLine(c.Name)
		rule[i] = strings.Repeat("-", max(len([]rune(header[i])), 1))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	fmt.Fprintln(tw, strings.Join(rule, "\t"))
	cells := make([]string, len(res.Columns))
	for _, row := range res.Rows {
		for i, v := range row {
			cells[i] = oneLine(Text(v))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, summary(res))
	return err
}

// oneLine keeps a cell on its row: tabs and newlines would break alignment.
func oneLine(s string) string {
	return strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func summary(res *drivers.Result) string {
	s := fmt.Sprintf("(%d row%s", len(res.Rows), plural(len(res.Rows)))
	if res.Page > 1 {
		s += fmt.Sprintf(", page %d", res.Page)
	}
	if res.HasMore {
		s += fmt.Sprintf("; more rows: --page %d", res.Page+1)
	}
	return s + fmt.Sprintf("; %s)", res.Elapsed.Round(time.Microsecond))
}

func affected(res *drivers.Result) string {
	if res.RowsAffected < 0 {
		return fmt.Sprintf("OK (%s)", res.Elapsed.Round(time.Microsecond))
	}
	return fmt.Sprintf("OK, %d row%s affected (%s)", res.RowsAffected, plural(int(res.RowsAffected)),
		res.Elapsed.Round(time.Microsecond))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// CSV writes RFC 4180 CSV with a header row; NULL is an empty field.
func CSV(w io.Writer, res *drivers.Result) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		header[i] = c.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(res.Columns))
	for _, row := range res.Rows {
		for i, v := range row {
			if v == nil {
				rec[i] = ""
			} else {
				rec[i] = Text(v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonResult is the documented JSON shape of a result (README, "query").
type jsonResult struct {
	Columns      []drivers.ResultColumn `json:"columns"`
	Rows         [][]any                `json:"rows"`
	RowsAffected *int64                 `json:"rows_affected,omitempty"`
	HasMore      bool                   `json:"has_more"`
	Page         int                    `json:"page"`
	Limit        int                    `json:"limit,omitempty"`
	ElapsedMS    float64                `json:"elapsed_ms"`
}

// JSON writes the result as one JSON object.
func JSON(w io.Writer, res *drivers.Result) error {
	out := jsonResult{Columns: res.Columns, Rows: res.Rows, HasMore: res.HasMore,
		Page: max(res.Page, 1), Limit: res.Limit, ElapsedMS: float64(res.Elapsed.Microseconds()) / 1000}
	if out.Columns == nil {
		out.Columns = []drivers.ResultColumn{}
	}
	if out.Rows == nil {
		out.Rows = [][]any{}
	}
	if res.RowsAffected >= 0 {
		out.RowsAffected = &res.RowsAffected
	}
	for _, row := range out.Rows {
		for i, v := range row {
			if b, ok := v.([]byte); ok {
				row[i] = Text(b) // base64 would surprise; hex matches the other formats
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Markdown writes a GitHub-flavoured Markdown table.
func Markdown(w io.Writer, res *drivers.Result) error {
	if !res.HasResultSet() {
		_, err := fmt.Fprintln(w, affected(res))
		return err
	}
	var b strings.Builder
	b.WriteString("|")
	for _, c := range res.Columns {
		b.WriteString(" " + mdCell(c.Name) + " |")
	}
	b.WriteString("\n|")
	for range res.Columns {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, row := range res.Rows {
		b.WriteString("|")
		for _, v := range row {
			b.WriteString(" " + mdCell(Text(v)) + " |")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>").Replace(s)
}
