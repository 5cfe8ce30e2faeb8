"""The trainings' place in the network area: navigation and news on the start page."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network import areas
from network.trainings import search, selectors
from vmdo_portal import search as site_search
from vmdo_portal import sections


def news(request, since):
    """Upcoming trainings published since the person's last visit."""
    trainings = selectors.trainings_published_since(since, timezone.now())
    return {"trainings": trainings} if trainings else None


areas.register("network:trainings", _("Trainings"), 40)
sections.register(areas.START_SLOT, "network/trainings/news.html", news)
site_search.source_register("network", search.trainings, order=40)
