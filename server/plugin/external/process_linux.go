package external

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// setParentDeathSignal kills the plugin if dbls dies without closing it.
func setParentDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }

// kill kills the plugin and everything it started: its process group; its
// descendants found through /proc while it is alive (they may have left
// the group with setsid); and every process that carries its marker in its
// environment, which finds the descendants that also left its tree (a
// daemon's double fork). Found processes are killed and the search is
// repeated until it finds none, so that a process forking meanwhile is
// caught too (a process already signalled is not sought again). What escapes: a process that both left the tree and was
// started with an environment without the marker, and processes of another
// user. Only a cgroup would hold those.
func (p *process) kill() {
	pid := p.cmd.Process.Pid
	if pid <= 0 {
		return
	}
	needle := []byte(MarkerEnv + "=" + p.marker + "\x00")
	killed := map[int]bool{}
	for range 10 {
		var found []int
		procs := listProcs()
		if !p.reaped.Load() {
			found = append(found, descendants(procs, pid)...)
		}
		for _, q := range procs {
			if q.pid != pid && !q.zombie && !killed[q.pid] && carries(q.pid, needle) {
				found = append(found, q.pid)
			}
		}
		p.killGroup()
		fresh := 0
		for _, q := range found {
			if !killed[q] {
				killed[q] = true
				fresh++
				syscall.Kill(q, syscall.SIGKILL)
			}
		}
		if fresh == 0 {
			return
		}
	}
}

type procInfo struct {
	pid, ppid int
	zombie    bool
}

// listProcs reads every process's parent from /proc.
func listProcs() []procInfo {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var out []procInfo
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		out = append(out, procInfo{pid: pid, ppid: ppid, zombie: f[0] == "Z"})
	}
	return out
}

// descendants are the live processes whose parent chain leads to root.
func descendants(procs []procInfo, root int) []int {
	children := map[int][]procInfo{}
	for _, q := range procs {
		children[q.ppid] = append(children[q.ppid], q)
	}
	var out []int
	queue := []int{root}
	seen := map[int]bool{root: true}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, c := range children[n] {
			if seen[c.pid] {
				continue
			}
			seen[c.pid] = true
			queue = append(queue, c.pid)
			if !c.zombie {
				out = append(out, c.pid)
			}
		}
	}
	return out
}

// carries reports whether pid's environment holds needle (NAME=value
// followed by its NUL). Another user's processes cannot be read: false.
func carries(pid int, needle []byte) bool {
	env, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil {
		return false
	}
	return bytes.HasPrefix(env, needle) || bytes.Contains(env, append([]byte{0}, needle...))
}
