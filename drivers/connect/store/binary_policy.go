package store

import "github.com/dbls/dbls/drivers/schema"

// encSecurity writes a table's row-level security flags, policies and
// rules (binary version 4).
func encSecurity(e *encoder, t *schema.Table) {
	e.bool(t.RowSecurity)
	e.bool(t.ForceRowSecurity)
	each(e, t.Policies, func(e *encoder, p *schema.Policy) {
		e.str(p.Name)
		e.str(p.Command)
		e.bool(p.Permissive)
		strs(e, p.Roles)
		e.str(p.Using)
		e.str(p.Check)
	})
	each(e, t.Rules, encRule)
}

func encRule(e *encoder, r *schema.Rule) {
	e.str(r.Name)
	e.str(r.Event)
	e.str(r.Definition)
	e.str(r.Enabled)
}

// decRule reads a rule; Enabled is binary version 5's.
func decRule(d *decoder, r *schema.Rule) {
	r.Name = d.str()
	r.Event = d.str()
	r.Definition = d.str()
	if d.version >= 5 {
		r.Enabled = d.str()
	}
}

func decSecurity(d *decoder, t *schema.Table) {
	t.RowSecurity = d.bool()
	t.ForceRowSecurity = d.bool()
	t.Policies = decEach(d, func(d *decoder, p *schema.Policy) {
		p.Name = d.str()
		p.Command = d.str()
		p.Permissive = d.bool()
		p.Roles = d.strList()
		p.Using = d.str()
		p.Check = d.str()
	})
	t.Rules = decEach(d, decRule)
}
