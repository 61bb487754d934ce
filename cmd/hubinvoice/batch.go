package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/register"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

type batchOptions struct {
	exportFlags
	invoiceFlags
	registerFlag
	preview    bool // --draft
	supplement bool
	profiles   string
	outDir     string
	clinic     string
	jobs       int
	json       bool
	force      bool
	strict     bool
	quiet      bool
	draft      bool // --draft-email
}

func newBatchCmd(e *env) *cobra.Command {
	opts := &batchOptions{}
	c := &cobra.Command{
		Use:   "batch EXPORT --profiles DIR --out-dir DIR",
		Short: "Write every professional's invoice for the month from one export",
		Long: `Write the month's invoices of every professional in one Payments export: one PDF per
professional and bill-to party, each from the professional's profile in --profiles (one
TOML file each, as 'invoice --config' reads, matched by email). With --clinic FILE, write
instead one invoice from the clinic to each bill-to party, lines grouped by professional.

A professional without a profile is listed and skipped; the others are written. Existing
invoices are kept unless --force. Every file is written under a temporary name and renamed,
so a run killed at any moment leaves only whole PDFs; a rerun completes it. A summary table
is printed, and summary.csv (no client data) is written beside the invoices.

Exit status: 0 every invoice written or kept; 1 bad data or failure (with --strict, a missing
profile, and nothing is written); 2 usage error; 4 partial: some professionals skipped;
130 interrupted.`,
		Example: `  hubinvoice batch payments.xlsx --month 2024-03 --profiles profiles/ --out-dir invoices/
  hubinvoice batch payments.xlsx --clinic clinic.toml --out-dir invoices/ --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runBatch(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	opts.invoiceFlags.register(f, "the invoices' language, en or is (default: each profile's)")
	opts.exportFlags.register(f, "", "")
	f.StringVar(&opts.profiles, "profiles", "", "directory of professionals' profiles, one .toml each")
	f.StringVar(&opts.outDir, "out-dir", "", "directory to write the invoices and summary.csv to (created if missing)")
	f.StringVar(&opts.clinic, "clinic", "", "the clinic's profile: one invoice from the clinic per bill-to party")
	f.IntVar(&opts.jobs, "jobs", runtime.NumCPU(), "invoices rendered at once")
	f.BoolVar(&opts.json, "json", false, "print a JSON summary on stdout instead of the table")
	f.BoolVar(&opts.force, "force", false, "replace existing invoices, and write those the checks find wrong")
	f.BoolVar(&opts.strict, "strict", false, "write nothing if any professional has no profile")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar")
	f.BoolVar(&opts.draft, "draft-email", false, "also write each invoice's email beside its PDF (.eml, see 'hubinvoice draft')")
	opts.registerFlag.register(f)
	f.BoolVar(&opts.preview, "draft", false, "previews marked DRAFT, with no numbers: nothing is recorded in the register")
	f.BoolVar(&opts.supplement, "supplement", false, "for a month invoiced before, invoices of only the sessions on no issued invoice yet")
	return c
}

// batchResult is what became of one planned invoice.
type batchResult struct {
	plan   invoice.Planned
	checks []string // codes of the checks' errors and warnings for the invoice's professional
	path   string
	xml    *eInvoice // the e-invoice beside the PDF; nil when none
	status string    // written, replaced, kept (exists), failed
	pdf    []byte    // the register's PDF of it; nil: render it
	// register is what the register made of it: new, re-run, draft.
	register string
	err      error
	// With --draft-email: the email's path, and what became of it.
	draft, draftStatus string
}

type batchJSON struct {
	Month    string             `json:"month"`
	Invoices []batchInvoiceJSON `json:"invoices"`
	Skipped  []invoice.Skipped  `json:"skipped"`
	Idle     []person           `json:"nothing_to_invoice"`
}

type batchInvoiceJSON struct {
	Professional  person   `json:"professional"`
	BillTo        person   `json:"bill_to"`
	Sessions      int      `json:"sessions"`
	Totals        []amount `json:"totals"`
	InvoiceNumber string   `json:"invoice_number"`
	Register      string   `json:"register"` // new, re-run or draft: see invoice --json
	Output        string   `json:"output"`
	XML           *string  `json:"xml"` // the e-invoice beside the PDF; null when none
	Status        string   `json:"status"`
	DraftEmail    *string  `json:"draft_email,omitempty"`  // with --draft-email
	DraftStatus   string   `json:"draft_status,omitempty"` // with --draft-email
	Checks        []string `json:"checks"`                 // codes of the errors and warnings 'hubinvoice check' explains
}

// batchMemoryLimit is the batch's soft memory limit, unless GOMEMLIMIT sets one.
const batchMemoryLimit = 256 << 20

func runBatch(ctx context.Context, opts *batchOptions, e *env) error {
	if opts.outDir == "" {
		return usagef("--out-dir is required: the directory to write the invoices to")
	}
	if opts.profiles == "" && opts.clinic == "" {
		return usagef("--profiles is required (or --clinic FILE for one invoice from the clinic)")
	}
	if opts.jobs < 1 {
		return usagef("--jobs: %d is not a number of jobs: want 1 or more", opts.jobs)
	}
	done, err := opts.stdin(e)
	if err != nil {
		return err
	}
	defer done()
	req, err := opts.request(&opts.exportFlags, e)
	if err != nil {
		return err
	}
	req.Force = opts.force
	// A batch allocates briskly (a record per row, a document per invoice) but keeps little: the
	// month's lines. Collecting garbage less often saves a third of its time; the soft limit
	// keeps the heap well inside what a laptop or CI runner has, however large the export,
	// unless GOMEMLIMIT sets the user's own (GOMEMLIMIT=off: none, as make bench measures
	// the memory a batch needs). At 1M rows the live heap is about 110 MB: a limit of 100 MB
	// had the collector run without pause and doubled the batch's CPU time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if e.getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchMemoryLimit))
	}
	req.ProfilesDir = opts.profiles // read while the export's first pass runs
	if opts.clinic != "" {
		if req.Clinic, err = loadProfile(opts.clinic, e); err != nil {
			return err
		}
	}
	plan, err := invoice.MakePlan(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return exitError{code: exitInterrupted, err: errors.New("interrupted; nothing written")}
		}
		return planError(err)
	}
	for _, n := range plan.Info.Notes {
		fmt.Fprintln(e.stderr, "note: "+n)
	}
	month, skipped, idle := req.Month, plan.Skipped, plan.Idle
	clinicEmail := ""
	if req.Clinic != nil {
		clinicEmail = req.Clinic.Professional.Email
	}
	checks := sayChecks(plan, clinicEmail, opts, e)
	held := make([]batchResult, len(plan.Held))
	for i, h := range plan.Held {
		reason := "held: " + h.Errors[0].Message
		if req.Clinic != nil {
			reason = fmt.Sprintf("held: the checks found errors for %d professionals", plan.HeldProfessionals())
		}
		held[i] = batchResult{plan: h.Planned, path: filepath.Join(opts.outDir, h.File), status: reason}
	}
	if opts.strict && len(skipped) > 0 {
		return fmt.Errorf("--strict: %s; nothing written", describeSkipped(skipped))
	}
	req.Profiles = plan.Profiles // as loaded while the export was read
	results, refused, err := batchWrite(ctx, plan, req, opts, e)
	if err != nil {
		return err
	}
	results = append(append(results, refused...), held...)
	for i := range results {
		results[i].checks = checks[results[i].plan.Email]
	}
	interrupted := ctx.Err() != nil
	if err := writeSummaryCSV(opts.outDir, results, skipped, idle); err != nil {
		return err
	}
	if opts.json {
		if err := printJSON(e.stdout, batchSummary(month, results, skipped, idle)); err != nil {
			return err
		}
	} else {
		// One write for the table, not one per cell: a clinic's has thousands of rows.
		out := bufio.NewWriterSize(e.stdout, 64<<10)
		printBatchTable(out, results, skipped, idle)
		if err := out.Flush(); err != nil {
			return err
		}
	}

	var failed []error
	for _, r := range results {
		var fe fileError
		switch {
		case r.err == nil || errors.Is(r.err, context.Canceled):
		case errors.As(r.err, &fe):
			failed = append(failed, r.err) // it names the file already
		default:
			failed = append(failed, fmt.Errorf("%s: %v", r.path, r.err))
		}
	}
	switch {
	case interrupted:
		return exitError{code: exitInterrupted, err: fmt.Errorf("interrupted: %d of %d invoices written; run again to complete", countWritten(results), len(plan.Invoices))}
	case len(failed) > 0:
		return errors.Join(failed...)
	case len(skipped) > 0 || len(held) > 0:
		var why []string
		if len(skipped) > 0 {
			why = append(why, describeSkipped(skipped))
		}
		if len(held) > 0 {
			why = append(why, fmt.Sprintf("%d invoices held back: the checks found they would be wrong (see 'hubinvoice check'; --force writes them anyway)", len(held)))
		}
		return exitError{code: exitPartial, err: fmt.Errorf("partial: %s; the other invoices are written", strings.Join(why, "; "))}
	}
	return nil
}

// sayChecks says on stderr which professionals have errors or warnings to check, one line each
// for a few, one line in all for many (summary.csv names each one's), and returns the codes by
// email; on a clinic's invoice the clinic's email collects them all.
func sayChecks(plan *invoice.Plan, clinic string, opts *batchOptions, e *env) map[string][]string {
	const fewLines = 5
	checks := map[string][]string{}
	counts := map[string]int{}
	var order []string // codes in the order first met
	var lines []string
	for _, c := range plan.Checked {
		pro, codes := c.Professional, c.Codes()
		if len(codes) == 0 {
			continue
		}
		for _, code := range codes {
			if counts[code] == 0 {
				order = append(order, code)
			}
			counts[code]++
		}
		checks[pro.Email] = codes
		for _, code := range codes { // a clinic's invoice: each code once, in the order first met
			if clinic != "" && !slices.Contains(checks[clinic], code) {
				checks[clinic] = append(checks[clinic], code)
			}
		}
		lines = append(lines, fmt.Sprintf("warning: %s <%s>: %s; see 'hubinvoice check %s --month %s --professional %s'",
			pro.Name, pro.Email, strings.Join(codes, ", "), opts.rerun(), plan.Month, pro.Email))
	}
	if len(lines) <= fewLines {
		for _, l := range lines {
			fmt.Fprintln(e.stderr, l)
		}
		return checks
	}
	parts := make([]string, len(order))
	for i, c := range order {
		parts[i] = fmt.Sprintf("%s (%d)", c, counts[c])
	}
	fmt.Fprintf(e.stderr, "warning: %d professionals have something to check before sending: %s; the checks column of summary.csv says whose, and 'hubinvoice check %s --month %s --professional EMAIL' explains each\n",
		len(lines), strings.Join(parts, ", "), opts.rerun(), plan.Month)
	return checks
}

// batchWrite numbers the planned invoices in the register and writes them. Without
// e-invoices, each chunk of invoices the register commits is written on opts.jobs goroutines
// while the next is numbered: the numbering (one core) and the rendering overlap. With
// e-invoices, every invoice is numbered and its e-invoice made before anything is written, so
// that an invoice that cannot be one stops the batch with nothing written. It returns the
// results of the invoices written, in plan order, and of those the register refused.
func batchWrite(ctx context.Context, plan *invoice.Plan, req invoice.Request, opts *batchOptions, e *env) (results, refused []batchResult, err error) {
	prepare := func() error {
		if err := os.MkdirAll(opts.outDir, 0o755); err != nil {
			return fmt.Errorf("--out-dir: %v", err)
		}
		if others := removeStaleTemps(opts.outDir); len(others) > 0 {
			fmt.Fprintf(e.stderr, "note: another hubinvoice (pid %s) is writing in %s: its temporary files are left alone\n", joinInts(others), opts.outDir)
		}
		return nil
	}
	planned := plan.Invoices
	if !slices.ContainsFunc(planned, func(p invoice.Planned) bool { return wantsUBL(opts.ubl, batchSender(req, p)) }) {
		if err := prepare(); err != nil {
			return nil, nil, err
		}
		pool := startRender(ctx, len(planned), opts, e)
		refused, err := batchIssue(ctx, plan, req, opts, e, func(i int, p invoice.Planned, iss *register.Issued) {
			pool.add(i, p, iss, nil)
		})
		results := pool.finish()
		return results, refused, err
	}
	type numbered struct {
		i   int
		p   invoice.Planned
		iss *register.Issued
	}
	var all []numbered
	refused, err = batchIssue(ctx, plan, req, opts, e, func(i int, p invoice.Planned, iss *register.Issued) {
		all = append(all, numbered{i, p, iss})
	})
	if err != nil {
		return nil, nil, err
	}
	xmls, err := batchEInvoices(plan.Invoices, req, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("%w\nnothing written", err)
	}
	if err := prepare(); err != nil {
		return nil, nil, err
	}
	pool := startRender(ctx, len(planned), opts, e)
	for j, n := range all {
		pool.add(n.i, n.p, n.iss, xmls[j])
	}
	return pool.finish(), refused, nil
}

// renderPool writes invoices on opts.jobs goroutines as they are added.
type renderPool struct {
	ctx     context.Context
	opts    *batchOptions
	results []batchResult // by plan index
	added   []bool
	jobs    chan renderJob
	wg      sync.WaitGroup
	bar     *progressbar.ProgressBar
	e       *env
}

type renderJob struct {
	i   int
	p   invoice.Planned
	iss *register.Issued
	xml *eInvoice
}

// renderQueue is how many numbered invoices wait for a writer: more than the register
// commits at once (128), so that it numbers the next ones while the writers work, instead of
// waiting to hand each one over.
const renderQueue = 512

// startRender starts the writers of a plan of n invoices.
func startRender(ctx context.Context, n int, opts *batchOptions, e *env) *renderPool {
	pool := &renderPool{ctx: ctx, opts: opts, results: make([]batchResult, n), added: make([]bool, n),
		jobs: make(chan renderJob, renderQueue), bar: progress(n, opts, e), e: e}
	for w := 0; w < opts.jobs && w < n; w++ {
		pool.wg.Go(func() {
			for j := range pool.jobs {
				pool.results[j.i] = renderOne(ctx, j.p, j.xml, j.iss, opts)
				if pool.bar != nil {
					pool.bar.Add(1)
				}
			}
		})
	}
	return pool
}

// add writes the invoice of plan index i, as numbered (iss; nil for a draft), once a writer
// is free; when the batch is interrupted it is not written.
func (pool *renderPool) add(i int, p invoice.Planned, iss *register.Issued, xml *eInvoice) {
	pool.added[i] = true
	select {
	case pool.jobs <- renderJob{i, p, iss, xml}:
	case <-pool.ctx.Done():
		pool.results[i] = batchResult{plan: p, path: filepath.Join(pool.opts.outDir, p.File), status: "not written", err: pool.ctx.Err()}
	}
}

// finish waits for the writers and returns the results of the invoices added, in plan order.
func (pool *renderPool) finish() []batchResult {
	close(pool.jobs)
	pool.wg.Wait()
	if pool.bar != nil {
		pool.bar.Finish()
		fmt.Fprintln(pool.e.stderr)
	}
	var out []batchResult
	for i, r := range pool.results {
		if pool.added[i] {
			out = append(out, r)
		}
	}
	return out
}

func renderOne(ctx context.Context, p invoice.Planned, xml *eInvoice, iss *register.Issued, opts *batchOptions) batchResult {
	path := filepath.Join(opts.outDir, p.File)
	r := batchResult{plan: p, path: path, xml: xml, status: "written", register: registerStatus(iss)}
	if ctx.Err() != nil {
		r.status, r.err = "not written", ctx.Err()
		return r
	}
	var pdf []byte // with --draft-email the PDF is rendered once, for the file and the email
	if iss != nil {
		// The register's, rendered here, on one of opts.jobs goroutines: the register holds
		// its stored form since the number was committed, so a run killed before this
		// point writes it on the rerun.
		var err error
		if pdf, err = iss.PDF(); err != nil {
			r.status, r.err = "failed", err
			return r
		}
		if old, err := os.ReadFile(path); err == nil && !opts.force {
			if !bytes.Equal(old, pdf) {
				r.status, r.err = "failed", fmt.Errorf("holds another invoice than %s: --force replaces it, or 'hubinvoice register pdf %s -o FILE'", p.Invoice.Number, p.Invoice.Number)
				return r
			}
		}
	}
	if opts.draft && pdf == nil {
		var err error
		if pdf, err = renderPDF(p.Invoice); err != nil {
			r.status, r.err = "failed", err
			return r
		}
	}
	if opts.force {
		if _, err := os.Lstat(path); err == nil {
			r.status = "replaced"
		}
	}
	err := writeNewFile(path, 0o644, opts.force, func(w io.Writer) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if pdf != nil {
			_, err := w.Write(pdf)
			return err
		}
		return invoice.WritePDF(w, p.Invoice)
	})
	kept := false
	if err != nil {
		var ex errExists
		if !errors.As(err, &ex) {
			r.status, r.err = "failed", err
			return r
		}
		r.status, kept = statusKept, true // there before us
	}
	// The e-invoice beside it, kept as the PDF is when it is there already; a run that
	// stopped between the two completes it.
	if xml != nil && ctx.Err() == nil {
		var ex errExists
		if err := xml.write(opts.force); err != nil && !errors.As(err, &ex) {
			r.status, r.err = "failed", err
		}
	}
	if opts.draft && r.err == nil && ctx.Err() == nil {
		r.draft, r.draftStatus = draftPath(path), batchDraft(path, pdf, kept, p.Invoice, xml, opts.force)
	}
	return r
}

// batchDraft writes the email of an invoice beside its PDF and says what became of it. An
// existing email is kept unless force; when the PDF was kept, the email is written only if
// that PDF is this invoice byte for byte, so that it never attaches another.
func batchDraft(path string, pdf []byte, kept bool, inv *invoice.Invoice, xml *eInvoice, force bool) string {
	if kept {
		if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, pdf) {
			return "not written: the PDF there is another rendering (--force rewrites both)"
		}
	}
	data, err := draftBytes(inv, pdf, filepath.Base(path), xml)
	if err != nil {
		return "failed: " + err.Error()
	}
	o := output{path: draftPath(path), data: data}
	err = o.write(force, false)
	var ex errExists
	switch {
	case errors.As(err, &ex):
		return statusKept
	case err != nil:
		return "failed: " + err.Error()
	}
	return o.status
}

// batchEInvoices makes the e-invoice of every planned invoice whose sender wants one (--ubl,
// or [invoice] ubl in the profile), all before anything is written: a profile that lacks a
// field, or an invoice that cannot be one, stops the batch.
func batchEInvoices(plan []invoice.Planned, req invoice.Request, opts *batchOptions) ([]*eInvoice, error) {
	var profiles []*invoice.Profile
	for _, p := range plan {
		if prof := batchSender(req, p); wantsUBL(opts.ubl, prof) {
			profiles = append(profiles, prof)
		}
	}
	if err := checkUBLProfiles(profiles); err != nil {
		return nil, err
	}
	xmls := make([]*eInvoice, len(plan))
	var errs []error
	for i, p := range plan {
		if !wantsUBL(opts.ubl, batchSender(req, p)) {
			continue
		}
		x, err := makeEInvoice(filepath.Join(opts.outDir, p.File), p.Invoice)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Invoice.From.Name, err))
			continue
		}
		xmls[i] = x
	}
	return xmls, errors.Join(errs...)
}

// batchSender is the profile a planned invoice is sent from: the clinic's, or its professional's.
func batchSender(req invoice.Request, p invoice.Planned) *invoice.Profile {
	if req.Clinic != nil {
		return req.Clinic
	}
	return req.Profiles.For(p.Email)
}

// progress returns a progress bar on stderr when it is a terminal, unless quiet or in CI.
func progress(n int, opts *batchOptions, e *env) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if opts.quiet || opts.json || !ok || !term.IsTerminal(int(f.Fd())) || e.getenv("CI") != "" || n < 2 {
		return nil
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("invoices"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
}

// removeStaleTemps deletes the temporary files a killed run left behind, and only those: a
// temporary file is named .<file>.<pid>-<n>.tmp (see createTemp), and one whose writer is still
// running is another run's, at work in the same folder. It returns those writers' pids.
func removeStaleTemps(dir string) (others []int) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	for _, m := range matches {
		base := filepath.Base(m)
		if !strings.HasPrefix(base, ".invoice-") && !strings.HasPrefix(base, ".summary.csv.") {
			continue
		}
		if pid, ok := tempWriter(base); ok && pid != os.Getpid() && processAlive(pid) {
			if !slices.Contains(others, pid) {
				others = append(others, pid)
			}
			continue
		}
		os.Remove(m)
	}
	slices.Sort(others)
	return others
}

// tempWriter reads the pid of the process that made a temporary file from its name.
func tempWriter(base string) (int, bool) {
	rest := strings.TrimSuffix(base, ".tmp")
	i := strings.LastIndexByte(rest, '.')
	if i < 0 {
		return 0, false
	}
	pid, _, ok := strings.Cut(rest[i+1:], "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(pid)
	return n, err == nil && n > 0
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

func describeSkipped(skipped []invoice.Skipped) string {
	names := make([]string, len(skipped))
	for i, s := range skipped {
		names[i] = fmt.Sprintf("%s <%s>", s.Name, s.Email)
	}
	what := "professional has"
	if len(skipped) > 1 {
		what = "professionals have"
	}
	return fmt.Sprintf("%d %s no profile: %s", len(skipped), what, strings.Join(names, ", "))
}

func countWritten(results []batchResult) int {
	n := 0
	for _, r := range results {
		if r.err == nil && (r.status == "written" || r.status == "replaced") {
			n++
		}
	}
	return n
}

// totalsText writes an invoice's totals as the invoice command prints them: ISK 467,000 + €60.00.
func totalsText(ts []invoice.Total) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = invoice.FormatAmount(t.Amount, t.Currency, "en")
	}
	return strings.Join(parts, " + ")
}

// drafted reports whether the batch wrote emails (--draft-email).
func drafted(results []batchResult) bool {
	return slices.ContainsFunc(results, func(r batchResult) bool { return r.draft != "" })
}

func printBatchTable(w io.Writer, results []batchResult, skipped []invoice.Skipped, idle []*invoice.Professional) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	emails := drafted(results)
	if emails {
		fmt.Fprintln(tw, "PROFESSIONAL\tBILL TO\tSESSIONS\tTOTAL\tINVOICE\tFILE\tCHECKS\tSTATUS\tEMAIL")
	} else {
		fmt.Fprintln(tw, "PROFESSIONAL\tBILL TO\tSESSIONS\tTOTAL\tINVOICE\tFILE\tCHECKS\tSTATUS")
	}
	for _, r := range results {
		inv := r.plan.Invoice
		status := r.status
		if r.err != nil && !errors.Is(r.err, context.Canceled) {
			status = "failed: " + r.err.Error()
		}
		who := inv.From.Name
		if len(inv.Professionals) > 0 {
			who = fmt.Sprintf("%s (%d professionals)", inv.From.Name, countProfessionals(inv))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s", who, inv.BillTo.Name, inv.Sessions(), totalsText(inv.Totals), inv.Number, r.path, len(r.checks), status)
		if emails && r.draft != "" {
			fmt.Fprintf(tw, "\t%s", fileStatus(r.draft, r.draftStatus))
		}
		fmt.Fprintln(tw)
	}
	for _, s := range skipped {
		fmt.Fprintf(tw, "%s\t\t\t\t\t\t\tskipped: %s\n", s.Name, s.Reason)
	}
	for _, p := range idle {
		fmt.Fprintf(tw, "%s\t\t0\t\t\t\t\tnothing to invoice\n", p.Name)
	}
	tw.Flush()
}

func countProfessionals(inv *invoice.Invoice) int {
	seen := map[string]bool{}
	for _, p := range inv.Professionals {
		seen[p.Professional] = true
	}
	return len(seen)
}

func batchSummary(m calendar.Month, results []batchResult, skipped []invoice.Skipped, idle []*invoice.Professional) batchJSON {
	out := batchJSON{Month: m.String(), Invoices: []batchInvoiceJSON{}, Skipped: skipped, Idle: []person{}}
	if out.Skipped == nil {
		out.Skipped = []invoice.Skipped{}
	}
	for _, r := range results {
		inv := r.plan.Invoice
		out.Invoices = append(out.Invoices, batchInvoiceJSON{
			Professional:  person{inv.From.Name, inv.From.Email},
			BillTo:        person{inv.BillTo.Name, inv.BillTo.Email},
			Sessions:      inv.Sessions(),
			Totals:        amounts(inv.Totals),
			InvoiceNumber: inv.Number,
			Register:      r.register,
			Output:        r.path,
			XML:           xmlPath(r.xml),
			Status:        r.status,
			DraftStatus:   r.draftStatus,
			Checks:        append([]string{}, r.checks...),
		})
	}
	for i, r := range results {
		if r.draft != "" {
			out.Invoices[i].DraftEmail = &results[i].draft
		}
	}
	for _, p := range idle {
		out.Idle = append(out.Idle, person{p.Name, p.Email})
	}
	return out
}

// writeSummaryCSV writes summary.csv beside the invoices: one row per invoice, skipped or idle
// professional; no client data. It describes this run, so it is always replaced.
func writeSummaryCSV(dir string, results []batchResult, skipped []invoice.Skipped, idle []*invoice.Professional) error {
	return writeNewFile(filepath.Join(dir, "summary.csv"), 0o644, true, func(w io.Writer) error {
		cw := export.NewCSVWriter(w)
		cw.LF = true // as summary.csv always was
		emails := drafted(results)
		header := []string{"professional", "email", "bill_to", "bill_to_email", "sessions", "totals", "invoice_number", "file", "status", "checks"}
		if emails {
			header = append(header, "draft_email", "draft_status")
		}
		cw.Write(header)
		for _, r := range results {
			inv := r.plan.Invoice
			row := []string{inv.From.Name, inv.From.Email, inv.BillTo.Name, inv.BillTo.Email, strconv.Itoa(inv.Sessions()),
				totalsText(inv.Totals), inv.Number, filepath.Base(r.path), r.status, strings.Join(r.checks, " ")}
			if emails {
				row = append(row, filepath.Base(r.draft), r.draftStatus)
			}
			cw.Write(row)
		}
		for _, s := range skipped {
			cw.Write([]string{s.Name, s.Email, "", "", "", "", "", "", "skipped: " + s.Reason, ""})
		}
		for _, p := range idle {
			cw.Write([]string{p.Name, p.Email, "", "", "0", "", "", "", "nothing to invoice", ""})
		}
		return cw.Flush()
	})
}

func xmlPath(x *eInvoice) *string {
	if x == nil {
		return nil
	}
	return &x.path
}

// batchIssue numbers every planned invoice in the register, in plan order, and calls
// numbered for each one the register commits (or, with --draft, for each preview), with its
// plan index and the planned invoice as numbered: the register's document in it. A month the
// register refuses (its rows changed, or nothing new to supplement) is a result of its own,
// and the batch goes on with the others. plan.Invoices are then the invoices numbered.
func batchIssue(ctx context.Context, plan *invoice.Plan, req invoice.Request, opts *batchOptions, e *env, numbered func(i int, p invoice.Planned, iss *register.Issued)) ([]batchResult, error) {
	if opts.preview {
		if opts.supplement {
			return nil, usagef("--draft and --supplement: a draft is recorded nowhere, so it supplements nothing; use one")
		}
		for i := range plan.Invoices {
			p := &plan.Invoices[i]
			p.Invoice, p.File = preview(p.Invoice), draftFile(p.File)
			numbered(i, *p, nil)
		}
		return nil, nil
	}
	if len(plan.Invoices) == 0 {
		return nil, nil // nothing to number: no register is made for it
	}
	reg, err := opts.registerFlag.open(ctx, e)
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	planned := plan.Invoices
	refusedAt := make([]*batchResult, len(planned))
	refuse := func(i int, err error) {
		// The result's error is the first line of the register's, without its hint; the
		// register's own (not that line) tells a month with nothing new from a refusal.
		status, why := "refused", errors.New(strings.SplitN(err.Error(), "\n", 2)[0])
		var ee exitError
		if errors.As(err, &ee) && ee.code == exitNothing {
			status, why = "nothing new: every session is on an issued invoice", nil
		}
		refusedAt[i] = &batchResult{plan: planned[i], path: filepath.Join(opts.outDir, planned[i].File), status: status, err: why}
	}
	// Numbered together, in as few transactions as the register allows (register.IssueEach).
	var todo []register.Request
	var at []int // the plan index of each request
	for i, p := range planned {
		n, err := batchSender(req, p).NumberFormats()
		if err != nil {
			refuse(i, err)
			continue
		}
		todo = append(todo, register.Request{Invoice: p.Invoice, Numbering: n, Supplement: opts.supplement})
		at = append(at, i)
	}
	var kept []invoice.Planned
	err = reg.IssueEach(ctx, todo, func(j int, iss *register.Issued, err error) {
		i := at[j]
		if err != nil {
			refuse(i, issueError(err))
			return
		}
		p := planned[i]
		if iss.Invoice.Sessions() < p.Invoice.Sessions() {
			p.File = supplementFile(p.File, iss.Invoice.Number)
		}
		p.Invoice = iss.Invoice
		kept = append(kept, p)
		numbered(i, p, iss)
	})
	var refused []batchResult
	for _, r := range refusedAt {
		if r != nil {
			refused = append(refused, *r)
		}
	}
	plan.Invoices = kept
	if err != nil {
		if ctx.Err() != nil {
			return refused, exitError{code: exitInterrupted, err: errors.New("interrupted; run again to complete")}
		}
		return refused, err
	}
	return refused, nil
}
