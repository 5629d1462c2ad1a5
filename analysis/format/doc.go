// Package format lays out SQL text for the editor's formatting requests
// (textDocument/formatting and rangeFormatting) without ever changing what
// the text means.
//
// It works on the tokens and statements of the one SQL scanner,
// drivers/sqltext, per dialect. A statement it knows the shape of (SELECT,
// WITH, VALUES, INSERT, REPLACE, UPDATE, DELETE, CREATE TABLE and CREATE
// VIEW) is laid out again: clause keywords start lines, the select list,
// SET list, VALUES rows and CREATE TABLE columns take one line per item,
// subqueries are indented, spacing between tokens is normalised and
// keywords take the case asked for. Every other statement (routines,
// ALTER, psql meta-commands, COPY data, MySQL DELIMITER blocks, anything
// with a token it has no rule for) stays byte for byte as written, save
// for blanks at the ends of its lines outside tokens.
//
// Meaning is kept by construction and then checked: identifiers, literals,
// dollar-quoted bodies and comments are copied byte for byte (a line
// comment always keeps its line end), words change case only where they
// can only be keywords, and the laid-out statement is scanned again and
// must give the same tokens as the original, else it is left as written.
// Formatting is idempotent: the layout depends only on the tokens and on
// whether each comment stood on its own line, which the layout keeps.
package format
