// Package runner runs SQL for the editor: it classifies a statement before
// sending it (read or write, DDL or not: sqltext.Classify), refuses writes
// on read-only connections and UPDATE/DELETE without WHERE unless forced,
// bounds the run by a timeout, cancels a running statement by id, and
// keeps the result of each run as a session that later pages and exports
// come back to. It knows nothing of LSP.
//
// Connections are opened on first use and kept, shared by concurrent runs,
// until idle for five minutes, Reset or Close.
//
// Paging re-runs the statement with the next page through the driver's
// Querier (which skips rows without rewriting the SQL) rather than keeping
// a server cursor open: a cursor pins a pooled connection and a
// transaction for as long as the user reads, which holds locks and blocks
// vacuum and DDL, and dies with the connection anyway. Only statements that
// change nothing are re-run; a write is never repeated.
package runner

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Opener opens a connection argument (a configured name or a URL) and
// reports the parameters it used, as connect.Resolver.Open does.
type Opener func(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error)

// Runner runs statements and keeps their result sessions. It is safe for
// concurrent use.
type Runner struct {
	open Opener
	// keep is how many result sessions are kept; the oldest go first.
	keep int

	mu       sync.Mutex
	limits   Limits
	held     int64 // bytes the kept sessions' results hold (drivers.ResultSize)
	seq      int
	sessions map[string]*session
	order    []string // session ids, oldest first
	running  map[string]context.CancelFunc
	conns    map[string]*pooled // open connections by argument (conns.go)
	gen      int                // Reset count
	idle     *time.Timer        // closes idle connections
}

// New returns a Runner that opens connections with open and keeps the
// last keep result sessions (20 when keep ≤ 0).
func New(open Opener, keep int) *Runner {
	if keep <= 0 {
		keep = 20
	}
	return &Runner{open: open, keep: keep, sessions: map[string]*session{}, running: map[string]context.CancelFunc{},
		conns: map[string]*pooled{}}
}

// Limits bound the memory results take; 0 means no bound.
type Limits struct {
	// Result bounds one result: a run whose rows would hold more fails
	// with an error wrapping drivers.ErrResultTooLarge, its rows dropped
	// as they are read.
	Result int64
	// Cache bounds the results kept as sessions: past it the oldest
	// sessions are dropped (the newest always stays), so that memory
	// returns once they are.
	Cache int64
}

// SetLimits sets the memory bounds of later runs and trims the kept
// sessions to the cache's.
func (r *Runner) SetLimits(l Limits) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.limits = l
	r.trim()
}

// Held is the memory the kept results hold, as drivers.ResultSize
// estimates it.
func (r *Runner) Held() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.held
}

// Request is one run.
type Request struct {
	// ID names the run for Cancel and Next; empty means one is made up.
	// It may hold letters, digits, '.', '_' and '-' (it names files).
	ID string
	// Connection is the connection argument handed to the Opener.
	Connection string
	// Dialect splits and classifies the SQL; empty means the driver's.
	Dialect sqltext.Dialect
	SQL     string
	// Limit is the page size (0: every row); Page is 1-based.
	Limit, Page int
	// Force allows UPDATE and DELETE without WHERE.
	Force bool
	// Timeout bounds the run; 0 means none.
	Timeout time.Duration

	maxBytes int64 // Limits.Result when the run started
}

// Result is one page of a run.
type Result struct {
	ID         string
	Connection string // the redacted connection, for display
	SQL        string
	Class      sqltext.Class
	*drivers.Result
}

// Errors a run is refused with before anything is sent. They are wrapped
// with the statement's verb and the connection.
var (
	ErrReadOnly  = drivers.ErrReadOnly
	ErrUnbounded = errors.New("UPDATE or DELETE without WHERE changes every row; confirm with force")
	ErrTimeout   = errors.New("the statement ran past the query timeout")
	ErrCancelled = errors.New("the statement was cancelled")
	ErrNoSession = errors.New("no such result (it ended or was dropped)")
	ErrRunning   = errors.New("a statement with this id is running")
	ErrBadID     = errors.New("a query id holds only letters, digits, '.', '_' and '-' (at most 64)")
)

// RefusedError is a run refused before it was sent.
type RefusedError struct {
	Verb       string
	Connection string
	Err        error // ErrReadOnly or ErrUnbounded
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("%s on %s: %v", e.Verb, e.Connection, e.Err)
}

func (e *RefusedError) Unwrap() error { return e.Err }

// session is what Next and Export need to come back to a run.
type session struct {
	req   Request
	class sqltext.Class
	label string
	last  *Result
	size  int64 // drivers.ResultSize(last)
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Run classifies, checks and runs req and keeps its result as a session.
func (r *Runner) Run(ctx context.Context, req Request) (*Result, error) {
	ctx, done, err := r.start(ctx, &req)
	if err != nil {
		return nil, err
	}
	defer done()
	pc, err := r.acquireFor(ctx, req)
	if err != nil {
		return nil, err
	}
	defer r.release(pc)
	conn, p := pc.conn, pc.p
	if req.Dialect == "" {
		req.Dialect = sqltext.Dialect(p.Driver)
	}
	class := sqltext.Classify(req.Dialect, req.SQL)
	label := p.String()
	if err := check(class, p, req.Force); err != nil {
		return nil, err
	}
	res, err := run(ctx, conn, p, req)
	if err != nil {
		return nil, r.runError(ctx, req, err)
	}
	out := &Result{ID: req.ID, Connection: label, SQL: req.SQL, Class: class, Result: res}
	r.keepSession(&session{req: req, class: class, label: label, last: out, size: drivers.ResultSize(res)})
	return out, nil
}

// Next runs the session's statement again for the page after the last one
// it returned.
func (r *Runner) Next(ctx context.Context, id string) (*Result, error) {
	s, err := r.session(id)
	if err != nil {
		return nil, err
	}
	if s.class.Write {
		return nil, fmt.Errorf("query %s: %s changes data and is not run again to page", id, s.class.Verb)
	}
	req := s.req
	req.Page = r.lastOf(s).Page + 1
	return r.rerun(ctx, s, req)
}

// All runs the session's statement again for every row, to export them.
// A statement that changes data is not re-run: its last page is returned.
func (r *Runner) All(ctx context.Context, id string) (*Result, error) {
	s, err := r.session(id)
	if err != nil {
		return nil, err
	}
	last := r.lastOf(s)
	if s.class.Write || (!last.HasMore && last.Page <= 1) {
		return last, nil
	}
	req := s.req
	req.Page, req.Limit = 1, 0
	return r.rerun(ctx, s, req)
}

// Last returns the page a session last returned.
func (r *Runner) Last(id string) (*Result, error) {
	s, err := r.session(id)
	if err != nil {
		return nil, err
	}
	return r.lastOf(s), nil
}

// lastOf is the page a session last returned; a concurrent Next may be
// replacing it.
func (r *Runner) lastOf(s *session) *Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return s.last
}

func (r *Runner) rerun(ctx context.Context, s *session, req Request) (*Result, error) {
	ctx, done, err := r.start(ctx, &req)
	if err != nil {
		return nil, err
	}
	defer done()
	pc, err := r.acquireFor(ctx, req)
	if err != nil {
		return nil, err
	}
	defer r.release(pc)
	res, err := run(ctx, pc.conn, pc.p, req)
	if err != nil {
		return nil, r.runError(ctx, req, err)
	}
	out := &Result{ID: req.ID, Connection: s.label, SQL: req.SQL, Class: s.class, Result: res}
	if req.Limit == s.req.Limit {
		r.mu.Lock()
		if r.sessions[s.req.ID] == s {
			r.held += drivers.ResultSize(res) - s.size
			s.size = drivers.ResultSize(res)
			r.trim()
		}
		s.last = out
		r.mu.Unlock()
	}
	return out, nil
}

// Cancel cancels the running statement id; false when none runs.
func (r *Runner) Cancel(id string) bool {
	r.mu.Lock()
	cancel, ok := r.running[id]
	r.mu.Unlock()
	if ok {
		cancel()
	}
	return ok
}

// Running lists the ids of running statements.
func (r *Runner) Running() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.running))
	for id := range r.running {
		out = append(out, id)
	}
	return out
}

// start registers a run under its id (made up when empty) with its
// cancel function and timeout.
func (r *Runner) start(ctx context.Context, req *Request) (context.Context, func(), error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if req.ID == "" {
		r.seq++
		req.ID = "q" + strconv.Itoa(r.seq)
	} else if !idPattern.MatchString(req.ID) {
		return nil, nil, fmt.Errorf("query id %q: %w", req.ID, ErrBadID)
	}
	if _, busy := r.running[req.ID]; busy {
		return nil, nil, fmt.Errorf("query %s: %w", req.ID, ErrRunning)
	}
	var cancel context.CancelFunc
	if req.Timeout > 0 {
		ctx, cancel = context.WithTimeoutCause(ctx, req.Timeout, ErrTimeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	id := req.ID
	req.maxBytes = r.limits.Result
	r.running[id] = func() { cancel() }
	return ctx, func() {
		r.mu.Lock()
		delete(r.running, id)
		r.mu.Unlock()
		cancel()
	}, nil
}

// acquireFor connects for req. A cancel or a timeout that lands while
// connecting is reported as that, not as a failure to connect.
func (r *Runner) acquireFor(ctx context.Context, req Request) (*pooled, error) {
	pc, err := r.acquire(ctx, req.Connection)
	if err != nil && ctx.Err() != nil {
		return nil, r.runError(ctx, req, err)
	}
	return pc, err
}

// runError names why a run ended early: its timeout, a cancel, or the
// database's own error.
func (r *Runner) runError(ctx context.Context, req Request, err error) error {
	switch {
	case errors.Is(context.Cause(ctx), ErrTimeout):
		return fmt.Errorf("query %s: %w (%s)", req.ID, ErrTimeout, req.Timeout)
	case ctx.Err() != nil:
		return fmt.Errorf("query %s: %w", req.ID, ErrCancelled)
	}
	return fmt.Errorf("query %s: %w", req.ID, err)
}

func (r *Runner) session(id string) (*session, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sessions[id]
	if !ok {
		return nil, fmt.Errorf("query %q: %w", id, ErrNoSession)
	}
	return s, nil
}

func (r *Runner) keepSession(s *session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := s.req.ID
	if old, ok := r.sessions[id]; !ok {
		r.order = append(r.order, id)
	} else {
		r.held -= old.size
		// The id is the newest again.
		r.order = append(slices.DeleteFunc(r.order, func(o string) bool { return o == id }), id)
	}
	r.sessions[id] = s
	r.held += s.size
	r.trim()
}

// trim drops the oldest sessions past keep, and past the cache's bytes
// while more than the newest is left. r.mu is held.
func (r *Runner) trim() {
	for len(r.order) > r.keep || r.limits.Cache > 0 && r.held > r.limits.Cache && len(r.order) > 1 {
		if old, ok := r.sessions[r.order[0]]; ok {
			r.held -= old.size
		}
		delete(r.sessions, r.order[0])
		r.order[0] = ""
		r.order = r.order[1:]
	}
}

// check refuses what must not be sent.
func check(c sqltext.Class, p drivers.Params, force bool) error {
	switch {
	case c.Write && p.ReadOnly:
		return &RefusedError{Verb: c.Verb, Connection: p.String(), Err: ErrReadOnly}
	case c.Unbounded && !force:
		return &RefusedError{Verb: c.Verb, Connection: p.String(), Err: ErrUnbounded}
	}
	return nil
}

func run(ctx context.Context, conn drivers.Conn, p drivers.Params, req Request) (*drivers.Result, error) {
	q, ok := conn.(drivers.Querier)
	if !ok {
		return nil, fmt.Errorf("driver %s cannot run queries: %w", p.Driver, drivers.ErrUnsupported)
	}
	res, err := q.Query(ctx, drivers.Request{SQL: req.SQL, Limit: req.Limit, Page: max(req.Page, 1), MaxBytes: req.maxBytes})
	if err == nil && req.maxBytes > 0 && drivers.ResultSize(res) > req.maxBytes {
		// A driver that does not bound its rows itself (an external
		// one): the result is not kept.
		return nil, fmt.Errorf("%w (%d bytes)", drivers.ErrResultTooLarge, req.maxBytes)
	}
	return res, err
}
