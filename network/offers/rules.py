"""The rules a post's fields follow, checked by the form (as field errors) and again by
the services (for every other caller)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import OfferPost
from vmdo_portal.l10n import format_date

# How far ahead a post may stay in the list: it is asked again after half a year.
MAX_VALIDITY = timedelta(days=183)


def latest_valid_until(today=None):
    return (today or timezone.localdate()) + MAX_VALIDITY


def post_problems(*, category, languages, valid_until, today=None) -> dict:
    """{field: message} for what is wrong with these values (empty when all is well)."""
    today = today or timezone.localdate()
    problems = {}
    if category == OfferPost.Category.INTERPRETERS and not languages:
        problems["languages"] = _("Please choose the language(s) the interpreting is for.")
    if valid_until is not None and valid_until < today:
        problems["valid_until"] = _("Please choose today or a later day.")
    elif valid_until is not None and valid_until > latest_valid_until(today):
        problems["valid_until"] = _(
            "A post can stay in the list for at most six months, until %(date)s."
        ) % {"date": format_date(latest_valid_until(today))}
    return problems
