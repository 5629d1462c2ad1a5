package server

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbls/dbls/server/plugin"
)

// A command implements one dbls.* workspace command. args are the
// arguments exactly as the client sent them; most commands take one JSON
// object, decoded with objectArg. Like a handler, it answers at once
// (result, err) or returns async, whose outcome is the reply.
type command func(s *Server, ctx context.Context, args []json.RawMessage) (result any, async func() (any, error), err error)

// commands holds the built-in workspace commands. Each file that
// implements commands registers them in its init, so that adding one never
// touches a central switch.
var commands = map[string]command{}

// registerCommand adds a built-in command. A name registered twice panics.
func registerCommand(name string, c command) {
	if !strings.HasPrefix(name, "dbls.") {
		panic(fmt.Sprintf("server: command %q is not in the dbls. namespace", name))
	}
	if _, dup := commands[name]; dup {
		panic(fmt.Sprintf("server: command %q registered twice", name))
	}
	commands[name] = c
}

// Commands lists every workspace command, built in or from an enabled
// plugin of plugins (nil: built in only), sorted, as a server with that
// host advertises in executeCommandProvider.
func Commands(plugins *plugin.Host) []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	for _, n := range pluginCommandNames(plugins) {
		if _, builtin := commands[n]; !builtin {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

type executeCommandParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments"`
}

func (s *Server) executeCommand(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p executeCommandParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	c, ok := commands[p.Command]
	if !ok {
		if async, ok := s.runPluginCommand(ctx, p.Command, p.Arguments); ok {
			return nil, async, nil
		}
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: unknown command %q (known: %s)", p.Command, strings.Join(Commands(s.opts.Plugins), ", "))
	}
	res, async, err := c(s, ctx, p.Arguments)
	if async != nil {
		inner := async
		async = func() (any, error) {
			res, err := inner()
			return res, commandError(err)
		}
	}
	return res, async, commandError(err)
}

// objectArg decodes the first argument of a command into v (a pointer to a
// struct). No argument leaves v as it is; anything but a JSON object is an
// InvalidParams error that shows the expected shape.
func objectArg(name string, args []json.RawMessage, v any, shape string) error {
	if len(args) == 0 || string(args[0]) == "null" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(args[0])))
	if err := dec.Decode(v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: want %s: %v", name, shape, err)
	}
	return nil
}
