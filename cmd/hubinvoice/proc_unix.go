//go:build unix

package main

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process of that pid runs (or may: one of another user's that
// cannot be signalled counts as alive).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
