//go:build !unix

package external

import "os/exec"

func setProcessGroup(*exec.Cmd) {}

func (p *process) kill() { p.cmd.Process.Kill() }
