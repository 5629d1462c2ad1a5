package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/drivers/connect/saved"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plantext"
)

// The migration preview document: the plan of dbls.compareSchemas as
// commented SQL, one block per item, written under the user cache
// directory and shown with window/showDocument. The server remembers, per
// session, what each preview compared, so that its lenses apply items
// without carrying connections (or passwords) in their arguments.

// preview remembers, for the session, what a preview document compared,
// so that its lenses can apply items without writing connection URLs (and
// any password in them) into the file.
type preview struct {
	args        compareArgs
	destructive map[string]bool
}

// previewDir is where preview documents are written.
func previewDir() (string, error) {
	dir, err := dirs.Cache()
	if err != nil {
		return "", fmt.Errorf("no cache directory for the migration preview: %w", err)
	}
	return filepath.Join(dir, "previews"), nil
}

// writePreview writes the plan as commented SQL (see plantext), under a
// header that binds the document to the target. The file is named after
// the pair compared, so comparing again rewrites it.
func writePreview(a compareArgs, res CompareResult, lang string) (string, error) {
	dir, err := previewDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("migration preview: %w", err)
	}
	sum := sha256.Sum256([]byte(a.sourceName() + "\x00" + a.Target + "\x00" + a.Dev))
	path := filepath.Join(dir, "migration-"+safeName(res.Target)+"-"+hex.EncodeToString(sum[:4])+".sql")
	var b strings.Builder
	if clean, pw := saved.SplitPassword(a.Target); pw == "" && clean == a.Target {
		// Bound to the target, so completion and diagnostics know it.
		fmt.Fprintf(&b, "-- dbls: connection=%s\n", a.Target)
	}
	fmt.Fprintf(&b, "-- %s: %s\n", i18n.T(lang, "compare.preview.title"), i18n.T(lang, "compare.preview.from", res.Target, res.Source))
	if len(res.Items)+len(res.Notes) > 0 {
		fmt.Fprintf(&b, "-- %s\n\n", i18n.T(lang, "compare.preview.help"))
	}
	items := make([]plantext.Item, 0, len(res.Items))
	for _, it := range res.Items {
		items = append(items, plantext.Item{ID: it.ID, Label: it.Label, Changes: it.Changes, SQL: it.SQL,
			Destructive: it.Destructive, Selected: it.Selected, Error: it.Error})
	}
	if err := plantext.Write(&b, items, res.Notes, lang); err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return "", fmt.Errorf("migration preview: %w", err)
	}
	return path, nil
}

// safeName keeps a readable, file-name-safe part of a label.
func safeName(label string) string {
	var b strings.Builder
	for _, r := range label {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "_")
}

// showPreview asks the client to open a document; a client without
// window/showDocument still has the URI in the reply.
func (s *Server) showPreview(docURI string) {
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	var res struct {
		Success bool `json:"success"`
	}
	if _, err := s.conn.Call(ctx, "window/showDocument", protocol.ShowDocumentParams{URI: protocol.URI(docURI), TakeFocus: true}, &res); err != nil {
		s.logger.Printf("window/showDocument %s: %v", docURI, err)
	}
}

func (s *Server) previewOf(docURI string) (preview, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pv, ok := s.previews[docURI]
	return pv, ok
}

// updatePreview rewrites the preview a sync came from with what remains,
// on disk and, when the document is open, in the editor.
func (s *Server) updatePreview(a compareArgs, res CompareResult) {
	lang := s.language()
	a.Items = nil
	path, err := writePreview(a, res, lang)
	if err != nil {
		s.logger.Print(err)
		return
	}
	docURI := string(uri.File(path))
	s.remember(docURI, a, res.Items)
	doc, ok := s.docs.get(docURI)
	if !ok {
		return
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return
	}
	endLine, endChar := PositionOf(doc.Text, len(doc.Text))
	edit := protocol.ApplyWorkspaceEditParams{Label: i18n.T(lang, "compare.preview.title"), Edit: protocol.WorkspaceEdit{
		Changes: map[protocol.DocumentURI][]protocol.TextEdit{protocol.DocumentURI(docURI): {{
			Range:   protocol.Range{End: protocol.Position{Line: endLine, Character: endChar}},
			NewText: string(text),
		}}},
	}}
	s.spawn(func() {
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if _, err := s.conn.Call(ctx, "workspace/applyEdit", edit, nil); err != nil {
			s.logger.Printf("workspace/applyEdit %s: %v", docURI, err)
		}
	})
}

// remember keeps what a preview compared, for its lenses.
func (s *Server) remember(docURI string, a compareArgs, items []PlanItem) {
	pv := preview{args: a, destructive: map[string]bool{}}
	pv.args.Items, pv.args.NoPreview, pv.args.Preview, pv.args.URI = nil, false, "", docURI
	for _, it := range items {
		pv.destructive[it.ID] = it.Destructive
	}
	s.mu.Lock()
	if s.previews == nil {
		s.previews = map[string]preview{}
	}
	s.previews[docURI] = pv
	s.mu.Unlock()
}

// bufferSource writes the text of an open schema file to a copy that the
// compare reads, so that the editor's unsaved text is what is compared —
// and what the preview's lenses apply later, even after further edits.
func bufferSource(path, text string) (string, error) {
	dir, err := previewDir()
	if err != nil {
		return "", err
	}
	dir = filepath.Join(filepath.Dir(dir), "sources")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("schema file copy: %w", err)
	}
	sum := sha256.Sum256([]byte(path))
	copyPath := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+"-"+hex.EncodeToString(sum[:4])+".sql")
	if err := os.WriteFile(copyPath, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("schema file copy: %w", err)
	}
	return copyPath, nil
}
