"""The site search (/suche/): what visitors may see, in one list grouped by kind.

Each group is one bounded query (its first LIMIT rows, with the total counted by a window
function in the same query), folded and typo-tolerant like the directory search
(vmdo_portal.folding): associations search their stored search text (members.search),
the others fold their translated texts on the fly (PostgreSQL `unaccent` and `pg_trgm`,
SQLite the registered `portal_fold`). A new group (e.g. the members-only network) is a
function in GROUPS that may look at the request's user.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from events.models import Event
from members import search as association_search
from members.models import Association
from projects.models import Project, Site
from vmdo_portal.folding import folded_search, translations_shown, words
from vmdo_portal.models import Page
from vmdo_portal.vocabulary import District

LIMIT = 10


@dataclass
class Group:
    key: str
    label: str
    items: list
    count: int
    more_url: str = ""
    more_label: str = ""
    # How many the "show all" link lists (the events page lists upcoming ones only).
    more_count: int | None = None

    def __post_init__(self):
        if self.more_count is None:
            self.more_count = self.count


@dataclass
class Results:
    query: str
    groups: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def _translated(name: str) -> list[str]:
    return [f"{name}_{code}" for code, _label in settings.LANGUAGES]


def _with_total(queryset):
    return queryset.annotate(total=Window(Count("pk")))


def _group(key, label, queryset, more_url="", more_label="") -> Group | None:
    items = list(queryset[:LIMIT])
    if not items:
        return None
    return Group(key, label, items, items[0].total, more_url, more_label)


def associations(query, query_words, now, user):
    queryset = association_search.search(Association.objects.public(), query)
    queryset = association_search.order_by_rank(_with_total(queryset))
    more = reverse("members:directory") + "?" + urlencode({"q": query})
    return _group(
        "associations", _("Associations"), queryset, more, _("Search and filter associations")
    )


def projects(query, query_words, now, user):
    queryset = folded_search(
        Project.objects.published(),
        query_words,
        [*_translated("title"), "acronym", *_translated("summary"), *_translated("description")],
        [*_translated("title"), "acronym"],
    )
    return _group(
        "projects",
        _("Projects"),
        _with_total(queryset).order_by("-title_match", "order", "title"),
    )


def _district_label():
    return Case(
        *[When(district=code, then=Value(label)) for code, label in District.choices],
        default=Value(""),
    )


def sites(query, query_words, now, user):
    queryset = folded_search(
        Site.objects.active(today=timezone.localdate(now)).select_related("project"),
        query_words,
        ["name", "operator", "street", "city", _district_label()],
        ["name"],
    )
    return _group(
        "sites", _("Sites"), _with_total(queryset).order_by("-title_match", "order", "name")
    )


def events(query, query_words, now, user):
    """Published (and cancelled, marked) events: upcoming first by date, then past ones.

    Events are many (a weekly series is a row per week): their titles and summaries are
    searched in German and in the visitor's language, as on the events page.
    """
    queryset = folded_search(
        Event.objects.public(),
        query_words,
        [*translations_shown("title"), *translations_shown("summary")],
        translations_shown("title"),
    ).annotate(
        past=Case(When(end__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    group = _group(
        "events",
        _("Events"),
        _with_total(queryset)
        .annotate(upcoming=Window(Count("pk", filter=Q(end__gte=now))))
        .order_by(
            "past",
            Case(When(end__gte=now, then=F("start"))).asc(nulls_last=True),
            F("start").desc(),
        ),
        reverse("events:list") + "?" + urlencode({"q": query}),
        _("Search and filter events"),
    )
    if group:
        # The events page lists upcoming events, its archive past ones: the link goes to
        # the one that holds the hits and counts what it will list.
        upcoming = group.items[0].upcoming
        group.more_count = upcoming or group.count
        if not upcoming:
            group.more_url = reverse("events:list") + "?" + urlencode({"archiv": 1, "q": query})
    return group


def pages(query, query_words, now, user):
    queryset = folded_search(
        Page.objects.all(),
        query_words,
        [*_translated("title"), *_translated("summary"), *_translated("body")],
        _translated("title"),
    )
    return _group("pages", _("Pages"), _with_total(queryset).order_by("-title_match", "key"))


def network_resources(query, query_words, now, user):
    """The network's library: only for people inside the area (members of a member
    association), in a group of its own; visitors never see it."""
    from network.library.selectors import resources_for_search
    from network.permissions import member_associations

    if user is None or not user.is_authenticated or not member_associations(user).exists():
        return None
    queryset = folded_search(
        resources_for_search(),
        query_words,
        [*translations_shown("title"), *translations_shown("summary")],
        translations_shown("title"),
    )
    return _group(
        "network",
        _("From the network"),
        _with_total(queryset).order_by("-title_match", "-published_at"),
        reverse("network:library_list") + "?" + urlencode({"q": query}),
        _("Search the knowledge library"),
    )


GROUPS = [associations, events, projects, sites, pages, network_resources]


def site_search(query: str, *, user=None, now: datetime | None = None) -> Results:
    """Everything a visitor may see that matches the query, grouped by kind."""
    query = (query or "").strip()
    query_words = words(query)
    results = Results(query=query)
    if not query_words:
        return results
    now = now or timezone.now()
    for search_group in GROUPS:
        group = search_group(query, query_words, now, user)
        if group is not None:
            results.groups.append(group)
    return results
