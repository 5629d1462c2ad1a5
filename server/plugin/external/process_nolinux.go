//go:build unix && !linux

package external

import "syscall"

func setParentDeathSignal(*syscall.SysProcAttr) {}

// kill kills the plugin's process group. A descendant that left it
// (setsid) is out of reach on this system.
func (p *process) kill() { p.killGroup() }
