package mysql

import (
	"context"
	"database/sql"
	"strings"
)

// Catalog queries for events and MariaDB sequences.

type eventRow struct {
	schema, name, definition, eventType string
	executeAt, intervalValue            sql.NullString
	intervalField, starts, ends         sql.NullString
	status, onCompletion, comment       string
}

// readEvents reads scheduled events. Times are formatted by the server so
// that they read the same whatever the connection's parseTime setting; a
// STARTS equal to CREATED is the one the server filled in (EVERY without
// STARTS) and is left out, or every copy of the event would differ.
func (r *reader) readEvents(ctx context.Context) error {
	where, args := r.scope("EVENT_SCHEMA", "EVENT_NAME")
	const f = `'%Y-%m-%d %H:%i:%s'`
	q := `SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE,
	DATE_FORMAT(EXECUTE_AT, ` + f + `), INTERVAL_VALUE, INTERVAL_FIELD,
	IF(STARTS = CREATED, NULL, DATE_FORMAT(STARTS, ` + f + `)), DATE_FORMAT(ENDS, ` + f + `),
	STATUS, ON_COMPLETION, EVENT_COMMENT
FROM information_schema.EVENTS WHERE ` + where
	return r.scan(ctx, "events", q, args, func(rows *sql.Rows) error {
		var e eventRow
		if err := rows.Scan(&e.schema, &e.name, &e.definition, &e.eventType, &e.executeAt, &e.intervalValue,
			&e.intervalField, &e.starts, &e.ends, &e.status, &e.onCompletion, &e.comment); err != nil {
			return err
		}
		r.events = append(r.events, e)
		return nil
	})
}

type sequenceRow struct {
	schema, name               string
	min, max, start, increment int64
	cache                      int64
	cycle                      bool
}

// readSequenceOptions reads the options of the MariaDB sequences
// readTables found with one UNION ALL over the sequences themselves,
// whatever their number (MariaDB 10.x has no
// information_schema.SEQUENCES; reading a sequence as a table does not
// advance it).
func (r *reader) readSequenceOptions(ctx context.Context, names [][2]string) error {
	parts := make([]string, len(names))
	args := make([]any, 0, 2*len(names))
	for i, n := range names {
		parts[i] = `SELECT ?, ?, minimum_value, maximum_value, start_value, increment, cache_size, cycle_option FROM ` +
			q(n[0]) + "." + q(n[1])
		args = append(args, n[0], n[1])
	}
	return r.scan(ctx, "sequence options", strings.Join(parts, "\nUNION ALL "), args, func(rows *sql.Rows) error {
		var s sequenceRow
		if err := rows.Scan(&s.schema, &s.name, &s.min, &s.max, &s.start, &s.increment, &s.cache, &s.cycle); err != nil {
			return err
		}
		r.sequences = append(r.sequences, s)
		return nil
	})
}
