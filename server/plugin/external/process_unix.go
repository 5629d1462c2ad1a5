//go:build unix

package external

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the plugin in a process group of its own, so that
// kill reaches whatever the plugin started too.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setParentDeathSignal(cmd.SysProcAttr)
}

// killGroup kills the plugin's process group, and the plugin itself in
// case it left the group, unless it was waited for already (its pid may
// be another process's now).
func (p *process) killGroup() {
	pid := p.cmd.Process.Pid
	if pid <= 0 {
		return
	}
	syscall.Kill(-pid, syscall.SIGKILL)
	if !p.reaped.Load() {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}
