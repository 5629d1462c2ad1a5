// Package faultproxy is a TCP proxy for fault-injection tests: it sits
// between dbls and a real PostgreSQL or MySQL/MariaDB server on 127.0.0.1,
// reads the client's side of the wire protocol message by message, and cuts
// the connection at a chosen message: before it is sent, right after it is
// sent, or once the server has answered it (the answer never reaches the
// client). That is how a test makes "the connection dropped during COMMIT"
// or "after the 6th statement" happen exactly, every run.
//
// A proxy counts the client messages of all its connections that match its
// rule, and fires once. New connections after the cut pass through, so that
// the client can reconnect and see what the server did. Messages after a
// TLS handshake cannot be read: tests connect without TLS (sslmode=disable,
// tls=false).
package faultproxy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Protocol is the wire protocol the proxy reads.
type Protocol int

const (
	// Postgres is PostgreSQL's frontend/backend protocol 3.0.
	Postgres Protocol = iota + 1
	// MySQL is the MySQL/MariaDB client/server protocol.
	MySQL
)

func (p Protocol) String() string {
	switch p {
	case Postgres:
		return "postgres"
	case MySQL:
		return "mysql"
	}
	return fmt.Sprintf("Protocol(%d)", int(p))
}

// When is where, around the chosen message, the connection is cut.
type When int

const (
	// AfterReply sends the message, waits until the server has answered it
	// (PostgreSQL: ReadyForQuery; MySQL: the first packet of the reply),
	// drops the answer and cuts: the server did the work, the client never
	// learns it. This is the deterministic "lost during COMMIT".
	AfterReply When = iota
	// AfterSend sends the message and cuts at once: the server may or may
	// not get to run it.
	AfterSend
	// BeforeSend cuts without sending the message: the server never sees
	// it.
	BeforeSend
)

// Rule chooses the message to cut at.
type Rule struct {
	// Contains selects the client messages whose bytes contain it, case
	// insensitively ("COMMIT", "CREATE TABLE"); "" selects every message
	// (startup and authentication messages included).
	Contains string
	// After, when set, selects only messages that follow, on the same
	// connection, one that contains it (case insensitively): Contains
	// "commit" After "CREATE TABLE" is the COMMIT of a plan, not of a
	// catalog read.
	After string
	// Nth is which selected message fires the cut, counted across all the
	// proxy's connections from when the rule is set; 0 means the first.
	Nth int
	// When places the cut around that message.
	When When
	// OnCut, when set, runs at the cut: after the message was sent (and
	// answered, for AfterReply) and before the client's connection is
	// closed, so that a test can, say, stop the server before the client
	// can reconnect.
	OnCut func()
}

// replyTimeout bounds how long AfterReply waits for the server's answer
// before cutting anyway.
const replyTimeout = 10 * time.Second

// Proxy is a running proxy. Its methods are safe for concurrent use.
type Proxy struct {
	proto    Protocol
	upstream string
	ln       net.Listener

	mu      sync.Mutex
	rule    *Rule
	seen    int // messages matching the rule so far
	cut     chan struct{}
	fired   bool
	conns   map[*pair]struct{}
	closed  bool
	wg      sync.WaitGroup
	logf    func(string, ...any)
	matched []string
}

// Start listens on a free port of 127.0.0.1 and forwards every connection
// to upstream (host:port); it is closed when t ends.
func Start(t testing.TB, proto Protocol, upstream string) *Proxy {
	t.Helper()
	p, err := Listen(proto, upstream)
	if err != nil {
		t.Fatalf("fault proxy: %v", err)
	}
	p.logf = t.Logf
	t.Cleanup(p.Close)
	return p
}

// Listen is Start without a test: the caller closes the proxy.
func Listen(proto Protocol, upstream string) (*Proxy, error) {
	if proto != Postgres && proto != MySQL {
		return nil, fmt.Errorf("faultproxy: unknown protocol %v", proto)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: listen on 127.0.0.1: %w", err)
	}
	p := &Proxy{proto: proto, upstream: upstream, ln: ln, conns: map[*pair]struct{}{}, cut: make(chan struct{})}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the proxy's host:port, to put in a connection URL in place of the
// server's.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Route returns url (a connection URL or DSN naming the upstream's
// host:port) with the proxy's address in its place.
func (p *Proxy) Route(url string) string {
	return strings.Replace(url, p.upstream, p.Addr(), 1)
}

// CutAt arms r: the connection that carries the rule's Nth matching message
// is cut there. It replaces an earlier rule and resets the count.
func (p *Proxy) CutAt(r Rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.Nth <= 0 {
		r.Nth = 1
	}
	p.rule, p.seen, p.fired = &r, 0, false
	p.cut = make(chan struct{})
}

// Cut is closed once the armed rule has fired and the connection is cut.
func (p *Proxy) Cut() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cut
}

// Fired reports whether the armed rule has cut a connection.
func (p *Proxy) Fired() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fired
}

// Matched returns the messages the rule selected so far, as text, for
// failure messages.
func (p *Proxy) Matched() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.matched...)
}

// CutAll cuts every open connection at once, as a network failure would.
func (p *Proxy) CutAll() {
	p.mu.Lock()
	conns := make([]*pair, 0, len(p.conns))
	for c := range p.conns {
		conns = append(conns, c)
	}
	p.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// Close stops listening, cuts every connection and waits for them to end.
func (p *Proxy) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.ln.Close()
	p.CutAll()
	p.wg.Wait()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.DialTimeout("tcp", p.upstream, 10*time.Second)
		if err != nil {
			p.log("faultproxy: dial %s: %v", p.upstream, err)
			client.Close()
			continue
		}
		c := &pair{p: p, client: client, server: server, replied: make(chan struct{}), done: make(chan struct{}),
			spoke: make(chan struct{})}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			c.close()
			return
		}
		p.conns[c] = struct{}{}
		p.mu.Unlock()
		p.wg.Add(2)
		go c.clientToServer()
		go c.serverToClient()
	}
}

func (p *Proxy) log(format string, args ...any) {
	if p.logf != nil {
		p.logf(format, args...)
	}
}

// decide counts msg against the rule and says whether it fires the cut,
// and how.
func (p *Proxy) decide(c *pair, msg []byte) (*Rule, chan struct{}, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.rule
	if r == nil || p.fired {
		return nil, nil, false
	}
	if r.After != "" && !c.after {
		c.after = containsFold(msg, r.After)
		return nil, nil, false
	}
	if r.Contains != "" && !containsFold(msg, r.Contains) {
		return nil, nil, false
	}
	p.seen++
	p.matched = append(p.matched, printable(msg))
	if p.seen < r.Nth {
		return nil, nil, false
	}
	p.fired = true
	return r, p.cut, true
}

func containsFold(msg []byte, s string) bool {
	return bytes.Contains(bytes.ToLower(msg), bytes.ToLower([]byte(s)))
}

// printable keeps the readable bytes of a message, for logs.
func printable(msg []byte) string {
	out := make([]byte, 0, len(msg))
	for _, b := range msg {
		if b >= 0x20 && b < 0x7f {
			out = append(out, b)
		}
	}
	if len(out) > 200 {
		out = append(out[:200], "…"...)
	}
	return string(out)
}

// pair is one proxied connection.
type pair struct {
	p              *Proxy
	client, server net.Conn
	once           sync.Once
	done           chan struct{} // closed by close
	answer         chan struct{} // PostgreSQL: closed when the one-byte answer is read
	spoke          chan struct{} // PostgreSQL: closed once the client's first message is read
	spokeOnce      sync.Once

	after bool // a message containing the rule's After passed (under p.mu)

	mu sync.Mutex
	// opaque: a TLS handshake began, messages can no longer be read.
	opaque bool
	// expectByte: the server's next answer is one byte (PostgreSQL's
	// answer to SSLRequest or GSSENCRequest).
	expectByte bool
	started    bool // PostgreSQL: the first ReadyForQuery passed
	ends       int  // PostgreSQL: requests sent (Query, Sync) after startup
	readies    int  // PostgreSQL: ReadyForQuery received after startup
	dropping   bool // the cut is under way: the server's bytes are dropped
	waitFor    int  // PostgreSQL: readies that answer the cut message
	replied    chan struct{}
	repliedSet bool
}

func (c *pair) close() {
	c.once.Do(func() {
		close(c.done)
		c.client.Close()
		c.server.Close()
		c.p.mu.Lock()
		delete(c.p.conns, c)
		c.p.mu.Unlock()
	})
}

// clientToServer forwards the client's messages one by one, and cuts where
// the rule says.
func (c *pair) clientToServer() {
	defer c.p.wg.Done()
	defer c.close()
	r := &reader{r: c.client}
	first := true
	seq1 := false // MySQL: the packet after the greeting
	for {
		c.mu.Lock()
		opaque := c.opaque
		c.mu.Unlock()
		if opaque {
			io.Copy(c.server, c.client) //nolint:errcheck // ends with either side
			return
		}
		var msg []byte
		var err error
		end := false // the message completes a request the server answers
		switch c.p.proto {
		case Postgres:
			if first {
				msg, err = r.pgStartup()
				if err == nil && len(msg) >= 8 {
					switch binary.BigEndian.Uint32(msg[4:8]) {
					case 80877103, 80877104: // SSLRequest, GSSENCRequest
						answer := make(chan struct{})
						c.mu.Lock()
						c.expectByte, c.answer = true, answer
						c.mu.Unlock()
						c.spokeOnce.Do(func() { close(c.spoke) })
						if werr := c.write(msg); werr != nil {
							return
						}
						// The startup message, or TLS, follows the answer.
						select {
						case <-answer:
						case <-c.done:
							return
						}
						continue
					}
				}
				first = false
				c.spokeOnce.Do(func() { close(c.spoke) })
			} else {
				msg, err = r.pgMessage()
				end = err == nil && (msg[0] == 'Q' || msg[0] == 'S')
			}
		case MySQL:
			msg, err = r.mysqlPacket()
			if err == nil {
				n := int(msg[0]) | int(msg[1])<<8 | int(msg[2])<<16
				if !seq1 && msg[3] == 1 {
					seq1 = true
					// A 32-byte handshake response with CLIENT_SSL asks
					// for TLS.
					if n == 32 && binary.LittleEndian.Uint32(msg[4:8])&0x800 != 0 {
						c.mu.Lock()
						c.opaque = true
						c.mu.Unlock()
					}
				}
				end = n < 0xffffff
			}
		}
		if err != nil {
			return
		}
		if r, done, fire := c.p.decide(c, msg); fire {
			c.cutAt(msg, r.When, end, r.OnCut)
			close(done)
			return
		}
		c.countEnd(end)
		if err := c.write(msg); err != nil {
			return
		}
	}
}

func (c *pair) write(msg []byte) error {
	_, err := c.server.Write(msg)
	return err
}

func (c *pair) countEnd(end bool) {
	if end && c.p.proto == Postgres {
		c.mu.Lock()
		c.ends++
		c.mu.Unlock()
	}
}

// cutAt carries out the cut at msg. When msg does not complete a request
// (a PostgreSQL Parse before its Sync), the server would not run it alone:
// the messages up to the request's end go too.
func (c *pair) cutAt(msg []byte, when When, end bool, onCut func()) {
	defer c.close()
	if onCut != nil {
		defer onCut()
	}
	c.p.log("faultproxy: cutting a %v connection %s: %s", c.p.proto, [...]string{"after the reply to", "after sending", "before sending"}[when], printable(msg))
	if when == BeforeSend {
		return
	}
	msgs := [][]byte{msg}
	r := &reader{r: c.client}
	for !end && c.p.proto == Postgres {
		m, err := r.pgMessage()
		if err != nil {
			break
		}
		msgs = append(msgs, m)
		end = m[0] == 'Q' || m[0] == 'S'
	}
	c.mu.Lock()
	if when == AfterReply {
		c.dropping = true
		c.waitFor = c.ends + 1
	}
	if end {
		c.ends++
	}
	c.mu.Unlock()
	for _, m := range msgs {
		if err := c.write(m); err != nil {
			return
		}
	}
	if when == AfterReply {
		select {
		case <-c.replied:
		case <-c.done:
		case <-time.After(replyTimeout):
			c.p.log("faultproxy: no reply within %v; cutting anyway", replyTimeout)
		}
	}
}

// serverToClient forwards the server's bytes, reading PostgreSQL's messages
// to know when the cut message is answered, and drops them once the cut is
// under way.
func (c *pair) serverToClient() {
	defer c.p.wg.Done()
	defer c.close()
	r := &reader{r: c.server}
	if c.p.proto == Postgres {
		// The server speaks only when spoken to; the first answer may be
		// one byte, which the client's first message tells.
		select {
		case <-c.spoke:
		case <-c.done:
			return
		}
	}
	for {
		c.mu.Lock()
		opaque, expectByte := c.opaque, c.expectByte
		c.mu.Unlock()
		var msg []byte
		var err error
		switch {
		case opaque || c.p.proto == MySQL:
			buf := make([]byte, 32*1024)
			var n int
			n, err = c.server.Read(buf)
			msg = buf[:n]
		case expectByte:
			msg, err = r.full(1)
			c.mu.Lock()
			c.expectByte = false
			if err == nil && (msg[0] == 'S' || msg[0] == 'G') {
				c.opaque = true
			}
			close(c.answer)
			c.mu.Unlock()
		default:
			msg, err = r.pgMessage()
		}
		if len(msg) > 0 {
			c.mu.Lock()
			dropping := c.dropping
			if c.p.proto == Postgres && !opaque && !expectByte && msg[0] == 'Z' {
				if c.started {
					c.readies++
				}
				c.started = true
			}
			if dropping && !c.repliedSet && (c.p.proto == MySQL || c.readies >= c.waitFor) {
				c.repliedSet = true
				close(c.replied)
			}
			c.mu.Unlock()
			if !dropping {
				if _, werr := c.client.Write(msg); werr != nil {
					return
				}
			}
		}
		if err != nil {
			return
		}
	}
}

// reader reads whole protocol messages.
type reader struct{ r io.Reader }

func (r *reader) full(n int) ([]byte, error) {
	buf := make([]byte, n)
	_, err := io.ReadFull(r.r, buf)
	return buf, err
}

// pgStartup reads a message without a type byte: Int32 length first.
func (r *reader) pgStartup() ([]byte, error) {
	head, err := r.full(4)
	if err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint32(head))
	if n < 4 || n > 1<<20 {
		return nil, errors.New("faultproxy: bad startup message length")
	}
	body, err := r.full(n - 4)
	return append(head, body...), err
}

// pgMessage reads a type byte, an Int32 length and the rest.
func (r *reader) pgMessage() ([]byte, error) {
	head, err := r.full(5)
	if err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint32(head[1:]))
	if n < 4 || n > 1<<30 {
		return nil, errors.New("faultproxy: bad message length")
	}
	body, err := r.full(n - 4)
	return append(head, body...), err
}

// mysqlPacket reads a 3-byte length, a sequence byte and the payload.
func (r *reader) mysqlPacket() ([]byte, error) {
	head, err := r.full(4)
	if err != nil {
		return nil, err
	}
	n := int(head[0]) | int(head[1])<<8 | int(head[2])<<16
	body, err := r.full(n)
	return append(head, body...), err
}
