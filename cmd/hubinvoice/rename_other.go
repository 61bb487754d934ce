//go:build !linux

package main

import "errors"

// renameNoReplace is a rename that never replaces newpath: on this system, where there is
// no such system call, errors.ErrUnsupported, and writeNewFile links instead.
func renameNoReplace(oldpath, newpath string) error { return errors.ErrUnsupported }
