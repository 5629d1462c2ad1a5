package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/store"
)

// globalFlags are the options every command shares.
type globalFlags struct {
	configFile string // project config; default: .dbls.toml found from the working directory
	storeFile  string // saved-connection store; default: the user data directory
}

var globals globalFlags

func addGlobalFlags(root *cobra.Command) {
	root.PersistentFlags().StringVar(&globals.configFile, "config", "",
		"project config file (default: "+config.ProjectFileName+" in this directory or a parent)")
	root.PersistentFlags().StringVar(&globals.storeFile, "store", "",
		"saved-connection store (default: "+store.DefaultPath()+")")
}

// session is what a command needs to reach databases: the merged config and,
// opened on first need, the store.
type session struct {
	cmd      *cobra.Command
	resolver *connect.Resolver
	store    *store.Store
	closers  []interface{ Close() error } // connections opened for the command
}

// newSession loads the user and project config; warnings go to stderr.
func newSession(cmd *cobra.Command) (*session, error) {
	project := globals.configFile
	if project == "" {
		project = config.FindProjectFile(".")
	}
	cfg, warnings, err := config.Load(config.UserFile(), project)
	if err != nil {
		return nil, err
	}
	for _, w := range warnings {
		fmt.Fprintln(cmd.ErrOrStderr(), "dbls: warning:", w)
	}
	s := &session{cmd: cmd}
	s.resolver = &connect.Resolver{Config: cfg,
		Warn: func(msg string) { fmt.Fprintln(cmd.ErrOrStderr(), "dbls: warning:", msg) }}
	return s, nil
}

// openStore opens the store once; URL-only commands never create it.
func (s *session) openStore(ctx context.Context) (*store.Store, error) {
	if s.store != nil {
		return s.store, nil
	}
	path := globals.storeFile
	if path == "" {
		path = store.DefaultPath()
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	s.store = st
	s.resolver.Store = st
	return st, nil
}

// needStore opens the store for names the config does not define, so that
// saved connections resolve like configured ones.
func (s *session) needStore(ctx context.Context, arg string) error {
	if drivers.IsURL(arg) {
		return nil
	}
	if _, ok := s.resolver.Config.Lookup(arg); ok {
		return nil
	}
	_, err := s.openStore(ctx)
	return err
}

// open resolves and opens a connection argument.
func (s *session) open(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error) {
	if err := s.check(ctx, arg); err != nil {
		return nil, drivers.Params{}, err
	}
	return s.resolver.Open(ctx, arg)
}

// check prepares the resolver for a connection argument (the store, for a
// saved name) and explains a bare file path that names no connection.
func (s *session) check(ctx context.Context, arg string) error {
	if err := s.needStore(ctx, arg); err != nil {
		return err
	}
	if st, err := os.Stat(arg); err == nil && !st.IsDir() && !drivers.IsURL(arg) {
		if _, err := s.resolver.Lookup(ctx, arg); err != nil {
			return fmt.Errorf("%w (for the file, use sqlite:%s)", err, arg)
		}
	}
	return nil
}

func (s *session) Close() {
	for _, c := range s.closers {
		c.Close()
	}
	s.resolver.Close()
	if s.store != nil {
		s.store.Close()
	}
}

// openConn is the one-call form for commands that need one connection.
func openConn(cmd *cobra.Command, arg string) (drivers.Conn, drivers.Params, func(), error) {
	s, err := newSession(cmd)
	if err != nil {
		return nil, drivers.Params{}, nil, err
	}
	c, p, err := s.open(cmd.Context(), arg)
	if err != nil {
		s.Close()
		return nil, p, nil, err
	}
	return c, p, func() { c.Close(); s.Close() }, nil
}
