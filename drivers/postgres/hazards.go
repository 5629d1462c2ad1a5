package postgres

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

var _ ddl.Hazarder = Driver{}

// Hazards labels a change with what applying it does on PostgreSQL beyond
// the change itself: the ACCESS EXCLUSIVE lock most ALTER TABLE forms
// take, table rewrites, index builds, objects that break while it is gone.
// Data loss is diff's to label.
func (Driver) Hazards(c ddl.Change) []string {
	const (
		lock    = ddl.HazardAccessExclusive
		rewrite = ddl.HazardRewritesTable
		build   = ddl.HazardIndexBuild
		breaks  = ddl.HazardBreaksDependants
	)
	switch c := c.(type) {
	case ddl.DropTable, ddl.DropColumn:
		return []string{lock, breaks}
	case ddl.DropView, ddl.DropExtension, ddl.DropComposite, ddl.DropRange, ddl.DropCollation:
		return []string{breaks}
	case ddl.RenameTable, ddl.RenameColumn: // queries that use the old name fail
		return []string{lock, breaks}
	case ddl.AddColumn:
		if rewritesOnAdd(c.Column) {
			return []string{lock, rewrite}
		}
		return []string{lock}
	case ddl.AlterColumn:
		if !strings.EqualFold(c.From.Type, c.To.Type) && !binaryCompatible(c.From.Type, c.To.Type) ||
			c.To.Generated != nil && (c.From.Generated == nil || c.From.Generated.Expr != c.To.Generated.Expr) {
			return []string{lock, rewrite}
		}
		return []string{lock}
	case ddl.SetInheritance:
		return []string{lock}
	case ddl.SetStorage:
		if c.Current.Options["unlogged"] != c.Desired.Options["unlogged"] {
			return []string{lock, rewrite}
		}
		return nil // parameters take effect on rows written later
	case ddl.CreateIndex:
		return []string{build} // without CONCURRENTLY it also blocks writes
	case ddl.DropIndex:
		if c.Online {
			return nil
		}
		return []string{lock}
	case ddl.AddPrimaryKey, ddl.AddUnique, ddl.AddExclusion:
		return []string{lock, build}
	case ddl.AddCheck:
		return []string{lock}
	case ddl.DropPrimaryKey, ddl.DropUnique, ddl.DropCheck, ddl.DropForeignKey, ddl.DropExclusion,
		ddl.DropTrigger, ddl.SetTableComment, ddl.SetTableType:
		return []string{lock}
	case ddl.RevokePrivilege:
		if c.Cascade { // the roles its holder granted it to lose it too
			return []string{breaks}
		}
	case ddl.CreatePolicy, ddl.AlterPolicy, ddl.DropPolicy, ddl.SetRowSecurity,
		ddl.CreateRule, ddl.ReplaceRule, ddl.DropRule:
		return []string{lock}
	}
	return nil
}

// rewritesOnAdd: since PostgreSQL 11 a column added with a constant
// default (or none) is not written into every row; a volatile default
// (a sequence, random values, the clock) or a stored generated column is.
func rewritesOnAdd(col schema.Column) bool {
	if col.Generated != nil && col.Generated.Stored || col.Identity != "" {
		return true
	}
	if col.Default == nil {
		return false
	}
	d := strings.ToLower(*col.Default)
	for _, f := range []string{"nextval(", "random(", "gen_random_uuid(", "uuid_generate", "clock_timestamp(", "timeofday("} {
		if strings.Contains(d, f) {
			return true
		}
	}
	return false
}

var varcharRE = regexp.MustCompile(`^(?:character varying|varchar)(?:\((\d+)\))?$`)

// binaryCompatible reports the type changes PostgreSQL makes without
// rewriting the table: a varchar made longer or unbounded, or made text.
func binaryCompatible(from, to string) bool {
	from, to = strings.ToLower(strings.TrimSpace(from)), strings.ToLower(strings.TrimSpace(to))
	f := varcharRE.FindStringSubmatch(from)
	if f == nil {
		return false
	}
	if to == "text" {
		return true
	}
	t := varcharRE.FindStringSubmatch(to)
	if t == nil {
		return false
	}
	if t[1] == "" {
		return true
	}
	if f[1] == "" {
		return false
	}
	fn, _ := strconv.Atoi(f[1])
	tn, _ := strconv.Atoi(t[1])
	return tn >= fn
}
