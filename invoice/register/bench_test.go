package register

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkIssueAll numbers a clinic's batch of 256 invoices (two transactions) of three
// sessions each in a new register: the serial part of 'hubinvoice batch', without the PDFs
// (ns/op is per batch; invoices/s is the rate).
func BenchmarkIssueAll(b *testing.B) {
	const n = 256
	p := profile(b, "")
	nf, err := p.NumberFormats()
	if err != nil {
		b.Fatal(err)
	}
	m := month("2024-03")
	reqs := make([]Request, n)
	for i := range reqs {
		lines := monthLines(m)
		for j := range lines {
			lines[j].TransactionID += "-" + strconv.Itoa(i)
		}
		inv := build(b, p, m, day("2024-04-02"), lines)
		inv.From.Email = fmt.Sprintf("pro%d@example.is", i)
		reqs[i] = Request{Invoice: inv, Numbering: nf}
	}
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		r := openAt(b, filepath.Join(dir, strconv.Itoa(i)+".db"))
		b.StartTimer()
		got, errs, err := r.IssueAll(ctx, reqs)
		if err != nil || errs[n-1] != nil || !got[n-1].New {
			b.Fatalf("issuing: %v, %v", err, errs[n-1])
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "invoices/s")
}
