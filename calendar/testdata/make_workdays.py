#!/usr/bin/python3
"""Write workdays.csv: the 3rd and 7th working day of every month from 2000 to 2060, for Iceland
(IS) and England and Wales (GB-EAW), from a holiday source independent of rickar/cal: Debian's
python3-holidays (0.10.1 when this was written). TestWorkdaysTable compares the calendar package
against the table, so the Go tests need no Python.

Made with, from the repository root:

    /usr/bin/python3 calendar/testdata/make_workdays.py > calendar/testdata/workdays.csv

(/usr/bin/python3 is the Debian interpreter that has the holidays module.)

A working day is Monday to Friday and not a holiday. Where python-holidays disagrees with the
official sources the OVERRIDES below decide, each with its source; the script fails if an
override no longer changes anything, so that an upgraded python-holidays is noticed.
"""

import csv
import datetime
import sys

import holidays

FIRST_YEAR, LAST_YEAR = 2000, 2060

# Iceland: python-holidays matches the holidays of Act 88/1971 (lög um 40 stunda vinnuviku), art. 6,
# including Aðfangadagur (24 Dec) and Gamlársdagur (31 Dec), holidays from 13:00 that the calendar
# package counts as whole days off. No overrides.
#
# England and Wales: python-holidays 0.10.1 (2020) misses bank holidays appointed by Royal
# Proclamation after it was released, and the 2002 move of the Spring bank holiday. Source:
# https://www.gov.uk/bank-holidays (2022, 2023) and, for 2002, the Prime Minister's written answer
# of 24 November 2000 announcing the Golden Jubilee holiday on Monday 3 June 2002 and the Spring
# bank holiday moved from 27 May to Tuesday 4 June (the proclamation followed in The Gazette).
OVERRIDES = {
    "GB-EAW": {
        "add": {
            datetime.date(2002, 6, 4): "Spring bank holiday, moved for the Golden Jubilee",
            datetime.date(2022, 6, 2): "Spring bank holiday, moved for the Platinum Jubilee",
            datetime.date(2022, 6, 3): "Platinum Jubilee bank holiday",
            datetime.date(2022, 9, 19): "Bank Holiday for the State Funeral of Queen Elizabeth II",
            datetime.date(2023, 5, 8): "Bank holiday for the coronation of King Charles III",
        },
        "remove": {
            datetime.date(2002, 5, 27): "Spring bank holiday, moved to 4 June 2002",
            datetime.date(2022, 5, 30): "Spring bank holiday, moved to 2 June 2022",
        },
    },
}

SOURCES = {
    "IS": lambda years: holidays.Iceland(years=years),
    "GB-EAW": lambda years: holidays.England(years=years),
}


def days_off(country):
    """The holiday dates of FIRST_YEAR..LAST_YEAR+1, overrides applied."""
    off = set(SOURCES[country](range(FIRST_YEAR, LAST_YEAR + 2)).keys())
    fix = OVERRIDES.get(country, {})
    for d, why in fix.get("add", {}).items():
        if d in off:
            sys.exit(f"make_workdays: {country} {d} ({why}) is already a holiday: drop the override")
        off.add(d)
    for d, why in fix.get("remove", {}).items():
        if d not in off:
            sys.exit(f"make_workdays: {country} {d} ({why}) is not a holiday: drop the override")
        off.remove(d)
    return off


def nth_working_day(year, month, n, off):
    d = datetime.date(year, month, 1)
    while True:
        if d.weekday() < 5 and d not in off:
            n -= 1
            if n == 0:
                return d
        d += datetime.timedelta(days=1)


def main():
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["country", "month", "third", "seventh"])
    for country in SOURCES:
        off = days_off(country)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for month in range(1, 13):
                w.writerow([
                    country,
                    f"{year:04d}-{month:02d}",
                    nth_working_day(year, month, 3, off).isoformat(),
                    nth_working_day(year, month, 7, off).isoformat(),
                ])


if __name__ == "__main__":
    main()
