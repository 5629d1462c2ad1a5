package migration

import (
	"fmt"
	"strconv"
	"time"
)

// stampFormat is the timestamp version golang-migrate (-format) and Atlas
// use.
const stampFormat = "20060102150405"

// next returns the version after the directory's last, in the style of the
// existing ones: the same zero-padded width for sequence numbers, a
// timestamp (or Unix seconds) when they are timestamps. Atlas versions are
// always timestamps. A version is always greater than every existing one.
func next(l Layout, names []string, now time.Time) string {
	var last uint64
	width, found := 0, false
	for _, n := range names {
		v := versionOf(l, n)
		u, err := strconv.ParseUint(v, 10, 64)
		if v == "" || err != nil {
			continue
		}
		if !found || u > last {
			last = u
		}
		width, found = max(width, len(v)), true
	}
	after := func(u uint64) string { // never at or before an existing version
		if found && u <= last {
			u = last + 1
		}
		return strconv.FormatUint(u, 10)
	}
	switch {
	case l == Atlas || found && isStamp(last):
		u, _ := strconv.ParseUint(now.Format(stampFormat), 10, 64)
		return after(u)
	case found && isUnix(last, width):
		return after(uint64(now.Unix()))
	case found:
		return fmt.Sprintf("%0*d", width, last+1)
	}
	return fmt.Sprintf("%0*d", map[Layout]int{GolangMigrate: 6, Plain: 4, Flyway: 1}[l], 1)
}

// versionOf returns the version digits of a migration file name of the
// layout, or "".
func versionOf(l Layout, name string) string {
	re := plainRe
	switch l {
	case GolangMigrate:
		re = golangRe
	case Flyway:
		re = flywayRe
	}
	if m := re.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return ""
}

// isStamp reports whether a version reads as a YYYYMMDDhhmmss timestamp.
func isStamp(v uint64) bool {
	s := strconv.FormatUint(v, 10)
	if len(s) != len(stampFormat) {
		return false
	}
	_, err := time.Parse(stampFormat, s)
	return err == nil
}

// isUnix reports whether versions are Unix seconds (golang-migrate's
// default for "migrate create" without -seq).
func isUnix(v uint64, width int) bool {
	return width == 10 && v >= 1_000_000_000
}
