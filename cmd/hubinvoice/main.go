// Command hubinvoice turns a practice platform's Payments export into the monthly invoice for
// sessions paid with employer-sponsored credits.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
