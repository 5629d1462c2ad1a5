//go:build unix && !linux

package external

import "syscall"

func setParentDeathSignal(*syscall.SysProcAttr) {}
