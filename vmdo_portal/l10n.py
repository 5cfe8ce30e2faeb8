"""Dates, times and numbers as the reader's locale writes them, from CLDR (via Babel).

Django's ``|date`` applies one pattern to every language ("j. F Y" gives "11. Aralık"
in Turkish); CLDR knows each language's own order, cases and separators ("11 Aralık
2026 Cuma", "11 грудня 2026 р.", "الجمعة، 11 ديسمبر 2026"). Everything a visitor or
member reads goes through these functions or the ``cldr`` template filters; values
for machines (``datetime=`` attributes, URL parameters, iCal, JSON-LD) stay ISO.

- Locale: the active Django language (``de en tr ar uk ru fa pl``), or ``locale=``.
- Time zone: aware datetimes are shown in ``settings.TIME_ZONE`` (Europe/Berlin), so
  19:00 in Dortmund reads 19:00 whatever the server's or the reader's zone; naive
  datetimes are taken as already local.
- Digits: Latin digits (0–9) in every locale, the CLDR "latn" numbering system.
  Babel writes dates and times with Latin digits, CLDR's default for Arabic is "latn"
  too, and Farsi pages then show the same digits in a date, a number, a postcode and a
  phone number; separators and patterns still follow the locale (fa: "1,234.5",
  uk: "1 234,5").
- Widths: ``"full" | "long" | "medium" | "short"`` or a CLDR skeleton such as
  ``"MMMEd"`` (weekday, day, month), ``"yMMMM"`` (month and year); skeletons adapt
  to each locale's order.
"""

from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

WIDTHS = ("full", "long", "medium", "short")
NUMBERING_SYSTEM = "latn"


@lru_cache(maxsize=32)
def babel_locale(language: str | None = None) -> Locale:
    """The Babel locale of a Django language code ("uk", "pt-br"), German if unknown."""
    code = (language or get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(settings.LANGUAGE_CODE)


def _locale(locale) -> Locale:
    if isinstance(locale, Locale):
        return locale
    return babel_locale(locale or get_language())


@lru_cache(maxsize=1)
def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local(value: datetime) -> datetime:
    """An aware datetime in the portal's time zone; a naive one is taken as local."""
    zone = _zone()
    if timezone.is_naive(value):
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _day(value: date | datetime) -> date:
    return local(value).date() if isinstance(value, datetime) else value


def format_date(value: date | datetime, format: str = "medium", locale=None) -> str:
    """A calendar day: ``format`` is a width (full/long/medium/short) or a skeleton."""
    loc = _locale(locale)
    day = _day(value)
    if format in WIDTHS:
        return babel_dates.format_date(day, format, locale=loc)
    return babel_dates.format_skeleton(format, day, locale=loc)


def format_time(value: datetime | time, format: str = "short", locale=None) -> str:
    """A time of day ("19:30", "7:30 PM", "7:30 م"), in the portal's time zone."""
    loc = _locale(locale)
    if isinstance(value, datetime):
        value = local(value)
        if format in WIDTHS:
            return babel_dates.format_time(value, format, tzinfo=_zone(), locale=loc)
        return babel_dates.format_skeleton(format, value, tzinfo=_zone(), locale=loc)
    if format in WIDTHS:
        return babel_dates.format_time(value, format, locale=loc)
    return babel_dates.format_skeleton(
        format, datetime.combine(date(2000, 1, 1), value), locale=loc
    )


def format_datetime(value: datetime, format: str = "medium", locale=None) -> str:
    """Day and time of day, in the portal's time zone: "11.12.2026, 19:30".

    ``format`` chooses the day's part (a width or a date skeleton such as ``"yMEd"``);
    the time is always hours and minutes (the locale's short time), and the two are
    joined by the locale's own date-time pattern, as CLDR combines them.
    """
    loc = _locale(locale)
    value = local(value)
    day = format_date(value, format, loc)
    clock = babel_dates.format_time(value, "short", tzinfo=_zone(), locale=loc)
    return _combine(loc, format, day, clock)


def _combine(loc: Locale, format: str, day: str, clock: str) -> str:
    """CLDR's dateTimeFormat of the width that matches the day's part."""
    if format not in WIDTHS:
        if "MMMM" in format or "LLLL" in format:
            format = "full" if "E" in format else "long"
        else:
            format = "medium" if "MMM" in format or "LLL" in format else "short"
    pattern = str(loc.datetime_formats[format])
    return pattern.replace("{1}", day).replace("{0}", clock)


def format_weekday(value: date | datetime, width: str = "abbreviated", locale=None) -> str:
    """The weekday's name on its own (a column heading): "Mo", "Pzt", "الاثنين"."""
    names = babel_dates.get_day_names(width, context="stand-alone", locale=_locale(locale))
    return names[_day(value).weekday()]


def weekday_names(width: str = "abbreviated", locale=None) -> list[str]:
    """Monday to Sunday, stand-alone names (calendar headings)."""
    names = babel_dates.get_day_names(width, context="stand-alone", locale=_locale(locale))
    return [names[index] for index in range(7)]


def format_month_year(value: date | datetime, locale=None) -> str:
    """A month of a year, as a heading: "Dezember 2026", "грудень 2026 р.", "Aralık 2026"."""
    return babel_dates.format_skeleton("yMMMM", _day(value), locale=_locale(locale))


def format_date_range(
    start: date | datetime, end: date | datetime, skeleton: str = "yMMMd", locale=None
) -> str:
    """Two days as one span ("1.–3. Dez. 2026", "1–3 Ara 2026"); one day if they are equal."""
    return babel_dates.format_interval(_day(start), _day(end), skeleton, locale=_locale(locale))


def format_time_range(start: datetime | time, end: datetime | time, locale=None) -> str:
    """Two times of one day as a span ("18:00–20:00 Uhr", "6:00 – 8:00 PM")."""
    loc = _locale(locale)
    skeleton = "Hm" if _uses_24h(loc) else "hm"
    if isinstance(start, datetime):
        start, end = local(start), local(end)
        return babel_dates.format_interval(start, end, skeleton, tzinfo=_zone(), locale=loc)
    return babel_dates.format_interval(start, end, skeleton, locale=loc)


def format_when(
    start: datetime,
    end: datetime | None = None,
    all_day: bool = False,
    format: str = "full",
    locale=None,
) -> str:
    """When something happens: the day, then its times as one span.

    "Freitag, 11. Dezember 2026, 19:00–21:00 Uhr", "11 Aralık 2026 Cuma 19:00–21:00";
    the day alone when ``all_day``; two full moments when it ends on a later day.
    """
    loc = _locale(locale)
    if all_day:
        return format_date(start, format, loc)
    if end is None:
        return format_datetime(start, format, loc)
    if local(start).date() != local(end).date():
        return (
            _interval(loc)
            .replace("{0}", format_datetime(start, format, loc))
            .replace("{1}", format_datetime(end, format, loc))
        )
    return _combine(
        loc, format, format_date(start, format, loc), format_time_range(start, end, loc)
    )


def _interval(loc: Locale) -> str:
    """CLDR's fallback pattern for a span of two values ("{0} – {1}", fa "{0} تا {1}")."""
    return str(loc.interval_formats.get(None, "{0} – {1}"))


def _uses_24h(locale) -> bool:
    """Whether the locale's short time pattern counts hours 0–23 (H) rather than 1–12 (h)."""
    pattern = _locale(locale).time_formats["short"].pattern
    return "H" in pattern or "k" in pattern


def format_number(
    value: int | float | Decimal, locale=None, decimal_quantization: bool = True
) -> str:
    """A number with the locale's separators and Latin digits: "1.234,5", "1 234,5"."""
    return babel_numbers.format_decimal(
        value,
        locale=_locale(locale),
        decimal_quantization=decimal_quantization,
        numbering_system=NUMBERING_SYSTEM,
    )
