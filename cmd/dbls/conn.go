package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/saved"
)

func newConnCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "conn",
		Short: "Manage saved connections (add, list, remove, test)",
		Long: `Saved connections live in dbls's store under the user data directory, next
to those defined in config files (user config.toml and project .dbls.toml).
A name resolves the same way everywhere a connection is expected: config
first (project over user), then the store.

Passwords are never stored in the store: "conn add" moves a password given
in the URL (or with --password-stdin) into the OS keyring, or refuses if
there is none; --password-env and --password-command keep it out of dbls
entirely.`,
	}
	cmd.AddCommand(newConnAddCmd(), newConnListCmd(), newConnRemoveCmd(), newConnTestCmd())
	return cmd
}

type addFlags struct {
	passwordEnv, passwordCommand            string
	passwordStdin, keyring, readonly        bool
	tlsMode, tlsCA, tlsCert, tlsKey, tlsSNI string
	ssh, sshKey, sshKnownHosts              string
	sshAgent, sshInsecure                   bool
	sshPasswordEnv, sshPassphraseEnv        string
}

func newConnAddCmd() *cobra.Command {
	var f addFlags
	cmd := &cobra.Command{
		Use:   "add NAME URL",
		Short: "Save a connection",
		Example: `  dbls conn add dev postgres://app@localhost/app --password-env DEV_PW
  dbls conn add prod postgres://app@10.0.0.5/app --ssh ops@bastion.example.com --ssh-agent --tls-mode verify-full --tls-ca ca.pem
  echo "$PW" | dbls conn add stage mysql://app@stage/shop --password-stdin`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return connAdd(cmd, args[0], args[1], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.passwordEnv, "password-env", "", "take the password from this environment variable")
	fl.StringVar(&f.passwordCommand, "password-command", "", "take the password from this command's output")
	fl.BoolVar(&f.passwordStdin, "password-stdin", false, "read the password from standard input into the OS keyring")
	fl.BoolVar(&f.keyring, "keyring", false, "take the password from the OS keyring entry already set for NAME")
	fl.BoolVar(&f.readonly, "readonly", false, "mark the connection read-only")
	fl.StringVar(&f.tlsMode, "tls-mode", "", "disable, require, verify-ca or verify-full")
	fl.StringVar(&f.tlsCA, "tls-ca", "", "CA certificate file (PEM)")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "client certificate file (PEM)")
	fl.StringVar(&f.tlsKey, "tls-key", "", "client key file (PEM)")
	fl.StringVar(&f.tlsSNI, "tls-server-name", "", "host name the server certificate must carry")
	fl.StringVar(&f.ssh, "ssh", "", "reach the database through this bastion: user@host[:port]")
	fl.StringVar(&f.sshKey, "ssh-key", "", "private key file for the bastion")
	fl.BoolVar(&f.sshAgent, "ssh-agent", false, "authenticate to the bastion with ssh-agent")
	fl.StringVar(&f.sshKnownHosts, "ssh-known-hosts", "", "known_hosts file (default ~/.ssh/known_hosts)")
	fl.BoolVar(&f.sshInsecure, "ssh-insecure-ignore-host-key", false, "do not check the bastion's host key (unsafe)")
	fl.StringVar(&f.sshPasswordEnv, "ssh-password-env", "", "bastion password from this environment variable")
	fl.StringVar(&f.sshPassphraseEnv, "ssh-passphrase-env", "", "key passphrase from this environment variable")
	return cmd
}

func connAdd(cmd *cobra.Command, name, rawURL string, f addFlags) error {
	ctx := cmd.Context()
	if !drivers.IsURL(rawURL) {
		return fmt.Errorf("%q is not a connection URL", rawURL)
	}
	var password string
	if f.passwordStdin {
		b, err := io.ReadAll(cmd.InOrStdin())
		if err != nil {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	}
	c := config.Connection{URL: rawURL, PasswordEnv: f.passwordEnv, PasswordCommand: f.passwordCommand,
		Keyring: f.keyring, ReadOnly: f.readonly}
	if f.tlsMode != "" || f.tlsCA != "" || f.tlsCert != "" {
		c.TLS = &config.TLS{Mode: f.tlsMode, CAFile: f.tlsCA, CertFile: f.tlsCert, KeyFile: f.tlsKey, ServerName: f.tlsSNI}
	}
	if f.ssh != "" {
		s, err := parseSSHTarget(f.ssh)
		if err != nil {
			return err
		}
		s.KeyFile, s.Agent, s.KnownHosts, s.InsecureIgnoreHostKey = f.sshKey, f.sshAgent, f.sshKnownHosts, f.sshInsecure
		s.PasswordEnv, s.PassphraseEnv = f.sshPasswordEnv, f.sshPassphraseEnv
		c.SSH = &s
	}
	sess, err := newSession(cmd)
	if err != nil {
		return err
	}
	defer sess.Close()
	st, err := sess.openStore(ctx)
	if err != nil {
		return err
	}
	origin, err := saved.Save(ctx, st, sess.resolver.Config, name, c, password)
	if err != nil {
		return err
	}
	where := "saved"
	if origin != "" {
		where += fmt.Sprintf(" (note: %s also defines %q and takes precedence)", origin, name)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "connection %q %s\n", name, where)
	return nil
}

func parseSSHTarget(s string) (config.SSH, error) {
	user, hostport, ok := strings.Cut(s, "@")
	if !ok || user == "" || hostport == "" {
		return config.SSH{}, fmt.Errorf("--ssh %q: want user@host[:port]", s)
	}
	host, port := hostport, 0
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return config.SSH{}, fmt.Errorf("--ssh %q: invalid port", s)
		}
		host, port = h, n
	}
	return config.SSH{Host: host, Port: port, User: user}, nil
}

func newConnListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List configured and saved connections",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rows, err := listConnections(cmd)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tDRIVER\tTARGET\tPASSWORD\tVIA\tSOURCE")
			for _, r := range rows {
				via := strings.TrimSpace(strings.Join([]string{r.TLS, r.SSH, readonly(r.ReadOnly)}, " "))
				src := r.Source
				if r.Shadowed {
					src += " (shadowed by config)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Driver, r.Target, r.Password, via, src)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func readonly(b bool) string {
	if b {
		return "readonly"
	}
	return ""
}

func listConnections(cmd *cobra.Command) ([]saved.Summary, error) {
	sess, err := newSession(cmd)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	st, err := sess.openStore(cmd.Context())
	if err != nil {
		return nil, err
	}
	return saved.List(cmd.Context(), sess.resolver.Config, st)
}

func newConnRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a saved connection and its keyring secrets",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			sess, err := newSession(cmd)
			if err != nil {
				return err
			}
			defer sess.Close()
			st, err := sess.openStore(cmd.Context())
			if err != nil {
				return err
			}
			warnings, err := saved.Remove(cmd.Context(), st, sess.resolver.Config, name)
			if err != nil {
				return err
			}
			for _, w := range warnings {
				fmt.Fprintln(cmd.ErrOrStderr(), "dbls: warning:", w)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "connection %q removed\n", name)
			return nil
		},
	}
}

func newConnTestCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "test NAME|URL",
		Short: "Reach a database hop by hop: SSH, TCP, TLS, authentication, server",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sess, err := newSession(cmd)
			if err != nil {
				return err
			}
			defer sess.Close()
			if err := sess.needStore(cmd.Context(), args[0]); err != nil {
				return err
			}
			hops := sess.resolver.Test(cmd.Context(), args[0])
			if err := printHops(cmd.OutOrStdout(), hops, asJSON); err != nil {
				return err
			}
			if last := hops[len(hops)-1]; !last.OK {
				return fmt.Errorf("connection test failed at %s", last.Step)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the hops as JSON")
	return cmd
}

func printHops(w io.Writer, hops []connect.Hop, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(hops)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, h := range hops {
		mark := "ok"
		if !h.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t(%s)\n", mark, h.Step, h.Detail, h.Elapsed.Round(100_000))
	}
	return tw.Flush()
}
