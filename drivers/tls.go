package drivers

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// TLS modes, in increasing strictness. They mean the same for every driver.
const (
	TLSDisable    = "disable"     // plain TCP
	TLSRequire    = "require"     // encrypt, trust any certificate
	TLSVerifyCA   = "verify-ca"   // encrypt, certificate signed by the CA
	TLSVerifyFull = "verify-full" // and issued for the host name
)

// TLSOptions configure TLS the same way for every server driver, from the
// config file's [connections.NAME.tls] table.
type TLSOptions struct {
	Mode string
	// CAFile holds the PEM certificates that sign the server's certificate;
	// empty means the system roots.
	CAFile string
	// CertFile and KeyFile are a client certificate and its key, for
	// certificate authentication.
	CertFile, KeyFile string
	// ServerName overrides the host name checked by verify-full (useful
	// through a tunnel, where the dialled host is not the certificate's).
	ServerName string
}

// Config builds the *tls.Config for a connection to host, or nil for
// disable. Errors name the file that could not be used.
func (o TLSOptions) Config(host string) (*tls.Config, error) {
	mode := o.Mode
	if mode == "" {
		mode = TLSVerifyFull
	}
	if mode == TLSDisable {
		return nil, nil
	}
	cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if o.ServerName != "" {
		cfg.ServerName = o.ServerName
	}
	if o.CertFile != "" || o.KeyFile != "" {
		cert, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("tls: client certificate %s / key %s: %w", o.CertFile, o.KeyFile, err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	var roots *x509.CertPool
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("tls: CA file: %w", err)
		}
		roots = x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls: CA file %s holds no PEM certificate", o.CAFile)
		}
		cfg.RootCAs = roots
	}
	switch mode {
	case TLSRequire:
		cfg.InsecureSkipVerify = true
	case TLSVerifyCA:
		// Go verifies the chain and the name together; verify-ca wants the
		// chain alone, so verification is done here without the name.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error { return verifyChain(cs, roots) }
	case TLSVerifyFull:
	default:
		return nil, fmt.Errorf("tls: unknown mode %q (want disable, require, verify-ca or verify-full)", mode)
	}
	return cfg, nil
}

func verifyChain(cs tls.ConnectionState, roots *x509.CertPool) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("tls: server sent no certificate")
	}
	opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	if _, err := cs.PeerCertificates[0].Verify(opts); err != nil {
		return fmt.Errorf("tls: server certificate not signed by the configured CA: %w", err)
	}
	return nil
}

// TLSCertificateProblem recognizes a server certificate that failed
// verification somewhere in err's chain and says what is wrong in words a
// user can act on; cause is the x509 error, or nil when err is not one.
// Drivers put it in front of their connection errors, whose own wording
// ("tls: failed to verify certificate: x509: …") buries the reason.
func TLSCertificateProblem(err error) (what string, cause error) {
	var host x509.HostnameError
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &host):
		return fmt.Sprintf("TLS: the server certificate does not match host name %q", host.Host), host
	case errors.As(err, &unknown):
		return "TLS: the server certificate is not trusted (check the CA file)", unknown
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "TLS: the server certificate has expired or is not yet valid", invalid
	case errors.As(err, &invalid):
		return "TLS: the server certificate is not valid", invalid
	}
	return "", nil
}
