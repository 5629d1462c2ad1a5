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

func (p *process) kill() {
	if pid := p.cmd.Process.Pid; pid > 0 {
		syscall.Kill(-pid, syscall.SIGKILL)
	}
}
