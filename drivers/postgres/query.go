package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/dbls/dbls/drivers"
)

// Query executes req.SQL as written and returns one page of its result.
//
// A single statement runs through the extended protocol with a row limit
// on Execute: the server produces Offset+Limit+1 rows and stops, so a page
// of a huge table costs a page, not the table, and the extra row tells
// whether there are more. Results always come in text form, exactly as
// psql would print them.
//
// SQL that PostgreSQL cannot prepare because it holds several statements (a
// script) runs through the simple protocol when there are no arguments; the
// result is then that of the last statement that returned rows, or the row
// count of the last statement when none did. Every row of a script is read
// from the network, since one implicit transaction spans the whole script
// and must not be cut short.
func (c *Conn) Query(ctx context.Context, req drivers.Request) (*drivers.Result, error) {
	start := time.Now()
	pc, err := c.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: query on %s: acquire connection: %w", c.params.Address(), err)
	}
	defer pc.Release()
	conn := pc.Conn()

	if c.params.ReadOnly {
		pg, err := c.queryReadOnly(ctx, conn, req)
		if err != nil {
			return nil, err
		}
		c.nameColumns(ctx, conn, pg)
		pg.res.Elapsed = time.Since(start)
		return pg.res, nil
	}
	pg := newPage(req)
	err = runStatement(ctx, conn, pg)
	if isMultiStatement(err) && len(req.Args) == 0 {
		pg = newPage(req)
		err = runScript(ctx, conn.PgConn(), pg)
	}
	if err != nil {
		return nil, statementError(ctx, req.SQL, err)
	}
	if pg.tooLarge {
		return nil, fmt.Errorf("%w (%d bytes)", drivers.ErrResultTooLarge, req.MaxBytes)
	}
	c.nameColumns(ctx, conn, pg)
	pg.res.Elapsed = time.Since(start)
	return pg.res, nil
}

// page collects the requested page of a result set as rows arrive.
type page struct {
	req     drivers.Request
	res     *drivers.Result
	skip    int
	oids    []uint32
	typmods []int32
	// size is what the kept rows hold (drivers.RowSize); past
	// req.MaxBytes they are dropped, tooLarge is set and the rest of the
	// result is read and dropped.
	size     int64
	tooLarge bool
}

func newPage(req drivers.Request) *page {
	return &page{
		req:  req,
		res:  &drivers.Result{Page: max(req.Page, 1), Limit: req.Limit, RowsAffected: -1},
		skip: req.Offset(),
	}
}

// describe starts a new result set; a script's later result set replaces
// an earlier one.
func (pg *page) describe(fields []pgconn.FieldDescription) {
	pg.res.Columns = make([]drivers.ResultColumn, len(fields))
	pg.oids = make([]uint32, len(fields))
	pg.typmods = make([]int32, len(fields))
	for i, f := range fields {
		pg.res.Columns[i] = drivers.ResultColumn{Name: f.Name}
		pg.oids[i] = f.DataTypeOID
		pg.typmods[i] = f.TypeModifier
	}
	pg.res.Rows = [][]any{}
	pg.res.HasMore = false
	pg.res.RowsAffected = -1
	pg.skip = pg.req.Offset()
	pg.size, pg.tooLarge = 0, false
}

// row takes one text-format data row. values are only valid during the
// call: the protocol reader reuses its buffer.
func (pg *page) row(values [][]byte) {
	if pg.tooLarge {
		return
	}
	if pg.skip > 0 {
		pg.skip--
		return
	}
	if pg.req.Limit > 0 && len(pg.res.Rows) >= pg.req.Limit {
		pg.res.HasMore = true
		return
	}
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = decodeText(pg.oids[i], v)
	}
	if pg.size += drivers.RowSize(out); pg.req.MaxBytes > 0 && pg.size > pg.req.MaxBytes {
		pg.tooLarge, pg.res.Rows = true, nil
		return
	}
	pg.res.Rows = append(pg.res.Rows, out)
}

// commandDone records the row count of a statement without a result set.
func (pg *page) commandDone(tag pgconn.CommandTag) {
	if !pg.res.HasResultSet() {
		pg.res.RowsAffected = tag.RowsAffected()
	}
}

// maxRows is the Execute row limit: the rows before the page, the page and
// one probe row. Zero means all rows.
func (pg *page) maxRows() uint32 {
	if pg.req.Limit <= 0 {
		return 0
	}
	return uint32(min(int64(pg.req.Offset())+int64(pg.req.Limit)+1, math.MaxUint32))
}

// runStatement runs one statement with Parse, Bind, Describe, Execute(n)
// and Sync. With arguments, the statement is prepared first so that the
// arguments can be encoded for the parameter types the server inferred.
func runStatement(ctx context.Context, conn *pgx.Conn, pg *page) error {
	pgc := conn.PgConn()
	bind := &pgproto3.Bind{ResultFormatCodes: []int16{pgx.TextFormatCode}}
	prepared := false
	if len(pg.req.Args) > 0 {
		sd, err := pgc.Prepare(ctx, "", pg.req.SQL, nil)
		if err != nil {
			return err
		}
		bind.Parameters, bind.ParameterFormatCodes, err = encodeArgs(conn.TypeMap(), sd.ParamOIDs, pg.req.Args)
		if err != nil {
			return err
		}
		prepared = true
	}
	fe := pgc.Frontend()
	if !prepared {
		fe.SendParse(&pgproto3.Parse{Query: pg.req.SQL})
	}
	fe.SendBind(bind)
	fe.SendDescribe(&pgproto3.Describe{ObjectType: 'P'})
	fe.SendExecute(&pgproto3.Execute{MaxRows: pg.maxRows()})
	fe.SendSync(&pgproto3.Sync{})
	if err := fe.Flush(); err != nil {
		abandon(ctx, pgc)
		return err
	}
	return receive(ctx, pgc, pg)
}

// receive reads the server's answer up to ReadyForQuery. If it cannot get
// there (network failure, cancelled context) the connection is in an
// unknown protocol state and is closed, so the pool discards it.
func receive(ctx context.Context, pgc *pgconn.PgConn, pg *page) error {
	var stmtErr error
	for {
		msg, err := pgc.ReceiveMessage(ctx)
		if err != nil {
			abandon(ctx, pgc)
			return err
		}
		switch m := msg.(type) {
		case *pgproto3.RowDescription:
			pg.describe(fieldDescriptions(m))
		case *pgproto3.DataRow:
			pg.row(m.Values)
		case *pgproto3.CommandComplete:
			pg.commandDone(pgconn.NewCommandTag(string(m.CommandTag)))
		case *pgproto3.EmptyQueryResponse:
			pg.res.RowsAffected = 0
		case *pgproto3.ErrorResponse:
			stmtErr = pgconn.ErrorResponseToPgError(m)
		case *pgproto3.CopyInResponse:
			// There is no data to send; end the COPY so the server answers.
			fe := pgc.Frontend()
			fe.Send(&pgproto3.CopyFail{Message: "COPY FROM STDIN is not supported by dbls query"})
			if err := fe.Flush(); err != nil {
				abandon(ctx, pgc)
				return err
			}
		case *pgproto3.ReadyForQuery:
			return stmtErr
		}
	}
}

func fieldDescriptions(m *pgproto3.RowDescription) []pgconn.FieldDescription {
	out := make([]pgconn.FieldDescription, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = pgconn.FieldDescription{
			Name:         string(f.Name),
			DataTypeOID:  f.DataTypeOID,
			TypeModifier: f.TypeModifier,
		}
	}
	return out
}

// abandon closes a connection left mid-protocol. When the context ended
// before pgx's own cancel handling ran, it first asks the server to cancel
// the statement: closing the socket alone does not stop a running query.
func abandon(ctx context.Context, pgc *pgconn.PgConn) {
	bg, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if ctx.Err() != nil {
		_ = pgc.CancelRequest(bg)
	}
	_ = pgc.Close(bg)
}

// runScript runs several statements through the simple protocol.
func runScript(ctx context.Context, pgc *pgconn.PgConn, pg *page) error {
	mrr := pgc.Exec(ctx, pg.req.SQL)
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		fields := rr.FieldDescriptions()
		if len(fields) > 0 {
			pg.describe(fields)
		}
		for rr.NextRow() {
			if len(fields) > 0 {
				pg.row(rr.Values())
			}
		}
		tag, err := rr.Close()
		if err != nil {
			break // mrr.Close reports it
		}
		if len(fields) == 0 {
			pg.commandDone(tag)
		}
	}
	err := mrr.Close()
	if err != nil && ctx.Err() != nil {
		abandon(ctx, pgc)
	}
	return err
}

// isMultiStatement reports PostgreSQL's refusal to prepare a string that
// holds several statements.
func isMultiStatement(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42601" &&
		pe.Message == "cannot insert multiple commands into a prepared statement"
}

// encodeArgs encodes args for the parameter types of a prepared statement,
// in the format pgx prefers for each type.
func encodeArgs(m *pgtype.Map, oids []uint32, args []any) ([][]byte, []int16, error) {
	if len(oids) != len(args) {
		return nil, nil, fmt.Errorf("postgres: the statement has %d parameters but %d arguments were given", len(oids), len(args))
	}
	params := make([][]byte, len(args))
	formats := make([]int16, len(args))
	for i, a := range args {
		formats[i] = m.FormatCodeForOID(oids[i])
		buf, err := m.Encode(oids[i], formats[i], a, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("postgres: encode argument $%d: %w", i+1, err)
		}
		params[i] = buf
	}
	return params, formats, nil
}
