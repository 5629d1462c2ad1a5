package external

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbls/dbls/server/plugin"
)

// Options tune a Client. Zero values take the defaults in brackets.
type Options struct {
	// Log receives the plugin's stderr, line by line under its id, and
	// lifecycle notes. Params are never logged: they carry passwords.
	Log io.Writer
	// Version is dbls's version, sent in initialize.
	Version string
	// Config is the plugin's [plugins.NAME] table, sent in initialize.
	Config map[string]any
	// CallTimeout bounds a call whose context has no deadline [30s].
	CallTimeout time.Duration
	// StartTimeout bounds starting the process and the handshake [10s].
	StartTimeout time.Duration
	// Backoff is the delay before the first restart after a crash; it
	// doubles with each crash in a row up to MaxBackoff [100ms, 5s].
	Backoff, MaxBackoff time.Duration
	// BreakerCrashes crashes in a row open the circuit breaker: no restart
	// is tried for BreakerCooldown [5, 30s].
	BreakerCrashes  int
	BreakerCooldown time.Duration
	// MaxUnsolicited messages in a row that answer no call (notifications,
	// requests, answers to unknown or already answered ids) mark a plugin
	// as flooding: it is killed, and restarted as after a crash [100].
	MaxUnsolicited int
}

func (o *Options) defaults() {
	if o.Log == nil {
		o.Log = io.Discard
	}
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&o.CallTimeout, 30*time.Second)
	set(&o.StartTimeout, 10*time.Second)
	set(&o.Backoff, 100*time.Millisecond)
	set(&o.MaxBackoff, 5*time.Second)
	set(&o.BreakerCooldown, 30*time.Second)
	if o.BreakerCrashes <= 0 {
		o.BreakerCrashes = 5
	}
	if o.MaxUnsolicited <= 0 {
		o.MaxUnsolicited = 100
	}
}

// ErrCrashed is wrapped by the error of a call whose plugin process died.
var ErrCrashed = fmt.Errorf("plugin process exited: %w", plugin.ErrFault)

// ErrCircuitOpen is wrapped by calls refused while the breaker is open.
var ErrCircuitOpen = errors.New("plugin circuit breaker open")

// ErrIncompatible is wrapped when the handshake finds a protocol mismatch.
var ErrIncompatible = errors.New("plugin incompatible")

// RemoteError is an error the plugin answered with.
type RemoteError struct {
	Plugin  string
	Method  string
	Code    int64
	Message string
	Data    json.RawMessage
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("plugin %s: %s: %s", e.Plugin, e.Method, e.Message)
}

// InitializeResult is the plugin's answer to initialize.
type InitializeResult struct {
	ProtocolVersion int          `json:"protocolVersion"`
	Name            string       `json:"name"`
	Version         string       `json:"version"`
	Capabilities    Capabilities `json:"capabilities"`
}

// Client talks to one external plugin, starting its process on first use
// and again after a crash.
type Client struct {
	m    *Manifest
	opts Options

	mu           sync.Mutex
	proc         *process
	gen          int
	crashes      int // in a row, reset by a successful call
	lastCrash    time.Time
	openUntil    time.Time
	incompatible error
	closed       bool
	init         InitializeResult

	// health, when set (by Load), vets every call and hears its outcome:
	// the host disables a plugin whose driver keeps crashing, as it does
	// for commands.
	health Health
}

// Health is the host's view of a plugin, for calls that do not go through
// the host.
type Health interface {
	Usable(id string) error
	Report(ctx context.Context, id string, err error)
}

// NewClient returns a client for m; nothing starts until the first call.
func NewClient(m *Manifest, opts Options) *Client {
	opts.defaults()
	return &Client{m: m, opts: opts}
}

// Manifest is the plugin's manifest.
func (c *Client) Manifest() *Manifest { return c.m }

// Generation counts process starts: state a caller keeps in the plugin
// (an open connection) is lost when it changes.
func (c *Client) Generation() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Pid is the running process's id, 0 when none runs.
func (c *Client) Pid() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.proc == nil {
		return 0
	}
	return c.proc.cmd.Process.Pid
}

// Start starts the process (if it is not running) and returns the
// handshake's answer.
func (c *Client) Start(ctx context.Context) (InitializeResult, error) {
	if _, err := c.ensure(ctx); err != nil {
		return InitializeResult{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.init, nil
}

// Call sends a request and decodes its result into result (which may be
// nil). Without a deadline in ctx it gets CallTimeout. When ctx ends first,
// the plugin is sent $/cancelRequest and Call returns ctx's error.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	if c.health != nil {
		id := c.m.Descriptor().ID
		if err := c.health.Usable(id); err != nil {
			return err
		}
		err := c.call(ctx, method, params, result)
		var re *RemoteError
		if !errors.As(err, &re) {
			c.health.Report(ctx, id, err)
		}
		return err
	}
	return c.call(ctx, method, params, result)
}

func (c *Client) call(ctx context.Context, method string, params, result any) error {
	p, err := c.ensure(ctx)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.CallTimeout)
		defer cancel()
	}
	resp, err := p.call(ctx, method, params)
	if err != nil {
		return fmt.Errorf("plugin %s: %s: %w", c.m.ID, method, err)
	}
	c.mu.Lock()
	c.crashes = 0
	c.mu.Unlock()
	if e := resp.Err(); e != nil {
		re := &RemoteError{Plugin: c.m.ID, Method: method, Message: e.Error()}
		var je *jsonrpc2.Error
		if errors.As(e, &je) {
			re.Code = int64(je.Code)
			if je.Data != nil {
				re.Data = *je.Data
			}
		}
		return re
	}
	if result == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Result(), result); err != nil {
		return fmt.Errorf("plugin %s: %s: bad result: %v: %w", c.m.ID, method, err, plugin.ErrFault)
	}
	return nil
}

// ensure returns the running process, starting it when none runs: after
// the backoff that follows a crash, and not while the breaker is open.
func (c *Client) ensure(ctx context.Context) (*process, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.closed:
		return nil, fmt.Errorf("plugin %s: closed", c.m.ID)
	case c.incompatible != nil:
		return nil, c.incompatible
	case c.proc != nil:
		if c.proc.broken.Load() {
			// Killed for breaking the protocol: wait for the end, restart.
			select {
			case <-c.proc.done:
			case <-ctx.Done():
				return nil, fmt.Errorf("plugin %s: waiting for its killed process to end: %w", c.m.ID, ctx.Err())
			}
		}
		select {
		case <-c.proc.done:
			// Exited, and its watcher has not run yet: count the crash here.
			c.proc = nil
			c.crashedLocked()
		default:
			return c.proc, nil
		}
	}
	now := time.Now()
	if now.Before(c.openUntil) {
		return nil, fmt.Errorf("plugin %s crashed %d times in a row; no restart before %s: %w (%w)",
			c.m.ID, c.crashes, c.openUntil.Format(time.TimeOnly), ErrCircuitOpen, plugin.ErrFault)
	}
	if c.crashes > 0 {
		wait := c.opts.Backoff << min(c.crashes-1, 16)
		wait = min(wait, c.opts.MaxBackoff)
		if d := time.Until(c.lastCrash.Add(wait)); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return nil, fmt.Errorf("plugin %s: waiting to restart: %w", c.m.ID, ctx.Err())
			}
		}
	}
	p, init, err := c.start(ctx)
	if err != nil {
		if errors.Is(err, ErrIncompatible) {
			c.incompatible = err
			return nil, err
		}
		c.crashedLocked()
		return nil, fmt.Errorf("%w (%w)", err, plugin.ErrFault)
	}
	c.proc, c.init = p, init
	c.gen++
	go func() {
		<-p.done
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.proc == p {
			c.proc = nil
			if !c.closed {
				fmt.Fprintf(c.opts.Log, "plugin %s: process exited: %v\n", c.m.ID, p.exitErr)
				c.crashedLocked()
			}
		}
	}()
	return p, nil
}

func (c *Client) crashedLocked() {
	c.crashes++
	c.lastCrash = time.Now()
	if c.crashes >= c.opts.BreakerCrashes {
		c.openUntil = c.lastCrash.Add(c.opts.BreakerCooldown)
	}
}

type initializeParams struct {
	ProtocolVersion int            `json:"protocolVersion"`
	DBLSVersion     string         `json:"dblsVersion"`
	ProcessID       int            `json:"processId"`
	Config          map[string]any `json:"config,omitempty"`
}

func (c *Client) start(ctx context.Context) (*process, InitializeResult, error) {
	var init InitializeResult
	argv, err := c.m.Command()
	if err != nil {
		return nil, init, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.StartTimeout)
	defer cancel()
	p, err := spawn(c.m, argv, c.opts)
	if err != nil {
		return nil, init, err
	}
	resp, err := p.call(ctx, "initialize", initializeParams{ProtocolVersion: ProtocolVersion, DBLSVersion: c.opts.Version,
		ProcessID: os.Getpid(), Config: c.opts.Config})
	if err == nil && resp.Err() != nil {
		err = resp.Err()
	}
	if err == nil {
		err = json.Unmarshal(resp.Result(), &init)
	}
	if err != nil {
		p.kill()
		return nil, init, fmt.Errorf("plugin %s: initialize: %w", c.m.ID, err)
	}
	if init.ProtocolVersion != ProtocolVersion {
		p.kill()
		return nil, init, fmt.Errorf("plugin %s answered the handshake with protocol %d, this dbls speaks protocol %d: %w",
			c.m.ID, init.ProtocolVersion, ProtocolVersion, ErrIncompatible)
	}
	return p, init, nil
}

// Close ends the plugin: stdin is closed (the plugin exits on EOF), and
// whatever of its process group is left when ctx ends is killed.
func (c *Client) Close(ctx context.Context) error {
	c.mu.Lock()
	c.closed = true
	p := c.proc
	c.proc = nil
	c.mu.Unlock()
	if p == nil {
		return nil
	}
	p.stdin.Close()
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
	}
	p.kill()
	<-p.done
	return fmt.Errorf("plugin %s did not exit on end of input: killed: %w", c.m.ID, ctx.Err())
}

// process is one run of the plugin's executable.
type process struct {
	id     string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stream jsonrpc2.Stream

	wmu     sync.Mutex
	pmu     sync.Mutex
	next    int32
	pending map[jsonrpc2.ID]chan *jsonrpc2.Response
	// late are the calls given up on (deadline, cancel): one answer each
	// is still allowed, and ignored.
	late map[jsonrpc2.ID]struct{}
	// unsolicited counts messages in a row that answered no call.
	unsolicited    int
	maxUnsolicited int
	log            io.Writer

	// marker is the value of MarkerEnv in the plugin's environment, which
	// its descendants inherit: how kill finds those that left its process
	// group.
	marker string
	reaped atomic.Bool // the process was waited for: its pid may be reused
	broken atomic.Bool // its stdout ended or flooded: it is being killed

	done    chan struct{}
	exitErr error
}

type stdio struct {
	io.Reader
	io.WriteCloser
}

// MarkerEnv is set in every plugin process's environment to a value of its
// own; on Linux, stopping the plugin kills every process that still carries
// it (see plugin-protocol.md, "Exit").
const MarkerEnv = "DBLS_PLUGIN_RUN"

func spawn(m *Manifest, argv []string, opts Options) (*process, error) {
	log := opts.Log
	var rnd [12]byte
	rand.Read(rnd[:])
	marker := m.ID + "-" + hex.EncodeToString(rnd[:])
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = m.Dir
	cmd.Env = append(os.Environ(), MarkerEnv+"="+marker)
	setProcessGroup(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("plugin %s: start %s: %w", m.ID, argv[0], err)
	}
	p := &process{id: m.ID, cmd: cmd, stdin: stdin, stream: jsonrpc2.NewStream(stdio{stdout, stdin}),
		pending: map[jsonrpc2.ID]chan *jsonrpc2.Response{}, late: map[jsonrpc2.ID]struct{}{},
		maxUnsolicited: opts.MaxUnsolicited, log: log, marker: marker, done: make(chan struct{})}
	logged := make(chan struct{})
	go func() {
		defer close(logged)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			fmt.Fprintf(log, "plugin %s: %s\n", m.ID, sc.Text())
		}
	}()
	read := make(chan struct{})
	go func() {
		defer close(read)
		p.read()
		// stdout closed with the process alive is as broken as a crash.
		p.broken.Store(true)
		p.kill()
	}()
	go func() {
		// Wait sees the exit even when a child of the plugin still holds
		// its stdout; killing the group then lets the pipes close.
		p.exitErr = cmd.Wait()
		p.reaped.Store(true)
		p.kill()
		<-read
		<-logged
		p.pmu.Lock()
		for id, ch := range p.pending {
			close(ch)
			delete(p.pending, id)
		}
		p.pmu.Unlock()
		close(p.done)
	}()
	return p, nil
}

// read dispatches responses until the plugin's stdout ends, or until the
// plugin floods: MaxUnsolicited messages in a row that answer no call (a
// plugin still talking after its call timed out, say). Then it stops
// reading, and its caller kills the plugin.
func (p *process) read() {
	for {
		msg, _, err := p.stream.Read(context.Background())
		if err != nil {
			return
		}
		var ch chan *jsonrpc2.Response
		answer := false
		p.pmu.Lock()
		if r, ok := msg.(*jsonrpc2.Response); ok {
			ch, answer = p.pending[r.ID()]
			delete(p.pending, r.ID())
			if _, late := p.late[r.ID()]; late {
				delete(p.late, r.ID())
				answer = true
			}
		}
		if answer {
			p.unsolicited = 0
		} else {
			p.unsolicited++
		}
		flooding := p.unsolicited >= p.maxUnsolicited
		p.pmu.Unlock()
		if flooding {
			fmt.Fprintf(p.log, "plugin %s: sent %d messages in a row that answer no request: killed\n", p.id, p.maxUnsolicited)
			return
		}
		switch m := msg.(type) {
		case *jsonrpc2.Response:
			if ch != nil {
				ch <- m
			}
		case *jsonrpc2.Call:
			// The protocol has no requests from plugin to dbls.
			resp, _ := jsonrpc2.NewResponse(m.ID(), nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "dbls answers no requests"))
			p.write(resp)
		}
	}
}

func (p *process) write(msg jsonrpc2.Message) error {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	_, err := p.stream.Write(context.Background(), msg)
	return err
}

func (p *process) call(ctx context.Context, method string, params any) (*jsonrpc2.Response, error) {
	p.pmu.Lock()
	p.next++
	id := jsonrpc2.NewNumberID(p.next)
	ch := make(chan *jsonrpc2.Response, 1)
	p.pending[id] = ch
	p.pmu.Unlock()
	select {
	case <-p.done:
		return nil, ErrCrashed
	default:
	}
	req, err := jsonrpc2.NewCall(id, method, params)
	if err != nil {
		return nil, err
	}
	if err := p.write(req); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCrashed, err)
	}
	select {
	case resp, ok := <-ch:
		if !ok {
			return nil, ErrCrashed
		}
		return resp, nil
	case <-ctx.Done():
		p.pmu.Lock()
		if _, waiting := p.pending[id]; waiting {
			delete(p.pending, id)
			p.late[id] = struct{}{}
		}
		p.pmu.Unlock()
		if n, err := jsonrpc2.NewNotification("$/cancelRequest", map[string]any{"id": &id}); err == nil {
			// A plugin that does not read its input must not hold the
			// caller past its deadline.
			go p.write(n)
		}
		return nil, ctx.Err()
	}
}
