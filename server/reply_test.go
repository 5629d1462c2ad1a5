package server

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestReplyToUnencodable: a result JSON cannot hold becomes an error reply
// that names the method, rather than no reply at all.
func TestReplyToUnencodable(t *testing.T) {
	var gotResult any
	var gotErr error
	reply := func(_ context.Context, result any, err error) error {
		gotResult, gotErr = result, err
		return nil
	}
	cases := []struct {
		result  any
		wantErr string
		want    string
	}{
		{map[string]float64{"x": math.NaN()}, "textDocument/hover: cannot encode the result", ""},
		{map[string]int{"x": 1}, "", `{"x":1}`},
		{nil, "", ""},
	}
	for _, c := range cases {
		gotResult, gotErr = nil, nil
		if err := replyTo(context.Background(), reply, "textDocument/hover", c.result, nil); err != nil {
			t.Fatal(err)
		}
		switch {
		case c.wantErr != "":
			if gotErr == nil || !strings.Contains(gotErr.Error(), c.wantErr) {
				t.Errorf("%v: error %v, want %q", c.result, gotErr, c.wantErr)
			}
		case gotErr != nil:
			t.Errorf("%v: unexpected error %v", c.result, gotErr)
		case c.want != "":
			if raw, ok := gotResult.(json.RawMessage); !ok || string(raw) != c.want {
				t.Errorf("%v: result %v, want %s", c.result, gotResult, c.want)
			}
		}
	}
}
