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
	"strings"
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
// and again, atomically where the file system allows, when putting the file in place).
func writeNewFile(path string, perm fs.FileMode, force bool, write func(io.Writer) error) (err error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fileError{path, "is a directory"}
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return errExists{path}
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fileError{path, fmt.Sprintf("its directory %s does not exist", filepath.Clean(dir))}
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fsError(path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fsError(path, err)
	}
	if err = f.Chmod(perm); err != nil {
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
