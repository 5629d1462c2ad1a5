package plugin

import (
	"fmt"
	"slices"
	"sync"
)

var (
	regMu    sync.RWMutex
	registry = map[string]Plugin{} // by ID
)

// Register adds a built-in plugin; call it from init. Like
// drivers.Register it panics on an invalid descriptor or a taken ID or key:
// two plugins claiming one name is a build error.
func Register(p Plugin) {
	d := p.Descriptor()
	if err := d.validate(); err != nil {
		panic("plugin: Register: " + err.Error())
	}
	regMu.Lock()
	defer regMu.Unlock()
	for id, other := range registry {
		if id == d.ID || other.Descriptor().Key() == d.Key() {
			panic(fmt.Sprintf("plugin: Register %s: ID or key %q already used by %s", d.ID, d.Key(), id))
		}
	}
	registry[d.ID] = p
}

// Registered returns the built-in plugins sorted by ID.
func Registered() []Plugin {
	regMu.RLock()
	defer regMu.RUnlock()
	ids := make([]string, 0, len(registry))
	for id := range registry {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]Plugin, len(ids))
	for i, id := range ids {
		out[i] = registry[id]
	}
	return out
}
