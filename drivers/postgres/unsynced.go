package postgres

// The objects a database holds that dbls reads but does not sync
// (schema.Unsynced): diff lists those that differ in a plan's notes. Each
// kind reads a name and, where it is cheap, a definition to compare; user
// mappings are left out (their options hold passwords). Objects that
// belong to an extension come with it and are left out.

import (
	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/schema"
)

// userOID leaves out the objects initdb created (pg_cast, pg_am hold both).
const userOID = `>= 16384`

// unsyncedSQL reads (schema, kind, name, definition); schema is empty for the
// database-wide kinds. Reading chosen objects ($2 set) reads none.
var unsyncedSQL = `SELECT * FROM (
SELECT n.nspname::text, 'statistics', s.stxname::text, pg_get_statisticsobjdef(s.oid)
FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_statistic_ext", "s.oid") + `
UNION ALL
SELECT n.nspname::text, 'text search configuration', c.cfgname::text,
	(SELECT p.prsname::text FROM pg_ts_parser p WHERE p.oid = c.cfgparser) || coalesce((SELECT ' ' || string_agg(
		m.maptokentype || ':' || m.mapdict::regdictionary::text, ',' ORDER BY m.maptokentype, m.mapseqno)
		FROM pg_ts_config_map m WHERE m.mapcfg = c.oid), '')
FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_ts_config", "c.oid") + `
UNION ALL
SELECT n.nspname::text, 'text search dictionary', d.dictname::text,
	(SELECT t.tmplname::text FROM pg_ts_template t WHERE t.oid = d.dicttemplate) || coalesce(' ' || d.dictinitoption, '')
FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_ts_dict", "d.oid") + `
UNION ALL
SELECT n.nspname::text, 'text search parser', p.prsname::text, ''
FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_ts_parser", "p.oid") + `
UNION ALL
SELECT n.nspname::text, 'text search template', t.tmplname::text, ''
FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_ts_template", "t.oid") + `
UNION ALL
SELECT n.nspname::text, 'operator', o.oprname::text || '(' ||
	CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', ' ||
	CASE WHEN o.oprright = 0 THEN 'NONE' ELSE format_type(o.oprright, NULL) END || ')',
	o.oprcode::regproc::text
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_operator", "o.oid") + `
UNION ALL
SELECT n.nspname::text, 'operator class', c.opcname::text || ' USING ' || a.amname::text,
	format_type(c.opcintype, NULL) || CASE WHEN c.opcdefault THEN ' DEFAULT' ELSE '' END
FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am a ON a.oid = c.opcmethod
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_opclass", "c.oid") + `
UNION ALL
SELECT n.nspname::text, 'operator family', f.opfname::text || ' USING ' || a.amname::text, ''
FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am a ON a.oid = f.opfmethod
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_opfamily", "f.oid") + `
	AND NOT EXISTS (SELECT 1 FROM pg_opclass c WHERE c.opcfamily = f.oid AND c.opcname = f.opfname)
UNION ALL
SELECT n.nspname::text, 'conversion', c.conname::text,
	pg_encoding_to_char(c.conforencoding) || ' TO ' || pg_encoding_to_char(c.contoencoding) || ' FROM ' || c.conproc::text
FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_conversion", "c.oid") + `
UNION ALL
SELECT n.nspname::text, 'foreign table', c.relname::text,
	s.srvname::text || coalesce(' ' || array_to_string(ft.ftoptions, ','), '')
FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_foreign_server s ON s.oid = ft.ftserver
WHERE ` + schemaFilter + ` AND ` + notExtension("pg_class", "c.oid") + `
UNION ALL
SELECT n.nspname::text, 'base type', t.typname::text, t.typinput::text || ' ' || t.typoutput::text
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'b' AND t.typcategory <> 'A' AND ` + schemaFilter + ` AND ` + notExtension("pg_type", "t.oid") + `
UNION ALL
SELECT n.nspname::text, 'tablespace', c.relname::text, t.spcname::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_tablespace t ON t.oid = c.reltablespace
WHERE c.relkind IN ('r', 'p', 'm', 'i') AND ` + schemaFilter + ` AND ` + notExtension("pg_class", "c.oid") + `
UNION ALL
SELECT n.nspname::text, 'replica identity', c.relname::text,
	CASE c.relreplident WHEN 'n' THEN 'NOTHING' WHEN 'f' THEN 'FULL'
		ELSE 'USING INDEX ' || coalesce((SELECT i.indexrelid::regclass::text FROM pg_index i
			WHERE i.indrelid = c.oid AND i.indisreplident), '') END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.relreplident <> 'd' AND ` + schemaFilter + ` AND ` + notExtension("pg_class", "c.oid") + `
UNION ALL
SELECT '', 'publication', p.pubname::text,
	concat_ws(' ', CASE WHEN p.puballtables THEN 'ALL TABLES' END,
		(SELECT string_agg(quote_ident(t.schemaname) || '.' || quote_ident(t.tablename), ', ' ORDER BY t.schemaname, t.tablename)
			FROM pg_publication_tables t WHERE t.pubname = p.pubname),
		'insert=' || p.pubinsert, 'update=' || p.pubupdate, 'delete=' || p.pubdelete, 'truncate=' || p.pubtruncate)
FROM pg_publication p
UNION ALL
SELECT '', 'event trigger', et.evtname::text,
	et.evtevent::text || ' ' || et.evtfoid::regproc::text || ' ' || et.evtenabled::text || coalesce(' ' || array_to_string(et.evttags, ','), '')
FROM pg_event_trigger et WHERE ` + notExtension("pg_event_trigger", "et.oid") + `
UNION ALL
SELECT '', 'foreign-data wrapper', w.fdwname::text, w.fdwhandler::regproc::text || ' ' || w.fdwvalidator::regproc::text
FROM pg_foreign_data_wrapper w WHERE ` + notExtension("pg_foreign_data_wrapper", "w.oid") + `
UNION ALL
SELECT '', 'foreign server', s.srvname::text,
	w.fdwname::text || coalesce(' type ' || s.srvtype, '') || coalesce(' version ' || s.srvversion, '')
FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE ` + notExtension("pg_foreign_server", "s.oid") + `
UNION ALL
SELECT '', 'cast', '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')',
	CASE c.castmethod WHEN 'f' THEN c.castfunc::regprocedure::text WHEN 'i' THEN 'INOUT' ELSE 'WITHOUT FUNCTION' END ||
	CASE c.castcontext WHEN 'e' THEN '' WHEN 'a' THEN ' AS ASSIGNMENT' ELSE ' AS IMPLICIT' END
FROM pg_cast c WHERE c.oid ` + userOID + ` AND ` + notExtension("pg_cast", "c.oid") + `
UNION ALL
SELECT '', 'access method', a.amname::text, a.amtype::text || ' ' || a.amhandler::regproc::text
FROM pg_am a WHERE a.oid ` + userOID + ` AND ` + notExtension("pg_am", "a.oid") + `
UNION ALL
SELECT '', 'transform', format_type(t.trftype, NULL) || ' FOR LANGUAGE ' || l.lanname::text, ''
FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang WHERE ` + notExtension("pg_transform", "t.oid") + `
UNION ALL
SELECT '', 'subscription', s.subname::text, array_to_string(s.subpublications, ',')
FROM pg_subscription s WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
) u WHERE $2::text[] IS NULL`

func (b *builder) scanUnsynced(rows pgx.Rows) error {
	var (
		nsp string
		u   schema.Unsynced
	)
	if err := rows.Scan(&nsp, &u.Kind, &u.Name, &u.Definition); err != nil {
		return err
	}
	if nsp == "" {
		b.snap.Unsynced = append(b.snap.Unsynced, u)
		return nil
	}
	sc := b.schema(nsp)
	sc.Unsynced = append(sc.Unsynced, u)
	return nil
}

// columnStorage lists a column whose STORAGE or COMPRESSION is not its
// type's, which the column query reports.
func (b *builder) columnStorage(r *relation, column, storage string) {
	table := ""
	switch {
	case r.table != nil:
		table = r.table.Name
	case r.view != nil:
		table = r.view.Name
	}
	sc := b.schema(r.schema)
	sc.Unsynced = append(sc.Unsynced, schema.Unsynced{Kind: "column storage", Name: table + "." + column, Definition: storage})
}
