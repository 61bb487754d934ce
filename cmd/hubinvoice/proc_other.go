//go:build !unix

package main

// processAlive reports whether a process of that pid may run: here, where hubinvoice cannot
// ask, always, so that no other run's temporary file is ever deleted.
func processAlive(pid int) bool { return true }
