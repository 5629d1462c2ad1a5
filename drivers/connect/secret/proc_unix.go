//go:build unix

package secret

import (
	"os/exec"
	"syscall"
)

// ownGroup puts the command in a process group of its own, so that
// killGroup reaches whatever it started too.
func ownGroup(c *exec.Cmd) { c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills the command's process group. A process that left the
// group (setsid) is out of reach; the caller stops reading its output.
func killGroup(c *exec.Cmd) {
	if c.Process != nil && c.Process.Pid > 0 {
		syscall.Kill(-c.Process.Pid, syscall.SIGKILL)
	}
}
