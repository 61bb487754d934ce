package calendar_test

import (
	"fmt"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ExampleNew() {
	is, err := calendar.New("IS")
	if err != nil {
		panic(err)
	}
	fmt.Println(is.Country(), is.IsWorkingDay(date(2024, time.December, 24)))

	_, err = calendar.New("XX")
	fmt.Println(err != nil)
	// Output:
	// IS false
	// true
}

func ExampleCalendar_SubmissionDeadline() {
	is, _ := calendar.New("IS")
	// The invoice for March 2024 is due by the 3rd working day of April: Easter Monday,
	// 1 April, does not count.
	fmt.Println(is.SubmissionDeadline(calendar.Month{Year: 2024, Month: time.March}).Format("Mon 2 Jan 2006"))
	// Output: Thu 4 Apr 2024
}

func ExampleCalendar_PaymentDate() {
	is, _ := calendar.New("IS")
	gb, _ := calendar.New("GB")
	april := calendar.Month{Year: 2023, Month: time.April}
	// In May 2023 Iceland stops for Labour Day; England also for the coronation on 8 May.
	fmt.Println("IS", is.PaymentDate(april).Format(time.DateOnly))
	fmt.Println("GB", gb.PaymentDate(april).Format(time.DateOnly))
	// Output:
	// IS 2023-05-10
	// GB 2023-05-11
}

func ExampleCalendar_ExpectedPayment() {
	is, _ := calendar.New("IS")
	march := calendar.Month{Year: 2024, Month: time.March}
	for _, submitted := range []time.Time{date(2024, time.April, 4), date(2024, time.April, 19)} {
		pay, late := is.ExpectedPayment(march, submitted)
		fmt.Println(submitted.Format(time.DateOnly), "paid by", pay.Format(time.DateOnly), "late:", late)
	}
	// Output:
	// 2024-04-04 paid by 2024-04-10 late: false
	// 2024-04-19 paid by 2024-05-02 late: true
}

func ExampleCalendar_Payout() {
	is, _ := calendar.New("IS")
	// Seed 000: charges of Wednesday 21 to Tuesday 27 June 2023 are paid on Tuesday 4 July.
	p := is.Payout(date(2023, time.June, 23))
	fmt.Println(p.WindowStart.Format(time.DateOnly), p.WindowEnd.Format(time.DateOnly), p.Date.Format(time.DateOnly))
	// Christmas Eve 2024 is a Tuesday, a day off in Iceland, and so are the two days after it.
	p = is.Payout(date(2024, time.December, 16))
	fmt.Println(p.Date.Format("Mon 2 Jan 2006"))
	// Output:
	// 2023-06-21 2023-06-27 2023-07-04
	// Fri 27 Dec 2024
}

func ExampleCalendar_NthWorkingDay() {
	gb, _ := calendar.New("GB")
	fmt.Println(gb.NthWorkingDay(calendar.Month{Year: 2022, Month: time.June}, 1).Format(time.DateOnly))
	fmt.Println(gb.NthWorkingDay(calendar.Month{Year: 2022, Month: time.June}, 2).Format(time.DateOnly))
	// Output:
	// 2022-06-01
	// 2022-06-06
}

func ExampleCalendar_AddWorkingDays() {
	is, _ := calendar.New("IS")
	// Two working days after Tuesday 26 March 2024 skip Easter, Thursday to Monday.
	fmt.Println(is.AddWorkingDays(date(2024, time.March, 26), 2).Format("Mon 2 Jan"))
	// Output: Tue 2 Apr
}

func ExampleCalendar_Holidays() {
	gb, _ := calendar.New("GB-SCT", date(2023, time.December, 27))
	for _, h := range gb.Holidays(2023)[9:] {
		fmt.Println(h.Date.Format("Mon 2 Jan"), h.Name)
	}
	// Output:
	// Thu 30 Nov St Andrew's Day
	// Mon 25 Dec Christmas Day
	// Tue 26 Dec Boxing Day
	// Wed 27 Dec Closure
}
