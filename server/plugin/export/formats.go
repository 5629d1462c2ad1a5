package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
)

// The built-in formats are plugins on the same contract as third-party
// exporters: one plugin per format, so that each can be disabled under
// [plugins] on its own.
type builtin struct {
	d   plugin.Descriptor
	f   plugin.Format
	new func(w io.Writer, h plugin.Header) (plugin.RowWriter, error)
}

func (b builtin) Descriptor() plugin.Descriptor { return b.d }
func (b builtin) Formats() []plugin.Format      { return []plugin.Format{b.f} }
func (b builtin) NewWriter(_ string, w io.Writer, h plugin.Header) (plugin.RowWriter, error) {
	return b.new(w, h)
}

func init() {
	add := func(f plugin.Format, desc string, new func(io.Writer, plugin.Header) (plugin.RowWriter, error)) {
		plugin.Register(builtin{d: plugin.Descriptor{ID: "export." + f.Name, Name: f.Name + " exporter", Version: "1.0.0", Description: desc}, f: f, new: new})
	}
	add(plugin.Format{Name: "table", Extension: "txt", MediaType: "text/plain"}, "aligned text table for terminals", newTable)
	add(plugin.Format{Name: "csv", Extension: "csv", MediaType: "text/csv"}, "RFC 4180 CSV with a header row", newCSV)
	add(plugin.Format{Name: "json", Extension: "json", MediaType: "application/json"}, "one JSON object: columns, rows, paging", newJSON)
	add(plugin.Format{Name: "markdown", Aliases: []string{"md"}, Extension: "md", MediaType: "text/markdown"}, "GitHub-flavoured Markdown table", newMarkdown)
}

// tableWriter aligns columns, which needs every row before the first line
// is final: tabwriter buffers them. It is the terminal format; the
// streaming formats are the others.
type tableWriter struct {
	w     io.Writer
	h     plugin.Header
	tw    *tabwriter.Writer
	cells []string
}

func newTable(w io.Writer, h plugin.Header) (plugin.RowWriter, error) {
	t := &tableWriter{w: w, h: h}
	if len(h.Columns) == 0 {
		return t, nil
	}
	t.tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := make([]string, len(h.Columns))
	rule := make([]string, len(h.Columns))
	for i, c := range h.Columns {
		header[i] = oneLine(c.Name)
		rule[i] = strings.Repeat("-", max(len([]rune(header[i])), 1))
	}
	fmt.Fprintln(t.tw, strings.Join(header, "\t"))
	fmt.Fprintln(t.tw, strings.Join(rule, "\t"))
	t.cells = make([]string, len(h.Columns))
	return t, nil
}

func (t *tableWriter) WriteRow(row []any) error {
	for i, v := range row {
		t.cells[i] = oneLine(Text(v))
	}
	_, err := fmt.Fprintln(t.tw, strings.Join(t.cells, "\t"))
	return err
}

func (t *tableWriter) End(f plugin.Footer) error {
	if t.tw == nil {
		_, err := fmt.Fprintln(t.w, affected(f))
		return err
	}
	if err := t.tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(t.w, summary(t.h, f))
	return err
}

// oneLine keeps a cell on its row: tabs and newlines would break alignment.
func oneLine(s string) string {
	return strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func summary(h plugin.Header, f plugin.Footer) string {
	s := fmt.Sprintf("(%d row%s", f.Rows, plural(f.Rows))
	if h.Page > 1 {
		s += fmt.Sprintf(", page %d", h.Page)
	}
	if f.HasMore {
		s += fmt.Sprintf("; more rows: --page %d", max(h.Page, 1)+1)
	}
	return s + fmt.Sprintf("; %s)", f.Elapsed.Round(time.Microsecond))
}

func affected(f plugin.Footer) string {
	if f.RowsAffected < 0 {
		return fmt.Sprintf("OK (%s)", f.Elapsed.Round(time.Microsecond))
	}
	return fmt.Sprintf("OK, %d row%s affected (%s)", f.RowsAffected, plural(int(f.RowsAffected)),
		f.Elapsed.Round(time.Microsecond))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

type csvWriter struct {
	cw  *csv.Writer
	rec []string
}

func newCSV(w io.Writer, h plugin.Header) (plugin.RowWriter, error) {
	c := &csvWriter{cw: csv.NewWriter(w), rec: make([]string, len(h.Columns))}
	header := make([]string, len(h.Columns))
	for i, col := range h.Columns {
		header[i] = col.Name
	}
	return c, c.cw.Write(header)
}

func (c *csvWriter) WriteRow(row []any) error {
	for i, v := range row {
		if v == nil {
			c.rec[i] = ""
		} else {
			c.rec[i] = Text(v)
		}
	}
	return c.cw.Write(c.rec)
}

func (c *csvWriter) End(plugin.Footer) error {
	c.cw.Flush()
	return c.cw.Error()
}

// jsonWriter writes the documented JSON shape of a result (README,
// "query") piece by piece: the object's head, one row per line, its tail.
type jsonWriter struct {
	w    io.Writer
	h    plugin.Header
	rows int
}

func newJSON(w io.Writer, h plugin.Header) (plugin.RowWriter, error) {
	cols := h.Columns
	if cols == nil {
		cols = []drivers.ResultColumn{}
	}
	b, err := json.MarshalIndent(cols, "  ", "  ")
	if err != nil {
		return nil, err
	}
	_, err = fmt.Fprintf(w, "{\n  \"columns\": %s,\n  \"rows\": [", b)
	return &jsonWriter{w: w, h: h}, err
}

func (j *jsonWriter) WriteRow(row []any) error {
	out := make([]any, len(row))
	for i, v := range row {
		if b, ok := v.([]byte); ok {
			v = Text(b) // base64 would surprise; hex matches the other formats
		}
		out[i] = v
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(out); err != nil {
		return err
	}
	sep := ","
	if j.rows == 0 {
		sep = ""
	}
	j.rows++
	_, err := fmt.Fprintf(j.w, "%s\n    %s", sep, bytes.TrimSpace(buf.Bytes()))
	return err
}

func (j *jsonWriter) End(f plugin.Footer) error {
	var b strings.Builder
	if j.rows > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n")
	if f.RowsAffected >= 0 {
		fmt.Fprintf(&b, "  \"rows_affected\": %d,\n", f.RowsAffected)
	}
	fmt.Fprintf(&b, "  \"has_more\": %t,\n  \"page\": %d,\n", f.HasMore, max(j.h.Page, 1))
	if j.h.Limit != 0 {
		fmt.Fprintf(&b, "  \"limit\": %d,\n", j.h.Limit)
	}
	ms, _ := json.Marshal(float64(f.Elapsed.Microseconds()) / 1000)
	fmt.Fprintf(&b, "  \"elapsed_ms\": %s\n}\n", ms)
	_, err := io.WriteString(j.w, b.String())
	return err
}

type markdownWriter struct {
	w    io.Writer
	cols bool
	b    strings.Builder
}

func newMarkdown(w io.Writer, h plugin.Header) (plugin.RowWriter, error) {
	m := &markdownWriter{w: w, cols: len(h.Columns) > 0}
	if !m.cols {
		return m, nil
	}
	m.b.WriteString("|")
	for _, c := range h.Columns {
		m.b.WriteString(" " + mdCell(c.Name) + " |")
	}
	m.b.WriteString("\n|")
	for range h.Columns {
		m.b.WriteString(" --- |")
	}
	m.b.WriteString("\n")
	return m, m.flush()
}

func (m *markdownWriter) flush() error {
	_, err := io.WriteString(m.w, m.b.String())
	m.b.Reset()
	return err
}

func (m *markdownWriter) WriteRow(row []any) error {
	m.b.WriteString("|")
	for _, v := range row {
		m.b.WriteString(" " + mdCell(Text(v)) + " |")
	}
	m.b.WriteString("\n")
	return m.flush()
}

func (m *markdownWriter) End(f plugin.Footer) error {
	if !m.cols {
		_, err := fmt.Fprintln(m.w, affected(f))
		return err
	}
	return nil
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>").Replace(s)
}
