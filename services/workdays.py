"""Working days in England: weekends and bank holidays, for the dates the council answers by."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

# One-off bank holidays proclaimed for a single year, beyond the rules below.
EXTRA_HOLIDAYS = {
    dt.date(2022, 6, 3),  # Platinum Jubilee
    dt.date(2022, 9, 19),  # State funeral of Queen Elizabeth II
    dt.date(2023, 5, 8),  # Coronation of King Charles III
}
# When a one-off holiday moved a regular one rather than adding a day.
MOVED_HOLIDAYS = {
    dt.date(2020, 5, 4): dt.date(2020, 5, 8),  # Early May bank holiday moved for VE Day
    dt.date(2022, 5, 30): dt.date(2022, 6, 2),  # Spring bank holiday moved for the Jubilee
}


def easter_sunday(year: int) -> dt.date:
    """The Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


def _substitute(day: dt.date, taken: set[dt.date]) -> dt.date:
    """A holiday on a weekend moves to the next weekday not already a holiday."""
    while day.weekday() >= 5 or day in taken:
        day += dt.timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays in a year, by the Banking and Financial Dealings Act
    rules plus the proclaimed one-offs above."""
    easter = easter_sunday(year)
    days = {
        easter - dt.timedelta(days=2),  # Good Friday
        easter + dt.timedelta(days=1),  # Easter Monday
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    days = {MOVED_HOLIDAYS.get(d, d) for d in days}
    days.add(_substitute(dt.date(year, 1, 1), set()))
    christmas = _substitute(dt.date(year, 12, 25), set())
    days.add(christmas)
    days.add(_substitute(dt.date(year, 12, 26), {christmas}))
    days |= {d for d in EXTRA_HOLIDAYS if d.year == year}
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (a request made on a Saturday counts from
    the Monday, as the council would)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
