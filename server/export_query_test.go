package server

import (
	"context"
	"errors"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

func TestCancelRequestByID(t *testing.T) {
	var f inflight
	for _, tc := range []struct {
		id   jsonrpc2.ID
		sent string // the id as $/cancelRequest carries it
	}{
		{jsonrpc2.NewNumberID(7), "7"},
		{jsonrpc2.NewStringID("cancel-me"), `"cancel-me"`},
	} {
		ctx, done := f.track(context.Background(), tc.id)
		other, doneOther := f.track(context.Background(), jsonrpc2.NewStringID("7"))
		f.cancel(tc.sent)
		if ctx.Err() == nil {
			t.Fatalf("$/cancelRequest %s did not cancel its request", tc.sent)
		}
		if other.Err() != nil {
			t.Fatalf("$/cancelRequest %s cancelled another request", tc.sent)
		}
		var je *jsonrpc2.Error
		if err := cancelledReply(ctx, errors.New("statement cancelled")); !errors.As(err, &je) || je.Code != codeRequestCancelled {
			t.Fatalf("reply to a cancelled request: %v", err)
		}
		if err := cancelledReply(other, errors.New("boom")); err == nil || errors.As(err, &je) {
			t.Fatalf("reply to a live request: %v", err)
		}
		done()
		doneOther()
		if len(f.calls) != 0 {
			t.Fatalf("requests left tracked: %v", f.calls)
		}
	}
}
