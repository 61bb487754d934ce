package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// defaultConfigPath returns where the profile lives when --config is not given:
// hubinvoice/profile.toml in the user's configuration directory, as os.UserConfigDir finds it
// but through the command's environment, so that tests can set XDG_CONFIG_HOME or HOME.
func defaultConfigPath(e *env) (string, error) {
	dir, err := userConfigDir(e.getenv)
	if err != nil {
		return "", fmt.Errorf("no default profile location (%v)\nhint: give one with --config FILE", err)
	}
	return filepath.Join(dir, "hubinvoice", "profile.toml"), nil
}

// userConfigDir is os.UserConfigDir reading the environment through getenv.
func userConfigDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if dir := getenv("AppData"); dir != "" {
			return dir, nil
		}
		return "", errors.New("%AppData% is not set")
	case "darwin", "ios":
		if dir := getenv("HOME"); dir != "" {
			return filepath.Join(dir, "Library", "Application Support"), nil
		}
		return "", errors.New("$HOME is not set")
	case "plan9":
		if dir := getenv("home"); dir != "" {
			return filepath.Join(dir, "lib"), nil
		}
		return "", errors.New("$home is not set")
	}
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" {
		if !filepath.IsAbs(dir) {
			return "", fmt.Errorf("$XDG_CONFIG_HOME is %q, a relative path", dir)
		}
		return dir, nil
	}
	if dir := getenv("HOME"); dir != "" {
		return filepath.Join(dir, ".config"), nil
	}
	return "", errors.New("neither $XDG_CONFIG_HOME nor $HOME is set")
}

// errExists is the error of a command that would overwrite a file without --force.
type errExists struct{ path string }

func (e errExists) Error() string {
	return fmt.Sprintf("%s: already exists; not overwritten\nhint: use --force to replace it", e.path)
}

// writeNewFile writes a file through write, whole or not at all: into a temporary file in the
// same directory, renamed to path at the end, so that a run killed part-way leaves no partial
// file at path. Without force it refuses to replace an existing file (checked before writing
// and again, atomically where the file system allows, when putting the file in place). The
// file is created with perm less the umask, as any new file.
//
// A batch writes thousands of files, so the common case takes few system calls: a look at
// path, the temporary file's open, one write for a file up to 64 KB, close and rename (or
// link and unlink); what went wrong is found out only when something did.
func writeNewFile(path string, perm fs.FileMode, force bool, write func(io.Writer) error) (err error) {
	if !force {
		if st, err := os.Lstat(path); err == nil {
			if st.IsDir() {
				return fileError{path, "is a directory"}
			}
			return errExists{path}
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, tmp, err := createTemp(dir, base, perm)
	if err != nil {
		if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
			return fileError{path, fmt.Sprintf("its directory %s does not exist", filepath.Clean(dir))}
		}
		return fsError(path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(f)
	defer func() { bw.Reset(nil); writers.Put(bw) }()
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fsError(path, err)
	}
	if err = f.Close(); err != nil {
		return fsError(path, err)
	}
	if force {
		if err = os.Rename(tmp, path); err != nil {
			return fsError(path, err)
		}
		return nil
	}
	switch err = renameNoReplace(tmp, path); {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return errExists{path}
	case !errors.Is(err, errors.ErrUnsupported):
		return fsError(path, err)
	}
	// A hard link fails when path exists; where links are not supported, check and rename.
	if err = os.Link(tmp, path); err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return errExists{path}
	}
	if _, err = os.Lstat(path); err == nil {
		return errExists{path}
	}
	if err = os.Rename(tmp, path); err != nil {
		return fsError(path, err)
	}
	return nil
}

// writers are the buffers writeNewFile writes through: 64 KB holds a whole invoice.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// tempSeq numbers this process's temporary files.
var tempSeq atomic.Uint64

// createTemp creates a new file .<base>.<pid>-<n>.tmp in dir, with perm less the umask.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, string, error) {
	prefix := filepath.Join(dir, "."+base+"."+strconv.Itoa(os.Getpid())+"-")
	for {
		name := prefix + strconv.FormatUint(tempSeq.Add(1), 10) + ".tmp"
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue // left by another process of the same number
		}
		return f, name, err
	}
}

// fileError is a problem writing a file, said of the file the user named (never of the
// temporary file it is written through).
type fileError struct{ path, msg string }

func (e fileError) Error() string { return e.path + ": " + e.msg }

// fsError turns a file system error met while writing path into a fileError.
func fsError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fileError{path, "permission denied"}
	case errors.Is(err, syscall.ENOSPC):
		return fileError{path, "no space left on the device"}
	case errors.Is(err, syscall.EISDIR) || errors.Is(err, fs.ErrExist):
		return fileError{path, "is a directory"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return fileError{path, err.Error()}
}

// mkdirFor creates the directory that will hold path, private to the user (a profile holds
// bank details).
func mkdirFor(path string) error {
	return os.MkdirAll(filepath.Dir(path), 0o700)
}

// shellQuote quotes s for a POSIX shell when it needs quoting, for commands we suggest.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@%+=,", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
