package calendar

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// The United Kingdom's bank holidays, by nation: England and Wales, Scotland, Northern Ireland.
// rickar/cal's gb package has England and Wales's regular holidays and a few one-off changes
// (2020, 2022, 2023); the rules here take its regular ones and add every one-off change since
// 1978 (the first Early May bank holiday), from the Royal Proclamations listed on
// https://www.gov.uk/bank-holidays and in The Gazette. Names follow gov.uk.

// Substitution rules: a holiday on a weekend moves to the next weekday that is not already one.
var (
	ukWeekend = []cal.AltDay{ // Saturday and Sunday move to Monday
		{Day: time.Saturday, Offset: 2},
		{Day: time.Sunday, Offset: 1},
	}
	ukSecondDay = []cal.AltDay{ // 2 January: Saturday, Sunday and Monday move one weekday on
		{Day: time.Saturday, Offset: 2},
		{Day: time.Sunday, Offset: 2},
		{Day: time.Monday, Offset: 1},
	}
	ukChristmasAlt = []cal.AltDay{ // 25 and 26 December: to Monday 27 and Tuesday 28, as gov.uk names them
		{Day: time.Saturday, Offset: 2},
		{Day: time.Sunday, Offset: 2},
	}
)

// ukOneOff is a bank holiday of one year only.
func ukOneOff(name string, y int, m time.Month, d int) *cal.Holiday {
	return &cal.Holiday{Name: name, Type: cal.ObservanceBank, Month: m, Day: d,
		Func: cal.CalcDayOfMonth, StartYear: y, EndYear: y}
}

var (
	ukNewYear      = gb.NewYear.Clone(&cal.Holiday{Name: "New Year's Day", Observed: ukWeekend})
	ukGoodFriday   = gb.GoodFriday.Clone(&cal.Holiday{Name: "Good Friday"})
	ukEasterMonday = gb.EasterMonday.Clone(&cal.Holiday{Name: "Easter Monday"})
	// In 1995 and 2020 the Early May bank holiday moved to 8 May for VE Day's anniversary.
	ukEarlyMay = gb.EarlyMay.Clone(&cal.Holiday{Name: "Early May bank holiday",
		StartYear: 1978, Except: []int{1995, 2020}})
	// In jubilee years the Spring bank holiday moved next to the jubilee's own.
	ukSpring = gb.SpringHoliday.Clone(&cal.Holiday{Name: "Spring bank holiday",
		StartYear: 1971, Except: []int{2002, 2012, 2022}})
	ukSummer         = gb.SummerHoliday.Clone(&cal.Holiday{Name: "Summer bank holiday", StartYear: 1971})
	ukSummerScotland = gb.SummerHolidayScotland.Clone(&cal.Holiday{Name: "Summer bank holiday"})
	ukChristmas      = gb.ChristmasDay.Clone(&cal.Holiday{Name: "Christmas Day", Observed: ukChristmasAlt})
	ukBoxingDay      = gb.BoxingDay.Clone(&cal.Holiday{Name: "Boxing Day", Observed: ukChristmasAlt})

	ukSecondJanuary = &cal.Holiday{Name: "2nd January", Type: cal.ObservanceBank,
		Month: time.January, Day: 2, Func: cal.CalcDayOfMonth, Observed: ukSecondDay}
	// St Andrew's Day Bank Holiday (Scotland) Act 2007, in force from 16 January 2007.
	ukStAndrew = &cal.Holiday{Name: "St Andrew's Day", Type: cal.ObservanceBank,
		Month: time.November, Day: 30, Func: cal.CalcDayOfMonth, Observed: ukWeekend, StartYear: 2007}
	ukStPatrick = &cal.Holiday{Name: "St Patrick's Day", Type: cal.ObservanceBank,
		Month: time.March, Day: 17, Func: cal.CalcDayOfMonth, Observed: ukWeekend}
	ukBoyne = &cal.Holiday{Name: "Battle of the Boyne (Orangemen's Day)", Type: cal.ObservanceBank,
		Month: time.July, Day: 12, Func: cal.CalcDayOfMonth, Observed: ukWeekend}

	// One-off changes, throughout the United Kingdom.
	ukOneOffs = []*cal.Holiday{
		ukOneOff("Wedding of Prince Charles and Lady Diana Spencer", 1981, time.July, 29),
		ukOneOff("Early May bank holiday (VE day)", 1995, time.May, 8),
		ukOneOff("Millennium bank holiday", 1999, time.December, 31),
		ukOneOff("Golden Jubilee bank holiday", 2002, time.June, 3),
		ukOneOff("Spring bank holiday", 2002, time.June, 4),
		ukOneOff("Wedding of Prince William and Catherine Middleton", 2011, time.April, 29),
		ukOneOff("Spring bank holiday", 2012, time.June, 4),
		ukOneOff("Diamond Jubilee bank holiday", 2012, time.June, 5),
		ukOneOff("Early May bank holiday (VE day)", 2020, time.May, 8),
		ukOneOff("Spring bank holiday", 2022, time.June, 2),
		ukOneOff("Platinum Jubilee bank holiday", 2022, time.June, 3),
		ukOneOff("Bank Holiday for the State Funeral of Queen Elizabeth II", 2022, time.September, 19),
		ukOneOff("Bank holiday for the coronation of King Charles III", 2023, time.May, 8),
	}
)

var (
	ukEnglandWales = concat([]*cal.Holiday{
		ukNewYear, ukGoodFriday, ukEasterMonday, ukEarlyMay, ukSpring, ukSummer,
		ukChristmas, ukBoxingDay,
	}, ukOneOffs)
	ukScotland = concat([]*cal.Holiday{
		ukNewYear, ukSecondJanuary, ukGoodFriday, ukEarlyMay, ukSpring, ukSummerScotland,
		ukStAndrew, ukChristmas, ukBoxingDay,
	}, ukOneOffs)
	ukNorthernIreland = concat([]*cal.Holiday{
		ukNewYear, ukStPatrick, ukGoodFriday, ukEasterMonday, ukEarlyMay, ukSpring, ukBoyne,
		ukSummer, ukChristmas, ukBoxingDay,
	}, ukOneOffs)
)

func concat(lists ...[]*cal.Holiday) []*cal.Holiday {
	var all []*cal.Holiday
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
