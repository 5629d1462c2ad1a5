package postgres

// Storage parameters (reloptions: WITH (fillfactor = 80) on a table or
// materialized view) and the options of a view (WITH (security_barrier),
// WITH CASCADED CHECK OPTION), as schema options:
//
//   - Table.Options["storage"] and a materialized view's
//     View.Options["storage"]: the parameters, "name=value" sorted and
//     joined with ", ", booleans spelled true/false;
//   - View.Options["check_option"] (LOCAL, CASCADED),
//     ["security_barrier"] and ["security_invoker"] ("true"), as MySQL's
//     reader names its view options.
//
// A table's parameters change in place (ddl.SetStorage); a view's options
// recreate it, like its query.

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// viewOptionKeys are the reloptions of a plain view.
var viewOptionKeys = []string{"check_option", "security_barrier", "security_invoker"}

// storageText is reloptions ("a=1,b=on", as array_to_string joins them)
// in the form Options["storage"] holds.
func storageText(reloptions string) string {
	return joinParams(parseReloptions(reloptions))
}

// viewOptions splits a view's reloptions into its view options and, for a
// materialized view, its storage parameters; nil when it has none.
func viewOptions(reloptions string) map[string]string {
	if reloptions == "" {
		return nil
	}
	params := parseReloptions(reloptions)
	out := map[string]string{}
	for _, k := range viewOptionKeys {
		v, ok := params[k]
		delete(params, k)
		switch {
		case !ok || v == "false":
		case k == "check_option":
			out[k] = strings.ToUpper(v)
		default:
			out[k] = v
		}
	}
	if len(params) > 0 {
		out["storage"] = joinParams(params)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func parseReloptions(s string) map[string]string {
	params := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		switch strings.ToLower(v) {
		case "on", "true", "yes":
			v = "true"
		case "off", "false", "no":
			v = "false"
		}
		params[strings.ToLower(k)] = v
	}
	return params
}

func joinParams(params map[string]string) string {
	parts := make([]string, 0, len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		parts = append(parts, k+"="+params[k])
	}
	return strings.Join(parts, ", ")
}

// paramRE is what a storage parameter may be: PostgreSQL validates every
// one (integers, reals, booleans, enum words), so anything else came from
// a hand-edited snapshot and is refused rather than written into SQL.
var paramRE = regexp.MustCompile(`^[a-z_][a-z0-9_.]*=[A-Za-z0-9_.+-]+$`)

// storageParams reads Options["storage"] back into its parameters.
func storageParams(text string) (map[string]string, error) {
	params := map[string]string{}
	if text == "" {
		return params, nil
	}
	for _, kv := range strings.Split(text, ", ") {
		if !paramRE.MatchString(kv) {
			return nil, fmt.Errorf("storage parameter %q is not name=value", kv)
		}
		k, v, _ := strings.Cut(kv, "=")
		params[k] = v
	}
	return params, nil
}

// withClause is " WITH (…)" for Options["storage"], "" when it is empty.
func withClause(text string) (string, error) {
	params, err := storageParams(text)
	if err != nil || len(params) == 0 {
		return "", err
	}
	return " WITH (" + joinParams(params) + ")", nil
}

// setStorage changes a table's persistence and parameters in place.
func (r *renderer) setStorage(c ddl.SetStorage) error {
	name := r.target()
	from, to := c.Current.Options, c.Desired.Options
	if from["unlogged"] != to["unlogged"] {
		if to["unlogged"] == "true" {
			r.add("ALTER TABLE %s SET UNLOGGED", name)
		} else {
			r.add("ALTER TABLE %s SET LOGGED", name)
		}
	}
	old, err := storageParams(from["storage"])
	if err != nil {
		return fmt.Errorf("table %s: %w", name, err)
	}
	want, err := storageParams(to["storage"])
	if err != nil {
		return fmt.Errorf("table %s: %w", name, err)
	}
	var set, reset []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if old[k] != want[k] {
			set = append(set, k+"="+want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(old)) {
		if _, ok := want[k]; !ok {
			reset = append(reset, k)
		}
	}
	if len(set) > 0 {
		r.add("ALTER TABLE %s SET (%s)", name, strings.Join(set, ", "))
	}
	if len(reset) > 0 {
		r.add("ALTER TABLE %s RESET (%s)", name, strings.Join(reset, ", "))
	}
	return nil
}

// viewWith is a view's " WITH (…)": a materialized view's storage
// parameters, a plain view's security options.
func viewWith(v schema.View) (string, error) {
	if v.Materialized {
		return withClause(v.Options["storage"])
	}
	var opts []string
	for _, k := range viewOptionKeys[1:] {
		if v.Options[k] == "true" {
			opts = append(opts, k+"=true")
		}
	}
	if len(opts) == 0 {
		return "", nil
	}
	return " WITH (" + strings.Join(opts, ", ") + ")", nil
}
