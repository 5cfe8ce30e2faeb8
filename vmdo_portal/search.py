"""The site search (/suche/): what visitors may see, in one list grouped by kind.

Each group is one bounded query (its first LIMIT rows, with the total counted by a window
function in the same query), folded and typo-tolerant like the directory search
(vmdo_portal.folding): associations search their stored search text (members.search),
the others fold their translated texts on the fly (PostgreSQL `unaccent` and `pg_trgm`,
SQLite the registered `portal_fold`). A new public group is a function in GROUPS.

Closed areas (the members-only network) register their own search sources here, so this
module never imports them (see "Closed areas" below): their results show only to people
the area admits, in a group of their own after the public results.
"""

from collections.abc import Callable
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
    # The template of one result (`item`); the public groups are drawn by search.html.
    template: str = ""

    def __post_init__(self):
        if self.more_count is None:
            self.more_count = self.count


@dataclass
class AreaResults:
    """The results of one closed area: its label ("From the network") and its groups."""

    key: str
    label: str
    groups: list = field(default_factory=list)


@dataclass
class Results:
    query: str
    groups: list = field(default_factory=list)
    areas: list = field(default_factory=list)

    @property
    def all_groups(self) -> list:
        return self.groups + [group for area in self.areas for group in area.groups]

    @property
    def count(self) -> int:
        return sum(group.count for group in self.all_groups)


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


GROUPS = [associations, events, projects, sites, pages]


# --- Closed areas ------------------------------------------------------------------
#
# A closed area (the members' network) is registered once by its app, with who may see
# its results:
#
#     search.area_register("network", _("From the network"), admits=may_enter)
#
# where `admits(request)` is True for the people inside (it is asked only for signed-in
# people: anonymous visitors never see a closed area, and cost no query). Each part of
# the area then registers its source, from its own code (e.g. its register.py):
#
#     search.source_register("network", contacts, order=30)
#
# A source is called like the public GROUPS: `source(query, query_words, now, user)`,
# and returns a `Group` or None. Its `key` must be unique on the page (prefix it with
# the area: "network-contacts"); its `template` draws one result (`item` in its context,
# inside an <li>; headings below h4 if any). Bound its query with `_group`'s LIMIT (use
# `group_of`) and keep to what the area's people may see: the source itself filters,
# the area's `admits` only decides whether the sources run at all. The groups show in
# `order` after the public results, under the area's label.


@dataclass(frozen=True)
class Area:
    key: str
    label: str  # lazily translated
    admits: Callable


_areas: dict[str, Area] = {}
_sources: dict[str, dict[Callable, int]] = {}


def area_register(key: str, label, *, admits: Callable) -> None:
    """A closed area whose results only people it `admits(request)` see (idempotent)."""
    _areas[key] = Area(key, label, admits)
    _sources.setdefault(key, {})


def source_register(area: str, source: Callable, *, order: int = 100) -> None:
    """A search source of a closed area (idempotent)."""
    _sources.setdefault(area, {})[source] = order


def group_of(key, label, queryset, template, more_url="", more_label="") -> Group | None:
    """A closed area's group: the first LIMIT rows of `queryset`, its total counted in the
    same query (the rows need no `total` annotation)."""
    group = _group(key, label, _with_total(queryset), more_url, more_label)
    if group is not None:
        group.template = template
    return group


def _closed_areas(request, query, query_words, now) -> list[AreaResults]:
    found = []
    if request is None or not request.user.is_authenticated:
        return found
    for key, area in _areas.items():
        sources = sorted(_sources.get(key, {}).items(), key=lambda item: item[1])
        if not sources or not area.admits(request):
            continue
        groups = [source(query, query_words, now, request.user) for source, _order in sources]
        groups = [group for group in groups if group is not None]
        if groups:
            found.append(AreaResults(key, area.label, groups))
    return found


def site_search(query: str, *, user=None, now: datetime | None = None, request=None) -> Results:
    """Everything a visitor may see that matches the query, grouped by kind; with the
    `request` of a signed-in person, also what the closed areas they are in hold."""
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
    results.areas = _closed_areas(request, query, query_words, now)
    return results
