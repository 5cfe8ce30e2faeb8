"""The parts of the network area: their places in its navigation.

Each part registers its list page (`register`); the area's pages show the links in the
order given. News on the start page come through the section slot "network_start"
(vmdo_portal.sections), whose context functions get the time of the person's previous
visit as the object.
"""

from dataclasses import dataclass

from django.urls import reverse

START_SLOT = "network_start"


@dataclass(frozen=True)
class Area:
    url_name: str
    label: str  # lazily translated
    order: int


_areas: dict[str, Area] = {}


def register(url_name: str, label, order: int) -> None:
    _areas[url_name] = Area(url_name, label, order)


def navigation(request) -> list[dict]:
    links = [{"url": reverse("network:start"), "label": None, "url_name": "network:start"}]
    links += [
        {"url": reverse(area.url_name), "label": area.label, "url_name": area.url_name}
        for area in sorted(_areas.values(), key=lambda area: area.order)
    ]
    for link in links:
        link["current"] = request.path == link["url"] or (
            link["url_name"] != "network:start" and request.path.startswith(link["url"])
        )
    return links
