// Package sample makes up Payments exports (CSV or .xlsx) for demos, tests and benchmarks: the
// same options give the same rows and the same bytes. Its professionals, clients and sponsors
// are invented; the demo's professional is the first of every sample.
package sample

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/internal/slug"
	"github.com/shopspring/decimal"

	"github.com/hubinvoice/hubinvoice/export"
)

// Options say what made-up export WriteXLSX and WriteCSV write. The same
// options give the same rows, and the same bytes.
type Options struct {
	Rows          int    // data rows, not counting the header
	Seed          uint64 // the random source's seed
	Professionals int    // how many professionals; 0: one per 500 rows, at least 3

	// Sessions fall on working days (Monday to Friday) from From up to, not including, Until;
	// zero values mean the year 2024.
	From, Until time.Time
}

// Professional is a made-up professional of a sample export.
type Professional struct {
	Name     string
	Email    string
	Currency string   // the currency of (almost) all their sessions: ISK, EUR or GBP
	Country  string   // where they work: IS for ISK, GB for GBP, a euro country for EUR
	Language string   // the language they would invoice in: "is" or "en"
	Sponsors []string // the Wellbeing Hubs whose credits their clients use
}

// sampleExportTime is when a sample export claims to have been made: fixed, so that the same
// options give the same bytes.
const sampleExportTime = "2025-01-02T09:00:00Z"

// sampleFirstProfessional is every sample's first professional: the demo's, whose profile is
// testdata/demo/profile.toml.
var sampleFirstProfessional = Professional{
	Name: "Þórdís Guðmundsdóttir", Email: "thordis@example.is", Currency: "ISK", Country: "IS",
	Language: "en", Sponsors: []string{"ACME", "Marel", "Össur", "Icelandair"},
}

func (o Options) numProfessionals() int {
	if o.Professionals > 0 {
		return o.Professionals
	}
	return max(3, o.Rows/500)
}

func (o Options) period() (from, until time.Time) {
	from, until = o.From, o.Until
	if from.IsZero() {
		from = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if until.IsZero() {
		until = from.AddDate(1, 0, 0)
	}
	return from, until
}

func (o Options) check() error {
	from, until := o.period()
	switch {
	case o.Rows < 0:
		return fmt.Errorf("sample: %d rows: want 0 or more", o.Rows)
	case o.Professionals < 0:
		return fmt.Errorf("sample: %d professionals: want 1 or more", o.Professionals)
	case len(sampleWorkingDays(from, until)) == 0:
		return fmt.Errorf("sample: no working day from %s to %s", from.Format(time.DateOnly), until.Format(time.DateOnly))
	}
	return nil
}

// Name pools. Clients and professionals draw first names from different pools, so that no
// client of a sample bears a professional's name: a test that looks for client names in an
// invoice cannot be fooled by the professional's own.
var (
	isProfFirst = []string{
		"Þórdís", "Guðrún", "Sigríður", "Kristín", "Margrét", "Ingibjörg", "Ásdís", "Hildur",
		"Ragnheiður", "Sólveig", "Hrafnhildur", "Eyrún", "Jón", "Sigurður", "Guðmundur", "Ólafur",
		"Kristján", "Magnús", "Ægir", "Haraldur", "Friðrik", "Ásgeir", "Halldór", "Þorsteinn",
	}
	isClientFirst = []string{
		"Anna", "Helga", "Sigrún", "Jóhanna", "María", "Katrín", "Ásta", "Björk", "Embla", "Ylfa",
		"Brynja", "Dagný", "Elín", "Gunnar", "Einar", "Stefán", "Árni", "Björn", "Helgi", "Þór",
		"Páll", "Ragnar", "Arnar", "Haukur", "Egill", "Bjarni", "Óskar", "Davíð", "Eiríkur", "Aron",
	}
	isFather = []string{ // genitive stems: Guðmunds + son, Guðmunds + dóttir
		"Guðmunds", "Jóns", "Sigurðar", "Ólafs", "Gunnars", "Einars", "Kristjáns", "Magnús",
		"Stefáns", "Helga", "Björns", "Árna", "Þórs", "Haralds", "Páls", "Ragnars", "Arnar",
		"Friðriks", "Hauks", "Egils", "Ásgeirs", "Bjarna", "Halldórs", "Óskars", "Ægis", "Sveins",
		"Davíðs", "Þorsteins", "Eiríks", "Örnólfs",
	}
	isFemale = map[string]bool{
		"Þórdís": true, "Guðrún": true, "Sigríður": true, "Kristín": true, "Margrét": true,
		"Ingibjörg": true, "Ásdís": true, "Hildur": true, "Ragnheiður": true, "Sólveig": true,
		"Hrafnhildur": true, "Eyrún": true, "Anna": true, "Helga": true, "Sigrún": true,
		"Jóhanna": true, "María": true, "Katrín": true, "Ásta": true, "Björk": true, "Embla": true,
		"Ylfa": true, "Brynja": true, "Dagný": true, "Elín": true,
	}
	enProfFirst = []string{
		"Emma", "Olivia", "Amelia", "Isla", "Charlotte", "Fiona", "Ruth", "Claire", "James",
		"Oliver", "George", "Thomas", "William", "Daniel", "Samuel", "Andrew",
	}
	enClientFirst = []string{
		"Sophie", "Grace", "Lucy", "Hannah", "Chloe", "Megan", "Jessica", "Laura", "Harry", "Jack",
		"Joseph", "Liam", "Noah", "Ethan", "Ryan", "Callum", "Lewis", "Aidan",
	}
	enLast = []string{
		"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
		"Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
		"Jackson", "Clarke", "O'Neill", "MacLeod", "Campbell", "Stewart", "Murray", "Fraser",
	}
	clientDomains = []string{"mail.example.com", "inbox.example.net", "post.example.is", "example.org"}

	sponsorsISK = []string{
		"Marel", "Össur", "Icelandair", "Landsvirkjun", "Arion banki", "Íslandsbanki", "Síminn",
		"Reykjavíkurborg", "Hagar", "CCP Games", "Alvotech", "Orkuveitan",
	}
	sponsorsGBP = []string{"Northwind Ltd", "Brightwater Group", "Harbour & Co", "Thistle Energy"}
	sponsorsEUR = []string{"Contoso GmbH", "Nordlicht AG", "Fabrikam BV", "Sisu Oy", "Liffey Labs"}
	euroCountry = []string{"DE", "IE", "NL", "FI"}
)

// sampleProfession is a kind of professional and the services they sell.
type sampleProfession struct {
	services []sampleService
}

type sampleService struct {
	en, is string
	factor float64 // price relative to the professional's base price
}

var sampleProfessions = []sampleProfession{
	{[]sampleService{
		{"Psychologist session 50 min", "Sálfræðiviðtal 50 mín.", 1},
		{"Initial consultation 30 min", "Fyrsta viðtal 30 mín.", 0.6},
		{"Couples therapy 80 min", "Parameðferð 80 mín.", 1.5},
	}},
	{[]sampleService{
		{"Psychotherapy 50 min", "Samtalsmeðferð 50 mín.", 1},
		{"Psychotherapy 80 min", "Samtalsmeðferð 80 mín.", 1.5},
	}},
	{[]sampleService{
		{"Counselling session 50 min", "Ráðgjöf 50 mín.", 1},
		{"Short session 30 min", "Stutt viðtal 30 mín.", 0.6},
	}},
	{[]sampleService{
		{"Physiotherapy 45 min", "Sjúkraþjálfun 45 mín.", 0.9},
		{"Physiotherapy assessment 60 min", "Sjúkraþjálfunarmat 60 mín.", 1.2},
	}},
	{[]sampleService{
		{"Coaching session 60 min", "Markþjálfun 60 mín.", 1},
		{"Career coaching 45 min", "Starfsráðgjöf 45 mín.", 0.8},
	}},
	{[]sampleService{
		{"Nutrition consultation 45 min", "Næringarráðgjöf 45 mín.", 0.9},
		{"Follow-up 30 min", "Eftirfylgni 30 mín.", 0.6},
	}},
}

// sampleProf is a professional with what the generator needs to make their rows.
type sampleProf struct {
	Professional
	icelandic bool
	services  []string // service names, the first the most booked
	prices    []int64  // in minor units of Currency, by service
	second    string   // a currency some of their sessions are in, or ""
	secPrices []int64
	weight    float64 // how busy they are, relative to the others
}

// sampleScale is how many minor units a currency's major unit has in a sample.
func sampleScale(currency string) int64 {
	if currency == "ISK" {
		return 1
	}
	return 100
}

// newSampleProfs makes the professionals, from a random stream of their own: the same seed
// and number give the same professionals whatever the number of rows.
func newSampleProfs(o Options) []*sampleProf {
	n := o.numProfessionals()
	r := rand.New(rand.NewPCG(o.Seed, 0x70726f6673)) // "profs"
	profs := make([]*sampleProf, 0, n)
	names := map[string]bool{}
	locals := map[string]bool{}
	for i := range n {
		p := &sampleProf{}
		if i == 0 {
			p.Professional = sampleFirstProfessional
			p.Professional.Sponsors = slices.Clone(p.Sponsors)
			p.icelandic = true
		} else {
			p.icelandic = r.IntN(10) < 7
			p.Name = sampleProfName(r, p.icelandic, names)
			local := slug.Make(p.Name, '.')
			for k := 2; locals[local]; k++ {
				local = slug.Make(p.Name, '.') + strconv.Itoa(k)
			}
			switch {
			case p.icelandic && r.IntN(20) > 0, !p.icelandic && r.IntN(5) == 0:
				p.Currency, p.Country = "ISK", "IS"
			case r.IntN(3) < 2:
				p.Currency, p.Country = "GBP", "GB"
			default:
				p.Currency, p.Country = "EUR", euroCountry[r.IntN(len(euroCountry))]
			}
			domain := map[string]string{"IS": "example.is", "GB": "example.co.uk"}[p.Country]
			if domain == "" {
				domain = "example." + strings.ToLower(p.Country)
			}
			p.Email = local + "@" + domain
			p.Language = "en"
			if p.icelandic && r.IntN(2) == 0 {
				p.Language = "is"
			}
			p.Sponsors = sampleHubs(r, p.Currency)
		}
		names[p.Name] = true
		locals[strings.SplitN(p.Email, "@", 2)[0]] = true

		prof := sampleProfessions[r.IntN(len(sampleProfessions))]
		if i == 0 {
			prof = sampleProfessions[0]
		}
		for _, s := range prof.services {
			name := s.en
			if p.Language == "is" {
				name = s.is
			}
			p.services = append(p.services, name)
		}
		p.prices = samplePrices(r, p.Currency, prof)
		if i > 0 && r.IntN(10) == 0 {
			p.second = map[string]string{"ISK": "EUR", "GBP": "EUR", "EUR": "GBP"}[p.Currency]
			p.secPrices = samplePrices(r, p.second, prof)
		}
		p.weight = 0.3 + 1.4*r.Float64()
		if r.IntN(10) == 0 {
			p.weight *= 3
		}
		profs = append(profs, p)
	}
	return profs
}

// sampleProfName returns a professional's name not yet in names.
func sampleProfName(r *rand.Rand, icelandic bool, names map[string]bool) string {
	for attempt := 0; ; attempt++ {
		var name string
		if icelandic {
			first := isProfFirst[r.IntN(len(isProfFirst))]
			suffix := "son"
			if isFemale[first] {
				suffix = "dóttir"
			}
			if attempt > 3 { // a middle name, as Icelanders often have
				first += " " + isClientFirst[r.IntN(len(isClientFirst))]
			}
			name = first + " " + isFather[r.IntN(len(isFather))] + suffix
		} else {
			first := enProfFirst[r.IntN(len(enProfFirst))]
			if attempt > 3 {
				first += " " + enClientFirst[r.IntN(len(enClientFirst))]
			}
			name = first + " " + enLast[r.IntN(len(enLast))]
		}
		if !names[name] {
			return name
		}
	}
}

// sampleHubs picks the Wellbeing Hubs a professional works with: ACME most of the time, and
// one to four local companies.
func sampleHubs(r *rand.Rand, currency string) []string {
	pool := map[string][]string{"ISK": sponsorsISK, "GBP": sponsorsGBP, "EUR": sponsorsEUR}[currency]
	var hubs []string
	if r.IntN(10) < 7 {
		hubs = append(hubs, "ACME")
	}
	for _, i := range r.Perm(len(pool))[:1+r.IntN(min(4, len(pool)))] {
		hubs = append(hubs, pool[i])
	}
	return hubs
}

// samplePrices returns the prices of a profession's services in a currency, in minor units.
func samplePrices(r *rand.Rand, currency string, prof sampleProfession) []int64 {
	var base, step int64 // in minor units
	switch currency {
	case "ISK":
		base, step = 15000+500*r.Int64N(21), 500
	case "GBP":
		base, step = 5500+500*r.Int64N(11), 50
	default:
		base, step = 8000+500*r.Int64N(13), 50
	}
	prices := make([]int64, len(prof.services))
	for i, s := range prof.services {
		prices[i] = (int64(float64(base)*s.factor) + step/2) / step * step
	}
	return prices
}

// Professionals returns the professionals of the sample export the options describe, in
// the order the generator made them.
func Professionals(o Options) []Professional {
	profs := newSampleProfs(o)
	out := make([]Professional, len(profs))
	for i, p := range profs {
		out[i] = p.Professional
		out[i].Sponsors = slices.Clone(p.Sponsors)
	}
	return out
}

// sampleRow is one payment of a sample export.
type sampleRow struct {
	id          int64
	paid        time.Time
	session     time.Time
	client      string
	clientEmail string
	service     string
	price       int64 // in minor units of currency
	currency    string
	prof        *sampleProf
	typ         string
	sponsor     string
	status      string
	state       string
}

// sampler makes the rows of a sample export in session order, one working day at a time, so
// that a million rows never sit in memory at once.
type sampler struct {
	o       Options
	r       *rand.Rand
	profs   []*sampleProf
	cum     []float64 // cumulative weights of profs
	days    []time.Time
	day     int // the next day to make
	batch   []sampleRow
	pos     int // next row of batch
	emitted int
	nextID  int64
	prev    sampleRow
	dups    int
}

func newSampler(o Options) *sampler {
	from, until := o.period()
	s := &sampler{
		o:     o,
		r:     rand.New(rand.NewPCG(o.Seed, 0x726f7773)), // "rows"
		profs: newSampleProfs(o),
		days:  sampleWorkingDays(from, until),
	}
	total := 0.0
	for _, p := range s.profs {
		total += p.weight
		s.cum = append(s.cum, total)
	}
	s.nextID = 1_000_000 + s.r.Int64N(9_000_000)
	return s
}

// sampleWorkingDays lists Monday to Friday from from up to until, but for New Year's Day and
// Christmas (24 to 26 December), when nobody books a session.
func sampleWorkingDays(from, until time.Time) []time.Time {
	var days []time.Time
	for d := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC); d.Before(until); d = d.AddDate(0, 0, 1) {
		wd, m, day := d.Weekday(), d.Month(), d.Day()
		if wd == time.Saturday || wd == time.Sunday || m == time.January && day == 1 ||
			m == time.December && day >= 24 && day <= 26 {
			continue
		}
		days = append(days, d)
	}
	return days
}

// next returns the next row, or false after the last.
func (s *sampler) next() (sampleRow, bool) {
	for s.pos == len(s.batch) {
		if s.day == len(s.days) {
			return sampleRow{}, false
		}
		s.makeDay()
	}
	row := s.batch[s.pos]
	s.pos++
	// Now and then the export holds a payment twice (the portal's own glitch): the same
	// transaction, same ID. Past the middle of the file, one is made for sure.
	if s.emitted > 0 && (s.r.IntN(1500) == 0 || s.dups == 0 && s.emitted >= s.o.Rows/2 && s.o.Rows >= 20 &&
		s.prev.typ == export.TypeCredit && s.prev.status == export.StatusPaid) {
		s.dups++
		row = s.prev
	} else {
		row.id = s.nextID
		s.nextID += 1 + s.r.Int64N(3)
	}
	s.prev = row
	s.emitted++
	return row, true
}

// makeDay makes the rows of the next working day, in the order of their session times.
func (s *sampler) makeDay() {
	d, n := s.day, len(s.days)
	count := (d+1)*s.o.Rows/n - d*s.o.Rows/n
	s.day++
	s.batch, s.pos = s.batch[:0], 0
	for range count {
		s.batch = append(s.batch, s.makeRow(s.days[d]))
	}
	slices.SortStableFunc(s.batch, func(a, b sampleRow) int { return a.session.Compare(b.session) })
}

func (s *sampler) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := s.r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

var (
	sampleTypes       = []string{export.TypeCredit, export.TypeCard, export.TypePOS, export.TypeCash, export.TypeBankTransfer, export.TypeOther}
	sampleTypeWeights = []int{60, 18, 6, 5, 8, 3}
)

func (s *sampler) makeRow(day time.Time) sampleRow {
	r := s.r
	i, _ := slices.BinarySearch(s.cum, r.Float64()*s.cum[len(s.cum)-1])
	p := s.profs[min(i, len(s.profs)-1)]

	// Sessions start on the hour or half hour from 08:00 to 17:00, now and then a quarter past.
	minute := 8*60 + 30*r.IntN(19)
	if r.IntN(10) == 0 {
		minute += 15
	}
	row := sampleRow{
		prof:     p,
		session:  day.Add(time.Duration(minute) * time.Minute),
		currency: p.Currency,
		typ:      sampleTypes[s.pick(sampleTypeWeights)],
		state:    export.SessionComplete,
	}
	svc := 0
	if r.IntN(4) == 0 {
		svc = r.IntN(len(p.services))
	}
	row.service, row.price = p.services[svc], p.prices[svc]
	if p.second != "" && r.IntN(25) == 0 {
		row.currency, row.price = p.second, p.secPrices[svc]
	}
	if row.typ == export.TypeCredit && r.IntN(100) > 0 { // a few credits come without their sponsor
		row.sponsor = p.Sponsors[r.IntN(len(p.Sponsors))]
	}

	// Most sessions are completed and paid; a cancelled one is either charged (late
	// cancellation) or voided.
	if r.IntN(100) < 6 {
		row.state = export.SessionCancelled
		row.status = export.StatusVoid
		if r.IntN(3) == 0 {
			row.status = export.StatusPaid
		}
	} else {
		row.status = []string{export.StatusPaid, export.StatusUnpaid, export.StatusVoid}[s.pick([]int{90, 8, 2})]
	}
	if row.status == export.StatusPaid {
		// Confirmed when the session ends, or a few days later.
		row.paid = row.session.Add(time.Duration(50+r.IntN(40)) * time.Minute)
		if r.IntN(6) == 0 {
			row.paid = row.paid.AddDate(0, 0, 1+r.IntN(3))
		}
	} else {
		// Unpaid and void payments carry the booking's time.
		row.paid = row.session.AddDate(0, 0, -1-r.IntN(14)).Add(time.Duration(r.IntN(600)-300) * time.Minute)
	}
	row.client, row.clientEmail = s.client(p.icelandic)
	return row
}

// client makes up a client's name and email.
func (s *sampler) client(icelandic bool) (string, string) {
	r := s.r
	var first, last string
	if icelandic && r.IntN(10) > 0 {
		first = isClientFirst[r.IntN(len(isClientFirst))]
		last = isFather[r.IntN(len(isFather))] + "son"
		if isFemale[first] {
			last = isFather[r.IntN(len(isFather))] + "dóttir"
		}
	} else {
		first, last = enClientFirst[r.IntN(len(enClientFirst))], enLast[r.IntN(len(enLast))]
	}
	name := first + " " + last
	email := slug.Make(name, '.')
	if r.IntN(3) == 0 {
		email += strconv.Itoa(60 + r.IntN(45))
	}
	return name, email + "@" + clientDomains[r.IntN(len(clientDomains))]
}

// sampleHeaders are the sample's header row: every known column, canonical spelling.
func sampleHeaders() []string {
	h := make([]string, export.NumColumns)
	for c := range export.NumColumns {
		h[c] = c.Header()
	}
	return h
}

// samplePrice formats an amount in minor units as a decimal: 18500, 92.50.
func samplePrice(amount int64, currency string) string {
	if sampleScale(currency) == 1 {
		return strconv.FormatInt(amount, 10)
	}
	return fmt.Sprintf("%d.%02d", amount/100, amount%100)
}

// WriteCSV writes a made-up Payments export as CSV: comma separated, dates as
// "2024-03-05 14:00", prices as plain decimals.
func WriteCSV(w io.Writer, o Options) error {
	if err := o.check(); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(sampleHeaders()); err != nil {
		return err
	}
	s := newSampler(o)
	rec := make([]string, export.NumColumns)
	for {
		row, ok := s.next()
		if !ok {
			break
		}
		rec[export.TransactionID] = strconv.FormatInt(row.id, 10)
		rec[export.TransactionDate] = row.paid.Format("2006-01-02 15:04")
		rec[export.SessionDate] = row.session.Format("2006-01-02 15:04")
		rec[export.ClientName] = row.client
		rec[export.ClientEmail] = row.clientEmail
		rec[export.ServiceName] = row.service
		rec[export.ServicePrice] = samplePrice(row.price, row.currency)
		rec[export.ServiceCurrency] = row.currency
		rec[export.ProfessionalName] = row.prof.Name
		rec[export.ProfessionalEmail] = row.prof.Email
		rec[export.Type] = row.typ
		rec[export.Sponsor] = row.sponsor
		rec[export.Status] = row.status
		rec[export.SessionStatus] = row.state
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes a made-up Payments export as an Excel workbook, as Excel saves one (see
// export.XLSXWriter): dates as date cells, prices as numbers, texts as shared strings. Its
// document properties and parts carry a fixed date, so the same options give the same bytes.
func WriteXLSX(w io.Writer, o Options) error {
	if err := o.check(); err != nil {
		return err
	}
	when, err := time.Parse(time.RFC3339, sampleExportTime)
	if err != nil {
		return err
	}
	x, err := export.NewXLSXWriter(w, sampleHeaders(), export.XLSXOptions{
		Time: when, Creator: "hubinvoice sample", Title: "Payments",
		Description: "Made-up Payments export for trying hubinvoice",
		Widths:      []float64{14, 17, 17, 24, 32, 30, 12, 9, 26, 32, 14, 16, 9, 14},
	})
	if err != nil {
		return err
	}
	s := newSampler(o)
	for {
		row, ok := s.next()
		if !ok {
			break
		}
		x.Number(int(export.TransactionID), strconv.FormatInt(row.id, 10))
		x.Date(int(export.TransactionDate), row.paid)
		x.Date(int(export.SessionDate), row.session)
		x.Text(int(export.ClientName), row.client)
		x.Text(int(export.ClientEmail), row.clientEmail)
		x.Text(int(export.ServiceName), row.service)
		if sampleScale(row.currency) == 1 {
			x.Price(int(export.ServicePrice), decimal.NewFromInt(row.price), 0)
		} else {
			x.Price(int(export.ServicePrice), decimal.New(row.price, -2), 2)
		}
		x.Text(int(export.ServiceCurrency), row.currency)
		x.Text(int(export.ProfessionalName), row.prof.Name)
		x.Text(int(export.ProfessionalEmail), row.prof.Email)
		x.Text(int(export.Type), row.typ)
		x.Text(int(export.Sponsor), row.sponsor) // no cell when there is none
		x.Text(int(export.Status), row.status)
		x.Text(int(export.SessionStatus), row.state)
		if err := x.EndRow(); err != nil {
			return err
		}
	}
	return x.Close()
}
