// Command atlas-inspect reads a database's catalog with Atlas community
// (ariga.io/atlas, Apache-2.0) and prints it as Atlas HCL, the work of
// `atlas schema inspect -u URL`. The Atlas CLI module cannot be installed
// from the Go module proxy here; its inspect engine can, and is what
// scripts/bench-peers.sh times against dbls.
//
// This is its own module so that the main module's build, vet and layout
// test never see it.
package main

import (
	"context"
	"fmt"
	"os"

	"ariga.io/atlas/sql/mysql"
	"ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/schema"
	"ariga.io/atlas/sql/sqlclient"
	_ "github.com/go-sql-driver/mysql"
	_ "github.com/lib/pq"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: atlas-inspect URL (postgres://… or mysql://…)")
		os.Exit(2)
	}
	if err := inspect(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "atlas-inspect:", err)
		os.Exit(1)
	}
}

func inspect(ctx context.Context, url string) error {
	c, err := sqlclient.Open(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close()
	var realm *schema.Realm
	if c.URL.Schema != "" {
		s, err := c.InspectSchema(ctx, c.URL.Schema, nil)
		if err != nil {
			return err
		}
		realm = schema.NewRealm(s)
	} else if realm, err = c.InspectRealm(ctx, nil); err != nil {
		return err
	}
	marshal := postgres.MarshalHCL
	if c.Name == mysql.DriverName {
		marshal = mysql.MarshalHCL
	}
	out, err := marshal.MarshalSpec(realm)
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(out)
	return err
}
