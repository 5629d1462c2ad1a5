package server

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// LSP error codes jsonrpc2 does not name.
const (
	// codeRequestCancelled answers a request the client cancelled.
	codeRequestCancelled jsonrpc2.Code = -32800
	// codeRequestFailed answers a well-formed request that failed: a
	// statement the database or a guard refused.
	codeRequestFailed jsonrpc2.Code = -32803
)

// inflight holds the cancel function of every request being answered, by
// its JSON-RPC id, so that $/cancelRequest can end its context: a
// cancelled dbls.executeQuery then cancels its statement on the server.
type inflight struct {
	mu    sync.Mutex
	calls map[string]context.CancelFunc
}

// idKey is the id as JSON text: 7 and "7" are different ids.
func idKey(id jsonrpc2.ID) string {
	b, err := json.Marshal(&id)
	if err != nil {
		return ""
	}
	return string(b)
}

// track derives the request's context and registers its cancel function;
// done unregisters it and releases the context.
func (f *inflight) track(ctx context.Context, id jsonrpc2.ID) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	key := idKey(id)
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]context.CancelFunc{}
	}
	f.calls[key] = cancel
	f.mu.Unlock()
	return ctx, func() {
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		cancel()
	}
}

func (f *inflight) cancel(key string) {
	f.mu.Lock()
	cancel, ok := f.calls[key]
	f.mu.Unlock()
	if ok {
		cancel()
	}
}

// cancelRequest is $/cancelRequest: a request still running is cancelled
// and answered with RequestCancelled; one already answered is ignored.
func (s *Server) cancelRequest(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, p.ID); err != nil {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: $/cancelRequest: invalid id: %v", err)
	}
	s.calls.cancel(compact.String())
	return nil, nil, nil
}

// cancelledReply turns the error of a request whose context the client
// cancelled into the RequestCancelled answer LSP asks for.
func cancelledReply(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && context.Cause(ctx) == context.Canceled {
		return jsonrpc2.NewError(codeRequestCancelled, "dbls: request cancelled")
	}
	return err
}
