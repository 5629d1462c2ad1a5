package external

import "syscall"

// setParentDeathSignal kills the plugin if dbls dies without closing it.
func setParentDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
