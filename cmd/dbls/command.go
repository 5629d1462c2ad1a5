package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/drivers/connect/store"
	"github.com/dbls/dbls/server"
	"github.com/dbls/dbls/server/plugin"
)

// newCommandCmd runs one workspace command through a language server held
// in this process, so that everything an editor can do is scriptable with
// exactly the editor's semantics: same arguments, same results, same
// errors.
func newCommandCmd(a *app) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "command NAME [JSON]",
		Short: "Run a dbls.* workspace command as an editor would and print its JSON result",
		Long: `command runs one of the language server's workspace commands (see
docs/commands.md, or "dbls command --list") and prints its result as JSON.
The argument is the command's JSON object; the working directory is the
workspace, so its .dbls.toml applies.

With --file, that file is opened as the editor's document first and its URI
is put in the argument as "uri" unless the argument names one: commands
that act on a document (executeQuery with "statement" or "range", Compare
with a schema file …) then work on the file as it is on disk.

  dbls command dbls.listObjects '{"connection": "shop"}'
  dbls command dbls.executeQuery --file report.sql '{"statement": 0}'
  dbls command dbls.compareSchemas '{"source": "schema.sql", "target": "shop"}'`,
		Args: cobra.RangeArgs(0, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if list, _ := cmd.Flags().GetBool("list"); list {
				for _, c := range server.Commands(a.plugins) {
					fmt.Fprintln(cmd.OutOrStdout(), c)
				}
				return nil
			}
			if len(args) == 0 {
				return errors.New("command: name the command (dbls command --list shows them)")
			}
			arg := json.RawMessage("{}")
			if len(args) == 2 {
				arg = json.RawMessage(args[1])
				var obj map[string]any
				if err := json.Unmarshal(arg, &obj); err != nil {
					return fmt.Errorf("command %s: the argument must be a JSON object: %w", args[0], err)
				}
			}
			res, err := runServerCommand(cmd, a.plugins, args[0], arg, file)
			if err != nil {
				return err
			}
			out, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(out))
			return err
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "open this file as the document the command acts on")
	cmd.Flags().Bool("list", false, "list the workspace commands")
	return cmd
}

// openServerStore opens the snapshot cache and saved connections for a
// server; without one the server still works, it only starts cold.
func openServerStore(cmd *cobra.Command) *store.Store {
	path := globals.storeFile
	if path == "" {
		path = store.DefaultPath()
	}
	st, err := store.Open(cmd.Context(), path)
	if err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "dbls: warning: no snapshot cache or saved connections:", err)
		return nil
	}
	return st
}

type pipeEnds struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipeEnds) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

// runServerCommand starts a server on in-memory pipes, opens file (if
// any), runs the command, and shuts the server down.
func runServerCommand(cmd *cobra.Command, plugins *plugin.Host, name string, arg json.RawMessage, file string) (json.RawMessage, error) {
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	stderr := cmd.ErrOrStderr()
	st := openServerStore(cmd)
	if st != nil {
		defer st.Close()
	}
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	served := make(chan error, 1)
	go func() {
		served <- server.Serve(ctx, toServer, fromServer, server.Options{
			Store: st, ProjectConfig: globals.configFile, Log: io.Discard, Version: version, Plugins: plugins,
		})
		fromServer.Close()
	}()
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(pipeEnds{Reader: toClient, Writer: fromClient,
		closers: []io.Closer{toClient, fromClient}}))
	conn.Go(ctx, cliClient(stderr))
	defer func() {
		conn.Close()
		<-served
	}()

	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	root := string(uri.File(wd))
	init := map[string]any{
		"processId": os.Getpid(), "rootUri": root, "locale": os.Getenv("LANG"),
		"workspaceFolders": []map[string]string{{"uri": root, "name": filepath.Base(wd)}},
		"capabilities":     map[string]any{},
	}
	if _, err := conn.Call(ctx, "initialize", init, nil); err != nil {
		return nil, fmt.Errorf("command %s: starting the server: %w", name, err)
	}
	if err := conn.Notify(ctx, "initialized", map[string]any{}); err != nil {
		return nil, err
	}
	if file != "" {
		if arg, err = openForCommand(ctx, conn, file, arg); err != nil {
			return nil, fmt.Errorf("command %s: %w", name, err)
		}
	}
	var res json.RawMessage
	_, callErr := conn.Call(ctx, "workspace/executeCommand",
		map[string]any{"command": name, "arguments": []json.RawMessage{arg}}, &res)
	conn.Call(ctx, "shutdown", nil, nil) //nolint:errcheck // the result is what matters
	conn.Notify(ctx, "exit", nil)        //nolint:errcheck
	if callErr != nil {
		// The server's messages carry its own "dbls: " prefix; main adds one.
		return nil, errors.New(strings.TrimPrefix(callErr.Error(), "dbls: "))
	}
	return res, nil
}

// openForCommand opens file as a document and names it in the argument.
func openForCommand(ctx context.Context, conn jsonrpc2.Conn, file string, arg json.RawMessage) (json.RawMessage, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	docURI := string(uri.File(abs))
	if err := conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": docURI, "languageId": "sql", "version": 1, "text": string(text)}}); err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(arg, &obj); err != nil {
		return nil, err
	}
	if _, ok := obj["uri"]; !ok {
		obj["uri"], _ = json.Marshal(docURI)
	}
	return json.Marshal(obj)
}

// cliClient answers what the server asks of its client: messages go to
// stderr, documents it would show are named there, edits are declined.
func cliClient(stderr io.Writer) jsonrpc2.Handler {
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		var p struct {
			Type    int    `json:"type"`
			Message string `json:"message"`
			URI     string `json:"uri"`
		}
		json.Unmarshal(req.Params(), &p) //nolint:errcheck // best effort: a notice
		switch req.Method() {
		case "window/showMessage":
			if p.Type <= 2 { // errors and warnings; info is the editor's business
				fmt.Fprintln(stderr, p.Message)
			}
		case "window/showDocument":
			fmt.Fprintln(stderr, "dbls: document:", p.URI)
			return reply(ctx, map[string]bool{"success": true}, nil)
		case "workspace/applyEdit":
			return reply(ctx, map[string]bool{"applied": false}, nil)
		}
		if _, isCall := req.(*jsonrpc2.Call); isCall {
			return reply(ctx, nil, nil)
		}
		return nil
	}
}
