package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/drivers"
)

func newDriversCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "drivers",
		Short: "List the registered database drivers and their manifests",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var manifests []drivers.Manifest
			for _, d := range drivers.Drivers() {
				manifests = append(manifests, d.Manifest())
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(manifests)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tALIASES\tNAME\tPORT\tDESCRIPTION")
			for _, m := range manifests {
				port := "-"
				if m.DefaultPort > 0 {
					port = fmt.Sprint(m.DefaultPort)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.ID, strings.Join(m.Aliases, ","), m.Name, port, m.Description)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the manifests as JSON")
	return cmd
}
