package server

import (
	"strings"
	"unicode/utf8"
)

// Hover is written in Markdown (package analysis). A client that asked for
// plain text (textDocument.hover.contentFormat without "markdown": eglot
// without markdown-mode, terminal clients) gets it rewritten here: emphasis
// and code marks dropped, tables aligned in columns instead of raw pipes.
// Only the subset analysis writes is handled: **bold**, `code` (any
// fence), pipe tables with \| escapes, ``` fenced blocks.

// prefersMarkdown reads a client's contentFormat list, most preferred
// first: Markdown unless plain text comes first or Markdown is missing. A
// client that lists nothing gets Markdown, as before LSP 3.0 defined it.
func prefersMarkdown(formats []string) bool {
	for _, f := range formats {
		switch f {
		case "markdown":
			return true
		case "plaintext":
			return false
		}
	}
	return true
}

// plainText renders the Markdown of a hover as plain text.
func plainText(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "```"):
			continue // a fence line; the code itself stays as it is
		case strings.HasPrefix(line, "|"):
			j := i
			var rows [][]string
			for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
				if cells := tableCells(lines[j]); !isRule(cells) {
					rows = append(rows, cells)
				}
			}
			out = append(out, alignRows(rows)...)
			i = j - 1
		default:
			out = append(out, inlinePlain(line))
		}
	}
	return strings.Join(out, "\n")
}

// tableCells splits a Markdown table row at its unescaped pipes.
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, inlinePlain(strings.TrimSpace(cur.String())))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, inlinePlain(strings.TrimSpace(cur.String())))
}

// isRule reports the |---|:--:| line under a table's header.
func isRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return len(cells) > 0
}

// alignRows pads cells so that the columns line up, with a rule of dashes
// under the first row (the header).
func alignRows(rows [][]string) []string {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	pad := func(r []string) string {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	var out []string
	for k, r := range rows {
		out = append(out, pad(r))
		if k == 0 && len(rows) > 1 {
			rule := make([]string, len(r))
			for i := range r {
				rule[i] = strings.Repeat("-", width[i])
			}
			out = append(out, pad(rule))
		}
	}
	return out
}

// inlinePlain drops **bold** marks and code fences of any length
// (a doubled fence with spaces around code that has backticks included),
// keeping the text inside code as it is.
func inlinePlain(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '`':
			n := 0
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			fence := s[i : i+n]
			end := strings.Index(s[i+n:], fence)
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			code := s[i+n : i+n+end]
			if n > 1 && strings.HasPrefix(code, " ") && strings.HasSuffix(code, " ") && len(code) >= 2 {
				code = code[1 : len(code)-1]
			}
			b.WriteString(code)
			i += n + end + n
		case strings.HasPrefix(s[i:], "**"):
			i += 2
		case s[i] == '\\' && i+1 < len(s) && strings.ContainsRune("\\`*_|[]", rune(s[i+1])):
			b.WriteByte(s[i+1])
			i += 2
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}
