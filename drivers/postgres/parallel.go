package postgres

// On a large catalog, most of a snapshot's time is the server deparsing
// index definitions (pg_get_indexdef, about 40 µs an index) while this
// process waits, one query after another on one session. Snapshot then
// reads them on a second session that imports the first one's snapshot
// (pg_export_snapshot, SET TRANSACTION SNAPSHOT), so the server works on
// both at once and both see the same catalog. The second session's rows
// are kept as they arrive and handed to the builder at their turn: the
// builder takes kinds in order (relations before their indexes).

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// parallelFrom is how many indexes a catalog needs before Snapshot uses
// a second session: below it, a session and a snapshot import cost more
// than they save. A variable so that tests can take the parallel path on
// small catalogs.
var parallelFrom = 20000

// sideAcquireWait bounds the wait for the second session: past it, the
// snapshot reads on one.
const sideAcquireWait = 200 * time.Millisecond

// sides counts the second sessions started, for tests.
var sides atomic.Int64

// secondary names the readers the second session runs.
var secondary = map[string]bool{"indexes": true}

// snapshotIDRE is what pg_export_snapshot returns ("00000003-0000001B-1"):
// it is written into SET TRANSACTION SNAPSHOT, which takes no parameter.
var snapshotIDRE = regexp.MustCompile(`^[0-9A-Fa-f-]+$`)

// side is the second session's reading: each reader's rows, kept.
type side struct {
	done    map[string]chan struct{}
	results map[string]*keptRows
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// keptRows are a query's rows as the server sent them: every value's
// bytes in one arena, and each value's start and end in it (start -1 for
// NULL), so that 200,000 index rows cost two growing slices, not a slice
// per row and per value.
type keptRows struct {
	fields []pgconn.FieldDescription
	data   []byte
	spans  []int32 // start, end of each value, row after row
	n      int     // rows
	err    error
}

// row is the i-th kept row's values, sliced from the arena into buf.
func (k *keptRows) row(i int, buf [][]byte) [][]byte {
	w := len(k.fields)
	buf = buf[:0]
	for j := range w {
		start, end := k.spans[2*(i*w+j)], k.spans[2*(i*w+j)+1]
		if start < 0 {
			buf = append(buf, nil)
			continue
		}
		buf = append(buf, k.data[start:end:end])
	}
	return buf
}

// startSide starts the second session when the catalog has parallelFrom
// indexes or more, or returns nil (and no error) to read everything on tx. An error here
// is a failed catalog query; a second session that cannot be had only
// means reading on one.
func (c *Conn) startSide(ctx context.Context, tx pgx.Tx, indexes int, readers []reader, schemas, objects []string) (*side, error) {
	if indexes < parallelFrom {
		return nil, nil
	}
	var id string
	if err := tx.QueryRow(ctx, `SELECT pg_export_snapshot()`).Scan(&id); err != nil || !snapshotIDRE.MatchString(id) {
		return nil, nil // a standby exports none: read on one session
	}
	// Only a session the pool can give at once: waiting for one while
	// this one is held could wait for ever if every session were a
	// snapshot waiting alike.
	actx, cancelAcquire := context.WithTimeout(ctx, sideAcquireWait)
	conn, err := c.pool.Acquire(actx)
	cancelAcquire()
	if err != nil {
		return nil, nil
	}
	sides.Add(1)
	sctx, cancel := context.WithCancel(ctx)
	s := &side{done: map[string]chan struct{}{}, results: map[string]*keptRows{}, cancel: cancel}
	var run []reader
	for _, r := range readers {
		if secondary[r.what] {
			run = append(run, r)
			s.done[r.what] = make(chan struct{})
			s.results[r.what] = &keptRows{}
		}
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer conn.Release()
		err := s.read(sctx, conn.Conn(), id, run, schemas, objects)
		for _, r := range run { // whatever was not read says why
			if k := s.results[r.what]; k.err == nil && k.fields == nil && err != nil {
				k.err = err
			}
			select {
			case <-s.done[r.what]:
			default:
				close(s.done[r.what])
			}
		}
	}()
	return s, nil
}

// read runs the readers in one transaction on the exported snapshot,
// keeping each one's rows.
func (s *side) read(ctx context.Context, conn *pgx.Conn, id string, run []reader, schemas, objects []string) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) // read-only: nothing to keep
	if _, err := tx.Exec(ctx, `SET TRANSACTION SNAPSHOT '`+id+`'`); err != nil {
		return fmt.Errorf("import the catalog snapshot: %w", err)
	}
	if _, err := tx.Exec(ctx, noJIT); err != nil {
		return fmt.Errorf("turn JIT off: %w", err)
	}
	batch := &pgx.Batch{}
	for _, r := range run {
		batch.Queue(r.sql, r.args(schemas, objects)...)
	}
	br := tx.SendBatch(ctx, batch)
	defer br.Close()
	for _, r := range run {
		k := s.results[r.what]
		k.err = keep(br, k)
		close(s.done[r.what])
		if k.err != nil {
			return k.err
		}
	}
	return br.Close()
}

// keep reads one result of a batch into k, copying every row.
func keep(br pgx.BatchResults, k *keptRows) error {
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	k.fields = append([]pgconn.FieldDescription(nil), rows.FieldDescriptions()...)
	for rows.Next() {
		for _, v := range rows.RawValues() {
			if v == nil {
				k.spans = append(k.spans, -1, -1)
				continue
			}
			if len(k.data)+len(v) > math.MaxInt32 {
				return errors.New("more than 2 GB of index rows to keep")
			}
			k.spans = append(k.spans, int32(len(k.data)))
			k.data = append(k.data, v...)
			k.spans = append(k.spans, int32(len(k.data)))
		}
		k.n++
	}
	return rows.Err()
}

// replay hands reader r the rows the second session kept for it, once
// they are all there.
func (s *side) replay(ctx context.Context, m *pgtype.Map, r reader) error {
	select {
	case <-s.done[r.what]:
	case <-ctx.Done():
		return ctx.Err()
	}
	k := s.results[r.what]
	if k.err != nil {
		return k.err
	}
	defer func() { k.data, k.spans = nil, nil }() // read once: give the arena back
	rows := &replayRows{m: m, kept: k}
	for rows.Next() {
		if err := r.scan(rows); err != nil {
			return err
		}
	}
	return nil
}

// stop ends the second session's reading and waits for it.
func (s *side) stop() {
	s.cancel()
	s.wg.Wait()
}

// replayRows gives kept rows to a reader's scan function as pgx.Rows.
type replayRows struct {
	m    *pgtype.Map
	kept *keptRows
	i    int
	cur  [][]byte
}

func (r *replayRows) Close()                                       {}
func (r *replayRows) Err() error                                   { return nil }
func (r *replayRows) CommandTag() pgconn.CommandTag                { return pgconn.CommandTag{} }
func (r *replayRows) FieldDescriptions() []pgconn.FieldDescription { return r.kept.fields }
func (r *replayRows) Conn() *pgx.Conn                              { return nil }
func (r *replayRows) TypeMap() *pgtype.Map                         { return r.m }

func (r *replayRows) Next() bool {
	if r.i >= r.kept.n {
		return false
	}
	r.cur = r.kept.row(r.i, r.cur)
	r.i++
	return true
}

func (r *replayRows) RawValues() [][]byte { return r.cur }

func (r *replayRows) Scan(dest ...any) error {
	return pgx.ScanRow(r.m, r.kept.fields, r.cur, dest...)
}

func (r *replayRows) Values() ([]any, error) {
	return nil, errors.New("postgres: kept catalog rows are read with Scan")
}
