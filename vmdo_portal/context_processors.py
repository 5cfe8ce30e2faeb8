from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vmdo_portal.languages import language_links

# Main navigation: (URL name, label). An entry shows once its app provides the page.
MAIN_NAVIGATION = [
    ("members:directory", _("Associations")),
    ("projects:list", _("Projects")),
    ("projects:sites", _("Find help")),
    ("facilities:house", _("Haus der Vielfalt")),
    ("events:list", _("Events")),
    ("about", _("About us")),
]
FOOTER_NAVIGATION = [
    ("imprint", _("Legal notice")),
    ("privacy", _("Privacy policy")),
    ("accessibility", _("Accessibility")),
]


def _links(entries, current_path):
    links = []
    for name, label in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label, "current": current_path.startswith(url)})
    return links


def portal(request):
    language = get_language()
    return {
        "main_navigation": _links(MAIN_NAVIGATION, request.path),
        "footer_navigation": _links(FOOTER_NAVIGATION, request.path),
        "language_links": language_links(request.get_full_path(), language),
        "portal_contact": settings.PORTAL_CONTACT,
    }
