package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

type workbookInfo struct {
	sheetName, sheetPath string
	date1904             bool
}

// readWorkbook finds the first sheet: xl/workbook.xml names it and its relationship id, and
// xl/_rels/workbook.xml.rels gives the part that id points to.
func readWorkbook(lookup func(string) *zip.File) (*workbookInfo, error) {
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
	first := wb.Sheets[0]
	info := &workbookInfo{sheetName: first.Name}
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
	return nil, fmt.Errorf("the workbook's first sheet (%q) is missing from the file", first.Name)
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
