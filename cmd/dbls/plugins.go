package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/drivertest/check"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/external"
)

// pluginPathEnv lists extra plugin folders, separated like PATH.
const pluginPathEnv = "DBLS_PLUGIN_PATH"

// app is one run of the command line: what its commands share, made
// before any of them runs and ended after.
type app struct {
	// plugins is the run's plugin host, set up before any command runs so
	// that external drivers are in the registry for every command alike;
	// the commands hand it down (to the language server, the exporters).
	plugins *plugin.Host
}

// loadPlugins builds the host from the user and project config's [plugins]
// table: built-ins, then external plugins from the data directory, from
// [plugins.external] paths and from $DBLS_PLUGIN_PATH. A broken config or
// plugin is a warning: it must not stop commands that need no plugin.
func loadPlugins(cmd *cobra.Command) *plugin.Host {
	stderr := cmd.ErrOrStderr()
	project := globals.configFile
	if project == "" {
		project = config.FindProjectFile(".")
	}
	var cfg map[string]any
	if c, _, err := config.Load(config.UserFile(), project); err == nil {
		cfg = c.Plugins
	}
	opts := plugin.Options{Version: version, Config: cfg, Log: io.Discard,
		Notify: func(msg string) { fmt.Fprintln(stderr, "dbls:", msg) }}
	// serve's stderr is the operator's log; other commands keep stderr for
	// the user unless asked.
	if cmd.Name() == "serve" || os.Getenv("DBLS_PLUGIN_LOG") != "" {
		opts.Log = stderr
	}
	plugins := plugin.NewHost(opts)
	_, errs := external.Load(plugins, external.LoadOptions{Paths: pluginPaths(cfg),
		Options: external.Options{Log: opts.Log, Version: version}}, cfg)
	for _, err := range errs {
		fmt.Fprintln(stderr, "dbls: warning:", err)
	}
	return plugins
}

func pluginPaths(cfg map[string]any) []string {
	var paths []string
	if sec, ok := cfg["external"].(map[string]any); ok {
		if list, ok := sec["paths"].([]any); ok {
			for _, p := range list {
				if s, ok := p.(string); ok {
					paths = append(paths, s)
				}
			}
		}
	}
	for _, p := range filepath.SplitList(os.Getenv(pluginPathEnv)) {
		if p != "" {
			paths = append(paths, p)
		}
	}
	return paths
}

// closePlugins gives every started plugin a few seconds to stop, then ends
// what is left of it.
func (a *app) closePlugins() {
	if a.plugins == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	a.plugins.Shutdown(ctx) //nolint:errcheck // the run is over
}

func newPluginsCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "plugins",
		Short: "List the plugins, built in and external, with their state",
		Long: `plugins lists every plugin with its state: enabled, disabled (in [plugins]),
failed (kept failing or could not start: off until dbls restarts) or
incompatible (needs another dbls or protocol version; the reason says which).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			infos := a.plugins.Plugins()
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(infos)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tSTATE\tCAPABILITIES\tSOURCE")
			for _, in := range infos {
				state := string(in.State)
				if in.Reason != "" && in.State != plugin.StateEnabled {
					state += " (" + in.Reason + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.ID, in.Version, state, strings.Join(in.Capabilities, ","), in.Source)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the plugins as JSON")
	return cmd
}

func newPluginCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "plugin", Short: "Install and check plugins (their commands run with dbls command)"}
	// A plugin's commands run with `dbls command`, like every other
	// workspace command.
	cmd.AddCommand(&cobra.Command{
		Use:   "install DIR",
		Short: "Install the plugin in DIR into the user data directory",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := compatibleManifest(args[0])
			if err != nil {
				return err
			}
			dest := filepath.Join(external.DataDir(), m.ID)
			if err := os.RemoveAll(dest); err != nil {
				return fmt.Errorf("install %s: %w", m.ID, err)
			}
			if err := os.CopyFS(dest, os.DirFS(m.Dir)); err != nil {
				return fmt.Errorf("install %s into %s: %w", m.ID, dest, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "installed %s %s into %s\n", m.ID, m.Version, dest)
			return nil
		},
	}, &cobra.Command{
		Use:   "check DIR",
		Short: "Run the conformance checks against the external plugin in DIR",
		Long: `check starts the plugin in DIR, checks its handshake, and for a driver runs
the read-only driver conformance kit against the database its manifest's
"check" names (see docs/plugin-protocol.md). It exits 1 if a check fails.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return checkPlugin(cmd.Context(), cmd.OutOrStdout(), args[0])
		},
	})
	return cmd
}

func compatibleManifest(dir string) (*external.Manifest, error) {
	m, err := external.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if err := m.Compatible(); err != nil {
		return nil, err
	}
	if err := plugin.Compatible(m.Descriptor(), version); err != nil {
		return nil, err
	}
	return m, nil
}

func checkPlugin(ctx context.Context, out io.Writer, dir string) error {
	m, err := compatibleManifest(dir)
	if err != nil {
		return err
	}
	failed := 0
	report := func(name string, err error, skip string) {
		switch {
		case skip != "":
			fmt.Fprintf(out, "SKIP  %s: %s\n", name, skip)
		case err != nil:
			failed++
			fmt.Fprintf(out, "FAIL  %s: %v\n", name, err)
		default:
			fmt.Fprintf(out, "ok    %s\n", name)
		}
	}
	c := external.NewClient(m, external.Options{Version: version, Log: io.Discard})
	init, err := c.Start(ctx)
	report("handshake", err, "")
	if err != nil {
		c.Close(ctx)
		return &exitError{code: 1, err: fmt.Errorf("plugin %s: %d check(s) failed", m.ID, failed)}
	}
	if d := m.Capabilities.Driver; d != nil && init.Capabilities.Driver != nil && init.Capabilities.Driver.ID != "" &&
		!strings.EqualFold(init.Capabilities.Driver.ID, d.ID) {
		report("capabilities", fmt.Errorf("handshake declares driver %q, manifest %q", init.Capabilities.Driver.ID, d.ID), "")
	}
	if d := m.Capabilities.Driver; d != nil {
		switch {
		case m.Check == nil || m.Check.URL == "":
			report("driver", nil, `the manifest has no "check": {"url": …}`)
		default:
			if err := external.RegisterDriver(c); err != nil {
				report("driver", err, "")
				break
			}
			url, err := checkURL(m)
			if err != nil {
				report("driver", err, "")
				break
			}
			for _, r := range check.ReadOnly(ctx, check.Config{URL: url, SleepSQL: m.Check.SleepSQL}) {
				report("driver/"+r.Name, r.Err, r.Skip)
			}
		}
	}
	closeCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	report("exit on end of input", c.Close(closeCtx), "")
	if failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("plugin %s: %d check(s) failed", m.ID, failed)}
	}
	fmt.Fprintf(out, "plugin %s %s: all checks passed\n", m.ID, m.Version)
	return nil
}

// checkURL resolves a relative path in the manifest's check URL against
// the plugin's folder.
func checkURL(m *external.Manifest) (string, error) {
	p, err := drivers.ParseURL(m.Check.URL)
	if err != nil {
		return "", fmt.Errorf("check url: %w", err)
	}
	if p.Path == "" || filepath.IsAbs(p.Path) || p.Path == ":memory:" {
		return m.Check.URL, nil
	}
	scheme, _, _ := strings.Cut(m.Check.URL, ":")
	return scheme + "://" + filepath.ToSlash(filepath.Join(m.Dir, p.Path)), nil
}
