"""Template filters for dates, times and numbers per CLDR (see vmdo_portal/l10n.py).

    {% load cldr %}
    {{ event.start|cldr_date:"full" }}      Freitag, 11. Dezember 2026 / 11 Aralık 2026 Cuma
    {{ event.start|cldr_time }}             19:30 / 7:30 PM
    {{ booking.start|cldr_datetime:"short" }}
    {{ day|cldr_weekday }} {{ day|cldr_weekday:"wide" }}
    {{ month|cldr_month_year }}             Dezember 2026 / грудень 2026 р.
    {{ count|cldr_number }}
    {% cldr_when event.start event.end event.all_day %}
                                            Freitag, 11. Dezember 2026, 19:00–21:00 Uhr
    {% cldr_date_range start end %}  {% cldr_time_range start end %}

The argument is a width (full, long, medium, short) or a CLDR skeleton ("MMMEd").
An empty value (None, "") gives "", like Django's |date.
"""

from django import template

from vmdo_portal import l10n

register = template.Library()


def _empty(value) -> bool:
    return value is None or value == ""


@register.filter
def cldr_date(value, format="medium"):
    return "" if _empty(value) else l10n.format_date(value, format)


@register.filter
def cldr_time(value, format="short"):
    return "" if _empty(value) else l10n.format_time(value, format)


@register.filter
def cldr_datetime(value, format="medium"):
    return "" if _empty(value) else l10n.format_datetime(value, format)


@register.filter
def cldr_weekday(value, width="abbreviated"):
    return "" if _empty(value) else l10n.format_weekday(value, width)


@register.filter
def cldr_month_year(value):
    return "" if _empty(value) else l10n.format_month_year(value)


@register.filter
def cldr_number(value):
    return "" if _empty(value) else l10n.format_number(value)


@register.simple_tag
def cldr_date_range(start, end, skeleton="yMMMd"):
    return l10n.format_date_range(start, end, skeleton)


@register.simple_tag
def cldr_time_range(start, end):
    return l10n.format_time_range(start, end)


@register.simple_tag
def cldr_when(start, end=None, all_day=False, format="full"):
    return "" if _empty(start) else l10n.format_when(start, end, all_day, format)
