package plugin

import (
	"context"
	"sync"

	"github.com/dbls/dbls/drivers/schema"
)

// EventKind names what happened.
type EventKind string

// The events the host publishes.
const (
	SnapshotRefreshed EventKind = "snapshot.refreshed"
	QueryExecuted     EventKind = "query.executed"
	DocumentChanged   EventKind = "document.changed"
)

// Event is one occurrence. Only the fields of its kind are set.
type Event struct {
	Kind EventKind
	// Conn is the connection (name or URL, never with a password).
	Conn     string
	URI      string
	SQL      string
	Snapshot *schema.Snapshot
}

// Bus delivers events to subscribers, each in its own goroutine so that a
// slow subscriber never delays the publisher. The zero Bus is ready.
type Bus struct {
	mu   sync.Mutex
	next int
	subs map[int]subscription
	wg   sync.WaitGroup
}

type subscription struct {
	kind EventKind
	f    func(context.Context, Event)
}

// Subscribe registers f for events of kind.
func (b *Bus) Subscribe(kind EventKind, f func(context.Context, Event)) func() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs == nil {
		b.subs = map[int]subscription{}
	}
	id := b.next
	b.next++
	b.subs[id] = subscription{kind, f}
	return func() {
		b.mu.Lock()
		delete(b.subs, id)
		b.mu.Unlock()
	}
}

// Publish delivers e to every subscriber of its kind and returns at once.
func (b *Bus) Publish(ctx context.Context, e Event) {
	b.mu.Lock()
	var fs []func(context.Context, Event)
	for _, s := range b.subs {
		if s.kind == e.Kind {
			fs = append(fs, s.f)
		}
	}
	b.mu.Unlock()
	ctx = context.WithoutCancel(ctx)
	for _, f := range fs {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			f(ctx, e)
		}()
	}
}

// Wait blocks until every delivery so far has returned (tests, shutdown).
func (b *Bus) Wait() { b.wg.Wait() }
