// Package email writes the month's email to the invoice's bill-to party: an RFC 5322 MIME
// message (.eml) that a mail client opens as a draft to send, with a short text in the
// invoice's language and the invoice's files attached. Nothing is sent and no credential is
// needed. The same invoice and files give the same bytes: the Date, Message-ID and MIME
// boundary are derived from the invoice's number and issue date.
package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// Files are the files attached to the email. A name left empty is made from the invoice's
// number: invoice-NUMBER.pdf, invoice-NUMBER.xml, sessions-NUMBER.csv.
type Files struct {
	PDF     []byte // the invoice as PDF; required
	PDFName string
	XML     []byte // the invoice as UBL XML; nil when none was made
	XMLName string
	// Sessions is the redacted export of the invoice's rows (WriteSessions), as CSV; nil
	// leaves it out.
	Sessions     []byte
	SessionsName string
}

// Write writes the email for inv with files attached: from the invoice's sender to its bill-to
// party, marked X-Unsent so that a mail client opens it as a draft.
func Write(w io.Writer, inv *invoice.Invoice, f Files) error {
	switch {
	case inv.Draft || inv.Number == "":
		return errors.New("email: a preview has no number: issue the invoice first")
	case len(f.PDF) == 0:
		return errors.New("email: no PDF to attach")
	}
	from, err := address("From", inv.From)
	if err != nil {
		return err
	}
	to, err := address("To", inv.BillTo)
	if err != nil {
		return err
	}
	tx := textsFor(inv.Language)
	key := inv.Number + "\x00" + inv.Issued.Format(time.DateOnly)
	sum := sha256.Sum256([]byte(key))
	id := hex.EncodeToString(sum[:])

	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	// "=_" never occurs in quoted-printable or base64 text, so no part can hold the boundary.
	if err := mw.SetBoundary("=_hubinvoice_" + id[:32]); err != nil {
		return err
	}
	header := func(name, value string) {
		b.WriteString(fold(name + ": " + value))
		b.WriteString("\r\n")
	}
	header("From", from)
	header("To", to)
	if subj := subject(inv, tx); plain(subj) {
		header("Subject", subj)
	} else {
		b.WriteString("Subject: " + encodeText(len("Subject: "), subj) + "\r\n")
	}
	header("Date", inv.Issued.Format(time.RFC1123Z))
	header("Message-ID", "<"+id[32:]+"@"+domain(inv.From.Email)+">")
	header("MIME-Version", "1.0")
	header("X-Unsent", "1")
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")

	if err := textPart(mw, body(inv, tx, f)); err != nil {
		return err
	}
	for _, a := range attachments(inv, f) {
		if err := filePart(mw, a); err != nil {
			return err
		}
	}
	if err := mw.Close(); err != nil {
		return err
	}
	b.WriteString("\r\n")
	_, err = w.Write(b.Bytes())
	return err
}

// attachment is one file of the email.
type attachment struct {
	name, contentType string
	data              []byte
}

func attachments(inv *invoice.Invoice, f Files) []attachment {
	name := func(given, prefix, ext string) string {
		if given != "" {
			return given
		}
		return prefix + "-" + invoice.Slug(inv.Number) + ext
	}
	out := []attachment{{name(f.PDFName, "invoice", ".pdf"), "application/pdf", f.PDF}}
	if len(f.XML) > 0 {
		out = append(out, attachment{name(f.XMLName, "invoice", ".xml"), "application/xml", f.XML})
	}
	if len(f.Sessions) > 0 {
		out = append(out, attachment{name(f.SessionsName, "sessions", ".csv"), "text/csv; charset=utf-8", f.Sessions})
	}
	return out
}

// address writes a party as a header's address, its name encoded (RFC 2047) when not ASCII.
func address(field string, p invoice.Party) (string, error) {
	if _, err := mail.ParseAddress(p.Email); err != nil || strings.ContainsAny(p.Email, "<>\r\n") {
		return "", fmt.Errorf("email: %s: %q is not an email address", field, p.Email)
	}
	return (&mail.Address{Name: strings.Join(strings.Fields(p.Name), " "), Address: p.Email}).String(), nil
}

var domainRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$`)

// domain is the sender's mail domain, for the Message-ID; a fixed one when it is not plain.
func domain(email string) string {
	_, d, _ := strings.Cut(email, "@")
	if !domainRE.MatchString(d) {
		return "hubinvoice.invalid"
	}
	return strings.ToLower(d)
}

// fold breaks a header line at spaces so that no line is longer than 78 characters where a
// space allows it (RFC 5322, 2.2.3); encoded words hold no spaces, so they stay whole.
func fold(line string) string {
	const limit = 78
	if len(line) <= limit {
		return line
	}
	var out strings.Builder
	width := 0
	for i, word := range strings.Split(line, " ") {
		if i > 0 {
			if width+1+len(word) > limit && width > 0 {
				out.WriteString("\r\n")
				width = 0
			}
			out.WriteByte(' ')
			width++
		}
		out.WriteString(word)
		width += len(word)
	}
	return out.String()
}

// plain reports whether a header's text can be written as it is: printable ASCII that does
// not look like an encoded word.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.Contains(s, "=?")
}

// encodeText writes a header's text in RFC 2047 encoded words (Q encoding, UTF-8), each of
// whole characters and at most 75 bytes, folded so that every line keeps within 78
// characters, the first one included, where the field's name and ": " take indent bytes.
func encodeText(indent int, s string) string {
	const open, end, maxWord, maxLine = "=?utf-8?q?", "?=", 75, 78
	var out, word strings.Builder
	room := maxLine - indent // for the first word, on the field's line
	flush := func() {
		if out.Len() > 0 {
			out.WriteString("\r\n ")
		}
		out.WriteString(open + word.String() + end)
		word.Reset()
		room = maxWord
	}
	for _, r := range s {
		var q string
		switch {
		case r == ' ':
			q = "_"
		case r > ' ' && r <= '~' && r != '=' && r != '?' && r != '_':
			q = string(r)
		default:
			for _, c := range []byte(string(r)) {
				q += fmt.Sprintf("=%02X", c)
			}
		}
		if len(open)+word.Len()+len(q)+len(end) > room {
			flush()
		}
		word.WriteString(q)
	}
	flush()
	return out.String()
}

func textPart(mw *multipart.Writer, text string) error {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	pw, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	qw := quotedprintable.NewWriter(pw)
	if _, err := io.WriteString(qw, text); err != nil {
		return err
	}
	return qw.Close()
}

func filePart(mw *multipart.Writer, a attachment) error {
	h := textproto.MIMEHeader{}
	ct, params, _ := mime.ParseMediaType(a.contentType)
	params["name"] = a.name
	h.Set("Content-Type", mime.FormatMediaType(ct, params))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.name}))
	h.Set("Content-Transfer-Encoding", "base64")
	pw, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(a.data)
	for len(enc) > 76 {
		if _, err := io.WriteString(pw, enc[:76]+"\r\n"); err != nil {
			return err
		}
		enc = enc[76:]
	}
	_, err = io.WriteString(pw, enc+"\r\n")
	return err
}
