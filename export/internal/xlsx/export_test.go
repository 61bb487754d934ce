package xlsx

import (
	"archive/zip"
	"io"
)

// InflatePart reads part f to its end through buf, as the sheet reader does, and returns its
// length: for BenchmarkSheet's floor.
func InflatePart(f *zip.File, buf []byte) (int64, error) {
	rc, err := openPart(f)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	var n int64
	for {
		k, err := io.ReadFull(rc, buf)
		n += int64(k)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}
