package postgres

// On a large catalog, a snapshot's time is the server's, one query after
// another on one session. The index query is the largest (at 100,000
// tables: 4 s, and 17 s before plain definitions were written from their
// parts, deparse.go), so Snapshot reads it on a second session that
// imports the first one's snapshot (pg_export_snapshot, SET TRANSACTION
// SNAPSHOT): the server works on both at once and both see the same
// catalog. The second session's rows are kept as they arrive and handed
// to the builder at their turn: the
// builder takes kinds in order (relations before their indexes).

import (
	"context"
	"encoding/binary"
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

// sideAcquireWait bounds the wait for the second session when the pool is
// full, and sideDialWait when it has room and the wait is a new session's
// connection (a remote server over TLS takes several round trips): past
// it, the snapshot reads on one.
const (
	sideAcquireWait = 200 * time.Millisecond
	sideDialWait    = 3 * time.Second
)

// sides counts the second sessions started, for tests.
var sides atomic.Int64

// sideFrom names the first reader the second session runs: it runs that
// one and every one after it, and the first session those before. At
// 100,000 tables and at 10,000 this cuts the server's time about in half:
// relations, columns and constraints on one side, indexes and the many
// smaller queries on the other.
var sideFrom = "indexes"

// onSecondSession says which readers the second session runs.
func onSecondSession(readers []reader) map[string]bool {
	side, on := map[string]bool{}, false
	for _, r := range readers {
		on = on || r.what == sideFrom
		side[r.what] = on
	}
	return side
}

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

// keptRows are a query's rows as the server sent them, packed one after
// another into blocks of keptBlock bytes (each value a 4-byte length, -1
// for NULL, then its bytes; a row never straddles two blocks), so that
// 200,000 index rows cost a few hundred blocks and no copying as they grow,
// and each block can be given back as soon as the builder is past it.
type keptRows struct {
	fields []pgconn.FieldDescription
	blocks [][]byte
	rows   []rowRef
	err    error
}

// rowRef is where a kept row starts.
type rowRef struct{ block, off uint32 }

const keptBlock = 1 << 20

// add packs one row's values.
func (k *keptRows) add(values [][]byte) {
	size := 4 * len(values)
	for _, v := range values {
		size += len(v)
	}
	if n := len(k.blocks); n == 0 || cap(k.blocks[n-1])-len(k.blocks[n-1]) < size {
		k.blocks = append(k.blocks, make([]byte, 0, max(keptBlock, size)))
	}
	last := len(k.blocks) - 1
	b := k.blocks[last]
	k.rows = append(k.rows, rowRef{block: uint32(last), off: uint32(len(b))})
	for _, v := range values {
		if v == nil {
			b = binary.BigEndian.AppendUint32(b, math.MaxUint32)
			continue
		}
		b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
		b = append(b, v...)
	}
	k.blocks[last] = b
}

// row is the i-th kept row's values, sliced from its block into buf.
func (k *keptRows) row(i int, buf [][]byte) [][]byte {
	ref := k.rows[i]
	b := k.blocks[ref.block][ref.off:]
	buf = buf[:0]
	for range k.fields {
		n := binary.BigEndian.Uint32(b)
		b = b[4:]
		if n == math.MaxUint32 {
			buf = append(buf, nil)
			continue
		}
		buf = append(buf, b[:n:n])
		b = b[n:]
	}
	return buf
}

// release gives back the blocks before row i's: rows are replayed in
// order, and the scanners copy what they keep.
func (k *keptRows) release(i int) {
	if i < len(k.rows) {
		clear(k.blocks[:k.rows[i].block])
	}
}

// startSide starts the second session when the catalog has parallelFrom
// indexes or more and the read is not low priority, or returns nil (and no
// error) to read everything on tx. An error here
// is a failed catalog query; a second session that cannot be had only
// means reading on one.
func (c *Conn) startSide(ctx context.Context, tx pgx.Tx, indexes int, low bool, readers []reader, second map[string]bool, schemas, objects []string) (*side, error) {
	if low || indexes < parallelFrom {
		return nil, nil
	}
	var id string
	if err := tx.QueryRow(ctx, `SELECT pg_export_snapshot()`).Scan(&id); err != nil || !snapshotIDRE.MatchString(id) {
		return nil, nil // a standby exports none: read on one session
	}
	// Only a session the pool can give soon: waiting for one while this
	// one is held could wait for ever if every session were a snapshot
	// waiting alike. With room in the pool, the wait is a dial.
	wait := sideAcquireWait
	if st := c.pool.Stat(); st.TotalConns() < st.MaxConns() {
		wait = sideDialWait
	}
	actx, cancelAcquire := context.WithTimeout(ctx, wait)
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
		if second[r.what] {
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
		k.add(rows.RawValues())
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
	defer func() { k.blocks, k.rows = nil, nil }() // read once: give it all back
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
	if r.i >= len(r.kept.rows) {
		return false
	}
	r.kept.release(r.i)
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
