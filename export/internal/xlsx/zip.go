package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"strings"
)

// DefaultMaxUnzip bounds what an .xlsx may unpack to: enough for a clinic's year of payments
// (a million rows unpack to about 1 GB of sheet XML), far below what a zip bomb declares.
const DefaultMaxUnzip = 4 << 30

// maxSidePart bounds every part of an .xlsx other than the sheets and the shared strings,
// which are read wholly into memory.
const maxSidePart = 64 << 20

// checkZip looks at the archive's directory before anything is unpacked: a part may
// declare a size that would take gigabytes of memory.
func checkZip(path string, limit int64) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("is not a readable spreadsheet workbook (%v)", err)
	}
	defer zr.Close()
	var total uint64
	workbook, ods := false, false
	for _, f := range zr.File {
		lname := strings.ToLower(f.Name)
		switch {
		case lname == "xl/workbook.xml":
			workbook = true
		case lname == "mimetype" || lname == "content.xml":
			ods = true
		}
		total += f.UncompressedSize64
		side := !strings.HasPrefix(lname, "xl/worksheets/sheet") && lname != "xl/sharedstrings.xml"
		if (side && f.UncompressedSize64 > maxSidePart) || f.UncompressedSize64 > uint64(limit) || total > uint64(limit) {
			return fmt.Errorf("the workbook declares a part (%s) that unpacks to %s, more than hubinvoice reads (a damaged or hostile file?)", f.Name, byteSize(f.UncompressedSize64))
		}
	}
	if !workbook {
		if ods {
			return errors.New("is an OpenDocument spreadsheet, which hubinvoice cannot read\nhint: save it as .xlsx or .csv")
		}
		return errors.New("is a zip archive but not an .xlsx workbook")
	}
	return nil
}

func byteSize(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}
