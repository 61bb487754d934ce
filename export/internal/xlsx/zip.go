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

// maxSharedStrings bounds the shared strings of a workbook, which are read whole into memory:
// Excel's own export of a million payments holds some 40 MiB of them (a unique Transaction ID
// and a client's name and email per row), so 128 MiB is three times the largest real one.
const maxSharedStrings = 128 << 20

// maxRatio bounds how many times its compressed size a part of more than ratioFloor may unpack
// to. Real workbooks compress their sheets 7 to 9 times (the fixtures written by LibreOffice
// and openpyxl 7.4 and 8.9 times, the sample's million-row sheet 8.7), a sheet of rows alike
// but for their numbers 11; a zip bomb a thousand.
const (
	maxRatio   = 100
	ratioFloor = 1 << 20
)

// checkZip looks at the archive's directory before anything is unpacked: a part may
// declare a size that would take gigabytes of memory.
func checkZip(path string, limit int64) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("is not a readable spreadsheet workbook (%v)", err)
	}
	defer zr.Close()
	return checkArchive(zr.File, limit)
}

// checkArchive checks the directory of an archive's files.
func checkArchive(files []*zip.File, limit int64) error {
	var total uint64
	workbook, ods := false, false
	for _, f := range files {
		lname := strings.ToLower(f.Name)
		switch {
		case lname == "xl/workbook.xml":
			workbook = true
		case lname == "mimetype" || lname == "content.xml":
			ods = true
		}
		total += f.UncompressedSize64
		side := !strings.HasPrefix(lname, "xl/worksheets/sheet") && lname != "xl/sharedstrings.xml"
		size := f.UncompressedSize64
		if (side && size > maxSidePart) || size > uint64(limit) || total > uint64(limit) ||
			lname == "xl/sharedstrings.xml" && size > maxSharedStrings {
			return fmt.Errorf("the workbook declares a part (%s) that unpacks to %s, more than hubinvoice reads (a damaged or hostile file?)", f.Name, byteSize(size))
		}
		if size > ratioFloor && size/maxRatio > f.CompressedSize64 {
			return fmt.Errorf("the workbook's part %s unpacks to %s from %s, more than %d times its size: no spreadsheet compresses so well (a zip bomb?)", f.Name, byteSize(size), byteSize(f.CompressedSize64), maxRatio)
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
