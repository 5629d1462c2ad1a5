//go:build !unix

package secret

import "os/exec"

func ownGroup(*exec.Cmd) {}

// killGroup kills the command; its children are out of reach here, and the
// caller stops reading their output.
func killGroup(c *exec.Cmd) {
	if c.Process != nil {
		c.Process.Kill()
	}
}
