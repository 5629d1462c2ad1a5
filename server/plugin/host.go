package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Masterminds/semver/v3"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/i18n"
)

// State is where a plugin stands in this run.
type State string

// The states `dbls plugins` and dbls.listPlugins report.
const (
	StateEnabled      State = "enabled"
	StateDisabled     State = "disabled"     // by configuration
	StateFailed       State = "failed"       // kept failing, or failed to activate: off for this run
	StateIncompatible State = "incompatible" // wrong dbls or protocol version
)

// ErrFault is wrapped by errors that count against a plugin's health (a
// crash of its process, a broken reply), as panics and missed deadlines do.
// Ordinary errors — a bad argument — do not.
var ErrFault = errors.New("plugin fault")

// ErrUnavailable is wrapped by calls into a plugin that is not enabled.
var ErrUnavailable = errors.New("plugin unavailable")

// Compatibler is a plugin that can tell, before use, that it cannot work
// with this dbls (an external plugin speaking another protocol version).
type Compatibler interface {
	Compatible() error
}

// Sourcer is a plugin that says where it comes from (an external plugin's
// folder); built-ins are "builtin".
type Sourcer interface {
	Source() string
}

// Options configure a Host.
type Options struct {
	// Version is dbls's own version. A version that is not semver (a "dev"
	// build) satisfies every MinDBLS constraint.
	Version string
	// Config is the [plugins] table: name = bool enables or disables,
	// [plugins.NAME] is a plugin's settings (and leaves it enabled unless it
	// says enabled = false).
	Config map[string]any
	// Notify tells the user something once: LSP window/showMessage, or the
	// CLI's stderr. Nil discards.
	Notify func(msg string)
	// Language is the user's locale for Notify messages.
	Language string
	// Log is the operator's log; nil discards.
	Log io.Writer
	// CallTimeout bounds every call into a plugin; 0 means 30s.
	CallTimeout time.Duration
	// MaxFailures is how many faults in a row disable a plugin; 0 means 3.
	MaxFailures int
	// Services are the read-only services plugins get; nil means none.
	Services Services
}

// Info describes a plugin for listings.
type Info struct {
	Descriptor
	Source       string   `json:"source"`
	State        State    `json:"state"`
	Reason       string   `json:"reason,omitempty"`
	Capabilities []string `json:"capabilities"`
	Commands     []string `json:"commands,omitempty"`
	Formats      []string `json:"formats,omitempty"`
}

// Host runs plugins: it decides which are enabled, activates each on first
// use, and isolates every call (panic recovery, a deadline, a fault count
// that disables a plugin which keeps failing).
type Host struct {
	opts     Options
	bus      Bus
	services atomic.Pointer[Services]

	mu      sync.RWMutex
	entries []*entry // sorted by ID
}

type entry struct {
	h *Host
	p Plugin
	d Descriptor

	mu       sync.Mutex
	state    State
	reason   string
	active   bool
	failures int

	subMu  sync.Mutex
	unsubs []func()
}

// NewHost returns a host of every registered built-in plugin.
func NewHost(opts Options) *Host {
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = 30 * time.Second
	}
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = 3
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Notify == nil {
		opts.Notify = func(string) {}
	}
	if opts.Services == nil {
		opts.Services = noServices{}
	}
	h := &Host{opts: opts}
	for _, p := range Registered() {
		h.entries = append(h.entries, h.newEntry(p))
	}
	return h
}

// Add adds a plugin found at run time (an external plugin). Its state is
// decided as for built-ins; an invalid or duplicate descriptor is an error.
func (h *Host) Add(p Plugin) error {
	d := p.Descriptor()
	if err := d.validate(); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, e := range h.entries {
		if e.d.ID == d.ID || e.d.Key() == d.Key() {
			return fmt.Errorf("plugin %s: ID or key %q already used by %s", d.ID, d.Key(), e.d.ID)
		}
	}
	h.entries = append(h.entries, h.newEntry(p))
	slices.SortFunc(h.entries, func(a, b *entry) int { return strings.Compare(a.d.ID, b.d.ID) })
	return nil
}

func (h *Host) newEntry(p Plugin) *entry {
	e := &entry{h: h, p: p, d: p.Descriptor(), state: StateEnabled}
	if !h.enabled(e.d.Key()) {
		e.state = StateDisabled
		e.reason = "disabled in [plugins]"
	} else if err := h.compatible(p, e.d); err != nil {
		e.state = StateIncompatible
		e.reason = err.Error()
	}
	return e
}

func (h *Host) enabled(key string) bool {
	switch v := h.opts.Config[key].(type) {
	case bool:
		return v
	case map[string]any:
		if on, ok := v["enabled"].(bool); ok {
			return on
		}
	}
	return true
}

// Compatible checks a descriptor's MinDBLS against this dbls's version.
func Compatible(d Descriptor, version string) error {
	if d.MinDBLS == "" {
		return nil
	}
	c, err := semver.NewConstraint(d.MinDBLS)
	if err != nil {
		return fmt.Errorf("plugin %s: its minimum dbls version %q is not a semver constraint: %w", d.ID, d.MinDBLS, err)
	}
	v, err := semver.NewVersion(strings.TrimPrefix(version, "v"))
	if err != nil {
		return nil // a development build: let the plugin try
	}
	// A build after a tag (0.3.0-5-gabc) counts as that release: semver
	// would otherwise let no ordinary constraint match a prerelease.
	if rel, err := v.SetPrerelease(""); err == nil {
		v = &rel
	}
	if !c.Check(v) {
		return fmt.Errorf("plugin %s %s needs dbls %s, this is dbls %s", d.ID, d.Version, d.MinDBLS, version)
	}
	return nil
}

func (h *Host) compatible(p Plugin, d Descriptor) error {
	if err := Compatible(d, h.opts.Version); err != nil {
		return err
	}
	if c, ok := p.(Compatibler); ok {
		return c.Compatible()
	}
	return nil
}

func (h *Host) list() []*entry {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return slices.Clone(h.entries)
}

func (h *Host) find(id string) *entry {
	for _, e := range h.list() {
		if e.d.ID == id || e.d.Key() == id {
			return e
		}
	}
	return nil
}

// Plugin returns a plugin by ID or key.
func (h *Host) Plugin(id string) (Plugin, bool) {
	if e := h.find(id); e != nil {
		return e.p, true
	}
	return nil, false
}

// Report accounts for the outcome of a call into plugin id that did not
// go through the host (an external driver's calls): a fault (an error
// wrapping ErrFault) counts towards disabling it, success resets the count.
func (h *Host) Report(ctx context.Context, id string, err error) {
	if e := h.find(id); e != nil {
		e.record(ctx, err)
	}
}

// Usable returns why plugin id may not be called, or nil.
func (h *Host) Usable(id string) error {
	e := h.find(id)
	if e == nil {
		return fmt.Errorf("plugin %s: unknown: %w", id, ErrUnavailable)
	}
	return e.usable()
}

// SetServices gives plugins the services of the environment (the language
// server's snapshot cache and documents). It returns the function that
// withdraws them, unless others replaced them meanwhile: a session ending
// leaves nothing of itself reachable from a host that outlives it.
func (h *Host) SetServices(s Services) (withdraw func()) {
	if s == nil {
		s = noServices{}
	}
	p := &s
	h.services.Store(p)
	return func() { h.services.CompareAndSwap(p, nil) }
}

func (h *Host) svc() Services {
	if p := h.services.Load(); p != nil {
		return *p
	}
	return h.opts.Services
}

// State is a plugin's state and the reason for it; ok is false for an
// unknown ID.
func (h *Host) State(id string) (st State, reason string, ok bool) {
	e := h.find(id)
	if e == nil {
		return "", "", false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.state, e.reason, true
}

// Plugins describes every plugin, sorted by ID.
func (h *Host) Plugins() []Info {
	var out []Info
	for _, e := range h.list() {
		e.mu.Lock()
		in := Info{Descriptor: e.d, Source: "builtin", State: e.state, Reason: e.reason, Capabilities: []string{}}
		e.mu.Unlock()
		if s, ok := e.p.(Sourcer); ok {
			in.Source = s.Source()
		}
		if c, ok := e.p.(Commander); ok && len(c.Commands()) > 0 {
			in.Capabilities = append(in.Capabilities, "command")
			for _, cmd := range c.Commands() {
				in.Commands = append(in.Commands, cmd.Name)
			}
		}
		if x, ok := e.p.(Exporter); ok && len(x.Formats()) > 0 {
			in.Capabilities = append(in.Capabilities, "exporter")
			for _, f := range x.Formats() {
				in.Formats = append(in.Formats, f.Name)
			}
		}
		if _, ok := e.p.(MetadataHook); ok {
			in.Capabilities = append(in.Capabilities, "metadata")
		}
		if _, ok := e.p.(Assist); ok {
			in.Capabilities = append(in.Capabilities, "assist")
		}
		if p, ok := e.p.(Pane); ok && len(p.Panes()) > 0 {
			in.Capabilities = append(in.Capabilities, "pane")
		}
		if c, ok := e.p.(interface{ Capabilities() []string }); ok {
			in.Capabilities = append(in.Capabilities, c.Capabilities()...)
		}
		out = append(out, in)
	}
	return out
}

// usable reports whether e may be called, with the reason when not.
func (e *entry) usable() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.state != StateEnabled {
		return fmt.Errorf("plugin %s is %s (%s): %w", e.d.ID, e.state, e.reason, ErrUnavailable)
	}
	return nil
}

func (e *entry) enabledNow() bool { return e.usable() == nil }

// call runs f in its own goroutine under the call deadline, recovering a
// panic, after activating the plugin if this is its first use. A call that
// misses its deadline is abandoned (its goroutine runs on) — the price of
// not trusting plugin code to honour ctx.
func (e *entry) call(ctx context.Context, what string, f func(ctx context.Context) error) error {
	if err := e.usable(); err != nil {
		return err
	}
	if err := e.activate(ctx); err != nil {
		return err
	}
	err := e.guard(ctx, what, f)
	e.record(ctx, err)
	return err
}

func (e *entry) guard(parent context.Context, what string, f func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, e.h.opts.CallTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(e.h.opts.Log, "plugin %s: %s panicked: %v\n%s", e.d.ID, what, r, debug.Stack())
				done <- fmt.Errorf("plugin %s: %s panicked: %v: %w", e.d.ID, what, r, ErrFault)
			}
		}()
		done <- f(ctx)
	}()
	// Only our own deadline is the plugin's fault; the caller giving up
	// (a cancel, its own deadline) is not.
	ours := func() bool { return parent.Err() == nil && ctx.Err() != nil }
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, ErrFault) && ours() {
			return fmt.Errorf("plugin %s: %s: %w (%w)", e.d.ID, what, err, ErrFault)
		}
		return err
	case <-ctx.Done():
		if !ours() {
			return fmt.Errorf("plugin %s: %s: %w", e.d.ID, what, parent.Err())
		}
		return fmt.Errorf("plugin %s: %s: no answer within %s: %w (%w)", e.d.ID, what, e.h.opts.CallTimeout, ctx.Err(), ErrFault)
	}
}

// record counts faults in a row; at MaxFailures the plugin is off for the
// run and the user is told, once.
func (e *entry) record(ctx context.Context, err error) {
	e.mu.Lock()
	if err == nil || !errors.Is(err, ErrFault) {
		if err == nil {
			e.failures = 0
		}
		e.mu.Unlock()
		return
	}
	e.failures++
	if e.failures < e.h.opts.MaxFailures || e.state != StateEnabled {
		e.mu.Unlock()
		return
	}
	e.state = StateFailed
	e.reason = err.Error()
	e.mu.Unlock()
	e.subMu.Lock()
	unsubs := e.unsubs
	e.unsubs = nil
	e.subMu.Unlock()
	for _, u := range unsubs {
		u()
	}
	fmt.Fprintf(e.h.opts.Log, "plugin %s: disabled for this run after %d failures: %v\n", e.d.ID, e.failures, err)
	e.h.notify(ctx, "plugin.disabled", e.d.Name, e.d.ID, err)
}

func (e *entry) activate(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.active {
		return nil
	}
	if a, ok := e.p.(Activator); ok {
		err := e.guard(ctx, "activate", func(ctx context.Context) error { return a.Activate(ctx, &pluginContext{e: e}) })
		if err != nil {
			e.state, e.reason = StateFailed, err.Error()
			fmt.Fprintf(e.h.opts.Log, "plugin %s: activation failed: %v\n", e.d.ID, err)
			e.h.notify(ctx, "plugin.activate", e.d.Name, e.d.ID, err)
			return fmt.Errorf("%w: %w", err, ErrUnavailable)
		}
	}
	e.active = true
	return nil
}

type notifyKey struct{}

// Notifier tells the user something, in their language.
type Notifier struct {
	Language string
	Notify   func(msg string)
}

// WithNotifier routes the user messages of calls made with ctx to n: the
// language server passes its window/showMessage this way, so that one host
// can serve the CLI and any number of sessions.
func WithNotifier(ctx context.Context, n Notifier) context.Context {
	return context.WithValue(ctx, notifyKey{}, n)
}

func (h *Host) notify(ctx context.Context, key string, args ...any) {
	if n, ok := ctx.Value(notifyKey{}).(Notifier); ok && n.Notify != nil {
		n.Notify(i18n.T(n.Language, key, args...))
		return
	}
	h.opts.Notify(i18n.T(h.opts.Language, key, args...))
}

// Commands lists the commands of enabled plugins, sorted by name.
func (h *Host) Commands() []Command {
	var out []Command
	for _, e := range h.list() {
		if c, ok := e.p.(Commander); ok && e.enabledNow() {
			out = append(out, c.Commands()...)
		}
	}
	slices.SortFunc(out, func(a, b Command) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// RunCommand runs a plugin command by name. ok is false when no enabled
// plugin has it.
func (h *Host) RunCommand(ctx context.Context, name string, args []json.RawMessage) (result any, ok bool, err error) {
	for _, e := range h.list() {
		c, isCmd := e.p.(Commander)
		if !isCmd {
			continue
		}
		for _, cmd := range c.Commands() {
			if cmd.Name != name {
				continue
			}
			// res is read only when the call returned in time: a call
			// abandoned at its deadline may still write it later.
			var res any
			err = e.call(ctx, "command "+name, func(ctx context.Context) error {
				r, err := cmd.Run(ctx, args)
				res = r
				return err
			})
			if err != nil {
				return nil, true, err
			}
			return res, true, nil
		}
	}
	return nil, false, nil
}

// Formats lists the formats of enabled exporters, sorted by name.
func (h *Host) Formats() []Format {
	var out []Format
	for _, e := range h.list() {
		if x, ok := e.p.(Exporter); ok && e.enabledNow() {
			out = append(out, x.Formats()...)
		}
	}
	slices.SortFunc(out, func(a, b Format) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Export starts writing a result in format (a name or an alias, any case)
// through the exporter that offers it. Each row goes through the plugin
// with panic recovery; the writer's own pace is the caller's to bound.
func (h *Host) Export(ctx context.Context, format string, w io.Writer, hd Header) (RowWriter, error) {
	want := strings.ToLower(format)
	for _, e := range h.list() {
		x, ok := e.p.(Exporter)
		if !ok || !e.enabledNow() {
			continue
		}
		for _, f := range x.Formats() {
			if f.Name != want && !slices.Contains(f.Aliases, want) {
				continue
			}
			var rw RowWriter
			err := e.call(ctx, "export "+f.Name, func(context.Context) error {
				var err error
				rw, err = x.NewWriter(f.Name, w, hd)
				return err
			})
			if err != nil {
				return nil, err
			}
			return &guardedRows{e: e, rw: rw}, nil
		}
	}
	names := make([]string, 0)
	for _, f := range h.Formats() {
		names = append(names, f.Name)
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(names, ", "))
}

// guardedRows recovers a panic per row in the caller's goroutine: a
// goroutine and a timer per row would cost more than the row.
type guardedRows struct {
	e  *entry
	rw RowWriter
}

func (g *guardedRows) protect(what string, f func() error) (err error) {
	if err := g.e.usable(); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plugin %s: %s panicked: %v: %w", g.e.d.ID, what, r, ErrFault)
			g.e.record(context.Background(), err)
		}
	}()
	return f()
}

func (g *guardedRows) WriteRow(row []any) error {
	return g.protect("export row", func() error { return g.rw.WriteRow(row) })
}

func (g *guardedRows) End(f Footer) error {
	return g.protect("export end", func() error { return g.rw.End(f) })
}

// Enrich runs every enabled metadata hook over snap. A hook works on a copy
// that replaces snap only when it succeeds, so that a hook abandoned at its
// deadline never races with the caller. Errors are joined; one hook failing
// does not stop the others.
func (h *Host) Enrich(ctx context.Context, conn drivers.Conn, snap *schema.Snapshot) error {
	var errs []error
	for _, e := range h.list() {
		mh, ok := e.p.(MetadataHook)
		if !ok || !e.enabledNow() {
			continue
		}
		work := tableCopy(snap)
		err := e.call(ctx, "enrich", func(ctx context.Context) error { return mh.Enrich(ctx, conn, work) })
		if err != nil {
			errs = append(errs, err)
			continue
		}
		*snap = *work
	}
	return errors.Join(errs...)
}

// tableCopy copies snap down to its tables and views, sharing everything
// below them (columns, keys, indexes, maps, strings), as MetadataHook
// promises. A deep Clone would double the memory of a 100,000-table read
// for a hook that sets one number per table.
func tableCopy(snap *schema.Snapshot) *schema.Snapshot {
	c := *snap
	c.Schemas = slices.Clone(snap.Schemas)
	for i := range c.Schemas {
		sc := &c.Schemas[i]
		sc.Tables = slices.Clone(sc.Tables)
		sc.Views = slices.Clone(sc.Views)
	}
	return &c
}

// Assist collects the actions of every enabled assist; a failing assist is
// logged and skipped.
func (h *Host) Assist(ctx context.Context, req AssistRequest) []Action {
	var out []Action
	for _, e := range h.list() {
		a, ok := e.p.(Assist)
		if !ok || !e.enabledNow() {
			continue
		}
		var got []Action
		err := e.call(ctx, "assist", func(ctx context.Context) error {
			var err error
			got, err = a.Assist(ctx, req)
			return err
		})
		if err != nil {
			fmt.Fprintf(h.opts.Log, "plugin %s: assist: %v\n", e.d.ID, err)
			continue
		}
		out = append(out, got...)
	}
	return out
}

// Publish sends an event to subscribed plugins.
func (h *Host) Publish(ctx context.Context, ev Event) { h.bus.Publish(ctx, ev) }

// Shutdown calls Shutdown on every activated plugin, in parallel, within
// ctx's deadline, and waits for event deliveries.
func (h *Host) Shutdown(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make([]error, len(h.list()))
	for i, e := range h.list() {
		e.mu.Lock()
		active := e.active
		e.mu.Unlock()
		if r, ok := e.p.(interface{ Running() bool }); ok && r.Running() {
			active = true
		}
		s, ok := e.p.(Shutdowner)
		if !ok || !active {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = e.guard(ctx, "shutdown", s.Shutdown)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// pluginContext is the Context a plugin is activated with.
type pluginContext struct{ e *entry }

func (c *pluginContext) Snapshot(ctx context.Context, conn string) (*schema.Snapshot, bool) {
	return c.e.h.svc().Snapshot(ctx, conn)
}

func (c *pluginContext) Document(uri string) (string, string, bool) {
	return c.e.h.svc().Document(uri)
}

func (c *pluginContext) Analysis(ctx context.Context, uri string) (DocumentAnalysis, bool) {
	return c.e.h.svc().Analysis(ctx, uri)
}

func (c *pluginContext) Config() map[string]any {
	if m, ok := c.e.h.opts.Config[c.e.d.Key()].(map[string]any); ok {
		return maps.Clone(m)
	}
	return nil
}

func (c *pluginContext) Subscribe(kind EventKind, f func(context.Context, Event)) func() {
	e := c.e
	un := e.h.bus.Subscribe(kind, func(ctx context.Context, ev Event) {
		if e.usable() != nil {
			return
		}
		e.record(ctx, e.guard(ctx, "event "+string(kind), func(ctx context.Context) error { f(ctx, ev); return nil }))
	})
	e.subMu.Lock()
	e.unsubs = append(e.unsubs, un)
	e.subMu.Unlock()
	return un
}

func (c *pluginContext) Logf(format string, args ...any) {
	fmt.Fprintf(c.e.h.opts.Log, "plugin %s: %s\n", c.e.d.ID, fmt.Sprintf(format, args...))
}

func init() {
	i18n.Register("en", map[string]string{
		"plugin.disabled": "Plugin %s (%s) kept failing and is disabled until dbls restarts: %v",
		"plugin.activate": "Plugin %s (%s) could not start and is disabled until dbls restarts: %v",
	})
	i18n.Register("zh-CN", map[string]string{
		"plugin.disabled": "插件 %s（%s）多次出错，在 dbls 重启前已停用：%v",
		"plugin.activate": "插件 %s（%s）无法启动，在 dbls 重启前已停用：%v",
	})
}
