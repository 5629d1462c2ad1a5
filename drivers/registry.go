package drivers

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

var (
	regMu   sync.RWMutex
	byID    = map[string]Driver{}
	byAlias = map[string]string{} // alias → id
)

// Register makes a driver available by its manifest ID and aliases. It is
// meant to be called from init and panics if the ID or an alias is empty or
// already taken, as database/sql.Register does: two drivers claiming one
// scheme is a build error, not a runtime condition.
func Register(d Driver) {
	if d == nil {
		panic("drivers: Register driver is nil")
	}
	m := d.Manifest()
	id := strings.ToLower(m.ID)
	if id == "" {
		panic("drivers: Register driver with empty ID")
	}
	regMu.Lock()
	defer regMu.Unlock()
	names := append([]string{id}, lowerAll(m.Aliases)...)
	for _, n := range names {
		if taken := resolveLocked(n); taken != "" {
			panic(fmt.Sprintf("drivers: Register called twice for %q (already used by driver %q)", n, taken))
		}
	}
	byID[id] = d
	for _, a := range names[1:] {
		byAlias[a] = id
	}
}

// Unregister removes a driver. It exists for tests and for external drivers
// that are unloaded; built-in drivers are never unregistered.
func Unregister(id string) {
	regMu.Lock()
	defer regMu.Unlock()
	id = strings.ToLower(id)
	delete(byID, id)
	for a, target := range byAlias {
		if target == id {
			delete(byAlias, a)
		}
	}
}

// Lookup finds a driver by ID or alias, case-insensitively.
func Lookup(name string) (Driver, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	id := resolveLocked(strings.ToLower(name))
	if id == "" {
		return nil, false
	}
	return byID[id], true
}

// Get is Lookup with an error that lists what is registered.
func Get(name string) (Driver, error) {
	if d, ok := Lookup(name); ok {
		return d, nil
	}
	return nil, fmt.Errorf("unknown driver %q (registered: %s)", name, strings.Join(IDs(), ", "))
}

// Drivers returns the registered drivers sorted by ID.
func Drivers() []Driver {
	regMu.RLock()
	defer regMu.RUnlock()
	out := make([]Driver, 0, len(byID))
	for _, id := range sortedKeys(byID) {
		out = append(out, byID[id])
	}
	return out
}

// IDs returns the registered driver IDs, sorted.
func IDs() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	return sortedKeys(byID)
}

func resolveLocked(name string) string {
	if _, ok := byID[name]; ok {
		return name
	}
	return byAlias[name]
}

func sortedKeys(m map[string]Driver) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func lowerAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strings.ToLower(x)
	}
	return out
}
