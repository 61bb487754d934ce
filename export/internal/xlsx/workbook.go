package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

type workbookInfo struct {
	sheetName, sheetPath string
	sheets               []string // every sheet's name, in the workbook's order
	date1904             bool
}

// readWorkbook finds the sheet named sheet, or the first when sheet is "": xl/workbook.xml
// names the sheets and their relationship ids, and xl/_rels/workbook.xml.rels gives the part
// an id points to. A name matches as it is, else ignoring case and surrounding spaces.
func readWorkbook(lookup func(string) *zip.File, sheet string) (*workbookInfo, error) {
	const wbPath, relsPath = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := readXMLPart(lookup(wbPath), wbPath, &wb); err != nil {
		return nil, err
	}
	if len(wb.Sheets) == 0 {
		return nil, errors.New("the workbook has no sheets")
	}
	info := &workbookInfo{}
	for _, sh := range wb.Sheets {
		info.sheets = append(info.sheets, sh.Name)
	}
	at, what := 0, "the workbook's first sheet"
	if sheet != "" {
		at = slices.Index(info.sheets, sheet)
		if at < 0 {
			at = slices.IndexFunc(info.sheets, func(n string) bool { return strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(sheet)) })
		}
		if at < 0 {
			return nil, &NoSheetError{Name: sheet, Sheets: info.sheets}
		}
		what = "the workbook's sheet"
	}
	first := wb.Sheets[at]
	info.sheetName = first.Name
	info.date1904, _ = strconv.ParseBool(strings.TrimSpace(wb.Pr.Date1904))
	var rid string
	for _, a := range first.Attrs {
		if a.Name.Local == "id" && a.Name.Space != "" { // r:id, in whichever namespace
			rid = a.Value
		}
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(lookup(relsPath), relsPath, &rels); err != nil {
		return nil, err
	}
	for _, r := range rels.Rels {
		if r.ID == rid && rid != "" {
			info.sheetPath = partPath(path.Dir(wbPath), r.Target)
			return info, nil
		}
	}
	return nil, fmt.Errorf("%s (%q) is missing from the file", what, first.Name)
}

// A NoSheetError says that the workbook has no sheet of the name asked for.
type NoSheetError struct {
	Name   string   // the name asked for
	Sheets []string // the workbook's sheets
}

func (e *NoSheetError) Error() string {
	return fmt.Sprintf("has no sheet named %q; its sheets are %s", e.Name, QuoteNames(e.Sheets))
}

// QuoteNames lists sheet names for a message: "Cover", "Payments" and "Notes".
func QuoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// partPath resolves a relationship's target: relative to the folder of the part that holds
// the relationship, or from the root of the package when it begins with a slash.
func partPath(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(dir+"/"+target), "/")
}

// readXMLPart decodes a small part of the package (checkZip bounds its size) with
// encoding/xml.
func readXMLPart(f *zip.File, name string, v any) error {
	if f == nil {
		return fmt.Errorf("the workbook has no %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s cannot be read (%v)", name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, maxSidePart))
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%s cannot be read (%s)", name, oneLine(err.Error()))
	}
	return nil
}
