package mysql

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Building routines, events, sequences and view attributes from their
// catalog rows.

// routineBody pairs a routine with its ROUTINES row until its parameters
// are attached and its definition can be written.
type routineBody struct {
	row routineRow
	rt  *schema.Routine
}

// routineDefinitions writes each routine's Definition as the CREATE
// statement without DEFINER (the engine's own parts: parameters, return
// type, the characteristics that differ from the defaults, and the body
// as the server keeps it), and records which routines of its schema its
// body calls. A routine whose body the user may not see (ROUTINE_DEFINITION
// is NULL for others' routines without SHOW_ROUTINE) keeps no definition,
// and diff lists it as not synced.
func (b *builder) routineDefinitions() {
	names := map[string]map[string]*schema.Routine{} // schema → lower name → routine
	for _, x := range b.bodies {
		if names[x.row.schema] == nil {
			names[x.row.schema] = map[string]*schema.Routine{}
		}
		names[x.row.schema][strings.ToLower(x.rt.Name)] = x.rt
	}
	for _, x := range b.bodies {
		if !x.row.definition.Valid {
			continue
		}
		x.rt.Definition = routineDefinition(x.row, x.rt)
		for _, name := range calledNames(x.row.definition.String) {
			if dep := names[x.row.schema][strings.ToLower(name)]; dep != nil && dep != x.rt {
				x.rt.DependsOn = append(x.rt.DependsOn, schema.ObjectRef{Kind: schema.RefRoutine, Schema: x.row.schema, Name: dep.Signature()})
			}
		}
	}
}

// routineDefinition writes CREATE FUNCTION|PROCEDURE `name`(…) … body.
func routineDefinition(r routineRow, rt *schema.Routine) string {
	var b strings.Builder
	b.WriteString("CREATE " + strings.ToUpper(rt.Kind) + " " + q(rt.Name) + "(")
	for i, p := range rt.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		if rt.Kind == schema.RoutineProcedure {
			b.WriteString(strings.ToUpper(p.Mode) + " ")
		}
		b.WriteString(q(p.Name) + " " + p.Type)
	}
	b.WriteString(")")
	if rt.Kind == schema.RoutineFunction {
		b.WriteString(" RETURNS " + rt.Returns)
	}
	if strings.EqualFold(r.deterministic, "YES") {
		b.WriteString("\n    DETERMINISTIC")
	}
	if da := strings.ToUpper(strings.TrimSpace(r.dataAccess)); da != "" && da != "CONTAINS SQL" {
		b.WriteString("\n    " + da)
	}
	if strings.EqualFold(r.security, "INVOKER") {
		b.WriteString("\n    SQL SECURITY INVOKER")
	}
	if r.comment != "" {
		b.WriteString("\n    COMMENT " + quoteLiteral(r.comment))
	}
	b.WriteString("\n" + strings.TrimSpace(r.definition.String))
	return b.String()
}

// calledNames lists the names a routine body calls: a name followed by
// "(" and the name after CALL, as the scanner reads them (strings and
// comments are not names). A false positive only orders two creations.
func calledNames(body string) []string {
	toks := sqltext.Lex(sqltext.MySQL, body)
	var out []string
	for i, t := range toks {
		if t.Kind != sqltext.Word && t.Kind != sqltext.QuotedIdent {
			continue
		}
		call := i+1 < len(toks) && toks[i+1].Kind == sqltext.Punct && toks[i+1].Text(body) == "("
		if !call && i > 0 && strings.EqualFold(toks[i-1].Text(body), "CALL") {
			call = true
		}
		if call {
			out = append(out, identText(t.Text(body)))
		}
	}
	return out
}

// identText unquotes a `quoted` identifier.
func identText(s string) string {
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' {
		return strings.ReplaceAll(s[1:len(s)-1], "``", "`")
	}
	return s
}

// viewOptions keeps the view attributes that differ from MySQL's
// defaults (ALGORITHM=UNDEFINED, SQL SECURITY DEFINER, no CHECK OPTION).
func viewOptions(r viewRow) map[string]string {
	opts := map[string]string{}
	if a := strings.ToUpper(r.algorithm.String); a != "" && a != "UNDEFINED" {
		opts["algorithm"] = a
	}
	if s := strings.ToUpper(r.security.String); s != "" && s != "DEFINER" {
		opts["security"] = s
	}
	if c := strings.ToUpper(r.checkOption.String); c != "" && c != "NONE" {
		opts["check_option"] = c
	}
	if len(opts) == 0 {
		return nil
	}
	return opts
}

// ownDefault removes the `schema`. qualifier MariaDB writes before a
// sequence of the table's own schema in a default (nextval(`db`.`s`)), so
// that the same table reads the same in databases of different names.
func ownDefault(def *string, schemaName string) *string {
	if def == nil || !strings.Contains(*def, q(schemaName)+".") {
		return def
	}
	v := unqualify(*def, schemaName)
	return &v
}

func (b *builder) addEvents(rows []eventRow) {
	for _, r := range rows {
		sp := b.bySchema[r.schema]
		if sp == nil {
			continue
		}
		e := schema.Event{Name: r.name, Definition: strings.TrimSpace(r.definition), Comment: r.comment,
			Preserve: strings.EqualFold(r.onCompletion, "PRESERVE")}
		switch strings.ToUpper(r.status) {
		case "DISABLED":
			e.Status = "DISABLE"
		case "SLAVESIDE_DISABLED":
			e.Status = "DISABLE ON SLAVE"
		default:
			e.Status = "ENABLE"
		}
		if strings.EqualFold(r.eventType, "ONE TIME") {
			e.Schedule = "AT " + quoteLiteral(r.executeAt.String)
		} else {
			e.Schedule = "EVERY " + r.intervalValue.String + " " + r.intervalField.String
			if r.starts.Valid {
				e.Schedule += " STARTS " + quoteLiteral(r.starts.String)
			}
			if r.ends.Valid {
				e.Schedule += " ENDS " + quoteLiteral(r.ends.String)
			}
		}
		sp.events = append(sp.events, e)
	}
}

func (b *builder) addSequences(rows []sequenceRow) {
	for _, r := range rows {
		if sp := b.bySchema[r.schema]; sp != nil {
			sp.seqs = append(sp.seqs, schema.Sequence{Name: r.name, Start: r.start, Increment: r.increment,
				Min: r.min, Max: r.max, Cache: r.cache, Cycle: r.cycle})
		}
	}
}
