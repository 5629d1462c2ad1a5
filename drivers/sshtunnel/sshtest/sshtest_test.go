package sshtest_test

import (
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/dbls/dbls/drivers/sshtunnel/sshtest"
)

// echo is a TCP echo server on 127.0.0.1, closed when the test ends.
func echo(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
			}()
		}
	}()
	return ln.Addr().String()
}

func dial(t *testing.T, s *sshtest.Server, auth ssh.AuthMethod) (*ssh.Client, error) {
	t.Helper()
	cb, err := knownhosts.New(s.KnownHosts(t))
	if err != nil {
		t.Fatal(err)
	}
	return ssh.Dial("tcp", s.Addr(), &ssh.ClientConfig{User: "any", Auth: []ssh.AuthMethod{auth},
		HostKeyCallback: cb, Timeout: 20 * time.Second})
}

func TestServer(t *testing.T) {
	key := sshtest.NewKey(t)
	s := sshtest.Start(t, sshtest.Options{Password: "pw", AuthorizedKeys: []ssh.PublicKey{key.Public}})
	if s.Addr() != net.JoinHostPort(s.Host(), strconv.Itoa(s.Port())) {
		t.Fatalf("Addr %q, Host %q, Port %d disagree", s.Addr(), s.Host(), s.Port())
	}
	if _, err := dial(t, s, ssh.Password("nope")); err == nil {
		t.Fatal("a wrong password logged in")
	}
	target := echo(t)
	for _, auth := range []ssh.AuthMethod{ssh.Password("pw"), ssh.PublicKeys(key.Signer)} {
		c, err := dial(t, s, auth)
		if err != nil {
			t.Fatal(err)
		}
		conn, err := c.Dial("tcp", target)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(conn, "ping"); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4)
		if _, err := io.ReadFull(conn, buf); err != nil || string(buf) != "ping" {
			t.Fatalf("echo through the server: %q, %v", buf, err)
		}
		conn.Close()
		c.Close()
	}
	if s.Logins() != 2 || s.Forwards(target) != 2 {
		t.Errorf("Logins %d, Forwards %d; want 2 and 2", s.Logins(), s.Forwards(target))
	}
	s.WaitEnded(t, 2)

	s.Stop()
	if _, err := dial(t, s, ssh.Password("pw")); err == nil {
		t.Fatal("a stopped server accepted a login")
	}
	s.Restart()
	c, err := dial(t, s, ssh.Password("pw"))
	if err != nil {
		t.Fatalf("after Restart (same port, same host key): %v", err)
	}
	c.Close()
}

func TestKeys(t *testing.T) {
	key := sshtest.NewKey(t)
	signer, err := ssh.ParsePrivateKeyWithPassphrase(key.EncryptedPEM(t, "secret"), []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	if string(signer.PublicKey().Marshal()) != string(key.Public.Marshal()) {
		t.Fatal("EncryptedPEM holds another key")
	}
	if _, err := ssh.ParsePrivateKey(key.PEM); err != nil {
		t.Fatalf("PEM: %v", err)
	}
}
