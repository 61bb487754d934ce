package register

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

// fill sets every field that v reaches to a value of its own, none zero: a new field of
// invoice.Invoice is filled too, and TestStoredCoversInvoice sees whether it is kept.
func fill(v reflect.Value, n *int) {
	*n++
	switch x := v.Addr().Interface().(type) {
	case *time.Time:
		*x = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, *n)
		return
	case *decimal.Decimal:
		*x = decimal.New(int64(*n)*1001, -2) // 10.10: the exponent must come back too
		return
	case *calendar.Month:
		*x = calendar.Month{Year: 2000 + *n, Month: time.Month(*n%12 + 1)}
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("text %d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic(fmt.Sprintf("fill: no value for a %s", v.Type()))
	}
}

// TestStoredCoversInvoice: every field of an invoice comes back from the register as it went
// in, so that the PDF rendered again is the PDF issued. Draft is the one field never stored:
// a draft is never recorded.
func TestStoredCoversInvoice(t *testing.T) {
	var inv invoice.Invoice
	n := 0
	fill(reflect.ValueOf(&inv).Elem(), &n)
	inv.Draft = false
	data, err := encodeDoc(&inv)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeDoc(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&inv, back) {
		t.Errorf("a stored invoice comes back otherwise:\nstored %+v\nback   %+v\n(a field of invoice.Invoice that stored.go does not keep?)", inv, *back)
	}
}

func TestStoredKindDefault(t *testing.T) {
	inv := &invoice.Invoice{Issued: time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC), Period: calendar.Month{Year: 2024, Month: 3}}
	data, _ := encodeDoc(inv)
	back, err := decodeDoc(data)
	if err != nil || back.Kind != invoice.KindInvoice {
		t.Errorf("an invoice with no Kind comes back as %q, %v; want %q", back.Kind, err, invoice.KindInvoice)
	}
}
